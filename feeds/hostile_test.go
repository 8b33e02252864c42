package feeds

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"parallax/store"
)

// hostileRSS is an RSS 2.0 document titled title holding the given items,
// each already written as XML.
func hostileRSS(title string, items ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>` + title +
		`</title><link>https://hostile.example/</link>` + strings.Join(items, "") + `</channel></rss>`
}

// hostileItem is one RSS item; empty fields are left out.
func hostileItem(title, link, guid, date, description string) string {
	var b strings.Builder
	b.WriteString("<item>")
	for _, f := range [][2]string{{"title", title}, {"link", link}, {"guid", guid}, {"pubDate", date}, {"description", description}} {
		if f[1] != "" {
			fmt.Fprintf(&b, "<%s>%s</%s>", f[0], f[1], f[0])
		}
	}
	b.WriteString("</item>")
	return b.String()
}

// gzipBomb is a gzip stream of 1024 members, each 1 MiB of spaces packed
// into about a kilobyte: 1 GiB once inflated, from about 1 MiB sent.
func gzipBomb(t *testing.T) []byte {
	t.Helper()
	var member bytes.Buffer
	zw := gzip.NewWriter(&member)
	if _, err := zw.Write(bytes.Repeat([]byte(" "), 1<<20)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return bytes.Repeat(member.Bytes(), 1024)
}

// rawResponse answers with bytes written straight to the connection, so
// that a test can send what net/http would refuse to: escapes in the status
// line and in headers.
func rawResponse(w http.ResponseWriter, raw string) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	buf.WriteString(raw)
	buf.Flush()
}

// waitGone blocks until the client has gone away, for at most limit.
func waitGone(r *http.Request, limit time.Duration) {
	select {
	case <-r.Context().Done():
	case <-time.After(limit):
	}
}

// The escapes a hostile feed hides in what it sends: a clipboard write, a
// title change, a hyperlink, a bracketed-paste terminator, colour, a C1
// CSI, a right-to-left override and zero-width characters.
const hostileEscapes = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b]0;pwned\x07\x1b]8;;https://evil.example/\x07link\x1b]8;;\x07" +
	"\x1b[201~\x1b[31m\u009b2J\u202e\u200b\u2066"

// TestHostileServersIntoRealStore refreshes, in one Refresh into a real
// library, feeds served by every kind of hostile or broken server next to
// good ones, and checks that the refresh ends in bounded time and memory,
// that the good feeds land, that each bad feed has a clear one-line error
// recorded, and that nothing stored or reported carries a terminal escape.
func TestHostileServersIntoRealStore(t *testing.T) {
	now := time.Now().UTC()
	recent := func(h int) string { return now.Add(-time.Duration(h) * time.Hour).Format(time.RFC1123Z) }
	bomb := gzipBomb(t)
	var bombAsked atomic.Bool
	var huge strings.Builder
	for i := range 100000 {
		fmt.Fprintf(&huge, "<item><guid>%d</guid><title>n%d</title></item>", i, i)
	}
	nested := strings.Repeat("<x>", 10000) + strings.Repeat("</x>", 10000)
	laughs := `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">` +
		`<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">` +
		`<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">` +
		`<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">` +
		`<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>` +
		`<rss version="2.0"><channel><title>Laughs &i;</title>` +
		hostileItem("Laughing matter &i;", "https://laughs.example/1", "", recent(1), "&i;") + `</channel></rss>`

	routes := map[string]http.HandlerFunc{
		"/good/harbour": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, hostileRSS("Harbour Gazette",
				hostileItem("Ferry service resumes after storm", "https://harbour.example/ferry", "", recent(2), "Boats sail again."),
				hostileItem("Council delays marina vote", "https://harbour.example/marina", "", recent(3), "The vote moves to May.")))
		},
		"/good/ledger": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, hostileRSS("The Ledger",
				hostileItem("Central bank holds rates", "https://ledger.example/rates", "", recent(1), "Rates stay at 4%.")))
		},
		// Good but dirty: escapes in every field and in the channel title.
		"/good/escapes": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, hostileRSS("Escape Wire"+hostileEscapes,
				hostileItem("Bridge reopens"+hostileEscapes+" to traffic", "https://escape.example/bridge?x="+strings.ReplaceAll(hostileEscapes, "&", ""),
					"", recent(4), "<![CDATA[<p>Engineers cleared the span."+hostileEscapes+"</p>]]>")))
		},
		"/good/dup-guids": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, hostileRSS("Echo Desk",
				hostileItem("Storm warning issued", "", "same", recent(5), "First."),
				hostileItem("Storm warning extended", "", "same", recent(4), "Second."),
				hostileItem("Storm warning lifted", "", "same", recent(3), "Third.")))
		},
		"/good/sparse": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, hostileRSS("Sparse Times",
				hostileItem("", "", "", "", "Harbour pilots vote to strike over pay."),
				hostileItem("", "https://sparse.example/only-a-link", "", "", ""),
				"<item></item>"))
		},
		"/good/dates": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, hostileRSS("Odd Dates",
				hostileItem("Dated far in the future", "https://dates.example/future", "", "Sat, 01 Jan 2999 00:00:00 +0000", "Later."),
				hostileItem("Dated at the epoch", "https://dates.example/epoch", "", "Thu, 01 Jan 1970 00:00:00 +0000", "Zero."),
				hostileItem("Dated before nanoseconds", "https://dates.example/ancient", "", "Sat, 01 Jan 1600 00:00:00 +0000", "Old.")))
		},
		"/good/laughs": func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, laughs) },
		"/good/wrong-charset": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml; charset=iso-8859-1")
			fmt.Fprint(w, `<rss version="2.0"><channel><title>Mislabelled</title>`+
				hostileItem("Café reopens", "https://mislabelled.example/cafe", "", recent(2), "Déjà vu.")+`</channel></rss>`)
		},

		"/bad/slowloris": func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < 60 && r.Context().Err() == nil; i++ {
				if _, err := w.Write([]byte{"<rss>"[i%5]}); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
				case <-time.After(time.Second):
				}
			}
		},
		"/bad/endless": func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`<rss version="2.0"><channel><title>Endless</title>`))
			chunk := []byte(strings.Repeat("<item><title>again</title></item>", 2000))
			for sent := 0; sent < 2<<30; sent += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		},
		"/bad/gzip-bomb": func(w http.ResponseWriter, r *http.Request) {
			bombAsked.Store(strings.Contains(r.Header.Get("Accept-Encoding"), "gzip"))
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(bomb)
		},
		"/bad/nested": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `<rss version="2.0"><channel><title>Deep</title>`+nested+
				hostileItem("Deep item", "https://deep.example/1", "", recent(1), "")+`</channel></rss>`)
		},
		"/bad/loop-a": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/bad/loop-b", http.StatusFound) },
		"/bad/loop-b": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/bad/loop-a", http.StatusFound) },
		"/bad/huge": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, hostileRSS("Firehose", huge.String()))
		},
		"/bad/two-gigabytes": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "2147483648")
			w.Write([]byte("<rss>"))
			w.(http.Flusher).Flush()
			waitGone(r, 30*time.Second)
		},
		"/bad/invalid-utf8": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, hostileRSS("Broken \xff\xfe bytes",
				hostileItem("Caf\xe9 \xc3\x28 closes", "https://broken.example/cafe", "", recent(1), "\xed\xa0\x80")))
		},
		"/bad/unknown-charset": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `<?xml version="1.0" encoding="x-klingon"?><rss version="2.0"><channel><title>Q</title></channel></rss>`)
		},
		"/bad/status-line": func(w http.ResponseWriter, r *http.Request) {
			body := "<html>" + hostileEscapes + "</html>"
			rawResponse(w, fmt.Sprintf("HTTP/1.1 500 %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", hostileEscapes, len(body), body))
		},
		"/good/moved": func(w http.ResponseWriter, r *http.Request) {
			rawResponse(w, "HTTP/1.1 301 Moved Permanently\r\nLocation: /good/moved-target?x=\u202e\u009b\u200b\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		},
		"/good/moved-target": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, hostileRSS("Moved Herald",
				hostileItem("Lighthouse keeper retires", "https://moved.example/lighthouse", "", recent(2), "After forty years.")))
		},
		"/bad/location": func(w http.ResponseWriter, r *http.Request) {
			rawResponse(w, "HTTP/1.1 302 Found\r\nLocation: /x"+hostileEscapes+"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		},
	}
	mux := http.NewServeMux()
	for p, h := range routes {
		mux.HandleFunc(p, h)
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// The race detector makes reading 8 MiB and following redirects many
	// times slower, and -short asks for a run that other work may slow:
	// give each request longer.
	timeout := 1500 * time.Millisecond
	if testing.Short() || raceDetector {
		timeout = 6 * time.Second
	}
	wantErr := map[string]string{
		"/bad/slowloris":       "timed out after " + timeout.String(),
		"/bad/endless":         "response larger than 8 MiB",
		"/bad/gzip-bomb":       "response larger than 8 MiB",
		"/bad/nested":          "elements nested too deeply (more than 1000 levels)",
		"/bad/loop-a":          "too many redirects (more than 5)",
		"/bad/huge":            "too many items (more than 10000)",
		"/bad/two-gigabytes":   "response larger than 8 MiB",
		"/bad/invalid-utf8":    "wrong encoding",
		"/bad/unknown-charset": `unsupported encoding "x-klingon"`,
		"/bad/status-line":     "500 Internal Server Error",
		"/bad/location":        "malformed HTTP response",
	}
	wantArticles := map[string]int{
		"/good/harbour": 2, "/good/ledger": 1, "/good/escapes": 1, "/good/dup-guids": 1,
		"/good/sparse": 2, "/good/dates": 3, "/good/laughs": 1, "/good/wrong-charset": 1,
		"/good/moved-target?x=%E2%80%AE%C2%9B%E2%80%8B": 1,
	}

	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "library.db")
	lib, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	var list []store.Feed
	for p := range routes {
		if p == "/bad/loop-b" || p == "/good/moved-target" {
			continue
		}
		feed, err := lib.AddFeed(ctx, store.Feed{URL: srv.URL + p})
		if err != nil {
			t.Fatal(err)
		}
		list = append(list, feed)
	}

	f := NewFetcher("test")
	f.Timeout = timeout
	f.Deadline = 4 * timeout
	f.MaxBytes = 8 << 20
	f.MaxFetches, f.MaxPerHost = 32, 32

	runtime.GC()
	peak := watchHeap(t)
	start := time.Now()
	sum := f.Refresh(ctx, lib, list, nil)
	elapsed := time.Since(start)
	heap := peak()
	t.Logf("refresh of %d hostile and good feeds: %v, peak heap %.0f MiB, %d added, %d failed",
		len(list), elapsed.Round(time.Millisecond), float64(heap)/(1<<20), sum.Added, sum.Failed)
	if elapsed > f.Deadline+4*time.Second {
		t.Errorf("refresh took %v; the per-request timeout is %v and the deadline %v", elapsed, f.Timeout, f.Deadline)
	}
	if heap > 512<<20 {
		t.Errorf("peak heap %d MiB; want under 512 MiB", heap>>20)
	}
	if !bombAsked.Load() {
		t.Error("the gzip bomb was not asked for with gzip: the test did not test it")
	}

	stored, err := lib.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, feed := range stored {
		p := strings.TrimPrefix(feed.URL, srv.URL)
		if strings.ContainsAny(feed.LastError, "\n\x1b") || hasUnsafe(feed.LastError, true) {
			t.Errorf("%s: error %q is not one safe line", p, feed.LastError)
		}
		if hasUnsafe(feed.Title, true) {
			t.Errorf("%s: title %q is unsafe", p, feed.Title)
		}
		if want, bad := wantErr[p]; bad {
			if !strings.HasPrefix(feed.LastError, feed.URL+": ") || !strings.Contains(feed.LastError, want) {
				t.Errorf("%s: recorded error %q; want it to name the URL and say %q", p, feed.LastError, want)
			}
			if feed.Articles != 0 {
				t.Errorf("%s: failed yet brought %d articles", p, feed.Articles)
			}
			continue
		}
		if feed.LastError != "" {
			t.Errorf("%s: good feed failed: %s", p, feed.LastError)
		}
		if feed.Articles != wantArticles[p] {
			t.Errorf("%s: %d articles stored, want %d", p, feed.Articles, wantArticles[p])
		}
	}
	if sum.Failed != len(wantErr) || sum.OK != len(wantArticles) {
		t.Errorf("summary: %d ok, %d failed; want %d and %d: %+v", sum.OK, sum.Failed, len(wantArticles), len(wantErr), sum.Errors)
	}

	stories, err := lib.Stories(ctx, store.StoryQuery{WithArticles: true})
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]store.Article{}
	for _, s := range stories {
		if hasUnsafe(s.Title, true) {
			t.Errorf("story title %q is unsafe", s.Title)
		}
		for _, a := range s.Articles {
			full, err := lib.Article(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			byURL[full.URL] = full
			for _, v := range []string{full.Title, full.Source, full.URL, full.Author, full.GUID} {
				if hasUnsafe(v, true) {
					t.Errorf("article %d: one-line field %q is unsafe", a.ID, v)
				}
			}
			for _, v := range []string{full.Summary, full.Content} {
				if hasUnsafe(v, false) {
					t.Errorf("article %d: text %q is unsafe", a.ID, v)
				}
			}
			if len(full.Content) > 1000 || len(full.Title) > 1000 {
				t.Errorf("article %d grew to %d bytes of text: entities were expanded", a.ID, len(full.Content)+len(full.Title))
			}
		}
	}
	if a := byURL["https://dates.example/future"]; a.Published.After(time.Now()) || a.Published.Before(now.Add(-time.Minute)) {
		t.Errorf("a date in 2999 was stored as %v; want the time of the fetch", a.Published)
	}
	for _, u := range []string{"https://dates.example/epoch", "https://dates.example/ancient"} {
		if a := byURL[u]; !a.Published.IsZero() || a.Time().Before(now.Add(-time.Minute)) {
			t.Errorf("%s: published %v, placed at %v; want no date, placed at the fetch", u, a.Published, a.Time())
		}
	}
	bridge := false
	for u, a := range byURL {
		if strings.HasPrefix(u, "https://escape.example/bridge") && strings.HasPrefix(a.Title, "Bridge reopens") &&
			strings.HasSuffix(a.Title, " to traffic") && strings.Contains(a.Content, "Engineers cleared the span.") {
			bridge = true
		}
	}
	if !bridge {
		t.Error("the feed full of escapes did not land with its text")
	}

	if d := NewFetcher("").Deadline; d <= 0 || d > time.Hour {
		t.Errorf("a new Fetcher's refresh deadline is %v; want one, and not over an hour", d)
	}
	// A request that outlives the whole refresh's deadline is cut by it.
	slow := NewFetcher("test")
	slow.Timeout = time.Minute
	slow.Deadline = time.Second
	var slowFeed store.Feed
	for _, feed := range list {
		if strings.HasSuffix(feed.URL, "/bad/slowloris") {
			slowFeed = feed
		}
	}
	start = time.Now()
	sum = slow.Refresh(ctx, lib, []store.Feed{slowFeed}, nil)
	if d := time.Since(start); d > 4*time.Second || sum.Failed != 1 || !strings.Contains(sum.Errors[0].Err, "deadline of 1s") {
		t.Errorf("refresh with a 1s deadline took %v: %+v", d, sum)
	}

	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}
	if err := store.CheckFile(context.Background(), dbPath); err != nil {
		t.Error(err)
	}
}

// watchHeap samples the heap in use until the returned function is called,
// which reports the largest figure seen.
func watchHeap(t testing.TB) func() uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return peak.Load()
	}
}

// hasUnsafe reports text that could drive a terminal: an escape or other
// control character, a bidirectional control, and in one-line fields an
// invisible character.
func hasUnsafe(s string, line bool) bool {
	if !utf8.ValidString(s) {
		return true
	}
	_, bad := unsafeRune(s, line)
	return bad
}
