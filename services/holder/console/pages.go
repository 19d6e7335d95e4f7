package console

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/notice"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
)

var funcs = template.FuncMap{
	"kind": notice.KindName,
	"kindLabel": func(enumName string) string {
		return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(enumName, "FINDING_KIND_")), "_", " ")
	},
	"decision": func(d mosaicv1.Decision) string {
		return strings.TrimPrefix(d.String(), "DECISION_")
	},
	"severity": func(s mosaicv1.Severity) string { return strings.TrimPrefix(s.String(), "SEVERITY_") },
	"when": func(ts *timestamppb.Timestamp) string {
		if ts == nil {
			return ""
		}
		return ts.AsTime().UTC().Format("2006-01-02 15:04 UTC")
	},
	"k":    formatK,
	"bits": func(b float64) string { return strconv.FormatFloat(b, 'f', 1, 64) },
	"pct":  func(f float64) string { return strconv.FormatFloat(100*f, 'f', 0, 64) + "%" },
	"hash": func(b []byte) string {
		if len(b) > 6 {
			b = b[:6]
		}
		return fmt.Sprintf("%x", b)
	},
	"reasons": func() []mosaicv1.RejectReason {
		return []mosaicv1.RejectReason{mosaicv1.RejectReason_REJECT_REASON_CONFIDENTIALITY, mosaicv1.RejectReason_REJECT_REASON_ABUSIVE,
			mosaicv1.RejectReason_REJECT_REASON_CONFLICT_OF_INTEREST, mosaicv1.RejectReason_REJECT_REASON_RAISING_CONCERN, mosaicv1.RejectReason_REJECT_REASON_OTHER}
	},
	"reasonName": func(r mosaicv1.RejectReason) string {
		return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(r.String(), "REJECT_REASON_")), "_", " ")
	},
	"source":  func(d *mosaicv1.Detail) string { return d.GetSpan().GetPostId() },
	"actions": func() []actionChoice { return actionChoices },
	"waited":  func(from, to time.Time) string { return duration(to.Sub(from)) },
	// confidential: whether any of the kinds is about identifying a patient, the only
	// holds for which the estimate of people matching is shown.
	"confidentialFindings": func(fs []*mosaicv1.Finding) bool {
		return slices.ContainsFunc(fs, func(f *mosaicv1.Finding) bool { return holder.Confidentiality(f.GetKind()) })
	},
	"confidential": func(kinds []mosaicv1.FindingKind) bool { return slices.ContainsFunc(kinds, holder.Confidentiality) },
}

// actionChoice is one decision a moderator can choose on a held post; the post page
// shows only the chosen action's form (?action=key), one decision at a time.
type actionChoice struct{ Key, Label string }

var actionChoices = []actionChoice{{"release", "Release"}, {"reject", "Reject"}, {"return", "Return for edit"}, {"edit", "Edit and release"}}

// chosenAction is the ?action= of a post page when it names an action, else "".
func chosenAction(a string) string {
	for _, c := range actionChoices {
		if c.Key == a {
			return a
		}
	}
	return ""
}

// formatK renders an estimated number of matching people.
func formatK(k float64) string {
	switch {
	case k <= 0:
		return "0"
	case k < 1:
		return "fewer than 1"
	case k < 100:
		return strconv.FormatFloat(k, 'f', 1, 64)
	}
	return strconv.FormatFloat(math.Round(k), 'f', 0, 64)
}

// masker renders identifying spans masked ("[age]") unless the moderator has revealed
// them, each masked span a button that reveals it by a POST the holder records in the
// audit log (privacy-first view).
type masker struct {
	held     string           // the post under review (the reveal form's target)
	csrf     string           // the session's CSRF token
	revealed map[string]bool  // SpanKey of the spans this moderator revealed
	spans    []*mosaicv1.Span // every span of the review, for masking free text
}

// Text masks, in free text written about the post (an explanation, a fix suggestion,
// the place of the population), each unrevealed span's text wherever it appears,
// ignoring case.
func (m *masker) Text(s string) string {
	for _, sp := range m.spans {
		t := sp.GetText()
		if len([]rune(t)) < 2 || m.revealed[holder.SpanKey(sp)] {
			continue
		}
		re := regexp.MustCompile(`(?i)` + regexp.QuoteMeta(t))
		s = re.ReplaceAllLiteralString(s, "["+sp.GetDetailKind()+"]")
	}
	return s
}

func (m *masker) shown(keys []string) bool {
	for _, k := range keys {
		if !m.revealed[k] {
			return false
		}
	}
	return len(keys) > 0
}

// button renders the form that reveals the spans keys, labelled [kind].
func (m *masker) button(b *strings.Builder, post, kind string, keys []string) {
	fmt.Fprintf(b, `<form method="post" action="/posts/%s/reveal" class="reveal"><input type="hidden" name="csrf" value="%s">`,
		template.HTMLEscapeString(url.PathEscape(m.held)), template.HTMLEscapeString(m.csrf))
	for _, k := range keys {
		fmt.Fprintf(b, `<input type="hidden" name="span" value="%s">`, template.HTMLEscapeString(k))
	}
	fmt.Fprintf(b, `<button type="submit" class="masked" data-post="%s" data-kind="%s" title="Reveal this %s (the reveal is recorded in the audit history)">[%s]</button></form>`,
		template.HTMLEscapeString(post), template.HTMLEscapeString(kind), template.HTMLEscapeString(kind), template.HTMLEscapeString(kind))
}

// Span renders a finding's span: its text once revealed, else its reveal button.
func (m *masker) Span(s *mosaicv1.Span) template.HTML {
	var b strings.Builder
	key := holder.SpanKey(s)
	if m.shown([]string{key}) {
		b.WriteString("“" + template.HTMLEscapeString(s.GetText()) + "”")
	} else {
		m.button(&b, s.GetPostId(), s.GetDetailKind(), []string{key})
	}
	return template.HTML(b.String()) //nolint:gosec // every piece of text above is escaped
}

// Detail renders "kind: value", the value masked until its span is revealed (a detail
// with no span stays masked: nothing locates it to reveal).
func (m *masker) Detail(d *mosaicv1.Detail) template.HTML {
	var b strings.Builder
	b.WriteString(template.HTMLEscapeString(d.GetKind()) + ": ")
	switch s := d.GetSpan(); {
	case s != nil && m.shown([]string{holder.SpanKey(s)}):
		b.WriteString(template.HTMLEscapeString(d.GetValue()))
	case s != nil:
		m.button(&b, s.GetPostId(), d.GetKind(), []string{holder.SpanKey(s)})
	default:
		b.WriteString("[" + template.HTMLEscapeString(d.GetKind()) + "]")
	}
	return template.HTML(b.String()) //nolint:gosec // every piece of text above is escaped
}

// highlight renders body with each span wrapped in <mark> once revealed, or masked as
// a reveal button ("[age]") until then. Spans are byte offsets into the body as
// submitted; overlapping spans merge (and are revealed together), and a span that does
// not fall on character boundaries of this body (e.g. of another revision) is left out
// rather than cutting a character in two.
func highlight(postID, body string, spans []*mosaicv1.Span, m *masker) template.HTML {
	type iv struct {
		start, end int
		kinds      []string
		keys       []string
	}
	var ivs []iv
	for _, s := range spans {
		a, b := int(s.GetStart()), int(s.GetEnd())
		if a >= b || b > len(body) || !utf8.RuneStart(body[a]) || (b < len(body) && !utf8.RuneStart(body[b])) {
			continue
		}
		ivs = append(ivs, iv{a, b, []string{s.GetDetailKind()}, []string{holder.SpanKey(s)}})
	}
	slices.SortFunc(ivs, func(x, y iv) int { return x.start - y.start })
	var merged []iv
	for _, v := range ivs {
		if n := len(merged); n > 0 && v.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, v.end)
			if !slices.Contains(merged[n-1].kinds, v.kinds[0]) {
				merged[n-1].kinds = append(merged[n-1].kinds, v.kinds...)
			}
			if !slices.Contains(merged[n-1].keys, v.keys[0]) {
				merged[n-1].keys = append(merged[n-1].keys, v.keys...)
			}
			continue
		}
		merged = append(merged, v)
	}
	var b strings.Builder
	pos := 0
	for _, v := range merged {
		b.WriteString(template.HTMLEscapeString(body[pos:v.start]))
		kinds := strings.Trim(strings.Join(v.kinds, " "), " ")
		if m.shown(v.keys) {
			fmt.Fprintf(&b, `<mark data-post="%s" title="%s">%s</mark>`, template.HTMLEscapeString(postID),
				template.HTMLEscapeString(kinds), template.HTMLEscapeString(body[v.start:v.end]))
		} else {
			m.button(&b, postID, strings.ReplaceAll(kinds, " ", ", "), v.keys)
		}
		pos = v.end
	}
	b.WriteString(template.HTMLEscapeString(body[pos:]))
	return template.HTML(b.String()) //nolint:gosec // every piece of text above is escaped
}

// spansIn returns the spans of the findings (and extra details) that lie in post.
func spansIn(post string, findings []*mosaicv1.Finding, details []*mosaicv1.Detail, isHeld bool) []*mosaicv1.Span {
	var out []*mosaicv1.Span
	for _, f := range findings {
		for _, s := range f.GetSpans() {
			if s.GetPostId() == post || (isHeld && s.GetPostId() == "") {
				out = append(out, s)
			}
		}
	}
	for _, d := range details {
		if s := d.GetSpan(); s != nil && s.GetPostId() == post {
			out = append(out, s)
		}
	}
	return out
}

func (s *Server) queue(w http.ResponseWriter, r *http.Request, se session) {
	qv := r.URL.Query()
	q := holder.QueueQuery{Forum: qv.Get("forum"), NewestFirst: qv.Get("order") == "newest", AppealsOnly: qv.Get("appeals") == "1", PageToken: qv.Get("page")}
	sortBy := "age"
	if qv.Get("sort") == "risk" {
		q.Sort, sortBy = holder.SortRisk, "risk"
	}
	if k, ok := mosaicv1.FindingKind_value[qv.Get("kind")]; ok && k != 0 {
		q.Kinds = []mosaicv1.FindingKind{mosaicv1.FindingKind(k)}
	}
	switch qv.Get("claim") {
	case "claimed":
		q.Claim = mosaicv1.ClaimFilter_CLAIM_FILTER_CLAIMED
	case "unclaimed":
		q.Claim = mosaicv1.ClaimFilter_CLAIM_FILTER_UNCLAIMED
	}
	if m, err := strconv.Atoi(qv.Get("min_age_minutes")); err == nil && m > 0 {
		q.MinAge = time.Duration(m) * time.Minute
	}
	q.MaskExcerpts = true
	resp, err := s.h.ListHeld(reviewer(se), q)
	if err != nil {
		s.fail(w, se, err)
		return
	}
	kinds := make([]string, 0, len(resp.CountsByKind))
	for k := range resp.CountsByKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	next := ""
	if resp.NextPageToken != "" {
		nq := url.Values{}
		for k, v := range qv {
			nq[k] = v
		}
		nq.Set("page", resp.NextPageToken)
		next = "/queue?" + nq.Encode()
	}
	s.render(w, http.StatusOK, "queue.html", map[string]any{"Me": se.mod, "CSRF": se.csrf, "Resp": resp, "Kinds": kinds,
		"Counts": resp.CountsByKind, "Query": qv, "Next": next, "Done": qv.Get("done"), "Sort": sortBy,
		"SortRisk": withQuery(qv, "sort", "risk"), "SortAge": withQuery(qv, "sort", "age"), "Clock": s.clock()})
}

// withQuery returns /queue with qv's filters and key set to value (a new order starts
// at the first page).
func withQuery(qv url.Values, key, value string) string {
	nq := url.Values{}
	for k, v := range qv {
		if k != "page" && k != "done" {
			nq[k] = v
		}
	}
	nq.Set(key, value)
	return "/queue?" + nq.Encode()
}

// reviewClock tells how long a hold has waited against the review target.
type reviewClock struct {
	now    time.Time
	Target time.Duration
}

func (s *Server) clock() reviewClock { return reviewClock{now: s.now(), Target: s.target} }

// Waited is how long a post held at heldAt has waited, as "3h 05m".
func (c reviewClock) Waited(heldAt *timestamppb.Timestamp) string {
	return duration(c.now.Sub(heldAt.AsTime()))
}

// Overdue reports whether a post held at heldAt has waited past the target.
func (c reviewClock) Overdue(heldAt *timestamppb.Timestamp) bool {
	return c.now.Sub(heldAt.AsTime()) > c.Target
}

// TargetText is the target as "4h 00m".
func (c reviewClock) TargetText() string { return duration(c.Target) }

// duration renders a wait in hours and minutes ("3h 05m", "12m").
func duration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Minute)
	if d < time.Hour {
		return fmt.Sprintf("%dm", int(d.Minutes()))
	}
	if d < 48*time.Hour {
		return fmt.Sprintf("%dh %02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd %dh", int(d.Hours())/24, int(d.Hours())%24)
}

func (s *Server) reviewed(w http.ResponseWriter, r *http.Request, se session) {
	qv := r.URL.Query()
	posts, token, err := s.h.ListReviewed(reviewer(se), holder.ReviewedQuery{Forum: qv.Get("forum"), PageToken: qv.Get("page")})
	if err != nil {
		s.fail(w, se, err)
		return
	}
	next := ""
	if token != "" {
		nq := url.Values{"page": {token}}
		if f := qv.Get("forum"); f != "" {
			nq.Set("forum", f)
		}
		next = "/reviewed?" + nq.Encode()
	}
	s.render(w, http.StatusOK, "reviewed.html", map[string]any{"Me": se.mod, "CSRF": se.csrf, "Posts": posts, "Forum": qv.Get("forum"), "Next": next})
}

// linkedView is a linked post prepared for the page.
type linkedView struct {
	LP   *mosaicv1.LinkedPost
	Body template.HTML
}

func (s *Server) post(w http.ResponseWriter, r *http.Request, se session) {
	rv := reviewer(se)
	id := r.PathValue("id")
	hp, err := s.h.HeldPost(rv, id)
	if err != nil {
		s.fail(w, se, err)
		return
	}
	entries, chainOK, err := s.h.AuditHistory(rv, id)
	if err != nil {
		s.fail(w, se, err)
		return
	}
	findings := hp.GetStatus().GetFindings()
	m := &masker{held: id, csrf: se.csrf, revealed: holder.Revealed(entries, se.mod.ID), spans: holder.ReviewSpans(hp)}
	slices.SortStableFunc(m.spans, func(a, b *mosaicv1.Span) int { return len(b.GetText()) - len(a.GetText()) }) // longest first
	var linked []linkedView
	for _, lp := range hp.LinkedPosts {
		linked = append(linked, linkedView{LP: lp, Body: highlight(lp.GetPost().GetPostId(), lp.GetPost().GetBody(),
			spansIn(lp.GetPost().GetPostId(), findings, lp.GetDetails(), false), m)})
	}
	body := highlight(hp.GetPost().GetPostId(), hp.GetPost().GetBody(), spansIn(hp.GetPost().GetPostId(), findings, nil, true), m)
	claimedByOther := hp.GetClaim() != nil && hp.GetClaim().GetModerator() != se.mod.ID
	s.render(w, http.StatusOK, "post.html", map[string]any{"Me": se.mod, "CSRF": se.csrf, "HP": hp, "Body": body,
		"Linked": linked, "Audit": entries, "Mask": m, "Clock": s.clock(), "ChainOK": chainOK, "Held": hp.GetStatus().GetDecision() == mosaicv1.Decision_DECISION_HELD,
		"ClaimedByOther": claimedByOther, "Done": r.URL.Query().Get("done"), "Action": chosenAction(r.URL.Query().Get("action"))})
}

// act carries out one review action from a form.
func (s *Server) act(w http.ResponseWriter, r *http.Request, se session) {
	rv := reviewer(se)
	id := r.PathValue("id")
	ctx := r.Context()
	var err error
	done, back := "", "/posts/"+url.PathEscape(id)
	switch action := r.PathValue("action"); action {
	case "claim":
		_, err = s.h.Claim(ctx, rv, id, 0)
		done = "claimed"
	case "release":
		_, err = s.h.Release(ctx, rv, id, r.PostFormValue("note"))
		done, back = "released "+id, "/queue"
	case "reject":
		reason := mosaicv1.RejectReason(mosaicv1.RejectReason_value[r.PostFormValue("reason")])
		_, err = s.h.Reject(ctx, rv, id, reason, r.PostFormValue("message"))
		done, back = "rejected "+id, "/queue"
	case "return":
		_, err = s.h.ReturnForEdit(ctx, rv, id, r.PostFormValue("reason"), r.PostFormValue("guidance"))
		done, back = "returned "+id+" to its author", "/queue"
	case "edit":
		_, err = s.h.EditAndRelease(ctx, rv, id, strings.ReplaceAll(r.PostFormValue("body"), "\r\n", "\n"), r.PostFormValue("note"))
		done, back = "released "+id+" with your edits", "/queue"
	case "reveal":
		err = s.h.RevealSpans(ctx, rv, id, r.PostForm["span"])
		done = "revealed; the reveal is in the audit history"
	case "note":
		_, err = s.h.AddNote(ctx, rv, id, r.PostFormValue("text"))
		done = "note added"
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.fail(w, se, err)
		return
	}
	http.Redirect(w, r, back+"?done="+url.QueryEscape(done), http.StatusSeeOther)
}
