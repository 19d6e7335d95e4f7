package store_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/mosaicgw/mosaic/internal/store"
)

func TestOpenPersistsAcrossReopen(t *testing.T) {
	dir := t.TempDir()
	opts := store.Options{Dir: dir, Logger: slog.New(slog.DiscardHandler)}
	db, err := store.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 4<<10) // above the value threshold: goes to the value log
	if err := db.Update(func(txn *badger.Txn) error {
		if err := txn.Set([]byte("small"), []byte("v")); err != nil {
			return err
		}
		return txn.Set([]byte("big"), big)
	}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { store.Maintain(ctx, db, time.Millisecond, slog.New(slog.DiscardHandler)); close(done) }()
	time.Sleep(10 * time.Millisecond)
	cancel()
	<-done
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(txn *badger.Txn) error {
		for key, want := range map[string]int{"small": 1, "big": len(big)} {
			item, err := txn.Get([]byte(key))
			if err != nil {
				return err
			}
			if item.ValueSize() != int64(want) {
				t.Errorf("%s: %d bytes, want %d", key, item.ValueSize(), want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenFailsWithAClearError(t *testing.T) {
	dir := t.TempDir()
	db, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A second process (here: a second open) cannot take the same directory.
	_, err = store.Open(store.Options{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Fatalf("second open of %s: %v, want an error naming the directory", dir, err)
	}
}
