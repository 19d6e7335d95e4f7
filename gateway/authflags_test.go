package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/authn"
)

func TestGRPCAuthAndTLSFlagsAndEnvironment(t *testing.T) {
	t.Setenv("MOSAIC_TLS_CLIENT_CA", "/etc/mosaic/clients-ca.pem")
	t.Setenv("MOSAIC_PLATFORM_TOKEN_FILE", "/run/secrets/platform.token")
	var stderr bytes.Buffer
	cfg, _, err := parseServe([]string{"--tls-cert=/etc/mosaic/tls.pem", "--tls-key=/etc/mosaic/tls-key.pem",
		"--platform-cert-names=forum-platform, spiffe://forum/platform", "--poster-token-key-file=/run/secrets/poster.key"}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.TLS != (authn.TLSFiles{CertFile: "/etc/mosaic/tls.pem", KeyFile: "/etc/mosaic/tls-key.pem", ClientCAFile: "/etc/mosaic/clients-ca.pem"}) ||
		cfg.PlatformTokenFile != "/run/secrets/platform.token" || cfg.PosterTokenKeyFile != "/run/secrets/poster.key" ||
		strings.Join(cfg.PlatformCertNames, "|") != "forum-platform|spiffe://forum/platform" {
		t.Fatalf("config %+v %+v %q %q", cfg.TLS, cfg.PlatformCertNames, cfg.PlatformTokenFile, cfg.PosterTokenKeyFile)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestTLSFlagsAreUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--tls-cert=c.pem"}, "--tls-key"},
		{[]string{"--tls-client-ca=ca.pem"}, "--tls-cert"},
		{[]string{"--platform-cert-names=forum-platform"}, "--tls-client-ca"},
	} {
		var stdout, stderr bytes.Buffer
		args := append(c.args, "--data-dir", t.TempDir())
		if code := run(args, &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d %q, want %d naming %s", c.args, code, stderr.String(), exitUsage, c.want)
		}
	}
}

func TestTokenIssuePrintsAVerifiablePosterToken(t *testing.T) {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "credentials", authn.PosterKeyFile)
	if err := os.MkdirAll(filepath.Dir(keyFile), 0o700); err != nil {
		t.Fatal(err)
	}
	key := "poster-token-key-for-the-test-0123456789abc"
	if err := os.WriteFile(keyFile, []byte(key+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"token", "issue", "--author", "dr-smith", "--ttl", "15m", "--data-dir", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	author, exp, err := authn.VerifyPosterToken([]byte(key), strings.TrimSpace(stdout.String()), time.Now())
	if err != nil || author != "dr-smith" || time.Until(exp) > 15*time.Minute || time.Until(exp) < 14*time.Minute {
		t.Fatalf("issued token: %q %v %v", author, exp, err)
	}
	for _, args := range [][]string{{"token"}, {"token", "issue"}, {"token", "issue", "--author", "dr-smith", "--ttl", "48h", "--key-file", keyFile}} {
		stdout.Reset()
		if code := run(args, &stdout, &stderr); code != exitUsage || stdout.Len() != 0 {
			t.Errorf("%v: exit %d, printed %q", args, code, stdout.String())
		}
	}
	if code := run([]string{"token", "issue", "--author", "dr-smith", "--data-dir", t.TempDir()}, &stdout, &stderr); code != exitError {
		t.Errorf("without a key: exit %d", code)
	}
}
