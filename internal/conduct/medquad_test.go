package conduct_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mosaicgw/mosaic/internal/conduct"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// TestMedQuADBenign runs the MedQuAD sample (consumer-health Q&A with no patient in it)
// through the checker in both audiences, as a doctor with a real name would post it.
// Bar: a conduct finding on at most 1% of texts.
func TestMedQuADBenign(t *testing.T) {
	type doc struct {
		Text string `json:"text"`
	}
	docs := readJSONL[doc](t, filepath.Join(sharedDir(t), "corpora", "medquad", "medquad_sample_1026.jsonl"))
	c, err := conduct.New(conduct.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, au := range []mosaicv1.Audience{mosaicv1.Audience_AUDIENCE_MEMBERS, mosaicv1.Audience_AUDIENCE_PUBLIC} {
		flagged := 0
		byKind := map[string]int{}
		for i, d := range docs {
			fs := c.Check(conduct.Post{Body: d.Text, Audience: au, ForumID: "health-qa",
				AuthorDisplayName: "Dr Jane Example", AuthorRole: "GP"})
			if len(fs) == 0 {
				continue
			}
			flagged++
			for _, f := range fs {
				byKind[kindName(f.Kind)]++
				var spans []string
				for _, s := range f.Spans {
					spans = append(spans, s.Text)
				}
				t.Logf("%s doc %d: %s %q", au, i, kindName(f.Kind), strings.Join(spans, " | "))
			}
		}
		rate := float64(flagged) / float64(len(docs))
		t.Logf("%s: %d/%d texts (%.2f%%) with a conduct finding %v", au, flagged, len(docs), 100*rate, byKind)
		if rate > 0.01 {
			t.Errorf("%s: conduct findings on %.2f%% of MedQuAD texts, bar is 1%%", au, 100*rate)
		}
	}
}
