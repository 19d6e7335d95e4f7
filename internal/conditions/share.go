package conditions

// bandShare is the share of the UK population in each five-year age band, 0-4 to
// 85-89 and 90+ (ONS mid-2022 estimates, UK; the figures internal/extract uses, see
// internal/extract/data/SOURCES.md). Men and women are taken to have the same age
// structure, which overstates men at the oldest ages a little.
var bandShare = [19]float64{
	0.0549, 0.0600, 0.0615, 0.0591, 0.0594, 0.0645, 0.0681, 0.0673, 0.0649, 0.0608,
	0.0673, 0.0693, 0.0624, 0.0533, 0.0500, 0.0405, 0.0263, 0.0160, 0.0127,
}

// onsetWeights are the relative shares by five-year band of people who have a lifelong
// condition of each onset class, before scaling to the condition's all-ages figure:
// present from birth (or any age): flat; from childhood: flat from age 5; from
// adulthood: from 15; in old age: rising about tenfold from the forties to the eighties;
// repro (pregnancy and the like): the age pattern of births in England and Wales (ONS
// 2022). This is a model, not a published profile; Share widens its range for it.
var onsetWeights = map[string][19]float64{
	"birth":   {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	"all":     {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	"child":   {0.4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	"adult":   {0, 0, 0, 0.4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	"elderly": {0, 0, 0, 0, 0.01, 0.01, 0.01, 0.01, 0.1, 0.1, 0.3, 0.3, 0.7, 0.7, 1.2, 1.2, 1.6, 1.6, 1.6},
	"repro":   {0, 0, 0, 0.3, 0.8, 1, 1.1, 0.8, 0.3, 0.05, 0, 0, 0, 0, 0, 0, 0, 0, 0},
}

// modelProfile spreads a condition's all-ages figure over the age bands by its onset
// class, for one sex. A condition of one sex only has twice its all-people share
// among that sex.
func modelProfile(c *Condition) [19]float64 {
	w, ok := onsetWeights[c.Onset]
	if !ok {
		w = onsetWeights["all"]
	}
	target := c.Rate()
	if c.Sex != 0 {
		target *= 2
	}
	mean := 0.0
	for b := range w {
		mean += bandShare[b] * w[b]
	}
	var p [19]float64
	if mean <= 0 {
		return p
	}
	for b := range w {
		p[b] = min(1, target*w[b]/mean)
	}
	return p
}

// allAges is the share of the whole population (both sexes) that the profile gives.
func (c *Condition) allAges() float64 {
	num, den := 0.0, 0.0
	for a := 0; a <= 105; a++ {
		w := yearWeight(a)
		b := min(a/5, 18)
		num += w * (c.profile[0][b] + c.profile[1][b])
		den += 2 * w
	}
	return num / den
}

// yearWeight is the share of the population aged exactly a.
func yearWeight(a int) float64 {
	if a < 90 {
		return bandShare[a/5] / 5
	}
	// 90 and over, spread over about fifteen years, thinning fast.
	w := bandShare[18] * 0.25
	for i := 90; i < a; i++ {
		w *= 0.8
	}
	return w
}

// Share is the share of people aged ageLo to ageHi (inclusive) of the given sex ('F',
// 'M', or 0 for both) who have the condition; for an Acute event, who had one in the
// last year (its annual incidence at those ages). lo and hi bound it as the sources
// allow: the range of the condition's figure, widened twofold each way where the age
// profile is modelled from onset rather than published (AgeSource "onset model").
// A condition of one sex has no share in the other. Ages beyond 105 count as 105.
// A published profile is scaled so that over all ages it gives the condition's own
// figure: the profile says how the share changes with age and sex, the figure (most
// often a register of diagnosed people) how high it is.
func (x *Index) Share(c *Condition, ageLo, ageHi int, sex byte) (mid, lo, hi float64) {
	if c == nil {
		return 0, 0, 0
	}
	if ageLo < 0 {
		ageLo = 0
	}
	if ageHi > 105 {
		ageHi = 105
	}
	if ageHi < ageLo {
		ageLo, ageHi = ageHi, ageLo
	}
	if ageHi < 0 {
		return 0, 0, 0
	}
	sexes := []int{0, 1}
	switch sex {
	case 'M', 'm':
		sexes = []int{0}
	case 'F', 'f':
		sexes = []int{1}
	}
	num, den := 0.0, 0.0
	for a := ageLo; a <= ageHi; a++ {
		b := min(a/5, 18)
		w := yearWeight(a)
		for _, s := range sexes {
			num += w * c.profile[s][b]
			den += w
		}
	}
	if den == 0 {
		return 0, 0, 0
	}
	mid = num / den
	rate := c.Rate()
	lo, hi = mid, mid
	if rate > 0 {
		lo, hi = mid*c.Lo/rate, mid*c.Hi/rate
	}
	if c.AgeSource == "onset model" {
		lo, hi = lo/2, hi*2
	}
	return mid, lo, min(hi, 1)
}
