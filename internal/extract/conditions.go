package extract

import (
	"strings"

	"github.com/mosaicgw/mosaic/internal/conditions"
)

// Conditions are read from internal/conditions: every name, synonym, adjective and
// person form ("epileptic", "a dialysis patient") and every abbreviation of some 4,000
// conditions, events and states with their UK prevalence; abbreviations with several
// meanings are settled by the words around them ("MS" with "relapsing" or with
// "valve"; "PE teacher"); and conditions the text only implies ("on riluzole", "a
// positive sweat test", "32+4 with twins") are read from drugs, tests and findings.

// loadConditions adds the conditions index's surface forms to the phrase dictionary.
func (l *lexicon) loadConditions() {
	ci := conditions.Default()
	ci.Phrases(func(form string, c *conditions.Condition) bool {
		p := phrase{kind: KindCondition, value: strings.ToLower(c.Name), ref: c.ID, freq: c.Rate()}
		if ci.IsAbbreviation(form) {
			low := strings.ToLower(form)
			p.needUpper = len(form) < 3 || l.common[low] || form == strings.ToUpper(form) && len(form) <= 3
			p.senses = len(ci.Lookup(form)) > 1
			p.rareShort = !p.senses && len(form) <= 4 && c.Rare
		}
		l.addPhrase(form, p)
		return true
	})
	l.loadPersonForms(ci)
	l.loadBareEponyms(ci)
}

// loadBareEponyms adds the possessive alone for an eponymous condition ("Weil's" for
// Weil's disease, "Bell's" for Bell's palsy, "Graves'" for Graves' disease, "Marfan's"
// for Marfan syndrome) where the index has no such form and only
// one condition is named after that person: doctors drop the noun. They count only
// where no noun follows for the possessive to belong to (bareEponymAt).
func (l *lexicon) loadBareEponyms(ci *conditions.Index) {
	by := map[string]map[*conditions.Condition]bool{}
	ci.Phrases(func(form string, c *conditions.Condition) bool {
		name, head, ok := strings.Cut(form, " ")
		if ok && !strings.Contains(name, "'") && (head == "syndrome" || head == "disease") && !l.common[strings.ToLower(name)] {
			// "Marfan syndrome" is "Marfan's" too.
			name += "'s"
		}
		if !ok || strings.Count(form, " ") != 1 || !strings.HasSuffix(name, "'s") && !strings.HasSuffix(name, "s'") || len(name) < 5 ||
			name[0] < 'A' || name[0] > 'Z' || ci.IsAbbreviation(form) {
			return true
		}
		if by[name] == nil {
			by[name] = map[*conditions.Condition]bool{}
		}
		by[name][c] = true
		return true
	})
	for name, cs := range by {
		if len(cs) != 1 || len(ci.Lookup(name)) > 0 {
			continue
		}
		for c := range cs {
			l.addPhrase(name, phrase{kind: KindCondition, value: strings.ToLower(c.Name), ref: c.ID, freq: c.Rate(), bareEponym: true})
		}
	}
}

// bareEponymHeads may follow an eponym's possessive that still names the condition: the
// patient who has it ("my Graves' lady", "a Crohn's patient") or its course ("Graves'
// relapse").
var bareEponymHeads = map[string]bool{"patient": true, "patients": true, "pt": true, "lady": true, "man": true,
	"woman": true, "gentleman": true, "chap": true, "girl": true, "boy": true, "relapse": true, "flare": true,
	"diagnosis": true}

// bareEponymAt reports an eponym's possessive standing alone for its condition: no
// noun follows for it to own ("has Weil's", "Bell's on the left", not "Mrs Bell's
// daughter") other than its patient or its course ("my Graves' lady", "Graves'
// relapse"), and no title or first name precedes it.
func (s *scan) bareEponymAt(i, j int) bool {
	if !s.toks[i].cap {
		return false
	}
	if s.nounAt(j) && !bareEponymHeads[s.lo(j)] {
		return false
	}
	return i == 0 || !s.toks[i-1].cap || s.sentOf[i-1] != s.sentOf[i] || s.sent[s.sentOf[i]].start == i-1 && s.ex.lex.commonWord(s.lo(i-1))
}

// loadPersonForms adds the person nouns English derives from a condition's name in
// "-ia" ("myasthenia" gives "a myasthenic", "anorexia" "an anorexic", "dyslexia" "a
// dyslexic") where the index has no such form: a doctor's shorthand for a patient who
// has it. Of several conditions whose names start with the same word the most common
// is taken. They count only where they stand for a person (personForm).
func (l *lexicon) loadPersonForms(ci *conditions.Index) {
	best := map[string]*conditions.Condition{}
	ci.Phrases(func(form string, c *conditions.Condition) bool {
		if ci.IsAbbreviation(form) {
			return true
		}
		first, _, _ := strings.Cut(strings.ToLower(c.Name), " ")
		if len(first) < 7 || !strings.HasSuffix(first, "ia") {
			return true
		}
		noun := first[:len(first)-2] + "ic"
		if b, ok := best[noun]; !ok || c.Rate() > b.Rate() {
			best[noun] = c
		}
		return true
	})
	for noun, c := range best {
		if len(ci.Lookup(noun)) > 0 || l.common[noun] && !l.common[noun+"s"] {
			continue
		}
		p := phrase{kind: KindCondition, value: strings.ToLower(c.Name), ref: c.ID, freq: c.Rate(), personForm: true}
		l.addPhrase(noun, p)
		l.addPhrase(noun+"s", p)
	}
}

// chooseCondition settles an abbreviation with several senses by the words of its
// sentence; ok is false when the sense chosen is not a condition ("PE" in "PE
// teacher", "MS" the title).
func (s *scan) chooseCondition(p *phrase, i, j int) (value, ref string, freq float64, ok bool) {
	ci := conditions.Default()
	text := s.n.text[s.toks[i].start:s.toks[j-1].end]
	si := s.sentOf[i]
	var ctx []string
	if int(si) < len(s.sent) {
		st := s.sent[si]
		for k := max(st.start, i-8); k < min(st.end, j+8); k++ {
			if k < i || k >= j {
				ctx = append(ctx, s.lo(k))
			}
		}
	}
	// A sense the post's drugs or tests point to wins ("PD" with "rasagiline" is
	// Parkinson's disease, not peritoneal dialysis).
	implied := s.impliedIDs()
	for _, sn := range ci.Lookup(text) {
		if sn.Condition != nil && implied[sn.Condition.ID] {
			c := sn.Condition
			return strings.ToLower(c.Name), c.ID, c.Rate(), true
		}
	}
	sense, _ := ci.ChooseSense(text, ctx)
	if sense.Condition == nil && conditionFrame(s.lo2(i-1)) && !(i >= 1 && s.sentenceStart(i-1)) {
		// "has MS", "with PD", "diagnosed MS": what a person has or is diagnosed with
		// is a condition; take the likeliest condition sense.
		best := -1.0
		for _, sn := range ci.Lookup(text) {
			if sn.Condition != nil && sn.Weight > best {
				sense, best = sn, sn.Weight
			}
		}
	}
	if sense.Condition == nil {
		return "", "", 0, false
	}
	c := sense.Condition
	return strings.ToLower(c.Name), c.ID, c.Rate(), true
}

// rareShortSupported reports whether the post speaks of the rare disease a short
// abbreviation stands for. Medicine has many more three- and four-letter short forms
// than the conditions index knows ("MCL" is a knee ligament as often as a lymphoma),
// and a writer who means the rare disease says something of it: a word of its name
// ("lymphoma"), a word its sense keeps company with, or a drug that implies it.
func (s *scan) rareShortSupported(p *phrase, i, j int) bool {
	ci := conditions.Default()
	c := ci.ByID(p.ref)
	if c == nil {
		return true
	}
	if s.impliedIDs()[c.ID] {
		return true
	}
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(c.Name), func(r rune) bool { return r == ' ' || r == '-' || r == ',' || r == '(' || r == ')' }) {
		if len(w) >= 5 && !s.ex.lex.commonWord(w) && w != "disease" && w != "syndrome" && w != "disorder" {
			words[w] = true
		}
	}
	for _, sn := range ci.Lookup(s.n.text[s.toks[i].start:s.toks[j-1].end]) {
		for _, w := range sn.Context {
			if w = strings.ToLower(w); len(w) >= 5 {
				words[w] = true
			}
		}
	}
	for k := range s.toks {
		if k >= i && k < j || s.toks[k].kind != tokWord {
			continue
		}
		if w := s.lo(k); words[w] || words[strings.TrimSuffix(w, "s")] {
			return true
		}
	}
	return false
}

// conditionFrame reports a word after which an abbreviation names what someone has.
func conditionFrame(w string) bool {
	switch w {
	case "has", "have", "had", "with", "diagnosed", "dx", "known", "suspected", "confirmed", "longstanding", "long-standing":
		return true
	}
	return false
}

// impliedIDs are the conditions the post's drug, brand and test words point to with
// some strength, read once per post.
func (s *scan) impliedIDs() map[string]bool {
	if s.implied != nil {
		return s.implied
	}
	s.implied = map[string]bool{}
	ci := conditions.Default()
	for i := range s.toks {
		t := &s.toks[i]
		if t.kind != tokWord || t.end-t.start < 5 || s.ex.lex.commonWord(s.lo(i)) {
			continue
		}
		for _, im := range ci.ImpliedBy(s.lo(i)) {
			if im.Strength >= 0.3 {
				s.implied[im.Condition.ID] = true
			}
		}
	}
	return s.implied
}

// impliedLeads are the words before a drug or test that say the patient has it: "on
// riluzole", "started nintedanib", "a positive sweat test".
var impliedLeads = map[string]bool{
	"on": true, "started": true, "starting": true, "taking": true, "takes": true, "prescribed": true,
	"positive": true, "commenced": true, "switched": true, "via": true, "with": true, "given": true,
	"needs": true, "needed": true, "for": true, "had": true, "has": true, "a": true, "+": true, "&": true,
}

// matchImplied reads conditions implied by drugs, brands, tests and findings. Only a
// term next to a word that ties it to the patient counts ("on riluzole", not "riluzole
// prolongs survival"), and only when the text names no condition of its own there.
func (s *scan) matchImplied() {
	ci := conditions.Default()
	have := map[string]bool{}
	for k := range s.out {
		if s.out[k].Kind == KindCondition {
			have[s.out[k].Value] = true
		}
	}
	for i := 0; i < len(s.toks); i++ {
		t := &s.toks[i]
		if s.used[i] || t.kind == tokPunct {
			continue
		}
		w := s.lo(i)
		if len(w) < 4 && t.kind == tokWord && !t.upper {
			continue
		}
		if t.kind == tokWord && s.ex.lex.commonWord(w) && !t.upper && (impliedLeads[w] || !ci.StartsImplied(w)) {
			continue
		}
		// Up to three words: "sweat test", "AChR antibodies", "32+4 with twins".
		best := []conditions.Implication(nil)
		bestEnd := i + 1
		for n := 1; n <= 4 && i+n <= len(s.toks); n++ {
			if n > 1 && (s.toks[i+n-1].nl > 0 || s.toks[i+n-1].kind == tokPunct && s.lo(i+n-1) != "+" && s.lo(i+n-1) != "/") {
				break
			}
			term := s.n.text[t.start:s.toks[i+n-1].end]
			if is := ci.ImpliedBy(term); len(is) > 0 {
				best, bestEnd = is, i+n
			}
		}
		if len(best) == 0 {
			continue
		}
		// "on riluzole", "a positive sweat test"; or a result said after the test:
		// "her anti-MuSK test was positive".
		resultAfter := s.hasWordsAfter(bestEnd, 4, "positive", "strongly positive", "came back positive", "were positive", "was positive", "raised", "elevated")
		if !(impliedLeads[s.lo2(i-1)] || s.toks[i].kind == tokNum || resultAfter) {
			i = bestEnd - 1
			continue
		}
		if s.toks[i].kind == tokNum && !s.pregnancyWords() && !s.sheIs(i) {
			// "4+4" is a Gleason score, "2+1" a count: weeks and days of gestation only
			// where the text speaks of a pregnancy.
			i = bestEnd - 1
			continue
		}
		for _, im := range best {
			if im.Strength < 0.5 || len(have) > 0 && im.Strength < 0.9 {
				// A drug used for several conditions adds nothing to a text that names
				// the one it is for.
				continue
			}
			c := im.Condition
			v := strings.ToLower(c.Name)
			if have[v] {
				continue
			}
			have[v] = true
			s.add(Detail{Kind: KindCondition, Value: v, Ref: c.ID, Frequency: c.Rate(), Confidence: im.Strength,
				Subject: s.subjectAt(i), Negated: s.negatedBefore(i)}, i, bestEnd)
		}
		i = bestEnd - 1
	}
}

// sheIs reports a number that is what a woman is ("she is 32+4", "she's now 30+1"):
// said of a woman, weeks and days are her gestation.
func (s *scan) sheIs(i int) bool {
	p := i - 1
	if s.is(p, "now") {
		p--
	}
	return s.is(p, "is") && s.is(p-1, "she") || s.is(p, "s") && s.is(p-1, "'") && s.is(p-2, "she")
}

// pregnancyWords reports words of pregnancy anywhere in the text.
func (s *scan) pregnancyWords() bool {
	for i := range s.toks {
		switch s.lo(i) {
		case "pregnant", "pregnancy", "gestation", "weeks", "wks", "twins", "twin", "triplets", "booking",
			"antenatal", "primip", "multip", "primigravida", "ctg", "obstetric", "obstetrics", "delivery",
			"labour", "scan", "fetal", "foetal", "edd", "/40", "40", "mcda", "dcda", "mcmc", "ivf":
			return true
		}
	}
	return false
}

// negatedAfter are words after a condition that deny or withhold it: "TB screen
// negative", "PE excluded", "fracture ruled out", "?PEG considered".
var negatedAfter = map[string]bool{
	"negative": true, "neg": true, "excluded": true, "normal": true, "clear": true, "unlikely": true,
}

// hedgesBefore make a condition a question rather than a fact: "?PE", "query MS",
// "possible sepsis", "rule out ACS", "screening for TB".
var hedgesBefore = map[string]bool{
	"?": true, "query": true, "possible": true, "possibly": true, "suspected": true, "suspect": true,
	"r/o": true, "exclude": true, "excluding": true, "screening": true, "screen": true, "risk": true,
	"considering": true, "consider": true, "discuss": true, "discussing": true, "ddx": true, "differential": true,
	"vs": true, "versus": true, "or": true, "mimic": true, "mimicking": true, "like": true, "unlike": true,
}

// hedgesAfter make a condition one being weighed: "a PEG is being considered", "PE
// unlikely", "stroke mimic".
var hedgesAfter = map[string]bool{
	"discussed": true, "considered": true, "planned": true, "pending": true, "mimic": true, "query": true,
	"risk": true, "screen": true, "screening": true, "prophylaxis": true,
}

// qualifyConditions marks conditions the text denies (Negated) or only weighs (low
// Confidence, which the ledger ignores).
func (s *scan) qualifyConditions() {
	for k := range s.out {
		d := &s.out[k]
		if d.Kind != KindCondition || k >= len(s.dspan) || s.dspan[k].i < 0 {
			continue
		}
		sp := s.dspan[k]
		for m := sp.j; m < len(s.toks) && m <= sp.j+4; m++ {
			w := s.lo(m)
			if s.toks[m].kind == tokPunct && w != "-" {
				break
			}
			if negatedAfter[w] || w == "ruled" && s.is(m+1, "out") {
				d.Negated = true
			}
			if hedgesAfter[w] || w == "being" && (s.is(m+1, "discussed") || s.is(m+1, "considered")) {
				d.Confidence = min(d.Confidence, 0.4)
			}
		}
		for m := sp.i - 1; m >= 0 && m >= sp.i-3; m-- {
			w := s.lo(m)
			if hedgesBefore[w] || w == "rule" && s.is(m+1, "out") || w == "?" {
				d.Confidence = min(d.Confidence, 0.4)
				break
			}
			if s.toks[m].kind == tokPunct && w != "-" {
				break
			}
		}
	}
}
