package extract

// Who a detail is about is decided per sentence from cue words, then refined by each
// matcher where the detail itself says more ("over-75s" is a population, "Dr Smith" a
// colleague). A post that talks about a specific patient anywhere lends that reading
// to details in sentences without cues of their own.

type sentence struct {
	start, end int // token range
	flags      cueFlags
}

type cueFlags uint16

const (
	cuePatient cueFlags = 1 << iota
	cuePopulation
	cueAuthor
	cueHypothetical
	cueColleague
	cueRelative
	cueNegation
	cuePronoun
	// cueWeak is a patient cue that generic text also uses ("diagnosed",
	// "referred", "clinic"): it counts only when nothing in the sentence speaks of
	// a population, and never lends a patient reading to other sentences.
	cueWeak
	// cueWeakPatient is set on sentences whose weak cues were taken as a patient.
	cueWeakPatient
)

// cueWords maps a lower-case token to the cue it carries on its own.
var cueWords = map[string]cueFlags{
	// A specific patient.
	"pt": cuePatient, "pt's": cuePatient, "presented": cuePatient, "presenting": cueWeak,
	"admitted": cueWeak, "attended": cueWeak, "brought": cueWeak, "referred": cueWeak,
	"discharged": cueWeak, "diagnosed": cueWeak, "died": cueWeak, "passed": cueWeak,
	"lady": cuePatient, "gentleman": cuePatient, "gent": cuePatient, "chap": cuePatient,
	"bloke": cuePatient, "fella": cuePatient, "widow": cueWeak, "widower": cueWeak,
	"yesterday": cueWeak, "today": cueWeak, "tonight": cueWeak, "ago": cueWeak,
	"a&e": cueWeak, "yo": cuePatient,
	"y/o": cuePatient, "pmh": cuePatient, "hpi": cuePatient, "c/o": cueWeak,
	"she": cuePronoun, "he": cuePronoun, "her": cuePronoun, "his": cuePronoun, "him": cuePronoun,
	"mrs": cuePatient, "mr": cuePatient, "ms": cuePatient, "miss": cuePatient,
	// Populations and guidance.
	"patients": cuePopulation, "people": cuePopulation, "adults": cuePopulation,
	"individuals": cuePopulation, "persons": cuePopulation, "population": cuePopulation,
	"guideline": cuePopulation, "guidelines": cuePopulation, "guidance": cuePopulation,
	"nice": cuePopulation, "sign": cuePopulation, "recommend": cuePopulation,
	"recommends": cuePopulation, "recommended": cuePopulation, "recommendation": cuePopulation,
	"screening": cuePopulation, "prevalence": cuePopulation, "incidence": cuePopulation,
	// ("anyone", "everyone" and "those who asked" address the forum's readers, not
	// a population.)
	"cases": cuePopulation, "usually": cuePopulation, "typically": cuePopulation,
	"commonly": cuePopulation, "often": cuePopulation, "generally": cuePopulation,
	"affects":   cuePopulation,
	"threshold": cuePopulation, "eligible": cuePopulation, "criteria": cuePopulation,
	"offered": cuePopulation, "cohort": cuePopulation, "trial": cuePopulation,
	"study": cuePopulation, "studies": cuePopulation,
	"men": cuePopulation, "women": cuePopulation, "children": cuePopulation,
	"babies": cuePopulation, "infants": cuePopulation, "teenagers": cuePopulation,
	"elderly": cuePopulation, "groups": cuePopulation,
	// Health-information vocabulary: leaflets and answers about a disease.
	"symptoms": cuePopulation, "causes": cuePopulation, "treatments": cuePopulation,
	"affected": cuePopulation, "inherited": cuePopulation, "prognosis": cuePopulation,
	"resources": cuePopulation, "outlook": cuePopulation, "researchers": cuePopulation,
	"research": cuePopulation, "americans": cuePopulation, "newborns": cuePopulation,
	// Hypotheticals.
	"if": cueHypothetical, "imagine": cueHypothetical, "suppose": cueHypothetical,
	"hypothetically": cueHypothetical, "hypothetical": cueHypothetical, "scenario": cueHypothetical,
	"example": cueHypothetical, "e.g": cueHypothetical,
	// Colleagues.
	"colleague": cueColleague, "colleagues": cueColleague, "consultant": cueColleague,
	"registrar": cueColleague, "locum": cueColleague, "partner": cueColleague,
	"trainee": cueColleague, "fy1": cueColleague, "fy2": cueColleague, "f1": cueColleague,
	"reg": cueColleague, "boss": cueColleague, "senior": cueColleague,
	// Relatives.
	"wife": cueRelative, "husband": cueRelative, "daughter": cueRelative, "son": cueRelative,
	"mother": cueRelative, "father": cueRelative, "mum": cueRelative, "dad": cueRelative,
	"sister": cueRelative, "brother": cueRelative, "carer": cueRelative, "niece": cueRelative,
	"nephew": cueRelative, "grandson": cueRelative, "granddaughter": cueRelative,
	"spouse": cueRelative, "fiance": cueRelative, "fiancee": cueRelative, "girlfriend": cueRelative,
	"boyfriend": cueRelative, "family": cueRelative, "relatives": cueRelative, "nok": cueRelative,
	// Negation.
	"no": cueNegation, "not": cueNegation, "denies": cueNegation, "denied": cueNegation,
	"without": cueNegation, "never": cueNegation, "negative": cueNegation,
}

// sentences splits the tokens into sentences and records each one's cues.
func (s *scan) sentences() {
	s.sent = s.sent[:0]
	if cap(s.sentOf) < len(s.toks) {
		s.sentOf = make([]int32, len(s.toks), len(s.toks)+16)
	} else {
		s.sentOf = s.sentOf[:len(s.toks)]
	}
	start := 0
	var flags cueFlags
	// start and flags are passed, not captured: a closure over them would keep
	// them in memory through the loop.
	closeSent := func(start, end int, flags cueFlags) {
		if end > start {
			s.sent = append(s.sent, sentence{start: start, end: end, flags: flags})
		}
	}
	for i := 0; i < len(s.toks); i++ {
		t := &s.toks[i]
		if i > start && t.nl > 0 {
			closeSent(start, i, flags)
			start, flags = i, 0
		}
		s.sentOf[i] = int32(len(s.sent))
		if t.kind == tokPunct {
			c := s.lo(i)
			if (c == "." || c == "!" || c == "?") && i+1 < len(s.toks) && (s.toks[i+1].gap > 0 || s.toks[i+1].nl > 0) && !s.abbrevBefore(i) {
				closeSent(start, i+1, flags)
				start, flags = i+1, 0
			} else if (c == "-" || c == ":") && i+1 < len(s.toks) && s.toks[i+1].gap > 0 && s.discourseLead(start, i) {
				// "That's it - retired ferryman ...", "He does: plays ...": a lead
				// answering or framing is a sentence of its own.
				closeSent(start, i+1, flags)
				start, flags = i+1, 0
			}
			continue
		}
		if s.wf[i]&fCue == 0 {
			continue
		}
		w := s.lo(i)
		flags |= s.cue[i]
		switch w {
		case "patient":
			// "the patient", "my patient", "a patient of mine" vs "a patient may".
			generic := s.is(i-1, "a") || s.is(i-1, "any") || s.is(i-1, "every") || s.is(i-1, "each") || s.is(i-1, "average") || s.is(i-1, "typical")
			if generic && !(s.is(i+1, "i") || s.is(i+1, "of") || s.is(i+1, "who") && s.is(i+2, "i") || s.is(i+1, "came") || s.is(i+1, "presented") || s.is(i+1, "i've") || s.is(i+1, "we")) {
				flags |= cuePopulation
			} else {
				flags |= cuePatient
			}
		case "saw", "seen", "see", "reviewed", "examined", "visited", "treated", "looked":
			if s.is(i-1, "i") || s.is(i-1, "we") || s.is(i-2, "i") || s.is(i-1, "i've") {
				flags |= cuePatient
			}
		case "came", "come", "rolled", "turned":
			if s.is(i+1, "in") || s.is(i+1, "into") || s.is(i+1, "to") || s.is(i+1, "up") {
				flags |= cuePatient
			}
		case "i", "i'm", "im", "myself", "me":
			if w == "me" && (s.is(i-1, "call") || s.is(i-1, "text") || s.is(i-1, "ring") || s.is(i-1, "email") || s.is(i-1, "contact") || s.is(i-1, "message") || s.is(i-1, "dm") || s.is(i-1, "phone")) {
				flags |= cueAuthor
			}
			if s.is(i+1, "am") || s.is(i+1, "'") && s.is(i+2, "m") || w == "im" || w == "myself" ||
				s.is(i+1, "work") || s.is(i+1, "live") || s.is(i+1, "was") || s.is(i+1, "turned") || s.is(i+1, "trained") || s.is(i+1, "qualified") {
				flags |= cueAuthor
			}
			// "I've seen", "I'd seen": a patient encounter.
			if w == "i" && s.is(i+1, "'") && (s.is(i+2, "ve") || s.is(i+2, "d")) && (s.is(i+3, "seen") || s.is(i+3, "got") || s.is(i+3, "had") || s.is(i+3, "just") && s.is(i+4, "seen")) {
				flags |= cuePatient
			}
		case "we":
			if s.is(i+1, "'") && s.is(i+2, "re") || s.is(i+1, "are") {
				flags |= cueAuthor
			}
		case "our":
			switch s.lo2(i + 1) {
			case "practice", "surgery", "town", "village", "area", "team", "place", "trust", "hospital", "unit", "ward", "department", "pcn", "clinic", "city", "island", "health", "board", "nearest", "local", "own":
				flags |= cueAuthor
			}
		case "us":
			if s.is(i-1, "call") || s.is(i-1, "contact") || s.is(i-1, "email") || s.is(i-1, "ring") {
				flags |= cueAuthor
			}
		case "my":
			// "my own", "my husband", "my age": the author's own details; "my patient",
			// "my post", "my list" are not.
			switch s.lo2(i + 1) {
			case "own", "husband", "wife", "partner", "kids", "children", "son", "daughter", "age", "family", "practice", "surgery", "town", "village", "home", "house", "diagnosis", "health", "job":
				flags |= cueAuthor
			}
		case "or":
			// "he or she", "his or her": generic.
			if (s.is(i-1, "he") || s.is(i-1, "his") || s.is(i-1, "him")) && (s.is(i+1, "she") || s.is(i+1, "her")) {
				flags |= cuePopulation
			}
		case "man", "woman", "boy", "girl", "baby", "child", "toddler", "teenager", "infant", "lad", "lass", "grandmother", "grandfather", "gran", "grandad", "nan":
			// "a man", "this woman", "Woman in her 40s", "teenage lad with": a specific
			// person, unless any or every one is meant.
			switch {
			case s.is(i-1, "any") || s.is(i-1, "every") || s.is(i-1, "each") || s.is(i-1, "no") || s.is(i-1, "average") || s.is(i-1, "typical"):
			case i == start || s.is(i-1, "this") || s.is(i-1, "the") || s.is(i-1, "our") || s.is(i-1, "old") || s.is(i-1, "elderly") ||
				s.is(i-1, "young") || s.is(i-1, "teenage") || s.is(i-1, "-") || s.is(i-1, ":") || s.is(i-1, ",") ||
				(s.is(i+1, "in") && (s.is(i+2, "his") || s.is(i+2, "her") || s.is(i+2, "their"))) || s.is(i+1, "aged") || s.is(i+1, "who"):
				flags |= cuePatient
			default:
				// "a woman may", "a baby's diet": generic as often as not.
				flags |= cueWeak
			}
		}
	}
	closeSent(start, len(s.toks), flags)
	s.postPatient = false
	s.postPopulation = false
	s.general = false
	s.personal = false
	popSents, patSents := 0, 0
	for k := range s.sent {
		f := s.sent[k].flags
		if f&cuePatient != 0 {
			patSents++
		}
		if f&cuePopulation != 0 {
			popSents++
		}
	}
	// A text that speaks of groups far more than of anyone in particular is general
	// information (a leaflet, an answer about a disease): its uncued sentences, and
	// its weakly cued ones, are about the population.
	if popSents >= 2 && popSents > 2*patSents {
		s.general = true
	}
	for k := range s.sent {
		f := s.sent[k].flags
		strong := f&cuePatient != 0
		if f&(cuePronoun|cueWeak) != 0 && f&cuePopulation == 0 && !s.general {
			s.sent[k].flags |= cueWeakPatient
		}
		if strong {
			s.postPatient = true
		}
		if f&(cuePatient|cuePronoun|cueWeak|cueRelative|cueAuthor) != 0 {
			s.personal = true
		}
		if f&cuePopulation != 0 {
			s.postPopulation = true
		}
	}
}

// abbrevBefore reports that the "." at token i ends an abbreviation (Mr., Dr., St.,
// no.) rather than a sentence.
func (s *scan) abbrevBefore(i int) bool {
	if i == 0 {
		return false
	}
	switch s.lo(i - 1) {
	case "mr", "mrs", "ms", "dr", "st", "no", "prof", "rev", "mt", "e.g", "i.e", "vs", "approx", "fig", "ref", "tel", "ext", "jr", "sr", "dept":
		return true
	}
	t := &s.toks[i-1]
	// Single initials: "J. Smith".
	return t.kind == tokWord && t.end-t.start == 1 && t.cap
}

func (s *scan) sentFlags(i int) cueFlags {
	if i < 0 || i >= len(s.sentOf) {
		return 0
	}
	k := s.sentOf[i]
	if int(k) >= len(s.sent) {
		return 0
	}
	return s.sent[k].flags
}

// subjectAt is the default subject of a detail at token i.
func (s *scan) subjectAt(i int) Subject {
	f := s.sentFlags(i)
	switch {
	case f&cueAuthor != 0 && f&cuePatient == 0:
		return SubjectAuthor
	case f&(cuePatient|cueWeakPatient) != 0:
		return SubjectPatient
	case f&cueHypothetical != 0 && f&cuePopulation == 0:
		return SubjectHypothetical
	case f&cuePopulation != 0:
		return SubjectPopulation
	case s.general:
		return SubjectPopulation
	case s.postPatient:
		return SubjectPatient
	case s.postPopulation || !s.personal:
		// No one in particular anywhere in the text (no patient, pronoun or person):
		// general information.
		// A text that never mentions a particular patient but speaks of groups is
		// general information (a leaflet, a guideline, a question about policy).
		return SubjectPopulation
	}
	return SubjectUnknown
}

// subjectAtByte is subjectAt for a normalised byte offset.
func (s *scan) subjectAtByte(off int) Subject {
	i := s.tokenAt(off)
	if i < 0 {
		i = len(s.toks) - 1 // past the last token: the last sentence's subject
	}
	return s.subjectAt(i)
}

// discourseLead reports tokens [start, end) that only frame what follows: a discourse
// marker or an answer made of a pronoun and an auxiliary ("That's it", "Context",
// "Update", "He does", "Yes she is").
func (s *scan) discourseLead(start, end int) bool {
	if end <= start || end-start > 8 {
		return false
	}
	for k := start; k < end; k++ {
		if !leadWords[s.lo(k)] && s.lo(k) != "'" && s.lo(k) != "," {
			return false
		}
	}
	return true
}

// leadWords make up discourse leads: markers, pronouns, auxiliaries.
var leadWords = map[string]bool{
	"that's": true, "that": true, "s": true, "it": true, "this": true, "is": true, "was": true, "context": true,
	"update": true, "background": true, "answer": true, "so": true, "ok": true, "okay": true,
	"yes": true, "yep": true, "no": true, "well": true, "right": true, "also": true, "edit": true,
	"he": true, "she": true, "they": true, "does": true, "did": true, "has": true, "had": true,
	"and": true, "btw": true, "fyi": true, "ps": true, "why": true, "reason": true, "the": true,
	"simpler": true, "shorter": true, "version": true, "reworded": true, "rephrased": true, "rewording": true,
	"briefly": true, "summary": true, "sorry": true, "a": true, "in": true, "short": true, "of": true, "my": true,
	"earlier": true, "post": true, "question": true, "q": true, "again": true,
}
