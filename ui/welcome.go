package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"parallax/store"
	"parallax/themes"
)

type welcomePrompt int

const (
	promptNone welcomePrompt = iota
	promptImport
	promptAdd
)

// welcomePane stands in for an empty story list when the library has
// nothing in it yet, offering ways to fill it.
type welcomePane struct {
	ctx    context.Context
	lib    Library
	keys   KeyMap
	styles *themes.Styles
	opts   *Options

	width, height int
	prompt        welcomePrompt
	input         textinput.Model
	busy          string
	err           error
}

func newWelcomePane(ctx context.Context, lib Library, keys KeyMap, st *themes.Styles, opts *Options) welcomePane {
	in := textinput.New()
	in.SetStyles(st.Input)
	return welcomePane{ctx: ctx, lib: lib, keys: keys, styles: st, opts: opts, input: in}
}

func (p *welcomePane) setSize(w, h int) {
	p.width, p.height = w, h
	p.fitInput()
}

// maxWelcomeWidth bounds the welcome text on a wide terminal.
const maxWelcomeWidth = 64

// textLines are the welcome's lines above the prompt, at most w wide.
func (p welcomePane) textLines(w int) []string {
	st := p.styles
	logo := st.Logo.Render("parallax")
	if v := clean(p.opts.Version); v != "" {
		logo += " " + st.Faint.Render(truncate(v, max(w-9, 0)))
	}
	lines := []string{
		logo,
		st.Muted.Render(truncate("every story from every angle", w)),
		"",
		st.Text.Render(truncate("Your library is empty. To begin:", w)),
		"",
	}
	for _, b := range p.choices() {
		h := b.Help()
		text := welcomeText[h.Desc]
		if text == "" {
			text = h.Desc
		}
		lines = append(lines, st.Key.Render(padLeft(h.Key, 3))+"  "+st.Text.Render(truncate(text, max(w-5, 0))))
	}
	return append(lines, "")
}

// blockWidth is the width of the welcome text, centred on the screen: its
// widest line's. The prompt and the messages below take that width, so
// that opening them does not move the text.
func (p welcomePane) blockWidth() int {
	w := 0
	for _, l := range p.textLines(min(p.width-2, maxWelcomeWidth)) {
		w = max(w, widthOf(l))
	}
	return w
}

// fitInput makes the prompt line as wide as the text above it.
func (p *welcomePane) fitInput() {
	p.input.SetWidth(max(p.blockWidth()-widthOf(p.input.Prompt)-1, 1))
}

func (p *welcomePane) setStyles(st *themes.Styles) {
	p.styles = st
	p.input.SetStyles(st.Input)
}

func (p welcomePane) typing() bool { return p.prompt != promptNone }

func (p welcomePane) update(msg tea.Msg) (welcomePane, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if p.prompt != promptNone {
			var cmd tea.Cmd
			p.input, cmd = p.input.Update(msg)
			return p, cmd
		}
	case tea.KeyPressMsg:
		if p.prompt != promptNone {
			return p.updatePrompt(msg)
		}
		k := p.keys
		switch {
		case key.Matches(msg, k.Defaults) && p.opts.Defaults != nil:
			p.busy, p.err = "Subscribing to the default feeds…", nil
			defaults := p.opts.Defaults
			return p, subscribeAll(p.ctx, p.lib, "default feeds", func() ([]store.Feed, error) { return defaults(), nil })
		case key.Matches(msg, k.Import) && p.opts.ImportSubscriptions != nil:
			return p.open(promptImport, "Subscriptions file: ", "path to an OPML or newsboat urls file")
		case key.Matches(msg, k.AddFeed):
			return p.open(promptAdd, "Feed URL: ", "https://…")
		case key.Matches(msg, k.Sample) && p.opts.OpenSample != nil:
			p.busy, p.err = "Opening the sample library…", nil
			return p, openSample(p.opts.OpenSample)
		}
	}
	return p, nil
}

func (p welcomePane) open(which welcomePrompt, prompt, placeholder string) (welcomePane, tea.Cmd) {
	p.prompt = which
	p.input.Prompt = prompt
	p.input.Placeholder = placeholder
	p.fitInput()
	p.input.SetValue("")
	p.err = nil
	return p, p.input.Focus()
}

func (p welcomePane) updatePrompt(msg tea.KeyPressMsg) (welcomePane, tea.Cmd) {
	switch {
	case key.Matches(msg, p.keys.Cancel):
		p.prompt = promptNone
		p.input.Blur()
		return p, nil
	case key.Matches(msg, p.keys.Accept):
		v := strings.TrimSpace(p.input.Value())
		which := p.prompt
		p.prompt = promptNone
		p.input.Blur()
		if v == "" {
			return p, nil
		}
		if which == promptImport {
			p.busy = "Importing " + clean(v) + "…"
			imp, path := p.opts.ImportSubscriptions, expandHome(v)
			return p, subscribeAll(p.ctx, p.lib, "import "+v, func() ([]store.Feed, error) { return imp(path) })
		}
		p.busy = "Subscribing to " + clean(v) + "…"
		return p, addFeed(p.ctx, p.lib, p.opts.Discover, v)
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return p, cmd
}

// expandHome reads a leading ~/ as the home directory, as a shell would:
// a path typed at a prompt meets no shell on its way. (A feed's address
// goes to Discover, which reads it so itself.)
func expandHome(path string) string {
	rest, ok := strings.CutPrefix(path, "~/")
	if !ok {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return path
	}
	return filepath.Join(home, rest)
}

// done clears the busy line after an attempt; a failure stays on screen.
func (p *welcomePane) done(err error) {
	p.busy, p.err = "", err
}

func (p welcomePane) choices() []key.Binding {
	k := p.keys
	var out []key.Binding
	if p.opts.Defaults != nil {
		out = append(out, k.Defaults)
	}
	if p.opts.ImportSubscriptions != nil {
		out = append(out, k.Import)
	}
	out = append(out, k.AddFeed)
	if p.opts.OpenSample != nil {
		out = append(out, k.Sample)
	}
	return out
}

func (p welcomePane) ShortHelp() []key.Binding {
	if p.prompt != promptNone {
		return []key.Binding{p.keys.Accept, p.keys.Cancel}
	}
	return append(p.choices(), p.keys.Help, p.keys.Quit)
}

func (p welcomePane) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.choices(), {p.keys.Theme, p.keys.Help, p.keys.Quit}}
}

var welcomeText = map[string]string{
	"default feeds":        "subscribe to a starter set of news feeds",
	"import subscriptions": "import the subscriptions of another reader",
	"add feed":             "subscribe to a feed or a site by URL",
	"sample library":       "look around a sample library, offline",
}

func (p welcomePane) view() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	st := p.styles
	w := p.blockWidth()
	lines := p.textLines(min(p.width-2, maxWelcomeWidth))
	switch {
	case p.prompt != promptNone:
		lines = append(lines, p.input.View())
	case p.busy != "":
		lines = append(lines, strings.Split(st.StatusBusy.Width(w).Render(p.busy), "\n")...)
	case p.err != nil:
		lines = append(lines, strings.Split(st.Error.Width(w).Render(clean(p.err.Error())), "\n")...)
	}
	if len(lines) > p.height {
		// Too short a terminal for all of it: the blank lines go first,
		// then the lines at the top, so the prompt or message the user
		// waits on stays in view.
		lines = slices.DeleteFunc(lines, func(l string) bool { return l == "" })
		lines = lines[max(len(lines)-p.height, 0):]
	}
	for i, l := range lines {
		lines[i] = fitLine(l, w)
	}
	block := lipgloss.JoinVertical(lipgloss.Left, lines...)
	return lipgloss.Place(p.width, p.height, lipgloss.Center, lipgloss.Center, block)
}
