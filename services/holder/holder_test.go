package holder_test

import (
	"errors"
	"log/slog"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/proto"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	"github.com/mosaicgw/mosaic/internal/store"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
	"github.com/mosaicgw/mosaic/services/holder/holdertest"
)

func newHolder(t testing.TB) (*holder.Holder, *bustest.JetStream) {
	return newHolderWith(t, holder.SeverityDecider{})
}

func newHolderWith(t testing.TB, d holder.Decider) (*holder.Holder, *bustest.JetStream) {
	t.Helper()
	top, s, db := holderParts(t)
	h, err := holder.New(holder.Options{DB: db, NC: s.NC, JS: s.JS, Topology: top, Decider: d,
		Logger: slog.New(slog.DiscardHandler), AuditKey: holdertest.AuditKey})
	if err != nil {
		t.Fatal(err)
	}
	return h, s
}

// holderParts are what a holder runs on in the tests: a two-partition topology on an
// embedded JetStream and a Badger database in a temporary directory.
func holderParts(t testing.TB) (bus.Topology, *bustest.JetStream, *badger.DB) {
	t.Helper()
	top := bus.DefaultTopology()
	top.Partitions = 2
	s := bustest.Run(t, &top)
	db, err := store.Open(store.Options{Dir: t.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return top, s, db
}

func assessment(id string, hold bool) *mosaicv1.Assessment {
	a := &mosaicv1.Assessment{Post: &mosaicv1.Post{PostId: id, Revision: 1, AuthorId: "dr-a", ForumId: "f1", Body: "text"}}
	if hold {
		a.Findings = []*mosaicv1.Finding{{Kind: mosaicv1.FindingKind_FINDING_KIND_DIRECT_IDENTIFIER, Severity: mosaicv1.Severity_SEVERITY_HOLD,
			Explanation: "The post contains a name of a patient.", Spans: []*mosaicv1.Span{{Start: 0, End: 4, Text: "text"}},
			Guidance: &mosaicv1.Guidance{Paragraph: "confidentiality", Text: "..."}, Suggestion: "Remove the name."}}
	}
	return a
}

// messages returns the payloads stored on a stream's subject.
func messages(t *testing.T, js jetstream.JetStream, stream, subject string) [][]byte {
	t.Helper()
	cons, err := js.OrderedConsumer(t.Context(), stream, jetstream.OrderedConsumerConfig{FilterSubjects: []string{subject}})
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for {
		b, err := cons.FetchNoWait(100)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for m := range b.Messages() {
			out = append(out, m.Data())
			n++
		}
		if n == 0 {
			return out
		}
	}
}

func TestDecideHoldsAnnouncesOnceAndNotifies(t *testing.T) {
	h, s := newHolder(t)
	ctx := t.Context()
	if err := h.Decide(ctx, assessment("p1", true)); err != nil {
		t.Fatal(err)
	}
	if err := h.Decide(ctx, assessment("p1", true)); err != nil { // redelivery
		t.Fatal(err)
	}
	st, err := h.Status("p1", 0)
	if err != nil || st.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("status %v %v", st, err)
	}
	if n := len(messages(t, s.JS, bus.StreamDecisions, bus.SubjectDecision("f1"))); n != 1 {
		t.Fatalf("%d decision events, want 1", n)
	}
	// A hold is not a settled fate (a moderator may release it): no outcome, so the
	// linker keeps its details pending, counting for nothing.
	if outs := messages(t, s.JS, bus.StreamPosts, bus.SubjectOutcome(bus.Partition("dr-a", 2))); len(outs) != 0 {
		t.Fatalf("%d outcomes for a held post, want none", len(outs))
	}
	ns := messages(t, s.JS, bus.StreamNotices, bus.SubjectNotice("dr-a"))
	if len(ns) != 1 {
		t.Fatalf("%d notices, want 1", len(ns))
	}
	n := &mosaicv1.Notice{}
	_ = proto.Unmarshal(ns[0], n)
	if n.Kind != mosaicv1.NoticeKind_NOTICE_KIND_HELD || n.Body == "" {
		t.Fatalf("notice %v", n)
	}
}

func TestReleaseThenWithdrawIsRefusedButDeleteUnpublishes(t *testing.T) {
	h, s := newHolder(t)
	ctx := t.Context()
	if err := h.Decide(ctx, assessment("p2", false)); err != nil {
		t.Fatal(err)
	}
	_, err := h.Withdraw(ctx, &mosaicv1.Withdrawal{PostId: "p2", Revision: 1, AuthorId: "dr-a"})
	if !errors.Is(err, holder.ErrAlreadyDecided) {
		t.Fatalf("withdraw released: %v", err)
	}
	st, err := h.Delete(ctx, &mosaicv1.Deletion{PostId: "p2"})
	if err != nil || !st.Deleted || st.Decision != mosaicv1.Decision_DECISION_DELETED || len(st.Findings) != 0 {
		t.Fatalf("delete: %v %v", st, err)
	}
	// The release's outcome was erased with the post; the deletion's (no text) stays.
	outs := messages(t, s.JS, bus.StreamPosts, bus.SubjectOutcome(bus.Partition("dr-a", 2)))
	if len(outs) != 1 {
		t.Fatalf("%d outcomes, want only the deletion's", len(outs))
	}
	o := &mosaicv1.Outcome{}
	_ = proto.Unmarshal(outs[0], o)
	if !o.Deleted || o.Published {
		t.Fatalf("delete outcome %v", o)
	}
}

func TestWithdrawBeforeAssessmentWins(t *testing.T) {
	h, _ := newHolder(t)
	ctx := t.Context()
	if _, err := h.Withdraw(ctx, &mosaicv1.Withdrawal{PostId: "p3", Revision: 1, AuthorId: "dr-a"}); !errors.Is(err, holder.ErrNotFound) {
		t.Fatalf("withdraw of unknown post without forum: %v", err)
	}
	st, err := h.Withdraw(ctx, &mosaicv1.Withdrawal{PostId: "p3", Revision: 1, AuthorId: "dr-a", ForumId: "f1"})
	if err != nil || st.Decision != mosaicv1.Decision_DECISION_WITHDRAWN {
		t.Fatalf("withdraw pending: %v %v", st, err)
	}
	if err := h.Decide(ctx, assessment("p3", false)); err != nil {
		t.Fatal(err)
	}
	st, _ = h.Status("p3", 1)
	if st.Decision != mosaicv1.Decision_DECISION_WITHDRAWN {
		t.Fatalf("late assessment overrode a withdrawal: %s", st.Decision)
	}
	if _, err := h.Withdraw(ctx, &mosaicv1.Withdrawal{PostId: "p3", Revision: 1, AuthorId: "other"}); !errors.Is(err, holder.ErrPermission) {
		t.Fatalf("withdraw by another author: %v", err)
	}
}

type brokenDecider struct{}

func (brokenDecider) Decide(*mosaicv1.Assessment) holder.Verdict { return holder.Verdict{} }

// A decider that gives no clear release holds the post: fail closed.
func TestUnclearVerdictHolds(t *testing.T) {
	h, _ := newHolderWith(t, brokenDecider{})
	if err := h.Decide(t.Context(), assessment("p4", false)); err != nil {
		t.Fatal(err)
	}
	st, _ := h.Status("p4", 1)
	if st.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("got %s, want HELD", st.Decision)
	}
}
