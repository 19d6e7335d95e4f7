package extract

import "testing"

// TestContextRules covers details found from what surrounds them rather than from a
// list: lower-case hospital acronyms and ward names, m/d dates with a date cue,
// names before credentials and after relative words, run-together phone shapes,
// two-digit years in a history list, ordinal days. Each positive case has a nearby
// negative that must stay quiet.
func TestContextRules(t *testing.T) {
	ex := newTestExtractor(t)
	found := []struct {
		text string
		want want
	}{
		{"she was sent to gh for review.", want{kind: KindInstitution, span: "gh", anySubj: true}},
		{"pt to bellamoor 2.", want{kind: KindInstitution, span: "bellamoor 2", anySubj: true}},
		{"Stable. PLAN: BELLAMOOR 2 WHEN BED FREE.", want{kind: KindInstitution, span: "BELLAMOOR 2", anySubj: true}},
		{"Bloods repeated on 9/10.", want{kind: KindDate, span: "9/10", anySubj: true}},
		{"Arrived at 0415 3/7, settled.", want{kind: KindDate, span: "3/7", anySubj: true}},
		{"Cefuroxime 8/2 - 8/10 completed.", want{kind: KindDate, span: "8/10", anySubj: true}},
		{"Obs stable. Rosa Delgarno, RN", want{kind: KindPersonName, span: "Rosa Delgarno", anySubj: true}},
		{"spoke at length with husband radoslav. he is aware of the plan.", want{kind: KindPersonName, span: "radoslav", subj: SubjectRelative}},
		{"wife (Ann Marsh, 202318-4471) visited.", want{kind: KindPhone, span: "202318-4471", anySubj: true}},
		{"PMH: MI 92, HTN, DM.", want{kind: KindDate, span: "92", anySubj: true}},
		{"Cultures drawn on the 14th.", want{kind: KindDate, span: "14th", anySubj: true}},
		{"drain left in situ as per J. Tarrowby.", want{kind: KindPersonName, span: "J. Tarrowby", subj: SubjectColleague}},
		{"will discuss skin care with patty kowalczyk tomorrow.", want{kind: KindPersonName, span: "patty kowalczyk", anySubj: true}},
		{"Plan discussed with Karen Ann Brannigan this morning.", want{kind: KindPersonName, span: "Karen Ann Brannigan", anySubj: true}},
		{"Obs stable overnight.\n4/5 extubated, on 2L nasal cannula.", want{kind: KindDate, span: "4/5", anySubj: true}},
		{"Recovering well s/p 3/8 CABG.", want{kind: KindDate, span: "3/8", anySubj: true}},
		{"Readmitted on 2/31/14 with fever.", want{kind: KindDate, span: "2/31/14", anySubj: true}},
		{"CXR OK TO USE LINE PER WARREN PEMBERTON NP. PLAN TO CONTINUE DIURESIS OVERNIGHT.", want{kind: KindPersonName, span: "WARREN PEMBERTON", subj: SubjectColleague}},
		{"L PUPIL LARGER THAN R (D. FAIRWEATHER PA AWARE). NO CHANGE IN GCS OVERNIGHT.", want{kind: KindPersonName, span: "D. FAIRWEATHER", subj: SubjectColleague}},
		{"Drain out. Brannigan-Painter MD will review the film.", want{kind: KindPersonName, span: "Brannigan-Painter", subj: SubjectColleague}},
		{"LARGE FAMILY. GRETA OKONKWO (DAUGHTER) IS SPOKESPERSON, CALLS DAILY.", want{kind: KindPersonName, span: "GRETA OKONKWO", subj: SubjectRelative}},
		{"social: bob visited this evening, updated on plan and happy with care.", want{kind: KindPersonName, span: "bob", anySubj: true}},
		{"UOP DOWN OVERNIGHT, J PEMBERTON ORDERED FLUID BOLUS, GIVEN AS ORDERED.", want{kind: KindPersonName, span: "J PEMBERTON", subj: SubjectColleague}},
		{"lives alone, daughter pat lives close by and visits daily.", want{kind: KindPersonName, span: "pat", subj: SubjectRelative}},
		{"Social: dtr Frances Baker visits most days.", want{kind: KindPersonName, span: "Frances Baker", subj: SubjectRelative}},
		{"cash counted by two nurses (d. pemberton and j. o'brien) and locked away.", want{kind: KindPersonName, span: "j. o'brien", anySubj: true}},
		{"PMH: CABG 81, Redo CABG 84, HTN, DM.", want{kind: KindDate, span: "84", anySubj: true}},
		{"She was first admitted in September with a fall.", want{kind: KindDate, span: "September", anySubj: true}},
		{"Please ring the ward on 0161 496 0000 ext 2231 after 5pm.", want{kind: KindPhone, span: "0161 496 0000 ext 2231", anySubj: true}},
		{"Next of kin: Greta Okonkwo cell# 07700 900417.", want{kind: KindPersonName, span: "Greta Okonkwo", anySubj: true}},
		{"pt alert, oriented x3. mary theresa vardakis from speech and swallow in today. pt on puree.", want{kind: KindPersonName, span: "mary theresa vardakis", anySubj: true}},
		{"support given by chaplain, contact was made with martin carey from ethics.", want{kind: KindPersonName, span: "martin carey", anySubj: true}},
		{"Big thank you to Priya Halloran and the acute frailty team for sorting his discharge.", want{kind: KindPersonName, span: "Priya Halloran", subj: SubjectColleague}},
		{"Hats off to Gareth Pryce, who turned the rota round in a day.", want{kind: KindPersonName, span: "Gareth Pryce", subj: SubjectColleague}},
		{"Ewan Morrow and the night staff on ward 4 kept her comfortable.", want{kind: KindPersonName, span: "Ewan Morrow", subj: SubjectColleague}},
		{"I reached out to Carol Nance about her scan results.", want{kind: KindPersonName, span: "Carol Nance", subj: SubjectPatient}},
		{"Happy to share our protocol: ring us on 01632 960 481 and ask for Dev.", want{kind: KindPhone, span: "01632 960 481", subj: SubjectAuthor}},
		{"Referrals to Fernlea Health Centre, LE11 3AB, marked urgent.", want{kind: KindPostcode, span: "LE11 3AB", subj: SubjectAuthor}},
		{"Her son gave me his mobile, 07700 900 456, for updates.", want{kind: KindPhone, span: "07700 900 456", anySubj: true}},
		{"Their address is 4 Mill Lane, so close to the surgery.", want{kind: KindAddress, span: "4 Mill Lane", anySubj: true}},
		{"Woman in her 60s with mantle cell lymphoma; the MCL has relapsed after R-CHOP.", want{kind: KindCondition, span: "MCL", anySubj: true}},
		{"Carers can't get in to the old lady at 7 Quarry Row today, the key safe has been changed.", want{kind: KindAddress, span: "7 Quarry Row", subj: SubjectPatient}},
		{"Her husband is Ted 'the Post' Hollis, who everyone here knows.", want{kind: KindPersonName, span: "Ted 'the Post' Hollis", anySubj: true}},
		{"Results for 4505577104 keep filing under the wrong practice.", want{kind: KindNHSNumber, span: "4505577104", anySubj: true}},
		{"Bloods for four five oh, five five seven, seven one oh four are still pending.", want{kind: KindNHSNumber, span: "four five oh, five five seven, seven one oh four", anySubj: true}},
		{"Members' evening, Fri 6 March, Guild Hall, Market Place, Preston PR1 2LL. All welcome.", want{kind: KindPostcode, span: "PR1 2LL", subj: SubjectAuthor}},
	}
	for _, c := range found {
		checkWant(t, c.text, ex.Extract(c.text, Context{}), c.want)
	}
	quiet := []struct {
		text string
		kind Kind
	}{
		{"urology able to reinsert 30 french catheter.", KindInstitution},
		{"she is to recieve 1 bag of platelets.", KindInstitution},
		{"Pain 9/10 on arrival, now 3/10.", KindDate},
		{"Cough for 3/7, fever 2/7 ago.", KindDate},
		{"Seen on 3/7 ago review.", KindDate},
		{"HR 92, BP 130/80, sats 97%.", KindDate},
		{"Line placed on the 2nd attempt.", KindDate},
		{"1/2 blood cultures positive.", KindDate},
		{"2/52 cough, now productive.", KindDate},
		{"Weaned to 5/5 overnight, then trialled on 5/5 again.", KindDate},
		{"WILL RECK LYTES IN AM. TRACE EDEMA NOTED.", KindPersonName},
		{"endoscopy showed a mallory weiss tear; passy muir valve tomorrow.", KindPersonName},
		{"Temp 35.1 on return from theatre, Bair Hugger blanket on.", KindPersonName},
		{"TEMP 38.9, NP AWARE OF PLAN. K REPLACED PER PROTOCOL, RECHECK IN AM.", KindPersonName},
		{"Lives alone, son will visit at the weekend and help with shopping.", KindPersonName},
		{"Seen by the Vascular Surgery MD this morning, no change.", KindPersonName},
		{"Results may vary in may be true cases.", KindDate},
		{"PMH: HTN, EF 35, CKD 3.", KindDate},
		{"Potassium 4.1, sodium 138, urea 6.2 on 12 hours of fluids.", KindPersonName},
		{"What are the signs and symptoms of Laurence Prosser Rocker syndrome?", KindPersonName},
		{"Out of 5 affected siblings examined in a large Dutch family, 2 became wheelchair-dependent.", KindPersonName},
		{"Patients need some knowledge abut their medicines before discharge.", KindPersonName},
		{"For more information, go to \"How Is Alpha-1 Antitrypsin Deficiency Treated?\"", KindPersonName},
		{"People with Diamond-Blackfan anemia have an increased risk of complications.", KindPersonName},
		{"Resources: American Society for Reproductive Medicine, British Heart Foundation.", KindEthnicity},
		{"Does anyone get Marie Curie cover overnight out here?", KindPersonName},
		{"The Sue Ryder nurses came in twice a day at the end.", KindPersonName},
		{"We applied for a Winston Churchill fellowship last year.", KindPersonName},
		{"Rugby player in his 20s, grade 2 MCL sprain, ACL intact on MRI.", KindCondition},
		{"Order 4505577104 arrived damaged, the supplier is sending another.", KindNHSNumber},
		{"Call the surgery on 0161 496 0123 for an appointment.", KindNHSNumber},
	}
	for _, c := range quiet {
		ds := ex.Extract(c.text, Context{})
		if got := find(ds, c.kind); len(got) > 0 {
			t.Errorf("%q: unexpected %s:\n%s", c.text, c.kind, dump(c.text, ds))
		}
	}
}
