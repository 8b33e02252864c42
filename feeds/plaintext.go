package feeds

import (
	"bytes"
	"encoding/xml"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/json"
	"golang.org/x/net/html/charset"
)

// itemPlain is the key under which an item's Custom map lists the parts
// of the item ("title", "summary", "content") that its feed declares to be
// plain text, not HTML. Like itemSource, it holds a space, so no element
// of a feed can pose as it.
const itemPlain = "parallax plain"

// markPlain records that part of it is plain text.
func markPlain(it *gofeed.Item, part string) {
	if it.Custom == nil {
		it.Custom = map[string]string{}
	}
	it.Custom[itemPlain] = strings.TrimSpace(it.Custom[itemPlain] + " " + part)
}

// isPlainPart reports whether the feed declared part of it plain text.
func isPlainPart(it *gofeed.Item, part string) bool {
	for _, p := range strings.Fields(it.Custom[itemPlain]) {
		if p == part {
			return true
		}
	}
	return false
}

// textedJSON translates JSON Feed as gofeed does and notes which of an
// item's texts are plain: JSON Feed allows HTML in content_html only, so
// an item's title, its summary and a content_text are text, in which
// "Vec<T>" is no tag.
type textedJSON struct{ *gofeed.DefaultJSONTranslator }

func (t textedJSON) Translate(feed any) (*gofeed.Feed, error) {
	doc, err := t.DefaultJSONTranslator.Translate(feed)
	if err != nil {
		return nil, err
	}
	for i, it := range feed.(*json.Feed).Items {
		if it == nil || i >= len(doc.Items) || doc.Items[i] == nil {
			continue
		}
		markPlain(doc.Items[i], "title")
		markPlain(doc.Items[i], "summary")
		if it.ContentHTML == "" {
			markPlain(doc.Items[i], "content")
		}
	}
	return doc, nil
}

// markAtomPlainText notes, on each entry of an Atom document, the title,
// summary and content that declare type="text". gofeed keeps the type of
// content only, and of none of them on its items, so the document's own
// markup is read for it. Only a document with such a type is read twice.
func markAtomPlainText(doc *gofeed.Feed, data []byte) {
	if doc.FeedType != "atom" || !declaresText(data) {
		return
	}
	for i, parts := range atomPlainParts(data) {
		if i >= len(doc.Items) {
			break
		}
		for _, p := range parts {
			if doc.Items[i] != nil {
				markPlain(doc.Items[i], p)
			}
		}
	}
}

// declaresText reports whether a document may hold a type="text" or
// type="text/plain" attribute (see plainType): a cheap test before reading
// it as XML again. The type="text/html" of the alternate link that nearly
// every Atom feed carries does not count.
func declaresText(data []byte) bool {
	for _, q := range []byte{'"', '\''} {
		prefix := []byte("type=" + string(q) + "text")
		for rest := data; ; {
			i := bytes.Index(rest, prefix)
			if i < 0 {
				break
			}
			rest = rest[i+len(prefix):]
			switch {
			case len(rest) == 0:
			case rest[0] == q, rest[0] == ' ', rest[0] == '\t', rest[0] == '\r', rest[0] == '\n':
				return true
			case rest[0] == '/' && len(rest) >= 6 && bytes.EqualFold(rest[1:6], []byte("plain")):
				return true
			}
		}
	}
	return false
}

// atomPlainParts lists, for each <entry> directly under the root in
// document order (the order gofeed gives items), which of its title,
// summary and content are plain text. A document the reader cannot finish
// yields what it read before the fault.
func atomPlainParts(data []byte) [][]string {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	var entries [][]string
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return entries
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 2 && isAtomElement(t.Name, "entry"):
				entries = append(entries, nil)
			case depth == 3 && len(entries) > 0 && isAtomTextConstruct(t.Name) && plainType(t.Attr):
				n := len(entries) - 1
				entries[n] = append(entries[n], t.Name.Local)
			}
		case xml.EndElement:
			depth--
		}
	}
}

// isAtomElement reports whether name is the Atom 1.0 or 0.3 element local.
func isAtomElement(name xml.Name, local string) bool {
	return name.Local == local && (name.Space == "http://www.w3.org/2005/Atom" || name.Space == "http://purl.org/atom/ns#")
}

func isAtomTextConstruct(name xml.Name) bool {
	return isAtomElement(name, "title") || isAtomElement(name, "summary") || isAtomElement(name, "content")
}

// plainType reports whether attrs declare a plain-text type: Atom 1.0's
// "text" or Atom 0.3's "text/plain".
func plainType(attrs []xml.Attr) bool {
	for _, a := range attrs {
		if a.Name.Local == "type" && a.Name.Space == "" {
			t := strings.ToLower(strings.TrimSpace(a.Value))
			return t == "text" || t == "text/plain"
		}
	}
	return false
}

// textToMarkdown turns plain text into Markdown that shows the same text:
// sanitised, its paragraphs (runs of lines between blank lines) kept, and
// only the characters that Markdown would read as markup escaped, so that
// an address such as https://example.org/x_y_z stays as it is.
func textToMarkdown(s string) string {
	s = Sanitize(s)
	if s == "" {
		return ""
	}
	var paras []string
	for _, p := range splitParagraphs(s) {
		lines := strings.Split(p, "\n")
		for i, l := range lines {
			lines[i] = escapeLineStart(escapeInline(strings.TrimSpace(l)))
		}
		paras = append(paras, strings.Join(lines, "\n"))
	}
	return strings.Join(paras, "\n\n")
}

// splitParagraphs splits text at its blank lines, dropping empty pieces.
func splitParagraphs(s string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

// escapeInline escapes the characters that open emphasis, code, links,
// HTML or entities. An underscore or tilde inside a word cannot open
// emphasis and is left alone; a lone "<" or "&" before a space is text.
func escapeInline(s string) string {
	var b strings.Builder
	for i, r := range s {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if needsEscape(r, prev, s[i+utf8.RuneLen(r):]) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// needsEscape reports whether r, after prev and before rest, would be
// read as Markdown.
func needsEscape(r, prev rune, rest string) bool {
	next, _ := utf8.DecodeRuneInString(rest)
	switch r {
	case '*', '`', '[':
		return true
	case '_', '~':
		return !isWordRune(prev) || !isWordRune(next)
	case '<':
		return unicode.IsLetter(next) || next == '/' || next == '!' || next == '?'
	case '&':
		return entityPattern().MatchString(rest)
	case '\\':
		return next != 0 && strings.ContainsRune(asciiPunct, next)
	}
	return false
}

// asciiPunct is the punctuation a Markdown backslash escapes.
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// entityPattern matches what follows the "&" of a character reference.
var entityPattern = lazyRegexp(`^(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// escapeLineStart escapes a line's opening that Markdown reads as a block:
// a heading, quote, list item, fence or heading underline.
func escapeLineStart(l string) string {
	if l == "" {
		return l
	}
	switch {
	case l[0] == '#' || l[0] == '>' || l[0] == '|':
		return `\` + l
	case (l[0] == '-' || l[0] == '+') && (len(l) == 1 || l[1] == ' '):
		return `\` + l
	case strings.Trim(l, "=") == "" || strings.Trim(l, "-") == "":
		return `\` + l
	}
	digits := len(l) - len(strings.TrimLeft(l, "0123456789"))
	if digits > 0 && digits < 10 && digits < len(l) && (l[digits] == '.' || l[digits] == ')') &&
		(digits+1 == len(l) || l[digits+1] == ' ') {
		return l[:digits] + `\` + l[digits:]
	}
	return l
}

// knownTags are the HTML elements that a title or name from a feed may
// carry as markup. Anything else in angle brackets, <int>, <T> or <K,V>,
// is text: titles are mostly plain, and code in them is common.
var knownTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "big": true, "br": true, "cite": true, "code": true,
	"del": true, "em": true, "font": true, "i": true, "img": true, "ins": true, "kbd": true,
	"mark": true, "p": true, "q": true, "s": true, "small": true, "span": true, "strike": true,
	"strong": true, "sub": true, "sup": true, "tt": true, "u": true, "wbr": true,
	"script": true, "style": true,
}

// voidTags are the known elements that have no end tag.
var voidTags = map[string]bool{"br": true, "img": true, "wbr": true}

// tagPattern matches a start, end or empty tag with optional attributes.
var tagPattern = lazyRegexp(`</?([A-Za-z][A-Za-z0-9]*)(\s[^<>]*)?/?>`)

// titleText is the text of a title or name that may carry a few HTML tags.
// Only known elements go, and a bare start tag only when its end tag
// follows, so "a<b>c" stays as it is while "<b>big</b> news" loses its
// markup. Script and style go with their content. Entities are decoded.
func titleText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	last, skipUntil := 0, ""
	lower := strings.ToLower(s)
	for _, m := range tagPattern().FindAllStringSubmatchIndex(s, -1) {
		name := strings.ToLower(s[m[2]:m[3]])
		closing := s[m[0]+1] == '/'
		if !knownTags[name] || !isMarkup(lower[m[1]:], name, closing, m[4] >= 0) {
			continue
		}
		if skipUntil == "" {
			b.WriteString(html.UnescapeString(s[last:m[0]]))
		}
		switch {
		case skipUntil != "" && closing && name == skipUntil:
			skipUntil = ""
		case skipUntil == "" && !closing && (name == "script" || name == "style"):
			skipUntil = name
		case name == "br" || name == "p":
			b.WriteByte(' ')
		}
		last = m[1]
	}
	if skipUntil == "" {
		b.WriteString(html.UnescapeString(s[last:]))
	}
	return b.String()
}

// isMarkup reports whether a known tag is markup rather than text: an end
// tag, a void element, a start tag with attributes, or a bare start tag
// whose end tag appears in rest, the lower-cased text after it.
func isMarkup(rest, name string, closing, hasAttrs bool) bool {
	return closing || voidTags[name] || hasAttrs || strings.Contains(rest, "</"+name+">")
}
