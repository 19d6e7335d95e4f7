package extract

// Skips: the matchers below walk every token, but each can only start at a few
// kinds of token (a number, a word with a given flag...). Testing every token in
// the matcher's own loop costs a mispredicted branch or two per token and pass; a
// tight loop over the cheapest necessary condition finds the next token worth the
// full test. Each skip must pass every token the matcher could act on (the
// matcher still tests it fully); the golden test guards that.

// numeric reports a number or a letters-and-digits token.
func numeric(k tokKind) bool { return k == tokNum || k == tokAlnum }

// nextAddressStart skips to a token matchAddresses can start from: a number, a
// letters-and-digits token, or a word after a place preposition.
func (s *scan) nextAddressStart(i int) int {
	for ; i < len(s.toks); i++ {
		k := s.toks[i].kind
		if numeric(k) || k == tokWord && i > 0 && s.wf[i-1]&fPrep != 0 {
			break
		}
	}
	return i
}

// nextCodeStart skips to a token matchCodes can start from: a number, a
// letters-and-digits token, or a word followed by one.
func (s *scan) nextCodeStart(i int) int {
	for ; i < len(s.toks); i++ {
		k := s.toks[i].kind
		if numeric(k) || k == tokWord && i+1 < len(s.toks) && numeric(s.toks[i+1].kind) {
			break
		}
	}
	return i
}

// nextPostcodeStart skips to a token matchPostcodes can start from: a
// letters-and-digits token, or a word followed by one.
func (s *scan) nextPostcodeStart(i int) int {
	for ; i < len(s.toks); i++ {
		k := s.toks[i].kind
		if k == tokAlnum || k == tokWord && i+1 < len(s.toks) && s.toks[i+1].kind == tokAlnum {
			break
		}
	}
	return i
}

// nextFlagOrNumeric skips to a number, a letters-and-digits token, or a token with
// any of the flags f (matchAges, matchDates with the apostrophe, buildUnits).
func (s *scan) nextFlagOrNumeric(i int, f wordFlag) int {
	for ; i < len(s.toks); i++ {
		if numeric(s.toks[i].kind) || s.wf[i]&f != 0 {
			break
		}
	}
	return i
}

// nextDateStart skips to a token matchDates can start from: a number, a
// letters-and-digits token, a word with a date flag or an apostrophe ("'98").
func (s *scan) nextDateStart(i int) int {
	for ; i < len(s.toks); i++ {
		if numeric(s.toks[i].kind) || s.wf[i]&(fMonth|fOrdinal|fNumberWord) != 0 || s.words[i] == "'" {
			break
		}
	}
	return i
}

// nextInitial skips to a one-letter word followed straight by a full stop ("K."),
// where matchInitialNames starts.
func (s *scan) nextInitial(i int) int {
	for ; i+1 < len(s.toks); i++ {
		t := &s.toks[i]
		if t.end-t.start == 1 && t.kind == tokWord && s.words[i+1] == "." {
			break
		}
	}
	return i
}
