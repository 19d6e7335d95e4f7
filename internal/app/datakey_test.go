package app_test

import (
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/app"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// The first start generates the data key (0600); after `gateway data-key rotate` the
// next start re-encrypts every store under the new key, reads what the old key wrote
// (Badger and the JetStream store), and removes the previous key.
func TestDataKeyGeneratedAndRotated(t *testing.T) {
	dir := t.TempDir()
	p := start(t, dir)
	if st := submit(t, p, post("rot-1", benignBody), 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("rot-1: %s", st.Decision)
	}
	p.stop()
	keyFile := filepath.Join(dir, "credentials", app.DataKeyFile)
	fi, err := os.Stat(keyFile)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("data key file: %v %v", fi, err)
	}
	oldKey, _ := os.ReadFile(keyFile)

	cfg := testConfig(dir)
	if _, err := app.RotateDataKey(cfg, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	if newKey, _ := os.ReadFile(keyFile); string(newKey) == string(oldKey) {
		t.Fatal("rotate kept the same key")
	}
	if _, err := app.RotateDataKey(cfg, slog.New(slog.DiscardHandler)); err == nil || !strings.Contains(err.Error(), "has not finished") {
		t.Fatalf("second rotation before a start: %v, want refused", err)
	}

	p = start(t, dir)
	ctx := t.Context()
	if resp, err := p.gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: "rot-1"}); err != nil || resp.Status.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("status after rotation: %v %v", resp, err)
	}
	w, err := p.gw.WatchDecisions(ctx, &mosaicv1.WatchDecisionsRequest{ForumId: "gp-chat", FromStart: true})
	if err != nil {
		t.Fatal(err)
	}
	if ev, err := w.Recv(); err != nil || ev.Status.PostId != "rot-1" {
		t.Fatalf("decision written under the old key: %v %v", ev, err)
	}
	if st := submit(t, p, post("rot-2", benignBody+" Again."), 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("rot-2: %s", st.Decision)
	}
	p.stop()
	if _, err := os.Stat(keyFile + app.PreviousSuffix); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("previous key after the rotation finished: %v, want removed", err)
	}

	// The stores no longer open with the old key, nor in plaintext.
	old := filepath.Join(t.TempDir(), "old.key")
	if err := os.WriteFile(old, oldKey, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg.DataKeyFile = old
	if _, err := app.OpenStoreOffline(cfg, "holder", slog.New(slog.DiscardHandler)); err == nil {
		t.Fatal("the holder database opened with the key before the rotation")
	}
	cfg = testConfig(dir)
	cfg.InsecureNoDataEncryption = true
	a, err := app.New(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Start(ctx); err == nil || !strings.Contains(err.Error(), "--data-key-file") {
		_ = a.Stop(ctx)
		t.Fatalf("plaintext start on encrypted data: %v, want an error naming --data-key-file", err)
	}
}
