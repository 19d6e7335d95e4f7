package extract

import (
	"bufio"
	"strconv"
	"strings"

	"github.com/mosaicgw/mosaic/internal/lexis"
	"github.com/mosaicgw/mosaic/internal/occupations"
)

// The role reader: what people are and do, in any wording.
//
// A job or role is read from the grammar of a clause about a person, not from a list
// of phrases:
//   - a predicate noun: "he's a gamekeeper on one of the shoots", "she is one of the three
//     nurses at the surgery", "he's head porter at one of the colleges";
//   - a verb of running or doing something, with its object: "she runs the corner
//     pharmacy", "he captains one of the pleasure cruisers", "keeps a dozen goats", "crews
//     the pilot boat", "hosts the breakfast programme", "conducts the youth orchestra";
//   - working somewhere: "works at the creamery", "works as a forklift driver";
//   - a former job: "retired after 30 years at the paper mill", "a retired vicar";
//   - belonging to a group: "sings in the chapel choir", "plays in defence for the rovers", "in
//     the youth squad", "picked for the county team", "a steward in one of the
//     lodges".
//
// WordNet (internal/lexis) says which nouns denote people and which denote groups or
// establishments; the institutions table (data/institutions.tsv) says how many of an
// establishment there are and how many people work in one, and how large a group
// usually is. A role tied to an institution the text pins down ("the stationmaster
// here", "the nursery in the village", "one of the three pubs") is held by a known
// handful of people: the detail carries that count (Count), or the count per head of
// population when the text says "one of the X" without saying how many (Density).

// jobVerbs are verbs whose subject does the thing as their work or role; the value says
// what the object must be: 'i' an institution or business ("runs the shop"), 'a' any
// object ("skippers a cruiser", "hosts the programme"), 'n' none needed ("fishes", "farms").
var jobVerbs = map[string]byte{
	"run": 'i', "own": 'i', "manage": 'i', "keep": 'a', "skipper": 'a', "crew": 'a', "captain": 'a',
	"cox": 'a', "drive": 'a', "fish": 'n', "farm": 'n', "teach": 'a', "present": 'a', "host": 'a',
	"coach": 'a', "lead": 'a', "chair": 'a', "organise": 'a', "organize": 'a', "breed": 'a', "train": 'a',
	"stalk": 'a', "tend": 'a', "shear": 'a', "milk": 'a', "herd": 'a', "brew": 'a', "distil": 'a',
	"pilot": 'a', "fly": 'a', "conduct": 'a', "direct": 'a', "edit": 'a', "preach": 'n', "minister": 'n',
	"referee": 'a', "umpire": 'a', "guard": 'a', "patrol": 'a', "deliver": 'a', "build": 'a', "shoe": 'a',
	"groom": 'a', "show": 'a', "clean": 'a', "cook": 'a', "bake": 'a', "serve": 'a', "sell": 'a',
	"trade": 'n', "lecture": 'n', "nurse": 'n', "crew on": 'a', "captains": 'a', "steward": 'a',
	"ferry": 'a', "haul": 'a', "plough": 'a', "thatch": 'a', "repair": 'a', "mend": 'a', "fix": 'a',
}

// harvestVerbs take animals or plants from land or sea; with a bare plural of living
// things as object ("gathers cockles", "traps lobsters") they name a trade.
var harvestVerbs = map[string]bool{"gather": true, "pick": true, "catch": true, "harvest": true,
	"trap": true, "net": true, "rear": true, "land": true, "cull": true, "dredge": true}

// produce reports a noun whose first sense is an animal, a plant or a food: what
// harvestVerbs take ("quarry", whose first sense is a pit, is not).
func produce(noun string) bool {
	n := lexis.Lemma(noun, lexis.Noun)
	for _, h := range lexis.Hypernyms(n, 1) {
		if h == "animal" || h == "plant" || h == "food" {
			return true
		}
	}
	return false
}

// workPreps follow a verb of working: "works at the creamery", "works on the trains",
// "works for the council", "works as a porter".
var workPreps = map[string]bool{"at": true, "on": true, "in": true, "for": true, "as": true, "with": true, "out": true}

// groupVerbs put a person in a group: "plays in the orchestra", "sings with the choir",
// "rows for the club", "in defence for the rovers".
var groupVerbs = map[string]bool{
	"play": true, "sing": true, "row": true, "race": true, "dance": true, "ride": true, "perform": true,
	"compete": true, "run": true, "swim": true, "box": true, "wrestle": true, "march": true, "drum": true,
	"pipe": true, "volunteer": true, "serve": true, "sit": true, "belong": true,
}

// selectionWords put a person in a selected group or role: "picked for the squad",
// "named in the team", "chosen as principal".
var selectionWords = map[string]bool{
	"picked": true, "selected": true, "named": true, "chosen": true, "elected": true, "appointed": true,
	"called": true, "capped": true, "signed": true, "drafted": true, "voted": true, "crowned": true,
}

// headRoles are role words held by one person per institution.
var headRoles = map[string]bool{
	"head": true, "headteacher": true, "headmaster": true, "headmistress": true, "principal": true,
	"manager": true, "owner": true, "proprietor": true, "landlord": true, "landlady": true, "master": true,
	"mistress": true, "keeper": true, "coxswain": true, "cox": true, "skipper": true, "captain": true,
	"chief": true, "director": true, "chair": true, "chairman": true, "chairwoman": true, "president": true,
	"warden": true, "minister": true, "vicar": true, "priest": true, "rector": true, "imam": true, "rabbi": true,
	"matron": true, "governor": true, "superintendent": true, "caretaker": true, "janitor": true,
	"postmaster": true, "postmistress": true, "harbourmaster": true, "greenkeeper": true, "precentor": true,
	"deputy": true, "conductor": true, "organist": true, "secretary": true, "treasurer": true, "mayor": true,
	"provost": true, "convenor": true, "leader": true, "founder": true, "chef-owner": true, "lollipop": true,
}

// hobbyWords before a role make it a pastime shared by many: "keen runner", "amateur
// boxer", "Sunday league footballer".
var hobbyWords = map[string]bool{
	"keen": true, "amateur": true, "avid": true, "recreational": true, "weekend": true, "casual": true,
	"enthusiastic": true, "budding": true, "wannabe": true, "aspiring": true, "hobby": true, "social": true,
	"occasional": true, "sunday": true, "club-level": true, "fair-weather": true,
}

// instInfo describes one kind of establishment or group (data/institutions.tsv).
type instInfo struct {
	group   bool
	ukCount float64 // establishments in the UK (0 for groups)
	perUnit float64 // staff per establishment, or members per group
}

// ukPeople is the UK population the institution densities are taken over.
const ukPeople = 67_600_000.0

var institutions, establishments, institutionAncestors = loadInstitutions()

// ancestorEntry is a WordNet ancestor of the institutions table, in file order.
type ancestorEntry struct {
	lemma string
	info  instInfo
}

func loadInstitutions() (map[string]instInfo, map[string]instInfo, []ancestorEntry) {
	f, err := dataFS.Open("data/institutions.tsv")
	if err != nil {
		panic("extract: institutions table: " + err.Error())
	}
	defer f.Close()
	byNoun, inst := map[string]instInfo{}, map[string]instInfo{}
	var byAncestor []ancestorEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) < 5 {
			panic("extract: institutions table: short line: " + line)
		}
		n, err1 := strconv.ParseFloat(p[2], 64)
		per, err2 := strconv.ParseFloat(p[3], 64)
		if err1 != nil || err2 != nil {
			panic("extract: institutions table: bad number: " + line)
		}
		info := instInfo{group: p[0] == "group", ukCount: n, perUnit: per}
		if a, ok := strings.CutPrefix(p[1], "isa:"); ok {
			byAncestor = append(byAncestor, ancestorEntry{a, info})
			continue
		}
		byNoun[p[1]] = info
		if !info.group {
			inst[p[1]] = info
		}
	}
	return byNoun, inst, byAncestor
}

// genericWorkplaces are buildings and sites that take their employer from the word
// before them: "the council offices", "the hospital site", "the Tesco depot".
var genericWorkplaces = map[string]bool{
	"office": true, "offices": true, "building": true, "buildings": true, "site": true, "depot": true,
	"headquarters": true, "hq": true, "premises": true, "yard": true, "works": true,
}

// workplaceOf is institutionOf for a place of work: an establishment rather than a
// body of members ("works at the council" is the local authority, "sits on the council"
// its councillors), and a generic building takes its employer from the word before
// it.
func workplaceOf(words ...string) (instInfo, bool) {
	n := len(words)
	if n >= 2 && genericWorkplaces[words[n-1]] {
		if in, ok := establishments[words[n-2]]; ok {
			return in, true
		}
	}
	if n >= 2 {
		if in, ok := establishments[words[n-2]+" "+words[n-1]]; ok {
			return in, true
		}
	}
	if n >= 1 {
		if in, ok := establishments[words[n-1]]; ok {
			return in, true
		}
	}
	return institutionOf(words...)
}

// institutionOf returns what a noun (or a two-word compound ending in it) names, if it
// is an establishment or a group.
func institutionOf(words ...string) (instInfo, bool) {
	if len(words) >= 2 {
		if in, ok := institutions[words[len(words)-2]+" "+words[len(words)-1]]; ok {
			return in, true
		}
	}
	if len(words) == 0 {
		return instInfo{}, false
	}
	w := words[len(words)-1]
	if in, ok := institutions[w]; ok {
		return in, true
	}
	l := lexis.Lemma(w, lexis.Noun)
	if in, ok := institutions[l]; ok {
		return in, true
	}
	for _, a := range institutionAncestors {
		if lexis.IsA(l, a.lemma) {
			return a.info, true
		}
	}
	return instInfo{}, false
}

// np is a noun phrase read from the tokens.
type np struct {
	start, end int    // token range
	det        string // "the", "a", "my", "" ...
	owned      bool   // after a named body's possessive ("the Gala's queen")
	quant      int    // N in "one of the N ..."; 1 for "the only"; 0 unknown
	oneOf      bool   // "one of the ..."
	words      []string
	head       int // index into words of the head noun
	proper     bool
	local      bool // pinned to a place: "here", "in town", "in <Place>", "on <Road>"
	hobby      bool
	retired    bool
	yearly     bool // "this year's", "last year's": a title held by one person a year
	pp         *np  // "of/at/in/on/for" + a noun phrase after the head
	prep       string
}

func (n *np) headWord() string {
	if n == nil || n.head < 0 || n.head >= len(n.words) {
		return ""
	}
	return n.words[n.head]
}

// text is the phrase's words joined, head last ("head porter", "ski instructor").
func (n *np) text() string { return strings.Join(n.words[:n.head+1], " ") }

// readNP reads a noun phrase at token k (determiner, "one of the N", modifiers, a head
// noun, and one prepositional phrase after it). ok is false when no noun phrase starts
// there.
func (s *scan) readNP(k int, withPP bool) (np, bool) {
	n := np{start: k, head: -1}
	end := min(len(s.toks), k+12)
	participle := false
	// "one of the (two) ..."
	if s.is(k, "one") && s.is(k+1, "of") {
		n.oneOf = true
		k += 2
		if s.is(k, "the") || s.is(k, "his") || s.is(k, "her") || s.is(k, "our") || s.is(k, "its") || s.is(k, "a") && fewWords[s.lo(k+1)] > 0 {
			k++
		}
		if s.is(k, "last") || s.is(k, "remaining") || s.is(k, "very") && fewWords[s.lo2(k+1)] > 0 {
			k++ // "one of the last three thatchers", "one of the very few"
		}
		if v, ok := s.smallNumber(k); ok {
			n.quant = v
			k++
		} else if v := fewWords[s.lo(min(k, len(s.toks)-1))]; v > 0 && k < len(s.toks) {
			// "one of the few", "one of the last handful of", "one of a couple of"
			n.quant = v
			k++
			if s.is(k, "of") {
				k++
			}
		}
	}
	if (s.is(k, "this") || s.is(k, "last") || s.is(k, "next")) && s.is(k+1, "year") && s.is(k+2, "'") {
		n.det, n.yearly = "the", true
		k += 3
		if s.is(k, "s") {
			k++
		}
	}
	if c, ok := determiners[s.lo(min(k, len(s.toks)-1))]; ok && k < len(s.toks) && c != 'g' {
		n.det = s.lo(k)
		k++
	}
	if s.is(k, "only") {
		n.quant = 1
		k++
	}
	if (n.det == "the" || n.det == "" && (k == 0 || s.is(k-1, ",") || s.is(k-1, "-"))) && !n.oneOf {
		// "the longest-serving swinger", "the oldest lifeboatman" (or in notes,
		// ", longest-serving swinger"): a superlative singles out one holder.
		switch {
		case s.longestServingEnd(k) > k:
			n.quant, k = 1, s.longestServingEnd(k)
		case s.is(k, "most") && s.is(k+1, "senior"):
			n.quant, k = 1, k+2
		case s.is(k, "oldest") || s.is(k, "youngest"):
			n.quant, k = 1, k+1
		}
	}
	if v, ok := s.smallNumber(k); ok && !n.oneOf && s.toks[k].kind == tokWord {
		n.quant = v
		k++
	}
	for ; k < end; k++ {
		t := &s.toks[k]
		w := s.lo(k)
		if t.kind == tokPunct {
			if w == "'" && s.is(k+1, "s") && len(n.words) > 0 && !n.proper && (n.det == "the" || n.det == "our" || n.oneOf ||
				possessiveDets[n.det] && placeWords[n.words[len(n.words)-1]]) {
				// "the town's silver band", "the village's only shop": the
				// possessor places the thing; the phrase goes on to its noun.
				if placeWords[n.words[len(n.words)-1]] {
					n.local = true
				}
				n.words = n.words[:0]
				k++
				if s.is(k+1, "own") {
					k++ // "the refinery's own rescue team"
				}
				if s.is(k+1, "only") {
					n.quant = 1
					k++
				}
				continue
			}
			if w == "'" && s.is(k+1, "s") && len(n.words) > 0 && n.proper && n.det == "" && k+2 < len(s.toks) && s.toks[k+2].kind == tokWord {
				// "Knutsford Royal May Day's May Queen": a named body or event,
				// then the role in it.
				n.words, n.owned = n.words[:0], true
				k++
				continue
			}
			if w == "-" || w == "'" || w == "&" {
				continue
			}
			break
		}
		if w == "and" || w == "or" || copulas[w] || clauseWords[w] && w != "as" || w == "of" || w == "at" || w == "in" || w == "on" || w == "for" || w == "from" || w == "out" || w == "with" || w == "to" || w == "by" || w == "here" || w == "there" || w == "up" || w == "down" || w == "over" || w == "across" || w == "near" || w == "beside" || w == "behind" || w == "off" || w == "into" || w == "every" || w == "most" || w == "all" || w == "alone" || w == "around" || w == "round" || w == "along" || w == "through" || w == "via" || w == "towards" || pronounSex[w] != 0 || authorWords[w] {
			break
		}
		hyphened := s.is(k-1, "-") && s.toks[k-1].gap == 0 && t.gap == 0 // "hand-built", "family-run": an adjective
		if k > n.start && len(n.words) > 0 && !hyphened && (strings.HasSuffix(w, "ed") && lexis.IsVerb(lexis.Lemma(w, lexis.Verb)) && !lexis.IsNoun(w) || postParticiples[w]) {
			// "the only Tamil speaker admitted here", "the three growers left in
			// the valley": a participle ends the phrase; where it is follows it.
			participle = true
			break
		}
		if len(n.words) > 0 && (w == "this" || w == "next") && s.is(k+1, "year") && festivalTitles[n.words[len(n.words)-1]] {
			n.yearly = true // "May Queen this year": a title held for the year
		}
		if len(n.words) > 0 && (w == "these" || w == "those" || w == "this" || w == "that" || w == "last" || w == "next" || w == "each" || w == "since" || w == "until" || w == "still" || w == "already" || w == "currently") {
			break // "Penrith Rovers these days": a time phrase after the noun phrase
		}
		if len(n.words) > 0 && k+1 < len(s.toks) && s.toks[k+1].kind == tokNum && (strings.HasSuffix(w, "ly") || w == "almost" || w == "about" || w == "around" || w == "some" || w == "over") {
			break // "the gala committee nearly 40 yrs": a duration after the noun phrase
		}
		if w == "handful" && s.is(k+1, "of") {
			n.quant = 5
			k++
			continue
		}
		if hobbyWords[w] {
			n.hobby = true
		}
		if w == "retired" || w == "former" || w == "ex" || w == "ex-" {
			n.retired = true
		}
		if t.cap && !s.sentenceStart(k) && (k > n.start || !s.is(k-1, "the")) {
			n.proper = true
		}
		n.words = append(n.words, s.singularAbbreviation(k))
	}
	if len(n.words) == 0 {
		return n, false
	}
	n.head = len(n.words) - 1
	n.end = k
	if !withPP {
		return n, true
	}
	if participle && (s.is(k+1, "here") || s.is(k+1, "locally") || s.is(k+1, "in") || s.is(k+1, "on") || s.is(k+1, "at")) {
		k++
	}
	// Where it is: "here", "in town", "in the village", "in <Place>", "on <Road>".
	if s.is(k, "here") || s.is(k, "locally") {
		n.local = true
		n.end = k + 1
		return n, true
	}
	switch w := s.lo(min(k, len(s.toks)-1)); w {
	case "of", "at", "in", "on", "for", "with", "out":
		j := k + 1
		if w == "out" && s.is(j, "of") {
			j++
		}
		placeNoun := s.is(j, "the") && (s.is(j+1, "village") || s.is(j+1, "town") || s.is(j+1, "area") || s.is(j+1, "valley") || s.is(j+1, "glen") || s.is(j+1, "dale") ||
			s.is(j+1, "county") || s.is(j+1, "island") || s.is(j+1, "parish") || s.is(j+1, "district") || s.is(j+1, "country") || s.is(j+1, "region") || s.is(j+1, "practice"))
		if placeNoun && j+2 < len(s.toks) && s.toks[j+2].kind == tokWord && s.toks[j+2].nl == 0 && s.wf[j+2]&fPrep == 0 && !clauseWords[s.lo(j+2)] && !copulas[s.lo(j+2)] && s.lo(j+2) != "and" && lexis.IsNoun(s.lo(j+2)) {
			placeNoun = false // "of the village school": the village modifies the noun
		}
		if s.is(j, "town") && !(j+1 < len(s.toks) && s.toks[j+1].kind == tokWord && lexis.IsNoun(s.lo(j+1)) && s.wf[j+1]&fPrep == 0) || placeNoun {
			n.local = true
			n.end = j + 1
			return n, true
		}
		if j < len(s.toks) && (s.toks[j].cap && !s.sentenceStart(j) || s.detailAt(j, KindPlace) >= 0) && s.toks[j].kind == tokWord && !s.is(j, "the") {
			// "in Settle", "out of Whitby", "on Arran": a named place.
			n.local = true
			n.end = j + 1
			return n, true
		}
		if pp, ok := s.readNP(j, true); ok {
			n.prep = w
			n.pp = &pp
			n.end = pp.end
			if pp.local {
				n.local = true
			}
		}
	}
	return n, true
}

// placeWords name the place a thing belongs to ("the village's", "the island's").
// possessiveDets before a place word make it a possessor all the same: "his town's
// gala", "their village's show".
var possessiveDets = map[string]bool{"his": true, "her": true, "their": true, "my": true, "your": true}

var placeWords = map[string]bool{"town": true, "village": true, "island": true, "parish": true,
	"valley": true, "glen": true, "dale": true, "county": true, "city": true, "practice": true, "area": true}

// longestServingEnd returns the token after "longest-serving" or "longest serving" at
// k, or -1.
func (s *scan) longestServingEnd(k int) int {
	switch {
	case s.is(k, "longest") && s.is(k+1, "-") && s.is(k+2, "serving"):
		return k + 3
	case s.is(k, "longest") && s.is(k+1, "serving"):
		return k + 2
	}
	return -1
}

// festivalTitles are the titles a town or an event gives one person a year ("May
// Queen", "Gala King", "Rose Princess").
var festivalTitles = map[string]bool{"queen": true, "king": true, "princess": true, "prince": true, "jarl": true, "lass": true, "lad": true, "cornet": true}

// fewWords are the vague small counts of "one of the few ...": about how many.
var fewWords = map[string]int{"few": 5, "handful": 5, "couple": 2}

// postParticiples are participles that follow a noun to say where or how its people
// are ("the growers left in the valley", "the only speaker held here").
var postParticiples = map[string]bool{"left": true, "held": true, "kept": true, "living": true,
	"working": true, "remaining": true, "based": true, "born": true, "bred": true}

// smallNumber reads a small count at token k: "two", "2", "twenty".
func (s *scan) smallNumber(k int) (int, bool) {
	if k >= len(s.toks) {
		return 0, false
	}
	w := s.lo(k)
	if n, ok := numberWords[w]; ok && n > 0 {
		return n, true
	}
	if s.toks[k].kind == tokNum {
		if n, err := strconv.Atoi(w); err == nil && n > 0 && n < 1000 {
			return n, true
		}
	}
	return 0, false
}

// sentenceStart reports that token k opens its sentence (its capital says nothing).
func (s *scan) sentenceStart(k int) bool {
	if k <= 0 {
		return true
	}
	if s.toks[k].nl > 0 {
		return true
	}
	p := s.lo(k - 1)
	return p == "." || p == "!" || p == "?" || p == ":" || p == "-" && s.toks[k-1].gap > 0 || p == "(" || p == "\""
}

// readRoles reads every clause about a person for jobs, roles and memberships.
func (s *scan) readRoles() {
	s.readOnly()
	s.readElided()
	s.readNews()
	s.readFamily()
	s.readRelativeClauses()
	s.readCountedAppositions()
	s.readCountedSets()
	s.readReligiousTitles()
	s.readProContracts()
	s.readTeamPositions()
	n := len(s.mentions)
	for mi := 0; mi < n; mi++ {
		m := s.mentions[mi]
		if m.person < 0 || m.kind == mAuthor && !s.authorSelf(m.i) {
			continue
		}
		if m.kind == mRole && m.detail >= 0 {
			// A role noun already found: tie it to an institution that follows ("the
			// harbourmaster here", "headteacher of the nursery") or comes before it
			// ("the abbey bell-ringer", "Kendal's town clerk").
			s.roleInstitution(m.detail, m.j)
			s.rolePremodified(m)
			if o := s.oneOfStart(&m); o >= 0 && s.out[m.detail].Count == 0 {
				// "one of the last handful of family growers": about that many.
				if n, ok := s.readNP(o, false); ok && n.quant > 1 {
					s.out[m.detail].Count = float64(n.quant)
				}
			}
			continue
		}
		if w := s.lo(m.i); m.kind == mPronoun && (w == "his" || w == "her") && (s.is(m.j, "job") || s.is(m.j, "work") || s.is(m.j, "living") || s.is(m.j, "trade") || s.is(m.j, "livelihood")) && copulas[s.lo2(m.j+1)] {
			// "His job is driving the Langholm bus": the gerund says what the job is.
			if k := m.j + 2; k < len(s.toks) && strings.HasSuffix(s.lo(k), "ing") {
				n := len(s.out)
				s.readPredicate(m.person, k)
				if verb := lexis.Lemma(s.lo(k), lexis.Verb); len(s.out) == n && lexis.IsVerb(verb) && verb != s.lo(k) {
					// "his livelihood is diving": the verb's agent is the trade.
					agent := agentNoun(verb)
					freq := rarity(agent)
					if o, ok := occupations.Default().Lookup(agent); ok {
						freq = occupationShare(o)
					}
					s.addRole(m.person, agent, freq, 0, 0, k, k+1)
				}
			} else if k+1 < len(s.toks) && strings.HasSuffix(s.lo(k+1), "ing") && s.toks[k].kind == tokWord {
				// "his job is whelk fishing": what is worked, then the work.
				s.nounGerundJob(m.person, k)
			}
			continue
		}
		if m.kind == mPronoun && (s.lo(m.i) == "his" || s.lo(m.i) == "her" && s.possessiveHer(m.i) || s.lo(m.i) == "him") {
			continue
		}
		if w := s.lo(m.i); m.kind == mPronoun && (w == "hes" || w == "shes" || w == "he's" || w == "she's") {
			// The pronoun carries its verb: read the predicate from it as from "is".
			s.readPredicate(m.person, m.i)
			continue
		}
		k := s.skipToPredicate(m.j)
		if k < 0 {
			continue
		}
		s.readPredicate(m.person, k)
	}
	s.readElidedCounts()
}

// readProContracts reads a professional sportsperson from what makes one: "signed his
// first pro contract", "signed a professional contract with", "turned pro". Such a
// person is a public figure of sport (terms.tsv prices professional footballers at
// about 7 in 100,000 people), whatever sport is named.
func (s *scan) readProContracts() {
	for k := 0; k+1 < len(s.toks); k++ {
		end := -1
		switch {
		case s.is(k, "turned") && (s.is(k+1, "pro") || s.is(k+1, "professional")):
			end = k + 2
		case s.is(k, "signed") || s.is(k, "signs") || s.is(k, "signing"):
			for m := k + 1; m < len(s.toks) && m <= k+5; m++ {
				if s.is(m, "contract") || s.is(m, "deal") {
					if s.hasWordsBefore(m, m-k, "pro", "professional", "scholarship") {
						end = m + 1
					}
					break
				}
			}
		}
		if end < 0 {
			continue
		}
		p := int(s.topicAt(k))
		if p < 0 || s.persons[p].role == SubjectAuthor {
			continue
		}
		freq := 7e-5
		for m := s.sent[s.sentOf[k]].start; m < s.sent[s.sentOf[k]].end; m++ {
			if s.toks[m].cap && (s.is(m, "league") || s.is(m, "premiership") || s.is(m, "championship") || s.is(m, "division")) {
				// "with a Premiership side": one league's squads, a few hundred players
				// (internal/risk/data/SOURCES.md, professional athlete).
				freq = 1e-5
			}
		}
		s.addOwned(p, Detail{Kind: KindPublicStatus, Value: "professional sportsperson", Frequency: freq, Confidence: 0.7}, k, end)
		k = end
	}
}

// readTeamPositions reads a place in a named team said without a verb of playing: a
// position and the team it is held for ("keeps goal for Penrhyn Athletic", "up front
// for the Rovers"), or a phrasal verb of turning out ("turns out for Ely City", "lines
// up for the Harlequins"). The team is the person's group, as "plays for" makes it.
func (s *scan) readTeamPositions() {
	for k := 0; k+2 < len(s.toks); k++ {
		j := -1
		switch {
		case (s.is(k, "in") || s.is(k, "between")) && (s.is(k+1, "goal") || s.is(k+1, "nets") || s.is(k+1, "the")) && s.is(k+2, "for"):
			if s.is(k+1, "the") {
				break // "in the queue for": only a bare position
			}
			j = k + 3
		case s.is(k, "up") && s.is(k+1, "front") && s.is(k+2, "for"):
			j = k + 3
		case (s.is(k, "out") || s.is(k, "up")) && s.is(k+1, "for") && k > 0:
			switch lexis.Lemma(s.lo(k-1), lexis.Verb) {
			case "turn", "line":
				j = k + 2
			}
		}
		if j < 0 {
			continue
		}
		n, ok := s.readNP(j, true)
		if !ok || !n.proper || !s.groupLike(n) {
			continue
		}
		p := int(s.topicAt(k))
		if p < 0 || s.persons[p].role == SubjectAuthor {
			continue
		}
		s.addMembership(p, n)
		k = n.end
	}
}

// religiousHouses are the communities a religious title belongs to ("a brother at the
// abbey"), with about how many members one has.
var religiousHouses = map[string]float64{"abbey": 15, "priory": 10, "monastery": 15, "convent": 15,
	"friary": 10, "nunnery": 15, "community": 20, "order": 30, "cathedral": 10}

// religiousTitleAt reads a kinship word used as a religious title at token i: "brother
// at the abbey", "Sister of the convent", "a father at the friary". It returns the
// token after the house, or -1.
func (s *scan) religiousTitleAt(i int) int {
	switch s.lo(i) {
	case "brother", "sister", "father", "mother", "brothers", "sisters", "fathers":
	default:
		return -1
	}
	switch s.lo2(i - 1) {
	case "his", "her", "my", "their", "our", "your", "whose":
		return -1 // "his sister at the convent school": a relative
	}
	k := i + 1
	if !s.is(k, "at") && !s.is(k, "of") && !s.is(k, "in") {
		return -1
	}
	k++
	if s.is(k, "the") || s.is(k, "a") || s.is(k, "an") {
		k++
	}
	for step := 0; step < 2 && k < len(s.toks); step++ {
		if _, ok := religiousHouses[s.lo(k)]; ok {
			if k+1 < len(s.toks) && s.toks[k+1].kind == tokWord && lexis.IsNoun(lexis.Lemma(s.lo(k+1), lexis.Noun)) && s.wf[k+1]&fPrep == 0 && !clauseWords[s.lo(k+1)] && !copulas[s.lo(k+1)] && s.lo(k+1) != "and" {
				return -1 // "the abbey road", "the convent school": a place named after it
			}
			return k + 1
		}
		k++ // "the Cistercian abbey", "the island abbey"
	}
	return -1
}

// readReligiousTitles gives the religious title read by religiousTitleAt to the person
// it is said of: one of the few members of that house.
func (s *scan) readReligiousTitles() {
	for i := range s.toks {
		end := s.religiousTitleAt(i)
		if end < 0 {
			continue
		}
		p := int(s.topicAt(i))
		if p < 0 || s.persons[p].role == SubjectAuthor {
			continue
		}
		title := "monk"
		switch s.lo(i) {
		case "sister", "sisters", "mother":
			title = "nun"
		case "father", "fathers":
			title = "priest"
		}
		count := religiousHouses[s.lo(end-1)]
		s.addOwned(p, Detail{Kind: KindOccupation, Value: title, Count: count, Confidence: 0.7, Frequency: rarity(title)}, i, end)
	}
}

// readCountedSets reads a person's place in a small set defined by what its members do
// ("she is one of the handful who dance under the hobby horse", "one of the three who
// still ring the bells"): the job the clause names if it names one, else the set
// itself as a group of that many.
func (s *scan) readCountedSets() {
	for k := 0; k+3 < len(s.toks); k++ {
		if !s.is(k, "one") || !s.is(k+1, "of") {
			continue
		}
		j := k + 2
		if s.is(j, "the") || s.is(j, "a") {
			j++
		}
		if s.is(j, "very") || s.is(j, "last") {
			j++
		}
		quant := fewWords[s.lo2(j)]
		if v, ok := s.smallNumber(j); ok {
			quant = v
		}
		if s.is(j, "small") && (s.is(j+1, "group") || s.is(j+1, "number") || s.is(j+1, "band") || s.is(j+1, "crew")) {
			quant, j = 5, j+1 // "one of the small group who ..."
		}
		if quant == 0 || !s.is(j+1, "who") && !s.is(j+1, "that") {
			continue
		}
		p := int(s.topicAt(k))
		if p < 0 || s.persons[p].role == SubjectAuthor {
			continue
		}
		v := j + 2
		if s.is(v, "still") || s.is(v, "now") {
			v++
		}
		if v >= len(s.toks) || s.toks[v].kind != tokWord {
			continue
		}
		before := len(s.out)
		s.countedClauseJob(p, np{start: k, end: v, oneOf: true, quant: quant})
		if len(s.out) > before || s.detailIn(KindOccupation, v, v+6) >= 0 {
			continue
		}
		// No job: the set itself, up to the end of the clause.
		end := v + 1
		for end < len(s.toks) && end < v+7 && s.toks[end].kind != tokPunct && !clauseWords[s.lo(end)] && s.lo(end) != "and" {
			end++
		}
		var words []string
		for m := v; m < end; m++ {
			words = append(words, s.lo(m))
		}
		s.addOwned(p, Detail{Kind: KindGroup, Value: "those who " + strings.Join(words, " "), Count: float64(quant), Confidence: 0.7}, k, end)
	}
}

// readCountedAppositions reads "one of the few ..." or "this year's ..." set off by a
// dash or a comma after the person it describes ("Lady of 70 - one of the very few women still fishing
// eels - with ..."): the same reading as after "she is".
func (s *scan) readCountedAppositions() {
	for k := 1; k+1 < len(s.toks); k++ {
		if !s.is(k-1, "-") && !s.is(k-1, ",") && !s.is(k-1, "(") && !s.is(k-1, "–") {
			continue
		}
		oneOf := s.is(k, "one") && s.is(k+1, "of")
		yearly := (s.is(k, "this") || s.is(k, "last")) && s.is(k+1, "year") && s.is(k+2, "'")
		if !oneOf && !yearly {
			continue
		}
		if oneOf && s.elidedCountAt(k) {
			continue // read after the predicates (readElidedCounts)
		}
		n, ok := s.readNP(k, true)
		if !(ok && (n.oneOf && n.quant > 0 || n.yearly)) {
			continue
		}
		p := int(s.topicAt(k))
		if p < 0 || s.persons[p].role == SubjectAuthor {
			continue
		}
		{
			// "Chap of 64, this year's festival king, came in ...": a title held
			// for the year, one holder.
			s.addPredicateNoun(p, n)
		}
	}
}

// readElidedCounts reads "one of the few/N" whose noun is left out ("a cider maker
// (one of the few left in the county)"): the count is of the role just before. It
// runs after the predicates, which set the role's own count.
func (s *scan) readElidedCounts() {
	for k := 1; k+1 < len(s.toks); k++ {
		if (s.is(k-1, "-") || s.is(k-1, ",") || s.is(k-1, "(") || s.is(k-1, "–")) && s.is(k, "one") && s.is(k+1, "of") {
			s.countElidedRole(k, true)
		}
	}
}

// elidedCountAt reports "one of the few/N" at k with its noun left out.
func (s *scan) elidedCountAt(k int) bool { return s.countElidedRole(k, false) }

// countElidedRole reports whether "one of the few/N" at k leaves its noun out and,
// when apply is set, gives its count to the occupation ending just before it in the
// sentence.
func (s *scan) countElidedRole(k int, apply bool) bool {
	j := k + 2
	if s.is(j, "the") || s.is(j, "a") {
		j++
	}
	if s.is(j, "last") || s.is(j, "very") || s.is(j, "remaining") {
		j++
	}
	quant := fewWords[s.lo(min(j, len(s.toks)-1))]
	if v, ok := s.smallNumber(j); ok {
		quant = v
	}
	if quant == 0 || j+1 >= len(s.toks) {
		return false
	}
	// The noun is elided when a participle or a place phrase follows the count
	// directly: "few remaining", "few left in", "three still working".
	switch s.lo(j + 1) {
	case "remaining", "left", "still", "in", "on", "around", "who", "that", "locally":
	default:
		return false
	}
	if !apply {
		return true
	}
	for d := range s.out {
		if s.out[d].Kind != KindOccupation || d >= len(s.dspan) || s.dspan[d].j < k-3 || s.dspan[d].j > k || s.sentOf[s.dspan[d].i] != s.sentOf[k] {
			continue
		}
		if s.out[d].Count == 0 {
			s.out[d].Count = float64(quant)
		}
	}
	return true
}

// readRelativeClauses reads the predicate of a relative clause whose antecedent is
// not right before it: "Chap in his 40s who drives a bus for a living", "A boy of 15,
// asthmatic, who plays in the academy". (Straight after the noun, "the lad who
// plays", the mention's own reading finds it.)
func (s *scan) readRelativeClauses() {
	for k := 1; k < len(s.toks); k++ {
		if !s.is(k, "who") || s.sentenceStart(k) {
			continue
		}
		mi := -1
		for m := len(s.mentions) - 1; m >= 0; m-- {
			x := &s.mentions[m]
			if x.j > k || x.person < 0 {
				continue
			}
			if s.sentOf[x.i] != s.sentOf[k] || x.j < k-10 {
				break
			}
			if x.kind != mAuthor && !(x.kind == mPronoun && (s.lo(x.i) == "his" || s.lo(x.i) == "her" && s.possessiveHer(x.i))) {
				mi = m
				break
			}
		}
		if mi < 0 || s.mentions[mi].j == k || s.mentions[mi].j == k-1 && s.is(k-1, ",") {
			continue
		}
		if p := s.skipToPredicate(k); p >= 0 {
			s.readPredicate(s.mentions[mi].person, p)
		}
	}
}

// skipToPredicate returns the token after a subject where its predicate starts,
// stepping over a relative pronoun, adverbs and auxiliaries ("who still runs", "has
// now been picked", "turns out he's"); -1 when none follows in the clause.
func (s *scan) skipToPredicate(k int) int {
	for steps := 0; k < len(s.toks) && steps < 5; steps++ {
		w := s.lo(k)
		switch w {
		case "who", "that", "also", "still", "now", "actually", "apparently", "just", "only", "even", "really",
			"already", "currently", "himself", "herself", "has", "have", "had", "also's", "'", "recently",
			"happily", "sadly", "luckily", "incidentally", "obviously", "clearly":
			k++
			continue
		case "used":
			if s.is(k+1, "to") {
				k += 2
				continue
			}
		case "got", "gets", "get", "getting":
			if k+1 < len(s.toks) && selectionWords[s.lo(k+1)] {
				k++ // "got picked as", "gets voted in": a passive of selection
				continue
			}
		case "i", "we":
			// A contact clause after the subject: "the chap I mentioned has been",
			// "the lady we saw in clinic is".
			if steps == 0 && k+1 < len(s.toks) && contactClauseVerbs[s.lo(k+1)] {
				for j := k + 2; j < len(s.toks) && j <= k+9 && s.toks[j].kind != tokPunct; j++ {
					if w := s.lo(j); w == "has" || w == "had" || w == "is" || w == "was" || copulas[w] {
						k = j
						break
					}
				}
				if k+1 < len(s.toks) && contactClauseVerbs[s.lo(k+1)] {
					return -1
				}
				continue
			}
		}
		if steps == 0 && (w == "(" || w == "-" || w == "–") {
			if e := s.asideEnd(k); e > k {
				k = e // "the girl (now on ethosuximide) got picked"
				continue
			}
		}
		if steps == 0 && w == "with" {
			if n, ok := s.readNP(k+1, false); ok && n.det != "" {
				k = n.end // "the lad with the nut allergy got picked"
				continue
			}
		}
		if s.toks[k].kind == tokPunct {
			return -1
		}
		return k
	}
	return -1
}

// contactClauseVerbs open a contact clause after a person ("the chap I mentioned", "the
// woman we saw last week").
var contactClauseVerbs = map[string]bool{
	"posted": true, "mentioned": true, "saw": true, "described": true, "wrote": true, "asked": true,
	"discussed": true, "told": true, "referred": true, "admitted": true, "visited": true, "met": true,
}

// readPredicate reads what is said of person p from token k.
func (s *scan) readPredicate(p int, k int) {
	w := s.lo(k)
	switch {
	case copulas[w] || w == "m" || w == "re" || w == "hes" || w == "shes" || w == "he's" || w == "she's":
		k++
		for s.is(k, "now") || s.is(k, "also") || s.is(k, "still") || s.is(k, "actually") || s.is(k, "basically") || s.is(k, "been") || s.is(k, "currently") || s.is(k, "just") || s.is(k, "recently") || s.is(k, "finally") || s.is(k, "back") || s.is(k, "out") || s.is(k, "off") || s.is(k, "away") {
			k++
		}
		if w := s.lo2(k); len(w) > 5 && strings.HasSuffix(w, "ing") && lexis.IsVerb(lexis.Lemma(w, lexis.Verb)) && lexis.Lemma(w, lexis.Verb) != w {
			// "he's back playing five-a-side", "she's working nights at the depot": the
			// gerund is the predicate's verb.
			s.readPredicate(p, k)
			return
		}
		switch {
		case selectionWords[s.lo(min(k, len(s.toks)-1))]:
			// "she has been selected for the team", "he was picked for the squad"
			s.readPredicate(p, k)
			return
		case (s.is(k, "a") || s.is(k, "an")) && (s.is(k+1, "member") || s.is(k+1, "volunteer")) && s.is(k+2, "of") ||
			(s.is(k, "member") || s.is(k, "part")) && s.is(k+1, "of"):
			// "he is a member of the cave rescue", "part of the dance troupe"
			j := k + 1
			for !s.is(j, "of") {
				j++
			}
			if g, ok := s.readNP(j+1, true); ok {
				s.addMembership(p, g)
			}
		case s.is(k, "in") || s.is(k, "on") || s.is(k, "with") || s.is(k, "part") && s.is(k+1, "of"):
			// "he's in the youth squad", "she's on the rescue team"; "she was in
			// the army": a service is a job.
			j := k + 1
			if s.is(k, "part") {
				j = k + 2
			}
			if g, ok := s.readNP(j, true); ok {
				if _, inst := institutionOf(g.words[:g.head+1]...); !inst && !g.proper && g.det == "the" && s.is(k, "in") {
					if o := sectorWorker(g.words[:g.head+1]); o != nil {
						s.addRole(p, o.Title, occupationShare(o), 0, 0, k, g.end)
						break
					}
				}
				s.addMembership(p, g)
			}
		case s.is(k, "retired") || s.is(k, "semi-retired"):
			s.readRetired(p, k)
		default:
			if n, ok := s.readNP(k, true); ok {
				s.addPredicateNoun(p, n)
			}
		}
	case w == "retired" || w == "retiring":
		s.readRetired(p, k)
	case w == "works" || w == "worked" || w == "working" || w == "work":
		j := k + 1
		for steps := 0; steps < 6 && (s.is(j, "away") || s.is(j, "full-time") || s.is(j, "part-time") || s.is(j, "shifts") || s.is(j, "nights") ||
			s.toks[min(j, len(s.toks)-1)].kind == tokNum || s.is(j, "on") && !s.is(j+1, "the") || s.is(j, "off") || s.is(j, "days") || s.is(j, "weeks")); steps++ {
			j++ // "works 3 on 3 off as", "works nights on"
		}
		if s.is(j, "offshore") {
			s.addRole(p, "offshore worker", 8e-4, 0, 0, k, j+1)
			return
		}
		if j < len(s.toks) && workPreps[s.lo(j)] {
			prep := s.lo(j)
			if prep == "out" && s.is(j+1, "of") {
				j++
			}
			if n, ok := s.readNP(j+1, true); ok {
				if prep == "as" {
					s.addPredicateNoun(p, n)
				} else {
					s.addWorkplace(p, n, k)
				}
			}
		}
	case selectionWords[w]:
		j := k + 1
		if s.is(j, "up") {
			j++
		}
		if s.is(j, "for") || s.is(j, "in") || s.is(j, "to") || s.is(j, "as") || s.is(j, "into") || s.is(j, "by") {
			if n, ok := s.readNP(j+1, true); ok {
				if s.is(j, "as") {
					if festivalTitles[lexis.Lemma(n.headWord(), lexis.Noun)] && (n.pp != nil || n.head > 0) {
						// "picked as may queen for the gala": a title chosen for the
						// year, whether or not the event's name is capitalised.
						n.yearly = true
					}
					s.addPredicateNoun(p, n)
				} else {
					s.addMembership(p, n)
				}
			}
		} else if j < len(s.toks) && headRoles[s.lo(j)] {
			// "elected president of the show", "named captain for the season": the
			// title follows the verb bare.
			if n, ok := s.readNP(j, true); ok {
				s.addPredicateNoun(p, n)
			}
		}
	default:
		lemma := lexis.Lemma(w, lexis.Verb)
		if groupVerbs[lemma] {
			j := k + 1
			_, job := jobVerbs[lemma] // "runs the pottery in the village" is a job
			if n, ok := s.readNP(j, false); ok && !job && n.end > j && !s.is(j, "in") && !s.is(j, "for") && !s.is(j, "with") && !s.is(j, "at") && !s.is(j, "on") &&
				(s.is(n.end, "with") || s.is(n.end, "in") || s.is(n.end, "for")) {
				// "sings the tenor solos with the choir": past the object, to the
				// group it is done with ("playing five-a-side on a Tuesday" is not).
				j = n.end
			}
			// "plays trombone in the band", "plays in defence for the club": skip the
			// instrument or position.
			for step := 0; step < 3 && j < len(s.toks); step++ {
				if s.is(j, "in") || s.is(j, "for") || s.is(j, "with") || s.is(j, "at") || s.is(j, "on") {
					if s.is(j, "in") && s.is(j+1, "goal") {
						j += 2
						continue
					}
					if n, ok := s.readNP(j+1, false); ok && (!s.groupLike(n) || n.det == "" && !n.proper) && (s.is(n.end, "for") || s.is(n.end, "with") || s.is(n.end, "at")) {
						// "in defence for the club", "on keys with the band": a position
						// (a bare noun, even one that can name a team), then the group.
						j = n.end
						continue
					}
					if n, ok := s.readNP(j+1, true); ok && s.groupLike(n) {
						s.addMembership(p, n)
						return
					}
					break
				}
				j++
			}
		}
		if s.is(k+1, "commercially") || s.is(k+1, "professionally") || s.is(k+1, "for") && s.is(k+2, "a") && s.is(k+3, "living") {
			// "dives commercially", "sings professionally", "fishes for a living"
			agent := agentNoun(lemma)
			s.addRole(p, agent, rarity(agent)/3, 0, 0, k, k+2)
			return
		}
		if kind, ok := jobVerbs[lemma]; ok && s.toks[k].kind == tokWord {
			s.readJobVerb(p, lemma, kind, k)
		} else if harvestVerbs[lemma] && s.toks[k].kind == tokWord {
			// "gathers cockles", "catches lobsters", "picks daffodils": a verb of
			// taking living things with a bare plural of them is a trade. ("picks
			// the kids up", "catches the bus" have a determiner or no such noun.)
			if obj, ok := s.readNP(k+1, false); ok && obj.det == "" && plural(obj.headWord()) && produce(obj.headWord()) {
				s.readJobVerb(p, lemma, 'a', k)
			}
		} else if s.toks[k].kind == tokWord && len(occupationsByVerb(lemma)) > 0 {
			if obj, ok := s.readNP(k+1, false); ok && verbOccupation(lemma, obj.headWord()) != nil || !ok && verbOccupation(lemma, "") != nil {
				s.readJobVerb(p, lemma, 'a', k)
			}
		}
	}
}

// groupLike reports a noun phrase that names a group or a team ("the colliery band",
// "Penrith Rovers", "the Wales under-15 squad").
func (s *scan) groupLike(n np) bool {
	if _, ok := institutionOf(n.words[:n.head+1]...); ok {
		return true // a group, or the staff or crew of an establishment ("the pilot boat")
	}
	return n.proper
}

// readJobVerb reads "runs the corner pharmacy", "captains one of the cruisers", "fishes".
func (s *scan) readJobVerb(p int, lemma string, kind byte, k int) {
	obj, ok := s.readNP(k+1, true)
	if !ok && (s.is(k+1, "at") || s.is(k+1, "for") || s.is(k+1, "in")) {
		// "teaches at a primary school", "cooks at the hotel", "drives for the
		// dairy": the verb's agent, working at that establishment.
		if place, ok := s.readNP(k+2, true); ok {
			if _, work := workplaceOf(place.words[:place.head+1]...); work || place.proper {
				// One detail, not two: the establishment's staff where the place
				// is read, else the agent's trade (the two are not independent).
				// "one of the local schools" names no one establishment: the
				// trade says more.
				if !place.oneOf && !plural(place.headWord()) {
					n := len(s.out)
					if s.addWorkplace(p, place, k); len(s.out) > n {
						return
					}
				}
				agent := agentNoun(lemma)
				freq := rarity(agent)
				if o, ok := occupations.Default().Lookup(agent); ok && !o.Mapped {
					freq = occupationShare(o)
				}
				s.addRole(p, agent, freq, 0, 0, k, k+1)
				return
			}
		}
	}
	if !ok || obj.headWord() == "" {
		if kind == 'n' {
			agent := agentNoun(lemma)
			s.addRole(p, agent, rarity(agent), 0, 0, k, k+1)
		}
		return
	}
	head := obj.words[:obj.head+1]
	if in, isInst := institutionOf(head...); isInst && in.group && (lemma == "lead" || lemma == "captain" || lemma == "chair" || lemma == "conduct" || lemma == "run" || lemma == "coach" || lemma == "manage" || lemma == "direct") {
		// "leads the drum corps", "captains the second eleven": the one at its head.
		count := 1.0
		if obj.oneOf || obj.det == "a" || obj.det == "an" {
			count = 3
		}
		s.addRole(p, lemma+" "+obj.text(), 0, count, 0, k, obj.end)
		return
	}
	if in, isInst := institutionOf(head...); isInst && !in.group {
		// Running, owning or keeping an establishment: one or two people per place.
		holders := 1.0
		if kind != 'i' && lemma != "keep" {
			holders = max(2, in.perUnit/3)
		}
		count, density := s.instCount(obj, in, holders)
		s.addRole(p, lemma+" "+obj.text(), 0, count, density, k, obj.end)
		return
	}
	if kind == 'i' && !((lemma == "run" || lemma == "operate") && obj.det == "the" && !plural(obj.headWord()) && lexis.IsA(lexis.Lemma(obj.headWord(), lexis.Noun), "conveyance")) {
		// "runs a marathon", "owns a dog": not a job. But "runs the passenger boat",
		// "runs the school bus": the one such vehicle the reader knows, a job.
		return
	}
	if (obj.det == "the" || obj.det == "his" || obj.det == "her" || obj.det == "their") && !plural(obj.headWord()) && lexis.IsA(lexis.Lemma(obj.headWord(), lexis.Noun), "domestic animal") {
		return // "walks the dog", "feeds her cat": her own animal, no trade
	}
	// Any other object: the occupation the verb and object name ("gathers mussels",
	// "shoes horses"), else the verb's agent ("skipper", "presenter").
	v := lemma + " " + obj.headWord()
	var freq float64
	if o := verbOccupation(lemma, obj.headWord()); o != nil {
		v = o.Title
		freq = occupationShare(o)
	} else {
		freq = rarity(agentNoun(lemma))
		// A rare thing worked with makes a rare job ("tends the sluice gates"); a
		// word no dictionary knows says nothing about how rare ("drives an artic":
		// slang for a common lorry).
		if c := lexis.Commonness(obj.headWord()); c >= 50 && lexis.IsNoun(lexis.Lemma(obj.headWord(), lexis.Noun)) {
			freq = min(freq, rarity(obj.headWord()))
		}
	}
	if obj.oneOf || obj.local || obj.proper {
		// "one of the pleasure cruisers out of the harbour": a handful in that place.
		freq = min(freq, 3e-4)
	}
	count := 0.0
	if obj.det == "the" && !obj.oneOf && !plural(obj.headWord()) && !openGround[obj.headWord()] {
		// "drives the mobile library van", "skippers the pilot boat", "keeps the
		// lighthouse": the definite article names the one such thing the reader
		// knows, and the few who work it.
		count = 3
	}
	s.addRole(p, v, freq, count, 0, k, obj.end)
}

// openGround are things worked by many at once, whatever the article: "fishes the sea",
// "works the land".
var openGround = map[string]bool{"sea": true, "land": true, "river": true, "coast": true, "hills": true,
	"fields": true, "road": true, "roads": true, "trains": true, "buses": true, "boats": true, "estuary": true,
	"moor": true, "fells": true, "ground": true, "soil": true, "tills": true, "phones": true, "door": true,
	"night": true, "day": true, "shift": true, "week": true, "weekend": true, "car": true}

// readRetired reads "retired after 30 years at the paper mill", "retired vicar", "retired
// from the police".
func (s *scan) readRetired(p int, k int) {
	j := k + 1
	if s.is(j, "after") {
		// "after 40 years at/in/on/as X"
		for m := j; m < len(s.toks) && m <= j+5; m++ {
			if s.is(m, "at") || s.is(m, "in") || s.is(m, "on") || s.is(m, "as") || s.is(m, "down") || s.is(m, "with") {
				if n, ok := s.readNP(m+1, true); ok {
					if s.is(m, "as") {
						s.addPredicateNoun(p, n)
					} else {
						s.addWorkplace(p, n, k)
					}
				}
				return
			}
		}
		return
	}
	// "retired last year from the railways", "retired early from the police".
	for m := j; m < j+3 && m < len(s.toks) && s.toks[m].kind == tokWord && !s.is(m, "as"); m++ {
		if s.is(m+1, "from") && (s.is(m, "early") || s.is(m, "recently") || s.is(m, "year") || s.is(m, "ago")) {
			j = m + 1
			break
		}
	}
	if s.is(j, "from") || s.is(j, "as") {
		if n, ok := s.readNP(j+1, true); ok {
			s.addWorkplace(p, n, k)
		}
		return
	}
	if n, ok := s.readNP(j, true); ok {
		n.retired = true
		s.addPredicateNoun(p, n)
	}
}

// addPredicateNoun records what a noun phrase said of a person makes them: a job or a
// role (priced by the occupation it names, or by how rare its word is), a membership
// when it names a group.
func (s *scan) addPredicateNoun(p int, n np) {
	head := n.headWord()
	if head == "" {
		return
	}
	lemma := lexis.Lemma(head, lexis.Noun)
	if in, ok := institutionOf(n.words[:n.head+1]...); ok && in.group && (n.det != "" || len(n.words) > 1) {
		// "she's in the choir", "he's lifeboat crew", "dad's first team"
		s.addMembership(p, n)
		return
	}
	if lemma == "player" && n.head > 0 && playerIdioms[n.words[n.head-1]] {
		return // "he's a team player": a quality, not a game
	}
	if pn, ok := personNouns[lemma]; ok || relativeNouns[lemma] != 0 {
		// "she's a lovely lady", "he's a dad of three": no job. But "one of the few
		// women still fishing eels": the job the clause after the people names,
		// held by that few.
		_ = pn
		if n.oneOf && n.quant > 0 {
			s.countedClauseJob(p, n)
		}
		return
	}
	cat, person := lexis.PersonNoun(lemma)
	festival := n.yearly || festivalTitles[lemma] && (n.owned || n.pp != nil && n.pp.proper)
	if festival {
		person, cat = true, lexis.Leader // "this year's carnival queen": a title held for the year
	}
	if !person && headRoles[lemma] && n.pp != nil {
		// "head of the village school", "chair of the parish council": the word is a
		// role where an institution follows it.
		if _, ok := institutionOf(n.pp.words[:n.pp.head+1]...); ok || n.pp.local && n.pp.det != "" {
			person, cat = true, lexis.Leader // or of a place's own event: "his town's gala"
		}
	}
	det := s.detailIn(KindOccupation, n.start, n.end)
	if det < 0 {
		det = s.detailIn(KindPublicStatus, n.start, n.end)
	}
	if !person && det < 0 {
		return
	}
	if n.det == "" && det < 0 && !uniqueRole(n.text()) && !n.oneOf && n.quant == 0 && !(headRoles[lemma] && n.pp != nil) && !festival {
		if _, known := occupations.Default().Lookup(n.text()); !known {
			return // "he's desperate to play": an adjective, not a role
		}
	}
	if cat == lexis.Patient || cat == lexis.Relative {
		return // "a diabetic", "a smoker": not a role
	}
	if det < 0 && !jobCategories[cat] && !uniqueRole(n.text()) && !headRoles[lemma] && !n.oneOf && n.pp == nil && !n.yearly {
		return // "he's a smoker", "she's a worrier": a habit or a temperament, not a job
	}
	freq := 0.0
	if det >= 0 {
		freq = s.out[det].Frequency
	}
	if freq == 0 {
		freq = rarity(lemma)
	}
	if n.hobby {
		freq = min(1, max(freq*30, 0.02))
	}
	if n.retired {
		// A former job is shared with everyone who ever did it and lives there now,
		// about as many again.
		freq = min(1, freq*1.5)
	}
	var count, density float64
	if n.quant == 1 && !n.oneOf {
		// "the only Welsh speaker in the prison": one, whatever the prison's size.
		s.addRoleOrDetail(p, n, det, freq, 1, 0)
		return
	}
	if n.pp != nil && !n.hobby {
		if in, ok := institutionOf(n.pp.words[:n.pp.head+1]...); ok {
			holders := max(2, in.perUnit/3)
			if uniqueRole(n.text()) {
				holders = 1
			}
			if in.group {
				// "the lead violinist with the orchestra": a role in one group
				holders = min(in.perUnit, holders)
				if n.det == "the" {
					holders = min(holders, 2)
				}
				count = holders
			} else {
				count, density = s.instCount(*n.pp, in, holders)
			}
		} else if n.pp.proper && n.det == "the" {
			// a role in a named body ("the principal cellist of the Hallé")
			count = 2
		}
	}
	if n.oneOf && n.quant > 0 {
		// "one of the three nurses at the surgery": the text's own count is the
		// number of holders, whatever the place's usual staff.
		count, density = float64(n.quant), 0
	} else if festival {
		// "last year's rose queen at the gala", "May Queen for the Royal May Day":
		// one a year.
		count, density = 1, 0
	} else if n.pp != nil && n.pp.local && n.pp.det != "" && !plural(n.pp.headWord()) && (headRoles[lemma] || festivalTitles[lemma]) && !n.hobby && count == 0 {
		// "elected president for his town's gala", "captain of the village's
		// team": the head of a place's own event or body is one person.
		count, density = 1, 0
	} else if n.pp == nil || n.hobby {
		if n.quant == 1 || (n.local || n.det == "our") && uniqueRole(n.text()) || n.yearly {
			count = 1 // "the only female thatcher", "the stationmaster here", "this year's carnival queen"
		} else if n.local && n.det == "the" {
			count = 3 // "the toll keeper on the bridge": one of a very few
		} else if n.proper && n.det == "the" && headRoles[lemma] && n.head > 0 {
			count = 1 // "the Harriers captain", "the Rovers manager": the one at a named body's head
		}
	}
	s.addRoleOrDetail(p, n, det, freq, count, density)
}

// nounGerundJob reads a trade named by what it works and a gerund ("whelk fishing",
// "lobster potting", "dry-stone walling") at k: one kind of the trade the verb names, a
// tenth of it (as "pig farmer" is of farmers).
func (s *scan) nounGerundJob(p, k int) {
	verb := lexis.Lemma(s.lo(k+1), lexis.Verb)
	if !lexis.IsVerb(verb) || !lexis.IsNoun(lexis.Lemma(s.lo(k), lexis.Noun)) {
		return
	}
	freq := rarity(agentNoun(verb))
	if o := verbOccupation(verb, ""); o != nil {
		freq = occupationShare(o)
	} else if o := verbOccupation(verb, s.lo(k)); o != nil {
		freq = occupationShare(o) * 10
	}
	agent := agentNoun(verb)
	if _, person := lexis.PersonNoun(agent); agent == verb && !person {
		agent = strings.TrimSuffix(verb, "e") + "er" // "shuck" -> "shucker"
	}
	s.addRole(p, s.lo(k)+" "+agent, freq/10, 0, 0, k, k+2)
}

// countedClauseJob reads the job in the clause after a counted set of people ("one of
// the few women still out fishing eels", "one of the two men who run the ferry") and
// gives it to person p with the set's count.
func (s *scan) countedClauseJob(p int, n np) {
	k := n.end
	for step := 0; step < 4 && k < len(s.toks); step++ {
		switch s.lo(k) {
		case "still", "out", "who", "that", "now", "there", "here", "left", "who've", "currently":
			k++
			continue
		}
		break
	}
	if k >= len(s.toks) || s.toks[k].kind != tokWord {
		return
	}
	lemma := lexis.Lemma(s.lo(k), lexis.Verb)
	before := len(s.out)
	switch kind, job := jobVerbs[lemma]; {
	case job:
		s.readJobVerb(p, lemma, kind, k)
	case harvestVerbs[lemma] || len(occupationsByVerb(lemma)) > 0:
		s.readJobVerb(p, lemma, 'a', k)
	}
	for d := range s.out {
		// The job just read, or the same words read earlier as a job of its own.
		if s.out[d].Kind == KindOccupation && (d >= before || d < len(s.dspan) && s.dspan[d].i == k) {
			s.out[d].Count, s.out[d].Density = float64(n.quant), 0
		}
	}
}

// addRoleOrDetail gives person p the role noun phrase n names: the dictionary's
// occupation detail det when there is one (with the place-bound count), else a new
// role detail.
func (s *scan) addRoleOrDetail(p int, n np, det int, freq, count, density float64) {
	if det >= 0 {
		d := &s.out[det]
		d.Count, d.Density = count, density
		if n.hobby {
			d.Frequency = freq
		}
		s.owner[det] = int32(p)
		return
	}
	s.addRole(p, n.text(), freq, count, density, n.start, n.end)
}

// roleInstitution ties a role noun already found to an institution that follows it:
// "headteacher of the nursery here", "warden of the youth hostel at the pass", "the
// stationmaster here".
func (s *scan) roleInstitution(det int, k int) {
	d := &s.out[det]
	if d.Count > 0 || d.Density > 0 {
		return
	}
	head := uniqueRole(d.Value)
	if mi := s.mentionOfDetail(det); mi >= 0 && s.mentions[mi].np < s.mentions[mi].i {
		// "the head brewer": the modifiers are part of the role.
		m := &s.mentions[mi]
		head = head || uniqueRole(s.n.text[s.toks[m.np].start:s.toks[m.j-1].end])
		for k := m.np; k < m.i; k++ {
			head = head || headRoles[s.lo(k)]
		}
	}
	if s.is(k, "-") && k+1 < len(s.toks) && s.toks[k+1].kind == tokWord && s.toks[k].gap == 0 {
		// "chef-owner", "landlord-manager": the compound's second part
		head = head || uniqueRole(s.lo(k+1)) || headRoles[s.lo(k+1)]
		k += 2
	}
	if s.is(k, "here") || s.is(k, "locally") {
		if head {
			d.Count = 1
		}
		return
	}
	if !(s.is(k, "of") || s.is(k, "at") || s.is(k, "in") || s.is(k, "on") || s.is(k, "for")) {
		return
	}
	pp, ok := s.readNP(k+1, true)
	if !ok {
		return
	}
	in, ok := institutionOf(pp.words[:pp.head+1]...)
	if !ok {
		return
	}
	holders := max(2, in.perUnit/3)
	if head {
		holders = 1
	}
	if in.group {
		holders = in.perUnit
		if head {
			holders = 1
		}
		d.Count = holders
		return
	}
	d.Count, d.Density = s.instCount(pp, in, holders)
}

// addWorkplace records working at an establishment: its staff in that place.
func (s *scan) addWorkplace(p int, n np, at int) {
	in, ok := workplaceOf(n.words[:n.head+1]...)
	if n.det == "the" && !n.local && !n.proper && n.quant == 0 && plural(n.headWord()) && !genericWorkplaces[n.headWord()] {
		// "worked on the railways", "down the pits": the trade at large, not one
		// establishment's staff.
		if o := sectorWorker(n.words[:n.head+1]); o != nil {
			s.addRole(p, o.Title, occupationShare(o), 0, 0, at, n.end)
			return
		}
		if ok && in.ukCount > 0 {
			s.addRole(p, "works at "+n.text(), 0, 0, in.ukCount/ukPeople*in.perUnit, at, n.end)
		}
		return
	}
	if !ok {
		if n.proper {
			// "works at Nissan", "at the Royal Mint": a named employer.
			s.addRole(p, "works at "+n.text(), 1e-3, 0, 0, at, n.end)
		} else if o := sectorWorker(n.words[:n.head+1]); o != nil && n.det == "the" {
			// "retired from the police", "worked for the railways": a service
			// named by its definite noun is known by the title of its workers.
			s.addRole(p, o.Title, occupationShare(o), 0, 0, at, n.end)
		}
		return
	}
	count, density := s.instCount(n, in, in.perUnit)
	s.addRole(p, "works at "+n.text(), 0, count, density, at, n.end)
}

// sectorWorker is the occupation whose title is a service's noun with "officer" or
// "worker" after it ("the police": police officer; "the railways": railway worker;
// "the fire service": fire officer), or nil.
func sectorWorker(words []string) *occupations.Occupation {
	x := occupations.Default()
	var stems []string
	phrase := strings.Join(words, " ")
	stems = append(stems, phrase, lexis.Lemma(phrase, lexis.Noun))
	if len(words) == 2 && (words[1] == "service" || words[1] == "services" || words[1] == "industry" || words[1] == "force") {
		stems = append(stems, words[0])
	}
	for _, st := range stems {
		for _, suf := range [...]string{" officer", " worker"} {
			if o, ok := x.Lookup(st + suf); ok && o.Title == st+suf && !o.Mapped {
				return o
			}
		}
	}
	return nil
}

// addMembership records belonging to a group: a named or local group has its usual
// size; an unnamed one ("plays in a band") is a pastime many share.
func (s *scan) addMembership(p int, n np) {
	in, ok := institutionOf(n.words[:n.head+1]...)
	size := 30.0
	if ok {
		size = in.perUnit
	}
	if !ok && !n.proper {
		return
	}
	if n.det == "a" || n.det == "an" {
		if !n.proper {
			s.addGroup(p, n.text(), 0.01, 0, n.start, n.end)
			return
		}
	}
	s.addGroup(p, n.text(), 0, size, n.start, n.end)
}

// instCount says how many people in the place hold a role at an establishment: a
// pinned one ("the nursery here", "the only pub") has holders people; "one of the N"
// has N times that; "one of the X" or "an X" scales with the population (density).
func (s *scan) instCount(n np, in instInfo, holders float64) (count, density float64) {
	switch {
	case n.quant > 0:
		return float64(n.quant) * holders, 0
	case n.oneOf || n.det == "a" || n.det == "an" || n.det == "":
		if in.ukCount > 0 {
			return 0, in.ukCount / ukPeople * holders
		}
		return 0, 0
	default:
		// "the shop", "the nursery in the village", "his local": one establishment.
		return holders, 0
	}
}

// addRole adds an occupation detail for person p over tokens [i, j).
func (s *scan) addRole(p int, value string, freq, count, density float64, i, j int) {
	if j <= i || j > len(s.toks) {
		return
	}
	if freq == 0 && count == 0 && density == 0 {
		freq = 1e-3
	}
	s.addOwned(p, Detail{Kind: KindOccupation, Value: value, Frequency: freq, Count: count, Density: density, Confidence: 0.7}, i, j)
}

// addGroup adds a membership detail for person p over tokens [i, j).
func (s *scan) addGroup(p int, value string, freq, count float64, i, j int) {
	if j <= i || j > len(s.toks) {
		return
	}
	s.addOwned(p, Detail{Kind: KindGroup, Value: value, Frequency: freq, Count: count, Confidence: 0.7}, i, j)
}

// addOwned adds a detail over tokens [i, j) that a reader has already given to person
// p, keeping the attach stage's per-detail slices in step with s.out.
func (s *scan) addOwned(p int, d Detail, i, j int) {
	n := len(s.out)
	s.add(d, i, j)
	if len(s.out) > n {
		s.owner = append(s.owner, int32(p))
		s.dspan = append(s.dspan, detailSpan{i, j})
	}
}

// detailIn returns the index of a detail of kind k inside tokens [i, j), or -1.
func (s *scan) detailIn(k Kind, i, j int) int {
	for d := range s.out {
		if s.out[d].Kind == k && d < len(s.dspan) && s.dspan[d].i >= i && s.dspan[d].j <= j {
			return d
		}
	}
	return -1
}

// occupationsByVerb lists the occupations a verb can say someone has.
func occupationsByVerb(lemma string) []occupations.VerbForm {
	return occupations.Default().ByVerb(lemma)
}

// agentNoun is the person who does what a verb says: WordNet's agent noun, or the
// verb itself for noun-verbs ("skipper", "crew").
func agentNoun(verb string) string {
	if o, job := occupations.Default().Lookup(verb); job && !o.Mapped {
		return verb // "nurse", "cook", "guide": the verb's own noun is the job
	}
	as := lexis.Agents(verb)
	// A job the occupation lists know first ("fly" gives "pilot"), then the plain
	// "-er" noun ("farm" gives "farmer", not the cookery writer "Fannie Farmer");
	// names (several words) last.
	for _, a := range as {
		if _, job := occupations.Default().Lookup(a); job && !strings.Contains(a, " ") {
			return a
		}
	}
	for _, a := range as {
		if !strings.Contains(a, " ") && strings.HasPrefix(a, strings.TrimSuffix(verb, "e")) {
			return a
		}
	}
	for _, a := range as {
		if !strings.Contains(a, " ") {
			return a
		}
	}
	if len(as) > 0 {
		return as[0]
	}
	return verb
}

// rarity is a conservative share of the population for a role word no occupation list
// prices: the rarer the word in English (its SCOWL size band), the fewer the people who
// hold the role. Common role words ("teacher", size 10-35) describe about 1 in 100;
// rare ones ("precentor", size 70+) about 1 in 10,000. Conservative: most role words are
// held by fewer people than their word frequency suggests.
func rarity(word string) float64 {
	switch c := lexis.Commonness(word); {
	case c == 0:
		return 1e-4
	case c <= 35:
		return 1e-2
	case c <= 50:
		return 3e-3
	case c <= 60:
		return 1e-3
	case c <= 70:
		return 3e-4
	default:
		return 1e-4
	}
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// wardWords are parts of an establishment that bound a set of people: "the only
// Polish speaker on the wing".
var wardWords = map[string]bool{"ward": true, "wing": true, "unit": true, "estate": true, "street": true, "landing": true, "block": true, "team": true, "shift": true}

// readOnly reads a person said to be the only one of a kind in a place: "the only
// female thatcher in the county", "only Tamil speaker on the ward", "the only
// Greek family on the estate". The clause's person (or family) is then
// one of one.
func (s *scan) readOnly() {
	for i := 0; i+1 < len(s.toks); i++ {
		switch s.lo(i) {
		case "only", "oldest", "youngest", "longest", "tallest", "first-ever":
		default:
			continue
		}
		if s.is(i-1, "not") || s.is(i+1, "just") {
			continue
		}
		at := i
		if s.is(i, "longest") {
			end := s.longestServingEnd(i)
			if end < 0 {
				continue
			}
			i = end - 1
		}
		if at != i && s.is(i+1, "of") {
			// "the longest-serving of the lot", "the longest-serving of the swingers":
			// the one who has done it longest among those who do it.
			end := i + 2
			for end < len(s.toks) && end < i+5 && s.toks[end].kind == tokWord {
				end++
			}
			if p := int(s.topicAt(at)); p >= 0 && s.persons[p].role != SubjectAuthor {
				s.addOwned(p, Detail{Kind: KindGroup, Value: "longest-serving " + strings.Join(s.words[i+1:end], " "), Count: 1, Confidence: 0.6}, at, end)
			}
			i = end - 1
			continue
		}
		n, ok := s.readNP(i+1, true)
		if ok && !n.local && n.pp != nil && s.lo(at) != "only" {
			// "the longest-serving swinger in the town": a superlative is over the
			// people the phrase after it names, wherever they are.
			n.local = true
		}
		if ok && !n.local && n.pp != nil {
			// "the only Polish speaker on the wing", "the only vet at the practice": a
			// place of work or residence bounds the set too.
			if _, inst := institutionOf(n.pp.words[:n.pp.head+1]...); inst || wardWords[n.pp.headWord()] {
				n.local = true
			}
		}
		if !ok || !n.local {
			continue
		}
		head := lexis.Lemma(n.headWord(), lexis.Noun)
		_, person := lexis.PersonNoun(head)
		family := head == "family" || head == "household" || head == "couple"
		if !person && !family && s.detailIn(KindOccupation, n.start, n.end) < 0 {
			continue
		}
		p := int(s.topicAt(i))
		if p < 0 {
			continue
		}
		kind := KindOccupation
		if family || !person {
			kind = KindGroup
		}
		if family {
			kind = KindFamily
		}
		word := s.lo(at)
		if at != i {
			word = "longest-serving"
		}
		s.addOwned(p, Detail{Kind: kind, Value: word + " " + n.text(), Count: 1, Confidence: 0.7}, at, n.end)
		i = n.end - 1
	}
}

// topicAt is the person the clause around token i is about, before the topics of the
// whole text are settled: the nearest earlier mention of a person in the sentence,
// else the post's first patient; -1 when neither.
func (s *scan) topicAt(i int) int32 {
	for mi := len(s.mentions) - 1; mi >= 0; mi-- {
		m := &s.mentions[mi]
		if m.i >= i || m.person < 0 || m.kind == mAuthor {
			continue
		}
		if s.sentOf[m.i] == s.sentOf[i] {
			return int32(m.person)
		}
		break
	}
	for k := range s.persons {
		if s.persons[k].role == SubjectPatient {
			return int32(k)
		}
	}
	return -1
}

// readElided reads clauses whose subject forum shorthand leaves out ("Drives
// for the dairy", "Runs the bakery on the quay", "Works nights as a forklift
// driver"): a sentence that opens on a verb in the third person or the past is about
// the post's patient, whom it makes if the post names no one else and the clause says
// what the patient does.
func (s *scan) readElided() {
	for k := 0; k < len(s.toks); k++ {
		// A sentence's first word, or a verb after a comma or "and" that starts a
		// coordinated predicate ("he is a joiner, runs his own firm").
		if !(k == 0 || s.sentenceStart(k) || s.toks[k].nl > 0 || s.is(k-1, ",") || s.is(k-1, "and") || s.is(k-1, ";") || s.is(k-1, "-") && s.toks[k-1].gap > 0) {
			continue
		}
		if s.is(k, "also") || s.is(k, "and") {
			k++
		}
		// "... and has just been called into the squad": auxiliaries and adverbs
		// before the verb.
		for steps := 0; steps < 4 && k < len(s.toks) && (s.is(k, "has") || s.is(k, "have") || s.is(k, "had") || s.is(k, "just") || s.is(k, "been") || s.is(k, "now") || s.is(k, "recently") || s.is(k, "already") || s.is(k, "also")); steps++ {
			k++
		}
		if k >= len(s.toks) || s.toks[k].kind != tokWord || s.mentionStartingAt(k) >= 0 {
			continue
		}
		w := s.lo(k)
		if selectionWords[w] && s.is(k-1, "been") {
			if p := int(s.topicAt(k)); p >= 0 {
				s.readPredicate(p, k)
			}
			continue
		}
		if !(strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ed")) || len(w) < 4 {
			continue
		}
		lemma := lexis.Lemma(w, lexis.Verb)
		if w == "does" || w == "did" {
			continue
		}
		if lemma == w || !lexis.IsVerb(lemma) {
			continue
		}
		if _, job := jobVerbs[lemma]; !job && !groupVerbs[lemma] && lemma != "work" && lemma != "retire" && len(occupationsByVerb(lemma)) == 0 {
			continue
		}
		p := int(s.topicAt(k))
		made := false
		if p < 0 {
			m := mention{i: k, j: k + 1}
			p = s.newPerson(SubjectPatient, &m)
			made = true
		}
		n := len(s.out)
		s.readPredicate(p, k)
		if made && len(s.out) == n {
			s.persons = s.persons[:len(s.persons)-1]
			s.nPatients--
		}
	}
}

// rolePremodified reads an institution or a place written before a role noun: "the
// abbey verger", "the village postmistress", "Kendal's town clerk", "the
// quarry foreman". A definite role tied so to one establishment or one town is held
// by one person (or the usual staff of that role there).
func (s *scan) rolePremodified(m mention) {
	d := &s.out[m.detail]
	if d.Count > 0 || d.Density > 0 || m.np >= m.i {
		return
	}
	definite := s.is(m.np, "the") || s.is(m.np, "our")
	possessivePlace := false
	for k := max(0, m.np-3); k < m.i; k++ {
		if s.is(k+1, "'") && (s.is(k+2, "s") || s.toks[k].cap) && (s.detailAt(k, KindPlace) >= 0 || placeNouns[s.lo(k)] || s.toks[k].cap && s.toks[k].kind == tokWord && pronounSex[s.lo(k)] == 0 && !s.ex.lex.commonWord(s.lo(k))) {
			possessivePlace = true // "Kendal's town clerk", "the island's police officer"
		}
	}
	var inst bool
	for k := m.np; k < m.i; k++ {
		if _, ok := institutionOf(s.lo(k)); ok || placeNouns[s.lo(k)] {
			inst = true // "the abbey verger", "the village postmistress"
		}
	}
	if !(definite && inst || possessivePlace) {
		return
	}
	townRole := false
	for k := m.np; k < m.j; k++ {
		townRole = townRole || placeNouns[s.lo(k)] // "the town crier", "the village postmistress"
	}
	if uniqueRole(d.Value) || headRoles[lexis.Lemma(lastWord(d.Value), lexis.Noun)] || townRole {
		d.Count = 1
	} else {
		d.Count = 2
	}
}

// placeNouns name a community as a whole: "the island's police officer", "the
// village's postmistress".
var placeNouns = map[string]bool{
	"island": true, "village": true, "town": true, "parish": true, "county": true, "city": true,
	"glen": true, "valley": true, "dale": true, "estate": true, "community": true, "borough": true,
}

// plural reports a plural noun ("railways", "mines"), by its noun lemma.
func plural(w string) bool {
	return strings.HasSuffix(w, "s") && lexis.Lemma(w, lexis.Noun) != w
}
