package bus

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/nats-io/nats-server/v2/server"
	"golang.org/x/crypto/bcrypt"
)

// Credentials are the embedded server's users: one generated password per role. They
// live in a directory of their own (<data-dir>/credentials), one file per role,
// readable by the owner only, so the nats CLI and split processes can read them and
// nothing else on the machine can.
type Credentials struct {
	dir       string
	passwords map[Role]string
}

// PasswordFile is the file holding role's password in a credentials directory.
func PasswordFile(dir string, r Role) string {
	return filepath.Join(dir, "nats-"+string(r)+".password")
}

// UserName is the NATS user name of role.
func UserName(r Role) string { return string(r) }

// LoadOrCreateCredentials reads each role's password from dir, generating (with
// crypto/rand) and writing any that is missing, so the first start creates them and
// later starts reuse them. The directory is made mode 0700 and each file 0600; a
// looser mode found on an existing file or directory is tightened, with a warning.
// Other files in dir (such as the platform's gRPC token) are left alone.
func LoadOrCreateCredentials(dir string, logger *slog.Logger) (*Credentials, error) {
	if logger == nil {
		logger = slog.Default()
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("bus: create credentials directory: %w", err)
	}
	if err := tighten(dir, 0o700, logger); err != nil {
		return nil, err
	}
	c := &Credentials{dir: dir, passwords: map[Role]string{}}
	for _, r := range Roles() {
		pw, created, err := loadOrCreateSecret(PasswordFile(dir, r), logger)
		if err != nil {
			return nil, err
		}
		if created {
			logger.Info("generated nats credentials", "user", UserName(r), "file", PasswordFile(dir, r))
		}
		c.passwords[r] = pw
	}
	return c, nil
}

// Dir is the credentials directory.
func (c *Credentials) Dir() string { return c.dir }

// Password is role's password.
func (c *Credentials) Password(r Role) string { return c.passwords[r] }

// AddEphemeral gives role a random password kept in memory only (never written to
// the directory), for a user that exists for one run: gateway bench's baseline
// (RoleBench). Call it before the server starts.
func (c *Credentials) AddEphemeral(r Role) error {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return fmt.Errorf("bus: generate password: %w", err)
	}
	c.passwords[r] = base64.RawURLEncoding.EncodeToString(b)
	return nil
}

// Auth is how a client connects as role with these credentials.
func (c *Credentials) Auth(r Role) ClientAuth {
	return ClientAuth{User: UserName(r), Password: c.passwords[r]}
}

// serverUsers are the embedded server's users, each with its role's permissions. The
// server is given bcrypt hashes, not the passwords. The passwords are 256 random bits,
// so the hash needs no work factor to resist guessing: the minimum cost keeps each
// connect fast.
func (c *Credentials) serverUsers() ([]*server.User, error) {
	var users []*server.User
	roles := Roles()
	if _, ok := c.passwords[RoleBench]; ok {
		roles = append(roles, RoleBench)
	}
	for _, r := range roles {
		h, err := bcrypt.GenerateFromPassword([]byte(c.passwords[r]), bcrypt.MinCost)
		if err != nil {
			return nil, fmt.Errorf("bus: hash nats password: %w", err)
		}
		users = append(users, &server.User{Username: UserName(r), Password: string(h), Permissions: Permissions(r).serverPermissions()})
	}
	return users, nil
}

// LoadOrCreateSecret returns the one-line secret in path (256 random bits, base64url),
// creating it (mode 0600) when absent, and reports whether it did; a looser mode on an
// existing file is tightened. The directory must exist. Other secrets the process
// generates beside the NATS passwords (the platform's gRPC token, the poster-token
// key) are made with it.
func LoadOrCreateSecret(path string, logger *slog.Logger) (secret string, created bool, err error) {
	if logger == nil {
		logger = slog.Default()
	}
	return loadOrCreateSecret(path, logger)
}

// EnsureDir creates a credentials directory (mode 0700) or tightens an existing one.
func EnsureDir(dir string, logger *slog.Logger) error {
	if logger == nil {
		logger = slog.Default()
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("bus: create credentials directory: %w", err)
	}
	return tighten(dir, 0o700, logger)
}

// loadOrCreateSecret returns the secret in path, creating it when absent. The new file
// is written under a temporary name and linked into place, so a crash never leaves a
// partial secret and two processes starting together agree on one.
func loadOrCreateSecret(path string, logger *slog.Logger) (secret string, created bool, err error) {
	secret, err = readSecret(path, logger)
	if err == nil {
		return secret, false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", false, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", false, fmt.Errorf("bus: generate secret: %w", err)
	}
	secret = base64.RawURLEncoding.EncodeToString(raw)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*") // mode 0600
	if err != nil {
		return "", false, fmt.Errorf("bus: write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.WriteString(secret + "\n")
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return "", false, fmt.Errorf("bus: write %s: %w", path, werr)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			// Another process wrote it first: use theirs.
			secret, err = readSecret(path, logger)
			return secret, false, err
		}
		return "", false, fmt.Errorf("bus: write %s: %w", path, err)
	}
	return secret, true, nil
}

// readSecret reads a secret file, tightening its mode to 0600 if it is looser.
func readSecret(path string, logger *slog.Logger) (string, error) {
	if _, err := os.Stat(path); err != nil {
		return "", err
	}
	if err := tighten(path, 0o600, logger); err != nil {
		return "", err
	}
	return ReadSecretFile(path)
}

// ReadSecretFile reads a secret (a password) from path, without its trailing newline.
func ReadSecretFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("bus: read secret: %w", err)
	}
	s := strings.TrimRight(string(b), "\r\n")
	if s == "" || strings.ContainsAny(s, "\r\n") {
		return "", fmt.Errorf("bus: secret file %s must hold one non-empty line", path)
	}
	return s, nil
}

// tighten sets path's permission bits to mode when any bit beyond mode is set.
func tighten(path string, mode fs.FileMode, logger *slog.Logger) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("bus: credentials: %w", err)
	}
	if st.Mode().Perm()&^mode == 0 {
		return nil
	}
	logger.Warn("credentials were readable by others; tightening", "path", path, "was", st.Mode().Perm().String(), "now", mode.String())
	if err := os.Chmod(path, mode); err != nil {
		return fmt.Errorf("bus: credentials: %w", err)
	}
	return nil
}
