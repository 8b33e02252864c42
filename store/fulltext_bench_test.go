package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newsText makes n words of text with a news article's shape: sentences of
// 12 to 30 words from a vocabulary whose words are used with a Zipf-like
// skew, in paragraphs of three to five sentences. The same seed gives the
// same text.
func newsText(rng *rand.Rand, vocab []string, n int) string {
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	var b strings.Builder
	words, sentences := 0, 0
	for words < n {
		length := 12 + rng.IntN(19)
		for i := range length {
			w := vocab[zipf.Uint64()]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		b.WriteString(". ")
		words += length
		sentences++
		if sentences%(3+rng.IntN(3)) == 0 {
			b.WriteString("\n\n")
		}
	}
	return strings.TrimSpace(b.String())
}

// vocabulary makes n distinct pronounceable words.
func vocabulary(rng *rand.Rand, n int) []string {
	const cons, vows = "bcdfghklmnprstvwz", "aeiou"
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for len(out) < n {
		var b strings.Builder
		for range 1 + rng.IntN(4) {
			b.WriteByte(cons[rng.IntN(len(cons))])
			b.WriteByte(vows[rng.IntN(len(vows))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// BenchmarkFullTextLibrarySize stores 1,000 articles with a summary from
// their feed and then the full text of their page (about 800 words each,
// a typical news article), and reports the library's size on disk per
// 1,000 full-text articles and the time to store one full text.
func BenchmarkFullTextLibrarySize(b *testing.B) {
	ctx := context.Background()
	const articles, words = 1000, 800
	rng := rand.New(rand.NewPCG(7, 11))
	vocab := vocabulary(rng, 20000)
	texts := make([]string, articles)
	for i := range texts {
		texts[i] = newsText(rng, vocab, words)
	}
	var perArticle time.Duration
	var size int64
	for b.Loop() {
		s, err := open(filepath.Join(b.TempDir(), "lib.db"), options{})
		if err != nil {
			b.Fatal(err)
		}
		f, err := s.AddFeed(ctx, Feed{URL: "https://bench.example/feed", Title: "Bench"})
		if err != nil {
			b.Fatal(err)
		}
		batch := make([]Article, articles)
		for i := range batch {
			batch[i] = Article{
				GUID:      fmt.Sprintf("a%d", i),
				URL:       fmt.Sprintf("https://bench.example/%d", i),
				Title:     newsText(rng, vocab, 8),
				Summary:   texts[i][:min(len(texts[i]), 300)],
				Published: t0.Add(time.Duration(i) * time.Minute),
			}
		}
		if _, err := s.AddArticles(ctx, f.ID, batch); err != nil {
			b.Fatal(err)
		}
		jobs, err := s.FullTextQueue(ctx, FullTextQuery{})
		if err != nil || len(jobs) != articles {
			b.Fatalf("queue: %d jobs, %v", len(jobs), err)
		}
		start := time.Now()
		for i, j := range jobs {
			if err := s.SetFullText(ctx, j.ArticleID, FullText{Markdown: texts[i], Image: "https://bench.example/lead.jpg"}); err != nil {
				b.Fatal(err)
			}
		}
		perArticle = time.Since(start) / articles
		if _, err := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			b.Fatal(err)
		}
		size = s.Size()
		s.Close()
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB/1000articles")
	b.ReportMetric(float64(perArticle.Microseconds()), "µs/fulltext")
}
