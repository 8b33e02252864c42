package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

const storyColumns = `st.id, st.title, st.first_seen, st.updated, st.articles, st.sources,
	st.unread, st.saved, st.evidence`

func scanStory(row interface{ Scan(...any) error }) (Story, error) {
	var st Story
	var first, updated int64
	var sources string
	err := row.Scan(&st.ID, &st.Title, &first, &updated, &st.Count, &sources, &st.Unread, &st.Saved, &st.Evidence)
	if err != nil {
		return st, err
	}
	st.FirstSeen, st.Updated = fromNanos(first), fromNanos(updated)
	if err := json.Unmarshal([]byte(sources), &st.Sources); err != nil {
		return st, fmt.Errorf("story %d: sources: %w", st.ID, err)
	}
	return st, nil
}

// Stories lists the stories q selects, most recently updated first. Every
// figure comes from the stories table, so a page costs the same however
// large the library is; WithArticles adds one query for the whole page.
// A query selects the stories with an article that holds each of its
// words in its title, text or source, so an outlet's name finds the
// stories it tells, and "Ledger harbour" those in which The Ledger's
// article speaks of the harbour.
func (s *Store) Stories(ctx context.Context, q StoryQuery) ([]Story, error) {
	const op = "list stories"
	where := []string{"st.articles > 0"}
	var args []any
	if q.SavedOnly {
		where = append(where, "st.saved = 1")
	}
	if q.MinSources > 1 {
		where = append(where, "st.source_count >= ?")
		args = append(args, q.MinSources)
	}
	if strings.TrimSpace(q.Query) != "" {
		match := ftsQuery(q.Query)
		if match == "" {
			return nil, nil
		}
		where = append(where, `st.id IN (SELECT `+matchingStories+`)`)
		args = append(args, match)
	}
	limit := -1
	if q.Limit > 0 {
		limit = q.Limit
	}
	args = append(args, limit, max(q.Offset, 0))
	rows, err := s.db.QueryContext(ctx, `SELECT `+storyColumns+` FROM stories st
		WHERE `+strings.Join(where, " AND ")+`
		ORDER BY st.updated DESC, st.id DESC LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	var out []Story
	for rows.Next() {
		st, err := scanStory(rows)
		if err != nil {
			return nil, s.fail(op, err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(op, err)
	}
	rows.Close()
	if q.WithArticles && len(out) > 0 {
		if err := s.fillHeaders(ctx, out); err != nil {
			return nil, s.fail(op, err)
		}
	}
	return out, nil
}

// CountStories counts the stories Stories lists when it is given no
// filter, all its pages. Stories leaves out a story with no articles,
// which only a saved story can be (Check refuses an unsaved one), so the
// count is of every story but those: the first from the index by time
// alone, which SQLite counts without reading a row (some 80 µs on a
// library of 40,000 stories, 40 ms with nothing of the file cached), the
// second from the saved stories' index.
func (s *Store) CountStories(ctx context.Context) (int, error) {
	// The count walks an index whose pages lie all over the file. Read
	// through the memory map, each page would map its neighbours too and
	// leave tens of megabytes of a large library resident for one number,
	// so this connection reads it unmapped.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, s.fail("count stories", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 0"); err != nil {
		return 0, s.fail("count stories", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA mmap_size = "+strconv.Itoa(mmapSize))
	var n int
	err = conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM stories) -
		(SELECT count(*) FROM stories WHERE saved = 1 AND articles = 0)`).Scan(&n)
	if err != nil {
		return 0, s.fail("count stories", err)
	}
	return n, nil
}

// StoryHeadlines are the headlines of the articles of each of the stories
// ids, oldest first: for a list that finds a story by any of them and
// needs nothing else of its articles.
func (s *Store) StoryHeadlines(ctx context.Context, ids []int64) (map[int64][]string, error) {
	out := make(map[int64][]string, len(ids))
	err := s.eachStoryArticle(ctx, ids, `a.story_id, a.title`, func(rows *sql.Rows) error {
		var id int64
		var title string
		if err := rows.Scan(&id, &title); err != nil {
			return err
		}
		out[id] = append(out[id], title)
		return nil
	})
	if err != nil {
		return nil, s.fail("story headlines", err)
	}
	return out, nil
}

// fillHeaders gives each story the headers of its articles, oldest first.
func (s *Store) fillHeaders(ctx context.Context, list []Story) error {
	at := make(map[int64]int, len(list))
	ids := make([]int64, len(list))
	for i, st := range list {
		at[st.ID] = i
		ids[i] = st.ID
	}
	return s.eachStoryArticle(ctx, ids, headerColumns, func(rows *sql.Rows) error {
		a, err := scanArticle(rows, false)
		if err != nil {
			return err
		}
		i := at[a.StoryID]
		list[i].Articles = append(list[i].Articles, a)
		return nil
	})
}

// eachStoryArticle calls each with a row of columns (of articles a) for
// every article of the stories ids, story by story and oldest first.
func (s *Store) eachStoryArticle(ctx context.Context, ids []int64, columns string, each func(*sql.Rows) error) error {
	return inChunks(ids, func(marks string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT `+columns+` FROM articles a
			WHERE a.story_id IN (`+marks+`) ORDER BY a.story_id, a.at, a.id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := each(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// matchingStories selects, after SELECT, the stories of the articles that
// match the full-text query given as its parameter.
const matchingStories = `a.story_id FROM articles_fts
	JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?`

// StoriesMatching returns the IDs of the stories that StoryQuery{Query: q}
// finds (an article's title, text or source holds every word of q), in no
// order: a list that has its stories already asks only which match.
func (s *Store) StoriesMatching(ctx context.Context, q string) ([]int64, error) {
	match := ftsQuery(q)
	if match == "" {
		return nil, nil
	}
	ids, err := int64s(ctx, s.db, `SELECT DISTINCT `+matchingStories, match)
	if err != nil {
		return nil, s.fail("stories matching "+strings.TrimSpace(q), err)
	}
	return ids, nil
}

// Story returns one story with the headers of all its articles, or ErrNotFound.
func (s *Store) Story(ctx context.Context, id int64) (Story, error) {
	op := fmt.Sprintf("story %d", id)
	st, err := scanStory(s.db.QueryRowContext(ctx, `SELECT `+storyColumns+` FROM stories st WHERE st.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Story{}, fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	if err != nil {
		return Story{}, s.fail(op, err)
	}
	list := []Story{st}
	if err := s.fillHeaders(ctx, list); err != nil {
		return Story{}, s.fail(op, err)
	}
	return list[0], nil
}

// StoryArticles returns a story's articles with their full text, oldest
// first, or ErrNotFound when there is no such story.
func (s *Store) StoryArticles(ctx context.Context, id int64) ([]Article, error) {
	op := fmt.Sprintf("articles of story %d", id)
	rows, err := s.db.QueryContext(ctx, `SELECT `+fullColumns+` FROM articles a
		WHERE a.story_id = ? ORDER BY a.at, a.id`, id)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		a, err := scanArticle(rows, true)
		if err != nil {
			return nil, s.fail(op, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(op, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	return out, nil
}

// SetStoryRead marks every article of a story read or unread.
func (s *Store) SetStoryRead(ctx context.Context, storyID int64, read bool) error {
	op := fmt.Sprintf("mark story %d", storyID)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail(op, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET read = ?1 WHERE story_id = ?2 AND read <> ?1`, read, storyID); err != nil {
		return s.fail(op, err)
	}
	found, err := recountUnread(ctx, tx, storyID)
	if err != nil {
		return s.fail(op, err)
	}
	if !found {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	if err := tx.Commit(); err != nil {
		return s.fail(op, err)
	}
	return nil
}

// StoryOf returns the story that holds article articleID now, without its
// articles, or ErrNotFound. Grouping may move a young story's articles to
// another story, and a reader showing one follows it there.
func (s *Store) StoryOf(ctx context.Context, articleID int64) (Story, error) {
	op := fmt.Sprintf("story of article %d", articleID)
	st, err := scanStory(s.db.QueryRowContext(ctx, `SELECT `+storyColumns+`
		FROM articles a JOIN stories st ON st.id = a.story_id WHERE a.id = ?`, articleID))
	if errors.Is(err, sql.ErrNoRows) {
		return Story{}, fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	if err != nil {
		return Story{}, s.fail(op, err)
	}
	return st, nil
}

// SetSaved saves a story, keeping its articles through feed removal and
// regrouping, or lets it go again.
func (s *Store) SetSaved(ctx context.Context, storyID int64, saved bool) error {
	op := fmt.Sprintf("save story %d", storyID)
	if !saved {
		op = "un" + op
	}
	r, err := s.db.ExecContext(ctx, `UPDATE stories SET saved = ? WHERE id = ?`, saved, storyID)
	if err != nil {
		return s.fail(op, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	return nil
}

// Counts is the size of the library at a glance.
type Counts struct {
	Feeds    int
	Articles int
	Unread   int // unread articles
	Stories  int
	Saved    int // saved stories
}

// Counts returns how many feeds, articles and stories the library holds.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM feeds),
		(SELECT count(*) FROM articles),
		(SELECT coalesce(sum(unread), 0) FROM stories),
		(SELECT count(*) FROM stories),
		(SELECT count(*) FROM stories WHERE saved = 1)`).Scan(&c.Feeds, &c.Articles, &c.Unread, &c.Stories, &c.Saved)
	if err != nil {
		return Counts{}, s.fail("count library", err)
	}
	return c, nil
}
