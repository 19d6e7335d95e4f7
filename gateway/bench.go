package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/bench"
	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// benchReport is gateway bench's final JSON line: the figures of the run (with
// --saturate, of the highest rate that kept up), the machine's state, and the
// bare-JetStream baseline measured in the same run on the same server.
type benchReport struct {
	Via string `json:"via"`
	bench.Result
	PeakRSSMB     float64   `json:"peak_rss_mb"`
	LoadAvg       []float64 `json:"load_avg"`
	LoadAvgBefore []float64 `json:"load_avg_before"`
	BaselinePerS  float64   `json:"baseline_per_s"`
	// Ratio is decided_per_s / baseline_per_s (0 without a baseline).
	Ratio       float64 `json:"ratio"`
	Partitions  int     `json:"partitions"`
	LinkerLanes int     `json:"linker_lanes"`
	MaxInFlight int     `json:"max_in_flight"`
	NATS        string  `json:"nats"`
	// With --saturate: the highest rate that kept up, the most decided per second in
	// any step, and every step.
	SaturatingRate float64        `json:"saturating_rate,omitempty"`
	MaxDecidedPerS float64        `json:"max_decided_per_s,omitempty"`
	Steps          []bench.Result `json:"steps,omitempty"`
}

// runBench implements `gateway bench`.
func runBench(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: gateway bench [flags]

Starts the real pipeline (embedded NATS and Badger in a temporary directory, or the
NATS at --nats-url), measures bare JetStream on the same server (the baseline), then
offers generated posts open loop at --rate for --duration through gRPC SubmitPost or
the NATS intake (--via), printing a progress line each second on stderr and one JSON
line of figures on stdout. --saturate steps the rate up until the pipeline no longer
keeps up. Every flag can be set from the environment as MOSAIC_<FLAG>.

Flags:
`)
		fs.PrintDefaults()
	}
	cfg := app.DefaultConfig()
	rate := fs.Float64("rate", 1000, "posts offered per second (with --saturate: the first step's rate, default 50)")
	duration := fs.Duration("duration", 30*time.Second, "how long posts are offered (with --saturate: per step, default 10s)")
	drain := fs.Duration("drain", 30*time.Second, "after the last post is offered, how long to wait for the outstanding decisions")
	via := fs.String("via", "grpc", "how posts enter: grpc (SubmitPost with a wait) or nats (published to the intake subject)")
	wait := fs.Duration("wait", 30*time.Second, "with --via grpc: SubmitPost's wait for the decision (at most 5m)")
	saturate := fs.Bool("saturate", false, "step the rate up (by --step-factor) from --rate until a step does not keep up; report the highest that did")
	stepFactor := fs.Float64("step-factor", 1.25, "with --saturate: each step's rate over the previous one's")
	maxRate := fs.Float64("max-rate", 50000, "with --saturate: the highest rate tried")
	keepP99 := fs.Duration("keep-up-p99", time.Second, "with --saturate: a step keeps up when every post is decided, at 95% of the rate or better, with p99 latency within this")
	authors := fs.Int("authors", 2000, "distinct authors (chosen with a Zipf distribution: a few with long histories)")
	clinical := fs.Float64("clinical-share", 0.3, "share of posts with a patient's details")
	seed := fs.Uint64("seed", 1, "seed of the generated posts")
	baselineFor := fs.Duration("baseline-duration", 5*time.Second, "how long to measure the bare-JetStream baseline; 0 skips it")
	dataDir := fs.String("data-dir", "", "data directory; empty: a temporary one, removed afterwards")
	fs.StringVar(&cfg.NATSURL, "nats-url", "", "external NATS server or cluster; empty: an embedded server. The pipeline's components and the baseline all connect with the one identity given by the --nats-* flags")
	fs.StringVar(&cfg.NATSAuth.CredsFile, "nats-creds", "", "with --nats-url: NATS .creds file")
	fs.StringVar(&cfg.NATSAuth.User, "nats-user", "", "with --nats-url: NATS user name")
	fs.StringVar(&cfg.NATSAuth.PasswordFile, "nats-password-file", "", "with --nats-user: file holding the password")
	fs.StringVar(&cfg.NATSAuth.CAFile, "nats-ca", "", "with --nats-url: CA certificate that verifies the servers")
	fs.IntVar(&cfg.Topology.Partitions, "partitions", cfg.Topology.Partitions, "number of author partitions")
	fs.IntVar(&cfg.Topology.Replicas, "stream-replicas", cfg.Topology.Replicas, "JetStream replicas per stream (3 in a cluster)")
	fs.IntVar(&cfg.LinkerLanes, "linker-lanes", cfg.LinkerLanes, "authors each linker partition assesses at once")
	fs.IntVar(&cfg.MaxInFlight, "max-in-flight", cfg.MaxInFlight, "the gateway's bound on submissions in flight (see gateway --help)")
	fs.BoolVar(&cfg.SyncWrites, "sync-writes", cfg.SyncWrites, "fsync every Badger commit")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the load phase (pipeline and load generator together) to this file (go tool pprof)")
	logLevel := fs.String("log-level", "warn", "the pipeline's log level: debug, info, warn or error")
	if err := applyEnv(fs); err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitUsage
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *saturate && !flagSet(fs, "duration") {
		*duration = 10 * time.Second
	}
	if *saturate && !flagSet(fs, "rate") {
		*rate = 50
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "bench: unexpected argument %q (see --help)\n", fs.Arg(0))
		return exitUsage
	case *via != "grpc" && *via != "nats":
		fmt.Fprintf(stderr, "bench: --via must be grpc or nats, got %q\n", *via)
		return exitUsage
	case *rate <= 0 || *duration <= 0:
		fmt.Fprintln(stderr, "bench: --rate and --duration must be positive")
		return exitUsage
	case *wait <= 0 || *wait > 5*time.Minute:
		fmt.Fprintln(stderr, "bench: --wait must be in (0, 5m]")
		return exitUsage
	case *saturate && *stepFactor <= 1:
		fmt.Fprintln(stderr, "bench: --step-factor must be above 1")
		return exitUsage
	}
	logger, err := newLogger(stderr, *logLevel, "text")
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *dataDir == "" {
		if *dataDir, err = os.MkdirTemp("", "mosaic-bench-"); err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return exitError
		}
		defer os.RemoveAll(*dataDir)
	}
	cfg.DataDir = *dataDir
	cfg.GRPCAddr = "127.0.0.1:0"
	cfg.NATSListen = "" // in-process only
	cfg.HTTPAddr = ""
	cfg.BenchUser = cfg.Embeds()
	a, err := app.New(cfg, logger)
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return exitUsage
	}
	if err := a.Start(ctx); err != nil {
		fmt.Fprintln(stderr, "bench: start the pipeline:", err)
		return exitError
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
		defer cancel()
		if err := a.Stop(sctx); err != nil {
			logger.Warn("stopping the pipeline", "err", err)
		}
	}()
	rep := benchReport{Via: *via, Partitions: cfg.Topology.Partitions, LinkerLanes: cfg.LinkerLanes, MaxInFlight: cfg.MaxInFlight, LoadAvgBefore: bench.LoadAvg(), NATS: "embedded"}
	if !cfg.Embeds() {
		rep.NATS = cfg.NATSURL
	}

	if *baselineFor > 0 {
		fmt.Fprintf(stderr, "bench: measuring bare JetStream for %s (load %s)\n", *baselineFor, bench.LoadAvgString())
		if rep.BaselinePerS, err = baseline(ctx, a, cfg.Topology.Replicas, *baselineFor); err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return exitError
		}
		fmt.Fprintf(stderr, "bench: baseline %.0f msg/s (publish, pull, decision publish, ack)\n", rep.BaselinePerS)
	}

	var sub bench.Submitter
	switch *via {
	case "grpc":
		cc, err := grpc.NewClient(a.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()),
			grpc.WithPerRPCCredentials(authn.Bearer(a.PlatformToken())))
		if err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return exitError
		}
		defer cc.Close()
		sub = bench.GRPC{Client: mosaicv1.NewGatewayServiceClient(cc), Wait: *wait}
	case "nats":
		nc, err := a.ConnectAs(bus.RolePlatform, "mosaic-bench-platform")
		if err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return exitError
		}
		defer nc.Close()
		n, err := bench.NewNATS(ctx, nc)
		if err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return exitError
		}
		defer n.Close()
		sub = n
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return exitUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return exitError
		}
		defer pprof.StopCPUProfile()
	}
	posts := bench.NewPosts(bench.PostsOptions{Authors: *authors, ClinicalShare: *clinical, Seed: *seed})
	d := &bench.Driver{Posts: posts, Submitter: sub, Progress: stderr}
	step := bench.Step{Rate: *rate, Duration: *duration, Drain: *drain}
	if !*saturate {
		fmt.Fprintf(stderr, "bench: offering %.0f posts/s for %s via %s\n", step.Rate, step.Duration, *via)
		rep.Result = d.Run(ctx, step)
	} else {
		var kept *bench.Result
		for r := *rate; r <= *maxRate && ctx.Err() == nil; r *= *stepFactor {
			step.Rate = float64(int(r))
			fmt.Fprintf(stderr, "bench: step at %.0f posts/s for %s via %s\n", step.Rate, step.Duration, *via)
			res := d.Run(ctx, step)
			rep.Steps = append(rep.Steps, res)
			rep.MaxDecidedPerS = max(rep.MaxDecidedPerS, res.DecidedPerS)
			line, _ := json.Marshal(res)
			fmt.Fprintf(stderr, "bench: step %s keeps_up=%v\n", line, res.KeepsUp(*keepP99))
			if !res.KeepsUp(*keepP99) {
				break
			}
			kept = &rep.Steps[len(rep.Steps)-1]
		}
		if kept != nil {
			rep.Result, rep.SaturatingRate = *kept, kept.Rate
		} else if len(rep.Steps) > 0 {
			rep.Result = rep.Steps[0]
		}
	}
	rep.PeakRSSMB, rep.LoadAvg = bench.PeakRSSMB(), bench.LoadAvg()
	if rep.BaselinePerS > 0 {
		rep.Ratio = float64(int(rep.DecidedPerS/rep.BaselinePerS*10000)) / 10000
	}
	if err := json.NewEncoder(stdout).Encode(rep); err != nil {
		return exitError
	}
	if ctx.Err() != nil {
		return exitError
	}
	return exitOK
}

// baseline measures bare JetStream on the pipeline's own server (see bench.Baseline),
// with a post's encoding as the payload.
func baseline(ctx context.Context, a *app.App, replicas int, d time.Duration) (float64, error) {
	prod, err := a.ConnectAs(bus.RoleBench, "mosaic-bench-baseline-producer")
	if err != nil {
		return 0, fmt.Errorf("baseline connection: %w", err)
	}
	defer prod.Close()
	cons, err := a.ConnectAs(bus.RoleBench, "mosaic-bench-baseline-consumer")
	if err != nil {
		return 0, fmt.Errorf("baseline connection: %w", err)
	}
	defer cons.Close()
	p := bench.NewPosts(bench.PostsOptions{Seed: 99, ClinicalShare: 1}).Next()
	payload, err := proto.Marshal(&mosaicv1.Submission{Post: p, AcceptedAt: timestamppb.Now()})
	if err != nil {
		return 0, err
	}
	return bench.Baseline(ctx, bench.BaselineOptions{Producer: prod, Consumer: cons, Replicas: replicas, Duration: d, Payload: payload})
}

// flagSet reports whether name was given on the command line or in the environment.
func flagSet(fs *flag.FlagSet, name string) bool {
	_, set := os.LookupEnv(envName(name))
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
