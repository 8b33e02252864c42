package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
	xansi "github.com/charmbracelet/x/ansi"

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

	// storiesCountedMsg brings the number of stories in the library, for
	// the list of generation gen.
	storiesCountedMsg struct {
		gen int
		n   int
		err error
	}

	// headlinesLoadedMsg brings the headlines of stories of the list, for
	// the filter: of the rows of generation gen.
	headlinesLoadedMsg struct {
		gen     int
		byStory map[int64][]string
		err     error
	}

	// textMatchesMsg brings the stories of the list of generation gen
	// whose articles' text holds the filter needle.
	textMatchesMsg struct {
		gen    int
		needle string
		ids    []int64
		err    error
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

	// browserMsg reports that a browser was started (or why not), or that
	// a browser run in the terminal has exited.
	browserMsg struct {
		url     string
		back    string          // the browser in the terminal that has exited
		started *startedBrowser // a browser started in the background
		err     error
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

func loadHeadlines(ctx context.Context, lib Library, gen int, ids []int64) tea.Cmd {
	return func() tea.Msg {
		byStory, err := lib.StoryHeadlines(ctx, ids)
		return headlinesLoadedMsg{gen: gen, byStory: byStory, err: err}
	}
}

// findInText asks which stories hold needle, a filter as typed, in their
// articles' text. Its last word, unless a space ends it, may be a word
// still being typed, and is taken as the start of one once it has
// minPrefix letters: fewer start too many words ("fro", "from").
func findInText(ctx context.Context, lib Library, gen int, needle string) tea.Cmd {
	q := needle
	if words := strings.Fields(q); !strings.HasSuffix(q, " ") && len([]rune(words[len(words)-1])) >= minPrefix {
		q += "*"
	}
	return func() tea.Msg {
		ids, err := lib.StoriesMatching(ctx, q)
		return textMatchesMsg{gen: gen, needle: needle, ids: ids, err: err}
	}
}

// minPrefix is the fewest letters of a word being typed that the filter
// searches the text for as the start of a word.
const minPrefix = 4

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

func countStories(ctx context.Context, lib Library, gen int) tea.Cmd {
	return func() tea.Msg {
		n, err := lib.CountStories(ctx)
		return storiesCountedMsg{gen: gen, n: n, err: err}
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
		out, err := renderMarkdown(cleanBlock(markdown), key.width, style)
		if err != nil {
			return renderedMsg{key: key, err: fmt.Errorf("render article %d: %w", key.articleID, err)}
		}
		out = strings.TrimRight(dropHyperlinks(out), "\n ")
		lines := strings.Split(strings.TrimLeft(out, "\n"), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(l, " ")
		}
		return renderedMsg{key: key, lines: fitWidth(lines, key.width)}
	}
}

// fitWidth wraps each line wider than width, so that none runs past the
// pane. Glamour draws some things at a fixed width whatever the room, as a
// rule's eight columns, and in a pane narrower than the marks of the
// blocks around a text even one letter has no room beside them. A piece
// that wrapping at spaces and punctuation leaves too wide, as a run of
// hyphens, which the wrapper never cuts, is cut at the width.
func fitWidth(lines []string, width int) []string {
	if width <= 0 {
		return lines
	}
	for i := 0; i < len(lines); i++ {
		if widthOf(lines[i]) <= width {
			continue
		}
		var fitted []string
		for _, l := range strings.Split(lipgloss.Wrap(lines[i], width, wrapBreaks), "\n") {
			if widthOf(l) > width {
				l = xansi.Hardwrap(l, width, true)
			}
			fitted = append(fitted, strings.Split(l, "\n")...)
		}
		lines = slices.Replace(lines, i, i+1, fitted...)
		i += len(fitted) - 1
	}
	return lines
}

// openInBrowser opens an http or https link in the user's browser. A
// browser that draws in the terminal (lynx, w3m, ...) is given it: the
// reader steps aside until it exits. Any other is started without waiting
// for it, and waitBrowser reports it if it fails at once.
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
		if opener != nil {
			if err := opener(link); err != nil {
				return browserMsg{url: link, err: fmt.Errorf("open %s: %w", link, err)}
			}
			return browserMsg{url: link}
		}
		b, err := browserFor(link)
		if err != nil {
			return browserMsg{url: link, err: fmt.Errorf("open %s: %w", link, err)}
		}
		if b.terminal {
			c := exec.Command(b.argv[0], b.argv[1:]...)
			if c.Err != nil {
				return browserMsg{url: link, err: fmt.Errorf("open %s: %w", link, b.startErr(c.Err))}
			}
			return tea.ExecProcess(c, func(err error) tea.Msg {
				if err != nil {
					return browserMsg{url: link, err: fmt.Errorf("open %s: %w", link, b.exitErr(err))}
				}
				return browserMsg{url: link, back: b.name()}
			})()
		}
		c, err := b.start()
		if err != nil {
			return browserMsg{url: link, err: fmt.Errorf("open %s: %w", link, err)}
		}
		return browserMsg{url: link, started: &startedBrowser{b: b, cmd: c, at: time.Now()}}
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

// browser is the command that opens a link, as $BROWSER names it or else
// the system's opener.
type browser struct {
	argv     []string
	fromEnv  bool // $BROWSER named it
	terminal bool // it draws in the terminal it is started from
}

// browserFor is the browser that opens link: the first installed of the
// browsers $BROWSER lists (a window's browser, then a text one for when
// there is no window, "firefox:lynx"), else the first it lists, its %s
// replaced by link or else link added after it; with $BROWSER unset,
// xdg-open, or open on macOS.
func browserFor(link string) (browser, error) {
	var b browser
	if env := os.Getenv("BROWSER"); env != "" {
		b.fromEnv = true
		b.argv = listedBrowser(env)
		if len(b.argv) == 0 {
			return b, errors.New("$BROWSER is blank")
		}
		subst := false
		for i, a := range b.argv {
			if strings.Contains(a, "%s") {
				b.argv[i] = strings.ReplaceAll(a, "%s", link)
				subst = true
			}
		}
		if !subst {
			b.argv = append(b.argv, link)
		}
	} else if runtime.GOOS == "darwin" {
		b.argv = []string{"open", link}
	} else {
		b.argv = []string{"xdg-open", link}
	}
	b.terminal = terminalBrowser(b.argv[0])
	return b, nil
}

// listedBrowser is the command of the first browser of the list env that
// is installed, else of the first it lists; nil when it lists none.
func listedBrowser(env string) []string {
	var first []string
	for _, entry := range strings.Split(env, string(os.PathListSeparator)) {
		argv := strings.Fields(entry)
		if len(argv) == 0 {
			continue
		}
		if _, err := exec.LookPath(argv[0]); err == nil {
			return argv
		}
		if first == nil {
			first = argv
		}
	}
	return first
}

// terminalBrowser reports whether program is a browser that draws in the
// terminal rather than in a window of its own. www-browser is Debian's
// name for the text browser the system prefers.
func terminalBrowser(program string) bool {
	switch strings.TrimSuffix(filepath.Base(program), ".exe") {
	case "lynx", "w3m", "links", "links2", "elinks", "browsh", "carbonyl", "cha", "edbrowse", "www-browser":
		return true
	}
	return false
}

// name is the program's name, as the status bar gives it.
func (b browser) name() string {
	return clean(filepath.Base(b.argv[0]))
}

// start starts a browser that opens a window of its own, with none of the
// terminal: its output would scribble over the reader's screen.
func (b browser) start() (*exec.Cmd, error) {
	c := exec.Command(b.argv[0], b.argv[1:]...)
	if err := c.Start(); err != nil {
		return nil, b.startErr(err)
	}
	return c, nil
}

// startErr says why the browser did not start: one not installed is named,
// with where it was named.
func (b browser) startErr(err error) error {
	if !errors.Is(err, exec.ErrNotFound) {
		return err
	}
	if b.fromEnv {
		return fmt.Errorf("$BROWSER names %s, which is not installed", clean(b.argv[0]))
	}
	return fmt.Errorf("%s is not installed; set $BROWSER to the browser to use", b.argv[0])
}

// exitErr says how the browser failed once started.
func (b browser) exitErr(err error) error {
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.Exited() {
		return fmt.Errorf("%s exited with status %d", b.name(), exit.ExitCode())
	}
	return fmt.Errorf("%s: %w", b.name(), err)
}

// startedBrowser is a browser started in the background.
type startedBrowser struct {
	b   browser
	cmd *exec.Cmd
	at  time.Time
}

// browserFailWindow is how soon after it starts a browser's failure is
// reported. A launcher that cannot open a link (xdg-open with no browser
// to hand it to) fails at once; a browser that exits later, however it
// exits, has shown the page, and the reader has moved on.
const browserFailWindow = 10 * time.Second

// waitBrowser waits for a browser started in the background to exit, and
// reports its failure if it failed within browserFailWindow.
func waitBrowser(link string, s *startedBrowser) tea.Cmd {
	return func() tea.Msg {
		err := s.cmd.Wait()
		if err == nil || time.Since(s.at) > browserFailWindow {
			return nil
		}
		return browserMsg{url: link, err: fmt.Errorf("open %s: %w", link, s.b.exitErr(err))}
	}
}
