// Package occupations is an index of UK job titles with how many people hold each,
// for estimating how many people match a published description of a patient.
//
// Titles and their unit groups come from the ONS Standard Occupational Classification 2020
// (Volume 1: the 412 unit groups and their related job titles), with WordNet's person nouns
// of occupational kinds added where the ONS list lacks them, each placed in the unit group
// whose ONS text is nearest (flagged Mapped). People per unit group are modelled from Census
// 2021 shares and the UK total in employment; a group's people are shared among its titles
// by how common the titles' words are (flagged Estimated). The generator and every source
// are described in data/SOURCES.md.
package occupations

import (
	_ "embed"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/mosaicgw/mosaic/internal/lexis"
	"github.com/mosaicgw/mosaic/internal/occupations/internal/rules"
)

// UKPopulation is the UK's population, mid-2022 (ONS mid-year estimates), for Share.
const UKPopulation = 67.6e6

//go:embed data/groups.tsv
var groupsTSV string

//go:embed data/titles.tsv
var titlesTSV string

//go:embed data/verbs.tsv
var verbsTSV string

// Occupation is a job title and its unit group.
type Occupation struct {
	Title     string  // lower case, singular
	SOC       string  // SOC 2020 unit group, four digits
	Group     string  // the unit group's title
	Count     float64 // people in the UK who hold it
	Estimated bool    // Count is the title's share of its unit group, not a published figure
	Unique    bool    // one holder per institution (head teacher, harbourmaster, station manager)
	Mapped    bool    // placed in its unit group by a matcher (a WordNet noun, or a title composed at lookup), not by the ONS
}

// VerbForm is a way of saying what a holder of an occupation does: the verb's lemma and the
// head lemma of its object ("" when the verb stands alone): skipper (vessel), shoe (horse),
// keep (bee), teach ("").
type VerbForm struct {
	Verb       string
	Object     string
	Occupation *Occupation
}

// Group is a SOC 2020 unit group.
type Group struct {
	SOC, Title, Minor, Major string
	Count                    float64
	keywords                 map[string]float64 // the group's ONS text, tf-idf weighted
	weight                   float64            // sum of its titles' share weights
}

// Index holds the titles, unit groups and verb forms.
type Index struct {
	titles    map[string]*Occupation
	groups    map[string]*Group
	verbs     map[string][]VerbForm
	heads     map[string][]string // last word of a title -> the unit group of each title with it
	composed  sync.Map            // query -> *Occupation built by compose (nil: none), at most maxComposed
	nComposed atomic.Int64
}

// maxComposed bounds the cache of composed lookups (text from users is unbounded).
const maxComposed = 20000

var (
	defaultOnce  sync.Once
	defaultIndex *Index
)

// Default is the index built from the embedded data, loaded once.
func Default() *Index {
	defaultOnce.Do(func() { defaultIndex = parse() })
	return defaultIndex
}

func parse() *Index {
	x := &Index{titles: map[string]*Occupation{}, groups: map[string]*Group{}, verbs: map[string][]VerbForm{}, heads: map[string][]string{}}
	for _, l := range lines(groupsTSV) {
		f := strings.Split(l, "\t")
		n, _ := strconv.ParseFloat(f[4], 64)
		w, _ := strconv.ParseFloat(f[5], 64)
		g := &Group{SOC: f[0], Title: f[1], Minor: f[2], Major: f[3], Count: n, weight: w, keywords: map[string]float64{}}
		for _, kv := range strings.Fields(f[6]) {
			if i := strings.LastIndexByte(kv, ':'); i > 0 {
				w, _ := strconv.ParseFloat(kv[i+1:], 64)
				g.keywords[kv[:i]] = w
			}
		}
		x.groups[g.SOC] = g
	}
	for _, l := range lines(titlesTSV) {
		f := strings.Split(l, "\t")
		n, _ := strconv.ParseFloat(f[2], 64)
		g := x.groups[f[1]]
		o := &Occupation{Title: f[0], SOC: f[1], Group: g.Title, Count: n,
			Estimated: strings.Contains(f[3], "E"), Unique: strings.Contains(f[3], "U"), Mapped: strings.Contains(f[3], "W")}
		x.titles[o.Title] = o
		ws := strings.Fields(o.Title)
		h := ws[len(ws)-1]
		x.heads[h] = append(x.heads[h], o.SOC)
	}
	x.addGroupTitles()
	for _, l := range lines(verbsTSV) {
		f := strings.Split(l, "\t")
		if o := x.titles[f[2]]; o != nil {
			x.verbs[f[0]] = append(x.verbs[f[0]], VerbForm{Verb: f[0], Object: f[1], Occupation: o})
		}
	}
	return x
}

// addGroupTitles adds the jobs a unit group's own title names ("Scaffolders, stagers
// and riggers": scaffolder, stager, rigger) where its related titles lack them, each
// with an equal share of the group. Catch-all parts ("... n.e.c.", "other ...
// occupations", "related ...") and everyday words alone ("advisers") name no one job.
func (x *Index) addGroupTitles() {
	socs := make([]string, 0, len(x.groups))
	for soc := range x.groups {
		socs = append(socs, soc)
	}
	sort.Strings(socs)
	for _, soc := range socs {
		g := x.groups[soc]
		parts := strings.FieldsFunc(strings.ReplaceAll(strings.ToLower(g.Title), " and ", ","), func(r rune) bool { return r == ',' })
		for _, part := range parts {
			ws := strings.Fields(part)
			if len(ws) == 0 || len(ws) > 3 || strings.Contains(part, "n.e.c") || strings.Contains(part, "occupations") || strings.Contains(part, "related") ||
				strings.ContainsAny(part, "()/") || ws[0] == "other" || ws[0] == "functional" || ws[0] == "routine" {
				continue
			}
			last := ws[len(ws)-1]
			one := lexis.Lemma(last, lexis.Noun)
			if one == last || !strings.HasSuffix(last, "s") {
				continue // not a plural noun: "Nursing", "Fishing and related"
			}
			if _, person := lexis.PersonNoun(one); !person && !agentNoun(one) {
				continue // "agricultural and fishing trades", "managers in ... services"
			}
			if c := lexis.Commonness(one); len(ws) == 1 && c > 0 && c < 50 {
				continue // "advisers", "testers", "finishers": too general alone
			}
			ws[len(ws)-1] = one
			title := strings.Join(ws, " ")
			if _, ok := x.titles[title]; ok {
				continue
			}
			o := x.inGroup(title, g)
			// A job the group is named after is one of its main ones: an equal share
			// of the group with the others its title names.
			o.Count, o.Mapped = g.Count/float64(len(parts)), false
			x.titles[title] = o
			x.heads[one] = append(x.heads[one], g.SOC)
		}
	}
}

// agentNoun reports a word with an ending that makes nouns for people who do something
// ("scaffolder", "assessor", "florist", "technician"), for words WordNet lacks.
func agentNoun(w string) bool {
	for _, suf := range []string{"er", "or", "ist", "ian", "man", "woman"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return true
		}
	}
	return false
}

func lines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// Groups calls yield for each unit group in SOC order.
func (x *Index) Groups(yield func(g *Group) bool) {
	socs := make([]string, 0, len(x.groups))
	for s := range x.groups {
		socs = append(socs, s)
	}
	sort.Strings(socs)
	for _, s := range socs {
		if !yield(x.groups[s]) {
			return
		}
	}
}

// Group is the unit group with a SOC 2020 code.
func (x *Index) Group(soc string) (*Group, bool) {
	g, ok := x.groups[soc]
	return g, ok
}

// Titles calls yield for every title in alphabetical order.
func (x *Index) Titles(yield func(title string, o *Occupation) bool) {
	ts := make([]string, 0, len(x.titles))
	for t := range x.titles {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	for _, t := range ts {
		if !yield(t, x.titles[t]) {
			return
		}
	}
}

// Len is the number of titles.
func (x *Index) Len() int { return len(x.titles) }

// Share is the occupation's holders as a share of the UK population.
func (x *Index) Share(o *Occupation) float64 { return o.Count / UKPopulation }

// ByVerb lists the occupations whose holders do what the verb (a lemma) says, each with the
// head lemma of the verb's object.
func (x *Index) ByVerb(lemma string) []VerbForm {
	return x.verbs[strings.ToLower(lemma)]
}

// Verbs calls yield for each verb that has forms.
func (x *Index) Verbs(yield func(verb string, forms []VerbForm) bool) {
	vs := make([]string, 0, len(x.verbs))
	for v := range x.verbs {
		vs = append(vs, v)
	}
	sort.Strings(vs)
	for _, v := range vs {
		if !yield(v, x.verbs[v]) {
			return
		}
	}
}

// Lookup finds a job title, ignoring case, number and a possessive ("Farriers",
// "farrier's"), an article, and the wrappers "works as a ...", "... by trade", "retired",
// "former", "ex-" and "trainee". A title the index lacks is composed when its head is a
// title head the index has: "distillery manager" goes to the unit group with "manager"
// titles whose ONS text is nearest to "distillery" and what WordNet says it is (plant,
// works); "harbourmaster" is read as "harbour master". Composed occupations are Mapped and
// Estimated.
func (x *Index) Lookup(title string) (*Occupation, bool) {
	q := normalise(title)
	if q == "" {
		return nil, false
	}
	if o, ok := x.exact(q); ok {
		return o, true
	}
	if v, ok := x.composed.Load(q); ok {
		o := v.(*Occupation)
		return o, o != nil
	}
	o := x.compose(q)
	if x.nComposed.Add(1) <= maxComposed {
		// The key is cloned: a caller's string may view a buffer it reuses.
		x.composed.Store(strings.Clone(q), o)
	}
	return o, o != nil
}

// exact finds a normalised title as it is, with its last word made singular, or as a closed
// compound split in two ("headteacher": head teacher).
func (x *Index) exact(q string) (*Occupation, bool) {
	if o, ok := x.titles[q]; ok {
		return o, true
	}
	s := singular(q)
	if o, ok := x.titles[s]; ok {
		return o, true
	}
	if !strings.Contains(s, " ") {
		// An orthographic variant WordNet puts in one synset with a title (ghillie, gillie).
		for _, v := range lexis.Synonyms(s, 0) {
			if o, ok := x.titles[v]; ok && oneEdit(s, v) {
				return o, true
			}
		}
		for i := 3; i <= len(s)-3; i++ {
			if o, ok := x.titles[s[:i]+" "+s[i:]]; ok {
				return o, true
			}
			if o, ok := x.titles[s[:i]+"-"+s[i:]]; ok {
				return o, true
			}
		}
	}
	return nil, false
}

func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if a == b || len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

// rankWords mark a holder's rank or standing within an occupation, not another occupation.
var rankWords = map[string]bool{"head": true, "chief": true, "senior": true, "junior": true, "assistant": true,
	"deputy": true, "trainee": true, "apprentice": true, "principal": true, "lead": true, "acting": true,
	"relief": true, "locum": true, "freelance": true, "self-employed": true, "qualified": true, "master": true}

var wrappers = []string{"works as an ", "works as a ", "working as an ", "working as a ", "worked as an ", "worked as a ",
	"work as an ", "work as a ", "retired ", "former ", "ex-", "ex ", "trainee ", "an ", "a ", "the "}

func normalise(t string) string {
	t = strings.ToLower(strings.Join(strings.Fields(t), " "))
	t = strings.Trim(t, " .,;:!?\"()")
	for changed := true; changed; {
		changed = false
		for _, w := range wrappers {
			if strings.HasPrefix(t, w) && len(t) > len(w) {
				t, changed = t[len(w):], true
			}
		}
		if strings.HasSuffix(t, " by trade") {
			t, changed = strings.TrimSuffix(t, " by trade"), true
		}
	}
	t = strings.TrimSuffix(t, "'s")
	t = strings.TrimSuffix(t, "'")
	t = strings.TrimSuffix(t, "’s")
	return t
}

func singular(q string) string {
	i := strings.LastIndexAny(q, " -")
	return q[:i+1] + lexis.Lemma(q[i+1:], lexis.Noun)
}

// compose builds an occupation for a title the index lacks whose head word is the head of
// titles it has (see Lookup); nil when there is none.
func (x *Index) compose(q string) *Occupation {
	s := singular(q)
	words := strings.Fields(s)
	head := words[len(words)-1]
	mods := words[:len(words)-1]
	// A title cut short ("school crossing patrol"): the titles it begins, if one unit group
	// holds them all.
	if len(words) > 1 {
		var soc string
		same := true
		for t, o := range x.titles {
			if strings.HasPrefix(t, s+" ") {
				if soc != "" && soc != o.SOC {
					same = false
				}
				soc = o.SOC
			}
		}
		if soc != "" && same {
			return x.inGroup(s, x.groups[soc])
		}
	}
	if len(words) == 1 {
		// A closed compound: a noun and a title head (harbourmaster, distillerymanager).
		for i := len(s) - 3; i >= 3; i-- {
			m, h := s[:i], s[i:]
			if len(x.heads[h]) > 0 && (lexis.IsNoun(m) || lexis.Commonness(m) > 0) {
				head, mods = h, []string{m}
				break
			}
		}
		if len(mods) == 0 {
			return nil
		}
	}
	// Rank words before a title keep it in its group: "head greenkeeper" is a greenkeeper.
	if len(mods) > 0 && len(words) > 1 {
		rest := words
		for len(rest) > 1 && rankWords[rest[0]] {
			rest = rest[1:]
		}
		if len(rest) < len(words) {
			if o, ok := x.exact(strings.Join(rest, " ")); ok {
				return x.inGroup(s, x.groups[o.SOC])
			}
		}
	}
	heads := map[string]int{} // unit group -> its titles on this head
	for _, soc := range x.heads[head] {
		heads[soc]++
	}
	if len(heads) == 0 {
		return nil
	}
	// The modifier's words and what WordNet says they are (its first sense's direct
	// hypernyms and the nouns of its definition), scored against every unit group's ONS
	// text. A group with titles on this head gets headBonus (and a little more for each such
	// title); another group wins only on modifier evidence above that.
	terms := map[string]float64{}
	for _, m := range mods {
		l := lexis.Lemma(m, lexis.Noun)
		terms[l] += 1
		if v := lexis.Lemma(m, lexis.Verb); v != l {
			terms[v] += 0.5
		}
		for i, h := range lexis.Hypernyms(l, 1) {
			if i >= 3 {
				break
			}
			if !strings.Contains(h, " ") {
				terms[h] += 0.5
			}
		}
		for _, g := range lexis.GlossNouns(l, 1) {
			if !strings.Contains(g, " ") {
				terms[g] += 0.5
			}
		}
	}
	const headBonus = 0.3
	var best *Group
	bestScore := -1.0
	x.Groups(func(g *Group) bool {
		sc := 0.0
		for t, w := range terms {
			sc += w * g.keywords[t]
		}
		if n := heads[g.SOC]; n > 0 {
			sc += headBonus + 0.001*float64(n)
		} else if sc < headBonus {
			return true
		}
		if sc > bestScore {
			best, bestScore = g, sc
		}
		return true
	})
	spaced := strings.Join(append(append([]string(nil), mods...), head), " ")
	w := rules.Weight(spaced, true)
	isTitle := func(t string) bool { _, ok := x.titles[t]; return ok }
	return &Occupation{
		Title:     s,
		SOC:       best.SOC,
		Group:     best.Title,
		Count:     best.Count * w / (best.weight + w),
		Estimated: true,
		Unique:    rules.Unique(spaced, "", isTitle),
		Mapped:    true,
	}
}

// inGroup is a composed title placed in a unit group, with the share it would have there.
func (x *Index) inGroup(title string, g *Group) *Occupation {
	w := rules.Weight(title, true)
	isTitle := func(t string) bool { _, ok := x.titles[t]; return ok }
	return &Occupation{Title: title, SOC: g.SOC, Group: g.Title, Count: g.Count * w / (g.weight + w),
		Estimated: true, Unique: rules.Unique(title, "", isTitle), Mapped: true}
}

// Phrases calls yield with the surface forms of every title: the title, its plural and
// possessives, "works as a ...", "... by trade", and "retired", "former" and "ex-" before it.
func (x *Index) Phrases(yield func(phrase string, o *Occupation) bool) {
	x.Titles(func(t string, o *Occupation) bool {
		for _, title := range append([]string{t}, openCompounds(t)...) {
			for _, p := range Forms(title) {
				if !yield(p, o) {
					return false
				}
			}
		}
		return true
	})
}

// openCompounds are the spaced and hyphenated spellings of a closed compound title
// ("lockkeeper": "lock keeper", "lock-keeper"; "harbourmaster": "harbour master"):
// a common noun of three letters or more followed by a common noun for a person, the
// longest first part winning ("police man", not "pol iceman").
func openCompounds(title string) []string {
	if strings.ContainsAny(title, " -") {
		return nil
	}
	for i := len(title) - 3; i >= 3; i-- {
		first, second := title[:i], title[i:]
		if lexis.Commonness(first) == 0 || lexis.Commonness(second) == 0 {
			continue
		}
		if !lexis.IsNoun(first) && !lexis.IsNoun(strings.Replace(first, "our", "or", 1)) {
			continue // WordNet spells "harbour" the American way
		}
		if cat, person := lexis.PersonNoun(second); !person || cat == lexis.Relative {
			continue // "parson" is no "par son"
		}
		return []string{first + " " + second, first + "-" + second}
	}
	return nil
}

// Forms are the surface forms of a title (see Phrases).
func Forms(title string) []string {
	pl := lexis.Plural(title)
	art := "a "
	if strings.ContainsRune("aeiou", rune(title[0])) && !strings.HasPrefix(title, "u") && !strings.HasPrefix(title, "eu") {
		art = "an "
	}
	plPoss := pl + "'s"
	if strings.HasSuffix(pl, "s") {
		plPoss = pl + "'"
	}
	return []string{title, pl, title + "'s", plPoss, "works as " + art + title, title + " by trade",
		"retired " + title, "former " + title, "ex-" + title}
}
