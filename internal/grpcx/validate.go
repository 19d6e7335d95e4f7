package grpcx

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"buf.build/go/protovalidate"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/durationpb"
)

// FieldViolation is one invalid field of a request.
type FieldViolation struct {
	// Field is the path, e.g. "post.body".
	Field  string
	Reason string
}

// InvalidArgument builds an InvalidArgument status naming each bad field, with a
// BadRequest detail so clients can point at the field programmatically.
func InvalidArgument(vs ...FieldViolation) error {
	parts := make([]string, 0, len(vs))
	br := &errdetails.BadRequest{}
	for _, v := range vs {
		parts = append(parts, v.Field+": "+v.Reason)
		br.FieldViolations = append(br.FieldViolations, &errdetails.BadRequest_FieldViolation{Field: v.Field, Description: v.Reason})
	}
	st := status.New(codes.InvalidArgument, "invalid request: "+strings.Join(parts, "; "))
	if withDetails, err := st.WithDetails(br); err == nil {
		st = withDetails
	}
	return st.Err()
}

// Validate checks a request against the protovalidate rules in its schema and that
// every string is valid UTF-8 (Mosaic's request files do not validate UTF-8 while
// decoding, so that this check can name the field) without control characters (see
// ControlChar).
func Validate(v protovalidate.Validator, m proto.Message) error {
	var vs []FieldViolation
	checkUTF8(m.ProtoReflect(), "", &vs)
	if len(vs) > 0 {
		return InvalidArgument(vs...)
	}
	err := v.Validate(m)
	if err == nil {
		return nil
	}
	var verr *protovalidate.ValidationError
	if !asValidation(err, &verr) {
		return status.Errorf(codes.Internal, "validating request: %v", err)
	}
	for _, viol := range verr.Violations {
		p := viol.Proto
		field := protovalidate.FieldPathString(p.GetField())
		if field == "" {
			field = "(request)"
		}
		vs = append(vs, FieldViolation{Field: field, Reason: readable(viol, m.ProtoReflect().Descriptor())})
	}
	return InvalidArgument(vs...)
}

// readable says what a schema rule wants in words a person can act on, instead of
// the validator's own text ("value must not be in list [0]").
func readable(v *protovalidate.Violation, md protoreflect.MessageDescriptor) string {
	rule := v.Proto.GetRuleId()
	rv := v.RuleValue
	if m := rangeRE.FindStringSubmatch(v.Proto.GetMessage()); m != nil && strings.HasSuffix(rule, "_lte") {
		// "must be greater than or equal to 0 and less than or equal to 500"
		return fmt.Sprintf("is %s; send a value from %s to %s", fieldValue(v), m[1], m[2])
	}
	switch rule {
	case "required":
		return "is required"
	case "string.min_len":
		if rv.IsValid() && rv.Uint() == 1 {
			return "must not be empty"
		}
		if rv.IsValid() {
			return fmt.Sprintf("must be at least %d characters", rv.Uint())
		}
	case "string.max_len":
		if rv.IsValid() {
			return fmt.Sprintf("is %d characters long; at most %d are allowed", utf8.RuneCountInString(v.FieldValue.String()), rv.Uint())
		}
	case "string.pattern":
		switch pat := rv.String(); {
		case !rv.IsValid():
		case pat == `^[A-Za-z0-9][A-Za-z0-9_-]*$`:
			return fmt.Sprintf("%q is not a valid id: use letters, digits, '_' and '-', starting with a letter or digit", v.FieldValue.String())
		case pat == `^([A-Za-z0-9][A-Za-z0-9_-]*)?$`:
			return fmt.Sprintf("%q is not a valid id: use letters, digits, '_' and '-', starting with a letter or digit (or leave it empty)", v.FieldValue.String())
		case pat == `^[A-Za-z0-9][A-Za-z0-9._:@-]*$`:
			return fmt.Sprintf("%q is not a valid id: use letters, digits and . _ : @ -, starting with a letter or digit", v.FieldValue.String())
		default:
			return fmt.Sprintf("%q is not in the expected form (%s)", v.FieldValue.String(), pat)
		}
	case "enum.defined_only", "enum.not_in", "enum.in":
		fd := v.FieldDescriptor
		if fd == nil {
			// An item of a repeated field: find the field by its path.
			fd = fieldByPath(md, v.Proto.GetField().GetElements())
		}
		if fd != nil && fd.Enum() != nil {
			var names []string
			vals := fd.Enum().Values()
			for i := range vals.Len() {
				if vals.Get(i).Number() != 0 {
					names = append(names, string(vals.Get(i).Name()))
				}
			}
			return "must be one of " + strings.Join(names, ", ")
		}
	case "uint32.gte", "uint64.gte", "int32.gte", "int64.gte":
		if rv.IsValid() {
			return fmt.Sprintf("must be at least %v", rv.Interface())
		}
	}
	if msg := v.Proto.GetMessage(); msg != "" {
		return strings.TrimPrefix(msg, "value ")
	}
	if rule != "" {
		return "breaks the rule " + rule
	}
	return "is not valid"
}

var rangeRE = regexp.MustCompile(`^(?:value )?must be greater than or equal to (\S+) and less than or equal to (\S+)$`)

// fieldValue formats a violating value as a person would write it (a duration as 301s).
func fieldValue(v *protovalidate.Violation) string {
	if !v.FieldValue.IsValid() {
		return "out of range"
	}
	if m, ok := v.FieldValue.Interface().(protoreflect.Message); ok {
		if d, ok := m.Interface().(*durationpb.Duration); ok {
			return d.AsDuration().String()
		}
	}
	return fmt.Sprint(v.FieldValue.Interface())
}

// fieldByPath resolves a violation's field path from the request's descriptor.
func fieldByPath(md protoreflect.MessageDescriptor, path []*validate.FieldPathElement) protoreflect.FieldDescriptor {
	var fd protoreflect.FieldDescriptor
	for _, el := range path {
		if md == nil {
			return nil
		}
		if fd = md.Fields().ByNumber(protoreflect.FieldNumber(el.GetFieldNumber())); fd == nil {
			return nil
		}
		md = fd.Message()
	}
	return fd
}

func asValidation(err error, target **protovalidate.ValidationError) bool {
	v, ok := err.(*protovalidate.ValidationError)
	if ok {
		*target = v
	}
	return ok
}

func checkUTF8(m protoreflect.Message, prefix string, vs *[]FieldViolation) {
	m.Range(func(fd protoreflect.FieldDescriptor, val protoreflect.Value) bool {
		name := prefix + string(fd.Name())
		switch {
		case fd.IsList():
			l := val.List()
			for i := range l.Len() {
				checkValue(fd, l.Get(i), fmt.Sprintf("%s[%d]", name, i), vs)
			}
		case fd.IsMap():
			val.Map().Range(func(k protoreflect.MapKey, v protoreflect.Value) bool {
				if s, ok := k.Interface().(string); ok && !utf8.ValidString(s) {
					*vs = append(*vs, FieldViolation{Field: name, Reason: "map key is not valid UTF-8"})
				}
				checkValue(fd.MapValue(), v, name+"["+k.String()+"]", vs)
				return true
			})
		default:
			checkValue(fd, val, name, vs)
		}
		return true
	})
}

func checkValue(fd protoreflect.FieldDescriptor, v protoreflect.Value, name string, vs *[]FieldViolation) {
	switch fd.Kind() {
	case protoreflect.StringKind:
		s := v.String()
		if !utf8.ValidString(s) {
			*vs = append(*vs, FieldViolation{Field: name, Reason: "not valid UTF-8 text"})
		} else if r, at, ok := ControlChar(s); ok {
			*vs = append(*vs, FieldViolation{Field: name, Reason: fmt.Sprintf("control character U+%04X at byte %d; remove it and resubmit", r, at)})
		}
	case protoreflect.MessageKind, protoreflect.GroupKind:
		checkUTF8(v.Message(), name+".", vs)
	}
}

// ValidationUnaryInterceptor validates every unary request, and answers
// InvalidArgument for one that did not decode (see edgeCodec).
func ValidationUnaryInterceptor(v protovalidate.Validator) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
		if m, ok := req.(proto.Message); ok {
			if err := takeUndecodable(m); err != nil {
				return nil, err
			}
			if err := Validate(v, m); err != nil {
				return nil, err
			}
		}
		return next(ctx, req)
	}
}

// ValidationStreamInterceptor validates the request of server-streaming calls.
func ValidationStreamInterceptor(v protovalidate.Validator) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, next grpc.StreamHandler) error {
		return next(srv, &validatingStream{ServerStream: ss, v: v})
	}
}

type validatingStream struct {
	grpc.ServerStream
	v protovalidate.Validator
}

func (s *validatingStream) RecvMsg(m any) error {
	if err := s.ServerStream.RecvMsg(m); err != nil {
		return err
	}
	if pm, ok := m.(proto.Message); ok {
		if err := takeUndecodable(pm); err != nil {
			return err
		}
		return Validate(s.v, pm)
	}
	return nil
}

// ControlChar returns the first control character in s that a request may not
// carry, and its byte offset: C0 controls other than tab, line feed and carriage
// return, DEL, the C1 controls (U+0080-U+009F), and the bidi embedding, override
// and isolate controls (U+202A-U+202E, U+2066-U+2069).
//
// Such a request is rejected, not cleaned. Mosaic assesses exactly the text the
// forum will show, and these characters have no place in a post: they are how a
// number is hidden from a filter ("NHS number\x00943 476 5919") or shown in an
// order other than the one stored (an override displays "9195 674 349" as "943
// 476 5919"), and systems downstream render them differently (some cut a string
// at NUL). Stripping them here would assess a text that differs from the one the
// platform publishes; rejecting it tells the platform to clean the post and send
// it again. Zero-width and other format characters (joiners in emoji, soft hyphens,
// directional marks) are legitimate in text and are accepted: the extractor's
// normaliser looks through them, and through anything above that reaches it by
// another path.
func ControlChar(s string) (rune, int, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			continue
		}
		if c < 0x80 {
			if c == '\t' || c == '\n' || c == '\r' {
				continue
			}
			return rune(c), i, true
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return r, i, true
		}
		i += size - 1
	}
	return 0, 0, false
}
