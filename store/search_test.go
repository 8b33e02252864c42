package store

import (
	"context"
	"strings"
	"testing"
)

func TestSearch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	quake := art("1", "Quake: strong tremor shakes the coast", 1)
	quake.Content = "Residents of Port Arlen felt the ground roll for forty seconds."
	budget := art("2", "Budget: council delays the vote", 2)
	budget.Content = "A tremor of unease ran through the chamber, one member said."
	cafe := art("3", "Café reopens after the flood", 3)
	mustAdd(t, s, f.ID, quake, budget, cafe)

	tests := []struct {
		q    string
		want []string // URLs, best first
	}{
		{"tremor", []string{quake.URL, budget.URL}}, // the title match ranks first
		{"arlen", []string{quake.URL}},
		{"Arlen forty", []string{quake.URL}},
		{"arlen budget", nil},
		{"cafe", []string{cafe.URL}},
		{"trem*", []string{quake.URL, budget.URL}},
		{"shaking", []string{quake.URL}},
		{`"tremor`, []string{quake.URL, budget.URL}},
		{`tremor AND`, nil},
		{`NOT tremor`, nil},
		{`NEAR(tremor`, nil}, // one phrase: "near tremor"
		{`( tremor )`, []string{quake.URL, budget.URL}},
		{`title:tremor`, nil},
		{`-tremor`, []string{quake.URL, budget.URL}},
		{`( ) " ' ^ * -- :`, nil},
		{"alpha", nil}, // the source's name is not the articles' text
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			hits, err := s.Search(ctx, tt.q, 10)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.q, err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Article.URL)
				if h.StoryID == 0 || h.StoryID != h.Article.StoryID {
					t.Errorf("hit without its story: %+v", h)
				}
				if !strings.Contains(h.Snippet, MatchStart) {
					t.Errorf("snippet %q has no marked match", h.Snippet)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("Search(%q) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
	if hits, _ := s.Search(ctx, "tremor", 1); len(hits) != 1 {
		t.Errorf("limit 1 gave %d hits", len(hits))
	}
	hits, _ := s.Search(ctx, "forty", 0)
	if len(hits) != 1 || !strings.Contains(hits[0].Snippet, "**forty**") {
		t.Errorf("snippet for forty: %+v", hits)
	}
}

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"storm", `"storm"`},
		{"  storm   surge ", `"storm" "surge"`},
		{`say "hello`, `"say" """hello"`},
		{"trem*", `"trem"*`},
		{"AND OR NOT", `"AND" "OR" "NOT"`},
		{"-- * ()", ""},
		{"état", `"état"`},
		{"\x00storm\x1bsurge\x00", `"storm" "surge"`},
	}
	for _, tt := range tests {
		if got := ftsQuery(tt.in); got != tt.want {
			t.Errorf("ftsQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func FuzzSearch(f *testing.F) {
	s := openTest(f)
	feed := mustFeed(f, s, "https://a.example/feed", "Alpha")
	mustAdd(f, s, feed.ID, art("1", "Quake: strong tremor", 1))
	for _, seed := range []string{"tremor", `"`, `a OR b`, `NEAR(a b, 2)`, `x:y`, `^start`, `*`, "\x00", `"""`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := s.Search(context.Background(), q, 5); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if _, err := s.Stories(context.Background(), StoryQuery{Query: q, Limit: 5}); err != nil {
			t.Fatalf("Stories(%q): %v", q, err)
		}
	})
}
