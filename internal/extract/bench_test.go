package extract

import (
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchPosts is a realistic mix of forum posts written for this benchmark: case
// questions with quasi-identifiers, identifier slips, population and policy questions,
// rants, job adverts and short replies, in the proportions a doctors' forum sees.
var benchPosts = []string{
	"Sports med q for the runners on here. New patient this morning with an inversion injury from a parkrun at the weekend – Ottawa negative, weight bearing fine, gave her ibuprofen gel and the usual advice. Any views on when to get back to running?",
	"Woman in her 40s with plaque psoriasis on methotrexate 15mg weekly via derm – ALT creeping up to 3x ULN. Derm advice line says hold and repeat, but she barely drinks and BMI is normal. Anyone seen MTX transaminitis settle without stopping for good?",
	"Can someone give me an idiot's guide to the current shingles vaccine eligibility? I've got the 70-79s in my head but keep seeing stuff about 65s and immunosuppressed over-18s.",
	"Rant incoming. Mrs Pauline Hartley has now rung the surgery 14 times this week demanding a home visit for her leg ulcer dressings, despite the DNs going in twice a week.",
	"Thanks all, really useful. Will feed back.",
	"Anyone free for a home visit Thursday afternoon? Palliative gent, metastatic prostate, needs a syringe driver review – CA12 4QR, the farmhouse at the end of the track. His wife's mobile is 07700 900417 if you get lost.",
	"We're recruiting! Salaried GP, 6 sessions, friendly dispensing practice in Settle, North Yorkshire. Great team, proper lunch break, no OOH. Happy to chat informally – DM me or email practice.manager@example.nhs.uk.",
	"Huntington's and driving. Man in his 40s, gene positive, early chorea and some executive dysfunction now. He's adamant he's fine to drive and hasn't told DVLA. Has anyone actually had to inform DVLA themselves?",
	"Learning point: 17 year old girl with 3 weeks of weight loss and tiredness, drinking loads. Urine dip the next day: glucose 4+, ketones 3+. Sent straight in, DKA, new T1DM. Dip the urine, people.",
	"CKD 3b (eGFR 38, ACR 72) with T2DM, already on ramipril 10mg and dapagliflozin 10mg. Would you add finerenone now or chase the BP first (sitting around 142/88)? K+ 4.9 is my worry.",
	"Delicate one. Our town mayor – the one who's been on the front of the Gazette all month about the bypass – came in with what I'm fairly sure is alcohol-related liver disease. Can I honour a request to keep it out of his records?",
	"Anyone got experience of NEC in one triplet and not the others? Ours were born at 27+2 on 3 Feb at St Michael's in Bristol, and the smallest has gone off with NEC and is going to theatre tonight.",
	"Pharmacy won't release the methadone script for NHS no 943 476 5919 because the instalment dates on the FP10MDA don't match. Patient is now in reception withdrawing.",
	"Locum rates in the North East for 2026 – what's everyone charging for a 4-hour session? I've been at £380 since last year but a lot of practices are now offering £300.",
	"Teaching point for the trainees: man in his 50s with chest pain that only comes on walking uphill is stable angina until proven otherwise, even if the ECG in the surgery is normal.",
	"Bit of a personal one. I'm 41, a partner at a small practice in Cockermouth, and I've just been diagnosed with breast cancer myself – grade 2, starting chemo next month.",
	"Quick one – how long do you leave between the two doses of the shingles vaccine in the immunosuppressed? Our formulary has changed again.",
	"F2 here, can a reg sanity check me? Patient ９９９ ３８５ １２０５ (dob 2 1 / 0 4 / 1 9 4 6), INR 6.8 after a course of clarithromycin, no bleeding. Hold two doses and restart lower?",
	"Following up the chap from my post last month – he lives up the dale beyond Hawes, doesn't drive any more and there's no bus worth the name. Any charities in North Yorkshire that do volunteer transport?",
	"Dr Graham Pilkington, consultant orthopod at our place, is the most arrogant, useless waste of oxygen I have ever worked with. Avoid his lists if you value your sanity.",
	"Notice from our practice: flu and COVID vaccine clinic this Saturday 3 October, 8am-1pm, for over-65s, pregnant women and anyone in a clinical risk group. No need to book.",
	"Venom immunotherapy referral q. Beekeeper with honeybee venom anaphylaxis who won't give up his hives. Our nearest allergy service is Southampton General and their form asks for specific IgE first.",
	"Prison GPs – how do you manage T1DM when the last meal is at 4.30pm? Man in his 60s on basal-bolus, recurrent nocturnal hypos. For those asking it's HMP Haverigg, so Cat C.",
	"Agree with the above. NICE NG28 covers it but the local formulary is more restrictive. Worth checking with your medicines management team before switching.",
}

func benchCorpus() (string, int) {
	var b strings.Builder
	for _, p := range benchPosts {
		b.WriteString(p)
	}
	return b.String(), len(benchPosts)
}

// BenchmarkExtract measures the whole extractor over the post mix. Bytes/s is the
// throughput per core (the benchmark runs on one goroutine); allocations are reported
// per post.
func BenchmarkExtract(b *testing.B) {
	ex := newTestExtractor(b)
	total, _ := benchCorpus()
	b.SetBytes(int64(len(total)))
	b.ReportAllocs()
	ctx := Context{At: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	cpu0 := cpuTime()
	for b.Loop() {
		for _, p := range benchPosts {
			ex.Extract(p, ctx)
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(benchPosts)), "ns/post")
	// Throughput per CPU-second of this process (GC included): what one core does,
	// whatever else the machine is running.
	if cpu > 0 {
		b.ReportMetric(float64(len(total))*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
}

// cpuTime is the user and system CPU time used by this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExtractPerPost reports allocations per single post.
func BenchmarkExtractPerPost(b *testing.B) {
	ex := newTestExtractor(b)
	ctx := Context{At: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	total, n := benchCorpus()
	b.SetBytes(int64(len(total) / n))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ex.Extract(benchPosts[i%len(benchPosts)], ctx)
		i++
	}
}

// BenchmarkNew measures start-up: loading and indexing all embedded data.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestStartupFootprint reports the heap held by a loaded extractor (the issue's
// budget is 150 MB; start-up time is measured by BenchmarkNew).
func TestStartupFootprint(t *testing.T) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("extractor loaded in %v, heap held %.1f MB", took, float64(held)/(1<<20))
	if held > 150<<20 {
		t.Errorf("extractor holds %.1f MB, over the 150 MB budget", float64(held)/(1<<20))
	}
	runtime.KeepAlive(ex)
}
