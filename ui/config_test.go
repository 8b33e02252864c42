package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadConfig(t *testing.T) {
	path := writeConfig(t, `# my settings
theme = "light"
refresh_minutes = 10

[keys]
quit = ["Q", "ctrl+c"]
down = "n"
next_source = ["shift+n", "Ctrl+Right"]
`)
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Theme != "light" || cfg.RefreshInterval() != 10*time.Minute {
		t.Fatalf("config %+v", cfg)
	}
	keys, err := cfg.KeyMap()
	if err != nil {
		t.Fatal(err)
	}
	if got := keys.Quit.Keys(); !slices.Equal(got, []string{"Q", "ctrl+c"}) {
		t.Errorf("quit keys %v", got)
	}
	if got := keys.Down.Keys(); !slices.Equal(got, []string{"n"}) {
		t.Errorf("down keys %v", got)
	}
	if got := keys.NextSource.Keys(); !slices.Equal(got, []string{"N", "ctrl+right"}) {
		t.Errorf("next_source keys %v", got)
	}
	if got := keys.NextSource.Help().Key; got != "N/ctrl+right" {
		t.Errorf("next_source help %q", got)
	}
	if got := keys.Up.Keys(); !slices.Equal(got, []string{"up", "k"}) {
		t.Errorf("an action not in the file lost its default keys: %v", got)
	}
}

func TestLoadConfigDefaults(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join(t.TempDir(), "missing.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Theme != "auto" || cfg.RefreshMinutes != DefaultRefreshMinutes {
		t.Fatalf("defaults %+v", cfg)
	}
	cfg, err = LoadConfig(writeConfig(t, "refresh_minutes = 0\n"))
	if err != nil || cfg.RefreshInterval() != 0 || cfg.Theme != "auto" {
		t.Fatalf("refresh off: %+v, %v", cfg, err)
	}
}

func TestLoadConfigErrorsNameFileAndLine(t *testing.T) {
	cases := []struct {
		name, text string
		line       int
		want       string
	}{
		{"unknown action", "theme = \"dark\"\n\n[keys]\nquit = [\"q\"]\nfly = [\"f\"]\n", 5, `unknown key action "fly"`},
		{"bad key", "[keys]\nquit = [\"q\"]\n\n  down = [\"ctrl+shift\"]\n", 4, `unknown key name "shift"`},
		{"bad modifier", "[keys]\nup = \"cmd+k\"\n", 2, `unknown modifier "cmd"`},
		{"not a string", "[keys]\nup = [1, 2]\n", 2, "keys must be strings in quotes, found the number 1"},
		{"key a number", "[keys]\n\nup = 5\n", 3, "want a key in quotes or a list of them, found the number 5"},
		{"key a table", "[keys]\nup = {x = 1}\n", 2, "want a key in quotes or a list of them, found a table"},
		{"conflict", "[keys]\nquit = \"q\"\nsave = \"j\"\n", 3, `key "j" is bound to both`},
		{"empty", "[keys]\nup = []\n", 2, `action "up" has no keys`},
		{"bad theme", "\ntheme = \"neon\"\n", 2, `unknown theme "neon"`},
		{"negative refresh", "refresh_minutes = -5\n", 1, "refresh_minutes is -5"},
		{"keep days for ever", "keep_days = 1000000\n", 1, "keep_days is 1000000; want 0 (keep everything) to 36500"},
		{"refresh past a duration", "refresh_minutes = 307445735\n", 1, "refresh_minutes is 307445735; want 0 (off) to 525600"},
		{"unknown setting", "theme = \"auto\"\ncolour = \"red\"\n", 2, `unknown setting "colour"`},
		{"syntax", "theme = \"auto\"\nrefresh_minutes = = 3\n", 2, ""},
		{"quoted action", "[keys]\n\"fly away\" = \"f\"\n", 2, `unknown key action "fly away"`},
		{"theme a number", "refresh_minutes = 5\ntheme = 7\n", 2, `theme is the number 7; want a theme name in quotes, such as "nord"`},
		{"refresh in quotes", "refresh_minutes = \"30\"\n", 1, `refresh_minutes is the text "30"; want a whole number of minutes`},
		{"keep days a fraction", "\nkeep_days = 1.5\n", 2, "keep_days is the number 1.5; want a whole number of days"},
		{"fulltext true", "fulltext = true\n", 1, `fulltext is true; want one of "on-open", "stories", "always", "never", in quotes`},
		{"keys a list", "keys = [\"q\"]\n", 1, "keys is a list; want a [keys] table"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeConfig(t, c.text)
			_, err := LoadConfig(path)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if want := path + ":" + strconv.Itoa(c.line) + ":"; !strings.HasPrefix(msg, want) {
				t.Errorf("error %q does not start with %q", msg, want)
			}
			if !strings.Contains(msg, c.want) {
				t.Errorf("error %q lacks %q", msg, c.want)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error is not one line: %q", msg)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
	if err := (Config{Keys: map[string][]string{"up": {"j"}}}).Validate(); err == nil {
		t.Fatal("a conflict between up and down passed")
	}
	if err := (Config{}).Validate(); err != nil {
		t.Fatalf("the zero config should mean defaults: %v", err)
	}
}

func TestDefaultConfigPath(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/x/conf")
	if got := DefaultConfigPath(); got != "/x/conf/parallax/config.toml" {
		t.Errorf("with XDG_CONFIG_HOME: %q", got)
	}
	t.Setenv("XDG_CONFIG_HOME", "relative/dir")
	t.Setenv("HOME", "/home/u")
	if got := DefaultConfigPath(); got != "/home/u/.config/parallax/config.toml" {
		t.Errorf("with a relative XDG_CONFIG_HOME: %q", got)
	}
}
