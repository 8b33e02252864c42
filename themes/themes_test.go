package themes

import (
	"slices"
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
)

func TestNamesAndLookup(t *testing.T) {
	names := Names()
	for _, want := range []string{"auto", "dark", "light"} {
		if !slices.Contains(names, want) {
			t.Errorf("Names() = %v lacks %q", names, want)
		}
	}
	for _, n := range names {
		th, err := Lookup(strings.ToUpper(n))
		if err != nil || th.Name != n {
			t.Errorf("Lookup(%q) = %q, %v", strings.ToUpper(n), th.Name, err)
		}
	}
	_, err := Lookup("neon")
	if err == nil || !strings.Contains(err.Error(), `unknown theme "neon"`) || !strings.Contains(err.Error(), "auto, dark, light") {
		t.Fatalf("Lookup(neon) error = %v", err)
	}
}

func TestNextCycles(t *testing.T) {
	name := "auto"
	seen := []string{name}
	for range len(Names()) {
		name = Next(name)
		seen = append(seen, name)
	}
	if seen[len(seen)-1] != "auto" {
		t.Fatalf("cycle %v does not come back to auto", seen)
	}
	if Next("unknown") != Names()[0] {
		t.Fatal("an unknown name does not start the cycle over")
	}
}

func TestModesChooseTheirValues(t *testing.T) {
	auto, _ := Lookup("auto")
	dark, _ := Lookup("dark")
	light, _ := Lookup("light")
	for _, c := range []struct {
		th       Theme
		terminal bool
		want     bool
	}{
		{auto, true, true}, {auto, false, false},
		{dark, false, true}, {dark, true, true},
		{light, true, false}, {light, false, false},
	} {
		if got := c.th.Styles(c.terminal).Dark; got != c.want {
			t.Errorf("%s on a dark=%v terminal: Dark=%v", c.th.Name, c.terminal, got)
		}
	}
	if auto.Styles(true).Background != nil {
		t.Error("auto paints a background")
	}
	if dark.Styles(false).Background == nil || light.Styles(true).Background == nil {
		t.Error("a forced theme does not paint its background")
	}
}

func TestStylesFollowThePalette(t *testing.T) {
	th, _ := Lookup("auto")
	d, l := th.Styles(true), th.Styles(false)
	if d.Text.GetForeground() != lipgloss.Color(th.Palette.Text.Dark) {
		t.Error("dark text is not the palette's dark text colour")
	}
	if l.Text.GetForeground() != lipgloss.Color(th.Palette.Text.Light) {
		t.Error("light text is not the palette's light text colour")
	}
	if d.RowDim.GetForeground() == d.Row.GetForeground() {
		t.Error("dim rows look like normal rows")
	}
	th.Palette.Accent = Pair{Light: "#010203", Dark: "#040506"}
	if th.Styles(true).PaneTitle.GetForeground() != lipgloss.Color("#040506") {
		t.Error("changing the palette's accent did not change the pane title")
	}
}

func TestGlamourStyleRendersInPaletteColours(t *testing.T) {
	th, _ := Lookup("dark")
	cfg := th.Glamour(false)
	if cfg.Document.Color == nil || *cfg.Document.Color != th.Palette.Text.Dark {
		t.Fatalf("document colour %v, want the dark text colour", cfg.Document.Color)
	}
	if *cfg.Link.Color != th.Palette.Link.Dark {
		t.Fatal("links are not in the palette's link colour")
	}
	r, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(40))
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Render("# Title\n\nSome *text* with a [link](https://example.com).\n\n> quoted\n\n- one\n- two\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Title", "text", "quoted", "one"} {
		if !strings.Contains(out, want) {
			t.Errorf("render lacks %q:\n%s", want, out)
		}
	}
	light, _ := Lookup("light")
	if *light.Glamour(true).Document.Color != th.Palette.Text.Light {
		t.Error("the light theme's Glamour style uses dark colours")
	}
}
