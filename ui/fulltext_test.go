package ui

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"parallax/feeds"
	"parallax/store"
)

// Two outlets' pages about one event, each far longer than the summary its
// feed carries.
const (
	gazettePage = `<html><head><title>Tidal barrier shuts as surge nears</title>
<meta name="author" content="Maren Hollis"></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article><h1>Tidal barrier shuts as surge nears</h1>
<p>The tidal barrier closed before dawn on Tuesday as a storm surge pushed up the estuary, the first full closure in ten years.</p>
<p>Operators lowered all six gates in forty minutes. Engineers watched the water rise against the outer face while the old town stayed dry behind the granite quay walls.</p>
<p>The council opened a rest centre at the community hall, where thirty-seven people spent the night. Residents of the riverside flats had moved their cars to the hill car park.</p>
<p>The barrier will be inspected this week before the spring tides, the river authority said, and a study of raising it by half a metre is due in the spring.</p>
</article><div class="comments"><p>First!</p></div></body></html>`
	postPage = `<html><head><title>Barrier gates close against storm surge</title></head><body>
<header><a href="/">River Post</a></header>
<article><h1>Barrier gates close against storm surge</h1>
<p>The estuary's tidal barrier was shut early on Tuesday as a storm surge approached, protecting fourteen thousand homes upstream.</p>
<p>It was the first full closure since January 2015. Duty engineer Tomas Reyne said the gates held without a drop coming through, and praised the crews who worked overnight.</p>
<p>Forty residents were taken to a rest centre, the council said. Environmental groups renewed calls for the barrier to be raised as sea levels climb, citing the kittiwake colony on the outer wall.</p>
<p>The gates reopened at lunchtime once the tide turned, and ferries resumed in the afternoon.</p>
</article></body></html>`
)

// offlineLibrary is a real library with one story told by two outlets whose
// feeds and pages the returned server serves, and the reader's options wired
// to fetch from it as parallax does.
func offlineLibrary(t *testing.T) (*store.Store, *httptest.Server, Options, *atomic.Int32) {
	t.Helper()
	ctx := context.Background()
	var pageHits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/gazette/barrier", func(w http.ResponseWriter, r *http.Request) {
		pageHits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(gazettePage))
	})
	mux.HandleFunc("/post/barrier", func(w http.ResponseWriter, r *http.Request) {
		pageHits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(postPage))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	lib, err := store.Open(filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	add := func(feedPath, source, page, title, summary string, age time.Duration) {
		f, err := lib.AddFeed(ctx, store.Feed{URL: srv.URL + feedPath, Title: source})
		if err != nil {
			t.Fatal(err)
		}
		_, err = lib.AddArticles(ctx, f.ID, []store.Article{{
			GUID: page, URL: srv.URL + page, Title: title, Summary: summary,
			Published: testNow.Add(-age), Fetched: testNow.Add(-age),
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	add("/gazette/feed.xml", "Estuary Gazette", "/gazette/barrier", "Tidal barrier shuts as storm surge nears estuary",
		"The tidal barrier closed on Tuesday as a storm surge pushed up the estuary.", 3*time.Hour)
	add("/post/feed.xml", "River Post", "/post/barrier", "Tidal barrier gates close against estuary storm surge",
		"The estuary tidal barrier was shut on Tuesday as a storm surge approached.", 2*time.Hour)
	if c, _ := lib.Counts(ctx); c.Stories != 1 {
		t.Fatalf("the two reports make %d stories, want 1", c.Stories)
	}

	fetcher := feeds.NewFetcher("test")
	fetcher.Timeout = 2 * time.Second
	x := feeds.NewExtractor(fetcher)
	opts := testOptions()
	opts.Config.FullText = FullTextOnOpen
	opts.Refresh = func(ctx context.Context, urls []string, progress func(done, total, added int)) (RefreshSummary, error) {
		list, err := lib.Feeds(ctx)
		if err != nil {
			return RefreshSummary{}, err
		}
		sum := fetcher.Refresh(ctx, lib, list, nil)
		out := RefreshSummary{Feeds: len(list), Added: sum.Added, Failed: sum.Failed, Offline: feeds.Offline(sum)}
		for _, fe := range sum.Errors {
			out.Errors = append(out.Errors, fe.Err)
		}
		return out, nil
	}
	opts.FullText = func(ctx context.Context, q store.FullTextQuery) (FullTextReport, error) {
		sum, err := x.Fill(ctx, lib, q, 0)
		rep := FullTextReport{Fetched: sum.Fetched, Stories: sum.Stories, Failed: sum.Failed, Offline: sum.Offline}
		if len(sum.Errors) > 0 {
			rep.Err = sum.Errors[0].Error()
		}
		return rep, err
	}
	return lib, srv, opts, &pageHits
}

func TestReaderFetchesFullTextThenWorksOffline(t *testing.T) {
	ctx := context.Background()
	lib, srv, opts, pageHits := offlineLibrary(t)
	m := start(t, lib, opts, 120, 40)

	// Opening the story shows the first article, and its page's text
	// replaces the summary once it arrives.
	m = press(t, m, "enter")
	if !m.reader.open || len(m.reader.articles) != 2 {
		t.Fatalf("reader open %v with %d articles", m.reader.open, len(m.reader.articles))
	}
	if a, _ := m.reader.current(); !a.FullText || !strings.Contains(a.Content, "granite quay walls") {
		t.Fatalf("the opened article did not get its full text: %+v", a)
	}
	if got := bodyText(m); !strings.Contains(got, "granite quay walls") {
		t.Fatalf("the reader does not show the full text:\n%s", got)
	}
	if pageHits.Load() != 1 {
		t.Errorf("%d pages fetched on opening one article", pageHits.Load())
	}

	// Saving the story fetches the rest of it at once.
	m = press(t, m, "s")
	post := storyArticle(t, lib, "River Post")
	if !post.FullText || !strings.Contains(post.Content, "kittiwake colony") {
		t.Fatalf("saving did not fetch the other source's text: %+v", post)
	}
	if pageHits.Load() != 2 {
		t.Errorf("%d page fetches after saving, want 2", pageHits.Load())
	}

	// The network goes away.
	srv.Close()
	m = press(t, m, "r")
	status := statusLine(m)
	if !strings.Contains(status, "Offline") || !strings.Contains(status, "offline") || strings.Contains(status, "failed") {
		t.Errorf("status after a refresh with the network down: %q", status)
	}
	if m.statusErr {
		t.Error("being offline is reported as an error")
	}

	// Reading goes on from the library.
	m = press(t, m, "]")
	if got := bodyText(m); !strings.Contains(got, "kittiwake") {
		t.Errorf("the second source is not readable offline:\n%s", got)
	}
	m = press(t, m, "[")
	if got := bodyText(m); !strings.Contains(got, "granite quay walls") {
		t.Errorf("the first source is not readable offline:\n%s", got)
	}

	// Comparing works from the library, with the full texts.
	m = press(t, m, "c")
	if m.screen != screenCompare || m.compare.an == nil {
		t.Fatalf("compare pane: screen %v, analysis %v, status %q", m.screen, m.compare.an != nil, m.status)
	}
	got := bodyText(m)
	if !strings.Contains(got, "Estuary Gazette") || !strings.Contains(got, "River Post") || !strings.Contains(got, "granite") {
		t.Errorf("compare pane offline:\n%s", got)
	}
	m = press(t, m, "esc", "esc")

	// The saved screen lists the story and opens it.
	m = press(t, m, "S")
	if m.screen != screenSaved || !strings.Contains(bodyText(m), "Saved · 1 story") {
		t.Fatalf("saved screen:\n%s", bodyText(m))
	}
	m = press(t, m, "enter")
	if m.screen != screenMain || m.focus != focusReader || !m.reader.open {
		t.Fatalf("enter on a saved story: screen %v focus %v", m.screen, m.focus)
	}

	// Filtering the list works too, and nothing tried the network again
	// for the pages.
	m = press(t, m, "esc", "/")
	m = typeText(t, m, "barrier")
	if got := bodyText(m); !strings.Contains(got, "Tidal barrier") {
		t.Errorf("filter offline:\n%s", got)
	}
	if pageHits.Load() != 2 {
		t.Errorf("%d page fetches in all, want 2", pageHits.Load())
	}
	if hits, err := lib.Search(ctx, "kittiwake", 0); err != nil || len(hits) != 1 {
		t.Errorf("search of the full text: %v %v", hits, err)
	}
}

func TestComparingFetchesTheStorysFullText(t *testing.T) {
	lib, _, opts, pageHits := offlineLibrary(t)
	opts.Config.FullText = FullTextStories
	m := start(t, lib, opts, 120, 40)
	m = press(t, m, "c")
	if m.screen != screenCompare {
		t.Fatalf("screen %v, status %q", m.screen, m.status)
	}
	for _, src := range []string{"Estuary Gazette", "River Post"} {
		if a := storyArticle(t, lib, src); !a.FullText {
			t.Errorf("%s has no full text after the story was compared", src)
		}
	}
	if !strings.Contains(bodyText(m), "granite") {
		t.Errorf("the compare pane did not take up the full texts:\n%s", bodyText(m))
	}
	if pageHits.Load() != 2 {
		t.Errorf("%d page fetches, want one per article", pageHits.Load())
	}
	// Comparing again asks for nothing more.
	m = press(t, m, "esc", "c")
	if pageHits.Load() != 2 {
		t.Errorf("%d page fetches after comparing again", pageHits.Load())
	}
}

func TestFullTextNeverFetchesNoPage(t *testing.T) {
	lib, _, opts, pageHits := offlineLibrary(t)
	opts.Config.FullText = FullTextNever
	m := start(t, lib, opts, 120, 40)
	press(t, m, "enter", "s", "c")
	if pageHits.Load() != 0 {
		t.Errorf("fulltext = never, yet %d pages were fetched", pageHits.Load())
	}
	if a := storyArticle(t, lib, "Estuary Gazette"); a.FullText {
		t.Error("an article got its full text")
	}
}

func TestConfigFullTextAndKeepDays(t *testing.T) {
	cfg, err := LoadConfig(writeConfig(t, "fulltext = \"always\"\nkeep_days = 30\n"))
	if err != nil || cfg.FullTextMode() != FullTextAlways || cfg.KeepDays != 30 {
		t.Fatalf("config %+v, %v", cfg, err)
	}
	if q, ok := cfg.BackgroundFullText(); !ok || q.MinSources != 0 || q.SavedOnly || q.Limit == 0 {
		t.Errorf("always fetches %+v %v", q, ok)
	}
	def := DefaultConfig()
	if def.FullTextMode() != FullTextStories || def.KeepDays != DefaultKeepDays {
		t.Errorf("defaults %+v", def)
	}
	if q, ok := def.BackgroundFullText(); !ok || q.MinSources != 2 {
		t.Errorf("stories fetches %+v %v", q, ok)
	}
	if q, ok := (Config{FullText: FullTextOnOpen}).BackgroundFullText(); !ok || !q.SavedOnly {
		t.Errorf("on-open fetches %+v %v in the background", q, ok)
	}
	if _, ok := (Config{}).BackgroundFullText(); ok {
		t.Error("an empty config fetches in the background")
	}
	for _, c := range []struct{ text, want string }{
		{"fulltext = \"sometimes\"\n", `config.toml:1: fulltext is "sometimes"; want one of on-open, stories, always, never`},
		{"\nkeep_days = -1\n", "config.toml:2: keep_days is -1; want 0 (keep everything) to 36500"},
	} {
		_, err := LoadConfig(writeConfig(t, c.text))
		if err == nil || !strings.HasSuffix(err.Error(), c.want) {
			t.Errorf("%q: error %v, want …%s", c.text, err, c.want)
		}
	}
	if err := (Config{FullText: "sometimes"}).Validate(); err == nil {
		t.Error("Validate accepts an unknown fulltext mode")
	}
}

// storyArticle is the stored article of the one story from source.
func storyArticle(t *testing.T, lib *store.Store, source string) store.Article {
	t.Helper()
	list, err := lib.Stories(context.Background(), store.StoryQuery{})
	if err != nil || len(list) != 1 {
		t.Fatalf("stories: %d, %v", len(list), err)
	}
	arts, err := lib.StoryArticles(context.Background(), list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if a.Source == source {
			return a
		}
	}
	t.Fatalf("no article from %s", source)
	return store.Article{}
}

func TestFullTextSwapKeepsScrollAndDropsLateSummary(t *testing.T) {
	lib := smallLibrary(t, 0)
	var summary, full strings.Builder
	for i := range 40 {
		fmt.Fprintf(&summary, "Summary line %d of the harbour bridge report.\n\n", i)
		fmt.Fprintf(&full, "Full text paragraph %d about the harbour bridge.\n\n", i)
	}
	arts := lib.articles[1]
	arts[0].Content, arts[0].Summary = "", summary.String()
	opts := testOptions()
	m := start(t, lib, opts, 100, 30)
	m = press(t, m, "enter")
	if a, _ := m.reader.current(); a.ID != 11 {
		t.Fatalf("reading article %d", a.ID)
	}
	m = press(t, m, "j", "j", "j", "j", "j")
	if m.reader.offset != 5 {
		t.Fatalf("offset %d after scrolling", m.reader.offset)
	}
	lateSummary := render(m.reader.shown, summary.String(), m.reader.glamourConfig())

	// The page's text arrives for the article being read.
	lib.mu.Lock()
	lib.articles[1][0].Content, lib.articles[1][0].FullText = full.String(), true
	lib.mu.Unlock()
	m = send(t, m, fullTextDoneMsg{why: fullTextOpened, q: store.FullTextQuery{Articles: []int64{11}},
		report: FullTextReport{Fetched: []int64{11}, Stories: []int64{1}}})
	if got := bodyText(m); !strings.Contains(got, "Full text paragraph 3 ") || strings.Contains(got, "Summary line") {
		t.Fatalf("the full text did not replace the summary:\n%s", got)
	}
	if m.reader.offset != 5 {
		t.Errorf("offset %d after the full text arrived, want the reader to stay where it was (5)", m.reader.offset)
	}

	// A render of the summary that arrives late is dropped.
	m = settle(t, m, lateSummary)
	if got := bodyText(m); strings.Contains(got, "Summary line") {
		t.Errorf("a late render of the summary replaced the full text:\n%s", got)
	}
}

// TestUnfetchedPageSaysWhatIsShown has the page of the article being read
// fail to come: the status says the feed's summary is shown, or, where the
// feed gave only a headline, that.
func TestUnfetchedPageSaysWhatIsShown(t *testing.T) {
	lib := smallLibrary(t, 0)
	lib.articles[1][2].Summary = ""
	m := press(t, openBridge(t, lib, 100, 30), "]")
	for _, want := range []string{"Showing the feed's summary: https://page.example: 404", "Showing the feed's headline alone: https://page.example: 404"} {
		a, _ := m.reader.current()
		m, _ = m.fullTextDone(fullTextDoneMsg{q: store.FullTextQuery{Articles: []int64{a.ID}}, why: fullTextOpened,
			report: FullTextReport{Failed: 1, Err: "https://page.example: 404"}})
		if !strings.Contains(screenText(m), want) {
			t.Errorf("article %d: status lacks %q:\n%s", a.ID, want, screenText(m))
		}
		m = press(t, m, "]")
	}
}

// TestPageLeftForItsSiteSaysWhy has the page of the article being read
// left alone because its site asked to wait: no failure, but the reader
// still learns why the feed's summary is what it sees.
func TestPageLeftForItsSiteSaysWhy(t *testing.T) {
	lib := smallLibrary(t, 0)
	for i := range lib.articles[1] {
		lib.articles[1][i].URL = fmt.Sprintf("https://www.coastal-times.example/news/2025/02/12/harbour-bridge-cracks-under-winter-load-%d", i)
	}
	m := press(t, openBridge(t, lib, 80, 24), "]")
	a, _ := m.reader.current()
	why := "not fetched: the site asked to wait 9 min more"
	m, _ = m.fullTextDone(fullTextDoneMsg{q: store.FullTextQuery{Articles: []int64{a.ID}}, why: fullTextOpened,
		report: FullTextReport{Waiting: 1, Err: a.URL + ": " + why}})
	if want := "Showing the feed's summary: " + why; !strings.Contains(screenText(m), want) {
		t.Errorf("status lacks %q:\n%s", want, screenText(m))
	}
}

// TestSavingTriesWaitingPagesNow: pages that failed lately wait before
// they are tried again on their own, but saving their story asks for
// them at once.
func TestSavingTriesWaitingPagesNow(t *testing.T) {
	lib, _, opts, pageHits := offlineLibrary(t)
	for _, src := range []string{"Estuary Gazette", "River Post"} {
		a := storyArticle(t, lib, src)
		if _, err := lib.FullTextFailed(context.Background(), a.ID, "503 Service Unavailable", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	m := start(t, lib, opts, 120, 40)
	m = press(t, m, "enter")
	if pageHits.Load() != 0 {
		t.Fatalf("%d pages fetched on opening, before their wait is over", pageHits.Load())
	}
	press(t, m, "s")
	if pageHits.Load() != 2 {
		t.Errorf("%d pages fetched after the save, want both", pageHits.Load())
	}
	for _, src := range []string{"Estuary Gazette", "River Post"} {
		if a := storyArticle(t, lib, src); !a.FullText {
			t.Errorf("%s has no full text after its story was saved", src)
		}
	}
}
