package main

import (
	"log"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/mosaicgw/mosaic/internal/places/internal/norm"
)

// Islands: every inhabited island in islandTable becomes a place of kind island under
// its council (or under the island it is part of), with its population, and the
// settlements on it are re-parented to it (their council stays their council). Island
// groups (Inner Hebrides, Small Isles...) are places linked from their islands (also),
// outside the chain.

const kIsland = "I"

// srcTyped: a published figure typed from the table cited in islands_table.go.
const srcTyped = 't'

type seedIsland struct{ pop, areaKm2, lat, lon float64 }

var reSeed = regexp.MustCompile(`(?s)\{\s*"name":\s*"([^"]+)",\s*"region":\s*"[^"]*",\s*"area":\s*(\d+),\s*"population":\s*(\d+),.*?"lat":\s*([-\d.]+),\s*"long":\s*([-\d.]+)`)

// readIslandSeeds reads the islandhopper table of 47 Scottish islands: name, area in
// hectares, population (NRS, Census 2011), latitude and longitude.
func readIslandSeeds(path string) map[string]seedIsland {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	s := string(b)
	if i := strings.Index(s, "db.quiz"); i > 0 {
		s = s[:i]
	}
	out := map[string]seedIsland{}
	for _, m := range reSeed.FindAllStringSubmatch(s, -1) {
		var v [4]float64
		for i, x := range m[2:] {
			v[i], err = strconv.ParseFloat(x, 64)
			if err != nil {
				log.Fatalf("islandhopper %s: %v", m[1], err)
			}
		}
		out[m[1]] = seedIsland{pop: v[1], areaKm2: v[0] / 100, lat: v[2], lon: v[3]}
	}
	if len(out) != 47 {
		log.Fatalf("islandhopper: %d islands, want 47", len(out))
	}
	return out
}

// islandKeys maps the key of each island name and alternative to the island's council
// name (for GeoNames, which lists some islands as populated places).
func islandKeys() map[string]string {
	m := map[string]string{}
	for _, d := range islandTable {
		for _, n := range append([]string{d.name}, d.alts...) {
			m[norm.Key(n)] = d.council
		}
	}
	return m
}

type island struct {
	def    *islandDef
	p      *place
	e, n   float64 // centre (BNG)
	radius float64 // equivalent radius (m)
}

func (g *gen) islands() {
	seeds := readIslandSeeds(g.path("islandhopper_seeds.js"))
	byName := map[string]*island{}
	var all []*island
	councilID := func(name string) int {
		id, ok := g.areaID(kCouncil, name)
		if !ok {
			log.Fatalf("islands: no council %q", name)
		}
		return id
	}
	usedSeeds := 0
	for i := range islandTable {
		d := &islandTable[i]
		c := councilID(d.council)
		is := &island{def: d}
		p := &place{kind: kIsland, name: d.name, parent: c, council: c, island: true, pop: d.pop, src: srcTyped}
		lat, lon, area := d.lat, d.lon, d.area
		if d.seed != "" {
			s, ok := seeds[d.seed]
			if !ok {
				log.Fatalf("islands: %s not in islandhopper table", d.seed)
			}
			usedSeeds++
			p.pop, p.src = s.pop, srcCensus
			if lat == 0 {
				lat, lon = s.lat, s.lon
			}
			if area == 0 {
				area = s.areaKm2
			}
		}
		switch d.cite {
		case "nrs11", "nrs11bbc", "nrs11si", "sis23", "ons11":
			if d.pop <= 0 {
				log.Fatalf("islands: %s cites %s but has no figure", d.name, d.cite)
			}
		case "":
			if d.seed == "" {
				log.Fatalf("islands: %s has neither a seed nor a citation", d.name)
			}
		case "est":
			p.src = srcEstimate
		case "council":
			p.pop, p.src = g.places[c].pop, g.places[c].src
		case "sum", "rest":
			p.pop, p.src = 0, srcSum
		default:
			log.Fatalf("islands: %s: unknown citation %q", d.name, d.cite)
		}
		p.alts = append(p.alts, d.alts...)
		// "Isle of X" and "X Island" for one-word names
		if !strings.Contains(d.name, " ") {
			p.alts = append(p.alts, "Isle of "+d.name, d.name+" Island")
		}
		if lat != 0 {
			is.e, is.n = toBNG(lat, lon)
			p.e, p.n = is.e, is.n
			is.radius = math.Sqrt(area*1e6/math.Pi) * 1.15
		}
		is.p = p
		byName[d.name] = is
		all = append(all, is)
	}
	if usedSeeds != 47 {
		log.Fatalf("islands: %d of 47 islandhopper islands used", usedSeeds)
	}
	// add islands, wholes before their parts, then groups
	sort.SliceStable(all, func(i, j int) bool { return all[i].def.part == "" && all[j].def.part != "" })
	for _, is := range all {
		g.add(is.p)
		if is.def.part != "" {
			whole, ok := byName[is.def.part]
			if !ok {
				log.Fatalf("islands: %s part of unknown %s", is.def.name, is.def.part)
			}
			is.p.parent = whole.p.id
		}
	}
	groups := map[string]*place{}
	for _, gr := range islandGroups {
		par, ok := g.areaID(gr.parentKind, gr.parent)
		if !ok {
			log.Fatalf("island group %s: no %s", gr.name, gr.parent)
		}
		p := g.add(&place{kind: kIsland, name: gr.name, parent: par, island: true, src: srcSum, alts: gr.alts})
		groups[gr.name] = p
	}
	// link settlements
	linked := g.linkSettlements(all, byName)
	// populations that depend on the settlements or on other islands
	for _, is := range all {
		switch is.def.cite {
		case "sum":
			s := 0.0
			for _, q := range linked[is] {
				if q.src != srcEstimate && q.src != 0 {
					s += q.pop
				}
			}
			is.p.pop = s
			if s == 0 {
				is.p.pop, is.p.src = 10, srcEstimate
			}
		}
	}
	for _, is := range all {
		if is.def.cite == "rest" {
			whole := byName[is.def.part]
			rest := whole.p.pop
			for _, o := range all {
				if o != is && o.def.part == is.def.part {
					rest -= o.p.pop
				}
			}
			is.p.pop = rest
		}
	}
	// estimated settlements on an island are no larger than the island
	capped := 0
	for _, is := range all {
		for _, q := range linked[is] {
			if q.src == srcEstimate && q.pop > is.p.pop {
				q.pop = is.p.pop
				capped++
			}
		}
	}
	// groups: linked from their islands, population the sum of theirs
	for _, is := range all {
		for _, gn := range is.def.groups {
			gp, ok := groups[gn]
			if !ok {
				log.Fatalf("island %s: unknown group %s", is.def.name, gn)
			}
			if is.def.part == "" { // parts are counted in their whole
				gp.pop += is.p.pop
			}
			is.p.also = append(is.p.also, gp.id)
		}
	}
	for _, is := range all {
		g.index(is.p)
	}
	for _, gp := range groups {
		g.index(gp)
	}
	n := 0
	for _, is := range all {
		n += len(linked[is])
	}
	log.Printf("islands: %d islands, %d groups, %d settlements placed on islands, %d estimates capped at their island's population", len(all), len(groups), n, capped)
}

// linkSettlements re-parents settlements to the island they are on: by name (members),
// by postcode district lying wholly on an island, by distance to a small island's
// centre relative to its size (outside Orkney, Shetland and Anglesey only islands of
// under about 100 km², equivalent radius 6.5 km, that neither districts nor names
// describe: a larger one's radius would reach the mainland), by postcode district lying
// mostly on an island, and in island council areas by default to the main island.
func (g *gen) linkSettlements(all []*island, byName map[string]*island) map[*island][]*place {
	byCouncil := map[int][]*island{}
	member := map[[2]string]*island{} // council name, settlement key
	dist := map[[2]string]*island{}   // council name, postcode district wholly on the island
	shared := map[[2]string]*island{} // council name, postcode district mostly on the island
	for _, is := range all {
		c := is.p.council
		byCouncil[c] = append(byCouncil[c], is)
		for _, m := range is.def.members {
			member[[2]string{is.def.council, norm.Key(m)}] = is
		}
		for _, d := range is.def.dists {
			dist[[2]string{is.def.council, d}] = is
		}
		for _, d := range is.def.shared {
			shared[[2]string{is.def.council, d}] = is
		}
	}
	linked := map[*island][]*place{}
	for _, p := range g.places {
		if !isSettlement(p.kind) || p.council <= 0 {
			continue
		}
		isl := byCouncil[p.council]
		if len(isl) == 0 {
			continue
		}
		cname := g.places[p.council].name
		compete := competeCouncils[cname]
		var on *island
		// 1. named as on the island, and near it
		for _, n := range append([]string{p.name}, p.alts...) {
			if is, ok := member[[2]string{cname, norm.Key(n)}]; ok && on == nil {
				if is.radius == 0 || p.e == 0 || math.Hypot(p.e-is.e, p.n-is.n) <= math.Max(4*is.radius, 5000) {
					on = is
				}
			}
		}
		// 2. a postcode district wholly on one island
		if on == nil && p.pcd != "" {
			on = dist[[2]string{cname, p.pcd}]
		}
		// 3. near the centre of an island, relative to its size: in island council
		// areas every island competes; elsewhere only islands that neither postcode
		// districts nor named settlements describe (the small ones)
		if on == nil && p.e != 0 {
			best := math.Inf(1)
			limit := 1.3
			if compete {
				limit = 1.6
			}
			for _, is := range isl {
				if is.radius == 0 || (!compete && (len(is.def.dists)+len(is.def.shared)+len(is.def.members) > 0 || is.radius > 6500)) {
					continue
				}
				if r := math.Hypot(p.e-is.e, p.n-is.n) / is.radius; r < best && r <= limit {
					best, on = r, is
				}
			}
		}
		// 4. a postcode district mostly on one island; the main island of an island council
		if on == nil && p.pcd != "" {
			on = shared[[2]string{cname, p.pcd}]
		}
		if on == nil {
			if def, ok := islandCouncilDefaults[cname]; ok {
				on = byName[def]
			}
		}
		if on == nil {
			continue
		}
		p.parent = on.p.id
		p.island = true
		linked[on] = append(linked[on], p)
	}
	return linked
}
