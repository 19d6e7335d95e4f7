package extract

import (
	"strings"
	"testing"
)

// A Reading owns its text: reading the next post with the same Extractor (whose scan
// buffers are pooled) leaves the first reading's cues as they were.
func TestReadingOwnsItsStrings(t *testing.T) {
	ex := newTestExtractor(t)
	r := ex.Read("Started nintedanib last month; sodium 118 then 124.", Context{})
	terms, figures := "|"+strings.Join(r.Cues.Terms, ","), "|"+strings.Join(r.Cues.Figures, ",") // copies
	for range 50 {
		ex.Read("Qqqqqqq qqqqqqqqqq qqqq qqqqq", Context{}) // shorter: the buffers are reused
	}
	if terms != "|"+strings.Join(r.Cues.Terms, ",") || figures != "|"+strings.Join(r.Cues.Figures, ",") {
		t.Errorf("cues changed under later reads: terms %v -> %v, figures %v -> %v", terms, r.Cues.Terms, figures, r.Cues.Figures)
	}
}
