package policy

import (
	"errors"
	"fmt"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// The variables a rule's `when` expression can use. The plain ones cover most rules;
// assessment and post give the whole message for the rest.
//
//	forum              string  the post's forum id
//	audience           string  "members", "public" or "unspecified"
//	kind               string  the finding's kind ("BOUNDARY"); "" in decision rules
//	severity           string  the finding's severity so far: "hold" or "advise"; "" in decision rules
//	detector_severity  string  the severity the detector gave the finding ("hold", "advise" or
//	                           ""), e.g. the conduct checker holds a boundary post that names
//	                           the patient's account
//	kinds              list(string)  kinds of all findings on the assessment
//	risk_k             double  estimated number of matching people; -1 when no risk was computed
//	threshold          double  this policy's k for the forum and audience
//	patient_details    int     details about a specific patient (or relative), not negated,
//	                           with extractor confidence at least 0.5
//	patient_direct     int     of those, direct identifiers
//	patient_identified bool    an identification finding (DIRECT_IDENTIFIER,
//	                           QUASI_IDENTIFIERS, CUMULATIVE_REIDENTIFICATION) or a
//	                           direct identifier about the patient
//	assessment         mosaic.v1.Assessment
//	post               mosaic.v1.Post
var ruleVariables = []cel.EnvOption{
	cel.Variable("forum", cel.StringType),
	cel.Variable("audience", cel.StringType),
	cel.Variable("kind", cel.StringType),
	cel.Variable("severity", cel.StringType),
	cel.Variable("detector_severity", cel.StringType),
	cel.Variable("kinds", cel.ListType(cel.StringType)),
	cel.Variable("risk_k", cel.DoubleType),
	cel.Variable("threshold", cel.DoubleType),
	cel.Variable("patient_details", cel.IntType),
	cel.Variable("patient_direct", cel.IntType),
	cel.Variable("patient_identified", cel.BoolType),
	cel.Variable("assessment", cel.ObjectType("mosaic.v1.Assessment")),
	cel.Variable("post", cel.ObjectType("mosaic.v1.Post")),
}

// costLimit bounds one rule's evaluation, so a rule cannot stall the holder.
const costLimit = 100_000

func newEnv() (*cel.Env, error) {
	opts := append([]cel.EnvOption{cel.Types(&mosaicv1.Assessment{})}, ruleVariables...)
	return cel.NewEnv(opts...)
}

type compiledRule struct {
	name     string
	kinds    map[mosaicv1.FindingKind]bool // empty: all kinds (finding rules)
	severity mosaicv1.Severity             // finding rule; 0 for decision rules
	decision bool                          // decision rule: hold when true
	reason   string
	prg      cel.Program
}

// compileRule validates one rule; errors name the field.
func compileRule(env *cel.Env, r Rule) (compiledRule, error) {
	cr := compiledRule{name: r.Name, reason: r.Reason, kinds: map[mosaicv1.FindingKind]bool{}}
	switch {
	case r.Severity != "" && r.Decision != "":
		return cr, errors.New("severity, decision: set one, not both")
	case r.Severity == "hold":
		cr.severity = mosaicv1.Severity_SEVERITY_HOLD
	case r.Severity == "advise":
		cr.severity = mosaicv1.Severity_SEVERITY_ADVISORY
	case r.Severity != "":
		return cr, fmt.Errorf("severity: %q is not hold or advise", r.Severity)
	case r.Decision == "hold":
		cr.decision = true
	case r.Decision != "":
		return cr, fmt.Errorf("decision: %q is not hold (a rule can hold a post, never force its release)", r.Decision)
	default:
		return cr, errors.New("severity or decision: one is required")
	}
	if cr.decision && len(r.Kinds) > 0 {
		return cr, errors.New("kinds: only for severity rules (a decision rule sees the whole assessment)")
	}
	if cr.decision && r.Reason == "" {
		return cr, errors.New("reason: required for a decision rule (it is shown to the poster and moderators)")
	}
	for i, name := range r.Kinds {
		k, ok := kindByName(name)
		if !ok {
			return cr, fmt.Errorf("kinds[%d]: %s: unknown finding kind (valid: %s)", i, name, validKinds())
		}
		cr.kinds[k] = true
	}
	if r.When == "" {
		return cr, errors.New("when: required (a CEL expression; use 'true' for always)")
	}
	ast, iss := env.Compile(r.When)
	if iss.Err() != nil {
		return cr, fmt.Errorf("when: %v", iss.Err())
	}
	if !ast.OutputType().IsExactType(types.BoolType) {
		return cr, fmt.Errorf("when: must be a bool expression, is %s", ast.OutputType())
	}
	prg, err := env.Program(ast, cel.CostLimit(costLimit), cel.EvalOptions(cel.OptOptimize))
	if err != nil {
		return cr, fmt.Errorf("when: %v", err)
	}
	cr.prg = prg
	return cr, nil
}

// eval runs the rule on one activation.
func (r compiledRule) eval(vars map[string]any) (bool, error) {
	out, _, err := r.prg.Eval(vars)
	if err != nil {
		return false, fmt.Errorf("rule %s: %w", r.name, err)
	}
	b, ok := out.Value().(bool)
	if !ok {
		return false, fmt.Errorf("rule %s: result %v is not a bool", r.name, out)
	}
	return b, nil
}
