package places

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/mosaicgw/mosaic/internal/places/internal/norm"
)

// InstKind is what an institution is.
type InstKind uint8

// Kinds of institution.
const (
	Hospital    InstKind = iota + 1
	Practice             // GP practice, medical or health centre
	Trust                // NHS trust or foundation trust, NI HSC trust
	HealthBoard          // Scottish NHS board, Welsh local health board
	Prison
	University
	Service // a regional or national service, a locum pool, a network
)

var instKindNames = [...]string{"", "hospital", "practice", "trust", "health board", "prison", "university", "service"}

func (k InstKind) String() string {
	if int(k) < len(instKindNames) {
		return instKindNames[k]
	}
	return "institution"
}

// Scope is how widely an institution draws its patients.
type Scope uint8

// Scopes, narrowest first.
const (
	Local    Scope = iota + 1 // its own town: a practice, a community hospital, a prison
	District                  // its council area: a district general hospital, a trust
	Regional                  // its region or health board: a tertiary centre, a board-wide service
	National                  // its nation: a national service
)

var scopeNames = [...]string{"", "local", "district", "regional", "national"}

func (s Scope) String() string {
	if int(s) < len(scopeNames) {
		return scopeNames[s]
	}
	return "scope"
}

// Institution is a hospital, trust or health board with the place it is in and the
// population its patients are drawn from (Catchment).
type Institution struct {
	Name      string
	Kind      InstKind
	Place     *Place // its town, or for a health board its area
	Scope     Scope
	Catchment float64
	Alt       []string
}

// PrisonPopulation is the population a prison's healthcare draws from when the
// prison's own roll is not known: about 88,000 prisoners in England and Wales held in
// about 120 prisons (Ministry of Justice, Offender Management Statistics, 2024), so
// about 730 a prison.
const PrisonPopulation = 730

var instKindLetter = map[string]InstKind{"H": Hospital, "P": Practice, "T": Trust, "B": HealthBoard}
var scopeLetter = map[string]Scope{"L": Local, "D": District, "R": Regional, "N": National}

func (g *Gazetteer) loadInstitutions(data []byte) error {
	g.instKey = map[string][]int32{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		b := sc.Bytes()
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		f := strings.Split(string(b), "\t")
		if len(f) != 5 {
			return fmt.Errorf("%d fields in %q", len(f), b)
		}
		id, err := strconv.Atoi(f[2])
		if err != nil || id < 0 || id >= len(g.places) {
			return fmt.Errorf("bad place %q", f[2])
		}
		k, ok1 := instKindLetter[f[1]]
		s, ok2 := scopeLetter[f[3]]
		if !ok1 || !ok2 {
			return fmt.Errorf("bad kind or scope in %q", b)
		}
		in := Institution{Name: f[0], Kind: k, Place: &g.places[id], Scope: s}
		if f[4] != "" {
			in.Alt = strings.Split(f[4], "|")
		}
		in.Catchment = g.catchment(&in)
		g.insts = append(g.insts, in)
		n := int32(len(g.insts) - 1)
		for _, name := range append([]string{in.Name}, in.Alt...) {
			key := norm.Key(name)
			g.instKey[key] = append(g.instKey[key], n)
			if w := norm.Words(key); w > g.instMaxW {
				g.instMaxW = w
			}
		}
	}
	return sc.Err()
}

// district is the council area of a settlement (the area a district general hospital
// or a practice's district serves), or the area itself.
func (g *Gazetteer) district(p *Place) *Place {
	if p.Kind.Settlement() {
		if c := g.Ancestor(p, Council); c != nil {
			return c
		}
	}
	return p
}

// region is the region containing p (the nation in Northern Ireland), or p itself if
// it is a region, health area or nation.
func (g *Gazetteer) region(p *Place) *Place {
	switch p.Kind {
	case Region, HealthArea, Nation:
		return p
	}
	if r := g.Ancestor(p, Region); r != nil {
		return r
	}
	return g.Nation(p)
}

// scopeArea is the area whose population an institution of that scope at p serves.
func (g *Gazetteer) scopeArea(p *Place, s Scope) *Place {
	switch s {
	case Local:
		return p
	case District:
		return g.district(p)
	case Regional:
		return g.region(p)
	case National:
		return g.Nation(p)
	}
	return p
}

func (g *Gazetteer) catchment(in *Institution) float64 {
	if in.Place.Kind == HealthArea {
		return in.Place.Population
	}
	if in.Kind == Trust && in.Scope == District {
		// a trust named after its areas ("Leeds and York Partnership NHS Foundation
		// Trust") serves those councils
		if s := g.namedCouncils(in.Name, in.Place); s > 0 {
			return s
		}
	}
	return g.scopeArea(in.Place, in.Scope).Population
}

// namedCouncils sums the populations of the distinct councils named in s (directly or
// through a town they contain) in the nation of near.
func (g *Gazetteer) namedCouncils(s string, near *Place) float64 {
	nation := g.Nation(near)
	seen := map[int32]bool{}
	sum := 0.0
	for _, m := range g.mentions(splitWords(s), -1, -1) {
		p := g.Resolve(m.text, nation.Name)
		if p == nil || g.Nation(p) != nation {
			continue
		}
		c := g.district(p)
		if c.Kind != Council || seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		sum += c.Population
	}
	return sum
}

// Institution returns the institutions with that name or alternative name.
func (g *Gazetteer) Institution(name string) []*Institution {
	ids := g.instKey[norm.Key(name)]
	out := make([]*Institution, len(ids))
	for i, id := range ids {
		out[i] = &g.insts[id]
	}
	return out
}

// Institutions calls yield with every institution until it returns false.
func (g *Gazetteer) Institutions(yield func(*Institution) bool) {
	for i := range g.insts {
		if !yield(&g.insts[i]) {
			return
		}
	}
}

// Profile is where an author's patients come from.
type Profile struct {
	Place       *Place       // the place named (an institution's town or area)
	Population  float64      // the population the patients are drawn from
	Scope       Scope        // how widely
	Reason      string       // one line: what was recognised
	Institution *Institution // the institution recognised, if any
}

// word is a word of a profile string.
type word struct {
	text  string
	upper bool // starts with a capital letter
	seg   int  // segment number: commas, brackets, semicolons and slashes separate segments
}

func splitWords(s string) []word {
	var out []word
	anyUpper := strings.IndexFunc(s, unicode.IsUpper) >= 0
	seg := 0
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			// in a string written all in lower case every word may start a place name
			out = append(out, word{text: string(cur), upper: !anyUpper || unicode.IsUpper(cur[0]) || unicode.IsDigit(cur[0]), seg: seg})
			cur = cur[:0]
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '.':
			cur = append(cur, r)
		case r == ',' || r == '(' || r == ')' || r == ';' || r == '/' || r == '|' || r == ':':
			flush()
			seg++
		default:
			flush()
		}
	}
	flush()
	return out
}

type mention struct {
	text     string
	from, to int // word span [from, to)
}

// noPlaceWords never start a place mention in a profile on their own.
var noPlaceWords = map[string]bool{
	"nhs": true, "hospital": true, "hospitals": true, "centre": true, "center": true, "medical": true,
	"surgery": true, "practice": true, "health": true, "trust": true, "board": true, "university": true,
	"service": true, "services": true, "team": true, "unit": true, "clinic": true, "general": true,
	"royal": true, "ft": true, "uhb": true, "hmp": true, "hmyoi": true, "gp": true, "the": true,
	"and": true, "of": true, "for": true, "partnership": true, "foundation": true, "community": true,
	"mental": true, "adult": true, "child": true, "children": true, "locum": true, "pool": true,
	"remote": true, "rural": true, "infirmary": true, "city": true, "county": true, "district": true,
	"national": true, "regional": true, "south": true, "north": true, "east": true, "west": true,
	"central": true, "st": true, "new": true, "old": true, "upper": true, "lower": true, "great": true,
	"little": true, "park": true, "green": true, "house": true, "street": true, "road": true,
}

// mentions finds place names in words (longest first, left to right, each starting with
// a capital and kept within a segment), skipping the span [skipFrom, skipTo).
func (g *Gazetteer) mentions(ws []word, skipFrom, skipTo int) []mention {
	var out []mention
	maxW := min(g.maxWords, 6)
	for i := 0; i < len(ws); i++ {
		if i >= skipFrom && i < skipTo || !ws[i].upper {
			continue
		}
		for n := maxW; n >= 1; n-- {
			j := i + n
			if j > len(ws) || ws[j-1].seg != ws[i].seg || (skipFrom < j && i < skipTo) {
				continue
			}
			parts := make([]string, n)
			for k := range parts {
				parts[k] = ws[i+k].text
			}
			text := strings.Join(parts, " ")
			key := norm.Key(text)
			if n == 1 && noPlaceWords[key] {
				continue
			}
			if _, ok := g.byKey[key]; ok {
				out = append(out, mention{text: text, from: i, to: j})
				i = j - 1
				break
			}
		}
	}
	return out
}

var (
	rePrison    = regexp.MustCompile(`(?i)\b(hmp|hmyoi|yoi|prison|young offender)`)
	rePractice  = regexp.MustCompile(`(?i)medical cent(re|er)|\bmeddygfa\b|canolfan iechyd|\bsurgery\b|health cent(re|er)|\bpractice\b|\bgp\b|\bgeneral practi`)
	reHospital  = regexp.MustCompile(`(?i)hospital|infirmary|\bysbyty\b`)
	reTrust     = regexp.MustCompile(`(?i)\btrust\b|\bnhs ft\b|\bnhsft\b`)
	reBoard     = regexp.MustCompile(`(?i)health board|\buhb\b|\bthb\b`)
	reUniv      = regexp.MustCompile(`(?i)\buniversity\b`)
	reService   = regexp.MustCompile(`(?i)\bservice|\bpool\b|\bnetwork\b|\bregional\b|\btertiary\b|\blocum|\bretrieval\b|\bteam\b|\bunit\b`)
	reNationalW = regexp.MustCompile(`(?i)\bnational\b`)
	reTertiaryW = regexp.MustCompile(`(?i)children'?s hospital|hospital for (sick )?children|\bcancer\b|\bheart\b|neuro|cardiothoracic|\bspecialist\b|\btertiary\b|\bregional\b`)
	reCommunity = regexp.MustCompile(`(?i)community hospital|cottage hospital|memorial hospital`)
	reTeaching  = regexp.MustCompile(`(?i)university hospital|royal infirmary|teaching hospital`)
	reInstWord  = regexp.MustCompile(`(?i)^(ysbyty|meddygfa|hospital|infirmary|medical|surgery|health|practice|clinic|general|community|district|royal|university)$`)
)

// ResolveProfile reads an author's free-text practice location ("Hawes, Wensleydale
// (North Yorkshire)", "NHS Highland remote & rural locum pool", "University Hospital
// of Wales, Cardiff", "HMP Parc, Bridgend", "Leeds and York Partnership NHS FT") and
// returns where the author's patients come from: the place, the population they are
// drawn from (a practice: its town; a district general hospital: its council area; a
// regional or national service: the region, board or nation; a prison: the prison's
// roll, PrisonPopulation), and a one-line reason. Place is nil when nothing is
// recognised.
func (g *Gazetteer) ResolveProfile(location string) Profile {
	ws := splitWords(location)
	// 1. an institution named in full (longest match)
	var inst *Institution
	instFrom, instTo := -1, -1
	for n := min(g.instMaxW, len(ws)); n >= 1 && inst == nil; n-- {
		for i := 0; i+n <= len(ws); i++ {
			if ws[i+n-1].seg != ws[i].seg {
				continue
			}
			parts := make([]string, n)
			for k := range parts {
				parts[k] = ws[i+k].text
			}
			if ids := g.instKey[norm.Key(strings.Join(parts, " "))]; len(ids) > 0 {
				inst, instFrom, instTo = &g.insts[ids[0]], i, i+n
				break
			}
		}
	}
	// 2. places named outside it (and outside a prison's own name: "HMP Parc")
	skipFrom, skipTo := instFrom, instTo
	if inst == nil {
		for i, w := range ws {
			if k := strings.ToLower(w.text); k == "hmp" || k == "hmyoi" || k == "yoi" {
				skipFrom, skipTo = i, i+1
				for skipTo < len(ws) && ws[skipTo].seg == w.seg {
					skipTo++
				}
				break
			}
		}
	}
	ms, resolved := g.resolveMentions(ws, skipFrom, skipTo)
	if inst != nil && len(resolved) > 0 {
		// several institutions may share the name ("University Hospital"): take the one
		// near a place named with it, and none if no place named agrees
		ids := g.instKey[norm.Key(strings.Join(wordTexts(ws[instFrom:instTo]), " "))]
		inst = nil
		for _, id := range ids {
			for _, p := range resolved {
				if p != nil && inst == nil && g.consistent(&g.insts[id], p) {
					inst = &g.insts[id]
				}
			}
		}
		if inst == nil {
			ms, resolved = g.resolveMentions(ws, -1, -1)
		}
	}
	if inst != nil {
		note := ""
		if ids := g.instKey[norm.Key(strings.Join(wordTexts(ws[instFrom:instTo]), " "))]; len(ids) > 1 && len(resolved) == 0 {
			// the name is shared and nothing else says which: take the smallest
			// catchment, the cautious reading for re-identification
			for _, id := range ids {
				c := &g.insts[id]
				better := c.Catchment < inst.Catchment
				if c.Place.Estimated != inst.Place.Estimated {
					better = inst.Place.Estimated // a published figure over an estimate
				}
				if better {
					inst = c
				}
			}
			note = fmt.Sprintf(" (%d institutions share the name; the smallest catchment taken)", len(ids))
		}
		return Profile{Place: inst.Place, Population: inst.Catchment, Scope: inst.Scope, Institution: inst,
			Reason: fmt.Sprintf("%s %s (%s): patients drawn from %s, %s%s", inst.Kind, inst.Name, inst.Place.Name,
				g.scopeLabel(inst), fmtPop(inst.Catchment), note)}
	}
	// the most specific place: the first settlement named that is not part of an
	// institution's name ("Raigmore Hospital, Inverness"), else the first settlement,
	// else the smallest area
	var place *Place
	for i, p := range resolved {
		if p == nil || !p.Kind.Settlement() || g.containsOther(p, resolved) {
			continue
		}
		if !partOfName(ws, ms[i]) {
			place = p
			break
		}
		if place == nil {
			place = p
		}
	}
	if place == nil {
		for _, p := range resolved {
			if p != nil && (place == nil || p.Population < place.Population) {
				place = p
			}
		}
	}
	if place == nil {
		return Profile{Reason: "no place recognised"}
	}
	var scope Scope
	var kind string
	switch {
	case rePrison.MatchString(location):
		return Profile{Place: place, Population: PrisonPopulation, Scope: Local,
			Reason: fmt.Sprintf("prison at %s: patients are its prisoners (typical roll %d)", place.Name, PrisonPopulation)}
	case rePractice.MatchString(location):
		kind, scope = "practice", Local
	case reHospital.MatchString(location):
		kind = "hospital"
		switch {
		case reNationalW.MatchString(location):
			scope = National
		case reTertiaryW.MatchString(location):
			scope = Regional
		case reCommunity.MatchString(location):
			scope = Local
		case reTeaching.MatchString(location) && g.district(place).Population >= 200000:
			scope = Regional
		default:
			scope = District
		}
	case reBoard.MatchString(location):
		kind, scope = "health board", Regional
	case reTrust.MatchString(location):
		kind, scope = "trust", District
	case reUniv.MatchString(location):
		kind, scope = "university", District
	case reService.MatchString(location):
		kind, scope = "service", g.areaScope(place, District)
	default:
		kind, scope = "place", g.areaScope(place, Local)
	}
	if scope == Local && !place.Kind.Settlement() {
		scope = g.areaScope(place, Local)
	}
	area := g.scopeArea(place, scope)
	if place.Kind == HealthArea || place.Kind == County || (place.Kind == Council && scope < Regional) {
		area = place
	}
	return Profile{Place: place, Population: area.Population, Scope: scope,
		Reason: fmt.Sprintf("%s at %s (%s): patients drawn from %s, %s", kind, place.Name, place.Kind, area.Name, fmtPop(area.Population))}
}

// areaScope is the scope a bare place implies: a settlement its own (def), a council or
// county a district, a region or health area a region, a nation the nation.
func (g *Gazetteer) areaScope(p *Place, def Scope) Scope {
	switch p.Kind {
	case Nation:
		return National
	case Region, HealthArea:
		return Regional
	case Council, County:
		return District
	}
	return def
}

func (g *Gazetteer) scopeLabel(in *Institution) string {
	if in.Place.Kind == HealthArea {
		return "the board's area"
	}
	if in.Kind == Trust && in.Scope == District {
		return "the areas it serves"
	}
	return g.scopeArea(in.Place, in.Scope).Name + " (" + in.Scope.String() + ")"
}

// resolveMentions finds the place names in ws outside [skipFrom, skipTo) and resolves
// each with the others as context; resolved[i] is nil where mention i has no reading.
func (g *Gazetteer) resolveMentions(ws []word, skipFrom, skipTo int) ([]mention, []*Place) {
	ms := g.mentions(ws, skipFrom, skipTo)
	resolved := make([]*Place, len(ms))
	for i, m := range ms {
		var ctx []string
		for j, o := range ms {
			if j != i {
				ctx = append(ctx, o.text)
			}
		}
		resolved[i] = g.Resolve(m.text, ctx...)
	}
	return ms, resolved
}

// consistent reports whether institution in could be the one meant next to place p:
// a health board in the same nation, else a place in the same council area or one
// containing the other.
func (g *Gazetteer) consistent(in *Institution, p *Place) bool {
	if in.Place.Kind == HealthArea {
		return g.Nation(in.Place) == g.Nation(p)
	}
	return g.district(in.Place) == g.district(p) || g.within(in.Place, p.ID) || g.within(p, in.Place.ID)
}

// containsOther reports whether p (an island) contains another of the places named,
// so that the more specific one is taken ("Portree, Isle of Skye" is Portree).
func (g *Gazetteer) containsOther(p *Place, resolved []*Place) bool {
	for _, q := range resolved {
		if q != nil && q != p && q.Kind.Settlement() && g.within(q, p.ID) {
			return true
		}
	}
	return false
}

// partOfName reports whether a mention is followed by an institution word, as
// "Raigmore" in "Raigmore Hospital".
func partOfName(ws []word, m mention) bool {
	return m.to < len(ws) && ws[m.to].seg == ws[m.from].seg && reInstWord.MatchString(ws[m.to].text)
}

func wordTexts(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.text
	}
	return out
}

func fmtPop(v float64) string {
	s := strconv.FormatInt(int64(v+0.5), 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + " people"
}
