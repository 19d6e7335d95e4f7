package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mosaicgw/mosaic/internal/conditions"
	"github.com/mosaicgw/mosaic/internal/lexis"
	"github.com/mosaicgw/mosaic/internal/places"
)

// Dictionary matching: one pass over the tokens, hashing successive token n-grams and
// looking each hash up in one map. The longest entry wins at each position.

func (s *scan) matchPhrases() {
	lex := s.ex.lex
	if lex.nPhrases == 0 {
		return
	}
	for i := s.nextFlag(0, fPhraseStart); i < len(s.toks); i = s.nextFlag(i+1, fPhraseStart) {
		t := &s.toks[i]
		if t.kind == tokPunct || s.used[i] || s.wf[i]&fPhraseStart == 0 {
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
			h = ngramAdd(h, s.toks[k].key)
			var g ngram
			var ok bool
			if n == 1 {
				// The word's own n-gram came with its flags.
				g, ok = lex.ngrams.fromRef(s.ref[i])
			} else {
				g, ok = lex.ngrams.get(h)
			}
			if !ok {
				break
			}
			if len(g.es) > 0 {
				// Not glued to a longer word: "Leeds" but not "Leedsx".
				if !(k+1 < len(s.toks) && s.toks[k+1].gap == 0 && s.toks[k+1].kind != tokPunct) {
					bestN, best = n, g.es
				}
			}
			if !g.more {
				break
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
		for k := range best {
			if s.emitPhrase(&best[k], i, j) {
				emitted = true
			}
		}
		if emitted {
			i = j - 1
		}
	}
}

// emitPhrase applies an entry's conditions and records it.
func (s *scan) emitPhrase(p *phrase, i, j int) bool {
	t := &s.toks[i]
	prepOK := s.placePrepBefore(i) || p.island && (s.is(i-1, "on") || s.is(i-1, "off") || s.is(i-1, "on") && s.is(i-2, "out")) ||
		p.kind == KindPlace && (s.placeBeforePerson(i, j) || s.placeBeforeRound(i, j) || s.placeOfAddress(i, j) || s.placeInCaseList(i, j) || s.placeAfterInstitution(i, j))
	if p.kind == KindPlace && p.needPrep {
		// Abroad, or also a word or a name: a real capital letter (or, in a note in
		// capitals, a long word that is neither a word nor a name) after a place
		// preposition.
		w := s.lo(i)
		strongPrep := p.island && s.is(i-1, "on") || s.is(i-1, "in") || s.is(i-1, "from") || s.is(i-1, "near") || s.is(i-1, "to") || s.is(i-1, "@")
		shoutOK := (s.shouting() && t.upper || s.lowerish() && !t.cap) && len(w) >= 4 && !s.ex.lex.commonWord(w) && (!s.ex.lex.isName(w) || strongPrep) && !clinicalUnits[w] && !clinicalNames[w] ||
			// Two or more words that together name a place, however written, right
			// after "to"/"from"/"in": "returned to milton keynes".
			j-i >= 2 && strongPrep && (!t.cap || t.upper && s.shouting()) && s.sameHand(i, j-1) && !isDeterminer(w)
		if !s.properCap(i) && !shoutOK {
			return false
		}
		if t.upper && len(w) <= 4 && !shoutOK {
			// "OSH", "HO": acronyms in mixed-case writing.
			return false
		}
		if p.needCap && !s.properCap(i) && !shoutOK {
			return false
		}
	} else if p.needCap && !s.properCap(i) {
		return false
	}
	if p.kind == KindEthnicity && s.properCap(i) && !t.upper && j < len(s.toks) && s.properCap(j) && !s.toks[j].upper && s.toks[j].nl == 0 && s.ex.lex.commonWord(s.lo(j)) {
		// Part of an organisation's name: "American Heart Association", "British Heart
		// Foundation".
		return false
	}
	if p.kind == KindPlace && (!t.cap || t.upper && s.shouting()) && !prepOK {
		// Lower case or a shouted note: only after a place preposition.
		return false
	}
	if p.needPrep && !prepOK {
		return false
	}
	if p.kind == KindSex && t.upper && j-i == 1 && (s.lo(i) == "ms" || s.lo(i) == "mr") {
		// "MS" is multiple sclerosis, "MR" mitral regurgitation: titles are "Ms", "Mr".
		return false
	}
	if p.needUpper && !(t.upper || t.end-t.start == 1 && t.cap) {
		return false
	}
	if p.needUpper && s.shouting() {
		// In a note written in capitals an abbreviation cannot be told from a word.
		return false
	}
	if p.kind == KindPublicStatus && t.upper && j-i == 1 && t.end-t.start <= 4 && !s.publicTitleContext(i) {
		// "IV MP 2mg/kg" is methylprednisolone; "the local MP", "our MSP" are people.
		return false
	}
	if p.kind == KindEvent && p.value == "court case" && j-i == 1 && !s.courtContext(i) {
		// "a trial of gabapentin", "trial closed loop insulin": a treatment trial.
		return false
	}
	if p.kind == KindEvent && j-i == 1 && s.eventWordUsedOtherwise(i) {
		return false
	}
	if p.kind == KindCondition && j-i == 1 && (s.lo(i) == "fit" || s.lo(i) == "fits") {
		// "a fit", "his first fit", "two fits" are seizures; "fit for work", "keep fit",
		// "be fit for the season" are health.
		switch s.lo2(i - 1) {
		case "a", "first", "another", "had", "having", "his", "her", "their", "the", "further", "second", "third", "big", "ever", "tonic-clonic":
		default:
			if i == 0 || s.toks[i-1].kind != tokNum && numberWords[s.lo(i-1)] == 0 {
				return false
			}
		}
	}
	if p.kind == KindPublicStatus && (p.value == "footballer" || p.value == "cricketer") && j-i == 1 && !s.professionalSport(i) {
		// A footballer who plays to a good standard is one of millions who play;
		// only a professional is a public figure.
		d := Detail{Kind: KindOccupation, Value: "amateur " + p.value, Frequency: 0.02, Confidence: 0.7, Subject: s.subjectAt(i)}
		s.add(d, i, j)
		return true
	}
	subj := s.subjectAt(i)
	if p.subject != SubjectUnknown {
		subj = p.subject
	}
	if p.weak && (subj == SubjectPopulation || subj == SubjectHypothetical) && p.kind != KindOccupation {
		return false
	}
	if p.kind == KindOccupation && j-i == 1 {
		if j < len(s.toks) && s.toks[j].kind == tokWord && s.toks[j].nl == 0 {
			if _, ok := personNouns[s.lo(j)]; ok {
				return false // "a lovely lady", "a grand old man": a word describing a person
			}
			if n := s.lo(j); lexis.IsNoun(lexis.Lemma(n, lexis.Noun)) && s.wf[j]&fPrep == 0 && !copulas[n] && !clauseWords[n] && n != "and" && n != "who" && !deicticWords[n] {
				return false // "thrush risk", "nurse appointment": a word modifying a noun
			}
		}
		if len(conditions.Default().Lookup(s.n.text[t.start:t.end])) > 0 {
			return false // "thrush" is the infection before it is the singer
		}
		if s.presentVerbAt(i) {
			return false // "she volunteers with", "he guides walkers": a verb
		}
	}
	if p.weak && p.kind == KindOccupation && subj == SubjectPopulation && !t.cap && !s.caseFragmentAt(i, j) {
		// "runners should", "a cook may": people in general (the attach stage reads
		// whose a job is wherever the word names one).
		return false
	}
	d := Detail{Kind: p.kind, Value: p.value, Ref: p.ref, Generalisations: p.gen, Confidence: 0.8,
		Subject: subj, Frequency: p.freq}
	if p.personForm && !s.personFormAt(i, j) {
		return false
	}
	if p.bareEponym && !s.bareEponymAt(i, j) {
		return false
	}
	if p.rareShort && !s.rareShortSupported(p, i, j) {
		return false
	}
	if p.senses {
		v, ref, f, ok := s.chooseCondition(p, i, j)
		if !ok {
			return false
		}
		d.Value, d.Ref, d.Frequency = v, ref, f
	}
	if p.kind == KindDate && strings.HasPrefix(p.value, "@") {
		v, ok := s.resolveRelative(p.value)
		if !ok {
			return false
		}
		d.Value = v
		d.Relative = true
	}
	switch p.kind {
	case KindPlace:
		if p.homonym {
			if q, ok := s.qualifiedPlace(i, j); ok {
				d.Value, d.Ref, d.Generalisations, d.Frequency, p = q.value, q.ref, q.gen, q.freq, &q
			} else if q, ok := s.nearAuthor(i, j); ok {
				d.Value, d.Ref, d.Generalisations, d.Frequency, p = q.value, q.ref, q.gen, q.freq, &q
			}
		}
		d.Population = p.pop
		// A place that is also a word or surname needs a capital and a place
		// preposition or a nearby place word when the text is not all lower case.
		d.Confidence = 0.85
		if !t.cap {
			d.Confidence = 0.6
		}
	case KindCondition:
		d.Negated = s.negatedBefore(i)
	case KindOccupation:
		if s.amateurSport(i, j, d.Value) {
			// "ultra runner", "keen cyclist", "a marathon runner": a pastime, not a
			// trade. About one adult in ten runs, cycles or swims regularly (Sport
			// England's Active Lives surveys, as an order of magnitude).
			d.Frequency = 0.1
		}
		if k := i - 1; k >= 0 && s.produceModifier(k, i) {
			// "a pig farmer", "an oyster farmer", "a lobster fisherman": the trade
			// by what it works with, one of its kinds. The index composes such
			// titles but cannot count them; a tenth of the trade is the order of
			// magnitude (farmers are livestock, dairy, arable, mixed, horticulture...).
			d.Value = s.lo(k) + " " + d.Value
			d.Frequency /= 10
			i = k
		}
		if s.is(i-1, "-") && s.is(i-2, "non") || s.is(i-1, "non") {
			return false // "a non-driver", "non smoker": the job negated
		}
		if j-i == 1 && s.didARunner(i) {
			return false // "did a runner": he fled (news.go reads the incident)
		}
		if j-i == 1 && s.lo(i) == "player" && playerIdioms[s.lo2(i-1)] {
			return false // "a team player", "a key player", "a record player": no job
		}
		if k := i - 1; k >= 0 && j-i == 1 && s.lo(i) == "player" && s.gameModifier(k, i) {
			// "a shinty player", "a darts player", "a cello player": a player of
			// that game or instrument, as many as use its name (rarity).
			d.Value = s.lo(k) + " player"
			d.Frequency = rarity(s.lo(k))
			i = k
		}
		// "the practice nurse", "his headteacher", "her GP": someone else's role in the
		// story, not the patient's job ("she's a solicitor", "a dairy farmer").
		switch s.lo2(i - 1) {
		case "the", "his", "her", "their", "my", "our", "your", "its":
			d.Subject = SubjectColleague
		}
	case KindFamily:
		if s.is(i-1, "of") {
			switch s.lo2(i - 2) {
			case "oldest", "eldest", "youngest", "middle", "one", "second", "third":
				return false // "the youngest of five children": a sibling, not a parent
			}
		}
	case KindSex:
		// Pronouns and sex nouns: only about a specific person.
		if subj == SubjectPopulation || subj == SubjectUnknown {
			return false
		}
	}
	s.add(d, i, j)
	return true
}

// sportModifiers name the kind of a sport its amateurs take part in.
var sportModifiers = map[string]bool{"ultra": true, "marathon": true, "fell": true, "trail": true,
	"club": true, "parkrun": true, "triathlon": true, "cross-country": true, "distance": true, "open-water": true}

// sportHeads are people who do a sport, whatever WordNet files them under.
var sportHeads = map[string]bool{"runner": true, "cyclist": true, "rower": true, "boxer": true,
	"surfer": true, "triathlete": true, "climber": true, "swimmer": true, "walker": true}

// amateurSport reports a sport's person noun at i..j (value its title) with a word
// before it or in it that makes it a pastime ("ultra runner", "keen cyclist"), and no
// word that makes it a profession ("professional boxer", "elite triathlete").
func (s *scan) amateurSport(i, j int, value string) bool {
	ws := strings.Fields(value)
	head := lexis.Lemma(ws[len(ws)-1], lexis.Noun)
	if cat, ok := lexis.PersonNoun(head); !sportHeads[head] && !(ok && cat == lexis.Sportsperson) {
		return false
	}
	amateur := len(ws) > 1 && sportModifiers[ws[0]]
	for k := i - 1; k >= 0 && k >= i-2 && s.toks[k].kind == tokWord; k-- {
		switch w := s.lo(k); {
		case w == "professional" || w == "pro" || w == "elite" || w == "international" || w == "olympic":
			return false
		case hobbyWords[w] || sportModifiers[w]:
			amateur = true
		}
	}
	return amateur
}

// isDeterminer reports a determiner ("the town" is not The Town on Tresco).
func isDeterminer(w string) bool {
	_, ok := determiners[w]
	return ok
}

// playerIdioms before "player" make no player of a game: a quality, a rank or a device.
var playerIdioms = map[string]bool{"team": true, "key": true, "bit": true, "big": true, "major": true, "minor": true,
	"role": true, "record": true, "cd": true, "dvd": true, "media": true, "video": true, "music": true, "mp3": true}

// gameModifier reports a noun at k that says what the "player" at i plays: a bare
// noun, not a word of rank or kind ("a team player", "a key player", "a bit player").
func (s *scan) gameModifier(k, i int) bool {
	t := &s.toks[k]
	if t.kind != tokWord || s.toks[i].nl > 0 || s.sentOf[k] != s.sentOf[i] || t.cap && !s.sentenceStart(k) {
		return false
	}
	w := s.lo(k)
	switch w {
	case "star", "fellow", "other", "young", "old", "good", "best", "top", "former", "keen":
		return false
	}
	if _, ok := determiners[w]; ok || copulas[w] || clauseWords[w] || s.wf[k]&fPrep != 0 || hobbyWords[w] {
		return false
	}
	return lexis.IsNoun(lexis.Lemma(w, lexis.Noun)) || lexis.Commonness(w) == 0 || lexis.Commonness(w) >= 60
}

// produceModifier reports a noun at k for animals, plants or food directly before the
// one-word job at i: "pig" in "pig farmer", "flower" in "Flower farmer on the island".
func (s *scan) produceModifier(k, i int) bool {
	t := &s.toks[k]
	if t.kind != tokWord || s.toks[i].nl > 0 || s.sentOf[k] != s.sentOf[i] {
		return false
	}
	if t.cap && s.sent[s.sentOf[k]].start != k {
		return false // "Pembrokeshire farmer": a place, read as one
	}
	w := s.lo(k)
	if isDeterminer(w) || pronounOrPerson(w) {
		return false
	}
	if w == "male" || w == "female" || w == "adult" || w == "young" || w == "baby" {
		return false // "a male footballer": the sex, read as such
	}
	if _, person := personNouns[w]; person {
		return false
	}
	return produce(w)
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

// caseFragmentAt reports a role [i, j) heading a verbless sentence that describes a
// patient: only a determiner and adjectives before it, then "with" and what they have,
// and no modal verb that would make it a kind of person ("A plumber from Leeds with
// gout.", "Female eel fisher with a cut hand.", not "A plumber with gout should ...").
func (s *scan) caseFragmentAt(i, j int) bool {
	start := s.sent[s.sentOf[i]].start
	if i-start > 3 {
		return false
	}
	for k := start; k < i; k++ {
		w := s.lo(k)
		if _, ok := determiners[w]; ok || fragmentAdjectives[w] || s.toks[k].kind == tokPunct && w == "-" {
			continue
		}
		return false
	}
	with := false
	for k := j; k < len(s.toks) && s.sentOf[k] == s.sentOf[i]; k++ {
		w := s.lo(k)
		if modalWords[w] || copulas[w] {
			return false
		}
		if w == "with" && k <= j+5 {
			with = true
		}
	}
	return with
}

// fragmentAdjectives may stand before the role in a verbless case: sex, age, a former
// job.
var fragmentAdjectives = map[string]bool{
	"female": true, "male": true, "young": true, "elderly": true, "older": true, "retired": true,
	"former": true, "local": true, "self-employed": true,
}

// modalWords make a statement about kinds of people: "a cook may", "runners should".
var modalWords = map[string]bool{
	"should": true, "may": true, "might": true, "can": true, "could": true, "must": true, "would": true,
	"will": true, "shall": true, "ought": true, "need": true, "needs": true,
}

// placeOfAddress reports a capitalised place name [i, j) right before a postcode, as
// the town of an address is written: "Hills Road, Cambridge CB2 0QQ", "Burnley BB11 5JP".
func (s *scan) placeOfAddress(i, j int) bool {
	if !s.properCap(i) {
		return false
	}
	k := j
	if s.is(k, ",") {
		k++
	}
	return k < len(s.toks) && s.toks[k].nl == 0 && s.detailOver(KindPostcode, int(s.toks[k].start))
}

// placeAfterInstitution reports a capitalised place name [i, j) written after an
// establishment's name and a comma, as letters head it: "Belford Hospital, Fort
// William", "Bodriggy Health Centre, Hayle", "Royal Alexandra, Paisley".
func (s *scan) placeAfterInstitution(i, j int) bool {
	if !s.properCap(i) || i < 2 || !s.is(i-1, ",") || s.toks[i].nl > 0 {
		return false
	}
	if j < len(s.toks) && s.toks[j].nl == 0 && s.toks[j].kind == tokWord && !s.detailOver(KindPostcode, int(s.toks[j].start)) {
		return false // "..., Reading the notes": the place must end the heading's part
	}
	if _, head := institutionHeads[s.lo2(i-2)]; head && s.properCap(i-2) {
		return true
	}
	for d := range s.out {
		if s.out[d].Kind == KindInstitution && s.out[d].End <= int(s.toks[i-1].start) && s.out[d].End >= int(s.toks[i-2].end) {
			return true
		}
	}
	return false
}

// placeInCaseList reports a capitalised place name [i, j) standing alone as one item
// of a case's shorthand list, after an age: "Duncan Reid, 48, Govan, alcoholic
// hepatitis", "Ailsa Gunn, 24F, Wick."
func (s *scan) placeInCaseList(i, j int) bool {
	if !s.properCap(i) || i < 2 || !s.is(i-1, ",") {
		return false
	}
	if j < len(s.toks) && s.toks[j].nl == 0 && !s.is(j, ",") && !s.is(j, ".") && !s.is(j, ";") {
		return false
	}
	before := &s.toks[i-2]
	return (before.kind == tokNum || before.kind == tokAlnum) && s.detailOver(KindAge, int(before.start))
}

// roundNouns after a place name make it where a clinician went or whom they serve:
// "the Foula visit", "Barra clinic this morning", "our Long Eaton patients".
var roundNouns = map[string]bool{
	"visit": true, "visits": true, "clinic": true, "surgery": true, "list": true, "patients": true,
	"round": true, "ferry": true, "home": true, "branch": true,
}

// placeBeforeRound reports a place name [i, j) written with a capital on every word
// (the way a name, not a phrase, is written) and followed by a noun of a clinician's
// round: the name is an attributive place, no preposition needed.
func (s *scan) placeBeforeRound(i, j int) bool {
	if j >= len(s.toks) || !roundNouns[s.lo(j)] || s.toks[j].cap {
		return false
	}
	for k := i; k < j; k++ {
		if s.toks[k].kind == tokWord && !s.properCap(k) {
			return false
		}
	}
	return true
}

// shouting reports a text written mostly in capitals (six words or more: a lone
// code such as "CA12 5XY" is not a shouted note), where capital letters say nothing
// about names.
// (Counted in reset: more than half of six or more two-letter words in capitals.)
func (s *scan) shouting() bool { return s.shout == 2 }

// lowerish reports a text written mostly without capitals (fewer than one word in
// ten capitalised), where a lower-case place name is still a place name.
// (Counted in reset: ten words or more, under one in ten capitalised.)
func (s *scan) lowerish() bool { return s.lowish == 2 }

// placePrepBefore reports a preposition or verb that introduces a place just before
// token i ("in Leeds", "from Lima", "moved to Boston", "lives near Kendal").
func (s *scan) placePrepBefore(i int) bool {
	if s.flag(i-1)&fPrep == 0 {
		return false
	}
	switch s.lo2(i - 1) {
	case "in", "from", "to", "near", "at", "around", "outside", "visiting", "towards", "via", "of", "between", "and", "@", "beyond", "past", "above", "below", "off":
		if s.lo2(i-1) == "of" && (i >= 2 && s.used[i-2] || s.is(i-2, "university") || s.is(i-2, "city") || s.is(i-2, "county") || s.is(i-2, "state") || s.is(i-2, "isle") || s.is(i-2, "republic")) {
			// "Gus Pengelly of Truro", "University of Bristol".
			return true
		}
		if s.lo2(i-1) == "and" || s.lo2(i-1) == "of" {
			// "between Leeds and Bradford", "the outskirts of Bath": only after a place word.
			return s.flaggedBefore(fAround, i-1, 3, aroundWords...)
		}
		return true
	}
	return false
}

// resolveRelative turns a relative time ("@-1d", "@md:12-26", "@dow:2") into an ISO
// date against the post's time. Without a post time the phrase still counts as a date
// detail, with the relative form as its value.
func (s *scan) resolveRelative(v string) (string, bool) {
	at := s.ctx.At
	if at.IsZero() {
		return v, true
	}
	switch {
	case strings.HasPrefix(v, "@md:"):
		var m, d int
		if _, err := fmt.Sscanf(v[4:], "%d-%d", &m, &d); err != nil {
			return "", false
		}
		t := time.Date(at.Year(), time.Month(m), d, 0, 0, 0, 0, at.Location())
		if t.After(at) {
			t = t.AddDate(-1, 0, 0)
		}
		return t.Format("2006-01-02"), true
	case strings.HasPrefix(v, "@dow:"):
		want, err := strconv.Atoi(v[5:])
		if err != nil {
			return "", false
		}
		back := (int(at.Weekday()) - want + 7) % 7
		if back == 0 {
			back = 7
		}
		return at.AddDate(0, 0, -back).Format("2006-01-02"), true
	case strings.HasSuffix(v, "d"):
		days, err := strconv.Atoi(v[1 : len(v)-1])
		if err != nil {
			return "", false
		}
		return at.AddDate(0, 0, days).Format("2006-01-02"), true
	}
	return v, true
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
	"house": {"care home", 1.0 / 15000}, "campus": {"hospital", 1.0 / 1200}, "regional": {"hospital", 1.0 / 1200},
	"assisted living": {"care home", 1.0 / 15000},
	"hosp":            {"hospital", 1.0 / 1200}, "memorial": {"hospital", 1.0 / 1200}, "rehab": {"hospital", 1.0 / 2000},
	"med center": {"hospital", 1.0 / 1200}, "general": {"hospital", 1.0 / 1200},
	"health system": {"hospital", 1.0 / 1200}, "nursing center": {"care home", 1.0 / 15000},
}

// weakHeads need two capitalised words before them ("Trent Valley Practice").
var weakHeads = map[string]bool{"house": true, "regional": true, "general": true, "rehab": true, "practice": true, "unit": true, "centre": true, "center": true,
	"station": true, "primary": true, "grammar": true, "mill": true, "college": true, "clinic": true}

func (s *scan) matchInstitutions() {
	defer s.matchIndirectPlaces()
	defer s.matchNamedPlaces()
	defer s.matchUnitNames()
	defer s.matchShortHospitalNames()
	for i := s.nextFlag(0, fInstitution); i < len(s.toks); i = s.nextFlag(i+1, fInstitution) {
		t := &s.toks[i]
		if t.kind != tokWord || s.used[i] || s.wf[i]&fInstitution == 0 {
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
		// "University of Bristol (Hospital)", "university of leeds".
		if w == "university" && s.is(i+1, "of") && (t.cap || s.placePrepBefore(i)) {
			end := i + 2
			for end < len(s.toks) && end < i+5 && s.toks[end].kind == tokWord && s.toks[end].nl == 0 &&
				(s.ex.lex.isPlaceStart(s, end) || s.toks[end].cap && !s.ex.lex.commonWord(s.lo(end))) {
				end++
			}
			if end > i+2 {
				if _, ok := institutionHeads[s.lo2(end)]; ok {
					end++
				}
				s.addInst(i, end, "university", 1.0/160, strings.ToLower(s.n.text[t.start:s.toks[end-1].end]))
				i = end - 1
				continue
			}
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
		if !ok || !t.cap && !s.lowerHeadOK(i) {
			continue
		}
		// "hosp no." is a hospital number, not a hospital.
		if s.is(i+hn, "no") || s.is(i+hn, "number") || s.is(i+hn, "num") || s.is(i+hn, "id") {
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
			switch s.lo(k) {
			case "by", "to", "from", "at", "in", "the", "and", "with", "for", "on", "into", "of", "a", "our", "my", "your", "his", "her", "their":
				if s.lo(k) != "of" {
					goto doneBack
				}
			}
			if tk.cap && k == s.sent[s.sentOf[k]].start && s.ex.lex.commonWord(s.lo(k)) {
				// A sentence-initial ordinary word ("The", "Our") is not part of a name.
				break
			}
			if s.lo(k) == "the" || s.lo(k) == "our" || s.lo(k) == "my" || s.lo(k) == "a" {
				break
			}
			start = k
			if s.properCap(k) || s.shouting() && tk.upper && !s.ex.lex.commonWord(s.lo(k)) && !clinicalUnits[s.lo(k)] {
				caps++
			}
		}
	doneBack:
		// "University of Bristol Hospital", "University of Leeds": the head before.
		if caps == 0 && !weakHeads[head] {
			// Lower-case notes: "to holy trinity hospital", "from penrose hosp".
			start, caps = s.lowerInstitutionName(i)
		}
		if caps == 0 || (weakHeads[head] && caps < 2 && !s.ex.lex.isPlaceStart(s, start)) {
			continue
		}
		end := i + hn
		s.addInst(start, end, h.kind, h.freq, strings.ToLower(s.n.text[s.toks[start].start:s.toks[end-1].end]))
		i = end - 1
	}
}

// lowerHeadOK reports a lower-case institution head worth reading backwards from.
func (s *scan) lowerHeadOK(i int) bool {
	switch s.lo(i) {
	case "hospital", "hosp", "memorial", "infirmary", "hospice":
		return true
	}
	return false
}

// lowerInstitutionName reads back from head i over up to three words that are not
// determiners, to a place preposition: "to holy trinity hospital".
func (s *scan) lowerInstitutionName(i int) (int, int) {
	k := i - 1
	n := 0
	for k >= 0 && n < 3 && s.toks[k].kind == tokWord && s.toks[k].nl == 0 {
		switch s.lo(k) {
		case "the", "a", "an", "this", "that", "our", "my", "his", "her", "their", "local", "same", "other", "another", "outside", "community", "general", "district",
			"psych", "psychiatric", "mental", "private", "children's", "teaching", "military", "state", "county", "university", "cottage", "acute", "main", "new", "old", "nearest", "nearby", "big", "small", "specialist", "regional", "day", "field", "any", "which", "what", "each":
			return i, 0
		}
		switch s.lo(k) {
		case "leave", "left", "go", "went", "come", "came", "get", "got", "stay", "stayed", "return", "returned", "back", "home", "discharge", "transfer", "admit", "admitted", "be", "being", "been", "remain", "remains", "in", "into":
			return i, 0
		}
		if s.placePrepBefore(k) || s.is(k-1, "at") || s.is(k-1, "to") || s.is(k-1, "@") {
			return k, n + 1
		}
		k--
		n++
	}
	return i, 0
}

// clinicalUnits are acronyms and words after "to"/"from" that name a kind of unit,
// not a particular place.
var clinicalUnits = map[string]bool{
	"icu": true, "ccu": true, "micu": true, "sicu": true, "nicu": true, "picu": true, "csru": true,
	"nsicu": true, "ctic": true, "cvicu": true, "or": true, "pacu": true, "ed": true, "er": true, "ew": true,
	"ae": true, "osh": true, "nh": true, "rehab": true, "floor": true, "home": true, "cath": true,
	"lab": true, "ir": true, "ct": true, "mri": true, "hdu": true, "itu": true, "amu": true, "mau": true,
	"sdu": true, "tcu": true, "ltac": true, "snf": true, "ecf": true, "gp": true, "ward": true,
	"theatre": true, "theatres": true, "day": true, "bed": true, "room": true, "stage": true, "type": true,
	"phase": true, "grade": true, "table": true, "figure": true, "fig": true, "level": true, "step": true,
	"class": true, "week": true, "year": true, "month": true, "part": true, "chapter": true, "section": true,
	"covid": true, "sars": true, "dose": true, "cycle": true, "visit": true, "group": true, "arm": true,
	"zone": true, "page": true, "line": true, "lead": true, "leads": true, "vf": true, "vt": true,
	"nph": true, "trach": true, "synch": true, "sync": true, "ch": true, "oh": true, "ho": true, "usoh": true,
	"peg": true, "cpap": true, "bipap": true, "simv": true, "iabp": true, "ps": true, "psv": true,
	"peep": true, "imv": true, "ac": true, "dopamine": true, "dobutamine": true, "milrinone": true,
	"captopril": true, "vanco": true, "vancomycin": true, "levo": true, "levophed": true, "neo": true,
	"heparin": true, "insulin": true, "lasix": true, "amio": true, "amiodarone": true, "nitro": true,
	"propofol": true, "fentanyl": true, "transfuse": true, "transfused": true, "supplemental": true,
	"foley": true, "nesh": true, "lopressor": true, "lr": true, "ns": true, "prbc": true, "ffp": true,
	"dextrose": true, "kcl": true, "morphine": true, "ativan": true, "haldol": true, "zosyn": true,
	"flagyl": true, "coumadin": true, "digoxin": true, "labetalol": true, "hydralazine": true,
	"nitroglycerin": true, "ntg": true, "epi": true, "epinephrine": true, "vasopressin": true,
	"pressors": true, "pt": true, "pts": true, "o2": true, "nc": true, "fm": true, "nrb": true, "trach mask": true, "tm": true,
	"ash": true, "bath": false, "dash": true, "nash": true, "tsh": true, "fsh": true, "lh": true,
	"acth": true, "adh": true, "ldh": true, "pth": true, "gh": false, "hh": true, "bmh": true,
}

// matchUnitNames finds named units and hospitals from their shape after a place
// preposition: "to Penhallow 2" (a name and a ward number), "transferred to GH"
// (a hospital acronym ending in H or MC), "St. Cuthbert", "Holy Trinity".
func (s *scan) matchUnitNames() {
	for i := s.nextUnitName(1); i < len(s.toks); i = s.nextUnitName(i + 1) {
		t := &s.toks[i]
		if s.used[i] || t.kind != tokWord && t.kind != tokAlnum {
			continue
		}
		if !t.cap && s.flag(i-1)&fPrep == 0 {
			continue
		}
		w := s.lo(i)
		if s.wf[i-1]&(fPrep|fStaff|fMoved|fTalk) == 0 && !s.is(i-1, ":") && !((w == "st" || w == "saint") && t.cap) {
			// Shortcut: none of the cues below can hold (each of their words carries
			// one of these flags) and this is no saint's name.
			continue
		}
		prep := s.placePrepBefore(i) || s.is(i-1, "into") || s.is(i-1, "on") || s.is(i-1, "@")
		// "Per Penhallow 3 RN", "TRANSFER PENHALLOW 2", "PLAN: PENHALLOW 2": only for
		// the name-and-ward-number shape below.
		wardCue := s.is(i-1, "per") || s.is(i-1, "transfer") || s.is(i-1, "xfer") || s.is(i-1, ":") && s.is(i-2, "plan")
		// Saint names: "St. Mary's", "St Cuthbert".
		if (w == "st" || w == "saint") && t.cap {
			k := i + 1
			if s.is(k, ".") && s.toks[k].gap == 0 {
				k++
			}
			if k < len(s.toks) && s.toks[k].kind == tokWord && s.toks[k].cap && s.toks[k].nl == 0 &&
				(s.properCap(k) || s.knownName(k)) && !(s.ex.lex.commonWord(s.lo(k)) && !s.ex.lex.isName(s.lo(k)) && s.shouting()) {
				end := k + 1
				if s.is(end, "'") && s.is(end+1, "s") {
					end += 2
				}
				if prep || s.hasWordsAfter(end, 1, "hospital", "hosp", "ward", "school", "church") {
					s.addInst(i, end, "hospital", 1.0/1200, strings.ToLower(s.n.text[t.start:s.toks[end-1].end]))
					i = end - 1
				}
			}
			continue
		}
		if (!prep && !wardCue && !(s.is(i-1, "by") && t.upper)) || clinicalUnits[w] {
			continue
		}
		// A named unit glued to its number: "Penhallow2".
		if t.kind == tokAlnum && len(w) >= 6 && isDigit(w[len(w)-1]) && !isDigit(w[0]) {
			l := len(w)
			for l > 0 && isDigit(w[l-1]) {
				l--
			}
			if l >= 5 && len(w)-l <= 2 && isAlphaString(w[:l]) && !s.ex.lex.commonWord(w[:l]) && vowels(w[:l]) >= 2 && !clinicalUnits[w[:l]] {
				s.addInst(i, i+1, "ward", 1.0/20000, w)
				continue
			}
		}
		// A hospital acronym: 2-5 capitals ending in H or MC ("GH", "RVMC", "NGH").
		// "screened by UVMC", but not "caused by PNH".
		acroOK := prep || s.is(i-1, "by") && t.upper && s.hasWordsBefore(i-1, 2, placeVerbs...)
		if acroOK && t.kind == tokWord && t.upper && len(w) >= 2 && len(w) <= 5 && (w[len(w)-1] == 'h' || strings.HasSuffix(w, "mc")) && s.tokenEnds(i) &&
			vowels(w) <= 1 && !s.ex.lex.commonWord(w) {
			s.addInst(i, i+1, "hospital", 1.0/1200, w)
			continue
		}
		// The same acronym typed in lower case ("sent to ngh", "followed at ngh ed"): only
		// two or three consonants ending in h, straight after to/at/from, standing alone
		// or before a unit word.
		if acroOK && t.kind == tokWord && !t.cap && (len(w) == 2 || len(w) == 3) && w[len(w)-1] == 'h' && vowels(w) == 0 && !strings.ContainsRune(w, 'y') &&
			(s.is(i-1, "to") || s.is(i-1, "at") || s.is(i-1, "from")) && s.tokenEnds(i) && !s.ex.lex.commonWord(w) &&
			(s.phraseCloses(i+1) || s.toks[i+1].kind == tokNum || clinicalUnits[s.lo2(i+1)] || s.lo2(i+1) == "w" || s.lo2(i+1) == "for" || s.lo2(i+1) == "by") {
			s.addInst(i, i+1, "hospital", 1.0/1200, w)
			continue
		}
		// A name and a ward number: "Penhallow 2", "PENHALLOW3".
		if t.kind != tokWord || len(w) < 4 || i+1 >= len(s.toks) || s.toks[i+1].kind != tokNum {
			// Shortcut: the shape below needs a word of four letters or more and a
			// number after it.
			continue
		}
		if dayNames[w] {
			continue
		}
		if _, mon := monthNames[w]; mon {
			continue
		}
		moved := s.flaggedBefore(fMoved, i-1, 2, movedWords...)
		// In a shouted note a long, vowel-rich word that is no word, name, drug or term
		// before a ward number is a unit's name ("ON PENHALLOW 6").
		shoutUnit := (s.shouting() && t.upper || !t.cap) && len(w) >= 7 && vowels(w) >= 3 && !s.ex.lex.isName(w) && s.wf[i]&fTermStart == 0 && !drugLike(w)
		if t.kind == tokWord && len(w) >= 4 && !s.ex.lex.commonWord(w) && (s.properCap(i) || moved && !s.ex.lex.isName(w) || shoutUnit) && vowels(w) >= 2 {
			// Lower case is also how verbs and rhythms look ("to reinflate 20", "to
			// recieve 2 units", "to afib 110s"): there the ward number is one digit
			// closing the phrase.
			lowerOnly := !t.cap && !s.properCap(i) && !moved
			if _, nd, ok := s.numTok(i + 1); ok && nd <= 2 && (!lowerOnly || nd == 1 && s.phraseCloses(i+2)) && s.toks[i+1].nl == 0 && s.tokenEnds(i+1) && !(s.is(i+2, ".") && i+3 < len(s.toks) && s.toks[i+3].gap == 0 && s.toks[i+3].kind == tokNum) && !s.hasWordsAfter(i+2, 1, "%", "mg", "days", "weeks", "hours", "times", "x", "units", "ml", "years", "months", "patients", "people", "cases") {
				s.addInst(i, i+2, "ward", 1.0/20000, w+" "+s.lo(i+1))
				i++
			}
		}
	}
}

// sentencePunct reports punctuation that closes a phrase.
func sentencePunct(w string) bool {
	switch w {
	case ".", ",", ";", ":", ")", "!", "?":
		return true
	}
	return false
}

// phraseCloses reports that token k ends a phrase: the text ends, a line breaks,
// punctuation closes it, or a word that starts a new clause or names when follows.
func (s *scan) phraseCloses(k int) bool {
	if k >= len(s.toks) || s.toks[k].nl > 0 || sentencePunct(s.lo(k)) {
		return true
	}
	switch s.lo(k) {
	case "rn", "at", "with", "for", "this", "when", "on", "today", "tonight", "in", "and", "if", "via", "once", "after", "until", "tomorrow":
		return true
	}
	return false
}

var dayNames = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// drugLike reports a word with a drug name's ending ("dopamine", "propofol").
func drugLike(w string) bool {
	for _, suf := range []string{"ine", "ol", "ide", "one", "ate", "il", "ed", "am", "ex", "ix", "ium", "yl", "ase", "ole", "cin", "arin", "ulin", "oxin", "pril", "artan", "statin", "mab"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

func vowels(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'a', 'e', 'i', 'o', 'u':
			n++
		}
	}
	return n
}

// matchNamedPlaces finds two or three capitalised words after a place preposition
// in mixed-case writing, mid-sentence: "go to Good Shepherd", "accepted at Holy
// Trinity". They name a place or an institution even when no word in them does.
func (s *scan) matchNamedPlaces() {
	if s.shouting() {
		return
	}
	for i := s.nextFlag(0, fPrep) + 1; i+1 < len(s.toks); i = s.nextFlag(i, fPrep) + 1 {
		if s.wf[i-1]&fPrep == 0 || !s.toks[i].cap || s.toks[i].upper || s.used[i] || !s.placePrepBefore(i) || s.lo2(i-1) == "of" || s.lo2(i-1) == "and" || !s.properCap(i) {
			continue
		}
		end := i
		for end < len(s.toks) && end < i+3 && s.toks[end].kind == tokWord && s.properCap(end) && !s.toks[end].upper && s.toks[end].nl == 0 && !s.used[end] {
			end++
		}
		if end-i < 2 || s.sent[s.sentOf[i]].start == i {
			continue
		}
		// Months, days, titles and terms are not places.
		skip := false
		for k := i; k < end; k++ {
			w := s.lo(k)
			if _, m := monthNames[w]; m || dayNames[w] || titles[w].subject != 0 || s.wf[k]&fTermStart != 0 || clinicalUnits[w] {
				skip = true
			}
		}
		if skip || s.anyOverlapOut(i, end) {
			continue
		}
		// Only where someone is, goes or is cared for: not "point them at Mindwell".
		if !s.hasWordsBefore(i, 4, placeVerbs...) {
			continue
		}
		s.addInst(i, end, "named place", 1.0/20000, strings.ToLower(s.n.text[s.toks[i].start:s.toks[end-1].end]))
		i = end - 1
	}
}

// placeVerbs put a person somewhere.
var placeVerbs = []string{"lives", "live", "living", "lived", "born", "moved", "move", "went", "go", "going", "gone",
	"transferred", "transfered", "transfer", "admitted", "accepted", "seen", "treated", "works", "work", "worked",
	"stay", "staying", "stayed", "visiting", "visited", "taken", "sent", "returned", "return", "back", "based",
	"grew", "raised", "attends", "attended", "boards", "school", "discharged", "referred", "screened", "arrived"}

// onlyHeads are local services a small place has one of.
var onlyHeads = map[string]bool{
	"surgery": true, "practice": true, "gp": true, "doctor": true, "school": true, "pub": true,
	"shop": true, "pharmacy": true, "chemist": true, "hospital": true, "church": true, "vicar": true,
	"dentist": true, "primary": true, "garage": true, "hotel": true, "care": true, "nursing": true,
}

// matchIndirectPlaces finds places named by what they are to the people there: "the
// island's only surgery", "the only GP in the village", "boards at Sedbergh".
func (s *scan) matchIndirectPlaces() {
	for i := s.nextFlag(0, fIndirect); i+1 < len(s.toks); i = s.nextFlag(i+1, fIndirect) {
		if s.used[i] {
			continue
		}
		w := s.lo(i)
		if w == "only" && onlyHeads[s.lo2(i+1)] {
			start := i
			// "the island's only surgery"
			if s.is(i-1, "s") && s.is(i-2, "'") && i >= 3 {
				start = i - 3
				if s.is(start-1, "the") {
					start--
				}
			} else if s.is(i-1, "the") {
				start = i - 1
			}
			end := i + 2
			if s.is(end, "in") || s.is(end, "on") || s.is(end, "for") {
				if k := end + 1; s.is(k, "the") && k+1 < len(s.toks) {
					end = k + 2
				}
			}
			if !s.anyOverlapOut(start, end) {
				s.add(Detail{Kind: KindInstitution, Value: strings.ToLower(s.n.text[s.toks[start].start:s.toks[end-1].end]),
					Generalisations: []string{"the only one in a small place"}, Confidence: 0.7, Subject: s.subjectAt(i), Frequency: 1e-5}, start, end)
			}
			continue
		}
		if (w == "boards" || w == "boarding" || w == "boarder" || w == "pupil" || w == "attends") && (s.is(i+1, "at") || w == "attends") {
			k := i + 1
			if s.is(k, "at") {
				k++
			}
			if k < len(s.toks) && s.properCap(k) && !s.used[k] {
				end := k + 1
				if s.is(end, "school") || s.is(end, "college") || s.is(end, "academy") {
					end++
				}
				s.addInst(k, end, "school", 1.0/32000, strings.ToLower(s.n.text[s.toks[k].start:s.toks[end-1].end]))
			}
		}
	}
}

// anyOverlapOut reports a detail already found over tokens [i, j).
func (s *scan) anyOverlapOut(i, j int) bool {
	os, oe := s.n.span(int(s.toks[i].start), int(s.toks[j-1].end))
	for k := range s.out {
		if s.out[k].Start < oe && os < s.out[k].End {
			return true
		}
	}
	return false
}

// capRun returns the end of up to n capitalised words from k.
func (s *scan) capRun(k, n int) int {
	end := k
	for end < len(s.toks) && end < k+n && s.toks[end].kind == tokWord && s.toks[end].cap && s.toks[end].nl == 0 {
		end++
	}
	return end
}

// matchShortHospitalNames finds a hospital named without its head word, as clinicians
// name them: "Royal Preston" for the Royal Preston Hospital, "the Royal Lancaster" for the
// Royal Lancaster Infirmary. Only "Royal" and the place, and only a hospital the
// gazetteer knows by the full name.
func (s *scan) matchShortHospitalNames() {
	for i := 0; i+1 < len(s.toks); i++ {
		if !s.toks[i].cap || s.toks[i].upper || s.used[i] || s.toks[i].kind != tokWord {
			continue
		}
		if s.lo(i) == "royal" {
			if j, name := s.shortHospitalAt(i); j > i {
				s.addInst(i, j, "hospital", 1.0/1200, strings.ToLower(name))
				i = j - 1
			}
			continue
		}
		if j, name := s.colloquialHospitalAt(i); j > i {
			s.addInst(i, j, "hospital", 1.0/1200, strings.ToLower(name))
			i = j - 1
		}
	}
}

// hospitalSuffixes complete a hospital's name as people shorten it: "Morriston"
// (Hospital), "Musgrove Park" (Hospital), "Glangwili" (General Hospital).
var hospitalSuffixes = []string{" Hospital", " General Hospital", " Infirmary", " Royal Infirmary", " University Hospital", " Area Hospital"}

// hospitalUnitWords after a name make it a hospital's: "Morriston ICU", "Altnagelvin ward 41".
var hospitalUnitWords = map[string]bool{
	"ward": true, "ed": true, "a&e": true, "itu": true, "icu": true, "hdu": true, "mau": true, "amu": true,
	"sau": true, "cdu": true, "ccu": true, "resus": true, "theatres": true, "maternity": true, "pharmacy": true,
	"cardiac": true, "renal": true, "nicu": true, "picu": true, "scbu": true, "fracture": true, "eau": true,
}

// colloquialHospitalAt returns the end and the full name of a hospital written the
// short way, one or two capitalised words that with a usual ending name a hospital in
// the gazetteer ("at Morriston", "Musgrove Park, Eliot ward", "Pilgrim ward 6"),
// where the words around say a hospital is meant: a preposition of place before, a
// ward word after, or a note's heading ("Ward round - Bronglais"). Else 0, "".
func (s *scan) colloquialHospitalAt(i int) (int, string) {
	g := places.Default()
	for n := 2; n >= 1; n-- {
		j := i + n
		if j > len(s.toks) || s.anyUsed(i, j) {
			continue
		}
		ok := true
		for k := i; k < j; k++ {
			ok = ok && s.toks[k].kind == tokWord && s.toks[k].cap && !s.toks[k].upper && s.toks[k].nl == 0
		}
		if !ok {
			continue
		}
		if _, head := institutionHeads[s.lo2(j)]; head {
			continue // "Morriston Hospital" is read whole elsewhere
		}
		unit := j < len(s.toks) && hospitalUnitWords[s.lo(j)]
		context := s.placePrepBefore(i) || s.is(i-1, "-") || s.is(i-1, "–") || s.is(i-1, ":") || unit
		if !context {
			continue
		}
		if !unit && s.ex.lex.isPlaceStart(s, i) && !(s.is(i-1, "at") || s.is(i-1, "to") || s.is(i-1, "into")) {
			continue // "lives in Morriston": the place; "admitted to Morriston": the hospital
		}
		name := s.n.text[s.toks[i].start:s.toks[j-1].end]
		for _, suffix := range hospitalSuffixes {
			if len(g.Institution(name+suffix)) > 0 {
				return j, name + suffix
			}
		}
	}
	return 0, ""
}

// shortHospitalAt returns the end and the full name of a hospital named "Royal" and one
// or two capitalised words from token i (the longer first), or 0 and "".
func (s *scan) shortHospitalAt(i int) (int, string) {
	g := places.Default()
	for n := 2; n >= 1; n-- {
		j := i + 1 + n
		if j > len(s.toks) || s.anyUsed(i+1, j) {
			continue
		}
		ok := true
		for k := i + 1; k < j; k++ {
			ok = ok && s.toks[k].kind == tokWord && s.toks[k].cap && s.toks[k].nl == 0
		}
		if _, head := institutionHeads[s.lo2(j)]; !ok || head {
			continue
		}
		name := s.n.text[s.toks[i].start:s.toks[j-1].end]
		for _, suffix := range []string{" Hospital", " Infirmary", " General Hospital"} {
			if len(g.Institution(name+suffix)) > 0 {
				return j, name + suffix
			}
		}
	}
	return 0, ""
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
		h = ngramAdd(h, s.toks[k+n-1].key)
		g, _ := l.ngrams.get(h)
		for k := range g.es {
			if g.es[k].kind == KindPlace {
				return true
			}
		}
	}
	return false
}

// matchDictNames finds untitled names: a known first name followed by a capitalised
// word ("Jane Doe"), and known names after relative and staff words ("wife Moira").
func (s *scan) matchDictNames() {
	lex := s.ex.lex
	if len(lex.firstNames) == 0 {
		return
	}
	for i := s.nextFlag(0, fFirstName); i < len(s.toks); i = s.nextFlag(i+1, fFirstName) {
		t := &s.toks[i]
		if t.kind != tokWord || s.used[i] || !s.properCap(i) || t.upper && !s.shouting() {
			continue
		}
		w := s.lo(i)
		fi, ok := lex.firstNames[w]
		if !ok || lex.common[w] || lex.isPlaceStart(s, i) {
			continue
		}
		// First name + capitalised surname-like word.
		if i+1 < len(s.toks) && s.toks[i+1].kind == tokWord && s.properCap(i+1) && s.toks[i+1].nl == 0 && s.toks[i+1].gap == 1 {
			w2 := s.lo(i + 1)
			sur := lex.surnameSet.has(w2)
			if s.shouting() && (!sur || clinicalNames[w]) || s.toks[i+1].upper && !s.shouting() && len(w2) <= 4 {
				continue
			}
			if (sur || !lex.common[w2]) && !s.eponymAhead(i+2) && cueWords[w2] == 0 && !clinicalNames[w] {
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

// publicTitleContext reports words that make a short capitalised title a person's
// office: a determiner or adjective before it ("the MP", "our local MSP", "a former
// MLA") or "for" after it ("MP for Ceredigion").
func (s *scan) publicTitleContext(i int) bool {
	switch s.lo2(i - 1) {
	case "the", "our", "an", "a", "local", "my", "his", "her", "their", "former", "ex", "sitting", "new", "tory", "labour", "snp", "libdem", "conservative", "independent", "constituency":
		return true
	}
	return s.is(i+1, "for") || s.is(i+1, "'") && s.is(i+2, "s")
}

// courtContext reports words of a criminal or civil case near token i.
func (s *scan) courtContext(i int) bool {
	for k := max(0, i-10); k < min(len(s.toks), i+10); k++ {
		switch s.lo(k) {
		case "court", "jury", "crown", "sentenced", "sentencing", "verdict", "murder", "manslaughter", "assault", "charged", "acquitted", "convicted", "magistrates", "judge", "prosecution", "defendant", "witness", "inquest":
			return true
		}
	}
	return false
}

// eventFollowers are words after an event word that show it is not an event: the
// word modifies a noun ("rescue pack", "shooting pains", "flood warning") or opens a
// phrase of some other sense ("trial of", "shot of").
var eventFollowers = map[string]bool{
	"and": false, "or": false, "in": false, "at": false, "on": false, "with": false, "after": false,
	"last": false, "this": false, "when": false, "which": false, "that": false, "from": false, "by": false,
	"while": false, "during": false, "yesterday": false, "today": false, "victim": false, "survivor": false,
}

// eventWordUsedOtherwise reports a one-word event term used in another sense: followed
// by a noun it modifies ("rescue packs", "stabbing chest pain"), or a jab ("flu shot").
func (s *scan) eventWordUsedOtherwise(i int) bool {
	switch s.lo2(i - 1) {
	case "flu", "covid", "booster", "b12", "vitamin", "steroid", "a", "another", "botox", "cortisone":
		if s.lo(i) == "shot" {
			return true
		}
	}
	if i+1 >= len(s.toks) || s.toks[i+1].nl > 0 {
		return false
	}
	n := s.lo(i + 1)
	if s.toks[i+1].kind != tokWord {
		return false
	}
	if n == "of" {
		return true
	}
	if ok, listed := eventFollowers[n]; listed && !ok {
		return false
	}
	// A following word that is not a function word: the event word modifies it.
	return !copulas[n] && !clauseWords[n] && pronounSex[n] == 0 && !authorWords[n] && len(n) > 2 && s.wf[i+1]&fPrep == 0
}

// professionalSport reports words of a professional sporting career near token i.
func (s *scan) professionalSport(i int) bool {
	for k := max(0, i-12); k < min(len(s.toks), i+12); k++ {
		switch s.lo(k) {
		case "professional", "pro", "premier", "championship", "signed", "contract", "first-team", "international",
			"capped", "caps", "squad", "club's", "academy", "transfer", "league", "scouts", "elite":
			return true
		}
	}
	return false
}

// placeBeforePerson reports a place written before the person it places: "the
// Keswick lady", "our Tiree fisherman", "the Deeside pancreatic case". A surname in
// that position would take "Mrs" or a first name.
func (s *scan) placeBeforePerson(i, j int) bool {
	switch s.lo2(i - 1) {
	case "the", "our", "my", "that":
	default:
		return false
	}
	for k := j; k < len(s.toks) && k <= j+2; k++ {
		w := s.lo(k)
		if _, ok := personNouns[w]; ok || w == "case" {
			return true
		}
		if s.toks[k].kind != tokWord {
			return false
		}
	}
	return false
}

// personFormAt reports a condition's person noun used as one: after a determiner or
// an adjective of diagnosis ("a recently diagnosed dyslexic", "the anorexic on ward
// 4"), and not before a noun it would modify ("myasthenic crisis").
func (s *scan) personFormAt(i, j int) bool {
	if s.nounAt(j) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch s.lo(k) {
		case "a", "an", "the", "my", "our", "this", "that", "another", "known", "brittle":
			return true
		case "newly", "diagnosed", "young", "elderly", "old", "new", "teenage", "adult", "severe":
			continue
		}
		return false
	}
	return false
}

// nounAt reports a noun at token j, on the same line, that a word before it could
// modify ("myasthenic crisis", "Bell's daughter"): not a preposition, copula, clause
// word, "and" or "who".
func (s *scan) nounAt(j int) bool {
	return j < len(s.toks) && s.toks[j].kind == tokWord && s.toks[j].nl == 0 && lexis.IsNoun(lexis.Lemma(s.lo(j), lexis.Noun)) &&
		s.wf[j]&fPrep == 0 && !copulas[s.lo(j)] && !clauseWords[s.lo(j)] && s.lo(j) != "and" && s.lo(j) != "who"
}

// deicticWords point at a place or a time; after a role they say where or when, they
// are not nouns the role word modifies ("the manager here").
var deicticWords = map[string]bool{
	"here": true, "there": true, "today": true, "now": true, "yesterday": true, "tomorrow": true,
	"again": true, "too": true, "also": true, "locally": true, "tonight": true,
}

// presentVerbAt reports a word ending in -s that a singular subject directly before it
// (or before one adverb) makes a present-tense verb: "she volunteers", "he still
// nurses", "who guides".
func (s *scan) presentVerbAt(i int) bool {
	w := s.lo(i)
	if !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || !lexis.IsVerb(lexis.Lemma(w, lexis.Verb)) {
		return false
	}
	k := i - 1
	if k >= 1 && (strings.HasSuffix(s.lo(k), "ly") || presentAdverbs[s.lo(k)]) {
		k--
	}
	switch s.lo2(k) {
	case "he", "she", "who", "it":
		return true
	}
	return false
}

// presentAdverbs stand between a subject and its verb ("she also volunteers").
var presentAdverbs = map[string]bool{"also": true, "still": true, "now": true, "often": true, "sometimes": true, "always": true, "never": true, "even": true, "just": true}

// didARunner reports the idiom "do a runner" (to flee, abscond) at "runner" i.
func (s *scan) didARunner(i int) bool {
	if s.lo(i) != "runner" || !s.is(i-1, "a") {
		return false
	}
	switch s.lo2(i - 2) {
	case "do", "did", "does", "doing", "done":
		return true
	}
	return false
}
