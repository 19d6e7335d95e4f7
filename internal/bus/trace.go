package bus

import (
	"context"

	"github.com/nats-io/nats.go"
	"go.opentelemetry.io/otel/propagation"
)

// traceContext carries a trace across NATS in message headers, in the W3C Trace
// Context format (traceparent, tracestate), so one post's spans in the gateway, the
// linker and the holder form one trace. It is Mosaic's own propagator rather than
// OpenTelemetry's global one: nothing here depends on process-wide state.
var traceContext = propagation.TraceContext{}

// headerCarrier adapts nats.Header to the propagation carrier.
type headerCarrier nats.Header

func (c headerCarrier) Get(key string) string { return nats.Header(c).Get(key) }
func (c headerCarrier) Set(key, value string) { nats.Header(c).Set(key, value) }
func (c headerCarrier) Keys() []string {
	out := make([]string, 0, len(c))
	for k := range c {
		out = append(out, k)
	}
	return out
}

// InjectTrace writes ctx's span context (if any) into h.
func InjectTrace(ctx context.Context, h nats.Header) {
	traceContext.Inject(ctx, headerCarrier(h))
}

// ExtractTrace returns ctx carrying the remote span context found in h, if any.
func ExtractTrace(ctx context.Context, h nats.Header) context.Context {
	if len(h) == 0 {
		return ctx
	}
	return traceContext.Extract(ctx, headerCarrier(h))
}
