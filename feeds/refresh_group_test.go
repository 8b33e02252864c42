package feeds

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"parallax/store"
)

// wirePath holds headlines of nine stories from fourteen outlets over four
// days, written for the grouper's own tests.
const wirePath = "../store/story/testdata/wire.txt"

// outletFeeds turns the headlines of wirePath into one RSS document per
// outlet, keyed by a slug of its name, each item linked at
// https://<slug>.example/<n>.
func outletFeeds(t *testing.T) map[string][]byte {
	t.Helper()
	f, err := os.Open(wirePath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	items := map[string]*strings.Builder{}
	var slug string
	var when time.Time
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "--- "):
			parts := strings.Split(strings.TrimPrefix(line, "--- "), " | ")
			if len(parts) != 3 {
				t.Fatalf("%s: header %q needs source | time | story", wirePath, line)
			}
			slug = strings.ToLower(strings.ReplaceAll(parts[0], " ", "-"))
			if when, err = time.Parse(time.RFC3339, parts[1]); err != nil {
				t.Fatalf("%s: %v", wirePath, err)
			}
			if items[slug] == nil {
				items[slug] = &strings.Builder{}
			}
		case slug != "" && line != "" && !strings.HasPrefix(line, "#"):
			n++
			fmt.Fprintf(items[slug], "<item><title>%s</title><link>https://%s.example/%d</link><pubDate>%s</pubDate></item>",
				html.EscapeString(line), slug, n, when.Format(time.RFC1123Z))
			slug = ""
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	docs := map[string][]byte{}
	for s, b := range items {
		docs[s] = fmt.Appendf(nil, `<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title>%s</channel></rss>`, s, b)
	}
	return docs
}

// storiesByURL is the story of each article of lib, as the set of its
// stories' article URLs: a grouping that does not depend on story IDs.
func storiesByURL(t *testing.T, lib *store.Store) map[string]string {
	t.Helper()
	list, err := lib.Stories(context.Background(), store.StoryQuery{WithArticles: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, s := range list {
		var urls []string
		for _, a := range s.Articles {
			urls = append(urls, a.URL)
		}
		slices.Sort(urls)
		for _, u := range urls {
			out[u] = strings.Join(urls, " ")
		}
	}
	return out
}

// TestRefreshGroupsAcrossFeeds refreshes fourteen outlets' feeds of
// headlines over four days into a real library. The articles of all the
// feeds are grouped together, oldest first, so the stories are the ones a
// regrouping makes; stored feed by feed, one outlet's four days would be
// grouped before the next outlet's first, and broad stories would split.
// A refresh that holds less text than its feeds carry stores them in
// several calls, and each feed's articles are still all stored.
func TestRefreshGroupsAcrossFeeds(t *testing.T) {
	docs := outletFeeds(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		doc, ok := docs[strings.TrimPrefix(r.URL.Path, "/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(doc)
	}))
	defer srv.Close()
	ctx := context.Background()

	refresh := func(f *Fetcher) (*countedStore, Summary) {
		lib := openLibrary(t)
		var list []store.Feed
		for _, slug := range slices.Sorted(maps.Keys(docs)) {
			feed, err := lib.AddFeed(ctx, store.Feed{URL: srv.URL + "/" + slug})
			if err != nil {
				t.Fatal(err)
			}
			list = append(list, feed)
		}
		counted := &countedStore{Store: lib}
		sum := f.Refresh(ctx, counted, list, nil)
		if sum.Failed != 0 {
			t.Fatalf("%d feeds failed: %+v", sum.Failed, sum.Errors)
		}
		return counted, sum
	}

	lib, sum := refresh(testFetcher())
	fetched := storiesByURL(t, lib.Store)
	if err := lib.Regroup(ctx); err != nil {
		t.Fatal(err)
	}
	regrouped := storiesByURL(t, lib.Store)
	if len(fetched) != sum.Added || sum.Added < 50 {
		t.Fatalf("%d articles in stories, %d added", len(fetched), sum.Added)
	}
	if lib.calls != 1 {
		t.Errorf("articles stored in %d calls, want 1", lib.calls)
	}
	for u, s := range fetched {
		if regrouped[u] != s {
			t.Errorf("%s: fetched into story [%s], regrouped into [%s]", u, s, regrouped[u])
		}
	}

	small := testFetcher()
	small.MaxHeld = 1000
	lib, sum = refresh(small)
	if c, err := lib.Counts(ctx); err != nil || c.Articles != len(fetched) || sum.Added != len(fetched) {
		t.Errorf("holding little: %d articles stored (%v), %d added, want %d", c.Articles, err, sum.Added, len(fetched))
	}
	if lib.calls < 2 {
		t.Errorf("holding 1000 bytes, articles stored in %d call, want several", lib.calls)
	}
}

// countedStore is a library that counts the calls that store articles.
type countedStore struct {
	*store.Store
	calls int
}

func (s *countedStore) AddBatches(ctx context.Context, batches []store.Batch) ([]store.AddResult, error) {
	s.calls++
	return s.Store.AddBatches(ctx, batches)
}
