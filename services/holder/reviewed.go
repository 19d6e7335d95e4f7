package holder

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// ReviewedPost is a hold that has left the review queue: its status (the decision, who
// made it, when and why) and when it was held, so the wait is known.
type ReviewedPost struct {
	Status *mosaicv1.PostStatus
	HeldAt time.Time
	// Appeal is set when the decision was on the author's appeal.
	Appeal bool
	// Excerpt is the start of the post, its findings' spans masked ("[age]").
	Excerpt string

	key []byte // its reviewed-index key, for the page token
}

// ReviewedQuery selects reviewed posts, the most recently decided first.
type ReviewedQuery struct {
	// Forum limits the list to one forum (empty: all the reviewer's forums).
	Forum     string
	PageSize  int
	PageToken string
}

// ListReviewed returns a page of the holds that have left the queue, newest decision
// first, in the forums rv moderates. A hold that was appealed back into the queue is
// listed under its latest decision only (the appealed one waits in the queue). Holds
// that left the queue before the reviewed index existed are not listed (their audit
// history still shows them).
func (h *Holder) ListReviewed(rv Reviewer, q ReviewedQuery) ([]ReviewedPost, string, error) {
	if q.Forum != "" && !rv.Moderates(q.Forum) {
		return nil, "", fmt.Errorf("%w: %s does not moderate forum %s", ErrPermission, rv.ID, q.Forum)
	}
	if q.PageSize <= 0 {
		q.PageSize = DefaultPageSize
	}
	prefix := []byte(prefixReviewed)
	seek := append(bytes.Clone(prefix), 0xff)
	if q.PageToken != "" {
		after, err := base64.RawURLEncoding.DecodeString(q.PageToken)
		if err != nil || !bytes.HasPrefix(after, prefix) {
			return nil, "", fmt.Errorf("%w: page_token is not a token this service issued", ErrInvalidArgument)
		}
		seek = after
	}
	var out []ReviewedPost
	next := ""
	err := h.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: true})
		defer it.Close()
		it.Seek(seek)
		if q.PageToken != "" && it.ValidForPrefix(prefix) && bytes.Equal(it.Item().Key(), seek) {
			it.Next() // the token is the last key of the previous page
		}
		for ; it.ValidForPrefix(prefix); it.Next() {
			key := it.Item().KeyCopy(nil)
			left, post, rev, ok := parseReviewedKey(key)
			if !ok {
				continue
			}
			st := &mosaicv1.PostStatus{}
			if err := getProto(txn, statusKey(post, rev), st); err != nil {
				h.log.Warn("reviewed entry without a status", "post", post, "revision", rev, "err", err)
				continue
			}
			if st.GetDecision() == mosaicv1.Decision_DECISION_HELD || st.GetDecidedAt().AsTime().UnixNano() != left ||
				!rv.Moderates(st.GetForumId()) || (q.Forum != "" && st.GetForumId() != q.Forum) {
				continue // superseded by a later decision (an appeal), or not the reviewer's
			}
			if len(out) == q.PageSize {
				next = base64.RawURLEncoding.EncodeToString(out[len(out)-1].key)
				return nil
			}
			var heldAt time.Time
			if err := it.Item().Value(func(v []byte) error {
				if len(v) == 8 {
					heldAt = time.Unix(0, int64(binary.BigEndian.Uint64(v)))
				}
				return nil
			}); err != nil {
				return err
			}
			rs, err := getReview(txn, post, rev)
			if err != nil {
				return err
			}
			a := &mosaicv1.Assessment{}
			if err := getProto(txn, assessmentKey(post, rev), a); err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
			out = append(out, ReviewedPost{Status: st, HeldAt: heldAt, Appeal: rs.Appeal, Excerpt: excerpt(MaskSpans(post, a.GetPost().GetBody(), findingSpans(st.GetFindings()))), key: key})
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("holder: list reviewed: %w", err)
	}
	return out, next, nil
}

func parseReviewedKey(k []byte) (int64, string, uint32, bool) {
	// e/<left:8>/<post>/<rev:4>
	if len(k) < len(prefixReviewed)+8+1+1+1+4 {
		return 0, "", 0, false
	}
	left := int64(binary.BigEndian.Uint64(k[len(prefixReviewed):]))
	rest := k[len(prefixReviewed)+9:]
	return left, string(rest[:len(rest)-5]), binary.BigEndian.Uint32(rest[len(rest)-4:]), true
}
