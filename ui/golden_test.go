package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"parallax/store"
)

// TestGoldenScreens compares whole screens, without colours, with the files
// in testdata/TestGoldenScreens; run with -update to rewrite them.
func TestGoldenScreens(t *testing.T) {
	screens := []struct {
		name string
		lib  func(*testing.T) *fakeLibrary
		keys []string
	}{
		{"list", func(t *testing.T) *fakeLibrary { return smallLibrary(t, 40) }, nil},
		{"reader", func(t *testing.T) *fakeLibrary { return smallLibrary(t, 40) }, []string{"enter"}},
		{"second_source", func(t *testing.T) *fakeLibrary { return smallLibrary(t, 40) }, []string{"enter", "]"}},
		{"filter", func(t *testing.T) *fakeLibrary { return smallLibrary(t, 40) }, []string{"/", "r", "i", "v", "e", "r"}},
		{"help", func(t *testing.T) *fakeLibrary { return smallLibrary(t, 40) }, []string{"?"}},
		{"feeds", func(t *testing.T) *fakeLibrary { return smallLibrary(t, 40) }, []string{"F", "j"}},
		{"welcome", func(*testing.T) *fakeLibrary { return &fakeLibrary{articles: map[int64][]store.Article{}} }, nil},
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				opts := testOptions()
				opts.Version = "v0.1.0"
				opts.ConfigPath = "/home/reader/.config/parallax/config.toml"
				opts.Defaults = func() []store.Feed { return nil }
				opts.ImportSubscriptions = func(string) ([]store.Feed, error) { return nil, nil }
				opts.OpenSample = func() (Library, error) { return nil, nil }
				m := start(t, sc.lib(t), opts, size[0], size[1])
				m = press(t, m, sc.keys...)
				golden.RequireEqual(t, screenText(m))
			})
		}
	}
}
