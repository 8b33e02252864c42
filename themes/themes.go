// Package themes holds parallax's named themes: a palette of colours that
// suit a light or a dark terminal, the Lip Gloss styles the reader draws with,
// and a Glamour style for articles, all derived from that one palette.
package themes

import (
	"image/color"
	"os"

	"charm.land/lipgloss/v2"
)

// Mode says whether a theme follows the terminal's background or imposes one.
type Mode int

const (
	// Auto follows the background the terminal reports.
	Auto Mode = iota
	// Dark always uses the dark values of the palette.
	Dark
	// Light always uses the light values of the palette.
	Light
)

// String is the name a user theme file gives the mode.
func (m Mode) String() string {
	switch m {
	case Dark:
		return "dark"
	case Light:
		return "light"
	default:
		return "auto"
	}
}

// Pair is one colour of a palette in the form it takes on a light background
// and the form it takes on a dark one, each as "#rrggbb" or an ANSI colour
// number. An empty value means the terminal's own colour.
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
// chooses between light and dark variants; nil when the value is empty.
func (p Pair) Color(isDark bool) color.Color {
	if p.Hex(isDark) == "" {
		return nil
	}
	return lipgloss.LightDark(isDark)(lipgloss.Color(p.Light), lipgloss.Color(p.Dark))
}

// Palette is every colour a theme is made of; styles and the Glamour style
// are derived from it so that a theme is defined in one place.
type Palette struct {
	Background Pair // painted when set; empty follows the terminal's own
	Text       Pair // body text
	Muted      Pair // secondary text: counts, times, bylines
	Faint      Pair // stories with a single source, hints
	Accent     Pair // titles, the current source, focus
	OnAccent   Pair // text drawn on the accent colour
	Selection  Pair // background of the selected row
	Border     Pair // rules and the borders of panes without focus
	Unread     Pair // the unread mark
	Saved      Pair // the saved mark
	Unique     Pair // what only one source of a story reports
	Error      Pair
	Success    Pair
	Link       Pair
	Code       Pair
	CodeBack   Pair // background of inline code
	Quote      Pair // block quotes
}

// paletteKeys names the palette's colours as user theme files write them,
// in the order swatches show them.
var paletteKeys = []struct {
	key string
	get func(*Palette) *Pair
}{
	{"background", func(p *Palette) *Pair { return &p.Background }},
	{"text", func(p *Palette) *Pair { return &p.Text }},
	{"muted", func(p *Palette) *Pair { return &p.Muted }},
	{"faint", func(p *Palette) *Pair { return &p.Faint }},
	{"accent", func(p *Palette) *Pair { return &p.Accent }},
	{"on_accent", func(p *Palette) *Pair { return &p.OnAccent }},
	{"selection", func(p *Palette) *Pair { return &p.Selection }},
	{"border", func(p *Palette) *Pair { return &p.Border }},
	{"unread", func(p *Palette) *Pair { return &p.Unread }},
	{"saved", func(p *Palette) *Pair { return &p.Saved }},
	{"unique", func(p *Palette) *Pair { return &p.Unique }},
	{"error", func(p *Palette) *Pair { return &p.Error }},
	{"success", func(p *Palette) *Pair { return &p.Success }},
	{"link", func(p *Palette) *Pair { return &p.Link }},
	{"code", func(p *Palette) *Pair { return &p.Code }},
	{"code_background", func(p *Palette) *Pair { return &p.CodeBack }},
	{"quote", func(p *Palette) *Pair { return &p.Quote }},
}

// Theme is a named palette and how it treats the terminal's background.
type Theme struct {
	Name    string
	Mode    Mode
	Palette Palette
	// NoColor derives styles with no colour at all, keeping emphasis by
	// weight, underline and reverse video; see NoColorSet.
	NoColor bool
	// Base is the theme a user theme inherits what it does not set from,
	// and Path the file it was read from; both are empty for built-in themes.
	Base string
	Path string
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

// Paints says whether the theme paints the terminal's background, given
// whether that background is dark. Themes without a background colour, and
// every theme without colour, leave the terminal's own.
func (t Theme) Paints(terminalDark bool) bool {
	return !t.NoColor && t.Palette.Background.Hex(t.IsDark(terminalDark)) != ""
}

// WithoutColor returns the theme drawn without colour, for NO_COLOR.
func (t Theme) WithoutColor() Theme {
	t.NoColor = true
	return t
}

// NoColorSet says whether the NO_COLOR environment variable asks for output
// without colour: any non-empty value does (https://no-color.org).
func NoColorSet() bool {
	return os.Getenv("NO_COLOR") != ""
}
