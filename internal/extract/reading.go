package extract

import "time"

// A Reading is everything Mosaic takes from one post's text: the details, who each is
// about, what kind of post it is, and the cues that link it to the author's other posts
// or bear on conduct. The extractor is the only component that reads post text; the
// linker, the risk model and the conduct checks work from a Reading.
//
// Reading a post is a pipeline of stages over one scan of the text:
//
//  1. normalise: fold look-alike and invisible characters, keeping a map back to the
//     original bytes (normalise.go);
//  2. tokenise and split sentences (token.go, subject.go);
//  3. tag: identifiers, dates and ages, names, dictionary terms, places (the match*
//     passes), then the readers that need the tags: roles and occupations in any
//     wording, groups, institutions, events, indirect ages (roles.go, lifeages.go);
//  4. attach: find the people the post talks about and give every detail its subject
//     and referent (discourse.go);
//  5. resolve: classify the post (frame.go), read the linking cues (cues.go), and
//     settle overlaps (extractor.go's finish).
type Reading struct {
	// Details are sorted by Start. Each has a Subject, and a Referent when it belongs
	// to one of the People.
	Details []Detail
	// Frame is what kind of post this is, as a whole.
	Frame Frame
	// People are the individuals the post talks about, in order of first mention.
	People []Person
	// Cues are what the text says about which patient it is about and how it relates to
	// the author's other posts.
	Cues Cues
}

// Frame classifies a whole post by what it talks about.
type Frame uint8

const (
	// FrameGeneral: no particular person (a clinical question, news, advice).
	FrameGeneral Frame = iota
	// FrameCase: one or more particular patients.
	FrameCase
	// FrameOwn: the author's own health or life.
	FrameOwn
	// FrameFamily: the author's own family member.
	FrameFamily
	// FrameHypothetical: a case the post says is made up (an exam question, a teaching
	// scenario).
	FrameHypothetical
	// FrameObituary: a colleague's death or retirement.
	FrameObituary
	// FrameAggregate: counts of cases (an audit, published figures).
	FrameAggregate
	// FrameHistorical: a patient from decades ago.
	FrameHistorical
	// FramePublicFigure: a public figure's own public news.
	FramePublicFigure
)

var frameNames = [...]string{"general", "case", "own", "family", "hypothetical", "obituary", "aggregate", "historical", "public_figure"}

func (f Frame) String() string {
	if int(f) < len(frameNames) {
		return frameNames[f]
	}
	return "unknown"
}

// Person is one individual the post talks about.
type Person struct {
	// Role says who the person is to the story: a patient, a patient's relative, the
	// author, the author's own family, a colleague or other third party, a public
	// figure.
	Role Subject
	// Ordinal numbers the patients of a post from 1 (the first patient it describes);
	// 0 for people who are not patients.
	Ordinal int
	// Sex is 'F', 'M' or 0 when unknown.
	Sex byte
	// AgeLo and AgeHi bound the person's age in years when it is stated (0, 0 when not).
	AgeLo, AgeHi int
	// Start and End are the byte span of the first mention in the original text.
	Start, End int
	// Different is set when the post says this is another patient than the one before
	// ("a different patient", "separate patient").
	Different bool
}

// Cues are what a post's words say about its relation to the author's other posts.
type Cues struct {
	// BackRef: the post points back to a patient or post the author wrote about before
	// ("the lady I wrote about on Monday", "update on my gout chap").
	BackRef bool
	// Window bounds how far back a back-reference reaches ("last week"), 0 when open.
	Window time.Duration
	// Month (1-12) is a month a back-reference names ("my March post"), 0 when none.
	Month int
	// Different: the post says it is about a different patient from before.
	Different bool
	// Figures are the post's specific measurements and counts ("hba1c=86",
	// "lactate=9.2", "cycles=5"): two posts by one author quoting the same unusual
	// figures are most likely about one patient.
	Figures []string
	// Terms are the post's rare content words (lemmas): drug, disease and proper words
	// that few posts share by chance.
	Terms []string
}

// Read reads one post: the details with their subjects, the frame, the people and the
// cues. Spans are byte offsets into text as given.
func (e *Extractor) Read(text string, c Context) Reading {
	s := e.pool.Get().(*scan)
	s.reset(text, c)
	s.run()
	s.attach()
	r := Reading{Frame: s.frame, People: s.people(), Cues: s.readCues()}
	r.Details = s.finish()
	s.release()
	e.pool.Put(s)
	return r
}
