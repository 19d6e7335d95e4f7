package extract

import "strings"

// The household reader: a patient bringing up a relative's children ("raising her
// late sister's four children", "has taken in his grandchildren", "sole carer of her
// daughter's kids") is a kinship carer. Few households are, and those that are are
// known at the school and in the street: unlike being widowed or living alone,
// it is a circumstance the neighbours see.

// kinshipShare is the share of people who are kinship carers: the 2011 Census counted
// about 180,000 children in the UK living with relatives without a parent (Wijedasa,
// "Children growing up in the care of relatives in the UK", University of Bristol,
// 2017, reporting Census 2011 microdata), in about 130,000 households; over about
// 52 million adults that is about 0.25%.
const kinshipShare = 0.0025

// careVerbs begin a clause of bringing a child up; the value is how many words the
// phrase takes ("bringing up" two, "raising" one).
var careVerbs = map[string]int{
	"raising": 1, "raise": 1, "raises": 1, "raised": 1, "bringing": 2, "bring": 2, "brings": 2, "brought": 2,
	"looking": 2, "looks": 2, "look": 2, "caring": 2, "cares": 2, "care": 2, "took": 2, "taken": 2,
	"takes": 2, "taking": 2, "guardian": 2, "carer": 2, "custody": 2, "fostering": 1,
}

// careParticles complete a care verb: "bringing up", "looking after", "caring for",
// "took in", "guardian of".
var careParticles = map[string]bool{"up": true, "after": true, "for": true, "in": true, "of": true, "to": true}

// childNouns are the children a carer brings up.
var childNouns = map[string]bool{
	"children": true, "kids": true, "child": true, "kid": true, "grandchildren": true, "grandkids": true,
	"grandchild": true, "grandson": true, "granddaughter": true, "grandsons": true, "granddaughters": true,
	"nieces": true, "nephews": true, "niece": true, "nephew": true, "boys": true, "girls": true,
	"siblings": true, "brothers": true, "sisters": true,
}

// kinWords say the children are a relative's: "her late sister's", "grandchildren".
var kinWords = map[string]bool{
	"sister's": true, "brother's": true, "daughter's": true, "son's": true, "niece's": true, "nephew's": true,
	"cousin's": true, "sister": true, "brother": true, "daughter": true, "son": true, "niece": true, "nephew": true,
	"cousin": true, "grandchildren": true, "grandkids": true, "grandchild": true, "grandson": true,
	"granddaughter": true, "grandsons": true, "granddaughters": true, "nieces": true, "nephews": true,
	"siblings": true, "brothers": true, "sisters": true,
}

// readFamily adds a kinship-care detail to the person bringing up a relative's
// children.
func (s *scan) readFamily() {
	for i := 0; i < len(s.toks); i++ {
		n, ok := careVerbs[s.lo(i)]
		if !ok {
			continue
		}
		k := i + 1
		if n == 2 {
			if !careParticles[s.lo2(i+1)] {
				continue
			}
			k = i + 2
		}
		if s.negatedBefore(i) {
			continue
		}
		// Looking after or caring for children is often a few hours' childcare ("looks
		// after three grandchildren after school"); it is kinship care only when
		// the children are a relative's ("her sister's kids") or the care is whole.
		weak := s.is(i, "looking") || s.is(i, "looks") || s.is(i, "look") || s.is(i, "caring") || s.is(i, "cares") || s.is(i, "care")
		possessed := false
		kin, child, end := false, false, k
		for m := k; m < len(s.toks) && m < k+10 && s.sentOf[m] == s.sentOf[i]; m++ {
			w := s.lo(m)
			if s.toks[m].kind == tokPunct && w != "'" && w != "-" {
				break
			}
			if kinWords[w] || w == "'" && s.is(m+1, "s") && kinWords[s.lo2(m-1)] {
				kin = true
				possessed = possessed || strings.HasSuffix(w, "'s") || w == "'"
			}
			if childNouns[w] {
				child, end = true, m+1
				if kinWords[w] {
					kin = true
				}
			}
		}
		if !child || !kin {
			continue
		}
		if weak && !possessed && !s.hasWordsAfter(end, 4, "full time", "full-time", "permanently", "since", "now live", "live with") && !s.hasWordsBefore(i, 4, "full time", "full-time", "sole") {
			continue
		}
		p := int(s.topicAt(i))
		if p < 0 || s.persons[p].role == SubjectAuthor || s.persons[p].role == SubjectColleague {
			continue
		}
		s.addOwned(p, Detail{Kind: KindFamily, Value: "kinship carer", Frequency: kinshipShare, Confidence: 0.7}, i, end)
		i = end - 1
	}
}
