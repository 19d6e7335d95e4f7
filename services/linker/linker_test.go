package linker_test

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/link"
	"github.com/mosaicgw/mosaic/internal/store"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/linker"
)

func newLinker(t testing.TB) (*linker.Linker, *bustest.JetStream) {
	t.Helper()
	top := bus.DefaultTopology()
	top.Partitions = 2
	s := bustest.Run(t, &top)
	db, err := store.Open(store.Options{Dir: t.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ledger, err := link.Open(db, link.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := linker.New(linker.Options{JS: s.JS, Topology: top, Reader: ex, Ledger: ledger, DetectorVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return l, s
}

func submission(id, body string) *mosaicv1.Submission {
	return &mosaicv1.Submission{Post: &mosaicv1.Post{
		PostId: id, Revision: 1, AuthorId: "dr-a", ForumId: "f", Audience: mosaicv1.Audience_AUDIENCE_MEMBERS,
		CreatedAt: timestamppb.New(time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)), Body: body,
	}}
}

func kinds(a *mosaicv1.Assessment) string {
	var ks []string
	for _, f := range a.Findings {
		ks = append(ks, f.Kind.String())
	}
	return strings.Join(ks, ",")
}

func TestDirectIdentifierOfAPatientIsAHoldingFinding(t *testing.T) {
	l, _ := newLinker(t)
	body := "Seen today, NHS no. 943-476-5919, query safeguarding referral route?"
	a, err := l.Assess(t.Context(), submission("p1", body))
	if err != nil {
		t.Fatal(err)
	}
	var direct *mosaicv1.Finding
	for _, f := range a.Findings {
		if f.Kind == mosaicv1.FindingKind_FINDING_KIND_DIRECT_IDENTIFIER {
			direct = f
		}
	}
	if direct == nil || direct.Severity != mosaicv1.Severity_SEVERITY_HOLD {
		t.Fatalf("findings %s: want a holding DIRECT_IDENTIFIER", kinds(a))
	}
	sp := direct.Spans[0]
	if sp.PostId != "p1" || sp.Text != "943-476-5919" || body[sp.Start:sp.End] != "943-476-5919" {
		t.Fatalf("span %v", sp)
	}
	if !strings.Contains(direct.Suggestion, "NHS number") || direct.Guidance.GetParagraph() == "" {
		t.Fatalf("finding does not explain itself: %v", direct)
	}
	if len(a.Details) == 0 || a.DetectorVersion != "test" {
		t.Fatalf("assessment lacks details or version: %v", a)
	}
}

func TestPlainClinicalQuestionHasNoDirectFinding(t *testing.T) {
	l, _ := newLinker(t)
	a, err := l.Assess(t.Context(), submission("p2", "What target HbA1c do people use for frail over-80s on gliclazide?"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Findings {
		if f.Kind == mosaicv1.FindingKind_FINDING_KIND_DIRECT_IDENTIFIER {
			t.Fatalf("unexpected direct identifier: %v", f)
		}
	}
}

func TestSubmissionOnThePartitionYieldsAnAssessment(t *testing.T) {
	l, s := newLinker(t)
	ctx := t.Context()
	go func() { _ = l.Run(ctx) }()
	sub := submission("p3", "NHS number 943 476 5919 in the referral letter")
	p := bus.Partition("dr-a", 2)
	if err := bus.Publish(ctx, s.JS, bus.SubjectSubmitted(p), "submit:p3:1", sub); err != nil {
		t.Fatal(err)
	}
	cons, err := s.JS.OrderedConsumer(ctx, bus.StreamAssessments, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := cons.Next()
	if err != nil {
		t.Fatal(err)
	}
	a := &mosaicv1.Assessment{}
	if err := proto.Unmarshal(msg.Data(), a); err != nil || a.Post.PostId != "p3" || msg.Subject() != bus.SubjectAssessment(p) {
		t.Fatalf("assessment %v on %s: %v", a, msg.Subject(), err)
	}
}
