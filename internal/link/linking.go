package link

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/mosaicgw/mosaic/internal/risk"
)

// post is the part of a candidate (or pending) post that linking looks at.
type post struct {
	ID      string
	Thread  string
	Forum   string
	ReplyTo string
	At      time.Time
	Cues    cues
	Facts   []fact
}

// linkDecision says which profiles a post's patient is: none (a new patient), one, or
// several that the post shows to be the same person ("she's the cyclist from my March
// post", replying in the thread about her hip).
type linkDecision struct {
	Profiles   []int // indices into authorState.Profiles, most confident first
	Confidence float64
	Reasons    []string
}

// Evidence weights: each is the probability that the link is right given that cue alone,
// combined as independent evidence (1 - Π(1-p)). A link needs linkMin.
const (
	pReply        = 0.85 // a reply to or quote of a post about the profile
	pThread       = 0.6  // the same thread
	pBackRef      = 0.75 // "the chap I mentioned on Monday", aimed at the likeliest profile
	pSharedStrong = 0.85 // shared details worth >= bitsStrong bits (e.g. one rare condition)
	pSharedMedium = 0.4  // shared details worth >= bitsMedium bits
	pSharedWeak   = 0.2  // shared details worth >= bitsWeak bits
	pMarks1       = 0.6  // one identical measurement ("COHb 22%") quoted again
	pMarks2       = 0.85 // two or more
	bitsStrong    = 10.0 // 1 in 1,000
	bitsMedium    = 7.0  // 1 in 128
	bitsWeak      = 4.5
	linkMin       = 0.5
	// halfLife is how fast same-thread and shared-detail evidence fades with time: a
	// reader is less likely to connect posts months apart.
	halfLife = 120 * 24 * time.Hour
)

// sharedKinds are kinds whose shared values suggest the same patient; age and sex are too
// common to, and only count as compatible or contradicting.
var sharedKinds = map[string]bool{
	"condition": true, "event": true, "occupation": true, "place": true,
	"postcode_district": true, "institution": true, "public_status": true,
	"physical_feature": true, "family": true, "ethnicity": true,
}

// decide links a post to the author's profiles. ctx is the author's context, whose place
// says nothing about which patient it is (every patient of a Lancaster GP is in
// Lancaster).
func decide(st *authorState, p post, ctx risk.Context) linkDecision {
	var best linkDecision
	if len(p.Facts) == 0 {
		return best
	}
	backTarget := backReferenceTarget(st, p, ctx)
	type scored struct {
		i    int
		conf float64
		why  []string
	}
	var cands []scored
	for i := range st.Profiles {
		pr := &st.Profiles[i]
		if !compatible(pr.Facts, pr.Last, p.Facts, p.At) {
			continue
		}
		var ps []float64
		var why []string
		age := p.At.Sub(pr.Last)
		fade := math.Pow(0.5, math.Max(0, age.Hours())/halfLife.Hours())
		if repliesTo(pr, p) {
			ps, why = append(ps, pReply), append(why, "reply")
		} else if inThread(pr, p) {
			ps, why = append(ps, pThread*fade), append(why, "same thread")
		}
		if i == backTarget {
			ps, why = append(ps, pBackRef), append(why, "back-reference")
		}
		switch n := sharedMarks(pr.Marks, p.Cues.Marks); {
		case n >= 2:
			ps, why = append(ps, pMarks2*fade), append(why, "the same measurements")
		case n == 1:
			ps, why = append(ps, pMarks1*fade), append(why, "the same measurement")
		}
		switch b := sharedBits(pr.Facts, p.Facts, ctx); {
		case b >= bitsStrong:
			ps, why = append(ps, pSharedStrong*fade), append(why, "shared rare details")
		case b >= bitsMedium:
			ps, why = append(ps, pSharedMedium*fade), append(why, "shared details")
		case b >= bitsWeak:
			ps, why = append(ps, pSharedWeak*fade), append(why, "shared common details")
		}
		conf := 1.0
		for _, x := range ps {
			conf *= 1 - x
		}
		conf = 1 - conf
		if p.Cues.Different {
			conf *= 0.2
		}
		if conf >= linkMin {
			cands = append(cands, scored{i, conf, why})
		}
	}
	slices.SortStableFunc(cands, func(a, b scored) int { return cmpFloat(b.conf, a.conf) })
	// Several profiles join only if they are compatible with each other too.
	var merged []fact
	var mergedAt time.Time
	for _, c := range cands {
		pr := &st.Profiles[c.i]
		if len(best.Profiles) > 0 && !compatible(merged, mergedAt, pr.Facts, pr.Last) {
			continue
		}
		if len(best.Profiles) == 0 {
			best.Confidence = c.conf
		}
		best.Profiles = append(best.Profiles, c.i)
		for _, w := range c.why {
			if !slices.Contains(best.Reasons, w) {
				best.Reasons = append(best.Reasons, w)
			}
		}
		merged = append(merged, pr.Facts...)
		if pr.Last.After(mergedAt) {
			mergedAt = pr.Last
		}
	}
	return best
}

// backReferenceTarget picks the profile an explicit back-reference points at: the most
// recent compatible one within the reference's window (in the named month, for "my
// January post"), preferring one the post replies to or shares details with. -1 if none.
func backReferenceTarget(st *authorState, p post, ctx risk.Context) int {
	if !p.Cues.BackRef {
		return -1
	}
	target := -1
	bestKey := [3]float64{-1, -1, -1}
	for i := range st.Profiles {
		pr := &st.Profiles[i]
		if !compatible(pr.Facts, pr.Last, p.Facts, p.At) {
			continue
		}
		if p.Cues.Window > 0 && p.At.Sub(pr.Last) > p.Cues.Window {
			continue
		}
		if p.Cues.Month != 0 && !slices.ContainsFunc(pr.Posts, func(r postRef) bool {
			return int(r.At.Month()) == p.Cues.Month && p.At.Sub(r.At) < 366*24*time.Hour
		}) {
			continue
		}
		key := [3]float64{b2f(inThread(pr, p) || repliesTo(pr, p)), sharedBits(pr.Facts, p.Facts, ctx), float64(pr.Last.Unix())}
		if p.Cues.Month != 0 {
			key[0] = 0 // the month says which post, not the thread
		}
		if slices.Compare(key[:], bestKey[:]) > 0 {
			bestKey, target = key, i
		}
	}
	return target
}

// sharedMarks counts the measurements of b that a holds. A value quoted with no name
// ("?=5.8", see extract's figures) matches the same value under any name.
func sharedMarks(a, b []string) int {
	n := 0
	for _, m := range b {
		if slices.Contains(a, m) || slices.ContainsFunc(a, func(x string) bool { return sameValue(x, m) }) {
			n++
		}
	}
	return n
}

// sameValue reports two marks of one value, one of them unnamed.
func sameValue(x, y string) bool {
	ix, iy := strings.IndexByte(x, '='), strings.IndexByte(y, '=')
	if ix < 0 || iy < 0 || x[ix:] != y[iy:] {
		return false
	}
	return x[:ix] == "?" || y[:iy] == "?"
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func repliesTo(pr *profile, p post) bool {
	return p.ReplyTo != "" && slices.ContainsFunc(pr.Posts, func(r postRef) bool { return r.Post == p.ReplyTo })
}

func inThread(pr *profile, p post) bool {
	return p.Thread != "" && slices.ContainsFunc(pr.Posts, func(r postRef) bool { return r.Thread == p.Thread })
}

// sharedBits is how identifying the details a profile and a post share are: the bits of
// the rarest shared value of each kind, summed over kinds.
func sharedBits(a, b []fact, ctx risk.Context) float64 {
	perKind := map[string]float64{}
	for _, x := range a {
		if !sharedKinds[x.Kind] {
			continue
		}
		for _, y := range b {
			if y.Kind != x.Kind && !(risk.IsPlaceKind(x.Kind) && risk.IsPlaceKind(y.Kind)) {
				continue
			}
			bits := sameValueBits(x, y, ctx)
			if bits > perKind[x.Kind] {
				perKind[x.Kind] = bits
			}
		}
	}
	var t float64
	for _, v := range perKind {
		t += v
	}
	return t
}

// sameValueBits is the information in two facts agreeing: 0 when they differ, else
// -log2 of the coarser one's frequency.
func sameValueBits(x, y fact, ctx risk.Context) float64 {
	var shared fact
	switch {
	case x.Value == y.Value:
		shared = x
		if y.Frequency > x.Frequency {
			shared = y
		}
	case slices.Contains(x.Generalisations, y.Value):
		shared = y
	case slices.Contains(y.Generalisations, x.Value):
		shared = x
	default:
		return 0
	}
	if risk.IsPlaceKind(shared.Kind) {
		if strings.EqualFold(shared.Value, ctx.Place) || slices.Contains(ctx.PlaceChain, strings.ToLower(shared.Value)) {
			return 0 // every patient of the author is there
		}
		est := risk.Compute([]risk.Factor{shared.factor(true)}, risk.Context{})
		return math.Log2(risk.UKPopulation / est.Population)
	}
	f := shared.Frequency
	if f <= 0 {
		f = 0.01
	}
	return -math.Log2(f)
}

// compatible reports whether two sets of facts could describe one patient: not when
// the sexes differ, nor when the ages cannot be reconciled allowing for the time elapsed
// between them.
func compatible(a []fact, aAt time.Time, b []fact, bAt time.Time) bool {
	as, aok := sexOf(a)
	bs, bok := sexOf(b)
	if aok && bok && as != bs {
		return false
	}
	alo, ahi, aAge, aok := ageOf(a)
	blo, bhi, bAge, bok := ageOf(b)
	if aok && bok {
		if bAge.Before(aAge) {
			alo, ahi, aAge, blo, bhi, bAge = blo, bhi, bAge, alo, ahi, aAge
		}
		years := int(math.Ceil(bAge.Sub(aAge).Hours() / (24 * 365.25)))
		years = max(years, 0)
		// One year of slack either side for rounding ("early 30s" vs "30").
		if blo > ahi+years+1 || bhi < alo-1 {
			return false
		}
	}
	return true
}

func sexOf(fs []fact) (string, bool) {
	for _, f := range fs {
		if f.Kind == "sex" && (f.Value == "F" || f.Value == "M") {
			return f.Value, true
		}
	}
	return "", false
}

// ageOf returns the narrowest age range among the facts and when it was stated.
func ageOf(fs []fact) (lo, hi int, at time.Time, ok bool) {
	for _, f := range fs {
		if f.Kind != "age" {
			continue
		}
		l, h, good := risk.AgeRange(f.Value)
		if !good {
			continue
		}
		if !ok || h-l < hi-lo {
			lo, hi, at, ok = l, h, f.At, true
		}
	}
	return lo, hi, at, ok
}
