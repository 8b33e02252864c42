package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"parallax/store/story"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// keyGrouper is a grouper whose decisions a test can read off the titles:
// articles whose titles start with the same word before a colon, no more
// than a window apart, are one story. It counts what it is taught.
type keyGrouper struct {
	window  time.Duration
	members map[string][]keyed
	adds    int
}

type keyed struct {
	story int64
	at    time.Time
}

func newKeyGrouper() *keyGrouper {
	return &keyGrouper{window: 4 * 24 * time.Hour, members: map[string][]keyed{}}
}

func key(title string) string {
	k, _, ok := strings.Cut(title, ":")
	if !ok {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(k))
}

func (g *keyGrouper) Assign(d story.Doc) story.Assignment {
	k := key(d.Title)
	if k == "" {
		return story.Assignment{}
	}
	for _, m := range g.members[k] {
		gap := d.Time.Sub(m.at)
		if gap < 0 {
			gap = -gap
		}
		if gap <= g.window {
			return story.Assignment{Story: m.story, Evidence: story.Evidence{Score: 1, Terms: []string{k}, Gap: gap}}
		}
	}
	return story.Assignment{}
}

func (g *keyGrouper) Add(d story.Doc, id int64) {
	g.adds++
	if k := key(d.Title); k != "" {
		g.members[k] = append(g.members[k], keyed{id, d.Time})
	}
}

// openTest opens a library in a fresh directory with the key grouper.
func openTest(t testing.TB) *Store {
	t.Helper()
	return openTestAt(t, filepath.Join(t.TempDir(), "lib.db"))
}

func openTestAt(t testing.TB, path string) *Store {
	t.Helper()
	return openWith(t, path, func() grouper { return newKeyGrouper() })
}

// openReal opens the library at path with the real grouper, as Open does.
func openReal(t testing.TB, path string) *Store {
	t.Helper()
	return openWith(t, path, nil)
}

// openWith opens the library at path with the groupers newGrouper makes.
func openWith(t testing.TB, path string, newGrouper func() grouper) *Store {
	t.Helper()
	s, err := open(path, options{newGrouper: newGrouper})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustFeed(t testing.TB, s *Store, url, title string) Feed {
	t.Helper()
	f, err := s.AddFeed(context.Background(), Feed{URL: url, Title: title})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustAdd(t testing.TB, s *Store, feedID int64, list ...Article) AddResult {
	t.Helper()
	res, err := s.AddArticles(context.Background(), feedID, list)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// art makes an article with the given GUID and title, published hours
// after t0, its URL and text derived from the GUID.
func art(guid, title string, hours float64) Article {
	return Article{
		GUID:      guid,
		URL:       "https://news.example/" + guid,
		Title:     title,
		Summary:   "Summary of " + title,
		Published: t0.Add(time.Duration(hours * float64(time.Hour))),
	}
}

func allStories(t testing.TB, s *Store) []Story {
	t.Helper()
	list, err := s.Stories(context.Background(), StoryQuery{WithArticles: true})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// partition is the grouping of a library as sorted lists of article URLs,
// comparable across libraries whatever their IDs.
func partition(t testing.TB, s *Store) []string {
	t.Helper()
	var out []string
	for _, st := range allStories(t, s) {
		var urls []string
		for _, a := range st.Articles {
			urls = append(urls, a.URL)
		}
		sort.Strings(urls)
		out = append(out, strings.Join(urls, " "))
	}
	sort.Strings(out)
	return out
}

func storyOf(t testing.TB, s *Store, url string) Story {
	t.Helper()
	for _, st := range allStories(t, s) {
		for _, a := range st.Articles {
			if a.URL == url {
				return st
			}
		}
	}
	t.Fatalf("no story holds %s", url)
	return Story{}
}

// checkIntegrity fails unless the library is sound (see CheckFile) and
// every story's counters and sources, as Stories reads them, match its
// articles.
func checkIntegrity(t testing.TB, s *Store) {
	t.Helper()
	if err := check(context.Background(), s.db); err != nil {
		t.Fatal(err)
	}
	for _, st := range allStories(t, s) {
		unread := 0
		var sources []string
		for _, a := range st.Articles {
			if !a.Read {
				unread++
			}
			if !slices.Contains(sources, a.Source) {
				sources = append(sources, a.Source)
			}
		}
		if st.Count != len(st.Articles) || st.Unread != unread || !slices.Equal(st.Sources, sources) {
			t.Fatalf("story %d counters: count %d unread %d sources %v; articles say %d, %d, %v",
				st.ID, st.Count, st.Unread, st.Sources, len(st.Articles), unread, sources)
		}
	}
}

func titles(list []Story) string {
	var b strings.Builder
	for _, st := range list {
		fmt.Fprintf(&b, "%q ", st.Title)
	}
	return b.String()
}
