package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// click is a left click on column x, line y of the screen.
func click(t testing.TB, m Model, x, y int) Model {
	t.Helper()
	return send(t, m, tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
}

// TestClickSelectsThenOpensAStory: on the list, a click selects the story
// on the row clicked, and a click on the story selected opens it; clicks
// elsewhere, and with other buttons, do nothing.
func TestClickSelectsThenOpensAStory(t *testing.T) {
	lib := smallLibrary(t, 40)
	m := start(t, lib, testOptions(), 80, 24)
	// Line 0 is the list's title; line 3 is its third story.
	m = click(t, m, 20, 3)
	if s, _ := m.stories.selected(); s.ID != 3 || m.reader.open || m.focus != focusStories {
		t.Fatalf("a click on the third row selected story %d (reader open %v, focus %v)", s.ID, m.reader.open, m.focus)
	}
	for _, miss := range []tea.Msg{
		tea.MouseClickMsg{X: 20, Y: 3, Button: tea.MouseRight},
		tea.MouseClickMsg{X: 20, Y: 0, Button: tea.MouseLeft},  // the title
		tea.MouseClickMsg{X: 20, Y: 22, Button: tea.MouseLeft}, // the status bar
		tea.MouseClickMsg{X: 20, Y: 23, Button: tea.MouseLeft}, // the keys
	} {
		if m = send(t, m, miss); m.stories.cursor != 2 || m.reader.open {
			t.Fatalf("%v moved the cursor to %d or opened the story", miss, m.stories.cursor)
		}
	}
	m = click(t, m, 20, 3)
	if m.focus != focusReader || m.reader.story.ID != 3 || !strings.Contains(screenText(m), "City library to open on Sundays") {
		t.Fatalf("a click on the story selected did not open it:\n%s", screenText(m))
	}
	// The reader alone on screen takes no clicks meant for the list.
	if m = click(t, m, 20, 5); m.focus != focusReader || m.reader.story.ID != 3 {
		t.Fatalf("a click on the reader went to the hidden list: focus %v, story %d", m.focus, m.reader.story.ID)
	}
	// Far down the list, the row clicked is the one drawn there.
	m = press(t, m, "esc", "G")
	m = click(t, m, 20, 1)
	if s, _ := m.stories.selected(); s.ID != m.stories.rows[m.stories.top].story.ID || m.stories.top == 0 {
		t.Errorf("a click on the first row shown, top %d, selected story %d", m.stories.top, s.ID)
	}
}

// TestClickWhileFiltering keeps the filter typed, as enter does, and
// selects the story clicked; a second click opens it.
func TestClickWhileFiltering(t *testing.T) {
	m := start(t, smallLibrary(t, 20), testOptions(), 80, 24)
	m = press(t, m, "/")
	m = typeText(t, m, "river")
	m = click(t, m, 20, 2)
	if m.stories.typing() || m.stories.filter != "river" {
		t.Fatalf("a click left the prompt open (%v) or the filter %q", m.stories.typing(), m.stories.filter)
	}
	want := m.stories.rows[m.stories.visible[1]].story
	if s, _ := m.stories.selected(); s.ID != want.ID || !strings.Contains(want.Title, "river") {
		t.Fatalf("the click selected story %d, want the second match, %d %q", s.ID, want.ID, want.Title)
	}
	m = click(t, m, 20, 2)
	if m.focus != focusReader || m.reader.story.ID != want.ID {
		t.Errorf("the second click opened story %d, focus %v", m.reader.story.ID, m.focus)
	}
}

// TestClickBesideTheReader: in the wide layout a click on the list selects
// and the reader follows; a click on the reader reads the story shown; a
// click back on the list gives it the keys again.
func TestClickBesideTheReader(t *testing.T) {
	lib := smallLibrary(t, 10)
	m := start(t, lib, testOptions(), 160, 30)
	m = click(t, m, 10, 2)
	if m.focus != focusStories || m.reader.story.ID != 2 || !m.reader.preview {
		t.Fatalf("a click on the second row: focus %v, reader on story %d (preview %v)", m.focus, m.reader.story.ID, m.reader.preview)
	}
	// The divider is neither pane.
	if m = click(t, m, m.storiesWidth(), 5); m.focus != focusStories {
		t.Fatal("a click on the divider moved the focus")
	}
	m = click(t, m, 120, 10)
	if m.focus != focusReader || m.reader.story.ID != 2 || m.reader.preview || len(lib.setReads) != 1 {
		t.Fatalf("a click on the reader: focus %v, story %d, preview %v, marked %q", m.focus, m.reader.story.ID, m.reader.preview, lib.setReads)
	}
	m = click(t, m, 10, 4)
	if m.focus != focusStories || m.stories.cursor != 3 {
		t.Fatalf("a click on the list from the reader: focus %v, cursor %d", m.focus, m.stories.cursor)
	}
	if m.reader.story.ID != 4 {
		t.Errorf("the reader did not follow the click to story 4 but shows %d", m.reader.story.ID)
	}
}

// TestClickOnASavedStory selects it, and a second click reads it.
func TestClickOnASavedStory(t *testing.T) {
	lib := smallLibrary(t, 3)
	for _, id := range []int64{1, 3} {
		for i := range lib.stories {
			if lib.stories[i].ID == id {
				lib.stories[i].Saved = true
			}
		}
	}
	m := start(t, lib, testOptions(), 100, 20)
	m = press(t, m, "S")
	if len(m.saved.stories) != 3 {
		t.Fatalf("%d saved stories, want 3", len(m.saved.stories))
	}
	m = click(t, m, 20, 3)
	want := m.saved.stories[2]
	if m.saved.cursor != 2 || m.screen != screenSaved {
		t.Fatalf("a click on the third saved story: cursor %d, screen %v", m.saved.cursor, m.screen)
	}
	m = click(t, m, 20, 3)
	if m.screen != screenMain || m.focus != focusReader || m.reader.story.ID != want.ID {
		t.Errorf("a second click: screen %v, focus %v, story %d, want %d", m.screen, m.focus, m.reader.story.ID, want.ID)
	}
}

// TestWheelAndClickAgreeOnTheDivider: across the columns around the wide
// view's divider, the wheel scrolls the pane a click there would act on,
// and over the divider itself, neither.
func TestWheelAndClickAgreeOnTheDivider(t *testing.T) {
	lib := smallLibrary(t, 60)
	base := start(t, lib, testOptions(), 160, 18) // the first story is longer than the reader
	sw := base.storiesWidth()
	for x := sw - 2; x <= sw+3; x++ {
		m := send(t, base, tea.MouseWheelMsg{X: x, Y: 5, Button: tea.MouseWheelDown})
		list, reader := m.stories.cursor != base.stories.cursor, m.reader.offset != base.reader.offset
		c := click(t, base, x, 5)
		clickList, clickReader := c.stories.cursor != base.stories.cursor, c.focus == focusReader
		if list != clickList || reader != clickReader || list && reader {
			t.Errorf("column %d (divider at %d): the wheel scrolled list %v, reader %v; a click acted on list %v, reader %v",
				x, sw, list, reader, clickList, clickReader)
		}
		if (x < sw) != list || (x >= sw+2) != reader {
			t.Errorf("column %d (divider at %d): the wheel scrolled list %v, reader %v", x, sw, list, reader)
		}
	}
}
