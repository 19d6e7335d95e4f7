package bus

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/proto"
)

// HeaderContentType tells a consumer how the payload is encoded. Mosaic's own messages
// are protobuf; the platform may publish protojson to the intake subject.
const (
	HeaderContentType = "Content-Type"
	ContentTypeProto  = "application/protobuf"
	ContentTypeJSON   = "application/json"
)

// HeaderAuthor carries the author of the post a message is about, on the messages
// to the linker's partitions: its workers handle different authors' messages at once
// and one author's in order (Worker.Lanes), keyed by it (AuthorKey).
const HeaderAuthor = "Mosaic-Author"

// AuthorKey is a message's HeaderAuthor: the key of its worker lane. Messages without
// one (published before the header existed) share the key "".
func AuthorKey(msg jetstream.Msg) string { return msg.Headers().Get(HeaderAuthor) }

// Publish marshals m and publishes it to subject with a Nats-Msg-Id, waiting for the
// stream's acknowledgement, so a returned nil means the message is stored. The trace
// in ctx, if any, goes with it in the headers (InjectTrace).
func Publish(ctx context.Context, js jetstream.JetStream, subject, msgID string, m proto.Message) error {
	return PublishAuthor(ctx, js, subject, msgID, "", m)
}

// PublishAuthor is Publish with the post's author in HeaderAuthor (when not empty).
func PublishAuthor(ctx context.Context, js jetstream.JetStream, subject, msgID, author string, m proto.Message) error {
	data, err := proto.Marshal(m)
	if err != nil {
		return fmt.Errorf("bus: marshal %T: %w", m, err)
	}
	msg := &nats.Msg{Subject: subject, Data: data, Header: nats.Header{}}
	msg.Header.Set(HeaderContentType, ContentTypeProto)
	InjectTrace(ctx, msg.Header)
	if author != "" {
		msg.Header.Set(HeaderAuthor, author)
	}
	if _, err := js.PublishMsg(ctx, msg, jetstream.WithMsgID(msgID)); err != nil {
		return fmt.Errorf("bus: publish %s: %w", subject, err)
	}
	return nil
}

// Pending is an asynchronous publish awaiting its acknowledgement.
type Pending struct {
	subject string
	fut     jetstream.PubAckFuture
}

// PublishAsync publishes without waiting; Wait collects the acknowledgements. Messages
// published from one connection are stored in publish order per stream. ctx only
// carries the trace (see InjectTrace).
func PublishAsync(ctx context.Context, js jetstream.JetStream, subject, msgID string, m proto.Message) (Pending, error) {
	data, err := proto.Marshal(m)
	if err != nil {
		return Pending{}, fmt.Errorf("bus: marshal %T: %w", m, err)
	}
	msg := &nats.Msg{Subject: subject, Data: data, Header: nats.Header{}}
	msg.Header.Set(HeaderContentType, ContentTypeProto)
	InjectTrace(ctx, msg.Header)
	fut, err := js.PublishMsgAsync(msg, jetstream.WithMsgID(msgID))
	if err != nil {
		return Pending{}, fmt.Errorf("bus: publish %s: %w", subject, err)
	}
	return Pending{subject: subject, fut: fut}, nil
}

// Wait waits for every pending publish to be acknowledged by its stream.
func Wait(ctx context.Context, ps ...Pending) error {
	for _, p := range ps {
		select {
		case <-p.fut.Ok():
		case err := <-p.fut.Err():
			return fmt.Errorf("bus: publish %s: %w", p.subject, err)
		case <-ctx.Done():
			return fmt.Errorf("bus: publish %s: %w", p.subject, ctx.Err())
		}
	}
	return nil
}
