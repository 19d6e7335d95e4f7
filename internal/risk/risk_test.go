package risk

import (
	"math"
	"slices"
	"testing"

	"github.com/mosaicgw/mosaic/internal/conditions"
)

// The age table sums to 67,850 (thousands); hand computations below use it.
const ageTotal = 67850.0

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.9g, want %.9g", what, got, want)
	}
}

func TestAgeRange(t *testing.T) {
	cases := []struct {
		in     string
		lo, hi int
		ok     bool
	}{
		{"34", 34, 34, true}, {"30-39", 30, 39, true}, {"30s", 30, 39, true},
		{"early 30s", 30, 33, true}, {"mid-30s", 33, 36, true}, {"late 80s", 86, 89, true},
		{"80+", 80, 110, true}, {"over 75", 76, 110, true}, {"under 5", 0, 4, true},
		{"toddler", 1, 3, true}, {"older adult", 65, 110, true}, {"blue", 0, 0, false},
	}
	for _, c := range cases {
		lo, hi, ok := AgeRange(c.in)
		if lo != c.lo || hi != c.hi || ok != c.ok {
			t.Errorf("AgeRange(%q) = %d, %d, %v; want %d, %d, %v", c.in, lo, hi, ok, c.lo, c.hi, c.ok)
		}
	}
}

func TestAgeShare(t *testing.T) {
	near(t, "share 30-34", AgeShare(30, 34), 4580/ageTotal)
	near(t, "share 32", AgeShare(32, 32), 4580.0/5/ageTotal)
	near(t, "share 0-110", AgeShare(0, 110), 1)
	near(t, "share 104", AgeShare(104, 104), 14.0/5/ageTotal)
}

// Alnwick (8,000 people), a woman, early 30s, a teacher (1% of the population): the
// occupation is conditioned on working age (÷0.48), and the sex is part of the age
// and sex share (carried on the age factor). "Early 30s" (30-33) is read as the five
// years around its middle, 29-33.
// k = 8000 × 0.5 × share(29-33) × (0.01/0.48)
func TestComputeHandCase(t *testing.T) {
	fs := []Factor{
		{Kind: "place", Value: "alnwick", Population: 8000},
		{Kind: "sex", Value: "F"},
		{Kind: "age", Value: "early 30s"},
		{Kind: "occupation", Value: "teacher", Frequency: 0.01},
	}
	e := Compute(fs, Context{})
	near(t, "k", e.K, 8000*0.5*AgeShare(29, 33)*0.01/0.48)
	near(t, "population", e.Population, 8000)
	if e.Place != "alnwick" || e.PlaceFactor != 0 {
		t.Errorf("place = %q (%d), want alnwick (0)", e.Place, e.PlaceFactor)
	}
	near(t, "bits", e.Bits, math.Log2(8000/e.K))
	near(t, "sex bits", e.Factors[1].Bits, 0)
	near(t, "age and sex bits", e.Factors[2].Bits, -math.Log2(0.5*AgeShare(29, 33)))
	near(t, "place bits", e.Factors[0].Bits, math.Log2(UKPopulation/8000))
	var sum float64
	for _, f := range e.Factors {
		sum += f.Share
	}
	near(t, "shares", sum, 1)
	near(t, "total bits", e.TotalBits(), math.Log2(UKPopulation/e.K))
	if !(e.Low < e.K && e.K < e.High) {
		t.Errorf("interval %v..%v does not contain k %v", e.Low, e.High, e.K)
	}
}

// An adult's exact age reads as the five years around it: "34" is 32-36.
func TestExactAdultAgeIsAFewYears(t *testing.T) {
	e := Compute([]Factor{{Kind: "age", Value: "34"}}, Context{Population: 100000})
	near(t, "k", e.K, 100000*AgeShare(32, 36))
	// A child's age is known to the year (school year).
	e = Compute([]Factor{{Kind: "age", Value: "9"}}, Context{Population: 100000})
	near(t, "k child", e.K, 100000*AgeShare(9, 9))
}

// A condition that is not rare narrows what a reader knows only to the floor:
// k = 100000 × max(0.04, 0.2) = 20000.
func TestConditionFloor(t *testing.T) {
	e := Compute([]Factor{{Kind: "condition", Value: "hypertension", Frequency: 0.04}}, Context{Population: 100000})
	near(t, "k", e.K, 100000*ConditionFloor)
}

// A rare condition counts in full in a town, but over a district only to RareFloor:
// k = 20000 × 1e-5 = 0.2; k = 100000 × 1e-3 = 100.
func TestRareConditionAndPlaceSize(t *testing.T) {
	f := []Factor{{Kind: "condition", Value: "a rare disease", Frequency: 1e-5}}
	near(t, "town", Compute(f, Context{Population: 20000}).K, 0.2)
	near(t, "district", Compute(f, Context{Population: 100000}).K, 100000*RareFloor)
}

// A pregnancy is known to those involved, floored at EpisodeFloor; one so rare it is
// news (triplets) counts in a town as a rare disease does.
func TestNewsworthyState(t *testing.T) {
	twins := Compute([]Factor{{Kind: "condition", Value: "twin pregnancy", Ref: "twinpreg"}}, Context{Population: 20000})
	near(t, "twins", twins.K, 20000*0.5*EpisodeFloor) // women only
	triplets := Compute([]Factor{{Kind: "condition", Value: "triplet pregnancy", Ref: "tripletpreg"}}, Context{Population: 20000})
	if triplets.K >= 1 {
		t.Errorf("triplet pregnancy in a town of 20,000: k = %.3g, want below 1", triplets.K)
	}
	district := Compute([]Factor{{Kind: "condition", Value: "triplet pregnancy", Ref: "tripletpreg"}}, Context{Population: 200000})
	near(t, "triplets over a district", district.K, 200000*0.5*RareFloor)
}

// Comorbidity: the rarest condition in full, the next as its square root, at least
// 1/16 for two of one kind. k = 20000 × 2e-5 × max(sqrt(5e-5), 1/16) = 0.025.
func TestConditionsCluster(t *testing.T) {
	fs := []Factor{
		{Kind: "condition", Value: "rare one", Frequency: 5e-5},
		{Kind: "condition", Value: "rarer one", Frequency: 2e-5},
	}
	e := Compute(fs, Context{Population: 20000, Place: "kendal"})
	near(t, "k", e.K, 20000*2e-5/16)
	if e.Place != "kendal" || e.PlaceFactor != -1 {
		t.Errorf("place = %q (%d), want the context", e.Place, e.PlaceFactor)
	}
}

// A condition only one sex has says the sex: stating the sex as well costs nothing more.
func TestSexImpliedByCondition(t *testing.T) {
	var id string
	conditions.Default().All(func(c *conditions.Condition) bool {
		if c.Sex == 'F' && c.Kind == conditions.Chronic && c.Prevalence > 0 && c.Prevalence < 1e-4 {
			id = c.ID
			return false
		}
		return true
	})
	if id == "" {
		t.Skip("no rare female-only condition in the index")
	}
	cond := Factor{Kind: "condition", Value: "x", Ref: id}
	alone := Compute([]Factor{cond}, Context{Population: 20000})
	with := Compute([]Factor{cond, {Kind: "sex", Value: "F"}}, Context{Population: 20000})
	near(t, "k with the sex stated", with.K, alone.K)
}

// A role pinned to one establishment is a container: "the harbourmaster here" is one
// person whatever the town. k = 1 × 0.5 (male).
func TestContainer(t *testing.T) {
	e := Compute([]Factor{{Kind: "occupation", Value: "harbourmaster", Count: 1}, {Kind: "sex", Value: "M"}}, Context{Population: 3000})
	near(t, "k", e.K, 0.5)
	// "one of the golf clubs": a density over the place: 100000 × 4e-5 = 4 people.
	e = Compute([]Factor{{Kind: "occupation", Value: "head greenkeeper", Density: 4e-5}}, Context{Population: 100000})
	near(t, "k density", e.K, 4)
}

func TestAuthorContextAndTextPlaces(t *testing.T) {
	ctx := Context{Place: "keswick", PlaceChain: []string{"cumbria", "north west"}, Population: 5000}
	// A containing place in the text does not widen the author's catchment.
	e := Compute([]Factor{{Kind: "place", Value: "cumbria", Population: 500000}}, ctx)
	near(t, "inside", e.Population, 5000)
	// A narrower place in the text wins: the patient lives there.
	e = Compute([]Factor{{Kind: "place", Value: "hawkshead", Population: 600}}, ctx)
	near(t, "village", e.Population, 600)
	// A wider place elsewhere (where the patient was referred) does not widen it.
	e = Compute([]Factor{{Kind: "place", Value: "penzance", Population: 21000}}, ctx)
	near(t, "elsewhere", e.Population, 5000)
	// Being treated at a hospital does not move where the patient lives.
	e = Compute([]Factor{{Kind: "institution", Value: "royal derby hospital"}}, ctx)
	near(t, "hospital", e.Population, 5000)
	// Without context the hospital's catchment is the population.
	e = Compute([]Factor{{Kind: "institution", Value: "royal derby hospital"}}, Context{})
	near(t, "hospital alone", e.Population, CatchmentHospital)
}

// The condition is in an earlier post (fixed); the post's own details are the place (with
// coarser forms) and an exact age 34 (read as 32-36) with coarser forms.
// k = 8000 × 0.5 × AgeShare(32, 36) × 0.00005 (rare, in full in a town) = 0.0134.
// Generalising the place to "north east" (×100 by default: 800,000 people, over a
// district, so the rare condition counts as 1e-3) gives 26.8 and loses fewer bits than
// dropping it; the age alone cannot do it ("adult": 0.62).
func TestSuggestSmallestFix(t *testing.T) {
	fs := []Factor{
		{Kind: "place", Value: "alnwick", Population: 8000, Generalisations: []string{"northumberland", "north east"}, Label: "Alnwick"},
		{Kind: "sex", Value: "F", Fixed: true},
		{Kind: "age", Value: "34", Generalisations: []string{"30-39", "adult"}, Label: "34"},
		{Kind: "condition", Value: "a rare syndrome", Frequency: 0.00005, Fixed: true},
	}
	s := Suggest(fs, Context{}, 5)
	want := 8000 * 0.5 * AgeShare(32, 36) * 0.00005
	near(t, "k before", s.KBefore, want)
	if !s.Enough || len(s.Changes) != 1 || s.Changes[0].Drop || s.Changes[0].Factor != 0 || s.Changes[0].To != "North East" {
		t.Fatalf("suggestion = %+v, want the place generalised to North East", s)
	}
	near(t, "k after", s.KAfter, 800000*0.5*AgeShare(32, 36)*RareFloor)
	if s.String() == "" {
		t.Error("empty suggestion text")
	}
}

func TestNoSuggestionWhenSafe(t *testing.T) {
	s := Suggest([]Factor{{Kind: "sex", Value: "M"}}, Context{}, 5)
	if len(s.Changes) != 0 || !s.Enough {
		t.Errorf("suggestion = %+v, want none", s)
	}
}

func TestCatchment(t *testing.T) {
	if p, _ := Catchment("GP partner"); p != CatchmentPractice {
		t.Errorf("GP partner: %v", p)
	}
	if p, _ := Catchment("Cardiology registrar"); p != CatchmentHospital {
		t.Errorf("registrar: %v", p)
	}
	if p, _ := Catchment(""); p != UKPopulation {
		t.Errorf("none: %v", p)
	}
}

// "Our town mayor": one person per town, whatever its size. k = 1 × 0.5 (male) = 0.5.
func TestUniqueRole(t *testing.T) {
	e := Compute([]Factor{{Kind: "public_status", Value: "town mayor"}, {Kind: "sex", Value: "M"}},
		Context{Population: 40000, Place: "kirkby wendle"})
	near(t, "k", e.K, 0.5)
	// A footballer is not a unique role: k = 40000 × 0.0002 (the default) = 8.
	e = Compute([]Factor{{Kind: "public_status", Value: "footballer"}}, Context{Population: 40000})
	near(t, "k footballer", e.K, 8)
}

// A newly diagnosed rare condition: prevalence × 1/50, in a town
// k = 20000 × 0.0002 / 50 = 0.08; a newly diagnosed common one is a common condition
// (k = 300000 × ConditionFloor).
func TestRecentRareDiagnosis(t *testing.T) {
	e := Compute([]Factor{{Kind: "condition", Value: "myasthenia gravis", Frequency: 0.0002, Recent: true}}, Context{Population: 20000})
	near(t, "k rare", e.K, 0.08)
	e = Compute([]Factor{{Kind: "condition", Value: "type 2 diabetes", Frequency: 0.07, Recent: true}}, Context{Population: 300000})
	near(t, "k common", e.K, 300000*ConditionFloor)
}

// At a school the age share is of pupils (ages 4-18), not of the whole population.
// k = 1000 × 0.5 × (share of 15-year-olds / share of 4-18-year-olds).
func TestAgeAtSchool(t *testing.T) {
	e := Compute([]Factor{{Kind: "institution", Value: "sedbergh", Generalisations: []string{"school"}},
		{Kind: "sex", Value: "M"}, {Kind: "age", Value: "15"}}, Context{})
	want := 1000 * 0.5 * AgeShare(15, 15) / AgeShare(4, 18)
	near(t, "k", e.K, want)
	// hand check of the ratio: (3900/5) / (3680/5 + 3950 + 4150 + 3900×4/5) = 780/11956
	near(t, "ratio", AgeShare(15, 15)/AgeShare(4, 18), 780.0/11956.0)
}

// A common family circumstance leaves at least FamilyFloor; a rare household (a
// kinship carer) counts at its rarity. k = 10000 × 0.0025 = 25 against 10000 × 0.1.
func TestRareHouseholdIsNotFloored(t *testing.T) {
	e := Compute([]Factor{{Kind: "family", Value: "kinship carer", Frequency: 0.0025}}, Context{Population: 10000})
	near(t, "k kinship", e.K, 25)
	e = Compute([]Factor{{Kind: "family", Value: "widow", Frequency: 0.03}}, Context{Population: 10000})
	near(t, "k widow", e.K, 10000*FamilyFloor)
}

// Rarity is judged among people of the patient's age and sex: myeloma is on
// Orphanet's list, but not rare among men in their late sixties, so in a small place it
// leaves at least ConditionFloor; at ages where it is rare it counts in full.
func TestRarityAmongPeopleLikeThePatient(t *testing.T) {
	ctx := Context{Population: 2000}
	who := []Factor{{Kind: "age", Value: "late 60s"}, {Kind: "sex", Value: "M"}}
	without := Compute(who, ctx).K
	with := Compute(append(slices.Clone(who), Factor{Kind: "condition", Value: "myeloma", Ref: "myeloma"}), ctx).K
	if with/without < ConditionFloor*0.999 {
		t.Errorf("myeloma at 67-69: share %.4g, want at least %v", with/without, ConditionFloor)
	}
	young := []Factor{{Kind: "age", Value: "20s"}, {Kind: "sex", Value: "F"}}
	without = Compute(young, ctx).K
	with = Compute(append(slices.Clone(young), Factor{Kind: "condition", Value: "myeloma", Ref: "myeloma"}), ctx).K
	if with/without >= ConditionFloor {
		t.Errorf("myeloma in a woman in her 20s: share %.4g, want it counted at its rarity", with/without)
	}
}

// A suggestion that says it is enough makes the post safe by the hold rule: the low
// end of the plausible range reaches the threshold, not just the central k. Checked
// over a range of place sizes, so that some cases land between the two.
func TestSuggestionClearsTheHoldRule(t *testing.T) {
	fs := []Factor{
		{Kind: "age", Value: "late 70s", Generalisations: []string{"70s", "older adult"}},
		{Kind: "sex", Value: "M"},
		{Kind: "condition", Value: "copd", Frequency: 0.02},
		{Kind: "occupation", Value: "farrier", Frequency: 2e-4, Generalisations: []string{"tradesman"}},
	}
	checked := 0
	for pop := 500.0; pop <= 200000; pop *= 1.07 {
		ctx := Context{Population: pop}
		if Compute(fs, ctx).Low >= 5 {
			continue
		}
		s := Suggest(fs, ctx, 5)
		if !s.Enough {
			continue
		}
		checked++
		if e := Compute(s.after, ctx); e.Low < 5 {
			t.Errorf("population %.0f: after %v the low end is %.2f, below the threshold", pop, s.Changes, e.Low)
		}
	}
	if checked == 0 {
		t.Fatal("no case was checked")
	}
}

// Common conditions together leave at least ConditionFloor: naming COPD and home
// oxygen tells a reader one state of health, not two independent rarities. A rare
// condition beside a common one still counts.
func TestCommonConditionsTogether(t *testing.T) {
	ctx := Context{Population: 3000}
	who := []Factor{{Kind: "age", Value: "70s"}, {Kind: "sex", Value: "M"}}
	base := Compute(who, ctx).K
	two := append(slices.Clone(who),
		Factor{Kind: "condition", Value: "copd", Frequency: 0.02},
		Factor{Kind: "condition", Value: "home oxygen", Frequency: 0.001})
	near(t, "two common conditions", Compute(two, ctx).K/base, ConditionFloor)
	rare := append(slices.Clone(who),
		Factor{Kind: "condition", Value: "copd", Frequency: 0.02},
		Factor{Kind: "condition", Value: "made-up rare disease", Frequency: 1e-5})
	if got := Compute(rare, ctx).K / base; got >= ConditionFloor {
		t.Errorf("a rare condition beside a common one: share %.4g, want below %v", got, ConditionFloor)
	}
}

// A rare subtype of a common condition is floored like the common one: in a small
// town, juvenile myoclonic epilepsy leaves at least ConditionFloor.
func TestRareSubtypeOfACommonCondition(t *testing.T) {
	ctx := Context{Population: 15000}
	who := []Factor{{Kind: "age", Value: "20s"}, {Kind: "sex", Value: "M"}}
	base := Compute(who, ctx).K
	with := Compute(append(slices.Clone(who), Factor{Kind: "condition", Value: "juvenile myoclonic epilepsy", Ref: "orpha:307"}), ctx).K
	if with/base < ConditionFloor*0.999 {
		t.Errorf("share %.4g, want at least %v", with/base, ConditionFloor)
	}
}

// TestOccupationBySex covers the occupation's share among people of the patient's sex:
// a woman lorry driver is far rarer than a man, a man care worker rarer than a woman,
// and a job with no published split is left as it is.
func TestOccupationBySex(t *testing.T) {
	k := func(soc string, sex string) float64 {
		return Compute([]Factor{
			{Kind: "sex", Value: sex},
			{Kind: "occupation", Value: "job", Ref: soc, Frequency: 0.004},
		}, Context{Population: 100000}).K
	}
	if f, m := k("8211", "F"), k("8211", "M"); !(f < m/50) {
		t.Errorf("lorry drivers: women %.3g, men %.3g; want women under a fiftieth", f, m)
	}
	if f, m := k("6135", "F"), k("6135", "M"); !(m < f/3) {
		t.Errorf("care workers: women %.3g, men %.3g; want men under a third", f, m)
	}
	// 2111 (chemical scientists) has no row, nor does its major group 2.
	if f, m := k("2111", "F"), k("2111", "M"); f != m {
		t.Errorf("no published split: women %.3g, men %.3g; want equal", f, m)
	}
	if r := SexRatio("5112", 'M'); r < 1.8 || r > 1.9 {
		t.Errorf("a skilled trade without its own row takes its major group's: %.2f", r)
	}
}

// TestConditionRareForTheSex covers a condition of the other sex in all but a few:
// breast cancer in a man is counted at its rarity among men, not floored as a common
// condition is.
func TestConditionRareForTheSex(t *testing.T) {
	k := func(sex string) float64 {
		return Compute([]Factor{
			{Kind: "sex", Value: sex},
			{Kind: "age", Value: "70-79"},
			{Kind: "condition", Value: "breast cancer", Frequency: 0.01},
		}, Context{Population: 5000}).K
	}
	if m, f := k("M"), k("F"); !(m < f/20) {
		t.Errorf("breast cancer: a man matches %.3g, a woman %.3g; want the man far fewer", m, f)
	}
}

// TestOlderHouseholds covers household circumstances common among older people: being
// widowed or living alone narrows a woman in her 70s to about a third, not a tenth.
func TestOlderHouseholds(t *testing.T) {
	base := []Factor{{Kind: "sex", Value: "F"}, {Kind: "age", Value: "70-79"}}
	k0 := Compute(base, Context{Population: 10000}).K
	k1 := Compute(append(base, Factor{Kind: "family", Value: "lives alone", Frequency: 0.15}), Context{Population: 10000}).K
	if r := k1 / k0; r < 0.3 || r > 0.4 {
		t.Errorf("living alone at 70-79 keeps %.2f of the women; want about 0.36", r)
	}
	young := []Factor{{Kind: "sex", Value: "F"}, {Kind: "age", Value: "30-39"}}
	y0 := Compute(young, Context{Population: 10000}).K
	y1 := Compute(append(young, Factor{Kind: "family", Value: "widow", Frequency: 0.03}), Context{Population: 10000}).K
	if r := y1 / y0; r > 0.15 {
		t.Errorf("a widow at 30-39 keeps %.2f of the women; want no more than the floor", r)
	}
}
