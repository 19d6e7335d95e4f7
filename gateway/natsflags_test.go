package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestNATSAuthFlagsAndEnvironment(t *testing.T) {
	t.Setenv("MOSAIC_NATS_PASSWORD_FILE", "/etc/mosaic/nats-linker.password")
	t.Setenv("MOSAIC_NATS_CA", "/etc/mosaic/ca.pem")
	var stderr bytes.Buffer
	cfg, _, err := parseServe([]string{"--nats-url=tls://n1:4222", "--nats-user=linker",
		"--nats-tls-cert=/etc/mosaic/c.pem", "--nats-tls-key=/etc/mosaic/k.pem"}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	a := cfg.NATSAuth
	if a.User != "linker" || a.PasswordFile != "/etc/mosaic/nats-linker.password" || a.CAFile != "/etc/mosaic/ca.pem" ||
		a.CertFile != "/etc/mosaic/c.pem" || a.KeyFile != "/etc/mosaic/k.pem" {
		t.Fatalf("nats auth %+v", a)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestNATSAuthFlagsAreUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--nats-user=linker"}, "--nats-url"},                                             // embedded server: its own credentials
		{[]string{"--nats-url=nats://n1:4222", "--nats-user=linker"}, "--nats-password-file"},      // no password
		{[]string{"--nats-url=nats://n1:4222", "--nats-creds=a", "--nats-nkey=b"}, "alternatives"}, // two identities
		{[]string{"--nats-url=nats://n1:4222", "--nats-tls-cert=c"}, "--nats-tls-key"},
	} {
		var stdout, stderr bytes.Buffer
		args := append(c.args, "--data-dir", t.TempDir())
		if code := run(args, &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d %q, want %d naming %s", c.args, code, stderr.String(), exitUsage, c.want)
		}
	}
}

func TestHelpListsNATSAuthFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--help"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"nats-creds", "MOSAIC_NATS_CREDS", "nats-nkey", "nats-user", "nats-password-file", "nats-ca", "nats-tls-cert", "nats-tls-key"} {
		if !strings.Contains(stderr.String(), want) {
			t.Fatalf("--help does not mention %s", want)
		}
	}
}
