package extract

import "testing"

// TestReadingNews covers the news reader (news.go): a media report, a public win or a
// reported emergency in a clause about a person is an event of that person's. The
// dictionary may also know the phrase ("local news", "rescue"); either way the
// patient must have an event at the words that say it.
func TestReadingNews(t *testing.T) {
	ex := newTestExtractor(t)
	P := SubjectPatient
	cases := []readCase{
		// Reports.
		{text: "Man in his 60s, he was in the local paper last week after his allotment flooded.", want: []rd{{kind: KindEvent, span: "local paper", subj: P, ref: 1}}},
		{text: "Lady in her 80s who was on the evening news for her 100th birthday.", want: []rd{{kind: KindEvent, span: "news", value: "in the news", subj: P, ref: 1}}},
		{text: "Chap in his 40s, the one in the Westmorland Gazette, with a crush injury.", want: []rd{{kind: KindEvent, span: "Gazette", subj: P, ref: 1}}},
		{text: "Lad of 15 who went viral on TikTok.", want: []rd{{kind: KindEvent, span: "went viral", subj: P, ref: 1}}},
		{text: "She's on the radio every Sunday morning presenting the folk show.", want: []rd{{kind: KindEvent, span: "radio", value: "in the news", subj: P, count: 2}}},
		{text: "Woman in her 60s on the BBC documentary about hoarding.", want: []rd{{kind: KindEvent, span: "BBC", value: "in the news", subj: P, ref: 1}}},
		{text: "Lady in her 80s, she was on Look North last night.", want: []rd{{kind: KindEvent, span: "North", value: "in the news", subj: P, ref: 1}}},
		{text: "Man in his 40s, he was on the front page of the Cumberland News after the floods.", want: []rd{{kind: KindEvent, span: "front page", subj: P, ref: 1}}},
		{text: "Our patient was filmed for the ITV documentary on A&E.", want: []rd{{kind: KindEvent, span: "filmed", value: "in the news", subj: P}}},
		// An incident that was reported is the report; "did a runner" is fleeing.
		{text: "He's the lad who did a runner from the court van in May, it was all over the news.", want: []rd{{kind: KindEvent, value: "in the news", subj: P, count: 2}}, not: []nd{{kind: KindOccupation, value: "runner"}}},
		{text: "She did a runner from the ward on Tuesday.", want: []rd{{kind: KindEvent, value: "a reported emergency", subj: P}}, not: []nd{{kind: KindOccupation}}},
		// A goal in a named game is a public win; a score on a test is not.
		{text: "He scored the winning goal in the Haxey Hood last January.", want: []rd{{kind: KindEvent, value: "a public win", subj: P}}},
		{text: "She goaled for the Down'ards at the Alnwick game.", want: []rd{{kind: KindEvent, value: "a public win", subj: P}}},
		{text: "He scored 14 on the PHQ-9 at the County Show clinic.", not: []nd{{kind: KindEvent, value: "a public win"}}},
		// A report with no one named in the post is still about someone.
		{text: "Did the sponsored walk, Gazette p2.", want: []rd{{kind: KindEvent, span: "p2", value: "in the news", subj: P, ref: 1}}},

		// Public wins and records.
		{text: "Woman in her 50s, she won best in show at the county show.", want: []rd{{kind: KindEvent, span: "won", value: "a public win", subj: P, ref: 1, count: 2}}},
		{text: "Man in his 70s, crowned champion at the Egremont Crab Fair.", want: []rd{{kind: KindEvent, span: "crowned", value: "a public win", subj: P, ref: 1}}},
		{text: "She broke the county record for the 800m last season.", want: []rd{{kind: KindEvent, span: "record", value: "a public win", subj: P}}},
		{text: "She set a British record in the pool last year.", want: []rd{{kind: KindEvent, span: "record", value: "a public win", subj: P}}},
		{text: "Woman in her 30s, the record holder for the fell race.", want: []rd{{kind: KindEvent, span: "record", value: "a public win", subj: P, ref: 1}}},
		{text: "Lad of 17 who won gold at the national championships.", want: []rd{{kind: KindEvent, span: "won", value: "a public win", subj: P, ref: 1}}},
		{text: "Lady in her 70s who got an MBE in the New Year honours.", want: []rd{{kind: KindEvent, span: "MBE", value: "a public win", subj: P, ref: 1}}},
		{text: "Man in his 60s, he won the title at the county show.", want: []rd{{kind: KindEvent, span: "won", value: "a public win", subj: P, ref: 1}}},

		// Reported emergencies: several a year in a district.
		{text: "Man in his 30s who was airlifted off Helvellyn with a fractured ankle.", want: []rd{{kind: KindEvent, span: "airlifted", subj: P, ref: 1}}},
		{text: "Lady in her 70s who went missing overnight from the care home.", want: []rd{{kind: KindEvent, span: "missing", value: "a reported emergency", subj: P, ref: 1, count: 5}}},
		{text: "Man in his 20s, the coastguard winched him off the cliffs.", want: []rd{{kind: KindEvent, span: "coastguard", value: "a reported emergency", subj: P, ref: 1, count: 5}}},
		{text: "Man in his 50s stranded on the fells overnight.", want: []rd{{kind: KindEvent, span: "stranded", value: "a reported emergency", subj: P, ref: 1}}},
		{text: "Search party found him at dawn.", want: []rd{{kind: KindEvent, span: "Search", value: "a reported emergency", subj: P}}},
		{text: "Man in his 60s whose boat capsized off St Bees.", want: []rd{{kind: KindEvent, span: "capsized", value: "a reported emergency", subj: P, ref: 1}}},
		{text: "The explosion at the plant injured a man in his 40s.", want: []rd{{kind: KindEvent, span: "explosion", value: "a reported emergency", subj: P, ref: 1}}},
		{text: "He escaped from the ward overnight.", want: []rd{{kind: KindEvent, span: "escaped", value: "a reported emergency", subj: P}}},
	}
	for _, c := range cases {
		checkReading(t, ex, c)
	}
}

// TestReadingNewsQuiet covers the nearby wordings that are no report, no public win and
// no emergency.
func TestReadingNewsQuiet(t *testing.T) {
	ex := newTestExtractor(t)
	quiet := []string{
		// A record that is kept, not set.
		"Woman in her 40s, keeps a dated record of her symptoms.",
		"Please keep a record of her BP readings.",
		"She keeps a record of her BP for Dr Shah.",
		"He keeps a record of his sugars for the Penrith diabetes clinic.",
		// News that is not a report.
		"Man in his 60s. The news is good: his scan was clear.",
		"Lady in her 50s with good news about her biopsy.",
		"Good news: her HbA1c is down to 48.",
		// A win with no public occasion.
		"He won a meat raffle at the pub.",
		"He won the argument with his wife about the hearing aid.",
		// A title that is no championship.
		"He holds the title of practice manager.",
		"He gave a talk titled \"Gout for beginners\".",
		"The title of her talk at the Harrogate conference was about gout.",
		"She was awarded a certificate for her hand washing.",
		// TV and the BBC in other uses.
		"He has a TV lead in his pacemaker clinic notes.",
		"The bbc website has good advice.",
		// An emergency word denied.
		"He was not stranded, he walked off.",
	}
	for _, text := range quiet {
		r := ex.Read(text, testCtx)
		for _, d := range r.Details {
			if d.Kind == KindEvent {
				t.Errorf("%q: unexpected event %q=%q\n%s", text, text[d.Start:d.End], d.Value, dumpReading(text, r))
			}
		}
	}
}
