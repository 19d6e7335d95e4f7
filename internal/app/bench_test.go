package app_test

import (
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/mosaicgw/mosaic/internal/authn"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

var benchBodies = []string{
	"Anyone else finding the new DOAC monitoring template clunky? Renal function every 6 months for over-75s seems to be what most practices do.",
	"Quick one: 58 year old man, new AF, CHA2DS2-VASc 2, on amlodipine. Apixaban or edoxaban first line in your practices? Creatinine clearance 48.",
	"Locum rates in the North West seem to have dropped again this winter. Is anyone still getting £100 an hour for sessions?",
	"My patient in her 40s with MS asked about fampridine again. Local neurology say no funding. How are others handling this?",
}

// BenchmarkPipeline measures posts per second through the whole all-in-one pipeline:
// gRPC submit, JetStream, linker (extract, ledger), holder, decision back in the
// gateway's view. 16 concurrent submitters, 200 authors. The plaintext variant
// (--insecure-no-data-encryption) measures what encryption at rest costs.
func BenchmarkPipeline(b *testing.B) {
	b.Run("encrypted", func(b *testing.B) { benchPipeline(b, startB(b)) })
	b.Run("plaintext", func(b *testing.B) {
		cfg := testConfig(b.TempDir())
		cfg.InsecureNoDataEncryption = true
		benchPipeline(b, launch(b, cfg, slog.New(slog.DiscardHandler)))
	})
}

func benchPipeline(b *testing.B, p *pipeline) {
	cc, err := grpc.NewClient(p.app.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithPerRPCCredentials(authn.Bearer(p.app.PlatformToken())))
	if err != nil {
		b.Fatal(err)
	}
	defer cc.Close()
	gw := mosaicv1.NewGatewayServiceClient(cc)
	var next atomic.Int64
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
				po := post(fmt.Sprintf("bench-%d", i), benchBodies[i%int64(len(benchBodies))])
				po.AuthorId = fmt.Sprintf("author-%d", i%200)
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
