package mdsource

import "testing"

func TestApply(t *testing.T) {
	src := "one two three"
	for _, c := range []struct {
		edits []Edit
		want  string
	}{
		{nil, "one two three"},
		{[]Edit{{From: 4, To: 7, With: "2"}}, "one 2 three"},
		{[]Edit{{From: 0, To: 0, With: "> "}, {From: 13, To: 13, With: "."}}, "> one two three."},
		// An edit inside the span of the one before it, or backwards, is left out.
		{[]Edit{{From: 0, To: 7, With: "1 2"}, {From: 4, To: 7, With: "x"}, {From: 9, To: 8, With: "y"}}, "1 2 three"},
	} {
		if got := Apply(src, c.edits); got != c.want {
			t.Errorf("Apply(%q, %v) = %q, want %q", src, c.edits, got, c.want)
		}
	}
}

func TestParseFindsGlamoursBlocks(t *testing.T) {
	src := []byte("| a | b |\n|---|---|\n| 1 | 2 |\n\nTerm\n: its definition\n\n- [x] done\n")
	var kinds []string
	for n := Parse(src).FirstChild(); n != nil; n = n.NextSibling() {
		kinds = append(kinds, n.Kind().String())
	}
	want := []string{"Table", "DefinitionList", "List"}
	if len(kinds) != len(want) {
		t.Fatalf("blocks %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("blocks %v, want %v", kinds, want)
		}
	}
}
