package feeds

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func readArticleFixture(t *testing.T, name, source string) (title, content string, a articleView) {
	t.Helper()
	art, err := ReadArticle("testdata/articles/"+name, readFixture(t, "articles/"+name), source)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return art.Title, art.Content, articleView{art.Source, art.Author, art.URL, art.Published, art.FullText, art.GUID}
}

type articleView struct {
	Source, Author, URL string
	Published           time.Time
	FullText            bool
	GUID                string
}

func TestReadArticleText(t *testing.T) {
	tests := []struct {
		file, title string
		keep        []string // lines of text that must stay
		drop        []string // boilerplate that must go
		check       func(t *testing.T, v articleView)
	}{
		{
			file:  "section-label.txt",
			title: "Storm floods coastal towns as thousands flee",
			keep:  []string{"Heavy rain driven by a slow-moving storm", "Forecasters expect the rain to ease"},
			drop:  []string{"World News"},
		},
		{
			file:  "caps-label.txt",
			title: "Ferry service to the outer islands suspended",
			keep:  []string{"The operator suspended all sailings", "Islanders will be flown"},
			drop:  []string{"WORLD"},
		},
		{
			file:  "short-headline.txt",
			title: "Markets Rally",
			keep:  []string{"Shares climbed across the exchange", "Dealers said the gains", "The index closed"},
		},
		{
			file:  "short-headline.md",
			title: "Markets Rally",
			keep:  []string{"Shares climbed across the exchange"},
			drop:  []string{"# Markets"},
		},
		{
			file:  "one-word-headline.txt",
			title: "Brexit",
			keep:  []string{"Negotiators met again on Monday"},
		},
		{
			file:  "standfirst.txt",
			title: "Markets Rally",
			keep:  []string{"Banks lead the climb", "Shares climbed across the exchange"},
		},
		{
			file:  "slug-before.txt",
			title: "Storm floods coastal towns as thousands flee",
			keep:  []string{"Emergency crews used boats"},
			drop:  []string{"storm_floods", "Politics", "By Jane Doe", "June 3"},
			check: func(t *testing.T, v articleView) {
				if v.Author != "Jane Doe and Omar Haddad" {
					t.Errorf("author %q", v.Author)
				}
				if !v.Published.Equal(time.Date(2024, 6, 3, 18, 45, 0, 0, time.UTC)) {
					t.Errorf("published %v", v.Published)
				}
			},
		},
		{
			file:  "slug-after.txt",
			title: "Markets fall as oil prices jump",
			keep:  []string{"Stock markets in Asia fell", "Traders said fears"},
			drop:  []string{"markets-fall", "Published:"},
			check: func(t *testing.T, v articleView) {
				if !v.Published.Equal(time.Date(2024, 6, 4, 9, 15, 0, 0, time.UTC)) {
					t.Errorf("published %v", v.Published)
				}
			},
		},
		{
			file:  "photo-credits.txt",
			title: "Volcano eruption grounds flights across the region",
			keep:  []string{"Ash from the eruption rose", "The volcano last erupted", "Scientists said the eruption"},
			drop:  []string{"Photo:", "AP Photo", "Residents of nearby villages sweep ash", "Image credit", "Getty", "Photograph:"},
		},
		{
			file:  "related.txt",
			title: "Rail workers announce three-day strike",
			keep:  []string{"Rail workers will walk out", "The operator said it would run", "Talks between the union and the operator are due to resume"},
			drop:  []string{"Related", "Bus drivers accept", "Port staff vote", "Why rail fares", "Union statement", "Operator timetable update", "Airport staff"},
		},
		{
			file:  "comments.txt",
			title: "Library wins national award",
			keep:  []string{"The town library has won", "The head librarian said"},
			drop:  []string{"Leave a Reply", "Your email address", "Required fields", "Post Comment", "Name *", "Website", "Save my name"},
		},
		{
			file:  "share.txt",
			title: "City opens new cycle lanes",
			keep:  []string{"The city opened twelve kilometres", "Officials said cycling had doubled"},
			drop:  []string{"Share this", "Share on Facebook", "Share on X", "Subscribe to our newsletter", "Back to top"},
		},
		{
			file:  "escaped-quotes.txt",
			title: `Minister says "no plans" to raise taxes`,
			keep:  []string{`there were "no plans" to raise`, `she replied: "We will balance the books by cutting waste."`},
			drop:  []string{`\"`},
		},
		{
			file:  "messy-page.txt",
			title: "Harbour cranes collapse in high winds",
			keep: []string{"Two cranes at the city's container port collapsed", "No one was hurt",
				"Engineers will inspect the remaining cranes", "The port handles about a third of the country's container traffic."},
			drop: []string{"World News", "harbour-cranes", "https://", "By Ellen", "Updated", "Share", "AP Photo", "Photo:",
				"Related", "Port strike ends", "New terminal opens", "Subscribe", "Back to top", "Leave a Reply", "Post Comment", `\'`},
			check: func(t *testing.T, v articleView) {
				if v.URL != "https://portnews.example/world/harbour-cranes-collapse-in-high-winds" || v.Author != "Ellen Marsh" {
					t.Errorf("url %q author %q", v.URL, v.Author)
				}
				if !v.Published.Equal(time.Date(2024, 5, 12, 14, 20, 0, 0, time.UTC)) {
					t.Errorf("published %v", v.Published)
				}
			},
		},
		{
			file:  "front-matter.md",
			title: "Glacier retreat speeds up, survey finds",
			keep:  []string{"**twice as fast**", "![Meltwater lake](https://polar.example/img/lake.jpg)", "## What the survey measured"},
			drop:  []string{"---", "Culture", "# Glacier", "Share"},
			check: func(t *testing.T, v articleView) {
				if v.Author != "Nils Berg" || v.URL != "https://polar.example/glacier-retreat" || !v.Published.Equal(time.Date(2024, 5, 20, 0, 0, 0, 0, time.UTC)) {
					t.Errorf("front matter: %+v", v)
				}
			},
		},
		{
			file:  "plain.md",
			title: "River cleanup draws hundreds of volunteers",
			keep:  []string{"* Bikes, tyres and a shopping trolley", "* The council will collect"},
			drop:  []string{"Photo credit", "# River"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			title, content, v := readArticleFixture(t, tt.file, "")
			if title != tt.title {
				t.Errorf("title %q, want %q", title, tt.title)
			}
			for _, k := range tt.keep {
				if !strings.Contains(content, k) {
					t.Errorf("text lost %q:\n%s", k, content)
				}
			}
			for _, d := range tt.drop {
				if strings.Contains(content, d) {
					t.Errorf("text kept %q:\n%s", d, content)
				}
			}
			if !v.FullText || !strings.HasPrefix(v.GUID, "sha256:") {
				t.Errorf("full text %v, GUID %q", v.FullText, v.GUID)
			}
			if tt.check != nil {
				tt.check(t, v)
			}
		})
	}
}

func TestReadArticleParagraphs(t *testing.T) {
	_, content, _ := readArticleFixture(t, "section-label.txt", "")
	if n := strings.Count(content, "\n\n"); n != 2 {
		t.Errorf("lines copied from a page should be three paragraphs, got %d breaks:\n%s", n, content)
	}
	wrappedText := "Wrapped story\n\nThis paragraph was wrapped at a fixed width by an editor\n" +
		"so that each of its lines stops part of the way through\na sentence.\n\nA second paragraph."
	a, err := ReadArticle("wrapped.txt", []byte(wrappedText), "")
	if err != nil {
		t.Fatal(err)
	}
	want := "This paragraph was wrapped at a fixed width by an editor so that each of its lines stops part of the way through a sentence.\n\nA second paragraph."
	if a.Content != want {
		t.Errorf("wrapped text:\n%q\nwant\n%q", a.Content, want)
	}
}

func TestReadArticleHTML(t *testing.T) {
	title, content, v := readArticleFixture(t, "saved-page.html", "")
	if title != "Desert solar farm powers a city of 200,000" {
		t.Errorf("title %q", title)
	}
	if v.Source != "Sunbelt Herald" || v.Author != "Rosa Delgado" || v.URL != "https://sunbelt.example/energy/desert-solar-farm" {
		t.Errorf("metadata %+v", v)
	}
	if v.Published.Format("2006-01-02") != "2024-05-28" {
		t.Errorf("published %v", v.Published)
	}
	for _, k := range []string{"A solar farm covering twelve square kilometres", "share the cost of a new well",
		"![Rows of solar panels in the desert](https://sunbelt.example/images/solar-field.jpg)"} {
		if !strings.Contains(content, k) {
			t.Errorf("text lost %q:\n%s", k, content)
		}
	}
	for _, d := range []string{"pixel.example", "video.example", "window.track", "font-family", "Home", "Subscribe",
		"Related posts", "Offshore wind", "Leave a Reply", "Your email address", "Back to top", "©", "Share this"} {
		if strings.Contains(content, d) {
			t.Errorf("text kept %q:\n%s", d, content)
		}
	}
	if strings.HasPrefix(content, "# ") || strings.HasPrefix(content, title) {
		t.Errorf("title repeated at the top of the text:\n%s", content)
	}
	_, _, named := readArticleFixture(t, "saved-page.html", "Herald Wire")
	if named.Source != "Herald Wire" {
		t.Errorf("--source not applied: %q", named.Source)
	}
}

func TestReadArticleHTMLFallback(t *testing.T) {
	page := `<html><head><title>Short item</title></head><body><nav>Menu</nav><article><h1>Pier closes for repairs</h1><p>The pier shut on Monday.</p></article><footer>Footer</footer></body></html>`
	a, err := ReadArticle("pier.html", []byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title == "" || !strings.Contains(a.Content, "The pier shut on Monday.") || strings.Contains(a.Content, "Menu") || strings.Contains(a.Content, "Footer") {
		t.Errorf("title %q content %q", a.Title, a.Content)
	}
}

func TestReadArticleSourceAndTitleFromName(t *testing.T) {
	body := []byte("Long opening paragraph that is far too long to be a headline because it goes on and on about the harbour, the weather, the ships that wait offshore and the people who work on the quays through the night, which no title ever would, and then some more words to be sure of it.\n")
	a, err := ReadArticle("/tmp/Harbour strike enters third week - Coast Times.txt", body, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != "Coast Times" || a.Title != "Harbour strike enters third week" {
		t.Errorf("source %q title %q", a.Source, a.Title)
	}
	if !strings.HasPrefix(a.Content, "Long opening paragraph") {
		t.Errorf("content %q", a.Content)
	}
	b, err := ReadArticle("harbour_strike-update.txt", []byte("Strike update\n\nWorkers met again."), "")
	if err != nil || b.Source != "harbour strike update" {
		t.Errorf("source from plain name %q, %v", b.Source, err)
	}
}

func TestReadArticleSameFileSameGUID(t *testing.T) {
	data := readFixture(t, "articles/share.txt")
	a, _ := ReadArticle("a.txt", data, "")
	b, _ := ReadArticle("b.txt", data, "Other")
	if a.GUID != b.GUID {
		t.Errorf("GUIDs differ: %q %q", a.GUID, b.GUID)
	}
}

func TestReadArticleErrors(t *testing.T) {
	for _, tt := range []struct{ name, data, want string }{
		{"subs.opml", string(readFixture(t, "import/nested.opml")), "subs.opml: not an article file (it is OPML)"},
		{"feed.xml", string(readFixture(t, "feeds/rss2.xml")), "feed.xml: not an article file (it is a feed)"},
		{"blank.txt", "\n\n", "blank.txt: not an article file (unrecognised content)"},
		{"only-title.txt", "Just a headline\n", `only-title.txt: only a headline ("Just a headline"), no article text after it; an article file needs a headline line, then the article's text`},
		{"only-title.md", "---\ntitle: Dock strike ends\n---\n\n", `only-title.md: only a headline ("Dock strike ends"), no article text after it; an article file needs a headline line, then the article's text`},
		{"long-title.txt", strings.Repeat("Harbour ", 20) + "\n", `long-title.txt: only a headline ("Harbour Harbour Harbour Harbour Harbour Harbour Harbour…"), no article text after it; an article file needs a headline line, then the article's text`},
		{"wide-title.txt", strings.Repeat("港口罢工", 20) + "\n", `wide-title.txt: only a headline ("` + strings.Repeat("港口罢工", 15) + `…"), no article text after it; an article file needs a headline line, then the article's text`},
		{"junk.txt", "Share this:\nBack to top\n", "junk.txt: no article text found; an article file needs a headline line, then the article's text"},
		{"empty.html", "<html><head><title>Empty</title></head><body><script>var x = 1;</script></body></html>", "empty.html: no article text found in the page"},
	} {
		_, err := ReadArticle(tt.name, []byte(tt.data), "")
		if err == nil || err.Error() != tt.want {
			t.Errorf("ReadArticle(%s) error %v, want %q", tt.name, err, tt.want)
		}
	}
	_, err := ReadArticle("subs.opml", readFixture(t, "import/nested.opml"), "")
	if !errors.Is(err, ErrNotArticle) {
		t.Errorf("error %v does not wrap ErrNotArticle", err)
	}
}

func TestReadArticleStripsEscapes(t *testing.T) {
	data := "Title \x1b]52;c;ZXZpbA==\x07with \x1b[31mcolour\x9b2J \u202etxet\n\nBody \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ here.\n"
	a, err := ReadArticle("esc.txt", []byte(data), "Src\x1b[1m")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Title with colour txet" || a.Content != "Body link here." || a.Source != "Src" {
		t.Errorf("title %q content %q source %q", a.Title, a.Content, a.Source)
	}
}

func FuzzReadArticle(f *testing.F) {
	for _, name := range []string{"messy-page.txt", "front-matter.md"} {
		f.Add(name, readFixture(f, "articles/"+name))
	}
	f.Add("page.html", []byte(`<html><head><title>T</title></head><body><article><p>Text <img src=x width=1></p></article></body></html>`))
	f.Add("breaks.md", []byte("# T\n\na<br>b\n\n- c<br>\n\n| x |\n|---|\n| y<br>z |\n\nend<br>"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		a, err := ReadArticle(name, data, "")
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		for _, s := range []string{a.Title, a.Author, a.URL, a.Source} {
			if _, bad := unsafeRune(s, true); bad {
				t.Fatalf("unsafe one-line field %q", s)
			}
		}
		if _, bad := unsafeRune(a.Content, false); bad {
			t.Fatalf("unsafe text %q", a.Content)
		}
	})
}

func TestTitleHeuristics(t *testing.T) {
	for s, want := range map[string]bool{
		"World News": true, "POLITICS": true, "Arts & Culture": true, "Middle East": true,
		"Wrapped story": false, "Storm floods coastal towns": false, "Hello.": false,
	} {
		if got := isLabel(s); got != want {
			t.Errorf("isLabel(%q) = %v", s, got)
		}
	}
	for s, want := range map[string]bool{
		"World News": true, "Politics": true, "Arts & Culture": true, "Middle East": true,
		"Markets Rally": false, "Brexit": false, "Storm Warning": false,
	} {
		if got := isSectionName(s); got != want {
			t.Errorf("isSectionName(%q) = %v", s, got)
		}
	}
	for s, want := range map[string]bool{
		"storm_floods_coastal_towns": true, "markets-fall-as-oil-prices-jump": true, "story-123-update.html": true,
		"Covid-19": false, "Storm floods coastal towns": false, "well-known": false,
	} {
		if got := isSlug(s); got != want {
			t.Errorf("isSlug(%q) = %v", s, got)
		}
	}
	for s, want := range map[string]string{
		"By Jane Doe":                            "Jane Doe",
		"By Ana de la Cruz and Li Wei":           "Ana de la Cruz and Li Wei",
		"By the end of the year, prices doubled": "",
	} {
		if got, _ := byline(s); got != want {
			t.Errorf("byline(%q) = %q, want %q", s, got, want)
		}
	}
	for s, want := range map[string]string{
		"May 3, 2024":                                     "2024-05-03 00:00",
		"Updated: 12 May 2024 14:20 GMT":                  "2024-05-12 14:20",
		"Published on Monday 3 June 2024, 6:45 pm":        "2024-06-03 18:45",
		"2024-06-04T09:15:00Z":                            "2024-06-04 09:15",
		"May 3, 2024: Storm hits coast as thousands flee": "",
		"February 30, 2024":                               "",
	} {
		got := ""
		if tm, ok := dateLine(s); ok {
			got = tm.Format("2006-01-02 15:04")
		}
		if got != want {
			t.Errorf("dateLine(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestReadArticleMarkdownBrTags: a line a Markdown article sets apart with
// <br> stays apart, as a hard break the reader keeps, and nothing runs
// together; a break in a table cell is a space, and one closing its
// paragraph goes. A <br> in code stays as written.
func TestReadArticleMarkdownBrTags(t *testing.T) {
	src := "# Harbour council lists its winter works\n\n" +
		"The council met on Tuesday.<br>It set out its plans.\n\n" +
		"- Quay wall repairs<BR/>start in January\n" +
		"- Ferry ramp<br />\n  closed until March\n\n" +
		"| Berth | Work |\n|---|---|\n| North | Paint<br>and seal |\n\n" +
		"The works end by spring.<br>\n\n" +
		"Write `a<br>b` to break a line.\n"
	a, err := ReadArticle("winter.md", []byte(src), "Harbour Herald")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"The council met on Tuesday.\\\nIt set out its plans.",
		"- Quay wall repairs\\\nstart in January",
		"- Ferry ramp\\\n  closed until March",
		"| North | Paint and seal |",
		"The works end by spring.\n",
		"Write `a<br>b` to break a line.",
	} {
		if !strings.Contains(a.Content+"\n", want) {
			t.Errorf("content lacks %q:\n%s", want, a.Content)
		}
	}
	if n := strings.Count(strings.ToLower(a.Content), "<br"); n != 1 {
		t.Errorf("%d <br> tags left outside code:\n%s", n-1, a.Content)
	}
}
