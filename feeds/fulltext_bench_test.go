package feeds

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkExtractPages extracts the article of each test page in turn
// (decoding, dropping ads, Readability with the page-structure fallback,
// Markdown), as FullText does once a page has arrived, and reports pages
// per second.
func BenchmarkExtractPages(b *testing.B) {
	pages := []struct {
		name, contentType string
		data              []byte
	}{
		{"news.html", "text/html; charset=utf-8", page(b, "news.html")},
		{"latin1.html", "text/html", page(b, "latin1.html")},
		{"cp1252.html", "text/html; charset=windows-1252", page(b, "cp1252.html")},
	}
	var bytes int64
	for _, p := range pages {
		bytes += int64(len(p.data))
	}
	b.SetBytes(bytes / int64(len(pages)))
	n := 0
	start := time.Now()
	for b.Loop() {
		p := pages[n%len(pages)]
		if _, err := extractPage(p.data, p.contentType, "https://pages.example/"+p.name); err != nil {
			b.Fatalf("%s: %v", p.name, err)
		}
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "pages/s")
}

// BenchmarkFullTextOverHTTP fetches and extracts the test news page from a
// local server from several goroutines, as Fill does (the per-host limit
// lets two through at once), and reports pages per second: the cost of
// full text without the network's own latency.
func BenchmarkFullTextOverHTTP(b *testing.B) {
	ps := newPageServer(b)
	x := NewExtractor(NewFetcher("bench"))
	start := time.Now()
	var n atomic.Int64
	b.SetParallelism(2)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := x.FullText(context.Background(), fmt.Sprintf("%s/news/tidal-barrier?n=%d", ps.URL, n.Add(1))); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(n.Load())/time.Since(start).Seconds(), "pages/s")
}
