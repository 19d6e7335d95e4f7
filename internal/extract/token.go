package extract

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tokWord  tokKind = iota // letters only
	tokNum                  // ASCII digits only
	tokAlnum                // letters and digits mixed: "LA9", "4BT", "58yo"
	tokPunct                // one punctuation or symbol rune
)

// token is a span of the normalised text. The lower-case form of word-like tokens lives
// in the scanner's shared buffer (lo:hi) so that dictionary look-ups need no allocation.
type token struct {
	start, end int32  // normalised byte offsets
	lo, hi     int32  // lower-case form in scanner.lower
	key        uint64 // wordKey of the lower-case form
	kind       tokKind
	cap        bool // first letter upper case
	upper      bool // all letters upper case (and at least two letters)
	nl         uint8
	// gap is the number of bytes of white space before the token; nl counts newlines
	// in it (capped).
	gap int32
}

// tokenise splits s into tokens, appending lower-case forms to lower.
func tokenise(s string, toks []token, lower []byte) ([]token, []byte) {
	toks = toks[:0]
	lower = lower[:0]
	gapStart := 0
	nl := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			if c == '\n' && nl < 255 {
				nl++
			}
			i++
			continue
		}
		if c >= 0x80 {
			if r, size := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
				i += size
				continue
			}
		}
		// The token is built in place, field by field: a struct filled on the stack
		// and then copied stalls on the copy (narrow stores read back by wide loads).
		if len(toks) == cap(toks) {
			toks = slices.Grow(toks, 1)
		}
		toks = toks[:len(toks)+1]
		t := &toks[len(toks)-1]
		// Every path below sets every other field (the slot may hold an earlier
		// text's token).
		t.cap, t.upper = false, false
		t.start, t.gap, t.nl = int32(i), int32(i-gapStart), uint8(nl)
		if c < 0x80 && !isASCIIAlnum(c) {
			t.kind = tokPunct
			t.end = int32(i + 1)
			t.lo = int32(len(lower))
			lower = append(lower, c)
			t.hi = int32(len(lower))
			t.key = (fnvOffset ^ uint64(c)) * fnvPrime
			i++
			gapStart, nl = i, 0
			continue
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
				t.kind = tokPunct
				t.end = int32(i + size)
				t.lo = int32(len(lower))
				lower = append(lower, s[i:i+size]...)
				t.hi = int32(len(lower))
				t.key = wordKey(s[i : i+size])
				i += size
				gapStart, nl = i, 0
				continue
			}
		}
		// A word-like run: letters, digits and combining marks.
		t.lo = int32(len(lower))
		letters, digits, uppers := 0, 0, 0
		j := i
		h := uint64(fnvOffset)
		// Fast path: the leading run of ASCII letters and digits, lower-cased by
		// setting bit 5 (which digits and lower-case letters already have).
		for j < len(s) {
			b := s[j]
			c := asciiClass[b]
			if c == 0 {
				break
			}
			b |= 0x20
			lower = append(lower, b)
			h = (h ^ uint64(b)) * fnvPrime
			digits += int(c & classDigit)
			uppers += int(c >> 2)
			j++
		}
		letters = j - i - digits
		if uppers > 0 && asciiClass[s[i]] == classUpper {
			t.cap = true
		}
		first := j == i
		ascii := true
		if j >= len(s) || s[j] < 0x80 {
			// The run ended on an ASCII byte that is no letter or digit (or the
			// end): the slow loop below would stop at once.
			goto done
		}
		for j < len(s) {
			b := s[j]
			if b < 0x80 {
				switch asciiClass[b] {
				case classDigit:
					digits++
				case classLower:
					letters++
				case classUpper:
					letters++
					uppers++
					if first {
						t.cap = true
					}
					b += 32
				default:
					goto done
				}
				lower = append(lower, b)
				h = (h ^ uint64(b)) * fnvPrime
				j++
				first = false
				continue
			}
			ascii = false
			r, size := utf8.DecodeRuneInString(s[j:])
			switch {
			case unicode.IsLetter(r):
				letters++
				if unicode.IsUpper(r) {
					uppers++
					if first {
						t.cap = true
					}
				}
				lower = utf8.AppendRune(lower, unicode.ToLower(r))
			case unicode.Is(unicode.Mn, r):
				lower = append(lower, s[j:j+size]...)
			case unicode.IsDigit(r):
				digits++
				lower = append(lower, s[j:j+size]...)
			default:
				goto done
			}
			j += size
			first = false
		}
	done:
		if j == i+1 && (s[i] == 'w' || s[i] == 'W') && j < len(s) && s[j] == '/' {
			// Note-taking shorthand: "w/" is "with", "w/o" "without" (not "w/e",
			// the weekend, nor "w/c", week commencing).
			var word string
			if j+1 == len(s) || s[j+1] == ' ' || s[j+1] == '\n' {
				word, j = "with", j+1
			} else if (s[j+1] == 'o' || s[j+1] == 'O') && (j+2 == len(s) || !isAlnumByte(s[j+2])) {
				word, j = "without", j+2
			}
			if word != "" {
				lower = append(lower[:t.lo], word...)
				h = wordKey(word)
				letters = len(word)
			}
		}
		t.end = int32(j)
		t.hi = int32(len(lower))
		if !ascii {
			// The lower-case form of a non-ASCII rune is hashed from the buffer.
			h = uint64(fnvOffset)
			for _, b := range lower[t.lo:t.hi] {
				h ^= uint64(b)
				h *= fnvPrime
			}
		}
		t.key = h
		switch {
		case digits == 0:
			t.kind = tokWord
		case letters == 0:
			t.kind = tokNum
		default:
			t.kind = tokAlnum
		}
		t.upper = letters >= 2 && uppers == letters
		i = j
		gapStart, nl = i, 0
	}
	return toks, lower
}

// asciiClass classifies the ASCII bytes a word-like token is made of (0 for any
// other byte, non-ASCII included: 256 entries spare the fast loop a range test).
var asciiClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = classDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = classLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = classUpper
	}
	return t
}()

// The classes are bits: classDigit is 1 and classUpper 4, so that a run's digits
// and capitals are counted by masking and shifting.
const (
	classDigit = 1
	classLower = 2
	classUpper = 4
)

func isASCIIAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
