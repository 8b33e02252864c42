package feeds

import (
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// converters holds built Markdown converters. Building one registers every
// renderer, and a converter takes a lock for each character it escapes, so
// each goroutine borrows its own rather than all sharing one.
var converters = sync.Pool{New: func() any {
	return converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(),
		table.NewTablePlugin(),
	))
}}

// dropped are the elements whose content is never article text: code,
// styling, embedded frames and media, forms and page furniture.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Frame: true,
	atom.Frameset: true, atom.Noscript: true, atom.Object: true, atom.Embed: true,
	atom.Applet: true, atom.Form: true, atom.Button: true, atom.Input: true,
	atom.Select: true, atom.Textarea: true, atom.Svg: true, atom.Math: true,
	atom.Canvas: true, atom.Template: true, atom.Video: true, atom.Audio: true,
	atom.Source: true, atom.Track: true, atom.Head: true, atom.Meta: true,
	atom.Link: true, atom.Base: true, atom.Dialog: true,
}

// HTMLToMarkdown converts an HTML fragment or page from a feed or web page
// to Markdown, resolving relative links and images against base. Scripts,
// styles, frames, forms, hidden elements and tracking pixels (images of one
// pixel or less) are dropped; images are kept as ![alt](url); links to
// anything but the web or mail keep their text only. The result is
// sanitised. Text without markup is only sanitised.
func HTMLToMarkdown(src, base string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	// Escapes go first, while their terminators are still there: the
	// parser and converter drop some control bytes and would leave a
	// sequence without its end.
	src = Sanitize(src)
	if !strings.ContainsAny(src, "<&") {
		return unmaskLinks(src)
	}
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return Sanitize(plainText(src))
	}
	return nodeToMarkdown(doc, base)
}

// nodeToMarkdown converts a parsed document, which it changes, to Markdown.
func nodeToMarkdown(doc *html.Node, base string) string {
	prune(doc)
	var opts []converter.ConvertOptionFunc
	if base != "" {
		opts = append(opts, converter.WithDomain(base))
	}
	conv := converters.Get().(*converter.Converter)
	md, err := conv.ConvertNode(doc, opts...)
	converters.Put(conv)
	if err != nil {
		return Sanitize(textOf(doc))
	}
	return tidyMarkdown(Sanitize(string(md)))
}

var blankRuns = lazyRegexp(`\n{3,}`)

// tidyMarkdown trims trailing space from lines, but for the two spaces of
// a hard line break (a <br>: the lines of a poem or an address) before a
// line of text, and leaves at most one blank line between blocks.
func tidyMarkdown(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		trimmed := strings.TrimRight(l, " \t")
		if strings.HasSuffix(l, "  ") && trimmed != "" && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			trimmed += "  "
		}
		lines[i] = trimmed
	}
	return spaceLinks(unmaskLinks(strings.TrimSpace(blankRuns().ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))))
}

// spaceLinks puts a space between a link or image and another that follows
// it straight on, as pages set an image and its link, or two links, side by
// side: shown with their addresses, they would run together into one.
func spaceLinks(md string) string {
	if !strings.Contains(md, ")[") && !strings.Contains(md, ")![") && !strings.Contains(md, ")<") {
		return md
	}
	var b strings.Builder
	last := 0
	for _, at := range mdLink().FindAllStringIndex(md, -1) {
		end := at[1]
		rest := md[end:]
		if strings.HasPrefix(rest, "[") || strings.HasPrefix(rest, "![") || strings.HasPrefix(rest, "<http") {
			b.WriteString(md[last:end])
			b.WriteByte(' ')
			last = end
		}
	}
	if last == 0 {
		return md
	}
	b.WriteString(md[last:])
	return b.String()
}

var (
	// mdLink matches a Markdown link or image: its "!" if an image, its
	// text and its destination.
	mdLink = lazyRegexp(`(!?)\[((?:[^\[\]\\\n]|\\.){1,500})\]\(\s*<?([^()\s<>]+)>?(?:\s+"[^"\n]*")?\s*\)`)
	// addressLike matches text that reads as a web address.
	addressLike = lazyRegexp(`(?i)^(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$`)
)

// unmaskLinks rewrites each link whose text reads as a web address on
// another host than the one the link leads to, [https://bank.example](https://evil.example),
// as the address it leads to, so that what a reader sees is where the link
// goes.
func unmaskLinks(md string) string {
	if !strings.Contains(md, "](") {
		return md
	}
	return mdLink().ReplaceAllStringFunc(md, func(m string) string {
		sub := mdLink().FindStringSubmatch(m)
		if sub[1] == "!" {
			return m
		}
		text := strings.TrimSpace(strings.ReplaceAll(sub[2], `\`, ""))
		if !addressLike().MatchString(text) || linkHost(text) == linkHost(sub[3]) {
			return m
		}
		if u, err := url.Parse(sub[3]); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return "<" + sub[3] + ">"
		}
		return "[" + strings.NewReplacer("[", `\[`, "]", `\]`).Replace(sub[3]) + "](" + sub[3] + ")"
	})
}

// linkHost is the host an address names, lower-cased and without "www.",
// taking one written without a scheme as a web address.
func linkHost(s string) string {
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// prune removes from n what must not become text. A link to anything but
// the web or mail is replaced by its text.
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode || (c.Type == html.ElementNode && unwanted(c)):
			n.RemoveChild(c)
		case c.Type == html.ElementNode && c.DataAtom == atom.A && !safeLink(c):
			first := c.FirstChild
			for gc := c.FirstChild; gc != nil; {
				nx := gc.NextSibling
				c.RemoveChild(gc)
				n.InsertBefore(gc, c)
				gc = nx
			}
			n.RemoveChild(c)
			if first != nil {
				next = first
			}
		default:
			prune(c)
		}
		c = next
	}
}

// dropHidden removes from a whole page, head included, the elements no
// reader sees: hidden ones and tracking pixels. Extraction would otherwise
// lose the size that marks a pixel and keep it as an image.
func dropHidden(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && c.DataAtom != atom.Head && !dropped[c.DataAtom] && unwanted(c) {
			n.RemoveChild(c)
		} else {
			dropHidden(c)
		}
		c = next
	}
}

// unwanted reports elements to drop whole.
func unwanted(n *html.Node) bool {
	if dropped[n.DataAtom] {
		return true
	}
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	if v, _ := attr(n, "aria-hidden"); v == "true" && n.DataAtom != atom.Img {
		return true
	}
	style, _ := attr(n, "style")
	style = strings.ToLower(strings.ReplaceAll(style, " ", ""))
	if strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden") {
		return true
	}
	if n.DataAtom == atom.Img {
		return !keepImage(n, style)
	}
	return false
}

// keepImage reports whether an image is content: it has a web address and
// is larger than a tracking pixel. Lazy-loading pages keep the address in
// data-src, which is moved to src.
func keepImage(n *html.Node, style string) bool {
	src, _ := attr(n, "src")
	if lazy, ok := attr(n, "data-src"); ok && (src == "" || strings.HasPrefix(src, "data:")) {
		src = lazy
		setAttr(n, "src", lazy)
	}
	src = strings.TrimSpace(src)
	if src == "" || !safeScheme(src, false) {
		return false
	}
	for _, dim := range []string{"width", "height"} {
		if v, ok := attr(n, dim); ok && tiny(v) {
			return false
		}
		if i := strings.Index(style, dim+":"); i >= 0 && (i == 0 || style[i-1] == ';') && tiny(style[i+len(dim)+1:]) {
			return false
		}
	}
	return true
}

// tiny reports a size of one pixel or less.
func tiny(v string) bool {
	v = strings.TrimSpace(strings.ToLower(v))
	end := 0
	for end < len(v) && (v[end] >= '0' && v[end] <= '9' || v[end] == '.') {
		end++
	}
	if end == 0 {
		return false
	}
	n, err := strconv.ParseFloat(v[:end], 64)
	if err != nil {
		return false
	}
	unit := v[end:]
	return n <= 1 && (unit == "" || strings.HasPrefix(unit, "px") || strings.HasPrefix(unit, ";"))
}

// safeLink reports whether a link may stay a link: it has no address (an
// anchor) or one on the web or for mail.
func safeLink(n *html.Node) bool {
	href, ok := attr(n, "href")
	return !ok || safeScheme(strings.TrimSpace(href), true)
}

// safeScheme reports whether ref is relative or points at the web, or, for
// links, at a mail address.
func safeScheme(ref string, link bool) bool {
	u, err := url.Parse(ref)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
		return true
	case "mailto":
		return link
	}
	return false
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// plainText returns the text of an HTML fragment without tags, entities
// decoded. Text that has neither is returned as it is.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); a == atom.Script || a == atom.Style {
				skip++
			} else if a == atom.Br || a == atom.P || a == atom.Div || a == atom.Li {
				b.WriteByte(' ')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); (a == atom.Script || a == atom.Style) && skip > 0 {
				skip--
			}
		}
	}
}

// plainLine is the sanitised one-line text of a title or name that may
// carry markup.
func plainLine(s string) string {
	return SanitizeLine(titleText(clean(s, false)))
}

// textOf collects the text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && !isInline(n.DataAtom) {
			b.WriteString("\n")
		}
	}
	walk(n)
	return b.String()
}

func isInline(a atom.Atom) bool {
	switch a {
	case atom.A, atom.B, atom.I, atom.Em, atom.Strong, atom.Span, atom.Small, atom.Sub,
		atom.Sup, atom.Code, atom.Abbr, atom.Cite, atom.Q, atom.Mark, atom.U, atom.S, atom.Time:
		return true
	}
	return false
}
