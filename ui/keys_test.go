package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func TestNormalizeKey(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{"q", "q", ""},
		{"Q", "Q", ""},
		{"?", "?", ""},
		{" ", "space", ""},
		{"space", "space", ""},
		{"Ctrl+C", "ctrl+c", ""},
		{"alt+ctrl+x", "ctrl+alt+x", ""},
		{"shift+g", "G", ""},
		{"ctrl+shift+g", "ctrl+shift+g", ""},
		{"escape", "esc", ""},
		{"PgDn", "pgdown", ""},
		{"return", "enter", ""},
		{"f5", "f5", ""},
		{"+", "+", ""},
		{"ctrl++", "ctrl++", ""},
		{"", "", "empty key name"},
		{"f99", "", "unknown key name"},
		{"ctrl+", "", "no key after the modifiers"},
		{"hyperdrive", "", "unknown key name"},
		{"win+q", "", "unknown modifier"},
		{"ctrl+ctrl+q", "", "given twice"},
		{"shift+1", "", "shifted character"},
		{"\x1b", "", "not a printable character"},
	}
	for _, c := range cases {
		got, err := normalizeKey(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("normalizeKey(%q) = %q, %v; want error with %q", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("normalizeKey(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestNormalizedKeysMatchWhatBubbleTeaReports(t *testing.T) {
	cases := []struct {
		written string
		msg     tea.KeyPressMsg
	}{
		{"ctrl+c", tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}},
		{"shift+g", tea.KeyPressMsg{Code: 'g', ShiftedCode: 'G', Text: "G", Mod: tea.ModShift}},
		{"escape", tea.KeyPressMsg{Code: tea.KeyEscape}},
		{"pgdn", tea.KeyPressMsg{Code: tea.KeyPgDown}},
		{" ", tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}},
		{"alt+enter", tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt}},
		{"[", tea.KeyPressMsg{Code: '[', Text: "["}},
	}
	for _, c := range cases {
		n, err := normalizeKey(c.written)
		if err != nil {
			t.Fatal(err)
		}
		b := key.NewBinding(key.WithKeys(n))
		if !key.Matches(c.msg, b) {
			t.Errorf("%q (as %q) does not match the key %q", c.written, n, c.msg.String())
		}
	}
}

func TestDefaultKeysHaveNoConflicts(t *testing.T) {
	if err := DefaultKeyMap().conflict(); err != nil {
		t.Fatal(err)
	}
	for _, a := range actions {
		k := DefaultKeyMap()
		b := a.get(&k)
		if len(b.Keys()) == 0 || b.Help().Desc == "" {
			t.Errorf("action %s has no keys or no help", a.name)
		}
	}
}
