package authn

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
)

// Access is who may call a service or method.
type Access int

// Access rules.
const (
	// Open: anyone, without credentials (health and reflection: they hold no data).
	Open Access = iota + 1
	// PlatformOnly: the forum platform (token or certificate).
	PlatformOnly
	// PlatformOrPoster: the platform, or a poster token; the handler limits a poster to
	// their own author id with AuthorScope.
	PlatformOrPoster
	// ModeratorChecked: the service authenticates moderators itself on every call
	// (ReviewService, against the moderators file); the interceptor lets calls through.
	ModeratorChecked
)

// Policy maps a service name ("mosaic.v1.GatewayService") or a full method name
// ("/mosaic.v1.GatewayService/SubmitPost") to its access rule; a method's own rule wins
// over its service's. A method with no rule is refused: a service registered without
// a rule is closed, not open.
type Policy map[string]Access

// rule returns the access rule for a full method name.
func (p Policy) rule(fullMethod string) (Access, bool) {
	if a, ok := p[fullMethod]; ok {
		return a, true
	}
	svc, _, _ := strings.Cut(strings.TrimPrefix(fullMethod, "/"), "/")
	a, ok := p[svc]
	return a, ok
}

// Options configures an Authenticator.
type Options struct {
	// PlatformToken is the platform's bearer token (required).
	PlatformToken *Secret
	// PosterKey verifies poster tokens; nil refuses them.
	PosterKey *Secret
	// PlatformCertNames are the names (subject CN, DNS or URI SAN) of verified client
	// certificates that identify the platform; empty: no certificate does.
	PlatformCertNames []string
	Policy            Policy
	Logger            *slog.Logger
	Now               func() time.Time
}

// Authenticator authenticates gRPC calls by their service's access rule.
type Authenticator struct {
	o   Options
	log *slog.Logger
}

// New returns an Authenticator.
func New(o Options) (*Authenticator, error) {
	if o.PlatformToken == nil {
		return nil, errors.New("authn: a platform token is required")
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Authenticator{o: o, log: o.Logger.With("component", "authn")}, nil
}

// Unary is the interceptor for unary calls.
func (a *Authenticator) Unary() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
		ctx, err := a.authorize(ctx, info.FullMethod)
		if err != nil {
			return nil, err
		}
		return next(ctx, req)
	}
}

// Stream is the interceptor for streaming calls.
func (a *Authenticator) Stream() grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, next grpc.StreamHandler) error {
		ctx, err := a.authorize(ss.Context(), info.FullMethod)
		if err != nil {
			return err
		}
		return next(srv, &streamWithContext{ServerStream: ss, ctx: ctx})
	}
}

type streamWithContext struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *streamWithContext) Context() context.Context { return s.ctx }

// authorize authenticates the caller of fullMethod as its access rule asks and returns
// ctx with the caller's Principal.
func (a *Authenticator) authorize(ctx context.Context, fullMethod string) (context.Context, error) {
	access, ok := a.o.Policy.rule(fullMethod)
	if !ok {
		return nil, a.deny(ctx, fullMethod, status.Errorf(codes.PermissionDenied, "%s has no access rule on this server, so it is closed", fullMethod))
	}
	if access == Open || access == ModeratorChecked {
		return ctx, nil
	}
	p, err := a.authenticate(ctx, fullMethod)
	if err != nil {
		return nil, a.deny(ctx, fullMethod, err)
	}
	if access == PlatformOnly && p.Kind != KindPlatform {
		return nil, a.deny(ctx, fullMethod, status.Errorf(codes.PermissionDenied,
			"%s is the forum platform's; a poster token opens only mosaic.v1.NoticeService (the author's own notices): call through the platform, with the platform token or certificate",
			serviceOf(fullMethod)))
	}
	return WithPrincipal(ctx, p), nil
}

// deny logs a refused call (without its credentials) and returns err.
func (a *Authenticator) deny(ctx context.Context, method string, err error) error {
	from := ""
	if pr, ok := peer.FromContext(ctx); ok && pr.Addr != nil {
		from = pr.Addr.String()
	}
	st := status.Convert(err)
	a.log.Info("call refused", "method", method, "peer", from, "code", st.Code().String(), "reason", st.Message())
	return err
}

// authenticate identifies the caller: a bearer token when one is sent, else a platform
// client certificate.
func (a *Authenticator) authenticate(ctx context.Context, fullMethod string) (Principal, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	if vals := md.Get("authorization"); len(vals) > 0 {
		scheme, token, ok := strings.Cut(strings.TrimSpace(vals[0]), " ")
		token = strings.TrimSpace(token)
		if !ok || !strings.EqualFold(scheme, "bearer") || token == "" {
			return Principal{}, status.Error(codes.Unauthenticated, "the authorization metadata must be `Bearer <token>`")
		}
		return a.bearer(token)
	}
	if p, ok := a.certificate(ctx); ok {
		return p, nil
	}
	return Principal{}, status.Errorf(codes.Unauthenticated,
		"%s needs credentials: send `authorization: Bearer <platform token>` (the token in --platform-token-file, by default <data-dir>/credentials/platform.token)%s%s",
		serviceOf(fullMethod), a.certHint(), a.posterHint(fullMethod))
}

func (a *Authenticator) certHint() string {
	if len(a.o.PlatformCertNames) == 0 {
		return ""
	}
	return ", or connect with the platform's client certificate"
}

func (a *Authenticator) posterHint(fullMethod string) string {
	if a.o.PosterKey == nil || a.o.Policy[serviceOf(fullMethod)] != PlatformOrPoster {
		return ""
	}
	return ", or `authorization: Bearer <poster token>` issued by the platform for the author"
}

// bearer identifies the holder of a bearer token: the platform token (compared in
// constant time, as SHA-256 digests so its length does not show either) or a poster
// token.
func (a *Authenticator) bearer(token string) (Principal, error) {
	got := sha256.Sum256([]byte(token))
	want := sha256.Sum256(a.o.PlatformToken.Bytes())
	if subtle.ConstantTimeCompare(got[:], want[:]) == 1 {
		return Principal{Kind: KindPlatform, Via: "token"}, nil
	}
	if !LooksLikePosterToken(token) {
		return Principal{}, status.Error(codes.Unauthenticated,
			"the bearer token is not the platform token (check --platform-token-file; it may have been rotated) and not a poster token")
	}
	if a.o.PosterKey == nil {
		return Principal{}, status.Error(codes.Unauthenticated, "this server accepts no poster tokens; call through the forum platform")
	}
	author, _, err := VerifyPosterToken(a.o.PosterKey.Bytes(), token, a.o.Now())
	if err != nil {
		return Principal{}, status.Errorf(codes.Unauthenticated, "%v: ask the forum platform for a new poster token", err)
	}
	return Principal{Kind: KindPoster, Author: author, Via: "poster-token"}, nil
}

// certificate identifies the platform by a verified TLS client certificate whose name
// is one of PlatformCertNames.
func (a *Authenticator) certificate(ctx context.Context) (Principal, bool) {
	if len(a.o.PlatformCertNames) == 0 {
		return Principal{}, false
	}
	pr, ok := peer.FromContext(ctx)
	if !ok {
		return Principal{}, false
	}
	ti, ok := pr.AuthInfo.(credentials.TLSInfo)
	if !ok || len(ti.State.VerifiedChains) == 0 || len(ti.State.VerifiedChains[0]) == 0 {
		return Principal{}, false
	}
	for _, n := range certNames(ti.State.VerifiedChains[0][0]) {
		if n != "" && slices.Contains(a.o.PlatformCertNames, n) {
			return Principal{Kind: KindPlatform, Via: "certificate"}, true
		}
	}
	return Principal{}, false
}

func serviceOf(fullMethod string) string {
	svc, _, _ := strings.Cut(strings.TrimPrefix(fullMethod, "/"), "/")
	return svc
}

// Bearer is a client's per-call credential `authorization: Bearer <token>`. It is sent
// over plaintext connections too (Mosaic's defaults listen on loopback only); use TLS
// beyond this host.
type Bearer string

// GetRequestMetadata implements credentials.PerRPCCredentials.
func (b Bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + string(b)}, nil
}

// RequireTransportSecurity implements credentials.PerRPCCredentials.
func (Bearer) RequireTransportSecurity() bool { return false }

// String hides the token from logs and error messages.
func (b Bearer) String() string { return fmt.Sprintf("Bearer <%d bytes>", len(b)) }
