package holder_test

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	"github.com/mosaicgw/mosaic/internal/store"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
	"github.com/mosaicgw/mosaic/services/holder/holdertest"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

var (
	ana   = holder.Reviewer{ID: "mod-ana", Forums: []string{"gp-chat"}}
	ben   = holder.Reviewer{ID: "mod-ben", Forums: []string{"gp-chat", "cardio"}}
	carol = holder.Reviewer{ID: "mod-carol", Forums: []string{"cardio"}}
)

func newReviewHolder(t *testing.T) (*holder.Holder, *bustest.JetStream, *clock) {
	t.Helper()
	top := bus.DefaultTopology()
	top.Partitions = 2
	s := bustest.Run(t, &top)
	db, err := store.Open(store.Options{Dir: t.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	h, err := holder.New(holder.Options{DB: db, NC: s.NC, JS: s.JS, Topology: top, Decider: holder.SeverityDecider{},
		Logger: slog.New(slog.DiscardHandler), Now: c.Now, AuditKey: holdertest.AuditKey})
	if err != nil {
		t.Fatal(err)
	}
	return h, s, c
}

// holdCumulative decides the earlier post (released) and the held cumulative one.
func holdCumulative(t *testing.T, h *holder.Holder, c *clock) {
	t.Helper()
	earlier, held := holdertest.Cumulative("p-early", "p-held", "dr-a", "gp-chat", c.Now().Add(-96*time.Hour))
	if err := h.Decide(t.Context(), earlier); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Minute)
	if err := h.Decide(t.Context(), held); err != nil {
		t.Fatal(err)
	}
}

func outcomes(t *testing.T, s *bustest.JetStream, author string) []*mosaicv1.Outcome {
	var out []*mosaicv1.Outcome
	for _, b := range messages(t, s.JS, bus.StreamPosts, bus.SubjectOutcome(bus.Partition(author, 2))) {
		o := &mosaicv1.Outcome{}
		if err := proto.Unmarshal(b, o); err != nil {
			t.Fatal(err)
		}
		out = append(out, o)
	}
	return out
}

func TestHeldPostShowsLinkedPostsRiskAndTimeline(t *testing.T) {
	h, _, c := newReviewHolder(t)
	holdCumulative(t, h, c)
	hp, err := h.HeldPost(ana, "p-held")
	if err != nil {
		t.Fatal(err)
	}
	if hp.Status.Decision != mosaicv1.Decision_DECISION_HELD || hp.Post.Body != holdertest.HeldBody {
		t.Fatalf("held post %s %q", hp.Status.Decision, hp.Post.Body)
	}
	if len(hp.LinkedPosts) != 1 || hp.LinkedPosts[0].Post.Body != holdertest.EarlierBody {
		t.Fatalf("linked posts: %v", hp.LinkedPosts)
	}
	var kinds []string
	for _, d := range hp.LinkedPosts[0].Details {
		kinds = append(kinds, d.Kind)
	}
	if strings.Join(kinds, ",") != "town,occupation,age" {
		t.Fatalf("contributing details of the earlier post: %v", kinds)
	}
	if len(hp.Timeline) != 2 || hp.Timeline[0].PostId != "p-early" || hp.Timeline[1].PostId != "p-held" {
		t.Fatalf("timeline %v", hp.Timeline)
	}
	k := hp.Status.Risk.EstimatedMatches
	if math.Abs(hp.Timeline[1].EstimatedMatches-k) > 1e-9 {
		t.Fatalf("timeline ends at %g, the estimate is %g", hp.Timeline[1].EstimatedMatches, k)
	}
	// The earlier post alone left 2^14.2 times as many candidates (the condition's bits).
	if got, want := hp.Timeline[0].EstimatedMatches/k, math.Exp2(14.2); math.Abs(got/want-1) > 1e-9 {
		t.Fatalf("the held post's step: ×%g, want ×%g", got, want)
	}
	if _, err := h.HeldPost(carol, "p-held"); !errors.Is(err, holder.ErrPermission) {
		t.Fatalf("moderator of another forum: %v", err)
	}
	if _, err := h.HeldPost(ana, "nope"); !errors.Is(err, holder.ErrNotFound) {
		t.Fatalf("unknown post: %v", err)
	}
}

func TestClaimsExcludeOthersAndExpire(t *testing.T) {
	h, _, c := newReviewHolder(t)
	holdCumulative(t, h, c)
	ctx := t.Context()
	cl, err := h.Claim(ctx, ana, "p-held", 10*time.Minute)
	if err != nil || cl.Moderator != "mod-ana" {
		t.Fatalf("claim: %v %v", cl, err)
	}
	if _, err := h.Claim(ctx, ben, "p-held", 0); !errors.Is(err, holder.ErrClaimed) {
		t.Fatalf("second claim: %v", err)
	}
	if _, err := h.Release(ctx, ben, "p-held", ""); !errors.Is(err, holder.ErrClaimed) {
		t.Fatalf("release under another's claim: %v", err)
	}
	if _, err := h.Claim(ctx, ana, "p-held", holder.MaxClaimTTL+time.Second); !errors.Is(err, holder.ErrInvalidArgument) {
		t.Fatalf("over-long claim: %v", err)
	}
	claimed, _ := h.ListHeld(ben, holder.QueueQuery{Claim: mosaicv1.ClaimFilter_CLAIM_FILTER_CLAIMED})
	unclaimed, _ := h.ListHeld(ben, holder.QueueQuery{Claim: mosaicv1.ClaimFilter_CLAIM_FILTER_UNCLAIMED})
	if claimed.Total != 1 || unclaimed.Total != 0 || claimed.Posts[0].ClaimedBy != "mod-ana" {
		t.Fatalf("claimed %v unclaimed %v", claimed, unclaimed)
	}
	c.Advance(11 * time.Minute)
	if _, err := h.Claim(ctx, ben, "p-held", 0); err != nil {
		t.Fatalf("claim after expiry: %v", err)
	}
	if _, err := h.Claim(ctx, carol, "p-held", 0); !errors.Is(err, holder.ErrPermission) {
		t.Fatalf("claim in another forum: %v", err)
	}
}

func TestReleasePublishesAndLeavesQueue(t *testing.T) {
	h, s, c := newReviewHolder(t)
	holdCumulative(t, h, c)
	ctx := t.Context()
	st, err := h.Release(ctx, ana, "p-held", "discussed with the author")
	if err != nil || st.Decision != mosaicv1.Decision_DECISION_RELEASED || st.DecidedBy != "mod-ana" {
		t.Fatalf("release: %v %v", st, err)
	}
	if _, err := h.Release(ctx, ana, "p-held", ""); !errors.Is(err, holder.ErrAlreadyDecided) {
		t.Fatalf("second release: %v", err)
	}
	q, _ := h.ListHeld(ana, holder.QueueQuery{})
	if q.Total != 0 {
		t.Fatalf("released post still queued: %v", q)
	}
	outs := outcomes(t, s, "dr-a")
	last := outs[len(outs)-1]
	if last.PostId != "p-held" || !last.Published || last.ReleasedBody != "" {
		t.Fatalf("outcome %v", last)
	}
	ns, _, err := h.Notices("dr-a", false, 0, "")
	if err != nil || ns[0].Kind != mosaicv1.NoticeKind_NOTICE_KIND_RELEASED_AFTER_REVIEW {
		t.Fatalf("newest notice %v %v", ns, err)
	}
}

func TestEditAndReleaseCountsTheEditedText(t *testing.T) {
	h, s, c := newReviewHolder(t)
	holdCumulative(t, h, c)
	edited := "Follow-up on an elderly patient: biopsy confirms a rare histiocytic disorder. Any experience with BRAF inhibitors?"
	st, err := h.EditAndRelease(t.Context(), ben, "p-held", edited, "removed age, job and diagnosis")
	if err != nil || st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("edit and release: %v %v", st, err)
	}
	outs := outcomes(t, s, "dr-a")
	if last := outs[len(outs)-1]; !last.Published || last.ReleasedBody != edited {
		t.Fatalf("outcome must carry the edited text: %v", last)
	}
	evs := messages(t, s.JS, bus.StreamDecisions, bus.SubjectDecision(st.ForumId))
	last := &mosaicv1.DecisionEvent{}
	if err := proto.Unmarshal(evs[len(evs)-1], last); err != nil || last.Status.ReleasedBody != edited {
		t.Fatalf("the platform must learn the text members see: %v %v", last, err)
	}
	ns, _, _ := h.Notices("dr-a", false, 1, "")
	if len(ns) != 1 || ns[0].Kind != mosaicv1.NoticeKind_NOTICE_KIND_RELEASED_AFTER_REVIEW || !strings.Contains(ns[0].Body, edited) {
		t.Fatalf("the poster must be told what members see: %v", ns)
	}
	hp, _ := h.HeldPost(ben, "p-held")
	if hp.Post.Body != edited {
		t.Fatalf("post body after edit: %q", hp.Post.Body)
	}
	if _, err := h.EditAndRelease(t.Context(), ben, "p-held", "  ", ""); !errors.Is(err, holder.ErrInvalidArgument) {
		t.Fatalf("empty edit: %v", err)
	}
}

func TestRejectAppealOnceAndAuditChain(t *testing.T) {
	h, s, c := newReviewHolder(t)
	holdCumulative(t, h, c)
	ctx := t.Context()
	if _, err := h.Appeal(ctx, "dr-a", "p-held", "please"); !errors.Is(err, holder.ErrAlreadyDecided) {
		t.Fatalf("appeal of a held post: %v", err)
	}
	st, err := h.Reject(ctx, ana, "p-held", mosaicv1.RejectReason_REJECT_REASON_CONFIDENTIALITY, "The patient is recognisable in Keswick.")
	if err != nil || st.Decision != mosaicv1.Decision_DECISION_REJECTED {
		t.Fatalf("reject: %v %v", st, err)
	}
	for _, o := range outcomes(t, s, "dr-a") {
		if o.PostId == "p-held" && o.Published {
			t.Fatalf("a rejected post was published to the ledger: %v", o)
		}
	}
	if _, err := h.Appeal(ctx, "dr-b", "p-held", "mine"); !errors.Is(err, holder.ErrPermission) {
		t.Fatalf("appeal by another author: %v", err)
	}
	c.Advance(time.Hour)
	st, err = h.Appeal(ctx, "dr-a", "p-held", "The patient consented in writing to this discussion.")
	if err != nil || st.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("appeal: %v %v", st, err)
	}
	q, _ := h.ListHeld(ana, holder.QueueQuery{AppealsOnly: true})
	if q.Total != 1 || !q.Posts[0].Appeal {
		t.Fatalf("appeal not queued: %v", q)
	}
	hp, _ := h.HeldPost(ana, "p-held")
	if !hp.Appeal || hp.AppealStatement == "" {
		t.Fatalf("appeal statement missing: %v", hp)
	}
	if _, err := h.Reject(ctx, ben, "p-held", mosaicv1.RejectReason_REJECT_REASON_CONFIDENTIALITY, "Upheld."); err != nil {
		t.Fatal(err)
	}
	// Only the final rejection settles the post's fate in the ledger: the first left
	// its details pending for the appeal.
	var settled []string
	for _, o := range outcomes(t, s, "dr-a") {
		if o.PostId == "p-held" {
			settled = append(settled, o.Decision.String())
		}
	}
	if strings.Join(settled, ",") != "DECISION_REJECTED" {
		t.Fatalf("outcomes of p-held: %v, want one rejection after the appeal", settled)
	}
	if _, err := h.Appeal(ctx, "dr-a", "p-held", "again"); !errors.Is(err, holder.ErrAlreadyDecided) {
		t.Fatalf("second appeal: %v", err)
	}
	if _, err := h.AddNote(ctx, carol, "p-held", "x"); !errors.Is(err, holder.ErrPermission) {
		t.Fatalf("note in another forum: %v", err)
	}
	if _, err := h.AddNote(ctx, ana, "p-held", "Author emailed; consent form not on file."); err != nil {
		t.Fatal(err)
	}

	entries, ok, err := h.AuditHistory(ana, "p-held")
	if err != nil || !ok {
		t.Fatalf("audit: ok=%v err=%v", ok, err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Actor+":"+e.Action)
	}
	want := "mosaic:held mod-ana:rejected author:dr-a:appealed mod-ben:rejected mod-ana:note"
	if strings.Join(got, " ") != want {
		t.Fatalf("audit actions\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if entries[0].DetectorVersion != "test-detect/1" || entries[0].PolicyVersion == "" {
		t.Fatalf("versions missing: %v", entries[0])
	}
	// Tampering with any field breaks the chain.
	tampered := make([]*mosaicv1.AuditEntry, len(entries))
	for i, e := range entries {
		tampered[i] = proto.Clone(e).(*mosaicv1.AuditEntry)
	}
	tampered[1].Reason = "OTHER: nothing to see"
	if holder.VerifyChain(tampered) {
		t.Fatal("an edited entry still verifies")
	}
	if holder.VerifyChain(append(entries[:1:1], entries[2:]...)) {
		t.Fatal("a removed entry still verifies")
	}
}

func TestReturnForEditThenNewRevision(t *testing.T) {
	h, _, c := newReviewHolder(t)
	holdCumulative(t, h, c)
	ctx := t.Context()
	if _, err := h.ReturnForEdit(ctx, ana, "p-held", "", ""); !errors.Is(err, holder.ErrInvalidArgument) {
		t.Fatalf("return without reason: %v", err)
	}
	st, err := h.ReturnForEdit(ctx, ana, "p-held", "The diagnosis and age identify the patient.", "Say 'a rare histiocytic disorder' and drop the age.")
	if err != nil || st.Decision != mosaicv1.Decision_DECISION_RETURNED {
		t.Fatalf("return: %v %v", st, err)
	}
	ns, _, _ := h.Notices("dr-a", true, 0, "")
	if len(ns) == 0 || ns[0].Kind != mosaicv1.NoticeKind_NOTICE_KIND_RETURNED_FOR_EDIT || !strings.Contains(ns[0].Body, "rare histiocytic disorder") {
		t.Fatalf("return notice %v", ns)
	}
	_, held := holdertest.Cumulative("p-early", "p-held", "dr-a", "gp-chat", c.Now())
	rev2 := &mosaicv1.Assessment{Post: held.Post, DetectorVersion: "test-detect/1"}
	rev2.Post.Revision = 2
	rev2.Post.Body = "Follow-up on an elderly patient: biopsy confirms a rare histiocytic disorder."
	if err := h.Decide(ctx, rev2); err != nil {
		t.Fatal(err)
	}
	if st, _ := h.Status("p-held", 0); st.Revision != 2 || st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("revision 2: %v", st)
	}
	entries, ok, _ := h.AuditHistory(ana, "p-held")
	if !ok || len(entries) != 3 || entries[2].Revision != 2 || entries[2].Action != holder.ActionReleased {
		t.Fatalf("audit across revisions: %v", entries)
	}
}

func TestQueueFiltersPagesAndCounts(t *testing.T) {
	h, _, c := newReviewHolder(t)
	ctx := t.Context()
	holdCumulative(t, h, c)
	for i, id := range []string{"d1", "d2", "d3"} {
		c.Advance(time.Minute)
		forum := "gp-chat"
		if i == 2 {
			forum = "cardio"
		}
		if err := h.Decide(ctx, holdertest.DirectIdentifier(id, "dr-b", forum, c.Now())); err != nil {
			t.Fatal(err)
		}
	}
	all, err := h.ListHeld(ben, holder.QueueQuery{})
	if err != nil || all.Total != 4 {
		t.Fatalf("ben's queue: %v %v", all, err)
	}
	if all.Posts[0].PostId != "p-held" || all.Posts[3].PostId != "d3" {
		t.Fatalf("not oldest first: %v", all.Posts)
	}
	if all.CountsByKind["FINDING_KIND_DIRECT_IDENTIFIER"] != 3 || all.CountsByKind["FINDING_KIND_CUMULATIVE_REIDENTIFICATION"] != 1 {
		t.Fatalf("counts %v", all.CountsByKind)
	}
	mine, _ := h.ListHeld(ana, holder.QueueQuery{})
	if mine.Total != 3 {
		t.Fatalf("ana sees %d posts, want the 3 in gp-chat", mine.Total)
	}
	if _, err := h.ListHeld(ana, holder.QueueQuery{Forum: "cardio"}); !errors.Is(err, holder.ErrPermission) {
		t.Fatalf("listing another forum: %v", err)
	}
	kind, _ := h.ListHeld(ben, holder.QueueQuery{Kinds: []mosaicv1.FindingKind{mosaicv1.FindingKind_FINDING_KIND_CUMULATIVE_REIDENTIFICATION}})
	if kind.Total != 1 || kind.Posts[0].PostId != "p-held" || kind.CountsByKind["FINDING_KIND_DIRECT_IDENTIFIER"] != 3 {
		t.Fatalf("kind filter %v", kind)
	}
	old, _ := h.ListHeld(ben, holder.QueueQuery{MinAge: 90 * time.Second})
	if old.Total != 2 {
		t.Fatalf("min age: %d posts, want 2", old.Total)
	}
	var pages [][]string
	q := holder.QueueQuery{NewestFirst: true, PageSize: 3}
	for {
		page, err := h.ListHeld(ben, q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, p := range page.Posts {
			ids = append(ids, p.PostId)
		}
		pages = append(pages, ids)
		if page.NextPageToken == "" {
			break
		}
		q.PageToken = page.NextPageToken
	}
	if len(pages) != 2 || strings.Join(pages[0], ",") != "d3,d2,d1" || strings.Join(pages[1], ",") != "p-held" {
		t.Fatalf("pages %v", pages)
	}
	if _, err := h.ListHeld(ben, holder.QueueQuery{PageToken: "garbage!"}); !errors.Is(err, holder.ErrInvalidArgument) {
		t.Fatalf("bad token: %v", err)
	}
}

func TestNoticesListPageAndAcknowledge(t *testing.T) {
	h, _, c := newReviewHolder(t)
	ctx := t.Context()
	for _, id := range []string{"n1", "n2", "n3"} {
		c.Advance(time.Minute)
		if err := h.Decide(ctx, holdertest.DirectIdentifier(id, "dr-b", "gp-chat", c.Now())); err != nil {
			t.Fatal(err)
		}
	}
	first, next, err := h.Notices("dr-b", false, 2, "")
	if err != nil || len(first) != 2 || first[0].PostId != "n3" || next == "" {
		t.Fatalf("first page %v %q %v", first, next, err)
	}
	rest, next2, _ := h.Notices("dr-b", false, 2, next)
	if len(rest) != 1 || rest[0].PostId != "n1" || next2 != "" {
		t.Fatalf("second page %v %q", rest, next2)
	}
	n := first[0]
	if n.Kind != mosaicv1.NoticeKind_NOTICE_KIND_HELD || !strings.Contains(n.Body, "943 476 5919") || !strings.Contains(n.Body, "What happens next") {
		t.Fatalf("held notice must quote the span and say what next: %s", n.Body)
	}
	acked, err := h.AcknowledgeNotice("dr-b", n.NoticeId)
	if err != nil || !acked.Acknowledged {
		t.Fatalf("ack: %v %v", acked, err)
	}
	unread, _, _ := h.Notices("dr-b", true, 0, "")
	if len(unread) != 2 {
		t.Fatalf("%d unread, want 2", len(unread))
	}
	if _, err := h.AcknowledgeNotice("dr-a", n.NoticeId); !errors.Is(err, holder.ErrNotFound) {
		t.Fatalf("ack of another author's notice: %v", err)
	}
	if _, _, err := h.Notices("dr-b", false, 0, "bad"); !errors.Is(err, holder.ErrInvalidArgument) {
		t.Fatalf("bad page token: %v", err)
	}
}

// A new revision of a post awaiting review replaces it in the queue.
func TestNewRevisionSupersedesAHeldOne(t *testing.T) {
	h, _, c := newReviewHolder(t)
	ctx := t.Context()
	if err := h.Decide(ctx, holdertest.DirectIdentifier("d1", "dr-b", "gp-chat", c.Now())); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Minute)
	rev2 := holdertest.DirectIdentifier("d1", "dr-b", "gp-chat", c.Now())
	rev2.Post.Revision = 2
	if err := h.Decide(ctx, rev2); err != nil {
		t.Fatal(err)
	}
	if st, _ := h.Status("d1", 1); st.Decision != mosaicv1.Decision_DECISION_WITHDRAWN || !strings.Contains(st.Reason, "superseded") {
		t.Fatalf("revision 1: %v", st)
	}
	q, _ := h.ListHeld(ana, holder.QueueQuery{})
	if q.Total != 1 || q.Posts[0].Revision != 2 {
		t.Fatalf("queue: %v", q)
	}
	entries, ok, _ := h.AuditHistory(ana, "d1")
	var trail []string
	for _, e := range entries {
		trail = append(trail, fmt.Sprintf("%s@%d", e.Action, e.Revision))
	}
	if !ok || strings.Join(trail, " ") != "held@1 withdrawn@1 held@2" {
		t.Fatalf("audit %v", trail)
	}
}

// The linker names the latest post to mention a detail; the timeline and the linked
// post's details credit the post that disclosed it first.
func TestTimelineCreditsTheFirstDisclosure(t *testing.T) {
	h, _, c := newReviewHolder(t)
	earlier, held := holdertest.Cumulative("p-early", "p-held", "dr-a", "gp-chat", c.Now().Add(-96*time.Hour))
	for _, f := range held.Risk.Factors {
		if f.Detail.Kind == "age" {
			f.Detail.Span = holdertest.Span("p-held", holdertest.HeldBody, "94-year-old", "age")
		}
	}
	for _, a := range []*mosaicv1.Assessment{earlier, held} {
		if err := h.Decide(t.Context(), a); err != nil {
			t.Fatal(err)
		}
	}
	hp, err := h.HeldPost(ana, "p-held")
	if err != nil {
		t.Fatal(err)
	}
	var linked, first, second []string
	for _, d := range hp.LinkedPosts[0].Details {
		linked = append(linked, d.Kind)
	}
	for _, d := range hp.Timeline[0].Added {
		first = append(first, d.Kind)
	}
	for _, d := range hp.Timeline[1].Added {
		second = append(second, d.Kind)
	}
	if !slices.Contains(linked, "age") || !slices.Contains(first, "age") || strings.Join(second, ",") != "condition" {
		t.Fatalf("linked %v, first step %v, second step %v", linked, first, second)
	}
}

// A new revision after a rejection settles the rejected one: it can no longer be
// appealed, so the linker is told it is never published.
func TestNewRevisionSettlesARejectedOne(t *testing.T) {
	h, s, c := newReviewHolder(t)
	ctx := t.Context()
	if err := h.Decide(ctx, holdertest.DirectIdentifier("d1", "dr-b", "gp-chat", c.Now())); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Reject(ctx, ana, "d1", mosaicv1.RejectReason_REJECT_REASON_CONFIDENTIALITY, ""); err != nil {
		t.Fatal(err)
	}
	if n := len(outcomes(t, s, "dr-b")); n != 0 {
		t.Fatalf("%d outcomes while the rejection can be appealed", n)
	}
	rev2 := holdertest.DirectIdentifier("d1", "dr-b", "gp-chat", c.Now())
	rev2.Post.Revision = 2
	if err := h.Decide(ctx, rev2); err != nil {
		t.Fatal(err)
	}
	outs := outcomes(t, s, "dr-b")
	if len(outs) != 1 || outs[0].Revision != 1 || outs[0].Published || outs[0].Decision != mosaicv1.Decision_DECISION_REJECTED {
		t.Fatalf("outcomes %v", outs)
	}
}

func TestQueueSortsByRisk(t *testing.T) {
	h, _, c := newReviewHolder(t)
	ctx := t.Context()
	if err := h.Decide(ctx, holdertest.Conduct("c1", "dr-c", "gp-chat", c.Now())); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Minute)
	holdCumulative(t, h, c)
	c.Advance(time.Minute)
	if err := h.Decide(ctx, holdertest.DirectIdentifier("d1", "dr-b", "gp-chat", c.Now())); err != nil {
		t.Fatal(err)
	}
	ids := func(q holder.QueueQuery) []string {
		t.Helper()
		var out []string
		for {
			page, err := h.ListHeld(ana, q)
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != 3 {
				t.Fatalf("total %d, want 3", page.Total)
			}
			for _, p := range page.Posts {
				out = append(out, p.PostId)
			}
			if page.NextPageToken == "" {
				return out
			}
			q.PageToken = page.NextPageToken
		}
	}
	if got := strings.Join(ids(holder.QueueQuery{}), ","); got != "c1,p-held,d1" {
		t.Fatalf("by age: %s", got)
	}
	// A direct identifier has no estimate (0: it names the patient), the cumulative hold
	// a few people, and the conduct hold, whatever its estimate, none of the kind.
	for _, size := range []int{0, 1, 2} {
		if got := strings.Join(ids(holder.QueueQuery{Sort: holder.SortRisk, PageSize: size}), ","); got != "d1,p-held,c1" {
			t.Fatalf("by risk, pages of %d: %s", size, got)
		}
	}
	age, err := h.ListHeld(ana, holder.QueueQuery{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.ListHeld(ana, holder.QueueQuery{Sort: holder.SortRisk, PageToken: age.NextPageToken}); !errors.Is(err, holder.ErrInvalidArgument) {
		t.Fatalf("an age-order token in the risk order: %v", err)
	}
}

func TestReviewedListsDecisionsNewestFirst(t *testing.T) {
	h, _, c := newReviewHolder(t)
	ctx := t.Context()
	for _, id := range []string{"d1", "d2", "d3"} {
		if err := h.Decide(ctx, holdertest.DirectIdentifier(id, "dr-b", "gp-chat", c.Now())); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.Decide(ctx, holdertest.DirectIdentifier("x1", "dr-b", "cardio", c.Now())); err != nil {
		t.Fatal(err)
	}
	held := c.Now()
	c.Advance(time.Hour)
	if _, err := h.Release(ctx, ana, "d1", "fine"); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Minute)
	if _, err := h.Reject(ctx, ana, "d2", mosaicv1.RejectReason_REJECT_REASON_CONFIDENTIALITY, "no NHS numbers"); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Minute)
	if _, err := h.Release(ctx, ben, "x1", ""); err != nil {
		t.Fatal(err)
	}
	got, next, err := h.ListReviewed(ana, holder.ReviewedQuery{})
	if err != nil || next != "" || len(got) != 2 {
		t.Fatalf("ana's reviewed: %v %q %v", got, next, err)
	}
	if got[0].Status.PostId != "d2" || got[0].Status.Decision != mosaicv1.Decision_DECISION_REJECTED || got[0].Status.DecidedBy != ana.ID ||
		got[1].Status.PostId != "d1" || got[1].Status.Decision != mosaicv1.Decision_DECISION_RELEASED || !got[1].HeldAt.Equal(held) {
		t.Fatalf("ana's reviewed, newest first: %+v", got)
	}
	// Appealed, d2 is back in the queue and leaves the reviewed list until decided again.
	if _, err := h.Appeal(ctx, "dr-b", "d2", "It was a made-up number."); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := h.ListReviewed(ana, holder.ReviewedQuery{}); len(got) != 1 || got[0].Status.PostId != "d1" {
		t.Fatalf("after the appeal: %+v", got)
	}
	c.Advance(time.Minute)
	if _, err := h.Release(ctx, ana, "d2", "on appeal"); err != nil {
		t.Fatal(err)
	}
	var ids []string
	q := holder.ReviewedQuery{PageSize: 1}
	for {
		page, next, err := h.ListReviewed(ben, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range page {
			ids = append(ids, p.Status.PostId)
			if p.Status.PostId == "d2" && !p.Appeal {
				t.Errorf("d2's decision on appeal is not marked as one")
			}
		}
		if next == "" {
			break
		}
		q.PageToken = next
	}
	if strings.Join(ids, ",") != "d2,x1,d1" {
		t.Fatalf("ben's reviewed, a page at a time: %v", ids)
	}
}

func TestRevealSpansIsAudited(t *testing.T) {
	h, _, c := newReviewHolder(t)
	ctx := t.Context()
	holdCumulative(t, h, c)
	age := holder.SpanKey(holdertest.Span("p-held", holdertest.HeldBody, "94-year-old", "age"))
	town := holder.SpanKey(holdertest.Span("p-early", holdertest.EarlierBody, "Keswick", "town"))
	if err := h.RevealSpans(ctx, ana, "p-held", []string{"p-held:0-5:age"}); !errors.Is(err, holder.ErrInvalidArgument) {
		t.Fatalf("a span the post does not have: %v", err)
	}
	if err := h.RevealSpans(ctx, holder.Reviewer{ID: "mod-x", Forums: []string{"cardio"}}, "p-held", []string{age}); !errors.Is(err, holder.ErrPermission) {
		t.Fatalf("a reveal outside the moderator's forums: %v", err)
	}
	if err := h.RevealSpans(ctx, ana, "p-held", []string{age, town}); err != nil {
		t.Fatal(err)
	}
	entries, ok, err := h.AuditHistory(ben, "p-held")
	if err != nil || !ok {
		t.Fatalf("audit after reveals: ok=%v %v", ok, err)
	}
	var kinds []string
	for _, e := range entries {
		if e.Action == holder.ActionRevealed {
			if e.Actor != ana.ID {
				t.Errorf("reveal recorded under %s", e.Actor)
			}
			kinds = append(kinds, strings.Fields(e.Reason)[1])
		}
	}
	if strings.Join(kinds, ",") != "age:,town:" {
		t.Fatalf("reveal entries name kinds %v", kinds)
	}
	if r := holder.Revealed(entries, ana.ID); len(r) != 2 || !r[age] || !r[town] {
		t.Fatalf("ana's reveals %v", r)
	}
	if r := holder.Revealed(entries, ben.ID); len(r) != 0 {
		t.Fatalf("ben revealed nothing, got %v", r)
	}
}

func TestMaskSpans(t *testing.T) {
	body := holdertest.HeldBody
	spans := []*mosaicv1.Span{
		holdertest.Span("p-held", body, "94-year-old", "age"),
		holdertest.Span("p-held", body, "94", "age"), // inside the one above
		holdertest.Span("p-held", body, "Erdheim-Chester disease", "condition"),
		holdertest.Span("p-early", holdertest.EarlierBody, "Keswick", "town"), // another post's
		{PostId: "p-held", Start: 3, End: 9999, DetailKind: "junk"},           // out of range
	}
	want := "Follow-up on my [age] former lighthouse keeper: biopsy confirms [condition]. Any experience with vemurafenib at that age?"
	if got := holder.MaskSpans("p-held", body, spans); got != want {
		t.Fatalf("masked:\n%s\nwant\n%s", got, want)
	}
}
