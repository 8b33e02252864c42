// Package ui is parallax's reader: a full-screen Bubble Tea program with a
// story list, an article reader, a feeds screen and a welcome screen for an
// empty library. Everything that touches the library or the network runs in
// a tea.Cmd and comes back as a message.
package ui

import (
	"context"
	"fmt"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"parallax/store"
	"parallax/themes"
)

// wideWidth is the narrowest terminal that shows the list and the reader
// side by side.
const wideWidth = 140

type screen int

const (
	screenMain screen = iota
	screenWelcome
	screenFeeds
	screenCompare
	screenOverview
	screenSaved
)

type focus int

const (
	focusStories focus = iota
	focusReader
)

// Model is the root of the reader. It owns the panes, routes keys to the
// focused one and the results of background work to the one that asked,
// and lays them out.
type Model struct {
	ctx  context.Context
	lib  Library
	opts *Options
	keys KeyMap
	now  func() time.Time

	theme    themes.Theme
	termDark bool
	styles   *themes.Styles
	// noColor is NO_COLOR: every theme is drawn without colour. bgKnown
	// says the terminal has reported its background (or had its chance
	// to); until then no theme paints it, so that the report is of the
	// terminal's own background and not of one we painted.
	noColor   bool
	bgKnown   bool
	themeSave themeSaver

	width, height int
	screen        screen
	focus         focus
	// fromSaved says the story in the reader was opened from the saved
	// stories, where esc goes back to.
	fromSaved bool
	// fromOverview says the article in the reader was chosen in the
	// story's overview, where esc goes back to.
	fromOverview bool
	showHelp     bool
	helpTop      int // the first line of the help box shown, when it does not fit
	sample       bool
	readOnly     string // why the library cannot be changed (Options.ReadOnly)

	stories storiesPane
	reader  readerPane
	feeds   feedsPane
	welcome welcomePane
	help    help.Model

	compare  comparePane
	overview overviewPane
	back     []place // where esc in the compare pane and the overview goes

	saved    savedPane
	fullText fullTextState

	status    string
	statusErr bool
	said      int // counts the messages put in the status bar
	// spill lets an error too long for the status bar go on over the
	// keys' line below it, until the next key: its reason comes last.
	spill   bool
	refresh refreshState
	initCmd tea.Cmd

	// followed is the story of the list the reader beside it was last set
	// to show; previewSeq counts the previews asked for, of which only the
	// last is shown, and previewDue says it has yet to be (see follow).
	followed   int64
	previewSeq int
	previewDue bool
}

// New builds the reader over lib. Problems with the configuration (an
// unknown theme, bad keys) do not stop it: they are shown in the status bar
// and the defaults are used; call opts.Config.Validate first to refuse them.
func New(lib Library, opts Options) *Model {
	m := newModel(context.Background(), lib, opts)
	return &m
}

func newModel(ctx context.Context, lib Library, opts Options) Model {
	o := opts
	m := Model{ctx: ctx, lib: lib, opts: &o, now: o.Now, termDark: true, sample: o.Sample}
	if m.now == nil {
		m.now = time.Now
	}
	m.noColor = themes.NoColorSet()
	theme, problems := m.startTheme(o.Config.Theme)
	m.theme = theme
	keys, err := o.Config.KeyMap()
	if err != nil {
		problems = append(problems, err.Error())
		keys = DefaultKeyMap()
	}
	m.keys = keys
	st := theme.Styles(m.termDark)
	m.styles = &st
	pageSize := o.PageSize
	if pageSize <= 0 {
		pageSize = defaultPageSize
	}
	m.stories = newStoriesPane(ctx, lib, keys, m.styles, m.now, pageSize)
	m.reader = newReaderPane(ctx, lib, keys, m.styles, theme, m.termDark, o.GlamourStyle, m.now, o.OpenURL)
	m.setReadOnly(o.ReadOnly)
	m.feeds = newFeedsPane(ctx, lib, keys, m.styles, m.now, o.Discover)
	m.welcome = newWelcomePane(ctx, lib, keys, m.styles, m.opts)
	m.compare = newComparePane(ctx, lib, keys, m.styles, theme, m.termDark, o.OpenURL)
	m.overview = newOverviewPane(ctx, lib, keys, m.styles, m.now)
	m.saved = newSavedPane(ctx, lib, keys, m.styles, m.now)
	m.help = help.New()
	m.help.Styles = m.styles.Help
	if len(problems) > 0 {
		m.setError(fmt.Errorf("%s", strings.Join(problems, "; ")))
	}
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.stories.reload()}
	if d := o.Config.RefreshInterval(); d > 0 && o.Refresh != nil {
		cmds = append(cmds, tea.Tick(openingGrace, func(time.Time) tea.Msg { return refreshCheckMsg{} }))
	}
	m.initCmd = tea.Batch(cmds...)
	return m
}

// Run starts the reader full-screen on the terminal and returns when the
// user quits or ctx is done; work still running then (a refresh) is
// cancelled. It refuses a configuration that does not validate.
func Run(ctx context.Context, lib Library, opts Options) error {
	if err := opts.Config.Validate(); err != nil {
		return err
	}
	// The reader stops when ctx ends (main ends it on SIGINT) or on
	// SIGTERM. Bubble Tea's own signal handler stays off: caught together
	// with the context's end, its signal is sent to an event loop that has
	// already stopped, and the program never exits.
	runCtx, cancel := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer cancel()
	m := newModel(runCtx, lib, opts)
	m.initCmd = tea.Batch(m.initCmd, waitForBackground(), buildRuneWidthTable)
	// Lip Gloss has already detected the terminal's colours for standard
	// output when it was loaded; detecting them again costs a start inside
	// tmux another run of "tmux info", some 50 ms before the first frame.
	p := tea.NewProgram(&m, tea.WithContext(runCtx), tea.WithoutSignalHandler(), tea.WithColorProfile(lipgloss.Writer.Profile))
	if _, err := p.Run(); err != nil {
		if runCtx.Err() != nil {
			return nil // the caller, or a signal, asked us to stop
		}
		return fmt.Errorf("reader: %w", err)
	}
	return nil
}

// buildRuneWidthTable has go-runewidth build its 2 MB table of wide and
// zero-width runes, which the renderer, measuring cells, would otherwise
// build inside the first frame's flush on meeting the first rune past
// U+02FF (the list's "…" or "●"): several milliseconds. Run among the first
// commands, it overlaps the first page's query and the wait for the
// renderer's first tick.
func buildRuneWidthTable() tea.Msg {
	ansi.StringWidthWc("…")
	return nil
}

func refreshTick(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(t time.Time) tea.Msg { return refreshTickMsg{at: t} })
}

// openingGrace is how long after opening the reader it looks whether a
// refresh is due: reading the feeds, and refreshing them, are work the
// first screens and keys are served before.
const openingGrace = 2 * time.Second

// firstRefresh finds when the background refresh, every d, is first due:
// now for a library last refreshed longer ago than that or holding a feed
// never fetched, so that the reader opened in the morning shows the
// morning's news, else when the oldest fetch turns d old.
func firstRefresh(ctx context.Context, lib Library, d time.Duration, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		feeds, err := lib.Feeds(ctx)
		if err != nil {
			return refreshDueMsg{in: d} // the refresh itself will say what is wrong
		}
		return refreshDueMsg{in: dueIn(feeds, d, now())}
	}
}

// dueIn is how long until the first of feeds is due a refresh every d.
func dueIn(feeds []store.Feed, d time.Duration, now time.Time) time.Duration {
	if len(feeds) == 0 {
		return d
	}
	wait := d
	for _, f := range feeds {
		if f.LastFetch.IsZero() {
			return 0
		}
		wait = min(wait, f.LastFetch.Add(d).Sub(now))
	}
	return max(wait, 0)
}

// Init asks for the terminal's background, the first page of stories and
// the first periodic refresh. Nothing waits on the network.
func (m Model) Init() tea.Cmd {
	return m.initCmd
}

func (m *Model) setStatus(s string) {
	m.status, m.statusErr = s, false
	m.said++
}

// setReadOnly says why the library cannot be changed, or "" when it can;
// the reader then leaves what is read unmarked.
func (m *Model) setReadOnly(why string) {
	m.readOnly, m.reader.keepsMarks = why, why != ""
}

// refuseChange says in the status bar why the library cannot be changed.
func (m *Model) refuseChange() {
	m.setStatus("Nothing can be changed: " + clean(m.readOnly) + ".")
}

func (m *Model) setError(err error) { m.setErrorText(err.Error()) }

// attempted ends an attempt to fill the library (a feed added, a list
// imported, the sample opened) and reports whether it failed. The welcome
// screen shows a failure under the prompt it was asked from, and so not in
// the status bar as well; any other screen, there.
func (m *Model) attempted(err error) bool {
	m.welcome.done(err)
	if err != nil && m.screen != screenWelcome {
		m.setError(err)
	}
	return err != nil
}

// setErrorText shows s as an error, for a message that is a sentence of
// its own rather than an error's text.
func (m *Model) setErrorText(s string) {
	m.status, m.statusErr, m.spill = clean(s), true, true
	m.said++
}

func (m Model) wide() bool { return m.width >= wideWidth }

// dividerGap follows the divider's bar in the wide view, so the reader's
// text does not touch it; dividerWidth is the columns the two take.
const (
	dividerGap   = " "
	dividerWidth = 1 + len(dividerGap)
)

func (m Model) storiesWidth() int {
	return min(max(m.width*2/5, 50), 80)
}

func (m Model) bodyHeight() int {
	if m.height >= 3 {
		return m.height - 2
	}
	return max(m.height-1, 0)
}

func (m *Model) layout() {
	h := m.bodyHeight()
	if m.wide() {
		sw := m.storiesWidth()
		m.stories.setSize(sw, h)
		m.reader.setSize(m.width-sw-dividerWidth, h)
	} else {
		m.stories.setSize(m.width, h)
		m.reader.setSize(m.width, h)
	}
	m.feeds.setSize(m.width, h)
	m.welcome.setSize(m.width, h)
	m.compare.setSize(m.width, h)
	m.overview.setSize(m.width, h)
	m.saved.setSize(m.width, h)
	m.help.SetWidth(m.width)
	m.stories.focused = m.focus == focusStories
	m.reader.focused = m.focus == focusReader
}

func (m *Model) setFocus(f focus) {
	m.focus = f
	m.stories.focused = f == focusStories
	m.reader.focused = f == focusReader
}

func (m *Model) applyTheme() tea.Cmd {
	st := m.theme.Styles(m.termDark)
	m.styles = &st
	m.stories.setStyles(m.styles)
	m.feeds.setStyles(m.styles)
	m.welcome.setStyles(m.styles)
	m.compare.setTheme(m.theme, m.termDark, m.styles)
	m.overview.setStyles(m.styles)
	m.saved.setStyles(m.styles)
	m.reader.setTheme(m.theme, m.termDark, m.styles)
	m.help.Styles = m.styles.Help
	return tea.Batch(m.reader.ensureRender(), m.compare.ensureRender())
}

// startRefresh begins a refresh of feeds (nil: all) unless one is running.
func (m *Model) startRefresh(feeds []string) tea.Cmd {
	switch {
	case m.sample:
		m.setStatus("The sample library does not refresh.")
		return nil
	case m.readOnly != "":
		m.refuseChange()
		return nil
	case m.opts.Refresh == nil:
		m.setStatus("Refreshing is not available.")
		return nil
	case m.refresh.running():
		m.setStatus("A refresh is already running.")
		return nil
	}
	m.setStatus("")
	return m.refresh.start(m.ctx, m.opts.Refresh, feeds)
}

// Update routes a message: keys and the mouse to the focused pane, results
// of background work to the pane that asked for them. The root is updated
// in place: it is large, and Bubble Tea would otherwise copy it into a new
// interface value on every message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	*m, cmd = m.update(msg)
	return m, cmd
}

// update routes msg, then drops the message in the status bar if msg took
// the user to another screen, pane or article without saying anything of
// its own: the message was about what they have just left.
func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	was, said := m.scope(), m.said
	m, cmd := m.route(msg)
	if m.scope() != was && m.said == said {
		m.setStatus("")
	}
	if follow := m.follow(); follow != nil {
		cmd = tea.Batch(cmd, follow)
	}
	return m, cmd
}

// previewDelay is how long the list's cursor rests on a story before the
// reader beside the list shows it: holding j reads and renders the story
// the cursor stops on, not every story it passes. It is longer than the
// time between a held key's repeats, and short enough not to be waited for.
const previewDelay = 120 * time.Millisecond

// previewMsg is previewDelay's alarm for the preview it counts.
type previewMsg struct{ seq int }

// following says the reader sits beside the list, which has the keys: the
// reader shows what the list selects.
func (m Model) following() bool {
	return m.wide() && m.screen == screenMain && m.focus == focusStories && !m.showHelp
}

// follow has the reader beside the list show the story the list selects
// when that has changed: at once when the reader shows nothing yet, else
// once the cursor has rested on it for previewDelay.
func (m *Model) follow() tea.Cmd {
	if !m.following() {
		return nil
	}
	s, ok := m.stories.selected()
	if !ok || s.ID == m.followed {
		return nil
	}
	m.followed = s.ID
	m.previewSeq++
	m.previewDue = false
	switch {
	case m.reader.open && m.reader.story.ID == s.ID:
		return nil
	case !m.reader.open:
		return m.reader.previewStory(s)
	}
	m.previewDue = true
	seq := m.previewSeq
	return tea.Tick(previewDelay, func(time.Time) tea.Msg { return previewMsg{seq: seq} })
}

// preview shows the story the list selects, if the cursor is still where
// it was when msg was asked for.
func (m Model) preview(msg previewMsg) (Model, tea.Cmd) {
	if msg.seq != m.previewSeq || !m.previewDue {
		return m, nil
	}
	m.previewDue = false
	s, ok := m.stories.selected()
	if !m.following() || !ok || s.ID != m.followed {
		// The list has lost the keys or the selection meanwhile: when it
		// has them again, follow looks afresh.
		m.followed = 0
		return m, nil
	}
	if m.reader.open && m.reader.story.ID == s.ID {
		return m, nil
	}
	return m, m.reader.previewStory(s)
}

// statusScope is what a message in the status bar is about: the screen
// and pane the user is on, and the article the reader shows.
type statusScope struct {
	place
	article int64
}

func (m Model) scope() statusScope {
	switch m.screen {
	case screenMain, screenWelcome: // the welcome screen stands in for the empty list
	default:
		// The panes of the main screen are behind this one: what changes
		// there is not what the user is looking at.
		return statusScope{place: place{screen: m.screen}}
	}
	sc := statusScope{place: place{screenMain, m.focus}}
	if a, ok := m.reader.current(); ok && !m.reader.preview {
		// A preview changes as the list's cursor moves, which says
		// nothing of what the status bar says.
		sc.article = a.ID
	}
	return sc
}

func (m Model) route(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	if mm, cmd, ok := m.fullTextUpdate(msg); ok {
		return mm, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, tea.Batch(m.reader.ensureRender(), m.compare.ensureRender())

	case tea.BackgroundColorMsg:
		m.termDark, m.bgKnown = msg.IsDark(), true
		cmd = m.applyTheme()
		return m, cmd

	case tea.KeyPressMsg:
		m.spill = false
		if msg.Text != "" && clean(msg.Text) != msg.Text && m.typing() {
			// A prompt keeps no control or direction character: it would
			// reorder or hide what the user reads back.
			if msg.Text = clean(msg.Text); msg.Text == "" {
				return m, nil
			}
		}
		return m.handleKey(msg)

	case tea.MouseWheelMsg:
		return m.handleWheel(msg)

	case tea.MouseClickMsg:
		return m.handleClick(msg)

	case tea.PasteMsg:
		msg.Content = clean(msg.Content)
		switch {
		case m.screen == screenWelcome:
			m.welcome, cmd = m.welcome.update(msg)
		case m.screen == screenFeeds:
			m.feeds, cmd = m.feeds.update(msg)
		case m.stories.typing():
			m.stories, cmd = m.stories.update(msg)
		}
		return m, cmd

	case storiesLoadedMsg:
		if msg.err != nil {
			m.setError(msg.err)
		}
		if msg.offset == 0 && msg.err == nil && msg.gen >= m.stories.gen {
			switch {
			case len(msg.stories) == 0 && msg.noFeeds && m.screen == screenMain:
				m.screen = screenWelcome
			case len(msg.stories) > 0 && m.screen == screenWelcome:
				m.screen = screenMain
			}
		}
		m.stories, cmd = m.stories.update(msg)
		return m, cmd

	case headlinesLoadedMsg, storiesCountedMsg, textMatchesMsg:
		m.stories, cmd = m.stories.update(msg)
		return m, cmd

	case storyArticlesMsg:
		if msg.err != nil && !m.reader.willFollow(msg) {
			m.setError(msg.err)
		}
		m.reader, cmd = m.reader.update(msg)
		return m, cmd

	case articleMovedMsg:
		// The reader, the compare pane and the overview each follow the
		// article they asked after.
		var c2, c3 tea.Cmd
		m.reader, cmd = m.reader.update(msg)
		if m.focus == focusReader && !m.reader.open {
			// The story read has gone from the library: back to the list.
			m.setFocus(focusStories)
			m.forgetWayBack()
		}
		m.compare, c2 = m.compare.followed(msg)
		m.overview, c3 = m.overview.followed(msg)
		if m.compare.loading && m.overview.loading && m.compare.story.ID == m.overview.story.ID {
			// Compare opened over the overview follows the same article:
			// one analysis serves both, as analysed passes it to each.
			c3 = nil
		}
		return m, tea.Batch(cmd, c2, c3)

	case analysedMsg:
		m, cmd = m.analysed(msg)
		return m, tea.Batch(cmd, m.analysedFullText(msg))

	case compareRenderedMsg:
		m.compare, cmd = m.compare.update(msg)
		return m, cmd

	case themeSavedMsg:
		return m.themeSaved(msg)

	case backgroundWaitMsg:
		m.bgKnown = true
		return m, nil

	case renderedMsg:
		m.reader, cmd = m.reader.update(msg)
		return m, cmd

	case readSetMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return m, nil
		}
		m.stories.updateStory(msg.storyID, func(s *store.Story) {
			if msg.read {
				s.Unread = max(s.Unread-1, 0)
			} else {
				s.Unread = min(s.Unread+1, max(s.Count, s.Unread+1))
			}
		})
		if !msg.read {
			m.setStatus("Marked unread.")
		}
		return m, nil

	case storyReadMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return m, nil
		}
		m.stories.updateStory(msg.storyID, func(s *store.Story) {
			s.Unread = 0
			if !msg.read {
				s.Unread = s.Count
			}
		})
		m.reader.markAll(msg.storyID, msg.read)
		if msg.read {
			m.setStatus("Marked the story read.")
		} else {
			m.setStatus("Marked the story unread.")
		}
		return m, nil

	case savedMsg:
		if msg.err != nil {
			m.setError(msg.err)
			return m, nil
		}
		m.stories.updateStory(msg.storyID, func(s *store.Story) { s.Saved = msg.saved })
		for _, s := range []*store.Story{&m.reader.story, &m.compare.story, &m.overview.story} {
			if s.ID == msg.storyID {
				s.Saved = msg.saved
			}
		}
		var cmds []tea.Cmd
		if msg.saved {
			m.setStatus("Saved the story.")
			cmds = append(cmds, afterSave(msg.storyID))
		} else {
			m.setStatus("Unsaved the story.")
		}
		if m.screen == screenSaved {
			cmds = append(cmds, m.saved.load())
		}
		return m, tea.Batch(cmds...)

	case openStoryMsg:
		m.fromSaved = false
		return m, m.read(msg.story)

	case previewMsg:
		return m.preview(msg)

	case feedsLoadedMsg:
		if msg.err != nil {
			m.setError(msg.err)
		}
		m.feeds, cmd = m.feeds.update(msg)
		return m, cmd

	case feedAddedMsg:
		m.feeds.busy = ""
		if m.attempted(msg.err) {
			return m, nil
		}
		if msg.known {
			m.setStatus("Already subscribed to " + clean(feedName(msg.feed)) + ".")
			return m, nil
		}
		if m.screen == screenWelcome {
			m.screen = screenMain
		}
		if wait := msg.feed.RetryAfter; wait.After(m.now()) {
			m.setStatus("Subscribed to " + clean(feedName(msg.feed)) + "; its server asks to wait, so it is first fetched after " + ClockText(wait, m.now()) + ".")
			return m, loadFeeds(m.ctx, m.lib)
		}
		refresh := m.startRefresh([]string{msg.feed.URL})
		m.setStatus("Subscribed to " + clean(feedName(msg.feed)) + ".")
		return m, tea.Batch(loadFeeds(m.ctx, m.lib), refresh)

	case feedRemovedMsg:
		m.feeds.busy = ""
		if msg.err != nil {
			m.setError(msg.err)
			return m, nil
		}
		m.setStatus("Unsubscribed from " + clean(msg.url) + ".")
		// The feed's articles have gone, and with them perhaps the story
		// open behind this screen, or some of its sources.
		m.forgetAnalyses(nil)
		return m, tea.Batch(loadFeeds(m.ctx, m.lib), m.stories.reload(), m.reader.reload(), m.reloadAnalysis())

	case subscribedMsg:
		if m.attempted(msg.err) {
			return m, nil
		}
		m.screen = screenMain
		refresh := m.startRefresh(nil)
		m.setStatus(fmt.Sprintf("Subscribed to %s.", plural(msg.n, "feed", "feeds")))
		if msg.note != nil {
			// The refresh's account takes the status bar when it ends,
			// so it carries the note too.
			m.setErrorText(fmt.Sprintf("Subscribed to %s; %v", plural(msg.n, "feed", "feeds"), msg.note))
			m.refresh.note = msg.note.Error()
		}
		return m, refresh

	case sampleOpenedMsg:
		if m.attempted(msg.err) {
			return m, nil
		}
		m.lib, m.sample = msg.lib, true
		m.setReadOnly("")
		m.stories.setLibrary(msg.lib)
		m.reader.setLibrary(msg.lib)
		m.feeds.lib, m.welcome.lib = msg.lib, msg.lib
		m.compare.setLibrary(msg.lib)
		m.overview.setLibrary(msg.lib)
		m.saved.setLibrary(msg.lib)
		m.back, m.fromOverview = nil, false
		m.screen = screenMain
		m.setFocus(focusStories)
		m.setStatus("Opened the sample library.")
		return m, m.stories.reload()

	case browserMsg:
		switch {
		case msg.err != nil:
			m.setError(msg.err)
		case msg.back != "":
			m.setStatus("Back from " + msg.back + ".")
		default:
			m.setStatus("Opened " + clean(msg.url))
		}
		if msg.started != nil {
			return m, waitBrowser(msg.url, msg.started)
		}
		return m, nil

	case refreshCheckMsg:
		return m, firstRefresh(m.ctx, m.lib, m.opts.Config.RefreshInterval(), m.now)

	case refreshDueMsg:
		return m, refreshTick(msg.in)

	case refreshTickMsg:
		d := m.opts.Config.RefreshInterval()
		if d <= 0 || m.opts.Refresh == nil {
			return m, nil
		}
		next := refreshTick(d)
		if m.refresh.running() || m.sample || m.readOnly != "" {
			return m, next
		}
		return m, tea.Batch(next, m.startRefresh(nil))

	case refreshFeedsMsg:
		return m, m.startRefresh(msg.urls)

	case refreshProgressMsg:
		if m.refresh.run == nil || msg.id != m.refresh.run.id {
			return m, nil
		}
		m.refresh.done, m.refresh.total, m.refresh.added = msg.done, msg.total, msg.added
		return m, waitRefresh(m.refresh.run)

	case refreshDoneMsg:
		if m.refresh.run == nil || msg.id != m.refresh.run.id {
			return m, nil
		}
		m.refresh.run = nil
		sum := msg.summary
		background := m.afterRefresh(sum)
		switch {
		case msg.err != nil:
			m.setError(msg.err)
		case sum.Offline:
			m.setStatus("Offline: no feed could be reached. Everything saved can still be read.")
		case sum.Failed > 0:
			text := fmt.Sprintf("Refreshed %s · %d new · %d failed", plural(sum.Feeds, "feed", "feeds"), sum.Added, sum.Failed)
			if sum.Waiting > 0 {
				text += fmt.Sprintf(" · %d waiting", sum.Waiting)
			}
			if len(sum.Errors) > 0 {
				text += ": " + sum.Errors[0]
			}
			m.setError(fmt.Errorf("%s", text))
		case sum.Waiting > 0:
			m.setStatus(fmt.Sprintf("Refreshed %s · %s · %d waiting, as their servers asked.", plural(sum.Feeds, "feed", "feeds"),
				plural(sum.Added, "new article", "new articles"), sum.Waiting))
		default:
			m.setStatus(fmt.Sprintf("Refreshed %s · %s.", plural(sum.Feeds, "feed", "feeds"), plural(sum.Added, "new article", "new articles")))
		}
		if note := m.refresh.note; note != "" {
			m.refresh.note = ""
			m.setError(fmt.Errorf("%s · %s", strings.TrimSuffix(m.status, "."), note))
		}
		cmds := []tea.Cmd{m.stories.reload(), m.reader.reload(), m.reloadAnalysis(), background}
		if m.screen == screenFeeds {
			cmds = append(cmds, loadFeeds(m.ctx, m.lib))
		}
		if m.screen == screenSaved {
			cmds = append(cmds, m.saved.load())
		}
		return m, tea.Batch(cmds...)
	}
	return m, nil
}

// typing says whether a text prompt has the keyboard, so that letters are
// text and not commands.
func (m Model) typing() bool {
	switch m.screen {
	case screenWelcome:
		return m.welcome.typing()
	case screenFeeds:
		return m.feeds.typing()
	case screenCompare, screenOverview, screenSaved:
		return false
	default:
		return m.stories.typing() && m.focus == focusStories
	}
}

func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	var cmd tea.Cmd
	if msg.String() == "ctrl+c" {
		return m, tea.Quit
	}
	if m.showHelp {
		lines, room := m.helpLines(m.width, m.bodyHeight())
		view, last := helpWindow(len(lines), room)
		m.helpTop = min(m.helpTop, last) // the terminal may have grown
		switch {
		// Quit closes help, as in newsboat and pagers: whoever opened it
		// to look up a key means to go on reading; ctrl+c still quits.
		case key.Matches(msg, k.Help, k.Back, k.Quit):
			m.showHelp = false
		case key.Matches(msg, k.Down):
			m.helpTop = min(m.helpTop+1, last)
		case key.Matches(msg, k.Up):
			m.helpTop = max(m.helpTop-1, 0)
		case key.Matches(msg, k.PageDown):
			m.helpTop = min(m.helpTop+view, last)
		case key.Matches(msg, k.PageUp):
			m.helpTop = max(m.helpTop-view, 0)
		case key.Matches(msg, k.Top):
			m.helpTop = 0
		case key.Matches(msg, k.Bottom):
			m.helpTop = last
		}
		return m, nil
	}
	if m.typing() {
		switch m.screen {
		case screenWelcome:
			m.welcome, cmd = m.welcome.update(msg)
		case screenFeeds:
			m.feeds, cmd = m.feeds.update(msg)
		default:
			m.stories, cmd = m.stories.update(msg)
		}
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpTop = true, 0
		return m, nil
	case key.Matches(msg, k.Theme):
		return m.cycleTheme()
	}

	if m.readOnly != "" && m.screen != screenWelcome && key.Matches(msg, k.Save, k.MarkRead, k.MarkUnread) {
		m.refuseChange()
		return m, nil
	}
	if m.showsStory() && (key.Matches(msg, k.Save, k.MarkRead) || key.Matches(msg, k.MarkUnread) && !m.readingArticle()) {
		return m, m.storyKey(msg)
	}
	switch m.screen {
	case screenWelcome:
		m.welcome, cmd = m.welcome.update(msg)
		return m, cmd
	case screenFeeds:
		switch {
		case key.Matches(msg, k.Back):
			m.screen = screenMain
			return m, nil
		case key.Matches(msg, k.Refresh):
			return m, m.startRefresh(nil)
		case key.Matches(msg, k.AddFeed, k.RemoveFeed) && m.sample:
			// Feeds added to the sample library would never be fetched,
			// and go when it is next opened, built afresh.
			m.setStatus("The sample library is read-only: quit and start parallax without --sample to add feeds.")
			return m, nil
		case key.Matches(msg, k.AddFeed, k.RemoveFeed) && m.readOnly != "":
			m.refuseChange()
			return m, nil
		}
		m.feeds, cmd = m.feeds.update(msg)
		return m, cmd
	case screenCompare:
		return m.compareKeys(msg)
	case screenOverview:
		return m.overviewKeys(msg)
	case screenSaved:
		return m.savedKeys(msg)
	}

	switch {
	case key.Matches(msg, k.Refresh):
		return m, m.startRefresh(nil)
	case key.Matches(msg, k.Compare):
		return m.openCompare()
	case key.Matches(msg, k.Overview):
		return m.openOverview()
	case key.Matches(msg, k.Feeds):
		m.screen = screenFeeds
		return m, loadFeeds(m.ctx, m.lib)
	case key.Matches(msg, k.Saved):
		return m.openSaved()
	case key.Matches(msg, k.Focus):
		if m.focus == focusStories {
			return m.toReader()
		}
		m.forgetWayBack()
		m.setFocus(focusStories)
		return m, nil
	case key.Matches(msg, k.Browser) && m.focus == focusStories:
		if s, ok := m.stories.selected(); ok {
			return m, openStoryInBrowser(m.ctx, m.lib, m.opts.OpenURL, s)
		}
		return m, nil
	case key.Matches(msg, k.Back) && m.focus == focusReader:
		m.setFocus(focusStories)
		if m.fromSaved {
			m.fromSaved = false
			return m.openSaved()
		}
		if m.fromOverview && m.overview.open && m.overview.story.ID == m.reader.story.ID {
			m.fromOverview = false
			m.screen = screenOverview
			return m, nil
		}
		m.forgetWayBack()
		return m, nil
	case key.Matches(msg, k.Filter) && m.focus == focusReader:
		// The reader has no use for a filter: take it to the list, which
		// leaves the reader as tab does.
		m.forgetWayBack()
		m.setFocus(focusStories)
		m.stories, cmd = m.stories.update(msg)
		return m, cmd
	}
	if m.focus == focusReader {
		m.reader, cmd = m.reader.update(msg)
	} else {
		m.stories, cmd = m.stories.update(msg)
	}
	return m, cmd
}

// toReader gives the reader the keys, from the list, if it shows a story.
// Beside the list it goes into the story the list selects, previewed or
// about to be, to read it.
func (m Model) toReader() (Model, tea.Cmd) {
	m.forgetWayBack()
	if m.following() && (m.reader.preview || m.previewDue) {
		if s, ok := m.stories.selected(); ok {
			return m, m.read(s)
		}
	}
	if m.reader.open {
		m.setFocus(focusReader)
	}
	return m, nil
}

// read opens s in the reader to read it, and gives the reader the keys.
// The reader shows s from now on, wherever s was chosen, so that the list
// beside it, given the keys back, has the reader follow its selection
// afresh.
func (m *Model) read(s store.Story) tea.Cmd {
	m.followed, m.previewDue = s.ID, false
	m.setFocus(focusReader)
	return m.reader.read(s)
}

// showsStory reports whether the screen is one of a story, where the save
// and mark-read keys act on it (see targetStory).
func (m Model) showsStory() bool {
	return m.screen == screenMain || m.screen == screenCompare || m.screen == screenOverview
}

// readingArticle reports whether the reader has focus with an article
// open, where mark-unread means the article, not its whole story.
func (m Model) readingArticle() bool {
	return m.screen == screenMain && m.focus == focusReader && m.reader.open
}

// storyKey saves, unsaves or marks read or unread the story being looked
// at, for the save and mark keys, which work wherever a story is.
func (m Model) storyKey(msg tea.KeyPressMsg) tea.Cmd {
	s, ok := m.targetStory()
	switch {
	case !ok:
		return nil
	case key.Matches(msg, m.keys.Save):
		return setSaved(m.ctx, m.lib, s.ID, !s.Saved)
	case key.Matches(msg, m.keys.MarkRead):
		return setStoryRead(m.ctx, m.lib, s.ID, true)
	case key.Matches(msg, m.keys.MarkUnread):
		return setStoryRead(m.ctx, m.lib, s.ID, false)
	}
	return nil
}

// targetStory is the story that save and mark-read act on: the one
// compared or overviewed on those screens, the one in the reader when it
// has focus, else the one selected in the list.
func (m Model) targetStory() (store.Story, bool) {
	switch {
	case m.screen == screenCompare:
		return m.listed(m.compare.story), true
	case m.screen == screenOverview:
		return m.listed(m.overview.story), true
	case m.focus == focusReader && m.reader.open:
		return m.listed(m.reader.story), true
	}
	return m.stories.selected()
}

// listed is s as the story list has it, which knows whether it is saved
// now, or s when the list does not show it.
func (m Model) listed(s store.Story) store.Story {
	for _, r := range m.stories.rows {
		if r.story.ID == s.ID {
			return r.story
		}
	}
	return s
}

// pane is a part of the wide view across the screen.
type pane int

const (
	paneList pane = iota
	paneDivider
	paneReader
)

// paneAt is the part of the wide view at column x: the list, the divider
// (its bar and the space after it) or the reader. Clicks and the wheel
// both ask it, so that they agree on every column.
func (m Model) paneAt(x int) pane {
	sw := m.storiesWidth()
	switch {
	case x < sw:
		return paneList
	case x < sw+dividerWidth:
		return paneDivider
	}
	return paneReader
}

func (m Model) handleWheel(msg tea.MouseWheelMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	if m.showHelp {
		// Help covers the screen: the wheel scrolls it, not what is hidden.
		lines, room := m.helpLines(m.width, m.bodyHeight())
		_, last := helpWindow(len(lines), room)
		switch msg.Button {
		case tea.MouseWheelUp:
			m.helpTop = max(min(m.helpTop, last)-3, 0)
		case tea.MouseWheelDown:
			m.helpTop = min(m.helpTop+3, last)
		}
		return m, nil
	}
	switch m.screen {
	case screenFeeds:
		m.feeds, cmd = m.feeds.update(msg)
		return m, cmd
	case screenCompare:
		m.compare, cmd = m.compare.update(msg)
		return m, cmd
	case screenOverview:
		m.overview, cmd = m.overview.update(msg)
		return m, cmd
	case screenSaved:
		m.saved, cmd = m.saved.update(msg)
		return m, cmd
	case screenWelcome:
		return m, nil
	}
	target := m.focus
	if m.wide() {
		switch m.paneAt(msg.Mouse().X) {
		case paneReader:
			target = focusReader
		case paneList:
			target = focusStories
		default:
			return m, nil
		}
	}
	if target == focusReader {
		m.reader, cmd = m.reader.update(msg)
	} else {
		m.stories, cmd = m.stories.update(msg)
	}
	return m, cmd
}

// handleClick acts on a left click: on a story row of the list, or of the
// saved stories, it selects the story, and on the one selected it opens it,
// as enter does; on the reader beside the list it gives the reader the
// keys, as tab does.
func (m Model) handleClick(msg tea.MouseClickMsg) (Model, tea.Cmd) {
	mouse := msg.Mouse()
	if mouse.Button != tea.MouseLeft || m.showHelp || mouse.Y >= m.bodyHeight() {
		return m, nil
	}
	switch m.screen {
	case screenSaved:
		i, ok := m.saved.rowAt(mouse.Y)
		switch {
		case !ok:
			return m, nil
		case i == m.saved.cursor:
			return m.readSaved()
		}
		m.saved.cursor = i
		m.saved.scrollIntoView()
		return m, nil
	case screenMain:
		if m.wide() {
			switch m.paneAt(mouse.X) {
			case paneReader:
				if m.focus == focusStories {
					return m.toReader()
				}
				return m, nil
			case paneDivider:
				return m, nil
			}
		} else if m.focus != focusStories {
			return m, nil // the reader alone is on screen
		}
		return m.clickStory(mouse.Y)
	}
	return m, nil
}

// clickStory selects the story on line y of the list, or opens it when it
// is selected already and the list has the keys. A click closes the
// filter's prompt, keeping the filter, as enter does.
func (m Model) clickStory(y int) (Model, tea.Cmd) {
	i, ok := m.stories.rowAt(y)
	if !ok {
		return m, nil
	}
	s := m.stories.rows[m.stories.visible[i]].story
	var cmd tea.Cmd
	open := m.focus == focusStories && !m.stories.filtering && i == m.stories.cursor
	if m.stories.filtering {
		// Keeping the filter may apply a reload that waited for it, and
		// move the story to another row.
		m.stories, cmd = m.stories.keepFilter()
		if i = m.stories.indexOf(s.ID); i < 0 {
			return m, cmd
		}
	}
	if m.focus != focusStories {
		m.forgetWayBack()
		m.setFocus(focusStories)
	}
	if open {
		return m, func() tea.Msg { return openStoryMsg{story: s} }
	}
	m.stories.moveTo(i)
	m.stories.toEnd = false
	return m, tea.Batch(cmd, m.stories.maybeLoadMore())
}

// activeHelp is the key map of what has focus: help shows only what applies.
func (m Model) activeHelp() help.KeyMap {
	switch m.screen {
	case screenWelcome:
		return m.welcome
	case screenFeeds:
		return m.feeds
	case screenCompare:
		return m.compare
	case screenOverview:
		return m.overview
	case screenSaved:
		return m.saved
	}
	if m.focus == focusReader {
		return m.reader
	}
	return m.stories
}

// View draws the screen. It only lays out what Update prepared: no library
// reads and no Markdown rendering happen here.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	if m.bgKnown {
		v.BackgroundColor = m.styles.Background
		v.ForegroundColor = m.styles.Foreground
	}
	v.WindowTitle = "parallax"
	return v
}

func (m Model) render() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	bh := m.bodyHeight()
	var body string
	switch {
	case m.showHelp:
		body = m.helpView(w, bh)
	case m.screen == screenWelcome:
		body = fit(m.welcome.view(), w, bh)
	case m.screen == screenFeeds:
		body = fit(m.feeds.view(), w, bh)
	case m.screen == screenCompare:
		body = fit(m.compare.view(), w, bh)
	case m.screen == screenOverview:
		body = fit(m.overview.view(), w, bh)
	case m.screen == screenSaved:
		body = fit(m.saved.view(), w, bh)
	case m.wide():
		sw := m.storiesWidth()
		left := strings.Split(fit(m.stories.view(), sw, bh), "\n")
		right := strings.Split(fit(m.reader.view(), w-sw-dividerWidth, bh), "\n")
		div := m.styles.Divider.Render("│") + dividerGap
		var b strings.Builder
		for i := range bh {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(left[i])
			b.WriteString(div)
			b.WriteString(right[i])
		}
		body = b.String()
	case m.focus == focusReader:
		body = fit(m.reader.view(), w, bh)
	default:
		body = fit(m.stories.view(), w, bh)
	}
	parts := make([]string, 0, 3)
	if bh > 0 {
		parts = append(parts, body)
	}
	status, more := m.statusView(w)
	parts = append(parts, fitLine(status, w))
	if h >= 3 {
		if more == "" {
			more = m.help.ShortHelpView(m.activeHelp().ShortHelp())
		}
		parts = append(parts, fitLine(more, w))
	}
	return strings.Join(parts, "\n")
}

// statusView is the status bar, w wide: the message, and what runs in the
// background. more is the rest of an error that spills over the keys' line,
// else empty.
func (m Model) statusView(w int) (line, more string) {
	st := m.styles
	var left string
	if m.statusErr {
		left = st.StatusError.Render(m.status)
	} else {
		left = st.Status.Render(m.status)
	}
	var right string
	switch {
	case m.refresh.running():
		text := "Refreshing…"
		if m.refresh.total > 0 {
			text = refreshText(m.refresh.done, m.refresh.total, m.refresh.added)
		}
		right = st.StatusBusy.Render(text)
	case m.sample:
		right = st.Muted.Render("sample library")
	case m.readOnly != "":
		right = st.Muted.Render("read-only library")
	default:
		right = m.fullTextStatus()
	}
	lw, rw := widthOf(left), widthOf(right)
	switch {
	case right == "" && lw <= w:
		return left, ""
	case m.status == "":
		return right, ""
	case right != "" && lw+rw+2 <= w:
		return left + strings.Repeat(" ", w-lw-rw) + right, ""
	case m.statusErr && m.spill && lw > w:
		// Break at the last space that fills at least half the line, else
		// at the width: a long address would otherwise leave most of the
		// first line empty and push the reason off the second.
		first := ansi.Truncate(m.status, w, "")
		if i := strings.LastIndexByte(first, ' '); i > 0 && m.status[len(first)] != ' ' && widthOf(first[:i]) >= w/2 {
			first = first[:i]
		}
		rest := strings.TrimSpace(m.status[len(first):])
		return st.StatusError.Render(first), st.StatusError.Render(truncate(rest, w))
	case right == "" || !m.refresh.running():
		// One line, the message's own: one too long for it gives its
		// addresses in short, so the reason after them shows, and ends
		// in an ellipsis where it is cut.
		short := truncate(shortAddresses(m.status), w)
		if m.statusErr {
			return st.StatusError.Render(short), ""
		}
		return st.Status.Render(short), ""
	}
	// Both do not fit: the message yields to the refresh's progress.
	return right, ""
}

// helpView is the help box of the keys that apply where the reader is,
// in a body of w by h. A box taller than the body shows the lines from
// helpTop on, and says on its last line that more lie above or below.
func (m Model) helpView(w, h int) string {
	lines, room := m.helpLines(w, h)
	// Every line takes the width of the widest, at most the room inside
	// the box, so that the box keeps its size as it scrolls.
	wide := 0
	for _, l := range lines {
		wide = max(wide, widthOf(l))
	}
	wide = min(wide, max(w-6, 1))
	if view, last := helpWindow(len(lines), room); last > 0 {
		top := min(m.helpTop, last)
		more := "↑↓ more"
		switch top {
		case 0:
			more = "↓ more"
		case last:
			more = "↑ more"
		}
		lines = lines[top : top+view : top+view]
		if view < room {
			lines = append(lines, m.styles.Faint.Render(more))
		}
	}
	for i, l := range lines {
		lines[i] = fitLine(l, wide)
	}
	box := m.styles.HelpBox.Render(strings.Join(lines, "\n"))
	return fit(lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box), w, h)
}

// helpWindow is how many of n lines of help a box with room for room
// lines shows at once, and the first line shown when scrolled to the
// bottom: all of them from the first when they fit, else all but a line
// that says more lie above or below.
func helpWindow(n, room int) (view, last int) {
	if n <= room {
		return n, 0
	}
	view = max(room-1, 1) // a box of one line has no room to say so
	return view, n - view
}

// helpLines are the lines of the help box for a body of w by h, and how
// many of them the box has room for.
func (m Model) helpLines(w, h int) ([]string, int) {
	st := m.styles
	title := "Keys"
	switch {
	case m.screen == screenWelcome:
		title = "Keys · welcome"
	case m.screen == screenFeeds:
		title = "Keys · feeds"
	case m.screen == screenCompare:
		title = "Keys · compare"
	case m.screen == screenOverview:
		title = "Keys · overview"
	case m.screen == screenSaved:
		title = "Keys · saved"
	case m.focus == focusReader:
		title = "Keys · reader"
	default:
		title = "Keys · stories"
	}
	// The box's border and padding take four columns and two lines, and
	// a column on each side keeps it off the edges.
	inner, room := max(w-6, 1), max(h-2, 1)
	parts := []string{st.HelpTitle.Render(title)}
	parts = append(parts, helpColumns(m.help, m.activeHelp().FullHelp(), inner)...)
	p := clean(m.opts.ConfigPath)
	if p != "" {
		parts = append(parts, st.Faint.Render(truncate("Rebind keys in the [keys] table of "+p, inner)))
	}
	// Short of room, the parts lose the blank lines between them, then
	// the hint on rebinding; the keys that still do not fit scroll.
	content := strings.Join(parts, "\n\n")
	if lipgloss.Height(content) > room {
		content = strings.Join(parts, "\n")
	}
	if lipgloss.Height(content) > room && p != "" {
		content = strings.Join(parts[:len(parts)-1], "\n")
	}
	return strings.Split(content, "\n"), room
}

// helpColumns lays the columns of bindings side by side as far as width
// allows and returns the rows they make, so that a narrow terminal still
// lists every key: the help model would hide the columns that do not fit
// behind an ellipsis, or let one overflow when the ellipsis does not fit.
func helpColumns(hm help.Model, groups [][]key.Binding, width int) []string {
	hm.SetWidth(0)
	var rows []string
	var row [][]key.Binding
	for _, g := range groups {
		if len(row) > 0 && lipgloss.Width(hm.FullHelpView(append(row[:len(row):len(row)], g))) > width {
			rows = append(rows, hm.FullHelpView(row))
			row = nil
		}
		row = append(row, g)
	}
	if len(row) > 0 {
		rows = append(rows, hm.FullHelpView(row))
	}
	return rows
}
