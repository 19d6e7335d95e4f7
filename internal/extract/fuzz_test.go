package extract

import (
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"NHS no. 943-476-5919, DOB 12/03/1948, LA9 4BT",
	"Ｍｒｓ Ｊａｎｅ Ｄｏｅ ９４３ ４７６ ５９１９",
	"Mr St\u200beven Ark\u200cwright, DOB 1\u20602/0\u200b6/19\u200b71",
	"dob 2 1 / 0 4 / 1 9 4 6 and 9 4 3 4 7 6 5 9 1 9",
	"nine four three four seven six five nine one nine",
	"woman in her early 30s, primary teacher in Keswick, over-75s",
	"call 07700 900123 or +44 (0)20 7946 0958, jo@example.com",
	"\xff\xfe broken utf8 \xc3",
	"St. Mary's Hospital, ward 7, HMP Haverigg, transferred to Quartermain 2",
	"Аlnwick with Cyrillic А, born the third of March nineteen forty-eight",
}

// FuzzNormalise checks that the normaliser never panics and that every byte of its
// output maps back inside the original text, in order.
func FuzzNormalise(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var n normalised
		normalise(text, &n, nil)
		if n.srcStart == nil {
			if n.text != text {
				t.Fatalf("identity map but text changed")
			}
			return
		}
		if len(n.srcStart) != len(n.text) || len(n.srcEnd) != len(n.text) {
			t.Fatalf("map length %d/%d for %d bytes", len(n.srcStart), len(n.srcEnd), len(n.text))
		}
		prev := int32(0)
		for i := range n.srcStart {
			s, e := n.srcStart[i], n.srcEnd[i]
			if s < 0 || e > int32(len(text)) || s >= e || s < prev {
				t.Fatalf("byte %d maps to [%d,%d) (prev %d) in %d bytes", i, s, e, prev, len(text))
			}
			prev = s
		}
	})
}

// FuzzExtract checks that the extractor never panics and returns valid, sorted spans
// inside the text that start and end on character boundaries.
func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	ex, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ds := ex.Extract(text, testCtx)
		last := 0
		for _, d := range ds {
			if d.Start < 0 || d.End > len(text) || d.Start >= d.End {
				t.Fatalf("bad span [%d,%d) in %d bytes: %+v", d.Start, d.End, len(text), d)
			}
			if d.Start < last {
				t.Fatalf("spans not sorted")
			}
			last = d.Start
			if utf8.ValidString(text) && (!utf8.RuneStart(text[d.Start]) || d.End < len(text) && !utf8.RuneStart(text[d.End])) {
				t.Fatalf("span [%d,%d) splits a character", d.Start, d.End)
			}
			if d.Kind == "" {
				t.Fatalf("detail without a kind")
			}
		}
	})
}
