package feeds

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
)

// Kind is what a file to import holds.
type Kind int

// The kinds of file import understands.
const (
	KindUnknown  Kind = iota
	KindOPML          // subscriptions in OPML
	KindURLs          // subscriptions in a newsboat urls file
	KindFeed          // an RSS, Atom or JSON Feed document
	KindText          // one article as plain text
	KindMarkdown      // one article as Markdown
	KindHTML          // one article as a web page
)

func (k Kind) String() string {
	switch k {
	case KindOPML:
		return "OPML"
	case KindURLs:
		return "urls file"
	case KindFeed:
		return "feed"
	case KindText:
		return "text article"
	case KindMarkdown:
		return "Markdown article"
	case KindHTML:
		return "HTML article"
	}
	return "unknown"
}

// IsArticle reports whether files of kind k are read with ReadArticle.
func (k Kind) IsArticle() bool {
	return k == KindText || k == KindMarkdown || k == KindHTML
}

// Sniff tells what a file holds by its content first and its name's
// extension only where content cannot tell: a feed saved as .txt is a feed,
// a urls list is known by every line being a URL, and text is Markdown or
// plain by its extension or, lacking one, by its headings.
func Sniff(name string, data []byte) Kind {
	if hasBOM(data) {
		if d, err := toUTF8(data, ""); err == nil {
			data = d
		}
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || isBinary(trimmed) {
		return KindUnknown
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch trimmed[0] {
	case '<':
		switch root := rootElement(trimmed); {
		case root == "opml":
			return KindOPML
		case root == "rss" || root == "rdf" || root == "feed":
			return KindFeed
		case root == "html" || looksLikeHTML(trimmed):
			return KindHTML
		case root != "" && atom.Lookup([]byte(root)) != 0 && ext != ".md" && ext != ".markdown":
			return KindHTML
		}
	case '{':
		head := trimmed[:min(len(trimmed), 4096)]
		if bytes.Contains(head, []byte(`"version"`)) && bytes.Contains(head, []byte("jsonfeed.org/version")) {
			return KindFeed
		}
		return KindUnknown
	}
	if isURLList(name, trimmed) {
		return KindURLs
	}
	switch ext {
	case ".md", ".markdown", ".mdown", ".mkd":
		return KindMarkdown
	case ".html", ".htm", ".xhtml":
		if bytes.Contains(trimmed, []byte("<")) {
			return KindHTML
		}
		return KindText
	case ".txt", ".text":
		return KindText
	case ".opml", ".xml", ".rss", ".atom":
		// Named as a list of feeds or a feed, but it is none: reading it
		// as an article would only hide what went wrong.
		return KindUnknown
	}
	if looksLikeMarkdown(trimmed) {
		return KindMarkdown
	}
	return KindText
}

// isBinary reports data that is not text: NUL bytes, or mostly invalid
// UTF-8, in its first kilobytes.
func isBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 && len(head)-i > 3 {
			bad++
		}
		i += n
	}
	return bad*10 > len(head)
}

// isURLList reports whether data reads as a newsboat urls file: the lines
// that are not blank or comments start with a feed URL or a newsboat query,
// or are one word that reads as a mistyped address ("htp://…",
// "www.example.org/feed"), which the import then names; a stray line of
// prose is allowed among many, or among any in a file named urls. A file
// of query and command lines alone is one too.
func isURLList(name string, data []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	urls, commands, other := 0, 0, 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		toks := urlsTokens(line)
		if len(toks) == 0 {
			continue
		}
		first := strings.ToLower(toks[0])
		switch {
		case isFeedURLWord(first) && !strings.ContainsAny(toks[0], " \t"):
			urls++
		case strings.HasPrefix(first, "query:"), strings.HasPrefix(first, "exec:"),
			strings.HasPrefix(first, "filter:"), strings.HasPrefix(first, "file:"):
			commands++
		case len(toks) == 1 && looksLikeAddress(first):
		default:
			other++
		}
	}
	if sc.Err() != nil {
		return false
	}
	if urls == 0 {
		// A file of newsboat's query and command feeds alone is still its
		// urls file, though none of its lines is a feed to subscribe to.
		return commands > 0 && other == 0
	}
	switch {
	case other == 0:
		return true
	case strings.EqualFold(filepath.Base(name), "urls"), strings.EqualFold(filepath.Ext(name), ".urls"):
		return urls >= other
	}
	return urls >= 4 && other*5 <= urls
}

// isFeedURLWord reports a word written as a feed URL in any of the schemes
// ParseURLs subscribes to: a list of feed: or file: URLs alone is as much a
// urls file as one of http URLs. A bare "feed:" or "file:" is a word of
// prose ("Feed: ..."), not a URL.
func isFeedURLWord(word string) bool {
	w := strings.ToLower(word)
	if rest, ok := strings.CutPrefix(w, "feed:"); ok {
		return strings.HasPrefix(rest, "//") || hasWebScheme(rest)
	}
	if rest, ok := strings.CutPrefix(w, "file:"); ok {
		return strings.HasPrefix(rest, "/")
	}
	return hasWebScheme(w)
}

// looksLikeAddress reports a word that is meant as an address: a scheme
// before a colon, or a dotted host before a slash.
func looksLikeAddress(word string) bool {
	if scheme, _, ok := strings.Cut(word, "://"); ok {
		return scheme != "" && strings.Trim(scheme, "abcdefghijklmnopqrstuvwxyz0123456789+.-") == ""
	}
	host, _, ok := strings.Cut(word, "/")
	return ok && strings.Contains(strings.Trim(host, "."), ".")
}

// looksLikeMarkdown reports text with Markdown headings or front matter.
func looksLikeMarkdown(data []byte) bool {
	if bytes.HasPrefix(data, []byte("---\n")) || bytes.HasPrefix(data, []byte("---\r\n")) {
		return true
	}
	for _, line := range bytes.SplitN(data, []byte("\n"), 40) {
		if bytes.HasPrefix(line, []byte("# ")) || bytes.HasPrefix(line, []byte("## ")) {
			return true
		}
	}
	return false
}
