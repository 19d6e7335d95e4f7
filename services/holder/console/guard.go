package console

import (
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// GuardOptions limits sign-in attempts. Zero fields take the defaults.
type GuardOptions struct {
	// AccountFailures wrong secrets for one moderator id within Window lock that id
	// out for Lockout (default 10). Unknown ids are counted the same way, so a lockout
	// does not reveal whether an id exists.
	AccountFailures int
	// AddressFailures wrong secrets from one client address within Window lock that
	// address out for Lockout (default 50): one address guessing across many ids.
	AddressFailures int
	// Window over which failures are counted (default 15 minutes).
	Window time.Duration
	// Lockout is how long a locked id or address is refused (default 15 minutes).
	Lockout time.Duration
	// AddressRate and AddressBurst bound sign-in attempts of any outcome from one
	// address (default one a second, bursts of 20): each costs a PBKDF2 check.
	AddressRate  rate.Limit
	AddressBurst int
}

func (o GuardOptions) withDefaults() GuardOptions {
	if o.AccountFailures <= 0 {
		o.AccountFailures = 10
	}
	if o.AddressFailures <= 0 {
		o.AddressFailures = 50
	}
	if o.Window <= 0 {
		o.Window = 15 * time.Minute
	}
	if o.Lockout <= 0 {
		o.Lockout = 15 * time.Minute
	}
	if o.AddressRate <= 0 {
		o.AddressRate = rate.Every(time.Second)
	}
	if o.AddressBurst <= 0 {
		o.AddressBurst = 20
	}
	return o
}

// maxTracked bounds the guard's memory: past it, records whose window and lockout have
// ended are dropped; if that is not enough, the new key is tracked anyway (a flood of
// distinct ids from one address is stopped by the address limits).
const maxTracked = 100_000

// guard counts failed sign-ins per moderator id and per client address and locks
// either out after too many within the window; it also rate-limits attempts per
// address. It lives in memory: a restart forgets the counts, which only helps an
// attacker who can also restart the process.
type guard struct {
	o   GuardOptions
	now func() time.Time

	mu       sync.Mutex
	accounts map[string]*failures
	addrs    map[string]*failures
	rates    map[string]*rate.Limiter
}

type failures struct {
	n           int
	first       time.Time // start of the current window
	lockedUntil time.Time
}

func newGuard(o GuardOptions, now func() time.Time) *guard {
	return &guard{o: o.withDefaults(), now: now, accounts: map[string]*failures{}, addrs: map[string]*failures{},
		rates: map[string]*rate.Limiter{}}
}

// refusal says why an attempt is refused before its secret is checked, and for how long.
type refusal struct {
	message    string
	retryAfter time.Duration
}

// admit decides whether an attempt for id from addr may be checked at all.
func (g *guard) admit(id, addr string) *refusal {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	if f := g.accounts[id]; f != nil && now.Before(f.lockedUntil) {
		return &refusal{"Too many failed sign-ins for this moderator id. It is locked for now; try again later, or ask an administrator.", f.lockedUntil.Sub(now)}
	}
	if f := g.addrs[addr]; f != nil && now.Before(f.lockedUntil) {
		return &refusal{"Too many failed sign-ins from your network address. Try again later.", f.lockedUntil.Sub(now)}
	}
	lim := g.rates[addr]
	if lim == nil {
		g.prune(now)
		lim = rate.NewLimiter(g.o.AddressRate, g.o.AddressBurst)
		g.rates[addr] = lim
	}
	r := lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return &refusal{"Too many sign-in attempts from your network address. Slow down and try again shortly.", d}
	}
	return nil
}

// failed records a wrong secret for id from addr.
func (g *guard) failed(id, addr string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	g.prune(now)
	g.count(g.accounts, id, g.o.AccountFailures, now)
	g.count(g.addrs, addr, g.o.AddressFailures, now)
}

func (g *guard) count(m map[string]*failures, key string, limit int, now time.Time) {
	f := m[key]
	if f == nil || now.Sub(f.first) >= g.o.Window {
		f = &failures{first: now, lockedUntil: time.Time{}}
		m[key] = f
	}
	f.n++
	if f.n >= limit {
		f.lockedUntil = now.Add(g.o.Lockout)
		// The next window starts when the lockout ends.
		f.n, f.first = 0, f.lockedUntil
	}
}

// succeeded clears the id's failures (not the address's: one good sign-in must not
// license more guesses at other ids from there).
func (g *guard) succeeded(id string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.accounts, id)
}

// prune drops records that no longer limit anything, once the maps are large.
func (g *guard) prune(now time.Time) {
	if len(g.accounts)+len(g.addrs)+len(g.rates) < maxTracked {
		return
	}
	for _, m := range []map[string]*failures{g.accounts, g.addrs} {
		for k, f := range m {
			if !now.Before(f.lockedUntil) && now.Sub(f.first) >= g.o.Window {
				delete(m, k)
			}
		}
	}
	for k, l := range g.rates {
		if l.TokensAt(now) >= float64(g.o.AddressBurst) {
			delete(g.rates, k)
		}
	}
}

// clientAddress is the address the guard counts a request under: the connection's IP.
// Forwarded-for headers are not trusted (anyone can send them); behind a reverse proxy
// every request counts under the proxy's address, which then gets the address limits.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
