package conduct

import (
	"fmt"
	"strings"

	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/guidance"
	"github.com/mosaicgw/mosaic/internal/lexis"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// patientPresent: the post is about a patient of the author's: the extractor's
// patient, a patient noun (not "patient safety"), someone "registered with us" or "on my
// list".
func (a *analysis) patientPresent() bool {
	for _, p := range a.post.Reading.People {
		if p.Role == extract.SubjectPatient && p.End > p.Start && p.End <= len(a.post.Body) {
			w := strings.ToLower(a.post.Body[p.Start:p.End])
			if personWord(w) && !roleWord(w) || w == "pt" {
				return true
			}
		}
	}
	for k, t := range a.toks {
		w, _ := base(t.norm)
		if w == "patient" || w == "patients" || w == "pt" || w == "regulars" {
			if n := a.w(k + 1); a.sameSent(k, k+1) && nounLike(n) && !a.stopWord(k+1) && !personWord(n) && !lexis.IsVerb(lexis.Lemma(n, lexis.Verb)) {
				continue // "patient safety", "patient group"
			}
			return true
		}
		if w == "registered" && (a.w(k+1) == "with" || a.w(k+1) == "at") {
			return true
		}
	}
	return false
}

// crossing is one sign of the author's own boundary crossing: tokens [i, j).
type crossing struct {
	i, j int
	what string
}

// crossings finds the author's own boundary crossings, by kind:
//   - social-media contact with the author ("tracked me down on TikTok", "following me on
//     X", a friend request, messages on a platform);
//   - an outing ("asked me out", "off for a pint", "suggested dinner");
//   - turning up at the author's own places ("at my house", "my running club");
//   - informal treatment: giving one's own medicines ("my own propranolol"), a
//     clinical act for a friend or neighbour, a favour asked outside the system ("asked
//     me to sort out her repeat prescription");
//   - the author going along ("I accepted", "we've been chatting", "we're going").
func (a *analysis) crossings() (cs []crossing, accepted, declining bool) {
	hasPlatform := false
	for _, t := range a.toks {
		if platforms[t.norm] {
			hasPlatform = true
		}
	}
	friend := false
	for k, t := range a.toks {
		w := t.norm
		sEnd := a.sentenceEnd(k)
		sStart := a.sentenceStart(k)
		switch {
		case declineWords[w]:
			declining = true
		case contactWords[w] && !((t.sentStart || t.brk || a.w(k-1) == "and") && imperativeForms[w]) && !youPronouns[a.w(k-1)]:
			// (An imperative, "DM me", invites the reader; it is no contact with a patient.)
			// Contact with the author on a platform: "texting me on WhatsApp", "liked my
			// holiday photos", "a follow request", "following me on <App>".
			me := false
			for x := sStart; x < sEnd; x++ {
				// "me", or "my" with what is the author's own ("my Instagram", "my photos").
				if w := a.w(x); w == "me" || w == "myself" || w == "my" && (platforms[a.w(x+1)] || contactWords[a.w(x+1)] || nounLike(a.w(x+1)) && !a.workplaceAfter(x) && !personWord(a.w(x+1)) && a.w(x+1) != "patients") {
					me = true
				}
			}
			onApp := false
			for x := k + 1; x < sEnd && x <= k+4; x++ {
				if a.w(x) == "on" && x+1 < sEnd && (platforms[a.w(x+1)] || a.toks[x+1].upper && !a.placeDet[x+1]) {
					onApp = true
				}
			}
			platformHere := false
			for x := sStart; x < sEnd; x++ {
				if platforms[a.w(x)] {
					platformHere = true
				}
			}
			if me && (platformHere || onApp || (hasPlatform && (w == "request" || w == "follow" || w == "friend"))) {
				cs = append(cs, crossing{k, k + 1, "social media contact"})
			}
		case outingNouns[w] && (a.w(k-1) == "a" || a.w(k-1) == "for" || a.w(k-1) == "out"):
			// "suggested a pint", "out for dinner", "asked me out for a coffee": not "a
			// drink problem".
			if n := a.w(k + 1); nounLike(n) && !a.stopWord(k+1) && a.sameSent(k, k+1) && !weekday(n) {
				continue
			}
			social := false
			for x := max(sStart, k-6); x < min(sEnd, k+4); x++ {
				if firstObject[a.w(x)] || firstPlural[a.w(x)] || a.w(x) == "suggested" || a.w(x) == "asked" {
					social = true
				}
			}
			if social {
				cs = append(cs, crossing{k, k + 1, "a social outing"})
			}
		case w == "out" && a.w(k-1) == "me" && strings.HasPrefix(a.w(k-2), "ask"):
			cs = append(cs, crossing{k - 2, k + 1, "a date"})
		case w == "my" && a.w(k+1) == "own" && k+2 < len(a.toks):
			for x := k + 2; x < sEnd && x <= k+4; x++ {
				if drugNoun(a.w(x)) {
					cs = append(cs, crossing{k, x + 1, "giving your own medicines"})
					break
				}
			}
		case w == "my":
			b, _ := base(a.w(k + 1))
			b2, _ := base(a.w(k + 2))
			if privatePlaces[b] || privatePlaces[b2] {
				for x := sStart; x < k; x++ {
					if a.w(x) == "turned" || a.w(x) == "came" || a.w(x) == "showed" || a.w(x) == "joined" || a.w(x) == "appeared" {
						cs = append(cs, crossing{x, k + 2, "turning up at your own places"})
						break
					}
				}
			}
			if acquaintances[b] || acquaintances[b2] {
				friend = true
			}
		case strings.HasPrefix(w, "ask") && a.w(k+1) == "me" && a.w(k+2) == "to":
			for x := k + 3; x < sEnd && x <= k+7; x++ {
				if clinicalActs[a.w(x)] {
					cs = append(cs, crossing{k, x + 1, "treating outside the surgery: a favour"})
					break
				}
			}
		case (firstSingular[w] || firstPlural[w]) && k+1 < len(a.toks):
			for x := k + 1; x < sEnd && x <= k+3; x++ {
				if acceptVerbs[a.w(x)] && !a.negatedNear(x, 2) {
					accepted = true
				}
			}
		}
	}
	// Treating a friend or neighbour: a clinical act by the author in a post about them.
	if friend {
		for k, t := range a.toks {
			if !firstSingular[t.norm] {
				continue
			}
			for x := k + 1; x < len(a.toks) && x <= k+4 && a.sameSent(k, x); x++ {
				if clinicalActs[a.w(x)] {
					cs = append(cs, crossing{k, x + 1, "treating a friend informally"})
					break
				}
			}
		}
	}
	return cs, accepted, declining
}

// boundary (paragraph 11): the author's own crossing of the boundary with a patient, or
// treating a friend as one. A post that asks how to decline a patient's contact keeps
// the boundary and is not flagged.
func (a *analysis) boundary() *mosaicv1.Finding {
	cs, accepted, declining := a.crossings()
	if len(cs) == 0 {
		return nil
	}
	treating := false
	for _, c := range cs {
		if strings.Contains(c.what, "treating") || strings.Contains(c.what, "medicines") {
			treating = true
		}
	}
	if !treating && !a.patientPresent() {
		return nil
	}
	if declining && !accepted && !treating {
		return nil
	}
	f := &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_BOUNDARY,
		Severity: advisory,
		Guidance: cite(guidance.Boundaries),
	}
	var quotes, whats []string
	for _, c := range cs {
		f.Spans = append(f.Spans, a.span(c.i, c.j, "boundary"))
		quotes = append(quotes, a.quote(c.i, c.j))
		whats = append(whats, c.what)
	}
	f.Explanation = fmt.Sprintf("This post describes a relationship with a patient outside the professional one (%s: %s). "+
		"The GMC advises keeping personal and professional relationships apart: if a patient contacts you about their care or to socialise on a personal profile, "+
		"say you cannot mix social and professional relationships; treating friends or giving your own medicines blurs the same line.",
		quoteList(whats, 2), quoteList(quotes, 3))
	f.Suggestion = "Don't take the relationship further while they are your patient; decline kindly, keep any care within the practice's usual routes, " +
		"and talk to your defence body if it is already complicated. Leave out whatever would identify the patient."
	if ok, how := a.patientIdentified(); ok {
		f.Severity = hold
		f.Explanation += " It is held because it also identifies the patient (" + how + ")."
		f.Suggestion = "Remove what identifies the patient (" + how + "). " + f.Suggestion
	}
	return f
}

// patientIdentified: a direct identifier about the patient from the extractor, a social
// handle in the post, or a named person who is not a colleague.
func (a *analysis) patientIdentified() (bool, string) {
	for _, d := range a.post.Reading.Details {
		if d.Direct && !d.Negated && (d.Subject == extract.SubjectPatient || d.Subject == extract.SubjectRelative || d.Subject == extract.SubjectUnknown) {
			return true, "their " + strings.ReplaceAll(string(d.Kind), "_", " ")
		}
	}
	for _, m := range a.mentions {
		if m.handle {
			return true, "a social media handle"
		}
	}
	return false, ""
}

// imperativeForms are contact verbs that, opening a clause, invite the reader ("DM me",
// "add me") rather than report a patient's contact.
var imperativeForms = set("dm", "pm", "message", "add", "follow", "friend", "text")
