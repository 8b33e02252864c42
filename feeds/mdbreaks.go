package feeds

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"parallax/mdsource"
)

// brTag is an HTML line break as people write it in Markdown.
var brTag = lazyRegexp(`(?i)^<br\s*/?>$`)

// breaksFromBrTags turns the <br> tags of a Markdown article into
// Markdown's own hard line breaks. The reader's renderer drops inline HTML,
// so a line set apart with <br> ran into the next without even a space
// ("repairsstart"), and the grouper and the compare read the tag as text.
// A break in a table cell, which cannot hold one, becomes a space; one
// that ends its paragraph goes.
func breaksFromBrTags(md string) string {
	if !strings.Contains(strings.ToLower(md), "<br") {
		return md
	}
	src := []byte(md)
	doc := mdsource.Parse(src)
	var edits []mdsource.Edit
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		raw, ok := n.(*ast.RawHTML)
		if !entering || !ok || raw.Segments.Len() != 1 {
			return ast.WalkContinue, nil
		}
		seg := raw.Segments.At(0)
		if !brTag().Match(src[seg.Start:seg.Stop]) {
			return ast.WalkContinue, nil
		}
		with := "\\\n"
		switch {
		case inTableCell(n):
			with = " "
		case endsParagraph(n, src):
			with = ""
		case seg.Stop < len(src) && src[seg.Stop] == '\n':
			with = "\\"
		}
		edits = append(edits, mdsource.Edit{From: seg.Start, To: seg.Stop, With: with})
		return ast.WalkSkipChildren, nil
	})
	return mdsource.Apply(md, edits)
}

func inTableCell(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == extast.KindTableCell {
			return true
		}
	}
	return false
}

// endsParagraph reports whether nothing but white space follows n in its
// block, where a hard break would show as a stray backslash.
func endsParagraph(n ast.Node, src []byte) bool {
	for s := n.NextSibling(); s != nil; s = s.NextSibling() {
		t, ok := s.(*ast.Text)
		if !ok || strings.TrimSpace(string(t.Segment.Value(src))) != "" {
			return false
		}
	}
	return true
}
