package app_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/review"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// anonymous is a client of p's gRPC server that sends no credentials of its own.
func anonymous(t *testing.T, p *pipeline) *grpc.ClientConn {
	t.Helper()
	cc, err := grpc.NewClient(p.app.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	return cc
}

func wantStatus(t *testing.T, what string, err error, want codes.Code, msgHas string) {
	t.Helper()
	st := status.Convert(err)
	if st.Code() != want || !strings.Contains(st.Message(), msgHas) {
		t.Fatalf("%s: got %v %q, want %v mentioning %q", what, st.Code(), st.Message(), want, msgHas)
	}
}

// recvErr opens a server stream and returns the error of its first receive.
func recvErr[T any](s interface{ Recv() (T, error) }, err error) error {
	if err != nil {
		return err
	}
	_, err = s.Recv()
	return err
}

// Identity on every call: anonymous callers are Unauthenticated (with what to send);
// the platform token acts; a poster token opens only its author's notices; an expired
// or foreign-signed poster token is refused; health and reflection stay open; the
// platform token and the poster-token key are written 0600 on first start.
func TestGRPCCallsNeedIdentity(t *testing.T) {
	dir := t.TempDir()
	p := start(t, dir)
	anon := anonymous(t, p)
	gw, notices := mosaicv1.NewGatewayServiceClient(anon), mosaicv1.NewNoticeServiceClient(anon)
	ctx := t.Context()

	_, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: post("anon-1", benignBody)})
	wantStatus(t, "anonymous SubmitPost", err, codes.Unauthenticated, "platform token")
	_, err = notices.ListNotices(ctx, &mosaicv1.ListNoticesRequest{AuthorId: "dr-test"})
	wantStatus(t, "anonymous ListNotices", err, codes.Unauthenticated, "poster token")
	err = recvErr(notices.WatchNotices(ctx, &mosaicv1.WatchNoticesRequest{AuthorId: "dr-test"}))
	wantStatus(t, "anonymous WatchNotices", err, codes.Unauthenticated, "authorization")
	err = recvErr(gw.WatchDecisions(ctx, &mosaicv1.WatchDecisionsRequest{ForumId: "gp-chat", FromStart: true}))
	wantStatus(t, "anonymous WatchDecisions", err, codes.Unauthenticated, "authorization")
	_, err = gw.DeletePost(ctx, &mosaicv1.DeletePostRequest{PostId: "anon-1"})
	wantStatus(t, "anonymous DeletePost", err, codes.Unauthenticated, "")
	_, err = gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: post("anon-1", benignBody)}, grpc.PerRPCCredentials(authn.Bearer("not-the-platform-token-0123456789")))
	wantStatus(t, "wrong token", err, codes.Unauthenticated, "not the platform token")
	// Nothing an anonymous caller sent was stored.
	if _, err := p.gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: "anon-1"}); status.Code(err) != codes.NotFound {
		t.Fatalf("anonymous post stored: %v", err)
	}

	// Health and reflection hold no data and stay open.
	if h, err := healthpb.NewHealthClient(anon).Check(ctx, &healthpb.HealthCheckRequest{Service: "mosaic.v1.GatewayService"}); err != nil || h.Status != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("anonymous health check: %v %v", h, err)
	}

	// The platform acts for any author (the pipeline's own client sends its token).
	held := submit(t, p, post("own-1", nhsBody), 20*time.Second)
	if held.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("platform submit: %s", held.Decision)
	}
	waitNotice(t, mosaicv1.NewNoticeServiceClient(p.cc), "dr-test")

	// A poster token for dr-test opens dr-test's notices, and nothing else.
	key := p.app.PosterTokenKey()
	tok, err := authn.IssuePosterToken(key, "dr-test", 15*time.Minute, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	asPoster := grpc.PerRPCCredentials(authn.Bearer(tok))
	ns, err := notices.ListNotices(ctx, &mosaicv1.ListNoticesRequest{AuthorId: "dr-test"}, asPoster)
	if err != nil || len(ns.Notices) == 0 {
		t.Fatalf("poster's own notices: %v %v", ns, err)
	}
	_, err = notices.ListNotices(ctx, &mosaicv1.ListNoticesRequest{AuthorId: "dr-other"}, asPoster)
	wantStatus(t, "poster lists another author's notices", err, codes.PermissionDenied, `set author_id to "dr-test"`)
	err = recvErr(notices.WatchNotices(ctx, &mosaicv1.WatchNoticesRequest{AuthorId: "dr-other"}, asPoster))
	wantStatus(t, "poster watches another author's notices", err, codes.PermissionDenied, "dr-other")
	_, err = notices.AppealDecision(ctx, &mosaicv1.AppealDecisionRequest{AuthorId: "dr-other", PostId: "own-1", Statement: "x"}, asPoster)
	wantStatus(t, "poster appeals for another author", err, codes.PermissionDenied, "")
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	watch, err := notices.WatchNotices(wctx, &mosaicv1.WatchNoticesRequest{AuthorId: "dr-test"}, asPoster)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := watch.Recv(); err != nil || n.Notice.GetPostId() != "own-1" {
		t.Fatalf("poster watches own notices: %v %v", n, err)
	}
	_, err = gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: post("own-2", benignBody)}, asPoster)
	wantStatus(t, "poster token on GatewayService", err, codes.PermissionDenied, "forum platform's")

	// Expired, or signed with another key: refused.
	old, err := authn.IssuePosterToken(key, "dr-test", time.Minute, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	_, err = notices.ListNotices(ctx, &mosaicv1.ListNoticesRequest{AuthorId: "dr-test"}, grpc.PerRPCCredentials(authn.Bearer(old)))
	wantStatus(t, "expired poster token", err, codes.Unauthenticated, "expired")
	foreign, err := authn.IssuePosterToken([]byte(strings.Repeat("x", 43)), "dr-test", time.Minute, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	_, err = notices.ListNotices(ctx, &mosaicv1.ListNoticesRequest{AuthorId: "dr-test"}, grpc.PerRPCCredentials(authn.Bearer(foreign)))
	wantStatus(t, "poster token signed with another key", err, codes.Unauthenticated, "signature")

	// The first start wrote the platform token and the poster-token key, owner-only.
	credDir := filepath.Join(dir, "credentials")
	for _, name := range []string{authn.PlatformTokenFile, authn.PosterKeyFile} {
		st, err := os.Stat(filepath.Join(credDir, name))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v %v, want mode 0600", name, st, err)
		}
	}
	if tokFile, _ := bus.ReadSecretFile(filepath.Join(credDir, authn.PlatformTokenFile)); tokFile != p.app.PlatformToken() {
		t.Fatal("platform.token does not hold the token the server accepts")
	}
}

// waitNotice waits until author has at least one notice.
func waitNotice(t *testing.T, c mosaicv1.NoticeServiceClient, author string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		ns, err := c.ListNotices(t.Context(), &mosaicv1.ListNoticesRequest{AuthorId: author})
		if err == nil && len(ns.Notices) > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no notice for %s: %v", author, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// A post id belongs to its first revision's author: another author's revision,
// withdrawal, deletion or appeal is PermissionDenied, and the owner may still act.
func TestPostBelongsToItsFirstAuthor(t *testing.T) {
	p := start(t, t.TempDir())
	ctx := t.Context()
	first := post("owned", nhsBody)
	first.AuthorId = "dr-a"
	if st := submit(t, p, first, 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("first revision: %s", st.Decision)
	}
	second := post("owned", benignBody)
	second.AuthorId, second.Revision = "dr-b", 2
	_, err := p.gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: second, Wait: durationpb.New(time.Second)})
	wantStatus(t, "another author's revision 2", err, codes.PermissionDenied, "belongs to the author of its first revision")
	if st, err := p.gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: "owned"}); err != nil || st.Status.Revision != 1 || st.Status.AuthorId != "dr-a" {
		t.Fatalf("after the refused revision: %v %v", st, err)
	}
	_, err = p.gw.WithdrawPost(ctx, &mosaicv1.WithdrawPostRequest{PostId: "owned", AuthorId: "dr-b"})
	wantStatus(t, "withdraw by another author", err, codes.PermissionDenied, `"dr-b" may not withdraw`)
	_, err = p.gw.DeletePost(ctx, &mosaicv1.DeletePostRequest{PostId: "owned", AuthorId: "dr-b"})
	wantStatus(t, "delete by another author", err, codes.PermissionDenied, `"dr-b" may not delete`)
	notices := mosaicv1.NewNoticeServiceClient(p.cc)
	_, err = notices.AppealDecision(ctx, &mosaicv1.AppealDecisionRequest{AuthorId: "dr-b", PostId: "owned", Statement: "it is mine"})
	wantStatus(t, "appeal by another author", err, codes.PermissionDenied, "first revision")
	// A poster token for dr-b cannot appeal either (its own author id, not the owner).
	tok, err := authn.IssuePosterToken(p.app.PosterTokenKey(), "dr-b", time.Minute, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	_, err = notices.AppealDecision(ctx, &mosaicv1.AppealDecisionRequest{AuthorId: "dr-b", PostId: "owned", Statement: "it is mine"}, grpc.PerRPCCredentials(authn.Bearer(tok)))
	wantStatus(t, "appeal with another author's poster token", err, codes.PermissionDenied, "first revision")

	// Through the NATS intake too: another author's revision is dead-lettered with the
	// reason, not accepted.
	intake, _ := jetstream.New(connectAs(t, p, bus.RolePlatform))
	body, _ := json.Marshal(map[string]any{"postId": "owned", "revision": 3, "authorId": "dr-b", "forumId": "gp-chat",
		"audience": "AUDIENCE_MEMBERS", "body": "intake-takeover " + benignBody})
	if _, err := intake.PublishMsg(ctx, &nats.Msg{Subject: bus.SubjectIntake, Data: body,
		Header: nats.Header{bus.HeaderContentType: []string{bus.ContentTypeJSON}}}); err != nil {
		t.Fatal(err)
	}
	holderJS, _ := jetstream.New(connectAs(t, p, bus.RoleHolder))
	d := deadLetterFor(t, holderJS, bus.SubjectIntake, func(d bus.DeadLetter) bool { return strings.Contains(string(d.Data), "intake-takeover") })
	if !strings.Contains(d.Reason, "first revision") {
		t.Fatalf("intake revision by another author: dead letter reason %q", d.Reason)
	}

	// The owner's revision 2 and withdrawal go through.
	own2 := post("owned", benignBody)
	own2.AuthorId, own2.Revision = "dr-a", 2
	if st := submit(t, p, own2, 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("owner's revision 2: %s", st.Decision)
	}
	if del, err := p.gw.DeletePost(ctx, &mosaicv1.DeletePostRequest{PostId: "owned", AuthorId: "dr-a", Reason: "removed by the author"}); err != nil || !del.Status.Deleted {
		t.Fatalf("owner deletes: %v %v", del, err)
	}
}

// testCA issues certificates for the TLS tests.
type testCA struct {
	dir  string
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	file string
}

func newTestCA(t *testing.T, name string) *testCA {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	ca := &testCA{dir: t.TempDir(), cert: c, key: k}
	ca.file = filepath.Join(ca.dir, "ca.pem")
	writePEM(t, ca.file, "CERTIFICATE", der)
	return ca
}

func writePEM(t *testing.T, path, typ string, der []byte) {
	t.Helper()
	// Written beside and renamed over, as an operator (or cert-manager) replaces files.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// issue writes a certificate for name (and 127.0.0.1) and its key as base.pem and
// base-key.pem.
func (ca *testCA) issue(t *testing.T, base, name string, serial int64, usage x509.ExtKeyUsage) (certFile, keyFile string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{usage}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &k.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	kd, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(ca.dir, base+".pem"), filepath.Join(ca.dir, base+"-key.pem")
	// The key first: a reload between the two writes sees a mismatched pair and keeps
	// the certificate in force until the certificate follows.
	writePEM(t, keyFile, "EC PRIVATE KEY", kd)
	writePEM(t, certFile, "CERTIFICATE", der)
	return certFile, keyFile
}

func (ca *testCA) pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.cert)
	return p
}

func startTLS(t *testing.T, tlsFiles authn.TLSFiles, certNames []string, withConsole bool) *app.App {
	t.Helper()
	cfg := app.DefaultConfig()
	cfg.DataDir = t.TempDir()
	cfg.GRPCAddr = "127.0.0.1:0"
	cfg.NATSListen = ""
	cfg.HTTPAddr = ""
	cfg.Topology.Partitions = 2
	cfg.TLS = tlsFiles
	cfg.PlatformCertNames = certNames
	if withConsole {
		cfg.HTTPAddr = "127.0.0.1:0"
		mods := filepath.Join(cfg.DataDir, "moderators.yaml")
		yml := "moderators:\n  - {id: mod-ana, forums: [gp-chat], token_hash: " + review.HashToken("tok-ana-0123456789abcdef0123456789") + "}\n"
		if err := os.WriteFile(mods, []byte(yml), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg.ModeratorsPath = mods
	}
	a, err := app.New(cfg, slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})))
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
	return a
}

func tlsClient(t *testing.T, addr string, cfg *tls.Config, opts ...grpc.DialOption) *grpc.ClientConn {
	t.Helper()
	cc, err := grpc.NewClient(addr, append(opts, grpc.WithTransportCredentials(credentials.NewTLS(cfg)))...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	return cc
}

// servedSerial is the serial number of the certificate a TLS server at addr presents.
func servedSerial(t *testing.T, addr string, roots *x509.CertPool) int64 {
	t.Helper()
	conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: roots, ServerName: "127.0.0.1"})
	if err != nil {
		t.Fatalf("tls dial %s: %v", addr, err)
	}
	defer conn.Close()
	return conn.ConnectionState().PeerCertificates[0].SerialNumber.Int64()
}

// TLS on gRPC and the console: a client trusting the CA connects (and still needs the
// platform token); one that does not is refused; a replaced certificate is served to
// new connections without a restart.
func TestGRPCAndConsoleOverTLSWithReload(t *testing.T) {
	ca := newTestCA(t, "mosaic test CA")
	certFile, keyFile := ca.issue(t, "server", "mosaic.test", 10, x509.ExtKeyUsageServerAuth)
	a := startTLS(t, authn.TLSFiles{CertFile: certFile, KeyFile: keyFile}, nil, true)
	ctx := t.Context()

	good := tlsClient(t, a.GRPCAddr(), &tls.Config{RootCAs: ca.pool()})
	if h, err := healthpb.NewHealthClient(good).Check(ctx, &healthpb.HealthCheckRequest{}); err != nil || h.Status != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health over TLS: %v %v", h, err)
	}
	gw := mosaicv1.NewGatewayServiceClient(good)
	_, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: post("tls-anon", benignBody)})
	wantStatus(t, "TLS without a token", err, codes.Unauthenticated, "platform token")
	resp, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: post("tls-1", benignBody), Wait: durationpb.New(20 * time.Second)},
		grpc.PerRPCCredentials(authn.Bearer(a.PlatformToken())))
	if err != nil || resp.Status.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("submit over TLS: %v %v", resp, err)
	}

	untrusting := tlsClient(t, a.GRPCAddr(), &tls.Config{RootCAs: x509.NewCertPool()})
	if _, err := healthpb.NewHealthClient(untrusting).Check(ctx, &healthpb.HealthCheckRequest{}); status.Code(err) != codes.Unavailable {
		t.Fatalf("client not trusting the CA: %v, want Unavailable", err)
	}
	plain, err := grpc.NewClient(a.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if _, err := healthpb.NewHealthClient(plain).Check(ctx, &healthpb.HealthCheckRequest{}); err == nil {
		t.Fatal("a plaintext client was served by the TLS listener")
	}

	if got := servedSerial(t, a.GRPCAddr(), ca.pool()); got != 10 {
		t.Fatalf("gRPC serves serial %d, want 10", got)
	}
	if got := servedSerial(t, a.HTTPAddr(), ca.pool()); got != 10 {
		t.Fatalf("console serves serial %d, want 10", got)
	}

	// Rotate: a new certificate in the same files is served to new connections.
	ca.issue(t, "server", "mosaic.test", 11, x509.ExtKeyUsageServerAuth)
	deadline := time.Now().Add(10 * time.Second)
	for servedSerial(t, a.GRPCAddr(), ca.pool()) != 11 || servedSerial(t, a.HTTPAddr(), ca.pool()) != 11 {
		if time.Now().After(deadline) {
			t.Fatal("the rotated certificate was not served within 10 s")
		}
		time.Sleep(200 * time.Millisecond)
	}
	// The connection opened before the rotation goes on working.
	if _, err := healthpb.NewHealthClient(good).Check(ctx, &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatalf("existing connection after rotation: %v", err)
	}
}

// mTLS: with --tls-client-ca a client without a certificate is refused; a client
// certificate named in --platform-cert-names identifies the platform without a token;
// another client certificate only opens the connection.
func TestMutualTLSIdentifiesThePlatform(t *testing.T) {
	ca := newTestCA(t, "mosaic test CA")
	certFile, keyFile := ca.issue(t, "server", "mosaic.test", 20, x509.ExtKeyUsageServerAuth)
	platCert, platKey := ca.issue(t, "platform", "forum-platform", 21, x509.ExtKeyUsageClientAuth)
	otherCert, otherKey := ca.issue(t, "other", "someone-else", 22, x509.ExtKeyUsageClientAuth)
	a := startTLS(t, authn.TLSFiles{CertFile: certFile, KeyFile: keyFile, ClientCAFile: ca.file}, []string{"forum-platform"}, false)
	ctx := t.Context()

	noCert := tlsClient(t, a.GRPCAddr(), &tls.Config{RootCAs: ca.pool()})
	if _, err := healthpb.NewHealthClient(noCert).Check(ctx, &healthpb.HealthCheckRequest{}); status.Code(err) != codes.Unavailable {
		t.Fatalf("mTLS without a client certificate: %v, want Unavailable", err)
	}
	load := func(c, k string) []tls.Certificate {
		pair, err := tls.LoadX509KeyPair(c, k)
		if err != nil {
			t.Fatal(err)
		}
		return []tls.Certificate{pair}
	}
	platform := tlsClient(t, a.GRPCAddr(), &tls.Config{RootCAs: ca.pool(), Certificates: load(platCert, platKey)})
	resp, err := mosaicv1.NewGatewayServiceClient(platform).SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: post("mtls-1", benignBody), Wait: durationpb.New(20 * time.Second)})
	if err != nil || resp.Status.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("platform by certificate: %v %v", resp, err)
	}
	other := tlsClient(t, a.GRPCAddr(), &tls.Config{RootCAs: ca.pool(), Certificates: load(otherCert, otherKey)})
	if _, err := healthpb.NewHealthClient(other).Check(ctx, &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatalf("health with another client certificate: %v", err)
	}
	_, err = mosaicv1.NewGatewayServiceClient(other).SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: post("mtls-2", benignBody)})
	wantStatus(t, "a client certificate not named as the platform", err, codes.Unauthenticated, "platform")
	_, err = mosaicv1.NewGatewayServiceClient(other).GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: "mtls-1"},
		grpc.PerRPCCredentials(authn.Bearer(a.PlatformToken())))
	if err != nil {
		t.Fatalf("platform token over another client certificate: %v", err)
	}
}
