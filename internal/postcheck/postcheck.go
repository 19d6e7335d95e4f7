// Package postcheck holds the rules a post must meet beyond its schema, in one place
// for every door a post comes in by: GatewayService.SubmitPost, the NATS intake, and
// (again, because a message can be published to a partition directly) the linker.
//
// The schema's protovalidate rules (ids, lengths, the audience) are checked by
// grpcx.Validate; these are the rules it cannot express or that depend on
// configuration: a created_at time the pipeline can compute with, a revision in a sane
// range, a body with visible text and within the size limit. A post that breaks one
// must be refused where it enters, with a reason a person can act on: once inside, a
// value no later stage can handle (a year 10000 time cannot be encoded by the ledger)
// would fail the author's partition on every retry.
package postcheck

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"buf.build/go/protovalidate"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/grpcx"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// MaxRevision is the highest revision accepted. A post is edited a handful of times;
// the bound keeps revision+1 (the next revision an error message suggests, the
// holder's supersede walk) far from overflowing.
const MaxRevision = 1_000_000

// The created_at window. Mosaic anchors relative dates in the text ("last Tuesday") to
// created_at, and stores it; a time outside these years is a client bug, not a post.
var (
	EarliestCreatedAt = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	LatestCreatedAt   = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC) // exclusive
)

// Limits are the configurable bounds.
type Limits struct {
	// MaxBodyBytes bounds the body; 0 means no bound here (the linker does not know
	// the gateway's setting; the gateway checks it).
	MaxBodyBytes int
}

// Fields checks the rules beyond the schema. prefix names the post in field paths
// ("post." in a SubmitPostRequest, "" for a bare Post).
func Fields(p *mosaicv1.Post, prefix string, lim Limits) []grpcx.FieldViolation {
	var vs []grpcx.FieldViolation
	add := func(field, reason string) {
		vs = append(vs, grpcx.FieldViolation{Field: prefix + field, Reason: reason})
	}
	if r := p.GetRevision(); r > MaxRevision {
		add("revision", fmt.Sprintf("%d is above the highest revision accepted (%d); number revisions 1, 2, 3, ... in the order the post was edited", r, MaxRevision))
	}
	if ts := p.GetCreatedAt(); ts != nil {
		if reason := CreatedAt(ts); reason != "" {
			add("created_at", reason)
		}
	}
	body := p.GetBody()
	if n := len(body); lim.MaxBodyBytes > 0 && n > lim.MaxBodyBytes {
		add("body", fmt.Sprintf("%d bytes exceeds the limit of %d bytes; split the post", n, lim.MaxBodyBytes))
	}
	if body != "" && Blank(body) {
		add("body", "has no visible text (only spaces, line breaks or invisible characters); send the text the forum will show")
	}
	return vs
}

// CreatedAt returns why ts is not an acceptable created_at, or "".
func CreatedAt(ts *timestamppb.Timestamp) string {
	if n := ts.GetNanos(); n < 0 || n > 999_999_999 {
		return fmt.Sprintf("nanos %d is out of range; it must be 0 to 999999999 (a time before the second is a smaller seconds value, not negative nanos)", n)
	}
	if err := ts.CheckValid(); err != nil {
		return fmt.Sprintf("seconds %d is not a time between the years 1 and 9999; send when the author wrote the post, e.g. 2026-03-01T09:30:00Z", ts.GetSeconds())
	}
	t := ts.AsTime()
	if t.Before(EarliestCreatedAt) || !t.Before(LatestCreatedAt) {
		return fmt.Sprintf("%s is outside the accepted years %d to %d; send when the author wrote the post, in UTC",
			t.Format(time.RFC3339), EarliestCreatedAt.Year(), LatestCreatedAt.Year()-1)
	}
	return ""
}

// Blank reports whether s has no visible character: only white space and invisible
// format characters (zero-width spaces and joiners, soft hyphens, directional marks).
func Blank(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) }) < 0
}

// Check validates a bare Post completely, as the NATS intake and the linker receive it:
// UTF-8 and control characters, the schema's rules, then Fields. It returns a gRPC
// InvalidArgument status error naming every bad field, or nil.
func Check(v protovalidate.Validator, p *mosaicv1.Post, lim Limits) error {
	if p == nil {
		return grpcx.InvalidArgument(grpcx.FieldViolation{Field: "post", Reason: "is required"})
	}
	if err := grpcx.Validate(v, p); err != nil {
		return err
	}
	if vs := Fields(p, "", lim); len(vs) > 0 {
		return grpcx.InvalidArgument(vs...)
	}
	return nil
}

var (
	postIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:@-]*$`)
	tokenPattern  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)
)

// Identity reports whether a post's identifying fields are sound enough to record a
// decision on it and announce it (the author and forum ids are NATS subject tokens),
// whatever else is wrong with it. The holder uses it before holding a post that could
// not be assessed.
func Identity(p *mosaicv1.Post) error {
	switch {
	case p == nil:
		return fmt.Errorf("no post")
	case len(p.GetPostId()) > 128 || !postIDPattern.MatchString(p.GetPostId()):
		return fmt.Errorf("post_id %q is not a valid id", p.GetPostId())
	case p.GetRevision() < 1 || p.GetRevision() > MaxRevision:
		return fmt.Errorf("revision %d is out of range", p.GetRevision())
	case len(p.GetAuthorId()) > 128 || !tokenPattern.MatchString(p.GetAuthorId()):
		return fmt.Errorf("author_id %q is not a valid id", p.GetAuthorId())
	case len(p.GetForumId()) > 128 || !tokenPattern.MatchString(p.GetForumId()):
		return fmt.Errorf("forum_id %q is not a valid id", p.GetForumId())
	}
	return nil
}
