package feeds

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"parallax/store"
)

// Subscription is a feed to subscribe to, as an OPML file, a newsboat urls
// file or the default list names it.
type Subscription struct {
	URL     string
	Name    string   // the outlet's display name; empty when not given
	SiteURL string   // empty when not given
	Tags    []string // the OPML folders it sits in, or its newsboat tags
	// MaybeOwn says that Name may be the feed's own title rather than one
	// the user gave: an OPML file lists every feed under a title, and
	// readers export the feed's own where the user gave none.
	MaybeOwn bool
}

// Feed is the feed the library subscribes to for s, named by s.Name when
// it has one.
func (s Subscription) Feed() store.Feed {
	return store.Feed{URL: s.URL, Title: s.Name, Named: s.Name != "", MaybeOwn: s.MaybeOwn, SiteURL: s.SiteURL}
}

// ParseOPML reads the subscriptions in an OPML 1.0 or 2.0 document. Folders
// (outlines without a feed URL) may nest to any depth; a feed's folders
// become its tags, outermost first. A URL listed twice is kept once.
// Outlines whose URL is not a web or file URL are left out, and the error
// returned beside the subscriptions names them.
func ParseOPML(r io.Reader) ([]Subscription, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	var (
		subs     []Subscription
		folders  []string
		opened   []bool // per open outline: whether it pushed a folder
		seen     = map[string]bool{}
		root     = ""
		unusable []string // the URLs of the outlines left out
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if root == "" {
				return nil, fmt.Errorf("not an OPML document: %s", SanitizeLine(err.Error()))
			}
			return subs, fmt.Errorf("malformed OPML: %s", SanitizeLine(err.Error()))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if root == "" {
				root = name
				if name != "opml" {
					return nil, fmt.Errorf("not an OPML document (root element <%s>)", SanitizeLine(name))
				}
				continue
			}
			if name != "outline" {
				continue
			}
			o := outlineAttrs(t.Attr)
			feedURL := o["xmlurl"]
			if feedURL == "" && strings.EqualFold(o["type"], "rss") {
				feedURL = o["url"]
			}
			if feedURL == "" {
				folder := SanitizeLine(firstNonEmpty(o["title"], o["text"]))
				opened = append(opened, folder != "")
				if folder != "" {
					folders = append(folders, folder)
				}
				continue
			}
			opened = append(opened, false)
			var u string
			if isFeedURL(feedURL) {
				u, err = NormalizeURL(feedURL)
			}
			if u == "" || err != nil {
				unusable = append(unusable, strings.TrimSpace(feedURL))
				continue
			}
			if seen[u] {
				continue
			}
			seen[u] = true
			// An outline named by its own address (as readers export a
			// feed not yet fetched) has no name: the feed's own title
			// is given it when it is first fetched.
			title := SanitizeLine(firstNonEmpty(o["title"], o["text"]))
			if title == SanitizeLine(strings.TrimSpace(feedURL)) || title == u {
				title = ""
			}
			sub := Subscription{
				URL:      u,
				Name:     title,
				SiteURL:  resolveLink("", o["htmlurl"]),
				Tags:     append([]string(nil), folders...),
				MaybeOwn: title != "",
			}
			for _, c := range strings.Split(o["category"], ",") {
				if c = SanitizeLine(strings.Trim(c, " /")); c != "" && !contains(sub.Tags, c) {
					sub.Tags = append(sub.Tags, c)
				}
			}
			subs = append(subs, sub)
		case xml.EndElement:
			if strings.ToLower(t.Name.Local) == "outline" && len(opened) > 0 {
				if opened[len(opened)-1] {
					folders = folders[:len(folders)-1]
				}
				opened = opened[:len(opened)-1]
			}
		}
	}
	if root == "" {
		return nil, errors.New("not an OPML document (empty)")
	}
	if len(unusable) > 0 {
		return subs, notWebFeeds(unusable, "outline")
	}
	return subs, nil
}

// notWebFeeds is the error naming the entries of a list of subscriptions
// that were left out because they name no web feed: how many, and the
// first few, each quoted as written.
func notWebFeeds(left []string, noun string) error {
	quoted := make([]string, len(left))
	for i, e := range left {
		quoted[i] = strconv.Quote(SanitizeLine(clip(e, 80)))
	}
	return fmt.Errorf("left out %s whose URL is not a web feed: %s", plural(len(left), noun), joinFew(quoted, 3))
}

// joinFew joins the first n of items, saying how many more there are.
func joinFew(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

// isFeedURL reports whether an imported subscription is written as a URL
// with a scheme parallax fetches (see isFeedURLWord). A bare path in a file
// from elsewhere is not taken to mean a file on this machine.
func isFeedURL(s string) bool { return isFeedURLWord(strings.TrimSpace(s)) }

// outlineAttrs maps an outline's attributes by lower-cased name, since
// exporters disagree on xmlUrl, xmlurl and XMLURL.
func outlineAttrs(attrs []xml.Attr) map[string]string {
	m := make(map[string]string, len(attrs))
	for _, a := range attrs {
		k := strings.ToLower(a.Name.Local)
		if _, dup := m[k]; !dup {
			m[k] = strings.TrimSpace(a.Value)
		}
	}
	return m
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Version string        `xml:"version,attr"`
	Title   string        `xml:"head>title"`
	Created string        `xml:"head>dateCreated"`
	Body    []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	Type    string `xml:"type,attr"`
	Text    string `xml:"text,attr"`
	Title   string `xml:"title,attr,omitempty"`
	XMLURL  string `xml:"xmlUrl,attr"`
	HTMLURL string `xml:"htmlUrl,attr,omitempty"`
}

// WriteOPML writes feeds as an OPML 2.0 document, one flat outline of type
// rss per feed, in the form newsboat, nom and other readers import.
func WriteOPML(w io.Writer, feeds []store.Feed) error {
	doc := opmlDoc{
		Version: "2.0",
		Title:   "parallax subscriptions",
		Created: time.Now().UTC().Format(time.RFC1123Z),
	}
	for _, f := range feeds {
		title := SanitizeLine(f.Title)
		text := title
		if text == "" {
			text = SanitizeLine(f.URL)
		}
		doc.Body = append(doc.Body, opmlOutline{
			Type:    "rss",
			Text:    text,
			Title:   title,
			XMLURL:  SanitizeLine(f.URL),
			HTMLURL: SanitizeLine(f.SiteURL),
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	return nil
}
