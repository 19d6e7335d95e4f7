package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"log"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/mosaicgw/mosaic/internal/places/internal/norm"
)

// Institution kinds and scopes written to institutions.tsv (see ../../institutions.go).
const (
	iHospital = "H"
	iPractice = "P"
	iTrust    = "T"
	iBoard    = "B"

	scLocal    = "L"
	scDistrict = "D"
	scRegional = "R"
	scNational = "N"
)

// practiceFloor is the smallest estimated population of a settlement that has a GP
// practice or a hospital.
const practiceFloor = 1500

type inst struct {
	name, kind, scope string
	place             int
	area              int // health area place id for boards, or -1
	alts              []string
}

// latin1 decodes ISO-8859-1 bytes.
func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// title turns ODS upper-case names into title case ("ST JAMES'S UNIVERSITY HOSPITAL"
// -> "St James's University Hospital").
func title(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	small := map[string]bool{"and": true, "of": true, "the": true, "upon": true, "on": true, "in": true, "for": true, "with": true, "at": true}
	w := strings.Fields(strings.ToLower(s))
	for i, x := range w {
		if i > 0 && small[x] {
			continue
		}
		switch x {
		case "nhs", "hq", "ft", "uhb", "hsc", "gp":
			w[i] = strings.ToUpper(x)
			continue
		}
		r := []rune(x)
		up := true
		for j, c := range r {
			if up && unicode.IsLetter(c) {
				r[j] = unicode.ToUpper(c)
				up = false
			}
			if c == '-' || c == '(' || c == '/' {
				up = true
			}
		}
		w[i] = string(r)
	}
	return strings.Join(w, " ")
}

var (
	reNational  = regexp.MustCompile(`(?i)\bnational\b|\bstate hospital\b`)
	reTertiary  = regexp.MustCompile(`(?i)children'?s hospital|hospital for (sick )?children|\bcancer\b|\bheart\b|neuro|cardiothoracic|\bspecialist\b|orthopaedic hospital|eye hospital|dental hospital|women'?s hospital|\bclatterbridge\b|\bchristie\b|\bmarsden\b|\bpapworth\b|\bwalton centre\b|\bmoorfields\b`)
	reCommunity = regexp.MustCompile(`(?i)community hospital|cottage hospital|memorial hospital|war memorial|\bhealth centre\b|\bclinic\b`)
	reUniv      = regexp.MustCompile(`(?i)university hospital|royal infirmary|teaching hospital`)
)

func (g *gen) hospitalScope(name string, place int) string {
	switch {
	case reNational.MatchString(name):
		return scNational
	case reTertiary.MatchString(name):
		return scRegional
	case reCommunity.MatchString(name):
		return scLocal
	case reUniv.MatchString(name) && place >= 0 && g.places[place].pop >= 200000:
		return scRegional
	}
	return scDistrict
}

func trustScope(name string) string {
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "ambulance"), strings.Contains(n, "children"), strings.Contains(n, "cancer"),
		strings.Contains(n, "heart"), strings.Contains(n, "orthopaedic"), strings.Contains(n, "neurolog"):
		return scRegional
	}
	return scDistrict
}

// ancestorKeys is the set of name keys of p's containing areas and "also" areas.
func (g *gen) ancestorKeys(id int) map[string]bool {
	m := map[string]bool{}
	var walk func(int)
	walk = func(a int) {
		for ; a >= 0; a = g.places[a].parent {
			p := g.places[a]
			m[norm.Key(p.name)] = true
			for _, x := range p.alts {
				m[norm.Key(x)] = true
			}
			for _, x := range p.also {
				walk(x)
			}
		}
	}
	walk(id)
	return m
}

// town finds the settlement an address names: the one whose containing areas include
// the county given, else the most populous of that name in the nation.
func (g *gen) town(town, county, nation string) int {
	cands := g.byKey[norm.Key(town)]
	best, bestPop, bestCounty := -1, -1.0, false
	ck := norm.Key(county)
	for _, id := range cands {
		p := g.places[id]
		if !isSettlement(p.kind) || g.places[g.nationOf(id)].name != nation {
			continue
		}
		inCounty := ck != "" && g.ancestorKeys(id)[ck]
		if (inCounty && !bestCounty) || (inCounty == bestCounty && p.pop > bestPop) {
			best, bestPop, bestCounty = id, p.pop, inCounty
		}
	}
	if best < 0 {
		if id, ok := g.areaID(kCouncil, town); ok {
			return id
		}
	}
	return best
}

// isCountyName reports whether s names a county or council area (an address's last
// line), as opposed to a settlement.
func (g *gen) isCountyName(s string) bool {
	for _, k := range []string{kCounty, kCouncil} {
		if _, ok := g.areaID(k, s); ok {
			return true
		}
	}
	switch norm.Key(s) {
	case "cleveland", "avon", "middlesex", "humberside", "merseyside", "west midlands", "tyne and wear",
		"greater manchester", "south yorkshire", "west yorkshire", "north humberside", "south humberside",
		"london", "greater london", "east sussex", "west sussex", "isle of wight", "north yorkshire", "durham", "co durham":
		return true
	}
	return false
}

func (g *gen) addInst(in inst, seen map[string]bool) {
	k := norm.Key(in.name)
	if k == "" || seen[k+"|"+fmt.Sprint(in.place)] {
		return
	}
	seen[k+"|"+fmt.Sprint(in.place)] = true
	g.insts = append(g.insts, in)
}

func (g *gen) institutions() {
	seen := map[string]bool{}
	miss := 0
	// NHS website hospital list (England; NHS and independent sector), 2018.
	b, err := os.ReadFile(g.path("Hospital.csv"))
	if err != nil {
		log.Fatal(err)
	}
	lines := strings.Split(strings.ReplaceAll(latin1(b), "\r", ""), "\n")
	for _, ln := range lines[1:] {
		f := strings.Split(ln, "¬")
		if len(f) < 18 {
			continue
		}
		name, city, county := strings.TrimSpace(f[7]), strings.TrimSpace(f[11]), strings.TrimSpace(f[12])
		pl := g.town(city, county, "England")
		if pl < 0 {
			miss++
			continue
		}
		g.addInst(inst{name: name, kind: iHospital, place: pl, area: -1, scope: g.hospitalScope(name, pl)}, seen)
	}
	// ODS trusts and trust sites (etrust), England, 2018: open trusts, and open sites
	// whose name says hospital or infirmary.
	f, err := os.Open(g.path("etrust.csv"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		if len(rec) < 12 || rec[11] != "" {
			continue
		}
		code, name, town, county := rec[0], title(rec[1]), title(rec[7]), title(rec[8])
		if strings.Contains(name, "(HQ)") || strings.Contains(strings.ToUpper(name), " HQ") {
			continue
		}
		isTrust := len(code) == 3
		up := strings.ToUpper(rec[1])
		if !isTrust && !strings.Contains(up, "HOSPITAL") && !strings.Contains(up, "INFIRMARY") {
			continue
		}
		pl := g.town(town, county, "England")
		if pl < 0 {
			miss++
			continue
		}
		if isTrust {
			alts := []string{}
			if strings.HasSuffix(name, "NHS Foundation Trust") {
				alts = append(alts, strings.TrimSuffix(name, "NHS Foundation Trust")+"NHS FT")
			}
			g.addInst(inst{name: name, kind: iTrust, place: pl, area: -1, scope: trustScope(name), alts: alts}, seen)
		} else {
			g.addInst(inst{name: name, kind: iHospital, place: pl, area: -1, scope: g.hospitalScope(name, pl)}, seen)
		}
	}
	// Welsh hospitals from the RCPCH organisation list (ODS data, MIT).
	pb, err := os.ReadFile(g.path("rcpch_organisations.py"))
	if err != nil {
		log.Fatal(err)
	}
	field := func(block, k string) string {
		m := regexp.MustCompile(`"` + k + `":\s*"([^"]*)"`).FindStringSubmatch(block)
		if m == nil {
			return ""
		}
		return m[1]
	}
	for _, block := range strings.Split(string(pb), "},") {
		if !strings.HasPrefix(field(block, "ParentODSCode"), "7A") {
			continue
		}
		name, city := title(field(block, "OrganisationName")), title(field(block, "City"))
		pl := g.town(city, field(block, "County"), "Wales")
		if pl < 0 {
			miss++
			continue
		}
		g.addInst(inst{name: name, kind: iHospital, place: pl, area: -1, scope: g.hospitalScope(name, pl)}, seen)
	}
	// GP practices (ODS epraccur, England, 2019): active practices whose prescribing
	// setting is 4 (GP practice). The town is the last address line that names a
	// settlement, the line after it (a county) helping to choose among homonyms.
	pf, err := os.Open(g.path("epraccur.csv"))
	if err != nil {
		log.Fatal(err)
	}
	defer pf.Close()
	pr := csv.NewReader(bufio.NewReader(pf))
	pr.FieldsPerRecord = -1
	practices := 0
	for {
		rec, err := pr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		if len(rec) < 26 || rec[12] != "A" || rec[25] != "4" {
			continue
		}
		var lines []string
		for _, x := range rec[4:9] {
			if x = strings.TrimSpace(x); x != "" {
				lines = append(lines, title(latin1([]byte(x))))
			}
		}
		pl := -1
		for i := len(lines) - 1; i >= 0 && pl < 0; i-- {
			county := ""
			if i+1 < len(lines) {
				county = lines[i+1]
			}
			if i == len(lines)-1 && i > 0 && g.isCountyName(lines[i]) {
				continue
			}
			pl = g.town(lines[i], county, "England")
		}
		if pl < 0 {
			miss++
			continue
		}
		g.addInst(inst{name: title(latin1([]byte(rec[1]))), kind: iPractice, place: pl, area: -1, scope: scLocal}, seen)
		practices++
	}
	log.Printf("GP practices: %d", practices)
	// Health boards and HSC trusts: the health areas built from tables.go.
	for _, p := range g.places {
		if p.kind != kHealth {
			continue
		}
		kind := iBoard
		if strings.Contains(p.name, "Trust") {
			kind = iTrust
		}
		g.addInst(inst{name: p.name, kind: kind, place: p.id, area: p.id, scope: scRegional, alts: p.alts}, seen)
	}
	// A settlement with a GP practice or hospital but no published figure is not a
	// hamlet, whatever its OS type: raise its estimate to 1,500 (still an estimate).
	raised := 0
	for _, in := range g.insts {
		if p := g.places[in.place]; isSettlement(p.kind) && p.src == srcEstimate && p.pop < practiceFloor {
			p.pop = practiceFloor
			raised++
		}
	}
	log.Printf("estimates raised to %d for settlements with a practice or hospital: %d", practiceFloor, raised)
	g.scotNIHospitals(seen)
	sort.SliceStable(g.insts, func(i, j int) bool { return g.insts[i].name < g.insts[j].name })
	log.Printf("institutions: %d (%d addresses not placed)", len(g.insts), miss)
}

func (g *gen) writeInstitutions(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# name\tkind (H hospital, P GP practice, T trust, B health board)\tplace id\tscope (L local, D district, R regional, N national)\talternative names (|)")
	for _, in := range g.insts {
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\n", in.name, in.kind, in.place, in.scope, strings.Join(dedupe(in.name, in.alts), "|"))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}
