package store

import (
	"strings"
	"time"

	"parallax/store/story"
)

// Feed is one subscription and what the last fetch of it learned.
type Feed struct {
	ID           int64
	URL          string // http, https or file URL
	Title        string
	SiteURL      string
	ETag         string
	LastModified string
	LastFetch    time.Time // zero when never fetched
	LastError    string    // empty when the last fetch succeeded
	RetryAfter   time.Time // the server asked not to be fetched before this; zero when it did not
	Articles     int       // number of articles this feed has brought in

	// Named is set when Title is a name the user gave the feed (an OPML
	// outline's, a newsboat urls file's "~name", the built-in list's),
	// which fetches leave as it is; otherwise each fetch takes the title
	// the feed gives. A title kept from a library that did not tell the
	// two apart reads as Named until a fetch finds the feed giving it.
	Named bool
	// MaybeOwn, beside Named, says that Title may as well be the feed's own
	// title as the user's: an OPML file lists every feed under a title,
	// whoever gave it. Such a title is kept as the user's until a fetch
	// finds the feed giving it, and then follows the feed.
	MaybeOwn bool
}

// Article is one piece of reporting from one outlet. Its identity is its
// GUID within a feed, else its URL; the same URL from two feeds is one article.
type Article struct {
	ID        int64
	FeedID    int64 // the feed that first brought it; 0 for imported files
	Source    string
	URL       string
	GUID      string
	Title     string
	Author    string
	Published time.Time // zero when the source gave no date
	Fetched   time.Time // when parallax first stored it
	Summary   string    // Markdown
	Content   string    // Markdown; the full text when FullText is set
	FullText  bool
	Read      bool
	StoryID   int64
	Evidence  string // JSON of the grouping decision that placed it in its story
	Image     string // the lead image's URL, from the article's page; read with the text
}

// Groupings says why each of a story's articles, arts, is in it, as one
// line: "Hegseth, NATO, Brussels; 2 h apart". It is empty for the article
// that started its story, and for a story's only article: it shares the
// story with no other, though its evidence may name articles since
// removed with their feed.
func Groupings(arts []Article) []string {
	out := make([]string, len(arts))
	if len(arts) < 2 {
		return out
	}
	for i, a := range arts {
		out[i] = parseEvidence(a.Evidence).String()
	}
	return out
}

// Time is the moment the article is placed at: its published time, else
// the time it was fetched.
func (a Article) Time() time.Time {
	if !a.Published.IsZero() {
		return a.Published
	}
	return a.Fetched
}

// Text is the best text the library has for the article: its full text
// or content when it has any, else its summary.
func (a Article) Text() string {
	if strings.TrimSpace(a.Content) != "" {
		return a.Content
	}
	return a.Summary
}

// HasText reports whether the article has any text besides its headline:
// a headline feed or an aggregator gives none, or its headline again.
func (a Article) HasText() bool {
	t := a.Text()
	return strings.TrimSpace(t) != "" && !story.Echoes(a.Title, t)
}

// Story is a group of articles that report the same event.
type Story struct {
	ID        int64
	Title     string
	FirstSeen time.Time
	Updated   time.Time // the time of its newest article
	Articles  []Article // headers only (no Summary/Content) unless asked for
	Count     int       // number of articles
	Sources   []string  // distinct source names, in order of first report
	Unread    int
	Saved     bool
	Evidence  string // JSON: shared terms and names that hold the story together
}

// FetchRecord is what one fetch of a feed reports back to the library.
type FetchRecord struct {
	When         time.Time
	Title        string // the feed's own title, when it gave one
	SiteURL      string
	ETag         string
	LastModified string
	MovedTo      string    // set after a permanent redirect: the feed's new URL
	Err          string    // empty on success
	RetryAfter   time.Time // when the server asked to be fetched again, if it did
}

// StoryQuery selects and orders stories, newest-updated first.
type StoryQuery struct {
	Limit        int // 0 means no limit
	Offset       int
	MinSources   int
	Query        string // words an article of the story must hold, in its text or its source's name; empty means all
	SavedOnly    bool
	WithArticles bool // fill Story.Articles with article headers
}

// SearchHit is one article found by a full-text search.
type SearchHit struct {
	Article Article
	StoryID int64
	Snippet string
}

// AddResult counts what one batch of articles changed.
type AddResult struct {
	Added   int
	Updated int
}
