package holder_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
)

// panickyDecider is the built-in decider with a bug for one post: deciding it panics.
type panickyDecider struct{ post string }

func (d panickyDecider) Decide(a *mosaicv1.Assessment) holder.Verdict {
	if a.GetPost().GetPostId() == d.post {
		panic("policy bug")
	}
	return holder.SeverityDecider{}.Decide(a)
}

// An assessment the holder fails on every time (here the policy panics on it) is
// dead-lettered after DeadLetterAfter attempts and then held, unassessed, by the
// holder's dead-letter worker; the assessments behind it are decided.
func TestAssessmentTheHolderCannotDecideIsHeldAndOthersGoOn(t *testing.T) {
	h, s := newHolderWith(t, panickyDecider{post: "p-boom"})
	ctx := runHolder(t, h)
	for _, a := range []*mosaicv1.Assessment{assessment("p-boom", false), assessment("p-next", false)} {
		if err := bus.Publish(ctx, s.JS, bus.SubjectAssessment(0), bus.AssessmentMsgID(a.Post.PostId, a.Post.Revision), a); err != nil {
			t.Fatal(err)
		}
	}
	status := func(post string) *mosaicv1.PostStatus { return decidedStatus(t, h, post) }
	if st := status("p-next"); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("p-next: %s, want RELEASED", st.Decision)
	}
	st := status("p-boom")
	if st.Decision != mosaicv1.Decision_DECISION_HELD || !strings.Contains(st.Reason, "could not assess") || !strings.Contains(st.Reason, "policy bug") {
		t.Fatalf("p-boom: %s %q, want HELD with the reason", st.Decision, st.Reason)
	}
	if st.DetectorVersion != holder.DetectorUnassessed {
		t.Fatalf("detector version %q", st.DetectorVersion)
	}
}

// An assessment whose message id is not the linker's (a copy of another message, or a
// forgery) is poison: it is not decided on, but dead-lettered and its post held for a
// moderator with the reason; the linker's own message for the next post is decided.
func TestAssessmentWithAnotherMessageIDIsPoison(t *testing.T) {
	h, s := newHolder(t)
	ctx := runHolder(t, h)
	// A released-looking assessment of p-copied under p-other's id.
	if err := bus.Publish(ctx, s.JS, bus.SubjectAssessment(0), bus.AssessmentMsgID("p-other", 1), assessment("p-copied", false)); err != nil {
		t.Fatal(err)
	}
	if err := bus.Publish(ctx, s.JS, bus.SubjectAssessment(0), bus.AssessmentMsgID("p-fine", 1), assessment("p-fine", false)); err != nil {
		t.Fatal(err)
	}
	wait := func(post string) *mosaicv1.PostStatus { return decidedStatus(t, h, post) }
	if st := wait("p-fine"); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("p-fine: %s, want RELEASED", st.Decision)
	}
	st := wait("p-copied")
	if st.Decision != mosaicv1.Decision_DECISION_HELD || !strings.Contains(st.Reason, "message id") || st.DetectorVersion != holder.DetectorUnassessed {
		t.Fatalf("p-copied: %s %q (%s), want HELD, unassessed, naming the message id", st.Decision, st.Reason, st.DetectorVersion)
	}
}

// runHolder runs h until the test ends; the context returned ends with it.
func runHolder(t *testing.T, h *holder.Holder) context.Context {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- h.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return ctx
}

// decidedStatus waits up to a minute for revision 1 of post to be decided.
func decidedStatus(t *testing.T, h *holder.Holder, post string) *mosaicv1.PostStatus {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		st, err := h.Status(post, 1)
		if err == nil && st.Decision != mosaicv1.Decision_DECISION_PENDING {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not decided: %v %v", post, st, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
