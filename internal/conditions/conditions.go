// Package conditions knows the health conditions, acute events, states (pregnancy, the
// postnatal period) and disabilities that posts mention about patients, and how many
// people of a given age and sex have each: the figures Mosaic needs to estimate k.
//
// Everything comes from data files embedded in the binary (data/), written by the
// generator in internal/gen from the sources listed in data/SOURCES.md:
//
//   - conditions: about 250 common conditions, events, states and disabilities from a
//     cited hand table (QOF, Health Survey for England, cancer prevalence, CFAS II,
//     national audits...), and about 4,100 rare diseases from Orphanet (CC BY 4.0), with
//     their names, synonyms, abbreviations and adjective and person forms;
//   - age profiles: the share of each five-year age band, by sex, that has the condition
//     (or, for an acute event, had it in a year), where a published table gives one;
//     otherwise a profile modelled from the condition's typical age of onset (see Share);
//   - implications: drugs, brands, tests and findings that name a condition ("riluzole",
//     "a positive sweat test"), from Wikidata (CC0) and two cited hand tables;
//   - abbreviation senses, with prior weights from clinical sense inventories and the
//     words that favour each sense ("MS" near "relapsing" or near "valve").
//
// Use Default for the shared index; it is built once and safe for concurrent use.
package conditions

import (
	"embed"
	"math"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/conditions.tsv data/ages.tsv data/implications.tsv data/abbreviations.tsv data/abbreviations_wikipedia.tsv
var files embed.FS

// Kind says how a condition is priced.
type Kind uint8

const (
	// Chronic is a standing condition, priced by prevalence.
	Chronic Kind = iota
	// Acute is an event (a fall, an overdose, a myocardial infarction), priced by
	// annual incidence: the share of people who had one in a year.
	Acute
	// State is a passing state such as pregnancy or the postnatal period, priced by
	// the share of people in it at a given moment.
	State
	// Disability is a lasting impairment (sight loss, amputation, wheelchair use).
	Disability
)

func (k Kind) String() string {
	switch k {
	case Acute:
		return "acute"
	case State:
		return "state"
	case Disability:
		return "disability"
	}
	return "chronic"
}

// Condition is one condition, event, state or disability.
type Condition struct {
	ID   string // stable identifier: a short name for the hand table, "orpha:NNN" for Orphanet
	Name string
	Kind Kind
	// Prevalence is the all-ages share of the UK population who have it (Chronic,
	// State, Disability); 0 for Acute.
	Prevalence float64
	// Incidence is events per person-year, all ages (Acute only).
	Incidence float64
	// Lo and Hi bound Prevalence (or Incidence) as the source's figures allow.
	Lo, Hi float64
	// Rare is true for Orphanet's rare diseases and anything rarer than 1 in 2,000.
	Rare bool
	// Onset is the typical age of onset: birth, child, adult, elderly, all (any age)
	// or repro (women of reproductive age).
	Onset string
	// Sex is 'F' or 'M' when only one sex can have it, else 0.
	Sex byte
	// Specialty is a coarse grouping ("cardiology", "rare disease").
	Specialty string
	// Source is the citation key of the figure (see data/SOURCES.md); ORPHA for Orphanet.
	Source string
	// Orpha is the ORPHAcode, where Orphanet has the condition.
	Orpha string
	// AgeSource is the citation key of the age profile, or "onset model" where no
	// published profile was had and Share models one from Onset.
	AgeSource string

	forms   []string       // surface forms in order: name, synonyms, adjectives, person forms, abbreviations
	profile [2][19]float64 // share by five-year band (0-4 ... 85-89, 90+), [0] men, [1] women
}

// Rate is the figure that prices the condition: Incidence for Acute, else Prevalence.
func (c *Condition) Rate() float64 {
	if c.Kind == Acute {
		return c.Incidence
	}
	return c.Prevalence
}

// Sense is one meaning of a phrase or abbreviation.
type Sense struct {
	Condition *Condition // nil when the sense is no condition ("PE": physical exam)
	Meaning   string     // the expansion or name this sense stands for
	Weight    float64    // prior weight among the phrase's senses; they add up to 1
	Context   []string   // words that favour this sense when they occur nearby
}

// Implication is a condition that a drug, brand, test or finding points to.
type Implication struct {
	Condition *Condition
	Strength  float64 // 0..1: how often a patient said to have the term has the condition
}

// Index holds the conditions and every way of naming or implying them.
type Index struct {
	conds   []*Condition
	byID    map[string]*Condition
	names   map[string][]*Condition // lower-case name, synonym, adjective or person form
	abbr    map[string][]Sense      // upper-case abbreviation -> senses, best first
	forms   map[string][]string     // upper-case abbreviation -> forms as written ("HFrEF")
	lowerOK map[string]bool         // upper-case abbreviation that also matches in lower case
	impl    map[string][]Implication
	// implHeads are the lower-case first words of implying terms of two or more words
	// ("sweat" of "sweat test"): a reader tries a phrase that starts with an everyday
	// word only where one begins.
	implHeads map[string]bool
}

var (
	once     sync.Once
	defIndex *Index
)

// Default returns the index built from the embedded data.
func Default() *Index {
	once.Do(func() {
		x, err := load()
		if err != nil {
			panic("conditions: " + err.Error())
		}
		defIndex = x
	})
	return defIndex
}

// ByID returns the condition with that ID, or nil.
func (x *Index) ByID(id string) *Condition { return x.byID[id] }

// Len is the number of conditions.
func (x *Index) Len() int { return len(x.conds) }

// All calls yield for every condition, in the order of the data file.
func (x *Index) All(yield func(*Condition) bool) {
	for _, c := range x.conds {
		if !yield(c) {
			return
		}
	}
}

func lines(name string, fn func(f []string) error) error {
	b, err := files.ReadFile(name)
	if err != nil {
		return err
	}
	s := string(b)
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		var line string
		if i < 0 {
			line, s = s, ""
		} else {
			line, s = s[:i], s[i+1:]
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(strings.Split(line, "\t")); err != nil {
			return err
		}
	}
	return nil
}

type loadError string

func (e loadError) Error() string { return string(e) }

func atof(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

func load() (*Index, error) {
	x := &Index{byID: map[string]*Condition{}, names: map[string][]*Condition{}, abbr: map[string][]Sense{},
		forms: map[string][]string{}, lowerOK: map[string]bool{}, impl: map[string][]Implication{}, implHeads: map[string]bool{}}
	addName := func(p string, c *Condition) {
		k := strings.ToLower(p)
		for _, o := range x.names[k] {
			if o == c {
				return
			}
		}
		x.names[k] = append(x.names[k], c)
	}
	var ownAbbr []struct {
		form string
		c    *Condition
	}
	err := lines("data/conditions.tsv", func(f []string) error {
		if len(f) != 13 {
			return loadError("conditions.tsv: bad line " + strings.Join(f, " "))
		}
		c := &Condition{ID: f[0], Name: f[2], Lo: atof(f[5]), Hi: atof(f[6]), Onset: f[7], Rare: f[9] == "1",
			Specialty: f[10], Source: f[11], Orpha: f[12], AgeSource: "onset model"}
		switch f[1] {
		case "A":
			c.Kind, c.Incidence = Acute, atof(f[4])
		case "S":
			c.Kind, c.Prevalence = State, atof(f[4])
		case "D":
			c.Kind, c.Prevalence = Disability, atof(f[4])
		default:
			c.Kind, c.Prevalence = Chronic, atof(f[4])
		}
		if f[8] == "F" || f[8] == "M" {
			c.Sex = f[8][0]
		}
		x.conds = append(x.conds, c)
		x.byID[c.ID] = c
		c.forms = append(c.forms, c.Name)
		addName(c.Name, c)
		if f[3] != "" {
			for _, p := range strings.Split(f[3], "|") {
				switch {
				case strings.HasPrefix(p, "="):
					ownAbbr = append(ownAbbr, struct {
						form string
						c    *Condition
					}{p[1:], c})
				case strings.HasPrefix(p, "@"):
					c.forms = append(c.forms, p[1:], p[1:]+"s")
					addName(p[1:], c)
					addName(p[1:]+"s", c)
				case strings.HasPrefix(p, "~"):
					c.forms = append(c.forms, p[1:])
					addName(p[1:], c)
				default:
					c.forms = append(c.forms, p)
					addName(p, c)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Age profiles: published ones first, the onset model for the rest.
	have := map[string]*[2]bool{}
	err = lines("data/ages.tsv", func(f []string) error {
		c := x.byID[f[0]]
		if c == nil || len(f) != 4 {
			return loadError("ages.tsv: bad line " + strings.Join(f, " "))
		}
		vs := strings.Split(f[2], ",")
		if len(vs) != 19 {
			return loadError("ages.tsv: want 19 bands for " + f[0])
		}
		if have[c.ID] == nil {
			have[c.ID] = &[2]bool{}
		}
		for b, v := range vs {
			p := atof(v)
			if f[1] != "F" {
				c.profile[0][b] = p
			}
			if f[1] != "M" {
				c.profile[1][b] = p
			}
		}
		if f[1] != "F" {
			have[c.ID][0] = true
		}
		if f[1] != "M" {
			have[c.ID][1] = true
		}
		c.AgeSource = f[3]
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, c := range x.conds {
		h := have[c.ID]
		if h != nil {
			// A published profile gives the shape; the condition's own figure (most
			// often a count of diagnosed people, where the profile may come from a
			// survey that finds undiagnosed ones too) gives the level.
			if all := c.allAges(); all > 0 && c.Rate() > 0 {
				f := c.Rate() / all
				for s := range c.profile {
					for b := range c.profile[s] {
						c.profile[s][b] = min(1, c.profile[s][b]*f)
					}
				}
			}
		}
		for s := 0; s < 2; s++ {
			if h != nil && h[s] {
				continue
			}
			if (c.Sex == 'M' && s == 1) || (c.Sex == 'F' && s == 0) {
				continue // stays zero
			}
			c.profile[s] = modelProfile(c)
		}
	}
	// Abbreviation senses.
	readSenses := func(name string, withSources bool) error {
		return lines(name, func(f []string) error {
			ctxCol := 6
			if !withSources {
				ctxCol = 5
			}
			if len(f) != ctxCol+1 {
				return loadError(name + ": bad line " + strings.Join(f, " "))
			}
			form, key := f[0], strings.ToUpper(f[0])
			var c *Condition
			if f[3] != "-" {
				c = x.byID[f[3]]
			}
			var ctx []string
			if f[ctxCol] != "" {
				ctx = strings.Fields(f[ctxCol])
			}
			merged := false
			for i, o := range x.abbr[key] { // "HFrEF" and "HFREF" are one abbreviation
				if (c != nil && o.Condition == c) || strings.EqualFold(o.Meaning, f[2]) {
					x.abbr[key][i].Weight += atof(f[4])
					x.abbr[key][i].Context = append(x.abbr[key][i].Context, ctx...)
					merged = true
					break
				}
			}
			if !merged {
				x.abbr[key] = append(x.abbr[key], Sense{Condition: c, Meaning: f[2], Weight: atof(f[4]), Context: ctx})
			}
			if f[1] == "1" {
				x.lowerOK[key] = true
			}
			x.addForm(key, form)
			if c != nil {
				c.addForm(form)
			}
			return nil
		})
	}
	if err := readSenses("data/abbreviations.tsv", true); err != nil {
		return nil, err
	}
	if err := readSenses("data/abbreviations_wikipedia.tsv", false); err != nil {
		return nil, err
	}
	for _, a := range ownAbbr { // every abbreviation of the tables is in the inventory
		key := strings.ToUpper(a.form)
		if _, ok := x.abbr[key]; !ok {
			x.abbr[key] = []Sense{{Condition: a.c, Meaning: a.c.Name, Weight: 1}}
		}
		x.addForm(key, a.form)
		a.c.addForm(a.form)
	}
	for key, ss := range x.abbr {
		x.abbr[key] = normalise(ss)
	}
	// Implications.
	err = lines("data/implications.tsv", func(f []string) error {
		c := x.byID[f[1]]
		if c == nil || len(f) != 4 {
			return loadError("implications.tsv: bad line " + strings.Join(f, " "))
		}
		x.impl[f[0]] = append(x.impl[f[0]], Implication{Condition: c, Strength: atof(f[2])})
		if sp := strings.IndexByte(f[0], ' '); sp > 0 {
			x.implHeads[strings.ToLower(strings.TrimPrefix(f[0][:sp], "="))] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

func (x *Index) addForm(key, form string) {
	for _, f := range x.forms[key] {
		if f == form {
			return
		}
	}
	x.forms[key] = append(x.forms[key], form)
}

func (c *Condition) addForm(form string) {
	for _, f := range c.forms {
		if f == form {
			return
		}
	}
	c.forms = append(c.forms, form)
}

// normalise makes the weights add up to 1 and orders the senses, most likely first.
func normalise(ss []Sense) []Sense {
	sum := 0.0
	for _, s := range ss {
		sum += s.Weight
	}
	if sum <= 0 {
		sum = 1
	}
	for i := range ss {
		ss[i].Weight /= sum
	}
	for i := 1; i < len(ss); i++ { // insertion sort: stable, lists are short
		for j := i; j > 0 && ss[j].Weight > ss[j-1].Weight; j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
	return ss
}
