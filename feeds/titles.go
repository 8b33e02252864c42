package feeds

import (
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/mmcdole/gofeed"

	"parallax/store/story"
)

// maxTitle is the most runes a title keeps. A real headline is a line or
// two; a feed that puts a whole article in its title would otherwise give
// a story list a row the length of a page.
const maxTitle = 300

// untitledLength is the most runes of a summary's first sentence that
// stand in for a missing title: about a headline's length.
const untitledLength = 100

// capTitle cuts a title longer than maxTitle at a word boundary and marks
// the cut.
func capTitle(title string) string {
	return cutRunes(title, maxTitle)
}

// untitled makes a title for an item that has none, so that it does not
// show as an empty row: the first sentence of its summary (else of its
// content, else of its media description), cut to about a headline's
// length, else words from its link.
func untitled(it *gofeed.Item, link string) string {
	if s := story.FirstSentence(itemPlainText(it)); s != "" {
		return cutRunes(s, untitledLength)
	}
	return linkTitle(link)
}

// itemPlainText is the text of an item's summary, else its content, else
// its media description, on one line and without markup.
func itemPlainText(it *gofeed.Item) string {
	for _, p := range []struct{ name, text string }{{"summary", it.Description}, {"content", it.Content}} {
		t := p.text
		if !isPlainPart(it, p.name) {
			t = plainText(clean(t, false))
		}
		if t = SanitizeLine(t); t != "" {
			return t
		}
	}
	if d, ok := mediaDescription(it.Extensions["media"], 0); ok {
		return SanitizeLine(plainText(clean(d.Value, false)))
	}
	return ""
}

// linkTitle names an item by its link: the words of the link's last path
// segment when it is a slug ("/2024/06/ferry-back-in-service.html" gives
// "Ferry back in service"), else the link without its scheme, query and
// fragment.
func linkTitle(link string) string {
	u, err := url.Parse(link)
	if err != nil || link == "" {
		return ""
	}
	last := path.Base(strings.TrimRight(u.Path, "/"))
	slug := SanitizeLine(strings.TrimSuffix(last, path.Ext(last)))
	if words := strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' || r == '+' }); len(words) >= 2 && hasLetters(words) {
		return cutRunes(capitalise(strings.Join(words, " ")), untitledLength)
	}
	return cutRunes(SanitizeLine(u.Host+strings.TrimRight(u.EscapedPath(), "/")), untitledLength)
}

// hasLetters reports whether most of words hold a letter, as a slug of
// words does and a run of numbers or an identifier does not.
func hasLetters(words []string) bool {
	n := 0
	for _, w := range words {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n*2 > len(words)
}
