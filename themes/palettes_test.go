package themes

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// side is one variant of a built-in theme: the values it draws with on a
// dark or a light terminal.
type side struct {
	theme Theme
	dark  bool
}

func (s side) String() string {
	if s.dark {
		return s.theme.Name + "/dark"
	}
	return s.theme.Name + "/light"
}

func (s side) hex(t testing.TB, key string) string {
	t.Helper()
	p := s.theme.Palette
	for _, pk := range paletteKeys {
		if pk.key == key {
			return pk.get(&p).Hex(s.dark)
		}
	}
	t.Fatalf("no palette key %q", key)
	return ""
}

// background is what the side's text is read against: its own when it
// paints one, else the standard palette's for that kind of terminal.
func (s side) background(t testing.TB) string {
	if bg := s.hex(t, "background"); bg != "" {
		return bg
	}
	return standard.Background.Hex(s.dark)
}

// sides lists every variant a built-in theme can show.
func sides() []side {
	var out []side
	for _, th := range builtins {
		switch th.Mode {
		case Dark:
			out = append(out, side{th, true})
		case Light:
			out = append(out, side{th, false})
		default:
			out = append(out, side{th, true}, side{th, false})
		}
	}
	return out
}

func TestBuiltinThemes(t *testing.T) {
	want := []string{"auto", "dark", "light", "high-contrast", "nord", "gruvbox", "catppuccin", "solarized"}
	var got []string
	for _, th := range builtins {
		got = append(got, th.Name)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("built-in themes %v, want %v", got, want)
	}
	for _, th := range builtins {
		for _, pk := range paletteKeys {
			pair := *pk.get(&th.Palette)
			if th.Name == "auto" && pk.key == "background" {
				if pair != (Pair{}) {
					t.Errorf("auto paints a background %v", pair)
				}
				continue
			}
			for _, v := range []string{pair.Light, pair.Dark} {
				if c, err := parseColour(v); err != nil || c != v || !strings.HasPrefix(v, "#") {
					t.Errorf("%s %s = %q is not a #rrggbb colour", th.Name, pk.key, v)
				}
			}
		}
	}
}

// TestPublishedPalettes checks a few colours of each named palette against
// the values their authors publish, so that an edit cannot drift from them.
func TestPublishedPalettes(t *testing.T) {
	cases := []struct {
		p     Palette
		field string
		want  Pair
	}{
		{nord, "background", Pair{Light: "#eceff4", Dark: "#2e3440"}}, // nord6, nord0
		{nord, "accent", Pair{Light: "#5e81ac", Dark: "#81a1c1"}},     // nord10, nord9
		{gruvbox, "background", Pair{Light: "#fbf1c7", Dark: "#282828"}},
		{gruvbox, "text", Pair{Light: "#3c3836", Dark: "#ebdbb2"}},
		{catppuccin, "background", Pair{Light: "#eff1f5", Dark: "#1e1e2e"}}, // Latte and Mocha base
		{catppuccin, "text", Pair{Light: "#4c4f69", Dark: "#cdd6f4"}},
		{catppuccin, "accent", Pair{Light: "#8839ef", Dark: "#cba6f7"}},    // mauve
		{solarized, "background", Pair{Light: "#fdf6e3", Dark: "#002b36"}}, // base3, base03
		{solarized, "unique", Pair{Light: "#cb4b16", Dark: "#cb4b16"}},     // orange
	}
	for _, c := range cases {
		p := c.p
		for _, pk := range paletteKeys {
			if pk.key == c.field && *pk.get(&p) != c.want {
				t.Errorf("%s = %v, want %v", c.field, *pk.get(&p), c.want)
			}
		}
	}
}

// TestHighContrastBodyText computes WCAG contrast ratios: every colour text
// is drawn in, on the background it is drawn on, is at least 4.5:1 (AA).
func TestHighContrastBodyText(t *testing.T) {
	th, err := Lookup("high-contrast")
	if err != nil {
		t.Fatal(err)
	}
	for _, dark := range []bool{true, false} {
		s := side{th, dark}
		bg := s.background(t)
		for _, k := range []string{"text", "muted", "faint", "accent", "unread", "saved", "unique", "error", "success", "link", "code", "quote"} {
			if r := contrast(t, s.hex(t, k), bg); r < 4.5 {
				t.Errorf("%s: %s on the background is %.2f:1, want 4.5:1", s, k, r)
			}
		}
		for _, k := range []string{"text", "accent", "muted"} {
			if r := contrast(t, s.hex(t, k), s.hex(t, "selection")); r < 4.5 {
				t.Errorf("%s: %s on the selected row is %.2f:1, want 4.5:1", s, k, r)
			}
		}
		if r := contrast(t, s.hex(t, "code"), s.hex(t, "code_background")); r < 4.5 {
			t.Errorf("%s: inline code is %.2f:1", s, r)
		}
		if r := contrast(t, s.hex(t, "on_accent"), s.hex(t, "accent")); r < 4.5 {
			t.Errorf("%s: text on the accent is %.2f:1", s, r)
		}
	}
	// The measure itself: black on white is 21:1, and equal colours 1:1.
	if r := contrast(t, "#000000", "#ffffff"); r < 20.99 || r > 21.01 {
		t.Fatalf("contrast(black, white) = %v", r)
	}
	if r := contrast(t, "#777777", "#777777"); r != 1 {
		t.Fatalf("contrast of a colour with itself = %v", r)
	}
}

// TestBodyTextIsReadable holds every built-in theme to a floor for its body
// text and to a visible floor for the marks people look for.
func TestBodyTextIsReadable(t *testing.T) {
	for _, s := range sides() {
		bg := s.background(t)
		if r := contrast(t, s.hex(t, "text"), bg); r < 4.5 {
			t.Errorf("%s: body text is %.2f:1 on its background", s, r)
		}
		for _, k := range []string{"unique", "unread", "saved", "link", "accent"} {
			if r := contrast(t, s.hex(t, k), bg); r < 2.2 {
				t.Errorf("%s: %s is %.2f:1 on its background; it will not be seen", s, k, r)
			}
		}
	}
}

// TestSignalsAreDistinguishable checks that what the reader marks can be
// told apart by colour with normal vision and with protanopia or
// deuteranopia (red–green colour blindness), simulated in linear RGB.
func TestSignalsAreDistinguishable(t *testing.T) {
	pairs := [][2]string{
		{"unique", "text"},   // a sentence one source alone reports, beside the rest
		{"unread", "saved"},  // the two marks of a story row
		{"link", "text"},     // links within text
		{"accent", "border"}, // the focused pane's border against the others'
		{"accent", "muted"},  // the focused pane's title against the others'
	}
	vision := []struct {
		name string
		m    *[3][3]float64
	}{{"normal vision", nil}, {"protanopia", &protanopia}, {"deuteranopia", &deuteranopia}}
	for _, s := range sides() {
		for _, p := range pairs {
			a, b := linearRGB(rgb(t, s.hex(t, p[0]))), linearRGB(rgb(t, s.hex(t, p[1])))
			for _, v := range vision {
				sa, sb := a, b
				if v.m != nil {
					sa, sb = simulate(*v.m, a), simulate(*v.m, b)
				}
				if d := deltaE(sa, sb); d < 20 {
					t.Errorf("%s: %s and %s differ by ΔE %.1f with %s; want 20", s, p[0], p[1], d, v.name)
				}
			}
		}
	}
	// The simulation loses what it should: pure red and green, far apart to
	// the eye, come close for a deuteranope.
	red, green := linearRGB(rgb(t, "#d03030")), linearRGB(rgb(t, "#30a030"))
	if normal, deut := deltaE(red, green), deltaE(simulate(deuteranopia, red), simulate(deuteranopia, green)); deut > normal/2 {
		t.Fatalf("red/green: ΔE %.1f normally, %.1f simulated; the simulation does not lose red–green", normal, deut)
	}
}

// TestSignalsDoNotRelyOnColour checks that each mark also differs by
// weight or underline, so that it survives a colour it cannot be told by.
func TestSignalsDoNotRelyOnColour(t *testing.T) {
	for _, th := range append(slices.Clone(builtins), builtins[1].WithoutColor()) {
		st := th.Styles(true)
		checks := []struct {
			name string
			ok   bool
		}{
			{"unique-sentence mark is bold", st.CompareMark.GetBold()},
			{"unread mark is bold", st.UnreadMark.GetBold()},
			{"links are underlined", st.ArticleURL.GetUnderline()},
			{"focused pane title is bold, blurred one is not", st.PaneTitle.GetBold() && !st.PaneTitleBlurred.GetBold()},
			{"selected row is bold", st.RowSelected.GetBold()},
			{"current source is bold", st.SourceCurrent.GetBold()},
		}
		for _, c := range checks {
			if !c.ok {
				t.Errorf("%s (no colour %v): %s is not so", th.Name, th.NoColor, c.name)
			}
		}
	}
}

// TestEveryStyleIsDerived reflects over Styles: in every built-in theme,
// on both backgrounds, each Lip Gloss style (nested ones too) draws
// something, so that a field added to Styles and forgotten in the
// derivation is caught.
func TestEveryStyleIsDerived(t *testing.T) {
	if n := len(zeroStyles(reflect.ValueOf(Styles{}), "Styles")); n < 40 {
		t.Fatalf("the zero Styles shows only %d zero styles", n)
	}
	for _, s := range sides() {
		st := s.theme.Styles(s.dark)
		for _, path := range zeroStyles(reflect.ValueOf(st), "Styles") {
			t.Errorf("%s: %s is the zero style", s, path)
		}
		if st.Input.Cursor.Color == nil {
			t.Errorf("%s: the cursor has no colour", s)
		}
	}
}

// zeroStyles walks v and returns the paths of Lip Gloss styles that render
// text unchanged.
func zeroStyles(v reflect.Value, path string) []string {
	if v.Type() == reflect.TypeOf(lipgloss.Style{}) {
		st := v.Interface().(lipgloss.Style)
		if st.Render("x") == "x" {
			return []string{path}
		}
		return nil
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		out = append(out, zeroStyles(v.Field(i), fmt.Sprintf("%s.%s", path, f.Name))...)
	}
	return out
}

// TestNoColorStyles checks that without colour no style sets a colour and
// the marks that colour set apart are set apart otherwise.
func TestNoColorStyles(t *testing.T) {
	for _, th := range builtins {
		plain := th.WithoutColor()
		for _, dark := range []bool{true, false} {
			st := plain.Styles(dark)
			if st.Background != nil || st.Foreground != nil {
				t.Errorf("%s without colour paints the terminal", th.Name)
			}
			for _, path := range coloured(reflect.ValueOf(st), "Styles") {
				t.Errorf("%s without colour: %s sets a colour", th.Name, path)
			}
			if !st.RowSelected.GetReverse() || !st.SourceCurrent.GetReverse() {
				t.Errorf("%s without colour: the selection is not in reverse video", th.Name)
			}
			if !st.RowDim.GetFaint() || !st.CompareShared.GetFaint() {
				t.Errorf("%s without colour: secondary text is not dimmed", th.Name)
			}
			cfg := plain.Glamour(dark)
			if cfg.Document.Color != nil || cfg.Link.Color != nil || cfg.H1.BackgroundColor != nil {
				t.Errorf("%s without colour: the Glamour style has colours", th.Name)
			}
			if cfg.H1.Inverse == nil || !*cfg.H1.Inverse {
				t.Errorf("%s without colour: the first heading does not stand out", th.Name)
			}
		}
	}
}

// coloured walks v and returns the paths of styles that write a colour.
func coloured(v reflect.Value, path string) []string {
	if v.Type() == reflect.TypeOf(lipgloss.Style{}) {
		if hasColourSGR(v.Interface().(lipgloss.Style).Render("x")) {
			return []string{path}
		}
		return nil
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.IsExported() {
			out = append(out, coloured(v.Field(i), path+"."+f.Name)...)
		}
	}
	return out
}
