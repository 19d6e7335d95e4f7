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
	// ReadOnly opens a database no process has open, for offline tools.
	ReadOnly bool
	// GCInterval between value-log garbage collections; 0 uses 10 minutes.
	GCInterval time.Duration
	// EncryptionKey (16, 24 or 32 bytes: AES-128/192/256) encrypts every table and
	// value-log file on disk; nil stores plaintext (development only). Badger encrypts
	// the data with data keys it generates and rotates (KeyRotation), each kept in the
	// KEYREGISTRY file encrypted under this master key; RotateMasterKey re-encrypts the
	// registry under a new master key.
	EncryptionKey []byte
	// PreviousEncryptionKey is the master key before a rotation: a database whose key
	// registry is still under it is re-encrypted to EncryptionKey as it opens.
	PreviousEncryptionKey []byte
	// KeyRotation is how long one Badger data key is used before a new one is
	// generated; 0 uses DefaultKeyRotation.
	KeyRotation time.Duration
}

// DefaultKeyRotation is how often Badger generates a new data key (its own default).
const DefaultKeyRotation = 10 * 24 * time.Hour

// indexCacheSize is the block-index cache Badger requires with encryption (decrypted
// indexes are cached rather than kept decrypted in memory).
const indexCacheSize = 16 << 20

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
	if o.ReadOnly {
		bo = bo.WithReadOnly(true)
	}
	if len(o.EncryptionKey) > 0 {
		rot := o.KeyRotation
		if rot <= 0 {
			rot = DefaultKeyRotation
		}
		bo = bo.WithEncryptionKey(o.EncryptionKey).
			WithEncryptionKeyRotationDuration(rot).
			WithIndexCacheSize(indexCacheSize)
	}
	db, err := badger.Open(bo)
	if errors.Is(err, badger.ErrEncryptionKeyMismatch) && len(o.PreviousEncryptionKey) > 0 && len(o.EncryptionKey) > 0 && !o.ReadOnly {
		// A master-key rotation: the registry is still under the previous key.
		if rerr := RotateMasterKey(o.Dir, o.PreviousEncryptionKey, o.EncryptionKey); rerr != nil {
			return nil, fmt.Errorf("store: the database at %q opens with neither the data key nor the previous one: %w", o.Dir, errors.Join(err, rerr))
		}
		o.Logger.Info("badger master key rotated", "dir", o.Dir)
		db, err = badger.Open(bo)
	}
	if errors.Is(err, badger.ErrEncryptionKeyMismatch) {
		if len(o.EncryptionKey) == 0 {
			return nil, fmt.Errorf("store: the database at %q is encrypted: give its data key (--data-key-file): %w", o.Dir, err)
		}
		return nil, fmt.Errorf("store: the database at %q was written without encryption or under another data key: give the key it was written with (--data-key-file), or, for a development database, start with --insecure-no-data-encryption: %w", o.Dir, err)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open badger at %q: %w", o.Dir, err)
	}
	return db, nil
}

// RotateMasterKey re-encrypts the key registry of the (closed) database in dir from
// oldKey to newKey, as Badger's own "badger rotate" does: the data keys, and so the
// data, stay as they are; only the registry that holds them is rewritten (atomically,
// under a temporary name renamed into place). After it, the database opens only with
// newKey.
func RotateMasterKey(dir string, oldKey, newKey []byte) error {
	reg, err := badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: dir, ReadOnly: true, EncryptionKey: oldKey,
		EncryptionKeyRotationDuration: DefaultKeyRotation})
	if err != nil {
		return fmt.Errorf("store: open the key registry in %q with the old key: %w", dir, err)
	}
	defer reg.Close()
	if err := badger.WriteKeyRegistry(reg, badger.KeyRegistryOptions{Dir: dir, EncryptionKey: newKey,
		EncryptionKeyRotationDuration: DefaultKeyRotation}); err != nil {
		return fmt.Errorf("store: write the key registry in %q under the new key: %w", dir, err)
	}
	return nil
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
