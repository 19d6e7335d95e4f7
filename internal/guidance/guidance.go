// Package guidance holds the paragraphs of the GMC's "Doctors' use of social media"
// (2013) that Mosaic's findings rest on, as cited in the MDU summary the product
// enforces. Findings and notices cite them so posters and moderators can see why.
package guidance

// Paragraph is one cited paragraph.
type Paragraph struct {
	// Number as the GMC numbers it: "8a", "15".
	Number string
	// Text is a short quotation or faithful summary.
	Text string
}

// The cited paragraphs. Confidentiality has no single paragraph number in the summary;
// it rests on the guidance's confidentiality section, which the summary quotes.
var (
	Confidentiality = Paragraph{"confidentiality",
		"Publicly accessible social media sites should never be used to discuss individual patients or their care; be extremely cautious on membership-only sites. Even if you are careful not to divulge too much in a single post, there is a risk of identification if the details in multiple posts can be pieced together to form a clear picture of the patient."}
	PrivacySettings = Paragraph{"8a",
		"Social media sites cannot guarantee confidentiality, whatever privacy settings are in place."}
	Boundaries = Paragraph{"11",
		"If a patient contacts you through your private profile, indicate that you cannot mix social and professional relationships and, where appropriate, direct them to your professional profile."}
	Abuse = Paragraph{"15",
		"You must not bully, harass or make gratuitous unsubstantiated or unsustainable comments about individuals online."}
	Identity = Paragraph{"17",
		"Material written by authors who represent themselves as doctors is likely to be taken on trust and may reasonably be taken to represent the views of the profession more widely: identify yourself by name when posting as a doctor on publicly accessible social media."}
	ConflictOfInterest = Paragraph{"19",
		"Be open about any conflict of interest and declare any financial or commercial interests in healthcare organisations or pharmaceutical and biomedical companies."}
	RaisingConcerns = Paragraph{"raising-concerns",
		"Social media is unlikely to be an appropriate forum for discussing concerns about patient care: raise them through local procedures first, then the regulator if appropriate action is not taken. Concerns should only be made public if those options have been tried and patients are still at risk, and never by breaching patient confidentiality."}
)

// PublicPatients is what the audience rule rests on: the summary quotes the
// guidance that publicly accessible sites should never be used to discuss individual
// patients, next to paragraph 8a's warning that privacy settings cannot guarantee
// confidentiality. A specific patient case in a public forum is held on this ground.
var PublicPatients = Paragraph{"8a",
	"Publicly accessible social media sites should never be used to discuss individual patients or their care, and social media sites cannot guarantee confidentiality, whatever privacy settings are in place."}
