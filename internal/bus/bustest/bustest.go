// Package bustest runs a real NATS server with JetStream for tests: in-process, on a
// temporary store, with Mosaic's streams created.
package bustest

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/mosaicgw/mosaic/internal/bus"
)

// JetStream is a running test server and a client of it.
type JetStream struct {
	Server *bus.Embedded
	NC     *nats.Conn
	JS     jetstream.JetStream
	close  sync.Once
}

// Close stops the client and the server (also done when the test ends).
func (j *JetStream) Close() {
	j.close.Do(func() {
		j.NC.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = j.Server.Shutdown(ctx)
	})
}

// Open starts a server on the JetStream store a stopped Mosaic left in storeDir,
// encrypted with key ("" for none), to read what its streams hold. Close it before
// anything else opens the store again.
func Open(t testing.TB, storeDir, key string) *JetStream {
	t.Helper()
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: storeDir, Insecure: true, EncryptionKey: key,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	nc, err := srv.Connect("store-reader")
	if err != nil {
		_ = srv.Shutdown(context.Background())
		t.Fatal(err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	j := &JetStream{Server: srv, NC: nc, JS: js}
	t.Cleanup(j.Close)
	return j
}

// Run starts a server for t (open to anonymous clients: these tests are about one
// component, not about access control), with the given topology's streams (DefaultTopology with
// 2 partitions when top is nil), stopped when t ends.
func Run(t testing.TB, top *bus.Topology) *JetStream {
	t.Helper()
	if top == nil {
		d := bus.DefaultTopology()
		d.Partitions = 2
		top = &d
	}
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Logger: slog.New(slog.DiscardHandler), Insecure: true})
	if err != nil {
		t.Fatal(err)
	}
	nc, err := srv.Connect("test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		nc.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := top.Ensure(ctx, js); err != nil {
		t.Fatal(err)
	}
	return &JetStream{Server: srv, NC: nc, JS: js}
}
