package extract

import "testing"

// TestReadingInfections covers the infections of internal/conditions' cited table
// (tables/infections.tsv): named in a post about a patient, each is a condition detail
// priced by its annual incidence.
func TestReadingInfections(t *testing.T) {
	ex := newTestExtractor(t)
	P := SubjectPatient
	cases := []readCase{
		{text: "Saw a lady in her 70s today with shingles.", want: []rd{{kind: KindCondition, span: "shingles", value: "shingles", subj: P}}},
		{text: "Man in his 60s with Lyme disease after a tick bite in the New Forest.",
			want: []rd{{kind: KindCondition, span: "Lyme disease", value: "lyme disease", subj: P}}},
		{text: "Woman in her 80s admitted with herpes zoster ophthalmicus.", want: []rd{{kind: KindCondition, value: "shingles", subj: P}}},
		{text: "Farmer in his 40s with leptospirosis, ventilated on ITU.", want: []rd{{kind: KindCondition, span: "leptospirosis", value: "leptospirosis", subj: P}}},
		{text: "Teenager with whooping cough, unvaccinated.", want: []rd{{kind: KindCondition, span: "whooping cough", value: "whooping cough", subj: P}}},
		{text: "Lady in her 30s with a UTI, on nitrofurantoin.", want: []rd{{kind: KindCondition, span: "UTI", value: "urinary tract infection", subj: P}}},
		{text: "Man in his 50s back from Ghana with falciparum malaria.", want: []rd{{kind: KindCondition, value: "malaria", subj: P}}},
	}
	for _, c := range cases {
		checkReading(t, ex, c)
	}
	// The detail carries the incidence of the infection, not a standing prevalence.
	text := "Saw a lady in her 70s today with shingles."
	found := false
	for _, d := range ex.Read(text, testCtx).Details {
		if d.Kind == KindCondition && d.Ref == "shingles" {
			found = true
			if d.Frequency < 0.001 || d.Frequency > 0.01 {
				t.Errorf("%q: shingles frequency %v, want an annual incidence of a few per 1,000", text, d.Frequency)
			}
		}
	}
	if !found {
		t.Errorf("%q: no shingles detail", text)
	}
}
