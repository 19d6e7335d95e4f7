// Package holder is the service that decides: it consumes the linker's assessments,
// releases a post or holds it for a moderator, keeps every post revision's state in its
// own Badger database, and announces decisions and notices on NATS.
//
// A decision is announced in a fixed order: first the Outcome on the author's
// partition when the revision's fate is settled (so the linker's ledger counts a
// released post, and never a rejected one, before any later post of the author is
// assessed; a hold sends none, leaving the details pending), then the DecisionEvent on
// the forum's subject, then the poster's Notice. Each carries a message id derived from the
// stored decision, so re-announcing after a crash is de-duplicated by JetStream.
package holder

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
	"golang.org/x/sync/errgroup"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/notice"
	"github.com/mosaicgw/mosaic/internal/postcheck"
	"github.com/mosaicgw/mosaic/internal/telemetry"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Sentinel errors, mapped to gRPC codes at the edge.
var (
	ErrNotFound        = errors.New("post not found")
	ErrAlreadyDecided  = errors.New("post already decided")
	ErrPermission      = errors.New("not permitted")
	ErrInvalidArgument = errors.New("invalid argument")
)

// Verdict is a decision on one assessment.
type Verdict struct {
	Decision mosaicv1.Decision
	// Findings with the severity the policy gives them.
	Findings      []*mosaicv1.Finding
	PolicyVersion string
	Reason        string
}

// Decider turns an assessment into a verdict. The policy engine implements it.
type Decider interface {
	Decide(a *mosaicv1.Assessment) Verdict
}

// Options configures a Holder.
type Options struct {
	DB       *badger.DB
	NC       *nats.Conn
	JS       jetstream.JetStream
	Topology bus.Topology
	Decider  Decider
	Logger   *slog.Logger
	// Now is the clock (tests may fix it).
	Now func() time.Time
	// Workers is the number of assessments decided concurrently (default 4). Posts are
	// independent here; a per-post lock keeps each post's transitions serial.
	Workers int
	// AuditKey signs the audit log (HMAC-SHA256, at least AuditKeySize bytes). It must
	// be kept outside the database: see LoadOrCreateAuditKey and auditlog.go.
	AuditKey []byte
	// AuditCheckpoint is the file the audit log's signed head is checkpointed to
	// (<data-dir>/credentials/audit-checkpoint.json); empty: no checkpoint, so removing
	// the last entries would go unnoticed (tests only).
	AuditCheckpoint string
	// NoticeRetention is how long a stored notice is kept (Badger TTL); 0 uses
	// DefaultNoticeRetention, negative keeps notices until the post is deleted.
	NoticeRetention time.Duration
	// CheckpointEvery is the period of the checkpoint written besides the one after
	// each append (default 30 s).
	CheckpointEvery time.Duration
	// CheckpointGap is the least time between two checkpoints after appends (default
	// 1 s): appends meanwhile are vouched for by the next one. A checkpoint syncs the
	// database first, and Badger holds its write lock's read side through the fsync,
	// so every commit waits for it: one after each append made a busy holder's
	// decisions stall for as long as the disk took to sync, over and over.
	CheckpointGap time.Duration
	// Metrics records decisions, findings, review waits and dead letters (nil: none).
	Metrics *telemetry.Metrics
	// Tracer continues each post's trace from the assessment's headers to the
	// decision's announcement. Nil records nothing.
	Tracer trace.Tracer
}

// DefaultNoticeRetention is how long a poster's notices are kept: long enough to read
// and act on (appeal, edit), not for ever, as they quote the details found.
const DefaultNoticeRetention = 90 * 24 * time.Hour

// retained is a Badger entry that expires after the notice retention.
func (h *Holder) retained(key, value []byte) *badger.Entry {
	e := badger.NewEntry(key, value)
	if h.opts.NoticeRetention > 0 {
		e = e.WithTTL(h.opts.NoticeRetention)
	}
	return e
}

// Holder decides on assessed posts.
type Holder struct {
	// ready is closed once the holder consumes assessments and dead letters.
	ready chan struct{}
	opts  Options
	db    *badger.DB
	js    jetstream.JetStream
	log   *slog.Logger
	now   func() time.Time
	// locks serialise state transitions of a post, so an assessment, a withdrawal and a
	// moderator's action on the same post cannot interleave; posts hash to a stripe.
	locks [64]sync.Mutex
	// audit is the signed audit log (auditlog.go).
	audit *auditLog
}

// lock takes the post's stripe lock and returns its unlock.
func (h *Holder) lock(post string) func() {
	f := fnv.New32a()
	f.Write([]byte(post))
	m := &h.locks[f.Sum32()%uint32(len(h.locks))]
	m.Lock()
	return m.Unlock
}

// New validates options and returns a Holder.
func New(o Options) (*Holder, error) {
	if o.DB == nil || o.JS == nil || o.NC == nil {
		return nil, fmt.Errorf("holder: DB, NC and JS are required")
	}
	if o.Decider == nil {
		return nil, fmt.Errorf("holder: a Decider (policy) is required")
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.NoticeRetention == 0 {
		o.NoticeRetention = DefaultNoticeRetention
	}
	if o.CheckpointGap <= 0 {
		o.CheckpointGap = time.Second
	}
	if o.CheckpointEvery <= 0 {
		o.CheckpointEvery = 30 * time.Second
	}
	if err := o.Topology.Validate(); err != nil {
		return nil, err
	}
	if o.Tracer == nil {
		o.Tracer = telemetry.Tracer(nil)
	}
	h := &Holder{opts: o, db: o.DB, js: o.JS, log: o.Logger.With("component", "holder"), now: o.Now, ready: make(chan struct{})}
	var err error
	if h.audit, err = openAuditLog(o.DB, o.AuditKey, o.AuditCheckpoint, o.Now(), h.log); err != nil {
		return nil, err
	}
	if o.AuditCheckpoint == "" {
		h.log.Warn("no audit checkpoint file: removing the last audit entries would go unnoticed")
	}
	return h, nil
}

// Ready is closed once the holder consumes assessments and dead letters.
func (h *Holder) Ready() <-chan struct{} { return h.ready }

// Run consumes assessments and answers commands until ctx ends.
func (h *Holder) Run(ctx context.Context) error {
	// Consumers are retried while the bus is not ready (a cluster starting).
	var cons, dead jetstream.Consumer
	if err := bus.RetryStartup(ctx, h.log, "holder: consumer", func(ctx context.Context) (err error) {
		cons, err = h.js.CreateOrUpdateConsumer(ctx, bus.StreamAssessments, h.opts.Topology.HolderConsumer())
		return err
	}); err != nil {
		return err
	}
	sub, err := h.opts.NC.QueueSubscribe(bus.SubjectHolderCommands, bus.QueueHolder, func(m *nats.Msg) {
		h.serveCommand(ctx, m)
	})
	if err != nil {
		return fmt.Errorf("holder: subscribe commands: %w", err)
	}
	defer func() { _ = sub.Drain() }()
	h.log.Info("holder running", "workers", h.opts.Workers)
	cpDone := make(chan struct{})
	var cpWG sync.WaitGroup
	cpWG.Go(func() { h.runCheckpoints(ctx, cpDone, h.opts.CheckpointEvery) })
	defer func() { close(cpDone); cpWG.Wait() }()
	// A checkpoint that cannot be read or written degrades the audit's protection but
	// must not stop moderation: it is logged, and retried after the next append.
	if err := h.checkBusCheckpoint(ctx); err != nil {
		h.log.Error("audit checkpoint on the bus not checked", "err", err)
	}
	if err := h.CheckpointAudit(ctx); err != nil {
		h.log.Error("audit checkpoint", "err", err)
	}
	if err := bus.RetryStartup(ctx, h.log, "holder: dead-letter consumer", func(ctx context.Context) (err error) {
		dead, err = h.js.CreateOrUpdateConsumer(ctx, bus.StreamDeadLetter, h.opts.Topology.DeadLetterConsumer())
		return err
	}); err != nil {
		return err
	}
	close(h.ready)
	// The first worker to fail stops the others; Run returns once all have ended.
	g, gctx := errgroup.WithContext(ctx)
	workers := []*bus.Worker{h.opts.Topology.NewWorker("holder-deadletters", h.js, dead, h.handleDeadLetter, h.log)}
	workers[0].Tracer = h.opts.Tracer
	for i := range h.opts.Workers {
		w := h.opts.Topology.NewWorker(fmt.Sprintf("holder-%d", i), h.js, cons, h.handleAssessment, h.log)
		w.Tracer = h.opts.Tracer
		workers = append(workers, w)
	}
	for _, w := range workers {
		g.Go(func() error {
			if err := w.Run(gctx); err != nil {
				return fmt.Errorf("holder: %s: %w", w.Name, err)
			}
			return nil
		})
	}
	return g.Wait()
}

func (h *Holder) handleAssessment(ctx context.Context, msg jetstream.Msg) error {
	a, err := DecodeAssessment(msg.Data())
	if err != nil {
		return err
	}
	// Only the linker's own message is decided on: a copy under another id (see
	// bus.CheckMsgID) is poison, dead-lettered, and its post held for a moderator.
	if err := bus.CheckMsgID(msg, bus.AssessmentMsgID(a.GetPost().GetPostId(), a.GetPost().GetRevision()), false); err != nil {
		return err
	}
	err = h.Decide(ctx, a)
	if errors.Is(err, badger.ErrConflict) {
		// Another worker's transaction touched the same keys (the audit chain head):
		// retrying is the cure, and says nothing against the message.
		return fmt.Errorf("%w: %w", bus.ErrTransient, err)
	}
	return err
}

// DecodeAssessment decodes an assessment message and checks that its post can be
// decided on. Every error wraps bus.ErrPoison: no retry can fix it.
func DecodeAssessment(data []byte) (*mosaicv1.Assessment, error) {
	a := &mosaicv1.Assessment{}
	if err := proto.Unmarshal(data, a); err != nil {
		return nil, fmt.Errorf("%w: decode assessment: %v", bus.ErrPoison, err)
	}
	if a.GetPost().GetPostId() == "" || a.GetPost().GetRevision() == 0 {
		return nil, fmt.Errorf("%w: assessment without a post", bus.ErrPoison)
	}
	if err := postcheck.Identity(a.GetPost()); err != nil {
		// Its ids are subject tokens of the announcements: nothing can be recorded.
		return nil, fmt.Errorf("%w: assessment of an unusable post: %v", bus.ErrPoison, err)
	}
	return a, nil
}

// Decide records and announces the decision on an assessment. It is idempotent: a
// revision already decided is only re-announced if its announcement did not finish.
func (h *Holder) Decide(ctx context.Context, a *mosaicv1.Assessment) error {
	return h.decide(ctx, a, func() Verdict {
		v := h.opts.Decider.Decide(a)
		if v.Decision != mosaicv1.Decision_DECISION_RELEASED && v.Decision != mosaicv1.Decision_DECISION_HELD {
			// Fail closed: anything but a clear release is a hold.
			v.Decision = mosaicv1.Decision_DECISION_HELD
		}
		return v
	})
}

// decide records and announces the verdict on a revision not yet decided.
func (h *Holder) decide(ctx context.Context, a *mosaicv1.Assessment, verdict func() Verdict) error {
	p := a.GetPost()
	ctx, span := h.opts.Tracer.Start(ctx, "holder decide", trace.WithAttributes(
		attribute.String("mosaic.post_id", p.GetPostId()), attribute.Int("mosaic.revision", int(p.GetRevision()))))
	defer span.End()
	defer h.lock(p.GetPostId())()
	existing, err := h.status(p.GetPostId(), p.GetRevision())
	switch {
	case errors.Is(err, ErrNotFound):
	case err != nil:
		return err
	default:
		if existing.GetDecision() == mosaicv1.Decision_DECISION_DELETED {
			// Deleted while the linker still had it: this assessment (and anything
			// else about the post since the deletion's purge) is erased too.
			scope := eraseScope{author: existing.AuthorId, posts: map[string]bool{existing.PostId: true}, forums: map[string]bool{existing.ForumId: true}}
			if _, err := h.purgeStreams(ctx, scope); err != nil {
				return fmt.Errorf("%w: %w", bus.ErrTransient, err)
			}
			return h.ensureAnnounced(ctx, existing)
		}
		if existing.GetDecision() != mosaicv1.Decision_DECISION_PENDING {
			return h.ensureAnnounced(ctx, existing)
		}
	}

	if err := h.supersede(ctx, p.GetPostId(), p.GetRevision()); err != nil {
		return err
	}
	v := verdict()
	now := h.now()
	st := &mosaicv1.PostStatus{
		PostId:          p.GetPostId(),
		Revision:        p.GetRevision(),
		Decision:        v.Decision,
		Findings:        v.Findings,
		Risk:            a.GetRisk(),
		AuthorId:        p.GetAuthorId(),
		ForumId:         p.GetForumId(),
		AcceptedAt:      a.GetAcceptedAt(),
		DecidedAt:       timestamppb.New(now),
		DecidedBy:       "mosaic",
		Reason:          v.Reason,
		DetectorVersion: a.GetDetectorVersion(),
		PolicyVersion:   v.PolicyVersion,
	}
	err = h.auditUpdate(func(txn *badger.Txn, at *auditTxn) error {
		if err := putProto(txn, statusKey(st.PostId, st.Revision), st); err != nil {
			return err
		}
		if err := putProto(txn, assessmentKey(st.PostId, st.Revision), a); err != nil {
			return err
		}
		if err := h.bumpLatest(txn, st.PostId, st.Revision); err != nil {
			return err
		}
		action := ActionReleased
		if st.Decision == mosaicv1.Decision_DECISION_HELD {
			action = ActionHeld
		}
		if _, err := at.add(auditRecord{actor: "mosaic", action: action, reason: st.Reason, st: st, at: now}); err != nil {
			return err
		}
		if st.Decision == mosaicv1.Decision_DECISION_HELD {
			return txn.Set(queueKey(now.UnixNano(), st.PostId, st.Revision), nil)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("holder: store decision on %s/%d: %w", st.PostId, st.Revision, err)
	}
	h.log.Info("decided", "post", st.PostId, "revision", st.Revision, "decision", st.Decision.String(), "findings", len(st.Findings))
	span.SetAttributes(attribute.String("mosaic.decision", st.Decision.String()), attribute.Int("mosaic.findings", len(st.Findings)))
	h.opts.Metrics.Decided(a, st)
	return h.ensureAnnounced(ctx, st)
}

// ensureAnnounced publishes the outcome, decision and notice of a stored decision,
// unless that already happened.
func (h *Holder) ensureAnnounced(ctx context.Context, st *mosaicv1.PostStatus) error {
	key := announcedKey(st.PostId, st.Revision)
	announcedID := decisionMsgID(st)
	var done bool
	err := h.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error { done = string(v) == announcedID; return nil })
	})
	if err != nil || done {
		return err
	}
	if err := h.announce(ctx, st); err != nil {
		return err
	}
	if err := h.db.Update(func(txn *badger.Txn) error { return txn.Set(key, []byte(announcedID)) }); err != nil {
		return err
	}
	h.opts.Metrics.Announced(st, h.now())
	return nil
}

func decisionMsgID(st *mosaicv1.PostStatus) string {
	return fmt.Sprintf("%s:%d:%s:%d", st.PostId, st.Revision, st.Decision, st.GetDecidedAt().AsTime().UnixNano())
}

func (h *Holder) announce(ctx context.Context, st *mosaicv1.PostStatus) error {
	id := decisionMsgID(st)
	out := &mosaicv1.Outcome{
		PostId:    st.PostId,
		Revision:  st.Revision,
		AuthorId:  st.AuthorId,
		Decision:  st.Decision,
		Published: st.Decision == mosaicv1.Decision_DECISION_RELEASED && !st.Deleted,
		Deleted:   st.Deleted,
	}
	rs, err := h.reviewState(st.PostId, st.Revision)
	if err != nil {
		return fmt.Errorf("holder: read review state of %s/%d: %w", st.PostId, st.Revision, err)
	}
	if out.Published {
		// A moderator's edit is what counts in the ledger, not the submitted text.
		out.ReleasedBody = rs.ReleasedBody
	}
	// The outcome is stored before the decision is announced: whoever learns the
	// decision and posts again is assessed after the ledger knows. Only settled fates
	// are sent: the linker forgets the details of a revision told it is not published,
	// so a hold (which a moderator may still release) and a first rejection (which the
	// author may still appeal) leave them pending, counting for nothing until then.
	if outcomeSettled(st, rs) {
		part := bus.Partition(st.AuthorId, h.opts.Topology.Partitions)
		if err := bus.PublishAuthor(ctx, h.js, bus.SubjectOutcome(part), "outcome:"+id, st.AuthorId, out); err != nil {
			return err
		}
	}
	pubs := []bus.Pending{}
	announced := st
	if out.ReleasedBody != "" {
		// The platform must show members the moderator's edit, not the submitted text.
		announced = proto.Clone(st).(*mosaicv1.PostStatus)
		announced.ReleasedBody = out.ReleasedBody
	}
	decision, err := bus.PublishAsync(ctx, h.js, bus.SubjectDecision(st.ForumId), bus.MsgIDDecisionPrefix+id, &mosaicv1.DecisionEvent{Status: announced})
	if err != nil {
		return err
	}
	pubs = append(pubs, decision)
	// The notice's time is the decision's, so announcing again after a crash stores the
	// same notice under the same key instead of a second copy.
	if n := notice.Compose(st, st.GetDecidedAt().AsTime()); n != nil {
		n.NoticeId = "n-" + id
		if out.ReleasedBody != "" {
			n.Body += "\n\nA moderator edited your post before releasing it. Members see this text:\n" + out.ReleasedBody
		}
		if err := h.db.Update(func(txn *badger.Txn) error {
			key := noticeKey(n.AuthorId, n.CreatedAt.AsTime().UnixNano(), n.NoticeId)
			b, err := proto.Marshal(n)
			if err != nil {
				return err
			}
			// Notices quote the details found: they expire after NoticeRetention.
			if err := txn.SetEntry(h.retained(noticeIDKey(n.AuthorId, n.NoticeId), key)); err != nil {
				return err
			}
			return txn.SetEntry(h.retained(key, b))
		}); err != nil {
			return fmt.Errorf("holder: store notice: %w", err)
		}
		pending, err := bus.PublishAsync(ctx, h.js, bus.SubjectNotice(n.AuthorId), n.NoticeId, n)
		if err != nil {
			return err
		}
		pubs = append(pubs, pending)
	}
	return bus.Wait(ctx, pubs...)
}

// outcomeSettled reports whether a revision's fate in the author's ledger is settled:
// published, deleted, or never to be published.
func outcomeSettled(st *mosaicv1.PostStatus, rs reviewState) bool {
	switch st.GetDecision() {
	case mosaicv1.Decision_DECISION_HELD, mosaicv1.Decision_DECISION_PENDING:
		return st.GetDeleted()
	case mosaicv1.Decision_DECISION_REJECTED:
		return rs.Appeal || st.GetDeleted()
	}
	return true
}

func (h *Holder) bumpLatest(txn *badger.Txn, post string, rev uint32) error {
	cur, err := getLatest(txn, post)
	if err != nil {
		return err
	}
	if rev > cur {
		return txn.Set(latestKey(post), []byte(fmt.Sprint(rev)))
	}
	return nil
}

func getLatest(txn *badger.Txn, post string) (uint32, error) {
	item, err := txn.Get(latestKey(post))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var rev uint32
	err = item.Value(func(v []byte) error {
		_, err := fmt.Sscan(string(v), &rev)
		return err
	})
	return rev, err
}

// Owner returns the author who owns post: the author of its first (lowest) revision
// the holder knows; ErrNotFound if it knows none.
func (h *Holder) Owner(post string) (string, error) {
	var author string
	err := h.db.View(func(txn *badger.Txn) error {
		prefix := append([]byte(prefixStatus+post), '/')
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		it.Seek(prefix)
		if !it.ValidForPrefix(prefix) {
			return fmt.Errorf("%w: post %s", ErrNotFound, post)
		}
		st := &mosaicv1.PostStatus{}
		if err := it.Item().Value(func(b []byte) error { return proto.Unmarshal(b, st) }); err != nil {
			return err
		}
		author = st.GetAuthorId()
		return nil
	})
	return author, err
}

// Status returns the stored status of a revision (the latest when rev is 0).
func (h *Holder) Status(post string, rev uint32) (*mosaicv1.PostStatus, error) {
	return h.status(post, rev)
}

func (h *Holder) status(post string, rev uint32) (*mosaicv1.PostStatus, error) {
	st := &mosaicv1.PostStatus{}
	err := h.db.View(func(txn *badger.Txn) error {
		if rev == 0 {
			var err error
			if rev, err = getLatest(txn, post); err != nil {
				return err
			}
			if rev == 0 {
				return ErrNotFound
			}
		}
		return getProto(txn, statusKey(post, rev), st)
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

func (h *Holder) assessment(post string, rev uint32) (*mosaicv1.Assessment, error) {
	a := &mosaicv1.Assessment{}
	if err := h.db.View(func(txn *badger.Txn) error { return getProto(txn, assessmentKey(post, rev), a) }); err != nil {
		return nil, err
	}
	return a, nil
}

func putProto(txn *badger.Txn, key []byte, m proto.Message) error {
	b, err := proto.Marshal(m)
	if err != nil {
		return err
	}
	return txn.Set(key, b)
}

func unmarshal(b []byte, m proto.Message) error { return proto.Unmarshal(b, m) }

func getProto(txn *badger.Txn, key []byte, m proto.Message) error {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	return item.Value(func(v []byte) error { return proto.Unmarshal(v, m) })
}
