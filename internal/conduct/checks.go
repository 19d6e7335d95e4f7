package conduct

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/guidance"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

func isUpperRune(r rune) bool  { return unicode.IsUpper(r) || unicode.IsTitle(r) }
func isLetterRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

const (
	advisory = mosaicv1.Severity_SEVERITY_ADVISORY
	hold     = mosaicv1.Severity_SEVERITY_HOLD
)

// brandTokens returns capitalised words that may name a product or company: not at the
// start of a sentence, not an acronym, not a common capitalised word, not a person's
// name or a place the extractor found.
func (a *analysis) brandTokens() []int {
	var out []int
	for k, t := range a.toks {
		if !t.upper || t.sentStart || t.symbol || len(t.norm) < 3 || commonCaps[t.norm] {
			continue
		}
		raw := a.post.Body[t.start:t.end]
		if strings.ToUpper(raw) == raw || strings.ContainsAny(raw, "0123456789") { // NICE, T2s
			continue
		}
		if a.target[k] == targetPerson || a.inDetail(k) {
			continue
		}
		// Public services are not products anyone has an interest in: "the NHS App".
		if k > 0 && publicBodies[a.toks[k-1].norm] || k > 1 && publicBodies[a.toks[k-2].norm] {
			continue
		}
		// A capitalised word after a title is a name.
		if k > 0 && (professionalTitles[a.toks[k-1].norm] || a.toks[k-1].norm == "mr" || a.toks[k-1].norm == "mrs" || a.toks[k-1].norm == "ms") {
			continue
		}
		out = append(out, k)
	}
	return out
}

// conflictOfInterest (paragraph 19): promotion language about a product, company or paid
// service with no declaration of interest. Neutral clinical discussion of a drug uses
// none of the marketing or endorsement phrases, so it is not flagged.
func (a *analysis) conflictOfInterest() *mosaicv1.Finding {
	if a.has(catDeclaration) {
		return nil
	}
	hype, commercial := a.score(catHype), a.score(catCommercial)
	promo := hype + commercial
	// Money through the author (a discount code, an affiliate link, trade prices) is
	// promotion on its own; otherwise it takes two cues, one of them a promoter's phrase
	// (strong endorsement, hospitality), or three weaker ones. A clinician's "honestly,
	// she's so much better on it" is not promotion, nor is "a game changer" alone, nor two
	// ways of saying "get in touch".
	n := len(a.distinct(catHype)) + len(a.distinct(catCommercial))
	strong := a.maxWeight(catHype) >= 2 || a.maxWeight(catCommercial) >= 2
	money := a.maxWeight(catCommercial) >= 3 // a code or discount through the author
	if !money && !(n >= 2 && (strong || promo >= 3)) {
		return nil
	}
	brands := a.near(a.brandTokens(), catHype, catCommercial, catProductNoun)
	company := false
	isBrand := map[int]bool{}
	for _, k := range brands {
		isBrand[k] = true
	}
	for _, ci := range a.byCat[catCompany] {
		if c := a.cues[ci]; c.i > 0 && isBrand[c.i-1] {
			company = true
		}
	}
	products := a.has(catProductNoun)
	switch {
	case len(brands) > 0:
	case (products || company) && promo >= 3:
	default:
		return nil
	}
	f := &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_CONFLICT_OF_INTEREST,
		Severity: advisory,
		Guidance: cite(guidance.ConflictOfInterest),
	}
	var quotes []string
	for _, cat := range []cueCat{catCommercial, catHype} {
		for _, c := range a.distinct(cat) {
			f.Spans = append(f.Spans, a.span(c.i, c.j, "promotion"))
			quotes = append(quotes, a.quote(c.i, c.j))
		}
	}
	var names []string
	for _, k := range brands {
		f.Spans = append(f.Spans, a.span(k, k+1, "product"))
		names = append(names, a.quote(k, k+1))
	}
	what := "a product or service"
	if len(names) > 0 {
		what = quoteList(names, 3)
	}
	f.Explanation = fmt.Sprintf("This post promotes %s (%s) without declaring any interest. "+
		"Readers take a doctor's recommendation on trust, so the GMC asks doctors to be open about any conflict of interest "+
		"and to declare financial or commercial interests in healthcare organisations or pharmaceutical and biomedical companies.",
		what, quoteList(quotes, 4))
	f.Suggestion = "If you have any financial or commercial interest (payment, fees, hospitality, shares, a discount or affiliate code), " +
		"declare it at the start of the post, e.g. \u201cDeclaration of interest: I have received speaker fees from \u2026\u201d; " +
		"if you have none, say so, or discuss the evidence without the promotional wording."
	return f
}

// abusiveComment (paragraph 15): insults or gratuitous personal remarks aimed at an
// identifiable individual. Insults aimed at an institution, a policy or a group are
// robust criticism and are not flagged.
func (a *analysis) abusiveComment() *mosaicv1.Finding {
	if !a.has(catInsult) {
		return nil
	}
	people := a.identifiable(false)
	weight := 0
	youWeight := 0
	var hits []cue
	seen := map[string]bool{}
	for _, c := range a.distinct(catInsult) {
		key := a.text(c.i, c.j)
		if seen[key] || a.attributive(c) || a.reported(c) {
			continue
		}
		switch a.aimedAt(c.i, c.j) {
		case targetPerson:
			weight += c.weight
		case targetYou:
			if c.weight < 2 {
				continue
			}
			youWeight += c.weight
		default:
			continue
		}
		seen[key] = true
		hits = append(hits, c)
	}
	// "You're an idiot if you skip the flu jab" is generic; abuse of the member replied to
	// shows it: a handle, or "your post", "replying to", "people like you".
	if youWeight > 0 && !a.has(catAddressee) && !a.hasHandle() {
		youWeight = 0
	}
	if weight+youWeight < 2 {
		return nil
	}
	if len(people) == 0 && youWeight < 2 {
		// Heavy abuse of one definite person ("the registrar on last night is a useless,
		// arrogant idiot") identifies them to colleagues even without a name or place.
		if weight < 4 {
			return nil
		}
		people = a.definitePeople()
		if len(people) == 0 {
			return nil
		}
	}
	f := &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_ABUSIVE_COMMENT,
		Severity: hold,
		Guidance: cite(guidance.Abuse),
	}
	var quotes, who []string
	for _, p := range a.mentions(people) {
		f.Spans = append(f.Spans, a.span(p.i, p.j, "person"))
		who = append(who, a.quote(p.i, p.j))
	}
	for _, c := range hits {
		f.Spans = append(f.Spans, a.span(c.i, c.j, "insult"))
		quotes = append(quotes, a.quote(c.i, c.j))
	}
	target := "the person you reply to"
	if len(who) > 0 {
		target = quoteList(who, 2) + ", who can be identified"
	}
	f.Explanation = fmt.Sprintf("This post makes personal, unsubstantiated remarks (%s) about %s. "+
		"The GMC says doctors must not bully, harass or make gratuitous, unsubstantiated or unsustainable comments about individuals online, "+
		"and the law of defamation applies to posts.", quoteList(quotes, 4), target)
	f.Suggestion = "Remove the personal remarks. Criticising a decision, policy or institution with facts is fine; " +
		"a problem with a colleague's conduct should go to your line manager, clinical director or a Freedom to Speak Up guardian."
	return f
}

// raisingConcern: a concern about a colleague's conduct or patient safety aired on the
// forum in a way that names or identifies the colleague. A question about how to raise
// a concern that identifies nobody is released.
func (a *analysis) raisingConcern() *mosaicv1.Finding {
	if !a.has(catConcern) {
		return nil
	}
	people := a.identifiable(true)
	if len(people) == 0 {
		return a.concernAboutPlace()
	}
	named := false
	for _, p := range people {
		if p.named {
			named = true
		}
	}
	// Concern phrases count in sentences that speak about a person.
	personSent := a.personSentences()
	concern := 0
	strong := false
	seen := map[string]bool{}
	var hits []cue
	for _, c := range a.distinct(catConcern) {
		key := a.text(c.i, c.j)
		if seen[key] || !personSent[a.toks[c.i].sent] {
			continue
		}
		seen[key] = true
		concern += c.weight
		strong = strong || c.weight >= 2
		hits = append(hits, c)
	}
	airing := a.score(catAiring)
	// It takes a conduct phrase ("like sweets", "smelling of alcohol"), not only clinical
	// words ("missed", "died"), for a post about a colleague to be a concern.
	if !strong || concern < 2 || concern+airing < 3 && !named {
		return nil
	}
	if !named && a.has(catChannel) && airing == 0 {
		// Asking how to raise it without naming anyone.
		return nil
	}
	f := &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_RAISING_CONCERN,
		Severity: hold,
		Guidance: cite(guidance.RaisingConcerns),
	}
	var who, quotes []string
	for _, p := range a.mentions(people) {
		f.Spans = append(f.Spans, a.span(p.i, p.j, "colleague"))
		who = append(who, a.quote(p.i, p.j))
	}
	for _, c := range hits {
		f.Spans = append(f.Spans, a.span(c.i, c.j, "concern"))
		quotes = append(quotes, a.quote(c.i, c.j))
	}
	for _, c := range a.distinct(catAiring) {
		f.Spans = append(f.Spans, a.span(c.i, c.j, "airing"))
	}
	f.Explanation = fmt.Sprintf("This post raises a concern about the practice of %s (%s) on the forum, in a way that identifies them. "+
		"Social media is unlikely to be the right place for concerns about patient care: they should go through local procedures first, "+
		"then the regulator if appropriate action is not taken, and be made public only when those have been tried and patients are still at risk.",
		quoteList(who, 2), quoteList(quotes, 4))
	f.Suggestion = "Take the concern to your practice or trust's local procedure (clinical director, medical director or responsible officer), " +
		"a Freedom to Speak Up guardian, or the GMC; your defence body can advise. To ask members for advice, remove anything that identifies the colleague or the patients."
	return f
}

// boundary (paragraph 11): social-media or personal contact between the author and a
// patient. Advice by default; held when the post also identifies the patient.
func (a *analysis) boundary() *mosaicv1.Finding {
	if !a.has(catContact) && !a.platformContact() {
		return nil
	}
	if !a.patientMentioned() {
		return nil
	}
	f := &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_BOUNDARY,
		Severity: advisory,
		Guidance: cite(guidance.Boundaries),
	}
	var quotes []string
	for _, cat := range []cueCat{catContact, catPlatform} {
		for _, c := range a.distinct(cat) {
			f.Spans = append(f.Spans, a.span(c.i, c.j, "contact"))
			quotes = append(quotes, a.quote(c.i, c.j))
		}
	}
	identifies, how := a.patientIdentified()
	f.Explanation = fmt.Sprintf("This post is about personal or social-media contact with a patient (%s). "+
		"A friend request or personal message from a patient is outside the professional relationship: the GMC advises saying you cannot mix social and professional relationships "+
		"and, where appropriate, directing them to your professional profile.", quoteList(quotes, 3))
	f.Suggestion = "Don't accept or reply on a personal profile; a short, kind letter or message saying you can't mix social and professional relationships is usual, " +
		"and your defence body can help with wording. Keep anything that could identify the patient out of the post."
	if identifies {
		f.Severity = hold
		f.Explanation += " It is held because it also identifies the patient (" + how + ")."
		f.Suggestion = "Remove what identifies the patient (" + how + "). " + f.Suggestion
	}
	return f
}

// platformContact: a social platform and "me" in the same sentence ("she messaged me on
// Instagram"); "my patients follow our practice on Facebook" is not contact.
func (a *analysis) platformContact() bool {
	for _, ci := range a.byCat[catPlatform] {
		if a.sentenceHas(catFirstObj, a.toks[a.cues[ci].i].sent) {
			return true
		}
	}
	return false
}

// patientIdentified: a direct identifier about the patient from the extractor, a social
// handle in the post, or a named person who is not a colleague.
func (a *analysis) patientIdentified() (bool, string) {
	for _, d := range a.post.Details {
		if d.Direct && !d.Negated && (d.Subject == extract.SubjectPatient || d.Subject == extract.SubjectRelative || d.Subject == extract.SubjectUnknown) {
			return true, "their " + strings.ReplaceAll(string(d.Kind), "_", " ")
		}
	}
	for k, t := range a.toks {
		if t.norm == "@" && k+1 < len(a.toks) && a.toks[k+1].start == t.end && !a.toks[k+1].symbol {
			return true, "a social media handle"
		}
	}
	for _, p := range a.people {
		if p.named && !p.professional {
			return true, "a name"
		}
	}
	return false, ""
}

// identity (paragraph 17): posting as a doctor in a public area without a real name.
func (a *analysis) identity() *mosaicv1.Finding {
	if a.post.Audience != mosaicv1.Audience_AUDIENCE_PUBLIC {
		return nil
	}
	if !doctorRole(a.post.AuthorRole) && !a.has(catDoctorClaim) {
		return nil
	}
	// An empty display name is missing profile data, not a pseudonym: nothing to judge.
	if strings.TrimSpace(a.post.AuthorDisplayName) == "" || realName(a.post.AuthorDisplayName) {
		return nil
	}
	shown := "the name \u201c" + a.post.AuthorDisplayName + "\u201d"
	f := &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_IDENTITY,
		Severity: advisory,
		Guidance: cite(guidance.Identity),
		Explanation: fmt.Sprintf("You are posting as a doctor in a publicly readable forum under %s, which does not look like your real name. "+
			"Material written by doctors is taken on trust and may be read as the view of the profession, so the GMC asks doctors to identify themselves by name "+
			"when posting as a doctor on publicly accessible sites.", shown),
		Suggestion: "Post in public areas under your real name, or move the post to a members-only forum.",
	}
	for _, ci := range a.byCat[catDoctorClaim] {
		c := a.cues[ci]
		f.Spans = append(f.Spans, a.span(c.i, c.j, "doctor_claim"))
	}
	return f
}

// doctorRole reports a profile role that is a doctor's.
func doctorRole(role string) bool {
	r := strings.ToLower(role)
	if r == "" {
		return false
	}
	for _, t := range tokenise(r) {
		switch t.norm {
		case "gp", "doctor", "consultant", "registrar", "physician", "surgeon", "trainee", "fy1", "fy2",
			"f1", "f2", "sho", "medic", "anaesthetist", "anesthetist", "intensivist", "fellow", "locum",
			"gpwer", "gpwsi", "house", "foundation", "imt", "imt1", "imt2", "imt3", "cmt", "partner",
			"st1", "st2", "st3", "st4", "st5", "st6", "st7", "st8", "ct1", "ct2", "ct3", "orthopod":
			return true
		}
		if strings.HasSuffix(t.norm, "ologist") || strings.HasSuffix(t.norm, "iatrist") || strings.HasSuffix(t.norm, "iatrician") {
			return true
		}
	}
	return false
}

// personKinds are the detail kinds that describe who a patient is.
var personKinds = map[extract.Kind]bool{
	extract.KindAge: true, extract.KindSex: true, extract.KindOccupation: true,
	extract.KindCondition: true, extract.KindFamily: true, extract.KindEthnicity: true,
	extract.KindPhysical: true, extract.KindPublicStatus: true, extract.KindEvent: true,
}

// publicPatientCase (8a): a specific patient discussed in a publicly readable forum.
// Evidence is the extractor's details about a patient (two kinds of detail, such as age
// and condition, or a name and a condition), or the post's own wording: "my
// patient", or a patient's age or sex together with a specific episode ("came in last
// night"). A teaching vignette without an episode is not a specific case.
func (a *analysis) publicPatientCase(minConf float64) *mosaicv1.Finding {
	if a.post.Audience != mosaicv1.Audience_AUDIENCE_PUBLIC {
		return nil
	}
	f := &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_PUBLIC_PATIENT_CASE,
		Severity: hold,
		Guidance: cite(guidance.PublicPatients),
	}
	var quotes []string
	var spans []*mosaicv1.Span
	kinds := map[extract.Kind]bool{}
	for _, d := range a.post.Details {
		if d.Subject != extract.SubjectPatient || d.Negated || d.Confidence < minConf || d.End <= d.Start || d.End > len(a.post.Body) {
			continue
		}
		if !d.Direct && !personKinds[d.Kind] {
			continue // a date, place or institution alone says where or when, not who
		}
		kinds[d.Kind] = true
		spans = append(spans, &mosaicv1.Span{Start: uint32(d.Start), End: uint32(d.End),
			Text: a.post.Body[d.Start:d.End], DetailKind: string(d.Kind)})
		quotes = append(quotes, "\u201c"+a.post.Body[d.Start:d.End]+"\u201d")
	}
	// The post's own wording decides whether it is about one patient; the extractor's
	// details (two kinds about the patient: one detail, or a lone name that may be a
	// misread word, is not a case) confirm a weaker cue. Details alone never decide, as
	// health information text describes conditions without any patient. A lone
	// identifier still holds the post through the linker's DIRECT_IDENTIFIER finding.
	own := a.has(catCaseStrong) || (a.has(catDemographic) && a.has(catEpisode) && !a.has(catTeaching))
	if len(kinds) >= 2 && (own || a.has(catEpisode)) {
		f.Spans = spans
	} else {
		quotes = nil
	}
	if own {
		for _, cat := range []cueCat{catCaseStrong, catDemographic, catEpisode} {
			for _, c := range a.distinct(cat) {
				f.Spans = append(f.Spans, a.span(c.i, c.j, "patient_case"))
				quotes = append(quotes, a.quote(c.i, c.j))
			}
		}
	}
	if len(f.Spans) == 0 {
		return nil
	}
	f.Explanation = fmt.Sprintf("This post discusses a specific patient (%s) in a forum anyone can read. "+
		"The GMC says publicly accessible sites should never be used to discuss individual patients or their care, "+
		"and that social media cannot guarantee confidentiality whatever the privacy settings.", quoteList(quotes, 4))
	f.Suggestion = "Move the question to a members-only forum and leave out details that could identify the patient, " +
		"or ask it as a general question without a specific patient."
	return f
}

// near keeps the tokens that lie within one sentence of a cue of the given categories,
// so a product is the one the promotion is about, not any capitalised word in a long post.
func (a *analysis) near(toks []int, cats ...cueCat) []int {
	sents := map[int]bool{}
	for _, cat := range cats {
		for _, ci := range a.byCat[cat] {
			s := a.toks[a.cues[ci].i].sent
			sents[s-1], sents[s], sents[s+1] = true, true, true
		}
	}
	var out []int
	for _, k := range toks {
		if sents[a.toks[k].sent] {
			out = append(out, k)
		}
	}
	return out
}

// linkWords may follow a predicative insult ("fat and lazy", "rude to staff").
var linkWords = map[string]bool{
	"and": true, "or": true, "but": true, "as": true, "to": true, "in": true, "at": true,
	"with": true, "who": true, "than": true, "of": true, "for": true, "on": true, "man": true,
	"woman": true, "person": true, "bloke": true, "guy": true, "individual": true, "git": true,
}

// attributive reports a one-word insult used as a plain modifier before a noun ("low fat
// diet", "thick skin", "cow milk", "snake bite"), which describes a thing, not a person.
// It still counts before another insult or a link word ("useless idiot", "fat and lazy").
func (a *analysis) attributive(c cue) bool {
	if c.j-c.i != 1 || c.j >= len(a.toks) {
		return false
	}
	next := a.toks[c.j]
	if next.sent != a.toks[c.i].sent || strings.TrimSpace(a.post.Body[a.toks[c.i].end:next.start]) != "" {
		return false
	}
	if linkWords[next.norm] || next.symbol {
		return false
	}
	for _, ci := range a.byCat[catInsult] {
		if a.cues[ci].i == c.j {
			return false
		}
	}
	return true
}

// publicBodies precede names of public services and charities, not commercial products.
var publicBodies = map[string]bool{
	"nhs": true, "nice": true, "gov": true, "gov.uk": true, "council": true, "charity": true,
	"ukhsa": true, "phe": true, "bhf": true, "rcgp": true, "bma": true, "gmc": true,
}

// patientCompounds follow "patient" without meaning a patient: "patient safety lead".
var patientCompounds = map[string]bool{
	"safety": true, "care": true, "experience": true, "facing": true, "participation": true,
	"group": true, "groups": true, "records": true, "record": true, "access": true,
	"leaflet": true, "leaflets": true, "information": true, "transport": true, "survey": true,
	"feedback": true, "services": true, "education": true, "champion": true, "liaison": true,
	"advice": true, "online": true, "portal": true, "app": true, "flow": true,
}

// patientMentioned: a patient, or the clinical relationship, is in the post.
func (a *analysis) patientMentioned() bool {
	if a.has(catPatientScene) {
		return true
	}
	for _, ci := range a.byCat[catPatientRef] {
		c := a.cues[ci]
		if c.j < len(a.toks) && a.toks[c.j].sent == a.toks[c.i].sent && patientCompounds[a.toks[c.j].norm] && strings.HasPrefix(a.toks[c.j-1].norm, "patient") {
			continue
		}
		return true
	}
	return false
}

// definitePeople are singular roles introduced with the/this/that: one particular person.
func (a *analysis) definitePeople() []personRef {
	var out []personRef
	for _, p := range a.people {
		if p.named || p.identifiable {
			out = append(out, p)
			continue
		}
		for k := p.i; k >= 0 && k >= p.i-3 && a.toks[k].sent == a.toks[p.i].sent; k-- {
			n := a.toks[k].norm
			if definiteDeterminers[n] {
				out = append(out, p)
				break
			}
			if otherDeterminers[n] || ownDeterminers[n] {
				break
			}
		}
	}
	return out
}

// reportingVerbs introduce words someone else used: "the patient called our receptionist
// a fat cow" reports abuse, it is not the author's.
var reportingVerbs = map[string]bool{
	"called": true, "calling": true, "calls": true, "call": true, "said": true, "says": true,
	"shouted": true, "screamed": true, "yelled": true, "swore": true, "told": true,
	"branded": true, "labelled": true, "labeled": true, "accused": true, "described": true,
}

func (a *analysis) reported(c cue) bool {
	for k := c.i - 1; k >= 0 && k >= c.i-6 && a.toks[k].sent == a.toks[c.i].sent; k-- {
		if reportingVerbs[a.toks[k].norm] {
			return true
		}
	}
	return false
}

// mentions drops a role that only describes the named person just before it ("Dr Jane
// Doe, the locum at ..."), so an explanation names each person once.
func (a *analysis) mentions(people []personRef) []personRef {
	var out []personRef
	for _, p := range people {
		apposition := false
		if !p.named {
			for _, q := range people {
				if q.named && q.j <= p.i && p.i-q.j <= 4 && a.toks[q.i].sent == a.toks[p.i].sent {
					apposition = true
				}
			}
		}
		if !apposition {
			out = append(out, p)
		}
	}
	return out
}

// concernAboutPlace: a patient-safety concern about a named unit, practice or hospital,
// aired ("going public", "name and shame") rather than reported. Without the airing
// language a complaint about a service is ordinary forum talk and is not flagged.
func (a *analysis) concernAboutPlace() *mosaicv1.Finding {
	airing := a.distinct(catAiring)
	if len(airing) == 0 || a.maxWeight(catConcern) < 2 || a.score(catConcern) < 2 {
		return nil
	}
	places := a.placeNames()
	if len(places) == 0 {
		return nil
	}
	f := &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_RAISING_CONCERN,
		Severity: hold,
		Guidance: cite(guidance.RaisingConcerns),
	}
	var where, quotes []string
	for _, p := range places {
		f.Spans = append(f.Spans, a.span(p[0], p[1], "place"))
		where = append(where, a.quote(p[0], p[1]))
	}
	for _, c := range a.distinct(catConcern) {
		f.Spans = append(f.Spans, a.span(c.i, c.j, "concern"))
		quotes = append(quotes, a.quote(c.i, c.j))
	}
	for _, c := range airing {
		f.Spans = append(f.Spans, a.span(c.i, c.j, "airing"))
	}
	f.Explanation = fmt.Sprintf("This post airs a concern about patient safety at %s (%s) on the forum instead of raising it. "+
		"Social media is unlikely to be the right place for concerns about patient care: they should go through local procedures first, "+
		"then the regulator if appropriate action is not taken, and be made public only when those have been tried and patients are still at risk.",
		quoteList(where, 2), quoteList(quotes, 4))
	f.Suggestion = "Raise it through the organisation's own procedure (incident reporting, the clinical or medical director), " +
		"a Freedom to Speak Up guardian, or the CQC or GMC if that fails; your defence body can advise on going further."
	return f
}

// placeNames are places and institutions in the post: the extractor's, or capitalised
// names after at/in ("at Northfield General").
func (a *analysis) placeNames() [][2]int {
	var out [][2]int
	for _, d := range a.post.Details {
		if d.Kind == extract.KindPlace || d.Kind == extract.KindInstitution {
			if i, j, ok := a.tokenRange(d.Start, d.End); ok {
				out = append(out, [2]int{i, j})
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	for k := 1; k < len(a.toks); k++ {
		t := a.toks[k]
		if (a.toks[k-1].norm != "at" && a.toks[k-1].norm != "in") || !t.upper || t.sentStart || commonCaps[t.norm] {
			continue
		}
		j := k + 1
		for j < len(a.toks) && j < k+4 && a.toks[j].upper && a.toks[j].sent == t.sent {
			j++
		}
		out = append(out, [2]int{k, j})
	}
	return out
}

func (a *analysis) hasHandle() bool {
	for k, t := range a.toks {
		if t.norm == "@" && k+1 < len(a.toks) && a.toks[k+1].start == t.end && !a.toks[k+1].symbol {
			return true
		}
	}
	return false
}
