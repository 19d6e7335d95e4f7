package telemetry

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
	"google.golang.org/grpc/metadata"
)

// TracerName is the instrumentation scope of Mosaic's spans.
const TracerName = "github.com/mosaicgw/mosaic"

// Tracer returns Mosaic's tracer from tp; a nil tp gives a tracer that records nothing
// (tracing off) but still carries a trace context it is handed.
func Tracer(tp trace.TracerProvider) trace.Tracer {
	if tp == nil {
		tp = noop.NewTracerProvider()
	}
	return tp.Tracer(TracerName)
}

// FlushTimeout bounds the flush of spans not yet sent when the process stops.
const FlushTimeout = 3 * time.Second

// LogErrors sends OpenTelemetry's own errors (a collector that cannot be reached, spans
// dropped) to log instead of the standard logger. OpenTelemetry keeps one error
// handler per process: the binary sets it, not each App.
func LogErrors(log *slog.Logger) {
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(err error) {
		log.Warn("opentelemetry", "err", err)
	}))
}

// TracingOptions configures the OTLP trace exporter.
type TracingOptions struct {
	// Endpoint is the OTLP/gRPC collector: a URL, http://host:4317 for plaintext or
	// https://host:4317 for TLS; a bare host:port means TLS.
	Endpoint string
	// ServiceName names the process in the traces (service.name).
	ServiceName string
	// Version is service.version.
	Version string
}

// NewTracerProvider returns a tracer provider that batches spans to the OTLP/gRPC
// endpoint; its Shutdown flushes the spans not yet sent. Every post is sampled (the
// SDK's default, ParentBased(AlwaysSample)): one trace per post.
func NewTracerProvider(ctx context.Context, o TracingOptions) (*sdktrace.TracerProvider, error) {
	if o.Endpoint == "" {
		return nil, fmt.Errorf("--otlp-endpoint: empty")
	}
	opts := []otlptracegrpc.Option{otlptracegrpc.WithTimeout(5 * time.Second)}
	if hasScheme(o.Endpoint) {
		opts = append(opts, otlptracegrpc.WithEndpointURL(o.Endpoint))
	} else {
		opts = append(opts, otlptracegrpc.WithEndpoint(o.Endpoint))
	}
	// The exporter connects lazily: a collector that is down loses spans (logged by
	// the SDK), never stops the process.
	exp, err := otlptracegrpc.New(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("--otlp-endpoint: %w", err)
	}
	res, err := resource.Merge(resource.Default(), resource.NewSchemaless(
		semconv.ServiceName(o.ServiceName), semconv.ServiceVersion(o.Version)))
	if err != nil {
		return nil, fmt.Errorf("otel resource: %w", err)
	}
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res)), nil
}

func hasScheme(endpoint string) bool {
	return strings.HasPrefix(endpoint, "http://") || strings.HasPrefix(endpoint, "https://")
}

// traceContext is the W3C Trace Context propagator (traceparent, tracestate), used
// without OpenTelemetry's process-wide globals.
var traceContext = propagation.TraceContext{}

// FromIncomingGRPC returns ctx carrying the caller's span context, when the forum
// platform sent a traceparent in the gRPC metadata, so its trace goes on through Mosaic.
func FromIncomingGRPC(ctx context.Context) context.Context {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return ctx
	}
	return traceContext.Extract(ctx, metadataCarrier(md))
}

// metadataCarrier adapts gRPC metadata (lower-case keys) to the propagation carrier.
type metadataCarrier metadata.MD

func (c metadataCarrier) Get(key string) string {
	if vs := metadata.MD(c).Get(key); len(vs) > 0 {
		return vs[0]
	}
	return ""
}
func (c metadataCarrier) Set(key, value string) { metadata.MD(c).Set(key, value) }
func (c metadataCarrier) Keys() []string {
	out := make([]string, 0, len(c))
	for k := range c {
		out = append(out, k)
	}
	return out
}
