package places

import "testing"

// Scotland's hospitals come from PHS's hospital codes list and Northern Ireland's from
// the HSC trusts' list (see data/SOURCES.md); each is placed in its town.
func TestScotNIHospitals(t *testing.T) {
	g := Default()
	at := func(name, town string) *Institution {
		for _, in := range g.Institution(name) {
			if in.Kind == Hospital && in.Place.Name == town {
				return in
			}
		}
		t.Errorf("no hospital %q at %s: %+v", name, town, g.Institution(name))
		return nil
	}
	cases := []struct {
		name, town string
		scope      Scope
	}{
		{"Ninewells Hospital", "Dundee", District},
		{"Aberdeen Royal Infirmary", "Aberdeen", District},
		{"Raigmore Hospital", "Inverness", District},
		{"Royal Alexandra Hospital", "Paisley", District},
		{"Queen Elizabeth University Hospital", "Glasgow", Regional},
		{"Golden Jubilee National Hospital", "Clydebank", National},
		{"Gilbert Bain Hospital", "Lerwick", District},
		{"Craigavon Area Hospital", "Craigavon", District},
		{"Antrim Area Hospital", "Antrim", District},
		{"Mater Infirmorum Hospital", "Belfast", District},
		{"Royal Belfast Hospital for Sick Children", "Belfast", Regional},
	}
	for _, c := range cases {
		if in := at(c.name, c.town); in != nil && in.Scope != c.scope {
			t.Errorf("%s: scope %v, want %v", c.name, in.Scope, c.scope)
		}
	}
	// a hospital of a one-council trust is placed in the trust's area, whose
	// population is the council's
	rvh := at("Royal Victoria Hospital", "Belfast Health and Social Care Trust")
	if c := g.Ancestor(g.Resolve("Belfast"), Council); rvh != nil && (c == nil || rvh.Catchment != c.Population) {
		t.Errorf("Royal Victoria Hospital, Belfast: catchment %.0f, want Belfast council's (%v)", rvh.Catchment, c)
	}
	perNation := map[string]int{}
	g.Institutions(func(in *Institution) bool {
		if in.Kind == Hospital {
			perNation[g.Nation(in.Place).Name]++
		}
		return true
	})
	if perNation["Scotland"] < 250 || perNation["Northern Ireland"] < 10 {
		t.Errorf("hospitals by nation: %v", perNation)
	}
	t.Logf("hospitals by nation: %v", perNation)
}
