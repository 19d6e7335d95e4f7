package holder

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// AuditReport is the verdict on a holder database's audit history (VerifyAudit).
type AuditReport struct {
	// Records in the signed log, the seal included.
	Records uint64
	// Signed entries, each matching its signed log record.
	Signed uint64
	// Legacy entries: written before signing began, unsigned, unchanged since the seal.
	Legacy uint64
	// Posts with an audit history.
	Posts int
	// Checkpoint compared against, nil when none was given.
	Checkpoint *Checkpoint
	// Problem is the first sign of tampering found (naming the post and entry or the
	// log record); empty when the history verifies.
	Problem string
}

// OK reports whether the history verified.
func (r AuditReport) OK() bool { return r.Problem == "" }

// VerifyAudit checks every audit entry in db against the signed log and the log
// against key and the checkpoint cp (nil: none; then entries removed from the end of
// the log since the last checkpoint cannot be told from entries never written). An
// error is a failure to read; tampering is reported in AuditReport.Problem, the first
// one found.
func VerifyAudit(db *badger.DB, key []byte, cp *Checkpoint) (AuditReport, error) {
	rep := AuditReport{Checkpoint: cp}
	err := db.View(func(txn *badger.Txn) error {
		problem, err := verifyLog(txn, key, cp, &rep)
		if err != nil || problem != "" {
			rep.Problem = problem
			return err
		}
		rep.Problem, err = verifyEntries(txn, key, &rep)
		return err
	})
	return rep, err
}

// verifyLog walks the signed log in order: numbering, links, signatures, each entry
// record's entry, and the checkpoint.
func verifyLog(txn *badger.Txn, key []byte, cp *Checkpoint, rep *AuditReport) (string, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixLog), PrefetchValues: true})
	defer it.Close()
	var prev []byte
	var g uint64
	for it.Rewind(); it.Valid(); it.Next() {
		g++
		r := &logRecord{}
		if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, r) }); err != nil {
			return fmt.Sprintf("log record %d is damaged: %v", g, err), nil
		}
		if !bytes.Equal(it.Item().Key(), logKey(r.G)) {
			return fmt.Sprintf("log record %d is stored under another number's key", g), nil
		}
		if err := r.check(key, g, prev); err != nil {
			return err.Error(), nil
		}
		switch {
		case g == 1 && r.Kind != recordSeal:
			return "the log does not begin with its seal (records removed from its start)", nil
		case g > 1 && r.Kind != recordEntry:
			return fmt.Sprintf("log record %d is a second seal", g), nil
		}
		if cp != nil && g == cp.G && !bytes.Equal(r.Link, cp.Link) {
			return fmt.Sprintf("log record %d differs from the checkpoint of %s (the log was rewritten from there)", g, cp.At.Format("2006-01-02 15:04:05Z")), nil
		}
		if r.Kind == recordEntry {
			if p := checkEntryOfRecord(txn, r); p != "" {
				return p, nil
			}
		}
		prev = r.Link
	}
	rep.Records = g
	if g == 0 {
		return "the audit log is missing (no seal): it was removed, or this holder never started with signing", nil
	}
	if cp != nil && g < cp.G {
		return fmt.Sprintf("the audit log ends at record %d but the checkpoint of %s records %d: the last %d entries were removed",
			g, cp.At.Format("2006-01-02 15:04:05Z"), cp.G, cp.G-g), nil
	}
	return "", nil
}

// checkEntryOfRecord checks that the entry a log record signs is there, unchanged and
// indexed to the record.
func checkEntryOfRecord(txn *badger.Txn, r *logRecord) string {
	name := fmt.Sprintf("post %s entry %d", r.Post, r.Seq)
	e := &mosaicv1.AuditEntry{}
	err := getProto(txn, auditKey(r.Post, r.Seq), e)
	if errors.Is(err, ErrNotFound) {
		return name + " is missing: it was removed after log record " + fmt.Sprint(r.G) + " signed it"
	}
	if err != nil {
		return fmt.Sprintf("%s is damaged: %v", name, err)
	}
	switch {
	case e.GetPostId() != r.Post || e.GetSeq() != r.Seq:
		return fmt.Sprintf("%s holds %s entry %d instead (entries moved or reordered)", name, e.GetPostId(), e.GetSeq())
	case !bytes.Equal(AuditHash(e), e.GetHash()):
		return name + " was edited: its hash does not recompute"
	case !bytes.Equal(e.GetHash(), r.EntryHash):
		return fmt.Sprintf("%s was changed after it was signed: it is not the entry log record %d signed (edited and re-hashed, or reordered)", name, r.G)
	}
	if g, ok := indexOf(txn, r.Post, r.Seq); !ok || g != r.G {
		return fmt.Sprintf("%s is not indexed to its log record %d", name, r.G)
	}
	return ""
}

func indexOf(txn *badger.Txn, post string, seq uint64) (uint64, bool) {
	item, err := txn.Get(logIndexKey(post, seq))
	if err != nil {
		return 0, false
	}
	var g uint64
	ok := item.Value(func(v []byte) error {
		if len(v) != 8 {
			return errors.New("bad index")
		}
		g = binary.BigEndian.Uint64(v)
		return nil
	}) == nil
	return g, ok
}

// verifyEntries walks every post's chain: consecutive numbers, links and hashes; each
// entry either signed by its log record or legacy (unsigned, before any signed entry of
// its post); and the legacy entries together matching the seal.
func verifyEntries(txn *badger.Txn, key []byte, rep *AuditReport) (string, error) {
	seal := &logRecord{}
	if err := getJSON(txn, logKey(1), seal); err != nil {
		return "", err
	}
	legacy := newLegacyDigest()
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixAudit), PrefetchValues: true})
	defer it.Close()
	var post string
	var prev []byte
	var seq uint64
	var signedSeen bool
	for it.Rewind(); it.Valid(); it.Next() {
		e := &mosaicv1.AuditEntry{}
		if err := it.Item().Value(func(v []byte) error { return unmarshal(v, e) }); err != nil {
			return fmt.Sprintf("an audit entry under key %q is damaged: %v", it.Item().Key(), err), nil
		}
		if e.GetPostId() != post {
			post, prev, seq, signedSeen = e.GetPostId(), nil, 0, false
			rep.Posts++
		}
		seq++
		name := fmt.Sprintf("post %s entry %d", post, seq)
		switch {
		case !bytes.Equal(it.Item().Key(), auditKey(e.GetPostId(), e.GetSeq())):
			return fmt.Sprintf("the entry stored as %q claims to be post %s entry %d (entries moved)", it.Item().Key(), e.GetPostId(), e.GetSeq()), nil
		case e.GetSeq() != seq:
			return fmt.Sprintf("%s is missing: the chain jumps to entry %d", name, e.GetSeq()), nil
		case !bytes.Equal(e.GetPrevHash(), prev):
			return name + " does not follow the entry before it (entries removed, edited or reordered)", nil
		case !bytes.Equal(AuditHash(e), e.GetHash()):
			return name + " was edited: its hash does not recompute", nil
		}
		prev = e.GetHash()
		g, indexed := indexOf(txn, post, seq)
		if !indexed {
			if signedSeen {
				return name + " is unsigned but follows a signed entry: it was added without the audit key", nil
			}
			legacy.add(e)
			rep.Legacy++
			continue
		}
		r := &logRecord{}
		if err := getJSON(txn, logKey(g), r); err != nil {
			return fmt.Sprintf("%s names log record %d, which is missing", name, g), nil
		}
		if r.Kind != recordEntry || r.Post != post || r.Seq != seq || !bytes.Equal(r.EntryHash, e.GetHash()) {
			return fmt.Sprintf("%s is not the entry its log record %d signed", name, g), nil
		}
		signedSeen = true
		rep.Signed++
	}
	if rep.Legacy != seal.LegacyEntries || !bytes.Equal(legacy.sum(), seal.LegacyDigest) {
		return fmt.Sprintf("the unsigned (legacy) entries changed since signing began: %d now, %d sealed (legacy entries edited, removed, or entries added without the audit key)",
			rep.Legacy, seal.LegacyEntries), nil
	}
	if rep.Signed != rep.Records-1 {
		return fmt.Sprintf("%d signed entries for %d log records", rep.Signed, rep.Records-1), nil
	}
	return "", nil
}

func getJSON(txn *badger.Txn, key []byte, v any) error {
	item, err := txn.Get(key)
	if err != nil {
		return err
	}
	return item.Value(func(b []byte) error { return json.Unmarshal(b, v) })
}

// verifyPostEntries checks one post's history as AuditHistory returns it: the chain,
// each signed entry against its log record's signature, legacy entries only before
// signed ones, and no signed entry missing after the last. The whole log, the seal and
// the checkpoint are checked by VerifyAudit (gateway audit verify).
func (h *Holder) verifyPostEntries(post string, entries []*mosaicv1.AuditEntry) (bool, error) {
	if !VerifyChain(entries) {
		return false, nil
	}
	ok := true
	err := h.db.View(func(txn *badger.Txn) error {
		signedSeen := false
		for _, e := range entries {
			g, indexed := indexOf(txn, post, e.GetSeq())
			if !indexed {
				if signedSeen {
					ok = false
					return nil
				}
				continue
			}
			signedSeen = true
			r := &logRecord{}
			if err := getJSON(txn, logKey(g), r); err != nil {
				if errors.Is(err, badger.ErrKeyNotFound) {
					ok = false
					return nil
				}
				return err
			}
			if r.Kind != recordEntry || r.Post != post || r.Seq != e.GetSeq() || !bytes.Equal(r.EntryHash, e.GetHash()) ||
				r.check(h.audit.key, g, r.Prev) != nil {
				ok = false
				return nil
			}
		}
		// An index left behind for the entry after the last: that entry was removed.
		if _, indexed := indexOf(txn, post, uint64(len(entries))+1); indexed {
			ok = false
		}
		return nil
	})
	return ok, err
}
