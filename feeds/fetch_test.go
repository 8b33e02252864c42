package feeds

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"parallax/store"
)

// fakeLibrary stands in for the store: it keeps what Refresh writes, the
// feeds of each call that stores articles, and notices if two writes ever
// overlap. A call that holds a feed of failAdd fails whole, as the store's
// transaction does.
type fakeLibrary struct {
	mu       sync.Mutex
	busy     atomic.Int32
	overlap  atomic.Bool
	articles map[int64][]store.Article
	keys     map[string]bool
	records  map[int64][]store.FetchRecord
	failAdd  map[int64]bool
	calls    [][]int64
}

func newFakeLibrary() *fakeLibrary {
	return &fakeLibrary{
		articles: map[int64][]store.Article{},
		keys:     map[string]bool{},
		records:  map[int64][]store.FetchRecord{},
		failAdd:  map[int64]bool{},
	}
}

func (l *fakeLibrary) enter() func() {
	if l.busy.Add(1) > 1 {
		l.overlap.Store(true)
	}
	return func() { l.busy.Add(-1) }
}

func (l *fakeLibrary) AddBatches(ctx context.Context, batches []store.Batch) ([]store.AddResult, error) {
	defer l.enter()()
	l.mu.Lock()
	defer l.mu.Unlock()
	var feeds []int64
	for _, b := range batches {
		feeds = append(feeds, b.FeedID)
		if l.failAdd[b.FeedID] {
			return nil, fmt.Errorf("disk full")
		}
	}
	l.calls = append(l.calls, feeds)
	res := make([]store.AddResult, len(batches))
	for i, b := range batches {
		for _, a := range b.Articles {
			key := fmt.Sprintf("%d/%s", b.FeedID, a.GUID)
			if a.GUID == "" {
				key = "url/" + a.URL
			}
			l.articles[b.FeedID] = append(l.articles[b.FeedID], a)
			if l.keys[key] {
				res[i].Updated++
				continue
			}
			l.keys[key] = true
			res[i].Added++
		}
	}
	return res, nil
}

func (l *fakeLibrary) RecordFetch(ctx context.Context, feedID int64, r store.FetchRecord) error {
	defer l.enter()()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.records[feedID] = append(l.records[feedID], r)
	return nil
}

// FeedByURL finds no feed: the fake's feeds are those each test passes
// to Refresh, and none has moved onto another.
func (l *fakeLibrary) FeedByURL(ctx context.Context, url string) (store.Feed, error) {
	defer l.enter()()
	return store.Feed{}, fmt.Errorf("feed %s: %w", url, store.ErrNotFound)
}

func (l *fakeLibrary) last(feedID int64) store.FetchRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	recs := l.records[feedID]
	if len(recs) == 0 {
		return store.FetchRecord{Err: "never recorded"}
	}
	return recs[len(recs)-1]
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// feedServer serves every case Refresh must survive, good and bad.
type feedServer struct {
	*httptest.Server
	gzipServed  atomic.Bool
	ifNoneMatch atomic.Value
}

func newFeedServer(t *testing.T) *feedServer {
	t.Helper()
	fs := &feedServer{}
	rss := readFixture(t, "feeds/rss2.xml")
	atom := readFixture(t, "feeds/atom10.xml")
	atom03 := readFixture(t, "feeds/atom03.xml")
	jsonFeed := readFixture(t, "feeds/feed.json")
	rdf := readFixture(t, "feeds/rss1.rdf")
	latin1 := readFixture(t, "feeds/rss091.xml")
	mux := http.NewServeMux()
	serve := func(path, ctype string, body []byte) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Write(body)
		})
	}
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		fs.ifNoneMatch.Store(r.Header.Get("If-None-Match"))
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Wed, 05 Jun 2024 10:00:00 GMT")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(rss)
	})
	mux.HandleFunc("/dated", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Last-Modified", "Wed, 05 Jun 2024 10:00:00 GMT")
		if r.Header.Get("If-Modified-Since") == "Wed, 05 Jun 2024 10:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(atom03)
	})
	serve("/atom", "application/atom+xml", atom)
	serve("/json", "application/feed+json", jsonFeed)
	serve("/moved-target", "application/atom+xml", atom03)
	serve("/temp-target", "application/rss+xml; charset=iso-8859-1", latin1)
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "gzip only", http.StatusNotAcceptable)
			return
		}
		fs.gzipServed.Store(true)
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/rdf+xml")
		zw := gzip.NewWriter(w)
		zw.Write(rdf)
		zw.Close()
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved-target", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/temp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/temp-target", http.StatusFound)
	})
	mux.HandleFunc("/perm-then-temp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/hop", http.StatusPermanentRedirect)
	})
	mux.HandleFunc("/hop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/temp-target", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>`))
		item := []byte(`<item><title>Padding item</title><description>` + strings.Repeat("x", 1000) + `</description></item>`)
		for range 200 {
			w.Write(item)
		}
		w.Write([]byte(`</channel></rss>`))
	})
	mux.HandleFunc("/big-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "300000")
		w.Write(bytes.Repeat([]byte(" "), 300000))
	})
	serve("/malformed", "application/rss+xml",
		[]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Cut off`))
	serve("/html", "text/html; charset=utf-8",
		[]byte("<!DOCTYPE html>\n<html><head><title>Home</title></head><body><p>Welcome</p></body></html>"))
	serve("/empty", "application/rss+xml", nil)
	serve("/badenc", "text/xml",
		[]byte(`<?xml version="1.0" encoding="x-no-such-charset"?><rss version="2.0"><channel><title>T</title></channel></rss>`))
	serve("/wrongenc", "text/xml",
		[]byte("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>Cr\xe8me</title></item></channel></rss>"))
	serve("/notfeed-json", "application/json", []byte(`{"status":"ok","items":[]}`))
	serve("/escape", "application/rss+xml", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Esc`+
		"\x1b[31m"+`</title><item><title>Clip`+"\x1b]52;c;SGVsbG8=\x07"+`board `+"\u202e"+`gnol</title><link>https://e.example/1</link></item></channel></rss>`))
	serve("/escape-json", "application/feed+json", []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J",`+
		`"items":[{"id":"1","url":"https://e.example/\u001b[2J","title":"\u001b[31mRed\u001b[0m \u009b1;2Halert\u202e",`+
		`"authors":[{"name":"\u001b]8;;https://evil.example\u0007Eve\u001b]8;;\u0007"}],`+
		`"content_text":"Body\u001bP1$qm\u001b\\ text\r\n\r\nnext\u001b_hidden\u001b\\"}]}`))
	mux.HandleFunc("/404", http.NotFound)
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	fs.Server = httptest.NewServer(mux)
	t.Cleanup(fs.Close)
	return fs
}

// refusedURL is a URL on a local port that nothing listens on.
func refusedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/feed"
}

// nxdomainTransport resolves every name through a DNS server on the
// loopback interface that answers "no such domain", so a lookup failure
// is real without asking any outside server.
func nxdomainTransport(t *testing.T) http.RoundTripper {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 512)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if n < 12 {
				continue
			}
			resp := append([]byte{}, buf[:n]...)
			resp[2] = 0x80 | (buf[2] & 0x01) // response, recursion desired as asked
			resp[3] = 0x80 | 3               // recursion available, NXDOMAIN
			for i := 6; i < 12; i++ {
				resp[i] = 0 // no answer, authority or additional records
			}
			// Drop any EDNS record the query carried after its question.
			if q := questionEnd(resp); q > 0 {
				resp = resp[:q]
			}
			pc.WriteTo(resp, from)
		}
	}()
	resolver := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", pc.LocalAddr().String())
	}}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Resolver: resolver}).DialContext
	return tr
}

// questionEnd returns the offset just past the first question of a DNS
// message, or 0.
func questionEnd(msg []byte) int {
	i := 12
	for i < len(msg) {
		l := int(msg[i])
		if l == 0 {
			return min(i+5, len(msg))
		}
		i += l + 1
	}
	return 0
}

func testFetcher() *Fetcher {
	f := NewFetcher("")
	f.Timeout = 500 * time.Millisecond
	f.MaxBytes = 64 << 10
	return f
}

func TestRefreshGoodAndBadFeeds(t *testing.T) {
	fs := newFeedServer(t)
	u := fs.URL
	feeds := []store.Feed{
		{ID: 1, URL: u + "/rss"},
		{ID: 2, URL: u + "/atom", Title: "Ledger (as subscribed)", Named: true},
		{ID: 3, URL: u + "/json"},
		{ID: 4, URL: u + "/gzip"},
		{ID: 5, URL: u + "/moved"},
		{ID: 6, URL: u + "/temp"},
		{ID: 7, URL: u + "/perm-then-temp"},
		{ID: 8, URL: u + "/loop"},
		{ID: 9, URL: u + "/slow"},
		{ID: 10, URL: u + "/big"},
		{ID: 11, URL: u + "/big-declared"},
		{ID: 12, URL: u + "/malformed"},
		{ID: 13, URL: u + "/html"},
		{ID: 14, URL: u + "/empty"},
		{ID: 15, URL: u + "/404"},
		{ID: 16, URL: u + "/500"},
		{ID: 17, URL: u + "/badenc"},
		{ID: 18, URL: u + "/wrongenc"},
		{ID: 19, URL: u + "/notfeed-json"},
		{ID: 20, URL: refusedURL(t)},
		{ID: 21, URL: "http://no-such-host.invalid/feed"},
		{ID: 22, URL: u + "/rss", ETag: `"v1"`},
		{ID: 23, URL: fileURL("testdata/feeds/rss1.rdf")},
		{ID: 24, URL: "testdata/feeds/missing.xml"},
	}
	lib := newFakeLibrary()
	f := testFetcher()
	f.Transport = nxdomainTransport(t)
	var progress []Progress
	sum := f.Refresh(context.Background(), lib, feeds, func(p Progress) { progress = append(progress, p) })

	if lib.overlap.Load() {
		t.Error("library writes overlapped")
	}
	wantArticles := map[int64]int{1: 4, 2: 1, 3: 2, 4: 1, 5: 1, 6: 1, 7: 1, 23: 1}
	for id, n := range wantArticles {
		if got := len(lib.articles[id]); got != n {
			t.Errorf("feed %d: %d articles stored, want %d (record %+v)", id, got, n, lib.last(id))
		}
		if rec := lib.last(id); rec.Err != "" {
			t.Errorf("feed %d: unexpected error %q", id, rec.Err)
		}
	}
	wantErr := map[int64]string{
		8:  u + "/loop: too many redirects (more than 5)",
		9:  u + "/slow: timed out after 500ms",
		10: u + "/big: response larger than 64 KiB",
		11: u + "/big-declared: response larger than 64 KiB",
		12: u + "/malformed: malformed feed: XML syntax error on line 1: unexpected EOF",
		13: u + "/html: not a feed (got HTML)",
		14: u + "/empty: empty document",
		15: u + "/404: 404 Not Found",
		16: u + "/500: 500 Internal Server Error",
		17: u + `/badenc: unsupported encoding "x-no-such-charset"`,
		18: u + "/wrongenc: wrong encoding: not valid UTF-8 and no other encoding declared",
		19: u + "/notfeed-json: not a feed (JSON without a JSON Feed version)",
		20: feeds[19].URL + ": connection refused",
		21: "http://no-such-host.invalid/feed: no such host no-such-host.invalid",
		24: "testdata/feeds/missing.xml: no such file",
	}
	for id, want := range wantErr {
		rec := lib.last(id)
		if rec.Err != want {
			t.Errorf("feed %d: recorded error %q, want %q", id, rec.Err, want)
		}
		if strings.Contains(rec.Err, "\n") {
			t.Errorf("feed %d: error is not one line: %q", id, rec.Err)
		}
		if len(lib.articles[id]) != 0 {
			t.Errorf("feed %d: failed but stored %d articles", id, len(lib.articles[id]))
		}
	}

	if got := lib.last(5).MovedTo; got != u+"/moved-target" {
		t.Errorf("301: MovedTo = %q, want %q", got, u+"/moved-target")
	}
	if got := lib.last(6).MovedTo; got != "" {
		t.Errorf("302: MovedTo = %q, want none", got)
	}
	if got := lib.last(7).MovedTo; got != u+"/hop" {
		t.Errorf("308 then 307: MovedTo = %q, want %q", got, u+"/hop")
	}
	if !fs.gzipServed.Load() {
		t.Error("the gzip feed was not requested with gzip")
	}
	if got := lib.articles[6][0].Title; got != "Café owners protest rent rise" {
		t.Errorf("latin-1 feed title = %q", got)
	}
	if got := lib.articles[2][0].Source; got != "Ledger (as subscribed)" {
		t.Errorf("source = %q, want the subscription's title", got)
	}
	if got := lib.articles[1][0].Source; got != "Harbour Gazette — World" {
		t.Errorf("source = %q, want the feed's title", got)
	}
	if rec := lib.last(1); rec.ETag != `"v1"` || rec.Title != "Harbour Gazette — World" || rec.SiteURL != "https://gazette.example/world" {
		t.Errorf("fetch record = %+v", rec)
	}
	if rec := lib.last(22); rec.Err != "" || len(lib.articles[22]) != 0 {
		t.Errorf("conditional fetch: record %+v, %d articles", rec, len(lib.articles[22]))
	}

	if sum.Feeds != len(feeds) || sum.OK+sum.Failed != len(feeds) {
		t.Errorf("summary counts %+v", sum)
	}
	if sum.Failed != len(wantErr) || len(sum.Errors) != len(wantErr) {
		t.Errorf("summary: %d failed, %d errors; want %d", sum.Failed, len(sum.Errors), len(wantErr))
	}
	if sum.NotModified != 1 {
		t.Errorf("summary: %d not modified, want 1", sum.NotModified)
	}
	total := 0
	for _, n := range wantArticles {
		total += n
	}
	// The 302 and 308 feeds end at the same article, and so do the gzip
	// and file feeds: the library counts each second copy as an update.
	if sum.Added != total-2 || sum.Updated != 2 {
		t.Errorf("summary: %d added and %d updated, want %d and 2", sum.Added, sum.Updated, total-2)
	}
	// Every feed's articles are stored in one call, after the last fetch.
	if len(lib.calls) != 1 || len(lib.calls[0]) != len(wantArticles) {
		t.Errorf("articles stored in calls %v, want one call of the %d feeds that had some", lib.calls, len(wantArticles))
	}
	// A report for each feed, then one for the store.
	if len(progress) != len(feeds)+1 {
		t.Fatalf("%d progress reports, want %d", len(progress), len(feeds)+1)
	}
	for i, p := range progress {
		if want := min(i+1, len(feeds)); p.Done != want || p.Total != len(feeds) {
			t.Errorf("progress %d: done %d of %d, want %d", i, p.Done, p.Total, want)
		}
		if (p.URL == "") != (i == len(feeds)) {
			t.Errorf("progress %d: URL %q", i, p.URL)
		}
		if p.Err != "" && (len(p.Errors) == 0 || p.Errors[len(p.Errors)-1].Err != p.Err) {
			t.Errorf("progress %d: error %q is not the latest current error", i, p.Err)
		}
		if p.Failed != len(p.Errors) {
			t.Errorf("progress %d: %d failed but %d errors", i, p.Failed, len(p.Errors))
		}
	}
	if last := progress[len(progress)-1]; last.Added != sum.Added || last.Failed != sum.Failed {
		t.Errorf("last progress %+v disagrees with summary %+v", last, sum)
	}
}

func TestFetchConditional(t *testing.T) {
	fs := newFeedServer(t)
	f := testFetcher()
	feed := store.Feed{ID: 1, URL: fs.URL + "/rss"}
	first := f.Fetch(context.Background(), feed)
	if first.Err != nil || len(first.Articles) == 0 {
		t.Fatalf("first fetch: %v, %d articles", first.Err, len(first.Articles))
	}
	feed.ETag, feed.LastModified = first.Record.ETag, first.Record.LastModified
	second := f.Fetch(context.Background(), feed)
	if second.Err != nil || !second.NotModified || len(second.Articles) != 0 {
		t.Fatalf("second fetch: err %v, not modified %v, %d articles", second.Err, second.NotModified, len(second.Articles))
	}
	if got := fs.ifNoneMatch.Load(); got != `"v1"` {
		t.Errorf("If-None-Match sent = %q", got)
	}
	if second.Record.ETag != `"v1"` {
		t.Errorf("ETag after 304 = %q", second.Record.ETag)
	}

	dated := store.Feed{URL: fs.URL + "/dated"}
	r := f.Fetch(context.Background(), dated)
	if r.Err != nil || r.Record.LastModified == "" {
		t.Fatalf("dated fetch: %v, %+v", r.Err, r.Record)
	}
	dated.LastModified = r.Record.LastModified
	if r := f.Fetch(context.Background(), dated); !r.NotModified {
		t.Errorf("If-Modified-Since did not give a 304: %+v", r)
	}
}

func TestFetchLocalFileUnchanged(t *testing.T) {
	path := t.TempDir() + "/feed.xml"
	if err := os.WriteFile(path, readFixture(t, "feeds/atom10.xml"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := testFetcher()
	feed := store.Feed{URL: path}
	r := f.Fetch(context.Background(), feed)
	if r.Err != nil || len(r.Articles) != 1 {
		t.Fatalf("plain path: %v, %d articles", r.Err, len(r.Articles))
	}
	if got, want := r.Articles[0].URL, "https://ledger.example/stories/harbour-plan"; got != want {
		t.Errorf("link resolved to %q, want %q (the feed's xml:base-less self link does not apply)", got, want)
	}
	feed.LastModified = r.Record.LastModified
	if r := f.Fetch(context.Background(), feed); !r.NotModified {
		t.Errorf("unchanged file fetched again: %+v", r.Err)
	}
	// Rewritten within the same second: read again.
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, readFixture(t, "feeds/rss2.xml"), 0o644); err != nil {
		t.Fatal(err)
	}
	same := fi.ModTime().Truncate(time.Second).Add(time.Second - time.Nanosecond)
	if fi.ModTime().Equal(same) {
		same = same.Add(-time.Millisecond)
	}
	if err := os.Chtimes(path, same, same); err != nil {
		t.Fatal(err)
	}
	if r := f.Fetch(context.Background(), feed); r.NotModified || len(r.Articles) != 4 {
		t.Errorf("file rewritten within the second: not modified %v, %d articles; want the new 4", r.NotModified, len(r.Articles))
	}
	feed.URL = fileURL(path)
	feed.LastModified = ""
	if r := f.Fetch(context.Background(), feed); r.Err != nil || len(r.Articles) != 4 {
		t.Errorf("file URL: %v", r.Err)
	}
}

// inflight counts the requests a handler is serving at once, per host.
type inflight struct {
	mu        sync.Mutex
	now, peak map[string]int
	total     int
	peakTotal int
}

func (c *inflight) handler(hold time.Duration, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.now[r.Host]++
		c.total++
		c.peak[r.Host] = max(c.peak[r.Host], c.now[r.Host])
		c.peakTotal = max(c.peakTotal, c.total)
		c.mu.Unlock()
		time.Sleep(hold)
		c.mu.Lock()
		c.now[r.Host]--
		c.total--
		c.mu.Unlock()
		w.Write(body)
	}
}

func TestRefreshLimitsPerHostAndOverall(t *testing.T) {
	body := readFixture(t, "feeds/atom03.xml")
	c := &inflight{now: map[string]int{}, peak: map[string]int{}}
	h := c.handler(60*time.Millisecond, body)
	var feeds []store.Feed
	one := httptest.NewServer(h)
	defer one.Close()
	for i := range 6 {
		feeds = append(feeds, store.Feed{ID: int64(i + 1), URL: fmt.Sprintf("%s/feed%d", one.URL, i)})
	}
	for i := range 12 {
		s := httptest.NewServer(h)
		defer s.Close()
		feeds = append(feeds, store.Feed{ID: int64(100 + i), URL: s.URL + "/feed"})
	}
	lib := newFakeLibrary()
	sum := testFetcher().Refresh(context.Background(), lib, feeds, nil)
	if sum.Failed != 0 {
		t.Fatalf("failures: %+v", sum.Errors)
	}
	busiest := strings.TrimPrefix(one.URL, "http://")
	if got := c.peak[busiest]; got != DefaultMaxPerHost {
		t.Errorf("peak requests to one host = %d, want %d", got, DefaultMaxPerHost)
	}
	for host, peak := range c.peak {
		if peak > DefaultMaxPerHost {
			t.Errorf("host %s saw %d requests at once", host, peak)
		}
	}
	if c.peakTotal > DefaultMaxFetches || c.peakTotal < 4 {
		t.Errorf("peak requests overall = %d, want more than a few and at most %d", c.peakTotal, DefaultMaxFetches)
	}
}

func TestRefreshDeadline(t *testing.T) {
	fs := newFeedServer(t)
	f := testFetcher()
	f.Timeout = 5 * time.Second
	f.Deadline = 200 * time.Millisecond
	feeds := []store.Feed{{ID: 1, URL: fs.URL + "/atom"}, {ID: 2, URL: fs.URL + "/slow"}}
	lib := newFakeLibrary()
	start := time.Now()
	sum := f.Refresh(context.Background(), lib, feeds, nil)
	if time.Since(start) > 3*time.Second {
		t.Errorf("refresh ran %v past its deadline", time.Since(start))
	}
	if sum.OK != 1 || sum.Failed != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if got := lib.last(2).Err; got != fs.URL+"/slow: not fetched: the refresh deadline of 200ms passed" {
		t.Errorf("slow feed error = %q", got)
	}
}

func TestRefreshCanceledKeepsFinishedWork(t *testing.T) {
	fs := newFeedServer(t)
	f := testFetcher()
	f.Timeout = 5 * time.Second
	ctx, cancel := context.WithCancel(context.Background())
	feeds := []store.Feed{{ID: 1, URL: fs.URL + "/atom"}, {ID: 2, URL: fs.URL + "/slow"}}
	lib := newFakeLibrary()
	sum := f.Refresh(ctx, lib, feeds, func(p Progress) {
		if p.Done == 1 {
			cancel()
		}
	})
	if len(lib.articles[1]) != 1 {
		t.Errorf("finished feed's articles not stored")
	}
	if _, recorded := lib.records[2]; recorded {
		t.Errorf("canceled feed was recorded: %+v", lib.records[2])
	}
	if sum.Failed != 1 || !strings.Contains(sum.Errors[0].Err, "canceled") {
		t.Errorf("summary %+v", sum)
	}
}

// TestRefreshStoreFailureIsTheFeedsError fails the store of one feed: the
// refresh records the failure on that feed alone, and keeps the feed's old
// validators, so that the next refresh fetches what was not stored.
func TestRefreshStoreFailureIsTheFeedsError(t *testing.T) {
	fs := newFeedServer(t)
	lib := newFakeLibrary()
	lib.failAdd[1] = true
	lib.failAdd[3] = true
	sum := testFetcher().Refresh(context.Background(), lib, []store.Feed{
		{ID: 1, URL: fs.URL + "/atom"}, {ID: 2, URL: fs.URL + "/json"}, {ID: 3, URL: fs.URL + "/rss", ETag: `"v0"`},
	}, nil)
	if rec := lib.last(3); rec.ETag != `"v0"` || rec.LastModified != "" || rec.Err == "" {
		t.Errorf("a feed whose articles failed to store recorded ETag %q and Last-Modified %q (error %q); want the old %q and none",
			rec.ETag, rec.LastModified, rec.Err, `"v0"`)
	}
	delete(lib.failAdd, 3)
	sum3 := testFetcher().Refresh(context.Background(), lib, []store.Feed{{ID: 3, URL: fs.URL + "/rss", ETag: lib.last(3).ETag}}, nil)
	if sum3.NotModified != 0 || len(lib.articles[3]) == 0 {
		t.Errorf("the refresh after a failed store: %+v, %d articles stored; want the feed fetched and stored", sum3, len(lib.articles[3]))
	}
	if sum.Failed != 2 || sum.OK != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if got := lib.last(1).Err; got != fs.URL+"/atom: storing articles: disk full" {
		t.Errorf("recorded %q", got)
	}
	// The failed call held every feed; the good one is stored on its own.
	if len(lib.articles[2]) != 2 || len(lib.articles[1]) != 0 || lib.last(2).Err != "" {
		t.Errorf("stored %d articles of the good feed (record %+v) and %d of the failing one, want 2 and 0",
			len(lib.articles[2]), lib.last(2), len(lib.articles[1]))
	}
}

func TestFetchStripsEscapes(t *testing.T) {
	fs := newFeedServer(t)
	r := testFetcher().Fetch(context.Background(), store.Feed{URL: fs.URL + "/escape"})
	if r.Err != nil || len(r.Articles) != 1 {
		t.Fatalf("%v", r.Err)
	}
	if got := r.Articles[0].Title; got != "Clipboard gnol" {
		t.Errorf("title = %q", got)
	}
	if got := r.Record.Title; got != "Esc" {
		t.Errorf("feed title = %q", got)
	}

	r = testFetcher().Fetch(context.Background(), store.Feed{URL: fs.URL + "/escape-json"})
	if r.Err != nil || len(r.Articles) != 1 {
		t.Fatalf("%v", r.Err)
	}
	a := r.Articles[0]
	for field, got := range map[string]string{"title": a.Title, "author": a.Author, "content": a.Content, "url": a.URL} {
		if strings.ContainsAny(got, "\x1b\x07\u009b\u202e") || strings.Contains(got, "52;") || strings.Contains(got, "31m") {
			t.Errorf("%s kept an escape: %q", field, got)
		}
	}
	if a.Title != "Red alert" || a.Author != "Eve" || a.Content != "Body text\n\nnext" {
		t.Errorf("article = %q by %q: %q", a.Title, a.Author, a.Content)
	}
}

func TestZeroFetcherTakesDefaults(t *testing.T) {
	var f Fetcher
	r := f.Fetch(context.Background(), store.Feed{URL: "testdata/feeds/feed.json"})
	if r.Err != nil || len(r.Articles) != 2 {
		t.Fatalf("%v", r.Err)
	}
	if f.Timeout != DefaultTimeout || f.MaxBytes != DefaultMaxBytes || f.MaxPerHost != DefaultMaxPerHost || f.UserAgent == "" {
		t.Errorf("defaults not taken: timeout %v, max %d, per host %d, agent %q", f.Timeout, f.MaxBytes, f.MaxPerHost, f.UserAgent)
	}
}

func TestFetchSendsUserAgent(t *testing.T) {
	var ua atomic.Value
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.Header.Get("User-Agent"))
		w.Write(readFixture(t, "feeds/feed.json"))
	}))
	defer s.Close()
	testFetcher().Fetch(context.Background(), store.Feed{URL: s.URL})
	got, _ := ua.Load().(string)
	if !strings.HasPrefix(got, "parallax/") || !strings.HasSuffix(got, " (+terminal news reader)") {
		t.Errorf("User-Agent = %q", got)
	}
}
