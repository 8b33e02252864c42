package store

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestSearch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	quake := art("1", "Quake: strong tremor shakes the coast", 1)
	quake.Content = "Residents of Port Arlen felt the ground roll for forty seconds."
	budget := art("2", "Budget: council delays the vote", 2)
	budget.Content = "A tremor of unease ran through the chamber, one member said."
	cafe := art("3", "Café reopens after the flood", 3)
	mustAdd(t, s, f.ID, quake, budget, cafe)

	tests := []struct {
		q    string
		want []string // URLs, best first
	}{
		{"tremor", []string{quake.URL, budget.URL}}, // the title match ranks first
		{"arlen", []string{quake.URL}},
		{"Arlen forty", []string{quake.URL}},
		{"arlen budget", nil},
		{"cafe", []string{cafe.URL}},
		{"trem*", []string{quake.URL, budget.URL}},
		{"shaking", []string{quake.URL}},
		{`"tremor`, []string{quake.URL, budget.URL}},
		{`tremor AND`, nil},
		{`NOT tremor`, nil},
		{`NEAR(tremor`, nil}, // one phrase: "near tremor"
		{`( tremor )`, []string{quake.URL, budget.URL}},
		{`title:tremor`, nil},
		{`-tremor`, []string{quake.URL, budget.URL}},
		{`( ) " ' ^ * -- :`, nil},
		{"alpha", nil}, // the source's name is not the articles' text
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			hits, err := s.Search(ctx, tt.q, 10)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.q, err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Article.URL)
				if h.StoryID == 0 || h.StoryID != h.Article.StoryID {
					t.Errorf("hit without its story: %+v", h)
				}
				if !strings.Contains(h.Snippet, MatchStart) {
					t.Errorf("snippet %q has no marked match", h.Snippet)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("Search(%q) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
	if hits, _ := s.Search(ctx, "tremor", 1); len(hits) != 1 {
		t.Errorf("limit 1 gave %d hits", len(hits))
	}
	hits, _ := s.Search(ctx, "forty", 0)
	if len(hits) != 1 || !strings.Contains(hits[0].Snippet, "**forty**") {
		t.Errorf("snippet for forty: %+v", hits)
	}
}

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"storm", `"storm"`},
		{"  storm   surge ", `"storm" "surge"`},
		{`say "hello`, `"say" """hello"`},
		{"trem*", `"trem"*`},
		{"AND OR NOT", `"AND" "OR" "NOT"`},
		{"-- * ()", ""},
		{"état", `"état"`},
		{"\x00storm\x1bsurge\x00", `"storm" "surge"`},
	}
	for _, tt := range tests {
		if got := ftsQuery(tt.in); got != tt.want {
			t.Errorf("ftsQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func FuzzSearch(f *testing.F) {
	s := openTest(f)
	feed := mustFeed(f, s, "https://a.example/feed", "Alpha")
	mustAdd(f, s, feed.ID, art("1", "Quake: strong tremor", 1))
	for _, seed := range []string{"tremor", `"`, `a OR b`, `NEAR(a b, 2)`, `x:y`, `^start`, `*`, "\x00", `"""`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := s.Search(context.Background(), q, 5); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if _, err := s.Stories(context.Background(), StoryQuery{Query: q, Limit: 5}); err != nil {
			t.Fatalf("Stories(%q): %v", q, err)
		}
	})
}

// TestSearchCJK finds a Chinese, Japanese or Korean word inside a longer
// run of such text, as written: its characters together and in order.
func TestSearchCJK(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "新华网")
	beijing := art("1", "北京市政府宣布新的交通计划", 1)
	beijing.Content = "今天北京市政府宣布了新的交通计划，地铁将延长运营时间。"
	tokyo := art("2", "東京都の天気は晴れ", 2)
	tokyo.Content = "東京都の天気は明日も晴れる見込みです。iPhone用の地図も更新された。"
	seoul := art("3", "서울에서 열린 회의", 3)
	seoul.Content = "서울시는 회의에서 새로운 계획을 발표했다."
	mustAdd(t, s, f.ID, beijing, tokyo, seoul)

	tests := []struct {
		q       string
		want    []string // URLs, best first
		snippet string   // a part of the first hit's snippet
	}{
		{"政府", []string{beijing.URL}, "北京市**政府**宣布"},
		{"交通计划", []string{beijing.URL}, "**交通计划**"},
		{"计划交通", nil, ""},
		{"交通 计划", []string{beijing.URL}, "**交通计划**"},
		{"地铁 运营", []string{beijing.URL}, "**地铁**"},
		{"天気", []string{tokyo.URL}, "の**天気**は"},
		{"晴れ", []string{tokyo.URL}, "**晴れ**"},
		{"京都", []string{tokyo.URL}, "東**京都**の"},
		{"iphone", []string{tokyo.URL}, "**iPhone**用"},
		{"iPhone用", []string{tokyo.URL}, "**iPhone用**"},
		{"서울", []string{seoul.URL}, "**서울**에서"},
		{"계획", []string{seoul.URL}, "**계획**을"},
		{"大阪", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			hits, err := s.Search(ctx, tt.q, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Article.URL)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("Search(%q) = %v, want %v", tt.q, got, tt.want)
			}
			if len(hits) > 0 {
				if sn := hits[0].Snippet; !strings.Contains(sn, tt.snippet) || strings.Contains(sn, "\u200b") {
					t.Errorf("snippet %q, want it to hold %q", sn, tt.snippet)
				}
			}
		})
	}
	list, err := s.Stories(ctx, StoryQuery{Query: "交通"})
	if err != nil || len(list) != 1 {
		t.Errorf("stories --query 交通: %d stories, %v", len(list), err)
	}
	if list, _ := s.Stories(ctx, StoryQuery{Query: "新华"}); len(list) != 3 {
		t.Errorf("stories --query of part of the source's name: %d stories, want 3", len(list))
	}
	checkIntegrity(t, s)
}

// TestSearchCJKAfterChanges keeps the index whole as articles written in
// Chinese change, get their full text and go.
func TestSearchCJKAfterChanges(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "新华网")
	a := art("1", "北京市政府宣布新的交通计划", 1)
	a.Summary = "北京市政府宣布了新的交通计划。"
	mustAdd(t, s, f.ID, a)
	a.Title, a.Summary, a.Source = "上海市政府宣布新的住房计划", "上海市政府宣布了新的住房计划。", "人民网"
	mustAdd(t, s, f.ID, a)
	checkIntegrity(t, s)
	for q, want := range map[string]int{"住房": 1, "上海": 1, "北京": 0, "交通": 0} {
		if hits, _ := s.Search(ctx, q, 0); len(hits) != want {
			t.Errorf("search %q: %d hits, want %d", q, len(hits), want)
		}
	}
	for q, want := range map[string]int{"人民": 1, "新华": 0} {
		if list, _ := s.Stories(ctx, StoryQuery{Query: q}); len(list) != want {
			t.Errorf("stories --query %q: %d, want %d", q, len(list), want)
		}
	}
	stored := articleByURL(t, s, a.URL)
	if err := s.SetFullText(ctx, stored.ID, FullText{Markdown: "广州市政府宣布了新的交通计划，地铁将延长运营时间。"}); err != nil {
		t.Fatal(err)
	}
	checkIntegrity(t, s)
	if hits, _ := s.Search(ctx, "广州", 0); len(hits) != 1 {
		t.Errorf("search of the full text: %d hits", len(hits))
	}
	if err := s.RemoveFeed(ctx, f.URL); err != nil {
		t.Fatal(err)
	}
	checkIntegrity(t, s)
}

func TestIndexText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Storm surge — “floods”", "Storm surge — “floods”"},
		{"東京都", "東\u200b京\u200b都"},
		{"iPhone用の地図", "iPhone\u200b用\u200bの\u200b地\u200b図"},
		{"2024年3月", "2024\u200b年\u200b3\u200b月"},
		{"東京 2024", "東\u200b京 2024"},
		{"コーヒー", "コ\u200bー\u200bヒ\u200bー"},
		{"서울에서", "서\u200b울\u200b에\u200b서"},
		{"Ярмарка", "Ярмарка"},
	} {
		if got := indexText(tt.in); got != tt.want {
			t.Errorf("indexText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := fromIndexText(indexText(tt.in)); got != tt.in {
			t.Errorf("fromIndexText(indexText(%q)) = %q", tt.in, got)
		}
	}
	if n := possibleMatches([]string{"東京"}, []string{"東京都と京都の天気"}); n != 1 {
		t.Errorf("possibleMatches of 東京 = %d, want 1", n)
	}
}

// TestSearchReadsWhatTheReaderSees: a search finds the words an article
// shows, not those of the addresses it links to, and its snippet is one
// line of plain text in which only the matches are marked.
func TestSearchReadsWhatTheReaderSees(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Quay Herald")
	a := art("1", "Crossings cut for the season", 1)
	a.Content = "## What changes\n\nThe [winter timetable](https://a.example/notices/ferry) starts on **Monday**, the operator said.\n\n" +
		"- Fewer crossings to the islands\n- The *last* boat leaves at nine\n\n![The quay](https://a.example/quay.jpg)\n"
	mustAdd(t, s, f.ID, a)
	for _, q := range []string{"notices", "ferry", "jpg", "https"} {
		if hits, _ := s.Search(ctx, q, 0); len(hits) != 0 {
			t.Errorf("search %q, a word of a link's address only: %d hits, snippet %q", q, len(hits), hits[0].Snippet)
		}
	}
	hits, err := s.Search(ctx, "boat", 0)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search boat: %d hits, %v", len(hits), err)
	}
	want := "What changes · The winter timetable starts on Monday, the operator said. Fewer crossings to the islands · The last **boat** leaves at nine"
	if hits[0].Snippet != want {
		t.Errorf("snippet\n%q\nwant\n%q", hits[0].Snippet, want)
	}
	a.Content = strings.Replace(a.Content, "nine", "*ten*", 1)
	mustAdd(t, s, f.ID, a) // the feed revises the item
	checkIntegrity(t, s)
	if hits, _ := s.Search(ctx, "ten", 0); len(hits) != 1 {
		t.Errorf("search of the revised text: %d hits", len(hits))
	}
	stored := articleByURL(t, s, a.URL)
	if err := s.SetFullText(ctx, stored.ID, FullText{Markdown: "The [harbour office](https://a.example/office) *answers* the phone."}); err != nil {
		t.Fatal(err)
	}
	checkIntegrity(t, s)
	if hits, _ := s.Search(ctx, "answers", 0); len(hits) != 1 || hits[0].Snippet != "The harbour office **answers** the phone." {
		t.Errorf("search of the full text: %+v", hits)
	}
	if err := s.RemoveFeed(ctx, f.URL); err != nil {
		t.Fatal(err)
	}
	checkIntegrity(t, s)
}

// TestStoriesMatching: the stories whose articles' text holds every word,
// the last one as typed so far, as the reader's filter asks.
func TestStoriesMatching(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Quay Herald")
	ferry := art("1", "Crossings cut for the season", 1)
	ferry.Content = "The last ferry leaves at nine, the operator said."
	council := art("2", "Council delays the vote", 2)
	council.Content = "Members asked for more time to read the harbour report."
	mustAdd(t, s, f.ID, ferry, council)
	stories := map[string]int64{}
	for _, a := range []Article{ferry, council} {
		stories[a.URL] = articleByURL(t, s, a.URL).StoryID
	}
	for _, tt := range []struct {
		q    string
		want []int64
	}{
		{"ferry", []int64{stories[ferry.URL]}},
		{"ferr*", []int64{stories[ferry.URL]}},
		{"operator ferry", []int64{stories[ferry.URL]}},
		{"harbour report", []int64{stories[council.URL]}},
		{"quay", []int64{stories[ferry.URL], stories[council.URL]}}, // the source
		{"ferry harbour", nil},
		{"", nil},
	} {
		got, err := s.StoriesMatching(ctx, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		slices.Sort(tt.want)
		if !slices.Equal(got, tt.want) {
			t.Errorf("StoriesMatching(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestSnippetMarksAPhraseOnce: words matched side by side, apart by a
// space or a hyphen, are marked as one run ("**heart attack**"), and
// matches with other words between them stay marked apart.
func TestSnippetMarksAPhraseOnce(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Quay Herald")
	a := art("1", "Crossings cut for the season", 1)
	a.Content = "An engine-room fire stopped the last boat, which leaves at nine in winter."
	mustAdd(t, s, f.ID, a)
	for q, want := range map[string]string{
		"last boat":   "the **last boat**, which",
		"engine room": "An **engine-room** fire",
		"boat nine":   "**boat**, which leaves at **nine**",
	} {
		hits, err := s.Search(ctx, q, 0)
		if err != nil || len(hits) != 1 {
			t.Fatalf("search %q: %d hits, %v", q, len(hits), err)
		}
		if !strings.Contains(hits[0].Snippet, want) {
			t.Errorf("search %q: snippet %q, want it to hold %q", q, hits[0].Snippet, want)
		}
	}
}
