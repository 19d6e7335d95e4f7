package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/services/holder"
)

// runAudit runs `gateway audit verify`: it verifies the holder's audit history offline,
// from the data directory, against the audit key and the checkpoint, and prints a
// verdict. Exit 0: the history verifies; 1: it was tampered with (the first bad entry
// is named); 2: it could not be checked (usage, a missing key, a database in use).
func runAudit(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "usage: gateway audit verify [--data-dir DIR] [--audit-key-file FILE] [--checkpoint FILE]")
		return exitUsage
	}
	cfg := app.DefaultConfig()
	flags := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprintf(stderr, `Usage: gateway audit verify [flags]

Verifies the holder's audit history offline (stop the holder first: its database is
opened read-only and must not be in use): every entry's hash chain, every entry's
signature in the audit log (HMAC-SHA256 under the audit key), the seal over entries
written before signing began (reported as unsigned legacy entries), and the log's end
against the signed checkpoint. Exit 0: verified; 1: tampered with, naming the first bad
entry; 2: could not be checked.

Flags:
`)
		flags.PrintDefaults()
	}
	checkpoint := ""
	flags.StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "the data directory (holder database and credentials)")
	flags.StringVar(&cfg.AuditKeyFile, "audit-key-file", "", "file holding the audit signing key; empty: <data-dir>/credentials/audit-hmac.key")
	flags.StringVar(&cfg.DataKeyFile, "data-key-file", "", "file holding the data-at-rest key; empty: <data-dir>/credentials/data.key when it exists (else the database is read as plaintext)")
	flags.StringVar(&checkpoint, "checkpoint", "", "the audit checkpoint file; empty: <data-dir>/credentials/audit-checkpoint.json")
	if err := applyEnv(flags); err != nil {
		fmt.Fprintln(stderr, "audit verify:", err)
		return exitUsage
	}
	if err := flags.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if checkpoint == "" {
		checkpoint = cfg.AuditCheckpointPath()
	}
	key, err := holder.ReadAuditKey(cfg.AuditKeyPath())
	if err != nil {
		fmt.Fprintf(stderr, "audit verify: cannot read the audit key: %v\n", err)
		return exitUsage
	}
	cp, err := holder.ReadCheckpoint(checkpoint, key)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(stdout, "warning: no checkpoint at %s: entries removed from the end of the log cannot be detected\n", checkpoint)
		cp = nil
	case err != nil:
		// A checkpoint that does not verify is itself tampering.
		fmt.Fprintf(stdout, "TAMPERED: %v\n", err)
		return exitError
	}
	if _, err := os.Stat(cfg.HolderDBDir()); err != nil {
		fmt.Fprintf(stderr, "audit verify: no holder database: %v\n", err)
		return exitUsage
	}
	db, err := app.OpenStoreOffline(cfg, "holder", slog.New(slog.DiscardHandler))
	if err != nil {
		fmt.Fprintf(stderr, "audit verify: open the holder database %s (is the holder still running?): %v\n", cfg.HolderDBDir(), err)
		return exitUsage
	}
	defer db.Close()
	rep, err := holder.VerifyAudit(db, key, cp)
	if err != nil {
		fmt.Fprintf(stderr, "audit verify: read the holder database: %v\n", err)
		return exitUsage
	}
	summary := fmt.Sprintf("%d posts, %d signed entries, %d unsigned legacy entries (written before signing began; sealed as they were then), %d log records",
		rep.Posts, rep.Signed, rep.Legacy, rep.Records)
	if rep.Checkpoint != nil {
		summary += fmt.Sprintf(", checkpoint at record %d (%s)", rep.Checkpoint.G, rep.Checkpoint.At.Format("2006-01-02 15:04:05Z"))
	}
	if !rep.OK() {
		fmt.Fprintf(stdout, "TAMPERED: %s\n", rep.Problem)
		fmt.Fprintln(stdout, "checked:", summary)
		return exitError
	}
	fmt.Fprintln(stdout, "OK: the audit history verifies:", summary)
	return exitOK
}
