package extract

import (
	"strconv"
	"strings"
)

// Ages: exact ("63-year-old", "aged 63", "63yo", "63M"), decades and ranges ("in her
// 70s", "early thirties", "mid-40s"), and indirect forms ("turned 90", "her 90th
// birthday", "in Year 9"). Thresholds about groups ("under-16s", "people over 65",
// "anyone aged over 80") are population statements.

// ageBandShare is the share of the UK population in each five-year age band
// (ONS mid-2022 estimates, UK; the last band is 90 and over). See data/SOURCES.md.
var ageBandShare = [19]float64{
	0.0549, 0.0600, 0.0615, 0.0591, 0.0594, 0.0645, 0.0681, 0.0673, 0.0649, 0.0608,
	0.0673, 0.0693, 0.0624, 0.0533, 0.0500, 0.0405, 0.0263, 0.0160, 0.0127,
}

// ageShare is the share of the population aged exactly a (one-year), or within [lo, hi].
func ageShare(lo, hi int) float64 {
	if lo < 0 {
		lo = 0
	}
	if hi > 110 {
		hi = 110
	}
	sum := 0.0
	for a := lo; a <= hi; a++ {
		b := a / 5
		if b >= 18 {
			// 90+ spread over about 15 years, thinning fast.
			sum += ageBandShare[18] * 0.25 * pow(0.8, a-90)
			continue
		}
		sum += ageBandShare[b] / 5
	}
	if sum <= 0 {
		return 1e-6
	}
	return sum
}

func pow(x float64, n int) float64 {
	r := 1.0
	for ; n > 0; n-- {
		r *= x
	}
	return r
}

// lifeStage is the coarsest generalisation of an age.
func lifeStage(a int) string {
	switch {
	case a < 1:
		return "infant"
	case a < 13:
		return "child"
	case a < 18:
		return "adolescent"
	case a < 40:
		return "young adult"
	case a < 65:
		return "middle-aged adult"
	default:
		return "older adult"
	}
}

// decadeNames are decade(a) for a from 0 to 129, made once.
var decadeNames = func() (t [13]string) {
	for k := range t {
		t[k] = strconv.Itoa(k*10) + "-" + strconv.Itoa(k*10+9)
	}
	return t
}()

func decade(a int) string {
	if a >= 0 && a < 10*len(decadeNames) {
		return decadeNames[a/10]
	}
	d := a / 10 * 10
	return strconv.Itoa(d) + "-" + strconv.Itoa(d+9)
}

var decadeWords = map[string]int{
	"teens": 10, "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
	"seventies": 70, "eighties": 80, "nineties": 90, "20s": 20, "30s": 30, "40s": 40,
	"50s": 50, "60s": 60, "70s": 70, "80s": 80, "90s": 90, "hundreds": 100,
}

var ageUnits = map[string]bool{
	"year": true, "years": true, "yr": true, "yrs": true, "yo": true, "y": true, "yoa": true,
	"month": true, "months": true, "week": true, "weeks": true,
}

// ageUnitFirst marks the first bytes of ageUnits' words: every number is followed
// by a look-up, and most next words are ruled out by their first letter.
var ageUnitFirst = func() (t [256]bool) {
	for w := range ageUnits {
		t[w[0]] = true
	}
	return t
}()

func (s *scan) matchAges() {
	for i := s.nextFlagOrNumeric(0, fDecade|fNumberWord|fAgeTrigger); i < len(s.toks); i = s.nextFlagOrNumeric(i+1, fDecade|fNumberWord|fAgeTrigger) {
		if s.used[i] {
			continue
		}
		t := &s.toks[i]
		w := s.lo(i)
		if end, dec := s.somethingAge(i); end > i {
			// "an 80-something woman", "seventy-something": the decade.
			s.addAge(dec, dec+9, i, end, 0.85)
			i = end - 1
			continue
		}
		switch t.kind {
		case tokNum:
			s.ageFromNumber(i)
		case tokAlnum:
			s.ageFromAlnum(i)
		case tokWord:
			if s.wf[i]&(fDecade|fNumberWord|fAgeTrigger) == 0 {
				continue
			}
			if dec, ok := decadeWords[w]; ok {
				s.ageDecade(i, dec)
				continue
			}
			if v, ok := numberWords[w]; ok && v >= 20 {
				// "eighty-year-old", "ninety one year old"
				k := i + 1
				if s.is(k, "-") {
					k++
				}
				if u, ok := numberWords[s.lo2(k)]; ok && u > 0 && u < 10 && v%10 == 0 {
					v += u
					k++
					if s.is(k, "-") {
						k++
					}
				}
				if s.is(k, "year") || s.is(k, "years") {
					end := s.ageUnitEnd(k)
					if end > k {
						s.addAge(v, v, i, end, 0.9)
						i = end - 1
					}
				}
			}
			if w == "year" && s.toks[i].cap {
				// "in Year 9": school year, age 13-14 (England and Wales).
				if y, _, ok := s.numTok(i + 1); ok && y >= 1 && y <= 13 && (s.is(i-1, "in") || s.is(i-1, "a")) {
					s.addAge(y+4, y+5, i, i+2, 0.7)
				}
			}
			if w == "turned" || w == "turning" || w == "turns" {
				if a, _, ok := s.numTok(i + 1); ok && a >= 1 && a <= 115 && !s.hasWordsAfter(i+2, 1, "%", "mg", "times", "x", "degrees") {
					s.addAge(a, a, i+1, i+2, 0.8)
				}
			}
		}
	}
}

// somethingAge reads a decade followed by "something" ("80-something", "thirty
// something") at i: the end of the phrase and the decade, or i when there is none.
func (s *scan) somethingAge(i int) (int, int) {
	v, ok := numberWords[s.lo(i)]
	if s.toks[i].kind == tokNum {
		n, _, isNum := s.numTok(i)
		v, ok = n, isNum
	}
	if !ok || v < 20 || v > 100 || v%10 != 0 {
		return i, 0
	}
	k := i + 1
	if s.is(k, "-") {
		k++
	}
	if !s.is(k, "something") && !s.is(k, "somethings") || s.flaggedBefore(fVital, i, 5, vitalWords...) {
		return i, 0 // "sats 90-something" is a reading
	}
	return k + 1, v
}

// ageUnitEnd returns the end of "year(s) old", "yr old", "years of age" starting at k,
// or k when there is none.
func (s *scan) ageUnitEnd(k int) int {
	u := s.lo2(k)
	if u == "" || !ageUnitFirst[u[0]] || !ageUnits[u] {
		return k
	}
	j := k + 1
	if s.is(j, "-") {
		j++
	}
	if s.is(j, "old") {
		return j + 1
	}
	if s.is(j, "of") && s.is(j+1, "age") {
		return j + 2
	}
	if u == "yo" || u == "y" || u == "yoa" {
		if u == "y" && s.is(j, "/") && s.is(j+1, "o") {
			return j + 2
		}
		if u == "y" {
			return k
		}
		return j
	}
	return k
}

func (s *scan) ageFromNumber(i int) {
	a, nd, _ := s.numTok(i)
	if nd > 3 || a > 120 {
		return
	}
	k := i + 1
	if s.is(k, "-") {
		k++
	}
	// "63 year old", "63-year-old", "63 yo", "63 years of age"
	if end := s.ageUnitEnd(k); end > k {
		if s.hasWordsAfter(end, 3, "or younger", "or older", "and older", "and under", "or under", "and over", "or over", "and above", "and younger") {
			s.addAgeSubject(a, a, i, end, 0.8, SubjectPopulation)
			return
		}
		if s.lo(k) == "month" || s.lo(k) == "months" || s.lo(k) == "week" || s.lo(k) == "weeks" {
			s.addAge(0, 0, i, end, 0.85)
			return
		}
		s.addAge(a, a, i, end, 0.95)
		return
	}
	// "aged 63", "age 63", "age: 63"
	p := i - 1
	if s.is(p, ":") {
		p--
	}
	if s.is(p, "aged") || s.is(p, "age") || s.is(p, "ages") {
		// "aged 65 and over", "aged over 65" handled as population below.
		if s.hasWordsAfter(i+1, 2, "and over", "and above", "or over", "or older", "+", "and older", "plus") {
			s.addAgeSubject(a, 120, i, i+1, 0.9, SubjectPopulation)
			return
		}
		s.addAge(a, a, i, i+1, 0.9)
		return
	}
	// "I'm 38", "she's 83", "he is 90", "who is now 67"
	if (s.is(p, "m") || s.is(p, "s")) && s.is(p-1, "'") && (s.is(p-2, "i") || s.is(p-2, "she") || s.is(p-2, "he")) ||
		s.is(p, "am") && s.is(p-1, "i") || s.is(p, "is") && (s.is(p-1, "she") || s.is(p-1, "he")) || s.is(p, "now") && (s.is(p-1, "is") || s.is(p-1, "'s")) {
		// "she's 32+4" is a gestation in weeks and days, not an age.
		if a >= 1 && a <= 110 && !yearUnits[s.lo2(i+1)] && !s.hasWordsAfter(i+1, 1, "weeks", "days", "mg", "kg", "stone", "st", "%", "minutes", "times", "hours", "cm", "mm", "+", "/40") {
			subj := s.subjectAt(i)
			if s.is(p-2, "i") || s.is(p-1, "i") {
				subj = SubjectAuthor
			}
			s.addAgeSubject(a, a, i, i+1, 0.8, subj)
			return
		}
	}
	// "Woman, 91,", "Lad of 19", "the lady is 84": a person noun, then the number.
	if a >= 1 && a <= 110 && !yearUnits[s.lo2(i+1)] && !s.hasWordsAfter(i+1, 1, "weeks", "days", "mg", "kg", "stone", "st", "%", "minutes", "times", "hours", "cm", "mm", "miles", "units", "percent", "foot", "feet", "ft", "inches", "kilos", "metres", "days", "/", ".", "+", "x") || a >= 1 && a <= 110 && s.is(i+1, ".") && (i+2 >= len(s.toks) || s.toks[i+2].kind != tokNum) {
		noun := -1
		switch {
		case s.is(p, ","):
			noun = p - 1
		case s.is(p, "of") && !s.is(p-1, "one") && !s.is(p-1, "out"):
			noun = p - 1
		case s.is(p, "is") || s.is(p, "was") || s.is(p, "s") && s.is(p-1, "'"):
			noun = p - 1
			if s.is(p, "s") {
				noun = p - 2
			}
		}
		if noun >= 0 {
			if pn, ok := personNouns[s.lo(noun)]; ok && !pn.plural && s.toks[i].kind == tokNum && !s.is(i+1, "/") && !s.is(i+1, ":") {
				s.addAge(a, a, i, i+1, 0.8)
				return
			}
		}
	}
	// "people over 65", "under-16s"
	if (s.is(p, "over") || s.is(p, "under") || s.is(p, "above") || s.is(p, "below")) &&
		(s.is(i+1, "s") || s.is(i+1, "'") || s.hasWordsBefore(p, 2, "people", "patients", "adults", "those", "anyone", "aged", "men", "women", "children")) {
		s.addAgeSubject(a, a, i, i+1, 0.8, SubjectPopulation)
		return
	}
	// A bare "90" after "age"-ish words in clinical notes ("pt is 98") is rare; skip.
}

// matchNamedAges reads a bare number in apposition to a person's name as their age:
// "Mr Hartley, 93, wants to go home", "Wilma Allan (92) very sleepy", "Re: Agnes
// Wishart, 90, CHI ...". The number stands alone between punctuation (or a line's
// end), so "Mr Clegg, bed 8" and "Mrs Ali, 3 children" are not ages.
func (s *scan) matchNamedAges() {
	for k := range s.out {
		if s.out[k].Kind != KindPersonName {
			continue
		}
		e := s.tokenAt(s.out[k].End) // the token after the name
		if e < 0 || e+2 > len(s.toks) || int(s.toks[e].start) < s.out[k].End {
			continue
		}
		if e+2 >= len(s.toks) {
			continue
		}
		open := s.lo(e)
		if open != "," && open != "(" {
			continue
		}
		i := e + 1
		t := &s.toks[i]
		if t.kind != tokNum || t.nl > 0 || s.detailOver(KindAge, int(t.start)) {
			continue
		}
		a, err := strconv.Atoi(s.lo(i))
		if err != nil || a < 1 || a > 110 {
			continue
		}
		next := ""
		if i+1 < len(s.toks) {
			next = s.lo(i + 1)
		}
		switch {
		case open == "(" && next == ")":
		case open == "," && (next == "," || next == "." && (i+2 >= len(s.toks) || s.toks[i+2].kind != tokNum) || next == ";" || i+1 >= len(s.toks) || s.toks[i+1].nl > 0):
		default:
			continue
		}
		s.addAge(a, a, i, i+1, 0.8)
	}
}

// detailOver reports a detail of kind k over byte offset off, before the spans of
// the attach stage exist.
func (s *scan) detailOver(k Kind, off int) bool {
	for d := range s.out {
		if s.out[d].Kind == k && s.out[d].Start <= off && off < s.out[d].End {
			return true
		}
	}
	return false
}

// durationAt reports a number of years at i that is a span of time, by the word before
// or after it ("every 2y", "for 3yrs", "over 10y", "5y ago", "2y hx").
func (s *scan) durationAt(i int) bool {
	switch s.lo2(i - 1) {
	case "every", "for", "over", "last", "past", "within", "after", "q", "x", "since", "nearly", "almost", "about", "~", "approx", "per", "in", "of":
		return true
	}
	switch s.lo2(i + 1) {
	case "ago", "hx", "history", "later", "previously", "prior", "duration", "fu", "follow-up", "post", "since", "of":
		return true
	}
	return false
}

// ageFromAlnum reads "63yo", "63y", "63M", "63F", "63yrs", "16s" ("under-16s").
func (s *scan) ageFromAlnum(i int) {
	w := s.lo(i)
	d := 0
	for d < len(w) && isDigit(w[d]) {
		d++
	}
	if d == 0 || d > 3 {
		return
	}
	a, _ := strconv.Atoi(w[:d])
	suf := w[d:]
	switch suf {
	case "yo", "yr", "yrs", "y", "yoa":
		if suf != "yo" && suf != "yoa" && s.durationAt(i) {
			return // "every 2y", "for 3yrs", "5y ago": a span of time
		}
		if a <= 115 {
			end := i + 1
			if s.is(end, "old") {
				end++
			}
			s.addAge(a, a, i, end, 0.95)
		}
	case "m", "f":
		// "63M" only in upper case and in a clinical shorthand position, not "type 2M".
		raw := s.raw(i)
		switch s.lo2(i - 1) {
		case "type", "class", "stage", "grade", "factor", "chromosome", "subtype", "group", "complex", "level", "phase", "lead", "number", "no", "step", "$", "£":
			return
		}
		if a >= 1 && a <= 110 && (raw[len(raw)-1] == 'M' || raw[len(raw)-1] == 'F') && !s.hasWordsAfter(i+1, 1, "of", "dollars", "people") {
			s.addAge(a, a, i, i+1, 0.8)
			sex := "M"
			if suf == "f" {
				sex = "F"
			}
			s.add(Detail{Kind: KindSex, Value: sex, Confidence: 0.8, Subject: s.subjectAt(i), Frequency: 0.5}, i, i+1)
		}
	case "s":
		// Decades: "70s", "in her 70s"; thresholds: "under-16s".
		if _, ok := decadeWords[w]; ok {
			s.ageDecade(i, a)
			return
		}
		if s.is(i-1, "over") || s.is(i-1, "under") || (s.is(i-1, "-") && (s.is(i-2, "over") || s.is(i-2, "under"))) {
			lo := i - 1
			if s.is(lo, "-") {
				lo--
			}
			s.addAgeSubject(a, a, lo, i+1, 0.8, SubjectPopulation)
		}
	case "th":
		// "her 90th birthday"
		if s.is(i+1, "birthday") && a <= 115 {
			s.addAge(a, a, i, i+2, 0.9)
		}
	}
}

// ageDecade handles "in her 70s", "early thirties", "mid-40s", "late teens".
func (s *scan) ageDecade(i, dec int) {
	start := i
	lo, hi := dec, dec+9
	if dec == 10 {
		lo = 13
	}
	p := i - 1
	if s.is(p, "-") {
		p--
	}
	switch s.lo2(p) {
	case "early":
		hi = lo + 3
		start = p
	case "mid":
		lo, hi = dec+3, dec+6
		start = p
	case "late":
		lo = dec + 7
		start = p
	}
	// Needs an age frame: "in his 70s", "early 30s", "a woman in her 70s". A bare "70s"
	// may be the decade of a century ("in the 70s").
	q := start - 1
	// "sats in the low 90s", "HR late 90s": vital signs, not ages.
	if s.flaggedBefore(fVital, start, 5, vitalWords...) {
		return
	}
	frame := start != i || s.is(q, "his") || s.is(q, "her") || s.is(q, "their") || s.is(q, "my") || s.is(q, "your") || s.is(q, "our")
	if pn, ok := personNouns[s.lo2(i+1)]; ok && !pn.plural && !s.is(q, "the") {
		frame = true // "70s lady", "80s man": the decade describes the person
	}
	if start == i && s.is(q, ",") && q > 0 && s.toks[q-1].kind == tokWord && (i+1 >= len(s.toks) || s.is(i+1, ",") || s.is(i+1, ".") || s.is(i+1, ";") || s.is(i+1, "with") || s.is(i+1, "and") || s.is(i+1, "-")) {
		// "the brewery foreman here, 40s, new diagnosis": forum shorthand for the
		// age of the person just named.
		frame = true
	}
	if start == i && s.is(q, "(") && q > 0 {
		if _, ok := personNouns[s.lo(q-1)]; ok {
			frame = true // "my gout lad (20s, ...)": the age of the person just named
		}
	}
	if s.is(q, "the") || s.is(q, "1960s") {
		return
	}
	if !frame {
		return
	}
	subj := s.subjectAt(i)
	// "patients in their 70s" is a population.
	if s.is(q, "their") && s.hasWordsBefore(q, 3, "patients", "people", "adults", "those", "men", "women") {
		subj = SubjectPopulation
	}
	if s.is(q, "my") || s.is(q, "our") {
		subj = SubjectAuthor
	}
	if s.hasWordsBefore(start, 3, "man in", "woman in", "lady in", "gentleman in", "patient in", "chap in", "bloke in", "gent in", "fella in") && !s.hasWordsBefore(start, 4, "men in", "women in", "people in") {
		subj = SubjectPatient
	}
	s.addAgeSubject(lo, hi, start, i+1, 0.85, subj)
}

func (s *scan) addAge(lo, hi, i, j int, conf float64) {
	s.addAgeSubject(lo, hi, i, j, conf, s.subjectAt(i))
}

func (s *scan) addAgeSubject(lo, hi, i, j int, conf float64, subj Subject) {
	if s.anyUsed(i, j) {
		return
	}
	var val string
	var gen []string
	if lo == hi {
		val = strconv.Itoa(lo)
		gen = []string{decade(lo), lifeStage(lo)}
	} else {
		val = strconv.Itoa(lo) + "-" + strconv.Itoa(hi)
		if hi-lo < 10 && lo/10 == hi/10 {
			gen = []string{decade(lo), lifeStage(lo)}
		} else {
			gen = []string{lifeStage(lo)}
		}
	}
	if subj == SubjectPopulation {
		hi = lo
	}
	s.add(Detail{Kind: KindAge, Value: val, Generalisations: gen, Confidence: conf, Subject: subj, Frequency: ageShare(lo, hi)}, i, j)
}

// matchAgeSexShorthand reads the clinical shorthand of age and sex written apart: "70s M",
// "M 70s", "F, 84", "84 F", "F/63": a capital M or F standing alone next to an age.
func (s *scan) matchAgeSexShorthand() {
	for i := range s.toks {
		t := &s.toks[i]
		// "Thirties, male": the word forms stand for the letters; their sex is
		// read where the word is.
		word := s.lo(i) == "male" || s.lo(i) == "female"
		if t.kind != tokWord || !word && (t.end-t.start != 1 || s.used[i]) {
			continue
		}
		raw := s.raw(i)
		if raw != "M" && raw != "F" && !word {
			continue
		}
		age := -1
		for _, k := range []int{i - 1, i + 1, i - 2, i + 2} {
			if k < 0 || k >= len(s.toks) || s.toks[k].nl > 0 && k > i {
				continue
			}
			if (k == i-2 || k == i+2) && !(s.is((k+i)/2, ",") || s.is((k+i)/2, "/")) {
				continue
			}
			w := s.lo(k)
			if s.toks[k].kind == tokNum {
				if a, err := strconv.Atoi(w); err == nil && a >= 1 && a <= 110 {
					age = k
					break
				}
			}
			if s.ageDecadeWord(k) {
				age = k
				break
			}
		}
		if age < 0 {
			continue
		}
		has := false
		for d := range s.out {
			if s.out[d].Kind == KindAge {
				ns, ne := s.normRange(s.out[d].Start, s.out[d].End)
				if ns <= int(s.toks[age].start) && int(s.toks[age].end) <= ne {
					has = true
				}
			}
		}
		if !has {
			w := s.lo(age)
			if s.toks[age].kind == tokNum {
				a, _ := strconv.Atoi(w)
				s.addAge(a, a, age, age+1, 0.8)
			} else if dec, ok := decadeWords[w]; ok {
				s.addAge(dec, dec+9, age, age+1, 0.8)
			} else if a, err := strconv.Atoi(strings.TrimSuffix(w, "s")); err == nil {
				s.addAge(a, a+9, age, age+1, 0.8)
			}
		}
		if !word {
			s.add(Detail{Kind: KindSex, Value: raw, Confidence: 0.8, Subject: SubjectPatient, Frequency: 0.5}, i, i+1)
		}
	}
}
