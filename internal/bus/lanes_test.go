package bus_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
)

// A worker with lanes handles other authors' messages while one author's message is
// in hand (here: held until everything else is done), and each author's messages in
// stream order.
func TestWorkerLanesOverlapAuthorsAndKeepEachAuthorsOrder(t *testing.T) {
	s := bustest.Run(t, nil)
	ctx := t.Context()
	top := bus.DefaultTopology()
	authors := []string{"slow", "a", "b", "c"}
	const perAuthor = 5
	for i := range perAuthor {
		for _, a := range authors {
			msg := &nats.Msg{Subject: bus.SubjectSubmitted(0), Data: fmt.Appendf(nil, "%s-%d", a, i), Header: nats.Header{}}
			msg.Header.Set(bus.HeaderAuthor, a)
			if _, err := s.JS.PublishMsg(ctx, msg); err != nil {
				t.Fatal(err)
			}
		}
	}
	cons, err := s.JS.CreateOrUpdateConsumer(ctx, bus.StreamPosts, top.LinkerConsumer(0))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	seen := map[string][]string{}
	others := make(chan struct{})
	otherLeft := (len(authors) - 1) * perAuthor
	allDone := make(chan struct{})
	left := len(authors) * perAuthor
	handle := func(ctx context.Context, msg jetstream.Msg) error {
		a := msg.Headers().Get(bus.HeaderAuthor)
		if string(msg.Data()) == "slow-0" {
			// Held until every other author's messages are done: only lanes let them.
			select {
			case <-others:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		mu.Lock()
		defer mu.Unlock()
		seen[a] = append(seen[a], string(msg.Data()))
		if a != "slow" {
			if otherLeft--; otherLeft == 0 {
				close(others)
			}
		}
		if left--; left == 0 {
			close(allDone)
		}
		return nil
	}
	w := top.NewWorker("lanes", s.JS, cons, handle, slog.New(slog.DiscardHandler))
	w.Lanes, w.Key = 4, bus.AuthorKey
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	select {
	case <-allDone:
	case <-time.After(time.Minute): // a deadlock guard, not a speed limit
		cancel()
		t.Fatalf("the other authors' messages waited behind the held one: handled %v", seen)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, a := range authors {
		var want []string
		for i := range perAuthor {
			want = append(want, fmt.Sprintf("%s-%d", a, i))
		}
		if !slices.Equal(seen[a], want) {
			t.Errorf("author %s handled %v, want %v in order", a, seen[a], want)
		}
	}
}
