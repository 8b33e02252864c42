package ui

import (
	"bytes"
	"strconv"
	"strings"

	"charm.land/glamour/v2/ansi"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"parallax/mdsource"
)

// itemPad is what goes before a line of a list item that follows a hard
// break. Glamour writes an item's marker as text in the list's block, with
// no hanging indent, so the line would start under the marker; ordinary
// spaces would be dropped by the parser as indentation, non-breaking ones
// are kept and show as spaces.
const itemPad = "\u00a0"

// shapeLines readies Markdown for Glamour, told to keep every newline and
// wrap to width in style, so that it lays out the lines the text has:
//
//   - the lines of each paragraph that end in a soft line break are
//     joined, so that only the hard ones stay. Glamour otherwise reflows a
//     paragraph whole: the lines of a poem, an address or a list of dates
//     that a feed set apart with <br> ran together into one line;
//   - with hang, the text of each list item, and of each quote or list
//     in one, is taken out, to be rendered apart and put back with its
//     further lines under its text and its block under the item's text
//     (see hangItems and nudge); without, only a line after a hard break
//     in a list item starts under the item's text, not under its bullet;
//   - a line of code too wide for the pane is wrapped here, each further
//     line at the line's own indent and two more, because Glamour wraps
//     code as running text, from the margin, losing the indent that shows
//     how the code nests.
func shapeLines(md string, width int, style ansi.StyleConfig, hang bool) (string, *itemTexts) {
	src := []byte(md)
	doc := mdsource.Parse(src)
	var edits []mdsource.Edit
	var refs []ast.Node
	items := &itemTexts{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		switch {
		case n.Kind() == ast.KindLinkReferenceDefinition:
			refs = append(refs, n)
		case holdsInline(n):
			if hang {
				if edit, ok := items.take(src, n, width, style); ok {
					edits = append(edits, edit)
					break
				}
			}
			edits = append(edits, paragraphEdits(src, n, itemMarkerWidth(n, style))...)
		case n.Kind() == ast.KindCodeBlock || n.Kind() == ast.KindFencedCodeBlock:
			edits = append(edits, codeEdits(src, n, codeRoom(n, width, style))...)
		}
		return ast.WalkContinue, nil
	})
	if len(items.blocks) > 0 {
		items.defineLinks(refs)
	}
	return mdsource.Apply(md, edits), items
}

// paragraphEdits joins the soft breaks of the running text n and pads the
// lines after its hard breaks with pad columns. Each soft break becomes one
// space in place of the span from the end of its line's text to the start
// of the next line's, which takes with it the next line's indent and any
// quote marker before it.
func paragraphEdits(src []byte, n ast.Node, pad int) []mdsource.Edit {
	lines := n.Lines()
	if lines == nil || lines.Len() < 2 {
		return nil
	}
	var edits []mdsource.Edit
	hard := hardBreaks(n)
	for i := 0; i < lines.Len()-1; i++ {
		line := lines.At(i)
		end := lineEnd(src, line)
		next := lines.At(i + 1).Start
		if endsHard(hard, line.Start, end) {
			if pad > 0 {
				edits = append(edits, mdsource.Edit{From: next, To: next, With: strings.Repeat(itemPad, pad)})
			}
			continue
		}
		from := end
		for from > line.Start && src[from-1] == ' ' {
			from--
		}
		edits = append(edits, mdsource.Edit{From: from, To: next, With: " "})
	}
	return edits
}

// lineEnd is where the text of line ends, before its newline.
func lineEnd(src []byte, line text.Segment) int {
	end := line.Stop
	for end > line.Start && (src[end-1] == '\n' || src[end-1] == '\r') {
		end--
	}
	return end
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

// hardBreaks is where the lines of running text n that end in a hard line
// break end, as the parser reads them: two spaces or a backslash at the
// end of a line within a code span belong to the code and break nothing.
func hardBreaks(n ast.Node) []int {
	var stops []int
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering && t.HardLineBreak() {
			stops = append(stops, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	return stops
}

// endsHard reports whether the line of running text from start to end,
// without its newline, ends in one of the hard breaks at stops.
func endsHard(stops []int, start, end int) bool {
	for _, s := range stops {
		if s >= start && s <= end {
			return true
		}
	}
	return false
}

// itemMarkerWidth is the width of the marker Glamour writes before the
// text n when n opens a list item, and 0 for any other text: only an
// item's first block starts after its marker.
func itemMarkerWidth(n ast.Node, style ansi.StyleConfig) int {
	item, ok := n.Parent().(*ast.ListItem)
	if !ok || item.FirstChild() != n {
		return 0
	}
	return markerWidth(item, style)
}

// markerWidth is the width of the marker Glamour writes before the text
// of list item item ("• ", "12. ", "[ ] ").
func markerWidth(item *ast.ListItem, style ansi.StyleConfig) int {
	if first := item.FirstChild(); first != nil {
		if box, ok := first.FirstChild().(*extast.TaskCheckBox); ok {
			mark := style.Task.Unticked
			if box.IsChecked {
				mark = style.Task.Ticked
			}
			return widthOf(mark + style.Task.BlockPrefix + style.Task.Prefix)
		}
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

// minRoom is the narrowest a line of code or a list item's text is
// wrapped to here; in a narrower pane Glamour wraps it as it will.
const minRoom = 8

// codeEdits wraps the lines of code block n wider than room columns. The
// lines it adds start with the marks of the blocks around the code (a
// quote's ">", a list item's indent), so that they stay in the block.
func codeEdits(src []byte, n ast.Node, room int) []mdsource.Edit {
	if room < minRoom {
		return nil
	}
	var edits []mdsource.Edit
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		line := lines.At(i)
		end := lineEnd(src, line)
		code := string(src[line.Start:end])
		if widthOf(code) <= room {
			continue
		}
		pieces := wrapCodeLine(code, room)
		edits = append(edits, mdsource.Edit{From: line.Start, To: end, With: strings.Join(pieces, "\n"+containerMarks(src, line.Start))})
	}
	return edits
}

// containerMarks is what opens the source line through at, up to at, as a
// further line of the same block needs it: a quote's ">" stays, and a list
// item's marker and all else become spaces.
func containerMarks(src []byte, at int) string {
	bol := bytes.LastIndexByte(src[:at], '\n') + 1
	marks := bytes.Clone(src[bol:at])
	for i, c := range marks {
		if c != '>' {
			marks[i] = ' '
		}
	}
	return string(marks)
}

// wrapCodeLine cuts a line of code into pieces of at most room columns,
// after a space where there is one, else where the room ends. Each piece
// after the first starts at the line's own indent and two more, as Vim's
// breakindent shows a long line, so the code's shape stays plain and a
// further line reads apart from the next line of code; the indent takes at
// most half the room. The line is wrapped, not cut with a marker as w3m
// and less -S cut it: they scroll sideways to the rest, and the reader
// cannot, so a cut would lose the end of the line.
func wrapCodeLine(code string, room int) []string {
	hang := min(len(code)-len(strings.TrimLeft(code, " "))+2, room/2)
	pad := strings.Repeat(" ", hang)
	var pieces []string
	rest := code
	for widthOf(rest) > room {
		piece, after := cutCode(rest, room)
		pieces = append(pieces, strings.TrimRight(piece, " "))
		rest = pad + after
	}
	return append(pieces, rest)
}

// cutCode splits code where its first limit columns end: after the last
// space there that follows some text, or else at the limit itself.
func cutCode(code string, limit int) (string, string) {
	cols, lastSpace, seenText := 0, -1, false
	for i, r := range code {
		w := widthOf(string(r))
		if cols+w > limit {
			if r == ' ' && seenText {
				return code[:i], strings.TrimLeft(code[i:], " ")
			}
			if lastSpace > 0 {
				return code[:lastSpace], strings.TrimLeft(code[lastSpace:], " ")
			}
			return code[:i], code[i:]
		}
		cols += w
		if r == ' ' && seenText {
			lastSpace = i + 1
		}
		seenText = seenText || r != ' '
	}
	return code, ""
}

// codeRoom is the width a line of code block n has in Glamour's layout:
// the room within the blocks around it less the code block's own margins.
func codeRoom(n ast.Node, width int, style ansi.StyleConfig) int {
	return containerRoom(n, width, style, nudges(n, style)) - size(style.CodeBlock.Margin) - size(style.CodeBlock.Indent)
}

// containerRoom is the width the blocks around block n leave it in
// Glamour's layout: the pane's width less the document's margins and those
// of the quotes and lists around it, and less the columns the blocks
// around it are moved right by, ns (see nudges). A quote's indent is counted
// at the width of its token, as it shows, so that nothing reaches past the
// pane.
func containerRoom(n ast.Node, width int, style ansi.StyleConfig, ns []nudge) int {
	room := width - blockRoom(style.Document)
	for _, m := range ns {
		room -= m.by
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindBlockquote:
			room -= size(style.BlockQuote.Indent)*quoteTokenWidth(style) + 2*size(style.BlockQuote.Margin)
		case ast.KindList:
			room -= listIndent(p, style) + 2*size(style.List.Margin)
		}
	}
	return room
}

// markerColumn is the column Glamour writes the marker of list item item
// at: after the document's margin and the indents and margins of the
// lists and quotes it is in, a quote's at the width of its token.
func markerColumn(item *ast.ListItem, style ansi.StyleConfig) int {
	col := size(style.Document.Indent) + size(style.Document.Margin)
	for p := item.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindBlockquote:
			col += (size(style.BlockQuote.Indent) + size(style.BlockQuote.Margin)) * quoteTokenWidth(style)
		case ast.KindList:
			col += listIndent(p, style) + size(style.List.Margin)
		}
	}
	return col
}

// quoteTokenWidth is the width of what Glamour writes for each column of
// a quote's indent and margin: its indent token, a space when it has none.
func quoteTokenWidth(style ansi.StyleConfig) int {
	if style.BlockQuote.IndentToken == nil {
		return 1
	}
	return widthOf(*style.BlockQuote.IndentToken)
}

// blockRoom is the columns a block of style s takes from the width of
// what it holds: its indent and its margin either side.
func blockRoom(s ansi.StyleBlock) int {
	return size(s.Indent) + 2*size(s.Margin)
}

// listIndent is the indent Glamour gives list l: the list style's for a
// list at the top, the level indent for a list within another.
func listIndent(l ast.Node, style ansi.StyleConfig) int {
	for p := l.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindList {
			return int(style.List.LevelIndent)
		}
	}
	return size(style.List.Indent)
}

func size(n *uint) int {
	if n == nil {
		return 0
	}
	return int(*n)
}
