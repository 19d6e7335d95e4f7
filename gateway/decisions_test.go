package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/authn"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// `gateway decisions tail` reads the binary decisions and notices off NATS as the
// platform's user (the password from the data directory) and prints them as JSON
// lines, the messages in protojson.
func TestDecisionsTailPrintsDecisionsAndNoticesAsJSONLines(t *testing.T) {
	cfg := app.DefaultConfig()
	cfg.DataDir = t.TempDir()
	cfg.GRPCAddr = "127.0.0.1:0"
	cfg.NATSListen = "127.0.0.1:-1"
	cfg.HTTPAddr = ""
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
	resp, err := mosaicv1.NewGatewayServiceClient(cc).SubmitPost(t.Context(), &mosaicv1.SubmitPostRequest{
		Post: &mosaicv1.Post{PostId: "tail-1", Revision: 1, AuthorId: "dr-tail", ForumId: "gp-chat", Audience: mosaicv1.Audience_AUDIENCE_MEMBERS,
			Body: "2WW referral bounced again. NHS number 943 476 5919, seen Tuesday with weight loss."},
		Wait: durationpb.New(20 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetStatus().GetDecision() != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("decision %v, want HELD", resp.GetStatus().GetDecision())
	}

	var stdout, stderr bytes.Buffer
	code := run([]string{"decisions", "tail", "--data-dir", cfg.DataDir, "--nats-url", a.NATSURL(), "--from-start", "--count", "2"}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	t.Logf("decisions tail:\n%s", stdout.String())
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got:\n%s", stdout.String())
	}
	var sawDecision, sawNotice bool
	for _, l := range lines {
		var line struct {
			Stream   string `json:"stream"`
			Subject  string `json:"subject"`
			Sequence uint64 `json:"sequence"`
			Decision *struct {
				Status struct {
					PostID   string `json:"postId"`
					Decision string `json:"decision"`
				} `json:"status"`
			} `json:"decision"`
			Notice *struct {
				PostID   string `json:"postId"`
				AuthorID string `json:"authorId"`
			} `json:"notice"`
		}
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Fatalf("not JSON: %q: %v", l, err)
		}
		switch {
		case line.Decision != nil:
			sawDecision = true
			if line.Stream != "MOSAIC_DECISIONS" || line.Subject != "mosaic.decisions.gp-chat" || line.Sequence == 0 ||
				line.Decision.Status.PostID != "tail-1" || line.Decision.Status.Decision != "DECISION_HELD" {
				t.Errorf("decision line: %s", l)
			}
		case line.Notice != nil:
			sawNotice = true
			if line.Stream != "MOSAIC_NOTICES" || line.Notice.PostID != "tail-1" || line.Notice.AuthorID != "dr-tail" {
				t.Errorf("notice line: %s", l)
			}
		default:
			t.Errorf("neither a decision nor a notice: %s", l)
		}
	}
	if !sawDecision || !sawNotice {
		t.Errorf("decision %v, notice %v; want both:\n%s", sawDecision, sawNotice, stdout.String())
	}

	// A wrong password is refused with the reason, not a hang.
	stdout.Reset()
	stderr.Reset()
	bad := t.TempDir() + "/pw"
	if err := writeFile(bad, "wrong"); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"decisions", "tail", "--nats-url", a.NATSURL(), "--nats-password-file", bad, "--count", "1"}, &stdout, &stderr); code != exitError {
		t.Fatalf("wrong password: exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(strings.ToLower(stderr.String()), "authorization") {
		t.Errorf("wrong password: %s", stderr.String())
	}
}

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o600) }
