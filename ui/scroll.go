package ui

import (
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"parallax/themes"
)

// windowTop keeps the cursor of a list of n rows on one of them and
// returns it with the first row to show in a window of height rows, so
// that the cursor's row is in view: the window moves as little as it must
// from top, and never past either end of the list. A window with no room
// shows the cursor's row first.
func windowTop(cursor, top, n, height int) (int, int) {
	cursor = min(max(cursor, 0), max(n-1, 0))
	if height <= 0 {
		return cursor, cursor
	}
	if cursor < top {
		top = cursor
	}
	if cursor >= top+height {
		top = cursor - height + 1
	}
	return cursor, min(max(top, 0), max(n-height, 0))
}

// rowOnLine is the row drawn on line y of a pane that lists n rows from
// row top, height rows at a time, under a line of its own (a title or a
// prompt), and whether a row is drawn there at all.
func rowOnLine(y, top, n, height int) (int, bool) {
	i := top + y - 1
	return i, y >= 1 && y <= height && i < n
}

// listStep is where a key or a turn of the wheel moves the cursor of a
// list of n rows shown page rows at a time, and whether it moves it at
// all; the caller keeps the cursor within the list. The reader moves the
// first line of a text shown the same way.
func listStep(msg tea.Msg, k KeyMap, cursor, n, page int) (int, bool) {
	step := max(page-1, 1)
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			return cursor - 1, true
		case key.Matches(msg, k.Down):
			return cursor + 1, true
		case key.Matches(msg, k.PageUp):
			return cursor - step, true
		case key.Matches(msg, k.PageDown):
			return cursor + step, true
		case key.Matches(msg, k.Top):
			return 0, true
		case key.Matches(msg, k.Bottom):
			return n - 1, true
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			return cursor - 3, true
		case tea.MouseWheelDown:
			return cursor + 3, true
		}
	}
	return cursor, false
}

// listNotice is the line a list shows in place of its rows: that they are
// loading, the error that kept them away, or, when there are none, empty,
// which says what to do. It is "" when there are rows to show.
func listNotice(st *themes.Styles, width int, loaded bool, err error, rows int, empty string) string {
	switch {
	case !loaded:
		return st.Faint.Render(truncate("Loading…", width))
	case err != nil:
		return st.Error.Render(truncate(clean(err.Error()), width))
	case rows == 0:
		return st.Faint.Render(truncate(empty, width))
	}
	return ""
}

// textPlace is where in a text the user scrolled to, kept across the
// resizes that wrap the text afresh: the words at the top of the screen
// stay there, rather than the number of the line, which in text wrapped
// narrower is further back and wider further on. The place is the number
// of letters and digits before the first word at the top, which wrapping
// moves from line to line but never adds to or takes away, as it may
// spaces, margins and rules. It is taken again only once the user has
// scrolled: each resize goes back to the same words, where taking it from
// the line the last one landed on would creep back a line at every step
// of a window's edge dragged across the screen. The zero textPlace is the
// top of the text.
type textPlace struct {
	letters int
	line    int // the line the place was last put on top at
}

// rewrap is the line of lines to show on top, the text shown as was with
// line top on top and now wrapped afresh.
func (pl *textPlace) rewrap(was []string, top int, lines []string) int {
	if pl.line != top {
		pl.letters = 0
		for _, l := range was[:min(max(top, 0), len(was))] {
			pl.letters += lettersIn(l)
		}
	}
	pl.line = len(lines)
	seen := 0
	for i, l := range lines {
		if seen += lettersIn(l); seen > pl.letters {
			pl.line = i
			break
		}
	}
	if pl.letters == 0 {
		pl.line = 0
	}
	return pl.line
}

// lettersIn counts the letters and digits of a drawn line.
func lettersIn(line string) int {
	n := 0
	for _, r := range ansi.Strip(line) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
