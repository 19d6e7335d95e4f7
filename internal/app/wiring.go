package app

import (
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/conduct"
	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/policy"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
)

// conductDetector runs the conduct checks of the guidance as one of the linker's
// detectors.
type conductDetector struct{ c *conduct.Checker }

func (d conductDetector) Detect(p *mosaicv1.Post, r extract.Reading) []*mosaicv1.Finding {
	return d.c.Check(conduct.Post{
		Body:              p.GetBody(),
		Audience:          p.GetAudience(),
		ForumID:           p.GetForumId(),
		AuthorDisplayName: p.GetAuthor().GetDisplayName(),
		AuthorRole:        p.GetAuthor().GetRole(),
		AuthorLocation:    p.GetAuthor().GetPracticeLocation(),
		Reading:           r,
	})
}

// policyDecider lets the policy engine decide for the holder.
type policyDecider struct{ e *policy.Engine }

func (d policyDecider) Decide(a *mosaicv1.Assessment) holder.Verdict {
	v := d.e.Decide(a)
	return holder.Verdict{Decision: v.Decision, Findings: v.Findings, PolicyVersion: v.PolicyVersion, Reason: v.Reason}
}

// accessPolicy is who may call each service of the gRPC server (internal/authn): health
// and reflection hold no data and stay open; GatewayService is the forum platform's;
// NoticeService the platform's or a poster's (for their own notices); ReviewService
// checks its moderators' tokens itself. Anything else is closed.
func accessPolicy() authn.Policy {
	return authn.Policy{
		healthpb.Health_ServiceDesc.ServiceName:         authn.Open,
		"grpc.reflection.v1.ServerReflection":           authn.Open,
		"grpc.reflection.v1alpha.ServerReflection":      authn.Open,
		mosaicv1.GatewayService_ServiceDesc.ServiceName: authn.PlatformOnly,
		mosaicv1.NoticeService_ServiceDesc.ServiceName:  authn.PlatformOrPoster,
		mosaicv1.ReviewService_ServiceDesc.ServiceName:  authn.ModeratorChecked,
	}
}
