package app_test

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Split mode: each service in its own App against one external NATS server, with two
// linkers dividing the author partitions between them: every post of every author is
// assessed and decided. Each process logs in as its own NATS user (--nats-user,
// --nats-password-file), with only that component's permissions.
func TestSplitDeploymentWithPartitionedLinkers(t *testing.T) {
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
	url := srv.ClientURL()
	logger := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))

	startApp := func(target string, parts []int) *app.App {
		cfg := app.DefaultConfig()
		cfg.DataDir = t.TempDir()
		cfg.NATSURL = url
		role := bus.Role(target)
		cfg.NATSAuth = bus.ClientAuth{User: bus.UserName(role), PasswordFile: bus.PasswordFile(credDir, role)}
		cfg.GRPCAddr = "127.0.0.1:0"
		cfg.HealthAddr = "127.0.0.1:0"
		cfg.Targets = []string{target}
		cfg.Topology.Partitions = 4
		cfg.LinkerPartitions = parts
		a, err := app.New(cfg, logger)
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
	gw := startApp(app.TargetGateway, nil)
	hd := startApp(app.TargetHolder, nil)
	l1 := startApp(app.TargetLinker, []int{0, 1})
	l2 := startApp(app.TargetLinker, []int{2, 3})

	// Every process answers probes on its plaintext health address (--health-addr), the
	// linkers too, for its own target only; the API is not served there.
	for _, p := range []struct {
		a      *app.App
		target string
	}{{gw, app.TargetGateway}, {hd, app.TargetHolder}, {l1, app.TargetLinker}, {l2, app.TargetLinker}} {
		checkHealth(t, p.a.HealthAddr(), p.target)
	}

	cc, err := grpc.NewClient(gw.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithPerRPCCredentials(authn.Bearer(gw.PlatformToken())))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	client := mosaicv1.NewGatewayServiceClient(cc)

	const authors, perAuthor = 12, 3
	var wg sync.WaitGroup
	errs := make(chan error, authors*perAuthor)
	for a := range authors {
		wg.Go(func() {
			for i := range perAuthor {
				po := post(fmt.Sprintf("split-%d-%d", a, i), benignBody)
				po.AuthorId = fmt.Sprintf("author-%d", a)
				st := submit(t, &pipeline{gw: client}, po, 20*time.Second)
				if st.Decision != mosaicv1.Decision_DECISION_RELEASED {
					errs <- fmt.Errorf("%s: %s", po.PostId, st.Decision)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// checkHealth asks the health service at addr about the process, its target and the
// other targets: the process and its target are SERVING, another target is unknown
// (NotFound), and GatewayService is not served there.
func checkHealth(t *testing.T, addr, target string) {
	t.Helper()
	if addr == "" {
		t.Fatalf("%s: no health address", target)
	}
	cc, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	hc := healthpb.NewHealthClient(cc)
	for _, svc := range []string{"", "mosaic." + target} {
		resp, err := hc.Check(t.Context(), &healthpb.HealthCheckRequest{Service: svc})
		if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			t.Errorf("%s at %s: health of %q = %v, %v; want SERVING", target, addr, svc, resp.GetStatus(), err)
		}
	}
	for _, other := range []string{app.TargetGateway, app.TargetLinker, app.TargetHolder} {
		if other == target {
			continue
		}
		if _, err := hc.Check(t.Context(), &healthpb.HealthCheckRequest{Service: "mosaic." + other}); status.Code(err) != codes.NotFound {
			t.Errorf("%s at %s: health of mosaic.%s = %v; want NotFound", target, addr, other, err)
		}
	}
	_, err = mosaicv1.NewGatewayServiceClient(cc).GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: "p"})
	if status.Code(err) != codes.Unimplemented {
		t.Errorf("%s at %s: GatewayService on the health address: %v; want Unimplemented", target, addr, err)
	}
}

// A split deployment started on a cluster that is itself still starting: three NATS
// servers with JetStream (replicas 3) are started and, without waiting for them to
// form a cluster and elect a metadata leader, the gateway, the holder and two linkers
// start at once against them. Each retries stream and consumer creation until the
// cluster answers, and Start returns only when its components consume; then every post
// is decided. MOSAIC_SPLIT_STARTS sets how many fresh starts (default 2).
func TestSplitDeploymentStartsOnAClusterComingUp(t *testing.T) {
	starts := 2
	if v := os.Getenv("MOSAIC_SPLIT_STARTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("MOSAIC_SPLIT_STARTS=%q: want a positive number", v)
		}
		starts = n
	}
	for i := range starts {
		t.Run(fmt.Sprintf("start-%d", i+1), func(t *testing.T) { splitStartOnNewCluster(t) })
	}
}

func splitStartOnNewCluster(t *testing.T) {
	urls := startCluster(t, 3)
	logger := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	type started struct {
		a   *app.App
		err error
	}
	targets := []struct {
		target string
		parts  []int
	}{{app.TargetGateway, nil}, {app.TargetHolder, nil}, {app.TargetLinker, []int{0, 1}}, {app.TargetLinker, []int{2, 3}}}
	results := make([]started, len(targets))
	var wg sync.WaitGroup
	for i, tg := range targets {
		wg.Go(func() {
			cfg := app.DefaultConfig()
			cfg.DataDir = t.TempDir()
			cfg.NATSURL = strings.Join(urls, ",")
			cfg.GRPCAddr = "127.0.0.1:0"
			cfg.Targets = []string{tg.target}
			cfg.Topology.Partitions = 4
			cfg.Topology.Replicas = 3
			cfg.LinkerPartitions = tg.parts
			cfg.StartTimeout = 2 * time.Minute
			a, err := app.New(cfg, logger)
			if err == nil {
				err = a.Start(t.Context())
			}
			results[i] = started{a, err}
		})
	}
	wg.Wait()
	for i, r := range results {
		if r.err != nil {
			t.Fatalf("%s did not start: %v", targets[i].target, r.err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			_ = r.a.Stop(ctx)
		})
	}
	gw := results[0].a
	cc, err := grpc.NewClient(gw.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithPerRPCCredentials(authn.Bearer(gw.PlatformToken())))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	// Start returned, so health says SERVING.
	h, err := healthpb.NewHealthClient(cc).Check(t.Context(), &healthpb.HealthCheckRequest{})
	if err != nil || h.Status != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health after start: %v %v", h, err)
	}
	client := &pipeline{gw: mosaicv1.NewGatewayServiceClient(cc)}
	for a := range 8 {
		po := post(fmt.Sprintf("cluster-%d", a), benignBody)
		po.AuthorId = fmt.Sprintf("author-%d", a)
		if st := submit(t, client, po, 60*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
			t.Errorf("%s: %s", po.PostId, st.Decision)
		}
	}
}

// startCluster starts n clustered NATS servers with JetStream, not waiting for them
// to form the cluster, and returns their client URLs.
func startCluster(t *testing.T, n int) []string {
	t.Helper()
	ports := make([]int, n)
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ports[i] = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	var urls []string
	for i := range n {
		var routes []*url.URL
		for j, p := range ports {
			if j != i {
				routes = append(routes, &url.URL{Scheme: "nats", Host: fmt.Sprintf("127.0.0.1:%d", p)})
			}
		}
		srv, err := server.NewServer(&server.Options{
			ServerName: fmt.Sprintf("n%d", i), Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(),
			Cluster: server.ClusterOpts{Name: "mosaic-test", Host: "127.0.0.1", Port: ports[i]},
			Routes:  routes, NoSigs: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		srv.Start()
		t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
		if !srv.ReadyForConnections(10 * time.Second) {
			t.Fatalf("server %d not accepting connections", i)
		}
		urls = append(urls, srv.ClientURL())
	}
	return urls
}
