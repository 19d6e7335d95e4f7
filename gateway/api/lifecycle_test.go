package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	"github.com/mosaicgw/mosaic/internal/store"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

func lifecycleGateway(t *testing.T) (*Gateway, *bustest.JetStream) {
	t.Helper()
	top := bus.DefaultTopology()
	top.Partitions = 2
	s := bustest.Run(t, &top)
	db, err := store.Open(store.Options{Dir: t.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	g, err := New(Options{NC: s.NC, JS: s.JS, DB: db, Topology: top, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return g, s
}

func publishDecision(t *testing.T, js jetstream.JetStream, post string) {
	t.Helper()
	st := &mosaicv1.PostStatus{PostId: post, Revision: 1, ForumId: "gp-chat", AuthorId: "a-1", Decision: mosaicv1.Decision_DECISION_RELEASED}
	if err := bus.Publish(t.Context(), js, bus.SubjectDecision("gp-chat"), bus.DecisionMsgIDPrefix(post, 1)+"DECISION_RELEASED:1",
		&mosaicv1.DecisionEvent{Status: st}); err != nil {
		t.Fatal(err)
	}
}

// waitRun waits for Run to return; the bound only keeps a regression from hanging the
// suite (Run used to keep the other half running, and never returned).
func waitRun(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatal("Gateway.Run did not return after one of its parts failed")
		return nil
	}
}

// When following decisions fails (here: its database is gone), Run stops the intake
// and returns the failure, instead of running on with half the gateway.
func TestGatewayRunStopsAndReportsWhenAPartFails(t *testing.T) {
	g, s := lifecycleGateway(t)
	done := make(chan error, 1)
	go func() { done <- g.Run(t.Context()) }()
	publishDecision(t, s.JS, "p-1")
	waitFor(t, func() bool { st, _, err := g.view.get("p-1", 1); return err == nil && st != nil })
	if err := g.view.db.Close(); err != nil {
		t.Fatal(err)
	}
	publishDecision(t, s.JS, "p-2")
	if err := waitRun(t, done); err == nil {
		t.Fatal("Run returned no error after its decision follower failed")
	}
}

// A batch of decisions that cannot be stored is delivered again, so a later batch's
// checkpoint never skips it.
func TestDecisionBatchRetriedAfterWriteError(t *testing.T) {
	g, s := lifecycleGateway(t)
	var failed atomic.Int32
	applyAll := g.applyBatch
	g.applyBatch = func(ds []decided) error {
		if failed.Add(1) == 1 {
			return errors.New("disk full")
		}
		return applyAll(ds)
	}
	publishDecision(t, s.JS, "p-1")
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	waitFor(t, func() bool { return failed.Load() >= 1 })
	for i := 2; i <= 3; i++ {
		publishDecision(t, s.JS, fmt.Sprintf("p-%d", i))
	}
	waitFor(t, func() bool { seq, err := g.view.checkpoint(); return err == nil && seq == 3 })
	for i := 1; i <= 3; i++ {
		if st, _, err := g.view.get(fmt.Sprintf("p-%d", i), 1); err != nil || st.GetDecision() != mosaicv1.Decision_DECISION_RELEASED {
			t.Errorf("p-%d: %v %v, want released in the view", i, st, err)
		}
	}
	cancel()
	if err := waitRun(t, done); err != nil {
		t.Fatal(err)
	}
}

// waitFor polls cond until it holds (bounded only against a hang).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
