package holder

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Notices returns a page of an author's notices, newest first, and the token of the
// next page ("" when there is none).
func (h *Holder) Notices(author string, unacknowledgedOnly bool, pageSize int, pageToken string) ([]*mosaicv1.Notice, string, error) {
	if author == "" {
		return nil, "", fmt.Errorf("%w: author_id is required", ErrInvalidArgument)
	}
	if pageSize <= 0 {
		pageSize = DefaultPageSize
	}
	prefix := noticePrefix(author)
	var before []byte
	if pageToken != "" {
		var err error
		before, err = base64.RawURLEncoding.DecodeString(pageToken)
		if err != nil || !bytes.HasPrefix(before, prefix) {
			return nil, "", fmt.Errorf("%w: page_token is not a token this service issued for author %s", ErrInvalidArgument, author)
		}
	}
	var out []*mosaicv1.Notice
	var next string
	err := h.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: true, PrefetchValues: true})
		defer it.Close()
		if before != nil {
			it.Seek(before)
			if it.ValidForPrefix(prefix) && bytes.Equal(it.Item().Key(), before) {
				it.Next()
			}
		} else {
			it.Seek(append(bytes.Clone(prefix), 0xff))
		}
		var last []byte
		for ; it.ValidForPrefix(prefix); it.Next() {
			n := &mosaicv1.Notice{}
			if err := it.Item().Value(func(v []byte) error { return unmarshal(v, n) }); err != nil {
				return err
			}
			if unacknowledgedOnly && n.Acknowledged {
				continue
			}
			if len(out) == pageSize {
				next = base64.RawURLEncoding.EncodeToString(last)
				return nil
			}
			out = append(out, n)
			last = it.Item().KeyCopy(nil)
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("holder: list notices of %s: %w", author, err)
	}
	return out, next, nil
}

// AcknowledgeNotice marks an author's notice as read. Acknowledging twice is harmless.
func (h *Holder) AcknowledgeNotice(author, id string) (*mosaicv1.Notice, error) {
	n := &mosaicv1.Notice{}
	err := h.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(noticeIDKey(author, id))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return fmt.Errorf("%w: author %s has no notice %q", ErrNotFound, author, id)
		}
		if err != nil {
			return err
		}
		key, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if err := getProto(txn, key, n); err != nil {
			return err
		}
		if n.Acknowledged {
			return nil
		}
		n.Acknowledged = true
		return putProto(txn, key, n)
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}
