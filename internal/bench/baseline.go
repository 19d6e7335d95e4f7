package bench

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/mosaicgw/mosaic/internal/bus"
)

// Baseline options.
type BaselineOptions struct {
	// Producer and Consumer are two connections to the server under test, as the bench
	// user (bus.RoleBench).
	Producer, Consumer *nats.Conn
	// Replicas of the bench stream (as the pipeline's streams).
	Replicas int
	// Duration of the measurement.
	Duration time.Duration
	// Payload is published as each message (a typical post, encoded).
	Payload []byte
}

// Baseline measures what bare JetStream moves on the same server, doing per message
// the bus work the pipeline needs at the least: a publish with a message id into a
// file-backed stream (the post), a pull from a durable consumer, a publish of a
// second message with a message id (the decision), and the acknowledgement of the
// first once the second is stored. Publishes are asynchronous and acknowledgements
// overlap, as a pipeline that overlaps its work would do. It returns messages
// completed (decision stored and input acknowledged) per second.
func Baseline(ctx context.Context, o BaselineOptions) (float64, error) {
	pjs, err := jetstream.New(o.Producer, jetstream.WithPublishAsyncMaxPending(1024))
	if err != nil {
		return 0, err
	}
	cjs, err := jetstream.New(o.Consumer, jetstream.WithPublishAsyncMaxPending(1024))
	if err != nil {
		return 0, err
	}
	_ = cjs.DeleteStream(ctx, bus.StreamBench)
	if _, err := cjs.CreateStream(ctx, jetstream.StreamConfig{Name: bus.StreamBench, Subjects: []string{bus.SubjectBenchAll},
		Storage: jetstream.FileStorage, Replicas: max(1, o.Replicas), Duplicates: 2 * time.Minute}); err != nil {
		return 0, fmt.Errorf("bench: create baseline stream: %w", err)
	}
	defer func() {
		dctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = cjs.DeleteStream(dctx, bus.StreamBench)
	}()
	cons, err := cjs.CreateOrUpdateConsumer(ctx, bus.StreamBench, jetstream.ConsumerConfig{Durable: "baseline",
		FilterSubject: bus.SubjectBenchIn, AckPolicy: jetstream.AckExplicitPolicy, MaxAckPending: 4096, AckWait: time.Minute})
	if err != nil {
		return 0, fmt.Errorf("bench: create baseline consumer: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errc := make(chan error, 3)
	wg.Go(func() { // producer: as fast as the server takes it
		for i := 0; ctx.Err() == nil; i++ {
			msg := &nats.Msg{Subject: bus.SubjectBenchIn, Data: o.Payload}
			if _, err := pjs.PublishMsgAsync(msg, jetstream.WithMsgID("in-"+strconv.Itoa(i))); err != nil {
				if errors.Is(err, jetstream.ErrTooManyStalledMsgs) {
					continue
				}
				errc <- fmt.Errorf("bench: baseline publish: %w", err)
				return
			}
		}
	})
	type inflight struct {
		in  jetstream.Msg
		fut jetstream.PubAckFuture
	}
	acks := make(chan inflight, 4096)
	var done atomic.Int64
	wg.Go(func() { // acker: acknowledge each input once its decision is stored
		for f := range acks {
			select {
			case <-f.fut.Ok():
				_ = f.in.Ack()
				done.Add(1)
			case err := <-f.fut.Err():
				errc <- fmt.Errorf("bench: baseline decision publish: %w", err)
				cancel()
			case <-ctx.Done():
			}
		}
	})
	it, err := cons.Messages(jetstream.PullMaxMessages(512))
	if err != nil {
		return 0, err
	}
	wg.Go(func() { // consumer: pull, publish the decision
		defer close(acks)
		for i := 0; ; i++ {
			m, err := it.Next()
			if err != nil {
				return
			}
			out := &nats.Msg{Subject: bus.SubjectBenchOut, Data: m.Data()[:min(64, len(m.Data()))]}
			fut, err := cjs.PublishMsgAsync(out, jetstream.WithMsgID("out-"+strconv.Itoa(i)))
			if err != nil {
				if ctx.Err() == nil {
					errc <- fmt.Errorf("bench: baseline decision publish: %w", err)
				}
				return
			}
			select {
			case acks <- inflight{m, fut}:
			case <-ctx.Done():
				return
			}
		}
	})
	// Warm up for a second, then measure.
	select {
	case <-time.After(time.Second):
	case <-ctx.Done():
	}
	from, t0 := done.Load(), time.Now()
	select {
	case <-time.After(o.Duration):
	case <-ctx.Done():
	case err := <-errc:
		cancel()
		it.Stop()
		wg.Wait()
		return 0, err
	}
	n, elapsed := done.Load()-from, time.Since(t0)
	cancel()
	it.Stop()
	wg.Wait()
	return round(float64(n) / elapsed.Seconds()), nil
}
