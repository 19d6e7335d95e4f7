package app

import (
	"github.com/mosaicgw/mosaic/internal/conduct"
	"github.com/mosaicgw/mosaic/internal/extract"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// conductDetector runs the conduct checks of the guidance as one of the linker's
// detectors.
type conductDetector struct{ c *conduct.Checker }

func (d conductDetector) Detect(p *mosaicv1.Post, details []extract.Detail) []*mosaicv1.Finding {
	return d.c.Check(conduct.Post{
		Body:              p.GetBody(),
		Audience:          p.GetAudience(),
		ForumID:           p.GetForumId(),
		AuthorDisplayName: p.GetAuthor().GetDisplayName(),
		AuthorRole:        p.GetAuthor().GetRole(),
		Details:           details,
	})
}
