package extract

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestDetailsOutliveLaterCalls checks that the details returned for one text do not
// change when the extractor goes on to other texts: the scanner's buffers are pooled
// and reused, so any string a detail keeps must not point into them.
func TestDetailsOutliveLaterCalls(t *testing.T) {
	ex := newTestExtractor(t)
	ctx := Context{At: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	texts := append(slices.Clone(benchPosts), "son rob lives in Leeds, wife CAROL SMITH aware. Transferred to Quartermain 2 then st agnes.",
		"Mrs Pauline Hartley (wife of Mr hartley) was seen at Furness General Hospital; hartley aware.",
		"Follow-up – spoke with wife carol today; mr quartermain ‘aware’ and went to st agnes hospital.",
		"pager: bleep 12345. nhs no 943 476 5919, lives at 14 larch close, postcode ca12 4qr, tel 0161 496 0000, 63yo.")
	got := make([][]Detail, len(texts))
	want := make([]string, len(texts))
	for i, x := range texts {
		got[i] = ex.Extract(x, ctx)
		want[i] = fmt.Sprintf("%#v", got[i])
	}
	// Reuse the pooled scanner over other texts, in another order.
	for i := len(texts) - 1; i >= 0; i-- {
		ex.Extract(texts[i]+" "+texts[(i+1)%len(texts)], ctx)
	}
	n := 0
	for i := range texts {
		n += len(got[i])
		if s := fmt.Sprintf("%#v", got[i]); s != want[i] {
			t.Errorf("text %d: details changed after later calls:\nbefore %s\nafter  %s", i, want[i], s)
		}
	}
	if n == 0 {
		t.Fatal("no details found: the check would prove nothing")
	}
}

// TestResultsDoNotShareCapacity checks that results carved from one slab are
// independent: appending to one result must not write into the next one's details.
func TestResultsDoNotShareCapacity(t *testing.T) {
	ex := newTestExtractor(t)
	ctx := Context{At: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	a := ex.Extract("Mrs Pauline Hartley, 63, NHS no 943 476 5919, lives in Leeds.", ctx)
	b := ex.Extract("Mr Graham Pilkington, 71, moved to Keswick last year.", ctx)
	if len(a) == 0 || len(b) == 0 {
		t.Fatal("no details found: the check would prove nothing")
	}
	if cap(a) != len(a) {
		t.Errorf("result capacity %d exceeds its length %d", cap(a), len(a))
	}
	before := fmt.Sprintf("%#v", b)
	a = append(a, Detail{Kind: KindPlace, Value: "intruder"})
	a[0].Value = "changed"
	if after := fmt.Sprintf("%#v", b); after != before {
		t.Errorf("appending to one result changed another:\nbefore %s\nafter  %s", before, after)
	}
}
