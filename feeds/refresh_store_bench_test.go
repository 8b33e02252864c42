package feeds

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"parallax/store"
)

// benchWords are what the headlines of the store benchmark are made of.
var benchWords = strings.Fields(`harbour council vote ferry storm bridge rail strike bank rates budget
	minister court ruling flood rescue election summit trade tariff port workers union pay talks
	hospital schools water power grid outage fire village police inquiry airport runway wind farm
	coast erosion fishing quota museum festival drought harvest prices fuel bus fares housing plan`)

// outletFeed is feed number f of the store benchmark: items items, where
// every five outlets report the same events in their own words, so the
// grouper builds stories of several sources as it would from real news.
func outletFeed(f, items int, base time.Time) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet %d</title><link>https://outlet%d.example/</link>`, f, f)
	for i := range items {
		topic := (f/5)*items + i
		r := rand.New(rand.NewPCG(uint64(topic), 7))
		words := make([]string, 8)
		for k := range words {
			words[k] = benchWords[r.IntN(len(benchWords))]
		}
		// Each outlet drops a different word and adds its own.
		own := benchWords[(f*7+i)%len(benchWords)]
		words = append(append(words[:f%5], words[f%5+1:]...), own)
		title := strings.ToUpper(words[0][:1]) + words[0][1:] + " " + strings.Join(words[1:], " ")
		when := base.Add(-time.Duration(topic%2000) * 20 * time.Minute)
		fmt.Fprintf(&b, `<item><title>%s %d</title><link>https://outlet%d.example/news/%d</link><guid>o%d-%d</guid><pubDate>%s</pubDate>`+
			`<description><![CDATA[<p>%s, officials said on %s. The %s and the %s were named in the report, which cited %d figures.</p>]]></description></item>`,
			title, topic, f, i, f, i, when.Format(time.RFC1123Z), strings.Join(words, " "), when.Weekday(), words[1], words[2], topic)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// BenchmarkRefreshIntoStore fetches 200 feeds of 500 items each from a
// local server into a fresh real library (SQLite, full-text index, the real
// grouper), reporting articles stored per second and the peak heap.
func BenchmarkRefreshIntoStore(b *testing.B) {
	const feeds, items = 200, 500
	base := time.Now().UTC().Add(-time.Hour)
	bodies := make([][]byte, feeds)
	for f := range bodies {
		bodies[f] = outletFeed(f, items, base)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		if err != nil || f < 0 || f >= feeds {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(bodies[f])
	}))
	defer srv.Close()

	ctx := context.Background()
	var total int
	var busy time.Duration
	var heap uint64
	stories := 0
	for b.Loop() {
		b.StopTimer()
		lib, err := store.Open(filepath.Join(b.TempDir(), "library.db"))
		if err != nil {
			b.Fatal(err)
		}
		list := make([]store.Feed, feeds)
		for f := range list {
			if list[f], err = lib.AddFeed(ctx, store.Feed{URL: fmt.Sprintf("%s/feed/%d", srv.URL, f)}); err != nil {
				b.Fatal(err)
			}
		}
		peak := watchHeap(b)
		b.StartTimer()
		start := time.Now()
		sum := NewFetcher("bench").Refresh(ctx, lib, list, nil)
		busy += time.Since(start)
		b.StopTimer()
		heap = max(heap, peak())
		if sum.Failed != 0 {
			b.Fatalf("%d feeds failed: %+v", sum.Failed, sum.Errors[0])
		}
		if sum.Added != feeds*items {
			b.Fatalf("%d articles added, want %d", sum.Added, feeds*items)
		}
		total += sum.Added
		list2, err := lib.Stories(ctx, store.StoryQuery{MinSources: 2})
		if err != nil {
			b.Fatal(err)
		}
		stories = len(list2)
		lib.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(total)/busy.Seconds(), "articles/s")
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(stories), "multi-source-stories")
}
