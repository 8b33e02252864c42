package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// jobIDs lists the article IDs of jobs, in order.
func jobIDs(jobs []FullTextJob) []int64 {
	var out []int64
	for _, j := range jobs {
		out = append(out, j.ArticleID)
	}
	return out
}

func queue(t *testing.T, s *Store, q FullTextQuery) []int64 {
	t.Helper()
	jobs, err := s.FullTextQueue(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return jobIDs(jobs)
}

func articleByURL(t *testing.T, s *Store, url string) Article {
	t.Helper()
	for _, st := range allStories(t, s) {
		for _, a := range st.Articles {
			if a.URL == url {
				full, err := s.Article(context.Background(), a.ID)
				if err != nil {
					t.Fatal(err)
				}
				return full
			}
		}
	}
	t.Fatalf("no article %s", url)
	return Article{}
}

// fullTextLibrary holds a story told by two feeds, a story told by one, and
// an article that came with its full text.
func fullTextLibrary(t *testing.T) (*Store, Feed, Feed) {
	t.Helper()
	s := openTest(t)
	a := mustFeed(t, s, "https://a.example/feed", "Alpha")
	b := mustFeed(t, s, "https://b.example/feed", "Beta")
	mustAdd(t, s, a.ID,
		art("bridge-a", "Bridge: the span reopens", 1),
		art("lone-a", "Lone: a story only Alpha tells", 2.5),
	)
	whole := art("bridge-full", "Bridge: whole text from the feed", 3)
	whole.Content, whole.FullText = strings.Repeat("word ", 300), true
	mustAdd(t, s, b.ID, art("bridge-b", "Bridge: traffic returns to the span", 2), whole)
	return s, a, b
}

func TestFullTextQueueSelects(t *testing.T) {
	s, _, _ := fullTextLibrary(t)
	bridgeA := articleByURL(t, s, "https://news.example/bridge-a")
	bridgeB := articleByURL(t, s, "https://news.example/bridge-b")
	lone := articleByURL(t, s, "https://news.example/lone-a")

	if got, want := queue(t, s, FullTextQuery{}), []int64{lone.ID, bridgeB.ID, bridgeA.ID}; !slices.Equal(got, want) {
		t.Errorf("every article wanting text, newest first: got %v, want %v", got, want)
	}
	if got, want := queue(t, s, FullTextQuery{MinSources: 2}), []int64{bridgeB.ID, bridgeA.ID}; !slices.Equal(got, want) {
		t.Errorf("stories with two sources: got %v, want %v", got, want)
	}
	if got, want := queue(t, s, FullTextQuery{Story: lone.StoryID}), []int64{lone.ID}; !slices.Equal(got, want) {
		t.Errorf("one story: got %v, want %v", got, want)
	}
	if got, want := queue(t, s, FullTextQuery{Articles: []int64{bridgeA.ID, lone.ID}}), []int64{lone.ID, bridgeA.ID}; !slices.Equal(got, want) {
		t.Errorf("named articles: got %v, want %v", got, want)
	}
	if got := queue(t, s, FullTextQuery{Limit: 1}); len(got) != 1 {
		t.Errorf("limit 1: got %v", got)
	}
	if got := queue(t, s, FullTextQuery{SavedOnly: true}); len(got) != 0 {
		t.Errorf("no story is saved, yet the saved ones want %v", got)
	}

	// A saved story qualifies however few sources tell it.
	if err := s.SetSaved(context.Background(), lone.StoryID, true); err != nil {
		t.Fatal(err)
	}
	if got, want := queue(t, s, FullTextQuery{MinSources: 2}), []int64{lone.ID, bridgeB.ID, bridgeA.ID}; !slices.Equal(got, want) {
		t.Errorf("two sources or saved: got %v, want %v", got, want)
	}
	if got, want := queue(t, s, FullTextQuery{SavedOnly: true}), []int64{lone.ID}; !slices.Equal(got, want) {
		t.Errorf("saved only: got %v, want %v", got, want)
	}
}

func TestFullTextQueueSkipsArticlesWithoutWebAddress(t *testing.T) {
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	local := art("local", "Local: read from a file", 1)
	local.URL = "file:///home/reader/saved.html"
	none := art("none", "None: no address at all", 2)
	none.URL = ""
	mustAdd(t, s, f.ID, local, none)
	if got := queue(t, s, FullTextQuery{}); len(got) != 0 {
		t.Fatalf("articles without a web address queued: %v", got)
	}
}

func TestSetFullTextKeepsSummaryAndFillsGaps(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	a := art("quay", "Quay: the harbour wall is repaired", 1)
	a.Published = time.Time{}
	a.Content = "Teaser mentioning scaffolding only."
	mustAdd(t, s, f.ID, a)
	stored := articleByURL(t, s, a.URL)
	before := stored.Time()

	published := t0.Add(-6 * time.Hour)
	err := s.SetFullText(ctx, stored.ID, FullText{
		Markdown:  "The harbour wall was rebuilt with granite blocks over the winter.\n\nMasons finished on Friday.",
		Title:     "A different headline from the page",
		Author:    "Ines Calder",
		Published: published,
		Image:     "https://a.example/wall.jpg",
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(ctx, stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case !got.FullText:
		t.Error("not marked full text")
	case !strings.Contains(got.Content, "granite blocks"):
		t.Errorf("content %q", got.Content)
	case got.Summary != stored.Summary:
		t.Errorf("summary changed to %q", got.Summary)
	case got.Title != stored.Title:
		t.Errorf("the feed's title was replaced by %q", got.Title)
	case got.Author != "Ines Calder":
		t.Errorf("author %q, want the page's", got.Author)
	case !got.Published.Equal(published):
		t.Errorf("published %v, want the page's %v (the feed gave none)", got.Published, published)
	case got.Image != "https://a.example/wall.jpg":
		t.Errorf("image %q", got.Image)
	}
	if !got.Time().Equal(published) || got.Time().Equal(before) {
		t.Errorf("article placed at %v, want %v", got.Time(), published)
	}
	st := storyOf(t, s, a.URL)
	if !st.Updated.Equal(published) {
		t.Errorf("story updated %v, want the page's date %v", st.Updated, published)
	}

	hits, err := s.Search(ctx, "granite", 0)
	if err != nil || len(hits) != 1 || hits[0].Article.ID == 0 {
		t.Fatalf("search for the full text: %v %v", hits, err)
	}
	if hits, _ := s.Search(ctx, "scaffolding", 0); len(hits) != 0 {
		t.Errorf("the replaced teaser is still indexed: %v", hits)
	}
	checkIntegrity(t, s)

	// A later fetch of the feed brings its teaser again: the full text stays.
	again := a
	again.Summary = "A new summary of the quay."
	again.Content = "Teaser again."
	mustAdd(t, s, f.ID, again)
	got, _ = s.Article(ctx, stored.ID)
	if !got.FullText || !strings.Contains(got.Content, "granite") || got.Summary != again.Summary {
		t.Errorf("after the feed came again: full %v content %q summary %q", got.FullText, got.Content, got.Summary)
	}
	checkIntegrity(t, s)

	if len(queue(t, s, FullTextQuery{})) != 0 {
		t.Error("an article with its full text is still queued")
	}
	if err := s.SetFullText(ctx, 9999, FullText{Markdown: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	if err := s.SetFullText(ctx, stored.ID, FullText{Markdown: "  "}); err == nil {
		t.Error("empty text accepted")
	}
}

func TestSetFullTextFillsMissingTitle(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	a := art("untitled", "", 1)
	mustAdd(t, s, f.ID, a)
	stored := articleByURL(t, s, a.URL)
	if err := s.SetFullText(ctx, stored.ID, FullText{Markdown: "Body.", Title: "Ferry timetable changes"}); err != nil {
		t.Fatal(err)
	}
	if st := storyOf(t, s, a.URL); st.Title != "Ferry timetable changes" {
		t.Errorf("story title %q, want the page's title", st.Title)
	}
	checkIntegrity(t, s)
}

func TestFullTextFailuresBackOff(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	mustAdd(t, s, f.ID, art("flaky", "Flaky: the page is down", 1))
	id := articleByURL(t, s, "https://news.example/flaky").ID
	now := t0.Add(48 * time.Hour)

	var waits []time.Duration
	for i := 1; i <= FullTextMaxAttempts; i++ {
		next, err := s.FullTextFailed(ctx, id, "https://news.example/flaky: 503 Service Unavailable", now)
		if err != nil {
			t.Fatal(err)
		}
		if i == FullTextMaxAttempts {
			if !next.IsZero() {
				t.Fatalf("after %d failures the next try is %v, want never", i, next)
			}
			break
		}
		wait := next.Sub(now)
		waits = append(waits, wait)
		if got := queue(t, s, FullTextQuery{Due: next.Add(-time.Second)}); len(got) != 0 {
			t.Fatalf("failure %d: queued before its retry time", i)
		}
		if got := queue(t, s, FullTextQuery{Due: next}); !slices.Equal(got, []int64{id}) {
			t.Fatalf("failure %d: not queued at its retry time: %v", i, got)
		}
		if got := queue(t, s, FullTextQuery{Due: now, Now: true}); !slices.Equal(got, []int64{id}) {
			t.Fatalf("failure %d: not queued when asked for now: %v", i, got)
		}
		now = next
	}
	if waits[0] != 15*time.Minute || waits[1] != 30*time.Minute || waits[2] != time.Hour {
		t.Errorf("first waits %v, want 15m, 30m, 1h", waits[:3])
	}
	for i := 1; i < len(waits); i++ {
		if waits[i] < waits[i-1] {
			t.Errorf("wait %d (%v) shorter than the one before (%v)", i, waits[i], waits[i-1])
		}
	}
	if last := waits[len(waits)-1]; last != fullTextMaxRetry {
		t.Errorf("longest wait %v, want the cap %v", last, fullTextMaxRetry)
	}
	if got := queue(t, s, FullTextQuery{Due: now.Add(365 * 24 * time.Hour)}); len(got) != 0 {
		t.Errorf("given up, yet queued: %v", got)
	}
	if got := queue(t, s, FullTextQuery{Now: true}); len(got) != 0 {
		t.Errorf("given up, yet queued when asked for now: %v", got)
	}
	st, err := s.FullTextStatus(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if st.FullText || st.Attempts != FullTextMaxAttempts || !st.Next.IsZero() || !strings.Contains(st.Err, "503") {
		t.Errorf("state %+v", st)
	}

	// Success clears the record of failures.
	if err := s.SetFullText(ctx, id, FullText{Markdown: "At last."}); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.FullTextStatus(ctx, id); !st.FullText || st.Attempts != 0 || st.Err != "" {
		t.Errorf("after success: %+v", st)
	}
	if _, err := s.FullTextFailed(ctx, 9999, "x", now); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
}
