package api

import (
	"testing"
	"time"

	"buf.build/go/protovalidate"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/postcheck"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// FuzzIntake drives the NATS intake's decoding and validation with arbitrary bytes,
// as protobuf and as protojson: it must never panic; whatever it refuses must be
// InvalidArgument (the handler turns that into a dead letter with the reason); and
// whatever it accepts must also pass the linker's own check of a submission, so an
// accepted post can never be poison downstream.
//
//	go test -run '^$' -fuzz FuzzIntake -fuzztime 60s ./gateway/api
func FuzzIntake(f *testing.F) {
	v, err := protovalidate.New()
	if err != nil {
		f.Fatal(err)
	}
	g := &Gateway{val: v, opts: Options{MaxBodyBytes: DefaultMaxBodyBytes}}
	good := &mosaicv1.Post{PostId: "p-1", Revision: 1, AuthorId: "dr-a", ForumId: "gp-chat", Audience: mosaicv1.Audience_AUDIENCE_MEMBERS,
		CreatedAt: timestamppb.New(time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)), Body: "Any tips for gout flares on allopurinol?"}
	for _, edit := range []func(*mosaicv1.Post){
		func(*mosaicv1.Post) {},
		func(p *mosaicv1.Post) { p.CreatedAt = &timestamppb.Timestamp{Seconds: 253402300800} },
		func(p *mosaicv1.Post) { p.CreatedAt.Nanos = -1 },
		func(p *mosaicv1.Post) { p.Revision = 1<<32 - 1 },
		func(p *mosaicv1.Post) { p.Body = " \u200b\n" },
		func(p *mosaicv1.Post) { p.Body = "NHS number\x00943 476 5919" },
		func(p *mosaicv1.Post) { p.Audience = 0 },
	} {
		p := proto.Clone(good).(*mosaicv1.Post)
		edit(p)
		b, _ := proto.Marshal(p)
		f.Add(b, false)
		if j, err := protojson.Marshal(p); err == nil {
			f.Add(j, true)
		}
	}
	f.Add([]byte(`{"postId":"p-2","revision":1,"authorId":"dr-a","forumId":"f","audience":"AUDIENCE_MEMBERS","createdAt":"9999-12-31T23:59:59Z","body":"x"}`), true)
	f.Add([]byte(`{"postId":`), true)
	f.Add([]byte("\xff\xff\xff"), false)
	f.Fuzz(func(t *testing.T, data []byte, asJSON bool) {
		ct := bus.ContentTypeProto
		if asJSON {
			ct = bus.ContentTypeJSON
		}
		p, err := decodeIntake(ct, data)
		if err == nil {
			err = g.checkIntake(p)
		}
		if err != nil {
			if c := status.Code(err); c != codes.InvalidArgument {
				t.Fatalf("refused with %v, want InvalidArgument: %v", c, err)
			}
			return
		}
		if err := postcheck.Check(v, p, postcheck.Limits{}); err != nil {
			t.Fatalf("the intake accepts a post the linker would refuse: %v", err)
		}
		if !p.GetCreatedAt().IsValid() && p.GetCreatedAt() != nil {
			t.Fatalf("accepted an invalid created_at %v", p.GetCreatedAt())
		}
	})
}
