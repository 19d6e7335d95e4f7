package places_test

import (
	"fmt"

	"github.com/mosaicgw/mosaic/internal/places"
)

func ExampleGazetteer_Resolve() {
	g := places.Default()
	for _, q := range [][]string{{"Newport"}, {"Newport", "Pembrokeshire"}, {"Bangor", "in North Wales"}, {"Wales"}} {
		p := g.Resolve(q[0], q[1:]...)
		var chain []string
		for _, a := range g.Chain(p) {
			chain = append(chain, a.Name)
		}
		fmt.Println(q, "->", p.Kind, chain)
	}
	// Output:
	// [Newport] -> city [Newport Newport South East Wales Wales]
	// [Newport Pembrokeshire] -> town [Newport Pembrokeshire South West Wales Wales]
	// [Bangor in North Wales] -> city [Bangor Gwynedd North Wales Wales]
	// [Wales] -> nation [Wales]
}

func ExampleGazetteer_ResolveProfile() {
	g := places.Default()
	for _, s := range []string{"Raigmore Hospital, Inverness", "NHS Highland remote & rural locum pool", "HMP Parc, Bridgend"} {
		pr := g.ResolveProfile(s)
		fmt.Printf("%s: %s, %s, %.0f\n", s, pr.Place.Name, pr.Scope, pr.Population)
	}
	// Output:
	// Raigmore Hospital, Inverness: Inverness, district, 235540
	// NHS Highland remote & rural locum pool: NHS Highland, regional, 321800
	// HMP Parc, Bridgend: Bridgend, local, 730
}

func ExampleKind_island() {
	g := places.Default()
	for _, q := range [][]string{{"Tobermory"}, {"Bardsey"}, {"Bardsey", "Leeds"}, {"Ynys Enlli"}, {"Inner Hebrides"}} {
		p := g.Resolve(q[0], q[1:]...)
		var chain []string
		for _, a := range g.Chain(p) {
			chain = append(chain, a.Name)
		}
		fmt.Println(q, "->", p.Kind, chain)
	}
	// Output:
	// [Tobermory] -> town [Tobermory Mull Argyll and Bute Highlands and Islands Scotland]
	// [Bardsey] -> island [Bardsey Island Gwynedd North Wales Wales]
	// [Bardsey Leeds] -> village [Bardsey Leeds West Yorkshire Yorkshire and the Humber England]
	// [Ynys Enlli] -> island [Bardsey Island Gwynedd North Wales Wales]
	// [Inner Hebrides] -> island [Inner Hebrides Highlands and Islands Scotland]
}
