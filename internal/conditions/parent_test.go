package conditions

import "testing"

// A rare subtype whose name holds a common condition's name has it as its parent; a
// rare disease named otherwise has none.
func TestCommonParent(t *testing.T) {
	x := Default()
	find := func(name string) *Condition {
		for c := range x.All {
			if c.Name == name {
				return c
			}
		}
		t.Fatalf("%q not in the index", name)
		return nil
	}
	if p := x.CommonParent(find("Juvenile myoclonic epilepsy")); p == nil || p.Name != "epilepsy" {
		t.Errorf("juvenile myoclonic epilepsy: parent %v, want epilepsy", p)
	}
	if p := x.CommonParent(find("cystic fibrosis")); p != nil {
		t.Errorf("cystic fibrosis: parent %q, want none", p.Name)
	}
}
