package extract

import (
	"strings"

	"github.com/mosaicgw/mosaic/internal/lexis"
	"github.com/mosaicgw/mosaic/internal/occupations"
)

// The attach stage: who is each detail about?
//
// A moderator reads a post as a story about people: "70s lady seen at home with a
// new DVT ... She won't go in ... the warden rang her daughter and she was taken in by
// ambulance". The stage finds the mentions of people (pronouns, person nouns such
// as "man" or "lass", relatives, job and role nouns, names, the author's "I"), resolves
// them to a small set of persons (the patients, their relatives, the author, the
// author's family, third parties), and gives each clause a topic: the person it is
// about. A detail then belongs to the person its clause is about, except for the
// details whose grammar says whose they are:
//   - a job or role noun is a person's occupation only when it is predicated of them
//     ("he's a farrier", "works as a TA", "the stationmaster here, 50s, ...", "runs the
//     corner pharmacy"); anywhere else it names a third party ("the warden rang her
//     daughter", "reviewed by the physio");
//   - an age or sex written inside a noun phrase ("70s lady", "man in his 50s", "47F")
//     belongs to that noun phrase's person;
//   - a relative's details ("her mum had breast cancer") are the relative's.

// personNoun is a noun that names a person without saying what they do.
type personNoun struct {
	sex   byte
	child bool // a child's word ("boy", "toddler"): an age hint
	// plural nouns and generic words speak of a group.
	plural bool
}

var personNouns = map[string]personNoun{
	"man": {sex: 'M'}, "men": {sex: 'M', plural: true}, "gentleman": {sex: 'M'}, "gent": {sex: 'M'},
	"chap": {sex: 'M'}, "fella": {sex: 'M'}, "fellow": {sex: 'M'}, "bloke": {sex: 'M'}, "guy": {sex: 'M'},
	"lad": {sex: 'M'}, "laddie": {sex: 'M'}, "boy": {sex: 'M', child: true}, "widower": {sex: 'M'},
	"woman": {sex: 'F'}, "women": {sex: 'F', plural: true}, "lady": {sex: 'F'}, "lass": {sex: 'F'},
	"lassie": {sex: 'F'}, "girl": {sex: 'F', child: true}, "widow": {sex: 'F'}, "primip": {sex: 'F'},
	"multip": {sex: 'F'}, "primigravida": {sex: 'F'}, "multigravida": {sex: 'F'}, "gravida": {sex: 'F'},
	"patient": {}, "pt": {}, "baby": {child: true}, "infant": {child: true}, "toddler": {child: true},
	"child": {child: true}, "kid": {child: true}, "youngster": {child: true}, "teenager": {child: true},
	"teen": {child: true}, "adolescent": {child: true}, "newborn": {child: true}, "neonate": {child: true},
	"bairn": {child: true}, "wean": {child: true}, "pensioner": {}, "student": {}, "pupil": {child: true},
	"inmate": {}, "prisoner": {}, "lifer": {}, "resident": {}, "employee": {}, "client": {},
	"individual": {}, "person": {}, "casualty": {}, "athlete": {}, "nonagenarian": {}, "centenarian": {},
	"octogenarian": {}, "twin": {child: true},
	"patients": {plural: true}, "people": {plural: true}, "pts": {plural: true}, "children": {plural: true},
	"kids": {plural: true}, "babies": {plural: true}, "ladies": {sex: 'F', plural: true},
	"gents": {sex: 'M', plural: true}, "lads": {sex: 'M', plural: true}, "boys": {sex: 'M', plural: true},
	"girls": {sex: 'F', plural: true}, "adults": {plural: true}, "students": {plural: true},
	"teenagers": {plural: true}, "individuals": {plural: true}, "persons": {plural: true},
	"residents": {plural: true}, "pensioners": {plural: true}, "twins": {plural: true},
}

// relativeNoun is a family word; sex where the word gives it.
var relativeNouns = map[string]byte{
	"wife": 'F', "husband": 'M', "partner": 0, "spouse": 0, "fiance": 'M', "fiancee": 'F', "fiancé": 'M',
	"fiancée": 'F', "girlfriend": 'F', "boyfriend": 'M', "son": 'M', "daughter": 'F', "mother": 'F',
	"father": 'M', "mum": 'F', "mam": 'F', "mom": 'F', "mummy": 'F', "mammy": 'F', "dad": 'M', "daddy": 'M',
	"da": 'M', "brother": 'M', "sister": 'F', "grandmother": 'F', "grandfather": 'M', "gran": 'F',
	"granny": 'F', "nan": 'F', "nana": 'F', "nanna": 'F', "grandma": 'F', "grandad": 'M', "granda": 'M',
	"grandpa": 'M', "grandson": 'M', "granddaughter": 'F', "grandchild": 0, "aunt": 'F', "auntie": 'F',
	"uncle": 'M', "niece": 'F', "nephew": 'M', "cousin": 0, "stepmum": 'F', "stepdad": 'M',
	"stepson": 'M', "stepdaughter": 'F', "parents": 0, "parent": 0, "carer": 0, "sibling": 0,
	"siblings": 0, "twin": 0, "kids": 0, "children": 0, "family": 0, "relatives": 0, "nok": 0,
	"in-laws": 0, "mother-in-law": 'F', "father-in-law": 'M', "son-in-law": 'M', "daughter-in-law": 'F',
}

// groupRelatives are family words that speak of people in general unless someone's
// family is meant ("her children", "the parents").
var groupRelatives = map[string]bool{
	"children": true, "kids": true, "parents": true, "relatives": true, "siblings": true,
	"grandchildren": true, "in-laws": true, "families": true, "carers": true,
}

// pronounSex maps third-person singular pronouns to the sex they give.
var pronounSex = map[string]byte{
	"he": 'M', "him": 'M', "his": 'M', "himself": 'M', "he's": 'M', "he'd": 'M', "he'll": 'M',
	"she": 'F', "her": 'F', "hers": 'F', "herself": 'F', "she's": 'F', "she'd": 'F', "she'll": 'F',
	// Forum spellings without the apostrophe.
	"hes": 'M', "shes": 'F',
}

// authorWords are the author speaking of themself.
var authorWords = map[string]bool{
	"i": true, "i'm": true, "im": true, "i've": true, "i'd": true, "i'll": true, "me": true,
	"my": true, "myself": true, "mine": true,
}

// otherMarkers before a person noun say a new person is meant, not the one before
// ("a different patient", "another lady", "separate chap").
var otherMarkers = map[string]bool{
	"different": true, "another": true, "separate": true, "second": true, "new": true, "other": true,
	"similar": true, "third": true, "unrelated": true,
}

// determiners that make a noun phrase definite or possessed.
var determiners = map[string]byte{
	"the": 'd', "this": 'd', "that": 'd', "our": 'd', "my": 'm', "his": 'p', "her": 'p', "their": 'p',
	"your": 'y', "a": 'i', "an": 'i', "one": 'i', "any": 'g', "every": 'g', "each": 'g', "some": 'g',
	"no": 'g', "most": 'g', "many": 'g', "all": 'g', "these": 'd', "those": 'd',
}

type mentionKind uint8

const (
	mPronoun  mentionKind = iota + 1
	mPerson               // a person noun: "man", "lass", "patient"
	mRole                 // a job or role noun: "farrier", "the harbourmaster"
	mRelative             // a family word
	mAuthor               // I, me, my
	mName                 // a personal name
)

// mention is a word or phrase that refers to a person.
type mention struct {
	i, j   int // token range
	kind   mentionKind
	sex    byte
	det    byte // the determiner's class ('d', 'm', 'p', 'i', 'g', 'y'), 0 when bare
	other  bool // "another", "different" before it
	plural bool
	child  bool
	// det 'p' possessor: the pronoun's sex ('M' his, 'F' her, 0 their).
	possSex byte
	// np is the token where the mention's noun phrase starts: its determiner, or its
	// first modifier ("the head brewer": the "the").
	np int
	// detail is the index in s.out of the occupation, status or name detail this
	// mention is, -1 for none.
	detail int
	person int // index into s.persons, -1 when none (a group)
	// predicated is set when the mention is said of another mention ("he's a farrier"):
	// pred is that mention's index.
	pred int
	// head marks a mention that introduces a case ("70s lady", "Plumber in his 40s",
	// "The stationmaster here, 60s").
	head bool
	// agent marks a role noun after a verb or preposition that makes it someone acting
	// on the patient ("reviewed by the physio", "rang the warden").
	agent bool
}

// person is one individual in the post (see Person), with the scan's bookkeeping.
type person struct {
	role     Subject
	ordinal  int
	sex      byte
	ageLo    int
	ageHi    int
	first    int // token of the first mention
	firstEnd int
	noun     string // the person or relative noun that introduced it
	diff     bool
	child    bool
}

// detailSpan is a detail's token range [i, j), found once per attach.
type detailSpan struct{ i, j int }

// attach runs the attach stage (see the file comment).
func (s *scan) attach() {
	s.spanDetails()
	s.serviceLocations()
	s.findMentions()
	s.resolveMentions()
	s.owner = s.owner[:0]
	for range s.out {
		s.owner = append(s.owner, -1)
	}
	s.readRoles()
	s.clauseTopics()
	s.classifyFrame()
	s.attachDetails()
	s.addressOwners()
	s.organisationContacts()
	s.markRecent()
	s.qualifyConditions()
	s.qualifyAges()
}

// spanDetails maps every detail to its token range.
func (s *scan) spanDetails() {
	s.dspan = s.dspan[:0]
	for k := range s.out {
		d := &s.out[k]
		ns, ne := s.normRange(d.Start, d.End)
		i := s.tokenAt(ns)
		if i < 0 {
			s.dspan = append(s.dspan, detailSpan{-1, -1})
			continue
		}
		j := i
		for j < len(s.toks) && int(s.toks[j].start) < ne {
			j++
		}
		if j == i {
			j = i + 1
		}
		s.dspan = append(s.dspan, detailSpan{i, j})
	}
}

// detailAt returns the index of the detail of one of kinds starting at token i, or -1.
func (s *scan) detailAt(i int, kinds ...Kind) int {
	for k := range s.out {
		if s.dspan[k].i != i {
			continue
		}
		for _, kd := range kinds {
			if s.out[k].Kind == kd {
				return k
			}
		}
	}
	return -1
}

// findMentions lists the mentions of people in token order.
func (s *scan) findMentions() {
	s.mentions = s.mentions[:0]
	// Occupation, public-status and name details are mentions of their own.
	roleAt := map[int]int{}
	for k := range s.out {
		d := &s.out[k]
		sp := s.dspan[k]
		if sp.i < 0 {
			continue
		}
		switch d.Kind {
		case KindOccupation, KindPublicStatus:
			roleAt[sp.i] = k
		case KindPersonName:
			roleAt[sp.i] = k
		}
	}
	for i := 0; i < len(s.toks); i++ {
		w := s.lo(i)
		if k, ok := roleAt[i]; ok {
			d := &s.out[k]
			m := mention{i: s.dspan[k].i, j: s.dspan[k].j, detail: k, person: -1, pred: -1}
			if d.Kind == KindPersonName {
				m.kind = mName
			} else {
				m.kind = mRole
			}
			s.determiner(&m)
			s.mentions = append(s.mentions, m)
			i = m.j - 1
			continue
		}
		if k := s.detailAt(i, KindAge); k >= 0 && s.ageNounAt(k) {
			// "the 14-year-old knocked off his bike", "our 7yo": an age standing
			// for the person.
			m := mention{i: s.dspan[k].i, j: s.dspan[k].j, kind: mPerson, detail: -1, person: -1, pred: -1}
			s.determiner(&m)
			if lo, _, ok := ageBounds(s.out[k].Value); ok && lo < 18 {
				m.child = true
			}
			s.mentions = append(s.mentions, m)
			i = m.j - 1
			continue
		}
		if k := s.detailAt(i, KindSex); k >= 0 && (s.toks[i].kind == tokAlnum || s.toks[i].end-s.toks[i].start == 1) {
			// "58M", "70s M": a patient in clinical shorthand.
			sex := byte(0)
			if v := s.out[k].Value; len(v) == 1 {
				sex = v[0]
			}
			s.mentions = append(s.mentions, mention{i: i, j: i + 1, kind: mPerson, sex: sex, detail: -1, person: -1, pred: -1})
			continue
		}
		if s.toks[i].kind != tokWord && w != "pt" {
			continue
		}
		if w == "local" && s.localPersonAt(i) {
			// "a Padstow local", "Padstow local, dances ...": someone from there.
			m := mention{i: i, j: i + 1, kind: mPerson, detail: -1, person: -1, pred: -1}
			s.determiner(&m)
			s.mentions = append(s.mentions, m)
			continue
		}
		if k := s.personNounRole(i); k >= 0 {
			m := mention{i: i, j: i + 1, kind: mRole, detail: k, person: -1, pred: -1}
			s.determiner(&m)
			s.mentions = append(s.mentions, m)
			continue
		}
		switch {
		case authorWords[w]:
			s.mentions = append(s.mentions, mention{i: i, j: i + 1, kind: mAuthor, detail: -1, person: -1, pred: -1})
		case pronounSex[w] != 0:
			if w == "her" && s.possessiveHer(i) {
				// "her son", "her asthma": a possessive, handled by what it possesses
				// (a relative mention) or the clause topic; still a mention of her.
			}
			s.mentions = append(s.mentions, mention{i: i, j: i + 1, kind: mPronoun, sex: pronounSex[w], detail: -1, person: -1, pred: -1})
		default:
			if sex, ok := relativeNouns[w]; ok && !(w == "partner" && s.partnerIsColleague(i)) && !(w == "family" && !s.familyIsPerson(i)) && s.religiousTitleAt(i) < 0 {
				m := mention{i: i, j: i + 1, kind: mRelative, sex: sex, detail: -1, person: -1, pred: -1}
				s.determiner(&m)
				if groupRelatives[w] && m.det != 'm' && m.det != 'p' && m.det != 'd' {
					continue // "children and adults", "parents should": people in general
				}
				s.mentions = append(s.mentions, m)
				continue
			}
			if (w == "male" || w == "female") && (s.clauseStartAt(i) && (s.is(i+1, ",") || s.is(i+1, "aged") || s.is(i+1, "in") || s.is(i+1, "with") || i+1 < len(s.toks) && s.toks[i+1].kind == tokNum) ||
				s.is(i-1, ",") && i >= 2 && s.ageDecadeWord(i-2) && (s.is(i+1, ".") || s.is(i+1, ",") || s.is(i+1, ";"))) {
				// "Male, seventies, AF", "Thirties, male.": the patient in a case
				// note's opening.
				sex := byte('M')
				if w == "female" {
					sex = 'F'
				}
				m := mention{i: i, j: i + 1, kind: mPerson, sex: sex, detail: -1, person: -1, pred: -1}
				s.mentions = append(s.mentions, m)
				continue
			}
			if pn, ok := personNouns[w]; ok {
				if w == "patient" && s.is(i+1, "'") {
					// "patient's" works as a determiner of what follows.
				}
				m := mention{i: i, j: i + 1, kind: mPerson, sex: pn.sex, plural: pn.plural, child: pn.child, detail: -1, person: -1, pred: -1}
				s.determiner(&m)
				s.mentions = append(s.mentions, m)
				continue
			}
			if s.labelledPersonNoun(i) {
				// "my Na 121 ultra runner", "the Deeside pancreatic case": a patient
				// known by a label the reader has seen before.
				m := mention{i: i, j: i + 1, kind: mPerson, detail: -1, person: -1, pred: -1}
				s.determiner(&m)
				s.mentions = append(s.mentions, m)
			}
		}
	}
}

// determinedBefore reports a determiner before token i, straight before it ("the
// 14-year-old") or before labels that classify the person ("my 3-concussion 19 yr
// old", "the Deeside pancreatic case"): numbers, hyphens and nouns or adjectives,
// no verb, preposition or clause break.
func (s *scan) determinedBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		w := s.lo(k)
		switch w {
		case "the", "a", "an", "our", "my", "this", "that", "your":
			return true
		}
		t := &s.toks[k]
		if t.kind == tokPunct && w != "-" && w != "+" && w != "/" && w != "." || t.nl > 0 && k < i-1 {
			return false
		}
		if _, ok := personNouns[w]; ok || w == "aged" || w == "age" {
			return false // "a man aged 58": the age is the man's
		}
		if t.kind == tokWord && (copulas[w] || clauseWords[w] || s.wf[k]&fPrep != 0 || pronounSex[w] != 0 || authorWords[w]) {
			return false
		}
	}
	return false
}

// labelledPersonNoun reports a noun at token i that stands for a patient known by a
// label: a word WordNet files as a kind of person ("runner", "walker"), or "case",
// after a determiner and at least one classifying word ("my Na 121 ultra runner", "the
// Deeside pancreatic case"), at the end of its noun phrase. "In case", "a case of",
// "the case for" and "case report" are not people.
func (s *scan) labelledPersonNoun(i int) bool {
	w := s.lo(i)
	if len(w) < 4 || s.toks[i].cap && !s.sentenceStart(i) {
		return false
	}
	if w != "case" {
		if _, ok := lexis.PersonNoun(lexis.Lemma(w, lexis.Noun)); !ok || w != lexis.Lemma(w, lexis.Noun) {
			return false
		}
	}
	if n := s.lo2(i + 1); i+1 < len(s.toks) && s.toks[i+1].kind == tokWord && (n == "of" || n == "for" || n == "report" || n == "study" || n == "series" || n == "notes" || n == "law" || n == "conference" || n == "review" || lexis.IsNoun(n) && !clauseWords[n] && !copulas[n] && n != "from" && n != "again" && n != "with" && n != "who") {
		return false
	}
	if i == 0 || s.toks[i-1].kind == tokWord && (s.lo(i-1) == "the" || s.lo(i-1) == "my" || s.lo(i-1) == "a" || s.lo(i-1) == "our") {
		return false // a label is needed: "my runner", "the case" alone say nothing
	}
	labelled := false
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		switch s.lo(k) {
		case "my", "our", "the", "that":
			return labelled && s.determinedBefore(i)
		}
		if s.toks[k].kind == tokNum || s.classifyingLabel(k) || s.toks[k].kind == tokWord && s.toks[k].cap || s.detailAt(k, KindPlace) >= 0 {
			labelled = true
		}
	}
	return false
}

// determiner fills in m's determiner class and the words before it that mark another
// person ("a different lady").
func (s *scan) determiner(m *mention) {
	m.np = m.i
	for k := m.i - 1; k >= 0 && k >= m.i-4; k-- {
		w := s.lo(k)
		if otherMarkers[w] {
			m.other = true
			continue
		}
		if c, ok := determiners[w]; ok {
			m.det = c
			m.np = k
			if c == 'p' {
				m.possSex = pronounSex[w]
			}
			if w == "one" && s.is(k+1, "of") {
				m.det = 'd'
			}
			return
		}
		if s.toks[k].kind == tokPunct || !s.modifierWord(k) {
			return
		}
		m.np = k
	}
}

// modifierWord reports a word that may stand between a determiner and its noun
// ("the old lady", "my 70s lady", "the local MP", "a young fella").
func (s *scan) modifierWord(k int) bool {
	t := &s.toks[k]
	if t.kind == tokNum || t.kind == tokAlnum {
		return true
	}
	if t.kind != tokWord {
		return s.lo(k) == "-" || s.lo(k) == "'"
	}
	w := s.lo(k)
	switch w {
	case "and", "or", "but", "with", "of", "in", "on", "at", "to", "for", "from", "by", "is", "was", "are", "were", "who", "which", "that":
		return false
	}
	return len(w) < 16
}

// possessiveHer reports that "her" at i is a possessive determiner ("her son") rather
// than an object ("saw her").
func (s *scan) possessiveHer(i int) bool {
	return i+1 < len(s.toks) && s.toks[i+1].kind == tokWord && !s.is(i+1, "and") && !s.is(i+1, "to") && !s.is(i+1, "in")
}

// partnerIsColleague reports "partner" meaning a practice partner ("GP partner",
// "the partners", "one of my partners at the practice").
func (s *scan) partnerIsColleague(i int) bool {
	if s.is(i-1, "gp") || s.is(i-1, "practice") || s.is(i-1, "senior") || s.is(i-1, "salaried") || s.is(i-1, "business") {
		return true
	}
	return s.is(i+1, "at") && (s.is(i+2, "the") || s.is(i+2, "my") || s.is(i+2, "our"))
}

// familyIsPerson reports "family" meaning the patient's family as people ("family say",
// "the family are keen") rather than family history.
func (s *scan) familyIsPerson(i int) bool {
	if s.is(i+1, "history") || s.is(i+1, "hx") || s.is(i+1, "planning") || s.is(i+1, "medicine") || s.is(i+1, "practice") || s.is(i-1, "nuclear") {
		return false
	}
	return true
}

// copulas link a subject to what it is ("he's a farrier", "she was the headteacher").
var copulas = map[string]bool{
	"is": true, "was": true, "are": true, "were": true, "'s": true, "s": true, "be": true, "been": true,
	"being": true, "becomes": true, "became": true, "remains": true, "remained": true,
}

// presentVerbs follow a case's first mention: "the local MP came in", "stationmaster ...
// has had gout confirmed", "dinner lady ... collapsed".
var presentVerbs = map[string]bool{
	"came": true, "comes": true, "presented": true, "presents": true, "presenting": true, "attended": true, "looks": true,
	"attends": true, "has": true, "had": true, "with": true, "who": true, "collapsed": true,
	"was": true, "is": true, "walked": true, "rolled": true, "turned": true, "rang": true, "phoned": true,
	"called": true, "booked": true, "asked": true, "wants": true, "wanted": true, "needs": true,
	"needed": true, "got": true, "just": true, "developed": true, "diagnosed": true, "died": true,
	"fell": true, "on": true, "admitted": true, "seen": true, "saw": true, "complaining": true, "c/o": true,
	"off": true, "keeps": true, "still": true, "recently": true, "newly": true, "now": true,
}

// agentWords before a role noun make it someone acting on the patient: "reviewed by
// the physio", "spoke to the GP", "the warden rang".
var agentWords = map[string]bool{
	"by": true, "to": true, "from": true, "with": true, "called": true, "rang": true, "phoned": true,
	"told": true, "asked": true, "contacted": true, "informed": true, "saw": true, "see": true, "seen": true,
	"via": true, "involve": true, "involved": true, "alerted": true, "notified": true, "cc": true,
	"ask": true, "tell": true, "ring": true, "call": true, "refer": true, "referred": true, "and": true,
}

func (s *scan) newPerson(role Subject, m *mention) int {
	p := person{role: role, sex: m.sex, first: m.i, firstEnd: m.j, child: m.child, diff: m.other}
	if m.kind == mPerson || m.kind == mRelative {
		p.noun = s.lo(m.i)
	}
	if role == SubjectPatient {
		s.nPatients++
		p.ordinal = s.nPatients
	}
	s.persons = append(s.persons, p)
	return len(s.persons) - 1
}

// compatible reports whether mention m can refer to person p.
func (s *scan) compatible(p *person, m *mention) bool {
	if m.sex != 0 && p.sex != 0 && m.sex != p.sex {
		return false
	}
	if m.child && p.ageLo >= 18 || p.child && m.kind == mPerson && !m.child && (s.lo(m.i) == "man" || s.lo(m.i) == "woman") {
		return false
	}
	return true
}

// lastPatient returns the most recent patient compatible with m, or -1.
func (s *scan) lastPatient(m *mention) int {
	for k := len(s.recent) - 1; k >= 0; k-- {
		p := &s.persons[s.recent[k]]
		if p.role == SubjectPatient && s.compatible(p, m) {
			return s.recent[k]
		}
	}
	return -1
}

// touch records person p as the most recently mentioned.
func (s *scan) touch(p int) {
	if p < 0 {
		return
	}
	for k, q := range s.recent {
		if q == p {
			s.recent = append(s.recent[:k], s.recent[k+1:]...)
			break
		}
	}
	s.recent = append(s.recent, p)
	if s.persons[p].sex == 0 {
		// A later pronoun gives the sex ("the patient ... she").
	}
}

// resolveMentions gives every mention a person (see the file comment).
func (s *scan) resolveMentions() {
	s.persons = s.persons[:0]
	s.recent = s.recent[:0]
	s.nPatients = 0
	s.authorPerson = -1
	for mi := range s.mentions {
		m := &s.mentions[mi]
		switch m.kind {
		case mAuthor:
			if s.authorPerson < 0 {
				s.authorPerson = s.newPerson(SubjectAuthor, m)
			}
			m.person = s.authorPerson
		case mPronoun:
			m.person = s.resolvePronoun(m)
			if m.person >= 0 && s.persons[m.person].sex == 0 {
				s.persons[m.person].sex = m.sex
			}
			s.touch(m.person)
		case mRelative:
			m.person = s.resolveFamily(mi)
			s.touch(m.person)
		case mPerson:
			if m.plural || m.det == 'g' || m.det == 'y' {
				continue // a group, or "your patient": nobody in particular
			}
			if s.is(m.i-1, "of") && s.is(m.i-2, "one") || s.is(m.i-1, "of") && s.is(m.i-2, "any") {
				continue
			}
			p := -1
			if !m.other && (m.det != 'i' || s.predicatedAt(m.i) >= 0) {
				p = s.lastPatient(m)
			}
			if p < 0 {
				p = s.newPerson(SubjectPatient, m)
			} else if s.persons[p].sex == 0 {
				s.persons[p].sex = m.sex
			}
			m.person = p
			s.touch(p)
		case mRole, mName:
			s.resolveRole(mi)
			s.touch(m.person)
		}
	}
}

// resolvePronoun returns the person a he/she pronoun refers to. In a clinical story
// pronouns nearly always mean the patient or the family, so the most recent patient,
// relative or family member of that sex is taken first ("the warden rang her
// daughter and she was taken in": she is the patient); then anyone else of that
// sex; and a post that opens on a pronoun ("She's been back three times this week")
// has a new patient.
func (s *scan) resolvePronoun(m *mention) int {
	for pass := 0; pass < 2; pass++ {
		for k := len(s.recent) - 1; k >= 0; k-- {
			p := &s.persons[s.recent[k]]
			if p.role == SubjectAuthor {
				continue
			}
			story := p.role == SubjectPatient || p.role == SubjectRelative || p.role == SubjectAuthorFamily
			if pass == 0 && !story {
				continue
			}
			if p.sex == m.sex || p.sex == 0 && pass == 0 {
				// (Someone outside the story is "he" or "she" only when their sex is
				// known: an unknown colleague is not the "she" of a case.)
				return s.recent[k]
			}
		}
	}
	if s.generalQuestionAt(m.i) {
		return -1 // "he or she", "if a patient ... he": nobody in particular
	}
	return s.newPerson(SubjectPatient, m)
}

// generalQuestionAt reports a pronoun in a generic clause ("he or she", "his or her").
func (s *scan) generalQuestionAt(i int) bool {
	return s.is(i+1, "or") && (s.is(i+2, "she") || s.is(i+2, "her") || s.is(i+2, "he") || s.is(i+2, "his")) ||
		s.is(i-1, "or") && (s.is(i-2, "he") || s.is(i-2, "his") || s.is(i-2, "she") || s.is(i-2, "her"))
}

// resolveFamily returns the person a family word refers to, creating it.
func (s *scan) resolveFamily(mi int) int {
	m := &s.mentions[mi]
	noun := s.lo(m.i)
	role := SubjectRelative
	owner := -1
	switch m.det {
	case 'm':
		role = SubjectAuthorFamily
	case 'p':
		// "her son": whose? The pronoun's person.
		for k := mi - 1; k >= 0; k-- {
			if s.mentions[k].i == m.i-1 || s.mentions[k].j == m.i || s.mentions[k].i < m.i-2 {
				if s.mentions[k].j >= m.i-1 {
					owner = s.mentions[k].person
				}
				break
			}
		}
		if owner >= 0 && (s.persons[owner].role == SubjectAuthorFamily || s.persons[owner].role == SubjectAuthor) {
			role = SubjectAuthorFamily
		}
	default:
		// "Sister of a resident": the family of the person that follows.
		if s.is(m.j, "of") {
			for k := mi + 1; k < len(s.mentions) && s.mentions[k].i <= m.j+4; k++ {
				if s.mentions[k].kind == mPerson || s.mentions[k].kind == mPronoun {
					break
				}
			}
		}
		// A bare family word in a post with no patient and the author speaking ("Mum's
		// been diagnosed", "Dad (81) had a fall") is more often the author's own
		// family when it opens the post; otherwise the patient's.
		if s.nPatients == 0 && s.authorPerson >= 0 && s.familyOpening(m.i) {
			role = SubjectAuthorFamily
		}
	}
	for k := len(s.recent) - 1; k >= 0; k-- {
		p := &s.persons[s.recent[k]]
		if p.role == role && p.noun == noun {
			return s.recent[k]
		}
	}
	return s.newPerson(role, m)
}

// familyOpening reports a bare family word that opens the post's first sentence.
func (s *scan) familyOpening(i int) bool {
	return len(s.sent) > 0 && i-s.sent[0].start <= 1 && s.sentOf[i] == 0
}

// resolveRole decides whose a job, role or name mention is: the person it is said of
// (predicated or in apposition), a new patient when it opens a case ("Plumber in his
// 40s", "the local MP came in"), or a third party.
func (s *scan) resolveRole(mi int) {
	m := &s.mentions[mi]
	d := &s.out[m.detail]
	if m.kind == mName {
		switch d.Subject {
		case SubjectColleague, SubjectPublicFigure, SubjectAuthor:
			m.person = s.newPerson(d.Subject, m)
			return
		}
		// A patient's name: the current patient, or a new one.
		if p := s.lastPatient(m); p >= 0 && s.namedPatientFits(m) {
			m.person = p
			return
		}
		if d.Subject == SubjectRelative {
			m.person = s.newPerson(SubjectRelative, m)
			return
		}
		m.person = s.newPerson(SubjectPatient, m)
		return
	}
	if (d.Kind == KindPublicStatus || d.Kind == KindOccupation) && s.selfDisclosureAfter(m.j) {
		// "a well-known TV presenter talked on air about her sepsis": a public
		// figure's own published story, not the author's patient.
		d.Subject = SubjectPublicFigure
		m.person = s.newPerson(SubjectPublicFigure, m)
		return
	}
	// "one of the three farriers" is one person.
	plural := lexis.Lemma(s.lo(m.j-1), lexis.Noun) != s.lo(m.j-1) && strings.HasSuffix(s.lo(m.j-1), "s") && s.oneOfStart(m) < 0
	if pi := s.predicatedAt(m.i); pi >= 0 && !plural {
		m.pred = pi
		m.person = s.mentions[pi].person
		if m.person < 0 && s.mentions[pi].kind == mPerson {
			m.person = s.newPerson(SubjectPatient, &s.mentions[pi])
		}
		return
	}
	if pi := s.fragmentOf(mi); pi >= 0 && !plural {
		m.pred = pi
		m.person = s.mentions[pi].person
		return
	}
	if p := s.telegraphicOf(mi); p >= 0 && !plural {
		m.person = p
		return
	}
	if pi := s.modifiedPerson(mi); pi >= 0 {
		m.person = s.mentions[pi].person
		if m.person < 0 {
			m.person = s.newPerson(SubjectPatient, &s.mentions[pi])
			s.mentions[pi].person = m.person
		}
		return
	}
	if s.nPatients > 0 && !m.other {
		// The patient's job named again ("the farrier again").
		for k := len(s.recent) - 1; k >= 0; k-- {
			p := s.recent[k]
			if s.persons[p].role == SubjectPatient && s.roleOf(p, d.Value) {
				m.person = p
				return
			}
		}
	}
	if (s.nPatients == 0 || m.other) && !plural && s.caseHead(m) && !s.agentBefore(m.i) {
		m.head = true
		m.person = s.newPerson(SubjectPatient, m)
		return
	}
	m.agent = true
	role := SubjectColleague
	m.person = s.newPerson(role, m)
}

// namedPatientFits reports whether a patient's name can be the current patient's.
func (s *scan) namedPatientFits(m *mention) bool { return true }

// predicatedAt returns the mention a noun phrase starting at token i is said of ("he's
// a farrier", "she is one of the three nurses", "works as a TA", "the lad, a keen
// footballer"), or -1.
func (s *scan) predicatedAt(i int) int {
	switch s.lo(i) {
	case "works", "worked", "working", "work", "employed", "retired", "serves", "served", "drives", "drove", "runs", "ran":
		// The role's span begins with its verb ("works as a security guard",
		// "retired from the police"): said of the clause's subject.
		if mi := s.mentionBefore(i, 8); mi >= 0 {
			return mi
		}
	}
	k := i - 1
	// Walk back over the noun phrase's determiner and modifiers.
	for k >= 0 && k >= i-6 {
		w := s.lo(k)
		if _, ok := determiners[w]; ok || w == "of" && (s.is(k-1, "one") || s.is(k-1, "two") || s.is(k+1, "the")) || w == "one" || w == "two" || w == "three" || w == "only" || w == "just" || w == "also" || w == "now" || w == "still" || w == "actually" || w == "retired" || w == "former" || w == "ex" || w == "-" || otherMarkers[w] || s.toks[k].kind == tokNum {
			k--
			continue
		}
		if s.toks[k].kind == tokWord && !copulas[w] && !isVerbLink(w) && s.modifierWord(k) && k >= i-3 && !pronounOrPerson(w) {
			// an adjective: "a keen", "the local"
			k--
			continue
		}
		break
	}
	if k < 0 {
		return -1
	}
	w := s.lo(k)
	switch {
	case copulas[w] || isVerbLink(w):
		// The subject: the nearest mention before the copula in the clause.
		if w == "s" && s.is(k-1, "'") {
			k--
		}
		if w == "as" && !(s.is(k-1, "works") || s.is(k-1, "work") || s.is(k-1, "worked") || s.is(k-1, "working") || s.is(k-1, "job") || s.is(k-1, "employed") || s.is(k-1, "retired") || s.is(k-1, "trained") || s.is(k-1, "served") || s.is(k-1, "serving") || s.is(k-1, "serves") || s.is(k-1, "elected") || s.is(k-1, "appointed") || s.is(k-1, "acting")) {
			return -1
		}
		return s.mentionBefore(k, 8)
	case w == ",":
		// Apposition: "the lad, a keen footballer".
		if mi := s.mentionEndingAt(k); mi >= 0 && (s.mentions[mi].kind == mPerson || s.mentions[mi].kind == mPronoun) {
			return mi
		}
	}
	// A contraction: "he's", "she's" tokenised as one word.
	if k >= 0 && (s.lo(k) == "he's" || s.lo(k) == "she's") {
		return s.mentionAt(k)
	}
	return -1
}

func pronounOrPerson(w string) bool {
	if pronounSex[w] != 0 || authorWords[w] {
		return true
	}
	_, ok := personNouns[w]
	return ok
}

// isVerbLink reports verbs that link a person to a job the way a copula does.
func isVerbLink(w string) bool {
	switch w {
	case "as", "trade":
		return true
	}
	return false
}

// mentionBefore returns the index of the nearest person-like mention that ends before
// token k and within n tokens, in the same sentence, or -1.
func (s *scan) mentionBefore(k, n int) int {
	for mi := len(s.mentions) - 1; mi >= 0; mi-- {
		m := &s.mentions[mi]
		if m.j > k {
			continue
		}
		if m.j < k-n || s.sentOf[m.i] != s.sentOf[min(k, len(s.toks)-1)] {
			return -1
		}
		if m.kind == mAuthor && !s.authorSelf(m.i) {
			continue
		}
		return mi
	}
	return -1
}

func (s *scan) mentionEndingAt(k int) int {
	for mi := range s.mentions {
		if s.mentions[mi].j == k {
			return mi
		}
	}
	return -1
}

func (s *scan) mentionAt(k int) int {
	for mi := range s.mentions {
		if s.mentions[mi].i <= k && k < s.mentions[mi].j {
			return mi
		}
	}
	return -1
}

// authorSelf reports an "I" that says something of the author ("I'm a GP", "I am 30/40",
// "I've been diagnosed") rather than narrating.
func (s *scan) authorSelf(i int) bool {
	w := s.lo(i)
	switch w {
	case "i'm", "im", "myself":
		return true
	case "i":
		return s.is(i+1, "am") || s.is(i+1, "'") && s.is(i+2, "m")
	}
	return false
}

// modifiedPerson returns the person mention a role noun modifies directly ("fisherman
// lad", "a farmer chap", "taxi-driving patient"), or -1.
func (s *scan) modifiedPerson(mi int) int {
	m := &s.mentions[mi]
	if mi+1 < len(s.mentions) {
		n := &s.mentions[mi+1]
		if n.kind == mPerson && n.i == m.j && !n.plural {
			return mi + 1
		}
	}
	return -1
}

// caseHead reports a role mention that opens a case: at the start of a sentence or
// clause, followed soon by an age, a comma and an age, "in his/her 50s", or a verb of
// presenting ("the local MP came in").
func (s *scan) caseHead(m *mention) bool {
	if m.j < len(s.toks) && s.toks[m.j].kind == tokWord && s.toks[m.j].nl == 0 && s.toks[m.j].gap > 0 {
		if n := s.lo(m.j); len(n) > 2 && lexis.IsNoun(n) && !lexis.IsVerb(lexis.Lemma(n, lexis.Verb)) && !copulas[n] && !clauseWords[n] && s.wf[m.j]&fPrep == 0 &&
			!s.toks[m.j].cap && n != "here" && n != "there" && n != "today" && n != "yesterday" && s.detailAt(m.j, KindAge) < 0 && s.detailAt(m.j, KindSex) < 0 {
			return false // "Consultant appointment booked": the role word modifies a noun
		}
	}
	start := s.sent[s.sentOf[m.i]].start
	np := m.i
	if m.np > 0 && m.np < m.i {
		np = m.np
	}
	if np-start > 2 && !s.clauseStartAt(np) && !s.clauseBreak(np) && !s.authorsCaseAt(np) && !s.premodifiedFrom(start, np) {
		return false
	}
	// An aside after the role ("Our vicar, yes that vicar, came in") does
	// not part it from its verb.
	aside := s.asideEnd(m.j)
	for k := m.j; k < len(s.toks) && k <= max(m.j+16, aside+2); k++ {
		w := s.lo(k)
		if s.toks[k].kind == tokNum || s.toks[k].kind == tokAlnum && len(w) <= 4 {
			return true // "50s", ", 58"
		}
		if w == "in" && (s.is(k+1, "his") || s.is(k+1, "her") || s.is(k+1, "their")) {
			return true
		}
		if presentVerbs[w] && (k <= m.j+3 || aside > m.j && k >= aside && k <= aside+2 && presentingVerbs[w] || k <= m.j+6 && s.is(k-1, ",") && (s.is(m.j, "from") || s.is(m.j, "in") || s.is(m.j, "near") || s.is(m.j, "at"))) {
			return true // "Chap in his 40s works ...", "Eel fisher from Ardboe, looks ..."
		}
		if w == "," && k == m.j && np == start && s.openingSentence(start) && s.thirdPersonAfter(k, 30) {
			// "That's it - licensed cockle gatherer, Burry Inlet, works the sands
			// with his brother": a verbless role opening the post, then the person
			// it describes, is the case.
			return true
		}
		if w == "." || w == "?" || w == "!" {
			return false
		}
	}
	return false
}

// presentingVerbs say someone came to a clinician: the verb a patient's role opens.
var presentingVerbs = map[string]bool{
	"came": true, "comes": true, "presented": true, "presents": true, "attended": true, "attends": true,
	"turned": true, "walked": true, "arrived": true, "collapsed": true, "rang": true, "phoned": true,
	"booked": true, "consulted": true,
}

// asideEnd returns the token after an aside that opens at k, a parenthesis, or a
// stretch between two commas or two dashes within one sentence ("(yes, that one)",
// ", yes that vicar,", "- yes, him -"), or k when none opens there.
func (s *scan) asideEnd(k int) int {
	if k >= len(s.toks) || s.toks[k].kind != tokPunct {
		return k
	}
	open := s.lo(k)
	closer := open
	switch open {
	case "(":
		closer = ")"
	case ",", "-", "–", "—":
	default:
		return k
	}
	for j := k + 1; j < len(s.toks) && j <= k+30; j++ {
		w := s.lo(j)
		if w == "." || w == "?" || w == "!" || s.sentOf[j] != s.sentOf[k] {
			return k
		}
		if w == closer && j > k+1 {
			return j + 1
		}
		if open == "," && (w == "-" || w == "–" || w == "—" || w == "(") {
			return k
		}
	}
	return k
}

// openingSentence reports the post's first sentence, or its second when the first is
// only a discourse lead ("That's it -", "Context:").
func (s *scan) openingSentence(start int) bool {
	si := int(s.sentOf[start])
	return si == 0 || si == 1 && s.discourseLead(s.sent[0].start, s.sent[0].end-1)
}

// thirdPersonAfter reports a third-person singular pronoun within n tokens after k.
func (s *scan) thirdPersonAfter(k, n int) bool {
	for i := k + 1; i < len(s.toks) && i <= k+n; i++ {
		switch s.lo(i) {
		case "he", "him", "his", "she", "her", "hers":
			return true
		}
	}
	return false
}

// premodifiedFrom reports a sentence whose first words, start to np, are all the
// determiner and premodifiers of the noun phrase at np: "The island's police officer",
// "Our village's only postmistress".
func (s *scan) premodifiedFrom(start, np int) bool {
	if np-start > 6 {
		return false
	}
	for k := start; k < np; k++ {
		w := s.lo(k)
		if _, ok := determiners[w]; ok || w == "'" || w == "s" && s.is(k-1, "'") || w == "only" || w == "local" {
			continue
		}
		if s.toks[k].kind == tokWord && s.modifierWord(k) && !copulas[w] && !clauseWords[w] && !pronounOrPerson(w) {
			continue
		}
		return false
	}
	return true
}

// authorsCaseAt reports a noun phrase at np that is the object of the author's having
// or seeing someone: "I've got a lighthouse keeper here", "I saw a retired
// harbourmaster today", "we have a farrier on the list".
func (s *scan) authorsCaseAt(np int) bool {
	k := np - 1
	switch s.lo2(k) {
	case "got", "have", "had", "saw", "seen", "seeing", "see", "reviewed", "visited", "admitted":
	default:
		return false
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		switch s.lo(j) {
		case "i", "we", "i've", "we've", "i'd":
			return true
		case "'", "ve", "'ve", "have", "just", "also", "recently", "s", "d":
			continue
		}
		return false
	}
	return false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// agentBefore reports a role noun governed by a verb or preposition of someone acting
// on the patient ("reviewed by the physio", "spoke to the GP").
func (s *scan) agentBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := s.lo(k)
		if _, ok := determiners[w]; ok {
			continue
		}
		return agentWords[w]
	}
	return false
}

// roleOf reports whether person p already holds the job or role v.
func (s *scan) roleOf(p int, v string) bool {
	for mi := range s.mentions {
		m := &s.mentions[mi]
		if m.person == p && m.kind == mRole && m.detail >= 0 && s.out[m.detail].Value == v && m.detail < len(s.out) {
			return true
		}
	}
	return false
}

// attachDetails gives every detail its subject and referent.
func (s *scan) attachDetails() {
	// The implicit patient of a case write-up with no person noun ("Severe COPD:
	// FEV1 30%, four admissions since March"): made on first need.
	implicit := -1
	mainPatient := -1
	// A text of measurements ("FEV1 30%, four admissions since March") describes a
	// case even with no person noun in it.
	caseLike := len(s.figures()) > 0
	for k := range s.persons {
		if s.persons[k].role == SubjectPatient {
			mainPatient = k
			break
		}
	}
	for k := range s.out {
		d := &s.out[k]
		sp := s.dspan[k]
		if sp.i < 0 {
			continue
		}
		p := -1
		fromMention := false
		if k < len(s.owner) && s.owner[k] >= 0 {
			p = int(s.owner[k])
			fromMention = true
		} else if mi := s.mentionOfDetail(k); mi >= 0 {
			p = s.mentions[mi].person
			fromMention = true
		} else if d.Kind == KindSex || d.Kind == KindAge {
			p = s.nounPhrasePerson(sp.i, sp.j)
		}
		if p < 0 && !fromMention {
			p = int(s.topic[sp.i])
		}
		if p < 0 && !fromMention && (d.Kind == KindCondition || d.Kind == KindAge) {
			p = s.headedBy(sp.i, sp.j)
		}
		if p < 0 && !fromMention {
			// Nobody in the clause or before it: the sentence's own cues decide, as
			// before the attach stage; a patient reading with no patient yet is the
			// post's implicit patient.
			subj := s.subjectAt(sp.i)
			if d.Subject == SubjectColleague || d.Subject == SubjectPublicFigure || d.Subject == SubjectAuthor {
				subj = d.Subject
			}
			if caseLike && (subj == SubjectUnknown || subj == SubjectPopulation && s.sentFlags(sp.i)&cuePopulation == 0) && s.frame != FrameHypothetical {
				subj = SubjectPatient
			}
			if subj == SubjectPatient && mainPatient < 0 && !d.Direct {
				if implicit < 0 {
					m := mention{i: sp.i, j: sp.j}
					implicit = s.newPerson(SubjectPatient, &m)
					mainPatient = implicit
					if s.frame == FrameGeneral {
						s.frame = FrameCase
					}
				}
				p = implicit
			} else if mainPatient >= 0 && !d.Direct && (subj != SubjectPopulation || s.sentFlags(sp.i)&cuePopulation == 0 && s.sentOf[s.persons[mainPatient].first] == s.sentOf[sp.i]) &&
				subj != SubjectHypothetical && subj != SubjectAuthor && subj != SubjectColleague {
				// ("New angina, 58-year-old": a finding before the patient's own
				// mention in a sentence with no word of populations is theirs.)
				// A case post's clause with no one in it ("gout on Monday, urate 520") is
				// about its patient.
				p = mainPatient
			} else {
				if !d.Direct || d.Subject == SubjectUnknown {
					d.Subject = subj
				}
				continue
			}
		}
		if p < 0 {
			if fromMention && d.Kind != KindPersonName {
				d.Subject = SubjectPopulation
			}
			continue
		}
		pr := &s.persons[p]
		subj := pr.role
		if d.Direct && d.Kind == KindPersonName && (d.Subject == SubjectColleague || d.Subject == SubjectPublicFigure) {
			subj = d.Subject
		}
		if subj == SubjectPatient {
			switch s.frame {
			case FrameHypothetical:
				subj = SubjectHypothetical
			case FramePublicFigure:
				subj = SubjectPublicFigure
			case FrameObituary:
				subj = SubjectColleague
			}
		}
		d.Subject = subj
		if subj == SubjectPatient {
			d.Referent = pr.ordinal
		}
		if d.Kind == KindAge && subj != SubjectPopulation {
			if lo, hi, ok := ageBounds(d.Value); ok && pr.ageLo == 0 && pr.ageHi == 0 {
				pr.ageLo, pr.ageHi = lo, hi
			}
		}
		if d.Kind == KindSex && pr.sex == 0 && len(d.Value) == 1 {
			pr.sex = d.Value[0]
		}
	}
}

// mentionOfDetail returns the mention that detail k is (a job, role or name), or -1.
func (s *scan) mentionOfDetail(k int) int {
	for mi := range s.mentions {
		if s.mentions[mi].detail == k {
			return mi
		}
	}
	return -1
}

// nounPhrasePerson returns the person of a mention that tokens [i, j) sit inside or
// next to in the same clause: the age and sex words of "70s lady", "man in his 50s",
// "Woman, 91", "she's 90 next month". -1 when none is near.
func (s *scan) nounPhrasePerson(i, j int) int {
	best, bestDist := -1, 1<<30
	for mi := range s.mentions {
		m := &s.mentions[mi]
		if m.person < 0 || m.kind == mAuthor && !s.authorSelf(m.i) {
			continue
		}
		var dist int
		switch {
		case m.i <= i && j <= m.j:
			return m.person // the detail is the mention ("he", "woman")
		case m.j <= i:
			dist = i - m.j
		default:
			dist = m.i - j + 1
		}
		if dist <= 4 && dist < bestDist && s.sentOf[m.i] == s.sentOf[i] && !s.clauseBetween(min(m.i, i), max(m.j, j)) {
			best, bestDist = m.person, dist
		}
	}
	return best
}

// clauseBetween reports a clause break strictly inside (a, b).
func (s *scan) clauseBetween(a, b int) bool {
	for k := a + 1; k < b && k < len(s.toks); k++ {
		if s.clauseBreak(k) {
			return true
		}
	}
	return false
}

// ageBounds reads an age detail's value ("63", "60-69", "30-33").
func ageBounds(v string) (int, int, bool) {
	lo, hi := 0, 0
	i := 0
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		lo = lo*10 + int(v[i]-'0')
		i++
	}
	if i == 0 {
		return 0, 0, false
	}
	if i == len(v) {
		return lo, lo, true
	}
	if v[i] != '-' {
		return 0, 0, false
	}
	i++
	k := i
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		hi = hi*10 + int(v[i]-'0')
		i++
	}
	if i == k {
		return 0, 0, false
	}
	return lo, hi, true
}

// people returns the post's persons for the Reading.
func (s *scan) people() []Person {
	if len(s.persons) == 0 {
		return nil
	}
	out := make([]Person, 0, len(s.persons))
	for _, p := range s.persons {
		st, en := 0, 0
		if p.first >= 0 && p.first < len(s.toks) {
			st, en = s.n.span(int(s.toks[p.first].start), int(s.toks[max(p.first, p.firstEnd-1)].end))
		}
		out = append(out, Person{Role: p.role, Ordinal: p.ordinal, Sex: p.sex, AgeLo: p.ageLo, AgeHi: p.ageHi, Start: st, End: en, Different: p.diff})
	}
	return out
}

// fragmentOf returns the person mention a role noun phrase is listed against in
// case-note style ("Man in his late 40s, postman, just moved",
// "71F, retired cook, CCF"): the role stands between commas (or after a dash or
// colon) as a verbless fragment, and a patient was mentioned earlier in the sentence.
// -1 when it is not such a fragment.
func (s *scan) fragmentOf(mi int) int {
	m := &s.mentions[mi]
	start := m.i
	if m.det != 0 {
		start--
	}
	if o := s.oneOfStart(m); o >= 0 {
		start = o // "- one of the last handful of growers"
	}
	start = s.backOverModifiers(start, m.i-3)
	if start == 0 {
		return -1
	}
	if start >= 2 && s.toks[start-1].cap && s.detailAt(start-1, KindAge) < 0 && s.detailAt(start-2, KindAge) >= 0 {
		start-- // "F 50s Thames lock-keeper": a proper modifier after the age
	}
	switch {
	case s.is(start-1, ",") || s.is(start-1, "-") || s.is(start-1, ":") || s.is(start-1, ";") || s.is(start-1, "("):
	case s.detailAt(start-1, KindAge) >= 0 && s.toks[start-1].kind != tokWord:
		// "F 50s lock-keeper nr ...": shorthand runs the role on from the age.
	default:
		return -1
	}
	if m.j < len(s.toks) {
		switch s.lo(m.j) {
		case ",", ".", ";", ")", "-", "?", "!", "with", "in", "on", "and", "from", "who", "at", "for", "of", "near", "nr", "outside", "by", "up", "down", "out":
		default:
			if s.toks[m.j].nl == 0 {
				return -1
			}
		}
	}
	sent := s.sentOf[m.i]
	for k := mi - 1; k >= 0; k-- {
		p := &s.mentions[k]
		if s.sentOf[p.i] != sent {
			return -1
		}
		if p.person >= 0 && s.persons[p.person].role == SubjectPatient {
			return k
		}
	}
	return -1
}

// backOverModifiers walks back from token start over the modifier words before it, no
// further than token limit, and returns where they begin ("retired" in "Retired
// teacher").
func (s *scan) backOverModifiers(start, limit int) int {
	for start > 0 && s.toks[start-1].kind == tokWord && s.modifierWord(start-1) && !copulas[s.lo(start-1)] && start > limit {
		start--
	}
	return start
}

// ageDecadeWord reports a decade of age at token k: "thirties", "70s".
func (s *scan) ageDecadeWord(k int) bool {
	w := s.lo(k)
	_, ok := decadeWords[w]
	return ok || s.toks[k].kind == tokAlnum && strings.HasSuffix(w, "0s")
}

// headedBy returns the patient of a case headed by its diagnosis ("Narcolepsy, M 40s.",
// "CAE, F 9y: absences"): a detail at i..j that opens its sentence, then a comma and at
// once a patient's mention. It returns -1 otherwise.
func (s *scan) headedBy(i, j int) int {
	si := s.sentOf[i]
	if s.sent[si].start != i || !s.is(j, ",") {
		return -1
	}
	for k := range s.mentions {
		m := &s.mentions[k]
		if m.i < j+1 || s.sentOf[m.i] != si {
			continue
		}
		if m.i > j+2 || m.person < 0 || s.persons[m.person].role != SubjectPatient {
			return -1
		}
		return m.person
	}
	return -1
}

// oneOfStart returns the token of "one" in "one of the (last) (three|few|handful of)
// <modifiers> <role>" ending at mention m, or -1.
func (s *scan) oneOfStart(m *mention) int {
	for k := m.i - 1; k >= 1 && k >= m.i-9; k-- {
		w := s.lo(k)
		if w == "of" && s.is(k-1, "one") {
			return k - 1
		}
		if _, n := numberWords[w]; n || fewWords[w] > 0 || s.toks[k].kind == tokNum || w == "of" || w == "the" || w == "a" ||
			w == "last" || w == "remaining" || w == "only" || s.toks[k].kind == tokWord && s.modifierWord(k) {
			continue
		}
		return -1
	}
	return -1
}

// telegraphicOf returns the patient a verbless sentence describes when it opens with a
// bare role ("Pt with bronchiectasis. Flower farmer on the island - ...", "Retired
// teacher, lives alone."): in notes about one patient such a sentence is about that
// patient. It returns -1 where the post has no patient or more than one, or the role
// has a determiner ("A farmer I know ...") or a verb follows it.
func (s *scan) telegraphicOf(mi int) int {
	m := &s.mentions[mi]
	if m.det != 0 || m.other || s.nPatients != 1 {
		return -1
	}
	start := s.backOverModifiers(m.i, m.i-3)
	st := s.sent[s.sentOf[m.i]]
	if start != st.start || st.start == 0 {
		return -1
	}
	end := m.j
	if end < len(s.toks) {
		switch s.lo(end) {
		case "on", "in", "at", "from", "near", "for", "by", "with":
			// "on St Agnes", "from the village": a place or a group, then a break.
			n, ok := s.readNP(end+1, true)
			if !ok {
				return -1
			}
			end = n.end
		}
	}
	if end < len(s.toks) && s.toks[end].nl == 0 {
		switch s.lo(end) {
		case ",", ".", ";", "-", "(", "!", "?":
		default:
			return -1
		}
	}
	p := s.lastPatient(m)
	if p < 0 {
		return -1
	}
	return p
}

// recentWords before a condition say it is new: "newly diagnosed", "new AF", "just
// diagnosed with", "recent dx of", "new-onset".
var recentWords = map[string]bool{
	"new": true, "newly": true, "recent": true, "recently": true, "new-onset": true, "just": true,
	"first": true, "fresh": true,
}

// markRecent sets Recent on conditions the text says are new.
func (s *scan) markRecent() {
	for k := range s.out {
		d := &s.out[k]
		if d.Kind != KindCondition {
			continue
		}
		sp := s.dspan[k]
		if sp.i < 0 {
			continue
		}
		for m := sp.i - 1; m >= 0 && m >= sp.i-5; m-- {
			w := s.lo(m)
			if recentWords[w] {
				d.Recent = true
				break
			}
			if s.toks[m].kind == tokPunct && w != "-" || copulas[w] && m < sp.i-2 {
				break
			}
		}
		// "diagnosed with lupus last month", "only just diagnosed with gout"
		if s.hasWordsBefore(sp.i, 4, "diagnosed", "dx") {
			if s.hasWordsBefore(sp.i, 6, "just been", "only just", "just") || s.hasWordsAfter(sp.j, 3, "last week", "last month", "this week", "this month", "yesterday", "today", "recently", "last year", "a week ago", "a month ago", "days ago", "weeks ago") {
				d.Recent = true
			}
		}
		// "gout confirmed last week", "diagnosed this month"
		for m := sp.j; m < len(s.toks) && m <= sp.j+4; m++ {
			w := s.lo(m)
			if (w == "confirmed" || w == "diagnosed" || w == "dx") && (s.is(m+1, "last") || s.is(m+1, "this") || s.is(m+1, "yesterday") || s.is(m+1, "today") || s.is(m+1, "recently")) {
				d.Recent = true
			}
			if s.toks[m].kind == tokPunct {
				break
			}
		}
	}
}

// qualifyAges sets aside ages that are not the person's age now: an age of onset or of
// an event ("asthma since age 6", "diagnosed at 12", "seizures from age 3", "until he
// was 16"), which the ledger ignores (low confidence).
func (s *scan) qualifyAges() {
	for k := range s.out {
		d := &s.out[k]
		if d.Kind != KindAge || k >= len(s.dspan) || s.dspan[k].i < 0 {
			continue
		}
		i := s.dspan[k].i
		prev := s.lo2(i - 1)
		if prev == "age" || prev == "aged" {
			prev = s.lo2(i - 2)
		}
		switch prev {
		case "since", "from", "until", "till", "before", "after", "onset", "by":
			d.Confidence = min(d.Confidence, 0.3)
		case "at":
			// "diagnosed at 12", "first seizure at 3" vs "at 84 she still drives"
			for m := i - 2; m >= 0 && m >= i-5; m-- {
				switch s.lo(m) {
				case "diagnosed", "dx", "started", "began", "onset", "first", "presented", "since", "developed":
					d.Confidence = min(d.Confidence, 0.3)
				}
			}
		}
	}
}

// jobCategories are the kinds of person WordNet puts people in by what they do.
var jobCategories = map[lexis.Category]bool{
	lexis.Worker: true, lexis.Professional: true, lexis.Leader: true, lexis.Religious: true,
	lexis.Performer: true, lexis.Sportsperson: true, lexis.Military: true,
}

// personNounRole adds an occupation detail for a word at token i that WordNet says
// names a kind of person by what they do ("harbourmaster", "precentor", "ghillie")
// and no dictionary phrase covered, and returns its index; -1 when the word is not one.
func (s *scan) personNounRole(i int) int {
	w := s.lo(i)
	if len(w) < 4 || s.used[i] || s.toks[i].upper && len(w) <= 4 || s.toks[i].cap && !s.sentenceStart(i) {
		// (A capitalised word mid-sentence is a name or a nationality: "Vietnamese".)
		return -1
	}
	if _, ok := personNouns[w]; ok || relativeNouns[w] != 0 || pronounSex[w] != 0 || authorWords[w] {
		return -1
	}
	if s.toks[i].cap && s.is(i+1, "'") && s.adjacent(i, i+1) {
		return -1 // "Paget's", "Addison's": an eponym's possessive, not a job
	}
	for k := range s.out {
		if s.dspan[k].i <= i && i < s.dspan[k].j {
			return -1
		}
	}
	if i+1 < len(s.toks) && s.toks[i+1].kind == tokWord && s.toks[i+1].nl == 0 {
		if n := s.lo(i + 1); len(n) > 2 && !copulas[n] && !clauseWords[n] && pronounSex[n] == 0 && s.wf[i+1]&fPrep == 0 && lexis.IsNoun(n) && n != "here" {
			return -1 // "adder bite": the word modifies the noun after it
		}
	}
	lemma := lexis.Lemma(w, lexis.Noun)
	cat, ok := lexis.PersonNoun(lemma)
	if !ok || !jobCategories[cat] || lexis.IsVerb(w) && !lexis.IsNoun(w) {
		return -1
	}
	if headRoles[lemma] && i > 0 && s.toks[i-1].kind == tokWord && s.toks[i-1].cap && !s.toks[i-1].upper &&
		!s.ex.lex.commonWord(s.lo(i-1)) && s.detailAt(i-1, KindPlace) < 0 && s.detailAt(i-1, KindPersonName) < 0 {
		// "Harriers captain", "the Rovers manager": the one at a named body's head.
		n := len(s.out)
		s.add(Detail{Kind: KindOccupation, Value: s.lo(i-1) + " " + lemma, Frequency: rarity(lemma), Count: 1, Confidence: 0.7}, i-1, i+1)
		if len(s.out) == n {
			return -1
		}
		s.dspan = append(s.dspan, detailSpan{i - 1, i + 1})
		return n
	}
	if c := lexis.Commonness(lemma); c > 0 && c <= 35 {
		return -1 // "factor", "leader": everyday words first; the job lists hold the everyday jobs
	}
	freq := rarity(lemma)
	if o, ok := occupations.Default().Lookup(lemma); ok {
		freq = occupationShare(o)
	}
	n := len(s.out)
	s.add(Detail{Kind: KindOccupation, Value: lemma, Frequency: freq, Confidence: 0.7}, i, i+1)
	if len(s.out) == n {
		return -1
	}
	s.dspan = append(s.dspan, detailSpan{i, i + 1})
	return n
}

// serviceNouns after a place name make it a service's name, not where the patient
// lives: "the Derby gout clinic", "Leeds genetics", "Truro fracture clinic".
var serviceNouns = map[string]bool{
	"clinic": true, "clinics": true, "hospital": true, "hospitals": true, "unit": true, "ward": true,
	"team": true, "centre": true, "center": true, "service": true, "services": true, "infirmary": true,
	"icu": true, "itu": true, "picu": true, "nicu": true, "ed": true, "a&e": true, "mdt": true, "hospice": true,
	"immunology": true, "cardiology": true, "neurology": true, "neurosurgery": true, "neurosurg": true,
	"oncology": true, "haematology": true, "renal": true, "dermatology": true, "derm": true, "rheumatology": true,
	"radiology": true, "paeds": true, "obstetrics": true, "maternity": true, "lab": true, "labs": true,
	"pathology": true, "path": true, "booking": true, "respiratory": true, "resp": true, "gastro": true,
	"urology": true, "ortho": true, "orthopaedics": true, "vascular": true, "plastics": true, "burns": true,
	"ent": true, "ophthalmology": true, "eye": true, "dental": true, "genetics": true, "fertility": true,
	"ild": true, "tia": true, "stroke": true, "ecmo": true, "cancer": true, "transplant": true, "liver": true,
	"spinal": true, "trauma": true, "rehab": true, "psychiatric": true, "cmht": true, "camhs": true,
	"ooh": true, "out-of-hours": true, "surgery": true, "practice": true, "pharmacy": true, "lift": true,
}

// localServicePopulation is the size of place below which a service there serves the
// place itself, not a hospital's catchment: a town of under 20,000 has a surgery and
// perhaps a community hospital, not a district general.
const localServicePopulation = 20_000

// referVerbs before "to <place>" send the patient to a service there.
var referVerbs = map[string]bool{
	"referred": true, "refer": true, "referral": true, "sent": true, "send": true, "transferred": true,
	"transfer": true, "retrieved": true, "flown": true, "airlifted": true, "taken": true, "admitted": true,
	"blue-lighted": true, "sending": true, "transferring": true, "referring": true, "travel": true, "travels": true, "travelling": true, "go": true, "going": true,
	"goes": true, "went": true, "off": true, "down": true, "up": true, "over": true, "across": true,
}

// serviceLocations turns places that name where a service is into institutions: a
// patient referred to Glasgow does not live there, and "Cardiff immunology" is a
// department, not a home.
func (s *scan) serviceLocations() {
	for k := range s.out {
		d := &s.out[k]
		if d.Kind != KindPlace || k >= len(s.dspan) || s.dspan[k].i < 0 {
			continue
		}
		sp := s.dspan[k]
		service := false
		for m := sp.j; m < len(s.toks) && m <= sp.j+2; m++ {
			if serviceNouns[s.lo(m)] {
				service = true
				break
			}
			if s.toks[m].kind == tokPunct && s.lo(m) != "'" && s.lo(m) != "-" && s.lo(m) != "&" {
				break
			}
		}
		if !service && (s.is(sp.i-1, "to") || s.is(sp.i-1, "in") && s.is(sp.i-2, "unit")) {
			for m := sp.i - 2; m >= 0 && m >= sp.i-5; m-- {
				if referVerbs[s.lo(m)] {
					service = true
					break
				}
			}
		}
		if service && d.Population > 0 && d.Population < localServicePopulation && !s.is(sp.i-1, "to") {
			// A clinic or surgery in a village or island serves that place: "Barra
			// clinic", "the Tiree surgery" place the patient there.
			service = false
		}
		if service {
			// A service draws on a hospital's catchment, wider than the town it is in.
			d.Kind = KindInstitution
			d.Population, d.Frequency = 0, 0
			d.Generalisations = append(append([]string(nil), d.Generalisations...), "hospital")
		}
	}
}

// ageNounAt reports an age detail used as a noun phrase's head: "the 11-year-old",
// "our 6yo", "a 93-year-old", not followed by a person noun ("a 7 yr old girl").
func (s *scan) ageNounAt(k int) bool {
	sp := s.dspan[k]
	if sp.i <= 0 || sp.j > len(s.toks) {
		return false
	}
	if !s.determinedBefore(sp.i) && !s.appositiveAge(sp.i, sp.j) {
		return false
	}
	if last := s.lo(sp.j - 1); strings.HasSuffix(last, "s") && len(last) > 1 && last[len(last)-2] >= '0' && last[len(last)-2] <= '9' {
		return false // "the over-85s", "the under-5s": an age group
	}
	if sp.j < len(s.toks) {
		n := s.lo(sp.j)
		if _, ok := personNouns[n]; ok {
			return false
		}
		for k := sp.j; k < len(s.toks) && k <= sp.j+3; k++ {
			if s.detailAt(k, KindSex) >= 0 || s.detailAt(k, KindOccupation) >= 0 {
				return false // "a 94-year-old former lighthouse keeper"
			}
			if s.toks[k].kind == tokPunct {
				break
			}
		}
	}
	return true
}

// appositiveAge reports an age written as a noun ("28-year-old", "19yo") standing
// alone between punctuation: "quads on the unit, 31-year-old, well so far",
// "New T1DM: 14-year-old."
func (s *scan) appositiveAge(i, j int) bool {
	text := strings.ToLower(s.n.text[s.toks[i].start:s.toks[j-1].end])
	if !strings.Contains(text, "old") && !strings.HasSuffix(text, "yo") {
		return false
	}
	before, after := s.lo(i-1), ""
	if j < len(s.toks) {
		after = s.lo(j)
	}
	return (before == "," || before == ":" || before == ";") && s.toks[i-1].kind == tokPunct &&
		(j >= len(s.toks) || s.toks[j].kind == tokPunct && after != "-" && after != "'" || s.toks[j].nl > 0)
}

// localPersonAt reports "local" used as a noun for a person at i: after a place or an
// article and before a break or a verb ("a Padstow local", "he's a local,").
func (s *scan) localPersonAt(i int) bool {
	if !(s.detailAt(i-1, KindPlace) >= 0 || s.is(i-1, "a") || s.is(i-1, "the") && s.detailAt(i-2, KindPlace) < 0) {
		return false
	}
	if i+1 >= len(s.toks) || s.toks[i+1].kind == tokPunct || s.toks[i+1].nl > 0 {
		return true
	}
	n := s.lo(i + 1)
	return copulas[n] || n == "who" || n == "and" || lexis.IsVerb(lexis.Lemma(n, lexis.Verb)) && !lexis.IsNoun(lexis.Lemma(n, lexis.Noun))
}

// selfDisclosureAfter reports a clause after a mention that says the person made their
// own story public: a verb of telling ("talked", "wrote", "revealed") with a public
// channel ("on air", "in an interview", "in her column", "on Instagram", "publicly").
func (s *scan) selfDisclosureAfter(j int) bool {
	verb := -1
	for k := j; k < len(s.toks) && k <= j+4; k++ {
		switch s.lo(k) {
		case "talked", "spoke", "said", "wrote", "revealed", "announced", "shared", "posted", "told", "described", "opened", "discussed", "talks", "speaks", "writes", "reveals", "shares":
			verb = k
		}
		if verb >= 0 {
			break
		}
	}
	if verb < 0 {
		return false
	}
	for k := verb + 1; k < len(s.toks) && k <= verb+6; k++ {
		switch s.lo(k) {
		case "air", "interview", "column", "podcast", "instagram", "twitter", "tiktok", "publicly", "radio", "tv", "television", "documentary", "memoir", "programme", "show", "press", "newspaper", "paper", "blog", "youtube", "facebook":
			return true
		}
		if s.toks[k].kind == tokPunct && s.lo(k) != "'" {
			return false
		}
	}
	return false
}
