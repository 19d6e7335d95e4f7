// Package api is the gateway: the forum platform's entry point. It validates posts at
// the edge, hands them to the linker over JetStream, and tells the platform what was
// decided, over gRPC (GatewayService) and from its view of the DECISIONS stream.
package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"buf.build/go/protovalidate"
	"github.com/dgraph-io/badger/v4"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.opentelemetry.io/otel/attribute"
	otelcodes "go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/grpcx"
	"github.com/mosaicgw/mosaic/internal/postcheck"
	"github.com/mosaicgw/mosaic/internal/telemetry"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// DefaultMaxBodyBytes is the default limit on a post body: 64 KiB is several times
// the longest clinical question a forum sees, and bounds the extractor's work per post.
const DefaultMaxBodyBytes = 64 << 10

// Options configures a Gateway.
type Options struct {
	NC       *nats.Conn
	JS       jetstream.JetStream
	DB       *badger.DB
	Topology bus.Topology
	// MaxBodyBytes limits a post body (default 64 KiB).
	MaxBodyBytes int
	// CommandTimeout bounds a withdraw or delete request to the holder.
	CommandTimeout time.Duration
	// EraseTimeout bounds an EraseAuthor request (default 2 minutes): the holder
	// erases each post and reads the streams the author's messages are in.
	EraseTimeout time.Duration
	// MaxInFlight bounds the submissions accepted and not yet decided (default
	// DefaultMaxInFlight). Beyond it SubmitPost answers ResourceExhausted with a retry
	// delay (RetryAfter, default DefaultRetryAfter) and the intake consumer waits.
	MaxInFlight int
	RetryAfter  time.Duration
	// InFlightTTL is how long a submission without a decision holds its place
	// (default DefaultInFlightTTL).
	InFlightTTL time.Duration
	Logger      *slog.Logger
	Now         func() time.Time
	// Metrics records submissions (nil: none).
	Metrics *telemetry.Metrics
	// Tracer starts each post's trace at SubmitPost (and the intake); the trace goes
	// on to the linker in the submission's headers. Nil records nothing.
	Tracer trace.Tracer
}

// Gateway implements mosaic.v1.GatewayService.
type Gateway struct {
	mosaicv1.UnimplementedGatewayServiceServer
	opts Options
	js   jetstream.JetStream
	view view
	adm  *admission
	val  protovalidate.Validator
	log  *slog.Logger
	now  func() time.Time
	met  *telemetry.Metrics
	tr   trace.Tracer

	mu      sync.Mutex
	waiters map[waitKey][]chan *mosaicv1.PostStatus
	// applyBatch stores a batch of decisions in the view (view.applyAll; tests may
	// make it fail).
	applyBatch func([]decided) error
	// ready is closed once the intake consumer exists.
	ready chan struct{}
}

// Ready is closed once the gateway consumes the NATS intake.
func (g *Gateway) Ready() <-chan struct{} { return g.ready }

type waitKey struct {
	post string
	rev  uint32
}

// New returns a Gateway.
func New(o Options) (*Gateway, error) {
	if o.NC == nil || o.JS == nil || o.DB == nil {
		return nil, fmt.Errorf("gateway: NC, JS and DB are required")
	}
	if err := o.Topology.Validate(); err != nil {
		return nil, err
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.CommandTimeout <= 0 {
		o.CommandTimeout = 10 * time.Second
	}
	if o.EraseTimeout <= 0 {
		o.EraseTimeout = 2 * time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = DefaultMaxInFlight
	}
	if o.RetryAfter <= 0 {
		o.RetryAfter = DefaultRetryAfter
	}
	if o.InFlightTTL <= 0 {
		o.InFlightTTL = DefaultInFlightTTL
	}
	v, err := protovalidate.New()
	if err != nil {
		return nil, fmt.Errorf("gateway: validator: %w", err)
	}
	if o.Tracer == nil {
		o.Tracer = telemetry.Tracer(nil)
	}
	g := &Gateway{opts: o, js: o.JS, view: view{o.DB}, adm: newAdmission(o.MaxInFlight, o.InFlightTTL, o.RetryAfter, o.Now), val: v, log: o.Logger.With("component", "gateway"),
		now: o.Now, met: o.Metrics, tr: o.Tracer, waiters: map[waitKey][]chan *mosaicv1.PostStatus{}, ready: make(chan struct{})}
	g.applyBatch = g.view.applyAll
	return g, nil
}

// Run follows the DECISIONS stream into the view and consumes the NATS intake
// subject, until ctx ends or either fails: the first failure stops the other, and Run
// returns it once both have ended.
func (g *Gateway) Run(ctx context.Context) error {
	// Retried while the bus is not ready (a cluster starting).
	var cons jetstream.Consumer
	if err := bus.RetryStartup(ctx, g.log, "gateway: intake consumer", func(ctx context.Context) (err error) {
		cons, err = g.js.CreateOrUpdateConsumer(ctx, bus.StreamIntake, g.opts.Topology.IntakeConsumer())
		return err
	}); err != nil {
		return err
	}
	close(g.ready)
	intake := g.opts.Topology.NewWorker("gateway-intake", g.js, cons, g.handleIntake, g.log)
	intake.Tracer = g.tr
	// Different authors' posts are accepted at once, one author's in the order the
	// platform published them (so they reach the linker in that order).
	intake.Lanes, intake.Key = intakeLanes, intakeAuthor
	eg, ectx := errgroup.WithContext(ctx)
	eg.Go(func() error {
		if err := intake.Run(ectx); err != nil {
			return fmt.Errorf("gateway: intake: %w", err)
		}
		return nil
	})
	eg.Go(func() error { return g.followDecisions(ectx) })
	return eg.Wait()
}

// followDecisions applies every decision to the view, resuming after the last applied
// stream sequence, and wakes callers waiting on it. Decisions that arrive together are
// applied in one Badger transaction.
func (g *Gateway) followDecisions(ctx context.Context) error {
	for ctx.Err() == nil {
		seq, err := g.view.checkpoint()
		if err != nil {
			return fmt.Errorf("gateway: read checkpoint: %w", err)
		}
		cfg := jetstream.OrderedConsumerConfig{FilterSubjects: []string{bus.SubjectDecisionsAll}}
		if seq > 0 {
			cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, seq+1
		}
		cons, err := g.js.OrderedConsumer(ctx, bus.StreamDecisions, cfg)
		if err != nil {
			g.log.Warn("decisions consumer", "err", err)
			sleep(ctx, time.Second)
			continue
		}
		events := make(chan decided, 1024)
		cc, err := cons.Consume(func(msg jetstream.Msg) {
			ev := &mosaicv1.DecisionEvent{}
			if err := proto.Unmarshal(msg.Data(), ev); err != nil || ev.GetStatus() == nil {
				g.log.Error("undecodable decision event", "subject", msg.Subject(), "err", err)
				return
			}
			if err := checkDecisionID(msg, ev.GetStatus()); err != nil {
				// Poison: not the holder's message as it published it. Nothing to
				// dead-letter from an ordered consumer; the view keeps the holder's own.
				g.log.Error("decision event refused", "err", err)
				return
			}
			d := decided{status: ev.Status}
			if md, err := msg.Metadata(); err == nil {
				d.seq = md.Sequence.Stream
			}
			select {
			case events <- d:
			case <-ctx.Done():
			}
		})
		if err != nil {
			g.log.Warn("consume decisions", "err", err)
			sleep(ctx, time.Second)
			continue
		}
		err = g.applyDecisions(ctx, events)
		cc.Stop()
		if err != nil {
			// The batch was not stored, so the checkpoint did not move: follow again
			// from it, after a pause, and the batch is delivered again.
			g.log.Error("apply decisions to view; following again from the last stored decision", "err", err)
			sleep(ctx, time.Second)
		}
	}
	return nil
}

// checkDecisionID checks that a decision event carries the message id the holder gives
// the decision on its post revision (bus.CheckMsgID).
func checkDecisionID(msg jetstream.Msg, st *mosaicv1.PostStatus) error {
	return bus.CheckMsgID(msg, bus.DecisionMsgIDPrefix(st.GetPostId(), st.GetRevision()), true)
}

type decided struct {
	status *mosaicv1.PostStatus
	seq    uint64
}

// applyDecisions drains events in batches until ctx ends or a batch cannot be stored.
// A batch and the checkpoint after it are stored in one transaction, so on a write
// error neither is: the caller follows the stream again from the stored checkpoint, and
// no decision is skipped by a later batch's checkpoint.
func (g *Gateway) applyDecisions(ctx context.Context, events <-chan decided) error {
	batch := make([]decided, 0, 256)
	for {
		select {
		case <-ctx.Done():
			return nil
		case d := <-events:
			batch = append(batch[:0], d)
		}
	drain:
		for len(batch) < cap(batch) {
			select {
			case d := <-events:
				batch = append(batch, d)
			default:
				break drain
			}
		}
		if err := g.applyBatch(batch); err != nil {
			return fmt.Errorf("%d decisions: %w", len(batch), err)
		}
		for _, d := range batch {
			g.notify(d.status)
		}
	}
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

func (g *Gateway) notify(st *mosaicv1.PostStatus) {
	if st.Decision == mosaicv1.Decision_DECISION_PENDING {
		return
	}
	k := waitKey{st.PostId, st.Revision}
	g.adm.release(k)
	g.mu.Lock()
	ws := g.waiters[k]
	delete(g.waiters, k)
	g.mu.Unlock()
	for _, w := range ws {
		w <- st
	}
}

func (g *Gateway) subscribe(k waitKey) (<-chan *mosaicv1.PostStatus, func()) {
	ch := make(chan *mosaicv1.PostStatus, 1)
	g.mu.Lock()
	g.waiters[k] = append(g.waiters[k], ch)
	g.mu.Unlock()
	return ch, func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		ws := g.waiters[k]
		for i, w := range ws {
			if w == ch {
				g.waiters[k] = append(ws[:i], ws[i+1:]...)
				break
			}
		}
		if len(g.waiters[k]) == 0 {
			delete(g.waiters, k)
		}
	}
}

// checkPost applies the rules the schema cannot express (postcheck: created_at in a
// sane window, the revision bound, a body with visible text within the configured
// limit). prefix names the post in field paths.
func (g *Gateway) checkPost(p *mosaicv1.Post, prefix string) error {
	if vs := postcheck.Fields(p, prefix, postcheck.Limits{MaxBodyBytes: g.opts.MaxBodyBytes}); len(vs) > 0 {
		return grpcx.InvalidArgument(vs...)
	}
	return nil
}

// SubmitPost implements GatewayService.
func (g *Gateway) SubmitPost(ctx context.Context, req *mosaicv1.SubmitPostRequest) (resp *mosaicv1.SubmitPostResponse, err error) {
	defer g.met.SubmissionStarted()()
	ctx, span := g.tr.Start(telemetry.FromIncomingGRPC(ctx), "mosaic.v1.GatewayService/SubmitPost", trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(postAttributes(req.GetPost())...))
	defer func() { endSpan(span, resp.GetStatus(), err) }()
	if err := g.checkPost(req.GetPost(), "post."); err != nil {
		return nil, err
	}
	k := waitKey{req.Post.PostId, req.Post.Revision}
	ok, took := g.adm.tryAdmit(k)
	if !ok {
		return nil, g.adm.refusal(k, g.log)
	}
	wait := req.GetWait().AsDuration()
	var ch <-chan *mosaicv1.PostStatus
	if wait > 0 {
		var cancel func()
		ch, cancel = g.subscribe(k)
		defer cancel()
	}
	st, err := g.accept(ctx, req.Post, telemetry.SourceGRPC)
	if took && (err != nil || st.Decision != mosaicv1.Decision_DECISION_PENDING) {
		g.adm.release(k) // not in flight: refused, failed, or decided before
	}
	if err != nil {
		return nil, err
	}
	if wait <= 0 || st.Decision != mosaicv1.Decision_DECISION_PENDING {
		return &mosaicv1.SubmitPostResponse{Status: st}, nil
	}
	// The decision may have landed between accept and now.
	if cur, _, err := g.view.get(k.post, k.rev); err == nil && cur.Decision != mosaicv1.Decision_DECISION_PENDING {
		return &mosaicv1.SubmitPostResponse{Status: cur}, nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case decided := <-ch:
		return &mosaicv1.SubmitPostResponse{Status: decided}, nil
	case <-t.C:
		return &mosaicv1.SubmitPostResponse{Status: st}, nil
	case <-ctx.Done():
		return nil, status.FromContextError(ctx.Err()).Err()
	}
}

// accept records a validated post as pending and hands it to the linker. It is
// idempotent on (post_id, revision).
// source names where the post came from in the metrics.
func (g *Gateway) accept(ctx context.Context, p *mosaicv1.Post, source string) (*mosaicv1.PostStatus, error) {
	hash, err := postHash(p)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "hash post: %v", err)
	}
	now := g.now()
	st := &mosaicv1.PostStatus{
		PostId: p.PostId, Revision: p.Revision, Decision: mosaicv1.Decision_DECISION_PENDING,
		AuthorId: p.AuthorId, ForumId: p.ForumId, AcceptedAt: timestamppb.New(now),
	}
	existing, existingHash, err := g.view.create(ctx, st, hash)
	if errors.Is(err, errNotOwner) {
		return nil, notOwner(p.PostId, p.AuthorId, "submit a revision of")
	}
	if errors.Is(err, errDeleted) {
		return nil, status.Errorf(codes.FailedPrecondition,
			"post %s was deleted and its content erased; a post id is not reused: submit new content under a new post_id", p.PostId)
	}
	if behind := (revisionBehindError{}); errors.As(err, &behind) {
		return nil, grpcx.InvalidArgument(grpcx.FieldViolation{Field: "post.revision", Reason: fmt.Sprintf(
			"post %s is already at revision %d; revisions only move forward: send a change as revision %d",
			p.PostId, behind.latest, behind.latest+1)})
	}
	if ctx.Err() != nil {
		return nil, status.FromContextError(ctx.Err()).Err()
	}
	if err != nil {
		return nil, status.Errorf(codes.Unavailable, "store submission: %v", err)
	}
	if existing != nil {
		if existing.Decision == mosaicv1.Decision_DECISION_DELETED {
			return nil, status.Errorf(codes.FailedPrecondition,
				"post %s was deleted and its content erased; a post id is not reused: submit new content under a new post_id", p.PostId)
		}
		if string(existingHash) != string(hash) {
			return nil, status.Errorf(codes.FailedPrecondition,
				"post %s revision %d was already submitted with different content; submit the change as revision %d",
				p.PostId, p.Revision, p.Revision+1)
		}
		if existing.Decision != mosaicv1.Decision_DECISION_PENDING {
			return existing, nil
		}
		st = existing // still pending: publish again (de-duplicated by message id)
	}
	sub := &mosaicv1.Submission{Post: p, AcceptedAt: st.AcceptedAt}
	part := bus.Partition(p.AuthorId, g.opts.Topology.Partitions)
	if err := bus.PublishAuthor(ctx, g.js, bus.SubjectSubmitted(part), fmt.Sprintf("submit:%s:%d", p.PostId, p.Revision), p.AuthorId, sub); err != nil {
		if existing == nil {
			// Not with ctx: the client may have gone, and the record must still go.
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer cancel()
			if rerr := g.view.remove(rctx, p.PostId, p.Revision); rerr != nil {
				g.log.Error("forget unpublished submission", "post", p.PostId, "err", rerr)
			}
		}
		return nil, status.Errorf(codes.Unavailable, "the pipeline did not accept the post, retry: %v", err)
	}
	g.met.Accepted(source)
	return st, nil
}

// handleIntake accepts a post the platform published to the intake subject. A post
// that does not decode or is invalid is poison: the worker moves it to the dead-letter
// stream with the reason (readable, as SubmitPost would answer) and terminates it, as
// retrying cannot fix it.
func (g *Gateway) handleIntake(ctx context.Context, msg jetstream.Msg) error {
	defer g.met.SubmissionStarted()()
	p, err := decodeIntake(msg.Headers().Get(bus.HeaderContentType), msg.Data())
	if err != nil {
		return fmt.Errorf("%w: intake post rejected: %s", bus.ErrPoison, status.Convert(err).Message())
	}
	if err := g.checkIntake(p); err != nil {
		return fmt.Errorf("%w: intake post rejected: %s", bus.ErrPoison, status.Convert(err).Message())
	}
	trace.SpanFromContext(ctx).SetAttributes(postAttributes(p)...)
	// A full gateway waits here, keeping the message in progress, so the intake
	// consumer pulls no more until decisions free room.
	k := waitKey{p.PostId, p.Revision}
	took, err := g.adm.wait(ctx, k, intakeProgressInterval, func() { _ = msg.InProgress() })
	if err != nil {
		return fmt.Errorf("%w: waiting for room: %v", bus.ErrTransient, err)
	}
	st, err := g.accept(ctx, p, telemetry.SourceNATS)
	if took && (err != nil || st.Decision != mosaicv1.Decision_DECISION_PENDING) {
		g.adm.release(k)
	}
	switch status.Code(err) {
	case codes.OK:
		return nil
	case codes.FailedPrecondition, codes.InvalidArgument, codes.PermissionDenied:
		return fmt.Errorf("%w: intake post rejected: %s", bus.ErrPoison, status.Convert(err).Message())
	case codes.Unavailable:
		// The store or the bus is down, not the post: retry without counting it
		// towards the dead-letter limit.
		return fmt.Errorf("%w: %v", bus.ErrTransient, err)
	}
	return err
}

// intakeLanes is how many intake posts (of different authors) are accepted at once.
const intakeLanes = 16

// intakeAuthor is an intake message's ordering key: its post's author ("" when it
// does not decode: it is poison, refused when handled).
func intakeAuthor(msg jetstream.Msg) string {
	p, err := decodeIntake(msg.Headers().Get(bus.HeaderContentType), msg.Data())
	if err != nil {
		return ""
	}
	return p.GetAuthorId()
}

// intakeProgressInterval is how often an intake message waiting for room is marked in
// progress, well within any ack wait.
const intakeProgressInterval = 5 * time.Second

// MaxInFlight is the bound on submissions in flight.
func (g *Gateway) MaxInFlight() int { return g.adm.max }

// InFlight is the number of submissions accepted and not yet decided.
func (g *Gateway) InFlight() int { return g.adm.len() }

// decodeIntake decodes an intake payload: protojson when the content type says so (or,
// without one, when it looks like JSON), protobuf otherwise. A payload that does not
// decode is InvalidArgument.
func decodeIntake(contentType string, data []byte) (*mosaicv1.Post, error) {
	p := &mosaicv1.Post{}
	var err error
	if contentType == bus.ContentTypeJSON || (contentType == "" && len(data) > 0 && data[0] == '{') {
		err = protojson.Unmarshal(data, p)
	} else {
		err = proto.Unmarshal(data, p)
	}
	if err != nil {
		return nil, grpcx.InvalidArgument(grpcx.FieldViolation{Field: "(message)",
			Reason: fmt.Sprintf("is not a mosaic.v1.Post in protobuf, or in protojson with Content-Type %s: %v", bus.ContentTypeJSON, err)})
	}
	return p, nil
}

// checkIntake validates an intake post as SubmitPost validates its request.
func (g *Gateway) checkIntake(p *mosaicv1.Post) error {
	return postcheck.Check(g.val, p, postcheck.Limits{MaxBodyBytes: g.opts.MaxBodyBytes})
}

// GetPostStatus implements GatewayService.
func (g *Gateway) GetPostStatus(_ context.Context, req *mosaicv1.GetPostStatusRequest) (*mosaicv1.GetPostStatusResponse, error) {
	st, _, err := g.view.get(req.PostId, req.Revision)
	if err != nil {
		return nil, g.viewErr(err, req.PostId, req.Revision)
	}
	return &mosaicv1.GetPostStatusResponse{Status: st}, nil
}

func (g *Gateway) viewErr(err error, post string, rev uint32) error {
	if errors.Is(err, errNoRecord) {
		if rev == 0 {
			return status.Errorf(codes.NotFound, "post %q was never submitted here", post)
		}
		return status.Errorf(codes.NotFound, "post %q revision %d was never submitted here", post, rev)
	}
	return status.Errorf(codes.Unavailable, "read status: %v", err)
}

// WatchDecisions implements GatewayService.
func (g *Gateway) WatchDecisions(req *mosaicv1.WatchDecisionsRequest, stream mosaicv1.GatewayService_WatchDecisionsServer) error {
	cfg := jetstream.OrderedConsumerConfig{FilterSubjects: []string{bus.SubjectDecision(req.ForumId)}, DeliverPolicy: jetstream.DeliverNewPolicy}
	switch {
	case req.ResumeToken != "":
		seq, err := strconv.ParseUint(req.ResumeToken, 10, 64)
		if err != nil {
			return grpcx.InvalidArgument(grpcx.FieldViolation{Field: "resume_token",
				Reason: "is not a token this service issued; pass the resume_token of the last WatchDecisions response, or set from_start"})
		}
		// A token names a decision already in the stream: one past the last is not
		// one this service issued (and the largest would overflow the next sequence).
		last, err := g.lastDecisionSeq(stream.Context())
		if err != nil {
			g.log.Warn("decisions stream info", "err", err)
			return status.Error(codes.Unavailable, "the decisions stream is not reachable; retry shortly")
		}
		if seq > last {
			return status.Errorf(codes.OutOfRange,
				"resume_token %d is beyond the last decision issued (%d), so this service did not issue it; pass the resume_token of the last WatchDecisions response, or set from_start",
				seq, last)
		}
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, seq+1
	case req.FromStart:
		cfg.DeliverPolicy = jetstream.DeliverAllPolicy
	}
	ctx := stream.Context()
	cons, err := g.js.OrderedConsumer(ctx, bus.StreamDecisions, cfg)
	if err != nil {
		return status.Errorf(codes.Unavailable, "decisions stream: %v", err)
	}
	it, err := cons.Messages()
	if err != nil {
		return status.Errorf(codes.Unavailable, "decisions stream: %v", err)
	}
	defer it.Stop()
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	for {
		msg, err := it.Next()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return status.Errorf(codes.Unavailable, "decisions stream: %v", err)
		}
		ev := &mosaicv1.DecisionEvent{}
		if err := proto.Unmarshal(msg.Data(), ev); err != nil {
			continue
		}
		md, err := msg.Metadata()
		if err != nil {
			continue
		}
		if err := stream.Send(&mosaicv1.WatchDecisionsResponse{Status: ev.Status, ResumeToken: strconv.FormatUint(md.Sequence.Stream, 10)}); err != nil {
			return err
		}
	}
}

// lastDecisionSeq returns the sequence of the last message in the DECISIONS stream.
func (g *Gateway) lastDecisionSeq(ctx context.Context) (uint64, error) {
	st, err := g.js.Stream(ctx, bus.StreamDecisions)
	if err != nil {
		return 0, err
	}
	info, err := st.Info(ctx)
	if err != nil {
		return 0, err
	}
	return info.State.LastSeq, nil
}

// notOwner is the PermissionDenied answer when author tries to act on a post id that
// another author's first revision owns. It does not name the owner.
func notOwner(post, author, action string) error {
	return status.Errorf(codes.PermissionDenied,
		"author %q may not %s post %q: a post belongs to the author of its first revision, and this one is another author's; check post_id and author_id (a new post needs a new post_id)",
		author, action, post)
}

// ownerErr turns checkOwner's error into the RPC's answer.
func (g *Gateway) ownerErr(err error, post, author, action string) error {
	if errors.Is(err, errNotOwner) {
		return notOwner(post, author, action)
	}
	return g.viewErr(err, post, 0)
}

// WithdrawPost implements GatewayService. The platform acts for author_id, who must
// own the post (the author of its first revision).
func (g *Gateway) WithdrawPost(ctx context.Context, req *mosaicv1.WithdrawPostRequest) (*mosaicv1.WithdrawPostResponse, error) {
	if err := g.view.checkOwner(req.PostId, req.AuthorId); err != nil {
		return nil, g.ownerErr(err, req.PostId, req.AuthorId, "withdraw")
	}
	cur, _, err := g.view.get(req.PostId, req.Revision)
	if err != nil {
		return nil, g.viewErr(err, req.PostId, req.Revision)
	}
	if cur.AuthorId != req.AuthorId {
		return nil, notOwner(req.PostId, req.AuthorId, "withdraw")
	}
	st, err := g.command(ctx, &mosaicv1.Command{Command: &mosaicv1.Command_Withdraw{Withdraw: &mosaicv1.Withdrawal{
		PostId: cur.PostId, Revision: cur.Revision, AuthorId: req.AuthorId, Reason: req.Reason, ForumId: cur.ForumId,
	}}})
	if err != nil {
		return nil, err
	}
	return &mosaicv1.WithdrawPostResponse{Status: st}, nil
}

// DeletePost implements GatewayService: the holder erases the post's text and details
// from every store and stream (services/holder/erase.go) and its status becomes
// DECISION_DELETED. With author_id the platform acts for that author, who must own the
// post; without, it removes the post on its own authority.
func (g *Gateway) DeletePost(ctx context.Context, req *mosaicv1.DeletePostRequest) (*mosaicv1.DeletePostResponse, error) {
	if req.AuthorId != "" {
		if err := g.view.checkOwner(req.PostId, req.AuthorId); err != nil {
			return nil, g.ownerErr(err, req.PostId, req.AuthorId, "delete")
		}
	}
	cur, _, err := g.view.get(req.PostId, 0)
	if err != nil {
		return nil, g.viewErr(err, req.PostId, 0)
	}
	st, err := g.command(ctx, &mosaicv1.Command{Command: &mosaicv1.Command_Delete{Delete: &mosaicv1.Deletion{PostId: req.PostId, Reason: req.Reason,
		AuthorId: cur.AuthorId, ForumId: cur.ForumId, Revision: cur.Revision}}})
	if err != nil {
		return nil, err
	}
	return &mosaicv1.DeletePostResponse{Status: st}, nil
}

// EraseAuthor implements GatewayService: the holder erases every post of the author
// (as DeletePost does), their notices and their ledger. The platform only (authn).
func (g *Gateway) EraseAuthor(ctx context.Context, req *mosaicv1.EraseAuthorRequest) (*mosaicv1.EraseAuthorResponse, error) {
	reply, err := g.request(ctx, &mosaicv1.Command{Command: &mosaicv1.Command_Erase{Erase: &mosaicv1.Erasure{AuthorId: req.AuthorId, Reason: req.Reason}}},
		g.opts.EraseTimeout)
	if err != nil {
		return nil, err
	}
	return &mosaicv1.EraseAuthorResponse{ErasedPosts: reply.ErasedPosts}, nil
}

// command sends a command to the holder and waits for its answer.
func (g *Gateway) command(ctx context.Context, c *mosaicv1.Command) (*mosaicv1.PostStatus, error) {
	reply, err := g.request(ctx, c, g.opts.CommandTimeout)
	if err != nil {
		return nil, err
	}
	if reply.Status != nil {
		if err := g.view.apply(ctx, reply.Status); err != nil {
			g.log.Warn("apply command result to view", "err", err)
		}
	}
	return reply.Status, nil
}

// request sends a command to the holder and returns its reply, or its refusal as a
// gRPC status.
func (g *Gateway) request(ctx context.Context, c *mosaicv1.Command, timeout time.Duration) (*mosaicv1.CommandReply, error) {
	b, err := proto.Marshal(c)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "encode command: %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	msg, err := g.opts.NC.RequestWithContext(ctx, bus.SubjectHolderCommands, b)
	if err != nil {
		if errors.Is(err, nats.ErrNoResponders) {
			return nil, status.Error(codes.Unavailable, "no holder is running to carry out the request; retry later")
		}
		return nil, status.Errorf(codes.Unavailable, "holder did not answer: %v", err)
	}
	reply := &mosaicv1.CommandReply{}
	if err := proto.Unmarshal(msg.Data, reply); err != nil {
		return nil, status.Errorf(codes.Internal, "decode holder reply: %v", err)
	}
	if reply.ErrorCode != "" {
		return nil, status.Error(grpcx.ParseCodeName(reply.ErrorCode), reply.ErrorMessage)
	}
	return reply, nil
}

// postAttributes name a post revision in its spans: ids only, never the text or
// the author.
func postAttributes(p *mosaicv1.Post) []attribute.KeyValue {
	return []attribute.KeyValue{attribute.String("mosaic.post_id", p.GetPostId()),
		attribute.Int("mosaic.revision", int(p.GetRevision())), attribute.String("mosaic.forum_id", p.GetForumId())}
}

// endSpan ends a SubmitPost span with the decision returned, or the error.
func endSpan(span trace.Span, st *mosaicv1.PostStatus, err error) {
	if err != nil {
		span.SetStatus(otelcodes.Error, status.Code(err).String())
	} else if st != nil {
		span.SetAttributes(attribute.String("mosaic.decision", st.GetDecision().String()))
	}
	span.End()
}
