package extract

import "strings"

// Dictionary matching: one pass over the tokens, hashing successive token n-grams and
// looking each hash up in one map. The longest entry wins at each position.

func (s *scan) matchPhrases() {
	lex := s.ex.lex
	if len(lex.phrases) == 0 {
		return
	}
	for i := 0; i < len(s.toks); i++ {
		t := &s.toks[i]
		if t.kind == tokPunct || s.used[i] {
			continue
		}
		h := uint64(fnvOffset)
		bestN := 0
		var best []phrase
		for n := 1; n <= lex.maxTokens && i+n <= len(s.toks); n++ {
			k := i + n - 1
			if n > 1 && (s.toks[k].nl > 0 || s.toks[k].gap > 3) {
				break
			}
			h = hashAdd(h, s.lo(k))
			if es, ok := lex.phrases[h]; ok {
				// Not glued to a longer word: "Leeds" but not "Leedsx".
				if k+1 < len(s.toks) && s.toks[k+1].gap == 0 && s.toks[k+1].kind != tokPunct {
					continue
				}
				bestN, best = n, es
			}
		}
		if bestN == 0 {
			continue
		}
		if i > 0 && t.gap == 0 && s.toks[i-1].kind != tokPunct {
			continue
		}
		j := i + bestN
		if s.anyUsed(i, j) {
			continue
		}
		emitted := false
		for _, p := range best {
			if s.emitPhrase(p, i, j) {
				emitted = true
			}
		}
		if emitted {
			i = j - 1
		}
	}
}

// emitPhrase applies an entry's conditions and records it.
func (s *scan) emitPhrase(p phrase, i, j int) bool {
	t := &s.toks[i]
	if p.needCap && !s.properCap(i) {
		return false
	}
	if p.needPrep && !s.placePrepBefore(i) {
		return false
	}
	subj := s.subjectAt(i)
	if p.subject != SubjectUnknown {
		subj = p.subject
	}
	if p.weak && subj != SubjectPatient && subj != SubjectRelative && subj != SubjectAuthor {
		return false
	}
	d := Detail{Kind: p.kind, Value: p.value, Generalisations: p.gen, Confidence: 0.8,
		Subject: subj, Frequency: p.freq}
	switch p.kind {
	case KindPlace:
		d.Population = p.pop
		// A place that is also a word or surname needs a capital and a place
		// preposition or a nearby place word when the text is not all lower case.
		d.Confidence = 0.85
		if !t.cap {
			d.Confidence = 0.6
		}
	case KindCondition:
		d.Negated = s.negatedBefore(i)
	case KindSex:
		// Pronouns and sex nouns: only about a specific person.
		if subj == SubjectPopulation || subj == SubjectUnknown {
			return false
		}
	}
	s.add(d, i, j)
	return true
}

// properCap reports that token i is capitalised in a way that carries meaning: a
// capital first letter in mixed-case writing, not a word in a shouted (all capitals)
// note, and not merely the first word of a sentence.
func (s *scan) properCap(i int) bool {
	t := &s.toks[i]
	if !t.cap {
		return false
	}
	if t.upper && s.shouting() {
		return false
	}
	return true
}

// shouting reports a text written mostly in capitals, where capital letters say
// nothing about names.
func (s *scan) shouting() bool {
	if s.shout == 0 {
		up, words := 0, 0
		for k := range s.toks {
			if s.toks[k].kind == tokWord && s.toks[k].end-s.toks[k].start >= 2 {
				words++
				if s.toks[k].upper {
					up++
				}
			}
		}
		s.shout = 1
		if words > 0 && up*2 > words {
			s.shout = 2
		}
	}
	return s.shout == 2
}

// placePrepBefore reports a preposition or verb that introduces a place just before
// token i ("in Leeds", "from Lima", "moved to Boston", "lives near Kendal").
func (s *scan) placePrepBefore(i int) bool {
	switch s.lo2(i - 1) {
	case "in", "from", "to", "near", "at", "around", "outside", "visiting", "towards", "via", "of", "between", "and":
		if s.lo2(i-1) == "and" || s.lo2(i-1) == "of" {
			// "between Leeds and Bradford", "the outskirts of Bath": only after a place word.
			return s.hasWordsBefore(i-1, 3, "between", "outskirts", "north", "south", "east", "west", "centre", "town", "city", "village")
		}
		return true
	}
	return false
}

// negatedBefore reports a negation cue shortly before token i in the same sentence
// ("no history of", "denies", "never had", "ruled out").
func (s *scan) negatedBefore(i int) bool {
	sent := s.sentOf[i]
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		if s.sentOf[k] != sent {
			return false
		}
		switch s.lo(k) {
		case "no", "not", "denies", "denied", "without", "never", "negative", "excluded", "nil", "absent":
			return true
		case "but", "however", "although", "though":
			return false
		}
	}
	return s.hasWordsBefore(i, 4, "ruled out", "r/o")
}

// Institutions are found from their head words ("Hospital", "Surgery", "Medical
// Centre", "Prison", "School", "Ward 7") and the capitalised words before them, so that
// "Furness General Hospital" and "St Mary's" are found without a list of every
// hospital in the country.

type instHead struct {
	kind string // generalisation: hospital, gp practice, school, prison, workplace, ward
	freq float64
}

var institutionHeads = map[string]instHead{
	"hospital": {"hospital", 1.0 / 1200}, "infirmary": {"hospital", 1.0 / 1200}, "hospice": {"hospital", 1.0 / 2000},
	"surgery": {"gp practice", 1.0 / 6300}, "practice": {"gp practice", 1.0 / 6300},
	"health centre": {"gp practice", 1.0 / 6300}, "medical centre": {"gp practice", 1.0 / 6300},
	"medical center": {"gp practice", 1.0 / 6300}, "health center": {"gp practice", 1.0 / 6300},
	"clinic": {"clinic", 1.0 / 3000}, "school": {"school", 1.0 / 32000}, "academy": {"school", 1.0 / 32000},
	"college": {"school", 1.0 / 5000}, "university": {"university", 1.0 / 160}, "prison": {"prison", 1.0 / 120},
	"care home": {"care home", 1.0 / 15000}, "nursing home": {"care home", 1.0 / 15000},
	"primary": {"school", 1.0 / 20000}, "grammar": {"school", 1.0 / 32000}, "barracks": {"workplace", 1.0 / 500},
	"station": {"workplace", 1.0 / 5000}, "factory": {"workplace", 1.0 / 50000}, "mill": {"workplace", 1.0 / 50000},
	"unit": {"hospital unit", 1.0 / 5000}, "centre": {"workplace", 1.0 / 20000}, "center": {"workplace", 1.0 / 20000},
	"medical group": {"gp practice", 1.0 / 6300}, "ymca": {"workplace", 1.0 / 500},
}

// weakHeads need two capitalised words before them ("Trent Valley Practice").
var weakHeads = map[string]bool{"practice": true, "unit": true, "centre": true, "center": true,
	"station": true, "primary": true, "grammar": true, "mill": true, "college": true, "clinic": true}

func (s *scan) matchInstitutions() {
	for i := 0; i < len(s.toks); i++ {
		t := &s.toks[i]
		if t.kind != tokWord || s.used[i] {
			continue
		}
		w := s.lo(i)
		// "HMP Barlinnie", "HMYOI Wetherby": prisons by prefix.
		if (w == "hmp" || w == "hmyoi" || w == "hmp/yoi") && t.upper {
			end := s.capRun(i+1, 3)
			if end > i+1 {
				s.addInst(i, end, "prison", 1.0/120, strings.ToLower(s.n.text[s.toks[i].start:s.toks[end-1].end]))
				i = end - 1
			}
			continue
		}
		// "Ward 7", "ward 23b"
		if w == "ward" || w == "bay" || w == "bed" {
			if w == "ward" && i+1 < len(s.toks) && (s.toks[i+1].kind == tokNum || (s.toks[i+1].kind == tokAlnum && len(s.lo(i+1)) <= 4)) {
				s.addInst(i, i+2, "ward", 1.0/20000, "ward "+s.lo(i+1))
				i++
			}
			continue
		}
		head := w
		hn := 1
		if i+1 < len(s.toks) {
			two := w + " " + s.lo(i+1)
			if _, ok := institutionHeads[two]; ok {
				head, hn = two, 2
			}
		}
		h, ok := institutionHeads[head]
		if !ok || !t.cap {
			continue
		}
		// Capitalised words before the head.
		start := i
		caps := 0
		for k := i - 1; k >= 0 && k >= i-4; k-- {
			tk := &s.toks[k]
			if tk.kind == tokPunct {
				// "St Mary's Hospital": allow the possessive.
				if s.lo(k) == "'" && k > 0 && s.toks[k-1].cap && s.lo(k+1) == "s" {
					continue
				}
				if s.lo(k) == "." && k > 0 && s.lo(k-1) == "st" {
					continue
				}
				break
			}
			if tk.nl > 0 && k < i-1 {
				break
			}
			if !(tk.cap || s.lo(k) == "s" && s.is(k-1, "'")) {
				if s.lo(k) == "of" && k > 0 && s.toks[k-1].cap {
					continue
				}
				break
			}
			if tk.cap && k == s.sent[s.sentOf[k]].start && s.ex.lex.commonWord(s.lo(k)) {
				// A sentence-initial ordinary word ("The", "Our") is not part of a name.
				break
			}
			if s.lo(k) == "the" || s.lo(k) == "our" || s.lo(k) == "my" || s.lo(k) == "a" {
				break
			}
			start = k
			if tk.cap {
				caps++
			}
		}
		if caps == 0 || (weakHeads[head] && caps < 2 && !s.ex.lex.isPlaceStart(s, start)) {
			continue
		}
		end := i + hn
		s.addInst(start, end, h.kind, h.freq, strings.ToLower(s.n.text[s.toks[start].start:s.toks[end-1].end]))
		i = end - 1
	}
}

// capRun returns the end of up to n capitalised words from k.
func (s *scan) capRun(k, n int) int {
	end := k
	for end < len(s.toks) && end < k+n && s.toks[end].kind == tokWord && s.toks[end].cap && s.toks[end].nl == 0 {
		end++
	}
	return end
}

func (s *scan) addInst(i, j int, kind string, freq float64, val string) {
	if s.anyUsed(i, j) {
		// Drop place details inside: the institution carries them in its name.
		return
	}
	s.add(Detail{Kind: KindInstitution, Value: val, Generalisations: []string{kind}, Confidence: 0.8,
		Subject: s.subjectAt(i), Frequency: freq}, i, j)
}

// isPlaceStart reports a gazetteer place starting at token k.
func (l *lexicon) isPlaceStart(s *scan, k int) bool {
	h := uint64(fnvOffset)
	for n := 1; n <= 3 && k+n <= len(s.toks); n++ {
		h = hashAdd(h, s.lo(k+n-1))
		for _, p := range l.phrases[h] {
			if p.kind == KindPlace {
				return true
			}
		}
	}
	return false
}

// matchDictNames finds untitled names: a known first name followed by a capitalised
// word ("Jane Doe"), and known names after relative and staff words ("wife Carol").
func (s *scan) matchDictNames() {
	lex := s.ex.lex
	if len(lex.firstNames) == 0 {
		return
	}
	for i := 0; i < len(s.toks); i++ {
		t := &s.toks[i]
		if t.kind != tokWord || s.used[i] || !s.properCap(i) {
			continue
		}
		w := s.lo(i)
		fi, ok := lex.firstNames[w]
		if !ok || lex.common[w] {
			continue
		}
		// First name + capitalised surname-like word.
		if i+1 < len(s.toks) && s.toks[i+1].kind == tokWord && s.properCap(i+1) && s.toks[i+1].nl == 0 && s.toks[i+1].gap == 1 {
			w2 := s.lo(i + 1)
			_, sur := lex.surnames[w2]
			if s.shouting() && (!sur || clinicalNames[w]) || s.toks[i+1].upper && !s.shouting() && len(w2) <= 4 {
				continue
			}
			if (sur || !lex.common[w2]) && !s.eponymAt(i+2) && cueWords[w2] == 0 && !clinicalNames[w] {
				if s.sentStartCommon(i) {
					continue
				}
				end := s.nameRun(i+1, true)
				if end <= i+1 {
					continue
				}
				subj := s.nameSubject(i, SubjectUnknown)
				if subj == SubjectUnknown {
					subj = s.subjectAt(i)
				}
				s.add(Detail{Kind: KindPersonName, Value: strings.ToLower(s.n.text[t.start:s.toks[end-1].end]),
					Confidence: 0.8, Subject: subj, Frequency: fi.share}, i, end)
				s.claim(i, end)
				i = end - 1
				continue
			}
		}
	}
}

// sentStartCommon reports a sentence-initial token that is also a common word.
func (s *scan) sentStartCommon(i int) bool {
	return s.sent[s.sentOf[i]].start == i && s.ex.lex.commonWord(s.lo(i))
}
