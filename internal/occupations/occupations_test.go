package occupations

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// Rare and local jobs: found, with a count a person would believe (a few people to a few
// tens of thousands in the UK), and flagged as estimates.
func TestRareJobs(t *testing.T) {
	x := Default()
	for _, title := range []string{"farrier", "ghillie", "wheelwright", "falconer", "coxswain", "precentor",
		"harbourmaster", "distillery manager", "crossing patrol officer", "ferry skipper", "greenkeeper", "beekeeper"} {
		o, ok := x.Lookup(title)
		if !ok {
			t.Errorf("Lookup(%q) found nothing", title)
			continue
		}
		if o.Count < 5 || o.Count > 20000 {
			t.Errorf("Lookup(%q) = %s %q with %.0f people, want between 5 and 20,000", title, o.SOC, o.Title, o.Count)
		}
		if !o.Estimated {
			t.Errorf("Lookup(%q): a title's share of its unit group should be flagged Estimated", title)
		}
		if len(o.SOC) != 4 || o.Group == "" {
			t.Errorf("Lookup(%q) = SOC %q group %q, want a unit group", title, o.SOC, o.Group)
		}
	}
}

// The ONS places these titles itself; the index must keep its unit groups.
func TestONSUnitGroups(t *testing.T) {
	x := Default()
	for title, soc := range map[string]string{"farrier": "5212", "greenkeeper": "5114", "trawler skipper": "5119",
		"bee farmer": "5119", "shopkeeper": "7131", "head teacher": "2321", "police officer": "3312", "farmer": "5111"} {
		o, ok := x.Lookup(title)
		if !ok || o.SOC != soc || o.Mapped {
			t.Errorf("Lookup(%q) = %+v, %v; want the ONS unit group %s", title, o, ok, soc)
		}
	}
	// Composed and rank-prefixed titles stay with the title they qualify.
	if o, ok := x.Lookup("head greenkeeper"); !ok || o.SOC != "5114" || !o.Mapped {
		t.Errorf("Lookup(head greenkeeper) = %+v, %v; want a composed title in 5114", o, ok)
	}
	if o, ok := x.Lookup("crossing patrol officer"); !ok || o.SOC != "9232" {
		t.Errorf("Lookup(crossing patrol officer) = %+v, %v; want 9232 (school crossing patrol)", o, ok)
	}
	if o, ok := x.Lookup("sheep farmer"); !ok || o.SOC != "5111" {
		t.Errorf("Lookup(sheep farmer) = %+v, %v; want 5111 (farmers)", o, ok)
	}
	if o, ok := x.Lookup("harbourmaster"); !ok || o.SOC[:1] != "3" && o.SOC[:1] != "1" {
		t.Errorf("Lookup(harbourmaster) = %+v, %v; want a ship officer or a transport manager", o, ok)
	}
}

func TestUnique(t *testing.T) {
	x := Default()
	for _, title := range []string{"headteacher", "harbourmaster", "postmaster", "coxswain", "head greenkeeper",
		"practice manager", "station manager", "stationmaster"} {
		if o, ok := x.Lookup(title); !ok || !o.Unique {
			t.Errorf("Lookup(%q) = %+v, %v; want one holder per institution (Unique)", title, o, ok)
		}
	}
	for _, title := range []string{"nurse", "teacher", "greenkeeper", "farrier", "bus driver", "sales manager"} {
		if o, ok := x.Lookup(title); !ok || o.Unique {
			t.Errorf("Lookup(%q) = %+v, %v; want many holders per institution", title, o, ok)
		}
	}
}

func TestLookupForms(t *testing.T) {
	x := Default()
	want, ok := x.Lookup("farrier")
	if !ok {
		t.Fatal("no farrier")
	}
	for _, q := range []string{"Farriers", "farrier's", "FARRIER", "a farrier", "works as a farrier", "farrier by trade",
		"retired farrier", "former farrier", "ex-farrier", "  Farrier. "} {
		if o, ok := x.Lookup(q); !ok || o != want {
			t.Errorf("Lookup(%q) = %+v, %v; want the farrier", q, o, ok)
		}
	}
	if o, ok := x.Lookup("headteacher"); !ok || o.Title != "head teacher" {
		t.Errorf("Lookup(headteacher) = %+v, %v; want the title head teacher", o, ok)
	}
	if o, ok := x.Lookup("ghillie"); !ok || o.Title != "gillie" {
		t.Errorf("Lookup(ghillie) = %+v, %v; want its spelling variant gillie", o, ok)
	}
	for _, q := range []string{"", "nursery", "ferry", "the", "xqzt"} {
		if o, ok := x.Lookup(q); ok {
			t.Errorf("Lookup(%q) = %+v; want nothing", q, o)
		}
	}
	forms := Forms("farrier")
	for _, f := range []string{"farrier", "farriers", "farrier's", "farriers'", "works as a farrier", "farrier by trade", "ex-farrier"} {
		if !slices.Contains(forms, f) {
			t.Errorf("Forms(farrier) = %v, lacks %q", forms, f)
		}
	}
	if f := Forms("fisherman"); !slices.Contains(f, "fishermen's") || !slices.Contains(f, "works as a fisherman") {
		t.Errorf("Forms(fisherman) = %v", f)
	}
	if f := Forms("ostler"); !slices.Contains(f, "works as an ostler") {
		t.Errorf("Forms(ostler) = %v, want the article an", f)
	}
}

func hasForm(fs []VerbForm, title, object string) bool {
	for _, f := range fs {
		if f.Occupation.Title == title && f.Object == object {
			return true
		}
	}
	return false
}

func TestByVerb(t *testing.T) {
	x := Default()
	cases := []struct{ verb, title, object string }{
		{"shoe", "farrier", "horse"},   // "a person who shoes horses"
		{"keep", "beekeeper", "bee"},   // closed compound
		{"keep", "shopkeeper", "shop"}, // closed compound
		{"run", "shopkeeper", "shop"},  // a shop is an establishment one runs
		{"fish", "fisherman", ""},      // -man
		{"teach", "teacher", ""},       // agent noun
		{"drive", "bus driver", "bus"}, // compound with an agent head
		{"farm", "bee farmer", "bee"},
		{"farm", "farmer", ""},
		{"cox", "coxswain", ""},
		{"skipper", "trawler skipper", "trawler"},
		{"manage", "bank manager", "bank"},
		{"run", "bank manager", "bank"},
		{"own", "garage owner", "garage"},
	}
	for _, c := range cases {
		if fs := x.ByVerb(c.verb); !hasForm(fs, c.title, c.object) {
			var got []string
			for _, f := range fs {
				got = append(got, f.Occupation.Title+"("+f.Object+")")
			}
			t.Errorf("ByVerb(%q) lacks %s(%s); has %d: %.300s", c.verb, c.title, c.object, len(fs), strings.Join(got, " "))
		}
	}
	if fs := x.ByVerb("nursery"); len(fs) != 0 {
		t.Errorf("ByVerb(nursery) = %d forms, want none", len(fs))
	}
	for _, f := range x.ByVerb("keep") {
		if f.Verb != "keep" || f.Occupation == nil {
			t.Errorf("ByVerb(keep) has %+v", f)
		}
	}
}

func TestCounts(t *testing.T) {
	x := Default()
	var total float64
	x.Groups(func(g *Group) bool {
		total += g.Count
		if g.Count <= 0 {
			t.Errorf("unit group %s %q has no people", g.SOC, g.Title)
		}
		return true
	})
	if total < 32.5e6 || total > 33.5e6 {
		t.Errorf("unit groups hold %.1f million people, want the UK's 33 million in employment", total/1e6)
	}
	n := 0
	var titles float64
	x.Titles(func(title string, o *Occupation) bool {
		n++
		titles += o.Count
		return true
	})
	if n != x.Len() || n < 3000 {
		t.Errorf("Titles gave %d, Len %d; want over 3,000", n, x.Len())
	}
	// Titles overlap (a bare "teacher" holds every kind of teacher), so they hold more
	// people than the groups, but not wildly more, and no title more than all of them.
	if titles < total || titles > 2.5*total {
		t.Errorf("titles hold %.1f million, groups %.1f million", titles/1e6, total/1e6)
	}
	x.Titles(func(title string, o *Occupation) bool {
		if o.Count > total {
			t.Errorf("%q holds %.0f people, more than are in employment", title, o.Count)
		}
		return true
	})
	// A bare title is any of its kinds, and claims every group that lists it.
	teacher, _ := x.Lookup("teacher")
	var kinds float64
	for _, k := range []string{"music teacher", "primary school teacher", "secondary school teacher", "supply teacher"} {
		if o, ok := x.Lookup(k); ok && !o.Mapped {
			kinds += o.Count
		}
	}
	if teacher == nil || kinds == 0 || teacher.Count < kinds || teacher.Count < 300e3 {
		t.Errorf("teacher %+v, its kinds %.0f: a bare title should hold all its kinds, hundreds of thousands", teacher, kinds)
	}
	// The title a unit group is named after holds at least half of it.
	if g, ok := x.Group("5111"); !ok || farmerCount(x) < g.Count/2 {
		t.Errorf("farmer %.0f of group 5111's %.0f: the namesake should hold half", farmerCount(x), g.Count)
	}
	farmer, _ := x.Lookup("farmer")
	crofter, _ := x.Lookup("crofter")
	if farmer == nil || crofter == nil || farmer.Count <= 5*crofter.Count {
		t.Errorf("farmer %+v, crofter %+v: the common title should hold far more of the group", farmer, crofter)
	}
	if s := x.Share(farmer); s != farmer.Count/UKPopulation || s <= 0 || s > 0.01 {
		t.Errorf("Share(farmer) = %g", s)
	}
	nurse, _ := x.Lookup("nurse")
	if nurse == nil || nurse.Count < 10000 {
		t.Errorf("nurse = %+v, want tens of thousands at least", nurse)
	}
}

func TestPhrases(t *testing.T) {
	x := Default()
	n := 0
	found := false
	x.Phrases(func(p string, o *Occupation) bool {
		n++
		if p == "works as a farrier" && o.Title == "farrier" {
			found = true
		}
		return true
	})
	if !found || n < 9*x.Len() {
		t.Errorf("Phrases gave %d (found farrier: %v), want 9 forms a title", n, found)
	}
}

// BenchmarkDefault measures building the index from the embedded data, and the heap it keeps.
func BenchmarkDefault(b *testing.B) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	var keep *Index
	start := time.Now()
	for i := 0; i < b.N; i++ {
		keep = parse()
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/load")
	runtime.GC()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc-before)/1e6, "MB-heap")
	runtime.KeepAlive(keep)
}

func BenchmarkLookupComposed(b *testing.B) {
	x := Default()
	for i := 0; i < b.N; i++ {
		x.compose("distillery manager")
	}
}

func farmerCount(x *Index) float64 {
	if o, ok := x.Lookup("farmer"); ok {
		return o.Count
	}
	return 0
}

// TestGroupTitles covers the jobs a unit group is named after: each is a title of that
// group with an equal share of it, and catch-all parts name no job.
func TestGroupTitles(t *testing.T) {
	x := Default()
	for _, c := range []struct{ title, soc string }{
		{"scaffolder", "8151"}, {"stager", "8151"}, {"steel erector", "5311"},
	} {
		o, ok := x.Lookup(c.title)
		if !ok || o.SOC != c.soc {
			t.Errorf("%q: got %+v, want unit group %s", c.title, o, c.soc)
			continue
		}
		g, _ := x.Group(c.soc)
		if o.Count < g.Count/4 || o.Count > g.Count {
			t.Errorf("%q: %.0f people of its group's %.0f", c.title, o.Count, g.Count)
		}
	}
	for _, title := range []string{"related worker", "adviser", "functional manager"} {
		if o, ok := x.exact(title); ok {
			t.Errorf("%q is a title (%+v): a catch-all or an everyday word", title, o)
		}
	}
}
