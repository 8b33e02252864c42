package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"parallax/store"
)

func selectedID(t *testing.T, m Model) int64 {
	t.Helper()
	s, ok := m.stories.selected()
	if !ok {
		t.Fatal("no story selected")
	}
	return s.ID
}

func TestStoryRowsShowSourcesAgeAndMarks(t *testing.T) {
	m := start(t, smallLibrary(t, 0), testOptions(), 80, 24)
	lines := strings.Split(screenText(m), "\n")
	bridge, frost, library := lines[1], lines[2], lines[3]
	for _, want := range []string{"Harbour bridge to close to cars", "3 sources", "3h", "●"} {
		if !strings.Contains(bridge, want) {
			t.Errorf("bridge row %q lacks %q", bridge, want)
		}
	}
	if strings.Contains(bridge, "★") {
		t.Errorf("unsaved story shows the saved mark: %q", bridge)
	}
	for _, want := range []string{"1 source", "5h", "★", "●"} {
		if !strings.Contains(frost, want) {
			t.Errorf("frost row %q lacks %q", frost, want)
		}
	}
	if strings.Contains(library, "●") {
		t.Errorf("read story shows the unread mark: %q", library)
	}
	if !strings.Contains(library, "1d") {
		t.Errorf("library row %q lacks its age", library)
	}
}

func TestSingleSourceStoryIsDimmed(t *testing.T) {
	m := start(t, smallLibrary(t, 0), testOptions(), 80, 24)
	m = press(t, m, "j", "j") // move the selection off both rows compared
	view := m.View().Content
	st := m.styles
	if !strings.Contains(view, st.RowDim.Render("Late frost threatens valley apple crop")) {
		t.Error("single-source story is not drawn in the dim style")
	}
	if !strings.Contains(view, st.Row.Render("Harbour bridge to close to cars after cracks found")) {
		t.Error("multi-source story is not drawn in the normal style")
	}
	if st.RowDim.Render("x") == st.Row.Render("x") {
		t.Error("dim and normal rows look the same")
	}
}

func TestUntrustedTitleHasNoControlBytes(t *testing.T) {
	m := start(t, smallLibrary(t, 0), testOptions(), 80, 24)
	view := m.View().Content
	if strings.Contains(view, "\x1b[31mrally") || strings.Contains(view, "\x1b]0;") {
		t.Fatal("an escape sequence from a story title reached the screen")
	}
	if !strings.Contains(screenText(m), "Markets rally as rates hold") {
		t.Errorf("title not shown cleanly:\n%s", screenText(m))
	}
}

func TestListNavigation(t *testing.T) {
	m := start(t, smallLibrary(t, 40), testOptions(), 80, 24)
	if got := selectedID(t, m); got != 1 {
		t.Fatalf("first selected = %d, want 1", got)
	}
	m = press(t, m, "j", "j", "down")
	if got := selectedID(t, m); got != 4 {
		t.Fatalf("after three downs selected = %d, want 4", got)
	}
	m = press(t, m, "k", "up")
	if got := selectedID(t, m); got != 2 {
		t.Fatalf("after two ups selected = %d, want 2", got)
	}
	m = press(t, m, "G")
	if got, want := m.stories.cursor, len(m.stories.visible)-1; got != want {
		t.Fatalf("G: cursor %d, want %d", got, want)
	}
	if !strings.Contains(screenText(m), "Update 39 on the") {
		t.Errorf("last story not on screen after G:\n%s", screenText(m))
	}
	m = press(t, m, "g")
	if m.stories.cursor != 0 || m.stories.top != 0 {
		t.Fatalf("g: cursor %d top %d", m.stories.cursor, m.stories.top)
	}
	m = press(t, m, "pgdown")
	page := m.stories.listHeight() - 1
	if m.stories.cursor != page {
		t.Fatalf("pgdown: cursor %d, want %d", m.stories.cursor, page)
	}
	m = press(t, m, "space")
	if m.stories.cursor != 2*page {
		t.Fatalf("space: cursor %d, want %d", m.stories.cursor, 2*page)
	}
	m = press(t, m, "pgup")
	if m.stories.cursor != page {
		t.Fatalf("pgup: cursor %d, want %d", m.stories.cursor, page)
	}
	m = send(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.stories.cursor != page+3 {
		t.Fatalf("wheel down: cursor %d, want %d", m.stories.cursor, page+3)
	}
}

func TestStoriesLoadInPages(t *testing.T) {
	lib := smallLibrary(t, 496) // 500 stories
	opts := testOptions()
	opts.PageSize = 100
	m := start(t, lib, opts, 80, 24)
	if got := len(m.stories.rows); got != 100 {
		t.Fatalf("first load read %d stories, want one page of 100", got)
	}
	if q := lib.storiesCalls[0]; q.Limit != 100 || q.Offset != 0 {
		t.Fatalf("first query %+v", q)
	}
	// Moving near the end of what is loaded reads the next page.
	for range 55 {
		m = press(t, m, "j")
	}
	if got := len(m.stories.rows); got != 200 {
		t.Fatalf("after scrolling near the end, %d stories loaded, want 200", got)
	}
	// One G goes to the last story, however many pages that takes.
	m = press(t, m, "G")
	if got := len(m.stories.rows); got != 500 {
		t.Fatalf("after G to the end, %d stories loaded, want 500", got)
	}
	if m.stories.more {
		t.Error("still expecting more after the last short page")
	}
	if last := m.stories.rows[len(m.stories.rows)-1].story.ID; selectedID(t, m) != last {
		t.Errorf("G left the cursor on story %d, want the last, %d", selectedID(t, m), last)
	}
	if !strings.Contains(screenText(m), m.stories.rows[len(m.stories.rows)-1].title) {
		t.Errorf("the last story is not on screen:\n%s", screenText(m))
	}
}

// TestListTitleCountsTheLibrary: the list's title gives how many stories
// the library holds, not how many of its pages have been read; a library
// that fits in one page is not counted again.
func TestListTitleCountsTheLibrary(t *testing.T) {
	title := func(m Model) string { return strings.TrimSpace(strings.SplitN(screenText(m), "\n", 2)[0]) }
	lib := smallLibrary(t, 496) // 500 stories
	opts := testOptions()
	opts.PageSize = 100
	m := start(t, lib, opts, 80, 24)
	if len(m.stories.rows) != 100 || title(m) != "Stories · 500 stories" {
		t.Fatalf("%d stories read, title %q", len(m.stories.rows), title(m))
	}
	// A refresh that brings news counts again.
	lib.prepend(storyOf(900, "Ferry service resumes", nil, false), storyOf(901, "Tram line opens", nil, false))
	m = settle(t, m, m.stories.reload())
	if title(m) != "Stories · 502 stories" {
		t.Errorf("after two new stories the title is %q", title(m))
	}

	small := smallLibrary(t, 10)
	m = start(t, small, opts, 80, 24)
	if title(m) != "Stories · 14 stories" || small.counts != 0 {
		t.Errorf("one page: title %q, counted %d times", title(m), small.counts)
	}
}

func TestFilterReadsTheRestOfTheList(t *testing.T) {
	lib := smallLibrary(t, 496)
	opts := testOptions()
	opts.PageSize = 100
	m := start(t, lib, opts, 80, 24)
	m = press(t, m, "/")
	m = typeText(t, m, "update 450 ")
	if len(m.stories.rows) != 500 {
		t.Fatalf("filtering loaded %d stories, want all 500", len(m.stories.rows))
	}
	if len(m.stories.visible) != 1 {
		t.Fatalf("filter matched %d stories, want 1", len(m.stories.visible))
	}
	if !strings.Contains(screenText(m), "Update 450 on the") {
		t.Errorf("match not shown:\n%s", screenText(m))
	}
}

func TestFilterAsYouType(t *testing.T) {
	m := start(t, smallLibrary(t, 20), testOptions(), 80, 24)
	m = press(t, m, "/")
	if !m.stories.typing() {
		t.Fatal("/ did not open the filter")
	}
	m = typeText(t, m, "harb")
	s := screenText(m)
	if !strings.Contains(s, "/harb") {
		t.Errorf("filter prompt not shown:\n%s", s)
	}
	// "harb" matches the bridge title and, through their sources, every
	// story told by the Harbour Herald.
	for _, i := range m.stories.visible {
		r := m.stories.rows[i]
		if !strings.Contains(strings.ToLower(r.title+r.sources), "harb") {
			t.Errorf("%q passed the filter", r.title)
		}
	}
	if !strings.Contains(s, "City library extends opening hours") {
		t.Error("a story matching by source was filtered out")
	}
	if strings.Contains(s, "Late frost") {
		t.Error("a story matching neither title nor source was kept")
	}
	m = typeText(t, m, "our bridge")
	if got := len(m.stories.visible); got != 1 {
		t.Fatalf("'harbour bridge' matched %d stories, want 1", got)
	}
	// q is text while typing, not quit.
	m2, cmd := m.update(keyMsg("q"))
	if cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Fatal("q quit while typing a filter")
		}
	}
	if m2.stories.input.Value() != "harbour bridgeq" {
		t.Fatalf("filter value %q", m2.stories.input.Value())
	}
	m = press(t, m, "enter")
	if m.stories.typing() || m.stories.filter != "harbour bridge" {
		t.Fatalf("enter should keep the filter: typing=%v filter=%q", m.stories.typing(), m.stories.filter)
	}
	if !strings.Contains(screenText(m), "/harbour bridge") {
		t.Error("kept filter is not shown in the title")
	}
	// With the filter kept, keys are commands again.
	m = press(t, m, "/", "esc")
	if m.stories.filter != "" || len(m.stories.visible) != len(m.stories.rows) {
		t.Fatalf("esc did not clear the filter: %q, %d of %d", m.stories.filter, len(m.stories.visible), len(m.stories.rows))
	}
}

func TestFilterKeepsSelectionWhenItStillMatches(t *testing.T) {
	m := start(t, smallLibrary(t, 20), testOptions(), 80, 24)
	m = press(t, m, "j", "j") // City library (Coastal Times, Harbour Herald)
	m = press(t, m, "/")
	m = typeText(t, m, "coastal")
	if got := selectedID(t, m); got != 3 {
		t.Fatalf("selection moved to %d while it still matched", got)
	}
	m = press(t, m, "esc")
	if got := selectedID(t, m); got != 3 {
		t.Fatalf("clearing the filter moved the selection to %d", got)
	}
}

// TestFilterGivesBackTheSelectionItHid: a filter that hides the selected
// story, whether it matches nothing (a typo) or merely others, leaves the
// cursor on that story again once it is cleared.
func TestFilterGivesBackTheSelectionItHid(t *testing.T) {
	for _, typed := range []string{"zzq", "coastal"} {
		m := start(t, smallLibrary(t, 30), testOptions(), 80, 24)
		for range 20 {
			m = press(t, m, "j")
		}
		want := selectedID(t, m)
		m = press(t, m, "/")
		m = typeText(t, m, typed)
		m = press(t, m, "esc")
		if got := selectedID(t, m); got != want {
			t.Errorf("/%s then esc: selection %d, want %d", typed, got, want)
		}
		m = press(t, m, "/")
		m = typeText(t, m, typed)
		for range typed {
			m = press(t, m, "backspace")
		}
		m = press(t, m, "enter")
		if got := selectedID(t, m); got != want {
			t.Errorf("/%s, erased, then enter: selection %d, want %d", typed, got, want)
		}
	}
	// A story the user moves to in the filtered list stays selected.
	m := start(t, smallLibrary(t, 30), testOptions(), 80, 24)
	m = press(t, m, "/")
	m = typeText(t, m, "coastal")
	m = press(t, m, "enter", "j")
	want := selectedID(t, m)
	m = press(t, m, "esc")
	if got := selectedID(t, m); got != want {
		t.Errorf("moved to %d in the filtered list; after esc the selection is %d", want, got)
	}
}

// TestClearingAKeptFilterKeepsTheSelection: the story selected in a kept
// filter's list stays selected, and in view, once the filter is cleared,
// even when the filter put the cursor on it and the user read it rather
// than moved to it; so too when the prompt is opened again and cancelled.
func TestClearingAKeptFilterKeepsTheSelection(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string
	}{
		{"read it, esc, esc", []string{"enter", "esc", "esc"}},
		{"esc", []string{"esc"}},
		{"/ then esc", []string{"/", "esc"}},
	} {
		// k at the top makes the first story the one chosen before the
		// filter hides it.
		m := press(t, start(t, smallLibrary(t, 30), testOptions(), 80, 24), "k", "/")
		m = typeText(t, m, "update 25")
		m = press(t, m, "enter")
		want := selectedID(t, m)
		m = press(t, m, tc.keys...)
		if m.stories.filter != "" || m.focus != focusStories {
			t.Fatalf("%s: filter %q, focus %v", tc.name, m.stories.filter, m.focus)
		}
		if got := selectedID(t, m); got != want {
			t.Errorf("%s: selection %d after clearing the filter, want %d", tc.name, got, want)
		}
		if s := screenText(m); !strings.Contains(s, "▌") || !strings.Contains(s, "Update 25 on the") {
			t.Errorf("%s: the selected story is out of view:\n%s", tc.name, s)
		}
	}
}

func newStory(id int64, title string, age time.Duration) store.Story {
	a := article(id*10, id, "Northern Post", title, "Text.", age, false)
	return storyOf(id, title, []store.Article{a}, false)
}

func TestReloadKeepsSelectionByID(t *testing.T) {
	lib := smallLibrary(t, 30)
	m := start(t, lib, testOptions(), 80, 24)
	m = press(t, m, "j", "j", "j", "j", "j")
	want := selectedID(t, m)
	row := m.stories.cursor - m.stories.top
	lib.prepend(newStory(900, "Fresh story one", time.Minute), newStory(901, "Fresh story two", 2*time.Minute))
	m = settle(t, m, m.stories.reload())
	if got := selectedID(t, m); got != want {
		t.Fatalf("after reload selected %d, want %d", got, want)
	}
	if got := m.stories.cursor - m.stories.top; got != row {
		t.Errorf("selected story moved on screen from row %d to %d", row, got)
	}
	if !strings.Contains(screenText(m), "Stories · 36 stories") {
		t.Errorf("new stories not counted:\n%s", screenText(m))
	}
}

func TestRefreshWhileFilteringDoesNotClobber(t *testing.T) {
	lib := smallLibrary(t, 30)
	opts := testOptions()
	opts.Refresh = func(_ context.Context, _ []string, progress func(int, int, int)) (RefreshSummary, error) {
		lib.prepend(newStory(900, "Update from the harbour desk", time.Minute))
		progress(1, 1, 1)
		return RefreshSummary{Feeds: 1, Added: 1}, nil
	}
	m := start(t, lib, opts, 80, 24)
	m = press(t, m, "/")
	m = typeText(t, m, "update")
	m = send(t, m, keyMsg("down"))
	want := selectedID(t, m)
	visible := fmt.Sprint(m.stories.visible)
	before := bodyText(m)

	// The refresh finishes while the user is still typing.
	m = send(t, m, refreshFeedsMsg{})
	if m.stories.pending == nil {
		t.Fatal("reload was not held back while filtering")
	}
	if got := bodyText(m); got != before {
		t.Errorf("screen changed under the filter:\n%s\n---\n%s", before, got)
	}
	if m.stories.input.Value() != "update" || selectedID(t, m) != want || fmt.Sprint(m.stories.visible) != visible {
		t.Fatal("refresh changed the filter, the selection or the list while typing")
	}
	// Typing on still works on the old list.
	m = typeText(t, m, " 1")
	m = send(t, m, keyMsg("backspace"))
	m = send(t, m, keyMsg("backspace"))
	if selectedID(t, m) != want {
		t.Fatalf("editing the filter moved the selection to %d", selectedID(t, m))
	}
	// Keeping the filter applies the new list under it.
	m = press(t, m, "enter")
	if m.stories.pending != nil {
		t.Fatal("held reload not applied after the filter closed")
	}
	if m.stories.filter != "update" {
		t.Fatalf("filter is %q after the reload", m.stories.filter)
	}
	if got := selectedID(t, m); got != want {
		t.Fatalf("selection moved to %d, want %d", got, want)
	}
	if m.stories.indexOf(900) < 0 {
		t.Error("the new story matching the filter is missing")
	}
}

// The filter takes words in any order, each matching the title or the
// sources: "lorn velsk" finds the story headed "Velsk accepts … the Lorn".
func TestFilterMatchesWordsInAnyOrder(t *testing.T) {
	m := start(t, smallLibrary(t, 5), testOptions(), 100, 30)
	title := m.stories.rows[2].title
	words := strings.Fields(strings.ToLower(title))
	m = press(t, m, "/")
	m = typeText(t, m, words[len(words)-1]+"  "+words[0])
	if len(m.stories.visible) != 1 || m.stories.rows[m.stories.visible[0]].title != title {
		t.Errorf("filter %q kept %d stories, want %q alone", m.stories.input.Value(), len(m.stories.visible), title)
	}
	// Spaces alone are no filter at all.
	m = press(t, m, "esc", "/")
	m = typeText(t, m, "   ")
	if m = press(t, m, "enter"); m.stories.filter != "" || strings.Contains(screenText(m), "matches") {
		t.Errorf("a filter of spaces is kept: %q\n%s", m.stories.filter, screenText(m))
	}
}

func TestFilterResultsMatchAFreshScan(t *testing.T) {
	m := start(t, smallLibrary(t, 300), testOptions(), 80, 24)
	m = press(t, m, "/")
	brute := func(needle string) []int {
		var out []int
		for i, r := range m.stories.rows {
			if containsAll(r.hay, strings.Fields(strings.ToLower(needle))) {
				out = append(out, i)
			}
		}
		return out
	}
	// Type, backspace and retype, checking every step against a full scan.
	steps := []string{"u", "p", "d", "a", "t", "e", " ", "1", "backspace", "2", "backspace", "backspace", "backspace", "R", "i", "backspace", "backspace", "s", "c"}
	for _, k := range steps {
		if k == "backspace" {
			m = press(t, m, k)
		} else {
			m = typeText(t, m, k)
		}
		want := fmt.Sprint(brute(m.stories.input.Value()))
		if got := fmt.Sprint(m.stories.visible); got != want {
			t.Fatalf("filter %q: visible %s, want %s", m.stories.input.Value(), got, want)
		}
	}
}

// TestFilterFindsAnyHeadline: / finds a story by a word of any of its
// headlines, not only the one chosen as its title, and matches words from
// their start ("river" is not in "drivers"), but anywhere in a script
// written without spaces.
func TestFilterFindsAnyHeadline(t *testing.T) {
	m := start(t, smallLibrary(t, 5), testOptions(), 100, 30)
	m = press(t, m, "/")
	m = typeText(t, m, "supports")
	if len(m.stories.visible) != 1 || m.stories.rows[m.stories.visible[0]].story.ID != 1 {
		t.Errorf("filter on a word of the bridge story's second headline kept %v", m.stories.visible)
	}
	for _, c := range []struct {
		hay, word string
		want      bool
	}{
		{"bridge closure: what drivers need to know", "river", false},
		{"the riverside flats", "river", true},
		{"floods (river) rise", "river", true},
		{"東京で大祭り、十万人が参加", "大祭", true},
		{"prices up 3.5%", "%", true},
		{"prices up 13%", "3%", false},
	} {
		if got := containsWordStart(c.hay, c.word); got != c.want {
			t.Errorf("containsWordStart(%q, %q) = %v, want %v", c.hay, c.word, got, c.want)
		}
	}
}

// TestKeptFilterFindsHeadlinesAfterAReload: a reload that waited while a
// filter was typed, applied when the filter is kept, still lets the filter
// find a story by a headline that is not its title.
func TestKeptFilterFindsHeadlinesAfterAReload(t *testing.T) {
	m := start(t, smallLibrary(t, 5), testOptions(), 100, 30)
	m = press(t, m, "/")
	m = typeText(t, m, "supports")
	m = settle(t, m, m.stories.reload())
	if m.stories.pending == nil {
		t.Fatal("the reload did not wait for the filter")
	}
	m = press(t, m, "enter")
	if len(m.stories.visible) != 1 || m.stories.rows[m.stories.visible[0]].story.ID != 1 {
		t.Errorf("kept filter after the reload shows %v, want the bridge story", m.stories.visible)
	}
}

// TestFilterFindsTheText: the filter finds a story by what its articles
// say as well as by its headlines and sources, a word being typed by its
// start once it has a few letters.
func TestFilterFindsTheText(t *testing.T) {
	lib := smallLibrary(t, 5)
	m := start(t, lib, testOptions(), 100, 30)
	visibleIDs := func(m Model) []int64 {
		var ids []int64
		for _, i := range m.stories.visible {
			ids = append(ids, m.stories.rows[i].story.ID)
		}
		return ids
	}
	m = press(t, m, "/")
	for _, c := range []struct {
		typed string
		want  []int64
	}{
		{"orchards", []int64{2}},       // only in the frost story's text
		{"growers fear", []int64{2}},   // words of its text, in order
		{"fear growers", []int64{2}},   // and in any order
		{"blosso", []int64{2}},         // the start of a word being typed
		{"orchards bridge", nil},       // words of two stories
		{"lit fires", []int64{2}},      // short words, whole
		{"orc", nil},                   // too few letters to search the text for
		{"harbour bridge", []int64{1}}, // a headline, as before
	} {
		m = press(t, m, "esc", "/")
		m = typeText(t, m, c.typed)
		if got := visibleIDs(m); !slices.Equal(got, c.want) {
			t.Errorf("filter %q shows stories %v, want %v", c.typed, got, c.want)
		}
	}
	m = press(t, m, "enter")
	if m.stories.filter != "harbour bridge" || len(m.stories.visible) != 1 {
		t.Errorf("kept filter %q shows %d stories", m.stories.filter, len(m.stories.visible))
	}
}
