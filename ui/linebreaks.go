package ui

import (
	"bytes"
	"strconv"
	"strings"

	"charm.land/glamour/v2/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// breakParser reads Markdown as Glamour does, with the extensions it
// enables, so that the lines it finds in a paragraph are the lines
// Glamour will render.
var breakParser = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList)).Parser()

// itemPad is what goes before a line of a list item that follows a hard
// break. Glamour writes an item's marker as text in the list's block, with
// no hanging indent, so the line would start under the marker; ordinary
// spaces would be dropped by the parser as indentation, non-breaking ones
// are kept and show as spaces.
const itemPad = "\u00a0"

// edit replaces src[from:to] with with.
type edit struct {
	from, to int
	with     string
}

// shapeLines readies Markdown for Glamour, told to keep every newline and
// render in style, so that it lays out the lines the text has:
//
//   - the lines of each paragraph that end in a soft line break are
//     joined, so that only the hard ones stay. Glamour otherwise reflows a
//     paragraph whole: the lines of a poem, an address or a list of dates
//     that a feed set apart with <br> ran together into one line;
//   - a line after a hard break in a list item starts under the item's
//     text, not under its bullet.
func shapeLines(md string, style ansi.StyleConfig) string {
	src := []byte(md)
	doc := breakParser.Parse(text.NewReader(src))
	var edits []edit
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if holdsInline(n) {
			edits = append(edits, paragraphEdits(src, n, itemMarkerWidth(n, style))...)
		}
		return ast.WalkContinue, nil
	})
	if len(edits) == 0 {
		return md
	}
	var b bytes.Buffer
	b.Grow(len(src) + 64)
	at := 0
	for _, e := range edits {
		if e.from < at || e.to < e.from {
			continue
		}
		b.Write(src[at:e.from])
		b.WriteString(e.with)
		at = e.to
	}
	b.Write(src[at:])
	return b.String()
}

// paragraphEdits joins the soft breaks of the running text n and pads the
// lines after its hard breaks with pad columns. Each soft break becomes one
// space in place of the span from the end of its line's text to the start
// of the next line's, which takes with it the next line's indent and any
// quote marker before it.
func paragraphEdits(src []byte, n ast.Node, pad int) []edit {
	lines := n.Lines()
	if lines == nil || lines.Len() < 2 {
		return nil
	}
	var edits []edit
	for i := 0; i < lines.Len()-1; i++ {
		line := lines.At(i)
		end := line.Stop
		for end > line.Start && (src[end-1] == '\n' || src[end-1] == '\r') {
			end--
		}
		next := lines.At(i + 1).Start
		if isHardBreak(src[line.Start:end]) {
			if pad > 0 {
				edits = append(edits, edit{next, next, strings.Repeat(itemPad, pad)})
			}
			continue
		}
		from := end
		for from > line.Start && src[from-1] == ' ' {
			from--
		}
		edits = append(edits, edit{from, next, " "})
	}
	return edits
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

// itemMarkerWidth is the width of the marker Glamour writes before the
// text n when n opens a list item ("• ", "12. ", "[ ] "), and 0 for any
// other text: only an item's first block starts after its marker.
func itemMarkerWidth(n ast.Node, style ansi.StyleConfig) int {
	item, ok := n.Parent().(*ast.ListItem)
	if !ok || item.FirstChild() != n {
		return 0
	}
	if box, ok := n.FirstChild().(*extast.TaskCheckBox); ok {
		mark := style.Task.Unticked
		if box.IsChecked {
			mark = style.Task.Ticked
		}
		return widthOf(mark + style.Task.BlockPrefix + style.Task.Prefix)
	}
	list, ok := item.Parent().(*ast.List)
	if !ok || !list.IsOrdered() {
		return widthOf(style.Item.BlockPrefix + style.Item.Prefix)
	}
	number := list.Start
	for s := item.PreviousSibling(); s != nil; s = s.PreviousSibling() {
		number++
	}
	return len(strconv.Itoa(number)) + widthOf(style.Enumeration.BlockPrefix+style.Enumeration.Prefix)
}
