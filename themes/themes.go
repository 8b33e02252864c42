// Package themes holds parallax's named themes: a palette of colours that
// suit a light or a dark terminal, the Lip Gloss styles the reader draws with,
// and a Glamour style for articles, all derived from that one palette.
package themes

import (
	"fmt"
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// Mode says whether a theme follows the terminal's background or imposes one.
type Mode int

const (
	// Auto follows the background the terminal reports.
	Auto Mode = iota
	// Dark always uses the dark values of the palette and paints a dark background.
	Dark
	// Light always uses the light values of the palette and paints a light background.
	Light
)

// Pair is one colour of a palette in the form it takes on a light background
// and the form it takes on a dark one, each as "#rrggbb".
type Pair struct {
	Light string
	Dark  string
}

// Hex returns the form of the colour for the given background.
func (p Pair) Hex(isDark bool) string {
	if isDark {
		return p.Dark
	}
	return p.Light
}

// Color returns the colour for the given background, chosen the way Lip Gloss
// chooses between light and dark variants.
func (p Pair) Color(isDark bool) color.Color {
	return lipgloss.LightDark(isDark)(lipgloss.Color(p.Light), lipgloss.Color(p.Dark))
}

// Palette is every colour a theme is made of; styles and the Glamour style
// are derived from it so that a theme is defined in one place.
type Palette struct {
	Background Pair // painted only by themes that impose a mode
	Text       Pair // body text
	Muted      Pair // secondary text: counts, times, bylines
	Faint      Pair // stories with a single source, hints
	Accent     Pair // titles, the current source, focus
	OnAccent   Pair // text drawn on the accent colour
	Selection  Pair // background of the selected row
	Border     Pair // rules and pane dividers
	Unread     Pair // the unread mark
	Saved      Pair // the saved mark
	Error      Pair
	Success    Pair
	Link       Pair
	Code       Pair
	CodeBack   Pair // background of inline code
	Quote      Pair // block quotes
}

// Theme is a named palette and how it treats the terminal's background.
type Theme struct {
	Name    string
	Mode    Mode
	Palette Palette
}

// IsDark says whether the theme draws with its dark values, given whether
// the terminal's background is dark.
func (t Theme) IsDark(terminalDark bool) bool {
	switch t.Mode {
	case Dark:
		return true
	case Light:
		return false
	default:
		return terminalDark
	}
}

// base is the palette the built-in themes share: calm text colours and one
// violet accent, each tuned for both backgrounds.
var base = Palette{
	Background: Pair{Light: "#ffffff", Dark: "#0d1117"},
	Text:       Pair{Light: "#1f2328", Dark: "#e6edf3"},
	Muted:      Pair{Light: "#57606a", Dark: "#9198a1"},
	Faint:      Pair{Light: "#8c959f", Dark: "#656c76"},
	Accent:     Pair{Light: "#8250df", Dark: "#b392f0"},
	OnAccent:   Pair{Light: "#ffffff", Dark: "#0d1117"},
	Selection:  Pair{Light: "#ece6fb", Dark: "#2b2640"},
	Border:     Pair{Light: "#d0d7de", Dark: "#30363d"},
	Unread:     Pair{Light: "#0969da", Dark: "#58a6ff"},
	Saved:      Pair{Light: "#9a6700", Dark: "#e3b341"},
	Error:      Pair{Light: "#cf222e", Dark: "#f85149"},
	Success:    Pair{Light: "#1a7f37", Dark: "#3fb950"},
	Link:       Pair{Light: "#0969da", Dark: "#58a6ff"},
	Code:       Pair{Light: "#953800", Dark: "#ffa657"},
	CodeBack:   Pair{Light: "#f6f8fa", Dark: "#161b22"},
	Quote:      Pair{Light: "#57606a", Dark: "#9198a1"},
}

// builtins are the themes parallax ships, in the order `t` cycles through them.
var builtins = []Theme{
	{Name: "auto", Mode: Auto, Palette: base},
	{Name: "dark", Mode: Dark, Palette: base},
	{Name: "light", Mode: Light, Palette: base},
}

// Names lists the themes in the order the reader cycles through them.
func Names() []string {
	names := make([]string, len(builtins))
	for i, t := range builtins {
		names[i] = t.Name
	}
	return names
}

// Lookup finds a theme by name, ignoring case; the error lists the names
// that exist.
func Lookup(name string) (Theme, error) {
	for _, t := range builtins {
		if strings.EqualFold(t.Name, name) {
			return t, nil
		}
	}
	return Theme{}, fmt.Errorf("unknown theme %q (themes: %s)", name, strings.Join(Names(), ", "))
}

// Next returns the name of the theme after name in the cycle, wrapping
// around; an unknown name starts the cycle over.
func Next(name string) string {
	names := Names()
	for i, n := range names {
		if strings.EqualFold(n, name) {
			return names[(i+1)%len(names)]
		}
	}
	return names[0]
}
