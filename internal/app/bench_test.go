package app_test

import (
	"context"
	"fmt"
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
