package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// FuzzCleanText checks the reader's last line of defence: whatever the
// library holds, clean leaves one line of printable text, cleanBlock and
// dropHyperlinks leave no control character but newline and tab and no
// bidirectional control, and none of them changes text they already made.
func FuzzCleanText(f *testing.F) {
	f.Add(hostileText + hiddenText)
	f.Add("plain title")
	f.Add("\x1b]8;id=1;https://x.example\x07link\x1b]8;;\x1b\\ and \x1b]8;;unterminated")
	f.Add("\xff\xfe\u2028\u2029\r\n\t")
	f.Fuzz(func(t *testing.T, s string) {
		line := clean(s)
		for _, r := range line {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || isBidi(r) || isInvisible(r) || r == '\u2028' || r == '\u2029' {
				t.Fatalf("clean(%q) = %q keeps %U", s, line, r)
			}
		}
		if again := clean(line); again != line {
			t.Fatalf("clean is not idempotent: %q then %q", line, again)
		}
		for name, out := range map[string]string{"cleanBlock": cleanBlock(s), "dropHyperlinks+cleanBlock": cleanBlock(dropHyperlinks(s))} {
			for _, r := range out {
				if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f || isBidi(r) {
					t.Fatalf("%s(%q) = %q keeps %U", name, s, out, r)
				}
			}
		}
		if d := dropHyperlinks(s); strings.Contains(d, "\x1b]8;") {
			t.Fatalf("dropHyperlinks(%q) = %q keeps a hyperlink", s, d)
		}
	})
}

// FuzzLoadConfig reads any bytes as the config file: never a panic, and
// an error is one line that names the file and carries no escape.
func FuzzLoadConfig(f *testing.F) {
	f.Add("theme = \"dark\"\nrefresh_minutes = 5\n[keys]\nquit = [\"q\", \"ctrl+c\"]\n")
	f.Add("refresh_minutes = \"soon\"\n")
	f.Add("[keys]\nfrobnicate = \"x\"\nquit = 3\n")
	f.Add("theme = \"\x1b]0;x\x07\"\n")
	dir := f.TempDir()
	path := filepath.Join(dir, "config.toml")
	f.Fuzz(func(t *testing.T, text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadConfig(path)
		if err == nil {
			return
		}
		msg := err.Error()
		if !strings.Contains(msg, path) || strings.Contains(msg, "\n") || strings.ContainsRune(msg, 0x1b) {
			t.Fatalf("error %q is not one safe line naming the file", msg)
		}
	})
}

// What is pasted or typed into a prompt keeps no direction override or
// control character: the prompt would show the text reordered or hidden.
func TestPromptsTakeNoControlCharacters(t *testing.T) {
	m := start(t, smallLibrary(t, 5), testOptions(), 100, 30)
	m = press(t, m, "/")
	m = send(t, m, tea.PasteMsg{Content: "velsk\u202ered\x1b[31m\n"})
	m = typeText(t, m, "\u2066x")
	if got := m.stories.input.Value(); got != "velskred x" {
		t.Errorf("filter prompt holds %q", got)
	}
	m = press(t, m, "esc", "F", "a")
	m = send(t, m, tea.PasteMsg{Content: "https://a.example/\u202efeed"})
	if got := m.feeds.input.Value(); got != "https://a.example/feed" {
		t.Errorf("add prompt holds %q", got)
	}
}
