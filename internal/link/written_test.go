//go:build replay

package link

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/mosaicgw/mosaic/internal/extract"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// writtenCase is a short thread written for this test (not taken from any evaluation
// file): posts by one author, and whether the last one should be held.
type writtenCase struct {
	name     string
	role     string
	location string
	posts    []string
	hold     bool
	// gap names a known limitation that makes the case fail today; strict mode does not
	// count it.
	gap string
}

var writtenCases = []writtenCase{
	{"generic teaching point", "GP", "Leeds", []string{
		"Teaching point: woman in her 60s with new-onset AF and a CHA2DS2-VASc of 3 – anticoagulate, don't just rate control."}, false, ""},
	{"common chronic disease question", "GP", "Lancaster, Lancashire", []string{
		"Man in his 50s with newly diagnosed type 2 diabetes, HbA1c 62, BMI 31. Metformin first or straight to an SGLT2i given his BP?"}, false, ""},
	{"stabbing pain is not an incident", "GP", "York", []string{
		"Lady in her 40s with stabbing chest pain on deep breathing after a cold. Wells score 0, D-dimer not done. Am I happy calling it pleurisy?"}, false, ""},
	{"two different patients, same common condition", "GP", "Bristol", []string{
		"Asthma review q – woman in her 20s on a SABA only, using it daily. Straight to MART?",
		"Different patient, another asthma one: man in his 70s, COPD overlap, can't use an MDI. Which DPI do people like?"}, false, ""},
	{"crash call jargon", "Acute medicine registrar", "Leicester", []string{
		"Crash call last night for a man in his 80s who crashed on the ward after a GI bleed. Should we have had a DNACPR conversation earlier?"}, false, ""},
	{"service places are not where the patient lives", "GP", "Derby", []string{
		"Referral q: chap in his 40s with suspected sarcoid – do I send him to Nottingham or Sheffield for the ILD clinic?"}, false, ""},
	{"rare disease, no place", "GP", "", []string{
		"Anyone looked after an adult with Fabry disease? Man in his 30s, on enzyme replacement, asking about travel insurance."}, false, ""},
	{"author's own health", "GP partner", "Kendal, Cumbria", []string{
		"Personal one: I'm 52 and have just been diagnosed with MS myself. How did others handle telling the partnership?"}, false, ""},

	{"rare disease in a small town", "GP", "Keswick, Cumbria", []string{
		"Advice please – woman in her 30s with newly diagnosed Wilson's disease, works as a primary school teacher here. Any tips for the school?"}, true, ""},
	{"cumulative: back-reference adds job and age", "GP", "Ludlow, Shropshire", []string{
		"Man with motor neurone disease, diagnosed last month, asking about driving.",
		"Update on the chap from my MND post last week – he's a dairy farmer in his 50s and won't stop milking. How do I approach this?"}, true, ""},
	{"village and a rare condition", "Paediatric registrar", "", []string{
		"Girl aged 6 with cystic fibrosis in Alston – the family can't get to clinic in Newcastle easily. Any outreach options?"}, true, ""},
	{"newsworthy incident with a date", "Emergency medicine consultant", "Carlisle", []string{
		"Rough night after the coach crash near Penrith on Sunday 12 April – the driver, a man in his 50s, is in ITU with a spinal injury."}, true, ""},
	{"reply thread adds the town to a rare condition", "Neurology registrar", "", []string{
		"Man in his 50s with Creutzfeldt-Jakob disease suspected, MRI shows cortical ribboning. Family asking about prognosis.",
		"Thanks all. For those who asked, he lives in Grasmere so the family are an hour from us."}, true, ""},
	{"same thread, different patient said so", "GP", "Harrogate, North Yorkshire", []string{
		"Gout flare in a man in his 60s on allopurinol – colchicine or pred?",
		"Different patient but same thread: woman in her 30s with a first gout attack – is that as rare as I think?"}, false, ""},
	{"generic follow-up adds nothing identifying", "GP", "Norwich", []string{
		"Woman in her 70s with polymyalgia, started on pred 15mg, great response.",
		"Update on the lady from my PMR post last week – ESR down to 12, she's very pleased. When do people start tapering?"}, false, ""},
	{"profile town, then job and age by back-reference", "GP", "Whitby, North Yorkshire", []string{
		"Woman with newly diagnosed systemic sclerosis, Raynaud's is the main problem. Nifedipine not tolerated – what next?",
		"Re the lady from my scleroderma post last week – she's a fishmonger in her 50s and her hands are in cold water all day. Fit note wording?"}, true, ""},
	{"shared rare occupation links posts without a reference", "GP", "", []string{
		"Falconer in his 40s with hypersensitivity pneumonitis – bird fancier's lung from his hawks. Steroids helped.",
		"Falconer with bird fancier's lung again – he refuses to rehome the birds. Our respiratory team is at the Cumberland Infirmary. Thoughts?"}, true,
		"the extractor knows neither the job nor the condition, and the ledger has no distinctive-word link"},
	{"two unrelated posts in different forums", "GP", "Stockport", []string{
		"Woman in her 50s with osteoporosis intolerant of alendronate – zoledronate or denosumab?",
		"Man in his 60s with gout and CKD 3 – febuxostat or stick with allopurinol?"}, false, ""},
	{"recruitment post names the practice town, then a case", "GP partner", "", []string{
		"We're hiring: salaried GP, 6 sessions, friendly practice in Kirkby Lonsdale, great team.",
		"Learning point: 15 year old boy with new type 1 diabetes presenting in DKA – dip every young person who is losing weight."}, true, ""},
	{"abroad is not a village", "GP", "Bolton", []string{
		"Woman in her 40s with hypothyroidism who lives in Spain half the year – can I keep issuing 6 months of levothyroxine?"}, false, ""},
	{"same thread, incompatible ages, no marker", "GP", "Preston", []string{
		"Toddler with a febrile convulsion last night, now well. Do people routinely refer first ones?",
		"Also – man in his 80s on the same home visit list with a UTI and new confusion. Admit or treat at home?"}, false, ""},
	{"common condition in a town", "GP", "Kendal, Cumbria", []string{
		"Man in his 70s with new AF, CHA2DS2-VASc 3, on aspirin from years ago. Switch straight to a DOAC?"}, false, ""},
	{"back-reference adds place and job to a rare disease", "GP", "", []string{
		"Just diagnosed a woman in her 40s with sarcoidosis affecting the heart – she'd had palpitations for a year.",
		"Re the lady from my cardiac sarcoid post last week: she's the only female firefighter at the station in Kirkby Stephen and worried about her job."}, true, ""},
}

func TestWrittenCases(t *testing.T) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l, err := Open(openTestDB(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 4, 20, 19, 0, 0, 0, time.UTC)
	wrong := 0
	for ci, c := range writtenCases {
		author := fmt.Sprintf("written-%d", ci)
		var held bool
		var res Result
		for pi, body := range c.posts {
			id := fmt.Sprintf("%s/%d", author, pi)
			when := at.Add(time.Duration(pi) * 8 * 24 * time.Hour)
			rd := ex.Read(body, extract.Context{At: when, AuthorRole: c.role, AuthorLocation: c.location})
			res, err = l.Assess(ctx, Candidate{PostID: id, Revision: 1, AuthorID: author, ForumID: "f", ThreadID: id,
				Audience: mosaicv1.Audience_AUDIENCE_MEMBERS, At: when, AuthorRole: c.role, AuthorLocation: c.location, Body: body, Reading: rd})
			if err != nil {
				t.Fatal(err)
			}
			held = len(res.Findings) > 0
			if held {
				err = l.Discard(ctx, author, id, 1)
			} else {
				err = l.Publish(ctx, author, id, 1, "")
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if held != c.hold {
			if c.gap != "" {
				t.Logf("KNOWN GAP %q: want hold=%v got %v (%s)", c.name, c.hold, held, c.gap)
				continue
			}
			wrong++
			why := ""
			if res.Risk != nil {
				why = fmt.Sprintf("k=%.3g in %s linked=%v", res.Risk.EstimatedMatches, res.Risk.PopulationPlace, res.Risk.LinkedPostIds)
				for _, f := range res.Risk.Factors {
					why += fmt.Sprintf(" [%s=%s %.1fb]", f.Detail.Kind, f.Detail.Value, f.Bits)
				}
			}
			t.Logf("WRONG %q: want hold=%v got %v; %s", c.name, c.hold, held, why)
		}
	}
	t.Logf("written cases: %d of %d as expected", len(writtenCases)-wrong, len(writtenCases))
	if wrong > 0 && os.Getenv("MOSAIC_REPLAY_STRICT") != "" {
		t.Errorf("%d written cases decided wrongly", wrong)
	}
}
