package app

import (
	"context"
	"fmt"
	"net"

	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"
)

// serveHealth serves the standard gRPC health service alone (with reflection, which
// then lists only it, for grpcurl), in plaintext and without authentication, on
// --health-addr: for orchestrators' probes (Kubernetes' grpc probe speaks no TLS) and
// for the linker, which serves no gRPC API of its own. It holds no data. It reports
// SERVING once the process has started ("" and every gRPC service this process
// registered, plus mosaic.<target> for each target it runs) and NOT_SERVING from the
// moment shutdown begins.
func (a *App) serveHealth() error {
	if a.cfg.HealthAddr == "" {
		return nil
	}
	lis, err := net.Listen("tcp", a.cfg.HealthAddr)
	if err != nil {
		return fmt.Errorf("--health-addr: listen on %s: %w", a.cfg.HealthAddr, err)
	}
	a.healthLis = lis
	srv := grpc.NewServer()
	hs := health.NewServer()
	healthpb.RegisterHealthServer(srv, hs)
	reflection.Register(srv) // so grpcurl can ask it too; it lists only the health service
	hs.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	for _, name := range a.grpcServices {
		hs.SetServingStatus(name, healthpb.HealthCheckResponse_SERVING)
	}
	for _, t := range []string{TargetGateway, TargetLinker, TargetHolder} {
		if a.cfg.Runs(t) {
			hs.SetServingStatus("mosaic."+t, healthpb.HealthCheckResponse_SERVING)
		}
	}
	a.goRun("health", func(context.Context) error { return srv.Serve(lis) })
	a.onStop("health server", func(ctx context.Context) error {
		hs.Shutdown()
		done := make(chan struct{})
		go func() { srv.GracefulStop(); close(done) }()
		select {
		case <-done:
		case <-ctx.Done():
			srv.Stop()
		}
		return nil
	})
	a.log.Info("health service", "addr", lis.Addr().String())
	return nil
}

// HealthAddr is the address of the health service (--health-addr), empty if it is off.
func (a *App) HealthAddr() string {
	if a.healthLis == nil {
		return ""
	}
	return a.healthLis.Addr().String()
}
