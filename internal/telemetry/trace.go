package telemetry

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
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
	opts := []otlptracegrpc.Option{otlptracegrpc.WithTimeout(10 * time.Second)}
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
