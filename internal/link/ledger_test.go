package link

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/mosaicgw/mosaic/internal/extract"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

func openTestDB(t testing.TB) *badger.DB {
	t.Helper()
	db, err := badger.Open(badger.DefaultOptions(t.TempDir()).WithLogger(nil).WithValueThreshold(1 << 10))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// lancaster resolves the test author's location.
func lancaster(text string) (Place, bool) {
	if strings.Contains(strings.ToLower(text), "lancaster") {
		return Place{Name: "lancaster", Chain: []string{"lancashire", "north west", "england"}, Population: 52000}, true
	}
	return Place{}, false
}

func openTestLedger(t testing.TB, opts Options) *Ledger {
	t.Helper()
	if opts.Locate == nil {
		opts.Locate = lancaster
	}
	l, err := Open(openTestDB(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// det builds a patient detail located at the first occurrence of text in body.
func det(body, text string, kind extract.Kind, value string, freq float64) extract.Detail {
	i := strings.Index(body, text)
	if i < 0 {
		panic("test detail text not in body: " + text)
	}
	return extract.Detail{Kind: kind, Value: value, Start: i, End: i + len(text), Confidence: 0.9,
		Subject: extract.SubjectPatient, Frequency: freq}
}

var t0 = time.Date(2026, 4, 14, 12, 0, 0, 0, time.UTC)

func msPost() Candidate {
	body := "Any tips for MS fatigue? Patient with relapsing-remitting MS, stable on her DMT."
	return withCues(Candidate{PostID: "p1", Revision: 1, AuthorID: "dr-e", ForumID: "gp-chat", ThreadID: "t1",
		Audience: mosaicv1.Audience_AUDIENCE_MEMBERS, At: t0, AuthorRole: "GP", AuthorLocation: "Lancaster, Lancashire",
		Body: body, Reading: extract.Reading{Details: []extract.Detail{
			det(body, "relapsing-remitting MS", extract.KindCondition, "multiple sclerosis", 0.002),
			det(body, "her", extract.KindSex, "F", 0.5),
		}}})
}

func teacherPost(id string, at time.Time) Candidate {
	body := "Follow-up on the lady from my fatigue post last week. She teaches at the high school in town, in her 40s."
	return withCues(Candidate{PostID: id, Revision: 1, AuthorID: "dr-e", ForumID: "employment", ThreadID: "t2",
		Audience: mosaicv1.Audience_AUDIENCE_MEMBERS, At: at, AuthorRole: "GP", AuthorLocation: "Lancaster, Lancashire",
		Body: body, Reading: extract.Reading{Details: []extract.Detail{
			det(body, "She", extract.KindSex, "F", 0.5),
			func() extract.Detail {
				d := det(body, "teaches at the high school in town", extract.KindOccupation, "teacher", 0.004)
				d.Count = 150 // the staff of one secondary school
				return d
			}(),
			det(body, "in her 40s", extract.KindAge, "40s", 0.13),
		}}})
}

func kinds(r Result) []mosaicv1.FindingKind {
	var out []mosaicv1.FindingKind
	for _, f := range r.Findings {
		out = append(out, f.Kind)
	}
	return out
}

func TestSamePatientLinkedAcrossForums(t *testing.T) {
	ctx := context.Background()
	l := openTestLedger(t, Options{})
	r, err := l.Assess(ctx, msPost())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 0 {
		t.Fatalf("first post held: %v", r.Findings[0].Explanation)
	}
	if err := l.Publish(ctx, "dr-e", "p1", 1, ""); err != nil {
		t.Fatal(err)
	}
	r, err = l.Assess(ctx, teacherPost("p2", t0.Add(8*24*time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 || r.Findings[0].Kind != mosaicv1.FindingKind_FINDING_KIND_CUMULATIVE_REIDENTIFICATION {
		t.Fatalf("findings = %v, want one cumulative", kinds(r))
	}
	if r.Risk == nil || len(r.Risk.LinkedPostIds) != 1 || r.Risk.LinkedPostIds[0] != "p1" {
		t.Fatalf("risk = %v, want linked to p1", r.Risk)
	}
	if r.Risk.EstimatedMatches >= DefaultThreshold || r.Risk.LinkConfidence < 0.5 {
		t.Errorf("k = %v, confidence %v", r.Risk.EstimatedMatches, r.Risk.LinkConfidence)
	}
	if r.Risk.PopulationPlace != "lancaster" {
		t.Errorf("population place %q, want the author's town", r.Risk.PopulationPlace)
	}
	// Spans come from both posts.
	posts := map[string]bool{}
	for _, s := range r.Findings[0].Spans {
		posts[s.PostId] = true
	}
	if !posts["p1"] || !posts["p2"] {
		t.Errorf("spans from %v, want p1 and p2", posts)
	}
	if r.Risk.FixSuggestion == "" || r.Findings[0].Suggestion == "" {
		t.Error("no fix suggestion")
	}
	// Redelivery gives the same answer.
	again, err := l.Assess(ctx, teacherPost("p2", t0.Add(8*24*time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	if again.Risk.EstimatedMatches != r.Risk.EstimatedMatches || len(again.Findings) != 1 {
		t.Errorf("redelivery: k %v vs %v", again.Risk.EstimatedMatches, r.Risk.EstimatedMatches)
	}
}

func TestPendingAndDiscardedPostsDoNotCount(t *testing.T) {
	ctx := context.Background()
	l := openTestLedger(t, Options{})
	if _, err := l.Assess(ctx, msPost()); err != nil {
		t.Fatal(err)
	}
	// p1 is still pending (say, held): the teacher post has nothing to link to.
	r, err := l.Assess(ctx, teacherPost("p2", t0.Add(8*24*time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 0 {
		t.Fatalf("pending post counted: %v", r.Findings[0].Explanation)
	}
	if err := l.Discard(ctx, "dr-e", "p1", 1); err != nil {
		t.Fatal(err)
	}
	// Publishing after a discard adds nothing.
	if err := l.Publish(ctx, "dr-e", "p1", 1, ""); err != nil {
		t.Fatal(err)
	}
	r, err = l.Assess(ctx, teacherPost("p3", t0.Add(9*24*time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 0 {
		t.Fatalf("discarded post counted: %v", r.Findings[0].Explanation)
	}
}

func TestUnpublishRemovesContributions(t *testing.T) {
	for _, keep := range []bool{false, true} {
		ctx := context.Background()
		l := openTestLedger(t, Options{DeletedKeepCounting: keep})
		if _, err := l.Assess(ctx, msPost()); err != nil {
			t.Fatal(err)
		}
		if err := l.Publish(ctx, "dr-e", "p1", 1, ""); err != nil {
			t.Fatal(err)
		}
		if err := l.Unpublish(ctx, "dr-e", "p1"); err != nil {
			t.Fatal(err)
		}
		r, err := l.Assess(ctx, teacherPost("p2", t0.Add(8*24*time.Hour)))
		if err != nil {
			t.Fatal(err)
		}
		if held := len(r.Findings) > 0; held != keep {
			t.Errorf("DeletedKeepCounting=%v: held=%v", keep, held)
		}
	}
}

// Two posts about clearly different patients (different sex, "different patient") are
// not merged, even in the same thread.
func TestDifferentPatientsKeptApart(t *testing.T) {
	ctx := context.Background()
	l := openTestLedger(t, Options{Locate: func(string) (Place, bool) {
		return Place{Name: "nottingham", Population: 320000}, true
	}})
	b1 := "Woman in her 40s, BMI 42, T2DM and OSA, ticks every box for the first cohort."
	c1 := withCues(Candidate{PostID: "q1", Revision: 1, AuthorID: "dr-q", ThreadID: "t1", At: t0, AuthorRole: "GP", AuthorLocation: "Nottingham",
		Body: b1, Reading: extract.Reading{Details: []extract.Detail{
			det(b1, "Woman", extract.KindSex, "F", 0.5), det(b1, "in her 40s", extract.KindAge, "40s", 0.13),
			det(b1, "T2DM", extract.KindCondition, "type 2 diabetes", 0.07), det(b1, "OSA", extract.KindCondition, "obstructive sleep apnoea", 0.03),
		}}})
	if r, err := l.Assess(ctx, c1); err != nil || len(r.Findings) != 0 {
		t.Fatalf("first: %v %v", err, kinds(r))
	}
	if err := l.Publish(ctx, "dr-q", "q1", 1, ""); err != nil {
		t.Fatal(err)
	}
	b2 := "Another one, different patient – man in his late 60s, T2DM, worried about nausea."
	c2 := withCues(Candidate{PostID: "q2", Revision: 1, AuthorID: "dr-q", ThreadID: "t1", ReplyToPostID: "q1", At: t0.Add(48 * time.Hour),
		AuthorRole: "GP", AuthorLocation: "Nottingham", Body: b2, Reading: extract.Reading{Details: []extract.Detail{
			det(b2, "man", extract.KindSex, "M", 0.5), det(b2, "late 60s", extract.KindAge, "late 60s", 0.05),
			det(b2, "T2DM", extract.KindCondition, "type 2 diabetes", 0.07),
		}}})
	r, err := l.Assess(ctx, c2)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 0 || r.Risk == nil || len(r.Risk.LinkedPostIds) != 0 || r.Risk.LinkConfidence != 0 {
		t.Fatalf("different patients merged: %v %v", kinds(r), r.Risk)
	}
}

// A rare shared condition links posts with no back-reference, thread or reply.
func TestSharedRareDetailLinks(t *testing.T) {
	ctx := context.Background()
	l := openTestLedger(t, Options{})
	b1 := "Beekeeper, man in his 50s, anaphylaxis from a bee sting at his hives."
	c1 := withCues(Candidate{PostID: "b1", Revision: 1, AuthorID: "dr-m", ForumID: "f1", ThreadID: "t1", At: t0, AuthorRole: "GP", Body: b1,
		Reading: extract.Reading{Details: []extract.Detail{
			det(b1, "Beekeeper", extract.KindOccupation, "beekeeper", 0.00005), det(b1, "man", extract.KindSex, "M", 0.5),
			det(b1, "in his 50s", extract.KindAge, "50s", 0.13), det(b1, "anaphylaxis", extract.KindCondition, "anaphylaxis", 0.001),
		}}})
	if _, err := l.Assess(ctx, c1); err != nil {
		t.Fatal(err)
	}
	if err := l.Publish(ctx, "dr-m", "b1", 1, ""); err != nil {
		t.Fatal(err)
	}
	b2 := "Beekeeper with venom anaphylaxis; nearest allergy service is Southampton General."
	c2 := withCues(Candidate{PostID: "b2", Revision: 1, AuthorID: "dr-m", ForumID: "f2", ThreadID: "t9", At: t0.Add(21 * 24 * time.Hour), AuthorRole: "GP", Body: b2,
		Reading: extract.Reading{Details: []extract.Detail{
			det(b2, "Beekeeper", extract.KindOccupation, "beekeeper", 0.00005),
			det(b2, "anaphylaxis", extract.KindCondition, "anaphylaxis", 0.001),
			det(b2, "Southampton General", extract.KindInstitution, "southampton general hospital", 0),
		}}})
	r, err := l.Assess(ctx, c2)
	if err != nil {
		t.Fatal(err)
	}
	if r.Risk == nil || len(r.Risk.LinkedPostIds) != 1 {
		t.Fatalf("not linked: %v", r.Risk)
	}
	if len(r.Findings) != 1 || r.Findings[0].Kind != mosaicv1.FindingKind_FINDING_KIND_CUMULATIVE_REIDENTIFICATION {
		t.Errorf("findings %v, k=%v", kinds(r), r.Risk.EstimatedMatches)
	}
}

func TestNothingToEstimate(t *testing.T) {
	l := openTestLedger(t, Options{})
	r, err := l.Assess(context.Background(), withCues(Candidate{PostID: "x", Revision: 1, AuthorID: "a", Body: "Locum rates?", At: t0}))
	if err != nil || r.Risk != nil || len(r.Findings) != 0 {
		t.Fatalf("got %v %v", r, err)
	}
	if _, err := l.Assess(context.Background(), withCues(Candidate{PostID: "", AuthorID: "a"})); err == nil {
		t.Error("empty post id accepted")
	}
}

func TestCodecRoundTrip(t *testing.T) {
	st := &authorState{NextID: 3, Self: []fact{{Kind: "place", Value: "settle", Population: 2500, Count: 1, At: t0,
		Sources: []source{{Post: "p0", Revision: 1, Start: 3, End: 9, Text: "Settle"}}}},
		Profiles: []profile{{ID: 2, First: t0, Last: t0.Add(time.Hour), Facts: []fact{{Kind: "age", Value: "34",
			Generalisations: []string{"30-39", "adult"}, Frequency: 0.01, Direct: true, Count: 2, At: t0}},
			Posts: []postRef{{Post: "p1", Revision: 2, Thread: "t", Forum: "f", At: t0}}}}}
	b := encodeAuthor(st)
	var got authorState
	if err := decodeAuthor(b, &got); err != nil {
		t.Fatal(err)
	}
	if string(encodeAuthor(&got)) != string(b) || got.Profiles[0].Facts[0].Generalisations[1] != "adult" || got.Self[0].Sources[0].Text != "Settle" {
		t.Fatalf("round trip differs: %+v", got)
	}
	for i := range b {
		var bad authorState
		_ = decodeAuthor(b[:i], &bad) // must not panic on truncation
	}
}

// A post that says its patient is the one from an earlier post (by month) and replies in
// another post's thread joins both profiles into one.
func TestPostJoinsTwoProfiles(t *testing.T) {
	ctx := context.Background()
	l := openTestLedger(t, Options{Locate: func(string) (Place, bool) { return Place{}, false }})
	jan := time.Date(2026, 1, 21, 19, 0, 0, 0, time.UTC)
	b1 := "New patient, she is a keen runner and new to the area."
	c1 := withCues(Candidate{PostID: "r1", Revision: 1, AuthorID: "dr-a", ThreadID: "t1", At: jan, AuthorRole: "GP", Body: b1,
		Reading: extract.Reading{Details: []extract.Detail{det(b1, "she", extract.KindSex, "F", 0.5), det(b1, "keen runner", extract.KindOccupation, "runner", 0.05)}}})
	b2 := "A patient sent me a friend request. She's a teacher."
	c2 := withCues(Candidate{PostID: "r2", Revision: 1, AuthorID: "dr-a", ThreadID: "t2", At: jan.Add(14 * 24 * time.Hour), AuthorRole: "GP", Body: b2,
		Reading: extract.Reading{Details: []extract.Detail{det(b2, "She", extract.KindSex, "F", 0.5), det(b2, "teacher", extract.KindOccupation, "teacher", 0.01)}}})
	for _, c := range []Candidate{c1, c2} {
		if _, err := l.Assess(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := l.Publish(ctx, c.AuthorID, c.PostID, 1, ""); err != nil {
			t.Fatal(err)
		}
	}
	b3 := "For those who asked, she's the runner from my January post. Alnwick's tiny and she's early 30s."
	c3 := withCues(Candidate{PostID: "r3", Revision: 1, AuthorID: "dr-a", ThreadID: "t2", ReplyToPostID: "r2", At: jan.Add(35 * 24 * time.Hour), AuthorRole: "GP", Body: b3,
		Reading: extract.Reading{Details: []extract.Detail{det(b3, "she", extract.KindSex, "F", 0.5), det(b3, "early 30s", extract.KindAge, "early 30s", 0.05),
			{Kind: extract.KindPlace, Value: "alnwick", Population: 8000, Start: strings.Index(b3, "Alnwick"), End: strings.Index(b3, "Alnwick") + 7, Confidence: 0.9, Subject: extract.SubjectPatient}}}})
	r, err := l.Assess(ctx, c3)
	if err != nil {
		t.Fatal(err)
	}
	if r.Risk == nil || len(r.Risk.LinkedPostIds) != 2 {
		t.Fatalf("linked %v, want r1 and r2", r.Risk)
	}
	if len(r.Findings) != 1 || r.Findings[0].Kind != mosaicv1.FindingKind_FINDING_KIND_CUMULATIVE_REIDENTIFICATION {
		t.Fatalf("findings %v k=%v", kinds(r), r.Risk.EstimatedMatches)
	}
	// Published, the three posts are one profile.
	if err := l.Publish(ctx, "dr-a", "r3", 1, ""); err != nil {
		t.Fatal(err)
	}
	var st *authorState
	if err := l.db.View(func(txn *badger.Txn) (err error) { st, err = loadAuthor(txn, "dr-a"); return }); err != nil {
		t.Fatal(err)
	}
	if len(st.Profiles) != 1 || len(st.Profiles[0].Posts) != 3 {
		t.Fatalf("profiles %+v, want one with three posts", st.Profiles)
	}
}

func TestThresholdForOverridesPerForum(t *testing.T) {
	l := openTestLedger(t, Options{ThresholdFor: func(forum string, a mosaicv1.Audience) float64 {
		if forum == "strict" {
			return 50
		}
		return 0 // no opinion: the static thresholds apply
	}})
	if k := l.threshold("strict", mosaicv1.Audience_AUDIENCE_MEMBERS); k != 50 {
		t.Fatalf("strict forum threshold %v, want 50", k)
	}
	if k := l.threshold("other", mosaicv1.Audience_AUDIENCE_PUBLIC); k != DefaultPublicThreshold {
		t.Fatalf("fallback public threshold %v, want %v", k, DefaultPublicThreshold)
	}
}

var (
	cueReaderOnce sync.Once
	cueReader     *extract.Extractor
)

// withCues gives a hand-built candidate the cues the extractor reads from its body, so
// that tests of linking can state the details themselves.
func withCues(c Candidate) Candidate {
	cueReaderOnce.Do(func() {
		ex, err := extract.New(extract.Options{})
		if err != nil {
			panic(err)
		}
		cueReader = ex
	})
	c.Reading.Cues = cueReader.Read(c.Body, extract.Context{At: c.At}).Cues
	return c
}
