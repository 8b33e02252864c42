package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"parallax/store/story"
)

func TestAddFeedIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := mustFeed(t, s, "https://a.example/feed", "")
	again := mustFeed(t, s, "https://a.example/feed", "Alpha News")
	if again.ID != a.ID {
		t.Fatalf("second add made feed %d, first was %d", again.ID, a.ID)
	}
	if again.Title != "Alpha News" {
		t.Errorf("untitled feed did not take the title: %q", again.Title)
	}
	if third := mustFeed(t, s, "https://a.example/feed", "Other"); third.Title != "Alpha News" {
		t.Errorf("title replaced by a later add: %q", third.Title)
	}
	list, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Fatalf("%d feeds, want 1", len(list))
	}
	if _, isNew, err := s.Subscribe(ctx, Feed{URL: "https://a.example/feed"}); err != nil || isNew {
		t.Errorf("subscribing again: new %v, error %v; want the feed known", isNew, err)
	}
	if f, isNew, err := s.Subscribe(ctx, Feed{URL: "https://b.example/feed"}); err != nil || !isNew || f.URL != "https://b.example/feed" {
		t.Errorf("subscribing to another feed: %+v, new %v, error %v", f, isNew, err)
	}
	for _, bad := range []string{"", "   ", "ftp://a.example/feed", "javascript:alert(1)"} {
		if _, err := s.AddFeed(ctx, Feed{URL: bad}); err == nil {
			t.Errorf("AddFeed(%q) succeeded", bad)
		}
	}
	if _, err := s.FeedByURL(ctx, "https://missing.example/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("FeedByURL(missing) = %v, want ErrNotFound", err)
	}
}

func TestAddArticlesIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	batch := []Article{
		art("1", "Storm: rivers rise", 1),
		art("2", "Storm: towns evacuated", 2),
		art("3", "Budget: vote delayed", 3),
		{GUID: "4", Title: "No link at all", Published: t0},
		{Title: "Neither GUID nor link", Published: t0},
	}
	if res := mustAdd(t, s, f.ID, batch...); res != (AddResult{Added: 5}) {
		t.Fatalf("first add: %+v", res)
	}
	before, _ := s.Counts(ctx)
	if res := mustAdd(t, s, f.ID, batch...); res != (AddResult{}) {
		t.Fatalf("second add of the same batch: %+v", res)
	}
	after, _ := s.Counts(ctx)
	if before != after {
		t.Fatalf("counts changed: %+v -> %+v", before, after)
	}
	if after.Articles != 5 || after.Stories != 4 {
		t.Errorf("counts %+v, want 5 articles in 4 stories", after)
	}
	feed, _ := s.FeedByURL(ctx, f.URL)
	if feed.Articles != 5 {
		t.Errorf("feed counts %d articles", feed.Articles)
	}
	st := storyOf(t, s, "https://news.example/1")
	if st.Count != 2 || st.Articles[0].Source != "Alpha" {
		t.Errorf("story %+v: want 2 articles with the feed's title as source", st)
	}
	checkIntegrity(t, s)
}

func TestAddArticlesUnknownFeed(t *testing.T) {
	s := openTest(t)
	_, err := s.AddArticles(context.Background(), 42, []Article{art("1", "x", 0)})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("add to missing feed = %v, want ErrNotFound", err)
	}
}

func TestSameURLFromTwoFeedsIsOneArticle(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := mustFeed(t, s, "https://a.example/feed", "Alpha")
	b := mustFeed(t, s, "https://b.example/feed", "Beta")
	mustAdd(t, s, a.ID, Article{GUID: "a-1", URL: "https://wire.example/quake", Title: "Quake: strong tremor", Published: t0})
	res := mustAdd(t, s, b.ID, Article{GUID: "b-77", URL: "https://wire.example/quake", Title: "Quake: tremor felt", Published: t0})
	if res.Added != 0 {
		t.Fatalf("second feed added a copy: %+v", res)
	}
	c, _ := s.Counts(ctx)
	if c.Articles != 1 {
		t.Fatalf("%d articles, want 1", c.Articles)
	}
	feeds, _ := s.Feeds(ctx)
	for _, f := range feeds {
		if f.Articles != 1 {
			t.Errorf("feed %s counts %d articles, want 1", f.URL, f.Articles)
		}
	}
	got := storyOf(t, s, "https://wire.example/quake").Articles[0]
	if got.Title != "Quake: strong tremor" || got.FeedID != a.ID {
		t.Errorf("the first feed's copy should stand: %+v", got)
	}
	// Beta's own GUID now finds the article too.
	if res := mustAdd(t, s, b.ID, Article{GUID: "b-77", Title: "Quake: tremor felt", Published: t0}); res.Added != 0 {
		t.Errorf("GUID from the second feed not remembered: %+v", res)
	}
	checkIntegrity(t, s)
}

// TestSharedArticleBelongsToOneFeedAtATime: an article two feeds carry
// is its first feed's, whose copy alone may change it, so that fetching
// the other changes nothing; once the first feed is removed it is the
// other's, and that feed's next copy makes it wholly its own: its outlet's
// name and byline with its text, none of the removed outlet's left.
func TestSharedArticleBelongsToOneFeedAtATime(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	alpha := mustFeed(t, s, "https://alpha.example/feed", "Alpha Courier")
	beta := mustFeed(t, s, "https://beta.example/feed", "Beta Wire")
	const url = "https://wire.example/ferry"
	alphaCopy := Article{GUID: "a-12", URL: url, Title: "Ferry: service resumes", Author: "Ines Alder",
		Summary: "Crossings restart at dawn.", Content: "Crossings restart at dawn after the storm.", Published: t0}
	betaCopy := Article{GUID: "b-340", URL: url, Title: "Ferry: first boat sails", Summary: "The first boat left at six.",
		Content: "The first boat left at six, half full.", Published: t0.Add(time.Hour)}
	mustAdd(t, s, alpha.ID, alphaCopy)
	for range 2 {
		if res := mustAdd(t, s, beta.ID, betaCopy); res != (AddResult{}) {
			t.Errorf("the second feed's copy: %+v, want no change", res)
		}
		if res := mustAdd(t, s, alpha.ID, alphaCopy); res != (AddResult{}) {
			t.Errorf("the first feed's copy again: %+v, want no change", res)
		}
	}
	article := func() Article {
		t.Helper()
		got, err := s.Article(ctx, storyOf(t, s, url).Articles[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := article(); got.Source != "Alpha Courier" || got.Title != alphaCopy.Title || got.Author != alphaCopy.Author || got.Summary != alphaCopy.Summary {
		t.Errorf("while both feeds carry it: %+v, want the first feed's copy", got)
	}

	if err := s.RemoveFeed(ctx, alpha.URL); err != nil {
		t.Fatal(err)
	}
	if res := mustAdd(t, s, beta.ID, betaCopy); res.Updated != 1 {
		t.Errorf("the remaining feed's copy after the first feed went: %+v, want it to update the article", res)
	}
	got := article()
	if got.FeedID != beta.ID || got.Source != "Beta Wire" || got.Title != betaCopy.Title || got.Author != "" ||
		got.Summary != betaCopy.Summary || got.Content != betaCopy.Content {
		t.Errorf("after the first feed went: %+v, want the remaining feed's copy whole", got)
	}
	if st := storyOf(t, s, url); len(st.Sources) != 1 || st.Sources[0] != "Beta Wire" {
		t.Errorf("story sources %q, want the remaining feed's", st.Sources)
	}
	if res := mustAdd(t, s, beta.ID, betaCopy); res != (AddResult{}) {
		t.Errorf("the remaining feed's copy again: %+v, want no change", res)
	}
	checkIntegrity(t, s)
}

// TestItemsOfOneFeedLinkingOnePage: two items of a feed with their own
// GUIDs are two articles even when they link the same page, and fetching
// them again changes neither; another feed's item linking that page is
// still a copy of one of them.
func TestItemsOfOneFeedLinkingOnePage(t *testing.T) {
	s := openTest(t)
	f := mustFeed(t, s, "https://status.example/feed", "Status")
	items := []Article{
		{GUID: "inc-1", URL: "https://status.example/", Title: "Payment API latency spike", Published: t0},
		{GUID: "inc-2", URL: "https://status.example/", Title: "Login errors for some users", Published: t0.Add(time.Hour)},
	}
	if res := mustAdd(t, s, f.ID, items...); res != (AddResult{Added: 2}) {
		t.Fatalf("first fetch: %+v, want 2 added", res)
	}
	if res := mustAdd(t, s, f.ID, items...); res != (AddResult{}) {
		t.Errorf("the same items again: %+v, want no change", res)
	}
	if c, _ := s.Counts(context.Background()); c.Articles != 2 {
		t.Errorf("%d articles stored, want 2", c.Articles)
	}
	g := mustFeed(t, s, "https://mirror.example/feed", "Mirror")
	if res := mustAdd(t, s, g.ID, Article{GUID: "m-1", URL: "https://status.example/", Title: "Payment API latency spike", Published: t0}); res.Added != 0 {
		t.Errorf("another feed's copy: %+v, want it merged", res)
	}
	checkIntegrity(t, s)
}

func TestGUIDUpdateInPlaceKeepsRead(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	mustAdd(t, s, f.ID, art("g1", "Storm: rivers rise", 1))
	st := storyOf(t, s, "https://news.example/g1")
	id := st.Articles[0].ID
	if err := s.SetRead(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	changed := art("g1", "Storm: rivers burst their banks", 1)
	changed.Content = "Levees failed overnight near the delta."
	res := mustAdd(t, s, f.ID, changed)
	if res != (AddResult{Updated: 1}) {
		t.Fatalf("update: %+v", res)
	}
	got, err := s.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != changed.Title || got.Content != changed.Content || !got.Read || got.StoryID != st.ID {
		t.Errorf("after update: %+v", got)
	}
	after, err := s.Story(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Title != changed.Title || after.Unread != 0 {
		t.Errorf("story after update: title %q unread %d", after.Title, after.Unread)
	}
	if hits, _ := s.Search(ctx, "levees", 10); len(hits) != 1 {
		t.Errorf("new text not searchable: %d hits", len(hits))
	}
	if hits, _ := s.Search(ctx, "rise", 10); len(hits) != 0 {
		t.Errorf("old title still searchable: %d hits", len(hits))
	}
	// The same item once more is no change.
	if res := mustAdd(t, s, f.ID, changed); res != (AddResult{}) {
		t.Errorf("unchanged item counted: %+v", res)
	}
	// Nor is the same item dated later, as a feed does for an edit, or as
	// a date in the future becomes the time of each fetch; an earlier date
	// is taken.
	later := changed
	later.Published = changed.Published.Add(5 * time.Hour)
	if res := mustAdd(t, s, f.ID, later); res != (AddResult{}) {
		t.Errorf("the item dated later counted: %+v", res)
	}
	if got, _ := s.Article(ctx, id); !got.Published.Equal(changed.Published) {
		t.Errorf("published moved to %v, want %v", got.Published, changed.Published)
	}
	earlier := changed
	earlier.Published = changed.Published.Add(-time.Hour)
	if res := mustAdd(t, s, f.ID, earlier); res != (AddResult{Updated: 1}) {
		t.Errorf("the item dated earlier: %+v", res)
	}
	if got, _ := s.Article(ctx, id); !got.Published.Equal(earlier.Published) {
		t.Errorf("published %v, want the earlier %v", got.Published, earlier.Published)
	}
	// An item that keeps its GUID and moves to another address (a
	// corrected slug) is at the new one.
	moved := earlier
	moved.URL = "https://news.example/g1-corrected"
	if res := mustAdd(t, s, f.ID, moved); res != (AddResult{Updated: 1}) {
		t.Errorf("the item at a new address: %+v", res)
	}
	if got, _ := s.Article(ctx, id); got.URL != moved.URL {
		t.Errorf("url %q, want the new %q", got.URL, moved.URL)
	}
	checkIntegrity(t, s)
}

func TestFullTextIsNotReplacedByFeedContent(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	short := art("g1", "Storm: rivers rise", 1)
	short.Content = "Short teaser."
	mustAdd(t, s, f.ID, short)
	full := short
	full.Content, full.FullText = "The whole article, extracted from the page.", true
	if res := mustAdd(t, s, f.ID, full); res.Updated != 1 {
		t.Fatalf("full text not taken: %+v", res)
	}
	if res := mustAdd(t, s, f.ID, short); res.Updated != 0 {
		t.Fatalf("teaser replaced the full text: %+v", res)
	}
	id := storyOf(t, s, short.URL).Articles[0].ID
	got, _ := s.Article(ctx, id)
	if !got.FullText || got.Content != full.Content {
		t.Errorf("article lost its full text: %+v", got)
	}
}

func TestImportedArticles(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	files := []Article{
		{Source: "Local Paper", Title: "Bridge: repairs begin", Content: "Crews closed the bridge.", Published: t0},
		{Title: "Untitled source", URL: "https://paper.example/a", Content: "Text."},
	}
	if res := mustAdd(t, s, 0, files...); res.Added != 2 {
		t.Fatalf("import: %+v", res)
	}
	if res := mustAdd(t, s, 0, files...); res != (AddResult{}) {
		t.Fatalf("second import: %+v", res)
	}
	edited := files[0]
	edited.Content = "Crews closed the bridge for a month."
	if res := mustAdd(t, s, 0, edited); res.Updated != 1 {
		t.Fatalf("edited file: %+v", res)
	}
	st := storyOf(t, s, "https://paper.example/a")
	if st.Articles[0].Source != "paper.example" || st.Articles[0].FeedID != 0 {
		t.Errorf("imported article without a source: %+v", st.Articles[0])
	}
	if st.Articles[0].Fetched.IsZero() {
		t.Error("fetched time not set")
	}
	c, _ := s.Counts(ctx)
	if c.Articles != 2 {
		t.Errorf("%d articles, want 2", c.Articles)
	}
	checkIntegrity(t, s)
}

// TestImportedArticlesKnownByGUID: imported articles without a URL that
// share a source and a title are told apart by their GUIDs, as a feed's
// items are, and each is found again by its own.
func TestImportedArticlesKnownByGUID(t *testing.T) {
	s := openTest(t)
	files := []Article{
		{Source: "Island Post", GUID: "sha256:aa", Title: "Ferry fares rise", Content: "Fares rise by a tenth.", Published: t0},
		{Source: "Island Post", GUID: "sha256:bb", Title: "Ferry fares rise", Content: "The contract is to be reviewed.", Published: t0},
	}
	if res := mustAdd(t, s, 0, files...); res.Added != 2 {
		t.Fatalf("import: %+v", res)
	}
	if res := mustAdd(t, s, 0, files...); res != (AddResult{}) {
		t.Fatalf("second import: %+v", res)
	}
	checkIntegrity(t, s)
}

// TestItemHeldWithoutItsGUID: an item with neither a link nor a GUID
// held by its title is found by the GUID it comes with later, when its
// title and date match, and takes it: it is not stored again, and a
// second item of that title with another GUID is an article of its own.
// Imported feed files' items are found the same way.
func TestItemHeldWithoutItsGUID(t *testing.T) {
	s := openTest(t)
	f := mustFeed(t, s, "https://courier.example/rss", "Estuary Courier")
	first := Article{Title: "Live updates", Content: "The flood warning is raised.", Published: t0}
	second := Article{Title: "Live updates", Content: "Sandbags run short.", Published: t0.Add(time.Hour)}
	for _, feedID := range []int64{f.ID, 0} {
		if res := mustAdd(t, s, feedID, first); res.Added != 1 {
			t.Fatalf("feed %d, held by title: %+v", feedID, res)
		}
		first.GUID, second.GUID = "sha256:01", "sha256:02"
		if res := mustAdd(t, s, feedID, first, second); res.Added != 1 || res.Updated != 0 {
			t.Errorf("feed %d, items with GUIDs: %+v; want the second added, the first found", feedID, res)
		}
		if res := mustAdd(t, s, feedID, first, second); res != (AddResult{}) {
			t.Errorf("feed %d, the same again: %+v; want nothing", feedID, res)
		}
		first.GUID, second.GUID = "", ""
	}
	if c, err := s.Counts(context.Background()); err != nil || c.Articles != 4 {
		t.Errorf("%d articles (%v), want 4", c.Articles, err)
	}
	checkIntegrity(t, s)
}

// TestItemWithoutALinkFromAFeedAndAFile: an item with a GUID and no link
// that a feed brought and a feed file of it brings again, or the other way
// round, is one article, as an item with a link would be; under another
// outlet's name, or with another GUID, it is another.
func TestItemWithoutALinkFromAFeedAndAFile(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://wire.example/rss", "Wire Desk")
	fetched := Article{Source: "Wire Desk", GUID: "wire-1", Title: "Dock strike spreads to second port", Content: "Crews walked out at noon.", Published: t0}
	if res := mustAdd(t, s, f.ID, fetched); res.Added != 1 {
		t.Fatalf("fetch: %+v", res)
	}
	if res := mustAdd(t, s, 0, fetched); res != (AddResult{}) {
		t.Errorf("the feed's file imported after the fetch: %+v; want nothing new", res)
	}
	imported := Article{Source: "Wire Desk", GUID: "wire-2", Title: "Ferries cancelled for a second day", Content: "No sailings until Friday.", Published: t0.Add(time.Hour)}
	if res := mustAdd(t, s, 0, imported); res.Added != 1 {
		t.Fatalf("import: %+v", res)
	}
	for range 2 {
		if res := mustAdd(t, s, f.ID, imported); res != (AddResult{}) {
			t.Errorf("the feed bringing an item imported before: %+v; want nothing new", res)
		}
	}
	renamed := fetched
	renamed.Source = "Harbour Online"
	other := fetched
	other.GUID = "wire-3"
	if res := mustAdd(t, s, 0, renamed, other); res.Added != 2 {
		t.Errorf("another outlet's item and another GUID: %+v; want both added", res)
	}
	if c, err := s.Counts(ctx); err != nil || c.Articles != 4 {
		t.Errorf("%d articles (%v), want 4", c.Articles, err)
	}
	checkIntegrity(t, s)
}

func TestRecordFetch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "http://old.example/rss", "")
	when := t0.Add(time.Hour)
	err := s.RecordFetch(ctx, f.ID, FetchRecord{When: when, Title: "Old Example", SiteURL: "http://old.example/", ETag: `"v1"`, LastModified: "Sat, 01 Mar 2025 12:00:00 GMT"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.FeedByURL(ctx, f.URL)
	if got.Title != "Old Example" || got.ETag != `"v1"` || got.LastModified == "" || !got.LastFetch.Equal(when) || got.LastError != "" {
		t.Fatalf("after fetch: %+v", got)
	}
	// A failure keeps the validators and the title, and records the error.
	err = s.RecordFetch(ctx, f.ID, FetchRecord{When: when.Add(time.Hour), Title: "Renamed", Err: "status 503"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = s.FeedByURL(ctx, f.URL)
	if got.Title != "Old Example" || got.ETag != `"v1"` || got.LastError != "status 503" {
		t.Fatalf("after failure: %+v", got)
	}
	// A permanent redirect moves the subscription.
	if err := s.RecordFetch(ctx, f.ID, FetchRecord{When: when, MovedTo: "https://new.example/rss"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FeedByURL(ctx, "http://old.example/rss"); !errors.Is(err, ErrNotFound) {
		t.Errorf("old URL still subscribed: %v", err)
	}
	moved, err := s.FeedByURL(ctx, "https://new.example/rss")
	if err != nil || moved.ID != f.ID || moved.LastError != "" {
		t.Fatalf("moved feed: %+v %v", moved, err)
	}
	other := mustFeed(t, s, "https://other.example/rss", "")
	if err := s.RecordFetch(ctx, other.ID, FetchRecord{When: when, MovedTo: moved.URL}); err == nil {
		t.Error("moving onto a subscribed URL succeeded")
	}
	if err := s.RecordFetch(ctx, 999, FetchRecord{When: when}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing feed: %v", err)
	}
}

func TestReadState(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	mustAdd(t, s, f.ID, art("1", "Storm: rivers rise", 1), art("2", "Storm: towns evacuated", 2))
	st := storyOf(t, s, "https://news.example/1")
	if st.Unread != 2 {
		t.Fatalf("unread %d, want 2", st.Unread)
	}
	if err := s.SetRead(ctx, st.Articles[0].ID, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Story(ctx, st.ID); got.Unread != 1 {
		t.Errorf("after one read: unread %d", got.Unread)
	}
	if err := s.SetStoryRead(ctx, st.ID, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Story(ctx, st.ID); got.Unread != 0 || !got.Articles[1].Read {
		t.Errorf("after story read: %+v", got)
	}
	if err := s.SetRead(ctx, st.Articles[1].ID, false); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Story(ctx, st.ID); got.Unread != 1 {
		t.Errorf("after unread: unread %d", got.Unread)
	}
	if err := s.SetStoryRead(ctx, st.ID, false); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Story(ctx, st.ID); got.Unread != 2 || got.Articles[0].Read || got.Articles[1].Read {
		t.Errorf("after story unread: %+v", got)
	}
	if err := s.SetRead(ctx, 999, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetRead(missing) = %v", err)
	}
	if err := s.SetStoryRead(ctx, 999, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetStoryRead(missing) = %v", err)
	}
	if err := s.SetSaved(ctx, 999, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetSaved(missing) = %v", err)
	}
	checkIntegrity(t, s)
}

// orderGrouper is the key grouper that also notes the order in which it
// is asked to place articles.
type orderGrouper struct {
	*keyGrouper
	titles []string
}

func (g *orderGrouper) Assign(d story.Doc) story.Assignment {
	g.titles = append(g.titles, d.Title)
	return g.keyGrouper.Assign(d)
}

// TestAddBatchesGroupsAcrossBatches stores two outlets' files at once: the
// grouper sees every new article oldest first across both, as a
// regrouping would, and each batch gets its own count.
func TestAddBatchesGroupsAcrossBatches(t *testing.T) {
	g := &orderGrouper{keyGrouper: newKeyGrouper()}
	s := openWith(t, filepath.Join(t.TempDir(), "lib.db"), func() grouper { return g })
	first := []Article{art("a2", "Quake: day two", day(2)), art("a0", "Quake: day zero", 0)}
	second := []Article{art("b1", "Quake: day one", day(1)), art("a0", "Quake: day zero", 0)}
	res, err := s.AddBatches(context.Background(), []Batch{{Articles: first}, {Articles: second}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Quake: day zero", "Quake: day one", "Quake: day two"}
	if !slices.Equal(g.titles, want) {
		t.Errorf("grouped %q, want %q", g.titles, want)
	}
	if res[0] != (AddResult{Added: 2}) || res[1] != (AddResult{Added: 1}) {
		t.Errorf("results %+v, want 2 added from the first batch and 1 from the second", res)
	}
	if list := allStories(t, s); len(list) != 1 || list[0].Count != 3 {
		t.Errorf("stories %+v, want one of 3 articles", list)
	}
}

// TestAddBatchesFromSeveralFeeds stores a refresh of two feeds at once:
// each article takes its own feed's name, an address both feeds carry is
// one article linked to both, the grouper sees the articles oldest first
// across the feeds, and a feed that is gone fails the call by its number
// with nothing stored.
func TestAddBatchesFromSeveralFeeds(t *testing.T) {
	ctx := context.Background()
	g := &orderGrouper{keyGrouper: newKeyGrouper()}
	s := openWith(t, filepath.Join(t.TempDir(), "lib.db"), func() grouper { return g })
	a := mustFeed(t, s, "https://a.example/feed", "Alpha")
	b := mustFeed(t, s, "https://b.example/feed", "Beta")
	shared := Article{GUID: "b-9", URL: "https://wire.example/quake-1", Title: "Quake: day one, wire copy", Published: t0.Add(24 * time.Hour)}
	alpha := []Article{art("a2", "Quake: day two", day(2)), art("a0", "Quake: day zero", 0)}
	beta := []Article{shared, art("b3", "Quake: day three", day(3))}
	shared.GUID = "a-9"
	alpha = append(alpha, shared)
	if _, err := s.AddBatches(ctx, []Batch{{FeedID: a.ID, Articles: []Article{art("x", "Quake: lost", 0)}}, {FeedID: 999}}); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "feed 999") {
		t.Fatalf("a batch of a missing feed gave %v, want ErrNotFound naming feed 999", err)
	}
	if c, _ := s.Counts(ctx); c.Articles != 0 {
		t.Fatalf("%d articles stored by a failed call, want 0", c.Articles)
	}
	g.titles = nil
	res, err := s.AddBatches(ctx, []Batch{{FeedID: a.ID, Articles: alpha}, {FeedID: b.ID, Articles: beta}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Quake: day zero", "Quake: day one, wire copy", "Quake: day two", "Quake: day three"}
	if !slices.Equal(g.titles, want) {
		t.Errorf("grouped %q, want %q", g.titles, want)
	}
	if res[0] != (AddResult{Added: 3}) || res[1] != (AddResult{Added: 1}) {
		t.Errorf("results %+v, want 3 added from Alpha and 1 from Beta", res)
	}
	list := allStories(t, s)
	if len(list) != 1 || list[0].Count != 4 || !slices.Equal(list[0].Sources, []string{"Alpha", "Beta"}) {
		t.Errorf("stories %+v, want one of 4 articles from Alpha and Beta", list)
	}
	feeds, _ := s.Feeds(ctx)
	for _, f := range feeds {
		if want := map[int64]int{a.ID: 3, b.ID: 2}[f.ID]; f.Articles != want {
			t.Errorf("feed %s counts %d articles, want %d", f.URL, f.Articles, want)
		}
	}
	checkIntegrity(t, s)
}

// TestArticleText: the full text wins over the summary unless it is blank,
// and an article whose summary is blank too, or repeats its headline, has
// no text, whatever the blanks are.
func TestArticleText(t *testing.T) {
	for _, tc := range []struct {
		a    Article
		text string
		has  bool
	}{
		{Article{Content: "Full.", Summary: "Short."}, "Full.", true},
		{Article{Content: " \n", Summary: "Short."}, "Short.", true},
		{Article{Summary: " \n\t"}, " \n\t", false},
		{Article{}, "", false},
		// An aggregator's item that gives its headline again, as a link,
		// has no text besides it; one that says more has.
		{Article{Title: "UPDATE 1-Quay shuts", Summary: "[Quay shuts](https://h.example/q)"}, "[Quay shuts](https://h.example/q)", false},
		{Article{Title: "Quay shuts", Summary: "[Quay shuts](https://h.example/q) after a storm."}, "[Quay shuts](https://h.example/q) after a storm.", true},
	} {
		if got := tc.a.Text(); got != tc.text || tc.a.HasText() != tc.has {
			t.Errorf("%+v: Text %q HasText %v, want %q %v", tc.a, got, tc.a.HasText(), tc.text, tc.has)
		}
	}
}
