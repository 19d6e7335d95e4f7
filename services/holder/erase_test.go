package holder_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
	"github.com/mosaicgw/mosaic/services/holder/holdertest"
)

// Deleting a held post erases it from the holder: the status is a tombstone without
// findings, the queue and the notices no longer have it, and the notice stream's copy
// is gone.
func TestDeleteErasesHeldPostAndItsNotices(t *testing.T) {
	h, s := newHolder(t)
	ctx := t.Context()
	if err := h.Decide(ctx, assessment("p-held", true)); err != nil {
		t.Fatal(err)
	}
	if ns, _, err := h.Notices("dr-a", false, 10, ""); err != nil || len(ns) != 1 {
		t.Fatalf("notices before: %v %v", ns, err)
	}
	if got := messages(t, s.JS, bus.StreamNotices, bus.SubjectNotice("dr-a")); len(got) != 1 {
		t.Fatalf("%d notices in the stream before, want 1", len(got))
	}
	st, err := h.Delete(ctx, &mosaicv1.Deletion{PostId: "p-held", Reason: "removed"})
	if err != nil || st.Decision != mosaicv1.Decision_DECISION_DELETED || len(st.Findings) != 0 {
		t.Fatalf("delete: %v %v", st, err)
	}
	if ns, _, err := h.Notices("dr-a", false, 10, ""); err != nil || len(ns) != 0 {
		t.Fatalf("notices after: %v %v", ns, err)
	}
	if got := messages(t, s.JS, bus.StreamNotices, bus.SubjectNotice("dr-a")); len(got) != 0 {
		t.Fatalf("%d notices left in the stream", len(got))
	}
	// Deleting again repeats the purge and answers the same tombstone.
	again, err := h.Delete(ctx, &mosaicv1.Deletion{PostId: "p-held"})
	if err != nil || again.GetDecidedAt().AsTime() != st.GetDecidedAt().AsTime() {
		t.Fatalf("delete again: %v %v", again, err)
	}
}

// Notices expire after the configured retention (a Badger TTL).
func TestNoticesExpireAfterRetention(t *testing.T) {
	top, s, db := holderParts(t)
	h, err := holder.New(holder.Options{DB: db, NC: s.NC, JS: s.JS, Topology: top, Decider: holder.SeverityDecider{},
		Logger: slog.New(slog.DiscardHandler), AuditKey: holdertest.AuditKey, NoticeRetention: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Decide(t.Context(), assessment("p-ttl", true)); err != nil {
		t.Fatal(err)
	}
	if ns, _, err := h.Notices("dr-a", false, 10, ""); err != nil || len(ns) != 1 {
		t.Fatalf("notices before expiry: %v %v", ns, err)
	}
	// Badger's expiry has a one-second resolution.
	time.Sleep(2100 * time.Millisecond)
	if ns, _, err := h.Notices("dr-a", false, 10, ""); err != nil || len(ns) != 0 {
		t.Fatalf("notices after expiry: %v %v", ns, err)
	}
}
