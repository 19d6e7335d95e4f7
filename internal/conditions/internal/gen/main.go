// Command gen writes the data files of package conditions (internal/conditions/data)
// from sources fetched by hand into a scratch directory and from the cited hand tables
// beside it (tables/). Nothing is fetched here. Usage (from the repository root):
//
//	go run ./internal/conditions/internal/gen \
//	    -orpha /tmp/src/orphapacket \
//	    -wikidata /tmp/src/wikidata \
//	    -abbr /tmp/src/abbr \
//	    -words internal/extract/data/common_words.tsv \
//	    -out internal/conditions/data
//
// See internal/conditions/data/SOURCES.md for what each source is and where it came from.
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
)

func main() {
	orpha := flag.String("orpha", "", "folder of ORPHApacket_*.json files (Orphanet/orphapacket json/)")
	wiki := flag.String("wikidata", "", "folder holding WikiMedicineData.jl and WikiDiseaseData.jl")
	abbr := flag.String("abbr", "", "folder holding the abbreviation sense inventories")
	words := flag.String("words", "internal/extract/data/common_words.tsv", "ordinary English words, one a line")
	tables := flag.String("tables", "internal/conditions/internal/gen/tables", "the hand tables")
	out := flag.String("out", "internal/conditions/data", "output folder")
	flag.Parse()
	if *orpha == "" || *wiki == "" || *abbr == "" {
		log.Fatal("need -orpha, -wikidata and -abbr")
	}
	g := newGen()
	g.loadWords(*words)
	g.loadCommon(filepath.Join(*tables, "common.tsv"))
	g.loadInfections(filepath.Join(*tables, "infections.tsv"))
	g.loadAges(filepath.Join(*tables, "ages.tsv"))
	g.loadOrphanet(*orpha)
	g.loadWikidata(*wiki)
	g.loadFindings(filepath.Join(*tables, "findings.tsv"))
	g.loadLicensed(filepath.Join(*tables, "licensed.tsv"))
	g.loadAbbreviations(*abbr)
	g.loadSenseContexts(filepath.Join(*tables, "senses.tsv"))
	g.buildContexts()
	g.write(*out)
}

// ---------------------------------------------------------------------------------
// Model

type cond struct {
	id, kind, name   string
	phrases          []string // as in the tables: =ABBR, ~adjective, @person, plain
	prev, lo, hi     float64
	onset, sex, spec string
	source           string
	orpha            string
	rare             bool
	infection        bool   // a row of tables/infections.tsv
	definition       string // Orphanet or Wikidata, for context words only
	related          []string
	order            int
}

type ageRow struct {
	id, sex, source string
	bands           [19]float64 // share (not percent) per five-year band, last 90+
}

type impl struct {
	term, id string
	strength float64
	source   string
}

type sense struct {
	abbr, expansion, id string
	freqs               []float64
	sources             map[string]bool
	wikiOnly            bool
	context             []string
}

type gen struct {
	words   map[string]bool
	conds   []*cond
	byID    map[string]*cond
	index   map[string]*cond // normalised phrase -> condition
	ages    []ageRow
	impls   map[string]*impl // term|id
	senses  map[string]*sense
	ctxHand map[string][]string // abbr|expansion -> words
	wdDesc  map[*cond][]string
	wdSub   map[*cond][]string
	drugsOf map[*cond][]string
	stats   map[string]int
}

func newGen() *gen {
	return &gen{
		words: map[string]bool{}, byID: map[string]*cond{}, index: map[string]*cond{},
		impls: map[string]*impl{}, senses: map[string]*sense{}, ctxHand: map[string][]string{},
		wdDesc: map[*cond][]string{}, wdSub: map[*cond][]string{}, drugsOf: map[*cond][]string{},
		stats: map[string]int{},
	}
}

// ---------------------------------------------------------------------------------
// Normalisation used for matching names across sources (never for output text).

var spaces = regexp.MustCompile(`\s+`)

func norm(s string) string {
	s = strings.ToLower(s)
	r := strings.NewReplacer("’", "", "'", "", "-", " ", ",", " ", "(", " ", ")", " ", "é", "e", "ö", "o", "ü", "u",
		"ae", "e", "oe", "e", "tumour", "tumor", "paed", "ped")
	s = r.Replace(s)
	s = strings.TrimSpace(spaces.ReplaceAllString(s, " "))
	return s
}

// surface strips a table phrase of its marker and says which form it is.
func surface(p string) (text string, form byte) {
	if p == "" {
		return "", 0
	}
	switch p[0] {
	case '=':
		return p[1:], 'a'
	case '~':
		return p[1:], 'j'
	case '@':
		return p[1:], 'p'
	}
	return p, 's'
}

func (g *gen) addIndex(phrase string, c *cond, override bool) {
	k := norm(phrase)
	if k == "" {
		return
	}
	if old, ok := g.index[k]; ok && !override && old != c {
		return
	}
	g.index[k] = c
}

func (g *gen) add(c *cond) {
	c.order = len(g.conds)
	g.conds = append(g.conds, c)
	g.byID[c.id] = c
	g.addIndex(c.name, c, false)
	for _, p := range c.phrases {
		t, f := surface(p)
		if f == 'a' { // abbreviations are ambiguous; they go to the sense inventory
			continue
		}
		g.addIndex(t, c, false)
	}
}

// ---------------------------------------------------------------------------------
// Readers

func readTSV(path string, fn func(f []string)) {
	fh, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fn(strings.Split(line, "\t"))
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
}

func num(s string) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		log.Fatalf("bad number %q", s)
	}
	return v
}

func (g *gen) loadWords(path string) {
	readTSV(path, func(f []string) { g.words[strings.TrimSpace(f[0])] = true })
}

func (g *gen) loadCommon(path string) {
	g.loadHandTable(path, "common.tsv", false)
	g.stats["common"] = len(g.conds)
}

// loadInfections reads the cited table of infections. It comes after common.tsv and
// before Orphanet, so that an Orphanet disorder of the same name (Lyme disease, Q
// fever, leptospirosis) only lends its row the ORPHAcode and words, as for common.tsv.
// A name or synonym that an earlier row already has is refused: the two tables must
// not name one condition twice.
func (g *gen) loadInfections(path string) {
	n := len(g.conds)
	g.loadHandTable(path, "infections.tsv", true)
	for _, c := range g.conds[n:] {
		c.infection = true
	}
	g.stats["infections"] = len(g.conds) - n
}

func (g *gen) loadHandTable(path, name string, strict bool) {
	readTSV(path, func(f []string) {
		if len(f) != 11 {
			log.Fatalf("%s: %d columns in %q", name, len(f), f)
		}
		c := &cond{id: f[0], kind: f[1], name: f[2], prev: num(f[4]), lo: num(f[5]), hi: num(f[6]),
			onset: f[7], sex: f[8], spec: f[9], source: f[10]}
		if f[3] != "" {
			c.phrases = strings.Split(f[3], "|")
		}
		if g.byID[c.id] != nil {
			log.Fatalf("duplicate id %s", c.id)
		}
		if !(c.lo <= c.prev && c.prev <= c.hi) {
			log.Fatalf("%s: range %v-%v does not hold %v", c.id, c.lo, c.hi, c.prev)
		}
		if strict {
			if _, ok := onsetRank[c.onset]; !ok || !strings.Contains("ACSD", c.kind) || c.kind == "" {
				log.Fatalf("%s: %s: bad kind %q or onset %q", name, c.id, c.kind, c.onset)
			}
			for _, p := range append([]string{c.name}, c.phrases...) {
				t, form := surface(p)
				if form == 'a' {
					continue
				}
				if old := g.index[norm(t)]; old != nil {
					log.Fatalf("%s: %s: %q already names %s", name, c.id, t, old.id)
				}
			}
		}
		c.rare = c.kind != "A" && c.prev < 5e-4
		g.add(c)
	})
}

var bandRE = regexp.MustCompile(`^(\d+)(?:-(\d+)|\+)$`)

func (g *gen) loadAges(path string) {
	readTSV(path, func(f []string) {
		if len(f) != 4 {
			log.Fatalf("ages.tsv: %q", f)
		}
		if g.byID[f[0]] == nil {
			log.Fatalf("ages.tsv: unknown id %s", f[0])
		}
		r := ageRow{id: f[0], sex: f[1], source: f[3]}
		for i := range r.bands {
			r.bands[i] = -1
		}
		for _, part := range strings.Split(f[2], ",") {
			kv := strings.SplitN(part, ":", 2)
			m := bandRE.FindStringSubmatch(kv[0])
			if m == nil || len(kv) != 2 {
				log.Fatalf("ages.tsv: bad band %q in %s", part, f[0])
			}
			lo, _ := strconv.Atoi(m[1])
			hi := 200
			if m[2] != "" {
				hi, _ = strconv.Atoi(m[2])
			}
			v := num(kv[1]) / 100
			// Each five-year band takes the value of the source band covering most of it.
			for b := 0; b < 19; b++ {
				blo, bhi := b*5, b*5+4
				if b == 18 {
					bhi = 200
				}
				ov := min(hi, bhi) - max(lo, blo) + 1
				if ov <= 0 {
					continue
				}
				if 2*ov >= min(bhi-blo+1, 5) || r.bands[b] < 0 {
					r.bands[b] = v
				}
			}
		}
		for b, v := range r.bands {
			if v < 0 {
				log.Fatalf("ages.tsv: %s %s leaves band %d empty", f[0], f[1], b)
			}
		}
		g.ages = append(g.ages, r)
	})
}

// ---------------------------------------------------------------------------------
// Orphanet (ORPHApackets)

var orphaClass = map[string][3]float64{ // mid, lo, hi as a share
	">1 / 1000":       {2e-3, 1e-3, 5e-3},
	"6-9 / 10 000":    {7.5e-4, 6e-4, 9e-4},
	"1-5 / 10 000":    {3e-4, 1e-4, 5e-4},
	"1-9 / 100 000":   {5e-5, 1e-5, 9e-5},
	"1-9 / 1 000 000": {5e-6, 1e-6, 9e-6},
	"<1 / 1 000 000":  {5e-7, 1e-8, 1e-6},
}

var orphaTypes = map[string]bool{
	"Disease": true, "Malformation syndrome": true, "Clinical syndrome": true, "Morphological anomaly": true,
	"Biological anomaly": true, "Particular clinical situation in a disease or syndrome": true,
	"Clinical subtype": true, "Etiological subtype": true, "Histopathological subtype": true,
}

var onsetClass = map[string]string{
	"Antenatal": "birth", "Neonatal": "birth", "Infancy": "birth", "Childhood": "child",
	"Adolescent": "child", "Adult": "adult", "Elderly": "elderly", "All ages": "all",
}

var onsetRank = map[string]int{"birth": 0, "all": 1, "child": 2, "repro": 3, "adult": 4, "elderly": 5}

// values walks any JSON shape and returns every string held under key name.
func values(v any, name string, out *[]string) {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if k == name {
				if s, ok := x.(string); ok {
					*out = append(*out, s)
					continue
				}
			}
			values(x, name, out)
		}
	case []any:
		for _, x := range t {
			values(x, name, out)
		}
	}
}

// objects walks any JSON shape and returns every object held under key name.
func objects(v any, name string, out *[]map[string]any) {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if k == name {
				if m, ok := x.(map[string]any); ok {
					*out = append(*out, m)
					continue
				}
			}
			objects(x, name, out)
		}
	case []any:
		for _, x := range t {
			objects(x, name, out)
		}
	}
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

var acronymRE = regexp.MustCompile(`^[A-Z0-9][A-Za-z0-9\-/]{1,9}$`)

func isAcronym(s string) bool {
	if !acronymRE.MatchString(s) {
		return false
	}
	up := 0
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			up++
		}
	}
	return up >= 2 && strings.ToUpper(s) == s || up >= 2 && len(s) <= 6 && !strings.Contains(s[1:], "a")
}

func (g *gen) loadOrphanet(dir string) {
	files, err := filepath.Glob(filepath.Join(dir, "ORPHApacket_*.json"))
	if err != nil || len(files) == 0 {
		log.Fatalf("no ORPHApackets in %s", dir)
	}
	sort.Strings(files)
	type pick struct {
		rank      int
		mid, l, h float64
		valmoy    bool
	}
	added, merged := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		var top map[string]any
		if err := json.Unmarshal(b, &top); err != nil {
			log.Fatalf("%s: %v", f, err)
		}
		p, _ := top["Orphapacket"].(map[string]any)
		if p == nil {
			continue
		}
		label := str(p, "Label")
		code := str(p, "ORPHAcode")
		dt, _ := p["DisorderType"].(map[string]any)
		if !orphaTypes[str(dt, "value")] || label == "" {
			continue
		}
		var syns []string
		values(p["Synonyms"], "Synonym", &syns)
		var defs []string
		values(p["TextSection"], "Contents", &defs)
		var parents []string
		values(p["Parents"], "Label", &parents)
		// Already a condition of the hand table? Then only lend it words and the code.
		var known *cond
		for _, s := range append([]string{label}, syns...) {
			if isAcronym(s) {
				continue
			}
			if c := g.index[norm(s)]; c != nil && c.orpha == "" && !strings.HasPrefix(c.id, "orpha:") {
				known = c
				break
			}
		}
		if known != nil {
			known.orpha = code
			known.definition = strings.Join(defs, " ")
			known.related = append(known.related, parents...)
			merged++
			continue
		}
		// Prevalence: point prevalence in the UK, then Europe, then worldwide; birth
		// prevalence after those (a lifelong condition present from birth keeps about
		// its birth prevalence); anything else is not used.
		var prevs []map[string]any
		objects(p["Prevalences"], "Prevalence", &prevs)
		best := pick{rank: 99}
		for _, pr := range prevs {
			cls := strings.Join(strings.Fields(strings.ReplaceAll(str(pr, "PrevalenceClass"), "\u00a0", " ")), " ")
			v, ok := orphaClass[cls]
			if !ok {
				continue
			}
			rank := 0
			switch str(pr, "PrevalenceType") {
			case "Point prevalence":
			case "Prevalence at birth":
				rank += 10
			default:
				continue
			}
			switch str(pr, "PrevalenceGeographic") {
			case "United Kingdom":
			case "Europe":
				rank += 1
			case "Worldwide":
				rank += 2
			default:
				rank += 3
			}
			pk := pick{rank: rank, mid: v[0], l: v[1], h: v[2]}
			if vm, err := strconv.ParseFloat(str(pr, "ValMoy"), 64); err == nil && vm > 0 {
				share := vm / 1e5
				if share >= v[1] && share <= v[2] {
					pk.mid, pk.valmoy = share, true
				}
			}
			if pk.rank < best.rank {
				best = pk
			}
		}
		if best.rank == 99 {
			g.stats["orpha_no_prevalence"]++
			continue
		}
		var onsets []string
		values(p["AverageAgeOfOnsets"], "value", &onsets)
		onset := ""
		for _, o := range onsets {
			if oc, ok := onsetClass[o]; ok && (onset == "" || onsetRank[oc] < onsetRank[onset]) {
				onset = oc
			}
		}
		if onset == "" {
			onset = "all"
			g.stats["orpha_no_onset"]++
		}
		c := &cond{id: "orpha:" + code, kind: "C", name: label, prev: best.mid, lo: best.l, hi: best.h,
			onset: onset, sex: "-", spec: "rare disease", source: "ORPHA", orpha: code, rare: true,
			definition: strings.Join(defs, " "), related: parents}
		seen := map[string]bool{norm(label): true}
		for _, s := range syns {
			s = strings.TrimSpace(s)
			k := norm(s)
			if s == "" || seen[k] {
				continue
			}
			seen[k] = true
			switch {
			case isAcronym(s):
				c.phrases = append(c.phrases, "="+s)
			case !strings.Contains(k, " ") && g.words[k]:
				// a single ordinary English word is no safe name for a rare disease
				g.stats["orpha_synonym_dropped_word"]++
			default:
				c.phrases = append(c.phrases, s)
			}
		}
		if g.index[norm(label)] != nil {
			g.stats["orpha_label_clash"]++
			continue
		}
		g.add(c)
		added++
	}
	g.stats["orpha_added"] = added
	g.stats["orpha_merged_into_table"] = merged
}

// ---------------------------------------------------------------------------------
// Wikidata (through the Medi_Knowledge_Graph extraction)

// wikidataFixes corrects labels of the 2021 extraction that name a different item
// than the one meant: the drugs listed for "maturity-onset diabetes of the young type
// 2" (metformin, insulins, gliptins...) are those of type 2 diabetes, whose item
// carried that label in the dump.
var wikidataFixes = map[string]string{
	"maturity onset diabetes of the young type 2": "t2dm",
}

// generic condition labels that name a class, not a condition a patient is said to have.
var wikidataGeneric = map[string]bool{
	"disease": true, "mental disorder": true, "neurological disorder": true, "infection": true, "pain": true,
	"cancer": false, "inflammation": true, "fever": true, "syndrome": true, "hyperglycemia": false,
}

func (g *gen) wdCond(label string) *cond {
	k := norm(label)
	if id, ok := wikidataFixes[k]; ok {
		return g.byID[id]
	}
	return g.index[k]
}

func (g *gen) loadWikidata(dir string) {
	pairs := map[string]map[string]bool{} // drug -> raw condition labels
	addPair := func(drug, c string) {
		drug = strings.TrimSpace(drug)
		c = strings.TrimSpace(c)
		if drug == "" || c == "" {
			return
		}
		d := strings.ToLower(drug)
		if pairs[d] == nil {
			pairs[d] = map[string]bool{}
		}
		pairs[d][c] = true
	}
	readJL(filepath.Join(dir, "WikiMedicineData.jl"), func(m map[string]any) {
		drug := str(m, "Medicine")
		for _, c := range strs(m["ConditionsTreated"]) {
			addPair(drug, c)
		}
	})
	nDisease := 0
	readJL(filepath.Join(dir, "WikiDiseaseData.jl"), func(m map[string]any) {
		label := str(m, "Disease")
		for _, d := range strs(m["TreatmentDrugs"]) {
			addPair(d, label)
		}
		c := g.wdCond(label)
		if c != nil {
			nDisease++
			if info := str(m, "Info"); info != "" {
				g.wdDesc[c] = append(g.wdDesc[c], info)
			}
			g.wdDesc[c] = append(g.wdDesc[c], strs(m["HealthSpecialty"])...)
			return
		}
		// A label holding a condition's whole name (a subtype, such as
		// "relapsing-remitting multiple sclerosis") lends that condition its words.
		k := norm(label)
		ws := strings.Fields(k)
		for i := 0; i < len(ws); i++ {
			for j := len(ws); j > i+1; j-- {
				if c := g.index[strings.Join(ws[i:j], " ")]; c != nil && j-i >= 2 {
					g.wdSub[c] = append(g.wdSub[c], label)
					i = len(ws)
					break
				}
			}
		}
	})
	g.stats["wikidata_diseases_matched"] = nDisease
	const unmappedPrev = 1e-4 // assumed share for an indication we cannot name
	nDrugs := 0
	var drugs []string
	for d := range pairs {
		drugs = append(drugs, d)
	}
	sort.Strings(drugs)
	for _, drug := range drugs {
		labels := pairs[drug]
		mapped := map[*cond]bool{}
		unmapped := 0
		for l := range labels {
			k := norm(l)
			if wikidataGeneric[k] {
				continue
			}
			if c := g.wdCond(l); c != nil && !commonEpisode(c) {
				mapped[c] = true
			} else {
				unmapped++
			}
		}
		if len(mapped) == 0 {
			continue
		}
		var ordered []*cond
		for c := range mapped {
			ordered = append(ordered, c)
		}
		sort.Slice(ordered, func(i, j int) bool { return ordered[i].order < ordered[j].order })
		sum := float64(unmapped) * unmappedPrev
		for _, c := range ordered { // in a fixed order: float sums depend on it
			sum += c.prev
		}
		nDrugs++
		// Wikidata lists every use, so a drug with several listed conditions may have
		// more that it does not list: only a drug with a single one reaches 0.95.
		capS := 0.8
		if len(labels) == 1 {
			capS = 0.95
		}
		for _, c := range ordered {
			s := math.Min(capS, c.prev/sum)
			if s < 0.02 {
				continue
			}
			g.addImpl(drug, c.id, s, "W")
			g.drugsOf[c] = append(g.drugsOf[c], drug)
		}
	}
	g.stats["wikidata_drugs_with_condition"] = nDrugs
}

// commonEpisode reports an acute row (an infection, an injury, an ulcer) too common to
// weigh in a drug's prior. The prior compares standing shares (how many people have
// each condition the drug treats); an acute row's figure is an annual incidence, and a
// common episode treated for a week or two would outweigh the standing conditions of
// its drug (gastroenteritis, 27 episodes per 100 person-years, would take most of
// ibuprofen; a peptic ulcer most of amoxicillin). Such a row counts as a condition we
// cannot name, as it did before the tables had it; rare episodes (under 1 per 10,000
// a year: malaria, Lyme disease) keep their drugs.
func commonEpisode(c *cond) bool { return (c.infection || c.kind == "A") && c.prev >= 1e-4 }

func strs(v any) []string {
	var out []string
	if a, ok := v.([]any); ok {
		for _, x := range a {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

func readJL(path string, fn func(map[string]any)) {
	fh, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer fh.Close()
	dec := json.NewDecoder(fh)
	for {
		var m map[string]any
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			log.Fatalf("%s: %v", path, err)
		}
		fn(m)
	}
}

func (g *gen) addImpl(term, id string, s float64, src string) {
	key := term + "|" + id
	if old := g.impls[key]; old != nil {
		if s > old.strength {
			old.strength = s
			old.source = src
		}
		return
	}
	g.impls[key] = &impl{term: term, id: id, strength: s, source: src}
}

func (g *gen) resolve(ref string) *cond {
	if c := g.byID[ref]; c != nil {
		return c
	}
	return g.index[norm(ref)]
}

// loadFindings and loadLicensed read the cited hand tables of tests and narrowly
// licensed drugs. A term beginning '=' keeps its capitals (it matches only as written).
func (g *gen) loadFindings(path string) { g.loadImplTable(path, "F") }
func (g *gen) loadLicensed(path string) { g.loadImplTable(path, "L") }

func (g *gen) loadImplTable(path, src string) {
	readTSV(path, func(f []string) {
		if len(f) != 4 {
			log.Fatalf("%s: %q", path, f)
		}
		c := g.resolve(f[1])
		if c == nil {
			log.Fatalf("%s: unknown condition %q", path, f[1])
		}
		for _, t := range strings.Split(f[0], "|") {
			t = strings.TrimSpace(t)
			if !strings.HasPrefix(t, "=") {
				t = strings.ToLower(t)
			}
			g.addImpl(t, c.id, num(f[2]), src)
			if src == "L" {
				g.drugsOf[c] = append(g.drugsOf[c], strings.TrimPrefix(strings.ToLower(t), "="))
			} else {
				g.drugsOf[c] = append(g.drugsOf[c], strings.ToLower(strings.TrimPrefix(t, "=")))
			}
		}
	})
}

// ---------------------------------------------------------------------------------
// Abbreviation senses

func (g *gen) sense(abbr, exp string) *sense {
	key := abbr + "|" + norm(exp)
	s := g.senses[key]
	if s == nil {
		s = &sense{abbr: abbr, expansion: exp, sources: map[string]bool{}}
		if c := g.index[norm(exp)]; c != nil {
			s.id = c.id
		}
		g.senses[key] = s
	}
	return s
}

func (g *gen) loadAbbreviations(dir string) {
	// Clinical inventories with sense frequencies (Vanderbilt clinic notes and
	// discharge summaries; Stetson sign-out notes), keyed by the lower-case form.
	written := map[string]struct {
		form string
		n    int
	}{}
	lowerFreq := map[string][]struct {
		exp  string
		freq float64
		src  string
	}{}
	for _, f := range []struct{ file, src string }{
		{"vanderbilt_clinic_notes.txt", "vanderbilt"}, {"vanderbilt_discharge_sums.txt", "vanderbilt"},
		{"sense_distribution_448.txt", "stetson"},
	} {
		first := true
		readTSV(filepath.Join(dir, f.file), func(r []string) {
			if first && f.src == "vanderbilt" {
				first = false
				return
			}
			var a, e, fr string
			if f.src == "vanderbilt" {
				a, e, fr = r[0], r[1], r[4]
			} else {
				a, e, fr = r[0], r[1], r[2]
			}
			v, err := strconv.ParseFloat(fr, 64)
			if err != nil {
				return
			}
			lowerFreq[strings.ToLower(a)] = append(lowerFreq[strings.ToLower(a)], struct {
				exp  string
				freq float64
				src  string
			}{e, v, f.src})
			if f.src == "vanderbilt" {
				// the variants column ("MI_21|mi_1") says how the form is written
				for _, vr := range strings.Split(r[2], "|") {
					i := strings.LastIndex(vr, "_")
					if i <= 0 {
						continue
					}
					n, _ := strconv.Atoi(vr[i+1:])
					form := strings.Trim(vr[:i], ".")
					// all capitals beat mixed case ("MS" over "Ms", which is the title)
					caps := 0
					for _, ch := range form {
						if ch >= 'A' && ch <= 'Z' {
							caps++
						}
					}
					if caps < 2 && len(form) > 1 {
						continue
					}
					if form == strings.ToUpper(form) {
						n += 1 << 20
					}
					if strings.ToLower(form) == strings.ToLower(a) && form != strings.ToLower(form) && n > written[strings.ToLower(a)].n {
						written[strings.ToLower(a)] = struct {
							form string
							n    int
						}{form, n}
					}
				}
			}
		})
	}
	// Wikipedia's list (separately licensed): short forms as written, no frequencies.
	wiki := map[string][]string{}
	fh, err := os.Open(filepath.Join(dir, "wikipedia_abbreviation_database.csv"))
	if err != nil {
		log.Fatal(err)
	}
	rd := csv.NewReader(fh)
	rd.FieldsPerRecord = -1
	recs, err := rd.ReadAll()
	fh.Close()
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range recs[1:] {
		if len(r) == 2 {
			wiki[r[0]] = append(wiki[r[0]], r[1])
		}
	}
	// The abbreviations that matter are those of our conditions (hand table and
	// Orphanet acronyms); each gets every sense the inventories list for it.
	for _, c := range g.conds {
		for _, p := range c.phrases {
			t, f := surface(p)
			if f != 'a' {
				continue
			}
			s := g.sense(t, c.name)
			s.id = c.id
			src := "table"
			if strings.HasPrefix(c.id, "orpha:") {
				src = "orphanet"
			}
			s.sources[src] = true
		}
	}
	abbrs := map[string]bool{}
	for _, s := range g.senses {
		abbrs[s.abbr] = true
	}
	// Any abbreviation of the inventories with a sense that names one of our
	// conditions joins them, written as the clinical notes write it.
	for a, xs := range lowerFreq {
		for _, x := range xs {
			if g.index[norm(x.exp)] == nil {
				continue
			}
			form := strings.ToUpper(a)
			if w, ok := written[a]; ok {
				form = w.form
			}
			if !strings.ContainsAny(form, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") || len(form) < 2 {
				break
			}
			abbrs[form] = true
			break
		}
	}
	// One form per abbreviation whatever its case: the tables' form, else capitals.
	canon := map[string]string{}
	pickForm := func(a string) {
		u := strings.ToUpper(a)
		if old, ok := canon[u]; !ok || a == u || (old != u && a < old) {
			canon[u] = a
		}
	}
	for a := range abbrs {
		pickForm(a)
	}
	var skeys []string
	for k := range g.senses {
		skeys = append(skeys, k)
	}
	sort.Strings(skeys)
	rekeyed := map[string]*sense{}
	for _, k := range skeys {
		s := g.senses[k]
		s.abbr = canon[strings.ToUpper(s.abbr)]
		nk := s.abbr + "|" + norm(s.expansion)
		if o := rekeyed[nk]; o != nil {
			for src := range s.sources {
				o.sources[src] = true
			}
			o.freqs = append(o.freqs, s.freqs...)
			continue
		}
		rekeyed[nk] = s
	}
	g.senses = rekeyed
	abbrs = map[string]bool{}
	for _, a := range canon {
		abbrs[a] = true
	}
	for a, es := range wiki {
		if len(a) < 2 || !strings.ContainsAny(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			continue
		}
		for _, e := range es {
			if g.index[norm(e)] != nil {
				abbrs[a] = true
				break
			}
		}
	}
	var alist []string
	for a := range abbrs {
		alist = append(alist, a)
	}
	sort.Strings(alist)
	for _, a := range alist {
		for _, x := range lowerFreq[strings.ToLower(a)] {
			if x.exp == "ms." || strings.EqualFold(x.exp, "miss") {
				continue // the title Ms: case decides it, not a sense
			}
			s := g.sense(a, x.exp)
			s.freqs = append(s.freqs, x.freq)
			s.sources[x.src] = true
		}
		for _, e := range wiki[a] {
			s := g.sense(a, e)
			s.sources["wikipedia"] = true
		}
	}
	for _, s := range g.senses {
		s.wikiOnly = len(s.sources) == 1 && s.sources["wikipedia"]
	}
}

func (g *gen) loadSenseContexts(path string) {
	readTSV(path, func(f []string) {
		if len(f) != 3 {
			log.Fatalf("senses.tsv: %q", f)
		}
		s := g.sense(f[0], f[1])
		if len(s.sources) == 0 {
			s.sources["table"] = true
		}
		s.context = append(s.context, strings.Fields(f[2])...)
	})
}

// stop words and words too general to favour one sense over another.
var stop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the of and or in on to for with by from at as is are was be been
	that this which who whose it its their his her into than then there these those such not no nor
	can may also other often usually most more less very some any all each both either one two three
	type types form forms disease diseases disorder disorders syndrome syndromes condition conditions
	chronic acute rare patient patients people person caused characterised characterized affecting
	affects affect due medical medicine group including include includes associated clinical
	primary secondary onset known called s`) {
		stop[w] = true
	}
}

var wordRE = regexp.MustCompile(`[a-z][a-z0-9\-]+`)

func tokens(s string) []string {
	var out []string
	for _, w := range wordRE.FindAllString(strings.ToLower(s), -1) {
		w = strings.Trim(w, "-")
		if len(w) < 3 || stop[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

func (g *gen) buildContexts() {
	byAbbr := map[string][]*sense{}
	for _, s := range g.senses {
		byAbbr[s.abbr] = append(byAbbr[s.abbr], s)
	}
	for a, ss := range byAbbr {
		if len(ss) < 2 {
			continue
		}
		for _, s := range ss {
			seen := map[string]bool{strings.ToLower(a): true}
			var ws []string
			addAll := func(text string, limit int) {
				n := 0
				for _, w := range tokens(text) {
					if !seen[w] && n < limit {
						seen[w] = true
						ws = append(ws, w)
						n++
					}
				}
			}
			for _, w := range s.context {
				addAll(w, 1)
			}
			addAll(s.expansion, 10)
			if c := g.byID[s.id]; c != nil {
				addAll(c.name, 10)
				for _, p := range c.phrases {
					t, f := surface(p)
					if f != 'a' {
						addAll(t, 5)
					}
				}
				for _, sub := range g.wdSub[c] {
					addAll(sub, 5)
				}
				for _, d := range g.drugsOf[c] {
					addAll(d, 2)
				}
				for _, d := range g.wdDesc[c] {
					addAll(d, 12)
				}
				addAll(c.spec, 3)
				addAll(c.definition, 15)
				for _, r := range c.related {
					addAll(r, 4)
				}
			}
			if len(ws) > 80 {
				ws = ws[:80]
			}
			s.context = ws
		}
	}
}

// ---------------------------------------------------------------------------------
// Output

func g6(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }

func create(path string) (*os.File, *bufio.Writer) {
	fh, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	return fh, bufio.NewWriter(fh)
}

func done(fh *os.File, w *bufio.Writer) {
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		log.Fatal(err)
	}
}

func clean(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "|", "/").Replace(s)
}

func (g *gen) write(out string) {
	const head = "# Generated by internal/conditions/internal/gen from the sources in SOURCES.md; do not edit.\n"
	// conditions.tsv
	fh, w := create(filepath.Join(out, "conditions.tsv"))
	fmt.Fprint(w, head)
	fmt.Fprintln(w, "# id\tkind\tname\tphrases (=abbreviation ~adjective @person)\tshare\tlo\thi\tonset\tsex\trare\tspecialty\tsource\torphacode")
	for _, c := range g.conds {
		var ps []string
		for _, p := range c.phrases {
			ps = append(ps, clean(p))
		}
		rare := "0"
		if c.rare {
			rare = "1"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.id, c.kind, clean(c.name),
			strings.Join(ps, "|"), g6(c.prev), g6(c.lo), g6(c.hi), c.onset, c.sex, rare, c.spec, c.source, c.orpha)
	}
	done(fh, w)
	// ages.tsv
	fh, w = create(filepath.Join(out, "ages.tsv"))
	fmt.Fprint(w, head)
	fmt.Fprintln(w, "# id\tsex\tshare in each five-year band 0-4 ... 85-89, 90+\tsource")
	for _, r := range g.ages {
		var vs []string
		for _, v := range r.bands {
			vs = append(vs, g6(v))
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.id, r.sex, strings.Join(vs, ","), r.source)
	}
	done(fh, w)
	// implications.tsv
	var is []*impl
	for _, i := range g.impls {
		is = append(is, i)
	}
	sort.Slice(is, func(a, b int) bool {
		if is[a].term != is[b].term {
			return is[a].term < is[b].term
		}
		if is[a].strength != is[b].strength {
			return is[a].strength > is[b].strength
		}
		return is[a].id < is[b].id
	})
	fh, w = create(filepath.Join(out, "implications.tsv"))
	fmt.Fprint(w, head)
	fmt.Fprintln(w, "# term (=X: capitals only)\tcondition id\tstrength\tsource (W Wikidata, L licence table, F findings table)")
	for _, i := range is {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", clean(i.term), i.id, g6(i.strength), i.source)
	}
	done(fh, w)
	// abbreviations: weights per abbreviation, normalised.
	byAbbr := map[string][]*sense{}
	var skeys []string
	for k := range g.senses {
		skeys = append(skeys, k)
	}
	sort.Strings(skeys)
	sameID := map[string]*sense{}
	for _, k := range skeys {
		s := g.senses[k]
		if s.id != "" {
			// two expansions of one condition ("pulmonary embolus", "pulmonary
			// embolism") are one sense: frequencies add, sources and words merge
			if first := sameID[s.abbr+"|"+s.id]; first != nil {
				if len(s.freqs) > 0 {
					sum := 0.0
					for _, f := range s.freqs {
						sum += f
					}
					if len(first.freqs) == 0 {
						first.freqs = []float64{sum / float64(len(s.freqs))}
					} else {
						first.freqs[0] += sum / float64(len(s.freqs))
					}
				}
				for src := range s.sources {
					first.sources[src] = true
				}
				first.wikiOnly = first.wikiOnly && s.wikiOnly
				have := map[string]bool{}
				for _, w := range first.context {
					have[w] = true
				}
				for _, w := range s.context {
					if !have[w] {
						have[w] = true
						first.context = append(first.context, w)
					}
				}
				continue
			}
			sameID[s.abbr+"|"+s.id] = s
		}
		byAbbr[s.abbr] = append(byAbbr[s.abbr], s)
	}
	var keys []string
	for a := range byAbbr {
		keys = append(keys, a)
	}
	sort.Strings(keys)
	fh, w = create(filepath.Join(out, "abbreviations.tsv"))
	fh2, w2 := create(filepath.Join(out, "abbreviations_wikipedia.tsv"))
	fmt.Fprint(w, head)
	fmt.Fprint(w2, head)
	fmt.Fprint(w2, "# Senses listed only by Wikipedia's List of medical abbreviations (CC BY-SA 4.0; see SOURCES.md).\n")
	fmt.Fprintln(w, "# abbreviation\tmatches in lower case too (1: not an English word, 3+ letters)\tsense\tcondition id or -\tprior weight\tsources\tcontext words")
	fmt.Fprintln(w2, "# abbreviation\tmatches in lower case too\tsense\tcondition id or -\tprior weight\tcontext words")
	nSense, nWiki := 0, 0
	for _, a := range keys {
		ss := byAbbr[a]
		raw := make([]float64, len(ss))
		total := 0.0
		for i, s := range ss {
			switch {
			case len(s.freqs) > 0:
				sum := 0.0
				for _, f := range s.freqs {
					sum += f
				}
				raw[i] = math.Max(sum/float64(len(s.freqs)), 0.005)
			case g.byID[s.id] != nil:
				// a condition no clinical inventory counts (from our tables, Orphanet
				// or Wikipedia's list): weighted by how common the condition is
				raw[i] = 0.05 * math.Min(1, math.Max(g.byID[s.id].prev/2e-3, 0.01))
			default:
				raw[i] = 0.02
			}
			total += raw[i]
		}
		idx := make([]int, len(ss))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(x, y int) bool {
			if raw[idx[x]] != raw[idx[y]] {
				return raw[idx[x]] > raw[idx[y]]
			}
			return ss[idx[x]].expansion < ss[idx[y]].expansion
		})
		lower := "0"
		if la := strings.ToLower(a); len(la) >= 3 && !g.words[la] && !g.words[strings.TrimSuffix(la, "s")] {
			lower = "1"
		}
		for _, i := range idx {
			s := ss[i]
			id := s.id
			if id == "" {
				id = "-"
			}
			var srcs []string
			for k := range s.sources {
				srcs = append(srcs, k)
			}
			sort.Strings(srcs)
			if s.wikiOnly {
				fmt.Fprintf(w2, "%s\t%s\t%s\t%s\t%s\t%s\n", clean(a), lower, clean(s.expansion), id, g6(raw[i]/total), strings.Join(s.context, " "))
				nWiki++
				continue
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", clean(a), lower, clean(s.expansion), id, g6(raw[i]/total),
				strings.Join(srcs, ","), strings.Join(s.context, " "))
			nSense++
		}
	}
	done(fh, w)
	done(fh2, w2)
	g.stats["conditions"] = len(g.conds)
	g.stats["implications"] = len(g.impls)
	g.stats["abbreviations"] = len(keys)
	g.stats["senses"] = nSense
	g.stats["senses_wikipedia_only"] = nWiki
	var ks []string
	for k := range g.stats {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		fmt.Fprintf(os.Stderr, "%s\t%d\n", k, g.stats[k])
	}
}
