// Package feeds gets articles into parallax: it fetches feeds over HTTP and
// from local files, parses RSS, Atom and JSON Feed, finds a page's feed,
// reads and writes OPML and newsboat url lists, reads saved article files,
// converts HTML to Markdown and sanitises every piece of untrusted text on
// the way in.
package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"parallax/store"
)

// Defaults for a Fetcher, chosen to be kind to servers and to bound what one
// bad feed can cost.
const (
	DefaultTimeout      = 20 * time.Second
	DefaultMaxBytes     = 20 << 20
	DefaultMaxRedirects = 5
	DefaultMaxFetches   = 8
	DefaultMaxPerHost   = 2
	// DefaultDeadline bounds a whole Refresh, so that many slow servers
	// cannot hold it for long: feeds not done by then are recorded as
	// failed and fetched at the next refresh.
	DefaultDeadline = 10 * time.Minute
	// DefaultMaxHeld is how many bytes of fetched articles a Refresh
	// holds before it stores what it has (see Refresh): the feeds of a
	// whole refresh of most libraries, some 30,000 summaries, so that they
	// are grouped together, while its memory stays bounded.
	DefaultMaxHeld = 32 << 20
)

// Fetcher fetches feeds. Its fields may be changed after NewFetcher and
// before the first fetch; after that it is safe for concurrent use, and its
// limits on simultaneous fetches hold across every caller. A field left at
// zero takes its default.
type Fetcher struct {
	UserAgent    string
	Timeout      time.Duration // for one request, body included
	MaxBytes     int64         // a larger body is an error, never truncated
	MaxRedirects int
	MaxFetches   int           // fetches in flight at once
	MaxPerHost   int           // fetches in flight at once to one host
	Deadline     time.Duration // for a whole Refresh; zero means none
	MaxHeld      int           // bytes of fetched articles a Refresh holds before storing
	// Transport carries the requests; nil means a copy of
	// http.DefaultTransport.
	Transport http.RoundTripper
	// Now tells the time of a fetch; nil means time.Now.
	Now func() time.Time

	once   sync.Once
	client *http.Client
	slots  chan struct{}
	mu     sync.Mutex
	hosts  map[string]chan struct{}
}

// NewFetcher returns a Fetcher with the default limits and a User-Agent
// naming parallax at version, or at the version the build recorded when
// version is empty.
func NewFetcher(version string) *Fetcher {
	if version == "" {
		version = buildVersion()
	}
	return &Fetcher{
		UserAgent:    UserAgent(strings.TrimPrefix(version, "v")),
		Timeout:      DefaultTimeout,
		MaxBytes:     DefaultMaxBytes,
		MaxRedirects: DefaultMaxRedirects,
		MaxFetches:   DefaultMaxFetches,
		MaxPerHost:   DefaultMaxPerHost,
		Deadline:     DefaultDeadline,
		MaxHeld:      DefaultMaxHeld,
	}
}

// UserAgent is the User-Agent header parallax sends, so that a feed's
// operator can tell what is asking.
func UserAgent(version string) string {
	return "parallax/" + version + " (+terminal news reader)"
}

// buildVersion is the main module's version as the build recorded it.
func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return strings.TrimPrefix(v, "v")
		}
	}
	return "dev"
}

// Result is what one fetch of one feed produced.
type Result struct {
	Feed        store.Feed      // the feed as it was asked for
	Articles    []store.Article // none when NotModified or Err is set
	Record      store.FetchRecord
	NotModified bool // the server answered 304 or the file is unchanged
	Err         error
}

// FetchError is why one feed or page could not be fetched or read. Its
// message is one line: the URL or path, a colon, and the reason.
type FetchError struct {
	URL        string
	Reason     string
	Err        error     // the underlying error, when there is one
	RetryAfter time.Time // when a server that turned the fetch away asked to be tried again
}

func (e *FetchError) Error() string { return e.URL + ": " + e.Reason }

func (e *FetchError) Unwrap() error { return e.Err }

// fail builds a FetchError whose text is safe to print.
func fail(where, reason string, err error) *FetchError {
	return &FetchError{URL: SanitizeLine(where), Reason: SanitizeLine(reason), Err: err}
}

var (
	errTooManyRedirects = errors.New("too many redirects")
	errTooLarge         = errors.New("body too large")
)

type redirectKey struct{}

// redirects follows one request's redirect chain. moved is the last URL
// reached by permanent redirects alone, counted from the first request: the
// address the feed itself says it has moved to. permanent turns false at
// the first temporary redirect, after which nothing more is learned.
type redirects struct {
	permanent bool
	moved     string
}

func (f *Fetcher) init() {
	f.once.Do(func() {
		d := NewFetcher("")
		if f.UserAgent == "" {
			f.UserAgent = d.UserAgent
		}
		if f.Timeout <= 0 {
			f.Timeout = d.Timeout
		}
		if f.MaxBytes <= 0 {
			f.MaxBytes = d.MaxBytes
		}
		if f.MaxRedirects <= 0 {
			f.MaxRedirects = d.MaxRedirects
		}
		if f.MaxFetches <= 0 {
			f.MaxFetches = d.MaxFetches
		}
		if f.MaxPerHost <= 0 {
			f.MaxPerHost = d.MaxPerHost
		}
		if f.MaxHeld == 0 { // below zero: store each feed as it comes
			f.MaxHeld = d.MaxHeld
		}
		tr := f.Transport
		if tr == nil {
			t := http.DefaultTransport.(*http.Transport).Clone()
			t.MaxIdleConnsPerHost = f.MaxPerHost
			tr = t
		}
		f.client = &http.Client{Transport: tr, CheckRedirect: f.checkRedirect}
		f.slots = make(chan struct{}, f.MaxFetches)
		f.hosts = make(map[string]chan struct{})
	})
}

func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.MaxRedirects {
		return errTooManyRedirects
	}
	if st, ok := req.Context().Value(redirectKey{}).(*redirects); ok && st.permanent {
		switch req.Response.StatusCode {
		case http.StatusMovedPermanently, http.StatusPermanentRedirect:
			st.moved = escapeURL(req.URL.String())
		default:
			st.permanent = false
		}
	}
	return nil
}

// escapeURL percent-encodes the bytes of a URL that sanitising would drop
// or change (controls, bidirectional and invisible characters, white space,
// invalid UTF-8), so that a URL a server sent stays safe to show and still
// names the same resource once stored.
func escapeURL(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r <= ' ' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
			isBidiControl(r) || isInvisible(r) || unicode.IsSpace(r) || r == '\ufeff' {
			for _, c := range []byte(s[i : i+size]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func (f *Fetcher) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

// acquire waits for a free slot for host and then for a free fetch slot,
// so that waiting on a busy host holds none of the fetch slots.
func (f *Fetcher) acquire(ctx context.Context, host string) (release func(), err error) {
	f.init()
	var hs chan struct{}
	if host != "" {
		f.mu.Lock()
		hs = f.hosts[host]
		if hs == nil {
			hs = make(chan struct{}, f.MaxPerHost)
			f.hosts[host] = hs
		}
		f.mu.Unlock()
		select {
		case hs <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	select {
	case f.slots <- struct{}{}:
	case <-ctx.Done():
		if hs != nil {
			<-hs
		}
		return nil, ctx.Err()
	}
	return func() {
		<-f.slots
		if hs != nil {
			<-hs
		}
	}, nil
}

// hostOf is the key a feed's per-host limit is counted under; local files
// have none.
func hostOf(raw string) string {
	if _, ok := localPath(raw); ok {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

// Fetch fetches one feed, conditionally when the feed carries an ETag or
// Last-Modified from an earlier fetch, and maps its items to articles. It
// never panics on bad input; every failure is in Result.Err and
// Result.Record.Err.
func (f *Fetcher) Fetch(ctx context.Context, feed store.Feed) Result {
	release, err := f.acquire(ctx, hostOf(feed.URL))
	if err != nil {
		return f.failed(feed, f.now(), fail(feed.URL, ctxReason(err, 0), err))
	}
	defer release()
	return f.fetch(ctx, feed)
}

// fetch does the work of Fetch once the slots are held.
func (f *Fetcher) fetch(ctx context.Context, feed store.Feed) Result {
	f.init()
	now := f.now()
	if path, ok := localPath(feed.URL); ok {
		return f.fetchFile(feed, path, now)
	}
	body, resp, st, ferr := f.get(ctx, feed.URL, feed.ETag, feed.LastModified)
	if ferr != nil {
		return f.failed(feed, now, ferr)
	}
	rec := store.FetchRecord{
		When:         now,
		ETag:         headerOr(resp.Header, "ETag", feed.ETag),
		LastModified: headerOr(resp.Header, "Last-Modified", feed.LastModified),
	}
	if st.moved != "" && st.moved != feed.URL {
		rec.MovedTo = SanitizeLine(st.moved)
	}
	if resp.StatusCode == http.StatusNotModified {
		return Result{Feed: feed, Record: rec, NotModified: true}
	}
	defer putBuffer(body)
	base := resp.Request.URL.String()
	doc, err := parseFeed(body.Bytes(), resp.Header.Get("Content-Type"), base)
	if err != nil {
		return f.failed(feed, now, fail(feed.URL, err.Error(), err))
	}
	rec.Title = plainLine(doc.Title)
	rec.SiteURL = resolveLink(base, doc.Link)
	arts, _ := mapItems(doc, feed, base, now)
	return Result{Feed: feed, Articles: arts, Record: rec}
}

// fetchFile reads a feed from the local file at path. Its modification time,
// to the nanosecond, and its size stand in for Last-Modified, so an
// unchanged file is not read again, while one rewritten within the second
// of the last read is.
func (f *Fetcher) fetchFile(feed store.Feed, path string, now time.Time) Result {
	fi, err := os.Stat(path)
	if err != nil {
		return f.failed(feed, now, fail(path, fileReason(err, f.MaxBytes), err))
	}
	if fi.IsDir() {
		return f.failed(feed, now, fail(path, "is a directory", nil))
	}
	mod := fi.ModTime().UTC().Format(time.RFC3339Nano) + " " + strconv.FormatInt(fi.Size(), 10)
	rec := store.FetchRecord{When: now, LastModified: mod}
	if feed.LastModified == mod {
		return Result{Feed: feed, Record: rec, NotModified: true}
	}
	data, err := readFileCapped(path, f.MaxBytes)
	if err != nil {
		return f.failed(feed, now, fail(path, fileReason(err, f.MaxBytes), err))
	}
	base := fileURL(path)
	doc, err := parseFeed(data, "", base)
	if err != nil {
		return f.failed(feed, now, fail(path, err.Error(), err))
	}
	rec.Title = plainLine(doc.Title)
	rec.SiteURL = resolveLink(base, doc.Link)
	arts, _ := mapItems(doc, feed, base, now)
	return Result{Feed: feed, Articles: arts, Record: rec}
}

// failed is the Result of a fetch that went wrong. The feed keeps the
// validators it had so that the next fetch can still be conditional.
func (f *Fetcher) failed(feed store.Feed, now time.Time, err *FetchError) Result {
	return Result{Feed: feed, Err: err, Record: store.FetchRecord{
		When:         now,
		ETag:         feed.ETag,
		LastModified: feed.LastModified,
		Err:          err.Error(),
		RetryAfter:   err.RetryAfter,
	}}
}

// get performs a GET of raw with the Fetcher's limits. A 304 comes back
// with a nil body; any status other than 2xx or 304 is an error.
func (f *Fetcher) get(ctx context.Context, raw, etag, lastMod string) (*bytes.Buffer, *http.Response, *redirects, *FetchError) {
	st := &redirects{permanent: true}
	rctx, cancel := context.WithTimeout(context.WithValue(ctx, redirectKey{}, st), f.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, raw, nil)
	if err != nil {
		return nil, nil, nil, fail(raw, "invalid URL", err)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, nil, nil, fail(raw, fmt.Sprintf("unsupported URL scheme %q", req.URL.Scheme), nil)
	}
	req.Header.Set("User-Agent", f.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, "+
		"application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastMod != "" {
		req.Header.Set("If-Modified-Since", lastMod)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, nil, nil, fail(raw, f.netReason(ctx, rctx, err), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		if etag == "" && lastMod == "" {
			// Nothing was asked on condition, so nothing is known to be
			// unchanged: a broken server or cache, not an empty feed.
			return nil, nil, nil, fail(raw, statusText(resp.StatusCode)+" to a request that was not conditional", nil)
		}
		return nil, resp, st, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, nil, nil, f.refused(raw, resp)
	}
	if resp.ContentLength > f.MaxBytes {
		return nil, nil, nil, fail(raw, "response larger than "+byteSize(f.MaxBytes), errTooLarge)
	}
	buf := getBuffer()
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength))
	}
	if err := readCapped(buf, resp.Body, f.MaxBytes); err != nil {
		putBuffer(buf)
		if errors.Is(err, errTooLarge) {
			return nil, nil, nil, fail(raw, "response larger than "+byteSize(f.MaxBytes), err)
		}
		return nil, nil, nil, fail(raw, "reading body: "+f.netReason(ctx, rctx, err), err)
	}
	return buf, resp, st, nil
}

// refused is the error for the answer resp, not a success, to a request
// for raw: its status and, from a server too busy or asked too often, how
// long it asks to be left alone.
func (f *Fetcher) refused(raw string, resp *http.Response) *FetchError {
	reason := statusText(resp.StatusCode)
	var until time.Time
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		now := f.now()
		if wait := retryAfter(resp.Header.Get("Retry-After"), now); wait > 0 {
			until = now.Add(wait)
			reason += "; the server asks to wait " + waitText(wait)
		}
	}
	ferr := fail(raw, reason, nil)
	ferr.RetryAfter = until
	return ferr
}

// maxRetryAfter is the longest a server may have a feed left alone: one
// that names a later time is tried again after a day.
const maxRetryAfter = 24 * time.Hour

// retryAfter is how long from now a Retry-After header value asks a client
// to wait, in seconds or as an HTTP date, at most maxRetryAfter; 0 when it
// asks for no wait or cannot be read. A date is read against our clock, so
// a server whose clock is behind asks for less than it meant.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var wait time.Duration
	if secs, err := strconv.ParseUint(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		wait = time.Duration(min(secs, uint64(maxRetryAfter/time.Second))) * time.Second
	} else if at, err := http.ParseTime(v); err == nil {
		wait = at.Sub(now)
	}
	return min(max(wait, 0), maxRetryAfter)
}

// waitText says how long a wait is, rounded up to the minute: "1 min",
// "45 min", "2 h 5 min".
func waitText(d time.Duration) string {
	mins := int((d + time.Minute - 1) / time.Minute)
	switch {
	case mins < 60:
		return fmt.Sprintf("%d min", mins)
	case mins%60 == 0:
		return fmt.Sprintf("%d h", mins/60)
	}
	return fmt.Sprintf("%d h %d min", mins/60, mins%60)
}

// netReason names why a request failed, in the words a reader of a feed
// list understands.
func (f *Fetcher) netReason(parent, rctx context.Context, err error) string {
	if parent.Err() != nil {
		return ctxReason(parent.Err(), f.Deadline)
	}
	if errors.Is(rctx.Err(), context.DeadlineExceeded) {
		return "timed out after " + f.Timeout.String()
	}
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.Is(err, errTooManyRedirects):
		return fmt.Sprintf("too many redirects (more than %d)", f.MaxRedirects)
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return "no such host " + dns.Name
		}
		return "cannot resolve host " + dns.Name
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.As(err, &ne) && ne.Timeout():
		return "timed out after " + f.Timeout.String()
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "connection closed before the response ended"
	case errors.As(err, new(textproto.ProtocolError)):
		// Its text quotes the server's bytes at length.
		return "malformed HTTP response"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// ctxReason explains an error of a Refresh's own context.
func ctxReason(err error, deadline time.Duration) string {
	if errors.Is(err, context.DeadlineExceeded) {
		if deadline > 0 {
			return "not fetched: the refresh deadline of " + deadline.String() + " passed"
		}
		return "not fetched: the deadline passed"
	}
	return "not fetched: canceled"
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return fmt.Sprintf("HTTP status %d", code)
}

func headerOr(h http.Header, key, old string) string {
	if v := SanitizeLine(h.Get(key)); v != "" && len(v) <= 1024 {
		return v
	}
	return old
}

// byteSize writes n in the binary unit it is a whole multiple of.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

// putBuffer returns b to the pool unless it grew so large that keeping it
// would pin memory.
func putBuffer(b *bytes.Buffer) {
	if b == nil || b.Cap() > 4<<20 {
		return
	}
	b.Reset()
	buffers.Put(b)
}

// readCapped reads all of r into buf, failing with errTooLarge once more
// than limit bytes arrive.
func readCapped(buf *bytes.Buffer, r io.Reader, limit int64) error {
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return err
	}
	if n > limit {
		return errTooLarge
	}
	return nil
}

// errNotFile is why a device, socket or directory is not read as a file.
var errNotFile = errors.New("not a regular file")

// readFileCapped reads a local file of at most limit bytes. A larger file
// is refused before any of it is read, and so are directories and devices;
// a named pipe is read up to the limit.
func readFileCapped(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	switch mode := fi.Mode(); {
	case mode.IsDir():
		return nil, &os.PathError{Op: "read", Path: path, Err: syscall.EISDIR}
	case mode.IsRegular() && fi.Size() > limit:
		return nil, errTooLarge
	case !mode.IsRegular() && mode&os.ModeNamedPipe == 0:
		return nil, errNotFile
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var buf bytes.Buffer
	if err := readCapped(&buf, fh, limit); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fileReason words a file error without repeating the path.
func fileReason(err error, limit int64) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, errTooLarge):
		return "file larger than " + byteSize(limit)
	case errors.Is(err, os.ErrNotExist):
		return "no such file"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}
