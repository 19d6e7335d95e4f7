package console_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	"github.com/mosaicgw/mosaic/internal/review"
	"github.com/mosaicgw/mosaic/internal/store"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
	"github.com/mosaicgw/mosaic/services/holder/console"
	"github.com/mosaicgw/mosaic/services/holder/holdertest"
)

const (
	anaPassword = "ana's long console passphrase"
	benToken    = "tok-ben-0123456789abcdef0123456789"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// fixture is a holder with a conduct hold held 5 hours ago (c1), and, held an hour
// ago, a cumulative hold (p-held, linked to p-early) and a direct identifier hold (d1)
// in gp-chat, and one in cardiology (d2), behind a console.
type fixture struct {
	h     *holder.Holder
	srv   *httptest.Server
	clock *clock
}

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

func newFixture(t *testing.T) *fixture {
	t.Helper()
	top := bus.DefaultTopology()
	top.Partitions = 2
	s := bustest.Run(t, &top)
	db, err := store.Open(store.Options{Dir: t.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := &clock{t: time.Now().Add(-5 * time.Hour)}
	h, err := holder.New(holder.Options{DB: db, NC: s.NC, JS: s.JS, Topology: top, Decider: holder.SeverityDecider{},
		Logger: slog.New(slog.DiscardHandler), Now: c.Now, AuditKey: holdertest.AuditKey})
	if err != nil {
		t.Fatal(err)
	}
	// A conduct hold that has waited 5 hours, past the default review target of 4.
	if err := h.Decide(t.Context(), holdertest.Conduct("c1", "dr-c", "gp-chat", c.Now())); err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	c.t = time.Now().Add(-time.Hour)
	c.mu.Unlock()
	earlier, held := holdertest.Cumulative("p-early", "p-held", "dr-a", "gp-chat", c.Now().Add(-72*time.Hour))
	for _, a := range []*mosaicv1.Assessment{earlier, held, holdertest.DirectIdentifier("d1", "dr-b", "gp-chat", c.Now()),
		holdertest.DirectIdentifier("d2", "dr-b", "cardiology", c.Now())} {
		if err := h.Decide(t.Context(), a); err != nil {
			t.Fatal(err)
		}
	}
	pw, err := review.HashPassword(anaPassword, 1000)
	if err != nil {
		t.Fatal(err)
	}
	mods, err := review.Parse([]byte("moderators:\n" +
		"  - {id: mod-ana, name: Dr Ana Patel, forums: [gp-chat], password_hash: '" + pw + "'}\n" +
		"  - {id: mod-ben, forums: [gp-chat], token_hash: " + review.HashToken(benToken) + "}\n"))
	if err != nil {
		t.Fatal(err)
	}
	con, err := console.New(console.Options{Holder: h, Moderators: mods, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(con)
	t.Cleanup(srv.Close)
	return &fixture{h: h, srv: srv, clock: c}
}

// client is a browser-like HTTP client with a cookie jar that does not follow
// redirects, so tests see each response.
func (f *fixture) client(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func post(t *testing.T, c *http.Client, u string, form url.Values) (int, string) {
	t.Helper()
	resp, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (f *fixture) signIn(t *testing.T, id, secret string) (*http.Client, string) {
	t.Helper()
	c := f.client(t)
	if code, _ := post(t, c, f.srv.URL+"/login", url.Values{"moderator": {id}, "secret": {secret}, "next": {"/queue"}}); code != http.StatusSeeOther {
		t.Fatalf("sign in %s: %d", id, code)
	}
	code, page := get(t, c, f.srv.URL+"/queue")
	m := csrfRE.FindStringSubmatch(page)
	if code != http.StatusOK || m == nil {
		t.Fatalf("queue after sign-in: %d", code)
	}
	return c, m[1]
}

func TestConsoleSignInScopesAndErrors(t *testing.T) {
	f := newFixture(t)
	anon := f.client(t)
	if code, _ := get(t, anon, f.srv.URL+"/queue"); code != http.StatusSeeOther {
		t.Fatalf("queue without a session: %d, want a redirect to sign in", code)
	}
	if code, body := post(t, anon, f.srv.URL+"/login", url.Values{"moderator": {"mod-ana"}, "secret": {"wrong"}}); code != http.StatusUnauthorized || !strings.Contains(body, "do not match") {
		t.Fatalf("wrong password: %d", code)
	}
	if code, _ := post(t, anon, f.srv.URL+"/login", url.Values{"moderator": {"mod-ana"}, "secret": {anaPassword}, "next": {"//evil.example/x"}}); code != http.StatusSeeOther {
		t.Fatalf("sign in: %d", code)
	}

	ana, csrf := f.signIn(t, "mod-ana", anaPassword)
	_, queue := get(t, ana, f.srv.URL+"/queue")
	if !strings.Contains(queue, `data-post="p-held"`) || !strings.Contains(queue, `data-post="d1"`) || strings.Contains(queue, `data-post="d2"`) {
		t.Fatalf("ana's queue must show gp-chat's posts only:\n%s", queue)
	}
	if code, _ := get(t, ana, f.srv.URL+"/posts/d2"); code != http.StatusForbidden {
		t.Fatalf("post in another forum: %d", code)
	}
	if code, _ := get(t, ana, f.srv.URL+"/posts/nope"); code != http.StatusNotFound {
		t.Fatalf("unknown post: %d", code)
	}
	if code, _ := post(t, ana, f.srv.URL+"/posts/d1/release", url.Values{}); code != http.StatusForbidden {
		t.Fatalf("action without the CSRF token: %d", code)
	}
	if code, _ := post(t, ana, f.srv.URL+"/posts/d1/claim", url.Values{"csrf": {csrf}}); code != http.StatusSeeOther {
		t.Fatalf("claim: %d", code)
	}
	ben, benCSRF := f.signIn(t, "mod-ben", benToken)
	if code, body := post(t, ben, f.srv.URL+"/posts/d1/release", url.Values{"csrf": {benCSRF}}); code != http.StatusConflict || !strings.Contains(body, "mod-ana") {
		t.Fatalf("release under ana's claim: %d", code)
	}
	if code, _ := post(t, ana, f.srv.URL+"/posts/d1/reject", url.Values{"csrf": {csrf}, "reason": {"REJECT_REASON_CONFIDENTIALITY"}, "message": {"No NHS numbers."}}); code != http.StatusSeeOther {
		t.Fatalf("reject: %d", code)
	}
	if code, _ := post(t, ana, f.srv.URL+"/posts/d1/release", url.Values{"csrf": {csrf}}); code != http.StatusConflict {
		t.Fatalf("release of a rejected post: %d", code)
	}
	entries, ok, err := f.h.AuditHistory(holder.Reviewer{ID: "t", Forums: []string{"*"}}, "d1")
	if err != nil || !ok || entries[len(entries)-1].Actor != "mod-ana" || entries[len(entries)-1].Action != holder.ActionRejected {
		t.Fatalf("audit must attribute the console action: %v %v", entries, err)
	}
	if code, _ := post(t, ana, f.srv.URL+"/logout", url.Values{"csrf": {csrf}}); code != http.StatusSeeOther {
		t.Fatalf("logout: %d", code)
	}
	if code, _ := get(t, ana, f.srv.URL+"/queue"); code != http.StatusSeeOther {
		t.Fatalf("queue after logout: %d", code)
	}
}

func TestConsolePostPageShowsEverythingBehindTheHold(t *testing.T) {
	f := newFixture(t)
	ana, _ := f.signIn(t, "mod-ana", anaPassword)
	code, page := get(t, ana, f.srv.URL+"/posts/p-held")
	if code != http.StatusOK {
		t.Fatalf("post page: %d", code)
	}
	for _, want := range []string{
		`data-post="p-held" data-kind="condition"`, `data-post="p-early" data-kind="town"`, `>[condition]</button>`,
		`id="timeline"`, `id="risk"`, `rare histiocytic disorder`, `chain verified`, `mosaic`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("post page lacks %s", want)
		}
	}
	// Privacy first: no identifying span's text is on the page until revealed.
	for _, secret := range []string{"Erdheim-Chester", "Keswick", "keswick", "94-year-old", "lighthouse keeper"} {
		if strings.Contains(page, secret) {
			t.Errorf("the masked page shows %q", secret)
		}
	}
}

// TestConsoleRevealIsAuditedThenShown: a masked span is revealed by a POST that the
// holder records in the audit log; the span then shows for that moderator only.
func TestConsoleRevealIsAuditedThenShown(t *testing.T) {
	f := newFixture(t)
	ana, csrf := f.signIn(t, "mod-ana", anaPassword)
	cond := holder.SpanKey(holdertest.Span("p-held", holdertest.HeldBody, "Erdheim-Chester disease", "condition"))
	if code, _ := post(t, ana, f.srv.URL+"/posts/p-held/reveal", url.Values{"span": {cond}}); code != http.StatusForbidden {
		t.Fatalf("a reveal without the CSRF token: %d", code)
	}
	if code, body := post(t, ana, f.srv.URL+"/posts/p-held/reveal", url.Values{"csrf": {csrf}, "span": {"p-held:0-4:condition"}}); code != http.StatusBadRequest || !strings.Contains(body, "not a span") {
		t.Fatalf("a reveal of a span the post lacks: %d", code)
	}
	if code, _ := post(t, ana, f.srv.URL+"/posts/p-held/reveal", url.Values{"csrf": {csrf}, "span": {cond}}); code != http.StatusSeeOther {
		t.Fatalf("reveal: %d", code)
	}
	_, page := get(t, ana, f.srv.URL+"/posts/p-held")
	if !strings.Contains(page, `<mark data-post="p-held" title="condition">Erdheim-Chester disease</mark>`) || strings.Contains(page, "Keswick") {
		t.Errorf("after revealing the condition, the page must show it and still mask the town")
	}
	if !strings.Contains(page, "revealed condition: span "+cond) {
		t.Errorf("the page's audit history lacks the reveal")
	}
	entries, ok, err := f.h.AuditHistory(holder.Reviewer{ID: "t", Forums: []string{"*"}}, "p-held")
	if err != nil || !ok {
		t.Fatalf("audit: %v %v", ok, err)
	}
	last := entries[len(entries)-1]
	if last.Actor != "mod-ana" || last.Action != holder.ActionRevealed || !strings.Contains(last.Reason, "condition") {
		t.Fatalf("last audit entry %v", last)
	}
	ben, _ := f.signIn(t, "mod-ben", benToken)
	if _, page := get(t, ben, f.srv.URL+"/posts/p-held"); strings.Contains(page, "<mark") {
		t.Errorf("ana's reveal shows the span to ben")
	}
	if _, page := get(t, ana, f.srv.URL+"/queue"); strings.Contains(page, "943 476 5919") || !strings.Contains(page, "[nhs_number]") {
		t.Errorf("the queue's excerpts are not masked")
	}
}

// TestConsoleOneActionAtATime: the post page offers a choice of actions and shows the
// form of the chosen one only.
func TestConsoleOneActionAtATime(t *testing.T) {
	f := newFixture(t)
	ana, _ := f.signIn(t, "mod-ana", anaPassword)
	forms := []string{`id="form-release"`, `id="form-reject"`, `id="form-return"`, `id="form-edit"`}
	_, page := get(t, ana, f.srv.URL+"/posts/d1")
	for _, form := range forms {
		if strings.Contains(page, form) {
			t.Errorf("with no action chosen the page shows %s", form)
		}
	}
	if !strings.Contains(page, `href="/posts/d1?action=reject#actions"`) {
		t.Errorf("the page offers no choice of reject")
	}
	for _, a := range []string{"release", "reject", "return", "edit"} {
		_, page := get(t, ana, f.srv.URL+"/posts/d1?action="+a)
		for _, form := range forms {
			if got, want := strings.Contains(page, form), form == `id="form-`+a+`"`; got != want {
				t.Errorf("action %s: page shows %s: %v, want %v", a, form, got, want)
			}
		}
	}
	if _, page := get(t, ana, f.srv.URL+"/posts/d1?action=%3Cscript%3E"); strings.Contains(page, `class="action-form"`) {
		t.Errorf("an unknown action shows a form")
	}
}

var rowRE = regexp.MustCompile(`<tr data-post="([^"]+)"`)

func rows(page string) string {
	var ids []string
	for _, m := range rowRE.FindAllStringSubmatch(page, -1) {
		ids = append(ids, m[1])
	}
	return strings.Join(ids, ",")
}

// TestConsoleSortsByRiskAndShowsPeopleMatchingOnlyForConfidentiality: the queue sorts
// by age or risk from links that keep the filters, and a conduct hold shows no count of
// people matching, in the queue or on its page.
func TestConsoleSortsByRiskAndShowsPeopleMatchingOnlyForConfidentiality(t *testing.T) {
	f := newFixture(t)
	ana, _ := f.signIn(t, "mod-ana", anaPassword)
	_, page := get(t, ana, f.srv.URL+"/queue")
	if got := rows(page); got != "c1,d1,p-held" {
		t.Fatalf("by age: %s", got)
	}
	if !strings.Contains(page, `href="/queue?sort=risk" id="sort-risk"`) {
		t.Errorf("no link to sort by risk")
	}
	_, page = get(t, ana, f.srv.URL+"/queue?sort=risk")
	if got := rows(page); got != "d1,p-held,c1" {
		t.Fatalf("by risk: %s", got)
	}
	if strings.Contains(page, "33800000") || !strings.Contains(page, "n/a (conduct)") {
		t.Errorf("the queue shows a conduct hold's people matching")
	}
	_, page = get(t, ana, f.srv.URL+"/queue?kind=FINDING_KIND_ABUSIVE_COMMENT&forum=gp-chat")
	if got := rows(page); got != "c1" || !strings.Contains(page, `href="/queue?forum=gp-chat&amp;kind=FINDING_KIND_ABUSIVE_COMMENT&amp;sort=risk"`) {
		t.Errorf("kind and forum filter: %s, or the sort link drops the filters", got)
	}
	_, page = get(t, ana, f.srv.URL+"/posts/c1")
	if strings.Contains(page, "33800000") || strings.Contains(page, `id="risk"`) {
		t.Errorf("the conduct hold's page shows people matching")
	}
	_, page = get(t, ana, f.srv.URL+"/posts/p-held")
	if !strings.Contains(page, `id="risk"`) {
		t.Errorf("the cumulative hold's page lacks its risk")
	}
}

// TestConsoleReviewedAndAppealedTabs: a decided hold leaves the queue for the reviewed
// tab with its decision and moderator; an appeal waits in the appealed tab.
func TestConsoleReviewedAndAppealedTabs(t *testing.T) {
	f := newFixture(t)
	ana, csrf := f.signIn(t, "mod-ana", anaPassword)
	if _, page := get(t, ana, f.srv.URL+"/reviewed"); !strings.Contains(page, `id="empty"`) {
		t.Fatalf("reviewed before any decision is not empty")
	}
	if code, _ := post(t, ana, f.srv.URL+"/posts/d1/reject", url.Values{"csrf": {csrf}, "reason": {"REJECT_REASON_CONFIDENTIALITY"}}); code != http.StatusSeeOther {
		t.Fatalf("reject: %d", code)
	}
	f.clock.Advance(time.Minute)
	if code, _ := post(t, ana, f.srv.URL+"/posts/c1/release", url.Values{"csrf": {csrf}}); code != http.StatusSeeOther {
		t.Fatalf("release: %d", code)
	}
	_, page := get(t, ana, f.srv.URL+"/reviewed")
	if got := rows(page); got != "c1,d1" {
		t.Fatalf("reviewed rows: %s", got)
	}
	for _, want := range []string{"RELEASED", "REJECTED", `<td class="by">mod-ana</td>`, "Not published because it could identify a patient"} {
		if !strings.Contains(page, want) {
			t.Errorf("reviewed tab lacks %q", want)
		}
	}
	if _, err := f.h.Appeal(t.Context(), "dr-b", "d1", "The number was invented."); err != nil {
		t.Fatal(err)
	}
	if _, page := get(t, ana, f.srv.URL+"/queue?appeals=1"); rows(page) != "d1" || !strings.Contains(page, "appeal") {
		t.Errorf("appealed tab: %s", rows(page))
	}
	if _, page := get(t, ana, f.srv.URL+"/reviewed"); rows(page) != "c1" {
		t.Errorf("reviewed after the appeal: %s", rows(page))
	}
}

// TestConsoleReviewClockEscalates: each hold shows how long it has waited, and a hold
// past the review target (4 hours by default) is marked overdue in the queue and on its
// page.
func TestConsoleReviewClockEscalates(t *testing.T) {
	f := newFixture(t)
	ana, _ := f.signIn(t, "mod-ana", anaPassword)
	_, page := get(t, ana, f.srv.URL+"/queue")
	if !strings.Contains(page, `id="overdue-c1"`) || strings.Contains(page, `id="overdue-d1"`) || strings.Contains(page, `id="overdue-p-held"`) {
		t.Errorf("only c1 (5 hours) is past the 4-hour target")
	}
	if !regexp.MustCompile(`<td class="clock"[^>]*>5h 0[01]m`).MatchString(page) {
		t.Errorf("the queue lacks c1's wait of 5 hours")
	}
	if _, page := get(t, ana, f.srv.URL+"/posts/c1"); !strings.Contains(page, `id="escalation"`) || !strings.Contains(page, "(target 4h 00m)") {
		t.Errorf("c1's page lacks its escalation")
	}
	if _, page := get(t, ana, f.srv.URL+"/posts/d1"); strings.Contains(page, `id="escalation"`) || !strings.Contains(page, `id="review-clock"`) {
		t.Errorf("d1's page: a clock and no escalation")
	}
}
