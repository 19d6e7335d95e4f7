package risk

import (
	"math"
	"testing"
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
// occupation is conditioned on working age (÷0.48).
// k = 8000 × 0.5 × (4580×4/5 / 67850) × (0.01/0.48) = 4.50012282
func TestComputeHandCase(t *testing.T) {
	fs := []Factor{
		{Kind: "place", Value: "alnwick", Population: 8000},
		{Kind: "sex", Value: "F"},
		{Kind: "age", Value: "early 30s"},
		{Kind: "occupation", Value: "teacher", Frequency: 0.01},
	}
	e := Compute(fs, Context{})
	near(t, "k", e.K, 4.50012282)
	near(t, "population", e.Population, 8000)
	if e.Place != "alnwick" || e.PlaceFactor != 0 {
		t.Errorf("place = %q (%d), want alnwick (0)", e.Place, e.PlaceFactor)
	}
	near(t, "bits", e.Bits, math.Log2(8000/e.K))
	near(t, "sex bits", e.Factors[1].Bits, 1)
	near(t, "place bits", e.Factors[0].Bits, math.Log2(UKPopulation/8000))
	var sum float64
	for _, f := range e.Factors {
		sum += f.Share
	}
	near(t, "shares", sum, 1)
	near(t, "total bits", e.TotalBits(), math.Log2(UKPopulation/e.K))
}

// Pregnancy fixes the sex; the "F" costs nothing. k = 20000 × 1 × 0.01 = 200.
func TestSexImpliedByCondition(t *testing.T) {
	fs := []Factor{
		{Kind: "place", Value: "penzance", Population: 20000},
		{Kind: "sex", Value: "F"},
		{Kind: "condition", Value: "pregnancy", Frequency: 0.01},
	}
	e := Compute(fs, Context{})
	near(t, "k", e.K, 200)
	near(t, "sex bits", e.Factors[1].Bits, 0)
}

// Comorbidity: the rarest condition in full, the next as its square root.
// k = 100000 × 0.001 × sqrt(0.04) = 20.
func TestConditionsCluster(t *testing.T) {
	fs := []Factor{
		{Kind: "condition", Value: "hypertension", Frequency: 0.04},
		{Kind: "condition", Value: "myasthenia gravis", Frequency: 0.001},
	}
	e := Compute(fs, Context{Population: 100000, Place: "derby"})
	near(t, "k", e.K, 20)
	if e.Place != "derby" || e.PlaceFactor != -1 {
		t.Errorf("place = %q (%d), want the context", e.Place, e.PlaceFactor)
	}
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
// coarser forms) and an exact age 34 with coarser forms.
// k = 8000 × 0.5 × (4580/5/67850) × 0.0002 = 0.0108003.
// Options reaching k >= 5: only leaving the place out (UK: 67.6e6 × ... = 91.2624908);
// generalising the age to "adult" gives 0.586 and the place to "north east" (×100) 1.08.
func TestSuggestSmallestFix(t *testing.T) {
	fs := []Factor{
		{Kind: "place", Value: "alnwick", Population: 8000, Generalisations: []string{"northumberland", "north east"}, Label: "Alnwick"},
		{Kind: "sex", Value: "F", Fixed: true},
		{Kind: "age", Value: "34", Generalisations: []string{"30-39", "adult"}, Label: "34"},
		{Kind: "condition", Value: "marfan syndrome", Frequency: 0.0002, Fixed: true},
	}
	s := Suggest(fs, Context{}, 5)
	near(t, "k before", s.KBefore, 0.0108003)
	if !s.Enough || len(s.Changes) != 1 || !s.Changes[0].Drop || s.Changes[0].Factor != 0 {
		t.Fatalf("suggestion = %+v, want drop the place", s)
	}
	near(t, "k after", s.KAfter, 91.2624908)

	// With a generous lookup ("north east" has 2.6 million people) generalising the
	// place is enough and loses fewer bits than dropping it:
	// k = 2.6e6 × 0.5 × (4580/5/67850) × 0.0002 = 3.51 < 5, so not enough alone; with
	// "30-39" as well: 2.6e6 × 0.5 × (9080/67850) × 0.0002 = 34.79 — two changes.
	ctx := Context{Lookup: func(kind, v string) (float64, float64, bool) {
		switch v {
		case "north east":
			return 0, 2.6e6, true
		case "northumberland":
			return 0, 320000, true
		}
		return 0, 0, false
	}}
	s = Suggest(fs, ctx, 5)
	if !s.Enough || len(s.Changes) == 0 {
		t.Fatalf("suggestion = %+v, want enough", s)
	}
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

// A newly diagnosed rare condition: prevalence × 1/50. k = 300000 × 0.0002 / 50 = 1.2.
// A newly diagnosed common one is left alone: k = 300000 × 0.07 = 21000.
func TestRecentRareDiagnosis(t *testing.T) {
	e := Compute([]Factor{{Kind: "condition", Value: "myasthenia gravis", Frequency: 0.0002, Recent: true}}, Context{Population: 300000})
	near(t, "k rare", e.K, 1.2)
	e = Compute([]Factor{{Kind: "condition", Value: "type 2 diabetes", Frequency: 0.07, Recent: true}}, Context{Population: 300000})
	near(t, "k common", e.K, 21000)
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
