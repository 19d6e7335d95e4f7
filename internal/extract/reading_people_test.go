package extract

import (
	"slices"
	"testing"
)

// pw is a person a reading must list, in order.
type pw struct {
	role  Subject
	ord   int
	sex   byte
	lo    int // AgeLo; AgeHi is hi
	hi    int
	span  string // first mention
	other bool   // Different
}

// TestReadingPeople covers findMentions and resolveMentions (discourse.go): who the
// post's people are, in order of first mention, with their role, ordinal, sex, age and
// first mention.
func TestReadingPeople(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []struct {
		text   string
		people []pw
	}{
		// A case opening on a person noun, with a relative named later.
		{"Man in his 40s. His wife has dementia and he is her main carer.", []pw{
			{role: SubjectPatient, ord: 1, sex: 'M', lo: 40, hi: 49, span: "Man"},
			{role: SubjectRelative, sex: 'F', span: "wife"},
		}},
		// A post that opens on a pronoun has a new patient.
		{"She's been back three times this week with the same cough.", []pw{
			{role: SubjectPatient, ord: 1, sex: 'F', span: "She"},
		}},
		{"He's a farrier in his 50s with a bad back.", []pw{
			{role: SubjectPatient, ord: 1, sex: 'M', lo: 50, hi: 59, span: "He"},
		}},
		// The author narrating, the patient, the patient's daughter.
		{"I saw him with his daughter; she has asthma.", []pw{
			{role: SubjectAuthor, span: "I"},
			{role: SubjectPatient, ord: 1, sex: 'M', span: "him"},
			{role: SubjectRelative, sex: 'F', span: "daughter"},
		}},
		// "a different man": a second patient, marked as other.
		{"Two patients today: a man in his 60s with gout, and a different man in his 30s with psoriasis.", []pw{
			{role: SubjectPatient, ord: 1, sex: 'M', lo: 60, hi: 69, span: "man"},
			{role: SubjectPatient, ord: 2, sex: 'M', lo: 30, hi: 39, span: "man", other: true},
		}},
		// The same noun again without "another" is the same patient.
		{"Saw a man in his 60s with gout. The man is a roofer and can't climb.", []pw{
			{role: SubjectPatient, ord: 1, sex: 'M', lo: 60, hi: 69, span: "man"},
		}},
		// "my dad" opening the post: the author's own family.
		{"My dad (82) fell off a ladder last night and fractured his wrist.", []pw{
			{role: SubjectAuthor, span: "My"},
			{role: SubjectAuthorFamily, sex: 'M', span: "dad"},
		}},
		{"Gentleman in his 70s with COPD. His son is a paramedic.", []pw{
			{role: SubjectPatient, ord: 1, sex: 'M', lo: 70, hi: 79, span: "Gentleman"},
			{role: SubjectRelative, sex: 'M', span: "son"},
		}},
		// Someone acting on the patient is a third party, not a patient.
		{"I spoke to the pharmacist about her warfarin.", []pw{
			{role: SubjectAuthor, span: "I"},
			{role: SubjectColleague, span: "pharmacist"},
			{role: SubjectPatient, ord: 1, sex: 'F', span: "her"},
		}},
		// A case-note opening in shorthand.
		{"47F with a new DVT.", []pw{
			{role: SubjectPatient, ord: 1, sex: 'F', lo: 47, hi: 47, span: "47F"},
		}},
		{"F, 84, new DVT.", []pw{
			{role: SubjectPatient, ord: 1, sex: 'F', lo: 84, hi: 84, span: "F"},
		}},
		{"An 86-year-old lady with a new DVT.", []pw{
			{role: SubjectPatient, ord: 1, sex: 'F', lo: 86, hi: 86, span: "lady"},
		}},
		// A role noun that opens a case is the patient.
		{"Plumber in his 40s with back pain.", []pw{
			{role: SubjectPatient, ord: 1, sex: 'M', lo: 40, hi: 49, span: "Plumber"},
		}},
		// The patient's job named again is the same patient.
		{"Plumber in his 40s with back pain. The plumber is now off work.", []pw{
			{role: SubjectPatient, ord: 1, sex: 'M', lo: 40, hi: 49, span: "Plumber"},
		}},
		// "family history" is no relative.
		{"Man of 50, family history of bowel cancer.", []pw{
			{role: SubjectPatient, ord: 1, sex: 'M', lo: 50, hi: 50, span: "Man"},
		}},
		// Nobody in particular: "he or she", "your patient", "one of my pts".
		{"Advice is that he or she should stay off nursery for 48 hours.", nil},
		{"Would you refer your patient to ENT for this?", nil},
		{"One of my pts asked about travel vaccines for Bolivia.", []pw{
			{role: SubjectAuthor, span: "my"},
		}},
		// Patients in general are no one.
		{"Patients with gout keep asking about cherries.", nil},
	}
	for _, c := range cases {
		r := ex.Read(c.text, testCtx)
		if len(r.People) != len(c.people) {
			t.Errorf("%q: %d people, want %d\n%s", c.text, len(r.People), len(c.people), dumpReading(c.text, r))
			continue
		}
		for k, w := range c.people {
			p := r.People[k]
			got := pw{role: p.Role, ord: p.Ordinal, sex: p.Sex, lo: p.AgeLo, hi: p.AgeHi, span: c.text[p.Start:p.End], other: p.Different}
			if got != w {
				t.Errorf("%q: person %d = %+v, want %+v\n%s", c.text, k, got, w, dumpReading(c.text, r))
			}
		}
	}
}

// TestReadingAttach covers attachDetails: each detail goes to the person its clause or
// its noun phrase is about; a relative's details are the relative's; a pronoun takes
// the patient of its sex.
func TestReadingAttach(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []readCase{
		// A second patient introduced after "and" with a modifier takes what follows.
		{text: "Two patients today: a man in his 60s with gout, and a different man in his 30s with psoriasis.", want: []rd{
			{kind: KindCondition, value: "gout", subj: SubjectPatient, ref: 1},
			{kind: KindCondition, value: "psoriasis", subj: SubjectPatient, ref: 2},
		}},
		// A public figure's own published story is theirs, not a patient's.
		{text: "After a famous footballer spoke in an interview about his bowel cancer, we had a rush of requests.", want: []rd{
			{kind: KindCondition, value: "bowel cancer", subj: SubjectPublicFigure},
		}},
		// "local" as a noun is someone from the place.
		{text: "Yes - Penzance local, works on the boats.", want: []rd{{kind: KindPlace, value: "penzance", subj: SubjectPatient, ref: 1}}},
		// A decade and "something" is the decade; a reading is not an age.
		{text: "Saw a sixty-something man with a hot swollen knee.", want: []rd{
			{kind: KindAge, span: "sixty-something", value: "60-69", subj: SubjectPatient, ref: 1},
		}},
		{text: "An 80 something lady, lives alone.", want: []rd{
			{kind: KindAge, value: "80-89", subj: SubjectPatient, ref: 1},
		}},
		{text: "Sats 90-something on air, RR 22.", not: []nd{{kind: KindAge}}},
		// Years after "every", "for" or before "ago" are a span of time.
		{text: "50s M, bouts every 2y for the last 10y.", not: []nd{{kind: KindAge, value: "2"}, {kind: KindAge, value: "10"}}},
		{text: "RA dx 5y ago, now 61y.", want: []rd{{kind: KindAge, value: "61"}}, not: []nd{{kind: KindAge, value: "5"}}},
		// A decade in brackets after the person it describes.
		{text: "My asthma lady (60s, ex-smoker) is back.", want: []rd{{kind: KindAge, value: "60-69", subj: SubjectPatient}}},
		// ... but an apposition after a comma is the same person.
		{text: "Man in his 70s, a dialysis patient.", want: []rd{
			{kind: KindCondition, value: "dialysis", subj: SubjectPatient, ref: 1},
		}},
		// A relative's job is the relative's.
		{text: "Gentleman in his 70s with COPD. His son is a paramedic.", want: []rd{
			{kind: KindCondition, value: "chronic obstructive pulmonary disease", subj: SubjectPatient, ref: 1},
			{kind: KindOccupation, span: "paramedic", subj: SubjectRelative},
		}},
		{text: "Saw a lady in her 70s with her daughter, who is a nurse.", want: []rd{
			{kind: KindAge, span: "70s", subj: SubjectPatient, ref: 1},
			{kind: KindOccupation, span: "nurse", subj: SubjectRelative},
		}},
		// A relative's condition in its own clause is the relative's.
		{text: "I saw him with his daughter; she has asthma.", want: []rd{
			{kind: KindCondition, value: "asthma", subj: SubjectRelative},
			{kind: KindSex, span: "him", value: "M", subj: SubjectPatient, ref: 1},
		}},
		// The author's family.
		{text: "My daughter is 19 and has anorexia.", want: []rd{
			{kind: KindCondition, value: "anorexia nervosa", subj: SubjectAuthorFamily},
		}},
		// A pronoun after the relative's clause means the patient of its sex.
		{text: "Chap in his 60s. His wife rang to say he has chest pain.", want: []rd{
			{kind: KindSex, span: "he", value: "M", subj: SubjectPatient, ref: 1},
			{kind: KindSex, span: "wife", value: "F", subj: SubjectRelative},
		}},
		// Age and sex inside a noun phrase belong to its person.
		{text: "Man in his 50s, his brother is a joiner.", want: []rd{
			{kind: KindAge, span: "50s", value: "50-59", subj: SubjectPatient, ref: 1},
			{kind: KindSex, span: "brother", value: "M", subj: SubjectRelative},
		}},
		// Two patients: each one's details carry its referent.
		{text: "Two patients today: a man in his 60s with gout, and a different man in his 30s.", want: []rd{
			{kind: KindAge, span: "60s", subj: SubjectPatient, ref: 1},
			{kind: KindCondition, value: "gout", subj: SubjectPatient, ref: 1},
			{kind: KindAge, span: "30s", subj: SubjectPatient, ref: 2},
		}},
		{text: "First lady is in her 80s with a hip fracture. Second lady, separate patient, is in her 40s with asthma.", want: []rd{
			{kind: KindAge, span: "80s", subj: SubjectPatient, ref: 1},
			{kind: KindCondition, value: "hip fracture", subj: SubjectPatient, ref: 1},
		}},
		// The implicit patient of a note with no person noun.
		{text: "Severe COPD: FEV1 30%, four admissions since March.", want: []rd{
			{kind: KindCondition, span: "COPD", subj: SubjectPatient, ref: 1},
		}},
		{text: "Runs the pub on the quay. Bad gout.", want: []rd{
			{kind: KindOccupation, value: "run pub", subj: SubjectPatient, ref: 1},
		}},
		// A colleague acting on the patient keeps the colleague's role.
		{text: "Lady in her 70s, reviewed by the physiotherapist today.", want: []rd{
			{kind: KindAge, span: "70s", subj: SubjectPatient, ref: 1},
			{kind: KindOccupation, span: "physiotherapist", subj: SubjectColleague},
		}},
		// The author's own age.
		{text: "I'm 44 and a GP in Wigton, and I've a lady in her 90s with shingles.", want: []rd{
			{kind: KindAge, span: "44", subj: SubjectAuthor},
			{kind: KindAge, span: "90s", subj: SubjectPatient, ref: 1},
		}},
		// A population statement stays the population's.
		{text: "What's the threshold for statins in people over 75?", want: []rd{
			{kind: KindAge, span: "75", subj: SubjectPopulation},
		}},
	}
	for _, c := range cases {
		checkReading(t, ex, c)
	}
}

// TestReadingOnsetAges covers qualifyAges: an age of onset or of an event is set aside
// (low confidence); the person's age now is not.
func TestReadingOnsetAges(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []readCase{
		{text: "Man in his 40s, seizures from age 3.", want: []rd{
			{kind: KindAge, span: "3", hedge: true},
			{kind: KindAge, span: "40s", sure: true},
		}},
		{text: "She's 84 and has had diabetes since age 50.", want: []rd{
			{kind: KindAge, span: "84", value: "84", sure: true, subj: SubjectPatient},
			{kind: KindAge, span: "50", hedge: true},
		}},
		{text: "Man in his 40s, diagnosed at age 12 with epilepsy.", want: []rd{
			{kind: KindAge, span: "12", hedge: true},
		}},
		{text: "Lad with a stammer from the age of 4, now aged 19.", want: []rd{
			{kind: KindAge, span: "19", sure: true},
		}},
		{text: "Asthma since age 6, now a man aged 30.", want: []rd{
			{kind: KindAge, span: "6", hedge: true},
			{kind: KindAge, span: "30", sure: true},
		}},
		{text: "Woman aged 57 with psoriasis.", want: []rd{
			{kind: KindAge, span: "57", sure: true},
		}},
	}
	for _, c := range cases {
		checkReading(t, ex, c)
	}
}

// TestReadingRecent covers markRecent: a condition the text says is new is Recent; one
// the text says is long-standing is not.
func TestReadingRecent(t *testing.T) {
	ex := newTestExtractor(t)
	recent := []struct{ text, value string }{
		{"Man in his 70s with new AF, started on apixaban.", "atrial fibrillation"},
		{"Woman, 52, newly diagnosed with rheumatoid arthritis.", "rheumatoid arthritis"},
		{"New-onset diabetes in a man aged 50.", "diabetes"},
		{"Gout confirmed last week on aspiration.", "gout"},
		{"Recently diagnosed with coeliac disease.", "coeliac disease"},
		{"Lady in her 50s with a fresh DVT.", "deep vein thrombosis"},
		{"Man with recent MI, now on ticagrelor.", "myocardial infarction"},
		{"Man in his 60s, newly diagnosed type 2 diabetes.", "type 2 diabetes"},
	}
	for _, c := range recent {
		checkReading(t, ex, readCase{text: c.text, want: []rd{{kind: KindCondition, value: c.value, rec: true}}})
	}
	old := []struct{ text, value string }{
		{"She has had psoriasis for years.", "psoriasis"},
		{"He has had gout for 20 years, confirmed on aspiration in 2009.", "gout"},
		{"Man in his 60s with paroxysmal AF on apixaban.", "atrial fibrillation"},
		{"Lady in her 70s with COPD, a new inhaler started.", "chronic obstructive pulmonary disease"},
	}
	for _, c := range old {
		r := checkReading(t, ex, readCase{text: c.text, want: []rd{{kind: KindCondition, value: c.value}}})
		for _, d := range r.Details {
			if d.Kind == KindCondition && d.Value == c.value && d.Recent {
				t.Errorf("%q: %s marked recent", c.text, c.value)
			}
		}
	}
}

// TestReadingParaphrase reads rewordings of one case (formal, casual, clinical
// shorthand): each must give its patient the same kinds and values of details.
func TestReadingParaphrase(t *testing.T) {
	ex := newTestExtractor(t)
	sets := []struct {
		want  []string // the facts every wording must give (a check that the set is not empty or trivial)
		texts []string
	}{
		{[]string{"age=60-69", "condition=gout", "occupation=lorry driver", "sex=M"}, []string{
			"Man in his sixties, works as a lorry driver, has gout.",
			"Chap in his 60s, lorry driver, gout.",
			"60s M, lorry driver, gout.",
		}},
		{[]string{"age=82", "condition=chronic obstructive pulmonary disease", "family=lives alone", "family=widow", "place=workington", "sex=F"}, []string{
			"She's 82, widowed, has COPD and lives alone in Workington.",
			"Lady aged 82 with COPD, widowed and living alone in Workington.",
			"82 year old woman, COPD, widowed, lives alone in Workington.",
		}},
		{[]string{"age=15", "condition=asthma", "group=red kites academy", "sex=M"}, []string{
			"15M, asthmatic, plays for the Red Kites academy.",
			"15 yo lad, asthma, plays in the Red Kites academy.",
		}},
		{[]string{"age=71", "condition=parkinson's disease", "occupation=postman", "place=whitehaven", "sex=M"}, []string{
			"He is 71, a retired postman from Whitehaven, with Parkinson's disease.",
			"71M, retired postman, Whitehaven, Parkinson's.",
		}},
		{[]string{"age=47", "condition=rheumatoid arthritis", "place=penrith", "sex=F"}, []string{
			"A woman aged 47 with rheumatoid arthritis, lives in Penrith.",
			"47-year-old lady in Penrith with rheumatoid arthritis.",
		}},
		{[]string{"age=30-39", "occupation=primary school teacher", "place=ulverston", "sex=F"}, []string{
			"Woman in her 30s, a primary school teacher, Ulverston.",
			"30s F, primary school teacher, Ulverston.",
			"Woman in her thirties, works as a primary school teacher, lives in Ulverston.",
		}},
	}
	for _, set := range sets {
		for _, text := range set.texts {
			r := ex.Read(text, testCtx)
			got := patientFacts(r)
			for _, w := range set.want {
				if !slices.Contains(got, w) {
					t.Errorf("%q: patient facts %v lack %s\n%s", text, got, w, dumpReading(text, r))
				}
			}
			if len(got) != len(set.want) {
				t.Errorf("%q: patient facts %v, want exactly %v", text, got, set.want)
			}
		}
	}
}

// TestReadingClauseTopics covers clauseTopics (topics.go): a clause is about the first
// person it mentions (not the author narrating), or the person of the clause or
// sentence before; a paragraph break does not end the topic when nobody new is named.
func TestReadingClauseTopics(t *testing.T) {
	ex := newTestExtractor(t)
	P, R := SubjectPatient, SubjectRelative
	cases := []readCase{
		// The topic carries into a sentence with no one in it.
		{text: "Man in his 50s. Has gout and psoriasis.", want: []rd{
			{kind: KindCondition, value: "gout", subj: P, ref: 1},
			{kind: KindCondition, value: "psoriasis", subj: P, ref: 1},
		}},
		{text: "Woman in her 60s.\n\nLives alone in Maryport, has COPD.", want: []rd{
			{kind: KindPlace, span: "Maryport", subj: P, ref: 1},
			{kind: KindCondition, span: "COPD", subj: P, ref: 1},
			{kind: KindFamily, value: "lives alone", subj: P, ref: 1},
		}},
		// "I saw her": the clause is about her, not the author.
		{text: "I saw her today and she has psoriasis.", want: []rd{{kind: KindCondition, value: "psoriasis", subj: P, ref: 1}}},
		// A relative clause stays with its person.
		{text: "Man in his 60s with gout who lives in Keswick.", want: []rd{{kind: KindPlace, span: "Keswick", subj: P, ref: 1}}},
		// A new clause about a relative, then back.
		{text: "Lady in her 70s, lives in Keswick; her husband is a retired joiner.", want: []rd{
			{kind: KindPlace, span: "Keswick", subj: P, ref: 1},
			{kind: KindOccupation, value: "joiner", subj: R},
		}},
		{text: "The lad is a roofer and his girlfriend is a nurse.", want: []rd{
			{kind: KindOccupation, value: "roofer", subj: P, ref: 1},
			{kind: KindOccupation, value: "nurse", subj: R},
		}},
		{text: "Man in his 40s with psoriasis. I saw him with his wife, who is a teacher.", want: []rd{
			{kind: KindCondition, value: "psoriasis", subj: P, ref: 1},
			{kind: KindOccupation, value: "teacher", subj: R},
		}},
	}
	for _, c := range cases {
		checkReading(t, ex, c)
	}
}

// TestReadingCaseHeaders: a case note opening with the age or the diagnosis before the
// sex ("Thirties, male.", "Narcolepsy, M 40s.") describes its patient.
func TestReadingCaseHeaders(t *testing.T) {
	ex := newTestExtractor(t)
	P := SubjectPatient
	for _, c := range []readCase{
		{text: "Thirties, male. Left shoulder, third dislocation.", want: []rd{{kind: KindAge, span: "Thirties", value: "30-39", subj: P, ref: 1}}},
		{text: "Forties, female, smoker.", want: []rd{{kind: KindAge, span: "Forties", value: "40-49", subj: P, ref: 1}}},
		{text: "Sixties, male, with COPD on home oxygen.", want: []rd{{kind: KindAge, value: "60-69", subj: P, ref: 1}}},
	} {
		checkReading(t, ex, c)
	}
	// "since January" dates the illness, not an earlier post.
	r := ex.Read("Follow-up on the recurrent shoulder (fourth dislocation since January).", testCtx)
	if !r.Cues.BackRef || r.Cues.Month != 0 {
		t.Errorf("back-reference %v month %d, want a back-reference with no month", r.Cues.BackRef, r.Cues.Month)
	}
}
