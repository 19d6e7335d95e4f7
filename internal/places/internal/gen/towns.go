package main

import (
	"encoding/csv"
	"io"
	"log"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/mosaicgw/mosaic/internal/places/internal/norm"
)

// onsTowns sets the population of English towns from ONS's table of 1,104 towns
// (built-up areas and built-up area subdivisions of 5,000+ people, Census 2011; ONS,
// "Why do children and young people in smaller towns do better academically than
// those in larger towns?", 2023), matched by name within the region, and within the
// council or county named in a qualifier ("Dorchester (West Dorset)"). A census
// figure for the built-up area replaces a GeoNames figure or an estimate, except where
// it is more than twice GeoNames' figure: some subdivisions take in neighbouring towns
// (Rayleigh: 95,580 for the subdivision, 32,150 in GeoNames), and the smaller figure is the
// cautious one.
func (g *gen) onsTowns() {
	f, err := os.Open(g.path("english_education.csv"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	hdr, err := r.Read()
	if err != nil {
		log.Fatal(err)
	}
	col := map[string]int{}
	// the table's own column names, or those of the copy used here (SOURCES.md)
	rename := map[string]string{"town_name": "town11nm", "population": "population_2011", "size": "size_flag", "region": "rgn11nm"}
	for i, h := range hdr {
		h = strings.TrimPrefix(h, "\ufeff")
		if x, ok := rename[h]; ok {
			h = x
		}
		col[h] = i
	}
	for _, c := range []string{"town11nm", "population_2011", "size_flag", "rgn11nm"} {
		if _, ok := col[c]; !ok {
			log.Fatalf("english_education.csv: no column %s", c)
		}
	}
	// English settlements by key
	england, _ := g.areaID(kNation, "England")
	regionOf := func(p *place) string {
		for a := p.parent; a >= 0; a = g.places[a].parent {
			if g.places[a].kind == kRegion {
				return norm.Key(g.places[a].name)
			}
		}
		return ""
	}
	inArea := func(p *place, qual string) bool {
		q := norm.Key(qual)
		for a := p.parent; a >= 0; a = g.places[a].parent {
			if norm.Key(g.places[a].name) == q || laKey(g.places[a].name) == laKey(qual) {
				return true
			}
			for _, x := range g.places[a].also {
				if norm.Key(g.places[x].name) == q {
					return true
				}
			}
		}
		return false
	}
	rank := map[string]int{kCity: 0, kTown: 1, kSuburb: 2, kVillage: 3, kHamlet: 4, kLocality: 5}
	reQual := regexp.MustCompile(`^(.*?)\s*\(([^)]*)\)$`)
	set, unmatched, kept, wider := 0, 0, 0, 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		switch rec[col["size_flag"]] {
		case "City", "Large Towns", "Medium Towns", "Small Towns":
		default:
			continue // London BUAs, "Not BUA", "Other Small BUAs"
		}
		pop, err := strconv.ParseFloat(rec[col["population_2011"]], 64)
		if err != nil || pop <= 0 {
			continue
		}
		name := strings.TrimSpace(rec[col["town11nm"]])
		name = strings.TrimSuffix(strings.TrimSuffix(name, " BUASD"), " BUA")
		qual := ""
		if m := reQual.FindStringSubmatch(name); m != nil {
			name, qual = m[1], m[2]
		}
		region := norm.Key(strings.Replace(rec[col["rgn11nm"]], "The Humber", "the Humber", 1))
		if region == "east" {
			region = norm.Key("East of England")
		}
		var best *place
		for _, id := range g.byKey[norm.Key(name)] {
			p := g.places[id]
			if !isSettlement(p.kind) || g.nationOf(p.id) != england || regionOf(p) != region {
				continue
			}
			if qual != "" && !inArea(p, qual) {
				continue
			}
			if best == nil || rank[p.kind] < rank[best.kind] || (rank[p.kind] == rank[best.kind] && p.pop > best.pop) {
				best = p
			}
		}
		if best == nil {
			log.Printf("ONS towns: no English settlement %q (%s) in %s", name, qual, region)
			unmatched++
			continue
		}
		if best.kind == kHamlet || best.kind == kLocality {
			kept++
			continue // a hamlet of the town's name elsewhere in the region
		}
		if best.src == srcGeoNames && pop > 2*best.pop {
			wider++
			continue // a subdivision wider than the town
		}
		best.pop, best.src = pop, srcCensus
		set++
	}
	log.Printf("ONS towns: %d settlement populations set from Census 2011 built-up areas, %d towns not found, %d matched only a hamlet, %d left at GeoNames' figure (the subdivision more than twice it)", set, unmatched, kept, wider)
}
