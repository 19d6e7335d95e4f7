package eval

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

// TestUKSpanCorporaLoad scores the project's UK span corpora (testdata/uk-spans-*.jsonl)
// the way `gateway eval --spans` does: every line must load, and every gold span must be
// counted.
func TestUKSpanCorporaLoad(t *testing.T) {
	ex := newExtractor(t)
	for name, notes := range map[string]int{"testdata/uk-spans-tune.jsonl": 280, "testdata/uk-spans-holdout.jsonl": 140} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		rep, err := ScoreSpans(context.Background(), bytes.NewReader(b), ex, &out)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rep.Notes != notes {
			t.Errorf("%s: %d notes, want %d", name, rep.Notes, notes)
		}
		if want := strings.Count(string(b), `"type":`); rep.Gold != want {
			t.Errorf("%s: %d gold spans scored, file has %d", name, rep.Gold, want)
		}
		if rep.Found == 0 || rep.Detections == 0 {
			t.Errorf("%s: nothing found (%d) or detected (%d)", name, rep.Found, rep.Detections)
		}
	}
}
