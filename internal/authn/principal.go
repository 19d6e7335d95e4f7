// Package authn identifies who calls Mosaic's gRPC API and decides which services each
// may call.
//
// Three kinds of caller:
//
//   - the forum platform, with `authorization: Bearer <platform token>` (the token in
//     --platform-token-file, by default <data-dir>/credentials/platform.token, written
//     on first start) or a TLS client certificate verified by --tls-client-ca whose name
//     is one of --platform-cert-names. The platform acts for the authors of its forums:
//     it names the author in each request, and Mosaic trusts it to have signed that
//     author in.
//   - a poster, with `authorization: Bearer <poster token>`: a short-lived token the
//     platform issues for one author (see IssuePosterToken and `gateway token issue`),
//     good only for that author's notices (NoticeService).
//   - a moderator, with a moderator token, checked by ReviewService itself against the
//     moderators file (internal/review).
//
// The Interceptor authenticates every call before its handler runs, by the access rule
// of its service (Policy): health and reflection are open, GatewayService is the
// platform's, NoticeService the platform's or a poster's. Handlers then ask AuthorScope
// whether the caller may act for the author a request names. Missing or invalid
// credentials are Unauthenticated; valid credentials for the wrong service or author
// are PermissionDenied. Every message says what to send instead. No secret is logged.
package authn

import (
	"context"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Kind is the kind of an authenticated caller.
type Kind int

// Kinds of caller.
const (
	// KindPlatform is the forum platform, acting for the authors of its forums.
	KindPlatform Kind = iota + 1
	// KindPoster is one author, with a poster token the platform issued.
	KindPoster
)

func (k Kind) String() string {
	switch k {
	case KindPlatform:
		return "platform"
	case KindPoster:
		return "poster"
	}
	return "unknown"
}

// Principal is the authenticated caller of one request.
type Principal struct {
	Kind Kind
	// Author is the poster's author id (KindPoster only).
	Author string
	// Via says how the caller proved it: "token", "certificate" or "poster-token".
	Via string
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the caller the Interceptor authenticated, if any.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// AuthorScope checks that the caller may act for author: the platform may act for any
// author; a poster only for the author their token names. Without an authenticated
// caller (a handler reached without the Interceptor) it fails closed.
func AuthorScope(ctx context.Context, author string) error {
	p, ok := FromContext(ctx)
	if !ok {
		return status.Error(codes.Unauthenticated, "no authenticated caller: send `authorization: Bearer <platform token>` or a poster token")
	}
	switch p.Kind {
	case KindPlatform:
		return nil
	case KindPoster:
		if p.Author == author {
			return nil
		}
		return status.Errorf(codes.PermissionDenied,
			"this poster token is for author %q and gives no access to author %q: set author_id to %q",
			p.Author, author, p.Author)
	}
	return status.Error(codes.PermissionDenied, fmt.Sprintf("a %s caller cannot act for an author", p.Kind))
}
