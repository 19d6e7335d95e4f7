package holder

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
	"github.com/nats-io/nats.go"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/grpcx"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// serveCommand answers one NATS command request.
func (h *Holder) serveCommand(ctx context.Context, m *nats.Msg) {
	reply := &mosaicv1.CommandReply{}
	cmd := &mosaicv1.Command{}
	var st *mosaicv1.PostStatus
	var err error
	if uerr := proto.Unmarshal(m.Data, cmd); uerr != nil {
		err = fmt.Errorf("%w: decode command: %v", ErrInvalidArgument, uerr)
	} else {
		switch c := cmd.Command.(type) {
		case *mosaicv1.Command_Withdraw:
			st, err = h.Withdraw(ctx, c.Withdraw)
		case *mosaicv1.Command_Delete:
			st, err = h.Delete(ctx, c.Delete)
		case *mosaicv1.Command_Erase:
			var n int
			n, err = h.EraseAuthor(ctx, c.Erase)
			reply.ErasedPosts = uint32(n)
		default:
			err = fmt.Errorf("%w: empty command", ErrInvalidArgument)
		}
	}
	reply.Status = st
	if err != nil {
		reply.ErrorCode, reply.ErrorMessage = grpcx.CodeName(Code(err)), err.Error()
	}
	b, _ := proto.Marshal(reply)
	if rerr := m.Respond(b); rerr != nil {
		h.log.Warn("command reply failed", "err", rerr)
	}
}

// Withdraw withdraws a pending, held or returned revision at its author's request. A
// revision the holder has not seen yet (still with the linker) is recorded as
// withdrawn, and its assessment will find it decided.
func (h *Holder) Withdraw(ctx context.Context, w *mosaicv1.Withdrawal) (*mosaicv1.PostStatus, error) {
	if w.GetPostId() == "" || w.GetRevision() == 0 || w.GetAuthorId() == "" {
		return nil, fmt.Errorf("%w: withdrawal needs post_id, revision and author_id", ErrInvalidArgument)
	}
	defer h.lock(w.PostId)()
	st, err := h.status(w.PostId, w.Revision)
	switch {
	case errors.Is(err, ErrNotFound):
		if w.GetForumId() == "" {
			return nil, fmt.Errorf("%w: post %s revision %d", ErrNotFound, w.PostId, w.Revision)
		}
		st = &mosaicv1.PostStatus{PostId: w.PostId, Revision: w.Revision, AuthorId: w.AuthorId, ForumId: w.ForumId}
	case err != nil:
		return nil, err
	default:
		if st.AuthorId != w.AuthorId {
			return nil, fmt.Errorf("%w: post %s is not by author %s", ErrPermission, w.PostId, w.AuthorId)
		}
		switch st.Decision {
		case mosaicv1.Decision_DECISION_PENDING, mosaicv1.Decision_DECISION_HELD, mosaicv1.Decision_DECISION_RETURNED:
		default:
			return st, fmt.Errorf("%w: post %s revision %d is %s; only pending, held or returned posts can be withdrawn",
				ErrAlreadyDecided, w.PostId, w.Revision, st.Decision)
		}
	}
	prev := proto.Clone(st).(*mosaicv1.PostStatus)
	st.Decision = mosaicv1.Decision_DECISION_WITHDRAWN
	st.DecidedAt = timestamppb.New(h.now())
	st.DecidedBy = "author:" + w.AuthorId
	st.Reason = "withdrawn by the author"
	if w.GetReason() != "" {
		st.Reason += ": " + w.GetReason()
	}
	rec := &auditRecord{actor: st.DecidedBy, action: ActionWithdrawn, reason: w.GetReason(), st: st, at: st.DecidedAt.AsTime()}
	if err := h.transition(st, prev, nil, rec); err != nil {
		return nil, err
	}
	return st, h.ensureAnnounced(ctx, st)
}

// transition stores a changed status with its review state and audit entry in one
// transaction, keeping the review queue index in step: a revision leaves the queue when
// it stops being held and enters it (at its decision time) when it becomes held.
func (h *Holder) transition(st, prev *mosaicv1.PostStatus, rs *reviewState, rec *auditRecord) error {
	return h.auditUpdate(func(txn *badger.Txn, at *auditTxn) error {
		if prev.GetDecision() == mosaicv1.Decision_DECISION_HELD {
			if err := txn.Delete(queueKey(prev.GetDecidedAt().AsTime().UnixNano(), prev.PostId, prev.Revision)); err != nil {
				return err
			}
			if st.GetDecision() != mosaicv1.Decision_DECISION_HELD {
				held := binary.BigEndian.AppendUint64(nil, uint64(prev.GetDecidedAt().AsTime().UnixNano()))
				if err := txn.Set(reviewedKey(st.GetDecidedAt().AsTime().UnixNano(), prev.PostId, prev.Revision), held); err != nil {
					return err
				}
			}
		}
		if st.GetDecision() == mosaicv1.Decision_DECISION_HELD {
			if err := txn.Set(queueKey(st.GetDecidedAt().AsTime().UnixNano(), st.PostId, st.Revision), nil); err != nil {
				return err
			}
		}
		if err := h.bumpLatest(txn, st.PostId, st.Revision); err != nil {
			return err
		}
		if rs != nil {
			if err := putReview(txn, st.PostId, st.Revision, *rs); err != nil {
				return err
			}
		}
		if rec != nil {
			if _, err := at.add(*rec); err != nil {
				return err
			}
		}
		return putProto(txn, statusKey(st.PostId, st.Revision), st)
	})
}
