package feeds

import (
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
