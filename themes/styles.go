package themes

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Styles is every Lip Gloss style the reader draws with. Panes take their
// styles from here and never define one of their own, so that a theme
// changes the whole screen at once.
type Styles struct {
	// Dark says whether the styles use the palette's dark values.
	Dark bool
	// Background and Foreground are the colours the terminal is painted with;
	// both are nil for a theme that follows the terminal's own.
	Background color.Color
	Foreground color.Color

	Text    lipgloss.Style
	Muted   lipgloss.Style
	Faint   lipgloss.Style
	Error   lipgloss.Style
	Success lipgloss.Style

	// PaneTitle heads a pane that has focus; PaneTitleBlurred one that has not.
	PaneTitle        lipgloss.Style
	PaneTitleBlurred lipgloss.Style
	// Divider draws the rule between side-by-side panes.
	Divider lipgloss.Style

	// Story rows. The Dim variants are for stories told by a single source.
	Row                lipgloss.Style
	RowDim             lipgloss.Style
	RowMeta            lipgloss.Style
	RowSelected        lipgloss.Style
	RowSelectedDim     lipgloss.Style
	RowSelectedBlurred lipgloss.Style
	UnreadMark         lipgloss.Style
	SavedMark          lipgloss.Style

	// Article header and the strip of the story's sources.
	ArticleTitle  lipgloss.Style
	ArticleMeta   lipgloss.Style
	ArticleURL    lipgloss.Style
	Source        lipgloss.Style
	SourceCurrent lipgloss.Style
	Rule          lipgloss.Style

	// Status bar: plain messages, errors, and work in progress.
	Status      lipgloss.Style
	StatusError lipgloss.Style
	StatusBusy  lipgloss.Style

	// HelpBox frames the full help overlay; Help styles its bindings.
	HelpBox   lipgloss.Style
	HelpTitle lipgloss.Style
	Help      help.Styles

	// Input styles the filter and the text prompts; Prompt labels them.
	Input  textinput.Styles
	Prompt lipgloss.Style

	// Welcome screen and feeds screen.
	Logo      lipgloss.Style
	Key       lipgloss.Style
	FeedOK    lipgloss.Style
	FeedError lipgloss.Style
	Confirm   lipgloss.Style

	// Compare pane. CompareMark is the gutter mark beside a sentence only one
	// of the two sources has, and CompareUnique its text; CompareShared is a
	// shared sentence while differences are highlighted. SummaryLabel heads
	// the lines of the summary strip, and Discrepancy is a figure the two
	// sources give differently.
	CompareMark   lipgloss.Style
	CompareUnique lipgloss.Style
	CompareShared lipgloss.Style
	SummaryLabel  lipgloss.Style
	Discrepancy   lipgloss.Style

	// Story overview: the timeline's bar up to a source's first report and
	// the track after it.
	TimelineBar   lipgloss.Style
	TimelineTrack lipgloss.Style
}

// Styles derives every style of the reader from the palette, for a terminal
// whose background is dark or not.
func (t Theme) Styles(isDark bool) Styles {
	dark := t.IsDark(isDark)
	p := t.Palette
	// Without colour every helper leaves the colour unset (never nil, which
	// Lip Gloss would write as a reset of the colour), and emphasis is kept
	// by weight, underline and reverse video below.
	c := func(pair Pair) color.Color {
		if t.NoColor {
			return nil
		}
		return pair.Color(dark)
	}
	withFg := func(st lipgloss.Style, pair Pair) lipgloss.Style {
		if col := c(pair); col != nil {
			return st.Foreground(col)
		}
		return st
	}
	withBg := func(st lipgloss.Style, pair Pair) lipgloss.Style {
		if col := c(pair); col != nil {
			return st.Background(col)
		}
		return st
	}
	fg := func(pair Pair) lipgloss.Style { return withFg(lipgloss.NewStyle(), pair) }

	s := Styles{Dark: dark}
	if t.Paints(isDark) {
		s.Background = c(p.Background)
		s.Foreground = c(p.Text)
	}

	s.Text = fg(p.Text)
	s.Muted = fg(p.Muted)
	s.Faint = fg(p.Faint)
	s.Error = fg(p.Error)
	s.Success = fg(p.Success)

	s.PaneTitle = fg(p.Accent).Bold(true)
	s.PaneTitleBlurred = fg(p.Muted)
	s.Divider = fg(p.Border)

	s.Row = fg(p.Text)
	s.RowDim = fg(p.Faint)
	s.RowMeta = fg(p.Muted)
	selected := withBg(lipgloss.NewStyle(), p.Selection).Reverse(t.NoColor)
	s.RowSelected = withFg(selected, p.Accent).Bold(true)
	s.RowSelectedDim = withFg(selected, p.Muted)
	s.RowSelectedBlurred = withFg(selected, p.Text)
	s.UnreadMark = fg(p.Unread).Bold(true)
	s.SavedMark = fg(p.Saved)

	s.ArticleTitle = fg(p.Text).Bold(true)
	s.ArticleMeta = fg(p.Muted)
	s.ArticleURL = fg(p.Link).Underline(true)
	s.Source = fg(p.Muted)
	s.SourceCurrent = withBg(fg(p.OnAccent), p.Accent).Bold(true).Reverse(t.NoColor)
	s.Rule = fg(p.Border)

	s.Status = fg(p.Muted)
	s.StatusError = fg(p.Error).Bold(true)
	s.StatusBusy = fg(p.Accent)

	s.HelpBox = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1)
	if col := c(p.Accent); col != nil {
		s.HelpBox = s.HelpBox.BorderForeground(col)
	}
	s.HelpTitle = fg(p.Accent).Bold(true)
	s.Help = help.Styles{
		Ellipsis:       fg(p.Faint),
		ShortKey:       fg(p.Muted).Bold(true),
		ShortDesc:      fg(p.Faint),
		ShortSeparator: fg(p.Border),
		FullKey:        fg(p.Accent),
		FullDesc:       fg(p.Text),
		FullSeparator:  fg(p.Border),
	}

	focused := textinput.StyleState{
		Text:        fg(p.Text),
		Placeholder: fg(p.Faint),
		Suggestion:  fg(p.Faint),
		Prompt:      fg(p.Accent).Bold(true),
	}
	s.Input = textinput.Styles{
		Focused: focused,
		Blurred: textinput.StyleState{
			Text:        fg(p.Muted),
			Placeholder: fg(p.Faint),
			Suggestion:  fg(p.Faint),
			Prompt:      fg(p.Muted),
		},
		Cursor: textinput.CursorStyle{
			Color: c(p.Accent),
			Shape: tea.CursorBar,
			Blink: false,
		},
	}
	s.Prompt = fg(p.Accent).Bold(true)

	s.Logo = fg(p.Accent).Bold(true)
	s.Key = fg(p.Accent).Bold(true)
	s.FeedOK = fg(p.Success)
	s.FeedError = fg(p.Error)
	s.Confirm = fg(p.Error).Bold(true)

	s.CompareMark = fg(p.Unique).Bold(true)
	s.CompareUnique = fg(p.Unique).Underline(t.NoColor)
	s.CompareShared = fg(p.Faint)
	s.SummaryLabel = fg(p.Muted)
	s.Discrepancy = fg(p.Saved).Bold(true)
	s.TimelineBar = fg(p.Accent)
	s.TimelineTrack = fg(p.Border)

	if t.NoColor {
		// Without colour, what colour set apart is set apart by dimming,
		// weight or underline instead.
		s.Faint = s.Faint.Faint(true)
		s.RowDim = s.RowDim.Faint(true)
		s.CompareShared = s.CompareShared.Faint(true)
		s.SavedMark = s.SavedMark.Bold(true)
		s.PaneTitle = s.PaneTitle.Underline(true)
		s.Error = s.Error.Bold(true)
	}
	return s
}
