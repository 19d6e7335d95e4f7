// Package norm folds place and organisation names to the key used for look-up, so
// that the generator and the gazetteer agree on it.
package norm

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key folds a name: lower case, accents removed, "&" to "and", hyphens, slashes and
// punctuation to spaces, apostrophes dropped, "saint"/"st." to "st", a leading "the"
// dropped, spaces collapsed. "Stratford-upon-Avon", "Stratford upon Avon" and
// "STRATFORD UPON AVON" share a key; so do "St Helens", "St. Helens" and "Saint Helens";
// "Steòrnabhagh" and "Steornabhagh".
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			s = norm.NFD.String(s)
			break
		}
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == '‘' || r == '.':
			continue
		case r == '&':
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString("and ")
			space = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	out := strings.TrimSpace(b.String())
	if strings.HasPrefix(out, "the ") {
		out = out[4:]
	}
	if strings.Contains(out, "saint") {
		w := strings.Fields(out)
		for i, x := range w {
			if x == "saint" {
				w[i] = "st"
			}
		}
		out = strings.Join(w, " ")
	}
	return out
}

// Words is the number of words in a key.
func Words(key string) int {
	if key == "" {
		return 0
	}
	return strings.Count(key, " ") + 1
}
