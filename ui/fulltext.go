package ui

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"parallax/store"
)

// The values of the config's fulltext setting: when the reader fetches an
// article's own page for its full text. Every mode but never also fetches
// when an article is opened, when a story is compared and, at once, for
// every article of a saved story.
const (
	// FullTextOnOpen fetches only then.
	FullTextOnOpen = "on-open"
	// FullTextStories also fetches, after each refresh, the articles of
	// stories told by two sources or more, a few at a time.
	FullTextStories = "stories"
	// FullTextAlways also fetches every article after each refresh.
	FullTextAlways = "always"
	// FullTextNever never fetches pages: the reader shows what feeds give.
	FullTextNever = "never"
)

// DefaultKeepDays is how long unsaved articles are kept when the config
// does not say.
const DefaultKeepDays = 60

// FullTextModes lists the values of the config's fulltext setting.
func FullTextModes() []string {
	return []string{FullTextOnOpen, FullTextStories, FullTextAlways, FullTextNever}
}

func checkFullText(mode string) error {
	if slices.Contains(FullTextModes(), mode) {
		return nil
	}
	return fmt.Errorf("fulltext is %q; want one of %s", mode, strings.Join(FullTextModes(), ", "))
}

// FullTextMode is the config's fulltext setting, never when unset.
func (c Config) FullTextMode() string {
	if c.FullText == "" {
		return FullTextNever
	}
	return c.FullText
}

// BackgroundFullText is what to fetch after a refresh in the config's
// mode: the articles of stories with two sources or more (stories), every
// article (always), or the articles of saved stories only (on-open). ok is
// false for never.
func (c Config) BackgroundFullText() (q store.FullTextQuery, ok bool) {
	switch c.FullTextMode() {
	case FullTextStories:
		return store.FullTextQuery{MinSources: 2, Limit: backgroundFullTextLimit}, true
	case FullTextAlways:
		return store.FullTextQuery{Limit: backgroundFullTextLimit}, true
	case FullTextOnOpen:
		return store.FullTextQuery{SavedOnly: true, Limit: backgroundFullTextLimit}, true
	}
	return store.FullTextQuery{}, false
}

// backgroundFullTextLimit bounds one background run, newest articles
// first; the next refresh takes up the rest.
const backgroundFullTextLimit = 200

// FullTextReport is what one fetch of full texts did.
type FullTextReport struct {
	Fetched []int64 // articles whose full text was stored
	Stories []int64 // the stories of those articles
	Failed  int
	Waiting int    // articles left because their site asked to be left alone for now
	Offline bool   // the network looked down, and the rest was left for later
	Err     string // the first failure or wait, one line naming the page
}

// FullTextFunc fetches the full text of the articles q selects into the
// library. It runs off the UI goroutine.
type FullTextFunc func(ctx context.Context, q store.FullTextQuery) (FullTextReport, error)

// fullTextReason is what asked for full text, which decides what the
// reader says about it.
type fullTextReason int

const (
	fullTextOpened   fullTextReason = iota // an article was opened
	fullTextCompared                       // a story was compared
	fullTextSaved                          // a story was saved
	fullTextRefresh                        // a refresh finished
)

type (
	// fullTextWantMsg asks the root to fetch full text.
	fullTextWantMsg struct {
		q   store.FullTextQuery
		why fullTextReason
	}

	// fullTextDoneMsg reports a fetch of full texts.
	fullTextDoneMsg struct {
		q      store.FullTextQuery
		why    fullTextReason
		report FullTextReport
		err    error
	}
)

// fullTextState is the root's view of full-text fetching.
type fullTextState struct {
	opening  int            // fetches for opened articles in flight, shown in the status bar
	offline  bool           // the last refresh or fetch found the network down
	compared map[int64]bool // stories whose compare pane has asked already
}

// requestStoryFullText asks the root for the full text of every article of
// a story, as the compare pane and the overview do when they open one.
func requestStoryFullText(storyID int64) tea.Cmd {
	return func() tea.Msg {
		return fullTextWantMsg{q: store.FullTextQuery{Story: storyID}, why: fullTextCompared}
	}
}

// requestArticleFullText asks the root for the full text of an article
// just opened, unless it has it or has no page to fetch it from.
func requestArticleFullText(a store.Article) tea.Cmd {
	if a.FullText || a.ID == 0 || !isWebURL(a.URL) {
		return nil
	}
	return func() tea.Msg {
		return fullTextWantMsg{q: store.FullTextQuery{Articles: []int64{a.ID}}, why: fullTextOpened}
	}
}

func isWebURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// fullTextUpdate handles the messages of full-text fetching and of the
// saved stories screen; ok is false for any other message.
func (m Model) fullTextUpdate(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case fullTextWantMsg:
		m, cmd := m.wantFullText(msg)
		return m, cmd, true
	case fullTextDoneMsg:
		m, cmd := m.fullTextDone(msg)
		return m, cmd, true
	case savedStoriesMsg:
		if msg.err != nil {
			m.setError(msg.err)
		}
		var cmd tea.Cmd
		m.saved, cmd = m.saved.update(msg)
		return m, cmd, true
	}
	return m, nil, false
}

// wantFullText starts a fetch when the config and the network allow.
func (m Model) wantFullText(msg fullTextWantMsg) (Model, tea.Cmd) {
	fn := m.opts.FullText
	if fn == nil || m.sample || m.readOnly != "" || m.opts.Config.FullTextMode() == FullTextNever || m.fullText.offline {
		return m, nil
	}
	if msg.why == fullTextCompared {
		if m.fullText.compared[msg.q.Story] {
			return m, nil
		}
		if m.fullText.compared == nil {
			m.fullText.compared = map[int64]bool{}
		}
		m.fullText.compared[msg.q.Story] = true
	}
	if msg.why == fullTextOpened {
		m.fullText.opening++
	}
	ctx := m.ctx
	return m, func() tea.Msg {
		var (
			rep FullTextReport
			err error
		)
		func() {
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("panic: %v", p)
				}
			}()
			rep, err = fn(ctx, msg.q)
		}()
		if err != nil {
			err = fmt.Errorf("fetch full text: %w", err)
		}
		return fullTextDoneMsg{q: msg.q, why: msg.why, report: rep, err: err}
	}
}

// fullTextDone shows new full texts where they are on screen and says
// what went wrong only when the user is waiting for it.
func (m Model) fullTextDone(msg fullTextDoneMsg) (Model, tea.Cmd) {
	if msg.why == fullTextOpened {
		m.fullText.opening = max(m.fullText.opening-1, 0)
	}
	rep := msg.report
	if rep.Offline {
		m.fullText.offline = true
	}
	if msg.err != nil && msg.why != fullTextRefresh {
		m.setError(msg.err)
	}
	if msg.why == fullTextOpened && rep.Failed+rep.Waiting > 0 && !rep.Offline && len(rep.Fetched) == 0 {
		if a, ok := m.reader.current(); ok && slices.Contains(msg.q.Articles, a.ID) {
			shown := "the feed's summary"
			if !a.HasText() {
				shown = "the feed's headline alone"
			}
			// The page is the article's own: its address would take the
			// line before the reason.
			m.setStatus("Showing " + shown + ": " + clean(Reason(a.URL, rep.Err)))
		}
	}
	if len(rep.Stories) == 0 {
		return m, nil
	}
	m.forgetAnalyses(rep.Stories)
	var cmds []tea.Cmd
	if m.reader.open && slices.Contains(rep.Stories, m.reader.story.ID) {
		cmds = append(cmds, m.reader.reload())
	}
	if (m.compare.open && slices.Contains(rep.Stories, m.compare.story.ID)) ||
		(m.overview.open && slices.Contains(rep.Stories, m.overview.story.ID)) {
		cmds = append(cmds, m.reloadAnalysis())
	}
	return m, tea.Batch(cmds...)
}

// forgetAnalyses drops the analyses that the compare and overview panes
// keep, while closed, for reopening, when they are of one of stories (nil:
// any): the stories' texts have changed, and a pane opened from the story
// list, which knows only how many articles a story has, would show them
// as they were.
func (m *Model) forgetAnalyses(stories []int64) {
	stale := func(open bool, an *analysis) bool {
		return !open && an != nil && (stories == nil || slices.Contains(stories, an.storyID))
	}
	if stale(m.compare.open, m.compare.an) {
		m.compare.an = nil
	}
	if stale(m.overview.open, m.overview.an) {
		m.overview.an = nil
	}
}

// afterRefresh notes whether the network is down and, when it is not,
// starts the background fetch of full texts the config asks for.
func (m *Model) afterRefresh(sum RefreshSummary) tea.Cmd {
	m.forgetAnalyses(nil)
	m.fullText.offline = sum.Offline
	if sum.Offline {
		return nil
	}
	q, ok := m.opts.Config.BackgroundFullText()
	if !ok {
		return nil
	}
	return func() tea.Msg { return fullTextWantMsg{q: q, why: fullTextRefresh} }
}

// afterSave fetches the full text of every article of a story just saved.
func afterSave(storyID int64) tea.Cmd {
	return func() tea.Msg {
		return fullTextWantMsg{q: store.FullTextQuery{Story: storyID, Now: true}, why: fullTextSaved}
	}
}

// analysedFullText asks, once per story, for the full text of the story on
// show in the compare pane or the overview when its analysis arrives.
func (m Model) analysedFullText(msg analysedMsg) tea.Cmd {
	if msg.err != nil || m.fullText.compared[msg.storyID] {
		return nil
	}
	if (m.screen == screenCompare && m.compare.story.ID == msg.storyID) ||
		(m.screen == screenOverview && m.overview.story.ID == msg.storyID) {
		return requestStoryFullText(msg.storyID)
	}
	return nil
}

// fullTextStatus is the right-hand part of the status bar that full-text
// fetching contributes: that the network is down, or that a page is on its
// way.
func (m Model) fullTextStatus() string {
	switch {
	case m.fullText.offline:
		return m.styles.Muted.Render("offline")
	case m.fullText.opening > 0:
		return m.styles.StatusBusy.Render("Fetching full text…")
	}
	return ""
}
