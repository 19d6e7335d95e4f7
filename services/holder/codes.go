package holder

import (
	"errors"

	"google.golang.org/grpc/codes"

	"github.com/mosaicgw/mosaic/internal/review"
)

// codeTable maps the holder's and the moderators directory's errors to gRPC codes.
// It is the one table: the gRPC services (services/holder/api) answer with Code, the
// NATS command replies carry grpcx.CodeName(Code(err)) and the gateway turns that back
// into the same code with grpcx.ParseCodeName, and the console derives its HTTP status from it.
//
// A claim held by someone else is Aborted (a concurrency conflict: retry when the claim
// expires or the other moderator has acted); a post no longer held is
// FailedPrecondition (do not retry: its state must change first).
var codeTable = []struct {
	err  error
	code codes.Code
}{
	{review.ErrUnauthenticated, codes.Unauthenticated},
	{ErrNotFound, codes.NotFound},
	{ErrPermission, codes.PermissionDenied},
	{ErrAlreadyDecided, codes.FailedPrecondition},
	{ErrClaimed, codes.Aborted},
	{ErrInvalidArgument, codes.InvalidArgument},
}

// Code returns the gRPC code for an error from the holder or the directory (Internal
// for anything not in the table; OK for nil).
func Code(err error) codes.Code {
	if err == nil {
		return codes.OK
	}
	for _, e := range codeTable {
		if errors.Is(err, e.err) {
			return e.code
		}
	}
	return codes.Internal
}
