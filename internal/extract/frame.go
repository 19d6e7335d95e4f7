package extract

// The frame of a post: what it talks about as a whole. A moderator reads the same
// details differently in a case write-up, in the author's account of their own
// illness or their father's, in an exam question the post says is made up, in an
// obituary of a colleague, in published counts, or in a public figure's own news.

// hypotheticalWords mark a case the post says is not real.
var hypotheticalWords = map[string]bool{
	"hypothetical": true, "hypothetically": true, "fictional": true, "fictitious": true, "imaginary": true,
	"akt": true, "mcq": true, "mcqs": true, "sba": true, "sbas": true, "osce": true, "vignette": true,
	"made-up": true, "imagine": true, "suppose": true, "invented": true, "quiz": true,
}

// deathWords mark a death or a farewell.
var deathWords = map[string]bool{
	"died": true, "passed": true, "funeral": true, "rip": true, "obituary": true, "memorial": true,
	"condolences": true, "bereaved": true, "mourn": true, "mourning": true, "peacefully": true,
	"retirement": true, "retiring": true,
}

// aggregateNouns count cases in published or audit figures.
var aggregateNouns = map[string]bool{
	"cases": true, "patients": true, "confirmed": true, "deaths": true, "admissions": true, "people": true,
	"children": true, "adults": true, "referrals": true, "notifications": true, "outbreaks": true,
}

// classifyFrame decides the post's frame from its people and its framing words.
func (s *scan) classifyFrame() {
	patients, family, colleagues := 0, 0, 0
	for k := range s.persons {
		switch s.persons[k].role {
		case SubjectPatient:
			patients++
		case SubjectAuthorFamily:
			family++
		case SubjectColleague:
			colleagues++
		}
	}
	hyp, death, aggregate, ownSelf, public := false, false, 0, false, false
	for i := range s.toks {
		w := s.lo(i)
		switch {
		case hypotheticalWords[w]:
			hyp = true
		case w == "made" && s.is(i+1, "up") || w == "not" && s.is(i+1, "a") && s.is(i+2, "real"):
			hyp = true
		case w == "exam" && (s.is(i+1, "question") || s.is(i+1, "style") || s.is(i-1, "the")) || w == "answer" && (s.is(i+1, "tomorrow") || s.is(i+1, "below") || s.is(i+1, "later")):
			hyp = true
		case w == "retires" || w == "retiring" || w == "retired" && s.colleagueNear(i):
			death = true
		case deathWords[w]:
			if w == "passed" && !s.is(i+1, "away") {
				break
			}
			death = true
		case aggregateNouns[w] && i > 0 && s.toks[i-1].kind == tokNum:
			aggregate++
		case w == "went" && s.is(i+1, "public") || w == "announced" || w == "revealed" || w == "publicly" ||
			w == "public" && s.is(i+1, "about") || w == "spoken" && s.is(i+1, "openly") || w == "openly":
			public = true
		}
		if s.authorSelf(i) || s.authorPossessesSelf(i) {
			ownSelf = true
		}
	}
	if !hyp && patients > 0 && s.patientsConditional() {
		hyp = true
	}
	switch {
	case hyp && patients > 0:
		s.frame = FrameHypothetical
	case death && (patients == 0 && colleagues > 0 || s.colleagueFarewell()):
		s.frame = FrameObituary
	case public && patients <= 1 && (s.namedPublicFigure() || s.hasWord("famous", "celebrity", "well-known", "presenter", "star")):
		s.frame = FramePublicFigure
	case patients > 0 && s.historicalCase():
		s.frame = FrameHistorical
	case patients > 0:
		s.frame = FrameCase
	case family > 0:
		s.frame = FrameFamily
	case ownSelf:
		s.frame = FrameOwn
	case aggregate >= 2:
		s.frame = FrameAggregate
	case death && colleagues > 0:
		s.frame = FrameObituary
	default:
		s.frame = FrameGeneral
	}
}

// patientsConditional reports a post whose every patient is introduced by an
// indefinite noun phrase inside a conditional clause ("If a patient were a pilot,
// ...", "What do you do if an elderly man refuses ..."): a question about a kind of
// case, not a case. A patient "of mine" or "of ours" is real, and so is a patient
// met again outside the clause by a definite phrase, which makes another person.
func (s *scan) patientsConditional() bool {
	for k := range s.persons {
		p := &s.persons[k]
		if p.role != SubjectPatient {
			continue
		}
		if s.is(p.firstEnd, "of") && (s.is(p.firstEnd+1, "mine") || s.is(p.firstEnd+1, "ours")) {
			return false
		}
		found := false
		// Back from the person noun over its premodifiers ("a 40-year-old
		// diabetic man") to the indefinite determiner and the "if" before it.
		for j := p.first - 1; j >= 1 && j >= p.first-6; j-- {
			if s.toks[j].kind == tokPunct && s.lo(j) != "-" {
				break
			}
			if w := s.lo(j); w == "a" || w == "an" || w == "any" {
				found = s.is(j-1, "if") || s.is(j-1, "whether")
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// namedPublicFigure reports a full name in the text that is not a patient's label: a
// public figure talked about ("Since Sir X went public about ...").
func (s *scan) namedPublicFigure() bool {
	for k := range s.out {
		if s.out[k].Kind == KindPersonName {
			return true
		}
	}
	return false
}

// historicalCase reports a patient story set decades before the post ("as an SHO in
// 1981"): a year at least 25 years back within the post's first sentences.
func (s *scan) historicalCase() bool {
	now := s.ctx.At.Year()
	if now < 1900 {
		return false
	}
	for k := range s.out {
		d := &s.out[k]
		if d.Kind != KindDate || len(d.Value) < 4 {
			continue
		}
		y := 0
		for _, c := range d.Value[:4] {
			if c < '0' || c > '9' {
				y = -1
				break
			}
			y = y*10 + int(c-'0')
		}
		if y > 1900 && now-y >= 25 {
			return true
		}
	}
	return false
}

// colleagueNear reports a colleague's title or role near token i ("Dr", "nurse",
// "partner", "colleague").
func (s *scan) colleagueNear(i int) bool {
	for k := max(0, i-8); k < min(len(s.toks), i+3); k++ {
		switch s.lo(k) {
		case "sister", "partner":
			// "Sister Hughes", "my partner at the practice" are colleagues; "her
			// sister", "his partner" are family.
			if k > 0 {
				switch s.lo(k - 1) {
				case "her", "his", "their", "my", "your", "our", "a", "older", "younger", "twin", "big", "little":
					continue
				}
			}
			return true
		case "dr", "nurse", "colleague", "consultant", "gp", "midwife", "matron", "manager", "receptionist":
			return true
		}
	}
	return false
}

// hasWord reports whether any of the words occurs in the text.
func (s *scan) hasWord(words ...string) bool {
	for i := range s.toks {
		for _, w := range words {
			if s.lo(i) == w {
				return true
			}
		}
	}
	return false
}

// colleagueFarewell reports a sentence that says a colleague died or retires: a death or
// retirement word with a colleague's title or role near it ("Dr X retires on Friday",
// "our practice nurse ... retires").
func (s *scan) colleagueFarewell() bool {
	for i := range s.toks {
		w := s.lo(i)
		if (w == "retires" || w == "retiring" || w == "retirement" || w == "died" || w == "funeral" || w == "passed" && s.is(i+1, "away")) && s.colleagueNear(i) {
			return true
		}
	}
	return false
}
