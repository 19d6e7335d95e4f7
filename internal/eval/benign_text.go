package eval

import (
	"github.com/mosaicgw/mosaic/internal/extract"
)

// BenignTextReport measures the extractor alone on texts that describe no patient
// (e.g. MedQuAD's consumer-health answers): how many texts still yield a direct
// identifier, or any detail the extractor attributes to a specific patient or their
// relative. Population statements ("adults over 65", "people with diabetes") and
// general facts are not patient details.
type BenignTextReport struct {
	Texts int `json:"texts"`
	// PatientDetail counts texts with a direct identifier or a quasi-identifier about a
	// specific patient or relative (sex alone, inferred from a pronoun, does not count).
	PatientDetail      int     `json:"patient_detail_texts"`
	PatientDetailShare float64 `json:"patient_detail_share"`
	// Identifier counts texts with a direct identifier: the extractor-level proxy for
	// a hold, since one direct identifier is enough to hold a post.
	Identifier      int     `json:"identifier_texts"`
	IdentifierShare float64 `json:"identifier_share"`
	// ByKind counts texts with a patient detail of each kind.
	ByKind map[string]int `json:"by_kind"`
	// Examples holds up to ten flagged details as "kind: text", for inspection.
	Examples []string `json:"examples,omitempty"`
}

// PatientDetail reports whether d is a detail about a specific patient (or their
// relative) that a moderator would act on: a direct identifier, or a
// quasi-identifier other than sex attributed to a patient or relative.
func PatientDetail(d extract.Detail) bool {
	if d.Negated {
		return false
	}
	if d.Direct {
		switch d.Subject {
		case extract.SubjectColleague, extract.SubjectPublicFigure, extract.SubjectAuthor:
			// Named colleagues, historical figures and helplines are not patients.
			return false
		}
		return true
	}
	if d.Kind == extract.KindSex || d.Relative {
		return false
	}
	return d.Subject == extract.SubjectPatient || d.Subject == extract.SubjectRelative
}

// ScoreBenignTexts runs ex over texts and counts those with patient details.
func ScoreBenignTexts(texts []string, ex *extract.Extractor) BenignTextReport {
	r := BenignTextReport{Texts: len(texts), ByKind: map[string]int{}}
	for _, text := range texts {
		kinds := map[string]bool{}
		ident := false
		for _, d := range ex.Extract(text, extract.Context{}) {
			if !PatientDetail(d) {
				continue
			}
			kinds[string(d.Kind)] = true
			if d.Direct {
				ident = true
			}
			if len(r.Examples) < 10 {
				r.Examples = append(r.Examples, string(d.Kind)+": "+text[d.Start:d.End])
			}
		}
		if len(kinds) > 0 {
			r.PatientDetail++
		}
		if ident {
			r.Identifier++
		}
		for k := range kinds {
			r.ByKind[k]++
		}
	}
	if r.Texts > 0 {
		r.PatientDetailShare = float64(r.PatientDetail) / float64(r.Texts)
		r.IdentifierShare = float64(r.Identifier) / float64(r.Texts)
	}
	return r
}
