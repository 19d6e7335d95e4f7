package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// ErrPoison marks a message that can never be processed (it does not decode, or breaks
// the contract). Wrap it and the worker gives up on the message at once: it goes to the
// dead-letter stream (when the worker has one) and is terminated, instead of retried.
var ErrPoison = errors.New("poison message")

// ErrTransient marks a failure of the surroundings rather than of the message (the bus
// or the database is briefly unavailable, a transaction conflicted). Wrap it and the
// worker retries without counting the failure towards DeadLetterAfter, so an outage
// does not send healthy messages to the dead-letter stream. Publish failures that say
// the bus is unreachable count as transient without wrapping (see Transient).
var ErrTransient = errors.New("transient failure")

// Transient reports whether err says the surroundings, not the message, failed.
func Transient(err error) bool {
	for _, e := range []error{ErrTransient, context.DeadlineExceeded, nats.ErrTimeout, nats.ErrNoResponders,
		nats.ErrConnectionClosed, nats.ErrConnectionDraining, nats.ErrConnectionReconnecting, nats.ErrDisconnected,
		nats.ErrNoServers, jetstream.ErrNoStreamResponse, jetstream.ErrJetStreamNotEnabled} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// Handler processes one message. It returns nil once the effect is durable; the
// worker then acknowledges.
type Handler func(ctx context.Context, msg jetstream.Msg) error

// Worker reads one durable pull consumer and runs its handler on one message at a
// time, in stream order. A failing handler is retried in place with backoff (keeping
// the message in progress), not skipped, so an author's later post never overtakes an
// earlier one. But one message must not stop the messages behind it for ever: a
// message that is poison (ErrPoison), or that still fails after DeadLetterAfter
// attempts, is copied to the dead-letter stream with the reason (see DeadLetter) and
// terminated, and the worker goes on. Whoever consumes the dead letters decides what
// the message's post becomes (the holder holds it for a moderator: fail closed).
//
// Attempts are counted across deliveries: JetStream's delivery count says how many
// earlier deliveries ended without an ack (a crash, a shutdown, an expired ack wait),
// and each counts as one failed attempt, so a restart does not reset the count and
// cannot bring a wedge back. A handler that panics fails that attempt; a message that
// kills its process each time is dead-lettered unhandled at its last delivery
// (MaxDeliver).
type Worker struct {
	Name     string
	Consumer jetstream.Consumer
	Handle   Handler
	Logger   *slog.Logger
	// DeadLetter publishes dead letters. When nil, a message given up on is only
	// terminated (and logged), as before dead letters existed.
	DeadLetter jetstream.JetStream
	// DeadLetterAfter is the number of failed attempts after which a message is given
	// up on (default DefaultDeadLetterAfter).
	DeadLetterAfter int
	// MaxDeliver is the consumer's MaxDeliver (0: unbounded).
	MaxDeliver int
	// MinBackoff is the first retry delay (default DefaultRetryBackoff); MaxBackoff
	// caps the doubling (default MaxRetryBackoff).
	MinBackoff time.Duration
	MaxBackoff time.Duration
	// Tracer records a span per message, a child of the trace its headers carry (see
	// ExtractTrace); the handler's context carries it on. Nil records nothing.
	Tracer trace.Tracer
	// Lanes, with Key, lets messages of different keys be handled at once, up to
	// Lanes at a time, while the messages of one key are handled one at a time in
	// stream order (see lanes). 0 or 1: one message at a time, in stream order.
	Lanes int
	// Key names a message's ordering key (the author of a post).
	Key func(jetstream.Msg) string
}

// Run consumes until ctx is cancelled.
func (w *Worker) Run(ctx context.Context) error {
	if w.MaxBackoff <= 0 {
		w.MaxBackoff = MaxRetryBackoff
	}
	if w.MinBackoff <= 0 {
		w.MinBackoff = min(DefaultRetryBackoff, w.MaxBackoff)
	}
	if w.DeadLetterAfter <= 0 {
		w.DeadLetterAfter = DefaultDeadLetterAfter
	}
	if w.Logger == nil {
		w.Logger = slog.Default()
	}
	if w.Tracer == nil {
		w.Tracer = noop.NewTracerProvider().Tracer("")
	}
	it, err := w.Consumer.Messages(jetstream.PullMaxMessages(64))
	if err != nil {
		return fmt.Errorf("bus: %s: start consuming: %w", w.Name, err)
	}
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	defer it.Stop()
	var lanes *lanes
	if w.Lanes > 1 && w.Key != nil {
		lanes = newLanes(w.Lanes)
		defer lanes.wait()
	}
	var lastFetchLog time.Time
	for {
		msg, err := it.Next()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, jetstream.ErrMsgIteratorClosed) {
				return nil
			}
			if time.Since(lastFetchLog) >= time.Minute { // not once a second through an outage
				lastFetchLog = time.Now()
				w.Logger.Warn("fetch failed; retrying every second", "worker", w.Name, "err", err)
			}
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(time.Second):
			}
			continue
		}
		if lanes != nil {
			lanes.dispatch(ctx, w.Key(msg), msg, w.process)
			continue
		}
		w.process(ctx, msg)
	}
}

// handle runs the handler, turning a panic into a failed attempt.
func (w *Worker) handle(ctx context.Context, msg jetstream.Msg) (err error) {
	defer func() {
		if r := recover(); r != nil {
			w.Logger.Error("handler panicked", "worker", w.Name, "subject", msg.Subject(), "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	return w.Handle(ctx, msg)
}

func (w *Worker) process(ctx context.Context, msg jetstream.Msg) {
	ctx, span := w.Tracer.Start(ExtractTrace(ctx, msg.Headers()), w.Name+" process", trace.WithSpanKind(trace.SpanKindConsumer),
		trace.WithAttributes(attribute.String("messaging.system", "nats"), attribute.String("messaging.destination.name", msg.Subject()),
			attribute.String("messaging.consumer.group.name", w.Name)))
	defer span.End()
	// Earlier deliveries that ended without an ack count as failed attempts.
	failed := 0
	if md, err := msg.Metadata(); err == nil && md.NumDelivered > 1 {
		failed = int(md.NumDelivered - 1)
		if w.MaxDeliver > 0 && md.NumDelivered >= uint64(w.MaxDeliver) {
			// The server will not deliver it again: whatever ended the earlier
			// deliveries (a crash in the handler?) must not end this one too.
			w.giveUp(ctx, msg, fmt.Sprintf("delivered %d times without ever being acknowledged; not handled again", md.NumDelivered), failed)
			return
		}
	}
	backoff := w.MinBackoff
	lastLog := time.Time{}
	for retry := 0; ; retry++ {
		err := w.handle(ctx, msg)
		switch {
		case err == nil:
			if aerr := msg.Ack(); aerr != nil {
				// The effect is durable and the handler idempotent: a redelivery is harmless.
				w.Logger.Warn("ack failed", "worker", w.Name, "subject", msg.Subject(), "err", aerr)
			}
			if retry > 0 {
				w.Logger.Info("handler succeeded after retries", "worker", w.Name, "subject", msg.Subject(), "retries", retry)
			}
			return
		case errors.Is(err, ErrPoison):
			w.giveUp(ctx, msg, err.Error(), failed+1)
			return
		case ctx.Err() != nil:
			// Shutting down: leave it for redelivery.
			_ = msg.Nak()
			return
		}
		if !Transient(err) {
			failed++
			if failed >= w.DeadLetterAfter {
				w.giveUp(ctx, msg, fmt.Sprintf("failed %d times; last error: %v", failed, err), failed)
				return
			}
		}
		// Log the first failure and then at most once a minute, so a long outage
		// does not fill the log with one line per retry.
		if time.Since(lastLog) >= time.Minute {
			lastLog = time.Now()
			w.Logger.Warn("handler failed; retrying", "worker", w.Name, "subject", msg.Subject(),
				"failures", failed, "give_up_after", w.DeadLetterAfter, "transient", Transient(err), "retry_in", backoff, "err", err)
		}
		if !w.pause(ctx, msg, &backoff) {
			return
		}
	}
}

// pause waits out a retry's backoff, keeping msg in progress, and doubles the backoff
// up to MaxBackoff. It reports false, with msg handed back for redelivery, when ctx
// ends first.
func (w *Worker) pause(ctx context.Context, msg jetstream.Msg, backoff *time.Duration) bool {
	_ = msg.InProgress()
	select {
	case <-ctx.Done():
		_ = msg.Nak()
		return false
	case <-time.After(*backoff):
	}
	*backoff = min(*backoff*2, w.MaxBackoff)
	return true
}

// giveUp moves msg to the dead-letter stream and terminates it, so the messages
// behind it go on. If the dead letter cannot be stored, the message is not terminated:
// it is retried (in place) until the dead letter is stored or the worker stops, so a
// message is never dropped without a trace.
func (w *Worker) giveUp(ctx context.Context, msg jetstream.Msg, reason string, attempts int) {
	w.Logger.Error("giving up on message; moving it to the dead-letter stream", "worker", w.Name,
		"subject", msg.Subject(), "attempts", attempts, "reason", reason)
	trace.SpanFromContext(ctx).SetStatus(codes.Error, "dead-lettered: "+truncate(reason, 256))
	if w.DeadLetter != nil {
		backoff := w.MinBackoff
		lastLog := time.Time{}
		for tries := 1; ; tries++ {
			err := PublishDeadLetter(ctx, w.DeadLetter, msg, w.Name, reason, attempts)
			if err == nil {
				if tries > 1 {
					w.Logger.Info("dead letter stored after retries", "worker", w.Name, "subject", msg.Subject(), "tries", tries)
				}
				break
			}
			if ctx.Err() != nil {
				_ = msg.Nak()
				return
			}
			// The first failure, then at most once a minute: the partition waits
			// behind this message, and the log should say so without a line per retry.
			if time.Since(lastLog) >= time.Minute {
				lastLog = time.Now()
				w.Logger.Warn("dead letter not stored; retrying (the messages behind it wait)", "worker", w.Name, "subject", msg.Subject(),
					"tries", tries, "retry_in", backoff, "err", err)
			}
			if !w.pause(ctx, msg, &backoff) {
				return
			}
		}
	}
	if err := msg.TermWithReason(truncate(reason, 256)); err != nil {
		// The dead letter is stored (de-duplicated by its message id): a redelivery
		// dead-letters it again, harmlessly.
		w.Logger.Warn("terminate failed", "worker", w.Name, "subject", msg.Subject(), "err", err)
	}
}

// lanes runs a worker's messages concurrently across keys and in order within a key:
// a message whose key has one in hand waits behind it in that key's queue; any other
// starts at once on a free lane, and when every lane is busy the reader waits (so the
// consumer's pull buffer and MaxAckPending bound what is held). A retried message
// holds back only its own key.
type lanes struct {
	sem chan struct{}
	wg  sync.WaitGroup

	mu sync.Mutex
	// queues has an entry for every key in hand: the messages waiting behind it.
	queues map[string][]jetstream.Msg
}

func newLanes(n int) *lanes {
	return &lanes{sem: make(chan struct{}, n), queues: map[string][]jetstream.Msg{}}
}

func (l *lanes) dispatch(ctx context.Context, key string, msg jetstream.Msg, process func(context.Context, jetstream.Msg)) {
	l.mu.Lock()
	if q, busy := l.queues[key]; busy {
		l.queues[key] = append(q, msg)
		l.mu.Unlock()
		return
	}
	l.queues[key] = nil
	l.mu.Unlock()
	select {
	case l.sem <- struct{}{}:
	case <-ctx.Done():
		// Shutting down: hand it back (and anything queued behind it meanwhile).
		l.mu.Lock()
		q := l.queues[key]
		delete(l.queues, key)
		l.mu.Unlock()
		for _, m := range append([]jetstream.Msg{msg}, q...) {
			_ = m.Nak()
		}
		return
	}
	l.wg.Go(func() {
		defer func() { <-l.sem }()
		for {
			process(ctx, msg)
			l.mu.Lock()
			q := l.queues[key]
			if len(q) == 0 {
				delete(l.queues, key)
				l.mu.Unlock()
				return
			}
			msg, l.queues[key] = q[0], q[1:]
			l.mu.Unlock()
		}
	})
}

// wait waits for every lane to finish.
func (l *lanes) wait() { l.wg.Wait() }
