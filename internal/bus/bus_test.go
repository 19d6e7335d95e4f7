package bus_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/proto"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

func TestPartitionIsStableAndInRange(t *testing.T) {
	seen := map[int]int{}
	for i := range 1000 {
		a := fmt.Sprintf("author-%d", i)
		p := bus.Partition(a, 8)
		if p < 0 || p >= 8 {
			t.Fatalf("partition %d out of range", p)
		}
		if p != bus.Partition(a, 8) {
			t.Fatal("partition not stable")
		}
		seen[p]++
	}
	for p := range 8 {
		if seen[p] < 60 {
			t.Fatalf("partition %d got %d of 1000 authors: badly spread %v", p, seen[p], seen)
		}
	}
}

func TestTopologyValidate(t *testing.T) {
	top := bus.DefaultTopology()
	top.Partitions = 0
	if err := top.Validate(); err == nil {
		t.Fatal("zero partitions accepted")
	}
}

func TestPublishDeduplicatesOnMessageID(t *testing.T) {
	s := bustest.Run(t, nil)
	ctx := t.Context()
	sub := &mosaicv1.Submission{Post: &mosaicv1.Post{PostId: "p1", Revision: 1}}
	for range 3 {
		if err := bus.Publish(ctx, s.JS, bus.SubjectSubmitted(0), "submit:p1:1", sub); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.JS.Stream(ctx, bus.StreamPosts)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := st.Info(ctx)
	if info.State.Msgs != 1 {
		t.Fatalf("stored %d messages, want 1", info.State.Msgs)
	}
}

// The worker retries a failing message in place, so later messages never overtake
// it, and terminates poison messages.
func TestWorkerRetriesInOrderAndTerminatesPoison(t *testing.T) {
	s := bustest.Run(t, nil)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	top := bus.DefaultTopology()
	top.Partitions = 2
	for i, id := range []string{"a", "b", "poison", "c"} {
		data := []byte(id)
		if id != "poison" {
			data, _ = proto.Marshal(&mosaicv1.Outcome{PostId: id})
		}
		if _, err := s.JS.Publish(ctx, bus.SubjectOutcome(0), data, jetstream.WithMsgID(fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	cons, err := s.JS.CreateOrUpdateConsumer(ctx, bus.StreamPosts, top.LinkerConsumer(0))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var order []string
	failures := 0
	done := make(chan struct{})
	w := &bus.Worker{Name: "test", Consumer: cons, Logger: slog.New(slog.DiscardHandler), MaxBackoff: 20 * time.Millisecond,
		Handle: func(_ context.Context, msg jetstream.Msg) error {
			o := &mosaicv1.Outcome{}
			if err := proto.Unmarshal(msg.Data(), o); err != nil || o.PostId == "" {
				return fmt.Errorf("%w: not an outcome", bus.ErrPoison)
			}
			mu.Lock()
			defer mu.Unlock()
			if o.PostId == "b" && failures < 3 {
				failures++
				return errors.New("transient")
			}
			order = append(order, o.PostId)
			if o.PostId == "c" {
				close(done)
			}
			return nil
		}}
	go func() { _ = w.Run(ctx) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("worker did not finish")
	}
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(order) != "[a b c]" || failures != 3 {
		t.Fatalf("order %v after %d failures, want [a b c] after 3", order, failures)
	}
	// Acks are asynchronous: wait for the server to have them all.
	deadline := time.Now().Add(5 * time.Second)
	for {
		info, err := cons.Info(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if info.NumAckPending == 0 && info.NumPending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d messages still pending ack, %d undelivered", info.NumAckPending, info.NumPending)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Ensuring the topology again leaves unchanged streams alone and applies changes.
func TestEnsureIsIdempotentAndAppliesChanges(t *testing.T) {
	s := bustest.Run(t, nil)
	top := bus.DefaultTopology()
	top.Partitions = 2
	ctx := t.Context()
	if err := top.Ensure(ctx, s.JS); err != nil {
		t.Fatal(err)
	}
	top.MaxAge = 48 * time.Hour
	if err := top.Ensure(ctx, s.JS); err != nil {
		t.Fatal(err)
	}
	st, err := s.JS.Stream(ctx, bus.StreamDecisions)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.CachedInfo().Config.MaxAge; got != 48*time.Hour {
		t.Fatalf("max age %v after re-ensuring with 48h", got)
	}
}

// A consumer whose settings the server refuses is not a bus still starting: it is
// reported at once, though JetStream answers it with a 500.
func TestNotReadyLeavesConfigRefusalsOut(t *testing.T) {
	refused := &jetstream.APIError{Code: 500, ErrorCode: 10012, Description: "deliver policy can not be updated"}
	if bus.NotReady(refused) {
		t.Errorf("NotReady(%v) = true; a refused configuration is not retried", refused)
	}
	busy := &jetstream.APIError{Code: 503, Description: "JetStream system temporarily unavailable"}
	if !bus.NotReady(busy) {
		t.Errorf("NotReady(%v) = false; want true", busy)
	}
}
