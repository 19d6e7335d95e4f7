// Package risk turns the details known about one patient into a number with a meaning:
// the estimated count of people who match all of them (the anonymity set, k), and the
// identifying bits log2(population/k). It is pure arithmetic over published priors, so
// every hold can show which detail cost how many bits, and a fix can be computed by
// trying coarser forms of the costliest details.
//
// The model: k = population of the narrowest place known × the product of each other
// detail's frequency, conditioned where details obviously depend on each other:
//   - a sex-specific condition (pregnancy, prostate cancer) already fixes the sex;
//   - age is the share of the population in the stated range (ONS age structure);
//   - an occupation is a share of working people, so once an adult working age is known
//     its frequency is divided by the employed share of the population;
//   - the specific details of one patient (conditions, occupation, events, features)
//     cluster (comorbidity, one story: a beekeeper's sting anaphylaxis), so the rarest
//     counts in full, the next as the square root of its frequency (at most 4 bits when
//     both are conditions), the rest not at all;
//   - a locally unique public role (the town's mayor) is one person wherever it is;
//   - several details of one kind (two ages, two jobs) keep only the narrowest.
package risk

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Factor is one detail about a patient, as the risk model needs it.
type Factor struct {
	Kind  string // an extract.Kind value: "age", "sex", "place", "condition", ...
	Value string
	// Generalisations are successively coarser forms of Value.
	Generalisations []string
	// Frequency is the share of the population matching the detail, 0 when unknown.
	Frequency float64
	// Population is the number of people in a place (place kinds only), 0 when unknown.
	Population float64
	// Direct marks a direct identifier.
	Direct bool
	// Fixed marks a detail the author can no longer change (it is in a published post):
	// fix suggestions only touch details that are not fixed.
	Fixed bool
	// Label is the text shown in suggestions, e.g. the span's text ("34").
	Label string
	// Recent marks a condition the text says was diagnosed recently ("newly diagnosed").
	Recent bool
	// Ref identifies the detail in its knowledge source: a condition's ID in
	// internal/conditions, a place's ID in internal/places.
	Ref string
	// Count, for a role or a membership pinned to a place, is how many people could be
	// meant; Density, for a role at one of an uncounted number of establishments, is how
	// many such people there are per head of population (extract.Detail).
	Count, Density float64
}

// Context is what the author's profile implies about where their patients live.
type Context struct {
	// Place names the author's place of practice ("lancaster"), "" when unknown.
	Place string
	// PlaceChain lists the places that contain Place (its generalisations), so a text
	// place inside that chain ("cumbria" for a Keswick GP) does not override it.
	PlaceChain []string
	// Population is the population the author's patients come from, 0 when unknown.
	Population float64
	// Lookup, when set, gives the frequency or population of a generalised value
	// (e.g. the population of "cumbria"); it is asked before the model's defaults.
	Lookup func(kind, value string) (frequency, population float64, ok bool)
	// PlaceRef is the author's place in internal/places (its ID), "" when unknown: its
	// age and sex structure conditions the estimate.
	PlaceRef string
	// Z is how many standard deviations (of log k) the interval spans each way;
	// 0 means DefaultZ.
	Z float64
}

// Share is one factor's part in an estimate.
type Share struct {
	// Frequency is the conditional frequency applied (1 when the factor was absorbed by
	// another, e.g. a containing place or a sex implied by pregnancy).
	Frequency float64
	// Bits is -log2(Frequency); for the place the estimate starts from it is
	// log2(UKPopulation/population).
	Bits float64
	// Share of the total bits of all factors, 0..1.
	Share float64
}

// Estimate is the result of the model for one set of factors.
type Estimate struct {
	// K is the estimated number of people matching every factor.
	K float64
	// Low and High bound K: each prior's uncertainty (a log-normal spread, see
	// sigmaOf) carried through the product, Z standard deviations each way.
	Low, High float64
	// Bits is log2(Population/K): what the details other than the place identify.
	Bits float64
	// Population and Place are where the estimate starts from.
	Population float64
	Place      string
	// PlaceFactor is the index of the factor that gave the place, -1 for the author's
	// context or the whole UK.
	PlaceFactor int
	// Factors align with the input factors.
	Factors []Share
}

// TotalBits is the sum of every factor's bits, the place included: log2(UKPopulation/K).
func (e Estimate) TotalBits() float64 {
	var t float64
	for _, f := range e.Factors {
		t += f.Bits
	}
	return t
}

const minFrequency = 1e-9

// relatedFloor bounds what a second detail of the same kind can add: a factor of 16 (4 bits).
// Two rare findings in one text are nearly always related (a syndrome and its feature,
// two haemoglobinopathies, a disease and its complication), not two independent rarities.
const relatedFloor = 1.0 / 16

// A recent diagnosis of a rare condition (prevalence below RareCondition) is news in the
// patient's circle, the practice and the specialist unit: the people diagnosed in the
// last couple of months are about RecentDiagnosis of those living with it (a chronic
// condition lived with for decades has incidence/prevalence of a few per cent a year).
// Common conditions are left alone: "newly diagnosed diabetes" describes thousands.
const (
	RareCondition   = 1e-3
	RecentDiagnosis = 1.0 / 50
)

// IsPlaceKind reports whether details of this kind locate a person (and so give the
// population an estimate starts from) rather than filter it.
func IsPlaceKind(kind string) bool {
	switch kind {
	case "place", "postcode_district", "institution":
		return true
	}
	return false
}

// placePopulation estimates how many people a place detail covers.
func placePopulation(f Factor) float64 {
	if f.Population > 0 {
		return min(f.Population, UKPopulation)
	}
	// The value, then its coarser forms, say what kind of institution it is ("sedbergh"
	// generalises to "school").
	v := strings.ToLower(f.Value + " " + strings.Join(f.Generalisations, " "))
	switch {
	case f.Kind == "postcode_district":
		return 22_000 // ~3,000 districts share the UK population
	case containsAny(v, "school", "academy", "college", "nursery"):
		return 1_000
	case containsAny(v, "hmp", "prison", "young offender"):
		return 800
	case containsAny(v, "care home", "nursing home"):
		return 60
	case containsAny(v, "practice", "surgery", "medical centre", "health centre"):
		return CatchmentPractice
	case containsAny(v, "ward", "unit", "hospital", "infirmary", "royal", "general", "trust"):
		return CatchmentHospital
	}
	if f.Frequency > 0 {
		return min(f.Frequency*UKPopulation, UKPopulation)
	}
	if f.Kind == "institution" {
		return 50_000
	}
	return 50_000 // an unknown named place: a small town
}

// sexSkew is how much likelier a condition is in one sex than the population average,
// for conditions that are not sex-specific but nearly so: breast cancer in men is about
// 0.7% of cases (CRUK: ~390 of ~56,000 a year), so among men its frequency is
// 2 × 0.007 of the all-person figure.
func sexSkew(condition, sex string) float64 {
	v := strings.ToLower(condition)
	if sex == "M" && containsAny(v, "breast cancer", "breast carcinoma", "ductal carcinoma", "lobular carcinoma") {
		return 2 * 0.007
	}
	return 1
}

// sexImplied reports whether a condition or event value only applies to one sex.
func sexImplied(v string) bool {
	return containsAny(strings.ToLower(v), "pregnan", "gestation", "antenatal", "postnatal",
		"postpartum", "miscarriage", "obstetric", "ovar", "uter", "cervical", "cervix", "endometri",
		"menopaus", "breastfeed", "caesarean", "prostat", "testic", "erectile", "male breast",
		"vulv", "vagin", "pre-eclampsia", "eclampsia", "placent", "mum", "mother", "father",
		"duchenne", "becker muscular", "haemophilia", "hemophilia", "klinefelter", "turner syndrome",
		"gynaecomastia", "hysterectomy", "vasectomy", "orchi", "penile", "cesarean", "labour", "labor")
}

// uniqueRole reports whether a public status names a role one person holds in a place
// ("our town mayor", "the local MP"): k is then about one, whatever the population.
func uniqueRole(v string) bool {
	v = " " + strings.ToLower(v) + " "
	return containsAny(v, "mayor", " mp ", "member of parliament", " msp ", " mla ", "council leader",
		"leader of the council", "chief constable", "police and crime commissioner", "bishop",
		"lord lieutenant", "high sheriff", "headteacher", "head teacher", "headmaster", "headmistress",
		"chief executive", "provost", "town crier")
}

// frequencyOf returns a factor's frequency, or the default for its kind.
func frequencyOf(f Factor) float64 {
	if f.Frequency > 0 {
		return f.Frequency
	}
	if d, ok := defaultFrequency[f.Kind]; ok && d > 0 {
		return d
	}
	return 1
}

// Suggestion is the smallest change to the changeable factors that brings k to at least
// the threshold.
type Suggestion struct {
	// Changes lists what to do, in order; usually one.
	Changes []Change
	// KBefore and KAfter are the estimates before and after the changes.
	KBefore, KAfter float64
	// Enough is false when even dropping every changeable detail leaves k below the
	// threshold (the post cannot be fixed by editing this revision alone).
	Enough bool
	// after are the factors with the changes made.
	after []Factor
}

// Change is one edit: generalise a factor to a coarser form, or drop it.
type Change struct {
	Factor int    // index into the factors
	From   string // label or value before
	To     string // coarser form; "" when dropped
	Drop   bool
}

// String renders the suggestion for notices.
func (s Suggestion) String() string {
	if len(s.Changes) == 0 {
		return ""
	}
	var parts []string
	for _, c := range s.Changes {
		if c.Drop {
			parts = append(parts, fmt.Sprintf("leave out %q", c.From))
		} else {
			parts = append(parts, fmt.Sprintf("say %q instead of %q", humanise(c.To), c.From))
		}
	}
	msg := strings.Join(parts, "; ")
	if s.Enough {
		return fmt.Sprintf("%s: %s would then match instead of %s", msg, People(s.KAfter), People(s.KBefore))
	}
	return fmt.Sprintf("%s: still %s would match; describe the patient only in general terms, or not at all", msg, People(s.KAfter))
}

// humanise turns a coarse value into words for a notice: "30-39" -> "in their 30s".
func humanise(v string) string {
	lo, hi, ok := AgeRange(v)
	switch {
	case !ok || strings.ContainsAny(v, "abcdefghijklmnopqrstuvwxyz") && !strings.HasSuffix(v, "s"):
		return v
	case lo%10 == 0 && hi == lo+9:
		return fmt.Sprintf("in their %ds", lo)
	case hi >= 110:
		return fmt.Sprintf("over %d", lo-1)
	}
	return v
}

// titleCase capitalises each word of a place name: "north yorkshire" -> "North Yorkshire".
func titleCase(s string) string {
	b := []byte(s)
	for i := range b {
		if (i == 0 || b[i-1] == ' ' || b[i-1] == '-') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

// People says how many people an estimate is, in words: "fewer than 1 person",
// "about 6 people".
func People(k float64) string {
	if k < 1 {
		return "fewer than 1 person"
	}
	return "about " + FormatK(k) + " people"
}

// FormatK prints an anonymity-set size for people: "fewer than 1", "3", "1,200".
func FormatK(k float64) string {
	switch {
	case k < 1:
		return "fewer than 1"
	case k < 10:
		return fmt.Sprintf("%.0f", math.Round(k))
	}
	n := int64(math.Round(k))
	s := fmt.Sprintf("%d", n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// generalised returns a copy of f at generalisation level lvl (0 = first coarser form).
func generalised(f Factor, lvl int, ctx Context) Factor {
	g := f
	g.Value = f.Generalisations[lvl]
	g.Generalisations = f.Generalisations[lvl+1:]
	g.Label = g.Value
	if IsPlaceKind(f.Kind) {
		g.Label = titleCase(g.Value)
	}
	if ctx.Lookup != nil {
		if fr, p, ok := ctx.Lookup(f.Kind, g.Value); ok {
			g.Frequency, g.Population = fr, p
			return g
		}
	}
	step := math.Pow(10, float64(lvl+1))
	switch {
	case f.Kind == "age":
		g.Frequency = 0 // recomputed from the range
		if _, _, ok := AgeRange(g.Value); !ok {
			g.Kind = "age-unparsed"
			g.Frequency = min(1, AgeShare(0, 104)) // unknown coarse form: treat as any age
		}
	case IsPlaceKind(f.Kind):
		g.Kind = "place"
		g.Population = min(UKPopulation, placePopulation(f)*step)
		g.Frequency = 0
	default:
		g.Frequency = min(1, frequencyOf(f)*step)
	}
	return g
}

// Suggest finds the smallest change to the factors that are not Fixed that makes the
// post safe by the rule posts are held by: the low end of k's plausible range (Low) at
// least threshold. First the single generalisation or drop that loses the fewest bits
// while reaching it; failing that, greedily the change that raises the low end most, up
// to three changes.
func Suggest(fs []Factor, ctx Context, threshold float64) Suggestion {
	cur := slices.Clone(fs)
	before := Compute(cur, ctx)
	s := Suggestion{KBefore: before.K, KAfter: before.K}
	if before.Low >= threshold {
		s.Enough = true
		return s
	}
	label := func(f Factor) string {
		if f.Label != "" {
			return f.Label
		}
		return f.Value
	}
	dropped := make([]bool, len(fs))
	for step := 0; step < 3; step++ {
		type option struct {
			change Change
			next   []Factor
			k, low float64
			lost   float64
		}
		var opts []option
		baseBits := Compute(cur, ctx).TotalBits()
		for i, f := range cur {
			if f.Fixed || dropped[i] {
				continue
			}
			for lvl := range f.Generalisations {
				next := slices.Clone(cur)
				next[i] = generalised(f, lvl, ctx)
				est := Compute(next, ctx)
				opts = append(opts, option{Change{Factor: i, From: label(f), To: next[i].Label}, next, est.K, est.Low, baseBits - est.TotalBits()})
			}
			next := slices.Clone(cur)
			next[i] = Factor{Kind: "dropped", Frequency: 1}
			est := Compute(next, ctx)
			// Dropping costs the reader the detail entirely: count it as slightly worse
			// than the coarsest generalisation with the same effect.
			opts = append(opts, option{Change{Factor: i, From: label(f), Drop: true}, next, est.K, est.Low, baseBits - est.TotalBits() + 0.01})
		}
		if len(opts) == 0 {
			break
		}
		var pick *option
		for j := range opts {
			o := &opts[j]
			if o.low >= threshold && (pick == nil || o.lost < pick.lost) {
				pick = o
			}
		}
		if pick == nil {
			for j := range opts {
				o := &opts[j]
				if pick == nil || o.low > pick.low {
					pick = o
				}
			}
		}
		s.Changes = append(s.Changes, pick.change)
		cur = pick.next
		s.KAfter = pick.k
		if pick.change.Drop {
			dropped[pick.change.Factor] = true
		}
		s.after = cur
		if pick.low >= threshold {
			s.Enough = true
			return s
		}
	}
	return s
}
