// Package extract finds the details in a post that a reader could use to pick a person
// out: direct identifiers (names, NHS numbers, postcodes, ...) and quasi-identifiers
// (age, sex, place, occupation, condition, events, ...), each with byte spans in the
// original text, who the detail is about, and the share of the population it matches.
//
// The extractor is the linker's first stage and its throughput bound: it normalises the
// text once, tokenises once, and matches dictionaries and digit shapes in that single
// pass instead of running many regular expressions.
package extract

import "time"

// Kind names a detail kind. The string values appear in spans, assessments and the
// moderator view, so they are part of the contract.
type Kind string

// Direct identifiers: one is enough to identify a person.
const (
	KindPersonName   Kind = "person_name"
	KindNHSNumber    Kind = "nhs_number"
	KindCHINumber    Kind = "chi_number"
	KindHCNumber     Kind = "hc_number" // Northern Ireland Health and Care number
	KindHospitalNo   Kind = "hospital_number"
	KindNINumber     Kind = "ni_number"
	KindDateOfBirth  Kind = "date_of_birth"
	KindPostcode     Kind = "postcode"
	KindAddress      Kind = "street_address"
	KindPhone        Kind = "phone"
	KindEmail        Kind = "email"
	KindSocialHandle Kind = "social_handle"
	KindURL          Kind = "profile_url"
	KindVehicleReg   Kind = "vehicle_registration"
)

// Quasi-identifiers: harmless alone, identifying in combination.
const (
	KindAge              Kind = "age"
	KindSex              Kind = "sex"
	KindPlace            Kind = "place"             // village, town, city, county, region, nation, island
	KindPostcodeDistrict Kind = "postcode_district" // "LA9"
	KindInstitution      Kind = "institution"       // hospital, ward, GP practice, school, prison, workplace
	KindDate             Kind = "date"              // a calendar date or a relative time resolved against the post time
	KindOccupation       Kind = "occupation"
	KindCondition        Kind = "condition" // diagnoses, procedures, rare diseases
	KindEvent            Kind = "event"     // accidents, rescues, multiple births, court cases, local news
	KindFamily           Kind = "family"    // family structure and relatives' details
	KindEthnicity        Kind = "ethnicity" // ethnicity, nationality, language
	KindPhysical         Kind = "physical_feature"
	KindPublicStatus     Kind = "public_status" // MP, footballer, councillor, vicar, mayor
	KindGroup            Kind = "group"         // membership of a team, band, choir, crew, club
)

// Subject says who a detail is about.
type Subject int

const (
	SubjectUnknown      Subject = iota
	SubjectPatient              // a specific patient
	SubjectRelative             // a patient's relative or carer
	SubjectAuthor               // the author themself
	SubjectColleague            // a colleague, another professional or another third party in the story
	SubjectPopulation           // a population statement or guideline threshold
	SubjectHypothetical         // a hypothetical or teaching case
	SubjectPublicFigure         // a public or historical figure, including eponyms
	SubjectAuthorFamily         // a member of the author's own family
)

// Detail is one fact found in a text.
type Detail struct {
	Kind Kind
	// Value is the normalised value: digits only for numbers, lower case for places,
	// "F"/"M" for sex, whole years for age, ISO dates for dates, and so on.
	Value string
	// Ref identifies the detail in the knowledge source it was read with (a
	// condition's ID in internal/conditions), "" when none.
	Ref string
	// Generalisations are successively coarser forms of Value, e.g. for age 63:
	// ["60-69", "older adult"]; for a town: ["cumbria", "north west", "england"].
	Generalisations []string
	// Start and End are byte offsets into the original text (end exclusive).
	Start, End int
	// Confidence that this really is such a detail, 0..1.
	Confidence float64
	Subject    Subject
	// Negated is set for "no history of X", "denies X".
	Negated bool
	// Frequency is the share of the population matching this detail, in (0, 1]; 0 when
	// unknown. For places it is the place's population divided by the UK's.
	Frequency float64
	// Population is the number of people living in a place (places only).
	Population float64
	// Count, for a role or a membership the text pins to a place ("the lock-keeper
	// here", "one of the three vets in the village", "sings in the church choir"), is
	// how many people could be meant, wherever the post is; 0 when the text does not
	// say.
	Count float64
	// Density, for a role at one of several establishments the text does not count
	// ("a receptionist at one of the dental practices"), is how many such people there
	// are per head of population: the count in a place is its population times Density.
	Density float64
	// Direct marks direct identifiers.
	Direct bool
	// Recent marks a condition the text says began or was diagnosed recently ("newly
	// diagnosed", "new AF", "diagnosed with lupus last month"): the people diagnosed
	// lately are fewer than all who live with it.
	Recent bool
	// Referent numbers the patient the detail is about when the post describes more
	// than one (1 for the first patient, 2 for the next), 0 when it is about no
	// patient (see Reading.People).
	Referent int
	// Relative marks a time written relative to the post ("yesterday", "last
	// Tuesday", "on Christmas Eve"); Value holds the date it resolves to when the post
	// time is known. De-identification corpora do not label these.
	Relative bool
}

// Context is what is known about a post besides its text.
type Context struct {
	// At is when the post was written; relative times are resolved against it.
	At time.Time
	// AuthorRole and AuthorLocation come from the platform's author profile.
	AuthorRole     string
	AuthorLocation string
}
