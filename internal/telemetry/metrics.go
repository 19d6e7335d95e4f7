// Package telemetry is what an operator sees of a running Mosaic process: its
// Prometheus metrics (this file and collect.go), served on --metrics-addr (serve.go),
// and its OpenTelemetry traces (trace.go), exported over OTLP with --otlp-endpoint.
//
// Every metric is defined here, on a registry of the process's own (not Prometheus's
// global one), so several apps can run in one test process. The services call small
// hooks on *Metrics at the points of the pipeline; a nil *Metrics (metrics off) makes
// every hook a no-op. Figures that already live somewhere (consumer lag, stream and
// database sizes, the review queue) are not counted twice: a collector reads them at
// scrape time.
package telemetry

import (
	"strings"
	"time"

	grpcprom "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Stage names of mosaic_stage_seconds: the pipeline's legs, measured with the
// timestamps the messages carry (accepted_at by the gateway, assessed_at by the
// linker, decided_at by the holder), so a leg spans processes and includes the time a
// message waited in its stream.
const (
	StageSubmitToAssessed   = "submit_to_assessed"
	StageAssessedToDecided  = "assessed_to_decided"
	StageDecidedToAnnounced = "decided_to_announced"
	StageSubmitToAnnounced  = "submit_to_announced"
)

// Sources of mosaic_submissions_accepted_total.
const (
	SourceGRPC = "grpc"
	SourceNATS = "nats"
)

// Deciders of mosaic_decisions_total (the by label): the holder's DecidedBy, with
// every moderator as one.
const (
	DecidedByMosaic    = "mosaic"
	DecidedByModerator = "moderator"
	DecidedByAuthor    = "author"
	DecidedByPlatform  = "platform"
)

// Fates of mosaic_dead_letters_total (the action label).
const (
	DeadLetterHeld            = "held"
	DeadLetterLeftForOperator = "left_for_operator"
)

// stageBuckets run from a few milliseconds (an idle pipeline) to half an hour (a
// backlog after an outage).
var stageBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300, 1800}

// reviewBuckets run from a minute to a week: how long posters wait for a person.
var reviewBuckets = []float64{60, 300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600, 2 * 24 * 3600, 7 * 24 * 3600}

// Metrics is one process's metrics. The zero of *Metrics, nil, records nothing.
type Metrics struct {
	reg *prometheus.Registry
	// GRPC is the gRPC server's metrics (go-grpc-middleware's Prometheus provider):
	// grpc_server_started_total, grpc_server_handled_total{grpc_code} and
	// grpc_server_handling_seconds per method.
	GRPC *grpcprom.ServerMetrics

	inFlight   prometheus.Gauge
	accepted   *prometheus.CounterVec
	stage      *prometheus.HistogramVec
	decisions  *prometheus.CounterVec
	findings   *prometheus.CounterVec
	reviewWait *prometheus.HistogramVec
	deadLetter *prometheus.CounterVec
	state      *stateCollector
}

// New returns the metrics of one process, registered on a registry of its own with the
// Go runtime and process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		GRPC: grpcprom.NewServerMetrics(grpcprom.WithServerHandlingTimeHistogram(
			grpcprom.WithHistogramBuckets([]float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}))),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "mosaic_submissions_in_flight",
			Help: "Submissions being accepted now (SubmitPost calls, including those waiting for their decision, and intake messages being handled).",
		}),
		accepted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mosaic_submissions_accepted_total",
			Help: "Post revisions the gateway accepted and handed to the linker, by source (grpc: SubmitPost; nats: the intake subject).",
		}, []string{"source"}),
		stage: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "mosaic_stage_seconds",
			Help:    "Time a post revision took through one leg of the pipeline: submit_to_assessed (accepted by the gateway to assessed by the linker), assessed_to_decided (to the holder's automatic decision), decided_to_announced (any decision to its announcement on NATS), submit_to_announced (accepted to an automatic decision announced).",
			Buckets: stageBuckets,
		}, []string{"stage"}),
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mosaic_decisions_total",
			Help: "Decisions announced, by decision (RELEASED, HELD, REJECTED, RETURNED, WITHDRAWN, or DELETED by the platform), forum, and who decided (mosaic, moderator, author, platform).",
		}, []string{"decision", "forum", "by"}),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mosaic_findings_total",
			Help: "Findings on automatically decided post revisions, by kind and forum.",
		}, []string{"kind", "forum"}),
		reviewWait: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "mosaic_review_wait_seconds",
			Help:    "Time a post was held before a moderator decided it, by the moderator's decision.",
			Buckets: reviewBuckets,
		}, []string{"decision"}),
		deadLetter: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mosaic_dead_letters_total",
			Help: "Dead letters the holder handled, by the stream the message was given up on and what became of it (held: its post held for a moderator; left_for_operator: no post to hold).",
		}, []string{"stream", "action"}),
		state: &stateCollector{errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mosaic_scrape_read_errors_total",
			Help: "Reads at scrape time that failed, by source (consumer, stream, review_queue): the figures of that source were left out of the scrape.",
		}, []string{"source"})},
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.GRPC, m.inFlight, m.accepted, m.stage, m.decisions, m.findings, m.reviewWait, m.deadLetter, m.state,
	)
	return m
}

// Registry is the registry every metric of the process is on.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// SubmissionStarted counts a submission in flight until the returned func is called.
func (m *Metrics) SubmissionStarted() (done func()) {
	if m == nil {
		return func() {}
	}
	m.inFlight.Inc()
	return m.inFlight.Dec
}

// Accepted counts a post revision the gateway handed to the linker.
func (m *Metrics) Accepted(source string) {
	if m == nil {
		return
	}
	m.accepted.WithLabelValues(source).Inc()
}

// Assessed records the submit-to-assessed leg of an assessment the linker published.
func (m *Metrics) Assessed(a *mosaicv1.Assessment) {
	if m == nil {
		return
	}
	m.observeStage(StageSubmitToAssessed, a.GetAcceptedAt().AsTime(), a.GetAssessedAt().AsTime(), a.GetAcceptedAt() != nil && a.GetAssessedAt() != nil)
}

// Decided records the holder's automatic decision on an assessment: the
// assessed-to-decided leg and the findings by kind.
func (m *Metrics) Decided(a *mosaicv1.Assessment, st *mosaicv1.PostStatus) {
	if m == nil {
		return
	}
	m.observeStage(StageAssessedToDecided, a.GetAssessedAt().AsTime(), st.GetDecidedAt().AsTime(), a.GetAssessedAt() != nil && st.GetDecidedAt() != nil)
	for _, f := range st.GetFindings() {
		m.findings.WithLabelValues(strings.TrimPrefix(f.GetKind().String(), "FINDING_KIND_"), st.GetForumId()).Inc()
	}
}

// Announced records a decision announced at now: the decision by forum and decider,
// the decided-to-announced leg and, for an automatic decision, submit-to-announced.
func (m *Metrics) Announced(st *mosaicv1.PostStatus, now time.Time) {
	if m == nil {
		return
	}
	by := DecidedByModerator
	switch {
	case st.GetDecidedBy() == DecidedByMosaic, st.GetDecidedBy() == DecidedByPlatform:
		by = st.GetDecidedBy()
	case strings.HasPrefix(st.GetDecidedBy(), "author:"):
		by = DecidedByAuthor
	}
	decision := strings.TrimPrefix(st.GetDecision().String(), "DECISION_")
	if st.GetDeleted() {
		// The platform removed the post; its decision is left as it was.
		decision = "DELETED"
	}
	m.decisions.WithLabelValues(decision, st.GetForumId(), by).Inc()
	m.observeStage(StageDecidedToAnnounced, st.GetDecidedAt().AsTime(), now, st.GetDecidedAt() != nil)
	if by == DecidedByMosaic {
		m.observeStage(StageSubmitToAnnounced, st.GetAcceptedAt().AsTime(), now, st.GetAcceptedAt() != nil)
	}
}

// Moderated records how long a post was held (since heldAt) before a moderator's
// decision at now.
func (m *Metrics) Moderated(decision mosaicv1.Decision, heldAt, now time.Time) {
	if m == nil {
		return
	}
	m.reviewWait.WithLabelValues(strings.TrimPrefix(decision.String(), "DECISION_")).Observe(max(0, now.Sub(heldAt).Seconds()))
}

// DeadLetter counts a dead letter from stream that the holder handled.
func (m *Metrics) DeadLetter(stream, action string) {
	if m == nil {
		return
	}
	m.deadLetter.WithLabelValues(stream, action).Inc()
}

// observeStage records to-from, when both times are known. Clocks of different hosts
// may disagree by a little: a negative leg counts as zero.
func (m *Metrics) observeStage(stage string, from, to time.Time, known bool) {
	if !known {
		return
	}
	m.stage.WithLabelValues(stage).Observe(max(0, to.Sub(from).Seconds()))
}
