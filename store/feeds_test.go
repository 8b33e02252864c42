package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// fetched records a successful fetch of f that found it titled title, and
// returns f as stored after it.
func fetched(t *testing.T, s *Store, f Feed, title string) Feed {
	t.Helper()
	ctx := context.Background()
	if err := s.RecordFetch(ctx, f.ID, FetchRecord{When: t0, Title: title}); err != nil {
		t.Fatal(err)
	}
	got, err := s.FeedByURL(ctx, f.URL)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestFeedTitleFollowsTheFeed(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f, err := s.AddFeed(ctx, Feed{URL: "https://a.example/feed", Title: "Harbour Gazette"})
	if err != nil {
		t.Fatal(err)
	}
	if f.Named {
		t.Fatalf("a title the feed gave reads as named: %+v", f)
	}
	if got := fetched(t, s, f, "The Harbour Gazette"); got.Title != "The Harbour Gazette" || got.Named {
		t.Errorf("after the feed renamed itself: %q named %v, want %q", got.Title, got.Named, "The Harbour Gazette")
	}
	if got := fetched(t, s, f, ""); got.Title != "The Harbour Gazette" {
		t.Errorf("a fetch that found no title left %q", got.Title)
	}
	if err := s.RecordFetch(ctx, f.ID, FetchRecord{When: t0, Title: "Error Page", Err: "status 500"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FeedByURL(ctx, f.URL); got.Title != "The Harbour Gazette" {
		t.Errorf("a failed fetch changed the title to %q", got.Title)
	}
}

func TestFeedTitleTheUserGaveStays(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f, err := s.AddFeed(ctx, Feed{URL: "https://a.example/feed", Title: "My Paper", Named: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := fetched(t, s, f, "Harbour Gazette"); got.Title != "My Paper" || !got.Named {
		t.Errorf("after a fetch: %q named %v, want the user's %q", got.Title, got.Named, "My Paper")
	}
	// Subscribing again under another name keeps the user's first.
	if again, _ := s.AddFeed(ctx, Feed{URL: f.URL, Title: "Other Name", Named: true}); again.Title != "My Paper" {
		t.Errorf("named again: %q", again.Title)
	}

	// Subscribing again, named or not, leaves a feed known by its own
	// title as it is: an old export imported again would otherwise set
	// back a name the feed has since changed, for good.
	g, _ := s.AddFeed(ctx, Feed{URL: "https://b.example/feed", Title: "Valley Courier Online"})
	if again, _ := s.AddFeed(ctx, Feed{URL: g.URL, Title: "Valley Courier – all news"}); again.Title != "Valley Courier Online" {
		t.Errorf("the feed's title subscribed again replaced it: %q", again.Title)
	}
	fetched(t, s, g, "Valley Courier Today")
	if named, _ := s.AddFeed(ctx, Feed{URL: g.URL, Title: "Valley Courier Online", Named: true}); named.Title != "Valley Courier Today" || named.Named {
		t.Errorf("an old name imported again: %q named %v, want the feed's own title still", named.Title, named.Named)
	}
	if got := fetched(t, s, g, "Valley Courier Tonight"); got.Title != "Valley Courier Tonight" {
		t.Errorf("after a fetch: %q, want the feed's new title", got.Title)
	}

	// A feed subscribed without a title takes the feed's own, and follows it.
	h, _ := s.AddFeed(ctx, Feed{URL: "https://c.example/feed"})
	fetched(t, s, h, "Island Post")
	if got := fetched(t, s, h, "Island Post Daily"); got.Title != "Island Post Daily" {
		t.Errorf("untitled feed: %q", got.Title)
	}
}

// A library from before titles were told apart cannot say whose a title
// is: it stays until a fetch finds the feed giving it, and follows the
// feed from then on. A feed without a title takes the feed's and follows.
func TestMigrationKeepsTitlesOfUnknownOrigin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.db")
	libraryAt(t, path, 7,
		`INSERT INTO feeds (id, url, title) VALUES
			(1, 'https://a.example/feed', 'Harbour Gazette'),
			(2, 'https://b.example/feed', 'My Courier'),
			(3, 'https://c.example/feed', '')`)
	s := openTestAt(t, path)
	feeds, err := s.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 3 || !feeds[0].Named || !feeds[1].Named || feeds[2].Named {
		t.Fatalf("after the migration: %+v", feeds)
	}
	a, b, c := feeds[0], feeds[1], feeds[2]
	if got := fetched(t, s, a, "Harbour Gazette"); got.Named {
		t.Errorf("a title the feed gives still reads as named")
	}
	if got := fetched(t, s, a, "The Harbour Gazette"); got.Title != "The Harbour Gazette" {
		t.Errorf("feed found giving its title: %q after it renamed itself", got.Title)
	}
	if got := fetched(t, s, b, "Valley Courier"); got.Title != "My Courier" || !got.Named {
		t.Errorf("title of unknown origin: %q named %v", got.Title, got.Named)
	}
	fetched(t, s, c, "Island Post")
	if got := fetched(t, s, c, "Island Post Daily"); got.Title != "Island Post Daily" {
		t.Errorf("untitled feed: %q", got.Title)
	}
}

// TestRenamedFeedIsOneSource: a feed that renames itself credits its
// older articles, gone from its document, to the new name too, in their
// stories' sources and in search, so a story that spans the rename counts
// it once; an article the feed brought under another outlet's name keeps
// it.
func TestRenamedFeedIsOneSource(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "Old Gazette")
	old := art("1", "Bridge collapses in Riverton after storm", 1)
	old.Source = "Old Gazette"
	old.Summary = "The Riverton road bridge collapsed into the Ember river during Tuesday's storm, and two drivers were rescued by the coastguard."
	mustAdd(t, s, f.ID, old)
	other := art("2", "Riverton bridge collapses in storm", 2)
	other.Source = "Valley Wire"
	other.Summary = "Two drivers were rescued by the coastguard after the Riverton road bridge collapsed into the Ember river in Tuesday's storm."
	mustAdd(t, s, f.ID, other)

	fetched(t, s, f, "New Herald")
	later := art("3", "Riverton bridge collapse: storm blamed", 3)
	later.Source = "New Herald"
	later.Summary = "Engineers blamed Tuesday's storm for the collapse of the Riverton road bridge into the Ember river; two drivers were rescued."
	mustAdd(t, s, f.ID, later)

	for _, st := range allStories(t, s) {
		want := []string{"New Herald"}
		if st.Title == other.Title {
			want = []string{"Valley Wire"}
		}
		if !slices.Equal(st.Sources, want) {
			t.Errorf("story %q: sources %q, want %q", st.Title, st.Sources, want)
		}
	}
	if got, err := s.Stories(ctx, StoryQuery{Query: "gazette"}); err != nil || len(got) != 0 {
		t.Errorf("the old name still finds %d stories (%v)", len(got), err)
	}
	if got, err := s.Stories(ctx, StoryQuery{Query: "herald"}); err != nil || len(got) != 2 {
		t.Errorf("the new name finds %d stories (%v), want the feed's 2", len(got), err)
	}
	checkIntegrity(t, s)
}
