package extract

import (
	"os"
	"testing"
)

func TestDbg(t *testing.T) {
	ex := newTestExtractor(t)
	s := os.Getenv("DBG")
	r := ex.Read(s, Context{})
	t.Logf("frame %s people %+v cues %+v", r.Frame, r.People, r.Cues)
	for _, d := range r.Details {
		t.Logf("%s %q %q subj=%d ref=%d f=%.3g count=%.3g dens=%.3g", d.Kind, s[d.Start:d.End], d.Value, d.Subject, d.Referent, d.Frequency, d.Count, d.Density)
	}
}
