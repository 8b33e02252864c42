package sample

import (
	"io/fs"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"parallax/store"
)

var now = time.Date(2031, 3, 14, 9, 30, 0, 0, time.UTC)

func TestEmbeddedFilesParse(t *testing.T) {
	names, err := fs.Glob(files, "articles/*")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := load(files, "articles")
	if err != nil {
		t.Fatalf("embedded samples do not load:\n%v", err)
	}
	if len(entries) != len(names) {
		t.Fatalf("loaded %d articles from %d files", len(entries), len(names))
	}
	if got := len(Articles(now)); got != len(names) {
		t.Fatalf("Articles returned %d of %d files", got, len(names))
	}
}

// byStory groups the sample articles by their intended story.
func byStory(t *testing.T) map[string][]store.Article {
	t.Helper()
	stories := map[string][]store.Article{}
	for _, a := range Articles(now) {
		label := Label(a.URL)
		if label == "" {
			t.Fatalf("%s has no label", a.URL)
		}
		stories[label] = append(stories[label], a)
	}
	return stories
}

func TestStories(t *testing.T) {
	multi, single := 0, 0
	for label, arts := range byStory(t) {
		outlets := map[string]bool{}
		titles := map[string]bool{}
		first, last := arts[0].Published, arts[0].Published
		for _, a := range arts {
			if outlets[a.Source] {
				t.Errorf("story %s: %s tells it twice", label, a.Source)
			}
			outlets[a.Source] = true
			if titles[a.Title] {
				t.Errorf("story %s: headline %q used twice", label, a.Title)
			}
			titles[a.Title] = true
			if a.Published.Before(first) {
				first = a.Published
			}
			if a.Published.After(last) {
				last = a.Published
			}
		}
		if span := last.Sub(first); span > 48*time.Hour {
			t.Errorf("story %s spans %v, more than two days", label, span)
		}
		switch n := len(outlets); {
		case n == 1:
			single++
		case n >= 3 && n <= 5:
			multi++
		default:
			t.Errorf("story %s has %d outlets, want 1 or 3 to 5", label, n)
		}
	}
	if multi != 6 {
		t.Errorf("%d multi-source stories, want 6", multi)
	}
	if single < 2 || single > 3 {
		t.Errorf("%d single-source articles, want 2 or 3", single)
	}
}

func TestOutletsAndFeeds(t *testing.T) {
	feeds := Feeds()
	if len(feeds) != 8 {
		t.Fatalf("%d feeds, want one for each of 8 outlets", len(feeds))
	}
	site := map[string]string{}
	urls := map[string]bool{}
	for _, f := range feeds {
		if !strings.HasSuffix(f.Title, " (sample)") {
			t.Errorf("feed title %q does not end in (sample)", f.Title)
		}
		u, err := url.Parse(f.URL)
		if err != nil || u.Scheme != "https" || u.Host != "sample.parallax.invalid" || !strings.HasSuffix(u.Path, "/feed") {
			t.Errorf("feed %q has URL %q, want https://sample.parallax.invalid/<outlet>/feed", f.Title, f.URL)
		}
		if urls[f.URL] {
			t.Errorf("feed URL %s used twice", f.URL)
		}
		urls[f.URL] = true
		site[f.Title] = f.SiteURL
	}
	for _, a := range Articles(now) {
		s, ok := site[a.Source]
		if !ok {
			t.Errorf("%s: source %q has no feed", a.URL, a.Source)
			continue
		}
		if !strings.HasPrefix(a.URL, s) {
			t.Errorf("%s: not under its outlet's site %s", a.URL, s)
		}
	}
}

func TestArticleFields(t *testing.T) {
	urls := map[string]bool{}
	titles := map[string]bool{}
	for _, a := range Articles(now) {
		if a.URL == "" || a.GUID != a.URL {
			t.Errorf("%s: GUID %q, want the URL", a.URL, a.GUID)
		}
		if urls[a.URL] {
			t.Errorf("%s: URL used twice", a.URL)
		}
		urls[a.URL] = true
		if titles[a.Title] {
			t.Errorf("%s: headline %q used twice", a.URL, a.Title)
		}
		titles[a.Title] = true
		if a.Title == "" || a.Author == "" || !a.FullText {
			t.Errorf("%s: missing title or author, or not full text", a.URL)
		}
		if !a.Fetched.Equal(now) || !a.Published.Before(now) || a.Published.Before(now.Add(-7*24*time.Hour)) {
			t.Errorf("%s: published %v fetched %v, want within the week before %v", a.URL, a.Published, a.Fetched, now)
		}
		if strings.HasPrefix(a.Content, "---") || strings.Contains(a.Content, "\nstory:") {
			t.Errorf("%s: content still holds front matter", a.URL)
		}
		if n := len(strings.Fields(a.Content)); n < 150 || n > 450 {
			t.Errorf("%s: %d words, want 150 to 450", a.URL, n)
		}
		if a.Summary == "" || !strings.Contains(a.Content, a.Summary) || strings.Contains(a.Summary, "\n\n") {
			t.Errorf("%s: summary %q is not a paragraph of the content", a.URL, a.Summary)
		}
		if len(strings.Fields(a.Summary)) < 10 {
			t.Errorf("%s: summary %q is too short to be the lead paragraph", a.URL, a.Summary)
		}
	}
	if Label("https://sample.parallax.invalid/nowhere/none") != "" || Unique("https://example.com/") != "" {
		t.Error("Label or Unique answered for a URL that is not a sample")
	}
}

func TestArticlesOldestFirst(t *testing.T) {
	arts := Articles(now)
	for i := 1; i < len(arts); i++ {
		if arts[i].Published.Before(arts[i-1].Published) {
			t.Fatalf("%s (%v) comes after %s (%v)", arts[i].URL, arts[i].Published, arts[i-1].URL, arts[i-1].Published)
		}
	}
}

func TestNoControlCharacters(t *testing.T) {
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(files, name)
		if err != nil {
			return err
		}
		if line, r, bad := control(string(data)); bad {
			t.Errorf("%s:%d: control character %U", name, line, r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	check := func(where, s string) {
		for _, r := range s {
			if unicode.IsControl(r) && r != '\n' {
				t.Errorf("%s: control character %U", where, r)
			}
		}
		if strings.Contains(s, "\n") && where != "content" && where != "summary" {
			t.Errorf("%s %q spans lines", where, s)
		}
	}
	for _, a := range Articles(now) {
		for where, s := range map[string]string{"source": a.Source, "title": a.Title, "author": a.Author,
			"url": a.URL, "summary": a.Summary, "content": a.Content} {
			check(where, s)
		}
	}
	for _, f := range Feeds() {
		check("feed title", f.Title)
		check("feed url", f.URL)
	}
}

// TestPlantedFeatures keeps the text features that sentence splitting and
// rendering tests rely on somewhere in the library.
func TestPlantedFeatures(t *testing.T) {
	usAbbrev := regexp.MustCompile(`\bU\.S\.`)
	decimal := regexp.MustCompile(`\d\.\d`)
	var label, abbrev, escaped bool
	for _, a := range Articles(now) {
		first, _, _ := strings.Cut(a.Content, "\n\n")
		if isLabel(first) && first != a.Summary {
			label = true
		}
		for _, s := range strings.Split(a.Content, "\n\n") {
			if usAbbrev.MatchString(s) && strings.Contains(s, "Mr. ") && strings.Contains(s, " a.m.") && decimal.MatchString(s) {
				abbrev = true
			}
		}
		if strings.Contains(a.Content, `\"`) {
			escaped = true
		}
	}
	if !label || !abbrev || !escaped {
		t.Errorf("section label %v, abbreviation-heavy paragraph %v, backslash-escaped quote %v; want all", label, abbrev, escaped)
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"first paragraph", "One two three.\n\nFour five.", "One two three."},
		{"section label skipped", "Markets | Central banks\n\nThe bank raised rates.\n\nMore.", "The bank raised rates."},
		{"heading skipped", "## Power\n\nAbout 38,000 homes lost power.", "About 38,000 homes lost power."},
		{"short sentence kept", "Rates rose.\n\nMore.", "Rates rose."},
		{"short quote kept", "\u201cWe will not wait,\u201d\n\nMore.", "\u201cWe will not wait,\u201d"},
		{"multi-line paragraph kept", "Line one\nline two\n\nMore.", "Line one\nline two"},
		{"nothing but labels", "Markets\n\n# Heading", ""},
	}
	for _, tt := range tests {
		if got := summary(tt.body); got != tt.want {
			t.Errorf("%s: summary(%q) = %q, want %q", tt.name, tt.body, got, tt.want)
		}
	}
}

const good = `---
story: test-story
source: The Test Gazette (sample)
title: A headline: with a colon
author: A. Writer
published: -3h30m
url: https://sample.parallax.invalid/gazette/a-page
unique: Only we say this.
---
The body. Only we say this.
`

func TestParse(t *testing.T) {
	e, err := parse("good.md", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	want := entry{file: "good.md", story: "test-story", source: "The Test Gazette (sample)",
		title: "A headline: with a colon", author: "A. Writer", age: 3*time.Hour + 30*time.Minute,
		url: "https://sample.parallax.invalid/gazette/a-page", slug: "gazette",
		unique: "Only we say this.", body: "The body. Only we say this."}
	if e != want {
		t.Errorf("parse = %+v\nwant %+v", e, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"no opening line", "---\nstory", "story", "must open with ---"},
		{"not closed", "\n---\nThe body. Only we say this.\n", "\n", "not closed"},
		{"missing key", "author: A. Writer\n", "", `lacks "author"`},
		{"unknown key", "author:", "writer:", `unknown front matter key "writer"`},
		{"duplicate key", "author: A. Writer\n", "author: A. Writer\nauthor: B\n", "given twice"},
		{"empty value", "author: A. Writer", "author:", `"author" is empty`},
		{"not key value", "author: A. Writer", "A. Writer", "not key: value"},
		{"future offset", "-3h30m", "3h30m", "offset before now"},
		{"bad offset", "-3h30m", "-3 days", "published"},
		{"too old", "-3h30m", "-9000h", "between now"},
		{"real outlet name", "Gazette (sample)", "Gazette", "(sample)"},
		{"story key", "test-story", "Test Story", "story"},
		{"foreign host", "sample.parallax.invalid", "example.com", "url"},
		{"no page", "gazette/a-page", "gazette", "url"},
		{"query", "a-page", "a-page?x=1", "url"},
		{"empty body", "The body. Only we say this.", "", "body is empty"},
		{"unique absent", "unique: Only we say this.", "unique: Nobody says this.", "unique"},
		{"control character", "The body.", "The\x1b[31m body.", "control character"},
		{"carriage return", "The body.", "The body.\r", "control character"},
		{"bad utf-8", "The body.", "The \xff body.", "UTF-8"},
	}
	for _, tt := range tests {
		text := strings.Replace(good, tt.old, tt.new, 1)
		if text == good {
			t.Fatalf("%s: %q not found in the good file", tt.name, tt.old)
		}
		_, err := parse("bad.md", []byte(text))
		if err == nil {
			t.Errorf("%s: parse succeeded", tt.name)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "bad.md") || !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
			t.Errorf("%s: error %q, want one line naming bad.md and %q", tt.name, msg, tt.want)
		}
	}
}

func TestLoadClashes(t *testing.T) {
	other := strings.Replace(good, "a-page", "b-page", 1)
	fsys := fstest.MapFS{
		"a/1.md": {Data: []byte(good)},
		"a/2.md": {Data: []byte(good)},
		"a/3.md": {Data: []byte(strings.Replace(other, "The Test Gazette", "The Other Gazette", 1))},
		"a/4.md": {Data: []byte(strings.Replace(other, "/gazette/", "/elsewhere/", 1))},
		"a/5.md": {Data: []byte("not an article")},
		"a/6.md": {Data: []byte(strings.Replace(strings.Replace(good, "a-page", "c-page", 1), "-3h30m", "-5h", 1))},
	}
	entries, err := load(fsys, "a")
	if err == nil {
		t.Fatal("load of clashing files succeeded")
	}
	for _, want := range []string{"a/2.md: url", "a/3.md: url slug", "a/4.md: source", "a/5.md"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not report %q", err, want)
		}
	}
	if len(entries) != 2 || entries[0].file != "a/6.md" || entries[1].file != "a/1.md" {
		t.Errorf("kept %+v, want a/6.md then a/1.md, oldest first", entries)
	}
	if _, err := load(fstest.MapFS{}, "a"); err == nil {
		t.Error("load of an empty directory succeeded")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\nstory: x\n"))
	entries, _ := load(files, "articles")
	for _, e := range entries {
		data, _ := fs.ReadFile(files, e.file)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := parse("fuzz.md", data)
		if err != nil {
			return
		}
		if e.body == "" || e.age <= 0 || e.slug == "" || !strings.HasSuffix(e.source, " (sample)") {
			t.Errorf("parse accepted an incomplete article: %+v", e)
		}
		if _, _, bad := control(e.body + e.title + e.source + e.author); bad {
			t.Errorf("parse let a control character through: %+v", e)
		}
	})
}
