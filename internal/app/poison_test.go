package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/link"
	"github.com/mosaicgw/mosaic/internal/store"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/linker"
)

// startWith starts an App on dir like startTB, after edit changes its configuration.
func startWith(t *testing.T, dir string, edit func(*app.Config)) *pipeline {
	t.Helper()
	cfg := testConfig(dir)
	// Short retries keep the tests quick; the count before giving up is the default.
	cfg.Topology.RetryBackoff = 20 * time.Millisecond
	if edit != nil {
		edit(&cfg)
	}
	return launch(t, cfg, slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})))
}

// sharesPartition returns an author id other than author on author's partition.
func sharesPartition(author string, partitions int) string {
	want := bus.Partition(author, partitions)
	for i := 0; ; i++ {
		if other := fmt.Sprintf("dr-other-%d", i); bus.Partition(other, partitions) == want {
			return other
		}
	}
}

// eventually polls until cond holds, failing after a generous timeout.
func eventually(t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still %s", what, state)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// decisionOf polls GetPostStatus until the post is decided and returns its status.
func decisionOf(t *testing.T, p *pipeline, postID string) *mosaicv1.PostStatus {
	t.Helper()
	var st *mosaicv1.PostStatus
	eventually(t, "decision on "+postID, func() (bool, string) {
		resp, err := p.gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: postID})
		if err != nil {
			return false, err.Error()
		}
		st = resp.Status
		return st.Decision != mosaicv1.Decision_DECISION_PENDING, st.Decision.String()
	})
	return st
}

// deadLetters reads every message of the dead-letter stream.
func deadLetters(t *testing.T, js jetstream.JetStream) []bus.DeadLetter {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	s, err := js.Stream(ctx, bus.StreamDeadLetter)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []bus.DeadLetter
	if info.State.Msgs == 0 {
		return nil
	}
	cons, err := js.OrderedConsumer(ctx, bus.StreamDeadLetter, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for range info.State.Msgs {
		msg, err := cons.Next(jetstream.FetchMaxWait(5 * time.Second))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, bus.ReadDeadLetter(msg))
	}
	return out
}

// deadLetterFor waits for the dead letter whose original subject is subject and whose
// payload decodes to a post with postID (via decode).
func deadLetterFor(t *testing.T, js jetstream.JetStream, subject string, match func(bus.DeadLetter) bool) bus.DeadLetter {
	t.Helper()
	var found bus.DeadLetter
	eventually(t, "dead letter from "+subject, func() (bool, string) {
		dls := deadLetters(t, js)
		for _, d := range dls {
			if d.Subject == subject && match(d) {
				found = d
				return true, ""
			}
		}
		return false, fmt.Sprintf("%d dead letters, none matching", len(dls))
	})
	return found
}

func submissionPost(d bus.DeadLetter) *mosaicv1.Post {
	sub := &mosaicv1.Submission{}
	if proto.Unmarshal(d.Data, sub) != nil {
		return nil
	}
	return sub.GetPost()
}

// (a) A created_at in year 10000 (and the other values no later stage can handle) is
// refused at the gRPC edge with InvalidArgument and a reason a person can act on, and
// nothing is stored or published; on the NATS intake it is dead-lettered with the
// same reason and never accepted.
func TestOutOfRangeFieldsAreRefusedAtTheEdgeAndTheIntake(t *testing.T) {
	p := startWith(t, t.TempDir(), func(c *app.Config) { c.Targets = []string{app.TargetGateway} })
	ctx := t.Context()
	year10000 := timestamppb.New(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	cases := []struct {
		name, field, words string
		edit               func(*mosaicv1.Post)
	}{
		{"year 10000", "post.created_at", "between the years", func(p *mosaicv1.Post) { p.CreatedAt = year10000 }},
		{"year 0", "post.created_at", "between the years", func(p *mosaicv1.Post) { p.CreatedAt = &timestamppb.Timestamp{Seconds: -62167219200 - 1} }},
		{"year 1970", "post.created_at", "outside the accepted years", func(p *mosaicv1.Post) { p.CreatedAt = &timestamppb.Timestamp{Seconds: 0} }},
		{"negative nanos", "post.created_at", "nanos -5", func(p *mosaicv1.Post) { p.CreatedAt.Nanos = -5 }},
		{"nanos of a whole second", "post.created_at", "nanos 1000000000", func(p *mosaicv1.Post) { p.CreatedAt.Nanos = 1e9 }},
		{"revision 2^32-1", "post.revision", "highest revision", func(p *mosaicv1.Post) { p.Revision = math.MaxUint32 }},
		{"whitespace-only body", "post.body", "no visible text", func(p *mosaicv1.Post) { p.Body = " \t\n\u00a0\u200b " }},
		{"unspecified audience", "post.audience", "must be one of AUDIENCE_MEMBERS, AUDIENCE_PUBLIC", func(p *mosaicv1.Post) { p.Audience = 0 }},
		{"author id with a dot", "post.author_id", "not a valid id", func(p *mosaicv1.Post) { p.AuthorId = "a.b" }},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			po := post(fmt.Sprintf("range-%d", i), benignBody)
			c.edit(po)
			_, err := p.gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: po})
			st := status.Convert(err)
			if st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), c.field) || !strings.Contains(st.Message(), c.words) {
				t.Fatalf("got %v %q, want InvalidArgument naming %s and saying %q", st.Code(), st.Message(), c.field, c.words)
			}
			if strings.Contains(st.Message(), "list [0]") || strings.Contains(st.Message(), "value must") {
				t.Fatalf("validator jargon in %q", st.Message())
			}
			if _, err := p.gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: po.PostId}); status.Code(err) != codes.NotFound {
				t.Fatalf("refused post was stored: %v", err)
			}
		})
	}

	// Revisions only move forward: after revision 3, a new revision 2 is refused, while
	// revision 3 again is the idempotent answer.
	r3 := post("p-forward", benignBody)
	r3.Revision = 3
	if _, err := p.gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: r3}); err != nil {
		t.Fatal(err)
	}
	r2 := proto.Clone(r3).(*mosaicv1.Post)
	r2.Revision = 2
	_, err := p.gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: r2})
	if st := status.Convert(err); st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "revision 4") {
		t.Fatalf("revision going backwards: %v %q, want InvalidArgument suggesting revision 4", st.Code(), st.Message())
	}
	if _, err := p.gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: r3}); err != nil {
		t.Fatalf("the same revision again: %v", err)
	}

	// The NATS intake (the platform publishes there): the year-10000 post is
	// dead-lettered with the reason, and the valid post behind it is accepted. The
	// holder's user reads the dead letters.
	js, _ := jetstream.New(connectAs(t, p, bus.RolePlatform))
	holderJS, _ := jetstream.New(connectAs(t, p, bus.RoleHolder))
	for _, fields := range []map[string]any{
		{"postId": "y10k-via-nats", "revision": 1, "authorId": "dr-nats", "forumId": "gp-chat", "audience": "AUDIENCE_MEMBERS",
			"createdAt": "9999-12-31T23:59:59Z", "body": benignBody}, // valid protojson, but outside the window
		{"postId": "ok-via-nats", "revision": 1, "authorId": "dr-nats", "forumId": "gp-chat", "audience": "AUDIENCE_MEMBERS", "body": benignBody},
	} {
		body, _ := json.Marshal(fields)
		msg := &nats.Msg{Subject: bus.SubjectIntake, Data: body, Header: nats.Header{bus.HeaderContentType: []string{bus.ContentTypeJSON}}}
		if _, err := js.PublishMsg(ctx, msg); err != nil {
			t.Fatal(err)
		}
	}
	// A protobuf year 10000 (protojson cannot even spell it) and bytes that are not a
	// post at all.
	y10k := post("y10k-proto", benignBody)
	y10k.CreatedAt = year10000
	raw, _ := proto.Marshal(y10k)
	for _, data := range [][]byte{raw, []byte("\xff\xff\xff not a protobuf")} {
		msg := &nats.Msg{Subject: bus.SubjectIntake, Data: data, Header: nats.Header{bus.HeaderContentType: []string{bus.ContentTypeProto}}}
		if _, err := js.PublishMsg(ctx, msg); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, "valid intake post accepted", func() (bool, string) {
		_, err := p.gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: "ok-via-nats"})
		return err == nil, fmt.Sprint(err)
	})
	for _, c := range []struct{ id, words string }{{"y10k-via-nats", "outside the accepted years"}, {"y10k-proto", "between the years"}} {
		d := deadLetterFor(t, holderJS, bus.SubjectIntake, func(d bus.DeadLetter) bool {
			return strings.Contains(string(d.Data), c.id)
		})
		if !strings.Contains(d.Reason, "created_at") || !strings.Contains(d.Reason, c.words) || d.Stream != bus.StreamIntake {
			t.Fatalf("dead letter of %s: stream %s, reason %q", c.id, d.Stream, d.Reason)
		}
		if _, err := p.gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: c.id}); status.Code(err) != codes.NotFound {
			t.Fatalf("refused intake post %s was accepted: %v", c.id, err)
		}
	}
	d := deadLetterFor(t, holderJS, bus.SubjectIntake, func(d bus.DeadLetter) bool { return strings.Contains(string(d.Data), "not a protobuf") })
	if !strings.Contains(d.Reason, "is not a mosaic.v1.Post") {
		t.Fatalf("undecodable intake message: reason %q", d.Reason)
	}
}

// rawCodec sends bytes as they are, to put malformed protobuf on the wire.
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }
func (rawCodec) Marshal(v any) (mem.BufferSlice, error) {
	return mem.BufferSlice{mem.SliceBuffer(*v.(*[]byte))}, nil
}
func (rawCodec) Unmarshal(data mem.BufferSlice, v any) error {
	*v.(*[]byte) = data.Materialize()
	return nil
}

// Malformed protobuf at the gRPC edge is the caller's error: InvalidArgument, not
// Internal. A resume token at the maximum is OutOfRange with a clear message, not a
// raw NATS error.
func TestMalformedRequestsAndResumeTokenBeyondTheEnd(t *testing.T) {
	p := startWith(t, t.TempDir(), func(c *app.Config) { c.Targets = []string{app.TargetGateway} })
	ctx := t.Context()
	for _, junk := range [][]byte{{0xff, 0xff, 0xff}, {0x0a, 0x7f}, []byte("\x0a\x05hello\x10")} {
		var out []byte
		in := junk
		err := p.cc.Invoke(ctx, "/mosaic.v1.GatewayService/SubmitPost", &in, &out, grpc.ForceCodecV2(rawCodec{}))
		if st := status.Convert(err); st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "not a valid protobuf encoding") {
			t.Fatalf("junk %q: %v %q, want InvalidArgument", junk, st.Code(), st.Message())
		}
	}
	// A streaming call with junk too.
	stream, err := p.cc.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, "/mosaic.v1.GatewayService/WatchDecisions", grpc.ForceCodecV2(rawCodec{}))
	if err != nil {
		t.Fatal(err)
	}
	junk := []byte{0xff, 0xff}
	if err := stream.SendMsg(&junk); err != nil {
		t.Fatal(err)
	}
	_ = stream.CloseSend()
	var out []byte
	if err := stream.RecvMsg(&out); status.Code(err) != codes.InvalidArgument {
		t.Fatalf("junk WatchDecisions: %v, want InvalidArgument", err)
	}

	for _, tok := range []string{"18446744073709551615", "18446744073709551614", "1000"} {
		w, err := p.gw.WatchDecisions(ctx, &mosaicv1.WatchDecisionsRequest{ForumId: "gp-chat", ResumeToken: tok})
		if err == nil {
			_, err = w.Recv()
		}
		st := status.Convert(err)
		if st.Code() != codes.OutOfRange || !strings.Contains(st.Message(), "beyond the last decision") {
			t.Fatalf("resume token %s: %v %q, want OutOfRange", tok, st.Code(), st.Message())
		}
	}
}

// (a, b, c) A submission with a year-10000 created_at published straight to an author
// partition (bypassing the gateway) is dead-lettered at once as poison; its post is
// held for a moderator; a later post by another author on the same partition is
// decided; and after a restart the partition still flows.
func TestPoisonOnAPartitionIsDeadLetteredHeldAndThePartitionMovesOn(t *testing.T) {
	dir := t.TempDir()
	p := startWith(t, dir, nil)
	ctx := t.Context()
	js, _ := jetstream.New(connectAs(t, p, bus.RoleGateway))
	holderJS, _ := jetstream.New(connectAs(t, p, bus.RoleHolder))
	const partitions = 4

	bad := post("p-y10k", benignBody)
	bad.AuthorId = "dr-poison"
	bad.CreatedAt = timestamppb.New(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	part := bus.Partition(bad.AuthorId, partitions)
	sub := &mosaicv1.Submission{Post: bad, AcceptedAt: timestamppb.Now()}
	if err := bus.Publish(ctx, js, bus.SubjectSubmitted(part), "submit:p-y10k:1", sub); err != nil {
		t.Fatal(err)
	}
	later := post("p-after-poison", benignBody)
	later.AuthorId = sharesPartition(bad.AuthorId, partitions)
	if st := submit(t, p, later, 30*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("later post on the poisoned partition: %s, want RELEASED", st.Decision)
	}
	d := deadLetterFor(t, holderJS, bus.SubjectSubmitted(part), func(d bus.DeadLetter) bool { return submissionPost(d).GetPostId() == "p-y10k" })
	if d.Stream != bus.StreamPosts || d.Attempts != 1 || !strings.Contains(d.Reason, "created_at") {
		t.Fatalf("dead letter: stream %s attempts %d reason %q", d.Stream, d.Attempts, d.Reason)
	}
	held := decisionOf(t, p, "p-y10k")
	if held.Decision != mosaicv1.Decision_DECISION_HELD || !strings.Contains(held.Reason, "could not assess") || !strings.Contains(held.Reason, "created_at") {
		t.Fatalf("poisoned post: %s %q, want HELD saying it could not be assessed", held.Decision, held.Reason)
	}
	// The poster is told the post could not be assessed, without the internals.
	eventually(t, "notice of the unassessed hold", func() (bool, string) {
		resp, err := mosaicv1.NewNoticeServiceClient(p.cc).ListNotices(ctx, &mosaicv1.ListNoticesRequest{AuthorId: bad.AuthorId})
		if err != nil {
			return false, err.Error()
		}
		for _, n := range resp.Notices {
			if n.PostId == "p-y10k" {
				if !strings.Contains(n.Title, "could not be assessed") || strings.Contains(n.Body, "created_at") {
					t.Fatalf("notice %q / %q", n.Title, n.Body)
				}
				return true, ""
			}
		}
		return false, fmt.Sprintf("%d notices, none for p-y10k", len(resp.Notices))
	})

	// Restart: the poison is not delivered again, the hold stands, the partition flows.
	p.stop()
	p = startWith(t, dir, nil)
	again := post("p-after-restart", benignBody)
	again.AuthorId = bad.AuthorId
	if st := submit(t, p, again, 30*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("post after restart on the poisoned partition: %s, want RELEASED", st.Decision)
	}
	if st := decisionOf(t, p, "p-y10k"); st.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("after restart the poisoned post is %s, want still HELD", st.Decision)
	}
	js, _ = jetstream.New(connectAs(t, p, bus.RoleHolder))
	n := 0
	for _, d := range deadLetters(t, js) {
		if submissionPost(d).GetPostId() == "p-y10k" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d dead letters for the poisoned post after restart, want 1", n)
	}
}

// failingLedger is the real ledger with one fault injected: assessing failPost always
// fails, as a bug or a corrupt record would make it. It counts those attempts.
type failingLedger struct {
	*link.Ledger
	failPost string
	mu       sync.Mutex
	attempts int
}

func (l *failingLedger) Assess(ctx context.Context, c link.Candidate) (link.Result, error) {
	if c.PostID == l.failPost {
		l.mu.Lock()
		l.attempts++
		l.mu.Unlock()
		return link.Result{}, errors.New("injected fault: the ledger cannot assess this post")
	}
	return l.Ledger.Assess(ctx, c)
}

func (l *failingLedger) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.attempts
}

// runLinker runs a linker of every partition against the app's NATS, with ledger.
func runLinker(t *testing.T, ctx context.Context, p *pipeline, top bus.Topology, ledger linker.Ledger) {
	t.Helper()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	js, _ := jetstream.New(connectAs(t, p, bus.RoleLinker))
	l, err := linker.New(linker.Options{JS: js, Topology: top, Reader: ex, Ledger: ledger, DetectorVersion: "test",
		Logger: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelError}))})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- l.Run(ctx) }()
	t.Cleanup(func() { <-done })
}

// (b, c) A message the linker's handler fails on every time is dead-lettered after
// DeadLetterAfter attempts, its post is held with the reason, and a later post by
// another author on the same partition is decided; after a restart (with the fault
// gone) nothing of the wedge comes back.
func TestFailingMessageIsDeadLetteredAfterNAttemptsAndThePartitionMovesOn(t *testing.T) {
	dir := t.TempDir()
	var top bus.Topology
	p := startWith(t, dir, func(c *app.Config) {
		c.Targets = []string{app.TargetGateway, app.TargetHolder}
		top = c.Topology
	})
	db, err := store.Open(store.Options{Dir: t.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	real, err := link.Open(db, link.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() }) // after the linker has stopped (cleanups run last first)
	ledger := &failingLedger{Ledger: real, failPost: "p-fails"}
	ctx, cancel := context.WithCancel(t.Context())
	runLinker(t, ctx, p, top, ledger)
	t.Cleanup(cancel)

	failing := post("p-fails", benignBody)
	failing.AuthorId = "dr-unlucky"
	if st := submit(t, p, failing, 0); st.Decision != mosaicv1.Decision_DECISION_PENDING {
		t.Fatalf("failing post: %s, want PENDING at first", st.Decision)
	}
	later := post("p-later", benignBody)
	later.AuthorId = sharesPartition(failing.AuthorId, top.Partitions)
	if st := submit(t, p, later, 60*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("later post by another author on the partition: %s, want RELEASED", st.Decision)
	}
	held := decisionOf(t, p, "p-fails")
	if held.Decision != mosaicv1.Decision_DECISION_HELD || !strings.Contains(held.Reason, "injected fault") {
		t.Fatalf("failing post: %s %q, want HELD with the reason", held.Decision, held.Reason)
	}
	js, _ := jetstream.New(connectAs(t, p, bus.RoleHolder))
	part := bus.Partition(failing.AuthorId, top.Partitions)
	d := deadLetterFor(t, js, bus.SubjectSubmitted(part), func(d bus.DeadLetter) bool { return submissionPost(d).GetPostId() == "p-fails" })
	if d.Attempts != bus.DefaultDeadLetterAfter || ledger.count() != bus.DefaultDeadLetterAfter {
		t.Fatalf("dead-lettered after %d attempts (ledger saw %d), want %d", d.Attempts, ledger.count(), bus.DefaultDeadLetterAfter)
	}
	if !strings.Contains(d.Reason, fmt.Sprintf("failed %d times", bus.DefaultDeadLetterAfter)) || !strings.Contains(d.Reason, "injected fault") ||
		d.Stream != bus.StreamPosts || d.Worker != bus.ConsumerLinker(part) {
		t.Fatalf("dead letter: %+v", d)
	}
	if sub := submissionPost(d); sub.GetBody() != benignBody {
		t.Fatalf("dead letter does not carry the original submission: %v", sub)
	}

	// Restart everything, with the app's own linker (no fault): the dead-lettered
	// message is not redelivered, the hold stands, and the partition flows.
	cancel()
	p.stop()
	p = startWith(t, dir, nil)
	again := post("p-after-restart", benignBody)
	again.AuthorId = failing.AuthorId
	if st := submit(t, p, again, 60*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("after restart: %s, want RELEASED", st.Decision)
	}
	if st := decisionOf(t, p, "p-fails"); st.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("after restart the dead-lettered post is %s, want still HELD", st.Decision)
	}
	if ledger.count() != bus.DefaultDeadLetterAfter {
		t.Fatalf("the failing ledger was tried again after it was dead-lettered: %d", ledger.count())
	}
}
