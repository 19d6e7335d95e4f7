package link

import (
	"slices"
	"strings"
	"time"

	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/risk"
)

// Bounds that keep one author's state, and so the cost of assessing a post, independent
// of how much the author has ever written: the oldest profiles are forgotten first (a
// reader is least likely to piece together posts years apart), and a profile keeps its
// facts merged (one entry per kind and value) with a few source spans each.
const (
	maxProfiles       = 24
	maxFacts          = 40
	maxSourcesPerFact = 3
	maxPostsPerProf   = 12
	// maxSpanText bounds the span text kept for display (the offsets stay exact).
	maxSpanText = 48
)

// authorState is everything the ledger keeps about one author (key authorKey).
type authorState struct {
	// Self is what the author has said about themself (e.g. "our practice in Settle"):
	// it sets where their patients live when the platform profile does not.
	Self     []fact    `json:"self,omitempty"`
	Profiles []profile `json:"profiles,omitempty"`
	NextID   uint32    `json:"next_id,omitempty"`
}

// profile is one patient as a reader could piece them together from the author's
// published posts.
type profile struct {
	ID    uint32    `json:"id"`
	Facts []fact    `json:"facts"`
	Posts []postRef `json:"posts"`
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
	// Marks are the measurements quoted about the patient (see cues.Marks).
	Marks []string `json:"marks,omitempty"`
	// Terms are the rare words of the profile's posts (see cues.Terms).
	Terms []string `json:"terms,omitempty"`
}

const maxProfileMarks = 12

// maxProfileTerms bounds the rare words a profile keeps.
const maxProfileTerms = 24

// addTerms records a post's rare words in a profile, keeping the latest.
func (pr *profile) addTerms(ts []string) {
	for _, t := range ts {
		if !slices.Contains(pr.Terms, t) {
			pr.Terms = append(pr.Terms, t)
		}
	}
	if len(pr.Terms) > maxProfileTerms {
		pr.Terms = pr.Terms[len(pr.Terms)-maxProfileTerms:]
	}
}

// addMarks records a post's measurements in a profile, keeping the latest.
func (pr *profile) addMarks(ms []string) {
	for _, m := range ms {
		if !slices.Contains(pr.Marks, m) {
			pr.Marks = append(pr.Marks, m)
		}
	}
	if len(pr.Marks) > maxProfileMarks {
		pr.Marks = pr.Marks[len(pr.Marks)-maxProfileMarks:]
	}
}

// postRef is a published post that contributed to a profile.
type postRef struct {
	Post     string    `json:"post"`
	Revision uint32    `json:"rev"`
	Thread   string    `json:"thread,omitempty"`
	Forum    string    `json:"forum,omitempty"`
	At       time.Time `json:"at"`
}

// fact is one merged detail of a profile.
type fact struct {
	Kind            string   `json:"k"`
	Value           string   `json:"v"`
	Generalisations []string `json:"g,omitempty"`
	Frequency       float64  `json:"f,omitempty"`
	Population      float64  `json:"p,omitempty"`
	Direct          bool     `json:"d,omitempty"`
	Recent          bool     `json:"r,omitempty"`
	// Ref is the detail's knowledge-source ID; People and Density are its Count and
	// Density (extract.Detail).
	Ref     string  `json:"ref,omitempty"`
	People  float64 `json:"pp,omitempty"`
	Density float64 `json:"dn,omitempty"`
	// At is when the fact was last stated: ages are aged forward from it.
	At time.Time `json:"at"`
	// Count is how many posts stated it; Sources keeps the spans of the latest few.
	Count   int      `json:"n"`
	Sources []source `json:"s,omitempty"`
}

// source locates a fact in one revision of one post.
type source struct {
	Post     string `json:"post"`
	Revision uint32 `json:"rev"`
	Start    int    `json:"b"`
	End      int    `json:"e"`
	Text     string `json:"t,omitempty"`
}

// pendingPost is an assessed revision waiting for its fate (key pendingKey).
type pendingPost struct {
	Post     string    `json:"post"`
	Revision uint32    `json:"rev"`
	Thread   string    `json:"thread,omitempty"`
	Forum    string    `json:"forum,omitempty"`
	ReplyTo  string    `json:"reply_to,omitempty"`
	At       time.Time `json:"at"`
	Role     string    `json:"role,omitempty"`
	Location string    `json:"loc,omitempty"`
	Cues     cues      `json:"cues"`
	Facts    []fact    `json:"facts,omitempty"`
	Self     []fact    `json:"self,omitempty"`
}

func (f fact) key() string { return f.Kind + "\x00" + f.Value }

func (f fact) factor(fixed bool) risk.Factor {
	label := f.Value
	if len(f.Sources) > 0 && f.Sources[len(f.Sources)-1].Text != "" {
		label = f.Sources[len(f.Sources)-1].Text
	}
	return risk.Factor{Kind: f.Kind, Value: f.Value, Generalisations: f.Generalisations,
		Frequency: f.Frequency, Population: f.Population, Direct: f.Direct, Recent: f.Recent, Fixed: fixed, Label: label,
		Ref: f.Ref, Count: f.People, Density: f.Density}
}

// factFromDetail turns an extracted detail into a fact of one post.
func factFromDetail(d extract.Detail, post string, rev uint32, body string, at time.Time) fact {
	s := source{Post: post, Revision: rev, Start: d.Start, End: d.End}
	if d.Start >= 0 && d.End <= len(body) && d.Start < d.End {
		s.Text = strings.Clone(body[d.Start:min(d.End, d.Start+maxSpanText)])
	}
	return fact{Kind: string(d.Kind), Value: d.Value, Generalisations: d.Generalisations,
		Frequency: d.Frequency, Population: d.Population, Direct: d.Direct, At: at, Count: 1,
		Sources: []source{s}, Recent: d.Kind == extract.KindCondition && d.Recent,
		Ref: d.Ref, People: d.Count, Density: d.Density}
}

// mergeFacts adds the facts of one post into a profile's facts (one post counts once
// per fact however often it repeats it).
func mergeFacts(dst []fact, add []fact) []fact {
	for _, a := range add {
		i := slices.IndexFunc(dst, func(f fact) bool { return f.key() == a.key() })
		if i < 0 {
			dst = append(dst, cloneFact(a))
			continue
		}
		f := &dst[i]
		if a.At.After(f.At) {
			f.At = a.At
		}
		if a.Frequency > 0 && (f.Frequency == 0 || a.Frequency < f.Frequency) {
			f.Frequency = a.Frequency
		}
		if a.Population > 0 && f.Population == 0 {
			f.Population = a.Population
		}
		if len(f.Generalisations) == 0 {
			f.Generalisations = a.Generalisations
		}
		f.Recent = f.Recent || a.Recent
		for _, s := range a.Sources {
			if slices.ContainsFunc(f.Sources, func(o source) bool { return o.Post == s.Post }) {
				continue
			}
			f.Count++
			f.Sources = append(f.Sources, s)
			if len(f.Sources) > maxSourcesPerFact {
				f.Sources = f.Sources[len(f.Sources)-maxSourcesPerFact:]
			}
		}
	}
	if len(dst) > maxFacts {
		// Forget the least identifying facts first: they matter least to k.
		slices.SortStableFunc(dst, func(a, b fact) int {
			fa, fb := a.factor(true), b.factor(true)
			return cmpFloat(freqForSort(fa), freqForSort(fb))
		})
		dst = dst[:maxFacts]
	}
	return dst
}

func freqForSort(f risk.Factor) float64 {
	if risk.IsPlaceKind(f.Kind) {
		return 0 // keep places: they set the population
	}
	if f.Frequency > 0 {
		return f.Frequency
	}
	return 0.5
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cloneFact(f fact) fact {
	f.Sources = slices.Clone(f.Sources)
	return f
}

// removePost takes one post's contributions out of the facts; facts no post supports any
// more are dropped. It reports whether anything changed.
func removePost(facts []fact, post string) ([]fact, bool) {
	changed := false
	out := facts[:0]
	for _, f := range facts {
		i := slices.IndexFunc(f.Sources, func(s source) bool { return s.Post == post })
		if i >= 0 {
			changed = true
			f.Sources = slices.Delete(f.Sources, i, i+1)
			f.Count--
			if f.Count <= 0 {
				continue
			}
		}
		out = append(out, f)
	}
	return out, changed
}
