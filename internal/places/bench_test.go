package places

import (
	"runtime"
	"testing"
	"time"
)

// BenchmarkDefault measures a full load of the embedded data (what Default does once)
// and the heap it keeps.
func BenchmarkDefault(b *testing.B) {
	var g *Gazetteer
	var ms runtime.MemStats
	for i := 0; i < b.N; i++ {
		var err error
		g, err = load()
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	g = nil
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	g, _ = load()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc-base)/(1<<20), "heapMB")
	runtime.KeepAlive(g)
}

// TestLoadBudget keeps the load under the package's budget (about 0.3 s and 40 MB of
// heap; BenchmarkDefault measures both), with slack on time for a busy machine.
func TestLoadBudget(t *testing.T) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	start := time.Now()
	g, err := load()
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&ms)
	heap := float64(ms.HeapAlloc-base) / (1 << 20)
	t.Logf("load %v, heap %.1f MB, %d places", took, heap, g.Len())
	if heap > 40 {
		t.Errorf("heap %.1f MB over 40 MB", heap)
	}
	if took > 2*time.Second {
		t.Errorf("load took %v", took)
	}
	runtime.KeepAlive(g)
}
