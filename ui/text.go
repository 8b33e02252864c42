package ui

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// clean makes untrusted text safe for one line of the terminal: control
// characters (escape sequences included), bidirectional controls and
// invisible characters are dropped, and line breaks and tabs become spaces.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == unicode.ReplacementChar || isBidi(r) || isInvisible(r) || unsteadyWidth(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	s = ansi.Strip(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		case unicode.IsControl(r), r == unicode.ReplacementChar, isBidi(r), isInvisible(r), unsteadyWidth(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBidi reports the characters that reorder how a terminal shows the text
// around them: embeddings, overrides, isolates and direction marks.
func isBidi(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' ||
		r == '\u200e' || r == '\u200f' || r == '\u061c'
}

// isInvisible reports characters that take no room and can hide or join
// text on one line.
func isInvisible(r rune) bool {
	return r >= '\u200b' && r <= '\u200d' || r >= '\u2060' && r <= '\u2064' || r == '\ufeff' ||
		r == '\u00ad' || r >= 0xe0000 && r <= 0xe007f
}

// unsteadyWidth reports the characters that join or restyle emoji: the
// variation selectors, the joiner and the skin tones. Terminals that do not
// measure text by grapheme (most, tmux among them) count "☀️" as one cell
// and "👩‍👧" as four where the layout counts two, and draw the rest of the
// line shifted, or lose a word off its end. Without them each emoji is
// measured alike by both, as the plain symbol it is built on.
func unsteadyWidth(r rune) bool {
	return r == '\ufe0e' || r == '\ufe0f' || r == '\u200d' || r >= 0x1f3fb && r <= 0x1f3ff
}

// cleanBlock is clean for multi-line text such as Markdown: it keeps line
// breaks, turns tabs into spaces and drops every other control character,
// the bidirectional controls and what makes emoji vary in width. Escape
// sequences go whole, so none of their payload shows as text.
func cleanBlock(s string) string {
	if strings.IndexByte(s, 0x1b) >= 0 {
		s = ansi.Strip(s)
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) || isBidi(r) || unsteadyWidth(r) {
			return -1
		}
		return r
	}, s)
	return expandTabs(s)
}

// tabStop is the width of a tab, as Markdown counts it.
const tabStop = 4

// expandTabs replaces each tab with the spaces to the next tab stop. The
// terminal's cell renderer drops a tab, running the words it parted
// together and losing a code block's indent.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	col := 0
	for _, r := range s {
		switch r {
		case '\t':
			n := tabStop - col%tabStop
			b.WriteString(strings.Repeat(" ", n))
			col += n
		case '\n':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}

// dropHyperlinks removes the OSC 8 hyperlinks Glamour wraps links in. The
// reader prints every link's address beside its text instead, so the
// address a person sees is always the one a click would open.
func dropHyperlinks(s string) string {
	const start = "\x1b]8;"
	if !strings.Contains(s, start) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, start)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i+len(start):]
		end := strings.IndexAny(s, "\x07\x1b")
		switch {
		case end < 0:
			return b.String()
		case s[end] == 0x07:
			s = s[end+1:]
		case strings.HasPrefix(s[end:], "\x1b\\"):
			s = s[end+2:]
		default:
			s = s[end:]
		}
	}
}

// Reason is an error message about the feed or page at url without that
// address before it ("https://…/rss: 503 Service Unavailable" gives "503
// Service Unavailable"), for a line that names the feed or page already:
// the address again would push the reason off the line. A message that
// does not begin with the address is returned whole.
func Reason(url, msg string) string {
	if r, ok := strings.CutPrefix(msg, url+": "); ok && r != "" {
		return r
	}
	return msg
}

// shortAddresses gives every web address in s by its host alone
// ("https://news.example/world/2026/story.html" becomes "news.example/…"),
// for a line too narrow for the message whole: the address is the part a
// reader can most easily do without.
func shortAddresses(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "://")
		if i < 0 {
			break
		}
		start := i
		for start > 0 && isSchemeByte(s[start-1]) {
			start--
		}
		end := i + 3
		for end < len(s) && s[end] != ' ' {
			end++
		}
		// Punctuation after an address ends the sentence it is in.
		for end > i+3 && strings.IndexByte(":,.;)", s[end-1]) >= 0 {
			end--
		}
		addr := s[i+3 : end]
		host, path, found := strings.Cut(addr, "/")
		b.WriteString(s[:start])
		switch {
		case start == i || host == "":
			b.WriteString(s[start:end])
		case found && path != "":
			b.WriteString(host + "/…")
		default:
			b.WriteString(host)
		}
		s = s[end:]
	}
	b.WriteString(s)
	return b.String()
}

func isSchemeByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'
}

// ClockText says when at, at most a day or so from now, falls in now's
// time zone: the time of day, with the weekday when it is not today's, so
// that a wait into tomorrow does not read as one that is over. The feeds
// screen and parallax feeds say with it when a feed is fetched next.
func ClockText(at, now time.Time) string {
	at = at.In(now.Location())
	if y, m, d := at.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return at.Format("15:04")
	}
	return at.Format("Mon 15:04")
}

// agoSpan is how long ago a time may be for ago to count the days since;
// an older one it gives as a date.
const agoSpan = 30 * 24 * time.Hour

// ago says how long before now t was, in the fewest characters: "now",
// "5m", "3h", "2d", then a date.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "now"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	case d < agoSpan:
		return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
	case t.Year() == now.Year():
		return t.Format("Jan 2")
	default:
		return t.Format("2006")
	}
}

// dateAndAge is t as a date and a time of day, with how long ago it was
// where that is counted ("4 Jun 2026 09:30 (3h)"); a time older than
// agoSpan is its date alone, which ago would give again.
func dateAndAge(now, t time.Time) string {
	date := t.In(now.Location()).Format("2 Jan 2006 15:04")
	if now.Sub(t) >= agoSpan {
		return date
	}
	return date + " (" + ago(now, t) + ")"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// fit makes s exactly w columns wide and h lines tall: longer lines are
// cut, shorter ones padded, missing lines added and extra ones dropped. Every
// pane's output goes through it so that nothing a pane draws can spill into
// its neighbour or push the screen out of shape.
func fit(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	var b strings.Builder
	b.Grow((w + 8) * h)
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteString(fitLine(line, w))
	}
	return b.String()
}

// fitLine makes one line exactly w columns wide.
func fitLine(line string, w int) string {
	lw := plainWidth(line)
	if lw < 0 {
		lw = ansi.StringWidth(line)
	}
	if lw > w {
		line = ansi.Truncate(line, w, "")
		lw = ansi.StringWidth(line)
	}
	if lw < w {
		line += strings.Repeat(" ", w-lw)
	}
	return line
}

// truncate cuts plain text to w columns, marking the cut with an ellipsis.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	// The ellipsis goes against the last word kept, not after a space.
	return strings.TrimRight(ansi.Truncate(s, w-1, ""), " ") + "…"
}

func widthOf(s string) int { return ansi.StringWidth(s) }

// plainWidth is the width of a line of printable ASCII, which is most of
// what the screen holds, or -1 when the line needs the full measure.
func plainWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return -1
		}
	}
	return len(s)
}
