package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"parallax/store"
	"parallax/themes"
)

// savedStoriesMsg brings the saved stories for the saved screen.
type savedStoriesMsg struct {
	stories []store.Story
	err     error
}

func loadSaved(ctx context.Context, lib Library) tea.Cmd {
	return func() tea.Msg {
		list, err := lib.Stories(ctx, store.StoryQuery{SavedOnly: true})
		if err != nil {
			return savedStoriesMsg{err: fmt.Errorf("load saved stories: %w", err)}
		}
		kept := list[:0]
		for _, s := range list {
			if s.Saved {
				kept = append(kept, s)
			}
		}
		return savedStoriesMsg{stories: kept}
	}
}

// savedPane is the saved screen: the stories the reader chose to keep,
// most recently updated first. Their articles are never purged and have
// their full text, so they read the same offline.
type savedPane struct {
	ctx    context.Context
	lib    Library
	keys   KeyMap
	styles *themes.Styles
	now    func() time.Time

	width, height int

	stories []store.Story
	loaded  bool
	err     error
	cursor  int
	top     int
}

func newSavedPane(ctx context.Context, lib Library, keys KeyMap, st *themes.Styles, now func() time.Time) savedPane {
	return savedPane{ctx: ctx, lib: lib, keys: keys, styles: st, now: now}
}

func (p *savedPane) setSize(w, h int) {
	p.width, p.height = w, h
	p.scrollIntoView()
}

func (p *savedPane) setStyles(st *themes.Styles) { p.styles = st }

func (p *savedPane) setLibrary(lib Library) {
	p.lib = lib
	p.stories, p.loaded, p.err, p.cursor, p.top = nil, false, nil, 0, 0
}

// load asks for the saved stories.
func (p savedPane) load() tea.Cmd { return loadSaved(p.ctx, p.lib) }

func (p savedPane) selected() (store.Story, bool) {
	if p.cursor < 0 || p.cursor >= len(p.stories) {
		return store.Story{}, false
	}
	return p.stories[p.cursor], true
}

func (p savedPane) listHeight() int { return max(p.height-1, 0) }

// rowAt is the index of the story drawn on line y of the pane, under its
// title.
func (p savedPane) rowAt(y int) (int, bool) {
	return rowOnLine(y, p.top, len(p.stories), p.listHeight())
}

func (p *savedPane) scrollIntoView() {
	p.cursor, p.top = windowTop(p.cursor, p.top, len(p.stories), p.listHeight())
}

func (p savedPane) update(msg tea.Msg) (savedPane, tea.Cmd) {
	switch msg := msg.(type) {
	case savedStoriesMsg:
		p.loaded, p.err = true, msg.err
		if msg.err != nil {
			return p, nil
		}
		sel, had := p.selected()
		p.stories = msg.stories
		if had {
			for i, s := range p.stories {
				if s.ID == sel.ID {
					p.cursor = i
				}
			}
		}
		p.scrollIntoView()
	case tea.KeyPressMsg, tea.MouseWheelMsg:
		p.cursor, _ = listStep(msg, p.keys, p.cursor, len(p.stories), p.listHeight())
		p.scrollIntoView()
	}
	return p, nil
}

// savedKeys handles a key on the saved screen: enter reads the story, s
// lets it go, esc goes back to the stories.
func (m Model) savedKeys(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		m.screen = screenMain
		return m, nil
	case key.Matches(msg, k.Refresh):
		return m, m.startRefresh(nil)
	case key.Matches(msg, k.Open):
		return m.readSaved()
	case key.Matches(msg, k.Save):
		if s, ok := m.saved.selected(); ok {
			return m, setSaved(m.ctx, m.lib, s.ID, false)
		}
		return m, nil
	}
	var cmd tea.Cmd
	m.saved, cmd = m.saved.update(msg)
	return m, cmd
}

// readSaved opens the saved story selected in the reader; esc there comes
// back to the saved stories.
func (m Model) readSaved() (Model, tea.Cmd) {
	s, ok := m.saved.selected()
	if !ok {
		return m, nil
	}
	m.screen = screenMain
	m.fromSaved = true
	return m, m.read(s)
}

// openSaved shows the saved screen.
func (m Model) openSaved() (Model, tea.Cmd) {
	m.screen = screenSaved
	return m, m.saved.load()
}

func (p savedPane) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.Down, k.Up, k.Open, described(k.Save, "unsave"), k.Back, k.Help}
}

func (p savedPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Open, described(k.Save, "unsave story"), k.Refresh},
		{k.Back, k.Theme, k.Help, k.Quit},
	}
}

func (p savedPane) view() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	st := p.styles
	var b strings.Builder
	b.WriteString(st.PaneTitle.Render(truncate("Saved · "+plural(len(p.stories), "story", "stories"), p.width)))
	empty := "No saved stories. Press " + p.keys.Save.Help().Key + " on a story to keep it here, whole and for good."
	if notice := listNotice(st, p.width, p.loaded, p.err, len(p.stories), empty); notice != "" {
		return b.String() + "\n" + notice
	}
	now := p.now()
	end := min(p.top+p.listHeight(), len(p.stories))
	for i := p.top; i < end; i++ {
		b.WriteByte('\n')
		b.WriteString(p.rowView(p.stories[i], i == p.cursor, now))
	}
	return b.String()
}

// rowView draws a saved story as the story list draws it, with its unread
// mark: a story is saved to be read later as often as once it is read.
func (p savedPane) rowView(s store.Story, selected bool, now time.Time) string {
	list := storiesPane{width: p.width, styles: p.styles, focused: true}
	return list.drawRow(newRow(s), selected, ago(now, s.Updated))
}
