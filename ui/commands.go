package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"

	"parallax/store"
)

// Messages carrying the results of background work back to Update. Each is
// routed by type to the pane that asked for it.
type (
	// storiesLoadedMsg is one page of the story list, or a whole reload
	// when offset is 0.
	storiesLoadedMsg struct {
		gen     int
		offset  int
		limit   int
		stories []store.Story
		noFeeds bool // the library has no stories and no feeds at all
		err     error
	}

	// headlinesLoadedMsg brings the headlines of stories of the list, for
	// the filter.
	headlinesLoadedMsg struct {
		byStory map[int64][]string
		err     error
	}

	// storyArticlesMsg brings the articles of the story the reader opened.
	storyArticlesMsg struct {
		storyID  int64
		articles []store.Article
		err      error
	}

	// renderedMsg is one article rendered by Glamour for one width and theme.
	renderedMsg struct {
		key   renderKey
		lines []string
		err   error
	}

	// readSetMsg reports that an article's read state was written.
	readSetMsg struct {
		storyID   int64
		articleID int64
		read      bool
		err       error
	}

	// storyReadMsg reports that every article of a story was marked read
	// or unread.
	storyReadMsg struct {
		storyID int64
		read    bool
		err     error
	}

	// savedMsg reports that a story was saved or unsaved.
	savedMsg struct {
		storyID int64
		saved   bool
		err     error
	}

	// feedsLoadedMsg brings the subscriptions for the feeds screen.
	feedsLoadedMsg struct {
		feeds []store.Feed
		err   error
	}

	// feedAddedMsg reports a subscription made from the add prompt.
	feedAddedMsg struct {
		feed  store.Feed
		known bool // subscribed already
		err   error
	}

	// feedRemovedMsg reports an unsubscription.
	feedRemovedMsg struct {
		url string
		err error
	}

	// subscribedMsg reports the welcome screen's default feeds or
	// subscriptions import: n feeds added, or err; note names what was
	// left out of an import that added some.
	subscribedMsg struct {
		n    int
		err  error
		note error
	}

	// sampleOpenedMsg brings the sample library to swap in.
	sampleOpenedMsg struct {
		lib Library
		err error
	}

	// browserMsg reports that the browser was started (or why not).
	browserMsg struct {
		url string
		err error
	}

	// refreshTickMsg is the periodic refresh's alarm.
	refreshTickMsg struct{ at time.Time }

	// refreshCheckMsg asks, soon after opening, whether a refresh is due.
	refreshCheckMsg struct{}

	// refreshDueMsg says how long until the first periodic refresh.
	refreshDueMsg struct{ in time.Duration }

	// refreshProgressMsg reports feeds done so far in a running refresh.
	refreshProgressMsg struct {
		id                 int
		done, total, added int
	}

	// refreshDoneMsg ends a refresh.
	refreshDoneMsg struct {
		id      int
		summary RefreshSummary
		err     error
	}

	// openStoryMsg asks the root to open a story in the reader.
	openStoryMsg struct{ story store.Story }

	// refreshFeedsMsg asks the root to refresh some feeds.
	refreshFeedsMsg struct{ urls []string }
)

func loadHeadlines(ctx context.Context, lib Library, ids []int64) tea.Cmd {
	return func() tea.Msg {
		byStory, err := lib.StoryHeadlines(ctx, ids)
		return headlinesLoadedMsg{byStory: byStory, err: err}
	}
}

func loadStories(ctx context.Context, lib Library, gen, offset, limit int) tea.Cmd {
	return func() tea.Msg {
		stories, err := lib.Stories(ctx, store.StoryQuery{Limit: limit, Offset: offset})
		msg := storiesLoadedMsg{gen: gen, offset: offset, limit: limit, stories: stories, err: err}
		if err != nil {
			msg.err = fmt.Errorf("load stories: %w", err)
			return msg
		}
		if offset == 0 && len(stories) == 0 {
			feeds, err := lib.Feeds(ctx)
			if err != nil {
				msg.err = fmt.Errorf("load feeds: %w", err)
				return msg
			}
			msg.noFeeds = len(feeds) == 0
		}
		return msg
	}
}

func loadStoryArticles(ctx context.Context, lib Library, storyID int64) tea.Cmd {
	return func() tea.Msg {
		arts, err := lib.StoryArticles(ctx, storyID)
		if err != nil {
			err = fmt.Errorf("load story %d: %w", storyID, err)
		}
		return storyArticlesMsg{storyID: storyID, articles: arts, err: err}
	}
}

// articleMovedMsg says which story an article that left the open story is
// in now.
type articleMovedMsg struct {
	articleID int64
	story     store.Story
	err       error
}

// from reports whether the move is of article a, shown (ok) in story
// storyID, to a story other than that one: the check each pane makes
// before it follows the article it shows.
func (m articleMovedMsg) from(a store.Article, ok bool, storyID int64) bool {
	return ok && m.err == nil && a.ID == m.articleID && m.story.ID != storyID
}

// movedAway reports whether article id is no longer in the story on show,
// by what a refresh read of it again: the story is gone (err not found:
// merged into another), or holds reports that it is not among its
// articles. Any other error says nothing of where the article is.
func movedAway(id int64, err error, holds func(id int64) bool) bool {
	if err != nil {
		return errors.Is(err, store.ErrNotFound)
	}
	return !holds(id)
}

// followArticle looks up the story article articleID is in now.
func followArticle(ctx context.Context, lib Library, articleID int64) tea.Cmd {
	return func() tea.Msg {
		s, err := lib.StoryOf(ctx, articleID)
		return articleMovedMsg{articleID: articleID, story: s, err: err}
	}
}

func setRead(ctx context.Context, lib Library, storyID, articleID int64, read bool) tea.Cmd {
	return func() tea.Msg {
		err := lib.SetRead(ctx, articleID, read)
		return readSetMsg{storyID: storyID, articleID: articleID, read: read, err: err}
	}
}

func setStoryRead(ctx context.Context, lib Library, storyID int64, read bool) tea.Cmd {
	return func() tea.Msg {
		err := lib.SetStoryRead(ctx, storyID, read)
		return storyReadMsg{storyID: storyID, read: read, err: err}
	}
}

func setSaved(ctx context.Context, lib Library, storyID int64, saved bool) tea.Cmd {
	return func() tea.Msg {
		err := lib.SetSaved(ctx, storyID, saved)
		return savedMsg{storyID: storyID, saved: saved, err: err}
	}
}

func loadFeeds(ctx context.Context, lib Library) tea.Cmd {
	return func() tea.Msg {
		feeds, err := lib.Feeds(ctx)
		if err != nil {
			err = fmt.Errorf("load feeds: %w", err)
		}
		return feedsLoadedMsg{feeds: feeds, err: err}
	}
}

func addFeed(ctx context.Context, lib Library, discover func(context.Context, string) (store.Feed, error), raw string) tea.Cmd {
	return func() tea.Msg {
		target := strings.TrimSpace(raw)
		f := store.Feed{URL: target}
		if discover != nil {
			found, err := discover(ctx, target)
			if err != nil {
				if Reason(target, err.Error()) != err.Error() {
					return feedAddedMsg{err: fmt.Errorf("add %w", err)} // it names the address
				}
				return feedAddedMsg{err: fmt.Errorf("add %s: %w", target, err)}
			}
			f = found
		}
		added, isNew, err := lib.Subscribe(ctx, f)
		if err != nil {
			return feedAddedMsg{err: fmt.Errorf("add %s: %w", f.URL, err)}
		}
		return feedAddedMsg{feed: added, known: !isNew}
	}
}

func removeFeed(ctx context.Context, lib Library, u string) tea.Cmd {
	return func() tea.Msg {
		err := lib.RemoveFeed(ctx, u)
		if err != nil {
			err = fmt.Errorf("remove %s: %w", u, err)
		}
		return feedRemovedMsg{url: u, err: err}
	}
}

// subscribeAll subscribes to feeds (what lists them, for errors), as the
// welcome screen does with the default feeds or a subscriptions file. It succeeds
// when at least one feed was added, and notes the first thing left out.
func subscribeAll(ctx context.Context, lib Library, what string, list func() ([]store.Feed, error)) tea.Cmd {
	return func() tea.Msg {
		feeds, first := list()
		if first != nil {
			first = fmt.Errorf("%s: %w", what, first)
		}
		if len(feeds) == 0 {
			if first == nil {
				first = fmt.Errorf("%s: no feeds found", what)
			}
			return subscribedMsg{err: first}
		}
		added := 0
		for _, f := range feeds {
			if _, _, err := lib.Subscribe(ctx, f); err != nil {
				if first == nil {
					first = fmt.Errorf("%s: add %s: %w", what, f.URL, err)
				}
				continue
			}
			added++
		}
		if added == 0 {
			return subscribedMsg{err: first}
		}
		return subscribedMsg{n: added, note: first}
	}
}

func openSample(fn func() (Library, error)) tea.Cmd {
	return func() tea.Msg {
		lib, err := fn()
		if err != nil {
			err = fmt.Errorf("open sample library: %w", err)
		}
		return sampleOpenedMsg{lib: lib, err: err}
	}
}

// render turns an article's Markdown into lines for the reader. It runs in
// a command because Glamour is far too slow for Update or View.
func render(key renderKey, markdown string, style ansi.StyleConfig) tea.Cmd {
	return func() tea.Msg {
		r, err := glamour.NewTermRenderer(glamour.WithStyles(style), glamour.WithWordWrap(key.width))
		if err != nil {
			return renderedMsg{key: key, err: fmt.Errorf("render article %d: %w", key.articleID, err)}
		}
		out, err := r.Render(cleanBlock(markdown))
		if err != nil {
			return renderedMsg{key: key, err: fmt.Errorf("render article %d: %w", key.articleID, err)}
		}
		out = strings.TrimRight(dropHyperlinks(out), "\n ")
		lines := strings.Split(strings.TrimLeft(out, "\n"), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(l, " ")
		}
		return renderedMsg{key: key, lines: lines}
	}
}

// openInBrowser starts the user's browser on an http or https link without
// waiting for it: Start in the command, Wait in a goroutine of its own.
func openInBrowser(opener func(string) error, link string) tea.Cmd {
	return func() tea.Msg {
		if link == "" {
			return browserMsg{err: errors.New("this article has no link to open")}
		}
		u, err := url.Parse(link)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return browserMsg{url: link, err: fmt.Errorf("open %q: not an http or https link", clean(link))}
		}
		link = u.String()
		if opener == nil {
			opener = startBrowser
		}
		if err := opener(link); err != nil {
			return browserMsg{url: link, err: fmt.Errorf("open %s: %w", link, err)}
		}
		return browserMsg{url: link}
	}
}

// openStoryInBrowser opens the article of story s whose headline the story
// carries, the one the list shows, else its first article.
func openStoryInBrowser(ctx context.Context, lib Library, opener func(string) error, s store.Story) tea.Cmd {
	return func() tea.Msg {
		arts, err := lib.StoryArticles(ctx, s.ID)
		if err != nil {
			return browserMsg{err: fmt.Errorf("open story %d: %w", s.ID, err)}
		}
		if len(arts) == 0 {
			return browserMsg{err: fmt.Errorf("open story %d: it has no articles", s.ID)}
		}
		a := arts[0]
		for _, b := range arts {
			if b.Title == s.Title {
				a = b
				break
			}
		}
		return openInBrowser(opener, a.URL)()
	}
}

func startBrowser(link string) error {
	var argv []string
	browser := os.Getenv("BROWSER")
	if browser != "" {
		first := strings.Split(browser, string(os.PathListSeparator))[0]
		argv = strings.Fields(first)
		subst := false
		for i, a := range argv {
			if strings.Contains(a, "%s") {
				argv[i] = strings.ReplaceAll(a, "%s", link)
				subst = true
			}
		}
		if !subst {
			argv = append(argv, link)
		}
	} else if runtime.GOOS == "darwin" {
		argv = []string{"open", link}
	} else {
		argv = []string{"xdg-open", link}
	}
	if len(argv) == 0 {
		return errors.New("$BROWSER is blank")
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	if err := cmd.Start(); err != nil {
		if !errors.Is(err, exec.ErrNotFound) {
			return err
		}
		if browser != "" {
			return fmt.Errorf("$BROWSER names %s, which is not installed", clean(argv[0]))
		}
		return fmt.Errorf("%s is not installed; set $BROWSER to the browser to use", argv[0])
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
