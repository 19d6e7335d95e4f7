package app_test

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mosaicgw/mosaic/internal/app"
)

// syncBuffer is a bytes.Buffer safe for a logger's writes and the test's reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// A moderators file that lists nobody (`moderators: []`, a file not filled in yet)
// starts, but says plainly that review is off and what to do, naming the file.
func TestEmptyModeratorsFileIsAWarning(t *testing.T) {
	dir := t.TempDir()
	mods := filepath.Join(dir, "moderators.yaml")
	if err := os.WriteFile(mods, []byte("moderators: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(dir)
	cfg.Targets = []string{app.TargetHolder}
	cfg.ModeratorsPath = mods
	cfg.HTTPAddr = "127.0.0.1:0"
	var logs syncBuffer
	launch(t, cfg, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn})))
	out := logs.String()
	if !strings.Contains(out, "level=WARN") || !strings.Contains(out, "lists no moderators") || !strings.Contains(out, mods) ||
		!strings.Contains(out, "console is off") {
		t.Fatalf("no warning about the empty moderators file in:\n%s", out)
	}
}
