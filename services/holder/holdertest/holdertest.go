// Package holdertest builds assessments for tests of the review queue: a cumulative
// (mosaic effect) hold whose finding has spans in two posts, built by hand so that the
// tests of the people-facing side do not depend on the detectors' current tuning.
package holdertest

import (
	"math"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// AuditKey is a fixed audit signing key for tests (holder.Options.AuditKey).
var AuditKey = []byte("mosaic-test-audit-key-0123456789abcdef")

// UKPopulation matches the risk model's starting population.
const UKPopulation = 67_600_000.0

// Bodies of the cumulative pair. Each is harmless alone; together they single out one
// person.
const (
	EarlierBody = "Lovely morning clinic. Saw a retired lighthouse keeper from Keswick, 94 and still walking up Latrigg every week."
	HeldBody    = "Follow-up on my 94-year-old former lighthouse keeper: biopsy confirms Erdheim-Chester disease. Any experience with vemurafenib at that age?"
)

// Post returns a members-forum post.
func Post(id, author, forum, body string, at time.Time) *mosaicv1.Post {
	return &mosaicv1.Post{PostId: id, Revision: 1, AuthorId: author, ForumId: forum, Body: body,
		Audience:  mosaicv1.Audience_AUDIENCE_MEMBERS,
		Author:    &mosaicv1.Author{DisplayName: "Dr " + author, Role: "GP", PracticeLocation: "Keswick, Cumbria"},
		CreatedAt: timestamppb.New(at)}
}

// Span locates the first occurrence of text in body.
func Span(post, body, text, kind string) *mosaicv1.Span {
	i := strings.Index(body, text)
	if i < 0 {
		panic("holdertest: " + text + " is not in the body of " + post)
	}
	return &mosaicv1.Span{PostId: post, Revision: 1, Start: uint32(i), End: uint32(i + len(text)), Text: text, DetailKind: kind}
}

// Cumulative returns the assessments of two posts by author in forum: the earlier one
// (no findings: released when decided) and the later one, held with a
// CUMULATIVE_REIDENTIFICATION finding whose spans lie in both posts, a risk whose
// factors come from both, and a fix suggestion.
func Cumulative(earlierID, heldID, author, forum string, at time.Time) (earlier, held *mosaicv1.Assessment) {
	ep := Post(earlierID, author, forum, EarlierBody, at)
	hp := Post(heldID, author, forum, HeldBody, at.Add(72*time.Hour))
	detail := func(s *mosaicv1.Span, kind, value string) *mosaicv1.Detail {
		return &mosaicv1.Detail{Kind: kind, Value: value, Span: s, Confidence: 1, Subject: mosaicv1.Subject_SUBJECT_PATIENT}
	}
	town := detail(Span(earlierID, EarlierBody, "Keswick", "town"), "town", "keswick")
	job := detail(Span(earlierID, EarlierBody, "lighthouse keeper", "occupation"), "occupation", "lighthouse keeper")
	age := detail(Span(earlierID, EarlierBody, "94", "age"), "age", "94")
	cond := detail(Span(heldID, HeldBody, "Erdheim-Chester disease", "condition"), "condition", "erdheim-chester disease")
	ageAgain := detail(Span(heldID, HeldBody, "94-year-old", "age"), "age", "94")
	jobAgain := detail(Span(heldID, HeldBody, "lighthouse keeper", "occupation"), "occupation", "lighthouse keeper")
	factors := []*mosaicv1.RiskFactor{
		{Detail: town, Bits: math.Log2(UKPopulation / 5200)},
		{Detail: cond, Bits: 14.2},
		{Detail: job, Bits: 4.0},
		{Detail: age, Bits: 5.2},
	}
	var total float64
	for _, f := range factors {
		total += f.Bits
	}
	for _, f := range factors {
		f.Share = f.Bits / total
	}
	k := UKPopulation / math.Exp2(total)
	risk := &mosaicv1.Risk{
		EstimatedMatches: k, Bits: math.Log2(5200 / k), Population: 5200, PopulationPlace: "keswick",
		Factors: factors, LinkedPostIds: []string{earlierID}, Threshold: 5, LinkConfidence: 0.9,
		FixSuggestion: `say "a rare histiocytic disorder" instead of "Erdheim-Chester disease"`,
	}
	finding := &mosaicv1.Finding{
		Kind: mosaicv1.FindingKind_FINDING_KIND_CUMULATIVE_REIDENTIFICATION, Severity: mosaicv1.Severity_SEVERITY_HOLD,
		Spans:       []*mosaicv1.Span{town.Span, job.Span, age.Span, cond.Span, ageAgain.Span, jobAgain.Span},
		Explanation: "Together with your earlier post, this post narrows the patient down to fewer than one person in Keswick.",
		Guidance:    &mosaicv1.Guidance{Paragraph: "confidentiality", Text: "Patients' information is confidential, including after they die."},
		Suggestion:  risk.FixSuggestion,
	}
	earlier = &mosaicv1.Assessment{Post: ep, Details: []*mosaicv1.Detail{town, job, age}, AcceptedAt: ep.CreatedAt,
		AssessedAt: ep.CreatedAt, DetectorVersion: "test-detect/1"}
	held = &mosaicv1.Assessment{Post: hp, Details: []*mosaicv1.Detail{cond, ageAgain, jobAgain}, Findings: []*mosaicv1.Finding{finding},
		Risk: risk, AcceptedAt: hp.CreatedAt, AssessedAt: hp.CreatedAt, DetectorVersion: "test-detect/1"}
	return earlier, held
}

// DirectIdentifier returns the assessment of a post held for a direct identifier
// (an NHS number) in its body.
func DirectIdentifier(id, author, forum string, at time.Time) *mosaicv1.Assessment {
	body := "Referral bounced again for NHS number 943 476 5919; anyone know the 2WW fax?"
	p := Post(id, author, forum, body, at)
	return &mosaicv1.Assessment{Post: p, AcceptedAt: p.CreatedAt, DetectorVersion: "test-detect/1",
		Findings: []*mosaicv1.Finding{{
			Kind: mosaicv1.FindingKind_FINDING_KIND_DIRECT_IDENTIFIER, Severity: mosaicv1.Severity_SEVERITY_HOLD,
			Spans:       []*mosaicv1.Span{Span(id, body, "943 476 5919", "nhs_number")},
			Explanation: "The post contains a patient's NHS number.",
			Guidance:    &mosaicv1.Guidance{Paragraph: "confidentiality", Text: "Patients' information is confidential."},
			Suggestion:  "Remove the NHS number.",
		}}}
}

// ConductBody is the text of the conduct hold.
const ConductBody = "Dr Jones at St Mary's is a useless drunk and everyone on the ward knows it."

// Conduct returns the assessment of a post held for an abusive comment about a
// colleague. Like the linker's, its risk estimates the people matching the details it
// mentions (many: no patient is identifiable), which the console must not present as
// the reason for the hold.
func Conduct(id, author, forum string, at time.Time) *mosaicv1.Assessment {
	p := Post(id, author, forum, ConductBody, at)
	return &mosaicv1.Assessment{Post: p, AcceptedAt: p.CreatedAt, AssessedAt: p.CreatedAt, DetectorVersion: "test-detect/1",
		Risk: &mosaicv1.Risk{EstimatedMatches: 33_800_000, Population: UKPopulation, PopulationPlace: "uk", Threshold: 5},
		Findings: []*mosaicv1.Finding{{
			Kind: mosaicv1.FindingKind_FINDING_KIND_ABUSIVE_COMMENT, Severity: mosaicv1.Severity_SEVERITY_HOLD,
			Spans:       []*mosaicv1.Span{Span(id, ConductBody, "Dr Jones", "person")},
			Explanation: "The post makes a gratuitous comment about an identifiable colleague.",
			Guidance:    &mosaicv1.Guidance{Paragraph: "15", Text: "Do not bully or make gratuitous comments about colleagues."},
		}}}
}
