package themes

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// FileError is a problem with a user theme file, at a line and key when
// they are known, so that the user can go straight to it.
type FileError struct {
	Path string
	Line int    // 0 when the problem is the file as a whole
	Key  string // the key at fault, if any
	Err  error
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Key != "" {
		k := e.Key
		if !plainKey.MatchString(k) {
			k = strconv.Quote(k) // a key is text from the file: never raw
		}
		b.WriteString(k + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *FileError) Unwrap() error { return e.Err }

// themeName is what a user theme's file name may be: the name is typed on
// the command line and written in config.toml.
var themeName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// plainKey is a key that can be shown as it is.
var plainKey = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// userSpec is one user theme file as written: what it sets, not yet
// resolved against its base.
type userSpec struct {
	name     string
	path     string
	base     string
	baseLine int
	mode     *Mode
	set      map[string]pairValue // palette key to the colours given
}

// LoadUser reads the user themes in dir: each NAME.toml is a theme NAME
// that sets any part of the palette and inherits the rest from its base
// (`base = "nord"`; "dark" when not given), a built-in or another user
// theme. A missing dir holds no themes. Every problem is a *FileError naming
// the file, and the line and key where it can; a theme with a problem is left
// out, and so is one whose base is.
//
// The palette's keys are background, text, muted, faint, accent,
// on_accent, selection, border, unread, saved, unique, error, success,
// link, code, code_background and quote (see Palette); a colour is
// "#rrggbb", "#rgb" or an ANSI number 0-255, and "" is the terminal's own.
// A file looks like:
//
//	base = "nord"                  # the theme to inherit from
//	mode = "dark"                  # auto, dark or light; else as the base
//	accent = "#ff79c6"             # one colour for both backgrounds
//	link = { light = "#1e66f5", dark = "#89b4fa" }
func LoadUser(dir string) ([]Theme, []error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []error{fmt.Errorf("user themes %s: %w", dir, err)}
	}
	var errs []error
	specs := map[string]*userSpec{}
	broken := map[string]string{} // lower-cased name to the file that did not parse
	var names []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		spec, err := parseUser(path)
		if err != nil {
			errs = append(errs, err)
			broken[strings.ToLower(strings.TrimSuffix(e.Name(), ".toml"))] = path
			continue
		}
		specs[strings.ToLower(spec.name)] = spec
		names = append(names, spec.name)
	}
	slices.Sort(names)

	r := resolver{specs: specs, broken: broken, done: map[string]Theme{}, failed: map[string]error{}}
	var out []Theme
	for _, n := range names {
		t, err := r.resolve(strings.ToLower(n), nil)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, t)
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return out, errs
}

// parseUser reads one theme file into what it sets.
func parseUser(path string) (*userSpec, error) {
	name := strings.TrimSuffix(filepath.Base(path), ".toml")
	fail := func(line int, key string, err error) error {
		return &FileError{Path: path, Line: line, Key: key, Err: err}
	}
	if !themeName.MatchString(name) {
		return nil, fail(0, "", fmt.Errorf("%q is not a theme name: use letters, digits, - and _", name))
	}
	if b, ok := builtin(name); ok {
		return nil, fail(0, "", fmt.Errorf("%q is a built-in theme; name the file after a theme of your own", b.Name))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fail(0, "", errors.Unwrap(err))
	}
	var prims map[string]toml.Primitive
	md, err := toml.Decode(string(data), &prims)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fail(pe.Position.Line, "", errors.New(oneLine(pe.Message)))
		}
		return nil, fail(0, "", errors.New(oneLine(err.Error())))
	}

	spec := &userSpec{name: name, path: path, base: "dark", set: map[string]pairValue{}}
	// Each value is decoded on its own through a toml.Unmarshaler that
	// checks it, so that the toml package reports the line of the key.
	for _, key := range md.Keys() {
		if len(key) != 1 {
			continue // within a table of light and dark values, checked with the table
		}
		k := key[0]
		var dec toml.Unmarshaler
		var pair pairValue
		var str stringValue
		switch {
		case k == "base" || k == "mode":
			dec = &str
		case paletteKey(k):
			dec = &pair
		default:
			dec = rejectValue{fmt.Errorf("unknown key (keys: base, mode, %s)", strings.Join(paletteKeyNames(), ", "))}
		}
		if err := md.PrimitiveDecode(prims[k], dec); err != nil {
			line := 0
			var pe toml.ParseError
			if errors.As(err, &pe) {
				line, err = pe.Position.Line, errors.New(oneLine(pe.Message))
			}
			return nil, fail(line, k, err)
		}
		line := lineOf(md, prims[k])
		switch k {
		case "base":
			spec.base, spec.baseLine = string(str), line
		case "mode":
			m, ok := map[string]Mode{"auto": Auto, "dark": Dark, "light": Light}[strings.ToLower(string(str))]
			if !ok {
				return nil, fail(line, k, fmt.Errorf("%q is not a mode; want auto, dark or light", string(str)))
			}
			spec.mode = &m
		default:
			spec.set[k] = pair
		}
	}
	return spec, nil
}

// lineOf finds the line a value was set on, by asking the toml package to
// decode it into something that always refuses.
func lineOf(md toml.MetaData, p toml.Primitive) int {
	var pe toml.ParseError
	if errors.As(md.PrimitiveDecode(p, rejectValue{errors.New("")}), &pe) {
		return pe.Position.Line
	}
	return 0
}

func paletteKey(k string) bool {
	return slices.Contains(paletteKeyNames(), k)
}

func paletteKeyNames() []string {
	names := make([]string, len(paletteKeys))
	for i, pk := range paletteKeys {
		names[i] = pk.key
	}
	return names
}

// rejectValue refuses any value, with its error.
type rejectValue struct{ err error }

func (r rejectValue) UnmarshalTOML(any) error { return r.err }

// stringValue is a value that must be a string.
type stringValue string

func (s *stringValue) UnmarshalTOML(v any) error {
	str, ok := v.(string)
	if !ok {
		return fmt.Errorf("want a string, found %s", describe(v))
	}
	*s = stringValue(str)
	return nil
}

// pairValue is a colour given once for both backgrounds ("#88c0d0") or as
// a table of a light and a dark value, either of which may be left out to
// inherit it.
type pairValue struct {
	Pair
	hasLight, hasDark bool
}

func (p *pairValue) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string, int64:
		c, err := colourValue(v)
		if err != nil {
			return err
		}
		*p = pairValue{Pair: Pair{Light: c, Dark: c}, hasLight: true, hasDark: true}
		return nil
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if k != "light" && k != "dark" {
				return fmt.Errorf("unknown key %q (want light, dark)", k)
			}
			c, err := colourValue(v[k])
			if err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
			if k == "light" {
				p.Light, p.hasLight = c, true
			} else {
				p.Dark, p.hasDark = c, true
			}
		}
		return nil
	default:
		return fmt.Errorf("want a colour such as \"#88c0d0\" or { light = ..., dark = ... }, found %s", describe(v))
	}
}

// colourValue checks one colour as TOML gives it: a string, or a number for
// an ANSI colour.
func colourValue(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return parseColour(v)
	case int64:
		if v >= 0 && v <= 255 {
			return strconv.FormatInt(v, 10), nil
		}
		return "", fmt.Errorf("%d is not an ANSI colour number; want 0-255", v)
	default:
		return "", fmt.Errorf("want a colour such as \"#88c0d0\", found %s", describe(v))
	}
}

// parseColour checks a colour as a user writes it: "#rgb", "#rrggbb" or an
// ANSI colour number 0-255, and gives it in the form the palette keeps.
// The empty string stands for the terminal's own colour.
func parseColour(s string) (string, error) {
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		return "", nil
	case strings.HasPrefix(t, "#"):
		h := strings.ToLower(t[1:])
		if _, err := strconv.ParseUint(h, 16, 32); err == nil {
			switch len(h) {
			case 6:
				return "#" + h, nil
			case 3:
				return "#" + string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]}), nil
			}
		}
	default:
		if n, err := strconv.Atoi(t); err == nil && n >= 0 && n <= 255 {
			return strconv.Itoa(n), nil
		}
	}
	return "", fmt.Errorf("%q is not a colour; want \"#rrggbb\", \"#rgb\" or an ANSI colour number 0-255", s)
}

func describe(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "a number"
	case float64:
		return "a number"
	case bool:
		return "true or false"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	default:
		return fmt.Sprintf("%T", v)
	}
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// cycleError is a chain of user themes each based on the next, back to the first.
type cycleError struct{ loop []string }

// from tells the cycle starting at name, as the file of that theme sees it.
func (e cycleError) from(name string) cycleError {
	ring := e.loop[:len(e.loop)-1]
	i := slices.Index(ring, name)
	if i < 0 {
		return e
	}
	loop := slices.Concat(ring[i:], ring[:i], []string{name})
	return cycleError{loop: loop}
}

func (e cycleError) Error() string {
	return "themes inherit in a cycle: " + strings.Join(e.loop, " → ")
}

// resolver turns user specs into themes, following each to its base.
type resolver struct {
	specs  map[string]*userSpec // by lower-cased name
	broken map[string]string    // lower-cased name to a file that did not parse
	done   map[string]Theme
	failed map[string]error
}

// resolve builds the theme named key (lower-cased); chain is the themes
// whose bases led here, to catch a cycle.
func (r *resolver) resolve(key string, chain []string) (Theme, error) {
	if t, ok := r.done[key]; ok {
		return t, nil
	}
	if err, ok := r.failed[key]; ok {
		return Theme{}, err
	}
	spec := r.specs[key]
	if i := slices.Index(chain, key); i >= 0 {
		loop := make([]string, 0, len(chain)-i+1)
		for _, k := range append(chain[i:], key) {
			loop = append(loop, r.specs[k].name)
		}
		return Theme{}, cycleError{loop: loop}
	}
	fail := func(err error) (Theme, error) {
		err = &FileError{Path: spec.path, Line: spec.baseLine, Key: "base", Err: err}
		r.failed[key] = err
		return Theme{}, err
	}

	base, ok := builtin(spec.base)
	if !ok {
		bk := strings.ToLower(spec.base)
		bspec, ok := r.specs[bk]
		if path, bad := r.broken[bk]; !ok && bad {
			return fail(fmt.Errorf("base theme %q could not be loaded (see %s)", spec.base, filepath.Base(path)))
		}
		if !ok {
			names := make([]string, 0, len(r.specs))
			for _, s := range r.specs {
				names = append(names, s.name)
			}
			slices.Sort(names)
			for i := len(builtins) - 1; i >= 0; i-- {
				names = slices.Insert(names, 0, builtins[i].Name)
			}
			return fail(fmt.Errorf("unknown theme %q (themes: %s)", spec.base, strings.Join(names, ", ")))
		}
		b, err := r.resolve(bk, append(slices.Clone(chain), key))
		if err != nil {
			var ce cycleError
			if errors.As(err, &ce) && slices.ContainsFunc(ce.loop, func(n string) bool { return strings.EqualFold(n, key) }) {
				return fail(ce.from(r.specs[key].name))
			}
			return fail(fmt.Errorf("base theme %q could not be loaded (see %s)", bspec.name, filepath.Base(bspec.path)))
		}
		base = b
	}

	t := Theme{Name: spec.name, Mode: base.Mode, Palette: base.Palette, Base: base.Name, Path: spec.path}
	if spec.mode != nil {
		t.Mode = *spec.mode
	}
	for _, pk := range paletteKeys {
		if given, ok := spec.set[pk.key]; ok {
			dst := pk.get(&t.Palette)
			if given.hasLight {
				dst.Light = given.Light
			}
			if given.hasDark {
				dst.Dark = given.Dark
			}
		}
	}
	r.done[key] = t
	return t, nil
}

func builtin(name string) (Theme, bool) {
	for _, b := range builtins {
		if strings.EqualFold(b.Name, name) {
			return b, true
		}
	}
	return Theme{}, false
}
