package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// FullText is what extraction found on an article's own page. Markdown
// becomes the article's content; the rest fills in only what the feed left
// out.
type FullText struct {
	Markdown  string
	Title     string
	Author    string
	Published time.Time
	Image     string // the lead image's URL
}

// FullTextJob is one article waiting for the text of its page.
type FullTextJob struct {
	ArticleID int64
	StoryID   int64
	URL       string
	Attempts  int // failed tries so far
}

// FullTextQuery selects articles that want the text of their page: those
// without full text, with a web address, whose next try is due. The fields
// narrow the selection; left at zero, every such article qualifies.
type FullTextQuery struct {
	Articles []int64 // only these articles
	Story    int64   // only the articles of this story
	// MinSources keeps the articles of stories told by at least this many
	// sources; saved stories qualify whatever their number of sources.
	MinSources int
	SavedOnly  bool      // only the articles of saved stories
	Due        time.Time // the time the next tries are compared with; zero: now
	// Now takes the pages waiting to be tried again after a failure at
	// once, as a reader who saves a story asks: the waits spare a server
	// the tries made unasked. A page given up on stays so.
	Now   bool
	Limit int // at most this many, newest first; 0: no limit
}

// FullTextState is where an article's full text stands.
type FullTextState struct {
	FullText bool
	Attempts int       // failed tries since the last success
	Next     time.Time // the next try is not made before this; zero: whenever asked, or never once Attempts reaches FullTextMaxAttempts
	Err      string    // why the last try failed
}

// FullTextMaxAttempts is how many times a page is tried before parallax
// stops asking for it: by then the retries have spanned about five days.
const FullTextMaxAttempts = 10

// Retries wait fullTextFirstRetry after the first failure, twice as long
// after each further one, and never longer than fullTextMaxRetry.
const (
	fullTextFirstRetry = 15 * time.Minute
	fullTextMaxRetry   = 48 * time.Hour
)

// FullTextBackoff is how long to wait before trying a page again after
// attempts failed tries: exponential, so that a page that is down, or a
// reader who is offline, costs a few requests rather than one per refresh.
func FullTextBackoff(attempts int) time.Duration {
	if attempts <= 1 {
		return fullTextFirstRetry
	}
	if attempts > 20 {
		return fullTextMaxRetry
	}
	return min(fullTextFirstRetry<<(attempts-1), fullTextMaxRetry)
}

// FullTextQueue lists the articles q selects, newest first.
func (s *Store) FullTextQueue(ctx context.Context, q FullTextQuery) ([]FullTextJob, error) {
	const op = "list articles wanting full text"
	due := q.Due
	if due.IsZero() {
		due = time.Now()
	}
	where := []string{"a.full_text = 0", "a.url <> ''",
		"(a.url LIKE 'http://%' OR a.url LIKE 'https://%')", "a.fulltext_attempts < ?"}
	args := []any{FullTextMaxAttempts}
	if !q.Now {
		where = append(where, "a.fulltext_next <= ?")
		args = append(args, due.UnixNano())
	}
	if q.Story != 0 {
		where = append(where, "a.story_id = ?")
		args = append(args, q.Story)
	}
	if q.MinSources > 1 {
		where = append(where, "(coalesce(st.source_count, 0) >= ? OR coalesce(st.saved, 0) = 1)")
		args = append(args, q.MinSources)
	}
	if q.SavedOnly {
		where = append(where, "coalesce(st.saved, 0) = 1")
	}
	limit := -1
	if q.Limit > 0 {
		limit = q.Limit
	}
	query := `SELECT a.id, coalesce(a.story_id, 0), a.url, a.fulltext_attempts
		FROM articles a LEFT JOIN stories st ON st.id = a.story_id
		WHERE ` + strings.Join(where, " AND ")
	var out []FullTextJob
	scan := func(rows *sql.Rows) error {
		defer rows.Close()
		for rows.Next() {
			var j FullTextJob
			if err := rows.Scan(&j.ArticleID, &j.StoryID, &j.URL, &j.Attempts); err != nil {
				return err
			}
			out = append(out, j)
		}
		return rows.Err()
	}
	if q.Articles == nil {
		rows, err := s.db.QueryContext(ctx, query+` ORDER BY a.at DESC, a.id DESC LIMIT ?`, append(args, limit)...)
		if err != nil {
			return nil, s.fail(op, err)
		}
		if err := scan(rows); err != nil {
			return nil, s.fail(op, err)
		}
		return out, nil
	}
	err := inChunks(q.Articles, func(marks string, ids []any) error {
		rows, err := s.db.QueryContext(ctx, query+` AND a.id IN (`+marks+`) ORDER BY a.at DESC, a.id DESC`,
			append(append([]any{}, args...), ids...)...)
		if err != nil {
			return err
		}
		return scan(rows)
	})
	if err != nil {
		return nil, s.fail(op, err)
	}
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

// SetFullText stores the text of an article's page as its content, beside
// the feed's summary, and marks it full text. The page's title, author,
// date and lead image are taken only where the article has none. The
// search index and the story's figures follow.
func (s *Store) SetFullText(ctx context.Context, articleID int64, ft FullText) error {
	op := fmt.Sprintf("store full text of article %d", articleID)
	if strings.TrimSpace(ft.Markdown) == "" {
		return fmt.Errorf("%s: no text", op)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail(op, err)
	}
	defer tx.Rollback()
	var old indexedText
	var author, image string
	var published int64
	var storyID sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT title, author, summary, content, source, published, image, story_id
		FROM articles WHERE id = ?`, articleID).Scan(&old.title, &author, &old.summary, &old.content, &old.source,
		&published, &image, &storyID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	if err != nil {
		return s.fail(op, err)
	}
	old.id = articleID
	title := old.title
	if strings.TrimSpace(title) == "" {
		title = ft.Title
	}
	if strings.TrimSpace(author) == "" {
		author = ft.Author
	}
	newPublished := published
	if published == 0 && !ft.Published.IsZero() {
		newPublished = nanos(ft.Published)
	}
	if image == "" {
		image = ft.Image
	}
	if err := ftsForgetText(ctx, tx, []indexedText{old}); err != nil {
		return s.fail(op, err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE articles SET content = ?1, full_text = 1, title = ?2, author = ?3,
		published = ?4, at = CASE WHEN ?4 <> 0 THEN ?4 ELSE fetched END, image = ?5,
		fulltext_attempts = 0, fulltext_next = 0, fulltext_error = ''
		WHERE id = ?6`, ft.Markdown, title, author, newPublished, image, articleID)
	if err != nil {
		return s.fail(op, err)
	}
	if err := ftsIndex(ctx, tx, []int64{articleID}); err != nil {
		return s.fail(op, err)
	}
	if storyID.Valid && (title != old.title || newPublished != published) {
		if err := s.refreshStories(ctx, tx, []int64{storyID.Int64}); err != nil {
			return s.fail(op, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return s.fail(op, err)
	}
	return nil
}

// FullTextFailed records a failed try at an article's page and returns when
// the next try is due: after FullTextBackoff, or the zero time, meaning
// never, once the article has failed FullTextMaxAttempts times.
func (s *Store) FullTextFailed(ctx context.Context, articleID int64, reason string, now time.Time) (time.Time, error) {
	op := fmt.Sprintf("record full text failure of article %d", articleID)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return time.Time{}, s.fail(op, err)
	}
	defer tx.Rollback()
	var attempts int
	err = tx.QueryRowContext(ctx, `SELECT fulltext_attempts FROM articles WHERE id = ?`, articleID).Scan(&attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	if err != nil {
		return time.Time{}, s.fail(op, err)
	}
	attempts++
	next := now.Add(FullTextBackoff(attempts))
	stored := nanos(next)
	if attempts >= FullTextMaxAttempts {
		next, stored = time.Time{}, math.MaxInt64
	}
	_, err = tx.ExecContext(ctx, `UPDATE articles SET fulltext_attempts = ?, fulltext_next = ?, fulltext_error = ?
		WHERE id = ?`, attempts, stored, reason, articleID)
	if err != nil {
		return time.Time{}, s.fail(op, err)
	}
	if err := tx.Commit(); err != nil {
		return time.Time{}, s.fail(op, err)
	}
	return next, nil
}

// FullTextStatus says whether an article has its full text and, if not,
// how the tries at its page went.
func (s *Store) FullTextStatus(ctx context.Context, articleID int64) (FullTextState, error) {
	op := fmt.Sprintf("full text state of article %d", articleID)
	var st FullTextState
	var next int64
	err := s.db.QueryRowContext(ctx, `SELECT full_text, fulltext_attempts, fulltext_next, fulltext_error
		FROM articles WHERE id = ?`, articleID).Scan(&st.FullText, &st.Attempts, &next, &st.Err)
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	if err != nil {
		return st, s.fail(op, err)
	}
	if next != math.MaxInt64 {
		st.Next = fromNanos(next)
	}
	return st, nil
}
