package authn

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Poster tokens are JSON Web Tokens (RFC 7519) in compact form, signed with
// HMAC-SHA256 ("HS256"), so the platform can issue them with any JWT library or with
// IssuePosterToken:
//
//	base64url(header) "." base64url(claims) "." base64url(HMAC-SHA256(key, header "." claims))
//
//	header: {"alg":"HS256","typ":"JWT"}
//	claims: {"aud":"mosaic-poster","sub":"<author id>","iat":<unix seconds>,"exp":<unix seconds>}
//
// base64url is without padding. The key is the poster-token key file's one line
// (--poster-token-key-file, by default <data-dir>/credentials/poster-token.key), used
// as bytes; it must be at least MinKeyBytes long.
//
// VerifyPosterToken accepts only HS256 (a token naming any other algorithm, "none"
// included, is refused before its signature is looked at), compares the signature in
// constant time, and requires aud "mosaic-poster", sub a valid author id, and exp in
// the future but no more than MaxPosterTokenTTL ahead (allowing ClockSkew either way);
// nbf, when present, is honoured.
const (
	// PosterAudience is the aud claim of a poster token.
	PosterAudience = "mosaic-poster"
	// MaxPosterTokenTTL is the longest a poster token may live: tokens are meant to be
	// short-lived (minutes), and a longer one is refused even if correctly signed.
	MaxPosterTokenTTL = 24 * time.Hour
	// ClockSkew is the leeway allowed between the issuer's clock and Mosaic's.
	ClockSkew = 30 * time.Second
	// MinKeyBytes is the shortest poster-token key accepted.
	MinKeyBytes = 32
)

// Token errors; VerifyPosterToken wraps one of them with the detail.
var (
	ErrTokenMalformed = errors.New("malformed poster token")
	ErrTokenSignature = errors.New("poster token signature does not verify")
	ErrTokenExpired   = errors.New("poster token expired")
	ErrTokenClaims    = errors.New("poster token claims refused")
)

var authorPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$`)

// ValidAuthorID reports whether id is an author id as posts carry them.
func ValidAuthorID(id string) bool { return authorPattern.MatchString(id) }

type tokenHeader struct {
	Alg string `json:"alg"`
	Typ string `json:"typ,omitempty"`
}

type tokenClaims struct {
	Aud string `json:"aud"`
	Sub string `json:"sub"`
	Iat int64  `json:"iat,omitempty"`
	Exp int64  `json:"exp"`
	Nbf int64  `json:"nbf,omitempty"`
}

var b64 = base64.RawURLEncoding

// headerHS256 is the encoded header IssuePosterToken writes.
var headerHS256 = b64.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))

// IssuePosterToken returns a poster token for author, valid from now for ttl (at most
// MaxPosterTokenTTL), signed with key. The forum platform calls it (or runs `gateway
// token issue`) after signing the poster in, and hands the token to the poster's
// client for NoticeService calls.
func IssuePosterToken(key []byte, author string, ttl time.Duration, now time.Time) (string, error) {
	if len(key) < MinKeyBytes {
		return "", fmt.Errorf("authn: poster-token key is %d bytes, want at least %d", len(key), MinKeyBytes)
	}
	if !ValidAuthorID(author) {
		return "", fmt.Errorf("authn: author %q is not an author id (1-128 letters, digits, '_' or '-', starting with a letter or digit)", author)
	}
	if ttl <= 0 || ttl > MaxPosterTokenTTL {
		return "", fmt.Errorf("authn: ttl %s must be above zero and at most %s", ttl, MaxPosterTokenTTL)
	}
	claims, err := json.Marshal(tokenClaims{Aud: PosterAudience, Sub: author, Iat: now.Unix(), Exp: now.Add(ttl).Unix()})
	if err != nil {
		return "", err
	}
	signing := headerHS256 + "." + b64.EncodeToString(claims)
	return signing + "." + b64.EncodeToString(sign(key, signing)), nil
}

func sign(key []byte, signing string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(signing))
	return m.Sum(nil)
}

// LooksLikePosterToken reports whether a bearer value has the shape of a poster token
// (three dot-separated parts), so that errors can say which kind of token failed.
func LooksLikePosterToken(s string) bool { return strings.Count(s, ".") == 2 }

// VerifyPosterToken checks token against key at time now and returns the author it was
// issued for and when it expires.
func VerifyPosterToken(key []byte, token string, now time.Time) (author string, expires time.Time, err error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", time.Time{}, fmt.Errorf("%w: want three base64url parts separated by '.'", ErrTokenMalformed)
	}
	hb, err := b64.DecodeString(parts[0])
	if err != nil {
		return "", time.Time{}, fmt.Errorf("%w: header is not base64url", ErrTokenMalformed)
	}
	var h tokenHeader
	if err := json.Unmarshal(hb, &h); err != nil {
		return "", time.Time{}, fmt.Errorf("%w: header is not JSON", ErrTokenMalformed)
	}
	if h.Alg != "HS256" {
		return "", time.Time{}, fmt.Errorf("%w: algorithm %q; only HS256 is accepted", ErrTokenMalformed, h.Alg)
	}
	sig, err := b64.DecodeString(parts[2])
	if err != nil {
		return "", time.Time{}, fmt.Errorf("%w: signature is not base64url", ErrTokenMalformed)
	}
	if len(key) < MinKeyBytes || !hmac.Equal(sig, sign(key, parts[0]+"."+parts[1])) {
		return "", time.Time{}, fmt.Errorf("%w (issued with another key, or altered)", ErrTokenSignature)
	}
	cb, err := b64.DecodeString(parts[1])
	if err != nil {
		return "", time.Time{}, fmt.Errorf("%w: claims are not base64url", ErrTokenMalformed)
	}
	var c tokenClaims
	if err := json.Unmarshal(cb, &c); err != nil {
		return "", time.Time{}, fmt.Errorf("%w: claims are not JSON", ErrTokenMalformed)
	}
	switch {
	case c.Aud != PosterAudience:
		return "", time.Time{}, fmt.Errorf("%w: aud is %q, want %q", ErrTokenClaims, c.Aud, PosterAudience)
	case !ValidAuthorID(c.Sub):
		return "", time.Time{}, fmt.Errorf("%w: sub %q is not an author id", ErrTokenClaims, c.Sub)
	case c.Exp == 0:
		return "", time.Time{}, fmt.Errorf("%w: no exp; poster tokens must expire", ErrTokenClaims)
	}
	expires = time.Unix(c.Exp, 0)
	if !now.Before(expires.Add(ClockSkew)) {
		return "", time.Time{}, fmt.Errorf("%w at %s", ErrTokenExpired, expires.UTC().Format(time.RFC3339))
	}
	if expires.Sub(now) > MaxPosterTokenTTL+ClockSkew {
		return "", time.Time{}, fmt.Errorf("%w: expires %s, more than %s ahead", ErrTokenClaims, expires.UTC().Format(time.RFC3339), MaxPosterTokenTTL)
	}
	if c.Nbf != 0 && now.Add(ClockSkew).Before(time.Unix(c.Nbf, 0)) {
		return "", time.Time{}, fmt.Errorf("%w: not valid before %s", ErrTokenClaims, time.Unix(c.Nbf, 0).UTC().Format(time.RFC3339))
	}
	return c.Sub, expires, nil
}
