package deploy_test

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// TestKubernetesNATSConfig starts nats-server (the version in go.mod) with the
// Kubernetes configuration (nats.conf and mosaic-accounts.conf, as the nats-config
// ConfigMap mounts them) and the secrets make-secrets writes, as the pod would get
// them: the password hashes from the environment (secret nats-users), the certificate
// from secret nats-tls. Mosaic's gateway user then logs in over TLS with its plaintext
// password, reaches JetStream, and may not publish a decision.
func TestKubernetesNATSConfig(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil || testing.Short() {
		t.Skip("needs openssl and no -short: make-secrets writes the certificates and password hashes")
	}
	secrets := filepath.Join(t.TempDir(), "secrets")
	writeSecrets(t, secrets)
	url, _ := startNATS(t, secrets)
	password, err := os.ReadFile(filepath.Join(secrets, "nats-gateway.password"))
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	nc, err := nats.Connect(url, nats.UserInfo("gateway", strings.TrimSpace(string(password))), nats.Timeout(30*time.Second),
		nats.RootCAs(filepath.Join(secrets, "ca.crt")), nats.CustomInboxPrefix("_INBOX.gateway"),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) { errs <- err }))
	if err != nil {
		t.Fatalf("the gateway user cannot log in over TLS: %v", err)
	}
	defer nc.Close()
	if _, err := nats.Connect(url, nats.UserInfo("gateway", "wrong"), nats.RootCAs(filepath.Join(secrets, "ca.crt"))); err == nil {
		t.Error("a wrong password was accepted")
	}
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.AccountInfo(t.Context()); err != nil {
		t.Errorf("JetStream for the gateway user: %v", err)
	}
	if err := nc.Publish("mosaic.decisions.gp-chat", []byte("forged")); err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-errs:
		if !strings.Contains(strings.ToLower(err.Error()), "permissions violation") {
			t.Errorf("publishing a decision as the gateway: %v; want a permissions violation", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("the gateway user published a decision without a permissions violation")
	}
}

// startNATS runs one node of the Kubernetes NATS configuration (nats.conf and
// mosaic-accounts.conf as the nats-config ConfigMap mounts them) with the secrets in
// dir as the pod gets them: the password hashes in the environment (secret nats-users),
// the certificate from secret nats-tls. It returns the TLS URL clients dial and the
// JetStream store directory (the pod's /data).
func startNATS(t *testing.T, secrets string) (url, storeDir string) {
	t.Helper()
	work := t.TempDir()
	// The pod mounts the ConfigMap at /etc/nats/config, the TLS secret at /etc/nats/tls
	// and its volume at /data; here they are files under work.
	conf, err := os.ReadFile(filepath.Join(kdir, "nats.conf"))
	if err != nil {
		t.Fatal(err)
	}
	c := strings.NewReplacer(
		"/etc/nats/tls/tls.crt", filepath.Join(secrets, "nats.crt"),
		"/etc/nats/tls/tls.key", filepath.Join(secrets, "nats.key"),
		"/etc/nats/tls/ca.crt", filepath.Join(secrets, "ca.crt"),
		"store_dir: /data", "store_dir: "+filepath.Join(work, "data"),
		"/tmp/nats.pid", filepath.Join(work, "nats.pid"),
	).Replace(string(conf))
	if err := os.WriteFile(filepath.Join(work, "nats.conf"), []byte(c), 0o600); err != nil {
		t.Fatal(err)
	}
	accounts, err := os.ReadFile(filepath.Join(kdir, "mosaic-accounts.conf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "mosaic-accounts.conf"), accounts, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("POD_NAME", "nats-0")
	// The environment of the nats container: every Secret its envFrom names, as the
	// kustomization generates them from make-secrets' env files.
	for _, f := range natsEnvFiles(t) {
		env, err := os.Open(filepath.Join(secrets, filepath.Base(f)))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(env)
		for sc.Scan() {
			k, v, ok := strings.Cut(sc.Text(), "=")
			if ok {
				t.Setenv(k, v) // as the secret gives it, double quotes included
			}
		}
		env.Close()
	}

	opts, err := server.ProcessConfigFile(filepath.Join(work, "nats.conf"))
	if err != nil {
		t.Fatalf("nats-server rejects the configuration: %v", err)
	}
	if opts.ServerName != "nats-0" || !opts.JetStream || opts.TLSConfig == nil || opts.Cluster.TLSConfig == nil || len(opts.Routes) != 3 {
		t.Fatalf("configuration: server %q, jetstream %v, client TLS %v, route TLS %v, %d routes; want nats-0, JetStream, TLS on both, 3 routes",
			opts.ServerName, opts.JetStream, opts.TLSConfig != nil, opts.Cluster.TLSConfig != nil, len(opts.Routes))
	}
	// The stream files are encrypted under the key of secret nats-jetstream.
	if opts.JetStreamCipher != server.AES || len(opts.JetStreamKey) < 32 {
		t.Fatalf("configuration: JetStream cipher %v with a key of %d characters; want AES under a key of at least 32 from the environment",
			opts.JetStreamCipher, len(opts.JetStreamKey))
	}
	// One node alone, on free ports: the routes name pods that do not exist here.
	opts.Port, opts.HTTPPort, opts.Routes, opts.Cluster = -1, -1, nil, server.ClusterOpts{}
	opts.NoSigs = true
	srv, err := server.NewServer(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv.Start()
	t.Cleanup(srv.Shutdown)
	if !srv.ReadyForConnections(20 * time.Second) {
		t.Fatal("nats-server did not start")
	}
	return fmt.Sprintf("tls://localhost:%d", srv.Addr().(*net.TCPAddr).Port), filepath.Join(work, "data")
}

// natsEnvFiles are the env files (under secrets/) of the generated Secrets the nats
// StatefulSet's containers load with envFrom.
func natsEnvFiles(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(kdir, "nats.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, o := range parseObjects(t, "nats.yaml", b) {
		if str(o, "kind") != "StatefulSet" {
			continue
		}
		for _, c := range list(o, "spec", "template", "spec", "containers") {
			for _, e := range list(c, "envFrom") {
				if n := str(e, "secretRef", "name"); n != "" {
					refs = append(refs, n)
				}
			}
		}
	}
	var files []string
	for _, g := range readKustomization(t).SecretGenerator {
		if slices.Contains(refs, g.Name) {
			files = append(files, g.Envs...)
		}
	}
	if len(files) == 0 {
		t.Fatalf("the nats StatefulSet loads no generated Secret as its environment (envFrom %v)", refs)
	}
	return files
}
