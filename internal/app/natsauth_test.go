package app_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/proto"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// natsClient is a connection to a pipeline's embedded server over its loopback
// listener, as an outside client would make it, and the asynchronous errors the
// server sent it (permission violations arrive that way).
type natsClient struct {
	nc   *nats.Conn
	errs chan error
}

// dialAs connects to p's embedded server as role, with the password its first start
// wrote under <data-dir>/credentials.
func dialAs(t *testing.T, p *pipeline, role bus.Role) *natsClient {
	t.Helper()
	pw, err := bus.ReadSecretFile(bus.PasswordFile(p.app.CredentialsDir(), role))
	if err != nil {
		t.Fatal(err)
	}
	c := &natsClient{errs: make(chan error, 64)}
	c.nc, err = nats.Connect(p.app.NATSURL(), nats.UserInfo(bus.UserName(role), pw),
		nats.CustomInboxPrefix(bus.InboxPrefix(role)),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			select {
			case c.errs <- err:
			default:
			}
		}))
	if err != nil {
		t.Fatalf("connect as %s: %v", role, err)
	}
	t.Cleanup(c.nc.Close)
	return c
}

// connectAs is dialAs for tests that only need the connection.
func connectAs(t *testing.T, p *pipeline, role bus.Role) *nats.Conn { return dialAs(t, p, role).nc }

// refused publishes data to subject and waits for the server's permission violation
// naming that subject.
func (c *natsClient) refused(t *testing.T, subject string, data []byte) {
	t.Helper()
	if err := c.nc.Publish(subject, data); err != nil {
		t.Fatalf("publish %s: %v", subject, err)
	}
	_ = c.nc.Flush()
	c.expectViolation(t, subject)
}

func (c *natsClient) expectViolation(t *testing.T, subject string) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case err := <-c.errs:
			if errors.Is(err, nats.ErrPermissionViolation) && strings.Contains(err.Error(), subject) {
				return
			}
		case <-deadline:
			t.Fatalf("no permission violation for %s", subject)
		}
	}
}

func streamMsgs(t *testing.T, p *pipeline, stream string) uint64 {
	t.Helper()
	js, err := jetstream.New(p.app.Conn())
	if err != nil {
		t.Fatal(err)
	}
	s, err := js.Stream(t.Context(), stream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}

// The embedded server takes no anonymous client and no wrong password, on its
// listener or in-process.
func TestNATSRefusesAnonymousClients(t *testing.T) {
	p := start(t, t.TempDir(), app.TargetGateway)
	if nc, err := nats.Connect(p.app.NATSURL()); err == nil {
		nc.Close()
		t.Fatal("anonymous client connected")
	} else if !strings.Contains(strings.ToLower(err.Error()), "authorization") {
		t.Fatalf("anonymous client: %v, want an authorization violation", err)
	}
	if nc, err := nats.Connect(p.app.NATSURL(), nats.UserInfo(bus.UserName(bus.RoleHolder), "guessed")); err == nil {
		nc.Close()
		t.Fatal("client with a wrong password connected")
	}
	if _, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir()}); err == nil {
		t.Fatal("embedded server started without credentials")
	}
}

// The attacks of issue 12 with credentials that are not the holder's: a forged
// RELEASED decision and a forged no-findings assessment for a pending post with an NHS
// number are refused by the server and land in no stream; the post stays pending. The
// linker cannot publish decisions either, and the platform cannot read posts.
func TestNATSRefusesForgedDecisionsAndAssessments(t *testing.T) {
	// No linker: the post stays pending, so only a forgery could decide it.
	p := start(t, t.TempDir(), app.TargetGateway, app.TargetHolder)
	st := submit(t, p, post("forge-1", nhsBody), 300*time.Millisecond)
	if st.Decision != mosaicv1.Decision_DECISION_PENDING {
		t.Fatalf("got %s, want PENDING without a linker", st.Decision)
	}

	forgedPost := post("forge-1", nhsBody)
	decision, _ := proto.Marshal(&mosaicv1.DecisionEvent{Status: &mosaicv1.PostStatus{
		PostId: "forge-1", Revision: 1, AuthorId: forgedPost.AuthorId, ForumId: forgedPost.ForumId,
		Decision: mosaicv1.Decision_DECISION_RELEASED, DecidedBy: "mosaic",
	}})
	assessment, _ := proto.Marshal(&mosaicv1.Assessment{Post: forgedPost, DetectorVersion: app.DetectorVersion})
	assessSubject := bus.SubjectAssessment(bus.Partition(forgedPost.AuthorId, 4))
	decisionSubject := bus.SubjectDecision(forgedPost.ForumId)

	gw := dialAs(t, p, bus.RoleGateway)
	gw.refused(t, decisionSubject, decision)
	gw.refused(t, assessSubject, assessment)
	gw.refused(t, bus.SubjectNotice(forgedPost.AuthorId), []byte("x"))
	// Nor reconfigure or delete the decisions stream (e.g. to source it from a stream
	// the gateway can write).
	gw.refused(t, "$JS.API.STREAM.UPDATE."+bus.StreamDecisions, []byte(`{"name":"MOSAIC_DECISIONS"}`))
	gw.refused(t, "$JS.API.STREAM.DELETE."+bus.StreamDecisions, nil)
	gw.refused(t, "$JS.API.STREAM.PURGE."+bus.StreamDecisions, nil)
	// Through JetStream the forged publish is not acknowledged.
	gwJS, _ := jetstream.New(gw.nc)
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	_, err := gwJS.Publish(ctx, decisionSubject, decision)
	cancel()
	if err == nil {
		t.Fatal("JetStream acknowledged the gateway's forged decision")
	}

	ln := dialAs(t, p, bus.RoleLinker)
	ln.refused(t, decisionSubject, decision)
	ln.refused(t, bus.SubjectOutcome(0), []byte("x"))
	ln.refused(t, bus.SubjectSubmitted(0), []byte("x"))

	pf := dialAs(t, p, bus.RolePlatform)
	pf.refused(t, decisionSubject, decision)
	pf.refused(t, assessSubject, assessment)
	pf.refused(t, bus.SubjectSubmitted(0), []byte("x"))
	// The platform reads decisions and notices, not posts or assessments.
	if _, err := pf.nc.SubscribeSync("mosaic.posts.>"); err != nil {
		t.Fatal(err)
	}
	_ = pf.nc.Flush()
	pf.expectViolation(t, "mosaic.posts.>")
	if _, err := pf.nc.SubscribeSync("mosaic.assessments.*"); err != nil {
		t.Fatal(err)
	}
	_ = pf.nc.Flush()
	pf.expectViolation(t, "mosaic.assessments.*")

	time.Sleep(300 * time.Millisecond) // let anything that did land be decided
	for _, s := range []string{bus.StreamDecisions, bus.StreamAssessments, bus.StreamNotices} {
		if n := streamMsgs(t, p, s); n != 0 {
			t.Errorf("%s holds %d messages after the forgeries, want 0", s, n)
		}
	}
	resp, err := p.gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: "forge-1"})
	if err != nil || resp.Status.Decision != mosaicv1.Decision_DECISION_PENDING {
		t.Fatalf("after the forgeries: %v %v, want PENDING", resp, err)
	}
}

// The first start writes one password per NATS user, 0600 in a 0700 directory; a
// restart reuses them (tightening a file made readable by others), the pipeline still
// decides, and the platform reads decisions with the README's `nats sub` subject.
func TestNATSCredentialsPersistAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	p := start(t, dir)
	credDir := filepath.Join(dir, "credentials")
	if p.app.CredentialsDir() != credDir {
		t.Fatalf("credentials in %q, want %q", p.app.CredentialsDir(), credDir)
	}
	mode := func(path string) os.FileMode {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return st.Mode().Perm()
	}
	if m := mode(credDir); m != 0o700 {
		t.Fatalf("credentials directory mode %v, want 0700", m)
	}
	first := map[bus.Role]string{}
	for _, r := range bus.Roles() {
		f := bus.PasswordFile(credDir, r)
		if m := mode(f); m != 0o600 {
			t.Fatalf("%s mode %v, want 0600", f, m)
		}
		pw, err := bus.ReadSecretFile(f)
		if err != nil || len(pw) < 40 {
			t.Fatalf("%s: %q %v, want a random password", f, pw, err)
		}
		first[r] = pw
	}
	if first[bus.RoleGateway] == first[bus.RoleHolder] {
		t.Fatal("two roles share a password")
	}
	if st := submit(t, p, post("cred-1", benignBody), 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("before restart: %s, want RELEASED", st.Decision)
	}
	p.stop()

	if err := os.Chmod(bus.PasswordFile(credDir, bus.RolePlatform), 0o644); err != nil {
		t.Fatal(err)
	}
	p2 := start(t, dir)
	for _, r := range bus.Roles() {
		f := bus.PasswordFile(credDir, r)
		pw, err := bus.ReadSecretFile(f)
		if err != nil || pw != first[r] {
			t.Fatalf("%s changed across the restart", f)
		}
		if m := mode(f); m != 0o600 {
			t.Fatalf("%s mode %v after restart, want 0600", f, m)
		}
	}
	pf := connectAs(t, p2, bus.RolePlatform)
	sub, err := pf.SubscribeSync("mosaic.decisions.>")
	if err != nil {
		t.Fatal(err)
	}
	if err := pf.Flush(); err != nil {
		t.Fatal(err)
	}
	if st := submit(t, p2, post("cred-2", nhsBody), 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("after restart: %s, want HELD", st.Decision)
	}
	msg, err := sub.NextMsg(10 * time.Second)
	if err != nil {
		t.Fatalf("platform subscriber: %v", err)
	}
	ev := &mosaicv1.DecisionEvent{}
	if err := proto.Unmarshal(msg.Data, ev); err != nil || ev.Status.GetPostId() != "cred-2" {
		t.Fatalf("platform received %v %v, want cred-2's decision", ev, err)
	}
}
