package extract

import (
	"slices"

	"github.com/mosaicgw/mosaic/internal/conditions"
	"github.com/mosaicgw/mosaic/internal/lexis"
	"github.com/mosaicgw/mosaic/internal/occupations"
	"strconv"
	"strings"
	"time"
)

// The cue reader: how a post relates to the author's other posts.
//
// Back-references are read as grammar, not phrases: a possessive or demonstrative
// pointing at a patient or a post the reader is assumed to know ("my gout chap", "the
// shingles lady", "my glaucoma question", "the same lady"), an update or follow-up
// word governing such a noun phrase ("update on ...", "following up ...", "related to
// ..."), or a clause saying the author wrote about it before ("I posted", "as I
// mentioned"). Figures are analyte or score names with their values ("sodium of
// 118", "DAS28 5.4", "BMI 39.2"), and counts of treatment events ("cardioverted x2",
// "four failed cycles").

// postNouns name a post or a question on the forum.
var postNouns = map[string]bool{
	"post": true, "question": true, "q": true, "thread": true, "query": true, "case": true,
	"message": true, "update": true, "one": true, "posting": true, "qs": true,
}

// updateWords introduce a continuation of an earlier story.
var updateWords = map[string]bool{
	"update": true, "updates": true, "follow-up": true, "followup": true, "follow-on": true,
	"following": true, "further": true, "re": true, "back": true, "related": true, "news": true,
	"more": true, "progress": true, "sequel": true, "continuing": true, "reposting": true,
	"cross-posting": true, "crossposting": true, "xpost": true, "x-post": true, "cross-post": true,
}

// crossPostWords say a post repeats the author's own earlier one elsewhere.
var crossPostWords = map[string]bool{"xpost": true, "x-post": true, "cross-post": true, "crosspost": true,
	"cross-posting": true, "crossposting": true, "reposting": true, "repost": true, "re-posting": true}

// timeWindows are the widths of the periods a back-reference can name.
var timeWindows = map[string]time.Duration{
	"yesterday": 4 * day, "tonight": 2 * day, "today": 2 * day, "week": 16 * day, "fortnight": 30 * day,
	"weekend": 9 * day, "month": 70 * day, "months": 365 * day, "weeks": 70 * day, "year": 730 * day,
	"days": 16 * day,
}

const day = 24 * time.Hour

// readCues reads the linking cues of the scanned text.
func (s *scan) readCues() Cues {
	var c Cues
	ref := -1 // token where the back-reference is
	for i := 0; i < len(s.toks) && ref < 0; i++ {
		if s.backRefAt(i) {
			ref = i
		}
	}
	if ref >= 0 {
		c.BackRef = true
		c.Window, c.Month = s.windowNear(ref)
	}
	c.Different = s.differentPatient()
	c.Figures = s.figures()
	c.Terms = s.rareTerms()
	return c
}

// backRefAt reports a back-reference starting at token i.
func (s *scan) backRefAt(i int) bool {
	w := s.lo(i)
	if w == "follow" && s.is(i+1, "-") && s.is(i+2, "up") {
		// "follow-up" written with its hyphen as a token of its own.
		w, i = "follow-up", i+2
	}
	if w == "x" && s.is(i+1, "-") && s.is(i+2, "post") && i <= 1 {
		return true // "x-post:" written with its hyphen as a token of its own
	}
	switch {
	case w == "my" || w == "our":
		// "my gout chap", "my glaucoma trabeculectomy question", "my sodium 118 lady": a possessive,
		// at least one describing word, and a patient or post noun. "my patient"
		// alone can be a first mention; "my patients" are a group.
		n := 0
		for k := i + 1; k < len(s.toks) && k <= i+8; k++ {
			x := s.lo(k)
			if pn, ok := personNouns[x]; ok {
				if pn.plural {
					return false
				}
				return n > 0 && !s.is(k+1, "'") || n == 0 && s.laterRef(k+1)
			}
			if mi := s.mentionStartingAt(k); mi >= 0 && (s.mentions[mi].kind == mRole || s.mentions[mi].kind == mPerson) && (n > 0 || s.mentions[mi].j-s.mentions[mi].i > 1) {
				// "my 88-year-old former postmistress", "my CRPS dancer": a label that
				// classifies the patient; "our practice manager" is a colleague.
				for l := i + 1; l < s.mentions[mi].j; l++ {
					if l < s.mentions[mi].i && s.classifyingLabel(l) || s.toks[l].kind == tokNum {
						return true
					}
				}
				return false
			}
			if postNouns[x] {
				return n > 0 || s.laterRef(k+1) || s.is(i+1, "last") || s.is(i+1, "earlier") || s.is(i+1, "previous") ||
					s.is(k+1, "last") || s.is(k+1, "earlier") || s.is(k+1, "yesterday") || s.is(k+1, "from")
			}
			if s.toks[k].kind == tokPunct && x != "-" && x != "+" && x != "/" || copulas[x] || x == "and" || x == "who" {
				return false
			}
			n++
		}
	case w == "the" || w == "that":
		return s.labelledDefinite(i)
	case w == "same":
		if k := i + 1; k < len(s.toks) {
			if pn, ok := personNouns[s.lo(k)]; ok && !pn.plural {
				return true
			}
			if s.lo(k) == "one" || s.lo(k) == "family" {
				return true
			}
		}
	case updateWords[w]:
		// "update on the shingles lady", "following up on my query", "related to my
		// sodium 118 chap", "back to the gout lady", "re the lad from last week".
		k := i + 1
		for k < len(s.toks) && k <= i+3 && (s.lo(k) == "on" || s.lo(k) == "to" || s.lo(k) == "up" || s.lo(k) == "from" || s.lo(k) == "about" || s.lo(k) == "-" || s.lo(k) == "re" || s.lo(k) == "with") {
			k++
		}
		if w == "more" && !s.is(i+1, "on") || w == "back" && !s.is(i+1, "to") || w == "news" && !s.is(i+1, "on") {
			return false
		}
		if k < len(s.toks) && (s.lo(k) == "my" || s.lo(k) == "the" || s.lo(k) == "our" || s.lo(k) == "that" || s.lo(k) == "this") {
			for m := k + 1; m < len(s.toks) && m <= k+6; m++ {
				x := s.lo(m)
				if pn, ok := personNouns[x]; ok && !pn.plural {
					return true
				}
				if mi := s.mentionStartingAt(m); mi >= 0 && (s.mentions[mi].kind == mRole || s.mentions[mi].kind == mPerson) {
					return true
				}
				if postNouns[x] || relativeNouns[x] != 0 {
					return true
				}
				if s.toks[m].kind == tokWord && updateWords[w] && w != "more" && w != "news" && (lexis.IsA(lexis.Lemma(x, lexis.Noun), "body part") || s.covers(m, KindCondition)) {
					// "follow-up on the recurrent shoulder", "update on the gout": the
					// case named by its problem.
					return true
				}
				if s.toks[m].kind == tokPunct && x != "-" && x != "+" && x != "/" {
					break
				}
			}
		}
		// "Update:" or "Update on ..." opening a post in a thread; "x-post:",
		// "Reposting ...", "Cross-posting ...": the author's own story posted again.
		if (w == "update" || w == "follow-up" || w == "followup" || crossPostWords[w]) && i <= 1 {
			return true
		}
	case w == "posted" || w == "mentioned" || w == "wrote" || w == "described":
		// "I posted about", "the lad I mentioned", "as I described"; "I wrote to her
		// GP", "I mentioned it to his wife" are letters and talk.
		if s.is(i+1, "to") || (w == "mentioned" || w == "described") && (s.is(i+1, "it") || s.is(i+1, "this") || s.is(i+1, "that")) && s.is(i+2, "to") {
			return false
		}
		return s.is(i-1, "i") || s.is(i-1, "i've") || s.is(i-1, "i'd") || s.is(i-2, "i") && (s.is(i-1, "'ve") || s.is(i-1, "have") || s.is(i-1, "had"))
	case w == "again":
		// "The CPAP gentleman again", "my lady with the ulcer again".
		for k := i - 1; k >= 0 && k >= i-6; k-- {
			if pn, ok := personNouns[s.lo(k)]; ok && !pn.plural {
				return s.is(k-1, "the") || s.is(k-2, "the") || s.is(k-3, "the") || s.is(k-1, "my") || s.is(k-2, "my") || s.is(k-3, "my")
			}
		}
		// A headline naming the case by its problem: "Shoulder again:", "The gout
		// again -". ("He's put his shoulder out again." is the problem recurring.)
		start := 0
		if s.is(0, "the") || s.is(0, "my") || s.is(0, "that") {
			start = 1
		}
		if i > start && i-start <= 2 && (i+1 >= len(s.toks) || s.toks[i+1].kind == tokPunct) {
			for k := start; k < i; k++ {
				if s.toks[k].kind == tokWord && (lexis.IsA(lexis.Lemma(s.lo(k), lexis.Noun), "body part") || s.covers(k, KindCondition)) {
					return true
				}
			}
		}
	case w == "asked":
		// "for those who asked", "to those asking"
		return s.is(i-1, "who") && (s.is(i-2, "those") || s.is(i-2, "everyone") || s.is(i-2, "people"))
	case w == "answer":
		return s.is(i-1, "to") && s.hasWordsAfter(i+1, 3, "q", "qs", "questions", "question")
	}
	return false
}

// labelledDefinite reports a definite description that presupposes the reader
// knows the person: the post's first mention of anyone, made with "the" and a
// classifying label ("the warfarin gent", "the 5.8-then-2.1 INR lady", "the
// pleurectomy diver") or with "that" ("that chap with the leg ulcer"). A writer
// introducing someone new uses "a" or "my", or describes them ("the elderly man I saw
// this morning"): descriptive adjectives are not labels.
func (s *scan) labelledDefinite(i int) bool {
	// An aside naming the person already mentioned ("He's fine on it (the
	// five-SCCs man)") says who they are: no first-mention check.
	aside := s.is(i-1, "(")
	for mi := range s.mentions {
		if aside || s.mentions[mi].i >= i {
			break
		}
		if s.mentions[mi].kind != mAuthor {
			return false
		}
	}
	labelled := s.lo(i) == "that"
	words := 0
	for k := i + 1; k < len(s.toks) && k <= i+16 && words <= 6; k++ {
		x := s.lo(k)
		if s.toks[k].kind != tokPunct {
			words++
		}
		pn, isPerson := personNouns[x]
		mi := s.mentionStartingAt(k)
		if isPerson || mi >= 0 && (s.mentions[mi].kind == mRole || s.mentions[mi].kind == mPerson) {
			if isPerson && pn.plural || mi >= 0 && s.mentions[mi].plural {
				return false
			}
			if !labelled || k == i+1 && s.lo(i) == "the" {
				// "the man I asked about last week": a bare noun completed later.
				return k == i+1 && s.lo(i) == "the" && s.laterRef(k+1)
			}
			// "the warfarin gent I saw today": a new patient after all.
			return !s.hasWordsAfter(k+1, 5, "today", "this morning", "this afternoon", "tonight", "who came", "i saw", "i've just seen", "i just saw")
		}
		if s.toks[k].kind == tokPunct && x != "-" && x != "+" && x != "/" && x != "." || copulas[x] || x == "and" || x == "who" {
			return false
		}
		if s.classifyingLabel(k) {
			labelled = true
		}
	}
	return false
}

// serviceAbbreviations name services, grades and bodies of the NHS: before a role
// they say where or at what grade someone works ("our GP registrar", "the ED
// consultant"), not what a patient has.
var serviceAbbreviations = map[string]bool{
	"gp": true, "fy": true, "sho": true, "anp": true, "hca": true, "cns": true, "ot": true, "slt": true,
	"ed": true, "ae": true, "icu": true, "itu": true, "nhs": true, "icb": true, "pcn": true, "ooh": true,
	"mdt": true, "cmht": true, "camhs": true, "amu": true, "sdec": true, "nhsd": true, "ukhsa": true,
}

// classifyingLabel reports a word that classifies a patient by their story rather
// than describing them: a figure ("5.8"), a condition or a drug ("gout",
// "warfarin"), a test or a procedure named in the conditions index.
func (s *scan) classifyingLabel(k int) bool {
	t := &s.toks[k]
	if t.kind == tokNum || t.kind == tokAlnum || numberWords[s.lo(k)] > 1 && s.is(k+1, "-") {
		return true // "5.8", "the five-SCCs man"
	}
	if t.kind == tokWord && !t.upper && s.singularAbbreviation(k) != s.lo(k) && s.shout != 2 {
		return true // an abbreviation's plural: "the five-SCCs man"
	}
	if t.kind == tokWord && t.upper && t.end-t.start >= 2 && s.shout != 2 {
		// An abbreviation ("my CRPS dancer"), unless it names a job ("our GP
		// registrar").
		if _, job := occupations.Default().Lookup(s.lo(k)); job || serviceAbbreviations[s.lo(k)] {
			return false
		}
		if s.covers(k, KindOccupation) {
			return false
		}
		return s.mentionStartingAt(k+1) < 0 || s.mentions[s.mentionStartingAt(k+1)].kind != mRole
	}
	if s.covers(k, KindCondition) {
		return true
	}
	return t.kind == tokWord && len(s.lo(k)) >= 4 && len(conditions.Default().ImpliedBy(s.lo(k))) > 0
}

// laterRef reports a back-reference completed after a bare patient or post noun ("my
// patient from last week", "the lady I posted about").
func (s *scan) laterRef(k int) bool {
	for m := k; m < len(s.toks) && m <= k+4; m++ {
		x := s.lo(m)
		switch x {
		case "posted", "mentioned", "wrote", "described", "again":
			return true
		case "asked":
			// "the lady I asked about", not "my patient has asked for the coil"
			return s.is(m-1, "i") || s.is(m+1, "about")
		case "from", "in", "on", "about":
			if s.is(m+1, "my") || s.is(m+1, "last") || s.is(m+1, "the") && (s.is(m+2, "other") || postNouns[s.lo2(m+2)]) {
				return true
			}
		case ".", "?", "!", ";":
			return false
		}
	}
	return false
}

// windowNear reads the time a back-reference names: "last week", "a fortnight ago", "my
// March post"; 0 and 0 when open.
func (s *scan) windowNear(ref int) (time.Duration, int) {
	lo, hi := max(0, ref-12), min(len(s.toks), ref+14)
	var win time.Duration
	month := 0
	for k := lo; k < hi; k++ {
		w := s.lo(k)
		// "my March post", "from January", "back in May" date the earlier post; "since
		// January" dates the illness, not the post.
		if m, ok := monthNumber(w); ok && (s.is(k-1, "in") || s.is(k-1, "my") || s.is(k-1, "from") || s.is(k+1, "post") || s.is(k+1, "question") || s.is(k-2, "back")) {
			month = m
			continue
		}
		if d, ok := timeWindows[w]; ok {
			if (w == "week" || w == "month" || w == "year" || w == "weekend") && !(s.is(k-1, "last") || s.is(k-1, "this") || s.is(k-1, "a") && s.is(k+1, "ago")) {
				continue
			}
			if (w == "weeks" || w == "months" || w == "days") && !s.is(k+1, "ago") && !s.is(k+1, "back") {
				continue
			}
			if d > win {
				win = d
			}
		}
	}
	return win, month
}

// monthNumber reads a month name; "may" and "mar" only in their full forms' company
// (the caller checks the words around it).
func monthNumber(w string) (int, bool) {
	m, ok := monthNames[w]
	return m, ok
}

// differentPatient reports a post that says it is about someone other than before.
func (s *scan) differentPatient() bool {
	for mi := range s.mentions {
		m := &s.mentions[mi]
		if m.kind == mPerson && m.other && !m.plural && !s.is(m.i-1, "similar") {
			return true
		}
	}
	for i := 0; i+1 < len(s.toks); i++ {
		w := s.lo(i)
		if (w == "different" || w == "separate" || w == "unrelated" || w == "another") && (s.is(i+1, "one") || s.is(i+1, "case") || s.is(i+1, "story")) {
			return true
		}
		if w == "not" && s.is(i+1, "the") && s.is(i+2, "same") {
			return true
		}
	}
	return false
}

// figureNames are analytes, scores and measures whose value, repeated, marks one
// patient. Acronyms with two or more capitals count without being listed.
var figureNames = map[string]bool{
	"lactate": true, "ferritin": true, "sodium": true, "potassium": true, "creatinine": true, "creat": true,
	"troponin": true, "trop": true, "haemoglobin": true, "hb": true, "platelets": true, "plt": true,
	"calprotectin": true, "bilirubin": true, "albumin": true, "glucose": true, "ketones": true, "urate": true,
	"lithium": true, "cholesterol": true, "weight": true, "bmi": true, "temp": true, "sats": true,
	"amylase": true, "lipase": true, "magnesium": true, "calcium": true, "phosphate": true, "vitamin": true,
	"folate": true, "b12": true, "tsh": true, "t4": true, "inr": true, "alt": true, "ast": true, "alp": true,
	"ggt": true, "crp": true, "esr": true, "wcc": true, "neuts": true, "pao2": true, "paco2": true,
	"fev1": true, "fvc": true, "dlco": true, "pef": true, "gleason": true, "psa": true, "ef": true,
	"score": true, "kmax": true, "iop": true, "acuity": true, "z": true, "t-score": true, "hba1c": true,
	"a1c": true, "egfr": true, "gcs": true, "apgar": true, "centile": true, "ldl": true, "hdl": true,
	"urea": true, "bnp": true, "ntprobnp": true, "d-dimer": true, "ck": true, "procalcitonin": true,
}

// countNouns are treatment and illness events whose count marks one patient ("four
// failed cycles", "3 admissions this year", "cardioverted x2").
var countNouns = map[string]bool{
	"cycles": true, "cycle": true, "admissions": true, "admission": true, "attendances": true,
	"attendance": true, "courses": true, "flares": true, "episodes": true, "seizures": true, "falls": true,
	"ods": true, "overdoses": true, "miscarriages": true, "transfusions": true, "operations": true,
	"surgeries": true, "relapses": true, "fractures": true, "cores": true, "lines": true, "rounds": true,
	"sessions": true, "infusions": true, "shocks": true, "stents": true, "pregnancies": true,
	"proned": true, "prone": true,
}

// figures reads the text's measurements and counts, normalised "name=value".
func (s *scan) figures() []string {
	var out []string
	add := func(name, val string) {
		if len(out) >= 8 || name == "" || val == "" {
			return
		}
		f := name + "=" + val
		if name == "?" && slices.ContainsFunc(out, func(o string) bool { return strings.HasSuffix(o, "="+val) }) {
			return // already read with its name
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	for i := 0; i < len(s.toks); i++ {
		t := &s.toks[i]
		w := s.lo(i)
		if t.kind == tokWord || t.kind == tokAlnum {
			named := figureNames[w] || t.kind != tokNum && s.acronym(i)
			if named && !s.ageWord(i) {
				// name [of|was|is|=|:|~|at] value [unit]
				k := i + 1
				for k < len(s.toks) && k <= i+3 && (s.lo(k) == "of" || s.lo(k) == "was" || s.lo(k) == "is" || s.lo(k) == "=" || s.lo(k) == ":" || s.lo(k) == "~" || s.lo(k) == "at" || s.lo(k) == "now" || s.lo(k) == "peaked" || s.lo(k) == "dipped" || s.lo(k) == "to") {
					k++
				}
				if v, ok := s.numberAt(k); ok {
					add(w, v)
					// A series of the same measure: "INR of 5.8 to 2.1", "sodium 118
					// then 124, now 131".
					for e := s.numberEnd(k); e < len(s.toks); {
						n := e
						for n < len(s.toks) && n <= e+2 && seriesWords[s.lo(n)] {
							n++
						}
						v2, ok := s.numberAt(n)
						if n == e || !ok {
							break
						}
						add(w, v2)
						e = s.numberEnd(n)
					}
				}
			}
		}
		// A decimal quoted bare ("the 5.8-then-2.1 gent"): its name is left open, and
		// it matches the same value under any name (link.sharedMarks).
		if t.kind == tokNum && s.is(i+1, ".") && i+2 < len(s.toks) && s.toks[i+1].gap == 0 && s.toks[i+2].gap == 0 &&
			s.toks[i+2].kind == tokNum && (i == 0 || s.toks[i-1].kind != tokNum && !(s.is(i-1, ".") && s.toks[i].gap == 0)) &&
			!s.namedBefore(i) && !unitAfter(s.lo2(i+3)) {
			name := "?"
			if i > 0 && s.toks[i-1].kind == tokWord && s.wf[i-1]&fPrep == 0 && !copulas[s.lo(i-1)] && !clauseWords[s.lo(i-1)] && lexis.IsNoun(lexis.Lemma(s.lo(i-1), lexis.Noun)) {
				// "Eosinophils 1.2": a measure the list does not know, named by its noun.
				name = lexis.Lemma(s.lo(i-1), lexis.Noun)
			}
			add(name, s.lo(i)+"."+s.lo(i+2))
		}
		// Counts: "cardioverted x2", "x3 cycles", "four failed cycles", "3 admissions".
		if countNouns[w] {
			if v, ok := s.countBefore(i); ok {
				add(strings.TrimSuffix(w, "s"), v)
			} else if s.is(i+1, "x") {
				if v, ok := s.numberAt(i + 2); ok {
					add(strings.TrimSuffix(w, "s"), v)
				}
			} else if i+1 < len(s.toks) && len(s.lo(i+1)) >= 2 && s.lo(i + 1)[0] == 'x' {
				if _, err := strconv.Atoi(s.lo(i + 1)[1:]); err == nil {
					add(strings.TrimSuffix(w, "s"), s.lo(i + 1)[1:])
				}
			}
		}
	}
	return out
}

// acronym reports a token written with two or more capitals ("DAS28", "HbA1c", "MoCA")
// that is not a plain upper-case word in shouting text.
func (s *scan) acronym(i int) bool {
	raw := s.raw(i)
	caps := 0
	for k := 0; k < len(raw); k++ {
		if raw[k] >= 'A' && raw[k] <= 'Z' {
			caps++
		}
	}
	return caps >= 2 && len(raw) <= 8 && s.shout != 2
}

// ageWord reports an age marker that looks like a figure name ("58M", "F 84").
func (s *scan) ageWord(i int) bool {
	w := s.lo(i)
	return w == "m" || w == "f" || w == "yo" || w == "age" || w == "aged"
}

// numberAt reads a figure's value at token k: "9.2", "14", "4+4", "-2.1", "62%", "~900".
func (s *scan) numberAt(k int) (string, bool) {
	if k < len(s.toks) && (s.lo(k) == "~" || s.lo(k) == "-" && k+1 < len(s.toks) && s.toks[k+1].gap == 0) {
		if s.lo(k) == "-" {
			if v, ok := s.numberAt(k + 1); ok {
				return "-" + v, true
			}
			return "", false
		}
		k++
	}
	if k >= len(s.toks) || s.toks[k].kind != tokNum {
		return "", false
	}
	v := s.lo(k)
	for m := k + 1; m+1 < len(s.toks) && m <= k+3 && s.toks[m].gap == 0; m += 2 {
		sep := s.lo(m)
		if (sep == "." || sep == "+") && s.toks[m+1].kind == tokNum && s.toks[m+1].gap == 0 {
			v += sep + s.lo(m+1)
			continue
		}
		break
	}
	return v, true
}

// seriesWords join the values of one measure quoted in turn.
var seriesWords = map[string]bool{
	"to": true, "then": true, "-": true, "->": true, ">": true, ",": true, "and": true, "now": true,
	"down": true, "up": true, "from": true, "rising": true, "falling": true,
}

// numberEnd is the token after the number numberAt reads at k.
func (s *scan) numberEnd(k int) int {
	if k < len(s.toks) && (s.lo(k) == "~" || s.lo(k) == "-") {
		k++
	}
	e := k + 1
	for m := k + 1; m+1 < len(s.toks) && m <= k+3 && s.toks[m].gap == 0; m += 2 {
		sep := s.lo(m)
		if (sep == "." || sep == "+") && s.toks[m+1].kind == tokNum && s.toks[m+1].gap == 0 {
			e = m + 2
			continue
		}
		break
	}
	if e < len(s.toks) && s.lo(e) == "%" && s.toks[e].gap == 0 {
		e++
	}
	return e
}

// namedBefore reports a figure name in the three words before token i (its value is
// read with the name).
func (s *scan) namedBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if figureNames[s.lo(k)] || s.toks[k].kind != tokNum && s.acronym(k) {
			return true
		}
	}
	return false
}

// unitAfter reports a dose or size unit: a bare decimal before one is a dose ("2.5
// mg"), common to many patients.
func unitAfter(w string) bool {
	switch w {
	case "mg", "g", "mcg", "ug", "ml", "l", "mmol", "units", "unit", "iu", "mm", "cm", "kg", "%", "mls", "litres", "hours", "hrs", "h", "days", "weeks", "years", "x":
		return true
	}
	return false
}

// countBefore reads a count just before token i: "3 admissions", "five failed cycles",
// "x3 cycles".
func (s *scan) countBefore(i int) (string, bool) {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := s.lo(k)
		if s.toks[k].kind == tokNum {
			return w, true
		}
		if n, ok := numberWords[w]; ok && n > 0 && n <= 20 {
			return strconv.Itoa(n), true
		}
		if w == "once" || w == "twice" {
			return map[string]string{"once": "1", "twice": "2"}[w], true
		}
		if len(w) >= 2 && w[0] == 'x' {
			if _, err := strconv.Atoi(w[1:]); err == nil {
				return w[1:], true
			}
		}
		switch w {
		case "failed", "unsuccessful", "previous", "more", "further", "hospital", "icu", "itu", "ivf", "chemo", "separate":
			continue
		}
		return "", false
	}
	return "", false
}

// rareTerms lists the text's rare content words: not ordinary English, not names, at
// least five letters. Drug, disease and local words that two posts share by chance
// only rarely.
func (s *scan) rareTerms() []string {
	var out []string
	for i := range s.toks {
		t := &s.toks[i]
		if t.kind != tokWord || t.end-t.start < 5 {
			continue
		}
		w := s.lo(i)
		if s.ex.lex.commonWord(w) || s.ex.lex.commonWord(strings.TrimSuffix(w, "s")) || s.ex.lex.isName(w) {
			continue
		}
		if slices.Contains(out, w) {
			continue
		}
		// A copy: the token's text lives in the scan's buffers, reused by the next post.
		out = append(out, strings.Clone(w))
		if len(out) >= 12 {
			break
		}
	}
	return out
}

// covers reports a detail of that kind whose span covers token k.
func (s *scan) covers(k int, kind Kind) bool {
	for d := range s.out {
		if sp := s.dspan[d]; sp.i >= 0 && sp.i <= k && k < sp.j && s.out[d].Kind == kind {
			return true
		}
	}
	return false
}
