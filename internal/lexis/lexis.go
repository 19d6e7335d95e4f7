// Package lexis is general English word knowledge for the extractor and the occupation
// index: lemmas of nouns and verbs, whether a noun denotes a kind of person (and what kind),
// how common a word is, the verbs that agent nouns are derived from, and noun hypernyms.
//
// The data are WordNet 3.0 and the SCOWL word lists, compiled by internal/gen into the
// gzip files under data/ (see data/SOURCES.md). They are decompressed once, on first use,
// into a few large strings searched by binary search, so loading is quick and the heap small.
package lexis

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

var (
	//go:embed data/nouns.txt
	nounsText string
	//go:embed data/verbs.txt
	verbsText string
	//go:embed data/synsets.txt
	synsetsText string
	//go:embed data/exc.txt
	excText string
	//go:embed data/scowl-10.txt
	scowl10 string
	//go:embed data/scowl-20.txt
	scowl20 string
	//go:embed data/scowl-35.txt
	scowl35 string
	//go:embed data/scowl-40.txt
	scowl40 string
	//go:embed data/scowl-50.txt
	scowl50 string
	//go:embed data/scowl-55.txt
	scowl55 string
	//go:embed data/scowl-60.txt
	scowl60 string
	//go:embed data/scowl-70.txt
	scowl70 string
	//go:embed data/scowl-80.txt
	scowl80 string
	//go:embed data/scowl-95.txt.gz
	scowl95gz []byte
)

// scowlLists are the SCOWL sizes 10..80, commonest first.
var scowlLists = []scowlList{{10, scowl10}, {20, scowl20}, {35, scowl35}, {40, scowl40}, {50, scowl50}, {55, scowl55}, {60, scowl60}, {70, scowl70}, {80, scowl80}}

// POS is a part of speech.
type POS uint8

const (
	Noun POS = iota
	Verb
)

// Category is a coarse kind of person, from the nearest of a few WordNet senses above a
// person sense (worker#1, professional#1, leader#1, ...; the table is in internal/gen).
type Category uint8

const (
	Other        Category = iota // a person, but under none of the kinds below
	Worker                       // worker, tradesperson, craftsman, servant, attendant
	Professional                 // professional, health professional, educator, scientist, lawyer
	Leader                       // leader, official, administrator, executive, manager
	Religious                    // clergy and other religious people
	Performer                    // performer, entertainer, artist, musician, writer
	Sportsperson                 // athlete, player, contestant
	Relative                     // relative, spouse, parent, offspring
	Patient                      // patient, sick person, sufferer
	Military                     // serviceman, soldier, officer
)

var catNames = [...]string{"other", "worker", "professional", "leader", "religious", "performer", "sportsperson", "relative", "patient", "military"}

func (c Category) String() string {
	if int(c) < len(catNames) {
		return catNames[c]
	}
	return "category(" + strconv.Itoa(int(c)) + ")"
}

func catOf(b byte) (Category, bool) {
	switch b {
	case 'W':
		return Worker, true
	case 'P':
		return Professional, true
	case 'L':
		return Leader, true
	case 'R':
		return Religious, true
	case 'A':
		return Performer, true
	case 'S':
		return Sportsperson, true
	case 'F':
		return Relative, true
	case 'H':
		return Patient, true
	case 'M':
		return Military, true
	case 'O':
		return Other, true
	}
	return Other, false
}

// find looks a key up in sorted newline-separated text whose lines are "key" or
// "key\tfields", by binary search over byte positions, and returns the fields.
func find(text, key string) ([]string, bool) {
	// Answers are remembered: the extractor asks the same words of every post, and a
	// binary search over a table of text (with a split of the line found) was a third
	// of its time. The memo is bounded, so hostile text cannot grow it without end;
	// the fields returned are shared and read only.
	mk := memoKey{unsafe.StringData(text), key}
	findMemo.RLock()
	r, ok := findMemo.m[mk]
	findMemo.RUnlock()
	if ok {
		return r.fields, r.found
	}
	fields, found := findLine(text, key)
	findMemo.Lock()
	if findMemo.m == nil {
		findMemo.m = make(map[memoKey]memoEntry)
	}
	if len(findMemo.m) < findMemoMax {
		findMemo.m[memoKey{mk.text, strings.Clone(key)}] = memoEntry{fields, found}
	}
	findMemo.Unlock()
	return fields, found
}

// findMemoMax bounds the memo of find: about the words of a large vocabulary and their
// inflections (a few tens of megabytes at most).
const findMemoMax = 1 << 18

type memoKey struct {
	text *byte // which table (the embedded text's data)
	key  string
}

type memoEntry struct {
	fields []string
	found  bool
}

var findMemo struct {
	sync.RWMutex
	m map[memoKey]memoEntry
}

// findLine binary-searches text, lines sorted by their first tab-separated field, for
// the line whose first field is key, and returns its other fields.
func findLine(text, key string) ([]string, bool) {
	lo, hi := 0, len(text) // the line sought starts in [lo, hi)
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := strings.LastIndexByte(text[lo:mid], '\n') + 1 + lo
		if start < lo {
			start = lo
		}
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		k := line
		if t := strings.IndexByte(line, '\t'); t >= 0 {
			k = line[:t]
		}
		switch {
		case k == key:
			if len(k) == len(line) {
				return nil, true
			}
			return strings.Split(line[len(k)+1:], "\t"), true
		case k < key:
			lo = end + 1
		default:
			hi = start
		}
	}
	return nil, false
}

type data struct {
	synsetOff []uint32
	exc       [2]map[string]string
	plural    map[string]string // noun lemma -> irregular plural
}

type scowlList struct {
	size int
	text string
}

var (
	once     sync.Once
	db       *data
	onceRare sync.Once
	rare     string // SCOWL size 95, decompressed on first need
)

func load() *data {
	once.Do(func() { db = build() })
	return db
}

// build prepares the data: offsets of the synset lines and the exception maps (the word
// lists themselves are embedded and searched in place).
func build() *data {
	d := &data{}
	d.synsetOff = make([]uint32, 0, strings.Count(synsetsText, "\n"))
	for i := 0; i < len(synsetsText); {
		d.synsetOff = append(d.synsetOff, uint32(i))
		j := strings.IndexByte(synsetsText[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	d.exc = [2]map[string]string{{}, {}}
	d.plural = map[string]string{}
	for _, l := range strings.Split(excText, "\n") {
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			continue
		}
		p := Noun
		if f[0] == "v" {
			p = Verb
		}
		if _, dup := d.exc[p][f[1]]; !dup {
			d.exc[p][f[1]] = f[2]
		}
		// A lemma's irregular plural: of its exception forms, the commonest in SCOWL.
		if p == Noun && !strings.Contains(f[1], " ") {
			if old, ok := d.plural[f[2]]; !ok || pluralRank(f[1]) < pluralRank(old) {
				d.plural[f[2]] = f[1]
			}
		}
	}
	return d
}

func pluralRank(w string) int {
	for i, l := range scowlLists {
		if _, ok := find(l.text, w); ok {
			return i
		}
	}
	return 99
}

func rareWords() string {
	onceRare.Do(func() { rare = unzipRare() })
	return rare
}

func unzipRare() string {
	z, err := gzip.NewReader(bytes.NewReader(scowl95gz))
	if err != nil {
		panic("lexis: " + err.Error())
	}
	var b strings.Builder
	if _, err := io.Copy(&b, z); err != nil {
		panic("lexis: " + err.Error())
	}
	return b.String()
}

// Load prepares the data now rather than on first use (the size-95 word list, which only
// words missing from every other list need, stays compressed until then).
func Load() { load() }

// Commonness is the size of the smallest SCOWL list (British English, -ise and -ize
// spellings) that has the word: 10, 20, 35, 40, 50, 55, 60, 70, 80 or 95. Smaller is more
// common (10 is the commonest thousand or so words); 0 means the word is in no list.
func Commonness(word string) int {
	w := strings.ToLower(word)
	for _, l := range scowlLists {
		if _, ok := find(l.text, w); ok {
			return l.size
		}
	}
	if _, ok := find(rareWords(), w); ok {
		return 95
	}
	return 0
}

// IsNoun reports whether WordNet has the lemma as a noun (lower case; spaces join the
// words of a compound).
func IsNoun(lemma string) bool {
	_, ok := find(nounsText, lemma)
	return ok
}

// IsVerb reports whether WordNet has the lemma as a verb.
func IsVerb(lemma string) bool {
	_, ok := find(verbsText, lemma)
	return ok
}

// Lemma is the base form of a noun or verb: WordNet's exception lists ("wives" -> "wife",
// "ran" -> "run") and then the regular English endings, taking the first candidate that
// WordNet knows in that part of speech (or, failing that, that SCOWL lists). A plural that is
// itself a rare WordNet noun ("hives") gives way to its singular when WordNet has tagged
// more senses of the singular. Words it cannot reduce come back lower-cased.
func Lemma(word string, pos POS) string {
	w := strings.ToLower(strings.TrimSpace(word))
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
	if w == "" {
		return w
	}
	d := load()
	if l, ok := d.exc[pos][w]; ok {
		return l
	}
	tab := nounsText
	rules := nounRules
	if pos == Verb {
		tab, rules = verbsText, verbRules
	}
	selfTag := -1
	if f, ok := find(tab, w); ok {
		selfTag, _ = strconv.Atoi(f[0])
	}
	for _, r := range rules {
		if !strings.HasSuffix(w, r[0]) || len(w) <= len(r[0])+1 {
			continue
		}
		c := w[:len(w)-len(r[0])] + r[1]
		if f, ok := find(tab, c); ok {
			tag, _ := strconv.Atoi(f[0])
			if selfTag < 0 || tag >= selfTag {
				return c
			}
		}
	}
	if selfTag >= 0 {
		return w
	}
	// Not in WordNet: regular endings checked against SCOWL (British spellings, compounds
	// such as "harbourmasters").
	for _, r := range rules {
		if !strings.HasSuffix(w, r[0]) || len(w) <= len(r[0])+1 {
			continue
		}
		if c := w[:len(w)-len(r[0])] + r[1]; Commonness(c) > 0 {
			return c
		}
	}
	// Unknown noun: a plain plural "-s" (not "-ss", "-us", "-is").
	if pos == Noun && len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
		return w[:len(w)-1]
	}
	return w
}

// Regular endings, in WordNet's order (morphy), each tried against the dictionary.
var nounRules = [][2]string{{"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}, {"s", ""}}
var verbRules = [][2]string{{"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}, {"s", ""}}

// britishToAmerican are spelling rules tried when WordNet (American spelling) lacks a word:
// harbour -> harbor, paediatrician -> pediatrician, theatre -> theater, traveller -> traveler.
var britishToAmerican = [][2]string{{"our", "or"}, {"ae", "e"}, {"oe", "e"}, {"tre", "ter"}, {"ise", "ize"}, {"isation", "ization"}, {"ll", "l"}, {"ogue", "og"}, {"yse", "yze"}}

// nounEntry finds a noun lemma, then British-to-American respellings of it.
func nounEntry(lemma string) ([]string, bool) {
	l := strings.ToLower(lemma)
	if f, ok := find(nounsText, l); ok {
		return f, true
	}
	for _, r := range britishToAmerican {
		if strings.Contains(l, r[0]) {
			if f, ok := find(nounsText, strings.ReplaceAll(l, r[0], r[1])); ok {
				return f, true
			}
		}
	}
	return nil, false
}

func senses(f []string) []int {
	var out []int
	for _, s := range strings.Fields(f[1]) {
		n, _ := strconv.Atoi(s)
		out = append(out, n)
	}
	return out
}

type synsetInfo struct {
	hypers []int
	cat    byte
	lemmas []string
	gloss  []string
}

func synsetAt(i int) synsetInfo {
	d := load()
	line := synsetsText[d.synsetOff[i]:]
	if j := strings.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
	}
	f := strings.Split(line, "\t")
	var s synsetInfo
	for _, h := range strings.Fields(f[0]) {
		n, _ := strconv.Atoi(h)
		s.hypers = append(s.hypers, n)
	}
	s.cat = f[1][0]
	s.lemmas = strings.Split(f[2], ",")
	if len(f) > 3 {
		s.gloss = strings.Fields(f[3])
	}
	return s
}

// PersonNoun reports whether a noun denotes a kind of person (a sense below person#1 in
// WordNet) and gives the category of that sense. The person sense must be the word's usual
// meaning: its first sense, or any sense when WordNet's sense-tagged corpus has no count for
// any sense of the word, so that the order says nothing ("cox" is a coxswain, its enzyme
// sense never having been tagged; "bear" is an animal, not a pessimistic investor), or an
// agent noun WordNet links to a verb whose first sense is no made thing ("cleaner": the
// person, though the substance comes first; "computer" stays a machine). British
// spellings are tried in their American form, plurals as their lemma, and a closed compound
// WordNet lacks by its head ("harbourmaster": master).
func PersonNoun(lemma string) (Category, bool) {
	personMemo.RLock()
	r, ok := personMemo.m[lemma]
	personMemo.RUnlock()
	if ok {
		return r.cat, r.person
	}
	c, person := personNounOf(lemma)
	personMemo.Lock()
	if personMemo.m == nil {
		personMemo.m = make(map[string]personAnswer)
	}
	if len(personMemo.m) < findMemoMax {
		personMemo.m[strings.Clone(lemma)] = personAnswer{c, person}
	}
	personMemo.Unlock()
	return c, person
}

type personAnswer struct {
	cat    Category
	person bool
}

// personMemo remembers PersonNoun's answers as find's are (bounded): the compound split
// below tries every prefix of an unknown word.
var personMemo struct {
	sync.RWMutex
	m map[string]personAnswer
}

func personNounOf(lemma string) (Category, bool) {
	l := strings.ToLower(strings.TrimSpace(lemma))
	if c, ok, found := personNoun(l); found {
		return c, ok
	}
	if b := Lemma(l, Noun); b != l {
		if c, ok, found := personNoun(b); found {
			return c, ok
		}
	}
	// A closed compound WordNet lacks ("harbourmaster", "greenkeeper"): a noun followed by a
	// person noun of four letters or more takes the head's category.
	for i := 3; i <= len(l)-4; i++ {
		if !IsNoun(l[:i]) && !IsNoun(americanise(l[:i])) {
			continue
		}
		if _, ok, _ := personNoun(l[i:]); ok {
			return headCategory(l[i:])
		}
	}
	return Other, false
}

func americanise(s string) string {
	for _, r := range britishToAmerican {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	return s
}

// personNoun applies PersonNoun's rule to a lemma WordNet has; found is false when it has not.
func personNoun(l string) (c Category, ok, found bool) {
	f, found := nounEntry(l)
	if !found {
		return Other, false, false
	}
	ss := senses(f)
	if tagged, _ := strconv.Atoi(f[0]); tagged > 0 {
		first := synsetAt(ss[0]).cat
		if c, ok := catOf(first); ok {
			return c, ok, true
		}
		// An agent noun whose first sense is a substance or the like, not a made thing
		// (cleaner, builder): its person sense counts when WordNet links it to a verb.
		if first != 'x' && f[2] != "" && agentSuffix(l) {
			for _, s := range ss[1:] {
				if c, ok := catOf(synsetAt(s).cat); ok {
					return c, true, true
				}
			}
		}
		return Other, false, true
	}
	// No sense has a corpus count, so the order says nothing: any person sense counts, and
	// one of a definite kind (skipper: a ship's master) before an "other" one (a truant).
	fallback := -1
	for _, s := range ss {
		cat, person := catOf(synsetAt(s).cat)
		if person && cat != Other {
			return cat, true, true
		}
		if person && fallback < 0 {
			fallback = int(cat)
		}
	}
	if fallback >= 0 {
		return Category(fallback), true, true
	}
	return Other, false, true
}

func agentSuffix(l string) bool {
	for _, suf := range []string{"er", "or", "ist", "man", "ian"} {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}

// headCategory is the kind of person a compound's head names: its first person sense of an
// occupational kind (worker, professional, leader, religious, military), else its first.
func headCategory(l string) (Category, bool) {
	f, found := nounEntry(l)
	if !found {
		return Other, false
	}
	first, any := Other, false
	for _, s := range senses(f) {
		cat, person := catOf(synsetAt(s).cat)
		if !person {
			continue
		}
		switch cat {
		case Worker, Professional, Leader, Religious, Military:
			return cat, true
		}
		if !any {
			first, any = cat, true
		}
	}
	return first, any
}

// AgentVerbs are the verbs WordNet derives a person noun from or links it to ("farmer" ->
// farm, "coxswain" -> cox, "stalker" -> stalk, "skipper" -> skipper).
func AgentVerbs(noun string) []string {
	f, ok := nounEntry(noun)
	if !ok || f[2] == "" {
		return nil
	}
	return strings.Split(f[2], ",")
}

// Agents are the person nouns WordNet links to a verb ("teach" -> teacher, ...).
func Agents(verb string) []string {
	f, ok := find(verbsText, strings.ToLower(verb))
	if !ok || f[1] == "" {
		return nil
	}
	return strings.Split(f[1], ",")
}

// Hypernyms lists the lemmas above a noun's first `senses` senses in WordNet, nearest first,
// without repeats (for "trawler": fishing boat, boat, vessel, craft, ...).
func Hypernyms(noun string, senseLimit int) []string {
	// Remembered as find's answers are (bounded; shared and read only): the extractor
	// asks whether the same nouns are institutions, vehicles or people of each post.
	hk := hyperKey{noun, senseLimit}
	hyperMemo.RLock()
	out, ok := hyperMemo.m[hk]
	hyperMemo.RUnlock()
	if ok {
		return out
	}
	out = hypernyms(noun, senseLimit)
	hyperMemo.Lock()
	if hyperMemo.m == nil {
		hyperMemo.m = make(map[hyperKey][]string)
	}
	if len(hyperMemo.m) < findMemoMax {
		hyperMemo.m[hyperKey{strings.Clone(noun), senseLimit}] = out
	}
	hyperMemo.Unlock()
	return out
}

type hyperKey struct {
	noun   string
	senses int
}

var hyperMemo struct {
	sync.RWMutex
	m map[hyperKey][]string
}

func hypernyms(noun string, senseLimit int) []string {
	f, ok := nounEntry(noun)
	if !ok {
		return nil
	}
	ss := senses(f)
	if senseLimit > 0 && len(ss) > senseLimit {
		ss = ss[:senseLimit]
	}
	seen := map[int]bool{}
	done := map[string]bool{}
	var out []string
	frontier := ss
	for len(frontier) > 0 {
		var next []int
		for _, s := range frontier {
			for _, h := range synsetAt(s).hypers {
				if seen[h] {
					continue
				}
				seen[h] = true
				next = append(next, h)
				for _, l := range synsetAt(h).lemmas {
					if !done[l] {
						done[l] = true
						out = append(out, l)
					}
				}
			}
		}
		frontier = next
	}
	return out
}

// IsA reports whether one of a noun's first three senses is, or is below, a sense of
// ancestor ("trawler" is a boat; "farrier" is a smith).
func IsA(noun, ancestor string) bool {
	a := strings.ToLower(ancestor)
	if strings.EqualFold(noun, ancestor) {
		return true
	}
	for _, h := range Hypernyms(noun, 3) {
		if h == a {
			return true
		}
	}
	return false
}

// GlossNouns are the nouns of the definitions of a noun's first senses (all if senseLimit is
// 0), in order, up to six a sense: "harbour" gives port, ship, cargo ("a sheltered port where
// ships can take on or discharge cargo").
func GlossNouns(noun string, senseLimit int) []string {
	return senseWords(noun, senseLimit, nil, func(s synsetInfo) []string { return s.gloss })
}

// Synonyms are the other lemmas of a noun's senses (first `senseLimit` senses; all if 0).
func Synonyms(noun string, senseLimit int) []string {
	return senseWords(noun, senseLimit, map[string]bool{strings.ToLower(noun): true}, func(s synsetInfo) []string { return s.lemmas })
}

// senseWords gathers, in order and once each, the words words(synset) gives for a
// noun's first senseLimit senses (all if 0), skipping those already in seen.
func senseWords(noun string, senseLimit int, seen map[string]bool, words func(synsetInfo) []string) []string {
	f, ok := nounEntry(noun)
	if !ok {
		return nil
	}
	ss := senses(f)
	if senseLimit > 0 && len(ss) > senseLimit {
		ss = ss[:senseLimit]
	}
	if seen == nil {
		seen = map[string]bool{}
	}
	var out []string
	for _, s := range ss {
		for _, w := range words(synsetAt(s)) {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	return out
}

// Plural is the plural of a noun (of the last word of a compound): WordNet's exception
// list read backwards ("wife" -> "wives", "fisherman" -> "fishermen"), then the regular
// English endings.
func Plural(noun string) string {
	n := strings.ToLower(strings.TrimSpace(noun))
	if n == "" {
		return n
	}
	head, prefix := n, ""
	if i := strings.LastIndexAny(n, " -"); i >= 0 {
		head, prefix = n[i+1:], n[:i+1]
	}
	d := load()
	reg := regularPlural(head)
	if p, ok := d.plural[head]; ok && pluralRank(p) <= pluralRank(reg) {
		return prefix + p
	}
	// A common noun whose regular plural no list has is its own plural (sheep, deer).
	if c := Commonness(head); c > 0 && c <= 50 && Commonness(reg) == 0 {
		return prefix + head
	}
	return prefix + reg
}

func regularPlural(head string) string {
	for _, suf := range []string{"man", "woman"} {
		if strings.HasSuffix(head, suf) && len(head) > len(suf) && head != "human" {
			return head[:len(head)-2] + "en"
		}
	}
	switch {
	case strings.HasSuffix(head, "s"), strings.HasSuffix(head, "x"), strings.HasSuffix(head, "z"),
		strings.HasSuffix(head, "ch"), strings.HasSuffix(head, "sh"):
		return head + "es"
	case len(head) > 1 && strings.HasSuffix(head, "y") && !strings.ContainsRune("aeiou", rune(head[len(head)-2])):
		return head[:len(head)-1] + "ies"
	}
	return head + "s"
}
