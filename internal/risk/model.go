package risk

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mosaicgw/mosaic/internal/conditions"
	"github.com/mosaicgw/mosaic/internal/places"
)

// DefaultZ is the default width of the interval around k, in standard deviations of
// log k each way: about the middle two thirds of the plausible values.
const DefaultZ = 0.5

// Compute estimates k for the factors in the given context.
//
// The estimate is a product over what is known of one patient:
//
//	k = N × share(age, sex) × Π share(detail)
//
// N is where the patient is: the narrowest of the author's catchment and the places
// the text gives for the patient. When a role or a group pins the patient to a handful
// of people ("the stationmaster here", "one of the three nurses at the surgery",
// "sings in the chapel choir"), that handful is a narrower N: a container. Age and sex
// are shares of the place's own age and sex structure (internal/places); a condition
// is the share of people of that age and sex who have it (internal/conditions); an
// occupation is a share of working people. Related details (conditions, events, jobs
// of one story) cluster, so the rarest counts in full, the next as its square root,
// the rest not at all. Every share carries a log-normal uncertainty (sigmaOf) and
// Low and High are K moved Z standard deviations of log k each way.
func Compute(fs []Factor, ctx Context) Estimate {
	e := Estimate{Factors: make([]Share, len(fs)), PlaceFactor: -1}
	for i := range e.Factors {
		e.Factors[i].Frequency = 1
	}
	sigma := make([]float64, len(fs))

	// 1. Where: the narrowest place known.
	pop, place := UKPopulation, "UK"
	placeRef := ctx.PlaceRef
	baseSigma := 0.0
	if ctx.Population > 0 {
		pop, place = min(ctx.Population, UKPopulation), ctx.Place
		if place == "" {
			place = "the author's catchment"
		}
		baseSigma = 0.3
	}
	best := -1
	var bestPop float64
	for i, f := range fs {
		if !IsPlaceKind(f.Kind) || f.Direct {
			continue
		}
		p := placePopulation(f)
		if best < 0 || p < bestPop {
			best, bestPop = i, p
		}
	}
	if best >= 0 && bestPop < pop {
		pop, place, e.PlaceFactor = bestPop, fs[best].Value, best
		baseSigma = 0.2
		if fs[best].Kind == "place" {
			placeRef = fs[best].Ref
		}
	}
	e.Population, e.Place = pop, place
	if e.PlaceFactor >= 0 {
		e.Factors[e.PlaceFactor].Frequency = pop / UKPopulation
		sigma[e.PlaceFactor] = baseSigma
	}

	// 2. Who: age and sex, as shares of the place's structure.
	ageLo, ageHi, ageIdx := -1, -1, -1
	for i, f := range fs {
		if f.Kind != "age" {
			continue
		}
		lo, hi, ok := AgeRange(f.Value)
		if ok && lo >= 18 && lo < 95 && hi-lo < 4 {
			// A reader knows an adult's age to within a few years, not to the year:
			// "aged 57" picks out the people of about 55 to 59, "late 70s" 76 to 80.
			mid := (lo + hi) / 2
			lo, hi = mid-2, mid+2
		}
		if ok && (ageIdx < 0 || hi-lo < ageHi-ageLo) {
			ageLo, ageHi, ageIdx = lo, hi, i
		}
	}
	sex, sexIdx := byte(0), -1
	for i, f := range fs {
		if f.Kind == "sex" && sexIdx < 0 && (f.Value == "F" || f.Value == "M") {
			sex, sexIdx = f.Value[0], i
		}
	}
	if c := conditionSex(fs); c != 0 {
		// A condition only one sex has ("prostate cancer", "pregnancy") says the sex.
		sex = c
	}
	freq := make([]float64, len(fs))
	for i := range freq {
		freq[i] = 1
	}
	if ageIdx >= 0 || sex != 0 {
		lo, hi := 0, 110
		if ageIdx >= 0 {
			lo, hi = ageLo, ageHi
		}
		demo := ageSexShare(placeRef, lo, hi, sex)
		if school(fs, e.PlaceFactor) {
			demo = min(1, demo/AgeShare(4, 18))
		}
		// Shown on the age factor if there is one, else on the sex factor.
		switch {
		case ageIdx >= 0:
			freq[ageIdx] = demo
			sigma[ageIdx] = 0.1
		case sexIdx >= 0:
			freq[sexIdx] = demo
			sigma[sexIdx] = 0.05
		}
		// (With neither, the sex comes from a condition, whose share carries it below.)
	}

	// 3. What: each other detail's share, and the containers.
	container, containerIdx := math.Inf(1), -1
	var specific []int
	occIdx := -1
	for i, f := range fs {
		if i == e.PlaceFactor || i == ageIdx || i == sexIdx || f.Kind == "age" || f.Kind == "sex" || IsPlaceKind(f.Kind) && !f.Direct {
			continue
		}
		sigma[i] = sigmaOf(f)
		switch {
		case f.Direct:
			freq[i] = f.Frequency
			if freq[i] <= 0 || freq[i] > 1e-5 {
				freq[i] = 1 / UKPopulation
			}
		case f.Count > 0 || f.Density > 0:
			c := f.Count
			if c == 0 {
				c = math.Max(1, pop*f.Density)
			}
			if c < container {
				container, containerIdx = c, i
			}
		case f.Kind == "public_status" && uniqueRole(f.Value):
			if 1 < container {
				container, containerIdx = 1, i
			}
		case f.Kind == "condition":
			freq[i] = conditionShare(f, ageLo, ageHi, sex, ageIdx >= 0, pop)
			specific = append(specific, i)
			if ageIdx < 0 && sexIdx < 0 && conditionSex([]Factor{f}) != 0 {
				// This factor also carries the sex share (see above).
				freq[i] *= ageSexShare(placeRef, 0, 110, sex)
			}
		case f.Kind == "occupation":
			fo := frequencyOf(f)
			if ageIdx >= 0 && ageLo >= 16 && ageHi <= 70 {
				fo = min(1, fo/employedShare)
			}
			if sex != 0 && !sexImplied(f.Value) {
				// Most lorry drivers are men, most care workers women: the share among
				// people of the patient's sex, not among everyone. (A woman lorry
				// driver is fifty times rarer than the job's share says.)
				fo = min(1, fo*max(SexRatio(f.Ref, sex), 0.02))
			}
			if pop < RuralPopulation && landJob(f.Ref) {
				// Farming and fishing are the work of the countryside and the coast:
				// in a small place they are many times their national share.
				fo = min(1, fo*RuralLandFactor)
			}
			if occIdx < 0 || fo < freq[occIdx] {
				if occIdx >= 0 {
					freq[occIdx] = 1
					specific = slices.DeleteFunc(specific, func(j int) bool { return j == occIdx })
				}
				occIdx, freq[i] = i, fo
				specific = append(specific, i)
			}
		case f.Kind == "event" || f.Kind == "physical_feature" || f.Kind == "public_status" || f.Kind == "group":
			freq[i] = frequencyOf(f)
			if f.Kind == "event" && freq[i] >= 1e-3 {
				freq[i] = max(freq[i], FamilyFloor) // a common life event
			}
			specific = append(specific, i)
		case f.Kind == "family" || f.Kind == "ethnicity":
			// Family circumstances (widowed, lives alone) are common at the ages they
			// come with, and go with a story's other details. A rare household (a
			// kinship carer, a family of eight) is seen by the street and the school
			// gate: it counts at its rarity.
			freq[i] = frequencyOf(f)
			if freq[i] >= RareHousehold {
				freq[i] = max(freq[i], FamilyFloor)
			}
			if ageIdx >= 0 && ageLo >= 65 {
				// Among older people living alone and widowhood are common: a third
				// of them (data/SOURCES.md, "Older people's households").
				freq[i] = max(freq[i], olderHousehold(f.Value, sex))
			}
			specific = append(specific, i)
		case f.Kind == "date":
			// A date alone identifies nobody; the events it times carry their own share.
			sigma[i] = 0
		default:
			freq[i] = frequencyOf(f)
		}
	}
	// Related details: the rarest in full, the next as its square root, the rest not at
	// all (see the package comment).
	slices.SortFunc(specific, func(a, b int) int {
		switch {
		case freq[a] < freq[b]:
			return -1
		case freq[a] > freq[b]:
			return 1
		}
		return a - b
	})
	for n, i := range specific {
		switch {
		case n == 1 && fs[i].Kind == fs[specific[0]].Kind:
			freq[i] = math.Max(math.Sqrt(freq[i]), relatedFloor)
			sigma[i] /= 2
		case n == 1:
			freq[i] = math.Sqrt(freq[i])
			sigma[i] /= 2
		case n > 1:
			freq[i] = 1
			sigma[i] = 0
		}
	}

	// Common conditions together: the floor is how many people's health a reader knows
	// well enough to rule them out, and that does not shrink with each further common
	// condition named ("COPD on home oxygen" is one state of health a neighbour knows
	// or does not). Rare and visible conditions are not floored and are left alone.
	commonCond := 1.0
	var commons []int
	for _, i := range specific {
		if fs[i].Kind == "condition" && freq[i] >= ConditionFloor && freq[i] < 1 {
			commonCond *= freq[i]
			commons = append(commons, i)
		}
	}
	if len(commons) > 1 && commonCond < ConditionFloor {
		for _, i := range commons[1:] {
			freq[i] = 1
			sigma[i] = 0
		}
		freq[commons[0]] = max(freq[commons[0]], ConditionFloor)
	}

	// 4. The product.
	start := pop
	if containerIdx >= 0 && container < pop {
		// The handful the role or group pins the patient to replaces the place.
		start = container
		freq[containerIdx] = container / pop
		if e.PlaceFactor >= 0 {
			sigma[e.PlaceFactor] = 0
		}
	} else if containerIdx >= 0 {
		freq[containerIdx] = 1
		sigma[containerIdx] = 0
	}
	k := start
	for i := range fs {
		if i == e.PlaceFactor || i == containerIdx {
			e.Factors[i].Frequency = math.Max(math.Min(freq[i], 1), minFrequency)
			if i == e.PlaceFactor {
				e.Factors[i].Frequency = pop / UKPopulation
			}
			continue
		}
		f := math.Max(math.Min(freq[i], 1), minFrequency)
		e.Factors[i].Frequency = f
		k *= f
	}
	e.K = k
	e.Bits = math.Log2(pop / k)
	var total, varLog float64
	varLog = baseSigma * baseSigma
	if e.PlaceFactor >= 0 {
		varLog = 0
	}
	for i := range e.Factors {
		b := -math.Log2(e.Factors[i].Frequency)
		if b < 0 {
			b = 0
		}
		e.Factors[i].Bits = b
		total += b
		varLog += sigma[i] * sigma[i]
	}
	if total > 0 {
		for i := range e.Factors {
			e.Factors[i].Share = e.Factors[i].Bits / total
		}
	}
	z := ctx.Z
	if z <= 0 {
		z = DefaultZ
	}
	spread := math.Exp(z * math.Sqrt(varLog))
	e.Low, e.High = k/spread, k*spread
	return e
}

// sigmaOf is the uncertainty of a detail's share, as the standard deviation of its
// natural logarithm: published figures are good to a few tens of per cent, estimates
// by kind of place or word to a factor of two or three.
func sigmaOf(f Factor) float64 {
	switch {
	case f.Count > 0:
		return 0.6 // a count from the institutions table or the text
	case f.Density > 0:
		return 0.8 // a count per head, from national figures
	case f.Kind == "condition" && f.Ref != "":
		return 0.4
	case f.Kind == "condition":
		return 0.7
	case f.Kind == "occupation" && f.Frequency > 0:
		return 0.6
	case f.Kind == "group":
		return 0.7
	case f.Kind == "event":
		return 0.8
	case f.Kind == "public_status":
		return 0.5
	}
	return 0.7
}

// ageSexShare is the share of the place's people (the UK's when the place is unknown)
// aged lo..hi of the given sex ('F', 'M' or 0 for both).
func ageSexShare(placeRef string, lo, hi int, sex byte) float64 {
	if placeRef != "" {
		if id, err := strconv.Atoi(placeRef); err == nil {
			g := places.Default()
			if p := g.Place(int32(id)); p != nil {
				if s := g.AgeSexShare(p, lo, hi, sex); s > 0 {
					return s
				}
			}
		}
	}
	s := AgeShare(lo, hi)
	if sex != 0 {
		s *= 0.5
	}
	return s
}

// conditionShare is the share of people of the patient's age and sex with the
// condition (for an event: who had one in the last year), from internal/conditions
// when the detail names a condition it knows, else the detail's own all-ages figure.
func conditionShare(f Factor, ageLo, ageHi int, sex byte, haveAge bool, pop float64) float64 {
	c := conditions.Default().ByID(f.Ref)
	var share float64
	if c != nil {
		lo, hi := 0, 110
		if haveAge {
			lo, hi = ageLo, ageHi
		}
		share, _, _ = conditions.Default().Share(c, lo, hi, sex)
	}
	if share <= 0 {
		share = frequencyOf(f) * sexSkew(f.Value, string(sex))
	}
	base := share // among people of the patient's age and sex, before "newly diagnosed"
	if f.Recent && share < RareCondition {
		share *= RecentDiagnosis
	}
	if c != nil && c.Kind == conditions.Disability {
		return share // seen by everyone: a wheelchair, a white stick, an amputation
	}
	if c != nil && c.Kind == conditions.State && c.Prevalence > 0 && c.Prevalence < NewsworthyState {
		// A state so rare it is talked about (a woman expecting triplets) is known
		// to the town as a rare disease is, not only to those involved; over a
		// district, as a rare disease, only to RareFloor.
		if pop >= DistrictPopulation {
			share = max(share, RareFloor)
		}
		return share
	}
	if c != nil && (c.Kind == conditions.Acute || c.Kind == conditions.State) {
		// An episode or a pregnancy is known to those involved, not to the town,
		// however rare (a newsworthy incident is an event detail of its own).
		return max(share, EpisodeFloor)
	}
	// A rare disease (Orphanet's, fewer than 1 in 2,000) is talked about; a common
	// disease of short survival (pancreatic cancer) has a low prevalence but is not
	// rare in that sense: many in any district have had it.
	// Rarity is judged among people like the patient: myeloma is on Orphanet's list,
	// but one man in a few hundred in his late sixties has it.
	// A rare subtype of a common condition ("juvenile myoclonic epilepsy") is known to
	// others, if at all, by the common name: it is floored like that one.
	// A condition of the other sex in all but a few (breast cancer in a man) is as
	// notable as a rare disease: people talk about the man who had it.
	rare := c != nil && c.Orpha != "" && c.Prevalence > 0 && c.Prevalence < NotableCondition && base < NotableCondition &&
		conditions.Default().CommonParent(c) == nil ||
		c == nil && frequencyOf(f) < NotableCondition ||
		sexSkew(f.Value, string(sex)) < 0.1 && base < NotableCondition
	switch {
	case !rare:
		share = max(share, ConditionFloor)
	case pop >= DistrictPopulation:
		share = max(share, RareFloor)
	}
	return share
}

// What a reader who knows the area knows about illness. Neighbours and colleagues know
// a person's age, job, family and comings and goings; they do not know who in the
// town has atrial fibrillation, psoriasis or a pregnancy of ten weeks, so a condition
// that is not rare narrows the people a reader could think of far less than its
// prevalence: it can exclude only the people the reader happens to know are free of it.
// A rare disease is different (people know the one child in the school with it).
const (
	// NotableCondition is the prevalence below which a condition counts at its full
	// rarity: the EU's definition of a rare disease, fewer than 1 in 2,000 people
	// (internal/conditions marks these Rare).
	NotableCondition = 5e-4
	// ConditionFloor is the least share a condition that is not rare leaves: a reader
	// knows the state of health of only some of the people who fit the other details
	// well enough to rule them out; one in five leaves a common condition worth at most
	// about two bits. (Chosen on the project's own labelled scenarios: lower floors
	// held first posts that moderators release, and no held post needed one.)
	ConditionFloor = 0.2
	// DistrictPopulation is the size of place (a district, a hospital's catchment)
	// above which readers no longer know who in it has even a rare disease, unless it
	// shows; there a rare condition narrows to RareFloor at most.
	DistrictPopulation = 50_000
	RareFloor          = 1e-3
	// FamilyFloor is the least share a family circumstance or a common life event
	// (a bereavement, a house move) leaves.
	FamilyFloor = 0.1
	// RareHousehold is the share below which a family circumstance is conspicuous.
	RareHousehold = 0.01
	// NewsworthyState is the all-ages prevalence below which a state (a pregnancy of
	// a kind) is news: a higher-order multiple pregnancy (about 2 in a million people
	// at any time, ONS births) is; twins (about 1 in 8,000) are not.
	NewsworthyState = 1e-5
	// EpisodeFloor is the least share an illness episode or a pregnancy leaves: who had
	// a fit last week or is twenty weeks pregnant is known to few beyond the family.
	EpisodeFloor = 0.5
	// RuralPopulation and RuralLandFactor: below this population a place is a
	// country town or village, where farming, forestry and fishing occupy several
	// times their national share of people (ONS Census 2021: skilled agricultural
	// trades are about 1% of workers nationally and 5-15% in rural districts).
	RuralPopulation = 20_000
	RuralLandFactor = 6.0
)

// landJob reports an occupation of the land or the sea by its SOC 2020 unit group:
// farmers, farm and forestry workers, fishermen (511x, 9111-9119 area).
func landJob(soc string) bool {
	return strings.HasPrefix(soc, "511") || strings.HasPrefix(soc, "911")
}

// conditionSex is the sex a condition of the factors implies ('F', 'M' or 0).
func conditionSex(fs []Factor) byte {
	for _, f := range fs {
		if f.Kind != "condition" || f.Ref == "" {
			continue
		}
		if c := conditions.Default().ByID(f.Ref); c != nil && c.Sex != 0 {
			return c.Sex
		}
	}
	return 0
}

// school reports a place factor that is a school: everyone there is of school age.
func school(fs []Factor, placeIdx int) bool {
	if placeIdx < 0 {
		return false
	}
	pf := fs[placeIdx]
	return placePopulation(pf) == 1_000 && containsAny(strings.ToLower(pf.Value+" "+strings.Join(pf.Generalisations, " ")), "school", "academy", "college")
}

// olderHousehold is the share of people aged 65 and over of the given sex in a
// household circumstance (ONS, Census 2021 and 2011, England and Wales; see
// data/SOURCES.md); 0 for a circumstance with no such figure.
func olderHousehold(v string, sex byte) float64 {
	switch v {
	case "lives alone":
		switch sex {
		case 'F':
			return 0.363
		case 'M':
			return 0.227
		}
		return 0.30
	case "widow", "widower", "widowed":
		return 0.28
	}
	return 0
}
