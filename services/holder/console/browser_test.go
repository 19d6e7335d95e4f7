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
// in, open the held cumulative post, see the highlighted spans in both posts, release
// it, and see it leave the queue.
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
		chromedp.WindowSize(1280, 1600),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	defer cancelTab()
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	var heldMarks, linkedMarks []string
	var detail, queueAfter []byte
	var flash string
	var rowsBefore, rowsAfter int
	err := chromedp.Run(ctx,
		chromedp.Navigate(f.srv.URL+"/queue"),
		chromedp.WaitVisible(`#login`, chromedp.ByQuery),
		chromedp.SendKeys(`#moderator`, "mod-ana", chromedp.ByQuery),
		chromedp.SendKeys(`#secret`, anaPassword, chromedp.ByQuery),
		chromedp.Click(`#sign-in`, chromedp.ByQuery),
		chromedp.WaitVisible(`#queue`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('#queue tbody tr').length`, &rowsBefore),
		chromedp.Click(`tr[data-post="p-held"] a`, chromedp.ByQuery),
		chromedp.WaitVisible(`#post-body`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('#post-body mark[data-post="p-held"]')].map(m => m.textContent)`, &heldMarks),
		chromedp.Evaluate(`[...document.querySelectorAll('.linked-post mark[data-post="p-early"]')].map(m => m.textContent)`, &linkedMarks),
		chromedp.FullScreenshot(&detail, 100),
		chromedp.Click(`#release-btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`#flash`, chromedp.ByQuery),
		chromedp.Text(`#flash`, &flash, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('#queue tbody tr').length`, &rowsAfter),
		chromedp.FullScreenshot(&queueAfter, 100),
	)
	dir := screenshotDir(t)
	stamp := time.Now().UTC().Format("20060102T150405")
	for name, img := range map[string][]byte{"held-post": detail, "queue-after-release": queueAfter} {
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

	joined := strings.Join(heldMarks, "|")
	for _, want := range []string{"Erdheim-Chester disease", "94-year-old", "lighthouse keeper"} {
		if !strings.Contains(joined, want) {
			t.Errorf("held post highlights %q, missing %q", heldMarks, want)
		}
	}
	joined = strings.Join(linkedMarks, "|")
	for _, want := range []string{"Keswick", "lighthouse keeper", "94"} {
		if !strings.Contains(joined, want) {
			t.Errorf("earlier post highlights %q, missing %q", linkedMarks, want)
		}
	}
	if !strings.Contains(flash, "released p-held") {
		t.Errorf("flash after release: %q", flash)
	}
	if rowsBefore != 2 || rowsAfter != 1 {
		t.Errorf("queue rows: %d before, %d after release; want 2 then 1", rowsBefore, rowsAfter)
	}
	var stillQueued int
	_ = chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll('tr[data-post="p-held"]').length`, &stillQueued))
	if stillQueued != 0 {
		t.Errorf("p-held is still in the queue after release")
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
