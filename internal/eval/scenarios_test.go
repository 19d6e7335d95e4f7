package eval

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadScenariosRejectsInconsistentInput checks that a scenario the replay could not
// run as written is an input error naming its line, not a silent change of meaning.
func TestReadScenariosRejectsInconsistentInput(t *testing.T) {
	good := `{"id":"s1","authors":{"a":{"role":"GP","location":"Kendal"}},"posts":[` +
		`{"author":"a","forum":"f","audience":"members","thread":"t","at":"2026-01-01T10:00:00Z","text":"x","expect":"release"}]}`
	cases := map[string]struct {
		line, want string
	}{
		"author missing from authors": {
			`{"id":"s2","authors":{"a":{"role":"GP"}},"posts":[{"author":"b","forum":"f","audience":"members","thread":"t","text":"x","expect":"release"}]}`,
			`author "b" is not in the scenario's authors`},
		"reply to a later post": {
			`{"id":"s3","posts":[{"author":"a","forum":"f","audience":"members","thread":"t","text":"x","expect":"release","reply_to":1},` +
				`{"author":"a","forum":"f","audience":"members","thread":"t","text":"y","expect":"release"}]}`,
			"reply_to 1 is not an earlier post"},
		"posts out of time order": {
			`{"id":"s4","posts":[{"author":"a","forum":"f","audience":"members","thread":"t","at":"2026-02-01T10:00:00Z","text":"x","expect":"release"},` +
				`{"author":"a","forum":"f","audience":"members","thread":"t","at":"2026-01-01T10:00:00Z","text":"y","expect":"release"}]}`,
			"is before the previous post's"},
		"no thread": {
			`{"id":"s5","posts":[{"author":"a","forum":"f","audience":"members","text":"x","expect":"release"}]}`,
			"thread is required"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "s.jsonl")
			if err := os.WriteFile(path, []byte(good+"\n"+c.line+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := ReadScenarios(path)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, want an *InputError", err)
			}
			if ie.Line != 2 || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %q (line %d), want line 2 and %q", err, ie.Line, c.want)
			}
		})
	}
	path := filepath.Join(t.TempDir(), "ok.jsonl")
	if err := os.WriteFile(path, []byte(good+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadScenarios(path); err != nil {
		t.Fatalf("a consistent scenario was rejected: %v", err)
	}
}
