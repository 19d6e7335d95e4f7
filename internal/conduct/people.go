package conduct

import (
	"strings"

	"github.com/mosaicgw/mosaic/internal/extract"
)

// personRef is a reference to one person in a post.
type personRef struct {
	i, j int // tokens
	// named: a title and a name ("Dr Jane Doe"), or a person name from the extractor.
	named bool
	// professional: a doctor, nurse or other staff member (a colleague), not a patient.
	professional bool
	// identifiable: named, or a singular role pinned to a place ("our clinical director",
	// "the rota coordinator at our trust"), so that readers can tell who it is.
	identifiable bool
	// subject is the extractor's subject for a person name, SubjectUnknown otherwise.
	subject extract.Subject
}

// targetKind is what a word refers to, for deciding whom an insult is aimed at.
type targetKind uint8

const (
	targetNone targetKind = iota
	targetPerson
	targetYou
	targetInstitution
	targetPlural
	targetSelf
)

var pluralWords = map[string]bool{
	"they": true, "them": true, "their": true, "theirs": true, "they're": true, "theyre": true,
	"those": true, "these": true, "everyone": true, "everybody": true, "people": true,
	"themselves": true, "they've": true, "they'd": true,
}

var selfWords = map[string]bool{
	"i": true, "me": true, "myself": true, "i'm": true, "im": true, "i've": true, "i'd": true,
	"i'll": true, "we": true, "us": true, "ourselves": true, "we're": true, "we've": true,
}

// determiners that make a following singular role a specific person the reader can place.
var ownDeterminers = map[string]bool{"our": true, "my": true}
var definiteDeterminers = map[string]bool{"the": true, "this": true, "that": true}
var otherDeterminers = map[string]bool{
	"a": true, "an": true, "any": true, "some": true, "every": true, "each": true, "no": true,
	"your": true, "their": true, "his": true, "her": true, "another": true, "one": true,
}
var locators = map[string]bool{"at": true, "in": true, "on": true, "from": true, "of": true}

// professionalTitles mark a named person as a colleague; Mr, Mrs, Ms may be a surgeon or
// a patient, so they count as professional only next to a role word.
var professionalTitles = map[string]bool{
	"dr": true, "doctor": true, "prof": true, "professor": true, "sister": true, "nurse": true,
	"matron": true,
}

// commonCaps are capitalised words that are neither brands nor names.
var commonCaps = map[string]bool{
	"i": true, "i'm": true, "i've": true, "i'd": true, "i'll": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "christmas": true, "easter": true,
	"dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "professor": true,
	"english": true, "british": true, "scottish": true, "welsh": true, "irish": true,
	"england": true, "scotland": true, "wales": true, "ireland": true, "uk": true,
	"god": true, "ok": true, "okay": true, "thanks": true, "thank": true, "hi": true,
	"hello": true, "update": true, "edit": true, "ps": true, "re": true, "anyone": true,
	"public": true, "mental": true, "occupational": true, "sexual": true, "global": true,
	"national": true, "community": true, "primary": true, "secondary": true, "royal": true,
	"general": true, "clinical": true, "medical": true, "health": true, "care": true,
	"college": true, "trust": true, "hospital": true, "university": true, "practice": true,
	"the": true, "a": true, "an": true, "and": true, "or": true, "but": true, "so": true,
	"if": true, "my": true, "our": true, "we": true, "you": true, "he": true, "she": true,
	"they": true, "it": true, "this": true, "that": true, "is": true, "was": true,
	"type": true, "stage": true, "grade": true, "ward": true, "unit": true, "team": true,
	"service": true, "services": true, "department": true, "guidance": true, "guideline": true,
	"disease": true, "syndrome": true, "surgery": true, "centre": true, "center": true,
	"nurse": true, "sister": true, "doctor": true, "consultant": true, "registrar": true,
	"also": true, "just": true, "yes": true, "no": true, "not": true, "very": true,
}

// inDetail reports whether token k lies inside a detail span of one of the given kinds
// (any kind when kinds is empty).
func (a *analysis) inDetail(k int, kinds ...extract.Kind) bool {
	t := a.toks[k]
	for _, d := range a.post.Details {
		if t.start < d.End && d.Start < t.end {
			if len(kinds) == 0 {
				return true
			}
			for _, kd := range kinds {
				if d.Kind == kd {
					return true
				}
			}
		}
	}
	return false
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

// authorNameWords are the author's own name words, so that a signature or a mention of
// oneself is not taken for a third person.
func (a *analysis) authorNameWords() map[string]bool {
	w := map[string]bool{}
	for _, t := range tokenise(a.post.AuthorDisplayName) {
		if !professionalTitles[t.norm] && !commonCaps[t.norm] && len(t.norm) > 1 {
			w[t.norm] = true
		}
	}
	return w
}

// findPeople finds titled names, extractor person names and singular roles.
func (a *analysis) findPeople() {
	self := a.authorNameWords()
	roleInSentence := map[int]bool{}
	for _, ci := range a.byCat[catRole] {
		roleInSentence[a.toks[a.cues[ci].i].sent] = true
	}
	// Titled names: "Dr Jane Doe", "Prof. Smith", "Sister Jones".
	for _, ci := range a.byCat[catTitle] {
		c := a.cues[ci]
		if !a.toks[c.i].upper {
			continue
		}
		j := c.j
		ownName := true
		for j < len(a.toks) && j < c.j+3 && a.toks[j].upper && !a.toks[j].symbol &&
			a.toks[j].sent == a.toks[c.i].sent && !commonCaps[a.toks[j].norm] {
			if len(a.toks[j].norm) > 1 && !self[a.toks[j].norm] {
				ownName = false
			}
			j++
		}
		if j == c.j || ownName {
			continue
		}
		title := a.toks[c.i].norm
		a.people = append(a.people, personRef{
			i: c.i, j: j, named: true, identifiable: true,
			professional: professionalTitles[title] || roleInSentence[a.toks[c.i].sent],
		})
	}
	// Names the extractor found.
	for _, d := range a.post.Details {
		if d.Kind != extract.KindPersonName || d.Negated {
			continue
		}
		i, j, ok := a.tokenRange(d.Start, d.End)
		if !ok || a.covered(i, j) {
			continue
		}
		own := true
		for k := i; k < j; k++ {
			if !self[a.toks[k].norm] {
				own = false
			}
		}
		if own || d.Subject == extract.SubjectAuthor {
			continue
		}
		a.people = append(a.people, personRef{
			i: i, j: j, named: true, identifiable: true, subject: d.Subject,
			professional: d.Subject == extract.SubjectColleague,
		})
	}
	// Social media handles: "@name" is one identifiable account.
	for k, t := range a.toks {
		if t.norm == "@" && k+1 < len(a.toks) && a.toks[k+1].start == t.end && !a.toks[k+1].symbol &&
			(k == 0 || a.toks[k-1].end < t.start) && !a.covered(k, k+2) {
			a.people = append(a.people, personRef{i: k, j: k + 2, named: true, identifiable: true})
		}
	}
	// Singular roles pinned to the author's own workplace or to a place.
	hint := a.has(catIdentHint)
	for _, ci := range a.byCat[catRole] {
		c := a.cues[ci]
		if a.covered(c.i, c.j) {
			continue
		}
		a.people = append(a.people, personRef{
			i: a.roleStart(c.i), j: c.j, professional: true,
			identifiable: a.roleIdentifiable(c.i, c.j) || (hint && a.sentenceHas(catIdentHint, a.toks[c.i].sent)),
		})
	}
}

// covered reports whether tokens [i, j) overlap a person already found.
func (a *analysis) covered(i, j int) bool {
	for _, p := range a.people {
		if i < p.j && p.i < j {
			return true
		}
	}
	return false
}

func (a *analysis) sentenceHas(cat cueCat, sent int) bool {
	for _, ci := range a.byCat[cat] {
		if a.toks[a.cues[ci].i].sent == sent {
			return true
		}
	}
	return false
}

// roleIdentifiable: "our/my [modifiers] ROLE", or "the/this [modifiers] ROLE at/in ...
// our/my/<Place>".
func (a *analysis) roleIdentifiable(i, j int) bool {
	sent := a.toks[i].sent
	det := ""
	for k := i - 1; k >= 0 && k >= i-3 && a.toks[k].sent == sent; k-- {
		n := a.toks[k].norm
		if ownDeterminers[n] || definiteDeterminers[n] || otherDeterminers[n] {
			det = n
			break
		}
		if a.toks[k].symbol {
			break
		}
	}
	switch {
	case ownDeterminers[det]:
		return true
	case definiteDeterminers[det]:
		// "the lead GP there", with a place named in the post.
		for k := j; k < len(a.toks) && k < j+2 && a.toks[k].sent == sent; k++ {
			if a.toks[k].norm == "there" && a.namesPlace() {
				return true
			}
		}
		// Look for a locator and then our/my or a place name.
		for k := j; k < len(a.toks) && k < j+10 && a.toks[k].sent == sent; k++ {
			if !locators[a.toks[k].norm] {
				continue
			}
			for m := k + 1; m < len(a.toks) && m < k+8 && a.toks[m].sent == sent; m++ {
				t := a.toks[m]
				if ownDeterminers[t.norm] {
					return true
				}
				if t.upper && !t.sentStart && !commonCaps[t.norm] && !t.symbol {
					return true
				}
				if a.inDetail(m, extract.KindPlace, extract.KindInstitution) {
					return true
				}
			}
		}
	}
	return false
}

// markTargets labels each token with what it refers to.
func (a *analysis) markTargets() {
	a.target = make([]targetKind, len(a.toks))
	for _, ci := range a.byCat[catInstitute] {
		c := a.cues[ci]
		for k := c.i; k < c.j; k++ {
			a.target[k] = targetInstitution
		}
	}
	for k, t := range a.toks {
		switch {
		case pluralWords[t.norm]:
			a.target[k] = targetPlural
		case selfWords[t.norm]:
			a.target[k] = targetSelf
		}
	}
	for _, ci := range a.byCat[catPronounSg] {
		a.target[a.cues[ci].i] = targetPerson
	}
	for _, ci := range a.byCat[catPronounYou] {
		a.target[a.cues[ci].i] = targetYou
	}
	// "you all know who I mean", "if you work in Barrow": asides to the reader, not
	// referents.
	for _, ci := range a.byCat[catIdentHint] {
		c := a.cues[ci]
		for k := c.i; k < c.j; k++ {
			if a.target[k] == targetYou || a.target[k] == targetSelf {
				a.target[k] = targetNone
			}
		}
	}
	for _, p := range a.people {
		for k := p.i; k < p.j; k++ {
			a.target[k] = targetPerson
		}
	}
}

// aimedAt says whom the phrase at tokens [i, j) is aimed at: a person named in or
// referred to by the phrase itself, else the nearest referent before it in the
// sentence (skipping institutions that only locate a person: "the locum at our
// practice"), else the nearest after it.
func (a *analysis) aimedAt(i, j int) targetKind {
	for k := i; k < j; k++ {
		if a.target[k] == targetPerson {
			return targetPerson
		}
	}
	sent := a.toks[i].sent
	for k := i - 1; k >= 0 && k >= i-14 && a.toks[k].sent == sent; k-- {
		t := a.target[k]
		if t == targetNone {
			continue
		}
		if t == targetInstitution && a.locative(k) {
			continue
		}
		return t
	}
	for k := j; k < len(a.toks) && k < j+10 && a.toks[k].sent == sent; k++ {
		if t := a.target[k]; t != targetNone {
			return t
		}
	}
	// A sentence with no referent of its own ("Thick as two short planks.") is about
	// whoever the sentence before ended on.
	for k := i - 1; k >= 0; k-- {
		if a.toks[k].sent == sent {
			continue
		}
		if a.toks[k].sent < sent-2 {
			break
		}
		if t := a.target[k]; t != targetNone {
			if t == targetInstitution && a.locative(k) {
				continue
			}
			return t
		}
	}
	return targetNone
}

// personSentences marks sentences about a person: those with a person referent, and
// those with no referent at all that follow one ("He prescribes like sweets. No reviews
// either.").
func (a *analysis) personSentences() map[int]bool {
	has := map[int]targetKind{}
	last := -1
	for k, t := range a.toks {
		if a.target[k] == targetPerson || (a.target[k] != targetNone && has[t.sent] != targetPerson) {
			has[t.sent] = a.target[k]
		}
		last = t.sent
	}
	out := map[int]bool{}
	for s := 0; s <= last; s++ {
		switch has[s] {
		case targetPerson:
			out[s] = true
		case targetNone:
			out[s] = s > 0 && out[s-1]
		}
	}
	return out
}

// locative reports an institution word that follows "at/in/of/from (our|the|...)", which
// places a person rather than being the subject of the sentence.
func (a *analysis) locative(k int) bool {
	for m := k - 1; m >= 0 && m >= k-3 && a.toks[m].sent == a.toks[k].sent; m-- {
		if locators[a.toks[m].norm] || a.toks[m].norm == "with" || a.toks[m].norm == "for" {
			return true
		}
	}
	return false
}

// identifiable returns the identifiable people in the post.
func (a *analysis) identifiable(professionalOnly bool) []personRef {
	var out []personRef
	for _, p := range a.people {
		if !p.identifiable {
			continue
		}
		if professionalOnly && !p.professional {
			continue
		}
		out = append(out, p)
	}
	return out
}

// realName reports whether a display name looks like a person's real name: a given
// name or initial and a surname, or a title and a surname; letters only, no handle words.
func realName(display string) bool {
	fields := strings.FieldsFunc(display, func(r rune) bool { return r == ' ' || r == '\t' || r == ',' })
	var words []string
	titled := false
	for _, f := range fields {
		low := strings.ToLower(strings.TrimSuffix(f, "."))
		if professionalTitles[low] || low == "mr" || low == "mrs" || low == "ms" || low == "miss" || low == "mx" || low == "prof" {
			titled = true
			continue
		}
		words = append(words, f)
	}
	// A given name (or initial) and a surname, or a title and a surname ("Dr Okafor").
	if len(words) < 2 && !(titled && len(words) == 1) {
		return false
	}
	for _, w := range words {
		w = strings.TrimSuffix(w, ".")
		if w == "" {
			return false
		}
		low := strings.ToLower(w)
		if pseudonymWords[low] {
			return false
		}
		first := []rune(w)[0]
		if !(first >= 'A' && first <= 'Z') && !isUpperRune(first) {
			return false
		}
		for _, r := range w {
			if !(isLetterRune(r) || r == '-' || r == '\'' || r == '\u2019') {
				return false
			}
		}
	}
	last := words[len(words)-1]
	return len([]rune(strings.TrimSuffix(last, "."))) >= 2
}

// pseudonymWords are words that make a display name a handle rather than a name.
var pseudonymWords = map[string]bool{
	"doc": true, "docs": true, "medic": true, "anon": true, "anonymous": true, "user": true,
	"nhs": true, "gp": true, "junior": true, "doctor": true, "admin": true, "moderator": true,
	"the": true, "a": true, "grumpy": true, "tired": true, "burnt": true, "out": true,
	"real": true, "official": true, "guest": true, "member": true, "unknown": true,
	"registrar": true, "consultant": true, "locum": true, "surgeon": true, "physician": true,
}

// namesPlace reports a place or institution in the post: one the extractor found, or a
// capitalised name after at/in ("at Brookside Surgery").
func (a *analysis) namesPlace() bool {
	for _, d := range a.post.Details {
		if d.Kind == extract.KindPlace || d.Kind == extract.KindInstitution {
			return true
		}
	}
	for k := 1; k < len(a.toks); k++ {
		t := a.toks[k]
		if (a.toks[k-1].norm == "at" || a.toks[k-1].norm == "in") && t.upper && !t.sentStart && !commonCaps[t.norm] {
			return true
		}
	}
	return false
}

// roleStart extends a role back to its determiner and modifiers ("our PCN clinical
// director"), for quoting.
func (a *analysis) roleStart(i int) int {
	for k := i - 1; k >= 0 && k >= i-3 && a.toks[k].sent == a.toks[i].sent && !a.toks[k].symbol; k-- {
		n := a.toks[k].norm
		if ownDeterminers[n] || definiteDeterminers[n] || otherDeterminers[n] {
			return k
		}
	}
	return i
}
