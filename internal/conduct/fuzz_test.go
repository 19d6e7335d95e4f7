package conduct_test

import (
	"testing"
	"unicode/utf8"

	"github.com/mosaicgw/mosaic/internal/conduct"
)

// FuzzCheck: any body, valid UTF-8 or not, gives findings whose spans lie inside the body
// and quote it exactly. `go test -fuzz FuzzCheck ./internal/conduct` explores further.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"", "Dr. A", "@", "@x", "code DOC10", "’’’", "id\u200biot", "ｉｄｉｏｔ", "\u200b\u200b", "a.b.c.", "x\xffy",
		"Our new medical director is a clueless jobsworth and a liar.",
		"Use code DOC10 for 10% off Dozewell, honestly a game changer.",
		"One of my patients sent me a friend request on Facebook.",
	} {
		f.Add(s, true)
	}
	c, err := conduct.New(conduct.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string, inPublic bool) {
		au := members
		if inPublic {
			au = public
		}
		for _, fd := range c.Check(conduct.Post{Body: body, Audience: au, AuthorDisplayName: "x1", AuthorRole: "GP"}) {
			for _, s := range fd.Spans {
				if s.End < s.Start || int(s.End) > len(body) || body[s.Start:s.End] != s.Text {
					t.Fatalf("bad span %d-%d %q in %q", s.Start, s.End, s.Text, body)
				}
			}
			if utf8.ValidString(body) && !utf8.ValidString(fd.Explanation) {
				t.Fatalf("explanation not UTF-8: %q", fd.Explanation)
			}
		}
	})
}
