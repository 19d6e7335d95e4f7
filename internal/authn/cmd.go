package authn

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/mosaicgw/mosaic/internal/bus"
)

// PlatformTokenFile and PosterKeyFile are the secrets' default names in the
// credentials directory (<data-dir>/credentials).
const (
	PlatformTokenFile = "platform.token"
	PosterKeyFile     = "poster-token.key"
)

// TokenCommand runs `gateway token issue`: it prints a poster token for one author,
// signed with the poster-token key, for a platform (or an operator) that does not
// issue tokens with IssuePosterToken or its own JWT library. Exit codes: 0, 1 on
// failure, 2 on bad usage.
//
//	gateway token issue --author dr-smith --ttl 15m [--key-file F | --data-dir D]
func TokenCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "issue" {
		fmt.Fprintln(stderr, "usage: gateway token issue --author <author id> [--ttl 15m] [--key-file <poster-token key> | --data-dir <dir>]")
		return 2
	}
	fs := flag.NewFlagSet("token issue", flag.ContinueOnError)
	fs.SetOutput(stderr)
	author := fs.String("author", "", "the author id the token is for (required)")
	ttl := fs.Duration("ttl", 15*time.Minute, fmt.Sprintf("how long the token is valid (at most %s)", MaxPosterTokenTTL))
	keyFile := fs.String("key-file", "", "the poster-token key (--poster-token-key-file of the server); default <data-dir>/credentials/"+PosterKeyFile)
	dataDir := fs.String("data-dir", "./data", "the server's data directory, to find the default key")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *author == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "gateway token issue: --author is required, and there are no positional arguments")
		return 2
	}
	path := *keyFile
	if path == "" {
		path = filepath.Join(*dataDir, "credentials", PosterKeyFile)
	}
	key, err := bus.ReadSecretFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "gateway token issue: %v (start the gateway once to generate the key, or pass --key-file)\n", err)
		return 1
	}
	tok, err := IssuePosterToken([]byte(key), *author, *ttl, time.Now())
	if err != nil {
		fmt.Fprintln(stderr, "gateway token issue:", err)
		return 2
	}
	fmt.Fprintln(stdout, tok)
	return 0
}
