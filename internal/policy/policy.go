// Package policy decides what Mosaic does with an assessed post: which findings hold a
// post and which only advise its author, the risk threshold k the linker holds below,
// per forum and audience, and rules in CEL where a decision needs logic ("a boundary
// post is held when it also identifies the patient").
//
// A policy is a YAML file with documented defaults (default.yaml, embedded; the same
// text ships as deploy/policy/mosaic-policy.yaml). It is validated completely at load,
// with errors naming the field or rule, and every decision records the version of the
// policy that made it: the file's declared version plus a hash of its content, so two
// different files never share a version.
package policy

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// ErrInvalid wraps every validation error of a policy file.
var ErrInvalid = errors.New("invalid policy")

//go:embed default.yaml
var defaultYAML []byte

// File is the policy file as written. See default.yaml for the documented format.
type File struct {
	// Version is the operator's name for this policy ("2026-11-24.1"); required.
	Version     string `yaml:"version"`
	Description string `yaml:"description"`
	// RiskThresholdK is the anonymity-set size below which the linker reports a patient
	// as identifiable (and so the post is held).
	RiskThresholdK float64 `yaml:"risk_threshold_k"`
	// Severities maps finding kinds (DIRECT_IDENTIFIER, BOUNDARY, ...) to hold, advise
	// or ignore.
	Severities map[string]string `yaml:"severities"`
	// Overrides change the threshold and severities for forums and audiences.
	Overrides []Override `yaml:"overrides"`
	// Rules are CEL rules evaluated on every assessment, in order.
	Rules []Rule `yaml:"rules"`
}

// Override applies to posts whose forum matches Forum (a path.Match pattern; empty
// matches any) and whose audience is Audience (members or public; empty matches any).
// Every matching override applies, in file order, so later entries win.
type Override struct {
	Forum          string            `yaml:"forum"`
	Audience       string            `yaml:"audience"`
	RiskThresholdK float64           `yaml:"risk_threshold_k"`
	Severities     map[string]string `yaml:"severities"`
}

// Rule is a CEL rule. A finding rule (severity set) changes the severity of each finding
// of the listed kinds (all kinds when Kinds is empty) for which When is true. A decision
// rule (decision: hold) holds the post when When is true, with Reason.
type Rule struct {
	Name     string   `yaml:"name"`
	Kinds    []string `yaml:"kinds"`
	When     string   `yaml:"when"`
	Severity string   `yaml:"severity"`
	Decision string   `yaml:"decision"`
	Reason   string   `yaml:"reason"`
}

// Policy is a validated, compiled policy. It is immutable and safe for concurrent use.
type Policy struct {
	file    File
	version string
	base    settings
	ovr     []compiledOverride
	rules   []compiledRule
}

// settings are the threshold and severities in force for one forum and audience.
type settings struct {
	k          float64
	severities map[mosaicv1.FindingKind]mosaicv1.Severity
	ignored    map[mosaicv1.FindingKind]bool
}

type compiledOverride struct {
	forum    string
	audience mosaicv1.Audience // 0: any
	k        float64
	sev      map[mosaicv1.FindingKind]mosaicv1.Severity
	ignored  map[mosaicv1.FindingKind]bool
}

// Version is the policy's version as recorded on decisions: the declared version, "+",
// and the first 12 hex digits of the SHA-256 of the file.
func (p *Policy) Version() string { return p.version }

// File returns the policy as written (for display).
func (p *Policy) File() File { return p.file }

// Default returns the documented default policy, embedded in the binary.
func Default() *Policy {
	p, err := Parse(defaultYAML, "default.yaml")
	if err != nil {
		// The embedded file is tested; this cannot happen in a released binary.
		panic(fmt.Sprintf("policy: embedded default is invalid: %v", err))
	}
	return p
}

// DefaultYAML returns the text of the default policy, for operators to start from.
func DefaultYAML() []byte { return bytes.Clone(defaultYAML) }

// Load reads and validates a policy file.
func Load(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	return Parse(data, path)
}

// identification kinds are the patient-confidentiality findings; they can be advised
// but never ignored, so a policy cannot silently let an identifying post through.
var identificationKinds = map[mosaicv1.FindingKind]bool{
	mosaicv1.FindingKind_FINDING_KIND_DIRECT_IDENTIFIER:           true,
	mosaicv1.FindingKind_FINDING_KIND_QUASI_IDENTIFIERS:           true,
	mosaicv1.FindingKind_FINDING_KIND_CUMULATIVE_REIDENTIFICATION: true,
}

// Parse validates and compiles a policy; source names it in errors.
func Parse(data []byte, source string) (*Policy, error) {
	invalid := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrInvalid, source, fmt.Sprintf(format, args...))
	}
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, invalid("the file is empty (a policy needs at least version and risk_threshold_k)")
		}
		return nil, invalid("%v", err)
	}
	if strings.TrimSpace(f.Version) == "" {
		return nil, invalid("version: required (e.g. version: \"2026-11-24.1\")")
	}
	if err := checkK(f.RiskThresholdK); err != nil {
		return nil, invalid("risk_threshold_k: %v", err)
	}
	base, ign, err := parseSeverities(f.Severities)
	if err != nil {
		return nil, invalid("severities: %v", err)
	}
	sum := sha256.Sum256(data)
	p := &Policy{
		file:    f,
		version: strings.TrimSpace(f.Version) + "+" + hex.EncodeToString(sum[:6]),
		base:    settings{k: f.RiskThresholdK, severities: base, ignored: ign},
	}
	for i, o := range f.Overrides {
		co := compiledOverride{forum: o.Forum, k: o.RiskThresholdK}
		where := fmt.Sprintf("overrides[%d]", i)
		if o.Forum != "" {
			if _, err := path.Match(o.Forum, "x"); err != nil {
				return nil, invalid("%s.forum: bad pattern %q: %v", where, o.Forum, err)
			}
		}
		switch o.Audience {
		case "":
		case "members":
			co.audience = mosaicv1.Audience_AUDIENCE_MEMBERS
		case "public":
			co.audience = mosaicv1.Audience_AUDIENCE_PUBLIC
		default:
			return nil, invalid("%s.audience: %q is not members or public", where, o.Audience)
		}
		if o.RiskThresholdK != 0 {
			if err := checkK(o.RiskThresholdK); err != nil {
				return nil, invalid("%s.risk_threshold_k: %v", where, err)
			}
		}
		if co.sev, co.ignored, err = parseSeverities(o.Severities); err != nil {
			return nil, invalid("%s.severities: %v", where, err)
		}
		if o.Forum == "" && o.Audience == "" {
			return nil, invalid("%s: needs forum or audience (top-level fields set the defaults)", where)
		}
		p.ovr = append(p.ovr, co)
	}
	env, err := newEnv()
	if err != nil {
		return nil, fmt.Errorf("policy: CEL environment: %w", err)
	}
	names := map[string]bool{}
	for i, r := range f.Rules {
		where := fmt.Sprintf("rules[%d]", i)
		if r.Name == "" {
			return nil, invalid("%s.name: required", where)
		}
		where = fmt.Sprintf("rules[%d] (%s)", i, r.Name)
		if names[r.Name] {
			return nil, invalid("%s.name: duplicate rule name", where)
		}
		names[r.Name] = true
		cr, err := compileRule(env, r)
		if err != nil {
			return nil, invalid("%s.%v", where, err)
		}
		p.rules = append(p.rules, cr)
	}
	return p, nil
}

func checkK(k float64) error {
	if math.IsNaN(k) || math.IsInf(k, 0) || k < 1 {
		return fmt.Errorf("must be a number of people, at least 1 (got %v)", k)
	}
	return nil
}

// kindByName accepts "BOUNDARY" or "FINDING_KIND_BOUNDARY".
func kindByName(name string) (mosaicv1.FindingKind, bool) {
	n := strings.TrimPrefix(strings.TrimSpace(name), "FINDING_KIND_")
	v, ok := mosaicv1.FindingKind_value["FINDING_KIND_"+n]
	if !ok || v == 0 {
		return 0, false
	}
	return mosaicv1.FindingKind(v), true
}

// KindName is the short name policy files use: "BOUNDARY".
func KindName(k mosaicv1.FindingKind) string {
	return strings.TrimPrefix(k.String(), "FINDING_KIND_")
}

func validKinds() string {
	var names []string
	for v, n := range mosaicv1.FindingKind_name {
		if v != 0 {
			names = append(names, strings.TrimPrefix(n, "FINDING_KIND_"))
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func parseSeverities(m map[string]string) (map[mosaicv1.FindingKind]mosaicv1.Severity, map[mosaicv1.FindingKind]bool, error) {
	sev := map[mosaicv1.FindingKind]mosaicv1.Severity{}
	ign := map[mosaicv1.FindingKind]bool{}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, name := range keys {
		k, ok := kindByName(name)
		if !ok {
			return nil, nil, fmt.Errorf("%s: unknown finding kind (valid: %s)", name, validKinds())
		}
		switch v := m[name]; v {
		case "hold":
			sev[k] = mosaicv1.Severity_SEVERITY_HOLD
		case "advise":
			sev[k] = mosaicv1.Severity_SEVERITY_ADVISORY
		case "ignore":
			if identificationKinds[k] {
				return nil, nil, fmt.Errorf("%s: ignore is not allowed for patient-identification findings (use hold or advise)", name)
			}
			ign[k] = true
		default:
			return nil, nil, fmt.Errorf("%s: %q is not hold, advise or ignore", name, v)
		}
	}
	return sev, ign, nil
}

// settingsFor merges the top-level settings with every matching override.
func (p *Policy) settingsFor(forum string, audience mosaicv1.Audience) settings {
	s := settings{k: p.base.k, severities: p.base.severities, ignored: p.base.ignored}
	copied := false
	for _, o := range p.ovr {
		if o.audience != 0 && o.audience != audience {
			continue
		}
		if o.forum != "" {
			if ok, _ := path.Match(o.forum, forum); !ok {
				continue
			}
		}
		if o.k != 0 {
			s.k = o.k
		}
		if len(o.sev) == 0 && len(o.ignored) == 0 {
			continue
		}
		if !copied {
			s.severities = cloneMap(s.severities)
			s.ignored = cloneMap(s.ignored)
			copied = true
		}
		for k, v := range o.sev {
			s.severities[k] = v
			delete(s.ignored, k)
		}
		for k := range o.ignored {
			s.ignored[k] = true
			delete(s.severities, k)
		}
	}
	return s
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Threshold is the risk threshold k for a forum and audience: the linker reports a
// patient as identifiable when fewer than k people match what has been published.
func (p *Policy) Threshold(forumID string, audience mosaicv1.Audience) float64 {
	return p.settingsFor(forumID, audience).k
}
