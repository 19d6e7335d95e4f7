package app

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.opentelemetry.io/otel/trace"

	"github.com/mosaicgw/mosaic/gateway/api"
	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/services/holder/console"
)

// Targets a process can run. "all" runs every one, with an embedded NATS server unless
// NATSURL is set.
const (
	TargetAll     = "all"
	TargetGateway = "gateway"
	TargetLinker  = "linker"
	TargetHolder  = "holder"
)

var knownTargets = []string{TargetAll, TargetGateway, TargetLinker, TargetHolder}

// Config is the whole configuration of one Mosaic process.
type Config struct {
	// DataDir holds the embedded NATS store and each service's Badger directory.
	DataDir string
	// GRPCAddr is the gateway's gRPC listen address.
	GRPCAddr string
	// NATSListen is the embedded NATS server's client address; empty: in-process only.
	NATSListen string
	// NATSURL, when set, connects to an external NATS (cluster) and embeds no server.
	NATSURL string
	// NATSAuth is this process's identity on the external NATS (--nats-creds,
	// --nats-nkey or --nats-user with --nats-password-file) and its TLS settings
	// (--nats-ca, --nats-tls-cert, --nats-tls-key). The embedded server needs none: its
	// credentials are generated under <data-dir>/credentials on first start.
	NATSAuth bus.ClientAuth
	// Targets to run: any of gateway, linker, holder, or all.
	Targets []string
	// Topology of streams and partitions; every process must agree.
	Topology bus.Topology
	// LinkerPartitions this process's linker owns (empty: all).
	LinkerPartitions []int
	// LinkerLanes is how many authors' posts each linker partition handles at once,
	// one author's always in order (--linker-lanes).
	LinkerLanes int
	// MaxBodyBytes limits a post body.
	MaxBodyBytes int
	// MaxInFlight bounds the gateway's submissions accepted and not yet decided;
	// beyond it SubmitPost answers ResourceExhausted with a retry delay and the NATS
	// intake stops pulling (--max-in-flight).
	MaxInFlight int
	// PolicyPath is the policy file; empty uses the built-in defaults.
	PolicyPath string
	// ShutdownTimeout bounds graceful shutdown.
	ShutdownTimeout time.Duration
	// StartTimeout bounds start-up: while the bus is not ready (a cluster starting,
	// electing its leaders) stream and consumer creation is retried this long; gRPC
	// health answers NOT_SERVING until every component consumes (--start-timeout).
	StartTimeout time.Duration
	// SyncWrites fsyncs Badger commits.
	SyncWrites bool
	// ModeratorsPath is the moderators file (internal/review); without it ReviewService
	// refuses every call and the console is off.
	ModeratorsPath string
	// HTTPAddr is the moderator console's listen address (holder target, with a
	// moderators file); empty: no console.
	HTTPAddr string
	// TLS serves gRPC and the console over TLS (--tls-cert, --tls-key), requiring client
	// certificates signed by --tls-client-ca when it is set. The files are re-read when
	// they change. Empty: plaintext (warned about beyond loopback).
	TLS authn.TLSFiles
	// PlatformTokenFile holds the forum platform's bearer token for gRPC; empty: the
	// token in <data-dir>/credentials/platform.token, generated on first start.
	PlatformTokenFile string
	// PosterTokenKeyFile holds the key that signs poster tokens; empty: the key in
	// <data-dir>/credentials/poster-token.key, generated on first start.
	PosterTokenKeyFile string
	// PlatformCertNames are the names (subject CN, DNS or URI SAN) of client
	// certificates, verified by --tls-client-ca, that identify the forum platform.
	PlatformCertNames []string
	// ConsoleSecureCookie marks the console's session cookie Secure even when the
	// request reached it without TLS (--console-secure-cookie): for a console behind a
	// proxy that terminates TLS. Over TLS the cookie is Secure anyway.
	ConsoleSecureCookie bool
	// HealthAddr serves the standard gRPC health service alone, plaintext and without
	// authentication, for probes (--health-addr); empty: off. Every target reports on
	// it, the linker included.
	HealthAddr string
	// ReviewTarget is how long a hold may wait for a moderator before the console marks
	// it overdue and escalates it (--review-target).
	ReviewTarget time.Duration
	// AuditKeyFile holds the key that signs the holder's audit log (--audit-key-file);
	// empty: <data-dir>/credentials/audit-hmac.key, generated on first start.
	AuditKeyFile string
	// MetricsAddr serves Prometheus metrics at /metrics (--metrics-addr); empty: off.
	MetricsAddr string
	// NATSMonitorAddr is the embedded NATS server's monitoring endpoint (/varz,
	// /jsz, /connz...; --nats-monitor-addr); empty: off.
	NATSMonitorAddr string
	// OTLPEndpoint sends traces to an OTLP/gRPC collector (--otlp-endpoint); empty:
	// no traces.
	OTLPEndpoint string
	// TracerProvider, when set, records the traces instead of an OTLP exporter (tests
	// use an in-memory one); the caller owns its shutdown.
	TracerProvider trace.TracerProvider
	// DataKeyFile holds the master key that encrypts the data at rest, every Badger
	// database and the embedded JetStream store (--data-key-file); empty:
	// <data-dir>/credentials/data.key, generated on first start.
	DataKeyFile string
	// DataKeyPreviousFile holds the master key before a rotation
	// (--data-key-previous-file); empty: the data key's file with ".previous" appended,
	// when it exists.
	DataKeyPreviousFile string
	// JetStreamKeyFile holds the key that encrypts the embedded JetStream store
	// (--jetstream-key-file); empty: <data-dir>/credentials/jetstream.key, generated on
	// first start.
	JetStreamKeyFile string
	// DataKeyRotation is how often Badger generates a new data key under the master key
	// (--data-key-rotation); 0 uses store.DefaultKeyRotation.
	DataKeyRotation time.Duration
	// NoticeRetention is how long the holder keeps a poster's notices
	// (--notice-retention); 0: holder.DefaultNoticeRetention (90 days).
	NoticeRetention time.Duration
	// InsecureNoDataEncryption stores everything in plaintext
	// (--insecure-no-data-encryption): for development and for measuring the cost only.
	InsecureNoDataEncryption bool
	// BenchUser makes the embedded server also accept bus.RoleBench, with a password
	// kept in memory, for gateway bench's bare-JetStream baseline (ConnectAs). No flag
	// sets it.
	BenchUser bool
}

// DefaultConfig returns the all-in-one defaults: everything in one process, bound to
// loopback, data under ./data.
func DefaultConfig() Config {
	return Config{
		DataDir:         "./data",
		GRPCAddr:        "127.0.0.1:50051",
		NATSListen:      "127.0.0.1:4222",
		Targets:         []string{TargetAll},
		Topology:        bus.DefaultTopology(),
		MaxBodyBytes:    64 << 10,
		MaxInFlight:     api.DefaultMaxInFlight,
		LinkerLanes:     1,
		HTTPAddr:        "127.0.0.1:8080",
		ShutdownTimeout: 15 * time.Second,
		StartTimeout:    2 * time.Minute,
		ReviewTarget:    console.DefaultReviewTarget,
	}
}

// Runs reports whether the process runs target t.
func (c Config) Runs(t string) bool {
	return slices.Contains(c.Targets, TargetAll) || slices.Contains(c.Targets, t)
}

// Embeds reports whether the process embeds its own NATS server.
func (c Config) Embeds() bool { return c.NATSURL == "" }

// Validate reports the first configuration error, naming the flag.
func (c Config) Validate() error {
	if c.DataDir == "" {
		return fmt.Errorf("--data-dir must not be empty")
	}
	if len(c.Targets) == 0 {
		return fmt.Errorf("--target must name at least one of %s", strings.Join(knownTargets, ", "))
	}
	for _, t := range c.Targets {
		if !slices.Contains(knownTargets, t) {
			return fmt.Errorf("--target: unknown target %q (want %s)", t, strings.Join(knownTargets, ", "))
		}
	}
	if c.Runs(TargetGateway) && c.GRPCAddr == "" {
		return fmt.Errorf("--grpc-addr must be set when running the gateway")
	}
	if c.Embeds() && !c.NATSAuth.Empty() {
		return fmt.Errorf("--nats-creds, --nats-nkey, --nats-user, --nats-password-file, --nats-ca and --nats-tls-* apply to --nats-url; the embedded server uses the credentials in %s", c.CredentialsDir())
	}
	if err := c.NATSAuth.Validate(); err != nil {
		return err
	}
	if err := c.TLS.Validate(); err != nil {
		return err
	}
	if len(c.PlatformCertNames) > 0 && c.TLS.ClientCAFile == "" {
		return fmt.Errorf("--platform-cert-names needs --tls-client-ca: only a client certificate verified by it can identify the platform")
	}
	if c.NATSMonitorAddr != "" && !c.Embeds() {
		return fmt.Errorf("--nats-monitor-addr applies to the embedded NATS server; with --nats-url, enable monitoring on that server")
	}
	if c.InsecureNoDataEncryption && (c.DataKeyFile != "" || c.DataKeyPreviousFile != "" || c.JetStreamKeyFile != "") {
		return fmt.Errorf("--insecure-no-data-encryption and --data-key-file cannot both be set: choose whether the data is encrypted")
	}
	if c.DataKeyRotation < 0 {
		return fmt.Errorf("--data-key-rotation must not be negative")
	}
	if c.MaxBodyBytes < 1 || c.MaxBodyBytes > 16<<20 {
		return fmt.Errorf("--max-body-bytes must be 1..16777216, got %d", c.MaxBodyBytes)
	}
	if c.StartTimeout < 0 {
		return fmt.Errorf("--start-timeout must not be negative, got %s", c.StartTimeout)
	}
	if c.LinkerLanes < 1 || c.LinkerLanes > 1024 {
		return fmt.Errorf("--linker-lanes must be 1..1024, got %d", c.LinkerLanes)
	}
	if c.MaxInFlight < 1 || c.MaxInFlight > 1<<20 {
		return fmt.Errorf("--max-in-flight must be 1..1048576, got %d", c.MaxInFlight)
	}
	if err := c.Topology.Validate(); err != nil {
		return fmt.Errorf("--partitions: %w", err)
	}
	for _, p := range c.LinkerPartitions {
		if p < 0 || p >= c.Topology.Partitions {
			return fmt.Errorf("--linker-partitions: %d is outside 0..%d", p, c.Topology.Partitions-1)
		}
	}
	return nil
}

// ParseTargets splits "gateway,holder".
func ParseTargets(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(strings.ToLower(t)); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// ParsePartitions parses "0-3,6" into [0 1 2 3 6]; empty means all.
func ParsePartitions(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil {
			return nil, fmt.Errorf("partition %q is not a number", part)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(hi); err != nil || b < a {
				return nil, fmt.Errorf("partition range %q is not lo-hi", part)
			}
		}
		for p := a; p <= b; p++ {
			out = append(out, p)
		}
	}
	return out, nil
}

func (c Config) dir(name string) string { return filepath.Join(c.DataDir, name) }

// CredentialsDir holds the secrets the process generates on first start (mode 0700,
// files 0600): the embedded NATS server's passwords, nats-<role>.password for the
// users gateway, linker, holder and platform; and, for the gRPC API, platform.token
// (the platform's bearer token) and poster-token.key (signs poster tokens), unless
// --platform-token-file and --poster-token-key-file name other files.
func (c Config) CredentialsDir() string { return c.dir("credentials") }

// platformTokenPath returns the platform token's file and whether to generate it when
// missing (only in the credentials directory: a file the operator names must exist).
func (c Config) platformTokenPath() (string, bool) {
	if c.PlatformTokenFile != "" {
		return c.PlatformTokenFile, false
	}
	return filepath.Join(c.CredentialsDir(), authn.PlatformTokenFile), true
}

// posterKeyPath is platformTokenPath for the poster-token key.
func (c Config) posterKeyPath() (string, bool) {
	if c.PosterTokenKeyFile != "" {
		return c.PosterTokenKeyFile, false
	}
	return filepath.Join(c.CredentialsDir(), authn.PosterKeyFile), true
}

// AuditKeyPath is the file of the audit signing key: --audit-key-file, else
// audit-hmac.key in the credentials directory.
func (c Config) AuditKeyPath() string {
	if c.AuditKeyFile != "" {
		return c.AuditKeyFile
	}
	return filepath.Join(c.CredentialsDir(), "audit-hmac.key")
}

// AuditCheckpointPath is the file holding the signed head of the holder's audit log,
// beside the other secrets and outside the holder's database.
func (c Config) AuditCheckpointPath() string {
	return filepath.Join(c.CredentialsDir(), "audit-checkpoint.json")
}

// HolderDBDir is the holder's Badger directory.
func (c Config) HolderDBDir() string { return c.dir("holder") }
