package console_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/mosaicgw/mosaic/services/holder"
)

// chromium finds the browser: $MOSAIC_CHROMIUM, or chromium on the PATH (Debian's
// package installs /usr/bin/chromium; .ci/run installs it).
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("MOSAIC_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("skipping the browser test: no chromium found (apt-get install -y chromium, or set MOSAIC_CHROMIUM); .ci/run installs it")
	return ""
}

// screenshotDir is where the test keeps its screenshots: $MOSAIC_SCREENSHOT_DIR, or a
// mosaic-console-screenshots folder in the system temp dir, so the artefact outlives
// the test's own temp dir.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("MOSAIC_SCREENSHOT_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "mosaic-console-screenshots")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowserReviewsACumulativeHold drives headless Chromium through the console: sign
// in, see the overdue hold escalated, sort the queue by risk, open the held cumulative
// post with its identifying spans masked, reveal one (and see the reveal in the audit
// history), choose the release action and see only its form, release the post, see it
// leave the queue and appear in the Reviewed tab. Screenshots of each step are kept.
func TestBrowserReviewsACumulativeHold(t *testing.T) {
	exe := chromium(t)
	f := newFixture(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	defer cancelTab()
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	var (
		byAge, byRisk                       []string
		overdue                             []string
		marksBefore, masked, marksAfter     []string
		revealAudit                         []string
		formsBefore, formsChosen            []string
		pageHeight                          int
		flash                               string
		rowsBefore, rowsAfter               int
		reviewed                            []string
		queueShot, maskedShot, revealedShot []byte
		chosenShot, afterShot, reviewedShot []byte
	)
	rowIDs := `[...document.querySelectorAll('#queue tbody tr')].map(r => r.dataset.post)`
	err := chromedp.Run(ctx,
		chromedp.Navigate(f.srv.URL+"/queue"),
		chromedp.WaitVisible(`#login`, chromedp.ByQuery),
		chromedp.SendKeys(`#moderator`, "mod-ana", chromedp.ByQuery),
		chromedp.SendKeys(`#secret`, anaPassword, chromedp.ByQuery),
		chromedp.Click(`#sign-in`, chromedp.ByQuery),
		chromedp.WaitVisible(`#queue`, chromedp.ByQuery),
		chromedp.Evaluate(rowIDs, &byAge),
		chromedp.Evaluate(`[...document.querySelectorAll('#queue .overdue')].map(e => e.closest('tr').dataset.post)`, &overdue),
		chromedp.Evaluate(`document.querySelectorAll('#queue tbody tr').length`, &rowsBefore),
		chromedp.Click(`#sort-risk`, chromedp.ByQuery),
		chromedp.WaitVisible(`#sort-risk.current`, chromedp.ByQuery),
		chromedp.Evaluate(rowIDs, &byRisk),
		chromedp.FullScreenshot(&queueShot, 100),

		chromedp.Click(`tr[data-post="p-held"] a`, chromedp.ByQuery),
		chromedp.WaitVisible(`#post-body`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('mark')].map(m => m.textContent)`, &marksBefore),
		chromedp.Evaluate(`[...document.querySelectorAll('#post-body button.masked')].map(b => b.textContent)`, &masked),
		chromedp.Evaluate(`[...document.querySelectorAll('form.action-form')].map(f => f.id)`, &formsBefore),
		chromedp.FullScreenshot(&maskedShot, 100),
		chromedp.Click(`#post-body button.masked[data-kind="condition"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#post-body mark`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('#post-body mark')].map(m => m.textContent)`, &marksAfter),
		chromedp.Evaluate(`[...document.querySelectorAll('#audit tbody tr')].map(r => r.textContent).filter(t => t.includes('revealed'))`, &revealAudit),
		chromedp.FullScreenshot(&revealedShot, 100),

		chromedp.Click(`#choose-release`, chromedp.ByQuery),
		chromedp.WaitVisible(`#form-release`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('form.action-form')].map(f => f.id)`, &formsChosen),
		chromedp.Evaluate(`document.documentElement.scrollHeight`, &pageHeight),
		chromedp.FullScreenshot(&chosenShot, 100),
		chromedp.Click(`#release-btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`#flash`, chromedp.ByQuery),
		chromedp.Text(`#flash`, &flash, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('#queue tbody tr').length`, &rowsAfter),
		chromedp.FullScreenshot(&afterShot, 100),

		chromedp.Click(`#tab-reviewed`, chromedp.ByQuery),
		chromedp.WaitVisible(`#reviewed`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('#reviewed tbody tr')].map(r => r.dataset.post + ' ' + r.querySelector('.decision').textContent + ' ' + r.querySelector('.by').textContent)`, &reviewed),
		chromedp.FullScreenshot(&reviewedShot, 100),
	)
	dir := screenshotDir(t)
	stamp := time.Now().UTC().Format("20060102T150405")
	for name, img := range map[string][]byte{"1-queue-by-risk": queueShot, "2-post-masked": maskedShot, "3-post-revealed": revealedShot,
		"4-release-chosen": chosenShot, "5-queue-after-release": afterShot, "6-reviewed": reviewedShot} {
		if len(img) == 0 {
			continue
		}
		p := filepath.Join(dir, "console-"+stamp+"-"+name+".png")
		if werr := os.WriteFile(p, img, 0o644); werr != nil {
			t.Errorf("write screenshot: %v", werr)
		} else {
			t.Logf("screenshot: %s", p)
		}
	}
	if err != nil {
		t.Fatalf("browser: %v", err)
	}

	if got := strings.Join(byAge, ","); got != "c1,d1,p-held" {
		t.Errorf("queue by age: %s", got)
	}
	if got := strings.Join(byRisk, ","); got != "d1,p-held,c1" {
		t.Errorf("queue by risk: %s (want the direct identifier, then the cumulative hold, then the conduct hold)", got)
	}
	if got := strings.Join(overdue, ","); got != "c1" {
		t.Errorf("overdue holds: %q, want c1 only (held 5 hours, target 4)", got)
	}
	if len(marksBefore) != 0 {
		t.Errorf("spans shown before any reveal: %q", marksBefore)
	}
	joined := strings.Join(masked, "|")
	for _, want := range []string{"[condition]", "[age", "[occupation]"} {
		if !strings.Contains(joined, want) {
			t.Errorf("masked spans %q, missing %q", masked, want)
		}
	}
	if len(formsBefore) != 0 {
		t.Errorf("action forms shown before an action is chosen: %q", formsBefore)
	}
	if got := strings.Join(marksAfter, "|"); got != "Erdheim-Chester disease" {
		t.Errorf("after revealing the condition the post shows %q", got)
	}
	if len(revealAudit) != 1 || !strings.Contains(revealAudit[0], "mod-ana") || !strings.Contains(revealAudit[0], "revealed condition") {
		t.Errorf("audit rows of the reveal: %q", revealAudit)
	}
	if got := strings.Join(formsChosen, ","); got != "form-release" {
		t.Errorf("forms shown with release chosen: %q", got)
	}
	t.Logf("post page with the release form chosen: %d px tall", pageHeight)
	if !strings.Contains(flash, "released p-held") {
		t.Errorf("flash after release: %q", flash)
	}
	if rowsBefore != 3 || rowsAfter != 2 {
		t.Errorf("queue rows: %d before, %d after release; want 3 then 2", rowsBefore, rowsAfter)
	}
	if got := strings.Join(reviewed, "|"); got != "p-held RELEASED mod-ana" {
		t.Errorf("reviewed tab: %q", got)
	}
	st, err := f.h.Status("p-held", 0)
	if err != nil || st.DecidedBy != "mod-ana" || st.Decision.String() != "DECISION_RELEASED" {
		t.Fatalf("status after the browser's release: %v %v", st, err)
	}
	entries, ok, _ := f.h.AuditHistory(holder.Reviewer{ID: "t", Forums: []string{"*"}}, "p-held")
	if !ok || entries[len(entries)-1].Actor != "mod-ana" || entries[len(entries)-1].Action != holder.ActionReleased {
		t.Fatalf("audit after the browser's release: %v", entries)
	}
}
