// Package conduct checks a forum post against the parts of the GMC's "Doctors' use of
// social media" (2013) that are about conduct rather than a patient's identity:
// undeclared conflicts of interest (paragraph 19), abusive comments about identifiable
// people (15), concerns aired on the forum instead of through proper channels, contact
// with patients on social media (11), posting as a doctor in public without a real name
// (17), and specific patient cases in publicly readable forums (8a).
//
// The checker runs on every post, so it tokenises the body once and matches a phrase
// map word by word; each check then combines its phrases with a target (a product, an
// identifiable person, a patient) so that no single word decides a finding. Where it
// needs to know who or what a detail is about it uses the extractor's Details.
//
// The rules, in short:
//   - CONFLICT_OF_INTEREST (advisory): no declaration of interest, a product or company
//     named (a capitalised word that is not a name, place or acronym), and either money
//     through the author (a discount code, affiliate link, trade prices) or two
//     promotion cues of which one is a promoter's phrase ("game changer", "we should all
//     be switching", hospitality), or three weaker ones.
//   - ABUSIVE_COMMENT (hold): insults aimed at a person, not at an institution, a policy,
//     a group or the author (the nearest referent decides), weighing at least 2, about
//     someone identifiable: named, a handle, a singular role pinned to the author's
//     workplace or a place ("our clinical director", "the locum at Riverside"), or heavy
//     abuse (weight 4) of one definite person. Reported speech is not the author's abuse.
//   - RAISING_CONCERN (hold): a conduct phrase ("like sweets", "smelling of alcohol",
//     "falsifying") in sentences about an identifiable colleague, or an aired safety
//     concern about a named unit ("going public"). Asking how to raise a concern without
//     naming anyone is not flagged.
//   - BOUNDARY (advisory; hold when the patient is identified): personal or social-media
//     contact and a patient in the same post.
//   - IDENTITY (advisory): a public forum, a doctor's role or a claim to be one, and a
//     display name that is not a real name.
//   - PUBLIC_PATIENT_CASE (hold): a public forum and a specific patient: "my patient", a
//     patient described with a specific episode ("84 year old chap ... last night"), or
//     two kinds of the extractor's patient details confirmed by such an episode.
package conduct

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/guidance"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// ErrOptions is returned by New for options out of range.
var ErrOptions = errors.New("conduct: invalid options")

// Options tunes the checker. The zero value is the documented default.
type Options struct {
	// PatientConfidence is the least extractor confidence at which a detail about a
	// patient makes a public post a specific patient case (0 means 0.5).
	PatientConfidence float64
	// Disabled lists finding kinds not to report, for forums whose policy turns a check
	// off entirely. Policy can also lower severities; this only saves the work.
	Disabled []mosaicv1.FindingKind
}

// Checker runs the conduct checks. It holds only read-only tables after New, so one
// Checker is safe for concurrent use.
type Checker struct {
	phrases           *phraseMap
	patientConfidence float64
	disabled          map[mosaicv1.FindingKind]bool
}

// Post is what the checks read: the body, where it is posted, who posts it, and the
// details the extractor found in it.
type Post struct {
	Body              string
	Audience          mosaicv1.Audience
	ForumID           string
	AuthorDisplayName string
	AuthorRole        string
	Details           []extract.Detail
}

// New builds a Checker.
func New(opts Options) (*Checker, error) {
	if opts.PatientConfidence < 0 || opts.PatientConfidence > 1 {
		return nil, fmt.Errorf("%w: PatientConfidence %v outside [0, 1]", ErrOptions, opts.PatientConfidence)
	}
	if opts.PatientConfidence == 0 {
		opts.PatientConfidence = 0.5
	}
	c := &Checker{
		phrases:           buildLexicon(),
		patientConfidence: opts.PatientConfidence,
		disabled:          map[mosaicv1.FindingKind]bool{},
	}
	for _, k := range opts.Disabled {
		if _, ok := mosaicv1.FindingKind_name[int32(k)]; !ok || k == mosaicv1.FindingKind_FINDING_KIND_UNSPECIFIED {
			return nil, fmt.Errorf("%w: Disabled: unknown finding kind %d", ErrOptions, k)
		}
		c.disabled[k] = true
	}
	return c, nil
}

// analysis is one post tokenised and matched, shared by every check.
type analysis struct {
	post   *Post
	toks   []token
	cues   []cue
	byCat  [numCats][]int // indexes into cues
	people []personRef
	// distinctCache memoises distinct per category.
	distinctCache [numCats][]cue
	distinctDone  [numCats]bool
	// target is, per token, what kind of thing the word refers to, for attaching
	// insults and concerns to a person rather than to an institution.
	target []targetKind
}

func (a *analysis) has(cat cueCat) bool { return len(a.byCat[cat]) > 0 }

// distinct returns the phrases of a category that do not overlap a longer (or, at equal
// length, earlier) phrase of the same category, so "utterly useless" is one insult, not
// two, and "honestly just point them to" one endorsement. Repeats of the same words
// count once.
func (a *analysis) distinct(cat cueCat) []cue {
	if a.distinctDone[cat] {
		return a.distinctCache[cat]
	}
	a.distinctDone[cat] = true
	idx := a.byCat[cat]
	if len(idx) == 0 {
		return nil
	}
	cs := make([]cue, len(idx))
	for n, ci := range idx {
		cs[n] = a.cues[ci]
	}
	sort.SliceStable(cs, func(x, y int) bool { return cs[x].j-cs[x].i > cs[y].j-cs[y].i })
	var out []cue
	seen := map[string]bool{}
	for _, c := range cs {
		overlap := false
		for _, o := range out {
			if c.i < o.j && o.i < c.j {
				overlap = true
				break
			}
		}
		if overlap {
			continue
		}
		key := a.text(c.i, c.j)
		if seen[key] {
			// A repeat of the same words: counted once, but its tokens stay claimed.
			out = append(out, cue{cat: c.cat, weight: -1, i: c.i, j: c.j})
			continue
		}
		seen[key] = true
		out = append(out, c)
	}
	kept := out[:0]
	for _, c := range out {
		if c.weight >= 0 {
			kept = append(kept, c)
		}
	}
	sort.SliceStable(kept, func(x, y int) bool { return kept[x].i < kept[y].i })
	a.distinctCache[cat] = kept
	return kept
}

// score sums the weights of the distinct phrases of a category.
func (a *analysis) score(cat cueCat) int {
	s := 0
	for _, c := range a.distinct(cat) {
		s += c.weight
	}
	return s
}

// maxWeight is the largest weight among the distinct phrases of a category.
func (a *analysis) maxWeight(cat cueCat) int {
	m := 0
	for _, c := range a.distinct(cat) {
		m = max(m, c.weight)
	}
	return m
}

// text is the normalised words of tokens [i, j).
func (a *analysis) text(i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i {
			b.WriteByte(' ')
		}
		b.WriteString(a.toks[k].norm)
	}
	return b.String()
}

// span is the original body text of tokens [i, j) as a finding span.
func (a *analysis) span(i, j int, kind string) *mosaicv1.Span {
	s, e := a.toks[i].start, a.toks[j-1].end
	return &mosaicv1.Span{Start: uint32(s), End: uint32(e), Text: a.post.Body[s:e], DetailKind: kind}
}

func (a *analysis) quote(i, j int) string {
	return "\u201c" + a.post.Body[a.toks[i].start:a.toks[j-1].end] + "\u201d"
}

// Check runs every conduct check on p and returns its findings with spans (byte offsets
// into p.Body; the caller fills in post id and revision), a plain-words explanation, the
// guidance paragraph and a suggestion, and a default severity that policy may override.
func (c *Checker) Check(p Post) []*mosaicv1.Finding {
	if strings.TrimSpace(p.Body) == "" {
		return nil
	}
	a := &analysis{post: &p, toks: tokenise(p.Body)}
	a.cues = c.phrases.match(a.toks)
	a.cues = append(a.cues, a.shapeCues()...)
	for i, cu := range a.cues {
		a.byCat[cu.cat] = append(a.byCat[cu.cat], i)
	}
	a.findPeople()
	a.markTargets()

	var out []*mosaicv1.Finding
	add := func(f *mosaicv1.Finding) {
		if f != nil && !c.disabled[f.Kind] {
			out = append(out, f)
		}
	}
	add(a.conflictOfInterest())
	add(a.abusiveComment())
	add(a.raisingConcern())
	add(a.boundary())
	add(a.identity())
	add(a.publicPatientCase(c.patientConfidence))
	return out
}

func cite(p guidance.Paragraph) *mosaicv1.Guidance {
	return &mosaicv1.Guidance{Paragraph: p.Number, Text: p.Text}
}

// quoteList joins up to n quotations for an explanation.
func quoteList(qs []string, n int) string {
	seen := map[string]bool{}
	var uniq []string
	for _, q := range qs {
		if !seen[strings.ToLower(q)] {
			seen[strings.ToLower(q)] = true
			uniq = append(uniq, q)
		}
	}
	if len(uniq) > n {
		uniq = uniq[:n]
	}
	switch len(uniq) {
	case 0:
		return ""
	case 1:
		return uniq[0]
	}
	return strings.Join(uniq[:len(uniq)-1], ", ") + " and " + uniq[len(uniq)-1]
}
