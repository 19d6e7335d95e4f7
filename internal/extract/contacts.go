package extract

// Contact details that belong to an organisation. A practice's telephone number, a
// clinic's postcode or a department's e-mail address is published so that people can
// get in touch; it identifies no patient. A contact detail is the organisation's when
// the words just before it name one ("Ashby Road Surgery, LE11 3AB", "ring the
// Fernlea Health Centre on 01632 960 123") or offer the writer's own ("ring ours",
// "call us on", "our number is", "e-mail me at").

// organisationHeads end the names of organisations that publish contact details.
var organisationHeads = map[string]bool{
	"practice": true, "surgery": true, "centre": true, "center": true, "hospital": true,
	"clinic": true, "trust": true, "board": true, "pharmacy": true, "hospice": true,
	"unit": true, "department": true, "service": true, "services": true, "office": true,
	"infirmary": true, "partnership": true, "council": true, "ltd": true, "limited": true,
	"plc": true, "charity": true, "association": true, "society": true, "college": true,
	// Venues that publish an address for events.
	"hall": true, "church": true, "chapel": true, "hotel": true, "stadium": true, "theatre": true,
	"library": true, "museum": true, "arena": true, "pavilion": true, "institute": true,
	"school": true, "academy": true, "club": true, "university": true, "cathedral": true,
}

// contactVerbs invite a reader to get in touch.
var contactVerbs = map[string]bool{
	"ring": true, "call": true, "phone": true, "email": true, "e-mail": true, "contact": true,
	"text": true, "reach": true, "write": true, "message": true, "dm": true,
}

// ownContactWords are the writer's own side in an invitation to get in touch.
var ownContactWords = map[string]bool{
	"us": true, "ours": true, "our": true, "me": true, "my": true,
}

// organisationContacts gives contact details that an organisation or the writer
// publishes to the author's side: they say nothing of any patient.
func (s *scan) organisationContacts() {
	for k := range s.out {
		d := &s.out[k]
		switch d.Kind {
		case KindPhone, KindPostcode, KindEmail, KindAddress, KindURL:
		default:
			continue
		}
		sp := s.dspan[k]
		if sp.i < 0 || !s.organisationContactAt(sp.i) {
			continue
		}
		d.Subject = SubjectAuthor
		d.Referent = 0
		if k < len(s.owner) {
			s.owner[k] = -1
		}
	}
}

// organisationContactAt reports an organisation's name or the writer's offer to be
// contacted in the ten tokens of the same sentence before token i, with no person
// in between.
func (s *scan) organisationContactAt(i int) bool {
	si := s.sentOf[i]
	sawContact := false
	for k := i - 1; k >= 0 && k >= i-10 && s.sentOf[k] == si; k-- {
		w := s.lo(k)
		if s.mentionStartingAt(k) >= 0 && s.mentions[s.mentionStartingAt(k)].kind != mAuthor && !ownContactWords[w] {
			return false
		}
		if organisationHeads[w] && s.toks[k].cap && k > 0 && s.toks[k-1].cap && s.toks[k-1].kind == tokWord {
			return true
		}
		if contactVerbs[w] {
			sawContact = true
		}
		if ownContactWords[w] && (sawContact || s.is(k+1, "number") || s.is(k+1, "phone") || s.is(k+1, "email") || s.is(k+1, "address")) {
			return true
		}
		if ownContactWords[w] && k > 0 && contactVerbs[s.lo(k-1)] {
			return true
		}
	}
	return false
}

// addressOwners gives an address written straight after a person ("the old boy at 9
// Tanner's Row", "Mrs Hollis of 3 Mill Lane") to that person, whoever the
// clause is about.
func (s *scan) addressOwners() {
	for k := range s.out {
		d := &s.out[k]
		if d.Kind != KindAddress && d.Kind != KindPostcode {
			continue
		}
		sp := s.dspan[k]
		if sp.i < 2 || d.Subject == SubjectAuthor {
			continue
		}
		switch s.lo(sp.i - 1) {
		case "at", "of", "from", "in":
		default:
			continue
		}
		for mi := range s.mentions {
			m := &s.mentions[mi]
			if m.j < sp.i-3 || m.j > sp.i-1 || m.person < 0 || m.kind == mAuthor || m.kind == mPronoun {
				continue
			}
			pr := &s.persons[m.person]
			d.Subject = pr.role
			d.Referent = 0
			if pr.role == SubjectPatient {
				d.Referent = pr.ordinal
			}
			if k < len(s.owner) {
				s.owner[k] = int32(m.person)
			}
		}
	}
}
