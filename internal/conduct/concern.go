package conduct

import (
	"fmt"

	"github.com/mosaicgw/mosaic/internal/guidance"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// allegation is a statement of unsafe practice or misconduct: tokens [i, j).
type allegation struct {
	i, j int
	what string
}

// allegations finds statements of unsafe practice or misconduct, by kind:
//   - impairment at work: smelling of an alcoholic drink (WordNet), or drunk;
//   - supplying medicines (WordNet drugs) without a safeguard ("with no review",
//     "never seen", "without examining") or casually ("like sweets");
//   - a misconduct verb (falsifying, backdating, stealing, harassing, ...).
func (a *analysis) allegations() []allegation {
	var out []allegation
	for k := 0; k < len(a.toks); k++ {
		w := a.w(k)
		end := a.sentenceEnd(k)
		switch {
		case smellVerbs[w]:
			for x := k + 1; x < end && x <= k+4; x++ {
				if alcoholNoun(a.w(x)) || a.w(x) == "drink" || a.w(x) == "booze" {
					out = append(out, allegation{k, x + 1, "impairment"})
					break
				}
			}
		case impairedWords[w] && w != "high":
			// "turned up drunk", "drunk on shift"; not "drunk driver" about a patient.
			if x := a.sentenceStart(k); a.colleagueIn(x, end) && !a.negatedNear(k, 3) {
				out = append(out, allegation{k, k + 1, "impairment"})
			}
		case supplyVerbs[w]:
			drug := -1
			for x := k + 1; x < end && x <= k+9; x++ {
				if drugNoun(a.w(x)) {
					drug = x
					break
				}
			}
			if drug < 0 {
				continue
			}
			if g := a.safeguardMissing(k, end); g >= 0 {
				out = append(out, allegation{k, max(drug, g) + 1, "prescribing"})
				k = max(drug, g)
			}
		case errorVerbs[w] && a.finite(k) && !a.negatedNear(k, 3):
			// "has missed three scaphoids this month", "keeps misreading ECGs": a
			// pattern of errors, a count or a plural of what was missed.
			for x := k + 1; x < end && x <= k+3; x++ {
				if countWord(a.w(x)) || pluralNoun(a.w(x)) && !a.negatedNear(x, 2) {
					if a.colleagueIn(a.sentenceStart(k), end) {
						out = append(out, allegation{k, x + 1, "errors"})
					}
					break
				}
			}
		case misconductVerbs[w] && a.finite(k):
			if !a.negatedNear(k, 3) && a.colleagueIn(a.sentenceStart(k), end) {
				out = append(out, allegation{k, k + 1, "misconduct"})
			}
		}
	}
	return out
}

// safeguardMissing finds, after token k in its sentence, the absence of a safeguard
// ("with no review", "never seen", "without examining") or casual supply ("like
// sweets"); it returns the last token, -1 for none.
func (a *analysis) safeguardMissing(k, end int) int {
	for x := k + 1; x < end; x++ {
		w := a.w(x)
		if safeguardWords[w] {
			for y := x - 1; y >= k && y >= x-3; y-- {
				if negators[a.w(y)] || a.w(y) == "without" {
					return x
				}
			}
		}
		if w == "like" && x+1 < end && pluralNoun(a.w(x+1)) && !drugNoun(a.w(x+1)) {
			return x + 1
		}
	}
	return -1
}

// colleagueIn reports a mention of a colleague (not a patient, not a group) in [i, e).
func (a *analysis) colleagueIn(i, e int) bool {
	for _, m := range a.mentions {
		if m.i >= i && m.i < e && !m.patient && (!m.plural || m.partitive) {
			return true
		}
	}
	return false
}

// concernTarget is who an allegation is about: the subject of its clause, followed to
// the person it takes up.
func (a *analysis) concernTarget(al allegation) int {
	kind, who := a.subjectAt(al.i)
	if kind == refPerson && who >= 0 {
		return who
	}
	// "reeked of whisky" after an aside: the nearest person before it in the
	// sentence.
	for mi := len(a.mentions) - 1; mi >= 0; mi-- {
		m := a.mentions[mi]
		if m.i < al.i && a.sameSent(al.i, m.i) && (!m.plural || m.partitive) && !m.possessive {
			return mi
		}
	}
	return -1
}

// askingRoute: the post asks how or where to raise a concern (a question with a verb
// of raising or reporting, or naming the channels).
func (a *analysis) askingRoute() bool {
	if !a.question {
		return false
	}
	for k, t := range a.toks {
		if channelWords[t.norm] || (raiseVerbs[t.norm] && (a.w(k+1) == "a" || a.w(k+1) == "it" || a.w(k+1) == "this" || a.w(k+1) == "concerns" || a.w(k+1) == "up")) {
			return true
		}
		if t.norm == "concern" || t.norm == "concerns" || t.norm == "worried" || t.norm == "worries" {
			return true
		}
	}
	return false
}

// airing: the author puts it in front of people ("putting it here", "say this
// publicly", "so people know").
func (a *analysis) airing() (int, bool) {
	for k, t := range a.toks {
		if !airVerbs[t.norm] {
			continue
		}
		for x := k + 1; x < len(a.toks) && x <= k+4 && a.sameSent(k, x); x++ {
			if airPlaces[a.w(x)] {
				return k, true
			}
		}
	}
	return -1, false
}

// raisingConcern: an allegation about an identifiable colleague, or a named unit called
// unsafe and aired, put on the forum instead of through local procedures or the
// regulator. Asking how to raise a concern is the proper route and is released unless
// the colleague is named.
func (a *analysis) raisingConcern() *mosaicv1.Finding {
	asking := a.askingRoute()
	type hit struct {
		al  allegation
		who int
		why string
	}
	var hits []hit
	for _, al := range a.allegations() {
		mi := a.concernTarget(al)
		if mi < 0 {
			continue
		}
		ok, why, at := a.identifiable(mi)
		if !ok || a.mentions[a.root(mi)].patient {
			continue
		}
		if r := a.root(mi); a.mentions[r].named {
			at, why = r, "named"
		}
		if asking && !a.mentions[at].named {
			continue
		}
		hits = append(hits, hit{al, at, why})
	}
	f := &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_RAISING_CONCERN,
		Severity: hold,
		Guidance: cite(guidance.RaisingConcerns),
	}
	if len(hits) > 0 {
		m := a.mentions[hits[0].who]
		np := min(m.np, m.i)
		f.Spans = append(f.Spans, a.span(np, m.j, "person"))
		var quotes []string
		for _, h := range hits {
			f.Spans = append(f.Spans, a.span(h.al.i, h.al.j, "concern"))
			quotes = append(quotes, a.quote(h.al.i, h.al.j))
		}
		f.Explanation = fmt.Sprintf("This post airs a concern about %s, who can be identified (%s): %s. "+
			"Social media is unlikely to be the right place for concerns about a colleague or patient safety: they should go through local procedures first, "+
			"then the regulator if appropriate action is not taken; an unproven allegation on a forum is also unfair to the colleague.",
			a.quote(np, m.j), hits[0].why, quoteList(quotes, 3))
		f.Suggestion = "Raise it through your organisation's procedure (your supervisor, the clinical or medical director, incident reporting), " +
			"a Freedom to Speak Up guardian, or the GMC if that fails; your defence body can advise. You can ask here how to raise a concern without saying who it is about."
		return f
	}
	return a.unitConcern(f, asking)
}

// unitConcern: a named unit (ward, practice, hospital) called unsafe, with harm foretold
// or the post saying it is putting this in front of people.
func (a *analysis) unitConcern(f *mosaicv1.Finding, asking bool) *mosaicv1.Finding {
	if asking {
		return nil
	}
	at, aired := a.airing()
	harm := -1
	for k, t := range a.toks {
		if harmWords[t.norm] && !a.negatedNear(k, 3) {
			harm = k
			break
		}
	}
	if !aired && harm < 0 {
		return nil
	}
	for v := range a.toks {
		if !copulaWords[a.w(v)] && !a.contraction(v) || a.negatedNear(v+1, 2) {
			continue
		}
		e := a.predicateEnd(v + 1)
		unsafe := -1
		for k := v + 1; k < e; k++ {
			if safetyWords[a.w(k)] {
				unsafe = k
			}
		}
		if unsafe < 0 {
			continue
		}
		kind, _ := a.subjectAt(v)
		if kind != refThing && kind != refGroup {
			continue
		}
		unit := a.namedUnitBefore(v)
		if unit[1] == 0 {
			continue
		}
		f.Spans = append(f.Spans, a.span(unit[0], unit[1], "place"), a.span(unsafe, unsafe+1, "concern"))
		if aired {
			f.Spans = append(f.Spans, a.span(at, at+1, "airing"))
		}
		if harm >= 0 {
			f.Spans = append(f.Spans, a.span(harm, harm+1, "harm"))
		}
		f.Explanation = fmt.Sprintf("This post airs a patient-safety concern about %s (%s) on the forum instead of raising it. "+
			"Social media is unlikely to be the right place for concerns about patient care: they should go through local procedures first, "+
			"then the regulator if appropriate action is not taken, and be made public only when those have failed and patients remain at risk.",
			a.quote(unit[0], unit[1]), a.quote(unsafe, unsafe+1))
		f.Suggestion = "Raise it through the organisation's own procedure (incident reporting, the clinical or medical director), " +
			"a Freedom to Speak Up guardian, or the regulator if that fails; your defence body can advise on going further."
		return f
	}
	return nil
}

// namedUnitBefore is the extractor's place or institution, or a capitalised name, in
// the clause before token v.
func (a *analysis) namedUnitBefore(v int) [2]int {
	s := a.sentenceStart(v)
	for k := s; k < v; k++ {
		if a.placeDet[k] || (a.toks[k].upper && !commonWord(a.w(k)) && k > s) {
			j := k + 1
			for j < v && (a.placeDet[j] || a.toks[j].upper || isDigits(a.w(j))) {
				j++
			}
			return [2]int{k, j}
		}
	}
	return [2]int{}
}

// finite: the verb at k is said of a subject: after an auxiliary ("is falsifying",
// "has been backdating"), a pronoun or a person ("he botched", "the partners are
// covering"), not a noun or a participle phrase ("experiencing bullying",
// "fabricated or induced illness").
func (a *analysis) finite(k int) bool {
	p := a.w(k - 1)
	if auxiliaries[p] || copulaWords[p] || a.contraction(k-1) || sgPersonPronouns[p] || groupPronouns[p] || firstSingular[p] || firstPlural[p] {
		return true
	}
	if p == "been" || p == "keeps" || p == "kept" || p == "always" || p == "routinely" || p == "regularly" {
		return true
	}
	return a.headAt[k-1] >= 0 && !a.mentions[a.headAt[k-1]].possessive
}

// countWord reports a number, in figures or words ("3", "three", "several").
func countWord(w string) bool {
	if w == "" {
		return false
	}
	if w[0] >= '0' && w[0] <= '9' {
		return true
	}
	switch w {
	case "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "multiple", "numerous", "countless":
		return true
	}
	return false
}
