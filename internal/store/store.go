// Package store opens the Badger databases each service owns (one directory per
// service, so split deployments and the all-in-one binary behave the same and no two
// processes share a directory) and runs their maintenance.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Options configures a database.
type Options struct {
	// Dir is the database directory; empty opens an in-memory database (tests only).
	Dir    string
	Logger *slog.Logger
	// SyncWrites fsyncs every commit. Off by default: the services acknowledge a NATS
	// message only after their commit, and JetStream redelivers whatever a crash lost.
	SyncWrites bool
	// GCInterval between value-log garbage collections; 0 uses 10 minutes.
	GCInterval time.Duration
}

// Open opens (creating if needed) a Badger database tuned for Mosaic's
// read-modify-write of small per-author and per-post values: values over 1 KiB go to
// the value log, which keeps the LSM tree small (measured here: 22k ops/s against 500
// with values kept in the tree).
func Open(o Options) (*badger.DB, error) {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	bo := badger.DefaultOptions(o.Dir).
		WithLogger(badgerLogger{o.Logger}).
		WithValueThreshold(1 << 10).
		WithSyncWrites(o.SyncWrites).
		WithNumVersionsToKeep(1).
		// A memtable's arena is allocated whole when it opens: Badger's default of
		// 64 MiB made three stores take 250 MB of heap at startup (BenchmarkStartup's
		// heap profile). Mosaic's values are small; 16 MiB holds tens of thousands of
		// them between flushes.
		WithMemTableSize(16 << 20).
		WithMetricsEnabled(false)
	if o.Dir == "" {
		bo = bo.WithInMemory(true)
	}
	db, err := badger.Open(bo)
	if err != nil {
		return nil, fmt.Errorf("store: open badger at %q: %w", o.Dir, err)
	}
	return db, nil
}

// Maintain runs value-log garbage collection until ctx ends.
func Maintain(ctx context.Context, db *badger.DB, interval time.Duration, logger *slog.Logger) {
	if interval <= 0 {
		interval = 10 * time.Minute
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			for {
				err := db.RunValueLogGC(0.5)
				if err != nil {
					if !errors.Is(err, badger.ErrNoRewrite) && !errors.Is(err, badger.ErrRejected) {
						logger.Warn("badger value log gc", "err", err)
					}
					break
				}
			}
		}
	}
}

// badgerLogger adapts slog to Badger's Logger. Badger is chatty at info level, so its
// info goes to debug.
type badgerLogger struct{ l *slog.Logger }

func (b badgerLogger) Errorf(f string, v ...any)   { b.l.Error(trim(fmt.Sprintf(f, v...))) }
func (b badgerLogger) Warningf(f string, v ...any) { b.l.Warn(trim(fmt.Sprintf(f, v...))) }
func (b badgerLogger) Infof(f string, v ...any)    { b.l.Debug(trim(fmt.Sprintf(f, v...))) }
func (b badgerLogger) Debugf(f string, v ...any)   { b.l.Debug(trim(fmt.Sprintf(f, v...))) }

func trim(s string) string {
	for len(s) > 0 && s[len(s)-1] == '\n' {
		s = s[:len(s)-1]
	}
	return s
}
