package extract

import "testing"

// A patient bringing up a relative's children is a kinship carer; her own children,
// the author's family and a negated clause are not.
func TestKinshipCare(t *testing.T) {
	ex := newTestExtractor(t)
	yes := []string{
		"Woman in her 60s with COPD, raising her grandchildren since her son died.",
		"He has taken in his late brother's three boys and is struggling to cope.",
		"She's been looking after her niece's kids full time since the spring.",
	}
	for _, text := range yes {
		found := false
		for _, d := range ex.Extract(text, Context{}) {
			if d.Kind == KindFamily && d.Value == "kinship carer" && d.Subject == SubjectPatient {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no kinship carer\n%s", text, dump(text, ex.Extract(text, Context{})))
		}
	}
	no := []string{
		"Woman in her 40s with asthma, raising three children of her own.",
		"I'm bringing up my grandchildren myself these days.",
		"He is not looking after the grandchildren any more.",
		"Parents raising children with diabetes need more support.",
		"She's retired, walks the dog and looks after three grandchildren after school.",
	}
	for _, text := range no {
		for _, d := range ex.Extract(text, Context{}) {
			if d.Kind == KindFamily && d.Value == "kinship carer" && d.Subject == SubjectPatient {
				t.Errorf("%q: kinship carer read", text)
			}
		}
	}
}

// A child among siblings is no parent: "the youngest of five children" is not a mother
// of five; "a mother of five" is.
func TestSiblingOrderIsNoParent(t *testing.T) {
	ex := newTestExtractor(t)
	for _, text := range []string{"She is the youngest of five children.", "He's one of six children, the middle one."} {
		for _, d := range ex.Extract(text, Context{}) {
			if d.Kind == KindFamily && d.Value == "mother of five" {
				t.Errorf("%q: %q read", text, d.Value)
			}
		}
	}
	found := false
	for _, d := range ex.Extract("Mother of five in her 40s with asthma.", Context{}) {
		found = found || d.Kind == KindFamily && d.Value == "mother of five"
	}
	if !found {
		t.Error("a mother of five not read")
	}
}
