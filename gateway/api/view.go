package api

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"

	"github.com/dgraph-io/badger/v4"
	"google.golang.org/protobuf/proto"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// The gateway's own Badger holds its view of post statuses, so it answers
// GetPostStatus and de-duplicates submissions without the holder, survives restarts,
// and several gateway instances can each keep one. It is fed by the gateway's own
// submissions and by the DECISIONS stream. Key schema:
//
//	v/<post>/<rev:4>   mosaic.v1.PostStatus as last seen
//	h/<post>/<rev:4>   SHA-256 of the submitted Post (deterministic encoding)
//	r/<post>           latest revision seen (decimal)
//	c/decisions        last DECISIONS stream sequence applied (decimal)
const (
	prefixView    = "v/"
	prefixHash    = "h/"
	prefixLatest  = "r/"
	keyCheckpoint = "c/decisions"
)

var errNoRecord = errors.New("no record")

// errDeleted says a post was deleted: no revision of it is accepted again.
var errDeleted = errors.New("post deleted")

func revKey(prefix, post string, rev uint32) []byte {
	k := append([]byte(prefix), post...)
	k = append(k, '/')
	return binary.BigEndian.AppendUint32(k, rev)
}

type view struct{ db *badger.DB }

func postHash(p *mosaicv1.Post) ([]byte, error) {
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(p)
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256(b)
	return h[:], nil
}

// get returns the status of a revision (latest when rev is 0) and its post hash.
func (v view) get(post string, rev uint32) (*mosaicv1.PostStatus, []byte, error) {
	st := &mosaicv1.PostStatus{}
	var hash []byte
	err := v.db.View(func(txn *badger.Txn) error {
		if rev == 0 {
			item, err := txn.Get([]byte(prefixLatest + post))
			if errors.Is(err, badger.ErrKeyNotFound) {
				return errNoRecord
			}
			if err != nil {
				return err
			}
			if err := item.Value(func(b []byte) error {
				r, err := strconv.ParseUint(string(b), 10, 32)
				rev = uint32(r)
				return err
			}); err != nil {
				return err
			}
		}
		item, err := txn.Get(revKey(prefixView, post, rev))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return errNoRecord
		}
		if err != nil {
			return err
		}
		if err := item.Value(func(b []byte) error { return proto.Unmarshal(b, st) }); err != nil {
			return err
		}
		if item, err = txn.Get(revKey(prefixHash, post, rev)); err == nil {
			hash, err = item.ValueCopy(nil)
			return err
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return st, hash, nil
}

// revisionBehindError says a new revision is lower than one already submitted.
type revisionBehindError struct{ latest uint32 }

func (e revisionBehindError) Error() string {
	return fmt.Sprintf("revision %d was already submitted", e.latest)
}

// errNotOwner says a post id belongs to another author: the author of its first
// revision owns it, and only they may submit revisions of it or act on it.
var errNotOwner = errors.New("post belongs to another author")

// owner returns the author of the post's first (lowest) revision recorded; "" when
// the post is unknown.
func owner(txn *badger.Txn, post string) (string, error) {
	prefix := []byte(prefixView + post + "/")
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: false})
	defer it.Close()
	it.Seek(prefix)
	if !it.ValidForPrefix(prefix) {
		return "", nil
	}
	st := &mosaicv1.PostStatus{}
	if err := it.Item().Value(func(b []byte) error { return proto.Unmarshal(b, st) }); err != nil {
		return "", err
	}
	return st.AuthorId, nil
}

// checkOwner returns errNotOwner unless author owns post; errNoRecord if the post is
// unknown.
func (v view) checkOwner(post, author string) error {
	return v.db.View(func(txn *badger.Txn) error {
		o, err := owner(txn, post)
		switch {
		case err != nil:
			return err
		case o == "":
			return errNoRecord
		case o != author:
			return errNotOwner
		}
		return nil
	})
}

// create records a new pending revision unless one exists; it returns the existing
// status and hash if there was one. A revision of a post id first submitted by
// another author is refused with errNotOwner, and a new revision below the latest one
// submitted with revisionBehindError: revisions only move forward.
func (v view) create(ctx context.Context, st *mosaicv1.PostStatus, hash []byte) (existing *mosaicv1.PostStatus, existingHash []byte, err error) {
	err = v.update(ctx, func(txn *badger.Txn) error {
		if o, err := owner(txn, st.PostId); err != nil {
			return err
		} else if o != "" && o != st.AuthorId {
			return errNotOwner
		}
		key := revKey(prefixView, st.PostId, st.Revision)
		item, err := txn.Get(key)
		if err == nil {
			existing = &mosaicv1.PostStatus{}
			if err := item.Value(func(b []byte) error { return proto.Unmarshal(b, existing) }); err != nil {
				return err
			}
			if hi, err := txn.Get(revKey(prefixHash, st.PostId, st.Revision)); err == nil {
				existingHash, _ = hi.ValueCopy(nil)
			}
			return nil
		}
		if !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		if latest, err := latestRevision(txn, st.PostId); err != nil {
			return err
		} else if latest > st.Revision {
			return revisionBehindError{latest: latest}
		} else if deleted, err := isDeleted(txn, st.PostId, latest); err != nil {
			return err
		} else if deleted {
			return errDeleted
		}
		if err := putStatus(txn, st); err != nil {
			return err
		}
		return txn.Set(revKey(prefixHash, st.PostId, st.Revision), hash)
	})
	return existing, existingHash, err
}

// update runs fn in a read-write transaction and commits it, unless ctx ends first:
// then it returns ctx's error at once, without waiting for Badger, so a request whose
// client gave up does not stay stuck behind a stalled write. The commit may still land
// after that; every write here is one a retry of the request repeats or undoes (a
// pending record is published again on resubmission; a status is re-applied from the
// decisions stream).
func (v view) update(ctx context.Context, fn func(*badger.Txn) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	txn := v.db.NewTransaction(true)
	if err := fn(txn); err != nil {
		txn.Discard()
		return err
	}
	done := make(chan error, 1)
	go func() { done <- txn.Commit() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// latestRevision returns the latest revision recorded for post (0: none).
func latestRevision(txn *badger.Txn, post string) (uint32, error) {
	item, err := txn.Get([]byte(prefixLatest + post))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var rev uint64
	err = item.Value(func(b []byte) error {
		rev, err = strconv.ParseUint(string(b), 10, 32)
		return err
	})
	return uint32(rev), err
}

// remove forgets a pending revision whose publication failed.
func (v view) remove(ctx context.Context, post string, rev uint32) error {
	return v.update(ctx, func(txn *badger.Txn) error {
		if err := txn.Delete(revKey(prefixView, post, rev)); err != nil {
			return err
		}
		return txn.Delete(revKey(prefixHash, post, rev))
	})
}

// apply stores a status learnt from a command's answer.
func (v view) apply(ctx context.Context, st *mosaicv1.PostStatus) error {
	return v.update(ctx, func(txn *badger.Txn) error { return putStatus(txn, st) })
}

// applyAll stores statuses learnt from the DECISIONS stream, in stream order, and the
// sequence of the last one, in one transaction.
func (v view) applyAll(ds []decided) error {
	return v.db.Update(func(txn *badger.Txn) error {
		var last uint64
		for _, d := range ds {
			if err := putStatus(txn, d.status); err != nil {
				return err
			}
			last = max(last, d.seq)
		}
		if last == 0 {
			return nil
		}
		return txn.Set([]byte(keyCheckpoint), []byte(strconv.FormatUint(last, 10)))
	})
}

func putStatus(txn *badger.Txn, st *mosaicv1.PostStatus) error {
	if st.GetDecision() == mosaicv1.Decision_DECISION_DELETED {
		if err := eraseRevisions(txn, st); err != nil {
			return err
		}
	} else if deleted, err := isDeleted(txn, st.GetPostId(), st.GetRevision()); err != nil {
		return err
	} else if deleted {
		// An earlier decision arriving after the deletion: the tombstone stays.
		return nil
	}
	b, err := proto.Marshal(st)
	if err != nil {
		return fmt.Errorf("encode status: %w", err)
	}
	if err := txn.Set(revKey(prefixView, st.PostId, st.Revision), b); err != nil {
		return err
	}
	latest := []byte(prefixLatest + st.PostId)
	item, err := txn.Get(latest)
	if err == nil {
		var cur uint64
		_ = item.Value(func(b []byte) error { cur, err = strconv.ParseUint(string(b), 10, 32); return err })
		if uint64(st.Revision) <= cur {
			return nil
		}
	} else if !errors.Is(err, badger.ErrKeyNotFound) {
		return err
	}
	return txn.Set(latest, []byte(strconv.FormatUint(uint64(st.Revision), 10)))
}

// isDeleted reports whether the view holds a deletion's tombstone for the revision.
func isDeleted(txn *badger.Txn, post string, rev uint32) (bool, error) {
	item, err := txn.Get(revKey(prefixView, post, rev))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	cur := &mosaicv1.PostStatus{}
	if err := item.Value(func(b []byte) error { return proto.Unmarshal(b, cur) }); err != nil {
		return false, err
	}
	return cur.GetDecision() == mosaicv1.Decision_DECISION_DELETED, nil
}

// eraseRevisions replaces the view of every revision of a deleted post with the
// deletion's tombstone (ids and times, no findings or released text) and forgets the
// revisions' content hashes. Ownership (the first revision's author) stays.
func eraseRevisions(txn *badger.Txn, del *mosaicv1.PostStatus) error {
	prefix := []byte(prefixView + del.GetPostId() + "/")
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true})
	var revs []*mosaicv1.PostStatus
	for it.Rewind(); it.Valid(); it.Next() {
		st := &mosaicv1.PostStatus{}
		if err := it.Item().Value(func(b []byte) error { return proto.Unmarshal(b, st) }); err != nil {
			it.Close()
			return err
		}
		revs = append(revs, st)
	}
	it.Close()
	for _, st := range revs {
		if st.GetRevision() == del.GetRevision() {
			continue // putStatus writes the deletion itself
		}
		t := proto.Clone(del).(*mosaicv1.PostStatus)
		t.Revision, t.AcceptedAt = st.GetRevision(), st.GetAcceptedAt()
		b, err := proto.Marshal(t)
		if err != nil {
			return err
		}
		if err := txn.Set(revKey(prefixView, st.GetPostId(), st.GetRevision()), b); err != nil {
			return err
		}
		if err := txn.Delete(revKey(prefixHash, st.GetPostId(), st.GetRevision())); err != nil {
			return err
		}
	}
	return txn.Delete(revKey(prefixHash, del.GetPostId(), del.GetRevision()))
}

// checkpoint returns the last DECISIONS sequence applied.
func (v view) checkpoint() (uint64, error) {
	var seq uint64
	err := v.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(keyCheckpoint))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(b []byte) error {
			seq, err = strconv.ParseUint(string(b), 10, 64)
			return err
		})
	})
	return seq, err
}
