package extract

import (
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// normalised is a post's text after folding away the tricks people use, deliberately or
// not, to slip identifiers past a filter: compatibility forms (full-width digits,
// ligatures), invisible characters, look-alike letters from other scripts, and odd
// dashes, spaces and quotes. Every byte of the normalised text remembers which bytes of
// the original text it came from, so that spans found in the normalised text are
// reported as exact byte offsets into what the author wrote.
type normalised struct {
	text string
	// srcStart[i] and srcEnd[i] are the original byte range of the rune that produced
	// normalised byte i. Both are nil when the text needed no change (the common,
	// fast case), in which case offsets are the identity.
	srcStart []int32
	srcEnd   []int32
	origLen  int
	// spareStart and spareEnd keep the offset maps' storage between texts, so that
	// a pooled scanner folds a non-ASCII post without allocating them again;
	// collapseStart, collapseEnd and collapseBuf do the same for
	// collapseSpacedDigits, which reads the fold's maps while writing its own.
	spareStart, spareEnd       []int32
	collapseStart, collapseEnd []int32
	collapseBuf                []byte
}

// span maps a normalised byte range [s, e) back to the original text.
func (n *normalised) span(s, e int) (int, int) {
	if n.srcStart == nil {
		return s, e
	}
	if e <= s {
		if s >= len(n.srcStart) {
			return n.origLen, n.origLen
		}
		o := int(n.srcStart[s])
		return o, o
	}
	return int(n.srcStart[s]), int(n.srcEnd[e-1])
}

// needsFolding reports whether the text has anything but plain printable ASCII (plus tab
// and newlines), which is all the fast path handles.
func needsFolding(s string) bool {
	i := 0
	// Eight bytes at a time: a block with no byte >= 0x80, below 0x20 or 0x7f is
	// plain; a suspect block (tabs and newlines too) is checked byte by byte below.
	for ; i+8 <= len(s); i += 8 {
		if suspectBlock(load8(s, i)) {
			break
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f {
			return true
		}
	}
	return false
}

// plainByte marks the bytes the fast path copies unchanged: printable ASCII, tab
// and newlines.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = true
	}
	t['\n'], t['\t'], t['\r'] = true, true, true
	return t
}()

// load8 reads eight bytes of s from i, little-endian (one load after combining).
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// suspectBlock reports a block of eight bytes that may hold a byte >= 0x80, a
// control byte below 0x20 (tab and newlines included) or 0x7f.
func suspectBlock(x uint64) bool {
	lt20 := (x - ones*0x20) & ^x & highs
	del := ((x ^ ones*0x7f) - ones) & ^(x ^ ones*0x7f) & highs
	return x&highs != 0 || lt20 != 0 || del != 0
}

// digitBlock reports a block of eight bytes that may hold an ASCII digit (exact for
// ASCII; a byte >= 0x80 counts as a possible digit).
func digitBlock(x uint64) bool {
	if x&highs != 0 {
		return true
	}
	// For each byte b < 0x80: (b + 0x50) sets the high bit when b >= 0x30, and
	// (b + 0x46) when b >= 0x3a.
	ge30 := (x + ones*0x50) & highs
	ge3a := (x + ones*0x46) & highs
	return ge30&^ge3a != 0
}

// normalise folds text into n, reusing n's buffers.
func normalise(text string, n *normalised, buf []byte) []byte {
	buf = fold(text, n, buf)
	if hasSpelled(n.text) {
		collapseSpelled(n)
	}
	if hasSpacedDigits(n.text) {
		buf = collapseSpacedDigits(n, buf)
	}
	return buf
}

// spelledRun returns the end (exclusive) of a run of single letters and digits
// joined by one separator (a space, a hyphen or a full stop) starting at i, the
// number of characters in it and how many are letters and digits: "n i a m h",
// "g-w-e-n-d-a", "b.o.b.b.y", "J-K-2-3-4-5-6-7-C", "Q R 1 2 3 4 5 6 D".
func spelledRun(t string, i int) (end, letters, digits int) {
	count := func(c byte) {
		if isDigit(c) {
			digits++
		} else {
			letters++
		}
	}
	count(t[i])
	if i+2 >= len(t) {
		return i + 1, letters, digits
	}
	sep := t[i+1]
	j := i
	for j+2 < len(t) && t[j+1] == sep && isASCIIAlnum(t[j+2]) && (j+3 >= len(t) || !isAlnumByte(t[j+3])) {
		j += 2
		count(t[j])
	}
	return j + 1, letters, digits
}

// spelledSep reports the separators a spelled-out word uses.
func spelledSep(c byte) bool { return c == ' ' || c == '-' || c == '.' }

// spelledEnough reports a run worth joining: four characters or more with a
// letter among them and, when digits are mixed in, two digits or more and
// letters other than x (so "2 x 3 x 4" stays a size): two of them when spaces
// part the characters, where a word "a" or "I" may stand. Runs of digits alone
// are collapseSpacedDigits's.
func spelledEnough(t string, i, end, letters, digits int) bool {
	if letters == 0 || letters+digits < 4 {
		return false
	}
	if digits == 0 {
		return true
	}
	if digits < 2 {
		return false
	}
	need := 1
	if t[i+1] == ' ' {
		need = 2
	}
	for k := i; k < end; k += 2 {
		if c := t[k] | 0x20; c >= 'a' && c <= 'z' && c != 'x' {
			need--
		}
	}
	return need <= 0
}

// hasSpelled reports a word or code spelled out character by character.
func hasSpelled(t string) bool {
	for i := 0; i+6 < len(t); i++ {
		// The cheap test first: a separator with single characters around it.
		c := t[i+1]
		if !spelledSep(c) || t[i+3] != c || !isASCIIAlnum(t[i]) || !isASCIIAlnum(t[i+2]) || i > 0 && isAlnumByte(t[i-1]) {
			continue
		}
		if end, l, d := spelledRun(t, i); spelledEnough(t, i, end, l, d) {
			return true
		}
	}
	return false
}

// collapseSpelled removes the separators inside words and codes spelled out
// character by character, so that "n i a m h" reads as "niamh" and
// "K-0-4-4-7-1-9-2-3" as one code. The offset map keeps every byte's origin.
func collapseSpelled(n *normalised) {
	t := n.text
	n.identityMaps()
	out := make([]byte, 0, len(t))
	starts := make([]int32, 0, len(t))
	ends := make([]int32, 0, len(t))
	for i := 0; i < len(t); {
		if isASCIIAlnum(t[i]) && (i == 0 || !isAlnumByte(t[i-1])) && i+1 < len(t) && spelledSep(t[i+1]) {
			if end, l, d := spelledRun(t, i); spelledEnough(t, i, end, l, d) {
				for k := i; k < end; k += 2 {
					out = append(out, t[k])
					starts = append(starts, n.srcStart[k])
					ends = append(ends, n.srcEnd[k])
				}
				i = end
				continue
			}
		}
		out = append(out, t[i])
		starts = append(starts, n.srcStart[i])
		ends = append(ends, n.srcEnd[i])
		i++
	}
	n.text = string(out)
	n.srcStart, n.srcEnd = starts, ends
}

// identityMaps gives an unfolded text its (identity) offset maps, in the fold's
// spare storage, before a pass that changes the text.
func (n *normalised) identityMaps() {
	if n.srcStart != nil {
		return
	}
	t := n.text
	n.srcStart = slices.Grow(n.spareStart[:0], len(t))[:len(t)]
	n.srcEnd = slices.Grow(n.spareEnd[:0], len(t))[:len(t)]
	n.spareStart, n.spareEnd = n.srcStart, n.srcEnd
	for i := range t {
		n.srcStart[i], n.srcEnd[i] = int32(i), int32(i+1)
	}
}

func isAlnumByte(c byte) bool { return isASCIIAlnum(c) || c >= 0x80 }

// spacedRun returns the end (inclusive) of a run of single digits separated by single
// spaces (and " / ", " - ", " . " between groups) starting at i, and its digit count:
// "1 7 / 0 9 / 1 9 5 3", "4 5 0 5 5 7 7 1 0 4".
func spacedRun(t string, i int) (int, int) {
	j, digits := i, 1
	for {
		if j+2 < len(t) && t[j+1] == ' ' && isDigit(t[j+2]) && (j+3 >= len(t) || !isAlnumByte(t[j+3])) {
			j += 2
			digits++
			continue
		}
		if j+4 < len(t) && t[j+1] == ' ' && t[j+3] == ' ' && (t[j+2] == '/' || t[j+2] == '-' || t[j+2] == '.') && isDigit(t[j+4]) && (j+5 >= len(t) || !isAlnumByte(t[j+5])) {
			j += 4
			digits++
			continue
		}
		return j, digits
	}
}

func hasSpacedDigits(t string) bool {
	for i := 0; i+2 < len(t); {
		// A run starts with a digit: skip blocks of eight bytes without one, and
		// read a block with one byte by byte.
		if i+8 <= len(t) && !digitBlock(load8(t, i)) {
			i += 8
			continue
		}
		for end := min(i+8, len(t)-2); i < end; i++ {
			if isDigit(t[i]) && t[i+1] == ' ' && isDigit(t[i+2]) && (i == 0 || !isAlnumByte(t[i-1])) && (i+3 >= len(t) || !isAlnumByte(t[i+3])) {
				if _, d := spacedRun(t, i); d >= 6 {
					return true
				}
			}
		}
	}
	return false
}

// collapseSpacedDigits removes the spaces inside runs of six or more single digits
// written with spaces between them, a common way to slip a number or a date past a
// filter. The offset map keeps every remaining byte's origin.
func collapseSpacedDigits(n *normalised, buf []byte) []byte {
	t := n.text
	// An unfolded text: the fold's spare maps are free for the identity.
	n.identityMaps()
	out := slices.Grow(n.collapseBuf[:0], len(t))
	starts := slices.Grow(n.collapseStart[:0], len(t))
	ends := slices.Grow(n.collapseEnd[:0], len(t))
	for i := 0; i < len(t); {
		if isDigit(t[i]) && (i == 0 || !isAlnumByte(t[i-1])) {
			if j, d := spacedRun(t, i); d >= 6 && (j+1 >= len(t) || !isAlnumByte(t[j+1])) {
				for k := i; k <= j; k++ {
					if t[k] == ' ' {
						continue
					}
					out = append(out, t[k])
					starts = append(starts, n.srcStart[k])
					ends = append(ends, n.srcEnd[k])
				}
				i = j + 1
				continue
			}
		}
		out = append(out, t[i])
		starts = append(starts, n.srcStart[i])
		ends = append(ends, n.srcEnd[i])
		i++
	}
	n.text = string(out)
	n.srcStart, n.srcEnd = starts, ends
	n.collapseBuf, n.collapseStart, n.collapseEnd = out, starts, ends
	return buf
}

// fold applies the per-rune folding.
func fold(text string, n *normalised, buf []byte) []byte {
	n.origLen = len(text)
	if !needsFolding(text) {
		n.text = text
		n.srcStart, n.srcEnd = nil, nil
		return buf
	}
	out := buf[:0]
	starts := n.spareStart[:0]
	ends := n.spareEnd[:0]
	if cap(starts) == 0 {
		starts = make([]int32, 0, len(text)+8)
		ends = make([]int32, 0, len(text)+8)
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < 0x80 {
			if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f {
				// Control characters: gone, or a space where they part a word
				// from a number (see hiddenSeparator).
				if hiddenSeparator(out, text, i+1) {
					out = append(out, ' ')
					starts = append(starts, int32(i))
					ends = append(ends, int32(i+1))
				}
				i++
				continue
			}
			// Copy a run of plain ASCII in one go.
			j := i + 1
			for j+8 <= len(text) && !suspectBlock(load8(text, j)) {
				j += 8 // eight printable ASCII bytes at a time
			}
			for j < len(text) && plainByte[text[j]] {
				j++
			}
			out = append(out, text[i:j]...)
			n0, m := len(starts), j-i
			starts = slices.Grow(starts, m)[:n0+m]
			ends = slices.Grow(ends, m)[:n0+m]
			st, en := starts[n0:n0+m], ends[n0:n0+m]
			for k := range st {
				st[k] = int32(i + k)
				en[k] = int32(i + k + 1)
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		from, to := int32(i), int32(i+size)
		i += size
		if rep, ok := foldCached(r); ok {
			if rep == "" {
				// An invisible character (the table holds nothing else empty).
				if hiddenSeparator(out, text, i) {
					out = append(out, ' ')
					starts = append(starts, from)
					ends = append(ends, to)
				}
				continue
			}
			for k := 0; k < len(rep); k++ {
				out = append(out, rep[k])
				starts = append(starts, from)
				ends = append(ends, to)
			}
			continue
		}
		if r == utf8.RuneError && size == 1 {
			out = append(out, ' ')
			starts = append(starts, from)
			ends = append(ends, to)
			continue
		}
		if invisible(r) {
			if hiddenSeparator(out, text, i) {
				out = append(out, ' ')
				starts = append(starts, from)
				ends = append(ends, to)
			}
			continue
		}
		// Declared here, not per call: it escapes, and this path is rare.
		var tmp [utf8.UTFMax * 6]byte
		var rep []byte
		if v, ok := digitValue(r); ok {
			rep = append(tmp[:0], digitStrings[v]...)
		} else if f, ok := foldRune(r); ok {
			rep = utf8.AppendRune(tmp[:0], f)
		} else {
			rep = norm.NFKC.AppendString(tmp[:0], text[from:to])
			if len(rep) == 0 {
				continue
			}
			// NFKC can produce characters that are themselves folded (e.g. a full-width
			// dash); fold once more, rune by rune.
			if !asciiOnly(rep) {
				rep = refold(rep)
			}
		}
		for _, b := range rep {
			out = append(out, b)
			starts = append(starts, from)
			ends = append(ends, to)
		}
	}
	// The text views the returned buffer, which the caller keeps until the next
	// text (see scan.own for the strings that outlive it).
	n.text = unsafe.String(unsafe.SliceData(out), len(out))
	n.srcStart, n.srcEnd = starts, ends
	n.spareStart, n.spareEnd = starts, ends
	return out
}

// Common non-ASCII runes (Latin-1 and other European letters, typographic
// punctuation, full-width forms) are folded through a table built once from the same
// rules as the slow path below, so that an en dash or a pound sign costs a look-up
// instead of an NFKC call.
const (
	foldLowEnd    = 0x3000 // table covers [0x80, foldLowEnd)
	foldWideStart = 0xFF00 // and [foldWideStart, foldWideEnd)
	foldWideEnd   = 0xFFF0
)

var (
	foldOnce sync.Once
	foldLow  []string
	foldWide []string
)

// foldSlow is the full per-rune fold of a valid rune: its replacement bytes, empty
// when the rune is dropped.
func foldSlow(r rune) string {
	if invisible(r) {
		return ""
	}
	var tmp [utf8.UTFMax * 6]byte
	if f, ok := foldRune(r); ok {
		return string(utf8.AppendRune(tmp[:0], f))
	}
	if v, ok := digitValue(r); ok {
		return digitStrings[v]
	}
	var src [utf8.UTFMax]byte
	rep := norm.NFKC.Append(tmp[:0], utf8.AppendRune(src[:0], r)...)
	if len(rep) > 0 && !asciiOnly(rep) {
		rep = refold(rep)
	}
	return string(rep)
}

func buildFoldTables() {
	foldLow = make([]string, foldLowEnd-0x80)
	for r := rune(0x80); r < foldLowEnd; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		foldLow[r-0x80] = foldSlow(r)
	}
	foldWide = make([]string, foldWideEnd-foldWideStart)
	for r := rune(foldWideStart); r < foldWideEnd; r++ {
		foldWide[r-foldWideStart] = foldSlow(r)
	}
}

// foldCached returns the folded form of r from the tables when r lies in them.
func foldCached(r rune) (string, bool) {
	switch {
	case r >= 0x80 && r < foldLowEnd:
		foldOnce.Do(buildFoldTables)
		return foldLow[r-0x80], true
	case r >= foldWideStart && r < foldWideEnd:
		foldOnce.Do(buildFoldTables)
		return foldWide[r-foldWideStart], true
	}
	return "", false
}

func asciiOnly(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func refold(b []byte) []byte {
	var out []byte
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if invisible(r) {
			continue
		}
		if f, ok := foldRune(r); ok {
			r = f
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// invisible reports the characters that render as nothing but split a word or a
// number for a naive matcher: every control character (C0 and C1, DEL) but tab,
// line feed, carriage return and NEL (a line break), every format character
// (Unicode category Cf: zero-width spaces and joiners, soft hyphens, bidi marks,
// embeddings, overrides and isolates, invisible operators, tags), variation
// selectors, the combining grapheme joiner and the Hangul and Mongolian fillers.
func invisible(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\n' && r != '\t' && r != '\r'
	case r < 0x7f:
		return false
	case r <= 0x9f:
		return r != 0x85 // DEL and the C1 controls; NEL is a line break (foldRune)
	case r == 0x034F, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5, r == 0x3164, r == 0xFFA0:
		return true
	case r >= 0x180B && r <= 0x180F, r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// hiddenSeparator decides what an invisible character at the end of out stands
// for. Between a word of three letters or more and a number it parts them, as a
// space would ("NHS number\x00450 557 7104" is a label and a number); anywhere
// else it joins what it splits, as it shows ("4\u200b5\u200b0" is 450,
// "Sm\u200bith" Smith, "SV\u200b21 LXK" a number plate). next is the offset in
// text just after the character; further invisible characters are looked through.
func hiddenSeparator(out []byte, text string, next int) bool {
	if len(out) == 0 {
		return false
	}
	last, _ := utf8.DecodeLastRune(out)
	before := charClass(last)
	for next < len(text) {
		r, size := utf8.DecodeRuneInString(text[next:])
		if r == utf8.RuneError && size == 1 || !invisible(r) {
			after := charClass(r)
			switch {
			case before == 0 || after == 0 || before == after:
				return false
			case before == 1:
				return lettersBefore(out) >= 3
			default:
				return lettersAfter(text, next) >= 3
			}
		}
		next += size
	}
	return false
}

// lettersBefore counts the letters that end out (up to three).
func lettersBefore(out []byte) int {
	n := 0
	for len(out) > 0 && n < 3 {
		r, size := utf8.DecodeLastRune(out)
		if charClass(r) != 1 {
			break
		}
		n++
		out = out[:len(out)-size]
	}
	return n
}

// lettersAfter counts the letters from text[i] on (up to three), looking through
// invisible characters.
func lettersAfter(text string, i int) int {
	n := 0
	for i < len(text) && n < 3 {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if invisible(r) {
			continue
		}
		if charClass(r) != 1 {
			break
		}
		n++
	}
	return n
}

// charClass is 1 for a letter, 2 for a digit and 0 for anything else.
func charClass(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return 2
	case r < 0x80:
		if r|0x20 >= 'a' && r|0x20 <= 'z' {
			return 1
		}
		return 0
	case unicode.IsDigit(r):
		return 2
	case unicode.IsLetter(r):
		return 1
	}
	return 0
}

// foldRune maps look-alike letters from Cyrillic and Greek, and typographic dashes,
// spaces and quotes, to their plain ASCII form. Only letters that are visually
// indistinguishable from Latin ones are folded, so genuine Greek or Russian text is
// mostly left alone.
func foldRune(r rune) (rune, bool) {
	switch {
	case r == 0x00A0 || r == 0x1680 || r == 0x2800 || (r >= 0x2000 && r <= 0x200A) || r == 0x202F || r == 0x205F || r == 0x3000:
		return ' ', true
	case (r >= 0x2010 && r <= 0x2015) || r == 0x2212 || r == 0xFE58 || r == 0xFE63 || r == 0xFF0D || r == 0x2043:
		return '-', true
	case r == 0x2018 || r == 0x2019 || r == 0x201B || r == 0x2032 || r == 0xFF07 || r == 0x02BC:
		return '\'', true
	case r == 0x201C || r == 0x201D || r == 0x201F || r == 0x2033:
		return '"', true
	case r == 0x2028 || r == 0x2029 || r == 0x0085:
		return '\n', true
	}
	if f, ok := confusables[r]; ok {
		return f, true
	}
	return 0, false
}

var confusables = map[rune]rune{
	// Cyrillic lower case
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p',
	'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ї': 'i', 'ј': 'j',
	'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ӏ': 'l', 'ɡ': 'g',
	// Cyrillic upper case
	'А': 'A', 'В': 'B', 'Е': 'E', 'Ё': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P',
	'С': 'C', 'Т': 'T', 'У': 'Y', 'Х': 'X', 'Ѕ': 'S', 'І': 'I', 'Ї': 'I', 'Ј': 'J', 'Ԁ': 'D',
	'Ԛ': 'Q', 'Ԝ': 'W', 'Һ': 'H', 'Ӏ': 'I', 'З': '3', 'Ь': 'b',
	// Greek
	'α': 'a', 'ο': 'o', 'ρ': 'p', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'υ': 'u', 'τ': 't', 'χ': 'x',
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M',
	'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
	// Latin look-alikes outside ASCII
	'ı': 'i', 'ȷ': 'j', 'ℓ': 'l', 'Ɩ': 'l', 'ǀ': 'l',
}

// digitValue reads a decimal digit of any script ("٢", "৩", "๔") as its value.
// Unicode lays each script's digits out as a run of ten from zero, so the value is
// the rune's distance from the start of its run.
func digitValue(r rune) (int, bool) {
	if r < 0x80 || !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	k := 0
	for k < 40 && unicode.Is(unicode.Nd, r-rune(k+1)) {
		k++
	}
	return k % 10, true
}
