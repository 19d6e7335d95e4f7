package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDataAtRestFlagsAndEnvironment(t *testing.T) {
	t.Setenv("MOSAIC_DATA_KEY_FILE", "/run/secrets/data.key")
	t.Setenv("MOSAIC_JETSTREAM_KEY_FILE", "/run/secrets/js.key")
	t.Setenv("MOSAIC_NOTICE_RETENTION", "720h")
	var stderr bytes.Buffer
	cfg, _, err := parseServe([]string{"--stream-max-age=72h", "--data-key-rotation=24h"}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DataKeyFile != "/run/secrets/data.key" || cfg.JetStreamKeyFile != "/run/secrets/js.key" || cfg.InsecureNoDataEncryption {
		t.Fatalf("key files %q %q, insecure %v", cfg.DataKeyFile, cfg.JetStreamKeyFile, cfg.InsecureNoDataEncryption)
	}
	if cfg.NoticeRetention != 720*time.Hour || cfg.Topology.MaxAge != 72*time.Hour || cfg.DataKeyRotation != 24*time.Hour {
		t.Fatalf("retention %s, stream max age %s, rotation %s", cfg.NoticeRetention, cfg.Topology.MaxAge, cfg.DataKeyRotation)
	}
	// Both a key and no encryption is a contradiction, refused before anything starts.
	if code := run([]string{"--insecure-no-data-encryption", "--data-dir", t.TempDir()}, &bytes.Buffer{}, &stderr); code != exitUsage ||
		!strings.Contains(stderr.String(), "--insecure-no-data-encryption and --data-key-file") {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
}

func TestDataKeyRotateCommand(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"data-key", "rotate", "--data-dir", dir}, &stdout, &stderr); code != exitError ||
		!strings.Contains(stderr.String(), "data.key") {
		t.Fatalf("rotate without a key: exit %d: %s", code, stderr.String())
	}
	key := filepath.Join(dir, "credentials", "data.key")
	if err := os.MkdirAll(filepath.Dir(key), 0o700); err != nil {
		t.Fatal(err)
	}
	old := "c2l4dHl0d29ieXRlc29mcmFuZG9ta2V5bWF0ZXJpYWw"
	if err := os.WriteFile(key, []byte(old+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"data-key", "rotate", "--data-dir", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("rotate: exit %d: %s", code, stderr.String())
	}
	prev, _ := os.ReadFile(key + ".previous")
	cur, _ := os.ReadFile(key)
	if strings.TrimSpace(string(prev)) != old || len(strings.TrimSpace(string(cur))) != 43 || string(cur) == string(prev) {
		t.Fatalf("after rotate: previous %q, current %q", prev, cur)
	}
	if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("new key file: %v %v", fi, err)
	}
}
