package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"parallax/store"
)

// feedTypes are the link types autodiscovery accepts.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
}

// maxCandidates is how many of the feeds a page links to are tried before
// giving up on it: real pages link one to three, and a page that links
// hundreds must not cost hundreds of requests.
const maxCandidates = 4

// Discover finds the feed behind raw with a Fetcher of default limits; see
// (*Fetcher).Discover.
func Discover(ctx context.Context, raw string) (string, error) {
	return NewFetcher("").Discover(ctx, raw)
}

// DiscoverFeed finds the feed behind raw as Discover does, with a Fetcher
// of default limits, and reads it; see (*Fetcher).DiscoverFeed.
func DiscoverFeed(ctx context.Context, raw string) (store.Feed, error) {
	return NewFetcher("").DiscoverFeed(ctx, raw)
}

// DiscoverFeed finds the feed to subscribe to for raw. When raw serves a
// feed, that feed is the answer, with its own title and site, from one
// request. When raw is a page, the feeds it links to are fetched in the
// page's order and the first that reads as a feed is the answer, so that a
// link to a missing feed, or back to the page, is never subscribed to, and
// the subscription starts with the feed's title. It fails when none of
// them works, naming the page asked for and the first feed's error. A
// server that asks to be left alone for a while (429 or 503 with
// Retry-After) is not a failure: the answer is its address with RetryAfter
// set, to subscribe to now and fetch once the wait is over, as a feed
// reader that already followed it would.
func (f *Fetcher) DiscoverFeed(ctx context.Context, raw string) (store.Feed, error) {
	found, err := f.findFeed(ctx, raw)
	if err != nil {
		if until := retryAt(err); !until.IsZero() {
			u, _ := NormalizeURL(raw) // findFeed got this far: raw reads as a URL
			return store.Feed{URL: u, RetryAfter: until}, nil
		}
		return store.Feed{}, err
	}
	if found.page == "" {
		return found.feed, nil
	}
	links := found.links
	tried := links[:min(len(links), maxCandidates)]
	var first error
	var waiting store.Feed
	for _, link := range tried {
		r := f.Fetch(ctx, store.Feed{URL: link})
		if r.Err == nil {
			return fetchedFeed(link, r.Record), nil
		}
		if first == nil {
			first = r.Err
		}
		if until := retryAt(r.Err); !until.IsZero() && waiting.URL == "" {
			waiting = store.Feed{URL: link, RetryAfter: until}
		}
		if ctx.Err() != nil {
			break
		}
	}
	if waiting.URL != "" && ctx.Err() == nil {
		return waiting, nil
	}
	reason := fmt.Sprintf("none of the %d feeds it links to could be read", len(tried))
	switch {
	case len(links) == 1:
		reason = "the feed it links to could not be read"
	case len(tried) < len(links):
		reason = fmt.Sprintf("none of the first %d of the %d feeds it links to could be read", len(tried), len(links))
	}
	return store.Feed{}, fail(found.page, reason+" ("+first.Error()+")", first)
}

// retryAt is when the server that refused with err asked to be tried
// again; zero when err is not such a refusal.
func retryAt(err error) time.Time {
	var ferr *FetchError
	if errors.As(err, &ferr) {
		return ferr.RetryAfter
	}
	return time.Time{}
}

// fetchedFeed is the subscription to the feed at u that a fetch recorded
// as rec: under the address it has moved to, if it has, and with its own
// title and site.
func fetchedFeed(u string, rec store.FetchRecord) store.Feed {
	feed := store.Feed{URL: u, Title: rec.Title, SiteURL: rec.SiteURL}
	if rec.MovedTo != "" {
		feed.URL = rec.MovedTo
	}
	return feed
}

// Discover finds the address of the feed behind what a person gave to
// subscribe to, with one request and without reading the feed a page links
// to. When raw (a URL, a bare host and path, or a local path) serves a
// feed, it is the answer, with any permanent redirect applied; when it
// serves a web page, the answer is the first of the page's <link
// rel="alternate"> of an RSS, Atom or JSON Feed type, resolved against the
// page, that is not the page itself. Anything else is an error naming raw
// and what it served.
func (f *Fetcher) Discover(ctx context.Context, raw string) (string, error) {
	found, err := f.findFeed(ctx, raw)
	if found.page != "" {
		return found.links[0], err
	}
	return found.feed.URL, err
}

// found is what the address a person gave to subscribe to served: a feed,
// or a page that links to feeds.
type found struct {
	feed  store.Feed // the feed served, with its own title and site
	page  string     // the page served instead, as its address was asked for
	links []string   // the feeds the page links to, in its order; never empty
}

// findFeed reads raw once and tells the feed it serves, or the page it
// serves and the feeds that page links to. A page that links to no feed
// but itself is an error.
func (f *Fetcher) findFeed(ctx context.Context, raw string) (found, error) {
	f.init()
	u, err := NormalizeURL(raw)
	if err != nil {
		return found{}, err
	}
	var (
		data        []byte
		contentType string
		base        = u
		moved       = u
	)
	if path, ok := localPath(u); ok {
		if data, err = readFileCapped(path, f.MaxBytes); err != nil {
			return found{}, fail(path, fileReason(err, f.MaxBytes), err)
		}
	} else {
		release, err := f.acquire(ctx, hostOf(u))
		if err != nil {
			return found{}, fail(u, ctxReason(err, 0), err)
		}
		body, resp, st, ferr := f.get(ctx, u, "", "")
		release()
		if ferr != nil {
			return found{}, ferr
		}
		defer putBuffer(body)
		data = body.Bytes()
		contentType = resp.Header.Get("Content-Type")
		base = resp.Request.URL.String()
		if st.moved != "" {
			moved = st.moved
		}
	}
	doc, perr := parseFeed(data, contentType, base)
	if perr == nil {
		return found{feed: store.Feed{URL: SanitizeLine(moved), Title: plainLine(doc.Title), SiteURL: resolveLink(base, doc.Link)}}, nil
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "text/html" || mt == "application/xhtml+xml" || looksLikeHTML(data) {
		all := feedLinks(data, base)
		links := withoutPage(all, u, base)
		switch {
		case len(links) > 0:
			return found{page: SanitizeLine(u), links: links}, nil
		case len(all) > 0:
			return found{}, fail(u, "no feed found (the page's feed link leads back to the page)", nil)
		}
		return found{}, fail(u, "no feed found (the page links to none)", nil)
	}
	return found{}, fail(u, perr.Error(), perr)
}

// withoutPage is links without those that name the page itself, asked for
// as asked and reached as reached: a page whose feed link points back at
// it (a template's empty or wrong href) has no feed there.
func withoutPage(links []string, asked, reached string) []string {
	var out []string
	for _, l := range links {
		if !samePage(l, asked) && !samePage(l, reached) {
			out = append(out, l)
		}
	}
	return out
}

// samePage reports whether URLs a and b name the same document: one
// address once each is written the way a subscription is (see
// NormalizeURL), which drops a fragment.
func samePage(a, b string) bool {
	na, errA := NormalizeURL(a)
	nb, errB := NormalizeURL(b)
	if errA != nil || errB != nil {
		return a == b
	}
	return na == nb
}

// feedLinks returns the feeds a page links to as alternates, in the page's
// order and each once, resolved against the page's <base> or else its
// address.
func feedLinks(page []byte, pageURL string) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	base, _ := url.Parse(pageURL)
	local := base != nil && base.Scheme == "file"
	var links []string
	seen := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Base:
				if href, ok := attr(n, "href"); ok && base != nil {
					if b, err := base.Parse(strings.TrimSpace(href)); err == nil {
						base = b
					}
				}
			case atom.Link:
				if href, ok := feedHref(n); ok {
					if link := resolveFeedURL(base, href, local); link != "" && !seen[link] {
						seen[link] = true
						links = append(links, link)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return links
}

// feedHref is the address of a <link> that names an alternate of a feed
// type, and whether it is one.
func feedHref(n *html.Node) (string, bool) {
	rel, _ := attr(n, "rel")
	typ, _ := attr(n, "type")
	href, _ := attr(n, "href")
	mt, _, _ := mime.ParseMediaType(typ)
	ok := hasToken(rel, "alternate") && feedTypes[strings.ToLower(mt)] && strings.TrimSpace(href) != ""
	return href, ok
}

// resolveFeedURL resolves href against base, keeping web URLs, and file
// URLs when local: a page on the web must not lead the reader to read a
// file of the user's own.
func resolveFeedURL(base *url.URL, href string, local bool) string {
	r, err := url.Parse(SanitizeLine(href))
	if err != nil {
		return ""
	}
	if base != nil {
		r = base.ResolveReference(r)
	}
	switch r.Scheme {
	case "http", "https":
		if r.Host == "" {
			return ""
		}
	case "file":
		if !local {
			return ""
		}
	default:
		return ""
	}
	return SanitizeLine(r.String())
}

// hasToken reports whether a space-separated attribute value holds tok.
func hasToken(list, tok string) bool {
	for _, t := range strings.Fields(list) {
		if strings.EqualFold(t, tok) {
			return true
		}
	}
	return false
}
