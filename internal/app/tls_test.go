package app_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// testPKI is a CA with a server certificate for 127.0.0.1 and a client certificate,
// written as PEM files.
type testPKI struct {
	dir                                                  string
	caFile, serverCert, serverKey, clientCert, clientKey string
}

func newTestPKI(t *testing.T) testPKI {
	t.Helper()
	p := testPKI{dir: t.TempDir()}
	write := func(name, typ string, der []byte) string {
		path := filepath.Join(p.dir, name)
		if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	key := func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	now := time.Now()
	caKey := key()
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mosaic test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	p.caFile = write("ca.pem", "CERTIFICATE", caDER)
	leaf := func(serial int64, usage x509.ExtKeyUsage, certName, keyName string) (string, string) {
		k := key()
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: certName},
			NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
			ExtKeyUsage: []x509.ExtKeyUsage{usage}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &k.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		kd, err := x509.MarshalECPrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		return write(certName+".pem", "CERTIFICATE", der), write(keyName, "EC PRIVATE KEY", kd)
	}
	p.serverCert, p.serverKey = leaf(2, x509.ExtKeyUsageServerAuth, "server", "server-key.pem")
	p.clientCert, p.clientKey = leaf(3, x509.ExtKeyUsageClientAuth, "client", "client-key.pem")
	return p
}

// startTLSServer runs a NATS server like deploy/nats describes: TLS with client
// certificates required, and the users of every role with their grants.
func startTLSServer(t *testing.T, pki testPKI, creds *bus.Credentials) string {
	t.Helper()
	cert, err := tls.LoadX509KeyPair(pki.serverCert, pki.serverKey)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	caPEM, _ := os.ReadFile(pki.caFile)
	pool.AppendCertsFromPEM(caPEM)
	var users []*server.User
	for _, r := range bus.Roles() {
		g := bus.Permissions(r)
		perms := &server.Permissions{
			Publish:   &server.SubjectPermission{Allow: g.Publish},
			Subscribe: &server.SubjectPermission{Allow: g.Subscribe, Deny: g.SubscribeDeny},
		}
		if g.AllowResponses {
			perms.Response = &server.ResponsePermission{MaxMsgs: 1, Expires: time.Minute}
		}
		users = append(users, &server.User{Username: bus.UserName(r), Password: creds.Password(r), Permissions: perms})
	}
	srv, err := server.NewServer(&server.Options{
		Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoSigs: true, NoLog: true,
		TLS: true, TLSVerify: true, TLSTimeout: 2,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}, ClientCAs: pool,
			ClientAuth: tls.RequireAndVerifyClientCert, MinVersion: tls.VersionTLS12},
		Users: users,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv.Start()
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	if !srv.ReadyForConnections(10 * time.Second) {
		t.Fatal("tls nats server not ready")
	}
	return "tls://" + srv.Addr().String()
}

// Split mode against an external server with TLS and client certificates: each
// process connects with --nats-ca, --nats-tls-cert/--nats-tls-key and its own user
// (--nats-user, --nats-password-file), and posts are decided. A client that does not
// trust the server's CA, or has no client certificate, is refused.
func TestExternalNATSWithTLSAndPerRoleUsers(t *testing.T) {
	pki := newTestPKI(t)
	credDir := filepath.Join(t.TempDir(), "credentials")
	creds, err := bus.LoadOrCreateCredentials(credDir, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	url := startTLSServer(t, pki, creds)
	logger := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))

	var gw *app.App
	for _, target := range []string{app.TargetHolder, app.TargetLinker, app.TargetGateway} {
		cfg := app.DefaultConfig()
		cfg.DataDir = t.TempDir()
		cfg.NATSURL = url
		cfg.GRPCAddr = "127.0.0.1:0"
		cfg.HTTPAddr = ""
		cfg.Targets = []string{target}
		cfg.Topology.Partitions = 2
		role := bus.Role(target)
		cfg.NATSAuth = bus.ClientAuth{User: bus.UserName(role), PasswordFile: bus.PasswordFile(credDir, role),
			CAFile: pki.caFile, CertFile: pki.clientCert, KeyFile: pki.clientKey}
		a, err := app.New(cfg, logger)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Start(t.Context()); err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			_ = a.Stop(ctx)
		})
		gw = a
	}
	cc, err := grpc.NewClient(gw.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithPerRPCCredentials(authn.Bearer(gw.PlatformToken())))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	p := &pipeline{gw: mosaicv1.NewGatewayServiceClient(cc)}
	if st := submit(t, p, post("tls-1", nhsBody), 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("over TLS: %s, want HELD", st.Decision)
	}
	if st := submit(t, p, post("tls-2", benignBody), 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("over TLS: %s, want RELEASED", st.Decision)
	}

	user := nats.UserInfo(bus.UserName(bus.RolePlatform), creds.Password(bus.RolePlatform))
	if nc, err := nats.Connect(url, user, nats.ClientCert(pki.clientCert, pki.clientKey)); err == nil {
		nc.Close()
		t.Fatal("connected without trusting the server's CA")
	}
	if nc, err := nats.Connect(url, user, nats.RootCAs(pki.caFile)); err == nil {
		nc.Close()
		t.Fatal("connected without a client certificate")
	}
	nc, err := nats.Connect(url, user, nats.RootCAs(pki.caFile), nats.ClientCert(pki.clientCert, pki.clientKey))
	if err != nil {
		t.Fatalf("platform over TLS: %v", err)
	}
	nc.Close()
}
