package extract

// Skips: the matchers below walk every token, but each can only start at a few
// kinds of token (a number, a word with a given flag...). Testing every token in
// the matcher's own loop costs a mispredicted branch or two per token and pass; a
// tight loop over the cheapest necessary condition finds the next token worth the
// full test. Each skip must pass every token the matcher could act on (the
// matcher still tests it fully); the golden test guards that.

// A token's shape byte: its kind in the low two bits, then these traits.
const (
	shapeKind  = 3
	shapeCap   = 4  // token.cap
	shapeUpper = 8  // token.upper
	shapeLong  = 16 // seven bytes or more
)

// numeric reports a number or a letters-and-digits token.
func numeric(k tokKind) bool { return k == tokNum || k == tokAlnum }

// nextAddressStart skips to a token matchAddresses can start from: a number, a
// letters-and-digits token, or a word after a place preposition.
func (s *scan) nextAddressStart(i int) int {
	// The first number from numCands, and the first word after a preposition from
	// the flags: whichever comes first.
	num := len(s.toks)
	c := s.numCands()
	k := s.candFrom(c, i)
	for ; k < len(c); k++ {
		if j := int(c[k]); numeric(s.toks[j].kind) {
			num = j
			break
		}
	}
	for p := max(i-1, 0); p+1 < num; p++ {
		if s.wf[p]&fPrep != 0 && p+1 >= i && s.shape[p+1]&shapeKind == uint8(tokWord) {
			return p + 1
		}
	}
	return num
}

// nextCodeStart skips to a token matchCodes can start from: a number, a
// letters-and-digits token, or a word followed by one.
func (s *scan) nextCodeStart(i int) int {
	return s.nextBefore(i, false)
}

// nextPostcodeStart skips to a token matchPostcodes can start from: a
// letters-and-digits token, or a word followed by one.
func (s *scan) nextPostcodeStart(i int) int {
	return s.nextBefore(i, true)
}

// nextBefore returns the first token from i on that is a number or a
// letters-and-digits token (only the latter with alnumOnly), or a word right
// before one. The first such token j from i comes from numCands; the only word
// before it that can qualify is j-1.
func (s *scan) nextBefore(i int, alnumOnly bool) int {
	c := s.numCands()
	k := s.candFrom(c, i)
	for ; k < len(c); k++ {
		j := int(c[k])
		if kind := s.toks[j].kind; kind == tokAlnum || !alnumOnly && kind == tokNum {
			if j-1 >= i && s.toks[j-1].kind == tokWord {
				return j - 1
			}
			if !alnumOnly && j-2 >= i && s.toks[j-2].kind == tokWord && s.words[j-1] == "-" {
				// A trust's code hyphenated to its number ("RXX-123-4567").
				return j - 2
			}
			return j
		}
	}
	return len(s.toks)
}

// candFlags are the flags of the number-ish tokens listed by numCands.
const candFlags = fDecade | fNumberWord | fAgeTrigger | fMonth | fOrdinal

// numCands lists the tokens that are numbers, letters and digits, apostrophes, or
// carry one of candFlags: every token matchAges, matchDates and buildUnits can
// start from (and the numbers matchCodes, matchPostcodes and matchAddresses look
// for). reset makes the list in its token loop, so the passes visit a handful of
// tokens each instead of all of them.
func (s *scan) numCands() []int32 {
	return s.cands
}

// candFrom returns the index in c (numCands) of the first token from i on. The
// passes ask with rising i, so it walks on from where the last answer was, and
// starts over when a new pass asks from further back.
func (s *scan) candFrom(c []int32, i int) int {
	k := s.candCur
	if k > len(c) || k > 0 && int(c[k-1]) >= i {
		k = 0
	}
	for k < len(c) && int(c[k]) < i {
		k++
	}
	s.candCur = k
	return k
}

// nextNumeric returns the first token from i on that is a number, a
// letters-and-digits token, carries any of the flags f (a subset of candFlags) or,
// with apostrophe, is an apostrophe; len(s.toks) when none is.
func (s *scan) nextNumeric(i int, f wordFlag, apostrophe bool) int {
	c := s.numCands()
	k := s.candFrom(c, i)
	for ; k < len(c); k++ {
		j := int(c[k])
		if numeric(s.toks[j].kind) || s.wf[j]&f != 0 || apostrophe && s.words[j] == "'" {
			return j
		}
	}
	return len(s.toks)
}

// nextFlagOrNumeric skips to a number, a letters-and-digits token, or a token with
// any of the flags f (matchAges, buildUnits).
func (s *scan) nextFlagOrNumeric(i int, f wordFlag) int {
	if f&^candFlags != 0 {
		// A flag the list was not made for: walk the tokens instead.
		for ; i < len(s.toks); i++ {
			if numeric(s.toks[i].kind) || s.wf[i]&f != 0 {
				break
			}
		}
		return i
	}
	return s.nextNumeric(i, f, false)
}

// nextDateStart skips to a token matchDates can start from: a number, a
// letters-and-digits token, a word with a date flag or an apostrophe ("'98").
func (s *scan) nextDateStart(i int) int {
	return s.nextNumeric(i, fMonth|fOrdinal|fNumberWord, true)
}

// nextInitial skips to a one-letter word followed straight by a full stop ("K."),
// where matchInitialNames starts.
func (s *scan) nextInitial(i int) int {
	// Only the words are read (a one-byte token has a one-byte lower-case form);
	// the matcher tests the token itself.
	words := s.words
	for ; i+1 < len(words); i++ {
		if len(words[i]) == 1 && words[i+1] == "." {
			break
		}
	}
	return i
}

// nextActing skips to a token one or two before a word with fActVerb, where
// matchActingNames starts: with v the first such word after i, no token before
// v-2 can have one within two places.
func (s *scan) nextActing(i int) int {
	v := s.nextFlag(i+1, fActVerb)
	if v >= len(s.toks) {
		return len(s.toks)
	}
	return max(i, v-2)
}

// nextPlaceCue skips to a word mayCue can accept: a trigger word, a word of seven
// to ten letters (a misspelt "hospital"), or a capitalised one or one in capitals
// (acronyms, names after "to"/"from"). Lower-case short words, most of a text, are
// passed over.
func (s *scan) nextPlaceCue(i int) int {
	shape, wf := s.shape, s.wf[:len(s.shape)]
	for ; i < len(shape); i++ {
		if sh := shape[i]; sh&shapeKind == uint8(tokWord) && (sh&(shapeCap|shapeUpper|shapeLong) != 0 || wf[i]&fPlaceCue != 0) {
			break
		}
	}
	return i
}

// nextUnitName skips to a token matchUnitNames reads past its first tests: a word
// or letters-and-digits token after a preposition, staff, moving or talking word
// or a colon (capitalised, or after a preposition), or a capitalised "St"/"Saint".
func (s *scan) nextUnitName(i int) int {
	shape, wf := s.shape, s.wf[:len(s.shape)]
	for ; i < len(shape); i++ {
		sh := shape[i]
		if k := tokKind(sh & shapeKind); k != tokWord && k != tokAlnum {
			continue
		}
		prev := wf[i-1]
		if sh&shapeCap == 0 && prev&fPrep == 0 {
			continue
		}
		if prev&(fPrep|fStaff|fMoved|fTalk) != 0 || s.words[i-1] == ":" || sh&shapeCap != 0 && (s.words[i] == "st" || s.words[i] == "saint") {
			break
		}
	}
	return i
}
