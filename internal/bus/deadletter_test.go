package bus_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
)

// runWorker runs a worker on partition 0's linker consumer with handle, publishing
// dead letters, until the returned stop is called.
func runWorker(t *testing.T, s *bustest.JetStream, top bus.Topology, handle bus.Handler) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	cons, err := s.JS.CreateOrUpdateConsumer(ctx, bus.StreamPosts, top.LinkerConsumer(0))
	if err != nil {
		t.Fatal(err)
	}
	w := top.NewWorker("test-worker", s.JS, cons, handle, slog.New(slog.DiscardHandler))
	done := make(chan struct{})
	go func() { defer close(done); _ = w.Run(ctx) }()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(stop)
	return stop
}

func publishAll(t *testing.T, s *bustest.JetStream, ids ...string) {
	t.Helper()
	for _, id := range ids {
		msg := &nats.Msg{Subject: bus.SubjectOutcome(0), Data: []byte("payload of " + id), Header: nats.Header{"X-Id": []string{id}}}
		if _, err := s.JS.PublishMsg(t.Context(), msg, jetstream.WithMsgID(id)); err != nil {
			t.Fatal(err)
		}
	}
}

func readDeadLetters(t *testing.T, s *bustest.JetStream, want int) []bus.DeadLetter {
	t.Helper()
	cons, err := s.JS.OrderedConsumer(t.Context(), bus.StreamDeadLetter, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	var out []bus.DeadLetter
	for len(out) < want {
		msg, err := cons.Next(jetstream.FetchMaxWait(30 * time.Second))
		if err != nil {
			t.Fatalf("after %d dead letters: %v", len(out), err)
		}
		out = append(out, bus.ReadDeadLetter(msg))
	}
	return out
}

type recorder struct {
	mu       sync.Mutex
	attempts map[string]int
	done     []string
}

func (r *recorder) attempt(id string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.attempts == nil {
		r.attempts = map[string]int{}
	}
	r.attempts[id]++
	return r.attempts[id]
}

func (r *recorder) finish(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done = append(r.done, id)
}

func (r *recorder) snapshot() (map[string]int, []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m := map[string]int{}
	for k, v := range r.attempts {
		m[k] = v
	}
	return m, append([]string(nil), r.done...)
}

func waitDone(t *testing.T, r *recorder, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, done := r.snapshot()
		if strings.Join(done, " ") == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("handled %v, want %s", done, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A message that fails every time is given up on after DeadLetterAfter attempts: it
// lands in the dead-letter stream with the reason, its bytes and headers, and the
// messages behind it are handled, in order. Poison is dead-lettered on its first
// attempt; a panic is one failed attempt; transient failures do not count.
func TestWorkerDeadLettersAfterNFailuresAndMovesOn(t *testing.T) {
	s := bustest.Run(t, nil)
	top := bus.DefaultTopology()
	top.Partitions = 2
	top.DeadLetterAfter = 3
	top.RetryBackoff = time.Millisecond
	r := &recorder{}
	runWorker(t, s, top, func(_ context.Context, msg jetstream.Msg) error {
		id := msg.Headers().Get("X-Id")
		n := r.attempt(id)
		switch {
		case id == "fails":
			return errors.New("the ledger is corrupt for this post")
		case id == "poison":
			return fmt.Errorf("%w: does not decode", bus.ErrPoison)
		case id == "panics":
			panic("handler bug")
		case id == "outage" && n <= 6:
			return fmt.Errorf("%w: bus briefly away", bus.ErrTransient)
		}
		r.finish(id)
		return nil
	})
	publishAll(t, s, "a", "fails", "b", "poison", "panics", "outage", "c")
	waitDone(t, r, "a b outage c")
	attempts, _ := r.snapshot()
	if attempts["fails"] != 3 || attempts["poison"] != 1 || attempts["panics"] != 3 || attempts["outage"] != 7 {
		t.Fatalf("attempts %v: want fails 3, poison 1, panics 3, outage 7 (transient failures do not count)", attempts)
	}
	dls := readDeadLetters(t, s, 3)
	byID := map[string]bus.DeadLetter{}
	for _, d := range dls {
		byID[d.Header.Get("X-Id")] = d
	}
	f := byID["fails"]
	if string(f.Data) != "payload of fails" || f.Stream != bus.StreamPosts || f.Subject != bus.SubjectOutcome(0) ||
		f.Attempts != 3 || f.Worker != "test-worker" || f.Sequence != 2 || f.At.IsZero() ||
		!strings.Contains(f.Reason, "failed 3 times") || !strings.Contains(f.Reason, "ledger is corrupt") {
		t.Fatalf("dead letter of the failing message: %+v", f)
	}
	if p := byID["poison"]; p.Attempts != 1 || !strings.Contains(p.Reason, "does not decode") {
		t.Fatalf("dead letter of poison: %+v", p)
	}
	if p := byID["panics"]; !strings.Contains(p.Reason, "handler panicked") {
		t.Fatalf("dead letter of the panicking message: %+v", p)
	}
	if _, ok := byID["outage"]; ok {
		t.Fatal("a message that only met transient failures was dead-lettered")
	}
}

// Deliveries that ended without an ack count: a message that failed in an earlier
// run (the process stopped while retrying it) is given up on after fewer attempts in
// the next, so a restart does not start the count again.
func TestWorkerCountsEarlierDeliveries(t *testing.T) {
	s := bustest.Run(t, nil)
	top := bus.DefaultTopology()
	top.Partitions = 2
	top.DeadLetterAfter = 4
	top.RetryBackoff = 200 * time.Millisecond
	// Messages the stopped worker had fetched but not begun come back after the ack
	// wait: keep it short.
	top.AckWait = 2 * time.Second
	r := &recorder{}
	handle := func(_ context.Context, msg jetstream.Msg) error {
		id := msg.Headers().Get("X-Id")
		r.attempt(id)
		if id == "fails" {
			return errors.New("always fails")
		}
		r.finish(id)
		return nil
	}
	// The first run's handler takes the failing message once and holds it until the
	// worker stops (a process killed mid-message), so exactly one delivery ends
	// without an ack whatever the machine's load.
	started := make(chan struct{})
	var once sync.Once
	firstRun := func(ctx context.Context, msg jetstream.Msg) error {
		if msg.Headers().Get("X-Id") == "fails" {
			r.attempt("fails")
			once.Do(func() { close(started) })
			<-ctx.Done()
			return ctx.Err()
		}
		return handle(ctx, msg)
	}
	stop := runWorker(t, s, top, firstRun)
	publishAll(t, s, "fails", "after")
	select {
	case <-started:
	case <-time.After(30 * time.Second):
		t.Fatal("the failing message was never delivered")
	}
	stop() // the message is handed back (one delivery without an ack)
	first, _ := r.snapshot()
	if first["fails"] >= top.DeadLetterAfter {
		t.Fatalf("gave up before the restart: %v", first)
	}
	runWorker(t, s, top, handle)
	waitDone(t, r, "after")
	d := readDeadLetters(t, s, 1)[0]
	attempts, _ := r.snapshot()
	second := attempts["fails"] - first["fails"]
	// The earlier delivery (or deliveries: a message handed back as its subscription
	// closes may be delivered to it once more) counts, so the second run tries it at
	// most DeadLetterAfter-1 times.
	if second > top.DeadLetterAfter-1 || second < 1 {
		t.Fatalf("second run tried it %d times (first run %d), want 1..%d", second, first["fails"], top.DeadLetterAfter-1)
	}
	if d.Attempts != top.DeadLetterAfter {
		t.Fatalf("dead letter after %d attempts, want %d", d.Attempts, top.DeadLetterAfter)
	}
}

func TestTopologyRejectsDeadLetterLimitAtOrAboveMaxDeliver(t *testing.T) {
	top := bus.DefaultTopology()
	top.DeadLetterAfter = top.MaxDeliver
	if err := top.Validate(); err == nil {
		t.Fatal("dead-letter-after equal to max deliver accepted")
	}
	top.DeadLetterAfter = -1
	if err := top.Validate(); err == nil {
		t.Fatal("negative dead-letter-after accepted")
	}
}

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

// A message the partition waits behind (failing again and again, then a dead letter
// that cannot be stored while the dead-letter stream is away) is logged when it first
// fails and then at most once a minute, not once per retry; the outcome is logged with
// the count.
func TestWedgedMessageIsNotLoggedOnEveryRetry(t *testing.T) {
	s := bustest.Run(t, nil)
	ctx := t.Context()
	top := bus.DefaultTopology()
	top.Partitions = 2
	var dlConfig jetstream.StreamConfig
	for _, sc := range top.Streams() {
		if sc.Name == bus.StreamDeadLetter {
			dlConfig = sc
		}
	}
	if err := s.JS.DeleteStream(ctx, bus.StreamDeadLetter); err != nil {
		t.Fatal(err)
	}
	cons, err := s.JS.CreateOrUpdateConsumer(ctx, bus.StreamPosts, top.LinkerConsumer(0))
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	r := &recorder{}
	w := &bus.Worker{Name: "test-worker", Consumer: cons, DeadLetter: s.JS, DeadLetterAfter: 100,
		MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
		Handle: func(_ context.Context, msg jetstream.Msg) error {
			if n := r.attempt("wedged"); n <= 20 {
				return errors.New("the ledger is locked")
			}
			return fmt.Errorf("%w: gave up", bus.ErrPoison)
		}}
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = w.Run(wctx) }()
	t.Cleanup(func() { cancel(); <-done })
	publishAll(t, s, "wedged")
	// Retrying the dead letter against a missing stream; let it fail a while, then
	// bring the stream back.
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(logs.String(), "dead letter not stored") {
		if time.Now().After(deadline) {
			t.Fatalf("the dead letter never failed:\n%s", logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	if _, err := s.JS.CreateStream(ctx, dlConfig); err != nil {
		t.Fatal(err)
	}
	readDeadLetters(t, s, 1)
	for !strings.Contains(logs.String(), "dead letter stored after retries") {
		if time.Now().After(deadline) {
			t.Fatalf("no line for the stored dead letter:\n%s", logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	out := logs.String()
	if n := strings.Count(out, "handler failed; retrying"); n != 1 {
		t.Errorf("%d lines for 20 handler failures, want 1:\n%s", n, out)
	}
	if n := strings.Count(out, "dead letter not stored"); n != 1 {
		t.Errorf("%d lines for the dead letter's failed tries, want 1:\n%s", n, out)
	}
	if !strings.Contains(out, "tries=") {
		t.Errorf("the stored dead letter's line has no count of tries:\n%s", out)
	}
}
