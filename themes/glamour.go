package themes

import "charm.land/glamour/v2/ansi"

// Glamour derives the Markdown style for articles from the palette, so an
// article reads in the same colours as the rest of the screen.
func (t Theme) Glamour(isDark bool) ansi.StyleConfig {
	dark := t.IsDark(isDark)
	p := t.Palette
	hex := func(pair Pair) *string {
		v := pair.Hex(dark)
		if t.NoColor || v == "" {
			return nil
		}
		return &v
	}
	yes := func() *bool { v := true; return &v }
	// Without colour the first heading stands out in reverse video rather
	// than on the accent colour.
	inverse := func() *bool {
		if t.NoColor {
			return yes()
		}
		return nil
	}
	num := func(n uint) *uint { return &n }
	str := func(s string) *string { return &s }

	heading := func(prefix string) ansi.StyleBlock {
		return ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: prefix}}
	}
	return ansi.StyleConfig{
		Document: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{BlockPrefix: "\n", BlockSuffix: "\n", Color: hex(p.Text)},
			Margin:         num(2),
		},
		BlockQuote: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{Color: hex(p.Quote), Italic: yes()},
			Indent:         num(1),
			IndentToken:    str("│ "),
		},
		Paragraph: ansi.StyleBlock{},
		List:      ansi.StyleList{LevelIndent: 2},
		Heading: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{BlockSuffix: "\n", Color: hex(p.Accent), Bold: yes()},
		},
		H1: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{
				Prefix: " ", Suffix: " ",
				Color: hex(p.OnAccent), BackgroundColor: hex(p.Accent), Bold: yes(), Inverse: inverse(),
			},
		},
		H2:             heading("## "),
		H3:             heading("### "),
		H4:             heading("#### "),
		H5:             heading("##### "),
		H6:             heading("###### "),
		Strikethrough:  ansi.StylePrimitive{CrossedOut: yes()},
		Emph:           ansi.StylePrimitive{Italic: yes()},
		Strong:         ansi.StylePrimitive{Bold: yes()},
		HorizontalRule: ansi.StylePrimitive{Color: hex(p.Border), Format: "\n────────\n"},
		Item:           ansi.StylePrimitive{BlockPrefix: "• "},
		Enumeration:    ansi.StylePrimitive{BlockPrefix: ". "},
		Task:           ansi.StyleTask{Ticked: "[✓] ", Unticked: "[ ] "},
		Link:           ansi.StylePrimitive{Color: hex(p.Link), Underline: yes()},
		LinkText:       ansi.StylePrimitive{Color: hex(p.Link), Bold: yes()},
		Image:          ansi.StylePrimitive{Color: hex(p.Faint), Underline: yes()},
		ImageText:      ansi.StylePrimitive{Color: hex(p.Muted), Format: "Image: {{.text}} →"},
		Code: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{
				Prefix: "\u00a0", Suffix: "\u00a0",
				Color: hex(p.Code), BackgroundColor: hex(p.CodeBack),
			},
		},
		CodeBlock: ansi.StyleCodeBlock{
			StyleBlock: ansi.StyleBlock{
				StylePrimitive: ansi.StylePrimitive{Color: hex(p.Code)},
				Margin:         num(2),
			},
		},
		Table:                 ansi.StyleTable{},
		DefinitionDescription: ansi.StylePrimitive{BlockPrefix: "\n→ "},
	}
}
