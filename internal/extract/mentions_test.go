package extract

import (
	"slices"
	"testing"
)

// A patient known by a label ("my Na 121 ultra runner", "the Deeside pancreatic case",
// "my 3-concussion 19 yr old") is a person of the post, and what is said of them is
// theirs. Bare nouns and phrases that are not people stay out.
func TestLabelledPatients(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []struct {
		text    string
		first   string // the first patient's mention
		ageLo   int
		details []want
	}{
		{"My sodium 119 fell runner from March: entered for the county championships in June.", "runner", 0,
			[]want{{kind: KindDate, span: "June", subj: SubjectPatient}}},
		{"The Keswick pancreatic case from my post last month is now at home.", "case", 0,
			[]want{{kind: KindPlace, span: "Keswick", subj: SubjectPatient}}},
		{"update on my 2-fracture 17 yr old from april - hes been picked for the county squad", "17 yr old", 17,
			[]want{{kind: KindGroup, span: "the county squad", subj: SubjectPatient}}},
	}
	for _, c := range cases {
		r := ex.Read(c.text, Context{})
		var p *Person
		for i := range r.People {
			if r.People[i].Role == SubjectPatient {
				p = &r.People[i]
				break
			}
		}
		if p == nil {
			t.Errorf("%q: no patient among %+v", c.text, r.People)
			continue
		}
		if got := c.text[p.Start:p.End]; got != c.first {
			t.Errorf("%q: first patient mention %q, want %q", c.text, got, c.first)
		}
		if p.AgeLo != c.ageLo {
			t.Errorf("%q: age %d, want %d", c.text, p.AgeLo, c.ageLo)
		}
		if !r.Cues.BackRef {
			t.Errorf("%q: no back-reference", c.text)
		}
		for _, w := range c.details {
			checkWant(t, c.text, r.Details, w)
		}
	}
	for _, text := range []string{
		"Just in case anyone else has a runner with this problem: check ferritin.",
		"The case for statins in the over-85s is weak.",
		"My runner bean crop failed this year.",
	} {
		for _, p := range ex.Read(text, Context{}).People {
			if p.Role == SubjectPatient {
				t.Errorf("%q: a patient read at %q", text, text[p.Start:p.End])
			}
		}
	}
}

// A head-role word with an institution after it is a role held by one person ("head
// of the village school"); "the village" before a noun modifies it and is no place.
func TestHeadOfInstitution(t *testing.T) {
	ex := newTestExtractor(t)
	text := "Lady in her 80s with angina; she was head of the village school for years."
	var got *Detail
	ds := ex.Extract(text, Context{})
	for i := range ds {
		if ds[i].Kind == KindOccupation && ds[i].Subject == SubjectPatient {
			got = &ds[i]
		}
	}
	if got == nil || got.Count != 1 {
		t.Fatalf("%q: want a role held by one person\n%s", text, dump(text, ds))
	}
	text = "He was head of steam by the time he reached us."
	quiet(t, ex, text, KindOccupation)
}

// What a job is, said with a gerund, and a selection in a coordinated predicate.
func TestJobGerundAndCoordinatedSelection(t *testing.T) {
	ex := newTestExtractor(t)
	text := "Man in his 50s with a new AAA. His job is driving the school bus."
	ok := false
	for _, d := range ex.Extract(text, Context{}) {
		if d.Kind == KindOccupation && d.Value == "bus driver" && d.Subject == SubjectPatient {
			ok = true
		}
	}
	if !ok {
		t.Errorf("%q: no bus driver\n%s", text, dump(text, ex.Extract(text, Context{})))
	}
	text = "She swims for Halifax and has just been picked for the county squad."
	checkWant(t, text, ex.Extract(text, Context{}), want{kind: KindGroup, span: "the county squad", subj: SubjectPatient})
	text = "His job is fine, he says, but the hours are long."
	quiet(t, ex, text, KindOccupation)
}

// A generic building takes its employer from the word before it: the council offices
// are the local authority's, thousands of staff, not a small office's few.
func TestWorkplaceOfAGenericBuilding(t *testing.T) {
	ex := newTestExtractor(t)
	text := "Woman in her 60s with hypothyroidism. She's retired from the council offices."
	for _, d := range ex.Extract(text, Context{}) {
		if d.Kind == KindOccupation && d.Subject == SubjectPatient {
			if d.Count < 1000 {
				t.Errorf("%q: count %v, want the council's staff (thousands)", text, d.Count)
			}
			return
		}
	}
	t.Errorf("%q: no workplace read\n%s", text, dump(text, ex.Extract(text, Context{})))
}

// A group said of someone after a contracted "is", with no article: "dad's lifeboat
// crew", "she's cabin crew".
func TestBareGroupPredicate(t *testing.T) {
	ex := newTestExtractor(t)
	text := "The asthma lad again - dad's lifeboat crew, so out most nights."
	checkWant(t, text, ex.Extract(text, Context{}), want{kind: KindGroup, span: "lifeboat crew", subj: SubjectRelative})
	text = "The asthma lad again - dad's away most nights."
	quiet(t, ex, text, KindGroup)
}

// A gerund after "is" is the predicate's verb ("he's back playing five-a-side"), and a
// time phrase ends a noun phrase.
func TestGerundPredicates(t *testing.T) {
	ex := newTestExtractor(t)
	text := "Man in his 40s with gout. He's back playing five-a-side on a Tuesday."
	quiet(t, ex, text, KindGroup, KindOccupation)
	text = "He's playing in goal for Penrith Rovers these days."
	checkWant(t, text, ex.Extract(text, Context{}), want{kind: KindGroup, span: "Penrith Rovers", subj: SubjectPatient})
	text = "She's working nights at the bakery in town."
	ok := false
	for _, d := range ex.Extract(text, Context{}) {
		ok = ok || d.Kind == KindOccupation && d.Value == "works at bakery"
	}
	if !ok {
		t.Errorf("%q: no workplace\n%s", text, dump(text, ex.Extract(text, Context{})))
	}
}

// Gaps A1 and A2 of testdata/reading-gaps.md: a job after "works as" is the subject's;
// a relative's condition after a possessive is the relative's.
func TestWorksAsAndRelativesConditions(t *testing.T) {
	ex := newTestExtractor(t)
	for _, c := range []struct {
		text string
		w    want
	}{
		{"He works as a security guard.", want{kind: KindOccupation, span: "works as a security guard", subj: SubjectPatient}},
		{"Gentleman in his sixties with gout who works as a lorry driver.", want{kind: KindOccupation, span: "works as a lorry driver", subj: SubjectPatient}},
		{"Her husband is a joiner while she works as a cleaner.", want{kind: KindOccupation, span: "works as a cleaner", subj: SubjectPatient}},
		{"Her mum had breast cancer at 45.", want{kind: KindCondition, span: "breast cancer", subj: SubjectRelative}},
		{"His wife has asthma but he has COPD.", want{kind: KindCondition, span: "asthma", subj: SubjectRelative}},
		{"His wife has asthma but he has COPD.", want{kind: KindCondition, span: "COPD", subj: SubjectPatient}},
		{"The boy has asthma; his sister has eczema.", want{kind: KindCondition, span: "eczema", subj: SubjectRelative}},
		{"The boy has asthma; his sister has eczema.", want{kind: KindCondition, span: "asthma", subj: SubjectPatient}},
		{"Her own asthma is worse since the move.", want{kind: KindCondition, span: "asthma", subj: SubjectPatient}},
	} {
		checkWant(t, c.text, ex.Extract(c.text, Context{}), c.w)
	}
}

// Gap B1: ages written after or before a person noun.
func TestAgesByAPersonNoun(t *testing.T) {
	ex := newTestExtractor(t)
	for _, c := range []struct{ text, span, value string }{
		{"70s lady with a new DVT.", "70s", "70-79"},
		{"Woman, 91, lives alone in Ambleside.", "91", "91"},
		{"Lad of 19, a keen footballer, with a twisted knee.", "19", "19"},
		{"The lady is 84 and has a new DVT.", "84", "84"},
		// A bare number in apposition to a name, or in brackets after it.
		{"Capacity question: Mrs Pennington, 96, wants to go home to her flat.", "96", "96"},
		{"Handover - Gordon Baird (91) bed 4, for review.", "91", "91"},
	} {
		checkWant(t, c.text, ex.Extract(c.text, Context{}), want{kind: KindAge, span: c.span, value: c.value, subj: SubjectPatient})
	}
	for _, text := range []string{"The man is 5 foot 10.", "Lady, 2 weeks post op.", "One of 12 patients seen today.", "Back in the 70s the ward was bigger.",
		"Mrs Pennington, 3 children, lives alone.", "Mr Baird, 2.5 kg down since June."} {
		if got := find(ex.Extract(text, Context{}), KindAge); len(got) > 0 {
			t.Errorf("%q: age read: %+v", text, got)
		}
	}
}

// Gaps N1-N3, N6-N7: media words used as modifiers are no report, a paper's name is,
// and the author's own news makes no patient.
func TestNewsReports(t *testing.T) {
	ex := newTestExtractor(t)
	text := "Man in his 50s, featured in the Whitehaven News last week."
	checkWant(t, text, ex.Extract(text, Context{}), want{kind: KindEvent, span: "News", value: "in the news", subj: SubjectPatient})
	for _, text := range []string{
		"Man in his 30s, the paper towels in the surgery gave him a rash.",
		"She works in the press office at the council.",
		"A man in his 50s with a viral illness; viral shedding lasts a week.",
	} {
		quiet(t, ex, text, KindEvent)
	}
	for _, text := range []string{"I won the county show with my marrows.", "I was in the local paper last week for the charity run."} {
		for _, p := range ex.Read(text, Context{}).People {
			if p.Role == SubjectPatient {
				t.Errorf("%q: a patient made of the author's own news", text)
			}
		}
	}
}

// Gaps P1, C2, C3: islands from the gazetteer take "on"; "MS" after "has"/"with" is
// the disease, not the title.
func TestIslandsAndMS(t *testing.T) {
	ex := newTestExtractor(t)
	for _, c := range []struct {
		text string
		w    want
	}{
		{"He lives on Skye.", want{kind: KindPlace, span: "Skye", subj: SubjectPatient}},
		{"Lady on Islay with AF.", want{kind: KindPlace, span: "Islay", subj: SubjectPatient}},
		{"Man in his 40s. His wife has MS and he is her main carer.", want{kind: KindCondition, span: "MS", value: "multiple sclerosis", subj: SubjectRelative}},
		{"Man in his 50s with MS.", want{kind: KindCondition, span: "MS", value: "multiple sclerosis", subj: SubjectPatient}},
	} {
		checkWant(t, c.text, ex.Extract(c.text, Context{}), c.w)
	}
	text := "Man in his 40s. His wife has MS and he is her main carer."
	for _, d := range ex.Extract(text, Context{}) {
		if d.Kind == KindSex && text[d.Start:d.End] == "MS" {
			t.Errorf("%q: MS read as a title's sex", text)
		}
	}
}

// Gap R2: a relative clause after an age phrase or an aside is still the person's.
func TestRelativeClauseAfterAnAside(t *testing.T) {
	ex := newTestExtractor(t)
	for _, c := range []struct {
		text string
		w    want
	}{
		{"Chap in his 40s who drives a bus for a living.", want{kind: KindOccupation, span: "drives a bus for a living", value: "bus driver", subj: SubjectPatient}},
		{"A 15-year-old boy, asthmatic, who plays in the Red Kites academy.", want{kind: KindGroup, span: "the Red Kites academy", subj: SubjectPatient}},
	} {
		checkWant(t, c.text, ex.Extract(c.text, Context{}), c.w)
	}
}

// Health-information prose: "cases have been reported", "the front of the eye" and a
// database called a "RePORTER" are no media reports.
func TestLiteratureIsNoNews(t *testing.T) {
	ex := newTestExtractor(t)
	for _, text := range []string{
		"Fewer than 50 cases of this syndrome have been reported worldwide.",
		"A cataract clouds the lens at the front of the eye.",
		"Studies funded by the institute are listed in NIH RePORTER.",
	} {
		quiet(t, ex, text, KindEvent)
	}
	text := "She was widely reported after the rescue, and the story made the front page."
	if len(find(ex.Extract(text, Context{}), KindEvent)) == 0 {
		t.Errorf("%q: no report read", text)
	}
}

// A test named before its result implies the condition: "AChR antibodies came back
// strongly positive"; a test named alone does not.
func TestResultAfterTheTest(t *testing.T) {
	ex := newTestExtractor(t)
	text := "Woman in her 30s with double vision. AChR antibodies came back strongly positive."
	checkWant(t, text, ex.Extract(text, Context{}), want{kind: KindCondition, span: "AChR antibodies", value: "myasthenia gravis", subj: SubjectPatient})
	text = "Woman in her 30s with double vision. AChR antibodies are pending."
	if got := find(ex.Extract(text, Context{}), KindCondition); len(got) > 0 {
		t.Errorf("%q: condition read from a test not yet back: %+v", text, got)
	}
}

// A person noun made from a condition's name ("a newly diagnosed myasthenic") names
// the condition; the same word before a noun it modifies does not.
func TestConditionPersonNouns(t *testing.T) {
	ex := newTestExtractor(t)
	text := "The neurologists have started azathioprine for a newly diagnosed myasthenic."
	checkWant(t, text, ex.Extract(text, Context{}), want{kind: KindCondition, span: "myasthenic", value: "myasthenia gravis", anySubj: true})
	text = "He was ventilated for a myasthenic crisis in 2019."
	for _, d := range ex.Extract(text, Context{}) {
		if d.Kind == KindCondition && text[d.Start:d.End] == "myasthenic" {
			t.Errorf("%q: person noun read before a noun", text)
		}
	}
}

// Gap B2: a diagnosis dated after the condition, or "just been diagnosed", is recent.
func TestRecentDiagnosisPhrases(t *testing.T) {
	ex := newTestExtractor(t)
	for _, text := range []string{
		"Woman in her 30s diagnosed with lupus last month.",
		"She has just been diagnosed with gout.",
	} {
		ok := false
		for _, d := range ex.Extract(text, Context{}) {
			ok = ok || d.Kind == KindCondition && d.Recent
		}
		if !ok {
			t.Errorf("%q: diagnosis not read as recent", text)
		}
	}
	text := "Woman in her 30s, diagnosed with lupus in her teens."
	for _, d := range ex.Extract(text, Context{}) {
		if d.Kind == KindCondition && d.Recent {
			t.Errorf("%q: an old diagnosis read as recent", text)
		}
	}
}

// quiet fails the test for every detail of the given kinds read in text.
func quiet(t *testing.T, ex *Extractor, text string, kinds ...Kind) {
	t.Helper()
	for _, d := range ex.Extract(text, Context{}) {
		if slices.Contains(kinds, d.Kind) {
			t.Errorf("%q: unexpected %s %q", text, d.Kind, d.Value)
		}
	}
}

// Gaps R6, R7, R9: habits and words describing a person are no jobs; "farms" makes a
// farmer.
func TestNotJobs(t *testing.T) {
	ex := newTestExtractor(t)
	quiet(t, ex, "He's a smoker.", KindOccupation)
	quiet(t, ex, "She's a lovely lady with asthma.", KindOccupation)
	text := "30s M, T1DM, farms near Keswick."
	checkWant(t, text, ex.Extract(text, Context{}), want{kind: KindOccupation, span: "farms", value: "farmer", subj: SubjectPatient})
	text = "He's a farrier."
	checkWant(t, text, ex.Extract(text, Context{}), want{kind: KindOccupation, span: "farrier", subj: SubjectPatient})
}

// Gaps R10, R12: a role premodified by its village or possessed by its town is held by
// one person.
func TestPremodifiedRoles(t *testing.T) {
	ex := newTestExtractor(t)
	for _, text := range []string{"The village postmistress, 80s, has had a stroke.", "Kendal's town clerk, 60s, has angina."} {
		ok := false
		for _, d := range ex.Extract(text, Context{}) {
			ok = ok || d.Kind == KindOccupation && d.Count == 1
		}
		if !ok {
			t.Errorf("%q: no role held by one person\n%s", text, dump(text, ex.Extract(text, Context{})))
		}
	}
	for _, d := range append(ex.Extract("A postmistress in her 80s has had a stroke.", Context{}), ex.Extract("She's a teacher, which makes it awkward.", Context{})...) {
		if d.Kind == KindOccupation && d.Count > 0 {
			t.Errorf("an indefinite role read as one person: %+v", d)
		}
	}
}

// Gap R20: a title held for the year ("this year's carnival queen") is held by one
// person; "the town crier" of a named town too.
func TestYearlyAndTownTitles(t *testing.T) {
	ex := newTestExtractor(t)
	for _, text := range []string{"She's this year's carnival queen.", "He is Ludlow's town crier."} {
		ok := false
		for _, d := range ex.Extract(text, Context{}) {
			ok = ok || d.Kind == KindOccupation && d.Count == 1 && d.Subject == SubjectPatient
		}
		if !ok {
			t.Errorf("%q: no title held by one person\n%s", text, dump(text, ex.Extract(text, Context{})))
		}
	}
	quiet(t, ex, "This year's flu jab is out.", KindOccupation)
}

// Gap R14: "the only X" in a place, an establishment or a part of one is one person,
// whatever the establishment's size.
func TestOnlyOneInAPlace(t *testing.T) {
	ex := newTestExtractor(t)
	for _, text := range []string{
		"He is the only Welsh speaker in the prison.",
		"pt is Polish, little English, only Polish speaker on the wing.",
		"She's the only female thatcher in the county.",
	} {
		ok := false
		for _, d := range ex.Extract(text, Context{}) {
			ok = ok || (d.Kind == KindOccupation || d.Kind == KindGroup) && d.Count == 1 && d.Subject == SubjectPatient
		}
		if !ok {
			t.Errorf("%q: no one-of-a-kind detail\n%s", text, dump(text, ex.Extract(text, Context{})))
		}
	}
	for _, d := range ex.Extract("She is not the only smoker on the ward.", Context{}) {
		if d.Count == 1 {
			t.Errorf("negated 'only' read: %+v", d)
		}
	}
}

// The author's case named by its role ("I've got a distillery manager here, 50s"):
// the role and the age after a comma are the patient's.
func TestAuthorsCaseByRole(t *testing.T) {
	ex := newTestExtractor(t)
	text := "I've got a brewery manager here, 50s, new diagnosis of gout."
	ds := ex.Extract(text, Context{})
	checkWant(t, text, ds, want{kind: KindAge, span: "50s", subj: SubjectPatient})
	ok := false
	for _, d := range ds {
		ok = ok || d.Kind == KindOccupation && d.Subject == SubjectPatient && d.Count == 1
	}
	if !ok {
		t.Errorf("%q: no role held by one\n%s", text, dump(text, ds))
	}
	quiet(t, ex, "Back in the 60s, 70s and 80s this was routine.", KindAge)
}
