package places

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// ageTable is a population's share by sex (0 female, 1 male) and single year of age
// (90 is 90 and over), summing to 1.
type ageTable struct {
	source string
	share  [2][91]float32
}

func (g *Gazetteer) loadAges(data []byte) error {
	g.ages = map[int32]*ageTable{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		b := sc.Bytes()
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		f := strings.Split(string(b), "\t")
		if len(f) != 2+2*91 {
			return fmt.Errorf("%d fields", len(f))
		}
		id, err := strconv.Atoi(f[0])
		if err != nil || id < 0 || id >= len(g.places) {
			return fmt.Errorf("bad place id %q", f[0])
		}
		t := &ageTable{source: f[1]}
		for i, x := range f[2:] {
			v, err := strconv.Atoi(x)
			if err != nil {
				return err
			}
			t.share[i/91][i%91] = float32(v) / 1e6
		}
		g.ages[int32(id)] = t
	}
	return sc.Err()
}

// ageSexTable is the table of the nearest area in p's chain that has one, and that
// area.
func (g *Gazetteer) ageSexTable(p *Place) (*ageTable, *Place) {
	for _, a := range g.Chain(p) {
		if t, ok := g.ages[a.ID]; ok {
			return t, a
		}
	}
	return nil, nil
}

// AgeSexSource names the area and source whose age-sex structure AgeSexShare uses for
// p ("Leeds: ONS MYE2 mid-2014").
func (g *Gazetteer) AgeSexSource(p *Place) string {
	t, a := g.ageSexTable(p)
	if t == nil {
		return ""
	}
	return a.Name + ": " + t.source
}

// AgeSexShare is the share of a place's population aged ageLo to ageHi (inclusive)
// and of sex 'F' or 'M' (0 for both), from the nearest area in its chain with
// published figures: the council in England and Wales (ONS mid-2014 estimates by
// single year), else the English region or Wales (Census 2021, five-year bands),
// else England (Census 2021); Scotland and Northern Ireland use the UK structure.
// Ages above 90 share the 90-and-over group, spread over ages 90 to 110.
func AgeSexShare(p *Place, ageLo, ageHi int, sex byte) float64 {
	return Default().AgeSexShare(p, ageLo, ageHi, sex)
}

// AgeSexShare is the method form of the package function, for a given gazetteer.
func (g *Gazetteer) AgeSexShare(p *Place, ageLo, ageHi int, sex byte) float64 {
	t, _ := g.ageSexTable(p)
	if t == nil || ageHi < ageLo {
		return 0
	}
	if ageLo < 0 {
		ageLo = 0
	}
	if ageHi > 110 {
		ageHi = 110
	}
	var sexes []int
	switch sex {
	case 'F', 'f':
		sexes = []int{0}
	case 'M', 'm':
		sexes = []int{1}
	default:
		sexes = []int{0, 1}
	}
	sum := 0.0
	for _, s := range sexes {
		for a := ageLo; a <= ageHi && a < 90; a++ {
			sum += float64(t.share[s][a])
		}
		if ageHi >= 90 {
			lo := max(ageLo, 90)
			sum += float64(t.share[s][90]) * float64(ageHi-lo+1) / 21
		}
	}
	return sum
}
