package conduct

import (
	"fmt"
	"strings"

	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/guidance"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// patientNounAt reports a word that can stand for one patient: a patient noun, a
// generic person noun, a person noun of no occupation ("teenager", "toddler"), or an
// age standing for a person ("a 45-year-old").
func (a *analysis) patientNounAt(k int) bool {
	w := a.w(k)
	if w == "patient" || w == "pt" || genericPersonNouns[w] && w != "one" && w != "character" {
		return true
	}
	if w == "old" && a.w(k-1) == "year" && isDigits(a.w(k-2)) {
		return true
	}
	if roleWord(w) || pluralNoun(w) || len(w) < 3 {
		return false
	}
	return personWord(w) && !acquaintances[w]
}

// specificPatient finds one particular patient the author met: "my patient", the
// author's encounter with a patient ("we admitted a toddler on Sunday", "Saw a retired
// miner this morning", "Just diagnosed a student"), or a patient arriving ("a lad in his
// twenties came in"). It returns the tokens of the evidence.
func (a *analysis) specificPatient() (int, int, bool) {
	for k := range a.toks {
		if !a.patientNounAt(k) {
			continue
		}
		w := a.w(k)
		// The determiner before the noun (over up to four modifiers).
		det, dk := "", -1
		for x := k - 1; x >= 0 && x >= k-4 && a.sameSent(k, x); x-- {
			if determiners[a.w(x)] {
				det, dk = a.w(x), x
				break
			}
		}
		if det == "" && w == "old" {
			det, dk = a.w(k-3), k-3
		}
		if det == "" && a.toks[k].sentStart {
			det, dk = "a", k // "Woman in her 80s came in ..."
		}
		if pluralNoun(w) || det == "any" || det == "every" || det == "each" || det == "no" || det == "your" || det == "their" {
			continue
		}
		if det == "my" && (w == "patient" || w == "pt") {
			return dk, k + 1, true
		}
		if det != "a" && det != "an" && det != "this" && det != "one" {
			continue
		}
		// A patient arriving: the noun phrase then an arrival verb.
		for x := k + 1; x < a.sentenceEnd(k) && x <= k+6; x++ {
			if arrivalVerbs[a.w(x)] {
				return dk, x + 1, true
			}
			if copulaWords[a.w(x)] || relatives[a.w(x)] {
				break
			}
		}
		// The author's encounter: "I had/saw/admitted a ...", or the verb opening the
		// sentence with "I" understood ("Saw a retired miner ...", "Just diagnosed a ...").
		s := a.sentenceStart(k)
		for x := dk - 1; x >= s && x >= dk-3; x-- {
			if !encounterVerbs[a.w(x)] {
				continue
			}
			subj := a.w(x - 1)
			if x == s || firstSingular[subj] || firstPlural[subj] || (x-1 == s && (subj == "just" || subj == "recently")) ||
				(firstSingular[a.w(x-2)] || firstPlural[a.w(x-2)]) && a.sameSent(x, x-2) {
				return x, k + 1, true
			}
		}
	}
	return 0, 0, false
}

// teaching: the post presents a made-up or teaching case.
func (a *analysis) teaching() bool {
	switch a.post.Reading.Frame {
	case extract.FrameHypothetical, extract.FrameAggregate, extract.FramePublicFigure, extract.FrameObituary:
		return true
	}
	for _, t := range a.toks {
		if teachingWords[t.norm] {
			return true
		}
	}
	return false
}

// publicPatientCase (8a): one particular patient discussed in a publicly readable forum.
// The post's own account of meeting the patient decides; the extractor's patient details
// (two kinds about the patient with a time relative to the post) confirm it without an
// explicit encounter. Advice to the public, teaching cases and the author's own story
// are not patient cases.
func (a *analysis) publicPatientCase() *mosaicv1.Finding {
	if a.post.Audience != mosaicv1.Audience_AUDIENCE_PUBLIC || a.teaching() {
		return nil
	}
	f := &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_PUBLIC_PATIENT_CASE,
		Severity: hold,
		Guidance: cite(guidance.PublicPatients),
	}
	var quotes []string
	if i, j, ok := a.specificPatient(); ok {
		f.Spans = append(f.Spans, a.span(i, j, "patient_case"))
		quotes = append(quotes, a.quote(i, j))
	}
	kinds := map[extract.Kind]bool{}
	relative := false
	var dspans []*mosaicv1.Span
	for _, d := range a.post.Reading.Details {
		if d.Subject != extract.SubjectPatient || d.Negated || d.Confidence < a.minConf || d.End <= d.Start || d.End > len(a.post.Body) {
			continue
		}
		if d.Relative {
			relative = true
		}
		if !personKinds[d.Kind] && !d.Direct {
			continue
		}
		kinds[d.Kind] = true
		dspans = append(dspans, &mosaicv1.Span{Start: uint32(d.Start), End: uint32(d.End), Text: a.post.Body[d.Start:d.End], DetailKind: string(d.Kind)})
	}
	if len(f.Spans) == 0 && !(len(kinds) >= 2 && relative && a.post.Reading.Frame == extract.FrameCase) {
		return nil
	}
	if len(kinds) >= 2 || len(f.Spans) > 0 {
		for _, s := range dspans {
			f.Spans = append(f.Spans, s)
			quotes = append(quotes, "\u201c"+s.Text+"\u201d")
		}
	}
	f.Explanation = fmt.Sprintf("This post discusses a specific patient (%s) in a forum anyone can read. "+
		"The GMC says publicly accessible sites should never be used to discuss individual patients or their care, "+
		"and that social media cannot guarantee confidentiality whatever the privacy settings.", quoteList(quotes, 4))
	f.Suggestion = "Move the post to a members-only forum and leave out details that could identify the patient, " +
		"or make the point as general advice without a particular patient."
	return f
}

// personKinds are the detail kinds that describe who a patient is.
var personKinds = map[extract.Kind]bool{
	extract.KindAge: true, extract.KindSex: true, extract.KindOccupation: true,
	extract.KindCondition: true, extract.KindFamily: true, extract.KindEthnicity: true,
	extract.KindPhysical: true, extract.KindPublicStatus: true, extract.KindEvent: true,
}

// identity (paragraph 17): posting as a doctor in a public area without a real name.
func (a *analysis) identity() *mosaicv1.Finding {
	if a.post.Audience != mosaicv1.Audience_AUDIENCE_PUBLIC {
		return nil
	}
	claims := a.doctorClaims()
	if !doctorRole(a.post.AuthorRole) && len(claims) == 0 {
		return nil
	}
	// An empty display name is missing profile data, not a pseudonym: nothing to judge.
	if strings.TrimSpace(a.post.AuthorDisplayName) == "" || realName(a.post.AuthorDisplayName) {
		return nil
	}
	f := &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_IDENTITY,
		Severity: advisory,
		Guidance: cite(guidance.Identity),
		Explanation: fmt.Sprintf("You are posting as a doctor in a publicly readable forum under the name \u201c%s\u201d, which does not look like your real name. "+
			"Material written by doctors is taken on trust and may be read as the view of the profession, so the GMC asks doctors to identify themselves by name "+
			"when posting as a doctor on publicly accessible sites.", a.post.AuthorDisplayName),
		Suggestion: "Post in public areas under your real name, or move the post to a members-only forum.",
	}
	for _, c := range claims {
		f.Spans = append(f.Spans, a.span(c[0], c[1], "doctor_claim"))
	}
	return f
}

// doctorClaims: the author presents as a doctor ("as a GP", "I'm a consultant", "GP
// here", "my patients").
func (a *analysis) doctorClaims() [][2]int {
	var out [][2]int
	for k, t := range a.toks {
		if !doctorRoleWords[t.norm] && t.norm != "patients" {
			continue
		}
		switch {
		case t.norm == "patients" && a.w(k-1) == "my":
			out = append(out, [2]int{k - 1, k + 1})
		case t.norm == "patients":
		case a.w(k+1) == "here" && (t.sentStart || t.brk):
			out = append(out, [2]int{k, k + 2})
		case a.w(k-1) == "a" || a.w(k-1) == "an":
			p := a.w(k - 2)
			if p == "as" || p == "i'm" || p == "im" || (p == "am" && a.w(k-3) == "i") {
				out = append(out, [2]int{k - 2, k + 1})
			}
		}
	}
	return out
}

// doctorRole reports a profile role that is a doctor's.
func doctorRole(role string) bool {
	for _, t := range tokenise(strings.ToLower(role)) {
		if doctorRoleWords[t.norm] {
			return true
		}
		if strings.HasSuffix(t.norm, "ologist") || strings.HasSuffix(t.norm, "iatrist") || strings.HasSuffix(t.norm, "iatrician") {
			return true
		}
	}
	return false
}

// realName reports whether a display name looks like a person's real name: a given
// name or initial and a surname, or a title and a surname; letters only, no handle words.
func realName(display string) bool {
	fields := strings.FieldsFunc(display, func(r rune) bool { return r == ' ' || r == '\t' || r == ',' })
	var words []string
	titled := false
	for _, f := range fields {
		low := strings.ToLower(strings.TrimSuffix(f, "."))
		if titles[low] {
			titled = true
			continue
		}
		words = append(words, f)
	}
	if len(words) < 2 && !(titled && len(words) == 1) {
		return false
	}
	for _, w := range words {
		w = strings.TrimSuffix(w, ".")
		if w == "" || pseudonymWords[strings.ToLower(w)] {
			return false
		}
		first := []rune(w)[0]
		if !isUpperRune(first) {
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

// pseudonymWords make a display name a handle rather than a name.
var pseudonymWords = set("doc", "docs", "medic", "anon", "anonymous", "user", "nhs", "gp", "junior", "doctor", "admin", "moderator",
	"the", "a", "grumpy", "tired", "burnt", "out", "real", "official", "guest", "member", "unknown",
	"registrar", "consultant", "locum", "surgeon", "physician")
