package grpcx_test

import (
	"strings"
	"testing"

	"buf.build/go/protovalidate"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/mosaicgw/mosaic/internal/grpcx"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

func valid() *mosaicv1.SubmitPostRequest {
	return &mosaicv1.SubmitPostRequest{Post: &mosaicv1.Post{
		PostId: "p1", Revision: 1, AuthorId: "a1", ForumId: "f1",
		Audience: mosaicv1.Audience_AUDIENCE_PUBLIC, Body: "hello",
		Author: &mosaicv1.Author{DisplayName: "Dr A"},
	}}
}

func TestValidateNamesEveryBadField(t *testing.T) {
	v, err := protovalidate.New()
	if err != nil {
		t.Fatal(err)
	}
	if err := grpcx.Validate(v, valid()); err != nil {
		t.Fatalf("valid request rejected: %v", err)
	}
	req := valid()
	req.Post.PostId = ""
	req.Post.ForumId = "has space"
	err = grpcx.Validate(v, req)
	st := status.Convert(err)
	if st.Code() != codes.InvalidArgument {
		t.Fatalf("code %v", st.Code())
	}
	var fields []string
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, fv := range br.FieldViolations {
				fields = append(fields, fv.Field)
			}
		}
	}
	joined := strings.Join(fields, ",")
	if !strings.Contains(joined, "post.post_id") || !strings.Contains(joined, "post.forum_id") {
		t.Fatalf("field violations %v in %q", fields, st.Message())
	}
}

func TestValidateRejectsInvalidUTF8InNestedFields(t *testing.T) {
	v, _ := protovalidate.New()
	req := valid()
	req.Post.Author.Role = "GP\xff"
	st := status.Convert(grpcx.Validate(v, req))
	if st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "post.author.role") {
		t.Fatalf("got %v %q", st.Code(), st.Message())
	}
}
