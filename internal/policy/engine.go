package policy

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// DefaultReloadInterval is how often Run checks the policy file for changes.
const DefaultReloadInterval = 2 * time.Second

// EngineOptions configures an Engine.
type EngineOptions struct {
	// Path is the policy file; empty means the embedded defaults.
	Path   string
	Logger *slog.Logger
	// ReloadInterval is how often Run polls the file's modification time and size
	// (DefaultReloadInterval when zero; negative disables polling, leaving Reload).
	ReloadInterval time.Duration
}

// Engine serves the policy in force and replaces it, without a restart, when the file
// changes. A new file that fails validation is rejected with a logged error and the
// policy in force is kept, so a typo cannot open the gate.
type Engine struct {
	opts    EngineOptions
	log     *slog.Logger
	current atomic.Pointer[Policy]

	mu      sync.Mutex // serialises reloads
	lastRaw []byte
	lastMod time.Time
	lastSz  int64
}

// NewEngine loads the policy. A file that cannot be read or fails validation is an
// error here: a gateway must not start with a policy it cannot enforce.
func NewEngine(opts EngineOptions) (*Engine, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.ReloadInterval == 0 {
		opts.ReloadInterval = DefaultReloadInterval
	}
	e := &Engine{opts: opts, log: opts.Logger.With("component", "policy")}
	if opts.Path == "" {
		p := Default()
		e.current.Store(p)
		e.log.Info("policy loaded", "source", "embedded defaults", "version", p.Version())
		return e, nil
	}
	fi, err := os.Stat(opts.Path)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	data, err := os.ReadFile(opts.Path)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	p, err := Parse(data, opts.Path)
	if err != nil {
		return nil, err
	}
	e.current.Store(p)
	e.lastRaw, e.lastMod, e.lastSz = data, fi.ModTime(), fi.Size()
	e.log.Info("policy loaded", "source", opts.Path, "version", p.Version())
	return e, nil
}

// Policy returns the policy in force.
func (e *Engine) Policy() *Policy { return e.current.Load() }

// Version returns the version of the policy in force.
func (e *Engine) Version() string { return e.current.Load().Version() }

// Threshold is the risk threshold k for a forum and audience under the policy in force.
func (e *Engine) Threshold(forumID string, audience mosaicv1.Audience) float64 {
	return e.current.Load().Threshold(forumID, audience)
}

// Decide decides on an assessment under the policy in force (see Policy.Decide).
func (e *Engine) Decide(a *mosaicv1.Assessment) Verdict {
	return e.current.Load().Decide(a)
}

// Reload re-reads the policy file now (the lead wires it to SIGHUP). An unchanged file
// is a no-op; an invalid one is logged and returned as an error, and the policy in force
// stays. With no file configured it does nothing.
func (e *Engine) Reload() error {
	if e.opts.Path == "" {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	fi, statErr := os.Stat(e.opts.Path)
	data, err := os.ReadFile(e.opts.Path)
	if statErr != nil || err != nil {
		if err == nil {
			err = statErr
		}
		e.log.Error("policy reload failed; keeping the policy in force", "path", e.opts.Path, "version", e.Version(), "err", err)
		return fmt.Errorf("policy: reload: %w", err)
	}
	e.lastMod, e.lastSz = fi.ModTime(), fi.Size()
	if bytes.Equal(data, e.lastRaw) {
		return nil
	}
	p, err := Parse(data, e.opts.Path)
	if err != nil {
		e.lastRaw = data // do not log the same bad file on every poll
		e.log.Error("policy reload rejected; keeping the policy in force", "path", e.opts.Path, "version", e.Version(), "err", err)
		return err
	}
	old := e.current.Swap(p)
	e.lastRaw = data
	e.log.Info("policy reloaded", "path", e.opts.Path, "old_version", old.Version(), "version", p.Version())
	return nil
}

// Run polls the policy file until ctx is done and reloads it when its modification time
// or size changes.
func (e *Engine) Run(ctx context.Context) {
	if e.opts.Path == "" || e.opts.ReloadInterval < 0 {
		<-ctx.Done()
		return
	}
	t := time.NewTicker(e.opts.ReloadInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		fi, err := os.Stat(e.opts.Path)
		e.mu.Lock()
		changed := err != nil || !fi.ModTime().Equal(e.lastMod) || fi.Size() != e.lastSz
		e.mu.Unlock()
		if err != nil {
			// Report a missing file once per change of state, through Reload's log.
			e.mu.Lock()
			gone := e.lastSz == -1
			e.lastSz = -1
			e.mu.Unlock()
			if !gone {
				e.log.Error("policy file unreadable; keeping the policy in force", "path", e.opts.Path, "version", e.Version(), "err", err)
			}
			continue
		}
		if changed {
			_ = e.Reload() // logged inside
		}
	}
}
