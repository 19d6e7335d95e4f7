package conduct

// The phrase lists below are written from the GMC guidance and everyday British
// clinical and forum English; none is derived from the evaluation material. Each list
// is evidence for one check only, and no single phrase decides a finding: every check
// combines phrases with a target (a product, an identifiable person, a patient).

func buildLexicon() *phraseMap {
	m := &phraseMap{}

	// --- Conflict of interest (paragraph 19) ---
	// Endorsement that only a promoter writes (weight 2), and enthusiasm a clinician might
	// also write about a patient's progress (weight 1: "so much better", "honestly just").
	m.add(catHype, 2, true, `
game changer | gamechanger | game changing | life changing | life changer | changed my life
changed my practice | swear by | i swear by | highly recommend | strongly recommend
thoroughly recommend | can't recommend | cannot recommend | cant recommend | couldn't recommend
look no further | we should all | everyone should | you should all | you all should | should all be
all be switching | switch all | switching all | switch everyone | switching everyone | switched all
switched everyone | miracle | wonder drug | best on the market | best thing since | best product
worked wonders | works wonders | you won't regret | no brainer | nothing else comes close
better than anything | i've been taking it | i have been taking it | been taking it myself
i use it myself | i take it myself | my patients love | patients love it | rave about | raving about
can't praise | use nothing else | uses nothing else | every gp should | every practice should
should all be using | transformed our practice | transformed my practice | transformed my clinic
change everything | changes everything | get your patients on | fly off the shelves
flying off the shelves | only one worth | incredible results | results have been incredible
results have been amazing | blew me away | blown away | i'd urge | i urge | urge you | urge everyone
results speak for themselves | you won't look back | won't look back | hands down the best
`)
	m.add(catHype, 1, true, `
honestly just | just point them | point them at | point them to | point them towards
just send them to | give it a go | give it a try | check it out | check them out | so much better
should be using | get them on | put them on it | the only one i | on the market | put you in touch with
hand on heart | hands down | success rate | started recommending | recommending them | recommending it
can vouch | vouch for | seen the results | so impressed with | trust me
`)
	// Money offered to the reader through the author: decisive on its own (weight 3).
	m.add(catCommercial, 3, false, `
use code | use my code | discount code | promo code | promotional code | voucher code | coupon code
referral code | referral link | affiliate link | my link | % off | percent off | per cent off
earn commission | get commission | on commission | my commission | link in bio | link in my bio
your first order | mention my name | quote my name | with code | my code | personal code
i sell | we sell | mates rates | trade price | trade prices | at cost | same deal | special deal
`)
	// Commercial dealings and hospitality (weight 2).
	m.add(catCommercial, 2, false, `
coupon | affiliate | free trial | free samples | exclusive offer | special offer | limited offer
limited time offer | buy now | order now | shop now | first order | partnered with
in partnership with | mention us | courtesy of | i stock | we stock | i supply | sample packs
sample pack | some samples | got samples | have samples | spare samples | good deal | flew us
flew me | flew a few of us | flew some of us | paid for us | hosted us | treated us to | took us to
wined and dined | all expenses paid | expenses paid | on their dime | stockist of | free month
free months
`)
	m.add(catCommercial, 1, false, `
discount | discounted | rep | their rep | the rep | drug rep | company rep | reps
symposium | sponsored | hosted by | do a lunch | lunch for your practice | lunch and learn
dm me | pm me | message me for | drop me a message | get in touch | sign up | sign up here
subscribe | order online | buy online | buy it | available from | available at | stockist
link below | link above | book now | book online | launch event | launched
order through | order from | my website | our website | their website | message me
demo account | free demo | forum members | members of this forum | readers of this forum
my clinic | my own clinic | direct from the company | i get mine | taking new referrals | launch
`)
	m.add(catDeclaration, 1, false, `
disclosure | full disclosure | disclosures | declaration of interest | declaration of interests
declarations of interest | declaring an interest | declare an interest | declare my interest
i should declare | i must declare | i declare | to declare | conflict of interest
conflicts of interest | competing interest | competing interests | coi | received payment
received payments | received fees | received honoraria | received funding | received hospitality
received speaker | speaker fees | speaker's fees | speaking fees | consultancy fees
consulting fees | honoraria | honorarium | paid adviser | paid advisor | paid consultant
paid speaker | paid clinical adviser | paid clinical advisor | i'm paid | i am paid | i was paid
i get paid | paid by them | on their payroll | hold shares | own shares | have shares
shareholder | share options | equity in | i work for | i am employed by | i'm employed by
advisory board | medical adviser to | medical advisor to | clinical adviser to
clinical advisor to | i founded | founder of | co founder | cofounder | my company
my own company | my business | ambassador for | brand ambassador | paid partnership
sponsored post | # ad | in the interests of transparency | for transparency
to be transparent | no financial interest | no commercial interest | no conflicts
nothing to declare | no interests to declare | no financial or commercial
work part time for | work for them | i consult for | consult for | consultant for | i advise
i'm an adviser | i am an adviser | i'm an advisor | i am an advisor | shares in | a stake in
financial interest | commercial interest | disclaimer | i'm involved with | i am involved with
i helped develop | i developed | i designed | they pay me | paid me | my own product | our product
`)
	m.add(catProductNoun, 1, false, `
supplement | supplements | product | products | app | device | gadget | brand | gummies
subscription | platform | online clinic | private clinic | programme | course | range
`)
	m.add(catCompany, 1, false, `
pharma | pharmaceuticals | pharmaceutical | labs | laboratories | ltd | limited | plc | inc
gmbh | therapeutics | biotech | biosciences | healthcare | health | medical | nutrition
wellness | diagnostics | medtech
`)

	// --- Abuse (paragraph 15) ---
	m.add(catInsult, 2, true, `
idiot | idiots | moron | morons | cretin | imbecile | halfwit | dimwit | numpty | muppet
clown | buffoon | prat | pillock | plonker | twat | dickhead | prick | arsehole | asshole
bastard | wanker | tosser | bellend | scumbag | scum | weasel | snake | slimeball | creep
bitch | cow | pig | psycho | nutjob | nutcase | lunatic | spineless | gutless | liar
pathological liar | charlatan | quack | waste of oxygen | waste of space | waste of skin
thick as two short planks | thick as mince | thick as a brick | brain dead | braindead
couldn't organise a | could not organise a | wouldn't trust him | wouldn't trust her
would not trust him | would not trust her | wouldn't let him near | wouldn't let her near
his wife left him | her husband left her | no wonder his wife | no wonder her husband
nobody likes him | nobody likes her | no one likes him | no one likes her | hope he rots
hope she rots | should be shot | ought to be shot | vile man | vile woman | nasty piece of work
jumped up | little hitler | utterly useless | completely useless | totally useless
bully | coward | attention seeker | disgrace to the profession | piece of work | butcher of
complete liability | total liability | utter liability | thick as pigshit | thick as shit | should never have got through
should never have passed | never have qualified
sleeping her way | sleeping his way | having an affair | affair with
power crazed | slag | slapper | troll | sociopath | narcissist
doesn't give a toss | doesn't give a shit | doesn't give a damn | couldn't care less about patients
shouldn't be a doctor | should never have qualified | bought his degree | bought her degree
`)
	// Sexual gossip about a colleague: "sleeping with" someone at work, not "sleeping with
	// the window open".
	for _, verb := range []string{"sleeping with", "slept with", "sleeps with", "shagging", "bedding"} {
		for _, det := range []string{"the", "her", "his", "a", "their"} {
			for _, who := range []string{"boss", "consultant", "director", "medical director", "clinical director", "partner", "senior partner", "registrar", "manager", "dean", "professor", "chief exec", "chief executive", "surgeon", "trainer", "supervisor", "head of department", "lead"} {
				m.add(catInsult, 2, false, verb+" "+det+" "+who)
			}
		}
	}
	m.add(catInsult, 1, true, `
useless | incompetent | arrogant | lazy | bone idle | clueless | pathetic | stupid | thick
dumb | fat | ugly | sweaty | smelly | greasy | rude | nasty | vile | hopeless | lying
dinosaur | jobsworth | a joke | a nightmare | disgrace | a disgrace | disgusting | repulsive
creepy | slimy | two faced | backstabbing | smug | pompous | vain | sleazy | obnoxious
greedy | spiteful | petty | vindictive | sly | shifty | entitled | demanding | condescending
patronising | patronizing | dangerous to be around | only got the job | explains a lot
heard on good authority | rumour has it | the rumour is | word is that | how he made consultant | how she made consultant
how he got the job | how she got the job | how he passed | how she passed | power mad | has it in for | dragon | waste of a
`)
	m.add(catTitle, 1, false, `
dr | doctor | prof | professor | mr | mrs | ms | miss | mx | sister | nurse | matron | sir
dame | rev | reverend
`)
	m.add(catRole, 1, false, `
consultant | registrar | reg | sho | fy1 | fy2 | f1 | f2 | foundation doctor | house officer
junior | trainee | gp | partner | senior partner | gp partner | locum | trainer | supervisor
educational supervisor | clinical supervisor | director | clinical director | medical director
programme director | training programme director | tpd | manager | practice manager
business manager | ward manager | deputy manager | rota coordinator | rota co ordinator
coordinator | co ordinator | lead | clinical lead | matron | sister | charge nurse | nurse
midwife | pharmacist | receptionist | secretary | surgeon | orthopod | anaesthetist
anesthetist | physician | paediatrician | pediatrician | psychiatrist | obstetrician
gynaecologist | chief executive | ceo | chair | chairman | chairwoman | head of department
hod | clinical tutor | dean | postgraduate dean | responsible officer | appraiser | boss
colleague | doctor | physio | physiotherapist | paramedic | physician associate | anp | acp
intensivist | medic | senior nurse | nurse practitioner | hca | healthcare assistant
guardian of safe working | clinical fellow | fellow | senior | superintendent | deputy
chief exec | chief exec's | ct1 | ct2 | ct3 | st1 | st2 | st3 | st4 | st5 | st6 | st7 | st8 | imt1
imt2 | imt3 | gpst1 | gpst2 | gpst3 | lead gp | salaried gp | duty doctor | on call doctor
`)
	m.add(catIdentHint, 1, false, `
you all know who i mean | you know who i mean | you know who you are | you all know who
you'll know who | you will know who | if you work in | if you work at | everyone knows who
you know the one | you all know the one | naming no names | no names but | won't name
`)
	m.add(catInstitute, 1, false, `
policy | policies | guideline | guidelines | guidance | contract | rota | system | trust | icb
icbs | ccg | nhs | nhse | dhsc | government | department | management | board | cqc | gmc
bma | rcgp | college | deanery | pcn | practice | hospital | service | services | pathway
process | decision | scheme | software | app | form | lot | idea | plan | meeting | target
targets | committee | leadership | execs | executives | trusts | politicians | ministers
minister | secretary of state | it | this | that
`)
	m.add(catPronounSg, 1, false, `
he | she | him | her | his | hers | himself | herself | he's | she's | he'd | she'd | he'll
she'll
`)
	m.add(catPronounYou, 1, false, `
you | you're | youre | yourself
`)
	m.add(catAddressee, 1, false, `
replying to | in reply to | your post | your comment | your reply | your last post | people like you
you clearly | you obviously | you've clearly | you've obviously | op | the op
`)

	// --- Raising concerns ---
	// Conduct: what a colleague does, worded so that it cannot be about a patient
	// ("under the influence at work", not "under the influence").
	m.add(catConcern, 2, true, `
like sweets | like smarties | drunk on duty | drunk at work | drunk on shift | drinking on shift
drinks on shift | smelt of alcohol | smelled of alcohol | smells of alcohol | stinks of booze
smelling of alcohol | under the influence at work | under the influence on shift | on duty under the influence
at work under the influence | falsified | falsifying | falsifies | fabricated results | fabricated notes
fabricated data | fabricating notes | fabricating data | fabricating results | backdating | backdated notes
negligent | struck off | shouldn't be practising | should not be practising | not fit to practise
unfit to practise | a danger to patients | danger to patients | dangerous doctor | killing patients
going to kill someone | will kill someone | kill a patient | kills someone | someone will die
someone is going to die | harming patients | putting patients at risk | puts patients at risk
covering it up | covered it up | cover it up | covering up for | a cover up | hushed up
swept under the carpet | brushed under the carpet | bullying juniors | bullying the juniors
bullying staff | bullying trainees | bullying nurses | bullying the nurses | bullies juniors
bullies staff | bullies trainees | harassing staff | harassing juniors | harassing nurses
harassing female | sexually harassed | sexually inappropriate | sexual comments | inappropriate touching
groping | touched a patient | committing fraud | is a fraud | fraudulent claims | fiddling the books
fiddling the figures | fiddling claims | never examines | doesn't examine | didn't examine
without examining | no reviews | without reviewing | never reviews | doesn't review | signs anything
he botched | she botched | asleep on duty | turns up late | turned up drunk | turns up drunk
refuses to come in when | won't come in when | never answers his bleep | never answers her bleep
never answers bleeps | ignores bleeps | ignores his bleep | ignores her bleep | missing cancers
misses cancers | missed cancers | unsupervised | without supervision | out of their depth
out of his depth | out of her depth | stealing drugs | taking drugs from | assaulted a patient
assaulted a colleague | assaulted staff | inappropriate relationship | racist to patients
racist towards patients | racist comments to patients | racist about patients | is a racist | is racist
sexist comments to | is sexist | homophobic comments to | is homophobic | refusing to see
refuses to see | without seeing the patient | without seeing patients | without seeing them
private work in nhs time | signing off without | made up results | makes up results
lied to a patient | lies to patients | prescribing errors | drug errors | leaving theatre
walked out of theatre | leaves theatre | leaving patients | abandoned patients | shouting at patients
shouts at patients | shouting at confused | shouting at elderly | leaving them in | neglecting patients
neglecting confused | neglecting her patients | neglecting his patients | neglects patients
neglected patients | rough with patients | slapped a patient | hit a patient | mistreating patients
mistreats patients | mistreated patients | abusing patients | abuses patients
dangerously understaffed | dangerously short staffed | unsafe staffing | patients are dying
patients are being harmed | people are dying | patients have died | babies have died
`)
	// Harm outcomes: evidence of a concern only alongside a conduct phrase above.
	m.add(catConcern, 1, true, `
ended up in ed | ended up in a&e | ended up in hospital | ended up in resus | ended up on itu
overdoses | overdosed | have been harmed | has been harmed | been harmed | were harmed | was harmed
handing out | dishing out | hands out | overprescribing | over prescribing | bullying | harassing
`)
	m.add(catConcern, 1, true, `
unsafe | dangerous | patient safety | harm | harmed | at risk | patients at risk | reckless | careless | sloppy
incompetent | mistakes | errors | missed | overdose | died | deaths | serious incident | worried about
near miss | complaints | inappropriate | prescribing | unprofessional
`)
	m.add(catAiring, 1, false, `
say this publicly | saying this publicly | say it publicly | name and shame | naming and shaming
nobody else will | no one else will | someone has to say | someone needs to say | warn everyone
warn you all | you have been warned | be warned | consider yourselves warned | if you work near
if you work anywhere near | anywhere near him | anywhere near her | avoid him | avoid her
check his | check her | not bothering with | won't bother with | no point reporting
won't bother reporting | didn't bother reporting | not going to report | going public
go public | out him | out her | for the record | everyone should know
warning to anyone | warning to everyone | word of warning | avoid his | avoid her | avoid the place
steer clear | nobody has stopped
no one has stopped | nobody is doing anything | nobody did anything | nobody will listen
no one will listen | nobody listens
`)
	m.add(catChannel, 1, false, `
how do i raise | how to raise | how should i raise | how best to raise | how would i raise
how do you raise | raise a concern | raise concerns | raise my concern | raising a concern
raising concerns | should i report | do i report | how do i report | who do i report
who should i report | who should i tell | who do i tell | who do i speak to | speak up
freedom to speak up | ftsu | guardian | datix | incident report | report it | escalate
escalating | escalated | whistleblowing | whistleblow | whistleblower | responsible officer
clinical governance | the gmc | gmc | mdu | mps | mddus | medical defence | bma advice
what are my options | what should i do | where do i stand | advice please
`)

	// --- Boundaries (paragraph 11) ---
	// Contact outside the professional relationship. Messages through the practice's own
	// channels are ordinary, so a bare "messaged me" counts only with a social platform in
	// the same sentence (platformContact).
	m.add(catContact, 2, true, `
friend request | friend requests | friend requested | friended me | friend me | added me | add me
follow request | follow requests | followed me | follows me | follow me | dm'd me | dmed me | dm'ed me
direct messaged | slid into my | messaged me privately | messaging me privately | sending me messages
sends me messages | sent me messages | texting me | texts me | texted me | calling my mobile
called my mobile | asked me out | ask me out | asking me out | fancy a drink | fancied a drink
for a drink | go for a drink | meet for a drink | meet up with me | wants to meet up | asked to meet up
meet for coffee | on a date | go on a date | asked me on a date | romantic advances | romantic interest
romantically interested | romantic gesture | flirty | flirting | flirtatious | flirted | love letter
crush on me | fancies me | attracted to me | my personal number | my mobile number | my personal mobile
my personal email | my home address | turned up at my house | at my house | turned up at my
turning up at my | turns up at my | keeps turning up | waiting for me outside | followed me home
approached me at | chatting to me about | unfriend | unfriended | unfriending | block her | block him
blocked her | blocked him | found my profile | found my account | found my instagram | found my facebook
found my personal | found my number | found my address | found me on | tagged me | commenting on my
comments on my | comments under my | commenting on all my | liked my photos | liked all my | liking my
liking all my | likes all my | following my | my profile | my private profile | my personal profile
my private account | my personal account | my personal page | my instagram | my facebook | my twitter
my tiktok | my linkedin | my snapchat | my whatsapp | my personal instagram | my personal facebook
accepted her request | accepted his request | accepted the request | gift for me | gave me a gift
go for dinner | out for dinner | dinner with me | gave me her number | gave me his number
left me her number | left me his number | slipped me her number | add a patient | added a patient
friends with a patient | friends with patients | date a patient | dating a patient | dating an ex
relationship with a patient | relationship with a former patient | relationship with an ex
follow a patient | follow patients | following a patient | connect with patients | connect with a patient
looked up a patient | looked up my patient | looked her up | looked him up | searched for her on
searched for him on | googled my patient | googled a patient | checked her profile | checked his profile
`)
	m.add(catPlatform, 1, false, `
facebook | fb | instagram | insta | twitter | tiktok | snapchat | whatsapp | linkedin
social media | dating app | tinder | hinge | bumble
`)
	m.add(catFirstObj, 1, false, `
me
`)
	m.add(catPatientRef, 1, false, `
patient | patients | pt | pts | patient's | patients' | ex patient | former patient
one of my patients | one of our patients | on my list | registered with us | registered at our
one of my regulars | my regulars | frequent attender | her results | his results
`)
	m.add(catPatientScene, 1, false, `
appointment | consultation | booked in | booked an appointment | saw her | saw him | in clinic
consulted | came to see me | registered | new patient | her gp | his gp | i'm her gp | i'm his gp
`)

	// --- Public patient case (8a) ---
	m.add(catCaseStrong, 2, false, `
my patient | a patient of mine | patient of mine | one of my patients | one of our patients
a patient i | patient i saw | patient i've | the patient i | i saw a patient | saw a patient
i had a patient | we had a patient | i've got a patient | i have a patient | we've got a patient
i've got a lady | i've got a chap | i've got a man | i've got a woman | i've got a gent
i saw a lady | i saw a man | i saw a woman | i saw a chap | i saw a gent | came to see me
came in with | came in today | presented to me | i admitted | we admitted | i referred
my 2ww | this patient | my pt | patient nhs | her nhs number | his nhs number | patient's nhs
my lady | my chap | my gent | a lady of mine | a chap of mine
a patient of ours | patient of ours | a lady of ours | a chap of ours | one of ours
`)
	m.add(catDemographic, 1, false, `
man in his | woman in her | lady in her | chap in his | gent in his | bloke in his | guy in his
boy aged | girl aged | man aged | woman aged | year old | years old | yr old | yrs old | yo
y / o | month old | week old | day old | <num> yo | <num> m | <num> f
a teenager | a toddler | a lad | a lady | a chap | a gent
young mum | new mum | this mum | a mum of | mum of <num> | young dad | new dad | this dad
`)
	// A patient described by the words clinicians use for one ("this lady", "an elderly
	// gent"), not the nouns alone ("lady GPs").
	ageMods := []string{"this", "my", "elderly", "older", "old", "young", "little", "frail", "<num> year old", "<num> yr old"}
	for _, noun := range []string{"lady", "gent", "gentleman", "chap", "lad", "bloke", "fella", "toddler", "teenager", "newborn"} {
		for _, mod := range append(ageMods, "the", "our", "lovely", "poor") {
			m.add(catDemographic, 1, false, mod+" "+noun)
		}
	}
	for _, noun := range []string{"man", "woman", "boy", "girl", "baby"} {
		for _, mod := range ageMods {
			m.add(catDemographic, 1, false, mod+" "+noun)
		}
	}
	m.add(catEpisode, 1, false, `
this morning | yesterday | last night | last week | tonight | this week | at the weekend
on monday | on tuesday | on wednesday | on thursday | on friday | on saturday | on sunday
came in | presented | was admitted | got admitted | i saw | we saw | i've seen | i'm seeing
on my list | in clinic today | on call | my shift | my clinic | my surgery | booked in
i've got | we've got | i have got | just seen | just saw
just diagnosed | diagnosed a | i diagnosed | we diagnosed | in resus | on the ward today | sent home
earlier today | in today | seen today | saw today | today i | today we | admitted today
diagnosed today | died today | had to tell | had to break | broke the news | saw a | i've just seen | this winter | this month | readmitted | re admitted
second admission | third admission | another admission | admitted again | back in again
`)
	m.add(catTeaching, 1, false, `
teaching point | teaching case | hypothetical | hypothetically | imagine | for example
e.g | case study | scenario | exam question | mcq | sba | learning point | say you have
let's say | suppose
`)

	// --- Identity (paragraph 17) ---
	m.add(catDoctorClaim, 1, false, `
as a gp | as a doctor | as a consultant | as a medic | as a registrar | as a junior doctor
as a surgeon | as a physician | as a psychiatrist | as a paediatrician | as an anaesthetist
i'm a gp | i am a gp | i'm a doctor | i am a doctor | i'm a consultant | i am a consultant
i'm a junior doctor | i'm a surgeon | speaking as a | fellow doctors | my patients | gp here
consultant here | doctor here | registrar here | i'm an nhs doctor | i work as a doctor
`)
	return m
}
