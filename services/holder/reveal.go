package holder

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// ActionRevealed records that a moderator unmasked one identifying span of a post in
// the console. Like every audit action it is part of the API and never changes.
const ActionRevealed = "revealed"

// SpanKey names a span of a post for a reveal: its post, byte range and detail kind.
func SpanKey(s *mosaicv1.Span) string {
	return fmt.Sprintf("%s:%d-%d:%s", s.GetPostId(), s.GetStart(), s.GetEnd(), s.GetDetailKind())
}

// revealReason is the audit reason of a reveal of the span named key.
func revealReason(kind, key string) string { return "revealed " + kind + ": span " + key }

// Revealed returns the keys (SpanKey) of the spans of a post that moderator has
// revealed, read from the post's audit history.
func Revealed(entries []*mosaicv1.AuditEntry, moderator string) map[string]bool {
	out := map[string]bool{}
	for _, e := range entries {
		if e.GetAction() != ActionRevealed || e.GetActor() != moderator {
			continue
		}
		if _, key, ok := strings.Cut(e.GetReason(), ": span "); ok {
			out[key] = true
		}
	}
	return out
}

// ReviewSpans returns every span the review of a post shows: its findings' spans, and
// the spans of its details, its risk factors and its linked posts' details (which may
// lie in earlier posts).
func ReviewSpans(hp *mosaicv1.HeldPost) []*mosaicv1.Span {
	var out []*mosaicv1.Span
	for _, f := range hp.GetStatus().GetFindings() {
		out = append(out, f.GetSpans()...)
	}
	details := slices.Clone(hp.GetDetails())
	for _, f := range hp.GetStatus().GetRisk().GetFactors() {
		details = append(details, f.GetDetail())
	}
	for _, lp := range hp.GetLinkedPosts() {
		details = append(details, lp.GetDetails()...)
	}
	for _, d := range details {
		if s := d.GetSpan(); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// MaskSpans returns body with each span of post in it replaced by its detail kind in
// brackets ("[age]"); overlapping spans merge, and spans that do not fall on character
// boundaries of body are ignored. Spans with no post id count as post's.
func MaskSpans(post, body string, spans []*mosaicv1.Span) string {
	type iv struct {
		start, end int
		kind       string
	}
	var ivs []iv
	for _, s := range spans {
		a, b := int(s.GetStart()), int(s.GetEnd())
		if (s.GetPostId() != post && s.GetPostId() != "") || a >= b || b > len(body) || !utf8.RuneStart(body[a]) || (b < len(body) && !utf8.RuneStart(body[b])) {
			continue
		}
		ivs = append(ivs, iv{a, b, s.GetDetailKind()})
	}
	slices.SortFunc(ivs, func(x, y iv) int { return x.start - y.start })
	var b strings.Builder
	pos := 0
	for _, v := range ivs {
		if v.start < pos { // overlaps the span just masked
			pos = max(pos, v.end)
			continue
		}
		b.WriteString(body[pos:v.start])
		b.WriteString("[" + v.kind + "]")
		pos = v.end
	}
	b.WriteString(body[pos:])
	return b.String()
}

// RevealSpans records in the post's audit history that rv revealed the spans named by
// keys (SpanKey), one entry per span naming its detail kind, and only then may the
// console show them. Every key must name a span of the post's review; a reveal of a
// span already revealed by rv is recorded again (each look is on the record).
func (h *Holder) RevealSpans(_ context.Context, rv Reviewer, post string, keys []string) error {
	if len(keys) == 0 || len(keys) > 64 {
		return fmt.Errorf("%w: a reveal names between 1 and 64 spans, got %d", ErrInvalidArgument, len(keys))
	}
	defer h.lock(post)()
	hp, err := h.HeldPost(rv, post)
	if err != nil {
		return err
	}
	st := hp.GetStatus()
	byKey := map[string]*mosaicv1.Span{}
	for _, s := range ReviewSpans(hp) {
		byKey[SpanKey(s)] = s
	}
	var spans []*mosaicv1.Span
	for _, k := range keys {
		s, ok := byKey[k]
		if !ok {
			return fmt.Errorf("%w: %q is not a span of post %s revision %d; reload the post and reveal a span it shows",
				ErrInvalidArgument, k, post, st.GetRevision())
		}
		spans = append(spans, s)
	}
	now := h.now()
	err = h.auditUpdate(func(_ *badger.Txn, at *auditTxn) error {
		for _, s := range spans {
			if _, err := at.add(auditRecord{actor: rv.ID, action: ActionRevealed, reason: revealReason(s.GetDetailKind(), SpanKey(s)), st: st, at: now}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("holder: record reveal on %s: %w", post, err)
	}
	h.log.Info("revealed", "post", post, "moderator", rv.ID, "spans", len(spans))
	return nil
}
