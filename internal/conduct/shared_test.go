package conduct_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// sharedDir is ../shared beside the repository root (found from the test's working
// directory); tests that need it skip with a clear message when it is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test directory: cannot locate ../shared")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("shared material not found at %s (%v): skipping", shared, err)
	}
	return shared
}

type scenarioAuthor struct {
	Role        string `json:"role"`
	Location    string `json:"location"`
	DisplayName string `json:"display_name"`
}

type scenarioPost struct {
	Author   string   `json:"author"`
	Forum    string   `json:"forum"`
	Audience string   `json:"audience"`
	Text     string   `json:"text"`
	Expect   string   `json:"expect"`
	Findings []string `json:"findings"`
}

type scenario struct {
	ID      string                    `json:"id"`
	Title   string                    `json:"title"`
	Tags    []string                  `json:"tags"`
	Authors map[string]scenarioAuthor `json:"authors"`
	Posts   []scenarioPost            `json:"posts"`
}

func readJSONL[T any](t testing.TB, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("cannot open %s: %v", path, err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
