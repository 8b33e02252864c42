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

// ferryReport is one article of the grouper's ferry fixture, with the event
// the fixture says it reports.
type ferryReport struct {
	a     Article
	event string
}

// ferryReports reads the grouper's fixture of two ferry disasters told in
// turns, where the grouper has to revise its first decisions.
func ferryReports(t *testing.T) []ferryReport {
	t.Helper()
	f, err := os.Open(filepath.Join("story", "testdata", "ferries.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []ferryReport
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
			out = append(out, ferryReport{Article{Source: parts[0], GUID: parts[0],
				URL: "https://news.example/ferry/" + string(rune('a'+n)), Published: at}, parts[2]})
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
func addReports(t *testing.T, s *Store, reports []ferryReport) {
	t.Helper()
	for _, r := range reports {
		f := mustFeed(t, s, "https://"+strings.ReplaceAll(strings.ToLower(r.a.Source), " ", "")+".example/feed", r.a.Source)
		mustAdd(t, s, f.ID, r.a)
	}
}

// eventPartition is the grouping the fixture asks for, as partition gives it.
func eventPartition(reports []ferryReport) []string {
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

// TestRevisedStoriesInTheLibrary adds the ferry reports to a library with
// the real grouper: the articles the grouper moves are moved in the
// library too, the stories' rows and counters follow, none is left empty,
// and regrouping gives the same stories.
func TestRevisedStoriesInTheLibrary(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	reports := ferryReports(t)
	addReports(t, s, reports)
	want := eventPartition(reports)
	if got := partition(t, s); !slices.Equal(got, want) {
		t.Fatalf("stories:\n got %q\nwant %q", got, want)
	}
	checkIntegrity(t, s)
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Stories != 2 {
		t.Errorf("%d story rows for 2 stories", c.Stories)
	}
	for _, st := range allStories(t, s) {
		if st.Title == "" {
			t.Errorf("story %d has no title", st.ID)
		}
		// Only the article that started a story has no evidence; those
		// moved carry evidence for where they are now.
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
			t.Errorf("story %d: %d articles without evidence, want 1", st.ID, started)
		}
	}
	if err := s.Regroup(ctx); err != nil {
		t.Fatal(err)
	}
	if got := partition(t, s); !slices.Equal(got, want) {
		t.Fatalf("after regroup:\n got %q\nwant %q", got, want)
	}
	checkIntegrity(t, s)
}

// TestRevisingKeepsSavedStories saves the story the first two reports
// form, as another process would, before the rest arrive: the grouper may
// not take an article out of it.
func TestRevisingKeepsSavedStories(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	reports := ferryReports(t)
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
