// Package notice writes the messages posters receive about their posts: what was
// found (quoting the spans), why it matters (citing the guidance), what to change, and
// what happens next. Discourse tells a poster only "Post Needs Approval"; a doctor
// told why can fix the post in a minute.
package notice

import (
	"fmt"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// KindName returns a finding kind without its enum prefix ("DIRECT_IDENTIFIER").
func KindName(k mosaicv1.FindingKind) string {
	return strings.TrimPrefix(k.String(), "FINDING_KIND_")
}

// Compose returns the notice due to the author for a status, or nil when none is due
// (a release with no advice).
func Compose(st *mosaicv1.PostStatus, now time.Time) *mosaicv1.Notice {
	n := &mosaicv1.Notice{
		AuthorId:  st.GetAuthorId(),
		PostId:    st.GetPostId(),
		Revision:  st.GetRevision(),
		ForumId:   st.GetForumId(),
		Findings:  st.GetFindings(),
		CreatedAt: timestamppb.New(now),
	}
	var next string
	byModerator := st.GetDecidedBy() != "mosaic" && st.GetDecidedBy() != "" && !strings.HasPrefix(st.GetDecidedBy(), "author:")
	switch st.GetDecision() {
	case mosaicv1.Decision_DECISION_HELD:
		n.Kind = mosaicv1.NoticeKind_NOTICE_KIND_HELD
		if strings.HasPrefix(st.GetDecidedBy(), "author:") {
			// The author appealed a rejection: the post is back in the queue.
			n.Title = "Your appeal has been received: your post is back with the moderators"
			next = "What happens next: a moderator who reads your statement will review the post again and release it, ask you to edit it, or confirm the rejection. You will get a notice either way."
			break
		}
		n.Title = "Your post is held for review: " + headline(st.GetFindings())
		next = "What happens next: a moderator will review the post. You can withdraw it at any time, or wait to be asked to edit it; it will not be shown to members unless a moderator releases it."
	case mosaicv1.Decision_DECISION_RELEASED:
		advisory := advisories(st.GetFindings())
		if byModerator {
			n.Kind = mosaicv1.NoticeKind_NOTICE_KIND_RELEASED_AFTER_REVIEW
			n.Findings = advisory
			n.Title = "Your post has been released after review"
			next = "What happens next: nothing; your post is visible to members."
			if len(advisory) == 0 {
				n.Body = "A moderator reviewed your post and released it to members (" + st.GetReason() + ").\n\n" + next
				return n
			}
			next = "What happens next: nothing; your post is visible to members. Please consider the advice above in future posts."
			break
		}
		if len(advisory) == 0 {
			return nil
		}
		n.Kind = mosaicv1.NoticeKind_NOTICE_KIND_ADVISORY
		n.Findings = advisory
		n.Title = "Your post is published, with advice: " + headline(advisory)
		next = "What happens next: nothing; your post is visible to members. Please consider editing it as suggested."
	case mosaicv1.Decision_DECISION_REJECTED:
		n.Kind = mosaicv1.NoticeKind_NOTICE_KIND_REJECTED
		n.Title = "Your post was not published"
		next = "What happens next: the post will not be shown. If you think this is wrong you can appeal once, with a short statement, and a moderator will review it again."
	case mosaicv1.Decision_DECISION_RETURNED:
		n.Kind = mosaicv1.NoticeKind_NOTICE_KIND_RETURNED_FOR_EDIT
		n.Title = "Your post was returned for editing"
		next = "What happens next: edit the post as suggested and submit it again as the next revision; it is assessed like any post. You can also withdraw it."
	default:
		return nil
	}
	var b strings.Builder
	if st.GetReason() != "" && byModerator {
		fmt.Fprintf(&b, "Moderator's message: %s\n\n", st.GetReason())
	}
	for i, f := range n.Findings {
		fmt.Fprintf(&b, "%d. %s\n", i+1, describe(f))
	}
	b.WriteString("\n")
	b.WriteString(next)
	n.Body = b.String()
	return n
}

func advisories(fs []*mosaicv1.Finding) []*mosaicv1.Finding {
	var out []*mosaicv1.Finding
	for _, f := range fs {
		if f.GetSeverity() == mosaicv1.Severity_SEVERITY_ADVISORY {
			out = append(out, f)
		}
	}
	return out
}

func headline(fs []*mosaicv1.Finding) string {
	if len(fs) == 0 {
		return "it could not be assessed"
	}
	var names []string
	seen := map[mosaicv1.FindingKind]bool{}
	for _, f := range fs {
		if !seen[f.GetKind()] {
			seen[f.GetKind()] = true
			names = append(names, strings.ToLower(strings.ReplaceAll(KindName(f.GetKind()), "_", " ")))
		}
	}
	return strings.Join(names, ", ")
}

// describe renders one finding: what, where, why, what to change.
func describe(f *mosaicv1.Finding) string {
	var b strings.Builder
	b.WriteString(f.GetExplanation())
	if quotes := quoteSpans(f.GetSpans()); quotes != "" {
		fmt.Fprintf(&b, " Found: %s.", quotes)
	}
	if g := f.GetGuidance(); g != nil {
		fmt.Fprintf(&b, " Why it matters (GMC, Doctors' use of social media, %s): %q", paragraph(g.GetParagraph()), g.GetText())
	}
	if s := f.GetSuggestion(); s != "" {
		fmt.Fprintf(&b, " What to change: %s", s)
	}
	return b.String()
}

func paragraph(p string) string {
	if p != "" && p[0] >= '0' && p[0] <= '9' {
		return "paragraph " + p
	}
	return strings.ReplaceAll(p, "-", " ")
}

func quoteSpans(spans []*mosaicv1.Span) string {
	var qs []string
	seen := map[string]bool{}
	for _, s := range spans {
		t := strings.TrimSpace(s.GetText())
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		q := fmt.Sprintf("%q", t)
		if s.GetPostId() != "" {
			q += " (post " + s.GetPostId() + ")"
		}
		qs = append(qs, q)
	}
	return strings.Join(qs, ", ")
}
