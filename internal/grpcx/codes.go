package grpcx

import (
	"strings"
	"unicode"

	"google.golang.org/grpc/codes"
)

// CodeName is the wire form of a code in a message that is not gRPC (the holder's NATS command replies): "not_found",
// "failed_precondition", "aborted", ...
func CodeName(c codes.Code) string {
	var b strings.Builder
	for i, r := range c.String() {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ParseCodeName reads CodeName's form back; an unknown name is Internal.
func ParseCodeName(s string) codes.Code {
	for c := codes.OK; c <= codes.Unauthenticated; c++ {
		if CodeName(c) == s {
			return c
		}
	}
	return codes.Internal
}
