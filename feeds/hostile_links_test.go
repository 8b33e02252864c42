package feeds

import (
	"strings"
	"testing"
)

// TestDeceptiveLinksShowTheirDestination checks that a link whose text is
// one address while it leads to another is stored as the address it leads
// to, from HTML, from Markdown and from plain text, and that honest links
// and images are left alone.
func TestDeceptiveLinksShowTheirDestination(t *testing.T) {
	for _, c := range []struct{ in, want, gone string }{
		{`<p>Log in at <a href="https://evil.example/phish">https://bank.example/login</a> now.</p>`, "<https://evil.example/phish>", "bank.example"},
		{`<p><a href="https://evil.example/">www.bank.example</a></p>`, "<https://evil.example/>", "bank.example"},
		{`<p><a href="/phish">bank.example</a></p>`, "<https://news.example/phish>", "bank.example"},
		{"Plain text with [https://bank.example](https://evil.example/x) in it", "<https://evil.example/x>", "bank.example"},
		{`<p><a href="https://www.news.example/a">news.example</a></p>`, "[news.example](https://www.news.example/a)", ""},
		{`<p><a href="https://news.example/a">Read more</a></p>`, "[Read more](https://news.example/a)", ""},
		{`<p><img src="https://img.example/a.png" alt="bank.example"></p>`, "![bank.example](https://img.example/a.png)", ""},
	} {
		got := HTMLToMarkdown(c.in, "https://news.example/a/b")
		if !strings.Contains(got, c.want) || (c.gone != "" && strings.Contains(got, c.gone)) {
			t.Errorf("HTMLToMarkdown(%q) = %q; want %q without %q", c.in, got, c.want, c.gone)
		}
	}
	for _, name := range []string{"story.md", "story.txt"} {
		a, err := ReadArticle(name, []byte("Bank warning\n\nVisit [https://bank.example/login](https://evil.example/phish) today, the message said.\n"), "Desk")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Content, "<https://evil.example/phish>") || strings.Contains(a.Content, "bank.example") {
			t.Errorf("%s: content %q hides where its link goes", name, a.Content)
		}
	}
}
