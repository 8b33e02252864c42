package feeds

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importNames are the names FuzzImport gives the files it imports, one per
// way Import tells what a file holds.
var importNames = []string{"story.txt", "story.md", "page.html", "subs.opml", "feed.xml", "urls", "noext", "a - Outlet.htm"}

// FuzzImport imports any bytes under any of the names a file may have:
// OPML, urls lists, feed files and article files all go through the same
// door, which must never panic, must answer in one line naming the file,
// and must hand the library nothing unsafe to show.
func FuzzImport(f *testing.F) {
	f.Add(uint8(0), []byte("Harbour pilots strike\n\nPilots walked out at dawn."))
	f.Add(uint8(3), []byte(`<opml version="2.0"><body><outline text="x" xmlUrl="https://x.example/feed"/></body></opml>`))
	f.Add(uint8(4), []byte(`<rss version="2.0"><channel><title>T</title><item><title>I</title><link>https://x.example/1</link></item></channel></rss>`))
	f.Add(uint8(5), []byte("https://a.example/feed \"~Name\" tag\n"))
	f.Add(uint8(2), []byte("<html><head><title>T\x1b]0;x\x07</title></head><body><article><p>Text.</p></article></body></html>"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		path := filepath.Join(dir, importNames[int(which)%len(importNames)])
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		lib := &importLibrary{}
		msg, err := Import(context.Background(), lib, path, "")
		if err != nil {
			if e := err.Error(); !strings.HasPrefix(e, path+": ") || strings.Contains(e, "\n") || hasUnsafe(e, true) {
				t.Fatalf("error %q is not one safe line naming the file", e)
			}
		}
		if hasUnsafe(msg, true) {
			t.Fatalf("message %q is unsafe", msg)
		}
		for _, fd := range lib.feeds {
			for _, v := range []string{fd.URL, fd.Title, fd.SiteURL} {
				if hasUnsafe(v, true) {
					t.Fatalf("feed field %q is unsafe", v)
				}
			}
		}
		for _, a := range lib.articles {
			for _, v := range []string{a.Title, a.Source, a.URL, a.Author, a.GUID} {
				if hasUnsafe(v, true) {
					t.Fatalf("article field %q is unsafe", v)
				}
			}
			if hasUnsafe(a.Content, false) || hasUnsafe(a.Summary, false) {
				t.Fatalf("article text %q is unsafe", a.Content)
			}
		}
	})
}

// FuzzFeedLink looks for the feed links of any page: each is a web or
// file URL that is safe to show.
func FuzzFeedLink(f *testing.F) {
	f.Add([]byte(`<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>`))
	f.Add([]byte(`<base href="https://other.example/x/"><link rel="ALTERNATE nofollow" type="application/atom+xml; charset=utf-8" href=" atom">`))
	f.Add([]byte("<link rel=alternate type=application/feed+json href=\"javascript:alert(1)\x1b]8;;x\x07\">"))
	f.Fuzz(func(t *testing.T, page []byte) {
		for _, link := range feedLinks(page, "https://site.example/news/") {
			if !strings.HasPrefix(link, "http://") && !strings.HasPrefix(link, "https://") && !strings.HasPrefix(link, "file:") {
				t.Fatalf("feed link %q is neither web nor file", link)
			}
			if hasUnsafe(link, true) {
				t.Fatalf("feed link %q is unsafe", link)
			}
		}
	})
}

// FuzzEscapeURL checks that a URL escaped for storing survives sanitising
// unchanged, so what is shown is what is fetched.
func FuzzEscapeURL(f *testing.F) {
	f.Add("https://x.example/a?b=\u202e\u009b\u200b c")
	f.Add("/p\xff\x1b[31m")
	f.Fuzz(func(t *testing.T, s string) {
		e := escapeURL(s)
		if SanitizeLine(e) != e {
			t.Fatalf("escapeURL(%q) = %q, which sanitising changes to %q", s, e, SanitizeLine(e))
		}
	})
}
