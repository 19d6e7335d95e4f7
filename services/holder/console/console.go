// Package console is the moderators' web console: the review queue, a held post with
// its highlighted spans across the linked posts, the risk and the author's disclosure
// timeline, the audit history, and the review actions. It is plain server-rendered
// HTML (html/template, embedded, no script and nothing fetched from elsewhere), served
// by the process that runs the holder.
//
// Moderators sign in with their id and password (or token) from the moderators file;
// the session is an HttpOnly, SameSite=Strict cookie (Secure when the console is served
// over TLS, or with Options.SecureCookie behind a TLS-terminating proxy) and every form
// carries the session's CSRF token. Sessions are stored, by a hash of their token and
// with their expiry, in the holder's database, so they survive a restart. Sign-in is
// limited per moderator id and per client address, with a lockout (guard.go), and does
// the same password-hash work for unknown ids (review.Directory.SignIn). Each moderator
// sees only the forums they moderate, and every action is recorded in the post's audit
// history under their id.
//
// The post page is privacy first: identifying spans are masked by their kind ("[age]")
// until the moderator reveals one, a POST the holder records in the signed audit log
// before the span is shown (holder.RevealSpans). A decision is one action at a time
// (?action= chooses the form shown). The queue sorts by age or risk and shows each
// hold's review clock against Options.ReviewTarget; /reviewed lists decided holds.
package console

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"google.golang.org/grpc/codes"

	"github.com/mosaicgw/mosaic/internal/review"
	"github.com/mosaicgw/mosaic/services/holder"
)

//go:embed templates/*.html
var templateFS embed.FS

// SessionCookie names the console's session cookie.
const SessionCookie = "mosaic_session"

// Options configures the console.
type Options struct {
	Holder     *holder.Holder
	Moderators *review.Directory
	Logger     *slog.Logger
	// SessionTTL is how long a sign-in lasts (default 8 hours: a shift).
	SessionTTL time.Duration
	// Now is the clock (tests may fix it).
	Now func() time.Time
	// Guard limits sign-in attempts (zero: the defaults, see GuardOptions).
	Guard GuardOptions
	// SecureCookie marks the session cookie Secure on every response, for a console
	// behind a proxy that terminates TLS. Without it the cookie is Secure whenever the
	// request itself came over TLS.
	SecureCookie bool
	// ReviewTarget is how long a hold may wait before the console marks it overdue
	// (DefaultReviewTarget when zero).
	ReviewTarget time.Duration
}

// DefaultReviewTarget is the review target when none is configured.
const DefaultReviewTarget = 4 * time.Hour

// Server is the console's HTTP handler and server.
type Server struct {
	h      *holder.Holder
	mods   *review.Directory
	log    *slog.Logger
	tmpl   *template.Template
	mux    *http.ServeMux
	ttl    time.Duration
	now    func() time.Time
	guard  *guard
	secure bool
	target time.Duration

	// signIns bounds concurrent password checks: each costs PBKDF2's 600,000
	// iterations, and a flood of guesses must not take every core.
	signIns chan struct{}
}

type session struct {
	mod     review.Moderator
	csrf    string
	expires time.Time
}

// New builds the console.
func New(o Options) (*Server, error) {
	if o.Holder == nil || o.Moderators == nil {
		return nil, errors.New("console: Holder and Moderators are required")
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = 8 * time.Hour
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.ReviewTarget <= 0 {
		o.ReviewTarget = DefaultReviewTarget
	}
	t, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("console: templates: %w", err)
	}
	s := &Server{h: o.Holder, mods: o.Moderators, log: o.Logger.With("component", "console"), tmpl: t,
		mux: http.NewServeMux(), ttl: o.SessionTTL, now: o.Now, guard: newGuard(o.Guard, o.Now), secure: o.SecureCookie, target: o.ReviewTarget,
		signIns: make(chan struct{}, 2)}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/queue", http.StatusSeeOther) })
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	s.mux.HandleFunc("GET /login", s.loginForm)
	s.mux.HandleFunc("POST /login", s.login)
	s.mux.HandleFunc("POST /logout", s.signedIn(s.logout))
	s.mux.HandleFunc("GET /queue", s.signedIn(s.queue))
	s.mux.HandleFunc("GET /reviewed", s.signedIn(s.reviewed))
	s.mux.HandleFunc("GET /posts/{id}", s.signedIn(s.post))
	s.mux.HandleFunc("POST /posts/{id}/{action}", s.signedIn(s.act))
}

// ServeHTTP implements http.Handler, with headers that keep the pages to themselves.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	s.mux.ServeHTTP(w, r)
}

// Run serves on lis until ctx ends, then shuts down gracefully (bounded).
func (s *Server) Run(ctx context.Context, lis net.Listener) error {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)}
	stop := context.AfterFunc(ctx, func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	})
	defer stop()
	if err := srv.Serve(lis); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("console: %w", err)
	}
	return nil
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// sessionRecord is what the holder stores for a session, under the SHA-256 of its
// token: whose it is and until when. The moderator's forums are looked up afresh in the
// directory, so a change to the moderators file applies to existing sessions, and a
// moderator removed from it is signed out.
type sessionRecord struct {
	Moderator string    `json:"moderator"`
	Expires   time.Time `json:"expires"`
}

func tokenHash(token string) []byte {
	sum := sha256.Sum256([]byte("mosaic-console-session\x00" + token))
	return sum[:]
}

// csrfFor derives the session's CSRF token from its session token, so nothing but the
// token's hash needs storing; a page from another site knows neither.
func csrfFor(token string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("mosaic-console-csrf"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// current returns the request's live session.
func (s *Server) current(r *http.Request) (string, session, bool) {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" || len(c.Value) > 128 {
		return "", session{}, false
	}
	b, err := s.h.Session(tokenHash(c.Value))
	if err != nil {
		if !errors.Is(err, holder.ErrNotFound) {
			s.log.Error("read session", "err", err)
		}
		return "", session{}, false
	}
	var rec sessionRecord
	if err := json.Unmarshal(b, &rec); err != nil || !s.now().Before(rec.Expires) {
		return "", session{}, false
	}
	m, ok := s.mods.ByID(rec.Moderator)
	if !ok {
		return "", session{}, false
	}
	return c.Value, session{mod: m, csrf: csrfFor(c.Value), expires: rec.Expires}, true
}

func (s *Server) secureCookie(r *http.Request) bool { return s.secure || r.TLS != nil }

type handler func(w http.ResponseWriter, r *http.Request, se session)

// signedIn requires a session, and for POSTs the session's CSRF token.
func (s *Server) signedIn(next handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, se, ok := s.current(r)
		if !ok {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			http.Error(w, "sign in first", http.StatusUnauthorized)
			return
		}
		if r.Method == http.MethodPost {
			if err := r.ParseForm(); err != nil {
				http.Error(w, "bad form", http.StatusBadRequest)
				return
			}
			if subtle.ConstantTimeCompare([]byte(r.PostFormValue("csrf")), []byte(se.csrf)) != 1 {
				http.Error(w, "the form is stale or forged: reload the page and try again", http.StatusForbidden)
				return
			}
		}
		next(w, r, se)
	}
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "login.html", map[string]any{"Next": safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	id, secret, next := r.PostFormValue("moderator"), r.PostFormValue("secret"), safeNext(r.PostFormValue("next"))
	if len(id) > 128 { // longer than any valid id; keeps the guard's keys and the log small
		id = id[:128]
	}
	addr := clientAddress(r)
	// Limits first: a locked id or address gets no password check at all, right or
	// wrong, and is told when to come back.
	if ref := s.guard.admit(id, addr); ref != nil {
		secs := int(math.Ceil(ref.retryAfter.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		s.log.Warn("console sign-in locked out", "moderator", id, "remote", addr, "retry_after_s", secs)
		s.render(w, http.StatusTooManyRequests, "login.html", map[string]any{"Next": next, "Moderator": id,
			"Error": fmt.Sprintf("%s (Retry after %s.)", ref.message, ref.retryAfter.Round(time.Second))})
		return
	}
	select {
	case s.signIns <- struct{}{}:
	case <-r.Context().Done():
		return
	}
	m, err := s.mods.SignIn(id, secret)
	<-s.signIns
	if err != nil {
		s.guard.failed(id, addr)
		s.log.Warn("console sign-in refused", "moderator", id, "remote", addr)
		s.render(w, http.StatusUnauthorized, "login.html", map[string]any{"Next": next, "Moderator": id,
			"Error": "That moderator id and password or token do not match."})
		return
	}
	s.guard.succeeded(id)
	token := randomToken()
	se := session{mod: m, csrf: csrfFor(token), expires: s.now().Add(s.ttl)}
	rec, err := json.Marshal(sessionRecord{Moderator: m.ID, Expires: se.expires})
	if err == nil {
		err = s.h.PutSession(tokenHash(token), rec, se.expires)
	}
	if err != nil {
		s.log.Error("store session", "err", err)
		s.render(w, http.StatusInternalServerError, "login.html", map[string]any{"Next": next, "Moderator": id,
			"Error": "Signed in, but the session could not be stored; try again. The error is logged."})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.secureCookie(r),
		SameSite: http.SameSiteStrictMode, Expires: se.expires})
	s.log.Info("console sign-in", "moderator", m.ID, "remote", r.RemoteAddr)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, _ session) {
	if token, _, ok := s.current(r); ok {
		if err := s.h.DeleteSession(tokenHash(token)); err != nil {
			s.log.Error("delete session", "err", err)
		}
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.secureCookie(r),
		SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// safeNext keeps a post-sign-in redirect on this site.
func safeNext(next string) string {
	if u, err := url.Parse(next); err != nil || next == "" || u.IsAbs() || u.Host != "" || len(next) < 1 || next[0] != '/' || (len(next) > 1 && (next[1] == '/' || next[1] == '\\')) {
		return "/queue"
	}
	return next
}

func reviewer(se session) holder.Reviewer {
	return holder.Reviewer{ID: se.mod.ID, Forums: se.mod.Forums}
}

func (s *Server) render(w http.ResponseWriter, code int, name string, data map[string]any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	if err := s.tmpl.ExecuteTemplate(w, name, data); err != nil {
		s.log.Error("render", "template", name, "err", err)
	}
}

// httpCode maps the holder's errors to HTTP statuses through the one table of domain
// errors (holder.Code), as the gRPC edge does.
func httpCode(err error) int {
	switch holder.Code(err) {
	case codes.NotFound:
		return http.StatusNotFound
	case codes.PermissionDenied:
		return http.StatusForbidden
	case codes.FailedPrecondition, codes.Aborted:
		return http.StatusConflict
	case codes.InvalidArgument:
		return http.StatusBadRequest
	case codes.Unauthenticated:
		return http.StatusUnauthorized
	}
	return http.StatusInternalServerError
}

func (s *Server) fail(w http.ResponseWriter, se session, err error) {
	code := httpCode(err)
	msg := err.Error()
	if code == http.StatusInternalServerError {
		s.log.Error("console", "err", err)
		msg = "Something went wrong on the server; the error is logged."
	}
	s.render(w, code, "error.html", map[string]any{"Me": se.mod, "CSRF": se.csrf, "Code": code, "Message": msg})
}
