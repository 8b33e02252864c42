package themes

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestLoadUserInherits(t *testing.T) {
	ts, errs := LoadUser(filepath.Join("testdata", "user"))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	byName := map[string]Theme{}
	var names []string
	for _, th := range ts {
		byName[th.Name] = th
		names = append(names, th.Name)
	}
	if !slices.Equal(names, []string{"dusk", "harbour", "plain"}) {
		t.Fatalf("themes %v, want dusk, harbour, plain (sorted, .toml files only)", names)
	}

	h := byName["harbour"]
	if h.Base != "nord" || h.Mode != Auto || h.Path != filepath.Join("testdata", "user", "harbour.toml") {
		t.Errorf("harbour: base %q mode %v path %q", h.Base, h.Mode, h.Path)
	}
	if h.Palette.Accent != (Pair{Light: "#ff77aa", Dark: "#ff77aa"}) {
		t.Errorf("harbour accent %v: a #rgb colour for both sides", h.Palette.Accent)
	}
	if h.Palette.Link != (Pair{Light: nord.Link.Light, Dark: "#8be9fd"}) {
		t.Errorf("harbour link %v: only the dark side was set", h.Palette.Link)
	}
	if h.Palette.Unique != (Pair{Light: "#9a3412", Dark: nord.Unique.Dark}) {
		t.Errorf("harbour unique %v: a [unique] table set the light side", h.Palette.Unique)
	}
	want := nord
	want.Accent, want.Link, want.Unique = h.Palette.Accent, h.Palette.Link, h.Palette.Unique
	if h.Palette != want {
		t.Errorf("harbour does not inherit the rest of nord:\n%+v\n%+v", h.Palette, want)
	}

	d := byName["dusk"]
	if d.Base != "harbour" || d.Mode != Light {
		t.Errorf("dusk: base %q mode %v", d.Base, d.Mode)
	}
	if d.Palette.Accent != h.Palette.Accent {
		t.Error("dusk does not inherit harbour's accent")
	}
	if d.Paints(false) || d.Palette.Background != (Pair{}) {
		t.Errorf("dusk set an empty background, yet paints %v", d.Palette.Background)
	}

	p := byName["plain"]
	if p.Base != "dark" || p.Mode != Dark || p.Palette.Text != (Pair{Light: "252", Dark: "252"}) {
		t.Errorf("plain: base %q mode %v text %v; want base dark by default", p.Base, p.Mode, p.Palette.Text)
	}
	if p.Styles(false).Text.GetForeground() == nil || p.Glamour(false).Document.Color == nil || *p.Glamour(false).Document.Color != "252" {
		t.Error("an ANSI colour number does not reach the styles")
	}
	if ts, errs := LoadUser(filepath.Join(t.TempDir(), "missing")); ts != nil || errs != nil {
		t.Errorf("a missing directory gave %v, %v", ts, errs)
	}
}

func writeThemes(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadUserErrorsNameFileLineAndKey(t *testing.T) {
	cases := []struct {
		name, file, text string
		line             int
		key, want        string
	}{
		{"bad colour", "a.toml", "base = \"nord\"\n\naccent = \"#12345\"\n", 3, "accent", `"#12345" is not a colour`},
		{"bad word", "a.toml", "text = \"blue\"\n", 1, "text", `"blue" is not a colour`},
		{"bad side", "a.toml", "# x\nlink = { light = \"#fff\", dark = \"nope\" }\n", 2, "link", `dark: "nope" is not a colour`},
		{"bad side key", "a.toml", "link = { medium = \"#fff\" }\n", 1, "link", `unknown key "medium" (want light, dark)`},
		{"bad table", "a.toml", "base = \"dark\"\n[quote]\nlight = \"#xyz\"\n", 2, "quote", `light: "#xyz" is not a colour`},
		{"number out of range", "a.toml", "saved = 300\n", 1, "saved", "300 is not an ANSI colour number"},
		{"not a colour", "a.toml", "saved = true\n", 1, "saved", "found true or false"},
		{"unknown key", "a.toml", "base = \"dark\"\ncolour = \"#ffffff\"\n", 2, "colour", "unknown key (keys: base, mode, background, text"},
		{"unknown base", "a.toml", "\n\nbase = \"neon\"\n", 3, "base", `unknown theme "neon" (themes: auto, dark, light`},
		{"base not a string", "a.toml", "base = 4\n", 1, "base", "want a string, found a number"},
		{"bad mode", "a.toml", "mode = \"dim\"\n", 1, "mode", `"dim" is not a mode; want auto, dark or light`},
		{"syntax", "a.toml", "accent = \"#ffffff\"\ntext = = 1\n", 2, "", "expected value"},
		{"built-in name", "Nord.toml", "accent = \"#ffffff\"\n", 0, "", `"nord" is a built-in theme`},
		{"bad file name", "my theme.toml", "accent = \"#ffffff\"\n", 0, "", `"my theme" is not a theme name`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeThemes(t, map[string]string{c.file: c.text, "good.toml": "accent = \"#ffffff\"\n"})
			ts, errs := LoadUser(dir)
			if len(ts) != 1 || ts[0].Name != "good" {
				t.Errorf("themes %v: the good file next to the bad one is lost", ts)
			}
			if len(errs) != 1 {
				t.Fatalf("errors %v, want one", errs)
			}
			var fe *FileError
			if !errors.As(errs[0], &fe) {
				t.Fatalf("error %T is not a *FileError", errs[0])
			}
			msg := errs[0].Error()
			path := filepath.Join(dir, c.file)
			prefix := path + ":"
			if c.line > 0 {
				prefix += strconv.Itoa(c.line) + ":"
			}
			if c.key != "" {
				prefix += " " + c.key + ":"
			}
			if fe.Path != path || fe.Line != c.line || fe.Key != c.key || !strings.HasPrefix(msg, prefix) {
				t.Errorf("error %q (line %d, key %q), want it to start %q", msg, fe.Line, fe.Key, prefix)
			}
			if !strings.Contains(msg, c.want) {
				t.Errorf("error %q lacks %q", msg, c.want)
			}
			if strings.ContainsAny(msg, "\n\x1b") {
				t.Errorf("error is not one clean line: %q", msg)
			}
		})
	}
}

func TestLoadUserBasesAndCycles(t *testing.T) {
	dir := writeThemes(t, map[string]string{
		"a.toml":      "base = \"b\"\n",
		"b.toml":      "# b\nbase = \"a\"\n",
		"c.toml":      "base = \"a\"\n",
		"d.toml":      "base = \"broken\"\naccent = \"#000000\"\n",
		"broken.toml": "accent = \"#0000\"\n",
		"self.toml":   "\nbase = \"SELF\"\n",
		"e.toml":      "base = \"f\"\n",
		"f.toml":      "base = \"gruvbox\"\nunread = \"#123456\"\n",
	})
	ts, errs := LoadUser(dir)
	var names []string
	for _, th := range ts {
		names = append(names, th.Name)
	}
	if !slices.Equal(names, []string{"e", "f"}) {
		t.Errorf("loaded %v, want only e and f", names)
	}
	if e := ts[0]; e.Palette.Unread.Dark != "#123456" || e.Palette.Text != gruvbox.Text || e.Base != "f" {
		t.Errorf("e does not inherit through f from gruvbox: %+v", e)
	}
	msgs := map[string]string{}
	for _, err := range errs {
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Fatalf("%v is not a *FileError", err)
		}
		msgs[filepath.Base(fe.Path)] = err.Error()
	}
	expect := map[string]string{
		"a.toml":      "a.toml:1: base: themes inherit in a cycle: a → b → a",
		"b.toml":      "b.toml:2: base: themes inherit in a cycle: b → a → b",
		"c.toml":      `c.toml:1: base: base theme "a" could not be loaded (see a.toml)`,
		"d.toml":      `d.toml:1: base: base theme "broken" could not be loaded (see broken.toml)`,
		"broken.toml": `broken.toml:1: accent: "#0000" is not a colour`,
		"self.toml":   "self.toml:2: base: themes inherit in a cycle: self → self",
	}
	if len(msgs) != len(expect) {
		t.Errorf("errors %v", errs)
	}
	for file, want := range expect {
		if !strings.HasSuffix(msgs[file], want) && !strings.Contains(msgs[file], want) {
			t.Errorf("%s: error %q, want %q", file, msgs[file], want)
		}
	}
}

func TestUntrustedKeysAreQuoted(t *testing.T) {
	dir := writeThemes(t, map[string]string{"a.toml": "\"\\u001b[31mred\" = \"#ffffff\"\n"})
	_, errs := LoadUser(dir)
	if len(errs) != 1 {
		t.Fatalf("errors %v", errs)
	}
	if msg := errs[0].Error(); strings.Contains(msg, "\x1b") || !strings.Contains(msg, `"\x1b[31mred": unknown key`) {
		t.Fatalf("error %q shows a raw escape or lacks the quoted key", msg)
	}
}

func TestInstallRegistersUserThemes(t *testing.T) {
	t.Cleanup(func() { Install("") })
	dir := writeThemes(t, map[string]string{
		"zest.toml":   "base = \"solarized\"\naccent = \"#d33682\"\n",
		"broken.toml": "base = \"light\"\ntext = \"#12\"\n",
	})
	errs := Install(dir)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "broken.toml:2: text:") {
		t.Fatalf("install errors %v", errs)
	}
	if got := Problems(); len(got) != 1 || got[0] != errs[0] {
		t.Errorf("Problems() = %v", got)
	}
	names := Names()
	if names[len(names)-1] != "zest" || slices.Contains(names, "broken") {
		t.Errorf("Names() = %v: want the user theme last and the broken one left out", names)
	}
	if th, err := Lookup("ZEST"); err != nil || th.Palette.Accent.Dark != "#d33682" {
		t.Errorf("Lookup(ZEST) = %+v, %v", th, err)
	}
	if Next("solarized") != "zest" || Next("zest") != "auto" {
		t.Errorf("the cycle skips the user theme: %s, %s", Next("solarized"), Next("zest"))
	}
	_, err := Lookup("broken")
	if err == nil || errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), `theme "broken": `+filepath.Join(dir, "broken.toml")+":2: text:") {
		t.Errorf("Lookup(broken) = %v; want the file's problem, not unknown", err)
	}
	if _, err := Lookup("neon"); !errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), "zest") {
		t.Errorf("Lookup(neon) = %v; want ErrUnknown listing the user theme", err)
	}

	Install("")
	if slices.Contains(Names(), "zest") || len(Problems()) != 0 {
		t.Error("installing no directory did not clear the user themes")
	}
	if _, err := Lookup("broken"); !errors.Is(err, ErrUnknown) {
		t.Errorf("after clearing, Lookup(broken) = %v", err)
	}
}
