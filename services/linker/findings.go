package linker

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/guidance"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// identifiesPatient reports whether a direct identifier is about a patient or their
// family. A colleague's name or the author's own practice phone number is not a
// confidentiality breach (other checks look at colleagues); an unknown subject counts,
// because a direct identifier of an unknown person is exactly what a careful moderator
// would not let through.
func identifiesPatient(d extract.Detail) bool {
	if !d.Direct || d.Negated {
		return false
	}
	switch d.Subject {
	case extract.SubjectPatient, extract.SubjectRelative, extract.SubjectUnknown:
		return true
	}
	return false
}

var kindLabel = map[extract.Kind]string{
	extract.KindPersonName:   "name",
	extract.KindNHSNumber:    "NHS number",
	extract.KindCHINumber:    "CHI number",
	extract.KindHCNumber:     "Health and Care number",
	extract.KindHospitalNo:   "hospital number",
	extract.KindNINumber:     "National Insurance number",
	extract.KindDateOfBirth:  "full date of birth",
	extract.KindPostcode:     "full postcode",
	extract.KindAddress:      "street address",
	extract.KindPhone:        "phone number",
	extract.KindEmail:        "email address",
	extract.KindSocialHandle: "social media handle",
	extract.KindURL:          "profile link",
	extract.KindVehicleReg:   "vehicle registration",
}

func label(k extract.Kind) string {
	if l, ok := kindLabel[k]; ok {
		return l
	}
	return strings.ReplaceAll(string(k), "_", " ")
}

// directFindings turns direct identifiers about a patient into one finding: any one of
// them is enough to identify the person, so the post is held whatever else it says.
func directFindings(post *mosaicv1.Post, details []extract.Detail) []*mosaicv1.Finding {
	var spans []*mosaicv1.Span
	kinds := map[string]bool{}
	for _, d := range details {
		if !identifiesPatient(d) {
			continue
		}
		kinds[label(d.Kind)] = true
		spans = append(spans, spanOf(post, d))
	}
	if len(spans) == 0 {
		return nil
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	what := joinAnd(names)
	return []*mosaicv1.Finding{{
		Kind:        mosaicv1.FindingKind_FINDING_KIND_DIRECT_IDENTIFIER,
		Severity:    mosaicv1.Severity_SEVERITY_HOLD,
		Spans:       spans,
		Explanation: fmt.Sprintf("The post gives the %s of a patient or their family: any one of these identifies the person on its own.", what),
		Guidance:    &mosaicv1.Guidance{Paragraph: guidance.Confidentiality.Number, Text: guidance.Confidentiality.Text},
		Suggestion:  fmt.Sprintf("Remove the %s; describe the patient only in general terms (for example \"a woman in her 60s\").", what),
	}}
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func spanOf(post *mosaicv1.Post, d extract.Detail) *mosaicv1.Span {
	body := post.GetBody()
	s := &mosaicv1.Span{PostId: post.GetPostId(), Revision: post.GetRevision(), Start: uint32(d.Start), End: uint32(d.End), DetailKind: string(d.Kind)}
	if d.Start >= 0 && d.End <= len(body) && d.Start <= d.End {
		s.Text = body[d.Start:d.End]
	}
	return s
}

var subjects = map[extract.Subject]mosaicv1.Subject{
	extract.SubjectPatient:      mosaicv1.Subject_SUBJECT_PATIENT,
	extract.SubjectRelative:     mosaicv1.Subject_SUBJECT_RELATIVE,
	extract.SubjectAuthor:       mosaicv1.Subject_SUBJECT_AUTHOR,
	extract.SubjectColleague:    mosaicv1.Subject_SUBJECT_COLLEAGUE,
	extract.SubjectPopulation:   mosaicv1.Subject_SUBJECT_POPULATION,
	extract.SubjectHypothetical: mosaicv1.Subject_SUBJECT_HYPOTHETICAL,
	extract.SubjectPublicFigure: mosaicv1.Subject_SUBJECT_PUBLIC_FIGURE,
}

// DetailsProto converts extracted details to their wire form.
func DetailsProto(post *mosaicv1.Post, ds []extract.Detail) []*mosaicv1.Detail {
	out := make([]*mosaicv1.Detail, 0, len(ds))
	for _, d := range ds {
		out = append(out, &mosaicv1.Detail{
			Kind:            string(d.Kind),
			Value:           d.Value,
			Generalisations: d.Generalisations,
			Span:            spanOf(post, d),
			Confidence:      d.Confidence,
			Subject:         subjects[d.Subject],
			Negated:         d.Negated,
			Frequency:       d.Frequency,
			Direct:          d.Direct,
		})
	}
	return out
}
