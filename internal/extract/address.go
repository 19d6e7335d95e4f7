package extract

import "strings"

// Street addresses: a house number (or "Flat 3,") and one to three capitalised words
// ending in a street word ("14 Larch Close", "221b Baker Street"), optionally followed
// by a town. A street named without a number after "on"/"in" ("lives on Larch Close")
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
		for w := k; w < len(s.toks) && w < k+4; w++ {
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
		// A town after a comma: "14 Larch Close, Cockermouth".
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
