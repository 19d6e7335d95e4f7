package extract

import "math/bits"

// wordSet is an exact set of words for the hottest membership tests (commonWord,
// isName). The built-in map hashes the string, probes a group and compares through
// a pointer per entry; here the word's FNV key picks a slot in a dense key array,
// and a match is confirmed against the word itself, kept in one string with the
// others, so the table holds no pointers for the collector to scan.
type wordSet struct {
	// keys hold the top half of each word's key: the word itself is compared on a
	// match, so a fingerprint suffices and the probed array stays half the size.
	keys []uint32
	// refs[i] is 0 for an empty slot, else the word's offset in text << 8 | its
	// length (1 to 255).
	refs     []uint32
	text     string
	shift    uint8
	hasEmpty bool
	long     map[string]bool // words over 255 bytes, if any
}

// newWordSet builds the set of the distinct words given.
func newWordSet(words []string) *wordSet {
	seen := make(map[string]bool, len(words))
	uniq := make([]string, 0, len(words))
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			uniq = append(uniq, w)
		}
	}
	size := 16
	for size < 2*len(uniq) {
		size <<= 1
	}
	ws := &wordSet{keys: make([]uint32, size), refs: make([]uint32, size), shift: uint8(64 - bits.TrailingZeros(uint(size)))}
	var text []byte
	for _, w := range uniq {
		text = append(text, w...)
	}
	ws.text = string(text)
	mask := uint64(size - 1)
	off := 0
	for _, w := range uniq {
		start := off
		off += len(w)
		switch {
		case w == "":
			ws.hasEmpty = true
			continue
		case len(w) > 255 || start >= 1<<24:
			if ws.long == nil {
				ws.long = map[string]bool{}
			}
			ws.long[w] = true
			continue
		}
		k := wordKey(w)
		i := (k * 0x9E3779B97F4A7C15) >> ws.shift
		for ws.refs[i] != 0 {
			i = (i + 1) & mask
		}
		ws.keys[i] = uint32(k >> 32)
		ws.refs[i] = uint32(start)<<8 | uint32(len(w))
	}
	return ws
}

// has reports whether w is in the set.
func (ws *wordSet) has(w string) bool {
	if len(w) == 0 || len(w) > 255 {
		return len(w) == 0 && ws.hasEmpty || ws.long[w]
	}
	k := wordKey(w)
	fp := uint32(k >> 32)
	mask := uint64(len(ws.keys) - 1)
	for i := (k * 0x9E3779B97F4A7C15) >> ws.shift; ; i = (i + 1) & mask {
		r := ws.refs[i]
		if r == 0 {
			return ws.long[w]
		}
		if ws.keys[i] == fp {
			if off, n := r>>8, r&0xff; ws.text[off:off+n] == w {
				return true
			}
		}
	}
}
