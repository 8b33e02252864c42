package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"parallax/store/story"
)

// docOf is what the grouper sees of an article. Adding and regrouping both
// go through it, so the two place an article alike.
func docOf(a Article) story.Doc {
	return story.Doc{ID: a.ID, Source: a.Source, Title: a.Title, Text: a.Text(), Time: a.Time()}
}

// placement is where assignStory put one article, and the articles that
// placing it moved.
type placement struct {
	doc      story.Doc
	story    int64
	created  bool // the story is new, made for this article
	evidence story.Evidence
	moves    []story.Move
	kept     bool // an article of a saved story, put back in it by a regrouping
}

// storyIDs hands out the IDs of new stories and vouches for existing ones.
// The write lock is held while it is in use, so counting on from the
// highest ID ever given is safe, and new stories can be written later.
type storyIDs struct {
	last  int64
	known map[int64]bool            // stories that exist, or will once written
	check func(int64) (bool, error) // asks the library about others; nil: none exist
	saved func(int64) bool          // whether a story is saved
}

func newStoryIDs(ctx context.Context, tx *sql.Tx) (*storyIDs, error) {
	ids := &storyIDs{known: map[int64]bool{}}
	// AUTOINCREMENT remembers the highest ID ever used, even if deleted.
	err := tx.QueryRowContext(ctx, `SELECT max(
		coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'stories'), 0),
		coalesce((SELECT max(id) FROM stories), 0))`).Scan(&ids.last)
	return ids, err
}

func (ids *storyIDs) exists(id int64) (bool, error) {
	if ids.known[id] {
		return true, nil
	}
	if ids.check == nil {
		return false, nil
	}
	ok, err := ids.check(id)
	if ok {
		ids.known[id] = true
	}
	return ok, err
}

func (ids *storyIDs) allocate() int64 {
	ids.last++
	ids.known[ids.last] = true
	return ids.last
}

// allocateFor is the ID of a story that an article starts: before, the
// story it was in before a regrouping, if no other story has that ID yet,
// else a new one. A regrouping that leaves a story as it was leaves its ID
// too, so that "parallax show 42" still shows it.
func (ids *storyIDs) allocateFor(before int64) int64 {
	if before != 0 && !ids.known[before] {
		ids.known[before] = true
		return before
	}
	return ids.allocate()
}

// assignStory is the one place an article joins a story: the grouper picks
// an existing story or none, a new story is made for none, and the grouper
// learns the decision. A story it starts takes the ID before, if free (see
// allocateFor). The caller writes the placement (see writer) and brings
// the story's title and counters up to date once per batch.
func assignStory(g grouper, ids *storyIDs, d story.Doc, before int64) (placement, error) {
	as := g.Assign(d)
	p := placement{doc: d, story: as.Story, evidence: as.Evidence}
	if p.story != 0 {
		ok, err := ids.exists(p.story)
		if err != nil {
			return p, err
		}
		if !ok {
			// Another process removed it since the grouper learnt of it.
			p.story = 0
		}
	}
	if p.story == 0 {
		p.story, p.created = ids.allocateFor(before), true
	}
	return learn(g, ids, p), nil
}

// learn tells the grouper that p's article is in p's story, and lets it
// revise that story now that it has one more: the moves it makes go with
// the placement.
func learn(g grouper, ids *storyIDs, p placement) placement {
	g.Add(p.doc, p.story)
	if r, ok := g.(reviser); ok {
		p.moves = r.Revise(ids.allocate, ids.saved)
	}
	return p
}

// keepInSaved puts d back in saved story id when the library is regrouped,
// at its own turn among the other articles: the grouper weighs it as it
// would any article then, so that its clock and its word counts move as
// they would have, and the stories d would have joined may merge into the
// saved one; but d stays where the reader saved it.
func keepInSaved(g grouper, ids *storyIDs, d story.Doc, id int64) placement {
	g.Assign(d)
	return learn(g, ids, placement{doc: d, story: id, kept: true})
}

// writer stores placements.
type writer struct {
	create, place, moveAll *sql.Stmt
}

func (s *Store) newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	create, err := s.stmt(ctx, tx, `INSERT INTO stories (id, title, first_seen, updated) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	w := &writer{create: create}
	for _, st := range []struct {
		dst   **sql.Stmt
		query string
	}{
		{&w.place, `UPDATE articles SET story_id = ?, evidence = ? WHERE id = ?`},
		{&w.moveAll, `UPDATE articles SET story_id = ? WHERE story_id = ?`},
	} {
		if *st.dst, err = s.stmt(ctx, tx, st.query); err != nil {
			w.close()
			return nil, err
		}
	}
	return w, nil
}

func (w *writer) close() {
	for _, st := range []*sql.Stmt{w.create, w.place, w.moveAll} {
		if st != nil {
			st.Close()
		}
	}
}

// moveArticles carries out mv: the new story a split makes is written
// first, unless the caller will write new stories itself (withStory
// false); its title and figures are placeholders until the stories a batch
// touched are brought up to date.
func (w *writer) moveArticles(ctx context.Context, mv story.Move, at int64, withStory bool) error {
	if mv.Articles == nil {
		_, err := w.moveAll.ExecContext(ctx, mv.To, mv.From)
		return err
	}
	if mv.NewStory && withStory {
		if _, err := w.create.ExecContext(ctx, mv.To, "", at, at); err != nil {
			return err
		}
	}
	for i, id := range mv.Articles {
		ev, err := json.Marshal(movedEvidence(mv, i))
		if err != nil {
			return fmt.Errorf("evidence of article %d: %w", id, err)
		}
		if _, err := w.place.ExecContext(ctx, mv.To, string(ev), id); err != nil {
			return err
		}
	}
	return nil
}

// movedEvidence is why the i-th article of mv belongs to its new story.
func movedEvidence(mv story.Move, i int) story.Evidence {
	if i < len(mv.Evidence) {
		return mv.Evidence[i]
	}
	return story.Evidence{}
}

// write stores p: the story first when it is new, unless the caller will
// write the new stories itself (withStory false), then the article's place
// and the evidence for it, then the moves placing it made.
func (w *writer) write(ctx context.Context, p placement, withStory bool) error {
	if p.created && withStory {
		t := nanos(p.doc.Time)
		if _, err := w.create.ExecContext(ctx, p.story, p.doc.Title, t, t); err != nil {
			return err
		}
	}
	if !p.kept {
		ev, err := json.Marshal(p.evidence)
		if err != nil {
			return fmt.Errorf("evidence of article %d: %w", p.doc.ID, err)
		}
		if _, err := w.place.ExecContext(ctx, p.story, string(ev), p.doc.ID); err != nil {
			return err
		}
	}
	for _, mv := range p.moves {
		if err := w.moveArticles(ctx, mv, nanos(p.doc.Time), withStory); err != nil {
			return err
		}
	}
	return nil
}

// liveGrouper returns the grouper for adding articles whose times run from
// earliest to latest (Unix nanoseconds). It is built on first use from the
// stories active in the window before the newest one, not from the whole
// library, and learns the stories around older articles when a batch
// brings some: stories it never knew, and stories it has evicted since,
// as a grouper that evicts tells (see forgetter). A first fetch of many
// feeds brings one feed's week of news and then the next one's, whose
// oldest reports belong to stories the first week has pushed out.
func (s *Store) liveGrouper(ctx context.Context, tx *sql.Tx, earliest, latest int64) (grouper, error) {
	window := s.opts.window.Nanoseconds()
	var changes int64
	if err := tx.QueryRowContext(ctx, `SELECT count FROM story_changes`).Scan(&changes); err != nil {
		return nil, err
	}
	if changes != s.changes {
		// The stories have changed since g learnt them: in another
		// process, or here by a purge or a feed removed.
		s.g = nil
	}
	if s.g == nil {
		s.changes = changes
		var newest int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(updated), 0) FROM stories`).Scan(&newest); err != nil {
			return nil, err
		}
		s.g, s.known, s.evictedTo = s.opts.newGrouper(), map[int64]bool{}, math.MinInt64
		s.loadedFrom = min(newest, earliest) - window
		if err := s.loadStories(ctx, tx, s.loadedFrom, math.MaxInt64); err != nil {
			s.g = nil
			return nil, err
		}
		return s.g, nil
	}
	if f, ok := s.g.(forgetter); ok {
		// Stories put back stay until the next eviction moves this on.
		if t := f.HeldSince(); !t.IsZero() && nanos(t) > s.evictedTo {
			s.evictedTo = nanos(t)
			s.loadedFrom = max(s.loadedFrom, s.evictedTo)
		}
	}
	if from := earliest - window; from < s.loadedFrom {
		to := latest + window
		if err := s.loadStories(ctx, tx, from, to); err != nil {
			s.g = nil
			return nil, err
		}
		if to >= s.loadedFrom {
			s.loadedFrom = from
		}
	}
	return s.g, nil
}

// loadStories teaches the grouper the articles of the stories it does not
// hold that were active between from and to, oldest first: those it never
// learnt, and those it learnt and has evicted since, put back.
func (s *Store) loadStories(ctx context.Context, tx *sql.Tx, from, to int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.source, a.title, a.summary, a.content,
		a.published, a.fetched, a.story_id
		FROM stories st JOIN articles a ON a.story_id = st.id
		WHERE st.updated >= ? AND st.first_seen <= ?
		ORDER BY a.at, a.id`, from, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	f, forgets := s.g.(forgetter)
	var learnt []int64
	putBack := map[int64]bool{} // evicted stories, put back while reading
	for rows.Next() {
		var a Article
		var published, fetched int64
		if err := rows.Scan(&a.ID, &a.Source, &a.Title, &a.Summary, &a.Content, &published, &fetched, &a.StoryID); err != nil {
			return err
		}
		a.Published, a.Fetched = fromNanos(published), fromNanos(fetched)
		if putBack[a.StoryID] || forgets && s.known[a.StoryID] && !f.Holds(a.StoryID) {
			putBack[a.StoryID] = true
			f.Recall(docOf(a), a.StoryID)
			continue
		}
		if s.known[a.StoryID] {
			continue
		}
		s.g.Add(docOf(a), a.StoryID)
		learnt = append(learnt, a.StoryID)
	}
	for _, id := range learnt {
		s.known[id] = true
	}
	return rows.Err()
}

// placeNew groups the new articles of one AddBatches call, oldest first.
func (s *Store) placeNew(ctx context.Context, tx *sql.Tx, fresh []Article) ([]int64, error) {
	g, err := s.liveGrouper(ctx, tx, nanos(fresh[0].Time()), nanos(fresh[len(fresh)-1].Time()))
	if err != nil {
		return nil, err
	}
	ids, err := newStoryIDs(ctx, tx)
	if err != nil {
		return nil, err
	}
	exists, err := s.stmt(ctx, tx, `SELECT EXISTS (SELECT 1 FROM stories WHERE id = ?)`)
	if err != nil {
		return nil, err
	}
	defer exists.Close()
	ids.check = func(id int64) (bool, error) {
		var ok bool
		err := exists.QueryRowContext(ctx, id).Scan(&ok)
		return ok, err
	}
	saved, err := s.stmt(ctx, tx, `SELECT EXISTS (SELECT 1 FROM stories WHERE id = ? AND saved = 1)`)
	if err != nil {
		return nil, err
	}
	defer saved.Close()
	// Asked only when the grouper would take articles from a story, and
	// asked of the library, since another process may have saved it.
	ids.saved = func(id int64) bool {
		var ok bool
		if err := saved.QueryRowContext(ctx, id).Scan(&ok); err != nil {
			return true // unsure: keep the story whole
		}
		return ok
	}
	w, err := s.newWriter(ctx, tx)
	if err != nil {
		return nil, err
	}
	defer w.close()
	var touched []int64
	for _, a := range fresh {
		p, err := assignStory(g, ids, docOf(a), 0)
		if err != nil {
			return nil, err
		}
		s.known[p.story] = true
		if err := w.write(ctx, p, true); err != nil {
			return nil, err
		}
		touched = append(touched, p.story)
		for _, mv := range p.moves {
			s.known[mv.To] = true
			touched = append(touched, mv.From, mv.To)
		}
	}
	if s.changes, err = countStoryChange(ctx, tx); err != nil {
		return nil, err
	}
	return touched, nil
}

// countStoryChange counts in the library one more change to which articles
// make which stories, by which every grouper, in this process or another,
// learns that it must learn them again (see liveGrouper), and returns the
// new count.
func countStoryChange(ctx context.Context, tx *sql.Tx) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `UPDATE story_changes SET count = count + 1 RETURNING count`).Scan(&n)
	return n, err
}

// Regroup groups the whole library again, as if every article were added
// one by one, oldest first (by published time, else fetched time). Saved
// stories keep all their articles: each is put back in its saved story at
// its own turn (see keepInSaved), and later articles may still join them.
// Saving a story thus changes no other story, unless articles or stories
// would have joined the saved one's articles. Every other story is made
// anew, under the ID of the story its first article was in where no story
// made before it has taken that ID, so that a story the regrouping leaves
// as it was keeps its ID.
//
// The grouper runs on its own goroutine while this one writes what it
// decides, all in one transaction.
func (s *Store) Regroup(ctx context.Context) error {
	const op = "regroup"
	s.mu.Lock()
	defer s.mu.Unlock()
	// Whatever happens, the live grouper no longer matches the stories.
	s.g = nil
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail(op, err)
	}
	defer tx.Rollback()

	all, members, err := loadForRegroup(ctx, tx)
	if err != nil {
		return s.fail(op, err)
	}
	ids, err := newStoryIDs(ctx, tx)
	if err != nil {
		return s.fail(op, err)
	}
	g := s.opts.newGrouper()
	savedIDs := map[int64]bool{}
	for _, a := range all {
		if a.saved {
			ids.known[a.story] = true
			savedIDs[a.story] = true
		}
	}
	ids.saved = func(id int64) bool { return savedIDs[id] }

	// New stories are written at the end with their final figures, so the
	// articles may point at them before they exist.
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return s.fail(op, err)
	}
	w, err := s.newWriter(ctx, tx)
	if err != nil {
		return s.fail(op, err)
	}
	defer w.close()

	batches := make(chan []placement, 16)
	stop := make(chan struct{})
	go func() {
		defer close(batches)
		const size = 512
		batch := make([]placement, 0, size)
		for i, a := range all {
			if i%1024 == 0 && ctx.Err() != nil {
				return
			}
			var p placement
			if a.saved {
				p = keepInSaved(g, ids, a.doc, a.story)
			} else {
				p, _ = assignStory(g, ids, a.doc, a.story) // ids.check is nil: no error
			}
			batch = append(batch, p)
			if len(batch) == size || i == len(all)-1 {
				select {
				case batches <- batch:
				case <-stop:
					return
				}
				batch = make([]placement, 0, size)
			}
		}
	}()
	byStory := map[int64][]member{}
	placed := 0
	var werr error
	for batch := range batches {
		if werr != nil {
			continue
		}
		for _, p := range batch {
			if werr = w.write(ctx, p, false); werr != nil {
				close(stop)
				break
			}
			m := members[p.doc.ID]
			if !p.kept {
				m.evidence = p.evidence
			}
			byStory[p.story] = append(byStory[p.story], m)
			placed++
			for _, mv := range p.moves {
				moveMembers(byStory, mv)
			}
		}
	}
	if werr != nil {
		return s.fail(op, werr)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if placed != len(all) {
		return fmt.Errorf("%s: placed %d of %d articles", op, placed, len(all))
	}

	if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE saved = 0`); err != nil {
		return s.fail(op, err)
	}
	if err := s.writeRegrouped(ctx, tx, byStory, savedIDs); err != nil {
		return s.fail(op, err)
	}
	if _, err := countStoryChange(ctx, tx); err != nil {
		return s.fail(op, err)
	}
	if err := tx.Commit(); err != nil {
		return s.fail(op, err)
	}
	return nil
}

// moveMembers carries out mv on the members of the stories, by story.
func moveMembers(byStory map[int64][]member, mv story.Move) {
	if mv.Articles == nil {
		byStory[mv.To] = append(byStory[mv.To], byStory[mv.From]...)
		delete(byStory, mv.From)
		return
	}
	from := byStory[mv.From]
	kept := from[:0]
	for _, m := range from {
		if i := slices.Index(mv.Articles, m.id); i >= 0 {
			m.evidence = movedEvidence(mv, i)
			byStory[mv.To] = append(byStory[mv.To], m)
		} else {
			kept = append(kept, m)
		}
	}
	if len(kept) == 0 {
		delete(byStory, mv.From) // its one article was adopted by another
		return
	}
	byStory[mv.From] = kept
}

// stored is an article as a regrouping finds it.
type stored struct {
	doc   story.Doc
	story int64 // the story it is in, 0 for none
	saved bool  // that story is saved
}

// loadForRegroup reads every article oldest first, and what the stories'
// summaries will need of each.
func loadForRegroup(ctx context.Context, tx *sql.Tx) ([]stored, map[int64]member, error) {
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.source, a.title, a.summary, a.content,
		a.published, a.fetched, a.at, a.read, a.evidence, coalesce(a.story_id, 0), coalesce(st.saved, 0)
		FROM articles a LEFT JOIN stories st ON st.id = a.story_id
		ORDER BY a.at, a.id`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var all []stored
	members := map[int64]member{}
	for rows.Next() {
		var a Article
		var published, fetched, at int64
		var inSaved bool
		if err := rows.Scan(&a.ID, &a.Source, &a.Title, &a.Summary, &a.Content, &published, &fetched,
			&at, &a.Read, &a.Evidence, &a.StoryID, &inSaved); err != nil {
			return nil, nil, err
		}
		a.Published, a.Fetched = fromNanos(published), fromNanos(fetched)
		m := member{id: a.ID, at: at, source: a.Source, title: a.Title, read: a.Read}
		if inSaved {
			m.evidence = parseEvidence(a.Evidence)
		}
		all = append(all, stored{docOf(a), a.StoryID, inSaved})
		members[a.ID] = m
	}
	return all, members, rows.Err()
}

// writeRegrouped writes every story's figures after a regroup: saved
// stories are updated, the others inserted.
func (s *Store) writeRegrouped(ctx context.Context, tx *sql.Tx, byStory map[int64][]member, saved map[int64]bool) error {
	insert, err := s.stmt(ctx, tx, `INSERT INTO stories (title, first_seen, updated, articles,
		sources, source_count, unread, evidence, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insert.Close()
	update, err := s.stmt(ctx, tx, updateStory)
	if err != nil {
		return err
	}
	defer update.Close()
	ids := make([]int64, 0, len(byStory))
	for id := range byStory {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		list := byStory[id]
		slices.SortFunc(list, func(a, b member) int {
			if c := cmp.Compare(a.at, b.at); c != 0 {
				return c
			}
			return cmp.Compare(a.id, b.id)
		})
		r := newStoryRow(id)
		for _, m := range list {
			r.add(m)
		}
		v, err := r.values()
		if err != nil {
			return err
		}
		st := insert
		if saved[id] {
			st = update
		}
		if _, err := st.ExecContext(ctx, append(v, id)...); err != nil {
			return err
		}
	}
	return nil
}
