package feeds

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"parallax/store"
)

// TestParseKeepsTheFirstOfRepeatedItems: items a document repeats under
// one identity (a GUID, else a link) are one article, the first the
// document gives.
func TestParseKeepsTheFirstOfRepeatedItems(t *testing.T) {
	p, err := ParseFeed(readFixture(t, "feeds/repeated-items.xml"), store.Feed{}, "https://fenwick.example/rss", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range p.Articles {
		titles = append(titles, a.Title)
	}
	want := []string{"Ferry timetable changes from Monday", "Library reopens after roof repairs", "Market square closed for the spring fair"}
	if len(titles) != len(want) || titles[0] != want[0] || titles[1] != want[1] || titles[2] != want[2] {
		t.Errorf("articles %q, want %q", titles, want)
	}
}

// TestRefreshOfRepeatedItemsUpdatesNothing: a feed that repeats an item
// reports nothing new and nothing updated when fetched again unchanged.
func TestRefreshOfRepeatedItemsUpdatesNothing(t *testing.T) {
	rss := readFixture(t, "feeds/repeated-items.xml")
	ctx := context.Background()
	lib, feed := subscribedTo(t, func(w http.ResponseWriter, r *http.Request) { w.Write(rss) })
	if sum := testFetcher().Refresh(ctx, lib, []store.Feed{feed}, nil); sum.Added != 3 || sum.Updated != 0 {
		t.Errorf("first fetch: %d new, %d updated; want 3 new", sum.Added, sum.Updated)
	}
	for round := 2; round <= 3; round++ {
		if sum := testFetcher().Refresh(ctx, lib, []store.Feed{feed}, nil); sum.Added != 0 || sum.Updated != 0 || sum.Failed != 0 {
			t.Errorf("fetch %d of an unchanged feed: %d new, %d updated, %d failed; want none", round, sum.Added, sum.Updated, sum.Failed)
		}
	}
}

// TestImportSaysWhatRepeatsItLeftOut: importing a feed file that repeats
// items says how many it left out, rather than a count of articles that
// does not add up to the items in the file.
func TestImportSaysWhatRepeatsItLeftOut(t *testing.T) {
	msg, err := Import(context.Background(), openLibrary(t), "testdata/feeds/repeated-items.xml", "")
	if err != nil || !strings.Contains(msg, "imported 3 new articles") || !strings.Contains(msg, "left out 2 items that repeated an earlier item's GUID, link or title") {
		t.Errorf("import: %q, %v", msg, err)
	}
}

// TestItemsSharingOneGUIDAreKnownByTheirLinks: a feed that gives every
// item the site's address as its GUID has one article per item, and a
// later fetch with a new item on top adds it instead of writing it over
// the first.
func TestItemsSharingOneGUIDAreKnownByTheirLinks(t *testing.T) {
	rss := string(readFixture(t, "feeds/shared-guid.xml"))
	var body atomic.Value
	body.Store(rss)
	ctx := context.Background()
	lib, feed := subscribedTo(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body.Load().(string)) })
	if sum := testFetcher().Refresh(ctx, lib, []store.Feed{feed}, nil); sum.Added != 3 {
		t.Errorf("first fetch: %d new, want 3", sum.Added)
	}
	body.Store(strings.Replace(rss, "<item>", `<item>
  <title>Ferry returns to the timetable</title>
  <link>https://crier.example/news/ferry</link>
  <guid>https://crier.example/</guid>
  <pubDate>Mon, 23 Nov 2026 12:00:00 +0000</pubDate>
</item>
<item>`, 1))
	if sum := testFetcher().Refresh(ctx, lib, []store.Feed{feed}, nil); sum.Added != 1 || sum.Updated != 0 {
		t.Errorf("fetch with a new item on top: %d new, %d updated; want 1 new", sum.Added, sum.Updated)
	}
	stories, err := lib.Stories(ctx, store.StoryQuery{WithArticles: true})
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]string{}
	for _, st := range stories {
		for _, a := range st.Articles {
			byTitle[a.Title] = a.URL
		}
	}
	for title, link := range map[string]string{
		"Ferry returns to the timetable":  "https://crier.example/news/ferry",
		"Bridge shuts for winter repairs": "https://crier.example/news/bridge",
		"Mayor steps down":                "https://crier.example/news/mayor",
		"Airfield expansion approved":     "https://crier.example/news/airfield",
	} {
		if byTitle[title] != link {
			t.Errorf("%q is at %q, want %q (all: %v)", title, byTitle[title], link, byTitle)
		}
	}
}

// subscribedTo is a new library subscribed to the one feed serve serves.
func subscribedTo(t *testing.T, serve http.HandlerFunc) (*store.Store, store.Feed) {
	t.Helper()
	srv := httptest.NewServer(serve)
	t.Cleanup(srv.Close)
	lib := openLibrary(t)
	feed, err := lib.AddFeed(context.Background(), store.Feed{URL: srv.URL + "/rss"})
	if err != nil {
		t.Fatal(err)
	}
	return lib, feed
}

// TestLiveBlogUpdatesAreArticlesEach: items with neither a GUID nor a link
// that share a title (a live blog's updates) are one article each when
// their dates differ, and a corrected update is the same article, while items with a GUID or a link keep it as
// their identity; a fetch of the unchanged feed stores nothing again, and
// an update added on top is one new article.
func TestLiveBlogUpdatesAreArticlesEach(t *testing.T) {
	rss := string(readFixture(t, "feeds/live-blog.xml"))
	p, err := ParseFeed([]byte(rss), store.Feed{}, "https://courier.example/rss", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if p.Repeated != 0 || len(p.Articles) != 5 {
		t.Fatalf("%d articles, %d left out as repeats; want 5 and none", len(p.Articles), p.Repeated)
	}
	guids := map[string]bool{}
	for _, a := range p.Articles {
		switch a.Title {
		case "Live updates":
			if !strings.HasPrefix(a.GUID, "sha256:") || guids[a.GUID] {
				t.Errorf("live update %q has GUID %q; want one of its own", a.Summary, a.GUID)
			}
			guids[a.GUID] = true
		case "Ferry suspended until the water falls":
			if a.GUID != "" || a.URL != "https://courier.example/news/ferry-suspended" {
				t.Errorf("item with a link: GUID %q, URL %q; want no GUID and its link", a.GUID, a.URL)
			}
		case "Schools close early":
			if a.GUID != "courier-5512" {
				t.Errorf("item with a GUID: GUID %q, want its own", a.GUID)
			}
		}
	}

	var body atomic.Value
	body.Store(rss)
	ctx := context.Background()
	lib, feed := subscribedTo(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body.Load().(string)) })
	if sum := testFetcher().Refresh(ctx, lib, []store.Feed{feed}, nil); sum.Added != 5 || sum.Updated != 0 {
		t.Errorf("first fetch: %d new, %d updated; want 5 new", sum.Added, sum.Updated)
	}
	for round := 2; round <= 3; round++ {
		if sum := testFetcher().Refresh(ctx, lib, []store.Feed{feed}, nil); sum.Added != 0 || sum.Updated != 0 || sum.Failed != 0 {
			t.Errorf("fetch %d of the unchanged feed: %d new, %d updated, %d failed; want none", round, sum.Added, sum.Updated, sum.Failed)
		}
	}
	body.Store(strings.Replace(rss, "<item>", `<item>
  <title>Live updates</title>
  <pubDate>Wed, 04 Mar 2026 14:00:00 +0000</pubDate>
  <description>The water begins to fall; the ferry may run on Friday.</description>
</item>
<item>`, 1))
	if sum := testFetcher().Refresh(ctx, lib, []store.Feed{feed}, nil); sum.Added != 1 || sum.Updated != 0 {
		t.Errorf("fetch with a new update: %d new, %d updated; want 1 new", sum.Added, sum.Updated)
	}
	if n := countArticles(t, lib); n != 6 {
		t.Errorf("%d articles in the library, want 6", n)
	}

	// An update whose text the blog corrects is the same update: it is
	// updated, not stored twice.
	body.Store(strings.Replace(body.Load().(string), "Sandbags run short in the lower town;", "Sandbags ran short in the lower town by ten;", 1))
	if sum := testFetcher().Refresh(ctx, lib, []store.Feed{feed}, nil); sum.Added != 0 || sum.Updated != 1 {
		t.Errorf("fetch with an update corrected: %d new, %d updated; want 1 updated", sum.Added, sum.Updated)
	}
	if n := countArticles(t, lib); n != 6 {
		t.Errorf("%d articles in the library after a correction, want 6", n)
	}
}
