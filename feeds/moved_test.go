package feeds

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"parallax/store"
)

// TestRefreshOfAFeedMovedOntoAnother: a subscription whose address now
// redirects for good to another subscription's fails, on every refresh,
// with an error the feed list shows naming the other; it keeps its
// address and brings no articles, which the other brings.
func TestRefreshOfAFeedMovedOntoAnother(t *testing.T) {
	rss := readFixture(t, "feeds/rss2.xml")
	mux := http.NewServeMux()
	mux.HandleFunc("/world.xml", func(w http.ResponseWriter, r *http.Request) { w.Write(rss) })
	mux.HandleFunc("/old-world.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/world.xml", http.StatusMovedPermanently)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	current, old := srv.URL+"/world.xml", srv.URL+"/old-world.xml"

	ctx := context.Background()
	lib := openLibrary(t)
	for _, u := range []string{current, old} {
		if _, err := lib.AddFeed(ctx, store.Feed{URL: u}); err != nil {
			t.Fatal(err)
		}
	}
	want := old + ": moved to " + current + ", which you already follow"
	for round := 1; round <= 2; round++ {
		list, err := lib.Feeds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sum := testFetcher().Refresh(ctx, lib, list, nil)
		if sum.Failed != 1 || len(sum.Errors) != 1 || sum.Errors[0].URL != old || sum.Errors[0].Err != want {
			t.Errorf("refresh %d: %d failed, errors %+v; want the moved feed's error %q", round, sum.Failed, sum.Errors, want)
		}
		moved, err := lib.FeedByURL(ctx, old)
		if err != nil || moved.LastError != want || moved.LastFetch.IsZero() || moved.Articles != 0 {
			t.Errorf("refresh %d: moved feed %+v, %v; want it kept, fetched, with no articles and the error %q", round, moved, err, want)
		}
		other, err := lib.FeedByURL(ctx, current)
		if err != nil || other.LastError != "" || other.Articles == 0 {
			t.Errorf("refresh %d: the feed it moved to %+v, %v; want it fetched without error", round, other, err)
		}
	}
}
