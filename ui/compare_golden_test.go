package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
)

// TestGoldenCompare compares whole screens of the compare pane and the
// story overview, without colours, with the files in
// testdata/TestGoldenCompare; run with -update to rewrite them. The
// content is the sample library's comparison story.
func TestGoldenCompare(t *testing.T) {
	screens := []struct {
		name string
		keys []string
	}{
		{"compare", []string{"c"}},
		{"compare_figures", []string{"c", "]", "]", "]"}},
		{"compare_highlight_unlocked", []string{"c", "h", "l", "tab", "j", "j", "j"}},
		{"overview", []string{"v", "j", "j"}},
	}
	for _, size := range [][2]int{{120, 40}, {200, 50}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				lib, summit := sampleLibrary(t)
				m := start(t, lib, testOptions(), size[0], size[1])
				m = selectStory(t, m, summit)
				m = press(t, m, sc.keys...)
				golden.RequireEqual(t, screenText(m))
			})
		}
	}
}

// A figure the two sources give differently keeps both sides on a narrow
// terminal, each cut with an ellipsis, rather than losing the second.
func TestFigureLineFitsBothSides(t *testing.T) {
	lib, summit := sampleLibrary(t)
	m := start(t, lib, testOptions(), 50, 20)
	m = selectStory(t, m, summit)
	m = press(t, m, "c", "]", "]", "]")
	want := "≠ delegations: Four deleg… here, Five deleg… there"
	if s := screenText(m); !strings.Contains(s, want) {
		t.Errorf("want %q on a 50-column compare:\n%s", want, s)
	}
}

func TestFitClaims(t *testing.T) {
	for _, c := range []struct {
		here, there string
		room        int
		want        [2]string
	}{
		{"Four", "Five", 20, [2]string{"Four", "Five"}},
		{"4", "five delegations in all", 12, [2]string{"4", "five deleg…"}},
		{"five delegations in all", "4", 12, [2]string{"five deleg…", "4"}},
		{"Four delegations", "Five delegations", 20, [2]string{"Four dele…", "Five dele…"}},
	} {
		here, there := fitClaims(c.here, c.there, c.room)
		if [2]string{here, there} != c.want {
			t.Errorf("fitClaims(%q, %q, %d) = %q, %q; want %q", c.here, c.there, c.room, here, there, c.want)
		}
	}
}

// TestCompareResizeNeverGarbles sizes the compare pane and the overview
// from wide to tiny and back, scrolling at each size: every screen is
// exactly as large as the terminal.
func TestCompareResizeNeverGarbles(t *testing.T) {
	sizes := [][2]int{{200, 50}, {120, 40}, {80, 24}, {60, 20}, {41, 13}, {40, 12}, {39, 11}, {20, 5}, {10, 3}, {5, 2}, {3, 4}, {1, 1}, {0, 0}, {40, 12}}
	setups := map[string][]string{
		"compare":           {"c"},
		"compare_unlocked":  {"c", "h", "l", "tab", "G"},
		"compare_from_read": {"enter", "]", "c", "}"},
		"overview":          {"v", "G"},
		"compare_help":      {"c", "?"},
	}
	for name, keys := range setups {
		t.Run(name, func(t *testing.T) {
			lib, summit := sampleLibrary(t)
			m := start(t, lib, testOptions(), 80, 24)
			m = selectStory(t, m, summit)
			m = press(t, m, keys...)
			for _, sz := range sizes {
				m = send(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				checkShape(t, m, sz[0], sz[1])
				m = press(t, m, "j", "pgdown", "]", "{")
				checkShape(t, m, sz[0], sz[1])
				m = press(t, m, "G", "k", "[", "}")
				checkShape(t, m, sz[0], sz[1])
			}
			if m.screen != screenCompare && m.screen != screenOverview {
				t.Fatalf("the sweep left the screen (%v)", m.screen)
			}
		})
	}
}
