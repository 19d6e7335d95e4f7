package api_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/review"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder/holdertest"
)

// Moderators of the tests: ana and ben moderate gp-chat, carol only cardiology.
const (
	tokAna   = "tok-ana-0123456789abcdef0123456789"
	tokBen   = "tok-ben-0123456789abcdef0123456789"
	tokCarol = "tok-carol-0123456789abcdef01234567"
	nhsBody  = "Can anyone advise on a 2WW referral that was bounced? NHS number 943 476 5919, seen on Tuesday with weight loss."
)

// WriteModerators writes a moderators file for ana, ben and carol into dir.
func writeModerators(t *testing.T, dir string) string {
	t.Helper()
	yml := "moderators:\n" +
		"  - {id: mod-ana, name: Dr Ana Patel, forums: [gp-chat], token_hash: " + review.HashToken(tokAna) + "}\n" +
		"  - {id: mod-ben, forums: [gp-chat, cardiology], token_hash: " + review.HashToken(tokBen) + "}\n" +
		"  - {id: mod-carol, forums: [cardiology], token_hash: " + review.HashToken(tokCarol) + "}\n"
	p := filepath.Join(dir, "moderators.yaml")
	if err := os.WriteFile(p, []byte(yml), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

type env struct {
	app    *app.App
	gw     mosaicv1.GatewayServiceClient
	rv     mosaicv1.ReviewServiceClient
	notice mosaicv1.NoticeServiceClient
}

func start(t *testing.T, targets ...string) *env {
	t.Helper()
	dir := t.TempDir()
	cfg := app.DefaultConfig()
	if len(targets) > 0 {
		cfg.Targets = targets
	}
	cfg.DataDir = dir
	cfg.GRPCAddr = "127.0.0.1:0"
	cfg.HTTPAddr = "127.0.0.1:0"
	cfg.NATSListen = ""
	cfg.Topology.Partitions = 2
	cfg.ModeratorsPath = writeModerators(t, dir)
	a, err := app.New(cfg, slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	cc, err := grpc.NewClient(a.GRPCAddr(), append(platformByDefault(a.PlatformToken()), grpc.WithTransportCredentials(insecure.NewCredentials()))...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cc.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = a.Stop(ctx)
	})
	return &env{app: a, gw: mosaicv1.NewGatewayServiceClient(cc), rv: mosaicv1.NewReviewServiceClient(cc), notice: mosaicv1.NewNoticeServiceClient(cc)}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// platformByDefault sends the forum platform's token on every call that carries no
// authorization of its own (the moderators' calls carry theirs: see as).
func platformByDefault(token string) []grpc.DialOption {
	withToken := func(ctx context.Context) context.Context {
		if md, ok := metadata.FromOutgoingContext(ctx); ok && len(md.Get("authorization")) > 0 {
			return ctx
		}
		return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
	}
	return []grpc.DialOption{
		grpc.WithChainUnaryInterceptor(func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
			return invoker(withToken(ctx), method, req, reply, cc, opts...)
		}),
		grpc.WithChainStreamInterceptor(func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
			return streamer(withToken(ctx), desc, cc, method, opts...)
		}),
	}
}

func as(t *testing.T, token string) context.Context {
	return metadata.AppendToOutgoingContext(t.Context(), "authorization", "Bearer "+token)
}

func wantCode(t *testing.T, what string, err error, want codes.Code) {
	t.Helper()
	if got := status.Code(err); got != want {
		t.Fatalf("%s: got %v (%v), want %v", what, got, err, want)
	}
}

func post(id string, rev uint32, author, body string) *mosaicv1.Post {
	return &mosaicv1.Post{PostId: id, Revision: rev, AuthorId: author, ForumId: "gp-chat", Audience: mosaicv1.Audience_AUDIENCE_MEMBERS,
		Author: &mosaicv1.Author{DisplayName: "Dr T", Role: "GP"}, CreatedAt: timestamppb.Now(), Body: body}
}

// submit sends a post through the whole pipeline and waits for its decision.
func (e *env) submit(t *testing.T, p *mosaicv1.Post) *mosaicv1.PostStatus {
	t.Helper()
	resp, err := e.gw.SubmitPost(t.Context(), &mosaicv1.SubmitPostRequest{Post: p, Wait: durationpb.New(20 * time.Second)})
	if err != nil {
		t.Fatalf("submit %s: %v", p.PostId, err)
	}
	return resp.Status
}

// gatewayStatus waits until the gateway's view shows want for post (decisions reach it
// over the DECISIONS stream).
func (e *env) gatewayStatus(t *testing.T, id string, want mosaicv1.Decision) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		resp, err := e.gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: id})
		if err == nil && resp.Status.Decision == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("gateway status of %s: %v %v, want %s", id, resp.GetStatus().GetDecision(), err, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestReviewNeedsAModeratorToken(t *testing.T) {
	e := start(t)
	_, err := e.rv.ListHeldPosts(t.Context(), &mosaicv1.ListHeldPostsRequest{})
	wantCode(t, "no metadata", err, codes.Unauthenticated)
	_, err = e.rv.ListHeldPosts(as(t, "not-a-token-of-anyone-at-all-000"), &mosaicv1.ListHeldPostsRequest{})
	wantCode(t, "unknown token", err, codes.Unauthenticated)
	ctx := metadata.AppendToOutgoingContext(t.Context(), "authorization", "Basic "+tokAna)
	_, err = e.rv.GetHeldPost(ctx, &mosaicv1.GetHeldPostRequest{PostId: "x"})
	wantCode(t, "basic scheme", err, codes.Unauthenticated)
}

func TestModeratorJourneyOverGRPC(t *testing.T) {
	e := start(t)
	held := e.submit(t, post("p-nhs", 1, "dr-a", nhsBody))
	if held.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("NHS post: %s", held.Decision)
	}
	ana, ben, carol := as(t, tokAna), as(t, tokBen), as(t, tokCarol)

	// ListHeldPosts: scoped to the moderator's forums.
	list, err := e.rv.ListHeldPosts(ana, &mosaicv1.ListHeldPostsRequest{})
	if err != nil || list.Total != 1 || list.Posts[0].PostId != "p-nhs" || list.CountsByKind["FINDING_KIND_DIRECT_IDENTIFIER"] != 1 {
		t.Fatalf("ana's queue: %v %v", list, err)
	}
	if list, _ := e.rv.ListHeldPosts(carol, &mosaicv1.ListHeldPostsRequest{}); list.Total != 0 {
		t.Fatalf("carol sees another forum's posts: %v", list)
	}
	_, err = e.rv.ListHeldPosts(carol, &mosaicv1.ListHeldPostsRequest{ForumId: "gp-chat"})
	wantCode(t, "list a forum not moderated", err, codes.PermissionDenied)
	_, err = e.rv.ListHeldPosts(ana, &mosaicv1.ListHeldPostsRequest{PageToken: "bogus"})
	wantCode(t, "bad page token", err, codes.InvalidArgument)

	// GetHeldPost.
	got, err := e.rv.GetHeldPost(ana, &mosaicv1.GetHeldPostRequest{PostId: "p-nhs"})
	if err != nil || got.HeldPost.Post.Body != nhsBody || len(got.HeldPost.Status.Findings) == 0 {
		t.Fatalf("get: %v %v", got, err)
	}
	_, err = e.rv.GetHeldPost(ana, &mosaicv1.GetHeldPostRequest{PostId: "p-unknown"})
	wantCode(t, "get unknown", err, codes.NotFound)
	_, err = e.rv.GetHeldPost(carol, &mosaicv1.GetHeldPostRequest{PostId: "p-nhs"})
	wantCode(t, "get wrong forum", err, codes.PermissionDenied)
	_, err = e.rv.GetHeldPost(ana, &mosaicv1.GetHeldPostRequest{})
	wantCode(t, "get without id", err, codes.InvalidArgument)

	// ClaimPost: one moderator at a time.
	claim, err := e.rv.ClaimPost(ana, &mosaicv1.ClaimPostRequest{PostId: "p-nhs", Ttl: durationpb.New(5 * time.Minute)})
	if err != nil || claim.Claim.Moderator != "mod-ana" {
		t.Fatalf("claim: %v %v", claim, err)
	}
	_, err = e.rv.ClaimPost(ben, &mosaicv1.ClaimPostRequest{PostId: "p-nhs"})
	wantCode(t, "claim held by another", err, codes.Aborted)
	_, err = e.rv.ReleasePost(ben, &mosaicv1.ReleasePostRequest{PostId: "p-nhs"})
	wantCode(t, "release under another's claim", err, codes.Aborted)
	_, err = e.rv.ClaimPost(ana, &mosaicv1.ClaimPostRequest{PostId: "p-unknown"})
	wantCode(t, "claim unknown", err, codes.NotFound)
	_, err = e.rv.ClaimPost(carol, &mosaicv1.ClaimPostRequest{PostId: "p-nhs"})
	wantCode(t, "claim wrong forum", err, codes.PermissionDenied)
	_, err = e.rv.ClaimPost(ana, &mosaicv1.ClaimPostRequest{PostId: "p-nhs", Ttl: durationpb.New(48 * time.Hour)})
	wantCode(t, "claim too long", err, codes.InvalidArgument)

	// ReleasePost: the platform learns it through the gateway.
	_, err = e.rv.ReleasePost(carol, &mosaicv1.ReleasePostRequest{PostId: "p-nhs"})
	wantCode(t, "release wrong forum", err, codes.PermissionDenied)
	_, err = e.rv.ReleasePost(ana, &mosaicv1.ReleasePostRequest{PostId: "p-unknown"})
	wantCode(t, "release unknown", err, codes.NotFound)
	rel, err := e.rv.ReleasePost(ana, &mosaicv1.ReleasePostRequest{PostId: "p-nhs", Note: "number is the author's own test patient"})
	if err != nil || rel.Status.Decision != mosaicv1.Decision_DECISION_RELEASED || rel.Status.DecidedBy != "mod-ana" {
		t.Fatalf("release: %v %v", rel, err)
	}
	e.gatewayStatus(t, "p-nhs", mosaicv1.Decision_DECISION_RELEASED)
	_, err = e.rv.ReleasePost(ana, &mosaicv1.ReleasePostRequest{PostId: "p-nhs"})
	wantCode(t, "release twice", err, codes.FailedPrecondition)
	_, err = e.rv.ClaimPost(ben, &mosaicv1.ClaimPostRequest{PostId: "p-nhs"})
	wantCode(t, "claim decided", err, codes.FailedPrecondition)
	if list, _ := e.rv.ListHeldPosts(ana, &mosaicv1.ListHeldPostsRequest{}); list.Total != 0 {
		t.Fatalf("released post still queued: %v", list)
	}

	// AddNote and GetAuditHistory.
	_, err = e.rv.AddNote(ana, &mosaicv1.AddNoteRequest{PostId: "p-unknown", Text: "x"})
	wantCode(t, "note unknown", err, codes.NotFound)
	_, err = e.rv.AddNote(carol, &mosaicv1.AddNoteRequest{PostId: "p-nhs", Text: "x"})
	wantCode(t, "note wrong forum", err, codes.PermissionDenied)
	_, err = e.rv.AddNote(ana, &mosaicv1.AddNoteRequest{PostId: "p-nhs"})
	wantCode(t, "note without text", err, codes.InvalidArgument)
	if _, err := e.rv.AddNote(ben, &mosaicv1.AddNoteRequest{PostId: "p-nhs", Text: "Checked with ana."}); err != nil {
		t.Fatal(err)
	}
	audit, err := e.rv.GetAuditHistory(ben, &mosaicv1.GetAuditHistoryRequest{PostId: "p-nhs"})
	if err != nil || !audit.ChainValid {
		t.Fatalf("audit: %v %v", audit, err)
	}
	var trail []string
	for _, a := range audit.Entries {
		trail = append(trail, a.Actor+":"+a.Action)
		if a.DetectorVersion != app.DetectorVersion || a.PolicyVersion == "" {
			t.Fatalf("audit entry without versions: %v", a)
		}
	}
	if strings.Join(trail, " ") != "mosaic:held mod-ana:claimed mod-ana:released mod-ben:note" {
		t.Fatalf("audit trail %v", trail)
	}
	_, err = e.rv.GetAuditHistory(carol, &mosaicv1.GetAuditHistoryRequest{PostId: "p-nhs"})
	wantCode(t, "audit wrong forum", err, codes.PermissionDenied)
	_, err = e.rv.GetAuditHistory(ana, &mosaicv1.GetAuditHistoryRequest{PostId: "p-unknown"})
	wantCode(t, "audit unknown", err, codes.NotFound)

	// The poster was told.
	ns, err := e.notice.ListNotices(t.Context(), &mosaicv1.ListNoticesRequest{AuthorId: "dr-a"})
	if err != nil || len(ns.Notices) != 2 || ns.Notices[0].Kind != mosaicv1.NoticeKind_NOTICE_KIND_RELEASED_AFTER_REVIEW ||
		ns.Notices[1].Kind != mosaicv1.NoticeKind_NOTICE_KIND_HELD {
		t.Fatalf("notices: %v %v", ns, err)
	}
}

func TestRejectAppealReturnAndRevision(t *testing.T) {
	e := start(t)
	ana, carol := as(t, tokAna), as(t, tokCarol)
	e.submit(t, post("p-rej", 1, "dr-b", nhsBody))

	_, err := e.rv.RejectPost(ana, &mosaicv1.RejectPostRequest{PostId: "p-rej"})
	wantCode(t, "reject without reason", err, codes.InvalidArgument)
	_, err = e.rv.RejectPost(carol, &mosaicv1.RejectPostRequest{PostId: "p-rej", Reason: mosaicv1.RejectReason_REJECT_REASON_CONFIDENTIALITY})
	wantCode(t, "reject wrong forum", err, codes.PermissionDenied)
	_, err = e.rv.RejectPost(ana, &mosaicv1.RejectPostRequest{PostId: "p-unknown", Reason: mosaicv1.RejectReason_REJECT_REASON_CONFIDENTIALITY})
	wantCode(t, "reject unknown", err, codes.NotFound)
	rej, err := e.rv.RejectPost(ana, &mosaicv1.RejectPostRequest{PostId: "p-rej", Reason: mosaicv1.RejectReason_REJECT_REASON_CONFIDENTIALITY,
		Message: "Please never post NHS numbers."})
	if err != nil || rej.Status.Decision != mosaicv1.Decision_DECISION_REJECTED {
		t.Fatalf("reject: %v %v", rej, err)
	}
	_, err = e.rv.RejectPost(ana, &mosaicv1.RejectPostRequest{PostId: "p-rej", Reason: mosaicv1.RejectReason_REJECT_REASON_OTHER})
	wantCode(t, "reject twice", err, codes.FailedPrecondition)
	e.gatewayStatus(t, "p-rej", mosaicv1.Decision_DECISION_REJECTED)

	ns, err := e.notice.ListNotices(t.Context(), &mosaicv1.ListNoticesRequest{AuthorId: "dr-b", UnacknowledgedOnly: true})
	if err != nil || len(ns.Notices) == 0 || ns.Notices[0].Kind != mosaicv1.NoticeKind_NOTICE_KIND_REJECTED ||
		!strings.Contains(ns.Notices[0].Body, "Please never post NHS numbers.") || !strings.Contains(ns.Notices[0].Body, "943 476 5919") {
		t.Fatalf("rejection notice: %v %v", ns, err)
	}
	ack, err := e.notice.AcknowledgeNotice(t.Context(), &mosaicv1.AcknowledgeNoticeRequest{AuthorId: "dr-b", NoticeId: ns.Notices[0].NoticeId})
	if err != nil || !ack.Notice.Acknowledged {
		t.Fatalf("ack: %v %v", ack, err)
	}
	_, err = e.notice.AcknowledgeNotice(t.Context(), &mosaicv1.AcknowledgeNoticeRequest{AuthorId: "dr-b", NoticeId: "n-nope"})
	wantCode(t, "ack unknown", err, codes.NotFound)
	_, err = e.notice.ListNotices(t.Context(), &mosaicv1.ListNoticesRequest{})
	wantCode(t, "list without author", err, codes.InvalidArgument)

	// AppealDecision: only by the author, only of a rejection, once.
	_, err = e.notice.AppealDecision(t.Context(), &mosaicv1.AppealDecisionRequest{AuthorId: "dr-z", PostId: "p-rej", Statement: "mine"})
	wantCode(t, "appeal by another author", err, codes.PermissionDenied)
	_, err = e.notice.AppealDecision(t.Context(), &mosaicv1.AppealDecisionRequest{AuthorId: "dr-b", PostId: "p-unknown", Statement: "x"})
	wantCode(t, "appeal unknown", err, codes.NotFound)
	ap, err := e.notice.AppealDecision(t.Context(), &mosaicv1.AppealDecisionRequest{AuthorId: "dr-b", PostId: "p-rej",
		Statement: "The number is a published test number, not a patient's."})
	if err != nil || ap.Status.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("appeal: %v %v", ap, err)
	}
	_, err = e.notice.AppealDecision(t.Context(), &mosaicv1.AppealDecisionRequest{AuthorId: "dr-b", PostId: "p-rej", Statement: "again"})
	wantCode(t, "appeal of a held post", err, codes.FailedPrecondition)
	appeals, err := e.rv.ListHeldPosts(ana, &mosaicv1.ListHeldPostsRequest{AppealsOnly: true})
	if err != nil || appeals.Total != 1 || !appeals.Posts[0].Appeal {
		t.Fatalf("appeals: %v %v", appeals, err)
	}
	hp, _ := e.rv.GetHeldPost(ana, &mosaicv1.GetHeldPostRequest{PostId: "p-rej"})
	if !hp.HeldPost.Appeal || !strings.Contains(hp.HeldPost.AppealStatement, "test number") {
		t.Fatalf("appeal not shown: %v", hp.HeldPost)
	}

	// ReturnForEdit, then the poster's revision comes back through the whole pipeline.
	_, err = e.rv.ReturnForEdit(ana, &mosaicv1.ReturnForEditRequest{PostId: "p-rej"})
	wantCode(t, "return without reason", err, codes.InvalidArgument)
	_, err = e.rv.ReturnForEdit(carol, &mosaicv1.ReturnForEditRequest{PostId: "p-rej", Reason: "x"})
	wantCode(t, "return wrong forum", err, codes.PermissionDenied)
	_, err = e.rv.ReturnForEdit(ana, &mosaicv1.ReturnForEditRequest{PostId: "p-unknown", Reason: "x"})
	wantCode(t, "return unknown", err, codes.NotFound)
	ret, err := e.rv.ReturnForEdit(ana, &mosaicv1.ReturnForEditRequest{PostId: "p-rej", Reason: "Even a test number looks real to readers.",
		Guidance: "Remove the number; the question stands without it."})
	if err != nil || ret.Status.Decision != mosaicv1.Decision_DECISION_RETURNED {
		t.Fatalf("return: %v %v", ret, err)
	}
	_, err = e.rv.ReturnForEdit(ana, &mosaicv1.ReturnForEditRequest{PostId: "p-rej", Reason: "again"})
	wantCode(t, "return twice", err, codes.FailedPrecondition)
	rev2 := e.submit(t, post("p-rej", 2, "dr-b", "Can anyone advise on a 2WW referral that was bounced? Seen on Tuesday with weight loss."))
	if rev2.Decision != mosaicv1.Decision_DECISION_RELEASED || rev2.Revision != 2 {
		t.Fatalf("revision 2: %v", rev2)
	}
	audit, err := e.rv.GetAuditHistory(ana, &mosaicv1.GetAuditHistoryRequest{PostId: "p-rej"})
	if err != nil || !audit.ChainValid {
		t.Fatalf("audit %v %v", audit, err)
	}
	var trail []string
	for _, a := range audit.Entries {
		trail = append(trail, a.Action)
	}
	if strings.Join(trail, " ") != "held rejected appealed returned released" || audit.Entries[4].Revision != 2 {
		t.Fatalf("trail %v", trail)
	}
}

func TestEditAndReleaseAndWatchNotices(t *testing.T) {
	e := start(t)
	ana, carol := as(t, tokAna), as(t, tokCarol)
	watch, err := e.notice.WatchNotices(t.Context(), &mosaicv1.WatchNoticesRequest{AuthorId: "dr-c"})
	if err != nil {
		t.Fatal(err)
	}
	earlier, held := holdertest.Cumulative("p-e1", "p-e2", "dr-c", "gp-chat", time.Now().Add(-time.Hour))
	if err := e.app.Holder.Decide(t.Context(), earlier); err != nil {
		t.Fatal(err)
	}
	if err := e.app.Holder.Decide(t.Context(), held); err != nil {
		t.Fatal(err)
	}
	first, err := watch.Recv()
	if err != nil || first.Notice.PostId != "p-e2" || first.Notice.Kind != mosaicv1.NoticeKind_NOTICE_KIND_HELD || first.ResumeToken == "" {
		t.Fatalf("watched notice: %v %v", first, err)
	}
	hp, err := e.rv.GetHeldPost(ana, &mosaicv1.GetHeldPostRequest{PostId: "p-e2"})
	if err != nil || len(hp.HeldPost.LinkedPosts) != 1 || hp.HeldPost.LinkedPosts[0].Post.Body != holdertest.EarlierBody ||
		len(hp.HeldPost.Timeline) != 2 || hp.HeldPost.Status.Risk.FixSuggestion == "" {
		t.Fatalf("cumulative held post: %v %v", hp, err)
	}

	_, err = e.rv.EditAndRelease(ana, &mosaicv1.EditAndReleaseRequest{PostId: "p-e2"})
	wantCode(t, "edit without body", err, codes.InvalidArgument)
	_, err = e.rv.EditAndRelease(carol, &mosaicv1.EditAndReleaseRequest{PostId: "p-e2", Body: "x"})
	wantCode(t, "edit wrong forum", err, codes.PermissionDenied)
	_, err = e.rv.EditAndRelease(ana, &mosaicv1.EditAndReleaseRequest{PostId: "p-unknown", Body: "x"})
	wantCode(t, "edit unknown", err, codes.NotFound)
	edited := "Follow-up on an elderly patient: biopsy confirms a rare histiocytic disorder. Any experience with BRAF inhibitors?"
	rel, err := e.rv.EditAndRelease(ana, &mosaicv1.EditAndReleaseRequest{PostId: "p-e2", Body: edited, Note: "removed the diagnosis"})
	if err != nil || rel.Status.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("edit and release: %v %v", rel, err)
	}
	_, err = e.rv.EditAndRelease(ana, &mosaicv1.EditAndReleaseRequest{PostId: "p-e2", Body: edited})
	wantCode(t, "edit twice", err, codes.FailedPrecondition)
	second, err := watch.Recv()
	if err != nil || second.Notice.Kind != mosaicv1.NoticeKind_NOTICE_KIND_RELEASED_AFTER_REVIEW {
		t.Fatalf("second notice: %v %v", second, err)
	}
	// Resuming after the first notice delivers the second again, and only it.
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	resumed, err := e.notice.WatchNotices(ctx, &mosaicv1.WatchNoticesRequest{AuthorId: "dr-c", ResumeToken: first.ResumeToken})
	if err != nil {
		t.Fatal(err)
	}
	if again, err := resumed.Recv(); err != nil || again.Notice.NoticeId != second.Notice.NoticeId {
		t.Fatalf("resumed: %v %v", again, err)
	}
	bad, err := e.notice.WatchNotices(t.Context(), &mosaicv1.WatchNoticesRequest{AuthorId: "dr-c", ResumeToken: "x"})
	if err == nil {
		_, err = bad.Recv()
	}
	wantCode(t, "bad resume token", err, codes.InvalidArgument)
}

// A process running only the holder serves ReviewService, NoticeService and the console
// on its own addresses; GatewayService is not there.
func TestHolderAloneServesReviewAndNotices(t *testing.T) {
	e := start(t, app.TargetHolder)
	if _, err := e.rv.ListHeldPosts(as(t, tokAna), &mosaicv1.ListHeldPostsRequest{}); err != nil {
		t.Fatalf("ListHeldPosts on a holder-only process: %v", err)
	}
	if _, err := e.notice.ListNotices(t.Context(), &mosaicv1.ListNoticesRequest{AuthorId: "dr-a"}); err != nil {
		t.Fatalf("ListNotices on a holder-only process: %v", err)
	}
	_, err := e.gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: "x"})
	wantCode(t, "GatewayService on a holder-only process", err, codes.Unimplemented)
	if e.app.HTTPAddr() == "" {
		t.Fatal("the console is not running on a holder-only process with moderators")
	}
}

// The ledger counts what moderators release and never what they reject: a later post
// by the same author is linked to a released held post, never to a rejected one.
func TestReleasedPostsCountRejectedNever(t *testing.T) {
	e := start(t)
	ana := as(t, tokAna)
	for _, c := range []struct {
		author  string
		release bool
	}{{"dr-rel", true}, {"dr-rej", false}} {
		id := func(s string) string { return c.author + "-" + s }
		sub := func(s, body string) *mosaicv1.PostStatus {
			p := post(id(s), 1, c.author, body)
			p.Author.PracticeLocation = "Keswick, Cumbria"
			return e.submit(t, p)
		}
		if st := sub("a", "Lovely morning clinic. Saw a retired lighthouse keeper from Keswick, 94 and still walking up Latrigg every week."); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
			t.Fatalf("%s first post: %s", c.author, st.Decision)
		}
		held := sub("b", "Follow-up on my 94-year-old former lighthouse keeper from last week: she has just been diagnosed with Erdheim-Chester disease. Any experience with vemurafenib at that age?")
		if held.Decision != mosaicv1.Decision_DECISION_HELD {
			t.Fatalf("the linker does not hold the cumulative pair (%s, %v)", held.Decision, held.Findings)
		}
		var err error
		if c.release {
			_, err = e.rv.ReleasePost(ana, &mosaicv1.ReleasePostRequest{PostId: id("b")})
		} else {
			_, err = e.rv.RejectPost(ana, &mosaicv1.RejectPostRequest{PostId: id("b"), Reason: mosaicv1.RejectReason_REJECT_REASON_CONFIDENTIALITY})
		}
		if err != nil {
			t.Fatal(err)
		}
		later := sub("c", "Another follow-up on my 94-year-old former lighthouse keeper from last week: she started vemurafenib and is tolerating it well.")
		linked := later.GetRisk().GetLinkedPostIds()
		t.Logf("%s: later post %s, linked %v, k %.2f", c.author, later.Decision, linked, later.GetRisk().GetEstimatedMatches())
		if !c.release && slices.Contains(linked, id("b")) {
			t.Fatalf("a rejected post counts in the ledger: later post linked to %v", linked)
		}
		if c.release && !slices.Contains(linked, id("b")) {
			t.Fatalf("a released post does not count in the ledger: later post linked to %v", linked)
		}
	}
}
