package bus_test

import (
	"errors"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
)

// storedMsg publishes data to subject with the message id (none when empty) and reads
// it back from the stream, as a consumer receives it.
func storedMsg(t *testing.T, s *bustest.JetStream, stream, subject, id string) jetstream.Msg {
	t.Helper()
	var opts []jetstream.PublishOpt
	if id != "" {
		opts = append(opts, jetstream.WithMsgID(id))
	}
	ack, err := s.JS.PublishMsg(t.Context(), &nats.Msg{Subject: subject, Data: []byte("x")}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.JS.Stream(t.Context(), stream)
	if err != nil {
		t.Fatal(err)
	}
	cons, err := st.OrderedConsumer(t.Context(), jetstream.OrderedConsumerConfig{
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

func TestCheckMsgIDRefusesAnotherIDAsPoison(t *testing.T) {
	top := bus.DefaultTopology()
	top.Partitions = 2
	s := bustest.Run(t, &top)
	subject := bus.SubjectAssessment(0)
	good := storedMsg(t, s, bus.StreamAssessments, subject, bus.AssessmentMsgID("p-1", 2))
	if err := bus.CheckMsgID(good, bus.AssessmentMsgID("p-1", 2), false); err != nil {
		t.Fatalf("the publisher's own id: %v", err)
	}
	for name, m := range map[string]jetstream.Msg{
		"another post's id": storedMsg(t, s, bus.StreamAssessments, subject, bus.AssessmentMsgID("p-2", 2)),
		"another stream's":  storedMsg(t, s, bus.StreamAssessments, subject, "submit:p-1:2"),
		"a longer id":       storedMsg(t, s, bus.StreamAssessments, subject, bus.AssessmentMsgID("p-1", 2)+"0"),
		"no id":             storedMsg(t, s, bus.StreamAssessments, subject, ""),
	} {
		err := bus.CheckMsgID(m, bus.AssessmentMsgID("p-1", 2), false)
		if !errors.Is(err, bus.ErrPoison) {
			t.Fatalf("%s: %v, want poison", name, err)
		}
	}
	dec := bus.SubjectDecision("gp-chat")
	if err := bus.CheckMsgID(storedMsg(t, s, bus.StreamDecisions, dec, "decision:p-1:2:DECISION_HELD:17"), bus.DecisionMsgIDPrefix("p-1", 2), true); err != nil {
		t.Fatalf("a decision's id: %v", err)
	}
	for _, id := range []string{"decision:p-1:23:DECISION_HELD:17", "assessment:p-1:2", "notice:decision:p-1:2:"} {
		if err := bus.CheckMsgID(storedMsg(t, s, bus.StreamDecisions, dec, id), bus.DecisionMsgIDPrefix("p-1", 2), true); !errors.Is(err, bus.ErrPoison) {
			t.Fatalf("decision id %q: %v, want poison", id, err)
		}
	}
}
