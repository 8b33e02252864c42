package feeds

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"parallax/store"
)

// countingLibrary takes articles and keeps only their number, so that a
// benchmark measures fetching and parsing rather than storage.
type countingLibrary struct{ articles atomic.Int64 }

func (l *countingLibrary) AddBatches(ctx context.Context, batches []store.Batch) ([]store.AddResult, error) {
	res := make([]store.AddResult, len(batches))
	for i, b := range batches {
		l.articles.Add(int64(len(b.Articles)))
		res[i].Added = len(b.Articles)
	}
	return res, nil
}

func (l *countingLibrary) RecordFetch(ctx context.Context, feedID int64, r store.FetchRecord) error {
	return nil
}

func (l *countingLibrary) FeedByURL(ctx context.Context, url string) (store.Feed, error) {
	return store.Feed{}, store.ErrNotFound
}

// benchFeed is an RSS 2.0 document of n items, each with a headline, a
// link, a date and a paragraph of HTML.
func benchFeed(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench Wire</title><link>https://bench.example/</link>`)
	base := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Council %d approves harbour plan after long debate</title>`+
			`<link>https://bench.example/news/%d</link><guid>bench-%d</guid><pubDate>%s</pubDate>`+
			`<description><![CDATA[<p>Councillors voted on item <b>%d</b> late on Tuesday after a debate that lasted `+
			`most of the evening. The plan, which <a href="/plans/%d">has been revised</a> twice, now goes to the regional `+
			`government for approval.</p><img src="https://bench.example/img/%d.jpg" alt="The harbour">]]></description></item>`,
			i, i, i, base.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z), i, i, i)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// BenchmarkRefresh refreshes 200 feeds of 500 items each from a local
// server into a library that only counts, reporting articles per second
// and the peak heap seen while it ran.
func BenchmarkRefresh(b *testing.B) {
	const feeds, items = 200, 500
	body := benchFeed(items)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	}))
	defer srv.Close()
	list := make([]store.Feed, feeds)
	for i := range list {
		list[i] = store.Feed{ID: int64(i + 1), URL: fmt.Sprintf("%s/feed/%d", srv.URL, i)}
	}

	peak := watchHeap(b)
	f := NewFetcher("")
	var total int64
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		lib := &countingLibrary{}
		sum := f.Refresh(context.Background(), lib, list, nil)
		if sum.Failed != 0 {
			b.Fatalf("%d feeds failed: %+v", sum.Failed, sum.Errors[0])
		}
		total += lib.articles.Load()
	}
	elapsed := time.Since(start)
	b.StopTimer()
	heap := peak()
	if total != int64(b.N*feeds*items) {
		b.Fatalf("%d articles stored, want %d", total, b.N*feeds*items)
	}
	b.ReportMetric(float64(total)/elapsed.Seconds(), "articles/s")
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MiB")
}

// BenchmarkHTMLToMarkdown converts one feed item's HTML.
func BenchmarkHTMLToMarkdown(b *testing.B) {
	src := `<p>Councillors voted on item <b>7</b> late on Tuesday after a debate that lasted most of the evening. ` +
		`The plan, which <a href="/plans/7">has been revised</a> twice, now goes to the regional government.</p>` +
		`<img src="https://bench.example/img/7.jpg" alt="The harbour"><img src="https://t.example/p.gif" width="1" height="1">`
	for b.Loop() {
		HTMLToMarkdown(src, "https://bench.example/news/7")
	}
}

// BenchmarkSanitizeLine sanitises a headline with and without escapes.
func BenchmarkSanitizeLine(b *testing.B) {
	plain := "Council approves harbour plan after long debate"
	dirty := "Council \x1b[31mapproves\x1b[0m harbour\u202e plan \x1b]52;c;SGVsbG8=\x07after debate"
	for b.Loop() {
		SanitizeLine(plain)
		SanitizeLine(dirty)
	}
}
