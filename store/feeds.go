package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

const feedColumns = `f.id, f.url, f.title, f.title_from <> 0, f.site_url, f.etag, f.last_modified, f.last_fetch,
	f.last_error, f.retry_after, (SELECT count(*) FROM article_feeds l WHERE l.feed_id = f.id)`

// Where a feed's title came from, as the feeds table's title_from keeps
// it (see migrations/0008_feed_title_from.sql).
const (
	titleFromFeed    = 0 // the feed's own, brought up to date by each fetch
	titleFromUser    = 1 // a name the user gave, kept
	titleFromUnknown = 2 // either: kept from before the two were told apart, or imported from OPML
)

func scanFeed(row interface{ Scan(...any) error }) (Feed, error) {
	var f Feed
	var last, retry int64
	err := row.Scan(&f.ID, &f.URL, &f.Title, &f.Named, &f.SiteURL, &f.ETag, &f.LastModified, &last, &f.LastError,
		&retry, &f.Articles)
	f.LastFetch, f.RetryAfter = fromNanos(last), fromNanos(retry)
	return f, err
}

// checkFeedURL accepts the kinds of URL a feed can be read from.
func checkFeedURL(raw string) error {
	if strings.TrimSpace(raw) == "" {
		return errors.New("empty feed URL")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("feed URL %q: %w", raw, err)
	}
	switch u.Scheme {
	case "http", "https", "file":
		return nil
	}
	return fmt.Errorf("feed URL %q: scheme must be http, https or file", raw)
}

// AddFeed subscribes to f.URL and returns the stored feed, left alone until
// f.RetryAfter when its server asked to be. Adding a URL that is already
// subscribed returns the existing feed, giving it f.Title only when it had
// no title yet: importing a list again, or an old export of this library's
// own, leaves the feeds it holds as they are rather than set back names
// the feeds have since changed.
func (s *Store) AddFeed(ctx context.Context, f Feed) (Feed, error) {
	feed, _, err := s.Subscribe(ctx, f)
	return feed, err
}

// Subscribe is AddFeed that also reports whether the feed is new to the
// library, so that adding one twice can say it was there already.
func (s *Store) Subscribe(ctx context.Context, f Feed) (Feed, bool, error) {
	if err := checkFeedURL(f.URL); err != nil {
		return Feed{}, false, fmt.Errorf("add feed: %w", err)
	}
	from := titleFromFeed
	if f.Named && f.Title != "" {
		from = titleFromUser
		if f.MaybeOwn {
			from = titleFromUnknown
		}
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO feeds (url, title, title_from, site_url, retry_after)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING`, f.URL, f.Title, from, f.SiteURL, nanos(f.RetryAfter))
	var added int64
	if err == nil {
		added, err = res.RowsAffected()
	}
	if err == nil && added == 0 && f.Title != "" {
		_, err = s.db.ExecContext(ctx, `UPDATE feeds SET title = ?1, title_from = ?2 WHERE url = ?3 AND title = ''`,
			f.Title, from, f.URL)
	}
	if err != nil {
		return Feed{}, false, s.fail("add feed "+f.URL, err)
	}
	feed, err := s.FeedByURL(ctx, f.URL)
	return feed, added == 1, err
}

// FeedByURL returns the feed subscribed at url, or ErrNotFound.
func (s *Store) FeedByURL(ctx context.Context, url string) (Feed, error) {
	f, err := scanFeed(s.db.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds f WHERE f.url = ?`, url))
	if errors.Is(err, sql.ErrNoRows) {
		return Feed{}, fmt.Errorf("feed %s: %w", url, ErrNotFound)
	}
	if err != nil {
		return Feed{}, s.fail("feed "+url, err)
	}
	return f, nil
}

// Feeds lists the subscriptions in the order they were added, each with the
// number of articles it has brought in.
func (s *Store) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds f ORDER BY f.id`)
	if err != nil {
		return nil, s.fail("list feeds", err)
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, s.fail("list feeds", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("list feeds", err)
	}
	return out, nil
}

// RecordFetch stores what a fetch of feed id learned. The title a feed
// gives replaces the one it gave before, so a feed that renames itself is
// shown under its new name, while a name the user gave stays (and so does
// a title kept from a library that did not tell the two apart, until the
// feed is found giving that very title); a failed fetch changes no title.
// Validators and the site URL are kept when a fetch brings none (a 304 or
// a failure). MovedTo replaces the stored URL after a permanent redirect.
// RetryAfter replaces the time the server asked to be left alone until.
func (s *Store) RecordFetch(ctx context.Context, feedID int64, rec FetchRecord) error {
	op := fmt.Sprintf("record fetch of feed %d", feedID)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail(op, err)
	}
	defer tx.Rollback()
	var current, oldTitle string
	err = tx.QueryRowContext(ctx, `SELECT url, title FROM feeds WHERE id = ?`, feedID).Scan(&current, &oldTitle)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	if err != nil {
		return s.fail(op, err)
	}
	newURL := current
	if rec.MovedTo != "" && rec.MovedTo != current {
		if err := checkFeedURL(rec.MovedTo); err != nil {
			return fmt.Errorf("%s: moved: %w", op, err)
		}
		var other int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM feeds WHERE url = ?`, rec.MovedTo).Scan(&other)
		if err == nil {
			return fmt.Errorf("%s: %s moved to %s, which is already subscribed", op, current, rec.MovedTo)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return s.fail(op, err)
		}
		newURL = rec.MovedTo
	}
	var newTitle string
	err = tx.QueryRowContext(ctx, `UPDATE feeds SET
		url = ?1,
		title = CASE WHEN ?2 <> '' AND ?7 = '' AND (title = '' OR title_from = ?10) THEN ?2 ELSE title END,
		title_from = CASE WHEN ?2 <> '' AND ?7 = '' AND (title = '' OR (title_from = ?11 AND title = ?2)) THEN ?10
			ELSE title_from END,
		site_url = CASE WHEN ?3 <> '' THEN ?3 ELSE site_url END,
		etag = CASE WHEN ?4 <> '' THEN ?4 ELSE etag END,
		last_modified = CASE WHEN ?5 <> '' THEN ?5 ELSE last_modified END,
		last_fetch = ?6,
		last_error = ?7,
		retry_after = ?8
		WHERE id = ?9 RETURNING title`,
		newURL, rec.Title, rec.SiteURL, rec.ETag, rec.LastModified, nanos(rec.When), rec.Err, nanos(rec.RetryAfter), feedID,
		titleFromFeed, titleFromUnknown).Scan(&newTitle)
	if err != nil {
		return s.fail(op, err)
	}
	if oldTitle != "" && newTitle != oldTitle {
		if err := s.renameSource(ctx, tx, feedID, oldTitle, newTitle); err != nil {
			return s.fail(op, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return s.fail(op, err)
	}
	return nil
}

// renameSource credits to the feed's new title the articles of feedID
// that carry its old one, with their search entries and the sources of
// their stories: a feed that renames itself is one outlet, not two in
// each story that spans the change. An article another outlet's feed
// brought under that outlet's name keeps it.
func (s *Store) renameSource(ctx context.Context, tx *sql.Tx, feedID int64, from, to string) error {
	rows, err := tx.QueryContext(ctx, `SELECT a.id, coalesce(a.story_id, 0) FROM articles a
		JOIN article_feeds l ON l.article_id = a.id WHERE l.feed_id = ? AND a.source = ?`, feedID, from)
	if err != nil {
		return err
	}
	var ids, stories []int64
	for rows.Next() {
		var id, storyID int64
		if err := rows.Scan(&id, &storyID); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
		if storyID != 0 {
			stories = append(stories, storyID)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return err
	}
	if err := ftsForget(ctx, tx, ids); err != nil {
		return err
	}
	err = inChunks(ids, func(marks string, args []any) error {
		_, err := tx.ExecContext(ctx, `UPDATE articles SET source = ? WHERE id IN (`+marks+`)`, append([]any{to}, args...)...)
		return err
	})
	if err != nil {
		return err
	}
	if err := ftsIndex(ctx, tx, ids); err != nil {
		return err
	}
	return s.refreshStories(ctx, tx, stories)
}

// RemoveFeed unsubscribes from url. Its articles go, with the stories they
// leave empty and their search entries, except those another feed also
// brought, those in saved stories, which the reader chose to keep, and
// those the library held before the feed brought them too (imported from
// a file, or kept from a feed removed before).
func (s *Store) RemoveFeed(ctx context.Context, url string) error {
	op := "remove feed " + url
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail(op, err)
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM feeds WHERE url = ?`, url).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	if err != nil {
		return s.fail(op, err)
	}
	touched, err := int64s(ctx, tx, `SELECT DISTINCT a.story_id FROM article_feeds l
		JOIN articles a ON a.id = l.article_id
		WHERE l.feed_id = ? AND a.story_id IS NOT NULL`, id)
	if err != nil {
		return s.fail(op, err)
	}
	doomed, err := int64s(ctx, tx, `SELECT l.article_id FROM article_feeds l
		JOIN articles a ON a.id = l.article_id
		LEFT JOIN stories st ON st.id = a.story_id
		WHERE l.feed_id = ?1 AND coalesce(st.saved, 0) = 0 AND a.feed_id IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM article_feeds o WHERE o.article_id = l.article_id AND o.feed_id <> ?1)`, id)
	if err != nil {
		return s.fail(op, err)
	}
	if err := ftsForget(ctx, tx, doomed); err != nil {
		return s.fail(op, err)
	}
	err = inChunks(doomed, func(marks string, args []any) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id IN (`+marks+`)`, args...)
		return err
	})
	if err != nil {
		return s.fail(op, err)
	}
	// What stays (shared with another feed, or saved) now belongs to
	// another feed that brought it, else to none.
	_, err = tx.ExecContext(ctx, `UPDATE articles SET feed_id = (SELECT min(o.feed_id) FROM article_feeds o
		WHERE o.article_id = articles.id AND o.feed_id <> ?1)
		WHERE feed_id = ?1`, id)
	if err != nil {
		return s.fail(op, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?`, id); err != nil {
		return s.fail(op, err)
	}
	if err := s.refreshStories(ctx, tx, touched); err != nil {
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
