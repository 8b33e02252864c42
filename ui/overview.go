package ui

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"parallax/store"
	"parallax/themes"
)

// overviewPane lists every source of a story in the order they reported
// it: headline, when after the first report, a timeline, length, and how
// much of what it says no other source says.
type overviewPane struct {
	ctx    context.Context
	lib    Library
	keys   KeyMap
	styles *themes.Styles
	now    func() time.Time

	width, height int

	story   store.Story
	open    bool
	loading bool
	err     error
	an      *analysis
	order   []int // article indices, first report first
	sources int   // the outlets among the articles
	want    int64 // the article to put the cursor on once the analysis comes
	cursor  int   // index into order
	top     int
}

func newOverviewPane(ctx context.Context, lib Library, keys KeyMap, st *themes.Styles, now func() time.Time) overviewPane {
	return overviewPane{ctx: ctx, lib: lib, keys: keys, styles: st, now: now}
}

func (p *overviewPane) setSize(w, h int) {
	p.width, p.height = w, h
	p.scrollIntoView()
}

func (p *overviewPane) setStyles(st *themes.Styles) { p.styles = st }

func (p *overviewPane) setLibrary(lib Library) {
	p.lib = lib
	p.open, p.loading, p.err, p.an, p.order = false, false, nil, nil, nil
}

// start opens the overview of a story with the cursor on articleID (0: the
// first report). an is the story's analysis when the caller has one; arts
// its articles when it has those; else they are read.
func (p *overviewPane) start(s store.Story, an *analysis, arts []store.Article, articleID int64) tea.Cmd {
	p.story, p.open, p.err, p.want = s, true, nil, articleID
	p.cursor, p.top = 0, 0
	if an != nil && an.storyID == s.ID {
		p.use(an)
		return nil
	}
	if p.an.fits(s, arts) {
		p.use(p.an)
		return nil
	}
	p.loading, p.an, p.order = true, nil, nil
	return analyse(p.ctx, p.lib, s.ID, arts)
}

// reload asks again for the analysis of the story on show, after a refresh.
func (p overviewPane) reload() tea.Cmd {
	if !p.open || p.loading {
		return nil
	}
	return analyse(p.ctx, p.lib, p.story.ID, nil)
}

// use shows an analysis, ordering its articles by when they were
// published and keeping the cursor on the wanted article.
func (p *overviewPane) use(an *analysis) {
	p.an, p.loading = an, false
	p.order = make([]int, len(an.articles))
	for i := range p.order {
		p.order[i] = i
	}
	slices.SortFunc(p.order, func(a, b int) int { return byTime(an.articles[a], an.articles[b]) })
	outlets := map[string]bool{}
	for _, a := range an.articles {
		outlets[a.Source] = true
	}
	p.sources = len(outlets)
	for i, ai := range p.order {
		if an.articles[ai].ID == p.want {
			p.cursor = i
		}
	}
	p.scrollIntoView()
}

func (p overviewPane) update(msg tea.Msg) (overviewPane, tea.Cmd) {
	switch msg := msg.(type) {
	case analysedMsg:
		if !p.open {
			p.an = p.an.freshened(msg)
			return p, nil
		}
		if msg.storyID != p.story.ID {
			return p, nil
		}
		if p.willFollow(msg) {
			a, _ := p.selected()
			return p, followArticle(p.ctx, p.lib, a.ID)
		}
		if msg.err != nil {
			if p.loading {
				p.loading, p.err = false, msg.err
			}
			return p, nil
		}
		if a, ok := p.selected(); ok {
			p.want = a.ID
		}
		p.use(msg.an)
	case tea.KeyPressMsg, tea.MouseWheelMsg:
		if c, ok := listStep(msg, p.keys, p.cursor, len(p.order), p.listHeight()); ok {
			p.cursor = c
			p.scrollIntoView()
		}
	}
	return p, nil
}

// willFollow reports whether msg, the story on show read again after a
// refresh, no longer holds the article under the cursor: grouping has
// moved it to another story, or merged the story into another, and the
// overview follows it there.
func (p overviewPane) willFollow(msg analysedMsg) bool {
	a, ok := p.selected()
	return ok && !p.loading && msg.storyID == p.story.ID && movedAway(a.ID, msg.err, msg.an.holds)
}

// followed shows the story the article under the cursor has moved to.
func (p overviewPane) followed(msg articleMovedMsg) (overviewPane, tea.Cmd) {
	if a, ok := p.selected(); !msg.from(a, ok, p.story.ID) {
		return p, nil
	}
	return p, p.start(msg.story, nil, nil, msg.articleID)
}

// selected is the article under the cursor.
func (p overviewPane) selected() (store.Article, bool) {
	if !p.open || p.an == nil || p.cursor < 0 || p.cursor >= len(p.order) {
		return store.Article{}, false
	}
	return p.an.articles[p.order[p.cursor]], true
}

// headHeight is the lines above the rows: the title, then, when there is
// room, a line about the story and the column labels.
func (p overviewPane) headHeight() int {
	if p.height < 6 {
		return 1
	}
	return 3
}

// footHeight is the legend under the rows, shown when there is room.
func (p overviewPane) footHeight() int {
	if p.height < 10 {
		return 0
	}
	return 2
}

func (p overviewPane) listHeight() int {
	return max(p.height-p.headHeight()-p.footHeight(), 0)
}

func (p *overviewPane) scrollIntoView() {
	p.cursor, p.top = windowTop(p.cursor, p.top, len(p.order), p.listHeight())
}

func (p overviewPane) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.Down, k.Up, described(k.Open, "read"), k.Compare, k.Back, k.Help, k.Quit}
}

func (p overviewPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{described(k.Open, "read this source"), described(k.Compare, "compare from this source"), k.Save, k.MarkRead, described(k.MarkUnread, "mark story unread")},
		{k.Back, k.Refresh, k.Theme, k.Help, k.Quit},
	}
}

// overviewColumns are the widths of an overview row's fields; a field of
// width 0 is left out.
type overviewColumns struct {
	source, headline, first, timeline, words, alone int
}

// columns lays out the fields of a row. A story of one article leaves out
// those that set a report against the others: when it came after the
// first, where on the timeline, and how much of it no other carries.
func (p overviewPane) columns() overviewColumns {
	c := overviewColumns{words: 6}
	if len(p.order) > 1 {
		c.first, c.alone = 5, 6
		if p.width >= 60 {
			c.timeline = min(max(p.width/8, 8), 24)
		}
	}
	rest := p.width - 2 - (c.words + 1) - c.alone
	if c.first > 0 {
		rest -= c.first + 1
	}
	if c.timeline > 0 {
		rest -= c.timeline + 1
	}
	rest = max(rest, 1)
	if rest >= 30 {
		c.source = min(max(rest/3, 12), 30)
		c.headline = rest - c.source - 1
	} else {
		c.source = rest
	}
	return c
}

func (p overviewPane) view() string {
	if p.width <= 0 || p.height <= 0 || !p.open {
		return ""
	}
	st := p.styles
	var b strings.Builder
	b.WriteString(st.PaneTitle.Render(truncate("Overview · "+clean(p.story.Title), p.width)))
	switch {
	case p.err != nil:
		b.WriteString("\n" + st.Error.Render(truncate(clean(p.err.Error()), p.width)))
		return b.String()
	case p.loading || p.an == nil:
		b.WriteString("\n" + st.Faint.Render(truncate("Comparing the sources…", p.width)))
		return b.String()
	case len(p.order) == 0:
		b.WriteString("\n" + st.Faint.Render(truncate("This story has no articles.", p.width)))
		return b.String()
	}
	first := p.an.articles[p.order[0]].Time()
	span := p.an.articles[p.order[len(p.order)-1]].Time().Sub(first)
	cols := p.columns()
	if p.headHeight() > 1 {
		b.WriteString("\n" + st.Muted.Render(truncate(p.about(first, span), p.width)))
		b.WriteString("\n" + st.SummaryLabel.Render(p.labels(cols)))
	}
	h := p.listHeight()
	end := min(p.top+h, len(p.order))
	for i := p.top; i < end; i++ {
		b.WriteString("\n" + p.rowView(p.order[i], i == p.cursor, first, span, cols))
	}
	if p.footHeight() > 0 && cols.first > 0 {
		for i := end - p.top; i < h; i++ {
			b.WriteByte('\n')
		}
		legend := "first: time after the first report · alone: share of its sentences no other source carries"
		if widthOf(legend) > p.width {
			legend = "first: after the first report · alone: sentences no other source has"
		}
		b.WriteString("\n\n" + st.Faint.Render(truncate(legend, p.width)))
	}
	return b.String()
}

// about sums up the story: how many articles and sources, who was first
// and when.
func (p overviewPane) about(first time.Time, span time.Duration) string {
	a := p.an.articles[p.order[0]]
	s := plural(p.sources, "source", "sources")
	if len(p.order) > p.sources {
		// An outlet that reported twice is one source with two articles.
		s = plural(len(p.order), "article", "articles") + " from " + s
	}
	s += " · first " + clean(a.Source)
	if now := p.now(); !first.IsZero() {
		switch t := ago(now, first); {
		case t == "now":
			s += " just now"
		case now.Sub(first) < agoSpan:
			s += " " + t + " ago"
		default: // ago gives a date
			s += " on " + first.In(now.Location()).Format("2 Jan 2006")
		}
	}
	switch {
	case len(p.order) < 2:
	case span < time.Minute:
		s += " · last within the minute"
	default:
		// The timeline's offsets are signed; "later" says it here.
		s += " · last " + strings.TrimPrefix(offsetLabel(span), "+") + " later"
	}
	return s
}

func (p overviewPane) labels(c overviewColumns) string {
	line := "  " + padRight("source", c.source)
	if c.headline > 0 {
		line += " " + padRight("headline", c.headline)
	}
	if c.first > 0 {
		line += " " + padLeft("first", c.first)
	}
	if c.timeline > 0 {
		line += " " + padRight("timeline", c.timeline)
	}
	line += " " + padLeft("words", c.words)
	if c.alone > 0 {
		line += padLeft("alone", c.alone)
	}
	return fitLine(line, p.width)
}

// rowView draws one source: its name, headline, time after the first
// report with its place on the timeline, words, and the share of its
// sentences that it alone carries.
func (p overviewPane) rowView(ai int, selected bool, first time.Time, span time.Duration, c overviewColumns) string {
	st := p.styles
	a, s := p.an.articles[ai], p.an.stats[ai]
	d := a.Time().Sub(first)
	name := truncate(clean(a.Source), c.source)
	headline := truncate(clean(a.Title), c.headline)
	alone := "–"
	if s.sentences > 0 {
		alone = fmt.Sprintf("%d%%", int(math.Round(100*float64(s.unique)/float64(s.sentences))))
	}
	ns := st.Row
	if a.Read {
		ns = st.RowMeta
	}
	// Each field after the space before it, with the style it has when
	// the row is not selected.
	type field struct {
		gap, text string
		style     lipgloss.Style
	}
	fields := []field{{"", padRight(name, c.source), ns}}
	if c.headline > 0 {
		fields = append(fields, field{" ", padRight(headline, c.headline), ns})
	}
	if c.first > 0 {
		fields = append(fields, field{" ", padLeft(offsetLabel(d), c.first), st.RowMeta})
	}
	if c.timeline > 0 {
		bar, track := timeline(d, span, c.timeline)
		fields = append(fields, field{" ", bar, st.TimelineBar}, field{"", track, st.TimelineTrack})
	}
	fields = append(fields, field{" ", padLeft(fmt.Sprint(s.words), c.words), st.RowMeta})
	if c.alone > 0 {
		fields = append(fields, field{"", padLeft(alone, c.alone), st.CompareUnique})
	}
	var line strings.Builder
	if selected {
		line.WriteString("▌ ")
		for _, f := range fields {
			line.WriteString(f.gap + f.text)
		}
		rs := st.RowSelected
		if a.Read {
			rs = st.RowSelectedBlurred
		}
		return rs.Render(fitLine(line.String(), p.width))
	}
	line.WriteString("  ")
	for _, f := range fields {
		line.WriteString(f.gap + f.style.Render(f.text))
	}
	return line.String()
}

// timeline draws where d falls in a story's span of reports, w cells wide:
// a bar up to the report and a dot on it, then the track after it.
func timeline(d, span time.Duration, w int) (bar, track string) {
	if w <= 0 {
		return "", ""
	}
	pos := 0
	if span > 0 {
		pos = int(math.Round(float64(d) / float64(span) * float64(w-1)))
	}
	pos = min(max(pos, 0), w-1)
	return strings.Repeat("━", pos) + "●", strings.Repeat("·", w-1-pos)
}

// offsetLabel is how long after the first report a source reported:
// "+0h", "+45m", "+3h", "+2d".
func offsetLabel(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "+0h"
	case d < time.Hour:
		return fmt.Sprintf("+%dm", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("+%dh", int(d/time.Hour))
	default:
		return fmt.Sprintf("+%dd", int(d/(24*time.Hour)))
	}
}

func padRight(s string, w int) string {
	if n := widthOf(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// byTime orders articles by when they were published, then by ID.
func byTime(a, b store.Article) int {
	if c := a.Time().Compare(b.Time()); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}
