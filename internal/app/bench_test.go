package app_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/bench"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// BenchmarkPipeline measures posts per second through the whole all-in-one pipeline:
// gRPC submit, JetStream, linker (extract, ledger), holder, decision back in the
// gateway's view. Closed loop: 16 concurrent submitters, each waiting for its post's
// decision before sending the next, with gateway bench's generated posts (2000
// authors, 30% with a patient's details). gateway bench measures open loop, against
// bare JetStream on the same server.
func BenchmarkPipeline(b *testing.B) {
	p := startB(b)
	cc, err := grpc.NewClient(p.app.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithPerRPCCredentials(authn.Bearer(p.app.PlatformToken())))
	if err != nil {
		b.Fatal(err)
	}
	defer cc.Close()
	gw := mosaicv1.NewGatewayServiceClient(cc)
	var next atomic.Int64
	var mu sync.Mutex
	posts := bench.NewPosts(bench.PostsOptions{Seed: 1})
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range 16 {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				mu.Lock()
				po := posts.Next()
				mu.Unlock()
				resp, err := gw.SubmitPost(b.Context(), &mosaicv1.SubmitPostRequest{Post: po, Wait: durationOf(30 * time.Second)})
				if err != nil || resp.Status.Decision == mosaicv1.Decision_DECISION_PENDING {
					b.Errorf("post %d: %v %v", i, resp, err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "posts/s")
}
