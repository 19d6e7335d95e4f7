// Package review knows the moderators: who they are, the forums each moderates, and
// how they prove it. The directory is a YAML file an operator writes; secrets are kept
// only as hashes, so the file can be read by the process without holding anything a
// thief could sign in with.
//
//	moderators:
//	  - id: mod-ana
//	    name: Dr Ana Patel
//	    forums: [gp-chat, cardiology]     # "*" for every forum
//	    token_hash: sha256:9f86d0…        # bearer token, for gRPC and the console
//	    password_hash: pbkdf2-sha256:600000:<salt>:<hash>   # console sign-in
//
// Hashes are made with `gateway hash-secret` (see HashCommand). A token is a long
// random string, so a fast hash suffices and is checked on every gRPC call; a password
// is chosen by a person, so it gets PBKDF2-SHA256 with a per-password salt.
package review

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"

	"go.yaml.in/yaml/v3"
)

// ErrUnauthenticated means the credentials do not identify a moderator.
var ErrUnauthenticated = errors.New("unauthenticated")

// DefaultPasswordIterations is OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
const DefaultPasswordIterations = 600_000

// MinTokenLength is the shortest bearer token HashCommand accepts: tokens are hashed
// without a salt or stretching, which is only safe for long random strings.
const MinTokenLength = 24

// Moderator is one person who reviews held posts.
type Moderator struct {
	ID     string   `yaml:"id"`
	Name   string   `yaml:"name"`
	Forums []string `yaml:"forums"`
	// TokenHash is "sha256:<hex>" of the bearer token.
	TokenHash string `yaml:"token_hash"`
	// PasswordHash is "pbkdf2-sha256:<iterations>:<salt base64>:<key base64>".
	PasswordHash string `yaml:"password_hash"`
}

// DisplayName is the name, or the id when no name is configured.
func (m Moderator) DisplayName() string {
	if m.Name != "" {
		return m.Name
	}
	return m.ID
}

// Directory is the set of moderators, looked up by token or by id.
type Directory struct {
	byID    map[string]Moderator
	byToken map[string]string
	// dummyHash is a password hash no password matches, with the directory's largest
	// iteration count: SignIn checks the secret against it for an unknown id or a
	// moderator without a password, so those take as long as a real check and the time
	// of a refusal does not say which ids have passwords.
	dummyHash string
}

// dummyPasswordChecks counts checks against the dummy hash (tests assert on it: the
// point is that the same work runs, which a timing test could only sample).
var dummyPasswordChecks atomic.Int64

type file struct {
	Moderators []Moderator `yaml:"moderators"`
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$`)

// Load reads a directory file.
func Load(path string) (*Directory, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("moderators: %w", err)
	}
	d, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("moderators file %s: %w", path, err)
	}
	return d, nil
}

// Parse reads a directory from YAML and checks every entry.
func Parse(b []byte) (*Directory, error) {
	var f file
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	d := &Directory{byID: map[string]Moderator{}, byToken: map[string]string{}}
	for i, m := range f.Moderators {
		where := fmt.Sprintf("moderators[%d]", i)
		switch {
		case !idPattern.MatchString(m.ID):
			return nil, fmt.Errorf("%s: id %q must be 1-128 letters, digits, '.', '_', '@' or '-'", where, m.ID)
		case len(m.Forums) == 0:
			return nil, fmt.Errorf("%s (%s): forums must list at least one forum, or \"*\"", where, m.ID)
		case m.TokenHash == "" && m.PasswordHash == "":
			return nil, fmt.Errorf("%s (%s): needs a token_hash or a password_hash", where, m.ID)
		}
		if _, dup := d.byID[m.ID]; dup {
			return nil, fmt.Errorf("%s: id %q appears twice", where, m.ID)
		}
		if m.TokenHash != "" {
			h, ok := strings.CutPrefix(m.TokenHash, "sha256:")
			if raw, err := hex.DecodeString(h); !ok || err != nil || len(raw) != sha256.Size {
				return nil, fmt.Errorf("%s (%s): token_hash must be sha256:<64 hex digits> (see gateway hash-secret)", where, m.ID)
			}
			h = strings.ToLower(h)
			if other, dup := d.byToken[h]; dup {
				return nil, fmt.Errorf("%s (%s): same token as %s", where, m.ID, other)
			}
			d.byToken[h] = m.ID
		}
		if m.PasswordHash != "" {
			if _, _, _, err := parsePasswordHash(m.PasswordHash); err != nil {
				return nil, fmt.Errorf("%s (%s): %w", where, m.ID, err)
			}
		}
		d.byID[m.ID] = m
	}
	// The dummy costs what the directory's dearest password costs (the default when
	// no moderator has a password).
	iterations := 0
	for _, m := range d.byID {
		if it, _, _, err := parsePasswordHash(m.PasswordHash); err == nil && it > iterations {
			iterations = it
		}
	}
	if iterations == 0 {
		iterations = DefaultPasswordIterations
	}
	salt, key := make([]byte, 16), make([]byte, 32)
	_, _ = rand.Read(salt) // crypto/rand.Read never fails (Go 1.24+)
	_, _ = rand.Read(key)
	d.dummyHash = fmt.Sprintf("pbkdf2-sha256:%d:%s:%s", iterations, base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
	return d, nil
}

// ByID returns the moderator with this id, as the directory lists them now.
func (d *Directory) ByID(id string) (Moderator, bool) {
	if d == nil {
		return Moderator{}, false
	}
	m, ok := d.byID[id]
	return m, ok
}

// Len is the number of moderators.
func (d *Directory) Len() int {
	if d == nil {
		return 0
	}
	return len(d.byID)
}

// ByToken returns the moderator whose bearer token this is.
func (d *Directory) ByToken(token string) (Moderator, error) {
	if d == nil || token == "" {
		return Moderator{}, ErrUnauthenticated
	}
	sum := sha256.Sum256([]byte(token))
	id, ok := d.byToken[hex.EncodeToString(sum[:])]
	if !ok {
		return Moderator{}, ErrUnauthenticated
	}
	return d.byID[id], nil
}

// SignIn checks a moderator's id with their password or token. It does the same work
// whatever the id: one PBKDF2 check (against the dummy hash when the id is unknown or
// has no password) and one token comparison, so its time does not tell which ids
// exist or have passwords.
func (d *Directory) SignIn(id, secret string) (Moderator, error) {
	if d == nil || secret == "" {
		return Moderator{}, ErrUnauthenticated
	}
	m, known := d.byID[id]
	hash, hasPassword := m.PasswordHash, known && m.PasswordHash != ""
	if !hasPassword {
		hash = d.dummyHash
		dummyPasswordChecks.Add(1)
	}
	passwordOK := checkPassword(hash, secret) && hasPassword
	want := make([]byte, sha256.Size)
	hasToken := known && m.TokenHash != ""
	if hasToken {
		want, _ = hex.DecodeString(strings.TrimPrefix(m.TokenHash, "sha256:"))
	}
	sum := sha256.Sum256([]byte(secret))
	tokenOK := subtle.ConstantTimeCompare(sum[:], want) == 1 && hasToken
	if passwordOK || tokenOK {
		return m, nil
	}
	return Moderator{}, ErrUnauthenticated
}

// HashToken returns the token_hash of a bearer token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// HashPassword returns the password_hash of a password, with a fresh random salt.
func HashPassword(password string, iterations int) (string, error) {
	if iterations < 1 {
		iterations = DefaultPasswordIterations
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key, err := pbkdf2.Key(sha256.New, password, salt, iterations, 32)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("pbkdf2-sha256:%d:%s:%s", iterations, base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

func parsePasswordHash(s string) (iterations int, salt, key []byte, err error) {
	parts := strings.Split(s, ":")
	bad := errors.New("password_hash must be pbkdf2-sha256:<iterations>:<salt>:<key> (see gateway hash-secret)")
	if len(parts) != 4 || parts[0] != "pbkdf2-sha256" {
		return 0, nil, nil, bad
	}
	if iterations, err = strconv.Atoi(parts[1]); err != nil || iterations < 1 {
		return 0, nil, nil, bad
	}
	if salt, err = base64.RawStdEncoding.DecodeString(parts[2]); err != nil || len(salt) < 8 {
		return 0, nil, nil, bad
	}
	if key, err = base64.RawStdEncoding.DecodeString(parts[3]); err != nil || len(key) < 16 {
		return 0, nil, nil, bad
	}
	return iterations, salt, key, nil
}

func checkPassword(hash, password string) bool {
	iterations, salt, key, err := parsePasswordHash(hash)
	if err != nil {
		return false
	}
	got, err := pbkdf2.Key(sha256.New, password, salt, iterations, len(key))
	return err == nil && subtle.ConstantTimeCompare(got, key) == 1
}
