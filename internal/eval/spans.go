package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/mosaicgw/mosaic/internal/extract"
)

// SpanReport is the extractor's score on a gold span corpus (PhysioNet deid format),
// with overlap scoring as in the deid package: a gold span is found when any counted
// detection overlaps it; a detection is correct when it overlaps any gold span.
type SpanReport struct {
	Notes      int     `json:"notes"`
	Gold       int     `json:"gold_spans"`
	Found      int     `json:"gold_found"`
	Detections int     `json:"detections"`
	Correct    int     `json:"detections_correct"`
	Recall     float64 `json:"recall"`
	Precision  float64 `json:"precision"`
	// ByGoldType is recall per gold label; ByKind is precision per detail kind.
	ByGoldType map[string]TypeRecall    `json:"recall_by_type"`
	ByKind     map[string]KindPrecision `json:"precision_by_kind"`
}

// TypeRecall is recall for one gold label.
type TypeRecall struct {
	Gold   int     `json:"gold"`
	Found  int     `json:"found"`
	Recall float64 `json:"recall"`
}

// KindPrecision is precision for one detail kind.
type KindPrecision struct {
	Detections int     `json:"detections"`
	Correct    int     `json:"correct"`
	Precision  float64 `json:"precision"`
}

type spanNote struct {
	Patient json.RawMessage `json:"patient"`
	Note    json.RawMessage `json:"note"`
	Text    *string         `json:"text"`
	Spans   []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Type  string `json:"type"`
	} `json:"spans"`
}

// Counted reports whether a detail is of a kind a de-identification corpus labels:
// names, dates, places and institutions, contact details, identifiers, and ages over
// 89 (HIPAA's threshold). Sex, conditions, occupations and younger ages are not
// labelled there, so counting them would only measure the corpus's scope.
func Counted(d extract.Detail) bool {
	if d.Relative {
		return false
	}
	switch d.Kind {
	case extract.KindPersonName, extract.KindDate, extract.KindDateOfBirth, extract.KindPlace,
		extract.KindPostcode, extract.KindPostcodeDistrict, extract.KindInstitution, extract.KindAddress,
		extract.KindPhone, extract.KindEmail, extract.KindURL, extract.KindSocialHandle,
		extract.KindNHSNumber, extract.KindCHINumber, extract.KindHCNumber, extract.KindHospitalNo,
		extract.KindNINumber, extract.KindVehicleReg:
		return true
	case extract.KindAge:
		lo := d.Value
		if i := strings.IndexByte(lo, '-'); i > 0 {
			lo = lo[:i]
		}
		a, err := strconv.Atoi(lo)
		return err == nil && a > 89
	}
	return false
}

// ScoreSpans reads a JSONL span corpus from r, runs ex over each note, writes one line
// per note (its line number, patient and note ids when given, gold spans found,
// detections correct, and the gold spans missed and detections with no gold span),
// then a per-type table, and ends with one JSON line of the figures. A malformed line
// returns an *InputError.
func ScoreSpans(ctx context.Context, r io.Reader, ex *extract.Extractor, w io.Writer) (SpanReport, error) {
	name := "input"
	if f, ok := r.(*os.File); ok {
		name = f.Name()
	}
	rep := SpanReport{ByGoldType: map[string]TypeRecall{}, ByKind: map[string]KindPrecision{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var n spanNote
		if err := json.Unmarshal(sc.Bytes(), &n); err != nil {
			return rep, &InputError{File: name, Line: line, Err: err}
		}
		if n.Text == nil {
			return rep, &InputError{File: name, Line: line, Err: errors.New(`no "text" field`)}
		}
		text := *n.Text
		for _, g := range n.Spans {
			if g.Start < 0 || g.End > len(text) || g.Start >= g.End {
				return rep, &InputError{File: name, Line: line, Err: fmt.Errorf("span [%d,%d) outside the text (%d bytes)", g.Start, g.End, len(text))}
			}
		}
		rep.Notes++
		var dets []extract.Detail
		for _, d := range ex.Extract(text, extract.Context{}) {
			if Counted(d) {
				dets = append(dets, d)
			}
		}
		var noteFound, noteCorrect int
		var missed, extra []string
		for _, g := range n.Spans {
			tr := rep.ByGoldType[g.Type]
			tr.Gold++
			rep.Gold++
			found := false
			for _, d := range dets {
				if d.Start < g.End && g.Start < d.End {
					found = true
					break
				}
			}
			if found {
				tr.Found++
				rep.Found++
				noteFound++
			} else {
				missed = append(missed, fmt.Sprintf("%s=%q", g.Type, text[g.Start:g.End]))
			}
			rep.ByGoldType[g.Type] = tr
		}
		for _, d := range dets {
			kp := rep.ByKind[string(d.Kind)]
			kp.Detections++
			rep.Detections++
			correct := false
			for _, g := range n.Spans {
				if d.Start < g.End && g.Start < d.End {
					correct = true
					break
				}
			}
			if correct {
				kp.Correct++
				rep.Correct++
				noteCorrect++
			} else {
				extra = append(extra, fmt.Sprintf("%s=%q", d.Kind, text[d.Start:d.End]))
			}
			rep.ByKind[string(d.Kind)] = kp
		}
		writeNoteLine(w, line, n, len(n.Spans), noteFound, len(dets), noteCorrect, missed, extra)
	}
	if err := sc.Err(); err != nil {
		return rep, &InputError{File: name, Line: line + 1, Err: err}
	}
	rep.Recall = ratio(rep.Found, rep.Gold)
	rep.Precision = ratio(rep.Correct, rep.Detections)
	for k, v := range rep.ByGoldType {
		v.Recall = ratio(v.Found, v.Gold)
		rep.ByGoldType[k] = v
	}
	for k, v := range rep.ByKind {
		v.Precision = ratio(v.Correct, v.Detections)
		rep.ByKind[k] = v
	}
	if err := writeSpanTable(w, rep); err != nil {
		return rep, err
	}
	return rep, nil
}

// writeNoteLine is one note's line: "line 12  note 1/3  gold 2/3 found  detections
// 2/2 correct  missed: ...  extra: ...".
func writeNoteLine(w io.Writer, line int, n spanNote, gold, found, dets, correct int, missed, extra []string) {
	id := ""
	if len(n.Patient) > 0 || len(n.Note) > 0 {
		id = fmt.Sprintf("\tnote %s/%s", rawOr(n.Patient), rawOr(n.Note))
	}
	fmt.Fprintf(w, "line %d%s\tgold %d/%d found\tdetections %d/%d correct", line, id, found, gold, correct, dets)
	if len(missed) > 0 {
		fmt.Fprintf(w, "\tmissed: %s", strings.Join(missed, " "))
	}
	if len(extra) > 0 {
		fmt.Fprintf(w, "\textra: %s", strings.Join(extra, " "))
	}
	fmt.Fprintln(w)
}

func rawOr(m json.RawMessage) string {
	if len(m) == 0 {
		return "-"
	}
	return strings.Trim(string(m), `"`)
}

func writeSpanTable(w io.Writer, rep SpanReport) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "gold type\tgold\tfound\trecall")
	for _, k := range spanSortedKeys(rep.ByGoldType) {
		v := rep.ByGoldType[k]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\n", k, v.Gold, v.Found, v.Recall)
	}
	fmt.Fprintln(tw, "\t\t\t")
	fmt.Fprintln(tw, "detected kind\tdetections\tcorrect\tprecision")
	for _, k := range spanSortedKeys(rep.ByKind) {
		v := rep.ByKind[k]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\n", k, v.Detections, v.Correct, v.Precision)
	}
	fmt.Fprintf(tw, "overall\trecall %.3f (%d/%d)\tprecision %.3f (%d/%d)\t\n", rep.Recall, rep.Found, rep.Gold, rep.Precision, rep.Correct, rep.Detections)
	if err := tw.Flush(); err != nil {
		return err
	}
	b, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

func spanSortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
