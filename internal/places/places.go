// Package places is a gazetteer of the United Kingdom for estimating how many people
// match a published detail: settlements of the four nations down to hamlets, each
// with a population and its chain of containing areas (island, council, county,
// region, nation), alternative names (Welsh, Gaelic, Irish), inhabited islands and
// island groups, administrative and health areas with populations, population by age
// and sex, and NHS institutions with the place and catchment their patients come from.
//
// The data are embedded (data/*.tsv, built by internal/gen from public sources listed
// in data/SOURCES.md; data/islands.tsv is licensed CC BY-SA 4.0) and loaded once by
// Default.
package places

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/mosaicgw/mosaic/internal/places/internal/norm"
)

//go:embed data/places.tsv
var placesTSV []byte

// islands.tsv is licensed separately (CC BY-SA 4.0; see data/SOURCES.md).
//
//go:embed data/islands.tsv
var islandsTSV []byte

//go:embed data/agesex.tsv
var ageSexTSV []byte

//go:embed data/institutions.tsv
var institutionsTSV []byte

// Kind is what a place is.
type Kind uint8

// Kinds of place. Nation, Region, County and Council form the containment chain;
// HealthArea (an NHS board, local health board or HSC trust area) and Northern
// Ireland's historic counties are linked from the councils they cover (Place.Also)
// but are not in the chain. The rest are settlements, and islands: an Island sits in
// the chain between its council and the settlements on it (Tobermory, Mull, Argyll and
// Bute, Highlands and Islands, Scotland), or under the island it is part of (Lewis
// under Lewis and Harris); an island group (Inner Hebrides, Small Isles) is an Island
// under its region or council, linked from its islands (Place.Also). Island counts as
// a settlement (Kind.Settlement): it is a populated place, named and resolved like one.
const (
	Nation     Kind = iota + 1
	Region          // English region; Welsh and Scottish regions; none in Northern Ireland
	County          // English county or metropolitan county; Northern Ireland historic county
	Council         // local authority: district, unitary, London borough, Scottish council area, Welsh principal area, NI district
	HealthArea      // Scottish NHS board, Welsh local health board, NI HSC trust
	City
	Town
	Village
	Hamlet
	Suburb   // named part of a town or city
	Locality // other named settlement (a farmstead group, a crofting township)
	Island   // an inhabited island, a part of one (Lewis, Harris) or a group of islands
)

var kindNames = [...]string{"", "nation", "region", "county", "council", "health area", "city", "town", "village", "hamlet", "suburb", "locality", "island"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind" + strconv.Itoa(int(k))
}

// Settlement reports whether k is a populated place rather than an area. Islands
// count as settlements.
func (k Kind) Settlement() bool { return k >= City }

// Source of a population figure.
const (
	SourceCensus   = 'c' // census or official estimate for the area itself
	SourceMYE      = 'm' // ONS mid-2014 estimate (a district abolished or merged since)
	SourceGeoNames = 'g' // GeoNames figure for the settlement
	SourceSum      = 's' // sum of the figures of its parts
	SourceTyped    = 't' // published figure typed from the table cited in data/SOURCES.md
	SourceEstimate = 'e' // estimate: by feature type for settlements, apportioned for NI areas
)

// Place is a settlement or an area.
type Place struct {
	ID         int32
	Name       string
	Kind       Kind
	Population float64
	Estimated  bool  // the population is an estimate (Source == SourceEstimate)
	Source     byte  // one of the Source constants
	Parent     int32 // containing area, -1 at a nation
	Island     bool  // an island, or a settlement on one
	Alt        []string
	Also       []int32 // areas covering this one outside the chain (health areas, NI counties)
}

func (p *Place) String() string { return p.Name + " (" + p.Kind.String() + ")" }

// Gazetteer holds the places, their names and the age-sex tables.
type Gazetteer struct {
	places   []Place
	byKey    map[string][]int32 // name key -> places, most populous first
	maxWords int
	ages     map[int32]*ageTable
	insts    []Institution
	instKey  map[string][]int32
	instMaxW int
}

var (
	defOnce sync.Once
	def     *Gazetteer
)

// Default is the embedded gazetteer, loaded on first use. It panics only if the
// embedded data are corrupt.
func Default() *Gazetteer {
	defOnce.Do(func() {
		g, err := load()
		if err != nil {
			panic("places: corrupt embedded data: " + err.Error())
		}
		def = g
	})
	return def
}

func load() (*Gazetteer, error) {
	g := &Gazetteer{byKey: make(map[string][]int32, 60000)}
	if err := g.loadPlaces(placesTSV, islandsTSV); err != nil {
		return nil, err
	}
	if err := g.loadAges(ageSexTSV); err != nil {
		return nil, fmt.Errorf("agesex.tsv: %w", err)
	}
	if err := g.loadInstitutions(institutionsTSV); err != nil {
		return nil, fmt.Errorf("institutions.tsv: %w", err)
	}
	return g, nil
}

var kindLetter = map[byte]Kind{'N': Nation, 'R': Region, 'C': County, 'L': Council, 'H': HealthArea,
	'Y': City, 'T': Town, 'V': Village, 'M': Hamlet, 'S': Suburb, 'O': Locality, 'I': Island}

// loadPlaces reads places.tsv and then islands.tsv, whose ids continue those of
// places.tsv (settlements in places.tsv name islands as their parent).
func (g *Gazetteer) loadPlaces(files ...[]byte) error {
	total := 0
	for _, data := range files {
		total += bytes.Count(data, []byte{'\n'})
	}
	g.places = make([]Place, 0, total)
	for i, data := range files {
		if err := g.readPlaces(data); err != nil {
			return fmt.Errorf("%s: %w", [...]string{"places.tsv", "islands.tsv"}[min(i, 1)], err)
		}
	}
	return g.indexPlaces()
}

func (g *Gazetteer) readPlaces(data []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		f := strings.Split(string(b), "\t")
		if len(f) != 8 {
			return fmt.Errorf("line %d: %d fields", line, len(f))
		}
		id, err1 := strconv.Atoi(f[0])
		parent, err2 := strconv.Atoi(f[1])
		pop, err3 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil || err3 != nil || id != len(g.places) || len(f[2]) == 0 || len(f[4]) != 1 {
			return fmt.Errorf("line %d: bad record", line)
		}
		k, ok := kindLetter[f[2][0]]
		if !ok {
			return fmt.Errorf("line %d: kind %q", line, f[2])
		}
		p := Place{ID: int32(id), Name: f[5], Kind: k, Population: pop, Source: f[4][0],
			Estimated: f[4][0] == SourceEstimate, Parent: int32(parent), Island: k == Island || strings.HasSuffix(f[2], "i")}
		if f[6] != "" {
			p.Alt = strings.Split(f[6], "|")
		}
		if f[7] != "" {
			for _, a := range strings.Split(f[7], ",") {
				x, err := strconv.Atoi(a)
				if err != nil {
					return fmt.Errorf("line %d: also %q", line, a)
				}
				p.Also = append(p.Also, int32(x))
			}
		}
		g.places = append(g.places, p)
	}
	return sc.Err()
}

func (g *Gazetteer) indexPlaces() error {
	n := int32(len(g.places))
	for i := range g.places {
		p := &g.places[i]
		if p.Parent >= n || (p.Parent < 0 && p.Kind != Nation) {
			return fmt.Errorf("place %d: parent %d", i, p.Parent)
		}
		for _, a := range p.Also {
			if a < 0 || a >= n {
				return fmt.Errorf("place %d: also %d", i, a)
			}
		}
	}
	for i := range g.places {
		p := &g.places[i]
		depth := 0
		for a := p.Parent; a >= 0; a = g.places[a].Parent {
			if depth++; depth > 16 {
				return fmt.Errorf("place %d: chain does not end at a nation", i)
			}
		}
		for _, n := range p.spellings() {
			g.addName(n, p.ID)
		}
	}
	for k, ids := range g.byKey {
		sort.SliceStable(ids, func(i, j int) bool {
			return g.places[ids[i]].Population > g.places[ids[j]].Population
		})
		g.byKey[k] = ids
	}
	return nil
}

func (g *Gazetteer) addName(name string, id int32) {
	k := norm.Key(name)
	if k == "" {
		return
	}
	ids := g.byKey[k]
	for _, x := range ids {
		if x == id {
			return
		}
	}
	g.byKey[k] = append(ids, id)
	if w := norm.Words(k); w > g.maxWords {
		g.maxWords = w
	}
}

// Len is the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

// Place returns the place with that ID, or nil.
func (g *Gazetteer) Place(id int32) *Place {
	if id < 0 || int(id) >= len(g.places) {
		return nil
	}
	return &g.places[id]
}

// Lookup returns every place with that name or alternative name, most populous first.
// Matching ignores case, accents, punctuation and hyphens ("Stratford-upon-Avon" =
// "stratford upon avon"), treats "St", "St." and "Saint" alike and drops a leading "the".
func (g *Gazetteer) Lookup(name string) []*Place {
	ids := g.byKey[norm.Key(name)]
	if len(ids) == 0 {
		return nil
	}
	out := make([]*Place, len(ids))
	for i, id := range ids {
		out[i] = &g.places[id]
	}
	return out
}

// Chain returns p, its parents, ..., its nation.
func (g *Gazetteer) Chain(p *Place) []*Place {
	if p == nil {
		return nil
	}
	out := []*Place{p}
	for a := p.Parent; a >= 0; a = g.places[a].Parent {
		out = append(out, &g.places[a])
	}
	return out
}

// Nation is the nation containing p.
func (g *Gazetteer) Nation(p *Place) *Place {
	c := g.Chain(p)
	if len(c) == 0 {
		return nil
	}
	return c[len(c)-1]
}

// Ancestor is the first place in p's chain (p included) of that kind, or nil.
func (g *Gazetteer) Ancestor(p *Place, k Kind) *Place {
	for _, a := range g.Chain(p) {
		if a.Kind == k {
			return a
		}
	}
	return nil
}

// within reports whether area (an id) is in p's chain or covers a member of it (Also).
func (g *Gazetteer) within(p *Place, area int32) bool {
	for _, a := range g.Chain(p) {
		if a.ID == area {
			return true
		}
		for _, x := range a.Also {
			if x == area {
				return true
			}
		}
	}
	return false
}

var contextPrefixes = []string{"in ", "near ", "at ", "on ", "of ", "from ", "outside ", "around "}

// Resolve returns the reading of name a moderator would take: the most populous place
// of that name, unless context words (places named nearby: "Pembrokeshire" for
// "Newport", "Yorkshire" for "Richmond", "North Wales" for "Bangor") pick one within
// them. A nation or region name resolves to the nation or region, never to a village.
// An island wins over a settlement of the same name ("Bardsey" is the island, not the
// village near Leeds; "Holy Island" an island) unless context picks the settlement;
// and among places the context leaves equal, a suburb carrying the typical estimate
// (10,000) does not outrank a settlement with a published figure (Richmond in
// Sheffield does not outrank Richmond, North Yorkshire).
// Where a council or county shares its name with a settlement inside it ("Leeds",
// "Bridgend"), the settlement is taken. It returns nil when no place has that name.
func (g *Gazetteer) Resolve(name string, context ...string) *Place {
	ids := g.byKey[norm.Key(name)]
	if len(ids) == 0 {
		return nil
	}
	// context areas
	var ctx [][]int32
	for _, c := range context {
		c = strings.TrimSpace(c)
		lc := strings.ToLower(c)
		for _, p := range contextPrefixes {
			if strings.HasPrefix(lc, p) {
				c = c[len(p):]
				break
			}
		}
		if k := norm.Key(c); k != "" && k != norm.Key(name) {
			if a := g.byKey[k]; len(a) > 0 {
				ctx = append(ctx, a)
			}
		}
	}
	hits := make([]int, len(ids))
	bestHits := 0
	for i, id := range ids { // most populous first
		p := &g.places[id]
		for _, areas := range ctx {
			for _, a := range areas {
				if a != id && g.within(p, a) {
					hits[i]++
					break
				}
			}
		}
		bestHits = max(bestHits, hits[i])
	}
	best := int32(-1)
	for i, id := range ids {
		if hits[i] != bestHits {
			continue
		}
		if best < 0 {
			best = id
		} else if b := &g.places[best]; b.Kind == Suburb && b.Estimated && !g.places[id].Estimated && g.places[id].Kind.Settlement() {
			best = id // a suburb's typical estimate does not outrank a published figure
			break
		}
	}
	p := &g.places[best]
	if bestHits == 0 {
		// no context decided: areas that are nations or regions win outright;
		// otherwise prefer a settlement inside a same-named council or county.
		for _, id := range ids {
			if k := g.places[id].Kind; k == Nation || k == Region {
				return &g.places[id]
			}
		}
	}
	if p.Kind.Settlement() && p.Kind != Island {
		// an island of the name, among those context leaves equal, before a settlement
		for i, id := range ids {
			if hits[i] == bestHits && g.places[id].Kind == Island {
				return &g.places[id]
			}
		}
	}
	if p.Kind == Council || p.Kind == County {
		for _, id := range ids {
			q := &g.places[id]
			if q.Kind.Settlement() && g.within(q, p.ID) {
				return q
			}
		}
	}
	return p
}

// MaxWords is the largest number of words in any name form (after folding).
func (g *Gazetteer) MaxWords() int { return g.maxWords }

// Names calls yield with every name form of every place (the name, each alternative
// and their run-together spellings), until yield returns false.
func (g *Gazetteer) Names(yield func(name string, p *Place) bool) {
	for i := range g.places {
		p := &g.places[i]
		for _, n := range p.spellings() {
			if !yield(n, p) {
				return
			}
		}
	}
}

// spellings are the place's name and alternative names, each hyphenated one-word name
// also run together: Welsh official forms hyphenate what everyday writing joins
// ("Pen-clawdd" is written "Penclawdd", "Pen-y-bont" "Penybont").
func (p *Place) spellings() []string {
	out := make([]string, 0, 1+len(p.Alt))
	for _, n := range append([]string{p.Name}, p.Alt...) {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
		if j := strings.ReplaceAll(n, "-", ""); j != n && !strings.Contains(n, " ") && !slices.Contains(out, j) {
			out = append(out, j)
		}
	}
	return out
}

// Key is the folded form of a name used for matching (see Lookup).
func Key(name string) string { return norm.Key(name) }
