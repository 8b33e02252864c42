// Package sample holds parallax's built-in sample library: short articles
// written for parallax by eight fictional outlets about invented events in an
// invented country, Verenland, and its neighbour Tarsova. A new user browses
// it before subscribing to anything (x on the welcome screen, or
// parallax --sample), and tests run on it because it is fixed and known.
//
// Six stories are each told by three to five outlets; a few single-source
// pieces stand apart, two of them close in vocabulary and time to a story
// they must not join (a second storm, a second strike). Label names the story
// each article was written for, so grouping tests can check the grouper
// against intent. The comparison story (CompareStory) is built for the compare
// pane: each of its five outlets carries one fact no other does (Unique), one
// remark is quoted in straight and in curly quotes, one official is named two
// ways, two outlets disagree on a number, and stock lines such as "The
// situation continues to evolve." recur without being news.
//
// Each article is a Markdown file under articles/ with a front matter of
// key: value lines between "---" lines. Its published time is an offset before
// now ("-26h"), so the library always looks recent.
package sample

import (
	"embed"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"parallax/store"
)

// CompareStory is the Label of the five-outlet story built for comparison.
const CompareStory = "summit"

// base is the root of every sample URL; .invalid can never resolve.
const base = "https://sample.parallax.invalid/"

//go:embed articles/*.md
var files embed.FS

// library parses the embedded files once. Files that fail to parse are left
// out, and the error naming them is kept for the tests to surface.
var library = sync.OnceValues(func() ([]entry, error) {
	return load(files, "articles")
})

// Articles returns the sample articles, oldest first, with their published
// times placed before now and their fetch time set to now.
func Articles(now time.Time) []store.Article {
	entries, _ := library()
	out := make([]store.Article, 0, len(entries))
	for _, e := range entries {
		out = append(out, store.Article{
			Source:    e.source,
			URL:       e.url,
			GUID:      e.url,
			Title:     e.title,
			Author:    e.author,
			Published: now.Add(-e.age),
			Fetched:   now,
			Summary:   summary(e.body),
			Content:   e.body,
			FullText:  true,
		})
	}
	return out
}

// Label returns the story key a sample article was written for, or "" when
// url is not a sample article. Tests use it as the intended grouping; it is
// never shown.
func Label(url string) string {
	if e, ok := byURL(url); ok {
		return e.story
	}
	return ""
}

// Unique returns the sentence that a comparison-story article alone reports,
// or "" when the article plants none, so compare tests can check the verdict
// on it without restating the prose.
func Unique(url string) string {
	if e, ok := byURL(url); ok {
		return e.unique
	}
	return ""
}

// Feeds returns one feed per sample outlet, ordered by title, so a library
// loaded with the samples looks subscribed. Each Title equals the Source of
// that outlet's articles.
func Feeds() []store.Feed {
	entries, _ := library()
	seen := map[string]bool{}
	var out []store.Feed
	for _, e := range entries {
		if seen[e.source] {
			continue
		}
		seen[e.source] = true
		out = append(out, store.Feed{
			URL:     base + e.slug + "/feed",
			Title:   e.source,
			SiteURL: base + e.slug + "/",
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	return out
}

func byURL(url string) (entry, bool) {
	entries, _ := library()
	for _, e := range entries {
		if e.url == url {
			return e, true
		}
	}
	return entry{}, false
}

// summary returns the first paragraph of body that reads as prose, passing
// over headings and a leading section label such as "Markets | Central banks".
func summary(body string) string {
	for _, p := range strings.Split(body, "\n\n") {
		p = strings.TrimSpace(p)
		if p == "" || strings.HasPrefix(p, "#") || isLabel(p) {
			continue
		}
		return p
	}
	return ""
}

// isLabel reports whether a paragraph is a section label: one short line
// that does not end a sentence.
func isLabel(p string) bool {
	if strings.Contains(p, "\n") || len(strings.Fields(p)) > 6 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune(".!?:\"'”’", last)
}
