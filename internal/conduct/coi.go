package conduct

import (
	"fmt"
	"strings"

	"github.com/mosaicgw/mosaic/internal/guidance"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// entity is a capitalised name in the post that may be a product, a company or a
// clinic: tokens [i, j).
type entity struct{ i, j int }

// entities lists capitalised names that are not people, not the start of a sentence
// alone, not acronyms of public bodies: runs of capitalised words ("DermaSilk
// Gel+", "Quorvex Pharma", "Elmridge Skin Clinic").
func (a *analysis) entities() []entity {
	var out []entity
	words, caps := 0, 0
	for _, t := range a.toks {
		if !t.symbol {
			words++
			if raw := a.post.Body[t.start:t.end]; strings.ToUpper(raw) == raw && strings.ToLower(raw) != raw {
				caps++
			}
		}
	}
	if caps*2 > words {
		return nil // a text in capitals says nothing by them
	}
	for k := 0; k < len(a.toks); k++ {
		t := a.toks[k]
		if !t.upper || t.symbol || a.headAt[k] >= 0 || a.nameDet[k] >= 0 || titles[a.w(k-1)] {
			continue
		}
		j := k + 1
		for j < len(a.toks) && a.sameSent(k, j) && !a.toks[j].brk && (a.toks[j].upper || a.w(j) == "&" || a.w(j) == "+") && a.headAt[j] < 0 {
			j++
		}
		// A lone capitalised word at the start of a sentence is ordinary capitalisation
		// unless it is no common word.
		if t.sentStart && j == k+1 && (commonWord(t.norm) || lexisKnown(t.norm)) {
			continue
		}
		out = append(out, entity{k, j})
		k = j - 1
	}
	return out
}

// brandLike: an entity with an invented word (no English word list has it: "Zelvora",
// "DermaSilk") or a company word ("Pharma", "Ltd"), and no public-service word.
func (a *analysis) brandLike(e entity) bool {
	invented, company := false, false
	for k := e.i; k < e.j; k++ {
		w := a.w(k)
		raw := a.post.Body[a.toks[k].start:a.toks[k].end]
		if publicWords[w] || a.placeDet[k] && e.j-e.i == 1 {
			return false
		}
		if strings.ToUpper(raw) == raw && len(raw) <= 5 {
			continue // an acronym: NICE, MRI, T2
		}
		if companyWords[w] {
			company = true
		}
		if !lexisKnown(w) && len(w) >= 4 && !a.placeDet[k] {
			invented = true
		}
	}
	return invented || company
}

// declared: a declaration of interest ("Declaration:", "disclosure", "conflict of
// interest"), or the author stating a payment or a stake ("I was paid to speak for them",
// "I get £250 per sign-up", "I'm a paid adviser", "I'm on their board").
func (a *analysis) declared() (int, bool) {
	for k, t := range a.toks {
		w := t.norm
		if declareWords[w] && !a.negatedNear(k, 2) {
			if w == "conflict" || w == "conflicts" || w == "competing" {
				if a.w(k+1) != "of" && a.w(k+1) != "interest" && a.w(k+1) != "interests" {
					continue
				}
			}
			return k, true
		}
		if !firstSingular[w] {
			continue
		}
		for x := k + 1; x < len(a.toks) && x <= k+5 && a.sameSent(k, x); x++ {
			v := a.w(x)
			if receiveVerbs[v] {
				for y := x + 1; y < len(a.toks) && y <= x+4 && a.sameSent(x, y); y++ {
					if stakeNouns[a.w(y)] || moneyWords[a.w(y)] && a.money(y) {
						return k, true
					}
				}
			}
			if (v == "paid" || v == "advisory" || v == "sit") && x+1 < len(a.toks) {
				for y := x + 1; y <= x+3 && y < len(a.toks); y++ {
					if interestRoles[a.w(y)] || a.w(y) == "board" {
						return k, true
					}
				}
			}
		}
	}
	return -1, false
}

// money: a currency or sum at token k ("£250", "GBP 250", "15%").
func (a *analysis) money(k int) bool {
	w := a.w(k)
	if w == "£" || w == "$" || w == "€" || w == "gbp" || w == "usd" || w == "eur" {
		return isDigits(a.w(k+1)) || isDigits(a.w(k-1))
	}
	return moneyWords[w]
}

// moneyThroughAuthor: the reader pays less or the author earns through the author: a
// discount code (a word of letters and digits after "code"), a percentage off, the
// author's own link or code, "we both get £...".
func (a *analysis) moneyThroughAuthor() (int, int, bool) {
	for k, t := range a.toks {
		w := t.norm
		switch {
		case w == "code" && k+1 < len(a.toks) && a.sameSent(k, k+1):
			raw := a.post.Body[a.toks[k+1].start:a.toks[k+1].end]
			letters, digits := 0, 0
			for _, r := range raw {
				switch {
				case r >= '0' && r <= '9':
					digits++
				case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
					letters++
				}
			}
			if letters >= 3 && digits > 0 && len(raw) >= 5 && !strings.Contains(raw, ".") {
				return k, k + 2, true
			}
		case w == "%" && a.w(k+1) == "off" && isDigits(a.w(k-1)) && a.commerceNear(k):
			return k - 1, k + 2, true
		case firstPossessives[w] && (a.w(k+1) == "link" || a.w(k+1) == "code" || a.w(k+1) == "referral"):
			return k, k + 2, true
		case w == "both" && (firstPlural[a.w(k-1)] || a.w(k-1) == "you") && receiveVerbs[a.w(k+1)]:
			for y := k + 2; y < len(a.toks) && y <= k+5; y++ {
				if a.money(y) {
					return k - 1, y + 1, true
				}
			}
		}
	}
	return 0, 0, false
}

// ownBusiness: an entity of the post that the author's profile names as theirs: a
// private clinic or company in the profile (not an NHS or public body) sharing a
// distinctive word with it.
func (a *analysis) ownBusiness(es []entity) (entity, bool) {
	profile := a.post.AuthorLocation + ", " + a.post.AuthorRole
	for _, seg := range strings.FieldsFunc(profile, func(r rune) bool { return r == ',' || r == '(' || r == ')' || r == ';' }) {
		words := tokenise(seg)
		public := false
		for _, t := range words {
			if publicWords[t.norm] {
				public = true
			}
		}
		if public {
			continue
		}
		// A business: a segment with a company word ("... Clinic", "... Ltd").
		business := false
		for _, t := range words {
			if companyWords[t.norm] {
				business = true
			}
		}
		if !business {
			continue
		}
		distinct := map[string]bool{}
		for _, t := range words {
			if t.upper && len(t.norm) >= 4 && !commonWord(t.norm) && !companyWords[t.norm] && !roleWord(t.norm) {
				distinct[t.norm] = true
			}
		}
		for _, e := range es {
			for k := e.i; k < e.j; k++ {
				if distinct[a.w(k)] {
					return e, true
				}
			}
		}
	}
	return entity{}, false
}

// hospitality: a company's event or payment ("courtesy of X Pharma", "the X symposium",
// "X flew us").
func (a *analysis) hospitality(es []entity) (int, bool) {
	for _, e := range es {
		if !a.brandLike(e) {
			continue
		}
		company := false
		for k := e.i; k < e.j; k++ {
			company = company || companyWords[a.w(k)]
		}
		for k := max(0, e.i-3); k < len(a.toks) && k < e.j+3; k++ {
			if !a.sameSent(e.i, k) {
				continue
			}
			if hospitalityNouns[a.w(k)] && company || sponsorWords[a.w(k)] {
				return k, true
			}
		}
	}
	return -1, false
}

// directive: the author tells colleagues to switch or start ("we should all be
// switching", "get your patients onto", "everyone should use").
func (a *analysis) directive() (int, bool) {
	for k, t := range a.toks {
		w := t.norm
		if w == "should" || w == "must" || w == "ought" || w == "need" {
			subj := a.w(k - 1)
			if !(firstPlural[subj] || subj == "you" || subj == "everyone" || subj == "all" || subj == "everybody") {
				continue
			}
			for x := k + 1; x < len(a.toks) && x <= k+4 && a.sameSent(k, x); x++ {
				if endorseVerbs[a.w(x)] {
					return k, true
				}
			}
		}
		// An imperative at the start of a clause: "get eczema patients onto X".
		if (t.sentStart || t.brk || a.toks[max(k-1, 0)].norm == "and") && (w == "get" || w == "switch" || w == "put") {
			people := false
			for x := k + 1; x < len(a.toks) && x <= k+5 && a.sameSent(k, x); x++ {
				if b := a.w(x); b == "patients" || b == "them" || b == "everyone" || b == "your" || b == "all" {
					people = true
				}
				if people && (a.w(x) == "onto" || a.w(x) == "on" || a.w(x) == "to") {
					return k, true
				}
			}
		}
	}
	return -1, false
}

// endorsement: praise for what the post names (positive words summing to 2.5 or more
// in the sentences with an entity, a superlative or "better than"), or a first-person
// recommendation ("I'd recommend", "I'd refer there").
func (a *analysis) endorsement(es []entity) (int, bool) {
	sents := map[int]bool{}
	for _, e := range es {
		s := a.toks[e.i].sent
		sents[s-1], sents[s], sents[s+1] = true, true, true
	}
	sum := 0.0
	first := -1
	for k, t := range a.toks {
		if !sents[t.sent] {
			continue
		}
		w := t.norm
		if v := valence(w); v >= 1 && !a.negatedNear(k, 2) {
			sum += v
			if first < 0 {
				first = k
			}
		}
		if w == "best" || (w == "better" && a.w(k+1) == "than") || w == "recommend" || w == "refer" {
			sum += 1.5
			if first < 0 {
				first = k
			}
		}
	}
	return first, sum >= 2.5
}

// conflictOfInterest (paragraph 19): promotion of a named product, company or clinic
// with money through the author, the author's own business, company hospitality, or a
// directive to switch, and no declaration of interest. Neutral discussion of a product
// has none of these.
func (a *analysis) conflictOfInterest() *mosaicv1.Finding {
	if _, ok := a.declared(); ok {
		return nil
	}
	es := a.entities()
	if len(es) == 0 {
		return nil
	}
	var brands []entity
	for _, e := range es {
		if a.brandLike(e) {
			brands = append(brands, e)
		}
	}
	var reason string
	var spans []*mosaicv1.Span
	var named []entity
	endorseAt, endorsed := a.endorsement(es)
	switch mi, mj, money := a.moneyThroughAuthor(); {
	case money && len(brands) > 0:
		reason = "money passes through you to the reader (" + a.quote(mi, mj) + ")"
		spans = append(spans, a.span(mi, mj, "promotion"))
		named = brands
	default:
		if own, ok := a.ownBusiness(es); ok && endorsed {
			reason = "your profile shows it is your own business"
			named = []entity{own}
			spans = append(spans, a.span(endorseAt, endorseAt+1, "promotion"))
			break
		}
		if len(brands) == 0 {
			return nil
		}
		hk, hosp := a.hospitality(es)
		dk, dir := a.directive()
		switch {
		case hosp && (endorsed || dir):
			reason = "it follows the company's hospitality (" + a.quote(hk, hk+1) + ")"
			spans = append(spans, a.span(hk, hk+1, "hospitality"))
		case dir && endorsed:
			reason = "it urges colleagues to switch (" + a.quote(dk, dk+1) + ")"
			spans = append(spans, a.span(dk, dk+1, "promotion"))
		default:
			return nil
		}
		named = brands
	}
	var names []string
	for _, e := range named {
		spans = append(spans, a.span(e.i, e.j, "product"))
		names = append(names, a.quote(e.i, e.j))
	}
	return &mosaicv1.Finding{
		Kind:     mosaicv1.FindingKind_FINDING_KIND_CONFLICT_OF_INTEREST,
		Severity: advisory,
		Guidance: cite(guidance.ConflictOfInterest),
		Spans:    spans,
		Explanation: fmt.Sprintf("This post promotes %s and %s, without declaring any interest. "+
			"Readers take a doctor's recommendation on trust, so the GMC asks doctors to be open about any conflict of interest "+
			"and to declare financial or commercial interests in healthcare organisations or pharmaceutical and biomedical companies.",
			quoteList(names, 3), reason),
		Suggestion: "If you have any financial or commercial interest (payment, fees, hospitality, shares, ownership, a discount or referral code), " +
			"declare it at the start of the post, e.g. \u201cDeclaration of interest: I am a director of \u2026\u201d; " +
			"if you have none, say so, or discuss the evidence without the promotional wording.",
	}
}

// commerceNear: a word of buying or offering in token k's sentence besides "off"
// ("code", "order", "website", "discount"): "20% off your first order", not "88% off
// oxygen".
func (a *analysis) commerceNear(k int) bool {
	for x := a.sentenceStart(k); x < a.sentenceEnd(k); x++ {
		if w := a.w(x); w != "off" && (offerWords[w] || moneyWords[w] || w == "first" || w == "price" || w == "prices") {
			return true
		}
	}
	return false
}
