package feeds

import (
	"bytes"
	"context"
	"mime"
	"net/url"
	"strings"

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

// Discover finds the feed behind raw with a Fetcher of default limits; see
// (*Fetcher).Discover.
func Discover(ctx context.Context, raw string) (string, error) {
	return NewFetcher("").Discover(ctx, raw)
}

// FindFeed finds the feed behind raw with a Fetcher of default limits; see
// (*Fetcher).FindFeed.
func FindFeed(ctx context.Context, raw string) (store.Feed, error) {
	return NewFetcher("").FindFeed(ctx, raw)
}

// DiscoverFeed finds the feed behind raw as Discover does, with a Fetcher
// of default limits, and reads it; see (*Fetcher).DiscoverFeed.
func DiscoverFeed(ctx context.Context, raw string) (store.Feed, error) {
	return NewFetcher("").DiscoverFeed(ctx, raw)
}

// DiscoverFeed finds the feed behind raw as FindFeed does and, when raw
// was a page, fetches the feed it links to, so that a subscription starts
// from a feed known to work and carries the feed's own title and site.
func (f *Fetcher) DiscoverFeed(ctx context.Context, raw string) (store.Feed, error) {
	found, direct, err := f.findFeed(ctx, raw)
	if err != nil || direct {
		return found, err
	}
	u := found.URL
	r := f.Fetch(ctx, store.Feed{URL: u})
	if r.Err != nil {
		return store.Feed{}, r.Err
	}
	feed := store.Feed{URL: u, Title: r.Record.Title, SiteURL: r.Record.SiteURL}
	if r.Record.MovedTo != "" {
		feed.URL = r.Record.MovedTo
	}
	return feed, nil
}

// Discover finds the feed behind what a person gave to subscribe to. When
// raw (a URL, a bare host and path, or a local path) serves a feed, it is
// the answer, with any permanent redirect applied; when it serves a web
// page, the answer is the page's first <link rel="alternate"> of an RSS,
// Atom or JSON Feed type, resolved against the page. Anything else is an
// error naming raw and what it served.
func (f *Fetcher) Discover(ctx context.Context, raw string) (string, error) {
	feed, err := f.FindFeed(ctx, raw)
	return feed.URL, err
}

// FindFeed finds the feed behind raw as Discover does, with one request.
// When raw serves the feed itself, the feed it returns carries the
// feed's own title and site; a feed a page links to is not asked for, and
// is known by its address alone until it is fetched.
func (f *Fetcher) FindFeed(ctx context.Context, raw string) (store.Feed, error) {
	feed, _, err := f.findFeed(ctx, raw)
	return feed, err
}

// findFeed is FindFeed, and whether raw served the feed itself rather than
// a page that links to it.
func (f *Fetcher) findFeed(ctx context.Context, raw string) (feed store.Feed, direct bool, err error) {
	f.init()
	u, err := NormalizeURL(raw)
	if err != nil {
		return store.Feed{}, false, err
	}
	var (
		data        []byte
		contentType string
		base        = u
		found       = u
	)
	if path, ok := localPath(u); ok {
		if data, err = readFileCapped(path, f.MaxBytes); err != nil {
			return store.Feed{}, false, fail(path, fileReason(err, f.MaxBytes), err)
		}
	} else {
		release, err := f.acquire(ctx, hostOf(u))
		if err != nil {
			return store.Feed{}, false, fail(u, ctxReason(err, 0), err)
		}
		body, resp, st, ferr := f.get(ctx, u, "", "")
		release()
		if ferr != nil {
			return store.Feed{}, false, ferr
		}
		defer putBuffer(body)
		data = body.Bytes()
		contentType = resp.Header.Get("Content-Type")
		base = resp.Request.URL.String()
		if st.moved != "" {
			found = st.moved
		}
	}
	doc, perr := parseFeed(data, contentType)
	if perr == nil {
		return store.Feed{URL: SanitizeLine(found), Title: plainLine(doc.Title), SiteURL: resolveLink(base, doc.Link)}, true, nil
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "text/html" || mt == "application/xhtml+xml" || looksLikeHTML(data) {
		if link := feedLink(data, base); link != "" {
			return store.Feed{URL: link}, false, nil
		}
		return store.Feed{}, false, fail(u, "no feed found (the page links to none)", nil)
	}
	return store.Feed{}, false, fail(u, perr.Error(), perr)
}

// feedLink returns the first feed a page links to as an alternate, resolved
// against the page's <base> or else its address, or "".
func feedLink(page []byte, pageURL string) string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return ""
	}
	base, _ := url.Parse(pageURL)
	local := base != nil && base.Scheme == "file"
	var link string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Base:
				if href, ok := attr(n, "href"); ok && base != nil {
					if b, err := base.Parse(strings.TrimSpace(href)); err == nil {
						base = b
					}
				}
			case atom.Link:
				rel, _ := attr(n, "rel")
				typ, _ := attr(n, "type")
				href, _ := attr(n, "href")
				mt, _, _ := mime.ParseMediaType(typ)
				if hasToken(rel, "alternate") && feedTypes[strings.ToLower(mt)] && strings.TrimSpace(href) != "" {
					link = resolveFeedURL(base, href, local)
					if link != "" {
						return true
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(doc)
	return link
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
