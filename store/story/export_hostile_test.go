package story

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// hostileMarkup is what a page might smuggle into an article to run code
// or mislead when the export is opened in a browser.
const hostileMarkup = `<script>alert(1)</script><img src=x onerror=alert(2)>"><svg onload=alert(3)>` +
	`[click](javascript:alert(4)) [file](file:///etc/passwd) [data](data:text/html,<script>alert(5)</script>)`

// hostileTerminal is what could drive a terminal if the export were
// printed to one: escapes, a C1 control and bidirectional overrides.
const hostileTerminal = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[31m\u009b2J\u202e\u2066"

// exportUnsafe reports what in an exported page could run, load or
// drive a terminal: an element that runs or loads, an event handler, a
// link anywhere but the web, mail or the page itself, a control character
// or a bidirectional control.
func exportUnsafe(page string) string {
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "svg", "img", "iframe", "object", "embed", "link", "base", "form", "math",
			"video", "audio", "source":
			return "a <" + tok.Data + "> element"
		}
		for _, a := range tok.Attr {
			switch {
			case strings.HasPrefix(a.Key, "on"):
				return "an event handler " + a.Key
			case a.Key == "src" || a.Key == "srcset":
				return "something to load from " + a.Val
			case a.Key == "href" && !strings.HasPrefix(a.Val, "https://") && !strings.HasPrefix(a.Val, "http://") &&
				!strings.HasPrefix(a.Val, "mailto:") && !strings.HasPrefix(a.Val, "#"):
				return "a link to " + a.Val
			}
		}
	}
	if !utf8.ValidString(page) {
		return "invalid UTF-8"
	}
	for _, r := range page {
		switch {
		case r < 0x20 && r != '\n' && r != '\t', r == 0x7f, r >= 0x80 && r <= 0x9f:
			return "a control character"
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return "a bidirectional control"
		}
	}
	return ""
}

// TestExportHTMLHostileStory exports a story whose every field is hostile
// and checks that nothing in the page can run, load, or drive a terminal,
// and that every link goes to the web or to mail.
func TestExportHTMLHostileStory(t *testing.T) {
	s := ExportStory{
		ID: 7, Title: "Bridge " + hostileMarkup + hostileTerminal, Sources: []string{"Desk" + hostileTerminal, `"><b>bold</b>`},
		Updated: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC),
		Articles: []ExportArticle{{
			ID: 1, Source: "Desk" + hostileTerminal, Title: "Bridge reopens " + hostileMarkup,
			URL: `javascript:alert(6)`, Author: `Sam"><script>alert(7)</script>`, Image: `https://img.example/a.png"onerror="alert(8)`,
			Text: "The bridge reopened " + hostileTerminal + " today. " + hostileMarkup + "\n\n" +
				"# Heading " + hostileMarkup + "\n\n- item " + hostileMarkup + "\n\n> quote " + hostileTerminal + "\n\n" +
				"```\ncode " + hostileMarkup + hostileTerminal + "\n```\n\n![alt " + hostileMarkup + "](javascript:alert(9))",
		}, {
			ID: 2, Source: "Wire", Title: "Bridge opens again", URL: "https://wire.example/bridge",
			Text: "The bridge opened again today, engineers said. [Read more](https://wire.example/more)",
		}},
	}
	page, err := ExportHTML(s)
	if err != nil {
		t.Fatal(err)
	}
	if bad := exportUnsafe(page); bad != "" {
		t.Errorf("the exported page carries %s", bad)
	}
	if !strings.Contains(page, "https://wire.example/more") {
		t.Error("an honest link was lost")
	}
	md := ExportMarkdown(s)
	for i, r := range md {
		if r < 0x20 && r != '\n' && r != '\t' || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			t.Fatalf("the Markdown export carries %U at byte %d", r, i)
		}
	}
	if strings.Contains(md, "javascript:alert(6)") {
		t.Error("the Markdown export links the article's javascript: address")
	}
}

// FuzzExportHTML exports any text as an article: the page never carries
// anything that runs or loads, and links only to the web and mail.
func FuzzExportHTML(f *testing.F) {
	f.Add("Title", "Plain text.\n\n- a\n- b\n\n> q\n\n```\nx\n```")
	f.Add("T "+hostileMarkup, hostileMarkup+"\n\n"+hostileMarkup)
	f.Add("[a](b)", "**[x](https://e.example/a_b)** _y_ `z` ![i](https://i.example/i.png) <https://auto.example>")
	f.Fuzz(func(t *testing.T, title, text string) {
		page, err := ExportHTML(ExportStory{ID: 1, Title: title, Articles: []ExportArticle{{ID: 1, Title: title, Source: title, Text: text}}})
		if err != nil {
			return
		}
		// Terminal safety is the sanitiser's on the way in; what the
		// page must never do, whatever text it is given, is run or load.
		if bad := exportUnsafe(page); bad != "" && !strings.HasPrefix(bad, "a control") &&
			!strings.HasPrefix(bad, "a bidi") && bad != "invalid UTF-8" {
			t.Fatalf("the page carries %s", bad)
		}
	})
}
