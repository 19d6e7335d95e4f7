package linker_test

import (
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/mosaicgw/mosaic/internal/bus"
)

// When a later partition's consumer cannot be set up, Run returns the error with no
// worker running: none was started, so the caller may close the ledger's database.
// (Before, the earlier partitions' workers were left running on it.)
func TestRunSetUpFailureLeavesNoWorkerRunning(t *testing.T) {
	l, s := newLinker(t)
	top := bus.DefaultTopology()
	// Partition 1's durable consumer exists with a deliver policy that cannot be
	// updated to the linker's.
	bad := top.LinkerConsumer(1)
	bad.DeliverPolicy = jetstream.DeliverNewPolicy
	if _, err := s.JS.CreateConsumer(t.Context(), bus.StreamPosts, bad); err != nil {
		t.Fatal(err)
	}
	if err := l.Run(t.Context()); err == nil {
		t.Fatal("Run succeeded with partition 1's consumer unusable")
	}
	// Partition 0's consumer was set up, but no worker pulls from it.
	c, err := s.JS.Consumer(t.Context(), bus.StreamPosts, bus.ConsumerLinker(0))
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.Info(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if info.NumWaiting != 0 {
		t.Fatalf("partition 0 has %d pull requests waiting after Run returned: a worker still runs", info.NumWaiting)
	}
}
