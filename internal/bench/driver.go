package bench

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Outcome is what became of one offered post.
type Outcome int

// Outcomes.
const (
	// Decided: released or held, within the wait.
	Decided Outcome = iota
	// Shed: the gateway refused it for now (ResourceExhausted: too much in flight).
	Shed
	// Failed: any other error.
	Failed
	// Undecided: still pending when the client stopped waiting.
	Undecided
)

// Done reports the outcome of one post; the submitter calls it exactly once.
type Done func(Outcome, error)

// Submitter hands one post to the pipeline and calls done once its fate is known
// (from another goroutine if it likes). It must not block for long: the driver calls
// it from its schedule, and a blocking submitter would turn the open loop closed.
type Submitter interface {
	Submit(ctx context.Context, p *mosaicv1.Post, done Done)
}

// Step is one open-loop run at a fixed rate.
type Step struct {
	Rate     float64
	Duration time.Duration
	// Drain is how long to wait, after the last post is offered, for the outstanding
	// ones' outcomes.
	Drain time.Duration
}

// Result is what one step measured. Latencies run from when a post was due (its place
// in the schedule, not when the driver got round to it) to its decision.
type Result struct {
	Rate        float64 `json:"rate"`
	DurationS   float64 `json:"duration_s"`
	Offered     int64   `json:"offered"`
	Decided     int64   `json:"decided"`
	Shed        int64   `json:"shed"`
	Failed      int64   `json:"failed"`
	Undecided   int64   `json:"undecided"`
	DecidedPerS float64 `json:"decided_per_s"`
	P50ms       float64 `json:"p50_ms"`
	P99ms       float64 `json:"p99_ms"`
	MaxMs       float64 `json:"max_ms"`
	// FirstError is the first failure's message, if any failed.
	FirstError string `json:"first_error,omitempty"`
}

// KeepsUp reports whether the pipeline kept up with the step: every post offered was
// decided (none shed, failed or left pending), at 95% of the offered rate or better,
// with the 99th percentile within p99.
func (r Result) KeepsUp(p99 time.Duration) bool {
	return r.Offered > 0 && r.Decided == r.Offered && r.DecidedPerS >= 0.95*r.Rate &&
		r.P99ms <= float64(p99)/float64(time.Millisecond)
}

// Driver offers posts open loop and collects their outcomes.
type Driver struct {
	Posts     *Posts
	Submitter Submitter
	// Progress receives a line each second (nil: none).
	Progress io.Writer
}

type collector struct {
	mu        sync.Mutex
	lat       []float64 // ms, decided posts
	window    []float64 // ms, decided in the current second
	firstErr  string
	lastDone  time.Time
	offered   atomic.Int64
	decided   atomic.Int64
	shed      atomic.Int64
	failed    atomic.Int64
	undecided atomic.Int64
}

func (c *collector) outstanding() int64 {
	return c.offered.Load() - c.decided.Load() - c.shed.Load() - c.failed.Load() - c.undecided.Load()
}

func (c *collector) done(due time.Time) Done {
	var once sync.Once
	return func(o Outcome, err error) {
		once.Do(func() {
			now := time.Now()
			ms := float64(now.Sub(due)) / float64(time.Millisecond)
			c.mu.Lock()
			defer c.mu.Unlock()
			switch o {
			case Decided:
				c.lat = append(c.lat, ms)
				c.window = append(c.window, ms)
				c.lastDone = now
				c.decided.Add(1)
			case Shed:
				c.shed.Add(1)
			case Undecided:
				c.undecided.Add(1)
			default:
				if c.firstErr == "" && err != nil {
					c.firstErr = err.Error()
				}
				c.failed.Add(1)
			}
		})
	}
}

// Run offers posts at s.Rate for s.Duration, then waits up to s.Drain for the
// outstanding outcomes. Posts still outstanding then count as undecided.
func (d *Driver) Run(ctx context.Context, s Step) Result {
	c := &collector{}
	total := int64(s.Rate * s.Duration.Seconds())
	interval := time.Duration(float64(time.Second) / s.Rate)
	start := time.Now()
	stopProgress := d.progress(c, start)
	defer stopProgress()
schedule:
	for sent := int64(0); sent < total; {
		if ctx.Err() != nil {
			break
		}
		due := int64(float64(time.Since(start)) / float64(interval))
		for ; sent < total && sent <= due; sent++ {
			p := d.Posts.Next()
			c.offered.Add(1)
			d.Submitter.Submit(ctx, p, c.done(start.Add(time.Duration(sent)*interval)))
		}
		next := start.Add(time.Duration(sent) * interval)
		select {
		case <-ctx.Done():
			break schedule
		case <-time.After(max(time.Until(next), 200*time.Microsecond)):
		}
	}
	deadline := time.Now().Add(s.Drain)
	for c.outstanding() > 0 && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	r := Result{Rate: s.Rate, DurationS: s.Duration.Seconds(), Offered: c.offered.Load(), Decided: c.decided.Load(),
		Shed: c.shed.Load(), Failed: c.failed.Load(), FirstError: c.firstErr}
	r.Undecided = r.Offered - r.Decided - r.Shed - r.Failed
	if r.Decided > 0 {
		// Over the time the decisions took: the offered duration when the pipeline
		// keeps up, longer when it drains a backlog afterwards.
		r.DecidedPerS = round(float64(r.Decided) / max(c.lastDone.Sub(start), s.Duration).Seconds())
		slices.Sort(c.lat)
		r.P50ms, r.P99ms, r.MaxMs = round(quantile(c.lat, 0.50)), round(quantile(c.lat, 0.99)), round(c.lat[len(c.lat)-1])
	}
	return r
}

// progress prints a line each second, and a last one when the returned function is
// called.
func (d *Driver) progress(c *collector, start time.Time) func() {
	if d.Progress == nil {
		return func() {}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var lastDecided int64
	line := func() {
		c.mu.Lock()
		w := c.window
		c.window = nil
		c.mu.Unlock()
		slices.Sort(w)
		dec := c.decided.Load()
		p99 := "-"
		if len(w) > 0 {
			p99 = fmt.Sprintf("%.1fms", quantile(w, 0.99))
		}
		fmt.Fprintf(d.Progress, "bench: %3.0fs offered=%d decided=%d (+%d, p99 %s) in_flight=%d shed=%d failed=%d rss=%.0fMB load=%s\n",
			time.Since(start).Seconds(), c.offered.Load(), dec, dec-lastDecided, p99, c.outstanding(),
			c.shed.Load(), c.failed.Load(), RSSMB(), LoadAvgString())
		lastDecided = dec
	}
	wg.Go(func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				line() // the last, partial second
				return
			case <-t.C:
				line()
			}
		}
	})
	return func() { close(stop); wg.Wait() }
}

// quantile of sorted xs (nearest rank).
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	i := int(math.Ceil(q*float64(len(xs)))) - 1
	return xs[max(0, min(i, len(xs)-1))]
}

func round(x float64) float64 { return math.Round(x*100) / 100 }
