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

	// Reject and return, on two more held posts; show first.
	for _, id := range []string{"rev-2", "rev-3"} {
		r, err := gw.SubmitPost(t.Context(), &mosaicv1.SubmitPostRequest{
			Post: &mosaicv1.Post{PostId: id, Revision: 1, AuthorId: "dr-rev", ForumId: "gp-chat", Audience: mosaicv1.Audience_AUDIENCE_MEMBERS,
				Body: "Bloods back for the patient with NHS number 943 476 5919, ferritin low."},
			Wait: durationpb.New(20 * time.Second)})
		if err != nil {
			t.Fatal(err)
		}
		if r.GetStatus().GetDecision() != mosaicv1.Decision_DECISION_HELD {
			t.Fatalf("%s: decision %v, want HELD", id, r.GetStatus().GetDecision())
		}
	}
	code, out, errOut = cli("show", "--post", "rev-2")
	if code != exitOK || !strings.Contains(out, "post rev-2 rev 1  forum gp-chat  author dr-rev  DECISION_HELD") || !strings.Contains(out, "ferritin low") {
		t.Errorf("show: exit %d: %s%s", code, out, errOut)
	}
	code, out, errOut = cli("reject", "--post", "rev-2", "--reason", "confidentiality", "--message", "Please remove the NHS number.")
	if code != exitOK || !strings.Contains(out, "rev-2: DECISION_REJECTED") {
		t.Errorf("reject: exit %d: %s%s", code, out, errOut)
	}
	code, out, errOut = cli("return", "--post", "rev-3", "--reason", "An NHS number identifies the patient.", "--message", "Leave it out.")
	if code != exitOK || !strings.Contains(out, "rev-3: DECISION_RETURNED") {
		t.Errorf("return: exit %d: %s%s", code, out, errOut)
	}
	for id, want := range map[string]mosaicv1.Decision{"rev-2": mosaicv1.Decision_DECISION_REJECTED, "rev-3": mosaicv1.Decision_DECISION_RETURNED} {
		st, err := gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: id})
		if err != nil {
			t.Fatal(err)
		}
		if st.GetStatus().GetDecision() != want {
			t.Errorf("GetPostStatus %s: %v, want %v", id, st.GetStatus().GetDecision(), want)
		}
	}

	// The address and token file from the environment.
	t.Setenv("MOSAIC_REVIEW_ADDR", a.GRPCAddr())
	t.Setenv("MOSAIC_MODERATOR_TOKEN_FILE", tokenFile)
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"review", "list"}, &stdout, &stderr); code != exitOK || !strings.Contains(stdout.String(), "0 shown, 0 held in all") {
		t.Errorf("list from the environment: exit %d: %s%s", code, stdout.String(), stderr.String())
	}

	// Usage errors exit 2 before any call.
	if code, _, _ := cli("reject", "--post", "rev-1", "--reason", "rude"); code != exitUsage {
		t.Errorf("reject --reason rude: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := cli("claim"); code != exitUsage {
		t.Errorf("claim without --post: exit %d, want %d", code, exitUsage)
	}
}

// Plaintext only to a loopback address without --ca; TLS otherwise; a CA file without a
// certificate is refused.
func TestReviewTransport(t *testing.T) {
	for addr, want := range map[string]string{"127.0.0.1:50051": "insecure", "[::1]:50051": "insecure", "localhost:50051": "insecure", "review.example.org:443": "tls", "10.0.0.5:50051": "tls"} {
		c, err := reviewTransport(addr, "")
		if err != nil {
			t.Fatalf("%s: %v", addr, err)
		}
		if got := c.Info().SecurityProtocol; got != want {
			t.Errorf("%s: %s, want %s", addr, got, want)
		}
	}
	bad := filepath.Join(t.TempDir(), "ca.pem")
	if err := writeFile(bad, "not a certificate"); err != nil {
		t.Fatal(err)
	}
	if _, err := reviewTransport("127.0.0.1:50051", bad); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Errorf("bad CA: %v", err)
	}
	if _, err := reviewTransport("no-port", ""); err == nil {
		t.Error("address without a port accepted")
	}
}
