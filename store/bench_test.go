package store

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"parallax/store/story"
)

// corpus makes believable news in bulk: events reported by one to five of
// twelve outlets within hours of each other, each event with its own words
// and names among common filler, spread over a year.
type corpus struct {
	rng     *rand.Rand
	words   []string
	names   []string
	filler  []string
	sources []string
	sep     string // between the words of a sentence
	stop    string // at the end of a sentence
	event   int
	seq     int
}

func newCorpus(seed uint64) *corpus {
	c := &corpus{rng: rand.New(rand.NewPCG(seed, 1)), sep: " ", stop: "."}
	c.makeWords(strings.Fields("ka lo mi ren sto val der bri ton mar pel fa gus hin or tel wan zu cor ben sa li em ost rad vik"))
	for i, n := range c.names {
		c.names[i] = strings.ToUpper(n[:1]) + n[1:]
	}
	c.filler = strings.Fields(`the a of to in and on for with as at by from after over said says
		officials people year new more than said report reports week day city state government
		could would will its their they were was has have been about into after before amid while`)
	for i := range 12 {
		c.sources = append(c.sources, fmt.Sprintf("Outlet %d", i+1))
	}
	return c
}

// newCJKCorpus is a corpus in the manner of Chinese news: words of two or
// three characters, written without spaces between them.
func newCJKCorpus(seed uint64) *corpus {
	c := &corpus{rng: rand.New(rand.NewPCG(seed, 1)), sep: "", stop: "。"}
	c.makeWords(strings.Split(`国家政府市民经济发展会议主席总统部长城市港口铁路银行市场价格学校医院警方`+
		`法院选举议员代表工人农民企业公司技术科学研究报告消息记者新闻电视网络安全军队`+
		`边境海洋河流山区天气暴雨地震火灾洪水救援疫情病毒疫苗外交合作协议条约谈判`, ""))
	c.filler = strings.Fields(`的 了 在 是 和 与 对 为 将 已 被 从 到 后 前 中 表示 报道 官员 人们 今年 周一 周二
		本周 昨天 今天 据悉 指出 认为 可能 已经 正在 他们 这些 其中 以及 由于 此前 之后`)
	for i := range 12 {
		c.sources = append(c.sources, fmt.Sprintf("媒体%d", i+1))
	}
	return c
}

// makeWords makes the corpus's words and names of two or three syllables.
func (c *corpus) makeWords(syl []string) {
	seen := map[string]bool{}
	for len(c.words) < 6000 {
		n := 2 + c.rng.IntN(2)
		var w strings.Builder
		for range n {
			w.WriteString(syl[c.rng.IntN(len(syl))])
		}
		if !seen[w.String()] {
			seen[w.String()] = true
			c.words = append(c.words, w.String())
		}
	}
	c.names, c.words = c.words[:1500], c.words[1500:]
}

func (c *corpus) pick(list []string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = list[c.rng.IntN(len(list))]
	}
	return out
}

func (c *corpus) sentence(event, names []string, n int) string {
	var parts []string
	for range n {
		switch r := c.rng.IntN(10); {
		case r < 3:
			parts = append(parts, event[c.rng.IntN(len(event))])
		case r < 4:
			parts = append(parts, names[c.rng.IntN(len(names))])
		default:
			parts = append(parts, c.filler[c.rng.IntN(len(c.filler))])
		}
	}
	return strings.Join(parts, c.sep) + c.stop
}

// next returns the reports of one more event, about 2,000 events a month.
func (c *corpus) next() []Article {
	c.event++
	at := t0.Add(time.Duration(c.event) * 20 * time.Minute)
	event := c.pick(c.words, 6)
	names := c.pick(c.names, 3)
	n := 1 + c.rng.IntN(5)
	var out []Article
	for _, src := range c.rng.Perm(len(c.sources))[:n] {
		c.seq++
		body := make([]string, 4)
		for i := range body {
			body[i] = c.sentence(event, names, 14)
		}
		title := c.sentence(event, names, 9)
		out = append(out, Article{
			GUID:      fmt.Sprintf("item-%d", c.seq),
			URL:       fmt.Sprintf("https://outlet%d.example/%d", src+1, c.seq),
			Source:    c.sources[src],
			Title:     upperFirst(title),
			Summary:   strings.Join(body, " "),
			Published: at.Add(time.Duration(c.rng.IntN(300)) * time.Minute),
		})
	}
	return out
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// take returns at least n articles, whole events at a time.
func (c *corpus) take(n int) []Article {
	var out []Article
	for len(out) < n {
		out = append(out, c.next()...)
	}
	return out
}

// titleGrouper groups by a table of titles made up front; it lets a large
// library be built in seconds whatever the real grouper costs.
type titleGrouper struct {
	event   map[string]int
	stories map[int]int64
}

func (g *titleGrouper) Assign(d story.Doc) story.Assignment {
	return story.Assignment{Story: g.stories[g.event[d.Title]]}
}

func (g *titleGrouper) Add(d story.Doc, id int64) {
	if e, ok := g.event[d.Title]; ok {
		if _, seen := g.stories[e]; !seen {
			g.stories[e] = id
		}
	}
}

const benchArticles = 100_000

var bench struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// benchLibrary builds a library of 100,000 articles once per test binary
// and returns a fresh copy of it for a benchmark to use.
func benchLibrary(b *testing.B) string {
	b.Helper()
	bench.once.Do(func() {
		start := time.Now()
		bench.dir, bench.err = os.MkdirTemp("", "parallax-bench-")
		if bench.err != nil {
			return
		}
		bench.path = filepath.Join(bench.dir, "library.db")
		c := newCorpus(7)
		g := &titleGrouper{event: map[string]int{}, stories: map[int]int64{}}
		var all []Article
		for len(all) < benchArticles {
			for _, a := range c.next() {
				g.event[a.Title] = c.event
				all = append(all, a)
			}
		}
		s, err := open(bench.path, options{newGrouper: func() grouper { return g }})
		if err != nil {
			bench.err = err
			return
		}
		defer s.Close()
		ctx := context.Background()
		feeds := make([]int64, 12)
		for i := range feeds {
			f, err := s.AddFeed(ctx, Feed{URL: fmt.Sprintf("https://outlet%d.example/feed", i+1), Title: c.sources[i]})
			if err != nil {
				bench.err = err
				return
			}
			feeds[i] = f.ID
		}
		// One batch per outlet per stretch of time, as fetching would bring them.
		const stretch = 1200
		for lo := 0; lo < len(all); lo += stretch {
			by := make([][]Article, 12)
			for _, a := range all[lo:min(lo+stretch, len(all))] {
				var n int
				fmt.Sscanf(a.Source, "Outlet %d", &n)
				by[n-1] = append(by[n-1], a)
			}
			for i, list := range by {
				if _, err := s.AddArticles(ctx, feeds[i], list); err != nil {
					bench.err = err
					return
				}
			}
		}
		b.Logf("built a library of %d articles in %s", len(all), time.Since(start).Round(time.Millisecond))
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	dst := filepath.Join(b.TempDir(), "library.db")
	if err := copyFile(bench.path, dst); err != nil {
		b.Fatal(err)
	}
	return dst
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// BenchmarkAddArticles measures fetching into a library with the real
// grouper: batches of 100 new articles, as one feed's refresh brings them.
// It reports too how large the full-text index grows for each article.
func BenchmarkAddArticles(b *testing.B) {
	benchAdd(b, newCorpus(11))
}

// BenchmarkAddArticlesCJK is BenchmarkAddArticles for news written in
// Chinese.
func BenchmarkAddArticlesCJK(b *testing.B) {
	benchAdd(b, newCJKCorpus(11))
}

func benchAdd(b *testing.B, c *corpus) {
	ctx := context.Background()
	s, err := Open(filepath.Join(b.TempDir(), "lib.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	f, err := s.AddFeed(ctx, Feed{URL: "https://outlet.example/feed", Title: "Outlet"})
	if err != nil {
		b.Fatal(err)
	}
	added := 0
	var busy, cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		batch := c.take(100)
		b.StartTimer()
		start, startCPU := time.Now(), cpuTime()
		res, err := s.AddArticles(ctx, f.ID, batch)
		busy += time.Since(start)
		cpu += cpuTime() - startCPU
		if err != nil {
			b.Fatal(err)
		}
		added += res.Added
	}
	b.ReportMetric(float64(added)/busy.Seconds(), "articles/s")
	// The processor time shows the work done however busy the machine is.
	b.ReportMetric(float64(cpu.Microseconds())/float64(added), "cpu-µs/article")
	var index int64
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT coalesce(sum(length(block)), 0) FROM articles_fts_data) +
		(SELECT coalesce(sum(length(term)), 0) FROM articles_fts_idx)`).Scan(&index)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(index)/float64(added), "index-B/article")
}

// BenchmarkStories measures reading one page of the story list from a
// library of 100,000 articles, as the reader does on every screen.
func BenchmarkStories(b *testing.B) {
	path := benchLibrary(b)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	name := newCorpus(7).names[0]
	queries := []struct {
		name string
		q    StoryQuery
	}{
		{"first page", StoryQuery{Limit: 50}},
		{"first page with articles", StoryQuery{Limit: 50, WithArticles: true}},
		{"deep page", StoryQuery{Limit: 50, Offset: 20_000}},
		{"three sources", StoryQuery{Limit: 50, MinSources: 3, WithArticles: true}},
		{"saved", StoryQuery{Limit: 50, SavedOnly: true}},
		{"query a name", StoryQuery{Limit: 50, Query: name, WithArticles: true}},
		{"query a common word", StoryQuery{Limit: 50, Query: "officials", WithArticles: true}},
		{"query a source", StoryQuery{Limit: 50, Query: "Outlet 3", WithArticles: true}},
		{"query a source and a name", StoryQuery{Limit: 50, Query: "Outlet 3 " + name, WithArticles: true}},
	}
	for _, qq := range queries {
		b.Run(qq.name, func(b *testing.B) {
			for b.Loop() {
				list, err := s.Stories(ctx, qq.q)
				if err != nil {
					b.Fatal(err)
				}
				if len(list) == 0 && !qq.q.SavedOnly {
					b.Fatal("empty page")
				}
			}
		})
	}
	// The count the reader's list gives in its title once the first page
	// shows that there are more.
	b.Run("count all", func(b *testing.B) {
		for b.Loop() {
			n, err := s.CountStories(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if n == 0 {
				b.Fatal("no stories counted")
			}
		}
	})
}

// BenchmarkSearch measures a full-text search over 100,000 articles, for
// a name a few hundred articles carry and for words half of them do.
func BenchmarkSearch(b *testing.B) {
	path := benchLibrary(b)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, q := range []string{newCorpus(7).names[0], "officials government"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				hits, err := s.Search(context.Background(), q, 50)
				if err != nil {
					b.Fatal(err)
				}
				if len(hits) == 0 {
					b.Fatal("no hits")
				}
			}
		})
	}
}

// BenchmarkStoriesMatching measures what the reader's filter asks of
// 100,000 articles as a word is typed: the stories that hold a name a few
// hundred articles carry, words half of them do, and a word's start.
func BenchmarkStoriesMatching(b *testing.B) {
	path := benchLibrary(b)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, q := range []string{strings.ToLower(newCorpus(7).names[0]), "officials government", "gover*"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				ids, err := s.StoriesMatching(context.Background(), q)
				if err != nil {
					b.Fatal(err)
				}
				if len(ids) == 0 {
					b.Fatal("no stories")
				}
			}
		})
	}
}

// BenchmarkRegroup measures regrouping a library of 100,000 articles with
// the real grouper, end to end: reading, grouping and writing.
func BenchmarkRegroup(b *testing.B) {
	path := benchLibrary(b)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	start, cpu := time.Now(), cpuTime()
	n := 0
	for b.Loop() {
		if err := s.Regroup(ctx); err != nil {
			b.Fatal(err)
		}
		n++
	}
	// The processor time shows the work done however busy the machine is.
	b.ReportMetric(time.Since(start).Seconds()/float64(n), "s/regroup")
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(n), "cpu-s/regroup")
	c, err := s.Counts(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(c.Stories), "stories")
}
