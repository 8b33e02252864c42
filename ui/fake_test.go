package ui

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"parallax/store"
)

// testNow is the fixed clock of every test.
var testNow = time.Date(2025, 3, 14, 12, 0, 0, 0, time.UTC)

func testClock() time.Time { return testNow }

// fakeLibrary is an in-memory Library. It records the writes made to it so
// tests can check what the reader did.
type fakeLibrary struct {
	mu       sync.Mutex
	stories  []store.Story // newest-updated first
	articles map[int64][]store.Article
	feeds    []store.Feed

	storiesCalls []store.StoryQuery
	counts       int // calls of CountStories
	setReads     []string
	textQueries  []string // what StoriesMatching was asked
	saves        []string
	marked       []int64
	added        []store.Feed
	removed      []string
	storiesErr   error
	saveErr      error

	// removing takes away what a feed brought, as the store does when it
	// is removed; it runs holding mu.
	removing func(f *fakeLibrary, url string)
}

func (f *fakeLibrary) Stories(_ context.Context, q store.StoryQuery) ([]store.Story, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.storiesCalls = append(f.storiesCalls, q)
	if f.storiesErr != nil {
		return nil, f.storiesErr
	}
	if q.Offset >= len(f.stories) {
		return nil, nil
	}
	end := len(f.stories)
	if q.Limit > 0 {
		end = min(q.Offset+q.Limit, end)
	}
	out := make([]store.Story, end-q.Offset)
	copy(out, f.stories[q.Offset:end])
	return out, nil
}

func (f *fakeLibrary) CountStories(context.Context) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.counts++
	if f.storiesErr != nil {
		return 0, f.storiesErr
	}
	return len(f.stories), nil
}

func (f *fakeLibrary) StoryHeadlines(_ context.Context, ids []int64) (map[int64][]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[int64][]string{}
	for _, id := range ids {
		for _, a := range f.articles[id] {
			out[id] = append(out[id], a.Title)
		}
	}
	return out, nil
}

// StoriesMatching finds the words of q in the stories' articles, a word
// ending in * as the start of one, as the store's index does.
func (f *fakeLibrary) StoriesMatching(_ context.Context, q string) ([]int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.textQueries = append(f.textQueries, q)
	var out []int64
	for id, arts := range f.articles {
		var text strings.Builder
		for _, a := range arts {
			text.WriteString(strings.ToLower(" " + a.Title + " " + a.Summary + " " + a.Content + " " + a.Source))
		}
		all := true
		for _, w := range strings.Fields(strings.ToLower(q)) {
			if prefix, ok := strings.CutSuffix(w, "*"); ok {
				all = all && containsWordStart(text.String(), prefix)
			} else {
				all = all && containsWordStart(text.String(), w+" ")
			}
		}
		if all {
			out = append(out, id)
		}
	}
	return out, nil
}

func (f *fakeLibrary) StoryArticles(_ context.Context, id int64) ([]store.Article, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.articles[id]; !ok {
		return nil, fmt.Errorf("articles of story %d: %w", id, store.ErrNotFound) // as the store says it
	}
	return slices.Clone(f.articles[id]), nil
}

func (f *fakeLibrary) StoryOf(_ context.Context, articleID int64) (store.Story, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range f.stories {
		for _, a := range f.articles[s.ID] {
			if a.ID == articleID {
				return s, nil
			}
		}
	}
	return store.Story{}, store.ErrNotFound
}

func (f *fakeLibrary) SetRead(_ context.Context, articleID int64, read bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.setReads = append(f.setReads, fmt.Sprintf("%d=%v", articleID, read))
	for sid, arts := range f.articles {
		for i := range arts {
			if arts[i].ID == articleID && arts[i].Read != read {
				arts[i].Read = read
				f.adjustUnread(sid, read)
			}
		}
	}
	return nil
}

func (f *fakeLibrary) adjustUnread(storyID int64, read bool) {
	for i := range f.stories {
		if f.stories[i].ID == storyID {
			if read {
				f.stories[i].Unread--
			} else {
				f.stories[i].Unread++
			}
		}
	}
}

func (f *fakeLibrary) SetStoryRead(_ context.Context, storyID int64, read bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if read {
		f.marked = append(f.marked, storyID)
	}
	for i := range f.articles[storyID] {
		f.articles[storyID][i].Read = read
	}
	for i := range f.stories {
		if f.stories[i].ID == storyID {
			f.stories[i].Unread = 0
			if !read {
				f.stories[i].Unread = len(f.articles[storyID])
			}
		}
	}
	return nil
}

func (f *fakeLibrary) SetSaved(_ context.Context, storyID int64, saved bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saves = append(f.saves, fmt.Sprintf("%d=%v", storyID, saved))
	if f.saveErr != nil {
		return f.saveErr
	}
	for i := range f.stories {
		if f.stories[i].ID == storyID {
			f.stories[i].Saved = saved
		}
	}
	return nil
}

func (f *fakeLibrary) Feeds(context.Context) ([]store.Feed, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.feeds), nil
}

func (f *fakeLibrary) Subscribe(_ context.Context, feed store.Feed) (store.Feed, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, have := range f.feeds {
		if have.URL == feed.URL {
			return have, false, nil // as the store does: subscribing twice is once
		}
	}
	feed.ID = int64(len(f.feeds) + 100)
	f.feeds = append(f.feeds, feed)
	f.added = append(f.added, feed)
	return feed, true, nil
}

func (f *fakeLibrary) RemoveFeed(_ context.Context, url string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.removed = append(f.removed, url)
	for i, have := range f.feeds {
		if have.URL == url {
			f.feeds = slices.Delete(f.feeds, i, i+1)
			if f.removing != nil {
				f.removing(f, url)
			}
			return nil
		}
	}
	return fmt.Errorf("%s: not subscribed", url)
}

// prepend adds stories at the top, as a refresh that found news would.
func (f *fakeLibrary) prepend(stories ...store.Story) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stories = append(slices.Clone(stories), f.stories...)
}

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func article(id, storyID int64, source, title, content string, age time.Duration, read bool) store.Article {
	return store.Article{
		ID: id, StoryID: storyID, FeedID: 1, Source: source,
		URL:       fmt.Sprintf("https://%s.example/news/%d", strings.ToLower(strings.ReplaceAll(source, " ", "")), id),
		Title:     title,
		Author:    "Sam Reporter",
		Published: testNow.Add(-age),
		Fetched:   testNow.Add(-age),
		Content:   content,
		Read:      read,
	}
}

func storyOf(id int64, title string, arts []store.Article, saved bool) store.Story {
	s := store.Story{ID: id, Title: title, Count: len(arts), Saved: saved}
	for _, a := range arts {
		if !slices.Contains(s.Sources, a.Source) {
			s.Sources = append(s.Sources, a.Source)
		}
		if !a.Read {
			s.Unread++
		}
		if a.Time().After(s.Updated) {
			s.Updated = a.Time()
		}
		if s.FirstSeen.IsZero() || a.Time().Before(s.FirstSeen) {
			s.FirstSeen = a.Time()
		}
	}
	return s
}

// smallLibrary is a handful of hand-written stories followed by n generated
// ones, newest first.
func smallLibrary(t testing.TB, n int) *fakeLibrary {
	lib := &fakeLibrary{articles: map[int64][]store.Article{}}
	add := func(s store.Story, arts []store.Article) {
		lib.stories = append(lib.stories, s)
		lib.articles[s.ID] = arts
	}
	bridge := []store.Article{
		article(11, 1, "Coastal Times", "Harbour bridge to close to cars after cracks found", readFixture(t, "harbour-bridge.md"), 3*time.Hour, false),
		article(12, 1, "Harbour Herald", "Cracked supports shut the harbour bridge", readFixture(t, "harbour-bridge-2.md"), 4*time.Hour, false),
		article(13, 1, "Valley Radio", "Bridge closure: what drivers need to know", "", 5*time.Hour, false),
	}
	bridge[2].Summary = "The harbour bridge shuts to cars next month. Buses divert via the ring road."
	bridge[1].Evidence = `{"score":1.8,"names":["Harbour Bridge"],"terms":["cracks","supports","council"],"gap":3600000000000}`
	bridge[2].Evidence = `{"score":1.2,"names":["Harbour Bridge"],"terms":["buses","ring road"],"gap":7200000000000}`
	add(storyOf(1, "Harbour bridge to close to cars after cracks found", bridge, false), bridge)
	frost := []store.Article{article(21, 2, "Valley Radio", "Late frost threatens valley apple crop", readFixture(t, "orchard-frost.md"), 5*time.Hour, false)}
	add(storyOf(2, "Late frost threatens valley apple crop", frost, true), frost)
	library := []store.Article{
		article(31, 3, "Coastal Times", "City library to open on Sundays", "The city library will open on Sundays from April.", 26*time.Hour, true),
		article(32, 3, "Harbour Herald", "Sunday hours for the library", "Sunday opening starts in April, the library said.", 27*time.Hour, true),
	}
	add(storyOf(3, "City library extends opening hours", library, false), library)
	markets := []store.Article{article(41, 4, "Money \x1b]0;owned\x07Desk", "Markets \x1b[31mrally\x1b[0m as rates hold", "Shares rose.", 30*time.Hour, false)}
	add(storyOf(4, "Markets \x1b[31mrally\x1b[0m as rates hold", markets, false), markets)
	sources := []string{"Coastal Times", "Harbour Herald", "Valley Radio", "Northern Post", "Evening Ledger"}
	topics := []string{"school budget", "rail timetable", "river cleanup", "museum opening", "housing plan", "storm warning", "council election"}
	for i := range n {
		id := int64(100 + i)
		k := 1 + i%4
		arts := make([]store.Article, k)
		for j := range k {
			arts[j] = article(id*10+int64(j), id, sources[(i+j)%len(sources)],
				fmt.Sprintf("Report %d on the %s", i, topics[i%len(topics)]),
				fmt.Sprintf("Paragraph about the %s, item %d.", topics[i%len(topics)], i),
				time.Duration(31+i)*time.Hour+time.Duration(j)*time.Minute, i%3 == 0)
		}
		add(storyOf(id, fmt.Sprintf("Update %d on the %s", i, topics[i%len(topics)]), arts, false), arts)
	}
	lib.feeds = []store.Feed{
		{ID: 1, URL: "https://coastal.example/feed.xml", Title: "Coastal Times", LastFetch: testNow.Add(-2 * time.Hour), Articles: 120},
		{ID: 2, URL: "https://herald.example/rss", Title: "Harbour Herald", LastFetch: testNow.Add(-2 * time.Hour), LastError: "https://herald.example/rss: 503 Service Unavailable", Articles: 80},
		{ID: 3, URL: "https://radio.example/atom", Title: "", Articles: 0},
	}
	return lib
}

func testOptions() Options {
	return Options{
		Config:       Config{Theme: "auto"},
		Now:          testClock,
		GlamourStyle: "ascii",
		OpenURL:      func(string) error { return nil },
	}
}

// msgsOf runs a command and the batches it returns, collecting the messages
// without delivering them.
func msgsOf(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, msgsOf(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// msgsWithin is msgsOf for commands that may wait (a tick): it collects what
// arrives within d and counts the commands still waiting.
func msgsWithin(cmd tea.Cmd, d time.Duration) (msgs []tea.Msg, pending int) {
	if cmd == nil {
		return nil, 0
	}
	got := make(chan tea.Msg, 1)
	go func() { got <- cmd() }()
	select {
	case msg := <-got:
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				ms, p := msgsWithin(c, d)
				msgs = append(msgs, ms...)
				pending += p
			}
			return msgs, pending
		}
		if msg == nil {
			return nil, 0
		}
		return []tea.Msg{msg}, 0
	case <-time.After(d):
		return nil, 1
	}
}

// settle delivers the messages of cmd, and of every command they lead to,
// until there are none left.
func settle(t testing.TB, m Model, cmd tea.Cmd) Model {
	t.Helper()
	queue := msgsOf(cmd)
	for i := 0; len(queue) > 0; i++ {
		if i > 10000 {
			t.Fatal("messages did not settle")
		}
		msg := queue[0]
		queue = queue[1:]
		var c tea.Cmd
		m, c = m.update(msg)
		queue = append(queue, msgsOf(c)...)
	}
	return m
}

// send delivers one message and settles what follows from it.
func send(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	m, cmd := m.update(msg)
	return settle(t, m, cmd)
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("keyMsg: unknown key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// press sends keys one at a time, settling after each.
func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		m = send(t, m, keyMsg(k))
	}
	return m
}

// typeText types text into whatever has the keyboard.
func typeText(t testing.TB, m Model, text string) Model {
	t.Helper()
	for _, r := range text {
		m = send(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// start builds the reader over lib, runs Init and sizes it.
func start(t testing.TB, lib Library, opts Options, w, h int) Model {
	t.Helper()
	m := *New(lib, opts)
	m = settle(t, m, m.Init())
	return send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
}

// screenText is the screen as a person sees it: no colours or attributes.
func screenText(m Model) string {
	return ansi.Strip(m.View().Content)
}

// bodyText is the screen without the status bar and the help footer.
func bodyText(m Model) string {
	lines := strings.Split(screenText(m), "\n")
	return strings.Join(lines[:max(len(lines)-2, 0)], "\n")
}

func ansiStrip(s string) string { return ansi.Strip(s) }

// regrouping is a refresh of lib that changes its stories as grouping
// does, through change, which runs holding lib.mu.
func regrouping(lib *fakeLibrary, change func(*fakeLibrary)) func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
	return func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
		lib.mu.Lock()
		defer lib.mu.Unlock()
		change(lib)
		return RefreshSummary{Feeds: 1}, nil
	}
}

// dropArticles takes articles out of lib, and the stories they leave
// empty, as removing the feed that brought them does.
func dropArticles(lib *fakeLibrary, ids ...int64) {
	for i := 0; i < len(lib.stories); i++ {
		s := lib.stories[i]
		arts := slices.DeleteFunc(lib.articles[s.ID], func(a store.Article) bool { return slices.Contains(ids, a.ID) })
		if len(arts) == 0 {
			delete(lib.articles, s.ID)
			lib.stories = slices.Delete(lib.stories, i, i+1)
			i--
			continue
		}
		lib.articles[s.ID] = arts
		lib.stories[i] = storyOf(s.ID, s.Title, arts, s.Saved)
	}
}

// mergeBridgeIntoFrost merges the first story of a small library, the
// bridge, into the second, the frost, as story 9.
func mergeBridgeIntoFrost(lib *fakeLibrary) {
	lib.articles[9] = append(lib.articles[2], lib.articles[1]...)
	delete(lib.articles, 1)
	lib.stories = append([]store.Story{storyOf(9, "Bridge and frost", lib.articles[9], false)}, lib.stories[1:]...)
}
