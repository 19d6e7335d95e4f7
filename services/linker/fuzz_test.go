package linker_test

import (
	"errors"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/link"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// FuzzSubmissionHandler drives the linker's message handling with arbitrary bytes, on
// a real linker (extractor, Badger ledger in a temporary directory): decoding and
// checking must never panic; junk must be poison (dead-lettered at once, never
// retried); and every submission the checks let through must be assessed without
// error, since an error there is retried and, before the dead-letter path, wedged
// the author's partition (a year-10000 created_at did exactly that). Outcomes are
// applied, or refused as poison for ids the ledger cannot store.
//
//	go test -run '^$' -fuzz FuzzSubmissionHandler -fuzztime 60s ./services/linker
func FuzzSubmissionHandler(f *testing.F) {
	l, _ := newLinker(f)
	add := func(m proto.Message, outcome bool) {
		b, _ := proto.Marshal(m)
		f.Add(b, outcome)
	}
	add(submission("p-ok", "Seen today, NHS no. 943-476-5919, query safeguarding referral route?"), false)
	add(submission("p-q", "What target HbA1c do people use for frail over-80s on gliclazide?"), false)
	y10k := submission("p-y10k", "gout flare on allopurinol")
	y10k.Post.CreatedAt = timestamppb.New(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	add(y10k, false)
	nanos := submission("p-nanos", "gout")
	nanos.Post.CreatedAt.Nanos = -1
	add(nanos, false)
	blank := submission("p-blank", " \n\t\u200b")
	add(blank, false)
	add(&mosaicv1.Submission{}, false)
	add(&mosaicv1.Outcome{PostId: "p-ok", Revision: 1, AuthorId: "dr-a", Decision: mosaicv1.Decision_DECISION_RELEASED, Published: true}, true)
	add(&mosaicv1.Outcome{PostId: "p-ok", Revision: 1, AuthorId: "dr-a", Published: true, ReleasedBody: "edited: NHS no. removed"}, true)
	add(&mosaicv1.Outcome{PostId: "../x", AuthorId: "a/b", Deleted: true}, true)
	f.Add([]byte("\xff\xff\xff"), false)
	f.Add([]byte("\x0a\x03\x0a\x01x"), false)
	f.Fuzz(func(t *testing.T, data []byte, outcome bool) {
		ctx := t.Context()
		if outcome {
			out := &mosaicv1.Outcome{}
			if proto.Unmarshal(data, out) != nil {
				return
			}
			if err := l.Apply(ctx, out); err != nil && !errors.Is(err, link.ErrBadID) {
				t.Fatalf("outcome %v: %v (neither applied nor refused as poison)", out, err)
			}
			return
		}
		sub, err := l.DecodeSubmission(data)
		if err != nil {
			if !errors.Is(err, bus.ErrPoison) {
				t.Fatalf("refused submission is not poison: %v", err)
			}
			return
		}
		if _, err := l.Assess(ctx, sub); err != nil {
			t.Fatalf("a submission the checks accept was not assessed (this would fail the partition on every retry): %v\npost: %v", err, sub.GetPost())
		}
	})
}
