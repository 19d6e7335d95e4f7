package conduct_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/mosaicgw/mosaic/internal/conduct"
	"github.com/mosaicgw/mosaic/internal/extract"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

const (
	members = mosaicv1.Audience_AUDIENCE_MEMBERS
	public  = mosaicv1.Audience_AUDIENCE_PUBLIC
)

type checkCase struct {
	name     string
	post     conduct.Post
	want     mosaicv1.FindingKind // the finding expected; UNSPECIFIED: none of kind `kind`
	severity mosaicv1.Severity    // expected severity when want is set
}

func newChecker(t testing.TB) *conduct.Checker {
	t.Helper()
	c, err := conduct.New(conduct.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// runKind checks, for each case, that the finding of kind is reported (with severity)
// or not reported, and that every finding is well formed.
func runKind(t *testing.T, kind mosaicv1.FindingKind, cases []checkCase) {
	t.Helper()
	c := newChecker(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.post
			if p.Audience == 0 {
				p.Audience = members
			}
			if p.AuthorDisplayName == "" {
				p.AuthorDisplayName = "Dr Priya Natarajan"
			}
			if p.AuthorRole == "" {
				p.AuthorRole = "GP"
			}
			fs := c.Check(p)
			var got *mosaicv1.Finding
			for _, f := range fs {
				checkWellFormed(t, p.Body, f)
				if f.Kind == kind {
					got = f
				}
			}
			if tc.want == 0 {
				if got != nil {
					t.Fatalf("unexpected %s: %s (spans %v)", kind, got.Explanation, spanTexts(got))
				}
				return
			}
			if got == nil {
				t.Fatalf("expected %s, got %v", kind, kinds(fs))
			}
			if tc.severity != 0 && got.Severity != tc.severity {
				t.Fatalf("severity %s, want %s", got.Severity, tc.severity)
			}
		})
	}
}

func checkWellFormed(t *testing.T, body string, f *mosaicv1.Finding) {
	t.Helper()
	if f.Explanation == "" || f.Suggestion == "" || f.Guidance == nil || f.Guidance.Paragraph == "" || f.Guidance.Text == "" {
		t.Errorf("%s: missing explanation, suggestion or guidance: %+v", f.Kind, f)
	}
	if f.Severity != mosaicv1.Severity_SEVERITY_ADVISORY && f.Severity != mosaicv1.Severity_SEVERITY_HOLD {
		t.Errorf("%s: severity %s", f.Kind, f.Severity)
	}
	if len(f.Spans) == 0 && f.Kind != mosaicv1.FindingKind_FINDING_KIND_IDENTITY {
		t.Errorf("%s: no spans", f.Kind)
	}
	for _, s := range f.Spans {
		if s.End <= s.Start || int(s.End) > len(body) || body[s.Start:s.End] != s.Text {
			t.Errorf("%s: span %d-%d %q does not match the body", f.Kind, s.Start, s.End, s.Text)
		}
	}
}

func spanTexts(f *mosaicv1.Finding) []string {
	var out []string
	for _, s := range f.Spans {
		out = append(out, s.Text)
	}
	return out
}

func kinds(fs []*mosaicv1.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Kind.String())
	}
	return out
}

func post(body string) conduct.Post { return conduct.Post{Body: body} }

const (
	coi      = mosaicv1.FindingKind_FINDING_KIND_CONFLICT_OF_INTEREST
	abuse    = mosaicv1.FindingKind_FINDING_KIND_ABUSIVE_COMMENT
	concern  = mosaicv1.FindingKind_FINDING_KIND_RAISING_CONCERN
	boundary = mosaicv1.FindingKind_FINDING_KIND_BOUNDARY
	identity = mosaicv1.FindingKind_FINDING_KIND_IDENTITY
	pubcase  = mosaicv1.FindingKind_FINDING_KIND_PUBLIC_PATIENT_CASE
	adv      = mosaicv1.Severity_SEVERITY_ADVISORY
	hld      = mosaicv1.Severity_SEVERITY_HOLD
)

func TestConflictOfInterest(t *testing.T) {
	runKind(t, coi, []checkCase{
		{"affiliate code for a sleep app", post("Colleagues, for insomnia I now just send them to the Dozewell app – genuinely life changing for my patients. Sign up with my link and use code SLEEPDOC for a free month."), coi, adv},
		{"hospitality then a directive", post("Vantor Medical flew a few of us out to their launch last month. The new Cardiotrace patch is brilliant, far better than a 24h tape, and we should all be switching to it."), coi, adv},
		{"own clinic from the profile", conduct.Post{Body: "For knee pain that isn't settling, the team at Fernlea Joint Clinic are excellent and can see people within days. I'd recommend them to anyone.",
			AuthorLocation: "Fernlea Joint Clinic, Harrogate (owner)"}, coi, adv},
		{"NHS workplace in the profile is no interest", conduct.Post{Body: "The fracture liaison team at Fernlea General are excellent and I'd recommend their teaching day.",
			AuthorLocation: "Fernlea General Hospital"}, 0, 0},
		{"everyone should switch to a brand", post("Honestly we should all be prescribing Lumizol instead of generic omeprazole, my patients love it and it works wonders."), coi, adv},
		{"paid service with discount", post("Running a weight-loss programme at my private clinic, Slimwise. 15% off the first month for anyone from this forum, just use code SLIMDOC1."), coi, adv},
		{"referral link with a bonus", post("Quillrota is the best locum app going. Sign up with my link and we both get £100 after your first shift."), coi, adv},
		{"the bonus declared", post("Quillrota is the best locum app going. I get £100 for every colleague who signs up through my link, so bear that in mind."), 0, 0},
		{"declared speaker fees suppress", post("Disclosure: I have received speaker fees from Vantor Medical. That said, the Cardiotrace patch is a game changer for paroxysmal AF and their rep can demo it."), 0, 0},
		{"declared shares suppress", post("In the interests of transparency, I hold shares in Dozewell. Their app is a game changer for insomnia; use code SLEEPDOC if you want to try it."), 0, 0},
		{"neutral drug question", post("Would you switch apixaban to edoxaban in someone with fluctuating renal function? Our formulary prefers edoxaban but the SPC dosing confuses me."), 0, 0},
		{"neutral brand mention in clinical discussion", post("Patient on Fostair 100/6 two puffs twice daily, still symptomatic. Step up to MART or add montelukast? BTS and NICE say slightly different things."), 0, 0},
		{"recommendation of a guideline", post("I'd recommend the NICE CKS page on gout, it is clear about when to start allopurinol and how to titrate."), 0, 0},
		{"enthusiasm for a drug class without a product", post("SGLT2 inhibitors have been a game changer for heart failure in my practice, the outcome data are remarkable."), 0, 0},
		{"job advert", post("We're hiring a salaried GP, 7 sessions, lovely team in a town practice. No weekends. DM me for details."), 0, 0},
	})
}

func TestAbusiveComment(t *testing.T) {
	runKind(t, abuse, []checkCase{
		{"named colleague insulted", post("Sister Hargreaves on the acute assessment unit is a nasty, two-faced cow who shouldn't be allowed near juniors."), abuse, hld},
		{"titled name and private life", post("Prof Okonkwo is a pompous idiot. Everyone knows he's only head of department because he's sleeping with the dean."), abuse, hld},
		{"role at the author's trust", post("Our new medical director is a clueless jobsworth and a liar. I wouldn't trust her to organise a fire drill."), abuse, hld},
		{"role pinned to a place", post("The practice manager at the Riverside surgery is an utterly useless halfwit."), abuse, hld},
		{"extractor person name", conduct.Post{Body: "Kevin Moss from the pharmacy is a complete moron and a waste of space.",
			Reading: extract.Reading{Details: []extract.Detail{{Kind: extract.KindPersonName, Value: "kevin moss", Start: 0, End: 10, Confidence: 0.9, Subject: extract.SubjectColleague, Direct: true}}}}, abuse, hld},
		{"zero-width evasion", post("Our clinical lead is an id\u200biot and a com\u200cplete muppet."), abuse, hld},
		{"criticism of a policy", post("The new ICB referral policy is useless, idiotic and pathetic – it will cost more than it saves."), 0, 0},
		{"criticism of institutions", post("NHS England are spineless and the contract negotiations were a joke. The whole system is a disgrace."), 0, 0},
		{"self-deprecation", post("Felt like a complete idiot on the ward round today – I'd missed an obvious hypercalcaemia. Lazy thinking on my part."), 0, 0},
		{"group complaint without an individual", post("They're useless, the lot of them, the out of hours provider never calls back."), 0, 0},
		{"unidentifiable individual", post("Had a locum last week who was useless and rude to the receptionists."), 0, 0},
		{"negated insult", post("Our registrar is not an idiot, she just needs more support on nights."), 0, 0},
		{"clinical use of fat", post("Our consultant wants a low fat diet trial before statins in this one, and thick skin lesions biopsied."), 0, 0},
	})
}

func TestRaisingConcern(t *testing.T) {
	runKind(t, concern, []checkCase{
		{"named colleague, safety", post("Everyone should know this: Dr Kieran Walsh on the night rota turned up drunk twice last month and nobody did anything. He is a danger to patients."), concern, hld},
		{"role and place, airing", post("Naming and shaming here because management won't act: the senior partner at our practice is falsifying QOF codes and signs anything put in front of him without examining anyone."), concern, hld},
		{"named colleague even when asking", post("Dr Hannah Pryce, the locum at our surgery, keeps handing out antibiotics like sweets without examining anyone. How do I raise this?"), concern, hld},
		{"how to raise, nobody identified", post("How do I raise a concern about a colleague who I think may be drinking before shifts? I don't want to get it wrong – is it the clinical director first or the Freedom to Speak Up guardian?"), 0, 0},
		{"role identified but asking for the channel", post("My trainer has made some prescribing errors that worry me. Should I report it through Datix or speak to the TPD first?"), 0, 0},
		{"system concern, no individual", post("Our ED is so understaffed that it's unsafe most nights; patients are at risk and the trust board keeps ignoring it."), 0, 0},
		{"clinical use of unsafe", post("My consultant said it was unsafe to discharge him without a repeat troponin."), 0, 0},
		{"a pattern of errors, pinned by unit and shift", post("Warning re the Hexham walk-in centre - the ACP on weds has missed four scaphoid fractures since summer. Go elsewhere on those days."), concern, hld},
		{"errors of one's own", post("I have missed two appointments this month because of the rota."), 0, 0},
		{"nothing missed", post("Our ANP on Fridays hasn't missed a single fracture in years."), 0, 0},
		{"patient behaviour, not a colleague", post("A patient keeps getting diazepam from three practices by registering as a temporary resident. Is there a way to flag this?"), 0, 0},
	})
}

func TestBoundary(t *testing.T) {
	runKind(t, boundary, []checkCase{
		{"friend request accepted", post("One of my patients sent me a friend request on Facebook after her smear and I accepted. Was that a mistake?"), boundary, adv},
		{"patient asked the doctor out", post("Awkward: a patient I've been seeing for back pain asked me out for dinner at the end of the consultation. How have others handled this?"), boundary, adv},
		{"found the doctor on Instagram", post("A patient's mum found me on Instagram and keeps sending DMs about her son's asthma. I've been answering them at night."), boundary, adv},
		{"identifies the patient by handle", post("A patient, @maisie_runs_far, found me on Instagram; I accepted and we've been messaging most evenings."), boundary, hld},
		{"giving one's own medicines to a friend", post("My neighbour has had awful hay fever so I gave him some of my own fexofenadine over the fence. Should I just register him?"), boundary, adv},
		{"declining a friend request is keeping the boundary", post("A patient sent me a friend request on Facebook. What is the kindest way to decline it?"), 0, 0},
		{"identifies the patient via extractor", conduct.Post{Body: "Patient called Tom Ridley sent me a friend request on Facebook after his appointment and I accepted.",
			Reading: extract.Reading{Details: []extract.Detail{{Kind: extract.KindPersonName, Value: "tom ridley", Start: 15, End: 25, Confidence: 0.9, Subject: extract.SubjectPatient, Direct: true}}}}, boundary, hld},
		{"professional social media question", post("Does anyone run a professional Twitter account for health promotion? Thinking of starting one for our practice."), 0, 0},
		{"patients message the practice app", post("Our patients can now send photos through the online consultation system, which has cut phone demand."), 0, 0},
		{"social plans without patients", post("Anyone fancy a drink after the LMC conference on Friday? Meet in the hotel bar."), 0, 0},
	})
}

func TestIdentity(t *testing.T) {
	body := "As a GP I think the new access targets will make care worse, not better."
	runKind(t, identity, []checkCase{
		{"handle in public", conduct.Post{Body: body, Audience: public, AuthorDisplayName: "GrumpyGP77", AuthorRole: "GP partner"}, identity, adv},
		{"anonymous doc in public", conduct.Post{Body: body, Audience: public, AuthorDisplayName: "Anon Doc", AuthorRole: "Consultant cardiologist"}, identity, adv},
		{"title and initial only", conduct.Post{Body: body, Audience: public, AuthorDisplayName: "Dr K", AuthorRole: "GP"}, identity, adv},
		{"single handle word", conduct.Post{Body: body, Audience: public, AuthorDisplayName: "Scalpel", AuthorRole: "Consultant surgeon"}, identity, adv},
		{"title and surname", conduct.Post{Body: body, Audience: public, AuthorDisplayName: "Dr Okafor", AuthorRole: "GP"}, 0, 0},
		{"real name in public", conduct.Post{Body: body, Audience: public, AuthorDisplayName: "Dr Amira Haddad", AuthorRole: "GP"}, 0, 0},
		{"initial and surname in public", conduct.Post{Body: body, Audience: public, AuthorDisplayName: "Dr J. O'Neill", AuthorRole: "GP"}, 0, 0},
		{"handle in members area", conduct.Post{Body: body, Audience: members, AuthorDisplayName: "GrumpyGP77", AuthorRole: "GP"}, 0, 0},
		{"not posting as a doctor", conduct.Post{Body: "Our reception team is recruiting, please share.", Audience: public, AuthorDisplayName: "surgery_admin", AuthorRole: "Practice manager"}, 0, 0},
	})
}

func TestPublicPatientCase(t *testing.T) {
	runKind(t, pubcase, []checkCase{
		{"my patient in public", conduct.Post{Body: "My patient with long COVID has been refused PIP twice. Any advice on the supporting letter?", Audience: public}, pubcase, hld},
		{"age and episode in public", conduct.Post{Body: "Woman in her 80s came in last night with a hip fracture after waiting nine hours for an ambulance. This has to change.", Audience: public}, pubcase, hld},
		{"extractor patient details in public", conduct.Post{Body: "Struggling with a lad with brittle asthma, third admission this winter.", Audience: public,
			Reading: extract.Reading{Frame: extract.FrameCase, Details: []extract.Detail{
				{Kind: extract.KindSex, Value: "M", Start: 18, End: 21, Confidence: 0.8, Subject: extract.SubjectPatient},
				{Kind: extract.KindCondition, Value: "brittle asthma", Start: 27, End: 41, Confidence: 0.8, Subject: extract.SubjectPatient},
				{Kind: extract.KindDate, Value: "2026-01-01", Start: 59, End: 70, Confidence: 0.8, Subject: extract.SubjectPatient, Relative: true}}}}, pubcase, hld},
		{"one describing detail is not a case", conduct.Post{Body: "Struggling with brittle asthma admissions this winter.", Audience: public,
			Reading: extract.Reading{Details: []extract.Detail{{Kind: extract.KindCondition, Value: "brittle asthma", Start: 16, End: 30, Confidence: 0.8, Subject: extract.SubjectPatient}}}}, 0, 0},
		{"a date is not a case", conduct.Post{Body: "Flu clinic on 3 October for eligible groups.", Audience: public,
			Reading: extract.Reading{Details: []extract.Detail{{Kind: extract.KindDate, Value: "2026-10-03", Start: 14, End: 23, Confidence: 0.9, Subject: extract.SubjectPatient}}}}, 0, 0},
		{"patient identifier and age in public", conduct.Post{Body: "Can anyone see why the referral for 943 476 5919, aged 71, bounced yesterday?", Audience: public,
			Reading: extract.Reading{Frame: extract.FrameCase, Details: []extract.Detail{
				{Kind: extract.KindDate, Value: "2026-02-28", Start: 67, End: 76, Confidence: 0.8, Subject: extract.SubjectPatient, Relative: true},
				{Kind: extract.KindNHSNumber, Value: "9434765919", Start: 36, End: 48, Confidence: 0.99, Subject: extract.SubjectPatient, Direct: true},
				{Kind: extract.KindAge, Value: "71", Start: 50, End: 57, Confidence: 0.9, Subject: extract.SubjectPatient}}}}, pubcase, hld},
		{"patient details in generic health text", conduct.Post{Body: "Testicular cancer is treated by a surgeon; the patient may need a transplant.", Audience: public,
			Reading: extract.Reading{Details: []extract.Detail{
				{Kind: extract.KindCondition, Value: "testicular cancer", Start: 0, End: 17, Confidence: 0.8, Subject: extract.SubjectPatient},
				{Kind: extract.KindOccupation, Value: "surgeon", Start: 33, End: 40, Confidence: 0.8, Subject: extract.SubjectPatient}}}}, 0, 0},
		{"lone name is left to the identifier check", conduct.Post{Body: "Anyone read the Brody paper on statins?", Audience: public,
			Reading: extract.Reading{Details: []extract.Detail{{Kind: extract.KindPersonName, Value: "brody", Start: 16, End: 21, Confidence: 0.6, Subject: extract.SubjectPatient, Direct: true}}}}, 0, 0},
		{"same case in members area", conduct.Post{Body: "My patient with long COVID has been refused PIP twice. Any advice on the supporting letter?", Audience: members}, 0, 0},
		{"population advice in public", conduct.Post{Body: "Reminder: pneumococcal vaccine is offered to everyone aged 65 and over and to people with long-term conditions. Ask at reception.", Audience: public}, 0, 0},
		{"teaching vignette in public", conduct.Post{Body: "Teaching point: a man in his 50s with exertional chest pain has angina until proven otherwise.", Audience: public}, 0, 0},
		{"hypothetical detail from extractor", conduct.Post{Body: "Imagine a 30 year old runner with chest pain.", Audience: public,
			Reading: extract.Reading{Details: []extract.Detail{{Kind: extract.KindAge, Value: "30", Start: 10, End: 21, Confidence: 0.9, Subject: extract.SubjectHypothetical}}}}, 0, 0},
		{"low-confidence patient detail", conduct.Post{Body: "Anyone going to the diabetes update in Leeds?", Audience: public,
			Reading: extract.Reading{Details: []extract.Detail{{Kind: extract.KindCondition, Value: "diabetes", Start: 20, End: 28, Confidence: 0.2, Subject: extract.SubjectPatient}}}}, 0, 0},
		{"author's own story in public", conduct.Post{Body: "I'm 38 and just back from a year out with burnout. Happy to talk to anyone thinking about it.", Audience: public}, 0, 0},
	})
}

func TestOptions(t *testing.T) {
	if _, err := conduct.New(conduct.Options{PatientConfidence: 1.5}); err == nil {
		t.Fatal("PatientConfidence 1.5 accepted")
	}
	if _, err := conduct.New(conduct.Options{Disabled: []mosaicv1.FindingKind{99}}); err == nil {
		t.Fatal("unknown disabled kind accepted")
	}
	c, err := conduct.New(conduct.Options{Disabled: []mosaicv1.FindingKind{coi}})
	if err != nil {
		t.Fatal(err)
	}
	if fs := c.Check(post("Use code DOC10 for 10% off Dozewell, honestly a game changer.")); len(fs) != 0 {
		t.Fatalf("disabled kind reported: %v", kinds(fs))
	}
}

// TestConcurrentCheck runs one checker from many goroutines (go test -race).
func TestConcurrentCheck(t *testing.T) {
	c := newChecker(t)
	bodies := []string{
		"Our new medical director is a clueless jobsworth and a liar.",
		"Use code DOC10 for 10% off Dozewell, honestly a game changer.",
		"One of my patients sent me a friend request on Facebook.",
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				b := bodies[i%len(bodies)]
				if fs := c.Check(post(b)); len(fs) != 1 {
					t.Errorf("%q: %v", b, kinds(fs))
					return
				}
			}
		}()
	}
	wg.Wait()
}

// BenchmarkCheck measures throughput on a long mixed post (written for the benchmark).
func BenchmarkCheck(b *testing.B) {
	c := newChecker(b)
	para := "Quick one about a patient in her 40s with fatigue and a borderline TSH; would you repeat in six weeks or start levothyroxine now? " +
		"Our practice manager is lovely but the new ICB policy on referrals is useless. Use code DOC10 for 10% off. "
	body := strings.Repeat(para, 40)
	b.SetBytes(int64(len(body)))
	p := conduct.Post{Body: body, Audience: public, AuthorDisplayName: "Dr Jo Bloggs", AuthorRole: "GP"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Check(p)
	}
}
