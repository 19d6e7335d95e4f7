package extract

// nameBits is a one-hash Bloom filter over the word keys of every first name and
// surname: the name rules that look at every token ask it before touching the name
// maps, so a token that is no name (most of them) costs one bit test. A false
// positive (about 2% at this size) only means the maps are asked.
type nameBits []uint64

const nameBitsLog = 23 // 8 Mbit, 1 MiB

func buildNameBits(l *lexicon) nameBits {
	b := make(nameBits, 1<<nameBitsLog/64)
	set := func(w string) {
		h := wordKey(w) >> (64 - nameBitsLog)
		b[h/64] |= 1 << (h % 64)
	}
	for w := range l.firstNames {
		set(w)
	}
	for w := range l.surnames {
		set(w)
	}
	return b
}

// has reports that the word with this key may be a name.
func (b nameBits) has(key uint64) bool {
	h := key >> (64 - nameBitsLog)
	return b[h/64]&(1<<(h%64)) != 0
}
