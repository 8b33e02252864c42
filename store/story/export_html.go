package story

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"strings"
)

// ExportHTML writes a story as one self-contained HTML page: its styles
// inline, nothing to load (a content security policy forbids scripts,
// images, fonts and frames; images are links with their alt text), every
// piece of text from outside escaped by html/template, and links only to
// web and mail addresses.
func ExportHTML(s ExportStory) (string, error) {
	v := exportView{
		ID:      s.ID,
		Title:   exportHTMLLine(s.Title),
		Sources: exportHTMLLine(strings.Join(s.Sources, ", ")),
		Count:   exportCount(len(s.Articles), "article", "articles") + " from " + exportCount(len(s.Sources), "source", "sources"),
		Updated: exportTime(s.Updated),
		Saved:   s.Saved,
		Summary: exportHTMLSummary(exportSummarise(s.comparison())),
	}
	for _, a := range s.Articles {
		v.Articles = append(v.Articles, exportArticleView{
			Anchor: exportAnchor(a.ID),
			Source: exportHTMLLine(a.Source),
			Title:  exportHTMLLine(a.Title),
			Author: exportHTMLLine(a.Author),
			Date:   exportTime(a.Published),
			Kind:   exportKind(a),
			URL:    exportWebLink(a.URL),
			Image:  exportWebLink(a.Image),
			Blocks: exportBlocks(exportDropTags(exportSanitize(a.Text))),
		})
	}
	var b bytes.Buffer
	if err := exportPage.Execute(&b, v); err != nil {
		return "", fmt.Errorf("export story %d as HTML: %w", s.ID, err)
	}
	return exportVisible(b.String()), nil
}

// exportHTMLLine is one line of outside text for the page: sanitised and
// without the HTML tags it may carry, which html/template would show as
// text and a reader does not want to see.
func exportHTMLLine(s string) string { return exportLine(exportDropTags(s)) }

// exportHTMLSummary is sum with every piece of outside text made a line
// for the page.
func exportHTMLSummary(sum exportSummary) exportSummary {
	out := exportSummary{}
	for _, u := range sum.Unique {
		v := exportUnique{Source: exportHTMLLine(u.Source), Title: exportHTMLLine(u.Title), Anchor: u.Anchor, Cut: u.Cut}
		for _, s := range u.Sentences {
			v.Sentences = append(v.Sentences, exportHTMLLine(s))
		}
		out.Unique = append(out.Unique, v)
	}
	for _, q := range sum.Quotes {
		v := exportQuote{Text: exportHTMLLine(q.Text)}
		for _, s := range q.Sources {
			v.Sources = append(v.Sources, exportHTMLLine(s))
		}
		out.Quotes = append(out.Quotes, v)
	}
	for _, d := range sum.Discrepancies {
		v := exportDiscrepancy{About: exportHTMLLine(d.About)}
		for _, c := range d.Claims {
			v.Claims = append(v.Claims, exportClaim{Text: exportHTMLLine(c.Text), Source: exportHTMLLine(c.Source)})
		}
		out.Discrepancies = append(out.Discrepancies, v)
	}
	return out
}

// exportDropTags removes raw HTML tags from Markdown text, as a Markdown
// renderer that allows no HTML does, and turns autolinks (<https://...>)
// into links. An escaped \< stays text.
func exportDropTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2])
			i += 2
			continue
		case c == '<' && exportAutolink(s[i:]):
			end := strings.IndexByte(s[i:], '>')
			u := s[i+1 : i+end]
			b.WriteString("[" + u + "](" + u + ")")
			i += end + 1
			continue
		case c == '<' && i+1 < len(s) && exportTagStart(s[i+1]):
			if end := strings.IndexByte(s[i:], '>'); end >= 0 {
				i += end + 1
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

type exportView struct {
	ID                             int64
	Title, Sources, Count, Updated string
	Saved                          bool
	Articles                       []exportArticleView
	Summary                        exportSummary
}

type exportArticleView struct {
	Anchor, Source, Title, Author, Date, Kind, URL, Image string
	Blocks                                                []exportBlock
}

// exportBlock is one block of an article's text: a paragraph, a heading, a
// list, a quotation, an image, preformatted text or a rule.
type exportBlock struct {
	Kind    string // "p", "h", "ul", "ol", "quote", "image", "pre", "hr", "table"
	Level   int    // of a heading: 3 to 6, below the export's own
	Spans   []exportSpan
	Items   [][]exportSpan   // of a list; of a table, its header cells
	Rows    [][][]exportSpan // of a table: its rows of cells
	Text    string           // of preformatted text, or an image's alt text
	Href    string           // of an image
	Ordered bool
}

// exportSpan is a run of inline text with one style; Href makes it a link.
type exportSpan struct {
	Text             string
	Href             string
	Strong, Em, Code bool
	Break            bool // a hard line break, where the Markdown has one
}

// exportBlocks reads the Markdown parallax stores (what its HTML converter
// and article files produce) into blocks for the page.
func exportBlocks(md string) []exportBlock {
	var out []exportBlock
	var para []string
	var breaks []bool // whether a hard line break ends each line of para
	var quote []string
	var list *exportBlock
	flush := func() {
		if len(para) > 0 {
			out = append(out, exportBlock{Kind: "p", Spans: paragraphSpans(para, breaks)})
			para, breaks = nil, nil
		}
		if len(quote) > 0 {
			out = append(out, exportBlock{Kind: "quote", Spans: exportSpans(strings.Join(quote, " "))})
			quote = nil
		}
		if list != nil {
			out = append(out, *list)
			list = nil
		}
	}
	shift := exportHeadingShift(md)
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t")
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			flush()
			fence := t[:3]
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), fence); i++ {
				code = append(code, lines[i])
			}
			out = append(out, exportBlock{Kind: "pre", Text: strings.Join(code, "\n")})
		case exportHeading(t) > 0:
			flush()
			n := exportHeading(t)
			out = append(out, exportBlock{Kind: "h", Level: min(max(n+shift, 3), 6), Spans: exportSpans(strings.TrimSpace(strings.TrimRight(t[n:], "#")))})
		case exportRule(t):
			flush()
			out = append(out, exportBlock{Kind: "hr"})
		case i+1 < len(lines) && exportTableRow(t) && exportTableRule(strings.TrimSpace(lines[i+1])):
			flush()
			table := exportBlock{Kind: "table", Items: exportCells(t)}
			for i += 2; i < len(lines) && exportTableRow(strings.TrimSpace(lines[i])); i++ {
				table.Rows = append(table.Rows, exportCells(strings.TrimSpace(lines[i])))
			}
			i--
			out = append(out, table)
		case strings.HasPrefix(t, ">"):
			if len(para) > 0 || list != nil {
				flush()
			}
			quote = append(quote, strings.TrimSpace(strings.TrimLeft(t, ">")))
		default:
			if item, ordered, ok := exportBullet(t); ok {
				if len(para) > 0 || len(quote) > 0 || (list != nil && list.Ordered != ordered) {
					flush()
				}
				if list == nil {
					kind := "ul"
					if ordered {
						kind = "ol"
					}
					list = &exportBlock{Kind: kind, Ordered: ordered}
				}
				list.Items = append(list.Items, exportSpans(item))
				continue
			}
			if alt, href, ok := exportImage(t); ok {
				flush()
				out = append(out, exportBlock{Kind: "image", Text: alt, Href: href})
				continue
			}
			if list != nil && (strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t")) {
				last := len(list.Items) - 1
				list.Items[last] = append(list.Items[last], exportSpans(" "+t)...)
				continue
			}
			if len(quote) > 0 || list != nil {
				flush()
			}
			para = append(para, t)
			breaks = append(breaks, strings.HasSuffix(lines[i], "  "))
		}
	}
	flush()
	return out
}

// exportTableRow reports a line of a Markdown table: cells between pipes.
func exportTableRow(t string) bool {
	return strings.HasPrefix(t, "|") && strings.Count(t, "|") >= 2
}

// exportTableRule reports the line under a table's header: "|---|:--:|".
func exportTableRule(t string) bool {
	if !exportTableRow(t) {
		return false
	}
	for _, cell := range strings.Split(strings.Trim(t, "|"), "|") {
		c := strings.Trim(strings.TrimSpace(cell), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
}

// exportCells reads the cells of a table row, their inline Markdown
// included; a pipe escaped with a backslash stays in its cell.
func exportCells(t string) [][]exportSpan {
	t = strings.TrimSpace(t)
	t = strings.TrimPrefix(t, "|")
	if strings.HasSuffix(t, "|") && !strings.HasSuffix(t, `\|`) {
		t = t[:len(t)-1]
	}
	var cells [][]exportSpan
	start := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\\':
			i++
		case '|':
			cells = append(cells, exportSpans(strings.TrimSpace(t[start:i])))
			start = i + 1
		}
	}
	return append(cells, exportSpans(strings.TrimSpace(t[start:])))
}

// paragraphSpans reads the lines of one paragraph, joined by spaces but
// where a line ends in a hard break.
func paragraphSpans(lines []string, breaks []bool) []exportSpan {
	var spans []exportSpan
	from := 0
	for i := range lines {
		if breaks[i] && i < len(lines)-1 {
			spans = append(spans, exportSpans(strings.Join(lines[from:i+1], " "))...)
			spans = append(spans, exportSpan{Break: true})
			from = i + 1
		}
	}
	return append(spans, exportSpans(strings.Join(lines[from:], " "))...)
}

func exportHeading(t string) int {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n >= len(t) || t[n] != ' ' {
		return 0
	}
	return n
}

func exportRule(t string) bool {
	t = strings.ReplaceAll(t, " ", "")
	if len(t) < 3 {
		return false
	}
	for _, c := range []string{"-", "*", "_"} {
		if strings.Trim(t, c) == "" {
			return true
		}
	}
	return false
}

// exportBullet strips a list marker ("- ", "* ", "+ ", "1. ", "2) ").
func exportBullet(t string) (string, bool, bool) {
	if len(t) >= 2 && strings.ContainsRune("-*+", rune(t[0])) && t[1] == ' ' {
		return strings.TrimSpace(t[2:]), false, true
	}
	n := 0
	for n < len(t) && n < 4 && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(t) && (t[n] == '.' || t[n] == ')') && t[n+1] == ' ' {
		return strings.TrimSpace(t[n+2:]), true, true
	}
	return t, false, false
}

// exportImage reads a line that is one image and nothing else.
func exportImage(t string) (alt, href string, ok bool) {
	if !strings.HasPrefix(t, "![") {
		return "", "", false
	}
	end, text, target, found := exportLink(t, 1)
	if !found || end != len(t) {
		return "", "", false
	}
	return exportUnescape(text), exportHref(target), true
}

// exportLink reads "[text](target)" starting at the bracket at i, returning
// where it ends.
func exportLink(s string, i int) (end int, text, target string, ok bool) {
	j := closingBracket(s, i)
	if j >= len(s) || j+1 >= len(s) || s[j+1] != '(' {
		return 0, "", "", false
	}
	close, depth := -1, 0
	for k := j + 2; k < len(s) && close < 0; k++ {
		switch s[k] {
		case '\\':
			k++
		case '(':
			depth++
		case ')':
			if depth == 0 {
				close = k - (j + 2)
			}
			depth--
		}
	}
	if close < 0 {
		return 0, "", "", false
	}
	target = strings.TrimSpace(s[j+2 : j+2+close])
	if sp := strings.IndexAny(target, " \t"); sp >= 0 {
		target = target[:sp] // a title after the address is dropped
	}
	return j + 2 + close + 1, s[i+1 : j], strings.Trim(target, "<>"), true
}

// exportHref keeps well-formed web and mail addresses; anything else
// links nowhere.
func exportHref(raw string) string {
	if strings.ContainsAny(raw, exportNotInURL) {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host != "" {
			return u.String()
		}
	case "mailto":
		return u.String()
	}
	return ""
}

// exportSpans reads emphasis, code, links and images in one block's text.
// Images become links labelled with their alt text.
func exportSpans(s string) []exportSpan {
	var out []exportSpan
	var cur strings.Builder
	var strong, em bool
	emit := func() {
		if cur.Len() > 0 {
			out = append(out, exportSpan{Text: cur.String(), Strong: strong, Em: em})
			cur.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte(exportPunct, s[i+1]) >= 0:
			cur.WriteByte(s[i+1])
			i += 2
			continue
		case c == '`':
			if j := strings.IndexByte(s[i+1:], '`'); j >= 0 {
				emit()
				out = append(out, exportSpan{Text: s[i+1 : i+1+j], Code: true, Strong: strong, Em: em})
				i += j + 2
				continue
			}
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			if end, text, target, ok := exportLink(s, i+1); ok {
				emit()
				label := "image"
				if alt := exportLine(exportUnescape(text)); alt != "" {
					label = "image: " + alt
				}
				out = append(out, exportSpan{Text: "[" + label + "]", Href: exportHref(target), Em: true})
				i = end
				continue
			}
		case c == '[':
			if end, text, target, ok := exportLink(s, i); ok {
				emit()
				out = append(out, exportSpan{Text: exportPlain(text), Href: exportHref(target), Strong: strong, Em: em})
				i = end
				continue
			}
		case (c == '*' || c == '_') && i+1 < len(s) && s[i+1] == c:
			marker := s[i : i+2]
			if strong || strings.Contains(s[i+2:], marker) {
				emit()
				strong = !strong
				i += 2
				continue
			}
		case c == '*' || (c == '_' && (i == 0 || !exportWordByte(s[i-1]))) || (c == '_' && em && (i+1 == len(s) || !exportWordByte(s[i+1]))):
			if em || strings.IndexByte(s[i+1:], c) >= 0 {
				emit()
				em = !em
				i++
				continue
			}
		}
		cur.WriteByte(c)
		i++
	}
	emit()
	return out
}

// exportPunct are the characters a backslash escapes in Markdown.
const exportPunct = "\\`*_{}[]()#+-.!<>|~\"'"

func exportWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// exportPlain is a link's text without its Markdown.
func exportPlain(s string) string {
	var b strings.Builder
	for _, sp := range exportSpans(s) {
		b.WriteString(sp.Text)
	}
	return b.String()
}

func exportUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(exportPunct, s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var exportPage = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="parallax">
<title>{{.Title}}</title>
<style>
:root { color-scheme: light dark; --fg: #1d1d1f; --muted: #5f6368; --bg: #fdfcf9; --rule: #d8d4cc; --accent: #8a3b12; --mark: #fff1c7; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e3dd; --muted: #a19d96; --bg: #17171a; --rule: #3a3a40; --accent: #f0a060; --mark: #3b3320; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1.0625rem/1.6 Georgia, "Times New Roman", serif; }
main { max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1, h2, h3, h4, h5, h6, .meta, nav, .kind { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.25; }
h1 { font-size: 2rem; margin: 0 0 .5rem; }
h2 { font-size: 1.45rem; margin: 0 0 .25rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
.meta, .kind { color: var(--muted); font-size: .9rem; }
nav ol { padding-left: 1.25rem; }
article, section.comparison { border-top: 1px solid var(--rule); margin-top: 2.5rem; padding-top: 1.5rem; }
.source { color: var(--accent); font-family: system-ui, sans-serif; font-size: .85rem; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; margin: 0; }
a { color: var(--accent); overflow-wrap: anywhere; }
blockquote { margin: 1rem 0; padding: .25rem 0 .25rem 1rem; border-left: 3px solid var(--rule); }
blockquote footer { color: var(--muted); font-size: .9rem; margin-top: .25rem; }
pre { overflow-x: auto; padding: .75rem; border: 1px solid var(--rule); }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
.unique li { margin: .35rem 0; }
.unique li::marker { color: var(--accent); }
.figures li { margin: .35rem 0; }
.image { font-style: italic; color: var(--muted); }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--rule); padding: .3rem .6rem; text-align: left; vertical-align: top; }
mark { background: var(--mark); color: inherit; }
</style>
</head>
<body>
<main>
<header>
<h1>{{.Title}}</h1>
<p class="meta">Story {{.ID}} · {{.Count}}{{if .Sources}}: {{.Sources}}{{end}}{{if .Updated}} · updated {{.Updated}}{{end}}{{if .Saved}} · saved{{end}}</p>
</header>
{{if .Articles}}<nav>
<ol>
{{range .Articles}}<li><a href="#{{.Anchor}}">{{.Source}}: {{.Title}}</a></li>
{{end}}<li><a href="#comparison">Comparison</a></li>
</ol>
</nav>{{end}}
{{range .Articles}}<article id="{{.Anchor}}">
<p class="source">{{.Source}}</p>
<h2>{{.Title}}</h2>
<p class="meta">{{if .Author}}By {{.Author}} · {{end}}{{if .Date}}{{.Date}} · {{end}}{{.Kind}}{{if .URL}} · <a href="{{.URL}}">original article</a>{{end}}{{if .Image}} · <a href="{{.Image}}">lead image</a>{{end}}</p>
{{range .Blocks}}{{template "block" .}}{{else}}<p class="kind">The feed gave only this headline.</p>
{{end}}</article>
{{end}}<section class="comparison" id="comparison">
<h2>Comparison</h2>
<h3>What only one source reports</h3>
{{range .Summary.Unique}}<p><a href="#{{.Anchor}}"><strong>{{.Source}}</strong></a> <span class="meta">{{.Title}}</span></p>
{{if .Sentences}}<ul class="unique">
{{range .Sentences}}<li>{{.}}</li>
{{end}}</ul>
{{else}}<p class="kind">Nothing that no other source reports.</p>
{{end}}{{if .Cut}}<p class="kind">{{.Cut}}</p>
{{end}}{{end}}<h3>Quotes several sources carry</h3>
{{range .Summary.Quotes}}<blockquote><p>{{.Text}}</p><footer>— {{range $i, $s := .Sources}}{{if $i}}, {{end}}{{$s}}{{end}}</footer></blockquote>
{{else}}<p class="kind">No quote appears in more than one source.</p>
{{end}}<h3>Where the figures differ</h3>
{{if .Summary.Discrepancies}}<ul class="figures">
{{range .Summary.Discrepancies}}<li><strong>{{.About}}</strong>: {{range $i, $c := .Claims}}{{if $i}} vs {{end}}<mark>{{$c.Text}}</mark> ({{$c.Source}}){{end}}</li>
{{end}}</ul>
{{else}}<p class="kind">The sources agree on every figure they share.</p>
{{end}}</section>
</main>
</body>
</html>
{{define "spans"}}{{range .}}{{if .Break}}<br>{{else if .Href}}<a href="{{.Href}}">{{template "styled" .}}</a>{{else}}{{template "styled" .}}{{end}}{{end}}{{end}}
{{define "styled"}}{{if .Code}}<code>{{.Text}}</code>{{else if and .Strong .Em}}<strong><em>{{.Text}}</em></strong>{{else if .Strong}}<strong>{{.Text}}</strong>{{else if .Em}}<em>{{.Text}}</em>{{else}}{{.Text}}{{end}}{{end}}
{{define "block"}}{{if eq .Kind "p"}}<p>{{template "spans" .Spans}}</p>
{{else if eq .Kind "h"}}{{if eq .Level 3}}<h3>{{else if eq .Level 4}}<h4>{{else if eq .Level 5}}<h5>{{else}}<h6>{{end}}{{template "spans" .Spans}}{{if eq .Level 3}}</h3>{{else if eq .Level 4}}</h4>{{else if eq .Level 5}}</h5>{{else}}</h6>{{end}}
{{else if eq .Kind "ul"}}<ul>
{{range .Items}}<li>{{template "spans" .}}</li>
{{end}}</ul>
{{else if eq .Kind "ol"}}<ol>
{{range .Items}}<li>{{template "spans" .}}</li>
{{end}}</ol>
{{else if eq .Kind "quote"}}<blockquote><p>{{template "spans" .Spans}}</p></blockquote>
{{else if eq .Kind "image"}}<p class="image">{{if .Href}}<a href="{{.Href}}">Image{{if .Text}}: {{.Text}}{{end}}</a>{{else}}Image{{if .Text}}: {{.Text}}{{end}}{{end}}</p>
{{else if eq .Kind "pre"}}<pre><code>{{.Text}}</code></pre>
{{else if eq .Kind "hr"}}<hr>
{{else if eq .Kind "table"}}<table>
<thead><tr>{{range .Items}}<th>{{template "spans" .}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range .}}<td>{{template "spans" .}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{end}}{{end}}`))
