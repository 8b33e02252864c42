package ui

import (
	"context"
	"time"

	"parallax/store"
)

// Library is what the reader needs from the store: no more, so that a fake
// is easy to write. *store.Store satisfies it.
type Library interface {
	Stories(ctx context.Context, q store.StoryQuery) ([]store.Story, error)
	// CountStories counts the stories Stories lists with no filter, all
	// its pages, for the list's title.
	CountStories(ctx context.Context) (int, error)
	StoryArticles(ctx context.Context, id int64) ([]store.Article, error)
	// StoryHeadlines are the headlines of each story's articles, which
	// the list's filter searches besides the stories' titles.
	StoryHeadlines(ctx context.Context, ids []int64) (map[int64][]string, error)
	// StoriesMatching are the stories an article of which holds every
	// word of q in its text (a trailing * takes the words that start
	// so), for the filter, which reads titles and sources itself.
	StoriesMatching(ctx context.Context, q string) ([]int64, error)
	// StoryOf is the story an article is in now: grouping may move an
	// article to another story while it is open.
	StoryOf(ctx context.Context, articleID int64) (store.Story, error)
	// SetRead, SetStoryRead and SetSaved change what the reader marks;
	// their errors say what they failed to do and to which article or
	// story, as the status bar shows them.
	SetRead(ctx context.Context, articleID int64, read bool) error
	SetStoryRead(ctx context.Context, storyID int64, read bool) error
	SetSaved(ctx context.Context, storyID int64, saved bool) error
	Feeds(ctx context.Context) ([]store.Feed, error)
	// Subscribe adds a feed, or finds it subscribed already (isNew false).
	Subscribe(ctx context.Context, f store.Feed) (feed store.Feed, isNew bool, err error)
	RemoveFeed(ctx context.Context, url string) error
}

// RefreshSummary is what one refresh of the feeds reports back.
type RefreshSummary struct {
	Feeds  int      // feeds fetched
	Failed int      // feeds whose fetch failed
	Added  int      // new articles stored
	Errors []string // one line per failed feed, naming it
	// Waiting counts the feeds left alone, as their servers asked, until
	// a later refresh: not failures, and not among Errors.
	Waiting int
	// Offline says every feed failed to reach its host: the network is
	// down, and the reader says so rather than listing the failures.
	Offline bool
}

// RefreshFunc fetches the given feeds (nil means all of them) into the
// library, calling progress as feeds finish. It runs off the UI goroutine;
// progress may be called from any goroutine.
type RefreshFunc func(ctx context.Context, feedURLs []string, progress func(done, total, added int)) (RefreshSummary, error)

// Options are what the caller wires into the reader: configuration, and the
// work the reader cannot do itself because it lives in other packages.
type Options struct {
	// Config is the user's configuration (theme, refresh interval, keys).
	Config Config
	// ConfigPath is where Config came from; help tells the user to rebind
	// keys there.
	ConfigPath string
	// Version is shown on the welcome screen.
	Version string

	// Refresh fetches feeds into the library; nil turns refreshing off.
	Refresh RefreshFunc

	// FullText fetches the full text of the articles a query selects into
	// the library (see Config.FullText for when it is asked); nil turns
	// fetching full text off.
	FullText FullTextFunc

	// Discover turns what the user typed when adding a feed (a feed URL or a
	// page URL) into the feed to subscribe to. Nil subscribes to the URL as typed.
	Discover func(ctx context.Context, url string) (store.Feed, error)

	// Defaults lists the built-in default feeds, for the welcome screen to
	// subscribe to. Nil hides the choice.
	Defaults func() []store.Feed

	// ImportSubscriptions reads the feeds of an OPML or newsboat urls file,
	// for the welcome screen to subscribe to; an error beside feeds names
	// what it had to leave out. It runs off the UI goroutine. Nil hides the
	// choice.
	ImportSubscriptions func(path string) ([]store.Feed, error)

	// OpenSample opens the built-in sample library in place of the user's;
	// refreshing is off in it. It runs off the UI goroutine. Nil hides the
	// choice on the welcome screen.
	OpenSample func() (Library, error)

	// Sample says the library given is the built-in sample library, as
	// OpenSample would open it: it neither refreshes nor takes feeds.
	Sample bool

	// ReadOnly says why the library can be read but not changed (its file
	// or its folder cannot be written), or is empty. The reader then
	// neither refreshes nor marks, saves or subscribes, and says why when
	// asked to.
	ReadOnly string

	// OpenURL opens a link outside the terminal. Nil uses $BROWSER, else
	// xdg-open or open; a browser that draws in the terminal (lynx, w3m,
	// links, ...) is given the terminal until it exits.
	OpenURL func(url string) error

	// Now is the clock used for relative times; nil means time.Now.
	Now func() time.Time

	// GlamourStyle names one of Glamour's standard styles ("ascii", "notty",
	// ...) to render articles with instead of the theme's own; tests use
	// "ascii" so that screens are the same everywhere.
	GlamourStyle string

	// PageSize is how many stories are read at a time; 0 means 200.
	PageSize int
}
