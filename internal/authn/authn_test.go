package authn

import (
	"context"
	"encoding/base64"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

var testKey = []byte("0123456789abcdef0123456789abcdef-test-key")

func TestPosterTokenRoundTripAndRefusals(t *testing.T) {
	now := time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC)
	tok, err := IssuePosterToken(testKey, "dr-smith", 15*time.Minute, now)
	if err != nil {
		t.Fatal(err)
	}
	author, exp, err := VerifyPosterToken(testKey, tok, now.Add(time.Minute))
	if err != nil || author != "dr-smith" || !exp.Equal(now.Add(15*time.Minute)) {
		t.Fatalf("verify: %q %v %v", author, exp, err)
	}
	if _, _, err := VerifyPosterToken(testKey, tok, now.Add(16*time.Minute)); !errors.Is(err, ErrTokenExpired) {
		t.Fatalf("expired: %v", err)
	}
	if _, _, err := VerifyPosterToken([]byte(strings.Repeat("k", 40)), tok, now); !errors.Is(err, ErrTokenSignature) {
		t.Fatalf("other key: %v", err)
	}
	parts := strings.Split(tok, ".")
	forged := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"aud":"mosaic-poster","sub":"dr-jones","exp":`+"9999999999"+`}`)) + "." + parts[2]
	if _, _, err := VerifyPosterToken(testKey, forged, now); !errors.Is(err, ErrTokenSignature) {
		t.Fatalf("altered claims: %v", err)
	}
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none"}`)) + "." + parts[1] + "."
	if _, _, err := VerifyPosterToken(testKey, none, now); !errors.Is(err, ErrTokenMalformed) {
		t.Fatalf("alg none: %v", err)
	}
	if _, err := IssuePosterToken(testKey, "dr-smith", 25*time.Hour, now); err == nil {
		t.Fatal("issued a token living more than a day")
	}
	if _, err := IssuePosterToken(testKey[:10], "dr-smith", time.Minute, now); err == nil {
		t.Fatal("issued with a short key")
	}
	if _, err := IssuePosterToken(testKey, "dr.smith/../x", time.Minute, now); err == nil {
		t.Fatal("issued for an invalid author id")
	}
	// A correctly signed token that lives too long (made by another issuer) is refused.
	long := headerHS256 + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"aud":"mosaic-poster","sub":"dr-smith","exp":`+
		itoa(now.Add(48*time.Hour).Unix())+`}`))
	long += "." + base64.RawURLEncoding.EncodeToString(sign(testKey, long))
	if _, _, err := VerifyPosterToken(testKey, long, now); !errors.Is(err, ErrTokenClaims) {
		t.Fatalf("two-day token: %v", err)
	}
	wrongAud := headerHS256 + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"aud":"other","sub":"dr-smith","exp":`+
		itoa(now.Add(time.Minute).Unix())+`}`))
	wrongAud += "." + base64.RawURLEncoding.EncodeToString(sign(testKey, wrongAud))
	if _, _, err := VerifyPosterToken(testKey, wrongAud, now); !errors.Is(err, ErrTokenClaims) {
		t.Fatalf("other audience: %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestSecretIsGeneratedOnceAndReloaded(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "credentials")
	path := filepath.Join(dir, PlatformTokenFile)
	log := slog.New(slog.DiscardHandler)
	s, err := LoadSecret(path, true, log)
	if err != nil {
		t.Fatal(err)
	}
	first := string(s.Bytes())
	if len(first) < 40 {
		t.Fatalf("generated secret %d bytes", len(first))
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		st, err := os.Stat(p)
		if err != nil || st.Mode().Perm() != want {
			t.Fatalf("%s: mode %v %v, want %v", p, st.Mode().Perm(), err, want)
		}
	}
	again, err := LoadSecret(path, true, log)
	if err != nil || string(again.Bytes()) != first {
		t.Fatalf("second start generated a new secret: %v", err)
	}
	if _, err := LoadSecret(filepath.Join(dir, "missing"), false, log); err == nil {
		t.Fatal("a named secret file that does not exist was accepted")
	}
	// Rotation: replace the file; the new secret is in force within recheckEvery.
	if err := os.WriteFile(path, []byte("a-rotated-platform-token-of-enough-length-000\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.w.mu.Lock()
	s.w.checked = time.Time{}
	s.w.mu.Unlock()
	if got := string(s.Bytes()); got != "a-rotated-platform-token-of-enough-length-000" {
		t.Fatalf("after rotation: %q", got)
	}
	// A broken replacement keeps the secret in force.
	if err := os.WriteFile(path, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.w.mu.Lock()
	s.w.checked = time.Time{}
	s.w.mu.Unlock()
	if got := string(s.Bytes()); got != "a-rotated-platform-token-of-enough-length-000" {
		t.Fatalf("after a broken replacement: %q", got)
	}
}

func TestTLSFilesValidate(t *testing.T) {
	for _, f := range []TLSFiles{{CertFile: "c"}, {KeyFile: "k"}, {ClientCAFile: "ca"}} {
		if f.Validate() == nil {
			t.Fatalf("%+v accepted", f)
		}
	}
	if (TLSFiles{CertFile: "c", KeyFile: "k", ClientCAFile: "ca"}).Validate() != nil {
		t.Fatal("a full setting refused")
	}
}

func TestAuthorizeByPolicy(t *testing.T) {
	dir := t.TempDir()
	log := slog.New(slog.DiscardHandler)
	tok, err := LoadSecret(filepath.Join(dir, PlatformTokenFile), true, log)
	if err != nil {
		t.Fatal(err)
	}
	key, err := LoadSecret(filepath.Join(dir, PosterKeyFile), true, log)
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{PlatformToken: tok, PosterKey: key, Logger: log, Policy: Policy{
		"svc.Open": Open, "svc.Platform": PlatformOnly, "svc.Notices": PlatformOrPoster,
		"/svc.Platform/Public": Open,
	}})
	if err != nil {
		t.Fatal(err)
	}
	poster, err := IssuePosterToken(key.Bytes(), "dr-a", time.Minute, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	with := func(token string) context.Context {
		if token == "" {
			return context.Background()
		}
		return metadata.NewIncomingContext(context.Background(), metadata.Pairs("authorization", "Bearer "+token))
	}
	for _, c := range []struct {
		method, token string
		want          codes.Code
	}{
		{"/svc.Open/Any", "", codes.OK},
		{"/svc.Platform/Public", "", codes.OK}, // a method's rule wins over its service's
		{"/svc.Platform/Submit", "", codes.Unauthenticated},
		{"/svc.Platform/Submit", "wrong", codes.Unauthenticated},
		{"/svc.Platform/Submit", string(tok.Bytes()), codes.OK},
		{"/svc.Platform/Submit", poster, codes.PermissionDenied},
		{"/svc.Notices/List", poster, codes.OK},
		{"/svc.Notices/List", string(tok.Bytes()), codes.OK},
		{"/svc.Notices/List", "", codes.Unauthenticated},
		{"/svc.Unlisted/Any", string(tok.Bytes()), codes.PermissionDenied}, // no rule: closed
	} {
		ctx, err := a.authorize(with(c.token), c.method)
		if got := status.Code(err); got != c.want {
			t.Errorf("%s with %q: %v, want %v", c.method, c.token, err, c.want)
		}
		if c.want == codes.OK && c.token == poster {
			if err := AuthorScope(ctx, "dr-a"); err != nil {
				t.Errorf("poster's own author: %v", err)
			}
			if err := AuthorScope(ctx, "dr-b"); status.Code(err) != codes.PermissionDenied {
				t.Errorf("poster for another author: %v", err)
			}
		}
	}
	if err := AuthorScope(context.Background(), "dr-a"); status.Code(err) != codes.Unauthenticated {
		t.Errorf("no caller: %v", err)
	}
}
