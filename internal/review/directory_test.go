package review_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/mosaicgw/mosaic/internal/review"
)

const token = "tok-ana-0123456789abcdef0123"

func directory(t *testing.T) *review.Directory {
	t.Helper()
	pw, err := review.HashPassword("correct horse battery staple", 1000)
	if err != nil {
		t.Fatal(err)
	}
	d, err := review.Parse([]byte(`moderators:
  - id: mod-ana
    name: Dr Ana Patel
    forums: [gp-chat]
    token_hash: ` + review.HashToken(token) + `
    password_hash: "` + pw + `"
  - id: mod-ben
    forums: ["*"]
    password_hash: "` + pw + `"
`))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestTokenAndPasswordSignIn(t *testing.T) {
	d := directory(t)
	if m, err := d.ByToken(token); err != nil || m.ID != "mod-ana" || m.Forums[0] != "gp-chat" {
		t.Fatalf("by token: %v %v", m, err)
	}
	if _, err := d.ByToken(token + "x"); !errors.Is(err, review.ErrUnauthenticated) {
		t.Fatalf("wrong token: %v", err)
	}
	if m, err := d.SignIn("mod-ben", "correct horse battery staple"); err != nil || m.ID != "mod-ben" {
		t.Fatalf("password: %v %v", m, err)
	}
	if _, err := d.SignIn("mod-ana", token); err != nil {
		t.Fatalf("token as console secret: %v", err)
	}
	for _, c := range [][2]string{{"mod-ben", "wrong"}, {"mod-ben", ""}, {"nobody", "correct horse battery staple"}, {"mod-ben", token}} {
		if _, err := d.SignIn(c[0], c[1]); !errors.Is(err, review.ErrUnauthenticated) {
			t.Fatalf("sign in %v: %v", c, err)
		}
	}
}

func TestParseRejectsBadEntries(t *testing.T) {
	for name, yml := range map[string]string{
		"no secret":    "moderators:\n  - id: a\n    forums: [f]\n",
		"no forums":    "moderators:\n  - id: a\n    token_hash: " + review.HashToken(token) + "\n",
		"bad hash":     "moderators:\n  - id: a\n    forums: [f]\n    token_hash: md5:abc\n",
		"plain secret": "moderators:\n  - id: a\n    forums: [f]\n    password: hunter2\n",
		"duplicate id": "moderators:\n  - {id: a, forums: [f], token_hash: " + review.HashToken(token) + "}\n  - {id: a, forums: [f], token_hash: " + review.HashToken(token+"2") + "}\n",
		"shared token": "moderators:\n  - {id: a, forums: [f], token_hash: " + review.HashToken(token) + "}\n  - {id: b, forums: [f], token_hash: " + review.HashToken(token) + "}\n",
		"bad id":       "moderators:\n  - {id: 'a b', forums: [f], token_hash: " + review.HashToken(token) + "}\n",
		"bad pbkdf2":   "moderators:\n  - {id: a, forums: [f], password_hash: 'pbkdf2-sha256:0:x:y'}\n",
	} {
		if _, err := review.Parse([]byte(yml)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestHashCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := review.HashCommand(nil, strings.NewReader(token+"\n"), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if strings.TrimSpace(out.String()) != "token_hash: "+review.HashToken(token) {
		t.Fatalf("got %q", out.String())
	}
	out.Reset()
	if code := review.HashCommand(nil, strings.NewReader("short\n"), &out, &errb); code != 2 {
		t.Fatalf("short token accepted: %d", code)
	}
	if code := review.HashCommand([]string{"--password", "--iterations", "1000"}, strings.NewReader("pw words here\n"), &out, &errb); code != 0 {
		t.Fatalf("password exit %d", code)
	}
	line := strings.TrimSpace(strings.TrimPrefix(out.String(), "password_hash: "))
	d, err := review.Parse([]byte("moderators:\n  - {id: a, forums: [f], password_hash: '" + line + "'}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.SignIn("a", "pw words here"); err != nil {
		t.Fatalf("printed hash does not verify: %v", err)
	}
	// --nats prints the bare bcrypt hash nats-server's configuration takes.
	out.Reset()
	if code := review.HashCommand([]string{"--nats"}, strings.NewReader("nats password 123\n"), &out, &errb); code != 0 {
		t.Fatalf("--nats exit %d: %s", code, errb.String())
	}
	h := strings.TrimSpace(out.String())
	if !strings.HasPrefix(h, "$2a$") || bcrypt.CompareHashAndPassword([]byte(h), []byte("nats password 123")) != nil {
		t.Fatalf("--nats printed %q, not a bcrypt hash of the password", h)
	}
}

// A refusal does the same work whatever the id: an unknown id, or a moderator with only
// a token, is checked against the dummy password hash (with the directory's iteration
// count), a moderator with a password against theirs. Asserted on the path taken, not
// on timing.
func TestSignInRunsTheSameHashForUnknownIDs(t *testing.T) {
	d := directory(t)
	if !strings.HasPrefix(d.DummyHash(), "pbkdf2-sha256:1000:") {
		t.Fatalf("dummy hash %q does not cost what the directory's passwords cost", d.DummyHash())
	}
	tokenOnly, err := review.Parse([]byte("moderators:\n  - {id: mod-tok, forums: [f], token_hash: " + review.HashToken(token) + "}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		d         *review.Directory
		id        string
		wantDummy int64
	}{
		{d, "nobody", 1},
		{d, "mod-ben", 0},
		{d, "mod-ana", 0},
		{tokenOnly, "mod-tok", 1},
		{tokenOnly, "nobody", 1},
	} {
		before := review.DummyPasswordChecks()
		if _, err := c.d.SignIn(c.id, "a wrong guess"); !errors.Is(err, review.ErrUnauthenticated) {
			t.Fatalf("%s: %v", c.id, err)
		}
		if got := review.DummyPasswordChecks() - before; got != c.wantDummy {
			t.Fatalf("%s: %d dummy checks, want %d", c.id, got, c.wantDummy)
		}
	}
	if !strings.HasPrefix(tokenOnly.DummyHash(), "pbkdf2-sha256:600000:") {
		t.Fatalf("a directory without passwords: dummy %q, want the default cost", tokenOnly.DummyHash())
	}
	// The token still signs in where there is no password.
	if _, err := tokenOnly.SignIn("mod-tok", token); err != nil {
		t.Fatal(err)
	}
}
