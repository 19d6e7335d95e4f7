package holder

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// ErrClaimed means another moderator holds a live claim on the post. It is a
// concurrency conflict, not a state the caller can fix, so the edge maps it to Aborted
// (retry after the claim expires or the other moderator acts), unlike ErrAlreadyDecided
// (FailedPrecondition: the post is no longer held; do not retry).
var ErrClaimed = errors.New("post claimed by another moderator")

// Claim lengths. A claim keeps two moderators from acting on one post at once; it
// expires so that a moderator who walks away does not block the queue.
const (
	DefaultClaimTTL = 15 * time.Minute
	MaxClaimTTL     = 4 * time.Hour
	// maxReleasedBody bounds a moderator's edited text (the gateway's own body limit
	// applies to posters; a redaction only shortens a post).
	maxReleasedBody = 1 << 20
)

// Reviewer is the moderator acting: who they are (for the audit) and the forums they
// moderate ("*" for every forum).
type Reviewer struct {
	ID     string
	Forums []string
}

// Moderates reports whether the reviewer may see and act on posts in forum.
func (r Reviewer) Moderates(forum string) bool {
	for _, f := range r.Forums {
		if f == "*" || f == forum {
			return true
		}
	}
	return false
}

// reviewState is what the review adds to a held revision beyond its PostStatus. It is
// stored as JSON under v/<post>/<rev> (see keys.go).
type reviewState struct {
	ClaimedBy       string    `json:"claimed_by,omitempty"`
	ClaimExpires    time.Time `json:"claim_expires,omitzero"`
	Appeal          bool      `json:"appeal,omitempty"`
	AppealStatement string    `json:"appeal_statement,omitempty"`
	// ReleasedBody is the moderator's edited text of an EditAndRelease.
	ReleasedBody string `json:"released_body,omitempty"`
	RejectReason string `json:"reject_reason,omitempty"`
}

// liveClaim returns the moderator holding an unexpired claim, or "".
func (s reviewState) liveClaim(now time.Time) string {
	if s.ClaimedBy != "" && now.Before(s.ClaimExpires) {
		return s.ClaimedBy
	}
	return ""
}

func getReview(txn *badger.Txn, post string, rev uint32) (reviewState, error) {
	var s reviewState
	item, err := txn.Get(reviewKey(post, rev))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	err = item.Value(func(v []byte) error { return json.Unmarshal(v, &s) })
	return s, err
}

func putReview(txn *badger.Txn, post string, rev uint32, s reviewState) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return txn.Set(reviewKey(post, rev), b)
}

func (h *Holder) reviewState(post string, rev uint32) (reviewState, error) {
	var s reviewState
	err := h.db.View(func(txn *badger.Txn) error {
		var err error
		s, err = getReview(txn, post, rev)
		return err
	})
	return s, err
}

// visible loads the latest revision of post and checks the reviewer moderates its forum.
func (h *Holder) visible(rv Reviewer, post string) (*mosaicv1.PostStatus, error) {
	st, err := h.status(post, 0)
	if err != nil {
		return nil, notFound(err, post)
	}
	if !rv.Moderates(st.GetForumId()) {
		return nil, fmt.Errorf("%w: post %s is in forum %s, which %s does not moderate", ErrPermission, post, st.GetForumId(), rv.ID)
	}
	return st, nil
}

// actionable loads the latest revision of post and checks that rv may act on it now:
// it is held, in a forum rv moderates, and not claimed by someone else.
func (h *Holder) actionable(rv Reviewer, post string, now time.Time) (*mosaicv1.PostStatus, reviewState, error) {
	st, err := h.visible(rv, post)
	if err != nil {
		return nil, reviewState{}, err
	}
	if st.GetDecision() != mosaicv1.Decision_DECISION_HELD {
		return nil, reviewState{}, fmt.Errorf("%w: post %s revision %d is %s, not held", ErrAlreadyDecided,
			post, st.GetRevision(), strings.TrimPrefix(st.GetDecision().String(), "DECISION_"))
	}
	rs, err := h.reviewState(post, st.GetRevision())
	if err != nil {
		return nil, reviewState{}, err
	}
	if c := rs.liveClaim(now); c != "" && c != rv.ID {
		return nil, reviewState{}, fmt.Errorf("%w: %s claimed post %s until %s", ErrClaimed, c, post, rs.ClaimExpires.UTC().Format(time.RFC3339))
	}
	return st, rs, nil
}

// Claim gives rv the post for ttl (DefaultClaimTTL when 0); claiming again renews.
func (h *Holder) Claim(_ context.Context, rv Reviewer, post string, ttl time.Duration) (*mosaicv1.Claim, error) {
	if ttl == 0 {
		ttl = DefaultClaimTTL
	}
	if ttl < time.Second || ttl > MaxClaimTTL {
		return nil, fmt.Errorf("%w: ttl must be between 1s and %s, got %s", ErrInvalidArgument, MaxClaimTTL, ttl)
	}
	defer h.lock(post)()
	now := h.now()
	st, rs, err := h.actionable(rv, post, now)
	if err != nil {
		return nil, err
	}
	rs.ClaimedBy, rs.ClaimExpires = rv.ID, now.Add(ttl)
	err = h.auditUpdate(func(txn *badger.Txn, at *auditTxn) error {
		if err := putReview(txn, post, st.GetRevision(), rs); err != nil {
			return err
		}
		_, err := at.add(auditRecord{actor: rv.ID, action: ActionClaimed, st: st, at: now,
			reason: "claimed until " + rs.ClaimExpires.UTC().Format(time.RFC3339)})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("holder: claim %s: %w", post, err)
	}
	h.log.Info("claimed", "post", post, "moderator", rv.ID, "until", rs.ClaimExpires)
	return &mosaicv1.Claim{Moderator: rv.ID, ExpiresAt: timestamppb.New(rs.ClaimExpires)}, nil
}

// Release publishes a held post. The note goes to the audit, not to the poster.
func (h *Holder) Release(ctx context.Context, rv Reviewer, post, note string) (*mosaicv1.PostStatus, error) {
	return h.moderate(ctx, rv, post, func(st *mosaicv1.PostStatus, _ *reviewState) auditRecord {
		st.Decision = mosaicv1.Decision_DECISION_RELEASED
		st.Reason = "released by a moderator after review"
		return auditRecord{action: ActionReleased, reason: note}
	})
}

// RejectReasonText is the poster-facing wording of a rejection reason.
func RejectReasonText(r mosaicv1.RejectReason) string {
	switch r {
	case mosaicv1.RejectReason_REJECT_REASON_CONFIDENTIALITY:
		return "it could identify a patient (confidentiality)"
	case mosaicv1.RejectReason_REJECT_REASON_ABUSIVE:
		return "it comments on an identifiable person in a way the guidance warns against"
	case mosaicv1.RejectReason_REJECT_REASON_CONFLICT_OF_INTEREST:
		return "it promotes a product or organisation without declaring an interest"
	case mosaicv1.RejectReason_REJECT_REASON_RAISING_CONCERN:
		return "it raises a concern that belongs with local procedures or the regulator"
	}
	return "it does not meet the forum's rules"
}

// Reject refuses a held post; message is for the poster.
func (h *Holder) Reject(ctx context.Context, rv Reviewer, post string, reason mosaicv1.RejectReason, message string) (*mosaicv1.PostStatus, error) {
	if reason == mosaicv1.RejectReason_REJECT_REASON_UNSPECIFIED || mosaicv1.RejectReason_name[int32(reason)] == "" {
		return nil, fmt.Errorf("%w: a defined rejection reason is required", ErrInvalidArgument)
	}
	return h.moderate(ctx, rv, post, func(st *mosaicv1.PostStatus, rs *reviewState) auditRecord {
		code := strings.TrimPrefix(reason.String(), "REJECT_REASON_")
		rs.RejectReason = code
		st.Decision = mosaicv1.Decision_DECISION_REJECTED
		st.Reason = "Not published because " + RejectReasonText(reason) + "."
		if m := strings.TrimSpace(message); m != "" {
			st.Reason += " " + m
		}
		return auditRecord{action: ActionRejected, reason: code + ": " + message}
	})
}

// ReturnForEdit sends a held post back to its author with the reason and guidance; the
// edited text comes back as a new revision through the whole pipeline.
func (h *Holder) ReturnForEdit(ctx context.Context, rv Reviewer, post, reason, guidance string) (*mosaicv1.PostStatus, error) {
	if strings.TrimSpace(reason) == "" {
		return nil, fmt.Errorf("%w: a reason is required", ErrInvalidArgument)
	}
	return h.moderate(ctx, rv, post, func(st *mosaicv1.PostStatus, _ *reviewState) auditRecord {
		st.Decision = mosaicv1.Decision_DECISION_RETURNED
		st.Reason = strings.TrimSpace(reason)
		if g := strings.TrimSpace(guidance); g != "" {
			st.Reason += "\nModerator's guidance: " + g
		}
		return auditRecord{action: ActionReturned, reason: st.Reason}
	})
}

// EditAndRelease releases a moderator's redaction of a held post: the released text is
// what members see and what counts in the author's ledger (Outcome.released_body).
func (h *Holder) EditAndRelease(ctx context.Context, rv Reviewer, post, body, note string) (*mosaicv1.PostStatus, error) {
	if strings.TrimSpace(body) == "" || !utf8.ValidString(body) || len(body) > maxReleasedBody {
		return nil, fmt.Errorf("%w: the edited body must be non-empty UTF-8 text of at most %d bytes", ErrInvalidArgument, maxReleasedBody)
	}
	return h.moderate(ctx, rv, post, func(st *mosaicv1.PostStatus, rs *reviewState) auditRecord {
		rs.ReleasedBody = body
		st.Decision = mosaicv1.Decision_DECISION_RELEASED
		st.Reason = "released by a moderator with edits"
		return auditRecord{action: ActionEditedAndReleased, reason: note}
	})
}

// moderate carries out a moderator's decision on a held post: apply changes the status
// and review state and names the audit action; the claim ends with the decision.
func (h *Holder) moderate(ctx context.Context, rv Reviewer, post string, apply func(*mosaicv1.PostStatus, *reviewState) auditRecord) (*mosaicv1.PostStatus, error) {
	defer h.lock(post)()
	now := h.now()
	st, rs, err := h.actionable(rv, post, now)
	if err != nil {
		return nil, err
	}
	prev := proto.Clone(st).(*mosaicv1.PostStatus)
	rec := apply(st, &rs)
	rec.actor, rec.st, rec.at = rv.ID, st, now
	st.DecidedAt = timestamppb.New(now)
	st.DecidedBy = rv.ID
	rs.ClaimedBy, rs.ClaimExpires = "", time.Time{}
	if err := h.transition(st, prev, &rs, &rec); err != nil {
		return nil, err
	}
	h.opts.Metrics.Moderated(st.GetDecision(), prev.GetDecidedAt().AsTime(), now)
	h.log.Info("moderated", "post", post, "revision", st.Revision, "decision", st.Decision.String(), "moderator", rv.ID)
	return st, h.ensureAnnounced(ctx, st)
}

// AddNote records a moderator's note on a post in the audit history.
func (h *Holder) AddNote(_ context.Context, rv Reviewer, post, text string) (*mosaicv1.AuditEntry, error) {
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("%w: a note needs text", ErrInvalidArgument)
	}
	defer h.lock(post)()
	st, err := h.visible(rv, post)
	if err != nil {
		return nil, err
	}
	var e *mosaicv1.AuditEntry
	err = h.auditUpdate(func(_ *badger.Txn, at *auditTxn) error {
		e, err = at.add(auditRecord{actor: rv.ID, action: ActionNote, reason: text, st: st, at: h.now()})
		return err
	})
	return e, err
}

// Appeal puts a rejected post back in the review queue, flagged as an appeal with the
// author's statement. A rejection can be appealed once.
func (h *Holder) Appeal(ctx context.Context, author, post, statement string) (*mosaicv1.PostStatus, error) {
	if strings.TrimSpace(statement) == "" {
		return nil, fmt.Errorf("%w: an appeal needs a statement", ErrInvalidArgument)
	}
	defer h.lock(post)()
	st, err := h.status(post, 0)
	if err != nil {
		return nil, notFound(err, post)
	}
	// A post belongs to the author of its first revision (the gateway refuses later
	// revisions by anyone else); the latest revision must be theirs too.
	if o, err := h.Owner(post); err != nil {
		return nil, notFound(err, post)
	} else if o != author || st.GetAuthorId() != author {
		return nil, fmt.Errorf("%w: author %s may not appeal post %s: a post belongs to the author of its first revision, and this one is another author's; check post_id and author_id",
			ErrPermission, author, post)
	}
	if st.GetDecision() != mosaicv1.Decision_DECISION_REJECTED {
		return nil, fmt.Errorf("%w: post %s revision %d is %s; only a rejected post can be appealed", ErrAlreadyDecided,
			post, st.GetRevision(), strings.TrimPrefix(st.GetDecision().String(), "DECISION_"))
	}
	rs, err := h.reviewState(post, st.GetRevision())
	if err != nil {
		return nil, err
	}
	if rs.Appeal {
		return nil, fmt.Errorf("%w: post %s revision %d was already appealed once and rejected again", ErrAlreadyDecided, post, st.GetRevision())
	}
	now := h.now()
	prev := proto.Clone(st).(*mosaicv1.PostStatus)
	rs.Appeal, rs.AppealStatement = true, statement
	st.Decision = mosaicv1.Decision_DECISION_HELD
	st.DecidedAt = timestamppb.New(now)
	st.DecidedBy = "author:" + author
	st.Reason = "appealed by the author"
	rec := auditRecord{actor: "author:" + author, action: ActionAppealed, reason: statement, st: st, at: now}
	if err := h.transition(st, prev, &rs, &rec); err != nil {
		return nil, err
	}
	h.log.Info("appealed", "post", post, "revision", st.Revision)
	return st, h.ensureAnnounced(ctx, st)
}

// supersede withdraws an earlier revision still awaiting review when a newer revision
// of the post arrives: the author's new text replaces it, so it leaves the queue
// instead of waiting for a decision nobody can make (actions act on the latest
// revision). The caller holds the post's lock.
func (h *Holder) supersede(ctx context.Context, post string, rev uint32) error {
	prev, err := h.status(post, 0)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if prev.GetRevision() >= rev {
		return nil
	}
	if prev.GetDecision() == mosaicv1.Decision_DECISION_REJECTED && !prev.GetDeleted() {
		// Only the latest revision can be appealed: the rejected one's fate is settled,
		// and the linker may forget its pending details.
		out := &mosaicv1.Outcome{PostId: post, Revision: prev.GetRevision(), AuthorId: prev.GetAuthorId(), Decision: prev.GetDecision()}
		part := bus.Partition(prev.GetAuthorId(), h.opts.Topology.Partitions)
		return bus.PublishAuthor(ctx, h.js, bus.SubjectOutcome(part), "outcome:"+decisionMsgID(prev)+":superseded", prev.GetAuthorId(), out)
	}
	if prev.GetDecision() != mosaicv1.Decision_DECISION_HELD {
		return nil
	}
	st := proto.Clone(prev).(*mosaicv1.PostStatus)
	now := h.now()
	st.Decision = mosaicv1.Decision_DECISION_WITHDRAWN
	st.DecidedAt = timestamppb.New(now)
	st.DecidedBy = "author:" + st.GetAuthorId()
	st.Reason = fmt.Sprintf("superseded by revision %d", rev)
	rs, err := h.reviewState(post, prev.GetRevision())
	if err != nil {
		return err
	}
	rs.ClaimedBy, rs.ClaimExpires = "", time.Time{}
	rec := &auditRecord{actor: st.DecidedBy, action: ActionWithdrawn, reason: st.Reason, st: st, at: now}
	if err := h.transition(st, prev, &rs, rec); err != nil {
		return err
	}
	return h.ensureAnnounced(ctx, st)
}
