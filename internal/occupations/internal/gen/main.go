// Command gen builds the embedded data of package occupations (see ../../data/SOURCES.md):
//
//	go run ./internal/occupations/internal/gen \
//	    -soc /tmp/src/soc2020volume1.xlsx -ts064 /tmp/src/gm_ts064.csv \
//	    -ts063 /tmp/src/england.json -wordnet /tmp/src/wordnet -out internal/occupations/data
//
// It reads the ONS SOC 2020 Volume 1 workbook (unit groups, their descriptions, tasks and
// related job titles), Census 2021 occupation shares (TS063 major groups, TS064 minor
// groups), WordNet 3.0 (person nouns with their glosses, hypernyms and derivational links)
// and package lexis, and writes
//
//	groups.tsv  soc \t title \t minor \t major \t people \t sum of its titles' share weights \t keywords (tf-idf)
//	titles.tsv  title \t soc \t people \t flags (E estimate, U one per institution, W placed by the WordNet matcher)
//	verbs.tsv   verb \t object \t title
package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/mosaicgw/mosaic/internal/lexis"
	"github.com/mosaicgw/mosaic/internal/occupations/internal/rules"
)

type unit struct {
	soc, title, minor, major string
	text                     string   // description and tasks
	related                  []string // related job titles, cleaned
	people                   float64
	vec                      map[string]float64
	raw                      map[string]float64
}

type title struct {
	name   string
	soc    string
	people float64
	weight float64
	flags  string
	wn     *wnSynset // the WordNet person sense, when WordNet has the title
	plain  bool      // ONS gave it without a qualifier
	// claims are all the unit groups that list the title (soc among them). A bare
	// "teacher" is listed, qualified, by further, secondary, primary, nursery and
	// special needs teaching: said alone it could be any of them, so its people are
	// pooled over them (see shareTitles).
	claims []string
}

var (
	socPath   = flag.String("soc", "", "SOC 2020 Volume 1 workbook (.xlsx)")
	ts064Path = flag.String("ts064", "", "Census 2021 TS064 occupation minor groups (CSV with columns occupation, value)")
	ts063Path = flag.String("ts063", "", "JSON with a top-level \"occupation\" object of Census 2021 TS063 major-group shares")
	wnDir     = flag.String("wordnet", "", "WordNet 3.0 dict directory")
	employed  = flag.Float64("employed", 33.0e6, "people in employment in the UK (ONS Labour Force Survey, 2023)")
	outDir    = flag.String("out", "internal/occupations/data", "output directory")
	verbose   = flag.Bool("v", false, "print the matcher's validation")
)

func main() {
	flag.Parse()
	if *socPath == "" || *ts064Path == "" || *ts063Path == "" || *wnDir == "" {
		log.Fatal("need -soc, -ts064, -ts063 and -wordnet")
	}
	units, minors, majors := readSOC(*socPath)
	countPeople(units, minors, majors)
	wn, err := loadWordNet(*wnDir)
	must(err)

	titles := onsTitles(units, wn)
	idf := vectorise(units)
	added, acc := wordnetTitles(units, titles, wn, idf)
	log.Printf("ONS titles %d, WordNet titles %d (matcher leave-one-out agreement with ONS on %s)", len(titles)-added, added, acc)
	shareTitles(units, titles)
	markUnique(titles, wn)
	verbs := verbForms(titles, wn)

	must(os.MkdirAll(*outDir, 0o755))
	weights := map[string]float64{}
	for _, name := range sortedKeys(titles) {
		weights[titles[name].soc] += titles[name].weight
	}
	writeGroups(filepath.Join(*outDir, "groups.tsv"), units, weights)
	writeTitles(filepath.Join(*outDir, "titles.tsv"), titles)
	writeVerbs(filepath.Join(*outDir, "verbs.tsv"), verbs)
	log.Printf("unit groups %d, titles %d, verb forms %d", len(units), len(titles), len(verbs))
}

// readSOC reads the "SOC2020 descriptions" sheet: major (A), sub-major (B), minor (C) and unit
// (D) group codes, title (E), description (G), tasks (I) and related job titles (J).
func readSOC(path string) (map[string]*unit, map[string]string, map[string]string) {
	rows, err := readSheet(path, 1)
	must(err)
	units := map[string]*unit{}
	minors := map[string]string{} // code -> title
	majors := map[string]string{}
	var major, minor string
	cell := func(r map[string]string, c string) string {
		v := strings.TrimSpace(r[c])
		if v == "<blank>" {
			return ""
		}
		return v
	}
	for i, r := range rows {
		if i == 0 {
			continue
		}
		switch a, c, d := cell(r, "A"), cell(r, "C"), cell(r, "D"); {
		case a != "":
			major = a
			majors[a] = cell(r, "E")
		case c != "":
			minor = c
			minors[c] = cell(r, "E")
		case len(d) == 4:
			u := &unit{soc: d, title: cell(r, "E"), minor: minor, major: major,
				text: cell(r, "G") + " " + strings.ReplaceAll(cell(r, "I"), "~", " ")}
			for _, t := range strings.Split(cell(r, "J"), "\n") {
				t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "~"))
				if t != "" {
					u.related = append(u.related, t)
				}
			}
			units[d] = u
		}
	}
	if len(units) != 412 {
		log.Fatalf("expected 412 unit groups, read %d", len(units))
	}
	return units, minors, majors
}

// countPeople gives each unit group its people: the UK employed total x the major group's
// share (TS063) x the minor group's share of its major group (TS064) / the minor group's
// number of unit groups.
func countPeople(units map[string]*unit, minors, majors map[string]string) {
	// TS063: major-group shares.
	raw, err := os.ReadFile(*ts063Path)
	must(err)
	var j struct {
		Occupation map[string]float64 `json:"occupation"`
	}
	must(json.Unmarshal(raw, &j))
	majorShare := map[string]float64{}
	var total float64
	for _, code := range sortedKeys(majors) {
		name := majors[code]
		best, bestScore := "", 0.0
		for _, k := range sortedKeys(j.Occupation) {
			if s := overlap(name, k); s > bestScore {
				best, bestScore = k, s
			}
		}
		if best == "" {
			log.Fatalf("TS063: no share for major group %s %q", code, name)
		}
		majorShare[code] = j.Occupation[best]
		total += j.Occupation[best]
	}
	for k := range majorShare {
		majorShare[k] /= total
	}
	// TS064: minor-group counts, matched to SOC minor groups by name (word overlap where the
	// census label differs from the classification's).
	f, err := os.Open(*ts064Path)
	must(err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	must(err)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	byName := map[string]float64{}
	for _, r := range recs[1:] {
		v, err := strconv.ParseFloat(r[col["value"]], 64)
		must(err)
		byName[strings.ToLower(strings.TrimSpace(r[col["occupation"]]))] += v
	}
	minorCount := map[string]float64{}
	used := map[string]bool{}
	for code, name := range minors {
		if v, ok := byName[strings.ToLower(name)]; ok {
			minorCount[code] = v
			used[strings.ToLower(name)] = true
		}
	}
	for _, code := range sortedKeys(minors) {
		name := minors[code]
		if _, ok := minorCount[code]; ok {
			continue
		}
		best, bestScore := "", 0.0
		for _, k := range sortedKeys(byName) {
			if s := overlap(name, k); !used[k] && s > bestScore {
				best, bestScore = k, s
			}
		}
		if best == "" {
			log.Fatalf("TS064: no count for minor group %s %q", code, name)
		}
		log.Printf("TS064 %q taken for minor group %s %q", best, code, name)
		minorCount[code] = byName[best]
		used[best] = true
	}
	majorCount := map[string]float64{}
	unitsIn := map[string]int{}
	for code, v := range minorCount {
		majorCount[code[:1]] += v
	}
	for _, u := range units {
		unitsIn[u.minor]++
	}
	for _, u := range units {
		u.people = *employed * majorShare[u.major] * minorCount[u.minor] / majorCount[u.major] / float64(unitsIn[u.minor])
	}
}

func overlap(a, b string) float64 {
	wa, wb := wordSet(a), wordSet(b)
	n := 0
	for w := range wa {
		if wb[w] {
			n++
		}
	}
	if len(wa)+len(wb) == 0 {
		return 0
	}
	return float64(n) / float64(len(wa)+len(wb)-n)
}

var wordRE = regexp.MustCompile(`[a-z]+`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range wordRE.FindAllString(strings.ToLower(s), -1) {
		if !stop[w] {
			m[w] = true
		}
	}
	return m
}

// stop words for matching: function words and the classification's own vocabulary.
var stop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and or of the in on for to with by at from as into onto
		this that these those who which whom whose their its his her they them it is are be been
		being was were has have had do does did not no nor but if then than so such may might can
		could will would shall should must also other others etc eg ie e g i nos n e c nec related
		occupations occupation job holders holder jobholders group groups unit minor major sub
		classified following include includes including covers cover undertake undertakes perform
		performs work works working various relevant appropriate within under over all any each
		some more most person someone somebody one man woman whose whom especially usually
		specializes specialize specializing`) {
		stop[w] = true
	}
}

// tokens are the lemmatised content words of a text.
func tokens(s string) []string {
	var out []string
	for _, w := range wordRE.FindAllString(strings.ToLower(s), -1) {
		if stop[w] || len(w) < 3 {
			continue
		}
		if strings.HasSuffix(w, "ing") {
			if v := lexis.Lemma(w, lexis.Verb); v != w {
				out = append(out, v) // fishing, farming: the verb's stem
				continue
			}
		}
		out = append(out, lexis.Lemma(w, lexis.Noun))
	}
	return out
}

// vectorise builds each unit group's tf-idf vector from its title and related job titles
// (three times over) and its description and tasks; it returns the idf table.
func vectorise(units map[string]*unit) map[string]float64 {
	df := map[string]float64{}
	for _, u := range units {
		u.raw = map[string]float64{}
		for _, t := range tokens(u.title + " " + strings.Join(u.related, " ")) {
			u.raw[t] += 3
		}
		for _, t := range tokens(u.text) {
			u.raw[t]++
		}
		for t := range u.raw {
			df[t]++
		}
	}
	idf := map[string]float64{}
	for t, n := range df {
		idf[t] = math.Log(float64(len(units)) / n)
	}
	for _, u := range units {
		u.vec = weigh(u.raw, idf)
	}
	return idf
}

func weigh(raw map[string]float64, idf map[string]float64) map[string]float64 {
	v := map[string]float64{}
	var norm float64
	for t, n := range raw {
		w := (1 + math.Log(n)) * idf[t]
		if w <= 0 {
			continue
		}
		v[t] = w
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for t := range v {
		v[t] /= norm
	}
	return v
}

func cosine(a, b map[string]float64) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	var s float64
	for t, x := range a {
		s += x * b[t]
	}
	return s
}

var paren = regexp.MustCompile(`\s*\(([^)]*)\)\s*`)

// clean lower-cases a job title and removes a qualifier in brackets; plain is false when
// there was one ("Engineer (nos: boat, barge)" is the ONS's engineer on boats, not every engineer).
func clean(t string) (string, bool) {
	plain := !paren.MatchString(t)
	t = paren.ReplaceAllString(t, " ")
	t = strings.ToLower(strings.Join(strings.Fields(t), " "))
	t = strings.Trim(t, " ,.;:")
	return t, plain
}

// singular puts the last word of a title into its singular form.
func singular(t string) string {
	i := strings.LastIndexAny(t, " -")
	head := t[i+1:]
	return t[:i+1] + lexis.Lemma(head, lexis.Noun)
}

// onsTitles are the related job titles of each unit group. A title claimed by several groups
// goes to the group that gives it without a qualifier, else to the first, and remembers
// every group that claims it.
func onsTitles(units map[string]*unit, wn *wordnet) map[string]*title {
	titles := map[string]*title{}
	for _, soc := range sortedKeys(units) {
		u := units[soc]
		for _, r := range u.related {
			name, plain := clean(r)
			if name == "" {
				continue
			}
			name = singular(name)
			old, ok := titles[name]
			if ok && !slices.Contains(old.claims, soc) {
				old.claims = append(old.claims, soc)
			}
			if ok && (old.plain || !plain) {
				continue
			}
			t := &title{name: name, soc: soc, plain: plain, claims: []string{soc}}
			if ok {
				t.claims = old.claims
			}
			titles[name] = t
		}
	}
	for _, t := range titles {
		t.wn = personSense(wn, t.name)
	}
	return titles
}

// personSense is the WordNet sense of a lemma that is a person of an occupational kind
// (worker, professional, leader, religious, performer, sportsperson, military), else nil.
func personSense(wn *wordnet, lemma string) *wnSynset {
	cat, ok := lexis.PersonNoun(lemma)
	if !ok || !occupational(cat) {
		return nil
	}
	memo := map[string]bool{}
	var first *wnSynset
	for _, off := range wn.nounIndex[lemma] {
		if !wn.isPersonSynset(off, memo) {
			continue
		}
		s := wn.nouns[off]
		if first == nil {
			first = s
		}
		// Prefer a sense under worker, professional and the like over, say, a truant.
		for _, lv := range wn.hyperLemmas(s, 6) {
			for _, l := range lv {
				switch l {
				case "worker", "skilled worker", "professional", "official", "leader", "employee", "serviceman", "performer", "athlete", "clergyman", "creator", "mariner", "officer":
					return s
				}
			}
		}
	}
	return first
}

// fits says whether a kind of person (lexis) belongs in a SOC major group: managers are
// leaders, professionals are professionals, and so on. A group that does not fit keeps half
// its score in the matcher.
func fits(c lexis.Category, major string) bool {
	allowed := map[lexis.Category]string{
		lexis.Worker:       "456789",
		lexis.Professional: "1234",
		lexis.Leader:       "1234",
		lexis.Religious:    "23",
		lexis.Performer:    "2345",
		lexis.Sportsperson: "36",
		lexis.Military:     "13",
	}
	a, ok := allowed[c]
	return !ok || strings.Contains(a, major)
}

// jobRoots are the WordNet senses whose hyponyms are jobs (a ruler, an expert, a contestant
// or a guardian need not be one): a WordNet noun becomes a title only below one of them.
var jobRoots = []string{"worker#1", "skilled_worker#1", "employee#1", "professional#1", "health_professional#1",
	"educator#1", "scientist#1", "lawyer#1", "engineer#1", "official#1", "administrator#1", "executive#1",
	"manager#1", "politician#1", "clergyman#1", "cleric#1", "performer#1", "entertainer#1", "musician#1",
	"artist#1", "writer#1", "athlete#1", "serviceman#1", "soldier#1", "military_officer#1", "lawman#1",
	"operator#2", "businessperson#1", "financier#1", "attendant#1", "servant#1", "craftsman#3",
	"tradesman#1", "official#2", "creator#2"}

var jobRootSet map[string]bool

func underJob(wn *wordnet, s *wnSynset) bool {
	if jobRootSet == nil {
		jobRootSet = map[string]bool{}
		for _, r := range jobRoots {
			h := strings.IndexByte(r, '#')
			n, _ := strconv.Atoi(r[h+1:])
			senses := wn.nounIndex[strings.ReplaceAll(r[:h], "_", " ")]
			if n < 1 || n > len(senses) {
				log.Fatalf("job root %s not in WordNet", r)
			}
			jobRootSet[senses[n-1]] = true
		}
	}
	seen := map[string]bool{}
	var up func(o string) bool
	up = func(o string) bool {
		if jobRootSet[o] {
			return true
		}
		if seen[o] || wn.nouns[o] == nil {
			return false
		}
		seen[o] = true
		for _, h := range wn.nouns[o].hypers {
			if up(h) {
				return true
			}
		}
		return false
	}
	return up(s.offset)
}

func occupational(c lexis.Category) bool {
	switch c {
	case lexis.Worker, lexis.Professional, lexis.Leader, lexis.Religious, lexis.Performer, lexis.Sportsperson, lexis.Military:
		return true
	}
	return false
}

// wordnetTitles adds WordNet's person nouns of occupational kinds that the ONS list lacks,
// each in the unit group whose text is nearest to the noun's own words, synonyms, gloss and
// hypernyms (tf-idf cosine), with a bonus for a group that lists one of the noun's synonyms
// or hypernyms as a job title. It returns how many it added and the matcher's leave-one-out
// agreement with the ONS on the nouns that are ONS titles.
func wordnetTitles(units map[string]*unit, titles map[string]*title, wn *wordnet, idf map[string]float64) (int, string) {
	titleGroups := map[string][]string{} // plain ONS titles -> groups
	for _, t := range titles {
		if t.plain {
			titleGroups[t.name] = append(titleGroups[t.name], t.soc)
		}
	}
	memo := map[string]bool{}
	// How many person synsets lie below each synset: hypernyms above 150 of them (worker,
	// skilled worker, expert, ...) say nothing about a particular job and are left out.
	below := map[string]int{}
	for off := range wn.nouns {
		if !wn.isPersonSynset(off, memo) {
			continue
		}
		seenUp := map[string]bool{}
		var up func(o string)
		up = func(o string) {
			for _, h := range wn.nouns[o].hypers {
				if !seenUp[h] {
					seenUp[h] = true
					below[h]++
					up(h)
				}
			}
		}
		up(off)
	}
	specific := func(s *wnSynset) [][]string {
		var out [][]string
		frontier := []*wnSynset{s}
		for d := 0; d < 2; d++ {
			var next []*wnSynset
			var level []string
			for _, f := range frontier {
				for _, h := range f.hypers {
					hs := wn.nouns[h]
					if hs == nil || below[h] > 150 {
						continue
					}
					next = append(next, hs)
					for _, l := range hs.lemmas {
						level = append(level, strings.ToLower(l))
					}
				}
			}
			out = append(out, level)
			frontier = next
		}
		return out
	}
	heads := map[string][]string{} // head word of ONS titles -> groups
	for _, t := range titles {
		ws := strings.Fields(t.name)
		heads[ws[len(ws)-1]] = append(heads[ws[len(ws)-1]], t.soc)
	}
	type cand struct {
		lemma string
		s     *wnSynset
	}
	var cands []cand
	seen := map[string]bool{}
	for _, off := range sortedKeys(wn.nouns) {
		if !wn.isPersonSynset(off, memo) {
			continue
		}
		for _, l := range wn.nouns[off].lemmas {
			if l != strings.ToLower(l) || strings.ContainsAny(l, "0123456789.'") || seen[l] {
				continue
			}
			seen[l] = true
			s := personSense(wn, l) // the lemma's usual occupational sense, wherever it is
			if s == nil || !underJob(wn, s) {
				continue
			}
			rare := false
			for _, w := range strings.Fields(strings.ReplaceAll(l, "-", " ")) {
				if c := lexis.Commonness(w); c == 0 || c > 80 {
					rare = true
				}
			}
			if !rare {
				cands = append(cands, cand{l, s})
			}
		}
	}
	query := func(l string, s *wnSynset) map[string]float64 {
		raw := map[string]float64{}
		for _, t := range tokens(l) {
			raw[t] += 3
		}
		for _, x := range s.lemmas {
			for _, t := range tokens(x) {
				raw[t] += 2
			}
		}
		for _, t := range tokens(s.gloss) {
			raw[t]++
		}
		for d, lv := range specific(s) {
			for _, x := range lv {
				for _, t := range tokens(x) {
					raw[t] += float64(2 - d)
				}
			}
		}
		return weigh(raw, idf)
	}
	bonus := func(l string, s *wnSynset) map[string]float64 {
		b := map[string]float64{}
		give := func(name string, amount float64) {
			gs := titleGroups[name]
			for _, g := range gs {
				b[g] += amount / float64(len(gs))
			}
		}
		for _, x := range s.lemmas {
			if x = strings.ToLower(x); x != l {
				give(x, 0.8)
			}
		}
		for d, lv := range specific(s) {
			for _, x := range lv {
				give(x, 0.3/float64(d+1))
			}
		}
		if ws := strings.Fields(l); len(ws) > 1 {
			for _, g := range heads[ws[len(ws)-1]] {
				b[g] += 0.3 / float64(len(heads[ws[len(ws)-1]]))
			}
		}
		return b
	}
	best := func(q map[string]float64, b map[string]float64, lemma string, held *title) (string, float64) {
		cat, _ := lexis.PersonNoun(lemma)
		bestSoc, bestScore := "", 0.0
		for _, soc := range sortedKeys(units) {
			u := units[soc]
			vec := u.vec
			if held != nil && held.soc == soc {
				raw := map[string]float64{}
				for t, n := range u.raw {
					raw[t] = n
				}
				for _, t := range tokens(held.name) {
					if raw[t] -= 3; raw[t] <= 0 {
						delete(raw, t)
					}
				}
				vec = weigh(raw, idf)
			}
			sc := cosine(q, vec) + b[soc]
			if !fits(cat, u.major) {
				sc /= 2
			}
			if sc > bestScore {
				bestSoc, bestScore = soc, sc
			}
		}
		return bestSoc, bestScore
	}
	// Validation: WordNet nouns that are ONS titles, their own title held out of the group.
	type result struct {
		ok, minor bool
		score     float64
	}
	var val []result
	for _, c := range cands {
		t, ok := titles[c.lemma]
		if !ok || len(titleGroups[c.lemma]) != 1 {
			continue
		}
		delete(titleGroups, c.lemma) // held out
		b := bonus(c.lemma, c.s)
		titleGroups[c.lemma] = []string{t.soc}
		soc, sc := best(query(c.lemma, c.s), b, c.lemma, t)
		val = append(val, result{soc == t.soc, soc[:3] == t.soc[:3], sc})
		if *verbose && soc != t.soc && sc >= 0.2 {
			log.Printf("miss %-22s ons %s %-40.40s got %s %-40.40s %.2f", c.lemma, t.soc, units[t.soc].title, soc, units[soc].title, sc)
		}
	}
	threshold := 0.1
	agree, agreeMinor, n := 0, 0, 0
	for _, r := range val {
		if r.score >= threshold {
			n++
			if r.ok {
				agree++
			}
			if r.minor {
				agreeMinor++
			}
		}
	}
	if *verbose {
		for _, th := range []float64{0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4} {
			a, m := 0, 0
			for _, r := range val {
				if r.score >= th {
					m++
					if r.ok {
						a++
					}
				}
			}
			log.Printf("threshold %.2f: %d/%d agree", th, a, m)
		}
	}
	added := 0
	for _, c := range cands {
		if _, ok := titles[c.lemma]; ok {
			continue
		}
		soc, sc := best(query(c.lemma, c.s), bonus(c.lemma, c.s), c.lemma, nil)
		if sc < threshold || soc == "" {
			continue
		}
		titles[c.lemma] = &title{name: c.lemma, soc: soc, flags: "W", wn: c.s}
		added++
		if *verbose {
			log.Printf("wordnet %-28s -> %s %-50s %.2f  (%s)", c.lemma, soc, units[soc].title, sc, c.s.gloss)
		}
	}
	return added, fmt.Sprintf("%d of %d nouns scoring %.2f or more; same minor group %d", agree, n, threshold, agreeMinor)
}

// shareTitles shares each unit group's people among its titles by rules.Weight. A title
// several groups claim takes its share in each of them: the title said alone is anyone
// in any of those groups who goes by it.
func shareTitles(units map[string]*unit, titles map[string]*title) {
	sum := map[string]float64{}
	for _, name := range sortedKeys(titles) {
		t := titles[name]
		t.weight = rules.Weight(t.name, strings.Contains(t.flags, "W"))
		for _, soc := range t.groups() {
			sum[soc] += t.weight
		}
	}
	for _, t := range titles {
		t.people = 0
		for _, soc := range t.groups() {
			t.people += units[soc].people * t.weight / sum[soc]
		}
		t.flags += "E"
	}
	// The title a unit group is named after ("Farmers": farmer; "Police officers
	// (sergeant and below)": police officer) is what most of its people are called: it
	// takes at least half the group, whatever its words' commonness says.
	for _, soc := range sortedKeys(units) {
		name, _ := clean(units[soc].title)
		if t, ok := titles[singular(name)]; ok && t.soc == soc {
			t.people = max(t.people, units[soc].people/2)
		}
	}
	poolKinds(titles)
}

// poolKinds gives a title that names a kind of the others ("teacher" for "music teacher"
// and "primary school teacher", "nurse" for "mental health nurse") the people of all of
// them as well as its own share: a bare "nurse" is read by a moderator as any nurse, and
// the ONS lists the kinds, not the bare word, in most groups. The sums use the shares
// before pooling, so a kind of a kind is counted once.
func poolKinds(titles map[string]*title) {
	own := make(map[string]float64, len(titles))
	for name, t := range titles {
		own[name] = t.people
	}
	for _, name := range sortedKeys(titles) { // in a fixed order: float sums depend on it
		ws := strings.Fields(name)
		for i := 1; i < len(ws); i++ {
			if kind, ok := titles[strings.Join(ws[i:], " ")]; ok {
				kind.people += own[name]
			}
		}
	}
}

// groups are the unit groups whose people the title shares: those that claim it, or its
// own when the WordNet matcher placed it.
func (t *title) groups() []string {
	if len(t.claims) == 0 {
		return []string{t.soc}
	}
	return t.claims
}

// markUnique flags the titles rules.Unique says one person holds per institution.
func markUnique(titles map[string]*title, wn *wordnet) {
	isTitle := func(s string) bool { return titles[s] != nil }
	for _, t := range titles {
		gloss := ""
		if t.wn != nil {
			gloss = t.wn.gloss
		}
		if rules.Unique(t.name, gloss, isTitle) {
			t.flags += "U"
		}
	}
}

type verbForm struct{ verb, object, title string }

// headVerbs: what the holder of a title with this head does to the thing named before it.
// "run" is added for an institution (shopkeeper: keeps/runs a shop).
var headVerbs = map[string][]string{"manager": {"manage", "run"}, "owner": {"own"}, "proprietor": {"own", "run"}, "keeper": {"keep"}}

var nonVerbs = map[string]bool{"be": true, "have": true, "do": true, "can": true, "may": true, "work": true, "serve": true,
	"act": true, "help": true, "use": true, "become": true, "get": true, "specialize": true, "take": true, "give": true,
	"hold": true, "fail": true, "will": true, "must": true, "attend": true, "try": true, "live": true}

var glossVerb = regexp.MustCompile(`\b(?:who|that)\s+(?:\w+ly\s+)?([a-z]+)(?:\s+and\s+([a-z]+))?\s*(.*)$`)
var npStop = regexp.MustCompile(`\b(for|in|on|at|with|to|of|by|from|and|or|who|that|especially|as|into|under|during|while|than|so|when|where|but)\b|[,;:()]`)

// glossObject is the head noun of the noun phrase that starts the text, or "".
func glossObject(rest string) string {
	if loc := npStop.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]]
	}
	ws := strings.Fields(rest)
	for i := len(ws) - 1; i >= 0; i-- {
		w := strings.ToLower(strings.Trim(ws[i], `"'`))
		switch w {
		case "a", "an", "the", "their", "his", "her", "its", "other", "others":
			continue
		}
		l := lexis.Lemma(w, lexis.Noun)
		if lexis.IsNoun(l) {
			if _, person := lexis.PersonNoun(l); !person {
				return l
			}
		}
		return ""
	}
	return ""
}

// agentVerbs are the verbs a head noun is an agent of: WordNet's derivational links from its
// occupational sense, else the -er/-or endings that leave a WordNet verb (driver: drive).
func agentVerbs(head string, s *wnSynset, wn *wordnet) []string {
	if s != nil {
		if vs := wn.verbsOf(s, head); len(vs) > 0 {
			return vs
		}
	}
	var out []string
	try := func(v string) bool {
		if len(v) >= 3 && lexis.IsVerb(v) {
			out = append(out, v)
			return true
		}
		return false
	}
	for _, suf := range []string{"er", "or"} {
		if !strings.HasSuffix(head, suf) || len(head) < 5 {
			continue
		}
		stem := head[:len(head)-2]
		switch {
		case try(stem):
		case try(stem + "e"):
		case len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] && try(stem[:len(stem)-1]):
		case strings.HasSuffix(stem, "i") && try(stem[:len(stem)-1]+"y"):
		}
	}
	return out
}

// verbForms derives verb phrases from the titles: an agent noun's verb (teacher: teach), with
// the thing a compound names before its head (bus driver: drive a bus; beekeeper: keep bees),
// the verb and object of the WordNet gloss ("a person who shoes horses": shoe a horse), the
// "-man" compounds (fisherman: fish), and the office heads (X manager: manage/run an X).
func verbForms(titles map[string]*title, wn *wordnet) []verbForm {
	seen := map[verbForm]bool{}
	var out []verbForm
	add := func(v, o, t string) {
		if v == "" || strings.Contains(v, " ") || !lexis.IsVerb(v) {
			return
		}
		f := verbForm{v, o, t}
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, name := range sortedKeys(titles) {
		t := titles[name]
		words := strings.Fields(name)
		head := words[len(words)-1]
		var mod string
		if len(words) == 2 && lexis.IsNoun(lexis.Lemma(words[0], lexis.Noun)) {
			mod = lexis.Lemma(words[0], lexis.Noun)
		}
		if len(words) == 1 {
			// closed compound: noun + agent noun (beekeeper, shopkeeper, wheelwright)
			for i := len(name) - 4; i >= 3; i-- {
				m, h := name[:i], name[i:]
				if lexis.IsNoun(m) && lexis.Commonness(m) > 0 && lexis.Commonness(m) <= 50 && len(agentVerbs(h, nil, wn)) > 0 {
					mod, head = m, h
					break
				}
			}
		}
		headSense := t.wn
		if head != name {
			headSense = personSense(wn, head)
		}
		vs := agentVerbs(head, headSense, wn)
		if extra, ok := headVerbs[head]; ok {
			vs = append(append([]string(nil), extra...), vs...)
		}
		for _, v := range vs {
			if v == head && len(words) > 1 && (mod == "" || !lexis.IsA(mod, "artifact")) {
				continue // a trawler skipper skippers a trawler; a police officer does not officer the police
			}
			if v == head && mod == "" && headSense != nil {
				// same-word verb (skipper, cox): the object from the verb's own gloss
				add(v, glossLastNoun(wn.verbGloss(headSense, v), name), name)
				continue
			}
			add(v, mod, name)
		}
		if mod != "" && rules.IsInstitution(mod) && (headVerbs[head] != nil) {
			add("run", mod, name)
		}
		// -man compounds: fisherman -> fish, ferryman -> ferry
		if len(words) == 1 && strings.HasSuffix(name, "man") && len(name) > 6 {
			x := strings.TrimSuffix(name, "man")
			if lexis.IsVerb(x) {
				add(x, "", name)
			} else if strings.HasSuffix(x, "er") && lexis.IsVerb(x[:len(x)-2]) {
				add(x[:len(x)-2], "", name)
			}
		}
		// the gloss: "someone who VERBs (and VERBs) OBJECT"
		if t.wn != nil {
			if m := glossVerb.FindStringSubmatch(t.wn.gloss); m != nil {
				obj := glossObject(m[3])
				for _, w := range []string{m[1], m[2]} {
					if w == "" {
						continue
					}
					v := lexis.Lemma(w, lexis.Verb)
					if nonVerbs[v] {
						continue
					}
					add(v, obj, name)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].verb != out[j].verb {
			return out[i].verb < out[j].verb
		}
		if out[i].title != out[j].title {
			return out[i].title < out[j].title
		}
		return out[i].object < out[j].object
	})
	return out
}

// glossLastNoun is the last non-person noun of a verb gloss ("work as the skipper on a
// vessel": vessel), not the title itself.
func glossLastNoun(g, title string) string {
	ws := wordRE.FindAllString(strings.ToLower(g), -1)
	for i := len(ws) - 1; i >= 0; i-- {
		w := lexis.Lemma(ws[i], lexis.Noun)
		if stop[ws[i]] || w == title || !lexis.IsNoun(w) || len(w) < 3 {
			continue
		}
		if _, person := lexis.PersonNoun(w); person {
			continue
		}
		return w
	}
	return ""
}

func writeGroups(path string, units map[string]*unit, weights map[string]float64) {
	var b strings.Builder
	for _, soc := range sortedKeys(units) {
		u := units[soc]
		type kv struct {
			k string
			v float64
		}
		var kvs []kv
		for k, v := range u.vec {
			kvs = append(kvs, kv{k, v})
		}
		sort.Slice(kvs, func(i, j int) bool {
			if kvs[i].v != kvs[j].v {
				return kvs[i].v > kvs[j].v
			}
			return kvs[i].k < kvs[j].k
		})
		if len(kvs) > 100 {
			kvs = kvs[:100]
		}
		var kw []string
		for _, x := range kvs {
			kw = append(kw, fmt.Sprintf("%s:%.3f", x.k, x.v))
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%.0f\t%.6g\t%s\n", soc, u.title, u.minor, u.major, u.people, weights[soc], strings.Join(kw, " "))
	}
	must(os.WriteFile(path, []byte(b.String()), 0o644))
}

func writeTitles(path string, titles map[string]*title) {
	var b strings.Builder
	for _, name := range sortedKeys(titles) {
		t := titles[name]
		flags := []byte(t.flags)
		sort.Slice(flags, func(i, j int) bool { return flags[i] < flags[j] })
		fmt.Fprintf(&b, "%s\t%s\t%.1f\t%s\n", name, t.soc, t.people, flags)
	}
	must(os.WriteFile(path, []byte(b.String()), 0o644))
}

func writeVerbs(path string, vs []verbForm) {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", v.verb, v.object, v.title)
	}
	must(os.WriteFile(path, []byte(b.String()), 0o644))
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
