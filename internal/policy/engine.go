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
	// ReloadInterval is how often Run reads the file to see whether it changed
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
	lastRaw []byte     // the content last loaded or rejected
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
	data, err := os.ReadFile(opts.Path)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	p, err := Parse(data, opts.Path)
	if err != nil {
		return nil, err
	}
	e.current.Store(p)
	e.lastRaw = data
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
	data, err := os.ReadFile(e.opts.Path)
	if err != nil {
		e.log.Error("policy reload failed; keeping the policy in force", "path", e.opts.Path, "version", e.Version(), "err", err)
		return fmt.Errorf("policy: reload: %w", err)
	}
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

// Run polls the policy file until ctx is done and reloads it when its content changes.
// It compares content, not only the modification time, because an edit within the
// file system's timestamp granularity that keeps the size would otherwise go unseen;
// policy files are small, so reading one every few seconds costs nothing.
func (e *Engine) Run(ctx context.Context) {
	if e.opts.Path == "" || e.opts.ReloadInterval < 0 {
		<-ctx.Done()
		return
	}
	t := time.NewTicker(e.opts.ReloadInterval)
	defer t.Stop()
	unreadable := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		data, err := os.ReadFile(e.opts.Path)
		if err != nil {
			if !unreadable { // log once per change of state, not on every poll
				e.log.Error("policy file unreadable; keeping the policy in force", "path", e.opts.Path, "version", e.Version(), "err", err)
			}
			unreadable = true
			continue
		}
		unreadable = false
		e.mu.Lock()
		changed := !bytes.Equal(data, e.lastRaw)
		e.mu.Unlock()
		if changed {
			_ = e.Reload() // logged inside
		}
	}
}
