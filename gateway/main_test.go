package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestFlagsTakeEnvironmentOverridesAndFlagsWin(t *testing.T) {
	t.Setenv("MOSAIC_DATA_DIR", "/srv/mosaic")
	t.Setenv("MOSAIC_TARGET", "linker")
	t.Setenv("MOSAIC_LINKER_PARTITIONS", "0-2,5")
	var stderr bytes.Buffer
	cfg, _, err := parseServe([]string{"--target=holder,gateway"}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DataDir != "/srv/mosaic" {
		t.Fatalf("data dir %q, want the environment's", cfg.DataDir)
	}
	if strings.Join(cfg.Targets, ",") != "holder,gateway" {
		t.Fatalf("targets %v: the flag must win over the environment", cfg.Targets)
	}
	if got := cfg.LinkerPartitions; len(got) != 4 || got[3] != 5 {
		t.Fatalf("linker partitions %v", got)
	}
}

func TestBadEnvironmentValueIsAnError(t *testing.T) {
	t.Setenv("MOSAIC_PARTITIONS", "many")
	var stderr bytes.Buffer
	if _, _, err := parseServe(nil, &stderr); err == nil || !strings.Contains(err.Error(), "MOSAIC_PARTITIONS") {
		t.Fatalf("got %v, want an error naming MOSAIC_PARTITIONS", err)
	}
}

func TestHelpListsFlagsWithTheirEnvironmentVariables(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--help"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"--data-dir", "MOSAIC_DATA_DIR", "--grpc-addr", "--nats-listen", "--nats-url", "--target", "MOSAIC_TARGET"} {
		if !strings.Contains(stderr.String(), strings.TrimPrefix(want, "-")) {
			t.Fatalf("--help does not mention %s:\n%s", want, stderr.String())
		}
	}
}

func TestUnknownTargetIsAUsageError(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--target=everything", "--data-dir", t.TempDir()}, &stdout, &stderr); code != exitUsage {
		t.Fatalf("exit %d, want %d: %s", code, exitUsage, stderr.String())
	}
	if !strings.Contains(stderr.String(), "everything") {
		t.Fatalf("error does not name the bad target: %s", stderr.String())
	}
}

func TestEvalMalformedFileExitsTwoNamingTheLine(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"scenarios": `{"id":"a","posts":[{"author":"x","forum":"f","audience":"members","thread":"t","at":"2026-01-01T00:00:00Z","text":"hi","expect":"release"}]}` + "\n{not json\n",
		"benign":    `{"text":"fine"}` + "\n" + `{"body":"no text field"}` + "\n",
		"spans":     `{"text":"fine","spans":[]}` + "\n" + "[1,2]\n",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".jsonl")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"eval", "--" + name, path}, &stdout, &stderr)
			if code != exitUsage {
				t.Fatalf("exit %d, want %d; stderr: %s", code, exitUsage, stderr.String())
			}
			if !strings.Contains(stderr.String(), ":2:") {
				t.Fatalf("error does not name line 2: %s", stderr.String())
			}
		})
	}
}

func TestEvalNeedsExactlyOneMode(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"eval"}, &stdout, &stderr); code != exitUsage {
		t.Fatalf("exit %d", code)
	}
}

// `eval --benign` prints one line per text (decision, kinds, spans) before its JSON
// figures, and nothing on stderr: no warning about the console it does not run.
func TestEvalBenignPrintsALinePerTextAndNoWarning(t *testing.T) {
	path := filepath.Join(t.TempDir(), "benign.jsonl")
	texts := `{"text":"When do people repeat ferritin after starting oral iron?"}` + "\n" +
		`{"text":"2WW referral bounced again. NHS number 943 476 5919, seen Tuesday with weight loss."}` + "\n"
	if err := os.WriteFile(path, []byte(texts), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"eval", "--benign", path}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d; stderr: %s", code, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("eval wrote to stderr:\n%s", stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("want a line per text and the figures, got:\n%s", stdout.String())
	}
	if lines[0] != "release\ttext 1\t-\t" {
		t.Errorf("text 1: %q", lines[0])
	}
	if !strings.HasPrefix(lines[1], "hold\ttext 2\t") || !strings.Contains(lines[1], "DIRECT_IDENTIFIER") || !strings.Contains(lines[1], `"943 476 5919"`) {
		t.Errorf("text 2: %q", lines[1])
	}
	if !strings.HasPrefix(lines[2], "{") {
		t.Errorf("last line is not the JSON figures: %q", lines[2])
	}
}

func TestReviewTargetFlagAndEnvironment(t *testing.T) {
	var stderr bytes.Buffer
	cfg, _, err := parseServe(nil, &stderr)
	if err != nil || cfg.ReviewTarget != 4*time.Hour {
		t.Fatalf("default review target %s (%v), want 4h", cfg.ReviewTarget, err)
	}
	t.Setenv("MOSAIC_REVIEW_TARGET", "90m")
	if cfg, _, err = parseServe(nil, &stderr); err != nil || cfg.ReviewTarget != 90*time.Minute {
		t.Fatalf("MOSAIC_REVIEW_TARGET=90m gave %s (%v)", cfg.ReviewTarget, err)
	}
	if _, _, err := parseServe([]string{"--review-target=0s"}, &stderr); err == nil || !strings.Contains(err.Error(), "--review-target") {
		t.Fatalf("a zero review target: %v", err)
	}
}
