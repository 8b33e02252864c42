package feeds

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
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
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(rss) }))
	defer srv.Close()
	ctx := context.Background()
	lib := openLibrary(t)
	feed, err := lib.AddFeed(ctx, store.Feed{URL: srv.URL + "/rss"})
	if err != nil {
		t.Fatal(err)
	}
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
