package link

import (
	"regexp"
	"strings"

	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/risk"
)

// Who a detail is about decides whether it counts. The extractor decides per sentence
// from cue words, which misreads case posts written the way doctors write them ("Anyone
// managed T1DM in prison? Man in his 60s on basal-bolus" reads as a population
// statement because of "anyone"). The ledger therefore reads the post as a whole: in a
// post that describes a specific patient, case details the extractor attributed to a
// population are the patient's, and third-person details attributed to the author are
// too. Places the author gives for their own practice set where their patients live.

// caseRE (over lower-case text) finds the shapes of a case description: "man in his 40s", "17 year old girl",
// "a 9 yr old", "woman, 34", "Pt", "my patient".
var caseRE = regexp.MustCompile(`\b(?:(?:man|woman|lady|gentleman|gent|chap|lad|boy|girl|guy|bloke|patient|pt|baby|toddler|infant|child|teenager|teen|mum|dad)\b[^.?!]{0,24}\b(?:in (?:his|her|their) (?:early |mid[- ]?|late )?\d0s|aged? \d{1,3}|\d{1,3}\s*(?:yo|y/o|years?|yrs?)\b)|\d{1,3}[- ]?(?:yo|y/o|year[- ]old|yr[- ]old|years[- ]old|month[- ]old|week[- ]old)\b|\b(?:my|our|a|this|the) (?:patient|pt)\b|\bpatient (?:with|who|of|i)\b|\b(?:man|woman|lady|gentleman|gent|chap|lad|boy|girl|baby|toddler|child|teenager) (?:with|who (?:has|had|is|was)|on)\b)`)

// caseKinds are the kinds a population statement in a case post is taken to describe the
// case with.
var caseKinds = map[extract.Kind]bool{
	extract.KindCondition: true, extract.KindEvent: true, extract.KindOccupation: true,
	extract.KindPublicStatus: true, extract.KindPhysical: true, extract.KindFamily: true,
	extract.KindEthnicity: true,
}

var thirdPerson = []string{"she", "he", "her", "him", "his", "hers", "she's", "he's", "she'd", "he'd"}

// practiceCue finds the words that introduce the author's own place of work before a
// place name: "practice in Settle", "we're a small practice in Tain", "I'm a GP in".
var practiceCue = regexp.MustCompile(`(?i)\b(?:practice|surgery|health centre|medical centre|we're|we are|i'm a|i am a|i work|working|based|our (?:town|village|area|patch)|here in|round here|locum(?:ing)?)\b[^.?!]{0,30}$`)

// hobbyCue marks an occupation or status held as a pastime ("keen footballer").
var hobbyCue = regexp.MustCompile(`(?i)\b(?:keen|amateur|aspiring|wannabe|budding|sunday[- ]league|weekend|casual|recreational|hobby|enthusiastic|avid)\s+(?:\w+\s+)?$`)

// painRE follows a word that describes a pain rather than an incident.
var painRE = regexp.MustCompile(`(?i)^[\s-]*(?:(?:chest|abdominal|back|leg|arm|head|neck|tummy|epigastric|pleuritic|central|left|right|sharp|intermittent)\s+)*(?:pains?|headaches?|sensations?|feelings?|discomfort|aches?)\b`)

// roleRefRE is a determiner that makes a care role a reference to a professional ("the
// GP", "her consultant") rather than the patient's job ("she's a GP herself").
var roleRefRE = regexp.MustCompile(`(?i)\b(?:the|your|our|their|my|his|her|a local|another)\s+$`)

// careRole reports whether an occupation is a health or care professional's.
func careRole(v string) bool {
	v = " " + strings.ToLower(v) + " "
	for _, w := range []string{" gp ", "doctor", "nurse", "consultant", "registrar", "paramedic", "pharmacist",
		"midwife", "health visitor", "physio", "surgeon", "dentist", "psychiatrist", "psychologist",
		"social worker", "carer", "therapist", "anaesthetist", "radiologist", "practitioner"} {
		if strings.Contains(v, w) {
			return true
		}
	}
	return false
}

// pendingFrom turns a candidate into the record kept until its fate is known: the
// patient facts, the author's facts about themself, and the linking cues.
func (l *Ledger) pendingFrom(c Candidate) pendingPost {
	p := pendingPost{Post: c.PostID, Revision: c.Revision, Thread: c.ThreadID, Forum: c.ForumID,
		ReplyTo: c.ReplyToPostID, At: c.At, Cues: readCues(c.Body), Role: c.AuthorRole, Location: c.AuthorLocation}
	low := strings.ToLower(c.Body) // for matching only: offsets come from c.Body
	aboutPatient := containsAnyOf(low, caseGate) && caseRE.MatchString(low)
	for _, d := range c.Details {
		if d.Subject == extract.SubjectPatient && !d.Negated && d.Kind != extract.KindSex {
			aboutPatient = true
		}
	}
	add := func(d extract.Detail) {
		if d.Kind == extract.KindOccupation && careRole(d.Value) && d.Start <= len(c.Body) &&
			roleRefRE.MatchString(c.Body[max(0, d.Start-12):d.Start]) {
			return // "the GP", "his consultant": a professional in the story, not the patient
		}
		f := factFromDetail(d, c.PostID, c.Revision, c.Body, c.At)
		if (d.Kind == extract.KindOccupation || d.Kind == extract.KindPublicStatus) && d.Start <= len(c.Body) &&
			hobbyCue.MatchString(c.Body[max(0, d.Start-30):d.Start]) {
			// A pastime is shared by many: a keen footballer is not a professional one.
			f.Frequency = max(f.Frequency*100, 0.02)
			f.Kind = string(extract.KindOccupation)
			f.Value = "amateur " + f.Value
		}
		p.Facts = append(p.Facts, f)
	}
	var unknownPlaces []extract.Detail
	for _, d := range c.Details {
		if d.Negated || d.Confidence > 0 && d.Confidence < l.opts.MinConfidence {
			continue
		}
		if d.Start < 0 || d.End > len(c.Body) || d.Start > d.End {
			continue
		}
		place := risk.IsPlaceKind(string(d.Kind))
		if place && overlapsDate(c.Details, d) {
			continue // "March" in "7 March" is a month, not the town
		}
		before := c.Body[max(0, d.Start-40):d.Start]
		if d.Kind == extract.KindEvent && painRE.MatchString(c.Body[d.End:min(len(c.Body), d.End+24)]) {
			continue // "stabbing chest pain" describes a pain, not an incident
		}
		if !place && aboutAuthor(c.Body, d) {
			continue // "I'm 41", "diagnosed with breast cancer myself": the author's own
		}
		switch {
		case d.Direct && d.Subject != extract.SubjectPatient && d.Subject != extract.SubjectRelative:
			// A direct identifier of someone other than a known patient (a helpline
			// number, a colleague) narrows no patient down; the linker service decides
			// on direct identifiers of unknown people itself.
		case place && d.Subject == extract.SubjectAuthor:
			p.Self = append(p.Self, factFromDetail(d, c.PostID, c.Revision, c.Body, c.At))
		case place && d.Subject == extract.SubjectUnknown && practiceCue.MatchString(before):
			unknownPlaces = append(unknownPlaces, d)
		case place && (d.Subject == extract.SubjectPopulation || d.Subject == extract.SubjectRelative || d.Subject == extract.SubjectUnknown):
			// Where services are ("does the Highland team cover it", "is it Aberdeen for
			// everything") and where the family is still place the patient.
			add(d)
		case d.Subject == extract.SubjectPatient || d.Subject == extract.SubjectUnknown:
			add(d)
		case d.Subject == extract.SubjectPopulation && aboutPatient && caseKinds[d.Kind]:
			add(d)
		case d.Subject == extract.SubjectPopulation && aboutPatient && d.Kind == extract.KindAge && caseAge(d.Value):
			add(d)
		case d.Subject == extract.SubjectAuthor && !place && thirdPersonNear(c.Body, d):
			// "she's early 30s" is not the author's age.
			add(d)
		case d.Subject == extract.SubjectRelative:
			// A relative's own age and sex would contradict the patient's; the rest
			// (a son in the army, a wife's job) narrows the patient's family down.
			if d.Kind != extract.KindAge && d.Kind != extract.KindSex {
				add(d)
			}
		}
	}
	// The stopgaps below only need someone specific in the post ("he's just signed").
	someone := aboutPatient || len(p.Facts) > 0
	if someone {
		if f, ok := incidentFact(c, low, p.Facts); ok {
			p.Facts = append(p.Facts, f)
		}
		if f, ok := proSportFact(c, low, p.Facts); ok {
			p.Facts = append(p.Facts, f)
		}
		if f, ok := smallPlaceFact(c, l.opts.Locate); ok {
			p.Facts = append(p.Facts, f)
		}
	}
	// A practice place ("we're a small practice in Tain") is the author's own in a post
	// about nobody, and also the patient's in a post about a patient.
	for _, d := range unknownPlaces {
		p.Self = append(p.Self, factFromDetail(d, c.PostID, c.Revision, c.Body, c.At))
		if aboutPatient {
			add(d)
		}
	}
	p.Facts = dedupe(p.Facts)
	p.Self = dedupe(p.Self)
	return p
}

// incidentRE finds words for a distinctive incident of the kind local news reports. It is
// a stopgap for posts where the extractor reports no event (its event lexicon is still
// growing); medical uses ("crash call", "crashed on the ward", "stabbing pain", "shooting pains")
// do not count.
var incidentRE = regexp.MustCompile(`(?i)\b(?:(?:car|bus|minibus|coach|lorry|motorbike|bike|train|plane|helicopter|tractor|road|motorway)\s+(?:crash|collision|accident|smash|pile-up)|(?:car|bus|minibus|coach|lorry|van|motorbike|train|plane|tractor|vehicle)\s+(?:that\s+|which\s+)?(?:went off|crashed|overturned|collided|rolled|left the road|hit a)|crash(?:ed)?\s+into|went off the road|pile-up|derailment|derailed|explosion|house fire|blaze|stab wound|was stabbed|gunshot|was shot|shot dead|drowned|avalanche|landslide|lottery win|won the lottery|carbon monoxide|co poisoning|gas leak|gas explosion|mountain rescue|lifeboat)\b`)

// proSportRE finds a professional sporting career ("signed his first pro contract at a
// League One club"), a stopgap like incidentRE: a few thousand people in the UK are
// professional athletes, a few hundred play for the clubs of one named league.
var proSportRE = regexp.MustCompile(`(?i)\b(?:(?:pro|professional) (?:contract|deal|debut)|turned pro|signed (?:pro|professional) |professional (?:footballer|rugby player|cricketer|athlete|boxer|jockey|golfer|cyclist|tennis player|swimmer|runner|player|dancer)|(?:premier league|championship|league one|league two|national league|super league|premiership|county cricket|scottish premiership) (?:club|side|team|player|footballer|squad))`)

var leagueRE = regexp.MustCompile(`(?i)\b(?:premier league|championship|league one|league two|national league|super league|premiership|county cricket|scottish premiership)\b`)

// proSportFact returns a public-status fact for a professional sporting career the
// extractor did not report.
func proSportFact(c Candidate, low string, facts []fact) (fact, bool) {
	if !containsAnyOf(low, proSportGate) {
		return fact{}, false
	}
	loc := proSportRE.FindStringIndex(c.Body)
	if loc == nil {
		return fact{}, false
	}
	for _, f := range facts {
		if f.Kind == string(extract.KindPublicStatus) && strings.Contains(f.Value, "professional") {
			return fact{}, false
		}
	}
	freq := 6e-5 // ~4,000 professional footballers and as many other athletes
	if leagueRE.MatchString(c.Body) {
		freq = 1e-5 // the squads of one named league: a few hundred people
	}
	d := extract.Detail{Kind: extract.KindPublicStatus, Value: "professional athlete", Start: loc[0], End: loc[1],
		Confidence: 0.6, Subject: extract.SubjectPatient, Frequency: freq}
	return factFromDetail(d, c.PostID, c.Revision, c.Body, c.At), true
}

// smallPlaceRE finds a named place where the patient lives ("lives in Grasmere", "boy in
// Hawkshead", "up the dale beyond Hawes"). The extractor's gazetteer lists every UK place
// of 1,000 people or more, so a place name it does not know is a smaller one: a village
// or hamlet. Only title-case names after residence words or a person count.
var smallPlaceRE = regexp.MustCompile(`\b(?:(?:[Ll]ives?|[Ll]iving|[Ll]ived|[Mm]oved|[Hh]ome|[Bb]ased|[Rr]esident|[Gg]rew up)\s+(?:[a-z]+\s+){0,3}?(?:in|at|near|beyond|outside|to|on)|(?:boy|girl|man|woman|lady|chap|lad|child|family|couple|farmer|gent)\s+(?:[a-z]+\s+){0,2}?(?:in|from)|village of|hamlet of)\s+([A-Z][a-z]{2,}(?:[ -][A-Z][a-z]{2,})?)\b`)

// notPlaces are title-case words that follow "in" in clinical writing.
var notPlaces = map[string]bool{
	"resus": true, "majors": true, "minors": true, "clinic": true, "theatre": true, "theatres": true,
	"recovery": true, "bay": true, "bed": true, "side": true, "room": true, "ward": true, "unit": true,
	"outpatients": true, "reception": true, "triage": true, "paeds": true, "derm": true, "surgery": true,
	"general": true, "primary": true, "secondary": true, "practice": true, "hospital": true, "care": true,
	"year": true, "the": true, "our": true, "his": true, "her": true, "their": true, "a": true, "an": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "christmas": true, "easter": true, "hospice": true, "prison": true, "school": true,
	"nursing": true, "residential": true, "supported": true, "sheltered": true, "temporary": true,
	"england": true, "scotland": true, "wales": true, "ireland": true, "britain": true, "europe": true,
	"africa": true, "asia": true, "america": true, "australia": true, "spain": true, "france": true,
	"india": true, "pakistan": true, "poland": true, "romania": true, "portugal": true, "italy": true,
	"germany": true, "china": true, "nigeria": true, "canada": true, "london": true,
}

// smallPlaceFact returns a place fact for a named place the extractor did not know.
func smallPlaceFact(c Candidate, locate func(string) (Place, bool)) (fact, bool) {
	if !strings.ContainsAny(c.Body, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return fact{}, false
	}
	for _, m := range smallPlaceRE.FindAllStringSubmatchIndex(c.Body, -1) {
		start, end := m[2], m[3]
		name := c.Body[start:end]
		if notPlaces[strings.ToLower(strings.Fields(name)[0])] {
			continue
		}
		known := false
		for _, d := range c.Details {
			if d.Start < end && start < d.End {
				known = true // the extractor already says what it is
			}
		}
		if known {
			continue
		}
		if locate != nil {
			if _, found := locate(name); found {
				continue // a known place (a country, a city abroad) the post did not tag
			}
		}
		d := extract.Detail{Kind: extract.KindPlace, Value: strings.ToLower(name), Start: start, End: end,
			Confidence: 0.6, Subject: extract.SubjectPatient, Population: smallPlacePopulation}
		return factFromDetail(d, c.PostID, c.Revision, c.Body, c.At), true
	}
	return fact{}, false
}

// smallPlacePopulation is the population assumed for a place the gazetteer does not list:
// its threshold, an upper bound.
const smallPlacePopulation = 1000

// Gates: words without one of which the pattern cannot match, checked first because
// running the patterns over every post cost a third of an assessment.
var (
	incidentGate = []string{"crash", "collision", "accident", "smash", "pile-up", "went off", "overturn",
		"collide", "rolled", "left the road", "hit a", "derail", "explosion", "fire", "blaze", "stab", "gunshot",
		"shot", "drown", "avalanche", "landslide", "lottery", "carbon monoxide", "poisoning", "gas ", "rescue", "lifeboat"}
	caseGate = []string{"man", "lady", "gent", "chap", "lad", "boy", "girl", "guy", "bloke", "patient", "pt",
		"baby", "toddler", "infant", "child", "teen", "mum", "dad", "old", "yo", "y/o", "village", "hamlet"}
	proSportGate = []string{"pro ", "professional", "league", "premiership", "championship", "county cricket"}
)

func containsAnyOf(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// dayDateRE recognises a day-precise ISO date value ("2026-03-07", "--03-07").
var dayDateRE = regexp.MustCompile(`^(?:\d{4}|-)-\d{2}-\d{2}$`)

// incidentFact returns an event fact for an incident the extractor did not report: a
// reported kind of incident happens to about 1 in 1,000 people a year; pinned to a stated
// day it is one incident, known to everyone who read about it (1 in 100,000).
func incidentFact(c Candidate, low string, facts []fact) (fact, bool) {
	if !containsAnyOf(low, incidentGate) {
		return fact{}, false
	}
	for _, f := range facts {
		if f.Kind == string(extract.KindEvent) {
			return fact{}, false
		}
	}
	loc := incidentRE.FindStringIndex(c.Body)
	if loc == nil {
		return fact{}, false
	}
	freq := 1e-3
	for _, d := range c.Details {
		// An explicit date ("Saturday 7 March"), not a relative one ("last week"), pins
		// the incident to a reported day.
		if d.Kind == extract.KindDate && d.Subject != extract.SubjectAuthor && dayDateRE.MatchString(d.Value) &&
			d.Start >= 0 && d.End <= len(c.Body) && strings.ContainsAny(c.Body[d.Start:d.End], "0123456789") {
			freq = 1e-5
		}
	}
	d := extract.Detail{Kind: extract.KindEvent, Value: strings.ToLower(c.Body[loc[0]:loc[1]]), Start: loc[0], End: loc[1],
		Confidence: 0.6, Subject: extract.SubjectPatient, Frequency: freq}
	return factFromDetail(d, c.PostID, c.Revision, c.Body, c.At), true
}

// aboutAuthor reports whether a detail is plainly the author's own, whatever subject the
// extractor gave it: right after "I'm"/"I am" ("I'm 41", "I am a runner"), or followed
// in its clause by "myself" / "my own" ("diagnosed with MS myself").
func aboutAuthor(body string, d extract.Detail) bool {
	before := strings.ToLower(body[max(0, d.Start-8):d.Start])
	if strings.HasSuffix(before, "i'm ") || strings.HasSuffix(before, "i am ") || strings.HasSuffix(before, "i’m ") ||
		strings.HasSuffix(before, "i'm a ") || strings.HasSuffix(before, "i am a ") {
		return true
	}
	after := strings.ToLower(body[d.End:min(len(body), d.End+40)])
	if i := strings.IndexAny(after, ".;!?"); i >= 0 {
		after = after[:i]
	}
	return strings.Contains(after, "myself") || strings.Contains(after, "my own")
}

// caseAge reports whether an age reads as one person's ("40s", "34", "early 30s") rather
// than a population band ("75+", "over-80s", "70-79s" in a guideline).
func caseAge(v string) bool {
	lo, hi, ok := risk.AgeRange(v)
	return ok && hi-lo <= 9 && hi < 110
}

// thirdPersonNear reports whether a detail is a third-person pronoun or follows one in
// the same clause.
func thirdPersonNear(body string, d extract.Detail) bool {
	span := strings.ToLower(body[d.Start:d.End])
	for _, w := range thirdPerson {
		if span == w {
			return true
		}
	}
	before := strings.ToLower(body[max(0, d.Start-25):d.Start])
	if i := strings.LastIndexAny(before, ".;!?"); i >= 0 {
		before = before[i+1:]
	}
	for _, w := range strings.FieldsFunc(before, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r == '\'') }) {
		for _, t := range thirdPerson {
			if w == t {
				return true
			}
		}
	}
	return false
}
