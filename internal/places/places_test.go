package places

import (
	"bufio"
	"bytes"
	"io"
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

// rawPlace is a record of data/places.tsv or data/islands.tsv read independently of
// the loader.
type rawPlace struct {
	id, parent int
	kind, name string
	pop        float64
	island     bool
}

func readRaw(t *testing.T) []rawPlace {
	t.Helper()
	var out []rawPlace
	sc := bufio.NewScanner(io.MultiReader(bytes.NewReader(placesTSV), bytes.NewReader(islandsTSV)))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		id, _ := strconv.Atoi(f[0])
		parent, _ := strconv.Atoi(f[1])
		pop, _ := strconv.ParseFloat(f[3], 64)
		out = append(out, rawPlace{id: id, parent: parent, kind: f[2][:1], island: strings.HasSuffix(f[2], "i") || f[2] == "I", name: f[5], pop: pop})
	}
	return out
}

func rawNation(raw []rawPlace, id int) string {
	for raw[id].parent >= 0 {
		id = raw[id].parent
	}
	return raw[id].name
}

// TestRandomSettlements draws settlements at random (fixed seed) from the data file,
// at least 500 in each nation (every one in Northern Ireland, which has fewer) and 200
// on islands, and checks each is found by name with a population and a chain ending at
// its nation.
func TestRandomSettlements(t *testing.T) {
	g := Default()
	raw := readRaw(t)
	byNation := map[string][]int{}
	var islands []int
	for _, r := range raw {
		if !strings.Contains("YTVMSO", r.kind) {
			continue
		}
		n := rawNation(raw, r.id)
		byNation[n] = append(byNation[n], r.id)
		if r.island {
			islands = append(islands, r.id)
		}
	}
	rng := rand.New(rand.NewSource(20261205))
	var sample []int
	for _, n := range []string{"England", "Scotland", "Wales", "Northern Ireland"} {
		ids := byNation[n]
		if len(ids) < 100 {
			t.Fatalf("%s: only %d settlements", n, len(ids))
		}
		rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		sample = append(sample, ids[:min(len(ids), 500)]...)
	}
	rng.Shuffle(len(islands), func(i, j int) { islands[i], islands[j] = islands[j], islands[i] })
	if len(islands) < 200 {
		t.Fatalf("only %d island settlements", len(islands))
	}
	sample = append(sample, islands[:200]...)
	if len(sample) < 1700 {
		t.Fatalf("sample of %d", len(sample))
	}
	// top up to 2,000 from the whole list
	for len(sample) < 2000 {
		all := byNation["England"]
		sample = append(sample, all[rng.Intn(len(all))])
	}
	seen := map[string]int{}
	for _, id := range sample {
		r := raw[id]
		found := false
		for _, p := range g.Lookup(r.name) {
			if int(p.ID) != id {
				continue
			}
			found = true
			if p.Population <= 0 {
				t.Errorf("%s (%d): population %v", r.name, id, p.Population)
			}
			ch := g.Chain(p)
			last := ch[len(ch)-1]
			if last.Kind != Nation || last.Name != rawNation(raw, id) {
				t.Errorf("%s (%d): chain ends at %v, want %s", r.name, id, last, rawNation(raw, id))
			}
			if len(ch) < 3 {
				t.Errorf("%s (%d): chain %v has no council", r.name, id, ch)
			}
			if p.Island != r.island {
				t.Errorf("%s: island %v", r.name, p.Island)
			}
			seen[last.Name]++
		}
		if !found {
			t.Errorf("Lookup(%q) misses place %d", r.name, id)
		}
	}
	t.Logf("checked %d settlements: %v", len(sample), seen)
}

func TestCountsAndTotals(t *testing.T) {
	g := Default()
	count := map[string]map[Kind]int{}
	for i := 0; i < g.Len(); i++ {
		p := g.Place(int32(i))
		if p.Population <= 0 {
			t.Errorf("%v: population %v", p, p.Population)
		}
		n := g.Nation(p).Name
		if count[n] == nil {
			count[n] = map[Kind]int{}
		}
		count[n][p.Kind]++
	}
	min := map[string]int{"England": 30000, "Scotland": 5000, "Wales": 3500, "Northern Ireland": 100}
	for n, want := range min {
		got := 0
		for k, c := range count[n] {
			if k.Settlement() {
				got += c
			}
		}
		if got < want {
			t.Errorf("%s: %d settlements, want at least %d", n, got, want)
		}
	}
	pops := map[string][2]float64{"England": {54e6, 58e6}, "Scotland": {5.2e6, 5.7e6}, "Wales": {3.0e6, 3.3e6}, "Northern Ireland": {1.8e6, 2.0e6}}
	for n, r := range pops {
		p := g.Resolve(n)
		if p == nil || p.Kind != Nation || p.Population < r[0] || p.Population > r[1] {
			t.Errorf("%s: %v population %v, want %v", n, p, p.Population, r)
		}
	}
	// GeoNames figures where the old gazetteer had the parish or the wrong place
	if p := g.Resolve("Ambleside"); p == nil || p.Population > 5000 || p.Population < 1000 {
		t.Errorf("Ambleside: %v %v", p, p.Population)
	}
	councils := 0
	for k, c := range count["Scotland"] {
		if k == Council {
			councils = c
		}
	}
	if councils != 32 {
		t.Errorf("Scotland has %d council areas", councils)
	}
	if count["Wales"][Council] != 22 || count["Northern Ireland"][Council] != 11 {
		t.Errorf("Wales %d, NI %d councils", count["Wales"][Council], count["Northern Ireland"][Council])
	}
	if count["Scotland"][HealthArea] != 14 || count["Wales"][HealthArea] != 7 || count["Northern Ireland"][HealthArea] != 5 {
		t.Errorf("health areas: %v %v %v", count["Scotland"][HealthArea], count["Wales"][HealthArea], count["Northern Ireland"][HealthArea])
	}
	t.Logf("counts: %v", count)
}

func chainNames(g *Gazetteer, p *Place) string {
	var s []string
	for _, a := range g.Chain(p) {
		s = append(s, a.Name)
	}
	return strings.Join(s, " < ")
}

func inChain(g *Gazetteer, p *Place, name string) bool {
	if p == nil {
		return false
	}
	for _, a := range g.Chain(p) {
		if Key(a.Name) == Key(name) {
			return true
		}
		for _, x := range a.Also {
			if Key(g.Place(x).Name) == Key(name) {
				return true
			}
		}
	}
	return false
}

func TestHomonyms(t *testing.T) {
	g := Default()
	cases := []struct {
		name    string
		context []string
		within  string // an area in the chain of the answer
		kind    Kind   // 0: any
	}{
		{"Newport", nil, "South East Wales", City},
		{"Newport", []string{"Pembrokeshire"}, "Pembrokeshire", 0},
		{"Newport", []string{"on the Isle of Wight"}, "Isle of Wight", 0},
		{"Newport", []string{"Shropshire"}, "Telford and Wrekin", 0},
		{"Newport", []string{"Gwent"}, "South East Wales", City},
		{"Newport", []string{"Dyfed"}, "Pembrokeshire", 0},
		{"Reading", []string{"Berkshire"}, "Berkshire", 0},
		{"Perth", []string{"Perthshire"}, "Perth and Kinross", 0},
		{"Richmond", nil, "London", 0},
		{"Richmond", []string{"in Yorkshire"}, "North Yorkshire", 0},
		{"Richmond", []string{"North Yorkshire"}, "Richmondshire", 0},
		{"Bangor", nil, "Northern Ireland", 0},
		{"Bangor", []string{"in North Wales"}, "Gwynedd", 0},
		{"Bangor", []string{"Co. Down"}, "Ards and North Down", 0},
		{"Bangor", []string{"Gwynedd"}, "Betsi Cadwaladr University Health Board", 0},
		{"Ashford", nil, "Kent", Town},
		{"Ashford", []string{"Surrey"}, "Surrey", 0},
		{"Kingston upon Thames", nil, "London", 0},
		{"Kingston-upon-Hull", nil, "Yorkshire and the Humber", 0},
		{"Perth", nil, "Perth and Kinross", 0},
		{"Newcastle", nil, "Tyne and Wear", City},
		{"Stoke", nil, "Staffordshire", 0},
		{"Hull", nil, "Yorkshire and the Humber", 0},
		{"Southend", nil, "Essex", 0},
		{"Wales", nil, "Wales", Nation},
		{"Scotland", nil, "Scotland", Nation},
		{"England", nil, "England", Nation},
		{"Northern Ireland", nil, "Northern Ireland", Nation},
		{"North Wales", nil, "North Wales", Region},
		{"the Highlands", nil, "Highland", Council},
		{"Highlands and Islands", nil, "Scotland", Region},
		{"the Borders", nil, "Scottish Borders", Council},
		{"West Midlands", nil, "West Midlands", Region},
		{"Yorkshire", nil, "Yorkshire and the Humber", Region},
		{"Bridgend", nil, "Bridgend", Town},
		{"Leeds", nil, "West Yorkshire", City},
		// alternative-language names
		{"Caerdydd", nil, "Cardiff", City},
		{"Abertawe", nil, "Swansea", 0},
		{"Steòrnabhagh", nil, "Na h-Eileanan an Iar", Town},
		{"Steornabhagh", nil, "Na h-Eileanan an Iar", Town},
		{"Port Rìgh", []string{"Highland"}, "Highland", 0},
		{"Inbhir Nis", nil, "Highland", 0},
		{"Doire", nil, "Derry City and Strabane", 0},
		{"Londonderry", nil, "Northern Ireland", 0},
		{"Dinbych-y-Pysgod", nil, "Pembrokeshire", 0},
		{"Sir Benfro", nil, "Pembrokeshire", Council},
		{"Cymru", nil, "Wales", Nation},
		{"Ynys Môn", nil, "Isle of Anglesey", Council},
		{"Western Isles", nil, "Highlands and Islands", Council},
		{"Co Antrim", nil, "Northern Ireland", County},
	}
	for _, c := range cases {
		p := g.Resolve(c.name, c.context...)
		if p == nil {
			t.Errorf("Resolve(%q, %q) = nil", c.name, c.context)
			continue
		}
		if !inChain(g, p, c.within) || (c.kind != 0 && p.Kind != c.kind) {
			t.Errorf("Resolve(%q, %q) = %v in %s; want a %v within %s", c.name, c.context, p, chainNames(g, p), c.kind, c.within)
		}
	}
}

func TestLookupFolding(t *testing.T) {
	g := Default()
	same := [][]string{
		{"St Albans", "Saint Albans", "St. Albans", "ST ALBANS"},
		{"Stratford-upon-Avon", "Stratford upon Avon", "stratford-Upon-avon"},
		{"Newcastle upon Tyne", "Newcastle-upon-Tyne"},
		{"Steòrnabhagh", "Steornabhagh"},
		{"Ynys Môn", "Ynys Mon"},
		// A hyphenated one-word Welsh name is also written run together.
		{"Pen-clawdd", "Penclawdd", "PENCLAWDD"},
	}
	for _, s := range same {
		want := g.Lookup(s[0])
		if len(want) == 0 {
			t.Errorf("Lookup(%q) found nothing", s[0])
			continue
		}
		for _, x := range s[1:] {
			got := g.Lookup(x)
			if len(got) != len(want) || got[0] != want[0] {
				t.Errorf("Lookup(%q) = %v, Lookup(%q) = %v", x, got, s[0], want)
			}
		}
		for i := 1; i < len(want); i++ {
			if want[i].Population > want[i-1].Population {
				t.Errorf("Lookup(%q) not most populous first", s[0])
			}
		}
	}
	if g.Lookup("Xqzzyville") != nil {
		t.Error("Lookup of an unknown name found something")
	}
	if g.MaxWords() < 5 || g.MaxWords() > 12 {
		t.Errorf("MaxWords %d", g.MaxWords())
	}
	n, alts := 0, 0
	g.Names(func(name string, p *Place) bool {
		n++
		if name != p.Name {
			alts++
		}
		return true
	})
	if n != g.Len()+alts || alts < 800 {
		t.Errorf("Names yielded %d forms, %d alternative, for %d places", n, alts, g.Len())
	}
}

func TestAgeSexShare(t *testing.T) {
	g := Default()
	for _, name := range []string{"Leeds", "Cardiff", "Stornoway", "Belfast", "Truro", "Hawes", "Richmond", "England", "Wales", "Scotland"} {
		p := g.Resolve(name)
		if p == nil {
			t.Fatalf("no %s", name)
		}
		all := AgeSexShare(p, 0, 120, 0)
		f, m := AgeSexShare(p, 0, 120, 'F'), AgeSexShare(p, 0, 120, 'M')
		if math.Abs(all-1) > 0.01 || math.Abs(f+m-all) > 1e-6 {
			t.Errorf("%s: all %.4f, F %.4f + M %.4f", name, all, f, m)
		}
		if f < 0.45 || f > 0.56 {
			t.Errorf("%s: female share %.3f", name, f)
		}
		kids, old := AgeSexShare(p, 0, 15, 0), AgeSexShare(p, 85, 120, 0)
		if kids < 0.1 || kids > 0.3 || old < 0.005 || old > 0.06 {
			t.Errorf("%s: under-16s %.3f, 85+ %.3f", name, kids, old)
		}
		sum := 0.0
		for a := 0; a <= 110; a++ {
			sum += AgeSexShare(p, a, a, 'F') + AgeSexShare(p, a, a, 'M')
		}
		if math.Abs(sum-all) > 1e-4 {
			t.Errorf("%s: single years sum to %.5f, range gives %.5f", name, sum, all)
		}
		t.Logf("%s: %s; under-16 %.3f, 85+ %.3f", name, g.AgeSexSource(p), kids, old)
	}
	if s := g.AgeSexSource(g.Resolve("Leeds")); !strings.Contains(s, "MYE") {
		t.Errorf("Leeds uses %q, want its council's mid-year estimate", s)
	}
}

func TestInstitutions(t *testing.T) {
	g := Default()
	rc := g.Institution("Royal Cornwall Hospital")
	if len(rc) == 0 || rc[0].Place.Name != "Truro" || rc[0].Kind != Hospital || rc[0].Scope != District {
		t.Errorf("Royal Cornwall Hospital: %+v", rc)
	}
	b := g.Institution("Betsi Cadwaladr UHB")
	if len(b) != 1 || b[0].Kind != HealthBoard || b[0].Catchment != b[0].Place.Population {
		t.Errorf("Betsi Cadwaladr UHB: %+v", b)
	}
	n, boards := 0, 0
	g.Institutions(func(in *Institution) bool {
		n++
		if in.Kind == HealthBoard {
			boards++
		}
		if in.Catchment <= 0 || in.Place == nil {
			t.Errorf("%s: catchment %v", in.Name, in.Catchment)
		}
		return true
	})
	if n < 2000 || boards != 14+7+42 {
		t.Errorf("%d institutions, %d boards", n, boards)
	}
}

func TestResolveProfile(t *testing.T) {
	g := Default()
	pop := func(name string, ctx ...string) float64 {
		p := g.Resolve(name, ctx...)
		if p == nil {
			t.Fatalf("no %s", name)
		}
		return p.Population
	}
	council := func(name string, ctx ...string) float64 {
		return g.district(g.Resolve(name, ctx...)).Population
	}
	cases := []struct {
		in    string
		place string // the place named (a name in the answer's chain)
		scope Scope
		pop   float64
	}{
		{"Hawes, Wensleydale (North Yorkshire)", "Richmondshire", Local, pop("Hawes")},
		{"Church Stretton Medical Practice, Shropshire", "Shropshire", Local, pop("Church Stretton")},
		{"Portree Medical Centre, Isle of Skye", "Highland", Local, pop("Portree")},
		{"Meddygfa Tywyn, Gwynedd", "Gwynedd", Local, pop("Tywyn", "Gwynedd")},
		{"Raigmore Hospital, Inverness", "Highland", District, pop("Highland")},
		{"raigmore hospital, inverness", "Highland", District, pop("Highland")},
		{"Royal Cornwall Hospital, Truro", "Cornwall", District, pop("Cornwall")},
		{"Friarage Hospital, Northallerton", "Hambleton", District, council("Northallerton")},
		{"Ninewells Hospital, Dundee", "Dundee City", District, pop("Dundee City")},
		{"Ysbyty Gwynedd, Bangor", "Gwynedd", District, pop("Gwynedd")},
		{"University Hospital of Wales, Cardiff", "Cardiff", Regional, pop("South East Wales")},
		{"Queen Elizabeth University Hospital, Glasgow", "Glasgow City", Regional, pop("West Central Scotland")},
		{"Great Ormond Street Hospital for Children, London", "London", Regional, pop("London")},
		{"NHS Highland remote & rural locum pool", "NHS Highland", Regional, pop("NHS Highland")},
		{"Betsi Cadwaladr UHB, North Wales (adult mental health)", "Wales", Regional, pop("Betsi Cadwaladr University Health Board")},
		{"NHS Lothian", "Scotland", Regional, pop("NHS Lothian")},
		{"NHS Kent and Medway ICB", "England", Regional, pop("Kent and Medway ICB")},
		{"Southern Trust, Newry", "Northern Ireland", Regional, pop("Southern Health and Social Care Trust")},
		{"HMP Parc, Bridgend", "Bridgend", Local, PrisonPopulation},
		{"HMP Full Sutton, York", "York", Local, PrisonPopulation},
		// a trust named after two cities serves both councils
		{"Leeds and York Partnership NHS FT", "Leeds", District, council("Leeds") + council("York")},
		{"GP locum, Cumbria", "Cumbria", District, pop("Cumbria")},
		{"Truro, Cornwall", "Cornwall", Local, pop("Truro")},
		{"Bangor, Co. Down", "Ards and North Down", Local, pop("Bangor", "Co. Down")},
		{"national retrieval service, Scotland", "Scotland", National, pop("Scotland")},
		{"regional neurosurgery service, North East", "North East", Regional, pop("North East")},
	}
	for _, c := range cases {
		pr := g.ResolveProfile(c.in)
		if pr.Place == nil {
			t.Errorf("%q: nothing recognised (%s)", c.in, pr.Reason)
			continue
		}
		if !inChain(g, pr.Place, c.place) || pr.Scope != c.scope || math.Abs(pr.Population-c.pop) > 0.5 {
			t.Errorf("%q = %v (%s) %v %.0f; want within %s, %v %.0f\n\t%s", c.in, pr.Place, chainNames(g, pr.Place), pr.Scope, pr.Population, c.place, c.scope, c.pop, pr.Reason)
		}
		if pr.Reason == "" || strings.Contains(pr.Reason, "\n") {
			t.Errorf("%q: reason %q", c.in, pr.Reason)
		}
	}
	// a practice name shared across England, with nothing else to go on: the smallest
	// of their towns with a published figure
	if ins := g.Institution("Park Surgery"); len(ins) > 1 {
		pr := g.ResolveProfile("Park Surgery")
		for _, in := range ins {
			if in.Catchment < pr.Population && (!in.Place.Estimated || pr.Place.Estimated) {
				t.Errorf("Park Surgery: took %v (%.0f) over %v (%.0f)", pr.Place, pr.Population, in.Place, in.Catchment)
			}
		}
	} else {
		t.Errorf("Park Surgery: %d institutions", len(ins))
	}
	if pr := g.ResolveProfile("somewhere nice"); pr.Place != nil {
		t.Errorf("a string with no place resolved to %v", pr.Place)
	}
}
