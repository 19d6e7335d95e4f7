// Package api serves the holder's gRPC services: mosaic.v1.ReviewService for
// moderators and mosaic.v1.NoticeService for posters (through the forum platform).
// Both read and change the state the holder keeps in its Badger database, so they run
// in the process that runs the holder.
//
// Moderators authenticate with `authorization: Bearer <token>` metadata, checked
// against the moderators file; each sees and acts only in the forums they moderate.
// NoticeService is the forum platform's API (the platform has signed the poster in and
// names them by author_id) and the poster's own: a poster token the platform issued
// for one author opens that author's notices and no one else's. The gRPC server's
// authentication interceptor (internal/authn) has identified the caller before any
// NoticeService handler runs; each handler checks the caller may act for the request's
// author_id (authn.AuthorScope).
package api

import (
	"context"
	"log/slog"
	"strconv"
	"strings"

	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/grpcx"
	"github.com/mosaicgw/mosaic/internal/review"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
)

// Options configures the services.
type Options struct {
	Holder *holder.Holder
	// Moderators may be nil: every ReviewService call is then Unauthenticated.
	Moderators *review.Directory
	// JS reads the NOTICES stream for WatchNotices.
	JS     jetstream.JetStream
	Logger *slog.Logger
}

// Code returns the gRPC code for an error from the holder or the directory: the one
// table of domain errors to codes, shared with the NATS command replies
// (holder.Code).
func Code(err error) codes.Code { return holder.Code(err) }

func toStatus(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	return status.Error(Code(err), err.Error())
}

// Review implements mosaic.v1.ReviewService.
type Review struct {
	mosaicv1.UnimplementedReviewServiceServer
	h    *holder.Holder
	mods *review.Directory
	log  *slog.Logger
}

// NewReview returns the ReviewService.
func NewReview(o Options) *Review {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return &Review{h: o.Holder, mods: o.Moderators, log: o.Logger.With("component", "review-api")}
}

// moderator identifies the caller from the bearer token in the metadata.
func (s *Review) moderator(ctx context.Context) (holder.Reviewer, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	vals := md.Get("authorization")
	if len(vals) == 0 {
		return holder.Reviewer{}, status.Error(codes.Unauthenticated, "missing authorization metadata: send `authorization: Bearer <moderator token>`")
	}
	scheme, token, ok := strings.Cut(vals[0], " ")
	if !ok || !strings.EqualFold(scheme, "bearer") {
		return holder.Reviewer{}, status.Error(codes.Unauthenticated, "authorization metadata must be `Bearer <moderator token>`")
	}
	if s.mods.Len() == 0 {
		return holder.Reviewer{}, status.Error(codes.Unauthenticated, "no moderators are configured on this server (--moderators)")
	}
	m, err := s.mods.ByToken(strings.TrimSpace(token))
	if err != nil {
		return holder.Reviewer{}, status.Error(codes.Unauthenticated, "the token does not belong to a moderator")
	}
	return holder.Reviewer{ID: m.ID, Forums: m.Forums}, nil
}

// ListHeldPosts implements ReviewService.
func (s *Review) ListHeldPosts(ctx context.Context, req *mosaicv1.ListHeldPostsRequest) (*mosaicv1.ListHeldPostsResponse, error) {
	rv, err := s.moderator(ctx)
	if err != nil {
		return nil, err
	}
	resp, err := s.h.ListHeld(rv, holder.QueueQuery{Forum: req.ForumId, Kinds: req.Kinds, MinAge: req.GetMinAge().AsDuration(),
		Claim: req.Claim, AppealsOnly: req.AppealsOnly, NewestFirst: req.NewestFirst, PageSize: int(req.PageSize), PageToken: req.PageToken})
	return resp, toStatus(err)
}

// GetHeldPost implements ReviewService.
func (s *Review) GetHeldPost(ctx context.Context, req *mosaicv1.GetHeldPostRequest) (*mosaicv1.GetHeldPostResponse, error) {
	rv, err := s.moderator(ctx)
	if err != nil {
		return nil, err
	}
	hp, err := s.h.HeldPost(rv, req.PostId)
	if err != nil {
		return nil, toStatus(err)
	}
	return &mosaicv1.GetHeldPostResponse{HeldPost: hp}, nil
}

// ClaimPost implements ReviewService.
func (s *Review) ClaimPost(ctx context.Context, req *mosaicv1.ClaimPostRequest) (*mosaicv1.ClaimPostResponse, error) {
	rv, err := s.moderator(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.h.Claim(ctx, rv, req.PostId, req.GetTtl().AsDuration())
	if err != nil {
		return nil, toStatus(err)
	}
	return &mosaicv1.ClaimPostResponse{Claim: c}, nil
}

// ReleasePost implements ReviewService.
func (s *Review) ReleasePost(ctx context.Context, req *mosaicv1.ReleasePostRequest) (*mosaicv1.ReleasePostResponse, error) {
	rv, err := s.moderator(ctx)
	if err != nil {
		return nil, err
	}
	st, err := s.h.Release(ctx, rv, req.PostId, req.Note)
	if err != nil {
		return nil, toStatus(err)
	}
	return &mosaicv1.ReleasePostResponse{Status: st}, nil
}

// RejectPost implements ReviewService.
func (s *Review) RejectPost(ctx context.Context, req *mosaicv1.RejectPostRequest) (*mosaicv1.RejectPostResponse, error) {
	rv, err := s.moderator(ctx)
	if err != nil {
		return nil, err
	}
	st, err := s.h.Reject(ctx, rv, req.PostId, req.Reason, req.Message)
	if err != nil {
		return nil, toStatus(err)
	}
	return &mosaicv1.RejectPostResponse{Status: st}, nil
}

// ReturnForEdit implements ReviewService.
func (s *Review) ReturnForEdit(ctx context.Context, req *mosaicv1.ReturnForEditRequest) (*mosaicv1.ReturnForEditResponse, error) {
	rv, err := s.moderator(ctx)
	if err != nil {
		return nil, err
	}
	st, err := s.h.ReturnForEdit(ctx, rv, req.PostId, req.Reason, req.Guidance)
	if err != nil {
		return nil, toStatus(err)
	}
	return &mosaicv1.ReturnForEditResponse{Status: st}, nil
}

// EditAndRelease implements ReviewService.
func (s *Review) EditAndRelease(ctx context.Context, req *mosaicv1.EditAndReleaseRequest) (*mosaicv1.EditAndReleaseResponse, error) {
	rv, err := s.moderator(ctx)
	if err != nil {
		return nil, err
	}
	st, err := s.h.EditAndRelease(ctx, rv, req.PostId, req.Body, req.Note)
	if err != nil {
		return nil, toStatus(err)
	}
	return &mosaicv1.EditAndReleaseResponse{Status: st}, nil
}

// AddNote implements ReviewService.
func (s *Review) AddNote(ctx context.Context, req *mosaicv1.AddNoteRequest) (*mosaicv1.AddNoteResponse, error) {
	rv, err := s.moderator(ctx)
	if err != nil {
		return nil, err
	}
	e, err := s.h.AddNote(ctx, rv, req.PostId, req.Text)
	if err != nil {
		return nil, toStatus(err)
	}
	return &mosaicv1.AddNoteResponse{Entry: e}, nil
}

// GetAuditHistory implements ReviewService.
func (s *Review) GetAuditHistory(ctx context.Context, req *mosaicv1.GetAuditHistoryRequest) (*mosaicv1.GetAuditHistoryResponse, error) {
	rv, err := s.moderator(ctx)
	if err != nil {
		return nil, err
	}
	entries, ok, err := s.h.AuditHistory(rv, req.PostId)
	if err != nil {
		return nil, toStatus(err)
	}
	return &mosaicv1.GetAuditHistoryResponse{Entries: entries, ChainValid: ok}, nil
}

// Notices implements mosaic.v1.NoticeService.
type Notices struct {
	mosaicv1.UnimplementedNoticeServiceServer
	h   *holder.Holder
	js  jetstream.JetStream
	log *slog.Logger
}

// NewNotices returns the NoticeService.
func NewNotices(o Options) *Notices {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return &Notices{h: o.Holder, js: o.JS, log: o.Logger.With("component", "notice-api")}
}

// ListNotices implements NoticeService.
func (s *Notices) ListNotices(ctx context.Context, req *mosaicv1.ListNoticesRequest) (*mosaicv1.ListNoticesResponse, error) {
	if err := authn.AuthorScope(ctx, req.AuthorId); err != nil {
		return nil, err
	}
	ns, next, err := s.h.Notices(req.AuthorId, req.UnacknowledgedOnly, int(req.PageSize), req.PageToken)
	if err != nil {
		return nil, toStatus(err)
	}
	return &mosaicv1.ListNoticesResponse{Notices: ns, NextPageToken: next}, nil
}

// AcknowledgeNotice implements NoticeService.
func (s *Notices) AcknowledgeNotice(ctx context.Context, req *mosaicv1.AcknowledgeNoticeRequest) (*mosaicv1.AcknowledgeNoticeResponse, error) {
	if err := authn.AuthorScope(ctx, req.AuthorId); err != nil {
		return nil, err
	}
	n, err := s.h.AcknowledgeNotice(req.AuthorId, req.NoticeId)
	if err != nil {
		return nil, toStatus(err)
	}
	return &mosaicv1.AcknowledgeNoticeResponse{Notice: n}, nil
}

// AppealDecision implements NoticeService.
func (s *Notices) AppealDecision(ctx context.Context, req *mosaicv1.AppealDecisionRequest) (*mosaicv1.AppealDecisionResponse, error) {
	if err := authn.AuthorScope(ctx, req.AuthorId); err != nil {
		return nil, err
	}
	st, err := s.h.Appeal(ctx, req.AuthorId, req.PostId, req.Statement)
	if err != nil {
		return nil, toStatus(err)
	}
	return &mosaicv1.AppealDecisionResponse{Status: st}, nil
}

// WatchNotices implements NoticeService: it streams the author's notices from the
// NOTICES stream, from the first one retained (or after resume_token), then new ones
// as they are issued. Each carries the resume token to continue after a disconnect.
func (s *Notices) WatchNotices(req *mosaicv1.WatchNoticesRequest, stream mosaicv1.NoticeService_WatchNoticesServer) error {
	if err := authn.AuthorScope(stream.Context(), req.AuthorId); err != nil {
		return err
	}
	cfg := jetstream.OrderedConsumerConfig{FilterSubjects: []string{bus.SubjectNotice(req.AuthorId)}, DeliverPolicy: jetstream.DeliverAllPolicy}
	if req.ResumeToken != "" {
		seq, err := strconv.ParseUint(req.ResumeToken, 10, 64)
		if err != nil {
			return grpcx.InvalidArgument(grpcx.FieldViolation{Field: "resume_token", Reason: "not a token this service issued"})
		}
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, seq+1
	}
	ctx := stream.Context()
	cons, err := s.js.OrderedConsumer(ctx, bus.StreamNotices, cfg)
	if err != nil {
		return status.Errorf(codes.Unavailable, "notices stream: %v", err)
	}
	it, err := cons.Messages()
	if err != nil {
		return status.Errorf(codes.Unavailable, "notices stream: %v", err)
	}
	defer it.Stop()
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	for {
		msg, err := it.Next()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return status.Errorf(codes.Unavailable, "notices stream: %v", err)
		}
		n := &mosaicv1.Notice{}
		if err := proto.Unmarshal(msg.Data(), n); err != nil {
			s.log.Warn("undecodable notice", "subject", msg.Subject(), "err", err)
			continue
		}
		md, err := msg.Metadata()
		if err != nil {
			continue
		}
		if err := stream.Send(&mosaicv1.WatchNoticesResponse{Notice: n, ResumeToken: strconv.FormatUint(md.Sequence.Stream, 10)}); err != nil {
			return err
		}
	}
}
