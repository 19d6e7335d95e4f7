// Package bench drives the real pipeline with generated forum posts and measures it:
// an open-loop load generator (posts arrive at a set rate whatever the pipeline does,
// so a slow pipeline shows as latency, not as a politely lower offered load), the
// latency and throughput figures, and the bare-JetStream baseline the figures are
// compared with. gateway bench is its command; BenchmarkPipeline uses its posts.
package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// The post generator's material. Every template is written for this generator (none is
// taken from the evaluation data or any corpus): everyday forum talk, and clinical
// questions that carry a patient's details (age, sex, condition, place, time), so the
// linker's ledger sees authors whose details accumulate.
var (
	firstNames = []string{"Amara", "Ben", "Catriona", "Dev", "Eleanor", "Farid", "Grace", "Hamish", "Ifeoma", "Jonah",
		"Kirsty", "Leon", "Morag", "Nikhil", "Olwen", "Priya", "Rhodri", "Saoirse", "Tomasz", "Una", "Wes", "Yusuf"}
	surnames = []string{"Abbott", "Bhatt", "Carmichael", "Doyle", "Ekwueme", "Fairbairn", "Gill", "Hughes", "Iqbal",
		"Jenkins", "Kowalski", "Lloyd", "McAllister", "Nair", "Okafor", "Pryce", "Quinn", "Rahman", "Sutherland", "Tait"}
	roles = []string{"GP partner", "salaried GP", "GP registrar ST3", "locum GP", "consultant geriatrician",
		"FY2", "practice pharmacist", "consultant psychiatrist", "advanced nurse practitioner", "SpR in cardiology"}
	towns = []string{"Kendal, Cumbria", "Bangor, Gwynedd", "Stornoway", "Truro, Cornwall", "Hexham, Northumberland",
		"Leeds", "Swindon", "Inverness", "Ludlow, Shropshire", "Bristol", "Whitby, North Yorkshire", "Aberystwyth"}
	forums = []string{"gp-chat", "prescribing", "career-and-rota", "cardiology", "mental-health", "elderly-care"}

	conditions = []string{"type 2 diabetes", "new onset AF", "COPD", "early-onset Parkinson's", "a DVT on apixaban",
		"treatment-resistant depression", "sarcoidosis", "polymyalgia rheumatica", "a recent NSTEMI", "gout",
		"coeliac disease", "heart failure with reduced EF", "bipolar disorder on lithium", "rheumatoid arthritis"}
	jobs = []string{"a farmer", "a retired teacher", "a bus driver", "a lifeboat volunteer", "a nurse at the local hospital",
		"a postman", "a vicar", "a primary school head", "a fisherman", "a publican"}
	when = []string{"last Tuesday", "on Monday", "this morning", "two weeks ago", "yesterday", "over the weekend"}

	chatter = []string{
		"Has anyone found a way to make the new appraisal portal remember the reflective templates? I keep losing entries when it times out.",
		"The practice is thinking of moving to total triage for the winter. Those who tried it last year: did the phone queue actually get shorter?",
		"Is the indemnity for out-of-hours shifts still covered by the state scheme if the session is booked through an agency?",
		"Looking for a good summary of the updated lipid guidance for a lunchtime teaching session. Slides welcome.",
		"Our PCN wants everyone on the same DOAC monitoring search. What interval are other practices using for renal function in the over-80s?",
		"Rota question: how many sessions a week do portfolio GPs here manage alongside teaching without it eating the weekends?",
		"Does anyone know whether the deanery will count a month of locum work abroad towards the returner scheme?",
		"Tip for the repeat prescribing backlog: batch the medication reviews by drug class, it halved our Friday pile.",
		"Anyone else's clinical system crashing when two people open the same patient's letters? Supplier says it is a known issue.",
		"What do people say to relatives who ask for a copy of the whole record by email? Our DPO wants a standard reply.",
	}
	clinical = []string{
		"Advice please: {age} year old {sex} with {condition}, {job}, seen {when} in {town}. Bloods unremarkable apart from a raised CRP. Would you refer or watch and wait?",
		"{Sex} in {their} {decade}s from {town}, {job}, known {condition}. Came in {when} with breathlessness on the hill up to the harbour. Echo booked. Anything else to do meanwhile?",
		"Following up my earlier post: the {age} year old with {condition} is now struggling with the stairs at home in {town}. Family are asking about a care package.",
		"Odd one: {age}yo {sex}, {job}, {condition} diagnosed {when}. Started on the usual first line and developed a rash within days. Switch class or rechallenge?",
		"My patient, {job} in {town} with {condition}, asked whether {they} can keep working through the lambing season. What have others advised in similar cases?",
	}
)

// Profile is an author: a doctor posting under their own name from a practice.
type Profile struct {
	ID       string
	Name     string
	Role     string
	Location string
}

// Posts generates a reproducible stream of realistic posts: many authors chosen with
// a heavy-tailed (Zipf) frequency, so a few have long histories and most post
// rarely, and a share of clinical posts that carry a patient's details.
type Posts struct {
	rng      *rand.Rand
	zipf     *rand.Zipf
	authors  []Profile
	clinical float64
	prefix   string
	next     int
}

// PostsOptions configures a generator.
type PostsOptions struct {
	// Authors is the number of distinct authors (default 2000).
	Authors int
	// ClinicalShare is the share of posts with patient details (default 0.3).
	ClinicalShare float64
	// Seed makes the stream reproducible.
	Seed uint64
	// Prefix starts every post id, so separate runs on one pipeline do not collide.
	Prefix string
}

// NewPosts returns a generator.
func NewPosts(o PostsOptions) *Posts {
	if o.Authors <= 0 {
		o.Authors = 2000
	}
	if o.ClinicalShare <= 0 {
		o.ClinicalShare = 0.3
	}
	if o.Prefix == "" {
		o.Prefix = "bench"
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x6d6f73616963))
	p := &Posts{rng: rng, clinical: o.ClinicalShare, prefix: o.Prefix,
		// s=1.2: the most active author writes a few percent of all posts.
		zipf: rand.NewZipf(rng, 1.2, 1, uint64(o.Authors-1))}
	for i := range o.Authors {
		p.authors = append(p.authors, Profile{
			ID:       fmt.Sprintf("dr-%s-%d", strings.ToLower(surnames[i%len(surnames)]), i),
			Name:     "Dr " + firstNames[(i*7)%len(firstNames)] + " " + surnames[i%len(surnames)],
			Role:     roles[(i*3)%len(roles)],
			Location: towns[(i*5)%len(towns)],
		})
	}
	return p
}

// Next returns the next post. It is not safe for concurrent use.
func (p *Posts) Next() *mosaicv1.Post {
	a := p.authors[p.zipf.Uint64()]
	id := fmt.Sprintf("%s-%d", p.prefix, p.next)
	p.next++
	body := chatter[p.rng.IntN(len(chatter))]
	if p.rng.Float64() < p.clinical {
		body = p.clinicalBody(a)
	}
	return &mosaicv1.Post{
		PostId: id, Revision: 1, AuthorId: a.ID, ForumId: forums[p.rng.IntN(len(forums))],
		Author:    &mosaicv1.Author{DisplayName: a.Name, Role: a.Role, PracticeLocation: a.Location},
		Audience:  mosaicv1.Audience_AUDIENCE_MEMBERS,
		ThreadId:  fmt.Sprintf("t-%d", p.rng.IntN(5000)),
		CreatedAt: timestamppb.New(time.Now().UTC().Truncate(time.Second)),
		Body:      body,
	}
}

func (p *Posts) clinicalBody(a Profile) string {
	age := 19 + p.rng.IntN(75)
	male := p.rng.IntN(2) == 0
	sex, they, their := "woman", "she", "her"
	if male {
		sex, they, their = "man", "he", "his"
	}
	town := a.Location
	if i := strings.IndexByte(town, ','); i > 0 {
		town = town[:i]
	}
	r := strings.NewReplacer(
		"{age}", fmt.Sprint(age),
		"{decade}", fmt.Sprint(age/10*10),
		"{sex}", sex,
		"{Sex}", strings.ToUpper(sex[:1])+sex[1:],
		"{they}", they,
		"{their}", their,
		"{condition}", conditions[p.rng.IntN(len(conditions))],
		"{job}", jobs[p.rng.IntN(len(jobs))],
		"{when}", when[p.rng.IntN(len(when))],
		"{town}", town,
	)
	return r.Replace(clinical[p.rng.IntN(len(clinical))])
}
