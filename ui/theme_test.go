package ui

import (
	"bytes"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"parallax/themes"
)

func TestSaveTheme(t *testing.T) {
	cases := []struct {
		name, before, after string
	}{
		{"new file", "", "theme = \"nord\"\n"},
		{"changes the line in place",
			"# my settings\ntheme = \"auto\"   # the default\nrefresh_minutes = 10\n\n[keys]\nquit = \"q\"\n",
			"# my settings\ntheme = \"nord\"   # the default\nrefresh_minutes = 10\n\n[keys]\nquit = \"q\"\n"},
		{"keeps the user's spacing and quotes the name",
			"  theme='dark'\n", "  theme=\"nord\"\n"},
		{"adds a line after the settings, before the table and its comment",
			"refresh_minutes = 5\n\n# rebound keys\n[keys]\ntheme = \"T\"\n",
			"refresh_minutes = 5\ntheme = \"nord\"\n\n# rebound keys\n[keys]\ntheme = \"T\"\n"},
		{"adds a line before a lone table",
			"[keys]\nquit = \"Q\"\n", "theme = \"nord\"\n\n[keys]\nquit = \"Q\"\n"},
		{"adds a line at the end without a table",
			"refresh_minutes = 0", "refresh_minutes = 0\ntheme = \"nord\"\n"},
		{"keeps CRLF line ends",
			"refresh_minutes = 5\r\n[keys]\r\nquit = \"q\"\r\n",
			"refresh_minutes = 5\r\ntheme = \"nord\"\r\n\r\n[keys]\r\nquit = \"q\"\r\n"},
		{"changes a CRLF line",
			"theme = \"dark\"\r\nrefresh_minutes = 5\r\n", "theme = \"nord\"\r\nrefresh_minutes = 5\r\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "parallax", "config.toml")
			if c.before != "" {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(c.before), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if err := SaveTheme(path, "nord"); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.after {
				t.Fatalf("file is\n%q\nwant\n%q", got, c.after)
			}
			cfg, err := LoadConfig(path)
			if err != nil || cfg.Theme != "nord" {
				t.Fatalf("read back: %+v, %v", cfg, err)
			}
			if c.before != "" {
				if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
					t.Errorf("mode %v, want the file's own 0600", fi.Mode().Perm())
				}
			}
		})
	}
}

func TestSaveThemeThroughSymlinkAndRefusingBadFiles(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "parallax.toml")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, []byte("refresh_minutes = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "config.toml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := SaveTheme(link, "gruvbox"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the symlink was replaced by a file")
	}
	if got, _ := os.ReadFile(target); string(got) != "refresh_minutes = 3\ntheme = \"gruvbox\"\n" {
		t.Fatalf("target is %q", got)
	}

	bad := filepath.Join(dir, "bad.toml")
	before := "theme = = \"dark\"\n"
	if err := os.WriteFile(bad, []byte(before), 0o600); err != nil {
		t.Fatal(err)
	}
	err := SaveTheme(bad, "light")
	if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), `set theme = "light" by hand`) {
		t.Fatalf("error %v", err)
	}
	if got, _ := os.ReadFile(bad); string(got) != before {
		t.Fatalf("a file that could not be updated was changed: %q", got)
	}
}

// TestSaveThemeWhereNothingCanBeWritten: the error names the config, not
// the file written beside it first. /proc takes no new file, whoever asks.
func TestSaveThemeWhereNothingCanBeWritten(t *testing.T) {
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("no /proc here")
	}
	path := "/proc/parallax-config.toml"
	err := SaveTheme(path, "light")
	if err == nil || !strings.HasPrefix(err.Error(), "save theme: "+path+": ") || strings.Contains(err.Error(), ".config-") {
		t.Fatalf("error %v, want one naming %s", err, path)
	}
}

func TestThemeKeyIsRemembered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte("# mine\nrefresh_minutes = 0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := testOptions()
	opts.ConfigPath = path
	m := start(t, smallLibrary(t, 5), opts, 80, 24)
	m = press(t, m, "t")
	if got, _ := os.ReadFile(path); string(got) != "# mine\nrefresh_minutes = 0\ntheme = \"dark\"\n" {
		t.Fatalf("config after t: %q", got)
	}
	// Two presses before the first write is done: the second waits for it
	// and then follows, so the file ends with the last choice.
	m, first := m.update(keyMsg("t"))
	m, second := m.update(keyMsg("t"))
	if m.theme.Name != "high-contrast" || !m.themeSave.saving || m.themeSave.pending != "high-contrast" {
		t.Fatalf("theme %q, saver %+v", m.theme.Name, m.themeSave)
	}
	m = settle(t, m, second)
	m = settle(t, m, first)
	if got, _ := os.ReadFile(path); !strings.Contains(string(got), `theme = "high-contrast"`) {
		t.Fatalf("config after t t: %q", got)
	}
	if m.themeSave.saving || m.themeSave.pending != "" {
		t.Errorf("saver not idle: %+v", m.themeSave)
	}
	// A write that fails says so in the status bar.
	if err := os.Chmod(filepath.Dir(path), 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Dir(path), 0o700) })
	if f, err := os.CreateTemp(filepath.Dir(path), "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Skip("running with permission to write anywhere")
	}
	m = press(t, m, "t")
	if !m.statusErr || !strings.Contains(m.status, "remember the theme") {
		t.Errorf("status %q", m.status)
	}
}

func TestUserThemesInTheReader(t *testing.T) {
	t.Cleanup(func() { themes.Install("") })
	conf := filepath.Join(t.TempDir(), "parallax")
	dir := ThemesDir(filepath.Join(conf, "config.toml"))
	if dir != filepath.Join(conf, "themes") {
		t.Fatalf("ThemesDir = %q", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("harbour.toml", "base = \"nord\"\naccent = \"#ff77aa\"\n")
	write("broken.toml", "base = \"dark\"\n\nlink = \"#12\"\n")
	config := filepath.Join(conf, "config.toml")
	if err := os.WriteFile(config, []byte("theme = \"broken\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	// A broken user theme is not a config error: the reader starts in the
	// default theme and says what is wrong, naming file, line and key.
	cfg, err := LoadConfig(config)
	if err != nil || cfg.Theme != "broken" {
		t.Fatalf("LoadConfig: %+v, %v", cfg, err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatalf("Validate refuses a broken user theme: %v", err)
	}
	opts := testOptions()
	opts.Config = cfg
	m := start(t, smallLibrary(t, 5), opts, 240, 24)
	status := statusLine(m)
	want := filepath.Join(dir, "broken.toml") + ":3: link:"
	if m.theme.Name != "auto" || !strings.Contains(status, want) || !strings.Contains(status, "using the auto theme") {
		t.Fatalf("theme %q, status %q; want the default and %q", m.theme.Name, status, want)
	}

	// A good one can be chosen and is in the cycle.
	if !slices.Contains(themes.Names(), "harbour") {
		t.Fatalf("names %v", themes.Names())
	}
	opts.Config.Theme = "harbour"
	m = start(t, smallLibrary(t, 5), opts, 80, 24)
	if m.theme.Name != "harbour" || m.styles.PaneTitle.GetForeground() != (themes.Pair{Light: "#ff77aa", Dark: "#ff77aa"}).Color(true) {
		t.Fatalf("theme %q: the user theme's accent is not used", m.theme.Name)
	}
	m = press(t, m, "t")
	if m.theme.Name != "auto" {
		t.Errorf("after the last theme came %q", m.theme.Name)
	}

	// A name no theme has is refused.
	if _, err := LoadConfig(writeConfig(t, "theme = \"neon\"\n")); err == nil || !strings.Contains(err.Error(), `unknown theme "neon"`) {
		t.Errorf("LoadConfig with an unknown theme: %v", err)
	}
	if err := (Config{Theme: "neon"}).Validate(); err == nil {
		t.Error("Validate passes an unknown theme")
	}
}

// hasColourSGR says whether s sets a colour: an SGR parameter for a
// foreground or background (30–49, 90–107, and the 38/48/58 extended forms).
func hasColourSGR(s string) bool {
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if n >= 30 && n <= 49 || n >= 90 && n <= 107 || n == 58 {
				return true
			}
		}
	}
	return false
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

func TestNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	lib, summit := sampleLibrary(t)
	opts := testOptions()
	opts.GlamourStyle = "" // the theme's own Markdown style
	opts.Config.Theme = "dark"
	m := start(t, lib, opts, 160, 40)
	m = send(t, m, tea.BackgroundColorMsg{Color: color.Black})
	m = selectStory(t, m, summit)
	m = press(t, m, "enter")

	screens := map[string]string{}
	for range themes.Names() {
		screens["reader in "+m.theme.Name] = m.View().Content
		m = press(t, m, "t")
		if !strings.Contains(m.status, "without colour: NO_COLOR is set") {
			t.Errorf("status %q does not say why the theme shows no colour", m.status)
		}
	}
	m = press(t, m, "esc", "c")
	compare := m.View().Content
	screens["compare"] = compare
	for name, s := range screens {
		if hasColourSGR(s) {
			t.Errorf("%s has colour escapes with NO_COLOR set", name)
		}
	}
	if v := m.View(); v.BackgroundColor != nil || v.ForegroundColor != nil {
		t.Error("the terminal is painted with NO_COLOR set")
	}
	// Emphasis survives: the selected row in reverse video, the unique
	// sentences marked in the gutter and underlined.
	reader := screens["reader in dark"]
	if !regexp.MustCompile(`\x1b\[(?:[0-9]*;)*7(?:;[0-9]*)*m▌`).MatchString(reader) {
		t.Errorf("the selected row is not in reverse video:\n%q", reader)
	}
	if !strings.Contains(ansiStrip(compare), "▌") || !regexp.MustCompile(`\x1b\[(?:[0-9]*;)*4(?:;[0-9]*)*m[A-Za-z]`).MatchString(compare) {
		t.Errorf("unique sentences are not marked:\n%s", ansiStrip(compare))
	}
}

// TestColourScreens are golden screens of the reader with its colours,
// in the light and the dark theme: the files show the theme (cat them in
// a terminal); run with -update to rewrite them.
func TestColourScreens(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	for _, theme := range []string{"light", "dark"} {
		t.Run(theme, func(t *testing.T) {
			opts := testOptions()
			opts.GlamourStyle = ""
			opts.Config.Theme = theme
			m := start(t, smallLibrary(t, 5), opts, 160, 30)
			m = send(t, m, tea.BackgroundColorMsg{Color: color.Black})
			m = press(t, m, "enter")
			v := m.View()
			if v.BackgroundColor == nil {
				t.Errorf("the %s theme does not paint the terminal", theme)
			}
			out := v.Content
			if !hasColourSGR(out) {
				t.Fatal("no colours on the screen")
			}
			golden.RequireEqual(t, out)
		})
	}
}

// TestPaintingWaitsForTheBackground checks that no theme paints the
// terminal before it has reported its own background: painting first
// would make the terminal report our colour.
func TestPaintingWaitsForTheBackground(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	opts := testOptions()
	opts.Config.Theme = "gruvbox"
	m := start(t, smallLibrary(t, 5), opts, 80, 24)
	if m.View().BackgroundColor != nil {
		t.Fatal("painted before the terminal reported its background")
	}
	m = send(t, m, tea.BackgroundColorMsg{Color: whiteColor{}})
	if bg := m.View().BackgroundColor; bg == nil || bg != (themes.Pair{Light: "#fbf1c7"}).Color(false) {
		t.Fatalf("on a light terminal gruvbox paints %v, want its light background", bg)
	}
	m = start(t, smallLibrary(t, 5), opts, 80, 24)
	m = send(t, m, backgroundWaitMsg{})
	if m.View().BackgroundColor == nil {
		t.Fatal("a terminal that never reports still gets the theme's background")
	}
}

// TestRealProgramIsDownsampled runs the reader as a real program for a
// 16-colour terminal: Bubble Tea's renderer brings every colour the theme
// and Glamour wrote in true colour down to the 16, so nothing of ours gets
// around it.
func TestRealProgramIsDownsampled(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a whole program")
	}
	t.Setenv("NO_COLOR", "")
	opts := testOptions()
	opts.GlamourStyle = ""
	opts.Config.Theme = "catppuccin"
	tm := teatest.NewTestModel(t, New(smallLibrary(t, 5), opts), teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.ANSI)))
	var seen bytes.Buffer
	waitFor := func(text string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			seen.Write(b)
			return bytes.Contains(seen.Bytes(), []byte(text))
		}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	waitFor("Harbour bridge to close")
	tm.Send(keyMsg("enter"))
	waitFor("council")
	tm.Send(keyMsg("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	out := seen.String()
	for _, deep := range []string{"38;2;", "48;2;", "38;5;", "48;5;"} {
		if strings.Contains(out, deep) {
			t.Errorf("a 16-colour terminal was sent %q colours", deep)
		}
	}
	if !hasColourSGR(out) {
		t.Error("no colour reached the 16-colour terminal")
	}
}

// TestNoAdHocStyles audits the reader's source: styles come from the
// theme's derivation alone, so no pane may make a style or a colour of its
// own.
func TestNoAdHocStyles(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	banned := regexp.MustCompile(`lipgloss\.NewStyle\(|lipgloss\.Color\(|lipgloss\.LightDark\(|\.(Foreground|Background|BorderForeground|BorderBackground)\(`)
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for i, line := range strings.Split(string(data), "\n") {
			if banned.MatchString(strings.ReplaceAll(line, "context.Background()", "")) {
				t.Errorf("%s:%d defines a style outside the theme: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
	if checked < 5 {
		t.Fatalf("audited only %d files", checked)
	}
}

func ExampleSaveTheme() {
	dir, _ := os.MkdirTemp("", "parallax")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "config.toml")
	os.WriteFile(path, []byte("theme = \"auto\" # changed by t\n\n[keys]\ntheme = \"T\"\n"), 0o600)
	SaveTheme(path, "solarized")
	data, _ := os.ReadFile(path)
	fmt.Print(string(data))
	// Output:
	// theme = "solarized" # changed by t
	//
	// [keys]
	// theme = "T"
}
