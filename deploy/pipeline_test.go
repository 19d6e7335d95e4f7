package deploy_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/mosaicgw/mosaic/internal/authn"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// TestKubernetesPipeline runs the Kubernetes deployment on this machine, as close to
// the cluster as a test gets without one: the NATS node of nats.conf with
// make-secrets' secrets, and one process of the real binary per Mosaic workload of
// mosaic.yaml, each started with exactly the flags and environment its container gets
// (the mosaic ConfigMap, env, args), every file path resolved through the pod's volume
// mounts to the secret or ConfigMap file the kustomization generates it from, the
// data directory a temporary one, 0.0.0.0 listeners on free loopback ports and the NATS
// Service's name on the local node. Then the deploy/README walk-through: every health
// service SERVING, a post submitted over TLS with the platform token decided (one
// released, one held), the held one in the moderator's queue over TLS with the
// generated moderator token, and the console answering over HTTPS; every metrics port
// answers a scrape, and the held post's text is in plaintext on no volume (the NATS
// store, every Badger directory).
func TestKubernetesPipeline(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil || testing.Short() {
		t.Skip("needs openssl and no -short: make-secrets writes the certificates and keys")
	}
	work := t.TempDir()
	secrets := filepath.Join(work, "secrets")
	writeSecrets(t, secrets)
	// As the kubelet mounts them: mode 0440 (defaultMode), group the pod's fsGroup.
	entries, err := os.ReadDir(secrets)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.Chmod(filepath.Join(secrets, e.Name()), 0o440); err != nil {
			t.Fatal(err)
		}
	}
	natsURL, natsStore := startNATS(t, secrets)

	bin := filepath.Join(work, "mosaic")
	build := exec.Command("go", "build", "-o", bin, "./gateway")
	build.Dir = ".."
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	k := readKustomization(t)
	files := map[string]map[string]string{} // generated Secret or ConfigMap -> key -> local file
	for _, g := range k.SecretGenerator {
		files[g.Name] = generatorFiles(g.Files, secrets, true)
	}
	for _, g := range k.ConfigMapGenerator {
		abs, err := filepath.Abs(kdir)
		if err != nil {
			t.Fatal(err)
		}
		files[g.Name] = generatorFiles(g.Files, abs, false)
	}
	b, err := os.ReadFile(filepath.Join(kdir, "mosaic.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	objs := parseObjects(t, "mosaic.yaml", b)
	configData := map[string]map[string]any{}
	for _, o := range objs {
		if str(o, "kind") == "ConfigMap" {
			configData[str(o, "metadata", "name")], _ = get(o, "data").(map[string]any)
		}
	}

	type proc struct {
		name   string
		addrs  map[string]string // port name -> local address
		exited <-chan struct{}
	}
	var procs []proc
	var dataDirs []string
	// The holder first: it brings the streams' settings up to date.
	slices.SortStableFunc(objs, func(a, b obj) int {
		return boolInt(!strings.Contains(str(a, "metadata", "name"), "holder")) - boolInt(!strings.Contains(str(b, "metadata", "name"), "holder"))
	})
	for _, o := range objs {
		kind, name := str(o, "kind"), str(o, "metadata", "name")
		if kind != "Deployment" && kind != "StatefulSet" {
			continue
		}
		spec := get(o, "spec", "template", "spec")
		volumes := map[string]string{} // volume -> generated Secret or ConfigMap
		for _, v := range list(spec, "volumes") {
			if s := str(v, "secret", "secretName"); s != "" {
				volumes[str(v, "name")] = s
			}
			if c := str(v, "configMap", "name"); c != "" {
				volumes[str(v, "name")] = c
			}
		}
		for _, c := range list(spec, "containers") {
			settings := map[string]string{}
			for _, e := range list(c, "envFrom") {
				for key, v := range configData[str(e, "configMapRef", "name")] {
					settings[key] = fmt.Sprint(v)
				}
			}
			for _, e := range list(c, "env") {
				settings[str(e, "name")] = str(e, "value")
			}
			for _, a := range list(c, "args") {
				n, v, _ := strings.Cut(strings.TrimPrefix(fmt.Sprint(a), "--"), "=")
				settings["MOSAIC_"+strings.ToUpper(strings.ReplaceAll(n, "-", "_"))] = v
			}
			mounts := map[string]string{} // mount path -> generated Secret or ConfigMap
			for _, m := range list(c, "volumeMounts") {
				if g, ok := volumes[str(m, "name")]; ok {
					mounts[str(m, "mountPath")] = g
				}
			}
			p := proc{name: name, addrs: map[string]string{}}
			var args []string
			for key, v := range settings {
				flag := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(key, "MOSAIC_"), "_", "-"))
				switch {
				case flag == "data-dir":
					v = filepath.Join(work, name)
					dataDirs = append(dataDirs, v)
				case flag == "nats-url":
					v = strings.Replace(v, "tls://nats:4222", natsURL, 1)
				case flag == "stream-replicas":
					v = "1" // one NATS node here, three in the cluster
				case strings.HasSuffix(flag, "-addr"):
					v = freeAddr(t)
					p.addrs[flag] = v
				case strings.HasPrefix(v, "/"):
					dir, key := filepath.Split(v)
					g, ok := mounts[strings.TrimSuffix(dir, "/")]
					if !ok || files[g][key] == "" {
						t.Fatalf("%s: --%s=%s is not a file of a mounted secret or ConfigMap", name, flag, v)
					}
					v = files[g][key]
				}
				args = append(args, "--"+flag+"="+v)
			}
			slices.Sort(args)
			t.Logf("%s: mosaic %s", name, strings.Join(args, " "))
			p.exited = startProcess(t, bin, filepath.Join(work, name+".log"), args)
			procs = append(procs, p)
		}
	}

	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	for _, p := range procs {
		waitServing(ctx, t, p.name, p.addrs["health-addr"], filepath.Join(work, p.name+".log"), p.exited)
	}

	creds, err := credentials.NewClientTLSFromFile(filepath.Join(secrets, "ca.crt"), "localhost")
	if err != nil {
		t.Fatal(err)
	}
	addrOf := func(name, flag string) string {
		for _, p := range procs {
			if p.name == name {
				return strings.Replace(p.addrs[flag], "127.0.0.1", "localhost", 1)
			}
		}
		t.Fatalf("no %s", name)
		return ""
	}
	dial := func(addr, tokenFile string) *grpc.ClientConn {
		token, err := os.ReadFile(filepath.Join(secrets, tokenFile))
		if err != nil {
			t.Fatal(err)
		}
		cc, err := grpc.NewClient(addr, grpc.WithTransportCredentials(creds), grpc.WithPerRPCCredentials(authn.Bearer(strings.TrimSpace(string(token)))))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cc.Close() })
		return cc
	}
	gw := mosaicv1.NewGatewayServiceClient(dial(addrOf("mosaic-gateway", "grpc-addr"), "platform.token"))
	for _, c := range []struct {
		id, body string
		want     mosaicv1.Decision
	}{
		{"k8s-1", "When do people repeat ferritin after starting oral iron?", mosaicv1.Decision_DECISION_RELEASED},
		{"k8s-2", "2WW referral bounced again. NHS number 943 476 5919, seen Tuesday with weight loss. Anyone else?", mosaicv1.Decision_DECISION_HELD},
	} {
		resp, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: &mosaicv1.Post{PostId: c.id, Revision: 1, AuthorId: "dr-ellison",
			ForumId: "gp-chat", Audience: mosaicv1.Audience_AUDIENCE_MEMBERS, Body: c.body}, Wait: durationpb.New(30 * time.Second)})
		if err != nil {
			t.Fatalf("SubmitPost %s over TLS: %v", c.id, err)
		}
		if got := resp.GetStatus().GetDecision(); got != c.want {
			t.Errorf("%s: %v, want %v", c.id, got, c.want)
		}
	}
	review := mosaicv1.NewReviewServiceClient(dial(addrOf("mosaic-holder", "grpc-addr"), "moderator-admin.token"))
	held, err := review.ListHeldPosts(ctx, &mosaicv1.ListHeldPostsRequest{})
	if err != nil {
		t.Fatalf("ListHeldPosts as mod-admin over TLS: %v", err)
	}
	if len(held.GetPosts()) != 1 || held.GetPosts()[0].GetPostId() != "k8s-2" {
		t.Errorf("the queue holds %v, want k8s-2", held.GetPosts())
	}

	ca, err := os.ReadFile(filepath.Join(secrets, "ca.crt"))
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://"+addrOf("mosaic-holder", "http-addr")+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatalf("console over HTTPS: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode >= 400 {
		t.Errorf("console: %s", resp.Status)
	}

	// Every pod's metrics port answers a scrape (plain HTTP, as the annotations say).
	for _, p := range procs {
		addr := p.addrs["metrics-addr"]
		if addr == "" {
			continue
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/metrics", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("%s: scrape %s: %v", p.name, addr, err)
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("\ngo_goroutines ")) {
			t.Errorf("%s: scrape %s: %s, %v, %d bytes without go_goroutines", p.name, addr, resp.Status, err, len(body))
		}
	}

	// Encrypted at rest: the held post's text is on no volume in plaintext, neither in
	// the NATS node's stream files nor in any Mosaic process's Badger directory. (The
	// processes are still running: what they have written so far is on disk.)
	for _, dir := range append([]string{natsStore}, dataDirs...) {
		if f := fileContaining(t, dir, []byte("943 476 5919")); f != "" {
			t.Errorf("the held post's text is in plaintext in %s", f)
		}
	}

	// Nothing to warn about: no secret readable by others, no plaintext listener
	// beyond the host, no missing file.
	for _, p := range procs {
		out, err := os.ReadFile(filepath.Join(work, p.name+".log"))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.Contains(line, `"level":"WARN"`) || strings.Contains(line, `"level":"ERROR"`) {
				t.Errorf("%s logged: %s", p.name, line)
			}
		}
	}
}

// fileContaining returns the first file under dir whose bytes contain b, "" if none.
func fileContaining(t *testing.T, dir string, b []byte) string {
	t.Helper()
	found := ""
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || found != "" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(data, b) {
			found = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// generatorFiles maps a generator's keys to local files ("key=path" or "path").
func generatorFiles(entries []string, dir string, base bool) map[string]string {
	out := map[string]string{}
	for _, f := range entries {
		key, path, ok := strings.Cut(f, "=")
		if !ok {
			key, path = filepath.Base(f), f
		}
		if base {
			path = filepath.Base(path)
		}
		out[key] = filepath.Join(dir, path)
	}
	return out
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startProcess runs the binary until the test ends, then stops it with SIGTERM (its
// graceful shutdown) and waits. The channel is closed when the process exits.
func startProcess(t *testing.T, bin, logPath string, args []string) <-chan struct{} {
	t.Helper()
	log, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")} // nothing but what the container gets
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		log.Close()
	})
	return done
}

// waitServing asks the health service at addr until it reports SERVING, as the
// startup probe does; it fails with the process's log when ctx ends first.
func waitServing(ctx context.Context, t *testing.T, name, addr, logPath string, exited <-chan struct{}) {
	t.Helper()
	cc, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	hc := healthpb.NewHealthClient(cc)
	for {
		resp, err := hc.Check(ctx, &healthpb.HealthCheckRequest{})
		if err == nil && resp.GetStatus() == healthpb.HealthCheckResponse_SERVING {
			return
		}
		select {
		case <-exited:
			out, _ := os.ReadFile(logPath)
			t.Fatalf("%s exited before it was SERVING:\n%s", name, out)
		case <-ctx.Done():
			out, _ := os.ReadFile(logPath)
			t.Fatalf("%s: not SERVING on %s: %v\n%s", name, addr, err, out)
		case <-time.After(200 * time.Millisecond):
		}
	}
}
