package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Helpers for the TestReading... tests: what a Reading must hold (rd), must not hold
// (nd), and a dump of the whole reading for failure messages.

// rd is a detail a reading must hold. Fields left zero are not checked; at least one
// of span and value names the detail.
type rd struct {
	kind  Kind
	span  string  // exact original text covered; "" = any
	value string  // "" = any
	subj  Subject // SubjectUnknown = any
	ref   int     // Referent; 0 = not checked
	count float64 // Count; 0 = not checked
	some  bool    // Count must be > 0
	dens  bool    // Density must be > 0
	neg   bool    // Negated must be set
	hedge bool    // Confidence must be at most 0.4 (a condition weighed, an onset age)
	sure  bool    // Confidence must be above 0.4
	rec   bool    // Recent must be set
}

func (w rd) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s", w.kind)
	if w.span != "" {
		fmt.Fprintf(&b, " %q", w.span)
	}
	if w.value != "" {
		fmt.Fprintf(&b, " =%q", w.value)
	}
	if w.subj != SubjectUnknown {
		fmt.Fprintf(&b, " subj=%d", w.subj)
	}
	if w.ref != 0 {
		fmt.Fprintf(&b, " ref=%d", w.ref)
	}
	if w.count != 0 {
		fmt.Fprintf(&b, " count=%g", w.count)
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{w.some, "counted"}, {w.dens, "density"}, {w.neg, "negated"}, {w.hedge, "hedged"}, {w.sure, "sure"}, {w.rec, "recent"}} {
		if f.on {
			b.WriteString(" " + f.name)
		}
	}
	return b.String()
}

func (w rd) matches(text string, d Detail) bool {
	if d.Kind != w.kind {
		return false
	}
	if w.span != "" && text[d.Start:d.End] != w.span || w.value != "" && d.Value != w.value {
		return false
	}
	if w.subj != SubjectUnknown && d.Subject != w.subj || w.ref != 0 && d.Referent != w.ref {
		return false
	}
	if w.count != 0 && d.Count != w.count || w.some && d.Count <= 0 || w.dens && d.Density <= 0 {
		return false
	}
	if w.neg && !d.Negated || w.rec && !d.Recent {
		return false
	}
	if w.hedge && d.Confidence > 0.4 || w.sure && d.Confidence <= 0.4 {
		return false
	}
	return true
}

// nd is a detail a reading must not hold: kind, and span or value when given.
type nd struct {
	kind  Kind
	span  string
	value string
}

func (w nd) matches(text string, d Detail) bool {
	return d.Kind == w.kind && (w.span == "" || text[d.Start:d.End] == w.span) && (w.value == "" || d.Value == w.value)
}

func dumpReading(text string, r Reading) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  frame=%s backref=%v window=%v month=%d different=%v figures=%v terms=%v\n",
		r.Frame, r.Cues.BackRef, r.Cues.Window, r.Cues.Month, r.Cues.Different, r.Cues.Figures, r.Cues.Terms)
	for _, p := range r.People {
		fmt.Fprintf(&b, "  person role=%d ord=%d sex=%q age=%d-%d %q different=%v\n", p.Role, p.Ordinal, p.Sex, p.AgeLo, p.AgeHi, text[p.Start:p.End], p.Different)
	}
	for _, d := range r.Details {
		fmt.Fprintf(&b, "  %s %q=%q subj=%d ref=%d conf=%.2f neg=%v recent=%v count=%g dens=%.3g\n",
			d.Kind, text[d.Start:d.End], d.Value, d.Subject, d.Referent, d.Confidence, d.Negated, d.Recent, d.Count, d.Density)
	}
	return b.String()
}

// readCase is one text with the details its reading must and must not hold.
type readCase struct {
	text string
	want []rd
	not  []nd
}

// checkReading reads c.text and checks it against c.
func checkReading(t *testing.T, ex *Extractor, c readCase) Reading {
	t.Helper()
	r := ex.Read(c.text, testCtx)
	for _, w := range c.want {
		if !slices.ContainsFunc(r.Details, func(d Detail) bool { return w.matches(c.text, d) }) {
			t.Errorf("%q: want %s; got:\n%s", c.text, w, dumpReading(c.text, r))
		}
	}
	for _, w := range c.not {
		if slices.ContainsFunc(r.Details, func(d Detail) bool { return w.matches(c.text, d) }) {
			t.Errorf("%q: unexpected %s %q %q; got:\n%s", c.text, w.kind, w.span, w.value, dumpReading(c.text, r))
		}
	}
	return r
}

// patientFacts is the set of kind=value of the details a reading gives its first
// patient, sorted; paraphrases of one case must give the same set.
func patientFacts(r Reading) []string {
	var out []string
	for _, d := range r.Details {
		if d.Subject != SubjectPatient || d.Referent != 1 {
			continue
		}
		k := string(d.Kind) + "=" + d.Value
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
