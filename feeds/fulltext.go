package feeds

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	xunicode "golang.org/x/text/encoding/unicode"

	"parallax/store"
)

// DefaultFullTextWorkers is how many pages Fill fetches at once: few, since
// it runs in the background behind a reader and shares the Fetcher's limits
// with the refreshes.
const DefaultFullTextWorkers = 4

// minPageWords is the fewest words a page's text must have to be kept as an
// article's full text; less is a cookie wall, a paywall or an error page.
const minPageWords = 60

// offlineAfter is how many tries in a row must fail because the network is
// unreachable, with none succeeding, before Fill stops trying. They must
// reach for more than one host: one host that cannot be found or refuses
// is that host's trouble, and the other sites' pages are still worth
// fetching.
const offlineAfter = 3

// Extractor fetches articles' own pages and extracts their main text as
// Markdown. It fetches with a Fetcher's client, limits and User-Agent.
// Callers asking for a page already on its way share the one fetch, which
// goes on while any of them still waits; once all have given up it is
// canceled, and the next caller starts another. A site that answers with
// a Retry-After is asked for no page until then. It is safe for concurrent
// use.
type Extractor struct {
	fetcher *Fetcher
	mu      sync.Mutex
	pending map[string]*pageFetch // by URL
	resting map[string]time.Time  // until when each host asked to be left alone
}

// pageFetch is one fetch of a page, shared by the callers waiting for it.
type pageFetch struct {
	done    chan struct{} // closed when text and err are set
	text    store.FullText
	err     error
	waiters int                // callers still waiting, under Extractor.mu
	stop    context.CancelFunc // called when the last of them gives up
}

// NewExtractor returns an Extractor that fetches through f, whose limits on
// simultaneous fetches it shares with f's refreshes.
func NewExtractor(f *Fetcher) *Extractor {
	return &Extractor{fetcher: f, pending: map[string]*pageFetch{}, resting: map[string]time.Time{}}
}

// ErrNetworkDown is what a FullText error wraps when the page's host could
// not be reached at all: no route, no name resolution, connection refused.
var ErrNetworkDown = errors.New("network unreachable")

// errNoText marks a page that held no article text worth keeping.
var errNoText = errors.New("no article text found")

// errNotText marks a page whose body is not text at all.
var errNotText = errors.New("not a text page")

// FullText fetches the page at raw and extracts its main text as Markdown,
// with the title, author, date and lead image the page names. A page in
// another character set is decoded by the charset it declares. Errors are
// one line, naming the URL.
func (x *Extractor) FullText(ctx context.Context, raw string) (store.FullText, error) {
	p := x.join(ctx, raw)
	select {
	case <-p.done:
		return p.text, p.err
	case <-ctx.Done():
		x.leave(raw, p)
		return store.FullText{}, fail(raw, ctxReason(ctx.Err(), 0), ctx.Err())
	}
}

// join counts the caller in on the fetch of raw under way, or starts one.
// The fetch does not run under the context of the caller who started it,
// who may give up while others still wait; it keeps that context's values.
func (x *Extractor) join(ctx context.Context, raw string) *pageFetch {
	x.mu.Lock()
	defer x.mu.Unlock()
	p := x.pending[raw]
	if p == nil {
		fctx, stop := context.WithCancel(context.WithoutCancel(ctx))
		p = &pageFetch{done: make(chan struct{}), stop: stop}
		x.pending[raw] = p
		go func() {
			defer stop()
			p.text, p.err = x.fetchPage(fctx, raw)
			x.mu.Lock()
			if x.pending[raw] == p {
				delete(x.pending, raw)
			}
			x.mu.Unlock()
			close(p.done)
		}()
	}
	p.waiters++
	return p
}

// leave counts a caller who gave up out of fetch p of raw, and stops the
// fetch when no one else waits. A caller who comes after starts afresh.
func (x *Extractor) leave(raw string, p *pageFetch) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if p.waiters--; p.waiters > 0 {
		return
	}
	p.stop()
	if x.pending[raw] == p {
		delete(x.pending, raw)
	}
}

// fetchPage does the work of FullText, under the context of the callers
// who share it.
func (x *Extractor) fetchPage(ctx context.Context, raw string) (store.FullText, error) {
	f := x.fetcher
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return store.FullText{}, fail(raw, "not a web address", err)
	}
	host := strings.ToLower(u.Host)
	if err := x.waiting(raw, host); err != nil {
		return store.FullText{}, err
	}
	release, err := f.acquire(ctx, host)
	if err != nil {
		return store.FullText{}, fail(raw, ctxReason(err, 0), err)
	}
	defer release()
	// Another page of the site may have been turned away while this one
	// waited its turn.
	if err := x.waiting(raw, host); err != nil {
		return store.FullText{}, err
	}
	body, final, contentType, ferr := x.get(ctx, raw)
	if ferr != nil {
		if !ferr.RetryAfter.IsZero() {
			x.rest(host, ferr.RetryAfter)
		}
		return store.FullText{}, ferr
	}
	defer putBuffer(body)
	ft, err := extractPage(body.Bytes(), contentType, final)
	if err != nil {
		return store.FullText{}, fail(raw, err.Error(), err)
	}
	return ft, nil
}

// waiting returns the error for raw, a page of host, while its site has
// asked to be left alone, and nil when it may be asked.
func (x *Extractor) waiting(raw, host string) error {
	x.mu.Lock()
	until := x.resting[host]
	x.mu.Unlock()
	now := x.fetcher.now()
	if !until.After(now) {
		return nil
	}
	return notYet(raw, "site", until, now)
}

// rest leaves host alone until until, as its site asked.
func (x *Extractor) rest(host string, until time.Time) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if until.After(x.resting[host]) {
		x.resting[host] = until
	}
}

// get fetches a page with the Fetcher's timeout, size cap and User-Agent,
// returning its body, the URL it was finally served from and its type.
func (x *Extractor) get(ctx context.Context, raw string) (*bytes.Buffer, string, string, *FetchError) {
	f := x.fetcher
	rctx, cancel := context.WithTimeout(ctx, f.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, raw, nil)
	if err != nil {
		return nil, "", "", fail(raw, "invalid URL", err)
	}
	req.Header.Set("User-Agent", f.UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, "", "", x.netFail(ctx, rctx, raw, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, "", "", f.refused(raw, resp)
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err == nil && !isPageType(mt) {
		return nil, "", "", fail(raw, "not a web page ("+mt+")", nil)
	}
	if resp.ContentLength > f.MaxBytes {
		return nil, "", "", fail(raw, "page larger than "+byteSize(f.MaxBytes), errTooLarge)
	}
	buf := getBuffer()
	if err := readCapped(buf, resp.Body, f.MaxBytes); err != nil {
		putBuffer(buf)
		if errors.Is(err, errTooLarge) {
			return nil, "", "", fail(raw, "page larger than "+byteSize(f.MaxBytes), err)
		}
		return nil, "", "", x.netFail(ctx, rctx, raw, err)
	}
	return buf, resp.Request.URL.String(), ct, nil
}

// netFail words a failed request, marking those that mean the network, not
// the page, is the trouble.
func (x *Extractor) netFail(parent, rctx context.Context, raw string, err error) *FetchError {
	reason := x.fetcher.netReason(parent, rctx, err)
	if parent.Err() == nil && networkDown(err) {
		return fail(raw, reason, fmt.Errorf("%w: %w", ErrNetworkDown, err))
	}
	return fail(raw, reason, err)
}

// networkDown reports errors that come from not reaching a host at all.
func networkDown(err error) bool {
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.As(err, &dns):
		return true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ENETUNREACH),
		errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETDOWN):
		return true
	case errors.As(err, &op) && op.Op == "dial":
		return true
	}
	return false
}

// isPageType accepts the media types an article page may be served as.
// Servers that do not know send text/plain or application/octet-stream
// for HTML often enough that both are read and judged by their content.
func isPageType(mt string) bool {
	switch mt {
	case "text/html", "application/xhtml+xml", "text/plain", "application/octet-stream":
		return true
	}
	return false
}

// pageEncoding is the character set of an HTML page, and its name: UTF-8
// when the page is UTF-8 by its bytes (see isUTF8Text), whatever it or
// contentType names, else the one they declare.
func pageEncoding(data []byte, contentType string) (encoding.Encoding, string) {
	if isUTF8Text(data) {
		return xunicode.UTF8, "utf-8"
	}
	enc, name, _ := charset.DetermineEncoding(data, contentType)
	return enc, name
}

// extractPage decodes a page by its character set (see pageEncoding) and
// extracts its article. Relative links and images are resolved against
// page, the URL the page was served from.
func extractPage(data []byte, contentType, page string) (ft store.FullText, err error) {
	defer func() {
		if recover() != nil {
			ft, err = store.FullText{}, errors.New("unreadable page")
		}
	}()
	enc, name := pageEncoding(data, contentType)
	if isBinaryPage(data, name) {
		return store.FullText{}, errNotText
	}
	utf8Data, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return store.FullText{}, errors.New("undecodable text")
	}
	doc, err := html.Parse(bytes.NewReader(utf8Data))
	if err != nil {
		return store.FullText{}, errors.New("unreadable HTML")
	}
	image := leadImage(doc)
	dropAds(doc)
	var clean bytes.Buffer
	if err := html.Render(&clean, doc); err != nil {
		return store.FullText{}, errors.New("unreadable HTML")
	}
	a, err := readHTML(clean.Bytes())
	if err != nil {
		return store.FullText{}, err
	}
	// A dateline the page prints above the text is metadata, not text.
	if first, rest, ok := strings.Cut(a.Content, "\n\n"); ok {
		if _, isDate := dateLine(first); isDate {
			a.Content = rest
		}
	}
	// So is the headline, which the article shows above its text: a
	// heading the text opens with that says what the page's title says,
	// in more words or fewer.
	if first, rest, ok := strings.Cut(a.Content, "\n\n"); ok && restatesTitle(first, a.Title) {
		a.Content = rest
	}
	if countWords(a.Content) < minPageWords {
		return store.FullText{}, errNoText
	}
	ft = store.FullText{
		Markdown:  resolveMarkdownLinks(a.Content, page),
		Title:     a.Title,
		Author:    bylineName(a.Author),
		Published: a.Published,
		Image:     resolveLink(page, image),
	}
	if !ft.Published.IsZero() && ft.Published.After(time.Now()) {
		ft.Published = time.Time{}
	}
	return ft, nil
}

// restatesTitle reports whether the Markdown block is a heading whose
// words hold every word of title, or title every word of it.
func restatesTitle(block, title string) bool {
	heading := strings.TrimLeft(block, "#")
	if heading == block || !strings.HasPrefix(heading, " ") || strings.Contains(heading, "\n") {
		return false
	}
	a, b := titleWords(heading), titleWords(title)
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 2 {
		return false
	}
	for w := range a {
		if !b[w] {
			return false
		}
	}
	return true
}

// titleWords are the words of a headline in lower case, without the
// punctuation around them.
func titleWords(s string) map[string]bool {
	words := map[string]bool{}
	for _, f := range strings.Fields(strings.ToLower(s)) {
		if w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }); w != "" {
			words[w] = true
		}
	}
	return words
}

// isBinaryPage reports a body that is not text in encoding, the character
// set it is read in: an image or an archive served as a web page, which
// the decoder and the extractor would otherwise turn into paragraphs of
// junk. UTF-16 text holds NUL bytes, and a legacy character set makes
// almost any byte valid, so in those only NUL bytes, which no page in
// them holds, give it away.
func isBinaryPage(data []byte, encoding string) bool {
	switch {
	case strings.HasPrefix(encoding, "utf-16"):
		return false
	case encoding == "utf-8":
		return isBinary(data)
	}
	return bytes.IndexByte(data[:min(len(data), 8192)], 0) >= 0
}

// leadImage is the image a page names for sharing: Open Graph, a Twitter
// card, or image_src.
func leadImage(doc *html.Node) string {
	head := findElement(doc, atom.Head)
	if head == nil {
		return ""
	}
	var found string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == ""; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Meta:
				prop, _ := attr(c, "property")
				name, _ := attr(c, "name")
				switch strings.ToLower(prop + name) {
				case "og:image", "og:image:url", "og:image:secure_url", "twitter:image":
					content, _ := attr(c, "content")
					found = strings.TrimSpace(content)
				}
			case atom.Link:
				if rel, _ := attr(c, "rel"); strings.EqualFold(strings.TrimSpace(rel), "image_src") {
					href, _ := attr(c, "href")
					found = strings.TrimSpace(href)
				}
			default:
				walk(c)
			}
		}
	}
	walk(head)
	return found
}

// adWords are the words that, first in a class or ID, mark a block as
// advertising: extraction keeps what sits inside the article's own element,
// and pages put their ads there too.
var adWords = map[string]bool{
	"ad": true, "ads": true, "adslot": true, "adunit": true, "advert": true, "adverts": true,
	"advertisement": true, "advertising": true, "sponsored": true, "promo": true, "promoted": true,
}

// dropAds removes the elements whose class or ID marks them as advertising.
func dropAds(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && isAd(c) {
			n.RemoveChild(c)
		} else {
			dropAds(c)
		}
		c = next
	}
}

func isAd(n *html.Node) bool {
	class, _ := attr(n, "class")
	id, _ := attr(n, "id")
	for _, tok := range strings.Fields(class + " " + id) {
		first, _, _ := strings.Cut(strings.ReplaceAll(strings.ToLower(tok), "_", "-"), "-")
		if adWords[first] {
			return true
		}
	}
	return false
}

// markdownTarget finds the target of a Markdown link or image: "](target".
var markdownTarget = lazyRegexp(`\]\(([^()\s]+)`)

// resolveMarkdownLinks makes relative link and image targets in md absolute
// against base, so that they still lead somewhere when read from the library.
func resolveMarkdownLinks(md, base string) string {
	b, err := url.Parse(base)
	if err != nil || base == "" {
		return md
	}
	return markdownTarget().ReplaceAllStringFunc(md, func(m string) string {
		target := m[2:]
		r, err := url.Parse(target)
		if err != nil || r.IsAbs() || strings.HasPrefix(target, "#") {
			return m
		}
		return "](" + b.ResolveReference(r).String()
	})
}

// FullTextLibrary is where Fill finds the articles that want their text and
// stores what it fetched; *store.Store satisfies it.
type FullTextLibrary interface {
	FullTextQueue(ctx context.Context, q store.FullTextQuery) ([]store.FullTextJob, error)
	SetFullText(ctx context.Context, articleID int64, ft store.FullText) error
	FullTextFailed(ctx context.Context, articleID int64, reason string, now time.Time) (time.Time, error)
}

// FullTextSummary is what one Fill did.
type FullTextSummary struct {
	Wanted  int     // articles the query selected
	Fetched []int64 // articles whose full text was stored
	Stories []int64 // the stories of those articles, each once
	Failed  int     // tries that failed, each recorded with its next try
	Skipped int     // articles not tried because their host or the network was down, or their site asked to wait
	Waiting int     // of those skipped, the articles whose site asked to be left alone for now
	// Offline says the network looked down: every try failed to reach its
	// host, more than one host, and the other pages were put off for it.
	Offline bool
	// Interrupted says the caller canceled Fill: the articles skipped since
	// were not tried, whatever the state of their sites.
	Interrupted bool
	Errors      []*FetchError // one per failed try or page left for its site's wait
}

// Fill fetches the full text of the articles q selects, workers at a time
// (DefaultFullTextWorkers when workers <= 0), within the Fetcher's limits,
// and stores each result in lib: the text, or the failure and when to try
// again. A page whose host cannot be reached leaves the rest of that host's
// pages for later, and once the first tries have all failed to reach the
// network, every page is left for later: one failure costs a host lookup
// or a refused connection, and a feed of a hundred links to a dead site
// would otherwise pay it a hundred times. The error is the library's, when
// it fails.
func (x *Extractor) Fill(ctx context.Context, lib FullTextLibrary, q store.FullTextQuery, workers int) (FullTextSummary, error) {
	var sum FullTextSummary
	jobs, err := lib.FullTextQueue(ctx, q)
	if err != nil {
		return sum, err
	}
	sum.Wanted = len(jobs)
	if workers <= 0 {
		workers = DefaultFullTextWorkers
	}
	type outcome struct {
		job store.FullTextJob
		ft  store.FullText
		err error
	}
	fctx, stop := context.WithCancel(ctx)
	defer stop()
	var unreachable sync.Map // hosts a page of which could not be reached
	todo := make(chan store.FullTextJob)
	done := make(chan outcome)
	var wg sync.WaitGroup
	for range min(workers, len(jobs)) {
		wg.Go(func() {
			for j := range todo {
				ft, err := x.FullText(fctx, j.URL)
				if errors.Is(err, ErrNetworkDown) {
					unreachable.Store(hostOf(j.URL), true)
				}
				done <- outcome{j, ft, err}
			}
		})
	}
	go func() {
		defer close(todo)
		for _, j := range jobs {
			if _, dead := unreachable.Load(hostOf(j.URL)); dead {
				continue
			}
			select {
			case todo <- j:
			case <-fctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(done)
	}()

	wctx := context.WithoutCancel(ctx)
	down, tried := 0, 0
	var downHosts []string // the first two hosts that could not be reached
	var libErr error
	for o := range done {
		if fctx.Err() != nil && o.err != nil && !errors.Is(o.err, ErrNetworkDown) {
			continue // cut short by Fill itself: not the page's fault
		}
		if errors.Is(o.err, errWaiting) {
			sum.Waiting++
			sum.Errors = append(sum.Errors, pageError(o.job.URL, o.err))
			continue
		}
		tried++
		if o.err == nil {
			if err := lib.SetFullText(wctx, o.job.ArticleID, o.ft); err != nil {
				libErr = cmp.Or(libErr, err)
				continue
			}
			sum.Fetched = append(sum.Fetched, o.job.ArticleID)
			if o.job.StoryID != 0 && !slices.Contains(sum.Stories, o.job.StoryID) {
				sum.Stories = append(sum.Stories, o.job.StoryID)
			}
			continue
		}
		sum.Failed++
		sum.Errors = append(sum.Errors, pageError(o.job.URL, o.err))
		if _, err := lib.FullTextFailed(wctx, o.job.ArticleID, o.err.Error(), x.fetcher.now()); err != nil {
			libErr = cmp.Or(libErr, err)
		}
		if errors.Is(o.err, ErrNetworkDown) {
			down++
			if h := hostOf(o.job.URL); !slices.Contains(downHosts, h) && len(downHosts) < 2 {
				downHosts = append(downHosts, h)
			}
		}
		if down >= offlineAfter && down == tried && len(downHosts) > 1 && fctx.Err() == nil {
			sum.Offline = true
			stop()
		}
	}
	sum.Skipped = len(jobs) - tried
	// Every host tried was dead, more than one, and the rest were put off
	// for it: that is the network down however the race between the
	// workers and the feeder ran, whether the stop or the dead hosts'
	// skipping got there first.
	if down == tried && len(downHosts) > 1 && sum.Skipped > sum.Waiting && ctx.Err() == nil {
		sum.Offline = true
	}
	sum.Interrupted = ctx.Err() != nil
	if sum.Interrupted && libErr == nil {
		return sum, ctx.Err()
	}
	return sum, libErr
}

// ErrorLines words Errors for a person, one line for each site and
// reason: a site that is down, or turns every page away, fails all its
// pages alike, and a line for each would bury the other sites' failures.
func (sum FullTextSummary) ErrorLines() []string {
	type group struct {
		first *FetchError
		pages int
	}
	var groups []*group
	byKey := map[[2]string]*group{}
	for _, fe := range sum.Errors {
		key := [2]string{hostOf(fe.URL), fe.Reason}
		if g := byKey[key]; g != nil && key[0] != "" {
			g.pages++
			continue
		}
		g := &group{first: fe, pages: 1}
		byKey[key] = g
		groups = append(groups, g)
	}
	lines := make([]string, len(groups))
	for i, g := range groups {
		if g.pages == 1 {
			lines[i] = g.first.Error()
		} else {
			lines[i] = fmt.Sprintf("%d pages at %s: %s", g.pages, hostOf(g.first.URL), g.first.Reason)
		}
	}
	return lines
}

// pageError is err, why the page at raw was not fetched, as a FetchError.
func pageError(raw string, err error) *FetchError {
	if fe, ok := errors.AsType[*FetchError](err); ok {
		return fe
	}
	return fail(raw, err.Error(), err)
}

// offlineReasons are the words netReason uses for a host that could not be
// reached at all.
var offlineReasons = []string{"connection refused", "no such host", "cannot resolve host",
	"network is unreachable", "no route to host", "network is down"}

// Offline reports whether a refresh found the network down: it had feeds
// to fetch, none succeeded, and every one it asked for failed to reach its
// host (feeds left alone at their servers' request asked nothing).
func Offline(sum Summary) bool {
	if sum.Feeds == 0 || sum.OK > 0 {
		return false
	}
	asked := 0
	for _, e := range sum.Errors {
		if e.Waiting {
			continue
		}
		asked++
		found := false
		for _, r := range offlineReasons {
			if strings.Contains(e.Err, r) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return asked > 0
}
