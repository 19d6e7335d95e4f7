// Command ukspans turns the hand-written, marked-up UK span sources in
// internal/eval/testdata/uk-spans-src into the two span corpora that
// `gateway eval --spans` reads: uk-spans-tune.jsonl (two thirds) and
// uk-spans-holdout.jsonl (one third of each genre; see Build for the split).
//
// Run from the repository root:
//
//	go run ./internal/eval/internal/gen/ukspans            # rewrite the JSONL files
//	go run ./internal/eval/internal/gen/ukspans -check     # fail if they are stale
//
// Source format (one file per genre, any name ending .txt): a text starts with a
// header line "=== GENRE NATION" and runs to the next header; blank lines around it
// are dropped. A labelled span is written {{Type|text}}. \u{XXXX} stands for one code
// point (used for zero-width and other invisible characters). Lines starting with
// "#" before the first header are comments.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Types are the gold labels a text may use.
var Types = map[string]bool{
	"PTName": true, "PTNameInitial": true, "RelativeProxyName": true, "HCPName": true,
	"Location": true, "Hospital": true, "Date": true, "DateYear": true, "DateOfBirth": true,
	"Age": true, "Phone": true, "Email": true, "Postcode": true, "Address": true,
	"NHSNumber": true, "CHINumber": true, "HCNumber": true, "HospitalNumber": true,
	"NINumber": true, "Handle": true, "URL": true, "VehicleReg": true,
}

// Genres are the four kinds of text, in output order.
var Genres = []string{"forum", "clinical", "letter", "disguised"}

// Nations a text may be set in.
var Nations = map[string]bool{"england": true, "scotland": true, "wales": true, "ni": true, "none": true}

// Span is one labelled detail: byte offsets into Text, end exclusive.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Text  string `json:"text"`
}

// Note is one output line.
type Note struct {
	ID     string `json:"id"`
	Genre  string `json:"genre"`
	Text   string `json:"text"`
	Spans  []Span `json:"spans"`
	nation string
	where  string
}

// Parse reads one source file's texts.
func Parse(name string, src []byte) ([]Note, error) {
	var notes []Note
	var cur *Note
	var body []string
	flush := func() error {
		if cur == nil {
			return nil
		}
		raw := strings.Trim(strings.Join(body, "\n"), "\n")
		text, spans, err := unmark(raw)
		if err != nil {
			return fmt.Errorf("%s: %w", cur.where, err)
		}
		if strings.TrimSpace(text) == "" {
			return fmt.Errorf("%s: empty text", cur.where)
		}
		cur.Text, cur.Spans = text, spans
		notes = append(notes, *cur)
		cur, body = nil, nil
		return nil
	}
	for i, line := range strings.Split(string(src), "\n") {
		line = strings.TrimRight(line, " \t\r")
		if strings.HasPrefix(line, "=== ") {
			if err := flush(); err != nil {
				return nil, err
			}
			f := strings.Fields(line[4:])
			where := fmt.Sprintf("%s:%d", name, i+1)
			if len(f) != 2 {
				return nil, fmt.Errorf("%s: header wants GENRE NATION, got %q", where, line)
			}
			if !contains(Genres, f[0]) || !Nations[f[1]] {
				return nil, fmt.Errorf("%s: unknown genre or nation in %q", where, line)
			}
			cur = &Note{Genre: f[0], nation: f[1], where: where}
			continue
		}
		if cur == nil {
			if line != "" && !strings.HasPrefix(line, "#") {
				return nil, fmt.Errorf("%s:%d: text before the first header", name, i+1)
			}
			continue
		}
		body = append(body, line)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return notes, nil
}

// unmark removes {{Type|text}} markup and \u{XXXX} escapes, returning the plain text
// and its spans.
func unmark(raw string) (string, []Span, error) {
	var out strings.Builder
	var spans []Span
	open := -1
	typ := ""
	for i := 0; i < len(raw); {
		switch {
		case strings.HasPrefix(raw[i:], "{{"):
			if open >= 0 {
				return "", nil, fmt.Errorf("nested {{ at %q", snippet(raw, i))
			}
			bar := strings.IndexByte(raw[i:], '|')
			if bar < 0 {
				return "", nil, fmt.Errorf("{{ without | at %q", snippet(raw, i))
			}
			typ = raw[i+2 : i+bar]
			if !Types[typ] {
				return "", nil, fmt.Errorf("unknown type %q at %q", typ, snippet(raw, i))
			}
			open = out.Len()
			i += bar + 1
		case strings.HasPrefix(raw[i:], "}}"):
			if open < 0 {
				return "", nil, fmt.Errorf("}} without {{ at %q", snippet(raw, i))
			}
			s := out.String()[open:]
			if s == "" || strings.TrimSpace(s) != s {
				return "", nil, fmt.Errorf("span %q is empty or has spaces at its ends", s)
			}
			spans = append(spans, Span{Start: open, End: out.Len(), Type: typ, Text: s})
			open = -1
			i += 2
		case strings.HasPrefix(raw[i:], `\u{`):
			end := strings.IndexByte(raw[i:], '}')
			if end < 0 {
				return "", nil, fmt.Errorf("unterminated escape at %q", snippet(raw, i))
			}
			cp, err := strconv.ParseUint(raw[i+3:i+end], 16, 32)
			if err != nil || !utf8.ValidRune(rune(cp)) {
				return "", nil, fmt.Errorf("bad escape at %q", snippet(raw, i))
			}
			out.WriteRune(rune(cp))
			i += end + 1
		default:
			if raw[i] == '|' && open >= 0 {
				return "", nil, fmt.Errorf("| inside a span at %q", snippet(raw, i))
			}
			out.WriteByte(raw[i])
			i++
		}
	}
	if open >= 0 {
		return "", nil, errors.New("unclosed {{")
	}
	return out.String(), spans, nil
}

func snippet(s string, i int) string {
	end := min(len(s), i+40)
	return s[i:end]
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Build parses every .txt file in dir, numbers the texts (genre order, then file
// order) and splits each genre into tune and holdout sets. To keep rare labels and
// label-free texts in both sets, each genre's texts are ordered by their rarest
// label (texts with no label first, then by how few spans of that type the whole
// corpus has), ties in id order, and every third text of that order is holdout.
func Build(dir string) (tune, holdout []Note, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(files)
	byGenre := map[string][]Note{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		notes, err := Parse(filepath.Base(f), b)
		if err != nil {
			return nil, nil, err
		}
		for _, n := range notes {
			byGenre[n.Genre] = append(byGenre[n.Genre], n)
		}
	}
	typeCount := map[string]int{}
	for _, ns := range byGenre {
		for _, n := range ns {
			for _, s := range n.Spans {
				typeCount[s.Type]++
			}
		}
	}
	rarest := func(n Note) int {
		r := 0 // no label: first
		for _, s := range n.Spans {
			if c := typeCount[s.Type]; r == 0 || c < r {
				r = c
			}
		}
		return r
	}
	id := 0
	for _, g := range Genres {
		ns := byGenre[g]
		for i := range ns {
			id++
			ns[i].ID = fmt.Sprintf("uk-%04d", id)
			if ns[i].Spans == nil {
				ns[i].Spans = []Span{}
			}
		}
		order := append([]Note(nil), ns...)
		sort.SliceStable(order, func(a, b int) bool { return rarest(order[a]) < rarest(order[b]) })
		for i, n := range order {
			if i%3 == 2 {
				holdout = append(holdout, n)
			} else {
				tune = append(tune, n)
			}
		}
	}
	byID := func(ns []Note) {
		sort.Slice(ns, func(a, b int) bool { return ns[a].ID < ns[b].ID })
	}
	byID(tune)
	byID(holdout)
	return tune, holdout, nil
}

// Encode writes notes as JSONL, one object per line, without HTML escaping.
func Encode(notes []Note) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, n := range notes {
		if err := enc.Encode(n); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

// Stats writes counts per genre, nation and type.
func Stats(w io.Writer, label string, notes []Note) {
	genre, nation, typ := map[string]int{}, map[string]int{}, map[string]int{}
	spans, empty := 0, 0
	for _, n := range notes {
		genre[n.Genre]++
		nation[n.nation]++
		if len(n.Spans) == 0 {
			empty++
		}
		for _, s := range n.Spans {
			typ[s.Type]++
			spans++
		}
	}
	fmt.Fprintf(w, "%s: %d texts (%d with no span), %d spans\n", label, len(notes), empty, spans)
	for _, m := range []map[string]int{genre, nation, typ} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
		fmt.Fprintf(w, "  %s\n", strings.Join(parts, ", "))
	}
}

func main() {
	src := flag.String("src", "internal/eval/testdata/uk-spans-src", "folder of marked-up sources")
	out := flag.String("out", "internal/eval/testdata", "folder for the JSONL files")
	check := flag.Bool("check", false, "only report whether the JSONL files match the sources")
	flag.Parse()
	tune, holdout, err := Build(*src)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ukspans:", err)
		os.Exit(1)
	}
	Stats(os.Stderr, "all", append(append([]Note{}, tune...), holdout...))
	Stats(os.Stderr, "tune", tune)
	Stats(os.Stderr, "holdout", holdout)
	stale := false
	for _, f := range []struct {
		name  string
		notes []Note
	}{{"uk-spans-tune.jsonl", tune}, {"uk-spans-holdout.jsonl", holdout}} {
		b, err := Encode(f.notes)
		if err != nil {
			fmt.Fprintln(os.Stderr, "ukspans:", err)
			os.Exit(1)
		}
		path := filepath.Join(*out, f.name)
		if *check {
			old, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(old, b) {
				fmt.Fprintf(os.Stderr, "ukspans: %s is stale: rerun without -check\n", path)
				stale = true
			}
			continue
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "ukspans:", err)
			os.Exit(1)
		}
	}
	if stale {
		os.Exit(1)
	}
}
