package link

import (
	"encoding/binary"
	"strings"
)

// Key schema of the linker's Badger database. Every key the ledger reads or writes is
// built here, so the layout can be reviewed (and migrated) in one place.
//
//	a\x00<author>                         -> authorState (JSON): the author's context
//	                                         (self-declared place) and patient profiles,
//	                                         bounded in size (maxProfiles, maxFacts).
//	c\x00<author>\x00<post>\x00<rev:u32be> -> pendingPost (JSON): a candidate revision that
//	                                         was assessed but is not published yet; it
//	                                         counts for nothing until Publish moves its
//	                                         details into the author's profiles.
//
// Author and post ids are opaque strings from the platform; they must not contain NUL,
// which the ledger rejects (ErrBadID) so keys cannot collide.
const (
	prefixAuthor  = "a\x00"
	prefixPending = "c\x00"
)

func authorKey(author string) []byte {
	return []byte(prefixAuthor + author)
}

func pendingKey(author, post string, rev uint32) []byte {
	k := make([]byte, 0, len(prefixPending)+len(author)+len(post)+6)
	k = append(k, prefixPending...)
	k = append(k, author...)
	k = append(k, 0)
	k = append(k, post...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint32(k, rev)
}

// pendingPostPrefix covers every pending revision of one post.
func pendingPostPrefix(author, post string) []byte {
	return []byte(prefixPending + author + "\x00" + post + "\x00")
}

func validID(s string) bool {
	return s != "" && !strings.ContainsRune(s, 0)
}
