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
const (
	prefixStatus     = "s/"
	prefixAssessment = "a/"
	prefixLatest     = "r/"
	prefixAnnounced  = "x/"
	prefixQueue      = "q/"
	prefixNotice     = "n/"
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

func noticeKey(author string, atNanos int64, id string) []byte {
	k := []byte(prefixNotice + author + "/")
	k = binary.BigEndian.AppendUint64(k, uint64(atNanos))
	k = append(k, '/')
	return append(k, id...)
}
