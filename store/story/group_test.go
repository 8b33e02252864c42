package story

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// testArticle is one article of a file in testdata with the story the file
// says it belongs to.
type testArticle struct {
	doc   Doc
	story string
}

// loadArticles reads a testdata file: articles open with a line
// "--- source | RFC 3339 time | story", then the headline, then the text;
// lines starting with # are comments.
func loadArticles(t *testing.T, name string) []testArticle {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []testArticle
	var body []string
	flush := func() {
		if len(out) == 0 {
			return
		}
		a := &out[len(out)-1]
		a.doc.Text = strings.TrimSpace(strings.Join(body, "\n"))
		body = nil
	}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "--- "):
			flush()
			parts := strings.Split(strings.TrimPrefix(line, "--- "), " | ")
			if len(parts) != 3 {
				t.Fatalf("%s line %d: header needs source | time | story", name, n)
			}
			at, err := time.Parse(time.RFC3339, parts[1])
			if err != nil {
				t.Fatalf("%s line %d: %v", name, n, err)
			}
			out = append(out, testArticle{doc: Doc{ID: int64(len(out) + 1), Source: parts[0], Time: at}, story: parts[2]})
		case len(out) > 0 && out[len(out)-1].doc.Title == "":
			out[len(out)-1].doc.Title = line
		case len(out) > 0:
			body = append(body, line)
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// group runs the store's loop: assign, open a story when none fits, add,
// revise.
func group(g *Grouper, docs []Doc) ([]int64, []Assignment) {
	ids, as, _ := replay(g, docs, noneHeld, nil)
	return ids, as
}

// groupMoving is group that also returns the moves the grouper made.
func groupMoving(g *Grouper, docs []Doc) ([]int64, []Assignment, []Move) {
	return replay(g, docs, noneHeld, nil)
}

// replay runs the store's loop over docs, new stories numbered from 1,
// revising with held; check, when not nil, sees each move with the stories
// so far before it is applied.
func replay(g *Grouper, docs []Doc, held func(int64) bool, check func(ids []int64, pos map[int64]int, mv Move)) ([]int64, []Assignment, []Move) {
	ids := make([]int64, len(docs))
	as := make([]Assignment, len(docs))
	pos := make(map[int64]int, len(docs))
	next := int64(1)
	newID := func() int64 { next++; return next - 1 }
	var moves []Move
	for i, d := range docs {
		a := g.Assign(d)
		id := a.Story
		if id == 0 {
			id = newID()
		}
		g.Add(d, id)
		ids[i], as[i] = id, a
		pos[d.ID] = i
		mv := g.Revise(newID, held)
		for _, m := range mv {
			if check != nil {
				check(ids[:i+1], pos, m)
			}
			applyMove(ids[:i+1], m, pos)
		}
		moves = append(moves, mv...)
	}
	return ids, as, moves
}

func docsOf(fs []testArticle) []Doc {
	var out []Doc
	for _, f := range fs {
		out = append(out, f.doc)
	}
	return out
}

// inTimeOrder returns the fixtures sorted by time, as a feed reader
// would see them arrive.
func inTimeOrder(fs []testArticle) []testArticle {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b testArticle) int { return a.doc.Time.Compare(b.doc.Time) })
	return out
}

// checkGrouping fails unless articles share a story exactly when the
// testArticle says they do.
func checkGrouping(t *testing.T, fs []testArticle, ids []int64, as []Assignment) {
	t.Helper()
	for i := range fs {
		for j := range i {
			same := fs[i].story == fs[j].story
			if got := ids[i] == ids[j]; got != same {
				t.Errorf("%q (%s) and %q (%s): same story %v, want %v; evidence %q",
					fs[i].doc.Title, fs[i].story, fs[j].doc.Title, fs[j].story, got, same, as[i].Evidence)
			}
		}
	}
}

// checkNoMerge fails where articles of two different stories share one,
// and leaves a story free to split.
func checkNoMerge(t *testing.T, fs []testArticle, ids []int64, as []Assignment) {
	t.Helper()
	for i := range fs {
		for j := range i {
			if fs[i].story != fs[j].story && ids[i] == ids[j] {
				t.Errorf("%q and %q merged; evidence %q", fs[i].doc.Title, fs[j].doc.Title, as[i].Evidence)
			}
		}
	}
}

func TestFiveOutletsOneStory(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "ferry.txt"))
	ids, as := group(NewGrouper(Options{}), docsOf(fs))
	checkGrouping(t, fs, ids, as)
	for i, f := range fs {
		if f.story == "ferry" && as[i].Story != 0 && as[i].Evidence.String() == "" {
			t.Errorf("%q joined its story without evidence", f.doc.Title)
		}
	}
}

func TestTwoEarthquakesStayApart(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "quakes.txt"))
	ids, as := group(NewGrouper(Options{}), docsOf(fs))
	checkGrouping(t, fs, ids, as)
}

// TestRisingTollStaysOneStory: one earthquake told over two days, ten dead
// on the first and twenty-five on the second, is one story. A developing
// story changes its figures; a grouping that split on them would break the
// commonest story of all.
func TestRisingTollStaysOneStory(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "rising-toll.txt"))
	ids, as := group(NewGrouper(Options{}), docsOf(fs))
	checkGrouping(t, fs, ids, as)
}

func TestHeadlinesAndSummaries(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "headlines.txt"))
	ids, as := group(NewGrouper(Options{}), docsOf(fs))
	checkGrouping(t, fs, ids, as)
}

func TestHeadlinesAlone(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "headlines.txt"))
	docs := docsOf(fs)
	for i := range docs {
		docs[i].Text = ""
	}
	ids, as := group(NewGrouper(Options{}), docs)
	// Headlines alone share less: every story must still hold together
	// except where two headlines have no word in common, and no two
	// stories may merge.
	checkNoMerge(t, fs, ids, as)
	stories := map[string]map[int64]bool{}
	for i, f := range fs {
		if stories[f.story] == nil {
			stories[f.story] = map[int64]bool{}
		}
		stories[f.story][ids[i]] = true
	}
	for _, s := range []string{"summit", "storm"} {
		if len(stories[s]) != 1 {
			t.Errorf("story %s split across %d stories from headlines alone", s, len(stories[s]))
		}
	}
}

func TestEvidenceOfAJoin(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "headlines.txt"))
	_, as := group(NewGrouper(Options{}), docsOf(fs))
	var ev Evidence
	for i, f := range fs {
		if f.doc.Title == "Hegseth accuses European allies of betrayal at NATO meeting" {
			ev = as[i].Evidence
		}
	}
	if ev.Score < 1 || ev.NearDuplicate {
		t.Fatalf("evidence %+v: want a score of at least 1, not a near-copy", ev)
	}
	for _, want := range []string{"Hegseth", "NATO", "Brussels"} {
		if !slices.ContainsFunc(ev.Names, func(n string) bool { return strings.Contains(n, want) }) {
			t.Errorf("evidence names %q lack %s", ev.Names, want)
		}
	}
	if !slices.Contains(ev.Terms, "betrayal") {
		t.Errorf("evidence terms %q lack betrayal", ev.Terms)
	}
	if ev.Gap != 90*time.Minute {
		t.Errorf("gap %v, want 1h30m to the story's nearest article", ev.Gap)
	}
	if s := ev.String(); !strings.HasSuffix(s, "; 1 h apart") || !strings.Contains(s, "Hegseth") {
		t.Errorf("evidence reads %q", s)
	}
}

func TestEvidenceString(t *testing.T) {
	for _, c := range []struct {
		ev   Evidence
		want string
	}{
		{Evidence{Score: 1.4, Names: []string{"Hegseth", "NATO", "Brussels"}, Terms: []string{"betrayal"}, Gap: 2*time.Hour + 10*time.Minute},
			"Hegseth, NATO, Brussels, betrayal; 2 h apart"},
		{Evidence{Score: 3, Names: []string{"Solvang Star"}, NearDuplicate: true, Gap: 20 * time.Second},
			"near-copy; Solvang Star; same time"},
		{Evidence{Score: 1.1, Terms: []string{"earthquake", "magnitude"}, Gap: 25 * time.Minute}, "earthquake, magnitude; 25 min apart"},
		{Evidence{Score: 1.2, Names: []string{"Kalmaegi"}, Gap: 75 * time.Hour}, "Kalmaegi; 3 days apart"},
		{Evidence{}, ""},
	} {
		if got := c.ev.String(); got != c.want {
			t.Errorf("%+v reads %q, want %q", c.ev, got, c.want)
		}
	}
}

func TestNearDuplicate(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "ferry.txt"))
	g := NewGrouper(Options{})
	group(g, docsOf(fs))
	copyOf := fs[0].doc // the Nordic Wire copy, run by another paper under its own headline
	copyOf.ID, copyOf.Source = 100, "Island Times"
	copyOf.Title = "Ferry evacuated after engine room fire"
	copyOf.Time = copyOf.Time.Add(3 * time.Hour)
	a := g.Assign(copyOf)
	if !a.Evidence.NearDuplicate || a.Story == 0 {
		t.Fatalf("syndicated copy assigned %+v, want a near-copy of its story", a)
	}
	if !strings.HasPrefix(a.Evidence.String(), "near-copy; ") {
		t.Errorf("evidence reads %q", a.Evidence)
	}
}

func TestDeterministic(t *testing.T) {
	var docs []Doc
	for _, name := range []string{"ferry.txt", "quakes.txt", "headlines.txt"} {
		docs = append(docs, docsOf(inTimeOrder(loadArticles(t, name)))...)
	}
	want, wantAs := group(NewGrouper(Options{}), docs)
	for range 3 {
		got, gotAs := group(NewGrouper(Options{}), docs)
		if !slices.Equal(got, want) {
			t.Fatalf("grouping changed between runs: %v, then %v", want, got)
		}
		for i := range gotAs {
			if gotAs[i].Evidence.String() != wantAs[i].Evidence.String() || gotAs[i].Evidence.Score != wantAs[i].Evidence.Score {
				t.Fatalf("evidence of %q changed between runs: %q, then %q", docs[i].Title, wantAs[i].Evidence, gotAs[i].Evidence)
			}
		}
	}
}

// TestReloadInAnyOrder feeds a fresh grouper the articles of known stories
// in reverse order, as the store does on opening, and expects a new article
// to be placed as the first grouper placed it.
func TestReloadInAnyOrder(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "ferry.txt"))
	docs := docsOf(fs)
	last := docs[len(docs)-1]
	for i, d := range docs {
		if d.Title == "Baltic ferry fire: what we know about the Solvang Star evacuation" {
			last = d
			docs = slices.Delete(slices.Clone(docs), i, i+1)
			break
		}
	}
	first := NewGrouper(Options{})
	ids, _ := group(first, docs)
	want := first.Assign(last)

	reloaded := NewGrouper(Options{})
	for i := len(docs) - 1; i >= 0; i-- {
		reloaded.Add(docs[i], ids[i])
	}
	got := reloaded.Assign(last)
	if got.Story != want.Story || want.Story == 0 {
		t.Errorf("after reloading, %q goes to story %d, want %d", last.Title, got.Story, want.Story)
	}
}

func TestWindow(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "quakes.txt"))
	g := NewGrouper(Options{Window: 24 * time.Hour})
	ids, _ := group(g, docsOf(fs[:3]))
	later := fs[1].doc
	later.ID = 50
	later.Time = fs[2].doc.Time.Add(30 * time.Hour)
	if a := g.Assign(later); a.Story != 0 {
		t.Errorf("a report 30 h after a story's last article joined it under a 24 h window: %+v", a)
	}
	within := later
	within.Time = fs[2].doc.Time.Add(20 * time.Hour)
	if a := g.Assign(within); a.Story != ids[1] {
		t.Errorf("a report 20 h after the story's last article went to %d, want %d", a.Story, ids[1])
	}
}

// TestEviction advances time well past the window and checks that the old
// stories and their index entries are gone.
func TestEviction(t *testing.T) {
	g := NewGrouper(Options{Window: 24 * time.Hour})
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var docs []Doc
	for day := range 30 {
		for k := range 5 {
			docs = append(docs, Doc{
				ID:    int64(day*10 + k),
				Title: fmt.Sprintf("Council of Town%d votes on budget %d", day, k),
				Text:  fmt.Sprintf("The council of Town%d met on day %d to vote on item %d of its budget.", day, day, k),
				Time:  start.Add(time.Duration(day)*24*time.Hour + time.Duration(k)*time.Hour),
			})
		}
	}
	group(g, docs)
	if len(g.live) > 5*3 || len(g.live) == 0 {
		t.Errorf("%d stories held after 30 days under a one-day window, want 1 to 15", len(g.live))
	}
	for seq, s := range g.stories {
		if s != nil && s.last < g.newest-int64(2*24*time.Hour) {
			t.Errorf("story %d, last seen %v, still held", seq, time.Unix(0, s.last))
		}
	}
	for id, list := range g.idx.post {
		for _, seq := range list {
			if g.stories[seq] == nil {
				t.Fatalf("index entry of feature %d points at evicted story %d", id, seq)
			}
		}
	}
	if len(g.byID) != len(g.live) {
		t.Errorf("%d story IDs known, %d stories held", len(g.byID), len(g.live))
	}
}

// TestRecallAfterEviction evicts a story, puts it back for a late report
// as a library does, and checks that the report joins it and that putting
// it back counts none of its words again.
func TestRecallAfterEviction(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "quakes.txt"))
	g := NewGrouper(Options{Window: 24 * time.Hour})
	ids, _ := group(g, docsOf(fs[:2]))
	if !g.Holds(ids[1]) || !g.HeldSince().IsZero() {
		t.Fatalf("fresh grouper: holds %d %v, held since %v", ids[1], g.Holds(ids[1]), g.HeldSince())
	}
	var filler []Doc
	for day := range 5 {
		filler = append(filler, Doc{ID: int64(100 + day), Title: fmt.Sprintf("Choir of Town%d sings", day),
			Text: fmt.Sprintf("The choir of Town%d sang on day %d.", day, day),
			Time: fs[1].doc.Time.Add(time.Duration(day+1) * 24 * time.Hour)})
	}
	group(g, filler)
	if g.Holds(ids[1]) || !g.HeldSince().After(fs[1].doc.Time) {
		t.Fatalf("story of %v still held after five days under a one-day window (held since %v)",
			fs[1].doc.Time, g.HeldSince())
	}
	late := fs[1].doc
	late.ID, late.Time = 50, late.Time.Add(time.Hour)
	if a := g.Assign(late); a.Story == ids[1] {
		t.Fatalf("late report joined an evicted story")
	}
	docs := g.vocab.docs
	g.Recall(fs[1].doc, ids[1])
	if g.vocab.docs != docs {
		t.Errorf("recall counted the article again: %d documents, was %d", g.vocab.docs, docs)
	}
	if a := g.Assign(late); a.Story != ids[1] {
		t.Errorf("late report went to %d after its story was put back, want %d", a.Story, ids[1])
	}
}

// TestCandidatesFromIndex groups many unrelated stories and checks that an
// article is scored only against the few that share its words.
func TestCandidatesFromIndex(t *testing.T) {
	g := NewGrouper(Options{})
	at := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	for i := range 2000 {
		d := Doc{
			ID:    int64(i + 1),
			Title: fmt.Sprintf("Item%d report on topic%d", i, i),
			Text:  fmt.Sprintf("Details about widget%d and gadget%d in region%d.", i, i, i),
			Time:  at,
		}
		g.Add(d, int64(i+1))
	}
	f := g.features(Doc{Title: "New report on widget7 and gadget7", Text: "More on gadget7 in region7.", Time: at})
	cands := g.candidates(f)
	if len(cands) == 0 || len(cands) > 3 {
		t.Fatalf("%d candidates of 2000 stories, want the one or few that share words", len(cands))
	}
	if g.stories[cands[0]].id != 8 {
		t.Errorf("best candidate is story %d, want 8", g.stories[cands[0]].id)
	}
}

// TestCandidatesPastNewWords looks up a story for a report whose heaviest
// words are ones no earlier article used (new names, figures, a quote):
// those find nothing, and the story must be found by the lighter words it
// shares with the report.
func TestCandidatesPastNewWords(t *testing.T) {
	g := NewGrouper(Options{})
	at := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	for i := range 50 {
		g.Add(Doc{ID: int64(i + 1), Title: fmt.Sprintf("Item%d report", i),
			Text: fmt.Sprintf("Details about widget%d in region%d.", i, i), Time: at}, int64(i+1))
	}
	g.Add(Doc{ID: 100, Title: "Harbour wall collapses at Brennock", Time: at,
		Text: "The harbour wall at Brennock collapsed overnight and the quay flooded."}, 100)
	var novel []string
	for i := range 2 * queryTerms {
		novel = append(novel, fmt.Sprintf("Novel%c%c novel%c%c", 'a'+i, 'a'+i, 'a'+i, 'a'+i))
	}
	f := g.features(Doc{Title: strings.Join(novel, " "), Time: at,
		Text: "The harbour wall at Brennock collapsed, flooding the quay. " + strings.Join(novel, ". ") + "."})
	if slices.ContainsFunc(f.query[:queryTerms], func(e entry) bool { return g.vocab.df[e.id] > 0 }) {
		t.Fatal("fixture: a word of the report's heaviest is known already")
	}
	cands := g.candidates(f)
	if len(cands) == 0 || g.stories[cands[0]].id != 100 {
		t.Fatalf("candidates %v, want the harbour story first", cands)
	}
}

func TestTitle(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"  ", ""}, ""},
		{[]string{"Only one"}, "Only one"},
		{[]string{"First of two", "Second of two"}, "First of two"},
		{[]string{
			"Live: latest updates",
			"Fire forces evacuation of Baltic ferry off Bornholm",
			"212 evacuated as ferry Solvang Star burns near Bornholm",
			"Danish coastguard takes 212 off burning ferry near Bornholm",
			"Passengers rescued as blaze sweeps through Baltic ferry",
		}, "212 evacuated as ferry Solvang Star burns near Bornholm"},
		{[]string{"", "Quake  hits\nVan", "Van quake"}, "Quake hits Van"},
		// A slug or a tag is no part of the story's title; a piece
		// labelled as one outlet's take is its title only when all are.
		{[]string{"UPDATE 1-Kenya floods: rescuers search for missing (VIDEO)", "Kenya floods leave thousands homeless"},
			"Kenya floods: rescuers search for missing"},
		{[]string{"Opinion: Kenya floods show the cost of delay", "Kenya floods leave thousands homeless"},
			"Kenya floods leave thousands homeless"},
		{[]string{"Opinion: Kenya floods show the cost of delay", "Live updates: Kenya floods"},
			"Opinion: Kenya floods show the cost of delay"},
		{[]string{"Can Kenya's flood defences hold?", "Kenya floods leave thousands homeless"},
			"Kenya floods leave thousands homeless"},
		// A question within a headline, and a guide or an explainer, are
		// takes too.
		{[]string{"Should you leave Nairobi? Officials urge calm as Kenya floods spread", "Kenya floods spread to Nairobi suburbs"},
			"Kenya floods spread to Nairobi suburbs"},
		{[]string{"How to help Kenya flood victims", "What the Kenya floods mean for tea prices", "Why Kenya floods keep getting worse", "Kenya floods leave thousands homeless"},
			"Kenya floods leave thousands homeless"},
		{[]string{"How to help Kenya flood victims", "How Kenya floods will hit tea prices"}, "How to help Kenya flood victims"},
		{[]string{"WHO warns of cholera after Kenya floods", "Whatever the cost, Kenya floods must be stopped"}, "WHO warns of cholera after Kenya floods"},
	} {
		if got := Title(c.in); got != c.want {
			t.Errorf("Title(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestReplayBehindSavedStories puts back a saved story from June and then
// replays January and March, as a regrouping does: the stories the replay
// leaves behind must be evicted as it advances, though all of it lies
// months before June, and it must group as it would alone.
func TestReplayBehindSavedStories(t *testing.T) {
	g := NewGrouper(Options{Window: 24 * time.Hour})
	saved := Doc{ID: 1, Title: "Harbour tunnel opens", Text: "The new harbour tunnel opened to traffic.", Time: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	g.Add(saved, 5000)

	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var docs []Doc
	for day := range 30 {
		for k := range 5 {
			docs = append(docs, Doc{
				ID:    int64(1000 + day*10 + k),
				Title: fmt.Sprintf("Council of Town%d votes on budget %d", day, k),
				Text:  fmt.Sprintf("The council of Town%d met on day %d to vote on item %d.", day, day, k),
				Time:  start.Add(time.Duration(day)*24*time.Hour + time.Duration(k)*time.Hour),
			})
		}
	}
	group(g, docs)
	if len(g.live) > 1+5*3 {
		t.Errorf("%d stories held after replaying 30 days under a one-day window, want at most 16", len(g.live))
	}
	if _, ok := g.byID[5000]; !ok {
		t.Error("the saved story was evicted by a replay running behind it")
	}
	fs := inTimeOrder(loadArticles(t, "quakes.txt"))
	ids, as := group(g, docsOf(fs))
	checkGrouping(t, fs, ids, as)
}

// TestVocabularyUnique checks that every feature has one ID, however often
// it occurs in one article.
func TestVocabularyUnique(t *testing.T) {
	g := NewGrouper(Options{})
	for _, name := range []string{"ferry.txt", "quakes.txt", "headlines.txt"} {
		group(g, docsOf(loadArticles(t, name)))
	}
	seen := map[uint64]bool{}
	for _, sl := range g.vocab.table.slots {
		if sl.id == 0 {
			continue
		}
		if seen[sl.hash] {
			t.Fatalf("feature %q has two IDs", g.vocab.show[sl.id-1])
		}
		seen[sl.hash] = true
	}
	if len(seen) != len(g.vocab.df) {
		t.Errorf("%d features known by their hashes, %d by ID", len(seen), len(g.vocab.df))
	}
	if len(seen) < 300 {
		t.Errorf("only %d features from three files", len(seen))
	}
}

// TestClashOverProtagonists checks that two events of one kind told with
// different people at their head clash, while another report of the same
// person, or one that names the story's person too, does not.
func TestClashOverProtagonists(t *testing.T) {
	g := NewGrouper(Options{})
	at := time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)
	story := []Doc{
		{ID: 1, Title: "Harbour Rovers striker Dario Vexley arrested after late-night crash", Text: "Police in Easthaven said Dario Vexley was held overnight after his car struck a barrier. Vexley was released on bail.", Time: at},
		{ID: 2, Title: "Rovers say Vexley will miss Saturday's match", Text: "Dario Vexley, arrested after a crash on the coast road, will sit out the derby, the club said.", Time: at},
	}
	for _, d := range story {
		g.Add(d, 1)
	}
	s := g.stories[g.byID[1]]
	for _, c := range []struct {
		d    Doc
		want bool
	}{
		{Doc{ID: 3, Title: "Harbour Rovers keeper Tomas Brenner arrested after crash", Text: "Tomas Brenner was held by police in Easthaven after his van hit a wall. Brenner was later released.", Time: at}, true},
		{Doc{ID: 4, Title: "Vexley apologises to Rovers fans", Text: "Dario Vexley said he regretted the crash and thanked the police in Easthaven.", Time: at}, false},
		{Doc{ID: 5, Title: "Harbour Rovers keeper Tomas Brenner arrested after crash", Text: "Tomas Brenner was held by police a week after his team-mate Dario Vexley was arrested.", Time: at}, false},
	} {
		f := g.features(c.d)
		g.scatter(f)
		got := g.clash(f, s)
		g.unscatter(f)
		if got != c.want {
			t.Errorf("%q: clash %v, want %v", c.d.Title, got, c.want)
		}
	}
}

// TestHeadlinesOfABroadStory groups headlines alone, of one storm told
// from many angles (power cuts, flights, ferries, schools) and of two other
// storms: the angles share a word or two and the storm's name, and must be
// one story; the other storms must stay apart.
func TestHeadlinesOfABroadStory(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "broad.txt"))
	ids, as := group(NewGrouper(Options{}), docsOf(fs))
	checkGrouping(t, fs, ids, as)
}

// logScores reports how the grouping ids of fs compares with the stories
// the fixture names, and returns the scores.
func logScores(t *testing.T, fs []testArticle, ids []int64) clusterScores {
	t.Helper()
	truth := make([]string, len(fs))
	for i, f := range fs {
		truth[i] = f.story
	}
	s := scoreClusters(ids, truth)
	t.Logf("B-cubed P %.3f R %.3f F1 %.3f, stories %d (true %d)", s.bP, s.bR, s.bF, s.pred, s.truth)
	return s
}

// TestHeadlineTagsJoinNothing groups headlines of which every other opens
// with a wire service's slug ("UPDATE 2-") or a tag in brackets
// ("[PHOTOS]"), or ends with one ("(VIDEO)"). Read as names and words, the
// tags were what unrelated headlines filed the same way had in common, or
// all a headline had that its story had not: Norway's snow storm joined
// Ireland's, and a report of Kenya's currency stayed apart from the rest.
// They must group as they do bare.
func TestHeadlineTagsJoinNothing(t *testing.T) {
	tags := []struct{ before, after string }{
		{"UPDATE 2-", ""}, {"", " (VIDEO)"}, {"RPT-UPDATE 1-", ""}, {"[PHOTOS] ", ""}, {"EXCLUSIVE-", " (NYSE:TSL)"},
	}
	for _, name := range []string{"wire.txt", "countries.txt", "broad.txt"} {
		checkRewordedHeadlines(t, name, func(i int, title string) string {
			tag := tags[i/2%len(tags)]
			return tag.before + title + tag.after
		})
	}
}

// TestKickersJoinNothing groups headlines all in title case, of which
// every third opens with the label of a kind of piece ("Opinion:", "Live
// Updates:"). A headline in title case that names nothing the library
// knows has its words never seen in lower case taken for names, and the
// label was one, shared by the opinion pieces of every story: they must
// group as they do without it.
func TestKickersJoinNothing(t *testing.T) {
	kickers := []string{"Opinion: ", "Live Updates: ", "Analysis | "}
	for _, name := range []string{"wire.txt", "wire4.txt"} {
		fs := inTimeOrder(loadArticles(t, name))
		inTitleCase(fs)
		want, _ := group(NewGrouper(Options{}), docsOf(fs))
		for i := range fs {
			if i%3 == 0 {
				fs[i].doc.Title = kickers[i/3%len(kickers)] + fs[i].doc.Title
			}
		}
		got, _ := group(NewGrouper(Options{}), docsOf(fs))
		if !slices.Equal(got, want) {
			s := scoreClusters(got, want)
			t.Errorf("%s: the stories of headlines with kickers are not those without (B-cubed P %.3f R %.3f against them)", name, s.bP, s.bR)
		}
	}
}

// TestTitleCaseHeadlinesGroupAsTheOthers groups headlines of which every
// other is set in title case, as many outlets set theirs. Capitals in
// such a headline say nothing about names, so a country named in one was
// not a name, and the outlets that set the first reports of an event so
// left the grouper nothing to know the country by: Kenya's flood reports
// and Peru's cabinet's fell apart (B-cubed recall 0.62 against the true
// stories), and Norway's snow storm joined Ireland's. They must group as
// they do in sentence case.
func TestTitleCaseHeadlinesGroupAsTheOthers(t *testing.T) {
	for _, name := range []string{"countries.txt", "broad.txt"} {
		checkRewordedHeadlines(t, name, func(_ int, title string) string { return titleCased(title) })
	}
}

// TestHeadlinesAllInTitleCase groups two aggregators' headlines with every
// one set in title case, as many outlets set theirs. Their capitals say
// nothing of names, and the library has no other text to learn names
// from: read as plain words, the protagonists ("Halvorsen", "Selma") left
// two headlines of one story a word or two in common, and the stories fell
// apart (B-cubed recall 0.58 and 0.63). Taken for names, since the library
// has never seen them written in lower case, they hold each story together
// nearly as sentence case does. No two stories of the first merge. In the
// second, a bank's fine joins the story of its takeover of another bank,
// as two stories of one company do (see TestHeadlinesOfBroadStories): in
// title case the takeover's first headline names the bank, and the fine's
// headlines share nothing else with it ("Brightline Bank; 19 h apart").
// Sentence case does not name it there, as it opens the headline.
func TestHeadlinesAllInTitleCase(t *testing.T) {
	for _, c := range []struct {
		name      string
		precision float64
	}{{"wire.txt", 1}, {"wire2.txt", 0.9}} {
		fs := inTimeOrder(loadArticles(t, c.name))
		inTitleCase(fs)
		ids, as := group(NewGrouper(Options{}), docsOf(fs))
		s := logScores(t, fs, ids)
		if c.precision == 1 {
			checkNoMerge(t, fs, ids, as)
		}
		if s.bP < c.precision {
			t.Errorf("%s: B-cubed precision %.3f, below %.2f", c.name, s.bP, c.precision)
		}
		if s.bR < 0.92 {
			t.Errorf("%s: B-cubed recall %.3f, below 0.92", c.name, s.bR)
		}
	}
}

// TestHeadlineGivenAgainAsTextGroupsAsTheHeadline groups aggregators'
// headlines whose text is the headline again, as a link, as many an
// aggregator's feed gives its items: read twice, each headline passed for
// a report with text, held to its bar, and the broad stories fell apart.
// They must group as the headlines alone do.
func TestHeadlineGivenAgainAsTextGroupsAsTheHeadline(t *testing.T) {
	for _, name := range []string{"wire.txt", "wire4.txt"} {
		fs := inTimeOrder(loadArticles(t, name))
		want, _ := group(NewGrouper(Options{}), docsOf(fs))
		for i := range fs {
			fs[i].doc.Text = fmt.Sprintf("[%s](https://aggregator.example/%d)", fs[i].doc.Title, i)
		}
		got, _ := group(NewGrouper(Options{}), docsOf(fs))
		if !slices.Equal(got, want) {
			s := scoreClusters(got, want)
			t.Errorf("%s: the stories of headlines given again as text are not those of the headlines (B-cubed P %.3f R %.3f against them)", name, s.bP, s.bR)
		}
	}
}

// checkRewordedHeadlines fails unless the articles of the fixture name
// group as they do when reword rewrites every other headline, the ith
// article's given as title.
func checkRewordedHeadlines(t *testing.T, name string, reword func(i int, title string) string) {
	t.Helper()
	fs := inTimeOrder(loadArticles(t, name))
	want, _ := group(NewGrouper(Options{}), docsOf(fs))
	for i := range fs {
		if i%2 == 0 {
			fs[i].doc.Title = reword(i, fs[i].doc.Title)
		}
	}
	got, _ := group(NewGrouper(Options{}), docsOf(fs))
	if !slices.Equal(got, want) {
		s := scoreClusters(got, want)
		t.Errorf("%s: the stories of the reworded headlines are not those of the first (B-cubed P %.3f R %.3f against them)", name, s.bP, s.bR)
	}
}

// inTitleCase sets every headline of fs in title case (see titleCased).
func inTitleCase(fs []testArticle) {
	for i := range fs {
		fs[i].doc.Title = titleCased(fs[i].doc.Title)
	}
}

// titleCased sets s in title case as many outlets do: every word
// capitalised but the articles, conjunctions and short prepositions that
// titleLower holds, unless it opens s.
func titleCased(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		if i == 0 || !titleLower[strings.ToLower(w)] {
			r, size := utf8.DecodeRuneInString(w)
			ws[i] = string(unicode.ToUpper(r)) + w[size:]
		}
	}
	return strings.Join(ws, " ")
}

// titleLower are the words title case leaves in lower case.
var titleLower = setOf("a an the and but or nor for so yet as at by in of on to up via per off out")

// TestHeadlinesFromManyOutlets groups the headlines an aggregator carries
// over four days, where a story gathers many angles and each angle names
// a new place or person: a hurricane's landfall town, a carmaker's chief.
// No two stories may merge, and each must be whole. One headline shares no
// name with its story ("WATCH: Storm surge floods the streets of Lake
// Charles") and starts a story of its own; a later one that names both the
// hurricane and that town fits both stories, and they merge.
func TestHeadlinesFromManyOutlets(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "wire.txt"))
	ids, as := group(NewGrouper(Options{}), docsOf(fs))
	logScores(t, fs, ids)
	checkGrouping(t, fs, ids, as)
}

// TestHeadlinesSharingASmallToll groups a day's headlines of unrelated
// events, several of which give a toll of two or three: a number two
// headlines share is no reason for them to be one story, while the
// reports of each event, which share a place and a word or two, are one.
func TestHeadlinesSharingASmallToll(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "tolls.txt"))
	ids, as := group(NewGrouper(Options{}), docsOf(fs))
	checkGrouping(t, fs, ids, as)
}

// TestHeadlinesFromASecondWire groups a second aggregator's headlines,
// written after the grouper's parameters were chosen, to see what they do
// on headlines they were not fitted to; it then decided only between two
// ways of weighing numbers in headlines. It holds the grouping at what it
// reaches now: B-cubed precision 1.000 and recall 0.928 (it fails below
// 0.92, or if two stories merge). What it splits is what headlines alone
// hardly tell: a strike's first headline, whose "48-hour" outweighs the
// rest of its few words, and a probe's third, which names the probe only
// as its first word and shares too little.
func TestHeadlinesFromASecondWire(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "wire2.txt"))
	ids, as := group(NewGrouper(Options{}), docsOf(fs))
	s := logScores(t, fs, ids)
	checkNoMerge(t, fs, ids, as)
	if s.bR < 0.92 {
		t.Errorf("B-cubed recall %.3f, below 0.92", s.bR)
	}
}

// TestHeadlinesFromAThirdWire groups a third aggregator's headlines, also
// written after the parameters were chosen and never tuned on, and holds
// the grouping at what it reaches now: B-cubed precision 0.836 and recall
// 0.958 (it fails below 0.80 or 0.93). What it gets wrong shows where
// headlines alone fall short. A headline shares one place with another
// story and nothing else, and joins it: a ferry fire and a bridge closure
// at one headland, a bus strike in the city of a province's cholera
// outbreak. One place is all two headlines of a story sometimes share,
// as one person is ("Halvorsen" below), and nothing in a headline tells a
// place from a person for sure. A company's chief selling shares joins
// the company's phone launch of the same days. And the first headline of
// a story that opens on its protagonist's name, not yet known to be one,
// stays apart from the rest.
func TestHeadlinesFromAThirdWire(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "wire3.txt"))
	ids, _ := group(NewGrouper(Options{}), docsOf(fs))
	s := logScores(t, fs, ids)
	if s.bP < 0.80 || s.bR < 0.93 {
		t.Errorf("B-cubed precision %.3f and recall %.3f, below 0.80 and 0.93", s.bP, s.bR)
	}
}

// TestHeadlinesOfBroadStories groups two more aggregators' headlines,
// larger than the others (261 and 242), whose stories gather twenty to
// thirty angles each, as written and with every headline in title case.
// Many of a story's headlines share one name with the rest and nothing
// else, and its parts gather around the names it goes by (a drug and its
// maker, a lander and its moon) until gather joins them. It holds the
// grouping at what it reaches now, B-cubed F1 0.851 and 0.850 on the
// first, 0.730 and 0.741 on the second; they were 0.735, 0.583, 0.575 and
// 0.454 before the reading of title case, gather, kickers and numbers
// alone making no story. (Title case that left every short word in lower
// case, "man" and "cut" as well as "of", made most headlines read as
// sentence case with odd capitals, and scored 0.822 and 0.717.) What it gets wrong: headlines that name no
// protagonist ("Event insurers face one of the largest claims in years
// after pop tour collapse") stand alone, and
// a story of a company or a person takes the first headline of another
// story about it that shares the name alone (a chief's pay vote joins
// the company's phone launch; an actor's lawsuit, his award).
func TestHeadlinesOfBroadStories(t *testing.T) {
	for _, c := range []struct {
		name  string
		floor float64
	}{{"wire4.txt", 0.84}, {"wire5.txt", 0.72}} {
		for _, titled := range []bool{false, true} {
			fs := inTimeOrder(loadArticles(t, c.name))
			if titled {
				inTitleCase(fs)
			}
			ids, _ := group(NewGrouper(Options{}), docsOf(fs))
			if s := logScores(t, fs, ids); s.bF < c.floor {
				t.Errorf("%s (title case %v): B-cubed F1 %.3f, below %.2f", c.name, titled, s.bF, c.floor)
			}
		}
	}
}

// TestHeadlinesFromASixthWire groups a sixth aggregator's headlines, as
// written and with every headline in title case, and holds the grouping
// at what it reaches now: B-cubed F1 0.756 and 0.708. The file was
// written after the reading of title case, gather, kickers and numbers
// alone making no story, and they took it from 0.651 and 0.502 to 0.727
// and 0.672 unseen; the half weight of the kind of a name in a headline
// came after, and was weighed on it too. What it gets wrong is what the
// other aggregators show: stories that share their protagonist merge (a
// carmaker's recall and its new plant, a senator's bill and her
// accident), while the headlines of a broad story that name no
// protagonist stand alone.
func TestHeadlinesFromASixthWire(t *testing.T) {
	for _, c := range []struct {
		titled bool
		floor  float64
	}{{false, 0.74}, {true, 0.69}} {
		fs := inTimeOrder(loadArticles(t, "wire6.txt"))
		if c.titled {
			inTitleCase(fs)
		}
		ids, _ := group(NewGrouper(Options{}), docsOf(fs))
		if s := logScores(t, fs, ids); s.bF < c.floor {
			t.Errorf("title case %v: B-cubed F1 %.3f, below %.2f", c.titled, s.bF, c.floor)
		}
	}
}

// TestCountryAloneMakesNoStory groups a headline and a sentence from each
// of several outlets over three days, when one country is the setting of
// three unrelated events (floods, a disputed count, a currency's slide)
// and another of two. A country's name counted as a whole name joined any
// two reports that named it, whatever they were about, and made the three
// events in Kenya one story (B-cubed precision 0.52); each event must now
// stay apart from the others. Two reports that share the country and one
// or two words stay apart too, as the cost of that: recall is 0.90 where
// a flood report that shares no more with the first stands alone.
func TestCountryAloneMakesNoStory(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "countries.txt"))
	ids, _ := group(NewGrouper(Options{}), docsOf(fs))
	s := logScores(t, fs, ids)
	if s.bP < 0.95 || s.bR < 0.9 {
		t.Errorf("B-cubed precision %.3f and recall %.3f, below 0.95 and 0.90", s.bP, s.bR)
	}
}

// TestBritishAndAmericanReportsMeet groups reports of one event from
// British and American outlets, which share more words in meaning than in
// spelling, beside another strike of the same day.
func TestBritishAndAmericanReportsMeet(t *testing.T) {
	fs := inTimeOrder(loadArticles(t, "spellings.txt"))
	ids, as := group(NewGrouper(Options{}), docsOf(fs))
	checkGrouping(t, fs, ids, as)
}

// TestANumberAloneMakesNoStory groups headlines of unrelated news that
// share a number and nothing else: a number weighs more than a word, and
// in a headline of a few words a toll or a percentage it happens to share
// with another carried it into that story on its own.
func TestANumberAloneMakesNoStory(t *testing.T) {
	at := time.Date(2026, 9, 14, 6, 0, 0, 0, time.UTC)
	titles := []string{
		"Floods in Kenya kill at least 38",
		"Veltrazine users had 38% higher rate of cardiac events",
		"Corvana confirms breach exposed data of 48 million customers",
		"Dockers strike for 48 hours over pay at Port Arlen",
		"Planner reveals 300 white rose arches for the Valcourt wedding",
		"Council approves 300 drones for search and rescue",
	}
	g := NewGrouper(Options{})
	for i, title := range titles {
		d := Doc{ID: int64(i + 1), Title: title, Time: at.Add(time.Duration(i) * time.Hour)}
		if a := g.Assign(d); a.Story != 0 {
			t.Errorf("%q joined story %d (%s)", title, a.Story, a.Evidence)
		}
		g.Add(d, int64(i+1))
	}
}

// TestTheKindOfANameMakesNoStory groups the headlines of two wildfires of
// the same days in two states, each named for its place ("Tamsen Fire",
// "Buckhorn Fire"). The word their names share is the kind of thing
// named, which articles also write in lower case: in headlines of a few
// words it counted as a whole name, and the two fires became one story.
func TestTheKindOfANameMakesNoStory(t *testing.T) {
	var fs []testArticle
	for _, f := range inTimeOrder(loadArticles(t, "wire6.txt")) {
		if f.story == "wildfire" || f.story == "fire2" {
			fs = append(fs, f)
		}
	}
	ids, as := group(NewGrouper(Options{}), docsOf(fs))
	checkNoMerge(t, fs, ids, as)
}

// A copy of an article whose story has since merged into another is a
// copy of the story it is in now, also once the near-duplicate index has
// been rebuilt by an eviction.
func TestNearCopyAfterAMerge(t *testing.T) {
	ferry := inTimeOrder(loadArticles(t, "ferry.txt"))
	quakes := inTimeOrder(loadArticles(t, "quakes.txt"))
	g := NewGrouper(Options{})
	ids, _ := group(g, docsOf(ferry))
	first := ferry[0].doc
	gone := g.stories[g.byID[ids[0]]]
	keepDoc := quakes[0].doc
	keepDoc.ID, keepDoc.Time = 500, first.Time
	g.Assign(keepDoc)
	g.Add(keepDoc, 900)
	keep := g.stories[g.byID[900]]
	g.absorb(keep, gone)

	copyOf := func(id int64, after time.Duration) Doc {
		d := first
		d.ID, d.Source, d.Title = id, "Island Times", "Ferry evacuated after engine room fire"
		d.Time = first.Time.Add(after)
		return d
	}
	if a := g.Assign(copyOf(100, 3*time.Hour)); !a.Evidence.NearDuplicate || a.Story != 900 {
		t.Fatalf("copy after the merge assigned to story %d (near-copy %v), want the near-copy of story 900", a.Story, a.Evidence.NearDuplicate)
	}
	// The story merges again; two days on, the grouper sweeps what has
	// left its window and rebuilds the near-duplicate index.
	later := quakes[len(quakes)-1].doc
	later.ID, later.Time = 501, first.Time.Add(40*time.Hour)
	g.Assign(later)
	g.Add(later, 901)
	g.absorb(g.stories[g.byID[901]], keep)
	sweeper := quakes[1].doc
	sweeper.ID, sweeper.Time = 502, first.Time.Add(50*time.Hour)
	g.Assign(sweeper)
	g.Add(sweeper, 902)
	if g.swept != sweeper.Time.UnixNano() {
		t.Fatalf("no sweep after two days")
	}
	if n := len(g.idx.merged); n != 0 {
		t.Errorf("the sweep kept %d merges, which the rebuilt index no longer needs", n)
	}
	if a := g.Assign(copyOf(101, 51*time.Hour)); !a.Evidence.NearDuplicate || a.Story != 901 {
		t.Fatalf("copy after the sweep assigned to story %d (near-copy %v), want the near-copy of story 901", a.Story, a.Evidence.NearDuplicate)
	}
}

// Merges are noted for the near-duplicate index only until the next sweep,
// also where no article is long enough to be held in that index.
func TestSweepForgetsMergesOfHeadlines(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	g := NewGrouper(Options{})
	add := func(id int64, title string, when time.Time) *story {
		d := Doc{ID: id, Source: "Wire", Title: title, Time: when}
		g.Assign(d)
		g.Add(d, id)
		return g.stories[g.byID[id]]
	}
	a := add(1, "Ferry fire forces evacuation off Lindholm", at)
	b := add(2, "Council approves harbour bridge budget", at.Add(time.Hour))
	g.absorb(a, b)
	add(3, "Storm closes mountain passes in the north", at.Add(50*time.Hour))
	if n := len(g.idx.merged); n != 0 {
		t.Errorf("%d merges still noted after the sweep", n)
	}
}

// Words that only place an event in time or among others ("ahead of",
// "amid", "despite") join nothing, even capitalised by title-case
// headlines that name nothing known, where they would otherwise pass for
// a name the story's headlines share.
func TestFunctionWordsOfTitleCaseJoinNothing(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, word := range []string{"Ahead of", "Amid", "Despite"} {
		g := NewGrouper(Options{})
		docs := []Doc{
			{ID: 1, Source: "Wire", Title: "Schools Close " + word + " Hurricane Bellamy", Time: at},
			{ID: 2, Source: "Post", Title: "Refineries Shut " + word + " Hurricane Bellamy", Time: at.Add(time.Hour)},
			{ID: 3, Source: "Ledger", Title: "Shippers Divert Cargo " + word + " Hallanby Dock Strike", Time: at.Add(2 * time.Hour)},
			{ID: 4, Source: "Herald", Title: "Senator Pushes Insulin Cap " + word + " Committee Vote", Time: at.Add(3 * time.Hour)},
		}
		ids, as := group(g, docs)
		for i := 2; i < len(docs); i++ {
			if ids[i] != ids[i-1] && ids[i] != ids[0] {
				continue
			}
			t.Errorf("%q: %q joined another on %q", word, docs[i].Title, as[i].Evidence)
		}
	}
}
