package app_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Admission control with real parts: a gateway limited to 2 submissions in flight,
// with no linker or holder running yet, so nothing is decided. The third submission
// is refused with ResourceExhausted and a RetryInfo delay; a resubmission of a post
// already in flight is not; a post published to the NATS intake waits in the intake
// consumer. Once the linker and holder start, the decisions free room: the intake post
// and a retried submission go through and are decided.
func TestAdmissionShedsBeyondMaxInFlightAndIntakeWaits(t *testing.T) {
	credDir := filepath.Join(t.TempDir(), "credentials")
	creds, err := bus.LoadOrCreateCredentials(credDir, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Listen: "127.0.0.1:-1", Logger: slog.New(slog.DiscardHandler), Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	logger := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfgFor := func(target string) app.Config {
		cfg := testConfig(t.TempDir())
		cfg.NATSURL, cfg.NATSListen = srv.ClientURL(), ""
		cfg.NATSAuth = bus.ClientAuth{User: bus.UserName(bus.Role(target)), PasswordFile: bus.PasswordFile(credDir, bus.Role(target))}
		cfg.Targets = []string{target}
		return cfg
	}
	gcfg := cfgFor(app.TargetGateway)
	gcfg.MaxInFlight = 2
	p := launch(t, gcfg, logger)

	first, second, third := post("adm-1", benignBody), post("adm-2", benignBody), post("adm-3", benignBody)
	for _, po := range []*mosaicv1.Post{first, second} {
		if st := submit(t, p, po, 0); st.Decision != mosaicv1.Decision_DECISION_PENDING {
			t.Fatalf("%s: %s, want pending (nothing decides yet)", po.PostId, st.Decision)
		}
	}
	_, err = p.gw.SubmitPost(t.Context(), &mosaicv1.SubmitPostRequest{Post: third})
	st := status.Convert(err)
	if st.Code() != codes.ResourceExhausted {
		t.Fatalf("third submission: %v, want ResourceExhausted", err)
	}
	var retry *errdetails.RetryInfo
	for _, d := range st.Details() {
		if r, ok := d.(*errdetails.RetryInfo); ok {
			retry = r
		}
	}
	if retry == nil || retry.GetRetryDelay().AsDuration() <= 0 {
		t.Fatalf("no RetryInfo with a delay in %v", st.Details())
	}
	for _, want := range []string{"--max-in-flight", "adm-3", "same post_id"} {
		if !strings.Contains(st.Message(), want) {
			t.Errorf("message %q does not say %q", st.Message(), want)
		}
	}
	// A post already in flight is resubmitted without taking a second place.
	if st := submit(t, p, first, 0); st.Decision != mosaicv1.Decision_DECISION_PENDING {
		t.Fatalf("resubmitting adm-1: %s", st.Decision)
	}
	if n := p.app.Gateway.InFlight(); n != 2 {
		t.Fatalf("%d in flight, want 2", n)
	}

	// The platform publishes a post to the intake: the gateway takes delivery and
	// waits for room instead of accepting it.
	opts, err := bus.ClientOptions(bus.RolePlatform, creds.Auth(bus.RolePlatform), logger)
	if err != nil {
		t.Fatal(err)
	}
	nc, err := srv.Connect("test-platform", opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	viaIntake := post("adm-intake", benignBody)
	data, err := proto.Marshal(viaIntake)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.Publish(t.Context(), bus.SubjectIntake, data); err != nil {
		t.Fatal(err)
	}
	gjs, err := jetstream.New(p.app.Conn())
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "the intake post delivered to the gateway", func() (bool, string) {
		c, err := gjs.Consumer(t.Context(), bus.StreamIntake, bus.ConsumerGatewayIntake)
		if err != nil {
			return false, err.Error()
		}
		info, err := c.Info(t.Context())
		if err != nil {
			return false, err.Error()
		}
		return info.NumPending == 0 && info.NumAckPending == 1, fmt.Sprintf("%d pending, %d unacknowledged", info.NumPending, info.NumAckPending)
	})
	if _, err := p.gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: viaIntake.PostId}); status.Code(err) != codes.NotFound {
		t.Fatalf("intake post while full: %v, want NotFound (not accepted)", err)
	}
	if n := p.app.Gateway.InFlight(); n != 2 {
		t.Fatalf("%d in flight with the intake post waiting, want 2", n)
	}

	// The linker and holder start; decisions free room.
	for _, target := range []string{app.TargetHolder, app.TargetLinker} {
		a, err := app.New(cfgFor(target), logger)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Start(t.Context()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			_ = a.Stop(ctx)
		})
	}
	if st := submit(t, p, second, 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("adm-2: %s, want released", st.Decision)
	}
	if st := decisionOf(t, p, viaIntake.PostId); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("intake post: %s, want released", st.Decision)
	}
	if st := submit(t, p, third, 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("retried adm-3: %s, want released", st.Decision)
	}
}
