package ui

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// breakParser reads Markdown as Glamour does, with the extensions it
// enables, so that the lines it finds in a paragraph are the lines
// Glamour will render.
var breakParser = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList)).Parser()

// joinSoftBreaks joins the lines of each paragraph that end in a soft
// line break, so that the renderer, told to keep every newline it is
// given, keeps only the hard ones. Glamour otherwise reflows a
// paragraph whole: the lines of a poem, an address or a list of dates
// that a feed set apart with <br> ran together into one line.
func joinSoftBreaks(md string) string {
	src := []byte(md)
	doc := breakParser.Parse(text.NewReader(src))
	// Each soft break becomes one space in place of the span from the end
	// of its line's text to the start of the next line's, which takes
	// with it the next line's indent and any quote marker before it.
	type span struct{ from, to int }
	var joins []span
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		if lines == nil || lines.Len() < 2 || !holdsInline(n) {
			return ast.WalkContinue, nil
		}
		for i := 0; i < lines.Len()-1; i++ {
			line := lines.At(i)
			end := line.Stop
			for end > line.Start && (src[end-1] == '\n' || src[end-1] == '\r') {
				end--
			}
			if isHardBreak(src[line.Start:end]) {
				continue
			}
			from := end
			for from > line.Start && src[from-1] == ' ' {
				from--
			}
			joins = append(joins, span{from, lines.At(i + 1).Start})
		}
		return ast.WalkContinue, nil
	})
	if len(joins) == 0 {
		return md
	}
	var b bytes.Buffer
	b.Grow(len(src))
	at := 0
	for _, j := range joins {
		if j.from < at || j.to < j.from {
			continue
		}
		b.Write(src[at:j.from])
		b.WriteByte(' ')
		at = j.to
	}
	b.Write(src[at:])
	return b.String()
}

// holdsInline reports a block whose lines are running text: a paragraph,
// or the text of a tight list item or a definition. Code blocks and
// tables keep their lines as they are.
func holdsInline(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindTextBlock:
		return true
	}
	return false
}

// isHardBreak reports whether a line of a paragraph, without its newline,
// ends in a hard line break.
func isHardBreak(line []byte) bool {
	return bytes.HasSuffix(line, []byte("  ")) || bytes.HasSuffix(line, []byte("\\")) && !bytes.HasSuffix(line, []byte("\\\\"))
}
