package bus_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"

	"github.com/mosaicgw/mosaic/internal/bus"
)

func TestCredentialsAreGeneratedOnceWithOwnerOnlyModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "credentials")
	// Another secret in the directory (the platform's gRPC token) is left alone.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "platform.token"), []byte("tok\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Processes starting together agree on one password per role.
	const n = 4
	got := make([]*bus.Credentials, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			c, err := bus.LoadOrCreateCredentials(dir, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = c
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	st, err := os.Stat(dir)
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("directory mode %v %v, want 0700", st.Mode().Perm(), err)
	}
	seen := map[string]bool{}
	for _, r := range bus.Roles() {
		pw := got[0].Password(r)
		if len(pw) != 43 || seen[pw] {
			t.Fatalf("%s: password %d chars (want 43: 256 bits base64url), or shared with another role", r, len(pw))
		}
		seen[pw] = true
		for i := 1; i < n; i++ {
			if got[i].Password(r) != pw {
				t.Fatalf("%s: concurrent starts disagree on the password", r)
			}
		}
		f := bus.PasswordFile(dir, r)
		st, err := os.Stat(f)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("%s mode %v %v, want 0600", f, st.Mode().Perm(), err)
		}
		if onDisk, err := bus.ReadSecretFile(f); err != nil || onDisk != pw {
			t.Fatalf("%s holds a different password: %v", f, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"nats-gateway.password", "nats-holder.password", "nats-linker.password", "nats-platform.password", "platform.token"}
	if !slices.Equal(names, want) {
		t.Fatalf("credentials directory holds %v, want %v (no temporary files left)", names, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "platform.token")); string(b) != "tok\n" {
		t.Fatal("another secret in the directory was changed")
	}

	// A file emptied by hand is an error, not silently replaced.
	if err := os.WriteFile(bus.PasswordFile(dir, bus.RoleLinker), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := bus.LoadOrCreateCredentials(dir, slog.New(slog.DiscardHandler)); err == nil || !strings.Contains(err.Error(), "non-empty") {
		t.Fatalf("empty password file: %v, want an error", err)
	}
}

func TestClientAuthValidate(t *testing.T) {
	for _, c := range []struct {
		name string
		a    bus.ClientAuth
		ok   bool
	}{
		{"anonymous", bus.ClientAuth{}, true},
		{"user and password file", bus.ClientAuth{User: "linker", PasswordFile: "pw"}, true},
		{"creds", bus.ClientAuth{CredsFile: "x.creds", CAFile: "ca.pem"}, true},
		{"nkey with client certificate", bus.ClientAuth{NKeySeedFile: "seed", CertFile: "c.pem", KeyFile: "k.pem"}, true},
		{"two identities", bus.ClientAuth{CredsFile: "x.creds", User: "linker", PasswordFile: "pw"}, false},
		{"user without password", bus.ClientAuth{User: "linker"}, false},
		{"password without user", bus.ClientAuth{PasswordFile: "pw"}, false},
		{"certificate without key", bus.ClientAuth{CertFile: "c.pem"}, false},
	} {
		if err := c.a.Validate(); (err == nil) != c.ok {
			t.Errorf("%s: %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

// Each role can do its own work through its own connection: the stream lookups,
// consumers and acknowledgements of its permissions are enough for JetStream. (That
// anonymous clients are refused is TestNATSRefusesAnonymousClients in internal/app.)
func TestEachRoleWorksWithinItsPermissions(t *testing.T) {
	creds, err := bus.LoadOrCreateCredentials(filepath.Join(t.TempDir(), "credentials"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Logger: slog.New(slog.DiscardHandler), Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	top := bus.DefaultTopology()
	top.Partitions = 2
	conn := func(r bus.Role) jetstream.JetStream {
		opts, err := bus.ClientOptions(r, creds.Auth(r), slog.New(slog.NewTextHandler(testLog{t}, nil)))
		if err != nil {
			t.Fatal(err)
		}
		nc, err := srv.Connect(string(r), opts...)
		if err != nil {
			t.Fatalf("%s: %v", r, err)
		}
		t.Cleanup(nc.Close)
		js, err := jetstream.New(nc)
		if err != nil {
			t.Fatal(err)
		}
		return js
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	gw, ln, hd, pf := conn(bus.RoleGateway), conn(bus.RoleLinker), conn(bus.RoleHolder), conn(bus.RolePlatform)
	// The gateway starts first and creates the streams; the holder then ensures them
	// with the right to update.
	if err := top.EnsureCreated(ctx, gw); err != nil {
		t.Fatalf("gateway creates the streams: %v", err)
	}
	if err := top.Ensure(ctx, hd); err != nil {
		t.Fatalf("holder ensures the streams: %v", err)
	}
	if err := top.EnsureCreated(ctx, ln); err != nil {
		t.Fatalf("linker ensures the streams: %v", err)
	}

	// platform -> intake -> gateway -> posts -> linker -> assessments -> holder -> decisions -> gateway, platform.
	step := func(who string, js jetstream.JetStream, stream string, cc jetstream.ConsumerConfig, publish func() error) {
		t.Helper()
		if err := publish(); err != nil {
			t.Fatalf("%s: publish: %v", who, err)
		}
		cons, err := js.CreateOrUpdateConsumer(ctx, stream, cc)
		if err != nil {
			t.Fatalf("%s: consumer of %s: %v", who, stream, err)
		}
		batch, err := cons.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			t.Fatalf("%s: fetch: %v", who, err)
		}
		n := 0
		for m := range batch.Messages() {
			n++
			if err := m.DoubleAck(ctx); err != nil {
				t.Fatalf("%s: ack: %v", who, err)
			}
		}
		if n != 1 {
			t.Fatalf("%s: fetched %d messages from %s (%v), want 1", who, n, stream, batch.Error())
		}
	}
	step("gateway", gw, bus.StreamIntake, top.IntakeConsumer(), func() error {
		_, err := pf.Publish(ctx, bus.SubjectIntake, []byte("post"))
		return err
	})
	step("linker", ln, bus.StreamPosts, top.LinkerConsumer(0), func() error {
		_, err := gw.Publish(ctx, bus.SubjectSubmitted(0), []byte("submission"))
		return err
	})
	step("holder", hd, bus.StreamAssessments, top.HolderConsumer(), func() error {
		_, err := ln.Publish(ctx, bus.SubjectAssessment(0), []byte("assessment"))
		return err
	})
	if _, err := hd.Publish(ctx, bus.SubjectOutcome(0), []byte("outcome")); err != nil {
		t.Fatalf("holder publishes an outcome: %v", err)
	}
	if _, err := hd.Publish(ctx, bus.SubjectNotice("dr-a"), []byte("notice")); err != nil {
		t.Fatalf("holder publishes a notice: %v", err)
	}
	if _, err := hd.Publish(ctx, bus.SubjectDecision("gp-chat"), []byte("decision")); err != nil {
		t.Fatalf("holder publishes a decision: %v", err)
	}
	for _, c := range []struct {
		who    string
		js     jetstream.JetStream
		stream string
	}{{"gateway", gw, bus.StreamDecisions}, {"platform", pf, bus.StreamDecisions}, {"platform", pf, bus.StreamNotices}, {"holder", hd, bus.StreamNotices}} {
		oc, err := c.js.OrderedConsumer(ctx, c.stream, jetstream.OrderedConsumerConfig{})
		if err != nil {
			t.Fatalf("%s: ordered consumer of %s: %v", c.who, c.stream, err)
		}
		if _, err := oc.Next(jetstream.FetchMaxWait(5 * time.Second)); err != nil {
			t.Fatalf("%s: read %s: %v", c.who, c.stream, err)
		}
	}
	// The gateway's commands reach the holder, and its reply comes back.
	hnc, gnc := hd.Conn(), gw.Conn()
	sub, err := hnc.QueueSubscribe(bus.SubjectHolderCommands, bus.QueueHolder, func(m *nats.Msg) { _ = m.Respond([]byte("done")) })
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()
	_ = hnc.Flush()
	if reply, err := gnc.RequestWithContext(ctx, bus.SubjectHolderCommands, []byte("withdraw")); err != nil || string(reply.Data) != "done" {
		t.Fatalf("gateway command: %v %v", reply, err)
	}
}

// testLog writes log lines to the test's log.
type testLog struct{ t testing.TB }

func (w testLog) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// --nats-nkey: a client logs in with a seed file; the server knows only the public key.
func TestConnectWithNKeySeedFile(t *testing.T) {
	kp, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := kp.PublicKey()
	seed, _ := kp.Seed()
	seedFile := filepath.Join(t.TempDir(), "linker.nk")
	if err := os.WriteFile(seedFile, seed, 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, NoSigs: true, NoLog: true,
		Nkeys: []*server.NkeyUser{{Nkey: pub, Permissions: &server.Permissions{
			Publish:   &server.SubjectPermission{Allow: bus.Permissions(bus.RoleLinker).Publish},
			Subscribe: &server.SubjectPermission{Allow: bus.Permissions(bus.RoleLinker).Subscribe},
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	srv.Start()
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	if !srv.ReadyForConnections(10 * time.Second) {
		t.Fatal("server not ready")
	}
	url := "nats://" + srv.Addr().String()
	log := slog.New(slog.NewTextHandler(testLog{t}, nil))
	opts, err := bus.ClientOptions(bus.RoleLinker, bus.ClientAuth{NKeySeedFile: seedFile}, log)
	if err != nil {
		t.Fatal(err)
	}
	nc, err := bus.Connect(url, "linker", log, opts...)
	if err != nil {
		t.Fatalf("connect with the seed: %v", err)
	}
	nc.Close()
	if nc, err := bus.Connect(url, "anonymous", log, nats.MaxReconnects(0)); err == nil {
		nc.Close()
		t.Fatal("anonymous client connected to an nkey server")
	}
}
