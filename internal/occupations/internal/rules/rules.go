// Package rules holds the rules that both the occupation generator and package occupations
// apply to a job title: its weight when a unit group's people are shared among its titles,
// and whether one person holds it per institution.
package rules

import (
	"math"
	"regexp"
	"strings"

	"github.com/mosaicgw/mosaic/internal/lexis"
)

// Weight is a title's share weight: 2^-((b-10)/15) for each word, b being the word's SCOWL
// size (95 when no list has it), times a quarter for each word after the first; titles
// placed by a matcher rather than by the ONS count a quarter. A title of common words
// ("farmer") thus outweighs a rare one ("crofter"), and a plain title its qualified forms
// ("tenant farmer").
func Weight(title string, matched bool) float64 {
	words := strings.Fields(strings.ReplaceAll(title, "-", " "))
	w := 1.0
	for i, word := range words {
		b := lexis.Commonness(word)
		if b == 0 {
			b = 95
		}
		w *= math.Pow(2, -float64(b-10)/15)
		if i > 0 {
			w *= 0.25
		}
	}
	if matched {
		w *= 0.25
	}
	return w
}

// Institutions: a title naming the holder of an office over one of these (or anything
// WordNet files below one) is held by one person per institution.
var Institutions = []string{"establishment", "institution", "organization", "facility", "installation",
	"building", "station", "business", "enterprise", "company", "firm", "port", "school", "church",
	"club", "team", "crew", "plant", "works", "factory", "office", "practice", "shop", "store", "hotel",
	"restaurant", "library", "museum", "prison", "hospital", "farm", "estate", "parish", "distillery", "brewery"}

// OfficeHeads are title heads that name the one person over something.
var OfficeHeads = map[string]bool{"manager": true, "master": true, "keeper": true, "director": true, "governor": true,
	"warden": true, "superintendent": true, "administrator": true, "proprietor": true, "owner": true, "principal": true,
	"mistress": true}

// IsInstitution reports whether a noun is, or is a kind of, one of Institutions.
func IsInstitution(noun string) bool {
	n := lexis.Lemma(noun, lexis.Noun)
	for _, i := range Institutions {
		if n == i || lexis.IsA(n, i) {
			return true
		}
	}
	return false
}

var chargeGloss = regexp.MustCompile(`^(the |presiding )|\bin charge of\b|\bthe head of\b`)

// Unique reports whether one person holds the title per institution: "head ..." and
// "chief ..."; "head" joined to a title ("headteacher"); an office head over an institution
// noun, spaced or closed ("station manager", "harbourmaster"); or a WordNet gloss (gloss,
// "" if none) that says "the ... of" or "in charge of" ("coxswain": the helmsman of a
// ship's boat).
func Unique(title, gloss string, isTitle func(string) bool) bool {
	words := strings.Fields(title)
	switch {
	case len(words) > 1 && (words[0] == "head" || words[0] == "chief"):
		return true
	case gloss != "" && chargeGloss.MatchString(gloss):
		return true
	case len(words) == 1 && strings.HasPrefix(title, "head") && len(title) > 6 && gloss == "" && isTitle(title[4:]):
		return true
	case len(words) > 1 && OfficeHeads[words[len(words)-1]] && IsInstitution(words[len(words)-2]):
		return true
	case len(words) == 1:
		for h := range OfficeHeads {
			if m := strings.TrimSuffix(title, h); m != title && len(m) >= 3 && IsInstitution(m) {
				return true
			}
		}
	}
	return false
}
