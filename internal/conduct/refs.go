package conduct

import (
	"strings"

	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/lexis"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// refKind is what a noun phrase refers to.
type refKind uint8

const (
	refNone   refKind = iota
	refPerson         // one person
	refGroup          // several people, a team, an organisation
	refThing          // a thing, a policy, a system, a place
	refSelf           // the author (I, we)
	refYou            // the reader or the member replied to
)

// mention is a reference to a person in the post.
type mention struct {
	i, j int // the head's tokens (a name, a role noun, a pronoun)
	np   int // first token of its noun phrase (the determiner)
	det  string
	// named: a personal name (the extractor's, or a title and a capitalised name), or
	// a social media handle.
	named  bool
	handle bool
	// role: a job or role noun; patient: a patient noun or the extractor's patient;
	// generic: "man", "guy", "lady"; pronoun: he, she.
	role, patient, generic, pronoun bool
	plural                          bool
	partitive                       bool // "one of the locums at ..."
	possessive                      bool // "the senior's practice"
	subject                         extract.Subject
	// ante is the mention this one takes up (a pronoun, "the man", an apposition),
	// -1 for none.
	ante int
	// ident: identifiable by readers; why says how.
	ident bool
	why   string
}

// analysis is one post tokenised and read, shared by every check.
type analysis struct {
	post    *Post
	toks    []token
	minConf float64
	// per token: the extractor's details covering it.
	nameDet  []int // index into Reading.Details of a person name, -1 none
	placeDet []bool
	occDet   []bool
	ethDet   []bool
	mentions []mention
	headAt   []int // mention whose head covers the token, -1 none
	hint     bool  // the post points readers to who it means
	question bool
}

func newAnalysis(p *Post, minConf float64) *analysis {
	a := &analysis{post: p, toks: tokenise(p.Body), minConf: minConf}
	n := len(a.toks)
	a.nameDet = make([]int, n)
	a.placeDet = make([]bool, n)
	a.occDet = make([]bool, n)
	a.ethDet = make([]bool, n)
	a.headAt = make([]int, n)
	for k := range a.nameDet {
		a.nameDet[k], a.headAt[k] = -1, -1
	}
	for di, d := range p.Reading.Details {
		if d.Negated || d.End <= d.Start || d.End > len(p.Body) {
			continue
		}
		i, j, ok := a.tokenRange(d.Start, d.End)
		if !ok {
			continue
		}
		for k := i; k < j; k++ {
			switch d.Kind {
			case extract.KindPersonName:
				a.nameDet[k] = di
			case extract.KindPlace, extract.KindInstitution, extract.KindPostcodeDistrict:
				a.placeDet[k] = true
			case extract.KindOccupation, extract.KindPublicStatus:
				a.occDet[k] = true
			case extract.KindEthnicity:
				a.ethDet[k] = true
			}
		}
	}
	a.question = strings.Contains(p.Body, "?")
	a.findMentions()
	a.hint = a.identHint()
	for m := range a.mentions {
		a.identify(m)
	}
	return a
}

// tokenRange returns the tokens overlapping bytes [s, e).
func (a *analysis) tokenRange(s, e int) (int, int, bool) {
	i, j := -1, -1
	for k, t := range a.toks {
		if t.end > s && t.start < e {
			if i < 0 {
				i = k
			}
			j = k + 1
		}
	}
	return i, j, i >= 0
}

func (a *analysis) w(k int) string {
	if k < 0 || k >= len(a.toks) {
		return ""
	}
	return a.toks[k].norm
}

func (a *analysis) sameSent(i, k int) bool {
	return k >= 0 && k < len(a.toks) && i >= 0 && i < len(a.toks) && a.toks[k].sent == a.toks[i].sent
}

// base strips a possessive "'s" (or a bare trailing "'").
func base(w string) (string, bool) {
	if b, ok := strings.CutSuffix(w, "'s"); ok && b != "" {
		return b, true
	}
	if b, ok := strings.CutSuffix(w, "s'"); ok && b != "" {
		return b + "s", true
	}
	return w, false
}

// contraction reports a token "X's" that is "X is" or "X has": a pronoun ("he's",
// "it's", "that's"), or a noun followed by what follows a verb ("the chap's a liar",
// "she's not").
func (a *analysis) contraction(k int) bool {
	b, ok := strings.CutSuffix(a.w(k), "'s")
	if !ok {
		return false
	}
	if sgPersonPronouns[b] || thingPronouns[b] || b == "who" || b == "there" || b == "here" || b == "what" || b == "everyone" || b == "nobody" {
		return true
	}
	n := a.w(k + 1)
	return a.sameSent(k, k+1) && (indefDets[n] || n == "the" || negators[n] || intensifiers[n] || n == "been" || n == "got" || n == "always" || n == "just" || n == "never" || n == "only" || n == "still")
}

// nounLike reports a token that may head a noun phrase.
func nounLike(w string) bool {
	b, _ := base(w)
	return lexis.IsNoun(lexis.Lemma(b, lexis.Noun)) || staffRoles[b]
}

// stopWord ends a noun phrase.
func (a *analysis) stopWord(k int) bool {
	w := a.w(k)
	return prepositions[w] || relatives[w] || conjunctions[w] || copulaWords[w] || auxiliaries[w] || locAdverbs[w] || negators[w] || a.contraction(k)
}

var titles = set("dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sister", "nurse", "matron", "sir", "dame")

// findMentions lists the references to people in token order.
func (a *analysis) findMentions() {
	self := map[string]bool{}
	for _, t := range tokenise(a.post.AuthorDisplayName) {
		if !titles[t.norm] && len(t.norm) > 1 {
			self[t.norm] = true
		}
	}
	last := -1 // the last singular person mention
	add := func(m mention) {
		m.ante = -1
		if m.pronoun || (m.generic && definiteDets[m.det]) {
			m.ante = last
		}
		// An apposition: "Dr A Name, the locum at ...": the same person.
		if last >= 0 && a.toks[m.np].brk && a.mentions[last].j == m.np && a.sameSent(m.np, a.mentions[last].i) {
			m.ante = last
		}
		for k := m.i; k < m.j; k++ {
			a.headAt[k] = len(a.mentions)
		}
		a.mentions = append(a.mentions, m)
		if !m.plural || m.partitive {
			last = len(a.mentions) - 1
		}
	}
	for k := 0; k < len(a.toks); k++ {
		t := a.toks[k]
		w := t.norm
		// A name from the extractor.
		if di := a.nameDet[k]; di >= 0 {
			d := a.post.Reading.Details[di]
			j := k
			for j < len(a.toks) && a.nameDet[j] == di {
				j++
			}
			own := true
			for x := k; x < j; x++ {
				if !self[a.toks[x].norm] && !titles[a.toks[x].norm] {
					own = false
				}
			}
			if !own && d.Subject != extract.SubjectAuthor {
				add(mention{i: k, j: j, np: k, named: true, subject: d.Subject, patient: d.Subject == extract.SubjectPatient})
			}
			k = j - 1
			continue
		}
		// A title and a capitalised name: "Dr Jane Doe", "Sister Jones".
		if titles[w] && t.upper && k+1 < len(a.toks) && a.toks[k+1].upper && !a.toks[k+1].symbol && a.sameSent(k, k+1) && !a.toks[k+1].brk && !staffRoles[a.toks[k+1].norm] {
			j := k + 1
			own := true
			for j < len(a.toks) && j < k+4 && a.toks[j].upper && a.sameSent(k, j) && !a.toks[j].brk && !commonWord(a.toks[j].norm) {
				if !self[a.toks[j].norm] {
					own = false
				}
				j++
			}
			if j > k+1 && !own {
				add(mention{i: k, j: j, np: k, named: true, role: w != "mr" && w != "mrs" && w != "ms" && w != "miss"})
				k = j - 1
				continue
			}
		}
		// A social media handle.
		if w == "@" && k+1 < len(a.toks) && a.toks[k+1].start == t.end && !a.toks[k+1].symbol && !isDigitByte(a.toks[k+1].norm[0]) {
			add(mention{i: k, j: k + 2, np: k, named: true, handle: true})
			k++
			continue
		}
		if sgPersonPronouns[w] {
			add(mention{i: k, j: k + 1, np: k, pronoun: true})
			continue
		}
		b, poss := base(w)
		if poss && a.contraction(k) {
			// "the chap's a liar": the noun is a mention, the "'s" its verb.
			if personWord(b) && !sgPersonPronouns[b] && !thingPronouns[b] {
				m := mention{i: k, j: k + 1, role: roleWord(b), generic: genericPersonNouns[b]}
				m.np, m.det = a.nounPhraseStart(k)
				add(m)
			}
			continue
		}
		if t.symbol || a.stopWord(k) || determiners[w] || intensifiers[w] {
			continue
		}
		isPatient := b == "patient" || b == "patients" || b == "pt" || b == "pts"
		isRole := !isPatient && (roleWord(b) || a.occDet[k] && personWord(b) && valence(b) == 0)
		isGeneric := genericPersonNouns[b]
		if !isPatient && !isRole && !isGeneric && !personWord(b) {
			continue
		}
		// Compounds: the head is the last person noun of a run ("consultant orthopod",
		// "practice manager"); a person noun before a thing noun is a modifier
		// ("registrar tier", "locum work", "General reminder").
		if !poss && k+1 < len(a.toks) && a.sameSent(k, k+1) && !a.toks[k+1].brk && !a.toks[k+1].symbol {
			nb, _ := base(a.toks[k+1].norm)
			if !a.stopWord(k+1) && (personWord(nb) || nb == "patient" || nb == "patients") {
				continue
			}
			if !a.stopWord(k+1) && nounLike(a.toks[k+1].norm) && !relatives[nb] && !(b == "one" && nb == "of") {
				continue
			}
		}
		m := mention{i: k, j: k + 1, role: isRole, patient: isPatient, generic: isGeneric, possessive: poss}
		m.np, m.det = a.nounPhraseStart(k)
		m.plural = pluralNoun(b) || (a.occDet[k] && strings.HasSuffix(b, "s") && !strings.HasSuffix(b, "ss"))
		if m.plural && a.w(m.np-1) == "of" && a.w(m.np-2) == "one" {
			m.partitive = true
			m.np, m.det = m.np-2, "one"
		}
		if b == "one" && m.det == "" {
			continue // "one of", "no one"
		}
		if x := m.np - 1; x >= 0 && (copulaWords[a.w(x)] || a.contraction(x)) && !a.cleft(x) {
			continue // a predicate noun says what the subject is: "is a weasel"
		}
		// The object of the author's encounter is a patient: "Had the local X in today".
		if x := m.np - 1; x >= 0 && encounterVerbs[a.w(x)] && (a.toks[x].sentStart || firstSingular[a.w(x-1)] || firstPlural[a.w(x-1)]) {
			m.patient = true
		}
		if m.det == "" && !m.plural && !roleWord(b) {
			continue // "anything major", "Lass who" (the extractor's People cover patients)
		}
		add(m)
	}
}

// commonWord reports a capitalised word that is ordinary English rather than a name.
func commonWord(w string) bool {
	c := lexis.Commonness(w)
	return c > 0 && c <= 20
}

// nounPhraseStart walks back from a head noun over its modifiers to the determiner
// (or a possessor: "the board's associate medical director").
func (a *analysis) nounPhraseStart(k int) (int, string) {
	np := k
	for x := k - 1; x >= 0 && x >= k-5 && a.sameSent(k, x); x-- {
		w := a.w(x)
		if determiners[w] {
			return x, w
		}
		if _, poss := base(w); poss && !a.contraction(x) {
			np = x
			continue
		}
		if a.toks[x+1].brk || a.toks[x].symbol || prepositions[w] || relatives[w] || conjunctions[w] || copulaWords[w] || auxiliaries[w] || selfPronouns[w] || youPronouns[w] || w == "'s" {
			break
		}
		if a.contraction(x) {
			break
		}
		np = x
	}
	return np, ""
}

// identHint: the post tells readers they know who is meant ("you lot know who this is",
// "everyone knows who", "if you work in ...").
func (a *analysis) identHint() bool {
	for k, t := range a.toks {
		switch t.norm {
		case "who":
			for x := k - 1; x >= 0 && x >= k-2 && a.sameSent(k, x); x-- {
				if strings.HasPrefix(a.w(x), "know") || a.w(x) == "knew" || a.w(x) == "guess" {
					return true
				}
			}
		case "work", "working":
			if a.w(k-1) == "you" && a.w(k-2) == "if" && locators[a.w(k+1)] {
				return true
			}
		}
	}
	return false
}

// workplaceNoun: a non-person noun after our/my ("our practice", "our place", "my unit").
func (a *analysis) workplaceAfter(x int) bool {
	for y := x + 1; y < len(a.toks) && y <= x+3 && a.sameSent(x, y); y++ {
		b, _ := base(a.w(y))
		if personWord(b) || b == "patient" || b == "patients" || selfPronouns[b] {
			return false
		}
		if a.stopWord(y) {
			return false
		}
		if nounLike(b) || a.toks[y].upper || a.placeDet[y] {
			return true
		}
	}
	return false
}

// identify decides whether a mention's person can be identified by readers.
func (a *analysis) identify(mi int) {
	m := &a.mentions[mi]
	if m.named {
		m.ident, m.why = true, "named"
		return
	}
	if m.pronoun || m.plural && !m.partitive {
		return
	}
	pinned, why := false, ""
	if ownDets[m.det] && m.role && !m.patient {
		pinned, why = true, "the author's own workplace"
	}
	for x := m.np; x < m.i; x++ {
		w := a.w(x)
		if _, poss := base(w); poss && x > m.np-1 && !sgPersonPronouns[w] {
			b, _ := base(w)
			if !personWord(b) || a.toks[x].upper {
				pinned, why = true, "their employer"
			}
		}
		if w == "local" && a.post.AuthorLocation != "" {
			pinned, why = true, "the author's town"
		}
	}
	unique := false
	for x := m.np; x < m.i; x++ {
		if a.w(x) == "only" || a.w(x) == "sole" || a.w(x) == "new" {
			unique = true
		}
	}
	// The description after the head, up to the main verb.
	descr := false
	end := min(len(a.toks), m.j+16)
	for x := m.j; x < end && a.sameSent(m.i, x); x++ {
		w := a.w(x)
		if (copulaWords[w] || auxiliaries[w] || a.contraction(x)) && !relatives[a.w(x-1)] && !(a.w(x-1) == "'" && relatives[a.w(x-2)]) {
			break
		}
		if a.toks[x].brk && x > m.j {
			descr = true // an apposition or an aside
		}
		if ownDets[w] && a.workplaceAfter(x) {
			pinned, why = true, "the author's own workplace"
		}
		if locAdverbs[w] && (a.post.AuthorLocation != "" || a.anyPlace()) {
			pinned, why = true, "the author's workplace"
		}
		if locators[w] {
			for y := x + 1; y < len(a.toks) && y <= x+7 && a.sameSent(x, y); y++ {
				t := a.toks[y]
				if a.placeDet[y] || (t.upper && !t.sentStart && !commonWord(t.norm)) || ownDets[t.norm] && a.workplaceAfter(y) || isDigits(t.norm) && y > x+1 {
					pinned, why = true, "where they work"
					break
				}
				if copulaWords[t.norm] || auxiliaries[t.norm] {
					break
				}
			}
		}
		if w == "only" || weekday(w) || a.ethDet[x] {
			unique = true
		}
	}
	if !pinned && m.role && !m.patient && definiteDets[m.det] {
		// "re the Cardigan MIU - the ENP on Tuesdays ...": the unit named before it
		// in the sentence is where they work.
		if u := a.namedUnitBefore(m.np); u[1] > 0 {
			pinned, why = true, "where they work"
		}
	}
	if a.hint && !pinned {
		pinned, why = true, "readers are told they know who it is"
	}
	switch {
	case m.partitive:
		m.ident = pinned && (descr || unique)
	case definiteDets[m.det] || ownDets[m.det] || (m.det == "" && m.np < m.i):
		m.ident = pinned
	}
	if m.ident {
		m.why = why
	}
}

func weekday(w string) bool {
	switch strings.TrimSuffix(w, "s") {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri": // not "sat", "sun"
		return true
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (a *analysis) anyPlace() bool {
	for _, p := range a.placeDet {
		if p {
			return true
		}
	}
	return false
}

// root follows a mention's antecedents to the person first mentioned.
func (a *analysis) root(mi int) int {
	for n := 0; mi >= 0 && n < 8; n++ {
		if a.mentions[mi].ante < 0 {
			return mi
		}
		mi = a.mentions[mi].ante
	}
	return mi
}

// identifiable reports whether the person of mention mi (or anyone it takes up) can
// be identified, and how.
func (a *analysis) identifiable(mi int) (bool, string, int) {
	for n := 0; mi >= 0 && n < 8; n++ {
		m := a.mentions[mi]
		if m.ident {
			return true, m.why, mi
		}
		mi = m.ante
	}
	return false, "", -1
}

// subjectAt finds what the clause ending before token v is about: the head of the
// first noun phrase after the clause's start, skipping possessors ("the board's") and
// asides between dashes or commas that hold no referent. It returns the kind and, for
// a person, the mention.
func (a *analysis) subjectAt(v int) (refKind, int) {
	if v >= len(a.toks) {
		return refNone, -1
	}
	// A contraction is its own subject: "he's", "the man's".
	if a.contraction(v) {
		b, _ := strings.CutSuffix(a.w(v), "'s")
		switch {
		case sgPersonPronouns[b]:
			return refPerson, a.headAt[v]
		case thingPronouns[b] || b == "there" || b == "here":
			return refThing, -1
		case a.headAt[v] >= 0:
			return refPerson, a.headAt[v]
		}
	}
	sent := a.toks[v].sent
	end := v
	for tries := 0; tries < 4; tries++ {
		start := end - 1
		for start > 0 && a.toks[start-1].sent == sent && !a.toks[start].brk && !(conjunctions[a.w(start-1)] && start-1 > 0 && a.toks[start-2].sent == sent) {
			start--
		}
		if start < 0 || a.toks[start].sent != sent {
			return refNone, -1
		}
		if k, mi := a.firstReferent(start, end); k != refNone {
			// An aside to the reader between dashes or brackets ("X – you all know who I
			// mean – is") is not the subject: the phrase before it is.
			if !((k == refYou || k == refSelf) && a.toks[v].brk) {
				return k, mi
			}
		}
		if start == 0 || a.toks[start-1].sent != sent {
			return refNone, -1
		}
		end = start
		if conjunctions[a.w(end-1)] && end-1 > 0 {
			end--
		}
	}
	return refNone, -1
}

// firstReferent classes the first noun phrase in tokens [i, e).
func (a *analysis) firstReferent(i, e int) (refKind, int) {
	for k := i; k < e; k++ {
		w := a.w(k)
		if k == i && discourseOpen[w] {
			i++
			continue
		}
		if mi := a.headAt[k]; mi >= 0 {
			m := a.mentions[mi]
			if m.possessive && !m.pronoun {
				continue
			}
			if m.pronoun && (w == "his" || w == "her") && k+1 < e && !a.stopWord(k+1) {
				continue // "his wife", "her patients": a possessor
			}
			if m.plural && !m.partitive {
				return refGroup, mi
			}
			return refPerson, mi
		}
		switch {
		case selfPronouns[w] || firstPossessives[w] && k+1 >= e:
			return refSelf, -1
		case youPronouns[w]:
			return refYou, -1
		case groupPronouns[w]:
			return refGroup, -1
		case thingPronouns[w] && (k+1 >= e || a.stopWord(k+1) || w == "it" || w == "it's"):
			return refThing, -1
		}
		if determiners[w] || intensifiers[w] || a.toks[k].symbol {
			continue
		}
		b, poss := base(w)
		if poss {
			continue // a possessor: "the board's new policy"
		}
		// The head of a noun phrase: the last noun before a stop.
		if k+1 >= e || a.stopWord(k+1) || a.toks[k+1].brk {
			if a.placeDet[k] || a.toks[k].upper {
				return refThing, -1
			}
			if nounLike(b) {
				if groupNoun(b) {
					return refGroup, -1
				}
				return refThing, -1
			}
		}
	}
	return refNone, -1
}

// span is the original body text of tokens [i, j) as a finding span.
func (a *analysis) span(i, j int, kind string) *mosaicv1.Span {
	s, e := a.toks[i].start, a.toks[j-1].end
	return &mosaicv1.Span{Start: uint32(s), End: uint32(e), Text: a.post.Body[s:e], DetailKind: kind}
}

func (a *analysis) quote(i, j int) string {
	return "\u201c" + a.post.Body[a.toks[i].start:a.toks[j-1].end] + "\u201d"
}

// sentenceEnd is the index after the last token of token k's sentence.
func (a *analysis) sentenceEnd(k int) int {
	e := k
	for e < len(a.toks) && a.toks[e].sent == a.toks[k].sent {
		e++
	}
	return e
}

// sentenceStart is the first token of token k's sentence.
func (a *analysis) sentenceStart(k int) int {
	s := k
	for s > 0 && a.toks[s-1].sent == a.toks[k].sent {
		s--
	}
	return s
}

// negatedNear reports a negator up to n words before token k in its sentence.
func (a *analysis) negatedNear(k, n int) bool {
	if k >= len(a.toks) {
		return false
	}
	for x := k - 1; x >= 0 && x >= k-n && a.sameSent(k, x); x-- {
		if negators[a.w(x)] {
			return true
		}
	}
	return false
}

// cleft reports "it's", "it is", "that's", "this is" at token x: what follows
// introduces someone ("it's the senior partner at ...").
func (a *analysis) cleft(x int) bool {
	w := a.w(x)
	if w == "it's" || w == "that's" || w == "this's" {
		return true
	}
	return (w == "is" || w == "was") && thingPronouns[a.w(x-1)]
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
