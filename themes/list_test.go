package themes

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

func TestListShowsEveryThemeWithSwatches(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	t.Cleanup(func() { Install("") })
	if errs := Install(filepath.Join("testdata", "user")); len(errs) > 0 {
		t.Fatal(errs)
	}
	var b bytes.Buffer
	if err := List(&b, ListOptions{Profile: colorprofile.TrueColor}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	plain := ansi.Strip(out)
	for _, name := range Names() {
		if !strings.Contains(plain, "\n"+name+" ") && !strings.HasPrefix(plain, name+" ") {
			t.Errorf("listing lacks %s:\n%s", name, plain)
		}
	}
	if !strings.Contains(plain, "based on nord, from "+filepath.Join("testdata", "user", "harbour.toml")) {
		t.Errorf("the user theme does not say where it comes from:\n%s", plain)
	}
	// A swatch of nord's dark background and of gruvbox's light one.
	for _, want := range []string{"48;2;46;52;64m", "48;2;251;241;199m"} {
		if !strings.Contains(out, want) {
			t.Errorf("listing lacks the swatch %q", want)
		}
	}
	if strings.Contains(plain, "Harbour bridge") {
		t.Error("a plain listing shows previews")
	}
}

func TestListPreview(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	var b bytes.Buffer
	if err := List(&b, ListOptions{Preview: true, Profile: colorprofile.TrueColor}); err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(b.String())
	// Each theme previews a headline, a story row with its marks, a
	// sentence only one source reports, and a link; auto-following themes
	// once for each background.
	variantsShown := 0
	for _, th := range builtins {
		variantsShown += len(variants(th))
	}
	for _, want := range []string{"Harbour bridge to close for repairs", "●★ Council backs ferry plan", "▍ Only the Courier reports", "https://news.example/harbour"} {
		if n := strings.Count(plain, want); n != variantsShown {
			t.Errorf("%q shown %d times, want %d", want, n, variantsShown)
		}
	}
	// Solarized's unique mark in its orange, on its dark background.
	if !strings.Contains(b.String(), "38;2;203;75;22;48;2;0;43;54m▍") {
		t.Error("the solarized preview does not draw the unique mark in its colours")
	}
}

func TestListRespectsTheColourProfile(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	var b bytes.Buffer
	if err := List(&b, ListOptions{Preview: true, Profile: colorprofile.ANSI}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "38;2;") || strings.Contains(out, "48;2;") || strings.Contains(out, "38;5;") {
		t.Error("a 16-colour listing has true or 256 colours")
	}
	if !hasColourSGR(out) {
		t.Error("a 16-colour listing has no colour")
	}

	b.Reset()
	if err := List(&b, ListOptions{Preview: true, Profile: colorprofile.NoTTY}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Error("a listing for a pipe has escape sequences")
	}
}

func TestListWithoutColour(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	var b bytes.Buffer
	if err := List(&b, ListOptions{Preview: true, Profile: colorprofile.TrueColor}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if hasColourSGR(out) {
		t.Error("NO_COLOR listing has colours")
	}
	if !strings.Contains(out, "\x1b[7;1m") && !strings.Contains(out, "\x1b[1;7m") {
		t.Errorf("NO_COLOR preview does not show the selected row in reverse video:\n%q", out)
	}
	if !strings.Contains(ansi.Strip(out), "text #e6edf3, accent #b392f0") {
		t.Errorf("NO_COLOR listing does not give the palette as text:\n%s", ansi.Strip(out))
	}
}
