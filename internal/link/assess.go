package link

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/mosaicgw/mosaic/internal/guidance"
	"github.com/mosaicgw/mosaic/internal/risk"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// assess computes the result for a candidate against the author's state (read only).
func (l *Ledger) assess(st *authorState, c Candidate, pend pendingPost) Result {
	if len(pend.Facts) == 0 {
		return Result{}
	}
	withSelf := *st
	withSelf.Self = mergeFacts(slices.Clone(st.Self), pend.Self)
	ctx, ctxFrom := l.contextFrom(&withSelf, c.AuthorRole, c.AuthorLocation)
	ctx.Z = l.opts.IntervalZ
	// Posts other than this one that told readers where the author practises.
	var ctxPosts []string
	for _, s := range ctxFrom {
		if s.Post != c.PostID && !slices.Contains(ctxPosts, s.Post) {
			ctxPosts = append(ctxPosts, s.Post)
		}
	}
	threshold := l.threshold(c.ForumID, c.Audience)

	single := pend.Facts
	singleFactors := factors(single, nil)
	singleEst := risk.Compute(singleFactors, ctx)

	p := post{ID: c.PostID, Thread: c.ThreadID, Forum: c.ForumID, ReplyTo: c.ReplyToPostID, At: c.At, Cues: pend.Cues, Facts: pend.Facts}
	d := decide(st, p, ctx)

	facts, fixed := single, map[string]bool(nil)
	est, fs := singleEst, singleFactors
	var linked []string
	if len(d.Profiles) > 0 {
		fixed = map[string]bool{}
		var earlier []fact
		for _, i := range d.Profiles {
			pr := st.Profiles[i]
			for _, f := range pr.Facts {
				fixed[f.key()] = true
			}
			earlier = mergeFacts(earlier, cloneFacts(pr.Facts))
			for _, r := range pr.Posts {
				if !slices.Contains(linked, r.Post) && r.Post != c.PostID {
					linked = append(linked, r.Post)
				}
			}
		}
		facts = mergeFacts(earlier, single)
		fs = factors(facts, fixed)
		est = risk.Compute(fs, ctx)
	}

	r := &mosaicv1.Risk{
		EstimatedMatches:     est.K,
		EstimatedMatchesLow:  est.Low,
		EstimatedMatchesHigh: est.High,
		Bits:                 est.Bits,
		Population:           est.Population,
		PopulationPlace:      est.Place,
		LinkedPostIds:        linked,
		Threshold:            threshold,
	}
	if len(d.Profiles) > 0 {
		r.LinkConfidence = d.Confidence
	}
	for i, f := range facts {
		sh := est.Factors[i]
		if sh.Bits <= 0 {
			continue
		}
		r.Factors = append(r.Factors, &mosaicv1.RiskFactor{Detail: detailProto(f), Bits: sh.Bits, Share: sh.Share})
	}
	slices.SortStableFunc(r.Factors, func(a, b *mosaicv1.RiskFactor) int { return cmpFloat(b.Bits, a.Bits) })

	res := Result{Risk: r}
	// With no place known, the national threshold applies (see DefaultNationalThreshold).
	limit := func(e risk.Estimate) float64 {
		if e.Population >= risk.UKPopulation {
			return min(threshold, l.opts.NationalThreshold)
		}
		return threshold
	}
	var kind mosaicv1.FindingKind
	var spanFacts []fact
	// The place the estimate starts from came from the author's earlier post (a job
	// advert naming the practice): that post is part of the mosaic too.
	fromEarlier := len(ctxPosts) > 0 && est.PlaceFactor < 0 && est.Place == ctx.Place
	if fromEarlier {
		for _, p := range ctxPosts {
			if !slices.Contains(linked, p) {
				linked = append(linked, p)
			}
		}
		r.LinkedPostIds = linked
		if len(d.Profiles) == 0 {
			d.Confidence, d.Reasons = 1, []string{"the author's own earlier post gives the practice's place"}
			r.LinkConfidence = 1
		}
	}
	switch {
	case (len(d.Profiles) > 0 || fromEarlier) && est.Low < limit(est):
		// Linked to earlier posts: the mosaic is what a reader sees, even when this
		// post alone would already be enough.
		kind, spanFacts = mosaicv1.FindingKind_FINDING_KIND_CUMULATIVE_REIDENTIFICATION, facts
	case singleEst.Low < limit(singleEst):
		kind, spanFacts = mosaicv1.FindingKind_FINDING_KIND_QUASI_IDENTIFIERS, single
		fs, est, facts = singleFactors, singleEst, single
		r.EstimatedMatches, r.EstimatedMatchesLow, r.EstimatedMatchesHigh = est.K, est.Low, est.High
	default:
		return res
	}
	threshold = limit(est)
	r.Threshold = threshold
	sug := risk.Suggest(fs, ctx, threshold)
	r.FixSuggestion = sug.String()
	res.Findings = append(res.Findings, &mosaicv1.Finding{
		Kind:        kind,
		Severity:    mosaicv1.Severity_SEVERITY_HOLD,
		Spans:       spans(spanFacts, est),
		Explanation: explain(kind, est, facts, threshold, linked, d),
		Guidance:    &mosaicv1.Guidance{Paragraph: guidance.Confidentiality.Number, Text: guidance.Confidentiality.Text},
		Suggestion:  sug.String(),
	})
	return res
}

func cloneFacts(fs []fact) []fact {
	out := make([]fact, len(fs))
	for i, f := range fs {
		out[i] = cloneFact(f)
	}
	return out
}

func factors(fs []fact, fixed map[string]bool) []risk.Factor {
	out := make([]risk.Factor, len(fs))
	for i, f := range fs {
		out[i] = f.factor(fixed[f.key()])
	}
	return out
}

func detailProto(f fact) *mosaicv1.Detail {
	d := &mosaicv1.Detail{Kind: f.Kind, Value: f.Value, Generalisations: f.Generalisations,
		Frequency: f.Frequency, Direct: f.Direct, Confidence: 1, Subject: mosaicv1.Subject_SUBJECT_PATIENT}
	if n := len(f.Sources); n > 0 {
		d.Span = spanProto(f.Sources[n-1], f.Kind)
	}
	return d
}

func spanProto(s source, kind string) *mosaicv1.Span {
	return &mosaicv1.Span{PostId: s.Post, Revision: s.Revision, Start: uint32(max(s.Start, 0)), End: uint32(max(s.End, 0)), Text: s.Text, DetailKind: kind}
}

// spans lists where the contributing details are, across posts, costliest first.
func spans(fs []fact, est risk.Estimate) []*mosaicv1.Span {
	idx := make([]int, 0, len(fs))
	for i := range fs {
		if i < len(est.Factors) && est.Factors[i].Bits > 0 {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmpFloat(est.Factors[b].Bits, est.Factors[a].Bits) })
	var out []*mosaicv1.Span
	for _, i := range idx {
		for _, s := range fs[i].Sources {
			out = append(out, spanProto(s, fs[i].Kind))
		}
	}
	return out
}

func explain(kind mosaicv1.FindingKind, est risk.Estimate, fs []fact, threshold float64, linked []string, d linkDecision) string {
	var parts []string
	type item struct {
		label string
		bits  float64
	}
	var items []item
	for i, f := range fs {
		if i >= len(est.Factors) || est.Factors[i].Bits <= 0 {
			continue
		}
		label := f.Value
		if n := len(f.Sources); n > 0 && f.Sources[n-1].Text != "" {
			label = f.Sources[n-1].Text
		}
		items = append(items, item{fmt.Sprintf("%q (%s, %.1f bits)", label, f.Kind, est.Factors[i].Bits), est.Factors[i].Bits})
	}
	slices.SortStableFunc(items, func(a, b item) int { return cmpFloat(b.bits, a.bits) })
	for _, it := range items {
		parts = append(parts, it.label)
	}
	var b strings.Builder
	if kind == mosaicv1.FindingKind_FINDING_KIND_CUMULATIVE_REIDENTIFICATION {
		fmt.Fprintf(&b, "Together with your earlier published post(s) %s (linked by %s, confidence %.0f%%), ",
			strings.Join(linked, ", "), strings.Join(d.Reasons, ", "), 100*d.Confidence)
		b.WriteString("this post describes a patient who ")
	} else {
		b.WriteString("This post alone describes a patient who ")
	}
	place := est.Place
	if place != "UK" && place != "" {
		place = titleWords(place)
	}
	if est.High < threshold {
		fmt.Fprintf(&b, "would match %s in %s (%s people; %.1f identifying bits; plausibly %s to %s), below the threshold of %s. Details: %s.",
			risk.People(est.K), place, risk.FormatK(est.Population), math.Max(est.Bits, 0), risk.FormatK(est.Low), risk.FormatK(est.High), risk.FormatK(threshold), strings.Join(parts, ", "))
	} else {
		fmt.Fprintf(&b, "would match %s in %s (%s people; %.1f identifying bits). That is uncertain: plausibly %s to %s people, and the low end is below the threshold of %s, so a moderator should decide. Details: %s.",
			risk.People(est.K), place, risk.FormatK(est.Population), math.Max(est.Bits, 0), risk.FormatK(est.Low), risk.FormatK(est.High), risk.FormatK(threshold), strings.Join(parts, ", "))
	}
	return b.String()
}

// threshold is the k below which a post in forum (with audience) is held.
func (l *Ledger) threshold(forumID string, audience mosaicv1.Audience) float64 {
	if l.opts.ThresholdFor != nil {
		if k := l.opts.ThresholdFor(forumID, audience); k > 0 {
			return k
		}
	}
	if audience == mosaicv1.Audience_AUDIENCE_PUBLIC {
		return l.opts.PublicThreshold
	}
	return l.opts.Threshold
}

// titleWords capitalises a place name for a notice: "north yorkshire" -> "North Yorkshire".
func titleWords(s string) string {
	b := []byte(s)
	for i := range b {
		if (i == 0 || b[i-1] == ' ' || b[i-1] == '-') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}
