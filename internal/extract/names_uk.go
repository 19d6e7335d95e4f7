package extract

import "strings"

// Patient names as UK clinicians write them on a forum, in handovers and in
// letters, where no title or name list vouches for them but the writing does:
//
//   - a name followed by an age and sex: "Tegan (15, BMI 15.1)", "Ceridwen
//     Hughes 77F", "Wilfred, 97, ex-miner", and initials the same way: "GH 71M",
//     "R.J. 52F", "3. TP, 33, Tenby";
//   - a name right after a patient word or a name label: "pt gwilym pryce",
//     "Patient (Eilidh)", "pt name: pritchard", "he's called Hamish";
//   - a surname in capitals, a comma and a forename: "HOPKINS, Gwyneth - 81F",
//     "O'DONNELL, Siobhan / DOB";
//   - a letter's subject line and greeting: "Re: Huw Pryce, 88", "Dear Rhiannon,";
//   - a first name after a word for a child or a regular: "wee Fraser", "little
//     Nia", "big Darren", "baby girl McCann";
//   - a nickname in quotes between a first name and a surname: "Gareth 'the
//     Post' Jenkins";
//   - a name written with digits or symbols for letters: "j0hn", "Hugh3s"
//     (spelled-out names, "n i a m h", are joined by the normaliser).
//
// Who the name belongs to is nameSubject's and subjectAt's business.

// matchWrittenNames runs the rules above.
func (s *scan) matchWrittenNames() {
	s.nextNum = 0
	for i := 0; i < len(s.toks); i++ {
		if s.used[i] {
			continue
		}
		t := &s.toks[i]
		switch t.kind {
		case tokWord:
			// Every rule needs a capital, a cue word or a first name: most words
			// are passed over on their flags.
			if !t.cap && s.wf[i]&(fNameCue|fCue|fFirstName) == 0 {
				continue
			}
			if end := s.writtenNameAt(i); end > i {
				i = end - 1
			}
		case tokAlnum:
			if end := s.leetNameAt(i); end > i {
				i = end - 1
			}
		}
	}
}

// writtenNameAt tries the rules that start at word token i.
func (s *scan) writtenNameAt(i int) int {
	w := s.lo(i)
	if s.wf[i]&fNameCue != 0 {
		if end := s.afterCueName(i); end > i {
			return end
		}
	}
	if s.wf[i]&fCue != 0 && (w == "he" || w == "she" || w == "shes" || w == "hes") {
		// "He's Hamish, farms up the glen", "she's morwenna, 84".
		k := i + 1
		if s.is(k, "'") && s.is(k+1, "s") {
			k += 2
		} else if w != "shes" && w != "hes" {
			return i
		}
		if s.is(k, "called") {
			k++
		}
		if s.knownFirstAnyCase(k) && !s.ex.lex.commonWord(s.lo(k)) && s.nameCloses(k+1) && !s.anyUsed(k, k+1) {
			s.addName(k, k+1, s.nameSubject(k, SubjectPatient), 0.75)
			return k + 1
		}
		return i
	}
	t := &s.toks[i]
	// SURNAME, Forename.
	if (t.upper || s.is(i+1, "'") || t.cap && t.end-t.start > 3) && (s.is(i+1, ",") || s.is(i+3, ",")) {
		if end := s.surnameCommaForename(i); end > i {
			return end
		}
	}
	age := s.ageAhead(i)
	// Initials and an age: "GH 71M", "R.J. 52F".
	if age && t.cap && t.end-t.start <= 5 {
		if end := s.initialsWithAge(i); end > i {
			return end
		}
	}
	// A name and an age ("Tegan (15, BMI 15.1)", "Alwyn Roberts, 62,"), or a
	// nickname in quotes after a first name.
	nick := s.wf[i]&fFirstName != 0 && (s.is(i+1, "'") || s.is(i+1, "\""))
	if !age && !nick || !t.cap && s.wf[i]&fFirstName == 0 || !s.clauseStartAt(i) && !s.knownFirstAnyCase(i) {
		return i
	}
	end := s.writtenNameRun(i, false)
	if end == i {
		return i
	}
	if _, ok := s.ageMarkerAt(end); !ok {
		// A nickname: "Gareth 'the Post' Jenkins".
		if e := s.nicknameAt(i, end); e > end {
			s.addName(i, e, s.nameSubject(i, SubjectPatient), 0.75)
			return e
		}
		return i
	}
	if end == i+1 && !s.knownFirstAnyCase(i) && !s.ex.lex.isName(w) {
		// One word no name list has ("Multip, 38,") is jargon as often as a name.
		return i
	}
	s.addName(i, end, s.nameSubject(i, SubjectPatient), 0.8)
	return end
}

// ageAhead reports a number within the next six tokens after i, where an age
// marker (see ageMarkerAt) can stand: a cheap test before the name rules that
// need one.
func (s *scan) ageAhead(i int) bool {
	// s.nextNum walks the number candidates forward as i rises.
	c := s.cands
	for s.nextNum < len(c) && int(c[s.nextNum]) <= i {
		s.nextNum++
	}
	for k := s.nextNum; k < len(c) && int(c[k]) <= i+6; k++ {
		if numeric(s.toks[c[k]].kind) {
			return true
		}
	}
	return false
}

// patientWords introduce a patient by name.
var patientWords = map[string]bool{"pt": true, "patient": true, "pt's": true, "pts": true}

// childWords introduce a child or a regular by first name ("wee Fraser").
var childWords = map[string]bool{"wee": true, "little": true, "lil": true, "big": true, "baby": true, "young": true, "auld": true}

// afterCueName reads a name after a cue word at token i: a patient word ("pt
// gwilym pryce", "my patient Iestyn", "Patient (Eilidh)"), a name label ("name:
// pritchard", "first name gwenllian"), "called", "Re:", "Dear", or a child word.
func (s *scan) afterCueName(i int) int {
	w := s.lo(i)
	k := i + 1
	switch w {
	case "re":
		if !s.is(k, ":") || !s.clauseStartAt(i) {
			return i
		}
		k++
		if titles[s.lo2(k)].subject != 0 {
			return i // titled names are matchNames'
		}
	case "dear":
		if !s.toks[i].cap {
			return i
		}
	case "called":
		// "he's called Hamish", "she is called Morwenna": a person named, not a
		// phone call nor a thing named so.
		person := func(j int) bool {
			w := s.lo2(j)
			return w == "he" || w == "she" || patientWords[w] || s.wf[max(j, 0)]&fRelative != 0 && j >= 0
		}
		if !(s.is(i-1, "s") && s.is(i-2, "'") && person(i-3) || (s.is(i-1, "is") || s.is(i-1, "was")) && person(i-2)) || !s.listedNameAt(k) && !s.knownFirstAnyCase(k) {
			return i
		}
	case "name":
		if s.is(i-1, "my") || s.is(i-1, "his") && !s.is(i-2, "'") || s.is(i-1, "the") && !s.is(i-2, "pt") && !s.is(i-2, "patient") {
			// "my name", "the name of the drug".
			return i
		}
		if s.is(k, "is") {
			k++
		}
	}
	if childWords[w] {
		// "baby girl McCann", "baby boy Jones".
		if w == "baby" && (s.is(k, "girl") || s.is(k, "boy")) {
			k++
			if end := s.writtenNameRun(k, true); end > k {
				s.addName(i, end, SubjectPatient, 0.75)
				return end
			}
			return i
		}
		if k >= len(s.toks) || s.toks[k].gap == 0 || s.toks[k].nl > 0 {
			return i
		}
		listedFirst := s.knownFirstAnyCase(k) && !s.ex.lex.commonWord(s.lo(k))
		if !listedFirst && !(s.listedNameAt(k) && s.properCap(k)) && !(s.knownFirstAnyCase(k) && s.properCap(k)) {
			return i
		}
		s.addName(k, k+1, s.nameSubject(k, SubjectPatient), 0.75)
		return k + 1
	}
	labelled := false
	for k < len(s.toks) && (s.lo(k) == ":" || s.lo(k) == "(" || s.lo(k) == "is" || s.lo(k) == "initials") && s.toks[k].nl == 0 && k < i+4 {
		// "pt is" says less than "pt:", "Patient (" or "pt initials".
		labelled = labelled || s.lo(k) != "is"
		k++
	}
	if k >= len(s.toks) || s.toks[k].nl > 0 && w != "name" && w != "re" {
		return i
	}
	// Initials: "a pt of ours (GH)", "pt initials R.McD".
	if e, ok := s.initialsAt(k); ok && labelled && (s.nameCloses(e) || s.is(e, ")")) {
		s.addName(k, e, SubjectPatient, 0.7)
		return e
	}
	if w == "name" || w == "re" {
		// "name: pritchard, g", "Re: HOPKINS, Gwyneth".
		if e := s.surnameCommaForename(k); e > k {
			return e
		}
		if e := s.surnameCommaForenameLoose(k); e > k {
			return e
		}
	}
	loose := w == "name" || w == "re" || w == "called" || patientWords[w] && labelled
	if patientWords[w] && !labelled {
		// "pt gwilym pryce", but not "pt cont", "pt given", "pt OOB": straight
		// after a patient word only a listed name, written as names are here,
		// that is no word of the notes.
		if !s.listedNameAt(k) || !(s.knownFirstAnyCase(k) || s.listedNameAt(k+1) || s.nameCloses(k+1)) {
			return i
		}
	}
	end := s.writtenNameRun(k, loose)
	if end == k {
		return i
	}
	if w == "dear" && !s.is(end, ",") {
		return i
	}
	if w == "re" && !s.nameCloses(end) && !s.is(end, "dob") && !s.is(end, "nhs") && !s.is(end, "chi") {
		return i
	}
	if patientWords[w] && end == k+1 && !s.knownFirstAnyCase(k) && !s.ex.lex.isName(s.lo(k)) && !s.properCap(k) {
		return i
	}
	s.addName(k, end, s.nameSubject(k, SubjectPatient), 0.75)
	return end
}

// writtenNameWord reports a word that can be part of a name here: a listed first
// name or surname that is no ordinary word (or is one written with its capital),
// or an unlisted capitalised word that is no word of the language, of medicine
// or of a place. With loose (after a name label or a patient word) any listed
// name and any unlisted word that is no ordinary word will do, in any case.
func (s *scan) writtenNameWord(k int, loose bool) bool {
	if k < 0 || k >= len(s.toks) || s.toks[k].kind != tokWord || s.used[k] {
		return false
	}
	w := s.lo(k)
	if len(w) < 2 || s.wf[k]&(fTitle|fMonth|fTermStart|fCue|fInstitution|fRelative|fStaff) != 0 || clinicalNames[w] || notNameAfterTitle[w] ||
		credentials[w] || dayNames[w] || streetWords[w] || clinicalUnits[w] {
		return false
	}
	t := &s.toks[k]
	if t.upper && !s.shouting() && !loose {
		return false // an acronym
	}
	lex := s.ex.lex
	common := lex.commonWord(w)
	if _, first := lex.firstNames[w]; first || lex.isName(w) {
		return !common || s.properCap(k) && !t.upper
	}
	if common || medicalWord(w) || drugLike(w) && !loose || len(w) < 3 {
		return false
	}
	if !loose && (!s.properCap(k) || t.upper || lex.isPlaceStart(s, k)) {
		return false
	}
	return true
}

// writtenNameRun reads up to three name words from k (see writtenNameWord),
// with hyphens and apostrophes inside ("Mari-Lou", "O'Donnell") and particles
// between ("Iolo ap Dafydd"), and returns the token after them.
func (s *scan) writtenNameRun(k int, loose bool) int {
	end := k
	words := 0
	for words < 3 && end < len(s.toks) {
		if words > 0 && (s.toks[end].nl > 0 || s.toks[end].gap == 0) {
			break
		}
		// Prefixes glued by an apostrophe: "o'donnell", "O'DONNELL", "d'cruz".
		e := end
		if (s.lo(e) == "o" || s.lo(e) == "d") && s.is(e+1, "'") && s.toks[e+1].gap == 0 && e+2 < len(s.toks) && s.toks[e+2].gap == 0 && s.toks[e+2].kind == tokWord {
			e += 2
		}
		surname := words > 0 && loose && s.listedFirstBefore(end) && s.capitalSurnameAt(e)
		if !surname && !s.writtenNameWord(e, loose || e > end) {
			// A particle between names: "ap", "ab", "o", "mac", "van", "de".
			if words > 0 && end+1 < len(s.toks) && nameParticles[s.lo(end)] && s.writtenNameWord(end+1, true) && s.toks[end+1].nl == 0 {
				end++
				continue
			}
			break
		}
		end = e + 1
		words++
		for end+1 < len(s.toks) && s.toks[end].gap == 0 && (s.lo(end) == "-" || s.lo(end) == "'") && s.toks[end+1].gap == 0 && s.toks[end+1].kind == tokWord && !s.used[end+1] {
			end += 2
		}
	}
	if words == 0 {
		return k
	}
	return end
}

// listedFirstBefore reports a listed first name just before token k ("Gordon" in
// "Re: Gordon Smart").
func (s *scan) listedFirstBefore(k int) bool {
	if k < 1 {
		return false
	}
	_, first := s.ex.lex.firstNames[s.lo(k-1)]
	return first
}

// capitalSurnameAt reports a word written with a capital that can be a surname after
// a first name, though it is also an ordinary word ("Smart", "Ribbons", "Baker").
func (s *scan) capitalSurnameAt(k int) bool {
	if k >= len(s.toks) || s.toks[k].kind != tokWord || s.used[k] || !s.properCap(k) || s.toks[k].upper || s.toks[k].nl > 0 {
		return false
	}
	w := s.lo(k)
	return len(w) >= 3 && s.wf[k]&(fTitle|fMonth|fCue|fInstitution|fRelative|fStaff) == 0 && !clinicalNames[w] && !notNameAfterTitle[w] &&
		!credentials[w] && !dayNames[w] && !streetWords[w] && !clinicalUnits[w] && !medicalWord(w) && !s.ex.lex.isPlaceStart(s, k)
}

// nameParticles join the parts of a name: "Iolo ap Dafydd", "Sean Ó Néill".
var nameParticles = map[string]bool{"ap": true, "ab": true, "o": true, "ó": true, "mac": true, "van": true, "de": true, "da": true, "ni": true, "nic": true, "ua": true}

// ageMarkerAt reports an age (and perhaps a sex) written right after a
// name at token k: "(15", "(3y", ", 97,", " 71M", "- 81F", ", 4yo". It returns
// the token after the marker.
func (s *scan) ageMarkerAt(k int) (int, bool) {
	if k >= len(s.toks) || s.toks[k].nl > 0 {
		return k, false
	}
	if s.ageSexTok(k) && s.toks[k].gap > 0 {
		return k + 1, true
	}
	switch s.lo(k) {
	case "(", ",", "-":
		j := k + 1
		if j >= len(s.toks) || s.toks[j].nl > 0 {
			return k, false
		}
		if s.ageSexTok(j) {
			return j + 1, true
		}
		if v, nd, ok := s.numTok(j); ok && nd <= 3 && v <= 110 {
			n := j + 1
			if s.lo(k) == "(" && (s.is(n, ")") || s.is(n, ",")) {
				return n, true
			}
			if s.lo(k) == "," && (n >= len(s.toks) || s.toks[n].nl > 0 || s.is(n, ",") || s.is(n, ".") || s.is(n, ";") || s.is(n, ")") ||
				s.is(n, "yo") || s.is(n, "y") || s.is(n, "yrs") || s.is(n, "years")) {
				return n, true
			}
		}
	}
	return k, false
}

// ageSexTok reports an age with a unit or a sex glued on: "71M", "15f", "4yo",
// "3y" (not a decade: "AF 90s" is a heart rhythm and its rate).
func (s *scan) ageSexTok(k int) bool {
	if k >= len(s.toks) || s.toks[k].kind != tokAlnum {
		return false
	}
	w := s.lo(k)
	d := 0
	for d < len(w) && isDigit(w[d]) {
		d++
	}
	if d == 0 || d > 3 || atoiDigits(w[:d]) > 110 {
		return false
	}
	switch w[d:] {
	case "m", "f", "yo", "y", "yrs", "mo":
		return true
	}
	return false
}

// initialsAt reads initials at token k: "GH", "RMcD", "R.J.", "G.Ll.", "R.McD".
// It returns the token after them.
func (s *scan) initialsAt(k int) (int, bool) {
	return s.initialsAtAny(k, false)
}

// initialsAtAny is initialsAt; withAge says an age follows ("GH 71M"), which makes
// capitals that are also an abbreviation ("GH", "MS") initials all the same.
func (s *scan) initialsAtAny(k int, withAge bool) (int, bool) {
	if k >= len(s.toks) || s.toks[k].kind != tokWord || s.used[k] {
		return k, false
	}
	raw := s.raw(k)
	// Capitals run together: "GH", "TP", "ABW", "RMcD".
	if len(raw) >= 2 && len(raw) <= 5 && isUpperLetter(raw[0]) {
		caps := 0
		for i := 0; i < len(raw); i++ {
			if isUpperLetter(raw[i]) {
				caps++
			}
		}
		mc := strings.Contains(raw, "Mc") || strings.Contains(raw, "Ll")
		if (caps == len(raw) && len(raw) <= 3 || mc && caps >= 2) && !s.is(k+1, ".") {
			if caps == len(raw) && (s.ex.lex.commonWord(s.lo(k)) || s.wf[k]&(fTitle|fCue) != 0 || !withAge && s.wf[k]&fTermStart != 0) {
				return k, false
			}
			return k + 1, true
		}
	}
	// Dotted: "R.J.", "R. J.", "G.Ll.", "R.McD".
	e := k
	n := 0
	for e < len(s.toks) && s.toks[e].kind == tokWord && len(s.raw(e)) <= 3 && (n == 0 || s.toks[e].gap <= 1) && s.toks[e].nl == 0 {
		if !s.is(e+1, ".") || s.toks[e+1].gap != 0 {
			if n >= 1 && (len(s.raw(e)) <= 3) && strings.Contains(strings.ToLower(s.raw(e)), "mc") {
				e++
				n++
			}
			break
		}
		e += 2
		n++
	}
	if n >= 2 {
		return e, true
	}
	return k, false
}

// initialsWithAge reads initials followed by an age at token i, where a list of
// patients writes them: "Bed 4: GH 71M", "3. TP, 33, Tenby", "A.B. (90)".
func (s *scan) initialsWithAge(i int) int {
	e, ok := s.initialsAtAny(i, true)
	if !ok {
		return i
	}
	if _, ok := s.ageMarkerAt(e); !ok {
		return i
	}
	if !s.clauseStartAt(i) && !(i > 0 && s.toks[i-1].kind == tokNum) && !s.is(i-1, "and") {
		return i
	}
	s.addName(i, e, SubjectPatient, 0.7)
	return e
}

// surnameCommaForename reads "HOPKINS, Gwyneth", "O'DONNELL, Siobhan",
// "McKENNA, Aoife": a surname in capitals in mixed-case writing, a comma, and a forename
// (a listed first name, or one followed by an age, a sex or a date of
// birth).
func (s *scan) surnameCommaForename(i int) int {
	if s.shouting() {
		return i
	}
	e := i
	if (s.lo(e) == "o" || s.lo(e) == "d") && s.is(e+1, "'") && s.toks[e+1].gap == 0 {
		e += 2
	}
	if e >= len(s.toks) || s.toks[e].kind != tokWord || len(s.lo(e)) < 3 {
		return i
	}
	raw := s.raw(e)
	if strings.HasPrefix(strings.ToLower(raw), "mc") && len(raw) > 3 {
		raw = raw[2:]
	}
	if u, l := caseOf(raw); !u || l {
		return i
	}
	w := s.lo(e)
	if s.ex.lex.commonWord(w) || s.wf[e]&(fTermStart|fTitle|fCue|fMonth|fInstitution) != 0 || clinicalNames[w] {
		return i
	}
	if !s.is(e+1, ",") || e+2 >= len(s.toks) || s.toks[e+2].nl > 0 {
		return i
	}
	f := e + 2
	end := s.writtenNameRun(f, true)
	if end == f {
		return i
	}
	_, listed := s.ex.lex.firstNames[s.lo(f)]
	_, aged := s.ageMarkerAt(end)
	if !listed && !aged && !s.is(end, "dob") && !s.is(end, "(") && !s.is(end, "/") && !s.is(end, "-") {
		return i
	}
	if !s.ex.lex.isName(w) && !listed {
		return i
	}
	s.addName(i, end, SubjectPatient, 0.8)
	return end
}

// surnameCommaForenameLoose reads "pritchard, g" or "HOPKINS, Gwyneth" after a name
// label, in any case.
func (s *scan) surnameCommaForenameLoose(k int) int {
	if !s.writtenNameWord(k, true) || !s.is(k+1, ",") || k+2 >= len(s.toks) || s.toks[k+2].nl > 0 {
		return k
	}
	f := k + 2
	end := s.writtenNameRun(f, true)
	if end == f {
		if e, ok := s.initialAt(f); ok {
			end = e
		} else if s.toks[f].kind == tokWord && len(s.lo(f)) == 1 {
			end = f + 1
		} else {
			return k
		}
	}
	s.addName(k, end, SubjectPatient, 0.75)
	return end
}

// nicknameAt reads a nickname in quotes after a first name and the surname after
// it: "Gareth 'the Post' Jenkins", "Tom \"Tiny\" Watts". first..end is the first
// name; it returns the token after the surname, or end.
func (s *scan) nicknameAt(first, end int) int {
	if end != first+1 || !s.knownFirstAnyCase(first) || !s.properCap(first) {
		return end
	}
	q := s.lo2(end)
	if q != "'" && q != "\"" || s.toks[end].gap == 0 {
		return end
	}
	k := end + 1
	for k < len(s.toks) && k < end+5 && s.lo(k) != q && s.toks[k].nl == 0 {
		k++
	}
	if k >= len(s.toks) || s.lo(k) != q || k == end+1 {
		return end
	}
	sn := k + 1
	if sn >= len(s.toks) || s.toks[sn].gap == 0 || !s.properCap(sn) || !s.ex.lex.isName(s.lo(sn)) || s.ex.lex.commonWord(s.lo(sn)) && !s.properCap(sn) {
		return end
	}
	return s.writtenNameRun(sn, true)
}

// leetNameAt reads a name written with digits or symbols for some letters
// ("j0hn", "Hugh3s", "pr1tchard") starting at token i, when it spells a
// listed name that is no ordinary word.
func (s *scan) leetNameAt(i int) int {
	if i > 0 && s.toks[i].gap == 0 {
		return i
	}
	// The glued run of letters, digits and "@", "$".
	e := i
	for e < len(s.toks) && (e == i || s.toks[e].gap == 0) {
		t := &s.toks[e]
		if t.kind == tokPunct && s.lo(e) != "@" && s.lo(e) != "$" {
			break
		}
		e++
	}
	if e == i || e-i > 3 {
		return i
	}
	raw := s.n.text[s.toks[i].start:s.toks[e-1].end]
	if len(raw) < 4 || len(raw) > 16 || isDigit(raw[0]) || isDigit(raw[len(raw)-1]) {
		return i
	}
	if _, low := caseOf(raw); !low {
		return i // a code or a gene in capitals ("ABC1D", "XY2Z")
	}
	var buf [16]byte
	b := buf[:0]
	subs := 0
	for k := 0; k < len(raw); k++ {
		c := raw[k]
		switch {
		case c >= 'a' && c <= 'z':
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			b = append(b, c+32)
		case k > 0 && k < len(raw)-1:
			r := leetLetter(c)
			if r == 0 {
				return i
			}
			b = append(b, r)
			subs++
		default:
			return i
		}
	}
	if subs == 0 || subs > 2 {
		return i
	}
	w := string(b)
	if subs == 0 || subs > 2 || vowels(w) == 0 {
		return i
	}
	lex := s.ex.lex
	if _, first := lex.firstNames[w]; !first && !lex.surnameSet.has(w) || lex.commonWord(w) {
		return i
	}
	s.addName(i, e, s.nameSubject(i, SubjectPatient), 0.7)
	return e
}

// leetLetter is the letter a digit or symbol stands for in a disguised word.
func leetLetter(c byte) byte {
	switch c {
	case '0':
		return 'o'
	case '1':
		return 'i'
	case '3':
		return 'e'
	case '4', '@':
		return 'a'
	case '5', '$':
		return 's'
	case '7':
		return 't'
	}
	return 0
}

// listedNameAt reports a listed first name or surname at token k of four letters
// or more, no ordinary word, not in capitals in mixed-case writing, and not a
// clipped word ("pt'd").
func (s *scan) listedNameAt(k int) bool {
	if k >= len(s.toks) || s.toks[k].kind != tokWord || s.used[k] {
		return false
	}
	w := s.lo(k)
	if len(w) < 4 || s.toks[k].upper && !s.shouting() || s.ex.lex.commonWord(w) || !s.ex.lex.isName(w) ||
		s.wf[k]&(fTermStart|fTitle|fCue|fMonth|fInstitution|fRelative|fStaff) != 0 || clinicalNames[w] || drugLike(w) && !s.knownFirstAnyCase(k) {
		return false
	}
	return !(s.is(k+1, "'") && s.toks[k+1].gap == 0)
}
