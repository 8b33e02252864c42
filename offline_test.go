package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"parallax/store"
)

// Two outlets' feeds carry a summary of one event; their pages carry the
// whole report.
func outletServer(t *testing.T) *httptest.Server {
	t.Helper()
	day := time.Now().UTC().Add(-6 * time.Hour).Format(time.RFC1123Z)
	feed := func(title, link, item, summary string) string {
		return `<?xml version="1.0"?><rss version="2.0"><channel><title>` + title + `</title><link>` + link + `</link>
<item><title>` + item + `</title><link>` + link + `/barrier</link><guid>` + link + `/barrier</guid>
<pubDate>` + day + `</pubDate><description>` + summary + `</description></item></channel></rss>`
	}
	page := func(title string, paras ...string) string {
		return `<html><head><title>` + title + `</title></head><body><nav><a href="/">Home</a></nav><article><h1>` + title +
			`</h1><p>` + strings.Join(paras, `</p><p>`) + `</p></article><footer>All rights reserved</footer></body></html>`
	}
	var srv *httptest.Server
	mux := http.NewServeMux()
	mux.HandleFunc("/gazette/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, feed("Estuary Gazette", srv.URL+"/gazette", "Tidal barrier shuts as storm surge nears estuary",
			"The tidal barrier closed on Tuesday as a storm surge pushed up the estuary."))
	})
	mux.HandleFunc("/post/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, feed("River Post", srv.URL+"/post", "Tidal barrier gates close against estuary storm surge",
			"The estuary tidal barrier was shut on Tuesday as a storm surge approached."))
	})
	mux.HandleFunc("/gazette/barrier", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Tidal barrier shuts as surge nears",
			"The tidal barrier closed before dawn on Tuesday as a storm surge pushed up the estuary, the first full closure in ten years.",
			"Operators lowered all six gates in forty minutes while the old town stayed dry behind the granite quay walls.",
			`"Not a drop came through," said duty engineer Tomas Reyne, who watched the water rise against the outer face.`,
			"The council opened a rest centre at the community hall, where 37 people spent the night."))
	})
	mux.HandleFunc("/post/barrier", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Barrier gates close against storm surge",
			"The estuary's tidal barrier was shut early on Tuesday as a storm surge approached, protecting fourteen thousand homes upstream.",
			`"Not a drop came through," said duty engineer Tomas Reyne after the gates held through the night.`,
			"The council said 40 people were taken to a rest centre at the community hall.",
			"Environmental groups renewed calls for the barrier to be raised, citing the kittiwake colony on the outer wall."))
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestSaveTriesWaitingPagesNow: pages that failed on a fetch wait before
// they are tried again, but saving their story asks for them now.
func TestSaveTriesWaitingPagesNow(t *testing.T) {
	srv := outletServer(t)
	var down atomic.Bool
	down.Store(true)
	pages := srv.Config.Handler
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() && strings.HasSuffix(r.URL.Path, "/barrier") {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		pages.ServeHTTP(w, r)
	})
	db := filepath.Join(t.TempDir(), "lib.db")
	mustRun(t, db, "add", srv.URL+"/gazette/feed.xml", srv.URL+"/post/feed.xml")
	if fetched := decode[fetchJSON](t, parallax(t, db, "fetch", "--json")); fetched.FullText.Failed != 2 {
		t.Fatalf("fetch with the pages down: %+v", fetched)
	}
	down.Store(false)
	stories := decode[[]storyJSON](t, mustRun(t, db, "stories", "--json"))
	if len(stories) != 1 {
		t.Fatalf("stories: %+v", stories)
	}
	id := itoa(stories[0].ID)
	if out := mustRun(t, db, "save", id).stdout; !strings.Contains(out, "full text: 2 fetched") {
		t.Errorf("save of a story whose pages wait: %q", out)
	}
	for _, a := range decode[showJSON](t, mustRun(t, db, "show", id, "--json")).Articles {
		if !strings.Contains(a.Text, "Tomas Reyne") {
			t.Errorf("%s: no full text after the save: %q", a.Source, a.Text)
		}
	}
}

func TestSavedStoryOffline(t *testing.T) {
	srv := outletServer(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	mustRun(t, db, "add", srv.URL+"/gazette/feed.xml", srv.URL+"/post/feed.xml")

	// The default config fetches the pages of stories told by two sources.
	fetched := decode[fetchJSON](t, mustRun(t, db, "fetch", "--json"))
	if fetched.Added != 2 || fetched.FullText.Fetched != 2 || fetched.Offline {
		t.Fatalf("fetch: %+v", fetched)
	}
	stories := decode[[]storyJSON](t, mustRun(t, db, "stories", "--json"))
	if len(stories) != 1 || len(stories[0].Sources) != 2 {
		t.Fatalf("stories: %+v", stories)
	}
	id := itoa(stories[0].ID)
	mustRun(t, db, "save", id)

	// The network goes away: a fetch says so once, and changes nothing.
	srv.Close()
	r := parallax(t, db, "fetch")
	if r.code != exitUsage || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "offline") {
		t.Errorf("fetch offline: exit %d, stderr %q", r.code, r.stderr)
	}

	show := decode[showJSON](t, mustRun(t, db, "show", id, "--json"))
	if !show.Saved || len(show.Articles) != 2 {
		t.Fatalf("show: %+v", show)
	}
	for _, a := range show.Articles {
		if !strings.Contains(a.Text, "Tomas Reyne") {
			t.Errorf("%s: the saved text is not the full text: %q", a.Source, a.Text)
		}
	}
	if out := mustRun(t, db, "show", id).stdout; !strings.Contains(out, "granite quay walls") {
		t.Errorf("show:\n%s", out)
	}

	cmp := decode[compareJSON](t, mustRun(t, db, "compare", id, "--json"))
	var shared, kittiwake bool
	for _, a := range cmp.Articles {
		for _, s := range a.Sentences {
			if strings.Contains(s.Text, "Not a drop came through") && len(s.SharedWith) > 0 {
				shared = true
			}
			if strings.Contains(s.Text, "kittiwake") && s.Unique {
				kittiwake = true
			}
		}
	}
	if !shared || !kittiwake {
		t.Errorf("compare from the full texts: shared quote %v, unique kittiwake sentence %v", shared, kittiwake)
	}

	hits := decode[[]searchJSON](t, mustRun(t, db, "search", "kittiwake", "--json"))
	if len(hits) != 1 || hits[0].Article.Source != "River Post" {
		t.Errorf("search of the full text: %+v", hits)
	}

	md := mustRun(t, db, "export", "story", id).stdout
	for _, want := range []string{"## Estuary Gazette: ", "## River Post: ", "granite quay walls", "## Comparison",
		"### What only one source reports", "kittiwake colony", " · full text*"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown export lacks %q", want)
		}
	}
	htmlPath := filepath.Join(dir, "story.html")
	if r := mustRun(t, db, "export", "story", id, "--format", "html", "-o", htmlPath); r.stdout != "" {
		t.Errorf("export -o wrote to stdout: %q", r.stdout)
	}
	page, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!DOCTYPE html>", "granite quay walls", "Content-Security-Policy", `id="comparison"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("HTML export lacks %q", want)
		}
	}
	for _, bad := range []string{"<script", "<img", "<link", " src="} {
		if strings.Contains(string(page), bad) {
			t.Errorf("HTML export has %q", bad)
		}
	}
	// An .html file named without --format is written as HTML; --format
	// given says otherwise.
	byName := filepath.Join(dir, "by-name.HTML")
	mustRun(t, db, "export", "story", id, "-o", byName)
	if page, _ := os.ReadFile(byName); !strings.HasPrefix(string(page), "<!DOCTYPE html>") {
		t.Errorf("export -o by-name.HTML wrote no HTML page: %.60q", page)
	}
	mustRun(t, db, "export", "story", id, "--format", "md", "-o", byName)
	if page, _ := os.ReadFile(byName); strings.Contains(string(page), "<!DOCTYPE html>") {
		t.Errorf("export --format md -o by-name.HTML wrote HTML: %.60q", page)
	}
	if r := parallax(t, db, "export", "story", id, "--format", "pdf"); r.code != exitUsage || !strings.Contains(r.stderr, `"pdf"`) {
		t.Errorf("export --format pdf: exit %d, %q", r.code, r.stderr)
	}
	if r := parallax(t, db, "export", "story", "999"); r.code != exitUsage || !strings.Contains(r.stderr, "999") {
		t.Errorf("export of a missing story: exit %d, %q", r.code, r.stderr)
	}
}

func TestPurgeCommand(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "lib.db")
	lib, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	f, err := lib.AddFeed(ctx, store.Feed{URL: "https://old.example/feed", Title: "Old Times"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	old := func(days int, guid, title, text string) store.Article {
		at := now.Add(-time.Duration(days) * 24 * time.Hour)
		return store.Article{GUID: guid, URL: "https://old.example/" + guid, Title: title, Summary: text, Published: at, Fetched: at}
	}
	_, err = lib.AddArticles(ctx, f.ID, []store.Article{
		old(200, "quarry", "Quarry expansion approved by planners", "The quarry will grow by a third, planners decided on zephyrine grounds."),
		old(120, "lighthouse", "Lighthouse keeper retires after forty years", "The last keeper handed over the lamp room keys."),
		old(100, "ferry", "Ferry timetable cut for the winter", "Two sailings a day will run until March."),
		old(3, "market", "Farmers market returns to the square", "Stalls return on Saturday."),
	})
	if err != nil {
		t.Fatal(err)
	}
	list, err := lib.Stories(ctx, store.StoryQuery{WithArticles: true})
	if err != nil {
		t.Fatal(err)
	}
	var keeper int64
	for _, s := range list {
		if strings.Contains(s.Title, "Lighthouse") {
			keeper = s.ID
		}
	}
	if err := lib.SetSaved(ctx, keeper, true); err != nil {
		t.Fatal(err)
	}
	lib.Close()

	dry := decode[purgeJSON](t, mustRun(t, db, "purge", "--dry-run", "--json"))
	if !dry.DryRun || dry.Articles != 2 || dry.Stories != 2 || len(dry.Oldest) != 2 ||
		dry.Oldest[0].Title != "Quarry expansion approved by planners" {
		t.Fatalf("dry run: %+v", dry)
	}
	text := mustRun(t, db, "purge", "--dry-run").stdout
	if !strings.Contains(text, "would purge 2 articles older than 60 days (dated and fetched before") || !strings.Contains(text, "Quarry expansion approved by planners") {
		t.Errorf("dry run text:\n%s", text)
	}
	if n := len(decode[[]storyJSON](t, mustRun(t, db, "stories", "--json"))); n != 4 {
		t.Fatalf("the dry run removed stories: %d left", n)
	}

	if text := mustRun(t, db, "purge", "--dry-run", "--keep-days", "1").stdout; !strings.Contains(text, "older than 1 day (") {
		t.Errorf("dry run of one day:\n%s", text)
	}
	done := decode[purgeJSON](t, mustRun(t, db, "purge", "--json", "--keep-days", "110"))
	if done.DryRun || done.Articles != 1 {
		t.Errorf("purge --keep-days 110: %+v", done)
	}
	mustRun(t, db, "purge")
	var titles []string
	for _, s := range decode[[]storyJSON](t, mustRun(t, db, "stories", "--json")) {
		titles = append(titles, s.Title)
	}
	if len(titles) != 2 || !strings.Contains(strings.Join(titles, "|"), "Lighthouse") {
		t.Errorf("left after the purge: %q", titles)
	}
	if hits := decode[[]searchJSON](t, mustRun(t, db, "search", "zephyrine", "--json")); len(hits) != 0 {
		t.Errorf("a purged article is still found: %+v", hits)
	}
	if r := parallax(t, db, "purge", "--keep-days", "-3"); r.code != exitUsage {
		t.Errorf("negative --keep-days: exit %d", r.code)
	}
	// A number of days too large for a duration once gave a cutoff in the
	// future, and purged everything.
	if r := parallax(t, db, "purge", "--keep-days", "1000000"); r.code != exitUsage || !strings.Contains(r.stderr, "1000000") {
		t.Errorf("--keep-days 1000000: exit %d, %q", r.code, r.stderr)
	}
	// Zero given on purpose once read as "not given", and purged with the
	// config's 60 days.
	if r := parallax(t, db, "purge", "--keep-days", "0"); r.code != exitUsage || !strings.Contains(r.stderr, "--keep-days 0") {
		t.Errorf("--keep-days 0: exit %d, %q", r.code, r.stderr)
	}
	if n := len(decode[[]storyJSON](t, mustRun(t, db, "stories", "--json"))); n != 2 {
		t.Errorf("%d stories left after a purge refused, want 2", n)
	}
}
