package extract

import (
	"cmp"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/mosaicgw/mosaic/internal/places"
)

// Options configures an Extractor. The zero value is ready to use.
type Options struct {
	// Logger receives start-up information; nil discards it.
	Logger *slog.Logger
}

// Extractor finds details in post text. It holds read-only dictionaries loaded once
// by New and is safe for concurrent use.
type Extractor struct {
	log  *slog.Logger
	lex  *lexicon
	pool sync.Pool
}

// New loads the embedded data (gazetteer, names, lexicons) and returns an Extractor.
func New(opts Options) (*Extractor, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	lex, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	e := &Extractor{log: log, lex: lex}
	e.pool.New = func() any { return &scan{ex: e} }
	log.Debug("extractor ready", "phrases", lex.nPhrases, "places", lex.placeCount,
		"first_names", len(lex.firstNames), "surnames", lex.surnameCount)
	return e, nil
}

// Extract returns the details found in text, sorted by Start: Read without the rest
// of the reading. Spans are byte offsets into text as given.
func (e *Extractor) Extract(text string, c Context) []Detail {
	return e.Read(text, c).Details
}

// release drops the scan's references to the text before it goes back to the pool.
func (s *scan) release() {
	s.orig = ""
	s.n.text = ""
	clear(s.seeds)
	s.seeds = s.seeds[:0]
}

// scan is the per-call working state, pooled so that a steady stream of posts
// allocates little beyond the returned details.
type scan struct {
	ex    *Extractor
	orig  string
	ctx   Context
	n     normalised
	nbuf  []byte
	toks  []token
	lbuf  []byte
	lower string // lower-case forms of all tokens, concatenated
	// words[i] is token i's lower-case form (a view of lower): the matchers ask
	// for it more than for anything else.
	words []string
	out   []Detail
	// used marks tokens already claimed by a direct identifier, so that the parts of
	// a phone number are not also reported as a date or an age.
	used []bool
	sent []sentence
	// sentOf[i] is the index into sent of token i.
	sentOf []int32
	units  []digitUnit
	// wf holds each token's word flags.
	wf  []wordFlag
	cue []cueFlags
	// ref holds each token's n-gram reference for the token alone (phrase starts).
	ref []uint32
	// allFlags is the union of all tokens' flags: a matcher whose trigger words are
	// absent from the text skips it.
	allFlags wordFlag
	// shout and lowish hold shouting() and lowerish() (1 no, 2 yes), and nWords and
	// anyCaps the counts isAllLowerText and noCapitals need: all taken in reset.
	shout, lowish   uint8
	nWords, anyCaps int
	// postPatient records that the post talks about a specific patient somewhere.
	postPatient bool
	// general marks a text about groups rather than anyone in particular.
	general bool
	// personal records any cue of a particular person (patient, pronoun, relative,
	// the author) anywhere in the text.
	personal bool
	// postPopulation records that the post speaks of groups of people somewhere.
	postPopulation bool
	// seeds and covered are propagate's working storage, kept between posts.
	seeds   []seed
	covered []bool
	// shape holds each token's kind and a few of its traits in one byte (see
	// shapeCap), for the skips to scan densely.
	shape []uint8
	// cands is numCands' list for this text (made by reset); candCur is
	// candFrom's cursor in it.
	cands   []int32
	candCur int
	// nextNum is matchWrittenNames' cursor in cands (see ageAhead).
	nextNum int
	// dbuf, pc1 and pc2 are scratch for matchDigits and matchPostcodes; strings
	// viewing them are cloned before a detail keeps them (see own).
	dbuf, pc1, pc2 []byte
	// slab is the unused rest of the current result slab (see finish).
	slab []Detail
	// codeLens and codeEnds are compact's working storage.
	codeLens, codeEnds []int

	// The attach stage's working state (discourse.go): each detail's token span, the
	// mentions of people, the persons they resolve to (recent: most recent last),
	// each token's clause topic, and the post's frame.
	dspan        []detailSpan
	mentions     []mention
	persons      []person
	recent       []int
	nPatients    int
	authorPerson int
	topic        []int32
	frame        Frame
	// owner[k] is the person a reader has already given detail k to, -1 for none.
	owner []int32
	// implied caches impliedIDs for the text (nil until asked).
	implied map[string]bool
	// authorPlaceRef caches the author's profile place (authorPlace).
	authorPlaceRef  *places.Place
	authorPlaceDone bool
}

func (s *scan) reset(text string, c Context) {
	s.orig = text
	s.ctx = c
	s.nbuf = normalise(text, &s.n, s.nbuf)
	s.toks, s.lbuf = tokenise(s.n.text, s.toks, s.lbuf)
	// lower views lbuf without a copy: lbuf is not written again until the next
	// reset, and addRange clones any string of it that a detail keeps.
	s.lower = unsafe.String(unsafe.SliceData(s.lbuf), len(s.lbuf))
	n := len(s.toks)
	s.words = slices.Grow(s.words[:0], n)[:n]
	s.wf = slices.Grow(s.wf[:0], n)[:n]
	s.cue = slices.Grow(s.cue[:0], n)[:n]
	s.ref = slices.Grow(s.ref[:0], n)[:n]
	s.shape = slices.Grow(s.shape[:0], n)[:n]
	toks, lower := s.toks, s.lower
	// Sliced to the tokens' length so that the loop below needs no bounds checks.
	words, wf, cue, ref, shape := s.words[:len(toks)], s.wf[:len(toks)], s.cue[:len(toks)], s.ref[:len(toks)], s.shape[:len(toks)]
	flags := s.ex.lex.wordFlags
	var all wordFlag
	// Word counts for shouting and lowerish, taken here rather than in passes of
	// their own.
	nWords, nCaps, nWords2, nUpper, anyCaps := 0, 0, 0, 0, 0
	cands := s.cands[:0]
	for i := range toks {
		t := &toks[i]
		w := lower[t.lo:t.hi]
		words[i] = w
		var wi wordInfo
		if k := t.kind; k == tokWord || k == tokAlnum || w == "@" {
			wi, _ = flags.get(t.key)
			if k == tokWord {
				nWords++
				if t.cap {
					nCaps++
				}
				if t.end-t.start >= 2 {
					nWords2++
					if t.upper {
						nUpper++
					}
				}
			}
		}
		wf[i] = wi.flags
		cue[i] = wi.cue
		ref[i] = wi.ref
		sh := uint8(t.kind)
		if t.cap {
			sh |= shapeCap
			anyCaps++
		}
		if t.upper {
			sh |= shapeUpper
		}
		if t.end-t.start >= 7 {
			sh |= shapeLong
		}
		shape[i] = sh
		all |= wi.flags
		if numeric(t.kind) || wi.flags&candFlags != 0 || w == "'" {
			// numCands' list, made here rather than in a pass of its own.
			cands = append(cands, int32(i))
		}
	}
	s.cands, s.candCur = cands, 0
	s.allFlags = all
	s.nWords, s.anyCaps = nWords, anyCaps
	s.shout, s.lowish = 1, 1
	if nWords2 >= 6 && nUpper*2 > nWords2 {
		s.shout = 2
	}
	if nWords >= 10 && nCaps*10 < nWords {
		s.lowish = 2
	}
	s.out = s.out[:0]
	if cap(s.used) < len(s.toks) {
		s.used = make([]bool, len(s.toks), len(s.toks)+16)
	} else {
		s.used = s.used[:len(s.toks)]
		clear(s.used)
	}
	s.postPatient = false
	s.implied = nil
	s.authorPlaceRef, s.authorPlaceDone = nil, false
}

// lo returns the lower-case form of token i.
func (s *scan) lo(i int) string {
	return s.words[i]
}

// raw returns the normalised (case-preserving) text of token i.
func (s *scan) raw(i int) string {
	t := &s.toks[i]
	return s.n.text[t.start:t.end]
}

// singularAbbreviation is token i's lower-case form, with the plural ending of an
// upper-case abbreviation taken off ("GPs" -> "gp", "HCAs" -> "hca"): read as a
// word, "gps" would be the navigation system.
func (s *scan) singularAbbreviation(i int) string {
	r := s.raw(i)
	if n := len(r); n >= 3 && r[n-1] == 's' && s.toks[i].kind == tokWord && strings.ToUpper(r[:n-1]) == r[:n-1] {
		return s.words[i][:n-1]
	}
	return s.words[i]
}

// is reports whether token i exists and its lower form is w.
func (s *scan) is(i int, w string) bool {
	return uint(i) < uint(len(s.words)) && s.words[i] == w
}

// adjacent reports whether token j directly follows token i with no space.
func (s *scan) adjacent(i, j int) bool {
	return j < len(s.toks) && s.toks[j].gap == 0 && j == i+1
}

func (s *scan) run() {
	s.sentences()
	s.matchContacts()
	s.matchDigits()
	s.matchCodes()
	s.matchPostcodes()
	s.matchAddresses()
	s.matchDates()
	s.matchAges()
	s.matchAgeSexShorthand()
	s.matchNicknamed()
	s.matchNames()
	s.matchNamedAges()
	s.matchPhrases()
	s.matchHeadingRoles()
	s.matchImplied()
	s.matchInstitutions()
	s.matchPlaceCues()
	s.propagate()
}

// propagate finds again, elsewhere in the same text, the distinctive words of names,
// places and institutions already found: a note that names "Penhallow 2" once and
// "penhallow" later, or "Mr Pengelly" and then "pengelly", means the same thing
// each time.
func (s *scan) propagate() {
	if len(s.out) == 0 {
		return
	}
	seeds := s.seeds[:0]
	for di := range s.out {
		d := &s.out[di] // (a copy of each detail per step cost more than the step)
		switch d.Kind {
		case KindPersonName, KindInstitution, KindPlace:
		default:
			continue
		}
		ns, ne := s.normRange(d.Start, d.End)
		for k := s.tokenAt(ns); k >= 0 && k < len(s.toks) && int(s.toks[k].start) < ne; k++ {
			t := &s.toks[k]
			w := s.lo(k)
			if t.kind != tokWord || len(w) < 4 && !(t.upper && len(w) >= 2 && d.Kind == KindInstitution) {
				continue
			}
			if s.ex.lex.commonWord(w) || s.wf[k]&fTitle != 0 && titles[w].subject != 0 || clinicalUnits[w] || clinicalNames[w] ||
				s.wf[k]&fInstitution != 0 && institutionHeads[w].kind != "" || streetWords[w] || medicalWord(w) {
				continue
			}
			if findSeed(seeds, w) < 0 {
				seeds = append(seeds, seed{w, d.Kind, d.Subject, d.Generalisations, d.Frequency, d.Population})
			}
		}
	}
	s.seeds = seeds
	if len(seeds) == 0 {
		return
	}
	// Few seeds (the usual case) are searched in order; many go into a map.
	var byWord map[string]int
	if len(seeds) > 16 {
		byWord = make(map[string]int, len(seeds))
		for k := range seeds {
			byWord[seeds[k].word] = k
		}
	}
	if cap(s.covered) < len(s.toks) {
		s.covered = make([]bool, len(s.toks), len(s.toks)+16)
	} else {
		s.covered = s.covered[:len(s.toks)]
		clear(s.covered)
	}
	covered := s.covered
	for di := range s.out {
		d := &s.out[di]
		ns, ne := s.normRange(d.Start, d.End)
		for k := s.tokenAt(ns); k >= 0 && k < len(s.toks) && int(s.toks[k].start) < ne; k++ {
			covered[k] = true
		}
	}
	for k := range s.toks {
		if covered[k] || s.used[k] || s.toks[k].kind != tokWord {
			continue
		}
		idx := -1
		if byWord != nil {
			if x, ok := byWord[s.lo(k)]; ok {
				idx = x
			}
		} else {
			idx = findSeed(seeds, s.lo(k))
		}
		if idx < 0 {
			continue
		}
		sd := &seeds[idx]
		if sd.kind == KindPersonName && s.eponymAhead(k+1) {
			continue
		}
		d := Detail{Kind: sd.kind, Value: s.lo(k), Generalisations: sd.gen, Confidence: 0.6, Subject: sd.subj, Frequency: sd.freq, Population: sd.pop}
		s.add(d, k, k+1)
	}
}

// seed is a distinctive word of a name, place or institution found once, to be
// found again elsewhere in the text (see propagate).
type seed struct {
	word string
	kind Kind
	subj Subject
	gen  []string
	freq float64
	pop  float64
}

// findSeed returns the index of the seed for word w, or -1.
func findSeed(seeds []seed, w string) int {
	for k := range seeds {
		if seeds[k].word == w {
			return k
		}
	}
	return -1
}

// normRange maps an original byte range back to the normalised text (the first and
// last normalised bytes whose source lies inside it).
func (s *scan) normRange(os, oe int) (int, int) {
	if s.n.srcStart == nil {
		return os, oe
	}
	// srcStart is non-decreasing: binary search both ends.
	ns := sort.Search(len(s.n.srcStart), func(i int) bool { return int(s.n.srcStart[i]) >= os })
	ne := sort.Search(len(s.n.srcStart), func(i int) bool { return int(s.n.srcStart[i]) >= oe })
	if ns >= len(s.n.srcStart) {
		return 0, 0
	}
	return ns, ne
}

// tokenAt returns the index of the first token ending after normalised offset off.
func (s *scan) tokenAt(off int) int {
	lo, hi := 0, len(s.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if int(s.toks[m].end) <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo >= len(s.toks) {
		return -1
	}
	return lo
}

// add records a detail spanning tokens [i, j) (normalised offsets taken from them).
func (s *scan) add(d Detail, i, j int) {
	s.addRange(d, int(s.toks[i].start), int(s.toks[j-1].end))
}

// addRange records a detail spanning normalised bytes [ns, ne).
func (s *scan) addRange(d Detail, ns, ne int) {
	d.Start, d.End = s.n.span(ns, ne)
	if d.End <= d.Start || d.End > len(s.orig) {
		return
	}
	s.own(&d)
	d.Direct = isDirect(d.Kind)
	if d.Direct && d.Kind != KindPhone && d.Kind != KindEmail && d.Kind != KindURL && (d.Subject == SubjectUnknown || d.Subject == SubjectPopulation || d.Subject == SubjectHypothetical) {
		// An identifier always belongs to someone in particular.
		d.Subject = SubjectPatient
	}
	s.out = append(s.out, d)
}

// own makes d independent of the pooled buffers: a value or a generalisation that
// is a token's lower-case form (s.lo), a piece of a folded text (s.n.text) or of a
// matcher's scratch (s.dbuf, s.pc1, s.pc2) is copied, since those buffers are
// reused by the next text. Everything else (the caller's text, the lexicon's
// strings, new strings) is kept as it is.
func (s *scan) own(d *Detail) {
	if s.inScratch(d.Value) {
		d.Value = strings.Clone(d.Value)
	}
	for k, g := range d.Generalisations {
		if s.inScratch(g) {
			gens := make([]string, len(d.Generalisations))
			copy(gens, d.Generalisations)
			for m := k; m < len(gens); m++ {
				if s.inScratch(gens[m]) {
					gens[m] = strings.Clone(gens[m])
				}
			}
			d.Generalisations = gens
			break
		}
	}
}

// inScratch reports whether x lies in one of the scanner's reused buffers.
func (s *scan) inScratch(x string) bool {
	if len(x) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(x)))
	return inBuf(p, s.lbuf) || inBuf(p, s.nbuf) || inBuf(p, s.dbuf[:cap(s.dbuf)]) || inBuf(p, s.pc1[:cap(s.pc1)]) || inBuf(p, s.pc2[:cap(s.pc2)])
}

func inBuf(p uintptr, b []byte) bool {
	base := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return len(b) > 0 && p >= base && p < base+uintptr(len(b))
}

// claim marks tokens [i, j) as part of an identifier.
func (s *scan) claim(i, j int) {
	for k := i; k < j && k < len(s.used); k++ {
		s.used[k] = true
	}
}

func (s *scan) anyUsed(i, j int) bool {
	for k := i; k < j && k < len(s.used); k++ {
		if s.used[k] {
			return true
		}
	}
	return false
}

func isDirect(k Kind) bool {
	switch k {
	case KindPersonName, KindNHSNumber, KindCHINumber, KindHCNumber, KindHospitalNo,
		KindNINumber, KindDateOfBirth, KindPostcode, KindAddress, KindPhone, KindEmail,
		KindSocialHandle, KindURL, KindVehicleReg:
		return true
	}
	return false
}

// finish resolves overlaps, fills in subjects and returns a fresh slice.
func (s *scan) finish() []Detail {
	if len(s.out) == 0 {
		return nil
	}
	if len(s.out) <= 32 {
		// The usual handful: an insertion sort through pointers, stable like the
		// generic sort below and in the same order, without copying two details
		// into every comparison.
		out := s.out
		for i := 1; i < len(out); i++ {
			for j := i; j > 0 && detailBefore(&out[j], &out[j-1]); j-- {
				out[j], out[j-1] = out[j-1], out[j]
			}
		}
	} else {
		slices.SortStableFunc(s.out, func(a, b Detail) int {
			if c := cmp.Compare(a.Start, b.Start); c != 0 {
				return c
			}
			// Longer first, direct before quasi.
			if c := cmp.Compare(b.End, a.End); c != 0 {
				return c
			}
			return cmp.Compare(rank(b), rank(a))
		})
	}
	for k := range s.out {
		// An institution named after its place ("Furness General", "HMP
		// Durham") takes the place's chain as its coarser forms; the place alone
		// adds nothing.
		inst := &s.out[k]
		if inst.Kind != KindInstitution {
			continue
		}
		for m := range s.out {
			p := &s.out[m]
			if p.Kind == KindPlace && p.Start >= inst.Start && p.End <= inst.End && (p.Start != inst.Start || p.End != inst.End) {
				inst.Generalisations = append(append(append([]string(nil), inst.Generalisations...), p.Value), p.Generalisations...)
				p.Kind = "" // dropped below
			}
		}
	}
	// Compact the kept details to the front of s.out, then copy them out once into
	// a slice of exactly their number.
	kept := s.out[:0]
	for r := range s.out {
		// (kept only writes below r, so d stays valid until it is appended.)
		d := &s.out[r]
		if d.Kind == "" {
			continue
		}
		// Drop a detail wholly inside a previous one of the same kind, or inside a
		// direct identifier (the digits of a phone number are not also a date).
		dup := false
		for k := len(kept) - 1; k >= 0 && k >= len(kept)-6; k-- {
			p := &kept[k]
			if d.Start >= p.Start && d.End <= p.End && (p.Kind == d.Kind || (p.Direct && !d.Direct) || (p.Direct && d.Direct && d.Kind != KindPersonName)) {
				dup = true
				break
			}
		}
		if !dup {
			kept = append(kept, *d)
		}
	}
	if len(kept) == 0 {
		return []Detail{}
	}
	// Results are carved from a slab kept by this (pooled) scan, so that a stream of
	// posts makes one allocation per slab rather than one per post. Each result has
	// its capacity cut to its length: a caller's append copies instead of writing
	// into the next post's details. A slab lives while any of its results does.
	if len(kept) > len(s.slab) {
		s.slab = make([]Detail, max(slabDetails, len(kept)))
	}
	n := len(kept)
	res := s.slab[:n:n]
	s.slab = s.slab[n:]
	copy(res, kept)
	return res
}

// slabDetails is how many details one result slab holds (about 7 KB).
const slabDetails = 64

// detailBefore is the order finish sorts details in: by start, longer first, direct
// before quasi.
func detailBefore(a, b *Detail) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	if a.End != b.End {
		return a.End > b.End
	}
	return a.Direct && !b.Direct
}

func rank(d Detail) int {
	if d.Direct {
		return 1
	}
	return 0
}

// hasWordsBefore reports whether any of words occurs among the n tokens before token i
// (a word may be a short phrase of tokens joined by single spaces, e.g. "nhs no").
func (s *scan) hasWordsBefore(i, n int, words ...string) bool {
	for k := i - 1; k >= 0 && k >= i-n; k-- {
		if s.anyPhraseAt(k, words) {
			return true
		}
	}
	return false
}

// anyPhraseAt reports whether any of phrases starts at token k, comparing the first
// word cheaply before walking a phrase.
func (s *scan) anyPhraseAt(k int, phrases []string) bool {
	if k < 0 || k >= len(s.toks) {
		return false
	}
	w := s.lo(k)
	if w == "" {
		return false
	}
	for _, p := range phrases {
		if len(p) < len(w) || p[0] != w[0] || p[:len(w)] != w {
			continue
		}
		if len(p) == len(w) {
			return true
		}
		if p[len(w)] == ' ' && s.phraseAt(k, p) {
			return true
		}
	}
	return false
}

// hasWordsAfter is hasWordsBefore looking forward from token j (exclusive start).
func (s *scan) hasWordsAfter(j, n int, words ...string) bool {
	for k := j; k < len(s.toks) && k < j+n; k++ {
		if s.anyPhraseAt(k, words) {
			return true
		}
	}
	return false
}

// phraseAt reports whether the tokens starting at k spell phrase (space-separated
// lower-case tokens; punctuation tokens are matched literally).
func (s *scan) phraseAt(k int, phrase string) bool {
	for phrase != "" {
		if k >= len(s.toks) {
			return false
		}
		w := phrase
		rest := ""
		if sp := strings.IndexByte(phrase, ' '); sp >= 0 {
			w, rest = phrase[:sp], phrase[sp+1:]
		}
		if s.lo(k) != w {
			return false
		}
		k++
		phrase = rest
	}
	return true
}
