package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Start-up retry settings: each attempt at a JetStream request gets StartupAttempt
// (a cluster electing its metadata leader answers nothing for seconds), and failed
// attempts are retried after a delay that doubles from 100 ms up to 5 s.
const (
	StartupAttempt    = 10 * time.Second
	startupMinBackoff = 100 * time.Millisecond
	startupMaxBackoff = 5 * time.Second
)

// NotReady reports whether err says the bus is not ready yet, as a cluster that is
// starting or electing leaders answers, rather than that the request is wrong: the
// failures Transient names (timeouts, no responders, a connection coming up), a stream
// not there yet (another process is creating it), and JetStream API errors with a 408
// or 5xx status (JetStream temporarily unavailable, no leader, insufficient peers).
func NotReady(err error) bool {
	if Transient(err) || errors.Is(err, jetstream.ErrStreamNotFound) {
		return true
	}
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		if configRefused(apiErr) {
			return false
		}
		return apiErr.Code == 408 || apiErr.Code >= 500
	}
	return false
}

// configRefused reports a JetStream refusal of the request's configuration, which no
// retry changes, though the server answers it with a 500 ("deliver policy can not be
// updated", a consumer name already in use with other settings).
func configRefused(e *jetstream.APIError) bool {
	d := strings.ToLower(e.Description)
	return strings.Contains(d, "can not be updated") || strings.Contains(d, "cannot be updated") ||
		strings.Contains(d, "already in use") || strings.Contains(d, "invalid") || strings.Contains(d, "not allowed")
}

// RetryStartup runs fn (a stream or consumer creation, say) until it succeeds, giving
// each attempt StartupAttempt and retrying failures that say the bus is not ready yet
// (NotReady) with backoff, until ctx ends. A failure that is not NotReady (permission
// denied, a conflicting configuration) is returned at once. what names the work in
// the log and in the error.
func RetryStartup(ctx context.Context, log *slog.Logger, what string, fn func(context.Context) error) error {
	if log == nil {
		log = slog.Default()
	}
	backoff := startupMinBackoff
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, StartupAttempt)
		err := fn(actx)
		cancel()
		if err == nil {
			if attempt > 1 {
				log.Info("bus ready", "for", what, "attempts", attempt)
			}
			return nil
		}
		if !NotReady(err) {
			return fmt.Errorf("%s: %w", what, err)
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%s: the bus was not ready in time (%d attempts): %w", what, attempt, err)
		}
		log.Warn("bus not ready; retrying", "for", what, "attempt", attempt, "retry_in", backoff, "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: the bus was not ready in time (%d attempts): %w", what, attempt, err)
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, startupMaxBackoff)
	}
}
