// Command gateway is the Mosaic binary: a moderation gateway for professional forums.
//
//	go run ./gateway                 everything in one process, embedded NATS, data in ./data
//	go run ./gateway --target=linker --nats-url=tls://nats:4222 --nats-creds=linker.creds --nats-ca=ca.pem --linker-partitions=0-3
//	go run ./gateway eval --scenarios ../shared/eval/scenarios-dev.jsonl
//	go run ./gateway token issue --author dr-smith --ttl 15m   a poster token for NoticeService
//	go run ./gateway decisions tail   decisions and notices from NATS, as JSON lines
//	go run ./gateway review list --token-file mod.token   the review queue, as a moderator
//
// Every flag can also be set from the environment: --data-dir from MOSAIC_DATA_DIR,
// and so on (upper case, dashes to underscores, MOSAIC_ prefix). Flags win.
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
	"strings"
	"syscall"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/review"
	"github.com/mosaicgw/mosaic/internal/telemetry"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "eval" {
		return runEval(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "bench" {
		return runBench(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "audit" {
		return runAudit(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "decisions" {
		return runDecisions(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "review" {
		return runReview(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "hash-secret" {
		return review.HashCommand(args[1:], os.Stdin, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "data-key" {
		return runDataKey(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "token" {
		return authn.TokenCommand(args[1:], stdout, stderr)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, logger, err := parseServe(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "mosaic:", err)
		return exitUsage
	}
	telemetry.LogErrors(logger.With("component", "traces"))
	a, err := app.New(cfg, logger)
	if err != nil {
		fmt.Fprintln(stderr, "mosaic:", err)
		return exitUsage
	}
	// SIGHUP re-reads the policy file without a restart.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for range hup {
			if err := a.Reload(); err != nil {
				logger.Error("policy reload rejected; keeping the policy in force", "err", err)
			}
		}
	}()
	if err := a.Run(ctx); err != nil {
		logger.Error("mosaic stopped with an error", "err", err)
		return exitError
	}
	return exitOK
}

// parseServe reads the serve flags, with MOSAIC_* environment overrides.
func parseServe(args []string, stderr io.Writer) (app.Config, *slog.Logger, error) {
	cfg := app.DefaultConfig()
	fs := flag.NewFlagSet("mosaic", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Mosaic: a moderation gateway for professional forums.

Usage:
  gateway [flags]                 run the services named by --target
  gateway eval [flags]            replay scenarios or score the extractor (gateway eval --help)
  gateway hash-secret [--password | --nats] < secret
                                  print a moderator token_hash (or password_hash) for --moderators,
                                  or (--nats) the bcrypt hash of a NATS user's password
  gateway token issue --author <id> [--ttl 15m] [--key-file F | --data-dir D]
                                  print a poster token: the author's own notices (NoticeService)
  gateway bench [flags]           measure the pipeline open loop against bare JetStream (gateway bench --help)
  gateway audit verify [flags]    verify the holder's signed audit history offline (gateway audit verify --help)
  gateway data-key rotate [--data-dir D]
                                  rotate the generated data-at-rest master key (process stopped; the next start re-encrypts)
  gateway decisions tail [flags]  print decisions and notices from NATS as JSON lines (gateway decisions tail --help)
  gateway review list|show|claim|release|reject|return [flags]
                                  act on the review queue as a moderator over gRPC (gateway review --help)

Every flag can be set from the environment as MOSAIC_<FLAG> (e.g. MOSAIC_DATA_DIR);
a flag on the command line wins over the environment.

Flags:
`)
		fs.PrintDefaults()
	}
	target := strings.Join(cfg.Targets, ",")
	linkerParts := ""
	platformCertNames := ""
	logLevel, logFormat := "info", "text"
	fs.StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "directory for the embedded NATS store and each service's Badger database")
	fs.StringVar(&cfg.GRPCAddr, "grpc-addr", cfg.GRPCAddr, "gRPC listen address: GatewayService (gateway target), ReviewService and NoticeService (holder target), health, reflection")
	fs.StringVar(&cfg.NATSListen, "nats-listen", cfg.NATSListen, "client address of the embedded NATS server, for the nats CLI and external services; empty: in-process only")
	fs.StringVar(&cfg.NATSURL, "nats-url", cfg.NATSURL, "external NATS server or cluster (comma-separated URLs); when set no server is embedded")
	fs.StringVar(&cfg.NATSAuth.CredsFile, "nats-creds", "", "with --nats-url: NATS .creds file (user JWT and nkey seed) to connect with")
	fs.StringVar(&cfg.NATSAuth.NKeySeedFile, "nats-nkey", "", "with --nats-url: file holding the NATS user nkey seed to connect with")
	fs.StringVar(&cfg.NATSAuth.User, "nats-user", "", "with --nats-url: NATS user name (password from --nats-password-file)")
	fs.StringVar(&cfg.NATSAuth.PasswordFile, "nats-password-file", "", "with --nats-user: file holding the NATS password (read at each connect)")
	fs.StringVar(&cfg.NATSAuth.CAFile, "nats-ca", "", "with --nats-url: CA certificate file that verifies the NATS servers (TLS)")
	fs.StringVar(&cfg.NATSAuth.CertFile, "nats-tls-cert", "", "with --nats-url: client certificate for NATS servers that verify clients (with --nats-tls-key)")
	fs.StringVar(&cfg.NATSAuth.KeyFile, "nats-tls-key", "", "with --nats-tls-cert: the client certificate's private key")
	fs.StringVar(&target, "target", target, "services to run: all, or a comma-separated list of gateway, linker, holder")
	fs.IntVar(&cfg.Topology.Partitions, "partitions", cfg.Topology.Partitions, "number of author partitions; every process of a deployment must agree")
	fs.IntVar(&cfg.Topology.Replicas, "stream-replicas", cfg.Topology.Replicas, "JetStream replicas per stream (3 in a cluster)")
	fs.IntVar(&cfg.Topology.DeadLetterAfter, "dead-letter-after", cfg.Topology.DeadLetterAfter, "failed attempts after which a message is moved to the MOSAIC_DEADLETTER stream (its post held for a moderator) so the messages behind it go on")
	fs.StringVar(&linkerParts, "linker-partitions", linkerParts, "partitions this linker owns, e.g. 0-3,6; empty: all")
	fs.IntVar(&cfg.LinkerLanes, "linker-lanes", cfg.LinkerLanes, "linker: authors whose posts each partition assesses at once, each author's always in stream order; 1 (the default): one post at a time. more is meant for a linker that waits on the bus (replicated streams) rather than the CPU; on a CPU-bound 2-core machine it raised latency (README, Benchmark)")
	fs.IntVar(&cfg.MaxBodyBytes, "max-body-bytes", cfg.MaxBodyBytes, "largest post body accepted, in bytes")
	fs.IntVar(&cfg.MaxInFlight, "max-in-flight", cfg.MaxInFlight, "gateway: submissions accepted and not yet decided before SubmitPost answers RESOURCE_EXHAUSTED with a retry delay and the NATS intake stops pulling")
	fs.StringVar(&cfg.PolicyPath, "policy", cfg.PolicyPath, "policy file (YAML); empty: built-in defaults")
	fs.StringVar(&cfg.ModeratorsPath, "moderators", cfg.ModeratorsPath, "moderators file (YAML, hashed secrets: see gateway hash-secret); enables ReviewService and the console")
	fs.StringVar(&cfg.HTTPAddr, "http-addr", cfg.HTTPAddr, "moderator console listen address (holder target, with --moderators); empty: no console")
	fs.StringVar(&cfg.TLS.CertFile, "tls-cert", "", "TLS certificate (PEM chain) for gRPC and the console, re-read when it changes; empty: plaintext")
	fs.StringVar(&cfg.TLS.KeyFile, "tls-key", "", "with --tls-cert: its private key (PEM)")
	fs.StringVar(&cfg.TLS.ClientCAFile, "tls-client-ca", "", "with --tls-cert: CA (PEM) that must have signed every client's certificate (mTLS), re-read when it changes")
	fs.StringVar(&platformCertNames, "platform-cert-names", "", "with --tls-client-ca: comma-separated subject CN, DNS or URI names of client certificates that identify the forum platform (instead of its token)")
	fs.StringVar(&cfg.PlatformTokenFile, "platform-token-file", "", "file holding the forum platform's gRPC bearer token, re-read when it changes; empty: <data-dir>/credentials/platform.token, generated on first start")
	fs.StringVar(&cfg.PosterTokenKeyFile, "poster-token-key-file", "", "file holding the key that signs poster tokens (HS256), re-read when it changes; empty: <data-dir>/credentials/poster-token.key, generated on first start")
	fs.BoolVar(&cfg.ConsoleSecureCookie, "console-secure-cookie", cfg.ConsoleSecureCookie, "mark the console's session cookie Secure even on plain HTTP (a console behind a TLS-terminating proxy); over TLS it always is")
	fs.DurationVar(&cfg.ReviewTarget, "review-target", cfg.ReviewTarget, "how long a hold may wait for a moderator before the console marks it overdue (escalated)")
	fs.StringVar(&cfg.AuditKeyFile, "audit-key-file", cfg.AuditKeyFile, "existing file holding the key that signs the holder's audit log (base64 of at least 32 bytes, or 32+ raw bytes; never logged); empty: <data-dir>/credentials/audit-hmac.key, generated on first start")
	fs.StringVar(&cfg.MetricsAddr, "metrics-addr", cfg.MetricsAddr, "serve Prometheus metrics at http://<addr>/metrics (e.g. 127.0.0.1:9464); empty: off")
	fs.StringVar(&cfg.NATSMonitorAddr, "nats-monitor-addr", cfg.NATSMonitorAddr, "embedded NATS server's HTTP monitoring endpoint (/varz, /jsz, /connz; no authentication), e.g. 127.0.0.1:8222; empty: off")
	fs.StringVar(&cfg.OTLPEndpoint, "otlp-endpoint", cfg.OTLPEndpoint, "send OpenTelemetry traces (one per post) to this OTLP/gRPC collector: http://host:4317 (plaintext) or https://host:4317 (TLS); empty: no traces")
	fs.StringVar(&cfg.DataKeyFile, "data-key-file", "", "existing file holding the data-at-rest master key (32 bytes, unpadded base64url; never logged) that encrypts every Badger database; empty: <data-dir>/credentials/data.key, generated on first start")
	fs.StringVar(&cfg.DataKeyPreviousFile, "data-key-previous-file", "", "the master key before a rotation: stores still under it are re-encrypted under --data-key-file at start; empty: the key file's name with .previous appended, when it exists")
	fs.StringVar(&cfg.JetStreamKeyFile, "jetstream-key-file", "", "existing file holding the key (one line, never logged) that encrypts the embedded JetStream store; empty: <data-dir>/credentials/jetstream.key, generated on first start")
	fs.DurationVar(&cfg.DataKeyRotation, "data-key-rotation", 0, "how often Badger generates a new data key under the master key; 0: every 10 days")
	fs.BoolVar(&cfg.InsecureNoDataEncryption, "insecure-no-data-encryption", false, "store posts and details in plaintext (development only; encryption at rest is on by default)")
	fs.DurationVar(&cfg.Topology.MaxAge, "stream-max-age", cfg.Topology.MaxAge, "how long the streams keep messages (posts, assessments, decisions, notices, dead letters): WatchDecisions resumes and an outage is replayed within it")
	fs.DurationVar(&cfg.NoticeRetention, "notice-retention", cfg.NoticeRetention, "how long the holder keeps a poster's notices (they quote the details found); 0: 90 days")
	fs.StringVar(&cfg.HealthAddr, "health-addr", cfg.HealthAddr, "plaintext gRPC health service alone (no data, no authentication) for probes, e.g. Kubernetes' grpc probe; every target reports on it, the linker too; empty: off")
	fs.BoolVar(&cfg.SyncWrites, "sync-writes", cfg.SyncWrites, "fsync every Badger commit")
	fs.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", cfg.ShutdownTimeout, "how long a graceful shutdown may take")
	fs.DurationVar(&cfg.StartTimeout, "start-timeout", cfg.StartTimeout, "how long start-up may wait for the bus (stream and consumer creation are retried while a cluster comes up); gRPC health says NOT_SERVING until ready; 0: no limit")
	fs.StringVar(&logLevel, "log-level", logLevel, "debug, info, warn or error")
	fs.StringVar(&logFormat, "log-format", logFormat, "text or json")
	if err := applyEnv(fs); err != nil {
		return cfg, nil, err
	}
	if err := fs.Parse(args); err != nil {
		return cfg, nil, err
	}
	if fs.NArg() > 0 {
		return cfg, nil, fmt.Errorf("unexpected argument %q (see --help)", fs.Arg(0))
	}
	if cfg.ReviewTarget <= 0 {
		return cfg, nil, fmt.Errorf("--review-target must be positive, got %s", cfg.ReviewTarget)
	}
	cfg.Targets = app.ParseTargets(target)
	parts, err := app.ParsePartitions(linkerParts)
	if err != nil {
		return cfg, nil, fmt.Errorf("--linker-partitions: %w", err)
	}
	cfg.LinkerPartitions = parts
	for _, n := range strings.Split(platformCertNames, ",") {
		if n = strings.TrimSpace(n); n != "" {
			cfg.PlatformCertNames = append(cfg.PlatformCertNames, n)
		}
	}
	logger, err := newLogger(stderr, logLevel, logFormat)
	if err != nil {
		return cfg, nil, err
	}
	return cfg, logger, nil
}

// applyEnv sets each flag from MOSAIC_<NAME> when that variable is set, before the
// command line is parsed, so flags still win.
func applyEnv(fs *flag.FlagSet) error {
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		name := envName(f.Name)
		if v, ok := os.LookupEnv(name); ok {
			if err := f.Value.Set(v); err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: %w", name, v, err))
			}
		}
		f.Usage += fmt.Sprintf(" [$%s]", name)
	})
	return errors.Join(errs...)
}

// envName is the environment variable that overrides flag name: MOSAIC_<NAME>.
func envName(flag string) string {
	return "MOSAIC_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: l}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format: want text or json, got %q", format)
}
