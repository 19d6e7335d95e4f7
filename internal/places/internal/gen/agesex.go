package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// ageRow is a population by sex (0 female, 1 male) and single year of age (90 = 90+).
type ageRow struct {
	src string
	v   [2][91]float64
}

func (r *ageRow) total() float64 {
	s := 0.0
	for _, x := range r.v {
		for _, v := range x {
			s += v
		}
	}
	return s
}

// fromBands spreads five-year bands (19 bands, the last 90+) evenly over single years.
func fromBands(f, m []float64) [2][91]float64 {
	var out [2][91]float64
	for s, bands := range [][]float64{f, m} {
		for b, v := range bands {
			if b == 18 {
				out[s][90] += v
				continue
			}
			for a := b * 5; a < b*5+5; a++ {
				out[s][a] += v / 5
			}
		}
	}
	return out
}

var regionCode = map[string]string{
	"E12000001": "North East", "E12000002": "North West", "E12000003": "Yorkshire and the Humber",
	"E12000004": "East Midlands", "E12000005": "West Midlands", "E12000006": "East of England",
	"E12000007": "London", "E12000008": "South East", "E12000009": "South West", "W92000004": "Wales",
}

// jsModule reads an ONSvisual "export default {...}" module as JSON (keys quoted, or
// bare identifiers such as y2021, and // comments).
func jsModule(path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	s := strings.TrimSpace(string(b))
	s = strings.TrimPrefix(s, "export default")
	s = regexp.MustCompile(`//[^\n]*`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:`).ReplaceAllString(s, `$1"$2":`)
	s = regexp.MustCompile(`,(\s*[}\]])`).ReplaceAllString(s, "$1")
	s = strings.TrimSuffix(strings.TrimSpace(s), ";")
	if err := json.Unmarshal([]byte(s), v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}

func (g *gen) ageSex(pr map[string]laPop, nations map[string]*place) {
	// Councils of England and Wales: ONS mid-2014 estimates (MYE2) by single year.
	n := 0
	for _, p := range g.places {
		if p.kind != kCouncil {
			continue
		}
		if t, ok := g.mye[laKey(p.name)]; ok {
			g.ageTables[p.id] = ageRow{src: "ONS MYE2 mid-2014", v: *t}
			n++
		}
	}
	log.Printf("age-sex: %d councils from MYE 2014", n)
	// English regions and Wales: Census 2021, five-year bands (ONSvisual).
	var reg struct {
		Y2021 map[string][][]float64 `json:"y2021"`
	}
	jsModule(g.path("scrolly/region_pyramid_data.js"), &reg)
	for code, bands := range reg.Y2021 {
		name := regionCode[code]
		kind := kRegion
		if name == "Wales" {
			kind = kNation
		}
		id, ok := g.areaID(kind, name)
		if !ok {
			log.Fatalf("age-sex: no area %s", name)
		}
		g.ageTables[id] = ageRow{src: "Census 2021 (five-year bands)", v: fromBands(bands[0], bands[1])}
	}
	var cd map[string]struct {
		PYRAMID21 [][]float64
	}
	jsModule(g.path("scrolly/country_data.js"), &cd)
	if e, ok := cd["E"]; ok && len(e.PYRAMID21) == 2 {
		g.ageTables[nations["England"].id] = ageRow{src: "Census 2021 (five-year bands)", v: fromBands(e.PYRAMID21[0], e.PYRAMID21[1])}
	}
	// Scotland and Northern Ireland: the UK by single year (Human Mortality Database,
	// 2013 exposures), the nearest published structure available here.
	uk := g.hmd(2013)
	g.ageTables[nations["Scotland"].id] = ageRow{src: "UK 2013 (HMD), proxy", v: uk}
	g.ageTables[nations["Northern Ireland"].id] = ageRow{src: "UK 2013 (HMD), proxy", v: uk}
}

func (g *gen) hmd(year int) [2][91]float64 {
	f, err := os.Open(g.path("uk_exposure.csv"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Read()
	var out [2][91]float64
	y := strconv.Itoa(year)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		if rec[2] != y {
			continue
		}
		age, _ := strconv.Atoi(strings.TrimSuffix(rec[0], "+"))
		if age > 90 {
			age = 90
		}
		s := 0
		if rec[1] == "Male" {
			s = 1
		}
		v, _ := strconv.ParseFloat(rec[3], 64)
		out[s][age] += v
	}
	return out
}

func (g *gen) writeAgeSex(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# place id\tsource\tfemales aged 0..90+ then males aged 0..90+, parts per million of the place's population")
	ids := make([]int, 0, len(g.ageTables))
	for id := range g.ageTables {
		ids = append(ids, id)
	}
	sortInts(ids)
	for _, id := range ids {
		r := g.ageTables[id]
		t := r.total()
		fmt.Fprintf(w, "%d\t%s", id, r.src)
		for s := 0; s < 2; s++ {
			for a := 0; a <= 90; a++ {
				fmt.Fprintf(w, "\t%d", int64(math.Round(1e6*r.v[s][a]/t)))
			}
		}
		fmt.Fprintln(w)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
