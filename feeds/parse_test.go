package feeds

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"parallax/store"
)

var fetchTime = time.Date(2024, 6, 6, 12, 0, 0, 0, time.UTC)

func parseFixture(t *testing.T, name string, feed store.Feed) Parsed {
	t.Helper()
	p, err := ParseFeed(readFixture(t, "feeds/"+name), feed, "https://mirror.example/feeds/"+name, fetchTime)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

func TestParseFeedFormats(t *testing.T) {
	tests := []struct {
		file, title, site string
		first             store.Article
	}{
		{"rss2.xml", "Harbour Gazette — World", "https://gazette.example/world", store.Article{
			Title: "Bridge reopens after flood repairs", GUID: "gazette-1001", Author: "Mira Okafor",
			URL: "https://mirror.example/world/bridge-reopens", Published: time.Date(2024, 6, 4, 9, 30, 0, 0, time.UTC),
		}},
		{"rss1.rdf", "Valley Courier", "https://valley.example/", store.Article{
			Title: "Orchard harvest starts early", Author: "Ana Lund", URL: "https://valley.example/a/1",
			Published: time.Date(2024, 6, 2, 7, 15, 0, 0, time.UTC),
		}},
		{"rss091.xml", "Café Tribune", "http://tribune.example/", store.Article{
			Title: "Café owners protest rent rise", URL: "http://tribune.example/story/7",
		}},
		{"atom10.xml", "Northern Ledger", "https://ledger.example/", store.Article{
			Title: "Council votes on harbour plan", GUID: "urn:uuid:ledger-42", Author: "Priya Nair, Jon Bell",
			URL: "https://mirror.example/feeds/stories/harbour-plan", Published: time.Date(2024, 6, 5, 11, 0, 0, 0, time.UTC),
		}},
		{"atom03.xml", "Island Post", "https://island.example/", store.Article{
			Title: "Storm warning lifted", GUID: "tag:island.example,2024:storm-lifted", Author: "Kai Moana",
			URL: "https://island.example/storm-lifted", Published: time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC),
		}},
		{"feed.json", "Plains Dispatch", "https://plains.example/", store.Article{
			Title: "Wheat prices climb", GUID: "plains-9", Author: "Lee Wong", URL: "https://plains.example/news/9",
			Published: time.Date(2024, 6, 3, 15, 0, 0, 0, time.UTC),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := parseFixture(t, tt.file, store.Feed{ID: 7})
			if p.Title != tt.title || p.SiteURL != tt.site {
				t.Errorf("feed title %q site %q, want %q %q", p.Title, p.SiteURL, tt.title, tt.site)
			}
			if len(p.Articles) == 0 {
				t.Fatal("no articles")
			}
			a := p.Articles[0]
			if a.Title != tt.first.Title || a.GUID != tt.first.GUID || a.Author != tt.first.Author ||
				a.URL != tt.first.URL || !a.Published.Equal(tt.first.Published) {
				t.Errorf("first article\n got %q %q %q %q %v\nwant %q %q %q %q %v",
					a.Title, a.GUID, a.Author, a.URL, a.Published,
					tt.first.Title, tt.first.GUID, tt.first.Author, tt.first.URL, tt.first.Published)
			}
			if a.FeedID != 7 || a.Source != tt.title || !a.Fetched.Equal(fetchTime) {
				t.Errorf("feed %d source %q fetched %v", a.FeedID, a.Source, a.Fetched)
			}
		})
	}
}

// TestParseFeedSourceFollowsTheFeed: the items of a feed known by its own
// title carry the title it gives now, the items of one the user named
// carry that name.
func TestParseFeedSourceFollowsTheFeed(t *testing.T) {
	for _, tt := range []struct {
		feed store.Feed
		want string
	}{
		{store.Feed{Title: "Harbour Gazette"}, "Harbour Gazette — World"},
		{store.Feed{Title: "Gazette", Named: true}, "Gazette"},
		{store.Feed{}, "Harbour Gazette — World"},
	} {
		for _, a := range parseFixture(t, "rss2.xml", tt.feed).Articles {
			if a.Source != tt.want {
				t.Errorf("feed %+v: article %q from %q, want %q", tt.feed, a.Title, a.Source, tt.want)
			}
		}
	}
}

func TestParseFeedContent(t *testing.T) {
	p := parseFixture(t, "rss2.xml", store.Feed{Title: "Gazette", Named: true})
	bridge := p.Articles[0]
	if bridge.Source != "Gazette" {
		t.Errorf("source %q, want the subscription's name", bridge.Source)
	}
	if !bridge.FullText {
		t.Error("long content:encoded not marked as full text")
	}
	if bridge.Summary != "The river crossing is open again." {
		t.Errorf("summary %q", bridge.Summary)
	}
	for _, want := range []string{"The old stone bridge over the Lune", "![The repaired arch](https://mirror.example/img/bridge.jpg)"} {
		if !strings.Contains(bridge.Content, want) {
			t.Errorf("content lacks %q", want)
		}
	}
	for _, bad := range []string{"video.example", "color: red", "track.example", "alert"} {
		if strings.Contains(bridge.Content+bridge.Summary, bad) {
			t.Errorf("content keeps %q", bad)
		}
	}
	ferry := p.Articles[1]
	if ferry.FullText || ferry.Content != "Unions and operators reached a deal late on Monday." {
		t.Errorf("teaser item: full text %v, content %q", ferry.FullText, ferry.Content)
	}
	if !ferry.Published.Equal(time.Date(2024, 6, 3, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("zone not applied: %v", ferry.Published)
	}
	if undated := p.Articles[2]; !undated.Published.IsZero() {
		t.Errorf("unreadable date gave %v", undated.Published)
	}
	if future := p.Articles[3]; !future.Published.Equal(fetchTime) {
		t.Errorf("date in 2100 not clamped to fetch time: %v", future.Published)
	}
}

func TestParseFeedUpdatedAndUntitled(t *testing.T) {
	p := parseFixture(t, "feed.json", store.Feed{})
	note := p.Articles[1]
	if !note.Published.Equal(time.Date(2024, 6, 4, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("updated date not used: %v", note.Published)
	}
	if note.Title != "A short note without a title about the county fair opening on Saturday." {
		t.Errorf("untitled item title %q", note.Title)
	}
	if note.URL != "" {
		t.Errorf("URL %q from a non-URL id", note.URL)
	}
	atom := parseFixture(t, "atom10.xml", store.Feed{})
	if c := atom.Articles[0].Content; strings.Contains(c, "javascript") || !strings.Contains(c, "Click here or [read the plan](https://mirror.example/docs/plan.pdf)") {
		t.Errorf("atom content %q", c)
	}
}

func TestParseFeedFile(t *testing.T) {
	p, err := ParseFeedFile("testdata/feeds/atom10.xml", readFixture(t, "feeds/atom10.xml"), "")
	if err != nil {
		t.Fatal(err)
	}
	if a := p.Articles[0]; a.Source != "Northern Ledger" || a.URL != "https://ledger.example/stories/harbour-plan" || a.FeedID != 0 {
		t.Errorf("article %q %q %d", a.Source, a.URL, a.FeedID)
	}
	p, err = ParseFeedFile("x.xml", readFixture(t, "feeds/atom10.xml"), "Ledger Wire")
	if err != nil || p.Articles[0].Source != "Ledger Wire" {
		t.Errorf("--source not applied: %v %q", err, p.Articles[0].Source)
	}
	_, err = ParseFeedFile("page.xml", []byte("<html><body>hi</body></html>"), "")
	if err == nil || err.Error() != "page.xml: not a feed (got HTML)" {
		t.Errorf("error %v", err)
	}
}

func TestParseFeedErrors(t *testing.T) {
	tests := map[string]string{
		"":                                  "empty document",
		"   \n":                             "empty document",
		"<html><body>x</body></html>":       "not a feed (got HTML)",
		`<?xml version="1.0"?><note/>`:      "not a feed (XML root element <note>)",
		`{"items": []}`:                     "not a feed (JSON without a JSON Feed version)",
		`{"version": "https://jsonfeed.org`: "malformed feed: unexpected end of JSON input",
		"plain words":                       "not a feed",
	}
	for in, want := range tests {
		_, err := ParseFeed([]byte(in), store.Feed{}, "", fetchTime)
		if err == nil || err.Error() != want {
			t.Errorf("ParseFeed(%q) error %v, want %q", in, err, want)
		}
	}
}

func TestParseFeedErrorQuotingRemoteTextIsSafe(t *testing.T) {
	// Not UTF-8 (the "\xe9"), so that the encoding it names is looked up.
	_, err := ParseFeed([]byte("<?xml version=\"1.0\" encoding=\"bad\x1b]52;c;eA==\x07\u202e\"?><rss>caf\xe9</rss>"), store.Feed{}, "", fetchTime)
	if err == nil || err.Error() != `unsupported encoding "bad"` {
		t.Errorf("error %q", err)
	}
	_, err = ParseFeedFile("feed\x1b[2J.xml", []byte("<html>x</html>"), "")
	if err == nil || err.Error() != "feed.xml: not a feed (got HTML)" {
		t.Errorf("error %q", err)
	}
}

// TestParseFeedControlReferences reads a feed that writes control
// characters as character references, which XML does not allow: the feed
// is kept, without the characters or the escape sequences they open, and
// references XML allows still read as their characters.
func TestParseFeedControlReferences(t *testing.T) {
	doc := `<?xml version="1.0"?><rss version="2.0"><channel><title>Refs</title>` +
		`<item><title>Clip&#x1b;]52;c;aGk=&#x07;board &#1;&#xFFFE;&#xd800;done</title><link>https://r.example/1</link>` +
		`<description>caf&#233; &#x2014; &#X1B;[31mred&#27;[0m</description></item></channel></rss>`
	p, err := ParseFeed([]byte(doc), store.Feed{}, "", fetchTime)
	if err != nil {
		t.Fatalf("ParseFeed: %v", err)
	}
	a := p.Articles[0]
	if a.Title != "Clipboard done" {
		t.Errorf("title %q, want %q", a.Title, "Clipboard done")
	}
	if want := "café — red"; a.Summary != want {
		t.Errorf("summary %q, want %q", a.Summary, want)
	}
}

func TestParseFeedUTF16(t *testing.T) {
	src := `<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Wide</title><item><title>Ünïcode</title><link>https://w.example/1</link></item></channel></rss>`
	var data []byte
	data = append(data, 0xff, 0xfe)
	for _, r := range src {
		data = append(data, byte(r), byte(r>>8))
	}
	p, err := ParseFeed(data, store.Feed{}, "", fetchTime)
	if err != nil || len(p.Articles) != 1 || p.Articles[0].Title != "Ünïcode" {
		t.Fatalf("%v %+v", err, p)
	}
}

func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom10.xml", "feed.json"} {
		f.Add(readFixture(f, "feeds/"+name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseFeed(data, store.Feed{ID: 1}, "https://fuzz.example/feed", fetchTime)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		for _, a := range p.Articles {
			for _, s := range []string{a.Title, a.Author, a.URL, a.GUID, a.Source} {
				if _, bad := unsafeRune(s, true); bad {
					t.Fatalf("unsafe one-line field %q", s)
				}
			}
			for _, s := range []string{a.Summary, a.Content} {
				if _, bad := unsafeRune(s, false); bad {
					t.Fatalf("unsafe text %q", s)
				}
			}
			if a.Published.After(fetchTime) {
				t.Fatalf("published %v after fetch", a.Published)
			}
		}
	})
}

// TestParseAggregatorSources reads feeds that carry many outlets' items,
// each naming its outlet as its source: every article is that outlet's,
// without the outlet's name on the end of its headline.
func TestParseAggregatorSources(t *testing.T) {
	p := parseFixture(t, "aggregator.xml", store.Feed{Title: "News Digest", Named: true})
	want := []struct{ source, title string }{
		{"The Coastal Times", "Port Arlen shuts northern quay after sea wall cracks"},
		{"Harbour Herald", "Cracked sea wall closes Port Arlen quay"},
		{"Valley Radio", "Quay closure - what ferry passengers need to know"},
		{"News Digest", "Village choir wins national title"},
	}
	if len(p.Articles) != len(want) {
		t.Fatalf("%d articles, want %d", len(p.Articles), len(want))
	}
	for i, w := range want {
		if a := p.Articles[i]; a.Source != w.source || a.Title != w.title {
			t.Errorf("article %d: %q from %q, want %q from %q", i, a.Title, a.Source, w.title, w.source)
		}
	}

	if s := p.Articles[0].Summary; strings.Contains(s, "Coastal Times") || !strings.Contains(s, "sea wall cracks") {
		t.Errorf("summary %q: want the headline's link without the outlet's name after it", s)
	}

	planet := parseFixture(t, "planet.atom", store.Feed{})
	if a := planet.Articles[0]; a.Source != "Ines Okafor's notebook" {
		t.Errorf("Atom entry copied from another feed has source %q", a.Source)
	}

	// An element named as the key the outlet is kept under names nothing.
	spoof := `<rss version="2.0"><channel><title>Gazette</title>
		<item><title>Hello - Spoof</title><guid>s1</guid><parallax-source>Spoof</parallax-source></item>
		<item><title>Quay reopens</title><guid>s2</guid><parallax-source>Spoof</parallax-source><source url="https://h.example/rss">Harbour Herald</source></item>
		</channel></rss>`
	for _, doc := range []string{spoof, strings.NewReplacer("<rss version=\"2.0\"><channel>", `<feed xmlns="http://www.w3.org/2005/Atom">`,
		"</channel></rss>", "</feed>", "<item>", "<entry>", "</item>", "</entry>", "<guid>", "<id>", "</guid>", "</id>",
		`<source url="https://h.example/rss">Harbour Herald</source>`, "<source><title>Harbour Herald</title></source>").Replace(spoof)} {
		p, err := ParseFeed([]byte(doc), store.Feed{Title: "Gazette"}, "https://gazette.example/feed", fetchTime)
		if err != nil || len(p.Articles) != 2 {
			t.Fatalf("%v, %d articles", err, len(p.Articles))
		}
		if a, b := p.Articles[0], p.Articles[1]; a.Source != "Gazette" || a.Title != "Hello - Spoof" || b.Source != "Harbour Herald" {
			t.Errorf("an item's <parallax-source> set its outlet: %q from %q, then %q from %q", a.Title, a.Source, b.Title, b.Source)
		}
	}

	named, err := ParseFeedFile("testdata/feeds/aggregator.xml", readFixture(t, "feeds/aggregator.xml"), "Desk")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range named.Articles {
		if a.Source != "Desk" {
			t.Errorf("import --source Desk gave %q the source %q", a.Title, a.Source)
		}
	}
}

func TestWithoutSourceTail(t *testing.T) {
	for _, tt := range []struct{ text, source, want string }{
		{"[Quay shuts](https://c.example/q)\u00a0\u00a0The Coastal Times", "The Coastal Times", "[Quay shuts](https://c.example/q)"},
		{"The quay shut, the harbourmaster told The Coastal Times.", "The Coastal Times", "The quay shut, the harbourmaster told The Coastal Times."},
		{"Read more at the Times", "The Coastal Times", "Read more at the Times"},
		{"The Coastal Times", "The Coastal Times", "The Coastal Times"},
		{"Quay shuts — Herald\n", "Herald", "Quay shuts"},
	} {
		if got := withoutSourceTail(tt.text, tt.source); got != tt.want {
			t.Errorf("withoutSourceTail(%q, %q) = %q, want %q", tt.text, tt.source, got, tt.want)
		}
	}
}

func TestWithoutSource(t *testing.T) {
	for _, tt := range []struct{ title, source, want string }{
		{"Quay shuts - The Coastal Times", "The Coastal Times", "Quay shuts"},
		{"Quay shuts | harbour herald", "Harbour Herald", "Quay shuts"},
		{"Quay shuts - but ferries run", "Harbour Herald", "Quay shuts - but ferries run"},
		{"Harbour Herald", "Harbour Herald", "Harbour Herald"},
		{" - Harbour Herald", "Harbour Herald", " - Harbour Herald"},
		// The outlet by its address, without "The", or as part of the name
		// of the feed.
		{"Quay shuts - coastaltimes.com", "The Coastal Times", "Quay shuts"},
		{"Quay shuts – Coastal Times", "The Coastal Times", "Quay shuts"},
		{"Quay shuts | The Coastal Times", "Politics – The Coastal Times", "Quay shuts"},
		{"Quay shuts - Coastal Radio", "The Coastal Times", "Quay shuts - Coastal Radio"},
		{"Ferries run - Quay shuts - Harbour Herald", "Harbour Herald", "Ferries run - Quay shuts"},
	} {
		if got := withoutSource(tt.title, tt.source); got != tt.want {
			t.Errorf("withoutSource(%q, %q) = %q, want %q", tt.title, tt.source, got, tt.want)
		}
	}
}

// TestParseFeedDropsSharedTail reads a feed whose headlines end with the
// site's name, which is not the name the feed goes by: the name comes off
// them, and a headline whose end is its own news keeps it.
func TestParseFeedDropsSharedTail(t *testing.T) {
	item := func(guid, title string) string {
		return "<item><guid>" + guid + "</guid><title>" + title + "</title></item>"
	}
	doc := `<rss version="2.0"><channel><title>Gazette: Harbour</title>` +
		item("1", "Quay shuts after sea wall cracks | Harbour Online") +
		item("2", "Ferries moved to the west pier | Harbour Online") +
		item("3", "Repairs to take six weeks, council says | Harbour Online") +
		item("4", "Quay closure - what passengers need to know") +
		`</channel></rss>`
	p, err := ParseFeed([]byte(doc), store.Feed{Title: "Gazette"}, "https://gazette.example/feed", fetchTime)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range p.Articles {
		got = append(got, a.Title)
	}
	want := []string{"Quay shuts after sea wall cracks", "Ferries moved to the west pier", "Repairs to take six weeks, council says",
		"Quay closure - what passengers need to know"}
	if !slices.Equal(got, want) {
		t.Errorf("titles %q, want %q", got, want)
	}

	// The same end on fewer than half the headlines is news.
	doc = `<rss version="2.0"><channel><title>Gazette</title>`
	for i := range 8 {
		title := fmt.Sprintf("Rates to rise in month %d", i+1)
		if i < 3 {
			title += " - sources"
		}
		doc += item(fmt.Sprint(i), title)
	}
	doc += `</channel></rss>`
	p, err = ParseFeed([]byte(doc), store.Feed{Title: "Gazette"}, "https://gazette.example/feed", fetchTime)
	if err != nil {
		t.Fatal(err)
	}
	if a := p.Articles[0]; a.Title != "Rates to rise in month 1 - sources" {
		t.Errorf("title %q, want it whole", a.Title)
	}
}

// TestControlRefsToBytes keeps the references XML allows, turns a control
// character's into its byte and drops the rest, wherever they stand.
func TestControlRefsToBytes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<t>It&#8217;s &amp; &#38;</t>", "<t>It&#8217;s &amp; &#38;</t>"},
		{"&#x1b;[31mRed&#27;[0m", "\x1b[31mRed\x1b[0m"},
		{"<t>a&#xFFFE;b&#7;c&#8217;d&#</t>", "<t>ab\x07c&#8217;d&#</t>"},
		{"&#xD800;", ""},
		{`{"title": "&#x1b;"}`, `{"title": "&#x1b;"}`},
	} {
		if got := string(controlRefsToBytes([]byte(c.in))); got != c.want {
			t.Errorf("controlRefsToBytes(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBylineName(t *testing.T) {
	for in, want := range map[string]string{
		"By Jane Doe":   "Jane Doe",
		"by: Jane Doe":  "Jane Doe",
		"BY JANE DOE":   "JANE DOE",
		"Byron Kettle":  "Byron Kettle",
		"By":            "By",
		"  Jane Doe  ":  "Jane Doe",
		"Bystander Ltd": "Bystander Ltd",
	} {
		if got := bylineName(in); got != want {
			t.Errorf("bylineName(%q) = %q, want %q", in, got, want)
		}
	}
}
