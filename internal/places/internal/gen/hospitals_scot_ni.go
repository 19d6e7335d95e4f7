package main

import (
	"log"
	"os"
	"regexp"
	"strings"

	"github.com/mosaicgw/mosaic/internal/places/internal/norm"
)

// Scotland's and Northern Ireland's hospitals (see SOURCES.md, sources 12 and 13): the
// lists as published in rcpch/rcpch-audit-engine's constants, each entry a Python dict
// with location_code, location_name, address, postcode and region (board or trust).

var (
	rePyEntry = regexp.MustCompile(`\{[^{}]*"location_name"[^{}]*\}`)
	// reScotLocal marks entries of the PHS list that are not wards of a hospital of
	// their own: day hospitals, resource centres, units and houses serve their town.
	reScotLocal = regexp.MustCompile(`(?i)day hosp|resource centre|\bcentre\b|\bunit\b|\bhouse\b|\blodge\b|\bward\b|\bhome\b|\bclinic\b|\bbungalows\b`)
)

func pyField(block, k string) string {
	m := regexp.MustCompile(`"` + k + `":\s*"([^"]*)"`).FindStringSubmatch(block)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

// addressParts splits an address into its non-empty comma-separated parts.
func addressParts(a string) []string {
	var out []string
	for _, x := range strings.Split(a, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// addressTown places an address as GP practices are placed: the last part that names a
// settlement of the nation (a final county or council name is skipped), the part after
// it helping to choose among homonyms. within, if set, must contain the settlement.
func (g *gen) addressTown(parts []string, nation string, within int) int {
	for i := len(parts) - 1; i >= 0; i-- {
		if i == len(parts)-1 && i > 0 && g.isCountyName(parts[i]) {
			continue
		}
		county := ""
		if i+1 < len(parts) {
			county = parts[i+1]
		}
		pl := g.town(parts[i], county, nation)
		if pl < 0 || !isSettlement(g.places[pl].kind) {
			continue
		}
		if within >= 0 && !g.ancestorKeys(pl)[norm.Key(g.places[within].name)] {
			continue
		}
		return pl
	}
	return -1
}

// nameTown finds a settlement of the nation inside within whose name is a run of words
// of the institution's name ("Antrim Area Hospital": Antrim), longest run first.
func (g *gen) nameTown(name, nation string, within int) int {
	w := strings.Fields(norm.Key(name))
	for n := 3; n >= 1; n-- {
		for i := 0; i+n <= len(w); i++ {
			k := strings.Join(w[i:i+n], " ")
			best, bestPop := -1, -1.0
			for _, id := range g.byKey[k] {
				p := g.places[id]
				if !isSettlement(p.kind) || g.places[g.nationOf(id)].name != nation {
					continue
				}
				if within >= 0 && !g.ancestorKeys(id)[norm.Key(g.places[within].name)] {
					continue
				}
				if p.pop > bestPop {
					best, bestPop = id, p.pop
				}
			}
			if best >= 0 {
				return best
			}
		}
	}
	return -1
}

// tidyName mends the spelling of a listed name ("St.Luke’s Hospital" -> "St Luke's
// Hospital", "Lagan valley Hospital" -> "Lagan Valley Hospital").
func tidyName(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	s = regexp.MustCompile(`\bSt\.\s*`).ReplaceAllString(s, "St ")
	small := map[string]bool{"and": true, "of": true, "the": true, "for": true, "with": true, "at": true, "on": true, "in": true}
	w := strings.Fields(s)
	for i, x := range w {
		if i > 0 && small[x] {
			continue
		}
		if r := []rune(x); len(r) > 0 && r[0] >= 'a' && r[0] <= 'z' {
			w[i] = strings.ToUpper(string(r[0])) + string(r[1:])
		}
	}
	return strings.Join(w, " ")
}

// scotNIHospitals adds Scotland's hospitals (PHS hospital codes) and Northern Ireland's
// HSC hospitals to the institutions. It runs after the practice floor has been applied,
// so it does not change places.tsv.
func (g *gen) scotNIHospitals(seen map[string]bool) {
	// Scotland: every entry of PHS's list, placed by its address.
	b, err := os.ReadFile(g.path("scottish_organisations.py"))
	if err != nil {
		log.Fatal(err)
	}
	scot, scotMiss := 0, 0
	for _, block := range rePyEntry.FindAllString(string(b), -1) {
		name := tidyName(pyField(block, "location_name"))
		pl := g.addressTown(addressParts(pyField(block, "address")), "Scotland", -1)
		if pl < 0 {
			pl = g.nameTown(name, "Scotland", -1)
		}
		if name == "" || pl < 0 {
			scotMiss++
			log.Printf("Scottish hospital not placed: %s (%s)", name, pyField(block, "address"))
			continue
		}
		scope := g.hospitalScope(name, pl)
		switch {
		case strings.Contains(strings.ToLower(name), "national treatment centre"):
			// NHS Scotland's National Treatment Centres are regional elective centres
			scope = scRegional
		case scope == scDistrict && reScotLocal.MatchString(name):
			scope = scLocal
		}
		n := len(g.insts)
		g.addInst(inst{name: name, kind: iHospital, place: pl, area: -1, scope: scope}, seen)
		scot += len(g.insts) - n
	}
	// Northern Ireland: each hospital of its trust, placed by its address, else by a
	// town its name contains, else in its trust's area if that is one council (a
	// multi-council trust would overstate a district hospital's catchment two to
	// three times, and hide a town the text names); otherwise left out.
	b, err = os.ReadFile(g.path("irish_organisations.py"))
	if err != nil {
		log.Fatal(err)
	}
	ni, niTrust, niMiss := 0, 0, 0
	for _, block := range rePyEntry.FindAllString(string(b), -1) {
		name := tidyName(pyField(block, "location_name"))
		trust, ok := g.areaID(kHealth, pyField(block, "region"))
		if name == "" || !ok {
			log.Printf("NI hospital without a known trust: %s", name)
			continue
		}
		// one entry carries its address in location_code
		addr := pyField(block, "address")
		if addr == "" && strings.Contains(pyField(block, "location_code"), ",") {
			addr = pyField(block, "location_code")
		}
		pl := g.addressTown(addressParts(addr), "Northern Ireland", trust)
		if pl < 0 {
			pl = g.nameTown(name, "Northern Ireland", trust)
		}
		if pl < 0 && g.councilsIn(trust) == 1 {
			// a trust of one council (Belfast) is the hospital's district
			pl = trust
			niTrust++
		}
		if pl < 0 {
			niMiss++
			log.Printf("NI hospital not placed: %s (%s)", name, pyField(block, "region"))
			continue
		}
		n := len(g.insts)
		g.addInst(inst{name: name, kind: iHospital, place: pl, area: -1, scope: g.hospitalScope(name, pl)}, seen)
		ni += len(g.insts) - n
	}
	log.Printf("Scottish hospitals: %d (%d not placed); NI hospitals: %d (%d placed in their one-council trust, %d not placed)", scot, scotMiss, ni, niTrust, niMiss)
}

// councilsIn counts the councils a health area covers.
func (g *gen) councilsIn(area int) int {
	n := 0
	for _, p := range g.places {
		if p.kind != kCouncil {
			continue
		}
		for _, a := range p.also {
			if a == area {
				n++
				break
			}
		}
	}
	return n
}
