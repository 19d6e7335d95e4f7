package postcheck_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"buf.build/go/protovalidate"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/postcheck"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

func good() *mosaicv1.Post {
	return &mosaicv1.Post{PostId: "p-1", Revision: 1, AuthorId: "dr-a", ForumId: "gp-chat", Audience: mosaicv1.Audience_AUDIENCE_MEMBERS,
		CreatedAt: timestamppb.New(time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)), Body: "Any tips for gout flares?"}
}

func TestCheckNamesEachFieldInWords(t *testing.T) {
	v, err := protovalidate.New()
	if err != nil {
		t.Fatal(err)
	}
	if err := postcheck.Check(v, good(), postcheck.Limits{MaxBodyBytes: 100}); err != nil {
		t.Fatalf("good post refused: %v", err)
	}
	cases := []struct {
		name  string
		edit  func(*mosaicv1.Post)
		words []string
	}{
		{"year 10000", func(p *mosaicv1.Post) { p.CreatedAt = &timestamppb.Timestamp{Seconds: 253402300800} }, []string{"created_at", "between the years 1 and 9999"}},
		{"year 1999", func(p *mosaicv1.Post) { p.CreatedAt = timestamppb.New(time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC)) }, []string{"created_at", "1999-12-31T00:00:00Z is outside the accepted years 2000 to 2099"}},
		{"year 2100", func(p *mosaicv1.Post) { p.CreatedAt = timestamppb.New(postcheck.LatestCreatedAt) }, []string{"created_at", "outside"}},
		{"negative nanos", func(p *mosaicv1.Post) { p.CreatedAt.Nanos = -1 }, []string{"created_at", "nanos -1 is out of range"}},
		{"revision 2^32-1", func(p *mosaicv1.Post) { p.Revision = math.MaxUint32 }, []string{"revision", "highest revision accepted (1000000)"}},
		{"zero revision", func(p *mosaicv1.Post) { p.Revision = 0 }, []string{"revision: must be at least 1"}},
		{"blank body", func(p *mosaicv1.Post) { p.Body = "\u00a0 \u200b\u2060\n" }, []string{"body", "no visible text"}},
		{"long body", func(p *mosaicv1.Post) { p.Body = strings.Repeat("x", 101) }, []string{"body", "101 bytes exceeds the limit of 100"}},
		{"empty body", func(p *mosaicv1.Post) { p.Body = "" }, []string{"body: must not be empty"}},
		{"audience", func(p *mosaicv1.Post) { p.Audience = 0 }, []string{"audience: must be one of AUDIENCE_MEMBERS, AUDIENCE_PUBLIC"}},
		{"forum id", func(p *mosaicv1.Post) { p.ForumId = "gp.chat" }, []string{`forum_id: "gp.chat" is not a valid id`}},
		{"long thread id", func(p *mosaicv1.Post) { p.ThreadId = strings.Repeat("t", 129) }, []string{"thread_id: is 129 characters long; at most 128"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := good()
			c.edit(p)
			err := postcheck.Check(v, p, postcheck.Limits{MaxBodyBytes: 100})
			st := status.Convert(err)
			if st.Code() != codes.InvalidArgument {
				t.Fatalf("got %v, want InvalidArgument", err)
			}
			for _, w := range c.words {
				if !strings.Contains(st.Message(), w) {
					t.Fatalf("message %q lacks %q", st.Message(), w)
				}
			}
		})
	}
}

func TestIdentityAndBlank(t *testing.T) {
	if err := postcheck.Identity(good()); err != nil {
		t.Fatal(err)
	}
	for _, edit := range []func(*mosaicv1.Post){
		func(p *mosaicv1.Post) { p.ForumId = "a.>" },
		func(p *mosaicv1.Post) { p.AuthorId = "" },
		func(p *mosaicv1.Post) { p.Revision = 0 },
		func(p *mosaicv1.Post) { p.PostId = "-x" },
	} {
		p := good()
		edit(p)
		if postcheck.Identity(p) == nil {
			t.Fatalf("unusable ids accepted: %v", p)
		}
	}
	if postcheck.Identity(nil) == nil {
		t.Fatal("nil post accepted")
	}
	if postcheck.Blank("a") || !postcheck.Blank(" \t\r\n\u00ad\u200d") {
		t.Fatal("Blank")
	}
}
