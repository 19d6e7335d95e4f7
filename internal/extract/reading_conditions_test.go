package extract

import "testing"

// TestReadingConditions covers conditions.go: names and person forms, abbreviations
// whose sense the words around them choose, and conditions implied by drugs and tests
// (only when a word ties the drug to the patient).
func TestReadingConditions(t *testing.T) {
	ex := newTestExtractor(t)
	P := SubjectPatient
	cases := []readCase{
		// Abbreviations with several senses, chosen by context.
		{text: "Woman in her 30s with relapsing MS on ocrelizumab.", want: []rd{{kind: KindCondition, span: "MS", value: "multiple sclerosis", subj: P, ref: 1}}},
		{text: "Lady with MS, relapsing-remitting, on natalizumab.", want: []rd{{kind: KindCondition, span: "MS", value: "multiple sclerosis"}}},
		{text: "Man in his 70s with MS on echo, awaiting valve surgery.", want: []rd{{kind: KindCondition, span: "MS", value: "mitral stenosis", subj: P, ref: 1}},
			not: []nd{{kind: KindCondition, value: "multiple sclerosis"}}},
		{text: "Man with PD on rasagiline.", want: []rd{{kind: KindCondition, span: "PD", value: "parkinson's disease", subj: P}}},
		{text: "Man with PD on levodopa.", want: []rd{{kind: KindCondition, span: "PD", value: "parkinson's disease"}}},
		{text: "Man with PD on Madopar.", want: []rd{{kind: KindCondition, span: "PD", value: "parkinson's disease"}}},
		// A drug in another sentence points to its sense: PD alone reads as dialysis,
		// PD with rasagiline anywhere in the post as Parkinson's disease.
		{text: "Man in his 60s with PD. Started on rasagiline by the neuro team last year.", want: []rd{{kind: KindCondition, span: "PD", value: "parkinson's disease", subj: P, ref: 1}}},
		{text: "Man in his 60s with PD.", want: []rd{{kind: KindCondition, span: "PD", value: "dialysis"}}, not: []nd{{kind: KindCondition, value: "parkinson's disease"}}},
		{text: "Man with PD, does his own exchanges at home overnight.", want: []rd{{kind: KindCondition, span: "PD", value: "dialysis"}},
			not: []nd{{kind: KindCondition, value: "parkinson's disease"}}},
		{text: "Lady in her 60s with paroxysmal AF on apixaban.", want: []rd{{kind: KindCondition, span: "AF", value: "atrial fibrillation", subj: P}}},
		{text: "70s lady with a new DVT.", want: []rd{{kind: KindCondition, span: "DVT", value: "deep vein thrombosis", subj: P}}},
		{text: "30s M, T1DM, farms near Keswick.", want: []rd{{kind: KindCondition, span: "T1DM", value: "type 1 diabetes", subj: P, ref: 1}}},
		{text: "Severe COPD: FEV1 30%, four admissions since March.", want: []rd{{kind: KindCondition, span: "COPD", value: "chronic obstructive pulmonary disease"}}},
		// "PE teacher": the sense chosen is no condition.
		{text: "He's a PE teacher with a sore knee.", not: []nd{{kind: KindCondition, span: "PE"}}},

		// Person forms.
		{text: "Woman in her 50s who is epileptic.", want: []rd{{kind: KindCondition, span: "epileptic", value: "epilepsy", subj: P, ref: 1}}},
		{text: "Man in his 70s, a dialysis patient.", want: []rd{{kind: KindCondition, span: "dialysis patient", value: "dialysis", subj: P, ref: 1}}},
		{text: "15M, asthmatic, plays for the Red Kites academy.", want: []rd{{kind: KindCondition, span: "asthmatic", value: "asthma", subj: P}}},

		// Implied by a drug or a test tied to the patient.
		{text: "Lady in her 60s on riluzole.", want: []rd{{kind: KindCondition, span: "riluzole", value: "motor neurone disease", subj: P, ref: 1}}},
		{text: "Lady in her 70s on pyridostigmine.", want: []rd{{kind: KindCondition, span: "pyridostigmine", value: "myasthenia gravis", subj: P}}},
		{text: "Lady in her 50s on tamoxifen.", want: []rd{{kind: KindCondition, span: "tamoxifen", value: "breast cancer", subj: P}}},
		{text: "Man in his 80s on donepezil.", want: []rd{{kind: KindCondition, span: "donepezil", value: "dementia", subj: P}}},
		{text: "Man in his 20s on clozapine.", want: []rd{{kind: KindCondition, span: "clozapine", value: "schizophrenia", subj: P}}},
		{text: "Woman with positive AChR antibodies.", want: []rd{{kind: KindCondition, span: "AChR antibodies", value: "myasthenia gravis", subj: P}}},
		{text: "She is 32+4 with twins.", want: []rd{{kind: KindCondition, value: "third trimester of pregnancy", subj: P}}},
		{text: "Lady at 32+4, twins.", want: []rd{{kind: KindCondition, span: "32+4", value: "third trimester of pregnancy", subj: P}}},
		// A test whose name starts with an everyday word.
		{text: "Child of 4 with a positive sweat test.", want: []rd{{kind: KindCondition, value: "cystic fibrosis", subj: P}}},
		// Weeks and days that a woman "is" are her gestation, not her age.
		{text: "She is 32+4.", want: []rd{{kind: KindCondition, span: "32+4", value: "third trimester of pregnancy", subj: P}}, not: []nd{{kind: KindAge}}},
		{text: "She's 31/40 with her first.", want: []rd{{kind: KindCondition, value: "third trimester of pregnancy", subj: P}}, not: []nd{{kind: KindAge}}},
		// The same figures with no word of pregnancy are a score.
		{text: "He scored 32+4 in the darts final.", not: []nd{{kind: KindCondition}}},

		// An eponym's possessive alone stands for its condition, unless a noun follows
		// for it to own or a title makes it a person's.
		{text: "Man in his 40s on ICU with Weil's, jaundiced.", want: []rd{{kind: KindCondition, span: "Weil's", value: "leptospirosis", subj: P}}},
		{text: "She has Addison's and carries a steroid card.", want: []rd{{kind: KindCondition, span: "Addison's", value: "addison's disease", subj: P}}},
		{text: "I read Addison's notes before clinic.", not: []nd{{kind: KindCondition}}},
		{text: "Mrs Weil's husband rang the surgery.", not: []nd{{kind: KindCondition}}},
		{text: "My Graves' lady from last month has chosen surgery.", want: []rd{{kind: KindCondition, span: "Graves'", value: "hyperthyroidism", subj: P}}},
		{text: "Pregnant woman with Marfan's, second trimester.", want: []rd{{kind: KindCondition, span: "Marfan's", value: "marfan syndrome", subj: P}}},
		{text: "Retired man in his 80s with Paget's, on zoledronate.", want: []rd{{kind: KindCondition, span: "Paget's", value: "paget's disease of bone", subj: P}}},
		{text: "Lad of 13 with Osgood-Schlatter's, plays for the under-14s.", want: []rd{{kind: KindCondition, span: "Osgood-Schlatter's", value: "osgood-schlatter disease", subj: P}}},
		{text: "Graves' relapse in a 31-year-old.", want: []rd{{kind: KindCondition, span: "Graves'", value: "hyperthyroidism", subj: P}}},
		// A diagnosis heading a case, then a comma and the patient: the patient's.
		{text: "Narcolepsy, M 40s. Cataplexy most days.", want: []rd{{kind: KindCondition, span: "Narcolepsy", value: "narcolepsy", subj: P, ref: 1}}},
		{text: "NT1, M 40s, cataplexy with laughter.", want: []rd{{kind: KindCondition, span: "NT1", value: "narcolepsy type 1", subj: P, ref: 1}}},
		{text: "Asthma, the commonest chronic disease of childhood, affects many.", want: []rd{{kind: KindCondition, value: "asthma", subj: SubjectPopulation}}},
		// An abbreviation read by its sentence: EDS with sleep words is sleepiness.
		{text: "M 40s with cataplexy and EDS, MSLT pending.", not: []nd{{kind: KindCondition, value: "ehlers-danlos syndrome"}}},
		{text: "Woman with EDS and recurrent shoulder dislocations.", want: []rd{{kind: KindCondition, span: "EDS", value: "ehlers-danlos syndrome", subj: P}}},

		// A condition named outright is not doubled by its drug.
		{text: "Man in his 50s on adalimumab for Crohn's.", want: []rd{{kind: KindCondition, span: "Crohn's", value: "crohn's disease", subj: P}}},
		{text: "Lady in her 40s with epilepsy, on levetiracetam.", want: []rd{{kind: KindCondition, span: "epilepsy", value: "epilepsy"}}},

		// Seizures: "a fit" is one; "fit for work" is health.
		{text: "She had a fit on the bus.", want: []rd{{kind: KindCondition, span: "fit", value: "first seizure", subj: P}}},
		{text: "He is fit for work.", not: []nd{{kind: KindCondition}}},
	}
	for _, c := range cases {
		checkReading(t, ex, c)
	}
	// A drug not tied to a patient, a drug for many conditions, a score that looks like
	// a gestation: no condition.
	for _, text := range []string{
		"Riluzole prolongs survival by a few months.",
		"Lithium is cleared by the kidneys.",
		"Lady on methotrexate.",
		"Gleason 4+4 on the biopsy.",
	} {
		r := ex.Read(text, testCtx)
		for _, d := range r.Details {
			if d.Kind == KindCondition {
				t.Errorf("%q: unexpected condition %q=%q\n%s", text, text[d.Start:d.End], d.Value, dumpReading(text, r))
			}
		}
	}
	// A drug used for several conditions adds nothing where the text names its own.
	text := "Man in his 50s on adalimumab for Crohn's."
	n := 0
	for _, d := range ex.Read(text, testCtx).Details {
		if d.Kind == KindCondition {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%q: %d conditions, want only Crohn's", text, n)
	}
}

// TestReadingConditionQualifiers covers qualifyConditions: a condition denied is
// Negated; one only weighed has low confidence; a condition stated is neither.
func TestReadingConditionQualifiers(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []readCase{
		// Denied.
		{text: "No history of diabetes or hypertension.", want: []rd{{kind: KindCondition, value: "diabetes", neg: true}, {kind: KindCondition, value: "hypertension", neg: true}}},
		{text: "PE excluded on CTPA, TB screen negative.", want: []rd{{kind: KindCondition, span: "PE", neg: true}, {kind: KindCondition, span: "TB", neg: true}}},
		{text: "Fracture ruled out on x-ray.", want: []rd{{kind: KindCondition, span: "Fracture", neg: true}}},
		{text: "Denies any asthma.", want: []rd{{kind: KindCondition, value: "asthma", neg: true}}},
		// Weighed, not stated.
		{text: "Possible sepsis, ?PE, rule out ACS.", want: []rd{
			{kind: KindCondition, span: "sepsis", hedge: true},
			{kind: KindCondition, span: "PE", hedge: true},
			{kind: KindCondition, span: "ACS", hedge: true},
		}},
		{text: "Query appendicitis in a lad of 12.", want: []rd{{kind: KindCondition, span: "appendicitis", hedge: true, subj: SubjectPatient}}},
		{text: "Suspected DVT in a lady of 70.", want: []rd{{kind: KindCondition, span: "DVT", hedge: true}}},
		{text: "Stroke mimic likely, migraine the working diagnosis.", want: []rd{
			{kind: KindCondition, span: "Stroke", hedge: true},
			{kind: KindCondition, span: "migraine", sure: true},
		}},
		// Stated: a finding in the next clause does not deny it.
		{text: "Man in his 60s with a chest infection, CXR clear.", want: []rd{{kind: KindCondition, span: "chest infection", sure: true}}},
		{text: "Lady with a history of breast cancer, scan normal.", want: []rd{{kind: KindCondition, span: "breast cancer", sure: true}}},
		{text: "He has had a stroke.", want: []rd{{kind: KindCondition, span: "stroke", sure: true, subj: SubjectPatient}}},
	}
	for _, c := range cases {
		checkReading(t, ex, c)
	}
	// Stated conditions are not negated.
	for _, text := range []string{
		"Man in his 60s with a chest infection, CXR clear.",
		"Lady with a history of breast cancer, scan normal.",
		"He has had a stroke.",
		"Woman in her 30s with relapsing MS on ocrelizumab.",
	} {
		for _, d := range ex.Read(text, testCtx).Details {
			if d.Kind == KindCondition && d.Negated {
				t.Errorf("%q: %q negated", text, text[d.Start:d.End])
			}
		}
	}
}
