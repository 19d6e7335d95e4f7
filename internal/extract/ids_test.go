package extract

import (
	"testing"
	"unicode"
)

// idCase is a sentence written for these tests and the identifiers it must yield
// (kind, exact original span, value when not empty).
type idCase struct {
	text string
	want []want
}

func runIDCases(t *testing.T, cases []idCase) {
	t.Helper()
	ex := newTestExtractor(t)
	for _, c := range cases {
		ds := ex.Extract(c.text, testCtx)
		for _, w := range c.want {
			w.anySubj = true
			if w.span != "" {
				checkWant(t, c.text, ds, w)
				continue
			}
			found := false
			for _, d := range ds {
				if d.Kind == w.kind && (w.value == "" || d.Value == w.value) {
					found = true
				}
			}
			if !found {
				t.Errorf("%q: no %s %q; got:\n%s", c.text, w.kind, w.value, dump(c.text, ds))
			}
		}
	}
}

// runNoIDCases checks that none of texts yields a direct identifier of the kinds
// given (all direct kinds when none are given).
func runNoIDCases(t *testing.T, texts []string, kinds ...Kind) {
	t.Helper()
	ex := newTestExtractor(t)
	for _, text := range texts {
		for _, d := range ex.Extract(text, testCtx) {
			if !d.Direct {
				continue
			}
			bad := len(kinds) == 0
			for _, k := range kinds {
				bad = bad || d.Kind == k
			}
			if bad {
				t.Errorf("%q: unexpected %s %q (value %q)", text, d.Kind, text[d.Start:d.End], d.Value)
			}
		}
	}
}

func TestHiddenCharacters(t *testing.T) {
	runIDCases(t, []idCase{
		{"Her NHS number\x00943 476 5919 is on the form", []want{{kind: KindNHSNumber, span: "943 476 5919", value: "9434765919"}}},
		{"NHS number\u200b9434765919 again", []want{{kind: KindNHSNumber, span: "9434765919", value: "9434765919"}}},
		{"nhs no:\u00859434765919", []want{{kind: KindNHSNumber, span: "9434765919"}}},
		{"NHS number 943\u0007476\u200d5919", []want{{kind: KindNHSNumber, span: "943\u0007476\u200d5919", value: "9434765919"}}},
		{"NHS number 9\u202e43 4\u206676 59\u00ad19", []want{{kind: KindNHSNumber, span: "9\u202e43 4\u206676 59\u00ad19", value: "9434765919"}}},
		{"Saw Mrs Jo\u0000an Ha\u200bll\ufeffiday today", []want{{kind: KindPersonName, span: "Mrs Jo\u0000an Ha\u200bll\ufeffiday", value: "joan halliday"}}},
		{"call\x1f07700 900123 tonight", []want{{kind: KindPhone, span: "07700 900123"}}},
	})
}

// TestInvisibleEverywhere checks every control and format character: each is
// removed between two letters or two digits, or a short code's letters and its
// digits, and read as a space between a word and a number; none survives into the
// normalised text.
func TestInvisibleEverywhere(t *testing.T) {
	var n normalised
	count := 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF || r == '\t' || r == '\n' || r == '\r' || r == 0x85 {
			continue
		}
		if !(r < 0x20 || r >= 0x7f && r <= 0x9f || unicode.Is(unicode.Cf, r)) {
			continue
		}
		count++
		c := string(r)
		for in, want := range map[string]string{"ab" + c + "cd": "abcd", "12" + c + "34": "1234", "abc" + c + "34": "abc 34", "12" + c + c + "cde": "12 cde", "SV" + c + "21": "SV21", "21" + c + "LX": "21LX"} {
			normalise(in, &n, nil)
			if n.text != want {
				t.Fatalf("U+%04X: %q normalised to %q, want %q", r, in, n.text, want)
			}
		}
	}
	if count < 200 {
		t.Fatalf("only %d characters tested", count)
	}
}

func TestDigitsInWordsAndLookalikes(t *testing.T) {
	runIDCases(t, []idCase{
		// NHS numbers spoken, with commas between the groups.
		{"pt's nhs number is six one two, three four five, six seven eight four if anyone can look", []want{{kind: KindNHSNumber, span: "six one two, three four five, six seven eight four", value: "6123456784"}}},
		{"NHS no: four five oh, nine eight one, two three four five", []want{{kind: KindNHSNumber, value: "4509812345", span: "four five oh, nine eight one, two three four five"}}},
		{"nhs number is seven one nought two oh three oh four oh one", []want{{kind: KindNHSNumber, value: "7102030401", span: "seven one nought two oh three oh four oh one"}}},
		// Labelled, check digit failing: still the patient's number.
		{"NHS number 486 201 3571 please check", []want{{kind: KindNHSNumber, value: "4862013571", span: "486 201 3571"}}},
		{"her NHS no is four eight six, two oh one, three five seven one", []want{{kind: KindNHSNumber, value: "4862013571"}}},
		// Letters for digits.
		{"Results for NHS 4O1 O23 2l37 are stuck", []want{{kind: KindNHSNumber, span: "4O1 O23 2l37", value: "4010232137"}}},
		{"NHS no. 6l2 345 678I", []want{{kind: KindNHSNumber, span: "6l2 345 678I", value: "6123456781"}}},
		// Phones spoken: double, treble, hundred, oh.
		{"her mobile is oh seven nine double one, treble four, five six two", []want{{kind: KindPhone, span: "oh seven nine double one, treble four, five six two", value: "+447911444562"}}},
		{"son's number: oh seven seven double oh, nine hundred, one two three", []want{{kind: KindPhone, value: "+447700900123", span: "oh seven seven double oh, nine hundred, one two three"}}},
		{"ring the daughter on oh one two three four, five six seven eight nine oh", []want{{kind: KindPhone, value: "+441234567890"}}},
		{"ring the son on oh one one three, four nine six, oh five twelve", []want{{kind: KindPhone, value: "+441134960512"}}},
		{"wife's mob O77OO 9OO123", []want{{kind: KindPhone, span: "O77OO 9OO123", value: "+447700900123"}}},
		{"text him on O7911 l23456", []want{{kind: KindPhone, span: "O7911 l23456", value: "+447911123456"}}},
		// CHI: 6-4 with a date, labelled or not; a failing check digit with a label.
		{"SCI Gateway says CHI not found for the referral. I have typed 120456 1230 three times now", []want{{kind: KindCHINumber, span: "120456 1230", value: "1204561230"}}},
		{"typed 050752 1110 into the form", []want{{kind: KindCHINumber, span: "050752 1110"}}},
		{"CHI 050752 1117 bounced", []want{{kind: KindCHINumber, span: "050752 1117", value: "0507521117"}}},
		{"chi no. 0507521117 bounced", []want{{kind: KindCHINumber, span: "0507521117"}}},
		{"The portal says CHI not recognised again. I have typed 050752 1234 four times.", []want{{kind: KindCHINumber, span: "050752 1234", value: "0507521234"}}},
		// Health and Care numbers.
		{"H&C no 335 712 0488 - anyone know the Trust's portal?", []want{{kind: KindHCNumber, span: "335 712 0488", value: "3357120488"}}},
		{"his H+C number 371 204 5560 is on the letter", []want{{kind: KindHCNumber, span: "371 204 5560", value: "3712045560"}}},
		{"Health and Care number: three seven one, two oh four, five five six five", []want{{kind: KindHCNumber, value: "3712045565"}}},
		// Dates of birth spoken or spaced.
		{"She was born on the fourth of July nineteen forty-nine in Rhyl.", []want{{kind: KindDateOfBirth, span: "fourth of July nineteen forty-nine", value: "1949-07-04"}}},
		{"born July the 4th 1949", []want{{kind: KindDateOfBirth, span: "July the 4th 1949", value: "1949-07-04"}}},
		{"born on July the fourth, nineteen forty nine", []want{{kind: KindDateOfBirth, value: "1949-07-04"}}},
		{"DOB 04 07 1949, lives alone", []want{{kind: KindDateOfBirth, span: "04 07 1949", value: "1949-07-04"}}},
		{"DOB 4 7 49 on the letter", []want{{kind: KindDateOfBirth, span: "4 7 49", value: "1949-07-04"}}},
		{"date of birth oh four oh seven four nine", []want{{kind: KindDateOfBirth, span: "oh four oh seven four nine", value: "1949-07-04"}}},
	})
}

func TestDigitLookalikesThatAreNot(t *testing.T) {
	runNoIDCases(t, []string{
		"MHRA recall: batches 7K21B05 and 7K21B06 (exp 03/2027), check your bags.",
		"NICE NG136 and SIGN 158 differ on the threshold; see also CG181.",
		"O2 sats 91% on 2l, now on 4l via nasal cannula.",
		"Paracetamol 1g PO QDS, amlodipine 5mg OD, bisoprolol 2.5mg OD.",
		"Coded as I10 and I48 at the 10 l0 meeting.",
		"Seen at 1400, reviewed at 1630, discharged 1 2 3 days later.",
		"Take one or two tablets four to six times a day for three weeks.",
		"She had one, two, three, four falls in a month; five six seven eight nine ten.",
		"Ring NHS 24 on 111 or NHS 111 if it gets worse.",
		"Total cholesterol 5.4, LDL 3.1, HDL 1.O, trig 2.2.",
		"The trial randomised four hundred and twelve people over two thousand and twenty days.",
		"Version 1.2.3 of the form, ref HB/PG/2024/017.",
	}, KindNHSNumber, KindCHINumber, KindHCNumber, KindPhone, KindDateOfBirth, KindHospitalNo)
}

func TestPostcodesSplitAndLowerCase(t *testing.T) {
	runIDCases(t, []idCase{
		{"house call needed at sa62 6 qd this morning", []want{{kind: KindPostcode, span: "sa62 6 qd", value: "SA62 6QD"}}},
		{"she's at S A 6 2 6QD now", []want{{kind: KindPostcode, span: "S A 6 2 6QD", value: "SA62 6QD"}}},
		{"address ends sa626qd if that helps", []want{{kind: KindPostcode, span: "sa626qd", value: "SA62 6QD"}}},
		{"postcode ll57 2 pw - DM me", []want{{kind: KindPostcode, span: "ll57 2 pw", value: "LL57 2PW"}}},
		{"lives at CF 14 4XW with her son", []want{{kind: KindPostcode, span: "CF 14 4XW", value: "CF14 4XW"}}},
		{"visit at ch5 3 da today", []want{{kind: KindPostcode, span: "ch5 3 da", value: "CH5 3DA"}}},
		{"post code: Sa62 6qd", []want{{kind: KindPostcode, value: "SA62 6QD"}}},
		{"lives at cf14 4xw", []want{{kind: KindPostcode, span: "cf14 4xw", value: "CF14 4XW"}}},
	})
	runNoIDCases(t, []string{
		"Gave her the b12 3rd dose yesterday.",
		"Day 2 of 3, at me 2 2nd floor.",
		"T 2 DM and S 1 S2 normal, G 6 PD deficient.",
		"Bloods: Na 140, K 4.1, Ur 6.2, Cr 88.",
		"CV: hr 74 sr, bp 118/70. HR 88 SB at rest.",
		"MONITOR SHOWS NSR W 1 6 BT RUN OF VT OVERNIGHT.",
	}, KindPostcode)
	// An outward code alone stays a district, a quasi-identifier.
	ex := newTestExtractor(t)
	text := "She lives in SA62 and works in town."
	ds := ex.Extract(text, testCtx)
	checkWant(t, text, ds, want{kind: KindPostcodeDistrict, span: "SA62", value: "SA62", anySubj: true})
}

func TestDisguisedEmails(t *testing.T) {
	runIDCases(t, []idCase{
		{"she keeps emailing me (r.owens88 at yahoo dot co dot uk) at 2am", []want{{kind: KindEmail, span: "r.owens88 at yahoo dot co dot uk", value: "r.owens88@yahoo.co.uk"}}},
		{"contact k.lewis[at]outlook[.]com for the family", []want{{kind: KindEmail, span: "k.lewis[at]outlook[.]com", value: "k.lewis@outlook.com"}}},
		{"it's gethin (at) btinternet (dot) com", []want{{kind: KindEmail, span: "gethin (at) btinternet (dot) com", value: "gethin@btinternet.com"}}},
		{"write to m_price{at}nhs{dot}net today", []want{{kind: KindEmail, span: "m_price{at}nhs{dot}net", value: "m_price@nhs.net"}}},
		{"email is dai dot evans at gmail dot com", []want{{kind: KindEmail, span: "dai dot evans at gmail dot com", value: "dai.evans@gmail.com"}}},
		{"J.Pryce AT Hotmail DOT co DOT uk", []want{{kind: KindEmail, value: "j.pryce@hotmail.co.uk"}}},
		{"her address: lowri.b @ gmail.com", []want{{kind: KindEmail, span: "lowri.b @ gmail.com", value: "lowri.b@gmail.com"}}},
		{"mail bethan.h@nhs dot net", []want{{kind: KindEmail, value: "bethan.h@nhs.net"}}},
		{"the daughter is lowri<at>icloud<dot>com", []want{{kind: KindEmail, value: "lowri@icloud.com"}}},
	})
	runNoIDCases(t, []string{
		"email me at gmail dot com if you want the slides",
		"Seen at home. Dot the i's before the MDT.",
		"The team at leeds dot ac dot uk replied, and she was at work dot five.",
		"We met at Cardiff (dot) on the map at 3pm.",
		"Bloods at 0800 dot point 5 ml.",
		"Discussed at MDT dot com era talk.",
		"Noradrenaline at 150mcg.PA line resited. Fluids at 100.hr overnight.",
		"Sugar 14 at 0400. \nno insulin given; ETT 22 at lip. Pt settled.",
		"Amiodarone at rate.NO change overnight.",
	}, KindEmail)
}

func TestSpelledOutAndOtherScripts(t *testing.T) {
	var n normalised
	for in, want := range map[string]string{
		"pt is c i a r a, 9":          "pt is ciara, 9",
		"name j-a-n-e-t on file":      "name janet on file",
		"my pt d.a.v.e from":          "my pt dave from",
		"NI no: C X 2 6 5 5 4 1 B.":   "NI no: CX265541B.",
		"no. M-O-4-4-7-1-9-2-3 today": "no. MO4471923 today",
		"a 2 x 3 x 4 cm mass":         "a 2 x 3 x 4 cm mass",
		"e.g. U.K. and I a m":         "e.g. U.K. and I a m",
		"1.2.3.4 and 5-6-7-8":         "1.2.3.4 and 5-6-7-8",
		"DOB ٢٠/٠٣/١٩٨٢":              "DOB 20/03/1982",
		"NHS ৯৪৩ ४७६ ๕๙๑๙":            "NHS 943 476 5919",
	} {
		normalise(in, &n, nil)
		if n.text != want {
			t.Errorf("%q normalised to %q, want %q", in, n.text, want)
		}
	}
	runIDCases(t, []idCase{
		{"His NI no: C X 2 6 5 5 4 1 B, works nights", []want{{kind: KindNINumber, span: "C X 2 6 5 5 4 1 B", value: "CX265541B"}}},
		{"NI number is E-M-1-7-6-4-8-1-A.", []want{{kind: KindNINumber, span: "E-M-1-7-6-4-8-1-A"}}},
		{"Hosp No K-0-4-4-7-1-9-2-3 on the sticker", []want{{kind: KindHospitalNo, span: "K-0-4-4-7-1-9-2-3"}}},
		{"DOB ٠٥/٠٦/١٩٥٢ on the form", []want{{kind: KindDateOfBirth, span: "٠٥/٠٦/١٩٥٢", value: "1952-06-05"}}},
		{"The patient has a car, reg SV\u200b21 LXK, still driving", []want{{kind: KindVehicleReg, span: "SV\u200b21 LXK"}}},
	})
}

func TestDisguisedContacts(t *testing.T) {
	runIDCases(t, []idCase{
		{"mail the pt on gareth underscore jones 82 at yahoo dot com please", []want{{kind: KindEmail, span: "gareth underscore jones 82 at yahoo dot com", value: "gareth_jones82@yahoo.com"}}},
		{"her email is n.price1970 @ gmail . com if you need it", []want{{kind: KindEmail, span: "n.price1970 @ gmail . com", value: "n.price1970@gmail.com"}}},
		{"Insta is @ seren _ bakes if you want to look", []want{{kind: KindSocialHandle, span: "@ seren _ bakes", value: "@seren_bakes"}}},
		{"her tiktok is @ lowrijones and it's all her stoma", []want{{kind: KindSocialHandle, value: "@lowrijones"}}},
		{"his fb is facebook dot com slash gareth.price.1961 - all there", []want{{kind: KindURL, span: "facebook dot com slash gareth.price.1961", value: "facebook.com/gareth.price.1961"}}},
	})
	runNoIDCases(t, []string{
		"meet @ 5 pm outside, or @ the pub",
		"Breath sounds dim @ bases. Only small change. TF @ goal. Stooling.",
		"IVF @KVO. METOPROLOL HELD TODAY.",
		"Send it to the board at their address dot.",
		"the rate of 5 slash 10 was wrong",
		"news dot com slash health had it",
	}, KindEmail, KindSocialHandle, KindURL)
}

func TestDatesOfBirthDisguised(t *testing.T) {
	runIDCases(t, []idCase{
		{"pt DOB is ninth of march nineteen fifty-one, lives alone", []want{{kind: KindDateOfBirth, span: "ninth of march nineteen fifty-one", value: "1951-03-09"}}},
		{"dob: 3rd may 1944", []want{{kind: KindDateOfBirth, span: "3rd may 1944", value: "1944-05-03"}}},
		{"HOPKINS, Gwyneth - DOB 14.ix.1958 - ward 7", []want{{kind: KindDateOfBirth, span: "14.ix.1958", value: "1958-09-14"}}},
		{"DOB: O3/O9/196l, HC on the letter", []want{{kind: KindDateOfBirth, span: "O3/O9/196l", value: "1961-09-03"}}},
		{"born 2O/11/1939 in Neath", []want{{kind: KindDateOfBirth, span: "2O/11/1939", value: "1939-11-20"}}},
	})
	runNoIDCases(t, []string{
		"O2 at 2l/min, reviewed 1O/1O, may march on.",
		"Section IV.ii.3 of the guideline, and the fifth of the patients may do well.",
	}, KindDateOfBirth)
}

func TestHospitalNumbers(t *testing.T) {
	runIDCases(t, []idCase{
		{"For the record RTH0012345 now shows another patient's allergy.", []want{{kind: KindHospitalNo, span: "RTH0012345", value: "RTH0012345"}}},
		{"Re: PARRY, Glenys (RXR-204-7781) - can someone check", []want{{kind: KindHospitalNo, span: "RXR-204-7781", value: "RXR2047781"}}},
		{"Unit no. W0381294 still NBM", []want{{kind: KindHospitalNo, span: "W0381294"}}},
		{"MRN: 40918273 on the sticker", []want{{kind: KindHospitalNo, span: "40918273"}}},
		{"her K-number K1234567 is on the letter", []want{{kind: KindHospitalNo, span: "K1234567"}}},
		{"hosp no: M0381294, ward 7", []want{{kind: KindHospitalNo, span: "M0381294"}}},
		{"UHW no. C2271904 for the notes", []want{{kind: KindHospitalNo, span: "C2271904"}}},
	})
	runNoIDCases(t, []string{
		"Batch RB12345 of the vaccine, lot R2D2 and RTH0 trial arm.",
		"Our trust code is RTH and the ODS code for the practice is Y02345.",
		"GMC no. A123456 is the locum's, NHS no. pending.",
		"Recall for batches 5E34T01 and 5E34T02, and RQ12 34567 forms.",
	}, KindHospitalNo)
}

func TestWrittenNames(t *testing.T) {
	runIDCases(t, []idCase{
		{"Weekend list: 1) HOPKINS, Gwyneth - 81F - #NOF day 3, Hb 74", []want{{kind: KindPersonName, span: "HOPKINS, Gwyneth"}}},
		{"Name: O'DONNELL, Siobhan / DOB: 04.05.1950", []want{{kind: KindPersonName, span: "O'DONNELL, Siobhan"}}},
		{"pt dafydd morgan, 80s, new AF - anticoagulate?", []want{{kind: KindPersonName, span: "dafydd morgan"}}},
		{"quick one: pt name: pritchard, first name gwilym, from up the valley", []want{{kind: KindPersonName, value: "pritchard"}}},
		{"The patient (Eilidh) wants to know about driving.", []want{{kind: KindPersonName, span: "Eilidh"}}},
		{"Ward round notes\nCeridwen Hughes 77F, CKD4, new hyperkalaemia", []want{{kind: KindPersonName, span: "Ceridwen Hughes"}}},
		{"I've referred Tegan (15, BMI 15.1) twice now.", []want{{kind: KindPersonName, span: "Tegan"}}},
		{"Lovely morning. Wilfred, 97, ex-miner, said thanks.", []want{{kind: KindPersonName, span: "Wilfred"}}},
		{"Handover\nBed 4: GH 71M, CAP, day 2 of co-amox\n- TP, 33, Tenby, appendix mass", []want{{kind: KindPersonName, span: "GH"}, {kind: KindPersonName, span: "TP"}}},
		{"Bed 6: R.J. 52F, pyelonephritis on gent", []want{{kind: KindPersonName, span: "R.J."}}},
		{"Re: Huw Pryce, 88, NHS 401 023 2137", []want{{kind: KindPersonName, span: "Huw Pryce"}}},
		{"Dear Rhiannon,\nThank you for coming to clinic.", []want{{kind: KindPersonName, span: "Rhiannon"}}},
		{"School nurse here - wee Fraser in P2 has started absences.", []want{{kind: KindPersonName, span: "Fraser"}}},
		{"little Ffion from the estate came back with the rash", []want{{kind: KindPersonName, span: "Ffion"}}},
		{"Our regular big Darren is back in.", []want{{kind: KindPersonName, span: "Darren"}}},
		{"Mum's number, baby girl McCann born last night at the Royal", []want{{kind: KindPersonName, span: "baby girl McCann"}}},
		{"Everyone here knows Gareth 'the Post' Jenkins from his rounds.", []want{{kind: KindPersonName, span: "Gareth 'the Post' Jenkins"}}},
		{"can someone check if j0hn had his scan, and whether Hugh3s did?", []want{{kind: KindPersonName, span: "j0hn"}, {kind: KindPersonName, span: "Hugh3s"}}},
		{"he's called Hamish, lives out by the loch", []want{{kind: KindPersonName, span: "Hamish"}}},
		{"the pt is c i a r a, 19, in again", []want{{kind: KindPersonName, span: "c i a r a"}}},
		{"Mrs Khan in bed 12 is more confused tonight", []want{{kind: KindPersonName, span: "Mrs Khan"}}},
		{"Re: Mr Idris Bowen, DOB 02/02/1950, ward 9", []want{{kind: KindPersonName, span: "Mr Idris Bowen"}}},
		// Initials with a bracket saying who: an age, a place, or after a patient phrase.
		{"RMcD (70s) is back with another fall.", []want{{kind: KindPersonName, span: "RMcD"}}},
		{"Two from the same farm: TGJ (Llandovery) and his brother.", []want{{kind: KindPersonName, span: "TGJ"}}},
		{"A pt of ours (HW) works offshore.", []want{{kind: KindPersonName, span: "HW"}}},
		// A listed first name with its capital, then where they are from or what they have.
		{"Update on the lady from last week - Myfanwy from the old mill estate, still itching.", []want{{kind: KindPersonName, span: "Myfanwy"}}},
		{"Home visit was for Eamonn's cellulitis again.", []want{{kind: KindPersonName, span: "Eamonn"}}},
		// A UK staff title or grade before a first name: a colleague.
		{"Handover done; SN Gwenllian will recheck the obs at 6.", []want{{kind: KindPersonName, span: "Gwenllian"}}},
		{"health visitor Morwenna to follow up next week", []want{{kind: KindPersonName, span: "Morwenna"}}},
		// A surname that is also an ordinary word, capitalised after a listed first name.
		{"Re: Dorothy Baker, DOB 03/03/1941, NHS 401 023 2137", []want{{kind: KindPersonName, span: "Dorothy Baker"}}},
	})
	runNoIDCases(t, []string{
		"Pt cont on mech vent, rec'd 2 units, OOB to chair. SR 80s, RR 20s.",
		"pt is DNR/DNI and NPO; pt cont trached.",
		"When cancer spreads it is called metastasis. The drug is called ofatumumab (Arzerra).",
		"Mutations in the MAT1A and PI3K genes; 45min later 1gram given.",
		"CV: NSR 70s, BP 110/60. Resp: RR 18, SBP 120s.",
		"Bronchoalveolar Lavage\nA procedure, usually done under sedation.",
		"Type 2, 45% of cases; Ward 5, 6 beds.",
		"NICE, 2023, says start at 140/90 for adults.",
		"ALT (60s) and GGT (80s) both up on repeat.",
	}, KindPersonName)
}

func TestAddressesAsWritten(t *testing.T) {
	runIDCases(t, []idCase{
		{"Address: Bryn Teg, 7 Ffordd Penrhos, Bangor, LL57 2PW", []want{{kind: KindAddress, span: "Bryn Teg, 7 Ffordd Penrhos"}}},
		{"address 4 stryd fawr, pwllheli. sorry for the lower case", []want{{kind: KindAddress, value: "4 stryd fawr"}}},
		{"she lives at 22 burnside rd with her son", []want{{kind: KindAddress, span: "22 burnside rd"}}},
		{"The gent lives at thirty-two Tanyard Lane and keeps hens.", []want{{kind: KindAddress, span: "thirty-two Tanyard Lane"}}},
		{"Re: Mr Alwyn Jones, Penwern Farm, Llanidloes", []want{{kind: KindAddress, span: "Penwern Farm"}}},
	})
	runNoIDCases(t, []string{
		"Took 2 long walks and 5 more road trips.",
		"Gave 2 Paracetamol at night, Park later.",
		"The House of Commons, London debated it; the Farm, Cambridge is a cafe.",
		"Email address below, and home address not given.",
		"These resources address the diagnosis or management of CHD7 and 3 other genes.",
	}, KindAddress)
}

func TestJargonBeforeAnAge(t *testing.T) {
	runNoIDCases(t, []string{
		"Primip, 41, twins after IVF. Multip (34) with pre-eclampsia.",
		"Grandmultip, 39, booked late.",
	}, KindPersonName)
}
