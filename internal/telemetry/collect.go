package telemetry

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
)

// ScrapeTimeout bounds the reads of one scrape (consumer and stream info from
// JetStream, the review queue from Badger).
const ScrapeTimeout = 5 * time.Second

// QueueStats is the review queue as a scrape sees it.
type QueueStats struct {
	// Held is the number of post revisions waiting for a moderator.
	Held int
	// Oldest is when the longest-waiting one was held (zero when none is).
	Oldest time.Time
}

var (
	descPending = prometheus.NewDesc("mosaic_consumer_pending_messages",
		"Messages in the stream not yet delivered to the durable consumer (JetStream num_pending): the consumer's lag. A linker consumer is one author partition (linker-p<N>).",
		[]string{"stream", "consumer"}, nil)
	descAckPending = prometheus.NewDesc("mosaic_consumer_ack_pending_messages",
		"Messages delivered to the durable consumer and not yet acknowledged (JetStream num_ack_pending).",
		[]string{"stream", "consumer"}, nil)
	descStreamMsgs = prometheus.NewDesc("mosaic_stream_messages",
		"Messages stored in the JetStream stream.", []string{"stream"}, nil)
	descStreamBytes = prometheus.NewDesc("mosaic_stream_bytes",
		"Bytes stored in the JetStream stream.", []string{"stream"}, nil)
	descBadgerLSM = prometheus.NewDesc("mosaic_badger_lsm_bytes",
		"Disk space taken by the service's Badger LSM tree (.sst files: keys and small values).", []string{"db"}, nil)
	descBadgerVlog = prometheus.NewDesc("mosaic_badger_vlog_bytes",
		"Disk space taken by the service's Badger value log (.vlog files).", []string{"db"}, nil)
	descQueueHeld = prometheus.NewDesc("mosaic_review_queue_posts",
		"Post revisions held and waiting for a moderator.", nil, nil)
	descQueueOldest = prometheus.NewDesc("mosaic_review_queue_oldest_seconds",
		"How long the longest-waiting held post has waited (0 when the queue is empty).", nil, nil)
)

// stateCollector reads, at scrape time, figures that live elsewhere: consumer lag and
// stream sizes from JetStream, database sizes from Badger, the review queue from the
// holder. Each process watches what it runs, over the NATS connection whose
// permissions allow the read.
type stateCollector struct {
	mu        sync.Mutex
	consumers []watchedConsumer
	streams   []watchedStream
	dbs       []watchedDB
	queue     func(context.Context) (QueueStats, error)
	now       func() time.Time
	log       *slog.Logger
	errors    *prometheus.CounterVec
}

type watchedConsumer struct {
	js               jetstream.JetStream
	stream, consumer string
}

type watchedStream struct {
	js   jetstream.JetStream
	name string
}

type watchedDB struct {
	name string
	db   *badger.DB
}

// WatchConsumer reports the lag of a durable consumer, read over js (a connection
// allowed to read the consumer's info).
func (m *Metrics) WatchConsumer(js jetstream.JetStream, stream, consumer string) {
	if m == nil {
		return
	}
	m.state.mu.Lock()
	defer m.state.mu.Unlock()
	m.state.consumers = append(m.state.consumers, watchedConsumer{js, stream, consumer})
}

// WatchStreams reports the size of each named stream, read over js.
func (m *Metrics) WatchStreams(js jetstream.JetStream, names ...string) {
	if m == nil {
		return
	}
	m.state.mu.Lock()
	defer m.state.mu.Unlock()
	for _, n := range names {
		m.state.streams = append(m.state.streams, watchedStream{js, n})
	}
}

// WatchBadger reports the on-disk sizes of a service's database.
func (m *Metrics) WatchBadger(name string, db *badger.DB) {
	if m == nil {
		return
	}
	m.state.mu.Lock()
	defer m.state.mu.Unlock()
	m.state.dbs = append(m.state.dbs, watchedDB{name, db})
}

// WatchReviewQueue reports the review queue as stats reads it.
func (m *Metrics) WatchReviewQueue(stats func(context.Context) (QueueStats, error)) {
	if m == nil {
		return
	}
	m.state.mu.Lock()
	defer m.state.mu.Unlock()
	m.state.queue = stats
}

// SetLogger names where failed scrape-time reads are logged (default slog.Default).
func (m *Metrics) SetLogger(l *slog.Logger) {
	if m == nil {
		return
	}
	m.state.mu.Lock()
	defer m.state.mu.Unlock()
	m.state.log = l
}

func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descPending, descAckPending, descStreamMsgs, descStreamBytes, descBadgerLSM, descBadgerVlog, descQueueHeld, descQueueOldest} {
		ch <- d
	}
	c.errors.Describe(ch)
}

// Collect reads every watched source. A source that cannot be read is left out of the
// scrape (its series go stale rather than report a wrong figure), logged and counted
// in mosaic_scrape_read_errors_total.
func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	consumers, streams, dbs, queue, log := c.consumers, c.streams, c.dbs, c.queue, c.log
	c.mu.Unlock()
	if log == nil {
		log = slog.Default()
	}
	now := time.Now
	if c.now != nil {
		now = c.now
	}
	ctx, cancel := context.WithTimeout(context.Background(), ScrapeTimeout)
	defer cancel()
	fail := func(source string, err error, args ...any) {
		c.errors.WithLabelValues(source).Inc()
		log.Warn("metrics: read failed", append([]any{"source", source, "err", err}, args...)...)
	}
	for _, w := range consumers {
		cons, err := w.js.Consumer(ctx, w.stream, w.consumer)
		if errors.Is(err, jetstream.ErrConsumerNotFound) {
			continue // its service creates it as it starts
		}
		if err != nil {
			fail("consumer", err, "stream", w.stream, "consumer", w.consumer)
			continue
		}
		info := cons.CachedInfo()
		ch <- prometheus.MustNewConstMetric(descPending, prometheus.GaugeValue, float64(info.NumPending), w.stream, w.consumer)
		ch <- prometheus.MustNewConstMetric(descAckPending, prometheus.GaugeValue, float64(info.NumAckPending), w.stream, w.consumer)
	}
	for _, w := range streams {
		s, err := w.js.Stream(ctx, w.name)
		if err != nil {
			fail("stream", err, "stream", w.name)
			continue
		}
		st := s.CachedInfo().State
		ch <- prometheus.MustNewConstMetric(descStreamMsgs, prometheus.GaugeValue, float64(st.Msgs), w.name)
		ch <- prometheus.MustNewConstMetric(descStreamBytes, prometheus.GaugeValue, float64(st.Bytes), w.name)
	}
	for _, w := range dbs {
		if w.db.IsClosed() || w.db.Opts().InMemory {
			continue
		}
		lsm, vlog, err := diskUsage(w.db.Opts().Dir, w.db.Opts().ValueDir)
		if err != nil {
			fail("badger", err, "db", w.name)
			continue
		}
		ch <- prometheus.MustNewConstMetric(descBadgerLSM, prometheus.GaugeValue, float64(lsm), w.name)
		ch <- prometheus.MustNewConstMetric(descBadgerVlog, prometheus.GaugeValue, float64(vlog), w.name)
	}
	if queue != nil {
		q, err := queue(ctx)
		if err != nil {
			fail("review_queue", err)
		} else {
			age := 0.0
			if !q.Oldest.IsZero() {
				age = max(0, now().Sub(q.Oldest).Seconds())
			}
			ch <- prometheus.MustNewConstMetric(descQueueHeld, prometheus.GaugeValue, float64(q.Held))
			ch <- prometheus.MustNewConstMetric(descQueueOldest, prometheus.GaugeValue, age)
		}
	}
	c.errors.Collect(ch)
}

// diskUsage adds up the disk space of a Badger database's table (.sst) and value log
// (.vlog) files, as Badger's own DB.Size does, but read now and as blocks allocated:
// DB.Size reports zero with Badger's expvar metrics off (store.Open turns them off),
// is refreshed once a minute, and counts a value log file's preallocated length.
func diskUsage(dir, valueDir string) (lsm, vlog int64, err error) {
	walk := func(d string) error {
		entries, err := os.ReadDir(d)
		if err != nil {
			return err
		}
		for _, e := range entries {
			ext := filepath.Ext(e.Name())
			if ext != ".sst" && ext != ".vlog" {
				continue
			}
			info, err := e.Info()
			if errors.Is(err, fs.ErrNotExist) {
				continue // compacted away meanwhile
			}
			if err != nil {
				return err
			}
			if ext == ".sst" {
				lsm += allocated(info)
			} else {
				vlog += allocated(info)
			}
		}
		return nil
	}
	if err := walk(dir); err != nil {
		return 0, 0, err
	}
	if valueDir != "" && valueDir != dir {
		if err := walk(valueDir); err != nil {
			return 0, 0, err
		}
	}
	return lsm, vlog, nil
}
