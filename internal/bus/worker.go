package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// ErrPoison marks a message that can never be processed (it does not decode, or breaks
// the contract). Wrap it and the worker terminates the message instead of retrying.
var ErrPoison = errors.New("poison message")

// Handler processes one message. It returns nil once the effect is durable; the
// worker then acknowledges.
type Handler func(ctx context.Context, msg jetstream.Msg) error

// Worker reads one durable pull consumer and runs its handler on one message at a
// time, in stream order. A failing handler is retried in place with backoff (keeping
// the message in progress), not skipped, so an author's later post never overtakes an
// earlier one; only poison messages are terminated.
type Worker struct {
	Name     string
	Consumer jetstream.Consumer
	Handle   Handler
	Logger   *slog.Logger
	// MaxBackoff caps the retry delay.
	MaxBackoff time.Duration
}

// Run consumes until ctx is cancelled.
func (w *Worker) Run(ctx context.Context) error {
	if w.MaxBackoff == 0 {
		w.MaxBackoff = 5 * time.Second
	}
	it, err := w.Consumer.Messages(jetstream.PullMaxMessages(64))
	if err != nil {
		return fmt.Errorf("bus: %s: start consuming: %w", w.Name, err)
	}
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	defer it.Stop()
	for {
		msg, err := it.Next()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, jetstream.ErrMsgIteratorClosed) {
				return nil
			}
			w.Logger.Warn("fetch failed", "worker", w.Name, "err", err)
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(time.Second):
			}
			continue
		}
		w.process(ctx, msg)
	}
}

func (w *Worker) process(ctx context.Context, msg jetstream.Msg) {
	backoff := 50 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := w.Handle(ctx, msg)
		switch {
		case err == nil:
			if aerr := msg.Ack(); aerr != nil {
				// The effect is durable and the handler idempotent: a redelivery is harmless.
				w.Logger.Warn("ack failed", "worker", w.Name, "subject", msg.Subject(), "err", aerr)
			}
			return
		case errors.Is(err, ErrPoison):
			w.Logger.Error("terminating poison message", "worker", w.Name, "subject", msg.Subject(), "err", err)
			_ = msg.TermWithReason(err.Error())
			return
		case ctx.Err() != nil:
			// Shutting down: leave it for redelivery.
			_ = msg.Nak()
			return
		}
		w.Logger.Warn("handler failed; retrying", "worker", w.Name, "subject", msg.Subject(), "attempt", attempt, "err", err)
		_ = msg.InProgress()
		select {
		case <-ctx.Done():
			_ = msg.Nak()
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, w.MaxBackoff)
	}
}
