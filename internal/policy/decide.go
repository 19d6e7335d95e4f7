package policy

import (
	"fmt"
	"sort"
	"strings"

	"google.golang.org/protobuf/proto"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Verdict is the holder's decision on one assessment. Its fields match holder.Verdict,
// so the holder can convert it directly.
type Verdict struct {
	// Decision is RELEASED or HELD.
	Decision mosaicv1.Decision
	// Findings are copies of the assessment's findings with Severity set by the policy
	// (findings the policy ignores for this forum are left out).
	Findings      []*mosaicv1.Finding
	PolicyVersion string
	// Reason says in a line why: which findings or rules hold the post.
	Reason string
}

func audienceName(a mosaicv1.Audience) string {
	switch a {
	case mosaicv1.Audience_AUDIENCE_MEMBERS:
		return "members"
	case mosaicv1.Audience_AUDIENCE_PUBLIC:
		return "public"
	}
	return "unspecified"
}

func severityName(s mosaicv1.Severity) string {
	switch s {
	case mosaicv1.Severity_SEVERITY_HOLD:
		return "hold"
	case mosaicv1.Severity_SEVERITY_ADVISORY:
		return "advise"
	}
	return ""
}

// Decide decides on an assessment. It fails closed: an assessment without a post or
// audience, a finding of unknown kind, or a rule that cannot be evaluated holds the post.
//
// For each finding the severity is, in order: the policy's severity for its kind in the
// post's forum and audience; else the severity the detector gave it; else hold. Then
// each finding rule whose kinds and `when` match sets it. The post is held when any
// finding holds or any decision rule matches.
func (p *Policy) Decide(a *mosaicv1.Assessment) Verdict {
	v := Verdict{Decision: mosaicv1.Decision_DECISION_HELD, PolicyVersion: p.version}
	post := a.GetPost()
	if a == nil || post == nil {
		v.Reason = "held: fail closed: the assessment has no post"
		return v
	}
	for _, f := range a.GetFindings() {
		if f != nil {
			v.Findings = append(v.Findings, proto.Clone(f).(*mosaicv1.Finding))
		}
	}
	if post.GetAudience() != mosaicv1.Audience_AUDIENCE_MEMBERS && post.GetAudience() != mosaicv1.Audience_AUDIENCE_PUBLIC {
		v.Reason = "held: fail closed: the post's audience is unspecified"
		return v
	}
	s := p.settingsFor(post.GetForumId(), post.GetAudience())

	vars := p.activation(a, s)
	kept := v.Findings[:0]
	var holds, failures []string
	for _, f := range v.Findings {
		k := f.GetKind()
		if _, known := mosaicv1.FindingKind_name[int32(k)]; !known || k == mosaicv1.FindingKind_FINDING_KIND_UNSPECIFIED {
			f.Severity = mosaicv1.Severity_SEVERITY_HOLD
			kept = append(kept, f)
			holds = append(holds, fmt.Sprintf("unknown finding kind %d", k))
			continue
		}
		if s.ignored[k] {
			continue
		}
		detector := severityName(f.Severity)
		if sev, ok := s.severities[k]; ok {
			f.Severity = sev
		} else if f.Severity != mosaicv1.Severity_SEVERITY_HOLD && f.Severity != mosaicv1.Severity_SEVERITY_ADVISORY {
			f.Severity = mosaicv1.Severity_SEVERITY_HOLD
		}
		for _, r := range p.rules {
			if r.decision || (len(r.kinds) > 0 && !r.kinds[k]) {
				continue
			}
			vars["kind"] = KindName(k)
			vars["severity"] = severityName(f.Severity)
			vars["detector_severity"] = detector
			ok, err := r.eval(vars)
			if err != nil {
				failures = append(failures, err.Error())
				f.Severity = mosaicv1.Severity_SEVERITY_HOLD
				continue
			}
			if ok {
				f.Severity = r.severity
			}
		}
		if f.Severity == mosaicv1.Severity_SEVERITY_HOLD {
			holds = append(holds, KindName(k))
		}
		kept = append(kept, f)
	}
	v.Findings = kept
	vars["kind"], vars["severity"], vars["detector_severity"] = "", "", ""
	var ruleHolds []string
	for _, r := range p.rules {
		if !r.decision {
			continue
		}
		ok, err := r.eval(vars)
		if err != nil {
			failures = append(failures, err.Error())
			continue
		}
		if ok {
			ruleHolds = append(ruleHolds, fmt.Sprintf("%s (%s)", r.name, r.reason))
		}
	}
	switch {
	case len(failures) > 0:
		v.Reason = "held: fail closed: " + strings.Join(failures, "; ")
	case len(holds) > 0 || len(ruleHolds) > 0:
		parts := uniqueSorted(holds)
		parts = append(parts, ruleHolds...)
		v.Reason = "held: " + strings.Join(parts, ", ")
	default:
		v.Decision = mosaicv1.Decision_DECISION_RELEASED
		var adv []string
		for _, f := range v.Findings {
			adv = append(adv, KindName(f.GetKind()))
		}
		if len(adv) > 0 {
			v.Reason = "released with advice: " + strings.Join(uniqueSorted(adv), ", ")
		} else {
			v.Reason = "released: no findings"
		}
	}
	return v
}

func uniqueSorted(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

// patientConfidence is the least extractor confidence at which a detail counts in
// patient_details, the same as the conduct checker's default for public cases.
const patientConfidence = 0.5

// activation builds the CEL variables for an assessment.
func (p *Policy) activation(a *mosaicv1.Assessment, s settings) map[string]any {
	var kinds []string
	identified := false
	for _, f := range a.GetFindings() {
		kinds = append(kinds, KindName(f.GetKind()))
		if identificationKinds[f.GetKind()] {
			identified = true
		}
	}
	var patient, direct int64
	for _, d := range a.GetDetails() {
		if d.GetNegated() || d.GetConfidence() < patientConfidence {
			continue
		}
		if d.GetSubject() == mosaicv1.Subject_SUBJECT_PATIENT || d.GetSubject() == mosaicv1.Subject_SUBJECT_RELATIVE {
			patient++
			if d.GetDirect() {
				direct++
				identified = true
			}
		}
	}
	riskK := -1.0
	if r := a.GetRisk(); r != nil {
		riskK = r.GetEstimatedMatches()
	}
	if kinds == nil {
		kinds = []string{}
	}
	return map[string]any{
		"forum":              a.GetPost().GetForumId(),
		"audience":           audienceName(a.GetPost().GetAudience()),
		"kind":               "",
		"severity":           "",
		"detector_severity":  "",
		"kinds":              kinds,
		"risk_k":             riskK,
		"threshold":          s.k,
		"patient_details":    patient,
		"patient_direct":     direct,
		"patient_identified": identified,
		"assessment":         a,
		"post":               a.GetPost(),
	}
}
