package conduct

import "strings"

// cueCat is what a phrase is evidence of. Each check reads only its own categories.
type cueCat uint8

const (
	// Conflict of interest (paragraph 19).
	catHype        cueCat = iota + 1 // enthusiastic endorsement: "game changer", "swear by"
	catCommercial                    // money or marketing: "use code", "% off", "affiliate", "rep"
	catDeclaration                   // a declaration of interest: "disclosure:", "speaker fees"
	catProductNoun                   // "supplement", "app", "device", "brand"
	catCompany                       // company suffix after a capitalised word: "Pharma", "Ltd"
	// Abuse (paragraph 15).
	catInsult // name-calling and gratuitous personal remarks; weight 2 for unambiguous ones
	// Identifiable people.
	catTitle      // "dr", "prof", "mr", "sister" before a capitalised name
	catRole       // a professional or staff role: "consultant", "practice manager"
	catIdentHint  // "you all know who I mean"
	catInstitute  // an institution or rule, the fair target of criticism
	catPronounSg  // he, she, him, her, his
	catPronounYou // you, you're
	catAddressee  // a reply to a member: "your post", "replying to"
	// Raising concerns.
	catConcern // conduct or safety concern about a colleague: "like sweets", "drunk on duty"
	catAiring  // airing rather than reporting: "name and shame", "not bothering with"
	catChannel // asking about or using the proper channel: "how do I raise", "Freedom to Speak Up"
	// Boundaries (paragraph 11).
	catContact      // romantic or social contact: "friend request", "asked me out"
	catPlatform     // a social platform: "facebook", "instagram"
	catFirstObj     // me: personal contact is with the author
	catPatientRef   // "patient", "pt", "one of my patients"
	catPatientScene // the clinical relationship: "appointment", "booked in", "consultation"
	// Public patient case (8a).
	catCaseStrong  // a specific patient: "my patient", "a patient I saw"
	catDemographic // "man in his", "year old", "yo"
	catEpisode     // a specific episode: "this morning", "came in", "yesterday"
	catTeaching    // a hypothetical or teaching case: "teaching point", "imagine", "hypothetically"
	// Identity (paragraph 17).
	catDoctorClaim // "as a GP", "I'm a doctor"
	// Negation before a single-word cue.
	catNegator
	numCats
)

// phrase is one entry of the phrase map.
type phrase struct {
	cat    cueCat
	weight int
	// negatable: a negator up to three words before cancels the cue ("not an idiot").
	negatable bool
}

// trieNode is one word of the phrase map. Phrases are matched word by word from every
// token, so matching costs one map look-up per token and phrase word, not a regexp
// per phrase.
type trieNode struct {
	next map[string]*trieNode
	// num is the child for "<num>": any token made of digits.
	num  *trieNode
	ends []phrase
}

func (n *trieNode) child(w string) *trieNode {
	if w == "<num>" {
		if n.num == nil {
			n.num = &trieNode{}
		}
		return n.num
	}
	if n.next == nil {
		n.next = map[string]*trieNode{}
	}
	c := n.next[w]
	if c == nil {
		c = &trieNode{}
		n.next[w] = c
	}
	return c
}

// phraseMap is the compiled phrase trie.
type phraseMap struct {
	root trieNode
}

// add inserts every phrase in list (one per line, "|" separating alternatives on a
// line) with the given category and weight. Phrases are written as they would be
// tokenised: lower case, hyphens as spaces, "%" and "@" as their own words.
func (m *phraseMap) add(cat cueCat, weight int, negatable bool, list string) {
	for _, line := range strings.Split(list, "\n") {
		for _, p := range strings.Split(line, "|") {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			n := &m.root
			for _, w := range strings.Fields(p) {
				n = n.child(w)
			}
			n.ends = append(n.ends, phrase{cat: cat, weight: weight, negatable: negatable})
		}
	}
}

// cue is one phrase found in a post: tokens [i, j).
type cue struct {
	cat    cueCat
	weight int
	i, j   int
}

// match finds every phrase in toks. Overlapping matches are all kept; checks count
// distinct phrases, so "highly recommend" and "recommend" are both evidence.
func (m *phraseMap) match(toks []token) []cue {
	var out []cue
	for i := range toks {
		m.walk(toks, i, i, &m.root, &out)
	}
	return out
}

func (m *phraseMap) walk(toks []token, start, k int, n *trieNode, out *[]cue) {
	if k > start {
		for _, p := range n.ends {
			if p.negatable && negatedAt(toks, start) {
				continue
			}
			*out = append(*out, cue{cat: p.cat, weight: p.weight, i: start, j: k})
		}
	}
	if k >= len(toks) || (k > start && toks[k].sent != toks[start].sent) {
		return
	}
	if c := n.next[toks[k].norm]; c != nil {
		m.walk(toks, start, k+1, c, out)
	}
	if n.num != nil && isDigits(toks[k].norm) {
		m.walk(toks, start, k+1, n.num, out)
	}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

var negators = map[string]bool{
	"not": true, "no": true, "never": true, "isn't": true, "wasn't": true, "aren't": true,
	"weren't": true, "don't": true, "doesn't": true, "didn't": true, "hardly": true,
	"nor": true, "neither": true, "nothing": true, "without": true, "isnt": true,
	"wasnt": true, "dont": true, "doesnt": true, "didnt": true,
}

// negatedAt reports a negator up to three words before token i in the same sentence.
func negatedAt(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if toks[k].sent != toks[i].sent {
			return false
		}
		if negators[toks[k].norm] {
			return true
		}
	}
	return false
}

// shapeCues finds cues that are shapes rather than fixed words: a discount code
// ("code DRSAM15", "quote FORUM10": a word after "code" or "quote" mixing letters and
// digits).
func (a *analysis) shapeCues() []cue {
	var out []cue
	for k := 0; k+1 < len(a.toks); k++ {
		n := a.toks[k].norm
		if (n != "code" && n != "quote") || a.toks[k+1].sent != a.toks[k].sent {
			continue
		}
		next := a.toks[k+1]
		raw := a.post.Body[next.start:next.end]
		letters, digits := 0, 0
		for _, r := range raw {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
				letters++
			}
		}
		// After "quote" only a letters-and-digits code counts ("quote NICE" is not one).
		// Clinical codes are short ("C10E", "E11.9"); discount codes are words ("DRSAM15").
		// A word in capitals after "code" is as often "CODE STATUS" as a discount: the fixed
		// phrases ("use code", "discount code") cover those.
		if letters >= 3 && digits > 0 && len(raw) >= 5 && !strings.Contains(raw, ".") {
			out = append(out, cue{cat: catCommercial, weight: 3, i: k, j: k + 2})
		}
	}
	return out
}
