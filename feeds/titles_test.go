package feeds

import (
	"strings"
	"testing"
	"unicode/utf8"

	"parallax/store"
)

func TestParseUntitledItems(t *testing.T) {
	arts := parseFixture(t, "untitled.xml", store.Feed{}).Articles
	want := []string{
		"Dr. Ortiz opened the new U.S. clinic on Monday.",
		"Volunteers from every village along the estuary spent the weekend clearing driftwood and litter…",
		"Ferry back in service",
		"estuary.example/item/4471",
	}
	if len(arts) != len(want)+1 {
		t.Fatalf("%d articles, want %d (the item with only a GUID left out)", len(arts), len(want)+1)
	}
	for i, w := range want {
		if arts[i].Title != w {
			t.Errorf("item %d: title %q, want %q", i, arts[i].Title, w)
		}
	}
	long := arts[len(arts)-1].Title
	if n := utf8.RuneCountInString(long); n > maxTitle+1 || !strings.HasSuffix(long, "…") || !strings.HasPrefix(long, "harbour council") {
		t.Errorf("long title (%d runes) not capped at a word: %q", n, long)
	}
	if cut := strings.TrimSuffix(long, "…"); strings.HasSuffix(cut, " ") || !strings.Contains("harbour council ferry budget storm quay bridge school court river", cut[strings.LastIndexByte(cut, ' ')+1:]) {
		t.Errorf("long title cut inside a word: %q", long)
	}
}

func TestLinkTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://x.example/2024/06/quay_reopens_today/", "Quay reopens today"},
		{"https://x.example/p/12345", "x.example/p/12345"},
		{"https://x.example/", "x.example"},
		{"https://x.example/a/2024-06-05", "x.example/a/2024-06-05"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := linkTitle(tt.in); got != tt.want {
			t.Errorf("linkTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
