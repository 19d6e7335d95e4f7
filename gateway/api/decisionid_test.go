package api

import (
	"errors"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// The decision consumer takes only the holder's own decision events: a copy under
// another id (or another post's) is refused as poison.
func TestDecisionConsumerChecksMessageID(t *testing.T) {
	top := bus.DefaultTopology()
	top.Partitions = 2
	s := bustest.Run(t, &top)
	st := &mosaicv1.PostStatus{PostId: "p-1", Revision: 2, ForumId: "gp-chat", Decision: mosaicv1.Decision_DECISION_RELEASED}
	read := func(id string) jetstream.Msg {
		t.Helper()
		ack, err := s.JS.PublishMsg(t.Context(), &nats.Msg{Subject: bus.SubjectDecision("gp-chat"), Data: []byte("x")}, jetstream.WithMsgID(id))
		if err != nil {
			t.Fatal(err)
		}
		cons, err := s.JS.OrderedConsumer(t.Context(), bus.StreamDecisions, jetstream.OrderedConsumerConfig{
			DeliverPolicy: jetstream.DeliverByStartSequencePolicy, OptStartSeq: ack.Sequence})
		if err != nil {
			t.Fatal(err)
		}
		m, err := cons.Next()
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	if err := checkDecisionID(read("decision:p-1:2:DECISION_RELEASED:1765000000000000000"), st); err != nil {
		t.Fatalf("the holder's id: %v", err)
	}
	for _, id := range []string{"decision:p-9:2:DECISION_RELEASED:1", "assessment:p-1:2", "copy-of-decision:p-1:2:"} {
		if err := checkDecisionID(read(id), st); !errors.Is(err, bus.ErrPoison) {
			t.Fatalf("id %q: %v, want poison", id, err)
		}
	}
}
