package extract

import "math/bits"

// hashTable maps 64-bit keys that are already hashes (wordKey of a word, or
// ngramAdd over a token sequence) to values. The scan looks one up for every token and n-gram, and the
// built-in map spends most of that time re-hashing the key and probing groups; an
// open-addressed table costs one multiply and usually one cache line of keys (kept
// apart from the values, so that the probe for a missing n-gram, the common case,
// reads a compact array). Read-only after build, so safe for concurrent use.
type hashTable[V any] struct {
	keys  []uint64
	vals  []V
	shift uint8
	// zero holds the value for key 0, the empty-slot marker.
	zero    V
	hasZero bool
}

// newHashTable sizes a table for n keys at a load of at most one half.
func newHashTable[V any](n int) *hashTable[V] {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &hashTable[V]{keys: make([]uint64, size), vals: make([]V, size), shift: uint8(64 - bits.TrailingZeros(uint(size)))}
}

func (t *hashTable[V]) index(key uint64) uint64 {
	return (key * 0x9E3779B97F4A7C15) >> t.shift
}

// get returns the value stored under key.
func (t *hashTable[V]) get(key uint64) (V, bool) {
	if key == 0 {
		return t.zero, t.hasZero
	}
	mask := uint64(len(t.keys) - 1)
	for i := t.index(key); ; i = (i + 1) & mask {
		k := t.keys[i]
		if k == key {
			return t.vals[i], true
		}
		if k == 0 {
			var none V
			return none, false
		}
	}
}

// put stores val under key, replacing any earlier value. The table must have been
// sized for all keys put into it.
func (t *hashTable[V]) put(key uint64, val V) {
	if key == 0 {
		t.zero, t.hasZero = val, true
		return
	}
	mask := uint64(len(t.keys) - 1)
	for i := t.index(key); ; i = (i + 1) & mask {
		if t.keys[i] == key {
			t.vals[i] = val
			return
		}
		if t.keys[i] == 0 {
			t.keys[i], t.vals[i] = key, val
			return
		}
	}
}
