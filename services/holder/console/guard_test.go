package console_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	"github.com/mosaicgw/mosaic/internal/review"
	"github.com/mosaicgw/mosaic/internal/store"
	"github.com/mosaicgw/mosaic/services/holder"
	"github.com/mosaicgw/mosaic/services/holder/console"
	"github.com/mosaicgw/mosaic/services/holder/holdertest"
)

// consoleRig is a console over a holder whose Badger directory the test chooses, so the
// test can stop everything and start it again on the same data.
type consoleRig struct {
	db  *badger.DB
	srv *httptest.Server
	c   *clock
}

func moderators(t *testing.T) *review.Directory {
	t.Helper()
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
	return mods
}

func startConsole(t *testing.T, dir string, s *bustest.JetStream, top bus.Topology, tweak func(*console.Options), tls bool) *consoleRig {
	t.Helper()
	db, err := store.Open(store.Options{Dir: dir, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Now()}
	h, err := holder.New(holder.Options{DB: db, NC: s.NC, JS: s.JS, Topology: top, Decider: holder.SeverityDecider{},
		Logger: slog.New(slog.DiscardHandler), AuditKey: holdertest.AuditKey})
	if err != nil {
		t.Fatal(err)
	}
	o := console.Options{Holder: h, Moderators: moderators(t), Logger: slog.New(slog.DiscardHandler), Now: c.Now}
	if tweak != nil {
		tweak(&o)
	}
	con, err := console.New(o)
	if err != nil {
		t.Fatal(err)
	}
	r := &consoleRig{db: db, c: c}
	if tls {
		r.srv = httptest.NewTLSServer(con)
	} else {
		r.srv = httptest.NewServer(con)
	}
	return r
}

func (r *consoleRig) stop(t *testing.T) {
	t.Helper()
	r.srv.Close()
	if err := r.db.Close(); err != nil {
		t.Fatal(err)
	}
}

func newConsoleRig(t *testing.T, tweak func(*console.Options)) *consoleRig {
	t.Helper()
	top := bus.DefaultTopology()
	top.Partitions = 2
	r := startConsole(t, t.TempDir(), bustest.Run(t, &top), top, tweak, false)
	t.Cleanup(func() { r.stop(t) })
	return r
}

// signInAttempt posts the sign-in form and returns the response (body read).
func signInAttempt(t *testing.T, c *http.Client, base, id, secret string) (*http.Response, string) {
	t.Helper()
	resp, err := c.PostForm(base+"/login", url.Values{"moderator": {id}, "secret": {secret}, "next": {"/queue"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp, b.String()
}

func noRedirects() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func wantLockedOut(t *testing.T, resp *http.Response, body, message string) {
	t.Helper()
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("status %d, want 429", resp.StatusCode)
	}
	secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || secs <= 0 {
		t.Fatalf("Retry-After %q", resp.Header.Get("Retry-After"))
	}
	if !strings.Contains(body, message) {
		t.Fatalf("page does not say %q:\n%s", message, body)
	}
	if len(resp.Cookies()) != 0 {
		t.Fatal("a locked-out attempt got a session cookie")
	}
}

func TestConsoleLocksOutBruteForceOnAnAccount(t *testing.T) {
	// The address's attempt rate (TestConsoleLimitsAnAddress) is raised out of the way.
	r := newConsoleRig(t, func(o *console.Options) { o.Guard.AddressBurst = 100 })
	c := noRedirects()
	for i := range 10 {
		if resp, _ := signInAttempt(t, c, r.srv.URL, "mod-ana", "guess "+strconv.Itoa(i)); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d", i, resp.StatusCode)
		}
	}
	// The right password now is refused, with a clear message and when to come back.
	resp, body := signInAttempt(t, c, r.srv.URL, "mod-ana", anaPassword)
	wantLockedOut(t, resp, body, "Too many failed sign-ins for this moderator id")
	if secs, _ := strconv.Atoi(resp.Header.Get("Retry-After")); secs > 15*60 {
		t.Fatalf("Retry-After %d s, want at most the 15-minute lockout", secs)
	}
	// An unknown id locks out the same way: a lockout does not reveal which ids exist.
	for i := range 10 {
		signInAttempt(t, c, r.srv.URL, "mod-nobody", "guess "+strconv.Itoa(i))
	}
	resp, body = signInAttempt(t, c, r.srv.URL, "mod-nobody", "guess")
	wantLockedOut(t, resp, body, "Too many failed sign-ins for this moderator id")
	// Another moderator from the same address is not locked by ana's lockout.
	if resp, _ := signInAttempt(t, c, r.srv.URL, "mod-ben", benToken); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("ben: %d", resp.StatusCode)
	}
	// After the lockout the right password works, and clears the count.
	r.c.mu.Lock()
	r.c.t = r.c.t.Add(16 * time.Minute)
	r.c.mu.Unlock()
	if resp, _ := signInAttempt(t, c, r.srv.URL, "mod-ana", anaPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("after the lockout: %d", resp.StatusCode)
	}
}

func TestConsoleLimitsAnAddress(t *testing.T) {
	t.Run("failures across ids", func(t *testing.T) {
		r := newConsoleRig(t, func(o *console.Options) { o.Guard.AddressFailures = 5 })
		c := noRedirects()
		for i := range 5 {
			signInAttempt(t, c, r.srv.URL, "id-"+strconv.Itoa(i), "guess")
		}
		resp, body := signInAttempt(t, c, r.srv.URL, "mod-ana", anaPassword)
		wantLockedOut(t, resp, body, "Too many failed sign-ins from your network address")
	})
	t.Run("attempt rate", func(t *testing.T) {
		r := newConsoleRig(t, func(o *console.Options) { o.Guard.AddressBurst = 3 })
		c := noRedirects()
		for range 3 {
			signInAttempt(t, c, r.srv.URL, "mod-ana", "guess")
		}
		resp, body := signInAttempt(t, c, r.srv.URL, "mod-ana", anaPassword)
		wantLockedOut(t, resp, body, "Too many sign-in attempts from your network address")
		r.c.mu.Lock()
		r.c.t = r.c.t.Add(2 * time.Second)
		r.c.mu.Unlock()
		if resp, _ := signInAttempt(t, c, r.srv.URL, "mod-ana", anaPassword); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("after the rate refilled: %d", resp.StatusCode)
		}
	})
}

// sessionCookie signs in and returns the session cookie the console set.
func sessionCookie(t *testing.T, base string, c *http.Client) *http.Cookie {
	t.Helper()
	resp, _ := signInAttempt(t, c, base, "mod-ana", anaPassword)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %d", resp.StatusCode)
	}
	for _, ck := range resp.Cookies() {
		if ck.Name == console.SessionCookie {
			return ck
		}
	}
	t.Fatal("no session cookie")
	return nil
}

func getWith(t *testing.T, base, path string, ck *http.Cookie) int {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, base+path, nil)
	req.AddCookie(&http.Cookie{Name: ck.Name, Value: ck.Value})
	resp, err := noRedirects().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// A session is stored (hashed, with its expiry) in the holder's database: after the
// holder and console stop and start again on the same data, the browser is still
// signed in; signing out ends it for good.
func TestConsoleSessionSurvivesRestart(t *testing.T) {
	top := bus.DefaultTopology()
	top.Partitions = 2
	s := bustest.Run(t, &top)
	dir := t.TempDir()
	r := startConsole(t, dir, s, top, nil, false)
	ck := sessionCookie(t, r.srv.URL, noRedirects())
	if getWith(t, r.srv.URL, "/queue", ck) != http.StatusOK {
		t.Fatal("signed-in queue")
	}
	r.stop(t)

	r = startConsole(t, dir, s, top, nil, false)
	if code := getWith(t, r.srv.URL, "/queue", ck); code != http.StatusOK {
		t.Fatalf("queue after a restart: %d, want 200 (still signed in)", code)
	}
	if code := getWith(t, r.srv.URL, "/queue", &http.Cookie{Name: ck.Name, Value: ck.Value + "x"}); code != http.StatusSeeOther {
		t.Fatalf("a wrong session token: %d", code)
	}
	// The database holds only the token's hash.
	raw := false
	err := r.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, _ := it.Item().ValueCopy(nil)
			if strings.Contains(string(it.Item().Key()), ck.Value) || strings.Contains(string(v), ck.Value) {
				raw = true
			}
		}
		return nil
	})
	if err != nil || raw {
		t.Fatalf("the session token is stored in the clear (%v)", err)
	}
	// Expiry applies after a restart too.
	r.c.mu.Lock()
	r.c.t = r.c.t.Add(9 * time.Hour)
	r.c.mu.Unlock()
	if code := getWith(t, r.srv.URL, "/queue", ck); code != http.StatusSeeOther {
		t.Fatalf("an expired session: %d", code)
	}
	r.stop(t)

	// Sign out, restart: the session stays ended.
	r = startConsole(t, dir, s, top, nil, false)
	defer r.stop(t)
	ck = sessionCookie(t, r.srv.URL, noRedirects())
	// The CSRF token is on the queue page.
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, r.srv.URL+"/queue", nil)
	req.AddCookie(ck)
	resp, err := noRedirects().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var page strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		page.Write(buf[:n])
		if err != nil {
			break
		}
	}
	resp.Body.Close()
	m := csrfRE.FindStringSubmatch(page.String())
	if m == nil {
		t.Fatal("no CSRF token on the queue page")
	}
	req, _ = http.NewRequestWithContext(t.Context(), http.MethodPost, r.srv.URL+"/logout", strings.NewReader(url.Values{"csrf": {m[1]}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(ck)
	if resp, err := noRedirects().Do(req); err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %v %v", resp, err)
	}
	r.stop(t)
	r = startConsole(t, dir, s, top, nil, false)
	if code := getWith(t, r.srv.URL, "/queue", ck); code != http.StatusSeeOther {
		t.Fatalf("queue after sign-out and a restart: %d", code)
	}
}

func TestConsoleCookieIsSecureUnderTLS(t *testing.T) {
	top := bus.DefaultTopology()
	top.Partitions = 2
	s := bustest.Run(t, &top)
	for _, c := range []struct {
		name         string
		tls, setting bool
		want         bool
	}{
		{"plain HTTP", false, false, false},
		{"TLS", true, false, true},
		{"behind a TLS proxy (SecureCookie)", false, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := startConsole(t, t.TempDir(), s, top, func(o *console.Options) { o.SecureCookie = c.setting }, c.tls)
			defer r.stop(t)
			client := r.srv.Client()
			client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
			ck := sessionCookie(t, r.srv.URL, client)
			if ck.Secure != c.want || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode {
				t.Fatalf("cookie Secure=%v HttpOnly=%v SameSite=%v, want Secure=%v", ck.Secure, ck.HttpOnly, ck.SameSite, c.want)
			}
		})
	}
}
