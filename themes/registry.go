package themes

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
)

// DefaultName is the theme used when none is chosen, or when the chosen one
// cannot be loaded.
const DefaultName = "auto"

// ErrUnknown is what Lookup's error wraps when no theme has the name, as
// opposed to a user theme whose file exists but could not be read.
var ErrUnknown = errors.New("unknown theme")

type unknownError struct {
	name  string
	names []string
}

func (e unknownError) Error() string {
	return fmt.Sprintf("unknown theme %q (themes: %s)", e.name, strings.Join(e.names, ", "))
}

func (e unknownError) Is(target error) bool { return target == ErrUnknown }

// installed holds the user themes Install found. It is the one piece of
// package state: the command line installs once at start, before the reader
// or a listing looks themes up.
var installed struct {
	sync.RWMutex
	themes   []Theme
	broken   map[string]error // lower-cased name to why its file did not load
	problems []error
}

// Install reads the user themes in dir (see LoadUser) and makes them known
// to Names, Lookup and Next, replacing those installed before. It returns
// the problems found, each naming its file; a broken theme is left out, and
// looking it up gives its problem rather than "unknown theme". An empty
// dir installs none.
func Install(dir string) []error {
	var ts []Theme
	var errs []error
	if dir != "" {
		ts, errs = LoadUser(dir)
	}
	broken := map[string]error{}
	for _, err := range errs {
		var fe *FileError
		if errors.As(err, &fe) {
			name := strings.ToLower(strings.TrimSuffix(filepath.Base(fe.Path), ".toml"))
			if _, dup := broken[name]; !dup {
				broken[name] = err
			}
		}
	}
	installed.Lock()
	defer installed.Unlock()
	installed.themes, installed.broken, installed.problems = ts, broken, errs
	return errs
}

// Problems returns what the last Install found wrong with the user themes.
func Problems() []error {
	installed.RLock()
	defer installed.RUnlock()
	return append([]error(nil), installed.problems...)
}

// all is every theme that can be used: the built-in ones, then the user's
// in the order of their names.
func all() []Theme {
	installed.RLock()
	defer installed.RUnlock()
	out := make([]Theme, 0, len(builtins)+len(installed.themes))
	out = append(out, builtins...)
	return append(out, installed.themes...)
}

// Names lists the themes in the order the reader cycles through them.
func Names() []string {
	ts := all()
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Name
	}
	return names
}

// Themes returns every theme that can be used, in the order of Names.
func Themes() []Theme {
	return all()
}

// Lookup finds a theme by name, ignoring case. For a name no theme has, the
// error wraps ErrUnknown and lists the names that exist; for a user theme
// whose file is broken, it is that file's problem.
func Lookup(name string) (Theme, error) {
	for _, t := range all() {
		if strings.EqualFold(t.Name, name) {
			return t, nil
		}
	}
	installed.RLock()
	err := installed.broken[strings.ToLower(name)]
	installed.RUnlock()
	if err != nil {
		return Theme{}, fmt.Errorf("theme %q: %w", name, err)
	}
	return Theme{}, unknownError{name: name, names: Names()}
}

// Default is the theme used when none is chosen.
func Default() Theme {
	t, _ := Lookup(DefaultName)
	return t
}

// Next returns the name of the theme after name in the cycle, wrapping
// around; an unknown name starts the cycle over.
func Next(name string) string {
	names := Names()
	for i, n := range names {
		if strings.EqualFold(n, name) {
			return names[(i+1)%len(names)]
		}
	}
	return names[0]
}
