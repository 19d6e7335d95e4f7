package policy_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mosaicgw/mosaic/internal/policy"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

const (
	members = mosaicv1.Audience_AUDIENCE_MEMBERS
	public  = mosaicv1.Audience_AUDIENCE_PUBLIC
	held    = mosaicv1.Decision_DECISION_HELD
	rel     = mosaicv1.Decision_DECISION_RELEASED
	hold    = mosaicv1.Severity_SEVERITY_HOLD
	advise  = mosaicv1.Severity_SEVERITY_ADVISORY
)

func kind(name string) mosaicv1.FindingKind {
	return mosaicv1.FindingKind(mosaicv1.FindingKind_value["FINDING_KIND_"+name])
}

func assessment(forum string, au mosaicv1.Audience, findings ...*mosaicv1.Finding) *mosaicv1.Assessment {
	return &mosaicv1.Assessment{
		Post:     &mosaicv1.Post{PostId: "p1", Revision: 1, AuthorId: "a1", ForumId: forum, Audience: au, Body: "text"},
		Findings: findings,
	}
}

func finding(name string, sev mosaicv1.Severity) *mosaicv1.Finding {
	return &mosaicv1.Finding{Kind: kind(name), Severity: sev, Explanation: name}
}

func TestDefaultMatchesDeployCopy(t *testing.T) {
	deploy, err := os.ReadFile(filepath.Join("..", "..", "deploy", "policy", "mosaic-policy.yaml"))
	if err != nil {
		t.Fatalf("the documented default policy file: %v", err)
	}
	if !bytes.Equal(deploy, policy.DefaultYAML()) {
		t.Fatal("deploy/policy/mosaic-policy.yaml differs from internal/policy/default.yaml: copy one to the other")
	}
	p, err := policy.Load(filepath.Join("..", "..", "deploy", "policy", "mosaic-policy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Version() != policy.Default().Version() {
		t.Fatalf("versions differ: %s vs %s", p.Version(), policy.Default().Version())
	}
}

// TestDefaultSeverities: the default rules, each kind alone, whatever severity
// the detector gave it.
func TestDefaultSeverities(t *testing.T) {
	p := policy.Default()
	want := map[string]mosaicv1.Decision{
		"DIRECT_IDENTIFIER": held, "QUASI_IDENTIFIERS": held, "CUMULATIVE_REIDENTIFICATION": held,
		"ABUSIVE_COMMENT": held, "RAISING_CONCERN": held, "PUBLIC_PATIENT_CASE": held,
		"CONFLICT_OF_INTEREST": rel, "BOUNDARY": rel, "IDENTITY": rel,
	}
	for name, dec := range want {
		for _, detector := range []mosaicv1.Severity{0, advise, hold} {
			if name == "BOUNDARY" && detector == hold {
				continue // held by the boundary rule: TestBoundaryHeldWhenPatientIdentified
			}
			v := p.Decide(assessment("gp-chat", members, finding(name, detector)))
			if v.Decision != dec {
				t.Errorf("%s (detector severity %s): %s, want %s (%s)", name, detector, v.Decision, dec, v.Reason)
			}
			wantSev := advise
			if dec == held {
				wantSev = hold
			}
			if len(v.Findings) != 1 || v.Findings[0].Severity != wantSev {
				t.Errorf("%s: findings %v", name, v.Findings)
			}
		}
	}
	if v := p.Decide(assessment("gp-chat", members)); v.Decision != rel || v.Reason != "released: no findings" {
		t.Errorf("no findings: %s %q", v.Decision, v.Reason)
	}
}

func TestBoundaryHeldWhenPatientIdentified(t *testing.T) {
	p := policy.Default()
	a := assessment("ethics", members, finding("BOUNDARY", advise))
	if v := p.Decide(a); v.Decision != rel {
		t.Fatalf("boundary alone: %s %s", v.Decision, v.Reason)
	}
	a.Details = []*mosaicv1.Detail{{Kind: "social_handle", Value: "@someone", Subject: mosaicv1.Subject_SUBJECT_PATIENT, Direct: true, Confidence: 0.9}}
	v := p.Decide(a)
	if v.Decision != held || v.Findings[0].Severity != hold {
		t.Fatalf("boundary with the patient's handle: %s %v", v.Decision, v.Findings)
	}
	// Identified as the conduct checker saw it (it gave the finding hold severity).
	if v := p.Decide(assessment("ethics", members, finding("BOUNDARY", hold))); v.Decision != held {
		t.Fatalf("boundary the detector holds: %s %s", v.Decision, v.Reason)
	}
	// Identified through a cumulative finding: both hold.
	a = assessment("ethics", members, finding("BOUNDARY", advise), finding("CUMULATIVE_REIDENTIFICATION", hold))
	v = p.Decide(a)
	if v.Decision != held || v.Findings[0].Severity != hold {
		t.Fatalf("boundary with cumulative finding: %v", v.Findings)
	}
}

func TestPublicPatientIdentifierRule(t *testing.T) {
	p := policy.Default()
	mk := func(au mosaicv1.Audience, conf float64, subj mosaicv1.Subject, direct bool) *mosaicv1.Assessment {
		a := assessment("careers", au)
		a.Details = []*mosaicv1.Detail{{Kind: "phone", Value: "07700900000", Subject: subj, Confidence: conf, Direct: direct}}
		return a
	}
	if v := p.Decide(mk(public, 0.9, mosaicv1.Subject_SUBJECT_PATIENT, true)); v.Decision != held || !strings.Contains(v.Reason, "public-patient-identifier") {
		t.Fatalf("public patient identifier: %s %q", v.Decision, v.Reason)
	}
	for name, a := range map[string]*mosaicv1.Assessment{
		"members":          mk(members, 0.9, mosaicv1.Subject_SUBJECT_PATIENT, true),
		"author's own":     mk(public, 0.9, mosaicv1.Subject_SUBJECT_AUTHOR, true),
		"low confidence":   mk(public, 0.2, mosaicv1.Subject_SUBJECT_PATIENT, true),
		"hypothetical":     mk(public, 0.9, mosaicv1.Subject_SUBJECT_HYPOTHETICAL, true),
		"describing only":  mk(public, 0.9, mosaicv1.Subject_SUBJECT_PATIENT, false),
		"public figure id": mk(public, 0.9, mosaicv1.Subject_SUBJECT_PUBLIC_FIGURE, true),
	} {
		if v := p.Decide(a); v.Decision != rel {
			t.Errorf("%s: %s %q", name, v.Decision, v.Reason)
		}
	}
}

func TestFailClosed(t *testing.T) {
	p := policy.Default()
	cases := map[string]*mosaicv1.Assessment{
		"nil assessment":       nil,
		"no post":              {Findings: []*mosaicv1.Finding{finding("IDENTITY", advise)}},
		"unspecified audience": assessment("gp-chat", 0),
		"unknown kind":         assessment("gp-chat", members, &mosaicv1.Finding{Kind: 99, Severity: advise}),
		"unspecified kind":     assessment("gp-chat", members, &mosaicv1.Finding{Severity: advise}),
	}
	for name, a := range cases {
		v := p.Decide(a)
		if v.Decision != held {
			t.Errorf("%s: %s, want HELD", name, v.Decision)
		}
		if v.PolicyVersion != p.Version() || v.Reason == "" {
			t.Errorf("%s: version %q reason %q", name, v.PolicyVersion, v.Reason)
		}
	}
}

func TestVerdictCopiesFindings(t *testing.T) {
	f := finding("CONFLICT_OF_INTEREST", hold) // the policy advises
	a := assessment("gp-chat", members, f)
	v := policy.Default().Decide(a)
	if v.Findings[0] == f || f.Severity != hold || v.Findings[0].Severity != advise {
		t.Fatalf("verdict must hold copies: original %s, copy %s", f.Severity, v.Findings[0].Severity)
	}
	if v.Decision != rel || v.Reason != "released with advice: CONFLICT_OF_INTEREST" {
		t.Fatalf("%s %q", v.Decision, v.Reason)
	}
}

const custom = `
version: test-1
risk_threshold_k: 4
severities:
  DIRECT_IDENTIFIER: hold
  QUASI_IDENTIFIERS: hold
  CUMULATIVE_REIDENTIFICATION: hold
  CONFLICT_OF_INTEREST: advise
  IDENTITY: advise
overrides:
  - audience: public
    risk_threshold_k: 20
  - forum: "paeds*"
    risk_threshold_k: 8
  - forum: jobs
    severities:
      CONFLICT_OF_INTEREST: ignore
  - forum: campaigns
    audience: public
    severities:
      IDENTITY: hold
rules:
  - name: small-k-holds
    when: risk_k >= 0.0 && risk_k < threshold
    decision: hold
    reason: risk below threshold
  - name: coi-held-in-prescribing
    kinds: [CONFLICT_OF_INTEREST]
    when: post.forum_id == "prescribing"
    severity: hold
  - name: enum-access
    kinds: [IDENTITY]
    when: assessment.post.audience == mosaic.v1.Audience.AUDIENCE_MEMBERS
    severity: hold
`

func TestOverridesAndRules(t *testing.T) {
	p, err := policy.Parse([]byte(custom), "custom.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		forum string
		au    mosaicv1.Audience
		k     float64
	}{{"gp-chat", members, 4}, {"gp-chat", public, 20}, {"paeds-adolescent", members, 8}, {"paeds", public, 8}} {
		if got := p.Threshold(c.forum, c.au); got != c.k {
			t.Errorf("Threshold(%s, %s) = %v, want %v", c.forum, c.au, got, c.k)
		}
	}
	// Ignored in jobs, advised elsewhere, held by a rule in prescribing.
	if v := p.Decide(assessment("jobs", members, finding("CONFLICT_OF_INTEREST", advise))); v.Decision != rel || len(v.Findings) != 0 {
		t.Errorf("jobs: %s %v", v.Decision, v.Findings)
	}
	if v := p.Decide(assessment("gp-chat", members, finding("CONFLICT_OF_INTEREST", advise))); v.Decision != rel || len(v.Findings) != 1 {
		t.Errorf("gp-chat: %s %v", v.Decision, v.Findings)
	}
	if v := p.Decide(assessment("prescribing", members, finding("CONFLICT_OF_INTEREST", advise))); v.Decision != held {
		t.Errorf("prescribing: %s %q", v.Decision, v.Reason)
	}
	// Forum and audience together.
	if v := p.Decide(assessment("campaigns", public, finding("IDENTITY", advise))); v.Decision != held {
		t.Errorf("campaigns public identity: %s", v.Decision)
	}
	if v := p.Decide(assessment("other", public, finding("IDENTITY", advise))); v.Decision != rel {
		t.Errorf("other public identity: %s", v.Decision)
	}
	// Enum constants in CEL.
	if v := p.Decide(assessment("other", members, finding("IDENTITY", advise))); v.Decision != held {
		t.Errorf("enum rule: %s %q", v.Decision, v.Reason)
	}
	// A decision rule over the risk.
	a := assessment("gp-chat", members)
	a.Risk = &mosaicv1.Risk{EstimatedMatches: 2}
	if v := p.Decide(a); v.Decision != held || !strings.Contains(v.Reason, "small-k-holds") {
		t.Errorf("risk rule: %s %q", v.Decision, v.Reason)
	}
	a.Risk.EstimatedMatches = 50
	if v := p.Decide(a); v.Decision != rel {
		t.Errorf("risk rule, large k: %s %q", v.Decision, v.Reason)
	}
	// A kind the file leaves out keeps the detector's severity.
	if v := p.Decide(assessment("gp-chat", members, finding("BOUNDARY", advise))); v.Decision != rel {
		t.Errorf("unlisted kind, advisory: %s", v.Decision)
	}
	if v := p.Decide(assessment("gp-chat", members, finding("BOUNDARY", 0))); v.Decision != held {
		t.Errorf("unlisted kind, no severity: %s (fail closed)", v.Decision)
	}
}

func TestRuleEvaluationErrorHolds(t *testing.T) {
	p, err := policy.Parse([]byte(`
version: t
risk_threshold_k: 5
rules:
  - name: divides-by-zero
    when: 1 / (size(kinds) - size(kinds)) == 1
    decision: hold
    reason: never
`), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	v := p.Decide(assessment("gp-chat", members))
	if v.Decision != held || !strings.Contains(v.Reason, "fail closed") || !strings.Contains(v.Reason, "divides-by-zero") {
		t.Fatalf("%s %q", v.Decision, v.Reason)
	}
}

func TestVersionHashesContent(t *testing.T) {
	a, err := policy.Parse([]byte("version: v1\nrisk_threshold_k: 5\n"), "a")
	if err != nil {
		t.Fatal(err)
	}
	b, err := policy.Parse([]byte("version: v1\nrisk_threshold_k: 6\n"), "b")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Version(), "v1+") || a.Version() == b.Version() {
		t.Fatalf("versions %q and %q", a.Version(), b.Version())
	}
	if v := a.Decide(assessment("x", members)); v.PolicyVersion != a.Version() {
		t.Fatalf("verdict version %q", v.PolicyVersion)
	}
}

func TestValidationErrors(t *testing.T) {
	base := "version: v\nrisk_threshold_k: 5\n"
	cases := []struct{ name, yaml, want string }{
		{"unknown field", base + "severites: {}\n", "severites"},
		{"empty file", "", "the file is empty"},
		{"missing version", "risk_threshold_k: 5\n", "version: required"},
		{"missing threshold", "version: v\n", "risk_threshold_k"},
		{"negative threshold", "version: v\nrisk_threshold_k: -1\n", "risk_threshold_k"},
		{"not yaml", "version: [\n", "custom"},
		{"unknown kind", base + "severities: {DIRECT_IDENTIFER: hold}\n", "severities: DIRECT_IDENTIFER: unknown finding kind"},
		{"bad severity", base + "severities: {BOUNDARY: block}\n", `BOUNDARY: "block" is not hold, advise or ignore`},
		{"ignore identification", base + "severities: {QUASI_IDENTIFIERS: ignore}\n", "ignore is not allowed"},
		{"override audience", base + "overrides: [{audience: everyone, risk_threshold_k: 3}]\n", "overrides[0].audience"},
		{"override pattern", base + "overrides: [{forum: \"[\", risk_threshold_k: 3}]\n", "overrides[0].forum"},
		{"override threshold", base + "overrides: [{forum: x, risk_threshold_k: 0.5}]\n", "overrides[0].risk_threshold_k"},
		{"override matches all", base + "overrides: [{risk_threshold_k: 3}]\n", "overrides[0]: needs forum or audience"},
		{"override severity", base + "overrides: [{forum: x, severities: {IDENTITY: maybe}}]\n", "overrides[0].severities: IDENTITY"},
		{"rule without name", base + "rules: [{when: 'true', severity: hold}]\n", "rules[0].name: required"},
		{"duplicate rule", base + "rules: [{name: a, when: 'true', severity: hold}, {name: a, when: 'true', severity: hold}]\n", "rules[1] (a).name: duplicate"},
		{"both actions", base + "rules: [{name: r, when: 'true', severity: hold, decision: hold, reason: x}]\n", "rules[0] (r).severity, decision"},
		{"no action", base + "rules: [{name: r, when: 'true'}]\n", "rules[0] (r).severity or decision"},
		{"release rule", base + "rules: [{name: r, when: 'true', decision: release, reason: x}]\n", "never force its release"},
		{"decision without reason", base + "rules: [{name: r, when: 'true', decision: hold}]\n", "rules[0] (r).reason"},
		{"decision with kinds", base + "rules: [{name: r, kinds: [BOUNDARY], when: 'true', decision: hold, reason: x}]\n", "rules[0] (r).kinds"},
		{"rule unknown kind", base + "rules: [{name: r, kinds: [BOUNDRY], when: 'true', severity: hold}]\n", "rules[0] (r).kinds[0]: BOUNDRY"},
		{"missing when", base + "rules: [{name: r, severity: hold}]\n", "rules[0] (r).when: required"},
		{"CEL syntax", base + "rules: [{name: r, when: 'kind ==', severity: hold}]\n", "rules[0] (r).when:"},
		{"CEL undeclared", base + "rules: [{name: r, when: 'forum_name == \"x\"', severity: hold}]\n", "undeclared reference to 'forum_name'"},
		{"CEL not bool", base + "rules: [{name: r, when: 'risk_k + 1.0', severity: hold}]\n", "must be a bool expression"},
		{"CEL bad field", base + "rules: [{name: r, when: 'post.forum == \"x\"', severity: hold}]\n", "rules[0] (r).when"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := policy.Parse([]byte(c.yaml), "custom.yaml")
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, policy.ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid: %v", err)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "custom.yaml") {
				t.Errorf("error %q does not name %q and the file", err, c.want)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	if _, err := policy.Load(filepath.Join(t.TempDir(), "nope.yaml")); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err %v", err)
	}
}
