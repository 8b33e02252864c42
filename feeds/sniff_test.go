package feeds

import (
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		data string
		want Kind
	}{
		{"subs.opml", string(readFixture(t, "import/nested.opml")), KindOPML},
		{"subs.txt", string(readFixture(t, "import/subscriptions-1.0.opml")), KindOPML},
		{"urls", string(readFixture(t, "import/urls")), KindURLs},
		{"feeds.txt", "https://a.example/rss\n# comment\nhttps://b.example/atom tag\n", KindURLs},
		// A mistyped address is a bad line of a list, not an article.
		{"list.txt", "https://a.example/rss\nhtps://b.example/atom\nwww.c.example/feed.xml\n", KindURLs},
		{"mine.urls", "https://a.example/rss\nfeeds/world.xml\n", KindURLs},
		// ParseURLs subscribes to feed: and file: URLs, so a list of them alone is a list too.
		{"feeds.txt", "feed://example.org/rss\nfeed:https://b.example/atom\n", KindURLs},
		{"local", "file:///tmp/x/atom.xml\nFILE:/srv/feeds/rss.xml tag\n", KindURLs},
		{"note.txt", "Feed: the cat\nFile: report 12\n", KindText},
		{"story.txt", "Brexit\n\nhttps://a.example/rss\n", KindText},
		{"feed.xml", string(readFixture(t, "feeds/rss2.xml")), KindFeed},
		{"feed.txt", string(readFixture(t, "feeds/atom10.xml")), KindFeed},
		{"feed.rdf", string(readFixture(t, "feeds/rss1.rdf")), KindFeed},
		{"feed.json", string(readFixture(t, "feeds/feed.json")), KindFeed},
		{"data.json", `{"name": "not a feed"}`, KindUnknown},
		{"story.txt", string(readFixture(t, "articles/messy-page.txt")), KindText},
		{"story", "Headline\n\nA paragraph of text.", KindText},
		{"story.md", "Headline\n\nText", KindMarkdown},
		{"notes", "# Headline\n\nText", KindMarkdown},
		{"page.html", string(readFixture(t, "articles/saved-page.html")), KindHTML},
		{"page.txt", "<!DOCTYPE html><html><body><p>x</p></body></html>", KindHTML},
		{"fragment.htm", "<article><p>Text</p></article>", KindHTML},
		{"story.md", "<!-- draft -->\n# Title\n\nText", KindMarkdown},
		{"empty.txt", "  \n", KindUnknown},
		{"image.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", KindUnknown},
		{"url-then-text.txt", "https://a.example/story\nHeadline\n\nSome text.", KindText},
		{"subs.opml", "not an opml <<", KindUnknown},
		{"feed.rss", "Headline\n\nSome text.", KindUnknown},
	}
	for _, tt := range tests {
		if got := Sniff(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("Sniff(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSniffURLsWithStrayLines(t *testing.T) {
	stray := "https://a.example/rss\nnonsense line\n"
	if got := Sniff("/home/me/.newsboat/urls", []byte(stray)); got != KindURLs {
		t.Errorf("file named urls with a stray line: %v", got)
	}
	if got := Sniff("notes.txt", []byte(stray)); got != KindText {
		t.Errorf("short text with one URL: %v", got)
	}
	many := strings.Repeat("https://a.example/rss\n", 5) + "oops\n"
	if got := Sniff("list.txt", []byte(many)); got != KindURLs {
		t.Errorf("five URLs and a stray line: %v", got)
	}
}
