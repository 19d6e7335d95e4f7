package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestScoreBenignTextsCounts(t *testing.T) {
	ex := newExtractor(t)
	texts := []string{
		"Asthma is common in children and adults. People over 65 should have a flu vaccine.",
		"Saw Mrs Jane Doe today, NHS number 943 476 5919.",
		"My patient, a woman in her 70s with myasthenia gravis, lives in Kendal.",
	}
	r := ScoreBenignTexts(texts, ex)
	if r.Texts != 3 || r.PatientDetail != 2 || r.Identifier != 1 {
		b, _ := json.Marshal(r)
		t.Fatalf("got %s; want 3 texts, 2 with patient details, 1 with an identifier", b)
	}
}

// TestMedQuADBenign reports the share of MedQuAD texts (no patient in them) where the
// extractor finds a patient detail; MOSAIC_BENIGN_BARS=1 holds it to the bars (at most
// 5% with a patient detail, at most 1% with a direct identifier).
func TestMedQuADBenign(t *testing.T) {
	path := filepath.Join(sharedDir(t), "corpora", "medquad", "medquad_sample_1026.jsonl")
	texts, err := ReadTexts(path)
	if err != nil {
		t.Skipf("no MedQuAD sample: %v", err)
	}
	r := ScoreBenignTexts(texts, newExtractor(t))
	b, _ := json.Marshal(r)
	t.Logf("%s", b)
	if r.Texts < 1000 {
		t.Fatalf("only %d texts read", r.Texts)
	}
	if r.PatientDetailShare > 0.25 {
		t.Errorf("patient-detail share %.3f above the regression ceiling", r.PatientDetailShare)
	}
	if os.Getenv("MOSAIC_BENIGN_BARS") == "1" && (r.PatientDetailShare > 0.05 || r.IdentifierShare > 0.01) {
		t.Errorf("bars not met: patient-detail share %.3f (want <= 0.05), identifier share %.3f (want <= 0.01)", r.PatientDetailShare, r.IdentifierShare)
	}
}
