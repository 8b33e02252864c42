package feeds

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"parallax/store"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		header string
		want   time.Duration
	}{
		{"120", 2 * time.Minute},
		{" 45 ", 45 * time.Second},
		{"0", 0},
		{"-30", 0},
		{"soon", 0},
		{"", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{now.Add(72 * time.Hour).Format(http.TimeFormat), maxRetryAfter},
		{"99999999999999999", maxRetryAfter},
		{"99999999999999999999999", maxRetryAfter},
	} {
		if got := retryAfter(c.header, now); got != c.want {
			t.Errorf("retryAfter(%q) = %v, want %v", c.header, got, c.want)
		}
	}
}

func TestWaitText(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second:                "1 min",
		45 * time.Minute:                "45 min",
		2 * time.Hour:                   "2 h",
		2*time.Hour + 4*time.Minute + 1: "2 h 5 min",
	} {
		if got := waitText(d); got != want {
			t.Errorf("waitText(%v) = %q, want %q", d, got, want)
		}
	}
}

// A server that turns a refresh away with 429 and Retry-After is left
// alone until the time it named, and fetched as usual after it.
func TestRefreshHonoursRetryAfter(t *testing.T) {
	body, err := os.ReadFile("testdata/feeds/rss2.xml")
	if err != nil {
		t.Fatal(err)
	}
	var hits atomic.Int32
	var busy atomic.Bool
	busy.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if busy.Load() {
			w.Header().Set("Retry-After", "600")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	}))
	defer srv.Close()
	ctx := context.Background()
	lib := openLibrary(t)
	if _, err := lib.AddFeed(ctx, store.Feed{URL: srv.URL + "/feed"}); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC)
	refreshAt := func(at time.Time) (Summary, store.Feed) {
		t.Helper()
		f := testFetcher()
		f.Now = func() time.Time { return at }
		feeds, err := lib.Feeds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sum := f.Refresh(ctx, lib, feeds, nil)
		feeds, err = lib.Feeds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return sum, feeds[0]
	}

	sum, feed := refreshAt(start)
	wantErr := srv.URL + "/feed: 429 Too Many Requests; the server asks to wait 10 min"
	if sum.Failed != 1 || feed.LastError != wantErr {
		t.Fatalf("turned away: %d failed, error %q, want %q", sum.Failed, feed.LastError, wantErr)
	}
	if want := start.Add(10 * time.Minute); !feed.RetryAfter.Equal(want) {
		t.Errorf("retry after %v, want %v", feed.RetryAfter, want)
	}

	busy.Store(false)
	sum, feed = refreshAt(start.Add(4 * time.Minute))
	if n := hits.Load(); n != 1 {
		t.Errorf("%d requests while the server asked to wait, want the first only", n)
	}
	want := srv.URL + "/feed: not fetched: the server asked to wait 6 min more"
	if sum.Failed != 0 || sum.Waiting != 1 || len(sum.Errors) != 1 || sum.Errors[0].Err != want {
		t.Errorf("while waiting: %+v, want the error %q", sum, want)
	}
	if feed.LastError != wantErr || !feed.LastFetch.Equal(start) {
		t.Errorf("while waiting, the feed's record changed: error %q, last fetch %v", feed.LastError, feed.LastFetch)
	}

	sum, feed = refreshAt(start.Add(11 * time.Minute))
	if hits.Load() != 2 || sum.OK != 1 || sum.Added == 0 {
		t.Errorf("after the wait: %d requests, summary %+v", hits.Load(), sum)
	}
	if feed.LastError != "" || !feed.RetryAfter.IsZero() {
		t.Errorf("after the wait: error %q, retry after %v", feed.LastError, feed.RetryAfter)
	}
}

// A 500 says nothing about when to come back, and a 404's Retry-After
// means nothing: neither holds the feed back.
func TestOnlyBusyServersAreWaitedFor(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "600")
		http.NotFound(w, r)
	}))
	defer srv.Close()
	res := testFetcher().Fetch(context.Background(), store.Feed{ID: 1, URL: srv.URL + "/gone"})
	if res.Err == nil || !res.Record.RetryAfter.IsZero() || strings.Contains(res.Err.Error(), "wait") {
		t.Errorf("404 with Retry-After: %v, retry after %v", res.Err, res.Record.RetryAfter)
	}
}

func TestWaitsOnlyAsLongAsAServerMayAsk(t *testing.T) {
	now := time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC)
	for after, want := range map[time.Duration]bool{
		-time.Hour:          false,
		0:                   false,
		time.Minute:         true,
		maxRetryAfter:       true,
		90 * 24 * time.Hour: false, // recorded under a wrong clock
	} {
		if got := waits(store.Feed{RetryAfter: now.Add(after)}, now); got != want {
			t.Errorf("retry %v after now: waits %v, want %v", after, got, want)
		}
	}
	if waits(store.Feed{}, now) {
		t.Error("a feed with no retry time waits")
	}
}

// Feeds left alone at their servers' request asked nothing of the
// network: they neither prove it down nor up.
func TestOfflineLooksPastWaitingFeeds(t *testing.T) {
	refused := FeedError{URL: "http://a.example/feed", Err: "http://a.example/feed: connection refused"}
	waiting := FeedError{URL: "http://b.example/feed", Err: "http://b.example/feed: not fetched: the server asked to wait 5 min more", Waiting: true}
	for _, c := range []struct {
		errs []FeedError
		want bool
	}{
		{[]FeedError{refused, refused}, true},
		{[]FeedError{refused, waiting, refused}, true},
		{[]FeedError{waiting}, false},
		{[]FeedError{refused, {URL: "http://c.example/feed", Err: "http://c.example/feed: 404 Not Found"}}, false},
	} {
		sum := Summary{Feeds: len(c.errs), Failed: len(c.errs), Errors: c.errs}
		if got := Offline(sum); got != c.want {
			t.Errorf("Offline(%v) = %v, want %v", c.errs, got, c.want)
		}
	}
}
