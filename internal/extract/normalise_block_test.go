package extract

import (
	"math/rand/v2"
	"testing"
)

// TestBlockChecks compares the eight-byte block tests against byte-by-byte checks,
// for every byte value in every position and for random mixed blocks (borrows and
// carries between bytes must not hide a byte).
func TestBlockChecks(t *testing.T) {
	check := func(buf [8]byte) {
		x := load8(string(buf[:]), 0)
		var suspect, digit bool
		for _, b := range buf {
			suspect = suspect || b >= 0x80 || b < 0x20 || b == 0x7f
			digit = digit || isDigit(b) || b >= 0x80
		}
		if suspectBlock(x) != suspect {
			t.Fatalf("suspectBlock(%q) = %v, want %v", buf, !suspect, suspect)
		}
		if digitBlock(x) != digit {
			t.Fatalf("digitBlock(%q) = %v, want %v", buf, !digit, digit)
		}
	}
	for b := 0; b < 256; b++ {
		for pos := 0; pos < 8; pos++ {
			buf := [8]byte{'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}
			buf[pos] = byte(b)
			check(buf)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var buf [8]byte
		for k := range buf {
			buf[k] = byte(r.IntN(256))
			if r.IntN(2) == 0 {
				buf[k] = byte(0x20 + r.IntN(0x5f)) // mostly printable ASCII
			}
		}
		check(buf)
	}
}
