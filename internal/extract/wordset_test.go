package extract

import (
	"strings"
	"testing"
)

// TestWordSetsMatchMaps checks that commonWord and isName, answered by word sets,
// agree with the maps they stand for, on every listed word and on near misses.
func TestWordSetsMatchMaps(t *testing.T) {
	ex := newTestExtractor(t)
	lex := ex.lex
	// The lexicon drops its surname map once the sets are built: read the file again.
	surnames := map[string]bool{}
	if err := eachLine("data/surnames.tsv", func(f []string) error { surnames[f[0]] = true; return nil }); err != nil {
		t.Fatal(err)
	}
	check := func(w string) {
		t.Helper()
		_, first := lex.firstNames[w]
		sur := surnames[w]
		if got := lex.surnameSet.has(w); got != sur {
			t.Fatalf("surnameSet.has(%q) = %v, file says %v", w, got, sur)
		}
		if got, want := lex.commonWord(w), lex.common[w]; got != want {
			t.Fatalf("commonWord(%q) = %v, map says %v", w, got, want)
		}
		if got, want := lex.isName(w), first || sur; got != want {
			t.Fatalf("isName(%q) = %v, maps say %v", w, got, want)
		}
	}
	n := 0
	for _, m := range []map[string]bool{lex.common} {
		for w := range m {
			check(w)
			check(w + "x")
			check(strings.ToUpper(w))
			n++
		}
	}
	for w := range lex.firstNames {
		check(w)
		check(w[:len(w)-1])
		n++
	}
	for w := range surnames {
		check(w)
		check("x" + w)
		n++
	}
	for _, w := range []string{"", "a", "the", "zzzzqqq", strings.Repeat("a", 300)} {
		check(w)
	}
	if n < 1000 {
		t.Fatalf("only %d listed words: the lists did not load", n)
	}
}

func TestWordSetLongAndEmpty(t *testing.T) {
	long := strings.Repeat("b", 300)
	ws := newWordSet([]string{"", long, "ab", "ab"})
	for w, want := range map[string]bool{"": true, long: true, "ab": true, "a": false, "b": false, long + "b": false} {
		if got := ws.has(w); got != want {
			t.Errorf("has(%q) = %v, want %v", w[:min(len(w), 10)], got, want)
		}
	}
}
