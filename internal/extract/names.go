package extract

import "strings"

// Person names. A title ("Mrs", "Dr") followed by capitalised words is a name whatever
// the words; without a title a name needs dictionary evidence (a known first name
// followed by a capitalised word, or a known name in a naming context such as "wife
// Moira" or "RN Smith"). Eponyms ("Parkinson's disease", "Bell's palsy") are public
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
	"councillor": {SubjectPublicFigure, ""}, "father": {SubjectPublicFigure, "M"},
	"rabbi": {SubjectPublicFigure, ""}, "imam": {SubjectPublicFigure, "M"}, "canon": {SubjectPublicFigure, ""},
	"frau": {SubjectPatient, "F"}, "herr": {SubjectPatient, "M"},
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
	// Devices named after people ("Sengstaken-Blakemore tube", "Swan-Ganz catheter").
	"tear": true, "valve": true, "tube": true, "catheter": true, "cath": true, "drain": true,
	"device": true, "mattress": true, "pacer": true, "splint": true, "collar": true, "boots": true,
	"stockings": true, "forceps": true, "retractor": true, "clamp": true, "blanket": true,
	"warmer": true, "pump": true, "mask": true,
}

// quoteMarks open and close a nickname.
var quoteMarks = map[string]bool{"'": true, "\"": true, "‘": true, "’": true, "“": true, "”": true}

// matchNicknamed finds a name with a nickname in quotes between the first name and
// the surname ("Bert 'the Post' Hollis", "Jean \"Bunty\" Morrow"): the pattern is a
// name's whatever the words inside the quotes are.
func (s *scan) matchNicknamed() {
	lex := s.ex.lex
	for i := 0; i+3 < len(s.toks); i++ {
		if s.toks[i].kind != tokWord || !s.toks[i].cap || s.used[i] || !quoteMarks[s.lo(i+1)] {
			continue
		}
		_, first := lex.firstNames[s.lo(i)]
		if !first && lex.common[s.lo(i)] {
			continue
		}
		close := -1
		for k := i + 2; k < len(s.toks) && k <= i+6; k++ {
			if quoteMarks[s.lo(k)] {
				close = k
				break
			}
			if s.toks[k].kind == tokPunct || s.toks[k].nl > 0 {
				break
			}
		}
		if close < 0 || close == i+2 {
			continue
		}
		j := close + 1
		if j >= len(s.toks) || s.toks[j].kind != tokWord || !s.properCap(j) || s.toks[j].nl > 0 || lex.common[s.lo(j)] && !lex.surnameSet.has(s.lo(j)) {
			continue
		}
		if !first && !lex.surnameSet.has(s.lo(j)) {
			continue // one side at least must be a known name
		}
		end := s.nameRun(j, true)
		if end <= j {
			end = j + 1
		}
		subj := s.nameSubject(i, SubjectUnknown)
		if subj == SubjectUnknown {
			subj = s.subjectAt(i)
		}
		s.addName(i, end, subj, 0.85)
		i = end - 1
	}
}

// matchNames finds titled names, then dictionary names.
func (s *scan) matchNames() {
	for i := s.nextFlag(0, fTitle); i < len(s.toks); i = s.nextFlag(i+1, fTitle) {
		t := &s.toks[i]
		if t.kind != tokWord || s.used[i] || s.wf[i]&fTitle == 0 {
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
		if (s.is(k, ".") || s.is(k, "'") && w == "drs") && s.toks[k].gap == 0 {
			k++
		}
		// In a note written in capitals "MS" is morphine or multiple sclerosis and
		// "DR" may be anything: the word after must be a known name.
		if t.upper && s.shouting() && (w == "pa" || w == "pc") && !s.knownName(k) {
			continue
		}
		// "ms" is also morphine or mental state, "MR" mitral regurgitation: after them a
		// name must look like one.
		if (w == "ms" || t.upper && w == "mr") && !s.knownName(k) && !(k < len(s.toks) && s.toks[k].cap && !s.toks[k].upper) &&
			!(s.shouting() && k < len(s.toks) && s.toks[k].kind == tokWord && len(s.lo(k)) >= 5 && vowels(s.lo(k)) >= 2 && !s.ex.lex.commonWord(s.lo(k)) && s.wf[k]&fTermStart == 0 && !clinicalUnits[s.lo(k)]) {
			continue
		}
		if t.upper && k < len(s.toks) && (s.ex.lex.commonWord(s.lo(k)) || clinicalNames[s.lo(k)]) && !s.ex.lex.isName(s.lo(k)) &&
			!(w == "dr" && s.shouting() && !titleStop[s.lo(k)] && !clinicalNames[s.lo(k)] && cueWords[s.lo(k)] == 0) {
			continue
		}
		if k < len(s.toks) && s.toks[k].nl > 0 {
			continue
		}
		start := k
		end := s.nameRun(k, weakTitles[w])
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
	s.matchContextNames()
	s.matchNamePairs()
	s.matchContactNames()
	s.matchInitialNames()
	s.matchAwareNames()
	s.matchActingNames()
	s.matchPlacedNames()
	s.matchBracketedInitials()
	s.matchSignatures()
	s.matchWrittenNames()
	s.matchCoordinatedNames()
}

// titleStop are words that follow "DR" in a note in capitals without being a name.
var titleStop = map[string]bool{
	"the": true, "a": true, "to": true, "in": true, "on": true, "at": true, "and": true, "of": true,
	"for": true, "with": true, "is": true, "was": true, "will": true, "has": true, "had": true,
	"may": true, "aware": true, "notified": true, "called": true, "ordered": true, "here": true,
	"there": true, "said": true, "states": true, "note": true, "order": true, "orders": true,
	"office": true, "team": true, "service": true, "on-call": true, "call": true, "covering": true,
}

// relativeWords introduce a relative's name ("wife Moira", "son, Declan").
var relativeWords = map[string]bool{
	"wife": true, "husband": true, "son": true, "daughter": true, "dtr": true, "dau": true,
	"brother": true, "sister": true, "mother": true, "mom": true, "mum": true, "father": true,
	"dad": true, "friend": true, "nephew": true, "niece": true, "grandson": true,
	"granddaughter": true, "partner": true, "fiance": true, "fiancee": true, "girlfriend": true,
	"boyfriend": true, "sons": true, "daughters": true, "brothers": true, "sisters": true,
	"caseworker": true, "hcp": true, "proxy": true, "cousin": true, "aunt": true, "uncle": true,
	"neighbor": true, "neighbour": true, "stepson": true, "stepdaughter": true, "sil": true,
	"dil": true, "carer": true, "caregiver": true, "spouse": true, "grandmother": true, "grandfather": true,
}

// staffWords introduce a colleague's name ("NP Moira", "RN Smith", "per Quennell").
var staffWords = map[string]bool{
	"np": true, "rn": true, "md": true, "pa": true, "rrt": true, "attending": true, "resident": true,
	"fellow": true, "intern": true, "nurse": true, "sw": true, "cm": true, "per": true, "registrar": true,
	"consultant": true, "surgeon": true, "physio": true, "physiotherapist": true, "pharmacist": true,
	"midwife": true, "hca": true, "sho": true, "fy1": true, "fy2": true, "locum": true, "colleague": true,
	"paged": true, "page": true, "notified": true, "informed": true, "dr's": true, "ho": true,
	"np's": true, "rn's": true, "drs": true,
	// The UK's staff titles and grades written before a first name: "SN Bethan",
	// "DSN Mari", "FY1 Tom", "ST4 Ailsa", "health visitor Carol", "practice manager Bev".
	"sn": true, "dsn": true, "cns": true, "anp": true, "acp": true, "dn": true, "ccn": true, "hcsw": true,
	"st1": true, "st2": true, "st3": true, "st4": true, "st5": true, "st6": true, "st7": true, "st8": true,
	"ct1": true, "ct2": true, "ct3": true, "pm": true, "manager": true, "visitor": true, "receptionist": true,
	"dietitian": true, "dietician": true, "paramedic": true, "chaplain": true, "porter": true, "phlebotomist": true,
	"radiographer": true, "sonographer": true, "therapist": true, "hv": true, "matron": true,
}

// credentials written after a name ("T. Pengelly, RRT", "B. Quennell PA").
var credentials = map[string]bool{
	"rrt": true, "rn": true, "md": true, "pa": true, "np": true, "do": false, "sn": true, "lpn": true,
	"bsn": true, "crnp": true, "mrcp": true, "frcs": true, "mrcgp": true, "rgn": true, "phd": true,
	"msw": true, "licsw": true, "lcsw": true, "lsw": true, "cns": true, "lmsw": true,
}

// talkVerbs introduce a person by name ("spoke with Bronwen", "called Siobhan").
var talkVerbs = map[string]bool{
	"with": true, "called": true, "phoned": true, "spoke": true, "told": true, "asked": true,
	"both": true, "reach": true, "by": true, "spokesperson": true, "person": true, "contact": true,
	"is": true, "visited": true, "accompanied": true, "contacts": true, "contacted": true,
	"consult": true, "consulted": true, "paging": true,
}

// clinicalNames are first names that are far more often clinical shorthand (max
// assistance, moves all extremities, neosynephrine, emergency department).
var clinicalNames = map[string]bool{
	"max": true, "min": true, "mae": true, "neo": true, "ed": true, "art": true, "al": true,
	"sat": true, "lue": true, "rue": true, "lle": true, "rle": true, "ace": true, "ada": true,
	"ana": true, "ali": true, "cam": true, "dee": true, "eva": true, "gail": false, "jan": true,
	"lynn": false, "mac": true, "mel": true, "ray": true, "val": true, "tia": true, "vic": true,
	"les": true, "rad": true, "brady": true, "tachy": true, "lima": true, "asa": true, "ivy": true,
	"may": true, "aline": true, "riss": true, "mark": true, "sunday": true, "monday": true,
	"tuesday": true, "friday": true, "april": true, "august": true, "summer": true, "autumn": true,
	"winter": true, "spring": true, "dawn": true, "eve": false, "ivan": false, "vt": true, "stoma": true,
	"vanco": true, "micu": true, "cal": true, "colace": true, "picc": true, "fick": true, "med": true, "meds": true, "june": true, "dob": true, "doc": true, "pat": false,
}

// nameish reports that token k can be (part of) a name given a naming context: a known
// name that is not an ordinary word, or a properly capitalised unknown word.
func (s *scan) nameish(k int) bool {
	if k < 0 || k >= len(s.toks) || s.toks[k].kind != tokWord || s.used[k] {
		return false
	}
	w := s.lo(k)
	if len(w) < 2 || clinicalNames[w] || cueWords[w] != 0 || notNameAfterTitle[w] || titles[w].subject != 0 || relativeWords[w] || staffWords[w] || credentials[w] {
		return false
	}
	lex := s.ex.lex
	if lex.commonWord(w) {
		return false
	}
	if lex.isName(w) {
		// Short capitalised tokens in a shouted note are acronyms more often than names;
		// words that start a term ("russian") are that term.
		return !(s.toks[k].upper && len(w) < 4) && s.wf[k]&fTermStart == 0
	}
	// Unknown words: only properly capitalised ones, and not acronyms (ETT, NC).
	return s.properCap(k) && !s.toks[k].upper && !s.ex.lex.isPlaceStart(s, k)
}

// initialAt reports "K." or "K" (a single capital letter) at token k, returning the
// token after it.
func (s *scan) initialAt(k int) (int, bool) {
	if k < 0 || k >= len(s.toks) {
		return k, false
	}
	t := &s.toks[k]
	if t.kind != tokWord || t.end-t.start != 1 {
		return k, false
	}
	c := s.n.text[t.start]
	if c < 'A' || c > 'Z' {
		if !(c >= 'a' && c <= 'z' && s.is(k+1, ".")) {
			return k, false
		}
	}
	if s.is(k+1, ".") && s.toks[k+1].gap == 0 {
		return k + 2, true
	}
	return k + 1, true
}

// contextNameRun reads "[Initial.] name [Initial.] [name]" from k and returns its end.
func (s *scan) contextNameRun(k int) int {
	end := k
	words := 0
	for words < 3 {
		if e, ok := s.initialAt(end); ok && s.nameish(e) {
			end = e
			continue
		}
		if words > 0 && end < len(s.toks) && s.toks[end].nl == 0 && s.toks[end].gap > 0 && !s.nameish(end) && s.looseNameWord(end) &&
			!s.ex.lex.isName(s.lo(end)) && len(s.lo(end)) >= 4 && s.nameCloses(end+1) {
			// An unlisted surname after a first name in a naming context, where
			// capitals cannot tell ("CASEWORKER ESME TREGUNNA.").
			end++
			break
		}
		if words > 0 && end < len(s.toks) && s.toks[end].nl == 0 && s.toks[end].gap > 0 && !s.nameish(end) && s.properCap(end) && !s.toks[end].upper &&
			!s.shouting() && s.knownFirst(end-1) && s.properCap(end-1) && s.wf[end]&(fTitle|fStaff|fRelative|fCue|fMonth|fInstitution) == 0 && !s.ex.lex.isConditionStart(end, s) &&
			s.ex.lex.commonWord(s.lo(end)) && !s.ex.lex.isPlaceStart(s, end) {
			// A capitalised word after a capitalised first name, in mixed-case
			// writing: "dtr Heather Mason", "followed by Moira Fisher" (a job title
			// there is a surname).
			end++
			break
		}
		if words > 0 && end+1 < len(s.toks) && s.toks[end].nl == 0 && s.toks[end+1].nl == 0 && len(s.lo(end)) <= 3 && !s.nameish(end) && s.knownFirstAnyCase(end) &&
			(s.nameish(end+1) || s.looseNameWord(end+1) && !s.ex.lex.isName(s.lo(end+1)) && len(s.lo(end+1)) >= 4 && s.nameCloses(end+2)) {
			// A short middle name: "MOIRA JEAN TREGUNNA".
			end++
			continue
		}
		if !s.nameish(end) || (words > 0 && s.toks[end].nl > 0) {
			break
		}
		end++
		words++
		for end+1 < len(s.toks) && s.toks[end].gap == 0 && (s.lo(end) == "-" || s.lo(end) == "'") &&
			s.toks[end+1].gap == 0 && s.toks[end+1].kind == tokWord && !s.ex.lex.commonWord(s.lo(end+1)) {
			end += 2
		}
	}
	if words == 0 {
		return k
	}
	return end
}

// matchContextNames finds untitled names from what surrounds them.
func (s *scan) matchContextNames() {
	for i := s.nextFlag(0, fRelative|fStaff|fTalk); i < len(s.toks); i = s.nextFlag(i+1, fRelative|fStaff|fTalk) {
		if s.used[i] || s.toks[i].kind != tokWord || s.wf[i]&(fRelative|fStaff|fTalk) == 0 {
			continue
		}
		w := s.lo(i)
		k := i + 1
		if s.is(k, ",") || s.is(k, ":") || s.is(k, "-") || s.is(k, "(") || s.is(k, "\"") {
			k++
		}
		var subj Subject
		switch {
		case s.wf[i]&fRelative != 0 && relativeWords[w]:
			subj = SubjectRelative
		case s.wf[i]&fStaff != 0 && staffWords[w]:
			// "per protocol", "per EPR": after "per" only dictionary names.
			if e, ok := s.initialAt(k); ok && e == k+2 && s.initialSurnameAt(e) && s.nameCloses(e+1) && !s.anyUsed(k, e+1) {
				// "per B. Quennell.": an initial and an unlisted surname.
				s.addName(k, e+1, SubjectColleague, 0.75)
				i = e
				continue
			}
			if (w == "per" || w == "page" || w == "paged" || w == "informed" || w == "notified") && !s.knownName(k) &&
				!(s.firstNameAnyway(k) && k+1 < len(s.toks) && s.toks[k+1].kind == tokWord && s.ex.lex.isName(s.lo(k+1)) && !s.ex.lex.commonWord(s.lo(k+1))) {
				continue
			}
			subj = SubjectColleague
		case s.wf[i]&fTalk != 0 && talkVerbs[w] && i+1 < len(s.toks):
			// Only known first names after these common words, or a first name that is
			// also a word written with its capital ("unable to reach Gwen").
			// (Not in a title: "Living With Gilbert Syndrome".)
			if !s.knownFirst(k) && !(s.firstNameAnyway(k) && s.properCap(k) && !s.toks[k].upper && !s.toks[i].cap && !(k+1 < len(s.toks) && s.toks[k+1].gap == 0 && s.lo(k+1) == "-")) &&
				!(s.firstNameAnyway(k) && k+1 < len(s.toks) && s.toks[k+1].nl == 0 && s.sameHand(k, k+1) && s.ex.lex.isName(s.lo(k+1)) && !s.ex.lex.commonWord(s.lo(k+1))) {
				continue
			}
			subj = SubjectUnknown
		default:
			continue
		}
		end := s.contextNameRun(k)
		if end == k && (subj == SubjectRelative || subj == SubjectColleague || subj == SubjectUnknown) && s.firstNameAnyway(k) {
			end = k + 1
			if s.nameish(end) {
				end = s.contextNameRun(end)
			}
		}
		if end == k && subj == SubjectRelative && s.relativeNameAt(k) {
			end = k + 1
		}
		if end == k && subj == SubjectColleague && w != "per" && s.looseNameWord(k) && k+1 < len(s.toks) && awareWords[s.lo(k+1)] && s.lo(k+1) != "family" {
			// "NP BETH AWARE": a colleague told, named by the word between.
			end = k + 1
		}
		if end == k {
			continue
		}
		if s.eponymAhead(end) {
			continue
		}
		if subj == SubjectUnknown {
			subj = s.nameSubject(i+1, SubjectPatient)
		}
		s.addName(k, end, subj, 0.75)
		i = end - 1
	}
	// Names before a credential ("T. Pengelly, RRT") and names alone on a line (signatures).
	for i := 0; i < len(s.toks); i++ {
		if s.wf[i]&fCredential == 0 && s.words[i] != "r" && s.words[i] != "(" {
			// Shortcut: neither dotted, bracketed nor a credential (see below).
			continue
		}
		dotted := s.toks[i].kind == tokWord && s.lo(i) == "r" && s.is(i+1, ".") && s.is(i+2, "n") && s.gapFree(i, i+3)
		// "MAIR PENHALIGON (DAUGHTER)", "ROB TREVASKIS (RESIDENT)": who they are, in
		// brackets after the name.
		role := SubjectColleague
		bracketed := s.is(i, "(") && s.is(i+2, ")") && s.flag(i+1)&(fRelative|fStaff) != 0 && s.lo2(i+1) != "per"
		if bracketed && relativeWords[s.lo(i+1)] {
			role = SubjectRelative
		}
		if !dotted && !bracketed && (s.wf[i]&fCredential == 0 || s.toks[i].kind != tokWord || !credentials[s.lo(i)]) {
			continue
		}
		j := i - 1
		if s.is(j, ",") {
			j--
		}
		start := j + 1
		// vouched: the run holds a first name and an unlisted surname, or an initial
		// and one, which is a name before a credential though no list has the surname.
		vouched := false
		for start > 0 && start > j-4 {
			k := start - 1
			if s.toks[k].kind == tokWord && s.nameish(k) {
				start = k
				continue
			}
			// "B. QUENNELL PA": an initial and an unlisted surname.
			if k == j && s.initialSurnameAt(k) {
				start, vouched = k-2, true
				break
			}
			// "Trewin-Baker MD", "Moira Fisher, MSW": a capitalised word that is also a
			// word, right before the credential, after a hyphen or a first name.
			if k == j && k >= 2 && s.properCap(k) && !s.toks[k].upper && !s.shouting() && s.toks[k].gap > 0 == (s.lo(k-1) != "-") &&
				(s.lo(k-1) == "-" && s.looseNameWord(k-2) && s.properCap(k-2) || s.wf[k]&fTermStart == 0 && s.knownFirst(k-1) && s.properCap(k-1)) {
				start, vouched = k-1, true
				if s.lo(k-1) == "-" {
					start = k - 2
				}
				continue
			}
			if s.lo(k) == "-" && k > 0 && s.toks[k].gap == 0 && s.toks[k-1].kind == tokWord && s.nameish(k-1) {
				start = k - 1
				continue
			}
			// "o'dowd", "O'Dwyer": the prefix and its apostrophe.
			if s.lo(k) == "'" && k > 0 && s.toks[k].gap == 0 && s.toks[k+1].gap == 0 && (s.lo(k-1) == "o" || s.lo(k-1) == "d") {
				start = k - 1
				continue
			}
			// "Penrose-Vaughan MD": a double-barrelled name whose first half no list has.
			if s.lo(k) == "-" && k > 0 && s.toks[k].gap == 0 && s.toks[k+1].gap == 0 && s.looseNameWord(k-1) && s.sameHand(k-1, k+1) {
				start = k - 1
				continue
			}
			// An unknown surname after a known first name: "Declan Quennell NP",
			// "Esme Tregunna, RN".
			if s.toks[k].kind == tokWord && k == start-1 && k > 0 && !s.ex.lex.commonWord(s.lo(k)) && len(s.lo(k)) >= 3 &&
				(s.knownFirst(k-1) || s.firstNameAnyway(k-1)) && (s.toks[k].cap || s.lowerish()) {
				start, vouched = k-1, true
				continue
			}
			if s.is(k, ".") && k > 0 {
				if _, ok := s.initialAt(k - 1); ok {
					start = k - 1
					continue
				}
			}
			if e, ok := s.initialAt(k); ok && e == start {
				start = k
				continue
			}
			break
		}
		// The first word of the name, at the start of a clause, may be a first name
		// that is also a word or one no list has ("GUS QUENNELL RRT", "Esme Tregunna, RN").
		loose := start <= j && start > 0 && s.looseNameWord(start-1) &&
			(s.clauseStartAt(start-1) || s.initialSurnameAt(start-1))
		if loose {
			start--
			// "B. QUENNELL PA": an initial before the unlisted surname.
			if start >= 2 && s.is(start-1, ".") {
				if e, ok := s.initialAt(start - 2); ok && e == start {
					start -= 2
				}
			}
		}
		if start <= j && (vouched || s.hasKnownName(start, j+1) || loose && j > start && s.looseNameWord(j)) {
			if !s.anyUsed(start, j+1) {
				s.addName(start, j+1, role, 0.75)
			}
		}
	}
}

// relativeNameAt reports a single word right after a relative word that is a name by
// its place although no case or list says so: a first name in a shouted note ("SON
// GUS 0161...", "BROTHER DEWI AND"), or an unlisted word in a lower-case note
// ("husband dragomir."), when the phrase closes straight after it.
func (s *scan) relativeNameAt(k int) bool {
	if k >= len(s.toks) || s.toks[k].gap == 0 || s.toks[k].kind != tokWord || s.used[k] {
		return false
	}
	w := s.lo(k)
	_, first := s.ex.lex.firstNames[w]
	if !s.looseNameWord(k) {
		// A first name that is also a word ("son bill lives nearby", "daughter pat
		// lives in town") when the phrase closes straight after it.
		if !first || clinicalNames[w] || cueWords[w] != 0 || s.wf[k]&(fTermStart|fTitle|fRelative|fStaff|fMonth) != 0 {
			return false
		}
	} else if !first && (s.ex.lex.isName(w) || len(w) < 4) {
		return false
	}
	return s.nameCloses(k + 1)
}

// nameCloses reports that a name can end before token n: the text, line or clause
// ends, a number (a phone) follows, or a word that goes after a person's name.
func (s *scan) nameCloses(n int) bool {
	if n >= len(s.toks) || s.toks[n].nl > 0 || s.toks[n].kind == tokNum || sentencePunct(s.lo(n)) || s.lo(n) == "(" || s.lo(n) == "-" {
		return true
	}
	switch s.lo(n) {
	case "and", "in", "is", "was", "called", "visited", "visiting", "at", "aware", "updated", "here", "present", "came", "will", "has", "phoned", "spoke", "notified", "lives", "who":
		return true
	}
	return false
}

// initialSurnameAt reports an unlisted word that, after a capital initial and a dot,
// reads as a surname ("B. Quennell"): not a word of the language or of medicine.
func (s *scan) initialSurnameAt(k int) bool {
	if k < 2 || k >= len(s.toks) || !s.is(k-1, ".") || s.toks[k].gap == 0 || len(s.lo(k)) < 4 || !s.looseNameWord(k) {
		return false
	}
	e, ok := s.initialAt(k - 2)
	c := s.n.text[s.toks[k-2].start]
	return ok && e == k && c >= 'A' && c <= 'Z'
}

// clauseStartAt reports that token k opens a clause: the text or a line starts
// there, or punctuation comes straight before it.
func (s *scan) clauseStartAt(k int) bool {
	return k == 0 || s.toks[k].nl > 0 || s.toks[k-1].kind == tokPunct && s.lo(k-1) != "'" && s.lo(k-1) != "/"
}

// looseNameWord reports a word that can be part of a name right before a credential
// although no name list vouches for it: a first name that is also a word, or a word
// that is neither a dictionary word nor a clinical one, written as a name is written
// in this text.
func (s *scan) looseNameWord(k int) bool {
	if k < 0 || k >= len(s.toks) || s.toks[k].kind != tokWord || s.used[k] {
		return false
	}
	w := s.lo(k)
	if len(w) < 2 || clinicalNames[w] || cueWords[w] != 0 || notNameAfterTitle[w] || titles[w].subject != 0 || relativeWords[w] || staffWords[w] || credentials[w] || s.wf[k]&fTermStart != 0 || clinicalUnits[w] {
		return false
	}
	if s.firstNameAnyway(k) || s.ex.lex.isName(w) && !s.ex.lex.commonWord(w) {
		return true
	}
	if len(w) < 3 || s.ex.lex.commonWord(w) || drugLike(w) || medicalWord(w) {
		return false
	}
	t := &s.toks[k]
	return t.cap && !t.upper || t.upper && s.shouting() || !t.cap && s.lowerish()
}

// firstNameAnyway reports a first name that is also an ordinary word ("Grace",
// "Bill", "Rich"), acceptable right after a relative or staff word.
func (s *scan) firstNameAnyway(k int) bool {
	if k >= len(s.toks) || s.toks[k].kind != tokWord || s.used[k] {
		return false
	}
	if s.wf[k]&fFirstName == 0 {
		// No first name (the flag is set for every one): skip the map look-ups.
		return false
	}
	w := s.lo(k)
	if cueWords[w] != 0 || notNameAfterTitle[w] || clinicalNames[w] || relativeWords[w] {
		return false
	}
	fi, ok := s.ex.lex.firstNames[w]
	if !ok {
		return false
	}
	// Mixed-case writing must capitalise it; the commoner names pass in any case.
	return s.properCap(k) || fi.share > 2e-4
}

// microbes are species names written after an initial ("E. coli").
var microbes = map[string]bool{
	"aureus": true, "coli": true, "pylori": true, "diff": true, "difficile": true, "influenzae": true,
	"pneumoniae": true, "epidermidis": true, "albicans": true, "faecalis": true, "faecium": true,
	"cloacae": true, "marcescens": true, "aeruginosa": true, "fragilis": true, "perfringens": true,
	"tetani": true, "botulinum": true, "jejuni": true, "typhi": true, "enteritidis": true,
	"gondii": true, "vivax": true, "falciparum": true, "burgdorferi": true, "pallidum": true,
	"trachomatis": true, "gonorrhoeae": true, "meningitidis": true, "catarrhalis": true,
	"pyogenes": true, "agalactiae": true, "mutans": true, "viridans": true, "lugdunensis": true,
	"saprophyticus": true, "monocytogenes": true, "vaginalis": true, "lamblia": true,
	"histolytica": true, "carinii": true, "jirovecii": true, "neoformans": true, "fumigatus": true,
	"dubliniensis": true, "glabrata": true, "krusei": true, "tropicalis": true, "sonnei": true,
	"flexneri": true, "cholerae": true, "vulnificus": true, "pestis": true, "tularensis": true,
	"anthracis": true, "cereus": true, "subtilis": true, "tuberculosis": true, "leprae": true,
	"avium": true, "kansasii": true, "marinum": true, "abscessus": true, "hominis": true,
	"urealyticum": true, "genitalium": true, "baumannii": true, "maltophilia": true, "cepacia": true,
	"mirabilis": true, "vulgaris": true, "oxytoca": true, "freundii": true, "aerogenes": true,
	"pertussis": true, "diphtheriae": true, "acnes": true, "canis": true, "mansoni": true,
	"haematobium": true, "japonicum": true, "lumbricoides": true, "trichiura": true, "vermicularis": true,
	"elegans": true, "melanogaster": true, "sapiens": true, "cerevisiae": true, "rerio": true,
}

// matchInitialNames finds "K. Ainsworth", "q. lowther", "Tom R. Vane-Tempest".
func (s *scan) matchInitialNames() {
	for i := s.nextInitial(0); i+2 < len(s.toks); i = s.nextInitial(i + 1) {
		if s.used[i] {
			continue
		}
		t := &s.toks[i]
		if t.kind != tokWord || t.end-t.start != 1 || !s.is(i+1, ".") || s.toks[i+1].gap != 0 {
			continue
		}
		c := s.n.text[t.start]
		if c == 'I' || c == 'a' || c == 'A' && !s.shouting() {
			continue
		}
		k := i + 2
		if k >= len(s.toks) || s.toks[k].kind != tokWord || s.toks[k].nl > 0 {
			continue
		}
		w := s.lo(k)
		if (w == "o" || w == "d") && s.is(k+1, "'") && s.gapFree(k, k+3) && k+2 < len(s.toks) && s.toks[k+2].kind == tokWord {
			// "j. o'dowd": judge the name after the prefix.
			w = s.lo(k + 2)
		}
		if microbes[w] || len(w) < 3 || clinicalNames[w] || cueWords[w] != 0 || relativeWords[w] || staffWords[w] || credentials[w] {
			continue
		}
		told := s.hasWordsAfter(k+1, 4, "aware", "notified", "informed", "rrt", "rn", "md", "pa", "np", "r.n", "in to")
		if !told && (!s.ex.lex.isName(w) || s.ex.lex.commonWord(w)) {
			continue
		}
		// Not glued to what comes before ("90's.", "N/V. Abd", "d/c'd. Weaned"),
		// except an opening bracket ("nsg (t. pengelly and j. o'dowd)").
		if i > 0 && t.gap == 0 && s.lo(i-1) != "(" {
			continue
		}
		start := i
		// A first name before the initial: "Tom R. Vane-Tempest".
		if i > 0 && s.toks[i-1].kind == tokWord && !s.used[i-1] && s.toks[i].nl == 0 && (s.knownFirst(i-1) || s.firstNameAnyway(i-1)) {
			start = i - 1
		}
		end := k + 1
		for end+1 < len(s.toks) && s.toks[end].gap == 0 && (s.lo(end) == "-" || s.lo(end) == "'") && s.toks[end+1].gap == 0 && s.toks[end+1].kind == tokWord {
			end += 2
		}
		s.addName(start, end, s.nameSubject(start, SubjectColleague), 0.75)
		i = end - 1
	}
}

// matchCoordinatedNames extends a found name over "and X", ", X" where X is name-like:
// "Dr. Quennell and Tregunna", "Sons Declan, Morris and Gus".
func (s *scan) matchCoordinatedNames() {
	n := len(s.out)
	for d := 0; d < n; d++ {
		if s.out[d].Kind != KindPersonName {
			continue
		}
		subj := s.out[d].Subject
		// Find the token after the name.
		end := s.tokenAfterOrig(s.out[d].End)
		for end >= 0 && end+1 < len(s.toks) {
			sep := s.lo(end)
			if sep != "and" && sep != "," && sep != "&" {
				break
			}
			k := end + 1
			if titles[s.lo2(k)].subject != 0 {
				break
			}
			e := s.contextNameRun(k)
			if e == k && s.firstNameAnyway(k) {
				e = k + 1
			}
			if e == k || !s.toks[k].cap && !s.ex.lex.isName(s.lo(k)) {
				break
			}
			s.addName(k, e, subj, 0.7)
			end = e
		}
	}
}

// tokenAfterOrig returns the index of the first token starting at or after original
// byte offset off, or -1.
func (s *scan) tokenAfterOrig(off int) int {
	for k := range s.toks {
		st, _ := s.n.span(int(s.toks[k].start), int(s.toks[k].end))
		if st >= off {
			return k
		}
	}
	return -1
}

// awareWords after a name mark it as a person told or present ("Z. Ainsworth aware",
// "Pengelly family aware").
var awareWords = map[string]bool{"aware": true, "notified": true, "informed": true, "paged": true, "updated": true, "family": true}

// matchAwareNames finds known names right before "aware", "notified", "family".
func (s *scan) matchAwareNames() {
	for i := s.nextFlag(1, fAware); i < len(s.toks); i = s.nextFlag(i+1, fAware) {
		if s.wf[i]&fAware == 0 || s.used[i-1] {
			continue
		}
		start := i
		for k := i - 1; k >= 0 && k >= i-5; k-- {
			// Joins inside a surname: "o'dowd", "vane-tempest".
			if (s.lo(k) == "'" || s.lo(k) == "-") && s.toks[k].gap == 0 && k+1 == start && k > 0 && s.toks[k-1].kind == tokWord {
				start = k
				continue
			}
			if s.toks[k+1].nl > 0 && k+1 < i {
				break
			}
			if s.knownName(k) || s.firstNameAnyway(k) && start < i {
				start = k
				continue
			}
			// An unknown surname after a known first name: "moira tregunna aware".
			if k == i-1 && k > 0 && s.toks[k].kind == tokWord && !s.ex.lex.commonWord(s.lo(k)) && (s.knownFirst(k-1) || s.firstNameAnyway(k-1)) {
				start = k
				continue
			}
			break
		}
		if start < i && (s.lo(start) == "'" || s.lo(start) == "-") {
			start++
		}
		if start == i {
			continue
		}
		subj := SubjectColleague
		if s.lo(i) == "family" {
			subj = SubjectPatient
		}
		s.addName(start, i, subj, 0.65)
	}
}

// personVerbs after a first name make it a person acting: "bill called", "Gus
// wishes", "moira quennell is a 70 yr old".
var personVerbs = map[string]bool{
	"called": true, "visited": true, "phoned": true, "rang": true, "arrived": true, "left": true,
	"wishes": true, "verbalizes": true, "verbalises": true, "states": true, "stated": true,
	"says": true, "said": true, "agrees": true, "agreed": true, "declined": true, "refused": true,
	"consented": true, "understands": true, "requests": true, "requested": true,
	"does": true, "woke": true, "contacted": true, "verbalized": true, "verbalised": true,
	"expressed": true, "reports": true, "reported": true, "wants": true, "wanted": true,
	"ordered": true, "performed": true, "pronounced": true,
}

// matchActingNames finds first names (and a following surname) acting as people.
func (s *scan) matchActingNames() {
	if s.allFlags&fActVerb == 0 {
		return
	}
	for i := s.nextActing(0); i+1 < len(s.toks); i = s.nextActing(i + 1) {
		if s.used[i] || s.toks[i].kind != tokWord || s.flag(i+1)&fActVerb == 0 && s.flag(i+2)&fActVerb == 0 {
			continue
		}
		end := i + 1
		if s.toks[end].kind == tokWord && !s.used[end] && !s.ex.lex.commonWord(s.lo(end)) && s.ex.lex.isName(s.lo(end)) && s.toks[end].nl == 0 {
			end++
		}
		if end >= len(s.toks) {
			continue
		}
		if e, ok := s.initialAt(i); ok && e == i+1 && s.toks[i].cap && e < len(s.toks) && (s.knownName(e) || s.toks[e].upper && s.shouting() && s.ex.lex.isName(s.lo(e))) && personVerbs[s.lo2(e+1)] && !s.used[e] {
			// "J AINSWORTH ORDERED": an initial, a surname and what they did.
			s.addName(i, e+1, SubjectColleague, 0.65)
			i = e
			continue
		}
		acting := personVerbs[s.lo(end)] ||
			(s.is(end, "is") || s.is(end, "was")) && (s.is(end+1, "a") || s.is(end+1, "an")) && end+2 < len(s.toks) && s.toks[end+2].kind == tokNum
		if !acting {
			continue
		}
		if !s.knownFirst(i) && !(s.firstNameAnyway(i) && (s.properCap(i) || s.clauseStartAt(i) && personVerbs[s.lo(end)])) &&
			!(s.properCap(i) && !s.toks[i].upper && s.surnameOnly(i)) {
			// A capitalised listed surname acts too: "At this time Pengelly wishes".
			continue
		}
		subj := s.nameSubject(i, SubjectUnknown)
		if subj == SubjectUnknown {
			subj = s.subjectAt(i)
		}
		s.addName(i, end, subj, 0.65)
		i = end - 1
	}
}

// matchPlacedNames finds a listed first name written with its capital and followed by
// where the person is from or what they have: "Edna from the estate", "Donnie from
// Dingwall", "Seamus's cellulitis". (A first name that is also a word, "Will", "Rose",
// needs more context than this: knownFirst leaves it out.)
func (s *scan) matchPlacedNames() {
	for k := s.nextFlag(0, fFirstName); k+2 < len(s.toks); k = s.nextFlag(k+1, fFirstName) {
		if s.used[k] || !s.knownFirst(k) || !s.properCap(k) || s.toks[k].upper || s.toks[k+1].nl > 0 {
			continue
		}
		switch {
		case s.is(k+1, "from") && (s.is(k+2, "the") || s.ex.lex.isPlaceStart(s, k+2) && s.toks[k+2].cap):
		case s.is(k+1, "'") && s.is(k+2, "s") && s.toks[k+1].gap == 0 && k+3 < len(s.toks) && s.ex.lex.isConditionStart(k+3, s) && !s.eponymAhead(k):
		default:
			continue
		}
		subj := s.nameSubject(k, SubjectUnknown)
		if subj == SubjectUnknown {
			subj = s.subjectAt(k)
		}
		s.addName(k, k+1, subj, 0.65)
	}
}

// matchBracketedInitials finds a person's initials with a bracket that says who they
// are: an age or a place after them ("SMcK (60s) had an Hb of 61", "PMcG
// (Ballycastle), RD (Cushendun)"), or the initials in brackets after a patient phrase
// ("pt of mine (KD) works away").
func (s *scan) matchBracketedInitials() {
	for k := 0; k+2 < len(s.toks); k++ {
		if s.used[k] || s.toks[k].kind != tokWord {
			continue
		}
		if s.is(k-1, "(") && k >= 2 {
			// "(KD)" after "pt", "patient", "pt of mine", "a patient of ours".
			if e, ok := s.initialsAtAny(k, true); ok && s.is(e, ")") && s.hasWordsBefore(k-1, 4, "pt", "patient", "mine", "ours", "lady", "man", "woman", "chap") {
				s.addName(k, e, SubjectPatient, 0.7)
				k = e
			}
			continue
		}
		e, ok := s.initialsAtAny(k, false)
		if !ok || !s.is(e, "(") || e+2 >= len(s.toks) || s.toks[e].nl > 0 || clinicalNames[s.lo(k)] || s.ex.lex.isConditionStart(k, s) {
			continue
		}
		inner := e + 1
		close := inner + 1
		t := &s.toks[inner]
		// An age in words of a person: "60s", "44F", "72"; a bare number only as
		// an adult's age, not a dose or a result ("CRP (40)" is not read: CRP is a
		// test, and tests are no initials).
		age := t.kind == tokAlnum && (s.detailOver(KindAge, int(t.start)) || strings.HasSuffix(s.lo(inner), "s") && len(s.lo(inner)) == 3)
		place := t.kind == tokWord && t.cap && s.ex.lex.isPlaceStart(s, inner)
		if place {
			for close < len(s.toks) && close <= inner+3 && s.toks[close].kind == tokWord && s.toks[close].cap {
				close++
			}
		}
		if raw := s.raw(k); age && strings.ToUpper(raw) == raw {
			// Capitals alone before an age may be a test ("ALT (60s)"); initials
			// with a "Mc" or "Ll" in them ("SMcK") cannot.
			age = false
		}
		if !(age || place) || !s.is(close, ")") {
			continue
		}
		s.addName(k, e, SubjectPatient, 0.7)
		k = e
	}
}

// matchSignatures finds a name alone on the last lines of a note ("GILLIAN").
func (s *scan) matchSignatures() {
	if len(s.sent) == 0 {
		return
	}
	last := s.sent[len(s.sent)-1]
	if last.end-last.start > 4 || s.anyUsed(last.start, last.end) || s.toks[last.start].nl == 0 {
		return
	}
	words := 0
	for k := last.start; k < last.end; k++ {
		if s.toks[k].kind == tokPunct {
			continue
		}
		if !s.knownName(k) && !s.firstNameAnyway(k) && !(words > 0 && s.properCap(k) && !s.ex.lex.commonWord(s.lo(k))) {
			return
		}
		words++
	}
	if words == 0 {
		return
	}
	s.addName(last.start, last.end, SubjectColleague, 0.6)
}

// knownName reports a dictionary name, or an initial followed by one, at token k.
func (s *scan) knownName(k int) bool {
	if e, ok := s.initialAt(k); ok {
		k = e
	}
	if k >= len(s.toks) || s.toks[k].kind != tokWord {
		return false
	}
	w := s.lo(k)
	if s.toks[k].upper && (len(w) < 4 || !s.shouting()) {
		// Capitals in mixed-case writing are acronyms ("per NICE").
		return false
	}
	if s.wf[k]&fTermStart != 0 {
		// A word that starts a condition, drug-free term or nationality ("russian").
		return false
	}
	if len(w) <= 3 {
		// The surname list is noisy for short words: three letters must be a first name.
		_, first := s.ex.lex.firstNames[w]
		if !first {
			return false
		}
	}
	return s.ex.lex.isName(w) && !s.ex.lex.commonWord(w) && !clinicalNames[w]
}

// hasKnownName reports a dictionary name or an initial among tokens [i, j).
func (s *scan) hasKnownName(i, j int) bool {
	for k := i; k < j; k++ {
		if e, ok := s.initialAt(k); ok && e == k+2 {
			return true
		}
		if s.knownName(k) {
			return true
		}
	}
	return false
}

// knownFirst reports a known first name (not an ordinary word) at token k.
// knownFirstAnyCase reports a listed first name, however it is written.
func (s *scan) knownFirstAnyCase(k int) bool {
	if k >= len(s.toks) || s.toks[k].kind != tokWord || s.used[k] || s.wf[k]&fFirstName == 0 {
		return false
	}
	_, ok := s.ex.lex.firstNames[s.lo(k)]
	return ok && !clinicalNames[s.lo(k)] && cueWords[s.lo(k)] == 0
}

func (s *scan) knownFirst(k int) bool {
	if k >= len(s.toks) || s.toks[k].kind != tokWord || s.wf[k]&fFirstName == 0 {
		return false
	}
	w := s.lo(k)
	if s.toks[k].upper && !s.shouting() {
		return false
	}
	_, ok := s.ex.lex.firstNames[w]
	return ok && !s.ex.lex.commonWord(w) && !clinicalNames[w]
}

func (s *scan) addName(i, j int, subj Subject, conf float64) {
	if s.anyUsed(i, j) {
		return
	}
	val := strings.ToLower(s.n.text[s.toks[i].start:s.toks[j-1].end])
	s.add(Detail{Kind: KindPersonName, Value: val, Confidence: conf, Subject: subj}, i, j)
	s.claim(i, j)
}

// isAllLowerText reports a text written without capitals (common in quick posts and in
// some clinical notes), where capitalisation cannot be required.
// (At most one capitalised token in fifteen words or more; counted in reset.)
func (s *scan) isAllLowerText() bool { return s.anyCaps <= 1 && s.nWords >= 15 }

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
		dotted := words == 0 && k > 0 && (s.is(k-1, ".") && s.toks[k].gap > 0 || s.hasWordsAfter(k+1, 2, "aware", "notified", "informed", "paged", "called", "ordered", "'s"))
		if !t.cap && !(!strict && (!s.ex.lex.commonWord(w) || dotted) && (words == 0 || s.ex.lex.isName(w))) {
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

// medicalSuffixes mark a word as the name of a disorder ("myopathy", "anaemia").
var medicalSuffixes = []string{"osis", "itis", "pathy", "emia", "aemia", "oma", "plasia", "trophy", "algia", "ism", "iasis", "uria", "philia", "penia", "cytosis", "ectasia"}

func medicalWord(w string) bool {
	if eponymHeads[w] {
		return true
	}
	switch w {
	case "deficiency", "defect", "dysplasia", "hypotrichosis", "atresia", "malformation", "anomaly", "agenesis", "myopathy", "edema", "oedema", "anemia", "anaemia":
		return true
	}
	for _, suf := range medicalSuffixes {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// eponymAhead reports a disorder word within the next three tokens of an untitled
// name: "Emery Dreifuss muscular dystrophy", "Ramsay Hunt syndrome", "Beckwith
// Wiedemann syndrome".
func (s *scan) eponymAhead(k int) bool {
	if s.eponymAt(k) || serviceAfter[s.lo2(k)] {
		return true
	}
	words := 0
	for j := k; words < 4 && j < len(s.toks) && j < k+8; j++ {
		if s.toks[j].kind != tokWord {
			if s.lo(j) == "-" || s.lo(j) == "(" || s.lo(j) == ")" {
				continue
			}
			break
		}
		words++
		if medicalWord(s.lo(j)) || orgWords[s.lo(j)] {
			return true
		}
	}
	return false
}

// orgWords after a name make it the name of an organisation, prize or building.
var orgWords = map[string]bool{
	"institute": true, "foundation": true, "center": true, "centre": true, "hospital": true,
	"university": true, "college": true, "school": true, "society": true, "association": true,
	"trust": true, "fund": true, "prize": true, "award": true, "lecture": true, "building": true,
	"street": true, "road": true, "wing": true, "ward": true, "unit": true, "library": true,
	"national": true, "memorial": true, "medal": true, "scale": true, "index": true, "method": true,
}

// staffGroups are collective nouns for the people who work in a service.
var staffGroups = map[string]bool{
	"team": true, "teams": true, "staff": true, "nurses": true, "crew": true, "colleagues": true,
	"department": true, "unit": true, "ward": true, "practice": true, "service": true,
}

// staffAfter reports a name coordinated with a service's staff ("Ana Kowal and the
// stroke team", "Ben Hale and all the night staff"): one of them, not a patient.
func (s *scan) staffAfter(i int) bool {
	k := i
	for k < len(s.toks) && k < i+4 && s.toks[k].kind == tokWord && s.toks[k].cap {
		k++
	}
	if !s.is(k, "and") {
		return false
	}
	for j := k + 1; j < len(s.toks) && j < k+7 && s.toks[j].kind == tokWord; j++ {
		if staffGroups[s.lo(j)] {
			return true
		}
	}
	return false
}

// serviceAfter are nouns that, straight after a person's full name, make it the name
// of a charity or its service ("the Ellen Marsh nurses", "Jo Tranter hospice cover").
var serviceAfter = map[string]bool{
	"cover": true, "nurse": true, "nurses": true, "service": true, "services": true,
	"hospice": true, "charity": true, "appeal": true, "house": true, "helpline": true,
	"fellowship": true, "scholarship": true, "grant": true, "team": true,
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
	if s.hasWordsBefore(i, 3, "mp", "minister", "secretary", "president", "mayor", "chair", "chief executive", "ceo", "described by", "discovered by", "named after", "headed by", "led by", "developed by") {
		return SubjectPublicFigure
	}
	// Thanks and praise go to the people who gave care: "a big thank you to",
	// "hats off to", "kudos to", "credit to".
	if s.hasWordsBefore(i, 3, "thank you to", "thanks to", "out to", "kudos to", "credit to", "hats off to", "grateful to", "praise for", "well done to", "cheers to") && !s.hasWordsBefore(i, 3, "reached out to", "reach out to") {
		return SubjectColleague
	}
	if s.staffAfter(i) {
		return SubjectColleague
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
