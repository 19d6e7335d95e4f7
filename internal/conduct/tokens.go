package conduct

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// token is one word of a post, with its byte span in the original body. Every check
// reads the same token slice: the body is tokenised once per Check.
type token struct {
	// norm is the lower-cased word with typographic apostrophes folded to ', full-width
	// forms narrowed and invisible format characters (zero-width spaces and joiners)
	// dropped, so "Id\u200biot" and "ｉｄｉｏｔ" both read "idiot".
	norm string
	// start and end are byte offsets into the body (end exclusive).
	start, end int
	// sent numbers the sentence (or ';'-separated clause) the token is in.
	sent int
	// upper is set when the word starts with an upper-case letter in the body.
	upper bool
	// sentStart is set for the first word of a sentence, where capitals say nothing.
	sentStart bool
	// symbol marks the single-character tokens the tokeniser keeps ("%", "@", "#", "+",
	// "£", "$", "€", "&", "/") because the checks read them ("20 % off", "@handle").
	symbol bool
	// brk marks a word after clause punctuation: a comma, colon, bracket or dash
	// ("Dr A, the locum at ..., is"; "X – you know who – is").
	brk bool
}

// sentenceAbbrevs end with a full stop that does not end a sentence.
var sentenceAbbrevs = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "st": true, "no": true,
	"vs": true, "etc": true, "approx": true, "e.g": true, "i.e": true, "fig": true,
	"ref": true, "sr": true, "jr": true, "rev": true, "nos": true,
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isFormat reports invisible characters that posters insert inside words to dodge
// matching (zero-width space, joiners, soft hyphen, word joiner).
func isFormat(r rune) bool {
	return unicode.Is(unicode.Cf, r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u2018' || r == '\u02bc'
}

func keptSymbol(r rune) bool {
	switch r {
	case '%', '@', '#', '+', '£', '$', '€', '&', '/':
		return true
	}
	return false
}

// tokenise splits body into words and kept symbols in one pass. Apostrophes, full stops
// and '@' between word characters stay inside the word ("don't", "4.3", "e.g",
// "name@example.com"); '-' splits words. Sentences end at '.', '!', '?', ';' and
// newlines, except after a known abbreviation or between digits.
func tokenise(body string) []token {
	toks := make([]token, 0, len(body)/5+1)
	sent := 0
	newSent := true
	brk := false
	var sb strings.Builder
	i := 0
	for i < len(body) {
		// ASCII spaces and punctuation other than the kept symbols and sentence ends are
		// skipped without decoding.
		if c := body[i]; c < utf8.RuneSelf && !isASCIIWord(c) && !keptSymbol(rune(c)) && !sentenceEnd(c) {
			if clausePunct(body, i) {
				brk = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(body[i:])
		switch {
		case isWordRune(r) || (isFormat(r) && i+size < len(body) && nextIsWord(body[i+size:])):
			start := i
			plain := true // ASCII lower case and digits only: the body text is the norm
			for i < len(body) {
				c := body[i]
				if c < utf8.RuneSelf {
					switch {
					case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
						i++
						continue
					case 'A' <= c && c <= 'Z':
						plain = false
						i++
						continue
					case (c == '\'' || c == '.' || c == '@' || c == '_') && i+1 < len(body) && nextIsWord(body[i+1:]):
						// Inner joiners stay when a word character follows.
						i++
						continue
					}
					break
				}
				r, size = utf8.DecodeRuneInString(body[i:])
				if isWordRune(r) || isFormat(r) || (isApostrophe(r) && i+size < len(body) && nextIsWord(body[i+size:])) {
					plain = false
					i += size
					continue
				}
				break
			}
			raw := body[start:i]
			norm := raw
			if !plain {
				norm = foldWord(&sb, raw)
			}
			fr, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(raw, isFormat))
			toks = append(toks, token{norm: norm, start: start, end: i, sent: sent, upper: unicode.IsUpper(fr) || unicode.IsTitle(fr), sentStart: newSent, brk: brk && !newSent})
			newSent, brk = false, false
		case keptSymbol(r):
			toks = append(toks, token{norm: string(r), start: i, end: i + size, sent: sent, symbol: true, sentStart: newSent})
			i += size
		case r == '.' || r == '!' || r == '?' || r == ';' || r == '\n' || r == '…':
			if r == '.' && len(toks) > 0 && toks[len(toks)-1].end == i && sentenceAbbrevs[toks[len(toks)-1].norm] {
				i += size
				continue
			}
			if !newSent {
				sent++
				newSent = true
			}
			brk = false
			i += size
		case r == '\u2013' || r == '\u2014':
			brk = true
			i += size
		default:
			i += size
		}
	}
	return toks
}

func nextIsWord(s string) bool {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if isFormat(r) {
			s = s[size:]
			continue
		}
		return isWordRune(r)
	}
	return false
}

func appendFolded(sb *strings.Builder, r rune) {
	if r >= utf8.RuneSelf {
		// Full-width and other compatibility forms to their narrow equivalents.
		if k := width.LookupRune(r).Kind(); k == width.EastAsianFullwidth || k == width.EastAsianHalfwidth {
			if n := width.LookupRune(r).Narrow(); n != 0 {
				r = n
			}
		}
	}
	sb.WriteRune(unicode.ToLower(r))
}

// foldWord lower-cases a word, drops format characters, folds typographic apostrophes
// to ' and full-width forms to their narrow equivalents.
func foldWord(sb *strings.Builder, raw string) string {
	sb.Reset()
	for _, r := range raw {
		switch {
		case isFormat(r):
		case isApostrophe(r):
			sb.WriteByte('\'')
		default:
			appendFolded(sb, r)
		}
	}
	return sb.String()
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// clausePunct reports ASCII punctuation at body[i] that separates clauses: a comma,
// colon, bracket, or a hyphen with a space beside it (a dash, not "two-faced").
func clausePunct(body string, i int) bool {
	switch body[i] {
	case ',', ':', '(', ')':
		return true
	case '-':
		return (i > 0 && body[i-1] == ' ') || (i+1 < len(body) && body[i+1] == ' ')
	}
	return false
}

func sentenceEnd(c byte) bool {
	return c == '.' || c == '!' || c == '?' || c == ';' || c == '\n'
}

func isUpperRune(r rune) bool  { return unicode.IsUpper(r) || unicode.IsTitle(r) }
func isLetterRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }
