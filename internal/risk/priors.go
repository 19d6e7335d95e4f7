package risk

import (
	"bufio"
	"bytes"
	_ "embed"
	"strconv"
	"strings"
)

// UKPopulation is the population every estimate is bounded by (ONS mid-2022, see
// data/SOURCES.md).
const UKPopulation = 67_600_000.0

// Catchment populations for an author's role when neither the text nor the author's
// profile names a place (data/SOURCES.md). A GP's patients are the practice's registered
// list; a hospital doctor's come from the hospital's catchment; a national or tertiary
// service draws on the whole country.
const (
	CatchmentPractice = 9_900.0
	CatchmentHospital = 300_000.0
	CatchmentNational = UKPopulation
)

// Shares of the population used to condition occupation frequencies on age (ONS LFS, see
// data/SOURCES.md): an occupation's share of the whole population is divided by the share
// in employment to get its share among working-age people.
const employedShare = 0.48

// Default frequencies for details the extractor reports without one. They are orders of
// magnitude, chosen on the conservative side of the typical value for the kind so that
// an unknown detail neither dominates nor vanishes.
var defaultFrequency = map[string]float64{
	"condition":        0.01,   // a named diagnosis: between common (10%) and rare (1e-4)
	"occupation":       0.005,  // a named job: the commonest single titles are ~1% of people
	"event":            0.001,  // a distinctive event (accident, rescue, court case)
	"family":           0.1,    // family structure: "lives with her daughter"
	"ethnicity":        0.1,    // ethnicity, nationality or language
	"physical_feature": 0.05,   // a visible feature
	"public_status":    0.0002, // a public role: councillors are ~1 in 3,000 people
	"institution":      0,      // places: handled through populations
	"date":             0,      // dates narrow events, see dateFactor
}

// ageBands holds the UK age structure (data/uk_age_bands.csv).
var ageBands []ageBand

type ageBand struct {
	lo, hi int
	people float64
}

//go:embed data/uk_age_bands.csv
var ageCSV []byte

func init() {
	sc := bufio.NewScanner(bytes.NewReader(ageCSV))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || strings.HasPrefix(line, "band_start") {
			continue
		}
		f := strings.Split(line, ",")
		if len(f) != 3 {
			panic("risk: bad age band line: " + line)
		}
		lo, err1 := strconv.Atoi(f[0])
		hi, err2 := strconv.Atoi(f[1])
		th, err3 := strconv.ParseFloat(f[2], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			panic("risk: bad age band line: " + line)
		}
		ageBands = append(ageBands, ageBand{lo, hi, th * 1000})
	}
}

// femaleShare holds women's share of an occupation by SOC 2020 code, unit groups (four
// digits) and major groups (one digit) (data/occupation_sex.tsv).
var femaleShare = map[string]float64{}

//go:embed data/occupation_sex.tsv
var occupationSexTSV []byte

func init() {
	sc := bufio.NewScanner(bytes.NewReader(occupationSexTSV))
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			panic("risk: bad occupation sex line: " + line)
		}
		v, err := strconv.ParseFloat(f[3], 64)
		if err != nil || v < 0 || v > 1 {
			panic("risk: bad occupation sex share: " + line)
		}
		femaleShare[f[1]] = v
	}
}

// SexRatio is how much more (or less) common an occupation is among people of one sex
// than among everyone: its share of that sex over a half. 1 where the occupation's group
// has no published split.
func SexRatio(soc string, sex byte) float64 {
	f, ok := femaleShare[soc]
	if !ok && soc != "" {
		f, ok = femaleShare[soc[:1]]
	}
	if !ok {
		return 1
	}
	switch sex {
	case 'F':
		return f / 0.5
	case 'M':
		return (1 - f) / 0.5
	}
	return 1
}

// AgeShare is the share of the UK population aged lo..hi inclusive, assuming people are
// spread evenly within each five-year band.
func AgeShare(lo, hi int) float64 {
	if hi < lo {
		lo, hi = hi, lo
	}
	var n, total float64
	for _, b := range ageBands {
		total += b.people
		olo, ohi := max(lo, b.lo), min(hi, b.hi)
		if olo <= ohi {
			n += b.people * float64(ohi-olo+1) / float64(b.hi-b.lo+1)
		}
	}
	if total == 0 {
		return 1
	}
	return n / total
}

// Catchment returns the population a role's patients are drawn from and a label for it,
// from the free-text role the platform sends ("GP partner", "Cardiology registrar").
func Catchment(role string) (float64, string) {
	r := " " + strings.ToLower(role) + " "
	switch {
	case r == "  ":
		return UKPopulation, "UK"
	case containsAny(r, " gp", "general practi", "practice nurse", "partner", "salaried", "locum gp", "prison", "family doctor"):
		if strings.Contains(r, "prison") {
			return CatchmentHospital, "the author's prison healthcare catchment"
		}
		return CatchmentPractice, "the author's practice list"
	case containsAny(r, "national", "tertiary", "specialist centre", "quaternary"):
		return CatchmentNational, "UK"
	case containsAny(r, "consultant", "registrar", "fellow", " st", "foundation", " f1", " f2", "imt", "trainee", "nurse", "paramedic", "emergency", "surgeon", "physician"):
		return CatchmentHospital, "the author's hospital catchment"
	}
	return UKPopulation, "UK"
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
