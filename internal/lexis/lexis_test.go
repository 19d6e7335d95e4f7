package lexis

import (
	"runtime"
	"slices"
	"testing"
	"time"
)

func TestLemma(t *testing.T) {
	cases := []struct {
		word string
		pos  POS
		want string
	}{
		{"hives", Noun, "hive"},          // the plural beats the rare noun "hives"
		{"skippers", Verb, "skipper"},    // regular verb ending
		{"shoes", Noun, "shoe"},          // noun
		{"shoes", Verb, "shoe"},          // verb
		{"ran", Verb, "run"},             // WordNet's verb exceptions
		{"fishes", Noun, "fish"},         // -shes
		{"wives", Noun, "wife"},          // noun exceptions
		{"coxes", Noun, "cox"},           // -xes
		{"species", Noun, "species"},     // not "specie"
		{"glasses", Noun, "glass"},       // -sses
		{"fishermen", Noun, "fisherman"}, // -men
		{"taught", Verb, "teach"},
		{"farriers", Noun, "farrier"},
		{"Farrier's", Noun, "farrier"},            // case and possessive
		{"harbourmasters", Noun, "harbourmaster"}, // in no dictionary: the plain plural
		{"keeps", Verb, "keep"},
		{"runs", Verb, "run"},
	}
	for _, c := range cases {
		if got := Lemma(c.word, c.pos); got != c.want {
			t.Errorf("Lemma(%q, %d) = %q, want %q", c.word, c.pos, got, c.want)
		}
	}
}

func TestPersonNoun(t *testing.T) {
	people := map[string]Category{
		"nurse":         Professional,
		"surgeon":       Professional,
		"farrier":       Worker, // a blacksmith, a smith
		"ghillie":       Worker, // an attendant, through its spelling variant "gillie"
		"stalker":       Worker,
		"skipper":       Worker, // the ship's master, not the truant
		"cox":           Worker, // the coxswain, not the enzyme
		"coxswain":      Worker,
		"driver":        Worker, // WordNet files drivers under operator, not person
		"cleaner":       Worker, // the person, though the substance is the first sense
		"mother":        Relative,
		"patient":       Patient,
		"vicar":         Religious,
		"footballer":    Sportsperson,
		"soldier":       Military,
		"actor":         Performer,
		"mayor":         Leader,
		"policeman":     Worker,
		"nurses":        Professional, // a plural is read as its lemma
		"harbourmaster": Leader,       // not in WordNet: its head, master
	}
	for w, want := range people {
		c, ok := PersonNoun(w)
		if !ok || c != want {
			t.Errorf("PersonNoun(%q) = %v, %v; want %v, true", w, c, ok, want)
		}
	}
	for _, w := range []string{"nursery", "ferry", "bear", "fish", "computer", "hospital", "horse", "xqzt"} {
		if c, ok := PersonNoun(w); ok {
			t.Errorf("PersonNoun(%q) = %v, true; want not a person", w, c)
		}
	}
}

func TestCommonness(t *testing.T) {
	if c := Commonness("the"); c != 10 {
		t.Errorf("Commonness(the) = %d, want 10", c)
	}
	if c := Commonness("xqzt"); c != 0 {
		t.Errorf("Commonness(xqzt) = %d, want 0", c)
	}
	nurse, farrier, ghillie := Commonness("nurse"), Commonness("Farrier"), Commonness("ghillie")
	if !(nurse > 0 && nurse < farrier && farrier < ghillie) {
		t.Errorf("Commonness nurse %d, farrier %d, ghillie %d: want 0 < nurse < farrier < ghillie", nurse, farrier, ghillie)
	}
	// A word only the largest list has comes from the compressed size-95 list.
	if c := Commonness("wheelwrighting"); c != 95 {
		t.Errorf("Commonness(wheelwrighting) = %d, want 95", c)
	}
	if c := Commonness("colour"); c == 0 || c > 20 {
		t.Errorf("Commonness(colour) = %d, want a British spelling in the commonest lists", c)
	}
}

func TestAgentVerbs(t *testing.T) {
	links := map[string]string{"farmer": "farm", "teacher": "teach", "skipper": "skipper", "coxswain": "cox", "stalker": "stalk"}
	for n, v := range links {
		if vs := AgentVerbs(n); !slices.Contains(vs, v) {
			t.Errorf("AgentVerbs(%q) = %v, want %q among them", n, vs, v)
		}
	}
	for v, n := range map[string]string{"teach": "teacher", "farm": "farmer", "cox": "coxswain"} {
		if ns := Agents(v); !slices.Contains(ns, n) {
			t.Errorf("Agents(%q) = %v, want %q among them", v, ns, n)
		}
	}
	if vs := AgentVerbs("nursery"); len(vs) != 0 {
		t.Errorf("AgentVerbs(nursery) = %v, want none (not a person)", vs)
	}
}

func TestHypernyms(t *testing.T) {
	yes := [][2]string{{"trawler", "vessel"}, {"farrier", "smith"}, {"distillery", "plant"}, {"nurse", "person"}, {"harbour", "port"}}
	for _, p := range yes {
		if !IsA(p[0], p[1]) {
			t.Errorf("IsA(%q, %q) = false", p[0], p[1])
		}
	}
	no := [][2]string{{"nursery", "person"}, {"horse", "vessel"}, {"farrier", "vessel"}}
	for _, p := range no {
		if IsA(p[0], p[1]) {
			t.Errorf("IsA(%q, %q) = true", p[0], p[1])
		}
	}
	if g := GlossNouns("harbour", 1); !slices.Contains(g, "ship") || !slices.Contains(g, "port") {
		t.Errorf("GlossNouns(harbour) = %v, want port and ship (a sheltered port where ships ...)", g)
	}
	if s := Synonyms("farrier", 0); !slices.Contains(s, "horseshoer") {
		t.Errorf("Synonyms(farrier) = %v, want horseshoer", s)
	}
}

func TestPlural(t *testing.T) {
	for sg, pl := range map[string]string{"wife": "wives", "fisherman": "fishermen", "bus": "buses", "sheep": "sheep",
		"farrier": "farriers", "lady": "ladies", "child": "children", "bus driver": "bus drivers", "day": "days"} {
		if got := Plural(sg); got != pl {
			t.Errorf("Plural(%q) = %q, want %q", sg, got, pl)
		}
	}
}

// BenchmarkLoad measures preparing the data from scratch (what the first call pays), and
// reports the heap it keeps; the compressed size-95 list is measured separately.
func BenchmarkLoad(b *testing.B) {
	var keep []*data
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	start := time.Now()
	for i := 0; i < b.N; i++ {
		keep = append(keep[:0], build())
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/load")
	runtime.GC()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc-before)/1e6, "MB-heap")
	runtime.KeepAlive(keep)
}

func BenchmarkLoadRareWords(b *testing.B) {
	var keep string
	for i := 0; i < b.N; i++ {
		keep = unzipRare()
	}
	b.ReportMetric(float64(len(keep))/1e6, "MB-text")
}

func BenchmarkPersonNoun(b *testing.B) {
	Load()
	for i := 0; i < b.N; i++ {
		PersonNoun("farrier")
	}
}
