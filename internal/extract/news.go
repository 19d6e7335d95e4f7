package extract

import "github.com/mosaicgw/mosaic/internal/lexis"

// The news reader: a patient whose story has been in the papers, on the radio or on
// television, or who has won something in public, is known to everyone who saw it.
// A moderator holds such a post however ordinary the other details: the report names
// the person, or leads straight to them.
//
// It reads three things in a clause about a person: a report ("in the paper", "on the
// local news", "the one in the Evening Gazette", "Chronicle p3", "ITV Tyne Tees filming",
// "went viral"), a public win or record ("won best in show at the county show",
// "crowned champion", "record attempt"), and an emergency that draws a crowd and a
// report ("coastguard", "airlifted", "the helicopter", "went missing", "stranded on
// the fells").

// mediaHeads end the names of newspapers and programmes ("the Evening Gazette", "the
// Chronicle", "Points West").
var mediaHeads = map[string]bool{
	"times": true, "echo": true, "gazette": true, "herald": true, "chronicle": true, "courier": true,
	"press": true, "advertiser": true, "mercury": true, "post": true, "journal": true, "argus": true,
	"observer": true, "telegraph": true, "mail": true, "express": true, "record": true, "news": true,
	"guardian": true, "standard": true, "examiner": true, "sentinel": true, "citizen": true, "star": true,
	"bugle": true, "reporter": true, "leader": true, "north": true, "tonight": true, "today": true,
}

// mediaWords are reports in any medium.
var mediaWords = map[string]bool{
	"paper": true, "papers": true, "newspaper": true, "newspapers": true, "news": true, "telly": true,
	"tv": true, "television": true, "radio": true, "headlines": true, "headline": true, "bbc": true,
	"itv": true, "stv": true, "utv": true, "s4c": true, "viral": true, "publicised": true, "publicized": true,
	"filming": true, "filmed": true, "documentary": true, "podcast": true, "reported": true, "coverage": true,
	"front": true, "press": true, "journalist": true, "journalists": true, "reporter": true, "reporters": true,
}

// emergencyWords are incidents that bring crowds and reports.
var emergencyWords = map[string]bool{
	"coastguard": true, "winched": true, "airlifted": true,
	"manhunt": true, "rescued": true, "stranded": true,
	"capsized": true, "overturned": true, "blaze": true, "explosion": true, "evacuated": true, "cordon": true,
	"crashed": true, "derailed": true, "mauled": true, "stabbed": true, "absconded": true, "escaped": true,
}

// achievementWords are public wins and records.
var achievementWords = map[string]bool{
	"won": true, "winner": true, "winning": true, "champion": true, "championship": true, "record": true,
	"chaired": true, "crowned": true, "medal": true, "medalled": true, "gold": true, "trophy": true,
	"title": true, "award": true, "awarded": true, "honoured": true, "mbe": true, "obe": true, "cbe": true,
	"knighted": true, "finalist": true, "centenary": true, "100th": true, "birthday": true,
	"scored": true, "goaled": true,
}

// readNews adds an event detail to the person a clause with a report, a public win
// or an emergency is about.
func (s *scan) readNews() {
	for si := range s.sent {
		st := s.sent[si]
		kind, at := "", -1
		// An incident reported in the media is the report: read on past an
		// emergency for a media word ("did a runner ..., was all over the news").
		for i := st.start; i < st.end && (kind == "" || kind == "a reported emergency"); i++ {
			w := s.lo(i)
			switch {
			case s.mediaAt(i):
				kind = "in the news"
				if at < 0 {
					at = i
				}
			case kind != "":
			case emergencyWords[w] && !s.negatedBefore(i),
				w == "missing" && (s.is(i-1, "went") || s.is(i-1, "gone") || s.is(i-1, "reported")),
				s.didARunner(i),
				(w == "search" || w == "searched") && (s.is(i+1, "party") || s.is(i+1, "team") || s.is(i+1, "operation") || s.is(i-1, "air") || s.is(i-1, "sea") || s.is(i-1, "police")):
				kind, at = "a reported emergency", i
			case achievementWords[w] && !(w == "won" && s.is(i+1, "'")) && s.achievementUse(i) && s.publicOccasionNear(i, st):
				kind, at = "a public win", i
			}
		}
		if kind == "" {
			continue
		}
		p := int(s.topicAt(at))
		if p < 0 && s.authorInSentence(si, at) {
			continue // "I was in the local paper", "I won the county show": the author's own
		}
		if p < 0 && s.sent[si].flags&cuePopulation == 0 && s.nPatients == 0 && !s.authorSpeaksOfSelf() {
			// A report with no one named in the post is still about someone: a post
			// continuing a thread about a patient ("Did the sponsored walk, Gazette
			// p2").
			m := mention{i: at, j: at + 1}
			p = s.newPerson(SubjectPatient, &m)
		}
		if p < 0 || s.persons[p].role == SubjectAuthor {
			continue
		}
		count := 2.0 // the few people a report or an incident is about
		if kind == "a reported emergency" {
			count = 5 // several incidents of a kind in a district's year
		}
		s.addOwned(p, Detail{Kind: KindEvent, Value: kind, Count: count, Confidence: 0.7}, at, at+1)
	}
}

// mediaAt reports a report in the media at token i: a media word used as one ("in the
// paper", "on the news", "was on the radio", "ITV ... filming"), or the name of a
// newspaper or programme ("the Evening Gazette", "Points West", "Chronicle p3").
func (s *scan) mediaAt(i int) bool {
	w := s.lo(i)
	if mediaHeads[w] && s.properCap(i) && !s.sentenceStart(i) && i > 0 && s.properCap(i-1) && s.toks[i-1].kind == tokWord {
		return true // "the Whitehaven News", "the Evening Gazette"
	}
	if (w == "paper" || w == "press" || w == "radio" || w == "tv") && i+1 < len(s.toks) && s.toks[i+1].kind == tokWord && lexis.IsNoun(lexis.Lemma(s.lo(i+1), lexis.Noun)) && !s.is(i+1, "last") && !s.is(i+1, "this") && !s.is(i+1, "about") && !s.is(i+1, "after") && s.wf[i+1]&fPrep == 0 && !copulas[s.lo(i+1)] && !clauseWords[s.lo(i+1)] {
		return false // "the paper towels", "the press office", "radio frequency"
	}
	if mediaWords[w] {
		switch w {
		case "viral":
			// "went viral", "has gone viral"; a viral infection is no report.
			switch s.lo2(i - 1) {
			case "went", "gone", "goes", "going", "go", "gets", "got":
				return true
			}
			return false
		case "news":
			// "good news", "bad news", "the news is": not a report.
			if s.is(i-1, "good") || s.is(i-1, "bad") || s.is(i-1, "some") || s.is(i-1, "great") || s.is(i-1, "any") || s.is(i+1, "is") {
				return false
			}
			return s.is(i-1, "the") || s.is(i-1, "local") || s.is(i-1, "evening") || s.is(i-1, "national")
		case "paper", "papers":
			return s.is(i-1, "the") || s.is(i-1, "local") && s.is(i-2, "the") || s.is(i-1, "local")
		case "front":
			return s.is(i+1, "page") || s.is(i+1, "of") && s.is(i+2, "the") && (s.is(i+3, "paper") || s.is(i+3, "papers") || mediaHeads[s.lo2(i+3)] && s.toks[min(i+3, len(s.toks)-1)].cap)
		case "reported":
			// "cases have been reported" is the literature; a report in the media names
			// it: "reported in the paper", "widely reported", "reported by the BBC".
			if s.is(i-1, "widely") || s.is(i-1, "was") && s.is(i-2, "it") {
				return true
			}
			for k := i + 1; k < len(s.toks) && k <= i+4; k++ {
				if w := s.lo(k); mediaWords[w] && w != "reported" || mediaHeads[w] && s.toks[k].cap {
					return true
				}
			}
			return false
		case "tv", "television", "telly", "radio":
			// "on TV", "on the telly", "was on the radio"; "TV lead", "TV pacing" are not.
			return s.is(i-1, "on") || s.is(i-1, "the") && s.is(i-2, "on") || s.is(i-1, "local") || s.is(i-1, "breakfast")
		case "bbc", "itv", "stv", "utv", "s4c":
			return s.toks[i].upper || s.toks[i].cap
		case "press":
			return s.is(i-1, "the") || s.is(i-1, "local")
		case "record":
			return false
		}
		return true
	}
	// A newspaper or programme: a capitalised name ending in a media head word.
	if mediaHeads[w] && s.properCap(i) && !s.sentenceStart(i) && i > 0 && s.properCap(i-1) && s.toks[i-1].kind == tokWord {
		return true
	}
	// "p1", "p3": a page of a paper named just before.
	if len(w) >= 2 && w[0] == 'p' && s.toks[i].kind == tokAlnum && i > 0 && mediaHeads[s.lo(i-1)] {
		return true
	}
	return false
}

// achievementUse reports an achievement word used as one: a record that was set or
// broken ("broke the club record", "a record attempt"), not one that is kept ("keep a
// record of it"); a title that was won or held, not a talk's.
func (s *scan) achievementUse(i int) bool {
	switch s.lo(i) {
	case "record":
		if s.is(i+1, "attempt") || s.is(i+1, "breaking") || s.is(i+1, "-") && s.is(i+2, "breaking") || s.is(i+1, "holder") {
			return true
		}
		for k := max(0, i-4); k < i; k++ {
			switch s.lo(k) {
			case "set", "sets", "setting", "broke", "broken", "breaks", "break", "beat", "beaten", "smashed",
				"holds", "held", "equalled", "world", "british", "national", "club", "county", "course":
				return true
			}
		}
		return false
	case "title":
		return s.hasWordsBefore(i, 4, "won", "win", "wins", "winning", "retained", "defended", "took", "claimed", "holds")
	case "scored":
		// "scored the winner", "scored one of last year's goals"; "scored 18 on the
		// SCAT" is a test.
		return s.hasWordsAfter(i+1, 8, "goal", "goals", "try", "tries", "winner", "winning", "century", "hat-trick", "hat")
	}
	return true
}

// publicOccasionNear reports a named occasion or competition near a win ("won best in
// show at the county show", "regional swimming champion", "turned 103 ... the mayor
// came round"): a capitalised name or a word of public competition in the
// sentence.
func (s *scan) publicOccasionNear(i int, st sentence) bool {
	for k := max(st.start, i-8); k < min(st.end, i+10); k++ {
		if k == i {
			continue
		}
		w := s.lo(k)
		switch w {
		case "county", "national", "nationals", "regional", "championships", "show", "games", "olympics",
			"commonwealth", "world", "european", "british", "scottish", "welsh", "irish", "eisteddfod", "mod",
			"class", "cup", "final", "competition", "race", "marathon", "king", "queen", "town":
			return true
		}
		if s.toks[k].cap && !s.toks[k].upper && !s.sentenceStart(k) && s.toks[k].kind == tokWord && (len(w) > 2 || s.adjacent(k, k+1) && s.is(k+1, "'")) {
			return true
		}
	}
	return false
}

// authorInSentence reports the author speaking in sentence si before token at.
func (s *scan) authorInSentence(si, at int) bool {
	for mi := range s.mentions {
		m := &s.mentions[mi]
		if m.kind == mAuthor && m.i < at && int(s.sentOf[m.i]) == si {
			return true
		}
	}
	return false
}

// authorSpeaksOfSelf reports a post in which the author says something of themself
// ("I'm 24 weeks", "my own diagnosis").
func (s *scan) authorSpeaksOfSelf() bool {
	for i := range s.toks {
		if s.authorSelf(i) || s.authorPossessesSelf(i) {
			return true
		}
	}
	return false
}
