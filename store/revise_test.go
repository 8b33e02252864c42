package store

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// report is one article of one of the grouper's fixtures, with the event
// the fixture says it reports.
type report struct {
	a     Article
	event string
}

// fixtureReports reads one of the grouper's fixtures where it has to revise
// its first decisions: ferries.txt, two ferry disasters told in turns, or
// strike.txt, one strike and a report that wanders from it.
func fixtureReports(t *testing.T, name string) []report {
	t.Helper()
	f, err := os.Open(filepath.Join("story", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []report
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "--- "):
			parts := strings.Split(strings.TrimPrefix(line, "--- "), " | ")
			at, err := time.Parse(time.RFC3339, parts[1])
			if err != nil {
				t.Fatal(err)
			}
			n := len(out) + 1
			out = append(out, report{Article{Source: parts[0], GUID: parts[0],
				URL: "https://news.example/" + name + "/" + string(rune('a'+n)), Published: at}, parts[2]})
		case len(out) > 0 && out[len(out)-1].a.Title == "":
			out[len(out)-1].a.Title = line
		case len(out) > 0 && line != "":
			out[len(out)-1].a.Summary += line
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// addReports adds each report from a feed of its own, one at a time, as
// fetches would bring them.
func addReports(t *testing.T, s *Store, reports []report) {
	t.Helper()
	for _, r := range reports {
		f := mustFeed(t, s, "https://"+strings.ReplaceAll(strings.ToLower(r.a.Source), " ", "")+".example/feed", r.a.Source)
		mustAdd(t, s, f.ID, r.a)
	}
}

// eventPartition is the grouping the fixture asks for, as partition gives it.
func eventPartition(reports []report) []string {
	byEvent := map[string][]string{}
	for _, r := range reports {
		byEvent[r.event] = append(byEvent[r.event], r.a.URL)
	}
	var out []string
	for _, urls := range byEvent {
		slices.Sort(urls)
		out = append(out, strings.Join(urls, " "))
	}
	slices.Sort(out)
	return out
}

// TestRevisedStoriesInTheLibrary adds the reports of each fixture to a
// library with the real grouper: the articles the grouper moves (split off,
// or adopted by the story they had nearly joined) are moved in the library
// too, the stories' rows and counters follow, none is left empty, and
// regrouping gives the same stories.
func TestRevisedStoriesInTheLibrary(t *testing.T) {
	for _, name := range []string{"ferries.txt", "strike.txt"} {
		t.Run(name, func(t *testing.T) { checkRevisedInLibrary(t, name) })
	}
}

func checkRevisedInLibrary(t *testing.T, name string) {
	ctx := context.Background()
	s := openReal(t, filepath.Join(t.TempDir(), "lib.db"))
	reports := fixtureReports(t, name)
	addReports(t, s, reports)
	want := eventPartition(reports)
	check := func(when string) {
		t.Helper()
		if got := partition(t, s); !slices.Equal(got, want) {
			t.Fatalf("stories %s:\n got %q\nwant %q", when, got, want)
		}
		checkIntegrity(t, s)
		c, err := s.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c.Stories != len(want) {
			t.Errorf("%d story rows for %d stories %s", c.Stories, len(want), when)
		}
		for _, st := range allStories(t, s) {
			if st.Title == "" {
				t.Errorf("story %d has no title", st.ID)
			}
			// Only the article that started a story has no evidence;
			// those moved carry evidence for where they are now.
			started := 0
			for _, a := range st.Articles {
				full, err := s.Article(ctx, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				if parseEvidence(full.Evidence).String() == "" {
					started++
				}
			}
			if started > 1 {
				t.Errorf("story %d: %d articles without evidence %s, want 1", st.ID, started, when)
			}
		}
	}
	check("as added")
	if err := s.Regroup(ctx); err != nil {
		t.Fatal(err)
	}
	check("after regroup")
}

// TestRevisingKeepsSavedStories saves the story the first two reports
// form, as another process would, before the rest arrive: the grouper may
// not take an article out of it.
func TestRevisingKeepsSavedStories(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	s := openReal(t, path)
	reports := fixtureReports(t, "ferries.txt")
	addReports(t, s, reports[:2])
	first := storyOf(t, s, reports[0].a.URL)
	if first.Count != 2 {
		t.Fatalf("fixture: the first two reports should share a story, got %+v", first)
	}
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.SetSaved(ctx, first.ID, true); err != nil {
		t.Fatal(err)
	}
	other.Close()

	addReports(t, s, reports[2:])
	kept, err := s.Story(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, a := range kept.Articles {
		urls = append(urls, a.URL)
	}
	for _, r := range reports[:2] {
		if !slices.Contains(urls, r.a.URL) {
			t.Errorf("saved story lost %s: now %v", r.a.URL, urls)
		}
	}
	checkIntegrity(t, s)
}

// TestStoryOf finds the story an article is in, and says when there is no
// such article.
func TestStoryOf(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Alpha")
	mustAdd(t, s, f.ID, art("s1", "Storm: first rain", 0))
	want := storyOf(t, s, "https://news.example/s1")
	got, err := s.StoryOf(ctx, want.Articles[0].ID)
	if err != nil || got.ID != want.ID || got.Title != want.Title {
		t.Errorf("StoryOf = %+v, %v; want story %d", got, err, want.ID)
	}
	if _, err := s.StoryOf(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("StoryOf(999) = %v, want ErrNotFound", err)
	}
}

// TestGroupingsOfALoneArticle says nothing of why a story's only article
// is in it, though its evidence names articles removed since; with a
// second article it says why each joined.
func TestGroupingsOfALoneArticle(t *testing.T) {
	joined := Article{ID: 2, Evidence: `{"score":1.4,"names":["Osk","Marrow"],"gap":3600000000000}`}
	started := Article{ID: 1}
	if got := Groupings([]Article{joined}); !slices.Equal(got, []string{""}) {
		t.Errorf("lone article: %q, want nothing", got)
	}
	got := Groupings([]Article{started, joined})
	if got[0] != "" || !strings.Contains(got[1], "Osk, Marrow") || !strings.Contains(got[1], "1 h apart") {
		t.Errorf("two articles: %q, want nothing for the first and the evidence of the second", got)
	}
}
