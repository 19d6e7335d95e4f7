package extract

import (
	"strings"
	"unsafe"

	"github.com/mosaicgw/mosaic/internal/lexis"
)

// Digit-shaped identifiers (NHS, CHI and H&C numbers, phone numbers) are matched by
// hand over "digit units": runs of digits and spelled-out digit words, joined across
// the spaces, dashes, dots, brackets and line breaks people put inside numbers.

// digitUnit is one token contributing digits.
type digitUnit struct {
	tok    int    // token index
	digits string // the digits it contributes
	word   bool   // a spelled-out digit ("seven", "double four", "nine hundred")
	// lookalike marks digits read from letters that look like them ("6l2": a
	// letter O for a zero, l or I for a one).
	lookalike bool
	ntoks     int // tokens consumed ("double four" is two)
}

var digitWords = map[string]byte{
	"zero": '0', "oh": '0', "nought": '0', "nil": '0', "o": '0',
	"one": '1', "two": '2', "three": '3', "four": '4', "five": '5',
	"six": '6', "seven": '7', "eight": '8', "nine": '9',
}

// tensWords are the spoken two-digit numbers read inside a spelled-out number
// ("double seven, forty-six"): the teens whole, the tens with an optional unit.
var tensWords = map[string]string{
	"ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
	"fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
	"twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7",
	"eighty": "8", "ninety": "9",
}

// buildUnits turns tokens into digit units. A spelled-out digit only counts inside a
// run of several, so "one or two" is not a number.
func (s *scan) buildUnits() {
	s.units = s.units[:0]
	for i := s.nextFlagOrNumeric(0, fNumberWord); i < len(s.toks); i = s.nextFlagOrNumeric(i+1, fNumberWord) {
		t := &s.toks[i]
		switch t.kind {
		case tokNum:
			if w := s.lo(i); isDigitString(w) {
				// (A number token may carry combining marks, which are no digits.)
				s.units = append(s.units, digitUnit{tok: i, digits: w, ntoks: 1})
			}
		case tokAlnum:
			if d, ok := s.lookalikeDigits(i); ok {
				s.units = append(s.units, digitUnit{tok: i, digits: d, lookalike: true, ntoks: 1})
			}
		case tokWord:
			if s.wf[i]&fNumberWord == 0 {
				continue
			}
			w := s.lo(i)
			mult := 0
			switch w {
			case "double":
				mult = 2
			case "triple", "treble":
				mult = 3
			case "hundred":
				// "nine hundred": the digit before it and two zeros.
				if n := len(s.units); n > 0 {
					if u := &s.units[n-1]; u.word && len(u.digits) == 1 && u.tok+u.ntoks == i {
						u.digits = hundreds[u.digits[0]-'0']
						u.ntoks++
					}
				}
				continue
			}
			if mult > 0 && i+1 < len(s.toks) {
				if d, ok := digitWords[s.lo(i+1)]; ok {
					s.units = append(s.units, digitUnit{tok: i, digits: repeated[mult-2][d-'0'], word: true, ntoks: 2})
					i++
				}
				continue
			}
			if d, ok := digitWords[w]; ok {
				s.units = append(s.units, digitUnit{tok: i, digits: digitStrings[d-'0'], word: true, ntoks: 1})
				continue
			}
			if tw, ok := tensWords[w]; ok {
				if len(tw) == 2 {
					s.units = append(s.units, digitUnit{tok: i, digits: tw, word: true, ntoks: 1})
					continue
				}
				// "forty-six", "forty six", "forty".
				k := i + 1
				if s.is(k, "-") && s.toks[k].gap == 0 {
					k++
				}
				if k < len(s.toks) && s.toks[k].nl == 0 {
					if d, ok := digitWords[s.lo(k)]; ok && d != '0' && s.lo(k) != "o" {
						s.units = append(s.units, digitUnit{tok: i, digits: tensUnits[tw[0]-'0'][d-'0'], word: true, ntoks: k + 1 - i})
						i = k
						continue
					}
				}
				s.units = append(s.units, digitUnit{tok: i, digits: tensUnits[tw[0]-'0'][0], word: true, ntoks: 1})
			}
		}
	}
}

// lookalikeDigits reads a letters-and-digits token of three characters or more
// whose letters all look like digits (O or o for 0; l or I for 1) and that has a
// real digit, as the number it imitates: "6l2", "O7911", "9OO12l". "O2", "B12" and "7K21B05" are
// left alone.
func (s *scan) lookalikeDigits(i int) (string, bool) {
	return lookalikeString(s.raw(i), 3)
}

// lookalikeString is lookalikeDigits for a token's text of at least minLen bytes.
func lookalikeString(raw string, minLen int) (string, bool) {
	if len(raw) < minLen || len(raw) > 12 {
		return "", false
	}
	digits := 0
	for k := 0; k < len(raw); k++ {
		switch c := raw[k]; {
		case isDigit(c):
			digits++
		case c == 'O' || c == 'o' || c == 'l' || c == 'I':
		default:
			return "", false
		}
	}
	if digits < 1 || digits == len(raw) {
		return "", false
	}
	var buf [12]byte
	for k := 0; k < len(raw); k++ {
		switch c := raw[k]; c {
		case 'O', 'o':
			buf[k] = '0'
		case 'l', 'I':
			buf[k] = '1'
		default:
			buf[k] = c
		}
	}
	return string(buf[:len(raw)]), true
}

var digitStrings = [10]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

// Spoken forms' digits, made once: "double four" (repeated[0][4] = "44"), "treble
// oh" (repeated[1][0] = "000"), "nine hundred" (hundreds[9] = "900"), "forty-six"
// (tensUnits[4][6] = "46").
var repeated, hundreds, tensUnits = func() (r [2][10]string, h [10]string, t [10][10]string) {
	for d := range 10 {
		c := string(rune('0' + d))
		r[0][d], r[1][d], h[d] = c+c, c+c+c, c+"00"
		for u := range 10 {
			t[d][u] = c + string(rune('0'+u))
		}
	}
	return
}()

// joined reports whether units a and b (a before b) belong to the same number: only
// separator characters lie between them, and not too many.
func (s *scan) joined(a, b *digitUnit) bool {
	if b.tok != a.tok+a.ntoks {
		// Only punctuation tokens may sit between.
		for k := a.tok + a.ntoks; k < b.tok; k++ {
			if s.toks[k].kind != tokPunct {
				return false
			}
		}
	}
	endA := int(s.toks[a.tok+a.ntoks-1].end)
	startB := int(s.toks[b.tok].start)
	gap := s.n.text[endA:startB]
	if len(gap) > 5 {
		return false
	}
	seps := 0
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case ' ', '\t', '\r', '\n':
		case '-', '.', '(', ')', '/', '_':
			seps++
		case ',':
			if !a.word && !b.word {
				return false
			}
		default:
			return false
		}
	}
	return seps <= 2
}

// matchDigits finds NHS, CHI and H&C numbers and phone numbers.
func (s *scan) matchDigits() {
	s.buildUnits()
	u := s.units
	// The digits are gathered in the scanner's buffer (s.dbuf) and handed to
	// classifyDigits as a view, not a copy: addRange clones a value that keeps it
	// (see own). A buffer outgrown is left as it is, never written again.
	if cap(s.dbuf) < 32 {
		s.dbuf = make([]byte, 0, 32)
	}
	for a := 0; a < len(u); a++ {
		if s.used[u[a].tok] {
			continue
		}
		// A number glued to letters before it ("ABC1234567890") is a code, not ours.
		if s.toks[u[a].tok].gap == 0 && u[a].tok > 0 && s.toks[u[a].tok-1].kind == tokAlnum {
			continue
		}
		digits := s.dbuf[:0]
		words := 0
		best := -1
		var bestKind Kind
		var bestVal string
		var bestConf float64
		for b := a; b < len(u); b++ {
			if b > a && !s.joined(&u[b-1], &u[b]) {
				break
			}
			digits = append(digits, u[b].digits...)
			if u[b].word {
				words++
			}
			if len(digits) > 14 {
				break
			}
			// Spelled-out digits need several words to be a deliberate number.
			if words > 0 && words < 4 {
				continue
			}
			if cap(digits) != cap(s.dbuf) {
				s.dbuf = digits[:0]
			}
			if k, v, conf := s.classifyDigits(unsafe.String(unsafe.SliceData(digits), len(digits)), a, b); k != "" {
				best, bestKind, bestVal, bestConf = b, k, v, conf
			}
		}
		if best < 0 {
			continue
		}
		last := u[best].tok + u[best].ntoks
		// Reject when the number continues with more digits right after (a longer
		// number we do not know), unless separated by a clear break.
		if best+1 < len(u) && s.joined(&u[best], &u[best+1]) && u[best+1].tok == last && s.toks[last].gap == 0 {
			continue
		}
		first := u[a].tok
		// Include a leading "+" for international phone numbers.
		if bestKind == KindPhone && first > 0 && s.lo(first-1) == "+" {
			first--
		}
		if bestKind == KindPhone {
			last = s.phoneExtension(last)
		}
		d := Detail{Kind: bestKind, Value: bestVal, Confidence: bestConf, Subject: s.subjectAt(u[a].tok)}
		if bestKind == KindPhone && s.organisationPhone(u[a].tok, bestVal) {
			// A helpline or an institute's switchboard identifies no patient.
			d.Subject = SubjectPublicFigure
		}
		s.add(d, first, last)
		s.claim(first, last)
		a = best
	}
}

// classifyDigits decides what a run of digits from unit a to unit b is.
func (s *scan) classifyDigits(d string, a, b int) (Kind, string, float64) {
	first := s.units[a].tok
	n := len(d)
	if n == 10 {
		valid := mod11(d)
		nhsCtx := s.hasWordsBefore(first, 8, nhsLabels...)
		if valid && nhsCtx {
			return KindNHSNumber, d, 0.98
		}
		chiCtx := s.hasWordsBefore(first, 16, "chi")
		chiShape := s.shape64(a, b)
		if valid && (chiCtx || chiShape) && validDDMMYY(d[:6]) {
			return KindCHINumber, d, 0.97
		}
		hcCtx := s.hasWordsBefore(first, 8, hcLabels...)
		if valid && hcCtx && hcRange(d) {
			return KindHCNumber, d, 0.97
		}
		// A well-formed number introduced as the patient's ("Patient 450 557 7104",
		// "pt ref 4505577104") is an NHS number in all but name.
		if valid && s.hasWordsBefore(first, 3, "patient", "patient's", "pt", "pt's", "ref", "id", "number", "no") && (s.shape334(a, b) || b == a) && !s.strongPhoneContext(first) {
			return KindNHSNumber, d, 0.8
		}
		// Printed 3-3-4 with a valid check digit and no phone word: UK phone numbers
		// are never grouped that way, NHS numbers always are.
		if valid && s.shape334(a, b) && !s.strongPhoneContext(first) && !nhsCtx && !chiCtx && !hcCtx && !s.is(first-1, "(") && !s.organisationPhone(first, "") {
			return KindNHSNumber, d, 0.75
		}
		// Ten digits in one block with a valid check digit, not starting with 0: UK
		// telephone numbers all start with 0 (or +44), so among a doctor's numbers
		// this is an NHS number, whatever the sentence calls it ("ICE keeps
		// filing 4505577104 under the wrong practice"). Reference numbers of other
		// kinds say so.
		// Ten digits read out in words with a valid check digit, not starting with
		// 0: a phone number read out starts with "oh"; this is an NHS number.
		spoken := true
		for u := a; u <= b; u++ {
			spoken = spoken && s.units[u].word
		}
		if valid && spoken && d[0] != '0' && !s.strongPhoneContext(first) && !s.organisationPhone(first, "") {
			return KindNHSNumber, d, 0.75
		}
		last := s.units[b].tok
		countOf := last+1 < len(s.toks) && s.toks[last+1].kind == tokWord && lexis.IsNoun(lexis.Lemma(s.lo(last+1), lexis.Noun)) && !lexis.IsVerb(lexis.Lemma(s.lo(last+1), lexis.Verb))
		if valid && b == a && d[0] != '0' && !countOf && !s.strongPhoneContext(first) && !s.organisationPhone(first, "") &&
			!s.hasWordsBefore(first, 4, "order", "batch", "lot", "invoice", "account", "tracking", "serial", "isbn", "reference", "yellow card", "mhra", "case no", "incident", "datix") {
			return KindNHSNumber, d, 0.7
		}
		// A number labelled as the patient's identifier right before it is one
		// even when its check digit fails: a slip of one digit still points at
		// the patient, and a reader takes it as meant. Only the identifier's own
		// shapes count (3-3-4, 6-4 for CHI, one block, or spoken), and not a
		// number of the service's ("NHS 24 on 0800 ...").
		if !valid && s.idShape(a, b) {
			switch {
			case s.hasWordsBefore(first, 4, hcLabels...) && hcRange(d):
				return KindHCNumber, d, 0.7
			case validDDMMYY(d[:6]) && (s.hasWordsBefore(first, 4, "chi") || chiShape && chiCtx):
				// (Written 6-4, a date and four digits, the label may stand further
				// back: "the CHI on the letter was wrong, it should be 120456 1234".)
				return KindCHINumber, d, 0.7
			case d[0] != '0' && s.hasWordsBefore(first, 4, nhsLabels...) && !s.hasWordsBefore(first, 4, "nhs 111", "nhs 24", "nhs direct"):
				return KindNHSNumber, d, 0.7
			}
		}
		if nhsCtx || chiCtx || hcCtx {
			// An identifier context with a failing check digit: a typo or a made-up
			// number, and certainly not a phone number.
			return "", "", 0
		}
		if valid && s.hasWordsBefore(first, 6, "hospital number", "hospital no", "mrn", "unit number", "patient number", "patient id", "pt id", "case number", "rxn") {
			return KindHospitalNo, d, 0.8
		}
	}
	if s.units[a].lookalike || s.units[b].lookalike || a+1 < b && s.anyLookalike(a, b) {
		// Letters for digits make a phone number only: nothing else above held.
		if k, v, c := s.classifyPhone(d, a, b); k == KindPhone && d[0] == '0' {
			return k, v, c
		}
		return "", "", 0
	}
	if k, v, c := s.classifyPhone(d, a, b); k != "" {
		return k, v, c
	}
	if n >= 4 && n <= 8 && b > a {
		if p, ok := s.spacedBirthDate(d, a, b); ok {
			return KindDateOfBirth, p.value(), 0.9
		}
	}
	return "", "", 0
}

// nhsLabels and hcLabels introduce an NHS number and a Northern Ireland Health and
// Care number.
var (
	nhsLabels = []string{"nhs", "nhsno", "nhsn", "nhs#"}
	hcLabels  = []string{"h & c", "h&c", "h + c", "hcn", "health and care", "health & care", "h and c"}
)

// hcRange reports a number in the Health and Care number range (320 000 0001 to
// 399 999 9999).
func hcRange(d string) bool { return d[0] == '3' && d[1] >= '2' && d[1] <= '9' }

// shape64 reports digits grouped 6-4 ("120456 1230"), the way CHI numbers are
// written: a date of birth and four more digits.
func (s *scan) shape64(a, b int) bool {
	u := s.units
	return b-a == 1 && len(u[a].digits) == 6 && len(u[b].digits) == 4 && !u[a].word && !u[b].word
}

// idShape reports the shapes a ten-digit health identifier is written in: 3-3-4,
// 6-4, one block of ten, or spoken digits.
func (s *scan) idShape(a, b int) bool {
	return s.shape334(a, b) || s.shape64(a, b) || b == a || s.units[a].word && s.units[b].word
}

// anyLookalike reports a look-alike unit among units a..b.
func (s *scan) anyLookalike(a, b int) bool {
	for k := a; k <= b; k++ {
		if s.units[k].lookalike {
			return true
		}
	}
	return false
}

// spacedBirthDate reads digits spoken or written with spaces after a birth word
// as a date of birth: "DOB 04 07 1949", "born oh four oh seven four nine" (day,
// month, year; slashes and dots are the date reader's).
func (s *scan) spacedBirthDate(d string, a, b int) (dateParts, bool) {
	first := s.units[a].tok
	if !s.hasWordsBefore(first, 4, "dob", "d.o.b", "d o b", "born", "birth", "birthday") {
		return dateParts{}, false
	}
	for k := a; k < b; k++ {
		gap := s.n.text[s.toks[s.units[k].tok+s.units[k].ntoks-1].end:s.toks[s.units[k+1].tok].start]
		for i := 0; i < len(gap); i++ {
			if c := gap[i]; c != ' ' && c != ',' && c != '\t' {
				return dateParts{}, false
			}
		}
	}
	// Three groups ("4 7 1949") are day, month and year; otherwise the digits
	// are read by position (ddmmyy or ddmmyyyy).
	dd, mm, yy := "", "", ""
	u := s.units
	if g1, g2, g3 := u[a].digits, u[a+1].digits, u[b].digits; b-a == 2 && len(g1) <= 2 && len(g2) <= 2 && (len(g3) == 2 || len(g3) == 4) {
		dd, mm, yy = g1, g2, g3
	} else if len(d) == 6 || len(d) == 8 {
		dd, mm, yy = d[:2], d[2:4], d[4:]
	} else {
		return dateParts{}, false
	}
	day, mon, year := atoiDigits(dd), atoiDigits(mm), atoiDigits(yy)
	if len(yy) == 4 {
		if year < 1890 || year > s.ctx.At.Year()+1 && s.ctx.At.Year() > 1950 {
			return dateParts{}, false
		}
	} else {
		year = s.expandYear(year, 2)
	}
	if !validDay(mon, day) {
		return dateParts{}, false
	}
	return dateParts{y: year, m: mon, d: day}, true
}

// classifyPhone recognises UK numbers (national and +44 forms) and North American
// numbers written in the 3-3-4 pattern.
func (s *scan) classifyPhone(d string, a, b int) (Kind, string, float64) {
	first := s.units[a].tok
	plus := first > 0 && s.lo(first-1) == "+" && s.toks[first].gap == 0
	n := len(d)
	national := ""
	switch {
	case len(d) >= 12 && d[:2] == "44" && (plus || s.hasWordsBefore(first, 3, "tel", "phone", "mobile")):
		national = "0" + d[2:]
		if len(d) >= 13 && d[2] == '0' {
			national = d[2:]
		}
	case len(d) >= 13 && d[:4] == "0044":
		national = "0" + d[4:]
		if d[4] == '0' {
			national = d[4:]
		}
	case d[0] == '0':
		national = d
	}
	if national != "" {
		nn := len(national)
		if nn == 11 && national[0] == '0' {
			switch national[1] {
			case '7':
				if national[2] != '0' || s.phoneContext(first) {
					return KindPhone, "+44" + national[1:], 0.95
				}
			case '1', '2', '3':
				return KindPhone, "+44" + national[1:], 0.9
			case '8', '9':
				return KindPhone, "+44" + national[1:], 0.8
			}
		}
		if nn == 10 && national[0] == '0' && (national[1] == '1' || national[:4] == "0800") {
			// Ten-digit numbers: a few area codes and 0800.
			if s.unitGroupsLook(a, b) || s.phoneContext(first) {
				return KindPhone, "+44" + national[1:], 0.8
			}
		}
	}
	// North American 3-3-4: not for UK posts mostly, but clinical notes elsewhere have them.
	// Pager and extension numbers: "Pager: #40213", "PG 51872", "beeper 4-1234".
	if n >= 4 && n <= 6 && b-a <= 1 && !(s.toks[first].gap == 0 && s.is(first-1, "/")) && s.hasWordsBefore(first, 3, "pager", "pg", "beeper", "bleep", "ext", "extension", "pgr", "page") {
		return KindPhone, d, 0.7
	}
	if n == 10 && (d[0] >= '2' || d[0] == '1' && s.phoneContext(first)) && !plus && b-a <= 2 && s.naShape(a, b) {
		return KindPhone, "+1" + d, 0.85
	}
	if n == 11 && d[0] == '1' && d[1] >= '2' && (plus || b-a == 3 && len(s.units[a].digits) == 1) {
		// "+1 212 555 0187", "1-312-555-0143"
		return KindPhone, "+" + d, 0.85
	}
	// Other international numbers: "+" and a country code, 10 to 15 digits.
	if plus && n >= 10 && n <= 15 && d[0] != '0' && d[:2] != "44" {
		return KindPhone, "+" + d, 0.8
	}
	return "", "", 0
}

// phoneContext reports a phone-ish word shortly before token i.
func (s *scan) phoneContext(i int) bool {
	return s.hasWordsBefore(i, 6, "tel", "phone", "telephone", "mobile", "mob", "call", "ring", "text", "contact", "number", "no", "landline", "cell", "pager", "fax", "whatsapp", "on")
}

// organisationPhone reports a number that belongs to an organisation: toll-free
// prefixes, or organisation words just before it.
func (s *scan) organisationPhone(i int, v string) bool {
	for _, p := range []string{"+1800", "+1888", "+1877", "+1866", "+1855", "+1844", "+1833", "+44800", "+44808", "+44300", "+44345", "+44330", "+44111"} {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	return s.hasWordsBefore(i, 14, "institute", "foundation", "center", "centre", "association", "society", "helpline", "hotline", "quitline", "toll-free", "toll free", "national", "service", "department", "office", "trust", "charity", "switchboard", "reception", "samaritans", "nhs 111", "support line", "information line", "federation", "council", "network", "registry", "program", "programme", "library", "university")
}

// strongPhoneContext reports a word that only goes with phone numbers.
func (s *scan) strongPhoneContext(i int) bool {
	return s.hasWordsBefore(i, 6, "tel", "phone", "telephone", "mobile", "mob", "call", "ring", "landline", "cell", "pager", "fax", "whatsapp", "beeper", "text")
}

// unitGroupsLook reports whether the units are grouped like a phone number (at most
// three groups).
func (s *scan) unitGroupsLook(a, b int) bool { return b-a <= 2 }

// naShape reports "617-555-1212", "(617) 555-1212", "617.555.1212", "617/555/1212":
// groups of 3, 3, 4 digits with a punctuation separator, or one block of ten digits
// after a phone word.
func (s *scan) naShape(a, b int) bool {
	u := s.units
	if b-a == 2 && len(u[a].digits) == 3 && len(u[a+1].digits) == 3 && len(u[b].digits) == 4 {
		// Require punctuation somewhere: "450 557 7104" spaced alone is an NHS shape.
		for k := a; k < b; k++ {
			gap := s.n.text[s.toks[u[k].tok].end:s.toks[u[k+1].tok].start]
			for i := 0; i < len(gap); i++ {
				if gap[i] != ' ' {
					return true
				}
			}
		}
		return s.strongPhoneContext(u[a].tok)
	}
	if b == a && len(u[a].digits) == 10 {
		return s.phoneContext(u[a].tok)
	}
	// "312 5550143": area code and a seven-digit number.
	if b-a == 1 && len(u[a].digits) == 3 && len(u[b].digits) == 7 {
		return true
	}
	// "312555-0143": area code run into the exchange, the line number after a dash.
	if b-a == 1 && len(u[a].digits) == 6 && len(u[b].digits) == 4 && s.is(u[b].tok-1, "-") {
		return true
	}
	return false
}

// shape334 reports digits grouped 3-3-4, the way NHS numbers are printed.
func (s *scan) shape334(a, b int) bool {
	u := s.units
	return b-a == 2 && len(u[a].digits) == 3 && len(u[a+1].digits) == 3 && len(u[b].digits) == 4
}

// mod11 checks the NHS modulus-11 check digit (also used by CHI and H&C numbers).
func mod11(d string) bool {
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	r := 11 - sum%11
	if r == 11 {
		r = 0
	}
	if r == 10 {
		return false
	}
	return int(d[9]-'0') == r
}

// validDDMMYY reports whether six digits are a plausible date of birth.
func validDDMMYY(d string) bool {
	day := int(d[0]-'0')*10 + int(d[1]-'0')
	mon := int(d[2]-'0')*10 + int(d[3]-'0')
	return day >= 1 && day <= 31 && mon >= 1 && mon <= 12 && day <= monthDays[mon]
}

var monthDays = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// phoneExtension extends a phone number over its extension: "x72", "ext 2231",
// "ext. 12". It returns the token after the number as found when none follows.
func (s *scan) phoneExtension(last int) int {
	k := last
	if k >= len(s.toks) || s.toks[k].nl > 0 || s.toks[k].gap > 1 {
		return last
	}
	w := s.lo(k)
	// Glued: "x72".
	if s.toks[k].kind == tokAlnum && len(w) >= 2 && len(w) <= 6 && w[0] == 'x' && isDigitString(w[1:]) {
		return k + 1
	}
	if w != "x" && w != "ext" && w != "extn" {
		return last
	}
	k++
	if s.is(k, ".") && s.toks[k].gap == 0 {
		k++
	}
	if k < len(s.toks) && s.toks[k].kind == tokNum && len(s.lo(k)) <= 5 && s.toks[k].nl == 0 {
		return k + 1
	}
	return last
}

// atoiDigits reads a short string of ASCII digits.
func atoiDigits(d string) int {
	v := 0
	for i := 0; i < len(d); i++ {
		v = v*10 + int(d[i]-'0')
	}
	return v
}
