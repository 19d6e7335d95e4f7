package main

import (
	"encoding/csv"
	"log"
	"os"
	"strconv"
	"strings"

	"github.com/mosaicgw/mosaic/internal/places/internal/norm"
)

// nisraSettlements adds Northern Ireland's settlements that GeoNames' cities500 lacks,
// from NISRA's place list of its Local Statistics Explorer (source 12: every place
// name NISRA files under an LGD2014 or DEA2014 code). The list gives no populations:
// each new place is estimated (estimates) as a village, or as a town where a District
// Electoral Area is named after it (NI's DEAs are named after their main town:
// Lurgan, Portadown, Enniskillen...). A place already known in the same LGD (by name
// or alternative name) is left as it is.
func (g *gen) nisraSettlements(ni int) {
	f, err := os.Open(g.path("nisra_places_dz.csv"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	lgd := map[string]int{}
	for code, name := range niLGD {
		id, ok := g.areaID(kCouncil, name)
		if !ok {
			log.Fatalf("nisra: no council %q", name)
		}
		lgd[code] = id
	}
	deaLGD := map[string]string{} // DEA code -> LGD code
	deaName := map[string]bool{}  // "lgd code|key" of DEA names
	for _, rec := range recs {
		if len(rec) == 5 && rec[3] == "dea" {
			deaLGD[rec[0]] = rec[4]
			deaName[rec[4]+"|"+norm.Key(rec[1])] = true
		}
	}
	known := map[string]bool{} // "council id|key" of NI settlements
	for _, p := range g.places {
		if isSettlement(p.kind) && g.places[p.council].parent == ni {
			for _, n := range append([]string{p.name}, p.alts...) {
				known[strconv.Itoa(p.council)+"|"+norm.Key(n)] = true
			}
		}
	}
	added := 0
	for _, rec := range recs {
		if len(rec) != 5 || rec[3] != "town" {
			continue
		}
		code := rec[0]
		if !strings.HasPrefix(code, "N09") {
			code = deaLGD[code]
		}
		c, ok := lgd[code]
		name := strings.TrimSpace(rec[1])
		if !ok || name == "" {
			continue
		}
		k := strconv.Itoa(c) + "|" + norm.Key(name)
		if known[k] {
			continue
		}
		known[k] = true
		kind := kVillage
		if deaName[code+"|"+norm.Key(name)] {
			kind = kTown
		}
		p := g.add(&place{kind: kind, name: name, parent: c, council: c})
		g.index(p)
		added++
	}
	log.Printf("nisra: %d Northern Ireland settlements added", added)
}
