package feeds

import (
	"bytes"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"parallax/store"
)

func TestParseOPMLNested(t *testing.T) {
	subs, err := ParseOPML(bytes.NewReader(readFixture(t, "import/nested.opml")))
	// The unusable outlines are named beside the usable ones, which were
	// once dropped without a word.
	if err == nil || !strings.Contains(err.Error(), `2 outlines whose URL is not a web feed: "javascript:alert(1)", "/etc/passwd"`) {
		t.Errorf("error %v, want one naming the two unusable outlines", err)
	}
	want := []Subscription{
		{URL: "https://gazette.example/world/rss", Name: "Harbour Gazette", SiteURL: "https://gazette.example/world", Tags: []string{"News", "Europe"}, MaybeOwn: true},
		{URL: "https://valley.example/rss", Name: "Valley & Hills Courier", Tags: []string{"News", "Europe", "Regional", "Weekly"}, MaybeOwn: true},
		{URL: "https://island.example/atom.xml", Name: "Island Post", Tags: []string{"News"}, MaybeOwn: true},
		{URL: "https://plains.example/feed.json", Name: "Plains Dispatch", Tags: []string{}, MaybeOwn: true},
	}
	if len(subs) != len(want) {
		t.Fatalf("got %d subscriptions: %+v", len(subs), subs)
	}
	for i := range want {
		if len(want[i].Tags) == 0 && len(subs[i].Tags) == 0 {
			subs[i].Tags = want[i].Tags
		}
		if !reflect.DeepEqual(subs[i], want[i]) {
			t.Errorf("subscription %d\n got %+v\nwant %+v", i, subs[i], want[i])
		}
	}
}

func TestParseOPMLLatin1(t *testing.T) {
	subs, err := ParseOPML(bytes.NewReader(readFixture(t, "import/subscriptions-1.0.opml")))
	if err != nil || len(subs) != 1 || subs[0].Name != "Café Tribune" || subs[0].Tags[0] != "Tech" {
		t.Fatalf("%v %+v", err, subs)
	}
}

func TestParseOPMLErrors(t *testing.T) {
	for in, want := range map[string]string{
		`<rss version="2.0"></rss>`: "not an OPML document (root element <rss>)",
		``:                          "not an OPML document (empty)",
	} {
		_, err := ParseOPML(strings.NewReader(in))
		if err == nil || err.Error() != want {
			t.Errorf("ParseOPML(%q) error %v, want %q", in, err, want)
		}
	}
	if _, err := ParseOPML(strings.NewReader(`<opml><body><outline xmlUrl="https://a.example/"`)); err == nil {
		t.Error("truncated OPML gave no error")
	}
}

func TestWriteOPMLRoundTrip(t *testing.T) {
	feeds := []store.Feed{
		{URL: "https://gazette.example/world/rss", Title: "Harbour Gazette", SiteURL: "https://gazette.example/world"},
		{URL: "https://q.example/rss?a=1&b=2", Title: `Quotes "and" <brackets> & more`},
		{URL: "https://untitled.example/feed"},
		{URL: "file:///var/feeds/local.xml", Title: "Local\x1b[31m file"},
	}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, feeds); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`<?xml version="1.0" encoding="UTF-8"?>`, `<opml version="2.0">`, `type="rss"`, `xmlUrl="https://q.example/rss?a=1&amp;b=2"`} {
		if !strings.Contains(out, want) {
			t.Errorf("OPML lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("OPML carries an escape")
	}
	if Sniff("export", buf.Bytes()) != KindOPML {
		t.Error("exported OPML not sniffed as OPML")
	}
	subs, err := ParseOPML(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != len(feeds) {
		t.Fatalf("%d subscriptions back from %d feeds", len(subs), len(feeds))
	}
	// A feed without a title comes back without one, not named by its
	// address for good.
	wantTitles := []string{"Harbour Gazette", `Quotes "and" <brackets> & more`, "", "Local file"}
	for i, s := range subs {
		if s.URL != feeds[i].URL || s.Name != wantTitles[i] || s.SiteURL != feeds[i].SiteURL {
			t.Errorf("round trip %d: %+v from %+v", i, s, feeds[i])
		}
	}
}

// TestWriteOPMLNewsboatImports checks the export with newsboat itself
// where it is installed. newsboat keeps only the URLs; titles come from
// the feeds when it fetches them.
func TestWriteOPMLNewsboatImports(t *testing.T) {
	nb, err := exec.LookPath("newsboat")
	if err != nil {
		t.Skip("newsboat not installed")
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	feeds := []store.Feed{{URL: "https://gazette.example/world/rss", Title: "Harbour Gazette"}, {URL: "https://plains.example/feed.json"}}
	if err := WriteOPML(&buf, feeds); err != nil {
		t.Fatal(err)
	}
	opml, urls := dir+"/export.opml", dir+"/urls"
	os.WriteFile(opml, buf.Bytes(), 0o644)
	os.WriteFile(urls, nil, 0o644)
	cmd := exec.Command(nb, "-u", urls, "-c", dir+"/cache.db", "-C", dir+"/config", "-i", opml)
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("newsboat -i: %v\n%s", err, out)
	}
	data, _ := os.ReadFile(urls)
	subs, err := ParseURLs(bytes.NewReader(data))
	if err != nil || len(subs) != 2 || subs[0].URL != feeds[0].URL || subs[1].URL != feeds[1].URL {
		t.Fatalf("newsboat wrote %q: %v %+v", data, err, subs)
	}
}

func TestParseURLs(t *testing.T) {
	subs, err := ParseURLs(bytes.NewReader(readFixture(t, "import/urls")))
	wantErr := `left out 3 lines whose URL is not a web feed: "query:Unread:unread = \"yes\"", ` +
		`"exec:~/bin/make-feed.sh", "filter:~/bin/clean.sh:https://plains.example/feed.json"`
	if err == nil || err.Error() != wantErr {
		t.Errorf("error %v, want %s", err, wantErr)
	}
	want := []Subscription{
		{URL: "https://gazette.example/world/rss", Name: "Harbour Gazette", Tags: []string{"news", "europe"}},
		{URL: "https://valley.example/rss", Tags: []string{"regional news"}},
		{URL: "http://island.example/atom.xml"},
		{URL: "https://plains.example/feed.json", Name: `Plains "Dispatch"`},
	}
	if !reflect.DeepEqual(subs, want) {
		t.Errorf("got\n%+v\nwant\n%+v", subs, want)
	}
}

// TestSubscriptionFeedNamed: a subscription with a name subscribes under
// it as a name the user gave; one without leaves the title to the feed.
func TestSubscriptionFeedNamed(t *testing.T) {
	named := Subscription{URL: "https://gazette.example/rss", Name: "Gazette"}.Feed()
	if named.Title != "Gazette" || !named.Named {
		t.Errorf("named subscription: %+v", named)
	}
	if plain := (Subscription{URL: "https://gazette.example/rss"}).Feed(); plain.Title != "" || plain.Named {
		t.Errorf("unnamed subscription: %+v", plain)
	}
}

func TestParseURLsBadLines(t *testing.T) {
	subs, err := ParseURLs(strings.NewReader("https://ok.example/rss\nnot a url here\nftp://files.example/feed\n"))
	if len(subs) != 1 || subs[0].URL != "https://ok.example/rss" {
		t.Errorf("kept %+v", subs)
	}
	if err == nil || !strings.Contains(err.Error(), `line 2: "not" is not a feed URL`) || !strings.Contains(err.Error(), `line 3: "ftp://files.example/feed" is not a feed URL`) {
		t.Errorf("error %v", err)
	}
}

func FuzzParseOPML(f *testing.F) {
	f.Add(readFixture(f, "import/nested.opml"))
	f.Add([]byte(`<opml version="1.0"><body><outline text="a"><outline xmlUrl="http://x.example/"/></outline></body></opml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		subs, err := ParseOPML(bytes.NewReader(data))
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("multi-line error %q", err)
		}
		for _, s := range subs {
			checkSubscription(t, s)
		}
	})
}

func FuzzParseURLs(f *testing.F) {
	f.Add(readFixture(f, "import/urls"))
	f.Add([]byte("https://a.example/ \"~T\\\"\" tag\n\"query:x:y\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		subs, _ := ParseURLs(bytes.NewReader(data))
		for _, s := range subs {
			checkSubscription(t, s)
		}
	})
}

func checkSubscription(t *testing.T, s Subscription) {
	t.Helper()
	if !strings.HasPrefix(s.URL, "http://") && !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "file://") {
		t.Fatalf("subscription to %q", s.URL)
	}
	for _, v := range append([]string{s.URL, s.Name, s.SiteURL}, s.Tags...) {
		if _, bad := unsafeRune(v, true); bad {
			t.Fatalf("unsafe field %q", v)
		}
	}
}
