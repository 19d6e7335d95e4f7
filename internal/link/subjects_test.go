package link

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/mosaicgw/mosaic/internal/extract"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

func noPlace(string) (Place, bool) { return Place{}, false }

func publish(t *testing.T, l *Ledger, c Candidate) Result {
	t.Helper()
	r, err := l.Assess(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Publish(context.Background(), c.AuthorID, c.PostID, c.Revision, ""); err != nil {
		t.Fatal(err)
	}
	return r
}

// A job advert naming the practice's town tells readers where the author's patients
// live; a later case post is then held as cumulative, citing the advert.
func TestAuthorsOwnPlaceFromEarlierPost(t *testing.T) {
	l := openTestLedger(t, Options{Locate: noPlace})
	ad := "We're recruiting! Salaried GP at a friendly practice in Settle."
	i := strings.Index(ad, "Settle")
	publish(t, l, withCues(Candidate{PostID: "ad", Revision: 1, AuthorID: "dr", At: t0, AuthorRole: "GP partner", Body: ad,
		Reading: extract.Reading{Details: []extract.Detail{{Kind: extract.KindPlace, Value: "settle", Population: 3600, Start: i, End: i + 6, Confidence: 0.85, Subject: extract.SubjectAuthor}}}}))
	b := "17 year old girl with new T1DM in DKA."
	r, err := l.Assess(context.Background(), withCues(Candidate{PostID: "case", Revision: 1, AuthorID: "dr", At: t0.Add(40 * 24 * time.Hour), AuthorRole: "GP partner", Body: b,
		Reading: extract.Reading{Details: []extract.Detail{det(b, "17 year old", extract.KindAge, "17", 0.012), det(b, "girl", extract.KindSex, "F", 0.5),
			det(b, "T1DM", extract.KindCondition, "type 1 diabetes", 0.004)}}}))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 || r.Findings[0].Kind != mosaicv1.FindingKind_FINDING_KIND_CUMULATIVE_REIDENTIFICATION {
		t.Fatalf("findings %v (k=%v)", kinds(r), r.Risk.GetEstimatedMatches())
	}
	if r.Risk.PopulationPlace != "settle" || len(r.Risk.LinkedPostIds) != 1 || r.Risk.LinkedPostIds[0] != "ad" {
		t.Errorf("place %q linked %v", r.Risk.PopulationPlace, r.Risk.LinkedPostIds)
	}
}

// The same measurement quoted in two posts links them with nothing else shared.
func TestSameMeasurementLinks(t *testing.T) {
	l := openTestLedger(t, Options{Locate: noPlace})
	b1 := "Pregnant woman in her 20s, COHb 18% on the gas, whole household affected."
	publish(t, l, withCues(Candidate{PostID: "m1", Revision: 1, AuthorID: "dr", ThreadID: "a", At: t0, AuthorRole: "ED registrar", Body: b1,
		Reading: extract.Reading{Details: []extract.Detail{det(b1, "Pregnant", extract.KindCondition, "pregnancy", 0.01), det(b1, "in her 20s", extract.KindAge, "20s", 0.12)}}}))
	b2 := "The family where mum's COHb was 18% live in a rented flat in Salford."
	i := strings.Index(b2, "Salford")
	r, err := l.Assess(context.Background(), withCues(Candidate{PostID: "m2", Revision: 1, AuthorID: "dr", ThreadID: "b", At: t0.Add(20 * 24 * time.Hour), AuthorRole: "ED registrar", Body: b2,
		Reading: extract.Reading{Details: []extract.Detail{det(b2, "mum", extract.KindSex, "F", 0.5),
			{Kind: extract.KindPlace, Value: "salford", Population: 72000, Start: i, End: i + 7, Confidence: 0.85, Subject: extract.SubjectPatient}}}}))
	if err != nil {
		t.Fatal(err)
	}
	if r.Risk == nil || len(r.Risk.LinkedPostIds) != 1 || r.Risk.LinkedPostIds[0] != "m1" {
		t.Fatalf("not linked by the measurement: %v", r.Risk)
	}
}

// A moderator's edited release counts as released: the details the moderator removed do
// not enter the profile.
func TestPublishReadingUsesTheReleasedText(t *testing.T) {
	ctx := context.Background()
	l := openTestLedger(t, Options{Locate: noPlace})
	body := "Man in his 40s with Huntington's disease who lives in Beaumaris."
	i := strings.Index(body, "Beaumaris")
	town := extract.Detail{Kind: extract.KindPlace, Value: "beaumaris", Population: 1900, Start: i, End: i + 9, Confidence: 0.85, Subject: extract.SubjectPatient}
	hd := det(body, "Huntington's disease", extract.KindCondition, "huntington's disease", 5e-5)
	c := withCues(Candidate{PostID: "h1", Revision: 1, AuthorID: "dr", ThreadID: "t", At: t0, AuthorRole: "Neurology registrar", Body: body,
		Reading: extract.Reading{Details: []extract.Detail{det(body, "Man", extract.KindSex, "M", 0.5), det(body, "in his 40s", extract.KindAge, "40s", 0.13), hd, town}}})
	r, err := l.Assess(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) == 0 {
		t.Fatalf("not held: k=%v", r.Risk.GetEstimatedMatches())
	}
	released := "Man in his 40s with Huntington's disease."
	rd := det(released, "Huntington's disease", extract.KindCondition, "huntington's disease", 5e-5)
	if err := l.PublishReading(ctx, "dr", "h1", 1, released, extract.Reading{Details: []extract.Detail{rd}}); err != nil {
		t.Fatal(err)
	}
	b2 := "Update on the same chap: he has agreed to stop driving."
	r, err = l.Assess(ctx, withCues(Candidate{PostID: "h2", Revision: 1, AuthorID: "dr", ThreadID: "t", ReplyToPostID: "h1", At: t0.Add(time.Hour), AuthorRole: "Neurology registrar", Body: b2,
		Reading: extract.Reading{Details: []extract.Detail{det(b2, "he", extract.KindSex, "M", 0.5)}}}))
	if err != nil {
		t.Fatal(err)
	}
	if r.Risk == nil || len(r.Risk.LinkedPostIds) != 1 {
		t.Fatalf("not linked to the released post: %v", r.Risk)
	}
	if r.Risk.PopulationPlace == "beaumaris" || len(r.Findings) != 0 {
		t.Errorf("the removed town still counts: %v", r.Risk)
	}
}

// Publish with an edited body keeps the details whose words survived the edit.
func TestPublishEditedBodyKeepsSurvivingDetails(t *testing.T) {
	ctx := context.Background()
	l := openTestLedger(t, Options{Locate: noPlace})
	body := "Man in his 40s with Huntington's disease who lives in Beaumaris."
	i := strings.Index(body, "Beaumaris")
	c := withCues(Candidate{PostID: "e1", Revision: 1, AuthorID: "dr", ThreadID: "t", At: t0, AuthorRole: "Neurology registrar", Body: body,
		Reading: extract.Reading{Details: []extract.Detail{det(body, "Huntington's disease", extract.KindCondition, "huntington's disease", 5e-5),
			{Kind: extract.KindPlace, Value: "beaumaris", Population: 1900, Start: i, End: i + 9, Confidence: 0.85, Subject: extract.SubjectPatient}}}})
	if _, err := l.Assess(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := l.Publish(ctx, "dr", "e1", 1, "Man in his 40s with Huntington's disease."); err != nil {
		t.Fatal(err)
	}
	var st *authorState
	if err := l.db.View(func(txn *badger.Txn) (err error) { st, err = loadAuthor(txn, "dr"); return }); err != nil {
		t.Fatal(err)
	}
	if len(st.Profiles) != 1 || len(st.Profiles[0].Facts) != 1 || st.Profiles[0].Facts[0].Kind != "condition" {
		t.Fatalf("profile %+v, want only the condition", st.Profiles)
	}
}
