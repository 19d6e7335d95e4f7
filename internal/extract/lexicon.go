package extract

import (
	"embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

//go:embed data/*.tsv
var dataFS embed.FS

// phrase is one dictionary entry: a sequence of lower-case tokens and the detail it
// yields.
type phrase struct {
	kind  Kind
	value string
	// ref identifies the entry in a knowledge source (a condition's ID).
	ref   string
	gen   []string
	freq  float64
	pop   float64
	ntoks int
	// needCap requires the first token capitalised in the text (place names that are
	// also ordinary words: "Reading", "Bath").
	needCap bool
	// abroad places (and UK places that are also words) need a place preposition
	// before them ("from Lima", not "LIMA->LAD").
	needPrep bool
	// needUpper requires the text to write it in capitals ("MS", "ALL").
	needUpper bool
	// weak entries only count in a patient context (e.g. single-word occupations
	// that are also common nouns).
	weak bool
	// subject forces a subject (public status of the author, population words).
	subject Subject
	// island marks an island's name: "on Mull" places it as "in Leeds" does a town.
	island bool
	// homonym marks a place name that several places share: a qualifier after it may
	// choose another (qualifiedPlace).
	homonym bool
	// senses marks an abbreviation with several meanings ("MS", "PE"): the words around
	// it choose one when it is found (conditions.Index.ChooseSense).
	senses bool
	// rareShort marks a short abbreviation whose only sense is a rare disease ("MCL"
	// as mantle cell lymphoma): it counts only where the post speaks of that disease.
	rareShort bool
	// personForm marks a person noun made from a condition's name ("a myasthenic"):
	// it counts only as a noun standing for a person (scan.personFormAt).
	personForm bool
	// bareEponym marks an eponym's possessive standing for its condition ("Weil's"):
	// it counts only where no noun follows (scan.bareEponymAt).
	bareEponym bool
}

// lexicon holds all dictionaries, read-only after load.
type lexicon struct {
	// phrases maps the hash of a token sequence to its entries (collisions verified
	// by comparing token text).
	phrases   map[uint64][]phrase
	texts     map[uint64]string // hash -> phrase text for verification
	maxTokens int
	// prefixes holds the hashes of every proper prefix of every phrase, so that
	// the n-gram scan stops as soon as no phrase can continue.
	prefixes map[uint64]struct{}
	// ngrams merges phrases and prefixes so that the n-gram scan costs one look-up
	// per n-gram: the entries ending there and whether any phrase continues.
	ngrams     *ngramTable
	nPhrases   int // distinct phrase spellings (phrases itself is dropped after load)
	placeCount int
	firstNames map[string]nameInfo
	surnames   map[string]float64
	// trustCodes marks the NHS trusts' three-character ODS codes ("R" and two
	// letters or digits), indexed by trustIndex.
	trustCodes [36 * 36]bool
	// surnameSet answers "is this a listed surname" once loading is done; the map
	// (190k strings the collector would trace on every cycle) is dropped then.
	surnameSet *wordSet
	// commonSurnames are the surnames at least commonSurname of people have.
	commonSurnames *wordSet
	surnameCount   int
	// nameBits pre-filters name look-ups by token key (see namebits.go).
	nameBits nameBits
	common   map[string]bool
	// commonSet and nameSet answer commonWord and isName (see wordSet); the maps
	// stay for the rules that read them directly and for the values.
	commonSet, nameSet *wordSet
	condStart          map[string]bool // first tokens of condition phrases
	wordFlags          *hashTable[wordInfo]
	// phraseStarts holds the first token of every phrase (used to build wordFlags).
	phraseStarts map[string]struct{}
	termStarts   map[string]struct{}
}

type nameInfo struct {
	share  float64 // share of people with this first name
	female float64 // share of them female
}

// commonWord reports a word of the common-word list (the map's set, asked
// through commonSet: see wordSet).
func (l *lexicon) commonWord(w string) bool { return l.commonSet.has(w) }

// isName reports a listed first name or surname.
func (l *lexicon) isName(w string) bool { return l.nameSet.has(w) }

// nameWord reports a listed first name or surname, while the lists are loading.
func (l *lexicon) nameWord(w string) bool {
	if _, ok := l.firstNames[w]; ok {
		return true
	}
	_, ok := l.surnames[w]
	return ok
}

// isConditionStart reports whether a condition's name starts at token k: its first
// word is one ("Crohn's disease", "Baker's cyst") and the whole name follows, so that
// a surname that merely begins a rare syndrome's name is still a surname.
func (l *lexicon) isConditionStart(k int, s *scan) bool {
	if k >= len(s.toks) || !l.condStart[s.lo(k)] {
		return false
	}
	h := uint64(fnvOffset)
	for n := 1; n <= l.maxTokens && k+n <= len(s.toks); n++ {
		h = ngramAdd(h, s.toks[k+n-1].key)
		g, ok := l.ngrams.get(h)
		if !ok {
			return false
		}
		for _, e := range g.es {
			if e.kind == KindCondition && (n > 1 || !e.needUpper) {
				return true
			}
		}
		if !g.more {
			return false
		}
	}
	return false
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// ngramAdd extends the hash of a token sequence by one token's key (wordKey of its
// lower-case form, which the tokeniser computes for every token), so that the
// n-gram scan hashes no text twice.
func ngramAdd(h, key uint64) uint64 {
	h = (h ^ key) * 0xff51afd7ed558ccd
	return h ^ h>>32
}

// phraseHash is the hash of a tokenised phrase (lower-case tokens separated by
// single spaces), as the n-gram scan computes it over the same tokens.
func phraseHash(text string) uint64 {
	h := uint64(fnvOffset)
	for _, w := range strings.Fields(text) {
		h = ngramAdd(h, wordKey(w))
	}
	return h
}

// tokenizePhrase splits a dictionary phrase the way the tokeniser splits text, so
// that "crohn's disease" has the same tokens in both.
func tokenizePhrase(p string) string {
	toks, lower := tokenise(p, nil, nil)
	parts := make([]string, 0, len(toks))
	for _, t := range toks {
		parts = append(parts, string(lower[t.lo:t.hi]))
	}
	return strings.Join(parts, " ")
}

func (l *lexicon) addPhrase(text string, p phrase) {
	norm := tokenizePhrase(text)
	if norm == "" {
		return
	}
	p.ntoks = strings.Count(norm, " ") + 1
	if p.ntoks > l.maxTokens {
		l.maxTokens = p.ntoks
	}
	h := phraseHash(norm)
	ph := uint64(fnvOffset)
	words := strings.Fields(norm)
	l.phraseStarts[words[0]] = struct{}{}
	if p.kind != KindPlace && p.kind != KindSex && p.kind != KindDate && !(p.kind == KindCondition && len(words) > 1 && l.nameWord(words[0])) {
		// (A surname that begins an eponymous syndrome's name, "Carey-Fineman-Ziter
		// syndrome", does not make every "Carey" a term.)
		l.termStarts[words[0]] = struct{}{}
	}
	for _, w := range words[:len(words)-1] {
		ph = ngramAdd(ph, wordKey(w))
		l.prefixes[ph] = struct{}{}
	}
	if old, ok := l.texts[h]; ok && old != norm {
		return // hash collision between different phrases: keep the first
	}
	l.texts[h] = norm
	// Same phrase and kind twice: keep the first (data files list the preferred
	// sense first).
	for _, e := range l.phrases[h] {
		if e.kind == p.kind {
			return
		}
	}
	l.phrases[h] = append(l.phrases[h], p)
	if p.kind == KindCondition {
		l.condStart[norm[:strings.IndexByte(norm+" ", ' ')]] = true
	}
}

func loadLexicon() (*lexicon, error) {
	l := &lexicon{
		phrases:      make(map[uint64][]phrase, 110_000),
		texts:        make(map[uint64]string, 110_000),
		firstNames:   map[string]nameInfo{},
		surnames:     map[string]float64{},
		common:       map[string]bool{},
		condStart:    map[string]bool{},
		prefixes:     make(map[uint64]struct{}, 60_000),
		phraseStarts: map[string]struct{}{},
		termStarts:   map[string]struct{}{},
	}
	loaders := []struct {
		file string
		fn   func(fields []string) error
	}{
		{"data/common_words.tsv", l.loadCommon},
		{"data/first_names.tsv", l.loadFirstName},
		{"data/surnames.tsv", l.loadSurname},
		{"data/places.tsv", l.loadPlace},
		{"data/terms.tsv", l.loadTerm},
		{"data/trust_codes.tsv", l.loadTrustCode},
	}
	for _, ld := range loaders {
		if err := eachLine(ld.file, ld.fn); err != nil {
			return nil, err
		}
	}
	l.loadGazetteer()
	l.loadConditions()
	l.loadOccupations()
	l.markCollisions()
	l.buildNgrams()
	l.wordFlags = buildWordFlags(l)
	l.nameBits = buildNameBits(l)
	l.buildWordSets()
	l.surnames = nil
	// Load-time helpers: not needed once the tables are built.
	l.phraseStarts = nil
	l.termStarts = nil
	l.texts = nil
	return l, nil
}

// eachLine calls fn with the tab-separated fields of each non-comment line of an
// embedded file. A missing optional file is not an error.
func eachLine(file string, fn func([]string) error) error {
	b, err := dataFS.ReadFile(file)
	if err != nil {
		return nil
	}
	// The embedded bytes are read-only for the program's life: one string over all
	// of them lets fields be substrings without a copy per line.
	all := string(b)
	var fields []string
	n := 0
	for len(all) > 0 {
		n++
		line := all
		if i := strings.IndexByte(all, '\n'); i >= 0 {
			line, all = all[:i], all[i+1:]
		} else {
			all = ""
		}
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		fields = fields[:0]
		for {
			i := strings.IndexByte(line, '\t')
			if i < 0 {
				fields = append(fields, line)
				break
			}
			fields = append(fields, line[:i])
			line = line[i+1:]
		}
		if err := fn(fields); err != nil {
			return fmt.Errorf("extract: %s line %d: %w", file, n, err)
		}
	}
	return nil
}

func parseFloat(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func (l *lexicon) loadCommon(f []string) error {
	l.common[f[0]] = true
	return nil
}

// first_names.tsv: name, share of people, share female.
func (l *lexicon) loadFirstName(f []string) error {
	if len(f) < 3 {
		return fmt.Errorf("want 3 fields, got %d", len(f))
	}
	l.firstNames[f[0]] = nameInfo{share: parseFloat(f[1]), female: parseFloat(f[2])}
	return nil
}

// surnames.tsv: name, share of people.
func (l *lexicon) loadSurname(f []string) error {
	if len(f) < 2 {
		return fmt.Errorf("want 2 fields, got %d", len(f))
	}
	l.surnames[f[0]] = parseFloat(f[1])
	return nil
}

// ukPopulation is the UK mid-2022 population estimate (ONS), the denominator of
// place frequencies.
const ukPopulation = 67_596_281

// places.tsv: name, population, generalisation chain (comma-separated: county,
// region, nation), flags (c = needs capital letter).
func (l *lexicon) loadPlace(f []string) error {
	if len(f) < 3 {
		return fmt.Errorf("want at least 3 fields, got %d", len(f))
	}
	if len(f) < 4 || !strings.Contains(f[3], "a") {
		return nil // UK places come from internal/places (loadGazetteer)
	}
	pop := parseFloat(f[1])
	var gen []string
	if f[2] != "" {
		gen = strings.Split(f[2], ",")
	}
	p := phrase{kind: KindPlace, value: f[0], gen: gen, pop: pop, freq: min(1, pop/ukPopulation)}
	if len(f) > 3 && strings.Contains(f[3], "c") {
		p.needCap = true
		p.needPrep = true
		p.weak = false
	}
	if len(f) > 3 && strings.Contains(f[3], "a") {
		p.needPrep = true
	}
	l.addPhrase(f[0], p)
	l.placeCount++
	return nil
}

// terms.tsv: kind, phrase, value, frequency, generalisations (comma-separated),
// flags (w = weak, p = population subject, c = needs capital letter).
func (l *lexicon) loadTerm(f []string) error {
	if len(f) < 4 {
		return fmt.Errorf("want at least 4 fields, got %d", len(f))
	}
	p := phrase{kind: Kind(f[0]), value: f[2], freq: parseFloat(f[3])}
	if p.kind == KindPublicStatus && (f[1] == "plays for" || f[1] == "famous" || f[1] == "well-known" || f[1] == "well known") {
		return nil // everyday words: the group and role readers read these in context
	}
	if p.kind == KindCondition || p.kind == KindOccupation {
		// Conditions come from internal/conditions (loadConditions), occupations from
		// internal/occupations (loadOccupations).
		return nil
	}
	if p.value == "" {
		p.value = f[1]
	}
	if len(f) > 4 && f[4] != "" {
		p.gen = strings.Split(f[4], ",")
	}
	if len(f) > 5 {
		p.weak = strings.Contains(f[5], "w")
		p.needCap = strings.Contains(f[5], "c")
		p.needUpper = strings.Contains(f[5], "u")
		if strings.Contains(f[5], "p") {
			p.subject = SubjectPopulation
		}
	}
	if p.kind == KindPlace && slices.ContainsFunc(p.gen, func(g string) bool {
		return g == "scotland" || g == "england" || g == "wales" || g == "northern ireland"
	}) {
		return nil // UK places come from internal/places (gazetteer.go), islands marked
	}
	if p.kind == KindPlace {
		p.pop = p.freq * ukPopulation
		l.placeCount++
		if _, isName := l.firstNames[f[1]]; isName {
			// "Georgia", "Virginia", "India": a place only after a preposition.
			p.needPrep = true
		}
	}
	l.addPhrase(f[1], p)
	return nil
}

// buildWordSets makes commonSet and nameSet from the maps they answer for.
func (l *lexicon) buildWordSets() {
	common := make([]string, 0, len(l.common))
	for w, ok := range l.common {
		if ok {
			common = append(common, w)
		}
	}
	l.commonSet = newWordSet(common)
	names := make([]string, 0, len(l.firstNames)+len(l.surnames))
	for w := range l.firstNames {
		names = append(names, w)
	}
	for w := range l.surnames {
		names = append(names, w)
	}
	l.nameSet = newWordSet(names)
	surnames := make([]string, 0, len(l.surnames))
	for w := range l.surnames {
		surnames = append(surnames, w)
	}
	l.surnameSet = newWordSet(surnames)
	var common2 []string
	for w, share := range l.surnames {
		if share >= commonSurname {
			common2 = append(common2, w)
		}
	}
	l.commonSurnames = newWordSet(common2)
	l.surnameCount = len(l.surnames)
}

// ngram is what the scan needs to know about one token sequence's hash.
type ngram struct {
	es   []phrase // entries spelled by exactly this sequence
	more bool     // some longer phrase starts with this sequence
}

// ngramTable is the n-gram look-up: the hash table holds a four-byte reference
// per n-gram (whether a longer phrase continues it, and which entry list ends
// there), so that the arrays every probe touches stay small enough for the cache;
// the entry lists, read only on a hit, live apart.
type ngramTable struct {
	refs *hashTable[uint32]
	es   [][]phrase
	// bloom has two bits set per n-gram in the table: most n-grams of text are in
	// no phrase, and this small array (which stays in the cache) says so without
	// a probe of the big one.
	bloom []uint64
}

// ngramBloomBits is log2 of the bloom filter's size in bits (128 KiB).
const ngramBloomBits = 20

func bloomBits(h uint64) (uint64, uint64) {
	x := h * 0x9E3779B97F4A7C15
	return x >> (64 - ngramBloomBits), (x >> (64 - 2*ngramBloomBits)) & (1<<ngramBloomBits - 1)
}

// maybe reports whether the n-gram with hash h may be in the table (false: it is
// certainly not).
func (t *ngramTable) maybe(h uint64) bool {
	a, b := bloomBits(h)
	return t.bloom[a>>6]&(1<<(a&63)) != 0 && t.bloom[b>>6]&(1<<(b&63)) != 0
}

// fromRef decodes a reference as get would return it.
func (t *ngramTable) fromRef(r uint32) (ngram, bool) {
	if r == 0 {
		return ngram{}, false
	}
	g := ngram{more: r&ngramMore != 0}
	if i := r &^ ngramMore; i != 0 {
		g.es = t.es[i-1]
	}
	return g, true
}

// ngramMore marks a reference whose n-gram some longer phrase continues; the other
// bits are 1 + the index of its entry list in es, or 0 for none.
const ngramMore = 1 << 31

func (t *ngramTable) get(h uint64) (ngram, bool) {
	if !t.maybe(h) {
		return ngram{}, false
	}
	r, ok := t.refs.get(h)
	if !ok {
		return ngram{}, false
	}
	return t.fromRef(r)
}

// buildNgrams merges phrases and prefixes into ngrams; both are then dropped.
func (l *lexicon) buildNgrams() {
	t := &ngramTable{refs: newHashTable[uint32](len(l.phrases) + len(l.prefixes)), es: make([][]phrase, 0, len(l.phrases)),
		bloom: make([]uint64, 1<<ngramBloomBits/64)}
	add := func(h uint64) {
		a, b := bloomBits(h)
		t.bloom[a>>6] |= 1 << (a & 63)
		t.bloom[b>>6] |= 1 << (b & 63)
	}
	for h, es := range l.phrases {
		t.es = append(t.es, es)
		t.refs.put(h, uint32(len(t.es)))
		add(h)
	}
	for h := range l.prefixes {
		r, _ := t.refs.get(h)
		t.refs.put(h, r|ngramMore)
		add(h)
	}
	l.ngrams = t
	l.nPhrases = len(l.phrases)
	l.prefixes = nil
	l.phrases = nil
}

// markCollisions makes places that share their spelling with another kind of term
// ("Saline", "Wells") need a capital letter and a place preposition.
func (l *lexicon) markCollisions() {
	for h, es := range l.phrases {
		if len(es) < 2 {
			continue
		}
		other := false
		for _, e := range es {
			if e.kind != KindPlace {
				other = true
			}
		}
		if !other {
			continue
		}
		for k := range es {
			if es[k].kind == KindPlace {
				es[k].needCap, es[k].needPrep = true, true
			}
		}
		l.phrases[h] = es
	}
}
