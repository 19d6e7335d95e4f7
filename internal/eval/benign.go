package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/notice"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// ReadTexts reads a JSONL file of objects with a "text" field.
func ReadTexts(path string) ([]string, error) {
	var out []string
	err := eachLine(path, func(line []byte) error {
		var rec struct {
			Text *string `json:"text"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			return err
		}
		if rec.Text == nil {
			return fmt.Errorf(`no "text" field`)
		}
		out = append(out, *rec.Text)
		return nil
	})
	return out, err
}

// BenignReport is the false-alarm figures on texts about no patient.
type BenignReport struct {
	Texts int `json:"texts"`
	// Flagged: any finding at all (advisories included).
	Flagged     float64 `json:"flagged"`
	PatientRisk float64 `json:"patient_detail_flagged"`
	Held        float64 `json:"held"`
	Undecided   int     `json:"undecided"`
	// ByKind counts texts with each finding kind.
	ByKind  map[string]int `json:"by_kind"`
	Authors int            `json:"authors"`
}

var patientKinds = map[mosaicv1.FindingKind]bool{
	mosaicv1.FindingKind_FINDING_KIND_DIRECT_IDENTIFIER:           true,
	mosaicv1.FindingKind_FINDING_KIND_QUASI_IDENTIFIERS:           true,
	mosaicv1.FindingKind_FINDING_KIND_CUMULATIVE_REIDENTIFICATION: true,
}

// ReplayBenign submits each text as a post, spread over a few authors so that
// cumulative linking runs across many generic posts, and reports how many were
// flagged and held. Each text gets one line on w (decision, kinds, spans), then one
// JSON line of the figures.
func ReplayBenign(ctx context.Context, gw mosaicv1.GatewayServiceClient, texts []string, authors int, w io.Writer, wait time.Duration) (BenignReport, error) {
	if authors < 1 {
		authors = 1
	}
	r := BenignReport{Texts: len(texts), ByKind: map[string]int{}, Authors: authors}
	var flagged, patient, held int
	base := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for i, text := range texts {
		post := &mosaicv1.Post{
			PostId:    fmt.Sprintf("benign-%d", i),
			Revision:  1,
			AuthorId:  fmt.Sprintf("benign-author-%d", i%authors),
			Author:    &mosaicv1.Author{Role: "GP"},
			ForumId:   "benign",
			Audience:  mosaicv1.Audience_AUDIENCE_MEMBERS,
			ThreadId:  fmt.Sprintf("benign-thread-%d", i),
			CreatedAt: timestamppb.New(base.Add(time.Duration(i) * 37 * time.Minute)),
			Body:      text,
		}
		resp, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: post, Wait: durationpb.New(wait)})
		if err != nil {
			return r, fmt.Errorf("text %d: %w", i+1, err)
		}
		st := resp.Status
		kinds := map[string]bool{}
		isPatient := false
		for _, f := range st.Findings {
			kinds[notice.KindName(f.Kind)] = true
			isPatient = isPatient || patientKinds[f.Kind]
		}
		for k := range kinds {
			r.ByKind[k]++
		}
		if len(st.Findings) > 0 {
			flagged++
		}
		if isPatient {
			patient++
		}
		switch st.Decision {
		case mosaicv1.Decision_DECISION_HELD:
			held++
		case mosaicv1.Decision_DECISION_PENDING:
			r.Undecided++
		}
		names := make([]string, 0, len(kinds))
		for k := range kinds {
			names = append(names, k)
		}
		sort.Strings(names)
		if len(names) == 0 {
			names = []string{"-"}
		}
		// One line per text: the decision, the kinds found, and the spans behind them.
		fmt.Fprintf(w, "%s\ttext %d\t%s\t%s\n", gotWord(st.Decision), i+1, strings.Join(names, ","), spansOf(st))
	}
	r.Flagged = ratio(flagged, len(texts))
	r.PatientRisk = ratio(patient, len(texts))
	r.Held = ratio(held, len(texts))
	return r, writeJSON(w, r)
}

func spansOf(st *mosaicv1.PostStatus) string {
	var parts []string
	for _, f := range st.Findings {
		for _, s := range f.Spans {
			parts = append(parts, fmt.Sprintf("%s=%q", s.DetailKind, s.Text))
			if len(parts) >= 6 {
				return strings.Join(parts, " ")
			}
		}
	}
	return strings.Join(parts, " ")
}
