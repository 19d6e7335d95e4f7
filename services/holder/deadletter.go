package holder

import (
	"context"
	"fmt"
	"strings"

	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/postcheck"
	"github.com/mosaicgw/mosaic/internal/telemetry"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// DetectorUnassessed is the detector version recorded for a post held because it
// could not be assessed.
const DetectorUnassessed = "none (assessment failed)"

// handleDeadLetter holds the post of a dead letter for a moderator: a submission the
// linker gave up on, or an assessment the holder itself could not decide. This is the
// fail-closed end of the dead-letter path: the worker moved the message aside so that
// the author's partition goes on, and the post it carried is neither released nor left
// pending for ever; a moderator sees why it is held and decides by hand.
//
// Dead letters that carry no post that can be held (an intake post that failed
// validation, which was never accepted; an outcome; bytes that do not decode; a post
// whose ids are unusable) are left in the dead-letter stream for an operator.
func (h *Holder) handleDeadLetter(ctx context.Context, msg jetstream.Msg) error {
	dl := bus.ReadDeadLetter(msg)
	if dl.Stream == bus.StreamDeadLetter {
		// A dead letter this handler itself gave up on: kept for an operator.
		h.log.Error("dead letter about a dead letter; left for an operator", "reason", dl.Reason)
		h.opts.Metrics.DeadLetter(dl.Stream, telemetry.DeadLetterLeftForOperator)
		return nil
	}
	post, acceptedAt := deadLetterPost(dl)
	if post == nil {
		h.log.Warn("dead letter with no post to hold; left for an operator",
			"stream", dl.Stream, "subject", dl.Subject, "sequence", dl.Sequence, "reason", dl.Reason)
		h.opts.Metrics.DeadLetter(dl.Stream, telemetry.DeadLetterLeftForOperator)
		return nil
	}
	if err := postcheck.Identity(post); err != nil {
		h.log.Error("dead letter's post cannot be held; left for an operator",
			"stream", dl.Stream, "subject", dl.Subject, "sequence", dl.Sequence, "problem", err, "reason", dl.Reason)
		h.opts.Metrics.DeadLetter(dl.Stream, telemetry.DeadLetterLeftForOperator)
		return nil
	}
	if err := h.HoldUnassessed(ctx, post, acceptedAt, dl.Reason); err != nil {
		return err
	}
	h.opts.Metrics.DeadLetter(dl.Stream, telemetry.DeadLetterHeld)
	return nil
}

// deadLetterPost decodes the post a dead letter carries, when it is a submission or an
// assessment.
func deadLetterPost(dl bus.DeadLetter) (*mosaicv1.Post, *timestamppb.Timestamp) {
	switch {
	case strings.HasPrefix(dl.Subject, "mosaic.posts.") && strings.HasSuffix(dl.Subject, ".submitted"):
		sub := &mosaicv1.Submission{}
		if proto.Unmarshal(dl.Data, sub) != nil {
			return nil, nil
		}
		return sub.GetPost(), sub.GetAcceptedAt()
	case strings.HasPrefix(dl.Subject, "mosaic.assessments."):
		a := &mosaicv1.Assessment{}
		if proto.Unmarshal(dl.Data, a) != nil {
			return nil, nil
		}
		return a.GetPost(), a.GetAcceptedAt()
	}
	return nil, nil
}

// HoldUnassessed holds a revision that could not be assessed, with the reason, for a
// moderator. Like Decide it is idempotent and leaves a revision already decided (or
// withdrawn) as it is. The poster's notice says only that the post could not be
// assessed; the reason, which may quote internals, is for moderators (the held
// status, the queue and the audit history).
func (h *Holder) HoldUnassessed(ctx context.Context, p *mosaicv1.Post, acceptedAt *timestamppb.Timestamp, reason string) error {
	if err := postcheck.Identity(p); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidArgument, err)
	}
	p = proto.Clone(p).(*mosaicv1.Post)
	if ts := p.GetCreatedAt(); ts != nil && postcheck.CreatedAt(ts) != "" {
		// Stored statuses and assessments are rendered and encoded as times later:
		// keep nothing that cannot be.
		p.CreatedAt = nil
	}
	if acceptedAt != nil && acceptedAt.CheckValid() != nil {
		acceptedAt = nil
	}
	if latest, err := h.status(p.GetPostId(), 0); err == nil && latest.GetRevision() > p.GetRevision() {
		// A later revision replaced it; only the latest revision is ever shown.
		h.log.Warn("not holding an unassessed revision: a later one exists", "post", p.GetPostId(),
			"revision", p.GetRevision(), "latest", latest.GetRevision(), "reason", reason)
		return nil
	}
	a := &mosaicv1.Assessment{Post: p, AcceptedAt: acceptedAt, DetectorVersion: DetectorUnassessed}
	why := "Mosaic could not assess this post, so it is held rather than released (fail closed). Review it by hand. What failed: " + reason
	h.log.Error("holding a post that could not be assessed", "post", p.GetPostId(), "revision", p.GetRevision(), "reason", reason)
	return h.decide(ctx, a, func() Verdict {
		return Verdict{Decision: mosaicv1.Decision_DECISION_HELD, Reason: why}
	})
}
