package extract

import (
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// E-mail addresses written to slip past a filter: "r.owens88 at yahoo dot co dot
// uk", "k.lewis[at]outlook[.]com", "jo (at) nhs (dot) net", "name @ example.co.uk".
// They are read over tokens from each "at" or "@": a glued local part before it,
// and after it domain labels joined by dots however written, ending in a public
// suffix that ICANN delegates (the Public Suffix List through
// golang.org/x/net/publicsuffix), so that "at home dot" never makes an address.

// matchWordEmails finds the disguised addresses (plain ones are matchAt's).
func (s *scan) matchWordEmails() {
	for k := s.nextFlag(0, fAt); k < len(s.toks); k = s.nextFlag(k+1, fAt) {
		if w := s.lo(k); w != "at" && w != "@" || s.used[k] {
			continue
		}
		if end := s.wordEmailAt(k); end > k {
			k = end - 1
		} else if end := s.spacedHandleAt(k); end > k {
			k = end - 1
		}
	}
	if strings.Contains(s.lower, "slash") {
		for k := range s.toks {
			if s.words[k] == "slash" && !s.used[k] {
				s.spelledURLAt(k)
			}
		}
	}
}

// handleWords are the words that name a social network account before a handle.
var handleWords = []string{"insta", "instagram", "twitter", "tiktok", "handle", "snap", "snapchat", "threads", "x", "ig", "bluesky", "facebook", "fb"}

// spacedHandleAt reads a handle written in spaced pieces after an "@" ("@
// seren _ bakes", "@ jo dot bloggs"): pieces joined by "_" or "." however
// written, or a single piece after an account word ("insta is @ jobloggs").
func (s *scan) spacedHandleAt(k int) int {
	if s.lo(k) != "@" || k+1 >= len(s.toks) || s.toks[k+1].nl > 0 || s.toks[k+1].gap == 0 && s.toks[k].gap == 0 {
		return k
	}
	if k > 0 && s.toks[k].gap == 0 && s.toks[k-1].kind != tokPunct {
		return k // an address's "@" (matchAt's)
	}
	var b strings.Builder
	b.WriteByte('@')
	e := k + 1
	joined := 0
	for {
		le := s.labelAt(e, true)
		if le == e || s.anyUsed(e, le) {
			break
		}
		b.WriteString(strings.ToLower(s.n.text[s.toks[e].start:s.toks[le-1].end]))
		end := le
		if le+1 < len(s.toks) && s.toks[le].nl == 0 && s.toks[le+1].nl == 0 && s.toks[le+1].kind != tokPunct {
			j := spelledJoin(s.lo(le))
			if w := s.lo(le); (w == "_" || w == ".") && (s.toks[le].gap == 0) == (s.toks[le+1].gap == 0) {
				// Glued on both sides or spaced on both ("seren _ bakes"), not a
				// full stop ending a sentence.
				j = w[0]
			}
			if j == '.' || j == '_' {
				b.WriteByte(j)
				joined++
				e = le + 1
				continue
			}
		}
		e = end
		break
	}
	h := b.String()
	if e == k+1 || len(h) < 5 || len(h) > 31 || !isAlphaString(h[1:2]) || strings.HasSuffix(h, ".") || strings.HasSuffix(h, "_") {
		return k
	}
	if (joined == 0 || s.shouting() || s.labelAt(k+1, true) == k+2 && len(s.lo(k+1)) < 2) && !s.hasWordsBefore(k, 3, handleWords...) {
		// Joined pieces say a handle, but not in a note in capitals ("IVF @
		// K.4ML") nor from a single letter; otherwise an account word must.
		return k
	}
	s.add(Detail{Kind: KindSocialHandle, Value: h, Confidence: 0.8, Subject: s.subjectAt(k)}, k, e)
	s.claim(k, e)
	return e
}

// spelledURLAt reads a profile address spelled out around the word "slash" at
// token k: "facebook dot com slash jo.bloggs.1972". The host before it must be a
// social site's (socialHosts), its dots written however; the path is the glued
// run after it.
func (s *scan) spelledURLAt(k int) {
	if k+1 >= len(s.toks) || s.toks[k+1].nl > 0 || s.toks[k].nl > 0 {
		return
	}
	// The host, walking back over labels and dots.
	var labels []string
	start := -1
	e := k
	for {
		b := e - 1
		if b < 0 || s.toks[b].kind == tokPunct {
			break
		}
		for b > 0 && s.toks[b].gap == 0 && s.toks[b-1].kind != tokPunct {
			b--
		}
		if s.labelAt(b, false) != e {
			break
		}
		labels = append(labels, strings.ToLower(s.n.text[s.toks[b].start:s.toks[e-1].end]))
		start = b
		if b >= 2 && (s.lo(b-1) == "dot" || s.lo(b-1) == ".") && s.toks[b-1].nl == 0 {
			e = b - 1
			continue
		}
		if b >= 4 && closeBracket(s.lo(b-3)) == s.lo(b-1) && (s.lo(b-2) == "dot" || s.lo(b-2) == ".") {
			e = b - 3
			continue
		}
		break
	}
	if len(labels) < 2 {
		return
	}
	slices.Reverse(labels)
	host := strings.TrimPrefix(strings.Join(labels, "."), "www.")
	social := false
	for _, h := range socialHosts {
		social = social || host == h
	}
	if !social {
		return
	}
	// The path: glued tokens after "slash".
	p := k + 1
	pe := p
	for pe < len(s.toks) && (pe == p || s.toks[pe].gap == 0) && s.toks[pe].nl == 0 && (s.toks[pe].kind != tokPunct || strings.Contains("._-", s.lo(pe)) && pe+1 < len(s.toks) && s.toks[pe+1].gap == 0) {
		pe++
	}
	if pe == p || s.anyUsed(start, pe) {
		return
	}
	path := strings.ToLower(s.n.text[s.toks[p].start:s.toks[pe-1].end])
	s.add(Detail{Kind: KindURL, Value: host + "/" + path, Confidence: 0.9, Subject: s.subjectAt(start)}, start, pe)
	s.claim(start, pe)
}

// openBracket and closeBracket pair the brackets a disguise puts around "at" and
// "dot".
func closeBracket(open string) string {
	switch open {
	case "[":
		return "]"
	case "(":
		return ")"
	case "{":
		return "}"
	case "<":
		return ">"
	}
	return ""
}

// disguisedSep reads a separator word ("at" or "dot", or "." for dot) at token k,
// bare and spaced or glued inside brackets ("[at]", "(dot)", "{.}"), and returns
// the token after it and whether it was disguised (bracketed or spelled).
func (s *scan) disguisedSep(k int, word string) (int, bool) {
	if k >= len(s.toks) {
		return k, false
	}
	match := func(i int) bool {
		w := s.lo2(i)
		return w == word || word == "dot" && w == "." || word == "at" && w == "@"
	}
	if cl := closeBracket(s.lo(k)); cl != "" && k+2 < len(s.toks) && match(k+1) && s.toks[k+1].gap == 0 && s.lo(k+2) == cl && s.toks[k+2].gap == 0 {
		return k + 3, true
	}
	if match(k) {
		w := s.lo(k)
		if w == "." || w == "@" {
			// A plain dot or "@": glued on both sides, or spaced on both sides
			// ("gmail . com"), on one line.
			if k+1 >= len(s.toks) || s.toks[k].nl > 0 || s.toks[k+1].nl > 0 || (s.toks[k].gap == 0) != (s.toks[k+1].gap == 0) {
				return k, false
			}
			return k + 1, s.toks[k].gap > 0
		}
		// The word: spaced from what it joins, on one line.
		if s.toks[k].gap > 0 && k+1 < len(s.toks) && s.toks[k+1].gap > 0 && s.toks[k].nl == 0 && s.toks[k+1].nl == 0 {
			return k + 1, true
		}
	}
	return k, false
}

// labelAt reads a domain label or a piece of a local part at token k: glued word,
// number and letters-and-digits tokens, with hyphens (and, in a local part,
// underscores and pluses) inside. It returns the token after it.
func (s *scan) labelAt(k int, local bool) int {
	e := k
	for e < len(s.toks) {
		t := &s.toks[e]
		if e > k && t.gap != 0 {
			break
		}
		switch {
		case t.kind == tokWord || t.kind == tokNum || t.kind == tokAlnum:
			if !asciiToken(s.raw(e)) {
				return k
			}
			e++
			continue
		case e > k && (s.lo(e) == "-" || local && (s.lo(e) == "_" || s.lo(e) == "+")) && e+1 < len(s.toks) && s.toks[e+1].gap == 0 && s.toks[e+1].kind != tokPunct:
			e++
			continue
		}
		break
	}
	return e
}

func asciiToken(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return false
		}
	}
	return true
}

// wordEmailAt reads a disguised address around the "at" or "@" at token k and
// records it; it returns the token after it, or k when there is none.
func (s *scan) wordEmailAt(k int) int {
	// The separator, perhaps bracketed.
	sepStart := k
	if k > 0 && closeBracket(s.lo(k-1)) != "" && s.toks[k].gap == 0 {
		sepStart = k - 1
	}
	sepEnd, disguised := s.disguisedSep(sepStart, "at")
	if sepEnd == sepStart {
		return k
	}
	// The local part: glued pieces before the separator, joined by dots however
	// written ("john dot smith at ...").
	lstart := -1
	e := sepStart
	var local []string // pieces, last first
	var joins []byte   // joins[i] is the character between local[i+1] and local[i]
	for {
		// Walk back over one piece ending at e: glued words, numbers and the
		// characters of a local part ("j.rowe", "jo_bloggs-1").
		p := e - 1
		if p < 0 || s.toks[p].kind == tokPunct || s.used[p] || !asciiToken(s.raw(p)) || s.toks[e].nl > 0 && e != sepStart {
			break
		}
		b := p
		for b > 0 && s.toks[b].gap == 0 && !s.used[b-1] && asciiToken(s.raw(b-1)) &&
			(s.toks[b-1].kind != tokPunct || strings.Contains("._-+", s.lo(b-1)) && b-1 > 0 && s.toks[b-1].gap == 0 && s.toks[b-2].kind != tokPunct) {
			b--
		}
		local = append(local, s.n.text[s.toks[b].start:s.toks[e-1].end])
		lstart = b
		// A spelled join before it: "john dot smith", "gareth underscore jones".
		if b >= 2 && s.toks[b].gap > 0 && s.toks[b-1].gap > 0 && s.toks[b].nl == 0 && s.toks[b-1].nl == 0 {
			if j := spelledJoin(s.lo(b - 1)); j != 0 {
				joins = append(joins, j)
				e = b - 1
				continue
			}
		}
		if b >= 4 && closeBracket(s.lo(b-3)) == s.lo(b-1) && (s.lo(b-2) == "dot" || s.lo(b-2) == ".") && s.toks[b-1].gap == 0 && s.toks[b-2].gap == 0 {
			joins = append(joins, '.')
			e = b - 3
			continue
		}
		// A number spaced after a spelled piece: "gareth underscore jones 82 at".
		if len(local) == 1 && s.toks[b].kind == tokNum && b >= 3 && s.toks[b].gap == 1 && s.toks[b].nl == 0 &&
			s.toks[b-1].kind == tokWord && s.toks[b-1].gap > 0 && spelledJoin(s.lo(b-2)) != 0 {
			joins = append(joins, 0)
			e = b
			continue
		}
		break
	}
	if lstart < 0 || (sepStart > 0 && s.toks[sepStart].gap == 0 && s.lo(sepStart) != "@" && closeBracket(s.lo(sepStart)) == "") {
		return k
	}
	if len(local) > 1 {
		disguised = true
	}
	// The domain: labels joined by dots.
	var labels []string
	d := sepEnd
	end := -1
	plainDots := true
	for {
		le := s.labelAt(d, false)
		if le == d || s.anyUsed(d, le) {
			break
		}
		labels = append(labels, strings.ToLower(s.n.text[s.toks[d].start:s.toks[le-1].end]))
		end = le
		next, dis := s.disguisedSep(le, "dot")
		if next == le || next >= len(s.toks) {
			break
		}
		if dis {
			disguised = true
			plainDots = false
		}
		if s.lo(le) != "." {
			plainDots = false
		}
		d = next
	}
	if len(labels) < 2 || !disguised && s.toks[sepStart].gap == 0 {
		return k
	}
	// The local part must say a person or a mailbox: not an ordinary word alone
	// ("email me at ...", "the team at ...").
	var lb strings.Builder
	for i := len(local) - 1; i >= 0; i-- {
		lb.WriteString(strings.ToLower(local[i]))
		if i > 0 && joins[i-1] != 0 {
			lb.WriteByte(joins[i-1])
		}
	}
	loc := lb.String()
	if len(local) == 1 && !strings.ContainsAny(loc, "._-+0123456789") && (s.ex.lex.commonWord(loc) || len(loc) < 3) || !hasLetter([]byte(loc)) {
		return k
	}
	if plainDots && !plainDomain(s.n.text[s.toks[sepEnd].start:s.toks[end-1].end]) {
		// Only the "at" is spelled: the domain must look like one ("gmail.com",
		// not "150mcg.PA" or "dose.NB" in a note).
		return k
	}
	domain := strings.Join(labels, ".")
	suffix, icann := publicsuffix.PublicSuffix(domain)
	if !icann || suffix == domain {
		return k
	}
	ns, ne := int(s.toks[lstart].start), int(s.toks[end-1].end)
	if s.overlapsOut(ns, ne) {
		return k
	}
	s.addRange(Detail{Kind: KindEmail, Value: loc + "@" + domain, Confidence: 0.9, Subject: s.subjectAt(lstart)}, ns, ne)
	s.claim(lstart, end)
	return end
}

// plainDomain reports a domain written plainly the way addresses are: letters,
// hyphens and dots only, all in one case.
func plainDomain(d string) bool {
	up, low := caseOf(d)
	if up && low {
		return false
	}
	for i := 0; i < len(d); i++ {
		c := d[i] | 0x20
		if !(c >= 'a' && c <= 'z' || d[i] == '-' || d[i] == '.') {
			return false
		}
	}
	return true
}

// spelledJoin is the character a word between the pieces of a local part or a
// handle stands for ("john dot smith", "gareth underscore jones"), or 0.
func spelledJoin(w string) byte {
	switch w {
	case "dot":
		return '.'
	case "underscore":
		return '_'
	case "dash", "hyphen":
		return '-'
	}
	return 0
}
