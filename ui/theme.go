package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/BurntSushi/toml"

	"parallax/themes"
)

// backgroundWait is how long the reader waits for the terminal to report
// its background before it paints a theme's own anyway.
const backgroundWait = 750 * time.Millisecond

// ThemesDir is where user themes live: a themes directory beside the config
// file, $XDG_CONFIG_HOME/parallax/themes for the default config.
func ThemesDir(configPath string) string {
	return filepath.Join(filepath.Dir(configPath), "themes")
}

// LoadThemes installs the user themes beside the config file at configPath,
// so that themes.Names, themes.Lookup and the reader's cycle include them,
// and returns the problems found, one per broken file. A broken theme does
// not stop anything: choosing it falls back to the default theme and shows
// its problem.
func LoadThemes(configPath string) []error {
	return themes.Install(ThemesDir(configPath))
}

// themeSaver remembers the theme in the config file, one write at a time:
// a choice made while a write is under way waits for it and then follows.
type themeSaver struct {
	saving  bool
	pending string
}

type themeSavedMsg struct {
	name string
	err  error
}

// backgroundWaitMsg says the terminal has had its time to report its
// background; see Model.bgKnown.
type backgroundWaitMsg struct{}

func waitForBackground() tea.Cmd {
	return tea.Tick(backgroundWait, func(time.Time) tea.Msg { return backgroundWaitMsg{} })
}

// startTheme chooses the theme the reader opens with: the named one, else
// the default, with the problems to show in the status bar.
func (m Model) startTheme(name string) (themes.Theme, []string) {
	var problems []string
	for _, err := range themes.Problems() {
		problems = append(problems, err.Error())
	}
	if name == "" {
		name = themes.DefaultName
	}
	theme, err := themes.Lookup(name)
	if err != nil {
		problems = append([]string{"using the " + themes.DefaultName + " theme: " + err.Error()}, problems...)
		theme = themes.Default()
	}
	if m.noColor {
		theme = theme.WithoutColor()
	}
	return theme, problems
}

// cycleTheme moves to the next theme, redraws everything in it (articles
// render again: the theme is part of their cache key) and remembers it in
// the config file.
func (m Model) cycleTheme() (Model, tea.Cmd) {
	name := themes.Next(m.theme.Name)
	theme, err := themes.Lookup(name)
	if err != nil {
		m.setError(err)
		return m, nil
	}
	if m.noColor {
		theme = theme.WithoutColor()
	}
	m.theme = theme
	if m.noColor {
		m.setStatus("Theme: " + theme.Name + " (without colour: NO_COLOR is set)")
	} else {
		m.setStatus("Theme: " + theme.Name)
	}
	cmd := tea.Batch(m.applyTheme(), m.saveTheme(theme.Name))
	return m, cmd
}

// saveTheme writes name into the config file, or queues it behind the
// write under way.
func (m *Model) saveTheme(name string) tea.Cmd {
	path := m.opts.ConfigPath
	if path == "" {
		return nil
	}
	if m.themeSave.saving {
		m.themeSave.pending = name
		return nil
	}
	m.themeSave.saving, m.themeSave.pending = true, ""
	return func() tea.Msg {
		return themeSavedMsg{name: name, err: SaveTheme(path, name)}
	}
}

func (m Model) themeSaved(msg themeSavedMsg) (Model, tea.Cmd) {
	m.themeSave.saving = false
	if msg.err != nil {
		m.setError(fmt.Errorf("remember the theme: %w", msg.err))
	}
	next := m.themeSave.pending
	m.themeSave.pending = ""
	if next != "" && next != msg.name {
		cmd := m.saveTheme(next)
		return m, cmd
	}
	return m, nil
}

var (
	// themeLine is a top-level theme setting: the key, the value, and what
	// follows it on the line (spaces, a comment).
	themeLine = regexp.MustCompile(`^(\s*(?:theme|"theme"|'theme')\s*=\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#]*)(.*)$`)
	// tableLine starts a table, after which keys are no longer top-level.
	tableLine = regexp.MustCompile(`^\s*\[`)
	// restLine is a line that holds no setting.
	restLine = regexp.MustCompile(`^\s*(#.*)?$`)
)

// SaveTheme records name as the theme in the config file at path, leaving
// the rest of the file as the user wrote it: the top-level theme line is
// changed in place, keeping its comment, or a line is added before the
// first table. A missing file is created. The file is replaced whole (a
// temporary file renamed over it, through a symlink to its target), and not
// at all if the result would not read back as TOML with that theme.
func SaveTheme(path, name string) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	data, err := os.ReadFile(path)
	mode := fs.FileMode(0o644)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("save theme: %w", err)
		}
	case err != nil:
		return fmt.Errorf("save theme: %w", err)
	default:
		if fi, err := os.Stat(path); err == nil {
			mode = fi.Mode().Perm()
		}
	}

	updated := withTheme(data, name)
	var check struct {
		Theme string `toml:"theme"`
	}
	if _, err := toml.Decode(string(updated), &check); err != nil || check.Theme != name {
		return fmt.Errorf("save theme: %s: could not set the theme line; set theme = %q by hand", path, name)
	}

	// The file is written beside the config and renamed over it: an
	// error names the config, not the file written first.
	failed := func(err error) error {
		var pathErr *fs.PathError
		var linkErr *os.LinkError
		switch {
		case errors.As(err, &pathErr):
			err = pathErr.Err
		case errors.As(err, &linkErr):
			err = linkErr.Err
		}
		return fmt.Errorf("save theme: %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".config-*.toml")
	if err != nil {
		return failed(err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(updated); err != nil {
		tmp.Close()
		return failed(err)
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return failed(err)
	}
	if err := tmp.Close(); err != nil {
		return failed(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return failed(err)
	}
	return nil
}

// withTheme is the config text with its theme set to name.
func withTheme(data []byte, name string) []byte {
	eol := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		eol = "\r\n"
	}
	text := string(data)
	lines := strings.Split(text, "\n")
	value := `"` + name + `"`
	table := len(lines)
	for i, l := range lines {
		if tableLine.MatchString(l) {
			table = i
			break
		}
		if m := themeLine.FindStringSubmatchIndex(l); m != nil {
			lines[i] = l[:m[4]] + value + l[m[5]:]
			return []byte(strings.Join(lines, "\n"))
		}
	}
	setting := "theme = " + value + strings.TrimSuffix(eol, "\n")
	if table == len(lines) {
		// No table: add the line at the end.
		if text == "" {
			return []byte(setting + "\n")
		}
		if !strings.HasSuffix(text, "\n") {
			text += eol
		}
		return []byte(text + setting + "\n")
	}
	// Before the first table, after the last setting above it: comments
	// and blank lines just above a table belong to the table.
	at := table
	for at > 0 && restLine.MatchString(strings.TrimSuffix(lines[at-1], "\r")) {
		at--
	}
	insert := []string{setting}
	if at == table || at == 0 {
		insert = append(insert, strings.TrimSuffix(eol, "\n"))
	}
	lines = append(lines[:at], append(insert, lines[at:]...)...)
	return []byte(strings.Join(lines, "\n"))
}
