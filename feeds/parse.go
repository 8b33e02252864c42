package feeds

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/rss"
	"golang.org/x/net/html/charset"
	xunicode "golang.org/x/text/encoding/unicode"

	"parallax/store"
)

// fullTextWords is how many words an item's content must have to count as
// the article's full text rather than a teaser.
const fullTextWords = 200

// summaryWords is the longest a summary may be before it is cut to its
// opening paragraphs.
const summaryWords = 80

// Parsed is a feed document read into articles.
type Parsed struct {
	Title    string // the feed's own title
	SiteURL  string // the site the feed belongs to
	Articles []store.Article
	Repeated int // items left out as repeats of an item before them
}

// ParseFeed parses a feed document (RSS 0.9x, 1.0 and 2.0, Atom 0.3 and 1.0,
// JSON Feed 1.x) and maps its items to articles of feed. Links are resolved
// against base, the URL the document came from; dates later than now are
// taken to be now. An article's Source is the outlet its item names as its
// source, as an aggregator's items do, else the feed's name (see
// mapItems), else base's host.
func ParseFeed(data []byte, feed store.Feed, base string, now time.Time) (Parsed, error) {
	doc, err := parseFeed(data, "", base)
	if err != nil {
		return Parsed{}, err
	}
	arts, repeated := mapItems(doc, feed, base, now)
	return Parsed{
		Title:    plainLine(doc.Title),
		SiteURL:  resolveLink(base, doc.Link),
		Articles: arts,
		Repeated: repeated,
	}, nil
}

// ParseFeedFile reads a feed file for a one-time import. name is the file's
// path, used in errors and to resolve relative links; source names the
// outlet of every item, and when empty each item's own source, else the
// feed's title, else the file's name does.
func ParseFeedFile(name string, data []byte, source string) (Parsed, error) {
	base := fileURL(name)
	doc, err := parseFeed(data, "", base)
	if err != nil {
		return Parsed{}, fail(name, err.Error(), err)
	}
	named := SanitizeLine(source)
	feed := store.Feed{Title: named, Named: named != ""}
	if !feed.Named {
		// mapItems credits the items to the feed's own title when it has
		// one; this is the name for when it has none.
		feed.Title, _ = splitFileName(name)
	}
	arts, repeated := mapItems(doc, feed, base, time.Now())
	if named != "" {
		// Named on the command line: over what the items say.
		for i := range arts {
			arts[i].Source = named
		}
	}
	return Parsed{
		Title:    plainLine(doc.Title),
		SiteURL:  resolveLink(base, doc.Link),
		Articles: arts,
		Repeated: repeated,
	}, nil
}

// parseFeed turns a document into a gofeed.Feed, explaining in a few words
// what is wrong when it is not one. contentType is the HTTP Content-Type,
// whose charset applies when the document declares none of its own; base
// is the address the document came from, against which its xml:base
// attributes are resolved.
func parseFeed(data []byte, contentType, base string) (*gofeed.Feed, error) {
	data, err := toUTF8(data, contentType)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("empty document")
	}
	if err := checkShape(data); err != nil {
		return nil, err
	}
	data = absoluteXMLBases(stripEscapes(controlRefsToBytes(data)), base)
	fp := gofeed.NewParser()
	// Item images are not used, and finding them parses every item's HTML
	// once more.
	fp.RSSTranslator = sourcedRSS{&gofeed.DefaultRSSTranslator{DisableContentImageScan: true}}
	fp.AtomTranslator = sourcedAtom{&gofeed.DefaultAtomTranslator{}}
	fp.JSONTranslator = textedJSON{&gofeed.DefaultJSONTranslator{}}
	doc, err := fp.Parse(bytes.NewReader(data))
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return nil, notFeed(data, contentType)
	case err != nil:
		msg := err.Error()
		if strings.Contains(msg, "invalid UTF-8") {
			return nil, errors.New("wrong encoding: not valid UTF-8 and no other encoding declared")
		}
		return nil, errors.New("malformed feed: " + firstLine(msg))
	case doc.FeedType == "json" && !strings.Contains(doc.FeedVersion, "jsonfeed.org/version/"):
		return nil, errors.New("not a feed (JSON without a JSON Feed version)")
	}
	markAtomPlainText(doc, data)
	return doc, nil
}

// maxItems is the most items a feed document may hold. Real feeds carry
// tens or hundreds; parsing and grouping cost grows with the count, so a
// document with more is refused before it is parsed.
const maxItems = 10000

// maxDepth is how deeply a feed's XML elements may nest. Real feeds nest a
// dozen levels; the parser's memory grows with the depth.
const maxDepth = 1000

// checkShape refuses, with a cheap scan before parsing, a document whose
// item count or nesting would make parsing it cost far more than its size
// suggests. The scan skips comments and CDATA and does not count HTML's
// empty elements, and the end of an item closes whatever sloppy markup in
// it left open; it need not be exact, only never refuse a real feed. A web
// page is left to the parser, which stops at its root element.
func checkShape(data []byte) error {
	if looksLikeHTML(data) {
		return nil
	}
	tooMany := func() error { return fmt.Errorf("too many items (more than %d)", maxItems) }
	if looksLikeJSONFeed(data) {
		// JSON nesting is bounded by the decoder; every item is an object.
		if bytes.Count(data, []byte("{")) > 10*maxItems {
			return tooMany()
		}
		return nil
	}
	items, depth := 0, 0
	var itemDepths []int // the depth at each open item's start
	isItem := func(name []byte) bool {
		if k := bytes.LastIndexByte(name, ':'); k >= 0 {
			name = name[k+1:]
		}
		return string(name) == "item" || string(name) == "entry"
	}
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return nil
		}
		rest := data[i+j+1:]
		i += j + 1
		switch {
		case bytes.HasPrefix(rest, []byte("![CDATA[")), bytes.HasPrefix(rest, []byte("!--")):
			end := []byte("]]>")
			if rest[1] == '-' {
				end = []byte("-->")
			}
			k := bytes.Index(rest, end)
			if k < 0 {
				return nil
			}
			i += k + len(end)
			continue
		case len(rest) == 0:
			return nil
		case rest[0] == '!' || rest[0] == '?':
			continue
		case rest[0] == '/':
			name := rest[1:]
			if k := bytes.IndexAny(name, " \t\r\n>"); k >= 0 {
				name = name[:k]
			}
			if n := len(itemDepths); n > 0 && isItem(name) {
				depth, itemDepths = itemDepths[n-1], itemDepths[:n-1]
			} else {
				depth--
			}
			continue
		}
		end := bytes.IndexByte(rest, '>')
		if end < 0 {
			return nil
		}
		name := rest[:end]
		if k := bytes.IndexAny(name, " \t\r\n/"); k >= 0 {
			name = name[:k]
		}
		selfClosing := end > 0 && rest[end-1] == '/'
		item := isItem(name)
		if item {
			if items++; items > maxItems {
				return tooMany()
			}
			if !selfClosing {
				itemDepths = append(itemDepths, depth)
			}
		}
		if k := bytes.LastIndexByte(name, ':'); k >= 0 {
			name = name[k+1:]
		}
		if !selfClosing && !isVoidElement(name) {
			if depth++; depth > maxDepth {
				return fmt.Errorf("elements nested too deeply (more than %d levels)", maxDepth)
			}
		}
		i += end + 1
	}
}

// isVoidElement reports HTML's elements that never have content.
func isVoidElement(name []byte) bool {
	switch strings.ToLower(string(name)) {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr":
		return true
	}
	return false
}

// stripEscapes removes terminal escape sequences from a raw document. The
// XML parser drops the ESC byte itself as illegal but keeps the rest of the
// sequence, which would then show as text; removing whole sequences first
// leaves nothing behind.
func stripEscapes(data []byte) []byte {
	if bytes.IndexByte(data, 0x1b) < 0 {
		return data
	}
	s := string(data)
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			i = skipEscape(s, i+1)
			continue
		}
		out = append(out, s[i])
		i++
	}
	return out
}

// looksLikeJSONFeed reports whether data opens as a JSON object, as a
// JSON Feed does.
func looksLikeJSONFeed(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// controlRefsToBytes rewrites the numeric character references of a raw
// document that XML does not allow (&#x1b;, &#7;): the parser refuses the
// whole feed over one of them. A control character becomes its raw byte,
// which stripEscapes and the parser then drop as they drop raw ones, with
// the rest of an escape sequence it opens; anything else not allowed
// (a surrogate, U+FFFE) is dropped here. JSON has no such references and
// may not hold raw control characters, so a JSON document is left alone.
func controlRefsToBytes(data []byte) []byte {
	i := bytes.Index(data, []byte("&#"))
	if i < 0 || looksLikeJSONFeed(data) {
		return data
	}
	// Most feeds have allowed references only (&#8217;): copy the
	// document only once one must go. data[:done] is settled.
	var out []byte
	done := 0
	for i >= 0 {
		r, n := charRef(data[i:])
		if n == 0 || xmlChar(r) {
			n = 2
		} else {
			if out == nil {
				out = make([]byte, 0, len(data))
			}
			out = append(out, data[done:i]...)
			if r < 0x20 {
				out = append(out, byte(r))
			}
			done = i + n
		}
		next := bytes.Index(data[i+n:], []byte("&#"))
		if next < 0 {
			break
		}
		i += n + next
	}
	if out == nil {
		return data
	}
	return append(out, data[done:]...)
}

// charRef reads the numeric character reference at the start of b, such
// as "&#x1b;" or "&#27;": the code point and its length, or 0 when b does
// not start with one.
func charRef(b []byte) (rune, int) {
	digits, base := 2, 10
	if len(b) > 2 && (b[2] == 'x' || b[2] == 'X') {
		digits, base = 3, 16
	}
	var v int64
	j := digits
	for ; j < len(b) && j-digits < 8; j++ {
		d := int64(-1)
		switch c := b[j]; {
		case '0' <= c && c <= '9':
			d = int64(c - '0')
		case base == 16 && 'a' <= c|0x20 && c|0x20 <= 'f':
			d = int64(c|0x20-'a') + 10
		}
		if d < 0 {
			break
		}
		v = v*int64(base) + d
	}
	if j == digits || j >= len(b) || b[j] != ';' || v > unicode.MaxRune {
		return 0, 0
	}
	return rune(v), j + 1
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		0x20 <= r && r <= 0xd7ff || 0xe000 <= r && r <= 0xfffd || 0x10000 <= r && r <= unicode.MaxRune
}

// notFeed says what a document that is not a feed looks like instead.
func notFeed(data []byte, contentType string) error {
	if enc := xmlEncoding(data); enc != "" {
		if e, _ := charset.Lookup(enc); e == nil {
			return fmt.Errorf("unsupported encoding %q", SanitizeLine(enc))
		}
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if looksLikeHTML(data) || mt == "text/html" {
		return errors.New("not a feed (got HTML)")
	}
	if root := rootElement(data); root != "" {
		return fmt.Errorf("not a feed (XML root element <%s>)", SanitizeLine(root))
	}
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		return errors.New("not a feed (JSON that is not a JSON Feed)")
	}
	return errors.New("not a feed")
}

// hasBOM reports whether data starts with a byte-order mark of UTF-8 or
// UTF-16, the marks toUTF8 reads.
func hasBOM(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}) ||
		bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff})
}

// toUTF8 decodes UTF-16 documents (known by their byte-order mark) and
// documents whose HTTP charset is not UTF-8 when they declare no encoding
// themselves, and drops a UTF-8 byte-order mark. A document that is UTF-8
// by its bytes (see isUTF8Text) is read as UTF-8 whatever its HTTP charset
// or its XML declaration names.
func toUTF8(data []byte, contentType string) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		out, err := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, errors.New("wrong encoding: bad UTF-16")
		}
		return dropEncodingDecl(out), nil
	case isUTF8Text(data):
		return dropEncodingDecl(data), nil
	}
	_, params, _ := mime.ParseMediaType(contentType)
	label := strings.ToLower(strings.TrimSpace(params["charset"]))
	if label == "" || label == "utf-8" || label == "utf8" || label == "us-ascii" || xmlEncoding(data) != "" {
		return data, nil
	}
	if !hasHighBytes(data) {
		return data, nil
	}
	r, err := charset.NewReaderLabel(label, bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("unsupported encoding %q", SanitizeLine(label))
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("wrong encoding: not valid %s", SanitizeLine(label))
	}
	return out, nil
}

// isUTF8Text reports a document that is valid UTF-8 and holds characters
// beyond ASCII. Text in another charset almost never makes valid UTF-8
// once it holds such a character (Latin-1's "é" alone is not), while
// servers and templates that call UTF-8 Latin-1 are common: such a
// document is UTF-8, whatever charset is named for it.
func isUTF8Text(data []byte) bool {
	return hasHighBytes(data) && utf8.Valid(data)
}

func hasHighBytes(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// dropEncodingDecl removes the encoding from an XML declaration of a
// document already decoded to UTF-8, so the XML parser does not decode it
// again.
func dropEncodingDecl(data []byte) []byte {
	if xmlEncoding(data) == "" {
		return data
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 {
		return data
	}
	loc := encodingAttrRE().FindIndex(data[:end])
	if loc == nil {
		return data
	}
	out := append([]byte{}, data[:loc[0]]...)
	return append(out, data[loc[1]:]...)
}

// encodingAttrRE matches the encoding attribute of an XML declaration, as
// xmlEncoding reads it.
var encodingAttrRE = lazyRegexp(`encoding[ \t\r\n]*=[ \t\r\n]*(?:"[^"]*"|'[^']*')`)

// xmlEncoding returns the encoding an XML declaration at the start of data
// names, or "".
func xmlEncoding(data []byte) string {
	data = bytes.TrimLeft(data, " \t\r\n\ufeff")
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 || end > 512 {
		return ""
	}
	decl := string(data[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	j := strings.IndexByte(rest[1:], q)
	if j < 0 {
		return ""
	}
	return rest[1 : 1+j]
}

// looksLikeHTML reports whether data begins like a web page.
func looksLikeHTML(data []byte) bool {
	head := bytes.ToLower(bytes.TrimLeft(data[:min(len(data), 2048)], " \t\r\n\ufeff"))
	if bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) {
		return true
	}
	if bytes.HasPrefix(head, []byte("<?xml")) || bytes.HasPrefix(head, []byte("<!--")) {
		return rootElement(data) == "html"
	}
	return bytes.HasPrefix(head, []byte("<")) &&
		(bytes.Contains(head, []byte("<head")) || bytes.Contains(head, []byte("<body")))
}

// rootElement returns the lower-cased local name of the first element of an
// XML document, or "" when there is none in its first few kilobytes.
func rootElement(data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(data[:min(len(data), 8192)]))
	d.Strict = false
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) { return r, nil }
	for range 64 {
		tok, err := d.RawToken()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return strings.ToLower(t.Name.Local)
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return ""
			}
		}
	}
	return ""
}

// itemSource is the key under which the translators below keep, in an
// item's Custom map, the name of the outlet the item came from. gofeed
// files there too every element of an item it does not know, by name; no
// XML name holds a space, so no element of a feed can pose as this key.
const itemSource = "parallax source"

// sourcedRSS translates RSS as gofeed does and keeps what gofeed drops:
// the <source> of each item, which an aggregator's feed (many outlets'
// headlines in one feed) uses to name the outlet of each.
type sourcedRSS struct{ *gofeed.DefaultRSSTranslator }

func (t sourcedRSS) Translate(feed any) (*gofeed.Feed, error) {
	doc, err := t.DefaultRSSTranslator.Translate(feed)
	if err != nil {
		return nil, err
	}
	for i, it := range feed.(*rss.Feed).Items {
		if it.Source != nil && i < len(doc.Items) {
			keepSource(doc.Items[i], it.Source.Title)
		}
	}
	return doc, nil
}

// sourcedAtom does for Atom what sourcedRSS does for RSS, with the title
// of an entry's <source>: a planet or an aggregator copies entries from
// the feeds of others.
type sourcedAtom struct{ *gofeed.DefaultAtomTranslator }

func (t sourcedAtom) Translate(feed any) (*gofeed.Feed, error) {
	doc, err := t.DefaultAtomTranslator.Translate(feed)
	if err != nil {
		return nil, err
	}
	for i, e := range feed.(*atom.Feed).Entries {
		if e.Source != nil && i < len(doc.Items) {
			keepSource(doc.Items[i], e.Source.Title)
		}
	}
	return doc, nil
}

// keepSource files name, the outlet an item came from, under itemSource in
// the item's Custom map.
func keepSource(it *gofeed.Item, name string) {
	if name = plainLine(name); name == "" {
		return
	}
	if it.Custom == nil {
		it.Custom = map[string]string{}
	}
	it.Custom[itemSource] = name
}

// separatorMarks set an outlet's name, or another label, apart at the end
// of a headline or an item's text, with a space on both sides of the mark
// in a headline ("Quay closes | The Coastal Times").
const separatorMarks = "-|–—·"

// titleSeparators are separatorMarks as a headline writes them.
var titleSeparators = func() []string {
	var seps []string
	for _, mark := range separatorMarks {
		seps = append(seps, " "+string(mark)+" ")
	}
	return seps
}()

// withoutSource drops from a headline the outlet's name that aggregators
// and many outlets append ("Quay closes - The Coastal Times"), which is
// no part of the news and would make every headline of one outlet share
// a name. The name may be written as the outlet's address or as part of
// the longer name its feed goes by (see sameOutlet).
func withoutSource(title, source string) string {
	if head, tail, ok := lastPart(title); ok && sameOutlet(tail, source) {
		return head
	}
	return title
}

// lastPart splits a headline at its last separator, when there is a
// headline before it.
func lastPart(title string) (head, tail string, ok bool) {
	at, sep := -1, ""
	for _, s := range titleSeparators {
		if i := strings.LastIndex(title, s); i > at {
			at, sep = i, s
		}
	}
	if at < 0 {
		return title, "", false
	}
	head, tail = strings.TrimSpace(title[:at]), strings.TrimSpace(title[at+len(sep):])
	return head, tail, head != "" && tail != ""
}

// sameOutlet reports whether tail, the end of a headline, names the
// outlet source: the same words give or take case, punctuation, a
// leading "The" and an address's ending ("coastaltimes.com" for "The
// Coastal Times"), or a run of the words of the longer name its feed goes
// by ("The Coastal Times" for "Politics – The Coastal Times").
func sameOutlet(tail, source string) bool {
	t, s := outletWords(tail), outletWords(source)
	if len(t) == 0 || len(s) == 0 {
		return false
	}
	if strings.Join(t, "") == strings.Join(s, "") {
		return true
	}
	for i := 0; i+len(t) <= len(s); i++ {
		if slices.Equal(s[i:i+len(t)], t) {
			return true
		}
	}
	return false
}

// outletWords are the words of an outlet's name in lower case, without a
// leading "the" or the ending of an address.
func outletWords(name string) []string {
	ws := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(ws) > 1 && ws[0] == "the" {
		ws = ws[1:]
	}
	for len(ws) > 1 && slices.Contains([]string{"com", "org", "net", "co", "uk", "www"}, ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	if len(ws) > 1 && ws[0] == "www" {
		ws = ws[1:]
	}
	return ws
}

// minSharedTail is the fewest headlines of one feed that must end with the
// same words for them to be the feed's label rather than news.
const minSharedTail = 3

// withoutSharedTail drops from the feed's headlines the words that end at
// least half of them, and minSharedTail or more: a site's name or section
// that every headline carries ("Quay closes | Harbour Online") whatever
// the feed calls itself.
func withoutSharedTail(arts []store.Article) {
	type parts struct{ head, tail string }
	split := make([]parts, len(arts))
	count := map[string]int{}
	for i, a := range arts {
		if head, tail, ok := lastPart(a.Title); ok {
			split[i] = parts{head, tail}
			count[tail]++
		}
	}
	for i, p := range split {
		if n := count[p.tail]; p.tail != "" && n >= minSharedTail && 2*n >= len(arts) {
			arts[i].Title = p.head
		}
	}
}

// withoutSourceTail drops the outlet's name from the end of an item's
// text, where an aggregator puts it after the headline's link; a sentence
// that ends with the name ends with its full stop instead.
func withoutSourceTail(text, source string) string {
	t := strings.TrimRightFunc(text, unicode.IsSpace)
	if source == "" || len(t) <= len(source) || !strings.EqualFold(t[len(t)-len(source):], source) {
		return text
	}
	head := t[:len(t)-len(source)]
	if r, _ := utf8.DecodeLastRuneInString(head); !unicode.IsSpace(r) {
		return text
	}
	return strings.TrimRightFunc(head, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(separatorMarks, r) })
}

// firstLine returns the first line of s.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// mapItems turns a parsed feed's items into articles of feed. An item the
// document repeats under an identity it already gave is dropped, the first
// kept: stored, both would be one article, which each fetch would change
// from one to the other and back. repeated counts those dropped. The
// feed's name, which the items carry as their source, is the title the
// feed gives now, unless feed.Named keeps feed.Title: a fetch records the
// feed's own title as the feed's, and the items it brings say the same.
func mapItems(doc *gofeed.Feed, feed store.Feed, base string, now time.Time) (arts []store.Article, repeated int) {
	source := SanitizeLine(feed.Title)
	if own := plainLine(doc.Title); source == "" || (!feed.Named && own != "") {
		source = own
	}
	if source == "" {
		source = hostName(base)
	}
	// Relative links in a feed read from a file belong to the site the
	// feed describes, not to the file.
	if !hasWebScheme(base) {
		if site := resolveLink("", doc.Link); site != "" {
			base = site
		}
	}
	now = now.UTC()
	arts = make([]store.Article, 0, len(doc.Items))
	seen := make(map[string]bool, len(doc.Items))
	links := make([]string, len(doc.Items))
	for i, it := range doc.Items {
		if it != nil {
			links[i] = itemLink(it, base)
		}
	}
	shared := sharedGUIDs(doc.Items, links)
	for i, it := range doc.Items {
		if it == nil {
			continue
		}
		guid := clip(SanitizeLine(it.GUID), 2048)
		if shared[it.GUID] {
			guid = ""
		}
		a := store.Article{
			FeedID:    feed.ID,
			Source:    source,
			GUID:      guid,
			URL:       links[i],
			Title:     itemTitle(it),
			Author:    itemAuthor(it),
			Published: itemTime(it, now),
			Fetched:   now,
		}
		summary := itemText(it, "summary", it.Description, base)
		content := itemText(it, "content", it.Content, base)
		if summary == "" && content == "" {
			summary = mediaSummary(it, base)
		}
		if content == "" {
			content = summary
		}
		if summary == "" || countWords(summary) > summaryWords {
			summary = excerpt(summary, content)
		}
		a.Summary, a.Content = summary, content
		a.FullText = countWords(content) >= fullTextWords
		if a.Title == "" {
			a.Title = untitled(it, a.URL)
		}
		// A GUID alone gives a reader nothing to read, see or open.
		if a.Title == "" && a.URL == "" && a.Content == "" {
			continue
		}
		if name := it.Custom[itemSource]; name != "" {
			a.Source = name
		}
		a.Title = capTitle(withoutSource(a.Title, a.Source))
		a.Summary, a.Content = withoutSourceTail(a.Summary, a.Source), withoutSourceTail(a.Content, a.Source)
		if a.GUID == "" && a.URL == "" {
			a.GUID = textGUID(it)
		}
		id := a.ItemKey()
		if seen[id] {
			repeated++
			continue
		}
		seen[id] = true
		arts = append(arts, a)
	}
	withoutSharedTail(arts)
	return arts, repeated
}

// textGUID is the GUID of an item that gives neither a GUID nor a link: a
// hash of its title and date as the document writes them, or of its title
// and text when it has no date. A live blog's updates that share one
// title are then as many articles, while the same item fetched again, or
// fetched with its text corrected, is found under the same GUID. The date
// is the published one as written, else the updated one: not the time
// itemTime reads, which moves a date in the future to the time of the
// fetch.
func textGUID(it *gofeed.Item) string {
	date := it.Published
	if date == "" {
		date = it.Updated
	}
	parts := []string{it.Title, date}
	if date == "" {
		parts = append(parts, it.Description, it.Content)
	}
	return hashGUID(strings.Join(parts, "\x00") + "\x00")
}

// hashGUID is the GUID parallax gives what came without one: the first
// half of the SHA-256 of its identifying text.
func hashGUID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(sum[:16])
}

// sharedGUIDs are the GUIDs the document gives to items of three or more
// different links (links[i] is the link of items[i]), or to every item
// when they have different links. A CMS that puts its site's address, or
// one fixed word, in every <guid> names no item by it: its items are known
// by their links instead, or all but the first would be dropped as
// repeats, and the next fetch would write its newest item over the one
// article kept. A GUID given twice, with a second link, is one item
// carried again as it was updated.
func sharedGUIDs(items []*gofeed.Item, links []string) map[string]bool {
	seen := make(map[[2]string]bool, len(items))  // GUID and link
	linkCount := make(map[string]int, len(items)) // different links by GUID
	for i, it := range items {
		if it == nil || it.GUID == "" || seen[[2]string{it.GUID, links[i]}] {
			continue
		}
		seen[[2]string{it.GUID, links[i]}] = true
		linkCount[it.GUID]++
	}
	var shared map[string]bool
	for guid, n := range linkCount {
		if n >= 3 || n >= 2 && n == len(items) {
			if shared == nil {
				shared = map[string]bool{}
			}
			shared[guid] = true
		}
	}
	return shared
}

// itemTitle is the item's title on one line: as it is when the feed
// declares it plain text, else without the few tags titles carry.
func itemTitle(it *gofeed.Item) string {
	if isPlainPart(it, "title") {
		return SanitizeLine(it.Title)
	}
	return plainLine(it.Title)
}

// itemText is part of an item, its summary or content, as Markdown: text
// the feed declares plain is kept as text, anything else is read as HTML.
func itemText(it *gofeed.Item, part, text, base string) string {
	if isPlainPart(it, part) {
		return textToMarkdown(text)
	}
	return HTMLToMarkdown(text, base)
}

// itemLink is the item's web address, resolved against base: its link,
// else its first other link, else a GUID that is a web address.
func itemLink(it *gofeed.Item, base string) string {
	cands := append([]string{it.Link}, it.Links...)
	cands = append(cands, it.GUID)
	for i, c := range cands {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		if i == len(cands)-1 && !strings.HasPrefix(c, "http://") && !strings.HasPrefix(c, "https://") {
			continue
		}
		if u := resolveLink(base, c); u != "" {
			return u
		}
	}
	return ""
}

// resolveLink resolves ref against base and returns it when it is a web
// address, else "".
func resolveLink(base, ref string) string {
	ref = SanitizeLine(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if b, err := url.Parse(base); err == nil && base != "" {
		r = b.ResolveReference(r)
	}
	if (r.Scheme != "http" && r.Scheme != "https") || r.Host == "" {
		return ""
	}
	return clip(SanitizeLine(r.String()), 4096)
}

// itemAuthor joins the names of an item's authors.
func itemAuthor(it *gofeed.Item) string {
	var names []string
	seen := map[string]bool{}
	people := it.Authors
	if len(people) == 0 && it.Author != nil {
		people = []*gofeed.Person{it.Author}
	}
	for _, p := range people {
		if p == nil {
			continue
		}
		n := bylineName(plainLine(p.Name))
		if n == "" {
			n = plainLine(p.Email)
		}
		if n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return clip(strings.Join(names, ", "), 300)
}

// bylineName is the name a byline gives ("By Jane Doe", "by: Jane Doe"),
// without the "By" that the reader and the export put before it anyway.
func bylineName(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 3 && strings.EqualFold(s[:2], "by") {
		if rest := strings.TrimLeft(s[2:], ": "); len(rest) < len(s)-2 && rest != "" {
			return rest
		}
	}
	return s
}

// itemTime is when the item was published, else updated; a time later
// than now is taken to be now.
func itemTime(it *gofeed.Item, now time.Time) time.Time {
	t := itemDate(it.Published, it.PublishedParsed)
	if t == nil {
		t = itemDate(it.Updated, it.UpdatedParsed)
	}
	// A date before 1971 is a zero or missing timestamp shown as the Unix
	// epoch, perhaps shifted by a time zone, not when the news appeared.
	if t == nil || t.IsZero() || t.Year() < 1971 {
		return time.Time{}
	}
	if t.After(now) {
		return now
	}
	return t.UTC()
}

// itemDate is the date raw gives, as gofeed parsed it unless raw ends in
// a named time zone, which gofeed may not know.
func itemDate(raw string, parsed *time.Time) *time.Time {
	if t, ok := namedZoneDate(raw); ok {
		return &t
	}
	return parsed
}

// excerpt is the opening of a long summary, or of the content when there
// is no summary: whole paragraphs up to about summaryWords words.
func excerpt(summary, content string) string {
	src := summary
	if src == "" {
		src = content
	}
	var out []string
	words := 0
	for _, p := range strings.Split(src, "\n\n") {
		p = strings.TrimSpace(p)
		if p == "" || strings.HasPrefix(p, "![") {
			continue
		}
		n := countWords(p)
		if words > 0 && words+n > summaryWords {
			break
		}
		if n > summaryWords*2 {
			p = cutWords(p, summaryWords)
		}
		out = append(out, p)
		words += n
		if words >= summaryWords/2 {
			break
		}
	}
	return strings.Join(out, "\n\n")
}

// cutWords keeps the first n words of s and marks the cut.
func cutWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return s
	}
	return strings.Join(f[:n], " ") + "…"
}

// cutRunes cuts s at a word boundary before n runes and marks the cut.
func cutRunes(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s // every title of a fetch comes here: most are short
	}
	cut := string([]rune(s)[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut) + "…"
}

// countWords counts the runs of letters or digits in s that stand apart.
func countWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w || (in && (r == '\'' || r == '’' || r == '-'))
	}
	return n
}

// clip cuts s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// hostName is the host of a URL without a leading "www.".
func hostName(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// fileURL is the file URL of a local path.
func fileURL(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
