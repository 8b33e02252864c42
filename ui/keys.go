package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
)

// KeyMap is every key binding of the reader. Panes read the bindings they
// answer to from it, and help is built from the same bindings, so a key
// rebound in the config shows up rebound in help too.
type KeyMap struct {
	Quit    key.Binding
	Help    key.Binding
	Back    key.Binding
	Focus   key.Binding
	Refresh key.Binding
	Theme   key.Binding
	Feeds   key.Binding
	// Saved opens the saved stories.
	Saved key.Binding

	Up       key.Binding
	Down     key.Binding
	Top      key.Binding
	Bottom   key.Binding
	PageUp   key.Binding
	PageDown key.Binding

	Open     key.Binding
	Filter   key.Binding
	Save     key.Binding
	MarkRead key.Binding

	PrevSource key.Binding
	NextSource key.Binding
	MarkUnread key.Binding
	Browser    key.Binding

	// Compare and Overview open the compare pane and the story overview;
	// PrevLeft and NextLeft change the compare pane's left-hand source
	// (PrevSource and NextSource change the right); Lock ties the columns'
	// scrolling together and Highlight dims what the two sources share.
	Compare   key.Binding
	Overview  key.Binding
	PrevLeft  key.Binding
	NextLeft  key.Binding
	Lock      key.Binding
	Highlight key.Binding

	AddFeed     key.Binding
	RemoveFeed  key.Binding
	RefreshFeed key.Binding
	Yes         key.Binding
	No          key.Binding

	Defaults key.Binding
	Import   key.Binding
	Sample   key.Binding

	// Accept and Cancel end a text prompt (the filter, a URL, a path).
	// They are not rebindable: in a prompt every printable key is text.
	Accept key.Binding
	Cancel key.Binding
}

func binding(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// described is b with another description, for help that names what the
// key does in one place ("keep filter" rather than "done").
func described(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// DefaultKeyMap returns the bindings parallax ships with (see DESIGN.md).
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:    binding("q", "quit", "q", "ctrl+c"),
		Help:    binding("?", "help", "?"),
		Back:    binding("esc", "back", "esc"),
		Focus:   binding("tab", "focus", "tab"),
		Refresh: binding("r", "refresh", "r"),
		Theme:   binding("t", "next theme", "t"),
		Feeds:   binding("F", "feeds", "F"),
		Saved:   binding("S", "saved stories", "S"),

		Up:       binding("↑/k", "up", "up", "k"),
		Down:     binding("↓/j", "down", "down", "j"),
		Top:      binding("g", "top", "g", "home"),
		Bottom:   binding("G", "bottom", "G", "end"),
		PageUp:   binding("pgup", "page up", "pgup"),
		PageDown: binding("pgdn/space", "page down", "pgdown", "space"),

		Open:     binding("enter", "open", "enter"),
		Filter:   binding("/", "filter", "/"),
		Save:     binding("s", "save story", "s"),
		MarkRead: binding("m", "mark story read", "m"),

		PrevSource: binding("[", "previous source", "["),
		NextSource: binding("]", "next source", "]"),
		MarkUnread: binding("u", "mark unread", "u"),
		Browser:    binding("o", "open in browser", "o"),

		Compare:   binding("c", "compare", "c"),
		Overview:  binding("v", "overview", "v"),
		PrevLeft:  binding("{", "previous left source", "{"),
		NextLeft:  binding("}", "next left source", "}"),
		Lock:      binding("l", "lock scrolling", "l"),
		Highlight: binding("h", "highlight differences", "h"),

		AddFeed:     binding("a", "add feed", "a"),
		RemoveFeed:  binding("d", "remove feed", "d"),
		RefreshFeed: binding("enter", "refresh feed", "enter"),
		Yes:         binding("y", "yes", "y"),
		No:          binding("n", "no", "n", "esc"),

		Defaults: binding("d", "default feeds", "d"),
		Import:   binding("i", "import subscriptions", "i"),
		Sample:   binding("x", "sample library", "x"),

		Accept: binding("enter", "done", "enter"),
		Cancel: binding("esc", "cancel", "esc"),
	}
}

// action names a binding in the config file's [keys] table.
type action struct {
	name string
	get  func(*KeyMap) *key.Binding
}

var actions = []action{
	{"quit", func(k *KeyMap) *key.Binding { return &k.Quit }},
	{"help", func(k *KeyMap) *key.Binding { return &k.Help }},
	{"back", func(k *KeyMap) *key.Binding { return &k.Back }},
	{"focus", func(k *KeyMap) *key.Binding { return &k.Focus }},
	{"refresh", func(k *KeyMap) *key.Binding { return &k.Refresh }},
	{"theme", func(k *KeyMap) *key.Binding { return &k.Theme }},
	{"feeds", func(k *KeyMap) *key.Binding { return &k.Feeds }},
	{"saved", func(k *KeyMap) *key.Binding { return &k.Saved }},
	{"up", func(k *KeyMap) *key.Binding { return &k.Up }},
	{"down", func(k *KeyMap) *key.Binding { return &k.Down }},
	{"top", func(k *KeyMap) *key.Binding { return &k.Top }},
	{"bottom", func(k *KeyMap) *key.Binding { return &k.Bottom }},
	{"page_up", func(k *KeyMap) *key.Binding { return &k.PageUp }},
	{"page_down", func(k *KeyMap) *key.Binding { return &k.PageDown }},
	{"open", func(k *KeyMap) *key.Binding { return &k.Open }},
	{"filter", func(k *KeyMap) *key.Binding { return &k.Filter }},
	{"save", func(k *KeyMap) *key.Binding { return &k.Save }},
	{"mark_read", func(k *KeyMap) *key.Binding { return &k.MarkRead }},
	{"prev_source", func(k *KeyMap) *key.Binding { return &k.PrevSource }},
	{"next_source", func(k *KeyMap) *key.Binding { return &k.NextSource }},
	{"mark_unread", func(k *KeyMap) *key.Binding { return &k.MarkUnread }},
	{"open_browser", func(k *KeyMap) *key.Binding { return &k.Browser }},
	{"compare", func(k *KeyMap) *key.Binding { return &k.Compare }},
	{"overview", func(k *KeyMap) *key.Binding { return &k.Overview }},
	{"prev_left", func(k *KeyMap) *key.Binding { return &k.PrevLeft }},
	{"next_left", func(k *KeyMap) *key.Binding { return &k.NextLeft }},
	{"lock_scroll", func(k *KeyMap) *key.Binding { return &k.Lock }},
	{"highlight", func(k *KeyMap) *key.Binding { return &k.Highlight }},
	{"add_feed", func(k *KeyMap) *key.Binding { return &k.AddFeed }},
	{"remove_feed", func(k *KeyMap) *key.Binding { return &k.RemoveFeed }},
	{"refresh_feed", func(k *KeyMap) *key.Binding { return &k.RefreshFeed }},
	{"yes", func(k *KeyMap) *key.Binding { return &k.Yes }},
	{"no", func(k *KeyMap) *key.Binding { return &k.No }},
	{"defaults", func(k *KeyMap) *key.Binding { return &k.Defaults }},
	{"import", func(k *KeyMap) *key.Binding { return &k.Import }},
	{"sample", func(k *KeyMap) *key.Binding { return &k.Sample }},
}

// Actions lists the names the config file's [keys] table accepts.
func Actions() []string {
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = a.name
	}
	return names
}

func lookupAction(name string) (action, bool) {
	for _, a := range actions {
		if a.name == name {
			return a, true
		}
	}
	return action{}, false
}

// contexts are the sets of bindings that are live at the same time; a key
// may be bound to one action only within each.
func (k KeyMap) contexts() map[string][]key.Binding {
	global := []key.Binding{k.Quit, k.Help, k.Theme}
	nav := []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown}
	main := append(slices.Clone(global), k.Back, k.Focus, k.Refresh, k.Feeds, k.Saved, k.Save, k.MarkRead)
	return map[string][]key.Binding{
		"stories": slices.Concat(main, nav, []key.Binding{k.Open, k.Filter, k.Compare, k.Overview, k.Browser, k.MarkUnread}),
		"reader":  slices.Concat(main, nav, []key.Binding{k.PrevSource, k.NextSource, k.MarkUnread, k.Browser, k.Compare, k.Overview, k.Filter}),
		"compare": slices.Concat(global, nav, []key.Binding{k.Back, k.Focus, k.Refresh, k.PrevSource, k.NextSource,
			k.PrevLeft, k.NextLeft, k.Lock, k.Highlight, k.Overview, k.Browser, k.Save, k.MarkRead, k.MarkUnread}),
		"overview": slices.Concat(global, nav, []key.Binding{k.Back, k.Refresh, k.Open, k.Compare, k.Save, k.MarkRead, k.MarkUnread}),
		"feeds":    slices.Concat(global, nav, []key.Binding{k.Back, k.Refresh, k.AddFeed, k.RemoveFeed, k.RefreshFeed}),
		"saved":    slices.Concat(global, nav, []key.Binding{k.Back, k.Refresh, k.Open, k.Save}),
		"welcome":  slices.Concat(global, []key.Binding{k.Defaults, k.Import, k.AddFeed, k.Sample}),
		"confirm":  {k.Yes, k.No},
	}
}

// rebind replaces the keys of the named actions, checking that every action
// exists, every key parses and no key does two things at once. where names
// the place an action was set, for errors ("config.toml:12").
func (k KeyMap) rebind(keys map[string][]string, where func(action string) string) (KeyMap, error) {
	names := make([]string, 0, len(keys))
	for name := range keys {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		a, ok := lookupAction(name)
		if !ok {
			return k, fmt.Errorf("%s: unknown key action %q (actions: %s)", where(name), name, strings.Join(Actions(), ", "))
		}
		if len(keys[name]) == 0 {
			return k, fmt.Errorf("%s: action %q has no keys", where(name), name)
		}
		norm := make([]string, 0, len(keys[name]))
		for _, s := range keys[name] {
			n, err := normalizeKey(s)
			if err != nil {
				return k, fmt.Errorf("%s: action %q: %w", where(name), name, err)
			}
			if !slices.Contains(norm, n) {
				norm = append(norm, n)
			}
		}
		b := a.get(&k)
		b.SetKeys(norm...)
		b.SetHelp(helpLabel(norm), b.Help().Desc)
	}
	if c := k.conflict(); c != nil {
		return k, fmt.Errorf("%s: %w", where(c.rebound(k, keys)), c)
	}
	return k, nil
}

// keyConflict is one key bound to two actions live at the same time.
type keyConflict struct {
	key, screen string
	descs       [2]string // the two actions, as help describes them
}

func (c *keyConflict) Error() string {
	return fmt.Sprintf("key %q is bound to both %q and %q in the %s screen", c.key, c.descs[0], c.descs[1], c.screen)
}

// rebound is the config name of the conflicting action the user rebound,
// the second if both were: the line to point at. "" names no action.
func (c *keyConflict) rebound(k KeyMap, keys map[string][]string) string {
	found := ""
	for _, a := range actions {
		if _, ok := keys[a.name]; ok && slices.Contains(c.descs[:], a.get(&k).Help().Desc) {
			found = a.name
			if a.get(&k).Help().Desc == c.descs[1] {
				return found
			}
		}
	}
	return found
}

// conflict is the first key bound to two actions in one screen, or nil.
func (k KeyMap) conflict() *keyConflict {
	ctxs := k.contexts()
	order := make([]string, 0, len(ctxs))
	for name := range ctxs {
		order = append(order, name)
	}
	slices.Sort(order)
	for _, ctx := range order {
		seen := map[string]string{}
		for _, b := range ctxs[ctx] {
			desc := b.Help().Desc
			for _, s := range b.Keys() {
				if other, ok := seen[s]; ok && other != desc {
					return &keyConflict{key: s, screen: ctx, descs: [2]string{other, desc}}
				}
				seen[s] = desc
			}
		}
	}
	return nil
}

// keyNames are the names of keys that are not a single character, as Bubble
// Tea spells them.
var keyNames = map[string]bool{
	"enter": true, "tab": true, "backspace": true, "esc": true, "space": true,
	"up": true, "down": true, "left": true, "right": true, "begin": true,
	"find": true, "insert": true, "delete": true, "select": true,
	"pgup": true, "pgdown": true, "home": true, "end": true,
}

var keyAliases = map[string]string{
	"escape": "esc", "return": "enter", "pgdn": "pgdown", "pagedown": "pgdown",
	"pageup": "pgup", "del": "delete", "ins": "insert",
}

var modifierOrder = []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}

// normalizeKey turns a key as a person writes it ("Ctrl+C", "escape",
// "shift+g") into the form Bubble Tea reports it in ("ctrl+c", "esc", "G").
func normalizeKey(s string) (string, error) {
	orig := s
	s = strings.TrimSpace(s)
	if s == "" {
		if orig == " " {
			return "space", nil
		}
		return "", fmt.Errorf("empty key name")
	}
	var parts []string
	switch {
	case s == "+":
		parts = []string{"+"}
	case strings.HasSuffix(s, "++"):
		parts = append(strings.Split(strings.TrimSuffix(s, "++"), "+"), "+")
	default:
		parts = strings.Split(s, "+")
	}
	base := parts[len(parts)-1]
	mods := map[string]bool{}
	for _, m := range parts[:len(parts)-1] {
		lm := strings.ToLower(m)
		if !slices.Contains(modifierOrder, lm) {
			return "", fmt.Errorf("key %q: unknown modifier %q (modifiers: %s)", orig, m, strings.Join(modifierOrder, ", "))
		}
		if mods[lm] {
			return "", fmt.Errorf("key %q: modifier %q given twice", orig, m)
		}
		mods[lm] = true
	}
	if base == "" {
		return "", fmt.Errorf("key %q: no key after the modifiers", orig)
	}
	if utf8.RuneCountInString(base) == 1 {
		r, _ := utf8.DecodeRuneInString(base)
		if !unicode.IsPrint(r) || unicode.IsSpace(r) {
			return "", fmt.Errorf("key %q: not a printable character; use a key name such as space or tab", orig)
		}
		if mods["shift"] {
			if !unicode.IsLetter(r) {
				return "", fmt.Errorf("key %q: write the shifted character itself instead of shift+", orig)
			}
			if len(mods) == 1 {
				return string(unicode.ToUpper(r)), nil
			}
		}
		if len(mods) == 0 {
			return base, nil
		}
		base = string(unicode.ToLower(r))
	} else {
		lb := strings.ToLower(base)
		if a, ok := keyAliases[lb]; ok {
			lb = a
		}
		if !keyNames[lb] && !isFunctionKey(lb) {
			return "", fmt.Errorf("key %q: unknown key name %q", orig, base)
		}
		base = lb
	}
	var b strings.Builder
	for _, m := range modifierOrder {
		if mods[m] {
			b.WriteString(m)
			b.WriteByte('+')
		}
	}
	b.WriteString(base)
	return b.String(), nil
}

func isFunctionKey(s string) bool {
	if len(s) < 2 || s[0] != 'f' {
		return false
	}
	n := 0
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n >= 1 && n <= 63
}

var keySymbols = map[string]string{
	"up": "↑", "down": "↓", "left": "←", "right": "→", "pgdown": "pgdn",
}

// helpLabel is how help shows a list of keys: the first two, joined by "/".
func helpLabel(keys []string) string {
	shown := make([]string, 0, 2)
	for _, k := range keys {
		if len(shown) == 2 {
			break
		}
		if s, ok := keySymbols[k]; ok {
			k = s
		}
		shown = append(shown, k)
	}
	return strings.Join(shown, "/")
}
