package bench

import (
	"slices"
	"strings"
	"testing"

	"buf.build/go/protovalidate"

	"github.com/mosaicgw/mosaic/internal/postcheck"
)

// The generated posts are posts the gateway accepts, spread over many authors with a
// heavy tail (a few with long histories), and the configured share carries a
// patient's details.
func TestPostsAreValidSpreadAndPartlyClinical(t *testing.T) {
	v, err := protovalidate.New()
	if err != nil {
		t.Fatal(err)
	}
	const n = 5000
	g := NewPosts(PostsOptions{Authors: 1000, ClinicalShare: 0.3, Seed: 7, Prefix: "t"})
	perAuthor := map[string]int{}
	ids := map[string]bool{}
	clinicalPosts := 0
	for range n {
		p := g.Next()
		if err := postcheck.Check(v, p, postcheck.Limits{MaxBodyBytes: 64 << 10}); err != nil {
			t.Fatalf("post %s refused: %v", p.PostId, err)
		}
		if ids[p.PostId] {
			t.Fatalf("post id %s repeated", p.PostId)
		}
		ids[p.PostId] = true
		perAuthor[p.AuthorId]++
		if !slices.Contains(chatter, p.Body) {
			clinicalPosts++
		}
		if strings.Contains(p.Body, "{") {
			t.Fatalf("unfilled template: %q", p.Body)
		}
	}
	most := 0
	for _, c := range perAuthor {
		most = max(most, c)
	}
	if len(perAuthor) < 300 {
		t.Errorf("%d distinct authors in %d posts, want many", len(perAuthor), n)
	}
	if most < 100 {
		t.Errorf("the most active author wrote %d posts, want a long history (>= 100)", most)
	}
	if share := float64(clinicalPosts) / n; share < 0.25 || share > 0.35 {
		t.Errorf("clinical share %.2f, want about 0.3", share)
	}
}

func TestQuantileIsNearestRank(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for q, want := range map[float64]float64{0.5: 5, 0.99: 10, 0.1: 1, 0: 1} {
		if got := quantile(xs, q); got != want {
			t.Errorf("quantile(%v) = %v, want %v", q, got, want)
		}
	}
}
