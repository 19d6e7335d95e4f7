package conduct_test

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/conduct"
	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/policy"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// With the real extractor's details, as the linker will call the checker: the dev
// scenarios' conduct and benign posts get their expected decision, and MedQuAD texts
// posted in a public forum get a conduct finding at most 1% of the time (the details
// are what PUBLIC_PATIENT_CASE and the policy's patient rules read).

func extractorFor(t testing.TB) *extract.Extractor {
	t.Helper()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatalf("extractor: %v", err)
	}
	return ex
}

func protoDetails(ds []extract.Detail) []*mosaicv1.Detail {
	out := make([]*mosaicv1.Detail, 0, len(ds))
	for _, d := range ds {
		out = append(out, &mosaicv1.Detail{Kind: string(d.Kind), Value: d.Value, Confidence: d.Confidence,
			Subject: mosaicv1.Subject(d.Subject), Negated: d.Negated, Direct: d.Direct, Frequency: d.Frequency,
			Span: &mosaicv1.Span{Start: uint32(d.Start), End: uint32(d.End)}})
	}
	return out
}

func TestDevScenariosWithExtractor(t *testing.T) {
	scenarios := readJSONL[scenario](t, filepath.Join(sharedDir(t), "eval", "scenarios-dev.jsonl"))
	ex := extractorFor(t)
	c := newChecker(t)
	pol := policy.Default()
	for _, s := range scenarios {
		scored := slices.Contains(s.Tags, "benign") ||
			slices.ContainsFunc(s.Tags, func(tag string) bool { return slices.Contains(conductTags, tag) })
		for i, p := range s.Posts {
			au := s.Authors[p.Author]
			r := ex.Read(p.Text, extract.Context{At: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), AuthorRole: au.Role, AuthorLocation: au.Location})
			ds := r.Details
			fs := c.Check(conduct.Post{Body: p.Text, Audience: audienceOf(p.Audience), ForumID: p.Forum,
				AuthorDisplayName: au.DisplayName, AuthorRole: au.Role, AuthorLocation: au.Location, Reading: r})
			v := pol.Decide(&mosaicv1.Assessment{
				Post:     &mosaicv1.Post{PostId: "p", Revision: 1, AuthorId: "a", ForumId: p.Forum, Audience: audienceOf(p.Audience), Body: p.Text},
				Findings: fs, Details: protoDetails(ds)})
			got := "release"
			if v.Decision == mosaicv1.Decision_DECISION_HELD {
				got = "hold"
			}
			var kinds []string
			for _, f := range fs {
				kinds = append(kinds, kindName(f.Kind))
			}
			t.Logf("%s[%d] want=%s got=%s conduct=%v %s", s.ID, i, p.Expect, got, kinds, v.Reason)
			if scored && got != p.Expect {
				t.Errorf("%s[%d]: %s, want %s (%s)", s.ID, i, got, p.Expect, v.Reason)
			}
			if slices.Contains(s.Tags, "benign") && len(fs) > 0 {
				t.Errorf("%s[%d] (benign): conduct findings %v", s.ID, i, kinds)
			}
		}
	}
}

func TestMedQuADPublicWithExtractor(t *testing.T) {
	type doc struct {
		Text string `json:"text"`
	}
	docs := readJSONL[doc](t, filepath.Join(sharedDir(t), "corpora", "medquad", "medquad_sample_1026.jsonl"))
	ex := extractorFor(t)
	c := newChecker(t)
	flagged := 0
	for i, d := range docs {
		r := ex.Read(d.Text, extract.Context{At: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), AuthorRole: "GP"})
		fs := c.Check(conduct.Post{Body: d.Text, Audience: public, ForumID: "health-qa",
			AuthorDisplayName: "Dr Jane Example", AuthorRole: "GP", Reading: r})
		if len(fs) > 0 {
			flagged++
			t.Logf("doc %d: %s %v", i, kindName(fs[0].Kind), spanTexts(fs[0]))
		}
	}
	rate := float64(flagged) / float64(len(docs))
	t.Logf("public, with extractor details: %d/%d texts (%.2f%%) with a conduct finding", flagged, len(docs), 100*rate)
	if rate > 0.01 {
		t.Errorf("conduct findings on %.2f%% of MedQuAD texts, bar is 1%%", 100*rate)
	}
}
