package extract

// Names known by their neighbours rather than by a title.
//
// Pairs: a first name followed by a word that only the surname list knows ("patty
// ainsworth", "martin lowther", "Gus Pengelly") is a person however the note is written
// and whatever surrounds it. The surname must be no word of the language, of
// medicine or of a drug, so that "will review" or "mark lasix" stay what they are;
// the first name may be a word ("patty", "martin") because the surname vouches for it.
//
// Contacts: the words written before a phone number and its label ("Gwen Tregunna
// cell# 0770...") are the name of the person the number reaches.

// surnameOnly reports a word the surname list has and neither the first-name list nor
// the dictionary does.
func (s *scan) surnameOnly(k int) bool {
	if k < 0 || k >= len(s.toks) || s.toks[k].kind != tokWord || s.used[k] || !s.ex.lex.nameBits.has(s.toks[k].key) {
		return false
	}
	w := s.lo(k)
	if len(w) < 4 || s.wf[k]&(fTermStart|fTitle|fRelative|fStaff|fCue|fInstitution|fMonth) != 0 {
		return false
	}
	lex := s.ex.lex
	if !lex.surnameSet.has(w) {
		return false
	}
	if _, first := lex.firstNames[w]; first {
		return false
	}
	// A drug's ending ("-ide", "-one") says little of a surname many people have
	// ("McBride", "Malone"): only a rare one is suspected of being a drug.
	drug := drugLike(w) && !lex.commonSurnames.has(w)
	return !lex.commonWord(w) && !clinicalNames[w] && !clinicalUnits[w] && !medicalWord(w) && !drug && !credentials[w]
}

// commonSurname is the share of people above which a surname is too common to be a
// drug name in disguise (about 1 in 20,000: McBride, Malone, Durham).
const commonSurname = 5e-5

// pairFirst reports a word that can open a two-word name: a listed first name (a
// word or not), or, written with a capital in mixed-case text, any listed name.
func (s *scan) pairFirst(k int) bool {
	if k < 0 || k >= len(s.toks) || s.toks[k].kind != tokWord || s.used[k] || !s.ex.lex.nameBits.has(s.toks[k].key) {
		return false
	}
	w := s.lo(k)
	if len(w) < 3 || clinicalNames[w] || cueWords[w] != 0 || s.wf[k]&(fTermStart|fTitle|fRelative|fStaff|fMonth|fInstitution) != 0 || credentials[w] {
		return false
	}
	lex := s.ex.lex
	if _, ok := lex.firstNames[w]; ok {
		// In a note in capitals a first name that is also a word ("WILL AUG") says
		// nothing; in lower case the surname after it vouches for it.
		// In mixed-case writing a lower-case word ("knowledge") is that word.
		return !(lex.commonWord(w) && (s.toks[k].upper || !s.toks[k].cap && !s.lowerish() && !s.noCapitals()))
	}
	return s.properCap(k) && !s.toks[k].upper && s.surnameOnly(k)
}

// sameHand reports that tokens a and b are written alike: both capitalised, both in
// capitals, or both in lower case. "Patty Ainsworth" and "patty ainsworth" are names;
// "patty Ainsworth" is more likely two things.
func (s *scan) sameHand(a, b int) bool {
	ta, tb := &s.toks[a], &s.toks[b]
	return ta.upper == tb.upper && ta.cap == tb.cap
}

// matchNamePairs finds "first surname" pairs (see the file comment), with a middle
// name or initial between them ("moira jean tregunna" is found from its context;
// "karen ann ainsworth" here only when the last word is a listed surname).
func (s *scan) matchNamePairs() {
	for i := 0; i+1 < len(s.toks); i++ {
		j := i + 1
		// The first word must be a listed first name (its word flag) or capitalised
		// without shouting (pairFirst accepts nothing else), and the second a
		// possible name (one bit test) before any map is asked.
		if s.wf[i]&fFirstName == 0 && !(s.toks[i].cap && !s.toks[i].upper) {
			continue
		}
		if s.toks[i].kind != tokWord || s.toks[j].kind != tokWord || s.toks[j].nl > 0 || s.toks[j].gap == 0 ||
			!s.ex.lex.nameBits.has(s.toks[j].key) || !s.pairFirst(i) {
			continue
		}
		// One middle name: "Karen Ann Ainsworth".
		if !s.surnameOnly(j) && j+1 < len(s.toks) && s.toks[j+1].nl == 0 && s.toks[j+1].gap > 0 {
			if _, mid := s.ex.lex.firstNames[s.lo(j)]; mid && s.sameHand(i, j) && !s.used[j] {
				j++
			}
		}
		// Two first names and a word no list has: "moira jean tregunna".
		unlisted := j == i+2 && s.toks[j].kind == tokWord && !s.used[j] && s.sameHand(i, j) && len(s.lo(j)) >= 5 && vowels(s.lo(j)) >= 2 &&
			!s.ex.lex.isName(s.lo(j)) && s.looseNameWord(j)
		if !s.surnameOnly(j) && !unlisted || !s.sameHand(i, j) || s.toks[i].upper && !s.shouting() {
			continue
		}
		if s.placeSpan(i) > 1 || s.eponymAt(j+1) || s.eponymAt(j+2) || medicalWord(s.lo2(j+1)) || orgWords[s.lo2(j+1)] || serviceAfter[s.lo2(j+1)] {
			continue
		}
		subj := s.nameSubject(i, SubjectUnknown)
		if subj == SubjectUnknown {
			subj = s.subjectAt(i)
		}
		s.addName(i, j+1, subj, 0.7)
		i = j
	}
}

// phoneLabels are the words between a contact's name and number: "Gwen Tregunna
// cell# 0770...", "Ann Marsh (home) 0161...".
var phoneLabels = map[string]bool{
	"cell": true, "cel": true, "home": true, "tel": true, "phone": true, "ph": true, "mobile": true,
	"mob": true, "work": true, "no": true, "number": true, "#": true, ":": true, "-": true, "=": true,
	"(": true, ")": true, ".": true, ",": true, "on": true, "at": true, "c": true, "h": true, "w": true,
}

// matchContactNames finds the name written before a phone number in a contact list,
// which needs no title or list: the number says a person is being named.
func (s *scan) matchContactNames() {
	n := len(s.out)
	for d := 0; d < n; d++ {
		if s.out[d].Kind != KindPhone || s.out[d].Subject == SubjectPublicFigure {
			continue
		}
		k := s.tokenAfterOrig(s.out[d].Start)
		if k <= 0 {
			continue
		}
		labels := 0
		j := k - 1
		for j >= 0 && labels < 4 && phoneLabels[s.lo(j)] && s.toks[j+1].nl == 0 {
			j--
			labels++
		}
		if labels == 0 || j < 0 || s.toks[j+1].nl > 0 {
			// A bare number after a word is often a measurement or a count.
			continue
		}
		end := j + 1
		start := end
		for x := j; x >= 0 && x > j-3 && s.toks[x+1].nl == 0 && s.contactNameWord(x); x-- {
			start = x
		}
		if start == end {
			continue
		}
		if end-start == 1 && !s.ex.lex.isName(s.lo(start)) {
			continue
		}
		subj := s.nameSubject(start, SubjectUnknown)
		if subj == SubjectUnknown {
			subj = SubjectRelative
		}
		s.addName(start, end, subj, 0.7)
	}
}

// contactNameWord reports a word that can be part of a contact's name: written as a
// name is in this text and no word of the language, medicine or the note's own
// vocabulary.
func (s *scan) contactNameWord(k int) bool {
	if k < 0 || s.toks[k].kind != tokWord || s.used[k] || len(s.lo(k)) < 2 {
		return false
	}
	w := s.lo(k)
	if s.wf[k]&(fTermStart|fTitle|fRelative|fStaff|fCue|fMonth|fInstitution) != 0 || clinicalNames[w] || clinicalUnits[w] || phoneLabels[w] || medicalWord(w) {
		return false
	}
	if s.ex.lex.isName(w) && !s.ex.lex.commonWord(w) {
		return true
	}
	t := &s.toks[k]
	return !s.ex.lex.commonWord(w) && len(w) >= 3 && (t.cap && !t.upper || t.upper && s.shouting())
}

// placeSpan returns the number of tokens of the longest gazetteer place starting at
// token k (0 when none): "Santa Rosa" is a place, though "Mary" alone is a town too.
// (lexicon.isPlaceStart asks the yes-or-no question on the hot path and stops at the
// first place; measured, folding the two into one walk cost about 2% of the
// extractor's time.)
func (s *scan) placeSpan(k int) int {
	h := uint64(fnvOffset)
	best := 0
	for n := 1; n <= 3 && k+n <= len(s.toks); n++ {
		h = ngramAdd(h, s.toks[k+n-1].key)
		g, ok := s.ex.lex.ngrams.get(h)
		if !ok {
			break
		}
		for k := range g.es {
			if g.es[k].kind == KindPlace {
				best = n
			}
		}
	}
	return best
}

// noCapitals reports a text written without a single capital letter, where case
// says nothing about names however short the text is.
func (s *scan) noCapitals() bool { return s.anyCaps == 0 }
