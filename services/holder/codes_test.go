package holder_test

import (
	"fmt"
	"testing"

	"google.golang.org/grpc/codes"

	"github.com/mosaicgw/mosaic/internal/grpcx"
	"github.com/mosaicgw/mosaic/internal/review"
	"github.com/mosaicgw/mosaic/services/holder"
)

// One table maps domain errors to codes, and the NATS command replies carry the same
// code by name: a wrapped error maps alike on both paths, ErrClaimed included.
func TestOneCodeTableForGRPCAndNATS(t *testing.T) {
	for _, c := range []struct {
		err  error
		want codes.Code
	}{
		{nil, codes.OK},
		{review.ErrUnauthenticated, codes.Unauthenticated},
		{holder.ErrNotFound, codes.NotFound},
		{holder.ErrPermission, codes.PermissionDenied},
		{holder.ErrAlreadyDecided, codes.FailedPrecondition},
		{holder.ErrClaimed, codes.Aborted},
		{holder.ErrInvalidArgument, codes.InvalidArgument},
		{fmt.Errorf("something else"), codes.Internal},
	} {
		wrapped := c.err
		if c.err != nil {
			wrapped = fmt.Errorf("context: %w", c.err)
		}
		got := holder.Code(wrapped)
		if got != c.want {
			t.Errorf("Code(%v) = %v, want %v", wrapped, got, c.want)
		}
		if back := grpcx.ParseCodeName(grpcx.CodeName(got)); back != c.want {
			t.Errorf("over NATS %v became %v (%q)", c.want, back, grpcx.CodeName(got))
		}
	}
	// The names earlier holders sent still read the same.
	for name, want := range map[string]codes.Code{"not_found": codes.NotFound, "failed_precondition": codes.FailedPrecondition,
		"permission_denied": codes.PermissionDenied, "invalid_argument": codes.InvalidArgument, "internal": codes.Internal, "nonsense": codes.Internal} {
		if got := grpcx.ParseCodeName(name); got != want {
			t.Errorf("ParseCodeName(%q) = %v, want %v", name, got, want)
		}
	}
}
