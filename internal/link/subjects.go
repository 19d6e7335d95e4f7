package link

import (
	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/risk"
)

// pendingFrom turns a candidate's reading into the record kept until its fate is known:
// the facts about the post's patient, the author's facts about themself, and the
// linking cues. Who a detail is about was decided by the extractor (the only reader of
// post text); here only the patient's details are kept.
func (l *Ledger) pendingFrom(c Candidate) pendingPost {
	r := c.Reading
	p := pendingPost{Post: c.PostID, Revision: c.Revision, Thread: c.ThreadID, Forum: c.ForumID,
		ReplyTo: c.ReplyToPostID, At: c.At, Cues: cuesFrom(r.Cues), Role: c.AuthorRole, Location: c.AuthorLocation}
	focus := focusPatient(r)
	for _, d := range r.Details {
		if d.Negated || d.Confidence > 0 && d.Confidence < l.opts.MinConfidence {
			continue
		}
		if d.Start < 0 || d.End > len(c.Body) || d.Start > d.End {
			continue
		}
		place := risk.IsPlaceKind(string(d.Kind))
		switch {
		case d.Direct:
			// Direct identifiers decide on their own (the linker service); they are not
			// pieces of a mosaic.
		case place && d.Subject == extract.SubjectAuthor:
			p.Self = append(p.Self, factFromDetail(d, c.PostID, c.Revision, c.Body, c.At))
		case d.Subject == extract.SubjectPatient && (d.Referent == focus || d.Referent == 0):
			p.Facts = append(p.Facts, factFromDetail(d, c.PostID, c.Revision, c.Body, c.At))
		case d.Subject == extract.SubjectRelative && d.Kind != extract.KindAge && d.Kind != extract.KindSex:
			// A relative's own age and sex would contradict the patient's; the rest (a
			// son in the army, a husband on the lifeboat crew) narrows the family down,
			// and with it the patient.
			p.Facts = append(p.Facts, factFromDetail(d, c.PostID, c.Revision, c.Body, c.At))
		}
	}
	p.Facts = dedupe(p.Facts)
	p.Self = dedupe(p.Self)
	return p
}

// focusPatient is the patient a post is mainly about: the one with the most details
// (the first on a tie). 0 when the post describes no patient.
func focusPatient(r extract.Reading) int {
	count := map[int]int{}
	best, bestN := 0, 0
	for _, d := range r.Details {
		if d.Subject != extract.SubjectPatient || d.Referent == 0 {
			continue
		}
		count[d.Referent]++
		if n := count[d.Referent]; n > bestN || n == bestN && d.Referent < best {
			best, bestN = d.Referent, n
		}
	}
	return best
}

// cuesFrom keeps a reading's cues in the ledger's stored form.
func cuesFrom(c extract.Cues) cues {
	return cues{BackRef: c.BackRef, Window: c.Window, Month: c.Month, Different: c.Different, Marks: c.Figures, Terms: c.Terms}
}
