package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/mosaicgw/mosaic/internal/app"
)

// runDataKey runs `gateway data-key rotate`: with the process stopped, it keeps the
// generated master key as data.key.previous and generates a new data.key; the next
// start re-encrypts every Badger key registry and the JetStream store's keys under the
// new key, then removes the previous one.
func runDataKey(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "rotate" {
		fmt.Fprintln(stderr, "usage: gateway data-key rotate [--data-dir DIR]")
		return exitUsage
	}
	cfg := app.DefaultConfig()
	flags := flag.NewFlagSet("data-key rotate", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "the data directory whose generated key (credentials/data.key) to rotate; stop the process first")
	flags.StringVar(&cfg.DataKeyFile, "data-key-file", "", "refused: a key given by file is rotated by writing the new key there and the old one to --data-key-previous-file")
	if err := applyEnv(flags); err != nil {
		fmt.Fprintln(stderr, "data-key rotate:", err)
		return exitUsage
	}
	if err := flags.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	path, err := app.RotateDataKey(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		fmt.Fprintln(stderr, "data-key rotate:", err)
		return exitError
	}
	fmt.Fprintf(stdout, "new data key in %s; the previous one is in %s%s until the next start re-encrypts the stores under the new key and removes it\n",
		path, path, app.PreviousSuffix)
	return exitOK
}
