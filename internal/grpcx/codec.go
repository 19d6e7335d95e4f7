package grpcx

import (
	"fmt"
	"sync"

	"google.golang.org/grpc/encoding"
	_ "google.golang.org/grpc/encoding/proto" // registers the proto codec edgeCodec wraps
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"
)

// edgeCodec is gRPC's protobuf codec, except for requests that do not decode.
//
// grpc-go answers a codec's unmarshal error with Internal, which tells the caller the
// server failed, when it was the request: bytes that are not the protobuf encoding of
// the request message. So this codec does not fail; it leaves the message empty and
// notes it in undecodable, and the validation interceptors (which every request
// passes through, unary or streamed) answer InvalidArgument instead of running the
// handler. Each entry lives from the decode to its interceptor check, which removes
// it.
type edgeCodec struct{ base encoding.CodecV2 }

func newEdgeCodec() edgeCodec { return edgeCodec{base: encoding.GetCodecV2("proto")} }

// undecodable maps a request message (by pointer) to why it did not decode.
var undecodable sync.Map

func (c edgeCodec) Name() string                                { return c.base.Name() }
func (c edgeCodec) Marshal(v any) (mem.BufferSlice, error)      { return c.base.Marshal(v) }
func (c edgeCodec) Unmarshal(data mem.BufferSlice, v any) error { return c.unmarshal(data, v) }

func (c edgeCodec) unmarshal(data mem.BufferSlice, v any) error {
	err := c.base.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	m, ok := v.(proto.Message)
	if !ok {
		return err
	}
	proto.Reset(m)
	undecodable.Store(m, err.Error())
	return nil
}

// takeUndecodable returns the InvalidArgument error for a request that did not decode,
// or nil, forgetting the note either way.
func takeUndecodable(m proto.Message) error {
	reason, ok := undecodable.LoadAndDelete(m)
	if !ok {
		return nil
	}
	return InvalidArgument(FieldViolation{Field: "(request)",
		Reason: fmt.Sprintf("is not a valid protobuf encoding of %s (%v); check the client's generated code matches the service's .proto files",
			m.ProtoReflect().Descriptor().FullName(), reason)})
}
