package ui

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"parallax/feeds/sample"
	"parallax/store"
	"parallax/store/story"
	"parallax/themes"
)

// sampleLibrary is the built-in sample library as a fake: one story per
// label, articles oldest first as the store gives them, stories newest
// first. It returns the ID of the comparison story too.
func sampleLibrary(t testing.TB) (*fakeLibrary, int64) {
	t.Helper()
	lib := &fakeLibrary{articles: map[int64][]store.Article{}}
	ids := map[string]int64{}
	var order []int64
	for i, a := range sample.Articles(testNow) {
		label := sample.Label(a.URL)
		id, ok := ids[label]
		if !ok {
			id = int64(len(ids) + 1)
			ids[label] = id
			order = append(order, id)
		}
		a.ID, a.StoryID, a.FeedID = int64(1000+i), id, 1
		lib.articles[id] = append(lib.articles[id], a)
	}
	for _, id := range order {
		arts := lib.articles[id]
		lib.stories = append(lib.stories, storyOf(id, arts[0].Title, arts, false))
	}
	slices.SortStableFunc(lib.stories, func(a, b store.Story) int { return b.Updated.Compare(a.Updated) })
	summit, ok := ids[sample.CompareStory]
	if !ok || len(lib.articles[summit]) < 5 {
		t.Fatalf("the sample library has no comparison story of five sources")
	}
	return lib, summit
}

// selectStory moves the list's cursor onto a story.
func selectStory(t testing.TB, m Model, id int64) Model {
	t.Helper()
	for range len(m.stories.visible) {
		if s, ok := m.stories.selected(); ok && s.ID == id {
			return m
		}
		m = press(t, m, "j")
	}
	t.Fatalf("story %d is not in the list", id)
	return m
}

// compareSummit starts on the sample library and compares its comparison
// story from the list.
func compareSummit(t testing.TB, w, h int) (Model, *fakeLibrary, int64) {
	t.Helper()
	lib, summit := sampleLibrary(t)
	m := start(t, lib, testOptions(), w, h)
	m = selectStory(t, m, summit)
	return press(t, m, "c"), lib, summit
}

// columnText is what column c shows now, without colours, one string a line.
func columnText(m Model, c int) []string {
	p := m.compare
	from := p.shownOffset(c)
	lines := p.r.cols[c][from:min(from+p.colHeight(), len(p.r.cols[c]))]
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(ansiStrip(l), " ")
	}
	return out
}

func sourcesShown(m Model) [2]string {
	l, _ := m.compare.article(0)
	r, _ := m.compare.article(1)
	return [2]string{l.Source, r.Source}
}

func TestCompareFromTheList(t *testing.T) {
	m := start(t, smallLibrary(t, 5), testOptions(), 100, 30)
	m = press(t, m, "c")
	if m.screen != screenCompare {
		t.Fatalf("c on a story of three sources did not open the compare pane:\n%s", screenText(m))
	}
	if got := sourcesShown(m); got != [2]string{"Coastal Times", "Harbour Herald"} {
		t.Fatalf("columns show %v, want the first two sources", got)
	}
	s := screenText(m)
	for _, want := range []string{
		"▸ Coastal Times  1/3", "Harbour Herald  2/3",
		"Harbour bridge to close to cars after", "Cracked supports shut the harbour bridge",
		"The council voted", "Engineers inspecting",
		"only here", "scrolling together",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("compare pane lacks %q:\n%s", want, s)
		}
	}
	// Both columns come from one layout made off the UI goroutine.
	if m.compare.r == nil || len(m.compare.r.cols[0]) == 0 || len(m.compare.r.cols[1]) == 0 {
		t.Fatal("no layout on show")
	}
	m = press(t, m, "esc")
	if m.screen != screenMain || m.focus != focusStories || !strings.Contains(screenText(m), "Stories ·") {
		t.Fatalf("esc did not go back to the list:\n%s", screenText(m))
	}
}

func TestCompareFromTheReader(t *testing.T) {
	m := openBridge(t, smallLibrary(t, 5), 100, 30)
	m = press(t, m, "]", "c")
	if m.screen != screenCompare {
		t.Fatal("c in the reader did not open the compare pane")
	}
	if got := sourcesShown(m); got != [2]string{"Harbour Herald", "Valley Radio"} {
		t.Fatalf("columns show %v, want the article being read and the next source", got)
	}
	m = press(t, m, "esc")
	if m.screen != screenMain || m.focus != focusReader || m.reader.cur != 1 {
		t.Fatalf("esc did not return to the reader where it was (screen %v, focus %v, article %d)", m.screen, m.focus, m.reader.cur)
	}
	// From the last source the next one wraps round to the first.
	m = press(t, m, "]", "c")
	if got := sourcesShown(m); got != [2]string{"Valley Radio", "Coastal Times"} {
		t.Fatalf("from the last source the columns show %v", got)
	}
	// The summary-only article is compared too.
	if s := screenText(m); !strings.Contains(s, "Buses divert via the ring road") {
		t.Errorf("the summary of a source without full text is not shown:\n%s", s)
	}
}

func TestCompareRefusesASingleSource(t *testing.T) {
	lib := smallLibrary(t, 5)
	m := start(t, lib, testOptions(), 100, 30)
	m = press(t, m, "j")
	m, cmd := m.update(keyMsg("c"))
	if cmd != nil || m.screen != screenMain {
		t.Fatal("c on a story of one source opened something")
	}
	if s := screenText(m); !strings.Contains(s, "Only one source tells this story") {
		t.Fatalf("no word of why:\n%s", s)
	}
	m = press(t, m, "enter", "c")
	if m.screen != screenMain || m.focus != focusReader || !strings.Contains(screenText(m), "Only one source tells this story") {
		t.Fatalf("c in the reader of a single source: screen %v\n%s", m.screen, screenText(m))
	}
	// A list that counts two articles where the library has one left: the
	// pane finds out and goes back.
	lib.stories[0].Count = 2
	lib.articles[1] = lib.articles[1][:1]
	m = start(t, lib, testOptions(), 100, 30)
	m = press(t, m, "c")
	if m.screen != screenMain || m.focus != focusStories || !strings.Contains(screenText(m), "Only one source tells this story") {
		t.Fatalf("compare of a story that turned out single: screen %v\n%s", m.screen, screenText(m))
	}
}

func TestCompareChangesSources(t *testing.T) {
	m, lib, summit := compareSummit(t, 120, 40)
	arts := lib.articles[summit]
	want := func(l, r int) {
		t.Helper()
		if m.compare.idx != [2]int{l, r} {
			t.Fatalf("columns on articles %v, want [%d %d]", m.compare.idx, l, r)
		}
		s := screenText(m)
		for _, a := range []store.Article{arts[l], arts[r]} {
			if !strings.Contains(s, a.Title[:30]) {
				t.Fatalf("headline of %s missing:\n%s", a.Source, s)
			}
		}
	}
	want(0, 1)
	m = press(t, m, "]")
	want(0, 2)
	m = press(t, m, "]", "]", "]")
	want(0, 4) // the last; ] stops there
	m = press(t, m, "[")
	want(0, 3)
	m = press(t, m, "}")
	want(1, 3)
	m = press(t, m, "}")
	want(2, 3)
	m = press(t, m, "}") // passes over the right-hand source
	want(4, 3)
	m = press(t, m, "{", "{", "{", "{")
	want(0, 3)
	m = press(t, m, "[", "[", "[") // passes over the left-hand one, stops at the first
	want(0, 1)
}

func TestCompareMarksWhatOnlyOneSourceHas(t *testing.T) {
	m, lib, summit := compareSummit(t, 200, 60)
	for range 4 {
		for c := range 2 {
			a, _ := m.compare.article(c)
			unique := sample.Unique(a.URL)
			if unique == "" {
				t.Fatalf("%s plants no unique sentence", a.Source)
			}
			lines := columnText(m, c)
			head := strings.Join(strings.Fields(unique)[:4], " ")
			found := false
			for _, l := range lines {
				if strings.Contains(l, head) {
					found = true
					if !strings.HasPrefix(l, "▌") {
						t.Errorf("%s: the line with its own fact is not marked: %q", a.Source, l)
					}
				}
				if strings.Contains(l, "The situation continues to evolve.") && strings.HasPrefix(l, "▌") {
					t.Errorf("%s: a bland line is marked as its own: %q", a.Source, l)
				}
			}
			if !found {
				t.Errorf("%s: %q not shown in its column:\n%s", a.Source, head, strings.Join(lines, "\n"))
			}
		}
		m = press(t, m, "]")
	}
	// Every marked line carries a sentence the other source lacks, and the
	// counts in the strip are those of the comparison.
	an := newAnalysis(summit, lib.articles[summit])
	l, _ := m.compare.article(0)
	r, _ := m.compare.article(1)
	v := an.cmp.Pair(l.ID, r.ID)
	s := screenText(m)
	for _, want := range []string{
		fmt.Sprintf("%d shared · %d only here", v.LeftShared, v.LeftOnly),
		fmt.Sprintf("%d shared · %d only here", v.RightShared, v.RightOnly),
	} {
		if !strings.Contains(s, want) {
			t.Errorf("strip lacks %q:\n%s", want, s)
		}
	}
	marked := 0
	for _, line := range columnText(m, 0) {
		if strings.HasPrefix(line, "▌") {
			marked++
		}
	}
	if v.LeftOnly > 0 && marked == 0 {
		t.Errorf("the left column has %d sentences of its own but no marked line", v.LeftOnly)
	}
}

func TestCompareSummaryStrip(t *testing.T) {
	m, lib, summit := compareSummit(t, 200, 50)
	an := newAnalysis(summit, lib.articles[summit])
	// Go through every pair with the first source on the left: the strip
	// shows what only one side quotes and names, and figures that differ.
	sawFigure := false
	for range len(lib.articles[summit]) - 1 {
		l, _ := m.compare.article(0)
		r, _ := m.compare.article(1)
		v := an.cmp.Pair(l.ID, r.ID)
		s := screenText(m)
		for _, q := range slices.Concat(v.LeftQuotes, v.RightQuotes) {
			if !strings.Contains(s, "“"+strings.Join(strings.Fields(q)[:3], " ")) {
				t.Errorf("%s / %s: quote %q missing from the strip:\n%s", l.Source, r.Source, q, s)
			}
		}
		if len(v.LeftNames) > 0 && !strings.Contains(s, "names only here: "+v.LeftNames[0]) {
			t.Errorf("%s / %s: name %q missing from the strip:\n%s", l.Source, r.Source, v.LeftNames[0], s)
		}
		for _, d := range v.Discrepancies {
			sawFigure = true
			if !strings.Contains(s, "≠ "+d.About+": ") {
				t.Errorf("%s / %s: figure about %q missing from the strip:\n%s", l.Source, r.Source, d.About, s)
			}
			for _, c := range d.Claims {
				if !strings.Contains(s, c.Text) {
					t.Errorf("%s / %s: claim %q missing:\n%s", l.Source, r.Source, c.Text, s)
				}
			}
		}
		if len(v.Discrepancies) == 0 && !strings.Contains(s, "the two give no figure differently") {
			t.Errorf("%s / %s: the strip does not say the figures agree:\n%s", l.Source, r.Source, s)
		}
		m = press(t, m, "]")
	}
	if !sawFigure {
		t.Error("no pair of the comparison story differs on a figure; the test needs one")
	}
}

func TestCompareScrollsTogetherUnlessUnlocked(t *testing.T) {
	m, _, _ := compareSummit(t, 100, 24)
	p := m.compare
	if p.maxOffset(0) < 6 || p.maxOffset(1) < 6 {
		t.Fatalf("columns of %d and %d lines fit in %d; the test needs them to scroll", len(p.r.cols[0]), len(p.r.cols[1]), p.colHeight())
	}
	firstLine := func(c int) string {
		t.Helper()
		return strings.TrimRight(ansiStrip(m.compare.r.cols[c][m.compare.shownOffset(c)]), " ")
	}
	onScreen := func(c int) {
		t.Helper()
		rows := strings.Split(screenText(m), "\n")
		cells := strings.Split(rows[m.compare.headHeight()], "│")
		if got := strings.TrimSpace(cells[c]); got != strings.TrimSpace(firstLine(c)) {
			t.Fatalf("column %d shows %q on top, want %q", c, got, firstLine(c))
		}
	}
	m = press(t, m, "j", "j", "j")
	if m.compare.off != [2]int{3, 3} {
		t.Fatalf("locked: offsets %v after 3 lines down", m.compare.off)
	}
	onScreen(0)
	onScreen(1)
	m = press(t, m, "l", "j")
	if m.compare.off != [2]int{4, 3} || !strings.Contains(screenText(m), "scrolling apart") {
		t.Fatalf("unlocked: offsets %v after one line down in the left column", m.compare.off)
	}
	m = press(t, m, "tab", "k", "k")
	if m.compare.focus != 1 || m.compare.off != [2]int{4, 1} {
		t.Fatalf("unlocked, right focused: offsets %v (focus %d)", m.compare.off, m.compare.focus)
	}
	onScreen(0)
	onScreen(1)
	if s := screenText(m); !strings.Contains(s, "▸ VBC News") {
		t.Errorf("the focused column is not marked:\n%s", s)
	}
	// The wheel scrolls the column under the pointer.
	m = send(t, m, tea.MouseWheelMsg{X: 10, Button: tea.MouseWheelDown})
	if m.compare.off != [2]int{7, 1} {
		t.Fatalf("wheel over the left column: offsets %v", m.compare.off)
	}
	// Locking again brings the other column to the focused one's line.
	m = press(t, m, "l")
	if m.compare.off != [2]int{1, 1} || !strings.Contains(screenText(m), "scrolling together") {
		t.Fatalf("locked again: offsets %v", m.compare.off)
	}
	m = press(t, m, "G")
	end := max(m.compare.maxOffset(0), m.compare.maxOffset(1))
	if m.compare.off != [2]int{end, end} {
		t.Fatalf("G: offsets %v, want both %d", m.compare.off, end)
	}
	onScreen(0)
	onScreen(1)
	m = press(t, m, "g")
	if m.compare.off != [2]int{0, 0} {
		t.Fatalf("g: offsets %v", m.compare.off)
	}
	// A new source starts at its top.
	m = press(t, m, "space", "]")
	if m.compare.off != [2]int{0, 0} {
		t.Fatalf("after ]: offsets %v", m.compare.off)
	}
}

func TestCompareHighlightDimsShared(t *testing.T) {
	m, _, _ := compareSummit(t, 120, 40)
	st := m.styles
	prefix := func(s string) string {
		p, _, _ := strings.Cut(s, "x")
		return p
	}
	dim, only := prefix(st.CompareShared.Render("x")), prefix(st.CompareUnique.Render("x"))
	if dim == "" || only == "" || dim == only {
		t.Fatalf("the styles do not tell shared from unique (%q, %q)", dim, only)
	}
	count := func(m Model, sgr string) int {
		n := 0
		for _, l := range m.compare.r.cols[0] {
			if strings.Contains(l, sgr) {
				n++
			}
		}
		return n
	}
	plain := m.compare.r.cols[0]
	if count(m, dim) != 0 || count(m, only) == 0 {
		t.Fatalf("before h: %d dimmed lines, %d unique lines", count(m, dim), count(m, only))
	}
	m = press(t, m, "h")
	if !m.compare.shown.highlight || count(m, dim) == 0 || count(m, only) == 0 {
		t.Fatalf("after h: highlight %v, %d dimmed lines, %d unique lines", m.compare.shown.highlight, count(m, dim), count(m, only))
	}
	if !strings.Contains(screenText(m), "shared dimmed") {
		t.Error("the rule does not say shared sentences are dimmed")
	}
	lit := m.compare.r.cols[0]
	if len(lit) != len(plain) {
		t.Fatalf("highlighting changed the layout: %d lines, was %d", len(lit), len(plain))
	}
	for i := range lit {
		if ansiStrip(lit[i]) != ansiStrip(plain[i]) {
			t.Fatalf("highlighting changed line %d: %q, was %q", i, ansiStrip(lit[i]), ansiStrip(plain[i]))
		}
	}
	// h again is the first layout, from the cache.
	m, cmd := m.update(keyMsg("h"))
	if cmd != nil || count(m, dim) != 0 {
		t.Fatal("h twice did not bring back the cached layout at once")
	}
}

func TestCompareTabAndHelp(t *testing.T) {
	m, _, _ := compareSummit(t, 120, 40)
	if m.compare.focus != 0 {
		t.Fatal("the left column should have focus first")
	}
	m = press(t, m, "tab")
	if m.compare.focus != 1 || m.focus != focusStories {
		t.Fatalf("tab: compare focus %d, root focus %v", m.compare.focus, m.focus)
	}
	m = press(t, m, "tab")
	if m.compare.focus != 0 {
		t.Fatal("tab did not come back to the left column")
	}
	m = press(t, m, "?")
	s := screenText(m)
	for _, want := range []string{"Keys · compare", "next right source", "next left source", "lock scrolling", "highlight differences", "switch column", "overview"} {
		if !strings.Contains(s, want) {
			t.Errorf("compare help lacks %q:\n%s", want, s)
		}
	}
	for _, not := range []string{"filter", "mark unread", "add feed"} {
		if strings.Contains(s, not) {
			t.Errorf("compare help lists %q, which does not apply", not)
		}
	}
	m = press(t, m, "esc", "esc", "?")
	s = screenText(m)
	if !strings.Contains(s, "Keys · stories") || !helpHas(s, "c", "compare") || !helpHas(s, "v", "overview") {
		t.Errorf("stories help does not offer compare and overview:\n%s", s)
	}
	if strings.Contains(s, "lock scrolling") {
		t.Error("stories help lists a compare key")
	}
}

func TestCompareKeysRebind(t *testing.T) {
	opts := testOptions()
	opts.Config.Keys = map[string][]string{"compare": {"C"}, "lock_scroll": {"L"}, "highlight": {"H"}, "prev_left": {"<"}, "next_left": {">"}}
	if err := opts.Config.Validate(); err != nil {
		t.Fatal(err)
	}
	lib, summit := sampleLibrary(t)
	m := start(t, lib, opts, 120, 40)
	m = selectStory(t, m, summit)
	m = press(t, m, "c")
	if m.screen != screenMain {
		t.Fatal("c still compares after rebinding")
	}
	m = press(t, m, "C", "L", "H", ">")
	if m.screen != screenCompare || !m.compare.unlocked || !m.compare.highlight || m.compare.idx[0] != 2 {
		t.Fatalf("rebound keys: screen %v, unlocked %v, highlight %v, columns %v", m.screen, m.compare.unlocked, m.compare.highlight, m.compare.idx)
	}
	m = press(t, m, "?")
	if s := screenText(m); !helpHas(s, "L", "lock scrolling") || !helpHas(s, ">", "next left source") {
		t.Errorf("help does not show the new keys:\n%s", s)
	}
	opts.Config.Keys = map[string][]string{"highlight": {"j"}}
	if err := opts.Config.Validate(); err == nil || !strings.Contains(err.Error(), "compare screen") {
		t.Errorf("a key bound twice in the compare pane was accepted: %v", err)
	}
}

func TestCompareAndOverviewGoBackWhereTheyCameFrom(t *testing.T) {
	lib, summit := sampleLibrary(t)
	m := start(t, lib, testOptions(), 120, 40)
	m = selectStory(t, m, summit)
	// list → compare → overview → esc → compare → esc → list
	m = press(t, m, "c", "}", "v")
	if m.screen != screenOverview {
		t.Fatal("v in the compare pane did not open the overview")
	}
	// } passed over the right-hand source to the third.
	if a, _ := m.overview.selected(); a.ID != lib.articles[summit][2].ID {
		t.Errorf("the overview's cursor is on %s, want the compare pane's left source", a.Source)
	}
	m = press(t, m, "esc")
	if m.screen != screenCompare || m.compare.idx != [2]int{2, 1} {
		t.Fatalf("esc from the overview: screen %v, columns %v", m.screen, m.compare.idx)
	}
	m = press(t, m, "esc")
	if m.screen != screenMain || m.focus != focusStories {
		t.Fatalf("esc from compare: screen %v focus %v", m.screen, m.focus)
	}
	// list → compare → overview → compare: the loop is cut, esc goes home.
	m = press(t, m, "c", "v", "c", "esc")
	if m.screen != screenMain || len(m.back) != 0 {
		t.Fatalf("after a loop esc went to screen %v (way back %v)", m.screen, m.back)
	}
	// reader → overview → esc → reader
	m = press(t, m, "enter", "v")
	if m.screen != screenOverview {
		t.Fatal("v in the reader did not open the overview")
	}
	m = press(t, m, "esc")
	if m.screen != screenMain || m.focus != focusReader {
		t.Fatalf("esc from the overview: screen %v focus %v", m.screen, m.focus)
	}
}

// TestOverviewLegendFitsNarrowScreens: at 80 columns the legend under the
// timeline says what its columns mean in fewer words, not cut short.
func TestOverviewLegendFitsNarrowScreens(t *testing.T) {
	for _, c := range []struct {
		width int
		want  string
	}{
		{120, "first: time after the first report · alone: share of its sentences no other source carries"},
		{80, "first: after the first report · alone: sentences no other source has"},
	} {
		m := press(t, start(t, smallLibrary(t, 5), testOptions(), c.width, 30), "v")
		if s := screenText(m); !strings.Contains(s, c.want) {
			t.Errorf("at %d columns the overview lacks the legend %q:\n%s", c.width, c.want, s)
		}
	}
}

func TestOverviewOrderAndEnter(t *testing.T) {
	lib := smallLibrary(t, 5)
	m := start(t, lib, testOptions(), 120, 30)
	m = press(t, m, "v")
	if m.screen != screenOverview {
		t.Fatal("v did not open the overview")
	}
	s := screenText(m)
	// Valley Radio reported 5h ago, Harbour Herald 4h, Coastal Times 3h.
	order := []string{"Valley Radio", "Harbour Herald", "Coastal Times"}
	offsets := []string{"+0h", "+1h", "+2h"}
	rows := strings.Split(s, "\n")[m.overview.headHeight():]
	for i, src := range order {
		if !strings.Contains(rows[i], src) || !strings.Contains(rows[i], " "+offsets[i]+" ") {
			t.Errorf("row %d is %q, want %s at %s", i, rows[i], src, offsets[i])
		}
	}
	for _, want := range []string{"Overview · Harbour bridge", "3 sources · first Valley Radio 5h ago · last 2h later", "Bridge closure: what drivers need to know", "timeline", "alone"} {
		if !strings.Contains(s, want) {
			t.Errorf("overview lacks %q:\n%s", want, s)
		}
	}
	// The timeline puts the first report at the start and the last at the end.
	if !strings.Contains(s, "●···") || !strings.Contains(s, "━━━●") {
		t.Errorf("timeline bars missing:\n%s", s)
	}
	m = press(t, m, "j", "enter")
	if m.screen != screenMain || m.focus != focusReader {
		t.Fatalf("enter: screen %v focus %v", m.screen, m.focus)
	}
	if a, _ := m.reader.current(); a.ID != 12 {
		t.Fatalf("enter on the second report opened article %d, want 12", a.ID)
	}
	if !strings.Contains(screenText(m), "Cracked supports shut the harbour bridge") {
		t.Errorf("the reader does not show the chosen source:\n%s", screenText(m))
	}
	// From the reader the cursor starts on the article being read, and
	// enter on another switches to it in place.
	m = press(t, m, "v")
	if a, _ := m.overview.selected(); a.ID != 12 {
		t.Fatalf("overview from the reader starts on %d, want 12", a.ID)
	}
	m, cmd := m.update(keyMsg("j"))
	m = settle(t, m, cmd)
	m, cmd = m.update(keyMsg("enter"))
	for _, msg := range msgsOf(cmd) {
		if _, ok := msg.(storyArticlesMsg); ok {
			t.Error("enter on a source of the open story read the story again")
		}
		m = send(t, m, msg)
	}
	if a, _ := m.reader.current(); a.ID != 11 {
		t.Fatalf("reader on %d, want 11", a.ID)
	}
}

// TestOverviewOfOneArticle: a story of one article has no other report to
// be timed after, drawn on a timeline against or told apart from, so its
// overview leaves those columns and their legend out and gives the room
// to the headline.
func TestOverviewOfOneArticle(t *testing.T) {
	m := start(t, smallLibrary(t, 0), testOptions(), 100, 30)
	m = press(t, m, "j", "v")
	if m.screen != screenOverview || m.overview.story.ID != 2 {
		t.Fatalf("v on the frost story: screen %v, story %d", m.screen, m.overview.story.ID)
	}
	s := screenText(m)
	for _, gone := range []string{"+0h", "timeline", "alone", "100%", "●", "first:"} {
		if strings.Contains(s, gone) {
			t.Errorf("the overview of one article shows %q:\n%s", gone, s)
		}
	}
	for _, want := range []string{"1 source · first Valley Radio", "Late frost threatens valley apple crop", "words"} {
		if !strings.Contains(s, want) {
			t.Errorf("the overview of one article lacks %q:\n%s", want, s)
		}
	}
}

// TestOverviewCountsSourcesNotArticles opens the overview of a story one
// outlet reported twice: three articles from two sources.
func TestOverviewCountsSourcesNotArticles(t *testing.T) {
	lib := smallLibrary(t, 0)
	lib.articles[1][2].Source = "Harbour Herald"
	m := start(t, lib, testOptions(), 120, 30)
	m = press(t, m, "v")
	if s := screenText(m); !strings.Contains(s, "3 articles from 2 sources · first Harbour Herald") {
		t.Errorf("overview header:\n%s", s)
	}
}

func TestOverviewFiguresComeFromTheComparison(t *testing.T) {
	lib, summit := sampleLibrary(t)
	m := start(t, lib, testOptions(), 160, 40)
	m = selectStory(t, m, summit)
	m = press(t, m, "v")
	var in []story.CompareInput
	for _, a := range lib.articles[summit] {
		in = append(in, story.CompareInput{ID: a.ID, Source: a.Source, Title: a.Title, Text: a.Content})
	}
	cmp := story.Compare(in)
	s := screenText(m)
	for i, a := range lib.articles[summit] {
		words, counted, unique := 0, 0, 0
		for _, sent := range cmp.Articles[i].Sentences {
			words += len(strings.Fields(sent.Text))
			if !sent.Bland && !sent.Heading {
				counted++
				if sent.Unique {
					unique++
				}
			}
		}
		if unique == 0 {
			t.Errorf("%s carries nothing of its own; the sample plants one fact in each", a.Source)
		}
		row := ""
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, a.Source) {
				row = l
			}
		}
		want := fmt.Sprintf(" %d %d%%", words, (200*unique+counted)/(2*counted))
		if !strings.Contains(strings.Join(strings.Fields(row), " "), strings.TrimSpace(want)) {
			t.Errorf("%s row %q lacks words and share %q", a.Source, row, want)
		}
	}
}

func TestCompareThirtySources(t *testing.T) {
	lib := smallLibrary(t, 0)
	var arts []store.Article
	for i := range 30 {
		arts = append(arts, article(int64(500+i), 77, fmt.Sprintf("Outlet %02d", i),
			fmt.Sprintf("Ferry strike day %d", i),
			fmt.Sprintf("Ferry crews walked out on Monday over pay. Outlet %d alone heard that the union met %d times.\n\nThe strike continues.", i, i+2),
			time.Duration(60-i)*time.Hour, false))
	}
	lib.stories = append([]store.Story{storyOf(77, "Ferry strike", arts, false)}, lib.stories...)
	lib.articles[77] = arts
	m := start(t, lib, testOptions(), 120, 40)
	m = press(t, m, "c")
	for range 40 {
		m = press(t, m, "]")
	}
	if m.compare.idx != [2]int{0, 29} {
		t.Fatalf("] 40 times: columns %v", m.compare.idx)
	}
	if !strings.Contains(screenText(m), "30/30") {
		t.Errorf("position not shown:\n%s", screenText(m))
	}
	for range 40 {
		m = press(t, m, "}")
	}
	if m.compare.idx != [2]int{28, 29} {
		t.Fatalf("} 40 times: columns %v", m.compare.idx)
	}
	m = press(t, m, "v")
	if len(m.overview.order) != 30 {
		t.Fatalf("overview lists %d sources", len(m.overview.order))
	}
	if a, _ := m.overview.selected(); a.Source != "Outlet 28" {
		t.Fatalf("overview cursor on %s", a.Source)
	}
	// Oldest first: Outlet 00 reported 60h ago and heads the list.
	if a := m.overview.an.articles[m.overview.order[0]]; a.Source != "Outlet 00" {
		t.Fatalf("first row %s", a.Source)
	}
	m = press(t, m, "G")
	if s := screenText(m); !strings.Contains(s, "Outlet 29") || !strings.Contains(s, "+29h") {
		t.Errorf("the last report is not in view after G:\n%s", s)
	}
	checkShape(t, m, 120, 40)
}

func TestStaleCompareLayoutIsDropped(t *testing.T) {
	m, _, _ := compareSummit(t, 120, 40)
	// Ask for the next pair, but hold its layout back; then move on again.
	m, cmd := m.update(keyMsg("]"))
	held := msgsOf(cmd)
	if len(held) != 1 {
		t.Fatalf("] produced %d messages, want one layout", len(held))
	}
	m = press(t, m, "]")
	m, _ = m.update(held[0])
	if _, ok := m.compare.cache[held[0].(compareRenderedMsg).key]; ok {
		t.Error("a layout of a pair no longer shown was kept")
	}
	if want := m.compare.an.articles[3].ID; m.compare.shown.right != want || m.compare.r != m.compare.cache[m.compare.shown] {
		t.Fatalf("the layout on show is of article %d, want %d", m.compare.shown.right, want)
	}
}

func TestCompareFollowsRefreshThemeAndSize(t *testing.T) {
	lib := smallLibrary(t, 5)
	opts := testOptions()
	opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
		lib.mu.Lock()
		defer lib.mu.Unlock()
		a := article(14, 1, "Northern Post", "Bridge repairs to start in May", "Work starts in May.", 10*time.Minute, false)
		lib.articles[1] = append(lib.articles[1], a)
		lib.stories[0].Count++
		return RefreshSummary{Feeds: 1, Added: 1}, nil
	}
	m := start(t, lib, opts, 100, 30)
	m = press(t, m, "c", "]")
	if got := sourcesShown(m); got != [2]string{"Coastal Times", "Valley Radio"} {
		t.Fatalf("columns %v", got)
	}
	m = press(t, m, "r")
	if len(m.compare.an.articles) != 4 || sourcesShown(m) != [2]string{"Coastal Times", "Valley Radio"} {
		t.Fatalf("after a refresh: %d articles, columns %v", len(m.compare.an.articles), sourcesShown(m))
	}
	if s := screenText(m); !strings.Contains(s, "3/4") {
		t.Errorf("the new source is not counted:\n%s", s)
	}
	m = press(t, m, "]")
	if got := sourcesShown(m); got[1] != "Northern Post" {
		t.Fatalf("] after the refresh shows %v", got)
	}
	before := m.compare.shown
	m = press(t, m, "t")
	if m.compare.shown.theme != "dark" || !m.compare.shown.samePair(before) {
		t.Fatalf("after t the layout is %+v", m.compare.shown)
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 70, Height: 20})
	if m.compare.shown.width != 70 {
		t.Fatalf("after a resize the layout is %d wide", m.compare.shown.width)
	}
	lw, _ := compareWidths(70)
	for _, l := range m.compare.r.cols[0] {
		if w := widthOf(l); w > lw {
			t.Fatalf("line %q is %d wide in a column of %d", ansiStrip(l), w, lw)
		}
	}
	checkShape(t, m, 70, 20)
}

// helpHas says whether the help on screen lists key with desc beside it.
func helpHas(screen, key, desc string) bool {
	return regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(key) + `\s+` + regexp.QuoteMeta(desc)).MatchString(screen)
}

// TestCompareFollowsAMerge has a refresh merge the story on show into
// another, as grouping does: the compare pane follows its left article to
// the merged story and says nothing is wrong.
func TestCompareFollowsAMerge(t *testing.T) {
	lib := smallLibrary(t, 5)
	opts := testOptions()
	opts.Refresh = regrouping(lib, mergeBridgeIntoFrost)
	m := start(t, lib, opts, 100, 30)
	m = press(t, m, "c")
	left, _ := m.compare.article(0)
	m = press(t, m, "r")
	if m.screen != screenCompare || m.compare.story.ID != 9 {
		t.Fatalf("after the merge: screen %v, story %d; want compare on story 9", m.screen, m.compare.story.ID)
	}
	if l, _ := m.compare.article(0); l.ID != left.ID {
		t.Errorf("left column shows article %d, want %d", l.ID, left.ID)
	}
	if s := screenText(m); strings.Contains(s, "not found") {
		t.Errorf("following the merge reported an error:\n%s", s)
	}
}

// TestOverviewFollowsAMerge has a refresh merge the story on show in the
// overview into another: the overview follows the article under its
// cursor to the merged story and says nothing is wrong.
func TestOverviewFollowsAMerge(t *testing.T) {
	lib := smallLibrary(t, 5)
	opts := testOptions()
	opts.Refresh = regrouping(lib, mergeBridgeIntoFrost)
	m := start(t, lib, opts, 100, 30)
	m = press(t, m, "v")
	m = press(t, m, "j")
	sel, ok := m.overview.selected()
	if m.screen != screenOverview || !ok {
		t.Fatalf("screen %v, selected %v: want the overview with an article under the cursor", m.screen, ok)
	}
	m = press(t, m, "r")
	if m.screen != screenOverview || m.overview.story.ID != 9 {
		t.Fatalf("after the merge: screen %v, story %d; want the overview of story 9", m.screen, m.overview.story.ID)
	}
	if a, _ := m.overview.selected(); a.ID != sel.ID {
		t.Errorf("cursor on article %d, want %d", a.ID, sel.ID)
	}
	if s := screenText(m); strings.Contains(s, "not found") || !strings.Contains(s, "Bridge and frost") {
		t.Errorf("the overview after the merge:\n%s", s)
	}
}

// TestCompareColumnOfAHeadline: a source with no sentences to compare
// (its feed gave a headline alone) says so in its column, wrapped to it,
// with the keys that show more as they are bound.
func TestCompareColumnOfAHeadline(t *testing.T) {
	st := themes.Default().Styles(true)
	keys := DefaultKeyMap()
	keys.Overview.SetKeys("V")
	keys.Overview.SetHelp("V", "overview")
	lines := layoutColumn(nil, 2, 30, false, headlineNote(keys), &st)
	text := strings.Join(strings.Fields(ansi.Strip(strings.Join(lines, " "))), " ")
	if want := "Only the headline, no text. V lists every source's headline; o opens the page of the source in focus."; text != want {
		t.Errorf("empty column says %q, want %q", text, want)
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > gutterWidth+30 {
			t.Errorf("line %q is %d wide, past the column", l, w)
		}
	}
}

// TestCompareStripOfAHeadline: beside a source whose feed gave a headline
// alone, the strip says so instead of counting sentences, and does not
// claim the two agree on every figure, which a headline cannot show.
func TestCompareStripOfAHeadline(t *testing.T) {
	st := themes.Default().Styles(true)
	text := story.ArticleComparison{ID: 1, Title: "Quay shut after sea wall cracks",
		Sentences: []story.Sentence{{Text: "The quay shut on Monday.", Unique: true}}}
	headline := story.ArticleComparison{ID: 2, Title: "Cracked wall closes quay"}
	strip := func(l, r story.ArticleComparison) string {
		var lines []string
		for _, row := range summaryStrip(story.PairView{Left: l.ID, Right: r.ID, LeftOnly: len(l.Sentences)}, l, r, 40, 40, &st) {
			lines = append(lines, ansi.Strip(row.line))
		}
		return strings.Join(lines, "\n")
	}
	s := strip(text, headline)
	if !strings.Contains(s, "0 shared · 1 only here") || !strings.Contains(s, "headline only") || strings.Contains(s, "no figure") {
		t.Errorf("strip of an article and a headline:\n%s", s)
	}
	if s := strip(text, text); strings.Contains(s, "headline only") || !strings.Contains(s, "the two give no figure differently") {
		t.Errorf("strip of two articles:\n%s", s)
	}
}

// TestCompareColumnSaysWhereComparisonStops: in a story too long to
// compare whole, a note stands before the first sentence left uncompared,
// and no sentence after it is marked as the source's own.
func TestCompareColumnSaysWhereComparisonStops(t *testing.T) {
	st := themes.Default().Styles(true)
	sents := []story.Sentence{
		{Text: "Only this source reports the ferry.", Unique: true, Paragraph: 0},
		{Text: "Nor was this compared.", Uncompared: true, Paragraph: 1},
		{Text: "Nor this.", Uncompared: true, Paragraph: 1},
	}
	lines := layoutColumn(sents, 2, 40, false, "", &st)
	text := ansiStrip(strings.Join(lines, "\n"))
	note := strings.Index(text, "Not compared from here on")
	if note < 0 || note > strings.Index(text, "Nor was") {
		t.Fatalf("no note before the uncompared sentences:\n%s", text)
	}
	for _, l := range lines {
		l = ansiStrip(l)
		if strings.HasPrefix(l, "▌") != strings.Contains(l, "Only this source") {
			t.Errorf("line %q marked %v", l, strings.HasPrefix(l, "▌"))
		}
	}
}

// countingLibrary counts the reads of a story's articles, to show what a
// follow asks of the library.
type countingLibrary struct {
	*fakeLibrary
	reads atomic.Int32
}

func (c *countingLibrary) StoryArticles(ctx context.Context, id int64) ([]store.Article, error) {
	c.reads.Add(1)
	return c.fakeLibrary.StoryArticles(ctx, id)
}

// TestCompareOverOverviewFollowsOnce opens compare over the overview on
// one article and has a refresh merge its story into another: both panes
// follow the article, on one analysis of the story it moved to.
func TestCompareOverOverviewFollowsOnce(t *testing.T) {
	lib := smallLibrary(t, 5)
	counted := &countingLibrary{fakeLibrary: lib}
	opts := testOptions()
	opts.Refresh = regrouping(lib, mergeBridgeIntoFrost)
	m := start(t, counted, opts, 100, 30)
	m = press(t, m, "v", "c")
	counted.reads.Store(0)
	m = press(t, m, "r")
	if m.compare.story.ID != 9 || m.overview.story.ID != 9 || m.compare.an == nil || m.compare.an != m.overview.an {
		t.Fatalf("after the merge: compare on %d, overview on %d, sharing an analysis %v; want both on story 9, one analysis",
			m.compare.story.ID, m.overview.story.ID, m.compare.an == m.overview.an)
	}
	// One read finds the article gone, one analyses the story it went to.
	if n := counted.reads.Load(); n != 2 {
		t.Errorf("%d reads of a story's articles, want 2", n)
	}
	m = press(t, m, "esc")
	if m.screen != screenOverview || !strings.Contains(screenText(m), "Bridge and frost") {
		t.Errorf("back on the overview:\n%s", screenText(m))
	}
}

// TestCompareReopensOnNewText: texts that change while compare is closed
// (full text arriving after esc, or a refresh) are what compare and the
// overview show when opened again, from the list or from the reader.
func TestCompareReopensOnNewText(t *testing.T) {
	for _, from := range []string{"list", "reader"} {
		lib := smallLibrary(t, 5)
		m := start(t, lib, testOptions(), 100, 30)
		m = press(t, m, "c", "esc")
		lib.mu.Lock()
		lib.articles[1][0].Content, lib.articles[1][0].FullText = "Kittiwakes nest under the old bridge deck, wardens said.", true
		lib.mu.Unlock()
		m = send(t, m, fullTextDoneMsg{why: fullTextCompared, q: store.FullTextQuery{Story: 1},
			report: FullTextReport{Fetched: []int64{11}, Stories: []int64{1}}})
		if from == "reader" {
			m = press(t, m, "enter")
		}
		m = press(t, m, "c")
		if s := screenText(m); !strings.Contains(s, "Kittiwakes nest") {
			t.Errorf("compare from the %s after the text changed shows the old text:\n%s", from, s)
		}
	}
}

// TestPaneClosedBeforeItsReloadKeepsTheNewText: a refresh changes a
// story's text while compare or the overview is open, and the pane closes
// before the story's new analysis arrives; opened again, it shows the new
// text.
func TestPaneClosedBeforeItsReloadKeepsTheNewText(t *testing.T) {
	for _, open := range []string{"c", "v"} {
		lib := smallLibrary(t, 5)
		m := press(t, start(t, lib, testOptions(), 100, 30), open)
		lib.mu.Lock()
		lib.articles[1][0].Content = "Kittiwakes nest under the old bridge deck, wardens said."
		lib.mu.Unlock()
		reload := m.reloadAnalysis()
		m = press(t, m, "esc")
		m = press(t, settle(t, m, reload), open)
		an := m.compare.an
		if open == "v" {
			an = m.overview.an
		}
		if an == nil || !strings.Contains(an.articles[0].Content, "Kittiwakes nest") {
			t.Errorf("%s opened again on the old text", open)
		}
	}
	m := press(t, start(t, smallLibrary(t, 5), testOptions(), 100, 30), "c")
	if s := screenText(m); strings.Contains(s, "Kittiwakes nest") {
		t.Fatalf("the fixture's text already says what the test looks for:\n%s", s)
	}
}

// TestCompareLeavesAStoryLeftSingle: a refresh that leaves the story on
// show in compare with one article takes the reader back, saying why.
func TestCompareLeavesAStoryLeftSingle(t *testing.T) {
	lib := smallLibrary(t, 5)
	m := start(t, lib, testOptions(), 100, 30)
	m = press(t, m, "c")
	if m.screen != screenCompare {
		t.Fatal("compare did not open")
	}
	lib.mu.Lock()
	lib.articles[1] = lib.articles[1][:1]
	lib.mu.Unlock()
	m = settle(t, m, m.reloadAnalysis())
	if m.screen == screenCompare {
		t.Fatalf("compare stayed open on a story of one article:\n%s", screenText(m))
	}
	if s := screenText(m); !strings.Contains(s, "Only one source tells this story") {
		t.Errorf("no word of why compare closed:\n%s", s)
	}
}

// Compare puts beside the article read the next from another outlet,
// wrapping round, when the story has one.
func TestCompareOpensOnAnotherOutlet(t *testing.T) {
	lib := smallLibrary(t, 0)
	var arts []store.Article
	for i, src := range []string{"Epsilon", "Zeta", "Zeta", "Epsilon"} {
		id := int64(15 + i)
		arts = append(arts, article(id, 1, src, fmt.Sprintf("Bridge report %d", id), fmt.Sprintf("The bridge closes, report %d says.", id), time.Duration(5-i)*time.Hour, true))
	}
	// Epsilon, Epsilon, Zeta, Zeta, Epsilon; all read, so the reader opens
	// on the first.
	lib.articles[1] = append([]store.Article{article(14, 1, "Epsilon", "Bridge report 14", "The bridge closes.", 6*time.Hour, true)}, arts...)
	lib.stories[0] = storyOf(1, lib.stories[0].Title, lib.articles[1], false)
	for _, tc := range []struct {
		read  int // the article open in the reader
		right int // the one compare puts beside it
	}{{4, 2}, {0, 2}, {1, 2}, {2, 4}, {3, 4}} {
		m := openBridge(t, lib, 100, 30)
		for range tc.read {
			m = press(t, m, "]")
		}
		m = press(t, m, "c")
		if m.compare.idx != [2]int{tc.read, tc.right} {
			t.Errorf("compare from article %d shows %v, want [%d %d]:\n%s", tc.read, m.compare.idx, tc.read, tc.right, screenText(m))
		}
	}
	// A story told by one outlet alone still compares its articles.
	for i := range lib.articles[1] {
		lib.articles[1][i].Source = "Epsilon"
	}
	m := press(t, openBridge(t, lib, 100, 30), "]", "]", "]", "]", "c")
	if m.compare.idx != [2]int{4, 0} {
		t.Errorf("compare in a story of one outlet shows %v, want [4 0]", m.compare.idx)
	}
}

// esc in a reader opened from the overview goes back to the overview, as
// esc in a compare pane opened from it does; the overview then goes back
// where it came from.
func TestReaderFromTheOverviewGoesBackToIt(t *testing.T) {
	m := start(t, smallLibrary(t, 5), testOptions(), 120, 30)
	// list → overview → reader → esc → overview → esc → list
	m = press(t, m, "v", "j", "enter")
	if m.screen != screenMain || m.focus != focusReader {
		t.Fatalf("enter in the overview: screen %v focus %v", m.screen, m.focus)
	}
	m = press(t, m, "]", "esc")
	if m.screen != screenOverview {
		t.Fatalf("esc from the reader went to screen %v focus %v, want the overview", m.screen, m.focus)
	}
	if a, _ := m.overview.selected(); a.ID != 12 {
		t.Errorf("the overview's cursor is on %d, want where it was", a.ID)
	}
	m = press(t, m, "esc")
	if m.screen != screenMain || m.focus != focusStories {
		t.Fatalf("esc from the overview: screen %v focus %v", m.screen, m.focus)
	}
	// list → compare → overview → reader → esc → overview → esc → compare → esc → list
	m = press(t, m, "c", "v", "enter", "esc")
	if m.screen != screenOverview {
		t.Fatalf("esc from the reader went to screen %v, want the overview", m.screen)
	}
	m = press(t, m, "esc")
	if m.screen != screenCompare {
		t.Fatalf("esc from the overview went to screen %v, want compare", m.screen)
	}
	m = press(t, m, "esc")
	if m.screen != screenMain || m.focus != focusStories || len(m.back) != 0 {
		t.Fatalf("esc from compare: screen %v focus %v, way back %v", m.screen, m.focus, m.back)
	}
	// reader → overview → reader: enter goes back to the reader it came
	// from, and esc there to the list, not round again.
	m = press(t, m, "enter", "v", "j", "enter")
	if m.screen != screenMain || m.focus != focusReader {
		t.Fatalf("enter in the overview from the reader: screen %v focus %v", m.screen, m.focus)
	}
	m = press(t, m, "esc")
	if m.screen != screenMain || m.focus != focusStories {
		t.Fatalf("esc from the reader: screen %v focus %v, want the list", m.screen, m.focus)
	}
	// Leaving the reader for the list by tab forgets the overview.
	m = press(t, m, "v", "enter", "tab", "enter", "esc")
	if m.screen != screenMain || m.focus != focusStories || m.overview.open {
		t.Fatalf("esc from a story opened from the list: screen %v focus %v", m.screen, m.focus)
	}
}

// TestCompareResizeKeepsThePlace scrolls the compare pane into two long
// articles and changes the terminal's width: the focused column keeps the
// words at its top there while the columns scroll together, and each
// column keeps its own while they scroll apart.
func TestCompareResizeKeepsThePlace(t *testing.T) {
	m := start(t, wordsLibrary(400, 400), testOptions(), 100, 24)
	m = press(t, m, "c")
	if m.screen != screenCompare || m.compare.r == nil {
		t.Fatalf("c did not compare the story:\n%s", screenText(m))
	}
	top := func(c int) string {
		return ansiStrip(m.compare.r.cols[c][m.compare.shownOffset(c)])
	}
	check := func(cols []int, sizes ...int) {
		t.Helper()
		want := [2]string{firstWord(top(0)), firstWord(top(1))}
		for _, c := range cols {
			if want[c] == "" || want[c] == "a001" || want[c] == "b001" {
				t.Fatalf("column %d scrolled to %q", c, want[c])
			}
		}
		for _, w := range sizes {
			m = send(t, m, tea.WindowSizeMsg{Width: w, Height: 24})
			for _, c := range cols {
				if !strings.Contains(top(c), want[c]) {
					t.Errorf("%d wide: column %d was scrolled to %q; now its top line is %q", w, c, want[c], top(c))
				}
			}
		}
	}
	for range 15 {
		m = press(t, m, "j")
	}
	check([]int{0}, 60, 140, 61, 100)

	m = press(t, m, "l", "tab", "j", "j", "j", "j", "j", "j")
	if firstWord(top(0))[1:] == firstWord(top(1))[1:] {
		t.Fatalf("unlocked, both columns begin with word %s", firstWord(top(0))[1:])
	}
	check([]int{0, 1}, 50, 120, 99, 100)
}

// TestCompareResizeFollowsTheLongerColumn scrolls two columns together past
// the end of the shorter, focused one: a resize keeps the words at the
// top of the longer one, which is still scrolling.
func TestCompareResizeFollowsTheLongerColumn(t *testing.T) {
	m := start(t, wordsLibrary(60, 400), testOptions(), 100, 24)
	m = press(t, m, "c")
	for range 25 {
		m = press(t, m, "j")
	}
	top := func() string { return ansiStrip(m.compare.r.cols[1][m.compare.shownOffset(1)]) }
	want := firstWord(top())
	if m.compare.focus != 0 || m.compare.shownOffset(0) == m.compare.off[0] || want == "" {
		t.Fatalf("the left column has not ended while the right scrolls on: offsets %v, shown %d", m.compare.off, m.compare.shownOffset(0))
	}
	for _, w := range []int{60, 140, 80} {
		m = send(t, m, tea.WindowSizeMsg{Width: w, Height: 24})
		if !strings.Contains(top(), want) {
			t.Errorf("%d wide: the right column was scrolled to %q; now its top line is %q", w, want, top())
		}
	}
}

// TestOverviewSaysWhenTheFirstReportCame opens the overview of a story
// first reported moments ago and of one first reported weeks ago: it says
// "just now" and gives the date, not "now ago" or "Feb 2 ago".
func TestOverviewSaysWhenTheFirstReportCame(t *testing.T) {
	for _, c := range []struct {
		age  time.Duration
		want string
	}{
		{30 * time.Second, "first Coastal Times just now ·"},
		{5 * time.Hour, "first Coastal Times 5h ago ·"},
		{40 * 24 * time.Hour, "first Coastal Times on " + testNow.Add(-40*24*time.Hour).Format("2 Jan 2006") + " ·"},
	} {
		arts := []store.Article{
			article(71, 7, "Coastal Times", "Ferry timetable changes", "The ferry runs later.", c.age, false),
			article(72, 7, "Harbour Herald", "Later ferries from May", "Ferries run later from May.", c.age-time.Second, false),
		}
		lib := &fakeLibrary{
			stories:  []store.Story{storyOf(7, "Ferry timetable changes", arts, false)},
			articles: map[int64][]store.Article{7: arts},
		}
		m := press(t, start(t, lib, testOptions(), 100, 20), "v")
		if s := screenText(m); !strings.Contains(s, c.want) {
			t.Errorf("first reported %v before: the overview lacks %q:\n%s", c.age, c.want, s)
		}
	}
}

// Leaving the reader for the list's filter forgets where the reader was
// opened from, as tab and esc do: esc in a story read afterwards goes
// back to where that story was opened from, not to an overview or the
// saved stories left behind before.
func TestFilterFromTheReaderForgetsTheWayBack(t *testing.T) {
	cases := []struct {
		name       string
		from, then []string
		want       screen
	}{
		{"overview", []string{"v", "j", "enter"}, []string{"esc", "enter", "esc"}, screenMain},
		{"saved", []string{"S", "enter"}, []string{"esc", "v", "enter", "esc"}, screenOverview},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := start(t, smallLibrary(t, 5), testOptions(), 120, 30)
			m = press(t, m, c.from...)
			if m.screen != screenMain || m.focus != focusReader {
				t.Fatalf("screen %v focus %v, want the reader", m.screen, m.focus)
			}
			m = press(t, m, "/")
			if m.fromOverview || m.fromSaved || len(m.back) != 0 || m.overview.open {
				t.Errorf("/ in the reader kept the way back: from the overview %v, from saved %v, back %v, overview open %v",
					m.fromOverview, m.fromSaved, m.back, m.overview.open)
			}
			m = press(t, m, c.then...)
			if m.screen != c.want {
				t.Errorf("after %v esc went to screen %v, want %v", c.then, m.screen, c.want)
			}
		})
	}
}
