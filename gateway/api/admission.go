package api

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"
)

// Admission defaults.
const (
	// DefaultMaxInFlight bounds the submissions in flight: at the couple of hundred
	// decisions a second a loaded 2-core machine makes it is about a second of work
	// (Little's law: the wait is in-flight / throughput), so a full pipeline answers
	// "retry later" rather than queueing posts for long; it is far more than the
	// partitions need to stay busy.
	DefaultMaxInFlight = 256
	// DefaultInFlightTTL is how long a submission counts as in flight without a
	// decision. A decision the gateway never sees (its post withdrawn or deleted on
	// another instance, say) frees its place after this.
	DefaultInFlightTTL = time.Minute
	// DefaultRetryAfter is the delay a refused submitter is told to wait.
	DefaultRetryAfter = time.Second
	// shedLogInterval spaces the log lines that count refusals.
	shedLogInterval = 10 * time.Second
)

// admission bounds the submissions in flight: accepted (or being accepted) by this
// gateway and not yet decided. SubmitPost beyond the bound is refused with
// ResourceExhausted and a retry delay; the NATS intake waits for room, so its
// consumer stops pulling and the posts stay in the intake stream.
type admission struct {
	max        int
	ttl        time.Duration
	retryAfter time.Duration
	now        func() time.Time

	mu       sync.Mutex
	inflight map[waitKey]time.Time
	// shed counts refusals since lastLog, logged at most every shedLogInterval.
	shed    int
	lastLog time.Time
	// freed is closed (and replaced) whenever a place is freed, waking waiters.
	freed chan struct{}
}

func newAdmission(max int, ttl, retryAfter time.Duration, now func() time.Time) *admission {
	return &admission{max: max, ttl: ttl, retryAfter: retryAfter, now: now,
		inflight: map[waitKey]time.Time{}, freed: make(chan struct{})}
}

// tryAdmit takes a place for k. A revision already in flight (a client retrying its
// pending post) needs no second place. It reports whether k may go on, and whether it
// took a new place (which the caller gives back with release if the submission fails).
func (a *admission) tryAdmit(k waitKey) (ok, took bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, in := a.inflight[k]; in {
		return true, false
	}
	if len(a.inflight) >= a.max {
		a.expireLocked()
		if len(a.inflight) >= a.max {
			return false, false
		}
	}
	a.inflight[k] = a.now()
	return true, true
}

// expireLocked forgets submissions in flight for longer than the TTL.
func (a *admission) expireLocked() {
	cutoff := a.now().Add(-a.ttl)
	for k, t := range a.inflight {
		if t.Before(cutoff) {
			delete(a.inflight, k)
		}
	}
}

// release frees k's place, if it has one (its decision arrived, or it failed).
func (a *admission) release(k waitKey) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, in := a.inflight[k]; !in {
		return
	}
	delete(a.inflight, k)
	close(a.freed)
	a.freed = make(chan struct{})
}

// wait takes a place for k, waiting for one to be freed when there is none, until ctx
// ends. tick is called every interval while it waits (to keep a message in progress).
func (a *admission) wait(ctx context.Context, k waitKey, interval time.Duration, tick func()) (took bool, err error) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		a.mu.Lock()
		freed := a.freed
		a.mu.Unlock()
		if ok, took := a.tryAdmit(k); ok {
			return took, nil
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-freed:
		case <-t.C:
			// Also lets expired places go.
			tick()
		}
	}
}

func (a *admission) len() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.inflight)
}

// refusal is SubmitPost's answer when the gateway is full: ResourceExhausted, with
// the delay in a google.rpc.RetryInfo detail and the same advice in the message.
func (a *admission) refusal(k waitKey, log *slog.Logger) error {
	a.mu.Lock()
	a.shed++
	if now := a.now(); now.Sub(a.lastLog) >= shedLogInterval {
		attrs := []any{"refused", a.shed, "max_in_flight", a.max, "retry_after", a.retryAfter}
		if !a.lastLog.IsZero() {
			attrs = append(attrs, "since", a.lastLog)
		}
		log.Warn("shedding load: submissions refused while the gateway is full", attrs...)
		a.shed, a.lastLog = 0, now
	}
	a.mu.Unlock()
	st := status.New(codes.ResourceExhausted, fmt.Sprintf(
		"the gateway already has %d submissions in flight, its limit (--max-in-flight, MOSAIC_MAX_IN_FLIGHT): the pipeline is behind; "+
			"post %s revision %d was not accepted: submit it again after %s (RetryInfo), with the same post_id and revision",
		a.max, k.post, k.rev, a.retryAfter))
	if d, err := st.WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(a.retryAfter)}); err == nil {
		st = d
	}
	return st.Err()
}
