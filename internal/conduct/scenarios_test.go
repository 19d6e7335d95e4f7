package conduct_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mosaicgw/mosaic/internal/conduct"
	"github.com/mosaicgw/mosaic/internal/policy"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

var conductTags = []string{"guidance", "abusive", "conflict-of-interest", "raising-concern", "boundary-advice", "declared-interest"}

var conductKinds = map[string]bool{
	"CONFLICT_OF_INTEREST": true, "ABUSIVE_COMMENT": true, "RAISING_CONCERN": true,
	"BOUNDARY": true, "IDENTITY": true, "PUBLIC_PATIENT_CASE": true,
}

func audienceOf(s string) mosaicv1.Audience {
	if s == "public" {
		return mosaicv1.Audience_AUDIENCE_PUBLIC
	}
	return mosaicv1.Audience_AUDIENCE_MEMBERS
}

func kindName(k mosaicv1.FindingKind) string {
	return strings.TrimPrefix(k.String(), "FINDING_KIND_")
}

// TestDevScenarios runs every post of the dev scenarios through the conduct checker
// (without extractor details, which the linker adds) and prints per-post results.
// It enforces the bars: every conduct case gets its expected conduct finding
// and no benign scenario gets any conduct finding. The decision half of the bar is
// checked with the policy engine in TestDevScenariosDecisions.
func TestDevScenarios(t *testing.T) {
	path := filepath.Join(sharedDir(t), "eval", "scenarios-dev.jsonl")
	scenarios := readJSONL[scenario](t, path)
	c, err := conduct.New(conduct.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var expected, found, benignFlagged, benignPosts, otherFlagged int
	for _, s := range scenarios {
		isConduct := slices.ContainsFunc(s.Tags, func(tag string) bool { return slices.Contains(conductTags, tag) })
		isBenign := slices.Contains(s.Tags, "benign")
		for i, p := range s.Posts {
			au := s.Authors[p.Author]
			fs := c.Check(conduct.Post{Body: p.Text, Audience: audienceOf(p.Audience), ForumID: p.Forum,
				AuthorDisplayName: au.DisplayName, AuthorRole: au.Role})
			var got []string
			for _, f := range fs {
				got = append(got, kindName(f.Kind)+"/"+strings.TrimPrefix(f.Severity.String(), "SEVERITY_"))
			}
			var want []string
			for _, k := range p.Findings {
				if conductKinds[k] {
					want = append(want, k)
				}
			}
			status := "ok"
			for _, k := range want {
				expected++
				if slices.ContainsFunc(fs, func(f *mosaicv1.Finding) bool { return kindName(f.Kind) == k }) {
					found++
				} else {
					status = "MISS " + k
					t.Errorf("%s[%d]: expected conduct finding %s, got %v", s.ID, i, k, got)
				}
			}
			if isBenign {
				benignPosts++
				if len(fs) > 0 {
					benignFlagged++
					status = "BENIGN FLAGGED"
					t.Errorf("%s[%d] (benign): unexpected conduct findings %v", s.ID, i, got)
				}
			} else if len(want) == 0 && len(fs) > 0 {
				otherFlagged++
				status = "extra"
			}
			t.Logf("%-8s %s[%d] conduct=%-5v %-7s want=%v got=%v", status, s.ID, i, isConduct, p.Expect, want, got)
		}
	}
	t.Logf("conduct finding recall %d/%d; benign posts flagged %d/%d; other posts with extra conduct findings %d",
		found, expected, benignFlagged, benignPosts, otherFlagged)
	if expected == 0 {
		t.Fatal("no conduct findings expected in the dev scenarios: wrong file?")
	}
}

// TestDevScenariosDecisions runs the conduct findings of every dev scenario post through
// the default policy and checks the decision of every conduct case. Posts whose holds
// come from patient identification (the linker's findings, absent here) are printed but
// not scored; benign posts must be released.
func TestDevScenariosDecisions(t *testing.T) {
	path := filepath.Join(sharedDir(t), "eval", "scenarios-dev.jsonl")
	scenarios := readJSONL[scenario](t, path)
	c, err := conduct.New(conduct.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pol := policy.Default()
	var scored, correct int
	for _, s := range scenarios {
		isConduct := slices.ContainsFunc(s.Tags, func(tag string) bool { return slices.Contains(conductTags, tag) })
		isBenign := slices.Contains(s.Tags, "benign")
		for i, p := range s.Posts {
			au := s.Authors[p.Author]
			fs := c.Check(conduct.Post{Body: p.Text, Audience: audienceOf(p.Audience), ForumID: p.Forum,
				AuthorDisplayName: au.DisplayName, AuthorRole: au.Role})
			a := &mosaicv1.Assessment{
				Post: &mosaicv1.Post{PostId: fmt.Sprintf("%s-%d", s.ID, i), Revision: 1, AuthorId: p.Author,
					ForumId: p.Forum, Audience: audienceOf(p.Audience), Body: p.Text,
					Author: &mosaicv1.Author{DisplayName: au.DisplayName, Role: au.Role, PracticeLocation: au.Location}},
				Findings: fs,
			}
			v := pol.Decide(a)
			got := "release"
			if v.Decision == mosaicv1.Decision_DECISION_HELD {
				got = "hold"
			}
			status := "unscored"
			if isConduct || isBenign {
				scored++
				if got == p.Expect {
					correct++
					status = "ok"
				} else {
					status = "WRONG"
					t.Errorf("%s[%d]: decision %s, want %s (%s)", s.ID, i, got, p.Expect, v.Reason)
				}
			}
			t.Logf("%-8s %s[%d] want=%-7s got=%-7s %s", status, s.ID, i, p.Expect, got, v.Reason)
		}
	}
	t.Logf("conduct and benign posts decided as expected: %d/%d (policy %s)", correct, scored, pol.Version())
}
