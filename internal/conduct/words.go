package conduct

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"

	"github.com/mosaicgw/mosaic/internal/conditions"
	"github.com/mosaicgw/mosaic/internal/lexis"
)

// Word knowledge. Open-class words are read through sourced lexicons: how positive or
// negative a word is from the VADER lexicon (data/valence.tsv, see data/SOURCES.md), what
// a noun denotes from WordNet (internal/lexis). The small lists below are closed classes
// of English grammar (determiners, pronouns, auxiliaries, prepositions) or short semantic
// classes written for this package; none is taken from evaluation text.

//go:embed data/valence.tsv
var valenceText string

var valenceOnce = sync.OnceValue(func() map[string]float64 {
	m := make(map[string]float64, 8000)
	for _, line := range strings.Split(valenceText, "\n") {
		w, v, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err == nil {
			m[w] = f
		}
	}
	return m
})

// valence is the VADER mean rating of a word (-4..+4), 0 when unrated. An inflected
// form is tried as its noun or verb lemma ("stabbing": stab), and an unrated closed
// compound by its head, English compounds being right-headed ("backstabbing").
func valence(w string) float64 {
	m := valenceOnce()
	if v, ok := m[w]; ok {
		return v
	}
	if l := lexis.Lemma(w, lexis.Noun); l != w {
		if v, ok := m[l]; ok {
			return v
		}
	}
	if l := lexis.Lemma(w, lexis.Verb); l != w {
		if v, ok := m[l]; ok {
			return v
		}
	}
	if len(w) >= 9 && !strings.ContainsAny(w, "'-") {
		for i := 4; i <= len(w)-5; i++ {
			if lexisKnown(w[:i]) && lexisKnown(w[i:]) {
				if v := valence(w[i:]); v != 0 {
					return v
				}
			}
		}
	}
	return 0
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// Grammar: closed classes.
var (
	determiners   = set("the", "this", "that", "these", "those", "a", "an", "our", "my", "your", "his", "her", "their", "its", "any", "some", "every", "each", "no", "another", "one")
	definiteDets  = set("the", "this", "that")
	ownDets       = set("our", "my")
	indefDets     = set("a", "an", "any", "some", "every", "each", "no", "another")
	prepositions  = set("at", "in", "on", "from", "of", "for", "with", "to", "by", "about", "over", "under", "near", "round", "around", "into", "onto", "after", "before", "since", "during", "without", "like", "than", "via", "across", "through", "between", "within")
	locators      = set("at", "in", "on", "from", "of", "for", "across", "within", "near")
	relatives     = set("who", "whom", "whose", "which", "that", "where", "when", "what")
	conjunctions  = set("and", "but", "or", "so", "because", "while", "although", "though", "cos", "as", "if", "yet", "then")
	copulaWords   = set("is", "was", "are", "were", "be", "been", "being", "am", "'re", "isn't", "wasn't", "aren't", "weren't", "seems", "seemed", "looks", "remains", "became", "becomes")
	auxiliaries   = set("has", "have", "had", "does", "do", "did", "will", "would", "should", "could", "can", "must", "may", "might", "shall", "hasn't", "haven't", "hadn't", "doesn't", "don't", "didn't", "won't", "wouldn't", "shouldn't", "couldn't", "can't", "cannot", "keeps", "kept", "gets", "got")
	negators      = set("not", "no", "never", "isn't", "wasn't", "aren't", "weren't", "don't", "doesn't", "didn't", "hardly", "nor", "neither", "nothing", "without", "isnt", "wasnt", "dont", "doesnt", "didnt", "won't", "wouldn't", "can't", "cannot", "nobody", "none", "hasn't", "haven't", "hadn't", "shouldn't", "couldn't")
	locAdverbs    = set("here", "there")
	intensifiers  = set("utterly", "completely", "totally", "absolutely", "absolute", "complete", "total", "utter", "most", "such", "really", "truly", "thoroughly", "entirely", "so", "very", "proper", "right")
	discourseOpen = set("and", "but", "so", "honestly", "frankly", "actually", "also", "plus", "oh", "well", "anyway", "seriously", "basically", "then", "now", "still", "because", "cos")
)

// Pronouns by what they refer to.
var (
	sgPersonPronouns = set("he", "she", "him", "her", "his", "hers", "himself", "herself", "he's", "she's", "he'd", "she'd", "he'll", "she'll")
	selfPronouns     = set("i", "me", "myself", "i'm", "im", "i've", "i'd", "i'll", "we", "us", "ourselves", "we're", "we've", "we'd", "we'll", "mine")
	youPronouns      = set("you", "you're", "youre", "yourself", "you've", "you'd", "you'll", "u")
	groupPronouns    = set("they", "them", "their", "theirs", "they're", "theyre", "themselves", "they've", "they'd", "those", "these", "everyone", "everybody", "people", "anyone", "anybody", "nobody", "somebody", "someone", "all")
	thingPronouns    = set("it", "it's", "its", "this", "that", "which", "what", "something", "everything", "anything", "nothing")
	firstSingular    = set("i", "i'm", "im", "i've", "i'd", "i'll")
	firstPlural      = set("we", "we're", "we've", "we'd", "we'll")
	firstObject      = set("me", "my", "mine", "myself")
	firstPossessives = set("my", "our")
	questionWords    = set("how", "who", "whom", "where", "what", "which", "should", "when", "is", "do", "does", "can", "would", "could", "any", "anyone")
)

// genericPersonNouns name a person without saying what they do: with "the" they take
// up someone already mentioned ("the man" after "the local councillor").
var genericPersonNouns = set("man", "woman", "guy", "bloke", "chap", "fella", "fellow", "lad", "lass", "lady", "gent", "gentleman", "person", "individual", "character", "one")

// staffRoles are heads of NHS staff titles that WordNet has no person sense for, and
// grade abbreviations (British clinical usage).
var staffRoles = set("gp", "gps", "lead", "leads", "reg", "regs", "sho", "fy1", "fy2", "f1", "f2", "fy", "st1", "st2", "st3", "st4", "st5", "st6", "st7", "st8",
	"ct1", "ct2", "ct3", "imt", "orthopod", "locum", "locums", "consultant", "consultants", "registrar", "registrars", "partner", "partners", "matron", "sister",
	"anp", "acp", "enp", "enps", "np", "ecp", "hca", "pa", "tpd", "es", "cd", "md", "ceo", "exec", "deputy", "trainee", "trainees", "junior", "juniors", "senior", "seniors")

// roleWord reports a noun that names a job or role (a colleague, a manager, an
// official): a staff title, or a WordNet person noun of an occupational kind.
func roleWord(w string) bool {
	if staffRoles[w] {
		return true
	}
	if genericPersonNouns[w] || len(w) < 3 {
		return false
	}
	c, ok := lexis.PersonNoun(w)
	if !ok {
		return false
	}
	switch c {
	case lexis.Worker, lexis.Professional, lexis.Leader, lexis.Religious, lexis.Military:
		return true
	}
	return false
}

// personWord reports any noun that denotes a person (a role, a generic person noun, a
// kind of person).
func personWord(w string) bool {
	if roleWord(w) || genericPersonNouns[w] {
		return true
	}
	if len(w) < 3 {
		return false
	}
	_, ok := lexis.PersonNoun(w)
	return ok
}

func pluralNoun(w string) bool {
	if staffRoles[w] {
		return strings.HasSuffix(w, "s") && staffRoles[strings.TrimSuffix(w, "s")]
	}
	l := lexis.Lemma(w, lexis.Noun)
	return l != w && strings.HasSuffix(w, "s")
}

// pejorativeKinds are WordNet senses of contempt for a person: a noun with a sense below
// one of them is an insult when said of someone ("weasel", "prat" are not, "bully",
// "liar", "idiot", "creep" are).
var pejorativeKinds = set("unpleasant person", "disagreeable person", "bad person", "simpleton", "fool", "incompetent",
	"incompetent person", "unwelcome person", "wrongdoer", "deceiver", "selfish person", "vulgarian", "weakling", "coward",
	"unpleasant woman", "disagreeable woman", "oppressor", "good-for-nothing", "goldbrick", "idler", "loafer", "sneak", "upstart")

var pejorativeCache sync.Map

// pejorativeNoun reports a noun with a sense below one of the pejorativeKinds.
func pejorativeNoun(w string) bool {
	if v, ok := pejorativeCache.Load(w); ok {
		return v.(bool)
	}
	l := lexis.Lemma(w, lexis.Noun)
	res := false
	if lexis.IsNoun(l) {
		for _, h := range lexis.Hypernyms(l, 0) {
			if pejorativeKinds[h] {
				res = true
				break
			}
		}
	}
	pejorativeCache.Store(w, res)
	return res
}

var groupCache sync.Map

// groupNoun reports a noun for a body of people or an organisation ("board", "team",
// "management", "trust"), by WordNet.
func groupNoun(w string) bool {
	if v, ok := groupCache.Load(w); ok {
		return v.(bool)
	}
	l := lexis.Lemma(w, lexis.Noun)
	res := lexis.IsA(l, "social group") || lexis.IsA(l, "organization") || lexis.IsA(l, "administrative unit")
	groupCache.Store(w, res)
	return res
}

var drugCache sync.Map

// drugNoun reports a medicine or drug: one the condition index knows as pointing to a
// condition (Wikidata's medications, internal/conditions), or a WordNet drug, medicine
// or narcotic ("morphine", "antibiotics").
func drugNoun(w string) bool {
	if v, ok := drugCache.Load(w); ok {
		return v.(bool)
	}
	l := lexis.Lemma(w, lexis.Noun)
	res := len(w) > 3 && len(conditions.Default().ImpliedBy(w)) > 0
	if !res && len(l) > 3 && lexis.IsNoun(l) {
		for _, a := range []string{"drug", "medicine", "medication", "narcotic", "antibiotic", "analgesic", "opiate"} {
			if lexis.IsA(l, a) {
				res = true
				break
			}
		}
	}
	drugCache.Store(w, res)
	return res
}

var alcoholCache sync.Map

// alcoholNoun reports an alcoholic drink by WordNet ("alcohol", "booze", "whisky").
func alcoholNoun(w string) bool {
	if v, ok := alcoholCache.Load(w); ok {
		return v.(bool)
	}
	l := lexis.Lemma(w, lexis.Noun)
	res := l == "alcohol" || lexis.IsA(l, "alcohol") || lexis.IsA(l, "alcoholic beverage")
	alcoholCache.Store(w, res)
	return res
}

var bodyCache sync.Map

// privativeBodyAdj reports "-less" adjectives built on a body part or a faculty said of
// a character ("spineless", "gutless", "brainless", "heartless"): contempt when said of
// someone.
func privativeBodyAdj(w string) bool {
	base, ok := strings.CutSuffix(w, "less")
	if !ok || len(base) < 3 {
		return false
	}
	if v, ok := bodyCache.Load(base); ok {
		return v.(bool)
	}
	res := lexis.IsA(base, "body part") || lexis.IsA(base, "organ") || lexis.IsA(base, "bone") || valence(base) > 0.5
	bodyCache.Store(base, res)
	return res
}

// Semantic classes written for the checks.
var (
	// verbs that report someone else's words: reported abuse is not the author's.
	reportingVerbs = set("called", "calling", "calls", "call", "said", "says", "shouted", "screamed", "yelled", "swore", "told",
		"branded", "labelled", "labeled", "accused", "described", "describes", "reckons", "reckoned", "claimed", "claims", "thinks", "thought")
	// smelling of something.
	smellVerbs = set("smell", "smells", "smelt", "smelled", "smelling", "stink", "stinks", "stank", "stinking", "reek", "reeks", "reeked", "reeking")
	// impairment said of someone at work.
	impairedWords = set("drunk", "intoxicated", "hungover", "inebriated", "tipsy", "plastered", "stoned", "high")
	// supplying medicines.
	supplyVerbs = set("hand", "hands", "handing", "handed", "dish", "dishes", "dishing", "dished", "dole", "doling", "doled",
		"issue", "issues", "issuing", "issued", "prescribe", "prescribes", "prescribing", "prescribed", "give", "gives", "giving", "gave",
		"put", "puts", "putting", "write", "writes", "writing", "wrote", "start", "starts", "starting", "started", "supply", "supplies", "supplying")
	// safeguards of safe prescribing and practice, whose absence is an allegation.
	safeguardWords = set("review", "reviews", "reviewing", "reviewed", "seen", "seeing", "see", "examining", "examined", "examine", "examination",
		"assessment", "assessing", "assessed", "monitoring", "monitored", "checks", "checking", "checked", "supervision", "supervised",
		"consent", "follow-up", "followup", "bloods", "tests", "notes", "records", "documentation", "handover", "escalation")
	// misconduct verbs (GMC probity and patient safety).
	// errorVerbs say a clinician got things wrong; with a count or a plural of what
	// was missed, a pattern of error.
	errorVerbs = set("missed", "misses", "missing", "misdiagnosed", "misdiagnoses", "misread", "misreads", "misreading",
		"overlooked", "overlooks", "mismanaged", "mismanages")
	misconductVerbs = set("falsify", "falsifies", "falsified", "falsifying", "fabricate", "fabricates", "fabricated", "fabricating",
		"forge", "forged", "forging", "backdate", "backdated", "backdating", "steal", "steals", "stole", "stealing", "stolen",
		"assault", "assaulted", "assaulting", "grope", "groped", "groping", "harass", "harassed", "harassing", "bully", "bullies",
		"bullied", "bullying", "neglect", "neglects", "neglected", "neglecting", "botch", "botched", "botching", "fiddle", "fiddled", "fiddling",
		"cover-up", "defraud", "defrauded", "defrauding")
	// safety evaluations of a unit or of someone's practice.
	safetyWords = set("unsafe", "dangerous", "negligent", "reckless", "understaffed", "lethal", "deadly", "incompetent")
	// harm to patients.
	harmWords = set("die", "dies", "died", "dying", "death", "deaths", "dead", "hurt", "harm", "harmed", "harming", "injured", "injury",
		"overdose", "overdoses", "overdosed", "kill", "killed", "killing", "suffer", "suffered")
	// raising and reporting: asking about them is the proper route.
	raiseVerbs = set("raise", "raising", "raised", "report", "reporting", "reported", "escalate", "escalating", "escalated",
		"whistleblow", "whistleblowing", "speak", "tell", "flag", "start", "route", "routes", "go")
	// the proper channels for a concern in UK practice.
	channelWords = set("ftsu", "guardian", "gmc", "datix", "cqc", "hiw", "rqia", "tpd", "es", "deanery", "ro", "appraiser",
		"union", "mdu", "mps", "mddus", "bma", "whistleblowing", "incident", "governance", "hee", "ombudsman")
	// airing: putting something in front of people.
	airVerbs  = set("say", "saying", "said", "put", "putting", "post", "posting", "share", "sharing", "warn", "warning", "name", "naming", "tell", "telling", "out", "shame", "shaming", "publicise")
	airPlaces = set("here", "publicly", "public", "somewhere", "everyone", "everybody", "forum", "people", "all")
)

// Promotion and interests.
var (
	// money nouns and currency.
	moneyWords = set("£", "$", "€", "gbp", "usd", "eur", "pounds", "quid", "bonus", "commission", "fee", "fees", "cashback", "voucher", "credit", "payment", "paid", "referral")
	// receiving money or a stake: with "I" they declare an interest.
	receiveVerbs = set("get", "got", "receive", "received", "receives", "earn", "earned", "earns", "make", "paid", "hold", "own", "owns", "had", "have", "take")
	stakeNouns   = set("fees", "fee", "honoraria", "honorarium", "shares", "equity", "stake", "payment", "payments", "funding", "commission", "bonus", "salary", "hospitality", "grant", "royalties", "options", "consultancy", "sponsorship")
	// declaring.
	declareWords = set("declaration", "declarations", "declare", "declaring", "declared", "disclosure", "disclosures", "disclose", "disclosing", "disclaimer", "transparency", "coi", "conflict", "conflicts", "competing")
	// a role in a company: "paid adviser", "founder", "director".
	interestRoles = set("adviser", "advisor", "advisory", "consultant", "founder", "cofounder", "co-founder", "director", "owner", "shareholder", "ambassador", "employee", "investor", "partner", "speaker")
	// endorsing and recommending verbs.
	endorseVerbs = set("recommend", "recommends", "recommended", "recommending", "refer", "referring", "send", "sending", "swear", "switch", "switching", "switched", "try", "use", "get", "put", "point", "go", "book", "sign", "mention", "mentioning", "start", "move", "moving", "prescribe", "prescribing")
	// events a company hosts.
	hospitalityNouns = set("symposium", "conference", "trip", "dinner", "meeting", "launch", "event", "junket", "retreat", "lunch", "congress")
	// sponsor markers.
	sponsorWords = set("courtesy", "sponsored", "hosted", "funded", "paid", "flew", "organised", "organized")
	// words naming a company.
	companyWords = set("pharma", "pharmaceuticals", "pharmaceutical", "labs", "laboratories", "ltd", "limited", "plc", "inc", "gmbh", "therapeutics", "biotech", "biosciences", "healthcare", "medical", "nutrition", "wellness", "diagnostics", "medtech", "aesthetics", "clinic", "clinics", "group")
	// public services: a recommendation of them is no commercial interest.
	publicWords = set("nhs", "nice", "gov", "council", "charity", "ukhsa", "phe", "bhf", "rcgp", "bma", "gmc", "hospital", "infirmary", "trust", "board", "university", "surgery", "practice", "centre", "health", "icb", "hse", "inform", "direct", "england", "scotland", "wales")
	// verbs of offer and purchase.
	offerWords = set("off", "discount", "discounted", "offer", "deal", "code", "link", "coupon", "promo", "voucher", "order", "website", "shop", "buy", "sign-up", "signup", "subscribe")
)

// Boundaries.
var (
	// social platforms, by name (general knowledge of the common ones).
	platforms = set("facebook", "fb", "instagram", "insta", "twitter", "tiktok", "snapchat", "whatsapp", "linkedin", "messenger", "dm", "dms", "social", "tinder", "hinge", "bumble")
	// contacting someone on a platform.
	contactWords = set("friend", "friended", "follow", "follows", "followed", "following", "add", "added", "adding", "message", "messages", "messaged", "messaging",
		"dm", "dms", "dm'd", "dmed", "request", "requests", "found", "tagged", "liked", "likes", "liking", "commenting", "comments", "texting", "texted", "texts")
	// social outings.
	outingNouns = set("drink", "drinks", "dinner", "date", "dates", "coffee", "lunch", "pint", "beer", "meal", "walk", "run", "running", "party", "night")
	// the author's own places outside work.
	privatePlaces = set("house", "home", "club", "gym", "flat", "door", "garden", "pub", "church")
	// accepting and going along with.
	acceptVerbs = set("accepted", "accept", "accepting", "agreed", "said", "chatting", "chatted", "dating", "date", "seeing", "going", "meeting", "met")
	// declining and keeping a boundary.
	declineWords = set("decline", "declining", "declined", "ignore", "ignoring", "ignored", "refuse", "refusing", "refused", "block", "blocking", "blocked",
		"reject", "rejecting", "unfriend", "unfollow", "remove", "delete", "kindest", "politely")
	// words of a friend or acquaintance rather than a patient.
	acquaintances = set("neighbour", "neighbor", "friend", "mate", "pal", "partner", "colleague", "flatmate", "housemate")
	// clinical acts.
	clinicalActs = set("prescribe", "prescribed", "prescribing", "prescription", "treat", "treated", "treating", "examine", "examined", "examining", "look", "looking",
		"seeing", "seen", "gave", "give", "giving", "course", "script", "scripts", "repeat", "refer", "referred", "check", "checked", "checking", "photos", "injection")
)

// Public patient cases.
var (
	// the author meeting a patient.
	encounterVerbs = set("had", "saw", "seen", "see", "admitted", "treated", "reviewed", "examined", "referred", "diagnosed", "got", "have", "looked", "sent", "discharged", "intubated", "resuscitated")
	// a patient arriving.
	arrivalVerbs = set("came", "comes", "presented", "presents", "walked", "rolled", "attended", "turned", "brought", "arrived", "collapsed", "rocked")
	// a made-up or teaching case.
	teachingWords = set("hypothetical", "hypothetically", "imagine", "scenario", "suppose", "exam", "mcq", "sba", "teaching", "vignette")
)

// Identity: the words of a doctor's role.
var doctorRoleWords = set("gp", "doctor", "consultant", "registrar", "physician", "surgeon", "trainee", "fy1", "fy2",
	"f1", "f2", "sho", "medic", "anaesthetist", "anesthetist", "intensivist", "fellow", "locum",
	"gpwer", "gpwsi", "house", "foundation", "imt", "imt1", "imt2", "imt3", "cmt", "partner",
	"st1", "st2", "st3", "st4", "st5", "st6", "st7", "st8", "ct1", "ct2", "ct3", "orthopod")

// verbOnly reports a word WordNet knows as a verb form but not as a noun, so that a
// short clause with it is not verbless ("hides", "forced").
func verbOnly(w string) bool {
	if len(w) < 3 {
		return false
	}
	v := lexis.Lemma(w, lexis.Verb)
	return lexis.IsVerb(v) && !lexis.IsNoun(lexis.Lemma(w, lexis.Noun))
}

// lexisKnown reports an English word: in the SCOWL lists up to size 70, or a WordNet
// noun or verb. Invented product names are none of these.
func lexisKnown(w string) bool {
	if c := lexis.Commonness(w); c > 0 && c <= 70 {
		return true
	}
	return lexis.IsNoun(lexis.Lemma(w, lexis.Noun)) || lexis.IsVerb(lexis.Lemma(w, lexis.Verb))
}

// participle reports an -ing or -ed form of a WordNet verb.
func participle(w string) bool {
	if !strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "ed") {
		return false
	}
	l := lexis.Lemma(w, lexis.Verb)
	return l != w && lexis.IsVerb(l)
}
