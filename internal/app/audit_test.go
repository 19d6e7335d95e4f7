package app_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/app"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
)

// verifyDataDir verifies the holder's audit history offline, as gateway audit verify
// does: the key and checkpoint from the credentials directory, the database read-only.
func verifyDataDir(t *testing.T, dir string) holder.AuditReport {
	t.Helper()
	keyFile := filepath.Join(dir, "credentials", "audit-hmac.key")
	if fi, err := os.Stat(keyFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("audit key file: %v %v", fi, err)
	}
	key, err := holder.ReadAuditKey(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := holder.ReadCheckpoint(filepath.Join(dir, "credentials", "audit-checkpoint.json"), key)
	if err != nil {
		t.Fatal(err)
	}
	cfg := app.DefaultConfig()
	cfg.DataDir = dir
	db, err := app.OpenStoreOffline(cfg, "holder", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rep, err := holder.VerifyAudit(db, key, cp)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("audit history does not verify: %s", rep.Problem)
	}
	if cp.G != rep.Records {
		t.Fatalf("checkpoint at record %d, log has %d: the last append was not checkpointed", cp.G, rep.Records)
	}
	return rep
}

// The holder signs its audit entries with a key generated on first start in the
// credentials directory and reused after a restart, and checkpoints the log's head
// there; the stopped data directory verifies offline.
func TestAuditSignedAndCheckpointedAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	p := start(t, dir)
	if st := submit(t, p, post("p-nhs", nhsBody), 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("p-nhs: %s", st.Decision)
	}
	if st := submit(t, p, post("p-benign", benignBody), 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("p-benign: %s", st.Decision)
	}
	p.stop()
	if rep := verifyDataDir(t, dir); rep.Signed != 2 || rep.Legacy != 0 {
		t.Fatalf("after the first run: %+v", rep)
	}

	p = start(t, dir)
	if st := submit(t, p, post("p-benign-2", benignBody), 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("p-benign-2: %s", st.Decision)
	}
	p.stop()
	if rep := verifyDataDir(t, dir); rep.Signed != 3 {
		t.Fatalf("after the restart: %+v", rep)
	}
}

// A key file named on the command line must exist: a typo must not start a new key
// under which the earlier history no longer verifies.
func TestAuditKeyFileMustExist(t *testing.T) {
	cfg := app.DefaultConfig()
	cfg.DataDir = t.TempDir()
	cfg.GRPCAddr = "127.0.0.1:0"
	cfg.NATSListen = ""
	cfg.HTTPAddr = ""
	cfg.AuditKeyFile = filepath.Join(t.TempDir(), "no-such.key")
	a, err := app.New(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	err = a.Start(t.Context())
	t.Cleanup(func() { _ = a.Stop(context.Background()) })
	if err == nil || !strings.Contains(err.Error(), "audit key") {
		t.Fatalf("start with a missing --audit-key-file: %v", err)
	}
	if _, err := os.Stat(cfg.AuditKeyFile); err == nil {
		t.Fatal("a key was generated at the named path")
	}
}
