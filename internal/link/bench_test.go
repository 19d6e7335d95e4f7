package link

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/mosaicgw/mosaic/internal/extract"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Synthetic posts for the benchmark: a patient with a handful of details drawn from
// small vocabularies, so that some posts link (shared conditions, same thread) and most
// do not, as in a real author's history.
var (
	synthConditions = []struct {
		v string
		f float64
	}{{"asthma", 0.08}, {"type 2 diabetes", 0.07}, {"hypertension", 0.14}, {"copd", 0.02},
		{"multiple sclerosis", 0.002}, {"myasthenia gravis", 0.0002}, {"crohn's disease", 0.004},
		{"psoriasis", 0.03}, {"atrial fibrillation", 0.02}, {"huntington's disease", 0.0001},
		{"marfan syndrome", 0.0002}, {"depression", 0.1}, {"gout", 0.025}, {"epilepsy", 0.008}}
	synthJobs   = []string{"teacher", "farmer", "nurse", "van driver", "builder", "student", "accountant", "beekeeper"}
	synthPlaces = []struct {
		v string
		p float64
	}{{"keswick", 5000}, {"penrith", 16000}, {"lancaster", 52000}, {"leeds", 500000}, {"tain", 3500}}
)

func synthCandidate(r *rand.Rand, author, id, thread string, at time.Time) Candidate {
	var b strings.Builder
	var ds []extract.Detail
	add := func(text string, kind extract.Kind, value string, freq, pop float64, gens ...string) {
		b.WriteString("Some words about the case, ")
		start := b.Len()
		b.WriteString(text)
		ds = append(ds, extract.Detail{Kind: kind, Value: value, Start: start, End: b.Len(), Confidence: 0.9,
			Subject: extract.SubjectPatient, Frequency: freq, Population: pop, Generalisations: gens})
		b.WriteString(". ")
	}
	if r.IntN(2) == 0 {
		add("woman", extract.KindSex, "F", 0.5, 0)
	} else {
		add("man", extract.KindSex, "M", 0.5, 0)
	}
	dec := 10 * (1 + r.IntN(8))
	add(fmt.Sprintf("in her %ds", dec), extract.KindAge, fmt.Sprintf("%ds", dec), 0.13, 0, fmt.Sprintf("%d-%d", dec, dec+9), "adult")
	c := synthConditions[r.IntN(len(synthConditions))]
	add(c.v, extract.KindCondition, c.v, c.f, 0)
	if r.IntN(3) == 0 {
		j := synthJobs[r.IntN(len(synthJobs))]
		add(j, extract.KindOccupation, j, 0.005, 0)
	}
	if r.IntN(4) == 0 {
		p := synthPlaces[r.IntN(len(synthPlaces))]
		add(p.v, extract.KindPlace, p.v, p.p/67.6e6, p.p, "county", "region")
	}
	b.WriteString("What would you do? Thanks all.")
	return withCues(Candidate{PostID: id, Revision: 1, AuthorID: author, ForumID: "gp-chat", ThreadID: thread,
		Audience: mosaicv1.Audience_AUDIENCE_MEMBERS, At: at, AuthorRole: "GP", Body: b.String(), Reading: extract.Reading{Details: ds}})
}

// buildHistory gives every author n published posts. It builds a few template authors
// through the real Assess/Publish path and copies their stored state to the others
// (writing 100k × 50 posts one by one would take the benchmark's whole budget).
func buildHistory(tb testing.TB, db *badger.DB, authors, n int) {
	tb.Helper()
	ctx := context.Background()
	l, err := Open(db, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	const templates = 16
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	states := make([][]byte, templates)
	for t := range templates {
		author := fmt.Sprintf("template-%d", t)
		for i := range n {
			id := fmt.Sprintf("%s-post-%d", author, i)
			c := synthCandidate(r, author, id, fmt.Sprintf("thread-%d", i/3), base.Add(time.Duration(i)*50*time.Hour))
			if _, err := l.Assess(ctx, c); err != nil {
				tb.Fatal(err)
			}
			if err := l.Publish(ctx, author, id, 1, ""); err != nil {
				tb.Fatal(err)
			}
		}
		err := db.View(func(txn *badger.Txn) error {
			item, err := txn.Get(authorKey(author))
			if err != nil {
				return err
			}
			states[t], err = item.ValueCopy(nil)
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	wb := db.NewWriteBatch()
	for a := range authors {
		if err := wb.Set(authorKey(fmt.Sprintf("author-%d", a)), states[a%templates]); err != nil {
			tb.Fatal(err)
		}
	}
	if err := wb.Flush(); err != nil {
		tb.Fatal(err)
	}
	var size int
	for _, s := range states {
		size += len(s)
	}
	tb.Logf("history: %d authors × %d posts; mean stored author state %d bytes", authors, n, size/templates)
}

// The history is built once per process (the benchmark function runs several times while
// the framework sizes b.N) and removed by TestMain.
var (
	benchOnce sync.Once
	benchDB   *badger.DB
	benchDir  string
)

func benchHistory(b *testing.B, authors, n int) *badger.DB {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "mosaic-link-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
		benchDB, err = badger.Open(badger.DefaultOptions(dir).WithLogger(nil).WithValueThreshold(1 << 10))
		if err != nil {
			b.Fatal(err)
		}
		buildHistory(b, benchDB, authors, n)
	})
	if benchDB == nil {
		b.Fatal("no benchmark history")
	}
	return benchDB
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDB != nil {
		benchDB.Close()
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// BenchmarkAssess measures assessing (and then publishing) a post for a random author
// among 100k, each with 50 published posts of history. It reports posts/s and the p99
// latency of one assessment. Run on two cores:
//
//	go test -run XXX -bench Assess -benchtime 20000x -cpu 2 ./internal/link/
//
// MOSAIC_BENCH_AUTHORS overrides the number of authors (default 100000) and
// MOSAIC_BENCH_HISTORY the published posts per author (default 50), to show that the cost
// of a post does not grow with the author's history.
func BenchmarkAssess(b *testing.B) {
	authors := 100_000
	if v := os.Getenv("MOSAIC_BENCH_AUTHORS"); v != "" {
		fmt.Sscan(v, &authors)
	}
	history := 50
	if v := os.Getenv("MOSAIC_BENCH_HISTORY"); v != "" {
		fmt.Sscan(v, &history)
	}
	db := benchHistory(b, authors, history)
	l, err := Open(db, Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var seq atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	at := time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)
	b.ResetTimer()
	cpu0 := cpuTime()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		r := rand.New(rand.NewPCG(uint64(seq.Add(1)), 7))
		var mine []time.Duration
		for pb.Next() {
			n := seq.Add(1)
			// Authors are partitioned between workers, so one author's posts are
			// serialised as the linker serialises them.
			author := fmt.Sprintf("author-%d", r.IntN(authors))
			id := fmt.Sprintf("new-%d", n)
			c := synthCandidate(r, author, id, fmt.Sprintf("new-thread-%d", n%97), at)
			t0 := time.Now()
			res, err := l.Assess(ctx, c)
			mine = append(mine, time.Since(t0))
			if err != nil {
				b.Error(err)
				return
			}
			if len(res.Findings) > 0 {
				err = l.Discard(ctx, author, id, 1)
			} else {
				err = l.Publish(ctx, author, id, 1, "")
			}
			if err != nil && !strings.Contains(err.Error(), "Conflict") {
				b.Error(err)
				return
			}
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	el := time.Since(start)
	cpu := cpuTime() - cpu0
	b.StopTimer()
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(len(lat))/el.Seconds(), "posts/s")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-assess-µs")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-assess-µs")
	// CPU time per post (assess and publish, Badger's background work included) is what
	// the machine's other load does not distort: 2 cores give at most 2 s of it a second.
	b.ReportMetric(float64(cpu.Microseconds())/float64(len(lat)), "cpu-µs/post")
}
