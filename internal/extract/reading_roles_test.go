package extract

import "testing"

// TestReadingRoles covers the role reader (roles.go): jobs from predicate nouns, job
// verbs and their objects, workplaces, former jobs, memberships, unique roles and
// counts pinned to a place. Each detail must go to the person it is said of.
func TestReadingRoles(t *testing.T) {
	ex := newTestExtractor(t)
	P, A := SubjectPatient, SubjectAuthor
	cases := []readCase{
		// Predicate nouns: "he's a ...", "works as a ...", apposition.
		{text: "Chap in his 60s, works as a lorry driver, new AF.", want: []rd{{kind: KindOccupation, span: "works as a lorry driver", value: "lorry driver", subj: P, ref: 1}}},
		{text: "Man in his 40s, works as a security guard.", want: []rd{{kind: KindOccupation, value: "security guard", subj: P, ref: 1}}},
		{text: "He's a farrier in his 50s with a bad back.", want: []rd{{kind: KindOccupation, span: "farrier", value: "farrier", subj: P, ref: 1}}},
		{text: "Lad of 19, a keen footballer, with a twisted knee.", want: []rd{{kind: KindOccupation, span: "footballer", subj: P, ref: 1}}},
		{text: "He's a crane operator at the docks.", want: []rd{{kind: KindOccupation, value: "crane operator", subj: P}}},
		{text: "She's a precentor at the cathedral.", want: []rd{{kind: KindOccupation, value: "precentor", subj: P}}},
		{text: "He's a GP in Kendal.", want: []rd{{kind: KindOccupation, value: "gp", subj: P}}},
		{text: "I'm a GP in Kendal.", want: []rd{{kind: KindOccupation, value: "gp", subj: A}}},
		{text: "Plumber in his 40s with back pain.", want: []rd{{kind: KindOccupation, span: "Plumber", value: "plumber", subj: P, ref: 1}}},
		{text: "Farmer in his thirties near Keswick with type 1 diabetes.", want: []rd{{kind: KindOccupation, value: "farmer", subj: P, ref: 1}}},

		// Former jobs.
		{text: "Retired vicar in his 80s with AF.", want: []rd{{kind: KindOccupation, span: "Retired vicar", value: "vicar", subj: P, ref: 1}}},
		{text: "She's a retired postmistress.", want: []rd{{kind: KindOccupation, value: "postmistress", subj: P}}},
		{text: "He's a retired miner with COPD.", want: []rd{{kind: KindOccupation, span: "retired miner", value: "miner", subj: P}}},
		{text: "She's an ex-nurse with asthma.", want: []rd{{kind: KindOccupation, value: "nurse", subj: P}}},
		{text: "He's a former soldier with PTSD.", want: []rd{{kind: KindOccupation, span: "former soldier", value: "soldier", subj: P}}},
		// A role whose noun phrase opens the sentence, possessor and all, is the case.
		{text: "The island's police officer, 40s, has had an MI.", want: []rd{
			{kind: KindOccupation, value: "police officer", subj: P, ref: 1},
			{kind: KindCondition, value: "myocardial infarction", subj: P, ref: 1}}},
		// An apposition with a place after it is still the patient's.
		{text: "Man in his 30s with type 1 diabetes, a farmer near Keswick.", want: []rd{
			{kind: KindOccupation, value: "farmer", subj: P, ref: 1},
			{kind: KindPlace, value: "keswick", subj: P, ref: 1}}},
		// A verb of a trade done at an establishment: its staff, one detail.
		{text: "She teaches at the primary school.", want: []rd{{kind: KindOccupation, value: "works at primary school", subj: P, some: true}}},
		// "One of the few/last handful of/couple of" counts; a participle after the
		// role does not end the reading of where its people are.
		{text: "He grows rhubarb - one of the last handful of family growers in the county.", want: []rd{{kind: KindOccupation, value: "grower", subj: P, count: 5}}},
		{text: "She is one of a couple of vets on the island.", want: []rd{{kind: KindOccupation, value: "vet", subj: P, count: 2}}},
		{text: "He is the only Polish speaker living here.", want: []rd{{kind: KindOccupation, value: "only polish speaker", subj: P, count: 1}}},
		{text: "Two of the farriers came in today.", want: []rd{{kind: KindOccupation, value: "farrier", subj: SubjectColleague}}},
		// A sport with a word that makes it a pastime is priced as one: about one
		// adult in ten, not a trade's share.
		// A trade by what it works with is one kind of the trade.
		{text: "He is a pig farmer.", want: []rd{{kind: KindOccupation, span: "pig farmer", value: "pig farmer", subj: P}}},
		{text: "Pt with bronchiectasis. Flower farmer on the island.", want: []rd{{kind: KindOccupation, value: "flower farmer", subj: P, ref: 1}}},
		{text: "The patient, a male footballer in his twenties.", want: []rd{{kind: KindOccupation, value: "amateur footballer", subj: P}}},
		{text: "The quarry foreman, 50s, crushed his hand.", not: []nd{{kind: KindOccupation, value: "quarry foreman"}}},
		// A verbless sentence opening with a bare role describes the one patient.
		{text: "Man in his 60s with COPD. Retired teacher, lives alone.", want: []rd{{kind: KindOccupation, value: "teacher", subj: P, ref: 1}}},
		{text: "Woman, 40s, with asthma. Postwoman in the village.", want: []rd{{kind: KindOccupation, value: "postwoman", subj: P, ref: 1}}},
		// An aside between a role opening the case and its verb of presenting leaves
		// the role the patient's: commas, brackets or dashes around it.
		{text: "Our harbourmaster, yes the chap who is always on the quay, came in with chest pain.", want: []rd{{kind: KindOccupation, value: "harbourmaster", subj: P, ref: 1}}},
		{text: "The local MP (yes, that one) presented with a DVT.", want: []rd{{kind: KindPublicStatus, subj: P, ref: 1}}},
		{text: "Our vicar - yes, him - came in with gout.", want: []rd{{kind: KindCondition, value: "gout", subj: P, ref: 1}}},
		{text: "Our lighthouse keeper – yes, the one who was in the county paper all summer about the fog horn – came in with what looks like gout.", want: []rd{{kind: KindCondition, value: "gout", subj: P, ref: 1}}},
		// A verb after the role makes it someone else.
		{text: "Man in his 60s with COPD. Nurse on the ward says he is fine.", want: []rd{{kind: KindOccupation, value: "nurse", subj: SubjectColleague}}},
		{text: "Man in his 60s with COPD. Plumber came to fix the boiler.", want: []rd{{kind: KindOccupation, value: "plumber", subj: SubjectColleague}}},
		// "One of the local schools" names no establishment: the trade is the detail.
		{text: "She teaches at one of the local schools.", want: []rd{{kind: KindOccupation, value: "teacher", subj: P}}},
		// A verb of taking living things with a bare plural of them is a trade.
		{text: "He gathers cockles with his brother.", want: []rd{{kind: KindOccupation, value: "gather cockles", subj: P}}},
		{text: "She traps lobsters off the point.", want: []rd{{kind: KindOccupation, value: "trap lobsters", subj: P}}},
		{text: "She picks the kids up at three.", not: []nd{{kind: KindOccupation}}},
		{text: "He catches the bus to work.", not: []nd{{kind: KindOccupation}}},
		// A national service named by its definite noun: its workers' title, priced
		// by their share, never one establishment's staff.
		{text: "She retired from the police last year.", want: []rd{{kind: KindOccupation, value: "police officer", subj: P}}},
		{text: "Man in his 80s, retired last year from the railways, now with gout.", want: []rd{{kind: KindOccupation, value: "railway worker", subj: P, ref: 1}}},
		{text: "He worked on the railways all his life.", want: []rd{{kind: KindOccupation, value: "railway worker", subj: P}}},
		{text: "She works in the garden a lot.", not: []nd{{kind: KindOccupation}}},
		{text: "He retired after 25 years at the brewery.", want: []rd{{kind: KindOccupation, value: "works at brewery", subj: P, some: true}}},

		// Job verbs with their objects.
		{text: "He drives a bus for a living.", want: []rd{{kind: KindOccupation, span: "drives a bus for a living", value: "bus driver", subj: P}}},
		{text: "He drives a taxi.", want: []rd{{kind: KindOccupation, value: "taxi driver", subj: P}}},
		{text: "He fishes for a living.", want: []rd{{kind: KindOccupation, value: "fisher", subj: P}}},
		{text: "He keeps bees and has a bee sting allergy.", want: []rd{{kind: KindOccupation, span: "keeps bees", value: "apiarist", subj: P}}},
		{text: "He shoes horses for a living.", want: []rd{{kind: KindOccupation, value: "farrier", subj: P}}},
		{text: "She hosts the breakfast programme on the local station.", want: []rd{{kind: KindOccupation, value: "host programme", subj: P}}},
		// Running or owning one establishment: one person.
		{text: "She runs the corner shop in the village.", want: []rd{{kind: KindOccupation, value: "run corner shop", subj: P, count: 1}}},
		{text: "He runs the pub on the quay.", want: []rd{{kind: KindOccupation, value: "run pub", subj: P, count: 1}}},
		{text: "He owns the garage in the village.", want: []rd{{kind: KindOccupation, value: "own garage", subj: P, count: 1}}},
		// Leading a group: the one at its head.
		{text: "He conducts the youth orchestra.", want: []rd{{kind: KindOccupation, value: "conduct youth orchestra", subj: P, count: 1}}},
		{text: "He leads the pipe band.", want: []rd{{kind: KindOccupation, value: "lead pipe band", subj: P, count: 1}}},
		// "one of the ferries": a handful in that place, by density.
		{text: "He captains one of the ferries out of Oban.", want: []rd{{kind: KindOccupation, value: "captain ferries", subj: P, dens: true}}},
		{text: "He's a gamekeeper on one of the big estates, 60s, with Lyme disease.", want: []rd{{kind: KindOccupation, value: "gamekeeper", subj: P, dens: true}}},
		{text: "She's a receptionist at one of the dental practices.", want: []rd{{kind: KindOccupation, value: "receptionist", subj: P, dens: true}}},
		// Elided subject in forum shorthand.
		{text: "Runs the pub on the quay. Bad gout.", want: []rd{{kind: KindOccupation, value: "run pub", subj: P, ref: 1}}},

		// Workplaces.
		{text: "She works for the council.", want: []rd{{kind: KindOccupation, span: "works for the council", value: "works at council", subj: P, some: true}}},
		{text: "He works at Sellafield and has leukaemia.", want: []rd{{kind: KindOccupation, value: "works at sellafield", subj: P}}},
		{text: "She's a cook at the care home.", want: []rd{{kind: KindOccupation, value: "cook", subj: P, some: true}}},
		{text: "He's a porter at the hospital here.", want: []rd{{kind: KindOccupation, value: "porter", subj: P, some: true}}},

		// Unique roles: one holder per institution or per place.
		{text: "The harbourmaster here, 60s, with gout.", want: []rd{{kind: KindOccupation, value: "harbourmaster", subj: P, ref: 1, count: 1}}},
		{text: "The stationmaster here, 60s, has gout.", want: []rd{{kind: KindOccupation, value: "stationmaster", subj: P, ref: 1, count: 1}}},
		{text: "The head teacher of the primary school, 50s, with a breast lump.", want: []rd{{kind: KindOccupation, value: "head teacher", subj: P, ref: 1, count: 1}}},
		{text: "He's the landlord of the pub in the village.", want: []rd{{kind: KindOccupation, value: "landlord", subj: P, count: 1}}},
		{text: "She's the headteacher of the nursery here.", want: []rd{{kind: KindOccupation, value: "headteacher", subj: P, count: 1}}},
		{text: "The quarry foreman, 50s, crushed his hand.", want: []rd{{kind: KindOccupation, value: "foreman", subj: P, ref: 1, count: 2}}},
		{text: "He's the lead violinist with the orchestra.", want: []rd{{kind: KindOccupation, value: "violinist", subj: P, count: 2}}},
		// "the only ...", "one of the three ...".
		{text: "He is the only farrier in the village.", want: []rd{{kind: KindOccupation, value: "only farrier", subj: P, count: 1}}},
		{text: "She's the only dentist on Barra.", want: []rd{{kind: KindOccupation, value: "only dentist", subj: P, count: 1}}},
		{text: "She is one of the three vets in the village.", want: []rd{{kind: KindOccupation, value: "vet", subj: P, count: 3}}},
		// A counted set of people and the job its clause names.
		{text: "Man in his 40s - one of the very few men still out cutting peat on the moss - with a cough.", want: []rd{{kind: KindOccupation, subj: P, ref: 1, count: 5}}},
		{text: "He's one of the two men who run the ferry.", want: []rd{{kind: KindOccupation, subj: P, count: 2}}},
		// A kinship word as a religious title: one of a house's few members.
		{text: "My patient is a brother at the abbey on the island.", want: []rd{{kind: KindOccupation, value: "monk", subj: P, count: 15}}},
		{text: "Pt = sister at the convent up the hill, 80s.", want: []rd{{kind: KindOccupation, value: "nun", subj: P}}},
		// A small set defined by what its members do.
		{text: "He's one of the handful who swim in the loch every New Year.", want: []rd{{kind: KindGroup, value: "those who swim in the loch every new year", subj: P, count: 5}}},
		{text: "She's one of the three who still ring the bells at the abbey.", want: []rd{{kind: KindOccupation, subj: P, count: 3}}},
		{text: "He is one of the small group who swim the strait each New Year.", want: []rd{{kind: KindOccupation, subj: P, count: 5}}},
		// A trade named by what it works and a gerund.
		{text: "Lady in her 50s with eczema. Her job is oyster shucking at the fish bar.", want: []rd{{kind: KindOccupation, value: "oyster shucker", subj: P}}},
		// A title held for the year, set off after the person.
		{text: "Man in his 60s, this year's Gala King, came in with a burn.", want: []rd{{kind: KindOccupation, subj: P, ref: 1, count: 1}}},
		{text: "Lady in her 70s - last year's carnival queen at the gala - with a fall.", want: []rd{{kind: KindOccupation, subj: P, ref: 1, count: 1}}},
		// What makes a professional sportsperson.
		{text: "Lad of 18 with a stress fracture; he signed a professional contract with the county side in May.", want: []rd{{kind: KindPublicStatus, value: "professional sportsperson", subj: P}}},
		{text: "She turned pro last year and has Achilles pain.", want: []rd{{kind: KindPublicStatus, value: "professional sportsperson", subj: P}}},
		// A composed title opening a case note.
		{text: "Retired harbour pilot, 70s, chest pain on exertion.", want: []rd{{kind: KindOccupation, value: "harbour pilot", subj: P, ref: 1}}},
		{text: "Sorry, shorter version: female oyster farmer from Loch Fyne, looks septic.", want: []rd{{kind: KindOccupation, subj: P, ref: 1}}},
		// A job verb with a definite object: the one such thing, worked by a few.
		{text: "She's in her 50s and drives the mobile library van.", want: []rd{{kind: KindOccupation, value: "van driver", subj: P, count: 3}}},
		// A festival title: one a year, named by its event or by "this year".
		{text: "She was chosen as Rose Queen for the Gawthorpe Rushbearing.", want: []rd{{kind: KindOccupation, value: "rose queen", subj: P, count: 1}}},
		{text: "She's been picked as Gala Queen this year.", want: []rd{{kind: KindOccupation, subj: P, count: 1}}},
		// "His livelihood is ...": the gerund says the job.
		{text: "Man in his 50s. His livelihood is thatching roofs.", want: []rd{{kind: KindOccupation, subj: P, ref: 1}}},
		// The head of a named body.
		{text: "He's the Harriers captain and has a torn hamstring.", want: []rd{{kind: KindOccupation, value: "captain", subj: P, count: 1}}},
		// A superlative singles out one holder.
		{text: "He's the longest-serving lifeboatman in the town.", want: []rd{{kind: KindOccupation, subj: P, count: 1}}},
		{text: "He has rung the bells for 40 yrs, longest-serving ringer in the parish.", want: []rd{{kind: KindOccupation, value: "longest-serving ringer", subj: P, count: 1}}},
		{text: "He has rung the bells every Sunday since 1980, the longest-serving of the ringers.", want: []rd{{kind: KindGroup, value: "longest-serving of the ringers", subj: P, count: 1}}},
		// The text's own count wins over a place's usual staff.
		{text: "She is one of the three nurses at the surgery.", want: []rd{{kind: KindOccupation, value: "nurse", subj: P, count: 3}}},
		// An abbreviation's plural is the abbreviation's ("GPs" is no navigation system).
		{text: "He is one of the two GPs on the island.", want: []rd{{kind: KindOccupation, value: "gp", subj: P, count: 2}}},
		// A closed compound title written open or hyphenated.
		{text: "The lock-keeper here, 70s, fell in.", want: []rd{{kind: KindOccupation, value: "lockkeeper", subj: P, ref: 1, count: 1}}},
		{text: "Our lock keeper, in his 70s, fell in.", want: []rd{{kind: KindOccupation, value: "lockkeeper", subj: P, ref: 1}}},

		// Memberships.
		{text: "He sings in the church choir and has a hoarse voice.", want: []rd{{kind: KindGroup, span: "the church choir", value: "church choir", subj: P, some: true}}},
		{text: "She plays in the brass band and has asthma.", want: []rd{{kind: KindGroup, value: "brass band", subj: P, some: true}}},
		// "one of the <possessor>'s (own) <group>": the possessor places the group.
		{text: "Man in his 40s with epilepsy. He's one of the refinery's own fire crew.", want: []rd{{kind: KindGroup, value: "fire crew", subj: P}}},
		// A hyphenated compound role whose second part heads an establishment, and a
		// hyphenated participle that is an adjective ("family-run").
		{text: "Cook-proprietor of the family-run restaurant in town, 50s, with gout.", want: []rd{{kind: KindOccupation, subj: P, count: 1}}},
		// The head of a place's own event or body, the place a possessor even after
		// "his"/"their": one person.
		{text: "He has been elected president for his town's summer gala.", want: []rd{{kind: KindOccupation, subj: P, count: 1}}},
		{text: "She was picked as captain of their village's cricket team.", want: []rd{{kind: KindOccupation, value: "captain", subj: P, count: 1}}},
		// A contact clause between the person and the verb ("the lad I posted about
		// has been").
		{text: "The chap I mentioned last week has now been elected chairman of the village's bowls club.", want: []rd{{kind: KindOccupation, subj: P, count: 1}}},
		{text: "The woman we saw in clinic is a retired harbourmaster.", want: []rd{{kind: KindOccupation, value: "harbourmaster", subj: P}}},
		// A festival title chosen "as", however written, is held by one a year; "got"
		// makes a passive of selection.
		{text: "the lad with the nut allergy only got picked as carnival king for the hebden bridge gala!!", want: []rd{{kind: KindOccupation, subj: P, count: 1}}},
		{text: "She was chosen as rose queen this summer.", want: []rd{{kind: KindOccupation, value: "rose queen", subj: P, count: 1}}},
		// "his livelihood is <gerund>": the verb's agent is the trade; a verb that is
		// itself a job's name keeps it.
		{text: "The op went fine, but his livelihood is thatching: roofs all over the county.", want: []rd{{kind: KindOccupation, value: "thatcher", subj: P}}},
		{text: "Her job is nursing, nights mostly.", want: []rd{{kind: KindOccupation, value: "nurse", subj: P}}},
		// "one of the few" with its noun left out counts the role before it.
		{text: "He's a clog maker (one of the few remaining in the county), 60s, with gout.", want: []rd{{kind: KindOccupation, subj: P, count: 5}}},
		{text: "She is a saddler, one of three left in the county.", want: []rd{{kind: KindOccupation, subj: P, count: 3}}},
		// An aside or a "with" phrase between the person and the verb.
		{text: "the boy (now fit free for a year) only got picked as carnival king for the village show!!", want: []rd{{kind: KindOccupation, subj: P, count: 1}}},
		// A head role after a named body's name: the one at its head.
		{text: "Harriers captain - third concussion this season, still headachy on day 5.", want: []rd{{kind: KindOccupation, value: "harriers captain", count: 1}}},
		{text: "The new manager came in with chest pain.", not: []nd{{kind: KindOccupation, value: "new manager"}}},
		// An age written as a noun between commas is the patient, and a finding before
		// it in a sentence with no word of populations is theirs.
		{text: "We have a quadruplet pregnancy on the unit, 31-year-old, all well so far.", want: []rd{
			{kind: KindAge, value: "31", subj: P, ref: 1}, {kind: KindCondition, subj: P, ref: 1}}},
		{text: "New angina, 72-year-old, lives alone.", want: []rd{{kind: KindCondition, value: "angina", subj: P, ref: 1}}},
		// A verbless sentence of a role and "with" what they have is a case; with a
		// modal it speaks of a kind of person.
		{text: "A roofer from Kendal with a wrist fracture.", want: []rd{{kind: KindOccupation, value: "roofer", subj: P}, {kind: KindPlace, value: "kendal", subj: P}}},
		{text: "Female welder with a corneal foreign body.", want: []rd{{kind: KindOccupation, value: "welder", subj: P}}},
		{text: "A plumber with vertigo should not be on ladders.", not: []nd{{kind: KindOccupation}}},
		// Running the one vehicle the reader knows is a job; running a race is not.
		{text: "Man in his 60s who runs the little ferry boat across to Lindisfarne, new angina.", want: []rd{{kind: KindOccupation, subj: P, count: 3}}},
		{text: "She runs the mobile library van.", want: []rd{{kind: KindOccupation, subj: P, count: 3}}},
		{text: "He runs a half marathon every spring.", not: []nd{{kind: KindOccupation}}},
		{text: "He owns the car outright.", not: []nd{{kind: KindOccupation}}},
		// A position held for a named team, or turning out for one, without "plays".
		{text: "He can't wait to be back in goal for Penrhyn Athletic after the op.", want: []rd{{kind: KindGroup, value: "penrhyn athletic", subj: P}}},
		{text: "He turns out for Holywell Rovers most Saturdays.", want: []rd{{kind: KindGroup, value: "holywell rovers", subj: P}}},
		{text: "She's up front for Ely City this season.", want: []rd{{kind: KindGroup, value: "ely city", subj: P}}},
		{text: "He was in the queue for Boots when he fell.", not: []nd{{kind: KindGroup}}},
		{text: "He is in goal for the second half only.", not: []nd{{kind: KindGroup}}},
		// A place's possessive before the noun places it: "the town's silver band"
		// is a band in the town, and "the town" is not a hamlet called The Town.
		{text: "He plays euphonium in the town's silver band.", want: []rd{{kind: KindGroup, value: "silver band", subj: P, some: true}}, not: []nd{{kind: KindPlace}}},
		{text: "She runs the village's only shop.", want: []rd{{kind: KindOccupation, subj: P, count: 1}}},
		// Past the object to the group it is done with.
		{text: "He sings the bass solos with the male voice choir.", want: []rd{{kind: KindGroup, value: "male voice choir", subj: P, some: true}}},
		{text: "Man in his 40s with gout. He's back playing five-a-side on a Tuesday.", not: []nd{{kind: KindGroup, value: "tuesday"}}},
		{text: "Lad of 16, picked for the county team, with a stress fracture.", want: []rd{{kind: KindGroup, value: "county team", subj: P, ref: 1, some: true}}},
		{text: "He's a member of the lifeboat crew.", want: []rd{{kind: KindGroup, value: "lifeboat crew", subj: P, some: true}}},
		{text: "He has been selected for the Scotland squad.", want: []rd{{kind: KindGroup, value: "scotland squad", subj: P, some: true}}},
		{text: "He plays in goal for Carlisle Rovers.", want: []rd{{kind: KindGroup, span: "Carlisle Rovers", value: "carlisle rovers", subj: P, some: true}}},
		// "w/" is "with" in notes.
		{text: "He's the baritone soloist w/ the male voice choir.", want: []rd{{kind: KindOccupation, value: "soloist", subj: P, count: 2}}},
		// A player of a game or an instrument; a quality is no job.
		{text: "He's a curling player and has a sore shoulder.", want: []rd{{kind: KindOccupation, span: "curling player", value: "curling player", subj: P}}},
		{text: "She is a keen bassoon player.", want: []rd{{kind: KindOccupation, value: "bassoon player", subj: P}}},
		// A verbless role opening the post, after a lead, with the person after it.
		{text: "Yes - retired ferryman, lives on the point with his wife.", want: []rd{{kind: KindOccupation, value: "ferryman", subj: P, ref: 1}}},
		// A position (a bare noun, even one that can name a team) before the group.
		{text: "She plays in defence for Hexham Harriers.", want: []rd{{kind: KindGroup, value: "hexham harriers", subj: P, some: true}}, not: []nd{{kind: KindGroup, value: "defence"}}},
		{text: "He plays in midfield for the town side.", want: []rd{{kind: KindGroup, value: "town side", subj: P, some: true}}},
		{text: "She volunteers with the mountain rescue team.", want: []rd{{kind: KindGroup, value: "mountain rescue team", subj: P, some: true}}},
		{text: "He's on the rescue team.", want: []rd{{kind: KindGroup, value: "rescue team", subj: P}}},
		// A duration after the group ends its noun phrase.
		{text: "he's been on the show committee nearly 30 yrs", want: []rd{{kind: KindGroup, span: "the show committee", value: "show committee", subj: P}}},
		{text: "She sits on the parish council.", want: []rd{{kind: KindGroup, value: "parish council", subj: P, some: true}}},
		{text: "She's in the youth squad at the rugby club.", want: []rd{{kind: KindGroup, value: "youth squad", subj: P, some: true}}},
		{text: "He's a steward in one of the lodges.", want: []rd{{kind: KindOccupation, value: "steward", subj: P, some: true}}},
		{text: "15M, asthmatic, plays for the Red Kites academy.", want: []rd{{kind: KindGroup, value: "red kites academy", subj: P, ref: 1}}},

		// A job said of someone else stays theirs.
		{text: "I spoke to the pharmacist about her warfarin.", want: []rd{{kind: KindOccupation, value: "pharmacist", subj: SubjectColleague}}},
		{text: "Gentleman in his 70s with COPD. His son is a paramedic.", want: []rd{{kind: KindOccupation, value: "paramedic", subj: SubjectRelative}}},
	}
	for _, c := range cases {
		checkReading(t, ex, c)
	}
}

// TestReadingRolesQuiet covers the texts the role reader must leave alone: verbs of
// jobs used otherwise, predicate nouns that are no job, pastimes with no group.
func TestReadingRolesQuiet(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []readCase{
		{text: "He drives to work.", not: []nd{{kind: KindOccupation}}},
		{text: "He runs marathons and has a stress fracture.", not: []nd{{kind: KindOccupation}}},
		{text: "She owns a dog and has asthma.", not: []nd{{kind: KindOccupation}}},
		{text: "He's a dad of three with gout.", not: []nd{{kind: KindOccupation}}},
		{text: "She is a diabetic.", not: []nd{{kind: KindOccupation}}},
		{text: "He's desperate to play again after his ACL repair.", not: []nd{{kind: KindOccupation}, {kind: KindGroup}}},
		{text: "She turned 60 last week.", not: []nd{{kind: KindOccupation}}},
		{text: "He turned the car round.", not: []nd{{kind: KindOccupation}}},
		{text: "Keep the guard on the fire.", not: []nd{{kind: KindOccupation}}},
		{text: "She runs a temperature every evening.", not: []nd{{kind: KindOccupation}}},
		{text: "He plays football at weekends with his son.", not: []nd{{kind: KindGroup}}},
		{text: "He's a real team player on the ward.", not: []nd{{kind: KindOccupation}}},
		{text: "She's a key player in the project.", not: []nd{{kind: KindOccupation}}},
		// A job noun's plural after a singular subject is a verb.
		{text: "She volunteers with the food bank on Fridays.", not: []nd{{kind: KindOccupation, value: "volunteer"}}},
		{text: "He still nurses a grudge about it.", not: []nd{{kind: KindOccupation, value: "nurse"}}},
	}
	for _, c := range cases {
		checkReading(t, ex, c)
	}
	// A colleague's or a relative's job is never the patient's, nor a role noun
	// modifying another noun ("Consultant appointment").
	for _, text := range []string{
		"Consultant appointment booked for March.",
		"I spoke to the pharmacist about her warfarin.",
		"Gentleman in his 70s with COPD. His son is a paramedic.",
		"Lady in her 70s, reviewed by the physiotherapist today.",
		"Context - we are recruiting a nurse practitioner.",
		"Update: practice nurse, starting Monday, needs a locker.",
		"Man in his 40s. His sister at the convent school is a teacher.",
		"Addison's, F 40s, on hydrocortisone.",
		"Widow in her 80s, lives alone, non-driver, COPD.",
		"M 30s, syncope. Cardio ref, 10/52 wait.",
		"Man in his 50s with gout. I signed the contract for the new locum today.",
		"Lady in her 60s with T2DM. Walks the dog round the park every morning.",
	} {
		r := ex.Read(text, testCtx)
		for _, d := range r.Details {
			if d.Kind == KindOccupation && d.Subject == SubjectPatient {
				t.Errorf("%q: %q given to the patient\n%s", text, d.Value, dumpReading(text, r))
			}
		}
	}
}

// TestReadingRoleShares covers occupationShare and the hobby rule: a pastime ("keen
// runner") is shared by many; a rare title by few; a former job by about as many again
// as the job.
func TestReadingRoleShares(t *testing.T) {
	ex := newTestExtractor(t)
	freq := func(text, value string) float64 {
		t.Helper()
		for _, d := range ex.Read(text, testCtx).Details {
			if d.Kind == KindOccupation && d.Value == value {
				return d.Frequency
			}
		}
		t.Fatalf("%q: no occupation %q", text, value)
		return 0
	}
	if f := freq("He's a keen runner with plantar fasciitis.", "runner"); f < 0.02 {
		t.Errorf("keen runner: share %g, want a pastime's (>= 0.02)", f)
	}
	if f := freq("She's a precentor at the cathedral.", "precentor"); f <= 0 || f > 1e-3 {
		t.Errorf("precentor: share %g, want a rare role's (<= 1e-3)", f)
	}
	if nurse, crane := freq("He's a nurse on the stroke ward.", "nurse"), freq("He's a crane operator at the docks.", "crane operator"); !(crane < nurse) {
		t.Errorf("crane operator share %g not below nurse %g", crane, nurse)
	}
	if f := freq("He drives a bus for a living.", "bus driver"); f <= 0 || f >= 0.01 {
		t.Errorf("bus driver: share %g, want the occupation's (0 < f < 0.01)", f)
	}
}

// TestReadingPastimeShare: a sport made a pastime by a word before it is priced as one
// (about one adult in ten), not as the trade of the same name.
func TestReadingPastimeShare(t *testing.T) {
	ex := newTestExtractor(t)
	for text, want := range map[string]float64{
		"Woman in her early 30s, ultra runner, collapsed near the finish.": 0.1,
		"He is a keen cyclist with a new AF.":                              0.1,
	} {
		r := checkReading(t, ex, readCase{text: text, want: []rd{{kind: KindOccupation, subj: SubjectPatient}}})
		for _, d := range r.Details {
			if d.Kind == KindOccupation && d.Frequency < want {
				t.Errorf("%q: occupation %q frequency %g, want at least %g", text, d.Value, d.Frequency, want)
			}
		}
	}
	r := ex.Read("He is a professional boxer with a detached retina.", testCtx)
	for _, d := range r.Details {
		if d.Kind == KindOccupation && d.Frequency >= 0.1 {
			t.Errorf("professional boxer priced as a pastime: %g", d.Frequency)
		}
	}
}
