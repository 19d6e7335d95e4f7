package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestTelemetryFlagsAndEnvironment(t *testing.T) {
	var stderr bytes.Buffer
	cfg, _, err := parseServe(nil, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MetricsAddr != "" || cfg.NATSMonitorAddr != "" || cfg.OTLPEndpoint != "" {
		t.Fatalf("defaults: metrics %q, nats monitor %q, otlp %q; want all off", cfg.MetricsAddr, cfg.NATSMonitorAddr, cfg.OTLPEndpoint)
	}
	t.Setenv("MOSAIC_METRICS_ADDR", "127.0.0.1:9464")
	t.Setenv("MOSAIC_OTLP_ENDPOINT", "http://otel:4317")
	cfg, _, err = parseServe([]string{"--nats-monitor-addr=127.0.0.1:8222", "--otlp-endpoint=https://collector:4317"}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MetricsAddr != "127.0.0.1:9464" || cfg.NATSMonitorAddr != "127.0.0.1:8222" || cfg.OTLPEndpoint != "https://collector:4317" {
		t.Fatalf("metrics %q, nats monitor %q, otlp %q", cfg.MetricsAddr, cfg.NATSMonitorAddr, cfg.OTLPEndpoint)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestNATSMonitorNeedsTheEmbeddedServer(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"--nats-url=nats://n1:4222", "--nats-monitor-addr=127.0.0.1:8222", "--data-dir", t.TempDir()}, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "--nats-monitor-addr applies to the embedded NATS server") {
		t.Fatalf("exit %d %q, want a usage error about the embedded server", code, stderr.String())
	}
}

func TestHelpListsTelemetryFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--help"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"metrics-addr", "MOSAIC_METRICS_ADDR", "nats-monitor-addr", "otlp-endpoint", "MOSAIC_OTLP_ENDPOINT"} {
		if !strings.Contains(stderr.String(), want) {
			t.Fatalf("--help does not mention %s", want)
		}
	}
}
