package bus_test

import (
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/bus"
)

// A taken client port fails start-up at once with the address, the flag and what to do,
// not after the ready timeout: the ready timeout here is far longer than any test runs,
// so only the up-front check can return.
func TestEmbeddedServerOnATakenPortFailsNamingTheFlag(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, err = bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Listen: l.Addr().String(),
		Logger: slog.New(slog.DiscardHandler), Insecure: true, ReadyTimeout: 24 * time.Hour})
	if err == nil {
		t.Fatal("started on a taken port")
	}
	for _, want := range []string{l.Addr().String(), "--nats-listen", "another"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}
