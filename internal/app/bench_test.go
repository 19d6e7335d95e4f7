package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
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
// bare JetStream on the same server. The plaintext variant
// (--insecure-no-data-encryption) measures what encryption at rest costs.
func BenchmarkPipeline(b *testing.B) {
	b.Run("encrypted", func(b *testing.B) { benchPipeline(b, startB(b)) })
	b.Run("plaintext", func(b *testing.B) {
		cfg := testConfig(b.TempDir())
		cfg.InsecureNoDataEncryption = true
		benchPipeline(b, launch(b, cfg, slog.New(slog.DiscardHandler)))
	})
}

// BenchmarkTelemetryOverhead is BenchmarkPipeline with metrics on (scraped every
// second, as a Prometheus server would at most) and every post traced by the SDK
// (batched to an exporter that drops them): compare its posts/s with BenchmarkPipeline's.
func BenchmarkTelemetryOverhead(b *testing.B) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(tracetest.NewNoopExporter()))
	b.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	cfg := testConfig(b.TempDir())
	cfg.MetricsAddr = "127.0.0.1:0"
	cfg.TracerProvider = tp
	p := launch(b, cfg, slog.New(slog.NewTextHandler(testWriter{b}, &slog.HandlerOptions{Level: slog.LevelWarn})))
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if resp, err := http.Get("http://" + p.app.MetricsAddr() + "/metrics"); err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		}
	}()
	benchPipeline(b, p)
	close(done)
}

func benchPipeline(b *testing.B, p *pipeline) {
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
