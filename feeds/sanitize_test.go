package feeds

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitizeLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Storm hits coast", "Storm hits coast"},
		{"OSC 52 clipboard write", "Clip\x1b]52;c;SGVsbG8=\x07board", "Clipboard"},
		{"OSC 52 with ST", "Clip\x1b]52;c;SGVsbG8=\x1b\\board", "Clipboard"},
		{"SGR colour", "\x1b[31mRed\x1b[0m alert", "Red alert"},
		{"8-bit CSI as a raw byte", "Cursor\x9b2Jmoved", "Cursormoved"},
		{"8-bit CSI as a rune", "Cursor\u009b2Jmoved", "Cursormoved"},
		{"right-to-left override", "invoice\u202efdp.exe", "invoicefdp.exe"},
		{"bidi isolates", "a\u2066b\u2067c\u2068d\u2069e", "abcde"},
		{"OSC 8 hyperlink", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"APC PM SOS", "a\x1b_apc\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d", "abcd"},
		{"unterminated OSC", "title\x1b]0;rest of line", "title"},
		{"8-bit OSC as a rune", "a\u009d0;t\u009cb", "a0;tb"},
		{"double-encoded quotes", "He said \u00e2\u0080\u009cwe will rebuild\u00e2\u0080\u009d and left. The council meets",
			"He said \u00e2we will rebuild\u00e2 and left. The council meets"},
		{"bare ESC and charset select", "a\x1bb\x1b(Bc\x1b", "ac"},
		{"C0 and DEL", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"newlines and tabs fold", "  one\n\ttwo\r\nthree  ", "one two three"},
		{"zero-width", "zero\u200bwidth\u200d joiner\ufeff\u2060", "zerowidth joiner"},
		{"invalid UTF-8", "caf\xe9 au lait", "caf\ufffd au lait"},
		{"non-breaking spaces", "a\u00a0\u00a0b", "a b"},
		{"emoji kept", "Fire 🔥 crews", "Fire 🔥 crews"},
		{"escape inside OSC starts anew", "x\x1b]0;t\x1b[31my", "xy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SanitizeLine(tt.in); got != tt.want {
				t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestUnterminatedStringEndsWithItsLine: a control string left open takes
// the rest of its line, not the lines after it.
func TestUnterminatedStringEndsWithItsLine(t *testing.T) {
	in := "Storm\x1b]0;half a sequence\nThe river rose overnight."
	if got, want := Sanitize(in), "Storm\nThe river rose overnight."; got != want {
		t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
	}
	doc := []byte("<rss><channel><item><title>a\x1b]0;x</title>\n<description>kept</description></item></channel></rss>")
	if got := string(stripEscapes(doc)); !strings.Contains(got, "<description>kept</description></item></channel></rss>") {
		t.Errorf("stripEscapes took the rest of the document: %q", got)
	}
}

func TestSanitizeKeepsLayout(t *testing.T) {
	in := "First line\x1b[1m\n\tindented\r\nthird\rfourth\u2028fifth \u202eright\u200bzw"
	want := "First line\n\tindented\nthird\nfourth\nfifth rightzw"
	want = strings.Replace(want, "rightzw", "right\u200bzw", 1)
	if got := Sanitize(in); got != want {
		t.Errorf("Sanitize = %q, want %q", got, want)
	}
}

// TestVisibleKeepsTheSpaceAround: output is cleaned a line at a time, and
// the indent and newline its printer wrote are part of it.
func TestVisibleKeepsTheSpaceAround(t *testing.T) {
	in := "  + The pier\x1b]8;;https://elsewhere.example/\x07 reopened\x1b]8;;\x07\x1b[0m.\n"
	if got, want := Visible(in), "  + The pier reopened.\n"; got != want {
		t.Errorf("Visible(%q) = %q, want %q", in, got, want)
	}
}

// safeForTerminal reports the first thing in s that a terminal could act on.
func unsafeRune(s string, line bool) (rune, bool) {
	if !utf8.ValidString(s) {
		return utf8.RuneError, true
	}
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			if line {
				return r, true
			}
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, isBidiControl(r):
			return r, true
		case line && isInvisible(r):
			return r, true
		}
	}
	return 0, false
}

func FuzzSanitize(f *testing.F) {
	f.Add("plain title")
	f.Add("\x1b]52;c;SGVsbG8=\x07\x1b[31m\x9b\u202e")
	f.Add("\xc2\x9d8;;x\xc2\x9c")
	f.Fuzz(func(t *testing.T, s string) {
		for _, line := range []bool{false, true} {
			got := clean(s, line)
			if r, bad := unsafeRune(got, line); bad {
				t.Fatalf("clean(%q, %v) = %q keeps %U", s, line, got, r)
			}
			if again := clean(got, line); again != got {
				t.Fatalf("not idempotent: %q then %q", got, again)
			}
		}
		if got := SanitizeLine(s); got != strings.TrimSpace(got) || strings.Contains(got, "  ") {
			t.Fatalf("SanitizeLine(%q) = %q has loose spaces", s, got)
		}
	})
}
