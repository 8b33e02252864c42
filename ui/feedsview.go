package ui

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"parallax/store"
	"parallax/themes"
)

type feedsMode int

const (
	feedsBrowse feedsMode = iota
	feedsAdding
	feedsConfirm
)

// feedsPane is the feeds screen: every subscription and its health, with
// adding, removing and refreshing one feed.
type feedsPane struct {
	ctx      context.Context
	lib      Library
	keys     KeyMap
	styles   *themes.Styles
	now      func() time.Time
	discover func(context.Context, string) (store.Feed, error)

	width, height int

	feeds  []store.Feed
	loaded bool
	err    error
	cursor int
	top    int
	mode   feedsMode
	input  textinput.Model
	busy   string // what is being done right now, for the header
}

func newFeedsPane(ctx context.Context, lib Library, keys KeyMap, st *themes.Styles, now func() time.Time, discover func(context.Context, string) (store.Feed, error)) feedsPane {
	in := textinput.New()
	in.Prompt = "add: "
	in.Placeholder = "feed or page URL"
	in.SetStyles(st.Input)
	return feedsPane{ctx: ctx, lib: lib, keys: keys, styles: st, now: now, discover: discover, input: in}
}

func (p *feedsPane) setSize(w, h int) {
	p.width, p.height = w, h
	p.input.SetWidth(max(w-len(p.input.Prompt)-1, 1))
	p.scrollIntoView()
}

func (p *feedsPane) setStyles(st *themes.Styles) {
	p.styles = st
	p.input.SetStyles(st.Input)
}

// typing says whether a prompt has the keyboard.
func (p feedsPane) typing() bool { return p.mode != feedsBrowse }

func (p feedsPane) selected() (store.Feed, bool) {
	if p.cursor < 0 || p.cursor >= len(p.feeds) {
		return store.Feed{}, false
	}
	return p.feeds[p.cursor], true
}

// listHeight is the rows left for feeds under the title, above the detail
// lines of the selected feed.
func (p feedsPane) listHeight() int {
	return max(p.height-1-p.detailHeight(), 0)
}

func (p feedsPane) detailHeight() int {
	if p.height >= 10 {
		return 4
	}
	return 0
}

func (p *feedsPane) scrollIntoView() {
	p.cursor, p.top = windowTop(p.cursor, p.top, len(p.feeds), p.listHeight())
}

func (p feedsPane) update(msg tea.Msg) (feedsPane, tea.Cmd) {
	switch msg := msg.(type) {
	case feedsLoadedMsg:
		p.loaded = true
		p.err = msg.err
		if msg.err == nil {
			sel, ok := p.selected()
			p.feeds = msg.feeds
			if ok {
				for i, f := range p.feeds {
					if f.URL == sel.URL {
						p.cursor = i
					}
				}
			}
			p.scrollIntoView()
		}
		return p, nil
	case tea.PasteMsg:
		if p.mode == feedsAdding {
			var cmd tea.Cmd
			p.input, cmd = p.input.Update(msg)
			return p, cmd
		}
	case tea.KeyPressMsg:
		switch p.mode {
		case feedsAdding:
			return p.updateAdding(msg)
		case feedsConfirm:
			return p.updateConfirm(msg)
		}
		return p.updateKeys(msg)
	case tea.MouseWheelMsg:
		if p.mode == feedsConfirm {
			break // the question is about the feed it was asked on
		}
		p.cursor, _ = listStep(msg, p.keys, p.cursor, len(p.feeds), p.listHeight())
		p.scrollIntoView()
	}
	return p, nil
}

func (p feedsPane) updateKeys(msg tea.KeyPressMsg) (feedsPane, tea.Cmd) {
	k := p.keys
	if c, ok := listStep(msg, k, p.cursor, len(p.feeds), p.listHeight()); ok {
		p.cursor = c
		p.scrollIntoView()
		return p, nil
	}
	switch {
	case key.Matches(msg, k.AddFeed):
		p.mode = feedsAdding
		p.input.SetValue("")
		return p, p.input.Focus()
	case key.Matches(msg, k.RemoveFeed):
		if _, ok := p.selected(); ok {
			p.mode = feedsConfirm
		}
	case key.Matches(msg, k.RefreshFeed):
		if f, ok := p.selected(); ok {
			return p, func() tea.Msg { return refreshFeedsMsg{urls: []string{f.URL}} }
		}
	}
	return p, nil
}

func (p feedsPane) updateAdding(msg tea.KeyPressMsg) (feedsPane, tea.Cmd) {
	switch {
	case key.Matches(msg, p.keys.Accept):
		v := strings.TrimSpace(p.input.Value())
		p.mode = feedsBrowse
		p.input.Blur()
		if v == "" {
			return p, nil
		}
		p.busy = "adding " + clean(v) + "…"
		return p, addFeed(p.ctx, p.lib, p.discover, v)
	case key.Matches(msg, p.keys.Cancel):
		p.mode = feedsBrowse
		p.input.Blur()
		return p, nil
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return p, cmd
}

func (p feedsPane) updateConfirm(msg tea.KeyPressMsg) (feedsPane, tea.Cmd) {
	switch {
	case key.Matches(msg, p.keys.Yes):
		p.mode = feedsBrowse
		if f, ok := p.selected(); ok {
			p.busy = "removing " + clean(f.URL) + "…"
			return p, removeFeed(p.ctx, p.lib, f.URL)
		}
	case key.Matches(msg, p.keys.No):
		p.mode = feedsBrowse
	}
	return p, nil
}

func (p feedsPane) ShortHelp() []key.Binding {
	k := p.keys
	switch p.mode {
	case feedsAdding:
		return []key.Binding{described(k.Accept, "subscribe"), k.Cancel}
	case feedsConfirm:
		return []key.Binding{k.Yes, k.No}
	}
	return []key.Binding{k.Down, k.Up, k.AddFeed, k.RemoveFeed, k.RefreshFeed, k.Refresh, k.Back, k.Help}
}

func (p feedsPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.AddFeed, k.RemoveFeed, k.RefreshFeed, k.Refresh},
		{k.Back, k.Theme, k.Help, k.Quit},
	}
}

func (p feedsPane) view() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	st := p.styles
	var b strings.Builder
	switch p.mode {
	case feedsAdding:
		b.WriteString(p.input.View())
	case feedsConfirm:
		f, _ := p.selected()
		b.WriteString(st.Confirm.Render(truncate("Remove "+clean(feedName(f))+"? (y/n)", p.width)))
	default:
		head := "Feeds · " + plural(len(p.feeds), "feed", "feeds")
		if p.busy != "" {
			head += " · " + p.busy
		}
		b.WriteString(st.PaneTitle.Render(truncate(head, p.width)))
	}
	if notice := listNotice(st, p.width, p.loaded, p.err, len(p.feeds), "No feeds. Press "+p.keys.AddFeed.Help().Key+" to add one."); notice != "" {
		return b.String() + "\n" + notice
	}
	now := p.now()
	h := p.listHeight()
	end := min(p.top+h, len(p.feeds))
	for i := p.top; i < end; i++ {
		b.WriteByte('\n')
		b.WriteString(p.rowView(p.feeds[i], i == p.cursor, now))
	}
	if d := p.detailHeight(); d > 0 {
		for i := end - p.top; i < h; i++ {
			b.WriteByte('\n')
		}
		b.WriteString("\n" + st.Rule.Render(strings.Repeat("─", p.width)))
		f, _ := p.selected()
		b.WriteString("\n" + st.Muted.Render(truncate(clean(f.URL), p.width)))
		fetched := "never fetched"
		if !f.LastFetch.IsZero() {
			fetched = "last fetched " + dateAndAge(now, f.LastFetch)
		}
		fetched += " · " + plural(f.Articles, "article", "articles")
		if f.RetryAfter.After(now) {
			fetched += " · next fetch after " + ClockText(f.RetryAfter, now) + ", as its server asked"
		}
		b.WriteString("\n" + st.Muted.Render(truncate(fetched, p.width)))
		if f.LastError != "" {
			b.WriteString("\n" + st.FeedError.Render(truncate("error: "+clean(Reason(f.URL, f.LastError)), p.width)))
		} else if !f.LastFetch.IsZero() {
			b.WriteString("\n" + st.FeedOK.Render("ok"))
		}
	}
	return b.String()
}

func feedName(f store.Feed) string {
	if t := strings.TrimSpace(f.Title); t != "" {
		return t
	}
	return f.URL
}

func (p feedsPane) rowView(f store.Feed, selected bool, now time.Time) string {
	st := p.styles
	w := p.width
	mark, ms := "✓", st.FeedOK
	switch {
	case f.LastError != "":
		mark, ms = "✗", st.FeedError
	case f.LastFetch.IsZero():
		mark, ms = "·", st.Faint
	}
	meta := ""
	if w >= 40 {
		when := ago(now, f.LastFetch)
		if when == "" {
			when = "never"
		}
		meta = plural(f.Articles, "article", "articles") + "  " + padLeft(when, 6)
	}
	nameW := w - 3 - len(meta)
	if meta != "" {
		nameW--
	}
	name := truncate(clean(feedName(f)), nameW)
	gap := strings.Repeat(" ", max(nameW-widthOf(name), 0))
	if selected {
		line := "▌" + mark + " " + name + gap
		if meta != "" {
			line += " " + meta
		}
		return st.RowSelected.Render(fitLine(line, w))
	}
	line := " " + ms.Render(mark) + " " + st.Row.Render(name) + gap
	if meta != "" {
		line += " " + st.RowMeta.Render(meta)
	}
	return line
}
