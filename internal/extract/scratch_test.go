package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

func TestScratchCorpus(t *testing.T) {
	ex := newTestExtractor(t)
	f, _ := os.Open("../../../shared/corpora/physionet-deid/notes.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	n := 0
	for sc.Scan() {
		var rec struct{ Text string }
		json.Unmarshal(sc.Bytes(), &rec)
		for _, d := range ex.Extract(rec.Text, testCtx) {
			if d.Kind == Kind(os.Getenv("KIND")) {
				lo, hi := max(d.Start-40, 0), min(d.End+40, len(rec.Text))
				t.Logf("%q  <<%q>> %s", rec.Text[d.Start:d.End], rec.Text[lo:hi], d.Value)
				n++
				if n > 30 {
					return
				}
			}
		}
	}
}
