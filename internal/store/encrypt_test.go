package store_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/mosaicgw/mosaic/internal/store"
)

func newKey(t testing.TB) []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		t.Fatal(err)
	}
	return k
}

// filesContain reports the files under dir whose bytes contain marker.
func filesContain(t testing.TB, dir string, marker []byte) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, marker) {
			hits = append(hits, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// writeMarked stores a small value (kept in the LSM tree) and a large one (kept in the
// value log), both containing marker, and closes the database.
func writeMarked(t *testing.T, o store.Options, marker string) {
	t.Helper()
	db, err := store.Open(o)
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat(marker+" ", 4<<10/len(marker))
	if err := db.Update(func(txn *badger.Txn) error {
		if err := txn.Set([]byte("small/"+marker), []byte(marker)); err != nil {
			return err
		}
		return txn.Set([]byte("big"), []byte(big))
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func readBack(t *testing.T, o store.Options, marker string) {
	t.Helper()
	db, err := store.Open(o)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.View(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte("small/" + marker))
		if err != nil {
			return err
		}
		v, err := item.ValueCopy(nil)
		if err == nil && string(v) != marker {
			return fmt.Errorf("read %q, want %q", v, marker)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// With a key, neither keys nor values (in the tree or the value log) are on disk in
// plaintext; without one they are (the control that shows the grep can find them).
func TestEncryptionKeepsPlaintextOffDisk(t *testing.T) {
	quiet := slog.New(slog.DiscardHandler)
	marker := "MARKER-" + rand.Text()

	plain := t.TempDir()
	writeMarked(t, store.Options{Dir: plain, Logger: quiet}, marker)
	if hits := filesContain(t, plain, []byte(marker)); len(hits) == 0 {
		t.Fatal("control: the unencrypted database's files do not contain the marker; the grep proves nothing")
	}

	dir := t.TempDir()
	o := store.Options{Dir: dir, Logger: quiet, EncryptionKey: newKey(t)}
	writeMarked(t, o, marker)
	if hits := filesContain(t, dir, []byte(marker)); len(hits) > 0 {
		t.Fatalf("plaintext marker found in encrypted database files: %v", hits)
	}
	readBack(t, o, marker)
}

func TestEncryptedOpenWithWrongOrNoKeyIsRefused(t *testing.T) {
	quiet := slog.New(slog.DiscardHandler)
	dir := t.TempDir()
	writeMarked(t, store.Options{Dir: dir, Logger: quiet, EncryptionKey: newKey(t)}, "m")
	_, err := store.Open(store.Options{Dir: dir, Logger: quiet, EncryptionKey: newKey(t)})
	if !errors.Is(err, badger.ErrEncryptionKeyMismatch) || !strings.Contains(err.Error(), "--data-key-file") {
		t.Fatalf("wrong key: %v, want a key mismatch naming --data-key-file", err)
	}
	_, err = store.Open(store.Options{Dir: dir, Logger: quiet})
	if err == nil || !strings.Contains(err.Error(), "--data-key-file") {
		t.Fatalf("no key: %v, want an error naming --data-key-file", err)
	}
	// A plaintext database opened with a key is refused, not silently half-encrypted.
	plain := t.TempDir()
	writeMarked(t, store.Options{Dir: plain, Logger: quiet}, "m")
	_, err = store.Open(store.Options{Dir: plain, Logger: quiet, EncryptionKey: newKey(t)})
	if !errors.Is(err, badger.ErrEncryptionKeyMismatch) || !strings.Contains(err.Error(), "--insecure-no-data-encryption") {
		t.Fatalf("plaintext database with a key: %v", err)
	}
}

// A master-key rotation re-encrypts the key registry: the data reads back under the new
// key, and the old key no longer opens it.
func TestMasterKeyRotation(t *testing.T) {
	quiet := slog.New(slog.DiscardHandler)
	dir := t.TempDir()
	oldKey, newKeyB := newKey(t), newKey(t)
	writeMarked(t, store.Options{Dir: dir, Logger: quiet, EncryptionKey: oldKey}, "m")
	// At start, with the previous key given: rotated as it opens.
	readBack(t, store.Options{Dir: dir, Logger: quiet, EncryptionKey: newKeyB, PreviousEncryptionKey: oldKey}, "m")
	readBack(t, store.Options{Dir: dir, Logger: quiet, EncryptionKey: newKeyB}, "m")
	if _, err := store.Open(store.Options{Dir: dir, Logger: quiet, EncryptionKey: oldKey}); !errors.Is(err, badger.ErrEncryptionKeyMismatch) {
		t.Fatalf("old key after rotation: %v, want a mismatch", err)
	}
	// Offline, directly.
	third := newKey(t)
	if err := store.RotateMasterKey(dir, newKeyB, third); err != nil {
		t.Fatal(err)
	}
	readBack(t, store.Options{Dir: dir, Logger: quiet, EncryptionKey: third}, "m")
	if err := store.RotateMasterKey(dir, newKeyB, third); err == nil {
		t.Fatal("rotation from a key that is no longer the master key succeeded")
	}
}

// BenchmarkWrite measures the store's write path (one read-modify-write transaction of
// a 600-byte value under its own key, as the services commit per post) with and without
// encryption at rest:
//
//	go test -run '^$' -bench BenchmarkWrite -benchtime 20000x ./internal/store
func BenchmarkWrite(b *testing.B) {
	for _, enc := range []bool{false, true} {
		name := "plaintext"
		if enc {
			name = "encrypted"
		}
		b.Run(name, func(b *testing.B) {
			o := store.Options{Dir: b.TempDir(), Logger: slog.New(slog.DiscardHandler)}
			if enc {
				o.EncryptionKey = newKey(b)
			}
			db, err := store.Open(o)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			val := bytes.Repeat([]byte("x"), 600)
			big := bytes.Repeat([]byte("y"), 2<<10) // one in eight goes to the value log
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				key := fmt.Appendf(nil, "s/post-%d/%d", i%5000, i)
				v := val
				if i%8 == 0 {
					v = big
				}
				if err := db.Update(func(txn *badger.Txn) error {
					if _, err := txn.Get(key); err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
						return err
					}
					return txn.Set(key, v)
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
