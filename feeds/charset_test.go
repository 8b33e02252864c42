package feeds

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"

	"parallax/store"
)

// TestParseFeedCharsets: a body that is valid UTF-8 with characters
// beyond ASCII is read as UTF-8 whatever charset the server or the
// document names, while a body that is not UTF-8 is read in the charset
// named for it.
func TestParseFeedCharsets(t *testing.T) {
	const title = "Café owners in Zürich — “rent” 東京 Ярмарка"
	rss := func(decl, text string) []byte {
		return []byte(decl + `<rss version="2.0"><channel><title>Feed</title><item><title>` + text +
			`</title><link>https://cs.example/1</link></item></channel></rss>`)
	}
	latin1 := func(s string) string {
		b, err := charmap.ISO8859_1.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cp1252 := func(s string) string {
		b, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cp1251 := func(s string) string {
		b, err := charmap.Windows1251.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	sjis := func(s string) string {
		b, err := japanese.ShiftJIS.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tt := range []struct {
		name, contentType string
		body              []byte
		want              string
	}{
		{"UTF-8 served as Latin-1", "application/rss+xml; charset=ISO-8859-1", rss("", title), title},
		{"UTF-8 served as Windows-1252", "text/xml; charset=windows-1252", rss("", title), title},
		{"UTF-8 declared UTF-8, served as Latin-1", "application/rss+xml; charset=iso-8859-1",
			rss(`<?xml version="1.0" encoding="UTF-8"?>`, title), title},
		{"UTF-8 declared Latin-1", "application/rss+xml",
			rss(`<?xml version="1.0" encoding="ISO-8859-1"?>`, title), title},
		{"UTF-8 declared and served as Latin-1", "text/xml; charset=ISO-8859-1",
			rss(`<?xml version='1.0' encoding='iso-8859-1'?>`+"\n", title), title},
		{"UTF-8 declared Latin-1 with spaces", "",
			rss(`<?xml version="1.0" encoding = 'ISO-8859-1' ?>`, title), title},
		{"Latin-1 served as Latin-1", "application/rss+xml; charset=ISO-8859-1",
			rss("", latin1("Café owners in Zürich")), "Café owners in Zürich"},
		{"Latin-1 declared Latin-1", "",
			rss(`<?xml version="1.0" encoding="ISO-8859-1"?>`, latin1("Café owners in Zürich")), "Café owners in Zürich"},
		{"Windows-1252 served so", "text/xml; charset=windows-1252",
			rss("", cp1252("“Rent” rises — café")), "“Rent” rises — café"},
		{"Windows-1251 declared so", "text/xml",
			rss(`<?xml version="1.0" encoding="windows-1251"?>`, cp1251("Ярмарка в Москве")), "Ярмарка в Москве"},
		{"Shift_JIS served so", "application/rss+xml; charset=Shift_JIS",
			rss("", sjis("東京の天気は晴れ")), "東京の天気は晴れ"},
		{"ASCII served as Latin-1", "application/rss+xml; charset=ISO-8859-1",
			rss("", "Plain title"), "Plain title"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parseFeed(tt.body, tt.contentType, "https://cs.example/feed")
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Items[0].Title; got != tt.want {
				t.Errorf("title %q, want %q", got, tt.want)
			}
		})
	}
}

// TestFetchUTF8ServedAsLatin1 fetches a UTF-8 feed whose server says it
// is Latin-1: its titles read as written.
func TestFetchUTF8ServedAsLatin1(t *testing.T) {
	const feed = `<rss version="2.0"><channel><title>Seeblick Zeitung</title>` +
		`<item><title>Zürich’s ferries return — “at last”</title><link>https://seeblick.example/1</link></item></channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=ISO-8859-1")
		w.Write([]byte(feed))
	}))
	defer srv.Close()
	r := testFetcher().Fetch(context.Background(), store.Feed{URL: srv.URL})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if len(r.Articles) != 1 || r.Articles[0].Title != "Zürich’s ferries return — “at last”" {
		t.Errorf("articles %+v", r.Articles)
	}
}
