package places

import "testing"

// TestIslandsResolve: the islands a moderator meets resolve to an island with a
// population and a chain that reaches its nation through its council.
func TestIslandsResolve(t *testing.T) {
	g := Default()
	cases := []struct{ name, nation string }{
		{"Rathlin", "Northern Ireland"}, {"Fair Isle", "Scotland"}, {"Mull", "Scotland"},
		{"Skye", "Scotland"}, {"Lundy", "England"}, {"Caldey", "Wales"}, {"Eigg", "Scotland"},
		{"Tiree", "Scotland"}, {"Harris", "Scotland"}, {"Lewis", "Scotland"}, {"Arran", "Scotland"},
		{"Yell", "Scotland"}, {"Unst", "Scotland"}, {"Foula", "Scotland"}, {"North Uist", "Scotland"},
		{"Lindisfarne", "England"}, {"Bardsey", "Wales"}, {"Barra", "Scotland"}, {"Holy Island", ""},
		{"Isle of Wight", "England"}, {"Sheppey", "England"}, {"Mersea", "England"},
		{"Hayling Island", "England"}, {"Walney", "England"}, {"Canvey Island", "England"},
		{"Anglesey", "Wales"}, {"Isle of Skye", "Scotland"}, {"Isle of Mull", "Scotland"},
		{"Islay", "Scotland"}, {"Bute", "Scotland"}, {"Hoy", "Scotland"}, {"Papa Stour", "Scotland"},
		{"Whalsay", "Scotland"}, {"Benbecula", "Scotland"}, {"South Uist", "Scotland"},
		{"Iona", "Scotland"}, {"Coll", "Scotland"}, {"Jura", "Scotland"}, {"Raasay", "Scotland"},
		{"Tresco", "England"}, {"Bryher", "England"}, {"St Martin's", "England"},
		{"Orkney Mainland", "Scotland"}, {"Shetland Mainland", "Scotland"},
		// other-language names
		{"Ynys Enlli", "Wales"}, {"Ynys Bŷr", "Wales"}, {"Ynys Byr", "Wales"}, {"Ynys Gybi", "Wales"},
		{"Reachlainn", "Northern Ireland"}, {"An t-Eilean Sgitheanach", "Scotland"},
		{"Muile", "Scotland"}, {"Leòdhas", "Scotland"}, {"Na Hearadh", "Scotland"},
		{"Barraigh", "Scotland"}, {"Tiriodh", "Scotland"}, {"Arainn", "Scotland"},
		{"Uibhist a Tuath", "Scotland"}, {"Beinn nam Fadhla", "Scotland"}, {"Ìle", "Scotland"},
		{"Diùra", "Scotland"}, {"Eige", "Scotland"}, {"Bhatarsaigh", "Scotland"},
	}
	for _, c := range cases {
		p := g.Resolve(c.name)
		if p == nil {
			t.Errorf("Resolve(%q) = nil", c.name)
			continue
		}
		if p.Kind != Island || p.Population <= 0 || !p.Island {
			t.Errorf("Resolve(%q) = %v, population %v, island %v; want an island with a population", c.name, p, p.Population, p.Island)
			continue
		}
		ch := g.Chain(p)
		if n := ch[len(ch)-1]; n.Kind != Nation || (c.nation != "" && n.Name != c.nation) {
			t.Errorf("%s: chain %s does not end at %s", c.name, chainNames(g, p), c.nation)
		}
		if g.Ancestor(p, Council) == nil {
			t.Errorf("%s: chain %s has no council", c.name, chainNames(g, p))
		}
	}
}

// TestIslandFile checks every island and group in data/islands.tsv (read apart from the
// loader): found by name as an island, with a population, a council or region in its
// chain and a nation at its end; the parts of an island add up to it; an estimated
// settlement on an island is no larger than the island.
func TestIslandFile(t *testing.T) {
	g := Default()
	raw := readRaw(t)
	n := 0
	for _, r := range raw {
		if r.kind != "I" {
			continue
		}
		n++
		var found *Place
		for _, p := range g.Lookup(r.name) {
			if int(p.ID) == r.id {
				found = p
			}
		}
		if found == nil {
			t.Errorf("Lookup(%q) misses island %d", r.name, r.id)
			continue
		}
		if found.Kind != Island || found.Population <= 0 || found.Population != r.pop {
			t.Errorf("%s: %v population %v (file %v)", r.name, found.Kind, found.Population, r.pop)
		}
		ch := g.Chain(found)
		if last := ch[len(ch)-1]; last.Kind != Nation || last.Name != rawNation(raw, r.id) {
			t.Errorf("%s: chain %s", r.name, chainNames(g, found))
		}
		if g.Ancestor(found, Council) == nil && g.Ancestor(found, Region) == nil {
			t.Errorf("%s: chain %s has neither council nor region", r.name, chainNames(g, found))
		}
	}
	if n < 100 {
		t.Errorf("%d islands and groups in islands.tsv, want at least 100", n)
	}
	// parts add up to the whole; estimates on an island are capped by it
	parts := map[int32]float64{}
	for i := 0; i < g.Len(); i++ {
		p := g.Place(int32(i))
		if p.Parent < 0 {
			continue
		}
		par := g.Place(p.Parent)
		if par.Kind != Island {
			continue
		}
		if p.Kind == Island {
			parts[par.ID] += p.Population
		} else if p.Estimated && p.Population > par.Population {
			t.Errorf("%s (estimate %v) on %s (%v)", p.Name, p.Population, par.Name, par.Population)
		}
	}
	if lh := g.Resolve("Lewis and Harris"); lh == nil || parts[lh.ID] != lh.Population {
		t.Errorf("Lewis and Harris %v, its parts %v", lh, parts)
	}
	t.Logf("%d islands and groups", n)
}

// TestIslandChains: settlements on an island have it in their chain, between them and
// their council.
func TestIslandChains(t *testing.T) {
	g := Default()
	cases := []struct {
		settlement, context, island, council string
	}{
		{"Tobermory", "", "Mull", "Argyll and Bute"},
		{"Portree", "", "Skye", "Highland"},
		{"Stornoway", "", "Lewis", "Na h-Eileanan an Iar"},
		{"Tarbert", "Na h-Eileanan an Iar", "Harris", "Na h-Eileanan an Iar"},
		{"Castlebay", "", "Barra", "Na h-Eileanan an Iar"},
		{"Kirkwall", "", "Orkney Mainland", "Orkney Islands"},
		{"Lerwick", "", "Shetland Mainland", "Shetland Islands"},
		{"Baltasound", "", "Unst", "Shetland Islands"},
		{"Brodick", "", "Arran", "North Ayrshire"},
		{"Rothesay", "", "Bute", "Argyll and Bute"},
		{"Millport", "", "Great Cumbrae", "North Ayrshire"},
		{"Bowmore", "", "Islay", "Argyll and Bute"},
		{"Hugh Town", "", "St Mary's", "Isles of Scilly"},
		{"Holyhead", "", "Holy Island (Anglesey)", "Isle of Anglesey"},
		{"Sheerness", "", "Isle of Sheppey", "Swale"},
		{"West Mersea", "", "Mersea Island", "Colchester"},
		{"Newport", "Isle of Wight", "Isle of Wight", "Isle of Wight"},
		{"Longhope", "Orkney", "Hoy", "Orkney Islands"},
	}
	for _, c := range cases {
		var ctx []string
		if c.context != "" {
			ctx = append(ctx, c.context)
		}
		p := g.Resolve(c.settlement, ctx...)
		if p == nil {
			t.Errorf("no %s", c.settlement)
			continue
		}
		ch := g.Chain(p)
		if len(ch) < 3 || ch[1].Kind != Island || ch[1].Name != c.island {
			t.Errorf("%s: chain %s, want it on %s", c.settlement, chainNames(g, p), c.island)
			continue
		}
		if co := g.Ancestor(p, Council); co == nil || co.Name != c.council {
			t.Errorf("%s: chain %s, want council %s", c.settlement, chainNames(g, p), c.council)
		}
		if !p.Island {
			t.Errorf("%s: not marked as on an island", c.settlement)
		}
	}
	// a mainland settlement next to an island stays off it
	for _, c := range [][2]string{{"Oban", "Argyll and Bute"}, {"Kyle of Lochalsh", "Highland"}, {"Barrow-in-Furness", ""}, {"Scalloway", ""}} {
		var ctx []string
		if c[1] != "" {
			ctx = append(ctx, c[1])
		}
		p := g.Resolve(c[0], ctx...)
		if p == nil {
			t.Errorf("no %s", c[0])
			continue
		}
		if c[0] == "Scalloway" {
			if ch := g.Chain(p); ch[1].Name != "Shetland Mainland" {
				t.Errorf("Scalloway: chain %s", chainNames(g, p))
			}
			continue
		}
		if g.Chain(p)[1].Kind == Island {
			t.Errorf("%s: chain %s puts it on an island", c[0], chainNames(g, p))
		}
	}
}

// TestIslandHomonyms: a name that is both an island and a settlement is the island,
// unless qualified; groups of islands resolve to their area.
func TestIslandHomonyms(t *testing.T) {
	g := Default()
	cases := []struct {
		name    string
		context []string
		within  string
		kind    Kind
	}{
		{"Bardsey", nil, "Gwynedd", Island},
		{"Bardsey", []string{"Leeds"}, "Leeds", Village},
		{"Bardsey", []string{"West Yorkshire"}, "Leeds", Village},
		{"Barra", nil, "Na h-Eileanan an Iar", Island},
		{"Harris", nil, "Na h-Eileanan an Iar", Island},
		{"Lewis", nil, "Na h-Eileanan an Iar", Island},
		{"Holy Island", nil, "", Island},
		{"Holy Island", []string{"Northumberland"}, "Northumberland", Island},
		{"Holy Island", []string{"Anglesey"}, "Isle of Anglesey", Island},
		{"Sanday", nil, "Orkney Islands", Island},
		{"Wyre", nil, "Lancashire", Council}, // a council keeps its name
		{"Newport", []string{"Isle of Wight"}, "Isle of Wight", Town},
		// groups resolve to their area
		{"Inner Hebrides", nil, "Highlands and Islands", Island},
		{"the Inner Hebrides", nil, "Scotland", Island},
		{"Outer Hebrides", nil, "Highlands and Islands", Council},
		{"the Western Isles", nil, "Highlands and Islands", Council},
		{"Orkney", nil, "Highlands and Islands", Council},
		{"Shetland", nil, "Highlands and Islands", Council},
		{"Scilly", nil, "South West", Council},
		{"Small Isles", nil, "Highland", Island},
		{"the Uists", nil, "Na h-Eileanan an Iar", Island},
	}
	for _, c := range cases {
		p := g.Resolve(c.name, c.context...)
		if p == nil {
			t.Errorf("Resolve(%q, %q) = nil", c.name, c.context)
			continue
		}
		if (c.within != "" && !inChain(g, p, c.within)) || p.Kind != c.kind {
			t.Errorf("Resolve(%q, %q) = %v in %s; want a %v within %s", c.name, c.context, p, chainNames(g, p), c.kind, c.within)
		}
	}
	// a settlement on an island of a group is within the group (Also)
	if p := g.Resolve("Tobermory", "Inner Hebrides"); !inChain(g, p, "Inner Hebrides") {
		t.Errorf("Tobermory not within the Inner Hebrides: %s", chainNames(g, p))
	}
	ih := g.Resolve("Inner Hebrides")
	skye, mull := g.Resolve("Skye"), g.Resolve("Mull")
	if ih == nil || skye == nil || mull == nil || ih.Population < skye.Population+mull.Population {
		t.Errorf("Inner Hebrides %v smaller than Skye and Mull", ih)
	}
	// the profile names the most specific place: the settlement, not its island
	pr := g.ResolveProfile("GP, Tobermory, Isle of Mull")
	if pr.Place == nil || pr.Place.Name != "Tobermory" {
		t.Errorf("profile on Mull: %v (%s)", pr.Place, pr.Reason)
	}
	pr = g.ResolveProfile("GP on the Isle of Mull")
	if pr.Place == nil || pr.Place.Kind != Island || pr.Population != pr.Place.Population {
		t.Errorf("profile on Mull: %v %v (%s)", pr.Place, pr.Population, pr.Reason)
	}
}

// TestSettlementFigures: English towns carry the Census 2011 figure of their built-up
// area; suburbs without a figure a typical ward's population, marked as an estimate;
// a town's published figure comes before a suburb's estimate of the same name.
func TestSettlementFigures(t *testing.T) {
	g := Default()
	ely := g.Resolve("Ely", "Cambridgeshire")
	if ely == nil || ely.Population != 19090 || ely.Source != SourceCensus {
		t.Errorf("Ely: %v %v %c", ely, ely.Population, ely.Source)
	}
	for _, c := range [][2]string{{"Headingley", "Leeds"}, {"Harehills", "Leeds"}, {"Springburn", "Glasgow City"}, {"Moss Side", "Manchester"}} {
		p := g.Resolve(c[0], c[1])
		if p == nil || !inChain(g, p, c[1]) || p.Kind != Suburb {
			t.Errorf("%s: %v", c[0], p)
			continue
		}
		if p.Population < 5000 || p.Population > 30000 {
			t.Errorf("%s: population %v, want a ward's", c[0], p.Population)
		}
		if p.Estimated != (p.Source == SourceEstimate) {
			t.Errorf("%s: estimated %v, source %c", c[0], p.Estimated, p.Source)
		}
	}
	// a suburb's typical estimate never outranks a published figure in Resolve
	n, bad := 0, 0
	g.Names(func(name string, p *Place) bool {
		if name != p.Name {
			return true
		}
		r := g.Resolve(name)
		if r == nil {
			t.Errorf("Resolve(%q) = nil", name)
			return false
		}
		n++
		if r.Estimated && r.Kind == Suburb {
			for _, q := range g.Lookup(name) {
				if !q.Estimated && q.Kind.Settlement() && (q.Kind != Island) {
					bad++
					t.Errorf("Resolve(%q) = estimated %v over published %v", name, r, q)
					break
				}
			}
		}
		return bad < 5
	})
	if n < 40000 {
		t.Errorf("checked %d names", n)
	}
}
