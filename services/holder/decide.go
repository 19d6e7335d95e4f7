package holder

import (
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// SeverityDecider holds a post when any finding is of hold severity and releases it
// otherwise. It is the rule the policy engine falls back to; deployments normally use
// the policy engine, which can change severities per forum and audience.
type SeverityDecider struct{}

// Decide implements Decider.
func (SeverityDecider) Decide(a *mosaicv1.Assessment) Verdict {
	v := Verdict{Decision: mosaicv1.Decision_DECISION_RELEASED, Findings: a.GetFindings(), PolicyVersion: "builtin-severity", Reason: "no finding holds the post"}
	for _, f := range a.GetFindings() {
		if f.GetSeverity() == mosaicv1.Severity_SEVERITY_HOLD {
			v.Decision = mosaicv1.Decision_DECISION_HELD
			v.Reason = "held: " + f.GetKind().String()
			break
		}
	}
	return v
}
