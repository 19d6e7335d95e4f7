package conduct_test

import (
	"testing"
)

// TestWrittenCorpus3: gossip, mistreatment, doctors looking patients up, a case in public.
func TestWrittenCorpus3(t *testing.T) {
	c := newChecker(t)
	type pr = corpusPost
	ps := []pr{
		{"ABUSIVE_COMMENT", members, "Replying to @GasDoc: you clearly haven't a clue what you're talking about, you arrogant prat. Stick to gas."},
		{"ABUSIVE_COMMENT", members, "Heard on good authority that Dr Fiona Marsh got her consultant job by sleeping with the medical director. Explains a lot about her 'skills'."},
		{"ABUSIVE_COMMENT", public, "Shout out to the world's laziest receptionist at our surgery, who spends all day on her phone and treats patients like dirt. Useless cow."},
		{"", members, "Robust debate please: the GMC's new fitness to practise guidance is poorly drafted, unfair to IMGs and frankly incoherent."},
		{"", members, "I was rude to a receptionist today when I was exhausted and feel awful about it. How do you all apologise without making it weird?"},
		{"RAISING_CONCERN", members, "Sister Agnes Doyle on Ward 12 has been shouting at confused patients and leaving them in wet sheets for hours. I've seen it three times this month. Everyone should know what goes on there."},
		{"", members, "How do I raise a concern about a ward sister who I think is neglecting confused patients? I'm an F1 and scared of the fallout."},
		{"BOUNDARY", members, "Confession: I looked up a patient on Facebook after a difficult consultation to see if she was OK. Now I feel like I crossed a line."},
		{"BOUNDARY", members, "A patient's dad has started turning up at my kids' swimming club and chatting to me about his daughter's care. How do I handle it?"},
		{"", members, "Our practice is setting up an Instagram account for health promotion – any tips on what's appropriate to post?"},
		{"PUBLIC_PATIENT_CASE", public, "Can anyone recognise this rash? My patient is 30, pregnant, and it came up overnight on her palms. Photo attached."},
		{"", public, "What rashes in pregnancy should prompt same-day review? Writing a leaflet for our practice."},
		{"CONFLICT_OF_INTEREST", members, "If you want a reliable dermatoscope, the Lumiscope DX3 is the one – I ran a few of their training days last year and they'll do 25% off if you mention the forum."},
		{"", members, "Which dermatoscope do people use? Looking at the Lumiscope DX3 but it's pricey."},
		{"", members, "Dr Omar Hadid asked me to see Mr Pike, who is self-neglecting since his wife died – any community options?"},
		{"", members, "Our practice nurse says she's sleeping with the light on since the break-in. Any advice on supporting staff after a burglary?"},
		{"", members, "My registrar saw a man in his 50s with a deep hand laceration – he's a butcher, so return to work is the big question."},
		{"", members, "Our health visitor thinks the baby should come off cow milk formula; her mum is keen to try a hydrolysed one."},
		{"", members, "Our CPN says he's a danger to himself at the moment; crisis team are involved."},
		{"", members, "Dr Kwame Asante referred a 12 year old who is experiencing bullying at school and has started self-harming."},
		{"", members, "Dr Ruth Bell suspects fabricated or induced illness and wants a strategy meeting – who usually chairs these?"},
		{"", members, "Dr Ian Moss saw a patient under the influence in the walk-in centre who then refused to attend ED."},
		{"", members, "Dr Lena Park is handing out the new asthma action plans at the PCN meeting, grab one."},
		{"", members, "Dr Jo Reid advised her to cover up in the sun and use factor 50 after the excision."},
		{"", members, "The patient messaged me through the practice inbox asking whether her bloods were back. Do you reply to these yourselves?"},
		{"", members, "Patient came with her romantic partner, who did all the talking. How do you get time alone with someone in that situation?"},
		{"", members, "The patient found my letter really helpful and wants a copy for her employer."},
		{"", members, "My patients can now follow our practice on Facebook for clinic updates – has anyone had problems with comments?"},
		{"", public, "You're an idiot if you skip the flu jab this year – it's free for over-65s and it works."},
		{"ABUSIVE_COMMENT", members, "Your post is the most ignorant thing I've read all week. You're a smug moron and frankly a disgrace to the profession."},
		{"", members, "She's so much better since we switched to Mounjaro – honestly just wish we'd started sooner. Any tips on titrating past 10mg?"},
		{"", members, "Before you switch to Mounjaro you must have a baseline HbA1c and check she isn't planning a pregnancy."},
	}
	scoreCorpus(t, c, ps, corpusBar3)
}
