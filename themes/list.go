package themes

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// ListOptions say what List shows and for what kind of terminal.
type ListOptions struct {
	// Preview adds to each theme a small sample of the reader drawn in it:
	// a headline, a story row, a sentence only one source reports, a link.
	Preview bool
	// Profile is the colour profile to write for. The zero value detects it
	// from w and the environment, as Lip Gloss does: a pipe gets plain text,
	// a 256-colour terminal gets colours brought down to 256.
	Profile colorprofile.Profile
}

// previewWidth is how wide a preview is drawn.
const previewWidth = 64

// List writes every theme, built-in and installed, one to a paragraph: its
// name, what it follows, and swatches of its palette (both variants for a
// theme that follows the terminal's background). It is what `parallax
// themes` prints. With NO_COLOR set, or on a terminal without colour, the
// swatches give way to the palette's values and previews are drawn with
// weight and underline alone.
func List(w io.Writer, o ListOptions) error {
	profile := o.Profile
	if profile == colorprofile.Unknown {
		profile = colorprofile.Detect(w, os.Environ())
	}
	noColor := NoColorSet() || profile <= colorprofile.ASCII
	if NoColorSet() && profile > colorprofile.ASCII {
		profile = colorprofile.ASCII
	}
	out := &colorprofile.Writer{Forward: w, Profile: profile}

	var b strings.Builder
	for i, t := range Themes() {
		if i > 0 {
			b.WriteByte('\n')
		}
		if noColor {
			t = t.WithoutColor()
		}
		writeTheme(&b, t, o.Preview)
	}
	_, err := io.WriteString(out, b.String())
	return err
}

func writeTheme(b *strings.Builder, t Theme, preview bool) {
	// The heading is in the terminal's own colours: a theme's text colour
	// may not show on the terminal's background.
	head := t.WithoutColor().Styles(true)
	b.WriteString(head.ArticleTitle.Render(t.Name))
	b.WriteString(strings.Repeat(" ", max(16-len(t.Name), 1)))
	b.WriteString(describeTheme(t))
	b.WriteByte('\n')
	for _, dark := range variants(t) {
		b.WriteString("  " + variantLabel(dark))
		if t.NoColor {
			b.WriteString(paletteText(t.Palette, dark))
		} else {
			b.WriteString(swatches(t.Palette, dark))
		}
		b.WriteByte('\n')
	}
	if !preview {
		return
	}
	for _, dark := range variants(t) {
		for i, l := range strings.SplitAfter(previewOf(t, dark), "\n") {
			switch {
			case l == "":
			case i == 0 && len(variants(t)) > 1:
				b.WriteString("  " + variantLabel(dark) + l)
			default:
				b.WriteString("        " + l)
			}
		}
	}
}

func variantLabel(dark bool) string {
	if dark {
		return "dark  "
	}
	return "light "
}

// variants are the backgrounds a theme draws for: both for one that follows
// the terminal, else the one it imposes.
func variants(t Theme) []bool {
	switch t.Mode {
	case Dark:
		return []bool{true}
	case Light:
		return []bool{false}
	default:
		return []bool{true, false}
	}
}

func describeTheme(t Theme) string {
	var what string
	switch t.Mode {
	case Dark:
		what = "dark"
	case Light:
		what = "light"
	default:
		what = "follows the terminal's background"
	}
	if !t.Paints(true) && !t.Paints(false) && !t.NoColor {
		what += ", in the terminal's own colours"
	}
	if t.Path != "" {
		what += fmt.Sprintf("; based on %s, from %s", t.Base, printable(t.Path))
	}
	return what
}

// swatches draws each colour of the palette as a small block, in the order
// of paletteKeys.
func swatches(p Palette, dark bool) string {
	var b strings.Builder
	for _, pk := range paletteKeys {
		col := pk.get(&p).Color(dark)
		if col == nil {
			b.WriteString("·· ")
			continue
		}
		b.WriteString(lipgloss.NewStyle().Background(col).Render("  ") + " ")
	}
	return strings.TrimRight(b.String(), " ")
}

// paletteText gives the main colours of a palette as text, for output
// without colour.
func paletteText(p Palette, dark bool) string {
	var parts []string
	for _, k := range []string{"background", "text", "accent", "unique", "link"} {
		for _, pk := range paletteKeys {
			if pk.key == k {
				v := pk.get(&p).Hex(dark)
				if v == "" {
					v = "terminal"
				}
				parts = append(parts, k+" "+v)
			}
		}
	}
	return strings.Join(parts, ", ")
}

// previewOf draws a few lines of the reader in the theme: a headline, a
// story row unread and saved, the selected row, a sentence only one source
// reports, and a link, on the theme's background when it paints one.
func previewOf(t Theme, dark bool) string {
	st := t.Styles(dark)
	var bg lipgloss.Style
	if st.Background != nil {
		bg = lipgloss.NewStyle().Background(st.Background)
	}
	on := func(s lipgloss.Style) lipgloss.Style {
		if st.Background == nil {
			return s
		}
		if _, none := s.GetBackground().(lipgloss.NoColor); none {
			return s.Background(st.Background)
		}
		return s
	}
	line := func(parts ...string) string {
		text := strings.Join(parts, "")
		if pad := previewWidth - ansi.StringWidth(text); pad > 0 {
			text += bg.Render(strings.Repeat(" ", pad))
		}
		return text + "\n"
	}
	gap := func(n int) string { return bg.Render(strings.Repeat(" ", n)) }
	row := func(title, meta string) (string, string) {
		return title, strings.Repeat(" ", max(previewWidth-4-len(title)-len(meta)-1, 1)) + meta
	}

	var b strings.Builder
	b.WriteString(line(gap(1), on(st.ArticleTitle).Render("Harbour bridge to close for repairs")))
	title, rest := row("Council backs ferry plan", "5 sources  2h")
	b.WriteString(line(gap(1), on(st.UnreadMark).Render("●"), on(st.SavedMark).Render("★"), gap(1),
		on(st.Row).Render(title), on(st.RowMeta).Render(rest)))
	title, rest = row("Rail strike called off", "3 sources  5h")
	b.WriteString(line(st.RowSelected.Render("▌●  " + title + rest + " ")))
	b.WriteString(line(on(st.CompareMark).Render("▍"), gap(1),
		on(st.CompareUnique).Render("Only the Courier reports the mayor's reply."), gap(1)))
	b.WriteString(line(gap(1), on(st.Muted).Render("Read more: "), on(st.ArticleURL).Render("https://news.example/harbour")))
	return b.String()
}

// printable drops control characters, so that a path cannot move the
// cursor or change colours.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}
