package main

// Inhabited islands of the United Kingdom, typed from the published tables cited in
// each row (see ../../data/SOURCES.md, "Islands"). Populations of the 47 Scottish
// islands that carry seed: "..." come from the islandhopper table (NRS, Scotland's
// Census 2011) read by islands.go, not from here. Positions (lat, lon in WGS84, to
// about a kilometre) and areas (km², approximate) are used only to tell which
// settlements lie on which island; where a postcode district lies wholly on one
// island (districts) or OS names the settlements (members), those decide instead.
//
// Citation keys (cite):
//
//	nrs11     NRS, Scotland's Census 2011, population of inhabited islands (Scotland's
//	          Census 2011: Inhabited islands report, NRS 2015, table of islands), as
//	          quoted in Wikipedia's "List of islands of Scotland" and the island's article
//	nrs11bbc  NRS 2011 figure as reported by BBC News, 16 August 2013, "Scotland's 2011
//	          census: Island living on the rise" (Danna, Eilean dà Mhèinn, Inchfad, Inner
//	          Holm and Soay "each recorded as having just one resident")
//	nrs11si   NRS 2011 figure as quoted in Wikipedia "Small Isles" (Eigg 83, Muck 27,
//	          Rùm 22, Canna 12, Sanday 9)
//	sis23     Scottish Government, Scottish Islands Survey 2023: main findings report,
//	          Annex 2, estimated adults (18+) by island from 2011 Census postcode data
//	          (NRS): a lower bound on the population
//	ons11     ONS, Census 2011 usual residents of the civil parish(es) or wards making up
//	          the island, as quoted in the island's Wikipedia article
//	council   the island is its council area: the council's own figure (Census 2021)
//	est       no census figure for the island alone could be had here: the approximate
//	          figure given in the island's Wikipedia article (an estimate)
//	sum       no figure: the sum of the published figures of its settlements
//	rest      the island it is part of, less its other parts (Lewis: Lewis and Harris
//	          less Harris)
type islandDef struct {
	name     string
	seed     string   // name in the islandhopper table (population, position, area)
	alts     []string // other names, other-language names (Gaelic, Welsh, Irish)
	council  string   // council area, as named in the gazetteer
	part     string   // the island this is part of (Lewis, Harris)
	groups   []string // island groups it belongs to (not in the chain)
	pop      float64  // typed population (when no seed)
	cite     string
	lat, lon float64
	area     float64  // km²
	dists    []string // postcode districts wholly on this island (they decide first)
	shared   []string // postcode districts mostly on this island: the default for the rest
	members  []string // OS settlements on the island (same council, near it) by name
}

// islandGroups: named groups of islands; parent is the area whose chain they join.
var islandGroups = []struct {
	name, parent, parentKind string
	alts                     []string
}{
	{"Inner Hebrides", "Highlands and Islands", kRegion, []string{"the Inner Hebrides", "Na h-Eileanan a-staigh"}},
	{"Hebrides", "Highlands and Islands", kRegion, []string{"the Hebrides", "Hebridean islands", "Western Isles of Scotland"}},
	{"Northern Isles", "Highlands and Islands", kRegion, []string{"the Northern Isles"}},
	{"Small Isles", "Highland", kCouncil, []string{"the Small Isles", "Na h-Eileanan Tarsainn"}},
	{"Slate Islands", "Argyll and Bute", kCouncil, []string{"the Slate Islands"}},
	{"Uists", "Na h-Eileanan an Iar", kCouncil, []string{"the Uists", "Uist", "Uibhist"}},
	{"Out Skerries", "Shetland Islands", kCouncil, []string{"the Out Skerries", "Skerries, Shetland"}},
}

const (
	ab  = "Argyll and Bute"
	hi  = "Highland"
	wi  = "Na h-Eileanan an Iar"
	ork = "Orkney Islands"
	she = "Shetland Islands"
)

var (
	inner = []string{"Inner Hebrides", "Hebrides"}
	outer = []string{"Hebrides"}
	north = []string{"Northern Isles"}
)

func grp(g ...[]string) []string {
	var out []string
	for _, x := range g {
		out = append(out, x...)
	}
	return out
}

var islandTable = []islandDef{
	// ---- Outer Hebrides (Na h-Eileanan an Iar)
	{name: "Lewis and Harris", seed: "Lewis and Harris", council: wi, groups: outer,
		alts: []string{"Lewis & Harris", "Leòdhas agus na Hearadh", "Isle of Lewis and Harris"}},
	{name: "Lewis", part: "Lewis and Harris", cite: "rest", council: wi, groups: outer, lat: 58.22, lon: -6.55, area: 1770,
		alts: []string{"Isle of Lewis", "Leòdhas", "Eilean Leòdhais"}, dists: []string{"HS1"}, shared: []string{"HS2"}},
	{name: "Harris", part: "Lewis and Harris", pop: 1916, cite: "nrs11", council: wi, groups: outer, lat: 57.86, lon: -6.85, area: 490,
		alts: []string{"Isle of Harris", "Na Hearadh", "Hearadh"}, dists: []string{"HS3", "HS5"}},
	{name: "Scalpay", seed: "Scalpay", council: wi, groups: outer, alts: []string{"Sgalpaigh", "Scalpay, Harris", "Sgalpaigh na Hearadh"}, dists: []string{"HS4"}},
	{name: "Great Bernera", pop: 252, cite: "nrs11", council: wi, groups: outer, lat: 58.22, lon: -6.85, area: 21.2,
		alts: []string{"Bernera", "Beàrnaraigh Mòr", "Beàrnaraigh Leòdhais"}},
	{name: "North Uist", seed: "North Uist", council: wi, groups: grp(outer, []string{"Uists"}), alts: []string{"Uibhist a Tuath"}, shared: []string{"HS6"}},
	{name: "Berneray", pop: 138, cite: "nrs11", council: wi, groups: outer, lat: 57.71, lon: -7.18, area: 10.1,
		alts: []string{"Beàrnaraigh", "Berneray, North Uist", "Beàrnaraigh na Hearadh"}},
	{name: "Grimsay", pop: 169, cite: "nrs11", council: wi, groups: grp(outer, []string{"Uists"}), lat: 57.49, lon: -7.24, area: 8.3,
		alts: []string{"Griomasaigh", "Grimsay, North Uist"}},
	{name: "Baleshare", pop: 58, cite: "nrs11", council: wi, groups: grp(outer, []string{"Uists"}), lat: 57.53, lon: -7.37, area: 9.1,
		alts: []string{"Baile Sear"}, members: []string{"Baile Sear"}},
	{name: "Benbecula", seed: "Benbecula", council: wi, groups: grp(outer, []string{"Uists"}), alts: []string{"Beinn nam Fadhla", "Beinn na Faoghla"}, dists: []string{"HS7"}},
	{name: "Flodaigh", pop: 11, cite: "nrs11", council: wi, groups: grp(outer, []string{"Uists"}), lat: 57.485, lon: -7.255, area: 1.45,
		alts: []string{"Flodday"}, members: []string{"Flodaigh"}},
	{name: "South Uist", seed: "South Uist", council: wi, groups: grp(outer, []string{"Uists"}), alts: []string{"Uibhist a Deas"}, shared: []string{"HS8"}},
	{name: "Eriskay", seed: "Eriskay", council: wi, groups: outer, alts: []string{"Èirisgeigh", "Eirisgeigh"}},
	{name: "Barra", seed: "Barra", council: wi, groups: outer, alts: []string{"Barraigh", "Isle of Barra"}, shared: []string{"HS9"}},
	{name: "Vatersay", seed: "Vatersay", council: wi, groups: outer, alts: []string{"Bhatarsaigh", "Bhatarsaidh"}, members: []string{"Vatersay"}},

	// ---- Inner Hebrides: Skye and the Small Isles (Highland)
	{name: "Skye", seed: "Skye", council: hi, groups: inner,
		alts:  []string{"Isle of Skye", "An t-Eilean Sgitheanach", "Eilean a' Cheò", "the Misty Isle"},
		dists: []string{"IV41", "IV42", "IV43", "IV44", "IV45", "IV46", "IV47", "IV48", "IV49", "IV51", "IV55", "IV56"}},
	{name: "Raasay", seed: "Raasay", council: hi, groups: inner, alts: []string{"Ratharsair"}},
	{name: "Scalpay (Skye)", pop: 4, cite: "est", council: hi, groups: inner, lat: 57.30, lon: -5.98, area: 24.8,
		alts: []string{"Scalpay, Skye", "Sgalpaigh an t-Eilein Sgitheanaich"}},
	{name: "Soay", pop: 1, cite: "nrs11bbc", council: hi, groups: inner, lat: 57.15, lon: -6.22, area: 10.4, alts: []string{"Sòdhaigh"}},
	{name: "Eigg", seed: "Eigg", council: hi, groups: grp(inner, []string{"Small Isles"}), alts: []string{"Eige", "Eilean Eige"}, dists: []string{"PH42"}},
	{name: "Rùm", seed: "Rum", council: hi, groups: grp(inner, []string{"Small Isles"}), alts: []string{"Rum", "Rhum", "Isle of Rum"}, dists: []string{"PH43"}},
	{name: "Canna", seed: "Canna", council: hi, groups: grp(inner, []string{"Small Isles"}), alts: []string{"Canaigh", "Eilean Chanaigh"}, dists: []string{"PH44"}},
	{name: "Sanday (Small Isles)", pop: 9, cite: "nrs11si", council: hi, groups: grp(inner, []string{"Small Isles"}), lat: 57.05, lon: -6.49, area: 1.84,
		alts: []string{"Sanday, Canna", "Sandaigh"}},
	{name: "Muck", seed: "Muck", council: hi, groups: grp(inner, []string{"Small Isles"}), alts: []string{"Eilean nam Muc"}},
	{name: "Isle of Ewe", pop: 8, cite: "est", council: hi, lat: 57.83, lon: -5.62, area: 3.1, alts: []string{"Eilean Iùbh"}},
	{name: "Tanera Mòr", pop: 5, cite: "est", council: hi, lat: 58.01, lon: -5.40, area: 3.1, alts: []string{"Tanera Mor", "Tannara Mòr"}},
	{name: "Eilean Shona", pop: 2, cite: "est", council: hi, lat: 56.79, lon: -5.85, area: 5.3},

	// ---- Inner Hebrides: Argyll and Bute
	{name: "Mull", seed: "Mull", council: ab, groups: inner, alts: []string{"Isle of Mull", "Muile", "An t-Eilean Muileach"},
		dists: []string{"PA62", "PA63", "PA64", "PA65", "PA66", "PA67", "PA68", "PA69", "PA70", "PA71", "PA72", "PA74", "PA75"}, shared: []string{"PA73"}},
	{name: "Iona", seed: "Iona", council: ab, groups: inner, alts: []string{"Ì Chaluim Chille", "Eilean Idhe", "Isle of Iona"}, dists: []string{"PA76"}},
	{name: "Ulva", seed: "Ulva", council: ab, groups: inner, alts: []string{"Ulbha"}},
	{name: "Gometra", pop: 2, cite: "sis23", council: ab, groups: inner, lat: 56.48, lon: -6.29, area: 4.25, alts: []string{"Gòmastra"}, members: []string{"Gometra"}},
	{name: "Erraid", pop: 5, cite: "sis23", council: ab, groups: inner, lat: 56.29, lon: -6.37, area: 1.87, alts: []string{"Eilean Earraid"}},
	{name: "Tiree", seed: "Tiree", council: ab, groups: inner, alts: []string{"Tiriodh"}, dists: []string{"PA77"}},
	{name: "Coll", seed: "Coll", council: ab, groups: inner, alts: []string{"Cola"}, dists: []string{"PA78"}},
	{name: "Lismore", seed: "Lismore", council: ab, groups: inner, alts: []string{"Lios Mòr"}, lat: 56.51, lon: -5.50,
		members: []string{"Port Ramsay", "Balliveolan", "Clachan", "Achnacroish"}},
	{name: "Kerrera", seed: "Kerrera", council: ab, groups: inner, alts: []string{"Cearrara"}, lat: 56.395, lon: -5.555},
	{name: "Seil", seed: "Seil", council: ab, groups: grp(inner, []string{"Slate Islands"}), alts: []string{"Saoil", "Isle of Seil"},
		members: []string{"Ellenabeich", "Clachan Seil", "Oban Seil", "Balvicar", "Cuan"}},
	{name: "Easdale", pop: 59, cite: "nrs11", council: ab, groups: grp(inner, []string{"Slate Islands"}), lat: 56.292, lon: -5.66, area: 0.25,
		alts: []string{"Eilean Èisdeal", "Easdale Island"}, members: []string{"Easdale"}},
	{name: "Luing", seed: "Luing", council: ab, groups: grp(inner, []string{"Slate Islands"}), alts: []string{"Luinn"},
		members: []string{"Cullipool", "Toberonochy", "Black Mill Bay", "South Cuan"}},
	{name: "Shuna (Slate Islands)", pop: 3, cite: "sis23", council: ab, groups: grp(inner, []string{"Slate Islands"}), lat: 56.22, lon: -5.60, area: 4.5,
		alts: []string{"Shuna, Luing", "Siuna"}},
	{name: "Islay", seed: "Islay", council: ab, groups: inner, alts: []string{"Ìle", "Isle of Islay", "Eilean Ìle"},
		dists: []string{"PA42", "PA43", "PA44", "PA45", "PA46", "PA47", "PA48", "PA49"}},
	{name: "Jura", seed: "Jura", council: ab, groups: inner, alts: []string{"Diùra", "Isle of Jura"}, dists: []string{"PA60"}},
	{name: "Colonsay", seed: "Colonsay", council: ab, groups: inner, alts: []string{"Colbhasa"}, dists: []string{"PA61"}},
	{name: "Oronsay", seed: "Oronsay", council: ab, groups: inner, alts: []string{"Orasaigh"}},
	{name: "Gigha", seed: "Gigha", council: ab, groups: inner, alts: []string{"Giogha", "Isle of Gigha"}, dists: []string{"PA41"}},
	{name: "Danna", pop: 1, cite: "nrs11bbc", council: ab, lat: 55.94, lon: -5.69, area: 3.7, alts: []string{"Isle of Danna"}},
	{name: "Eilean dà Mhèinn", pop: 1, cite: "nrs11bbc", council: ab, lat: 56.093, lon: -5.557, area: 0.02, alts: []string{"Eilean da Mheinn"}},

	// ---- Firth of Clyde
	{name: "Bute", seed: "Bute", council: ab, alts: []string{"Isle of Bute", "Bòd", "Eilean Bhòid"}, dists: []string{"PA20"}},
	{name: "Arran", seed: "Arran", council: "North Ayrshire", alts: []string{"Isle of Arran", "Arainn", "Eilean Arainn"}, dists: []string{"KA27"}},
	{name: "Holy Isle", pop: 30, cite: "est", council: "North Ayrshire", lat: 55.53, lon: -5.07, area: 2.53,
		alts: []string{"Holy Isle, Arran", "Eilean MoLaise", "Eilean Molaise"}},
	{name: "Great Cumbrae", seed: "Great Cumbrae", council: "North Ayrshire", alts: []string{"Cumbrae", "Isle of Cumbrae", "Cumaradh Mòr", "Cumaradh"}, dists: []string{"KA28"}},
	{name: "Little Cumbrae", pop: 2, cite: "est", council: "North Ayrshire", lat: 55.72, lon: -4.94, area: 3.13, alts: []string{"Cumaradh Beag"}},

	// ---- Freshwater islands (Loch Lomond)
	{name: "Inchmurrin", pop: 10, cite: "est", council: "West Dunbartonshire", lat: 56.07, lon: -4.58, area: 1.2,
		alts: []string{"Innis Mhearain"}, members: []string{"Inchmurrin"}},
	{name: "Inchfad", pop: 1, cite: "nrs11bbc", council: "Stirling", lat: 56.08, lon: -4.55, area: 0.33, alts: []string{"Innis Fhada"}},

	// ---- Orkney
	{name: "Orkney Mainland", seed: "Orkney Mainland", council: ork, groups: north,
		alts: []string{"Mainland Orkney", "Mainland of Orkney", "Mainland, Orkney"}, dists: []string{"KW15"}},
	{name: "Hoy", seed: "Hoy", council: ork, groups: north, alts: []string{"Hoy and Walls", "South Walls"},
		members: []string{"Hoy", "Longhope", "Brims", "Hackness", "Hurliness", "Osmondwall", "Wyng", "Little Ayre", "Melsetter", "Lyness", "Rinnigill", "Crockness", "Rackwick", "Quoyness"}},
	{name: "South Ronaldsay", seed: "South Ronaldsay", council: ork, groups: north},
	{name: "Burray", pop: 409, cite: "nrs11", council: ork, groups: north, lat: 58.85, lon: -2.90, area: 9.03},
	{name: "Flotta", pop: 80, cite: "nrs11", council: ork, groups: north, lat: 58.83, lon: -3.12, area: 8.76},
	{name: "Graemsay", pop: 28, cite: "nrs11", council: ork, groups: north, lat: 58.93, lon: -3.28, area: 4.09},
	{name: "Shapinsay", seed: "Shapinsay", council: ork, groups: north},
	{name: "Rousay", seed: "Rousay", council: ork, groups: north},
	{name: "Egilsay", pop: 26, cite: "nrs11", council: ork, groups: north, lat: 59.15, lon: -2.93, area: 6.5},
	{name: "Wyre", pop: 29, cite: "nrs11", council: ork, groups: north, lat: 59.12, lon: -2.97, area: 3.11},
	{name: "Gairsay", pop: 3, cite: "est", council: ork, groups: north, lat: 59.08, lon: -2.97, area: 2.4},
	{name: "Eday", pop: 160, cite: "nrs11", council: ork, groups: north, lat: 59.19, lon: -2.77, area: 27.45},
	{name: "Stronsay", seed: "Stronsay", council: ork, groups: north},
	{name: "Papa Stronsay", pop: 10, cite: "est", council: ork, groups: north, lat: 59.155, lon: -2.59, area: 0.74},
	{name: "Sanday", seed: "Sanday", council: ork, groups: north, alts: []string{"Sanday, Orkney"}},
	{name: "Westray", seed: "Westray", council: ork, groups: north},
	{name: "Papa Westray", pop: 90, cite: "nrs11", council: ork, groups: north, lat: 59.35, lon: -2.89, area: 9.18, alts: []string{"Papay"}},
	{name: "North Ronaldsay", pop: 72, cite: "nrs11", council: ork, groups: north, lat: 59.37, lon: -2.43, area: 6.9},
	{name: "Inner Holm", pop: 1, cite: "nrs11bbc", council: ork, groups: north, lat: 58.957, lon: -3.297, area: 0.02},

	// ---- Shetland
	{name: "Shetland Mainland", seed: "Shetland Mainland", council: she, groups: north,
		alts: []string{"Mainland Shetland", "Mainland of Shetland", "Mainland, Shetland"}, dists: []string{"ZE1", "ZE3"}},
	{name: "Yell", seed: "Yell", council: she, groups: north},
	{name: "Unst", seed: "Unst", council: she, groups: north},
	{name: "Fetlar", seed: "Fetlar", council: she, groups: north},
	{name: "Whalsay", seed: "Whalsay", council: she, groups: north},
	{name: "Bressay", seed: "Bressay", council: she, groups: north},
	{name: "Muckle Roe", seed: "Muckle Roe", council: she, groups: north},
	{name: "Fair Isle", seed: "Fair Isle", council: she, groups: north},
	{name: "Foula", pop: 30, cite: "nrs11", council: she, groups: north, lat: 60.135, lon: -2.07, area: 12.65},
	{name: "Papa Stour", pop: 15, cite: "nrs11", council: she, groups: north, lat: 60.33, lon: -1.69, area: 8.28},
	{name: "Vaila", pop: 2, cite: "nrs11", council: she, groups: north, lat: 60.21, lon: -1.57, area: 3.27},
	{name: "Trondra", pop: 135, cite: "nrs11", council: she, groups: north, lat: 60.115, lon: -1.29, area: 2.75},
	{name: "West Burra", pop: 776, cite: "nrs11", council: she, groups: north, lat: 60.08, lon: -1.35, area: 7.43},
	{name: "East Burra", pop: 76, cite: "nrs11", council: she, groups: north, lat: 60.07, lon: -1.30, area: 5.15},
	{name: "Housay", pop: 50, cite: "nrs11", council: she, groups: grp(north, []string{"Out Skerries"}), lat: 60.42, lon: -0.76, area: 1.63, members: []string{"Housay"}},
	{name: "Bruray", pop: 24, cite: "nrs11", council: she, groups: grp(north, []string{"Out Skerries"}), lat: 60.424, lon: -0.74, area: 0.55, members: []string{"Bruray"}},

	// ---- England
	{name: "Isle of Wight", pop: -1, cite: "council", council: "Isle of Wight", lat: 50.67, lon: -1.30, area: 380, alts: []string{"the Isle of Wight"}},
	{name: "St Mary's", pop: 1723, cite: "ons11", council: "Isles of Scilly", lat: 49.92, lon: -6.30, area: 6.58, alts: []string{"St Mary's, Scilly", "St Mary's Island"}, dists: []string{"TR21"}},
	{name: "Tresco", pop: 175, cite: "ons11", council: "Isles of Scilly", lat: 49.955, lon: -6.33, area: 2.97, dists: []string{"TR24"}},
	{name: "St Martin's", pop: 136, cite: "ons11", council: "Isles of Scilly", lat: 49.965, lon: -6.285, area: 2.37, alts: []string{"St Martin's, Scilly"}, dists: []string{"TR25"}},
	{name: "St Agnes", pop: 85, cite: "ons11", council: "Isles of Scilly", lat: 49.89, lon: -6.345, area: 1.48, alts: []string{"St Agnes, Scilly", "St Agnes and Gugh", "Gugh"}, dists: []string{"TR22"}},
	{name: "Bryher", pop: 84, cite: "ons11", council: "Isles of Scilly", lat: 49.95, lon: -6.35, area: 1.32, dists: []string{"TR23"}},
	{name: "Lundy", pop: 28, cite: "est", council: "Torridge", lat: 51.18, lon: -4.67, area: 4.45, alts: []string{"Lundy Island"}},
	{name: "Lindisfarne", pop: 180, cite: "ons11", council: "Northumberland", lat: 55.68, lon: -1.80, area: 4.0,
		alts: []string{"Holy Island", "Holy Island of Lindisfarne", "Holy Island, Northumberland"}, members: []string{"Holy Island"}},
	{name: "Isle of Sheppey", pop: 40000, cite: "est", council: "Swale", lat: 51.40, lon: 0.83, area: 94, alts: []string{"Sheppey"}, dists: []string{"ME12"}},
	{name: "Canvey Island", pop: 38170, cite: "ons11", council: "Castle Point", lat: 51.52, lon: 0.58, area: 18.45, alts: []string{"Canvey"}, dists: []string{"SS8"}},
	{name: "Hayling Island", pop: 16887, cite: "ons11", council: "Havant", lat: 50.79, lon: -0.97, area: 30, alts: []string{"Hayling"}, dists: []string{"PO11"}},
	{name: "Mersea Island", pop: 7183, cite: "ons11", council: "Colchester", lat: 51.78, lon: 0.92, area: 18, alts: []string{"Mersea"}, members: []string{"West Mersea", "East Mersea"}},
	{name: "Walney Island", pop: 10651, cite: "ons11", council: "Barrow-in-Furness", lat: 54.10, lon: -3.25, area: 13, alts: []string{"Walney", "Isle of Walney"},
		members: []string{"Vickerstown", "North Scale", "Biggar"}},
	{name: "Foulness Island", pop: 150, cite: "est", council: "Rochford", lat: 51.60, lon: 0.89, area: 26, alts: []string{"Foulness"}, members: []string{"Churchend", "Courtsend"}},
	{name: "St Michael's Mount", pop: 35, cite: "est", council: "Cornwall", lat: 50.117, lon: -5.477, area: 0.23, alts: []string{"Karrek Loos y'n Koos"}},

	// ---- Wales
	{name: "Anglesey", pop: -1, cite: "council", council: "Isle of Anglesey", lat: 53.27, lon: -4.35, area: 676, alts: []string{"Môn", "Mona", "Anglesey Island"}},
	{name: "Holy Island (Anglesey)", cite: "sum", council: "Isle of Anglesey", lat: 53.29, lon: -4.62, area: 39.4,
		alts: []string{"Holy Island", "Ynys Gybi", "Holy Island, Anglesey"}, members: []string{"Holyhead", "Rhoscolyn", "Trearddur", "Trearddur Bay"}},
	{name: "Bardsey Island", pop: 11, cite: "est", council: "Gwynedd", lat: 52.76, lon: -4.79, area: 1.79, alts: []string{"Bardsey", "Ynys Enlli", "Enlli"}},
	{name: "Caldey Island", pop: 40, cite: "est", council: "Pembrokeshire", lat: 51.635, lon: -4.69, area: 2.2, alts: []string{"Caldey", "Ynys Bŷr", "Ynys Byr"}},

	// ---- Northern Ireland
	{name: "Rathlin Island", pop: 150, cite: "est", council: "Causeway Coast and Glens", lat: 55.29, lon: -6.19, area: 14,
		alts: []string{"Rathlin", "Reachlainn", "Oileán Reachlainne", "Raghery"}},
}

// islandCouncilDefaults: council areas that are islands, with the island a settlement
// not placed on a smaller island is on.
var islandCouncilDefaults = map[string]string{
	"Orkney Islands": "Orkney Mainland", "Shetland Islands": "Shetland Mainland",
	"Isle of Wight": "Isle of Wight", "Isle of Anglesey": "Anglesey",
}

// competeCouncils: island councils where every island (the largest included) competes
// for a settlement by distance relative to its size; elsewhere only the small islands
// are tested, and postcode districts decide for the large ones.
var competeCouncils = map[string]bool{"Orkney Islands": true, "Shetland Islands": true, "Isle of Anglesey": true}
