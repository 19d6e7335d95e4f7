package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/review"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// `gateway review` drives the real ReviewService of an all-in-one app: a post held
// for an NHS number is listed, claimed and released by the moderator through the CLI,
// and the platform then sees it released; a wrong token is Unauthenticated, exit 1.
func TestReviewCLIListClaimRelease(t *testing.T) {
	const modToken = "tok-ana-0123456789abcdef0123456789"
	cfg := app.DefaultConfig()
	cfg.DataDir = t.TempDir()
	cfg.GRPCAddr = "127.0.0.1:0"
	cfg.NATSListen = ""
	cfg.HTTPAddr = ""
	mods := filepath.Join(cfg.DataDir, "moderators.yaml")
	if err := writeFile(mods, "moderators:\n  - {id: mod-ana, forums: [gp-chat], token_hash: "+review.HashToken(modToken)+"}\n"); err != nil {
		t.Fatal(err)
	}
	cfg.ModeratorsPath = mods
	a, err := app.New(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		_ = a.Stop(ctx)
	})
	cc, err := grpc.NewClient(a.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithPerRPCCredentials(authn.Bearer(a.PlatformToken())))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	gw := mosaicv1.NewGatewayServiceClient(cc)
	resp, err := gw.SubmitPost(t.Context(), &mosaicv1.SubmitPostRequest{
		Post: &mosaicv1.Post{PostId: "rev-1", Revision: 1, AuthorId: "dr-rev", ForumId: "gp-chat", Audience: mosaicv1.Audience_AUDIENCE_MEMBERS,
			Body: "2WW referral bounced again. NHS number 943 476 5919, seen Tuesday with weight loss."},
		Wait: durationpb.New(20 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetStatus().GetDecision() != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("decision %v, want HELD", resp.GetStatus().GetDecision())
	}

	tokenFile := filepath.Join(t.TempDir(), "mod.token")
	if err := writeFile(tokenFile, modToken+"\n"); err != nil {
		t.Fatal(err)
	}
	cli := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"review"}, append(args, "--addr", a.GRPCAddr(), "--token-file", tokenFile)...), &stdout, &stderr)
		if strings.Contains(stdout.String()+stderr.String(), modToken) {
			t.Errorf("review %v printed the token", args)
		}
		return code, stdout.String(), stderr.String()
	}

	code, out, errOut := cli("list")
	if code != exitOK {
		t.Fatalf("list: exit %d: %s", code, errOut)
	}
	t.Logf("review list:\n%s", out)
	if !strings.Contains(out, "rev-1 rev 1  forum gp-chat  author dr-rev") || !strings.Contains(out, "1 held in all") {
		t.Errorf("list does not show rev-1:\n%s", out)
	}
	code, out, errOut = cli("list", "--json")
	if code != exitOK {
		t.Fatalf("list --json: exit %d: %s", code, errOut)
	}
	var summary struct {
		PostID   string `json:"postId"`
		ForumID  string `json:"forumId"`
		AuthorID string `json:"authorId"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &summary); err != nil || summary.PostID != "rev-1" || summary.ForumID != "gp-chat" {
		t.Errorf("list --json: %v: %q", err, out)
	}

	code, out, errOut = cli("claim", "--post", "rev-1", "--json")
	if code != exitOK {
		t.Fatalf("claim: exit %d: %s", code, errOut)
	}
	var claim struct {
		Claim struct {
			Moderator string `json:"moderator"`
		} `json:"claim"`
	}
	if err := json.Unmarshal([]byte(out), &claim); err != nil || claim.Claim.Moderator != "mod-ana" {
		t.Errorf("claim --json: %v: %q", err, out)
	}
	code, out, errOut = cli("list")
	if code != exitOK || !strings.Contains(out, "claimed mod-ana") {
		t.Errorf("list after claim: exit %d: %s%s", code, out, errOut)
	}

	code, out, errOut = cli("release", "--post", "rev-1", "--note", "no identifier once redacted upstream")
	if code != exitOK {
		t.Fatalf("release: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "rev-1: DECISION_RELEASED") {
		t.Errorf("release: %q", out)
	}
	st, err := gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: "rev-1"})
	if err != nil {
		t.Fatal(err)
	}
	if st.GetStatus().GetDecision() != mosaicv1.Decision_DECISION_RELEASED {
		t.Errorf("GetPostStatus after review release: %v", st.GetStatus().GetDecision())
	}

	// No longer held: a second release is refused with the status code, exit 1.
	code, _, errOut = cli("release", "--post", "rev-1")
	if code != exitError || !strings.Contains(errOut, "FailedPrecondition") {
		t.Errorf("second release: exit %d: %s", code, errOut)
	}

	// A token that is no moderator's is Unauthenticated.
	bad := filepath.Join(t.TempDir(), "bad.token")
	if err := writeFile(bad, "not-a-moderator-token-0123456789abcdef"); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code = run([]string{"review", "list", "--addr", a.GRPCAddr(), "--token-file", bad}, &stdout, &stderr)
	if code != exitError || !strings.Contains(stderr.String(), "Unauthenticated") {
		t.Errorf("wrong token: exit %d: %s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), "not-a-moderator-token") {
		t.Errorf("wrong token printed: %s", stderr.String())
	}

	// Usage errors exit 2 before any call.
	if code, _, _ := cli("reject", "--post", "rev-1", "--reason", "rude"); code != exitUsage {
		t.Errorf("reject --reason rude: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := cli("claim"); code != exitUsage {
		t.Errorf("claim without --post: exit %d, want %d", code, exitUsage)
	}
}
