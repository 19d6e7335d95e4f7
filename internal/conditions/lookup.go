package conditions

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Lookup returns the senses of a phrase: a name, synonym, adjective or person form
// ("epileptic", "a dialysis patient", "amputees") or an abbreviation, most likely first.
//
// Case decides abbreviations: a phrase written without lower-case letters ("MS", "PE")
// or exactly as an abbreviation is written ("HFrEF", "axSpA") is looked up as one; a
// phrase with lower-case letters ("ms", "Ms", "pe") is an ordinary word unless the
// abbreviation is no English word and has three letters or more ("copd", "t2dm").
// A phrase that is both a name and an abbreviation ("COPD") gets the senses of both.
func (x *Index) Lookup(phrase string) []Sense {
	p := strings.Join(strings.Fields(phrase), " ")
	p = strings.Trim(p, ".,;:!?\"'()")
	if p == "" {
		return nil
	}
	var out []Sense
	key := strings.ToUpper(p)
	isAbbr := false
	if ss, ok := x.abbr[key]; ok {
		switch {
		case !hasLower(p):
			isAbbr = true
		case x.lowerOK[key] && (p == strings.ToLower(p)):
			isAbbr = true
		default:
			for _, f := range x.forms[key] {
				if f == p && hasLower(f) {
					isAbbr = true
				}
			}
		}
		if isAbbr {
			out = append(out, ss...)
		}
	}
	low := strings.ToLower(stripArticle(p))
	cs := x.names[low]
	if len(cs) == 0 && strings.HasSuffix(low, "s") {
		cs = x.names[strings.TrimSuffix(low, "s")] // "diabetics", "amputees" are stored; "strokes" is not
	}
	if len(cs) > 0 {
		// A name names its condition outright; it outweighs any abbreviation sense.
		var named []Sense
		for _, c := range cs {
			named = append(named, Sense{Condition: c, Meaning: c.Name, Weight: 1})
		}
		if len(out) > 0 {
			for i := range out {
				out[i].Weight *= 0.5
			}
			for i := range named {
				named[i].Weight = 0.5 / float64(len(named))
			}
			return mergeSenses(named, out)
		}
		return normalise(named)
	}
	return out
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

func stripArticle(p string) string {
	l := strings.ToLower(p)
	for _, a := range []string{"a ", "an ", "the "} {
		if strings.HasPrefix(l, a) {
			return p[len(a):]
		}
	}
	return p
}

// mergeSenses joins name senses and abbreviation senses, one sense per condition.
func mergeSenses(a, b []Sense) []Sense {
	out := append([]Sense(nil), a...)
	for _, s := range b {
		merged := false
		for i := range out {
			if s.Condition != nil && out[i].Condition == s.Condition {
				out[i].Weight += s.Weight
				out[i].Context = s.Context
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, s)
		}
	}
	return normalise(out)
}

// contextBonus is the log-odds one favouring word adds to a sense: enough for one
// telling word ("teacher" by "PE") to overturn a prior of about 1 in 300.
const contextBonus = 6.0

// Choose picks the sense of phrase that the nearby words favour, and says how likely
// it is (0..1). Each sense scores its log prior weight plus contextBonus for each
// distinct nearby word among its context words (a trailing plural s is ignored). The
// condition is nil when the phrase has no sense or the best sense is no condition
// ("PE" near "teacher" is physical education).
func (x *Index) Choose(phrase string, context []string) (*Condition, float64) {
	s, p := x.ChooseSense(phrase, context)
	return s.Condition, p
}

// ChooseSense is Choose returning the whole sense, so that a caller can see what a
// phrase that names no condition stands for.
func (x *Index) ChooseSense(phrase string, context []string) (Sense, float64) {
	ss := x.Lookup(phrase)
	if len(ss) == 0 {
		return Sense{}, 0
	}
	near := map[string]bool{}
	for _, w := range context {
		for _, t := range strings.FieldsFunc(strings.ToLower(w), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
		}) {
			near[t] = true
			near[strings.TrimSuffix(t, "s")] = true
		}
	}
	scores := make([]float64, len(ss))
	best := 0
	for i, s := range ss {
		sc := math.Log(math.Max(s.Weight, 1e-9))
		seen := map[string]bool{}
		for _, w := range s.Context {
			w = strings.ToLower(w)
			base := strings.TrimSuffix(w, "s")
			if (near[w] || near[base]) && !seen[base] {
				seen[base] = true
				sc += contextBonus
			}
		}
		scores[i] = sc
		if sc > scores[best] {
			best = i
		}
	}
	sum := 0.0
	for _, sc := range scores {
		sum += math.Exp(sc - scores[best])
	}
	return ss[best], 1 / sum
}

// gestation matches obstetric notation of weeks and days ("32+4", "28 + 0", "39+6/40").
func gestationIn(t string) []string {
	if !strings.ContainsAny(t, "0123456789") {
		return nil
	}
	return gestation.FindStringSubmatch(t)
}

var gestation = regexp.MustCompile(`\b([1-4]?\d)(?:\s?\+\s?([0-6])(?:/40)?\b|/40\b)`)

// leading words that say a term is being taken or was found, not part of its name.
var leadIn = []string{"started on ", "taking ", "takes ", "on ", "prescribed ", "a ", "an ", "the ",
	"his ", "her ", "their ", "positive ", "raised ", "high ", "abnormal ", "low "}

// StartsImplied reports whether an implying term of two or more words begins with the
// lower-case word w ("sweat" of "sweat test").
func (x *Index) StartsImplied(w string) bool { return x.implHeads[w] }

// ImpliedBy returns the conditions a drug, brand, test, score or finding points to,
// strongest first: "riluzole" (motor neurone disease), "Ofev", "on clozapine", "a
// positive sweat test", "EDSS 6.5", "Gleason 3+4", "32+4 with twins". Terms written
// in capitals in the tables ("PSA", "EDSS") match in any case only when they are
// three letters or more; shorter ones must be written in capitals.
func (x *Index) ImpliedBy(term string) []Implication {
	t := strings.Join(strings.Fields(term), " ")
	t = strings.Trim(t, ".,;:!?\"'()")
	if t == "" {
		return nil
	}
	best := map[*Condition]float64{}
	add := func(is []Implication) {
		for _, i := range is {
			if i.Strength > best[i.Condition] {
				best[i.Condition] = i.Strength
			}
		}
	}
	try := func(s string) bool {
		found := false
		if is, ok := x.impl[strings.ToLower(s)]; ok {
			add(is)
			found = true
		}
		up := "=" + strings.ToUpper(s)
		if is, ok := x.impl[up]; ok && (!hasLower(s) || len(s) >= 3) {
			add(is)
			found = true
		}
		// "Gleason 3+4", "EDSS 6.5", "FEV1 of 45%": the name before the numbers.
		if !found {
			if i := strings.IndexFunc(s, unicode.IsDigit); i > 2 && !strings.ContainsAny(s[:i], "0123456789") {
				head := strings.TrimSpace(strings.TrimRight(s[:i], " :=of"))
				if head != s && head != "" {
					return tryHead(x, head, add)
				}
			}
		}
		return found
	}
	s := t
	for {
		if try(s) {
			break
		}
		l := strings.ToLower(s)
		cut := false
		for _, w := range leadIn {
			if strings.HasPrefix(l, w) && len(s) > len(w) {
				s = s[len(w):]
				cut = true
				break
			}
		}
		if !cut {
			break
		}
	}
	// Gestation in weeks and days means a pregnancy; twins or triplets say which. (No
	// gestation is written without digits, and the regular expression is the costly
	// part, so it runs only on terms with one.)
	if m := gestationIn(t); m != nil {
		if wk, _ := strconv.Atoi(m[1]); wk >= 4 && wk <= 43 {
			l := strings.ToLower(t)
			if !strings.Contains(strings.ToLower(t), "gleason") {
				x.imply(best, "pregnant", 0.9)
				if wk >= 28 {
					x.imply(best, "preg3", 0.9)
				}
				switch {
				case strings.Contains(l, "twin"):
					x.imply(best, "twinpreg", 0.9)
				case strings.Contains(l, "triplet"):
					x.imply(best, "tripletpreg", 0.9)
				}
			}
		}
	}
	out := make([]Implication, 0, len(best))
	for c, s := range best {
		out = append(out, Implication{Condition: c, Strength: s})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Strength != out[j].Strength {
			return out[i].Strength > out[j].Strength
		}
		return out[i].Condition.ID < out[j].Condition.ID
	})
	return out
}

func tryHead(x *Index, head string, add func([]Implication)) bool {
	found := false
	if is, ok := x.impl[strings.ToLower(head)]; ok {
		add(is)
		found = true
	}
	if is, ok := x.impl["="+strings.ToUpper(head)]; ok && (!hasLower(head) || len(head) >= 3) {
		add(is)
		found = true
	}
	return found
}

func (x *Index) imply(best map[*Condition]float64, id string, s float64) {
	if c := x.byID[id]; c != nil && s > best[c] {
		best[c] = s
	}
}

// Phrases calls yield with every surface form of every condition: names, synonyms,
// adjective and person forms (with their plurals), and abbreviations as they are
// written ("MS", "HFrEF"). An abbreviation may name several conditions and will be
// yielded for each; Lookup says how to weigh them. Forms are yielded as stored, in
// their usual case; matchers should compare names without regard to case and
// abbreviations as written (see Lookup).
func (x *Index) Phrases(yield func(phrase string, c *Condition) bool) {
	for _, c := range x.conds {
		for _, f := range c.forms {
			if !yield(f, c) {
				return
			}
		}
	}
}

// IsAbbreviation says whether a surface form is matched as an abbreviation (by its
// case) rather than as a name.
func (x *Index) IsAbbreviation(form string) bool {
	if _, ok := x.abbr[strings.ToUpper(form)]; !ok {
		return false
	}
	return len(x.names[strings.ToLower(form)]) == 0
}

// CommonParent returns a common condition (not rare, prevalence at least 1 in 1,000)
// whose name the rare condition's name contains as whole words: "juvenile myoclonic
// epilepsy" is a kind of epilepsy, "triple-negative breast cancer" of breast cancer.
// What other people know of a patient is usually the common name, not the subtype.
// nil when there is none (or c is not rare).
func (x *Index) CommonParent(c *Condition) *Condition {
	if c == nil || !c.Rare {
		return nil
	}
	words := strings.Fields(strings.ToLower(strings.NewReplacer("-", " ", ",", " ", "(", " ", ")", " ").Replace(c.Name)))
	var best *Condition
	for i := range words {
		for j := len(words); j > i; j-- {
			if j-i == len(words) {
				continue // the whole name is c itself
			}
			for _, p := range x.names[strings.Join(words[i:j], " ")] {
				if p != c && !p.Rare && p.Prevalence >= 1e-3 && (best == nil || p.Prevalence > best.Prevalence) {
					best = p
				}
			}
		}
	}
	return best
}
