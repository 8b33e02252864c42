package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"parallax/store"
)

// place is where the user was: a screen, and on the main screen the pane
// that had focus. esc in the compare pane and the overview goes back to it.
type place struct {
	screen screen
	focus  focus
}

// goTo leaves the current place for screen s, remembering the way back.
// Coming round to a screen already on the way back (compare, overview,
// compare) cuts the loop, so that esc never cycles.
func (m *Model) goTo(s screen) {
	m.back = append(m.back, place{m.screen, m.focus})
	for i, p := range m.back {
		if p.screen == s {
			m.back = m.back[:i]
			break
		}
	}
	m.screen = s
}

// goBack returns to where the compare pane or the overview was opened from.
func (m *Model) goBack() {
	to := place{screen: screenMain, focus: m.focus}
	if n := len(m.back); n > 0 {
		to, m.back = m.back[n-1], m.back[:n-1]
	}
	m.leave(m.screen)
	m.screen = to.screen
	if to.screen == screenMain {
		m.setFocus(to.focus)
	}
}

// forgetWayBack drops where the reader was opened from, the saved stories
// or a story's overview with the way back from it, when the reader is left
// for somewhere else.
func (m *Model) forgetWayBack() {
	m.fromSaved = false
	if !m.fromOverview {
		return
	}
	m.fromOverview = false
	m.back = nil
	m.leave(screenCompare)
	m.leave(screenOverview)
}

// leave closes the compare pane or the overview when it is left for good.
func (m *Model) leave(s screen) {
	for _, p := range m.back {
		if p.screen == s {
			return
		}
	}
	switch s {
	case screenCompare:
		m.compare.close()
	case screenOverview:
		m.overview.open = false
	}
}

// mainStory is the story c and v act on from the main screen: the one in
// the reader when it has focus, with its articles and the one being read,
// else the one selected in the list.
func (m Model) mainStory() (s store.Story, arts []store.Article, current int64, ok bool) {
	if m.focus == focusReader && m.reader.open {
		if m.reader.loading || m.reader.err != nil {
			return m.reader.story, nil, 0, false
		}
		a, _ := m.reader.current()
		// The reader marks its articles read as it goes: the analysis gets
		// a copy of its own.
		return m.reader.story, slices.Clone(m.reader.articles), a.ID, true
	}
	s, ok = m.stories.selected()
	return s, nil, 0, ok
}

// openCompare opens the compare pane from the main screen, or says why
// not: a story of one source has nothing to compare.
func (m Model) openCompare() (Model, tea.Cmd) {
	s, arts, current, ok := m.mainStory()
	if !ok {
		return m, nil
	}
	n := max(s.Count, len(s.Sources))
	if arts != nil {
		n = len(arts)
	}
	if n < 2 {
		m.setStatus("Only one source tells this story: there is nothing to compare.")
		return m, nil
	}
	m.goTo(screenCompare)
	var an *analysis
	if m.overview.an.fits(s, arts) {
		an = m.overview.an
	}
	return m, m.compare.start(s, an, arts, current)
}

// openOverview opens the story overview from the main screen.
func (m Model) openOverview() (Model, tea.Cmd) {
	s, arts, current, ok := m.mainStory()
	if !ok {
		return m, nil
	}
	m.goTo(screenOverview)
	var an *analysis
	if m.compare.an.fits(s, arts) {
		an = m.compare.an
	}
	return m, m.overview.start(s, an, arts, current)
}

// compareKeys handles a key in the compare pane.
func (m Model) compareKeys(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		m.goBack()
		return m, nil
	case key.Matches(msg, k.Refresh):
		return m, m.startRefresh(nil)
	case key.Matches(msg, k.Overview):
		if m.compare.an == nil {
			return m, nil
		}
		left, _ := m.compare.article(0)
		m.goTo(screenOverview)
		return m, m.overview.start(m.compare.story, m.compare.an, nil, left.ID)
	}
	var cmd tea.Cmd
	m.compare, cmd = m.compare.update(msg)
	return m, cmd
}

// overviewKeys handles a key in the story overview: enter reads the
// source under the cursor, c compares it with the next.
func (m Model) overviewKeys(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		m.goBack()
		return m, nil
	case key.Matches(msg, k.Refresh):
		return m, m.startRefresh(nil)
	case key.Matches(msg, k.Open):
		a, ok := m.overview.selected()
		if !ok {
			return m, nil
		}
		s := m.overview.story
		if n := len(m.back); n > 0 && m.back[n-1] == (place{screenMain, focusReader}) {
			// Opened from the reader: back to it, on the source chosen.
			m.goBack()
			return m, m.reader.openArticle(s, a.ID)
		}
		// The overview stays, with the way back from it, for esc in the
		// reader to return to.
		m.screen = screenMain
		m.setFocus(focusReader)
		m.fromOverview = true
		return m, m.reader.openArticle(s, a.ID)
	case key.Matches(msg, k.Compare):
		a, ok := m.overview.selected()
		if !ok {
			return m, nil
		}
		if len(m.overview.an.articles) < 2 {
			m.setStatus("Only one source tells this story: there is nothing to compare.")
			return m, nil
		}
		m.goTo(screenCompare)
		return m, m.compare.start(m.overview.story, m.overview.an, nil, a.ID)
	}
	var cmd tea.Cmd
	m.overview, cmd = m.overview.update(msg)
	return m, cmd
}

// analysed routes a story's analysis to the compare pane and the overview,
// and leaves a compare pane that has turned out to have one source.
func (m Model) analysed(msg analysedMsg) (Model, tea.Cmd) {
	if msg.err != nil && !m.compare.willFollow(msg) && !m.overview.willFollow(msg) {
		m.setError(msg.err)
	}
	var c1, c2 tea.Cmd
	m.compare, c1 = m.compare.update(msg)
	m.overview, c2 = m.overview.update(msg)
	if m.screen == screenCompare && m.compare.single() {
		m.goBack()
		m.setStatus("Only one source tells this story: there is nothing to compare.")
	}
	return m, tea.Batch(c1, c2)
}

// reloadAnalysis asks again for the story on show in the compare pane or
// the overview, after a refresh; one analysis serves both.
func (m Model) reloadAnalysis() tea.Cmd {
	if c := m.compare.reload(); c != nil {
		return c
	}
	return m.overview.reload()
}
