package extract

import (
	"fmt"
	"strconv"
)

// Dates: numeric (12/03/1952, 3-20-2019, 2019-05-21, 7/22), with month names (3rd
// March 1952, March 3, 1952, 7-Jun-2019, March 1952), and written in words (the third
// of March nineteen fifty-two). A full date next to a birth word is a date of birth,
// a direct identifier.

var monthNames = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

var ordinalWords = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}

var numberWords = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

// dateParts is a parsed date; zero fields are unknown.
type dateParts struct {
	y, m, d int
}

func (p dateParts) full() bool { return p.y > 0 && p.m > 0 && p.d > 0 }

func (p dateParts) value() string {
	switch {
	case p.full():
		return fmt.Sprintf("%04d-%02d-%02d", p.y, p.m, p.d)
	case p.y > 0 && p.m > 0:
		return fmt.Sprintf("%04d-%02d", p.y, p.m)
	case p.y > 0:
		return fmt.Sprintf("%04d", p.y)
	case p.d == 0:
		return fmt.Sprintf("--%02d", p.m)
	default:
		return fmt.Sprintf("--%02d-%02d", p.m, p.d)
	}
}

func (p dateParts) generalisations() []string {
	var g []string
	if p.y > 0 && p.m > 0 && p.d > 0 {
		g = append(g, fmt.Sprintf("%04d-%02d", p.y, p.m))
	}
	if p.y > 0 && (p.m > 0 || p.d > 0) {
		g = append(g, strconv.Itoa(p.y))
	}
	if p.y > 0 {
		g = append(g, strconv.Itoa(p.y/10*10)+"s")
	}
	return g
}

func validDay(m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= monthDays[m] }

// looseDay accepts any day up to the 31st: notes carry impossible dates ("2/30")
// that are still dates to a reader.
func looseDay(m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= 31 }

// expandYear turns a two-digit year into four digits relative to the post's century.
func (s *scan) expandYear(y, ndigits int) int {
	if ndigits != 2 {
		return y
	}
	now := s.ctx.At.Year()
	if now < 1950 {
		now = 2026
	}
	c := now / 100 * 100
	if c+y > now+1 {
		return c - 100 + y
	}
	return c + y
}

// numTok returns the integer value of a numeric token and its digit count.
func (s *scan) numTok(i int) (int, int, bool) {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tokNum {
		return 0, 0, false
	}
	w := s.lo(i)
	if len(w) > 4 || !isDigitString(w) {
		return 0, 0, false
	}
	v, _ := strconv.Atoi(w)
	return v, len(w), true
}

// dayTok reads a day: "3", "03", "3rd", "21st", "third".
func (s *scan) dayTok(i int) (int, bool) {
	if i < 0 || i >= len(s.toks) {
		return 0, false
	}
	t := &s.toks[i]
	w := s.lo(i)
	switch t.kind {
	case tokNum:
		if len(w) <= 2 {
			v, _ := strconv.Atoi(w)
			return v, v >= 1 && v <= 31
		}
	case tokAlnum:
		if len(w) >= 3 && len(w) <= 4 {
			suf := w[len(w)-2:]
			if suf == "st" || suf == "nd" || suf == "rd" || suf == "th" {
				v, err := strconv.Atoi(w[:len(w)-2])
				return v, err == nil && v >= 1 && v <= 31
			}
		}
	case tokWord:
		if v, ok := ordinalWords[w]; ok {
			return v, true
		}
		// "twenty-first", "thirty first"
		if (w == "twenty" || w == "thirty") && i+1 < len(s.toks) {
			k := i + 1
			if s.lo2(k) == "-" {
				k++
			}
			if o, ok := ordinalWords[s.lo2(k)]; ok && o < 10 {
				return numberWords[w] + o, true
			}
		}
	}
	return 0, false
}

// dayTokLen is the number of tokens a day read by dayTok spans.
func (s *scan) dayTokLen(i int) int {
	w := s.lo(i)
	if (w == "twenty" || w == "thirty") && i+1 < len(s.toks) {
		if s.lo(i+1) == "-" && i+2 < len(s.toks) {
			return 3
		}
		return 2
	}
	return 1
}

// monthTok reads a month name. "May" and "March" count only capitalised, and the
// three-letter forms only when not followed by a word that makes them something else.
func (s *scan) monthTok(i int) (int, bool) {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tokWord || s.wf[i]&fMonth == 0 {
		return 0, false
	}
	m, ok := monthNames[s.lo(i)]
	if !ok {
		return 0, false
	}
	w := s.lo(i)
	if (w == "may" || w == "march" || w == "mar" || w == "jan" || w == "sep" || w == "dec") && !s.toks[i].cap {
		// Lower case only as part of a full date: "may 4, 2019".
		d, nd, ok := s.numTok(i + 1)
		_, ny, yok := s.numTok(i + 3)
		if !ok || nd > 2 || d < 1 || d > 31 || !s.is(i+2, ",") || !yok || ny != 4 {
			// "in march of 2019", "march 2019"
			_, ny2, ok2 := s.numTok(i + 2)
			_, ny1, ok1 := s.numTok(i + 1)
			if !(s.is(i+1, "of") && ok2 && ny2 == 4) && !(ok1 && ny1 == 4) {
				return 0, false
			}
		}
	}
	return m, true
}

// yearAt reads a year starting at token i: "1948", "'48", "48" (when allowShort), or
// words ("nineteen fifty-two", "two thousand and three"). It returns the year and
// the token after it.
func (s *scan) yearAt(i int, allowShort bool) (int, int, bool) {
	if i >= len(s.toks) {
		return 0, i, false
	}
	if v, nd, ok := s.numTok(i); ok {
		if nd == 4 && v >= 1880 && v <= 2099 {
			return v, i + 1, true
		}
		if nd == 2 && allowShort {
			return s.expandYear(v, 2), i + 1, true
		}
		return 0, i, false
	}
	if s.lo(i) == "'" && i+1 < len(s.toks) && s.toks[i+1].gap == 0 {
		if v, nd, ok := s.numTok(i + 1); ok && nd == 2 {
			return s.expandYear(v, 2), i + 2, true
		}
	}
	// Words.
	w := s.lo(i)
	if w == "nineteen" || w == "eighteen" || w == "twenty" {
		hi := numberWords[w]
		k := i + 1
		lo, k2, ok := s.wordsUnder100(k)
		if ok && lo >= 10 {
			return hi*100 + lo, k2, true
		}
		if ok && lo < 10 && s.is(k, "oh") {
			return hi*100 + lo, k2, true
		}
		if s.is(k, "hundred") {
			return hi * 100, k + 1, true
		}
	}
	if w == "two" && s.is(i+1, "thousand") {
		k := i + 2
		if s.is(k, "and") {
			k++
		}
		if lo, k2, ok := s.wordsUnder100(k); ok {
			return 2000 + lo, k2, true
		}
		return 2000, k, true
	}
	return 0, i, false
}

// wordsUnder100 reads "fifty-two", "fifty two", "oh three", "twelve".
func (s *scan) wordsUnder100(k int) (int, int, bool) {
	if k >= len(s.toks) {
		return 0, k, false
	}
	if s.lo(k) == "oh" || s.lo(k) == "o" {
		if v, ok := numberWords[s.lo2(k+1)]; ok && v < 10 {
			return v, k + 2, true
		}
		return 0, k, false
	}
	v, ok := numberWords[s.lo(k)]
	if !ok {
		return 0, k, false
	}
	k++
	if v >= 20 && v%10 == 0 {
		j := k
		if s.is(j, "-") {
			j++
		}
		if u, ok := numberWords[s.lo2(j)]; ok && u > 0 && u < 10 {
			return v + u, j + 1, true
		}
	}
	return v, k, true
}

// lo2 is lo that tolerates an out-of-range index.
func (s *scan) lo2(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.lo(i)
}

// gapFree reports that tokens i..j-1 are written without spaces between them.
func (s *scan) gapFree(i, j int) bool {
	if j > len(s.toks) {
		return false
	}
	for k := i + 1; k < j; k++ {
		if s.toks[k].gap != 0 {
			return false
		}
	}
	return true
}

func (s *scan) matchDates() {
	for i := s.nextDateStart(0); i < len(s.toks); i = s.nextDateStart(i + 1) {
		if s.used[i] {
			continue
		}
		if k := s.toks[i].kind; k == tokWord && s.wf[i]&(fMonth|fOrdinal|fNumberWord) == 0 || k == tokPunct && s.lo(i) != "'" {
			continue
		}
		if s.toks[i].kind == tokAlnum && !isDigit(s.n.text[s.toks[i].start]) {
			if _, _, la := s.dateNum(i); !la || !s.is(i+1, "/") && !s.is(i+1, ".") && !s.is(i+1, "-") {
				continue
			}
		}
		if p, j, conf := s.dateAt(i); j > i {
			if s.anyUsed(i, j) {
				continue
			}
			s.addDate(p, i, j, conf)
			i = j - 1
		} else if m, ok := s.monthAlone(i); ok {
			s.addDate(dateParts{m: m}, i, i+1, 0.6)
		}
	}
}

// monthAlone reads a month named on its own after a preposition of time: "admitted
// in September", "since sept.", "early Jan". A month narrows a date as a day does,
// less. Lower-case "may", "march" and "mar" are verbs more often than months.
func (s *scan) monthAlone(i int) (int, bool) {
	if s.toks[i].kind != tokWord || s.wf[i]&fMonth == 0 {
		return 0, false
	}
	w := s.lo(i)
	m, ok := monthNames[w]
	if !ok || !s.toks[i].cap && (w == "may" || w == "march" || w == "mar") {
		return 0, false
	}
	switch s.lo2(i - 1) {
	case "in", "during", "since", "until", "till", "by", "early", "late", "mid", "mid-", "last", "next", "this":
	default:
		return 0, false
	}
	// Not a word that happens to be a month: "in August company".
	if n := i + 1; n < len(s.toks) && s.toks[n].nl == 0 && s.toks[n].kind == tokWord && s.toks[n].cap && !s.toks[n].upper && s.properCap(i) {
		return 0, false
	}
	return m, true
}

// dateAt tries to read a date starting at token i and returns the token after it.
func (s *scan) dateAt(i int) (dateParts, int, float64) {
	t := &s.toks[i]
	var p dateParts
	switch t.kind {
	case tokNum, tokAlnum:
		if t.kind == tokAlnum {
			if _, _, la := s.dateNum(i); !la {
				break
			}
		}
		if i > 0 && t.gap == 0 && (s.toks[i-1].kind != tokPunct || s.lo(i-1) == "/" || s.lo(i-1) == "." || s.lo(i-1) == "-" && !(i > 1 && s.toks[i-2].kind == tokWord)) {
			return p, i, 0
		}
		if p, j, c := s.numericDate(i); j > i {
			return p, j, c
		}
	}
	// Day Month [Year]
	if d, ok := s.dayTok(i); ok {
		k := i + s.dayTokLen(i)
		if s.is(k, "-") && s.toks[k].gap == 0 {
			k++
		} else if s.is(k, "of") {
			k++
		}
		m, ok := s.monthTok(k)
		if !ok && s.toks[i].kind != tokNum && k < len(s.toks) && s.toks[k].kind == tokWord && s.wf[k]&fMonth != 0 {
			// After an ordinal a month is a month whatever its case: "ninth of
			// march", "3rd may".
			m, ok = monthNames[s.lo(k)]
		}
		if ok && validDay(m, d) {
			p = dateParts{m: m, d: d}
			k++
			k2 := k
			if s.is(k2, ",") || (s.is(k2, "-") && s.toks[k2].gap == 0) {
				k2++
			}
			if y, k3, ok := s.yearAt(k2, s.is(k2-1, "-")); ok {
				p.y = y
				k = k3
			}
			return p, k, 0.95
		}
	}
	// Month Day[, Year] / Month Year
	if m, ok := s.monthTok(i); ok {
		k := i + 1
		hy := false
		if s.is(k, ".") && s.toks[k].gap == 0 && len(s.lo(i)) <= 4 {
			// "Nov. 2019"
			k++
		}
		if s.is(k, "-") && s.toks[k].gap == 0 {
			k++
			hy = true
		} else if s.is(k, "the") && k+1 < len(s.toks) && s.toks[k+1].kind != tokNum {
			// "July the 4th", "June the fifth".
			if _, ok := s.dayTok(k + 1); ok {
				k++
			}
		}
		if d, ok := s.dayTok(k); ok && validDay(m, d) && !(hy && s.toks[k].kind == tokNum && len(s.lo(k)) == 2 && false) {
			// "May-14" is read as a day in May (Presidio does too).
			p = dateParts{m: m, d: d}
			k2 := k + s.dayTokLen(k)
			k3 := k2
			if s.is(k3, ",") {
				k3++
			}
			if y, k4, ok := s.yearAt(k3, false); ok {
				p.y = y
				k2 = k4
			}
			// "March 3 patients" is not a date: a bare small number after a month
			// followed by a plural noun or "of" is a count.
			if p.y == 0 && s.toks[k].kind == tokNum && k2 < len(s.toks) && s.toks[k2].kind == tokWord && !s.toks[k2].cap {
				if w := s.lo(k2); w == "of" || len(w) > 3 && w[len(w)-1] == 's' {
					return p, i, 0
				}
			}
			return p, k2, 0.9
		}
		if s.is(k, "of") {
			// "March of 1987"
			k++
		}
		if y, k2, ok := s.yearAt(k, hy); ok {
			p = dateParts{m: m, y: y}
			return p, k2, 0.85
		}
	}
	// A day of the month alone, closing its clause: "drawn on the 11th.", "it's the
	// 11th." ("on the 2nd attempt" goes on, so is not read).
	if t.kind == tokAlnum && s.is(i-1, "the") && (s.is(i-2, "on") || s.is(i-2, "s") && s.is(i-3, "'") || s.is(i-2, "since") || s.is(i-2, "until")) {
		if d, ok := s.dayTok(i); ok && (i+1 >= len(s.toks) || s.toks[i+1].nl > 0 || sentencePunct(s.lo(i+1))) {
			return dateParts{d: d}, i + 1, 0.6
		}
	}
	// A year alone: "in 1987", "CABG 1968, 1979", "MI '97".
	if y, end, ok := s.bareYear(i); ok {
		return dateParts{y: y}, end, 0.6
	}
	return p, i, 0
}

// yearUnits are words after a number that make it a quantity, not a year.
var yearUnits = map[string]bool{
	"%": true, "mg": true, "ml": true, "mcg": true, "kg": true, "g": true, "units": true, "u": true,
	"patients": true, "people": true, "cases": true, "cells": true, "calories": true, "kcal": true,
	"deaths": true, "births": true, "children": true, "adults": true, "women": true, "men": true,
	"cc": true, "mls": true, "x": true, "/": true, "-": true, "feet": true, "ft": true, "metres": true,
	"meters": true, "miles": true, "km": true, "steps": true, "words": true, "pounds": true,
	"lbs": true, "hours": true, "hrs": true, "minutes": true, "mins": true, "years": true,
	"participants": true, "subjects": true, "genes": true, "babies": true, "infants": true,
	"times": true, "per": true, "species": true, "new": true, "and": false,
}

// bareYear reads a year standing alone: four digits from 1900 to the post's year
// (plus one), or an apostrophe and two digits ("'92").
func (s *scan) bareYear(i int) (int, int, bool) {
	t := &s.toks[i]
	// "99'" (a year with the apostrophe after it).
	if t.kind == tokNum && len(s.lo(i)) == 2 && s.is(i+1, "'") && s.toks[i+1].gap == 0 && s.tokenEnds(i+1) && (i+2 >= len(s.toks) || s.lo(i+2) != "s") {
		v, _, _ := s.numTok(i)
		return s.expandYear(v, 2), i + 2, true
	}
	if t.kind == tokPunct && s.lo(i) == "'" && i+1 < len(s.toks) && s.toks[i+1].gap == 0 && (t.gap > 0 || i > 0 && s.toks[i-1].kind == tokWord && s.toks[i-1].upper) {
		if v, nd, ok := s.numTok(i + 1); ok && nd == 2 && s.tokenEnds(i+1) {
			return s.expandYear(v, 2), i + 2, true
		}
		return 0, i, false
	}
	// A decade: "in the 1970s", "IN 1970S".
	if t.kind == tokAlnum {
		w := s.lo(i)
		if len(w) == 5 && w[4] == 's' && isDigitString(w[:4]) && w[3] == '0' && (w[:2] == "19" || w[:2] == "20") {
			y := int(w[0]-'0')*1000 + int(w[1]-'0')*100 + int(w[2]-'0')*10
			return y, i + 1, true
		}
		return 0, i, false
	}
	v, nd, ok := s.numTok(i)
	if ok && nd == 2 && s.historyYear(i) {
		return s.expandYear(v, 2), i + 1, true
	}
	if !ok || nd != 4 {
		return 0, i, false
	}
	top := 2030
	if y := s.ctx.At.Year(); y > 1950 {
		top = y + 1
	}
	if v < 1900 || v > top || !s.tokenEnds(i) {
		return 0, i, false
	}
	if i > 0 && s.toks[i].gap == 0 && s.toks[i-1].kind != tokPunct {
		return 0, i, false
	}
	switch s.lo2(i - 1) {
	case "x", "$", "£", "€", "#", "no", "number", "ext", "room", "bed", "page", "pager", "=", "+", "*", "approximately", "about", "over", "under", "than", "nearly", "almost", "around", "some":
		return 0, i, false
	}
	if yearUnits[s.lo2(i+1)] {
		return 0, i, false
	}
	// A 24-hour clock time ("at 2000", "@ 1930", "from 2200 to 0600").
	if v%100 < 60 && v/100 < 25 {
		switch s.lo2(i - 1) {
		case "at", "@", "from", "till", "until", "by", "approx", "aprox", "around", "to", "present", "since", "after", "before", "due", ",", "@@":
			if s.lo2(i-1) != "since" || s.hasWordsAfter(i+1, 2, "hrs", "h", "hours", "to", "until") {
				return 0, i, false
			}
		}
		if s.hasWordsAfter(i+1, 1, "hrs", "h", "hours", "hr") {
			return 0, i, false
		}
	}
	return v, i + 1, true
}

// historyYear reports a two-digit year in a past-history list: straight after a
// condition or procedure ("PMH: CABG 83, Redo CABG 89", "MI 97"), after "in" ("CVA
// in 96") or after another such year ("96 and 02"), closing its list item.
// measureWords are acronyms followed by a measurement, not a year ("EF 60,").
var measureWords = map[string]bool{
	"ef": true, "hr": true, "bp": true, "rr": true, "hct": true, "hgb": true, "wbc": true, "plt": true,
	"inr": true, "bmi": true, "gcs": true, "sat": true, "sats": true, "temp": true, "map": true, "cvp": true,
	"uop": true, "bun": true, "cre": true, "crea": true, "alt": true, "ast": true, "ldh": true, "tsh": true,
	"egfr": true, "acr": true, "psa": true, "fev": true, "fvc": true, "peep": true, "fio": true, "fio2": true,
	"lvef": true, "pap": true, "pcwp": true, "svr": true, "age": true, "wt": true, "ht": true, "bs": true,
}

func (s *scan) historyYear(i int) bool {
	if i < 1 || s.toks[i].gap == 0 || !s.tokenEnds(i) {
		return false
	}
	// "CVA in 96 and 02 left (L) weakness": the second of two years needs no comma.
	chained := s.lo(i-1) == "and" && i >= 2 && s.toks[i-2].kind == tokNum && len(s.lo(i-2)) == 2 && s.historyYear(i-2)
	if n := i + 1; n < len(s.toks) && s.toks[n].nl == 0 && !chained {
		switch s.lo(n) {
		case ",", ";", "and", ".":
			if s.lo(n) == "." && n+1 < len(s.toks) && s.toks[n+1].gap == 0 {
				return false
			}
		default:
			return false
		}
	}
	prev := i - 1
	switch {
	case s.lo(prev) == "in":
	case s.lo(prev) == "and" && prev > 0 && s.toks[prev-1].kind == tokNum && len(s.lo(prev-1)) == 2 && s.historyYear(prev-1):
	case s.toks[prev].kind == tokWord && s.toks[prev].upper && s.wf[prev]&fTermStart != 0:
	case s.toks[prev].kind == tokWord && s.toks[prev].upper && len(s.lo(prev)) >= 3 && len(s.lo(prev)) <= 6 && !measureWords[s.lo(prev)]:
		// "CABG 83, Redo CABG 89": a procedure's acronym and its year.
	default:
		return false
	}
	return s.hasWordsBefore(i, 16, "pmh", "pmhx", "phx", "hx", "history")
}

// numericDate reads 12/03/1948, 3-20-2021, 21.5.21, 2021-05-21, 7/22, 8/87, 5/2021.
func (s *scan) numericDate(i int) (dateParts, int, float64) {
	var p dateParts
	a, na, la := s.dateNum(i)
	if i+2 >= len(s.toks) {
		return p, i, 0
	}
	sep := s.lo(i + 1)
	if sep != "/" && sep != "-" && sep != "." {
		return p, i, 0
	}
	if !s.gapFree(i, i+3) {
		return p, i, 0
	}
	if m, ok := romanMonth(s.lo(i + 2)); ok && na <= 2 && !la && validDay(m, a) && s.is(i+3, sep) && s.gapFree(i, i+5) {
		// "14.ix.1958", "14/IX/58": a Roman month.
		if c, nc, ok := s.numTok(i + 4); ok && (nc == 2 || nc == 4) && s.tokenEnds(i+4) {
			return dateParts{y: s.expandYear(c, nc), m: m, d: a}, i + 5, 0.95
		}
	}
	b, nb, lb := s.dateNum(i + 2)
	if nb == 0 {
		// "7-Jun-2019" is read elsewhere.
		return p, i, 0
	}
	if la || lb {
		// Letters for digits ("O3/O9/196l") only in a whole date with its year.
		c, nc, _ := s.dateNum(i + 4)
		if !s.is(i+3, sep) || !s.gapFree(i, i+5) || nc != 4 || c < 1880 || c > 2099 || !s.tokenEnds(i+4) {
			return p, i, 0
		}
		if validDay(b, a) {
			return dateParts{y: c, m: b, d: a}, i + 5, 0.9
		}
		if validDay(a, b) {
			return dateParts{y: c, m: a, d: b}, i + 5, 0.9
		}
		return p, i, 0
	}
	// ISO date with a time glued on: "2025-06-02T09:15Z" (the day token is "02T09").
	if na == 4 && sep == "-" && nb <= 2 && i+4 < len(s.toks) && s.lo(i+3) == "-" && s.toks[i+3].gap == 0 && s.toks[i+4].gap == 0 && s.toks[i+4].kind == tokAlnum {
		w := s.lo(i + 4)
		if len(w) > 3 && isDigit(w[0]) && isDigit(w[1]) && w[2] == 't' {
			d := int(w[0]-'0')*10 + int(w[1]-'0')
			if validDay(b, d) {
				return dateParts{y: a, m: b, d: d}, s.swallowTime(i + 4), 0.95
			}
		}
	}
	j := i + 3
	// Three parts?
	if j+1 < len(s.toks) && s.lo(j) == sep && s.toks[j].gap == 0 && s.toks[j+1].gap == 0 {
		if c, nc, ok := s.numTok(j + 1); ok && !(nc == 4 && (c < 1880 || c > 2099)) && !(na == 4 && (a < 1880 || a > 2099)) {
			end := j + 2
			if na == 4 && nb <= 2 && nc <= 2 {
				p = dateParts{y: a, m: b, d: c}
			} else if (nc == 2 || nc == 4) && na <= 2 && nb <= 2 {
				y := s.expandYear(c, nc)
				if validDay(b, a) {
					p = dateParts{y: y, m: b, d: a}
				} else if validDay(a, b) {
					p = dateParts{y: y, m: a, d: b}
				}
			}
			if p.m == 0 && na <= 2 && nb <= 2 && (nc == 2 || nc == 4) && looseDay(a, b) {
				// "2/30/17": a slip or a shifted date, but written as a date all the same.
				p = dateParts{y: s.expandYear(c, nc), m: a, d: b}
			} else if p.m == 0 || !validDay(p.m, p.d) {
				return dateParts{}, i, 0
			}
			// Followed by more of the same ("2.4.6.8") is a version or an address.
			if end < len(s.toks) && s.toks[end].gap == 0 && (s.lo(end) == sep) && end+1 < len(s.toks) && s.toks[end+1].kind == tokNum && s.toks[end+1].gap == 0 {
				return dateParts{}, i, 0
			}
			// "14/8/35%" is a ventilator setting.
			if s.is(end, "%") {
				return dateParts{}, i, 0
			}
			// ISO time part glued on: "2025-06-02T09:15Z".
			end = s.swallowTime(end)
			return p, end, 0.95
		}
	}
	if sep != "/" {
		// "5-20" is usually a range, "2.5" a decimal.
		return p, i, 0
	}
	// Not part of a longer ratio: "120/80/60".
	if j < len(s.toks) && s.toks[j].gap == 0 && (s.lo(j) == "/" || s.lo(j) == "." && j+1 < len(s.toks) && s.toks[j+1].gap == 0 && s.toks[j+1].kind == tokNum) {
		return p, i, 0
	}
	// Month/year: 8/87, 5/2021, 05/2021.
	if a >= 1 && a <= 12 && (nb == 4 && b >= 1900 && b <= 2099) {
		return dateParts{y: b, m: a}, j, 0.85
	}
	// Day/month or month/day.
	if na <= 2 && nb <= 2 {
		if s.fractionContext(i, j) && !s.monthDayCue(i, j) {
			return p, i, 0
		}
		// Ventilator settings ("PSV 10/5", "CPAP 5/5") and paired scores ("2/2").
		if a == b && na == 1 && (s.is(i-1, "on") || !s.monthDayCue(i, j)) || s.hasWordsBefore(i, 3, "cpap", "psv", "ps", "peep", "settings", "imv", "simv", "bipap", "mask", "c pap", "setting") || s.hasWordsAfter(j, 2, "%", "fio2", "peep", "ps") {
			return p, i, 0
		}
		if validDay(a, b) {
			p = dateParts{m: a, d: b}
		} else if validDay(b, a) {
			p = dateParts{m: b, d: a}
		} else if a >= 1 && a <= 12 && nb == 2 && b > 31 {
			return dateParts{y: s.expandYear(b, 2), m: a}, j, 0.6
		} else if looseDay(a, b) && s.monthDayCue(i, j) {
			// "at 0545 2/30": no such day, but a date by its place.
			return dateParts{m: a, d: b}, j, 0.6
		} else {
			return p, i, 0
		}
		// Single digits both sides: proper fractions ("1/2", "3/4", "1/8") are
		// fractions unless a date word is close; "9/7", "8/3", "3/9" are dates.
		conf := 0.8
		if na == 1 && nb == 1 {
			if a < b && (b == 2 || b == 3 || b == 4 || b == 5 || b == 8) && !s.monthDayCue(i, j) &&
				!s.hasWordsBefore(i, 3, "on", "since", "from", "until", "till", "by", "dated", "date", "admitted", "seen", "discharged", "dob", "born") {
				return dateParts{}, i, 0
			}
			conf = 0.6
		}
		return p, j, conf
	}
	return p, i, 0
}

// dateNum reads a number token as numTok does, or a token of digits and letters
// that look like them ("O3", "196l"); the third result reports the latter.
func (s *scan) dateNum(i int) (int, int, bool) {
	if v, n, ok := s.numTok(i); ok {
		return v, n, false
	}
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tokAlnum {
		return 0, 0, false
	}
	d, ok := lookalikeString(s.raw(i), 2)
	if !ok || len(d) > 4 {
		return 0, 0, false
	}
	return atoiDigits(d), len(d), true
}

// romanMonth reads a month written in Roman numerals ("iii", "XII").
func romanMonth(w string) (int, bool) {
	switch w {
	case "i":
		return 1, true
	case "ii":
		return 2, true
	case "iii":
		return 3, true
	case "iv":
		return 4, true
	case "v":
		return 5, true
	case "vi":
		return 6, true
	case "vii":
		return 7, true
	case "viii":
		return 8, true
	case "ix":
		return 9, true
	case "x":
		return 10, true
	case "xi":
		return 11, true
	case "xii":
		return 12, true
	}
	return 0, false
}

// fractionContext reports "24/7", "1/2 cup", "3/10 pain", "10/10", "2/52" style uses.
func (s *scan) fractionContext(i, j int) bool {
	a, b := s.lo(i), s.lo(i+2)
	if a == "24" && b == "7" || b == "7" && len(a) == 1 && a < "7" || b == "10" && (len(a) == 1 || a == "10") || b == "52" || b == "12" && (a == "1" || a == "2" || a == "3" || a == "6") {
		return true
	}
	if j < len(s.toks) {
		switch s.lo(j) {
		case "peep", "ps", "psv", "cpap", "fio2",
			"%", "mg", "ml", "mmhg", "cup", "cups", "tsp", "tbsp", "of", "inch", "inches", "weeks", "wks", "days", "months", "hours", "hrs", "score", "power", "strength", "vision", "ratio", "split":
			return true
		}
	}
	if i > 0 {
		switch s.lo(i - 1) {
		case "ps", "psv", "cpap", "peep", "bipap", "settings", "setting", "ipap", "epap", "vent", "simv", "imv", "ac", "pressure", "support",
			"gcs", "bp", "score", "scored", "power", "strength", "vision", "va", "grade", "mrc", "apgar", "visual", "acuity":
			return true
		}
	}
	return false
}

// monthDayCue reports context that makes a day-count or score shape ("3/7", "7/11")
// a calendar date: "on 7/11", "since 3/7", or the second half of a range or choice
// of dates ("6/3 - 6/11", "6/9 or 6/11"). A unit, a score word, "ago" or a course
// after it, or "for"/"x" before it, keep the other reading.
func (s *scan) monthDayCue(i, j int) bool {
	if j < len(s.toks) {
		switch s.lo(j) {
		case "%", "mg", "ml", "mmhg", "cup", "cups", "tsp", "tbsp", "of", "inch", "inches", "weeks", "wks", "days", "months", "hours", "hrs",
			"score", "power", "strength", "vision", "ratio", "split", "ago", "hx", "history", "course", "pain", "dose", "doses", "later", "post", "postop", "prior", "previously", "before", "earlier",
			"bipap", "cpap", "peep", "ps", "psv", "fio2":
			return false
		}
	}
	if s.lo(i) == "24" || s.hasWordsBefore(i, 6, "pain", "score", "scored", "rates", "rated", "rating", "gcs", "power", "strength", "vas", "nrs", "severity", "mood", "anxiety", "sats", "ps", "peep", "cpap") {
		return false
	}
	// "arrive 9/9 @ 1900": a clock time next to it.
	if s.is(j, "@") {
		return true
	}
	if i >= 2 && s.toks[i-1].kind == tokNum && len(s.lo(i-1)) == 4 && (s.is(i-2, "at") || s.is(i-2, "@")) {
		if v, _, ok := s.numTok(i - 1); ok && v%100 < 60 && v/100 < 24 {
			return true
		}
	}
	// Opening a line or a sentence of a note and followed by words ("6/6 IV ABX STOPPED",
	// "5/4 ICU 7P-7A"): a diary entry. Not the UK's day and week counts ("3/7 cough").
	if b := s.lo(i + 2); b != "7" && b != "52" && b != "12" && s.lo(i) != "1" && j < len(s.toks) && (s.toks[j].kind == tokWord || s.toks[j].kind == tokAlnum) && s.toks[j].nl == 0 &&
		(i == 0 || s.toks[i].nl > 0 || sentencePunct(s.lo(i-1)) && s.lo(i-1) != ",") {
		return true
	}
	// "s/p 3/8": status post an event on that day.
	if i >= 3 && s.lo(i-1) == "p" && s.lo(i-2) == "/" && s.lo(i-3) == "s" && s.gapFree(i-3, i-1) {
		return true
	}
	switch s.lo2(i - 1) {
	case "on", "since", "until", "till", "dated", "thru",
		"arrive", "arrived", "arrives", "extubation", "extubated", "intubated", "placed", "inserted", "removed", "discharged":
		return true
	case "-", "or", "to", "and", "&":
		// The other half must itself be a month/day written the same way.
		k := i - 2
		return k >= 2 && s.toks[k].kind == tokNum && s.lo(k-1) == "/" && s.toks[k-2].kind == tokNum && s.gapFree(k-2, k+1) && len(s.lo(k)) <= 2 && len(s.lo(k-2)) <= 2
	}
	return false
}

// swallowTime extends a date over a glued ISO time ("T14:30:00.123+02:00", "Z").
func (s *scan) swallowTime(end int) int {
	if end >= len(s.toks) || s.toks[end].gap != 0 {
		return end
	}
	w := s.lo(end)
	if len(w) == 0 || s.toks[end].kind != tokAlnum || !(w[0] == 't' || len(w) > 3 && w[2] == 't') {
		return end
	}
	k := end
	for k < len(s.toks) && s.toks[k].gap == 0 {
		w := s.lo(k)
		if s.toks[k].kind == tokPunct && w != ":" && w != "." && w != "+" && w != "-" {
			break
		}
		k++
	}
	return k
}

// addDate records a date, as a date of birth when a birth word is near.
func (s *scan) addDate(p dateParts, i, j int, conf float64) {
	kind := KindDate
	dob := s.hasWordsBefore(i, 4, "dob", "d.o.b", "d o b", "birth", "born", "birthday", "b", "bday", "d.o.b.")
	if dob && p.full() {
		kind = KindDateOfBirth
		conf = 0.97
	}
	d := Detail{Kind: kind, Value: p.value(), Generalisations: p.generalisations(), Confidence: conf, Subject: s.subjectAt(i)}
	if dob && !p.full() && p.y > 0 {
		// A year of birth is an age, more or less.
		d.Generalisations = append([]string{"born " + strconv.Itoa(p.y)}, d.Generalisations...)
	}
	s.add(d, i, j)
	if kind == KindDateOfBirth {
		s.claim(i, j)
	}
}
