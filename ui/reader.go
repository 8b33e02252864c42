package ui

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"

	"parallax/store"
	"parallax/themes"
)

// maxRenderWidth keeps lines of text short enough to read on a wide screen.
const maxRenderWidth = 100

// maxCachedRenders bounds the render cache; past it the cache starts over.
const maxCachedRenders = 256

// renderKey identifies one rendering of an article. A result whose key is
// not the one the reader wants now is stale and is dropped.
type renderKey struct {
	articleID int64
	text      uint64 // a hash of the text, which a feed's correction or the full text changes
	width     int
	theme     string
	dark      bool
}

// readerPane shows one article of a story, rendered by Glamour, under a
// header and a strip of the story's sources.
type readerPane struct {
	ctx          context.Context
	lib          Library
	keys         KeyMap
	styles       *themes.Styles
	theme        themes.Theme
	termDark     bool
	glamourStyle string
	now          func() time.Time
	opener       func(string) error

	width, height int
	focused       bool
	// keepsMarks says what is read is not marked so: the library cannot
	// be changed.
	keepsMarks bool

	story store.Story
	open  bool
	// preview says the story is shown because the list beside the reader
	// has it selected, not because the user opened it: no article of it is
	// marked read, nor its page fetched, until the user does.
	preview  bool
	loading  bool
	err      error
	articles []store.Article
	grouped  []string // by article: why it is in the story (see setArticles)
	cur      int
	want     int64 // the article to show when the story's articles arrive; 0: the first unread

	// missing is the article shown that a reload did not find in its
	// story, while the reader asks where it has gone; rest is what that
	// reload found, shown instead should the article have left the library
	// (its feed removed). No rest: the story went with it.
	missing int64
	rest    []store.Article

	cache   map[renderKey][]string
	asked   renderKey // the render in flight, if any
	shown   renderKey // the key of lines
	lines   []string
	offset  int
	place   textPlace // where in the text offset is, across resizes
	rendErr error
}

func newReaderPane(ctx context.Context, lib Library, keys KeyMap, st *themes.Styles, theme themes.Theme, termDark bool, glamourStyle string, now func() time.Time, opener func(string) error) readerPane {
	return readerPane{
		ctx: ctx, lib: lib, keys: keys, styles: st, theme: theme, termDark: termDark,
		glamourStyle: glamourStyle, now: now, opener: opener,
		cache: map[renderKey][]string{},
	}
}

func (p *readerPane) setSize(w, h int) {
	p.width, p.height = w, h
	p.clampOffset()
}

// setTheme changes the theme or the terminal's background; the caller then
// asks for a render with ensureRender.
func (p *readerPane) setTheme(theme themes.Theme, termDark bool, st *themes.Styles) {
	p.theme, p.termDark, p.styles = theme, termDark, st
}

func (p *readerPane) setLibrary(lib Library) {
	p.lib = lib
	p.close()
	p.cache = map[renderKey][]string{}
}

// close shows no story.
func (p *readerPane) close() {
	p.open, p.loading, p.err, p.preview = false, false, nil, false
	p.setArticles(nil)
	p.story = store.Story{}
	p.missing, p.rest = 0, nil
	p.lines, p.shown, p.asked = nil, renderKey{}, renderKey{}
}

func (p readerPane) current() (store.Article, bool) {
	if !p.open || p.cur < 0 || p.cur >= len(p.articles) {
		return store.Article{}, false
	}
	return p.articles[p.cur], true
}

func (p readerPane) renderWidth() int {
	return min(p.width, maxRenderWidth)
}

// wantKey is the rendering the reader should be showing now, and the
// Markdown it renders.
func (p readerPane) wantKey() (renderKey, string, bool) {
	a, ok := p.current()
	if !ok || p.renderWidth() < 1 {
		return renderKey{}, "", false
	}
	theme := p.theme.Name
	if p.glamourStyle != "" {
		theme = "glamour:" + p.glamourStyle
	}
	md := p.markdown(a)
	return renderKey{articleID: a.ID, text: textHash(md), width: p.renderWidth(), theme: theme, dark: p.theme.IsDark(p.termDark)}, md, true
}

// textHash tells one version of the text the reader renders from
// another.
func textHash(markdown string) uint64 {
	h := fnv.New64a()
	io.WriteString(h, markdown)
	return h.Sum64()
}

func (p readerPane) glamourConfig() ansi.StyleConfig {
	if p.glamourStyle != "" {
		if cfg, ok := styles.DefaultStyles[p.glamourStyle]; ok {
			return *cfg
		}
	}
	return p.theme.Glamour(p.termDark)
}

// ensureRender shows the wanted rendering from the cache, or asks for it.
func (p *readerPane) ensureRender() tea.Cmd {
	want, md, ok := p.wantKey()
	if !ok {
		return nil
	}
	if lines, ok := p.cache[want]; ok {
		p.setLines(want, lines)
		return nil
	}
	if p.asked == want {
		return nil
	}
	p.asked = want
	return render(want, md, p.glamourConfig())
}

func (p *readerPane) setLines(k renderKey, lines []string) {
	switch {
	case p.shown.articleID != k.articleID:
		p.offset, p.place = 0, textPlace{}
	case p.shown.text != k.text:
		p.place = textPlace{}
	case p.shown.width != k.width:
		p.offset = p.place.rewrap(p.lines, p.offset, lines)
	}
	p.shown, p.lines, p.rendErr = k, lines, nil
	p.clampOffset()
}

// markdown is what the reader renders of a, an article of the story open.
func (p readerPane) markdown(a store.Article) string {
	return articleMarkdown(a, p.keys, len(p.articles) > 1)
}

// articleMarkdown is what the reader renders of a: its text, or word that
// its feed gave a headline alone, as feeds of headlines and aggregators do,
// with the keys that open the article's page and, where the story has
// other articles, the overview that lists every one's headline.
func articleMarkdown(a store.Article, keys KeyMap, others bool) string {
	if a.HasText() {
		return a.Text()
	}
	var offers []string
	if a.URL != "" {
		offers = append(offers, keys.Browser.Help().Key+" to read the article on its site")
	}
	if others {
		offers = append(offers, keys.Overview.Help().Key+" for every source's headline")
	}
	if len(offers) == 0 {
		return "*The feed gave only this headline.*"
	}
	return "*The feed gave only this headline. Press " + strings.Join(offers, ", or ") + ".*"
}

// openStory shows a story and asks for its articles.
func (p *readerPane) openStory(s store.Story) tea.Cmd {
	p.story, p.open, p.loading, p.err, p.preview = s, true, true, nil, false
	p.missing, p.rest = 0, nil
	p.setArticles(nil)
	p.cur, p.offset, p.want = 0, 0, 0
	return loadStoryArticles(p.ctx, p.lib, s.ID)
}

// previewStory shows a story the list has selected, without marking it
// read.
func (p *readerPane) previewStory(s store.Story) tea.Cmd {
	cmd := p.openStory(s)
	p.preview = true
	return cmd
}

// read opens a story for reading. The story previewed stays as it is, on
// the article and the line shown, and that article is marked read.
func (p *readerPane) read(s store.Story) tea.Cmd {
	if !p.open || !p.preview || p.story.ID != s.ID {
		return p.openStory(s)
	}
	p.story, p.preview = s, false
	if p.loading {
		return nil // the article chosen is marked read when they arrive
	}
	return p.selectArticle(p.cur)
}

// openArticle shows one article of a story, as the story overview asks: at
// once when the story is open already, else once its articles arrive.
func (p *readerPane) openArticle(s store.Story, articleID int64) tea.Cmd {
	return p.showArticle(s, articleID, false)
}

// showArticle is openArticle, for a preview or not.
func (p *readerPane) showArticle(s store.Story, articleID int64, preview bool) tea.Cmd {
	if p.open && !p.loading && p.err == nil && p.story.ID == s.ID {
		for i, a := range p.articles {
			if a.ID == articleID {
				p.preview = preview
				return p.selectArticle(i)
			}
		}
	}
	cmd := p.openStory(s)
	p.want, p.preview = articleID, preview
	return cmd
}

// selectArticle makes article i current and renders it; unless it is a
// preview, it marks it read and asks for its full text.
func (p *readerPane) selectArticle(i int) tea.Cmd {
	if i < 0 || i >= len(p.articles) {
		return nil
	}
	if i != p.cur {
		p.offset = 0
	}
	p.cur = i
	cmds := []tea.Cmd{p.ensureRender()}
	if p.preview {
		return cmds[0]
	}
	if a := &p.articles[i]; !a.Read && !p.keepsMarks {
		a.Read = true
		cmds = append(cmds, setRead(p.ctx, p.lib, p.story.ID, a.ID, true))
	}
	cmds = append(cmds, requestArticleFullText(p.articles[i]))
	return tea.Batch(cmds...)
}

func (p readerPane) bodyHeight() int {
	return max(p.height-p.headerHeight(), 0)
}

func (p readerPane) headerHeight() int {
	switch {
	case !p.open:
		return 0
	case p.height < 8:
		return min(2, p.height)
	case p.height < 14:
		return 4 + len(p.titleLines())
	}
	return 5 + len(p.titleLines()) // with the line that says why the article is in the story
}

// titleLines is the headline of the article on show as the header gives
// it: on two lines where one does not hold it and the pane has room for
// the header's other lines, else on one.
func (p readerPane) titleLines() []string {
	a, ok := p.current()
	if !ok {
		return []string{truncate(clean(p.story.Title), p.width)}
	}
	if p.height < 8 {
		return []string{truncate(clean(a.Title), p.width)}
	}
	return wrapHeadline(clean(a.Title), p.width)
}

func (p *readerPane) clampOffset() {
	maxOff := max(len(p.lines)-p.bodyHeight(), 0)
	p.offset = min(max(p.offset, 0), maxOff)
}

func (p readerPane) update(msg tea.Msg) (readerPane, tea.Cmd) {
	switch msg := msg.(type) {
	case articleMovedMsg:
		cur, ok := p.current()
		if p.loading || !ok {
			return p, nil
		}
		if p.missing == cur.ID && msg.articleID == cur.ID && errors.Is(msg.err, store.ErrNotFound) {
			return p.withoutMissing()
		}
		if !msg.from(cur, ok, p.story.ID) {
			return p, nil
		}
		return p, p.showArticle(msg.story, msg.articleID, p.preview)
	case storyArticlesMsg:
		if !p.open || msg.storyID != p.story.ID {
			return p, nil
		}
		if !p.loading {
			return p.reloaded(msg)
		}
		p.loading = false
		if msg.err != nil {
			p.err = msg.err
			return p, nil
		}
		p.setArticles(msg.articles)
		first := 0
		for i, a := range p.articles {
			if !a.Read {
				first = i
				break
			}
		}
		for i, a := range p.articles {
			if p.want != 0 && a.ID == p.want {
				first = i
			}
		}
		p.want = 0
		p.cur = -1
		return p, p.selectArticle(first)
	case renderedMsg:
		if msg.key == p.asked {
			p.asked = renderKey{}
		}
		want, _, ok := p.wantKey()
		if !ok || msg.key != want {
			return p, nil
		}
		if msg.err != nil {
			p.rendErr = msg.err
			return p, nil
		}
		if len(p.cache) >= maxCachedRenders {
			p.cache = map[renderKey][]string{}
		}
		p.cache[msg.key] = msg.lines
		p.setLines(msg.key, msg.lines)
		return p, nil
	case tea.MouseWheelMsg, tea.KeyPressMsg:
		// The text scrolls the way a list's cursor moves, a line at a
		// time, a page or to either end.
		if top, ok := listStep(msg, p.keys, p.offset, len(p.lines), p.bodyHeight()); ok {
			p.offset = top
			p.clampOffset()
			return p, nil
		}
		if msg, ok := msg.(tea.KeyPressMsg); ok {
			return p.updateKeys(msg)
		}
	}
	return p, nil
}

// willFollow reports whether msg, the articles of the open story read
// again, no longer holds the article shown: grouping has moved it to
// another story (split it off, or merged its story away), and the reader
// follows it there.
func (p readerPane) willFollow(msg storyArticlesMsg) bool {
	cur, shown := p.current()
	return p.open && !p.loading && shown && msg.storyID == p.story.ID &&
		movedAway(cur.ID, msg.err, func(id int64) bool {
			return slices.ContainsFunc(msg.articles, func(a store.Article) bool { return a.ID == id })
		})
}

// reloaded takes the story's articles again after a refresh, staying on the
// article being read.
func (p readerPane) reloaded(msg storyArticlesMsg) (readerPane, tea.Cmd) {
	cur, _ := p.current()
	if p.willFollow(msg) {
		p.missing, p.rest = cur.ID, msg.articles
		return p, followArticle(p.ctx, p.lib, cur.ID)
	}
	if msg.err != nil || len(msg.articles) == 0 {
		return p, nil
	}
	p.setArticles(msg.articles)
	p.cur = min(max(p.cur, 0), len(p.articles)-1)
	for i, a := range p.articles {
		if a.ID == cur.ID {
			p.cur = i
		}
	}
	return p, p.ensureRender()
}

// withoutMissing shows what is left of the story once the article shown
// has turned out to be gone from the library: the article nearest it, or,
// when the whole story went, no story at all.
func (p readerPane) withoutMissing() (readerPane, tea.Cmd) {
	rest := p.rest
	p.missing, p.rest = 0, nil
	if len(rest) == 0 {
		p.close()
		return p, nil
	}
	next := nearestKept(p.articles, p.cur, rest)
	p.setArticles(rest)
	p.cur = -1
	return p, p.selectArticle(next)
}

// nearestKept is the index in kept of the article of was nearest to was[i],
// which has gone: the first after it that remains, else the last before it.
func nearestKept(was []store.Article, i int, kept []store.Article) int {
	at := func(j int) int {
		return slices.IndexFunc(kept, func(a store.Article) bool { return a.ID == was[j].ID })
	}
	for j := i + 1; j < len(was); j++ {
		if k := at(j); k >= 0 {
			return k
		}
	}
	for j := min(i, len(was)) - 1; j >= 0; j-- {
		if k := at(j); k >= 0 {
			return k
		}
	}
	return 0
}

// reload asks again for the articles of the open story, if any.
func (p readerPane) reload() tea.Cmd {
	if !p.open || p.loading {
		return nil
	}
	return loadStoryArticles(p.ctx, p.lib, p.story.ID)
}

func (p readerPane) updateKeys(msg tea.KeyPressMsg) (readerPane, tea.Cmd) {
	k := p.keys
	switch {
	case key.Matches(msg, k.PrevSource):
		if p.cur > 0 {
			return p, p.selectArticle(p.cur - 1)
		}
	case key.Matches(msg, k.NextSource):
		if p.cur < len(p.articles)-1 {
			return p, p.selectArticle(p.cur + 1)
		}
	case key.Matches(msg, k.MarkUnread):
		if a, ok := p.current(); ok && a.Read {
			p.articles[p.cur].Read = false
			return p, setRead(p.ctx, p.lib, p.story.ID, a.ID, false)
		}
	case key.Matches(msg, k.Browser):
		if a, ok := p.current(); ok {
			return p, openInBrowser(p.opener, a.URL)
		}
	}
	return p, nil
}

// markAll reflects a story marked read or unread in the articles on show.
func (p *readerPane) markAll(storyID int64, read bool) {
	if !p.open || p.story.ID != storyID {
		return
	}
	for i := range p.articles {
		p.articles[i].Read = read
	}
	p.story.Unread = 0
	if !read {
		p.story.Unread = len(p.articles)
	}
}

func (p readerPane) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.Down, k.Up, k.PrevSource, k.NextSource, k.Compare, k.Browser, k.Back, k.Help, k.Quit}
}

func (p readerPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.PrevSource, k.NextSource, k.MarkUnread, k.Browser, k.Save, k.MarkRead, k.Compare, k.Overview},
		{k.Back, k.Focus, k.Filter, k.Refresh, k.Feeds, k.Saved, k.Theme, k.Help, k.Quit},
	}
}

func (p readerPane) view() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	st := p.styles
	if !p.open {
		return st.Faint.Render(truncate("Select a story and press enter to read it.", p.width))
	}
	a, ok := p.current()
	var b strings.Builder
	hh := p.headerHeight()
	switch {
	case p.err != nil:
		b.WriteString(st.ArticleTitle.Render(truncate(clean(p.story.Title), p.width)))
		b.WriteString("\n" + st.Error.Render(truncate(clean(p.err.Error()), p.width)))
		return b.String()
	case p.loading:
		b.WriteString(st.ArticleTitle.Render(truncate(clean(p.story.Title), p.width)))
		b.WriteString("\n" + st.Faint.Render("Loading…"))
		return b.String()
	case !ok:
		b.WriteString(st.ArticleTitle.Render(truncate(clean(p.story.Title), p.width)))
		b.WriteString("\n" + st.Faint.Render(truncate("This story has no articles.", p.width)))
		return b.String()
	}
	var header []string
	for _, l := range p.titleLines() {
		header = append(header, st.ArticleTitle.Render(l))
	}
	if p.height >= 8 {
		header = append(header,
			st.ArticleMeta.Render(truncate(p.metaLine(a), p.width)),
			st.ArticleURL.Render(truncate(clean(a.URL), p.width)),
		)
	}
	if p.height >= 14 {
		header = append(header, st.Faint.Render(truncate(p.grouped[p.cur], p.width)))
	}
	header = append(header, p.sourceStrip())
	if p.height >= 8 {
		header = append(header, st.Rule.Render(strings.Repeat("─", p.width)))
	}
	b.WriteString(strings.Join(header[:min(len(header), hh)], "\n"))

	bh := max(p.height-hh, 0) // bodyHeight, without wrapping the headline again
	if bh == 0 {
		return b.String()
	}
	// Only the article matters here: hashing its text for the whole
	// render key is work for when a render is asked for, not every frame.
	switch {
	case p.rendErr != nil && p.shown.articleID != a.ID:
		b.WriteString("\n" + st.Error.Render(truncate(clean(p.rendErr.Error()), p.width)))
	case p.shown.articleID != a.ID || p.lines == nil:
		b.WriteString("\n" + st.Faint.Render("Rendering…"))
	default:
		end := min(p.offset+bh, len(p.lines))
		for _, l := range p.lines[p.offset:end] {
			b.WriteByte('\n')
			b.WriteString(l)
		}
	}
	return b.String()
}

// setArticles shows the articles of the story, with why each is in it,
// worked out once here rather than in every View: the evidence of one that
// joined, "started this story" for the one grouping began a story of
// several with, and nothing for a story's only article. That one is not
// always the first report: a fetch may bring an earlier one later. Where
// stories found to be one have merged, each had an article that joined
// none, and which of them began the story the others joined is not kept;
// where no article says why it joined, nothing is known to tell.
func (p *readerPane) setArticles(arts []store.Article) {
	p.articles = arts
	p.grouped = store.Groupings(arts)
	starters := 0
	for _, why := range p.grouped {
		if why == "" {
			starters++
		}
	}
	for i, why := range p.grouped {
		switch {
		case why != "":
			p.grouped[i] = "grouped: " + clean(why)
		case len(arts) < 2 || starters == len(arts):
		case starters == 1:
			p.grouped[i] = "started this story"
		default:
			p.grouped[i] = "started one of the stories merged into this one"
		}
	}
}

func (p readerPane) metaLine(a store.Article) string {
	parts := []string{clean(a.Source)}
	if author := clean(a.Author); author != "" {
		parts = append(parts, "by "+author)
	}
	if !a.Published.IsZero() {
		parts = append(parts, dateAndAge(p.now(), a.Published))
	}
	return strings.Join(parts, " · ")
}

// maxSourceWidth is the most of an outlet's name the source strip shows
// when the names do not all fit.
const maxSourceWidth = 24

// sourceStrip lists the story's articles by source with the current one
// highlighted; when they do not fit, it shows those around the current one.
func (p readerPane) sourceStrip() string {
	st := p.styles
	if len(p.articles) == 0 {
		return ""
	}
	lead := fmt.Sprintf("%d/%d ", p.cur+1, len(p.articles))
	avail := p.width - widthOf(lead)
	// Names in full when they all fit; else each cut short, so that more
	// of them show around the current one.
	names := make([]string, len(p.articles))
	whole := -1
	for i, a := range p.articles {
		n := clean(a.Source)
		if n == "" {
			n = "?"
		}
		names[i] = " " + n + " "
		whole += widthOf(names[i]) + 1
	}
	if whole > avail {
		for i, n := range names {
			names[i] = cutSourceName(n, maxSourceWidth+2)
		}
	}
	names[p.cur] = cutSourceName(names[p.cur], avail-marksAround(p.cur, len(names)))
	lo, hi := p.cur, p.cur+1
	used := widthOf(names[p.cur])
	for {
		grew := false
		if hi < len(names) && used+widthOf(names[hi])+1 <= avail-2 {
			used += widthOf(names[hi]) + 1
			hi++
			grew = true
		}
		if lo > 0 && used+widthOf(names[lo-1])+1 <= avail-2 {
			used += widthOf(names[lo-1]) + 1
			lo--
			grew = true
		}
		if !grew {
			break
		}
	}
	var b strings.Builder
	b.WriteString(st.Faint.Render(lead))
	if lo > 0 {
		b.WriteString(st.Faint.Render("…"))
	}
	for i := lo; i < hi; i++ {
		if i > lo {
			b.WriteByte(' ')
		}
		if i == p.cur {
			b.WriteString(st.SourceCurrent.Render(names[i]))
		} else {
			b.WriteString(st.Source.Render(names[i]))
		}
	}
	if hi < len(names) {
		b.WriteString(st.Faint.Render("…"))
	}
	return b.String()
}

// marksAround counts the ellipses the source strip draws beside the name
// of article cur of n: one on each side that has names before or after it.
func marksAround(cur, n int) int {
	marks := 0
	if cur > 0 {
		marks++
	}
	if cur < n-1 {
		marks++
	}
	return marks
}

// cutSourceName fits a name of the source strip, padded with a space
// either side, into w columns. A name too wide is cut with an ellipsis
// here, rather than at the screen's edge with no mark that it was.
func cutSourceName(padded string, w int) string {
	if widthOf(padded) <= w {
		return padded
	}
	name := padded[1 : len(padded)-1]
	if w < 3 {
		return truncate(name, w)
	}
	return " " + truncate(name, w-2) + " "
}
