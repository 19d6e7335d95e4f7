package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Stream names.
const (
	StreamIntake      = "MOSAIC_INTAKE"
	StreamPosts       = "MOSAIC_POSTS"
	StreamAssessments = "MOSAIC_ASSESSMENTS"
	StreamDecisions   = "MOSAIC_DECISIONS"
	StreamNotices     = "MOSAIC_NOTICES"
	// StreamDeadLetter keeps messages a worker gave up on (see Worker and
	// DeadLetter): the original bytes and headers, with the reason in headers.
	StreamDeadLetter = "MOSAIC_DEADLETTER"
	// StreamAudit keeps the holder's signed audit checkpoints (the head of its audit
	// log), a copy outside the holder's database and host: see services/holder/auditlog.go.
	StreamAudit = "MOSAIC_AUDIT"
)

// Subjects. Functions build the ones with a variable token.
const (
	// SubjectIntake is where the forum platform may publish a mosaic.v1.Post directly
	// (protobuf, or protojson with Content-Type: application/json) instead of calling
	// GatewayService.SubmitPost. The gateway validates and forwards it.
	SubjectIntake = "mosaic.intake.posts"
	// SubjectHolderCommands is the NATS request subject of the holder's commands
	// (mosaic.v1.Command, answered with mosaic.v1.CommandReply). Holder instances share
	// it in the queue group QueueHolder.
	SubjectHolderCommands = "mosaic.holder.commands"
	QueueHolder           = "holder"
)

// SubjectSubmitted carries a mosaic.v1.Submission to the linker owning partition p.
func SubjectSubmitted(p int) string { return "mosaic.posts." + strconv.Itoa(p) + ".submitted" }

// SubjectOutcome carries a mosaic.v1.Outcome to the linker owning partition p.
func SubjectOutcome(p int) string { return "mosaic.posts." + strconv.Itoa(p) + ".outcome" }

// SubjectAssessment carries a mosaic.v1.Assessment from partition p to the holder.
func SubjectAssessment(p int) string { return "mosaic.assessments." + strconv.Itoa(p) }

// SubjectDecision carries a mosaic.v1.DecisionEvent for a post in forum.
func SubjectDecision(forum string) string { return "mosaic.decisions." + forum }

// SubjectDecisionsAll matches every forum's decisions.
const SubjectDecisionsAll = "mosaic.decisions.*"

// SubjectNotice carries a mosaic.v1.Notice for author.
func SubjectNotice(author string) string { return "mosaic.notices." + author }

// SubjectDeadLetter carries a message given up on from stream (one of the Stream*
// names), e.g. mosaic.deadletter.MOSAIC_POSTS.
func SubjectDeadLetter(stream string) string { return "mosaic.deadletter." + stream }

// SubjectDeadLetterAll matches every dead letter.
const SubjectDeadLetterAll = "mosaic.deadletter.*"

// SubjectAuditCheckpoint carries the holder's signed audit checkpoints (JSON, as in
// <data-dir>/credentials/audit-checkpoint.json) to StreamAudit. Only the holder may
// publish or read it.
const SubjectAuditCheckpoint = "mosaic.audit.checkpoint"

// AuditCheckpointHistory is how many checkpoints StreamAudit keeps (they are small and
// never expire by age, so an idle holder's last checkpoint stays).
const AuditCheckpointHistory = 10_000

// Durable consumer names.
const (
	ConsumerGatewayIntake = "gateway-intake"
	ConsumerHolder        = "holder"
	// ConsumerHolderDeadLetters is the holder's consumer of dead letters: it holds
	// the post of each one for a moderator (fail closed).
	ConsumerHolderDeadLetters = "holder-deadletters"
)

// ConsumerLinker names the durable consumer of partition p.
func ConsumerLinker(p int) string { return "linker-p" + strconv.Itoa(p) }

// Topology is the JetStream layout for a deployment.
type Topology struct {
	// Partitions is the number of author partitions. Every process of a deployment
	// must agree on it; changing it re-routes authors, so drain the pipeline first.
	Partitions int
	// Replicas for each stream (1 for a single server; 3 in a cluster).
	Replicas int
	// DuplicateWindow for Nats-Msg-Id de-duplication. Idempotency beyond it is the
	// services' job (they remember what they decided in Badger).
	DuplicateWindow time.Duration
	// MaxAge of retained messages. Decisions are kept that long for WatchDecisions
	// resumption; posts and assessments for replay after an outage.
	MaxAge time.Duration
	// AckWait before an unacknowledged message is redelivered.
	AckWait time.Duration
	// MaxDeliver bounds the server's deliveries of a message. Workers give up on a
	// message before that (DeadLetterAfter); the bound only matters for a message that
	// kills its process each time, which the worker dead-letters at its last delivery.
	MaxDeliver int
	// DeadLetterAfter is how many times a message may fail (in-place retries and
	// deliveries that ended without an ack together) before the worker moves it to the
	// dead-letter stream and goes on with the next one. Failures that say the bus
	// itself is unavailable do not count (see Transient). 0 means
	// DefaultDeadLetterAfter; it must be below MaxDeliver.
	DeadLetterAfter int
	// RetryBackoff is the delay before a failed message's first retry; it doubles on
	// each retry up to MaxRetryBackoff. 0 means DefaultRetryBackoff.
	RetryBackoff time.Duration
}

// Retry defaults: with them a message that fails every time is dead-lettered after
// about 0.5+1+2+4 = 7.5 s of retries.
const (
	DefaultDeadLetterAfter = 5
	DefaultRetryBackoff    = 500 * time.Millisecond
	MaxRetryBackoff        = 30 * time.Second
)

// DefaultTopology returns the defaults used by the all-in-one binary.
func DefaultTopology() Topology {
	return Topology{
		Partitions:      8,
		Replicas:        1,
		DuplicateWindow: 10 * time.Minute,
		MaxAge:          14 * 24 * time.Hour,
		AckWait:         time.Minute,
		MaxDeliver:      20,
		DeadLetterAfter: DefaultDeadLetterAfter,
		RetryBackoff:    DefaultRetryBackoff,
	}
}

// Validate reports a configuration error.
func (t Topology) Validate() error {
	switch {
	case t.Partitions < 1 || t.Partitions > 1024:
		return fmt.Errorf("bus: partitions must be 1..1024, got %d", t.Partitions)
	case t.Replicas < 1 || t.Replicas > 5:
		return fmt.Errorf("bus: replicas must be 1..5, got %d", t.Replicas)
	case t.DuplicateWindow <= 0 || t.MaxAge <= 0 || t.AckWait <= 0:
		return fmt.Errorf("bus: duplicate window, max age and ack wait must be positive")
	case t.DeadLetterAfter < 0 || t.MaxDeliver > 0 && t.deadLetterAfter() >= t.MaxDeliver:
		return fmt.Errorf("bus: dead-letter-after must be 1..%d (below the %d deliveries the server makes), got %d",
			t.MaxDeliver-1, t.MaxDeliver, t.DeadLetterAfter)
	case t.RetryBackoff < 0 || t.RetryBackoff > MaxRetryBackoff:
		return fmt.Errorf("bus: retry backoff must be 0..%s, got %s", MaxRetryBackoff, t.RetryBackoff)
	}
	return nil
}

func (t Topology) deadLetterAfter() int {
	if t.DeadLetterAfter == 0 {
		return DefaultDeadLetterAfter
	}
	return t.DeadLetterAfter
}

// NewWorker returns a worker for consumer with the topology's retry and dead-letter
// settings. js publishes dead letters.
func (t Topology) NewWorker(name string, js jetstream.JetStream, cons jetstream.Consumer, handle Handler, log *slog.Logger) *Worker {
	return &Worker{
		Name: name, Consumer: cons, Handle: handle, Logger: log,
		DeadLetter:      js,
		DeadLetterAfter: t.deadLetterAfter(),
		MaxDeliver:      t.MaxDeliver,
		MinBackoff:      t.RetryBackoff,
	}
}

// Streams returns the stream configurations.
func (t Topology) Streams() []jetstream.StreamConfig {
	stream := func(name, desc string, subjects ...string) jetstream.StreamConfig {
		return jetstream.StreamConfig{
			Name:        name,
			Description: desc,
			Subjects:    subjects,
			Storage:     jetstream.FileStorage,
			Retention:   jetstream.LimitsPolicy,
			Replicas:    t.Replicas,
			MaxAge:      t.MaxAge,
			Duplicates:  t.DuplicateWindow,
			Discard:     jetstream.DiscardOld,
		}
	}
	audit := stream(StreamAudit, "The holder's signed audit-log checkpoints", SubjectAuditCheckpoint)
	audit.MaxAge = 0
	audit.MaxMsgsPerSubject = AuditCheckpointHistory
	return []jetstream.StreamConfig{
		stream(StreamIntake, "Posts published by the forum platform directly, before validation", SubjectIntake),
		stream(StreamPosts, "Validated submissions and their outcomes, partitioned by author", "mosaic.posts.*.submitted", "mosaic.posts.*.outcome"),
		stream(StreamAssessments, "The linker's assessments of post revisions", "mosaic.assessments.*"),
		stream(StreamDecisions, "Decisions on post revisions, per forum", SubjectDecisionsAll),
		stream(StreamNotices, "Notices to posters, per author", "mosaic.notices.*"),
		stream(StreamDeadLetter, "Messages a worker gave up on: original bytes, reason in headers", SubjectDeadLetterAll),
		audit,
	}
}

func (t Topology) durable(name string, filters ...string) jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:        name,
		AckPolicy:      jetstream.AckExplicitPolicy,
		AckWait:        t.AckWait,
		MaxDeliver:     t.MaxDeliver,
		DeliverPolicy:  jetstream.DeliverAllPolicy,
		FilterSubjects: filters,
		MaxAckPending:  1024,
	}
}

// IntakeConsumer is the gateway's durable consumer of platform-published posts.
func (t Topology) IntakeConsumer() jetstream.ConsumerConfig {
	return t.durable(ConsumerGatewayIntake, SubjectIntake)
}

// LinkerConsumer is the durable consumer of partition p. One handler at a time reads
// it, so an author's messages are applied in order.
func (t Topology) LinkerConsumer(p int) jetstream.ConsumerConfig {
	c := t.durable(ConsumerLinker(p), SubjectSubmitted(p), SubjectOutcome(p))
	c.MaxAckPending = 256
	return c
}

// HolderConsumer is the holder's durable consumer of assessments; holder instances
// share it.
func (t Topology) HolderConsumer() jetstream.ConsumerConfig {
	return t.durable(ConsumerHolder, "mosaic.assessments.*")
}

// DeadLetterConsumer is the holder's durable consumer of dead letters.
func (t Topology) DeadLetterConsumer() jetstream.ConsumerConfig {
	return t.durable(ConsumerHolderDeadLetters, SubjectDeadLetterAll)
}

// Ensure creates or updates every stream. Services create their own consumers. Only
// the holder's NATS user may update a stream (see Permissions); other components use
// EnsureCreated.
func (t Topology) Ensure(ctx context.Context, js jetstream.JetStream) error {
	return t.ensure(ctx, js, true)
}

// EnsureCreated creates every stream that is missing and leaves existing streams as
// they are, for components whose NATS user may create Mosaic's streams but not
// reconfigure them (the holder's Ensure applies configuration changes).
func (t Topology) EnsureCreated(ctx context.Context, js jetstream.JetStream) error {
	return t.ensure(ctx, js, false)
}

func (t Topology) ensure(ctx context.Context, js jetstream.JetStream, update bool) error {
	if err := t.Validate(); err != nil {
		return err
	}
	for _, cfg := range t.Streams() {
		if err := ensureStream(ctx, js, cfg, update); err != nil {
			return fmt.Errorf("bus: ensure stream %s: %w", cfg.Name, err)
		}
	}
	return nil
}

// EnsureRetrying is Ensure (update) or EnsureCreated, each stream retried with
// RetryStartup while the bus is not ready (a cluster starting, streams and their
// leaders coming up), until ctx ends.
func (t Topology) EnsureRetrying(ctx context.Context, js jetstream.JetStream, update bool, log *slog.Logger) error {
	if err := t.Validate(); err != nil {
		return err
	}
	for _, cfg := range t.Streams() {
		if err := RetryStartup(ctx, log, "bus: ensure stream "+cfg.Name, func(ctx context.Context) error {
			return ensureStream(ctx, js, cfg, update)
		}); err != nil {
			return err
		}
	}
	return nil
}

// ensureStream creates a stream, or updates it only when the settings Mosaic manages
// differ. Every process ensures the streams at start-up; leaving an unchanged stream
// alone keeps the server from reconfiguring it under consumers being created by
// processes that started earlier.
//
// Sources, a mirror, a subject transform or republishing also count as a difference:
// Mosaic's streams have none, and any of them would let messages into a stream (or
// copies out of it) other than by publishing to its subjects, which NATS permissions
// govern. Updating removes them (a mirror cannot be removed, so that update fails and
// the process does not start).
func ensureStream(ctx context.Context, js jetstream.JetStream, cfg jetstream.StreamConfig, update bool) error {
	s, err := js.Stream(ctx, cfg.Name)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		if _, err = js.CreateStream(ctx, cfg); errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			return nil // another process created it meanwhile
		}
		return err
	}
	if err != nil || !update {
		return err
	}
	cur := s.CachedInfo().Config
	if slices.Equal(cur.Subjects, cfg.Subjects) && cur.MaxAge == cfg.MaxAge && cur.Duplicates == cfg.Duplicates &&
		cur.Replicas == cfg.Replicas && cur.Storage == cfg.Storage && cur.Retention == cfg.Retention && cur.Discard == cfg.Discard &&
		len(cur.Sources) == 0 && cur.Mirror == nil && cur.SubjectTransform == nil && cur.RePublish == nil {
		return nil
	}
	_, err = js.UpdateStream(ctx, cfg)
	return err
}
