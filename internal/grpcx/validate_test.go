package grpcx_test

import (
	"strings"
	"testing"
	"time"

	"buf.build/go/protovalidate"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"

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

func TestValidateRejectsControlCharacters(t *testing.T) {
	v, _ := protovalidate.New()
	for _, body := range []string{
		"NHS number\x00943 476 5919",
		"call\x1b[8m 07700 900123",
		"number \u0085 here",
		"NHS \u202e9195 674 349\u202c",
		"ref \u2066943 476 5919\u2069",
		"tail\x7f",
	} {
		req := valid()
		req.Post.Body = body
		st := status.Convert(grpcx.Validate(v, req))
		if st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "post.body") || !strings.Contains(st.Message(), "control character") {
			t.Errorf("%q: got %v %q", body, st.Code(), st.Message())
		}
	}
	// A control character in a nested field is named there.
	req := valid()
	req.Post.Author.Role = "GP\x07"
	if st := status.Convert(grpcx.Validate(v, req)); st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "post.author.role") {
		t.Errorf("role: got %v %q", st.Code(), st.Message())
	}
	// Tabs, line breaks, emoji joiners, soft hyphens and directional marks are text.
	for _, body := range []string{
		"line one\r\nline two\tend",
		"family \U0001F468\u200d\U0001F469\u200d\U0001F467 day",
		"hyphen\u00adated and \u200fRTL mark",
	} {
		req := valid()
		req.Post.Body = body
		if err := grpcx.Validate(v, req); err != nil {
			t.Errorf("%q rejected: %v", body, err)
		}
	}
}

func TestControlChar(t *testing.T) {
	r, at, ok := grpcx.ControlChar("ab\u00e9\u0085")
	if !ok || r != 0x85 || at != 4 {
		t.Fatalf("got %U at %d (%v)", r, at, ok)
	}
	if _, _, ok := grpcx.ControlChar("plain \u00e9 text\n"); ok {
		t.Fatal("plain text reported")
	}
}

// Every rule in the schema is reported in words that say what to send: the value
// given and the range wanted, an optional id's form, the names of an enum's values
// (for a repeated field's items too).
func TestValidateSaysWhatToSend(t *testing.T) {
	v, err := protovalidate.New()
	if err != nil {
		t.Fatal(err)
	}
	long := valid()
	long.Wait = durationpb.New(301 * time.Second)
	unspecified := valid()
	unspecified.Post.Audience = 0
	for _, c := range []struct {
		req  proto.Message
		want string
	}{
		{long, "wait: is 5m1s; send a value from 0s to 300s"},
		{&mosaicv1.ListNoticesRequest{AuthorId: "a", PageSize: 600}, "page_size: is 600; send a value from 0 to 500"},
		{&mosaicv1.DeletePostRequest{PostId: "p", AuthorId: "a b"}, `author_id: "a b" is not a valid id: use letters, digits, '_' and '-', starting with a letter or digit (or leave it empty)`},
		{&mosaicv1.ListHeldPostsRequest{Kinds: []mosaicv1.FindingKind{99}}, "kinds[0]: must be one of FINDING_KIND_DIRECT_IDENTIFIER, "},
		{unspecified, "post.audience: must be one of AUDIENCE_MEMBERS, AUDIENCE_PUBLIC"},
	} {
		st := status.Convert(grpcx.Validate(v, c.req))
		if st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), c.want) {
			t.Errorf("%T: %v %q; want InvalidArgument with %q", c.req, st.Code(), st.Message(), c.want)
		}
		for _, raw := range []string{"greater than or equal", "in list", "defined enum values", "expected form"} {
			if strings.Contains(st.Message(), raw) {
				t.Errorf("%T: raw validator wording %q in %q", c.req, raw, st.Message())
			}
		}
	}
}
