// Package linker is the service that assesses posts: it extracts the details of each
// submitted post, links them to what the author has already published (the per-author
// ledger in its own Badger database), estimates how many people the details could
// describe, and publishes an assessment for the holder.
//
// A linker owns a set of author partitions. Each partition is read by one worker in
// stream order, so an author's outcomes (published or not) are applied to the ledger
// before that author's next post is assessed; instances scale out by dividing the
// partitions between them.
package linker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"buf.build/go/protovalidate"
	"github.com/nats-io/nats.go/jetstream"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/link"
	"github.com/mosaicgw/mosaic/internal/postcheck"
	"github.com/mosaicgw/mosaic/internal/telemetry"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Reader reads a post's text (extract.Extractor).
type Reader interface {
	Read(text string, c extract.Context) extract.Reading
}

// Ledger is the per-author memory of published details (link.Ledger).
type Ledger interface {
	Assess(ctx context.Context, c link.Candidate) (link.Result, error)
	Publish(ctx context.Context, authorID, postID string, revision uint32, releasedBody string) error
	PublishReading(ctx context.Context, authorID, postID string, revision uint32, body string, r extract.Reading) error
	Discard(ctx context.Context, authorID, postID string, revision uint32) error
	Unpublish(ctx context.Context, authorID, postID string) error
	EraseAuthor(ctx context.Context, authorID string) error
}

// Detector adds findings beyond confidentiality, such as the conduct checks.
type Detector interface {
	Detect(post *mosaicv1.Post, r extract.Reading) []*mosaicv1.Finding
}

// Options configures a Linker.
type Options struct {
	JS       jetstream.JetStream
	Topology bus.Topology
	// Partitions this instance owns; empty means all.
	Partitions []int
	Reader     Reader
	Ledger     Ledger
	Detectors  []Detector
	// Lanes is how many authors' messages each partition handles at once (one
	// author's always one at a time, in stream order); 0 or 1: one message at a time.
	Lanes int
	// DetectorVersion is recorded in every assessment and the audit history.
	DetectorVersion string
	Logger          *slog.Logger
	Now             func() time.Time
	// Metrics records the submit-to-assessed leg (nil: none).
	Metrics *telemetry.Metrics
	// Tracer continues each post's trace from the submission's headers; the
	// assessment carries it on to the holder. Nil records nothing.
	Tracer trace.Tracer
}

// Linker assesses submitted posts.
type Linker struct {
	opts Options
	log  *slog.Logger
	val  protovalidate.Validator
	// ready is closed once every owned partition's consumer exists.
	ready chan struct{}
}

// Ready is closed once the linker consumes every partition it owns.
func (l *Linker) Ready() <-chan struct{} { return l.ready }

// New validates options and returns a Linker.
func New(o Options) (*Linker, error) {
	if o.JS == nil || o.Reader == nil || o.Ledger == nil {
		return nil, fmt.Errorf("linker: JS, Reader and Ledger are required")
	}
	if err := o.Topology.Validate(); err != nil {
		return nil, err
	}
	if len(o.Partitions) == 0 {
		for p := range o.Topology.Partitions {
			o.Partitions = append(o.Partitions, p)
		}
	}
	for _, p := range o.Partitions {
		if p < 0 || p >= o.Topology.Partitions {
			return nil, fmt.Errorf("linker: partition %d outside 0..%d", p, o.Topology.Partitions-1)
		}
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Tracer == nil {
		o.Tracer = telemetry.Tracer(nil)
	}
	v, err := protovalidate.New()
	if err != nil {
		return nil, fmt.Errorf("linker: validator: %w", err)
	}
	return &Linker{opts: o, log: o.Logger.With("component", "linker"), val: v, ready: make(chan struct{})}, nil
}

// Run consumes the owned partitions until ctx ends or one partition's worker fails.
// Every partition's consumer is set up before any worker starts, so a set-up failure
// returns with nothing running; once they run, the first failure stops the others, and
// Run returns only after all of them have ended (the caller may then close the ledger's
// database).
func (l *Linker) Run(ctx context.Context) error {
	workers := make([]*bus.Worker, 0, len(l.opts.Partitions))
	for _, p := range l.opts.Partitions {
		// Retried while the bus is not ready (a cluster starting).
		var cons jetstream.Consumer
		if err := bus.RetryStartup(ctx, l.log, fmt.Sprintf("linker: consumer for partition %d", p), func(ctx context.Context) (err error) {
			cons, err = l.opts.JS.CreateOrUpdateConsumer(ctx, bus.StreamPosts, l.opts.Topology.LinkerConsumer(p))
			return err
		}); err != nil {
			return err
		}
		w := l.opts.Topology.NewWorker(bus.ConsumerLinker(p), l.opts.JS, cons,
			func(ctx context.Context, msg jetstream.Msg) error { return l.handle(ctx, p, msg) }, l.log)
		w.Tracer = l.opts.Tracer
		w.Lanes, w.Key = l.opts.Lanes, authorOf
		workers = append(workers, w)
	}
	g, gctx := errgroup.WithContext(ctx)
	for _, w := range workers {
		g.Go(func() error {
			if err := w.Run(gctx); err != nil {
				return fmt.Errorf("linker: %s: %w", w.Name, err)
			}
			return nil
		})
	}
	close(l.ready)
	l.log.Info("linker running", "partitions", len(l.opts.Partitions))
	return g.Wait()
}

// handle processes one message of partition p. A message that can never be processed
// is poison (bus.ErrPoison): it does not decode, its post breaks the rules the gateway
// enforces (it was published to the partition directly, or by an older gateway), or
// the ledger refuses its ids. The worker moves poison to the dead-letter stream and the
// partition goes on; the holder holds the post of a dead-lettered submission for a
// moderator, so nothing unassessed is released. Any other error is retried, and
// dead-lettered the same way if it persists.
func (l *Linker) handle(ctx context.Context, p int, msg jetstream.Msg) error {
	switch {
	case strings.HasSuffix(msg.Subject(), ".submitted"):
		sub, err := l.DecodeSubmission(msg.Data())
		if err != nil {
			return err
		}
		ctx, span := l.opts.Tracer.Start(ctx, "linker assess", trace.WithAttributes(
			attribute.String("mosaic.post_id", sub.Post.GetPostId()), attribute.Int("mosaic.revision", int(sub.Post.GetRevision())),
			attribute.Int("mosaic.partition", p)))
		defer span.End()
		a, err := l.Assess(ctx, sub)
		if errors.Is(err, link.ErrBadID) {
			return fmt.Errorf("%w: %v", bus.ErrPoison, err)
		}
		if err != nil {
			return err
		}
		span.SetAttributes(attribute.Int("mosaic.findings", len(a.GetFindings())))
		if err := bus.Publish(ctx, l.opts.JS, bus.SubjectAssessment(p), bus.AssessmentMsgID(sub.Post.PostId, sub.Post.Revision), a); err != nil {
			return err
		}
		l.opts.Metrics.Assessed(a)
		return nil
	case strings.HasSuffix(msg.Subject(), ".outcome"):
		out := &mosaicv1.Outcome{}
		if err := proto.Unmarshal(msg.Data(), out); err != nil {
			return fmt.Errorf("%w: decode outcome: %v", bus.ErrPoison, err)
		}
		err := l.Apply(ctx, out)
		if errors.Is(err, link.ErrBadID) {
			return fmt.Errorf("%w: %v", bus.ErrPoison, err)
		}
		return err
	}
	return fmt.Errorf("%w: unexpected subject %s", bus.ErrPoison, msg.Subject())
}

// authorOf is the ordering key of a partition's message: its author, from
// bus.HeaderAuthor, or for a message published without it, from its payload. A
// message that does not decode has the key "" (it is poison, dead-lettered when handled).
func authorOf(msg jetstream.Msg) string {
	if a := bus.AuthorKey(msg); a != "" {
		return a
	}
	if strings.HasSuffix(msg.Subject(), ".submitted") {
		sub := &mosaicv1.Submission{}
		if proto.Unmarshal(msg.Data(), sub) == nil {
			return sub.GetPost().GetAuthorId()
		}
		return ""
	}
	out := &mosaicv1.Outcome{}
	if proto.Unmarshal(msg.Data(), out) == nil {
		return out.GetAuthorId()
	}
	return ""
}

// DecodeSubmission decodes a submission and checks its post as the gateway does
// (postcheck, without the gateway's body limit). Every error wraps bus.ErrPoison and
// reads as the reason for a moderator.
func (l *Linker) DecodeSubmission(data []byte) (*mosaicv1.Submission, error) {
	sub := &mosaicv1.Submission{}
	if err := proto.Unmarshal(data, sub); err != nil {
		return nil, fmt.Errorf("%w: the submission does not decode: %v", bus.ErrPoison, err)
	}
	if sub.GetPost() == nil {
		return nil, fmt.Errorf("%w: the submission has no post", bus.ErrPoison)
	}
	if err := postcheck.Check(l.val, sub.GetPost(), postcheck.Limits{}); err != nil {
		return nil, fmt.Errorf("%w: the post breaks the submission rules: %s", bus.ErrPoison, status.Convert(err).Message())
	}
	return sub, nil
}

// Assess extracts, links and assesses one submission. It records the candidate in the
// ledger as pending (not counting until published) and is idempotent.
func (l *Linker) Assess(ctx context.Context, sub *mosaicv1.Submission) (*mosaicv1.Assessment, error) {
	post := sub.GetPost()
	at := post.GetCreatedAt().AsTime()
	if post.GetCreatedAt() == nil {
		at = sub.GetAcceptedAt().AsTime()
	}
	reading := l.opts.Reader.Read(post.GetBody(), extract.Context{
		At:             at,
		AuthorRole:     post.GetAuthor().GetRole(),
		AuthorLocation: post.GetAuthor().GetPracticeLocation(),
	})
	res, err := l.opts.Ledger.Assess(ctx, link.Candidate{
		PostID:         post.GetPostId(),
		Revision:       post.GetRevision(),
		AuthorID:       post.GetAuthorId(),
		ForumID:        post.GetForumId(),
		ThreadID:       post.GetThreadId(),
		ReplyToPostID:  post.GetReplyToPostId(),
		Audience:       post.GetAudience(),
		At:             at,
		AuthorRole:     post.GetAuthor().GetRole(),
		AuthorLocation: post.GetAuthor().GetPracticeLocation(),
		Body:           post.GetBody(),
		Reading:        reading,
	})
	if err != nil {
		return nil, fmt.Errorf("linker: assess %s/%d: %w", post.GetPostId(), post.GetRevision(), err)
	}
	findings := directFindings(post, reading.Details)
	findings = append(findings, res.Findings...)
	for _, d := range l.opts.Detectors {
		findings = append(findings, d.Detect(post, reading)...)
	}
	for _, f := range findings {
		for _, s := range f.Spans {
			if s.PostId == "" {
				s.PostId, s.Revision = post.GetPostId(), post.GetRevision()
			}
		}
	}
	return &mosaicv1.Assessment{
		Post:            post,
		Findings:        findings,
		Risk:            res.Risk,
		Details:         DetailsProto(post, reading.Details),
		AssessedAt:      timestamppb.New(l.opts.Now()),
		DetectorVersion: l.opts.DetectorVersion,
		AcceptedAt:      sub.GetAcceptedAt(),
	}, nil
}

// Apply records an outcome in the ledger: published details count from now on; a
// revision that was not published never counts; a deleted post stops counting.
func (l *Linker) Apply(ctx context.Context, o *mosaicv1.Outcome) error {
	switch {
	case o.GetAuthorErased():
		return l.opts.Ledger.EraseAuthor(ctx, o.AuthorId)
	case o.GetDecision() == mosaicv1.Decision_DECISION_HELD || o.GetDecision() == mosaicv1.Decision_DECISION_PENDING:
		// Not settled: a moderator may still release it. Its details stay pending,
		// counting for nothing until then.
		return nil
	case o.GetDeleted():
		return l.opts.Ledger.Unpublish(ctx, o.AuthorId, o.PostId)
	case o.GetPublished() && o.GetReleasedBody() != "":
		// A moderator edited the text before release: what counts is what was released.
		r := l.opts.Reader.Read(o.ReleasedBody, extract.Context{})
		return l.opts.Ledger.PublishReading(ctx, o.AuthorId, o.PostId, o.Revision, o.ReleasedBody, r)
	case o.GetPublished():
		return l.opts.Ledger.Publish(ctx, o.AuthorId, o.PostId, o.Revision, "")
	default:
		return l.opts.Ledger.Discard(ctx, o.AuthorId, o.PostId, o.Revision)
	}
}
