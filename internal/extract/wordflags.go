package extract

// Word flags: every word the matchers trigger on, from every small table, merged into
// one map so that each token costs one look-up; the matchers then skip tokens whose
// flags say they cannot start anything.

type wordFlag uint32

const (
	fTitle wordFlag = 1 << iota
	fRelative
	fStaff
	fTalk
	fCredential
	fAware
	fInstitution // institution heads and their first words, ward, HMP, saint
	fMonth
	fOrdinal
	fNumberWord
	fDecade
	fAgeTrigger
	fPhraseStart // first word of a dictionary phrase
	fPrep        // a place preposition
	fCue         // a subject cue word (see cueWords)
	fHospital    // first word of a hospital-number phrase
	fTermStart   // first word of a non-place term (condition, occupation, ethnicity...)
	fActVerb     // a verb of a person acting ("called", "visited", "is")
	// Gates for word lists looked for near a candidate (see flaggedBefore): each
	// marks the first words of its list's phrases.
	fVehicle // vehicleWords
	fMoved   // movedWords
	fVital   // vitalWords
	fAround  // aroundWords
	// Prefilters: a token without the flag cannot be the word (the matcher still
	// compares the word itself).
	fIndirect     // the words matchIndirectPlaces starts from ("only", "boards")
	fFirstName    // a known first name (lexicon.firstNames)
	fPlaceCue     // a word a place cue starts from (placeTriggerWords)
	fAddressLabel // "address", which an address follows
	fNameCue      // a word a name is written after (matchWrittenNames)
	fHouse        // a word that closes a house's name (houseWords)
	fAt           // "at" and "@", where a disguised address turns
	fStreet       // a word that names a street without a number (strongStreetWords)
)

// Word lists looked for before a candidate, gated by a word flag so that the
// look-back runs only when a first word is present.
var (
	vehicleWords     = []string{"reg", "registration", "numberplate", "plate", "car", "vehicle", "van"}
	vehicleWordsMore = []string{"reg", "registration", "numberplate", "plate", "car", "vehicle", "van", "registered", "vehicles", "reg."}
	movedWords       = []string{"transfer", "transferred", "transfered", "trans", "admitted", "moved", "go", "went", "returned", "sent", "transferring", "tx", "xfer", "readmitted"}
	aroundWords      = []string{"between", "outskirts", "north", "south", "east", "west", "centre", "town", "city", "village"}
	vitalWords       = []string{"sat", "sats", "o2", "o2sats", "02sat", "spo2", "hr", "rate", "bp", "temp", "pulse", "sbp", "dbp", "map", "glucose", "bs", "saturations", "saturating", "sating"}
)

// flaggedBefore is hasWordsBefore for a list whose first words all carry flag f:
// tokens without the flag cannot start a phrase of the list and are skipped, and
// the whole look-back is skipped when no token of the text has the flag.
func (s *scan) flaggedBefore(f wordFlag, i, n int, words ...string) bool {
	if s.allFlags&f == 0 {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-n; k-- {
		if k < len(s.wf) && s.wf[k]&f != 0 && s.anyPhraseAt(k, words) {
			return true
		}
	}
	return false
}

// addFirstWords flags the first word of each phrase.
func addFirstWords(add func(wordFlag, ...string), f wordFlag, phrases []string) {
	for _, p := range phrases {
		for i := 0; i <= len(p); i++ {
			if i == len(p) || p[i] == ' ' {
				add(f, p[:i])
				break
			}
		}
	}
}

// wordInfo is what one look-up tells about a word.
type wordInfo struct {
	flags wordFlag
	cue   cueFlags
	// ref is the n-gram table's reference for the word alone (see ngramTable),
	// kept for phrase starts so that the n-gram scan need not look it up again.
	ref uint32
}

// wordKey is the 64-bit FNV-1a hash of a lower-case word, the key of the word-flag
// table (computed once per token by the tokeniser).
func wordKey(w string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= fnvPrime
	}
	return h
}

func buildWordFlags(l *lexicon) *hashTable[wordInfo] {
	m := map[string]wordInfo{}
	add := func(f wordFlag, words ...string) {
		for _, w := range words {
			wi := m[w]
			wi.flags |= f
			m[w] = wi
		}
	}
	for w := range l.phraseStarts {
		add(fPhraseStart, w)
	}
	for w := range personVerbs {
		add(fActVerb, w)
	}
	add(fActVerb, "is", "was")
	for w := range l.termStarts {
		add(fTermStart, w)
	}
	add(fPrep, "in", "from", "to", "near", "at", "around", "outside", "visiting", "towards", "via", "of", "between", "and", "@", "into", "on", "beyond", "past", "above", "below", "off")
	for w, c := range cueWords {
		wi := m[w]
		wi.flags |= fCue
		wi.cue = c
		m[w] = wi
	}
	// Words the sentence pass inspects beyond cueWords.
	add(fCue, "patient", "saw", "seen", "see", "reviewed", "examined", "visited", "treated", "looked",
		"came", "come", "rolled", "turned", "i", "im", "myself", "me", "we", "our", "us", "my", "or",
		"man", "woman", "boy", "girl", "baby", "child", "toddler", "teenager", "infant", "lad", "lass",
		"grandmother", "grandfather", "gran", "grandad", "nan")
	for w := range titles {
		add(fTitle, w)
	}
	for w := range relativeWords {
		add(fRelative, w)
	}
	for w := range staffWords {
		add(fStaff, w)
	}
	for w := range talkVerbs {
		add(fTalk, w)
	}
	for w, ok := range credentials {
		if ok {
			add(fCredential, w)
		}
	}
	for w := range awareWords {
		add(fAware, w)
	}
	for h := range institutionHeads {
		first := h
		for i := 0; i < len(h); i++ {
			if h[i] == ' ' {
				first = h[:i]
				break
			}
		}
		add(fInstitution, first)
	}
	add(fInstitution, "ward", "bay", "bed", "hmp", "hmyoi", "hmp/yoi", "st", "saint")
	for w := range monthNames {
		add(fMonth, w)
	}
	for w := range ordinalWords {
		add(fOrdinal, w)
	}
	for w := range numberWords {
		add(fNumberWord, w)
	}
	for w := range digitWords {
		add(fNumberWord, w)
	}
	add(fNumberWord, "double", "triple", "treble", "thousand", "hundred")
	for w := range decadeWords {
		add(fDecade, w)
	}
	add(fAgeTrigger, "year", "turned", "turning", "turns")
	for _, p := range hospitalWords {
		for i := 0; i <= len(p); i++ {
			if i == len(p) || p[i] == ' ' {
				add(fHospital, p[:i])
				break
			}
		}
	}
	addFirstWords(add, fVehicle, vehicleWords)
	addFirstWords(add, fVehicle, vehicleWordsMore)
	addFirstWords(add, fMoved, movedWords)
	addFirstWords(add, fVital, vitalWords)
	addFirstWords(add, fAround, aroundWords)
	addFirstWords(add, fHospital, hospitalWords)
	add(fIndirect, "only", "boards", "boarding", "boarder", "pupil", "attends")
	add(fPlaceCue, placeTriggerWords()...)
	add(fAddressLabel, "address")
	for w := range patientWords {
		add(fNameCue, w)
	}
	for w := range childWords {
		add(fNameCue, w)
	}
	add(fNameCue, "name", "called", "dear", "re")
	add(fAt, "at", "@")
	for w := range houseWords {
		add(fHouse, w)
	}
	for w := range strongStreetWords {
		add(fStreet, w)
	}
	for w := range l.firstNames {
		add(fFirstName, w)
	}
	out := newHashTable[wordInfo](len(m))
	for w, wi := range m {
		if wi.flags&fPhraseStart != 0 {
			wi.ref, _ = l.ngrams.refs.get(ngramAdd(fnvOffset, wordKey(w)))
		}
		out.put(wordKey(w), wi)
	}
	return out
}

// nextFlag returns the first token from i on with any of the flags f, or
// len(s.toks): matchers whose every start needs a flag jump between such tokens
// instead of testing each token in between.
func (s *scan) nextFlag(i int, f wordFlag) int {
	if s.allFlags&f == 0 {
		return len(s.toks)
	}
	wf := s.wf
	for i < len(wf) && wf[i]&f == 0 {
		i++
	}
	return max(i, 0)
}

// flag returns token i's word flags (see wordFlag).
func (s *scan) flag(i int) wordFlag {
	if i < 0 || i >= len(s.wf) {
		return 0
	}
	return s.wf[i]
}
