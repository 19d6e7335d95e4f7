package extract

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestReadingBackRefs covers backRefAt and windowNear (cues.go): a post that points
// back to a patient or a post the author wrote about, how far back, and which month.
func TestReadingBackRefs(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []struct {
		text   string
		window time.Duration
		month  int
	}{
		{"Update on the gentleman in my post last week - biopsy benign.", 16 * day, 0},
		{"Following up on my psoriasis lady, posted a fortnight ago: the biologic has worked.", 30 * day, 0},
		{"Re my March post about the lithium lady: levels now fine.", 0, 3},
		{"Further to my query in September about the coil, she has now had it fitted.", 0, 9},
		{"Back to the sarcoid gentleman I posted about yesterday.", 4 * day, 0},
		{"More on my DOAC question of last month.", 70 * day, 0},
		{"More on the lady from two weeks ago - she's been admitted.", 70 * day, 0},
		{"Re the chap I mentioned a few days ago, his CT was clear.", 16 * day, 0},
		{"Update: she has gone home.", 0, 0},
		{"My gout chap is back.", 0, 0},
		{"The same lady came back.", 0, 0},
		{"News on the dementia chap: he's moved into a home.", 0, 0},
		{"As I mentioned in the other thread, the DOAC switch went fine.", 0, 0},
		{"The bronchiectasis lady again - another exacerbation.", 0, 0},
		{"To those who asked, her MRI was normal.", 0, 0},
		{"Update on my 88-year-old former postmistress: she is home.", 0, 0},
	}
	for _, c := range cases {
		r := ex.Read(c.text, testCtx)
		if !r.Cues.BackRef {
			t.Errorf("%q: no back-reference\n%s", c.text, dumpReading(c.text, r))
			continue
		}
		if r.Cues.Window != c.window || r.Cues.Month != c.month {
			t.Errorf("%q: window %v month %d, want %v and %d", c.text, r.Cues.Window, r.Cues.Month, c.window, c.month)
		}
	}
	for _, text := range []string{
		// A first mention, a group, a patient placed by a bed, a noun that is no post.
		"My patients with gout keep asking about cherries.",
		"I have a patient with gout who wants allopurinol.",
		"The lady in bed 4 is doing well.",
		"Back pain in a man of 50.",
		"News: the practice has a new website.",
		"Similar lady to last week, but this one is in her 50s.",
		"Woman in her 30s with a DVT, seen today.",
	} {
		if r := ex.Read(text, testCtx); r.Cues.BackRef {
			t.Errorf("%q: back-reference read\n%s", text, dumpReading(text, r))
		}
	}
}

// TestReadingDifferentPatient covers differentPatient: the post says it is about
// someone other than before; "similar" or "a different side" does not.
func TestReadingDifferentPatient(t *testing.T) {
	ex := newTestExtractor(t)
	for _, text := range []string{
		"Different patient this time: woman in her 30s with a DVT.",
		"Unrelated case - man in his 70s with shingles.",
		"Another story from clinic: lady in her 50s with vertigo.",
		"Two patients today: a man in his 60s with gout, and a different man in his 30s with psoriasis.",
		"Another lady, separate patient, in her 80s with a hip fracture.",
	} {
		if r := ex.Read(text, testCtx); !r.Cues.Different {
			t.Errorf("%q: different patient not read\n%s", text, dumpReading(text, r))
		}
	}
	for _, text := range []string{
		"Similar lady to last week, but this one is in her 50s.",
		"We see a different side of her at home.",
		"Update on the gentleman in my post last week - biopsy benign.",
		"Two ladies with the same rash this week.",
	} {
		if r := ex.Read(text, testCtx); r.Cues.Different {
			t.Errorf("%q: read as a different patient\n%s", text, dumpReading(text, r))
		}
	}
}

// TestReadingFigures covers figures: analytes and scores with their values, counts of
// treatment events; not ages, times or doses.
func TestReadingFigures(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []struct {
		text string
		want []string
	}{
		{"Sodium of 118 on admission, potassium 6.1, INR 4.5.", []string{"sodium=118", "potassium=6.1", "inr=4.5"}},
		{"HbA1c 96, BMI 41, three admissions this year.", []string{"hba1c=96", "bmi=41", "admission=3"}},
		{"Severe COPD: FEV1 30%, four admissions since March.", []string{"fev1=30", "admission=4"}},
		{"Troponin peaked at 2400, EF 35.", []string{"troponin=2400", "ef=35"}},
		{"PSA now 12.4 after 6 cycles of docetaxel.", []string{"psa=12.4", "cycle=6"}},
		{"Eosinophils 1.2, IgE 900, three courses of prednisolone this year.", []string{"eosinophil=1.2", "ige=900", "course=3"}},
		{"Two admissions with DKA since March.", []string{"admission=2"}},
	}
	for _, c := range cases {
		got := ex.Read(c.text, testCtx).Cues.Figures
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: figures %v lack %s", c.text, got, w)
			}
		}
		if len(got) != len(c.want) {
			t.Errorf("%q: figures %v, want exactly %v", c.text, got, c.want)
		}
	}
	for _, text := range []string{
		"She is 84 and walks 3 miles a day.",
		"Takes 2 tablets at 8 am.",
		"Man aged 58 with chest pain.",
		"58M with chest pain.",
		"Lady in her 70s, seen at 10 this morning.",
	} {
		if got := ex.Read(text, testCtx).Cues.Figures; len(got) > 0 {
			t.Errorf("%q: figures %v, want none", text, got)
		}
	}
}

// TestReadingRareTerms covers rareTerms: drug, disease and local words; not ordinary
// words, not names.
func TestReadingRareTerms(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []struct {
		text string
		want []string
		not  []string
	}{
		{"Started on mepolizumab for eosinophilic asthma.", []string{"mepolizumab", "eosinophilic"}, []string{"started", "asthma"}},
		{"Lady on pirfenidone with a cough.", []string{"pirfenidone"}, []string{"lady", "cough"}},
		{"Margaret came in with her hydroxychloroquine.", []string{"hydroxychloroquine"}, []string{"margaret", "came"}},
		{"Back to the sarcoid gentleman I posted about yesterday.", []string{"sarcoid"}, []string{"gentleman", "posted", "yesterday"}},
	}
	for _, c := range cases {
		got := ex.Read(c.text, testCtx).Cues.Terms
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: terms %v lack %q", c.text, got, w)
			}
		}
		for _, w := range c.not {
			if slices.Contains(got, w) {
				t.Errorf("%q: terms %v hold the ordinary word %q", c.text, got, w)
			}
		}
		for _, w := range got {
			if len(w) < 5 || strings.ToLower(w) != w {
				t.Errorf("%q: term %q is short or not lower case", c.text, w)
			}
		}
	}
	if got := ex.Read("What time is the practice meeting tomorrow?", testCtx).Cues.Terms; len(got) > 0 {
		t.Errorf("ordinary question: terms %v, want none", got)
	}
}
