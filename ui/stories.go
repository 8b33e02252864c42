package ui

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"parallax/store"
	"parallax/themes"
)

const (
	defaultPageSize = 200
	// loadAhead is how close to the end of what is loaded the cursor may come
	// before the next page is asked for.
	loadAhead = 50
	// filterPageSize is the page size used to bring in the rest of the list
	// while a filter is on, so that the filter sees every story soon.
	filterPageSize = 2000
)

// storyRow is a story as the list shows it, with its text made safe once.
type storyRow struct {
	story   store.Story
	title   string
	sources string
	hay     string // lower-cased title and sources, and headlines once asked for, for the filter
	// headlined says the row's headlines are in hay, or have been asked for.
	headlined bool
	drawn     *rowMemo // the row as last drawn unselected, shared by copies
}

// rowMemo remembers a drawn row and what it was drawn from, so that moving
// the selection redraws two rows rather than the whole screen's worth.
type rowMemo struct {
	key  rowKey
	line string
}

type rowKey struct {
	width   int
	styles  *themes.Styles
	unread  bool
	saved   bool
	age     string
	focused bool
}

func newRow(s store.Story) storyRow {
	title := clean(s.Title)
	if title == "" {
		title = "(untitled)"
	}
	srcs := make([]string, len(s.Sources))
	for i, src := range s.Sources {
		srcs[i] = clean(src)
	}
	joined := strings.Join(srcs, ", ")
	return storyRow{story: s, title: title, sources: joined, hay: strings.ToLower(title + "\n" + joined), drawn: &rowMemo{}}
}

// storiesPane is the story list: newest-updated first, read in pages,
// narrowed by a filter as the user types.
type storiesPane struct {
	ctx      context.Context
	lib      Library
	keys     KeyMap
	styles   *themes.Styles
	now      func() time.Time
	pageSize int

	width, height int
	focused       bool

	rows    []storyRow
	gen     int  // generation of rows; pages of another generation are dropped
	wantGen int  // generation of the newest reload asked for
	more    bool // the last page was full: there may be more
	loading bool // a page is on its way
	loaded  bool // the first page has arrived
	toEnd   bool // the user asked for the bottom of the list: follow it as pages come
	err     error
	// total is how many stories the library holds, counted for the list
	// of generation totalGen, once its first page shows there are more.
	total    int
	totalGen int

	visible []int // indices into rows that pass the filter
	cursor  int   // index into view
	top     int   // first row of view on screen
	// chosen is the story the user last moved the cursor to, or kept
	// selected with a filter. A filter being typed that hides it moves
	// the cursor to another story by accident; when it passes again, the
	// cursor goes back to it. 0: none yet.
	chosen int64

	input     textinput.Model
	filtering bool   // the filter prompt has the keyboard
	filter    string // the filter in force
	matched   *matchCache
	inText    *textMatches
	pending   *storiesLoadedMsg
}

// textMatches holds, for the rows of generation gen, the stories whose
// articles' text holds each filter typed over them (see findInText); a
// filter asked about and not yet answered has a nil set. It is shared by
// copies of the pane.
type textMatches struct {
	gen      int
	byNeedle map[string]map[int64]bool
}

// minTextNeedle is the fewest letters a filter needs before the articles'
// text is searched for it: one or two letters start most words of every
// story.
const minTextNeedle = 3

// needle is the filter as the list matches it: in lower case, and empty
// when it is only spaces.
func (p storiesPane) needle() string {
	if strings.TrimSpace(p.filter) == "" {
		return ""
	}
	return strings.ToLower(p.filter)
}

// askText asks which stories hold the filter in their articles' text,
// unless it has been asked for the rows shown, so that the filter finds a
// story by what its articles say as well as by its headlines and sources.
func (p *storiesPane) askText() tea.Cmd {
	needle := p.needle()
	if len([]rune(strings.TrimSpace(needle))) < minTextNeedle {
		return nil
	}
	t := p.inText
	if t == nil || t.gen != p.gen || len(t.byNeedle) >= maxCachedFilters {
		t = &textMatches{gen: p.gen, byNeedle: map[string]map[int64]bool{}}
		p.inText = t
	}
	if _, asked := t.byNeedle[needle]; asked {
		return nil
	}
	t.byNeedle[needle] = nil
	return findInText(p.ctx, p.lib, p.gen, needle)
}

// addText takes in the stories whose text holds a filter, and filters
// again when it is the filter in force.
func (p *storiesPane) addText(msg textMatchesMsg) {
	t := p.inText
	if msg.err != nil || t == nil || msg.gen != p.gen || t.gen != p.gen {
		return
	}
	set := make(map[int64]bool, len(msg.ids))
	for _, id := range msg.ids {
		set[id] = true
	}
	t.byNeedle[msg.needle] = set
	if msg.needle == p.needle() {
		p.matched = nil
		p.refilter()
	}
}

// inTextOf is the set of stories whose text holds needle, or nil when not
// known.
func (p *storiesPane) inTextOf(needle string) map[int64]bool {
	if p.inText == nil || p.inText.gen != p.gen {
		return nil
	}
	return p.inText.byNeedle[needle]
}

// maxCachedFilters bounds the filter results kept for one list.
const maxCachedFilters = 64

// matchCache keeps the rows that matched each filter typed over one list,
// so that backspace is instant and typing on only looks at what matched
// the shorter filter. It is shared by copies of the pane and is only ever
// added to; a new list starts a new cache.
type matchCache struct {
	rows, gen int
	byNeedle  map[string][]int
}

// matches returns the indices of the rows whose title, headlines or
// sources contain every word of needle, in any order, or whose articles'
// text holds it (all rows for an empty needle). The slice must not be
// changed. A row whose headlines or sources match needle matches each of
// its prefixes too, which is what lets typing on search only the rows the
// shorter filter kept; what the text matches is looked up whole.
func (p *storiesPane) matches(needle string) []int {
	c := p.matched
	if c == nil || c.rows != len(p.rows) || c.gen != p.gen || len(c.byNeedle) >= maxCachedFilters {
		c = &matchCache{rows: len(p.rows), gen: p.gen, byNeedle: map[string][]int{}}
		p.matched = c
	}
	if v, ok := c.byNeedle[needle]; ok {
		return v
	}
	var out []int
	words := strings.Fields(needle)
	inText := p.inTextOf(needle)
	if inText != nil {
		for i := range p.rows {
			if inText[p.rows[i].story.ID] || containsAll(p.rows[i].hay, words) {
				out = append(out, i)
			}
		}
	} else if needle == "" {
		out = make([]int, len(p.rows))
		for i := range out {
			out[i] = i
		}
	} else {
		var from []int
		for k := len(needle) - 1; k > 0 && from == nil; k-- {
			from = c.byNeedle[needle[:k]]
		}
		if from == nil {
			out = make([]int, 0, len(p.rows)/4)
			for i := range p.rows {
				if containsAll(p.rows[i].hay, words) {
					out = append(out, i)
				}
			}
		} else {
			out = make([]int, 0, len(from))
			for _, i := range from {
				if containsAll(p.rows[i].hay, words) {
					out = append(out, i)
				}
			}
		}
	}
	c.byNeedle[needle] = out
	return out
}

// askHeadlines asks for the headlines of the rows that lack them, as rows
// arrive or the filter opens, while a filter is typed or kept: the filter
// finds a story by any of its headlines, not only the one chosen as its
// title, which may change as the story grows. A list that is never
// filtered never reads them.
func (p *storiesPane) askHeadlines() tea.Cmd {
	if !p.filtering && p.filter == "" {
		return nil
	}
	var ids []int64
	for i := range p.rows {
		if !p.rows[i].headlined {
			p.rows[i].headlined = true
			ids = append(ids, p.rows[i].story.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return loadHeadlines(p.ctx, p.lib, p.gen, ids)
}

// addHeadlines puts the headlines of msg into the rows' hay and filters
// again. Headlines asked for rows since replaced are dropped: the new rows
// have asked for their own, which would go into the hay a second time.
func (p *storiesPane) addHeadlines(msg headlinesLoadedMsg) {
	if msg.err != nil || len(msg.byStory) == 0 || msg.gen != p.gen {
		return
	}
	for i := range p.rows {
		r := &p.rows[i]
		hs, ok := msg.byStory[r.story.ID]
		if !ok {
			continue
		}
		r.headlined = true
		var more strings.Builder
		for _, h := range hs {
			if h != r.story.Title {
				more.WriteString("\n" + strings.ToLower(clean(h)))
			}
		}
		r.hay += more.String()
	}
	p.matched = nil
	p.refilter()
}

// containsAll reports whether s contains every one of words.
func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !containsWordStart(s, w) {
			return false
		}
	}
	return true
}

// containsWordStart reports whether w occurs in s at the start of a word,
// as "river" starts "riverside" but not "drivers", or anywhere when it
// opens with a character of a script written without spaces (Chinese,
// Japanese, Thai) or with no letter or digit at all.
func containsWordStart(s, w string) bool {
	first, size := utf8.DecodeRuneInString(w)
	anywhere := !unicode.IsLetter(first) && !unicode.IsDigit(first) ||
		unicode.In(first, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai)
	for off := 0; off <= len(s); {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if anywhere || i == 0 || !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
			return true
		}
		off = i + size
	}
	return false
}

func newStoriesPane(ctx context.Context, lib Library, keys KeyMap, st *themes.Styles, now func() time.Time, pageSize int) storiesPane {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter by headline, source or text"
	in.SetStyles(st.Input)
	return storiesPane{ctx: ctx, lib: lib, keys: keys, styles: st, now: now, pageSize: pageSize, input: in, focused: true}
}

func (p *storiesPane) setSize(w, h int) {
	p.width, p.height = w, h
	p.input.SetWidth(max(w-3, 1))
	p.clamp()
}

func (p *storiesPane) setStyles(st *themes.Styles) {
	p.styles = st
	p.input.SetStyles(st.Input)
}

// listHeight is how many rows fit under the pane's title line.
func (p storiesPane) listHeight() int {
	return max(p.height-1, 0)
}

// reload asks for the list again from the top, as many stories as are
// loaded now, so that the selection and the place in the list survive.
func (p *storiesPane) reload() tea.Cmd {
	p.wantGen++
	limit := max(len(p.rows)+p.pageSize, p.pageSize)
	return loadStories(p.ctx, p.lib, p.wantGen, 0, limit)
}

func (p *storiesPane) loadMore() tea.Cmd {
	if p.loading || !p.more || p.pending != nil {
		return nil
	}
	size := p.pageSize
	if p.filter != "" || p.filtering || p.toEnd {
		size = max(size, filterPageSize)
	}
	p.loading = true
	return loadStories(p.ctx, p.lib, p.gen, len(p.rows), size)
}

// maybeLoadMore asks for the next page when the cursor nears the end of what
// is loaded, or when a filter needs the rest of the list.
func (p *storiesPane) maybeLoadMore() tea.Cmd {
	if !p.more {
		return nil
	}
	if p.filter != "" || p.filtering || p.cursor >= len(p.visible)-loadAhead {
		return p.loadMore()
	}
	return nil
}

// applyLoaded applies a page or a reload. A reload that arrives while the user is
// typing a filter waits until they are done, so the list does not jump
// under their fingers.
func (p storiesPane) applyLoaded(msg storiesLoadedMsg) (storiesPane, tea.Cmd) {
	if msg.offset != 0 {
		if msg.gen != p.gen || msg.offset != len(p.rows) {
			return p, nil
		}
		p.loading = false
		if msg.err != nil {
			p.err = msg.err
			return p, nil
		}
		p.more = msg.limit > 0 && len(msg.stories) >= msg.limit
		for _, s := range msg.stories {
			p.rows = append(p.rows, newRow(s))
		}
		p.refilter()
		if p.toEnd {
			p.moveTo(len(p.visible) - 1)
			p.toEnd = p.more
		}
		return p, tea.Batch(p.maybeLoadMore(), p.askHeadlines())
	}
	if msg.gen < p.gen || (p.pending != nil && msg.gen < p.pending.gen) {
		return p, nil
	}
	if p.filtering && p.loaded {
		p.pending = &msg
		return p, nil
	}
	return p.replace(msg)
}

func (p storiesPane) replace(msg storiesLoadedMsg) (storiesPane, tea.Cmd) {
	p.pending = nil
	p.loading = false
	if msg.err != nil {
		p.err = msg.err
		p.loaded = true
		return p, nil
	}
	p.err = nil
	selected, hadSel := p.selectedID()
	screenRow := p.cursor - p.top
	p.gen = msg.gen
	p.loaded = true
	p.more = msg.limit > 0 && len(msg.stories) >= msg.limit
	p.rows = make([]storyRow, len(msg.stories))
	for i, s := range msg.stories {
		p.rows[i] = newRow(s)
	}
	p.visible = nil
	p.refilterKeeping(selected, hadSel)
	if hadSel && p.indexOf(selected) >= 0 {
		p.top = max(p.cursor-screenRow, 0)
	}
	p.clamp()
	var count tea.Cmd
	if p.more {
		// The title gives the library's stories, not the pages read so
		// far: counting them is a query of its own, asked for only when
		// the first page does not hold them all, after it is on screen.
		count = countStories(p.ctx, p.lib, p.gen)
	}
	return p, tea.Batch(p.maybeLoadMore(), p.askHeadlines(), p.askText(), count)
}

// refilter recomputes which rows pass the filter, keeping the cursor on the
// same story when it still passes.
func (p *storiesPane) refilter() {
	p.refilterKeeping(p.selectedID())
}

// refilterKeeping recomputes the filtered view and puts the cursor on the
// story id when it passes; rows may have been replaced since id was read.
func (p *storiesPane) refilterKeeping(selected int64, hadSel bool) {
	p.visible = p.matches(p.needle())

	if i := p.indexOf(p.chosen); p.chosen != 0 && i >= 0 {
		p.cursor = i
	} else if i := p.indexOf(selected); hadSel && i >= 0 {
		p.cursor = i
	}
	p.clamp()
}

// choose notes the story under the cursor as the one the user chose.
func (p *storiesPane) choose() {
	p.chosen, _ = p.selectedID()
}

func (p storiesPane) indexOf(id int64) int {
	for i, r := range p.visible {
		if p.rows[r].story.ID == id {
			return i
		}
	}
	return -1
}

func (p storiesPane) selectedID() (int64, bool) {
	s, ok := p.selected()
	return s.ID, ok
}

func (p storiesPane) selected() (store.Story, bool) {
	if p.cursor < 0 || p.cursor >= len(p.visible) {
		return store.Story{}, false
	}
	return p.rows[p.visible[p.cursor]].story, true
}

// rowAt is the index in the list shown of the story drawn on line y of
// the pane, under its title or the filter's prompt.
func (p storiesPane) rowAt(y int) (int, bool) {
	return rowOnLine(y, p.top, len(p.visible), p.listHeight())
}

// clamp keeps the cursor on a row and that row in view.
func (p *storiesPane) clamp() {
	p.cursor, p.top = windowTop(p.cursor, p.top, len(p.visible), p.listHeight())
}

// updateStory changes a story in the list in place (read state, saved).
func (p *storiesPane) updateStory(id int64, fn func(*store.Story)) {
	for i := range p.rows {
		if p.rows[i].story.ID == id {
			fn(&p.rows[i].story)
			return
		}
	}
}

func (p *storiesPane) setLibrary(lib Library) {
	p.lib = lib
	p.rows, p.visible = nil, nil
	p.cursor, p.top = 0, 0
	p.loaded, p.more, p.loading = false, false, false
	p.pending = nil
}

// typing says whether the filter prompt has the keyboard.
func (p storiesPane) typing() bool { return p.filtering }

func (p storiesPane) update(msg tea.Msg) (storiesPane, tea.Cmd) {
	switch msg := msg.(type) {
	case storiesLoadedMsg:
		return p.applyLoaded(msg)
	case headlinesLoadedMsg:
		p.addHeadlines(msg)
		return p, nil
	case textMatchesMsg:
		p.addText(msg)
		return p, nil
	case storiesCountedMsg:
		if msg.err == nil && msg.gen >= p.totalGen {
			p.total, p.totalGen = msg.n, msg.gen
		}
		return p, nil
	case tea.KeyPressMsg:
		if p.filtering {
			return p.updateFilter(msg)
		}
		return p.updateKeys(msg)
	case tea.MouseWheelMsg:
		if c, ok := listStep(msg, p.keys, p.cursor, len(p.visible), p.listHeight()); ok {
			p.moveTo(c)
			p.toEnd = false
		}
		return p, p.maybeLoadMore()
	case tea.PasteMsg:
		if p.filtering {
			var cmd tea.Cmd
			p.input, cmd = p.input.Update(msg)
			p.filter = p.input.Value()
			p.refilter()
			return p, tea.Batch(cmd, p.maybeLoadMore(), p.askText())
		}
	}
	return p, nil
}

// moveTo puts the cursor on row c of the list, or the nearest there is,
// as the user's choice.
func (p *storiesPane) moveTo(c int) {
	p.cursor = c
	p.clamp()
	p.choose()
}

func (p storiesPane) updateKeys(msg tea.KeyPressMsg) (storiesPane, tea.Cmd) {
	k := p.keys
	if c, ok := listStep(msg, k, p.cursor, len(p.visible), p.listHeight()); ok {
		p.moveTo(c)
		// The bottom is the last story, not the last one read so far.
		p.toEnd = p.more && key.Matches(msg, k.Bottom)
		return p, p.maybeLoadMore()
	}
	switch {
	case key.Matches(msg, k.Filter):
		p.filtering = true
		p.input.SetValue(p.filter)
		p.input.CursorEnd()
		return p, tea.Batch(p.input.Focus(), p.maybeLoadMore(), p.askHeadlines())
	case key.Matches(msg, k.Back):
		if p.filter != "" {
			// The story selected in the filtered list is the one the
			// user is on, whether or not they moved to it: it stays
			// selected in the whole list.
			if _, ok := p.selected(); ok {
				p.choose()
			}
			p.filter = ""
			p.refilter()
		}
		return p, nil
	case key.Matches(msg, k.Open):
		if s, ok := p.selected(); ok {
			return p, func() tea.Msg { return openStoryMsg{story: s} }
		}
	}
	return p, nil
}

// updateFilter handles keys while the filter prompt is open: enter keeps
// the filter, esc clears it, anything else edits it.
func (p storiesPane) updateFilter(msg tea.KeyPressMsg) (storiesPane, tea.Cmd) {
	switch {
	case key.Matches(msg, p.keys.Accept):
		return p.keepFilter()
	case key.Matches(msg, p.keys.Cancel):
		p.filtering = false
		p.input.Blur()
		p.input.SetValue("")
		p.filter = ""
		p.refilter()
		return p.afterFilter()
	case msg.Code == tea.KeyUp:
		p.moveTo(p.cursor - 1)
		return p, nil
	case msg.Code == tea.KeyDown:
		p.moveTo(p.cursor + 1)
		return p, nil
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if v := p.input.Value(); v != p.filter {
		p.filter = v
		p.refilter()
	}
	return p, tea.Batch(cmd, p.maybeLoadMore(), p.askText())
}

// keepFilter closes the filter's prompt, keeping the filter typed.
func (p storiesPane) keepFilter() (storiesPane, tea.Cmd) {
	p.filtering = false
	p.input.Blur()
	p.filter = p.input.Value()
	if strings.TrimSpace(p.filter) == "" {
		p.filter = "" // spaces alone filter nothing
		p.input.SetValue("")
	}
	// A filter kept makes the story it selects the user's choice, which
	// clearing the filter, or cancelling one typed over it, goes back to.
	if _, ok := p.selected(); ok && p.filter != "" {
		p.choose()
	}
	return p.afterFilter()
}

// afterFilter applies a reload that waited for the filter prompt to close.
func (p storiesPane) afterFilter() (storiesPane, tea.Cmd) {
	if p.pending != nil {
		msg := *p.pending
		return p.replace(msg)
	}
	return p, p.maybeLoadMore()
}

func (p storiesPane) ShortHelp() []key.Binding {
	k := p.keys
	if p.filtering {
		return []key.Binding{described(k.Accept, "keep filter"), described(k.Cancel, "clear filter")}
	}
	return []key.Binding{k.Down, k.Up, k.Open, k.Compare, k.Filter, k.Refresh, k.Help, k.Quit}
}

func (p storiesPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Open, k.Filter, k.Back, k.Save, k.MarkRead, described(k.MarkUnread, "mark story unread"), k.Compare, k.Overview},
		{k.Browser, k.Focus, k.Refresh, k.Feeds, k.Saved, k.Theme, k.Help, k.Quit},
	}
}

func (p storiesPane) title() string {
	switch {
	case !p.loaded:
		return "Stories"
	case p.filter != "" || p.filtering:
		n := len(p.visible)
		s := "Stories · " + plural(n, "match", "matches")
		if p.more {
			s += " so far"
		}
		return s
	case p.more && p.totalGen == p.gen:
		// The library may have grown since the count.
		return "Stories · " + plural(max(p.total, len(p.rows)), "story", "stories")
	case p.more:
		return "Stories · " + plural(len(p.rows), "story", "stories") + "+"
	default:
		return "Stories · " + plural(len(p.rows), "story", "stories")
	}
}

func (p storiesPane) view() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	st := p.styles
	var b strings.Builder
	if p.filtering {
		b.WriteString(p.input.View())
	} else {
		t := st.PaneTitleBlurred
		if p.focused {
			t = st.PaneTitle
		}
		head := truncate(p.title(), p.width)
		if p.filter != "" {
			head = truncate(p.title()+" · /"+clean(p.filter), p.width)
		}
		b.WriteString(t.Render(head))
	}
	h := p.listHeight()
	// An error matters only while there is nothing to show instead.
	var err error
	if len(p.rows) == 0 {
		err = p.err
	}
	empty := "No stories yet. Press " + p.keys.Refresh.Help().Key + " to refresh, " + p.keys.Feeds.Help().Key + " for feeds."
	if p.filter != "" {
		empty = "No story matches."
	}
	if notice := listNotice(st, p.width, p.loaded, err, len(p.visible), empty); notice != "" {
		return b.String() + "\n" + notice
	}
	now := p.now()
	end := min(p.top+h, len(p.visible))
	for i := p.top; i < end; i++ {
		b.WriteByte('\n')
		b.WriteString(p.rowView(p.rows[p.visible[i]], i == p.cursor, now))
	}
	return b.String()
}

// rowView draws one story: unread and saved marks, title, how many sources,
// how long ago. A story with one source is drawn dimmer than the rest.
func (p storiesPane) rowView(r storyRow, selected bool, now time.Time) string {
	s := r.story
	age := ago(now, s.Updated)
	if selected {
		return p.drawRow(r, true, age)
	}
	k := rowKey{width: p.width, styles: p.styles, unread: s.Unread > 0, saved: s.Saved, age: age, focused: p.focused}
	if r.drawn != nil && r.drawn.key == k {
		return r.drawn.line
	}
	line := p.drawRow(r, false, age)
	if r.drawn != nil {
		*r.drawn = rowMemo{key: k, line: line}
	}
	return line
}

func (p storiesPane) drawRow(r storyRow, selected bool, age string) string {
	st := p.styles
	s := r.story
	w := p.width
	unread, saved := " ", " "
	if s.Unread > 0 {
		unread = "●"
	}
	if s.Saved {
		saved = "★"
	}
	n := len(s.Sources)
	if n == 0 && s.Count > 0 {
		n = 1
	}
	meta := ""
	switch {
	case w >= 50:
		meta = plural(n, "source", "sources") + "  " + padLeft(age, 5)
	case w >= 34:
		meta = plural(n, "source", "sources") + " " + padLeft(age, 3)
	case w >= 24:
		meta = padLeft(age, 5)
	}
	titleW := w - 4 - len(meta)
	if meta != "" {
		titleW--
	}
	title := truncate(r.title, titleW)
	gap := strings.Repeat(" ", max(titleW-widthOf(title), 0))
	dim := n <= 1
	if selected {
		line := "▌" + unread + saved + " " + title + gap
		if meta != "" {
			line += " " + meta
		}
		rs := st.RowSelected
		switch {
		case !p.focused:
			rs = st.RowSelectedBlurred
		case dim:
			rs = st.RowSelectedDim
		}
		return rs.Render(fitLine(line, w))
	}
	ts := st.Row
	if dim {
		ts = st.RowDim
	}
	line := " " + st.UnreadMark.Render(unread) + st.SavedMark.Render(saved) + " " + ts.Render(title) + gap
	if meta != "" {
		ms := st.RowMeta
		if dim {
			ms = st.RowDim
		}
		line += " " + ms.Render(meta)
	}
	return line
}

func padLeft(s string, w int) string {
	if n := widthOf(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}
