package link

import "testing"

// An unnamed value matches the same value under any name; named values must agree
// on the name.
func TestSharedMarks(t *testing.T) {
	cases := []struct {
		a, b []string
		want int
	}{
		{[]string{"inr=5.8", "inr=2.1"}, []string{"?=5.8", "?=2.1"}, 2},
		{[]string{"?=5.8"}, []string{"inr=5.8"}, 1},
		{[]string{"inr=5.8"}, []string{"sodium=5.8"}, 0},
		{[]string{"inr=5.8"}, []string{"?=5.9"}, 0},
		{[]string{"egfr=52"}, []string{"egfr=52", "bmi=31"}, 1},
	}
	for _, c := range cases {
		if got := sharedMarks(c.a, c.b); got != c.want {
			t.Errorf("sharedMarks(%v, %v) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
