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
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- h.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	for _, a := range []*mosaicv1.Assessment{assessment("p-boom", false), assessment("p-next", false)} {
		if err := bus.Publish(ctx, s.JS, bus.SubjectAssessment(0), "assessment:"+a.Post.PostId, a); err != nil {
			t.Fatal(err)
		}
	}
	status := func(post string) *mosaicv1.PostStatus {
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
