package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	srcDir  = "../../../testdata/uk-spans-src"
	dataDir = "../../../testdata"
)

// TestCommittedFilesMatchSources fails when a source was edited without regenerating
// the JSONL files (or the other way round).
func TestCommittedFilesMatchSources(t *testing.T) {
	tune, holdout, err := Build(srcDir)
	if err != nil {
		t.Fatal(err)
	}
	for name, notes := range map[string][]Note{"uk-spans-tune.jsonl": tune, "uk-spans-holdout.jsonl": holdout} {
		want, err := Encode(notes)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dataDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go run ./internal/eval/internal/gen/ukspans from the repository root", name)
		}
	}
}

// TestCommittedFilesAreSound reads the JSONL files as the scorer does and checks every
// span against the bytes of its text, the label set, ids and the genre split.
func TestCommittedFilesAreSound(t *testing.T) {
	ids := map[string]bool{}
	genres := map[string][2]int{}
	for i, name := range []string{"uk-spans-tune.jsonl", "uk-spans-holdout.jsonl"} {
		f, err := os.Open(filepath.Join(dataDir, name))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		line := 0
		for sc.Scan() {
			line++
			var n Note
			if err := json.Unmarshal(sc.Bytes(), &n); err != nil {
				t.Fatalf("%s:%d: %v", name, line, err)
			}
			if ids[n.ID] || !strings.HasPrefix(n.ID, "uk-") {
				t.Errorf("%s:%d: bad or repeated id %q", name, line, n.ID)
			}
			ids[n.ID] = true
			g := genres[n.Genre]
			g[i]++
			genres[n.Genre] = g
			if strings.Contains(n.Text, "{{") || strings.Contains(n.Text, "}}") || strings.Contains(n.Text, `\u{`) {
				t.Errorf("%s %s: markup left in the text", name, n.ID)
			}
			end := 0
			for _, s := range n.Spans {
				if !Types[s.Type] {
					t.Errorf("%s %s: unknown type %q", name, n.ID, s.Type)
				}
				if s.Start < end || s.End <= s.Start || s.End > len(n.Text) {
					t.Errorf("%s %s: span [%d,%d) out of order or outside the text", name, n.ID, s.Start, s.End)
					continue
				}
				if n.Text[s.Start:s.End] != s.Text {
					t.Errorf("%s %s: span [%d,%d) is %q, labelled %q", name, n.ID, s.Start, s.End, n.Text[s.Start:s.End], s.Text)
				}
				end = s.End
			}
		}
		f.Close()
	}
	if len(ids) != 420 {
		t.Errorf("%d texts, want 420", len(ids))
	}
	for _, g := range Genres {
		if n := genres[g]; n[0] != 70 || n[1] != 35 {
			t.Errorf("genre %s: %d tune, %d holdout; want 70 and 35", g, n[0], n[1])
		}
	}
}

func TestUnmark(t *testing.T) {
	text, spans, err := unmark(`Mr {{PTName|Hughes}} of {{Location|Bala}}, tel {{Phone|0\u{200B}7700}}.`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Mr Hughes of Bala, tel 0\u200b7700."; text != want {
		t.Fatalf("text %q, want %q", text, want)
	}
	if len(spans) != 3 || spans[0] != (Span{3, 9, "PTName", "Hughes"}) || spans[1] != (Span{13, 17, "Location", "Bala"}) ||
		spans[2].Text != "0\u200b7700" || spans[2].End-spans[2].Start != 8 {
		t.Fatalf("spans %+v", spans)
	}
	for _, bad := range []string{
		"{{PTName|open", "close}}", "{{Nope|x}}", "{{PTName|a {{PTName|b}} c}}", "{{PTName| padded }}",
		"{{PTName|}}", `{{Phone|\u{zz}}}`, "{{PTName", "{{PTName|a|b}}",
	} {
		if _, _, err := unmark(bad); err == nil {
			t.Errorf("unmark(%q) gave no error", bad)
		}
	}
}

func TestParseHeaders(t *testing.T) {
	notes, err := Parse("x.txt", []byte("# comment\n\n=== forum wales\nfirst\n\nline\n\n=== letter ni\n{{Hospital|Mater}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 2 || notes[0].Text != "first\n\nline" || notes[1].Genre != "letter" || notes[1].Spans[0].Text != "Mater" {
		t.Fatalf("notes %+v", notes)
	}
	for _, bad := range []string{"text before\n=== forum wales\nx\n", "=== blog wales\nx\n", "=== forum\nx\n", "=== forum wales\n\n"} {
		if _, err := Parse("x.txt", []byte(bad)); err == nil {
			t.Errorf("Parse(%q) gave no error", bad)
		}
	}
}
