package extract

import "testing"

// TestReadingFrame covers classifyFrame (frame.go): each frame with positive cases and
// nearby texts that must read as another frame.
func TestReadingFrame(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []struct {
		text  string
		frame Frame
	}{
		// A particular patient.
		{"Man in his 50s, exertional chest tightness, ECG normal.", FrameCase},
		{"Saw a lady in her 70s today with shingles over her left eye.", FrameCase},
		// A patient's death is not a colleague's obituary.
		{"A man in his 50s who died suddenly at home - inquest next month.", FrameCase},
		// "passed" without "away" is no death.
		{"Lady in her 60s with RA, passed her driving test at last.", FrameCase},
		// A word of going public with no named or famous person is still a case.
		{"A patient announced she was moving to Spain.", FrameCase},
		// Seven years back is not decades back.
		{"In 2019 I saw a lady with diphtheria.", FrameCase},
		// A patient who retired is not a colleague retiring.
		{"Man in his 80s, retired last year from the railways, now with gout.", FrameCase},

		// The author's own health.
		{"Found out last week that I have breast cancer myself.", FrameOwn},
		{"I'm 29 weeks pregnant and struggling with SPD on nights.", FrameOwn},
		{"My own bloods came back with a ferritin of 6.", FrameOwn},
		{"I'm a GP partner in Cumbria and I have lupus myself.", FrameOwn},

		// The author's own family.
		{"My dad (82) fell off a ladder last night and fractured his wrist.", FrameFamily},
		{"My mum was diagnosed with motor neurone disease last month.", FrameFamily},
		{"My husband has had a prostate cancer diagnosis this week.", FrameFamily},
		{"My daughter is 19 and has anorexia.", FrameFamily},

		// A case the post says is made up.
		{"AKT practice question: a 45-year-old man presents with haematuria. What next?", FrameHypothetical},
		{"Hypothetically, if a woman in her 30s asked for a vasectomy for her husband, what would you say?", FrameHypothetical},
		{"OSCE station tonight: a lady of 60 with a breast lump.", FrameHypothetical},
		{"Made up case for the trainees: a man aged 40 with sudden headache.", FrameHypothetical},
		{"This is not a real patient: a lady aged 60 with a breast lump, what would you do?", FrameHypothetical},
		{"Exam question: a woman aged 34 presents with palpitations. Answer below.", FrameHypothetical},
		{"Imagine a man aged 58 who drives a taxi and has a first seizure.", FrameHypothetical},
		{"Suppose a lad aged 17 asks for the pill for his girlfriend.", FrameHypothetical},
		{"Teaching vignette: a girl of 6 with a limp and a fever.", FrameHypothetical},
		// A kind of case asked about in a conditional clause.
		{"If a patient were a pilot, would you tell the DVLA?", FrameHypothetical},
		{"What do you do if an elderly man with dementia refuses his insulin?", FrameHypothetical},
		{"Do we have to report it if a 16-year-old girl asks for the pill?", FrameHypothetical},
		// ... but not a real patient, or one met before the question.
		{"If a patient of mine moves to Orkney, can I keep prescribing?", FrameCase},
		{"Saw a man in his 40s with a first fit today. If a driver has a fit, who tells the DVLA?", FrameCase},
		// A word of exams with no patient in the post is no hypothetical case.
		{"Any tips for revising for the AKT in January?", FrameGeneral},

		// A colleague's death or retirement.
		{"Very sad news: Dr Ewan Calder, our senior partner, died peacefully at the weekend.", FrameObituary},
		{"Dr Hugh Ambrose retires on Friday after 35 years at the practice - cake in the staff room.", FrameObituary},
		{"Our practice nurse Brenda retires on Friday after 32 years.", FrameObituary},
		{"Funeral for our old colleague Dr Emrys Tudor is at St Mary's on Tuesday.", FrameObituary},

		// Published or audit counts.
		{"Audit: 14 cases of C. diff this year, 3 deaths, 22 admissions.", FrameAggregate},
		{"Our county had 12 confirmed cases and 2 deaths from measles this quarter.", FrameAggregate},
		// One count alone is not a table of figures.
		{"Nationally there were 450 referrals last year.", FrameGeneral},

		// A patient from decades ago.
		{"As an SHO in 1983 I saw a man with tetanus on the medical ward.", FrameHistorical},
		{"Back in 1979, as a houseman, I admitted a lady with diphtheria.", FrameHistorical},

		// A public figure's own public news.
		{"The famous presenter Colin Fairbairn has spoken openly about his stammer.", FramePublicFigure},
		{"The footballer Jamie Ferguson announced he has testicular cancer.", FramePublicFigure},
		{"The newsreader Fiona Beckett went public about her bowel cancer diagnosis last week.", FramePublicFigure},

		// No particular person.
		{"What's the threshold for statins in people over 75?", FrameGeneral},
		{"Is it true the DVLA needs telling after a TIA?", FrameGeneral},
		{"Is anyone else finding the new e-referral system painfully slow?", FrameGeneral},
	}
	for _, c := range cases {
		r := ex.Read(c.text, testCtx)
		if r.Frame != c.frame {
			t.Errorf("%q: frame %s, want %s\n%s", c.text, r.Frame, c.frame, dumpReading(c.text, r))
		}
	}
	// A colleague who passed an exam or an audit has not died.
	for _, text := range []string{
		"Our registrar Dr Amy Holt passed her MRCGP exam!",
		"Dr Nia Pugh, our partner, passed the audit with flying colours.",
		// A patient's relative who died is not a colleague: "her sister", "his partner".
		"Woman of 41 on chemo, raising her sister's two boys since her sister passed away.",
		"Man in his 70s with COPD; his partner died last year and he struggles.",
	} {
		if r := ex.Read(text, testCtx); r.Frame == FrameObituary {
			t.Errorf("%q: read as an obituary\n%s", text, dumpReading(text, r))
		}
	}
}

// TestReadingFrameSubjects checks that the frame decides whose the details are: a
// made-up patient's details are hypothetical, a public figure's are the public
// figure's, a colleague's in an obituary are a colleague's, the author's family's are
// the family's.
func TestReadingFrameSubjects(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []readCase{
		{text: "Exam question: a woman aged 34 presents with palpitations. Answer below.", want: []rd{
			{kind: KindAge, span: "34", value: "34", subj: SubjectHypothetical},
			{kind: KindSex, span: "woman", value: "F", subj: SubjectHypothetical},
		}},
		{text: "Imagine a man aged 58 who drives a taxi and has a first seizure.", want: []rd{
			{kind: KindAge, span: "58", subj: SubjectHypothetical},
			{kind: KindCondition, value: "first seizure", subj: SubjectHypothetical},
		}},
		// The same details in a real case belong to the patient.
		{text: "Saw a man aged 58 today who has had a first seizure.", want: []rd{
			{kind: KindAge, span: "58", subj: SubjectPatient, ref: 1},
			{kind: KindCondition, value: "first seizure", subj: SubjectPatient, ref: 1},
		}},
		{text: "The famous presenter Colin Fairbairn has spoken openly about his stammer.", want: []rd{
			{kind: KindPersonName, span: "Colin Fairbairn", subj: SubjectPublicFigure},
			{kind: KindSex, span: "his", subj: SubjectPublicFigure},
		}},
		{text: "Very sad news: Dr Ewan Calder, our senior partner, died peacefully at the weekend.", want: []rd{
			{kind: KindPersonName, span: "Dr Ewan Calder", value: "ewan calder", subj: SubjectColleague},
		}},
		{text: "My mum was diagnosed with motor neurone disease last month.", want: []rd{
			{kind: KindCondition, value: "motor neurone disease", subj: SubjectAuthorFamily},
			{kind: KindSex, span: "mum", subj: SubjectAuthorFamily},
		}},
		{text: "Found out last week that I have breast cancer myself.", want: []rd{
			{kind: KindCondition, value: "breast cancer", subj: SubjectAuthor},
		}},
		{text: "As an SHO in 1983 I saw a man with tetanus on the medical ward.", want: []rd{
			{kind: KindSex, span: "man", subj: SubjectPatient, ref: 1},
		}},
	}
	for _, c := range cases {
		r := checkReading(t, ex, c)
		for _, d := range r.Details {
			if d.Subject != SubjectPatient && d.Referent != 0 {
				t.Errorf("%q: %s %q has referent %d but is not a patient's", c.text, d.Kind, c.text[d.Start:d.End], d.Referent)
			}
		}
	}
}
