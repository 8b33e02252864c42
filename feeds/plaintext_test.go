package feeds

import (
	"strings"
	"testing"

	"parallax/store"
)

func TestParseAtomPlainText(t *testing.T) {
	p := parseFixture(t, "atom-text.xml", store.Feed{})
	text, html := p.Articles[0], p.Articles[1]
	if want := "Why HashMap<K, V> beats List<Pair> here"; text.Title != want {
		t.Errorf("text title %q, want %q", text.Title, want)
	}
	if want := `Lookups \<b>stay\</b> fast.`; text.Summary != want {
		t.Errorf("text summary %q, want %q", text.Summary, want)
	}
	want := "Opening lines of the note.\n\nWhen x\\<y and y>z the loop ends early.\n\\# this hash is no heading\nred text"
	if text.Content != want {
		t.Errorf("text content\n%q, want\n%q", text.Content, want)
	}
	if html.Title != "Marked up" || html.Content != "One **bold** word." {
		t.Errorf("html entry read as text: title %q content %q", html.Title, html.Content)
	}
}

func TestParseJSONFeedPlainText(t *testing.T) {
	p := parseFixture(t, "text-items.json", store.Feed{})
	text, html := p.Articles[0], p.Articles[1]
	if want := "Redirect with 2>&1 and <file"; text.Title != want {
		t.Errorf("title %q, want %q", text.Title, want)
	}
	want := "Pipe the output first.\nThen sort it.\n\n" +
		"Use a_b_c names, \\*globs\\* and https://tips.example/a_b/c_d paths.\n" +
		"\\- this dash opens no list\n1\\. nor does this number"
	if text.Content != want {
		t.Errorf("content_text\n%q, want\n%q", text.Content, want)
	}
	if html.Content != "Use `<pre>` blocks." {
		t.Errorf("content_html %q", html.Content)
	}
}

func TestTextToMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"one\n\n\n\ntwo", "one\n\ntwo"},
		{"  indented line  \n\tand a tab", "indented line\nand a tab"},
		{"2 < 3 > 1 & 4", "2 < 3 > 1 & 4"},
		{"<tag> and &amp; and &#38;", `\<tag> and \&amp; and \&#38;`},
		{"snake_case and _under_ and ~~gone~~", `snake_case and \_under\_ and \~\~gone\~\~`},
		{"`tick` [link](x) back\\slash and back\\*", "\\`tick\\` \\[link](x) back\\slash and back\\\\\\*"},
		{"> quoted\n+ plus\n===\n---\n12) twelve", "\\> quoted\n\\+ plus\n\\===\n\\---\n12\\) twelve"},
		{"1.5 million", "1.5 million"},
		{"red \x1b[31malert\x1b[0m\x07 here", "red alert here"},
	}
	for _, tt := range tests {
		if got := textToMarkdown(tt.in); got != tt.want {
			t.Errorf("textToMarkdown(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestTitleText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Using Vector<int> in C++", "Using Vector<int> in C++"},
		{"a<b>c", "a<b>c"},
		{"std::map<K,V> and Option<T>", "std::map<K,V> and Option<T>"},
		{"<b>Bold</b> move", "Bold move"},
		{`<a href="https://x.example/">Linked</a> story`, "Linked story"},
		{"Line<br>break and <img src=x.png> image", "Line break and  image"},
		{"<span>Quay</span> &amp; <I>harbour</I>", "Quay & harbour"},
		{"Tag <script>alert(1)</script>here", "Tag here"},
		{"AT&amp;T", "AT&T"},
		{"x < y <b", "x < y <b"},
	}
	for _, tt := range tests {
		if got := titleText(tt.in); got != tt.want {
			t.Errorf("titleText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := plainLine("Line<br>break and <img src=x.png> image"); got != "Line break and image" {
		t.Errorf("plainLine folds spaces: %q", got)
	}
}

func TestAtomPlainPartsIgnoresNestedSource(t *testing.T) {
	doc := `<feed xmlns="http://www.w3.org/2005/Atom"><entry><source><title type="text">S</title></source>` +
		`<title type="html">T</title><content type="text/plain">C</content></entry><entry/></feed>`
	got := atomPlainParts([]byte(doc))
	if len(got) != 2 || strings.Join(got[0], " ") != "content" || len(got[1]) != 0 {
		t.Errorf("atomPlainParts = %q", got)
	}
}

// TestDeclaresText: the test before reading an Atom document a second
// time for its plain-text parts passes every type plainType takes, and
// not the type="text/html" of the alternate link most feeds carry.
func TestDeclaresText(t *testing.T) {
	for in, want := range map[string]bool{
		`<link rel="alternate" type="text/html" href="https://x.example/"/>`: false,
		`<title type="text">a</title>`:                                       true,
		`<title type='text'>a</title>`:                                       true,
		`<content type="text/plain">a</content>`:                             true,
		`<content type="text/PLAIN">a</content>`:                             true,
		`<content type="text ">a</content>`:                                  true,
		`<content type="html">a</content>`:                                   false,
		`<x type="text`:                                                      false,
	} {
		if got := declaresText([]byte(in)); got != want {
			t.Errorf("declaresText(%s) = %v, want %v", in, got, want)
		}
	}
}
