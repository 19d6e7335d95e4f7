package holder

import (
	"encoding/binary"
)

// The holder's Badger key schema, declared in one place. Post ids are validated at the
// edge to exclude '/', so '/' separates key parts; revisions and times are big-endian
// so keys sort numerically.
//
//	s/<post>/<rev:4>          mosaic.v1.PostStatus of one revision
//	a/<post>/<rev:4>          mosaic.v1.Assessment of one revision
//	r/<post>                  latest revision known (uint32)
//	x/<post>/<rev:4>          announced: the decision event was published (value: its msg id)
//	q/<held:8>/<post>/<rev:4> review queue index: held revisions by time held
//	n/<author>/<at:8>/<id>    mosaic.v1.Notice
//	m/<author>/<id>           notice index: the n/ key of a notice id
//	h/<post>/<seq:8>          mosaic.v1.AuditEntry, the post's hash-chained history
//	v/<post>/<rev:4>          review state of a revision (JSON reviewState: claim, appeal,
//	                          released text)
//	e/<left:8>/<post>/<rev:4> reviewed index: holds that left the queue (decided, withdrawn
//	                          or deleted), by the time they left; value: when held (int64
//	                          unix nanoseconds, big-endian)
const (
	prefixStatus     = "s/"
	prefixAssessment = "a/"
	prefixLatest     = "r/"
	prefixAnnounced  = "x/"
	prefixQueue      = "q/"
	prefixNotice     = "n/"
	prefixNoticeID   = "m/"
	prefixAudit      = "h/"
	prefixReview     = "v/"
	prefixReviewed   = "e/"
)

func revKey(prefix, post string, rev uint32) []byte {
	k := make([]byte, 0, len(prefix)+len(post)+5)
	k = append(k, prefix...)
	k = append(k, post...)
	k = append(k, '/')
	return binary.BigEndian.AppendUint32(k, rev)
}

func statusKey(post string, rev uint32) []byte     { return revKey(prefixStatus, post, rev) }
func assessmentKey(post string, rev uint32) []byte { return revKey(prefixAssessment, post, rev) }
func announcedKey(post string, rev uint32) []byte  { return revKey(prefixAnnounced, post, rev) }
func latestKey(post string) []byte                 { return []byte(prefixLatest + post) }

func queueKey(heldAtNanos int64, post string, rev uint32) []byte {
	k := []byte(prefixQueue)
	k = binary.BigEndian.AppendUint64(k, uint64(heldAtNanos))
	k = append(k, '/')
	k = append(k, post...)
	k = append(k, '/')
	return binary.BigEndian.AppendUint32(k, rev)
}

func reviewedKey(leftNanos int64, post string, rev uint32) []byte {
	k := []byte(prefixReviewed)
	k = binary.BigEndian.AppendUint64(k, uint64(leftNanos))
	k = append(k, '/')
	k = append(k, post...)
	k = append(k, '/')
	return binary.BigEndian.AppendUint32(k, rev)
}

func noticeKey(author string, atNanos int64, id string) []byte {
	k := []byte(prefixNotice + author + "/")
	k = binary.BigEndian.AppendUint64(k, uint64(atNanos))
	k = append(k, '/')
	return append(k, id...)
}

func reviewKey(post string, rev uint32) []byte { return revKey(prefixReview, post, rev) }

func noticeIDKey(author, id string) []byte { return []byte(prefixNoticeID + author + "/" + id) }

func noticePrefix(author string) []byte { return []byte(prefixNotice + author + "/") }

func auditPrefix(post string) []byte { return []byte(prefixAudit + post + "/") }

func auditKey(post string, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(auditPrefix(post), seq)
}
