package themes

// builtins are the themes parallax ships, in the order `t` cycles through
// them. The named palettes follow the terminal's background, choosing their
// published light or dark variant, and paint it.
var builtins = []Theme{
	{Name: "auto", Mode: Auto, Palette: withoutBackground(standard)},
	{Name: "dark", Mode: Dark, Palette: standard},
	{Name: "light", Mode: Light, Palette: standard},
	{Name: "high-contrast", Mode: Auto, Palette: highContrast},
	{Name: "nord", Mode: Auto, Palette: nord},
	{Name: "gruvbox", Mode: Auto, Palette: gruvbox},
	{Name: "catppuccin", Mode: Auto, Palette: catppuccin},
	{Name: "solarized", Mode: Auto, Palette: solarized},
}

func withoutBackground(p Palette) Palette {
	p.Background = Pair{}
	return p
}

// standard is parallax's own palette: calm text colours and one violet
// accent, each tuned for both backgrounds.
var standard = Palette{
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
	Unique:     Pair{Light: "#bc4c00", Dark: "#ffa657"},
	Error:      Pair{Light: "#cf222e", Dark: "#f85149"},
	Success:    Pair{Light: "#1a7f37", Dark: "#3fb950"},
	Link:       Pair{Light: "#0969da", Dark: "#58a6ff"},
	Code:       Pair{Light: "#953800", Dark: "#ffa198"},
	CodeBack:   Pair{Light: "#f6f8fa", Dark: "#161b22"},
	Quote:      Pair{Light: "#57606a", Dark: "#9198a1"},
}

// highContrast keeps every colour of text at a contrast of at least 7:1
// against its background (WCAG AAA), on black or on white.
var highContrast = Palette{
	Background: Pair{Light: "#ffffff", Dark: "#000000"},
	Text:       Pair{Light: "#000000", Dark: "#ffffff"},
	Muted:      Pair{Light: "#2e2e2e", Dark: "#dadada"},
	Faint:      Pair{Light: "#474747", Dark: "#bdbdbd"},
	Accent:     Pair{Light: "#1f1fb8", Dark: "#ffd60a"},
	OnAccent:   Pair{Light: "#ffffff", Dark: "#000000"},
	Selection:  Pair{Light: "#dde7ff", Dark: "#0a2e66"},
	Border:     Pair{Light: "#767676", Dark: "#8a8a8a"},
	Unread:     Pair{Light: "#003fb3", Dark: "#7cc4ff"},
	Saved:      Pair{Light: "#6b4100", Dark: "#ffd60a"},
	Unique:     Pair{Light: "#a3001b", Dark: "#ff9f43"},
	Error:      Pair{Light: "#a3001b", Dark: "#ff8f8f"},
	Success:    Pair{Light: "#005c1f", Dark: "#7ee2a8"},
	Link:       Pair{Light: "#003fb3", Dark: "#7cc4ff"},
	Code:       Pair{Light: "#6b2e00", Dark: "#ffc58a"},
	CodeBack:   Pair{Light: "#f0f0f0", Dark: "#1a1a1a"},
	Quote:      Pair{Light: "#2e2e2e", Dark: "#dadada"},
}

// nord is Arctic Ice Studio's Nord: Polar Night backgrounds and Snow Storm
// text when dark, the reverse when light, with Frost and Aurora accents.
var nord = Palette{
	Background: Pair{Light: "#eceff4", Dark: "#2e3440"},
	Text:       Pair{Light: "#2e3440", Dark: "#eceff4"},
	Muted:      Pair{Light: "#4c566a", Dark: "#d8dee9"},
	Faint:      Pair{Light: "#616e88", Dark: "#616e88"},
	Accent:     Pair{Light: "#5e81ac", Dark: "#81a1c1"},
	OnAccent:   Pair{Light: "#eceff4", Dark: "#2e3440"},
	Selection:  Pair{Light: "#d8dee9", Dark: "#434c5e"},
	Border:     Pair{Light: "#d8dee9", Dark: "#4c566a"},
	Unread:     Pair{Light: "#5e81ac", Dark: "#81a1c1"},
	Saved:      Pair{Light: "#d08770", Dark: "#ebcb8b"},
	Unique:     Pair{Light: "#bf616a", Dark: "#d08770"},
	Error:      Pair{Light: "#bf616a", Dark: "#bf616a"},
	Success:    Pair{Light: "#a3be8c", Dark: "#a3be8c"},
	Link:       Pair{Light: "#5e81ac", Dark: "#88c0d0"},
	Code:       Pair{Light: "#5e81ac", Dark: "#8fbcbb"},
	CodeBack:   Pair{Light: "#e5e9f0", Dark: "#3b4252"},
	Quote:      Pair{Light: "#4c566a", Dark: "#81a1c1"},
}

// gruvbox is Pavel Pertsev's gruvbox, its dark and light variants.
var gruvbox = Palette{
	Background: Pair{Light: "#fbf1c7", Dark: "#282828"},
	Text:       Pair{Light: "#3c3836", Dark: "#ebdbb2"},
	Muted:      Pair{Light: "#7c6f64", Dark: "#a89984"},
	Faint:      Pair{Light: "#928374", Dark: "#928374"},
	Accent:     Pair{Light: "#b57614", Dark: "#fabd2f"},
	OnAccent:   Pair{Light: "#fbf1c7", Dark: "#282828"},
	Selection:  Pair{Light: "#ebdbb2", Dark: "#3c3836"},
	Border:     Pair{Light: "#d5c4a1", Dark: "#504945"},
	Unread:     Pair{Light: "#076678", Dark: "#83a598"},
	Saved:      Pair{Light: "#b57614", Dark: "#fabd2f"},
	Unique:     Pair{Light: "#af3a03", Dark: "#fe8019"},
	Error:      Pair{Light: "#9d0006", Dark: "#fb4934"},
	Success:    Pair{Light: "#79740e", Dark: "#b8bb26"},
	Link:       Pair{Light: "#076678", Dark: "#83a598"},
	Code:       Pair{Light: "#427b58", Dark: "#8ec07c"},
	CodeBack:   Pair{Light: "#ebdbb2", Dark: "#3c3836"},
	Quote:      Pair{Light: "#665c54", Dark: "#bdae93"},
}

// catppuccin is Catppuccin: Latte on a light terminal, Mocha on a dark one.
var catppuccin = Palette{
	Background: Pair{Light: "#eff1f5", Dark: "#1e1e2e"},
	Text:       Pair{Light: "#4c4f69", Dark: "#cdd6f4"},
	Muted:      Pair{Light: "#6c6f85", Dark: "#a6adc8"},
	Faint:      Pair{Light: "#8c8fa1", Dark: "#7f849c"},
	Accent:     Pair{Light: "#8839ef", Dark: "#cba6f7"},
	OnAccent:   Pair{Light: "#eff1f5", Dark: "#1e1e2e"},
	Selection:  Pair{Light: "#ccd0da", Dark: "#313244"},
	Border:     Pair{Light: "#bcc0cc", Dark: "#45475a"},
	Unread:     Pair{Light: "#1e66f5", Dark: "#89b4fa"},
	Saved:      Pair{Light: "#fe640b", Dark: "#f9e2af"},
	Unique:     Pair{Light: "#e64553", Dark: "#fab387"},
	Error:      Pair{Light: "#d20f39", Dark: "#f38ba8"},
	Success:    Pair{Light: "#40a02b", Dark: "#a6e3a1"},
	Link:       Pair{Light: "#1e66f5", Dark: "#89b4fa"},
	Code:       Pair{Light: "#179299", Dark: "#94e2d5"},
	CodeBack:   Pair{Light: "#e6e9ef", Dark: "#181825"},
	Quote:      Pair{Light: "#5c5f77", Dark: "#bac2de"},
}

// solarized is Ethan Schoonover's Solarized: base3 and base03 backgrounds
// with its eight accent colours.
var solarized = Palette{
	Background: Pair{Light: "#fdf6e3", Dark: "#002b36"},
	Text:       Pair{Light: "#586e75", Dark: "#93a1a1"},
	Muted:      Pair{Light: "#657b83", Dark: "#839496"},
	Faint:      Pair{Light: "#93a1a1", Dark: "#586e75"},
	Accent:     Pair{Light: "#268bd2", Dark: "#268bd2"},
	OnAccent:   Pair{Light: "#fdf6e3", Dark: "#002b36"},
	Selection:  Pair{Light: "#eee8d5", Dark: "#073642"},
	Border:     Pair{Light: "#eee8d5", Dark: "#073642"},
	Unread:     Pair{Light: "#268bd2", Dark: "#268bd2"},
	Saved:      Pair{Light: "#b58900", Dark: "#b58900"},
	Unique:     Pair{Light: "#cb4b16", Dark: "#cb4b16"},
	Error:      Pair{Light: "#dc322f", Dark: "#dc322f"},
	Success:    Pair{Light: "#859900", Dark: "#859900"},
	Link:       Pair{Light: "#268bd2", Dark: "#268bd2"},
	Code:       Pair{Light: "#6c71c4", Dark: "#6c71c4"},
	CodeBack:   Pair{Light: "#eee8d5", Dark: "#073642"},
	Quote:      Pair{Light: "#657b83", Dark: "#839496"},
}
