package ui

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"parallax/store"
)

// hostileText carries every kind of sequence a feed might use to take over
// a terminal: a clipboard write (OSC 52), a window title (OSC 0), a
// hyperlink the feed made (OSC 8), a bracketed-paste terminator, colour, a
// screen clear through the C1 CSI, a DCS string, a right-to-left override
// and an isolate.
const hostileText = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b]0;owned\x07\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07" +
	"\x1b[201~\x1b[31mred\x1b[0m\u009b2J\x1bP+q\x1b\\\u202eevil\u202c\u2066x\u2069"

// hiddenText is what hides text on one line: zero-width characters and a
// soft hyphen.
const hiddenText = "\u200bzero\u200dwidth\u2060\ufeff\u00ad"

// ownStyling matches the styling the reader draws with; every other escape on the
// screen would have come from somewhere else.
var ownStyling = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// checkScreen fails when the screen carries anything but printable text
// and the reader's own styling.
func checkScreen(t *testing.T, where, screen string) {
	t.Helper()
	rest := ownStyling.ReplaceAllString(screen, "")
	for i, r := range rest {
		bad := ""
		switch {
		case r == 0x1b:
			end := min(i+24, len(rest))
			bad = "an escape other than styling: " + strings.ToValidUTF8(rest[i:end], "?")
		case r < 0x20 && r != '\n', r == 0x7f, r >= 0x80 && r <= 0x9f:
			bad = "a control character"
		case isBidi(r):
			bad = "a bidirectional control"
		case isInvisible(r):
			bad = "an invisible character"
		}
		if bad != "" {
			t.Errorf("%s: the screen carries %s (%U) at byte %d", where, bad, r, i)
			return
		}
	}
}

// hostileLibrary is a library whose every stored field is hostile, as an
// old or tampered database might hold: the reader must not trust that
// sanitising happened on the way in.
func hostileLibrary() *fakeLibrary {
	lib := &fakeLibrary{articles: map[int64][]store.Article{}}
	mk := func(id int64, source string) store.Article {
		return store.Article{
			ID: id, StoryID: 1, FeedID: 1,
			Source:    source + hiddenText + hostileText,
			URL:       "https://news.example/a" + hostileText + hiddenText,
			Title:     "Harbour " + hostileText + hiddenText + " reopens",
			Author:    "Sam" + hostileText + hiddenText,
			Published: testNow.Add(-time.Hour),
			Fetched:   testNow.Add(-time.Hour),
			Summary:   "Summary " + hostileText,
			Content: "# Heading " + hostileText + "\n\nThe harbour reopened " + hostileText + " today.\n\n" +
				"Log in at [https://bank.example/login](https://evil.example/phish) to see more.\n\n" +
				"> quoted " + hostileText + "\n\n- item " + hostileText + "\n\n`code " + hostileText + "`\n",
		}
	}
	arts := []store.Article{mk(1, "Coastal Times"), mk(2, "Harbour Herald")}
	s := storyOf(1, "Story "+hostileText+hiddenText, arts, false)
	lib.stories = []store.Story{s}
	lib.articles[1] = arts
	lib.feeds = []store.Feed{{
		ID: 1, URL: "https://feed.example/rss" + hostileText, Title: "Feed " + hostileText + hiddenText,
		LastFetch: testNow.Add(-time.Hour), LastError: "fetch failed: " + hostileText, Articles: 2,
	}}
	return lib
}

// TestHostileStoredContentNeverReachesTerminal draws every screen of the
// reader over a library whose stored text is hostile, at two sizes, and
// checks that nothing but the reader's own styling reaches the terminal.
func TestHostileStoredContentNeverReachesTerminal(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		opts := testOptions()
		opts.Refresh = hostileRefresh
		m := start(t, hostileLibrary(), opts, size[0], size[1])
		checkScreen(t, "story list", m.View().Content)
		m = press(t, m, "/")
		m = typeText(t, m, "harbour\x1b]0;x\x07")
		checkScreen(t, "filter", m.View().Content)
		m = press(t, m, "esc")
		m = press(t, m, "enter")
		if !m.reader.open {
			t.Fatal("the reader did not open")
		}
		screen := m.View().Content
		checkScreen(t, "reader", screen)
		plain := ansiStrip(screen)
		if !strings.Contains(plain, "evil.example/phish") {
			t.Errorf("a link whose text is another address does not show where it goes:\n%s", plain)
		}
		for _, k := range []string{"]", "j", "G", "c", "tab", "]", "esc", "esc", "?"} {
			m = press(t, m, k)
			checkScreen(t, "after "+k, m.View().Content)
		}
		m = press(t, m, "esc", "r")
		checkScreen(t, "refreshed", m.View().Content)
		m = press(t, m, "F")
		checkScreen(t, "feeds", m.View().Content)
		m = press(t, m, "d")
		checkScreen(t, "remove prompt", m.View().Content)
		m = send(t, m, subscribedMsg{err: errors.New("add https://x.example/" + hostileText + ": refused")})
		checkScreen(t, "error status", m.View().Content)
	}
}

// hostileRefresh is a refresh whose failures quote hostile remote text.
func hostileRefresh(_ context.Context, _ []string, progress func(done, total, added int)) (RefreshSummary, error) {
	progress(1, 2, 0)
	return RefreshSummary{Feeds: 2, Failed: 2, Errors: []string{
		"https://a.example/feed: 500 " + hostileText, "https://b.example/feed" + hostileText + ": timed out",
	}}, nil
}

// TestEmojiMeasureAlikeEverywhere draws a story whose headline, source and
// text carry emoji that terminals measure differently (a variation
// selector, a family joined by joiners, a skin tone): every line of every
// screen is as wide counted cell by cell, as a terminal without grapheme
// support counts, as counted by grapheme, as the layout does, so no line
// runs over and no word falls off its end.
func TestEmojiMeasureAlikeEverywhere(t *testing.T) {
	const emoji = "☀️ 👩‍👩‍👧‍👦 👍🏽 ❤️"
	lib := &fakeLibrary{articles: map[int64][]store.Article{}}
	arts := []store.Article{
		article(1, 1, "Kestrel Daily 🗞️", "Heatwave "+emoji+" grips Kestrel", "Family "+emoji+" went to the beach and the temperature reached 41 degrees.", time.Hour, false),
		article(2, 1, "Coastal Times", "Kestrel swelters in record heat", "The temperature reached 41 degrees on the beach.", 2*time.Hour, false),
	}
	lib.stories = []store.Story{storyOf(1, arts[0].Title, arts, false)}
	lib.articles[1] = arts
	for _, size := range [][2]int{{60, 20}, {200, 30}} {
		m := start(t, lib, testOptions(), size[0], size[1])
		seen := false
		for _, keys := range [][]string{nil, {"enter"}, {"c"}, {"esc", "v"}} {
			m = press(t, m, keys...)
			screen := ansiStrip(m.View().Content)
			for i, line := range strings.Split(screen, "\n") {
				if g, wc := ansi.StringWidth(line), ansi.StringWidthWc(line); g != wc {
					t.Errorf("%dx%d after %v, line %d measures %d by grapheme and %d by cell: %q", size[0], size[1], keys, i, g, wc, line)
				}
			}
			seen = seen || strings.Contains(strings.Join(strings.Fields(screen), " "), "went to the beach and the")
		}
		if !seen {
			t.Errorf("%dx%d: no screen shows the words after the emoji whole", size[0], size[1])
		}
	}
}
