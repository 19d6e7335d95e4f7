package review

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// HashCommand implements `gateway hash-secret`: it reads one secret from stdin (so it
// stays out of the shell history) and prints the line to paste into the moderators
// file. It returns the process exit code.
func HashCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("hash-secret", flag.ContinueOnError)
	fs.SetOutput(stderr)
	password := fs.Bool("password", false, "hash a password (PBKDF2-SHA256) instead of a bearer token (SHA-256)")
	iterations := fs.Int("iterations", DefaultPasswordIterations, "PBKDF2 iterations for --password")
	natsPassword := fs.Bool("nats", false, "hash a NATS user's password (bcrypt) for nats-server's configuration (deploy/nats/mosaic-accounts.conf); prints the bare hash")
	natsCost := fs.Int("cost", 11, "with --nats: bcrypt cost; a generated random password (as make-secrets writes, 190 bits) needs no stretching, and a low cost (4) keeps every connection's handshake fast")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gateway hash-secret [--password | --nats] < secret\n\nReads a token (or a password) from stdin and prints its token_hash (or password_hash)\nfor the moderators file; with --nats, the bcrypt hash of a NATS user's password.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		fmt.Fprintln(stderr, "hash-secret:", err)
		return 1
	}
	secret := strings.TrimRight(line, "\r\n")
	if secret == "" {
		fmt.Fprintln(stderr, "hash-secret: no secret on stdin")
		return 2
	}
	if *natsPassword {
		if *natsCost < bcrypt.MinCost || *natsCost > bcrypt.MaxCost {
			fmt.Fprintf(stderr, "hash-secret: --cost must be %d..%d\n", bcrypt.MinCost, bcrypt.MaxCost)
			return 2
		}
		h, err := bcrypt.GenerateFromPassword([]byte(secret), *natsCost)
		if err != nil {
			fmt.Fprintln(stderr, "hash-secret:", err)
			return 1
		}
		fmt.Fprintf(stdout, "%s\n", h)
		return 0
	}
	if *password {
		h, err := HashPassword(secret, *iterations)
		if err != nil {
			fmt.Fprintln(stderr, "hash-secret:", err)
			return 1
		}
		fmt.Fprintf(stdout, "password_hash: %s\n", h)
		return 0
	}
	if len(secret) < MinTokenLength {
		fmt.Fprintf(stderr, "hash-secret: a token must be at least %d characters of random text (e.g. openssl rand -hex 24); use --password for a password\n", MinTokenLength)
		return 2
	}
	fmt.Fprintf(stdout, "token_hash: %s\n", HashToken(secret))
	return 0
}
