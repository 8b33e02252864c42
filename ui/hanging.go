package ui

import (
	"bytes"
	"fmt"
	"strings"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
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

// itemBlock is a block of running text in a list item whose text was
// taken out of the article.
type itemBlock struct {
	item   *ast.ListItem // the item the block is in
	first  bool          // the item's first block, which follows its marker
	marker int           // the width of the item's marker
	column int           // the column the item's marker starts at
	room   int           // the columns for the text beside the marker
}

// itemTexts are the texts taken out of the article: their blocks in the
// order they come, and a Markdown document that holds each text, within
// the same quotes and lists, for Glamour to render.
type itemTexts struct {
	blocks []itemBlock
	doc    bytes.Buffer
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
// of its own, after a blank one.
func hangItems(out string, texts []string, blocks []itemBlock) (string, bool) {
	var b strings.Builder
	b.Grow(len(out) + len(out)/4)
	hangs := map[*ast.ListItem]string{}
	k := 0
	for i, line := range strings.Split(out, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		if !strings.Contains(line, itemSlot) {
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
			first := hang
			switch {
			case j > 1:
				b.WriteString("\n" + hang + "\n")
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
				b.WriteString(pre)
				b.WriteString(l)
				b.WriteString(ansi.TruncateLeft(tail, widthOf(pre)+widthOf(l)-col, ""))
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
