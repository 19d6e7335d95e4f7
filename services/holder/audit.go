package holder

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
	"google.golang.org/protobuf/types/known/timestamppb"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Audit actions. They are part of the API (AuditEntry.action), so they never change.
const (
	ActionHeld              = "held"
	ActionReleased          = "released"
	ActionClaimed           = "claimed"
	ActionRejected          = "rejected"
	ActionReturned          = "returned"
	ActionEditedAndReleased = "edited_and_released"
	ActionNote              = "note"
	ActionWithdrawn         = "withdrawn"
	ActionAppealed          = "appealed"
	ActionDeleted           = "deleted"
)

// auditRecord is what an action adds to a post's history; the chain fields are filled
// in when it is appended.
type auditRecord struct {
	actor, action, reason string
	st                    *mosaicv1.PostStatus
	at                    time.Time
}

// appendAudit adds one entry to the post's append-only history inside txn. The entry's
// hash covers its fields and the previous entry's hash, so editing, reordering or
// removing an entry breaks the chain from there on (VerifyChain). Anyone can recompute
// the hash, so the entry is also signed in the holder's audit log: appendAudit is
// called only through auditTxn.add (auditlog.go).
func appendAudit(txn *badger.Txn, r auditRecord) (*mosaicv1.AuditEntry, error) {
	post := r.st.GetPostId()
	last, err := lastAudit(txn, post)
	if err != nil {
		return nil, err
	}
	e := &mosaicv1.AuditEntry{
		PostId:          post,
		Seq:             1,
		At:              timestamppb.New(r.at),
		Actor:           r.actor,
		Action:          r.action,
		Reason:          r.reason,
		DetectorVersion: r.st.GetDetectorVersion(),
		PolicyVersion:   r.st.GetPolicyVersion(),
		Revision:        r.st.GetRevision(),
	}
	if last != nil {
		e.Seq = last.Seq + 1
		e.PrevHash = last.Hash
	}
	e.Hash = AuditHash(e)
	if err := putProto(txn, auditKey(post, e.Seq), e); err != nil {
		return nil, fmt.Errorf("holder: append audit of %s: %w", post, err)
	}
	return e, nil
}

func lastAudit(txn *badger.Txn, post string) (*mosaicv1.AuditEntry, error) {
	prefix := auditPrefix(post)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: true})
	defer it.Close()
	seek := append(bytes.Clone(prefix), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
	it.Seek(seek)
	if !it.ValidForPrefix(prefix) {
		return nil, nil
	}
	e := &mosaicv1.AuditEntry{}
	if err := it.Item().Value(func(v []byte) error { return unmarshal(v, e) }); err != nil {
		return nil, err
	}
	return e, nil
}

// AuditHash is SHA-256 over a fixed, length-prefixed encoding of the entry's fields and
// the previous hash. It does not depend on protobuf's wire encoding, which is not
// canonical, so a verifier in any language can recompute it:
//
//	"mosaic-audit-v1" then, each as uint32 big-endian length + bytes: post_id, seq
//	(8 bytes big-endian), at (unix nanoseconds, 8 bytes), actor, action, reason,
//	detector_version, policy_version, revision (4 bytes), prev_hash.
func AuditHash(e *mosaicv1.AuditEntry) []byte {
	h := sha256.New()
	h.Write([]byte("mosaic-audit-v1"))
	field := func(b []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	field([]byte(e.GetPostId()))
	field(binary.BigEndian.AppendUint64(nil, e.GetSeq()))
	field(binary.BigEndian.AppendUint64(nil, uint64(e.GetAt().AsTime().UnixNano())))
	field([]byte(e.GetActor()))
	field([]byte(e.GetAction()))
	field([]byte(e.GetReason()))
	field([]byte(e.GetDetectorVersion()))
	field([]byte(e.GetPolicyVersion()))
	field(binary.BigEndian.AppendUint32(nil, e.GetRevision()))
	field(e.GetPrevHash())
	return h.Sum(nil)
}

// VerifyChain reports whether entries form an unbroken chain from the first entry:
// consecutive sequence numbers, each prev_hash equal to the previous hash, and each
// hash recomputing.
func VerifyChain(entries []*mosaicv1.AuditEntry) bool {
	var prev []byte
	for i, e := range entries {
		if e.GetSeq() != uint64(i+1) || !bytes.Equal(e.GetPrevHash(), prev) || !bytes.Equal(AuditHash(e), e.GetHash()) {
			return false
		}
		prev = e.GetHash()
	}
	return true
}

// AuditHistory returns a post's audit history, oldest first, and whether its chain
// verifies, its entries' signatures included (auditlog.go). Moderators may read the history of posts in the forums they moderate.
func (h *Holder) AuditHistory(rv Reviewer, post string) ([]*mosaicv1.AuditEntry, bool, error) {
	st, err := h.status(post, 0)
	if err != nil {
		return nil, false, notFound(err, post)
	}
	if !rv.Moderates(st.GetForumId()) {
		return nil, false, fmt.Errorf("%w: post %s is in forum %s, which %s does not moderate", ErrPermission, post, st.GetForumId(), rv.ID)
	}
	entries, err := h.auditEntries(post)
	if err != nil {
		return nil, false, err
	}
	ok, err := h.verifyPostEntries(post, entries)
	if err != nil {
		return nil, false, fmt.Errorf("holder: verify audit of %s: %w", post, err)
	}
	return entries, ok, nil
}

func (h *Holder) auditEntries(post string) ([]*mosaicv1.AuditEntry, error) {
	var out []*mosaicv1.AuditEntry
	err := h.db.View(func(txn *badger.Txn) error {
		prefix := auditPrefix(post)
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			e := &mosaicv1.AuditEntry{}
			if err := it.Item().Value(func(v []byte) error { return unmarshal(v, e) }); err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("holder: read audit of %s: %w", post, err)
	}
	return out, nil
}

func notFound(err error, post string) error {
	if errors.Is(err, ErrNotFound) {
		return fmt.Errorf("%w: no post %q is known to the holder", ErrNotFound, post)
	}
	return err
}
