// Command gen writes internal/conduct/data/valence.tsv from the VADER sentiment lexicon
// (vader_lexicon.txt of github.com/cjhutto/vaderSentiment, MIT licence): one line per
// word, "word<TAB>mean valence" (-4 very negative .. +4 very positive, the mean of ten
// human ratings), for the entries that are words (letters, with inner apostrophes or
// hyphens), not emoticons or abbreviations with symbols. See data/SOURCES.md.
//
//	go run ./internal/conduct/internal/gen -vader /tmp/src/vader_lexicon.txt -out internal/conduct/data/valence.tsv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strconv"
	"strings"
)

func word(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c >= 'a' && c <= 'z') || ((c == '\'' || c == '-') && i > 0 && i+1 < len(s)) {
			continue
		}
		return false
	}
	return true
}

func main() {
	in := flag.String("vader", "", "path of vader_lexicon.txt")
	out := flag.String("out", "internal/conduct/data/valence.tsv", "output file")
	flag.Parse()
	f, err := os.Open(*in)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	type entry struct {
		w string
		v float64
	}
	var es []entry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 2 || !word(fs[0]) {
			continue
		}
		v, err := strconv.ParseFloat(fs[1], 64)
		if err != nil {
			log.Fatalf("%q: %v", sc.Text(), err)
		}
		es = append(es, entry{fs[0], v})
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	sort.Slice(es, func(i, j int) bool { return es[i].w < es[j].w })
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "%s\t%s\n", e.w, strconv.FormatFloat(e.v, 'f', -1, 64))
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d words", len(es))
}
