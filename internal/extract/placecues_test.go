package extract

import "testing"

// TestPlaceCues covers institutions and areas found from how notes name them; each
// rule has a nearby sentence that must stay quiet.
func TestPlaceCues(t *testing.T) {
	ex := newTestExtractor(t)
	found := []struct {
		text string
		want want
	}{
		{"Had her bypass at Holy Trinity two years ago.", want{kind: KindInstitution, span: "Holy Trinity", anySubj: true}},
		{"plan transfer back to sacred heart tomorrow if stable.", want{kind: KindInstitution, span: "sacred heart", anySubj: true}},
		{"Lives at Thornbury House, independent with a frame.", want{kind: KindInstitution, span: "Thornbury House", anySubj: true}},
		{"58 YR OLD ADMITTED TO BRAMLEY HOSPIATAL AFTER A FALL AT HOME WITH CONFUSION.", want{kind: KindInstitution, span: "BRAMLEY HOSPIATAL", anySubj: true}},
		{"Slowly improved and transferred to Quellbury MICU overnight.", want{kind: KindInstitution, span: "Quellbury", anySubj: true}},
		{"Family drove up from the Jurassic Coast this morning.", want{kind: KindInstitution, span: "Jurassic Coast", anySubj: true}},
		{"He lives in the Ravenhurst area with his wife.", want{kind: KindInstitution, span: "Ravenhurst", anySubj: true}},
		{"Her husband works for Genentech and travels a lot.", want{kind: KindInstitution, span: "Genentech", anySubj: true}},
		{"Was accepted by St. Agnes but cannot leave until Monday.", want{kind: KindInstitution, span: "St. Agnes", anySubj: true}},
		{"EKG POSITIVE SO TAKEN TO LAUREL REGIONAL WHERE TROPONIN WAS ALSO RAISED.", want{kind: KindInstitution, span: "LAUREL REGIONAL", anySubj: true}},
		{"MedFlight from Greater Fenwick Med Ctr for work-up of a GI bleed.", want{kind: KindInstitution, span: "Greater Fenwick Med Ctr", anySubj: true}},
		{"HO WANTS A CONSULT FROM THE GBMC. HO SPOKE TO CARDIOLOGY ABOUT THE PLAN.", want{kind: KindInstitution, span: "GBMC", anySubj: true}},
		{"Wants to go to Harbor and wait for a heart there.", want{kind: KindInstitution, span: "Harbor", anySubj: true}},
		{"When asked where he was he said \"at mabel grey's house\" and smiled.", want{kind: KindInstitution, span: "mabel grey", anySubj: true}},
		{"SCREENED BY THORNBURY REHAB AND KIMBROUGH. MAY TRANSFER WHEN A BED IS FREE.", want{kind: KindInstitution, span: "KIMBROUGH", anySubj: true}},
		{"daughter returned to new haven today, back at the weekend.", want{kind: KindPlace, span: "new haven", anySubj: true}},
	}
	for _, c := range found {
		checkWant(t, c.text, ex.Extract(c.text, Context{}), c.want)
	}
	quiet := []string{
		"Many hospitals offer this test to anyone over 50.",
		"These signs may be caused by LCH or by other conditions.",
		"Mutations in the GCDH gene cause this disorder.",
		"was o2 dependent at prev rehab site, on cpap as well.",
		"He works for himself as a joiner.",
		"Good practice is to repeat the test in a week.",
		"This is the holy grail of hypertension management.",
		"She has been in a lot of pain in the lower back area.",
		"may be transferred to the floor or vicu, per decision of team.",
		"He came back to the practice's house officer for review.",
	}
	for _, q := range quiet {
		ds := ex.Extract(q, Context{})
		if got := find(ds, KindInstitution); len(got) > 0 {
			t.Errorf("%q: unexpected institution:\n%s", q, dump(q, ds))
		}
	}
}
