package extract

import (
	"strconv"
	"strings"

	"github.com/mosaicgw/mosaic/internal/places"
)

// UK places come from internal/places: every settlement of the four nations down to
// hamlets (OS Open Names, GeoNames, NISRA), councils, counties, regions, nations and
// their other-language names, each with its population and the chain of areas that
// contain it. The dictionary holds each name once, as the place a moderator would read
// it as (the most populous of its homonyms, a nation or region before a village); a
// qualifier written after it ("Newport, Pembrokeshire", "Richmond in Yorkshire")
// chooses another when the text is read.

// loadGazetteer adds the UK gazetteer's names to the phrase dictionary.
func (l *lexicon) loadGazetteer() {
	g := places.Default()
	seen := map[string]bool{}
	g.Names(func(name string, _ *places.Place) bool {
		key := strings.ToLower(name)
		if seen[key] {
			return true
		}
		if _, month := monthNames[key]; month {
			// "March" and "May" are months far more often than the towns.
			return true
		}
		seen[key] = true
		all := g.Lookup(name)
		if len(all) == 0 {
			return true
		}
		p := all[0]
		if len(all) > 1 {
			p = g.Resolve(name)
		}
		if p == nil || p.Population <= 0 {
			return true
		}
		ph := placePhrase(g, p)
		norm := tokenizePhrase(name)
		first := norm
		if i := strings.IndexByte(norm, ' '); i >= 0 {
			first = norm[:i]
		}
		single := first == norm
		word := l.common[first] || l.nameWord(first) || len(first) <= 2
		if word || single && len(first) <= 4 {
			// "Bath", "Street", "Hope", "Morris": a place only when written as one.
			ph.needCap = true
			if p.Population < 50_000 || single && l.nameWord(first) {
				ph.needPrep = true
			}
		}
		ph.homonym = len(all) > 1
		l.addPhrase(name, ph)
		l.placeCount++
		return true
	})
}

// placePhrase is the dictionary entry for a gazetteer place.
func placePhrase(g *places.Gazetteer, p *places.Place) phrase {
	ph := phrase{kind: KindPlace, value: strings.ToLower(p.Name), ref: strconv.Itoa(int(p.ID)),
		pop: p.Population, freq: min(1, p.Population/ukPopulation), island: p.Kind == places.Island}
	for _, a := range g.Chain(p)[1:] {
		ph.gen = append(ph.gen, strings.ToLower(a.Name))
	}
	return ph
}

// qualifiedPlace re-reads a place name that several places share when the words after
// it say which ("Newport, Pembrokeshire", "Richmond in Yorkshire"); ok is false
// when nothing qualifies it.
func (s *scan) qualifiedPlace(i, j int) (phrase, bool) {
	k := j
	if s.is(k, ",") || s.is(k, "in") || s.is(k, "(") {
		k++
	} else {
		return phrase{}, false
	}
	end := k
	for end < len(s.toks) && end < k+4 && s.toks[end].kind == tokWord && s.toks[end].cap {
		end++
	}
	if end == k {
		return phrase{}, false
	}
	g := places.Default()
	name := s.n.text[s.toks[i].start:s.toks[j-1].end]
	qual := s.n.text[s.toks[k].start:s.toks[end-1].end]
	p := g.Resolve(name, qual)
	if p == nil || p == g.Resolve(name) {
		return phrase{}, false
	}
	return placePhrase(g, p), true
}

// nearAuthor re-reads a place name that several places share as the one nearest the
// author's practice: "Holy Island" to a Northumberland GP is Lindisfarne, to an Anglesey
// GP the island off Anglesey. It takes the homonym in the smallest area the author's
// place and the homonym share (council, county, region, nation); ok is false when none
// is nearer than the default reading.
func (s *scan) nearAuthor(i, j int) (phrase, bool) {
	home := s.authorPlace()
	if home == nil {
		return phrase{}, false
	}
	g := places.Default()
	name := s.n.text[s.toks[i].start:s.toks[j-1].end]
	cands := g.Lookup(name)
	if len(cands) < 2 {
		return phrase{}, false
	}
	homeChain := g.Chain(home)
	depth := func(p *places.Place) int {
		// How far up the author's chain the nearest shared area is (0: the place itself).
		for d, a := range homeChain {
			for _, b := range g.Chain(p) {
				if a.ID == b.ID {
					return d
				}
			}
		}
		return len(homeChain)
	}
	best, bestDepth := cands[0], depth(cands[0])
	for _, c := range cands[1:] {
		if d := depth(c); d < bestDepth {
			best, bestDepth = c, d
		}
	}
	if best == cands[0] || bestDepth >= len(homeChain)-1 {
		return phrase{}, false // nothing nearer than the nation: the usual reading stands
	}
	return placePhrase(g, best), true
}

// authorPlace is the place of the author's profile, resolved once per text.
func (s *scan) authorPlace() *places.Place {
	if s.authorPlaceDone {
		return s.authorPlaceRef
	}
	s.authorPlaceDone = true
	if s.ctx.AuthorLocation != "" {
		s.authorPlaceRef = places.Default().ResolveProfile(s.ctx.AuthorLocation).Place
	}
	return s.authorPlaceRef
}
