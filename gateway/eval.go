package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/eval"
	"github.com/mosaicgw/mosaic/internal/extract"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// runEval implements `gateway eval`.
func runEval(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: gateway eval (--scenarios FILE | --spans FILE | --benign FILE) [flags]

  --scenarios  replay a scenario file (../shared/eval/FORMAT.md) through the real pipeline:
               embedded NATS, fresh Badger directories in a temp dir, gRPC on a free
               loopback port; one line per post, then a JSON line of the figures.
  --spans      score the extractor on a span corpus (PhysioNet deid format): one line
               per note (gold spans found, detections correct, what it missed and what
               it found beyond the gold), a table per type, then a JSON line.
  --benign     submit each "text" of a JSONL file as a post: one line per text
               (decision, kinds, spans), then a JSON line with the share flagged and held.
A malformed input file exits 2 naming the line.

Flags:
`)
		fs.PrintDefaults()
	}
	scenarios := fs.String("scenarios", "", "scenario file (JSONL)")
	spans := fs.String("spans", "", "span corpus (JSONL with text and spans)")
	benign := fs.String("benign", "", "JSONL file of texts with no patient in them")
	authors := fs.Int("authors", 4, "with --benign: number of authors the texts are spread over")
	wait := fs.Duration("wait", 30*time.Second, "how long to wait for each decision")
	policy := fs.String("policy", "", "policy file (default: built-in)")
	verbose := fs.Bool("v", false, "log the pipeline to stderr")
	explain := fs.Bool("explain", false, "with --scenarios: after each post, print the estimate, the details behind it and each finding's explanation")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	modes := 0
	for _, m := range []string{*scenarios, *spans, *benign} {
		if m != "" {
			modes++
		}
	}
	if modes != 1 {
		fmt.Fprintln(stderr, "eval: give exactly one of --scenarios, --spans, --benign")
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	fail := func(err error) int {
		fmt.Fprintln(stderr, "eval:", err)
		var ie *eval.InputError
		if errors.As(err, &ie) || errors.Is(err, os.ErrNotExist) {
			return exitUsage
		}
		return exitError
	}

	if *spans != "" {
		f, err := os.Open(*spans)
		if err != nil {
			return fail(err)
		}
		defer f.Close()
		ex, err := extract.New(extract.Options{Logger: logger})
		if err != nil {
			return fail(err)
		}
		if _, err := eval.ScoreSpans(ctx, f, ex, stdout); err != nil {
			var ie *eval.InputError
			if errors.As(err, &ie) && ie.File == "" {
				ie.File = *spans
			}
			return fail(err)
		}
		return exitOK
	}

	// Read the input before starting anything, so a bad file fails fast with exit 2.
	var scs []eval.Scenario
	var texts []string
	var err error
	if *scenarios != "" {
		scs, err = eval.ReadScenarios(*scenarios)
	} else {
		texts, err = eval.ReadTexts(*benign)
	}
	if err != nil {
		return fail(err)
	}

	client, cleanup, err := startPipeline(ctx, logger, *policy)
	if err != nil {
		return fail(err)
	}
	defer cleanup()
	if *scenarios != "" {
		_, err = eval.ReplayScenarios(ctx, client, scs, stdout, *wait, *explain)
	} else {
		_, err = eval.ReplayBenign(ctx, client, texts, *authors, stdout, *wait)
	}
	if err != nil {
		return fail(err)
	}
	return exitOK
}

// startPipeline runs the whole pipeline in this process on a temporary data directory
// and returns a gRPC client of its gateway.
func startPipeline(ctx context.Context, logger *slog.Logger, policy string) (mosaicv1.GatewayServiceClient, func(), error) {
	dir, err := os.MkdirTemp("", "mosaic-eval-")
	if err != nil {
		return nil, nil, err
	}
	cfg := app.DefaultConfig()
	cfg.DataDir = dir
	cfg.GRPCAddr = "127.0.0.1:0"
	cfg.NATSListen = "" // in-process only: no fixed port
	cfg.HTTPAddr = ""   // no console, and so no warning that it is off for want of moderators
	cfg.PolicyPath = policy
	a, err := app.New(cfg, logger)
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	if err := a.Start(ctx); err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	conn, err := grpc.NewClient(a.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithPerRPCCredentials(authn.Bearer(a.PlatformToken())))
	if err != nil {
		_ = a.Stop(context.Background())
		os.RemoveAll(dir)
		return nil, nil, err
	}
	cleanup := func() {
		conn.Close()
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := a.Stop(sctx); err != nil {
			logger.Warn("stopping pipeline", "err", err)
		}
		os.RemoveAll(dir)
	}
	return mosaicv1.NewGatewayServiceClient(conn), cleanup, nil
}
