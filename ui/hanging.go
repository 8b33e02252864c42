package ui

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"parallax/mdsource"
)

// Glamour writes a list item's marker as text and wraps the item with the
// rest of its list, so the lines after the first start under the marker.
// To hang them under the item's text, the text of each list item is taken
// out of the article and a slot left in its place; Glamour renders the
// texts on their own, unwrapped, and hangItems wraps each to the room
// beside its marker and puts it back in its slot.
//
// The slot and the marks around a text are escape sequences that the
// terminal and Glamour's wrapping take as taking no room, and that the
// Markdown parser reads as plain text. The article has none of its own:
// cleanBlock drops every control character.
const (
	itemSlot  = "\x1b1"
	itemStart = "\x1b2"
	itemBreak = "\x1b3"
	itemEnd   = "\x1b4"
)

// wrapBreaks are the characters after which Glamour wraps a line of a
// list besides spaces.
const wrapBreaks = " ,.;-+|"

// itemBlock is a block of running text whose text was taken out of the
// article: a list item's, or any in a block that is moved right.
type itemBlock struct {
	item   *ast.ListItem // the item the block is in; nil when not directly in one
	first  bool          // the item's first block, which follows its marker
	marker int           // the width of the item's marker
	column int           // the column the item's marker starts at
	room   int           // the columns for the text beside the marker
	nudges []nudge       // the moves of the blocks around it, outermost first
}

// textBlock is running text n as hangItems puts it back, and whether it is
// taken out of the article: the text of a list item, and any text in a
// block that is moved right, which Glamour would wrap to the room the
// block had before it moved. Text with less than minRoom is left to
// Glamour.
func textBlock(n ast.Node, width int, style gansi.StyleConfig) (itemBlock, bool) {
	b := itemBlock{nudges: nudges(n, style)}
	if item, ok := n.Parent().(*ast.ListItem); ok {
		b.item, b.first = item, item.FirstChild() == n
		b.marker, b.column = markerWidth(item, style), markerColumn(item, style)
	} else if len(b.nudges) == 0 {
		return b, false
	}
	b.room = containerRoom(n, width, style, b.nudges) - b.marker
	return b, b.room >= minRoom
}

// nudge moves the lines of a block in a list item right, so that the block
// starts under the item's text. Glamour gives the blocks of an item no
// indent of their own: it starts a quote at the item's marker, and a list
// a fixed indent in from the marker, left of the text when the marker is
// wider than that, as "10. " is wider than two columns.
type nudge struct {
	at, by int    // the column the block starts at in Glamour's layout, and how far it moves
	mark   string // what its lines show from column at: a quote's mark, or nothing for a list
	span   int    // the columns from at that show mark, or are blank for a list
}

// nudges are the moves of the blocks around n and of n itself, outermost
// first.
func nudges(n ast.Node, style gansi.StyleConfig) []nudge {
	var ns []nudge
	for b := n; b != nil; b = b.Parent() {
		item, ok := b.Parent().(*ast.ListItem)
		if !ok {
			continue
		}
		at, marker := markerColumn(item, style), markerWidth(item, style)
		switch b.Kind() {
		case ast.KindBlockquote:
			mark := ""
			if style.BlockQuote.IndentToken != nil {
				mark = strings.TrimSpace(*style.BlockQuote.IndentToken)
			}
			ns = append(ns, nudge{at: at, by: marker, mark: mark, span: quoteTokenWidth(style)})
		case ast.KindList:
			indent := listIndent(b, style) + size(style.List.Margin)
			if marker > indent {
				ns = append(ns, nudge{at: at, by: marker - indent, span: indent})
			}
		}
	}
	slices.Reverse(ns)
	return ns
}

// shows reports whether line, as Glamour wrote it, is a line of the block
// m moves: one with its quote's mark at m's column, or, for a list, blank
// up to its indent and with text after.
func (m nudge) shows(line string) bool {
	lead := strings.TrimSpace(ansi.Strip(ansi.Cut(line, m.at, m.at+m.span)))
	if m.mark != "" {
		return lead == m.mark
	}
	return lead == "" && widthOf(line) > m.at+m.span
}

// moved is line with each of ns made, innermost first, so that the
// columns of the outer ones still hold.
func moved(line string, ns []nudge) string {
	for i := len(ns) - 1; i >= 0; i-- {
		m := ns[i]
		if widthOf(line) <= m.at {
			continue
		}
		line = ansi.Truncate(line, m.at, "") + strings.Repeat(" ", m.by) + ansi.TruncateLeft(line, m.at, "")
	}
	return line
}

// holding is ns cut short at the first block that line, a line Glamour
// wrote after the texts of the blocks, does not show: that block ended
// before it, and so did the blocks within it.
func holding(ns []nudge, line string) []nudge {
	for i, m := range ns {
		if !m.shows(line) {
			return ns[:i]
		}
	}
	return ns
}

// itemTexts are the texts taken out of the article: their blocks in the
// order they come, and a Markdown document that holds each text, within
// the same quotes and lists, for Glamour to render.
type itemTexts struct {
	blocks []itemBlock
	doc    bytes.Buffer
}

// take takes the text of block n, running text, out of src when it is
// a list item's or in a block that is moved right (see textBlock), and
// returns the edit that leaves its slot in its place; false when n stays
// where it is.
func (t *itemTexts) take(src []byte, n ast.Node, width int, style gansi.StyleConfig) (mdsource.Edit, bool) {
	b, ok := textBlock(n, width, style)
	if !ok || n.Lines().Len() == 0 {
		return mdsource.Edit{}, false
	}
	from := taskText(src, n)
	end := lineEnd(src, n.Lines().At(n.Lines().Len()-1))
	if from >= end {
		return mdsource.Edit{}, false
	}
	return mdsource.Edit{From: from, To: end, With: t.add(src, n, from, b)}, true
}

// add takes the text of block n, a list item's block of running text from
// src[from:], and returns the slot it leaves. Soft breaks are joined; hard
// breaks are marked, so that each line of the text is wrapped on its own.
// The marks stand apart with a space either side, as the text's own line
// ends do, so that emphasis and links open and close as they did.
func (t *itemTexts) add(src []byte, n ast.Node, from int, b itemBlock) string {
	t.blocks = append(t.blocks, b)
	var chain []string
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindBlockquote:
			chain = append(chain, "> ")
		case ast.KindListItem:
			chain = append(chain, "- ")
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		t.doc.WriteString(chain[i])
	}
	t.doc.WriteString(itemStart + " ")
	lines := n.Lines()
	hard := hardBreaks(n)
	for i := 0; i < lines.Len(); i++ {
		line := lines.At(i)
		start := line.Start
		if i == 0 {
			start = from
		}
		end := lineEnd(src, line)
		text := src[start:end]
		switch {
		case i == lines.Len()-1:
			t.doc.Write(bytes.TrimRight(text, " "))
		case endsHard(hard, line.Start, end):
			text = bytes.TrimSuffix(text, []byte("\\"))
			t.doc.Write(bytes.TrimRight(text, " "))
			t.doc.WriteString(" " + itemBreak + " ")
		default:
			t.doc.Write(bytes.TrimRight(text, " "))
			t.doc.WriteByte(' ')
		}
	}
	t.doc.WriteString(" " + itemEnd + "\n\n")
	return itemSlot
}

// defineLinks adds the article's link reference definitions to the texts'
// document, so that a text's links by reference still find their targets.
// Titles are left out: Glamour does not show them.
func (t *itemTexts) defineLinks(refs []ast.Node) {
	escape := strings.NewReplacer(`\`, `\\`, `<`, `\<`, `>`, `\>`).Replace
	for _, r := range refs {
		ref := r.(*ast.LinkReferenceDefinition)
		fmt.Fprintf(&t.doc, "[%s]: <%s>\n", ref.Label, escape(string(ref.Destination)))
	}
}

// taskText is where the text of list item block n starts, after its task
// box if it has one.
func taskText(src []byte, n ast.Node) int {
	start := n.Lines().At(0).Start
	if _, ok := n.FirstChild().(*extast.TaskCheckBox); !ok {
		return start
	}
	end := start + bytes.IndexByte(src[start:], ']') + 1
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return end
}

// renderMarkdown renders an article's Markdown to width in style, with
// list items' further lines under their text. Should the items' texts not
// come back from Glamour one for one, it renders the article as Glamour
// lays out lists, with only the lines after hard breaks hanging.
func renderMarkdown(md string, width int, style gansi.StyleConfig) (string, error) {
	style = quoteMargin(style)
	r, err := glamour.NewTermRenderer(glamour.WithStyles(style), glamour.WithWordWrap(width),
		glamour.WithPreservedNewLines())
	if err != nil {
		return "", err
	}
	shaped, items := shapeLines(md, width, style, true)
	out, err := r.Render(shaped)
	if err != nil || len(items.blocks) == 0 {
		return out, err
	}
	plain, err := glamour.NewTermRenderer(glamour.WithStyles(style), glamour.WithWordWrap(0),
		glamour.WithPreservedNewLines())
	if err != nil {
		return "", err
	}
	rendered, err := plain.Render(items.doc.String())
	if err != nil {
		return "", err
	}
	if texts, ok := cutTexts(rendered, len(items.blocks)); ok {
		if hung, ok := hangItems(out, texts, items.blocks); ok {
			return hung, nil
		}
	}
	shaped, _ = shapeLines(md, width, style, false)
	return r.Render(shaped)
}

// quoteMargin gives style's block quotes a margin in place of their
// indent when their indent token is two columns wide, as "│ " is. Glamour
// takes one column from the width of a quote's text for each step of
// indent but writes a whole token for it, so each quote's text ran a
// column past the room it had, and the quote around it wrapped its lines
// again: words were cut and lines left without their quote marks. A
// margin writes the same token and takes two columns, one for each side,
// which is what the token shows.
func quoteMargin(style gansi.StyleConfig) gansi.StyleConfig {
	q := style.BlockQuote
	if quoteTokenWidth(style) != 2 || size(q.Indent) == 0 {
		return style
	}
	margin := uint(size(q.Indent) + size(q.Margin))
	q.Margin, q.Indent = &margin, nil
	style.BlockQuote = q
	return style
}

// cutTexts takes the n rendered texts out of the render of an itemTexts
// document, each with the styles it opens with, its hard breaks as
// newlines and its marks dropped.
func cutTexts(rendered string, n int) ([]string, bool) {
	texts := make([]string, 0, n)
	rest := rendered
	for range n {
		start := strings.Index(rest, itemStart+" ")
		if start < 0 {
			return nil, false
		}
		end := strings.Index(rest[start:], " "+itemEnd)
		if end < 0 {
			return nil, false
		}
		end += start
		text := rest[escapesBefore(rest[:start]):start] + rest[start+len(itemStart)+1:end]
		rest = rest[end+1+len(itemEnd):]
		closing := escapesAfter(rest)
		text += rest[:closing]
		if strings.Contains(text, "\n") {
			return nil, false
		}
		text = strings.ReplaceAll(text, " "+itemBreak+" ", "\n")
		if hasMarks(text) {
			return nil, false
		}
		texts = append(texts, text)
	}
	return texts, true
}

// hasMarks reports whether s holds a slot or a mark.
func hasMarks(s string) bool {
	for _, m := range []string{itemSlot, itemStart, itemBreak, itemEnd} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// hangItems puts each rendered text back in its slot in out, wrapped to
// its room, the first line where the slot is and each further line at the
// same column, after what stands before the slot with the item's marker
// blanked. A later block of an item starts at that column too, where
// Glamour puts it under the marker, or after a code block's margin; one
// whose slot follows another on its line is a further paragraph of the
// item, which Glamour runs on after the one before, and it starts a line
// of its own, after a blank one. Text not directly in an item, as in a
// quote in one, has what stands before its slot on every line.
//
// The lines of a text are moved as the blocks around it are (see nudge),
// and so are the lines Glamour wrote after it, a quote's blank line or
// its code, for as long as they show those blocks, and those before it
// that show the blocks of the next text, a heading or code opening them.
func hangItems(out string, texts []string, blocks []itemBlock) (string, bool) {
	var b strings.Builder
	b.Grow(len(out) + len(out)/4)
	hangs := map[*ast.ListItem]string{}
	var open []nudge
	k := 0
	for i, line := range strings.Split(out, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		if !strings.Contains(line, itemSlot) {
			if strings.TrimSpace(ansi.Strip(line)) != "" {
				open = holding(open, line)
				// A block that opens with a heading or code shows it
				// before its first text: it moves with the text to come.
				if len(open) == 0 && k < len(blocks) {
					open = holding(blocks[k].nudges, line)
				}
				line = moved(line, open)
			}
			b.WriteString(line)
			continue
		}
		parts := strings.Split(line, itemSlot)
		lead := parts[0][:escapesBefore(parts[0])]
		col := widthOf(lead)
		// What follows the last slot is Glamour's padding to the width of
		// the list, which the text now fills in part; it is dropped, as
		// the reader drops the spaces at the end of every line.
		tail := parts[len(parts)-1]
		if strings.TrimSpace(ansi.Strip(tail)) == "" {
			tail = ""
		}
		var hang string
		for j := 1; j < len(parts); j++ {
			if k == len(blocks) {
				return "", false
			}
			blk, text := blocks[k], texts[k]
			k++
			open = blk.nudges
			first := hang
			switch {
			case j > 1:
				b.WriteString("\n" + moved(hang, open) + "\n")
			case blk.item == nil:
				first, hang = lead, lead
			case blk.first:
				first = lead
				hang = closeStyles(ansi.Truncate(lead, max(col-blk.marker, 0), "")) + strings.Repeat(" ", min(blk.marker, col))
				hangs[blk.item] = hang
			default:
				var ok bool
				if hang, ok = hangs[blk.item]; !ok {
					at := min(col, blk.column)
					hang = closeStyles(ansi.Truncate(lead, at, "")) + strings.Repeat(" ", blk.column+blk.marker-at)
				}
				first = hang
			}
			for x, l := range strings.Split(lipgloss.Wrap(text, blk.room, wrapBreaks), "\n") {
				pre := hang
				if x == 0 {
					pre = first
				} else {
					b.WriteByte('\n')
				}
				b.WriteString(moved(pre+l+ansi.TruncateLeft(tail, widthOf(pre)+widthOf(l)-col, ""), open))
			}
		}
	}
	return b.String(), k == len(blocks)
}

// closeStyles ends s with a reset when it holds an escape sequence, so
// that a style it leaves open, as a marker's cut short, goes no further.
func closeStyles(s string) string {
	if strings.IndexByte(s, 0x1b) < 0 {
		return s
	}
	return s + ansi.ResetStyle
}

// escapesAfter is the length of the escape sequences that open s.
func escapesAfter(s string) int {
	var state byte
	i := 0
	for i < len(s) && s[i] == 0x1b {
		_, _, n, newState := ansi.DecodeSequence(s[i:], state, nil)
		if n <= 0 {
			break
		}
		state = newState
		i += n
	}
	return i
}

// escapesBefore is where the escape sequences that end s start: s has no
// text from there on.
func escapesBefore(s string) int {
	start := 0
	var state byte
	for i := 0; i < len(s); {
		_, _, n, newState := ansi.DecodeSequence(s[i:], state, nil)
		if n <= 0 {
			n = 1
		}
		if s[i] != 0x1b {
			start = i + n
		}
		state = newState
		i += n
	}
	return start
}
