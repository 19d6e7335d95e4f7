package notice_test

import (
	"strings"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/notice"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

func finding(sev mosaicv1.Severity) *mosaicv1.Finding {
	return &mosaicv1.Finding{Kind: mosaicv1.FindingKind_FINDING_KIND_DIRECT_IDENTIFIER, Severity: sev,
		Explanation: "The post gives a patient's NHS number.",
		Spans:       []*mosaicv1.Span{{PostId: "p1", Text: "943 476 5919"}},
		Guidance:    &mosaicv1.Guidance{Paragraph: "confidentiality", Text: "Patients' information is confidential."},
		Suggestion:  "Remove the NHS number."}
}

func TestComposeSaysWhatWhyWhatToChangeAndNext(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	hold := []*mosaicv1.Finding{finding(mosaicv1.Severity_SEVERITY_HOLD)}
	cases := []struct {
		name string
		st   *mosaicv1.PostStatus
		kind mosaicv1.NoticeKind
		want []string
	}{
		{"held", &mosaicv1.PostStatus{Decision: mosaicv1.Decision_DECISION_HELD, DecidedBy: "mosaic", Findings: hold},
			mosaicv1.NoticeKind_NOTICE_KIND_HELD, []string{`"943 476 5919"`, "confidentiality", "Remove the NHS number.", "What happens next: a moderator"}},
		{"rejected", &mosaicv1.PostStatus{Decision: mosaicv1.Decision_DECISION_REJECTED, DecidedBy: "mod-ana", Reason: "Not published because of X.", Findings: hold},
			mosaicv1.NoticeKind_NOTICE_KIND_REJECTED, []string{"Moderator's message: Not published because of X.", "appeal once"}},
		{"returned", &mosaicv1.PostStatus{Decision: mosaicv1.Decision_DECISION_RETURNED, DecidedBy: "mod-ana", Reason: "Drop the number.", Findings: hold},
			mosaicv1.NoticeKind_NOTICE_KIND_RETURNED_FOR_EDIT, []string{"Moderator's message: Drop the number.", "next revision"}},
		{"appealed", &mosaicv1.PostStatus{Decision: mosaicv1.Decision_DECISION_HELD, DecidedBy: "author:dr-a", Reason: "appealed by the author", Findings: hold},
			mosaicv1.NoticeKind_NOTICE_KIND_HELD, []string{"review the post again"}},
		{"released after review", &mosaicv1.PostStatus{Decision: mosaicv1.Decision_DECISION_RELEASED, DecidedBy: "mod-ana", Reason: "released by a moderator after review", Findings: hold},
			mosaicv1.NoticeKind_NOTICE_KIND_RELEASED_AFTER_REVIEW, []string{"released it to members"}},
		{"advisory", &mosaicv1.PostStatus{Decision: mosaicv1.Decision_DECISION_RELEASED, DecidedBy: "mosaic", Findings: []*mosaicv1.Finding{finding(mosaicv1.Severity_SEVERITY_ADVISORY)}},
			mosaicv1.NoticeKind_NOTICE_KIND_ADVISORY, []string{"Remove the NHS number.", "visible to members"}},
	}
	for _, c := range cases {
		n := notice.Compose(c.st, now)
		if n == nil || n.Kind != c.kind {
			t.Fatalf("%s: notice %v, want kind %s", c.name, n, c.kind)
		}
		for _, w := range c.want {
			if !strings.Contains(n.Body, w) {
				t.Errorf("%s: body lacks %q:\n%s", c.name, w, n.Body)
			}
		}
		if c.name == "appealed" && (strings.Contains(n.Body, "Moderator's message") || !strings.Contains(n.Title, "appeal")) {
			t.Errorf("appeal notice: %q\n%s", n.Title, n.Body)
		}
	}
	if n := notice.Compose(&mosaicv1.PostStatus{Decision: mosaicv1.Decision_DECISION_RELEASED, DecidedBy: "mosaic"}, now); n != nil {
		t.Errorf("a plain automatic release needs no notice: %v", n)
	}
}
