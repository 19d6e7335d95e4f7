package main

// Small tables typed from published definitions. Each says where it comes from; none
// of them holds a population figure except scotCouncilPop and niPopulation, which are
// quoted with their source. See ../../data/SOURCES.md.

// welshRegions: the four regions of the Welsh Government's Regional Economic
// Frameworks (2021), by principal area (English names as in OS Open Names).
var welshRegions = map[string][]string{
	"North Wales":      {"Isle of Anglesey", "Gwynedd", "Conwy", "Denbighshire", "Flintshire", "Wrexham"},
	"Mid Wales":        {"Ceredigion", "Powys"},
	"South West Wales": {"Carmarthenshire", "Pembrokeshire", "Swansea", "Neath Port Talbot"},
	"South East Wales": {"Blaenau Gwent", "Bridgend", "Caerphilly", "Cardiff", "Merthyr Tydfil", "Monmouthshire", "Newport", "Rhondda Cynon Taf", "Torfaen", "the Vale of Glamorgan"},
}

// scotRegions: the five ITL2 regions of Scotland (ONS International Territorial
// Levels, 2021), approximated to whole council areas (ITL2 splits Argyll and Bute and
// North Ayrshire; the islands of Arran and Cumbrae and Helensburgh are assigned with
// their council here).
var scotRegions = map[string][]string{
	"Highlands and Islands":  {"Highland", "Moray", "Argyll and Bute", "Na h-Eileanan an Iar", "Orkney Islands", "Shetland Islands"},
	"North Eastern Scotland": {"Aberdeen City", "Aberdeenshire"},
	"Eastern Scotland":       {"Angus", "Dundee City", "Clackmannanshire", "Fife", "Falkirk", "Stirling", "Perth and Kinross", "East Lothian", "Midlothian", "City of Edinburgh", "West Lothian"},
	"West Central Scotland":  {"East Dunbartonshire", "West Dunbartonshire", "Glasgow City", "Inverclyde", "Renfrewshire", "East Renfrewshire", "North Lanarkshire"},
	"Southern Scotland":      {"Scottish Borders", "Dumfries and Galloway", "East Ayrshire", "North Ayrshire", "South Ayrshire", "South Lanarkshire"},
}

// scotBoards: the 14 territorial NHS boards of Scotland by council area (Scottish
// Government, NHS Scotland board areas since 2006; NHS Highland covers Argyll and Bute).
var scotBoards = map[string][]string{
	"NHS Ayrshire and Arran":        {"East Ayrshire", "North Ayrshire", "South Ayrshire"},
	"NHS Borders":                   {"Scottish Borders"},
	"NHS Dumfries and Galloway":     {"Dumfries and Galloway"},
	"NHS Fife":                      {"Fife"},
	"NHS Forth Valley":              {"Clackmannanshire", "Falkirk", "Stirling"},
	"NHS Grampian":                  {"Aberdeen City", "Aberdeenshire", "Moray"},
	"NHS Greater Glasgow and Clyde": {"Glasgow City", "East Dunbartonshire", "West Dunbartonshire", "East Renfrewshire", "Renfrewshire", "Inverclyde"},
	"NHS Highland":                  {"Highland", "Argyll and Bute"},
	"NHS Lanarkshire":               {"North Lanarkshire", "South Lanarkshire"},
	"NHS Lothian":                   {"City of Edinburgh", "East Lothian", "Midlothian", "West Lothian"},
	"NHS Orkney":                    {"Orkney Islands"},
	"NHS Shetland":                  {"Shetland Islands"},
	"NHS Tayside":                   {"Angus", "Dundee City", "Perth and Kinross"},
	"NHS Western Isles":             {"Na h-Eileanan an Iar"},
}

// welshBoards: the seven local health boards of Wales by principal area (NHS Wales,
// boundaries from 1 April 2019, when Bridgend moved to Cwm Taf Morgannwg).
var welshBoards = map[string][]string{
	"Betsi Cadwaladr University Health Board":   {"Isle of Anglesey", "Gwynedd", "Conwy", "Denbighshire", "Flintshire", "Wrexham"},
	"Powys Teaching Health Board":               {"Powys"},
	"Hywel Dda University Health Board":         {"Carmarthenshire", "Ceredigion", "Pembrokeshire"},
	"Swansea Bay University Health Board":       {"Swansea", "Neath Port Talbot"},
	"Cwm Taf Morgannwg University Health Board": {"Bridgend", "Merthyr Tydfil", "Rhondda Cynon Taf"},
	"Cardiff and Vale University Health Board":  {"Cardiff", "the Vale of Glamorgan"},
	"Aneurin Bevan University Health Board":     {"Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen"},
}

// boardAliases: short forms in common use.
var boardAliases = map[string][]string{
	"Betsi Cadwaladr University Health Board":    {"Betsi Cadwaladr UHB", "Betsi Cadwaladr", "BCUHB"},
	"Powys Teaching Health Board":                {"Powys THB", "Powys Teaching HB"},
	"Hywel Dda University Health Board":          {"Hywel Dda UHB", "Hywel Dda"},
	"Swansea Bay University Health Board":        {"Swansea Bay UHB"},
	"Cwm Taf Morgannwg University Health Board":  {"Cwm Taf Morgannwg UHB", "Cwm Taf Morgannwg", "Cwm Taf UHB"},
	"Cardiff and Vale University Health Board":   {"Cardiff and Vale UHB", "Cardiff & Vale UHB"},
	"Aneurin Bevan University Health Board":      {"Aneurin Bevan UHB", "Aneurin Bevan"},
	"NHS Greater Glasgow and Clyde":              {"NHS GGC", "Greater Glasgow and Clyde"},
	"Belfast Health and Social Care Trust":       {"Belfast Trust", "Belfast HSC Trust"},
	"Northern Health and Social Care Trust":      {"Northern Trust", "Northern HSC Trust"},
	"South Eastern Health and Social Care Trust": {"South Eastern Trust", "South Eastern HSC Trust"},
	"Southern Health and Social Care Trust":      {"Southern Trust", "Southern HSC Trust"},
	"Western Health and Social Care Trust":       {"Western Trust", "Western HSC Trust"},
}

// niLGD: Northern Ireland's 11 local government districts (LGD2014 codes, NISRA).
var niLGD = map[string]string{
	"N09000001": "Antrim and Newtownabbey",
	"N09000002": "Armagh City, Banbridge and Craigavon",
	"N09000003": "Belfast",
	"N09000004": "Causeway Coast and Glens",
	"N09000005": "Derry City and Strabane",
	"N09000006": "Fermanagh and Omagh",
	"N09000007": "Lisburn and Castlereagh",
	"N09000008": "Mid and East Antrim",
	"N09000009": "Mid Ulster",
	"N09000010": "Newry, Mourne and Down",
	"N09000011": "Ards and North Down",
}

// niTrusts: the five Health and Social Care trusts by LGD. Trust boundaries follow the
// pre-2015 districts, so Newry, Mourne and Down (split between Southern and South
// Eastern) and Causeway Coast and Glens (Limavady is in Western) are approximated by
// the trust holding most of their population.
var niTrusts = map[string][]string{
	"Belfast Health and Social Care Trust":       {"Belfast"},
	"Northern Health and Social Care Trust":      {"Antrim and Newtownabbey", "Causeway Coast and Glens", "Mid and East Antrim", "Mid Ulster"},
	"South Eastern Health and Social Care Trust": {"Ards and North Down", "Lisburn and Castlereagh"},
	"Southern Health and Social Care Trust":      {"Armagh City, Banbridge and Craigavon", "Newry, Mourne and Down"},
	"Western Health and Social Care Trust":       {"Derry City and Strabane", "Fermanagh and Omagh"},
}

// niCounties: the six historic counties of Northern Ireland and the LGDs lying mostly
// within each (an LGD split between two counties is listed under both). Used only as
// context ("Bangor, Co. Down") and for a rough estimated county population.
var niCounties = map[string][]string{
	"Antrim":      {"Antrim and Newtownabbey", "Mid and East Antrim", "Belfast", "Lisburn and Castlereagh", "Causeway Coast and Glens"},
	"Armagh":      {"Armagh City, Banbridge and Craigavon"},
	"Down":        {"Ards and North Down", "Newry, Mourne and Down", "Lisburn and Castlereagh", "Belfast"},
	"Fermanagh":   {"Fermanagh and Omagh"},
	"Londonderry": {"Derry City and Strabane", "Causeway Coast and Glens"},
	"Tyrone":      {"Mid Ulster", "Fermanagh and Omagh", "Derry City and Strabane"},
}

// niPopulation: usual resident population of Northern Ireland, Census 2021 (NISRA,
// Census 2021 main statistics, table MS-A01: 1,903,175).
const niPopulation = 1903175

// scotCouncilPop: NRS mid-2022 population estimates by council area, as transcribed in
// a public TypeScript file found through the search index (file id 22029858938; the
// index does not name its repository). Rounded to tens as NRS publishes them.
var scotCouncilPop = map[string]float64{
	"Aberdeen City": 227560, "Aberdeenshire": 263960, "Angus": 116200, "Argyll and Bute": 86260,
	"City of Edinburgh": 527620, "Clackmannanshire": 51540, "Dumfries and Galloway": 148790,
	"Dundee City": 148820, "East Ayrshire": 122010, "East Dunbartonshire": 108750,
	"East Lothian": 108800, "East Renfrewshire": 96060, "Falkirk": 160340, "Fife": 374130,
	"Glasgow City": 635640, "Highland": 235540, "Inverclyde": 77060, "Midlothian": 94680,
	"Moray": 95710, "Na h-Eileanan an Iar": 26500, "North Ayrshire": 134250,
	"North Lanarkshire": 341370, "Orkney Islands": 22400, "Perth and Kinross": 153810,
	"Renfrewshire": 179390, "Scottish Borders": 115510, "Shetland Islands": 23080,
	"South Ayrshire": 112610, "South Lanarkshire": 320530, "Stirling": 94210,
	"West Dunbartonshire": 89130, "West Lothian": 185580,
}

// areaAliases: other names people use for a council, county, region or nation.
var areaAliases = map[string][]string{
	"England":                    {"Lloegr"},
	"Wales":                      {"Cymru"},
	"Scotland":                   {"Alba"},
	"Northern Ireland":           {"N Ireland", "Tuaisceart Éireann"},
	"East of England":            {"Eastern England", "the East of England"},
	"Yorkshire and the Humber":   {"Yorkshire", "Yorkshire and Humber"},
	"North East":                 {"North East England", "the North East"},
	"North West":                 {"North West England", "the North West"},
	"South West":                 {"South West England", "the South West"},
	"South East":                 {"South East England", "the South East"},
	"East Midlands":              {"the East Midlands"},
	"West Midlands":              {"the West Midlands"},
	"London":                     {"Greater London"},
	"North Wales":                {"Gogledd Cymru"},
	"Mid Wales":                  {"Canolbarth Cymru"},
	"South West Wales":           {"West Wales"},
	"South East Wales":           {"South Wales"},
	"Highlands and Islands":      {"the Highlands and Islands"},
	"Highland":                   {"the Highlands", "Highlands", "the Scottish Highlands", "Scottish Highlands"},
	"Scottish Borders":           {"the Borders", "the Scottish Borders"},
	"Na h-Eileanan an Iar":       {"Western Isles", "the Western Isles", "Outer Hebrides", "the Outer Hebrides", "Na h-Eileanan Siar", "Eilean Siar"},
	"Orkney Islands":             {"Orkney"},
	"Shetland Islands":           {"Shetland", "Shetland Isles"},
	"Isle of Anglesey":           {"Anglesey", "Ynys Môn"},
	"Isles of Scilly":            {"Scilly", "the Scilly Isles", "Scilly Isles"},
	"Dumfries and Galloway":      {"Dumfries & Galloway"},
	"City of Edinburgh":          {"Edinburgh City"},
	"Perth and Kinross":          {"Perthshire"},
	"City of Kingston upon Hull": {"Hull", "Kingston upon Hull"},
	"the Vale of Glamorgan":      {"Vale of Glamorgan"},
}

// islandCouncils: council areas that are wholly islands; their settlements are island
// settlements.
var islandCouncils = map[string]bool{
	"Orkney Islands": true, "Shetland Islands": true, "Na h-Eileanan an Iar": true,
	"Isle of Wight": true, "Isle of Anglesey": true, "Isles of Scilly": true,
}

// ceremonialCounties: the ceremonial counties of England (Lieutenancies Act 1997,
// Schedule 1) for the unitary authorities in OS Open Names' 2017 boundaries; a
// unitary that is its own county is left out. Linked ("also") from the unitary, so that
// "Reading, Berkshire" or "Newport, Shropshire" find the place. Stockton-on-Tees
// straddles Durham and North Yorkshire and is listed under Durham.
var ceremonialCounties = map[string][]string{
	"Bedfordshire":             {"Bedford", "Central Bedfordshire", "Luton"},
	"Berkshire":                {"Bracknell Forest", "Reading", "Slough", "West Berkshire", "Windsor and Maidenhead", "Wokingham"},
	"Buckinghamshire":          {"Milton Keynes"},
	"Cambridgeshire":           {"Peterborough"},
	"Cheshire":                 {"Cheshire East", "Cheshire West and Chester", "Halton", "Warrington"},
	"Cornwall":                 {"Isles of Scilly"},
	"Derbyshire":               {"Derby"},
	"Devon":                    {"Plymouth", "Torbay"},
	"Dorset":                   {"Bournemouth", "Poole"},
	"Durham":                   {"County Durham", "Darlington", "Hartlepool", "Stockton-on-Tees"},
	"East Riding of Yorkshire": {"Kingston upon Hull"},
	"East Sussex":              {"Brighton and Hove"},
	"Essex":                    {"Southend-on-Sea", "Thurrock"},
	"Gloucestershire":          {"South Gloucestershire"},
	"Hampshire":                {"Portsmouth", "Southampton"},
	"Kent":                     {"Medway"},
	"Lancashire":               {"Blackburn with Darwen", "Blackpool"},
	"Leicestershire":           {"Leicester"},
	"Lincolnshire":             {"North Lincolnshire", "North East Lincolnshire"},
	"North Yorkshire":          {"York", "Middlesbrough", "Redcar and Cleveland"},
	"Nottinghamshire":          {"Nottingham"},
	"Shropshire":               {"Telford and Wrekin"},
	"Somerset":                 {"Bath and North East Somerset", "North Somerset"},
	"Staffordshire":            {"Stoke-on-Trent"},
	"Wiltshire":                {"Swindon"},
}

// welshCounties: the preserved counties of Wales (Lieutenancies Act 1997, as amended
// 2003) still used as names, approximated to whole principal areas (Conwy is listed
// under Clwyd and Caerphilly under Gwent, where most of each lies).
var welshCounties = map[string][]string{
	"Clwyd":           {"Conwy", "Denbighshire", "Flintshire", "Wrexham"},
	"Dyfed":           {"Carmarthenshire", "Ceredigion", "Pembrokeshire"},
	"Gwent":           {"Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen"},
	"Mid Glamorgan":   {"Bridgend", "Merthyr Tydfil", "Rhondda Cynon Taf"},
	"South Glamorgan": {"Cardiff", "the Vale of Glamorgan"},
	"West Glamorgan":  {"Swansea", "Neath Port Talbot"},
}

// healthAreaAliases: regional names people use that coincide with an NHS board area.
var healthAreaAliases = map[string][]string{
	"NHS Ayrshire and Arran": {"Ayrshire"},
	"NHS Lanarkshire":        {"Lanarkshire"},
	"NHS Lothian":            {"Lothian", "the Lothians"},
	"NHS Grampian":           {"Grampian"},
	"NHS Tayside":            {"Tayside"},
	"NHS Forth Valley":       {"Forth Valley"},
}
