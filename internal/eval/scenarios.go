// Package eval measures Mosaic against labelled data: scenario files replayed through
// the real pipeline (../shared/eval/FORMAT.md), span corpora scored against the
// extractor, and benign texts submitted as posts to measure false holds.
package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/notice"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Scenario is one labelled sequence of posts.
type Scenario struct {
	ID      string                   `json:"id"`
	Title   string                   `json:"title"`
	Tags    []string                 `json:"tags"`
	Authors map[string]AuthorProfile `json:"authors"`
	Posts   []ScenarioPost           `json:"posts"`
}

// AuthorProfile is what the platform knows about an author.
type AuthorProfile struct {
	Role        string `json:"role"`
	Location    string `json:"location"`
	DisplayName string `json:"display_name"`
}

// ScenarioPost is one post with the decision a careful moderator would make.
type ScenarioPost struct {
	Author   string    `json:"author"`
	Forum    string    `json:"forum"`
	Audience string    `json:"audience"`
	Thread   string    `json:"thread"`
	At       time.Time `json:"at"`
	Text     string    `json:"text"`
	ReplyTo  *int      `json:"reply_to"`
	Expect   string    `json:"expect"`
	Findings []string  `json:"findings"`
	Why      string    `json:"why"`
}

// ReadScenarios reads and checks a scenario file. A malformed line is an *InputError.
func ReadScenarios(path string) ([]Scenario, error) {
	var out []Scenario
	seen := map[string]bool{}
	err := eachLine(path, func(line []byte) error {
		var s Scenario
		if err := json.Unmarshal(line, &s); err != nil {
			return err
		}
		if err := s.check(seen); err != nil {
			return err
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// eachLine calls fn with every non-blank line of a JSONL file, turning its error into
// an *InputError naming the line.
func eachLine(path string, fn func(line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return &InputError{File: path, Line: n, Err: err}
		}
	}
	if err := sc.Err(); err != nil {
		return &InputError{File: path, Line: n + 1, Err: err}
	}
	return nil
}

func (s *Scenario) check(seen map[string]bool) error {
	if s.ID == "" {
		return fmt.Errorf("scenario without an id")
	}
	if seen[s.ID] {
		return fmt.Errorf("duplicate scenario id %q", s.ID)
	}
	seen[s.ID] = true
	if len(s.Posts) == 0 {
		return fmt.Errorf("scenario %s has no posts", s.ID)
	}
	for i, p := range s.Posts {
		switch {
		case p.Author == "" || p.Forum == "" || p.Text == "":
			return fmt.Errorf("scenario %s post %d: author, forum and text are required", s.ID, i)
		case p.Expect != "hold" && p.Expect != "release":
			return fmt.Errorf("scenario %s post %d: expect must be hold or release, got %q", s.ID, i, p.Expect)
		case p.Audience != "members" && p.Audience != "public":
			return fmt.Errorf("scenario %s post %d: audience must be members or public, got %q", s.ID, i, p.Audience)
		case p.ReplyTo != nil && (*p.ReplyTo < 0 || *p.ReplyTo >= i):
			return fmt.Errorf("scenario %s post %d: reply_to %d is not an earlier post", s.ID, i, *p.ReplyTo)
		case len(s.Authors) > 0 && !hasAuthor(s.Authors, p.Author):
			// A post whose author has no profile would run without one, silently
			// changing what the replay measures.
			return fmt.Errorf("scenario %s post %d: author %q is not in the scenario's authors", s.ID, i, p.Author)
		case p.Thread == "":
			return fmt.Errorf("scenario %s post %d: thread is required", s.ID, i)
		case i > 0 && !p.At.IsZero() && !s.Posts[i-1].At.IsZero() && p.At.Before(s.Posts[i-1].At):
			return fmt.Errorf("scenario %s post %d: at %s is before the previous post's", s.ID, i, p.At.Format(time.RFC3339))
		}
	}
	return nil
}

func hasAuthor(m map[string]AuthorProfile, id string) bool {
	_, ok := m[id]
	return ok
}

// ScenarioReport holds the figures FORMAT.md names.
type ScenarioReport struct {
	Scenarios        int     `json:"scenarios"`
	Posts            int     `json:"posts"`
	HoldRecall       float64 `json:"hold_recall"`
	FalseHoldRate    float64 `json:"false_hold_rate"`
	ScenarioAccuracy float64 `json:"scenario_accuracy"`
	FindingRecall    float64 `json:"finding_recall"`
	ExpectedHolds    int     `json:"expected_holds"`
	Held             int     `json:"held_of_expected"`
	ExpectedReleases int     `json:"expected_releases"`
	FalseHolds       int     `json:"false_holds"`
	Undecided        int     `json:"undecided"`
}

var idUnsafe = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// scoped makes an id unique to a scenario: authors in different scenarios are
// different people even where their ids are equal.
func scoped(scenario, id string) string {
	return idUnsafe.ReplaceAllString(scenario+"_"+id, "-")
}

var audiences = map[string]mosaicv1.Audience{"members": mosaicv1.Audience_AUDIENCE_MEMBERS, "public": mosaicv1.Audience_AUDIENCE_PUBLIC}

// ReplayScenarios submits every post through the gateway, in order, each after the
// decision on the one before, and prints one line per post and a final JSON line.
//
// With explain set, each post's line is followed by what the assessment saw: the
// estimate with its linked posts and the details behind it, and each finding's
// explanation, indented by a tab.
func ReplayScenarios(ctx context.Context, gw mosaicv1.GatewayServiceClient, scs []Scenario, w io.Writer, wait time.Duration, explain bool) (ScenarioReport, error) {
	var r ScenarioReport
	var correctScenarios, expectedFindings, foundFindings int
	for _, s := range scs {
		r.Scenarios++
		allRight := true
		for i, p := range s.Posts {
			r.Posts++
			prof := s.Authors[p.Author]
			post := &mosaicv1.Post{
				PostId:   fmt.Sprintf("%s.p%d", idUnsafe.ReplaceAllString(s.ID, "-"), i),
				Revision: 1,
				AuthorId: scoped(s.ID, p.Author),
				Author:   &mosaicv1.Author{DisplayName: prof.DisplayName, Role: prof.Role, PracticeLocation: prof.Location},
				ForumId:  idUnsafe.ReplaceAllString(p.Forum, "-"),
				Audience: audiences[p.Audience],
				ThreadId: scoped(s.ID, p.Thread),
				Body:     p.Text,
			}
			if !p.At.IsZero() {
				post.CreatedAt = timestamppb.New(p.At)
			}
			if p.ReplyTo != nil {
				post.ReplyToPostId = fmt.Sprintf("%s.p%d", idUnsafe.ReplaceAllString(s.ID, "-"), *p.ReplyTo)
			}
			resp, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: post, Wait: durationpb.New(wait)})
			if err != nil {
				return r, fmt.Errorf("scenario %s post %d: %w", s.ID, i, err)
			}
			st := resp.Status
			got := gotWord(st.Decision)
			ok := (p.Expect == "hold" && got == "hold") || (p.Expect == "release" && got == "release")
			switch p.Expect {
			case "hold":
				r.ExpectedHolds++
				if got == "hold" {
					r.Held++
				}
			case "release":
				r.ExpectedReleases++
				if got == "hold" {
					r.FalseHolds++
				}
			}
			if got == "pending" {
				r.Undecided++
			}
			reported := map[string]bool{}
			for _, f := range st.Findings {
				reported[notice.KindName(f.Kind)] = true
			}
			var missing []string
			for _, want := range p.Findings {
				expectedFindings++
				if reported[want] {
					foundFindings++
				} else {
					missing = append(missing, want)
				}
			}
			if !ok {
				allRight = false
			}
			mark := "ok"
			if !ok {
				mark = "WRONG"
			} else if len(missing) > 0 {
				mark = "ok (missing " + strings.Join(missing, ",") + ")"
			}
			fmt.Fprintf(w, "%s\t#%d\texpect=%s\tgot=%s\tfindings=%s\t%s\n", s.ID, i, p.Expect, got, describeFindings(st), mark)
			if explain {
				explainStatus(w, st)
			}
		}
		if allRight {
			correctScenarios++
		}
	}
	r.HoldRecall = ratio(r.Held, r.ExpectedHolds)
	r.FalseHoldRate = ratio(r.FalseHolds, r.ExpectedReleases)
	r.ScenarioAccuracy = ratio(correctScenarios, r.Scenarios)
	r.FindingRecall = ratio(foundFindings, expectedFindings)
	return r, writeJSON(w, r)
}

// explainStatus writes what a post's assessment rests on, for people tuning the reader
// and the priors.
func explainStatus(w io.Writer, st *mosaicv1.PostStatus) {
	if r := st.GetRisk(); r != nil {
		fmt.Fprintf(w, "\t\tk=%.3g (%.3g-%.3g) of %s in %s; threshold %.3g; linked %v (confidence %.2f)\n",
			r.GetEstimatedMatches(), r.GetEstimatedMatchesLow(), r.GetEstimatedMatchesHigh(), humanCount(r.GetPopulation()), r.GetPopulationPlace(), r.GetThreshold(), r.GetLinkedPostIds(), r.GetLinkConfidence())
		for _, f := range r.GetFactors() {
			d := f.GetDetail()
			fmt.Fprintf(w, "\t\t  %-18s %-28q %5.1f bits  (%s)\n", d.GetKind(), d.GetValue(), f.GetBits(), d.GetSpan().GetText())
		}
		if s := r.GetFixSuggestion(); s != "" {
			fmt.Fprintf(w, "\t\tfix: %s\n", s)
		}
	}
	for _, f := range st.GetFindings() {
		fmt.Fprintf(w, "\t\t%s: %s\n", notice.KindName(f.GetKind()), f.GetExplanation())
	}
}

func humanCount(n float64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.1fM", n/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1fk", n/1e3)
	}
	return fmt.Sprintf("%.0f", n)
}

func gotWord(d mosaicv1.Decision) string {
	switch d {
	case mosaicv1.Decision_DECISION_HELD:
		return "hold"
	case mosaicv1.Decision_DECISION_RELEASED:
		return "release"
	}
	return "pending"
}

func describeFindings(st *mosaicv1.PostStatus) string {
	if len(st.Findings) == 0 {
		return "-"
	}
	var parts []string
	for _, f := range st.Findings {
		parts = append(parts, notice.KindName(f.Kind))
	}
	sort.Strings(parts)
	s := strings.Join(parts, ",")
	if rk := st.GetRisk(); rk != nil && rk.EstimatedMatches > 0 {
		s += fmt.Sprintf(" (k=%.3g)", rk.EstimatedMatches)
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}
