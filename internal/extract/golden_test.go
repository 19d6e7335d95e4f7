package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestGoldenOutput guards refactors that must not change what the extractor finds
// (performance work above all). It runs Extract over the shared dev scenarios and
// corpora and writes a compact dump of every detail to the file named by
// MOSAIC_EXTRACT_GOLDEN when that file does not exist yet, or compares against it
// when it does. Nothing from ../shared is kept in the repository: the golden file
// lives wherever the variable points (e.g. under /tmp), made from the code before
// the change.
func TestGoldenOutput(t *testing.T) {
	path := os.Getenv("MOSAIC_EXTRACT_GOLDEN")
	if path == "" {
		t.Skip("MOSAIC_EXTRACT_GOLDEN not set: no golden file to write or compare")
	}
	shared := filepath.Join("..", "..", "..", "shared")
	files := []string{
		filepath.Join(shared, "eval", "scenarios-dev.jsonl"),
		filepath.Join(shared, "corpora", "medquad", "medquad_sample_1026.jsonl"),
		filepath.Join(shared, "corpora", "physionet-deid", "notes.jsonl"),
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("shared material absent (%v): skipping the golden comparison", err)
		}
	}
	ex := newTestExtractor(t)
	var dump strings.Builder
	h := fnv.New64a()
	emit := func(name string, text string, c Context) {
		fmt.Fprintf(&dump, "# %s\n", name)
		for _, d := range ex.Extract(text, c) {
			fmt.Fprintf(&dump, "%s\t%q\t%q\t%d\t%d\t%g\t%d\t%t\t%g\t%g\t%t\t%t\n",
				d.Kind, d.Value, d.Generalisations, d.Start, d.End, d.Confidence,
				d.Subject, d.Negated, d.Frequency, d.Population, d.Direct, d.Relative)
		}
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
		line := 0
		for sc.Scan() {
			line++
			var rec struct {
				Text  string `json:"text"`
				Posts []struct {
					Text string    `json:"text"`
					At   time.Time `json:"at"`
				} `json:"posts"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatalf("%s:%d: %v", f, line, err)
			}
			if rec.Text != "" {
				emit(fmt.Sprintf("%s:%d", filepath.Base(f), line), rec.Text, testCtx)
			}
			for i, p := range rec.Posts {
				emit(fmt.Sprintf("%s:%d:%d", filepath.Base(f), line, i), p.Text, Context{At: p.At})
			}
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	for i, p := range benchPosts {
		emit(fmt.Sprintf("bench:%d", i), p, Context{At: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)})
	}
	got := dump.String()
	h.Write([]byte(got))
	t.Logf("golden dump %d bytes, fnv64a %016x", len(got), h.Sum64())
	want, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote golden %s", path)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if string(want) == got {
		return
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			t.Fatalf("output differs from golden %s at line %d:\nwant %s\ngot  %s", path, i+1, w, g)
		}
	}
}
