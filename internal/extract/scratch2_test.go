package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestScratchUK(t *testing.T) {
	ex := newTestExtractor(t)
	f, err := os.Open("/work/wt/spans-uk/internal/eval/testdata/uk-spans-tune.jsonl")
	if err != nil {
		t.Skip()
	}
	types := strings.Split(os.Getenv("TYPES"), ",")
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	var out strings.Builder
	for sc.Scan() {
		var rec struct {
			ID    string
			Text  string
			Spans []struct {
				Start, End int
				Type       string
			}
		}
		json.Unmarshal(sc.Bytes(), &rec)
		ds := ex.Extract(rec.Text, testCtx)
		for _, g := range rec.Spans {
			ok := false
			for _, ty := range types {
				ok = ok || ty == g.Type
			}
			if !ok {
				continue
			}
			hit := false
			for _, d := range ds {
				if d.Start < g.End && g.Start < d.End {
					hit = true
				}
			}
			if !hit {
				lo, hi := max(g.Start-60, 0), min(g.End+40, len(rec.Text))
				fmt.Fprintf(&out, "%s %s %q  <<%s>>\n", rec.ID, g.Type, rec.Text[g.Start:g.End], strings.ReplaceAll(rec.Text[lo:hi], "\n", "⏎"))
			}
		}
		if os.Getenv("FP") != "" {
			for _, d := range ds {
				hit := false
				for _, g := range rec.Spans {
					if d.Start < g.End && g.Start < d.End {
						hit = true
					}
				}
				if !hit && (d.Direct || d.Kind == KindPlace || d.Kind == KindInstitution || d.Kind == KindDate || d.Kind == KindAge) {
					lo, hi := max(d.Start-50, 0), min(d.End+30, len(rec.Text))
					fmt.Fprintf(&out, "FP %s %s %q  <<%s>>\n", rec.ID, d.Kind, rec.Text[d.Start:d.End], strings.ReplaceAll(rec.Text[lo:hi], "\n", "⏎"))
				}
			}
		}
	}
	os.WriteFile("/tmp/uk-miss.txt", []byte(out.String()), 0o644)
}
