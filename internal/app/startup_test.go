package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/conditions"
	"github.com/mosaicgw/mosaic/internal/conduct"
	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/lexis"
	"github.com/mosaicgw/mosaic/internal/occupations"
	"github.com/mosaicgw/mosaic/internal/places"
	"github.com/mosaicgw/mosaic/internal/policy"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// startupChildEnv makes the test binary run one startup stage (startupChild) instead of
// its tests: the embedded data load once per process, so a cold start is measured in a
// fresh process each time.
const startupChildEnv = "MOSAIC_STARTUP_CHILD"

// startupHeapProfileEnv, when set, names a file where the child writes a heap profile
// after its GC (go tool pprof -sample_index=inuse_space FILE).
const startupHeapProfileEnv = "MOSAIC_STARTUP_HEAPPROFILE"

func TestMain(m *testing.M) {
	if stage := os.Getenv(startupChildEnv); stage != "" {
		os.Exit(startupChild(stage))
	}
	os.Exit(m.Run())
}

// startupResult is what a child reports on its last line of standard output.
type startupResult struct {
	ReadySeconds float64 `json:"ready_s"`       // from the stage's start to ready
	StartSeconds float64 `json:"start_s"`       // first-post: until App.Start returned
	HeapInuseMB  float64 `json:"heap_inuse_mb"` // after a GC, everything still reachable
	SysMB        float64 `json:"sys_mb"`        // memory obtained from the OS
}

// BenchmarkStartup measures a cold start, one fresh process per iteration:
//
//   - data: what the pipeline builds before it can take a post: the extractor
//     (extract.New, which builds its phrase dictionary from the places, conditions and
//     occupations data), the places gazetteer, the conditions index, the occupations
//     index, the WordNet/SCOWL lexis, the conduct checker and the default policy.
//   - first-post: the whole all-in-one process (embedded NATS, three Badger stores,
//     gRPC) started and one post submitted and decided, lazily loaded data included.
//
// ns/op is the child process's wall time, exec to exit (runtime start, package
// initialisation, the stage, a GC); ready-s is the stage alone, measured inside the
// child, and for first-post started-s the part of it until App.Start returned (the
// rest is the first post's round trip); heap-inuse-MB is runtime.MemStats.HeapInuse
// after a GC with the stage's results still reachable; sys-MB is MemStats.Sys.
// Targets: ready in under 2 s and under 300 MB. Benchmarks report; no test asserts
// these.
//
// In first-post most of the heap is Badger's memtable arenas (about 83 MB for each of
// the three stores with Badger's default 64 MB MemTableSize); see the heap with
//
//	MOSAIC_STARTUP_CHILD=first-post MOSAIC_STARTUP_HEAPPROFILE=/tmp/heap.prof ./app.test
//	go tool pprof -sample_index=inuse_space -top ./app.test /tmp/heap.prof
//
// after go test -c -o app.test ./internal/app.
//
//	go test -run '^$' -bench BenchmarkStartup -benchtime 5x ./internal/app
func BenchmarkStartup(b *testing.B) {
	for _, stage := range []string{"data", "first-post"} {
		b.Run(stage, func(b *testing.B) {
			var ready, started, heap, sys float64
			n := 0
			for b.Loop() {
				r := runStartupChild(b, stage)
				ready += r.ReadySeconds
				started += r.StartSeconds
				heap = max(heap, r.HeapInuseMB)
				sys = max(sys, r.SysMB)
				n++
			}
			b.ReportMetric(ready/float64(n), "ready-s")
			if started > 0 {
				b.ReportMetric(started/float64(n), "started-s")
			}
			b.ReportMetric(heap, "heap-inuse-MB")
			b.ReportMetric(sys, "sys-MB")
		})
	}
}

func runStartupChild(b *testing.B, stage string) startupResult {
	b.Helper()
	cmd := exec.CommandContext(b.Context(), os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), startupChildEnv+"="+stage)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("startup child %s: %v\n%s", stage, err, stderr.String())
	}
	lines := bytes.Split(bytes.TrimSpace(stdout.Bytes()), []byte("\n"))
	var r startupResult
	if err := json.Unmarshal(lines[len(lines)-1], &r); err != nil {
		b.Fatalf("startup child %s: %v in %q", stage, err, stdout.String())
	}
	return r
}

// startupChild runs one stage in this process and prints a startupResult.
func startupChild(stage string) int {
	start := time.Now()
	var keep []any
	var err error
	var started time.Duration
	switch stage {
	case "data":
		keep, err = loadData()
	case "first-post":
		var stop func()
		keep, stop, err = startAndPost(func() { started = time.Since(start) })
		if stop != nil {
			defer stop()
		}
	default:
		err = fmt.Errorf("unknown stage %q", stage)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ready := time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if path := os.Getenv(startupHeapProfileEnv); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	runtime.KeepAlive(keep)
	out, _ := json.Marshal(startupResult{
		ReadySeconds: ready.Seconds(),
		StartSeconds: started.Seconds(),
		HeapInuseMB:  float64(ms.HeapInuse) / (1 << 20),
		SysMB:        float64(ms.Sys) / (1 << 20),
	})
	fmt.Println(string(out))
	return 0
}

// loadData builds the pieces that load embedded data, as the linker and holder do at
// start (see App.startLinker and App.Start).
func loadData() ([]any, error) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		return nil, err
	}
	lexis.Load()
	checker, err := conduct.New(conduct.Options{})
	if err != nil {
		return nil, err
	}
	pol, err := policy.NewEngine(policy.EngineOptions{})
	if err != nil {
		return nil, err
	}
	// Each of these is loaded once per process; extract.New has loaded most of them
	// already, and asking again checks that nothing is left for the first post.
	g, conds, occs := places.Default(), conditions.Default(), occupations.Default()
	if g == nil || conds.Len() == 0 || occs == nil {
		return nil, fmt.Errorf("empty embedded data")
	}
	return []any{ex, checker, pol, g, conds, occs}, nil
}

// startAndPost starts the all-in-one process the way `gateway serve` does and waits
// for the decision on one post.
func startAndPost(startReturned func()) ([]any, func(), error) {
	dir, err := os.MkdirTemp("", "mosaic-startup-")
	if err != nil {
		return nil, nil, err
	}
	cfg := app.DefaultConfig()
	cfg.DataDir = dir
	cfg.GRPCAddr = "127.0.0.1:0"
	cfg.NATSListen = ""
	a, err := app.New(cfg, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	ctx := context.Background()
	if err := a.Start(ctx); err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	startReturned()
	cc, err := grpc.NewClient(a.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithPerRPCCredentials(authn.Bearer(a.PlatformToken())))
	stop := func() {
		if cc != nil {
			cc.Close()
		}
		sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = a.Stop(sctx)
		os.RemoveAll(dir)
	}
	if err != nil {
		return nil, stop, err
	}
	resp, err := mosaicv1.NewGatewayServiceClient(cc).SubmitPost(ctx, &mosaicv1.SubmitPostRequest{
		Post: post("startup-1", benignBody), Wait: durationpb.New(30 * time.Second)})
	if err != nil {
		return nil, stop, err
	}
	if d := resp.GetStatus().GetDecision(); d != mosaicv1.Decision_DECISION_RELEASED {
		return nil, stop, fmt.Errorf("first post: decision %v, want released", d)
	}
	return []any{a, cc}, stop, nil
}
