package extract

import "strings"

// Person names. A title ("Mrs", "Dr") followed by capitalised words is a name whatever
// the words; without a title a name needs dictionary evidence (a known first name
// followed by a capitalised word, or a known name in a naming context such as "wife
// Carol" or "RN Smith"). Eponyms ("Parkinson's disease", "Bell's palsy") are public
// figures, not people in the post.

type titleInfo struct {
	subject Subject // default subject
	sex     string
}

var titles = map[string]titleInfo{
	"mr": {SubjectPatient, "M"}, "mrs": {SubjectPatient, "F"}, "ms": {SubjectPatient, "F"},
	"miss": {SubjectPatient, "F"}, "mx": {SubjectPatient, ""}, "master": {SubjectPatient, "M"},
	"dr": {SubjectColleague, ""}, "doctor": {SubjectColleague, ""}, "prof": {SubjectColleague, ""},
	"professor": {SubjectColleague, ""}, "sister": {SubjectColleague, "F"}, "nurse": {SubjectColleague, ""},
	"matron": {SubjectColleague, "F"}, "sir": {SubjectPublicFigure, "M"}, "dame": {SubjectPublicFigure, "F"},
	"lord": {SubjectPublicFigure, "M"}, "lady": {SubjectPublicFigure, "F"}, "rev": {SubjectPublicFigure, ""},
	"reverend": {SubjectPublicFigure, ""}, "revd": {SubjectPublicFigure, ""}, "cllr": {SubjectPublicFigure, ""},
	"councillor": {SubjectPublicFigure, ""}, "father": {SubjectPublicFigure, "M"}, "fr": {SubjectPublicFigure, "M"},
	"rabbi": {SubjectPublicFigure, ""}, "imam": {SubjectPublicFigure, "M"}, "canon": {SubjectPublicFigure, ""},
	"sgt": {SubjectPublicFigure, ""}, "captain": {SubjectPublicFigure, ""}, "capt": {SubjectPublicFigure, ""},
	"pc": {SubjectPublicFigure, ""}, "det": {SubjectPublicFigure, ""}, "judge": {SubjectPublicFigure, ""},
}

// weakTitles need a capitalised title and a name-like word after them, because they
// are also ordinary words ("sister", "nurse", "father", "lady", "master", "judge").
var weakTitles = map[string]bool{
	"sister": true, "nurse": true, "father": true, "lady": true, "master": true, "judge": true,
	"captain": true, "canon": true, "doctor": true, "matron": true, "pc": true, "det": true, "lord": true,
}

// notNameAfterTitle are capitalised words that follow a title without being a name.
var notNameAfterTitle = map[string]bool{
	"google": true, "right": true, "who": true, "and": true, "or": true, "the": true, "of": true,
	"in": true, "on": true, "at": true, "to": true, "is": true, "was": true, "has": true, "had": true,
	"said": true, "says": true, "a": true, "an": true, "x": true, "y": true, "z": true, "so": true,
	"today": true, "yesterday": true, "please": true, "thanks": true, "i": true, "he": true,
	"she": true, "they": true, "we": true, "you": true, "it": true, "my": true, "his": true, "her": true,
	"registrar": true, "consultant": true, "gp": true, "fy1": true, "fy2": true, "nhs": true,
	"foster": false,
}

// eponymHeads are words that, after "Name's", make the name an eponym.
var eponymHeads = map[string]bool{
	"disease": true, "syndrome": true, "sign": true, "palsy": true, "test": true, "law": true,
	"triad": true, "phenomenon": true, "manoeuvre": true, "maneuver": true, "node": true,
	"ulcer": true, "fracture": true, "contracture": true, "cyst": true, "lymphoma": true,
	"sarcoma": true, "tumour": true, "tumor": true, "criteria": true, "score": true,
	"classification": true, "procedure": true, "operation": true, "reflex": true, "chorea": true,
	"encephalopathy": true, "thyroiditis": true, "arteritis": true, "anomaly": true,
	"disorder": true, "dementia": true, "ataxia": true, "dystrophy": true, "paralysis": true,
	"position": true, "incision": true, "solution": true, "stain": true, "formula": true,
	"rule": true, "rules": true, "point": true, "space": true, "duct": true, "canal": true,
}

// matchNames finds titled names, then dictionary names.
func (s *scan) matchNames() {
	for i := 0; i < len(s.toks); i++ {
		t := &s.toks[i]
		if t.kind != tokWord || s.used[i] {
			continue
		}
		w := s.lo(i)
		ti, ok := titles[w]
		if !ok {
			continue
		}
		if weakTitles[w] && !t.cap {
			continue
		}
		if !t.cap && !s.isAllLowerText() {
			// "mrs jones" in lower case is still a name; "dr" lower case too.
			if w != "mr" && w != "mrs" && w != "ms" && w != "dr" && w != "miss" && w != "prof" {
				continue
			}
		}
		k := i + 1
		if s.is(k, ".") && s.toks[k].gap == 0 {
			k++
		}
		start := k
		end := s.nameRun(k, weakTitles[w] || !t.cap)
		if end == start {
			continue
		}
		// "Mr Parkinson's disease" is not a thing; "Dr Bell's palsy" neither: drop
		// eponyms even after a title.
		if s.eponymAt(end) {
			continue
		}
		subj := s.nameSubject(i, ti.subject)
		val := strings.ToLower(s.n.text[s.toks[start].start:s.toks[end-1].end])
		s.add(Detail{Kind: KindPersonName, Value: val, Generalisations: []string{w}, Confidence: 0.95, Subject: subj}, i, end)
		if ti.sex != "" && (subj == SubjectPatient || subj == SubjectRelative) {
			s.add(Detail{Kind: KindSex, Value: ti.sex, Confidence: 0.9, Subject: subj, Frequency: 0.5}, i, i+1)
		}
		s.claim(i, end)
		i = end - 1
	}
	s.matchDictNames()
}

// isAllLowerText reports a text written without capitals (common in quick posts and in
// some clinical notes), where capitalisation cannot be required.
func (s *scan) isAllLowerText() bool {
	caps := 0
	for i := range s.toks {
		if s.toks[i].cap {
			caps++
			if caps > 2 {
				return false
			}
		}
	}
	return true
}

// nameRun returns the end of a run of up to three name words starting at k: capitalised
// words, initials ("J."), hyphenated and apostrophe names ("Smith-Jones", "O'Brien").
func (s *scan) nameRun(k int, strict bool) int {
	end := k
	words := 0
	for words < 3 && end < len(s.toks) {
		t := &s.toks[end]
		if t.kind != tokWord || (t.nl > 0 && end > k) {
			break
		}
		w := s.lo(end)
		if notNameAfterTitle[w] && !(words == 0 && w == "x" && false) {
			break
		}
		if !t.cap && !(words == 0 && !strict && s.isAllLowerText()) {
			break
		}
		if words > 0 && cueWords[w] != 0 && !s.ex.lex.isName(w) {
			break
		}
		if words == 0 && strict && s.ex.lex.commonWord(w) && !s.ex.lex.isName(w) {
			break
		}
		end++
		words++
		// Initial with a full stop.
		if t.end-t.start == 1 && s.is(end, ".") && s.toks[end].gap == 0 {
			end++
		}
		// Glued joins: O'Brien, Smith-Jones.
		for end+1 < len(s.toks) && s.toks[end].gap == 0 && (s.lo(end) == "-" || s.lo(end) == "'") &&
			s.toks[end+1].gap == 0 && s.toks[end+1].kind == tokWord && s.toks[end+1].cap {
			end += 2
		}
	}
	return end
}

// eponymAt reports "'s disease" (or a plain eponym head) at token k.
func (s *scan) eponymAt(k int) bool {
	if s.is(k, "'") && s.is(k+1, "s") {
		return eponymHeads[s.lo2(k+2)] || s.ex.lex.isConditionStart(k+2, s)
	}
	if s.is(k, "'s") {
		return eponymHeads[s.lo2(k+1)]
	}
	return eponymHeads[s.lo2(k)]
}

// nameSubject decides who a titled or dictionary name is.
func (s *scan) nameSubject(i int, def Subject) Subject {
	f := s.sentFlags(i)
	// "I'm Dr Smith", "my name is".
	if s.hasWordsBefore(i, 3, "i'm", "i am", "name is", "regards", "thanks", "cheers", "signed") {
		return SubjectAuthor
	}
	if s.hasWordsBefore(i, 3, "mp", "minister", "secretary", "president", "mayor", "chair", "chief executive", "ceo") {
		return SubjectPublicFigure
	}
	if s.hasWordsBefore(i, 3, "patient", "pt", "my patient", "patient's") {
		return SubjectPatient
	}
	if s.hasWordsBefore(i, 2, "wife", "husband", "daughter", "son", "mother", "father", "mum", "dad", "sister", "brother", "carer", "nok", "partner", "niece", "nephew", "friend", "neighbour") {
		return SubjectRelative
	}
	switch def {
	case SubjectPatient:
		if f&cueColleague != 0 && f&cuePatient == 0 {
			return SubjectColleague
		}
		if s.hasWordsBefore(i, 2, "consultant", "surgeon", "registrar", "colleague", "boss") || s.hasWordsAfter(i+2, 3, "the consultant", "the surgeon", "consultant", "surgeon") {
			return SubjectColleague
		}
		return SubjectPatient
	case SubjectColleague:
		return SubjectColleague
	}
	return def
}
