package extract

import (
	"slices"
	"testing"
)

// placeIn returns the detail of kind k at span in a reading of text with the author's
// profile location loc, failing the test when there is none.
func placeIn(t *testing.T, ex *Extractor, text, loc string, k Kind, span string) Detail {
	t.Helper()
	r := ex.Read(text, Context{At: testCtx.At, AuthorLocation: loc})
	for _, d := range r.Details {
		if d.Kind == k && text[d.Start:d.End] == span {
			return d
		}
	}
	t.Errorf("%q (author in %q): no %s %q\n%s", text, loc, k, span, dumpReading(text, r))
	return Detail{}
}

// TestReadingPlaces covers the gazetteer (gazetteer.go and the place conditions of
// phrases.go): islands placed by "on", homonyms chosen by a qualifier after them or by
// the author's practice, names that are also words, and places that name a service.
func TestReadingPlaces(t *testing.T) {
	ex := newTestExtractor(t)
	P := SubjectPatient
	cases := []readCase{
		// A town after an establishment's name and a comma, as a letter heads it.
		{text: "Seen at the Larkfield Health Centre, Wick\nDear Dr Ross", want: []rd{{kind: KindPlace, value: "wick"}}},
		// The town of an address, before its postcode; a place as one item of a case's
		// shorthand list after the age.
		{text: "Re: Mrs Joan Pickles, 4 Mill Brow, Wick KW1 4AB, DOB 01/02/1950", want: []rd{{kind: KindPlace, value: "wick"}}},
		{text: "Bed 6: Ross Maclean, 52, Wick, pneumonia, on IV abx.", want: []rd{{kind: KindPlace, value: "wick", subj: P}}},
		{text: "The wick of the candle burnt down, 52, then out.", not: []nd{{kind: KindPlace}}},
		// A place name written as a name before a noun of a clinician's round is where
		// the patient is; a clinic in a small place serves that place.
		{text: "Foula visit yesterday. Man in his 60s with chest pain.", want: []rd{{kind: KindPlace, value: "foula", subj: P}}},
		{text: "Long Eaton home visit this morning, lady in her 90s, fallen.", want: []rd{{kind: KindPlace, value: "long eaton", subj: P}}},
		{text: "Barra clinic this morning: man in his 60s with chest pain.", want: []rd{{kind: KindPlace, value: "barra", subj: P}}},
		{text: "Long list of visits this morning, lady in her 90s, fallen.", not: []nd{{kind: KindPlace}}},
		// A service in a city draws on its hospital's catchment.
		{text: "Truro fracture clinic saw him last week.", want: []rd{{kind: KindInstitution, value: "truro"}}},
		// An island is placed by "on" as a town is by "in".
		{text: "Lady in her 70s who lives on Mull.", want: []rd{{kind: KindPlace, span: "Mull", value: "mull", subj: P, ref: 1}}},
		{text: "She lives out on Tiree.", want: []rd{{kind: KindPlace, span: "Tiree", value: "tiree", subj: P}}},
		{text: "Crofter on Barra with COPD.", want: []rd{{kind: KindPlace, span: "Barra", value: "barra", subj: P, ref: 1}}},
		{text: "He lives on Bute.", want: []rd{{kind: KindPlace, span: "Bute", value: "bute", subj: P}}},
		{text: "He lives on Orkney.", want: []rd{{kind: KindPlace, span: "Orkney", value: "orkney islands"}}},
		{text: "She lives on Harris.", want: []rd{{kind: KindPlace, span: "Harris", value: "harris"}}},
		{text: "Woman on Lewis with asthma.", want: []rd{{kind: KindPlace, span: "Lewis", value: "lewis", subj: P}}},
		{text: "Man on Jura with gout.", want: []rd{{kind: KindPlace, span: "Jura", value: "jura", subj: P}}},
		{text: "She lives on Anglesey.", want: []rd{{kind: KindPlace, span: "Anglesey", value: "anglesey"}}},
		{text: "She lives in Anglesey.", want: []rd{{kind: KindPlace, span: "Anglesey", value: "anglesey"}}},
		{text: "The boat is off Coll tonight.", want: []rd{{kind: KindPlace, span: "Coll", value: "coll"}}},

		// Names that are also words: places only when written and placed as one.
		{text: "Woman from Bath with lupus.", want: []rd{{kind: KindPlace, span: "Bath", value: "bath", subj: P}}},
		{text: "He lives near Hope.", want: []rd{{kind: KindPlace, span: "Hope", value: "hope"}}},
		{text: "Woman from Ware with RA.", want: []rd{{kind: KindPlace, span: "Ware", value: "ware"}}},
		{text: "She moved to Wick last year.", want: []rd{{kind: KindPlace, span: "Wick", value: "wick"}}},
		{text: "She lives in Reading.", want: []rd{{kind: KindPlace, span: "Reading", value: "reading"}}},
		{text: "Have a bath before bed.", not: []nd{{kind: KindPlace}}},
		{text: "There is no hope of recovery.", not: []nd{{kind: KindPlace}}},
		{text: "Beware of the dog.", not: []nd{{kind: KindPlace}}},
		{text: "She lives on Main Street.", not: []nd{{kind: KindPlace}}},
		// "March" and "May" are months, not towns.
		{text: "She lives in march.", not: []nd{{kind: KindPlace}}},
		{text: "Seen in March with a cough.", not: []nd{{kind: KindPlace}}},

		// A city by its usual short name.
		{text: "He lives in Hull.", want: []rd{{kind: KindPlace, span: "Hull", value: "city of kingston upon hull"}}},
		// Two places, both the patient's.
		{text: "She lives in Morecambe and works in Lancaster.", want: []rd{
			{kind: KindPlace, span: "Morecambe", subj: P, ref: 1},
			{kind: KindPlace, span: "Lancaster", subj: P, ref: 1},
		}},

		// A place that names where a service is: an institution, not a home.
		{text: "We referred her to Glasgow for a transplant assessment.", want: []rd{{kind: KindInstitution, span: "Glasgow"}}, not: []nd{{kind: KindPlace, span: "Glasgow"}}},
		{text: "Referred to Cardiff immunology.", want: []rd{{kind: KindInstitution, span: "Cardiff"}}, not: []nd{{kind: KindPlace}}},
		{text: "Seen in Truro fracture clinic.", want: []rd{{kind: KindInstitution, span: "Truro"}}, not: []nd{{kind: KindPlace}}},
		{text: "She lives in Glasgow.", want: []rd{{kind: KindPlace, span: "Glasgow", value: "glasgow"}}, not: []nd{{kind: KindInstitution}}},
	}
	for _, c := range cases {
		checkReading(t, ex, c)
	}
}

// TestReadingPlaceHomonyms covers qualifiedPlace and nearAuthor: "Newport,
// Pembrokeshire" is not the city of Newport; "Holy Island" to a Northumberland GP is
// Lindisfarne.
func TestReadingPlaceHomonyms(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []struct {
		text, loc, span string
		chain           string // an area the place must lie in
		notChain        string // an area it must not
	}{
		{"She lives in Newport.", "", "Newport", "south east wales", "pembrokeshire"},
		{"She lives in Newport, Pembrokeshire.", "", "Newport", "pembrokeshire", "south east wales"},
		{"She lives in Newport.", "Fishguard", "Newport", "pembrokeshire", "south east wales"},
		{"She lives in Richmond.", "", "Richmond", "london", "north yorkshire"},
		{"He moved to Richmond in Yorkshire last year.", "", "Richmond", "north yorkshire", "london"},
		{"He lives near Hope.", "", "Hope", "flintshire", "derbyshire"},
		{"She lives near Hope in Derbyshire.", "", "Hope", "derbyshire", "flintshire"},
		{"He lives on Holy Island.", "", "Holy Island", "isle of anglesey", "northumberland"},
		{"He lives on Holy Island.", "Holyhead", "Holy Island", "isle of anglesey", "northumberland"},
		{"He lives on Holy Island.", "Alnwick, Northumberland", "Holy Island", "northumberland", "isle of anglesey"},
		{"She lives in Keswick.", "", "Keswick", "cumbria", "wales"},
	}
	for _, c := range cases {
		d := placeIn(t, ex, c.text, c.loc, KindPlace, c.span)
		if d.Kind == "" {
			continue
		}
		if !slices.Contains(d.Generalisations, c.chain) || slices.Contains(d.Generalisations, c.notChain) {
			t.Errorf("%q (author in %q): %s chain %v, want in %q and not in %q", c.text, c.loc, c.span, d.Generalisations, c.chain, c.notChain)
		}
		if d.Population <= 0 || d.Frequency <= 0 {
			t.Errorf("%q: %s without population (%g) or share (%g)", c.text, c.span, d.Population, d.Frequency)
		}
	}
	// The qualified homonym is the smaller place: fewer people match it.
	city := placeIn(t, ex, "She lives in Newport.", "", KindPlace, "Newport")
	town := placeIn(t, ex, "She lives in Newport, Pembrokeshire.", "", KindPlace, "Newport")
	if !(town.Population > 0 && town.Population < city.Population) {
		t.Errorf("Newport, Pembrokeshire population %g not below Newport's %g", town.Population, city.Population)
	}
	// A service's place takes the hospital's catchment, not the town's population.
	inst := placeIn(t, ex, "We referred her to Glasgow for a transplant assessment.", "", KindInstitution, "Glasgow")
	if inst.Population != 0 || !slices.Contains(inst.Generalisations, "hospital") {
		t.Errorf("service place: population %g, chain %v; want 0 and a hospital", inst.Population, inst.Generalisations)
	}
}

// TestReadingRunTogetherPlaceNames: a Welsh place whose official form is hyphenated is
// found as everyday writing runs it together.
func TestReadingRunTogetherPlaceNames(t *testing.T) {
	ex := newTestExtractor(t)
	for _, c := range []readCase{
		{text: "He lives in Penclawdd with his brother.", want: []rd{{kind: KindPlace, span: "Penclawdd", value: "pen-clawdd", subj: SubjectPatient}}},
		{text: "He lives in Pen-clawdd with his brother.", want: []rd{{kind: KindPlace, span: "Pen-clawdd", value: "pen-clawdd", subj: SubjectPatient}}},
	} {
		checkReading(t, ex, c)
	}
}

// TestReadingShortHospitalNames: "Royal <Place>" names the hospital the gazetteer knows
// by its full name; other "Royal" phrases are not hospitals.
func TestReadingShortHospitalNames(t *testing.T) {
	ex := newTestExtractor(t)
	for _, c := range []readCase{
		{text: "She was admitted to the Royal Lancaster last night.", want: []rd{{kind: KindInstitution, span: "Royal Lancaster", value: "royal lancaster infirmary", subj: SubjectPatient}}},
		{text: "Renal at Royal Derby took over his care.", want: []rd{{kind: KindInstitution, span: "Royal Derby", value: "royal derby hospital"}}},
		// A hospital named the short way, where the words around say a hospital is
		// meant; the same word after "lives in" is the place.
		{text: "She was blue-lighted to Musgrove Park overnight.", want: []rd{{kind: KindInstitution, value: "musgrove park hospital"}}},
		{text: "Nursing note - Pilgrim ward 6, settled night.", want: []rd{{kind: KindInstitution, value: "pilgrim hospital"}}},
		{text: "He lives in Whiston with his daughter.", want: []rd{{kind: KindPlace, value: "whiston"}}, not: []nd{{kind: KindInstitution}}},
		{text: "The Royal Family visited the town.", not: []nd{{kind: KindInstitution}}},
		{text: "He served in the Royal Navy.", not: []nd{{kind: KindInstitution, value: "royal navy hospital"}}},
	} {
		checkReading(t, ex, c)
	}
}
