package risk

import (
	"strconv"
	"strings"
)

var ageFolder = strings.NewReplacer("–", "-", "—", "-", " to ", "-", "years", "", "year", "", "yrs", "", "yr", "", "aged", "")

// AgeRange parses an age value or generalisation as the extractor writes them ("34",
// "30-39", "30s", "early 30s", "80+", "older adult", "toddler") into an inclusive range
// of whole years. ok is false when the text is not an age.
func AgeRange(v string) (lo, hi int, ok bool) {
	if n, err := strconv.Atoi(v); err == nil { // the common case: whole years
		return n, n, n >= 0 && n < 120
	}
	s := strings.ToLower(strings.TrimSpace(v))
	if strings.ContainsAny(s, "–—y") || strings.Contains(s, " to ") {
		s = strings.TrimSpace(ageFolder.Replace(s))
	}
	if s == "" {
		return 0, 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, n, n >= 0 && n < 120
	}
	if r, found := ageWords[s]; found {
		return r[0], r[1], true
	}
	return ageNumeric(s)
}

var ageWords = map[string][2]int{
	"newborn": {0, 0}, "neonate": {0, 0}, "baby": {0, 1}, "infant": {0, 1},
	"toddler": {1, 3}, "preschool": {2, 4}, "child": {0, 15}, "children": {0, 15},
	"school age": {5, 15}, "teenager": {13, 19}, "teen": {13, 19}, "teenage": {13, 19},
	"adolescent": {12, 18}, "young person": {13, 24}, "young adult": {18, 29},
	"adult": {18, 110}, "middle-aged": {45, 64}, "middle aged": {45, 64},
	"older adult": {65, 110}, "older person": {65, 110}, "elderly": {75, 110},
	"pensioner": {66, 110}, "working age": {16, 66}, "minor": {0, 17},
}

// ageNumeric parses the numeric forms: "80+", "over 75", "under 5", "early 30s", "30-39".
func ageNumeric(s string) (lo, hi int, ok bool) {
	if strings.HasSuffix(s, "+") {
		if n, err := strconv.Atoi(strings.TrimSuffix(s, "+")); err == nil {
			return n, 110, true
		}
	}
	for _, p := range []string{"over ", "over-", ">"} {
		if rest, found := strings.CutPrefix(s, p); found {
			if n, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil {
				return n + 1, 110, true
			}
		}
	}
	for _, p := range []string{"under ", "under-", "<"} {
		if rest, found := strings.CutPrefix(s, p); found {
			if n, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil && n > 0 {
				return 0, n - 1, true
			}
		}
	}
	// Decades with an optional early/mid/late qualifier.
	qual := ""
	for _, q := range []string{"early", "mid", "late"} {
		if rest, found := strings.CutPrefix(s, q); found {
			qual, s = q, strings.TrimLeft(rest, " -")
			break
		}
	}
	if rest, found := strings.CutSuffix(s, "s"); found {
		rest = strings.TrimSuffix(rest, "'")
		if n, err := strconv.Atoi(rest); err == nil && n%10 == 0 {
			switch qual {
			case "early":
				return n, n + 3, true
			case "mid":
				return n + 3, n + 6, true
			case "late":
				return n + 6, n + 9, true
			}
			return n, n + 9, true
		}
	}
	if a, b, found := strings.Cut(s, "-"); found {
		x, err1 := strconv.Atoi(strings.TrimSpace(a))
		y, err2 := strconv.Atoi(strings.TrimSpace(b))
		if err1 == nil && err2 == nil && x <= y {
			return x, y, true
		}
	}
	return 0, 0, false
}
