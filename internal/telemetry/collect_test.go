package telemetry_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/nats-io/nats.go/jetstream"
	dto "github.com/prometheus/client_model/go"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	"github.com/mosaicgw/mosaic/internal/store"
	"github.com/mosaicgw/mosaic/internal/telemetry"
)

// gather scrapes m's registry into name -> the families' metrics.
func gather(t *testing.T, m *telemetry.Metrics) map[string][]*dto.Metric {
	t.Helper()
	mfs, err := m.Registry().Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	out := map[string][]*dto.Metric{}
	for _, mf := range mfs {
		out[mf.GetName()] = mf.GetMetric()
	}
	return out
}

// gauge returns the value of the series of name with exactly labels, failing if absent.
func gauge(t *testing.T, fams map[string][]*dto.Metric, name string, labels ...string) float64 {
	t.Helper()
	for _, m := range fams[name] {
		if matches(m, labels) {
			return m.GetGauge().GetValue()
		}
	}
	t.Fatalf("no %s%v in the scrape", name, labels)
	return 0
}

func matches(m *dto.Metric, labels []string) bool {
	got := map[string]string{}
	for _, l := range m.GetLabel() {
		got[l.GetName()] = l.GetValue()
	}
	for i := 0; i+1 < len(labels); i += 2 {
		if got[labels[i]] != labels[i+1] {
			return false
		}
	}
	return true
}

func TestScrapeReadsConsumerLagStreamSizesAndBadger(t *testing.T) {
	top := bus.DefaultTopology()
	top.Partitions = 2
	nats := bustest.Run(t, &top)
	ctx := t.Context()
	cons, err := nats.JS.CreateOrUpdateConsumer(ctx, bus.StreamPosts, top.LinkerConsumer(0))
	if err != nil {
		t.Fatal(err)
	}
	m := telemetry.New()
	m.WatchConsumer(nats.JS, bus.StreamPosts, bus.ConsumerLinker(0))
	m.WatchConsumer(nats.JS, bus.StreamPosts, bus.ConsumerLinker(1)) // not created yet: left out, no error
	m.WatchStreams(nats.JS, bus.StreamPosts, bus.StreamDecisions)

	fams := gather(t, m)
	if got := gauge(t, fams, "mosaic_consumer_pending_messages", "consumer", "linker-p0"); got != 0 {
		t.Fatalf("pending before any message: %v", got)
	}
	for i := range 3 {
		if _, err := nats.JS.Publish(ctx, bus.SubjectSubmitted(0), fmt.Appendf(nil, "submission %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	fams = gather(t, m)
	if got := gauge(t, fams, "mosaic_consumer_pending_messages", "stream", bus.StreamPosts, "consumer", "linker-p0"); got != 3 {
		t.Fatalf("pending after 3 messages: %v, want 3", got)
	}
	if got := gauge(t, fams, "mosaic_stream_messages", "stream", bus.StreamPosts); got != 3 {
		t.Fatalf("stream messages: %v, want 3", got)
	}
	if got := gauge(t, fams, "mosaic_stream_bytes", "stream", bus.StreamPosts); got <= 0 {
		t.Fatalf("stream bytes: %v, want > 0", got)
	}
	if got := gauge(t, fams, "mosaic_stream_messages", "stream", bus.StreamDecisions); got != 0 {
		t.Fatalf("decisions stream messages: %v, want 0", got)
	}
	for _, s := range fams["mosaic_consumer_pending_messages"] {
		if matches(s, []string{"consumer", "linker-p1"}) {
			t.Fatal("a consumer that does not exist yet was reported")
		}
	}

	// One delivered and not acknowledged: pending 2, ack pending 1.
	batch, err := cons.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range batch.Messages() {
		n++
	}
	if n != 1 {
		t.Fatalf("fetched %d messages, want 1", n)
	}
	fams = gather(t, m)
	if p, a := gauge(t, fams, "mosaic_consumer_pending_messages", "consumer", "linker-p0"), gauge(t, fams, "mosaic_consumer_ack_pending_messages", "consumer", "linker-p0"); p != 2 || a != 1 {
		t.Fatalf("after one delivery: pending %v ack pending %v, want 2 and 1", p, a)
	}
	if errs := fams["mosaic_scrape_read_errors_total"]; len(errs) != 0 {
		t.Fatalf("read errors: %v", errs)
	}

	// Badger: values over the 1 KiB threshold go to the value log; closing flushes the
	// memtable to a table, so both sizes are real after a reopen.
	dir := t.TempDir()
	db, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(txn *badger.Txn) error {
		for i := range 50 {
			if err := txn.Set(fmt.Appendf(nil, "k%d", i), bytes.Repeat([]byte{'x'}, 4<<10)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if db, err = store.Open(store.Options{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	m.WatchBadger("linker", db)
	fams = gather(t, m)
	if lsm, vlog := gauge(t, fams, "mosaic_badger_lsm_bytes", "db", "linker"), gauge(t, fams, "mosaic_badger_vlog_bytes", "db", "linker"); lsm <= 0 || vlog < 50*4<<10 {
		t.Fatalf("badger sizes: lsm %v vlog %v, want lsm > 0 and vlog >= %d", lsm, vlog, 50*4<<10)
	}

	// The review queue, as the holder reports it.
	held := time.Now().Add(-90 * time.Second)
	m.WatchReviewQueue(func(context.Context) (telemetry.QueueStats, error) {
		return telemetry.QueueStats{Held: 7, Oldest: held}, nil
	})
	fams = gather(t, m)
	if n, age := gauge(t, fams, "mosaic_review_queue_posts"), gauge(t, fams, "mosaic_review_queue_oldest_seconds"); n != 7 || age < 90 {
		t.Fatalf("queue: %v posts, oldest %vs; want 7 and at least 90", n, age)
	}
	m.WatchReviewQueue(func(context.Context) (telemetry.QueueStats, error) {
		return telemetry.QueueStats{}, fmt.Errorf("disk on fire")
	})
	fams = gather(t, m)
	if _, ok := fams["mosaic_review_queue_posts"]; ok {
		t.Fatal("a queue that could not be read was reported")
	}
	var readErrs float64
	for _, s := range fams["mosaic_scrape_read_errors_total"] {
		if matches(s, []string{"source", "review_queue"}) {
			readErrs = s.GetCounter().GetValue()
		}
	}
	if readErrs != 1 {
		t.Fatalf("review_queue read errors: %v, want 1", readErrs)
	}
}
