package holder

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Erasure. DeletePost and EraseAuthor erase a post's text and details from the holder's
// database and from every stream, not only mark it deleted:
//
//   - in the database every revision's status becomes a tombstone (ids, times, who
//     deleted it, DECISION_DELETED: no findings, risk or released text), and its
//     assessment (which holds the body and the details), review state, queue entry and
//     notices are deleted;
//   - the deletion is announced as any decision is (the linker takes the post out of the
//     author's ledger, the gateway replaces its view of every revision with the
//     tombstone);
//   - the messages about the post in MOSAIC_INTAKE, MOSAIC_POSTS, MOSAIC_ASSESSMENTS,
//     MOSAIC_DECISIONS, MOSAIC_NOTICES and MOSAIC_DEADLETTER are found (by decoding them,
//     on the author's partition, forum and notice subjects) and secure-deleted, which
//     overwrites them in the stream files. The deletion's own announcements (a tombstone
//     decision, a deleted outcome) hold no text and stay.
//
// The audit history keeps its entries (action, actor, reason, versions: no post text),
// so it still verifies. Badger deletes by writing tombstones; the superseded values stay
// in its files until compaction, which is why the files are encrypted at rest (the
// data key, see internal/store).

// ActionErased is the audit action of a post erased with its author.
const ActionErased = "erased"

// tombstone is what remains of a deleted revision's status.
func tombstone(st *mosaicv1.PostStatus, at time.Time, by, reason string) *mosaicv1.PostStatus {
	return &mosaicv1.PostStatus{
		PostId:     st.GetPostId(),
		Revision:   st.GetRevision(),
		Decision:   mosaicv1.Decision_DECISION_DELETED,
		AuthorId:   st.GetAuthorId(),
		ForumId:    st.GetForumId(),
		AcceptedAt: st.GetAcceptedAt(),
		DecidedAt:  timestamppb.New(at),
		DecidedBy:  by,
		Reason:     reason,
		Deleted:    true,
	}
}

// Delete erases a post the platform removed (every revision): see the package's
// erasure notes above. It is idempotent: deleting again repeats the stream purge.
func (h *Holder) Delete(ctx context.Context, d *mosaicv1.Deletion) (*mosaicv1.PostStatus, error) {
	if d.GetPostId() == "" {
		return nil, fmt.Errorf("%w: deletion needs post_id", ErrInvalidArgument)
	}
	var unseen *mosaicv1.PostStatus
	if d.GetAuthorId() != "" && d.GetForumId() != "" && d.GetRevision() > 0 {
		unseen = &mosaicv1.PostStatus{PostId: d.PostId, Revision: d.Revision, AuthorId: d.AuthorId, ForumId: d.ForumId}
	}
	st, err := h.erasePost(ctx, d.PostId, unseen, "platform", "deleted by the platform", ActionDeleted, d.GetReason())
	if err != nil {
		return nil, err
	}
	scope := eraseScope{author: st.AuthorId, posts: map[string]bool{st.PostId: true}, forums: map[string]bool{st.ForumId: true}}
	if _, err := h.purgeStreams(ctx, scope); err != nil {
		return st, err
	}
	return st, nil
}

// EraseAuthor erases every post of an author as Delete does, their remaining notices,
// and (through an Outcome) their whole ledger in the linker; it returns how many posts
// were erased. Finding the posts reads every status in the database once.
func (h *Holder) EraseAuthor(ctx context.Context, e *mosaicv1.Erasure) (int, error) {
	author := e.GetAuthorId()
	if author == "" {
		return 0, fmt.Errorf("%w: erasure needs author_id", ErrInvalidArgument)
	}
	posts, err := h.postsOf(author)
	if err != nil {
		return 0, err
	}
	scope := eraseScope{author: author, allOfAuthor: true, posts: map[string]bool{}, forums: map[string]bool{}}
	for _, p := range posts {
		st, err := h.erasePost(ctx, p, nil, "platform", "erased with its author", ActionErased, e.GetReason())
		if err != nil {
			return 0, fmt.Errorf("erase post %s: %w", p, err)
		}
		scope.posts[p], scope.forums[st.ForumId] = true, true
	}
	if err := h.db.Update(func(txn *badger.Txn) error {
		return deleteNotices(txn, author, func(*mosaicv1.Notice) bool { return true })
	}); err != nil {
		return 0, fmt.Errorf("holder: erase notices: %w", err)
	}
	part := bus.Partition(author, h.opts.Topology.Partitions)
	out := &mosaicv1.Outcome{AuthorId: author, AuthorErased: true}
	if err := bus.Publish(ctx, h.js, bus.SubjectOutcome(part), fmt.Sprintf("outcome:erase:%s:%d", author, h.now().UnixNano()), out); err != nil {
		return 0, err
	}
	if _, err := h.purgeStreams(ctx, scope); err != nil {
		return len(posts), err
	}
	h.log.Info("author erased", "posts", len(posts))
	return len(posts), nil
}

// postsOf lists the posts the author owns (statuses with their author id).
func (h *Holder) postsOf(author string) ([]string, error) {
	var posts []string
	seen := map[string]bool{}
	err := h.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixStatus), PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			st := &mosaicv1.PostStatus{}
			if err := it.Item().Value(func(b []byte) error { return proto.Unmarshal(b, st) }); err != nil {
				return err
			}
			if st.GetAuthorId() == author && !seen[st.GetPostId()] {
				seen[st.GetPostId()] = true
				posts = append(posts, st.GetPostId())
			}
		}
		return nil
	})
	return posts, err
}

// erasePost replaces every revision's status of post with a tombstone, deletes what
// held its text and details, and announces the deletion. A post already deleted is
// only re-announced. A post the holder has not seen yet (its assessment is still to
// come) is recorded deleted as unseen describes it, when given; its assessment will
// find it deleted (decide) and be erased.
func (h *Holder) erasePost(ctx context.Context, post string, unseen *mosaicv1.PostStatus, by, reason, action, auditReason string) (*mosaicv1.PostStatus, error) {
	defer h.lock(post)()
	latest, err := h.status(post, 0)
	if errors.Is(err, ErrNotFound) && unseen != nil {
		latest, err = unseen, nil
	}
	if err != nil {
		return nil, err
	}
	if latest.GetDecision() == mosaicv1.Decision_DECISION_DELETED {
		return latest, h.ensureAnnounced(ctx, latest)
	}
	now := h.now()
	var tomb *mosaicv1.PostStatus
	err = h.auditUpdate(func(txn *badger.Txn, at *auditTxn) error {
		var revs []*mosaicv1.PostStatus
		prefix := append([]byte(prefixStatus+post), '/')
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true})
		for it.Rewind(); it.Valid(); it.Next() {
			st := &mosaicv1.PostStatus{}
			if err := it.Item().Value(func(b []byte) error { return proto.Unmarshal(b, st) }); err != nil {
				it.Close()
				return err
			}
			revs = append(revs, st)
		}
		it.Close()
		if len(revs) == 0 {
			revs = append(revs, latest) // unseen
		}
		for _, st := range revs {
			if st.GetDecision() == mosaicv1.Decision_DECISION_HELD {
				if err := txn.Delete(queueKey(st.GetDecidedAt().AsTime().UnixNano(), post, st.Revision)); err != nil {
					return err
				}
			}
			for _, k := range [][]byte{assessmentKey(post, st.Revision), reviewKey(post, st.Revision)} {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			t := tombstone(st, now, by, reason)
			if st.Revision == latest.Revision {
				tomb = t
			}
			if err := putProto(txn, statusKey(post, st.Revision), t); err != nil {
				return err
			}
			if err := h.bumpLatest(txn, post, st.Revision); err != nil {
				return err
			}
		}
		if tomb == nil {
			return fmt.Errorf("holder: post %s: latest revision %d has no status", post, latest.Revision)
		}
		if err := deleteNotices(txn, latest.AuthorId, func(n *mosaicv1.Notice) bool { return n.GetPostId() == post }); err != nil {
			return err
		}
		_, err := at.add(auditRecord{actor: by, action: action, reason: auditReason, st: tomb, at: now})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("holder: erase post %s: %w", post, err)
	}
	h.log.Info("post erased", "post", post, "action", action)
	return tomb, h.ensureAnnounced(ctx, tomb)
}

// deleteNotices deletes the author's stored notices that match.
func deleteNotices(txn *badger.Txn, author string, match func(*mosaicv1.Notice) bool) error {
	var keys [][]byte
	it := txn.NewIterator(badger.IteratorOptions{Prefix: noticePrefix(author), PrefetchValues: true})
	for it.Rewind(); it.Valid(); it.Next() {
		n := &mosaicv1.Notice{}
		if err := it.Item().Value(func(b []byte) error { return proto.Unmarshal(b, n) }); err != nil {
			it.Close()
			return err
		}
		if match(n) {
			keys = append(keys, it.Item().KeyCopy(nil), noticeIDKey(author, n.GetNoticeId()))
		}
	}
	it.Close()
	for _, k := range keys {
		if err := txn.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// eraseScope says which stream messages an erasure removes.
type eraseScope struct {
	author string
	// posts erased; with allOfAuthor every message about the author goes too.
	posts       map[string]bool
	allOfAuthor bool
	// forums the posts were in (their decisions' subjects).
	forums map[string]bool
}

func (e eraseScope) matches(post, author string) bool {
	return e.posts[post] || (e.allOfAuthor && author != "" && author == e.author)
}

// purgeStreams secure-deletes the messages in scope from every stream that can hold a
// post's text or details, and returns how many it removed.
func (h *Holder) purgeStreams(ctx context.Context, scope eraseScope) (int, error) {
	part := bus.Partition(scope.author, h.opts.Topology.Partitions)
	var decisions []string
	for f := range scope.forums {
		decisions = append(decisions, bus.SubjectDecision(f))
	}
	plan := []struct {
		stream   string
		subjects []string
	}{
		{bus.StreamIntake, []string{bus.SubjectIntake}},
		{bus.StreamPosts, []string{bus.SubjectSubmitted(part), bus.SubjectOutcome(part)}},
		{bus.StreamAssessments, []string{bus.SubjectAssessment(part)}},
		{bus.StreamDecisions, decisions},
		{bus.StreamNotices, []string{bus.SubjectNotice(scope.author)}},
		{bus.StreamDeadLetter, []string{bus.SubjectDeadLetterAll}},
	}
	total := 0
	for _, p := range plan {
		if len(p.subjects) == 0 {
			continue
		}
		n, err := h.purgeStream(ctx, p.stream, p.subjects, scope)
		total += n
		if err != nil {
			return total, fmt.Errorf("holder: erase from %s (retry the deletion): %w", p.stream, err)
		}
	}
	if total > 0 {
		h.log.Info("erased stream messages", "messages", total)
	}
	return total, nil
}

// purgeStream reads the stream's messages on subjects and secure-deletes (overwrites)
// those in scope.
func (h *Holder) purgeStream(ctx context.Context, stream string, subjects []string, scope eraseScope) (int, error) {
	s, err := h.js.Stream(ctx, stream)
	if err != nil {
		return 0, err
	}
	var pending uint64
	for _, subj := range subjects {
		info, err := s.Info(ctx, jetstream.WithSubjectFilter(subj))
		if err != nil {
			return 0, err
		}
		for _, n := range info.State.Subjects {
			pending += n
		}
	}
	if pending == 0 {
		return 0, nil
	}
	cons, err := s.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{FilterSubjects: subjects})
	if err != nil {
		return 0, err
	}
	var seqs []uint64
	for done := false; !done; {
		// No wait: a pull waiting for a full batch would sit out its expiry at the end.
		batch, err := cons.FetchNoWait(256)
		if err != nil {
			return 0, err
		}
		got := 0
		for msg := range batch.Messages() {
			got++
			md, err := msg.Metadata()
			if err != nil {
				return 0, err
			}
			if post, author, keep := about(stream, msg.Subject(), msg.Headers(), msg.Data()); !keep && scope.matches(post, author) {
				seqs = append(seqs, md.Sequence.Stream)
			}
			if md.NumPending == 0 {
				done = true
			}
		}
		if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) {
			return 0, err
		}
		if got == 0 {
			break
		}
	}
	n := 0
	for _, seq := range seqs {
		if err := s.SecureDeleteMsg(ctx, seq); err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
			return n, err
		}
		n++
	}
	return n, nil
}

// about decodes a stream message far enough to say which post and author it is about,
// and whether it is one to keep (a deletion's own announcement, which holds no text).
// A message that does not decode is about nothing.
func about(stream, subject string, hdr nats.Header, data []byte) (post, author string, keep bool) {
	switch stream {
	case bus.StreamIntake:
		p := &mosaicv1.Post{}
		var err error
		if len(data) > 0 && data[0] == '{' {
			err = protojson.UnmarshalOptions{DiscardUnknown: true}.Unmarshal(data, p)
		} else {
			err = proto.Unmarshal(data, p)
		}
		if err == nil {
			return p.GetPostId(), p.GetAuthorId(), false
		}
	case bus.StreamPosts:
		if len(subject) > 8 && subject[len(subject)-8:] == ".outcome" {
			o := &mosaicv1.Outcome{}
			if proto.Unmarshal(data, o) == nil {
				return o.GetPostId(), o.GetAuthorId(), o.GetDeleted() || o.GetAuthorErased()
			}
			return "", "", false
		}
		sub := &mosaicv1.Submission{}
		if proto.Unmarshal(data, sub) == nil {
			return sub.GetPost().GetPostId(), sub.GetPost().GetAuthorId(), false
		}
	case bus.StreamAssessments:
		a := &mosaicv1.Assessment{}
		if proto.Unmarshal(data, a) == nil {
			return a.GetPost().GetPostId(), a.GetPost().GetAuthorId(), false
		}
	case bus.StreamDecisions:
		ev := &mosaicv1.DecisionEvent{}
		if proto.Unmarshal(data, ev) == nil {
			st := ev.GetStatus()
			return st.GetPostId(), st.GetAuthorId(), st.GetDecision() == mosaicv1.Decision_DECISION_DELETED
		}
	case bus.StreamNotices:
		n := &mosaicv1.Notice{}
		if proto.Unmarshal(data, n) == nil {
			return n.GetPostId(), n.GetAuthorId(), false
		}
	case bus.StreamDeadLetter:
		// A dead letter is the original message with its origin in headers.
		if from := hdr.Get(bus.HeaderDeadStream); from != "" && from != bus.StreamDeadLetter {
			return about(from, hdr.Get(bus.HeaderDeadSubject), hdr, data)
		}
	}
	return "", "", false
}
