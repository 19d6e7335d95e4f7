package conduct_test

import (
	"testing"
)

// TestWrittenCorpus2 is a second corpus written for these tests in a different voice:
// promotion without the usual marketing words, abuse and concerns in plainer language.
func TestWrittenCorpus2(t *testing.T) {
	c := newChecker(t)
	type pr = corpusPost
	ps := []pr{
		{"CONFLICT_OF_INTEREST", members, "Has anyone tried Restora collagen drinks? I started recommending them to my menopausal patients and the results have been incredible. I've got a few sample packs if anyone wants to try – PM me."},
		{"CONFLICT_OF_INTEREST", members, "PSA: the Kinetix knee brace is hands down the best thing for early OA. I get mine direct from the company at cost and can sort you the same deal."},
		{"CONFLICT_OF_INTEREST", members, "Colleagues, I'd urge you all to switch to Brevantis inhalers – Arlo Pharmaceuticals flew a few of us to their Barcelona launch and the data blew me away."},
		{"CONFLICT_OF_INTEREST", members, "For any of you with patients wanting a private ADHD assessment, my clinic ClearMind is taking new referrals – quote FORUM10 for a discount."},
		{"CONFLICT_OF_INTEREST", public, "Fellow GPs – forget the NHS weight management waiting list, just send them to SlimRight online. 90% success rate and I've seen the results myself. Their team are brilliant."},
		{"", members, "Restora collagen drinks – any evidence at all? Patients keep asking and I can't find a single decent trial."},
		{"", members, "We use the Kinetix knee brace in our MSK clinic, cheaper than the others and patients seem to tolerate it. Anyone compared?"},
		{"", members, "Brevantis inhaler technique is tricky for older patients – does anyone have a good video to send them?"},
		{"ABUSIVE_COMMENT", members, "Just had the pleasure of another shift with Dr Simon Eke. Condescending, lazy and frankly dangerous to be around – how he made consultant is beyond me."},
		{"ABUSIVE_COMMENT", members, "Word to the wise: the new practice manager at Elm Tree is a nasty piece of work. Power mad, vindictive, and she has it in for anyone who questions her."},
		{"", members, "Condescending discharge summaries from one particular department are driving me mad – anyone else getting 'GP to sort' for everything?"},
		{"RAISING_CONCERN", members, "I'm worried about Dr Rachel Ng in our practice. She's been making serious prescribing errors for months, doubling doses and missing interactions, and the partners are covering it up."},
		{"RAISING_CONCERN", members, "Does anyone else work with the anaesthetist at Northfield General who keeps leaving theatre mid-case? It's dangerous and someone is going to die. Time people knew."},
		{"", members, "I'm worried about a colleague who seems burnt out and is making more mistakes than usual. How can I support them and when should I escalate?"},
		{"BOUNDARY", members, "Awkward one. The mum of a child on my list keeps sending me friend requests and now she's found my running club. How do I politely say no?"},
		{"BOUNDARY", members, "I matched with a patient on Hinge. Never treated her for anything sensitive. Is it ever OK to go on a date?"},
		{"", members, "Our practice Facebook page is getting a lot of abusive comments about appointment waits. Who moderates yours?"},
		{"PUBLIC_PATIENT_CASE", public, "Sad day. We lost a young dad to bowel cancer this week, diagnosed far too late after three GP visits. Know the symptoms, folks."},
		{"", public, "Bowel cancer symptoms to know: blood in your poo, a change in bowel habit, weight loss. See your GP if you notice any."},
	}
	scoreCorpus(t, c, ps, corpusBar2)
}
