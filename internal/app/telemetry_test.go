package app_test

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
)

// scrape is one GET of /metrics, parsed.
type scrape map[string]*dto.MetricFamily

func scrapeMetrics(t *testing.T, addr string) scrape {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatalf("scrape: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("scrape: %s: %s", resp.Status, b)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parse scrape: %v", err)
	}
	return fams
}

// series returns the metric of family name whose labels include labels (name, value
// pairs), or nil.
func (s scrape) series(name string, labels ...string) *dto.Metric {
	for _, m := range s[name].GetMetric() {
		got := map[string]string{}
		for _, l := range m.GetLabel() {
			got[l.GetName()] = l.GetValue()
		}
		ok := true
		for i := 0; i+1 < len(labels); i += 2 {
			ok = ok && got[labels[i]] == labels[i+1]
		}
		if ok {
			return m
		}
	}
	return nil
}

// value is a counter's or gauge's value, or a histogram's sample count; -1 when the
// series is absent.
func (s scrape) value(name string, labels ...string) float64 {
	m := s.series(name, labels...)
	switch {
	case m == nil:
		return -1
	case m.Counter != nil:
		return m.GetCounter().GetValue()
	case m.Gauge != nil:
		return m.GetGauge().GetValue()
	case m.Histogram != nil:
		return float64(m.GetHistogram().GetSampleCount())
	}
	return -1
}

// want is one expected series value.
type want struct {
	name   string
	labels []string
	value  float64
}

// mismatches lists the expectations s does not meet.
func (s scrape) mismatches(ws []want) []string {
	var out []string
	for _, w := range ws {
		if got := s.value(w.name, w.labels...); got != w.value {
			out = append(out, fmt.Sprintf("%s%v = %v, want %v", w.name, w.labels, got, w.value))
		}
	}
	return out
}

// scrapeUntil scrapes until every expectation holds: the holder counts an announcement
// just after the gateway has seen it, so a caller answered may scrape a moment early.
func scrapeUntil(t *testing.T, addr string, ws []want) scrape {
	t.Helper()
	var s scrape
	eventually(t, "metrics", func() (bool, string) {
		s = scrapeMetrics(t, addr)
		bad := s.mismatches(ws)
		return len(bad) == 0, strings.Join(bad, "; ")
	})
	return s
}

func TestMetricsMoveWithThePipeline(t *testing.T) {
	p := startWith(t, t.TempDir(), func(c *app.Config) {
		c.MetricsAddr = "127.0.0.1:0"
		c.NATSMonitorAddr = "127.0.0.1:-1"
	})
	addr := p.app.MetricsAddr()
	if addr == "" {
		t.Fatal("no metrics address")
	}
	before := scrapeMetrics(t, addr)
	for _, w := range []want{
		{"mosaic_submissions_in_flight", nil, 0},
		{"mosaic_review_queue_posts", nil, 0},
		{"mosaic_review_queue_oldest_seconds", nil, 0},
		{"mosaic_stream_messages", []string{"stream", bus.StreamDecisions}, 0},
		// Initialised per method before any call.
		{"grpc_server_handled_total", []string{"grpc_method", "SubmitPost", "grpc_code", "OK"}, 0},
	} {
		if got := before.value(w.name, w.labels...); got != w.value {
			t.Fatalf("before any post: %s%v = %v, want %v", w.name, w.labels, got, w.value)
		}
	}

	released := submit(t, p, post("m-benign", benignBody), 20*time.Second)
	held := submit(t, p, post("m-nhs", nhsBody), 20*time.Second)
	if released.Decision != mosaicv1.Decision_DECISION_RELEASED || held.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("decisions: %s and %s, want RELEASED and HELD", released.Decision, held.Decision)
	}
	// A caller without the platform's token is refused, and counted.
	anon, err := grpc.NewClient(p.app.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer anon.Close()
	_, err = mosaicv1.NewGatewayServiceClient(anon).SubmitPost(t.Context(), &mosaicv1.SubmitPostRequest{Post: post("m-anon", benignBody)})
	if status.Code(err) != codes.Unauthenticated {
		t.Fatalf("anonymous SubmitPost: %v, want Unauthenticated", err)
	}
	// The NATS intake: one valid post, and one that is not a post (dead-lettered from
	// the intake stream with nothing to hold).
	js, err := jetstream.New(connectAs(t, p, bus.RolePlatform))
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{
		fmt.Sprintf(`{"postId":"m-nats","revision":1,"authorId":"dr-nats","forumId":"gp-chat","audience":"AUDIENCE_MEMBERS","body":%q}`, benignBody),
		`{"postId":"m-bad","revision":1}`,
	} {
		msg := &nats.Msg{Subject: bus.SubjectIntake, Data: []byte(body), Header: nats.Header{bus.HeaderContentType: []string{bus.ContentTypeJSON}}}
		if _, err := js.PublishMsg(t.Context(), msg); err != nil {
			t.Fatal(err)
		}
	}

	const forum = "gp-chat"
	s := scrapeUntil(t, addr, []want{
		{"mosaic_submissions_accepted_total", []string{"source", "grpc"}, 2},
		{"mosaic_submissions_accepted_total", []string{"source", "nats"}, 1},
		{"mosaic_submissions_in_flight", nil, 0},
		{"mosaic_decisions_total", []string{"decision", "RELEASED", "forum", forum, "by", "mosaic"}, 2},
		{"mosaic_decisions_total", []string{"decision", "HELD", "forum", forum, "by", "mosaic"}, 1},
		{"mosaic_stage_seconds", []string{"stage", "submit_to_assessed"}, 3},
		{"mosaic_stage_seconds", []string{"stage", "assessed_to_decided"}, 3},
		{"mosaic_stage_seconds", []string{"stage", "decided_to_announced"}, 3},
		{"mosaic_stage_seconds", []string{"stage", "submit_to_announced"}, 3},
		{"mosaic_dead_letters_total", []string{"stream", bus.StreamIntake, "action", "left_for_operator"}, 1},
		{"mosaic_review_queue_posts", nil, 1},
		{"mosaic_stream_messages", []string{"stream", bus.StreamDecisions}, 3},
		{"mosaic_stream_messages", []string{"stream", bus.StreamIntake}, 2},
		{"mosaic_stream_messages", []string{"stream", bus.StreamDeadLetter}, 1},
		{"grpc_server_handled_total", []string{"grpc_method", "SubmitPost", "grpc_code", "OK"}, 2},
		{"grpc_server_handled_total", []string{"grpc_method", "SubmitPost", "grpc_code", "Unauthenticated"}, 1},
		// Every message read and acknowledged: no lag on any consumer.
		{"mosaic_consumer_pending_messages", []string{"stream", bus.StreamPosts, "consumer", "linker-p0"}, 0},
		{"mosaic_consumer_pending_messages", []string{"stream", bus.StreamPosts, "consumer", "linker-p3"}, 0},
		{"mosaic_consumer_pending_messages", []string{"stream", bus.StreamAssessments, "consumer", bus.ConsumerHolder}, 0},
		{"mosaic_consumer_ack_pending_messages", []string{"stream", bus.StreamAssessments, "consumer", bus.ConsumerHolder}, 0},
		{"mosaic_consumer_pending_messages", []string{"stream", bus.StreamIntake, "consumer", bus.ConsumerGatewayIntake}, 0},
		{"mosaic_consumer_pending_messages", []string{"stream", bus.StreamDeadLetter, "consumer", bus.ConsumerHolderDeadLetters}, 0},
	})
	if got := s.value("mosaic_findings_total", "kind", "DIRECT_IDENTIFIER", "forum", forum); got < 1 {
		t.Fatalf("findings of the NHS number: %v, want at least 1", got)
	}
	if got := s.value("mosaic_review_queue_oldest_seconds"); got <= 0 {
		t.Fatalf("oldest held post's wait: %v, want > 0", got)
	}
	for _, stage := range []string{"submit_to_assessed", "assessed_to_decided", "decided_to_announced"} {
		h := s.series("mosaic_stage_seconds", "stage", stage).GetHistogram()
		if h.GetSampleSum() <= 0 || h.GetSampleSum() > 60 {
			t.Fatalf("stage %s: sum %vs over %d posts, want a positive time under a minute", stage, h.GetSampleSum(), h.GetSampleCount())
		}
	}
	if got := s.value("mosaic_stream_bytes", "stream", bus.StreamPosts); got <= 0 {
		t.Fatalf("posts stream bytes: %v", got)
	}
	for _, db := range []string{"gateway", "linker", "holder"} {
		if got := s.value("mosaic_badger_vlog_bytes", "db", db); got < 0 {
			t.Fatalf("no value-log size for the %s database", db)
		}
	}
	if got := s.value("mosaic_scrape_read_errors_total"); got > 0 {
		t.Fatalf("scrape read errors: %v", got)
	}

	// A moderator releases the held post: the queue empties, and the wait is recorded.
	mod := holder.Reviewer{ID: "mod-1", Forums: []string{"*"}}
	if _, err := p.app.Holder.Release(t.Context(), mod, "m-nhs", "not identifying in context"); err != nil {
		t.Fatal(err)
	}
	s = scrapeUntil(t, addr, []want{
		{"mosaic_review_queue_posts", nil, 0},
		{"mosaic_review_queue_oldest_seconds", nil, 0},
		{"mosaic_review_wait_seconds", []string{"decision", "RELEASED"}, 1},
		{"mosaic_decisions_total", []string{"decision", "RELEASED", "forum", forum, "by", "moderator"}, 1},
		{"mosaic_stage_seconds", []string{"stage", "decided_to_announced"}, 4},
		// Only automatic decisions measure the whole way from submission.
		{"mosaic_stage_seconds", []string{"stage", "submit_to_announced"}, 3},
		{"mosaic_stream_messages", []string{"stream", bus.StreamDecisions}, 4},
	})
	if h := s.series("mosaic_review_wait_seconds", "decision", "RELEASED").GetHistogram(); h.GetSampleSum() <= 0 {
		t.Fatalf("review wait: %v", h.GetSampleSum())
	}

	// The platform deletes a released post: counted as a deletion, not a second release.
	if _, err := p.gw.DeletePost(t.Context(), &mosaicv1.DeletePostRequest{PostId: "m-benign", Reason: "removed by the author"}); err != nil {
		t.Fatal(err)
	}
	scrapeUntil(t, addr, []want{
		{"mosaic_decisions_total", []string{"decision", "DELETED", "forum", forum, "by", "platform"}, 1},
		{"mosaic_decisions_total", []string{"decision", "RELEASED", "forum", forum, "by", "mosaic"}, 2},
		{"mosaic_decisions_total", []string{"decision", "RELEASED", "forum", forum, "by", "moderator"}, 1},
		{"mosaic_stage_seconds", []string{"stage", "decided_to_announced"}, 5},
	})

	// The embedded NATS server's monitoring endpoint.
	u := p.app.NATSMonitorURL()
	if u == "" {
		t.Fatal("no NATS monitoring endpoint")
	}
	resp, err := http.Get(u + "/jsz?streams=true")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var jsz struct {
		Streams  int    `json:"streams"`
		Messages uint64 `json:"messages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&jsz); err != nil {
		t.Fatal(err)
	}
	if jsz.Streams != len(bus.DefaultTopology().Streams()) || jsz.Messages == 0 {
		t.Fatalf("/jsz: %+v, want %d streams and some messages", jsz, len(bus.DefaultTopology().Streams()))
	}
}

func TestMetricsAreOffByDefault(t *testing.T) {
	p := start(t, t.TempDir())
	if p.app.MetricsAddr() != "" || p.app.Metrics != nil || p.app.NATSMonitorURL() != "" {
		t.Fatalf("metrics at %q, NATS monitoring at %q: want both off", p.app.MetricsAddr(), p.app.NATSMonitorURL())
	}
	// The pipeline works without them.
	if st := submit(t, p, post("off-1", benignBody), 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("decision: %s", st.Decision)
	}
}

func TestOnePostIsOneTraceThroughGatewayLinkerAndHolder(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = tp.Shutdown(t.Context()) })
	p := startWith(t, t.TempDir(), func(c *app.Config) { c.TracerProvider = tp })

	// The platform's own trace goes on through Mosaic: its traceparent in the metadata.
	platformTrace, _ := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
	ctx := metadata.NewOutgoingContext(t.Context(), metadata.Pairs("traceparent", "00-"+platformTrace.String()+"-00f067aa0ba902b7-01"))
	resp, err := p.gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: post("t-traced", nhsBody), Wait: durationOf(20 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("decision: %s", resp.Status.Decision)
	}
	// A second post, without a caller's trace, gets a trace of its own.
	submit(t, p, post("t-other", benignBody), 20*time.Second)

	// A post the platform publishes to the intake subject with a traceparent header.
	intakeTrace, _ := trace.TraceIDFromHex("0af7651916cd43dd8448eb211c80319c")
	js, err := jetstream.New(connectAs(t, p, bus.RolePlatform))
	if err != nil {
		t.Fatal(err)
	}
	intake := &nats.Msg{Subject: bus.SubjectIntake, Header: nats.Header{bus.HeaderContentType: []string{bus.ContentTypeJSON}},
		Data: fmt.Appendf(nil, `{"postId":"t-intake","revision":1,"authorId":"dr-nats","forumId":"gp-chat","audience":"AUDIENCE_MEMBERS","body":%q}`, benignBody)}
	intake.Header.Set("traceparent", "00-"+intakeTrace.String()+"-b7ad6b7169203331-01")
	if _, err := js.PublishMsg(t.Context(), intake); err != nil {
		t.Fatal(err)
	}
	decisionMessage(t, p, "t-intake")

	// The decision event on NATS carries the post's trace.
	dec := decisionMessage(t, p, "t-traced")
	sc := trace.SpanContextFromContext(bus.ExtractTrace(t.Context(), dec.Headers()))
	if sc.TraceID() != platformTrace {
		t.Fatalf("decision event's trace %s, want the post's %s (headers %v)", sc.TraceID(), platformTrace, dec.Headers())
	}

	// Stopping the app ends every span (the workers' loops return).
	p.stop()
	byTrace := map[trace.TraceID][]string{}
	for _, s := range exp.GetSpans() {
		byTrace[s.SpanContext.TraceID()] = append(byTrace[s.SpanContext.TraceID()], s.Name)
	}
	names := strings.Join(byTrace[platformTrace], ", ")
	for _, wantSpan := range []string{"mosaic.v1.GatewayService/SubmitPost", "linker-p", "linker assess", "holder-", "holder decide"} {
		if !strings.Contains(names, wantSpan) {
			t.Fatalf("the post's trace has spans [%s]; want one named %q (all traces: %v)", names, wantSpan, byTrace)
		}
	}
	intakeSpans := strings.Join(byTrace[intakeTrace], ", ")
	for _, wantSpan := range []string{"gateway-intake process", "linker assess", "holder decide"} {
		if !strings.Contains(intakeSpans, wantSpan) {
			t.Fatalf("the intake post's trace has spans [%s]; want one named %q", intakeSpans, wantSpan)
		}
	}
	var otherTraces int
	for id, spans := range byTrace {
		if id != platformTrace && strings.Contains(strings.Join(spans, ","), "SubmitPost") {
			otherTraces++
			if !strings.Contains(strings.Join(spans, ","), "holder decide") {
				t.Fatalf("the second post's trace %s: spans %v, want it through the holder", id, spans)
			}
		}
	}
	if otherTraces != 1 {
		t.Fatalf("%d other traces with a SubmitPost, want 1 (the second post's): %v", otherTraces, byTrace)
	}
}

// decisionMessage reads the decision event on post from the DECISIONS stream.
func decisionMessage(t *testing.T, p *pipeline, postID string) jetstream.Msg {
	t.Helper()
	js, err := jetstream.New(connectAs(t, p, bus.RolePlatform))
	if err != nil {
		t.Fatal(err)
	}
	cons, err := js.OrderedConsumer(t.Context(), bus.StreamDecisions, jetstream.OrderedConsumerConfig{FilterSubjects: []string{bus.SubjectDecisionsAll}})
	if err != nil {
		t.Fatal(err)
	}
	for {
		msg, err := cons.Next(jetstream.FetchMaxWait(10 * time.Second))
		if err != nil {
			t.Fatalf("no decision event on %s: %v", postID, err)
		}
		ev := &mosaicv1.DecisionEvent{}
		if err := proto.Unmarshal(msg.Data(), ev); err == nil && ev.GetStatus().GetPostId() == postID {
			return msg
		}
	}
}

// collector is an OTLP/gRPC trace receiver, as an OpenTelemetry Collector would be.
type collector struct {
	coltracepb.UnimplementedTraceServiceServer
	mu    sync.Mutex
	spans map[string][]string // trace id (hex) -> span names
	names map[string]bool     // service.name of the resources
}

func (c *collector) Export(_ context.Context, req *coltracepb.ExportTraceServiceRequest) (*coltracepb.ExportTraceServiceResponse, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, rs := range req.GetResourceSpans() {
		for _, a := range rs.GetResource().GetAttributes() {
			if a.GetKey() == "service.name" {
				c.names[a.GetValue().GetStringValue()] = true
			}
		}
		for _, ss := range rs.GetScopeSpans() {
			for _, s := range ss.GetSpans() {
				id := hex.EncodeToString(s.GetTraceId())
				c.spans[id] = append(c.spans[id], s.GetName())
			}
		}
	}
	return &coltracepb.ExportTraceServiceResponse{}, nil
}

func TestTracesAreExportedOverOTLP(t *testing.T) {
	col := &collector{spans: map[string][]string{}, names: map[string]bool{}}
	srv := grpc.NewServer()
	coltracepb.RegisterTraceServiceServer(srv, col)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)

	p := startWith(t, t.TempDir(), func(c *app.Config) { c.OTLPEndpoint = "http://" + lis.Addr().String() })
	traceID := "5b8efff798038103d269b633813fc60c"
	ctx := metadata.NewOutgoingContext(t.Context(), metadata.Pairs("traceparent", "00-"+traceID+"-eee19b7ec3c1b174-01"))
	if _, err := p.gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: post("otlp-1", nhsBody), Wait: durationOf(20 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	// Stopping flushes the batch of spans not yet sent.
	p.stop()
	col.mu.Lock()
	defer col.mu.Unlock()
	names := strings.Join(col.spans[traceID], ", ")
	for _, want := range []string{"mosaic.v1.GatewayService/SubmitPost", "linker assess", "holder decide"} {
		if !strings.Contains(names, want) {
			t.Fatalf("the collector got spans [%s] of the post's trace; want %q (all: %v)", names, want, col.spans)
		}
	}
	if !col.names["mosaic"] {
		t.Fatalf("service names %v, want mosaic", col.names)
	}
}
