package story

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSiblingEventsSplit feeds two ferry disasters of one day in turns.
// The first report of the second event reads like the first and joins
// its story, and the first report of the first is left with it when the
// named reports of each gather in stories of their own; revising puts it
// where it belongs, once, and the two events end as two stories.
func TestSiblingEventsSplit(t *testing.T) {
	fs := loadArticles(t, "ferries.txt")
	ids, as, moves := groupMoving(NewGrouper(Options{}), docsOf(fs))
	checkGrouping(t, fs, ids, as)
	if len(moves) == 0 {
		t.Fatal("no article moved: the fixture no longer needs revising")
	}
	seen := map[int64]bool{}
	for _, mv := range moves {
		for i, id := range mv.Articles {
			if seen[id] {
				t.Errorf("article %d moved twice: %+v", id, moves)
			}
			seen[id] = true
			// The first report of the Tanev disaster names only the lake
			// and the boat; its evidence must say so.
			if ev := mv.Evidence[i].String(); !strings.Contains(ev, "Tanev") && !strings.Contains(ev, "Marisol") {
				t.Errorf("article %d moved to story %d with evidence %q", id, mv.To, ev)
			}
		}
	}
}

// noneHeld is the held of Revise for a library with no saved story.
func noneHeld(int64) bool { return false }

// addAll adds docs to story id one by one, as if each had joined it, and
// returns what revising the story after each brought.
func addAll(g *Grouper, id int64, docs []Doc, next func() int64, held func(int64) bool) []Move {
	var moves []Move
	for _, d := range docs {
		g.Add(d, id)
		moves = append(moves, g.Revise(next, held)...)
	}
	return moves
}

// ferryEvents returns the named reports of the two ferry disasters in the
// order they came, each event's apart.
func ferryEvents(t *testing.T) (all, tanev, brennock []Doc) {
	for _, f := range loadArticles(t, "ferries.txt")[2:] {
		all = append(all, f.doc)
		if f.story == "tanev" {
			tanev = append(tanev, f.doc)
		} else {
			brennock = append(brennock, f.doc)
		}
	}
	return all, tanev, brennock
}

func idsOf(docs []Doc) []int64 {
	var out []int64
	for _, d := range docs {
		out = append(out, d.ID)
	}
	return out
}

// TestSplitOfAMixedStory puts the reports of both events into one story:
// once each event has two, the story splits, the event of its first
// article keeping it; a later report of the other event put there goes to
// the other's new story.
func TestSplitOfAMixedStory(t *testing.T) {
	all, _, brennock := ferryEvents(t)
	g := NewGrouper(Options{})
	moves := addAll(g, 1, all, func() int64 { return 2 }, noneHeld)
	if len(moves) == 0 || len(moves[0].Articles) < 2 || !moves[0].NewStory {
		t.Fatalf("moves %+v, want a split first", moves)
	}
	for i, ev := range moves[0].Evidence {
		if started := i == 0; (ev.String() == "") != started {
			t.Errorf("article %d of the split has evidence %q", i, ev)
		}
		// A name is listed once, not again in lower case among the words.
		for _, term := range ev.Terms {
			if slices.ContainsFunc(ev.Names, func(n string) bool { return strings.EqualFold(n, term) }) {
				t.Errorf("article %d of the split lists %q as a name and a word: %q", i, term, ev)
			}
		}
	}
	var moved []int64
	for _, mv := range moves {
		if mv.From != 1 || mv.To != 2 {
			t.Errorf("move %+v, want from 1 to 2", mv)
		}
		moved = append(moved, mv.Articles...)
	}
	if got := slices.Sorted(slices.Values(moved)); !slices.Equal(got, idsOf(brennock)) {
		t.Errorf("moved articles %v, want the second event's %v", got, idsOf(brennock))
	}
}

// TestHeadlinesAloneAreNotSplit puts the headlines alone of both events
// into one story: headlines are too short to tell two events from two
// angles of one, so the story stays whole.
func TestHeadlinesAloneAreNotSplit(t *testing.T) {
	all, _, _ := ferryEvents(t)
	for i := range all {
		all[i].Text = ""
	}
	g := NewGrouper(Options{})
	if moves := addAll(g, 1, all, func() int64 { return 2 }, noneHeld); len(moves) != 0 {
		t.Errorf("a story of headlines was revised: %+v", moves)
	}
}

// TestSavedStoryKeepsItsArticles is the same mixed story, saved: it never
// loses an article.
func TestSavedStoryKeepsItsArticles(t *testing.T) {
	all, _, _ := ferryEvents(t)
	g := NewGrouper(Options{})
	saved := func(id int64) bool { return id == 1 }
	if moves := addAll(g, 1, all, func() int64 { return 2 }, saved); len(moves) != 0 {
		t.Errorf("a held story lost articles: %+v", moves)
	}
}

// TestMergeOfOneEventInTwoStories tells one event in two stories, then
// sends a report that fits both: they become one, the larger keeping its
// ID, unless the smaller is saved, which may gain articles but never lose
// them.
func TestMergeOfOneEventInTwoStories(t *testing.T) {
	_, tanev, _ := ferryEvents(t)
	last := Doc{ID: 99, Source: "Inland Post", Title: "Marisol inquiry opens on Lake Tanev",
		Text: "Governor Ilse Varga opened the inquiry into Orca Lines and the Marisol, which capsized on Lake Tanev with 140 passengers aboard, killing twelve. Divers at Tanev harbour gave evidence.",
		Time: tanev[2].Time}
	for _, tt := range []struct {
		name     string
		held     func(int64) bool
		from, to int64
	}{
		{"none saved", noneHeld, 2, 1},
		{"the smaller saved", func(id int64) bool { return id == 2 }, 1, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := NewGrouper(Options{})
			g.Add(tanev[0], 1)
			g.Add(tanev[1], 1)
			g.Add(tanev[2], 2)
			a := g.Assign(last)
			if a.Story == 0 {
				t.Fatal("the last report fitted no story")
			}
			g.Add(last, a.Story)
			moves := g.Revise(func() int64 { t.Fatal("a merge made a new story"); return 0 }, tt.held)
			if len(moves) != 1 || moves[0].From != tt.from || moves[0].To != tt.to || moves[0].Articles != nil {
				t.Fatalf("moves %+v, want story %d merged into %d", moves, tt.from, tt.to)
			}
			if again := g.Assign(tanev[2]); again.Story != tt.to {
				t.Errorf("after the merge a Tanev report joins story %d, want %d", again.Story, tt.to)
			}
		})
	}
}

// TestWanderingReportIsAdopted feeds one strike: a report that wanders
// into freight and the harvest nearly joins the story of the first and
// starts its own; once later reports have taken up its angles, the story
// takes it, with evidence for the move. A saved story of one report is
// never emptied that way.
func TestWanderingReportIsAdopted(t *testing.T) {
	fs := loadArticles(t, "strike.txt")
	ids, as, moves := groupMoving(NewGrouper(Options{}), docsOf(fs))
	checkGrouping(t, fs, ids, as)
	if as[1].Story != 0 {
		t.Fatalf("the wandering report joined story %d at once: the fixture no longer needs adopting", as[1].Story)
	}
	wander := fs[1].doc.ID
	if len(moves) != 1 || !slices.Equal(moves[0].Articles, []int64{wander}) || moves[0].To != ids[0] {
		t.Fatalf("moves %+v, want report %d adopted by story %d", moves, wander, ids[0])
	}
	if ev := moves[0].Evidence[0].String(); !strings.Contains(ev, "Saltby") {
		t.Errorf("adopted with evidence %q, want it to name Saltby", ev)
	}

	savedWanderer := func(id int64) bool { return id == 2 }
	if _, _, mv := replay(NewGrouper(Options{}), docsOf(fs), savedWanderer, nil); len(mv) != 0 {
		t.Errorf("the saved story of the wandering report was emptied: %+v", mv)
	}
}

// TestWaitingIsBounded makes many articles nearly join one story: only the
// latest maxWaiting wait on it, so that growing it stays cheap.
func TestWaitingIsBounded(t *testing.T) {
	g := NewGrouper(Options{})
	at := time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)
	g.Add(Doc{ID: 1, Title: "Harbour wall collapses at Brennock", Time: at}, 1)
	s := g.stories[g.byID[1]]
	for i := range 2 * maxWaiting {
		d := Doc{ID: int64(10 + i), Title: fmt.Sprintf("Item%d on the harbour", i), Time: at}
		g.nearly, g.nearlyDoc = s, d // as Assign leaves it for a near miss
		g.Add(d, int64(10+i))
	}
	if len(s.waiting) != maxWaiting {
		t.Fatalf("%d stories wait on the story, want %d", len(s.waiting), maxWaiting)
	}
	if last := g.stories[s.waiting[maxWaiting-1]].id; last != int64(10+2*maxWaiting-1) {
		t.Errorf("the last waiting is story %d, want the latest", last)
	}
}

// TestAdoptedStoryHandsOnItsWaiting: when a story adopts one that others
// wait on, they wait on the adopter after the stories still waiting there.
func TestAdoptedStoryHandsOnItsWaiting(t *testing.T) {
	g := NewGrouper(Options{})
	at := time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)
	text := "The harbour wall at Brennock collapsed on Monday night after a week of storms, " +
		"flooding the quay and closing the ferry terminal, the port authority said."
	g.Add(Doc{ID: 1, Title: "Harbour wall collapses at Brennock", Text: text, Time: at}, 1)
	g.Add(Doc{ID: 2, Title: "Brennock harbour wall collapses", Text: text, Time: at}, 2)
	g.Add(Doc{ID: 3, Title: "Orchard growers count frost losses", Time: at}, 3)
	g.Add(Doc{ID: 4, Title: "Council approves new cycle lanes", Time: at}, 4)
	s, adopted := g.stories[g.byID[1]], g.stories[g.byID[2]]
	s.waiting = []uint32{g.byID[3], g.byID[2]}
	adopted.waiting = []uint32{g.byID[4]}

	moves := g.adopt(s, noneHeld, nil)
	if len(moves) != 1 || moves[0].From != 2 || moves[0].To != 1 {
		t.Fatalf("moves %+v, want story 2 adopted by story 1", moves)
	}
	var waiting []int64
	for _, seq := range s.waiting {
		waiting = append(waiting, g.stories[seq].id)
	}
	if !slices.Equal(waiting, []int64{3, 4}) {
		t.Errorf("stories waiting on the adopter: %v, want [3 4]", waiting)
	}
}

// TestGatherPartsOfABroadStory places headlines in two stories by hand,
// two each, and revises the second: parts of one story, which share
// their words and a name (the drug, its maker), are gathered into one;
// two events of a kind in other places, which share their words and no
// name, are not, nor two strikes whose only name in common is the
// country they happen in.
func TestGatherPartsOfABroadStory(t *testing.T) {
	at := time.Date(2026, 9, 14, 8, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name     string
		one, two []string
		gathered bool
	}{
		{"one story told by two names",
			[]string{"Regulators order Veltrazine recall after heart study", "Veltrazine users told to see doctors over heart risk"},
			[]string{"Halvorsen shares fall as Veltrazine recall widens", "Halvorsen faces lawsuits over heart risk of recalled pill"},
			true},
		{"two ferry fires",
			[]string{"Ferry fire off Tarrow forces 300 passengers into lifeboats", "Tarrow ferry fire: all 300 passengers rescued"},
			[]string{"Ferry fire near Kelby leaves 40 passengers injured", "Kelby ferry fire: passengers describe their escape"},
			false},
		{"two strikes in one country",
			[]string{"Doctors in Kenya strike over unpaid wages", "Kenya doctors' strike over wages enters second week"},
			[]string{"Teachers in Kenya strike over unpaid wages", "Kenya teachers vow to extend strike over wages"},
			false},
	} {
		g := NewGrouper(Options{})
		next := int64(3)
		newID := func() int64 { next++; return next - 1 }
		id := int64(0)
		doc := func(title string) Doc {
			id++
			return Doc{ID: id, Title: title, Time: at.Add(time.Duration(id) * time.Hour)}
		}
		addAll(g, 1, []Doc{doc(c.one[0]), doc(c.one[1])}, newID, noneHeld)
		moves := addAll(g, 2, []Doc{doc(c.two[0]), doc(c.two[1])}, newID, noneHeld)
		gathered := slices.ContainsFunc(moves, func(mv Move) bool {
			return mv.Articles == nil && (mv.From == 2 && mv.To == 1 || mv.From == 1 && mv.To == 2)
		})
		if gathered != c.gathered {
			t.Errorf("%s: gathered %v, want %v (moves %+v)", c.name, gathered, c.gathered, moves)
		}
	}

	// A saved story keeps its articles: the other is gathered into it,
	// and two saved stories stay as they are.
	one := []string{"Regulators order Veltrazine recall after heart study", "Veltrazine users told to see doctors over heart risk"}
	two := []string{"Halvorsen shares fall as Veltrazine recall widens", "Halvorsen faces lawsuits over heart risk of recalled pill"}
	for _, c := range []struct {
		saved []int64
		want  []Move
	}{
		{[]int64{1}, []Move{{From: 2, To: 1}}},
		{[]int64{2}, []Move{{From: 1, To: 2}}},
		{[]int64{1, 2}, nil},
	} {
		g := NewGrouper(Options{})
		held := func(id int64) bool { return slices.Contains(c.saved, id) }
		newID := func() int64 { t.Fatal("no story should be made"); return 0 }
		for i, title := range append(slices.Clone(one), two...) {
			d := Doc{ID: int64(i + 1), Title: title, Time: at.Add(time.Duration(i) * time.Hour)}
			g.Add(d, int64(i/2+1))
			if mv := g.Revise(newID, held); i < 3 && len(mv) > 0 {
				t.Fatalf("saved %v: moved %+v before the second story had two articles", c.saved, mv)
			} else if i == 3 && fmt.Sprint(mv) != fmt.Sprint(c.want) {
				t.Errorf("saved %v: moves %+v, want %+v", c.saved, mv, c.want)
			}
		}
	}
}

// youngOfParts is a young story of two parts of k members each: two
// members of one part are alike by within, of different parts by across.
func youngOfParts(k int, within, across float64) (y *young, a, b []int) {
	y = &young{members: make([]member, 2*k)}
	for i := range 2 * k {
		for j := range i {
			sim := across
			if (i < k) == (j < k) {
				sim = within
			}
			y.sims = append(y.sims, float32(sim))
		}
		if i < k {
			a = append(a, i)
		} else {
			b = append(b, i)
		}
	}
	return y, a, b
}

// TestLargerPartsSplitOnASmallerGap: two parts of full reports whose link
// is 0.7 of their cohesion are two events once each has several articles,
// not while each has two, and never when the reports are summaries.
func TestLargerPartsSplitOnASmallerGap(t *testing.T) {
	for _, c := range []struct {
		k      int
		length float64
		apart  bool
	}{
		{2, 150, false},
		{3, 150, false},
		{6, 150, true},
		{12, 150, true},
		{6, clashLength - 1, false},
		{12, 40, false},
	} {
		y, a, b := youngOfParts(c.k, 0.5, 0.35)
		if got := twoEvents(y, a, b, c.length); got != c.apart {
			t.Errorf("parts of %d articles of %.0f words, link 0.7 of cohesion: apart %v, want %v", c.k, c.length, got, c.apart)
		}
	}
	// A gap as wide as splitRatio asks tells parts of two apart at any
	// length.
	y, a, b := youngOfParts(2, 0.5, 0.25)
	if !twoEvents(y, a, b, 40) {
		t.Error("parts of two articles, link 0.5 of cohesion, are not apart")
	}
}
