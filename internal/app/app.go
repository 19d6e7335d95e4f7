// Package app assembles a Mosaic process from its configuration: the NATS connections
// (to an embedded server by default; one per component, each logged in as that
// component's own NATS user), the JetStream topology, and whichever services the
// targets name, each with its own Badger directory. It owns their lifecycle: Start
// brings them up in dependency order and registers a teardown right after each,
// Stop runs the teardowns in reverse under a deadline.
package app

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/mosaicgw/mosaic/gateway/api"
	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/conduct"
	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/grpcx"
	"github.com/mosaicgw/mosaic/internal/link"
	"github.com/mosaicgw/mosaic/internal/policy"
	"github.com/mosaicgw/mosaic/internal/review"
	"github.com/mosaicgw/mosaic/internal/store"
	"github.com/mosaicgw/mosaic/internal/telemetry"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
	holderapi "github.com/mosaicgw/mosaic/services/holder/api"
	"github.com/mosaicgw/mosaic/services/holder/console"
	"github.com/mosaicgw/mosaic/services/linker"
)

// DetectorVersion identifies the detectors in assessments and audit records.
const DetectorVersion = "mosaic-detect/1"

// App is one running Mosaic process.
type App struct {
	cfg Config
	log *slog.Logger

	embedded *bus.Embedded
	// creds are the embedded server's users (nil with an external NATS).
	creds *bus.Credentials
	// conns are the components' connections, one per role this process runs.
	conns map[bus.Role]busConn
	grpc  *grpcx.Server
	lis   net.Listener
	// grpcServices registered on grpc, reported SERVING by the health service.
	grpcServices []string
	httpLis      net.Listener
	// healthLis is the plaintext health service's listener (--health-addr).
	healthLis net.Listener
	// auth authenticates gRPC calls; tls serves gRPC and the console over TLS (nil:
	// plaintext). Both are set up with the gRPC server.
	auth          *authn.Authenticator
	platformToken *authn.Secret
	posterKey     *authn.Secret
	tls           *authn.ServerTLS
	// dataKey encrypts the data at rest (nil: plaintext, --insecure-no-data-encryption).
	dataKey *dataKey

	// Gateway, Linker and Holder are set for the targets this process runs.
	Gateway *api.Gateway
	Linker  *linker.Linker
	Holder  *holder.Holder
	// Policy is the policy engine, when the holder or linker runs.
	Policy *policy.Engine
	// Metrics are the process's metrics, served at MetricsAddr; nil when
	// --metrics-addr is off.
	Metrics    *telemetry.Metrics
	metricsSrv *telemetry.Server
	// tracer records the spans of each post's trace (a no-op one without
	// --otlp-endpoint or Config.TracerProvider).
	tracer trace.Tracer

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	errc   chan error

	running  bool
	stops    []namedStop
	stopOnce sync.Once
	stopErr  error
}

// busConn is one component's NATS connection, logged in as its role.
type busConn struct {
	nc *nats.Conn
	js jetstream.JetStream
}

type namedStop struct {
	name string
	fn   func(context.Context) error
}

// New validates cfg and returns an App ready to Start.
func New(cfg Config, log *slog.Logger) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	return &App{cfg: cfg, log: log, errc: make(chan error, 8), conns: map[bus.Role]busConn{}}, nil
}

func (a *App) onStop(name string, fn func(context.Context) error) {
	a.stops = append(a.stops, namedStop{name, fn})
}

// go runs a component until the app stops; its failure stops the app.
func (a *App) goRun(name string, run func(context.Context) error) {
	a.wg.Go(func() {
		if err := run(a.ctx); err != nil && a.ctx.Err() == nil {
			a.errc <- fmt.Errorf("%s: %w", name, err)
		}
	})
}

// Start brings the process up. On failure everything started so far is stopped.
func (a *App) Start(ctx context.Context) (err error) {
	defer func() {
		if err != nil {
			_ = a.Stop(context.Background())
		}
	}()
	a.ctx, a.cancel = context.WithCancel(context.Background())
	if a.cfg.StartTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, a.cfg.StartTimeout)
		defer cancel()
	}
	if err := os.MkdirAll(a.cfg.DataDir, 0o750); err != nil {
		return fmt.Errorf("create data dir: %w", err)
	}
	if err := a.startTelemetry(ctx); err != nil {
		return err
	}

	if a.dataKey, err = a.cfg.loadDataKey(a.log); err != nil {
		return err
	}
	if a.cfg.Embeds() {
		// The embedded server takes no anonymous clients: each component, the forum
		// platform and the nats CLI log in with the passwords generated on first start.
		if a.creds, err = bus.LoadOrCreateCredentials(a.cfg.CredentialsDir(), a.log); err != nil {
			return err
		}
		jsKey, err := a.cfg.loadJetStreamKey(a.log)
		if err != nil {
			return err
		}
		if a.cfg.BenchUser {
			if err := a.creds.AddEphemeral(bus.RoleBench); err != nil {
				return err
			}
		}
		a.embedded, err = bus.StartEmbedded(bus.EmbeddedOptions{
			StoreDir:      a.cfg.dir("nats"),
			Listen:        a.cfg.NATSListen,
			Logger:        a.log.With("component", "nats-server"),
			Credentials:   a.creds,
			Monitor:       a.cfg.NATSMonitorAddr,
			EncryptionKey: jsKey,
		})
		if err != nil {
			return err
		}
		// Registered before the services' stops, so it runs after them (LIFO).
		a.onStop("nats server", a.embedded.Shutdown)
		if u := a.embedded.MonitorURL(); u != "" {
			a.log.Info("embedded nats server monitoring", "url", u)
			if !loopback(a.cfg.NATSMonitorAddr) {
				a.log.Warn("the embedded nats server's monitoring endpoint has no authentication and listens beyond this host: it shows connections, subjects and stream names to whoever reaches it", "addr", a.cfg.NATSMonitorAddr)
			}
		}
		if url := a.embedded.ClientURL(); url != "" {
			a.log.Info("embedded nats server", "url", url, "store", a.cfg.dir("nats"), "credentials", a.creds.Dir())
			if !loopback(a.cfg.NATSListen) {
				a.log.Warn("the embedded nats server listens beyond this host without TLS: passwords and posts cross the network in the clear; use an external cluster with TLS (deploy/nats) instead", "listen", a.cfg.NATSListen)
			}
		}
	} else if a.cfg.NATSAuth.Anonymous() {
		a.log.Warn("connecting to NATS without credentials: a server that lets this process in lets anyone who reaches it forge decisions; see deploy/nats/README.md")
	}
	roles := a.roles()
	for _, r := range roles {
		if err := a.connect(r); err != nil {
			return err
		}
	}
	if err := a.ensureTopology(ctx, roles); err != nil {
		return err
	}
	if len(roles) > 0 {
		// Every role may read every stream's info.
		for _, s := range a.cfg.Topology.Streams() {
			a.Metrics.WatchStreams(a.conns[roles[0]].js, s.Name)
		}
	}

	if a.cfg.Runs(TargetHolder) || a.cfg.Runs(TargetLinker) {
		// The linker takes its risk thresholds from the policy; the holder its rules.
		a.Policy, err = policy.NewEngine(policy.EngineOptions{Path: a.cfg.PolicyPath, Logger: a.log})
		if err != nil {
			return err
		}
		a.goRun("policy reload", func(ctx context.Context) error { a.Policy.Run(ctx); return nil })
	}
	if a.cfg.Runs(TargetHolder) {
		if err := a.startHolder(); err != nil {
			return err
		}
	}
	if a.cfg.Runs(TargetLinker) {
		if err := a.startLinker(); err != nil {
			return err
		}
	}
	if a.cfg.Runs(TargetGateway) {
		if err := a.startGateway(); err != nil {
			return err
		}
	}
	if a.cfg.Runs(TargetHolder) {
		if err := a.startReview(); err != nil {
			return err
		}
	}
	if err := a.serveGRPC(); err != nil {
		return err
	}
	if err := a.serveMetrics(); err != nil {
		return err
	}
	// Teardown order (LIFO): gRPC stops taking calls, then the services' loops end, then
	// their databases close, then the NATS connection drains and the server stops.
	a.onStop("services", a.stopBackground)
	a.running = true
	a.finishKeyRotation()
	if a.grpc != nil {
		a.onStop("grpc server", func(ctx context.Context) error { a.grpc.Stop(ctx); return nil })
	}
	if err := a.waitReady(ctx); err != nil {
		return err
	}
	if a.grpc != nil {
		a.grpc.SetServing(a.grpcServices...)
	}
	// Registered last, so it reports NOT_SERVING first when the process stops.
	if err := a.serveHealth(); err != nil {
		return err
	}
	a.log.Info("mosaic started", "targets", a.cfg.Targets, "grpc", a.GRPCAddr(), "data", a.cfg.DataDir)
	return nil
}

// finishKeyRotation removes the previous data key once every store of this process has
// opened under the new one (a generated key only: a file the operator named is theirs).
func (a *App) finishKeyRotation() {
	k := a.dataKey
	if k == nil || k.previous == nil {
		return
	}
	if _, create := a.cfg.DataKeyPath(); !create || a.cfg.DataKeyPreviousFile != "" {
		a.log.Info("data stores re-encrypted under the new data key; the previous key file may now be destroyed", "file", k.previousPath)
		return
	}
	if err := os.Remove(k.previousPath); err != nil {
		a.log.Error("remove the previous data key", "file", k.previousPath, "err", err)
		return
	}
	a.log.Info("data key rotation finished: stores re-encrypted and the previous key removed", "file", k.previousPath)
}

// waitReady waits until every component consumes its streams (their consumers are
// created, retried while the bus is not ready), until ctx ends or one fails.
func (a *App) waitReady(ctx context.Context) error {
	type component struct {
		name  string
		ready <-chan struct{}
	}
	var comps []component
	if a.Holder != nil {
		comps = append(comps, component{"holder", a.Holder.Ready()})
	}
	if a.Linker != nil {
		comps = append(comps, component{"linker", a.Linker.Ready()})
	}
	if a.Gateway != nil {
		comps = append(comps, component{"gateway", a.Gateway.Ready()})
	}
	for _, r := range comps {
		select {
		case <-r.ready:
		case err := <-a.errc:
			return err
		case <-ctx.Done():
			return fmt.Errorf("the %s is not consuming yet after --start-timeout %s (is the NATS cluster up and JetStream enabled?): %w", r.name, a.cfg.StartTimeout, ctx.Err())
		}
	}
	return nil
}

func (a *App) openDB(name string) (*badger.DB, error) {
	key, previous := a.dataKey.badger()
	db, err := store.Open(store.Options{Dir: a.cfg.dir(name), Logger: a.log.With("component", "badger", "db", name), SyncWrites: a.cfg.SyncWrites,
		EncryptionKey: key, PreviousEncryptionKey: previous, KeyRotation: a.cfg.DataKeyRotation})
	if err != nil {
		return nil, err
	}
	a.onStop("badger "+name, func(context.Context) error { return db.Close() })
	a.Metrics.WatchBadger(name, db)
	a.goRun("badger gc "+name, func(ctx context.Context) error { store.Maintain(ctx, db, 0, a.log); return nil })
	return db, nil
}

func (a *App) startHolder() error {
	db, err := a.openDB("holder")
	if err != nil {
		return err
	}
	// The audit key and checkpoint live in the credentials directory (0700), outside
	// the database they protect; a split holder creates it in its own data directory.
	if err := os.MkdirAll(a.cfg.CredentialsDir(), 0o700); err != nil {
		return fmt.Errorf("credentials directory: %w", err)
	}
	// A key file named by --audit-key-file must exist: generating a new key there
	// would sign from now on under a key the earlier entries do not verify with.
	var key []byte
	if a.cfg.AuditKeyFile != "" {
		key, err = holder.ReadAuditKey(a.cfg.AuditKeyFile)
	} else {
		key, err = holder.LoadOrCreateAuditKey(a.cfg.AuditKeyPath(), a.log)
	}
	if err != nil {
		return fmt.Errorf("audit key (--audit-key-file): %w", err)
	}
	c := a.conns[bus.RoleHolder]
	a.Holder, err = holder.New(holder.Options{DB: db, NC: c.nc, JS: c.js, Topology: a.cfg.Topology,
		Decider: policyDecider{a.Policy}, Logger: a.log, AuditKey: key, AuditCheckpoint: a.cfg.AuditCheckpointPath(),
		Metrics: a.Metrics, Tracer: a.tracer, NoticeRetention: a.cfg.NoticeRetention})
	if err != nil {
		return err
	}
	a.Metrics.WatchConsumer(c.js, bus.StreamAssessments, bus.ConsumerHolder)
	a.Metrics.WatchConsumer(c.js, bus.StreamDeadLetter, bus.ConsumerHolderDeadLetters)
	a.Metrics.WatchReviewQueue(a.Holder.QueueStats)
	a.goRun("holder", a.Holder.Run)
	return nil
}

func (a *App) startLinker() error {
	ex, err := extract.New(extract.Options{Logger: a.log.With("component", "extract")})
	if err != nil {
		return fmt.Errorf("load extractor: %w", err)
	}
	db, err := a.openDB("linker")
	if err != nil {
		return err
	}
	ledger, err := link.Open(db, link.Options{
		Logger:       a.log.With("component", "ledger"),
		ThresholdFor: a.Policy.Threshold,
	})
	if err != nil {
		return err
	}
	checker, err := conduct.New(conduct.Options{})
	if err != nil {
		return err
	}
	a.Linker, err = linker.New(linker.Options{JS: a.conns[bus.RoleLinker].js, Topology: a.cfg.Topology, Partitions: a.cfg.LinkerPartitions, Lanes: a.cfg.LinkerLanes,
		Reader: ex, Ledger: ledger, Detectors: []linker.Detector{conductDetector{checker}},
		DetectorVersion: DetectorVersion, Logger: a.log, Metrics: a.Metrics, Tracer: a.tracer})
	if err != nil {
		return err
	}
	parts := a.cfg.LinkerPartitions
	if len(parts) == 0 {
		for p := range a.cfg.Topology.Partitions {
			parts = append(parts, p)
		}
	}
	for _, p := range parts {
		a.Metrics.WatchConsumer(a.conns[bus.RoleLinker].js, bus.StreamPosts, bus.ConsumerLinker(p))
	}
	a.goRun("linker", a.Linker.Run)
	return nil
}

func (a *App) startGateway() error {
	db, err := a.openDB("gateway")
	if err != nil {
		return err
	}
	c := a.conns[bus.RoleGateway]
	a.Gateway, err = api.New(api.Options{NC: c.nc, JS: c.js, DB: db, Topology: a.cfg.Topology,
		MaxBodyBytes: a.cfg.MaxBodyBytes, MaxInFlight: a.cfg.MaxInFlight, Logger: a.log, Metrics: a.Metrics, Tracer: a.tracer})
	if err != nil {
		return err
	}
	a.Metrics.WatchConsumer(c.js, bus.StreamIntake, bus.ConsumerGatewayIntake)
	a.goRun("gateway", a.Gateway.Run)
	if err := a.ensureGRPC(); err != nil {
		return err
	}
	mosaicv1.RegisterGatewayServiceServer(a.grpc, a.Gateway)
	a.grpcServices = append(a.grpcServices, mosaicv1.GatewayService_ServiceDesc.ServiceName)
	return nil
}

// ensureGRPC builds the process's one gRPC server, with authentication on every call
// and TLS when configured; the targets register on it and serveGRPC starts it once all
// have.
func (a *App) ensureGRPC() (err error) {
	if a.grpc != nil {
		return nil
	}
	if err := a.ensureAccess(); err != nil {
		return err
	}
	o := grpcx.Options{Logger: a.log, MaxRecvBytes: a.cfg.MaxBodyBytes + (1 << 20),
		Unary: []grpc.UnaryServerInterceptor{a.auth.Unary()}, Stream: []grpc.StreamServerInterceptor{a.auth.Stream()}}
	if a.Metrics != nil {
		// Counted before authentication, so refused calls show in grpc_server_handled_total.
		o.Unary = append([]grpc.UnaryServerInterceptor{a.Metrics.GRPC.UnaryServerInterceptor()}, o.Unary...)
		o.Stream = append([]grpc.StreamServerInterceptor{a.Metrics.GRPC.StreamServerInterceptor()}, o.Stream...)
	}
	if a.tls != nil {
		o.Creds = credentials.NewTLS(a.tls.Config("h2"))
	}
	a.grpc, err = grpcx.New(o)
	return err
}

// ensureAccess loads (generating on first start) the platform token and the
// poster-token key, builds the authenticator, and loads the TLS certificate.
func (a *App) ensureAccess() (err error) {
	if a.auth != nil {
		return nil
	}
	if err := a.ensureTLS(); err != nil {
		return err
	}
	log := a.log.With("component", "authn")
	path, create := a.cfg.platformTokenPath()
	if a.platformToken, err = authn.LoadSecret(path, create, log); err != nil {
		return fmt.Errorf("--platform-token-file: %w", err)
	}
	path, create = a.cfg.posterKeyPath()
	if a.posterKey, err = authn.LoadSecret(path, create, log); err != nil {
		return fmt.Errorf("--poster-token-key-file: %w", err)
	}
	if n := len(a.posterKey.Bytes()); n < authn.MinKeyBytes {
		return fmt.Errorf("--poster-token-key-file: the key in %s is %d bytes, want at least %d", a.posterKey.Path(), n, authn.MinKeyBytes)
	}
	a.auth, err = authn.New(authn.Options{PlatformToken: a.platformToken, PosterKey: a.posterKey,
		PlatformCertNames: a.cfg.PlatformCertNames, Policy: accessPolicy(), Logger: a.log})
	if err != nil {
		return err
	}
	a.log.Info("grpc callers authenticate", "platform_token", a.platformToken.Path(), "poster_token_key", a.posterKey.Path(),
		"tls", a.tls != nil, "client_certificates_required", a.tls != nil && a.tls.MutualTLS(), "platform_cert_names", a.cfg.PlatformCertNames)
	return nil
}

// ensureTLS loads the TLS certificate (and client CA) when configured.
func (a *App) ensureTLS() (err error) {
	if a.tls != nil || !a.cfg.TLS.Enabled() {
		return nil
	}
	a.tls, err = authn.NewServerTLS(a.cfg.TLS, a.log.With("component", "tls"))
	return err
}

func (a *App) serveGRPC() (err error) {
	if a.grpc == nil {
		return nil
	}
	if a.lis, err = grpcx.Listen(a.cfg.GRPCAddr); err != nil {
		return err
	}
	if a.tls == nil && !loopback(a.cfg.GRPCAddr) {
		a.log.Warn("gRPC listens beyond this host without TLS: tokens and posts cross the network in the clear; set --tls-cert and --tls-key", "addr", a.cfg.GRPCAddr)
	}
	// Health says NOT_SERVING until Start has seen every component ready.
	if a.Metrics != nil {
		a.Metrics.GRPC.InitializeMetrics(a.grpc.Server)
	}
	a.goRun("grpc", func(context.Context) error { return a.grpc.Serve(a.lis) })
	return nil
}

// startReview serves the people around the holder from the holder's process (the
// review queue and notices live in its database): ReviewService and NoticeService on
// the gRPC server at --grpc-addr, and the moderator console at --http-addr when a
// moderators file is configured.
func (a *App) startReview() error {
	var mods *review.Directory
	if a.cfg.ModeratorsPath != "" {
		var err error
		if mods, err = review.Load(a.cfg.ModeratorsPath); err != nil {
			return err
		}
		if mods.Len() == 0 {
			// Likely a file not yet filled in: say so rather than start a review
			// service nobody can use.
			a.log.Warn("the moderators file lists no moderators: ReviewService refuses every call and the console is off; add an entry per moderator (hashes from `gateway hash-secret`) and restart",
				"moderators", a.cfg.ModeratorsPath)
		}
	} else if a.cfg.HTTPAddr != "" {
		// Only when a console was asked for (the default): a process run with
		// --http-addr="" (as eval's in-process pipeline is) wants none.
		a.log.Warn("no --moderators file: ReviewService refuses every call and the console is off", "http_addr", a.cfg.HTTPAddr)
	}
	if a.cfg.GRPCAddr != "" {
		if err := a.ensureGRPC(); err != nil {
			return err
		}
		o := holderapi.Options{Holder: a.Holder, Moderators: mods, JS: a.conns[bus.RoleHolder].js, Logger: a.log}
		mosaicv1.RegisterReviewServiceServer(a.grpc, holderapi.NewReview(o))
		mosaicv1.RegisterNoticeServiceServer(a.grpc, holderapi.NewNotices(o))
		a.grpcServices = append(a.grpcServices, mosaicv1.ReviewService_ServiceDesc.ServiceName, mosaicv1.NoticeService_ServiceDesc.ServiceName)
	}
	if mods.Len() == 0 || a.cfg.HTTPAddr == "" {
		return nil
	}
	c, err := console.New(console.Options{Holder: a.Holder, Moderators: mods, Logger: a.log, SecureCookie: a.cfg.ConsoleSecureCookie,
		ReviewTarget: a.cfg.ReviewTarget})
	if err != nil {
		return err
	}
	if err := a.ensureTLS(); err != nil {
		return err
	}
	if a.httpLis, err = net.Listen("tcp", a.cfg.HTTPAddr); err != nil {
		return fmt.Errorf("console: listen on %s: %w", a.cfg.HTTPAddr, err)
	}
	scheme := "http"
	if a.tls != nil {
		// The console's session cookie is marked Secure over TLS.
		a.httpLis, scheme = tls.NewListener(a.httpLis, a.tls.Config("http/1.1")), "https"
	} else if !loopback(a.cfg.HTTPAddr) {
		a.log.Warn("the console listens beyond this host without TLS: passwords and session cookies cross the network in the clear; set --tls-cert and --tls-key", "addr", a.cfg.HTTPAddr)
	}
	a.log.Info("moderator console", "url", scheme+"://"+a.httpLis.Addr().String()+"/", "moderators", mods.Len())
	a.goRun("console", func(ctx context.Context) error { return c.Run(ctx, a.httpLis) })
	return nil
}

// startTelemetry sets up the metrics (served later by serveMetrics) and the tracer.
func (a *App) startTelemetry(ctx context.Context) error {
	if a.cfg.MetricsAddr != "" {
		a.Metrics = telemetry.New()
		a.Metrics.SetLogger(a.log.With("component", "metrics"))
	}
	tp := a.cfg.TracerProvider
	if tp == nil && a.cfg.OTLPEndpoint != "" {
		sdk, err := telemetry.NewTracerProvider(ctx, telemetry.TracingOptions{
			Endpoint: a.cfg.OTLPEndpoint, ServiceName: "mosaic", Version: DetectorVersion})
		if err != nil {
			return err
		}
		// Registered first, so it runs last (LIFO): the services' final spans are flushed,
		// for a few seconds at most, so a collector that is down does not hold up a stop.
		a.onStop("trace exporter", func(ctx context.Context) error {
			ctx, cancel := context.WithTimeout(ctx, telemetry.FlushTimeout)
			defer cancel()
			if err := sdk.Shutdown(ctx); err != nil {
				a.log.Warn("traces not flushed to the collector", "endpoint", a.cfg.OTLPEndpoint, "err", err)
			}
			return nil
		})
		a.log.Info("traces exported over OTLP", "endpoint", a.cfg.OTLPEndpoint)
		tp = sdk
	}
	a.tracer = telemetry.Tracer(tp)
	return nil
}

// serveMetrics serves /metrics at --metrics-addr. It stops with the services' loops,
// before their databases close, so a scrape never reads a closed database.
func (a *App) serveMetrics() (err error) {
	if a.Metrics == nil {
		return nil
	}
	if a.metricsSrv, err = telemetry.Listen(a.Metrics, a.cfg.MetricsAddr, a.log); err != nil {
		return err
	}
	srv := a.metricsSrv
	a.goRun("metrics", func(ctx context.Context) error {
		errc := make(chan error, 1)
		go func() { errc <- srv.Serve() }()
		select {
		case err := <-errc:
			return err
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = srv.Shutdown(sctx)
			return <-errc
		}
	})
	a.log.Info("metrics", "url", "http://"+a.metricsSrv.Addr()+"/metrics")
	return nil
}

// MetricsAddr is the address /metrics is served on, empty if metrics are off.
func (a *App) MetricsAddr() string {
	if a.metricsSrv == nil {
		return ""
	}
	return a.metricsSrv.Addr()
}

// NATSMonitorURL is the embedded NATS server's monitoring endpoint, empty if it is off.
func (a *App) NATSMonitorURL() string {
	if a.embedded == nil {
		return ""
	}
	return a.embedded.MonitorURL()
}

// HTTPAddr is the moderator console's address, empty if it is off.
func (a *App) HTTPAddr() string {
	if a.httpLis == nil {
		return ""
	}
	return a.httpLis.Addr().String()
}

// stopBackground cancels the services' loops and waits for them, bounded by ctx.
func (a *App) stopBackground(ctx context.Context) error {
	a.cancel()
	done := make(chan struct{})
	go func() { a.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("services did not stop in time: %w", ctx.Err())
	}
}

// GRPCAddr is the address the gRPC server listens on, empty if none.
func (a *App) GRPCAddr() string {
	if a.lis == nil {
		return ""
	}
	return a.lis.Addr().String()
}

// PlatformToken is the forum platform's bearer token for gRPC, for clients in this
// process (eval, tests); empty when the process serves no gRPC.
func (a *App) PlatformToken() string {
	if a.platformToken == nil {
		return ""
	}
	return string(a.platformToken.Bytes())
}

// PosterTokenKey is the key that signs poster tokens (authn.IssuePosterToken), for a
// platform running in this process and for tests; nil when the process serves no gRPC.
func (a *App) PosterTokenKey() []byte {
	if a.posterKey == nil {
		return nil
	}
	return a.posterKey.Bytes()
}

// NATSURL is the embedded server's client URL, or the external one.
func (a *App) NATSURL() string {
	if a.embedded != nil {
		return a.embedded.ClientURL()
	}
	return a.cfg.NATSURL
}

// Reload re-reads the policy file (on SIGHUP). A bad file is rejected and logged, and
// the policy in force stays.
func (a *App) Reload() error {
	if a.Policy == nil {
		return nil
	}
	return a.Policy.Reload()
}

// Conn is one of the process's NATS connections: the gateway's when it runs, else the
// holder's, else the linker's. Each is limited to its component's permissions.
func (a *App) Conn() *nats.Conn {
	for _, r := range []bus.Role{bus.RoleGateway, bus.RoleHolder, bus.RoleLinker} {
		if c, ok := a.conns[r]; ok {
			return c.nc
		}
	}
	return nil
}

// CredentialsDir is where the embedded server's credentials are kept (see
// Config.CredentialsDir); empty with an external NATS.
func (a *App) CredentialsDir() string {
	if a.creds == nil {
		return ""
	}
	return a.creds.Dir()
}

// roles are the NATS identities of the targets this process runs, the holder first
// (it ensures the topology with the right to update streams).
func (a *App) roles() []bus.Role {
	var out []bus.Role
	for _, t := range []struct {
		target string
		role   bus.Role
	}{{TargetHolder, bus.RoleHolder}, {TargetLinker, bus.RoleLinker}, {TargetGateway, bus.RoleGateway}} {
		if a.cfg.Runs(t.target) {
			out = append(out, t.role)
		}
	}
	return out
}

// ConnectAs opens a new connection to the process's NATS as role, for clients in this
// process other than its components (gateway bench's platform and baseline): to the
// embedded server in-process with role's generated credentials (RoleBench needs
// Config.BenchUser), to an external NATS with the configured identity. The caller
// closes it.
func (a *App) ConnectAs(r bus.Role, name string) (*nats.Conn, error) {
	auth := a.cfg.NATSAuth
	if a.creds != nil {
		auth = a.creds.Auth(r)
	}
	opts, err := bus.ClientOptions(r, auth, a.log.With("component", "nats", "role", string(r)))
	if err != nil {
		return nil, err
	}
	if a.embedded != nil {
		return a.embedded.Connect(name, opts...)
	}
	return bus.Connect(a.cfg.NATSURL, name, a.log, opts...)
}

// connect opens role's own connection: with the embedded server as role's generated
// user, in-process; with an external NATS with the configured identity and TLS.
func (a *App) connect(r bus.Role) error {
	auth := a.cfg.NATSAuth
	if a.creds != nil {
		auth = a.creds.Auth(r)
	}
	log := a.log.With("component", "nats", "role", string(r))
	opts, err := bus.ClientOptions(r, auth, log)
	if err != nil {
		return err
	}
	name := "mosaic-" + string(r)
	var nc *nats.Conn
	if a.embedded != nil {
		nc, err = a.embedded.Connect(name, opts...)
	} else {
		nc, err = bus.Connect(a.cfg.NATSURL, name, log, opts...)
	}
	if err != nil {
		return fmt.Errorf("nats connection for the %s: %w", r, err)
	}
	a.onStop("nats connection "+string(r), func(context.Context) error { return nc.Drain() })
	js, err := jetstream.New(nc)
	if err != nil {
		return fmt.Errorf("jetstream for the %s: %w", r, err)
	}
	a.conns[r] = busConn{nc: nc, js: js}
	return nil
}

// ensureTopology creates the streams; the holder's connection, when this process runs
// the holder, also brings existing streams' settings up to date (only its NATS user may).
// A bus that is not ready yet (a cluster starting) is retried until ctx ends.
func (a *App) ensureTopology(ctx context.Context, roles []bus.Role) error {
	if len(roles) == 0 {
		return nil
	}
	return a.cfg.Topology.EnsureRetrying(ctx, a.conns[roles[0]].js, roles[0] == bus.RoleHolder, a.log)
}

// Err delivers the first failure of a running component.
func (a *App) Err() <-chan error { return a.errc }

// Run starts the app and runs it until ctx ends or a component fails, then stops it.
func (a *App) Run(ctx context.Context) error {
	if err := a.Start(ctx); err != nil {
		return err
	}
	var runErr error
	select {
	case <-ctx.Done():
		a.log.Info("shutting down")
	case runErr = <-a.errc:
		a.log.Error("component failed; shutting down", "err", runErr)
	}
	sctx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
	defer cancel()
	return errors.Join(runErr, a.Stop(sctx))
}

// Stop runs the teardowns in reverse order of registration. It is idempotent.
func (a *App) Stop(ctx context.Context) error {
	a.stopOnce.Do(func() {
		var errs []error
		if !a.running && a.cancel != nil {
			// Start failed part way: end whatever loops began before closing their stores.
			_ = a.stopBackground(ctx)
		}
		for _, s := range slices.Backward(a.stops) {
			if err := s.fn(ctx); err != nil && !errors.Is(err, nats.ErrConnectionClosed) {
				errs = append(errs, fmt.Errorf("stop %s: %w", s.name, err))
			}
		}
		a.stopErr = errors.Join(errs...)
	})
	return a.stopErr
}

// loopback reports whether a listen address binds to this host only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
