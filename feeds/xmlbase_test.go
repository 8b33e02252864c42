package feeds

import (
	"testing"

	"parallax/store"
)

func TestParseRelativeXMLBase(t *testing.T) {
	p := parseFixture(t, "relative-base.xml", store.Feed{})
	if want := "https://mirror.example/feeds/news/index.html"; p.SiteURL != want {
		t.Errorf("site %q, want %q", p.SiteURL, want)
	}
	links := []string{
		"https://mirror.example/feeds/news/boathouse.html",
		"https://mirror.example/feeds/news/2024/regatta.html",
		"https://archive.example/old/pier.html",
	}
	for i, want := range links {
		if got := p.Articles[i].URL; got != want {
			t.Errorf("%s: link %q, want %q", p.Articles[i].Title, got, want)
		}
	}
	want := "See the [photos](https://mirror.example/feeds/photos/boathouse.html) ![fresh paint](https://mirror.example/feeds/news/paint.jpg)"
	if got := p.Articles[0].Content; got != want {
		t.Errorf("content\n%q, want\n%q", got, want)
	}
}

func TestAbsoluteXMLBases(t *testing.T) {
	tests := []struct{ doc, url, want string }{
		{`<feed xml:base="a/"><entry xml:base = 'b?x=1&amp;y=2'/></feed>`, "https://h.example/d/f.xml",
			`<feed xml:base="https://h.example/d/a/"><entry xml:base = 'https://h.example/d/a/b?x=1&amp;y=2'/></feed>`},
		{`<feed xml:base="a/"/>`, "file:///tmp/f.xml", `<feed xml:base="a/"/>`},
		{`<feed><title>no base</title></feed>`, "https://h.example/f.xml", `<feed><title>no base</title></feed>`},
	}
	for _, tt := range tests {
		if got := string(absoluteXMLBases([]byte(tt.doc), tt.url)); got != tt.want {
			t.Errorf("absoluteXMLBases(%q)\n = %q\nwant %q", tt.doc, got, tt.want)
		}
	}
}
