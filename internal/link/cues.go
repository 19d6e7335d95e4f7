package link

import "time"

// cues are what the text of a post says about which patient it is about, independent of
// the details in it: whether it points back to an earlier post or patient ("the lady I
// posted about last week", "same patient as my IFR question", "to answer the questions"),
// or says it is about someone else ("different patient", "another one").
type cues struct {
	// BackRef: the post refers to a patient or post the author wrote about before.
	BackRef bool `json:"back,omitempty"`
	// Window bounds how far back the reference reaches ("last week"), 0 when open.
	Window time.Duration `json:"win,omitempty"`
	// Month (1-12) is the month a reference names ("my January post"), 0 when none.
	Month int `json:"month,omitempty"`
	// Different: the post says it is about a different patient.
	Different bool `json:"diff,omitempty"`
	// Marks are the post's measurements ("cohb=18", "septum=17mm"): two posts by one
	// author quoting the same unusual value are most likely about the same patient.
	Marks []string `json:"marks,omitempty"`
	// Terms are the post's rare content words (extract.Cues.Terms).
	Terms []string `json:"terms,omitempty"`
}
