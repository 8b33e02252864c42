// Package mdsource reads an article's Markdown as the reader renders it
// and rewrites spans of its source. Both the import of Markdown articles
// and the reader's layout edit the source before Glamour sees it, and
// both must find the blocks Glamour will find.
package mdsource

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// parser reads Markdown with the extensions Glamour enables: GitHub's
// tables, strikethrough, autolinks and task lists, and definition lists.
var parser = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList)).Parser()

// Parse reads src as Glamour will; the nodes' segments index src.
func Parse(src []byte) ast.Node {
	return parser.Parse(text.NewReader(src))
}

// Edit replaces src[From:To] with With.
type Edit struct {
	From, To int
	With     string
}

// Apply returns src with its edits made. The edits come in the order of
// their spans; one that starts inside the span of the one before it, or
// ends before it starts, is left out.
func Apply(src string, edits []Edit) string {
	if len(edits) == 0 {
		return src
	}
	var b strings.Builder
	b.Grow(len(src) + 64)
	at := 0
	for _, e := range edits {
		if e.From < at || e.To < e.From {
			continue
		}
		b.WriteString(src[at:e.From])
		b.WriteString(e.With)
		at = e.To
	}
	b.WriteString(src[at:])
	return b.String()
}
