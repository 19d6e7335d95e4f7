package extract

import (
	"strings"

	"github.com/mosaicgw/mosaic/internal/lexis"
	"github.com/mosaicgw/mosaic/internal/occupations"
)

// Occupations come from internal/occupations: the ONS SOC 2020 titles and job nouns from
// WordNet, with their UK counts, and the verbs that say what a holder does ("shoes
// horses", "keeps bees"). A title that is also an everyday word ("runner", "cook",
// "guard") is weak: it names a job only in a sentence about a person.

// loadOccupations adds the occupation titles to the phrase dictionary.
func (l *lexicon) loadOccupations() {
	oi := occupations.Default()
	oi.Phrases(func(form string, o *occupations.Occupation) bool {
		p := phrase{kind: KindOccupation, value: o.Title, ref: o.SOC, freq: occupationShare(o)}
		norm := tokenizePhrase(form)
		if len(norm) <= 3 && strings.TrimSuffix(norm, "s") != "gp" {
			return true // "ref", "dj": abbreviations read better as what they usually are
		}
		if !strings.Contains(norm, " ") {
			if c := lexis.Commonness(norm); c > 0 && c <= 35 {
				p.weak = true
			}
			if _, person := lexis.PersonNoun(lexis.Lemma(norm, lexis.Noun)); !person {
				p.weak = true
			}
		}
		l.addPhrase(form, p)
		return true
	})
}

// uniqueRole reports a role one person holds per institution (internal/occupations'
// Unique: head teacher, harbourmaster, station manager), or a head word of one.
func uniqueRole(value string) bool {
	if headRoles[firstWord(value)] || headRoles[lexis.Lemma(lastWord(value), lexis.Noun)] {
		return true
	}
	if o, ok := occupations.Default().Lookup(value); ok && o.Unique {
		return true
	}
	return false
}

// verbOccupation is the occupation a verb and its object say a person has ("gathers
// cockles", "shoes horses"), with how sure the reading is; nil when none.
//
// Everyday verbs ("turn", "take", "play", "cover") name a job only with the object
// the job is about ("shoes horses", not "turned 60"); an intransitive reading counts
// only for a verb that is itself uncommon ("thatches", "farms").
func verbOccupation(verb, object string) *occupations.Occupation {
	forms := occupations.Default().ByVerb(verb)
	if len(forms) == 0 {
		return nil
	}
	obj := lexis.Lemma(object, lexis.Noun)
	for _, f := range forms {
		if f.Object != "" && obj != "" && (f.Object == obj || lexis.Commonness(f.Object) > 20 && lexis.IsA(obj, f.Object)) {
			return f.Occupation
		}
	}
	if c := lexis.Commonness(verb); c > 0 && c <= 35 {
		return nil
	}
	for _, f := range forms {
		if f.Object == "" {
			return f.Occupation
		}
	}
	return nil
}

// occupationShare is the share of the population who hold an occupation. The index's
// counts share each unit group out among its titles, which leaves the everyday titles
// of large groups far too few ("nurse", "farmer"); the commonness of the title's head
// word in English bounds them from below (rarity: a job word in everyday use is held
// by many).
func occupationShare(o *occupations.Occupation) float64 {
	share := o.Count / ukPopulation
	head := lastWord(o.Title)
	if head != o.Title {
		// A compound ("first officer", "crane operator") is one kind of its head: the
		// head word's commonness says nothing of it; the count, undercounted as it
		// is, says more.
		return min(1, share*3)
	}
	floor := rarity(head)
	if floor == 1e-4 {
		floor = 0 // a rare word says nothing more than the count
	}
	return min(1, max(share, floor))
}

// matchHeadingRoles reads a job title the dictionary does not list as a phrase but the
// occupations index composes from a title it knows ("eel fisher", "harbour pilot"),
// where a case note opens with it: at the start of a sentence, before a comma or a
// place ("Female eel fisher from Ardboe, cut finger", "Retired harbour pilot, 70s").
// In other positions the role reader composes titles from the sentence's grammar.
func (s *scan) matchHeadingRoles() {
	for _, st := range s.sent {
		k := st.start
		if s.is(k, "female") || s.is(k, "male") {
			k++
		}
		if s.is(k, "retired") || s.is(k, "former") {
			k++
		}
		n, ok := s.readNP(k, false)
		if !ok || len(n.words) < 2 || n.det != "" || n.oneOf || n.end > st.end {
			continue
		}
		switch s.lo2(n.end) {
		case ",", "from", "in", "at", "near", "on", "-", "(":
		default:
			continue
		}
		if s.detailIn(KindOccupation, n.start, n.end) >= 0 || s.detailIn(KindPublicStatus, n.start, n.end) >= 0 {
			continue
		}
		plain := true
		for m := n.start; m < n.end; m++ {
			if t := s.toks[m]; t.kind != tokWord || t.cap && m > st.start || s.lo(m) == "year" || s.lo(m) == "old" || isDeterminer(s.lo(m)) {
				plain = false // "47 year old lady", "Saw a man": no title
			}
		}
		head := lexis.Lemma(n.headWord(), lexis.Noun)
		if len(head) < 4 {
			continue // "Cardio ref": an abbreviation ("referral") before a job's
		}
		_, generic := personNouns[head]
		if cat, person := lexis.PersonNoun(head); !plain || !person || !jobCategories[cat] || generic || lexis.IsVerb(n.words[0]) && !lexis.IsNoun(n.words[0]) {
			continue
		}
		o, ok := occupations.Default().Lookup(n.text())
		if !ok {
			continue
		}
		s.add(Detail{Kind: KindOccupation, Value: o.Title, Ref: o.SOC, Frequency: occupationShare(o), Confidence: 0.7,
			Subject: s.subjectAt(n.start)}, n.start, n.end)
	}
}
