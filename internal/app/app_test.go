package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// pipeline is a running App with a gRPC client of its gateway.
type pipeline struct {
	app *app.App
	gw  mosaicv1.GatewayServiceClient
	cc  *grpc.ClientConn
}

func start(t *testing.T, dir string, targets ...string) *pipeline {
	t.Helper()
	return startTB(t, dir, targets...)
}

func startB(b *testing.B) *pipeline { return startTB(b, b.TempDir()) }

func durationOf(d time.Duration) *durationpb.Duration { return durationpb.New(d) }

func startTB(t testing.TB, dir string, targets ...string) *pipeline {
	t.Helper()
	cfg := testConfig(dir)
	if len(targets) > 0 {
		cfg.Targets = targets
	}
	return launch(t, cfg, slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})))
}

// testConfig is the tests' configuration: data in dir, free loopback ports, 4 partitions.
func testConfig(dir string) app.Config {
	cfg := app.DefaultConfig()
	cfg.DataDir = dir
	cfg.GRPCAddr = "127.0.0.1:0"
	cfg.NATSListen = "127.0.0.1:-1"
	cfg.Topology.Partitions = 4
	return cfg
}

// launch starts an App with cfg and dials its gateway as the platform; the App stops
// when the test ends.
func launch(t testing.TB, cfg app.Config, log *slog.Logger) *pipeline {
	t.Helper()
	a, err := app.New(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	cc, err := grpc.NewClient(a.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithPerRPCCredentials(authn.Bearer(a.PlatformToken())))
	if err != nil {
		t.Fatal(err)
	}
	p := &pipeline{app: a, gw: mosaicv1.NewGatewayServiceClient(cc), cc: cc}
	t.Cleanup(p.stop)
	return p
}

func (p *pipeline) stop() {
	p.cc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = p.app.Stop(ctx)
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

func post(id, body string) *mosaicv1.Post {
	return &mosaicv1.Post{
		PostId: id, Revision: 1, AuthorId: "dr-test", ForumId: "gp-chat",
		Author:    &mosaicv1.Author{DisplayName: "Dr T Example", Role: "GP", PracticeLocation: "Kendal, Cumbria"},
		Audience:  mosaicv1.Audience_AUDIENCE_MEMBERS,
		ThreadId:  "t-" + id,
		CreatedAt: timestamppb.New(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)),
		Body:      body,
	}
}

func submit(t *testing.T, p *pipeline, po *mosaicv1.Post, wait time.Duration) *mosaicv1.PostStatus {
	t.Helper()
	resp, err := p.gw.SubmitPost(t.Context(), &mosaicv1.SubmitPostRequest{Post: po, Wait: durationpb.New(wait)})
	if err != nil {
		t.Fatalf("SubmitPost(%s): %v", po.PostId, err)
	}
	return resp.Status
}

const (
	nhsBody    = "Can anyone advise on a 2WW referral that was bounced? NHS number 943 476 5919, seen on Tuesday with weight loss."
	benignBody = "What is everyone's threshold for repeating a ferritin after starting oral iron? NICE CKS is vague on timing."
)

func TestEndToEndHoldReleaseIdempotenceRestart(t *testing.T) {
	dir := t.TempDir()
	p := start(t, dir)

	held := submit(t, p, post("p-nhs", nhsBody), 20*time.Second)
	if held.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("NHS number post: got %s, want HELD (findings %v)", held.Decision, held.Findings)
	}
	from, to := strings.Index(nhsBody, "943"), strings.Index(nhsBody, "5919")+4
	var covered bool
	for _, f := range held.Findings {
		if f.Kind != mosaicv1.FindingKind_FINDING_KIND_DIRECT_IDENTIFIER {
			continue
		}
		for _, s := range f.Spans {
			if int(s.Start) <= from && int(s.End) >= to && s.PostId == "p-nhs" {
				covered = true
			}
		}
	}
	if !covered {
		t.Fatalf("no DIRECT_IDENTIFIER span covers the NHS number [%d,%d): %v", from, to, held.Findings)
	}

	released := submit(t, p, post("p-benign", benignBody), 20*time.Second)
	if released.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("benign post: got %s, want RELEASED (findings %v)", released.Decision, released.Findings)
	}

	// The same (post, revision) again: same status, no second decision.
	again := submit(t, p, post("p-nhs", nhsBody), 5*time.Second)
	if again.Decision != mosaicv1.Decision_DECISION_HELD || !again.DecidedAt.AsTime().Equal(held.DecidedAt.AsTime()) {
		t.Fatalf("resubmission: got %s decided at %v, want the first decision %v", again.Decision, again.DecidedAt.AsTime(), held.DecidedAt.AsTime())
	}
	if n := countDecisions(t, p, "p-nhs"); n != 1 {
		t.Fatalf("decision events for p-nhs: %d, want 1", n)
	}
	// Same id and revision with different content is refused, not silently ignored.
	changed := post("p-nhs", nhsBody+" Edited.")
	_, err := p.gw.SubmitPost(t.Context(), &mosaicv1.SubmitPostRequest{Post: changed})
	if status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("changed content under the same revision: got %v, want FailedPrecondition", err)
	}

	// Restart on the same data directory: decided statuses survive.
	p.stop()
	p2 := start(t, dir)
	for id, want := range map[string]mosaicv1.Decision{"p-nhs": mosaicv1.Decision_DECISION_HELD, "p-benign": mosaicv1.Decision_DECISION_RELEASED} {
		resp, err := p2.gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: id})
		if err != nil {
			t.Fatalf("GetPostStatus(%s) after restart: %v", id, err)
		}
		if resp.Status.Decision != want {
			t.Fatalf("after restart %s is %s, want %s", id, resp.Status.Decision, want)
		}
	}
	if n := countDecisions(t, p2, "p-nhs"); n != 1 {
		t.Fatalf("decision events for p-nhs after restart: %d, want 1", n)
	}
}

// countDecisions counts the decision events for a post in the DECISIONS stream.
func countDecisions(t *testing.T, p *pipeline, postID string) int {
	t.Helper()
	js, err := jetstream.New(p.app.Conn())
	if err != nil {
		t.Fatal(err)
	}
	cons, err := js.OrderedConsumer(t.Context(), bus.StreamDecisions, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		batch, err := cons.FetchNoWait(100)
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for m := range batch.Messages() {
			got++
			ev := &mosaicv1.DecisionEvent{}
			if err := proto.Unmarshal(m.Data(), ev); err == nil && ev.Status.PostId == postID {
				n++
			}
		}
		if got == 0 {
			return n
		}
	}
}

func TestGatewayAloneFailsClosed(t *testing.T) {
	p := start(t, t.TempDir(), app.TargetGateway)
	began := time.Now()
	st := submit(t, p, post("p-alone", benignBody), 700*time.Millisecond)
	if st.Decision != mosaicv1.Decision_DECISION_PENDING {
		t.Fatalf("without a linker: got %s, want PENDING", st.Decision)
	}
	if time.Since(began) < 700*time.Millisecond {
		t.Fatalf("returned before the wait elapsed")
	}
	resp, err := p.gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: "p-alone", Revision: 1})
	if err != nil || resp.Status.Decision != mosaicv1.Decision_DECISION_PENDING {
		t.Fatalf("GetPostStatus: %v %v, want PENDING", resp, err)
	}
	// Commands need a holder: a clear Unavailable, not a hang.
	_, err = p.gw.WithdrawPost(t.Context(), &mosaicv1.WithdrawPostRequest{PostId: "p-alone", AuthorId: "dr-test"})
	if status.Code(err) != codes.Unavailable {
		t.Fatalf("withdraw without holder: %v, want Unavailable", err)
	}
}

func TestBadInputIsRejectedAndNothingIsStored(t *testing.T) {
	p := start(t, t.TempDir(), app.TargetGateway)
	cases := []struct {
		name  string
		edit  func(*mosaicv1.Post)
		field string
	}{
		{"missing post id", func(p *mosaicv1.Post) { p.PostId = "" }, "post.post_id"},
		{"missing author id", func(p *mosaicv1.Post) { p.AuthorId = "" }, "post.author_id"},
		{"missing forum id", func(p *mosaicv1.Post) { p.ForumId = "" }, "post.forum_id"},
		{"zero revision", func(p *mosaicv1.Post) { p.Revision = 0 }, "post.revision"},
		{"empty body", func(p *mosaicv1.Post) { p.Body = "" }, "post.body"},
		{"body over the limit", func(p *mosaicv1.Post) { p.Body = strings.Repeat("a", 64<<10+1) }, "post.body"},
		{"invalid UTF-8", func(p *mosaicv1.Post) { p.Body = "fine \xff\xfe text" }, "post.body"},
		{"invalid UTF-8 in author", func(p *mosaicv1.Post) { p.Author.DisplayName = "Dr \xc3" }, "post.author.display_name"},
		{"control character", func(p *mosaicv1.Post) { p.Body = "NHS number\x00943 476 5919" }, "post.body"},
		{"bidi override", func(p *mosaicv1.Post) { p.Body = "NHS \u202e9195 674 349\u202c" }, "post.body"},
		{"unknown audience", func(p *mosaicv1.Post) { p.Audience = 7 }, "post.audience"},
		{"unspecified audience", func(p *mosaicv1.Post) { p.Audience = 0 }, "post.audience"},
		{"author id with a dot", func(p *mosaicv1.Post) { p.AuthorId = "a.b" }, "post.author_id"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			po := post(fmt.Sprintf("bad-%d", i), benignBody)
			c.edit(po)
			_, err := p.gw.SubmitPost(t.Context(), &mosaicv1.SubmitPostRequest{Post: po})
			st := status.Convert(err)
			if st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), c.field) {
				t.Fatalf("got %v %q, want InvalidArgument naming %s", st.Code(), st.Message(), c.field)
			}
			if po.PostId != "" {
				_, err := p.gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: po.PostId})
				if status.Code(err) != codes.NotFound {
					t.Fatalf("rejected post was stored: %v", err)
				}
			}
		})
	}
	_, err := p.gw.SubmitPost(t.Context(), &mosaicv1.SubmitPostRequest{})
	if st := status.Convert(err); st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "post") {
		t.Fatalf("missing post: %v", err)
	}
	js, _ := jetstream.New(p.app.Conn())
	s, err := js.Stream(t.Context(), bus.StreamPosts)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 0 {
		t.Fatalf("%d messages published for rejected posts", info.State.Msgs)
	}
}

func TestWithdrawDeleteWatchAndIntake(t *testing.T) {
	p := start(t, t.TempDir())
	ctx := t.Context()

	// Watch decisions of the forum from the start.
	watch, err := p.gw.WatchDecisions(ctx, &mosaicv1.WatchDecisionsRequest{ForumId: "gp-chat", FromStart: true})
	if err != nil {
		t.Fatal(err)
	}

	held := submit(t, p, post("w-held", nhsBody), 20*time.Second)
	if held.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("got %s, want HELD", held.Decision)
	}
	if _, err := p.gw.WithdrawPost(ctx, &mosaicv1.WithdrawPostRequest{PostId: "w-held", AuthorId: "someone-else"}); status.Code(err) != codes.PermissionDenied {
		t.Fatalf("withdraw by another author: %v, want PermissionDenied", err)
	}
	wd, err := p.gw.WithdrawPost(ctx, &mosaicv1.WithdrawPostRequest{PostId: "w-held", AuthorId: "dr-test", Reason: "posted in error"})
	if err != nil || wd.Status.Decision != mosaicv1.Decision_DECISION_WITHDRAWN {
		t.Fatalf("withdraw held post: %v %v", wd, err)
	}

	rel := submit(t, p, post("w-rel", benignBody), 20*time.Second)
	if rel.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("got %s, want RELEASED", rel.Decision)
	}
	if _, err := p.gw.WithdrawPost(ctx, &mosaicv1.WithdrawPostRequest{PostId: "w-rel", AuthorId: "dr-test"}); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("withdraw released post: %v, want FailedPrecondition", err)
	}
	del, err := p.gw.DeletePost(ctx, &mosaicv1.DeletePostRequest{PostId: "w-rel", Reason: "removed by the platform"})
	if err != nil || !del.Status.Deleted || del.Status.Decision != mosaicv1.Decision_DECISION_DELETED {
		t.Fatalf("delete released post: %v %v", del, err)
	}
	if _, err := p.gw.DeletePost(ctx, &mosaicv1.DeletePostRequest{PostId: "never-seen"}); status.Code(err) != codes.NotFound {
		t.Fatalf("delete unknown post: %v, want NotFound", err)
	}

	// The watch saw held, withdrawn, released, deleted in order; resume after the
	// second event replays from the third still in the stream: the deletion (the
	// release's event was erased with the post).
	var tokens []string
	var got []string
	for len(got) < 4 {
		ev, err := watch.Recv()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s:%s:%v", ev.Status.PostId, ev.Status.Decision, ev.Status.Deleted))
		tokens = append(tokens, ev.ResumeToken)
	}
	want := []string{"w-held:DECISION_HELD:false", "w-held:DECISION_WITHDRAWN:false", "w-rel:DECISION_RELEASED:false", "w-rel:DECISION_DELETED:true"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("watched %v, want %v", got, want)
	}
	resumed, err := p.gw.WatchDecisions(ctx, &mosaicv1.WatchDecisionsRequest{ForumId: "gp-chat", ResumeToken: tokens[1]})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := resumed.Recv()
	if err != nil || ev.Status.PostId != "w-rel" || ev.Status.Decision != mosaicv1.Decision_DECISION_DELETED || ev.ResumeToken != tokens[3] {
		t.Fatalf("resumed watch: %v %v, want w-rel's deletion at token %s", ev, err, tokens[3])
	}
	bad, err := p.gw.WatchDecisions(ctx, &mosaicv1.WatchDecisionsRequest{ForumId: "gp-chat", ResumeToken: "x"})
	if err == nil {
		_, err = bad.Recv()
	}
	if status.Code(err) != codes.InvalidArgument {
		t.Fatalf("bad resume token: %v, want InvalidArgument", err)
	}

	// The platform may publish a post to the intake subject instead of calling gRPC.
	nc := connectAs(t, p, bus.RolePlatform)
	js, _ := jetstream.New(nc)
	// An invalid post first: it is terminated with its reason, stored nowhere, and does
	// not block the valid post behind it.
	for _, fields := range []map[string]any{
		{"postId": "bad-via-nats", "revision": 1, "authorId": "dr-nats", "forumId": "gp-chat", "audience": "AUDIENCE_MEMBERS"},
		{"postId": "ctl-via-nats", "revision": 1, "authorId": "dr-nats", "forumId": "gp-chat", "audience": "AUDIENCE_MEMBERS", "body": "NHS number\u0000943 476 5919"},
		{"postId": "via-nats", "revision": 1, "authorId": "dr-nats", "forumId": "gp-chat", "audience": "AUDIENCE_MEMBERS", "body": benignBody},
	} {
		body, _ := json.Marshal(fields)
		msg := &nats.Msg{Subject: bus.SubjectIntake, Data: body, Header: nats.Header{bus.HeaderContentType: []string{bus.ContentTypeJSON}}}
		if _, err := js.PublishMsg(ctx, msg); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := p.gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: "via-nats"})
		if err == nil && resp.Status.Decision == mosaicv1.Decision_DECISION_RELEASED {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("intake post not decided: %v %v", resp, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, id := range []string{"bad-via-nats", "ctl-via-nats"} {
		if _, err := p.gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: id}); status.Code(err) != codes.NotFound {
			t.Fatalf("invalid intake post %s: %v, want NotFound", id, err)
		}
	}
}

func TestHealthAndReflection(t *testing.T) {
	p := start(t, t.TempDir())
	h, err := healthpb.NewHealthClient(p.cc).Check(t.Context(), &healthpb.HealthCheckRequest{Service: "mosaic.v1.GatewayService"})
	if err != nil || h.Status != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health: %v %v", h, err)
	}
	rc, err := reflectionpb.NewServerReflectionClient(p.cc).ServerReflectionInfo(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := rc.Send(&reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}); err != nil {
		t.Fatal(err)
	}
	resp, err := rc.Recv()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range resp.GetListServicesResponse().GetService() {
		names = append(names, s.Name)
	}
	if !strings.Contains(strings.Join(names, " "), "mosaic.v1.GatewayService") {
		t.Fatalf("reflection lists %v", names)
	}
}
