// Command gen builds the embedded data of package lexis from WordNet 3.0 (Debian package
// wordnet-base) and the SCOWL word lists (Debian package scowl). See ../../data/SOURCES.md.
//
//	go run ./internal/lexis/internal/gen -wordnet /tmp/x/usr/share/wordnet \
//	    -scowl /tmp/x/usr/share/dict/scowl -out internal/lexis/data
//
// Files written (plain text, lines sorted where a key is looked up by binary search):
//
//	nouns.txt       lemma \t tagged-senses \t synset numbers (sense order) \t verbs (derivational links of person senses)
//	verbs.txt       lemma \t tagged-senses \t person nouns derivationally linked to the verb
//	synsets.txt     line i = noun synset i: hypernym numbers \t person category ('-' none, 'x' artifact) \t lemmas \t gloss nouns
//	exc.txt         pos \t inflected form \t lemma (WordNet exception lists)
//	scowl-NN.txt    the words whose smallest SCOWL size is NN (10..80), one a line, sorted
//	scowl-95.txt.gz the same for size 95 (gzip: the largest list, read only when a word is in no other)
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Person categories, one byte each in synsets.txt; '-' is a synset that is not a person.
// The anchors are WordNet 3.0 senses ("lemma#sense-number", sense numbers as in index.noun):
// a person synset takes the category of its nearest anchor up the hypernym graph. This table
// is the package's classification scheme, not data taken from elsewhere.
var anchors = []struct {
	sense string
	cat   byte
}{
	{"worker#1", 'W'}, {"skilled_worker#1", 'W'}, {"employee#1", 'W'}, {"creator#2", 'W'},
	{"servant#1", 'W'}, {"attendant#1", 'W'}, {"craftsman#3", 'W'}, {"tradesman#1", 'W'},
	{"professional#1", 'P'}, {"health_professional#1", 'P'}, {"educator#1", 'P'},
	{"scientist#1", 'P'}, {"lawyer#1", 'P'}, {"engineer#1", 'P'},
	{"leader#1", 'L'}, {"official#1", 'L'}, {"administrator#1", 'L'}, {"executive#1", 'L'},
	{"politician#1", 'L'}, {"ruler#1", 'L'}, {"manager#1", 'L'}, {"head#4", 'L'},
	{"religious_person#1", 'R'}, {"clergyman#1", 'R'}, {"cleric#1", 'R'}, {"spiritual_leader#1", 'R'},
	{"performer#1", 'A'}, {"entertainer#1", 'A'}, {"artist#1", 'A'}, {"musician#1", 'A'}, {"writer#1", 'A'},
	{"athlete#1", 'S'}, {"player#1", 'S'}, {"contestant#1", 'S'}, {"sportsman#1", 'S'},
	{"relative#1", 'F'}, {"spouse#1", 'F'}, {"parent#1", 'F'}, {"child#2", 'F'}, {"offspring#1", 'F'}, {"kin#1", 'F'},
	{"sick_person#1", 'H'}, {"patient#1", 'H'}, {"sufferer#2", 'H'},
	{"serviceman#1", 'M'}, {"soldier#1", 'M'}, {"military_officer#1", 'M'},
	{"lawman#1", 'W'}, {"defender#1", 'W'}, {"operator#2", 'W'},
	{"businessperson#1", 'P'}, {"expert#1", 'P'}, {"financier#1", 'P'},
	{"official#2", 'S'}, {"horseman#1", 'S'},
}

// personRoots: person#1, and operator#2 ("an agent that operates some apparatus or
// machine"), which WordNet files under causal agent rather than person though its
// hyponyms (driver, engineer, pilot) are people.
var personRoots = []string{"person#1", "operator#2"}

type synset struct {
	gloss   string // definition, examples removed
	offset  string
	lemmas  []string // lower case, spaces for underscores, adjective markers removed
	hypers  []string // offsets of hypernyms and instance hypernyms
	derivs  []deriv  // derivational links to verbs
	idx     int
	cat     byte
	person  bool
	visited bool
}

type deriv struct {
	src    int // word number in this synset (1-based); 0 = all
	verb   string
	target int
}

func main() {
	wn := flag.String("wordnet", "", "WordNet dict directory (with data.noun, index.noun, ...)")
	sc := flag.String("scowl", "", "SCOWL directory (english-words.10 ...)")
	out := flag.String("out", "internal/lexis/data", "output directory")
	flag.Parse()
	if *wn == "" || *sc == "" {
		log.Fatal("need -wordnet and -scowl")
	}
	nouns := readData(filepath.Join(*wn, "data.noun"), true)
	verbs := readData(filepath.Join(*wn, "data.verb"), false)
	nounIdx := readIndex(filepath.Join(*wn, "index.noun"))
	verbIdx := readIndex(filepath.Join(*wn, "index.verb"))

	// Number the noun synsets in file order.
	offs := make([]string, 0, len(nouns))
	for o := range nouns {
		offs = append(offs, o)
	}
	sort.Strings(offs)
	for i, o := range offs {
		nouns[o].idx = i
	}

	// Person synsets: descendants of the person roots.
	children := map[string][]string{}
	for o, s := range nouns {
		for _, h := range s.hypers {
			children[h] = append(children[h], o)
		}
	}
	var stack []string
	for _, r := range personRoots {
		stack = append(stack, senseOf(nounIdx, r))
	}
	for len(stack) > 0 {
		o := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		s := nouns[o]
		if s.visited {
			continue
		}
		s.visited, s.person = true, true
		stack = append(stack, children[o]...)
	}
	anchorCat := map[string]byte{}
	for _, a := range anchors {
		o := senseOf(nounIdx, a.sense)
		if o == "" || !nouns[o].person {
			log.Fatalf("anchor %s is not a person sense", a.sense)
		}
		anchorCat[o] = a.cat
	}
	// Artifacts (below artifact#1) are marked 'x': PersonNoun will not let an agent noun's
	// person sense stand in for a first sense that is a made thing (computer, printer).
	artifact := senseOf(nounIdx, "artifact#1")
	stack = []string{artifact}
	for len(stack) > 0 {
		o := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if nouns[o].cat == 'x' {
			continue
		}
		nouns[o].cat = 'x'
		stack = append(stack, children[o]...)
	}
	for _, s := range nouns {
		if s.person {
			s.cat = nearest(nouns, s.offset, anchorCat)
		} else if s.cat != 'x' {
			s.cat = '-'
		}
	}

	// Orthographic variants: two lemmas of one synset that differ by one letter
	// (gillie/ghillie) share all their senses (their own, so the order does not matter).
	orig := map[string][]string{}
	for l, e := range nounIdx {
		orig[l] = append([]string(nil), e.senses...)
	}
	for _, off := range sortedKeys(nouns) {
		s := nouns[off]
		for i, a := range s.lemmas {
			for _, b := range s.lemmas[i+1:] {
				if len(a) >= 5 && len(b) >= 5 && oneEdit(a, b) && a+"s" != b && b+"s" != a {
					mergeSenses(nounIdx, a, orig[b])
					mergeSenses(nounIdx, b, orig[a])
				}
			}
		}
	}

	// Derivational links between person senses and verbs: noun lemma -> verb lemmas.
	nounVerbs := map[string]map[string]bool{}
	verbNouns := map[string]map[string]bool{}
	for _, s := range nouns {
		if !s.person {
			continue
		}
		for _, d := range s.derivs {
			v := verbs[d.verb]
			if v == nil {
				continue
			}
			var ns, vs []string
			if d.src == 0 {
				ns = s.lemmas
			} else if d.src <= len(s.lemmas) {
				ns = s.lemmas[d.src-1 : d.src]
			}
			if d.target == 0 {
				vs = v.lemmas
			} else if d.target <= len(v.lemmas) {
				vs = v.lemmas[d.target-1 : d.target]
			}
			for _, n := range ns {
				for _, vl := range vs {
					add(nounVerbs, n, vl)
					add(verbNouns, vl, n)
				}
			}
		}
	}
	// A lemma of a person synset with no link of its own takes its synonyms' (coxswain: cox,
	// linked through the synonym "cox"); own links only, so the order of synsets is irrelevant.
	own := map[string]map[string]bool{}
	for l, vs := range nounVerbs {
		own[l] = map[string]bool{}
		for v := range vs {
			own[l][v] = true
		}
	}
	for _, s := range nouns {
		if !s.person {
			continue
		}
		var shared []string
		for _, l := range s.lemmas {
			for v := range own[l] {
				shared = append(shared, v)
			}
		}
		for _, l := range s.lemmas {
			if len(own[l]) > 0 {
				continue
			}
			for _, v := range shared {
				add(nounVerbs, l, v)
				add(verbNouns, v, l)
			}
		}
	}

	must(os.MkdirAll(*out, 0o755))

	// nouns.txt
	var b bytes.Buffer
	for _, l := range sortedKeys(nounIdx) {
		e := nounIdx[l]
		nums := make([]string, 0, len(e.senses))
		for _, o := range e.senses {
			nums = append(nums, strconv.Itoa(nouns[o].idx))
		}
		fmt.Fprintf(&b, "%s\t%d\t%s\t%s\n", l, e.tagged, strings.Join(nums, " "), strings.Join(sortedKeys(nounVerbs[l]), ","))
	}
	write(filepath.Join(*out, "nouns.txt"), b.Bytes())

	// verbs.txt
	b.Reset()
	for _, l := range sortedKeys(verbIdx) {
		fmt.Fprintf(&b, "%s\t%d\t%s\n", l, verbIdx[l].tagged, strings.Join(sortedKeys(verbNouns[l]), ","))
	}
	write(filepath.Join(*out, "verbs.txt"), b.Bytes())

	// synsets.txt
	b.Reset()
	for _, o := range offs {
		s := nouns[o]
		hs := make([]string, 0, len(s.hypers))
		for _, h := range s.hypers {
			hs = append(hs, strconv.Itoa(nouns[h].idx))
		}
		fmt.Fprintf(&b, "%s\t%c\t%s\t%s\n", strings.Join(hs, " "), s.cat, strings.Join(s.lemmas, ","), strings.Join(glossNouns(s.gloss, nounIdx), " "))
	}
	write(filepath.Join(*out, "synsets.txt"), b.Bytes())

	// exc.txt
	b.Reset()
	for _, p := range []struct{ pos, file string }{{"n", "noun.exc"}, {"v", "verb.exc"}} {
		f, err := os.Open(filepath.Join(*wn, p.file))
		must(err)
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fs := strings.Fields(sc.Text())
			if len(fs) < 2 {
				continue
			}
			fmt.Fprintf(&b, "%s\t%s\t%s\n", p.pos, under(fs[0]), under(fs[1]))
		}
		f.Close()
	}
	write(filepath.Join(*out, "exc.txt"), b.Bytes())

	// scowl.txt: every word of the English and British lists (-ise and -ize spellings), all
	// sub-categories, lower-cased, with the smallest size it appears in.
	band := map[string]int{}
	files, err := filepath.Glob(filepath.Join(*sc, "*"))
	must(err)
	for _, f := range files {
		base := filepath.Base(f)
		dot := strings.LastIndexByte(base, '.')
		if dot < 0 {
			continue
		}
		size, err := strconv.Atoi(base[dot+1:])
		if err != nil {
			continue
		}
		name := base[:dot]
		if !strings.HasPrefix(name, "english-") && !strings.HasPrefix(name, "british-") && !strings.HasPrefix(name, "british_z-") {
			continue
		}
		data, err := os.ReadFile(f)
		must(err)
		for _, w := range strings.Split(string(data), "\n") {
			w = strings.ToLower(strings.TrimSpace(w))
			if w == "" || strings.ContainsAny(w, "\t") {
				continue
			}
			if old, ok := band[w]; !ok || size < old {
				band[w] = size
			}
		}
	}
	byBand := map[int]*bytes.Buffer{}
	for _, w := range sortedKeys(band) {
		if byBand[band[w]] == nil {
			byBand[band[w]] = &bytes.Buffer{}
		}
		byBand[band[w]].WriteString(w + "\n")
	}
	for size, buf := range byBand {
		name := fmt.Sprintf("scowl-%02d.txt", size)
		if size == 95 {
			name += ".gz"
		}
		write(filepath.Join(*out, name), buf.Bytes())
	}
	log.Printf("nouns %d, verbs %d, synsets %d, scowl words %d, person noun-verb links %d",
		len(nounIdx), len(verbIdx), len(offs), len(band), len(nounVerbs))
}

var glossStop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or of in on at to for with by from as into onto that which who whom
		whose this these those it its is are was were be been being has have had do does something someone somebody
		person people one ones thing things kind kinds sort type part use used usually especially often any
		some other such more most very not no`) {
		glossStop[w] = true
	}
}

// glossNouns are the first six distinct nouns of a gloss (in their WordNet lemma form where
// the plain plural "-s"/"-es" leads to one).
func glossNouns(g string, nounIdx map[string]*indexEntry) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(g), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if len(w) < 3 || glossStop[w] {
			continue
		}
		l := ""
		for _, c := range []string{w, strings.TrimSuffix(w, "s"), strings.TrimSuffix(w, "es")} {
			if nounIdx[c] != nil {
				l = c
				break
			}
		}
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		out = append(out, l)
		if len(out) == 6 {
			break
		}
	}
	return out
}

type indexEntry struct {
	senses []string
	tagged int
}

func readIndex(path string) map[string]*indexEntry {
	f, err := os.Open(path)
	must(err)
	defer f.Close()
	m := map[string]*indexEntry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue
		}
		fs := strings.Fields(line)
		synCnt, _ := strconv.Atoi(fs[2])
		pCnt, _ := strconv.Atoi(fs[3])
		tagged, _ := strconv.Atoi(fs[5+pCnt])
		senses := fs[6+pCnt:]
		if len(senses) != synCnt {
			log.Fatalf("bad index line %q", line)
		}
		m[under(fs[0])] = &indexEntry{senses: append([]string(nil), senses...), tagged: tagged}
	}
	must(sc.Err())
	return m
}

func readData(path string, noun bool) map[string]*synset {
	f, err := os.Open(path)
	must(err)
	defer f.Close()
	m := map[string]*synset{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue
		}
		gloss := ""
		if bar := strings.Index(line, " | "); bar >= 0 {
			gloss = line[bar+3:]
			line = line[:bar]
			if q := strings.IndexAny(gloss, ";\""); q >= 0 {
				gloss = gloss[:q]
			}
		}
		fs := strings.Fields(line)
		s := &synset{offset: fs[0], gloss: gloss}
		wCnt, _ := strconv.ParseInt(fs[3], 16, 32)
		i := 4
		for k := 0; k < int(wCnt); k++ {
			w := fs[i]
			if p := strings.IndexByte(w, '('); p > 0 {
				w = w[:p]
			}
			s.lemmas = append(s.lemmas, under(w))
			i += 2
		}
		pCnt, _ := strconv.Atoi(fs[i])
		i++
		for k := 0; k < pCnt; k++ {
			sym, off, pos, st := fs[i], fs[i+1], fs[i+2], fs[i+3]
			i += 4
			switch {
			case (sym == "@" || sym == "@i") && pos == "n":
				s.hypers = append(s.hypers, off)
			case sym == "+" && noun && pos == "v":
				src, _ := strconv.ParseInt(st[:2], 16, 32)
				tgt, _ := strconv.ParseInt(st[2:], 16, 32)
				s.derivs = append(s.derivs, deriv{src: int(src), verb: off, target: int(tgt)})
			}
		}
		m[s.offset] = s
	}
	must(sc.Err())
	return m
}

// senseOf resolves "lemma#n" to the offset of the lemma's n-th noun sense.
func senseOf(idx map[string]*indexEntry, s string) string {
	h := strings.IndexByte(s, '#')
	n, _ := strconv.Atoi(s[h+1:])
	e := idx[under(s[:h])]
	if e == nil || n < 1 || n > len(e.senses) {
		return ""
	}
	return e.senses[n-1]
}

// nearest is the category of the closest anchor above o (breadth first); 'O' when none.
func nearest(nouns map[string]*synset, o string, anchorCat map[string]byte) byte {
	frontier := []string{o}
	seen := map[string]bool{o: true}
	for len(frontier) > 0 {
		var best byte
		for _, f := range frontier {
			if c, ok := anchorCat[f]; ok {
				if best == 0 || catRank(c) < catRank(best) {
					best = c
				}
			}
		}
		if best != 0 {
			return best
		}
		var next []string
		for _, f := range frontier {
			for _, h := range nouns[f].hypers {
				if !seen[h] {
					seen[h] = true
					next = append(next, h)
				}
			}
		}
		frontier = next
	}
	return 'O'
}

// catRank breaks ties between anchors at the same distance: the more specific kinds first.
func catRank(c byte) int {
	return strings.IndexByte("HFMRSAPLW", c)
}

func mergeSenses(idx map[string]*indexEntry, a string, more []string) {
	ea := idx[a]
	if ea == nil {
		return
	}
	have := map[string]bool{}
	for _, s := range ea.senses {
		have[s] = true
	}
	for _, s := range more {
		if !have[s] {
			ea.senses = append(ea.senses, s)
		}
	}
}

func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

func under(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", " ")) }

func add(m map[string]map[string]bool, k, v string) {
	if m[k] == nil {
		m[k] = map[string]bool{}
	}
	m[k][v] = true
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func write(path string, data []byte) {
	if !strings.HasSuffix(path, ".gz") {
		must(os.WriteFile(path, data, 0o644))
		return
	}
	var b bytes.Buffer
	z, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	must(err)
	_, err = z.Write(data)
	must(err)
	must(z.Close())
	must(os.WriteFile(path, b.Bytes(), 0o644))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
