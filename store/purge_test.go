package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// aged is art with its stored time set too, days before now.
func aged(guid, title string, days float64, now time.Time) Article {
	a := art(guid, title, 0)
	a.Published = now.Add(-time.Duration(days * 24 * float64(time.Hour)))
	a.Fetched = a.Published
	return a
}

func searchCount(t *testing.T, s *Store, q string) int {
	t.Helper()
	hits, err := s.Search(context.Background(), q, 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(hits)
}

func ftsRows(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	// The index's own docsize table holds one row per indexed article.
	if err := s.db.QueryRow(`SELECT count(*) FROM articles_fts_docsize`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPurgeKeepsSavedStoriesAndRecent(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	g := mustFeed(t, s, "https://b.example/feed", "Beta")

	old1 := aged("old-1", "Dam: engineers inspect the old dam", 90, now)
	old1.Summary = "Engineers found quagmire conditions below the spillway."
	mustAdd(t, s, f.ID,
		old1,
		aged("old-2", "Dam: the reservoir is drained", 89, now),
		aged("keep-1", "Orchard: blossom arrives early", 88, now),
		aged("mixed-old", "Tram: the old line closes", 70, now),
		aged("fresh", "Market: stalls return to the square", 3, now),
	)
	mustAdd(t, s, g.ID,
		aged("keep-2", "Orchard: growers count the frost damage", 87, now),
		fetchedAt(aged("mixed-new", "Tram: the new line opens", 67, now), now.Add(-2*24*time.Hour)),
	)
	saved := storyOf(t, s, "https://news.example/keep-1")
	if err := s.SetSaved(ctx, saved.ID, true); err != nil {
		t.Fatal(err)
	}
	// A later article joins the saved story; it is old by the time of the purge too.
	mustAdd(t, s, g.ID, aged("keep-3", "Orchard: cider makers fear a short year", 86, now))
	if st := storyOf(t, s, "https://news.example/keep-3"); st.ID != saved.ID {
		t.Fatalf("keep-3 joined story %d, want the saved %d", st.ID, saved.ID)
	}
	dam := storyOf(t, s, "https://news.example/old-1")
	tram := storyOf(t, s, "https://news.example/mixed-old")
	if searchCount(t, s, "quagmire") != 1 {
		t.Fatal("the old article is not searchable before the purge")
	}
	rowsBefore := ftsRows(t, s)

	cut := now.Add(-60 * 24 * time.Hour)
	dry, err := s.Purge(ctx, cut, true)
	if err != nil {
		t.Fatal(err)
	}
	var oldest []string
	for _, a := range dry.Oldest {
		oldest = append(oldest, a.Title)
	}
	wantOldest := []string{"Dam: engineers inspect the old dam", "Dam: the reservoir is drained", "Tram: the old line closes"}
	if dry.Articles != 3 || dry.Stories != 1 || !slices.Equal(oldest, wantOldest) {
		t.Fatalf("dry run: %d articles, %d stories, oldest %q; want 3, 1, %q", dry.Articles, dry.Stories, oldest, wantOldest)
	}
	if c, _ := s.Counts(ctx); c.Articles != 8 {
		t.Fatalf("the dry run removed articles: %d left", c.Articles)
	}

	rep, err := s.Purge(ctx, cut, false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Articles != dry.Articles || rep.Stories != dry.Stories {
		t.Errorf("purge did %d/%d, the dry run said %d/%d", rep.Articles, rep.Stories, dry.Articles, dry.Stories)
	}
	c, _ := s.Counts(ctx)
	if c.Articles != 5 {
		t.Errorf("%d articles left, want 5", c.Articles)
	}
	if _, err := s.Story(ctx, dam.ID); err == nil {
		t.Error("the emptied story is still there")
	}
	st, err := s.Story(ctx, saved.ID)
	if err != nil || st.Count != 3 || !st.Saved {
		t.Errorf("saved story after the purge: %+v %v", st, err)
	}
	tr, err := s.Story(ctx, tram.ID)
	if err != nil || tr.Count != 1 || tr.Articles[0].URL != "https://news.example/mixed-new" {
		t.Errorf("the story with one old and one recently stored article: %+v %v", tr, err)
	}
	if searchCount(t, s, "quagmire") != 0 {
		t.Error("the purged article is still found by search")
	}
	if got := ftsRows(t, s); got != rowsBefore-3 {
		t.Errorf("search index holds %d rows, want %d", got, rowsBefore-3)
	}
	checkIntegrity(t, s)

	// Nothing is left to purge; the grouper starts afresh and still works.
	if again, err := s.Purge(ctx, cut, false); err != nil || again.Articles != 0 {
		t.Errorf("second purge: %+v %v", again, err)
	}
	mustAdd(t, s, f.ID, aged("keep-4", "Orchard: the harvest begins", 1, now))
	if st := storyOf(t, s, "https://news.example/keep-4"); st.ID == saved.ID {
		t.Error("an article four months after the saved story joined it")
	}
	checkIntegrity(t, s)
}

// fetchedAt is a stored at t.
func fetchedAt(a Article, t time.Time) Article {
	a.Fetched = t
	return a
}

func TestPurgeVacuumsWhenMuchIsFreed(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a few megabytes")
	}
	ctx := context.Background()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	var batch []Article
	for i := range 600 {
		a := aged(fmt.Sprintf("bulk-%d", i), fmt.Sprintf("Item %d: filler", i), 100, now)
		a.Content = strings.Repeat(fmt.Sprintf("paragraph %d of filler text with several words. ", i), 80)
		batch = append(batch, a)
	}
	batch = append(batch, aged("recent", "Recent: stays", 1, now))
	mustAdd(t, s, f.ID, batch...)
	if _, err := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	before := s.Size()

	rep, err := s.Purge(ctx, now.Add(-60*24*time.Hour), false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Articles != 600 || !rep.Vacuumed {
		t.Fatalf("purge: %d articles, vacuumed %v", rep.Articles, rep.Vacuumed)
	}
	if rep.Bytes <= 0 || rep.Bytes > before/4 {
		t.Errorf("library is %d bytes after the purge, was %d", rep.Bytes, before)
	}
	free, pages, err := s.pageCounts(ctx)
	if err != nil || free*4 > pages {
		t.Errorf("after vacuum %d of %d pages free (%v)", free, pages, err)
	}
	checkIntegrity(t, s)

	// A small purge leaves the file alone.
	mustAdd(t, s, f.ID, aged("small", "Small: one old article", 100, now))
	rep, err = s.Purge(ctx, now.Add(-60*24*time.Hour), false)
	if err != nil || rep.Articles != 1 || rep.Vacuumed {
		t.Errorf("small purge: %+v %v", rep, err)
	}
}

// TestPurgedItemsStayPurged: a feed that still carries purged items does not
// bring them back at its next refresh, while another feed carrying the same
// page and new items of the same feed are stored. An item no feed has
// carried for the whole keeping time is forgotten by the next purge.
func TestPurgedItemsStayPurged(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	g := mustFeed(t, s, "https://b.example/feed", "Beta")
	old := aged("old-1", "Dam: engineers inspect the old dam", 90, now)
	untagged := aged("", "Quay: the ferry timetable changes", 80, now)
	untagged.URL = ""
	mustAdd(t, s, f.ID, old, untagged)
	cut := now.Add(-60 * 24 * time.Hour)
	if rep, err := s.Purge(ctx, cut, false); err != nil || rep.Articles != 2 {
		t.Fatalf("purge: %+v, %v", rep, err)
	}

	// The feed's next refresh carries both again, with fresh fetch times.
	again, again2 := old, untagged
	again.Fetched, again2.Fetched = time.Time{}, time.Time{}
	res := mustAdd(t, s, f.ID, again, again2, art("new-1", "Market: stalls return to the square", 0))
	if res.Added != 1 || res.Updated != 0 {
		t.Errorf("refresh after the purge: %+v, want only the new item added", res)
	}
	if res := mustAdd(t, s, g.ID, again); res.Added != 1 {
		t.Errorf("another feed's copy of a purged item: %+v, want it added", res)
	}

	// Nothing carries the untagged item any more, so a purge a whole
	// keeping time later forgets it; the first feed still carried the
	// other one at the refresh above.
	var items []string
	if _, err := s.db.ExecContext(ctx, `UPDATE purged SET seen = ? WHERE item LIKE 't:%'`, cut.Add(-time.Hour).UnixNano()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Purge(ctx, cut, false); err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT item FROM purged ORDER BY item`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var item string
		rows.Scan(&item)
		items = append(items, item)
	}
	rows.Close()
	if !slices.Equal(items, []string{"g:old-1"}) {
		t.Errorf("purged items remembered: %q, want only g:old-1", items)
	}
}
