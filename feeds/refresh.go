package feeds

import (
	"context"
	"errors"
	"sync"
	"time"

	"parallax/store"
)

// Library is where Refresh writes what it fetched; *store.Store satisfies
// it, and tests pass a fake.
type Library interface {
	AddArticles(ctx context.Context, feedID int64, arts []store.Article) (store.AddResult, error)
	RecordFetch(ctx context.Context, feedID int64, r store.FetchRecord) error
}

// FeedError is one feed's failure in a Refresh.
type FeedError struct {
	FeedID int64
	URL    string
	Err    string // one line, naming the URL and the reason
}

// Progress is how far a Refresh has come, reported after each feed.
type Progress struct {
	Done, Total    int
	Added, Updated int // articles so far
	Failed         int
	URL            string      // the feed that just finished
	Err            string      // its error, empty when it succeeded
	Errors         []FeedError // every error so far; shared, so read it only
}

// Summary is what a whole Refresh did.
type Summary struct {
	Feeds       int
	OK          int // fetched and stored, NotModified included
	NotModified int
	Failed      int
	Added       int
	Updated     int
	Errors      []FeedError // one per failed feed, in the order they finished
	Elapsed     time.Duration
}

// Refresh fetches feeds concurrently within the Fetcher's limits, stores
// each feed's articles and fetch record in lib, and reports progress after
// each feed. One feed's failure is recorded on that feed and never stops the
// others. Writes to lib happen one at a time, on the calling goroutine, and
// so do the calls to progress, which may be nil. When the Fetcher has a
// Deadline, feeds not done by then are recorded as failed; feeds cut short
// because ctx was canceled are counted as failed but not recorded. What was
// fetched before a cancellation is still stored.
func (f *Fetcher) Refresh(ctx context.Context, lib Library, feeds []store.Feed, progress func(Progress)) Summary {
	start := time.Now()
	fctx := ctx
	if f.Deadline > 0 {
		var cancel context.CancelFunc
		fctx, cancel = context.WithTimeout(ctx, f.Deadline)
		defer cancel()
	}
	results := make(chan Result)
	var wg sync.WaitGroup
	for _, feed := range feeds {
		wg.Go(func() {
			release, err := f.acquire(fctx, hostOf(feed.URL))
			if err != nil {
				results <- f.failed(feed, f.now(), fail(feed.URL, ctxReason(err, f.Deadline), err))
				return
			}
			// The slots are held until the result is taken, so a slow
			// library slows fetching rather than piling results up.
			results <- f.fetch(fctx, feed)
			release()
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	wctx := context.WithoutCancel(ctx)
	sum := Summary{Feeds: len(feeds)}
	p := Progress{Total: len(feeds)}
	for r := range results {
		var err string
		if r.Err != nil && errors.Is(r.Err, context.Canceled) && ctx.Err() != nil {
			err = r.Err.Error()
		} else {
			var res store.AddResult
			res, err = save(wctx, lib, r)
			sum.Added += res.Added
			sum.Updated += res.Updated
		}
		p.Done++
		p.Added, p.Updated = sum.Added, sum.Updated
		p.URL, p.Err = r.Feed.URL, err
		if err != "" {
			sum.Failed++
			sum.Errors = append(sum.Errors, FeedError{FeedID: r.Feed.ID, URL: r.Feed.URL, Err: err})
		} else {
			sum.OK++
			if r.NotModified {
				sum.NotModified++
			}
		}
		p.Failed = sum.Failed
		p.Errors = sum.Errors[:len(sum.Errors):len(sum.Errors)]
		if progress != nil {
			progress(p)
		}
	}
	sum.Elapsed = time.Since(start)
	return sum
}

// save writes one result to lib and returns what it changed and the feed's
// error, if any. A failure to store is the feed's error too.
func save(ctx context.Context, lib Library, r Result) (store.AddResult, string) {
	var res store.AddResult
	if r.Err == nil && !r.NotModified && len(r.Articles) > 0 {
		var err error
		res, err = lib.AddArticles(ctx, r.Feed.ID, r.Articles)
		if err != nil {
			r.Err = fail(r.Feed.URL, "storing articles: "+err.Error(), err)
			r.Record.Err = r.Err.Error()
		}
	}
	if err := lib.RecordFetch(ctx, r.Feed.ID, r.Record); err != nil && r.Err == nil {
		r.Err = fail(r.Feed.URL, "recording fetch: "+err.Error(), err)
	}
	if r.Err != nil {
		return res, r.Err.Error()
	}
	return res, ""
}
