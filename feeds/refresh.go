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
	batchAdder
	RecordFetch(ctx context.Context, feedID int64, r store.FetchRecord) error
	// FeedByURL is the feed subscribed at url, or an error wrapping
	// store.ErrNotFound.
	FeedByURL(ctx context.Context, url string) (store.Feed, error)
}

// FeedError is one feed's failure in a Refresh.
type FeedError struct {
	FeedID  int64
	URL     string
	Err     string // one line, naming the URL and the reason
	Waiting bool   // not fetched, as its server asked to be left alone until later
}

// Progress is how far a Refresh has come, reported after each feed is
// fetched and after each store of the feeds held.
type Progress struct {
	Done, Total    int
	Added, Updated int // articles stored so far
	Failed         int
	URL            string      // the feed just fetched; empty after a store
	Err            string      // its error, empty when it succeeded or waits to be stored
	Errors         []FeedError // every error so far; shared, so read it only
}

// Summary is what a whole Refresh did.
type Summary struct {
	Feeds       int
	OK          int // fetched and stored, NotModified included
	NotModified int
	Failed      int
	Waiting     int // not fetched, as their servers asked: not failures, but among Errors
	Added       int
	Updated     int
	Errors      []FeedError // one per failed or waiting feed, in the order they finished
	Elapsed     time.Duration
}

// Refresh fetches feeds concurrently within the Fetcher's limits, stores
// their articles and fetch records in lib, and reports progress after each
// feed and after each store. The articles of the feeds are stored together
// once all are fetched (or once MaxHeld bytes of them wait), so that they
// are grouped into stories oldest first across feeds, as a regrouping
// would place them, rather than one outlet's week before the next one's.
// One feed's failure is recorded on that feed and never stops the others;
// a failure to store fails only the feed that caused it. Writes to lib
// happen one at a time, on the calling goroutine, and so do the calls to
// progress, which may be nil. When the Fetcher has a Deadline, feeds not
// done by then are recorded as failed; feeds cut short because ctx was
// canceled are counted as failed but not recorded, and feeds whose server
// asked, with Retry-After, not to be fetched again yet are counted as
// waiting, and not recorded either. A cancellation also stops the storing
// of the articles held, which a large refresh may take minutes over: the
// store in progress is rolled back, and those feeds, counted as failed but
// not recorded, are fetched whole the next time. What was stored before
// stays stored.
func (f *Fetcher) Refresh(ctx context.Context, lib Library, feeds []store.Feed, progress func(Progress)) Summary {
	f.init()
	start := time.Now()
	fctx := ctx
	if f.Deadline > 0 {
		var cancel context.CancelFunc
		fctx, cancel = context.WithTimeout(ctx, f.Deadline)
		defer cancel()
	}
	results := make(chan Result)
	var wg sync.WaitGroup
	now := f.now()
	for _, feed := range feeds {
		wg.Go(func() {
			if waits(feed, now) {
				results <- Result{Feed: feed, Err: notYet(feed.URL, "server", feed.RetryAfter, now)} // no record: the feed keeps its own
				return
			}
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

	t := tally{ctx: context.WithoutCancel(ctx), stop: ctx, lib: lib, progress: progress, maxHeld: f.MaxHeld,
		sum: Summary{Feeds: len(feeds)}, p: Progress{Total: len(feeds)}}
	for r := range results {
		r = f.unlessFollowed(t.ctx, lib, r)
		switch {
		case r.Err != nil && errors.Is(r.Err, context.Canceled) && ctx.Err() != nil,
			errors.Is(r.Err, errWaiting):
			t.done(r, r.Err.Error())
		case r.Err == nil && !r.NotModified && len(r.Articles) > 0:
			t.hold(r)
		default:
			t.done(r, t.record(r))
		}
	}
	t.flush()
	t.sum.Elapsed = time.Since(start)
	return t.sum
}

// unlessFollowed is r, unless r's feed has moved, by a permanent redirect,
// to the address of another of lib's subscriptions: then the two are one
// feed, and r is a failure that says so, for the feed list to show until
// the reader removes one. Its articles are not stored, as the other
// subscription brings them, and its address is kept, as no two
// subscriptions can share one.
func (f *Fetcher) unlessFollowed(ctx context.Context, lib Library, r Result) Result {
	if r.Err != nil || r.Record.MovedTo == "" {
		return r
	}
	other, err := lib.FeedByURL(ctx, r.Record.MovedTo)
	if err != nil || other.ID == r.Feed.ID {
		return r
	}
	return f.failed(r.Feed, r.Record.When, fail(r.Feed.URL, "moved to "+r.Record.MovedTo+", which you already follow", nil))
}

// errWaiting marks a feed left alone because its server asked to be
// fetched no sooner (Retry-After): the feed keeps the record of the fetch
// that was turned away.
var errWaiting = errors.New("waiting as the server asked")

// waits reports whether feed is to be left alone at now, as its server
// asked. A time further off than any server may ask for is a clock that
// was wrong when it was recorded, and holds nothing back.
func waits(feed store.Feed, now time.Time) bool {
	return feed.RetryAfter.After(now) && !feed.RetryAfter.After(now.Add(maxRetryAfter))
}

// notYet is the error of raw, a feed or a page not asked for at now
// because who (its server, its site) asked to be left alone until until.
func notYet(raw, who string, until, now time.Time) *FetchError {
	return fail(raw, "not fetched: the "+who+" asked to wait "+waitText(until.Sub(now))+" more", errWaiting)
}

// tally is what Refresh has fetched and stored so far: the results that
// wait to be stored together, and the summary and progress of the rest.
type tally struct {
	ctx      context.Context // for fetch records, which a cancellation must not cut short
	stop     context.Context // the caller's, whose cancellation stops storing articles
	lib      Library
	progress func(Progress)
	pending  []Result
	bytes    int // the size of pending (see heldSize)
	maxHeld  int // the most bytes pending before they are stored
	sum      Summary
	p        Progress
}

// hold keeps r, a feed with articles, to be stored with the others, and
// stores them all once they take maxHeld bytes.
func (t *tally) hold(r Result) {
	t.pending = append(t.pending, r)
	for _, a := range r.Articles {
		t.bytes += heldSize(a)
	}
	t.report(r.Feed.URL, "")
	if t.bytes >= t.maxHeld {
		t.flush()
	}
}

// batchAdder stores batches of articles: the library of a refresh or an
// import.
type batchAdder interface {
	AddBatches(ctx context.Context, batches []store.Batch) ([]store.AddResult, error)
}

// storeEach stores batches in one call and, when that call fails and held
// more than one, each batch on its own, so that the failure lands on the
// batch that caused it and the others are still stored. It returns each
// batch's result and error.
func storeEach(ctx context.Context, lib batchAdder, batches []store.Batch) ([]store.AddResult, []error) {
	results, err := lib.AddBatches(ctx, batches)
	errs := make([]error, len(batches))
	if err == nil {
		return results, errs
	}
	if len(batches) == 1 || ctx.Err() != nil {
		// Its own call has just failed, or every call would.
		for i := range errs {
			errs[i] = err
		}
		return make([]store.AddResult, len(batches)), errs
	}
	results = make([]store.AddResult, len(batches))
	for i := range batches {
		one, err := lib.AddBatches(ctx, batches[i:i+1])
		if err != nil {
			errs[i] = err
			continue
		}
		results[i] = one[0]
	}
	return results, errs
}

// heldSize is about how much memory holding a takes: its strings and the
// structs that carry it on its way into the library.
func heldSize(a store.Article) int {
	const structs = 512
	return structs + len(a.Source) + len(a.URL) + len(a.GUID) + len(a.Title) + len(a.Author) +
		len(a.Summary) + len(a.Content) + len(a.Image)
}

// flush stores the pending feeds' articles in one call and then records
// their fetches.
func (t *tally) flush() {
	if len(t.pending) == 0 {
		return
	}
	batches := make([]store.Batch, len(t.pending))
	for i, r := range t.pending {
		batches[i] = store.Batch{FeedID: r.Feed.ID, Articles: r.Articles}
	}
	results, errs := storeEach(t.stop, t.lib, batches)
	for i, r := range t.pending {
		err := errs[i]
		switch {
		case err != nil && t.stop.Err() != nil:
			// Not stored because the caller gave up, and so not recorded,
			// like a feed cut short while fetching: the record kept says
			// nothing of this fetch, and the next one asks for it whole.
			r.Err = fail(r.Feed.URL, "not stored: canceled", err)
			t.count(r, r.Err.Error())
			continue
		case err != nil:
			r.Err = fail(r.Feed.URL, "storing articles: "+err.Error(), err)
			r.Record.Err = r.Err.Error()
			// The articles are not stored: the feed must be fetched whole
			// again, not answered "not modified" on the strength of the
			// version it failed to keep.
			r.Record.ETag, r.Record.LastModified = r.Feed.ETag, r.Feed.LastModified
		}
		t.sum.Added += results[i].Added
		t.sum.Updated += results[i].Updated
		t.count(r, t.record(r))
	}
	// Let the stored articles go: the slice is kept for the next round.
	clear(t.pending)
	t.pending, t.bytes = t.pending[:0], 0
	t.report("", "")
}

// record writes the fetch record of r and returns the feed's error, if
// any: its fetch's, else the record's own failure.
func (t *tally) record(r Result) string {
	if err := t.lib.RecordFetch(t.ctx, r.Feed.ID, r.Record); err != nil && r.Err == nil {
		r.Err = fail(r.Feed.URL, "recording fetch: "+err.Error(), err)
	}
	if r.Err != nil {
		return r.Err.Error()
	}
	return ""
}

// done counts r, finished with error err (empty for none), and reports it.
func (t *tally) done(r Result, err string) {
	t.count(r, err)
	t.report(r.Feed.URL, err)
}

// count adds r, finished with error err, to the summary.
func (t *tally) count(r Result, err string) {
	if err != "" {
		waiting := errors.Is(r.Err, errWaiting)
		if waiting {
			t.sum.Waiting++
		} else {
			t.sum.Failed++
		}
		t.sum.Errors = append(t.sum.Errors, FeedError{FeedID: r.Feed.ID, URL: r.Feed.URL, Err: err, Waiting: waiting})
		return
	}
	t.sum.OK++
	if r.NotModified {
		t.sum.NotModified++
	}
}

// report tells progress what has happened: a feed fetched (url, with its
// error if it failed), or, with no url, a store.
func (t *tally) report(url, err string) {
	if url != "" {
		t.p.Done++
	}
	t.p.Added, t.p.Updated = t.sum.Added, t.sum.Updated
	t.p.URL, t.p.Err = url, err
	t.p.Failed = t.sum.Failed
	t.p.Errors = t.sum.Errors[:len(t.sum.Errors):len(t.sum.Errors)]
	if t.progress != nil {
		t.progress(t.p)
	}
}
