package conduct_test

import (
	"testing"

	"github.com/mosaicgw/mosaic/internal/conduct"
)

// TestClinicalPostsNoConduct: case discussion in the forum's register, with words the
// checks use elsewhere (friend, drink, reps, code, named colleagues, a rota coordinator),
// gets no conduct finding in either audience (public case findings aside).
func TestClinicalPostsNoConduct(t *testing.T) {
	c := newChecker(t)
	for _, b := range []string{
		"Chap in his 60s, drinks about 40 units a week, came in with a GI bleed – his friend drove him in. Any tips on getting him to engage with the alcohol team?",
		"Woman in her 30s wants to try for a baby but is on sodium valproate from Dr Hughes in neuro. What's the safest switch and who leads it?",
		"Patient's daughter asked me for my personal opinion on whether her mum should have the hip op. How do you answer that without overstepping?",
		"Three reps of the sit-to-stand test and she was exhausted. Physio thinks deconditioning rather than cardiac. Agree?",
		"Our practice code for the DES is wrong on the ICB portal and we're losing money. Anyone know who fixes it?",
		"He's 19, keen runner, collapsed at parkrun on Saturday – ECG shows long QT. Cardiology have him on nadolol. Can he drive?",
		"Dr Patel at the hospital was brilliant with her – explained the MRI findings and the plan for surgery clearly.",
		"The rota coordinator at our trust has been amazing at sorting swaps this winter, huge thanks to her.",
		"Anyone else find our clinical director hard to get hold of? Trying to get sign-off for a new pathway.",
		"Is it OK to accept a bottle of wine from a patient at Christmas? Our practice policy says under £50 is fine but it feels odd.",
		"Lady in her 70s, lives alone, found on the floor by a neighbour this morning – CK 12,000. Rhabdo from a long lie. Fluids and watch the kidneys?",
		"Our locum's notes are brilliant – detailed, clear safety netting. Might steal her template.",
		"I messaged the community team about the dressing but no reply. Does anyone have a direct number for the Workington DNs?",
	} {
		for _, au := range []string{"members", "public"} {
			fs := c.Check(conduct.Post{Body: b, Audience: audienceOf(au), AuthorDisplayName: "Dr Sam Lee", AuthorRole: "GP"})
			for _, f := range fs {
				if au == "public" && kindName(f.Kind) == "PUBLIC_PATIENT_CASE" {
					continue
				}
				t.Errorf("%s %s %v: %.80s", au, kindName(f.Kind), spanTexts(f), b)
			}
		}
	}
}
