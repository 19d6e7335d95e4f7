package extract

import (
	"fmt"
	"strings"
	"unsafe"
)

// Letter-and-digit codes: postcodes, National Insurance numbers, vehicle
// registrations, hospital numbers. Each is checked by hand against its published
// format on a compact (space-free, upper-case) form of one to five tokens.

// postcodeAreas are the 120-odd UK postcode areas (plus GIR for Girobank).
var postcodeAreas = func() map[string]bool {
	m := map[string]bool{}
	for _, a := range strings.Fields(`AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW
		DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP
		IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL
		PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA
		WC WD WF WN WR WS WV YO ZE`) {
		m[a] = true
	}
	return m
}()

func isUpperLetter(c byte) bool { return c >= 'A' && c <= 'Z' }

// outwardCode reports whether u (upper case) is a valid outward code and returns its
// area.
func outwardCode(u string) (area string, ok bool) {
	n := len(u)
	if n < 2 || n > 4 || !isUpperLetter(u[0]) {
		return "", false
	}
	i := 1
	if isUpperLetter(u[1]) {
		i = 2
	}
	area = u[:i]
	rest := u[i:]
	switch len(rest) {
	case 1:
		ok = isDigit(rest[0])
	case 2:
		ok = isDigit(rest[0]) && (isDigit(rest[1]) || isUpperLetter(rest[1]))
	default:
		return "", false
	}
	// The shape is tested first: it rules out most tokens without the area table.
	if !ok || !isPostcodeArea(area) {
		return "", false
	}
	return area, true
}

// postcodeAreaTable holds postcodeAreas indexed by their one or two letters.
var postcodeAreaTable = func() (t [26 * 27]bool) {
	for a := range postcodeAreas {
		if len(a) <= 2 {
			t[areaIndex(a)] = true
		}
	}
	return t
}()

func areaIndex(a string) int {
	i := int(a[0]-'A') * 27
	if len(a) == 2 {
		i += int(a[1]-'A') + 1
	}
	return i
}

// isPostcodeArea reports a postcode area of one or two capital letters.
func isPostcodeArea(a string) bool {
	return len(a) >= 1 && len(a) <= 2 && postcodeAreaTable[areaIndex(a)]
}

// inwardCode reports whether u is a valid inward code ("1AA"; no C, I, K, M, O, V).
func inwardCode(u string) bool {
	return len(u) == 3 && isDigit(u[0]) && inwardLetter(u[1]) && inwardLetter(u[2])
}

func inwardLetter(c byte) bool {
	return isUpperLetter(c) && strings.IndexByte("CIKMOV", c) < 0
}

// upperASCII returns s in upper case, in buf.
func upperASCII(buf []byte, s string) []byte { return upperAppend(buf[:0], s) }

// ordinalInward reports an inward code that reads as an ordinal in lower case
// ("3rd", "2nd", "1st", "4th").
func ordinalInward(u string) bool {
	switch u[1:] {
	case "ST", "ND", "RD", "TH":
		return true
	}
	return false
}

// matchSplitPostcodes finds postcodes written across more tokens than the outward
// and inward codes: "cf14 4 xw", "C F 1 4 4XW", "CF 14 4XW". The pieces are short,
// one or two spaces apart on one line, written in one case (or after a postcode
// word), and read together as an outward and an inward code.
func (s *scan) matchSplitPostcodes() {
	last := -1
	for _, cj := range s.cands {
		j := int(cj)
		if !numeric(s.toks[j].kind) || j <= last {
			continue
		}
		for i := max(j-2, last+1, 0); i <= j; i++ {
			if s.used[i] {
				continue
			}
			if end, v, ok := s.splitPostcodeAt(i); ok {
				s.addPostcode(i, end, v)
				last = end - 1
				break
			}
		}
	}
}

// splitPostcodeAt reads a postcode written in three to seven pieces from token i
// (see matchSplitPostcodes) and returns the token after it and its value.
func (s *scan) splitPostcodeAt(i int) (int, string, bool) {
	t := &s.toks[i]
	switch {
	case t.kind == tokWord && t.end-t.start <= 2:
	case t.kind == tokAlnum && t.end-t.start <= 4 && !isDigit(s.n.text[t.start]):
	default:
		return 0, "", false
	}
	if i > 0 && t.gap == 0 && s.toks[i-1].kind != tokPunct {
		return 0, "", false
	}
	var buf [8]byte
	c := buf[:0]
	upper, lower, common := false, false, false
	best, bestLen := -1, 0
	pieceStart := 0 // bit n: a piece starts at offset n of c
	for k := i; k < len(s.toks) && k < i+7; k++ {
		tk := &s.toks[k]
		if tk.kind == tokPunct || tk.end-tk.start > 4 || k > i && (tk.gap == 0 || tk.gap > 2 || tk.nl > 0) || s.used[k] {
			break
		}
		raw := s.raw(k)
		if len(c)+len(raw) > 7 {
			break
		}
		u, l := caseOf(raw)
		upper, lower = upper || u, lower || l
		if tk.kind == tokWord && l && len(raw) >= 2 && s.ex.lex.commonWord(s.lo(k)) {
			common = true
		}
		pieceStart |= 1 << len(c)
		c = upperAppend(c, raw)
		// The inward code (the last three characters) must start a piece: "4XW",
		// "4 XW", but not the "8SB" of "HR 88 SB".
		if k-i+1 >= 3 && len(c) >= 5 && s.tokenEnds(k) && pieceStart&(1<<(len(c)-3)) != 0 {
			if _, ok := outwardCode(string(c[:len(c)-3])); ok && inwardCode(string(c[len(c)-3:])) {
				best, bestLen = k+1, len(c)
			}
		}
	}
	if best < 0 {
		return 0, "", false
	}
	c = c[:bestLen]
	labelled := s.hasWordsBefore(i, 4, "postcode", "post code", "postal")
	// A note in capitals is full of short codes and numbers ("SB W 2 4 BT RUNS"):
	// there a split postcode needs its word.
	if !labelled && (upper && lower || common || ordinalInward(string(c[len(c)-3:])) || s.shouting()) {
		return 0, "", false
	}
	return best, string(c[:len(c)-3]) + " " + string(c[len(c)-3:]), true
}

func (s *scan) matchPostcodes() {
	defer s.matchSplitPostcodes()
	// The upper-cased forms are views of scanner buffers: they only reach a detail
	// through a concatenation (a new string), and addRange clones any that would not.
	for i := s.nextPostcodeStart(0); i < len(s.toks); i = s.nextPostcodeStart(i + 1) {
		t := &s.toks[i]
		if (t.kind != tokAlnum && !(t.kind == tokWord && t.end-t.start <= 3)) || s.used[i] {
			continue
		}
		// A letters-only outward code ("M", "EC") must be followed by an inward code.
		if t.kind == tokWord && !(i+1 < len(s.toks) && s.toks[i+1].kind == tokAlnum) {
			continue
		}
		if t.end-t.start > 7 {
			continue
		}
		// Not glued to a longer code.
		if i > 0 && s.toks[i].gap == 0 && s.toks[i-1].kind != tokPunct {
			continue
		}
		raw := s.raw(i)
		upperCase, lowerCase := caseOf(raw)
		u := raw // already upper case: no copy
		if lowerCase {
			s.pc1 = upperASCII(s.pc1, raw)
			u = unsafe.String(unsafe.SliceData(s.pc1), len(s.pc1))
		}
		// Single token "SW1A1AA".
		if len(u) >= 5 && t.kind == tokAlnum {
			if _, ok := outwardCode(u[:len(u)-3]); ok && inwardCode(u[len(u)-3:]) && s.tokenEnds(i) {
				// In lower case ("cf144xw") it needs a postcode word, or all of it in
				// lower case and an inward code that is no ordinal ("b121st").
				if !lowerCase || s.hasWordsBefore(i, 4, "postcode", "post code", "postal") || !upperCase && !ordinalInward(u[len(u)-3:]) {
					s.addPostcode(i, i+1, u[:len(u)-3]+" "+u[len(u)-3:])
					continue
				}
			}
			if u == "GIR0AA" {
				s.addPostcode(i, i+1, "GIR 0AA")
				continue
			}
		}
		area, ok := outwardCode(u)
		if !ok && u != "GIR" {
			continue
		}
		if i+1 < len(s.toks) && s.toks[i+1].kind == tokAlnum && s.toks[i+1].gap <= 2 && s.toks[i+1].nl == 0 {
			raw2 := s.raw(i + 1)
			_, low2 := caseOf(raw2)
			u2 := raw2
			if low2 {
				s.pc2 = upperASCII(s.pc2, raw2)
				u2 = unsafe.String(unsafe.SliceData(s.pc2), len(s.pc2))
			}
			if inwardCode(u2) && s.tokenEnds(i+1) && (u != "GIR" || u2 == "0AA") {
				if !lowerCase && !low2 || s.hasWordsBefore(i, 4, "postcode", "post code", "postal") || lowerCase && low2 && !ordinalInward(u2) {
					s.addPostcode(i, i+2, u+" "+u2)
					i++
					continue
				}
			}
		}
		// A district alone ("LA9") is a quasi-identifier; it needs an upper-case
		// two-letter area and a place-like context, because "B12", "S1" and "E2" are
		// also vitamins, heart sounds and hormones.
		if !lowerCase && t.kind == tokAlnum && len(area) == 2 && s.tokenEnds(i) && !medicalCodeArea[u] &&
			(s.hasWordsBefore(i, 2, "postcode", "in", "from", "near", "around", "district") || s.hasWordsAfter(i+1, 1, "area", "postcode", "district")) {
			s.add(Detail{Kind: KindPostcodeDistrict, Value: u, Generalisations: []string{area}, Confidence: 0.7,
				Subject: s.subjectAt(i), Frequency: districtShare}, i, i+1)
		}
	}
}

// medicalCodeArea lists district-shaped strings that are far more often something else.
var medicalCodeArea = map[string]bool{"CD4": true, "CD8": true, "HB1": true, "DH1": false}

// districtShare is the average share of the UK population living in one postcode
// district (about 67 million people over about 3,000 districts).
const districtShare = 1.0 / 3000

// tokenEnds reports that token i is not glued to a following word or number.
func (s *scan) tokenEnds(i int) bool {
	return i+1 >= len(s.toks) || s.toks[i+1].gap > 0 || s.toks[i+1].kind == tokPunct
}

func (s *scan) addPostcode(i, j int, v string) {
	s.add(Detail{Kind: KindPostcode, Value: v, Generalisations: []string{v[:strings.IndexByte(v, ' ')]}, Confidence: 0.95,
		Subject: s.subjectAt(i)}, i, j)
	s.claim(i, j)
}

// compact joins the raw text of up to max tokens from i separated only by spaces or
// hyphens, upper-cased, and returns it with the end token of each prefix length.
func (s *scan) compact(i, max int, buf []byte) ([]byte, []int, []int) {
	buf = buf[:0]
	lens, ends := s.codeLens[:0], s.codeEnds[:0]
	for k := i; k < len(s.toks) && k < i+max; k++ {
		t := &s.toks[k]
		if t.kind == tokPunct {
			if s.lo(k) == "-" && k > i && t.gap == 0 && k+1 < len(s.toks) && s.toks[k+1].gap == 0 {
				continue
			}
			break
		}
		if k > i && (t.gap > 2 || t.nl > 0) {
			break
		}
		buf = upperAppend(buf, s.raw(k))
		lens = append(lens, len(buf))
		ends = append(ends, k+1)
	}
	s.codeLens, s.codeEnds = lens, ends
	return buf, lens, ends
}

func upperAppend(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 32
		}
		buf = append(buf, c)
	}
	return buf
}

// caseOf reports whether s has upper-case and lower-case ASCII letters.
func caseOf(s string) (upper, lower bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			upper = true
		} else if c >= 'a' && c <= 'z' {
			lower = true
		}
	}
	return
}

func (s *scan) matchCodes() {
	var buf [64]byte
	for i := s.nextCodeStart(0); i < len(s.toks); i = s.nextCodeStart(i + 1) {
		t := &s.toks[i]
		if t.kind == tokPunct || s.used[i] {
			continue
		}
		// Codes start with at most three letters ("YK", "YK19", "J7", "KLM 742R") or
		// are one letters-and-digits token; a longer word cannot start one.
		if t.kind == tokWord && t.end-t.start > 3 {
			continue
		}
		// A short word starts a code only when letters-and-digits follow it; a bare
		// number only after a hospital-number word.
		if t.kind == tokWord && !(i+1 < len(s.toks) && (s.toks[i+1].kind == tokNum || s.toks[i+1].kind == tokAlnum) && s.toks[i+1].gap <= 2) &&
			!(t.end-t.start == 3 && t.upper && s.is(i+1, "-") && s.toks[i+1].gap == 0 && s.ex.lex.trustNumberStart(s.raw(i))) {
			continue
		}
		if t.kind == tokNum && !s.flaggedBefore(fHospital, i, 4, hospitalWords...) {
			continue
		}
		if i > 0 && t.gap == 0 && s.toks[i-1].kind != tokPunct {
			continue
		}
		c, lens, ends := s.compact(i, 6, buf[:0])
		for n := len(lens) - 1; n >= 0; n-- {
			code := c[:lens[n]]
			j := ends[n]
			if !s.tokenEnds(j - 1) {
				continue
			}
			if j-1 > i && s.toks[j-1].kind == tokWord && !s.toks[j-1].upper && s.ex.lex.commonWord(s.lo(j-1)) {
				// A code does not end in an ordinary word ("40918273 and").
				continue
			}
			if k, v, conf := s.classifyCode(code, i, j); k != "" {
				s.add(Detail{Kind: k, Value: v, Confidence: conf, Subject: s.subjectAt(i)}, i, j)
				s.claim(i, j)
				i = j - 1
				break
			}
		}
	}
}

// classifyCode recognises a compact code spanning tokens [i, j).
func (s *scan) classifyCode(c []byte, i, j int) (Kind, string, float64) {
	n := len(c)
	if n < 5 || n > 12 || !hasDigit(c) || !hasLetter(c) && s.toks[i].kind != tokNum {
		return "", "", 0
	}
	raw := s.n.text[s.toks[i].start:s.toks[j-1].end]
	hasUp, hasLow := caseOf(raw)
	if hasUp && hasLow {
		return "", "", 0
	}
	// National Insurance number: two letters, six digits, A-D.
	if n == 9 && isUpperLetter(c[0]) && isUpperLetter(c[1]) && isDigitString(string(c[2:8])) && c[8] >= 'A' && c[8] <= 'D' {
		if ninoPrefix(c[0], c[1]) {
			return KindNINumber, string(c), 0.95
		}
	}
	// Vehicle registrations need upper case or a vehicle word nearby.
	lower := !hasUp
	if !lower || s.flaggedBefore(fVehicle, i, 5, vehicleWords...) {
		// Only the current format is distinctive enough alone: the older ones look
		// like "CKD 3A" and need a vehicle word.
		// One-token plates ("MA19KTP") look like form codes ("FP10MDA"): they too need
		// a vehicle word.
		if v, current, ok := vehicleReg(c); ok && s.regTokens(i, j, current) && (current && j-i > 1 && !s.shouting() || s.flaggedBefore(fVehicle, i, 5, vehicleWordsMore...)) {
			return KindVehicleReg, v, 0.85
		}
	}
	// Hospital numbers: letters and digits after a hospital-number word, or a
	// hospital's own label ("UHW no. C2271904").
	if n >= 6 && n <= 12 && hasDigit(c) && (s.flaggedBefore(fHospital, i, 4, hospitalWords...) || hasLetter(c) && s.acronymNumberBefore(i)) {
		return KindHospitalNo, string(c), 0.85
	}
	// A trust's ODS code and digits, in capitals: "RXX1234567", "RXX-123-4567".
	if !hasLow && s.ex.lex.trustNumber(c) {
		return KindHospitalNo, string(c), 0.85
	}
	return "", "", 0
}

// regTokens checks that a registration is written as one or two tokens split where
// plates are split ("YK19 PLT", "YK19PLT", "WR66-DMX"), not a run of words and numbers
// that happens to spell the shape ("AT 20MCG").
func (s *scan) regTokens(i, j int, current bool) bool {
	n := j - i
	if n == 1 {
		return true
	}
	if n == 3 && s.lo(i+1) == "-" {
		n = 2
	}
	if n != 2 {
		return false
	}
	first, last := s.lo(i), s.lo(j-1)
	if current {
		return len(first) == 4 && len(last) == 3
	}
	return true
}

// hospitalWords introduce a hospital (MRN) number.
var hospitalWords = []string{"mrn", "hospital number", "hospital no", "hosp no", "hosp number", "hosp num", "unit number", "unit no", "patient number", "case number", "patient id", "rxn", "crn", "k number", "id no",
	"k - number", "k - no", "k no", "hosp #", "hospital #", "hosp id", "hospital id", "hosp", "pas number", "pas no", "case no", "record number", "rtx", "mrn no", "unit #"}

func hasLetter(b []byte) bool {
	for _, c := range b {
		if isUpperLetter(c) || c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

func hasDigit(b []byte) bool {
	for _, c := range b {
		if isDigit(c) {
			return true
		}
	}
	return false
}

func ninoPrefix(a, b byte) bool {
	if strings.IndexByte("DFIQUV", a) >= 0 || strings.IndexByte("DFIOQUV", b) >= 0 {
		return false
	}
	switch string([]byte{a, b}) {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}

// vehicleReg checks the current GB format (AB51 ABC) and the older prefix (A123 BCD)
// and suffix (ABC 123D) formats.
func vehicleReg(c []byte) (v string, current, ok bool) {
	n := len(c)
	// Current: two letters, two digits (age identifier), three letters.
	if n == 7 && isUpperLetter(c[0]) && isUpperLetter(c[1]) && isDigit(c[2]) && isDigit(c[3]) &&
		isUpperLetter(c[4]) && isUpperLetter(c[5]) && isUpperLetter(c[6]) {
		if strings.IndexByte("IQZ", c[0]) >= 0 || strings.IndexByte("IQ", c[1]) >= 0 {
			return "", false, false
		}
		for _, x := range c[4:] {
			if x == 'I' || x == 'Q' {
				return "", false, false
			}
		}
		age := int(c[2]-'0')*10 + int(c[3]-'0')
		if !(age >= 2 && age <= 29 || age >= 51 && age <= 79) {
			return "", false, false
		}
		return string(c[:4]) + " " + string(c[4:]), true, true
	}
	// Prefix: letter, 1-3 digits, three letters.
	if n >= 5 && n <= 7 && isUpperLetter(c[0]) && strings.IndexByte("IOQUZ", c[0]) < 0 {
		d := 1
		for d < n && isDigit(c[d]) {
			d++
		}
		if d >= 2 && d <= 4 && n-d == 3 && isUpperLetter(c[d]) && isUpperLetter(c[d+1]) && isUpperLetter(c[d+2]) && c[1] != '0' {
			return string(c[:d]) + " " + string(c[d:]), false, true
		}
	}
	// Suffix: three letters, 1-3 digits, letter.
	if n >= 5 && n <= 7 && isUpperLetter(c[0]) && isUpperLetter(c[1]) && isUpperLetter(c[2]) && isUpperLetter(c[n-1]) {
		if isDigitString(string(c[3:n-1])) && c[3] != '0' && strings.IndexByte("IOQUZ", c[n-1]) < 0 {
			return string(c[:3]) + " " + string(c[3:]), false, true
		}
	}
	return "", false, false
}

// alnumIndex maps an upper-case letter or digit to 0..35, or -1.
func alnumIndex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return -1
}

// trustIndex is the index of an ODS code "R??" (upper case) in lexicon.trustCodes,
// or -1.
func trustIndex(c []byte) int {
	if len(c) < 3 || c[0] != 'R' {
		return -1
	}
	a, b := alnumIndex(c[1]), alnumIndex(c[2])
	if a < 0 || b < 0 {
		return -1
	}
	return a*36 + b
}

func (l *lexicon) loadTrustCode(f []string) error {
	i := trustIndex([]byte(f[0]))
	if len(f[0]) != 3 || i < 0 {
		return fmt.Errorf("bad trust code %q", f[0])
	}
	l.trustCodes[i] = true
	return nil
}

// trustNumber reports a hospital number behind its trust's ODS code: a listed
// code and six to eight digits ("RXX1234567").
func (l *lexicon) trustNumber(c []byte) bool {
	i := trustIndex(c)
	return i >= 0 && l.trustCodes[i] && len(c) >= 9 && len(c) <= 11 && isDigitString(string(c[3:]))
}

// acronymNumberBefore reports a hospital's own number label before token i: an
// acronym and "no" or "number" ("UHW no.", "RVI number:"), other than the
// labels of other identifiers (NHS, NI, CHI, GMC...).
func (s *scan) acronymNumberBefore(i int) bool {
	k := i - 1
	for k >= 0 && k >= i-2 && (s.lo(k) == ":" || s.lo(k) == "." || s.lo(k) == "#") {
		k--
	}
	if k < 1 || s.lo(k) != "no" && s.lo(k) != "number" && s.lo(k) != "num" {
		return false
	}
	a := &s.toks[k-1]
	if a.kind != tokWord || !a.upper || a.end-a.start > 5 {
		return false
	}
	switch s.lo(k - 1) {
	case "nhs", "ni", "chi", "hcn", "gmc", "nmc", "hcpc", "gphc", "ods", "nino", "reg", "tel", "ref", "id":
		return false
	}
	return true
}

// trustNumberStart reports a listed ODS code (upper case).
func (l *lexicon) trustNumberStart(w string) bool {
	i := trustIndex([]byte(w))
	return len(w) == 3 && i >= 0 && l.trustCodes[i]
}
