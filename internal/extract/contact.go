package extract

import "strings"

// Contact details are found by scanning the normalised text for their anchors ("@",
// "://", "www.") and growing the match outwards by hand.

func isLocalChar(c byte) bool {
	return isASCIIAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\''
}

func isDomainChar(c byte) bool {
	return isASCIIAlnum(c) || c == '.' || c == '-'
}

func isURLChar(c byte) bool {
	if c >= 0x80 {
		return true
	}
	return isASCIIAlnum(c) || strings.IndexByte("-._~:/?#[]@!$&'*+,;=%", c) >= 0
}

// socialHosts are sites whose profile URLs point at a person.
var socialHosts = []string{
	"facebook.com", "fb.com", "twitter.com", "x.com", "instagram.com", "linkedin.com",
	"tiktok.com", "youtube.com", "threads.net", "bsky.app", "mastodon.social",
	"reddit.com", "pinterest.com", "snapchat.com", "github.com", "medium.com",
	"doximity.com", "researchgate.net", "t.me", "wa.me", "onlyfans.com",
}

func (s *scan) matchContacts() {
	t := s.n.text
	// Most posts have no anchor at all: find that out with fast searches before
	// walking the text byte by byte.
	anchors := strings.IndexByte(t, '@') >= 0 || strings.Contains(t, "://") || maybeWWW(t)
	for i := 0; anchors && i < len(t); i++ {
		switch t[i] {
		case '@':
			i = s.matchAt(i)
		case ':':
			if i+2 < len(t) && t[i+1] == '/' && t[i+2] == '/' {
				i = s.matchURL(i)
			}
		case 'w', 'W':
			if i+4 < len(t) && (i == 0 || !isURLChar(t[i-1])) && strings.EqualFold(t[i:i+4], "www.") {
				i = s.matchURLFrom(i, i)
			}
		}
	}
	// Addresses disguised with words and brackets ("jo at nhs dot net").
	s.matchWordEmails()
	// Bare profile hosts ("facebook.com/jane.doe"): look back from each "/".
	for i := strings.IndexByte(t, '/'); i >= 0; {
		for _, h := range socialHosts {
			k := i - len(h)
			if k < 0 || !strings.EqualFold(t[k:i], h) {
				continue
			}
			if k > 0 && (isURLChar(t[k-1]) && t[k-1] != '/' && t[k-1] != '.') {
				continue
			}
			s.matchURLFrom(k, k)
		}
		next := strings.IndexByte(t[i+1:], '/')
		if next < 0 {
			break
		}
		i += next + 1
	}
}

// maybeWWW reports a "www." in any case anywhere in t.
func maybeWWW(t string) bool {
	for i := strings.IndexByte(t, '.'); i >= 0; {
		if i >= 3 && strings.EqualFold(t[i-3:i], "www") {
			return true
		}
		next := strings.IndexByte(t[i+1:], '.')
		if next < 0 {
			return false
		}
		i += next + 1
	}
	return false
}

// matchAt handles an "@": an email address or a social handle.
func (s *scan) matchAt(at int) int {
	t := s.n.text
	l := at
	for l > 0 && isLocalChar(t[l-1]) {
		l--
	}
	for l < at && (t[l] == '.' || t[l] == '\'') {
		l++
	}
	r := at + 1
	for r < len(t) && isDomainChar(t[r]) {
		r++
	}
	for r > at+1 && (t[r-1] == '.' || t[r-1] == '-') {
		r--
	}
	if l < at && r > at+1 && !strings.Contains(t[at+1:r], "..") {
		dom := t[at+1 : r]
		dot := strings.LastIndexByte(dom, '.')
		if tld := dom[dot+1:]; dot > 0 && len(tld) >= 2 && (isAlphaString(tld) || strings.HasPrefix(strings.ToLower(tld), "xn--")) {
			if s.overlapsOut(l, r) {
				return r
			}
			s.addRange(Detail{Kind: KindEmail, Value: strings.ToLower(t[l:r]), Confidence: 0.99, Subject: s.subjectAtByte(l)}, l, r)
			return r
		}
	}
	// A handle: "@" at a word start followed by 2-30 handle characters.
	if l == at && (at == 0 || !isURLChar(t[at-1]) || t[at-1] == '(') {
		h := at + 1
		for h < len(t) && (isASCIIAlnum(t[h]) || t[h] == '_' || t[h] == '.') {
			h++
		}
		for h > at+1 && t[h-1] == '.' {
			h--
		}
		// Handles start with a letter: "@20mcg" and "@5am" are doses and times.
		handle := strings.ToLower(t[at+1 : h])
		if h-at-1 >= 4 && h-at-1 <= 30 && isAlphaString(t[at+1:at+2]) && (h >= len(t) || t[h] != '/') && !s.ex.lex.commonWord(handle) && !s.shouting() {
			s.addRange(Detail{Kind: KindSocialHandle, Value: strings.ToLower(t[at:h]), Confidence: 0.8, Subject: s.subjectAtByte(at)}, at, h)
			return h
		}
	}
	return at
}

func (s *scan) overlapsOut(ns, ne int) bool {
	os, oe := s.n.span(ns, ne)
	for k := range s.out {
		if d := &s.out[k]; d.Start < oe && os < d.End {
			return true
		}
	}
	return false
}

func isAlphaString(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

func isDigitString(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// matchURL handles "scheme://".
func (s *scan) matchURL(colon int) int {
	t := s.n.text
	l := colon
	for l > 0 && isASCIIAlnum(t[l-1]) {
		l--
	}
	if l == colon {
		return colon
	}
	return s.matchURLFrom(l, colon+3)
}

// matchURLFrom records the URL starting at l whose host starts at h.
func (s *scan) matchURLFrom(l, h int) int {
	t := s.n.text
	r := h
	for r < len(t) && isURLChar(t[r]) {
		r++
	}
	for r > h && strings.IndexByte(".,;:!?)'\"", t[r-1]) >= 0 {
		r--
	}
	if r-h < 4 || s.overlapsOut(l, r) {
		return r
	}
	u := strings.ToLower(t[h:r])
	hostEnd := strings.IndexAny(u, "/?#")
	host := u
	if hostEnd >= 0 {
		host = u[:hostEnd]
	}
	host = strings.TrimPrefix(host, "www.")
	if !strings.Contains(host, ".") {
		return r
	}
	// A link to an organisation's home page identifies nobody; a profile path on a
	// social site, or any path on an unknown personal-looking site, might.
	conf := 0.5
	subj := s.subjectAtByte(l)
	for _, sh := range socialHosts {
		if host == sh || strings.HasSuffix(host, "."+sh) {
			if hostEnd >= 0 && len(u) > hostEnd+1 {
				conf = 0.9
			}
		}
	}
	if conf < 0.9 {
		// Ordinary web links (guidelines, journals, trusts) identify nobody.
		return r
	}
	s.addRange(Detail{Kind: KindURL, Value: u, Confidence: conf, Subject: subj}, l, r)
	return r
}
