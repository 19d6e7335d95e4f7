//go:build replay

package link

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/extract"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// The replay runs the shared scenarios through the real extractor and the ledger with
// the rules of ../shared/eval/FORMAT.md: a held post is discarded, a released one
// published; each scenario starts empty; the decision is hold if the ledger reports a
// finding or a direct identifier about a patient was extracted. It logs the figures and
// every miss; with MOSAIC_REPLAY_STRICT=1 it fails below the bars.
//
//	go test -tags replay -run TestReplay -v ./internal/link/

func sharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("MOSAIC_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("shared material not found at %s: skipping the replay", shared)
	}
	return shared
}

type scenario struct {
	ID      string `json:"id"`
	Authors map[string]struct {
		Role     string `json:"role"`
		Location string `json:"location"`
	} `json:"authors"`
	Posts []struct {
		Author   string   `json:"author"`
		Forum    string   `json:"forum"`
		Audience string   `json:"audience"`
		Thread   string   `json:"thread"`
		At       string   `json:"at"`
		Text     string   `json:"text"`
		ReplyTo  *int     `json:"reply_to"`
		Expect   string   `json:"expect"`
		Findings []string `json:"findings"`
	} `json:"posts"`
}

func readScenarios(t testing.TB, path string) []scenario {
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("scenarios not found: %v", err)
	}
	defer f.Close()
	var out []scenario
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var s scenario
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, s)
	}
	return out
}

func patientDirect(ds []extract.Detail) []extract.Detail {
	var out []extract.Detail
	for _, d := range ds {
		if d.Direct && !d.Negated && (d.Subject == extract.SubjectPatient || d.Subject == extract.SubjectRelative || d.Subject == extract.SubjectUnknown) {
			out = append(out, d)
		}
	}
	return out
}

func TestReplayScenarios(t *testing.T) {
	shared := sharedDir(t)
	file := os.Getenv("MOSAIC_SCENARIOS")
	if file == "" {
		file = filepath.Join(shared, "eval", "scenarios-dev.jsonl")
	}
	scs := readScenarios(t, file)
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l, err := Open(openTestDB(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var holdsExp, holdsGot, relExp, relHeld, scOK, findExp, findGot int
	// Posts held only for conduct (abuse, concerns, boundaries) are the conduct
	// checks' business: the patient-scope figures leave them out.
	var pHoldsExp, pHoldsGot, pScOK, pScenarios int
	for _, s := range scs {
		ok, inScope := true, true
		var ids []string
		for i, p := range s.Posts {
			at, err := time.Parse(time.RFC3339, p.At)
			if err != nil {
				t.Fatalf("%s post %d: %v", s.ID, i, err)
			}
			au := s.Authors[p.Author]
			author := s.ID + "/" + p.Author // each scenario starts empty
			id := fmt.Sprintf("%s/%d", s.ID, i)
			ids = append(ids, id)
			reply := ""
			if p.ReplyTo != nil && *p.ReplyTo < len(ids) {
				reply = ids[*p.ReplyTo]
			}
			aud := mosaicv1.Audience_AUDIENCE_MEMBERS
			if p.Audience == "public" {
				aud = mosaicv1.Audience_AUDIENCE_PUBLIC
			}
			rd := ex.Read(p.Text, extract.Context{At: at, AuthorRole: au.Role, AuthorLocation: au.Location})
			res, err := l.Assess(ctx, Candidate{PostID: id, Revision: 1, AuthorID: author, ForumID: p.Forum, ThreadID: p.Thread,
				ReplyToPostID: reply, Audience: aud, At: at, AuthorRole: au.Role, AuthorLocation: au.Location, Body: p.Text, Reading: rd})
			if err != nil {
				t.Fatal(err)
			}
			direct := patientDirect(ds)
			if dump := os.Getenv("MOSAIC_REPLAY_DUMP"); dump != "" && strings.Contains(","+dump+",", ","+s.ID+",") {
				t.Logf("DUMP %s post %d findings=%d risk=%v", s.ID, i, len(res.Findings), res.Risk)
				for _, f := range res.Findings {
					t.Logf("  FINDING %s: %s SUGGESTION: %s", f.Kind, f.Explanation, f.Suggestion)
				}
				for _, d := range ds {
					t.Logf("    %s=%q subj=%d f=%.2g pop=%.0f conf=%.2f neg=%v text=%q", d.Kind, d.Value, d.Subject, d.Frequency, d.Population, d.Confidence, d.Negated, p.Text[d.Start:d.End])
				}
			}
			hold := len(res.Findings) > 0 || len(direct) > 0
			got := map[string]bool{}
			for _, f := range res.Findings {
				got[strings.TrimPrefix(f.Kind.String(), "FINDING_KIND_")] = true
			}
			if len(direct) > 0 {
				got["DIRECT_IDENTIFIER"] = true
			}
			for _, k := range p.Findings {
				switch k {
				case "DIRECT_IDENTIFIER", "QUASI_IDENTIFIERS", "CUMULATIVE_REIDENTIFICATION":
					findExp++
					if got[k] {
						findGot++
					}
				}
			}
			if res.Risk != nil && len(direct) == 0 {
				t.Logf("K %s/%d expect=%s k=%.3g population=%.0f", s.ID, i, p.Expect, res.Risk.EstimatedMatches, res.Risk.Population)
			}
			conductOnly := p.Expect == "hold" && len(p.Findings) > 0
			for _, k := range p.Findings {
				switch k {
				case "DIRECT_IDENTIFIER", "QUASI_IDENTIFIERS", "CUMULATIVE_REIDENTIFICATION":
					conductOnly = false
				}
			}
			if conductOnly {
				inScope = false
			}
			if p.Expect == "hold" {
				holdsExp++
				if hold {
					holdsGot++
				}
				if !conductOnly {
					pHoldsExp++
					if hold {
						pHoldsGot++
					}
				}
			} else {
				relExp++
				if hold {
					relHeld++
				}
			}
			if hold != (p.Expect == "hold") {
				ok = false
				var why string
				if res.Risk != nil {
					why = fmt.Sprintf("k=%.3g place=%s(%.0f) linked=%v conf=%.2f", res.Risk.EstimatedMatches, res.Risk.PopulationPlace, res.Risk.Population, res.Risk.LinkedPostIds, res.Risk.LinkConfidence)
					for _, f := range res.Risk.Factors {
						why += fmt.Sprintf(" [%s=%s %.1fb]", f.Detail.Kind, f.Detail.Value, f.Bits)
					}
				}
				for _, d := range direct {
					why += fmt.Sprintf(" direct:%s=%q", d.Kind, p.Text[d.Start:d.End])
				}
				t.Logf("MISS %s post %d: expect %s got hold=%v %v; %s", s.ID, i, p.Expect, hold, p.Findings, why)
				if os.Getenv("MOSAIC_REPLAY_DETAILS") != "" {
					for _, d := range ds {
						t.Logf("    %s=%q subj=%d f=%.2g pop=%.0f conf=%.2f neg=%v text=%q", d.Kind, d.Value, d.Subject, d.Frequency, d.Population, d.Confidence, d.Negated, p.Text[d.Start:d.End])
					}
				}
			}
			if hold {
				err = l.Discard(ctx, author, id, 1)
			} else {
				err = l.Publish(ctx, author, id, 1, "")
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if ok {
			scOK++
		}
		if inScope {
			pScenarios++
			if ok {
				pScOK++
			}
		}
	}
	recall := float64(holdsGot) / float64(max(holdsExp, 1))
	fhr := float64(relHeld) / float64(max(relExp, 1))
	acc := float64(scOK) / float64(max(len(scs), 1))
	t.Logf("hold_recall=%.3f (%d/%d) false_hold_rate=%.3f (%d/%d) scenario_accuracy=%.3f (%d/%d) patient_finding_recall=%.3f (%d/%d)",
		recall, holdsGot, holdsExp, fhr, relHeld, relExp, acc, scOK, len(scs), float64(findGot)/float64(max(findExp, 1)), findGot, findExp)
	precall := float64(pHoldsGot) / float64(max(pHoldsExp, 1))
	pacc := float64(pScOK) / float64(max(pScenarios, 1))
	t.Logf("patient scope (conduct-only holds left out): hold_recall=%.3f (%d/%d) scenario_accuracy=%.3f (%d/%d)",
		precall, pHoldsGot, pHoldsExp, pacc, pScOK, pScenarios)
	if os.Getenv("MOSAIC_REPLAY_STRICT") != "" && (precall < 0.95 || fhr > 0.05 || pacc < 0.90) {
		t.Errorf("below the bars: recall %.3f (>= 0.95), false holds %.3f (<= 0.05), accuracy %.3f (>= 0.90)", precall, fhr, pacc)
	}
}

// TestReplayBenign replays the MedQuAD sample as posts by a few GP authors (as the
// gateway's eval --benign does) and reports the share held by this ledger.
func TestReplayBenign(t *testing.T) {
	shared := sharedDir(t)
	f, err := os.Open(filepath.Join(shared, "corpora", "medquad", "medquad_sample_1026.jsonl"))
	if err != nil {
		t.Skipf("medquad not found: %v", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var rec struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Text != "" {
			texts = append(texts, rec.Text)
		}
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l, err := Open(openTestDB(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	const authors = 5
	base := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	held, ledgerHeld := 0, 0
	for i, text := range texts {
		at := base.Add(time.Duration(i) * 37 * time.Minute)
		author := fmt.Sprintf("benign-author-%d", i%authors)
		id := fmt.Sprintf("benign-%d", i)
		rd := ex.Read(text, extract.Context{At: at, AuthorRole: "GP"})
		res, err := l.Assess(ctx, Candidate{PostID: id, Revision: 1, AuthorID: author, ForumID: "benign",
			ThreadID: fmt.Sprintf("benign-thread-%d", i), Audience: mosaicv1.Audience_AUDIENCE_MEMBERS, At: at, AuthorRole: "GP", Body: text, Reading: rd})
		if err != nil {
			t.Fatal(err)
		}
		hold := len(res.Findings) > 0 || len(patientDirect(ds)) > 0
		if len(res.Findings) > 0 {
			ledgerHeld++
			t.Logf("held %d: %s", i+1, res.Findings[0].Explanation)
		}
		if hold {
			held++
			err = l.Discard(ctx, author, id, 1)
		} else {
			err = l.Publish(ctx, author, id, 1, "")
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("medquad: %d texts, held %.2f%% (%d), by the ledger %.2f%% (%d)", len(texts),
		100*float64(held)/float64(len(texts)), held, 100*float64(ledgerHeld)/float64(len(texts)), ledgerHeld)
	if os.Getenv("MOSAIC_REPLAY_STRICT") != "" && float64(ledgerHeld) > 0.01*float64(len(texts)) {
		t.Errorf("ledger held %d of %d benign texts (> 1%%)", ledgerHeld, len(texts))
	}
}
