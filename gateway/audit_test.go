package main

import (
	"bytes"
	"encoding/binary"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	"github.com/mosaicgw/mosaic/internal/store"
	"github.com/mosaicgw/mosaic/services/holder"
	"github.com/mosaicgw/mosaic/services/holder/holdertest"
)

// holderDataDir writes a data directory as the holder target does: the holder's Badger
// database, the generated audit key and the checkpoint, with a held post's history.
func holderDataDir(t *testing.T) string {
	t.Helper()
	cfg := app.DefaultConfig()
	cfg.DataDir = t.TempDir()
	top := bus.DefaultTopology()
	top.Partitions = 2
	s := bustest.Run(t, &top)
	db, err := store.Open(store.Options{Dir: cfg.HolderDBDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	key, err := holder.LoadOrCreateAuditKey(cfg.AuditKeyPath(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(cfg.AuditKeyPath()); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("audit key file: %v %v", fi, err)
	}
	h, err := holder.New(holder.Options{DB: db, NC: s.NC, JS: s.JS, Topology: top, Decider: holder.SeverityDecider{},
		Logger: slog.New(slog.DiscardHandler), AuditKey: key, AuditCheckpoint: cfg.AuditCheckpointPath()})
	if err != nil {
		t.Fatal(err)
	}
	earlier, held := holdertest.Cumulative("p-early", "p-held", "dr-a", "gp-chat", time.Now().Add(-time.Hour))
	if err := h.Decide(t.Context(), earlier); err != nil {
		t.Fatal(err)
	}
	if err := h.Decide(t.Context(), held); err != nil {
		t.Fatal(err)
	}
	if _, err := h.AddNote(t.Context(), holder.Reviewer{ID: "mod-ana", Forums: []string{"gp-chat"}}, "p-held", "Asked the author."); err != nil {
		t.Fatal(err)
	}
	if err := h.CheckpointAudit(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return cfg.DataDir
}

func TestAuditVerifyCommand(t *testing.T) {
	dir := holderDataDir(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"audit", "verify", "--data-dir", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("untouched history: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "OK: ") || !strings.Contains(stdout.String(), "3 signed entries") {
		t.Fatalf("verdict:\n%s", stdout.String())
	}

	// Drop the last entry with its log record and index, as someone with the database
	// but not the key would: the checkpoint shows it.
	db, err := store.Open(store.Options{Dir: filepath.Join(dir, "holder"), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(txn *badger.Txn) error {
		for _, k := range [][]byte{
			binary.BigEndian.AppendUint64([]byte("h/p-held/"), 2),
			binary.BigEndian.AppendUint64([]byte("g/p-held/"), 2),
			binary.BigEndian.AppendUint64([]byte("l/"), 4),
		} {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"audit", "verify", "--data-dir", dir}, &stdout, &stderr); code != exitError {
		t.Fatalf("tampered history: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "TAMPERED: ") || !strings.Contains(stdout.String(), "the last 1 entries were removed") {
		t.Fatalf("verdict:\n%s", stdout.String())
	}

	// Without the key there is no verdict, only a usage error.
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"audit", "verify", "--data-dir", dir, "--audit-key-file", filepath.Join(dir, "nope")}, &stdout, &stderr); code != exitUsage {
		t.Fatalf("missing key: exit %d", code)
	}
}
