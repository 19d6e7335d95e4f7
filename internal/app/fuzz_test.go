package app_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/app"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// FuzzGatewayEdge sends arbitrary bytes as a SubmitPost request to the real gRPC
// server (loopback, the gateway with embedded NATS and Badger): the edge must never
// fail with a server-side code (Internal, Unknown) on any input; junk is
// InvalidArgument, and a well-formed post is accepted (or FailedPrecondition when an
// earlier input reused its id and revision with other content).
//
//	go test -run '^$' -fuzz FuzzGatewayEdge -fuzztime 60s ./internal/app
func FuzzGatewayEdge(f *testing.F) {
	// The app logs nowhere: a fuzz target may not log through f.
	cfg := testConfig(f.TempDir())
	cfg.NATSListen = ""
	cfg.Targets = []string{app.TargetGateway}
	p := launch(f, cfg, slog.New(slog.DiscardHandler))
	req := func(edit func(*mosaicv1.Post)) []byte {
		po := post("fz-1", benignBody)
		edit(po)
		b, _ := proto.Marshal(&mosaicv1.SubmitPostRequest{Post: po})
		return b
	}
	f.Add(req(func(*mosaicv1.Post) {}))
	f.Add(req(func(p *mosaicv1.Post) { p.CreatedAt = timestamppb.New(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)) }))
	f.Add(req(func(p *mosaicv1.Post) { p.CreatedAt.Nanos = -7 }))
	f.Add(req(func(p *mosaicv1.Post) { p.Revision = 1<<32 - 1 }))
	f.Add(req(func(p *mosaicv1.Post) { p.Body = "   " }))
	f.Add(req(func(p *mosaicv1.Post) { p.Audience = 99 }))
	b, _ := proto.Marshal(&mosaicv1.SubmitPostRequest{Post: post("fz-2", benignBody), Wait: durationpb.New(-time.Hour)})
	f.Add(b)
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xff, 0xff})
	f.Add([]byte("\x0a\x02\x0a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in := data
		var out []byte
		// No linker runs, so a request that asks to wait for its decision waits it out.
		ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
		defer cancel()
		err := p.cc.Invoke(ctx, "/mosaic.v1.GatewayService/SubmitPost", &in, &out, grpc.ForceCodecV2(rawCodec{}))
		switch c := status.Code(err); c {
		case codes.OK, codes.InvalidArgument, codes.FailedPrecondition:
		case codes.DeadlineExceeded:
			req := &mosaicv1.SubmitPostRequest{}
			if proto.Unmarshal(data, req) != nil || req.GetWait().AsDuration() <= 0 {
				t.Fatalf("SubmitPost(%q) timed out without asking to wait", data)
			}
		default:
			t.Fatalf("SubmitPost(%q): %v, want OK, InvalidArgument or FailedPrecondition", data, err)
		}
	})
}
