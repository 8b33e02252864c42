package feeds

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"parallax/store"
)

// importLibrary is a fake ImportLibrary that keeps what it is given.
type importLibrary struct {
	feeds    []store.Feed
	articles []store.Article
	keys     map[string]bool
	refuse   string // a feed URL AddFeed rejects
	spoilt   string // the title of an article that fails any AddBatches it is in
	calls    int    // of AddBatches
	batches  [][]int
}

// Subscribe subscribes to f once, as the store does.
func (l *importLibrary) Subscribe(ctx context.Context, f store.Feed) (store.Feed, bool, error) {
	if f.URL == l.refuse {
		return store.Feed{}, false, errors.New("refused")
	}
	for _, have := range l.feeds {
		if have.URL == f.URL {
			return have, false, nil
		}
	}
	l.feeds = append(l.feeds, f)
	return f, true, nil
}

func (l *importLibrary) AddArticles(ctx context.Context, feedID int64, arts []store.Article) (store.AddResult, error) {
	if l.keys == nil {
		l.keys = map[string]bool{}
	}
	var res store.AddResult
	for _, a := range arts {
		key := a.GUID + "|" + a.URL
		if l.keys[key] {
			res.Updated++
			continue
		}
		l.keys[key] = true
		res.Added++
		l.articles = append(l.articles, a)
	}
	return res, nil
}

// AddBatches stores each batch as AddArticles does and notes the batches'
// lengths, one call after another. A call with the spoilt article stores
// nothing, as a store's rolled-back transaction would.
func (l *importLibrary) AddBatches(ctx context.Context, batches []store.Batch) ([]store.AddResult, error) {
	l.calls++
	for _, b := range batches {
		for _, a := range b.Articles {
			if l.spoilt != "" && a.Title == l.spoilt {
				return nil, errors.New("disk full")
			}
		}
	}
	var lens []int
	res := make([]store.AddResult, len(batches))
	for i, b := range batches {
		lens = append(lens, len(b.Articles))
		res[i], _ = l.AddArticles(ctx, b.FeedID, b.Articles)
	}
	l.batches = append(l.batches, lens)
	return res, nil
}

// writeFile writes data to a file name in dir and returns its path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Import imports one file as the command line does, and returns its
// account.
func Import(ctx context.Context, lib ImportLibrary, path, source string) (string, error) {
	r := ImportAll(ctx, lib, []string{path}, source)[0]
	return r.Message, r.Err
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	lib := &importLibrary{}

	msg, err := Import(ctx, lib, "testdata/import/nested.opml", "")
	if err == nil || !strings.Contains(err.Error(), "subscribed to 4 feeds; left out 2 outlines") ||
		msg != "subscribed to 4 feeds" || len(lib.feeds) != 4 {
		t.Fatalf("OPML: %q, %v, %d feeds", msg, err, len(lib.feeds))
	}
	if f := lib.feeds[0]; f.URL != "https://gazette.example/world/rss" || f.Title != "Harbour Gazette" || f.SiteURL != "https://gazette.example/world" {
		t.Errorf("OPML feed %+v", f)
	}

	// The urls file lists three of the OPML file's feeds and one more.
	msg, err = Import(ctx, lib, "testdata/import/urls", "")
	if err == nil || !strings.Contains(err.Error(), "subscribed to 1 new feed (3 already subscribed); left out 3 lines whose URL is not a web feed") ||
		msg != "subscribed to 1 new feed (3 already subscribed)" {
		t.Errorf("urls: %q, %v", msg, err)
	}
	msg, err = Import(ctx, lib, "testdata/import/nested.opml", "")
	if err == nil || msg != "subscribed to 0 new feeds (4 already subscribed)" || len(lib.feeds) != 5 {
		t.Errorf("OPML again: %q, %v, %d feeds", msg, err, len(lib.feeds))
	}

	msg, err = Import(ctx, lib, "testdata/feeds/rss2.xml", "")
	if err != nil || msg != `imported 4 new articles from "Harbour Gazette — World"` {
		t.Errorf("feed file: %q, %v", msg, err)
	}
	msg, err = Import(ctx, lib, "testdata/feeds/rss2.xml", "")
	if err != nil || !strings.HasSuffix(msg, "(4 already in the library)") {
		t.Errorf("feed file again: %q, %v", msg, err)
	}

	msg, err = Import(ctx, lib, "testdata/articles/messy-page.txt", "Port News")
	if err != nil || msg != `imported article "Harbour cranes collapse in high winds"` {
		t.Errorf("article: %q, %v", msg, err)
	}
	last := lib.articles[len(lib.articles)-1]
	if last.Source != "Port News" || last.FeedID != 0 || !last.FullText {
		t.Errorf("article %+v", last)
	}
}

func TestImportErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name, data string) string { return writeFile(t, dir, name, []byte(data)) }
	missing := filepath.Join(dir, "missing.txt")
	badURLs := write("urls", "https://ok.example/rss\nnonsense line\n")
	binary := write("photo.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00")
	refused := write("subs.opml", `<opml version="2.0"><body><outline xmlUrl="https://a.example/rss"/><outline xmlUrl="https://b.example/rss"/></body></opml>`)
	for _, tt := range []struct {
		path, want string
		refuse     string
	}{
		{path: missing, want: missing + ": no such file"},
		{path: badURLs, want: badURLs + `: subscribed to 1 feed; line 2: "nonsense" is not a feed URL`},
		{path: binary, want: binary + ": not a file parallax can import (neither OPML, a urls file, a feed nor an article)"},
		{path: refused, refuse: "https://b.example/rss", want: refused + ": subscribed to 1 feed; adding https://b.example/rss: refused"},
	} {
		_, err := Import(ctx, &importLibrary{refuse: tt.refuse}, tt.path, "")
		if err == nil || err.Error() != tt.want {
			t.Errorf("Import(%s) error %v, want %q", filepath.Base(tt.path), err, tt.want)
		}
	}
}

// TestImportAllStoresFeedFilesTogether: the feed files of one import are
// stored in one batch, each with its own account, while a file that
// cannot be read fails alone and an OPML file subscribes as before.
func TestImportAllStoresFeedFilesTogether(t *testing.T) {
	lib := &importLibrary{}
	paths := []string{"testdata/feeds/rss2.xml", "testdata/no-such-file.xml", "testdata/import/nested.opml", "testdata/feeds/atom10.xml"}
	out := ImportAll(context.Background(), lib, paths, "")
	if len(lib.batches) != 1 || len(lib.batches[0]) != 2 {
		t.Fatalf("batches stored %v, want one call with the two feed files", lib.batches)
	}
	if out[0].Err != nil || out[0].Message != `imported 4 new articles from "Harbour Gazette — World"` {
		t.Errorf("first feed: %+v", out[0])
	}
	if out[1].Err == nil || !strings.HasPrefix(out[1].Err.Error(), "testdata/no-such-file.xml") {
		t.Errorf("missing file: %+v, want an error naming it", out[1])
	}
	if out[2].Err == nil || out[2].Message != "subscribed to 4 feeds" {
		t.Errorf("OPML: %+v", out[2])
	}
	if out[3].Err != nil || !strings.HasPrefix(out[3].Message, "imported ") || out[3].Path != paths[3] {
		t.Errorf("second feed: %+v", out[3])
	}
}

// TestImportAllStoresArticleFilesWithFeeds: article files named on one
// import join the feed files' batch, each its own, so that they too are
// grouped oldest first with the rest rather than in the order named; each
// keeps its own account, and importing one again says it was updated.
func TestImportAllStoresArticleFilesWithFeeds(t *testing.T) {
	lib := &importLibrary{}
	paths := []string{"testdata/articles/share.txt", "testdata/feeds/rss2.xml", "testdata/articles/plain.md"}
	out := ImportAll(context.Background(), lib, paths, "The Ledger")
	if len(lib.batches) != 1 || !slices.Equal(lib.batches[0], []int{1, 4, 1}) {
		t.Fatalf("batches stored %v, want one call of an article, the feed's 4 items and an article", lib.batches)
	}
	for i, want := range []string{"imported article ", "imported 4 new articles", "imported article "} {
		if out[i].Err != nil || !strings.HasPrefix(out[i].Message, want) {
			t.Errorf("%s: %+v, want a message starting %q", paths[i], out[i], want)
		}
	}
	again := ImportAll(context.Background(), lib, paths[:1], "The Ledger")
	if again[0].Err != nil || !strings.HasPrefix(again[0].Message, "updated article ") {
		t.Errorf("importing %s again: %+v", paths[0], again[0])
	}
}

// TestImportAllStoresAroundAFileThatFailsToStore: when storing the
// files' articles together fails, each file is stored on its own, so that
// only the file at fault fails and says so.
func TestImportAllStoresAroundAFileThatFailsToStore(t *testing.T) {
	lib := &importLibrary{spoilt: "River cleanup draws hundreds of volunteers"}
	paths := []string{"testdata/articles/share.txt", "testdata/articles/plain.md", "testdata/feeds/rss2.xml"}
	out := ImportAll(context.Background(), lib, paths, "The Ledger")
	if want := "testdata/articles/plain.md: storing the article: disk full"; out[1].Err == nil || out[1].Err.Error() != want {
		t.Errorf("%s: %+v, want the error %q", paths[1], out[1], want)
	}
	for _, i := range []int{0, 2} {
		if out[i].Err != nil || !strings.HasPrefix(out[i].Message, "imported ") {
			t.Errorf("%s: %+v, want it imported", paths[i], out[i])
		}
	}
	if len(lib.articles) != 5 {
		t.Errorf("stored %d articles, want the article file's and the feed's 4", len(lib.articles))
	}
	// A file alone is not stored again after its own call failed.
	lib.calls = 0
	if out := ImportAll(context.Background(), lib, paths[1:2], "The Ledger"); out[0].Err == nil || lib.calls != 1 {
		t.Errorf("importing %s alone: %+v after %d store calls, want its error after 1", paths[1], out[0], lib.calls)
	}
}

// TestReadSubscriptions reads the subscription lists the welcome screen
// imports, OPML and newsboat's urls alike, and says what is wrong with a
// file without repeating its name, which the screen gives.
func TestReadSubscriptions(t *testing.T) {
	if subs, err := ReadSubscriptions("testdata/import/urls"); len(subs) != 4 || err == nil || !strings.Contains(err.Error(), "left out 3 lines whose URL is not a web feed") {
		t.Errorf("urls: %d subscriptions, error %v; want 4 and the three left out named", len(subs), err)
	}
	// A file with damage gives what it could read, and names the rest.
	subs, err := ReadSubscriptions("testdata/import/nested.opml")
	if len(subs) != 4 || err == nil || !strings.Contains(err.Error(), `left out 2 outlines whose URL is not a web feed`) {
		t.Errorf("nested.opml: %d subscriptions, error %v; want 4 and the two left out named", len(subs), err)
	}
	empty := writeFile(t, t.TempDir(), "empty.opml", nil)
	for path, want := range map[string]string{
		"testdata/no-such-file.opml": "no such file",
		"testdata/feeds/rss2.xml":    "neither OPML nor a urls file of subscriptions",
		empty:                        "the file is empty",
	} {
		if _, err := ReadSubscriptions(path); err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %q", path, err, want)
		}
	}
}

// TestImportLocalEncodings imports files saved in the encodings other
// than UTF-8 that local files come in: each reads as what it says.
func TestImportLocalEncodings(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, data []byte) string { return writeFile(t, dir, name, data) }
	utf16LE := func(s string) []byte {
		out := []byte{0xff, 0xfe}
		for _, r := range s {
			out = append(out, byte(r), byte(r>>8))
		}
		return out
	}
	for _, tt := range []struct {
		name        string
		data        []byte
		title, text string
	}{
		{"latin1.txt", []byte("Caf\xe9 owners in S\xe3o Tom\xe9 protest\n\nThe caf\xe9 owners marched to the harbour on Monday, their third protest this month."),
			"Café owners in São Tomé protest", "The café owners marched"},
		{"cp1252.html", []byte("<html><head><title>Ferry \x93delayed\x94 again</title></head><body><article><p>The ferry was \x93delayed\x94 by fog for the third time this week, the operator said on Tuesday.</p></article></body></html>"),
			"Ferry “delayed” again", "The ferry was “delayed” by fog"},
		{"declared.html", []byte("<html><head><meta charset=\"iso-8859-15\"><title>Fares rise to 3 \xa4</title></head><body><article><p>Bus fares rise to 3 \xa4 from Monday, the city council announced after a long debate.</p></article></body></html>"),
			"Fares rise to 3 €", "Bus fares rise to 3 €"},
		// UTF-8, though the page names Windows-1252.
		{"mislabelled.html", []byte("<html><head><meta charset=\"windows-1252\"><title>Fares rise to 3 €</title></head><body><article><p>Bus fares in Zürich rise to 3 € from Monday, the city council announced after a long debate.</p></article></body></html>"),
			"Fares rise to 3 €", "Bus fares in Zürich rise to 3 €"},
		{"utf16.md", utf16LE("# Tunnel reopens in Gr\u00fcnwald\n\nThe tunnel reopened on Friday after six weeks of repairs to its lining."),
			"Tunnel reopens in Grünwald", "The tunnel reopened on Friday"},
	} {
		lib := &importLibrary{}
		if _, err := Import(ctx, lib, write(tt.name, tt.data), ""); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		a := lib.articles[0]
		if a.Title != tt.title || !strings.Contains(a.Content, tt.text) {
			t.Errorf("%s: title %q, text %q; want %q and %q", tt.name, a.Title, a.Content, tt.title, tt.text)
		}
	}

	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"latin1.opml", []byte(`<opml version="2.0"><body><outline text="Caf` + "\xe9" + ` du Port" xmlUrl="https://cafe.example/rss"/></body></opml>`)},
		{"utf16.opml", utf16LE(`<?xml version="1.0" encoding="UTF-16"?><opml version="2.0"><body><outline text="Café du Port" xmlUrl="https://cafe.example/rss"/></body></opml>`)},
	} {
		subs, err := ReadSubscriptions(write(tt.name, tt.data))
		if err != nil || len(subs) != 1 || subs[0].Name != "Café du Port" {
			t.Errorf("%s: %+v, %v", tt.name, subs, err)
		}
	}
}

// openLibrary opens an empty library in a temporary directory.
func openLibrary(t *testing.T) *store.Store {
	t.Helper()
	lib, err := store.Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	return lib
}

func countArticles(t *testing.T, lib *store.Store) int {
	t.Helper()
	c, err := lib.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c.Articles
}

// TestImportKeepsSameHeadlinesApart: two article files from one outlet
// that share a headline but not their text are two articles, while the
// same file imported again is the article already in the library.
func TestImportKeepsSameHeadlinesApart(t *testing.T) {
	ctx := context.Background()
	lib := openLibrary(t)
	dir := t.TempDir()
	fares := writeFile(t, dir, "fares.txt", []byte("Ferry fares rise\n\nFares on the island ferry rise by a tenth from Monday, the operator said."))
	review := writeFile(t, dir, "review.txt", []byte("Ferry fares rise\n\nThe council will review the ferry contract next year after complaints about the rise."))
	for _, path := range []string{fares, review} {
		if msg, err := Import(ctx, lib, path, "Island Post"); err != nil || msg != `imported article "Ferry fares rise"` {
			t.Errorf("%s: %q, %v", filepath.Base(path), msg, err)
		}
	}
	if msg, err := Import(ctx, lib, fares, "Island Post"); err != nil || msg != `updated article "Ferry fares rise"` {
		t.Errorf("fares.txt again: %q, %v", msg, err)
	}
	if n := countArticles(t, lib); n != 2 {
		t.Errorf("%d articles in the library, want 2", n)
	}
}

// TestImportKeepsLinklessItemsApart: a feed file's items without links
// that share a title are told apart by their GUIDs, as when the feed is
// fetched, and importing the file again adds nothing.
func TestImportKeepsLinklessItemsApart(t *testing.T) {
	ctx := context.Background()
	lib := openLibrary(t)
	path := "testdata/feeds/linkless.xml"
	if msg, err := Import(ctx, lib, path, ""); err != nil || msg != `imported 2 new articles from "Harbour Tide Notes"` {
		t.Errorf("feed file: %q, %v", msg, err)
	}
	if msg, err := Import(ctx, lib, path, ""); err != nil || msg != `imported 0 new articles from "Harbour Tide Notes"` {
		t.Errorf("feed file again: %q, %v", msg, err)
	}
	if n := countArticles(t, lib); n != 2 {
		t.Errorf("%d articles in the library, want 2", n)
	}
}
