// Package grpcx builds Mosaic's gRPC server: request validation at the edge (a request
// that does not decode is InvalidArgument too, see edgeCodec), panic
// recovery, structured access logs, the standard health service and reflection (so
// grpcurl works), and a graceful stop bounded by a deadline.
package grpcx

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"runtime/debug"
	"time"

	"buf.build/go/protovalidate"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// Options configures a Server.
type Options struct {
	Logger *slog.Logger
	// MaxRecvBytes bounds a request message; it must exceed the body limit so that an
	// oversize body gets a clear InvalidArgument rather than a transport error.
	MaxRecvBytes int
	// Creds secures the transport (TLS); nil serves plaintext.
	Creds credentials.TransportCredentials
	// Unary and Stream interceptors run after panic recovery and the access log and
	// before request validation: authentication, so that an anonymous caller learns
	// nothing from validation errors.
	Unary  []grpc.UnaryServerInterceptor
	Stream []grpc.StreamServerInterceptor
}

// Server is a gRPC server with health and reflection.
type Server struct {
	*grpc.Server
	Health *health.Server
	log    *slog.Logger
}

// New builds a Server. Register services on it, then call SetServing.
func New(o Options) (*Server, error) {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.MaxRecvBytes == 0 {
		o.MaxRecvBytes = 4 << 20
	}
	v, err := protovalidate.New()
	if err != nil {
		return nil, fmt.Errorf("grpcx: validator: %w", err)
	}
	log := o.Logger.With("component", "grpc")
	unary := append([]grpc.UnaryServerInterceptor{recoverUnary(log), forgetUndecodable, logUnary(log)}, o.Unary...)
	stream := append([]grpc.StreamServerInterceptor{recoverStream(log)}, o.Stream...)
	opts := []grpc.ServerOption{
		grpc.MaxRecvMsgSize(o.MaxRecvBytes),
		grpc.ForceServerCodecV2(newEdgeCodec()),
		grpc.ChainUnaryInterceptor(append(unary, ValidationUnaryInterceptor(v))...),
		grpc.ChainStreamInterceptor(append(stream, ValidationStreamInterceptor(v))...),
	}
	if o.Creds != nil {
		opts = append(opts, grpc.Creds(o.Creds))
	}
	s := grpc.NewServer(opts...)
	hs := health.NewServer()
	// NOT_SERVING until the process is ready (SetServing).
	hs.SetServingStatus("", healthpb.HealthCheckResponse_NOT_SERVING)
	healthpb.RegisterHealthServer(s, hs)
	reflection.Register(s)
	return &Server{Server: s, Health: hs, log: log}, nil
}

// SetServing marks the server and each named service SERVING.
func (s *Server) SetServing(services ...string) {
	s.Health.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	for _, name := range services {
		s.Health.SetServingStatus(name, healthpb.HealthCheckResponse_SERVING)
	}
}

// Listen opens a TCP listener.
func Listen(addr string) (net.Listener, error) {
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("grpcx: listen on %s: %w", addr, err)
	}
	return lis, nil
}

// Stop reports NOT_SERVING, lets in-flight calls finish until ctx ends, then stops.
func (s *Server) Stop(ctx context.Context) {
	s.Health.Shutdown()
	done := make(chan struct{})
	go func() { s.GracefulStop(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		s.Server.Stop()
	}
}

func recoverUnary(log *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, next grpc.UnaryHandler) (resp any, err error) {
		defer func() {
			if r := recover(); r != nil {
				log.Error("panic in handler", "method", info.FullMethod, "panic", r, "stack", string(debug.Stack()))
				err = status.Error(codes.Internal, "internal error")
			}
		}()
		return next(ctx, req)
	}
}

func recoverStream(log *slog.Logger) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, next grpc.StreamHandler) (err error) {
		defer func() {
			if r := recover(); r != nil {
				log.Error("panic in stream handler", "method", info.FullMethod, "panic", r, "stack", string(debug.Stack()))
				err = status.Error(codes.Internal, "internal error")
			}
		}()
		return next(srv, ss)
	}
}

// forgetUndecodable drops the codec's note about a unary request that did not decode
// when the call ends, so a call refused before the validation interceptor (by
// authentication) leaves nothing behind. Unary requests are decoded before any
// interceptor runs; streamed ones only when the handler receives them.
func forgetUndecodable(ctx context.Context, req any, _ *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
	if m, ok := req.(proto.Message); ok {
		defer undecodable.Delete(m)
	}
	return next(ctx, req)
}

func logUnary(log *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
		start := time.Now()
		resp, err := next(ctx, req)
		code := status.Code(err)
		level := slog.LevelDebug
		// ResourceExhausted is load shedding: under overload it is the answer to most
		// calls, and its owner logs a summary (a line each per call would add to the load).
		if code != codes.OK && code != codes.InvalidArgument && code != codes.NotFound && code != codes.ResourceExhausted {
			level = slog.LevelWarn
		}
		log.Log(ctx, level, "rpc", "method", info.FullMethod, "code", code.String(), "dur", time.Since(start), "err", err)
		return resp, err
	}
}
