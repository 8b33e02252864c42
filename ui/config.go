package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"parallax/themes"
)

// DefaultRefreshMinutes is how often the reader refreshes the feeds when the
// config does not say.
const DefaultRefreshMinutes = 30

// Config is the user's configuration file:
//
//	theme = "auto"          # a name from themes.Names()
//	refresh_minutes = 30    # periodic refresh; 0 turns it off
//	fulltext = "stories"    # when to fetch articles' pages: on-open, stories, always, never
//	keep_days = 60          # unsaved articles older than this are purged; 0 keeps all
//	[keys]
//	quit = ["q", "ctrl+c"]  # an action and the keys that do it
type Config struct {
	Theme          string
	RefreshMinutes int
	Keys           map[string][]string // action name to keys, as written
	// FullText says when articles' own pages are fetched for their full
	// text (see FullTextModes); empty means never, as in a Config built in
	// code. DefaultConfig says stories.
	FullText string
	// KeepDays is how many days unsaved articles are kept; 0 keeps them all.
	KeepDays int
}

// MaxKeepDays is the most days keep_days may say, a century: a library
// kept longer is one to keep whole (0), and the span of a day count much
// larger overflows a duration.
const MaxKeepDays = 36500

// MaxRefreshMinutes is the longest refresh_minutes may say, a year: a
// longer wait is no refresh (0), and a count of minutes much larger
// overflows a duration, which wraps round to a refresh every few seconds
// or to none.
const MaxRefreshMinutes = 525600

func checkRefreshMinutes(n int) error {
	if n < 0 || n > MaxRefreshMinutes {
		return fmt.Errorf("refresh_minutes is %d; want 0 (off) to %d", n, MaxRefreshMinutes)
	}
	return nil
}

func checkKeepDays(n int) error {
	if n < 0 || n > MaxKeepDays {
		return fmt.Errorf("keep_days is %d; want 0 (keep everything) to %d", n, MaxKeepDays)
	}
	return nil
}

// DefaultConfigPath is where the config file lives:
// $XDG_CONFIG_HOME/parallax/config.toml, else ~/.config/parallax/config.toml.
func DefaultConfigPath() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return filepath.Join(".config", "parallax", "config.toml")
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "parallax", "config.toml")
}

// DefaultConfig is the configuration used when there is no config file.
func DefaultConfig() Config {
	return Config{Theme: "auto", RefreshMinutes: DefaultRefreshMinutes, FullText: FullTextStories, KeepDays: DefaultKeepDays}
}

// RefreshInterval is the time between periodic refreshes; 0 means never.
func (c Config) RefreshInterval() time.Duration {
	return time.Duration(c.RefreshMinutes) * time.Minute
}

// KeyMap applies the config's [keys] table to the default bindings.
func (c Config) KeyMap() (KeyMap, error) {
	return DefaultKeyMap().rebind(c.Keys, func(string) string { return "config" })
}

// Validate checks what LoadConfig checks, for a Config built in code.
func (c Config) Validate() error {
	if c.Theme == "" {
		c.Theme = "auto"
	}
	// A user theme whose file is broken passes: the reader falls back to
	// the default theme and shows the file's problem.
	if _, err := themes.Lookup(c.Theme); errors.Is(err, themes.ErrUnknown) {
		return fmt.Errorf("config: theme: %w", err)
	}
	if err := checkRefreshMinutes(c.RefreshMinutes); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	if err := checkFullText(c.FullText); err != nil && c.FullText != "" {
		return fmt.Errorf("config: %w", err)
	}
	if err := checkKeepDays(c.KeepDays); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	_, err := c.KeyMap()
	return err
}

type rawConfig struct {
	Theme          *string            `toml:"theme"`
	RefreshMinutes *int               `toml:"refresh_minutes"`
	FullText       *string            `toml:"fulltext"`
	KeepDays       *int               `toml:"keep_days"`
	Keys           map[string]keyList `toml:"keys"`
}

// keyList accepts one key as a string or several as an array of strings.
type keyList []string

// UnmarshalTOML reads a key list; errors come back from the toml package
// with the line of the action they belong to.
func (k *keyList) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*k = keyList{v}
		return nil
	case []any:
		out := make(keyList, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return fmt.Errorf("keys must be strings in quotes, found %s", kindOf(e))
			}
			out = append(out, s)
		}
		*k = out
		return nil
	default:
		return fmt.Errorf("want a key in quotes or a list of them, found %s", kindOf(v))
	}
}

// LoadConfig reads the TOML config at path. A missing file is not an error:
// it yields DefaultConfig. Every error names the file, and the line where
// it can. It first installs the user themes beside the file (LoadThemes),
// so that the theme it names may be one of them; their problems are not
// its errors (see themes.Problems).
func LoadConfig(path string) (Config, error) {
	LoadThemes(path)
	cfg := DefaultConfig()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("read config: %w", err)
	}
	// The text is read twice: once as plain TOML, so that a setting of the
	// wrong kind is reported in the words of this file's settings rather
	// than the decoder's, and once into the settings.
	var plain map[string]any
	if _, err := toml.Decode(string(data), &plain); err != nil {
		return cfg, tomlError(path, err)
	}
	lines := strings.Split(string(data), "\n")
	if err := checkKinds(plain, func(name string) string { return where(path, lines, nil, name) }); err != nil {
		return cfg, err
	}
	var raw rawConfig
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		return cfg, tomlError(path, err)
	}
	if extra := md.Undecoded(); len(extra) > 0 {
		k := extra[0]
		return cfg, fmt.Errorf("%s: unknown setting %q (settings: theme, refresh_minutes, fulltext, keep_days, keys)",
			where(path, lines, k[:len(k)-1], k[len(k)-1]), k.String())
	}
	if raw.Theme != nil {
		if _, err := themes.Lookup(*raw.Theme); errors.Is(err, themes.ErrUnknown) {
			return cfg, fmt.Errorf("%s: %w", where(path, lines, nil, "theme"), err)
		}
		cfg.Theme = *raw.Theme
	}
	if raw.RefreshMinutes != nil {
		if err := checkRefreshMinutes(*raw.RefreshMinutes); err != nil {
			return cfg, fmt.Errorf("%s: %w", where(path, lines, nil, "refresh_minutes"), err)
		}
		cfg.RefreshMinutes = *raw.RefreshMinutes
	}
	if raw.FullText != nil {
		if err := checkFullText(*raw.FullText); err != nil {
			return cfg, fmt.Errorf("%s: %w", where(path, lines, nil, "fulltext"), err)
		}
		cfg.FullText = *raw.FullText
	}
	if raw.KeepDays != nil {
		if err := checkKeepDays(*raw.KeepDays); err != nil {
			return cfg, fmt.Errorf("%s: %w", where(path, lines, nil, "keep_days"), err)
		}
		cfg.KeepDays = *raw.KeepDays
	}
	if len(raw.Keys) > 0 {
		cfg.Keys = make(map[string][]string, len(raw.Keys))
		for a, ks := range raw.Keys {
			cfg.Keys[a] = ks
		}
		_, err := DefaultKeyMap().rebind(cfg.Keys, func(action string) string {
			if action == "" {
				return where(path, lines, nil, "keys")
			}
			return where(path, lines, []string{"keys"}, action)
		})
		if err != nil {
			cfg.Keys = nil
			return cfg, &KeysError{err}
		}
	}
	return cfg, nil
}

// KeysError is a mistake in the config's [keys] table. LoadConfig returns
// it with the rest of the config read, which the commands that take no
// keys can go on with: a fetch run by a timer should not stop over the
// reader's key bindings.
type KeysError struct{ Err error }

func (e *KeysError) Error() string { return e.Err.Error() }
func (e *KeysError) Unwrap() error { return e.Err }

// tomlError words an error of the TOML decoder as one line that names the
// file, and the line where it can.
func tomlError(path string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %s", path, pe.Position.Line, oneLine(pe.Message))
	}
	return fmt.Errorf("%s: %s", path, oneLine(err.Error()))
}

// settingKinds says, for each setting, in the order of their names, what
// kind of TOML value it takes and how to write one.
var settingKinds = []struct {
	name string
	ok   func(any) bool
	want string
}{
	{"fulltext", isString, "one of " + quotedList(FullTextModes()) + ", in quotes"},
	{"keep_days", isWhole, "a whole number of days"},
	{"keys", isTable, `a [keys] table, such as quit = ["q", "ctrl+c"]`},
	{"refresh_minutes", isWhole, "a whole number of minutes"},
	{"theme", isString, `a theme name in quotes, such as "nord"`},
}

func isString(v any) bool { _, ok := v.(string); return ok }
func isWhole(v any) bool  { _, ok := v.(int64); return ok }
func isTable(v any) bool  { _, ok := v.(map[string]any); return ok }

// checkKinds reports the first setting of plain, in the order of
// settingKinds, whose value is of the wrong kind, at where(name).
func checkKinds(plain map[string]any, where func(name string) string) error {
	for _, k := range settingKinds {
		if v, set := plain[k.name]; set && !k.ok(v) {
			return fmt.Errorf("%s: %s is %s; want %s", where(k.name), k.name, kindOf(v), k.want)
		}
	}
	return nil
}

// kindOf describes a decoded TOML value to someone who wrote it.
func kindOf(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("the text %q", v)
	case int64:
		return fmt.Sprintf("the number %d", v)
	case float64:
		return fmt.Sprintf("the number %g", v)
	case bool:
		return fmt.Sprintf("%t", v)
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date"
	default:
		return fmt.Sprintf("a %T", v)
	}
}

// quotedList joins words in quotes with commas.
func quotedList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = strconv.Quote(w)
	}
	return strings.Join(q, ", ")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

var (
	tableHeader = regexp.MustCompile(`^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$`)
	keyLine     = regexp.MustCompile(`^\s*("([^"]*)"|'([^']*)'|[A-Za-z0-9_-]+)\s*=`)
)

// where says where a key is set in the config text, as "path:line", or just
// the path when the key cannot be found (an inline table, say). table is the
// table the key belongs to; nil for the top level.
func where(path string, lines []string, table []string, name string) string {
	want := strings.Join(table, ".")
	current := ""
	for i, l := range lines {
		if m := tableHeader.FindStringSubmatch(l); m != nil {
			current = strings.Trim(strings.TrimSpace(m[1]), `"'`)
			if len(table) == 0 && current == name {
				return fmt.Sprintf("%s:%d", path, i+1)
			}
			continue
		}
		if current != want {
			continue
		}
		if m := keyLine.FindStringSubmatch(l); m != nil {
			k := m[1]
			if m[2] != "" || m[3] != "" {
				k = m[2] + m[3]
			}
			if k == name {
				return fmt.Sprintf("%s:%d", path, i+1)
			}
		}
	}
	return path
}
