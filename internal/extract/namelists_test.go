package extract

import (
	"strings"
	"testing"
)

// The first-name and surname lists come from UK sources (see data/SOURCES.md and
// internal/gen/names.go). These tests read the embedded lists through the real
// loader and extractor.

// TestFirstNamesUK checks names of Scotland, Wales, Northern Ireland and UK
// communities that a list of US registrations lacked, with their sex.
func TestFirstNamesUK(t *testing.T) {
	lex := newTestExtractor(t).lex
	for _, c := range []struct {
		name   string
		female bool
	}{
		{"morag", true}, {"eluned", true}, {"siobhan", true}, {"aoife", true},
		{"caoimhe", true}, {"gwenllian", true}, {"ffion", true}, {"seren", true},
		{"mairead", true}, {"eilidh", true}, {"catriona", true}, {"sian", true},
		{"rhodri", false}, {"iolo", false}, {"ruaraidh", false}, {"dafydd", false},
		{"hamish", false}, {"huw", false}, {"eoin", false}, {"gethin", false},
		{"mohammed", false}, {"fatima", true}, {"zofia", true}, {"jakub", false},
		{"krzysztof", false}, {"priya", true}, {"sunita", true},
	} {
		fi, ok := lex.firstNames[c.name]
		if !ok {
			t.Errorf("%s: not a listed first name", c.name)
			continue
		}
		if fi.share < 1e-6 || fi.share > 0.05 {
			t.Errorf("%s: share %g, want a share of people between 1e-6 and 0.05", c.name, fi.share)
		}
		if c.female && fi.female < 0.9 || !c.female && fi.female > 0.1 {
			t.Errorf("%s: share female %.3f, want it %s", c.name, fi.female, map[bool]string{true: "above 0.9", false: "below 0.1"}[c.female])
		}
	}
}

// TestFirstNamesOlderPeople checks that names mostly borne by older people keep
// realistic shares: the model weights birth years by who is alive now, so a name of
// the 1930s-50s outweighs one first given in the 2000s.
func TestFirstNamesOlderPeople(t *testing.T) {
	lex := newTestExtractor(t).lex
	share := func(n string) float64 {
		fi, ok := lex.firstNames[n]
		if !ok {
			t.Fatalf("%s: not a listed first name", n)
		}
		return fi.share
	}
	for n, lo := range map[string]float64{"margaret": 3e-3, "doreen": 4e-4, "hamish": 5e-5} {
		if s := share(n); s < lo {
			t.Errorf("%s: share %g, want at least %g", n, s, lo)
		}
	}
	// Eilidh, a Scottish name of recent decades, stays rarer than Margaret.
	if share("eilidh") >= share("margaret") {
		t.Errorf("eilidh %g >= margaret %g", share("eilidh"), share("margaret"))
	}
}

// TestNameListsAndWords checks the common-word rule: no surname is an ordinary word,
// a first name that is a word stays flagged by the common-word list, and rare UK
// registrations that are words (Blue, Wing, Bliss) are not first names.
func TestNameListsAndWords(t *testing.T) {
	lex := newTestExtractor(t).lex
	n := 0
	err := eachLine("data/surnames.tsv", func(f []string) error {
		n++
		if lex.commonWord(f[0]) {
			t.Errorf("surname %q is an ordinary word", f[0])
		}
		return nil
	})
	if err != nil || n < 100_000 {
		t.Fatalf("surnames.tsv: %d rows, err %v", n, err)
	}
	for _, w := range []string{"rose", "will", "mark", "grace"} {
		if _, ok := lex.firstNames[w]; !ok || !lex.commonWord(w) {
			t.Errorf("%s: want a first name flagged as a common word", w)
		}
	}
	for _, w := range []string{"blue", "wing", "bliss"} {
		if _, ok := lex.firstNames[w]; ok {
			t.Errorf("%s: a rare word-name should not be a first name", w)
		}
	}
}

// TestSurnameShares checks the ONS surname shares: commonest surnames, including
// those of UK communities, carry real shares rather than the flat 1e-5 of a surname
// the UK table lacks.
func TestSurnameShares(t *testing.T) {
	shares := map[string]float64{}
	if err := eachLine("data/surnames.tsv", func(f []string) error {
		shares[f[0]] = parseFloat(f[1])
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for n, lo := range map[string]float64{"jones": 5e-3, "williams": 4e-3, "patel": 1e-3, "khan": 8e-4, "campbell": 1e-3, "murphy": 1e-3} {
		if shares[n] < lo {
			t.Errorf("%s: share %g, want at least %g", n, shares[n], lo)
		}
	}
	if s := shares["jones"]; s <= shares["patel"] || shares["patel"] <= shares["nowak"] {
		t.Errorf("want jones > patel > nowak, got %g, %g, %g", s, shares["patel"], shares["nowak"])
	}
}

// TestUKNamesRead checks the extractor reads UK names that the lists now carry:
// a surname-first reference with a Gaelic or Welsh first name, a name after a
// preposition, and a name's share of people for the risk estimate.
func TestUKNamesRead(t *testing.T) {
	ex := newTestExtractor(t)
	for _, c := range []struct {
		text, want string
		freq       bool // want the detail's Frequency set
	}{
		{"Patient MACLEOD, Ruaraidh in Stornoway. Can someone call me?", "Ruaraidh", false},
		{"Patient PRYCE, Dafydd in Aberystwyth. Can someone call me?", "Dafydd", false},
		{"Discussed with Eluned on the phone.", "Eluned", false},
		{"Thanks all.\n\nEilidh Hynd, DSN", "Eilidh Hynd", true},
		{"Thanks all.\n\nFfion Hynd, DSN", "Ffion Hynd", true},
		{"Catriona Kowalczyk, 52, referred by her GP.", "Catriona Kowalczyk", true},
	} {
		ds := find(ex.Extract(c.text, testCtx), KindPersonName)
		var got *Detail
		for i, d := range ds {
			if strings.Contains(c.text[d.Start:d.End], c.want) {
				got = &ds[i]
			}
		}
		if got == nil {
			t.Errorf("%q: no person name covering %q\n%s", c.text, c.want, dump(c.text, ds))
			continue
		}
		if c.freq && (got.Frequency <= 0 || got.Frequency > 0.05) {
			t.Errorf("%q: %q has frequency %g, want the first name's share", c.text, c.want, got.Frequency)
		}
	}
}

// A common surname with a drug's ending ("-ide", "-one") is still a surname after a
// first name; a rare word with that ending after a first name is not made a name.
func TestDrugEndingSurnames(t *testing.T) {
	ex := newTestExtractor(t)
	for _, text := range []string{"quick q - nora mcbride, 70s, on apixaban", "dennis malone has copd and a cough"} {
		if len(find(ex.Extract(text, testCtx), KindPersonName)) == 0 {
			t.Errorf("%q: no name", text)
		}
	}
	if ds := find(ex.Extract("will amlodipine help her bp", testCtx), KindPersonName); len(ds) > 0 {
		t.Errorf("a drug read as a surname: %+v", ds)
	}
}
