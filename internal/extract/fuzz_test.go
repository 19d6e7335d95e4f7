package extract

import (
	"strings"
	"testing"
	"time"
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
	"NHS number\x00943 476 5919, 4O1 O23 2l37, O77OO 9OO123, oh seven nine double one treble four five six two",
	"c i a r a, j-a-n-e-t, E-M-1-7-6-4-8-1-A, M-O-4-4-7-1-9-2-3, DOB ٠٥/٠٦/١٩٥٢, O3/O9/196l, 14.ix.1958",
	"sa62 6 qd, S A 6 2 6QD, sa626qd, k.lewis[at]outlook[.]com, gareth underscore jones 82 at yahoo dot co dot uk",
	"@ seren _ bakes, facebook dot com slash gareth.price.1961, RXR-204-7781, UHW no. C2271904, CHI 050752 1117",
	"HOPKINS, Gwyneth - 81F; Bed 4: GH 71M; pt dafydd morgan; Re: Huw Pryce, 88; wee Fraser; Gareth 'the Post' Jenkins; j0hn",
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
		for _, r := range n.text {
			if r != '\t' && r != '\n' && r != '\r' && invisible(r) {
				t.Fatalf("invisible U+%04X left in %q", r, n.text)
			}
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

// FuzzIdentifierValues checks that what the identifier parsers report has the
// shape of its kind whatever the text: ten digits for NHS, CHI and H&C numbers
// (a CHI's first six a day and month), an outward and an inward code for a
// postcode, one "@" and a dotted domain for an e-mail, an international number
// for a phone, a real calendar date for a date of birth.
func FuzzIdentifierValues(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	ex, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, d := range ex.Extract(text, testCtx) {
			v := d.Value
			bad := false
			switch d.Kind {
			case KindNHSNumber, KindHCNumber:
				bad = len(v) != 10 || !isDigitString(v)
			case KindCHINumber:
				bad = len(v) != 10 || !isDigitString(v) || !validDDMMYY(v[:6])
			case KindPostcode:
				sp := strings.IndexByte(v, ' ')
				if sp < 0 {
					bad = true
					break
				}
				_, ok := outwardCode(v[:sp])
				bad = !ok && v[:sp] != "GIR" || !inwardCode(v[sp+1:]) && v[sp+1:] != "0AA"
			case KindEmail:
				at := strings.IndexByte(v, '@')
				bad = at <= 0 || strings.Count(v, "@") != 1 || !strings.Contains(v[at+1:], ".") || strings.ToLower(v) != v
			case KindPhone:
				bad = v == "" || !isDigitString(strings.TrimPrefix(v, "+"))
			case KindDateOfBirth:
				tm, err := time.Parse("2006-01-02", v)
				bad = err != nil || tm.Year() < 1800
			case KindHospitalNo, KindNINumber:
				bad = v == "" || !hasDigit([]byte(v))
			case KindPersonName:
				bad = v == ""
			}
			if bad {
				t.Fatalf("%s value %q from %q", d.Kind, v, text[d.Start:d.End])
			}
		}
	})
}
