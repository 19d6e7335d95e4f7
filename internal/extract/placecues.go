package extract

import "strings"

// Place cues: institutions and areas recognised from how notes name them rather than
// from a list. A hospital is "Holy Trinity" or "Good Shepherd" as often as "St Bride's";
// a care home is "Rowan House"; a hospital's own emergency room or ICU follows its
// name ("Pendle MICU", "Aldous Kerr ED"); a misspelt head is still a head ("Brackley
// hospiatal"); a workplace follows "works for"; an area is "the Lleyn Peninsula" or
// "the Hatherley area". Each rule needs two signals (a shape and a context) so that
// ordinary capitalised words stay quiet.

// devotionalHeads open hospital names taken from devotions: "Holy Trinity",
// "Holy Family", "Good Samaritan", "Good Shepherd".
var devotionalHeads = map[string]bool{"holy": true, "sacred": true, "good": true}

// unitAcronyms are a hospital's departments written after its name.
var unitAcronyms = map[string]bool{
	"er": true, "ew": true, "ed": true, "icu": true, "micu": true, "sicu": true, "ccu": true,
	"csru": true, "nicu": true, "picu": true, "cvicu": true, "ae": true,
}

// areaHeads close the name of an area: "the Fylde Coast", "the Lake District".
var areaHeads = map[string]bool{
	"shore": true, "coast": true, "valley": true, "dales": true, "moors": true, "highlands": true,
	"islands": true, "isles": true, "peninsula": true, "riviera": true, "hills": true, "fens": true,
	"downs": true, "borders": true, "lakes": true, "district": true, "wolds": true, "broads": true,
}

// workWords introduce an employer: "works for Unilever", "CEO of Arup".
var workWords = [][2]string{
	{"works", "for"}, {"works", "at"}, {"work", "for"}, {"worked", "for"}, {"worked", "at"},
	{"employed", "by"}, {"employed", "at"}, {"job", "at"}, {"job", "with"}, {"ceo", "of"},
	{"employee", "of"}, {"business", ""}, {"company", ""},
}

// fuzzyHospital reports a misspelt "hospital" ("hospitl", "hosiptal", "hopsital"):
// the same letters give or take two, starting "ho".
func fuzzyHospital(w string) bool {
	if w == "hospital" || w == "hospitals" || len(w) < 7 || len(w) > 10 || w[0] != 'h' || w[1] != 'o' {
		return false
	}
	return editDistanceAtMost(w, "hospital", 2)
}

// editDistanceAtMost reports whether the Levenshtein distance of a and b is at most k.
func editDistanceAtMost(a, b string, k int) bool {
	if d := len(a) - len(b); d > k || -d > k {
		return false
	}
	var rowBuf [16]int
	prev := rowBuf[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	var curBuf [16]int
	cur := curBuf[:len(b)+1]
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(prev[j-1], prev[j], cur[j-1])
			}
			cur[j] = c
			best = min(best, c)
		}
		if best > k {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(b)] <= k
}

// placeWord reports a word that can be part of an institution's or area's name: not a
// function word, not clinical shorthand, written as names are in this text.
func (s *scan) placeWord(k int) bool {
	if k < 0 || k >= len(s.toks) || s.toks[k].kind != tokWord || s.used[k] {
		return false
	}
	w := s.lo(k)
	if clinicalUnits[w] || titles[w].subject != 0 || dayNames[w] || s.wf[k]&(fMonth|fRelative|fStaff|fCue) != 0 {
		return false
	}
	switch w {
	case "the", "a", "an", "to", "from", "at", "in", "on", "by", "of", "and", "or", "with", "for", "this", "that", "his", "her", "their", "our", "my":
		return false
	}
	t := &s.toks[k]
	return t.cap && !t.upper || t.upper && s.shouting() || !t.cap && s.lowerish()
}

// towardsBefore reports a place preposition, "by" (accepted by, screened by) or a
// bracket right before token k, or before a "the" there.
func (s *scan) towardsBefore(k int) bool {
	if s.is(k-1, "the") {
		k--
	}
	return s.placePrepBefore(k) || s.is(k-1, "by") || s.is(k-1, "(") || s.is(k-1, "into")
}

// placeTriggerWords are the words a place cue starts from; they carry the word flag
// fPlaceCue, so that the scan tests one bit per token before any rule runs.
func placeTriggerWords() []string {
	var words []string
	for _, m := range []map[string]bool{devotionalHeads, homeWords, unitAcronyms, areaHeads} {
		for w := range m {
			words = append(words, w)
		}
	}
	for _, ww := range workWords {
		words = append(words, ww[0])
	}
	words = append(words, "house", "area", "st", "saint", "regional", "memorial", "campus", "rehab", "ctr")
	return words
}

// mayCue reports that token i can start a place cue: a trigger word, or one of the
// shapes the rules read without one (a misspelt "hospital", a hospital acronym, a
// capitalised word after "to" or "from").
func (s *scan) mayCue(i int) bool {
	t := &s.toks[i]
	if s.wf[i]&fPlaceCue != 0 {
		return true
	}
	n := t.end - t.start
	w := s.n.text[t.start:t.end]
	if n >= 7 && n <= 10 && (w[0] == 'h' || w[0] == 'H') && (w[1] == 'o' || w[1] == 'O') {
		return true
	}
	if t.upper && n >= 2 && n <= 5 {
		return true
	}
	return t.cap && i > 0 && (s.is(i-1, "to") || s.is(i-1, "from"))
}

func (s *scan) matchPlaceCues() {
	for i := s.nextPlaceCue(0); i < len(s.toks); i = s.nextPlaceCue(i + 1) {
		if s.used[i] || s.toks[i].kind != tokWord || !s.mayCue(i) {
			continue
		}
		w := s.lo(i)
		// The maps below hold trigger words only: without the flag, skip them.
		trig := s.wf[i]&fPlaceCue != 0
		switch {
		case trig && homeWords[w] && i >= 3 && s.is(i-1, "s") && s.is(i-2, "'") && s.gapFree(i-3, i):
			// "at moira quennell's house", "staying at Fred's flat": someone's home.
			end := i - 2
			start := end
			for k := end - 1; k >= 0 && k >= end-2 && s.toks[k+1].nl == 0 && (s.contactNameWord(k) || s.knownFirstAnyCase(k) || k == end-1 && s.knownFirstAnyCase(k-1) && s.toks[k].kind == tokWord); k-- {
				start = k
			}
			if start == end || !s.placePrepBefore(start) && !(s.is(start-1, "\"") && s.placePrepBefore(start-1)) {
				continue
			}
			s.placeCue(start, end, "private home", 1.0/25000)
		case trig && devotionalHeads[w]:
			// "Holy Trinity", "good shepherd Memorial".
			k := i + 1
			if k >= len(s.toks) || !(s.placeWord(k) || !s.toks[k].cap && s.toks[k].kind == tokWord && !s.used[k]) || !s.sameHand(i, k) || len(s.lo(k)) < 4 || s.toks[k].nl > 0 {
				continue
			}
			end := k + 1
			if end < len(s.toks) && s.toks[end].nl == 0 && (institutionHeads[s.lo(end)].kind != "" || fuzzyHospital(s.lo(end))) {
				end++
			}
			if w == "good" && s.lo(k) != "samaritan" && s.lo(k) != "shepherd" {
				continue
			}
			mixedCap := s.properCap(i) && !s.toks[i].upper
			if !(mixedCap && (end > k+1 || s.towardsBefore(i) || s.flaggedBefore(fMoved, i, 3, movedWords...))) && !(s.towardsBefore(i) || end > k+1) {
				continue
			}
			s.placeCue(i, end, "hospital", 1.0/1200)
			i = end - 1
		case w == "house" && i > 0:
			// "Rowan House", "Tregunna House NH resident": a care home or hostel.
			k := i - 1
			if !s.placeWord(k) || s.ex.lex.commonWord(s.lo(k)) || !s.sameHand(k, i) || s.toks[i].nl > 0 {
				continue
			}
			after := s.lo2(i + 1)
			if !s.towardsBefore(k) && after != "nh" && after != "snf" && after != "resident" && after != "residence" {
				continue
			}
			s.placeCue(k, i+1, "care home", 1.0/15000)
		case fuzzyHospital(w) && i > 0:
			// "BRACKLEY HOSPITL", "Penrose hosiptal".
			start := i
			for k := i - 1; k >= 0 && k >= i-3 && s.placeWord(k) && s.toks[k+1].nl == 0; k-- {
				start = k
			}
			if start < i {
				s.placeCue(start, i+1, "hospital", 1.0/1200)
			}
		case trig && unitAcronyms[w] && s.toks[i].upper && i > 0:
			// "transferred to Pendle MICU", "sent to Aldous Kerr ED", "U Bristol ED".
			start := i
			for k := i - 1; k >= 0 && k >= i-3 && s.toks[k+1].nl == 0 && s.toks[k].kind == tokWord && !s.used[k] &&
				(s.placeWord(k) || s.toks[k].upper && len(s.lo(k)) <= 4 && !clinicalUnits[s.lo(k)]); k-- {
				start = k
			}
			if start == i || !s.towardsBefore(start) && !s.flaggedBefore(fMoved, start, 2, movedWords...) {
				continue
			}
			known := false
			for k := start; k < i; k++ {
				if !s.ex.lex.commonWord(s.lo(k)) || s.ex.lex.isPlaceStart(s, k) {
					known = true
				}
			}
			if known {
				s.placeCue(start, i, "hospital", 1.0/1200)
			}
		case trig && areaHeads[w] && i >= 2:
			// "FROM THE FYLDE COAST", "on the Gower Peninsula", "the Lake District".
			start := i
			for k := i - 1; k >= 0 && k >= i-2 && s.placeWord(k) && s.sameHand(k, i); k-- {
				start = k
			}
			if start == i || !s.is(start-1, "the") || !(s.toks[i].cap || s.lowerish()) {
				continue
			}
			if !s.placePrepBefore(start-1) && !s.is(start-2, "on") {
				continue
			}
			s.placeCue(start, i+1, "area", 1.0/200)
		case w == "area" && i >= 2:
			// "in Hatherley area", "the Longbridge area".
			k := i - 1
			if !s.placeWord(k) || s.ex.lex.commonWord(s.lo(k)) || !s.properCap(k) {
				continue
			}
			j := k
			if s.is(j-1, "the") {
				j--
			}
			if !s.placePrepBefore(j) {
				continue
			}
			s.placeCue(k, k+1, "area", 1.0/2000)
		case (w == "st" || w == "saint") && s.toks[i].cap && s.is(i-1, "by"):
			// "accepted by St. Cuthbert", "screened by St Luke's".
			k := i + 1
			if s.is(k, ".") && s.toks[k].gap == 0 {
				k++
			}
			if !s.placeWord(k) || !s.toks[k].cap {
				continue
			}
			end := k + 1
			if s.is(end, "'") && s.is(end+1, "s") {
				end += 2
			}
			s.placeCue(i, end, "hospital", 1.0/1200)
		case (w == "regional" || w == "memorial" || w == "campus" || w == "rehab") && i > 0:
			// "TAKEN TO ASHBURY REGIONAL", "bed on tregarne campus": one name word
			// before a weak head, right after a place preposition.
			k := i - 1
			if !s.placeWord(k) || !s.sameHand(k, i) && s.toks[i].cap {
				continue
			}
			if !(s.towardsBefore(k) || s.is(k-1, "on") || s.flaggedBefore(fMoved, k, 3, movedWords...)) {
				continue
			}
			if s.ex.lex.commonWord(s.lo(k)) && !s.ex.lex.isPlaceStart(s, k) && !(s.toks[k].upper && s.shouting() || s.properCap(k)) {
				continue
			}
			if !s.toks[k].cap && (vowels(s.lo(k)) < 2 || len(s.lo(k)) < 5) {
				// Lower-case shorthand: "inpt rehab", "acute rehab".
				continue
			}
			s.placeCue(k, i+1, "hospital", 1.0/1200)
		case w == "ctr" && (s.is(i-1, "med") || s.is(i-1, "medical")) && i >= 2:
			// "Upper Valley Med Ctr".
			start := i - 1
			for k := i - 2; k >= 0 && k >= i-4 && s.placeWord(k) && s.toks[k].cap; k-- {
				start = k
			}
			if start < i-1 {
				s.placeCue(start, i+1, "hospital", 1.0/1200)
			}
		case s.toks[i].upper && len(w) >= 2 && len(w) <= 5 && (w[len(w)-1] == 'h' || strings.HasSuffix(w, "mc")) && vowels(w) <= 1 &&
			!s.ex.lex.commonWord(w) && !clinicalUnits[w] && s.tokenEnds(i) &&
			(s.phraseCloses(i+1) || unitAcronyms[s.lo2(i+1)]) &&
			(s.placePrepBefore(i) || s.is(i-1, "the") && s.placePrepBefore(i-1) || s.is(i-1, "leave") || s.is(i-1, "left") || unitAcronyms[s.lo2(i+1)]):
			// A hospital acronym: "FROM THE UVMC", "LEAVE NGH", "NGH ED".
			s.placeCue(i, i+1, "hospital", 1.0/1200)
		case s.properCap(i) && !s.toks[i].upper && (s.is(i-1, "to") && s.flaggedBefore(fMoved, i-1, 2, movedWords...) || s.is(i-1, "from") && s.flag(i-2)&fStaff != 0):
			// "Wants to go to Ashbury", "Surgeon from Ashbury": an unknown capitalised
			// word where someone goes or comes from.
			if _, first := s.ex.lex.firstNames[w]; first || s.ex.lex.commonWord(w) || len(w) < 4 || s.wf[i]&fTermStart != 0 || medicalWord(w) || drugLike(w) {
				continue
			}
			s.placeCue(i, i+1, "named place", 1.0/20000)
		default:
			if trig {
				// Only trigger words can open an employer phrase (see workWords).
				s.matchWorkplace(i)
			}
		}
	}
	s.matchCoordinatedInstitutions()
}

// homeWords name a person's home after a possessive.
var homeWords = map[string]bool{"house": true, "home": true, "flat": true, "place": true, "farm": true, "bungalow": true, "cottage": true}

// matchCoordinatedInstitutions extends an institution over "and X" where X is written
// as a name is: "screened by Ashbury Rehab and PENHALIGON".
func (s *scan) matchCoordinatedInstitutions() {
	n := len(s.out)
	for d := 0; d < n; d++ {
		if s.out[d].Kind != KindInstitution {
			continue
		}
		end := s.tokenAfterOrig(s.out[d].End)
		if end < 0 || end+1 >= len(s.toks) || !(s.is(end, "and") || s.is(end, "or")) {
			continue
		}
		k := end + 1
		if !s.placeWord(k) || !s.toks[k].cap || s.ex.lex.commonWord(s.lo(k)) || len(s.lo(k)) < 4 || !s.phraseCloses(k+1) {
			continue
		}
		s.placeCue(k, k+1, s.out[d].Generalisations[0], s.out[d].Frequency)
	}
}

// matchWorkplace reads an employer's name after "works for", "CEO of", "business":
// up to three words written as names are, or an acronym.
func (s *scan) matchWorkplace(i int) {
	w := s.lo(i)
	for _, ww := range workWords {
		if ww[0] != w {
			continue
		}
		k := i + 1
		if ww[1] != "" {
			if !s.is(k, ww[1]) {
				continue
			}
			k++
		}
		end := k
		for end < len(s.toks) && end < k+3 && s.toks[end].nl == 0 && s.placeWord(end) && s.wf[end]&fTermStart == 0 {
			t := &s.toks[end]
			if !(t.cap || !s.ex.lex.commonWord(s.lo(end)) || end > k) {
				break
			}
			end++
		}
		if end == k {
			return
		}
		// An employer's name is no ordinary word alone ("works for himself", "business
		// trip"): at least one word must be capitalised in mixed case, an acronym, or
		// unknown to the dictionary.
		named := false
		for x := k; x < end; x++ {
			t := &s.toks[x]
			if t.cap && (!s.shouting() || !s.ex.lex.commonWord(s.lo(x))) || !s.ex.lex.commonWord(s.lo(x)) && len(s.lo(x)) >= 3 {
				named = true
			}
		}
		if ww[1] == "" && !s.toks[k].cap {
			named = false
		}
		if named {
			s.placeCue(k, end, "workplace", 1.0/5000)
		}
		return
	}
}

// placeCue records an institution found from its cues and claims its tokens.
func (s *scan) placeCue(i, j int, kind string, freq float64) {
	if i >= j || s.anyUsed(i, j) {
		return
	}
	// A town inside the name ("Bramley" in "Bramley Hospiatal") is part of it.
	os, oe := s.n.span(int(s.toks[i].start), int(s.toks[j-1].end))
	out := s.out[:0]
	for _, d := range s.out {
		if d.Kind == KindPlace && d.Start >= os && d.End <= oe && (d.Start > os || d.End < oe) {
			continue
		}
		out = append(out, d)
	}
	s.out = out
	if s.anyOverlapOut(i, j) {
		return
	}
	s.addInst(i, j, kind, freq, strings.ToLower(s.n.text[s.toks[i].start:s.toks[j-1].end]))
	s.claim(i, j)
}
