package holder

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/telemetry"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// QueueQuery selects held posts. The zero value lists every held post the reviewer
// may see, oldest first, DefaultPageSize at a time.
type QueueQuery struct {
	// Forum limits the list to one forum (empty: all the reviewer's forums).
	Forum string
	// Kinds keeps posts with at least one finding of these kinds.
	Kinds []mosaicv1.FindingKind
	// MinAge keeps posts held at least this long.
	MinAge      time.Duration
	Claim       mosaicv1.ClaimFilter
	AppealsOnly bool
	NewestFirst bool
	// Sort orders the queue: by the time held (the default; NewestFirst reverses it) or
	// by risk (SortRisk: the fewest people matching first, then posts with no
	// confidentiality finding, each group oldest first).
	Sort QueueSort
	// MaskExcerpts replaces the spans of the posts' findings in the excerpts by their
	// detail kinds ("[age]"), for a privacy-first list.
	MaskExcerpts bool
	PageSize     int
	PageToken    string
}

// QueueSort is the order of the review queue.
type QueueSort int

// Queue orders.
const (
	SortAge QueueSort = iota
	SortRisk
)

// Confidentiality reports whether a finding kind is about identifying a patient, the
// kinds for which the estimate of people matching is the measure of the hold.
func Confidentiality(k mosaicv1.FindingKind) bool {
	switch k {
	case mosaicv1.FindingKind_FINDING_KIND_DIRECT_IDENTIFIER, mosaicv1.FindingKind_FINDING_KIND_QUASI_IDENTIFIERS,
		mosaicv1.FindingKind_FINDING_KIND_CUMULATIVE_REIDENTIFICATION, mosaicv1.FindingKind_FINDING_KIND_PUBLIC_PATIENT_CASE:
		return true
	}
	return false
}

// riskPagePrefix marks a page token of the risk order: an offset into the sorted queue.
const riskPagePrefix = "k/"

// DefaultPageSize of a queue page.
const DefaultPageSize = 50

const excerptRunes = 160

// ListHeld returns a page of the review queue. counts_by_kind and total cover the
// whole queue under the query's filters, except that counts_by_kind ignores the Kinds
// filter so that it can label a tab per kind. It reads every queue entry: the queue
// holds posts waiting for people, thousands at most.
func (h *Holder) ListHeld(rv Reviewer, q QueueQuery) (*mosaicv1.ListHeldPostsResponse, error) {
	if q.Forum != "" && !rv.Moderates(q.Forum) {
		return nil, fmt.Errorf("%w: %s does not moderate forum %s", ErrPermission, rv.ID, q.Forum)
	}
	if q.PageSize <= 0 {
		q.PageSize = DefaultPageSize
	}
	var after []byte
	offset := 0
	if q.PageToken != "" {
		var err error
		after, err = base64.RawURLEncoding.DecodeString(q.PageToken)
		ok := err == nil && bytes.HasPrefix(after, []byte(prefixQueue)) && q.Sort == SortAge
		if err == nil && q.Sort == SortRisk && bytes.HasPrefix(after, []byte(riskPagePrefix)) {
			offset, err = strconv.Atoi(string(after[len(riskPagePrefix):]))
			ok, after = err == nil && offset > 0, nil
		}
		if !ok {
			return nil, fmt.Errorf("%w: page_token is not a token this service issued for this order", ErrInvalidArgument)
		}
	}
	pageSize := q.PageSize
	if q.Sort == SortRisk {
		q.PageSize = math.MaxInt // every match, sorted and paged below
	}
	now := h.now()
	resp := &mosaicv1.ListHeldPostsResponse{CountsByKind: map[string]uint32{}}
	var lastKey []byte
	err := h.db.View(func(txn *badger.Txn) error {
		prefix := []byte(prefixQueue)
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: q.NewestFirst})
		defer it.Close()
		if q.NewestFirst {
			it.Seek(append(bytes.Clone(prefix), 0xff))
		} else {
			it.Rewind()
		}
		for ; it.ValidForPrefix(prefix); it.Next() {
			key := it.Item().KeyCopy(nil)
			post, rev, ok := parseQueueKey(key)
			if !ok {
				continue
			}
			st := &mosaicv1.PostStatus{}
			if err := getProto(txn, statusKey(post, rev), st); err != nil {
				h.log.Warn("queue entry without a status", "post", post, "revision", rev, "err", err)
				continue
			}
			if st.GetDecision() != mosaicv1.Decision_DECISION_HELD || !rv.Moderates(st.GetForumId()) ||
				(q.Forum != "" && st.GetForumId() != q.Forum) ||
				now.Sub(st.GetDecidedAt().AsTime()) < q.MinAge {
				continue
			}
			rs, err := getReview(txn, post, rev)
			if err != nil {
				return err
			}
			claimedBy := rs.liveClaim(now)
			if (q.Claim == mosaicv1.ClaimFilter_CLAIM_FILTER_CLAIMED && claimedBy == "") ||
				(q.Claim == mosaicv1.ClaimFilter_CLAIM_FILTER_UNCLAIMED && claimedBy != "") ||
				(q.AppealsOnly && !rs.Appeal) {
				continue
			}
			kinds := findingKinds(st.GetFindings())
			for _, k := range kinds {
				resp.CountsByKind[k.String()]++
			}
			if len(q.Kinds) > 0 && !slices.ContainsFunc(kinds, func(k mosaicv1.FindingKind) bool { return slices.Contains(q.Kinds, k) }) {
				continue
			}
			resp.Total++
			if after != nil && ((!q.NewestFirst && bytes.Compare(key, after) <= 0) || (q.NewestFirst && bytes.Compare(key, after) >= 0)) {
				continue
			}
			if len(resp.Posts) == q.PageSize {
				resp.NextPageToken = base64.RawURLEncoding.EncodeToString(lastKey)
				continue
			}
			a := &mosaicv1.Assessment{}
			if err := getProto(txn, assessmentKey(post, rev), a); err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
			sum := &mosaicv1.HeldPostSummary{
				PostId: post, Revision: rev, ForumId: st.GetForumId(), AuthorId: st.GetAuthorId(), Kinds: kinds,
				HeldAt: st.GetDecidedAt(), ClaimedBy: claimedBy, Appeal: rs.Appeal, Excerpt: excerpt(a.GetPost().GetBody()),
			}
			if q.MaskExcerpts {
				sum.Excerpt = excerpt(MaskSpans(post, a.GetPost().GetBody(), findingSpans(st.GetFindings())))
			}
			if r := st.GetRisk(); r != nil {
				sum.EstimatedMatches = r.GetEstimatedMatches()
			}
			resp.Posts = append(resp.Posts, sum)
			lastKey = key
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("holder: list queue: %w", err)
	}
	if q.Sort == SortRisk {
		slices.SortStableFunc(resp.Posts, func(a, b *mosaicv1.HeldPostSummary) int { return cmp.Compare(riskKey(a), riskKey(b)) })
		all := resp.Posts
		resp.Posts = all[min(offset, len(all)):min(offset+pageSize, len(all))]
		if offset+pageSize < len(all) {
			resp.NextPageToken = base64.RawURLEncoding.EncodeToString([]byte(riskPagePrefix + strconv.Itoa(offset+pageSize)))
		}
	}
	return resp, nil
}

// riskKey orders a post in the risk sort: its estimate of people matching when it has
// a confidentiality finding, else +Inf (after every confidentiality hold).
func riskKey(p *mosaicv1.HeldPostSummary) float64 {
	if slices.ContainsFunc(p.GetKinds(), Confidentiality) {
		return p.GetEstimatedMatches()
	}
	return math.Inf(1)
}

func findingSpans(fs []*mosaicv1.Finding) []*mosaicv1.Span {
	var out []*mosaicv1.Span
	for _, f := range fs {
		out = append(out, f.GetSpans()...)
	}
	return out
}

func parseQueueKey(k []byte) (string, uint32, bool) {
	// q/<held:8>/<post>/<rev:4>
	if len(k) < len(prefixQueue)+8+1+1+1+4 {
		return "", 0, false
	}
	rest := k[len(prefixQueue)+9:]
	post := rest[:len(rest)-5]
	return string(post), binary.BigEndian.Uint32(rest[len(rest)-4:]), true
}

func findingKinds(fs []*mosaicv1.Finding) []mosaicv1.FindingKind {
	var out []mosaicv1.FindingKind
	for _, f := range fs {
		if !slices.Contains(out, f.GetKind()) {
			out = append(out, f.GetKind())
		}
	}
	return out
}

func excerpt(body string) string {
	if utf8.RuneCountInString(body) <= excerptRunes {
		return body
	}
	n := 0
	for i := range body {
		if n == excerptRunes {
			return body[:i] + "…"
		}
		n++
	}
	return body
}

// HeldPost returns a post (its latest revision) with everything behind its decision:
// findings and their spans, the details extracted, and for a cumulative hold the
// earlier posts linked to it with their contributing details and the author's
// disclosure timeline. Decided posts can be read too, for the record. An earlier post
// in a forum the reviewer does not moderate is shown by id and contributing details
// only, without its text.
func (h *Holder) HeldPost(rv Reviewer, post string) (*mosaicv1.HeldPost, error) {
	st, err := h.visible(rv, post)
	if err != nil {
		return nil, err
	}
	a, err := h.assessment(post, st.GetRevision())
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	rs, err := h.reviewState(post, st.GetRevision())
	if err != nil {
		return nil, err
	}
	p := a.GetPost()
	if p == nil {
		p = &mosaicv1.Post{PostId: st.GetPostId(), Revision: st.GetRevision(), AuthorId: st.GetAuthorId(), ForumId: st.GetForumId()}
	}
	hp := &mosaicv1.HeldPost{Post: p, Status: st, Details: a.GetDetails(), Appeal: rs.Appeal, AppealStatement: rs.AppealStatement}
	if rs.ReleasedBody != "" {
		hp.Post = proto.Clone(p).(*mosaicv1.Post)
		hp.Post.Body = rs.ReleasedBody
	}
	if c := rs.liveClaim(h.now()); c != "" {
		hp.Claim = &mosaicv1.Claim{Moderator: c, ExpiresAt: timestamppb.New(rs.ClaimExpires)}
	}
	r := st.GetRisk()
	for _, id := range r.GetLinkedPostIds() {
		lp, err := h.linkedPost(rv, id, r)
		if err != nil {
			return nil, err
		}
		hp.LinkedPosts = append(hp.LinkedPosts, lp)
	}
	hp.Timeline = timeline(hp.Post, hp.Details, hp.LinkedPosts, r)
	return hp, nil
}

func (h *Holder) linkedPost(rv Reviewer, id string, r *mosaicv1.Risk) (*mosaicv1.LinkedPost, error) {
	lp := &mosaicv1.LinkedPost{Post: &mosaicv1.Post{PostId: id}}
	for _, f := range r.GetFactors() {
		if f.GetDetail().GetSpan().GetPostId() == id {
			lp.Details = append(lp.Details, f.GetDetail())
		}
	}
	st, err := h.status(id, 0)
	if errors.Is(err, ErrNotFound) {
		return lp, nil // decided elsewhere (e.g. before this holder's database existed)
	}
	if err != nil {
		return nil, err
	}
	lp.Post = &mosaicv1.Post{PostId: id, Revision: st.GetRevision(), AuthorId: st.GetAuthorId(), ForumId: st.GetForumId()}
	if !rv.Moderates(st.GetForumId()) {
		return lp, nil
	}
	a, err := h.assessment(id, st.GetRevision())
	if errors.Is(err, ErrNotFound) {
		return lp, nil
	}
	if err != nil {
		return nil, err
	}
	lp.Post = proto.Clone(a.GetPost()).(*mosaicv1.Post)
	// The linker names one source post per risk factor (the latest to mention it); the
	// earlier post's own details show what it disclosed first.
	for _, d := range a.GetDetails() {
		if hasDetail(r.GetFactors(), d) && !slices.ContainsFunc(lp.Details, func(x *mosaicv1.Detail) bool { return sameDetail(x, d) }) {
			lp.Details = append(lp.Details, d)
		}
	}
	if rs, err := h.reviewState(id, st.GetRevision()); err == nil && rs.ReleasedBody != "" {
		lp.Post.Body = rs.ReleasedBody // members saw the moderator's edit, and it is what counts
	}
	return lp, nil
}

func sameDetail(a, b *mosaicv1.Detail) bool {
	return a.GetKind() == b.GetKind() && a.GetValue() == b.GetValue()
}

func hasDetail(fs []*mosaicv1.RiskFactor, d *mosaicv1.Detail) bool {
	return slices.ContainsFunc(fs, func(f *mosaicv1.RiskFactor) bool { return sameDetail(f.GetDetail(), d) })
}

// timeline shows how each post moved the estimate about the patient. It splits the
// current estimate's identifying bits by the post that first disclosed each detail
// (the earliest post whose details include it, else the post the linker names) and
// replays them in time order: after post i the estimate is k·2^(bits of the later
// posts), so the last entry is the current estimate exactly and each step shows what
// one post added.
func timeline(held *mosaicv1.Post, heldDetails []*mosaicv1.Detail, linked []*mosaicv1.LinkedPost, r *mosaicv1.Risk) []*mosaicv1.TimelineEntry {
	if r == nil || len(r.GetFactors()) == 0 {
		return nil
	}
	type step struct {
		post    string
		at      *timestamppb.Timestamp
		details []*mosaicv1.Detail
		bits    float64
		added   []*mosaicv1.Detail
	}
	steps := make([]*step, 0, len(linked)+1)
	byPost := map[string]*step{}
	for _, lp := range linked {
		s := &step{post: lp.GetPost().GetPostId(), at: lp.GetPost().GetCreatedAt(), details: lp.GetDetails()}
		steps = append(steps, s)
		byPost[s.post] = s
	}
	slices.SortStableFunc(steps, func(a, b *step) int { return a.at.AsTime().Compare(b.at.AsTime()) })
	last := &step{post: held.GetPostId(), at: held.GetCreatedAt(), details: heldDetails}
	steps = append(steps, last)
	byPost[last.post] = last
	var total float64
	for _, f := range r.GetFactors() {
		var s *step
		for _, c := range steps {
			if slices.ContainsFunc(c.details, func(d *mosaicv1.Detail) bool { return sameDetail(d, f.GetDetail()) }) {
				s = c
				break
			}
		}
		if s == nil {
			if s = byPost[f.GetDetail().GetSpan().GetPostId()]; s == nil {
				s = last
			}
		}
		s.bits += f.GetBits()
		s.added = append(s.added, f.GetDetail())
		total += f.GetBits()
	}
	out := make([]*mosaicv1.TimelineEntry, 0, len(steps))
	var cum float64
	for _, s := range steps {
		cum += s.bits
		k := r.GetEstimatedMatches() * math.Exp2(total-cum)
		e := &mosaicv1.TimelineEntry{PostId: s.post, At: s.at, EstimatedMatches: k, Added: s.added}
		if pop := r.GetPopulation(); pop > 0 && k > 0 {
			e.Bits = math.Max(0, math.Log2(pop/k))
		}
		out = append(out, e)
	}
	return out
}

// QueueStats counts the review queue and finds when its longest-waiting post was
// held, for the metrics. It reads only the queue index's keys (they sort by the time
// held), not the posts.
func (h *Holder) QueueStats(ctx context.Context) (telemetry.QueueStats, error) {
	var q telemetry.QueueStats
	err := h.db.View(func(txn *badger.Txn) error {
		prefix := []byte(prefixQueue)
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Rewind(); it.ValidForPrefix(prefix); it.Next() {
			if q.Held%1024 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			k := it.Item().Key()
			if len(k) < len(prefixQueue)+8 {
				continue
			}
			if q.Held == 0 {
				q.Oldest = time.Unix(0, int64(binary.BigEndian.Uint64(k[len(prefixQueue):])))
			}
			q.Held++
		}
		return nil
	})
	if err != nil {
		return telemetry.QueueStats{}, fmt.Errorf("holder: count queue: %w", err)
	}
	return q, nil
}
