package extract

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	testExOnce sync.Once
	testEx     *Extractor
	testExErr  error
)

func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	testExOnce.Do(func() { testEx, testExErr = New(Options{}) })
	if testExErr != nil {
		t.Fatalf("New: %v", testExErr)
	}
	return testEx
}

var testCtx = Context{At: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)}

// find returns the details of kind k.
func find(ds []Detail, k Kind) []Detail {
	var out []Detail
	for _, d := range ds {
		if d.Kind == k {
			out = append(out, d)
		}
	}
	return out
}

func dump(text string, ds []Detail) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "  %s %q=%q subj=%d conf=%.2f\n", d.Kind, text[d.Start:d.End], d.Value, d.Subject, d.Confidence)
	}
	return b.String()
}

type want struct {
	kind  Kind
	span  string // exact original text covered
	value string // "" = don't check
	subj  Subject
	// anySubj skips the subject check.
	anySubj bool
}

func checkWant(t *testing.T, text string, ds []Detail, w want) {
	t.Helper()
	for _, d := range ds {
		if d.Kind != w.kind || text[d.Start:d.End] != w.span {
			continue
		}
		if w.value != "" && d.Value != w.value {
			t.Errorf("%q: %s %q value %q, want %q", text, w.kind, w.span, d.Value, w.value)
		}
		if !w.anySubj && d.Subject != w.subj {
			t.Errorf("%q: %s %q subject %d, want %d", text, w.kind, w.span, d.Subject, w.subj)
		}
		if d.Direct != isDirect(w.kind) {
			t.Errorf("%q: %s Direct=%v", text, w.kind, d.Direct)
		}
		return
	}
	t.Errorf("%q: no %s %q; got:\n%s", text, w.kind, w.span, dump(text, ds))
}

func TestDirectIdentifiers(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []struct {
		text string
		want []want
	}{
		{"Her NHS number 943 476 5919 was on the letter.", []want{{kind: KindNHSNumber, span: "943 476 5919", value: "9434765919", anySubj: true}}},
		{"NHS no. 943-476-5919", []want{{kind: KindNHSNumber, span: "943-476-5919", value: "9434765919", anySubj: true}}},
		{"nhs number: 9434765919", []want{{kind: KindNHSNumber, span: "9434765919", anySubj: true}}},
		{"NHS № ９４３ ４７６ ５９１９", []want{{kind: KindNHSNumber, span: "９４３ ４７６ ５９１９", value: "9434765919", anySubj: true}}},
		{"NHS number 943\n476\n5919 for ref", []want{{kind: KindNHSNumber, span: "943\n476\n5919", anySubj: true}}},
		{"NHS num nine four three four seven six five nine one nine", []want{{kind: KindNHSNumber, span: "nine four three four seven six five nine one nine", value: "9434765919", anySubj: true}}},
		{"NHS 9\u200b4\u200b3 476 5919", []want{{kind: KindNHSNumber, span: "9\u200b4\u200b3 476 5919", anySubj: true}}},
		{"CHI number 0101011237 on the form", []want{{kind: KindCHINumber, span: "0101011237", value: "0101011237", anySubj: true}}},
		{"her H&C number is 3200000015", []want{{kind: KindHCNumber, span: "3200000015", anySubj: true}}},
		{"Lives at LA9 4BT with her sister.", []want{{kind: KindPostcode, span: "LA9 4BT", value: "LA9 4BT", anySubj: true}}},
		{"postcode sw1a 1aa", []want{{kind: KindPostcode, span: "sw1a 1aa", value: "SW1A 1AA", anySubj: true}}},
		{"Call me on 07700 900123 any time", []want{{kind: KindPhone, span: "07700 900123", value: "+447700900123", subj: SubjectAuthor}}},
		{"ward phone +44 (0)20 7946 0958", []want{{kind: KindPhone, span: "+44 (0)20 7946 0958", value: "+442079460958", anySubj: true}}},
		{"mobile: +447700900123.", []want{{kind: KindPhone, span: "+447700900123", anySubj: true}}},
		{"tel 0161 496 0000", []want{{kind: KindPhone, span: "0161 496 0000", anySubj: true}}},
		{"email jane.doe@example.co.uk please", []want{{kind: KindEmail, span: "jane.doe@example.co.uk", anySubj: true}}},
		{"DOB 12/03/1948, lives alone", []want{{kind: KindDateOfBirth, span: "12/03/1948", value: "1948-03-12", anySubj: true}}},
		{"She was born 3rd March 1948 in Kendal.", []want{{kind: KindDateOfBirth, span: "3rd March 1948", value: "1948-03-03", subj: SubjectPatient}}},
		{"d.o.b. the third of March nineteen forty-eight", []want{{kind: KindDateOfBirth, span: "third of March nineteen forty-eight", value: "1948-03-03", anySubj: true}}},
		{"Saw Mrs Jane Doe in clinic today.", []want{{kind: KindPersonName, span: "Mrs Jane Doe", value: "jane doe", subj: SubjectPatient}}},
		{"Mr Patel was admitted with chest pain.", []want{{kind: KindPersonName, span: "Mr Patel", subj: SubjectPatient}}},
		{"I discussed it with Dr Okafor, the on-call registrar.", []want{{kind: KindPersonName, span: "Dr Okafor", subj: SubjectColleague}}},
		{"NI number AB 12 34 56 C", []want{{kind: KindNINumber, span: "AB 12 34 56 C", anySubj: true}}},
		{"Reg AB51 ABC seen leaving", []want{{kind: KindVehicleReg, span: "AB51 ABC", anySubj: true}}},
		{"find me at facebook.com/jane.doe.77", []want{{kind: KindURL, span: "facebook.com/jane.doe.77", anySubj: true}}},
	}
	for _, c := range cases {
		ds := ex.Extract(c.text, testCtx)
		for _, w := range c.want {
			checkWant(t, c.text, ds, w)
		}
	}
}

func TestNoFalseIdentifiers(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []string{
		// A valid-checksum 10-digit number with no NHS context.
		"Order reference 9434765919 for the new couch.",
		"The trial randomised 9434765919 cells.",
		// Eponyms are not names.
		"Parkinson's disease and Crohn's disease are both chronic.",
		"Bell's palsy usually resolves.",
		// Vitamins and heart sounds are not postcode districts.
		"Vitamin B12 deficiency and a loud S1 on auscultation.",
		// Scores and fractions are not dates.
		"GCS 3/15 on arrival, pain 7/10, open 24/7.",
		// CKD stage is not a number plate.
		"CKD 3A with eGFR 45.",
	}
	for _, text := range cases {
		ds := ex.Extract(text, testCtx)
		for _, d := range ds {
			if d.Direct || d.Kind == KindDate || d.Kind == KindPostcodeDistrict {
				t.Errorf("%q: unexpected %s %q", text, d.Kind, text[d.Start:d.End])
			}
		}
	}
}

func TestNHSChecksum(t *testing.T) {
	valid := []string{"9434765919", "4010232137", "2213951837", "0032698674"}
	for _, v := range valid {
		if !mod11(v) {
			t.Errorf("mod11(%s) = false", v)
		}
	}
	for _, v := range []string{"9434765918", "4010232138", "1234567890"} {
		if mod11(v) {
			t.Errorf("mod11(%s) = true", v)
		}
	}
}

func TestSpansValidAndSorted(t *testing.T) {
	ex := newTestExtractor(t)
	text := "Ｍｒｓ Ｊａｎｅ Ｄｏｅ, NHS no. ９４３ ４７６ ５９１９, DOB 12/03/1948, LA9 4BT, 07700 900123 — ok"
	ds := ex.Extract(text, testCtx)
	if len(ds) == 0 {
		t.Fatal("nothing found")
	}
	for k, d := range ds {
		if d.Start < 0 || d.End > len(text) || d.Start >= d.End {
			t.Fatalf("bad span %+v", d)
		}
		if k > 0 && ds[k-1].Start > d.Start {
			t.Fatalf("not sorted at %d", k)
		}
	}
	checkWant(t, text, ds, want{kind: KindPersonName, span: "Ｍｒｓ Ｊａｎｅ Ｄｏｅ", anySubj: true})
}

func TestAddresses(t *testing.T) {
	ex := newTestExtractor(t)
	text := "She's moved to 14 Larch Close, Cockermouth without telling us; her mum lives on Station Road."
	ds := ex.Extract(text, testCtx)
	checkWant(t, text, ds, want{kind: KindAddress, span: "14 Larch Close", value: "14 larch close", anySubj: true})
	checkWant(t, text, ds, want{kind: KindAddress, span: "Station Road", anySubj: true})
	// A street without a number in an address written out: town or postcode after it.
	head := "Castle Infirmary, Tanner Street, Kendal LA9 7RG"
	checkWant(t, head, ex.Extract(head, testCtx), want{kind: KindAddress, span: "Tanner Street", anySubj: true})
	for _, neg := range []string{"Gave 2 Paracetamol at night, Park later.", "Took 20 minutes to walk.", "We took the High Road, as usual."} {
		for _, d := range ex.Extract(neg, testCtx) {
			if d.Kind == KindAddress {
				t.Errorf("%q: unexpected address %q", neg, neg[d.Start:d.End])
			}
		}
	}
}

// TestConcurrentExtract runs the extractor from several goroutines (run with -race)
// and checks each gets the same answer as a lone call.
func TestConcurrentExtract(t *testing.T) {
	ex := newTestExtractor(t)
	texts := []string{
		"Saw Mrs Jane Doe today, NHS number 943 476 5919, lives in Kendal.",
		"Woman in her 70s with myasthenia gravis, a retired primary school teacher.",
		"Ｐａｔｉｅｎｔ ９９９ ３８５ １２０５ (dob 2 1 / 0 4 / 1 9 4 6)",
	}
	want := make([]string, len(texts))
	for i, tx := range texts {
		want[i] = dump(tx, ex.Extract(tx, testCtx))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for n := 0; n < 50; n++ {
				i := (g + n) % len(texts)
				if got := dump(texts[i], ex.Extract(texts[i], testCtx)); got != want[i] {
					errs <- fmt.Sprintf("goroutine %d: %q\ngot:\n%s\nwant:\n%s", g, texts[i], got, want[i])
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestQuasiIdentifiers(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []struct {
		text string
		want []want
	}{
		{"Woman in her early 30s, primary school teacher, just moved to Keswick.", []want{
			{kind: KindAge, span: "early 30s", value: "30-33", subj: SubjectPatient},
			{kind: KindOccupation, span: "primary school teacher", value: "primary school teacher", subj: SubjectPatient},
			{kind: KindPlace, span: "Keswick", value: "keswick", subj: SubjectPatient},
		}},
		{"He boards at Sedbergh and his parents are overseas.", []want{{kind: KindInstitution, span: "Sedbergh", anySubj: true}}},
		{"She works at the island's only surgery.", []want{{kind: KindInstitution, span: "the island's only surgery", anySubj: true}}},
		{"For those asking it's HMP Haverigg, so Cat C.", []want{{kind: KindInstitution, span: "HMP Haverigg", anySubj: true}}},
		{"Our town mayor came in with alcohol-related liver disease.", []want{
			{kind: KindPublicStatus, span: "town mayor", value: "mayor", anySubj: true},
			{kind: KindCondition, span: "alcohol-related liver disease", anySubj: true},
		}},
		{"Is the shingles vaccine for over-75s only?", []want{{kind: KindAge, span: "over-75s", subj: SubjectPopulation}}},
		{"I'm 41 and a GP in Cockermouth.", []want{{kind: KindAge, span: "41", value: "41", subj: SubjectAuthor}}},
		{"Teaching point: man in his 50s with chest pain on walking uphill.", []want{{kind: KindAge, span: "50s", value: "50-59", subj: SubjectPatient}}},
		{"Gave birth to triplets on Boxing Day.", []want{{kind: KindEvent, span: "triplets", anySubj: true}, {kind: KindDate, span: "Boxing Day", value: "2025-12-26", anySubj: true}}},
		{"A man with no history of diabetes.", []want{{kind: KindCondition, span: "diabetes", anySubj: true}}},
	}
	for _, c := range cases {
		ds := ex.Extract(c.text, testCtx)
		for _, w := range c.want {
			checkWant(t, c.text, ds, w)
		}
	}
	// Negation is carried on the detail.
	text := "A man with no history of diabetes."
	for _, d := range ex.Extract(text, testCtx) {
		if d.Kind == KindCondition && !d.Negated {
			t.Errorf("%q: condition not negated", text)
		}
	}
	// Places carry population and a generalisation chain.
	text = "She lives in Keswick."
	for _, d := range ex.Extract(text, testCtx) {
		if d.Kind == KindPlace {
			if d.Population <= 0 || d.Frequency <= 0 || len(d.Generalisations) == 0 {
				t.Errorf("%q: place without population or chain: %+v", text, d)
			}
		}
	}
}
