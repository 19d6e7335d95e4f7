package holder_test

import (
	"errors"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
)

// FuzzAssessmentHandler drives the holder's assessment handler with arbitrary bytes,
// on a real holder (Badger in a temporary directory, embedded NATS): decoding must
// never panic, junk must be poison (dead-lettered, never retried), and anything that
// decodes must be decided, or held unassessed, without error.
//
//	go test -run '^$' -fuzz FuzzAssessmentHandler -fuzztime 60s ./services/holder
func FuzzAssessmentHandler(f *testing.F) {
	h, _ := newHolder(f)
	seed := func(a *mosaicv1.Assessment) {
		b, _ := proto.Marshal(a)
		f.Add(b, false)
		f.Add(b, true)
	}
	seed(assessment("p-fuzz-1", true))
	seed(assessment("p-fuzz-2", false))
	odd := assessment("p-fuzz-3", false)
	odd.Post.CreatedAt = &timestamppb.Timestamp{Seconds: 253402300800, Nanos: -1} // year 10000, negative nanos
	odd.AcceptedAt = &timestamppb.Timestamp{Seconds: -1 << 62}
	seed(odd)
	seed(&mosaicv1.Assessment{Post: &mosaicv1.Post{PostId: "p.x", Revision: 1, AuthorId: "a.b", ForumId: "f>"}})
	f.Add([]byte{}, false)
	f.Add([]byte("\xff\xff\xff"), false)
	f.Add([]byte("\x0a\x05hello"), true)
	f.Fuzz(func(t *testing.T, data []byte, unassessed bool) {
		a, err := holder.DecodeAssessment(data)
		if err != nil {
			if !errors.Is(err, bus.ErrPoison) {
				t.Fatalf("undecodable assessment is not poison: %v", err)
			}
			return
		}
		ctx := t.Context()
		if unassessed {
			err = h.HoldUnassessed(ctx, a.GetPost(), a.GetAcceptedAt(), "fuzz")
		} else {
			err = h.Decide(ctx, a)
		}
		if err != nil {
			t.Fatalf("decoded assessment of %s/%d not decided: %v", a.GetPost().GetPostId(), a.GetPost().GetRevision(), err)
		}
		st, err := h.Status(a.GetPost().GetPostId(), a.GetPost().GetRevision())
		if err != nil {
			t.Fatalf("no status after deciding: %v", err)
		}
		if st.GetDecision() == mosaicv1.Decision_DECISION_PENDING {
			t.Fatalf("still pending after deciding")
		}
		_ = st.GetDecidedAt().AsTime().Add(time.Second)
	})
}
