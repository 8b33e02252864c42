package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"parallax/store"
)

func page(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pageServer serves the article pages of the tests: a news page, pages in
// other character sets, a page that is missing, one that is slow, one that
// is huge, one that is not HTML and one with next to no text. hits counts
// requests by path; agents records the User-Agent of each.
type pageServer struct {
	*httptest.Server
	mu     sync.Mutex
	hits   map[string]int
	agents []string
}

func newPageServer(t testing.TB) *pageServer {
	t.Helper()
	ps := &pageServer{hits: map[string]int{}}
	news, latin1, cp1252 := page(t, "news.html"), page(t, "latin1.html"), page(t, "cp1252.html")
	mislabelled := page(t, "mislabelled.html")
	huge := []byte("<html><body><article><p>" + strings.Repeat("Filler words in a very long page. ", 40000) + "</p></article></body></html>")
	mux := http.NewServeMux()
	serve := func(ct string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.Write(body)
		}
	}
	mux.HandleFunc("/news/tidal-barrier", serve("text/html; charset=utf-8", news))
	mux.HandleFunc("/fr/cafe", serve("text/html", latin1))
	mux.HandleFunc("/night-buses", serve("text/html; charset=windows-1252", cp1252))
	mux.HandleFunc("/mislabelled", serve("text/html; charset=ISO-8859-1", mislabelled))
	mux.HandleFunc("/huge", serve("text/html", huge))
	mux.HandleFunc("/huge-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for i := 0; i < len(huge); i += 4096 {
			w.Write(huge[i:min(i+4096, len(huge))])
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/report.pdf", serve("application/pdf", []byte("%PDF-1.4")))
	var junk []byte
	for range 100 {
		for b := range 256 {
			junk = append(junk, byte(b))
		}
	}
	mux.HandleFunc("/junk", serve("text/html", junk))
	mux.HandleFunc("/wall", serve("text/html", []byte(`<html><body><p>Please accept cookies to continue.</p></body></html>`)))
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/counted", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(150 * time.Millisecond)
		serve("text/html", news)(w, r)
	})
	ps.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ps.mu.Lock()
		ps.hits[r.URL.Path]++
		ps.agents = append(ps.agents, r.UserAgent())
		ps.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(ps.Close)
	return ps
}

func (ps *pageServer) count(path string) int {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.hits[path]
}

func testExtractor() (*Extractor, *Fetcher) {
	f := NewFetcher("9.9.9")
	f.Timeout = 300 * time.Millisecond
	f.MaxBytes = 256 << 10
	return NewExtractor(f), f
}

func TestFullTextExtractsTheArticle(t *testing.T) {
	ps := newPageServer(t)
	x, f := testExtractor()
	ft, err := x.FullText(context.Background(), ps.URL+"/news/tidal-barrier")
	if err != nil {
		t.Fatal(err)
	}
	md := ft.Markdown
	for _, want := range []string{
		"swung shut before dawn on Tuesday",
		"not a drop came through",
		"protects about 14,000 homes",
		"A rest centre at the community hall took in 37 people",
		"publish a study of the options in the spring",
		"![The six gates of the barrier closing at dawn](" + ps.URL + "/media/gates-closing.jpg)",
		"[inspection timetable page](" + ps.URL + "/local/barrier-inspection)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the article text lacks %q", want)
		}
	}
	for _, junk := range []string{
		"Subscribe from", "Weather", // navigation
		"Advertisement", "Refinance", "Cheap ferry", "lighthouse hotel", // ads
		"harbourwatcher", "Genuinely asking", "Join the discussion", // comments
		"morning briefing", "Ferry fares to rise", // newsletter and most-read boxes
		"We use cookies", "All rights reserved", "window.adSlots",
		"11 February 2025", // the dateline, kept as the date instead
	} {
		if strings.Contains(md, junk) {
			t.Errorf("the article text carries page furniture %q", junk)
		}
	}
	if ft.Title != "Tidal barrier closes for the first time in a decade" {
		t.Errorf("title %q", ft.Title)
	}
	if ft.Author != "Maren Hollis" {
		t.Errorf("author %q", ft.Author)
	}
	if want := time.Date(2025, 2, 11, 7, 30, 0, 0, time.UTC); !ft.Published.Equal(want) {
		t.Errorf("published %v, want %v", ft.Published, want)
	}
	if want := ps.URL + "/media/barrier-gates.jpg"; ft.Image != want {
		t.Errorf("lead image %q, want %q", ft.Image, want)
	}
	if ps.agents[0] != f.UserAgent || !strings.Contains(f.UserAgent, "parallax/9.9.9") {
		t.Errorf("User-Agent %q, want the fetcher's %q", ps.agents[0], f.UserAgent)
	}
}

func TestFullTextDecodesDeclaredCharsets(t *testing.T) {
	ps := newPageServer(t)
	x, _ := testExtractor()
	cases := []struct {
		path  string
		wants []string
	}{
		// Declared in the page alone, the HTTP header naming no charset.
		{"/fr/cafe", []string{
			"le café de la gare a rouvert ses portes jeudi matin",
			"« On a gardé tout ce qui pouvait l'être »",
			"près de 410 000 euros",
		}},
		// Declared in the HTTP header alone.
		{"/night-buses", []string{
			"“We heard the same thing at every meeting — people could get to work but not back,”",
			"Tickets will cost €2.40",
			"Drivers’ representatives",
		}},
		// UTF-8, though the header and the page name Latin-1.
		{"/mislabelled", []string{
			"left Bürkliplatz at nine",
			"“We waited all winter for this,” said Anna Müller",
			"Visitors from Tōkyō and Kraków",
		}},
	}
	for _, c := range cases {
		ft, err := x.FullText(context.Background(), ps.URL+c.path)
		if err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		for _, w := range c.wants {
			if !strings.Contains(ft.Markdown, w) {
				t.Errorf("%s: text lacks %q:\n%s", c.path, w, ft.Markdown)
			}
		}
		if strings.ContainsRune(ft.Markdown, '\uFFFD') {
			t.Errorf("%s: text has undecoded bytes", c.path)
		}
	}
	ft, _ := x.FullText(context.Background(), ps.URL+"/fr/cafe")
	if ft.Author != "Solène Marchetti" || ft.Title != "Le café de la gare rouvre après deux ans de travaux" {
		t.Errorf("latin-1 metadata: author %q title %q", ft.Author, ft.Title)
	}
}

func TestFullTextFailures(t *testing.T) {
	ps := newPageServer(t)
	x, f := testExtractor()
	// Long enough that a huge page trips the size cap before the clock,
	// even under the race detector.
	f.Timeout = 2 * time.Second
	cases := []struct{ path, want string }{
		{"/missing", "404 Not Found"},
		{"/huge", "page larger than 256 KiB"},
		{"/huge-chunked", "page larger than 256 KiB"},
		{"/slow", "timed out after 2s"},
		{"/report.pdf", "not a web page (application/pdf)"},
		{"/wall", "no article text found"},
		{"/junk", "not a text page"},
	}
	for _, c := range cases {
		start := time.Now()
		_, err := x.FullText(context.Background(), ps.URL+c.path)
		if err == nil {
			t.Errorf("%s: no error", c.path)
			continue
		}
		if want := ps.URL + c.path + ": " + c.want; err.Error() != want {
			t.Errorf("%s: error %q, want %q", c.path, err, want)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error spans lines", c.path)
		}
		if errors.Is(err, ErrNetworkDown) {
			t.Errorf("%s: a page's own failure is taken for the network being down", c.path)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: took %v", c.path, d)
		}
	}
	if _, err := x.FullText(context.Background(), "ftp://files.example/a.html"); err == nil || !strings.Contains(err.Error(), "not a web address") {
		t.Errorf("ftp URL: %v", err)
	}
}

// TestFillRecordsABinaryPageAsAFailure serves bytes that are no text as
// text/html: nothing is stored as the article's text, and the failure is
// recorded with its next try, as any page's.
func TestFillRecordsABinaryPageAsAFailure(t *testing.T) {
	ctx := context.Background()
	ps := newPageServer(t)
	x, f := testExtractor()
	now := time.Date(2025, 2, 12, 9, 0, 0, 0, time.UTC)
	f.Now = func() time.Time { return now }
	lib, ids := pagesLibrary(t, ps.URL, "/junk")
	sum, err := x.Fill(ctx, lib, store.FullTextQuery{Due: now}, 1)
	if err != nil || len(sum.Fetched) != 0 || sum.Failed != 1 {
		t.Fatalf("fill of a binary page: %+v %v", sum, err)
	}
	art, err := lib.Article(ctx, ids["/junk"])
	if err != nil {
		t.Fatal(err)
	}
	if art.FullText || len(art.Content) > 100 {
		t.Errorf("binary page stored as text: full %v, %d bytes", art.FullText, len(art.Content))
	}
	state, err := lib.FullTextStatus(ctx, ids["/junk"])
	if err != nil {
		t.Fatal(err)
	}
	if state.Attempts != 1 || !strings.Contains(state.Err, "not a text page") || !state.Next.After(now) {
		t.Errorf("binary page state %+v", state)
	}
}

func TestFullTextSlowPageDoesNotBlockOthers(t *testing.T) {
	ps := newPageServer(t)
	x, f := testExtractor()
	f.Timeout = time.Second
	slow := make(chan error, 1)
	go func() {
		_, err := x.FullText(context.Background(), ps.URL+"/slow")
		slow <- err
	}()
	for ps.count("/slow") == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	start := time.Now()
	if _, err := x.FullText(context.Background(), ps.URL+"/news/tidal-barrier"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("a page on the same host waited %v behind a slow one", d)
	}
	select {
	case err := <-slow:
		t.Fatalf("the slow page finished first: %v", err)
	default:
	}
	// A caller that gives up is released at once, though the page is still loading.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, err := x.FullText(ctx, ps.URL+"/slow")
	if err == nil || time.Since(start) > time.Second {
		t.Errorf("a caller's deadline: %v after %v", err, time.Since(start))
	}
	if err := <-slow; err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("slow page: %v", err)
	}
}

func TestFullTextFetchesOneURLOnceAtATime(t *testing.T) {
	ps := newPageServer(t)
	x, _ := testExtractor()
	const callers = 6
	var wg sync.WaitGroup
	var ok atomic.Int32
	texts := make([]string, callers)
	for i := range callers {
		wg.Go(func() {
			ft, err := x.FullText(context.Background(), ps.URL+"/counted")
			if err == nil {
				ok.Add(1)
				texts[i] = ft.Markdown
			}
		})
	}
	wg.Wait()
	if ok.Load() != callers {
		t.Fatalf("%d of %d callers got the page", ok.Load(), callers)
	}
	if n := ps.count("/counted"); n != 1 {
		t.Errorf("the page was fetched %d times for %d simultaneous callers", n, callers)
	}
	for _, s := range texts[1:] {
		if s != texts[0] {
			t.Error("callers got different texts")
		}
	}
	// Once done, the page is fetched afresh.
	if _, err := x.FullText(context.Background(), ps.URL+"/counted"); err != nil || ps.count("/counted") != 2 {
		t.Errorf("a later fetch: %v, %d requests", err, ps.count("/counted"))
	}
}

// gatedPage serves the article page once gate is closed, counting its
// requests, and reports on left each request given up before then.
func gatedPage(t *testing.T) (srv *httptest.Server, gate chan struct{}, left chan struct{}, hits *atomic.Int32) {
	t.Helper()
	body := page(t, "news.html")
	gate, left, hits = make(chan struct{}), make(chan struct{}, 4), new(atomic.Int32)
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		select {
		case <-gate:
			w.Header().Set("Content-Type", "text/html")
			w.Write(body)
		case <-r.Context().Done():
			left <- struct{}{}
		}
	}))
	t.Cleanup(srv.Close)
	return srv, gate, left, hits
}

// awaitWaiters waits until n callers wait for the fetch of raw.
func awaitWaiters(t *testing.T, x *Extractor, raw string, n int) {
	t.Helper()
	for range 1000 {
		x.mu.Lock()
		p := x.pending[raw]
		joined := p != nil && p.waiters == n
		x.mu.Unlock()
		if joined {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%d callers never came to wait for %s", n, raw)
}

// awaitRequest waits until the server has had a request, counted in hits.
func awaitRequest(t *testing.T, hits *atomic.Int32) {
	t.Helper()
	for range 1000 {
		if hits.Load() > 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the page was never requested")
}

func TestFullTextSharedFetchOutlivesTheCallerWhoStartedIt(t *testing.T) {
	srv, gate, _, hits := gatedPage(t)
	x, f := testExtractor()
	f.Timeout = 5 * time.Second
	first, giveUp := context.WithCancel(context.Background())
	firstErr := make(chan error, 1)
	go func() {
		_, err := x.FullText(first, srv.URL+"/a")
		firstErr <- err
	}()
	awaitRequest(t, hits)
	second := make(chan error, 1)
	var got store.FullText
	go func() {
		var err error
		got, err = x.FullText(context.Background(), srv.URL+"/a")
		second <- err
	}()
	awaitWaiters(t, x, srv.URL+"/a", 2)
	giveUp()
	if err := <-firstErr; err == nil || !strings.Contains(err.Error(), "canceled") {
		t.Errorf("the caller who gave up: %v, want canceled", err)
	}
	close(gate)
	if err := <-second; err != nil {
		t.Fatalf("the caller still waiting: %v", err)
	}
	if !strings.Contains(got.Markdown, "barrier") {
		t.Errorf("the caller still waiting got %q", got.Markdown)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("%d requests, want the one both callers shared", n)
	}
}

func TestFullTextFetchStopsWhenEveryCallerHasGivenUp(t *testing.T) {
	srv, _, left, hits := gatedPage(t)
	x, f := testExtractor()
	f.Timeout = 5 * time.Second
	ctx, giveUp := context.WithCancel(context.Background())
	done := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := x.FullText(ctx, srv.URL+"/a")
			done <- err
		}()
	}
	awaitWaiters(t, x, srv.URL+"/a", 2)
	awaitRequest(t, hits)
	giveUp()
	for range 2 {
		if err := <-done; err == nil {
			t.Error("a caller who gave up got the page")
		}
	}
	select {
	case <-left:
	case <-time.After(2 * time.Second):
		t.Fatal("the request went on after every caller had given up")
	}
	// A caller who comes after starts afresh rather than joining the
	// abandoned fetch.
	later, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := x.FullText(later, srv.URL+"/a"); err == nil {
		t.Error("the gated page answered")
	} else if strings.Contains(err.Error(), "canceled") {
		t.Errorf("a later caller inherited the cancellation: %v", err)
	}
}

// pagesLibrary stores one feed whose articles link to the pages at paths,
// each with a summary only.
func pagesLibrary(t *testing.T, base string, paths ...string) (*store.Store, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	lib := openLibrary(t)
	feed, err := lib.AddFeed(ctx, store.Feed{URL: base + "/feed.xml", Title: "Gazette"})
	if err != nil {
		t.Fatal(err)
	}
	var arts []store.Article
	for i, p := range paths {
		u := base + p
		if strings.HasPrefix(p, "http") {
			u = p // an article on another site
		}
		arts = append(arts, store.Article{
			GUID:      p,
			URL:       u,
			Title:     fmt.Sprintf("Article %d at %s", i, p),
			Summary:   "A short summary from the feed.",
			Published: time.Date(2025, 2, 11, 8, i, 0, 0, time.UTC),
		})
	}
	if _, err := lib.AddArticles(ctx, feed.ID, arts); err != nil {
		t.Fatal(err)
	}
	jobs, err := lib.FullTextQueue(ctx, store.FullTextQuery{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, j := range jobs {
		ids[strings.TrimPrefix(j.URL, base)] = j.ArticleID
	}
	return lib, ids
}

func TestFillStoresTextAndBacksOffFailures(t *testing.T) {
	ctx := context.Background()
	ps := newPageServer(t)
	x, f := testExtractor()
	now := time.Date(2025, 2, 12, 9, 0, 0, 0, time.UTC)
	f.Now = func() time.Time { return now }
	lib, ids := pagesLibrary(t, ps.URL, "/news/tidal-barrier", "/missing", "/slow", "/fr/cafe")

	sum, err := x.Fill(ctx, lib, store.FullTextQuery{Due: now}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Wanted != 4 || len(sum.Fetched) != 2 || sum.Failed != 2 || sum.Offline || len(sum.Errors) != 2 {
		t.Fatalf("summary %+v", sum)
	}
	if len(sum.Stories) == 0 || len(sum.Stories) > 2 {
		t.Errorf("stories of the fetched articles: %v", sum.Stories)
	}
	news, err := lib.Article(ctx, ids["/news/tidal-barrier"])
	if err != nil {
		t.Fatal(err)
	}
	if !news.FullText || !strings.Contains(news.Content, "swung shut before dawn") || news.Summary != "A short summary from the feed." {
		t.Errorf("stored article: full %v summary %q content %.80q", news.FullText, news.Summary, news.Content)
	}
	if news.Author != "Maren Hollis" || news.Image != ps.URL+"/media/barrier-gates.jpg" {
		t.Errorf("page metadata not kept: author %q image %q", news.Author, news.Image)
	}
	if news.Title != "Article 0 at /news/tidal-barrier" {
		t.Errorf("the feed's title was replaced by %q", news.Title)
	}
	missing, err := lib.FullTextStatus(ctx, ids["/missing"])
	if err != nil {
		t.Fatal(err)
	}
	if missing.Attempts != 1 || !missing.Next.Equal(now.Add(15*time.Minute)) || !strings.Contains(missing.Err, "404") {
		t.Errorf("missing page state %+v", missing)
	}
	if hits, err := lib.Search(ctx, "quayside warehouses", 0); err != nil || len(hits) != 1 {
		t.Errorf("full text not searchable: %v %v", hits, err)
	}

	// Asking again at once tries nothing: the failures wait their turn.
	before := ps.count("/missing")
	sum, err = x.Fill(ctx, lib, store.FullTextQuery{Due: now.Add(time.Minute)}, 2)
	if err != nil || sum.Wanted != 0 || ps.count("/missing") != before {
		t.Fatalf("second fill: %+v %v; %d requests for the missing page", sum, err, ps.count("/missing")-before)
	}
	now = now.Add(16 * time.Minute)
	sum, err = x.Fill(ctx, lib, store.FullTextQuery{Due: now}, 2)
	if err != nil || sum.Wanted != 2 || sum.Failed != 2 {
		t.Fatalf("fill after the retry time: %+v %v", sum, err)
	}
	missing, _ = lib.FullTextStatus(ctx, ids["/missing"])
	if missing.Attempts != 2 || !missing.Next.Equal(now.Add(30*time.Minute)) {
		t.Errorf("after the second failure: %+v", missing)
	}
}

func TestFillStopsWhenTheNetworkIsDown(t *testing.T) {
	ctx := context.Background()
	ps := newPageServer(t)
	x, _ := testExtractor()
	// The pages are on two hosts, the server's address and its name, both
	// gone.
	other := strings.Replace(ps.URL, "127.0.0.1", "localhost", 1)
	var paths []string
	for i := range 6 {
		paths = append(paths, fmt.Sprintf("/gone/%d", i), fmt.Sprintf("%s/gone/%d", other, i))
	}
	lib, _ := pagesLibrary(t, ps.URL, paths...)
	ps.Close()

	start := time.Now()
	sum, err := x.Fill(ctx, lib, store.FullTextQuery{}, 2)
	if err != nil {
		t.Fatal(err)
	}
	// Both hosts fail before Fill can tell the network is down; how many
	// more tries the workers start before it stops depends on timing.
	if !sum.Offline || sum.Failed < 2 || sum.Skipped == 0 || sum.Failed+sum.Skipped != 12 {
		t.Errorf("summary %+v", sum)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v with the network down", d)
	}
	jobs, _ := lib.FullTextQueue(ctx, store.FullTextQuery{})
	if len(jobs) != sum.Skipped {
		t.Errorf("%d articles still due, want the %d skipped", len(jobs), sum.Skipped)
	}
}

// TestOneDeadHostIsNotOffline: a page whose host cannot be reached puts
// off the rest of that host's pages, not the network's: the pages of
// other sites are still fetched, and the dead host's are tried once or
// little more, not each in turn.
func TestOneDeadHostIsNotOffline(t *testing.T) {
	ps := newPageServer(t)
	dead := newPageServer(t)
	dead.Close()
	x, _ := testExtractor()
	paths := []string{"/news/tidal-barrier", "/fr/cafe"}
	for i := range 8 {
		paths = append(paths, fmt.Sprintf("%s/gone/%d", dead.URL, i))
	}
	lib, _ := pagesLibrary(t, ps.URL, paths...)
	const workers = 2
	sum, err := x.Fill(context.Background(), lib, store.FullTextQuery{}, workers)
	if err != nil || sum.Offline {
		t.Fatalf("eight pages on one dead host: %+v %v; want not offline", sum, err)
	}
	if len(sum.Fetched) != 2 {
		t.Errorf("fetched %d pages of the live site, want 2", len(sum.Fetched))
	}
	// Pages already handed to a worker when the first failure comes back
	// are still tried.
	if sum.Failed < 1 || sum.Failed > workers+1 || sum.Failed+sum.Skipped != 8 {
		t.Errorf("dead host: %d failed, %d skipped; want 1 to %d tried and the rest of 8 left for later", sum.Failed, sum.Skipped, workers+1)
	}
}

func TestOfflineRefresh(t *testing.T) {
	ctx := context.Background()
	ps := newPageServer(t)
	lib, _ := pagesLibrary(t, ps.URL)
	a, _ := lib.AddFeed(ctx, store.Feed{URL: ps.URL + "/missing"})
	f := NewFetcher("test")
	if sum := f.Refresh(ctx, lib, []store.Feed{a}, nil); sum.Failed != 1 || Offline(sum) {
		t.Errorf("a missing feed: failed %d, offline %v", sum.Failed, Offline(sum))
	}
	feeds, _ := lib.Feeds(ctx)
	ps.Close()
	sum := f.Refresh(ctx, lib, feeds, nil)
	if sum.Failed != len(feeds) || !Offline(sum) {
		t.Errorf("server gone: %+v, offline %v", sum, Offline(sum))
	}
	if Offline(Summary{}) {
		t.Error("a refresh of no feeds counts as offline")
	}
}

func FuzzExtractPage(f *testing.F) {
	for _, name := range []string{"news.html", "latin1.html", "cp1252.html"} {
		f.Add(page(f, name), "text/html")
	}
	f.Add([]byte("<meta charset=\"x-unknown\"><p>\x1b]52;c;aGk=\x07 text</p>"), "text/html; charset=utf-16")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		ft, err := extractPage(data, contentType, "https://pages.example/a/")
		if err != nil {
			return
		}
		for _, s := range []string{ft.Markdown, ft.Title, ft.Author, ft.Image} {
			if s != Sanitize(s) && s != SanitizeLine(s) {
				t.Fatalf("unsanitised text %q", s)
			}
		}
		if ft.Image != "" && !strings.HasPrefix(ft.Image, "http") {
			t.Fatalf("lead image %q is not a web address", ft.Image)
		}
	})
}

// TestFillLeavesASiteAloneAsItAsks checks that a site answering a page
// with 429 and Retry-After is asked for none of its other pages until
// then, while other sites' pages are fetched, and that the pages left are
// not counted or recorded as failures.
func TestFillLeavesASiteAloneAsItAsks(t *testing.T) {
	ctx := context.Background()
	var busyHits atomic.Int32
	busy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		busyHits.Add(1)
		w.Header().Set("Retry-After", "600")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}))
	defer busy.Close()
	ps := newPageServer(t)
	x, f := testExtractor()
	f.MaxPerHost = 1 // a second page of the busy site waits its turn, then finds the site resting
	now := time.Date(2025, 2, 12, 9, 0, 0, 0, time.UTC)
	f.Now = func() time.Time { return now }
	lib, ids := pagesLibrary(t, busy.URL, "/a", "/b", "/c", ps.URL+"/news/tidal-barrier")

	sum, err := x.Fill(ctx, lib, store.FullTextQuery{Due: now}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if busyHits.Load() != 1 || len(sum.Fetched) != 1 || sum.Failed != 1 || sum.Waiting != 2 || sum.Skipped != 2 {
		t.Fatalf("busy site asked %d times; summary %+v", busyHits.Load(), sum)
	}
	var failed, left []string
	for _, p := range []string{"/a", "/b", "/c"} {
		st, err := lib.FullTextStatus(ctx, ids[p])
		if err != nil {
			t.Fatal(err)
		}
		if st.Attempts > 0 {
			failed = append(failed, st.Err)
		} else {
			left = append(left, p)
		}
	}
	if len(failed) != 1 || !strings.Contains(failed[0], "429 Too Many Requests; the server asks to wait 10 min") || len(left) != 2 {
		t.Fatalf("recorded failures %q, pages left untried %v", failed, left)
	}
	waits := 0
	for _, e := range sum.Errors {
		if strings.Contains(e.Error(), "not fetched: the site asked to wait 10 min more") {
			waits++
		}
	}
	if waits != 2 {
		t.Errorf("errors %q: want the two pages left named with the wait", sum.Errors)
	}
	// Five minutes on, the site still rests: nothing is asked of it.
	now = now.Add(5 * time.Minute)
	sum, err = x.Fill(ctx, lib, store.FullTextQuery{Due: now}, 2)
	if err != nil || busyHits.Load() != 1 || sum.Waiting != 2 || sum.Failed != 0 {
		t.Fatalf("fill during the wait: %+v %v; busy site asked %d times", sum, err, busyHits.Load())
	}
	// Once the wait is over the site is asked again.
	now = now.Add(6 * time.Minute)
	if _, err := x.Fill(ctx, lib, store.FullTextQuery{Due: now}, 2); err != nil || busyHits.Load() != 2 {
		t.Fatalf("fill after the wait: %v; busy site asked %d times, want 2", err, busyHits.Load())
	}
}

// TestPageBylineGivesTheName: a page whose only author is its printed
// byline ("By Jane Doe") gives the name, which the reader and the export
// put after a "By" of their own.
func TestPageBylineGivesTheName(t *testing.T) {
	body := strings.Repeat("<p>The harbour board met on Tuesday to settle the dues for the coming season, and the pilots asked for a second launch.</p>", 6)
	page := `<!DOCTYPE html><html><head><title>Harbour dues settled</title></head><body><article>
<h1>Harbour dues settled</h1><p class="byline">By Jane Doe</p>` + body + `</article></body></html>`
	ft, err := extractPage([]byte(page), "text/html; charset=utf-8", "https://quay.example/dues")
	if err != nil {
		t.Fatal(err)
	}
	if ft.Author != "Jane Doe" {
		t.Errorf("author %q, want %q", ft.Author, "Jane Doe")
	}
}

// TestFullTextErrorLinesBySite checks that the pages of one site failing
// alike are named in one line, so that a site whose links all lead nowhere
// does not bury another site's failure.
func TestFullTextErrorLinesBySite(t *testing.T) {
	ctx := context.Background()
	ps := newPageServer(t)
	x, f := testExtractor()
	now := time.Date(2025, 2, 12, 9, 0, 0, 0, time.UTC)
	f.Now = func() time.Time { return now }
	lib, _ := pagesLibrary(t, ps.URL, "/missing", "/gone/1", "/gone/2", "/report.pdf")

	sum, err := x.Fill(ctx, lib, store.FullTextQuery{Due: now}, 2)
	if err != nil {
		t.Fatal(err)
	}
	lines := sum.ErrorLines()
	if len(sum.Errors) != 4 || len(lines) != 2 {
		t.Fatalf("%d errors gave lines %q, want 2 lines", len(sum.Errors), lines)
	}
	slices.Sort(lines)
	host := strings.TrimPrefix(ps.URL, "http://")
	if want := "3 pages at " + host + ": 404 Not Found"; lines[0] != want {
		t.Errorf("line for the missing pages = %q, want %q", lines[0], want)
	}
	if !strings.HasPrefix(lines[1], ps.URL+"/report.pdf: ") {
		t.Errorf("line for the PDF = %q, want it named on its own", lines[1])
	}

	// Pages of local files have no site to share.
	files := FullTextSummary{Errors: []*FetchError{
		fail("/home/reader/a.html", "not found", nil),
		fail("/home/reader/b.html", "not found", nil),
	}}
	if got := files.ErrorLines(); len(got) != 2 {
		t.Errorf("local pages' lines %q, want one each", got)
	}
}

// TestFullTextLeavesOutTheHeadline: the heading a page's text opens with
// is its headline, which the reader shows above the text already, though
// it says more than the page's title; a heading that says something else
// stays.
func TestFullTextLeavesOutTheHeadline(t *testing.T) {
	body := `<p>Twelve people were hurt when the Orlo weir gave way on Sunday morning, officials said, flooding farms along the river.</p>
<p>Mayor Ilse Varga said 300 people had left their homes and were staying in the school gym in Brennick.</p>
<p>"It went in seconds," said baker Tomas Reyne, whose shop stands on the quay.</p>
<p>Surveyors had reported cracks in the weir last year, according to papers seen by the Courier. The river board did not answer a request for comment.</p>
<p><img src="/img/weir.jpg" alt="The broken weir"> Boats from two nearby towns joined the search in the afternoon.</p>`
	for _, c := range []struct {
		title, heading string
		kept           bool
	}{
		{"Orlo weir gives way", "Orlo weir gives way near Brennick; twelve hurt", false},
		{"Orlo weir gives way near Brennick; twelve hurt | Orlo Courier", "Orlo weir gives way", false},
		{"Orlo weir gives way", "Boats join the search along the river", true},
	} {
		page := `<html><head><title>` + c.title + `</title></head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>` + c.heading + `</h1>` + body + `</article><aside class="comments">Comment: awful! Subscribe now</aside></body></html>`
		ft, err := extractPage([]byte(page), "text/html", "https://orlo.example/weir")
		if err != nil {
			t.Fatal(err)
		}
		if kept := strings.Contains(ft.Markdown, c.heading); kept != c.kept {
			t.Errorf("title %q, heading %q: heading kept %v, want %v:\n%s", c.title, c.heading, kept, c.kept, ft.Markdown)
		}
		if !c.kept && !strings.HasPrefix(ft.Markdown, "Twelve people were hurt") {
			t.Errorf("title %q: the text does not open with its first paragraph:\n%s", c.title, ft.Markdown)
		}
	}
}
