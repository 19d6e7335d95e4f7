package conduct_test

import (
	"path/filepath"
	"testing"

	"github.com/mosaicgw/mosaic/internal/conduct"
)

// TestPhysioNetNotesNoConduct: ICU nursing notes are clinical text about patients with no
// promotion, abuse, concern about a colleague or social-media contact in them; posted in a
// members' forum they should get no conduct finding (at most 1%, the MedQuAD bar). They
// are patient cases, so PUBLIC_PATIENT_CASE is expected in public and not measured here.
func TestPhysioNetNotesNoConduct(t *testing.T) {
	type doc struct {
		Text string `json:"text"`
	}
	docs := readJSONL[doc](t, filepath.Join(sharedDir(t), "corpora", "physionet-deid", "notes.jsonl"))
	c := newChecker(t)
	flagged := 0
	for i, d := range docs {
		fs := c.Check(conduct.Post{Body: d.Text, Audience: members, AuthorDisplayName: "Dr Jane Example", AuthorRole: "GP"})
		if len(fs) > 0 {
			flagged++
			t.Logf("note %d: %s %v", i, kindName(fs[0].Kind), spanTexts(fs[0]))
		}
	}
	rate := float64(flagged) / float64(len(docs))
	t.Logf("%d/%d notes (%.2f%%) with a conduct finding", flagged, len(docs), 100*rate)
	if rate > 0.01 {
		t.Errorf("conduct findings on %.2f%% of clinical notes", 100*rate)
	}
}
