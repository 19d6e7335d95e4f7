package policy_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/policy"
)

// syncBuffer collects log output from concurrent goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func policyText(version string, k float64) string {
	return fmt.Sprintf("version: %s\nrisk_threshold_k: %v\nseverities:\n  CONFLICT_OF_INTEREST: advise\n", version, k)
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	// Write to a temporary name and rename, as an operator's deploy would, so a poll
	// never sees half a file.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func TestEngineDefaults(t *testing.T) {
	e, err := policy.NewEngine(policy.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if e.Version() != policy.Default().Version() {
		t.Fatalf("version %s", e.Version())
	}
	if k := e.Threshold("gp-chat", members); k != 5 {
		t.Fatalf("members k %v", k)
	}
	if k := e.Threshold("gp-chat", public); k != 11 {
		t.Fatalf("public k %v", k)
	}
	if err := e.Reload(); err != nil {
		t.Fatalf("reload without a file: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.Run(ctx); close(done) }()
	cancel()
	<-done
}

func TestEngineRejectsBadFileAtStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "policy.yaml")
	writeFile(t, path, "version: v\nrisk_threshold_k: 5\nseverities: {BOUNDARY: sometimes}\n")
	if _, err := policy.NewEngine(policy.EngineOptions{Path: path}); err == nil || !strings.Contains(err.Error(), "severities: BOUNDARY") {
		t.Fatalf("err %v", err)
	}
	if _, err := policy.NewEngine(policy.EngineOptions{Path: filepath.Join(t.TempDir(), "missing.yaml")}); err == nil {
		t.Fatal("missing file accepted")
	}
}

func TestEngineReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "policy.yaml")
	writeFile(t, path, policyText("one", 5))
	logs := &syncBuffer{}
	e, err := policy.NewEngine(policy.EngineOptions{Path: path, Logger: slog.New(slog.NewTextHandler(logs, nil)), ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	v1 := e.Version()
	if !strings.HasPrefix(v1, "one+") || e.Threshold("x", members) != 5 {
		t.Fatalf("v1 %s k %v", v1, e.Threshold("x", members))
	}
	// Unchanged file: no-op.
	if err := e.Reload(); err != nil || e.Version() != v1 {
		t.Fatalf("unchanged reload: %v %s", err, e.Version())
	}
	// A good new file replaces the policy.
	writeFile(t, path, policyText("two", 7))
	if err := e.Reload(); err != nil {
		t.Fatal(err)
	}
	v2 := e.Version()
	if !strings.HasPrefix(v2, "two+") || e.Threshold("x", members) != 7 {
		t.Fatalf("after reload: %s k %v", v2, e.Threshold("x", members))
	}
	if v := e.Decide(assessment("x", members)); v.PolicyVersion != v2 {
		t.Fatalf("decision recorded %s, want %s", v.PolicyVersion, v2)
	}
	// A bad file is rejected, logged, and the policy in force kept.
	writeFile(t, path, "version: three\nrisk_threshold_k: 7\nrules: [{name: r, when: 'nonsense ==', severity: hold}]\n")
	err = e.Reload()
	if err == nil || !strings.Contains(err.Error(), "rules[0] (r).when") {
		t.Fatalf("bad file: %v", err)
	}
	if e.Version() != v2 {
		t.Fatalf("bad file replaced the policy: %s", e.Version())
	}
	if !strings.Contains(logs.String(), "policy reload rejected") || !strings.Contains(logs.String(), "rules[0] (r).when") {
		t.Fatalf("rejection not logged: %s", logs.String())
	}
	// A deleted file keeps the policy too.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := e.Reload(); err == nil || e.Version() != v2 {
		t.Fatalf("deleted file: %v %s", err, e.Version())
	}
}

// TestEngineRunPollsFile changes the file under a running engine and waits (up to a
// generous deadline, not a speed assertion) for the new version to be in force.
func TestEngineRunPollsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "policy.yaml")
	writeFile(t, path, policyText("one", 5))
	logs := &syncBuffer{}
	e, err := policy.NewEngine(policy.EngineOptions{Path: path, Logger: slog.New(slog.NewTextHandler(logs, nil)), ReloadInterval: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s; logs:\n%s", what, logs.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	writeFile(t, path, policyText("two", 9))
	waitFor("version two", func() bool { return strings.HasPrefix(e.Version(), "two+") })
	if e.Threshold("x", members) != 9 {
		t.Fatalf("k %v", e.Threshold("x", members))
	}
	writeFile(t, path, "version: three\nrisk_threshold_k: nine\n")
	waitFor("rejection logged", func() bool { return strings.Contains(logs.String(), "policy reload rejected") })
	if !strings.HasPrefix(e.Version(), "two+") {
		t.Fatalf("bad file replaced the policy: %s", e.Version())
	}
	writeFile(t, path, policyText("four", 3))
	waitFor("version four", func() bool { return strings.HasPrefix(e.Version(), "four+") })
}

// TestEngineConcurrentDecideAndReload exercises Decide during reloads (go test -race).
func TestEngineConcurrentDecideAndReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "policy.yaml")
	writeFile(t, path, policyText("v0", 5))
	e, err := policy.NewEngine(policy.EngineOptions{Path: path, ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				v := e.Decide(assessment("gp-chat", members, finding("CONFLICT_OF_INTEREST", advise)))
				if v.Decision != rel || !strings.HasPrefix(v.PolicyVersion, "v") {
					t.Errorf("%s %s", v.Decision, v.PolicyVersion)
					return
				}
			}
		}()
	}
	for i := 1; i <= 20; i++ {
		writeFile(t, path, policyText(fmt.Sprintf("v%d", i), float64(5+i)))
		if err := e.Reload(); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
}

func BenchmarkDecide(b *testing.B) {
	e, err := policy.NewEngine(policy.EngineOptions{})
	if err != nil {
		b.Fatal(err)
	}
	a := assessment("gp-chat", public, finding("BOUNDARY", advise), finding("CONFLICT_OF_INTEREST", advise))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Decide(a)
	}
}
