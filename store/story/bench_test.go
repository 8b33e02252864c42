package story

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// synthetic is a generated article with the story it was made for.
type synthetic struct {
	doc   Doc
	story int // 0 for an article that belongs to no other
}

// syllables make pronounceable made-up words, so the corpus has the shape
// of news (a long tail of words, recurring names) without any real text.
var syllables = strings.Fields("ka lo mi ra ten vo su del an bri cor fa gu hel is jo ke lum nar os pe qui ros sta tur ul ver wen xa yo zel")

func makeWords(r *rand.Rand, n, minSyl, maxSyl int) []string {
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		var b strings.Builder
		for k := minSyl + r.IntN(maxSyl-minSyl+1); k > 0; k-- {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] && !stopWords[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// syntheticCorpus generates n articles over a 14-day span, in time order:
// about 60% of them in stories told by several outlets (each outlet's
// headline and body draw on the story's own words, names and numbers), the
// rest alone. A headline and a body of about 150 words each.
func syntheticCorpus(n int, seed uint64) []synthetic {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	vocab := makeWords(r, 30000, 2, 4)
	people := makeWords(r, 6000, 2, 3)
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	span := 14 * 24 * time.Hour

	type plan struct {
		words []string
		names []string
		nums  []string
		at    time.Time
	}
	newPlan := func() plan {
		p := plan{at: start.Add(time.Duration(r.Int64N(int64(span))))}
		for range 12 {
			p.words = append(p.words, vocab[200+r.IntN(len(vocab)-200)])
		}
		for range 3 {
			name := people[r.IntN(len(people))]
			p.names = append(p.names, strings.ToUpper(name[:1])+name[1:])
		}
		for range 2 {
			p.nums = append(p.nums, strconv.Itoa(2+r.IntN(500)))
		}
		return p
	}
	background := func() string { return vocab[zipf.Uint64()] }
	sentence := func(b *strings.Builder, p *plan, words int, share float64) {
		for i := range words {
			var w string
			switch x := r.Float64(); {
			case p != nil && x < share*0.6:
				w = p.words[r.IntN(len(p.words))]
			case p != nil && x < share*0.85:
				w = p.names[r.IntN(len(p.names))]
			case p != nil && x < share:
				w = p.nums[r.IntN(len(p.nums))]
			default:
				w = background()
			}
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		b.WriteString(". ")
	}
	article := func(p *plan, share float64, at time.Time, id int) Doc {
		var h, t strings.Builder
		sentence(&h, p, 7+r.IntN(5), share*1.5)
		for t.Len() < 900 {
			sentence(&t, p, 8+r.IntN(14), share)
		}
		return Doc{
			ID:     int64(id),
			Source: "outlet-" + strconv.Itoa(r.IntN(2000)),
			Title:  strings.TrimSuffix(h.String(), ". "),
			Text:   t.String(),
			Time:   at,
		}
	}

	var out []synthetic
	storyID := 0
	for len(out) < n*6/10 {
		storyID++
		p := newPlan()
		size := 2 + r.IntN(14)
		for range size {
			at := p.at.Add(time.Duration(r.Int64N(int64(36 * time.Hour))))
			out = append(out, synthetic{article(&p, 0.3, at, len(out)+1), storyID})
		}
	}
	for len(out) < n {
		p := newPlan()
		out = append(out, synthetic{article(&p, 0.15, p.at, len(out)+1), 0})
	}
	out = out[:n]
	slices.SortStableFunc(out, func(a, b synthetic) int { return a.doc.Time.Compare(b.doc.Time) })
	return out
}

// docsOfSynthetic are the articles of docs.
func docsOfSynthetic(docs []synthetic) []Doc {
	out := make([]Doc, len(docs))
	for i, s := range docs {
		out[i] = s.doc
	}
	return out
}

// TestSyntheticStories groups 20,000 generated articles, a few days of a
// busy library, through the index and its evictions, and expects the
// stories they were made for.
func TestSyntheticStories(t *testing.T) {
	corpus := syntheticCorpus(20000, 2)
	truth := make([]int, len(corpus))
	for i, s := range corpus {
		truth[i] = s.story
		if s.story == 0 {
			truth[i] = -i - 1 // a story of its own
		}
	}
	ids, _ := group(NewGrouper(Options{}), docsOfSynthetic(corpus))
	s := scoreClusters(ids, truth)
	t.Logf("B-cubed P %.3f R %.3f F1 %.3f | stories %d (true %d)", s.bP, s.bR, s.bF, s.pred, s.truth)
	if s.bF < 0.97 {
		t.Errorf("B-cubed F1 %.3f on synthetic stories, want at least 0.97", s.bF)
	}
}

// BenchmarkGroup groups 100,000 synthetic articles on one core and reports
// the throughput, by the wall clock and by processor time, and the heap the
// grouper holds at the end, after a collection.
func BenchmarkGroup(b *testing.B) {
	benchmarkGroup(b, docsOfSynthetic(syntheticCorpus(100000, 1)))
}

// BenchmarkGroupHeadlines is BenchmarkGroup for feeds that carry headlines
// alone, as aggregators' do: the same articles without their text.
func BenchmarkGroupHeadlines(b *testing.B) {
	docs := docsOfSynthetic(syntheticCorpus(100000, 1))
	for i := range docs {
		docs[i].Text = ""
	}
	benchmarkGroup(b, docs)
}

func benchmarkGroup(b *testing.B, docs []Doc) {
	n := len(docs)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	var g *Grouper
	var elapsed, cpu time.Duration
	var held uint64
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		t0, c0 := time.Now(), cpuTime()
		g = NewGrouper(Options{})
		group(g, docs)
		elapsed += time.Since(t0)
		cpu += cpuTime() - c0
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		held = after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
		runtime.KeepAlive(g)
	}
	b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "articles/s")
	if cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	}
	b.ReportMetric(float64(held)/(1<<20), "MB-held")
}
