package main

import (
	"fmt"

	"github.com/mosaicgw/mosaic/internal/occupations"
)

func main() {
	x := occupations.Default()
	for _, q := range []string{"farrier", "ghillie", "wheelwright", "falconer", "coxswain", "precentor", "harbourmaster", "distillery manager", "crossing patrol officer", "stalker", "deer stalker", "skipper", "ferry skipper", "greenkeeper", "head greenkeeper", "headteacher", "postmaster", "station manager", "practice manager", "school crossing patrol", "lollipop man", "hunter", "gamekeeper", "river bailiff", "lighthouse keeper", "village shopkeeper", "beekeeper", "vicar", "GP", "consultant", "pharmacist", "taxi driver", "chef", "publican", "postman", "milkman", "fishmonger", "blacksmith", "thatcher", "dry stone waller", "shepherd", "crofter", "ferryman", "lifeboat coxswain"} {
		o, ok := x.Lookup(q)
		if ok {
			fmt.Printf("%-24s %-22.22s %s %-40.40s %7.0f U%-5v M%v\n", q, o.Title, o.SOC, o.Group, o.Count, o.Unique, o.Mapped)
		} else {
			fmt.Printf("%-24s --\n", q)
		}
	}
	for _, v := range []string{"skipper", "shoe", "stalk", "cox", "keep", "run"} {
		n := 0
		for _, f := range x.ByVerb(v) {
			if n < 8 {
				fmt.Printf("%s:%s(%s) ", v, f.Occupation.Title, f.Object)
			}
			n++
		}
		fmt.Println(n)
	}
}
