package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/eval"
)

// The project's own labelled scenario corpora, replayed through the real pipeline the
// way `go run ./gateway eval --scenarios FILE` replays one file: startPipeline (embedded
// NATS, Badger in a temporary directory, gRPC on a loopback port) and
// eval.ReplayScenarios. All six files go through one pipeline, one after another; their
// scenario ids are distinct (checked below), and authors and threads are scoped to
// their scenario, so each file's figures are those of a run of its own.
var ownCorpora = []struct{ name, split string }{
	{"own-a-tune", "tune"},
	{"own-b-tune", "tune"},
	{"own-c-tune", "tune"},
	{"own-d-tune", "tune"},
	{"own-a-holdout", "holdout"},
	{"own-b-holdout", "holdout"},
	{"own-c-holdout", "holdout"},
	{"own-d-holdout", "holdout"},
}

const ownCorpusDir = "../internal/eval/testdata"

// The shared dev sets, outside the repository (absent in CI): figures are logged, not
// guarded.
var sharedDevSets = []string{"scenarios-dev", "scenarios-dev2"}

const sharedEvalDir = "../../shared/eval"

// Regression guards, NOT targets: today's figures minus a small margin (recall,
// accuracy and invariance 0.05 below, false-hold rate 0.03 above), so that a change
// that makes the pipeline worse on its own corpora fails the suite. They guard the
// totals of each split, not single files (a file's holdout has ~30 holds, so one post
// moves its recall by 0.03). Raise them when the figures improve; lowering one needs a
// reason in the commit that does it. The holdout files are replayed only: nothing is
// tuned to them.
//
// Measured on 2026-12-06 after the second stop's reading changes (own-d added that
// day: its figures before any tuning on own-d-tune were tune 0.587/0.075, holdout
// 0.567/0.020), identical over repeated runs, with
//
//	go test -count=1 -run 'TestOwnScenarioFigures|TestParaphraseInvariance' -v ./gateway
//
// Each file's figures are those of `go run ./gateway eval --scenarios
// internal/eval/testdata/FILE.jsonl`:
//
//	file           scenarios posts  hold recall   false-hold rate  scenario accuracy
//	own-a-tune        73      166   1.000 57/57   0.009   1/109    0.986  72/73
//	own-b-tune        73      167   0.982 54/55   0.009   1/112    0.973  71/73
//	own-c-tune        73      163   0.926 50/54   0.037   4/109    0.918  67/73
//	own-d-tune        66      195   0.840 63/75   0.033   4/120    0.773  51/66
//	tune total       285      691   0.929 224/241 0.022  10/450    0.916 261/285
//	own-a-holdout     38       87   0.742 23/31   0.107   6/56     0.684  26/38
//	own-b-holdout     37       96   0.690 20/29   0.030   2/67     0.703  26/37
//	own-c-holdout     37       80   0.567 17/30   0.040   2/50     0.622  23/37
//	own-d-holdout     30       81   0.567 17/30   0.020   1/51     0.567  17/30
//	holdout total    142      344   0.642 77/120  0.049  11/224    0.648  92/142
//
//	paraphrase invariance: tune 0.946 (491/519 pairs, 61 groups),
//	                       holdout 0.812 (207/255 pairs, 31 groups)
//
// The holdout floors are lower than before own-d: its fresh holdout third (never
// tuned on) decides worse than the older thirds, not because anything regressed.
var ownFloors = map[string]struct {
	recall, falseHold, accuracy, invariance float64
}{
	"tune":    {recall: 0.929 - 0.05, falseHold: 0.022 + 0.03, accuracy: 0.916 - 0.05, invariance: 0.946 - 0.05},
	"holdout": {recall: 0.642 - 0.05, falseHold: 0.049 + 0.03, accuracy: 0.648 - 0.05, invariance: 0.812 - 0.05},
}

// replayedFile is one scenario file and what the pipeline decided on each post.
type replayedFile struct {
	name, split string
	scenarios   []eval.Scenario
	report      eval.ScenarioReport
	got         map[string][]string // scenario id -> "hold", "release" or "pending" per post
}

// tally counts decisions against labels.
type tally struct {
	scenarios, correctScenarios, posts                int
	expectedHolds, held, expectedReleases, falseHolds int
	undecided                                         int
}

func (t *tally) add(f *replayedFile) {
	for _, s := range f.scenarios {
		t.scenarios++
		right := true
		for i, p := range s.Posts {
			t.posts++
			got := f.got[s.ID][i]
			switch p.Expect {
			case "hold":
				t.expectedHolds++
				if got == "hold" {
					t.held++
				}
			case "release":
				t.expectedReleases++
				if got == "hold" {
					t.falseHolds++
				}
			}
			if got == "pending" {
				t.undecided++
			}
			if got != p.Expect {
				right = false
			}
		}
		if right {
			t.correctScenarios++
		}
	}
}

func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (t tally) recall() float64    { return frac(t.held, t.expectedHolds) }
func (t tally) falseHold() float64 { return frac(t.falseHolds, t.expectedReleases) }
func (t tally) accuracy() float64  { return frac(t.correctScenarios, t.scenarios) }

func (t tally) String() string {
	return fmt.Sprintf("scenarios %3d  posts %3d  hold recall %.3f (%d/%d)  false-hold rate %.3f (%d/%d)  scenario accuracy %.3f (%d/%d)",
		t.scenarios, t.posts, t.recall(), t.held, t.expectedHolds, t.falseHold(), t.falseHolds, t.expectedReleases,
		t.accuracy(), t.correctScenarios, t.scenarios)
}

// replayFiles reads the files, starts one pipeline and replays them through it in order.
// The pipeline's warnings and the replay's per-post lines are returned as the log.
func replayFiles(paths, names, splits []string) ([]*replayedFile, string, error) {
	var files []*replayedFile
	seen := map[string]string{}
	for i, path := range paths {
		scs, err := eval.ReadScenarios(path)
		if err != nil {
			return nil, "", err
		}
		for _, s := range scs {
			// Post ids derive from scenario ids: a repeat would be taken as a resubmission.
			if other, dup := seen[s.ID]; dup {
				return nil, "", fmt.Errorf("scenario id %s is in both %s and %s: replay them through separate pipelines", s.ID, other, names[i])
			}
			seen[s.ID] = names[i]
		}
		files = append(files, &replayedFile{name: names[i], split: splits[i], scenarios: scs})
	}

	var log lockedBuffer
	logger := slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	start := time.Now()
	client, cleanup, err := startPipeline(ctx, logger, "")
	if err != nil {
		return nil, log.String(), err
	}
	defer cleanup()
	fmt.Fprintf(&log, "pipeline started in %s\n", time.Since(start).Round(time.Millisecond))
	for _, f := range files {
		var out bytes.Buffer
		f.report, err = eval.ReplayScenarios(ctx, client, f.scenarios, &out, 30*time.Second, false)
		if err != nil {
			return nil, log.String(), fmt.Errorf("%s: %w", f.name, err)
		}
		fmt.Fprintf(&log, "%s replayed after %s\n", f.name, time.Since(start).Round(time.Millisecond))
		if f.got, err = parseReplay(out.String(), f.scenarios); err != nil {
			return nil, log.String(), fmt.Errorf("%s: %w", f.name, err)
		}
		// The per-post decisions read back must give ReplayScenarios' own figures.
		var t tally
		t.add(f)
		r := f.report
		if t.scenarios != r.Scenarios || t.posts != r.Posts || t.held != r.Held || t.expectedHolds != r.ExpectedHolds ||
			t.falseHolds != r.FalseHolds || t.expectedReleases != r.ExpectedReleases || t.undecided != r.Undecided ||
			t.accuracy() != r.ScenarioAccuracy {
			return nil, log.String(), fmt.Errorf("%s: decisions read from the replay's lines (%v) disagree with its report %+v", f.name, t, r)
		}
	}
	return files, log.String(), nil
}

// parseReplay reads ReplayScenarios' per-post lines ("ID\t#i\texpect=…\tgot=…\t…").
func parseReplay(out string, scs []eval.Scenario) (map[string][]string, error) {
	got := map[string][]string{}
	for _, s := range scs {
		got[s.ID] = make([]string, len(s.Posts))
	}
	n := 0
	for line := range strings.Lines(out) {
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(f) < 4 || !strings.HasPrefix(f[1], "#") || !strings.HasPrefix(f[3], "got=") {
			continue
		}
		var i int
		if _, err := fmt.Sscanf(f[1], "#%d", &i); err != nil {
			return nil, fmt.Errorf("replay line %q: %w", line, err)
		}
		posts, ok := got[f[0]]
		if !ok || i < 0 || i >= len(posts) || posts[i] != "" {
			return nil, fmt.Errorf("replay line %q names no post of the file, or one twice", line)
		}
		posts[i] = strings.TrimPrefix(f[3], "got=")
		n++
	}
	for id, posts := range got {
		for i, d := range posts {
			if d == "" {
				return nil, fmt.Errorf("no replay line for scenario %s post %d (read %d lines)", id, i, n)
			}
		}
	}
	return got, nil
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// ownReplay is the one replay of the own corpora that the tests below share.
var ownReplay = sync.OnceValues(func() ([]*replayedFile, error) {
	var paths, names, splits []string
	for _, c := range ownCorpora {
		paths = append(paths, filepath.Join(ownCorpusDir, c.name+".jsonl"))
		names = append(names, c.name)
		splits = append(splits, c.split)
	}
	start := time.Now()
	files, log, err := replayFiles(paths, names, splits)
	ownReplayLog = fmt.Sprintf("replayed %d files in %s\n%s", len(paths), time.Since(start).Round(time.Millisecond), log)
	return files, err
})

var ownReplayLog string

func ownFiles(t *testing.T) []*replayedFile {
	t.Helper()
	files, err := ownReplay()
	t.Log(strings.TrimSpace(ownReplayLog))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestOwnScenarioFigures replays the own corpora end to end and guards the figures
// against regression (see ownFloors).
func TestOwnScenarioFigures(t *testing.T) {
	files := ownFiles(t)
	totals := map[string]*tally{"tune": {}, "holdout": {}}
	for _, f := range files {
		var one tally
		one.add(f)
		totals[f.split].add(f)
		t.Logf("%-14s %v", f.name, one)
	}
	for _, split := range []string{"tune", "holdout"} {
		tot, fl := totals[split], ownFloors[split]
		t.Logf("%-14s %v", split+" total", tot)
		if tot.undecided > 0 {
			t.Errorf("%s: %d posts had no decision within 30 s", split, tot.undecided)
		}
		if r := tot.recall(); r < fl.recall {
			t.Errorf("%s: hold recall %.3f below the regression floor %.3f", split, r, fl.recall)
		}
		if r := tot.falseHold(); r > fl.falseHold {
			t.Errorf("%s: false-hold rate %.3f above the regression ceiling %.3f", split, r, fl.falseHold)
		}
		if r := tot.accuracy(); r < fl.accuracy {
			t.Errorf("%s: scenario accuracy %.3f below the regression floor %.3f", split, r, fl.accuracy)
		}
	}
}

// TestParaphraseInvariance checks that rewordings of one case get the same decisions.
// Scenarios tagged with the same "para:<X>-gNN" are rewordings of each other; for each
// post index, every pair of members should have been decided alike. Pairs whose labels
// differ at that index are not counted (there are none today).
func TestParaphraseInvariance(t *testing.T) {
	files := ownFiles(t)
	type member struct {
		id     string
		expect []string
		got    []string
	}
	type group struct {
		split   string
		members []member
	}
	groups := map[string]*group{}
	for _, f := range files {
		for _, s := range f.scenarios {
			for _, tag := range s.Tags {
				if !strings.HasPrefix(tag, "para:") {
					continue
				}
				g := groups[tag]
				if g == nil {
					g = &group{split: f.split}
					groups[tag] = g
				}
				if g.split != f.split {
					t.Fatalf("paraphrase group %s spans tune and holdout", tag)
				}
				var expect []string
				for _, p := range s.Posts {
					expect = append(expect, p.Expect)
				}
				g.members = append(g.members, member{s.ID, expect, f.got[s.ID]})
			}
		}
	}
	tags := make([]string, 0, len(groups))
	for tag := range groups {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	pairs := map[string]int{}
	agree := map[string]int{}
	nGroups := map[string]int{}
	unlabelled := 0
	for _, tag := range tags {
		g := groups[tag]
		if len(g.members) < 2 {
			t.Errorf("paraphrase group %s has %d member", tag, len(g.members))
			continue
		}
		nGroups[g.split]++
		var split []string
		for a := 0; a < len(g.members); a++ {
			for b := a + 1; b < len(g.members); b++ {
				ma, mb := g.members[a], g.members[b]
				for i := 0; i < len(ma.got) && i < len(mb.got); i++ {
					if ma.expect[i] != mb.expect[i] {
						unlabelled++
						continue
					}
					pairs[g.split]++
					if ma.got[i] == mb.got[i] {
						agree[g.split]++
					} else {
						split = append(split, fmt.Sprintf("%s/%s#%d %s/%s", ma.id, mb.id, i, ma.got[i], mb.got[i]))
					}
				}
			}
		}
		if len(split) > 0 {
			t.Logf("%s: decided differently: %s", tag, strings.Join(split, "; "))
		}
	}
	if unlabelled > 0 {
		t.Logf("%d pairs not counted: their labels differ", unlabelled)
	}
	for _, split := range []string{"tune", "holdout"} {
		rate := frac(agree[split], pairs[split])
		t.Logf("%-8s paraphrase invariance %.3f (%d/%d pairs agree, %d groups)", split, rate, agree[split], pairs[split], nGroups[split])
		if pairs[split] == 0 {
			t.Errorf("%s: no paraphrase pairs found", split)
			continue
		}
		if fl := ownFloors[split].invariance; rate < fl {
			t.Errorf("%s: paraphrase invariance %.3f below the regression floor %.3f", split, rate, fl)
		}
	}
}

// TestSharedDevScenarioFigures logs the figures of the shared dev sets when they are
// there (../shared/eval beside the repository; not in CI). No floors: they are the
// lead's measuring sets.
func TestSharedDevScenarioFigures(t *testing.T) {
	var paths, names, splits []string
	for _, name := range sharedDevSets {
		path := filepath.Join(sharedEvalDir, name+".jsonl")
		if _, err := os.Stat(path); err != nil {
			continue
		}
		paths = append(paths, path)
		names = append(names, name)
		splits = append(splits, "dev")
	}
	if len(paths) == 0 {
		t.Skip("no shared dev sets at " + sharedEvalDir)
	}
	start := time.Now()
	files, log, err := replayFiles(paths, names, splits)
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	t.Logf("replayed %d files in %s", len(paths), time.Since(start).Round(time.Millisecond))
	for _, f := range files {
		var one tally
		one.add(f)
		t.Logf("%-14s %v", f.name, one)
	}
}
