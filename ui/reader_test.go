package ui

import (
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"parallax/store"
	"parallax/themes"
)

// openBridge starts the reader and opens the bridge story (three sources).
func openBridge(t *testing.T, lib *fakeLibrary, w, h int) Model {
	t.Helper()
	m := start(t, lib, testOptions(), w, h)
	return press(t, m, "enter")
}

func TestOpenStoryNarrowShowsArticleAndBack(t *testing.T) {
	lib := smallLibrary(t, 5)
	m := openBridge(t, lib, 80, 24)
	s := screenText(m)
	for _, want := range []string{
		"Harbour bridge to close to cars after cracks found",
		"Coastal Times · by Sam Reporter · 14 Mar 2025 09:00 (3h)",
		"https://coastaltimes.example/news/11",
		"1/3", "Coastal Times", "Harbour Herald", "Valley Radio",
		"The council voted on Tuesday evening",
		"## What changes",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("reader lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "Stories ·") {
		t.Error("narrow reader still shows the list")
	}
	for _, l := range strings.Split(s, "\n") {
		if len([]rune(strings.TrimRight(l, " "))) > 80 {
			t.Errorf("line wider than the screen: %q", l)
		}
	}
	m = press(t, m, "esc")
	if !strings.Contains(screenText(m), "Stories ·") || m.focus != focusStories {
		t.Fatal("esc did not go back to the list")
	}
}

func TestOpeningMarksReadAndUMarksUnread(t *testing.T) {
	lib := smallLibrary(t, 5)
	m := openBridge(t, lib, 80, 24)
	if got := strings.Join(lib.setReads, ","); got != "11=true" {
		t.Fatalf("SetRead calls %q, want 11=true", got)
	}
	if u := m.stories.rows[0].story.Unread; u != 2 {
		t.Fatalf("list shows %d unread, want 2", u)
	}
	m = press(t, m, "]")
	if got := strings.Join(lib.setReads, ","); got != "11=true,12=true" {
		t.Fatalf("SetRead calls %q", got)
	}
	m = press(t, m, "u")
	if got := strings.Join(lib.setReads, ","); got != "11=true,12=true,12=false" {
		t.Fatalf("SetRead calls %q", got)
	}
	if u := m.stories.rows[0].story.Unread; u != 2 {
		t.Fatalf("list shows %d unread after u, want 2", u)
	}
	if !strings.Contains(screenText(m), "Marked unread.") {
		t.Error("no status after marking unread")
	}
	// Going back to an article already read writes nothing.
	m = press(t, m, "[")
	if got := len(lib.setReads); got != 3 {
		t.Fatalf("revisiting a read article wrote %d times in all", got)
	}
}

func TestSwitchSources(t *testing.T) {
	m := openBridge(t, smallLibrary(t, 5), 80, 24)
	m = press(t, m, "]")
	s := screenText(m)
	if !strings.Contains(s, "Cracked supports shut the harbour bridge") || !strings.Contains(s, "2/3") {
		t.Fatalf("] did not move to the second source:\n%s", s)
	}
	if !strings.Contains(s, "Engineers inspecting the harbour bridge") {
		t.Errorf("second article's text not rendered:\n%s", s)
	}
	m = press(t, m, "]", "]")
	s = screenText(m)
	if !strings.Contains(s, "3/3") || !strings.Contains(s, "The harbour bridge shuts to cars next month") {
		t.Fatalf("last source (summary only) not shown:\n%s", s)
	}
	m = press(t, m, "[", "[", "[")
	if !strings.Contains(screenText(m), "1/3") {
		t.Fatal("[ did not go back to the first source")
	}
	// The current source is highlighted in the strip.
	view := m.View().Content
	if !strings.Contains(view, m.styles.SourceCurrent.Render(" Coastal Times ")) {
		t.Error("current source is not highlighted")
	}
	if !strings.Contains(view, m.styles.Source.Render(" Harbour Herald ")) {
		t.Error("other source is not drawn plainly")
	}
}

func TestReaderScrolling(t *testing.T) {
	m := openBridge(t, smallLibrary(t, 5), 80, 12)
	body := m.reader.bodyHeight()
	if len(m.reader.lines) <= body {
		t.Fatalf("article (%d lines) fits in %d lines; the test needs it to scroll", len(m.reader.lines), body)
	}
	maxOff := len(m.reader.lines) - body
	steps := []struct {
		key  string
		want int
	}{
		{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0}, {"up", 0},
		{"G", maxOff}, {"g", 0}, {"space", min(body-1, maxOff)}, {"pgup", 0},
		{"pgdown", min(body-1, maxOff)},
	}
	for _, s := range steps {
		m = press(t, m, s.key)
		if m.reader.offset != s.want {
			t.Fatalf("after %s offset %d, want %d", s.key, m.reader.offset, s.want)
		}
	}
	m = press(t, m, "g")
	m = send(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.reader.offset != min(3, maxOff) {
		t.Fatalf("wheel: offset %d", m.reader.offset)
	}
	top := strings.Split(screenText(m), "\n")[m.reader.headerHeight()]
	if strings.TrimSpace(top) != strings.TrimSpace(ansiStrip(m.reader.lines[m.reader.offset])) {
		t.Errorf("first body line %q is not line %d of the article", top, m.reader.offset)
	}
}

func TestStaleRenderIsDropped(t *testing.T) {
	lib := smallLibrary(t, 5)
	m := start(t, lib, testOptions(), 80, 24)
	// Open the story but hold back every message it produces.
	m, cmd := m.update(keyMsg("enter"))
	var held []tea.Msg
	for _, msg := range msgsOf(cmd) {
		var c tea.Cmd
		m, c = m.update(msg) // openStoryMsg
		for _, msg := range msgsOf(c) {
			var c2 tea.Cmd
			m, c2 = m.update(msg) // storyArticlesMsg
			held = append(held, msgsOf(c2)...)
		}
	}
	var first renderedMsg
	for _, msg := range held {
		if r, ok := msg.(renderedMsg); ok {
			first = r
		} else {
			m, _ = m.update(msg)
		}
	}
	if first.key.articleID != 11 {
		t.Fatalf("first render was for article %d, want 11", first.key.articleID)
	}
	// The user moves on before the render of the first article comes back.
	m, cmd = m.update(keyMsg("]"))
	second := msgsOf(cmd)
	m, _ = m.update(first)
	if _, cached := m.reader.cache[first.key]; cached {
		t.Error("a render for an article no longer shown was kept")
	}
	s := screenText(m)
	if strings.Contains(s, "The council voted") {
		t.Fatalf("the stale render of the first article is on screen:\n%s", s)
	}
	if !strings.Contains(s, "Rendering…") {
		t.Errorf("expected a placeholder while the second article renders:\n%s", s)
	}
	for _, msg := range second {
		m, _ = m.update(msg)
	}
	if !strings.Contains(screenText(m), "Engineers inspecting") {
		t.Fatalf("second article not shown after its render:\n%s", screenText(m))
	}
}

func TestRenderCacheAndRerenderOnResize(t *testing.T) {
	m := openBridge(t, smallLibrary(t, 5), 80, 24)
	m = press(t, m, "]")
	// Back to the first article: its render is cached, no new work.
	m, cmd := m.update(keyMsg("["))
	for _, msg := range msgsOf(cmd) {
		if _, ok := msg.(renderedMsg); ok {
			t.Fatal("a cached article was rendered again")
		}
	}
	if !strings.Contains(screenText(m), "The council voted") {
		t.Fatal("cached render not shown at once")
	}
	// A new width is a new rendering, wrapped to the new width.
	m = send(t, m, tea.WindowSizeMsg{Width: 60, Height: 24})
	if m.reader.shown.width != 60 {
		t.Fatalf("shown render width %d, want 60", m.reader.shown.width)
	}
	for _, l := range m.reader.lines {
		if w := widthOf(l); w > 60 {
			t.Fatalf("line %q is %d wide at width 60", l, w)
		}
	}
	// Wide terminals keep text to a readable measure.
	m = send(t, m, tea.WindowSizeMsg{Width: 300, Height: 40})
	if m.reader.shown.width != maxRenderWidth {
		t.Fatalf("render width %d on a 300-column screen, want %d", m.reader.shown.width, maxRenderWidth)
	}
}

func TestThemeChangeRerendersWithNewKey(t *testing.T) {
	opts := testOptions()
	opts.GlamourStyle = ""
	m := start(t, smallLibrary(t, 5), opts, 80, 24)
	m = send(t, m, tea.BackgroundColorMsg{Color: color.Black})
	m = press(t, m, "enter")
	if m.reader.shown.theme != "auto" {
		t.Fatalf("rendered with theme %q", m.reader.shown.theme)
	}
	m = press(t, m, "t")
	if m.theme.Name != "dark" || m.reader.shown.theme != "dark" || !m.reader.shown.dark {
		t.Fatalf("after t: theme %q, render %+v", m.theme.Name, m.reader.shown)
	}
	m = press(t, m, "t")
	if m.theme.Name != "light" || m.reader.shown.dark {
		t.Fatalf("after t t: theme %q, render %+v", m.theme.Name, m.reader.shown)
	}
	if m.View().BackgroundColor == nil {
		t.Error("the light theme does not paint its background")
	}
	for range len(themes.Names()) - 2 {
		m = press(t, m, "t")
	}
	if m.theme.Name != "auto" || m.View().BackgroundColor != nil {
		t.Fatalf("cycle did not return to auto (theme %q)", m.theme.Name)
	}
}

func TestBackgroundColorPicksLightOrDark(t *testing.T) {
	m := start(t, smallLibrary(t, 0), testOptions(), 80, 24)
	if !m.styles.Dark {
		t.Fatal("auto should assume a dark background until told")
	}
	m = send(t, m, tea.BackgroundColorMsg{Color: whiteColor{}})
	if m.styles.Dark || m.reader.theme.IsDark(m.reader.termDark) {
		t.Fatal("a white background did not switch auto to light")
	}
}

type whiteColor struct{}

func (whiteColor) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestOpenInBrowser(t *testing.T) {
	var opened []string
	opts := testOptions()
	opts.OpenURL = func(u string) error { opened = append(opened, u); return nil }
	lib := smallLibrary(t, 0)
	lib.articles[1][1].URL = "javascript:alert(1)"
	lib.articles[1][2].URL = ""
	m := start(t, lib, opts, 80, 24)
	m = press(t, m, "enter", "o")
	if len(opened) != 1 || opened[0] != "https://coastaltimes.example/news/11" {
		t.Fatalf("opened %q", opened)
	}
	m = press(t, m, "]", "o")
	if len(opened) != 1 {
		t.Fatalf("a non-web link was opened: %q", opened)
	}
	if !strings.Contains(screenText(m), "not an http or https link") {
		t.Errorf("refusal not reported:\n%s", screenText(m))
	}
	// An imported article may have no link at all.
	m = press(t, m, "]", "o")
	if len(opened) != 1 || !strings.Contains(screenText(m), "this article has no link to open") {
		t.Errorf("o on an article without a link opened %q:\n%s", opened, screenText(m))
	}
}

// TestMissingBrowserSaysWhatToDo: with no browser to start, the error says
// which one is missing and how to name another, not what exec said.
func TestMissingBrowserSaysWhatToDo(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("BROWSER", "")
	if runtime.GOOS != "darwin" {
		if msg := openInBrowser(nil, "https://example.org/")().(browserMsg); msg.err == nil || msg.err.Error() != "open https://example.org/: xdg-open is not installed; set $BROWSER to the browser to use" {
			t.Errorf("no xdg-open: %v", msg.err)
		}
	}
	t.Setenv("BROWSER", "no-such-browser --new-tab %s")
	if msg := openInBrowser(nil, "https://example.org/")().(browserMsg); msg.err == nil || msg.err.Error() != "open https://example.org/: $BROWSER names no-such-browser, which is not installed" {
		t.Errorf("$BROWSER missing: %v", msg.err)
	}
	t.Setenv("BROWSER", " ")
	if msg := openInBrowser(nil, "https://example.org/")().(browserMsg); msg.err == nil || msg.err.Error() != "open https://example.org/: $BROWSER is blank" {
		t.Errorf("$BROWSER blank: %v", msg.err)
	}
	t.Setenv("BROWSER", "lynx")
	if msg := openInBrowser(nil, "https://example.org/")().(browserMsg); msg.err == nil || msg.err.Error() != "open https://example.org/: $BROWSER names lynx, which is not installed" {
		t.Errorf("$BROWSER missing, a terminal browser: %v", msg.err)
	}
}

// fakeBrowser puts an executable named name on $PATH and names it in
// $BROWSER; it writes its arguments to the file it returns, then exits with
// status.
func fakeBrowser(t *testing.T, name string, status int) (ran string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in browser is a shell script")
	}
	dir := t.TempDir()
	ran = filepath.Join(dir, "ran")
	script := fmt.Sprintf("#!/bin/sh\necho \"$@\" > %s\nexit %d\n", ran, status)
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("BROWSER", name)
	return ran
}

// TestBrowserListTakesTheFirstInstalled: $BROWSER may list browsers
// apart with colons, a window's browser and then a text one for a session
// with no window; the first installed opens the link, and when none is,
// the message names the first.
func TestBrowserListTakesTheFirstInstalled(t *testing.T) {
	fakeBrowser(t, "w3m", 0)
	t.Setenv("BROWSER", "no-such-browser %s::w3m -dump %s")
	b, err := browserFor("https://example.org/a")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"w3m", "-dump", "https://example.org/a"}; !slices.Equal(b.argv, want) || !b.terminal {
		t.Errorf("browser %q (terminal %v), want %q, a terminal one", b.argv, b.terminal, want)
	}
	t.Setenv("BROWSER", "no-such-browser:nor-this-one")
	if msg := openInBrowser(nil, "https://example.org/")().(browserMsg); msg.err == nil || msg.err.Error() != "open https://example.org/: $BROWSER names no-such-browser, which is not installed" {
		t.Errorf("none installed: %v", msg.err)
	}
}

// TestTerminalBrowserIsNotStartedInTheBackground: a text browser named
// by $BROWSER is run by the program in the terminal (tea.ExecProcess),
// which Update hands back to Bubble Tea, rather than started in the
// background with no terminal while the reader says it opened the link.
// TestTerminalBrowserGetsTheTerminal in the main package runs one.
func TestTerminalBrowserIsNotStartedInTheBackground(t *testing.T) {
	ran := fakeBrowser(t, "w3m", 0)
	opts := testOptions()
	opts.OpenURL = nil
	m := start(t, smallLibrary(t, 0), opts, 80, 24)
	m = press(t, m, "enter")
	m, cmd := m.update(keyMsg("o"))
	msgs := msgsOf(cmd)
	if len(msgs) != 1 {
		t.Fatalf("o gave %d messages, want the request to run w3m: %#v", len(msgs), msgs)
	}
	if _, ok := msgs[0].(browserMsg); ok {
		t.Fatalf("o started w3m itself: %#v", msgs[0])
	}
	m = send(t, m, msgs[0])
	time.Sleep(100 * time.Millisecond)
	if _, err := os.Stat(ran); err == nil {
		t.Error("w3m ran in the background")
	}
	if strings.Contains(screenText(m), "Opened") {
		t.Errorf("the reader says it opened the link:\n%s", screenText(m))
	}
}

func TestTerminalBrowsers(t *testing.T) {
	for program, want := range map[string]bool{
		"lynx": true, "/usr/bin/w3m": true, "links2": true, "elinks": true, "browsh": true,
		"carbonyl": true, "www-browser": true, `C:\Tools\lynx.exe`: runtime.GOOS == "windows",
		"firefox": false, "xdg-open": false, "open": false, "x-www-browser": false, "chromium": false,
	} {
		if got := terminalBrowser(program); got != want {
			t.Errorf("terminalBrowser(%q) = %v, want %v", program, got, want)
		}
	}
}

// TestBrowserThatFailsSaysSo: a browser started in the background that
// exits with an error at once (xdg-open with nothing to open the link)
// is reported in the status bar, not left as "Opened".
func TestBrowserThatFailsSaysSo(t *testing.T) {
	ran := fakeBrowser(t, "xdg-open", 4)
	opts := testOptions()
	opts.OpenURL = nil
	m := start(t, smallLibrary(t, 0), opts, 120, 24)
	m = press(t, m, "enter", "o")
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		_, err := os.Stat(ran)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the browser did not run: %v", err)
		}
	}
	if got := screenText(m); !strings.Contains(got, "open https://coastaltimes.example/news/11: xdg-open exited with status 4") {
		t.Errorf("the failure is not in the status bar:\n%s", got)
	}
}

// TestOpenStoryInBrowser presses o on the story list: the article whose
// headline the story carries opens, else the story's first.
func TestOpenStoryInBrowser(t *testing.T) {
	var opened []string
	opts := testOptions()
	opts.OpenURL = func(u string) error { opened = append(opened, u); return nil }
	lib := smallLibrary(t, 0)
	lib.stories[0].Title = lib.articles[1][1].Title
	m := start(t, lib, opts, 80, 24)
	m = press(t, m, "o")
	if len(opened) != 1 || opened[0] != lib.articles[1][1].URL {
		t.Fatalf("o on %q opened %q, want %s", lib.stories[0].Title, opened, lib.articles[1][1].URL)
	}
	m = press(t, m, "j", "j", "o")
	if len(opened) != 2 || opened[1] != lib.articles[3][0].URL {
		t.Fatalf("o on a story titled by none of its articles opened %q, want %s", opened, lib.articles[3][0].URL)
	}
	if m.reader.open {
		t.Error("o on the list opened the reader")
	}
	if !strings.Contains(screenText(m), "Opened "+lib.articles[3][0].URL) {
		t.Errorf("no word of the opened link:\n%s", screenText(m))
	}
}

// TestReaderFollowsAMovedArticle has a refresh move the article being read
// to another story, as grouping does when a young story splits or merges
// into another: the reader follows the article there rather than showing
// another one, and says nothing is wrong.
func TestReaderFollowsAMovedArticle(t *testing.T) {
	for _, tt := range []struct {
		name  string
		move  func(lib *fakeLibrary) // under lib.mu
		count string                 // the source strip's count once followed
	}{
		{"split", func(lib *fakeLibrary) {
			bridge := lib.articles[1]
			moved := bridge[1]
			lib.articles[1] = append(bridge[:1:1], bridge[2:]...)
			lib.articles[9] = []store.Article{moved}
			lib.stories = append([]store.Story{storyOf(9, moved.Title, lib.articles[9], false)}, lib.stories...)
		}, "1/1"},
		{"merge", mergeBridgeIntoFrost, "3/4"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lib := smallLibrary(t, 5)
			opts := testOptions()
			opts.Refresh = regrouping(lib, tt.move)
			m := start(t, lib, opts, 100, 30)
			m = press(t, m, "enter", "]")
			if a, _ := m.reader.current(); a.ID != 12 {
				t.Fatalf("reading article %d, want 12", a.ID)
			}
			m = press(t, m, "r")
			if a, _ := m.reader.current(); m.reader.story.ID != 9 || a.ID != 12 {
				t.Fatalf("the reader shows article %d of story %d, want 12 of 9", a.ID, m.reader.story.ID)
			}
			s := screenText(m)
			if !strings.Contains(s, "Cracked supports shut the harbour bridge") || !strings.Contains(s, tt.count) {
				t.Errorf("the moved article is not shown in its new story:\n%s", s)
			}
			if strings.Contains(s, "not found") {
				t.Errorf("following the article reported an error:\n%s", s)
			}
		})
	}
}

// TestWhyGrouped shows why an article is in its story: the evidence of one
// that joined, "started this story" for the one that started a story of several,
// and nothing for a story's only article.
func TestWhyGrouped(t *testing.T) {
	m := openBridge(t, smallLibrary(t, 5), 100, 30)
	if s := screenText(m); !strings.Contains(s, "started this story") {
		t.Errorf("the first of three sources does not say it started the story:\n%s", s)
	}
	m = press(t, m, "]")
	if s := screenText(m); !strings.Contains(s, "grouped: Harbour Bridge, cracks, supports, council; 1 h apart") {
		t.Errorf("the second source does not say why it is in the story:\n%s", s)
	}
	m = press(t, m, "esc", "j", "enter")
	if s := screenText(m); !strings.Contains(s, "Late frost") || strings.Contains(s, "started this story") || strings.Contains(s, "grouped:") {
		t.Errorf("a story's only article says why it is grouped:\n%s", s)
	}
	// Two stories merged: each had an article that joined none, and
	// which began the story is not known.
	lib := smallLibrary(t, 5)
	lib.articles[1][2].Evidence = ""
	m = openBridge(t, lib, 100, 30)
	for range 2 {
		if s := screenText(m); !strings.Contains(s, "started one of the stories merged into this one") {
			t.Errorf("an article that joined no story, in a story merged from two:\n%s", s)
		}
		m = press(t, m, "]", "]")
	}
}

// TestHeadlineOnlyArticle: an article whose feed gave no text, or its
// headline again, says so, and offers the outlet's page where there is
// one, and the story's overview, where every source's headline is listed,
// where the story has other articles, rather than claiming text was lost.
func TestHeadlineOnlyArticle(t *testing.T) {
	keys := DefaultKeyMap()
	withURL := articleMarkdown(store.Article{Title: "Ferry service resumes", URL: "https://example.com/a"}, keys, false)
	if !strings.Contains(withURL, "only this headline") || !strings.Contains(withURL, "Press o") || strings.Contains(withURL, "v for") {
		t.Errorf("headline-only article with a link reads %q", withURL)
	}
	if bare := articleMarkdown(store.Article{Title: "Ferry service resumes"}, keys, false); bare != "*The feed gave only this headline.*" {
		t.Errorf("headline-only article without a link reads %q", bare)
	}
	if got := articleMarkdown(store.Article{Title: "T", Summary: "The ferry runs again."}, keys, true); got != "The ferry runs again." {
		t.Errorf("article with a summary reads %q", got)
	}
	// An aggregator's item gives its headline again, as a link, for its
	// text: that is no text, and the reader says so once.
	echo := store.Article{Title: "Ferry service resumes", URL: "https://example.com/a", Summary: "[Ferry service resumes](https://example.com/a)"}
	if got := articleMarkdown(echo, keys, false); !strings.Contains(got, "only this headline") || !strings.Contains(got, "Press o") {
		t.Errorf("article whose text repeats its headline reads %q", got)
	}
	if got := articleMarkdown(echo, keys, true); got != "*The feed gave only this headline. Press o to read the article on its site, or v for every source's headline.*" {
		t.Errorf("headline-only article of a story of several reads %q", got)
	}
	if got := articleMarkdown(store.Article{Title: "Ferry service resumes"}, keys, true); got != "*The feed gave only this headline. Press v for every source's headline.*" {
		t.Errorf("headline-only article without a link, of a story of several, reads %q", got)
	}
}

// TestHeadlinesOnlyStoryPointsToTheOverview: in a story whose feeds gave
// headlines alone, the reader offers the overview, which lists every
// source's headline, and the key opens it.
func TestHeadlinesOnlyStoryPointsToTheOverview(t *testing.T) {
	lib := &fakeLibrary{articles: map[int64][]store.Article{}}
	arts := []store.Article{
		article(51, 5, "Coastal Times", "Ferry strike halts island crossings", "", 2*time.Hour, false),
		article(52, 5, "Harbour Herald", "Island ferries idle as crews walk out", "", 3*time.Hour, false),
	}
	lib.stories = []store.Story{storyOf(5, "Ferry strike halts island crossings", arts, false)}
	lib.articles[5] = arts
	m := openBridge(t, lib, 120, 30)
	if s := screenText(m); !strings.Contains(strings.Join(strings.Fields(s), " "), "The feed gave only this headline. Press o to read the article on its site, or v for every source's headline.") {
		t.Fatalf("a headline-only story does not offer its overview:\n%s", s)
	}
	m = press(t, m, "v")
	s := screenText(m)
	for _, want := range []string{"Overview", "Island ferries idle as crews walk out", "Ferry strike halts island crossings"} {
		if !strings.Contains(s, want) {
			t.Errorf("the overview lacks %q:\n%s", want, s)
		}
	}
}

// TestTabsBecomeSpaces: the terminal drops a tab, so the reader turns each
// into spaces to the next tab stop, or words run together and a code
// block loses its indent.
func TestTabsBecomeSpaces(t *testing.T) {
	lib := &fakeLibrary{articles: map[int64][]store.Article{}}
	a := article(10, 1, "Coastal Times", "Tide tables", "Para\twith\ttabs inside.\n\n```\nfunc low() int {\n\treturn 1\n}\n```", time.Hour, false)
	lib.stories = append(lib.stories, storyOf(1, "Tide tables", []store.Article{a}, false))
	lib.articles[1] = []store.Article{a}
	m := openBridge(t, lib, 80, 24)
	s := screenText(m)
	for _, want := range []string{"Para    with    tabs inside.", "    return 1"} {
		if !strings.Contains(s, want) {
			t.Errorf("the reader lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(strings.Join(m.reader.lines, "\n"), "\t") {
		t.Error("a rendered line still holds a tab")
	}
}

// TestHardLineBreaksStay: the lines a feed sets apart with <br> (an
// address, a poem, a list of dates) stay apart, while the lines of a
// paragraph that is merely wrapped in its source run together and wrap at
// the pane's width.
func TestHardLineBreaksStay(t *testing.T) {
	lib := &fakeLibrary{articles: map[int64][]store.Article{}}
	text := "Write to the harbour office:  \nQuay Road 4\\\nPortlow\n\n" +
		"The office opens\nat nine and closes\nat five.\n\n" +
		"> Tides turn,  \n> boats return.\n\n" +
		"```\nkeep  \nthese\n```"
	a := article(10, 1, "Coastal Times", "Harbour office moves", text, time.Hour, false)
	lib.stories = append(lib.stories, storyOf(1, "Harbour office moves", []store.Article{a}, false))
	lib.articles[1] = []store.Article{a}
	m := openBridge(t, lib, 80, 24)
	var lines []string
	for _, l := range m.reader.lines {
		if l = strings.TrimSpace(ansi.Strip(l)); l != "" {
			lines = append(lines, l)
		}
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{
		"Write to the harbour office:\nQuay Road 4\nPortlow",
		"The office opens at nine and closes at five.",
		"Tides turn,\n",
		"keep\nthese",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the reader lacks %q:\n%s", want, got)
		}
	}
}

// The source strip gives outlets' names whole when they all fit, and cuts
// them short only when they do not.
func TestSourceStripGivesNamesWholeWhenTheyFit(t *testing.T) {
	const long = "The Tarsovan Observer and Evening Courier"
	lib := &fakeLibrary{articles: map[int64][]store.Article{}}
	arts := []store.Article{
		article(1, 1, long, "Velsk accepts border talks", "Talks are set for Thursday.", time.Hour, false),
		article(2, 1, "Coastal Times", "Border talks set for Thursday", "Velsk and Tarsova will talk.", 2*time.Hour, false),
	}
	lib.stories = []store.Story{storyOf(1, arts[0].Title, arts, false)}
	lib.articles[1] = arts
	if s := screenText(press(t, start(t, lib, testOptions(), 120, 30), "enter")); !strings.Contains(s, long+"   Coastal Times") {
		t.Errorf("at 120 columns the strip cuts a name that fits:\n%s", s)
	}
	if s := screenText(press(t, start(t, lib, testOptions(), 50, 30), "enter")); !strings.Contains(s, "The Tarsovan Observer a…") {
		t.Errorf("at 50 columns the strip does not cut the long name:\n%s", s)
	}
}

// TestReaderWrapsALongHeadline: a headline wider than the pane takes a
// second line rather than losing its end.
func TestReaderWrapsALongHeadline(t *testing.T) {
	m := start(t, smallLibrary(t, 3), testOptions(), 40, 20)
	m = press(t, m, "enter")
	lines := strings.Split(screenText(m), "\n")
	if strings.TrimSpace(lines[0]) != "Harbour bridge to close to cars after" || strings.TrimSpace(lines[1]) != "cracks found" {
		t.Errorf("headline lines %q, %q; want it whole on two", lines[0], lines[1])
	}
	if !strings.Contains(lines[2], "Coastal Times") {
		t.Errorf("the line after the headline is %q, want the source and date", lines[2])
	}
}

// TestCorrectedArticleIsShownAsStored: a feed corrects an article in place
// (same article, new text); once the story is loaded again, the reader
// shows the new text, not the rendering it kept of the old.
func TestCorrectedArticleIsShownAsStored(t *testing.T) {
	lib := smallLibrary(t, 5)
	m := openBridge(t, lib, 80, 24)
	if !strings.Contains(screenText(m), "The council voted") {
		t.Fatalf("first article not shown:\n%s", screenText(m))
	}
	lib.mu.Lock()
	story := m.reader.story.ID
	for i, a := range lib.articles[story] {
		if a.ID == m.reader.articles[m.reader.cur].ID {
			lib.articles[story][i].Content = "Correction: the council voted to reopen the bridge next week."
			lib.articles[story][i].Summary = ""
		}
	}
	lib.mu.Unlock()
	m = settle(t, m, m.reader.reload())
	if s := screenText(m); !strings.Contains(s, "Correction: the council voted") {
		t.Errorf("the corrected text is not shown:\n%s", s)
	}
}

// wordsLibrary holds one story of two sources whose articles are runs of
// na and nb words each found once ("a001 a002 …" and "b001 b002 …"), in
// sentences of ten, so that where the text is scrolled to can be told by
// its words.
func wordsLibrary(na, nb int) *fakeLibrary {
	text := func(prefix string, n int) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "%s%03d", prefix, i)
			switch {
			case i%40 == 0:
				b.WriteString(".\n\n")
			case i%10 == 0:
				b.WriteString(". ")
			default:
				b.WriteString(" ")
			}
		}
		return b.String()
	}
	arts := []store.Article{
		article(51, 5, "Coastal Times", "A long report", text("a", na), time.Hour, false),
		article(52, 5, "Harbour Herald", "Another long report", text("b", nb), 2*time.Hour, false),
	}
	return &fakeLibrary{
		stories:  []store.Story{storyOf(5, "A long report", arts, false)},
		articles: map[int64][]store.Article{5: arts},
	}
}

// firstWord is the first word of a drawn line, past any mark or margin.
func firstWord(line string) string {
	for _, f := range strings.Fields(ansi.Strip(line)) {
		if r, _ := utf8.DecodeRuneInString(f); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return f
		}
	}
	return ""
}

// TestResizeKeepsTheReadersPlace scrolls into a long article and changes
// the terminal's width: the words at the top of the text stay at its top,
// in text wrapped narrower and wider, and through a window's edge dragged
// a column at a time.
func TestResizeKeepsTheReadersPlace(t *testing.T) {
	m := start(t, wordsLibrary(400, 400), testOptions(), 80, 20)
	m = press(t, m, "enter")
	for range 12 {
		m = press(t, m, "j")
	}
	top := firstWord(m.reader.lines[m.reader.offset])
	if top == "" || top == "a001" {
		t.Fatalf("scrolled to line %d, which begins %q", m.reader.offset, top)
	}
	widths := []int{40, 60, 120, 80, 45, 97, 33, 71, 52, 88, 80}
	for w := 79; w >= 30; w-- {
		widths = append(widths, w)
	}
	for w := 31; w <= 80; w++ {
		widths = append(widths, w)
	}
	for _, w := range widths {
		m = send(t, m, tea.WindowSizeMsg{Width: w, Height: 20})
		line := ansi.Strip(m.reader.lines[m.reader.offset])
		if !strings.Contains(line, top) {
			t.Fatalf("%d wide: the text was scrolled to %q; now the top line is %q", w, top, line)
		}
	}
	// Scrolling takes the place afresh.
	m = press(t, m, "j", "j", "j")
	top = firstWord(m.reader.lines[m.reader.offset])
	m = send(t, m, tea.WindowSizeMsg{Width: 50, Height: 20})
	if line := ansi.Strip(m.reader.lines[m.reader.offset]); !strings.Contains(line, top) {
		t.Errorf("50 wide: the text was scrolled on to %q; now the top line is %q", top, line)
	}
}

// TestHeadlineWithoutSpacesWrapsToo opens an article whose Chinese
// headline, written without spaces, is too long for one line: the header
// gives it on two, as it does a headline of words, and the compare pane's
// columns do too.
func TestHeadlineWithoutSpacesWrapsToo(t *testing.T) {
	const title = "港湾大桥今日通车市长为大桥剪彩数千市民到场庆祝这一历史时刻"
	arts := []store.Article{
		article(61, 6, "Coastal Times", title, "港湾大桥今日正式通车。", time.Hour, false),
		article(62, 6, "Harbour Herald", title, "大桥全长一千二百米。", 2*time.Hour, false),
	}
	lib := &fakeLibrary{
		stories:  []store.Story{storyOf(6, title, arts, false)},
		articles: map[int64][]store.Article{6: arts},
	}
	m := start(t, lib, testOptions(), 40, 20)
	m = press(t, m, "enter")
	lines := strings.Split(screenText(m), "\n")
	if got := strings.TrimSpace(lines[0]) + strings.TrimSpace(lines[1]); got != title {
		t.Errorf("at 40 columns the headline reads %q over two lines, want %q:\n%s", got, title, screenText(m))
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	m = press(t, m, "c")
	if s := screenText(m); !strings.Contains(s, "庆祝") { // past the first line of a column
		t.Errorf("the compare pane does not give the headline on two lines:\n%s", s)
	}
}

// TestSameTextIsNotRenderedAgain reloads the article read after its full
// text came back the same as the text the feed gave: what is on screen is
// already that text, and it is not rendered again.
func TestSameTextIsNotRenderedAgain(t *testing.T) {
	lib := smallLibrary(t, 3)
	m := openBridge(t, lib, 80, 24)
	lib.mu.Lock()
	lib.articles[1][0].FullText = true
	lib.mu.Unlock()
	for _, msg := range msgsOf(m.reader.reload()) {
		var cmd tea.Cmd
		m, cmd = m.update(msg)
		for _, after := range msgsOf(cmd) {
			if r, ok := after.(renderedMsg); ok {
				t.Errorf("the same text was rendered again, for article %d", r.key.articleID)
			}
		}
	}
	if a, _ := m.reader.current(); !a.FullText {
		t.Fatalf("the reader did not take the article again")
	}
}

// The source strip of a narrow reader cuts the current source's name with
// an ellipsis where it does not fit, as the headline is cut, rather than
// leaving the screen's edge to cut it unmarked.
func TestSourceStripCutsTheCurrentNameWithAnEllipsis(t *testing.T) {
	m := press(t, start(t, smallLibrary(t, 3), testOptions(), 20, 5), "enter", "]")
	lines := strings.Split(screenText(m), "\n")
	strip := strings.TrimRight(lines[1], " ")
	if !strings.HasPrefix(strip, "2/3 … Harbour") || !strings.HasSuffix(strip, "… …") {
		t.Errorf("the strip at 20 columns is %q, want the current name cut with an ellipsis before the one for the sources after it", strip)
	}
	if w := widthOf(lines[1]); w != 20 {
		t.Errorf("the strip is %d columns wide, want 20", w)
	}
}

// renderedText opens an article of text alone at w columns and returns the
// lines the reader rendered of it, without styles, the non-breaking spaces
// that pad a line shown as the spaces they look like on screen.
func renderedText(t *testing.T, text string, w int) []string {
	t.Helper()
	lib := &fakeLibrary{articles: map[int64][]store.Article{}}
	a := article(10, 1, "Coastal Times", "Ferry timetable changes", text, time.Hour, false)
	lib.stories = append(lib.stories, storyOf(1, a.Title, []store.Article{a}, false))
	lib.articles[1] = []store.Article{a}
	m := openBridge(t, lib, w, 24)
	lines := make([]string, len(m.reader.lines))
	for i, l := range m.reader.lines {
		lines[i] = strings.ReplaceAll(ansi.Strip(l), "\u00a0", " ")
	}
	return lines
}

// lineWith returns the index of the first line that holds s, or fails.
func lineWith(t *testing.T, lines []string, s string) int {
	t.Helper()
	for i, l := range lines {
		if strings.Contains(l, s) {
			return i
		}
	}
	t.Fatalf("no line holds %q:\n%s", s, strings.Join(lines, "\n"))
	return -1
}

// columnOf is the column on screen at which s starts in line.
func columnOf(line, s string) int {
	return widthOf(line[:strings.Index(line, s)])
}

// A line set apart with <br> in a list item (two spaces or a backslash at
// the end of a line in Markdown) starts under the item's text, not under
// its bullet or number, at every level and for numbers of any width.
func TestListItemLineBreakStaysUnderItsText(t *testing.T) {
	text := "Sailings from Monday:\n\n" +
		"- Early boat  \n  leaves at six\n" +
		"- Late boat\\\n  leaves at ten\n" +
		"  - Night boat  \n    on Fridays only\n\n" +
		"9. Quay One  \n   for cars\n" +
		"10. Quay Two  \n    for foot passengers\n"
	lines := renderedText(t, text, 80)
	for _, c := range []struct{ first, next string }{
		{"Early boat", "leaves at six"},
		{"Late boat", "leaves at ten"},
		{"Night boat", "on Fridays only"},
		{"Quay One", "for cars"},
		{"Quay Two", "for foot passengers"},
	} {
		i := lineWith(t, lines, c.first)
		at, want := columnOf(lines[i+1], c.next), columnOf(lines[i], c.first)
		if at != want {
			t.Errorf("%q starts at column %d, want %d under %q:\n%s\n%s", c.next, at, want, c.first, lines[i], lines[i+1])
		}
	}
}

// A line of code wider than the pane wraps with its further lines inside
// the code block, at the line's own indent and two more, so that how the
// code nests still shows; nothing of it is lost, and in a quote the lines
// stay in the quote.
func TestWrappedCodeLineKeepsItsIndent(t *testing.T) {
	long := "return baseFare(trip.Zone) + nightSupplement(trip.Zone, trip.Passengers, trip.Vehicle, trip.Season)"
	text := "The new fares are worked out so:\n\n" +
		"```\nfunc fareFor(trip Trip) int {\n    if trip.Night {\n        " + long + "\n    }\n}\n```\n\n" +
		"Or, as the council put it:\n\n" +
		"> ```\n>     " + long + "\n> ```\n"
	withoutSpaces := strings.NewReplacer(" ", "", "|", "").Replace
	for _, w := range []int{80, 40} {
		lines := renderedText(t, text, w)
		first := lineWith(t, lines, "return baseFare")
		margin := columnOf(lines[first-1], "if trip.Night") - 4 // where the code block's lines start
		end := lineWith(t, lines, "    }")
		for _, l := range lines[first+1 : end] {
			if at := len(l) - len(strings.TrimLeft(l, " ")); at != margin+10 {
				t.Errorf("at %d columns a further line of the code starts at column %d, want %d:\n%s", w, at, margin+10, strings.Join(lines[first:end], "\n"))
			}
		}
		if got := withoutSpaces(strings.Join(lines[first:end], "")); got != withoutSpaces(long) {
			t.Errorf("at %d columns the wrapped line reads %q, want %q", w, got, long)
		}
		quoted := lines[lineWith(t, lines, "council put it")+1:]
		start := lineWith(t, quoted, "return baseFare")
		var inQuote []string
		for _, l := range quoted[start:] {
			if strings.TrimSpace(l) == "" || strings.TrimSpace(l) == "|" {
				break
			}
			if !strings.HasPrefix(strings.TrimSpace(l), "|") {
				t.Errorf("at %d columns the code in the quote leaves the quote:\n%s", w, strings.Join(quoted, "\n"))
				break
			}
			inQuote = append(inQuote, l)
		}
		if got := withoutSpaces(strings.Join(inQuote, "")); got != withoutSpaces(long) {
			t.Errorf("at %d columns the quoted line reads %q, want %q", w, got, long)
		}
	}
}

// A list item too long for its line wraps with its further lines under
// its text, not under its bullet or number, as in a pager: at every level,
// for numbers of any width, for tasks and in a quote; links and code in
// the item wrap with it, and no word is lost, cut or run into the next.
func TestLongListItemHangsUnderItsText(t *testing.T) {
	items := []struct{ source, first, text string }{
		{"- The early boat leaves the harbour at six every weekday and calls at both quays", "The early boat",
			"The early boat leaves the harbour at six every weekday and calls at both quays"},
		{"  - The night boat runs on Fridays only and waits for the last train from town", "The night boat",
			"The night boat runs on Fridays only and waits for the last train from town"},
		{"- [ ] Book a place on the early boat before the timetable changes next month", "Book a place",
			"Book a place on the early boat before the timetable changes next month"},
		{"- See [the winter timetable](https://ferries.example/winter-timetable) and `ferry --winter --all-quays` for the whole list", "See the",
			"See the winter timetable https://ferries.example/winter-timetable and ferry --winter --all-quays for the whole list"},
		{"9. Quay One takes cars, vans and lorries up to seven tonnes on every crossing", "Quay One",
			"Quay One takes cars, vans and lorries up to seven tonnes on every crossing"},
		{"10. Quay Two takes foot passengers and bicycles, and opens an hour before the first boat  \n    Tickets are sold at the kiosk by the gate and on board", "Quay Two",
			"Quay Two takes foot passengers and bicycles, and opens an hour before the first boat Tickets are sold at the kiosk by the gate and on board"},
		{"> - A quoted item that is long enough to wrap across more than one line of the pane", "A quoted item",
			"A quoted item that is long enough to wrap across more than one line of the pane"},
	}
	text := "Sailings this winter:\n\n" + items[0].source + "\n- Late boats:\n" + items[1].source + "\n" +
		items[2].source + "\n" + items[3].source + "\n\nAnd the quays:\n\n" + items[4].source + "\n" +
		items[5].source + "\n\nAs the council wrote:\n\n" + items[6].source + "\n"
	const w = 40
	lines := renderedText(t, text, w)
	for _, l := range lines {
		if widthOf(l) > w {
			t.Errorf("a line is %d columns wide, more than %d:\n%s", widthOf(l), w, l)
		}
	}
	for _, it := range items {
		i := lineWith(t, lines, it.first)
		col := columnOf(lines[i], it.first)
		got := []string{strings.TrimSpace(lines[i][strings.Index(lines[i], it.first):])}
		for _, l := range lines[i+1:] {
			rest := strings.TrimLeft(strings.TrimPrefix(strings.TrimSpace(l), "|"), " ")
			if rest == "" || strings.HasPrefix(rest, "•") || strings.HasPrefix(rest, "[ ]") || strings.HasPrefix(rest, "10.") {
				break
			}
			if at := columnOf(l, rest); at != col {
				t.Errorf("a further line of %q starts at column %d, want %d:\n%s\n%s", it.first, at, col, lines[i], l)
			}
			got = append(got, rest)
		}
		if len(got) < 2 {
			t.Errorf("%q did not wrap at %d columns:\n%s", it.first, w, strings.Join(lines, "\n"))
		}
		joined := strings.Join(got, " ")
		if strings.ReplaceAll(joined, " ", "") != strings.ReplaceAll(it.text, " ", "") {
			t.Errorf("the item reads\n%q, want\n%q", joined, it.text)
		}
		fields := strings.Fields(joined)
		for _, word := range strings.Fields(it.text) {
			if !strings.ContainsAny(word, wrapBreaks) && !slices.Contains(fields, word) {
				t.Errorf("%q is cut or run into another word in %q", word, joined)
			}
		}
	}
}

// Text in nested quotes wraps within the room beside its quote marks: no
// line is wider than the pane, every line of a quote keeps its marks, and
// no word is lost or cut, in quotes within quotes, lists within quotes,
// quotes within lists, and for the headings, code and tables of a quote.
// Glamour took one column for each quote's mark of two, so each quote
// around the text wrapped its lines again, cutting words and leaving
// lines without their marks, and a link or code could run past the pane.
func TestNestedQuotesWrapWithinThePane(t *testing.T) {
	const deep = "The harbour authority said the old crossing would close for repairs in spring, " +
		"and see [the winter timetable](https://ferries.example/winter) and `ferry --winter` for the boats."
	const shallow = "Ferries would run from the north quay until the work was done, said the harbour master."
	text := "As the council wrote:\n\n" +
		"> > > " + deep + "\n\n" +
		"> > " + shallow + "\n>\n" +
		"> > - " + shallow + "\n>\n" +
		"> > ## The crossing will close in spring\n>\n" +
		"> > ```\n> > ferry --winter --late\n> > ```\n>\n" +
		"> > | Quay | Boats |\n> > |---|---|\n> > | North | Early and late |\n\n" +
		"- Notes:\n\n  > > " + shallow + "\n\nThe end.\n"
	table := []string{"Quay", "Boats", "North", "Early"}
	words := strings.Fields(strings.NewReplacer("[", " ", "]", " ", "(", " ", ")", " ", "`", " ", "|", " ", "#", " ", ">", " ", "-", " ").Replace(text))
	for _, w := range []int{20, 38, 40, 60, 80} {
		for _, style := range []string{"ascii", "theme"} {
			var lines []string
			if style == "ascii" {
				lines = renderedText(t, text, w)
			} else {
				msg := render(renderKey{articleID: 1, width: w}, text, themes.Default().Glamour(true))().(renderedMsg)
				if msg.err != nil {
					t.Fatal(msg.err)
				}
				for _, l := range msg.lines {
					lines = append(lines, strings.ReplaceAll(ansi.Strip(l), "\u00a0", " "))
				}
			}
			mark := "| "
			if style == "theme" {
				mark = "│ "
			}
			page := strings.Join(lines, "\n")
			for _, l := range lines {
				if widthOf(l) > w {
					t.Errorf("%s at %d columns: a line is %d columns wide:\n%s", style, w, widthOf(l), l)
				}
			}
			tokens := strings.Fields(strings.NewReplacer("|", " ", "│", " ", "•", " ", "-", " ").Replace(page))
			for _, word := range words {
				// A word too long for the innermost quote is cut, and
				// Glamour cuts a table's cells short in a narrow pane.
				if widthOf(word) > w-10 || w < 30 && slices.Contains(table, word) {
					continue
				}
				if !slices.Contains(tokens, word) {
					t.Errorf("%s at %d columns: %q is lost or cut:\n%s", style, w, word, page)
				}
			}
			first, last := lineWith(t, lines, strings.Repeat(mark, 3)+"The"), lineWith(t, lines, "boats.")
			for _, l := range lines[first : last+1] {
				if !strings.HasPrefix(strings.TrimLeft(l, " "), strings.Repeat(mark, 3)) {
					t.Errorf("%s at %d columns: a line of the innermost quote lacks its three marks:\n%s", style, w, strings.Join(lines[first:last+1], "\n"))
					break
				}
			}
		}
	}
}

// Even where Glamour draws something wider than the room, as a rule of
// fixed width in a quote within a quote, no line runs past a narrow pane.
func TestNoLineIsWiderThanANarrowPane(t *testing.T) {
	text := "> > Before the rule.\n> >\n> > ---\n> >\n> > After the rule.\n"
	for w := 8; w <= 14; w++ {
		lines := renderedText(t, text, w)
		for _, l := range lines {
			if widthOf(l) > w {
				t.Errorf("at %d columns a line is %d columns wide:\n%s", w, widthOf(l), strings.Join(lines, "\n"))
				break
			}
		}
		if page := strings.Join(strings.Fields(strings.ReplaceAll(strings.Join(lines, " "), "|", "")), ""); !strings.Contains(page, "Beforethe") || !strings.Contains(page, "Aftertherule.") {
			t.Errorf("at %d columns the text is lost:\n%s", w, strings.Join(lines, "\n"))
		}
	}
}

// A link, code and bold text that a long list item wraps keep their
// styles on the item's further lines.
func TestWrappedItemKeepsItsStyles(t *testing.T) {
	md := "- See [the winter sailings](https://ferries.example/winter-timetable) and run " +
		"`ferry --winter --all-quays --print` for the **whole list of boats** today\n"
	msg := render(renderKey{articleID: 1, width: 40}, md, themes.Default().Glamour(true))().(renderedMsg)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	lines := msg.lines
	plain := make([]string, len(lines))
	for i, l := range lines {
		plain[i] = ansi.Strip(l)
	}
	// penAt is the style in force where s starts on its line.
	penAt := func(s string) string {
		i := lineWith(t, plain, s)
		line := lines[i]
		for cut := 0; cut <= len(line); cut++ {
			if strings.HasPrefix(ansi.Strip(line[cut:]), s) && !strings.HasPrefix(line[cut:], "\x1b") {
				w := lipgloss.NewWrapWriter(io.Discard)
				_, _ = io.WriteString(w, line[:cut])
				return fmt.Sprintf("%+v", w.Style())
			}
		}
		t.Fatalf("%q not found in %q", s, line)
		return ""
	}
	for _, c := range []struct{ start, further string }{
		{"https://", "timetable and"},
		{"\u00a0ferry", "--all-quays"},
		{"whole", "list of boats"},
	} {
		if lineWith(t, plain, c.start) == lineWith(t, plain, c.further) {
			t.Fatalf("%q and %q are on one line:\n%s", c.start, c.further, strings.Join(plain, "\n"))
		}
		if a, b := penAt(c.start), penAt(c.further); a != b {
			t.Errorf("%q is styled %s, but %q on a further line %s", c.start, a, c.further, b)
		}
	}
}

// The paragraphs of a list item each start a line of their own under the
// item's text; Glamour ran the second on after the first.
func TestListItemParagraphsStayApart(t *testing.T) {
	text := "Notes:\n\n1. Quay Two opens at six.\n\n   Its kiosk opens an hour later.\n2. Quay Three is closed.\n"
	lines := renderedText(t, text, 80)
	first, second := lineWith(t, lines, "Quay Two"), lineWith(t, lines, "Its kiosk")
	if first == second {
		t.Fatalf("the item's paragraphs run together:\n%s", lines[first])
	}
	if at, want := columnOf(lines[second], "Its kiosk"), columnOf(lines[first], "Quay Two"); at != want {
		t.Errorf("the second paragraph starts at column %d, want %d:\n%s", at, want, strings.Join(lines[first:second+1], "\n"))
	}
}

// Two spaces at the end of a line within a code span belong to the code:
// they are no hard break, and the code span reads on one line, in a
// paragraph as in a list item.
func TestCodeSpanAcrossLinesIsNoLineBreak(t *testing.T) {
	text := "Run `ferry  \n--winter` to see them.\n\n- Or `ferry  \n  --summer` for the rest.\n"
	lines := renderedText(t, text, 80)
	for _, want := range []string{"Run ferry --winter to see them.", "Or ferry --summer for the rest."} {
		i := lineWith(t, lines, want[:6])
		if got := strings.Join(strings.Fields(lines[i]), " "); !strings.Contains(got, want) {
			t.Errorf("the line reads %q, want it to hold %q", got, want)
		}
	}
}

// renderedIn is text rendered at w columns in style, ANSI stripped:
// "ascii" as the reader renders it in tests, "glamour:NAME" in Glamour's
// standard style of that name, else in the theme of that name.
func renderedIn(t *testing.T, text string, w int, style string) []string {
	t.Helper()
	if style == "ascii" {
		return renderedText(t, text, w)
	}
	var config gansi.StyleConfig
	if name, ok := strings.CutPrefix(style, "glamour:"); ok {
		config = *styles.DefaultStyles[name]
	} else {
		theme, err := themes.Lookup(style)
		if err != nil {
			t.Fatal(err)
		}
		config = theme.Glamour(true)
	}
	msg := render(renderKey{articleID: 1, width: w}, text, config)().(renderedMsg)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	lines := make([]string, len(msg.lines))
	for i, l := range msg.lines {
		lines[i] = strings.ReplaceAll(ansi.Strip(l), "\u00a0", " ")
	}
	return lines
}

// checkWholeAndWithin fails when a line of lines is wider than w or a word
// of text is missing from them.
func checkWholeAndWithin(t *testing.T, lines []string, text string, w int, style string) {
	t.Helper()
	page := strings.Join(lines, "\n")
	for _, l := range lines {
		if widthOf(l) > w {
			t.Errorf("%s at %d columns: a line is %d columns wide:\n%s", style, w, widthOf(l), page)
			break
		}
	}
	tokens := strings.Fields(strings.NewReplacer("|", " ", "│", " ", "•", " ").Replace(page))
	for _, word := range strings.Fields(strings.NewReplacer(">", " ", "- ", " ").Replace(text)) {
		if !slices.Contains(tokens, word) {
			t.Errorf("%s at %d columns: %q is lost or cut:\n%s", style, w, word, page)
		}
	}
}

// A list within an item starts at or under the item's text, whatever the
// width of the item's number, as it does within a bullet's item; its
// items still hang under their own text. Glamour starts it a fixed indent
// in from the number, which for "10." is left of the text.
func TestListInAWideNumberedItemStartsUnderItsText(t *testing.T) {
	const text = "The quays:\n\n" +
		"10. Quay Ten takes foot passengers\n" +
		"    - North gate opens at six every weekday and closes after the last boat\n" +
		"    - South gate\n\n" +
		"And further on:\n\n" +
		"100. Quay Hundred takes lorries\n" +
		"     - East gate opens at seven every weekday and closes at ten at night\n\n" +
		"And the old ones:\n\n" +
		"- Quay One takes cars\n" +
		"  - West gate\n"
	for _, style := range []string{"ascii", "dark", "glamour:dark"} {
		for _, w := range []int{40, 80} {
			lines := renderedIn(t, text, w, style)
			checkWholeAndWithin(t, lines, text, w, style)
			for _, c := range []struct{ parent, nested string }{
				{"Quay Ten", "North gate"},
				{"Quay Ten", "South gate"},
				{"Quay Hundred", "East gate"},
				{"Quay One", "West gate"},
			} {
				p, n := lineWith(t, lines, c.parent), lineWith(t, lines, c.nested)
				text, bullet := columnOf(lines[p], c.parent), columnOf(lines[n], "•")
				if bullet < text {
					t.Errorf("%s at %d columns: the list in %q starts at column %d, left of its text at %d:\n%s\n%s",
						style, w, c.parent, bullet, text, lines[p], lines[n])
				}
				if n+1 == len(lines) {
					continue
				}
				if next := lines[n+1]; strings.TrimSpace(next) != "" && !strings.Contains(next, "•") {
					if at, want := columnOf(next, strings.TrimSpace(next)), columnOf(lines[n], c.nested); at != want {
						t.Errorf("%s at %d columns: a further line of %q starts at column %d, want %d:\n%s\n%s",
							style, w, c.nested, at, want, lines[n], next)
					}
				}
			}
		}
	}
}

// A quote within a list item starts under the item's text, for bullets
// and numbers of any width, and its lines keep their marks. Glamour
// started it at the bullet.
func TestQuoteInAListItemStartsUnderItsText(t *testing.T) {
	const text = "The notices:\n\n" +
		"- The harbour master wrote:\n\n" +
		"  > Ferries will run from the north quay until the work is done, and the timetable changes in spring.\n" +
		"  >\n" +
		"  > Tickets bought before then stay good.\n\n" +
		"And the council:\n\n" +
		"10. The council wrote:\n\n" +
		"    > The crossing closes for repairs in March and opens again in May.\n"
	for _, style := range []string{"ascii", "dark", "glamour:dark"} {
		mark := "│"
		if style == "ascii" {
			mark = "|"
		}
		for _, w := range []int{40, 80} {
			lines := renderedIn(t, text, w, style)
			checkWholeAndWithin(t, lines, text, w, style)
			checkQuoteUnder(t, fmt.Sprintf("%s at %d columns", style, w), lines, mark, "The harbour master", "Ferries", "good.")
			checkQuoteUnder(t, fmt.Sprintf("%s at %d columns", style, w), lines, mark, "The council wrote", "The crossing", "May.")
		}
	}
}

// checkQuoteUnder checks that every line of lines from the one holding
// first to the one holding last has the quote mark at the column where
// parent, the text of the list item the quote is in, starts.
func checkQuoteUnder(t *testing.T, where string, lines []string, mark, parent, first, last string) {
	t.Helper()
	p := lineWith(t, lines, parent)
	want := columnOf(lines[p], parent)
	for _, l := range lines[lineWith(t, lines, first) : lineWith(t, lines, last)+1] {
		if at := strings.Index(l, mark); at < 0 || widthOf(l[:at]) != want {
			t.Errorf("%s: a line of the quote in %q does not have its mark at column %d:\n%s\n%s",
				where, parent, want, lines[p], l)
		}
	}
}

// A quote in a list item that opens with a heading or code, before any
// text, moves whole: its first lines are not left at the item's marker.
func TestQuoteOpeningWithAHeadingInAListItemMovesWhole(t *testing.T) {
	const text = "The notices:\n\n" +
		"- The harbour master wrote:\n\n" +
		"  > ## Ferries\n" +
		"  > Ferries run from the north quay.\n\n" +
		"- The council wrote:\n\n" +
		"  >     CLOSED 1-31 MARCH\n" +
		"  >\n" +
		"  > The crossing opens again in May.\n"
	for _, style := range []string{"ascii", "dark"} {
		mark := "│"
		if style == "ascii" {
			mark = "|"
		}
		lines := renderedIn(t, text, 60, style)
		checkWholeAndWithin(t, lines, text, 60, style)
		checkQuoteUnder(t, style, lines, mark, "The harbour master", "Ferries", "north quay.")
		checkQuoteUnder(t, style, lines, mark, "The council wrote", "CLOSED", "May.")
	}
}
