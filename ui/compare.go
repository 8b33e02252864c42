package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"parallax/store"
	"parallax/store/story"
	"parallax/themes"
)

// analysis is one story's articles and their comparison, worked out in a
// command and shared by the compare pane and the story overview.
type analysis struct {
	storyID  int64
	articles []store.Article
	cmp      story.Comparison
	stats    []sourceStats // by article, in the order of articles
}

// sourceStats is what the overview says of one article.
type sourceStats struct {
	words     int // words in its sentences
	sentences int // sentences that count: compared, neither bland nor headings
	unique    int // of those, the ones no other article carries
}

// fits says whether the analysis is of story s as it stands: of its
// articles arts, as they read now, when the caller has them, else of as
// many as it counts (see forgetAnalyses for texts that change under it).
func (an *analysis) fits(s store.Story, arts []store.Article) bool {
	switch {
	case an == nil || an.storyID != s.ID:
		return false
	case arts != nil:
		return slices.EqualFunc(arts, an.articles, sameText)
	default:
		return s.Count == 0 || s.Count == len(an.articles)
	}
}

// sameText reports whether a and b are one article with one text.
func sameText(a, b store.Article) bool {
	return a.ID == b.ID && a.FullText == b.FullText && a.Title == b.Title &&
		a.Content == b.Content && a.Summary == b.Summary
}

// freshened is the analysis a closed pane keeps for reopening, given msg:
// msg's analysis when it is of the same story. A refresh asks for one while
// the pane is open, and the answer may come after the pane has closed.
func (an *analysis) freshened(msg analysedMsg) *analysis {
	if an != nil && msg.err == nil && msg.an != nil && msg.storyID == an.storyID {
		return msg.an
	}
	return an
}

// holds reports whether the story analysed has article articleID.
func (an *analysis) holds(articleID int64) bool { return an.index(articleID) >= 0 }

// index is the position of an article in the story, or -1.
func (an *analysis) index(articleID int64) int {
	for i, a := range an.articles {
		if a.ID == articleID {
			return i
		}
	}
	return -1
}

type (
	// analysedMsg brings a story's articles and their comparison.
	analysedMsg struct {
		storyID int64
		an      *analysis
		err     error
	}

	// compareRenderedMsg is two articles laid out side by side for one
	// width, theme and highlighting.
	compareRenderedMsg struct {
		key compareKey
		r   *compareRender
	}
)

// analyse reads a story's articles, unless they are given, and compares
// them: Compare takes too long on a story of many sources for Update.
func analyse(ctx context.Context, lib Library, storyID int64, arts []store.Article) tea.Cmd {
	return func() tea.Msg {
		if arts == nil {
			var err error
			arts, err = lib.StoryArticles(ctx, storyID)
			if err != nil {
				return analysedMsg{storyID: storyID, err: fmt.Errorf("compare story %d: %w", storyID, err)}
			}
		}
		return analysedMsg{storyID: storyID, an: newAnalysis(storyID, arts)}
	}
}

func newAnalysis(storyID int64, arts []store.Article) *analysis {
	in := make([]story.CompareInput, len(arts))
	for i, a := range arts {
		in[i] = story.CompareInput{ID: a.ID, Source: a.Source, Title: a.Title, URL: a.URL, Text: cleanBlock(a.Text())}
	}
	an := &analysis{storyID: storyID, articles: arts, cmp: story.Compare(in), stats: make([]sourceStats, len(arts))}
	for i, ac := range an.cmp.Articles {
		st := &an.stats[i]
		for _, s := range ac.Sentences {
			st.words += len(strings.Fields(s.Text))
			if s.Bland || s.Heading || s.Uncompared {
				continue
			}
			st.sentences++
			if s.Unique {
				st.unique++
			}
		}
	}
	return an
}

// compareKey identifies one layout of two articles. A result whose key is
// not the one the pane wants now is stale and is dropped.
type compareKey struct {
	an          *analysis
	left, right int64
	width       int
	theme       string
	dark        bool
	highlight   bool
	// headline is what a column says of an article its feed gave a
	// headline alone: it names the keys that show more, which may be
	// rebound.
	headline string
}

// samePair says whether two layouts are of the same two articles, so that
// one can stand in for the other while it is made.
func (k compareKey) samePair(o compareKey) bool {
	return k.an == o.an && k.left == o.left && k.right == o.right
}

// The compare pane's columns and what lies between them.
const (
	compareDivider = " │ "
	gutterWidth    = 2
)

// compareWidths splits a pane w wide into its two columns.
func compareWidths(w int) (left, right int) {
	inner := max(w-len([]rune(compareDivider)), 2)
	return inner / 2, inner - inner/2
}

// comparePane shows two sources of a story side by side, with what only
// one of them reports marked, under a strip summing up how they differ.
type comparePane struct {
	ctx    context.Context
	lib    Library
	keys   KeyMap
	styles *themes.Styles
	theme  string
	dark   bool
	opener func(string) error

	width, height int

	story    store.Story
	open     bool
	loading  bool
	err      error
	an       *analysis
	wantLeft int64  // the article for the left column once the analysis comes
	idx      [2]int // the article shown in each column
	focus    int    // the column that has focus: 0 left, 1 right

	unlocked  bool // the columns scroll alone
	highlight bool // shared sentences are dimmed
	off       [2]int
	where     [2]textPlace // where in its text each column is scrolled to, across resizes

	cache map[compareKey]*compareRender
	asked compareKey // the layout in flight, if any
	shown compareKey // the key of r
	r     *compareRender
}

func newComparePane(ctx context.Context, lib Library, keys KeyMap, st *themes.Styles, theme themes.Theme, termDark bool, opener func(string) error) comparePane {
	return comparePane{
		ctx: ctx, lib: lib, keys: keys, styles: st, theme: theme.Name, dark: theme.IsDark(termDark),
		opener: opener, cache: map[compareKey]*compareRender{},
	}
}

func (p *comparePane) setSize(w, h int) {
	p.width, p.height = w, h
	p.clamp()
}

// setTheme changes the theme; the caller then asks for a layout with
// ensureRender.
func (p *comparePane) setTheme(theme themes.Theme, termDark bool, st *themes.Styles) {
	p.theme, p.dark, p.styles = theme.Name, theme.IsDark(termDark), st
}

func (p *comparePane) setLibrary(lib Library) {
	p.lib = lib
	p.close()
	p.an = nil
	p.cache = map[compareKey]*compareRender{}
}

// close forgets what is on show but keeps the analysis, so that coming
// back to the same story needs no new one.
func (p *comparePane) close() {
	p.open, p.loading, p.err = false, false, nil
	p.r, p.shown, p.asked = nil, compareKey{}, compareKey{}
}

// start opens the pane on a story with leftID (0: the first article) on
// the left and the next source on the right (see place). an is the story's
// analysis when the caller has one, arts its articles when it has those;
// else they are read.
func (p *comparePane) start(s store.Story, an *analysis, arts []store.Article, leftID int64) tea.Cmd {
	p.close()
	p.story, p.open, p.focus, p.off = s, true, 0, [2]int{}
	if an != nil && an.storyID == s.ID {
		p.an = an
	}
	if p.an.fits(s, arts) {
		p.place(leftID)
		return p.ensureRender()
	}
	p.an, p.loading, p.wantLeft = nil, true, leftID
	return analyse(p.ctx, p.lib, s.ID, arts)
}

// willFollow reports whether msg, the story on show read again after a
// refresh, no longer holds the article in the left column: grouping has
// moved it to another story, and the pane follows it there.
func (p comparePane) willFollow(msg analysedMsg) bool {
	l, ok := p.article(0)
	return ok && !p.loading && msg.storyID == p.story.ID && movedAway(l.ID, msg.err, msg.an.holds)
}

// followed shows the story the left article has moved to.
func (p comparePane) followed(msg articleMovedMsg) (comparePane, tea.Cmd) {
	if l, ok := p.article(0); !msg.from(l, ok, p.story.ID) {
		return p, nil
	}
	return p, p.start(msg.story, nil, nil, msg.articleID)
}

// reload asks again for the analysis of the story on show, after a refresh.
func (p comparePane) reload() tea.Cmd {
	if !p.open || p.loading {
		return nil
	}
	return analyse(p.ctx, p.lib, p.story.ID, nil)
}

// place puts leftID on the left and the next article, wrapping round, on
// the right: the next from another outlet when the story has one, for an
// outlet set beside itself has little to compare.
func (p *comparePane) place(leftID int64) {
	arts := p.an.articles
	n := len(arts)
	l := max(p.an.index(leftID), 0)
	p.idx = [2]int{l, l}
	if n < 2 {
		return
	}
	p.idx[1] = (l + 1) % n
	for d := 1; d < n; d++ {
		if i := (l + d) % n; arts[i].Source != arts[l].Source {
			p.idx[1] = i
			return
		}
	}
}

// single says whether the story turned out to have fewer than two
// articles: there is nothing to compare.
func (p comparePane) single() bool {
	return p.open && !p.loading && p.err == nil && p.an != nil && len(p.an.articles) < 2
}

// article is the article shown in column c.
func (p comparePane) article(c int) (store.Article, bool) {
	if !p.open || p.an == nil || p.idx[c] < 0 || p.idx[c] >= len(p.an.articles) {
		return store.Article{}, false
	}
	return p.an.articles[p.idx[c]], true
}

// wantKey is the layout the pane should be showing now.
func (p comparePane) wantKey() (compareKey, bool) {
	l, okL := p.article(0)
	r, okR := p.article(1)
	if !okL || !okR || p.width < 1 {
		return compareKey{}, false
	}
	return compareKey{an: p.an, left: l.ID, right: r.ID, width: p.width, theme: p.theme, dark: p.dark, highlight: p.highlight,
		headline: headlineNote(p.keys)}, true
}

// ensureRender shows the wanted layout from the cache, or asks for it. A
// layout of the same two articles stays up meanwhile.
func (p *comparePane) ensureRender() tea.Cmd {
	want, ok := p.wantKey()
	if !ok {
		return nil
	}
	if !want.samePair(p.shown) {
		p.r, p.shown = nil, compareKey{}
	}
	if r, ok := p.cache[want]; ok {
		p.show(want, r)
		return nil
	}
	if p.asked == want {
		return nil
	}
	p.asked = want
	st := p.styles
	return func() tea.Msg { return compareRenderedMsg{key: want, r: layoutCompare(want, st)} }
}

// show puts the layout r, of key k, on screen. The same two articles laid
// out at another width keep the words at the top of each column there
// while the columns scroll apart; together, the words at the top of the
// column that leads, which the other follows line for line.
func (p *comparePane) show(k compareKey, r *compareRender) {
	switch {
	case p.r == nil || !k.samePair(p.shown):
		p.where = [2]textPlace{}
	case k.width != p.shown.width && p.unlocked:
		for c := range p.off {
			p.off[c] = p.where[c].rewrap(p.r.cols[c], p.shownOffset(c), r.cols[c])
		}
	case k.width != p.shown.width:
		// The focused column leads, unless it has come to its end while
		// the other scrolls on.
		c := p.focus
		if p.shownOffset(c) < p.off[c] {
			c = 1 - c
		}
		v := p.where[c].rewrap(p.r.cols[c], p.shownOffset(c), r.cols[c])
		p.off = [2]int{v, v}
	}
	p.r, p.shown = r, k
	p.clamp()
}

// headHeight is the lines above the columns: the sources, as much of the
// summary strip as leaves the columns half the pane, and a rule.
func (p comparePane) headHeight() int {
	if p.height < 4 {
		return 0
	}
	n := 0
	if p.r != nil {
		n = len(p.r.strip)
	}
	return 2 + min(n, max(p.height-2-max(p.height/2, 3), 0))
}

func (p comparePane) colHeight() int {
	return max(p.height-p.headHeight(), 0)
}

// maxOffset is how far column c can scroll.
func (p comparePane) maxOffset(c int) int {
	if p.r == nil {
		return 0
	}
	return max(len(p.r.cols[c])-p.colHeight(), 0)
}

// clamp keeps the offsets in range. Locked columns share one offset, up to
// the longer column's end; the shorter one stops at its own.
func (p *comparePane) clamp() {
	if p.unlocked {
		for c := range p.off {
			p.off[c] = min(max(p.off[c], 0), p.maxOffset(c))
		}
		return
	}
	v := min(max(p.off[p.focus], 0), max(p.maxOffset(0), p.maxOffset(1)))
	p.off = [2]int{v, v}
}

// scroll moves the focused column, and the other with it when locked.
func (p *comparePane) scroll(n int) {
	p.scrollColumn(p.focus, n)
}

func (p *comparePane) scrollColumn(c, n int) {
	if p.unlocked {
		p.off[c] = min(max(p.shownOffset(c)+n, 0), p.maxOffset(c))
		return
	}
	p.off = [2]int{p.off[c] + n, p.off[c] + n}
	p.clamp()
}

// shownOffset is the first line of column c on screen.
func (p comparePane) shownOffset(c int) int {
	return min(p.off[c], p.maxOffset(c))
}

// step moves column c to the previous or next article of the story,
// passing over the one in the other column.
func (p *comparePane) step(c, dir int) tea.Cmd {
	if p.an == nil {
		return nil
	}
	i := p.idx[c] + dir
	if i == p.idx[1-c] {
		i += dir
	}
	if i < 0 || i >= len(p.an.articles) {
		return nil
	}
	p.idx[c] = i
	if p.unlocked {
		p.off[c] = 0
	} else {
		p.off = [2]int{}
	}
	return p.ensureRender()
}

func (p comparePane) update(msg tea.Msg) (comparePane, tea.Cmd) {
	switch msg := msg.(type) {
	case analysedMsg:
		return p.analysed(msg)
	case compareRenderedMsg:
		if msg.key == p.asked {
			p.asked = compareKey{}
		}
		want, ok := p.wantKey()
		if !ok || msg.key != want {
			return p, nil
		}
		if len(p.cache) >= maxCachedRenders {
			p.cache = map[compareKey]*compareRender{}
		}
		p.cache[msg.key] = msg.r
		p.show(msg.key, msg.r)
		return p, nil
	case tea.MouseWheelMsg:
		c := p.focus
		if lw, _ := compareWidths(p.width); p.unlocked {
			c = 0
			if msg.X >= lw+1 {
				c = 1
			}
		}
		switch msg.Button {
		case tea.MouseWheelUp:
			p.scrollColumn(c, -3)
		case tea.MouseWheelDown:
			p.scrollColumn(c, 3)
		}
		return p, nil
	case tea.KeyPressMsg:
		return p.updateKeys(msg)
	}
	return p, nil
}

// analysed takes the analysis of the story on show: the first one, or a
// new one after a refresh, which keeps the same articles in the columns.
func (p comparePane) analysed(msg analysedMsg) (comparePane, tea.Cmd) {
	if !p.open {
		p.an = p.an.freshened(msg)
		return p, nil
	}
	if msg.storyID != p.story.ID {
		return p, nil
	}
	if p.willFollow(msg) {
		l, _ := p.article(0)
		return p, followArticle(p.ctx, p.lib, l.ID)
	}
	if !p.loading {
		if msg.err != nil || msg.an == nil {
			return p, nil
		}
		if len(msg.an.articles) < 2 {
			// The story is down to one article: single, and the root
			// leaves the pane.
			p.an = msg.an
			return p, nil
		}
		l, _ := p.article(0)
		r, _ := p.article(1)
		p.an = msg.an
		p.place(l.ID)
		if i := p.an.index(r.ID); i >= 0 && i != p.idx[0] {
			p.idx[1] = i
		}
		return p, p.ensureRender()
	}
	p.loading = false
	if msg.err != nil {
		p.err = msg.err
		return p, nil
	}
	p.an = msg.an
	p.place(p.wantLeft)
	return p, p.ensureRender()
}

func (p comparePane) updateKeys(msg tea.KeyPressMsg) (comparePane, tea.Cmd) {
	k := p.keys
	page := max(p.colHeight()-1, 1)
	switch {
	case key.Matches(msg, k.Up):
		p.scroll(-1)
	case key.Matches(msg, k.Down):
		p.scroll(1)
	case key.Matches(msg, k.PageUp):
		p.scroll(-page)
	case key.Matches(msg, k.PageDown):
		p.scroll(page)
	case key.Matches(msg, k.Top):
		p.scroll(-p.off[p.focus])
	case key.Matches(msg, k.Bottom):
		p.scroll(p.maxOffset(0) + p.maxOffset(1))
	case key.Matches(msg, k.Focus):
		p.focus = 1 - p.focus
	case key.Matches(msg, k.Lock):
		// Unlocking leaves each column where it is; locking brings the
		// other column to the focused one's line.
		p.off = [2]int{p.shownOffset(0), p.shownOffset(1)}
		p.unlocked = !p.unlocked
		p.clamp()
	case key.Matches(msg, k.Highlight):
		p.highlight = !p.highlight
		return p, p.ensureRender()
	case key.Matches(msg, k.PrevSource):
		return p, p.step(1, -1)
	case key.Matches(msg, k.NextSource):
		return p, p.step(1, 1)
	case key.Matches(msg, k.PrevLeft):
		return p, p.step(0, -1)
	case key.Matches(msg, k.NextLeft):
		return p, p.step(0, 1)
	case key.Matches(msg, k.Browser):
		if a, ok := p.article(p.focus); ok {
			return p, openInBrowser(p.opener, a.URL)
		}
	}
	return p, nil
}

func (p comparePane) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{
		k.Down, k.Up, described(k.NextSource, "right source"), described(k.NextLeft, "left source"),
		described(k.Highlight, "highlight"), described(k.Lock, "lock"), k.Focus, k.Overview, k.Back, k.Help,
	}
}

func (p comparePane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{
			described(k.PrevSource, "previous right source"), described(k.NextSource, "next right source"),
			k.PrevLeft, k.NextLeft, k.Highlight, k.Lock, described(k.Focus, "switch column"),
		},
		{k.Overview, k.Browser, k.Save, k.MarkRead, described(k.MarkUnread, "mark story unread"), k.Back, k.Refresh, k.Theme, k.Help, k.Quit},
	}
}

func (p comparePane) view() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	st := p.styles
	title := st.PaneTitle.Render(truncate("Compare · "+clean(p.story.Title), p.width))
	switch {
	case !p.open:
		return ""
	case p.err != nil:
		return title + "\n" + st.Error.Render(truncate(clean(p.err.Error()), p.width))
	case p.loading || p.an == nil:
		return title + "\n" + st.Faint.Render(truncate("Comparing the sources…", p.width))
	}
	lw, rw := compareWidths(p.width)
	div := st.Divider.Render(compareDivider)
	lines := make([]string, 0, p.height)
	hh := p.headHeight()
	if hh > 0 {
		lines = append(lines, fitLine(p.sourceLabel(0, lw), lw)+div+fitLine(p.sourceLabel(1, rw), rw))
		if p.r != nil {
			lines = append(lines, p.r.stripRows(hh-2)...)
		}
		lines = append(lines, p.rule())
	}
	ch := p.colHeight()
	if p.r == nil {
		lines = append(lines, st.Faint.Render(truncate("Laying out…", p.width)))
		return strings.Join(lines, "\n")
	}
	var cols [2][]string
	for c := range cols {
		from := p.shownOffset(c)
		cols[c] = p.r.cols[c][from:min(from+ch, len(p.r.cols[c]))]
	}
	for i := range ch {
		l, r := "", ""
		if i < len(cols[0]) {
			l = cols[0][i]
		}
		if i < len(cols[1]) {
			r = cols[1][i]
		}
		lines = append(lines, fitLine(l, lw)+div+fitLine(r, rw))
	}
	return strings.Join(lines, "\n")
}

// sourceLabel names the source in column c and where it stands among the
// story's, with a mark on the column that has focus.
func (p comparePane) sourceLabel(c, w int) string {
	st := p.styles
	a, _ := p.article(c)
	pos := fmt.Sprintf("  %d/%d", p.idx[c]+1, len(p.an.articles))
	name := clean(a.Source)
	if name == "" {
		name = "?"
	}
	lead, style := "  ", st.PaneTitleBlurred
	if c == p.focus {
		lead, style = "▸ ", st.PaneTitle
	}
	name = truncate(name, max(w-widthOf(lead)-widthOf(pos), 1))
	return style.Render(lead+name) + st.Muted.Render(pos)
}

// rule closes the head of the pane, saying what the marks mean and how the
// columns scroll.
func (p comparePane) rule() string {
	st := p.styles
	parts := []string{st.CompareMark.Render("▌") + st.Muted.Render(" only here")}
	if p.highlight {
		parts = append(parts, st.Muted.Render("shared dimmed"))
	}
	if p.unlocked {
		parts = append(parts, st.Muted.Render("scrolling apart"))
	} else {
		parts = append(parts, st.Muted.Render("scrolling together"))
	}
	text := st.Rule.Render("─ ") + strings.Join(parts, st.Rule.Render(" · ")) + " "
	if w := widthOf(text); w < p.width {
		text += st.Rule.Render(strings.Repeat("─", p.width-w))
	}
	return text
}

// layoutCompare lays out two articles of a story side by side: the
// summary strip and each column's lines, wrapped to the column's width.
func layoutCompare(k compareKey, st *themes.Styles) *compareRender {
	lw, rw := compareWidths(k.width)
	pair := k.an.cmp.Pair(k.left, k.right)
	l, r := k.an.cmp.Articles[k.an.index(k.left)], k.an.cmp.Articles[k.an.index(k.right)]
	return &compareRender{
		strip: summaryStrip(pair, l, r, lw, rw, st),
		cols: [2][]string{
			layoutColumn(l.Sentences, k.right, max(lw-gutterWidth, 1), k.highlight, k.headline, st),
			layoutColumn(r.Sentences, k.left, max(rw-gutterWidth, 1), k.highlight, k.headline, st),
		},
	}
}

// compareRender is two articles laid out for one width and theme.
type compareRender struct {
	strip []stripRow  // the summary strip, top to bottom
	cols  [2][]string // each column's lines
}

// stripRow is one row of the summary strip and how telling it is: when
// the strip must be cut short, rows of lower rank stay.
type stripRow struct {
	line string
	rank int
}

// stripRows returns the n most telling rows of the strip, top to bottom.
func (r *compareRender) stripRows(n int) []string {
	ranks := make([]int, len(r.strip))
	for i, row := range r.strip {
		ranks[i] = row.rank
	}
	slices.Sort(ranks)
	out := make([]string, 0, n)
	for _, row := range r.strip {
		if n > 0 && row.rank <= ranks[n-1] {
			out = append(out, row.line)
		}
	}
	return out
}

// summaryStrip sums up two sources: their headlines, how many sentences
// each shares with the other and how many it alone has, the quotations and
// names only one of them has, and the figures they give differently. Each
// row is ranked, so that a short screen keeps the most telling ones.
func summaryStrip(v story.PairView, l, r story.ArticleComparison, lw, rw int, st *themes.Styles) []stripRow {
	w := lw + rw + widthOf(compareDivider)
	div := st.Divider.Render(compareDivider)
	var rows []stripRow
	add := func(rank int, line string) {
		rows = append(rows, stripRow{line: line, rank: rank*100 + len(rows)})
	}
	pair := func(left, right string) string { return fitLine(left, lw) + div + fitLine(right, rw) }
	const (
		rankHeadline = iota
		rankCounts
		rankFigure
		rankQuotes
		rankNames
		rankMore
	)

	lt, rt := wrapHeadline(clean(l.Title), lw), wrapHeadline(clean(r.Title), rw)
	for i := range max(len(lt), len(rt)) {
		var a, b string
		if i < len(lt) {
			a = st.ArticleTitle.Render(lt[i])
		}
		if i < len(rt) {
			b = st.ArticleTitle.Render(rt[i])
		}
		rank := rankHeadline
		if i > 0 {
			rank = rankMore
		}
		add(rank, pair(a, b))
	}

	counts := func(shared, only, w int, a story.ArticleComparison) string {
		if len(a.Sentences) == 0 {
			return st.Faint.Render(truncate("headline only", w))
		}
		head, tail := fmt.Sprintf("%d shared · ", shared), fmt.Sprintf("%d only here", only)
		if widthOf(head+tail) > w {
			head, tail = fmt.Sprintf("%d shared ", shared), fmt.Sprintf("▌%d", only)
		}
		return st.Muted.Render(truncate(head, w)) + st.CompareUnique.Render(truncate(tail, max(w-widthOf(head), 0)))
	}
	add(rankCounts, pair(counts(v.LeftShared, v.LeftOnly, lw, l), counts(v.RightShared, v.RightOnly, rw, r)))

	list := func(label string, items []string, sep string, quote bool, w int) string {
		if len(items) == 0 {
			return st.Faint.Render(truncate("no "+label+" of its own", w))
		}
		shown := make([]string, len(items))
		for i, s := range items {
			shown[i] = clean(s)
			if quote {
				shown[i] = "“" + shown[i] + "”"
			}
		}
		head := label + " only here: "
		return st.SummaryLabel.Render(truncate(head, w)) + st.Text.Render(truncate(strings.Join(shown, sep), max(w-widthOf(head), 0)))
	}
	if len(v.LeftQuotes)+len(v.RightQuotes) > 0 {
		add(rankQuotes, pair(list("quotes", v.LeftQuotes, " ", true, lw), list("quotes", v.RightQuotes, " ", true, rw)))
	}
	if len(v.LeftNames)+len(v.RightNames) > 0 {
		add(rankNames, pair(list("names", v.LeftNames, ", ", false, lw), list("names", v.RightNames, ", ", false, rw)))
	}

	const maxFigures = 3
	for i, d := range v.Discrepancies {
		if i == maxFigures {
			more := fmt.Sprintf("and %d more figures given differently", len(v.Discrepancies)-maxFigures)
			add(rankMore, fitLine(st.Discrepancy.Render("≠ ")+st.Muted.Render(more), w))
			break
		}
		var left, right []string
		for _, c := range d.Claims {
			text := clean(c.Text)
			switch {
			case c.Article == v.Left:
				left = append(left, text)
			case !slices.Contains(right, text):
				right = append(right, text)
			}
		}
		rank := rankFigure
		if i > 0 {
			rank = rankMore
		}
		about := clean(d.About) + ": "
		here, there := fitClaims(strings.Join(left, " / "), strings.Join(right, " / "), w-widthOf("≠ "+about+" here,  there"))
		add(rank, fitLine(st.Discrepancy.Render("≠ ")+st.SummaryLabel.Render(about)+
			st.Text.Render(here)+st.Muted.Render(" here, ")+
			st.Text.Render(there)+st.Muted.Render(" there"), w))
	}
	// Figures agree only where both sides give some: a headline alone
	// has little to disagree with.
	if len(v.Discrepancies) == 0 && len(l.Sentences) > 0 && len(r.Sentences) > 0 {
		add(rankMore, fitLine(st.Faint.Render("the two give no figure differently"), w))
	}
	return rows
}

// fitClaims shortens the claims of the two sides to fit room cells
// together, each with an ellipsis where it is cut, so that both show and
// "here" and "there" stay with their own: the shorter keeps what it needs
// of an even share, and the other takes the rest.
func fitClaims(here, there string, room int) (string, string) {
	hw, tw := widthOf(here), widthOf(there)
	if hw+tw <= room {
		return here, there
	}
	half := room / 2
	switch {
	case hw <= half:
		return here, truncate(there, room-hw)
	case tw <= half:
		return truncate(here, room-tw), there
	}
	return truncate(here, half), truncate(there, room-half)
}

// wrapHeadline wraps a headline to two lines of w cells at most, the
// second cut short with an ellipsis when it does not fit.
func wrapHeadline(title string, w int) []string {
	if widthOf(title) <= w {
		return []string{title}
	}
	words := strings.Fields(title)
	first, used := "", 0
	for len(words) > 0 {
		need := widthOf(words[0])
		if used > 0 {
			need++
		}
		if used+need > w {
			break
		}
		first += strings.Repeat(" ", min(used, 1)) + words[0]
		used += need
		words = words[1:]
	}
	if first == "" {
		// The first word alone is longer than the line: Chinese and
		// Japanese are written without spaces. It is broken where the
		// line ends.
		head, rest := cutCells(title, w)
		return []string{head, truncate(strings.TrimSpace(rest), w)}
	}
	return []string{first, truncate(strings.Join(words, " "), w)}
}

// sentenceLook is how a sentence is drawn in a column.
type sentenceLook int

const (
	lookText    sentenceLook = iota // shared, bland, or nothing to say
	lookOnly                        // only this column's source has it: marked
	lookDimmed                      // shared, while differences are highlighted
	lookHeading                     // a heading of the article
	lookNote                        // the pane's own words, not the article's
)

// uncomparedNote stands where a column's sentences stop being compared.
const uncomparedNote = "Not compared from here on: the story is too long to compare whole."

// lookOf decides how a sentence of one column is drawn against the article
// in the other column. Bland sentences and those left uncompared are never
// marked.
func lookOf(s story.Sentence, other int64, highlight bool) sentenceLook {
	switch {
	case s.Heading:
		return lookHeading
	case s.Uncompared:
		return lookText
	case !s.Bland && !slices.Contains(s.SharedWith, other):
		return lookOnly
	case highlight:
		return lookDimmed
	default:
		return lookText
	}
}

// colWord is one word of a column and the look of its sentence.
type colWord struct {
	text  string
	width int
	look  sentenceLook
}

// layoutColumn wraps an article's sentences, paragraph by paragraph, to
// width, each line after a gutter that marks the lines carrying a sentence
// only this source has. A note stands before the first sentence the
// comparison did not reach.
func layoutColumn(sents []story.Sentence, other int64, width int, highlight bool, headline string, st *themes.Styles) []string {
	var out []string
	var words []colWord
	para := -1
	flush := func() {
		if len(words) == 0 {
			return
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = wrapColumn(out, words, width, st)
		words = words[:0]
	}
	noted := false
	for _, s := range sents {
		if s.Uncompared && !noted {
			flush()
			for _, f := range strings.Fields(uncomparedNote) {
				words = append(words, colWord{text: f, width: widthOf(f), look: lookNote})
			}
			flush()
			noted, para = true, -1
		}
		if s.Heading || s.Paragraph != para {
			flush()
			para = s.Paragraph
		}
		look := lookOf(s, other, highlight)
		for _, f := range strings.Fields(clean(s.Text)) {
			words = append(words, colWord{text: f, width: widthOf(f), look: look})
		}
		if s.Heading {
			flush()
			para = -1
		}
	}
	flush()
	if len(out) == 0 {
		for _, f := range strings.Fields(headline) {
			words = append(words, colWord{text: f, width: widthOf(f), look: lookNote})
		}
		flush()
	}
	return out
}

// headlineNote is what the column of an article with a headline alone
// says: there is nothing to compare, and the keys that list every
// source's headline and open the article on its site.
func headlineNote(keys KeyMap) string {
	return fmt.Sprintf("Only the headline, no text. %s lists every source's headline; %s opens the page of the source in focus.",
		keys.Overview.Help().Key, keys.Browser.Help().Key)
}

// wrapColumn appends the lines of one paragraph to out. A word longer than
// the line is broken.
func wrapColumn(out []string, words []colWord, width int, st *themes.Styles) []string {
	var line []colWord
	used := 0
	emit := func() {
		out = append(out, drawColumnLine(line, st))
		line, used = line[:0], 0
	}
	for _, w := range words {
		for w.width > width {
			if len(line) > 0 {
				emit()
			}
			head, rest := cutCells(w.text, width)
			line = append(line, colWord{text: head, width: widthOf(head), look: w.look})
			emit()
			w.text, w.width = rest, widthOf(rest)
		}
		need := w.width
		if len(line) > 0 {
			need++
		}
		if used+need > width && len(line) > 0 {
			emit()
			need = w.width
		}
		line = append(line, w)
		used += need
	}
	if len(line) > 0 {
		emit()
	}
	return out
}

// cutCells splits plain text after at most w cells, taking at least one
// rune so that a wide rune in a narrow column still moves on.
func cutCells(s string, w int) (head, rest string) {
	used := 0
	for i, r := range s {
		rw := widthOf(string(r))
		if used+rw > w && i > 0 {
			return s[:i], s[i:]
		}
		used += rw
	}
	return s, ""
}

// drawColumnLine draws one line of a column: the gutter, then runs of words
// in the look of their sentences.
func drawColumnLine(words []colWord, st *themes.Styles) string {
	var b strings.Builder
	marked := false
	for _, w := range words {
		marked = marked || w.look == lookOnly
	}
	if marked {
		b.WriteString(st.CompareMark.Render("▌"))
		b.WriteString(strings.Repeat(" ", gutterWidth-1))
	} else {
		b.WriteString(strings.Repeat(" ", gutterWidth))
	}
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j].look == words[i].look {
			j++
		}
		run := make([]string, 0, j-i)
		for _, w := range words[i:j] {
			run = append(run, w.text)
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(lookStyle(words[i].look, st).Render(strings.Join(run, " ")))
		i = j
	}
	return b.String()
}

func lookStyle(l sentenceLook, st *themes.Styles) lipgloss.Style {
	switch l {
	case lookOnly:
		return st.CompareUnique
	case lookDimmed:
		return st.CompareShared
	case lookHeading:
		return st.ArticleTitle
	case lookNote:
		return st.Faint
	default:
		return st.Text
	}
}
