package extract

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestBackReferences(t *testing.T) {
	ex := newTestExtractor(t)
	yes := []string{
		"Update on my gout chap from last week: urate finally down.",
		"Following up my question from last month about the switch.",
		"The COPD gentleman again - he's now refusing the oxygen.",
		"Related to my HbA1c 92 girl - clinic went better this time.",
		"Re the lady I posted about, she has agreed to the referral.",
		"For those who asked, the biopsy was benign.",
		"Same patient as my shared-care query: azathioprine started.",
		"back to the MS lady - amantadine helped a bit",
		"The chap I mentioned in the DVLA thread has now had a second fit.",
		"Quick one on the methotrexate lady: LFTs are up again.",
		"the 118-sodium gent has been discharged, thanks all",
		"That chap with the venous ulcer has finally agreed to compression.",
		"my CRPS dancer is back in clinic",
		// A bare noun completed after it, and "follow-up" written with its hyphen.
		"The man I asked about last week has come back.",
		"Quick follow-up on the lady I asked about on Monday.",
		// A headline naming the case by its problem and "again".
		"Knee again: the effusion is back and bigger.",
		"The psoriasis again - now on his scalp.",
		// An aside that names the person by their story.
		"She's doing well on it (the three-DVTs lady) and back at work.",
		// The author's own story posted again elsewhere.
		"x-post: M 40s, new AF, on apixaban.",
		"Reposting from the GP forum: lady in her 60s with PMR.",
	}
	for _, s := range yes {
		if !ex.Read(s, Context{}).Cues.BackRef {
			t.Errorf("no back-reference found in %q", s)
		}
	}
	no := []string{
		"Anyone going to the RCGP conference in Harrogate this October?",
		"Woman in her 40s with plaque psoriasis on methotrexate.",
		"My patients keep asking about the new weight-loss jabs.",
		"One of my patients asked about travel vaccines for Peru.",
		"The elderly man I saw this morning had a swollen calf.",
		"The patient is a 45-year-old roofer with low back pain.",
		"A man in his 50s with gout; the gout nurse says allopurinol.",
		"The methotrexate chap I saw today has raised LFTs.",
		"Our practice manager has resigned.",
		"Our GP registrar starts on Monday.",
		"I wrote to her GP about the rash.",
		"My patient in her 40s has asked for the coil.",
		"He's put his shoulder out again.",
		"Ankle gave way again at netball.",
		"Happy for anyone to repost the leaflet.",
		"He's doing well (the elderly man from the ward) and home.",
	}
	for _, s := range no {
		if ex.Read(s, Context{}).Cues.BackRef {
			t.Errorf("back-reference found in %q", s)
		}
	}
}

func TestBackReferenceWindow(t *testing.T) {
	ex := newTestExtractor(t)
	c := ex.Read("Update on my AF chap from last week - he's started apixaban.", Context{}).Cues
	if c.Window != 16*24*time.Hour {
		t.Errorf("window %v, want 16 days", c.Window)
	}
	c = ex.Read("Following up the lady from my March post: scan was clear.", Context{}).Cues
	if c.Month != 3 {
		t.Errorf("month %d, want 3", c.Month)
	}
}

func TestDifferentPatient(t *testing.T) {
	ex := newTestExtractor(t)
	for _, s := range []string{
		"Separate patient - woman in her 70s with a first gout attack.",
		"Another lithium question, different patient: man in his 30s.",
		"Not the same lady as before, this one is in her 90s.",
	} {
		if !ex.Read(s, Context{}).Cues.Different {
			t.Errorf("different patient not seen in %q", s)
		}
	}
	if ex.Read("The lady from my earlier post is doing well.", Context{}).Cues.Different {
		t.Error("a back-reference read as a different patient")
	}
}

func TestFigures(t *testing.T) {
	ex := newTestExtractor(t)
	got := ex.Read("COHb 18% on the gas, lactate of 9.2, BMI 42, eGFR 38, Gleason 4+4, five failed cycles, proned x3, aged 5, at 8 tonight", Context{}).Cues.Figures
	want := []string{"cohb=18", "lactate=9.2", "bmi=42", "egfr=38", "gleason=4+4", "cycle=5", "proned=3"}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("figure %q missing from %v", w, got)
		}
	}
	for _, g := range got {
		if strings.HasPrefix(g, "aged") || strings.HasPrefix(g, "at=") {
			t.Errorf("an age or a time read as a figure: %v", got)
		}
	}
}

// A series of one measure takes the name; a bare decimal is kept unnamed, and a
// dose is no mark.
func TestFigureSeries(t *testing.T) {
	ex := newTestExtractor(t)
	got := ex.Read("Sodium of 118 then 124, now 131. On 2.5 mg of bisoprolol.", Context{}).Cues.Figures
	for _, w := range []string{"sodium=118", "sodium=124", "sodium=131"} {
		if !slices.Contains(got, w) {
			t.Errorf("figure %q missing from %v", w, got)
		}
	}
	if slices.Contains(got, "?=2.5") {
		t.Errorf("a dose read as a figure: %v", got)
	}
	got = ex.Read("More on the 7.4-then-3.9 lady: home visits from now.", Context{}).Cues.Figures
	if !slices.Contains(got, "?=7.4") || !slices.Contains(got, "?=3.9") {
		t.Errorf("bare decimals %v, want ?=7.4 and ?=3.9", got)
	}
}

func TestRareTerms(t *testing.T) {
	ex := newTestExtractor(t)
	got := ex.Read("Started nintedanib last month and the diarrhoea is grim.", Context{}).Cues.Terms
	if !slices.Contains(got, "nintedanib") {
		t.Errorf("terms %v lack the drug", got)
	}
	if slices.Contains(got, "started") || slices.Contains(got, "month") {
		t.Errorf("ordinary words among terms %v", got)
	}
}
