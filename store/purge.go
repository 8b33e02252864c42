package store

import (
	"context"
	"database/sql"
	"os"
	"strconv"
	"time"
)

// purgeExamples is how many of the oldest purged articles a PurgeReport names.
const purgeExamples = 10

// PurgeReport says what a purge removed, or in a dry run would remove.
type PurgeReport struct {
	Before   time.Time // articles placed and stored before this went
	Articles int
	Stories  int       // stories left without articles, which went with them
	Oldest   []Article // headers of the oldest articles that went, oldest first
	Vacuumed bool      // the file was rewritten to give back the space freed
	Bytes    int64     // the library's size on disk afterwards; 0 in a dry run
}

// purgeWhere selects the articles a purge removes: placed (by published
// time, else fetched time) and stored before ?1, outside saved stories.
// Both times count, so that an item a feed still carries with an old date
// is not removed the moment it is stored and brought back at every refresh.
const purgeWhere = `a.at < ?1 AND a.fetched < ?1
	AND NOT EXISTS (SELECT 1 FROM stories st WHERE st.id = a.story_id AND st.saved = 1)`

// Purge removes the articles placed and stored before before, except those
// of saved stories (which keep every article, those that joined later
// included), together with their search entries and the stories they leave
// empty. A dry run only reports what would go. After a purge that left much
// of the file unused, the file is rewritten smaller.
func (s *Store) Purge(ctx context.Context, before time.Time, dryRun bool) (PurgeReport, error) {
	op := "purge articles before " + before.UTC().Format(time.DateOnly)
	rep := PurgeReport{Before: before}
	cut := before.UnixNano()
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return rep, s.fail(op, err)
	}
	defer tx.Rollback()

	doomed, err := int64s(ctx, tx, `SELECT a.id FROM articles a WHERE `+purgeWhere+` ORDER BY a.at, a.id`, cut)
	if err != nil {
		return rep, s.fail(op, err)
	}
	rep.Articles = len(doomed)
	if len(doomed) == 0 {
		if dryRun {
			return rep, nil
		}
		if err := forgetPurged(ctx, tx, cut); err != nil {
			return rep, s.fail(op, err)
		}
		if err := tx.Commit(); err != nil {
			return rep, s.fail(op, err)
		}
		return rep, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+headerColumns+` FROM articles a WHERE `+purgeWhere+`
		ORDER BY a.at, a.id LIMIT ?2`, cut, purgeExamples)
	if err != nil {
		return rep, s.fail(op, err)
	}
	for rows.Next() {
		a, err := scanArticle(rows, false)
		if err != nil {
			rows.Close()
			return rep, s.fail(op, err)
		}
		rep.Oldest = append(rep.Oldest, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return rep, s.fail(op, err)
	}
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM stories st WHERE st.saved = 0
		AND EXISTS (SELECT 1 FROM articles a WHERE a.story_id = st.id)
		AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = st.id AND NOT (a.at < ?1 AND a.fetched < ?1))`,
		cut).Scan(&rep.Stories)
	if err != nil {
		return rep, s.fail(op, err)
	}
	if dryRun {
		return rep, nil
	}

	touched, err := int64s(ctx, tx, `SELECT DISTINCT a.story_id FROM articles a
		WHERE `+purgeWhere+` AND a.story_id IS NOT NULL`, cut)
	if err != nil {
		return rep, s.fail(op, err)
	}
	if err := rememberPurged(ctx, tx, doomed, cut); err != nil {
		return rep, s.fail(op, err)
	}
	if err := ftsForget(ctx, tx, doomed); err != nil {
		return rep, s.fail(op, err)
	}
	err = inChunks(doomed, func(marks string, args []any) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id IN (`+marks+`)`, args...)
		return err
	})
	if err != nil {
		return rep, s.fail(op, err)
	}
	if err := s.refreshStories(ctx, tx, touched); err != nil {
		return rep, s.fail(op, err)
	}
	if _, err := countStoryChange(ctx, tx); err != nil {
		return rep, s.fail(op, err)
	}
	if err := tx.Commit(); err != nil {
		return rep, s.fail(op, err)
	}
	if rep.Vacuumed, err = s.vacuumIfSparse(ctx); err != nil {
		return rep, s.fail(op, err)
	}
	rep.Bytes = s.diskSize()
	return rep, nil
}

// purgedItemKey is Article.ItemKey in SQL, over a link l of article a to a feed.
const purgedItemKey = `CASE WHEN l.guid <> '' THEN 'g:' || l.guid
	WHEN a.url <> '' THEN 'u:' || a.url ELSE 't:' || a.title END`

// forgetPurged forgets the purged items no feed has carried since cut:
// they will not come back.
func forgetPurged(ctx context.Context, tx *sql.Tx, cut int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM purged WHERE seen < ?`, cut)
	return err
}

// rememberPurged notes the items the doomed articles were in their feeds,
// so that refreshes do not store them again, and forgets those no feed
// carries any more.
func rememberPurged(ctx context.Context, tx *sql.Tx, doomed []int64, cut int64) error {
	if err := forgetPurged(ctx, tx, cut); err != nil {
		return err
	}
	now := time.Now().UnixNano()
	return inChunks(doomed, func(marks string, args []any) error {
		_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO purged (feed_id, item, seen)
			SELECT l.feed_id, `+purgedItemKey+`, `+strconv.FormatInt(now, 10)+`
			FROM article_feeds l JOIN articles a ON a.id = l.article_id
			WHERE l.article_id IN (`+marks+`)`, args...)
		return err
	})
}

// sparseShare is the share of the file's pages that must lie unused before
// a purge rewrites it: rewriting costs a full copy, worth it only when much
// would be given back.
const sparseShare = 0.25

// vacuumIfSparse rewrites the library when more than sparseShare of its
// pages are free, first merging the search index's segments, which frees
// the pages of the entries deleted from it.
func (s *Store) vacuumIfSparse(ctx context.Context) (bool, error) {
	free, pages, err := s.pageCounts(ctx)
	if err != nil {
		return false, err
	}
	if pages == 0 || float64(free) <= sparseShare*float64(pages) {
		return false, nil
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('optimize')`); err != nil {
		return false, err
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM`); err != nil {
		return false, err
	}
	// Fold the rewrite back into the file, so that its size shows the gain.
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return true, err
	}
	return true, nil
}

func (s *Store) pageCounts(ctx context.Context) (free, pages int64, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT freelist_count FROM pragma_freelist_count),
		(SELECT page_count FROM pragma_page_count)`).Scan(&free, &pages)
	return free, pages, err
}

// diskSize is the size of the library's file and its write-ahead log.
func (s *Store) diskSize() int64 {
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(s.path + suffix); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// Size reports the bytes the library takes on disk, its write-ahead log
// included.
func (s *Store) Size() int64 { return s.diskSize() }
