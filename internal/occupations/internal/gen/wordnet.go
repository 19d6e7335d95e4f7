package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// wnSynset is one WordNet synset as the generator needs it.
type wnSynset struct {
	offset   string
	pos      byte
	lemmas   []string // as written (case kept), underscores as spaces
	gloss    string   // definition only, examples removed
	hypers   []string // @ (not instance) hypernym offsets
	instance bool     // has an @i pointer: a named individual
	derivs   []wnDeriv
}

type wnDeriv struct {
	src, target int // 1-based word numbers; 0 = whole synset
	verb        string
}

type wordnet struct {
	nouns, verbs map[string]*wnSynset
	nounIndex    map[string][]string // lower-case lemma -> noun synset offsets in sense order
}

func loadWordNet(dir string) (*wordnet, error) {
	w := &wordnet{}
	var err error
	if w.nouns, err = readSynsets(filepath.Join(dir, "data.noun"), 'n'); err != nil {
		return nil, err
	}
	if w.verbs, err = readSynsets(filepath.Join(dir, "data.verb"), 'v'); err != nil {
		return nil, err
	}
	w.nounIndex = map[string][]string{}
	f, err := os.Open(filepath.Join(dir, "index.noun"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue
		}
		fs := strings.Fields(line)
		n, _ := strconv.Atoi(fs[2])
		w.nounIndex[strings.ReplaceAll(fs[0], "_", " ")] = fs[len(fs)-n:]
	}
	return w, sc.Err()
}

func readSynsets(path string, pos byte) (map[string]*wnSynset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]*wnSynset{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue
		}
		s := &wnSynset{pos: pos}
		if bar := strings.Index(line, " | "); bar >= 0 {
			s.gloss = line[bar+3:]
			line = line[:bar]
			if q := strings.Index(s.gloss, "; \""); q >= 0 {
				s.gloss = s.gloss[:q]
			}
			s.gloss = strings.TrimSpace(s.gloss)
		}
		fs := strings.Fields(line)
		s.offset = fs[0]
		wCnt, _ := strconv.ParseInt(fs[3], 16, 32)
		i := 4
		for k := 0; k < int(wCnt); k++ {
			lw := fs[i]
			if p := strings.IndexByte(lw, '('); p > 0 {
				lw = lw[:p]
			}
			s.lemmas = append(s.lemmas, strings.ReplaceAll(lw, "_", " "))
			i += 2
		}
		pCnt, _ := strconv.Atoi(fs[i])
		i++
		for k := 0; k < pCnt; k++ {
			sym, off, ppos, st := fs[i], fs[i+1], fs[i+2], fs[i+3]
			i += 4
			switch {
			case sym == "@" && ppos == "n":
				s.hypers = append(s.hypers, off)
			case sym == "@i":
				s.instance = true
			case sym == "+" && pos == 'n' && ppos == "v":
				src, _ := strconv.ParseInt(st[:2], 16, 32)
				tgt, _ := strconv.ParseInt(st[2:], 16, 32)
				s.derivs = append(s.derivs, wnDeriv{src: int(src), target: int(tgt), verb: off})
			}
		}
		m[s.offset] = s
	}
	return m, sc.Err()
}

// isPersonSynset reports whether a noun synset is person#1 or below it (not an instance).
func (w *wordnet) isPersonSynset(off string, memo map[string]bool) bool {
	if v, ok := memo[off]; ok {
		return v
	}
	memo[off] = false // cycles
	s := w.nouns[off]
	if s == nil || s.instance {
		return false
	}
	if s.offset == w.nounIndex["person"][0] {
		memo[off] = true
		return true
	}
	for _, h := range s.hypers {
		if w.isPersonSynset(h, memo) {
			memo[off] = true
			return true
		}
	}
	return false
}

// hyperLemmas are the lower-case lemmas up to depth levels above a synset, by level.
func (w *wordnet) hyperLemmas(s *wnSynset, depth int) [][]string {
	var out [][]string
	frontier := []*wnSynset{s}
	for d := 0; d < depth; d++ {
		var next []*wnSynset
		var level []string
		for _, f := range frontier {
			for _, h := range f.hypers {
				hs := w.nouns[h]
				if hs == nil {
					continue
				}
				next = append(next, hs)
				for _, l := range hs.lemmas {
					level = append(level, strings.ToLower(l))
				}
			}
		}
		out = append(out, level)
		frontier = next
	}
	return out
}

// verbsOf are the verb lemmas a noun synset's word links to derivationally; when the word
// itself has no link, those of its synonyms (coxswain: cox, through "cox").
func (w *wordnet) verbsOf(s *wnSynset, lemma string) []string {
	if out := w.verbsOfWord(s, lemma); len(out) > 0 {
		return out
	}
	return w.verbsOfWord(s, "")
}

func (w *wordnet) verbsOfWord(s *wnSynset, lemma string) []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range s.derivs {
		if lemma != "" && d.src > 0 && (d.src > len(s.lemmas) || !strings.EqualFold(s.lemmas[d.src-1], lemma)) {
			continue
		}
		v := w.verbs[d.verb]
		if v == nil {
			continue
		}
		for i, l := range v.lemmas {
			if d.target > 0 && i != d.target-1 {
				continue
			}
			l = strings.ToLower(l)
			if !seen[l] && !strings.Contains(l, " ") {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	return out
}

// verbGloss is the gloss of a verb synset that has the lemma and was linked from s.
func (w *wordnet) verbGloss(s *wnSynset, verb string) string {
	for _, d := range s.derivs {
		v := w.verbs[d.verb]
		if v == nil {
			continue
		}
		for _, l := range v.lemmas {
			if strings.EqualFold(l, verb) {
				return v.gloss
			}
		}
	}
	return ""
}
