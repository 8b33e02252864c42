package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"parallax/feeds"
	"parallax/store"
)

// checkShape fails unless the screen is exactly w columns by h lines.
func checkShape(t *testing.T, m Model, w, h int) {
	t.Helper()
	s := screenText(m)
	if w <= 0 || h <= 0 {
		if s != "" {
			t.Fatalf("%dx%d: drew %q", w, h, s)
		}
		return
	}
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		t.Fatalf("%dx%d: %d lines:\n%s", w, h, len(lines), s)
	}
	for i, l := range lines {
		if got := widthOf(l); got != w {
			t.Fatalf("%dx%d: line %d is %d wide: %q", w, h, i, got, l)
		}
	}
}

func TestWideShowsBothPanesAndTabMovesFocus(t *testing.T) {
	m := start(t, smallLibrary(t, 10), testOptions(), 160, 16)
	m = press(t, m, "enter")
	s := screenText(m)
	if !strings.Contains(s, "Stories ·") || !strings.Contains(s, "The council voted") {
		t.Fatalf("wide screen should show list and article:\n%s", s)
	}
	if m.focus != focusReader {
		t.Fatal("enter did not focus the reader")
	}
	m = press(t, m, "j")
	if m.reader.offset != 1 || m.stories.cursor != 0 {
		t.Fatalf("j went to the wrong pane: offset %d cursor %d", m.reader.offset, m.stories.cursor)
	}
	m = press(t, m, "tab")
	if m.focus != focusStories || m.reader.story.ID != 1 || m.reader.preview {
		t.Fatalf("tab did not move focus to the list, leaving the story read (focus %v, story %d)", m.focus, m.reader.story.ID)
	}
	// The reader beside the list shows what it selects.
	m = press(t, m, "j")
	if m.stories.cursor != 1 || m.reader.story.ID != 2 || !strings.Contains(screenText(m), "https://valleyradio.example/news/21") {
		t.Fatalf("the reader does not follow the list (cursor %d, story %d):\n%s", m.stories.cursor, m.reader.story.ID, screenText(m))
	}
	m = press(t, m, "tab")
	if m.focus != focusReader || m.reader.story.ID != 2 {
		t.Fatal("tab did not move focus back to the reader")
	}
	// Narrowing the terminal shows the focused pane alone.
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	s = screenText(m)
	if strings.Contains(s, "Stories ·") || !strings.Contains(s, "https://valleyradio.example/news/21") {
		t.Fatalf("narrow screen should show only the reader:\n%s", s)
	}
}

// TestWideReaderPreviewsTheSelection: beside the list, the reader shows
// the story the list selects, from the first, without marking it read or
// fetching its page; enter, or tab, opens it to read where it is.
func TestWideReaderPreviewsTheSelection(t *testing.T) {
	lib := smallLibrary(t, 10)
	var asked []store.FullTextQuery
	opts := testOptions()
	opts.Config.FullText = FullTextOnOpen
	opts.FullText = func(_ context.Context, q store.FullTextQuery) (FullTextReport, error) {
		asked = append(asked, q)
		return FullTextReport{}, nil
	}
	m := start(t, lib, opts, 160, 18)
	if !m.reader.preview || m.reader.story.ID != 1 || !strings.Contains(screenText(m), "The council voted") {
		t.Fatalf("the reader does not preview the first story:\n%s", screenText(m))
	}
	m = press(t, m, "j", "j")
	if m.reader.story.ID != 3 || !strings.Contains(screenText(m), "City library to open on Sundays") {
		t.Fatalf("the reader does not follow the list to the third story:\n%s", screenText(m))
	}
	m = press(t, m, "k")
	if m.reader.story.ID != 2 || !strings.Contains(screenText(m), "A late frost swept across the valley") {
		t.Fatalf("the reader does not follow the list back up:\n%s", screenText(m))
	}
	m = press(t, m, "k") // back to the first, long enough to scroll
	if len(lib.setReads) != 0 || len(asked) != 0 || m.focus != focusStories {
		t.Fatalf("previews marked %q read and fetched %v; focus %v", lib.setReads, asked, m.focus)
	}
	// The wheel scrolls the preview; enter keeps it where it is.
	m = send(t, m, tea.MouseWheelMsg{X: 120, Y: 10, Button: tea.MouseWheelDown})
	offset := m.reader.offset
	m = press(t, m, "enter")
	if m.focus != focusReader || m.reader.preview || len(lib.setReads) != 1 || lib.setReads[0] != "11=true" || len(asked) != 1 {
		t.Fatalf("enter on the preview: focus %v, preview %v, marked %q, fetched %v", m.focus, m.reader.preview, lib.setReads, asked)
	}
	if offset == 0 || m.reader.offset != offset {
		t.Errorf("enter on the preview scrolled from line %d to %d", offset, m.reader.offset)
	}
	m = press(t, m, "esc", "j", "tab")
	if m.focus != focusReader || m.reader.story.ID != 2 || m.reader.preview || len(lib.setReads) != 2 {
		t.Fatalf("tab on the preview: focus %v, story %d, preview %v, marked %q", m.focus, m.reader.story.ID, m.reader.preview, lib.setReads)
	}
	// Narrow, the list hides the reader, which does not follow it.
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = press(t, m, "esc", "j")
	if m.reader.story.ID != 2 {
		t.Errorf("the hidden reader followed the list to story %d", m.reader.story.ID)
	}
}

// TestHoldingJPreviewsWhereItStops: a burst of moves, as a held key makes,
// reads and renders only the story the cursor stops on.
func TestHoldingJPreviewsWhereItStops(t *testing.T) {
	m := start(t, smallLibrary(t, 20), testOptions(), 160, 40)
	var burst []tea.Cmd
	for range 8 {
		var cmd tea.Cmd
		m, cmd = m.update(keyMsg("j"))
		burst = append(burst, cmd)
	}
	if m.reader.story.ID != 1 {
		t.Fatalf("the reader changed story during the burst, to %d", m.reader.story.ID)
	}
	var rendered []int64
	queue := msgsOf(tea.Batch(burst...))
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		if r, ok := msg.(renderedMsg); ok {
			rendered = append(rendered, r.key.articleID)
		}
		var cmd tea.Cmd
		m, cmd = m.update(msg)
		queue = append(queue, msgsOf(cmd)...)
	}
	want := m.stories.rows[m.stories.visible[8]].story
	if m.reader.story.ID != want.ID || len(rendered) != 1 || rendered[0] != want.ID*10 {
		t.Fatalf("after the burst the reader shows story %d and rendered %v; want story %d alone", m.reader.story.ID, rendered, want.ID)
	}
	if !strings.Contains(screenText(m), want.Title) {
		t.Errorf("the preview is not on screen:\n%s", screenText(m))
	}
}

// TestFilterFromTheReader presses / while an article has focus, wide and
// narrow: the list takes focus and the filter starts.
func TestFilterFromTheReader(t *testing.T) {
	for _, width := range []int{160, 100} {
		m := start(t, smallLibrary(t, 10), testOptions(), width, 30)
		m = press(t, m, "enter", "/", "f", "r", "o")
		if m.focus != focusStories || m.stories.filter != "fro" {
			t.Fatalf("%d wide: focus %v filter %q, want the list filtering \"fro\"", width, m.focus, m.stories.filter)
		}
		if s := screenText(m); !strings.Contains(s, "Late frost") || strings.Contains(s, "City library") {
			t.Errorf("%d wide: the list is not filtered:\n%s", width, s)
		}
	}
}

func TestResizeNeverGarbles(t *testing.T) {
	lib := smallLibrary(t, 30)
	sizes := [][2]int{{160, 48}, {140, 40}, {139, 40}, {80, 24}, {60, 20}, {40, 12}, {39, 11}, {20, 5}, {10, 3}, {5, 2}, {1, 1}, {0, 0}, {40, 12}}
	setups := map[string]func(Model) Model{
		"list":    func(m Model) Model { return m },
		"reader":  func(m Model) Model { return press(t, m, "enter") },
		"filter":  func(m Model) Model { return typeText(t, press(t, m, "/"), "harbour") },
		"help":    func(m Model) Model { return press(t, m, "?") },
		"feeds":   func(m Model) Model { return press(t, m, "F") },
		"confirm": func(m Model) Model { return press(t, m, "F", "d") },
		"welcome": nil,
	}
	for name, setup := range setups {
		t.Run(name, func(t *testing.T) {
			var m Model
			if setup == nil {
				m = start(t, &fakeLibrary{}, testOptions(), 80, 24)
			} else {
				m = setup(start(t, lib, testOptions(), 80, 24))
			}
			for _, sz := range sizes {
				m = send(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				checkShape(t, m, sz[0], sz[1])
				m = press(t, m, "j", "k")
				checkShape(t, m, sz[0], sz[1])
			}
		})
	}
}

func TestAtFortyByTwelveStillUsable(t *testing.T) {
	m := start(t, smallLibrary(t, 10), testOptions(), 40, 12)
	s := screenText(m)
	if !strings.Contains(s, "Harbour bridge") || !strings.Contains(s, "3 sources") {
		t.Fatalf("list unreadable at 40x12:\n%s", s)
	}
	m = press(t, m, "enter")
	s = screenText(m)
	if !strings.Contains(s, "1/3") || !strings.Contains(s, "The council voted") {
		t.Fatalf("reader unreadable at 40x12:\n%s", s)
	}
}

// TestHelpFitsANarrowTerminal opens help at widths too narrow for its
// columns side by side: the box stays whole, and the columns that do not
// fit beside the others go below them instead of being cut off.
func TestHelpFitsANarrowTerminal(t *testing.T) {
	opts := testOptions()
	opts.ConfigPath = "/home/reader/.config/parallax/config.toml"
	for _, tc := range []struct {
		keys []string
		w, h int
	}{
		{[]string{"?"}, 60, 24},
		{[]string{"enter", "v", "?"}, 60, 20},
		{[]string{"enter", "?"}, 50, 24},
	} {
		m := press(t, start(t, smallLibrary(t, 5), opts, tc.w, tc.h), tc.keys...)
		s := screenText(m)
		for _, corner := range []string{"╭", "╮", "╰", "╯"} {
			if !strings.Contains(s, corner) {
				t.Errorf("%v at %dx%d: the help box has lost its corner %s:\n%s", tc.keys, tc.w, tc.h, corner, s)
			}
		}
		for _, group := range m.activeHelp().FullHelp() {
			for _, b := range group {
				if !strings.Contains(s, b.Help().Desc) {
					t.Errorf("%v at %dx%d: help leaves out %q:\n%s", tc.keys, tc.w, tc.h, b.Help().Desc, s)
				}
			}
		}
	}
}

// TestHelpScrollsWhenTooTall opens help on a terminal too short for it:
// the box says there is more, and j, G and g bring every key into view.
func TestHelpScrollsWhenTooTall(t *testing.T) {
	for _, keys := range [][]string{{"?"}, {"enter", "?"}} {
		m := press(t, start(t, smallLibrary(t, 5), testOptions(), 70, 12), keys...)
		s := screenText(m)
		if !strings.Contains(s, "↓ more") || strings.Contains(s, "↑↓ more") {
			t.Fatalf("%v: the top of a help box too tall for 70x12:\n%s", keys, s)
		}
		seen := s
		for range 40 {
			m = press(t, m, "j")
			seen += screenText(m)
		}
		if s := screenText(m); !strings.Contains(s, "↑ more") || strings.Contains(s, "↓ more") {
			t.Errorf("%v: j forty times does not end at the bottom:\n%s", keys, s)
		}
		for _, group := range m.activeHelp().FullHelp() {
			for _, b := range group {
				if !strings.Contains(seen, b.Help().Desc) {
					t.Errorf("%v: scrolling never shows %q", keys, b.Help().Desc)
				}
			}
		}
		if bottom := press(t, m, "g", "G"); screenText(bottom) != screenText(m) {
			t.Errorf("%v: G does not show what j reached:\n%s", keys, screenText(bottom))
		}
		if top := screenText(press(t, m, "g")); !strings.Contains(top, "↓ more") || strings.Contains(top, "↑↓ more") {
			t.Errorf("%v: g does not go back to the top:\n%s", keys, top)
		}
		if m = press(t, m, "esc"); m.showHelp {
			t.Fatalf("%v: esc does not close a scrolled help", keys)
		}
		if m = press(t, m, "?"); !strings.Contains(screenText(m), "↓ more") {
			t.Errorf("%v: help opens again scrolled:\n%s", keys, screenText(m))
		}
	}
}

// The wheel scrolls help while it is open, and leaves the list it covers
// where it was.
func TestWheelScrollsHelpNotTheListBehind(t *testing.T) {
	m := press(t, start(t, smallLibrary(t, 30), testOptions(), 70, 12), "?")
	before := m.stories.cursor
	for range 20 {
		m = send(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	}
	if s := screenText(m); !strings.Contains(s, "↑ more") || strings.Contains(s, "↓ more") {
		t.Errorf("the wheel does not scroll help to its bottom:\n%s", s)
	}
	for range 20 {
		m = send(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	}
	if s := screenText(m); !strings.Contains(s, "↓ more") || strings.Contains(s, "↑↓ more") {
		t.Errorf("the wheel does not scroll help back to its top:\n%s", s)
	}
	if m = press(t, m, "?"); m.stories.cursor != before {
		t.Errorf("the wheel over help moved the list's cursor from %d to %d", before, m.stories.cursor)
	}
}

// On a terminal with room for one line of help, that line scrolls.
func TestHelpOfOneLineScrolls(t *testing.T) {
	m := press(t, start(t, smallLibrary(t, 5), testOptions(), 70, 5), "?")
	first := screenText(m)
	if !strings.Contains(first, "Keys · stories") {
		t.Fatalf("the first line of help at 70x5:\n%s", first)
	}
	if next := screenText(press(t, m, "j")); next == first || strings.Contains(next, "Keys · stories") {
		t.Errorf("j does not show the next line of help:\n%s", next)
	}
}

func TestHelpShowsOnlyWhatApplies(t *testing.T) {
	m := start(t, smallLibrary(t, 5), testOptions(), 100, 30)
	m = press(t, m, "?")
	s := screenText(m)
	if !strings.Contains(s, "Keys · stories") || !strings.Contains(s, "filter") || !helpHas(s, "S", "saved stories") {
		t.Fatalf("stories help:\n%s", s)
	}
	if strings.Contains(s, "next source") {
		t.Error("stories help lists a reader key")
	}
	m = press(t, m, "?")
	if m.showHelp {
		t.Fatal("? did not close help")
	}
	m = press(t, m, "enter", "?")
	s = screenText(m)
	if !strings.Contains(s, "Keys · reader") || !strings.Contains(s, "next source") || !strings.Contains(s, "mark unread") {
		t.Fatalf("reader help:\n%s", s)
	}
	if !strings.Contains(s, "filter") {
		t.Error("reader help leaves out the filter, which / starts from the reader too")
	}
	if !strings.Contains(s, "overview") || strings.Contains(s, "add feed") {
		t.Error("reader help lists a key of the feeds screen, or leaves out one of its own")
	}
	m = press(t, m, "esc")
	if m.showHelp || m.focus != focusReader {
		t.Fatal("esc should close help and stay in the reader")
	}
	// The footer is one line of the same bindings.
	lines := strings.Split(screenText(m), "\n")
	if footer := lines[len(lines)-1]; !strings.Contains(footer, "] next source") {
		t.Errorf("reader footer %q", footer)
	}
}

func TestReboundKeysWorkAndShowInHelp(t *testing.T) {
	opts := testOptions()
	opts.Config.Keys = map[string][]string{"down": {"n"}, "next_source": {"ctrl+n", "N"}}
	m := start(t, smallLibrary(t, 5), opts, 100, 30)
	m = press(t, m, "j")
	if m.stories.cursor != 0 {
		t.Fatal("j still moves down after rebinding down to n")
	}
	m = press(t, m, "n")
	if m.stories.cursor != 1 {
		t.Fatal("n does not move down")
	}
	m = press(t, m, "k", "enter", "N")
	if m.reader.cur != 1 {
		t.Fatal("N does not switch to the next source")
	}
	m = press(t, m, "?")
	if !strings.Contains(screenText(m), "ctrl+n/N next source") {
		t.Errorf("help does not show the new keys:\n%s", screenText(m))
	}
}

// The screens that say which key to press name the key the user bound.
func TestHintsNameReboundKeys(t *testing.T) {
	opts := testOptions()
	opts.Config.Keys = map[string][]string{"save": {"b"}, "refresh": {"ctrl+r"}, "feeds": {"L"}, "add_feed": {"+"}}
	empty := func() *fakeLibrary {
		return &fakeLibrary{articles: map[int64][]store.Article{}, feeds: []store.Feed{{ID: 1, URL: "https://a.example/feed"}}}
	}
	m := start(t, empty(), opts, 100, 30)
	if s := screenText(m); !strings.Contains(s, "No stories yet. Press ctrl+r to refresh, L for feeds.") {
		t.Errorf("empty list does not name the bound keys:\n%s", s)
	}
	if s := screenText(press(t, m, "S")); !strings.Contains(s, "No saved stories. Press b on a story") {
		t.Errorf("empty saved list does not name the bound key:\n%s", s)
	}
	lib := empty()
	lib.feeds = nil
	lib.stories = smallLibrary(t, 1).stories
	if s := screenText(press(t, start(t, lib, opts, 100, 30), "L")); !strings.Contains(s, "No feeds. Press + to add one.") {
		t.Errorf("empty feeds screen does not name the bound key:\n%s", s)
	}
	if md := articleMarkdown(store.Article{Title: "T", URL: "https://a.example/1"}, DefaultKeyMap(), false); !strings.Contains(md, "Press o to read") {
		t.Errorf("headline-only article: %q", md)
	}
}

func TestSaveAndMarkStoryRead(t *testing.T) {
	lib := smallLibrary(t, 5)
	m := start(t, lib, testOptions(), 80, 24)
	m = press(t, m, "s")
	if got := strings.Join(lib.saves, ","); got != "1=true" {
		t.Fatalf("saves %q", got)
	}
	if !strings.Contains(strings.Split(screenText(m), "\n")[1], "★") || !strings.Contains(screenText(m), "Saved the story.") {
		t.Fatalf("save not shown:\n%s", screenText(m))
	}
	m = press(t, m, "s")
	if got := strings.Join(lib.saves, ","); got != "1=true,1=false" {
		t.Fatalf("saves %q", got)
	}
	m = press(t, m, "m")
	if len(lib.marked) != 1 || lib.marked[0] != 1 {
		t.Fatalf("marked %v", lib.marked)
	}
	if strings.Contains(strings.Split(screenText(m), "\n")[1], "●") {
		t.Error("story still shows unread after m")
	}
	// On the list, u undoes m for the whole story.
	m = press(t, m, "u")
	if !strings.Contains(strings.Split(screenText(m), "\n")[1], "●") || statusLine(m) != "Marked the story unread." {
		t.Errorf("u on the list: row %q, status %q", strings.Split(screenText(m), "\n")[1], statusLine(m))
	}
	for _, a := range lib.articles[1] {
		if a.Read {
			t.Errorf("u on the list left %q read", a.Title)
		}
	}
	// In the reader, s and m act on the story being read.
	press(t, m, "j", "enter", "s")
	if got := lib.saves[len(lib.saves)-1]; got != "2=false" {
		t.Fatalf("save in the reader: %q (the frost story is saved, so s unsaves it)", got)
	}
}

// TestSaveAndMarkReadWhileComparing: s and m act on the story compared,
// or overviewed, without leaving the screen.
func TestSaveAndMarkReadWhileComparing(t *testing.T) {
	lib := smallLibrary(t, 5)
	m := start(t, lib, testOptions(), 100, 30)
	m = press(t, m, "c", "s")
	if m.screen != screenCompare {
		t.Fatalf("s left the compare screen for %v", m.screen)
	}
	if got := strings.Join(lib.saves, ","); got != "1=true" || statusLine(m) != "Saved the story." {
		t.Fatalf("s while comparing: saves %q, status %q", got, statusLine(m))
	}
	m = press(t, m, "v", "s", "m")
	if m.screen != screenOverview {
		t.Fatalf("s and m left the overview for %v", m.screen)
	}
	if got := strings.Join(lib.saves, ","); got != "1=true,1=false" {
		t.Errorf("s in the overview: saves %q, want the story unsaved", got)
	}
	if len(lib.marked) != 1 || lib.marked[0] != 1 {
		t.Errorf("m in the overview: marked %v", lib.marked)
	}
	if m = press(t, m, "?"); !strings.Contains(screenText(m), "save story") {
		t.Errorf("the overview's help does not offer s:\n%s", screenText(m))
	}
}

// statusLine is the status bar's text: the line above the key hints.
func statusLine(m Model) string {
	lines := strings.Split(screenText(m), "\n")
	return strings.TrimSpace(lines[len(lines)-2])
}

// TestStatusStaysWhereItWasSaid: a message stays while the user stays
// where it was said, goes when they leave for another screen or pane, and
// a message that leaving says itself stays.
func TestStatusStaysWhereItWasSaid(t *testing.T) {
	m := press(t, start(t, smallLibrary(t, 5), testOptions(), 80, 24), "s")
	if got := statusLine(m); got != "Saved the story." {
		t.Fatalf("status after s: %q", got)
	}
	if m = press(t, m, "j"); statusLine(m) != "Saved the story." {
		t.Errorf("status after moving down the list: %q, want the message kept", statusLine(m))
	}
	if m = press(t, m, "enter"); statusLine(m) != "" {
		t.Errorf("status after opening the reader: %q, want the list's message gone", statusLine(m))
	}
	if m = press(t, m, "esc", "F"); statusLine(m) != "" {
		t.Errorf("status on the feeds screen: %q", statusLine(m))
	}
	if m = press(t, m, "esc", "c"); !strings.HasPrefix(statusLine(m), "Only one source") {
		t.Errorf("status after c on a story of one source: %q", statusLine(m))
	}
	// In the reader, a message about one article goes with it.
	if m = press(t, m, "k", "enter", "s"); statusLine(m) != "Unsaved the story." {
		t.Fatalf("status after s in the reader: %q", statusLine(m))
	}
	if m = press(t, m, "j"); statusLine(m) != "Unsaved the story." {
		t.Errorf("status after scrolling the article: %q, want the message kept", statusLine(m))
	}
	if m = press(t, m, "]"); statusLine(m) != "" {
		t.Errorf("status after moving to the next source: %q, want it gone", statusLine(m))
	}
}

// TestUnsaveFailureSaysUnsave: a failed unsave shows the library's account
// of it, which names the action and the story, once.
func TestUnsaveFailureSaysUnsave(t *testing.T) {
	lib := smallLibrary(t, 5)
	m := press(t, start(t, lib, testOptions(), 80, 24), "j") // the frost story, saved
	lib.saveErr = fmt.Errorf("unsave story 2: %w", store.ErrNotFound)
	m = press(t, m, "s")
	if status := statusLine(m); status != "unsave story 2: not found" {
		t.Errorf("status after a failed unsave: %q", status)
	}
}

func TestErrorsGoToTheStatusBar(t *testing.T) {
	lib := smallLibrary(t, 5)
	lib.storiesErr = errors.New("database is locked")
	m := start(t, lib, testOptions(), 80, 24)
	if status := statusLine(m); !strings.Contains(status, "load stories: database is locked") {
		t.Fatalf("status %q", status)
	}
}

func TestConfigProblemsShowButDoNotStop(t *testing.T) {
	opts := testOptions()
	opts.Config.Theme = "neon"
	m := start(t, smallLibrary(t, 0), opts, 100, 24)
	if m.theme.Name != "auto" || !strings.Contains(screenText(m), `unknown theme "neon"`) {
		t.Fatalf("theme %q, screen:\n%s", m.theme.Name, screenText(m))
	}
	// The welcome screen, shown in place of an empty list, says it too.
	m = start(t, &fakeLibrary{articles: map[int64][]store.Article{}}, opts, 100, 24)
	if m.screen != screenWelcome || !strings.Contains(screenText(m), `unknown theme "neon"`) {
		t.Fatalf("empty library, screen:\n%s", screenText(m))
	}
}

func TestQuit(t *testing.T) {
	m := start(t, smallLibrary(t, 0), testOptions(), 80, 24)
	for _, k := range []string{"q", "ctrl+c"} {
		_, cmd := m.update(keyMsg(k))
		if cmd == nil {
			t.Fatalf("%s: no command", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Fatalf("%s did not quit", k)
		}
	}
	v := m.View()
	if !v.AltScreen || v.MouseMode != tea.MouseModeCellMotion {
		t.Fatal("the view must ask for the alt screen and cell-motion mouse")
	}
}

// quits says whether cmd, run, asks the program to quit.
func quits(cmd tea.Cmd) bool {
	for _, msg := range msgsOf(cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

// q on the help screen closes help and leaves the reader where it was, as
// newsboat's help and pagers do; ctrl+c still quits.
func TestQuitKeyClosesHelp(t *testing.T) {
	lib, summit := sampleLibrary(t)
	m := start(t, lib, testOptions(), 120, 40)
	m = selectStory(t, m, summit)
	for _, where := range []struct {
		name string
		keys []string
		ok   func(Model) bool
	}{
		{"stories", nil, func(m Model) bool { return m.screen == screenMain && m.focus == focusStories }},
		{"reader", []string{"enter", "]"}, func(m Model) bool {
			return m.screen == screenMain && m.focus == focusReader && m.reader.cur == 1
		}},
		{"compare", []string{"c", "]"}, func(m Model) bool { return m.screen == screenCompare && m.compare.idx == [2]int{1, 3} }},
	} {
		m = press(t, m, where.keys...)
		before := screenText(m)
		m = press(t, m, "?")
		if !m.showHelp {
			t.Fatalf("%s: ? did not open help", where.name)
		}
		next, cmd := m.update(keyMsg("q"))
		if quits(cmd) {
			t.Fatalf("%s: q on the help screen quit the program", where.name)
		}
		m = settle(t, next, cmd)
		if m.showHelp || !where.ok(m) || screenText(m) != before {
			t.Fatalf("%s: q did not close help back to where it was:\n%s", where.name, screenText(m))
		}
	}
	m = press(t, m, "?")
	if _, cmd := m.update(keyMsg("ctrl+c")); !quits(cmd) {
		t.Error("ctrl+c on the help screen did not quit")
	}

	// A quit key of one's own closes help the same way.
	opts := testOptions()
	opts.Config.Keys = map[string][]string{"quit": {"Q"}}
	if err := opts.Config.Validate(); err != nil {
		t.Fatal(err)
	}
	m = press(t, start(t, smallLibrary(t, 5), opts, 100, 30), "?")
	next, cmd := m.update(keyMsg("Q"))
	if quits(cmd) || settle(t, next, cmd).showHelp {
		t.Error("the rebound quit key did not close help")
	}
	if _, cmd := next.update(keyMsg("Q")); !quits(cmd) {
		t.Error("the rebound quit key does not quit once help is closed")
	}
}

// stepRefresh is a Refresh that reports progress one step at a time, as
// the test releases it.
type stepRefresh struct {
	lib   *fakeLibrary
	step  chan struct{}
	feeds [][]string
}

func (s *stepRefresh) run(ctx context.Context, feeds []string, progress func(done, total, added int)) (RefreshSummary, error) {
	s.feeds = append(s.feeds, feeds)
	for i := 1; i <= 2; i++ {
		<-s.step
		progress(i, 2, i*2)
	}
	<-s.step
	s.lib.prepend(newStory(900, "Breaking: ferry service resumes", time.Minute))
	return RefreshSummary{Feeds: 2, Added: 4}, nil
}

func TestRefreshShowsProgressThenReloads(t *testing.T) {
	lib := smallLibrary(t, 5)
	sr := &stepRefresh{lib: lib, step: make(chan struct{})}
	opts := testOptions()
	opts.Refresh = sr.run
	m := start(t, lib, opts, 80, 24)
	m = press(t, m, "j", "j")
	want := selectedID(t, m)

	m, cmd := m.update(keyMsg("r"))
	if !strings.Contains(screenText(m), "Refreshing…") {
		t.Fatalf("no sign of the refresh starting:\n%s", screenText(m))
	}
	next := func(cmd tea.Cmd) tea.Msg {
		got := make(chan tea.Msg, 1)
		go func() { got <- cmd() }()
		sr.step <- struct{}{}
		return <-got
	}
	msg := next(cmd)
	m, cmd = m.update(msg)
	if !strings.Contains(screenText(m), "Refreshing 1/2 feeds · 2 new") {
		t.Fatalf("progress not shown:\n%s", screenText(m))
	}
	// A second r while one runs does not start another.
	m2, c2 := m.update(keyMsg("r"))
	if c2 != nil || !strings.Contains(screenText(m2), "already running") {
		t.Fatal("a second refresh started")
	}
	msg = next(cmd)
	m, cmd = m.update(msg)
	if !strings.Contains(screenText(m), "Refreshing 2/2 feeds · storing") {
		t.Fatalf("progress not shown:\n%s", screenText(m))
	}
	msg = next(cmd)
	m = send(t, m, msg)
	s := screenText(m)
	if !strings.Contains(s, "Refreshed 2 feeds · 4 new articles.") {
		t.Fatalf("summary not shown:\n%s", s)
	}
	if !strings.Contains(s, "Breaking: ferry service resumes") {
		t.Fatalf("list not reloaded after refresh:\n%s", s)
	}
	if selectedID(t, m) != want {
		t.Fatalf("refresh moved the selection to %d, want %d", selectedID(t, m), want)
	}
	if len(sr.feeds) != 1 || sr.feeds[0] != nil {
		t.Fatalf("refresh asked for feeds %v, want all (nil)", sr.feeds)
	}
}

func TestRefreshFailuresAreReported(t *testing.T) {
	lib := smallLibrary(t, 5)
	opts := testOptions()
	opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
		return RefreshSummary{Feeds: 3, Failed: 1, Added: 2, Errors: []string{"fetch https://herald.example/rss: timeout"}}, nil
	}
	m := start(t, lib, opts, 120, 24)
	m = press(t, m, "r")
	if s := screenText(m); !strings.Contains(s, "1 failed: fetch https://herald.example/rss: timeout") {
		t.Fatalf("failure not shown:\n%s", s)
	}
	opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
		return RefreshSummary{}, errors.New("no network")
	}
	m = start(t, lib, opts, 120, 24)
	m = press(t, m, "r")
	if s := screenText(m); !strings.Contains(s, "refresh: no network") {
		t.Fatalf("error not shown:\n%s", s)
	}
}

func TestPeriodicRefresh(t *testing.T) {
	lib := smallLibrary(t, 5)
	calls := 0
	opts := testOptions()
	opts.Config.RefreshMinutes = 15
	opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
		calls++
		return RefreshSummary{Feeds: 3}, nil
	}
	m := *New(lib, opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m, cmd := m.update(refreshTickMsg{at: testNow})
	if cmd == nil {
		t.Fatal("tick did nothing")
	}
	// The batch holds the next tick, which would sleep for the interval,
	// and the refresh itself.
	msgs, pending := msgsWithin(cmd, 200*time.Millisecond)
	if pending != 1 {
		t.Fatalf("%d commands still waiting, want the next tick only", pending)
	}
	for _, msg := range msgs {
		m = send(t, m, msg)
	}
	if calls != 1 {
		t.Fatalf("refresh ran %d times on a tick, want 1", calls)
	}
	off := testOptions()
	off.Refresh = opts.Refresh
	m = *New(lib, off)
	if _, cmd := m.update(refreshTickMsg{}); cmd != nil {
		t.Fatal("a tick with periodic refresh off still did something")
	}
}

// TestWaitingFeedsAreNotFailures: a refresh that left a feed waiting, as
// its server asked, says so plainly rather than as an error.
func TestWaitingFeedsAreNotFailures(t *testing.T) {
	opts := testOptions()
	opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
		return RefreshSummary{Feeds: 3, Added: 2, Waiting: 1}, nil
	}
	m := start(t, smallLibrary(t, 3), opts, 120, 24)
	m = press(t, m, "r")
	if got := statusLine(m); got != "Refreshed 3 feeds · 2 new articles · 1 waiting, as their servers asked." || m.statusErr {
		t.Errorf("status %q (error %v)", got, m.statusErr)
	}
}

// TestRefreshOnOpeningWhenDue: the reader opened on a library last
// refreshed longer ago than the refresh interval refreshes once the first
// screens are served; one refreshed a minute ago waits for the rest of the
// interval.
func TestRefreshOnOpeningWhenDue(t *testing.T) {
	due := func(fetched ...time.Time) time.Duration {
		t.Helper()
		lib := smallLibrary(t, 2)
		lib.feeds = nil
		for i, at := range fetched {
			lib.feeds = append(lib.feeds, store.Feed{ID: int64(i + 1), URL: fmt.Sprintf("https://%d.example/rss", i), LastFetch: at})
		}
		opts := testOptions()
		opts.Config.RefreshMinutes = 15
		opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
			return RefreshSummary{}, nil
		}
		m := *New(lib, opts)
		_, cmd := m.update(refreshCheckMsg{})
		d, ok := cmd().(refreshDueMsg)
		if !ok {
			t.Fatal("looking for a refresh due did not say when")
		}
		return d.in
	}
	opts := testOptions()
	opts.Config.RefreshMinutes = 15
	opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
		return RefreshSummary{}, nil
	}
	m := *New(smallLibrary(t, 2), opts)
	if msgs, _ := msgsWithin(m.Init(), openingGrace+time.Second); !slices.Contains(msgs, tea.Msg(refreshCheckMsg{})) {
		t.Fatal("opening the reader did not look for a refresh due")
	}
	if got := due(testNow.Add(-time.Hour), testNow.Add(-time.Minute)); got != 0 {
		t.Errorf("a feed fetched an hour ago: first refresh in %v, want now", got)
	}
	if got := due(testNow.Add(-time.Minute), time.Time{}); got != 0 {
		t.Errorf("a feed never fetched: first refresh in %v, want now", got)
	}
	if got := due(testNow.Add(-time.Minute), testNow.Add(-5*time.Minute)); got != 10*time.Minute {
		t.Errorf("feeds fetched 1 and 5 minutes ago: first refresh in %v, want 10m", got)
	}
}

// The welcome screen's prompt stays in view on a short terminal, the lines
// above it giving way, and opening it does not move the text about.
func TestWelcomePromptOnASmallTerminal(t *testing.T) {
	empty := &fakeLibrary{articles: map[int64][]store.Article{}}
	opts := testOptions()
	opts.Defaults = func() []store.Feed { return []store.Feed{{URL: "https://a.example/feed"}} }
	opts.ImportSubscriptions = func(string) ([]store.Feed, error) { return nil, nil }
	opts.OpenSample = func() (Library, error) { return smallLibrary(t, 3), nil }
	m := start(t, empty, opts, 40, 12)
	m = press(t, m, "a")
	m = typeText(t, m, "news.example")
	if s := screenText(m); !strings.Contains(s, "news.example") {
		t.Errorf("the prompt is out of view at 40x12:\n%s", s)
	}
	column := func(m Model) int {
		for _, l := range strings.Split(screenText(m), "\n") {
			if i := strings.Index(l, "Your library is empty"); i >= 0 {
				return i
			}
		}
		return -1
	}
	m = start(t, empty, opts, 80, 24)
	before := column(m)
	if after := column(press(t, m, "a")); before < 0 || after != before {
		t.Errorf("the text moved from column %d to %d as the prompt opened", before, after)
	}
}

// TestWelcomeImportSaysWhatItLeftOut: an import of subscriptions that
// had to leave some out says so, and says it again once the refresh that
// follows has given its own account.
func TestWelcomeImportSaysWhatItLeftOut(t *testing.T) {
	opts := testOptions()
	opts.ImportSubscriptions = func(string) ([]store.Feed, error) {
		return []store.Feed{{URL: "https://c.example/feed"}}, errors.New(`left out 1 outline whose URL is not a web feed: "ftp://x.example/feed"`)
	}
	opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
		return RefreshSummary{Feeds: 1, Added: 4}, nil
	}
	lib := &fakeLibrary{articles: map[int64][]store.Article{}}
	m := start(t, lib, opts, 200, 24)
	m = press(t, m, "i")
	m = typeText(t, m, "subs.opml")
	m = press(t, m, "enter")
	if m.screen != screenMain || len(lib.added) != 1 {
		t.Fatalf("import: screen %v, added %+v", m.screen, lib.added)
	}
	want := `Refreshed 1 feed · 4 new articles · import subs.opml: left out 1 outline whose URL is not a web feed: "ftp://x.example/feed"`
	if got := statusLine(m); got != want {
		t.Errorf("status after the import's refresh:\n got %q\nwant %q", got, want)
	}
}

func TestWelcomeOnEmptyLibrary(t *testing.T) {
	var refreshed [][]string
	opts := testOptions()
	opts.Version = "v9.9"
	opts.Defaults = func() []store.Feed {
		return []store.Feed{{URL: "https://a.example/feed", Title: "A"}, {URL: "https://b.example/feed", Title: "B"}}
	}
	opts.ImportSubscriptions = func(path string) ([]store.Feed, error) {
		if path == "subs.opml" {
			return []store.Feed{{URL: "https://c.example/feed"}}, nil
		}
		return nil, fmt.Errorf("open %s: no such file", path)
	}
	opts.OpenSample = func() (Library, error) { return smallLibrary(t, 3), nil }
	opts.Discover = func(_ context.Context, u string) (store.Feed, error) {
		return store.Feed{URL: u + "/feed.xml", Title: "Found"}, nil
	}
	opts.Refresh = func(_ context.Context, feeds []string, _ func(int, int, int)) (RefreshSummary, error) {
		refreshed = append(refreshed, feeds)
		return RefreshSummary{}, nil
	}
	empty := func() *fakeLibrary { return &fakeLibrary{articles: map[int64][]store.Article{}} }
	lib := empty()
	m := start(t, lib, opts, 80, 24)
	s := screenText(m)
	for _, want := range []string{"parallax v9.9", "Your library is empty", "subscribe to a starter set", "import the subscriptions", "subscribe to a feed or a site", "sample library"} {
		if !strings.Contains(s, want) {
			t.Errorf("welcome lacks %q:\n%s", want, s)
		}
	}
	if m.screen != screenWelcome {
		t.Fatal("not on the welcome screen")
	}

	// i asks for a path; a failure stays on the welcome screen.
	m = press(t, m, "i")
	m = typeText(t, m, "none.opml")
	m = press(t, m, "enter")
	if m.screen != screenWelcome || strings.Count(screenText(m), "import none.opml: open none.opml: no such file") != 1 {
		t.Fatalf("import failure, want it once, under the prompt:\n%s", screenText(m))
	}
	m = press(t, m, "i")
	m = typeText(t, m, "subs.opml")
	m = press(t, m, "enter")
	if m.screen != screenMain || len(lib.added) != 1 || lib.added[0].URL != "https://c.example/feed" {
		t.Fatalf("import: screen %v, added %+v", m.screen, lib.added)
	}
	if len(refreshed) != 1 || refreshed[0] != nil {
		t.Fatalf("import refreshed %v, want everything", refreshed)
	}
	if !strings.Contains(screenText(m), "No stories yet") {
		t.Errorf("empty list with feeds should say so:\n%s", screenText(m))
	}

	// a subscribes through discovery and refreshes the new feed.
	lib = empty()
	m = start(t, lib, opts, 80, 24)
	m = press(t, m, "a")
	m = typeText(t, m, "https://news.example")
	m = press(t, m, "enter")
	if len(lib.added) != 1 || lib.added[0].URL != "https://news.example/feed.xml" {
		t.Fatalf("added %+v", lib.added)
	}
	if len(refreshed) != 2 || len(refreshed[1]) != 1 || refreshed[1][0] != "https://news.example/feed.xml" {
		t.Fatalf("refreshed %v", refreshed)
	}
	if m.screen != screenMain {
		t.Fatal("still on the welcome screen after subscribing")
	}

	// d subscribes to the defaults and refreshes them all.
	lib = empty()
	m = start(t, lib, opts, 80, 24)
	m, cmd := m.update(keyMsg("d"))
	if !strings.Contains(screenText(m), "Subscribing to the default feeds…") {
		t.Errorf("no sign of work while subscribing:\n%s", screenText(m))
	}
	msgs := msgsOf(cmd)
	m, cmd = m.update(msgs[0])
	if !strings.Contains(screenText(m), "Subscribed to 2 feeds.") {
		t.Errorf("no word of the subscription:\n%s", screenText(m))
	}
	m = settle(t, m, cmd)
	if m.screen != screenMain || len(lib.added) != 2 || len(refreshed) != 3 || refreshed[2] != nil {
		t.Fatalf("defaults: screen %v, added %v, refreshed %v", m.screen, lib.added, refreshed)
	}

	// x swaps in the sample library, which does not refresh.
	m = start(t, empty(), opts, 80, 24)
	m = press(t, m, "x")
	if m.screen != screenMain || !strings.Contains(screenText(m), "Harbour bridge to close") {
		t.Fatalf("sample library not shown:\n%s", screenText(m))
	}
	if !strings.Contains(screenText(m), "sample library") {
		t.Error("no sign that the sample library is open")
	}
	m = press(t, m, "r")
	if !strings.Contains(screenText(m), "does not refresh") || len(refreshed) != 3 {
		t.Errorf("refresh of the sample library:\n%s", screenText(m))
	}
}

func TestFeedsScreen(t *testing.T) {
	lib := smallLibrary(t, 5)
	var refreshed [][]string
	opts := testOptions()
	opts.Refresh = func(_ context.Context, feeds []string, _ func(int, int, int)) (RefreshSummary, error) {
		refreshed = append(refreshed, feeds)
		return RefreshSummary{Feeds: len(feeds)}, nil
	}
	m := start(t, lib, opts, 100, 30)
	m = press(t, m, "F")
	s := screenText(m)
	for _, want := range []string{"Feeds · 3 feeds", "Coastal Times", "120 articles", "2h", "never", "https://radio.example/atom"} {
		if !strings.Contains(s, want) {
			t.Errorf("feeds screen lacks %q:\n%s", want, s)
		}
	}
	m = press(t, m, "j")
	// The address is on the line above: the error gives the reason alone.
	if s := screenText(m); !strings.Contains(s, "error: 503 Service Unavailable") || strings.Count(s, "https://herald.example/rss") != 1 {
		t.Errorf("selected feed's error not shown, or its address twice:\n%s", s)
	}
	m = press(t, m, "enter")
	if len(refreshed) != 1 || len(refreshed[0]) != 1 || refreshed[0][0] != "https://herald.example/rss" {
		t.Fatalf("enter refreshed %v", refreshed)
	}
	// d asks first; n keeps the feed, y removes it.
	m = press(t, m, "d")
	if !strings.Contains(screenText(m), "Remove Harbour Herald? (y/n)") {
		t.Fatalf("no confirmation:\n%s", screenText(m))
	}
	m = press(t, m, "n")
	if len(lib.removed) != 0 {
		t.Fatal("n removed the feed")
	}
	// The wheel does not move the question on to another feed.
	m = press(t, m, "d")
	m = send(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	m = press(t, m, "y")
	if len(lib.removed) != 1 || lib.removed[0] != "https://herald.example/rss" {
		t.Fatalf("removed %v", lib.removed)
	}
	if strings.Contains(screenText(m), "Harbour Herald") {
		t.Errorf("removed feed still listed:\n%s", screenText(m))
	}
	// a adds a feed by URL.
	m = press(t, m, "a")
	m = typeText(t, m, "https://new.example/rss")
	m = press(t, m, "enter")
	if len(lib.added) != 1 || lib.added[0].URL != "https://new.example/rss" {
		t.Fatalf("added %v", lib.added)
	}
	if !strings.Contains(screenText(m), "https://new.example/rss") {
		t.Errorf("new feed not listed:\n%s", screenText(m))
	}
	// Adding it again says so.
	had := len(lib.feeds)
	m = press(t, m, "a")
	m = typeText(t, m, "https://new.example/rss")
	m = press(t, m, "enter")
	if !strings.Contains(screenText(m), "Already subscribed to https://new.example/rss.") || len(lib.feeds) != had {
		t.Errorf("duplicate not reported, or added (%d feeds):\n%s", len(lib.feeds), screenText(m))
	}
	m = press(t, m, "esc")
	if m.screen != screenMain {
		t.Fatal("esc did not leave the feeds screen")
	}
}

// A feed that cannot be added is named once, with the reason after it, so
// that the reason fits the line.
func TestAddingAFeedThatFailsNamesItOnce(t *testing.T) {
	opts := testOptions()
	opts.Discover = func(_ context.Context, u string) (store.Feed, error) {
		return store.Feed{}, fmt.Errorf("%s: no such host news.nope.invalid", u)
	}
	m := press(t, start(t, smallLibrary(t, 5), opts, 100, 30), "F", "a")
	m = typeText(t, m, "https://news.nope.invalid/world/rss.xml")
	m = press(t, m, "enter")
	s := screenText(m)
	if !strings.Contains(s, "add https://news.nope.invalid/world/rss.xml: no such host news.nope.invalid") ||
		strings.Count(s, "news.nope.invalid/world") != 1 {
		t.Errorf("the failure does not name the address once, then the reason:\n%s", s)
	}
}

func TestRefreshUpdatesTheOpenStory(t *testing.T) {
	lib := smallLibrary(t, 5)
	opts := testOptions()
	opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
		lib.mu.Lock()
		a := article(14, 1, "Northern Post", "Bridge repairs to start in May", "Work starts in May.", 10*time.Minute, false)
		lib.articles[1] = append(lib.articles[1], a)
		lib.stories[0].Count++
		lib.stories[0].Sources = append(lib.stories[0].Sources, a.Source)
		lib.mu.Unlock()
		return RefreshSummary{Feeds: 1, Added: 1}, nil
	}
	m := start(t, lib, opts, 160, 40)
	m = press(t, m, "enter", "]", "r")
	s := screenText(m)
	if !strings.Contains(s, "2/4") || !strings.Contains(s, "Northern Post") {
		t.Fatalf("the open story did not take the new article:\n%s", s)
	}
	if !strings.Contains(s, "Cracked supports shut the harbour bridge") {
		t.Fatalf("the reader left the article being read:\n%s", s)
	}
	if !strings.Contains(s, "4 sources") {
		t.Errorf("list row not updated:\n%s", s)
	}
}

func TestRefreshPanicIsAnError(t *testing.T) {
	opts := testOptions()
	opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
		panic("feeds exploded")
	}
	m := start(t, smallLibrary(t, 0), opts, 100, 24)
	m = press(t, m, "r")
	if s := screenText(m); !strings.Contains(s, "refresh: panic: feeds exploded") || m.refresh.running() {
		t.Fatalf("panic not reported:\n%s", s)
	}
}

// TestLongErrorSpillsOverTheKeys checks that an error too long for the
// status bar goes on over the keys' line, so that its reason, which comes
// last, is read whole: broken between words, or, where the last space
// would leave most of the bar empty (a long address), at its width. The
// next key brings the keys back and cuts the error to the bar.
func TestLongErrorSpillsOverTheKeys(t *testing.T) {
	reason := "not fetched: the server asked to wait 15 min more"
	address := "https://www.harbour-herald.example/feeds/sections/world/rss.xml"
	for _, c := range []struct {
		name, failure string
		atWord        bool // the first line ends at a word
	}{
		{"titled feed", "Morning Herald: " + reason, true},
		{"long address", address + ": " + reason, false},
	} {
		lib := smallLibrary(t, 5)
		opts := testOptions()
		opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
			return RefreshSummary{Feeds: 16, Failed: 1, Errors: []string{c.failure}}, nil
		}
		m := press(t, start(t, lib, opts, 80, 24), "r")
		lines := strings.Split(screenText(m), "\n")
		status, below := strings.TrimSpace(lines[len(lines)-2]), strings.TrimSpace(lines[len(lines)-1])
		message := "Refreshed 16 feeds · 0 new · 1 failed: " + c.failure
		if c.atWord {
			if status+" "+below != message || widthOf(status) < 40 {
				t.Errorf("%s: want the error broken between words:\n%q\n%q", c.name, status, below)
			}
		} else if status+below != message || widthOf(status) != 80 {
			t.Errorf("%s: want the bar filled to its width, the rest below:\n%q\n%q", c.name, status, below)
		}
		m = press(t, m, "j")
		lines = strings.Split(screenText(m), "\n")
		status, below = lines[len(lines)-2], lines[len(lines)-1]
		if !strings.HasPrefix(status, "Refreshed 16 feeds") || strings.Contains(status, "15 min") || !strings.Contains(below, "r refresh") {
			t.Errorf("%s: after a key, want the error cut to its bar and the keys back:\n%q\n%q", c.name, status, below)
		}
	}
}

// TestFeedsScreenSaysWhenAWaitingFeedIsNextFetched has a feed whose server
// asked to be left alone: its detail says until when, and once that time
// has passed it no longer does.
func TestFeedsScreenSaysWhenAWaitingFeedIsNextFetched(t *testing.T) {
	lib := smallLibrary(t, 5)
	lib.feeds[1].LastError = "https://herald.example/rss: 429 Too Many Requests; the server asks to wait 30 min"
	lib.feeds[1].RetryAfter = testNow.Add(25 * time.Minute)
	m := start(t, lib, testOptions(), 120, 30)
	m = press(t, m, "F", "j")
	want := "next fetch after " + testNow.Add(25*time.Minute).In(testNow.Location()).Format("15:04") + ", as its server asked"
	if s := screenText(m); !strings.Contains(s, want) {
		t.Errorf("waiting feed's detail lacks %q:\n%s", want, s)
	}
	lib.feeds[1].RetryAfter = testNow.Add(-time.Minute)
	m = start(t, lib, testOptions(), 120, 30)
	if s := screenText(press(t, m, "F", "j")); strings.Contains(s, "next fetch after") {
		t.Errorf("a wait that is over is still shown:\n%s", s)
	}
}

// TestErrorThatFitsAloneYieldsToProgress checks that an error that fits
// the bar alone, but not beside what runs in the background, gives way to
// it as before, and does not take the keys' line.
func TestErrorThatFitsAloneYieldsToProgress(t *testing.T) {
	m := start(t, smallLibrary(t, 5), testOptions(), 80, 24)
	m.refresh.run, m.refresh.done, m.refresh.total = &refreshRun{}, 3, 12
	m.setError(errors.New(strings.Repeat("x", 74)))
	lines := strings.Split(screenText(m), "\n")
	status, below := lines[len(lines)-2], lines[len(lines)-1]
	if !strings.Contains(status, "3/12") || !strings.Contains(below, "r refresh") {
		t.Errorf("want the progress in the bar and the keys below:\n%q\n%q", status, below)
	}
}

// Once an error has spilled, a key later, it keeps one line: ahead of a
// tag that says nothing new (the sample library, full text offline), with
// its addresses in short so that its reason shows, and an ellipsis where it
// is cut.
func TestErrorOnOneLineKeepsItsReason(t *testing.T) {
	m := start(t, smallLibrary(t, 5), testOptions(), 80, 24)
	m.sample = true
	m.setError(errors.New("open https://sample.parallax.invalid/vbc/right-to-repair-passes: xdg-open is not installed; set $BROWSER to the browser to use"))
	m = press(t, m, "j")
	lines := strings.Split(screenText(m), "\n")
	status := strings.TrimRight(lines[len(lines)-2], " ")
	want := "open sample.parallax.invalid/…: xdg-open is not installed; set $BROWSER to the…"
	if status != want {
		t.Errorf("status line after a key:\n%q\nwant\n%q", status, want)
	}
}

func TestShortAddresses(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"open https://news.example/a/b.html: no browser", "open news.example/…: no browser"},
		{"https://news.example: refused, see http://x.example/help.", "news.example: refused, see x.example/…."},
		{"https://news.example/ answered 404", "news.example answered 404"},
		{"file:///home/me/feed.xml: not found", "file:///home/me/feed.xml: not found"},
		{"no address here", "no address here"},
	} {
		if got := shortAddresses(c.in); got != c.want {
			t.Errorf("shortAddresses(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestClockText(t *testing.T) {
	zone := time.FixedZone("test", 2*3600)
	now := time.Date(2025, 2, 12, 22, 30, 0, 0, zone)
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{now.Add(20 * time.Minute), "22:50"},
		{now.Add(3 * time.Hour), "Thu 01:30"},
		{time.Date(2025, 2, 12, 21, 0, 0, 0, time.UTC), "23:00"},
		{time.Date(2025, 2, 12, 23, 0, 0, 0, time.UTC), "Thu 01:00"},
	} {
		if got := ClockText(c.at, now); got != c.want {
			t.Errorf("ClockText(%v) = %q, want %q", c.at, got, c.want)
		}
	}
}

// TestDateAndAge: a recent time is given with how long ago it was, an old
// one as its date alone, which the age would only repeat ("(2024)").
func TestDateAndAge(t *testing.T) {
	zone := time.FixedZone("test", 2*3600)
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, zone)
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{now.Add(-3 * time.Hour), "24 Nov 2026 09:00 (3h)"},
		{time.Date(2026, 11, 20, 8, 30, 0, 0, time.UTC), "20 Nov 2026 10:30 (4d)"},
		{time.Date(2026, 6, 4, 7, 30, 0, 0, time.UTC), "4 Jun 2026 09:30"},
		{time.Date(2024, 6, 4, 7, 30, 0, 0, time.UTC), "4 Jun 2024 09:30"},
	} {
		if got := dateAndAge(now, c.at); got != c.want {
			t.Errorf("dateAndAge(%v) = %q, want %q", c.at, got, c.want)
		}
	}
}

// Removing a feed takes its articles out of the story open in the reader:
// the reader shows what is left, from the nearest source on, and compare
// works on that.
func TestRemovingAFeedUpdatesTheOpenStory(t *testing.T) {
	lib := smallLibrary(t, 5)
	lib.removing = func(f *fakeLibrary, url string) {
		if url == "https://herald.example/rss" {
			dropArticles(f, 12, 32)
		}
	}
	m := start(t, lib, testOptions(), 160, 40)
	m = press(t, m, "enter", "]")
	if a, _ := m.reader.current(); a.ID != 12 {
		t.Fatalf("reading article %d, want the Harbour Herald's", a.ID)
	}
	m = press(t, m, "F", "j", "d", "y", "esc")
	if m.screen != screenMain || m.focus != focusReader {
		t.Fatalf("screen %v focus %v after leaving the feeds screen", m.screen, m.focus)
	}
	if a, _ := m.reader.current(); a.ID != 13 || len(m.reader.articles) != 2 {
		t.Fatalf("reading article %d of %d, want the Valley Radio's of 2", a.ID, len(m.reader.articles))
	}
	if s := screenText(m); !strings.Contains(s, "2/2") || strings.Contains(s, "Harbour Herald") {
		t.Errorf("the reader still offers the removed feed's article:\n%s", s)
	}
	m = press(t, m, "[")
	if a, _ := m.reader.current(); a.ID != 11 {
		t.Errorf("[ went to article %d, want the Coastal Times's", a.ID)
	}
	m = press(t, m, "c")
	if m.screen != screenCompare || m.compare.an == nil || m.compare.an.holds(12) {
		t.Errorf("compare is not of what is left of the story:\n%s", screenText(m))
	}
}

// Removing a feed that took a whole story with it closes the story in the
// reader, and esc from the feeds screen goes back to the list.
func TestRemovingAFeedThatTookTheOpenStory(t *testing.T) {
	lib := smallLibrary(t, 5)
	lib.removing = func(f *fakeLibrary, url string) {
		if url == "https://herald.example/rss" {
			dropArticles(f, 12, 31, 32)
		}
	}
	m := start(t, lib, testOptions(), 100, 30)
	m = press(t, m, "j", "j", "enter")
	if m.reader.story.ID != 3 || m.focus != focusReader {
		t.Fatalf("reading story %d, want the library's", m.reader.story.ID)
	}
	m = press(t, m, "F", "j", "d", "y")
	if s := statusLine(m); !strings.Contains(s, "Unsubscribed from https://herald.example/rss.") {
		t.Errorf("status %q does not say the feed went", s)
	}
	m = press(t, m, "esc")
	if m.screen != screenMain || m.focus != focusStories || m.reader.open {
		t.Fatalf("screen %v focus %v, reader open %v: want the list", m.screen, m.focus, m.reader.open)
	}
	if s := screenText(m); strings.Contains(s, "City library") {
		t.Errorf("the gone story is still listed:\n%s", s)
	}
}

// The sample library takes no feeds, however it was opened: they would
// never be fetched, and would be gone the next time it is. Nor does it
// refresh, and it says so in the same words either way.
func TestSampleLibraryIsReadOnly(t *testing.T) {
	sampled := func(t *testing.T, viaFlag bool) (Model, *fakeLibrary) {
		sample := smallLibrary(t, 3)
		opts := testOptions()
		if viaFlag {
			opts.Sample = true
			return start(t, sample, opts, 100, 30), sample
		}
		opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
			t.Error("the sample library was refreshed")
			return RefreshSummary{}, nil
		}
		opts.OpenSample = func() (Library, error) { return sample, nil }
		empty := &fakeLibrary{articles: map[int64][]store.Article{}}
		return press(t, start(t, empty, opts, 100, 30), "x"), sample
	}
	for _, viaFlag := range []bool{false, true} {
		t.Run(fmt.Sprintf("flag=%v", viaFlag), func(t *testing.T) {
			m, sample := sampled(t, viaFlag)
			m = press(t, m, "r")
			if s := statusLine(m); !strings.Contains(s, "The sample library does not refresh.") {
				t.Errorf("refresh: status %q", s)
			}
			m = press(t, m, "F", "a")
			if m.feeds.typing() {
				t.Fatal("a asks for a feed to add to the sample library")
			}
			if s := statusLine(m); !strings.Contains(s, "read-only") || !strings.Contains(s, "without --sample") {
				t.Errorf("add: status %q", s)
			}
			m = press(t, m, "d", "y")
			if len(sample.added) != 0 || len(sample.removed) != 0 || len(sample.feeds) != 3 {
				t.Errorf("the sample library's feeds changed: added %v, removed %v", sample.added, sample.removed)
			}
			if s := statusLine(m); !strings.Contains(s, "read-only") {
				t.Errorf("remove: status %q", s)
			}
		})
	}
}

// A path typed at a prompt may start with ~/ for the home directory, as it
// could in a shell: in the welcome screen's import, and in the add prompts
// of the welcome and feeds screens, which hand it to Discover.
func TestPromptsTakeTildeForHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Home Feed</title>` +
		`<item><title>One</title><link>https://home.example/1</link></item></channel></rss>`
	if err := os.WriteFile(filepath.Join(home, "feed.xml"), []byte(feed), 0o600); err != nil {
		t.Fatal(err)
	}
	var imported []string
	opts := testOptions()
	opts.Discover = feeds.DiscoverFeed
	opts.ImportSubscriptions = func(path string) ([]store.Feed, error) {
		imported = append(imported, path)
		return []store.Feed{{URL: "https://c.example/feed"}}, nil
	}
	empty := func() *fakeLibrary { return &fakeLibrary{articles: map[int64][]store.Article{}} }

	m := press(t, start(t, empty(), opts, 100, 30), "i")
	m = typeText(t, m, "~/urls")
	press(t, m, "enter")
	if want := filepath.Join(home, "urls"); len(imported) != 1 || imported[0] != want {
		t.Errorf("import of ~/urls read %q, want %q", imported, want)
	}

	wantURL := "file://" + filepath.ToSlash(filepath.Join(home, "feed.xml"))
	lib := empty()
	m = press(t, start(t, lib, opts, 100, 30), "a")
	m = typeText(t, m, "~/feed.xml")
	m = press(t, m, "enter")
	if len(lib.added) != 1 || lib.added[0].URL != wantURL {
		t.Errorf("welcome add of ~/feed.xml subscribed %+v, want %s:\n%s", lib.added, wantURL, screenText(m))
	}

	lib = smallLibrary(t, 3)
	m = press(t, start(t, lib, opts, 100, 30), "F", "a")
	m = typeText(t, m, "~/feed.xml")
	m = press(t, m, "enter")
	if len(lib.added) != 1 || lib.added[0].URL != wantURL {
		t.Errorf("feeds screen add of ~/feed.xml subscribed %+v, want %s:\n%s", lib.added, wantURL, screenText(m))
	}
}

// TestAddingABusyFeedWaits: a feed whose server asks to wait when it is
// added is subscribed to, the status bar says when it is first fetched,
// and no refresh asks its server before then.
func TestAddingABusyFeedWaits(t *testing.T) {
	var refreshed [][]string
	opts := testOptions()
	opts.Discover = func(_ context.Context, u string) (store.Feed, error) {
		return store.Feed{URL: u, RetryAfter: testClock().Add(20 * time.Minute)}, nil
	}
	opts.Refresh = func(_ context.Context, feeds []string, _ func(int, int, int)) (RefreshSummary, error) {
		refreshed = append(refreshed, feeds)
		return RefreshSummary{}, nil
	}
	lib := &fakeLibrary{articles: map[int64][]store.Article{}}
	m := start(t, lib, opts, 120, 24)
	m = press(t, m, "a")
	m = typeText(t, m, "https://busy.example/feed.xml")
	m = press(t, m, "enter")
	if len(lib.added) != 1 || lib.added[0].RetryAfter.IsZero() {
		t.Fatalf("added %+v, want the feed with when to fetch it", lib.added)
	}
	want := "Subscribed to https://busy.example/feed.xml; its server asks to wait, so it is first fetched after " + testClock().Add(20*time.Minute).Format("15:04") + "."
	if got := statusLine(m); got != want {
		t.Errorf("status:\n got %q\nwant %q", got, want)
	}
	if len(refreshed) != 0 {
		t.Errorf("refreshed %v at once, though the server asked to wait", refreshed)
	}
}
