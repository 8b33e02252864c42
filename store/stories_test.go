package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

// newsroom is a small library: three feeds reporting a storm (all three), a
// budget vote (two), and a handful of lone reports.
func newsroom(t *testing.T) *Store {
	t.Helper()
	s := openTest(t)
	a := mustFeed(t, s, "https://a.example/feed", "Alpha")
	b := mustFeed(t, s, "https://b.example/feed", "Beta")
	c := mustFeed(t, s, "https://c.example/feed", "Gamma")
	mustAdd(t, s, b.ID, art("b-storm", "Storm: rivers rise across the valley", 1))
	mustAdd(t, s, a.ID, art("a-storm", "Storm: towns evacuated as rivers rise", 2))
	mustAdd(t, s, c.ID, art("c-storm", "Storm: levees hold for now", 3))
	mustAdd(t, s, a.ID, art("a-budget", "Budget: vote delayed again", 10))
	mustAdd(t, s, c.ID, art("c-budget", "Budget: council splits over the vote", 11))
	for i := range 5 {
		mustAdd(t, s, a.ID, art(fmt.Sprintf("lone-%d", i), fmt.Sprintf("Lone report number %d", i), float64(20+i)))
	}
	return s
}

func TestStoriesOrderAndCounters(t *testing.T) {
	s := newsroom(t)
	list := allStories(t, s)
	if len(list) != 7 {
		t.Fatalf("%d stories: %s", len(list), titles(list))
	}
	for i := 1; i < len(list); i++ {
		if list[i].Updated.After(list[i-1].Updated) {
			t.Fatalf("not newest first: %s", titles(list))
		}
	}
	storm := storyOf(t, s, "https://news.example/a-storm")
	if storm.Count != 3 || storm.Unread != 3 {
		t.Errorf("storm: count %d unread %d", storm.Count, storm.Unread)
	}
	if want := []string{"Beta", "Alpha", "Gamma"}; !slices.Equal(storm.Sources, want) {
		t.Errorf("storm sources %v, want %v (order of first report)", storm.Sources, want)
	}
	if !storm.FirstSeen.Equal(t0.Add(1*3600e9)) || !storm.Updated.Equal(t0.Add(3*3600e9)) {
		t.Errorf("storm seen %v..%v", storm.FirstSeen, storm.Updated)
	}
	if storm.Title == "" || storm.Evidence == "" {
		t.Errorf("storm title %q evidence %q", storm.Title, storm.Evidence)
	}
	for _, a := range storm.Articles {
		if a.Summary != "" || a.Content != "" {
			t.Errorf("header carries text: %+v", a)
		}
	}
	checkIntegrity(t, s)
}

func TestStoriesQueries(t *testing.T) {
	ctx := context.Background()
	s := newsroom(t)
	storm := storyOf(t, s, "https://news.example/a-storm")
	lone := storyOf(t, s, "https://news.example/lone-2")
	for _, id := range []int64{storm.ID, lone.ID} {
		if err := s.SetSaved(ctx, id, true); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name  string
		q     StoryQuery
		count int
		first string // URL of an article of the first story, when count > 0
	}{
		{"all", StoryQuery{}, 7, "https://news.example/lone-4"},
		{"first page", StoryQuery{Limit: 3}, 3, "https://news.example/lone-4"},
		{"last page", StoryQuery{Limit: 3, Offset: 6}, 1, "https://news.example/b-storm"},
		{"past the end", StoryQuery{Limit: 3, Offset: 7}, 0, ""},
		{"two sources", StoryQuery{MinSources: 2}, 2, "https://news.example/a-budget"},
		{"three sources", StoryQuery{MinSources: 3}, 1, "https://news.example/a-storm"},
		{"one source means all", StoryQuery{MinSources: 1}, 7, "https://news.example/lone-4"},
		{"saved", StoryQuery{SavedOnly: true}, 2, "https://news.example/lone-2"},
		{"saved, two sources", StoryQuery{SavedOnly: true, MinSources: 2}, 1, "https://news.example/a-storm"},
		{"query in a title", StoryQuery{Query: "levees"}, 1, "https://news.example/c-storm"},
		{"query two words", StoryQuery{Query: "vote council"}, 1, "https://news.example/c-budget"},
		{"query by stem", StoryQuery{Query: "evacuate"}, 1, "https://news.example/a-storm"},
		{"query matches many", StoryQuery{Query: "report"}, 5, "https://news.example/lone-4"},
		{"query, paged", StoryQuery{Query: "report", Limit: 2, Offset: 4}, 1, "https://news.example/lone-0"},
		{"query and sources", StoryQuery{Query: "rivers", MinSources: 3}, 1, "https://news.example/b-storm"},
		{"query nothing", StoryQuery{Query: "volcano"}, 0, ""},
		{"query only punctuation", StoryQuery{Query: `" -- *`}, 0, ""},
		{"query a source", StoryQuery{Query: "gamma"}, 2, "https://news.example/c-budget"},
		{"query a source by prefix", StoryQuery{Query: "Gam*"}, 2, "https://news.example/c-budget"},
		{"query a source and a word", StoryQuery{Query: "Beta rivers"}, 1, "https://news.example/b-storm"},
		{"query a source and a word it does not say", StoryQuery{Query: "Beta levees"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.WithArticles = true
			list, err := s.Stories(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != tt.count {
				t.Fatalf("%d stories, want %d: %s", len(list), tt.count, titles(list))
			}
			if tt.count == 0 {
				return
			}
			if !slices.ContainsFunc(list[0].Articles, func(a Article) bool { return a.URL == tt.first }) {
				t.Errorf("first story %q does not hold %s", list[0].Title, tt.first)
			}
		})
	}
}

func TestStoriesPagesCoverAll(t *testing.T) {
	ctx := context.Background()
	s := newsroom(t)
	var seen []int64
	for off := 0; ; off += 2 {
		page, err := s.Stories(ctx, StoryQuery{Limit: 2, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, st := range page {
			if slices.Contains(seen, st.ID) {
				t.Fatalf("story %d on two pages", st.ID)
			}
			if st.Articles != nil {
				t.Errorf("headers without WithArticles")
			}
			seen = append(seen, st.ID)
		}
	}
	if len(seen) != 7 {
		t.Fatalf("pages held %d stories, want 7", len(seen))
	}
}

func TestStoryAndArticles(t *testing.T) {
	ctx := context.Background()
	s := newsroom(t)
	st := storyOf(t, s, "https://news.example/a-budget")
	got, err := s.Story(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Articles) != 2 || got.Articles[0].URL != "https://news.example/a-budget" {
		t.Fatalf("story articles %+v", got.Articles)
	}
	full, err := s.StoryArticles(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(full) != 2 || full[1].Summary != "Summary of Budget: council splits over the vote" {
		t.Fatalf("full articles %+v", full)
	}
	if _, err := s.Story(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Story(missing) = %v", err)
	}
	if _, err := s.StoryArticles(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("StoryArticles(missing) = %v", err)
	}
	if _, err := s.Article(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(missing) = %v", err)
	}
}

func TestStoriesWithArticlesBeyondOneChunk(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	var list []Article
	for i := range 1200 {
		list = append(list, art(fmt.Sprintf("n%d", i), fmt.Sprintf("Lone report %d", i), float64(i)))
	}
	mustAdd(t, s, f.ID, list...)
	got, err := s.Stories(ctx, StoryQuery{WithArticles: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1200 {
		t.Fatalf("%d stories, want 1200", len(got))
	}
	for _, st := range got {
		if len(st.Articles) != 1 || st.Articles[0].StoryID != st.ID {
			t.Fatalf("story %d has articles %+v", st.ID, st.Articles)
		}
	}
}

// TestStoryHeadlines: a list may ask for its stories' headlines alone, in
// the order of their articles.
func TestStoryHeadlines(t *testing.T) {
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	g := mustFeed(t, s, "https://b.example/feed", "Beta")
	mustAdd(t, s, f.ID, art("h1", "Storm floods the harbour district", 1))
	mustAdd(t, s, g.ID, art("h2", "Storm floods the harbour district, residents evacuated", 2))
	mustAdd(t, s, g.ID, art("h3", "Council approves the new tram line", 3))
	full := allStories(t, s)
	ids := make([]int64, len(full))
	for i, st := range full {
		ids[i] = st.ID
	}
	got, err := s.StoryHeadlines(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range full {
		var want []string
		for _, a := range st.Articles {
			want = append(want, a.Title)
		}
		if !slices.Equal(got[st.ID], want) {
			t.Errorf("story %d: headlines %q, want %q", st.ID, got[st.ID], want)
		}
	}
}

// TestCountStoriesCountsWhatStoriesLists: the count is the number of
// stories Stories lists, all pages, which leaves out a saved story left
// with no articles.
func TestCountStoriesCountsWhatStoriesLists(t *testing.T) {
	s := newsroom(t)
	ctx := context.Background()
	storm := storyOf(t, s, "https://news.example/a-storm")
	if err := s.SetSaved(ctx, storm.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO stories (title, saved) VALUES ('Kept, now empty', 1)`); err != nil {
		t.Fatal(err)
	}
	n, err := s.CountStories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.Stories(ctx, StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 7 || len(list) != 7 {
		t.Errorf("counted %d stories, Stories lists %d; want 7", n, len(list))
	}
}

// An article that comes to be told under another outlet's name is found
// by that name, no longer by the old one, and the index stays whole.
func TestStoriesQueryFollowsSourceChange(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	a := art("1", "Harbour strike ends", 1)
	mustAdd(t, s, f.ID, a)
	a.Source = "Coastal Courier"
	mustAdd(t, s, f.ID, a)
	for q, want := range map[string]int{"courier": 1, "alpha": 0, "courier harbour": 1} {
		list, err := s.Stories(ctx, StoryQuery{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != want {
			t.Errorf("query %q: %d stories, want %d", q, len(list), want)
		}
	}
	checkIntegrity(t, s)
}
