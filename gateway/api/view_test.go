package api

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/mosaicgw/mosaic/internal/store"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// A write for a request whose client has gone returns the context's error and writes
// nothing; with a live context the same write lands.
func TestViewWritesHonourTheRequestContext(t *testing.T) {
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v := view{db}
	st := &mosaicv1.PostStatus{PostId: "p1", Revision: 1, AuthorId: "a", Decision: mosaicv1.Decision_DECISION_PENDING}
	gone, cancel := context.WithCancel(t.Context())
	cancel()
	if _, _, err := v.create(gone, st, []byte("h")); !errors.Is(err, context.Canceled) {
		t.Fatalf("create with a cancelled context: %v, want context.Canceled", err)
	}
	if _, _, err := v.get("p1", 1); !errors.Is(err, errNoRecord) {
		t.Fatalf("after a cancelled create: %v, want no record", err)
	}
	if err := v.apply(gone, st); !errors.Is(err, context.Canceled) {
		t.Fatalf("apply with a cancelled context: %v", err)
	}
	if _, _, err := v.create(t.Context(), st, []byte("h")); err != nil {
		t.Fatal(err)
	}
	if got, _, err := v.get("p1", 1); err != nil || got.AuthorId != "a" {
		t.Fatalf("after create: %v %v", got, err)
	}
}

// The admission bound: places are taken up to the limit, a revision in flight needs
// no second place, a released place can be taken again, and one held past the TTL is
// reclaimed.
func TestAdmissionBound(t *testing.T) {
	now := time.Unix(1000, 0)
	a := newAdmission(2, time.Minute, time.Second, func() time.Time { return now })
	k1, k2, k3 := waitKey{"p1", 1}, waitKey{"p2", 1}, waitKey{"p3", 1}
	for _, k := range []waitKey{k1, k2} {
		if ok, took := a.tryAdmit(k); !ok || !took {
			t.Fatalf("%v: ok=%v took=%v", k, ok, took)
		}
	}
	if ok, took := a.tryAdmit(k1); !ok || took {
		t.Fatalf("k1 again: ok=%v took=%v, want admitted without a new place", ok, took)
	}
	if ok, _ := a.tryAdmit(k3); ok {
		t.Fatal("k3 admitted beyond the bound")
	}
	a.release(k2)
	if ok, took := a.tryAdmit(k3); !ok || !took {
		t.Fatalf("k3 after a release: ok=%v took=%v", ok, took)
	}
	now = now.Add(2 * time.Minute)
	if ok, took := a.tryAdmit(k2); !ok || !took {
		t.Fatalf("k2 after the TTL: ok=%v took=%v", ok, took)
	}
	if n := a.len(); n != 1 {
		t.Fatalf("%d in flight, want 1 (the expired two reclaimed)", n)
	}
	if st := status.Convert(a.refusal(k3, slog.New(slog.DiscardHandler))); st.Code() != codes.ResourceExhausted || len(st.Details()) != 1 {
		t.Fatalf("refusal: %v %v", st.Code(), st.Details())
	}
}
