package bench

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// GRPC submits through GatewayService.SubmitPost and waits for the decision in the
// call, as the forum platform does.
type GRPC struct {
	Client mosaicv1.GatewayServiceClient
	// Wait is the SubmitPost wait (at most 300 s).
	Wait time.Duration
}

// Submit implements Submitter: one call per post, each in its own goroutine.
func (g GRPC) Submit(ctx context.Context, p *mosaicv1.Post, done Done) {
	go func() {
		cctx, cancel := context.WithTimeout(ctx, g.Wait+10*time.Second)
		defer cancel()
		resp, err := g.Client.SubmitPost(cctx, &mosaicv1.SubmitPostRequest{Post: p, Wait: durationpb.New(g.Wait)})
		switch {
		case status.Code(err) == codes.ResourceExhausted:
			done(Shed, err)
		case err != nil:
			done(Failed, err)
		case resp.GetStatus().GetDecision() == mosaicv1.Decision_DECISION_PENDING:
			done(Undecided, nil)
		default:
			done(Decided, nil)
		}
	}()
}

// NATS publishes each post to the intake subject, as a platform that uses the NATS
// intake does, and learns decisions from the DECISIONS stream.
type NATS struct {
	js jetstream.JetStream
	cc jetstream.ConsumeContext

	mu      sync.Mutex
	waiting map[string]Done
}

// NewNATS starts following new decisions on nc (the platform's identity: it may
// publish to the intake and read decisions). Close stops it.
func NewNATS(ctx context.Context, nc *nats.Conn) (*NATS, error) {
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(8192))
	if err != nil {
		return nil, err
	}
	n := &NATS{js: js, waiting: map[string]Done{}}
	cons, err := js.OrderedConsumer(ctx, bus.StreamDecisions, jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{bus.SubjectDecisionsAll}, DeliverPolicy: jetstream.DeliverNewPolicy})
	if err != nil {
		return nil, fmt.Errorf("bench: follow decisions: %w", err)
	}
	n.cc, err = cons.Consume(func(msg jetstream.Msg) {
		ev := &mosaicv1.DecisionEvent{}
		if proto.Unmarshal(msg.Data(), ev) != nil || ev.GetStatus().GetDecision() == mosaicv1.Decision_DECISION_PENDING {
			return
		}
		n.mu.Lock()
		done := n.waiting[ev.Status.PostId]
		delete(n.waiting, ev.Status.PostId)
		n.mu.Unlock()
		if done != nil {
			done(Decided, nil)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("bench: follow decisions: %w", err)
	}
	return n, nil
}

// Submit implements Submitter.
func (n *NATS) Submit(_ context.Context, p *mosaicv1.Post, done Done) {
	data, err := proto.Marshal(p)
	if err != nil {
		done(Failed, err)
		return
	}
	n.mu.Lock()
	n.waiting[p.PostId] = done
	n.mu.Unlock()
	msg := &nats.Msg{Subject: bus.SubjectIntake, Data: data, Header: nats.Header{}}
	msg.Header.Set(bus.HeaderContentType, bus.ContentTypeProto)
	fut, err := n.js.PublishMsgAsync(msg, jetstream.WithMsgID(fmt.Sprintf("intake:%s:%d", p.PostId, p.Revision)))
	if err != nil {
		n.fail(p.PostId, err)
		return
	}
	go func() {
		select {
		case <-fut.Ok():
		case err := <-fut.Err():
			n.fail(p.PostId, err)
		}
	}()
}

func (n *NATS) fail(post string, err error) {
	n.mu.Lock()
	done := n.waiting[post]
	delete(n.waiting, post)
	n.mu.Unlock()
	if done != nil {
		done(Failed, err)
	}
}

// Close stops following decisions.
func (n *NATS) Close() { n.cc.Stop() }
