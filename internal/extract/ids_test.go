package extract

import (
	"testing"
	"unicode"
)

// idCase is a sentence written for these tests and the identifiers it must yield
// (kind, exact original span, value when not empty).
type idCase struct {
	text string
	want []want
}

func runIDCases(t *testing.T, cases []idCase) {
	t.Helper()
	ex := newTestExtractor(t)
	for _, c := range cases {
		ds := ex.Extract(c.text, testCtx)
		for _, w := range c.want {
			w.anySubj = true
			checkWant(t, c.text, ds, w)
		}
	}
}

// runNoIDCases checks that none of texts yields a direct identifier of the kinds
// given (all direct kinds when none are given).
func runNoIDCases(t *testing.T, texts []string, kinds ...Kind) {
	t.Helper()
	ex := newTestExtractor(t)
	for _, text := range texts {
		for _, d := range ex.Extract(text, testCtx) {
			if !d.Direct {
				continue
			}
			bad := len(kinds) == 0
			for _, k := range kinds {
				bad = bad || d.Kind == k
			}
			if bad {
				t.Errorf("%q: unexpected %s %q (value %q)", text, d.Kind, text[d.Start:d.End], d.Value)
			}
		}
	}
}

func TestHiddenCharacters(t *testing.T) {
	runIDCases(t, []idCase{
		{"Her NHS number\x00943 476 5919 is on the form", []want{{kind: KindNHSNumber, span: "943 476 5919", value: "9434765919"}}},
		{"NHS number\u200b9434765919 again", []want{{kind: KindNHSNumber, span: "9434765919", value: "9434765919"}}},
		{"nhs no:\u00859434765919", []want{{kind: KindNHSNumber, span: "9434765919"}}},
		{"NHS number 943\u0007476\u200d5919", []want{{kind: KindNHSNumber, span: "943\u0007476\u200d5919", value: "9434765919"}}},
		{"NHS number 9\u202e43 4\u206676 59\u00ad19", []want{{kind: KindNHSNumber, span: "9\u202e43 4\u206676 59\u00ad19", value: "9434765919"}}},
		{"Saw Mrs Jo\u0000an Ha\u200bll\ufeffiday today", []want{{kind: KindPersonName, span: "Mrs Jo\u0000an Ha\u200bll\ufeffiday", value: "joan halliday"}}},
		{"call\x1f07700 900123 tonight", []want{{kind: KindPhone, span: "07700 900123"}}},
	})
}

// TestInvisibleEverywhere checks every control and format character: each is
// removed between two letters or two digits and read as a space between a letter
// and a digit, and none survives into the normalised text.
func TestInvisibleEverywhere(t *testing.T) {
	var n normalised
	count := 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF || r == '\t' || r == '\n' || r == '\r' || r == 0x85 {
			continue
		}
		if !(r < 0x20 || r >= 0x7f && r <= 0x9f || unicode.Is(unicode.Cf, r)) {
			continue
		}
		count++
		c := string(r)
		for in, want := range map[string]string{"ab" + c + "cd": "abcd", "12" + c + "34": "1234", "ab" + c + "34": "ab 34", "12" + c + c + "cd": "12 cd"} {
			normalise(in, &n, nil)
			if n.text != want {
				t.Fatalf("U+%04X: %q normalised to %q, want %q", r, in, n.text, want)
			}
		}
	}
	if count < 200 {
		t.Fatalf("only %d characters tested", count)
	}
}
