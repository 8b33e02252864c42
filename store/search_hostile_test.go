package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// repeatedWordLibrary is a library holding an ordinary article and one
// whose text is a word repeated n times, both matching a search for it.
func repeatedWordLibrary(t testing.TB, n int) *Store {
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	plain := art("1", "Harbour reopens after the storm", 1)
	plain.Content = "The harbour reopened on Monday. Dredging after the storm took a week."
	hostile := art("2", "Notice", 2)
	hostile.Content = strings.Repeat("harbour ", n)
	mustAdd(t, s, f.ID, plain, hostile)
	return s
}

// TestSearchSnippetOfARepeatedWord: an article that repeats the word
// searched for 80,000 times is found with a snippet of a few words, the
// word marked (a run of it as one), as an ordinary article is.
func TestSearchSnippetOfARepeatedWord(t *testing.T) {
	s := repeatedWordLibrary(t, 80000)
	for _, limit := range []int{10, 0} {
		hits, err := s.Search(context.Background(), "harbour", limit)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 2 {
			t.Fatalf("limit %d: %d hits, want 2", limit, len(hits))
		}
		for _, h := range hits {
			if !strings.Contains(strings.ToLower(h.Snippet), MatchStart+"harbour") || len(strings.Fields(h.Snippet)) > 30 {
				t.Errorf("limit %d: snippet of %s = %q, want a few words with harbour marked", limit, h.Article.Title, h.Snippet)
			}
		}
	}
}

// BenchmarkSearchRepeatedWord searches a library in which one article
// repeats the word searched for n times, at two sizes, the second four
// times the first: a time four times as long or less is linear; sixteen
// times, quadratic.
func BenchmarkSearchRepeatedWord(b *testing.B) {
	for _, n := range []int{5000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := repeatedWordLibrary(b, n)
			for b.Loop() {
				if _, err := s.Search(context.Background(), "harbour", 10); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/search")
		})
	}
}

// TestPossibleMatchesBoundsSQLite counts the matches SQLite finds in
// articles written to catch an undercount (inflections, accents, other
// scripts, digits, words joined by marks or by recent letters), through the marks
// highlight() puts around each, and expects possibleMatches never to
// count fewer.
func TestPossibleMatchesBoundsSQLite(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	texts := []string{
		"The tremor shook Port Arlen; tremors and a TREMOR followed, trembling.",
		"Café owners in the État de Vaud said the cafe, the CAFÉ and the cafés reopened.",
		"Shaking, shakes, shaken: the U.S. and U.S.A. felt it in 2014 and 2014-15.",
		"Жители Порт-Арлена почувствовали толчок; толчки продолжались.",
		"ｔｒｅｍｏｒ in full width, tremor\u0301s with a mark, trem\u00adors split, tremor\u200btremor.",
		// Letters of recent versions of Unicode, which SQLite takes for letters too.
		"tremor\ua7c0tremor\ua7c0tremor\U0001e030tremor\u0870tremor.",
		"Écoles et État: the ecole and the etat.",
		"東京都と京都の天気。東京は晴れ、東京タワーもiPhone用の東京の地図に。",
		"서울에서 열린 회의에서 서울시는 서울의 계획을 발표했다.",
	}
	for i, text := range texts {
		a := art(fmt.Sprint(i), fmt.Sprintf("Article %d", i), float64(i))
		a.Content = text
		mustAdd(t, s, f.ID, a)
	}
	for _, q := range []string{"tremor", "trem*", "shaking", "cafe", "café", "état", "etat", "ecole", "u.s.", "2014",
		"толчок", "толчки", "the tremor", "tremor tremor", "東京", "京都", "東", "iphone用", "東京 東京", "서울"} {
		rows, err := s.db.QueryContext(ctx, `SELECT a.title, a.summary, a.content,
			length(highlight(articles_fts, 0, char(2), char(3))) - length(t.title) +
			length(highlight(articles_fts, 1, char(2), char(3))) - length(t.summary) +
			length(highlight(articles_fts, 2, char(2), char(3))) - length(t.content)
			FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid JOIN articles_fts_text t ON t.id = a.id
			WHERE articles_fts MATCH ?`, ftsQuery(q))
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for rows.Next() {
			var title, summary, content string
			var marks int
			if err := rows.Scan(&title, &summary, &content, &marks); err != nil {
				t.Fatal(err)
			}
			found++
			// Each phrase of the query may match at each place.
			sqlite := marks / 2 * len(searchWords(q))
			if got := possibleMatches(searchWords(q), []string{title, summary, content}); got < sqlite {
				t.Errorf("%q in %q: possibleMatches %d, SQLite finds %d", q, content, got, sqlite)
			}
		}
		rows.Close()
		if found == 0 {
			t.Errorf("%q matches nothing", q)
		}
	}
}

func TestPlainSnippet(t *testing.T) {
	long := strings.Repeat("calm ", 40)
	tests := []struct {
		q, title, text, want string
	}{
		{"harbour", "Notice", "The harbour opened.", "The **harbour** opened."},
		{"harbour", "Harbour news", "The harbour opened.", "**Harbour** news"},
		{"harb*", "Notice", long + "then harbours, the harbour master said. " + long,
			"…calm calm calm calm calm calm calm then **harbours**, the **harbour** master said. calm calm calm calm calm calm calm calm calm calm calm…"},
		{"shaking", "Notice", "It shakes.", "Notice"},
		{"shaking", "", "It shakes. " + long, "It shakes. calm calm calm calm calm calm calm calm calm calm calm calm calm calm calm calm calm calm calm calm calm calm…"},
	}
	for _, tt := range tests {
		if got := plainSnippet(searchWords(tt.q), []string{tt.title, "", tt.text}); got != tt.want {
			t.Errorf("plainSnippet(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func FuzzPlainSnippet(f *testing.F) {
	f.Add("harbour", "Harbour news", "The harbour opened. "+strings.Repeat("harbour ", 50))
	f.Add("état", "", "Écoles et État: l'état, ÉTAT.")
	f.Add("x*", "\u0301x", "x\u00adx x\u200bx")
	f.Fuzz(func(t *testing.T, q, title, text string) {
		words := searchWords(q)
		got := plainSnippet(words, []string{title, "", text})
		if utf8.ValidString(title) && utf8.ValidString(text) && !utf8.ValidString(got) {
			t.Fatalf("plainSnippet(%q, %q, %q) = %q, not UTF-8", q, title, text, got)
		}
		n := 0
		eachWord(got, func(int, int) bool { n++; return true })
		if n > snippetLength {
			t.Fatalf("plainSnippet(%q, %q, %q) = %q, %d words", q, title, text, got, n)
		}
	})
}
