package extract

import "strings"

// Street addresses: a house number (or "Flat 3,") and one to three capitalised words
// ending in a street word ("27 Rowan Close", "221b Baker Street"), optionally followed
// by a town. A street named without a number after "on"/"in" ("lives on Rowan Close")
// is reported with lower confidence.

var streetWords = map[string]bool{
	"street": true, "st": true, "road": true, "rd": true, "lane": true, "ln": true,
	"avenue": true, "ave": true, "close": true, "drive": true, "way": true, "crescent": true,
	"court": true, "place": true, "gardens": true, "grove": true, "terrace": true, "row": true,
	"walk": true, "square": true, "mews": true, "hill": true, "park": true, "view": true,
	"green": true, "rise": true, "vale": true, "parade": true, "boulevard": true, "blvd": true,
	"wynd": true, "brae": true, "gate": true, "yard": true, "fold": true, "croft": true,
}

// strongStreetWords name a street even without a house number.
var strongStreetWords = map[string]bool{
	"street": true, "road": true, "lane": true, "avenue": true, "close": true, "crescent": true,
	"terrace": true, "mews": true, "gardens": true, "grove": true, "drive": true,
}

func (s *scan) matchAddresses() {
	s.matchAddressLabels()
	defer s.matchHouseNames()
	defer s.matchUnnumberedStreets()
	for i := s.nextAddressStart(0); i < len(s.toks); i = s.nextAddressStart(i + 1) {
		if s.used[i] {
			continue
		}
		t := &s.toks[i]
		num := false
		k := i
		if i > 0 && t.gap == 0 && s.toks[i-1].kind == tokPunct {
			// "#8", "10/3": not a house number.
			continue
		}
		switch {
		case t.kind == tokNum && t.end-t.start <= 4:
			num = true
			k = i + 1
		case t.kind == tokWord && s.wf[i]&fNumberWord != 0 && numberWords[s.lo(i)] > 0:
			// A house number in words: "thirty-two Tanyard Lane".
			_, e, ok := s.wordsUnder100(i)
			if !ok || e >= len(s.toks) || !s.toks[e].cap {
				continue
			}
			num = true
			k = e
		case t.kind == tokAlnum && t.end-t.start <= 5 && isDigit(s.n.text[t.start]) && !isDigit(s.n.text[t.end-1]):
			num = true
			k = i + 1
		case t.kind == tokWord && s.flag(i-1)&fPrep != 0 && s.properCap(i) && (s.is(i-1, "on") || s.is(i-1, "in") || s.is(i-1, "at")):
			k = i
		default:
			continue
		}
		// One to three capitalised words, then a street word.
		end := -1
		// After a number, a street word may lead (Welsh: "7 Ffordd Penrhos",
		// "4 stryd fawr") or close a street written in lower case ("22
		// burnside rd").
		if num && k+1 < len(s.toks) && leadStreetWords[s.lo(k)] && s.toks[k+1].kind == tokWord && s.toks[k+1].nl == 0 {
			e := k + 2
			if e < len(s.toks) && s.toks[e].kind == tokWord && s.toks[e].nl == 0 && (s.toks[e].cap == s.toks[k+1].cap) && !s.ex.lex.commonWord(s.lo(e)) {
				e++
			}
			end = e
		}
		for w := k + 1; end < 0 && num && w < len(s.toks) && w <= k+2; w++ {
			if s.toks[w].kind == tokWord && !s.toks[w].cap && s.toks[w].nl == 0 && lowerStreetWords[s.lo(w)] && s.lowerStreet(k, w) {
				end = w + 1
			}
		}
		for w := k; end < 0 && w < len(s.toks) && w < k+4; w++ {
			tw := &s.toks[w]
			if tw.kind != tokWord || tw.nl > 0 || !s.properCap(w) {
				break
			}
			lw := s.lo(w)
			if w > k && streetWords[lw] && (num || strongStreetWords[lw]) {
				end = w + 1
				break
			}
			if s.wf[w]&fCue != 0 && cueWords[lw] != 0 || lw == "the" || lw == "and" || lw == "of" {
				break
			}
		}
		if end < 0 || s.anyUsed(i, end) {
			continue
		}
		// "St" as a street word only with a number, and not "St Mary's".
		if s.lo(end-1) == "st" && (!num || s.is(end, "'")) {
			continue
		}
		conf := 0.9
		if !num {
			conf = 0.6
		}
		// A town after a comma: "27 Rowan Close, Keswick".
		stop := end
		town := ""
		if num && s.is(end, ",") && end+1 < len(s.toks) && s.ex.lex.isPlaceStart(s, end+1) && s.toks[end+1].cap {
			town = s.lo(end + 1)
		}
		val := strings.ToLower(s.n.text[s.toks[i].start:s.toks[stop-1].end])
		d := Detail{Kind: KindAddress, Value: val, Confidence: conf, Subject: s.subjectAt(i)}
		if s.organisationPhone(i, "") {
			// An institute's or a charity's address identifies no patient.
			d.Subject = SubjectPublicFigure
		}
		if town != "" {
			d.Generalisations = []string{town}
		}
		s.add(d, i, stop)
		s.claim(i, stop)
		i = stop - 1
	}
}

// matchUnnumberedStreets finds a street named without a number in an address written
// out, between a comma (or a line's start) and a comma followed by its town or postcode
// on the same line: "Addenbrooke's Hospital, Hills Road, Cambridge CB2 0QQ".
func (s *scan) matchUnnumberedStreets() {
	for w := s.nextFlag(1, fStreet); w+2 < len(s.toks); w = s.nextFlag(w+1, fStreet) {
		if s.used[w] || !s.properCap(w) || !strongStreetWords[s.lo(w)] || !s.is(w+1, ",") || s.toks[w+2].nl > 0 {
			continue
		}
		if !(s.ex.lex.isPlaceStart(s, w+2) && s.toks[w+2].cap || s.detailOver(KindPostcode, int(s.toks[w+2].start))) {
			continue
		}
		i := w
		for i > 0 && w-i < 3 && s.toks[i-1].kind == tokWord && s.properCap(i-1) && s.toks[i].nl == 0 && !s.used[i-1] {
			i--
		}
		if i == w || !(i == 0 || s.toks[i].nl > 0 || s.is(i-1, ",")) || s.anyUsed(i, w+1) {
			continue
		}
		d := Detail{Kind: KindAddress, Value: strings.ToLower(s.n.text[s.toks[i].start:s.toks[w].end]), Confidence: 0.6, Subject: s.subjectAt(i)}
		if s.organisationPhone(i, "") {
			d.Subject = SubjectPublicFigure
		}
		s.add(d, i, w+1)
		s.claim(i, w+1)
	}
}

// leadStreetWords open a street's name in Welsh and Gaelic addresses.
var leadStreetWords = map[string]bool{"ffordd": true, "heol": true, "stryd": true, "lôn": true, "lon": true, "rhodfa": true, "teras": true, "sraid": true}

// lowerStreetWords close a street written in lower case.
var lowerStreetWords = map[string]bool{"road": true, "rd": true, "street": true, "lane": true, "avenue": true, "ave": true, "close": true, "crescent": true, "terrace": true, "drive": true, "gardens": true, "grove": true, "mews": true}

// lowerStreet reports that tokens k..w-1 can name a street written in lower
// case: one or two words, no ordinary word among them ("22 burnside rd", not
// "5 more road" or "2 long walks").
func (s *scan) lowerStreet(k, w int) bool {
	if w-k < 1 || w-k > 2 {
		return false
	}
	for j := k; j < w; j++ {
		if s.toks[j].kind != tokWord || s.toks[j].cap || s.toks[j].nl > 0 || s.ex.lex.commonWord(s.lo(j)) || len(s.lo(j)) < 3 {
			return false
		}
	}
	return true
}

// houseWords close the name of a house or farm used as an address ("Penwern
// Farm, Llanidloes").
var houseWords = map[string]bool{"farm": true, "cottage": true, "house": true, "lodge": true, "barn": true, "manor": true, "grange": true, "bungalow": true, "farmhouse": true, "villa": true, "cottages": true}

// matchHouseNames finds a named house followed by its town ("Glenview Cottage,
// Aboyne").
func (s *scan) matchHouseNames() {
	for i := s.nextFlag(1, fHouse); i+2 < len(s.toks); i = s.nextFlag(i+1, fHouse) {
		if !houseWords[s.words[i]] || !s.toks[i].cap || s.used[i] || !s.is(i+1, ",") || !s.toks[i+2].cap || s.toks[i+2].nl > 0 {
			continue
		}
		start := i
		unlisted := false
		for j := i - 1; j >= 0 && j >= i-2 && s.toks[j].kind == tokWord && s.properCap(j) && !s.toks[j].upper && s.toks[j+1].nl == 0 && !s.used[j]; j-- {
			start = j
			unlisted = unlisted || !s.ex.lex.commonWord(s.lo(j))
		}
		if start == i || !unlisted || s.wf[start]&(fTitle|fInstitution) != 0 {
			continue
		}
		s.add(Detail{Kind: KindAddress, Value: strings.ToLower(s.n.text[s.toks[start].start:s.toks[i].end]), Confidence: 0.75, Subject: s.subjectAt(start)}, start, i+1)
		s.claim(start, i+1)
	}
}

// matchAddressLabels finds the first line after an address label ("Address: Bryn
// Teg, 7 Ffordd Penrhos", "address flat 2, 14 burnside rd"): the part with the
// house number, and the part before it that names the house or flat.
func (s *scan) matchAddressLabels() {
	for i := s.nextFlag(0, fAddressLabel); i < len(s.toks); i = s.nextFlag(i+1, fAddressLabel) {
		k := i + 1
		if s.is(k, ":") {
			k++
		} else if s.is(k, "is") || s.is(k, "was") {
			// "their address is 4 Mill Lane": the copula is not part of it.
			k++
		} else {
			// The noun, not the verb ("resources address the diagnosis"): a
			// colon, an owner, or a clause of its own.
			switch s.lo2(i - 1) {
			case "his", "her", "their", "home", "s", "new", "old", "postal", "current", "pt's", "patient's":
			default:
				if !s.clauseStartAt(i) {
					continue
				}
			}
		}
		if k >= len(s.toks) || s.used[k] || s.toks[k].nl > 0 && !s.is(i+1, ":") {
			continue
		}
		// The first part, and the next when the first has no number ("Bryn Teg,
		// 7 Ffordd Penrhos", "flat 2, 14 burnside rd").
		end, digits := s.addressPart(k)
		if end == k {
			continue
		}
		if !digits && s.is(end, ",") {
			if e2, d2 := s.addressPart(end + 1); e2 > end+1 && d2 && s.toks[end+1].kind == tokNum {
				end, digits = e2, true
			}
		}
		if end-k < 2 || !digits || s.anyUsed(k, end) {
			continue
		}
		s.add(Detail{Kind: KindAddress, Value: strings.ToLower(s.n.text[s.toks[k].start:s.toks[end-1].end]), Confidence: 0.8, Subject: s.subjectAt(k)}, k, end)
		s.claim(k, end)
		i = end - 1
	}
}

// addressPart reads the tokens of one comma-separated part of an address from k,
// up to six on one line, and reports whether a number is among them.
func (s *scan) addressPart(k int) (int, bool) {
	e := k
	digits := false
	for e < len(s.toks) && e < k+6 && (e == k || s.toks[e].nl == 0) && !s.is(e, ",") && !s.is(e, ".") && !s.is(e, ";") {
		if numeric(s.toks[e].kind) {
			digits = true
		}
		e++
	}
	return e, digits
}
