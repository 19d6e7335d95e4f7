package extract

// clauseWords start a new clause when a person follows them ("... and she was taken
// in", "... so he can't drive").
var clauseWords = map[string]bool{
	"and": true, "but": true, "so": true, "because": true, "cos": true, "as": true, "while": true,
	"whereas": true, "although": true, "though": true, "then": true, "which": true, "who": true,
	"when": true, "after": true, "before": true, "until": true, "since": true, "if": true, "whilst": true,
	"plus": true, "now": true,
}

// clauseBreak reports whether a new clause starts at token i.
func (s *scan) clauseBreak(i int) bool {
	if i <= 0 {
		return true
	}
	t := &s.toks[i]
	if t.nl > 0 {
		return true
	}
	p := s.lo(i - 1)
	switch p {
	case ";", "(", ")", "—", "–", "•", "*":
		return true
	case ":":
		return t.gap > 0
	case "-":
		return s.toks[i-1].gap > 0 && t.gap > 0
	case ",":
		return s.subjectMentionAt(i, 0)
	}
	if clauseWords[p] && s.toks[i-1].kind == tokWord {
		return s.subjectMentionAt(i, 1)
	}
	return false
}

// subjectMentionAt reports a mention of a person (not the narrating author) starting
// at token i, or one word later after a determiner, or (mods 1) after a determiner
// and one modifier ("and a different man in his 30s", "but an older lady"). After a
// bare comma the modifier is not allowed: ", a dialysis patient" is an apposition.
func (s *scan) subjectMentionAt(i, mods int) bool {
	for k := i; k <= i+1+mods && k < len(s.toks); k++ {
		if mi := s.mentionStartingAt(k); mi >= 0 {
			m := &s.mentions[mi]
			return m.kind != mAuthor || s.authorSelf(m.i)
		}
		if k == i {
			if _, ok := determiners[s.lo(k)]; !ok {
				return false
			}
		} else if s.toks[k].kind != tokWord || clauseWords[s.lo(k)] {
			return false
		}
	}
	return false
}

func (s *scan) mentionStartingAt(k int) int {
	for mi := range s.mentions {
		if s.mentions[mi].i == k {
			return mi
		}
		if s.mentions[mi].i > k {
			break
		}
	}
	return -1
}

// clauseTopics gives every token the person its clause is about: the first person the
// clause mentions (not counting the author narrating: "I saw him" is about him), or the
// topic carried over from the clause or sentence before. -1 where nobody is.
func (s *scan) clauseTopics() {
	n := len(s.toks)
	if cap(s.topic) < n {
		s.topic = make([]int32, n, n+16)
	} else {
		s.topic = s.topic[:n]
	}
	carried := int32(-1)
	mi := 0
	for si := range s.sent {
		st := &s.sent[si]
		i := st.start
		for i < st.end {
			// One clause: [i, j).
			j := i + 1
			for j < st.end && !s.clauseBreak(j) {
				j++
			}
			topic := int32(-1)
			for mi < len(s.mentions) && s.mentions[mi].i < i {
				mi++
			}
			for k := mi; k < len(s.mentions) && s.mentions[k].i < j; k++ {
				m := &s.mentions[k]
				if m.person < 0 {
					continue
				}
				if m.kind == mAuthor && !s.authorSelf(m.i) && !s.authorPossessesSelf(m.i) {
					continue
				}
				if m.kind == mRole && m.agent && m.i > i+2 {
					continue // "called the coastguard": not what the clause is about
				}
				if k+1 < len(s.mentions) && s.possessorOf(m, &s.mentions[k+1]) && s.mentions[k+1].person >= 0 {
					// "Her mum had breast cancer": the clause is about the mum, not
					// about the woman whose mum she is.
					m = &s.mentions[k+1]
				}
				topic = int32(m.person)
				break
			}
			if topic < 0 {
				topic = carried
			}
			for k := i; k < j; k++ {
				s.topic[k] = topic
			}
			carried = topic
			i = j
		}
		// A paragraph break ends the carried topic only when the next sentence names
		// someone; otherwise the topic runs on ("Re the boy.\\n\\nHis mum says ...").
	}
}

// possessorOf reports a possessive pronoun or noun that heads a noun phrase about a
// relative: "her mum", "his late wife", "the patient's daughter".
func (s *scan) possessorOf(m, next *mention) bool {
	if next.kind != mRelative || next.i <= m.i || next.i > m.j+2 {
		return false
	}
	switch s.lo(m.i) {
	case "his", "their":
	case "her":
		if !s.possessiveHer(m.i) {
			return false
		}
	default:
		if !(s.is(m.j, "'") || s.is(m.j, "'s")) {
			return false
		}
	}
	for k := m.j; k < next.i; k++ {
		switch s.lo(k) {
		case "late", "older", "younger", "elder", "eldest", "youngest", "twin", "own", "'", "'s", "s", "new", "ex", "-":
		default:
			return false
		}
	}
	return true
}

// authorPossessesSelf reports "my own", "myself", "my age", "my health": the author's
// own details.
func (s *scan) authorPossessesSelf(i int) bool {
	if s.lo(i) == "myself" {
		return true
	}
	if s.lo(i) != "my" {
		return false
	}
	switch s.lo2(i + 1) {
	case "own", "age", "health", "diagnosis", "pregnancy", "cancer", "surgery", "treatment", "body", "bloods", "results", "scan", "gp", "symptoms", "condition":
		return true
	}
	return false
}
