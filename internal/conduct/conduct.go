// Package conduct checks a forum post against the parts of the GMC's "Doctors' use of
// social media" (2013) that are about conduct rather than a patient's identity:
// undeclared conflicts of interest (paragraph 19), abusive comments about identifiable
// people (15), concerns aired on the forum instead of through proper channels, boundary
// problems with patients (11), posting as a doctor in public without a real name (17),
// and specific patient cases in publicly readable forums (8a).
//
// The checks read the post, not phrase lists. Each finding combines three readings:
//
//   - who a statement is about: the subject of each clause is found (the head of its
//     first noun phrase, past possessors such as "the board's" and asides between dashes)
//     and classed as an identifiable person (named; a singular role pinned to the
//     author's workplace, a ward, a team, a named place or the author's town; or pointed
//     out to readers who know the place), an unidentifiable person, a group or
//     institution, a thing or policy, the author, or the reader. Names, places,
//     institutions and occupations come from the extractor's Reading; role nouns from
//     WordNet (internal/lexis);
//   - what is said: how negative or positive the words are (the VADER lexicon), nouns of
//     contempt for a person (WordNet senses below "unpleasant person", "simpleton",
//     "wrongdoer", ...), allegations of unsafe practice (impairment, supplying drugs
//     without safeguards, misconduct verbs, a unit called unsafe), promotion (a brand or
//     clinic with money through the author, the author's own business from the profile,
//     company hospitality, directives to switch), and the author's own boundary
//     crossing (accepting a patient's social contact, outings, treating a friend,
//     giving one's own medicines);
//   - to whom and how: aired to the forum or asked about (a question about the route
//     for a concern is released unless it names the person), declared or not (a
//     declaration of interest releases promotion), reported speech (not the author's
//     abuse), declining a patient's contact (not a crossing).
//
// The rules, in short:
//   - CONFLICT_OF_INTEREST (advisory): no declaration; a named product, company or
//     clinic; and money through the author, the author's own business (profile),
//     company hospitality with an endorsement, or an endorsement with a directive.
//   - ABUSIVE_COMMENT (hold): evaluative statements about one identifiable person whose
//     contempt adds up (two clearly negative words, or a noun of contempt and one more).
//     Criticism of an institution, a policy, a group or oneself is not flagged.
//   - RAISING_CONCERN (hold): an allegation about an identifiable colleague, or a named
//     unit called unsafe and aired; a question about how to raise a concern is
//     released unless it names the colleague.
//   - BOUNDARY (advisory; hold when the extractor finds a direct identifier of the
//     patient): the author's own crossing with a patient or a friend treated as one.
//   - IDENTITY (advisory): a public forum, a doctor's role or a claim to be one, and a
//     display name that is not a real name.
//   - PUBLIC_PATIENT_CASE (hold): a public forum and one particular patient met by the
//     author (an encounter, an arrival, "my patient"), not a teaching case or advice.
package conduct

import (
	"errors"
	"fmt"
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
	// patient counts as evidence of a specific patient (0 means 0.5).
	PatientConfidence float64
	// Disabled lists finding kinds not to report, for forums whose policy turns a check
	// off entirely. Policy can also lower severities; this only saves the work.
	Disabled []mosaicv1.FindingKind
}

// Checker runs the conduct checks. It holds only read-only tables after New, so one
// Checker is safe for concurrent use.
type Checker struct {
	patientConfidence float64
	disabled          map[mosaicv1.FindingKind]bool
}

// Post is what the checks read: the body, where it is posted, who posts it (the
// platform's profile), and the extractor's Reading of the body.
type Post struct {
	Body              string
	Audience          mosaicv1.Audience
	ForumID           string
	AuthorDisplayName string
	AuthorRole        string
	// AuthorLocation is the profile's place of work ("Riverside Surgery, Kendal"): it
	// pins "our practice manager" to a place and shows the author's own business.
	AuthorLocation string
	// Reading is the extractor's reading of Body (details, people, frame).
	Reading extract.Reading
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

// Check runs every conduct check on p and returns its findings with spans (byte offsets
// into p.Body; the caller fills in post id and revision), a plain-words explanation, the
// guidance paragraph and a suggestion, and a default severity that policy may override.
func (c *Checker) Check(p Post) []*mosaicv1.Finding {
	if strings.TrimSpace(p.Body) == "" {
		return nil
	}
	a := newAnalysis(&p, c.patientConfidence)
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
	add(a.publicPatientCase())
	return out
}

const (
	advisory = mosaicv1.Severity_SEVERITY_ADVISORY
	hold     = mosaicv1.Severity_SEVERITY_HOLD
)

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
