package conduct

import (
	"fmt"
	"strings"

	"github.com/mosaicgw/mosaic/internal/guidance"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// predication is an evaluative statement: a subject and what is said of it.
type predication struct {
	v      int // the copula (or the epithet's first token)
	p, e   int // the evaluated words: tokens [p, e)
	kind   refKind
	who    int // mention, for a person
	score  float64
	praise float64
	hits   [][2]int
}

// contempt scores tokens [p, e) as said of a person: clearly negative words (VADER
// mean at most -1; capped at 3 each), nouns of contempt (WordNet), "-less" adjectives of
// a body part ("spineless"), "a waste of ...", each a little more after an
// intensifier. Positive words are returned apart.
func (a *analysis) contempt(p, e int) (score, praise float64, hits [][2]int) {
	for k := p; k < e; k++ {
		w := a.w(k)
		if a.toks[k].symbol || a.acronym(k) {
			continue // "SOB" in a clinical note is short of breath
		}
		s := 0.0
		j := k + 1
		if participle(w) && !a.insideNP(p, k) {
			// A verb after the copula says what someone is doing or undergoing ("she's
			// been struggling", "was harassed"), not what they are like; inside a noun
			// phrase it describes them ("a backstabbing cow").
			continue
		}
		switch {
		case w == "waste" && a.w(k+1) == "of" && k+2 < e:
			s, j = 2, k+3
		case pejorativeNoun(w):
			s = 2
			if v := -valence(w); v > s {
				s = min(v, 3)
			}
		default:
			v := valence(w)
			switch {
			case v <= -1:
				s = min(-v, 3)
			case v >= 1:
				praise += v
			case privativeBodyAdj(w):
				s = 1.5
			}
		}
		if s > 0 {
			if intensifiers[a.w(k-1)] && k-1 >= p-1 {
				s += 0.5
			}
			score += s
			hits = append(hits, [2]int{k, j})
			k = j - 1
		}
	}
	return score, praise, hits
}

// predicateEnd is the end of the evaluated words after a copula: the predicate noun or
// adjective phrase ("a rude, idle bully"; "rude and idle"), up to a
// relative pronoun, a preposition other than "of" in "waste of", a verb or the clause.
func (a *analysis) predicateEnd(p int) int {
	e := p
	for e < len(a.toks) && a.sameSent(p, e) && e < p+12 {
		w := a.w(e)
		if e > p && a.toks[e].brk && !(w == "and" || indefDets[w]) {
			// "rude, idle, vain" goes on after commas; a new clause does not.
			if !(valence(w) != 0 || privativeBodyAdj(w) || pejorativeNoun(w)) {
				break
			}
		}
		if relatives[w] && e > p {
			break
		}
		if prepositions[w] && !(w == "of" && a.w(e-1) == "waste") && !(w == "as" || w == "like") {
			break
		}
		if auxiliaries[w] || (copulaWords[w] && e > p) || a.contraction(e) {
			break
		}
		e++
	}
	return e
}

// predications finds the evaluative statements of the post: "X is/was/'s ...", and
// verbless epithets ("Total creep.", "A complete waste of a salary").
func (a *analysis) predications() []predication {
	var out []predication
	for v := range a.toks {
		w := a.w(v)
		cop := copulaWords[w] || a.contraction(v)
		if !cop || (w == "been" || w == "be" || w == "being") && (copulaWords[a.w(v-1)] || auxiliaries[a.w(v-1)] || a.contraction(v-1)) {
			continue // one verb group, one predication: "she's been", "should be"
		}
		p := v + 1
		// "is not", "isn't", "never been": negated.
		if negators[w] || negators[a.w(p)] || a.negatedNear(v, 2) {
			continue
		}
		for p < len(a.toks) && a.sameSent(v, p) && (a.w(p) == "been" || a.w(p) == "being" || a.w(p) == "just" || a.w(p) == "also" || a.w(p) == "still" || a.w(p) == "always" || a.w(p) == "frankly" || a.w(p) == "honestly") {
			p++
		}
		e := a.predicateEnd(p)
		if e <= p {
			continue
		}
		kind, who := a.subjectAt(v)
		if kind == refNone {
			continue
		}
		if a.reported(v) {
			continue
		}
		s, pr, hits := a.contempt(p, e)
		// The rest of the sentence (a relative clause: "who cheats the rota") adds
		// nouns of contempt and strongly negative words at half weight.
		end := a.sentenceEnd(v)
		for k := e; k < end; k++ {
			if pejorativeNoun(a.w(k)) || valence(a.w(k)) <= -2.5 {
				if a.negatedNear(k, 3) {
					continue
				}
				x, _, h := a.contempt(k, k+1)
				s += x / 2
				hits = append(hits, h...)
			}
		}
		out = append(out, predication{v: v, p: p, e: e, kind: kind, who: who, score: s, praise: pr, hits: hits})
	}
	// Epithets: a short clause with no verb and no subject of its own.
	for k := 0; k < len(a.toks); {
		e := k + 1
		for e < len(a.toks) && a.sameSent(k, e) && !a.toks[e].brk {
			e++
		}
		if e-k <= 6 && a.verbless(k, e) {
			s, pr, hits := a.contempt(k, e)
			if s >= 1.5 && a.epithetHead(k, e) {
				who := a.lastPersonBefore(k)
				if who < 0 {
					who = a.firstPersonFrom(e, a.sentenceEnd(k))
				}
				if who >= 0 {
					out = append(out, predication{v: k, p: k, e: e, kind: refPerson, who: who, score: s, praise: pr, hits: hits})
				}
			}
		}
		k = e
	}
	return out
}

// verbless: no copula, auxiliary, pronoun or mention in tokens [i, e).
func (a *analysis) verbless(i, e int) bool {
	for k := i; k < e; k++ {
		w := a.w(k)
		if copulaWords[w] || auxiliaries[w] || a.contraction(k) || selfPronouns[w] || youPronouns[w] || groupPronouns[w] || thingPronouns[w] || sgPersonPronouns[w] || a.toks[k].symbol {
			return false
		}
		if mi := a.headAt[k]; mi >= 0 && !a.mentions[mi].generic {
			return false
		}
		if verbOnly(w) {
			return false
		}
	}
	return true
}

// epithetHead: an epithet is about a person: it has a generic person noun ("useless
// man"), a noun of contempt, or "a waste of".
func (a *analysis) epithetHead(i, e int) bool {
	for k := i; k < e; k++ {
		w := a.w(k)
		if genericPersonNouns[w] || (w == "waste" && a.w(k+1) == "of") {
			return true
		}
		if pejorativeNoun(w) && k > i && valence(a.w(k-1)) <= -1 {
			return true
		}
	}
	return false
}

func (a *analysis) lastPersonBefore(k int) int {
	for mi := len(a.mentions) - 1; mi >= 0; mi-- {
		m := a.mentions[mi]
		if m.i < k && (!m.plural || m.partitive) {
			return mi
		}
	}
	return -1
}

func (a *analysis) firstPersonFrom(k, e int) int {
	for mi, m := range a.mentions {
		if m.i >= k && m.i < e && (!m.plural || m.partitive) {
			return mi
		}
	}
	return -1
}

// reported: the clause reports someone else's words ("she said he's useless", "the
// patient called our receptionist a ...").
func (a *analysis) reported(v int) bool {
	for k := v - 1; k >= 0 && k >= v-10 && a.sameSent(v, k); k-- {
		if reportingVerbs[a.w(k)] {
			return true
		}
	}
	return false
}

// abuseBar is how much contempt for one person makes abuse: one strong noun of
// contempt ("an idiot", VADER -2.3), or two clearly negative words ("rude, idle").
const abuseBar = 2.3

// abusiveComment (paragraph 15): contempt said of one identifiable person. Evaluations
// of an institution, a policy, a group, a thing or the author are robust criticism or
// self-deprecation and are not flagged; a clause that reports someone else's words is
// not the author's abuse.
func (a *analysis) abusiveComment() *mosaicv1.Finding {
	type acc struct {
		score, praise, best float64
		hits                [][2]int
		mention             int
		why                 string
	}
	byPerson := map[int]*acc{}
	you := &acc{mention: -1}
	for _, pr := range a.predications() {
		switch pr.kind {
		case refPerson:
			if pr.who < 0 {
				continue
			}
			ok, why, at := a.identifiable(pr.who)
			if !ok {
				continue
			}
			r := a.root(pr.who)
			if a.mentions[r].handle {
				at = r
			}
			x := byPerson[r]
			if x == nil {
				x = &acc{mention: at, why: why}
				byPerson[r] = x
			}
			x.score += pr.score
			x.praise += pr.praise
			x.best = max(x.best, pr.score-pr.praise/2)
			x.hits = append(x.hits, pr.hits...)
		case refYou:
			you.score += pr.score
			you.praise += pr.praise
			you.best = max(you.best, pr.score-pr.praise/2)
			you.hits = append(you.hits, pr.hits...)
		}
	}
	// Abuse of the member replied to shows itself with a handle.
	for mi, m := range a.mentions {
		if m.handle && you.score > 0 {
			byPerson[mi] = &acc{score: you.score, praise: you.praise, best: you.best, hits: you.hits, mention: mi, why: "their handle"}
		}
	}
	var worst *acc
	for _, x := range byPerson {
		net := x.score - x.praise/2
		if net >= abuseBar && x.best >= 1.5 && (worst == nil || net > worst.score-worst.praise/2) {
			worst = x
		}
	}
	if worst == nil {
		return nil
	}
	f := &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_ABUSIVE_COMMENT,
		Severity: hold,
		Guidance: cite(guidance.Abuse),
	}
	m := a.mentions[worst.mention]
	np := min(m.np, m.i)
	f.Spans = append(f.Spans, a.span(np, m.j, "person"))
	var quotes []string
	for _, h := range worst.hits {
		f.Spans = append(f.Spans, a.span(h[0], h[1], "insult"))
		quotes = append(quotes, a.quote(h[0], h[1]))
	}
	f.Explanation = fmt.Sprintf("This post makes gratuitous personal remarks (%s) about %s, who can be identified (%s). "+
		"The GMC expects doctors not to post comments that are abusive, bullying or could be seen as defamatory about identifiable individuals, "+
		"colleagues included; a remark made in a members' forum can still be copied and shared.",
		quoteList(quotes, 4), a.quote(np, m.j), strings.TrimSpace(worst.why))
	f.Suggestion = "Remove the personal remarks. If there is a genuine problem with this person's conduct or performance, raise it through your organisation's procedures; " +
		"criticism of a service, a policy or a decision is fine when it is about the decision, not the person."
	return f
}

// insideNP reports that token k follows a determiner in [p, k) with no verb or
// preposition between: it modifies a noun ("a gutless scheming rat").
func (a *analysis) insideNP(p, k int) bool {
	for x := k - 1; x >= p; x-- {
		if determiners[a.w(x)] {
			return true
		}
		if a.stopWord(x) && a.w(x) != "and" {
			return false
		}
	}
	return false
}

// acronym: a word written in capitals (in a text that is not all capitals).
func (a *analysis) acronym(k int) bool {
	raw := a.post.Body[a.toks[k].start:a.toks[k].end]
	return len(raw) >= 2 && strings.ToUpper(raw) == raw && strings.ToLower(raw) != raw
}
