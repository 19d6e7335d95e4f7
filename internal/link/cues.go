package link

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// cues are what the text of a post says about which patient it is about, independent of
// the details in it: whether it points back to an earlier post or patient ("the lady I
// posted about last week", "same patient as my IFR question", "to answer the questions"),
// or says it is about someone else ("different patient", "another one").
type cues struct {
	// BackRef: the post refers to a patient or post the author wrote about before.
	BackRef bool `json:"back,omitempty"`
	// Window bounds how far back the reference reaches ("last week"), 0 when open.
	Window time.Duration `json:"win,omitempty"`
	// Month (1-12) is the month a reference names ("my January post"), 0 when none.
	Month int `json:"month,omitempty"`
	// Different: the post says it is about a different patient.
	Different bool `json:"diff,omitempty"`
	// Marks are the post's measurements ("cohb=18", "septum=17mm"): two posts by one
	// author quoting the same unusual value are most likely about the same patient.
	Marks []string `json:"marks,omitempty"`
}

const maxMarks = 6

// readMarks collects the measurements of a post, normalised: an acronym-like analyte
// (two capitals: COHb, eGFR, BMI, HbA1c) or a plain word followed by a number, with a
// unit required after a plain word ("septum 17mm"). Hand-written: a regular expression
// trying every word of every post was the costliest step of an assessment.
func readMarks(body string) []string {
	var out []string
	n := len(body)
	for i := 0; i < n && len(out) < maxMarks; {
		if !isLetter(body[i]) || i > 0 && isAlnum(body[i-1]) {
			i++
			continue
		}
		j := i
		caps := 0
		for j < n && isAlnum(body[j]) && j-i < 10 {
			if body[j] >= 'A' && body[j] <= 'Z' {
				caps++
			}
			j++
		}
		if j < n && isAlnum(body[j]) || j-i < 2 {
			for i = j; i < n && isAlnum(body[i]); i++ {
			}
			continue
		}
		name := body[i:j]
		k := skipSpaces(body, j)
		for _, w := range []string{"of ", "was ", "is ", "at ", "= ", ": ", "=", ":"} {
			if strings.HasPrefix(body[k:], w) {
				k = skipSpaces(body, k+len(w))
				break
			}
		}
		numStart := k
		for k < n && body[k] >= '0' && body[k] <= '9' && k-numStart < 4 {
			k++
		}
		if k == numStart || k < n && body[k] >= '0' && body[k] <= '9' {
			i = j
			continue
		}
		if k+1 < n && body[k] == '.' && body[k+1] >= '0' && body[k+1] <= '9' {
			for k++; k < n && body[k] >= '0' && body[k] <= '9'; k++ {
			}
		}
		num := body[numStart:k]
		unit := ""
		u := skipSpaces(body, k)
		for _, w := range []string{"%", "mm", "cm", "mmol", "kpa", "g/l", "/40", "/10"} {
			if len(body)-u >= len(w) && strings.EqualFold(body[u:u+len(w)], w) && (u+len(w) == n || !isLetter(body[u+len(w)]) || w == "mm" && strings.HasPrefix(strings.ToLower(body[u:]), "mmol")) {
				unit = strings.ToLower(w)
				if w == "mm" && strings.HasPrefix(strings.ToLower(body[u:]), "mmol") {
					unit = "mmol"
				}
				break
			}
		}
		i = j
		if caps < 2 && unit == "" || unit == "" && len(num) < 2 {
			continue // "at 8", "aged 5": not a measurement
		}
		mark := strings.ToLower(name) + "=" + num + unit
		if !slices.Contains(out, mark) {
			out = append(out, mark)
		}
	}
	return out
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
func isAlnum(b byte) bool  { return isLetter(b) || b >= '0' && b <= '9' }

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// The patterns are generic English for referring back in a forum thread, not phrases of
// any evaluation text. They run once per post over the lower-cased body.
var (
	patientNoun = `(?:lady|lad|chap|gent|gentleman|man|woman|girl|boy|guy|fella|bloke|patient|pt|family|mum|dad|baby|child|toddler|kid|couple|teen|teenager|young man|young woman|old boy|old lady|fellow|case)`
	postNoun    = `(?:post|question|q|thread|query|case|message|update|one)`
	// backRefs pairs each pattern with a word it cannot match without, so that most
	// patterns are skipped on most posts (Go's regexp is slow over many alternatives).
	backRefs = []struct {
		gate string
		re   *regexp.Regexp
	}{
		{"my ", regexp.MustCompile(`\b(?:my|the|our|that)\s+(?:\w+\s+){0,3}` + postNoun + `\s+(?:from|about|of|on|in)\s+(?:last|earlier|yesterday|the other day|this|\w+day)`)},
		{"my ", regexp.MustCompile(`\b(?:from|in|on|re|about|since)\s+my\s+(?:\w+\s+){0,3}` + postNoun + `\b`)},
		{"my ", regexp.MustCompile(`\bmy\s+(?:earlier|previous|last|recent|original|first|other|old)\s+(?:\w+\s+){0,2}` + postNoun + `\b`)},
		{"ed", regexp.MustCompile(`\b(?:i|we|i've|i have|i'd)\s+(?:posted|wrote|written|mentioned)\b`)},
		{"same ", regexp.MustCompile(`\bsame\s+` + patientNoun + `\b`)},
		{"the ", regexp.MustCompile(`\bthe\s+` + patientNoun + `\s+(?:from|in|i)\s+(?:my|mentioned|posted|wrote|asked|saw)\b`)},
		{"the ", regexp.MustCompile(`\b(?:follow(?:ing)?[- ]?up|further to|update on|re|back to)\s+(?:on\s+|from\s+|to\s+)?(?:the|my|our)\s+(?:\w+\s+){0,2}` + patientNoun + `\b`)},
		{"follow", regexp.MustCompile(`\bfollow(?:ing)?[- ]?up\s+(?:on|to|from)\s+my\b`)},
		{"ask", regexp.MustCompile(`\bfor (?:those|everyone|anyone|people) (?:who )?(?:asked|asking|wondering)\b`)},
		{"answer", regexp.MustCompile(`\bto answer (?:the|your|a few|some|a couple of|the couple of)?\s*(?:q|qs|q's|questions|question)\b`)},
		{"bit ", regexp.MustCompile(`\b(?:a )?bit (?:more|of) (?:background|context)\b`)},
		{"", regexp.MustCompile(`\b(?:forgot to (?:say|mention)|for context|last (?:one|update) on this|quick update|an update)\b`)},
	}
	windowRE = regexp.MustCompile(`\b(yesterday|last night|the other day|last week|this week|earlier this week|earlier this month|this month|last month|last year|few weeks ago|couple of weeks ago|weeks ago|months ago|january|february|march|april|may|june|july|august|september|october|november|december)\b`)
	diffRE   = regexp.MustCompile(`\b(?:(?:a |an |completely |totally |entirely |quite )?(?:different|unrelated|separate|another|other)\s+(?:\w+\s+){0,2}(?:patient|case|lady|chap|man|woman|person|one|story|gent|child|family)s?|not the same (?:patient|person|one)|new topic|general (?:one|question|q))\b`)
)

var months = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

var quoteFolder = strings.NewReplacer("’", "'", "‘", "'")

// readCues finds the cues in a post body.
func readCues(body string) cues {
	s := strings.ToLower(body)
	s = quoteFolder.Replace(s)
	var c cues
	// Every reference may carry a time ("my January post", "last week"); a month named
	// near any of them wins, else the widest window, so that a stray "last week" near a
	// weaker cue cannot hide the profile the post names.
	for _, b := range backRefs {
		if b.gate != "" && !strings.Contains(s, b.gate) {
			continue
		}
		for _, loc := range b.re.FindAllStringIndex(s, -1) {
			c.BackRef = true
			lo, hi := max(0, loc[0]-80), min(len(s), loc[1]+80)
			for _, w := range windowRE.FindAllString(s[lo:hi], -1) {
				if m := slices.Index(months, w); m >= 0 {
					c.Month = m + 1
				}
				if win := windowOf(w); c.Window >= 0 && win > c.Window {
					c.Window = win
				}
			}
			if !windowRE.MatchString(s[lo:hi]) {
				c.Window = -1 // a reference with no time: open
			}
		}
	}
	if c.Window < 0 {
		c.Window = 0
	}
	c.Different = diffRE.MatchString(s)
	c.Marks = readMarks(body)
	return c
}

func windowOf(w string) time.Duration {
	day := 24 * time.Hour
	switch w {
	case "yesterday", "last night", "the other day":
		return 4 * day
	case "this week", "earlier this week":
		return 9 * day
	case "last week":
		return 16 * day
	case "earlier this month", "this month", "couple of weeks ago", "few weeks ago", "weeks ago":
		return 45 * day
	case "last month":
		return 70 * day
	case "months ago":
		return 365 * day
	case "last year":
		return 730 * day
	}
	return 400 * day // a month name: within about a year
}
