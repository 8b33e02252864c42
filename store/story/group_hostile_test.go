package story

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// hostileDocs cuts fuzz input into a run of articles: each line is one
// article's title, a tab, and its text, and its byte sum picks its source
// and moves the clock, back as well as forward.
func hostileDocs(data string) []Doc {
	start := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	var docs []Doc
	for i, line := range strings.Split(data, "\n") {
		if i == 64 {
			break
		}
		title, text, _ := strings.Cut(line, "\t")
		sum := 0
		for _, c := range []byte(line) {
			sum += int(c)
		}
		d := Doc{ID: int64(i + 1), Source: string(rune('A' + sum%5)), Title: title, Text: text,
			Time: start.Add(time.Duration(sum%97-30) * time.Hour)}
		if sum%11 == 0 {
			d.Time = time.Time{}
		}
		docs = append(docs, d)
	}
	return docs
}

// place runs docs through a fresh grouper as the store does, new stories
// numbered from 1, and returns each article's story.
func place(t *testing.T, docs []Doc) []int64 {
	ids, _, _ := replay(NewGrouper(Options{}), docs, noneHeld, func(out []int64, pos map[int64]int, mv Move) {
		if mv.From == mv.To || !slices.Contains(out, mv.From) || !mv.NewStory && !slices.Contains(out, mv.To) {
			t.Fatalf("move %+v between stories that do not exist: %v", mv, out)
		}
		for _, a := range mv.Articles {
			if j, ok := pos[a]; !ok || out[j] != mv.From {
				t.Fatalf("move %+v takes article %d, which is not in story %d", mv, a, mv.From)
			}
		}
	})
	return ids
}

// FuzzGrouper feeds the grouper, through its tokeniser, name finder and
// index, any text in any order of time: it must never panic, must only
// join stories that exist, and must decide the same way every time.
func FuzzGrouper(f *testing.F) {
	f.Add("Storm floods harbour\tThe storm flooded the harbour on Monday.\nHarbour flooded by storm\tMonday's storm flooded the harbour.")
	f.Add("\t\n\t\n \t \n\x00\t\xff\xfe")
	f.Add("U.S. Sen. J.R.R. O'Neil-Smith's 1,200.50 bn\t$4bn 1990s 9:27 a.m. «quoted» “again”\nÉCOLE SÃO PAULO\t\u202e\u200b\u0301\u0301")
	f.Add(strings.Repeat("a ", 500) + "\t" + strings.Repeat("word ", 2000))
	f.Fuzz(func(t *testing.T, data string) {
		docs := hostileDocs(data)
		first := place(t, docs)
		for i, id := range first {
			if id < 1 || id > int64(2*(i+1)) {
				t.Fatalf("article %d placed in story %d, which does not exist yet", i+1, id)
			}
		}
		if again := place(t, docs); !slices.Equal(first, again) {
			t.Fatalf("same articles grouped differently: %v then %v", first, again)
		}
		// A title is one of the headlines, whole or without the slug,
		// label and tags that are no part of the news.
		var titles []string
		var plain []string
		for _, d := range docs {
			titles = append(titles, d.Title)
			plain = append(plain, strings.Join(strings.Fields(d.Title), " "), strings.Join(strings.Fields(headlineNews(d.Title)), " "))
		}
		if title := Title(titles); title != "" && !slices.Contains(plain, title) {
			t.Fatalf("story title %q is none of its headlines", title)
		}
	})
}
