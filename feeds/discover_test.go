package feeds

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parallax/store"
)

func TestDiscover(t *testing.T) {
	atom := readFixture(t, "feeds/atom10.xml")
	mux := http.NewServeMux()
	page := func(path, body string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(body))
		})
	}
	mux.HandleFunc("/atom.xml", func(w http.ResponseWriter, r *http.Request) { w.Write(atom) })
	mux.HandleFunc("/old-feed", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/atom.xml", http.StatusMovedPermanently)
	})
	page("/news/", `<!DOCTYPE html><html><head>
		<link rel="stylesheet" href="/s.css">
		<link rel="alternate" type="text/html" href="/news/print">
		<link rel="Alternate Home" type="application/atom+xml" href="../atom.xml" title="Atom">
		<link rel="alternate" type="application/rss+xml" href="/rss.xml">
		</head><body>News</body></html>`)
	page("/based", `<html><head><base href="https://cdn.example/site/"><link rel="alternate" type="application/feed+json; charset=utf-8" href="feed.json"></head></html>`)
	page("/body-link", `<html><head><title>x</title></head><body><link rel="alternate" type="application/rss+xml" href="/in-body.xml"></body></html>`)
	page("/nofeed", `<html><head><title>Plain</title></head><body>No feed here</body></html>`)
	page("/unsafe", `<html><head><link rel="alternate" type="application/rss+xml" href="javascript:alert(1)"></head></html>`)
	page("/to-a-file", `<html><head><link rel="alternate" type="application/rss+xml" href="file:///etc/passwd"></head></html>`)
	page("/based-on-files", `<html><head><base href="file:///home/"><link rel="alternate" type="application/rss+xml" href="feed.xml"></head></html>`)
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	s := httptest.NewServer(mux)
	defer s.Close()

	f := testFetcher()
	ctx := context.Background()
	for _, tt := range []struct{ in, want, err string }{
		{in: s.URL + "/atom.xml", want: s.URL + "/atom.xml"},
		{in: s.URL + "/old-feed", want: s.URL + "/atom.xml"},
		{in: s.URL + "/news/", want: s.URL + "/atom.xml"},
		{in: s.URL + "/based", want: "https://cdn.example/site/feed.json"},
		{in: s.URL + "/body-link", want: s.URL + "/in-body.xml"},
		{in: s.URL + "/nofeed", err: s.URL + "/nofeed: no feed found (the page links to none)"},
		{in: s.URL + "/unsafe", err: s.URL + "/unsafe: no feed found (the page links to none)"},
		{in: s.URL + "/to-a-file", err: s.URL + "/to-a-file: no feed found (the page links to none)"},
		{in: s.URL + "/based-on-files", err: s.URL + "/based-on-files: no feed found (the page links to none)"},
		{in: s.URL + "/image", err: s.URL + "/image: not a feed"},
		{in: s.URL + "/missing", err: s.URL + "/missing: 404 Not Found"},
		{in: "gopher://old.example/", err: `gopher://old.example/: unsupported URL scheme "gopher"`},
	} {
		got, err := f.Discover(ctx, tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Discover(%s) = %q, %v; want error %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Discover(%s) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestDiscoverFeed(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head></html>`))
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { w.Write(readFixture(t, "feeds/rss2.xml")) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><link rel="alternate" type="application/rss+xml" href="/gone"></head></html>`))
	})
	s := httptest.NewServer(mux)
	defer s.Close()
	f := testFetcher()
	feed, err := f.DiscoverFeed(context.Background(), s.URL+"/")
	if err != nil || feed.URL != s.URL+"/feed" || feed.Title != "Harbour Gazette — World" || feed.SiteURL != "https://gazette.example/world" {
		t.Errorf("DiscoverFeed = %+v, %v", feed, err)
	}
	if _, err := f.DiscoverFeed(context.Background(), s.URL+"/broken"); err == nil || err.Error() != s.URL+"/broken: the feed it links to could not be read ("+s.URL+"/gone: 404 Not Found)" {
		t.Errorf("a page linking to a missing feed: %v", err)
	}
}

// feedLink is the <link> by which a page names the RSS feed at href.
func feedLink(href string) string {
	return `<link rel="alternate" type="application/rss+xml" href="` + href + `">`
}

// linkingPages returns a function that serves, on mux at path, a page
// whose head holds links.
func linkingPages(mux *http.ServeMux) func(path string, links ...string) {
	return func(path string, links ...string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><head>" + strings.Join(links, "") + "</head></html>"))
		})
	}
}

// TestDiscoverFeedSkipsBadLinks: of the feeds a page links to, the first
// that reads as a feed is subscribed to; links back to the page and to
// missing or broken feeds are passed over, and a page with nothing else
// is an error that names what went wrong.
func TestDiscoverFeedSkipsBadLinks(t *testing.T) {
	rss := readFixture(t, "feeds/rss2.xml")
	mux := http.NewServeMux()
	page := linkingPages(mux)
	page("/world/", feedLink("/world/"), feedLink("/gone.xml"), feedLink("/world/#top"), feedLink("/html"), feedLink("/feed.xml"))
	page("/itself", feedLink("itself"))
	page("/dead-ends", feedLink("/gone.xml"), feedLink("/html"))
	page("/many", feedLink("/a"), feedLink("/b"), feedLink("/c"), feedLink("/d"), feedLink("/e"), feedLink("/feed.xml"))
	page("/html", "")
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) { w.Write(rss) })
	s := httptest.NewServer(mux)
	defer s.Close()

	f := testFetcher()
	ctx := context.Background()
	feed, err := f.DiscoverFeed(ctx, s.URL+"/world/")
	if err != nil || feed.URL != s.URL+"/feed.xml" || feed.Title != "Harbour Gazette — World" {
		t.Errorf("DiscoverFeed of a page whose first links are itself, a 404 and a page = %+v, %v; want the working feed", feed, err)
	}
	if got, err := f.Discover(ctx, s.URL+"/world/"); err != nil || got != s.URL+"/gone.xml" {
		t.Errorf("Discover, which reads no feed, = %q, %v; want the first link that is not the page", got, err)
	}
	for _, tt := range []struct{ in, err string }{
		{s.URL + "/itself", s.URL + "/itself: no feed found (the page's feed link leads back to the page)"},
		{s.URL + "/dead-ends", s.URL + "/dead-ends: none of the 2 feeds it links to could be read (" + s.URL + "/gone.xml: 404 Not Found)"},
		{s.URL + "/many", s.URL + "/many: none of the first 4 of the 6 feeds it links to could be read (" + s.URL + "/a: 404 Not Found)"},
	} {
		if feed, err := f.DiscoverFeed(ctx, tt.in); err == nil || err.Error() != tt.err {
			t.Errorf("DiscoverFeed(%s) = %+v, %v; want error %q", tt.in, feed, err, tt.err)
		}
	}
}

func TestDiscoverLocalFiles(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.xml")
	os.WriteFile(feed, readFixture(t, "feeds/rss2.xml"), 0o644)
	page := filepath.Join(dir, "index.html")
	os.WriteFile(page, []byte(`<html><head><link rel="alternate" type="application/rss+xml" href="feed.xml"></head></html>`), 0o644)
	f := testFetcher()
	got, err := f.Discover(context.Background(), feed)
	if err != nil || got != fileURL(feed) {
		t.Errorf("feed file: %q, %v", got, err)
	}
	got, err = f.Discover(context.Background(), page)
	if err != nil || got != fileURL(feed) {
		t.Errorf("page file: %q, %v; want %q", got, err, fileURL(feed))
	}
	if _, err := f.Discover(context.Background(), filepath.Join(dir, "gone.xml")); err == nil || !strings.HasSuffix(err.Error(), "gone.xml: no such file") {
		t.Errorf("missing file error %v", err)
	}
}

func TestNormalizeURL(t *testing.T) {
	abs, _ := filepath.Abs("testdata/feeds/rss2.xml")
	for in, want := range map[string]string{
		"https://Example.COM/rss":           "https://example.com/rss",
		"HTTP://example.com/a?b=c":          "http://example.com/a?b=c",
		"example.com/feed":                  "https://example.com/feed",
		"feed://example.com/rss":            "https://example.com/rss",
		"feed:https://example.com/rss":      "https://example.com/rss",
		"testdata/feeds/rss2.xml":           "file://" + abs,
		"file://" + abs:                     "file://" + abs,
		"  https://example.com/x \n":        "https://example.com/x",
		"https://example.com:443/rss":       "https://example.com/rss",
		"http://example.com:80/rss":         "http://example.com/rss",
		"http://example.com:8080/rss":       "http://example.com:8080/rss",
		"https://[::1]:443/rss":             "https://[::1]/rss",
		"https://example.com/rss#top":       "https://example.com/rss",
		"https://example.com/rss?":          "https://example.com/rss",
		"https://example.com/a/./rss":       "https://example.com/a/rss",
		"https://example.com/a/../rss":      "https://example.com/rss",
		"https://example.com/a%2Fb/./c":     "https://example.com/a%2Fb/c",
		"https://example.com/%7Eann/rss":    "https://example.com/~ann/rss",
		"https://example.com/%7eann/%2f":    "https://example.com/~ann/%2F",
		"https://example.com/r?u=%7E&q=%26": "https://example.com/r?u=~&q=%26",
		"https://example.com/caf%C3%A9":     "https://example.com/caf%C3%A9",
		"https://example.com/%41%5a%2D":     "https://example.com/AZ-",
	} {
		got, err := NormalizeURL(in)
		if err != nil || got != want {
			t.Errorf("NormalizeURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	// A file whose name a line of text would not keep is still the file named.
	odd := filepath.Join(t.TempDir(), "two  spaces\x1b[31m.xml")
	if err := os.WriteFile(odd, []byte("<rss/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := NormalizeURL(odd)
	if p, ok := localPath(got); err != nil || !ok || p != odd || strings.ContainsRune(got, 0x1b) {
		t.Errorf("NormalizeURL(%q) = %q (the file %q), %v; want the file's URL, escaped", odd, got, p, err)
	}
	for _, in := range []string{"", "ftp://example.com/x", "just words", "https://"} {
		if got, err := NormalizeURL(in); err == nil {
			t.Errorf("NormalizeURL(%q) = %q, want an error", in, got)
		}
	}
}

// TestDiscoverFeedOfABusyServer: a feed, or the feed a page links to, whose
// server asks to be left alone for a while is the answer, with when it may
// be fetched, unless a later link of the page works now.
func TestDiscoverFeedOfABusyServer(t *testing.T) {
	rss := readFixture(t, "feeds/rss2.xml")
	mux := http.NewServeMux()
	page := linkingPages(mux)
	mux.HandleFunc("/busy.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "600")
		http.Error(w, "later", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) { w.Write(rss) })
	page("/busy-only", feedLink("/gone.xml"), feedLink("/busy.xml"))
	page("/busy-first", feedLink("/busy.xml"), feedLink("/feed.xml"))
	s := httptest.NewServer(mux)
	defer s.Close()

	f := testFetcher()
	now := time.Now()
	for _, tt := range []struct{ in, want string }{
		{s.URL + "/busy.xml", s.URL + "/busy.xml"},
		{s.URL + "/busy-only", s.URL + "/busy.xml"},
	} {
		feed, err := f.DiscoverFeed(context.Background(), tt.in)
		if err != nil || feed.URL != tt.want || feed.RetryAfter.Before(now.Add(9*time.Minute)) || feed.RetryAfter.After(now.Add(11*time.Minute)) {
			t.Errorf("DiscoverFeed(%s) = %+v, %v; want %s, to be fetched in 10 min", tt.in, feed, err, tt.want)
		}
	}
	feed, err := f.DiscoverFeed(context.Background(), s.URL+"/busy-first")
	if err != nil || feed.URL != s.URL+"/feed.xml" || !feed.RetryAfter.IsZero() {
		t.Errorf("DiscoverFeed of a page whose first feed is busy and second works = %+v, %v; want the working one", feed, err)
	}
}

// TestNotModifiedUnasked: a server that answers 304 to a request that set
// no condition has said nothing about the feed. Adding it is an error, and
// so is fetching a feed never fetched before, rather than an empty feed.
func TestNotModifiedUnasked(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	}))
	defer s.Close()
	f := testFetcher()
	want := s.URL + "/feed.xml: 304 Not Modified to a request that was not conditional"
	if feed, err := f.DiscoverFeed(context.Background(), s.URL+"/feed.xml"); err == nil || err.Error() != want {
		t.Errorf("DiscoverFeed = %+v, %v; want error %q", feed, err, want)
	}
	if r := f.Fetch(context.Background(), store.Feed{URL: s.URL + "/feed.xml"}); r.Err == nil || r.Err.Error() != want {
		t.Errorf("first Fetch = %v; want error %q", r.Err, want)
	}
}

// TestSamePage tells a page's link to itself however the page writes it:
// a page whose feed link is itself has no feed there.
func TestSamePage(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"https://example.org/news/#top", "https://example.org/news/", true},
		{"https://Example.org:443/news/", "https://example.org/news/", true},
		{"http://example.org/%7Eed/", "http://example.org/~ed/", true},
		{"https://example.org/news/", "https://example.org/news/feed.xml", false},
		{"https://example.org/news/", "http://example.org/news/", false},
	} {
		if got := samePage(tt.a, tt.b); got != tt.same {
			t.Errorf("samePage(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}
