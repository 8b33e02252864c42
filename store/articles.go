package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"time"
)

// headerColumns are an article without its text, which lists do not need.
const headerColumns = `a.id, coalesce(a.feed_id, 0), a.source, a.url, a.guid, a.title, a.author,
	a.published, a.fetched, a.full_text, a.read, coalesce(a.story_id, 0), a.evidence`

const fullColumns = headerColumns + `, a.summary, a.content, a.image`

func scanArticle(row interface{ Scan(...any) error }, full bool, extra ...any) (Article, error) {
	var a Article
	var published, fetched int64
	dest := []any{&a.ID, &a.FeedID, &a.Source, &a.URL, &a.GUID, &a.Title, &a.Author,
		&published, &fetched, &a.FullText, &a.Read, &a.StoryID, &a.Evidence}
	if full {
		dest = append(dest, &a.Summary, &a.Content, &a.Image)
	}
	err := row.Scan(append(dest, extra...)...)
	a.Published = fromNanos(published)
	a.Fetched = fromNanos(fetched)
	return a, err
}

// Article returns one article with its full text, or ErrNotFound.
func (s *Store) Article(ctx context.Context, id int64) (Article, error) {
	a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+fullColumns+` FROM articles a WHERE a.id = ?`, id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return Article{}, fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Article{}, s.fail(fmt.Sprintf("article %d", id), err)
	}
	return a, nil
}

// SetRead marks one article read or unread.
func (s *Store) SetRead(ctx context.Context, articleID int64, read bool) error {
	op := fmt.Sprintf("mark article %d", articleID)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail(op, err)
	}
	defer tx.Rollback()
	var storyID sql.NullInt64
	err = tx.QueryRowContext(ctx, `UPDATE articles SET read = ? WHERE id = ? RETURNING story_id`, read, articleID).Scan(&storyID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	if err != nil {
		return s.fail(op, err)
	}
	if storyID.Valid {
		if _, err := recountUnread(ctx, tx, storyID.Int64); err != nil {
			return s.fail(op, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return s.fail(op, err)
	}
	return nil
}

// recountUnread sets the unread count of story storyID from its articles,
// and reports whether there is such a story.
func recountUnread(ctx context.Context, tx *sql.Tx, storyID int64) (bool, error) {
	r, err := tx.ExecContext(ctx, `UPDATE stories SET unread =
		(SELECT count(*) FROM articles WHERE story_id = ?1 AND read = 0) WHERE id = ?1`, storyID)
	if err != nil {
		return false, err
	}
	n, err := r.RowsAffected()
	return n > 0, err
}

// AddArticles stores a batch of articles from feed feedID (0 for imported
// files) in one transaction and groups the new ones into stories. An
// article is known by its GUID within the feed, else by its URL; an
// article another feed already brought is linked to this feed as well. A
// known article whose title or text changed is updated in place and keeps
// its read state and story. Adding the same batch twice adds nothing.
func (s *Store) AddArticles(ctx context.Context, feedID int64, list []Article) (AddResult, error) {
	res, err := s.AddBatches(ctx, []Batch{{FeedID: feedID, Articles: list}})
	return res[0], err
}

// Batch is the articles of one feed, or of one imported file (FeedID 0).
type Batch struct {
	FeedID   int64
	Articles []Article
}

// AddBatches is AddArticles for several batches at once, such as the feeds
// of one refresh or the files of one import: one transaction, and the new
// articles of all of them grouped together oldest first, as a regrouping
// would place them, rather than batch by batch, which would group one
// outlet's week before the next one's. It returns what each batch added.
func (s *Store) AddBatches(ctx context.Context, batches []Batch) ([]AddResult, error) {
	op := "add imported articles"
	switch feeds := countFeeds(batches); {
	case feeds == 1 && batches[0].FeedID != 0:
		op = fmt.Sprintf("add articles from feed %d", batches[0].FeedID)
	case feeds > 1:
		op = fmt.Sprintf("add articles from %d feeds", feeds)
	}
	results := make([]AddResult, len(batches))
	total := 0
	for _, b := range batches {
		total += len(b.Articles)
	}
	if total == 0 {
		return results, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return results, s.fail(op, err)
	}
	committed := false
	defer func() {
		if !committed {
			tx.Rollback()
			// The grouper may have seen articles that were not stored.
			s.g = nil
		}
	}()

	sources := map[int64]string{0: ""}
	for _, b := range batches {
		if _, ok := sources[b.FeedID]; ok {
			continue
		}
		var title, feedURL string
		err := tx.QueryRowContext(ctx, `SELECT title, url FROM feeds WHERE id = ?`, b.FeedID).Scan(&title, &feedURL)
		if errors.Is(err, sql.ErrNoRows) {
			return results, fmt.Errorf("add articles from feed %d: %w", b.FeedID, ErrNotFound)
		}
		if err != nil {
			return results, s.fail(op, err)
		}
		if title == "" {
			title = host(feedURL)
		}
		sources[b.FeedID] = title
	}

	now := time.Now().UTC()
	// Each article with the batch it came in.
	type listed struct {
		Article
		batch int
	}
	batch := make([]listed, 0, total)
	for bi, b := range batches {
		for _, a := range b.Articles {
			if a.Source == "" {
				a.Source = sources[b.FeedID]
			}
			if a.Source == "" {
				a.Source = host(a.URL)
			}
			if a.Fetched.IsZero() {
				a.Fetched = now
			}
			batch = append(batch, listed{a, bi})
		}
	}
	// Oldest first, as Regroup would see them, so that fetching and
	// regrouping place articles alike.
	slices.SortStableFunc(batch, func(x, y listed) int { return x.Time().Compare(y.Time()) })

	ad, err := s.newAdder(ctx, tx)
	if err != nil {
		return results, s.fail(op, err)
	}
	defer ad.close()
	var touched []int64
	var fresh []Article
	for _, b := range batch {
		a, res, feedID := b.Article, &results[b.batch], batches[b.batch].FeedID
		id, own, err := ad.find(ctx, feedID, a)
		if err != nil {
			return results, s.fail(op, err)
		}
		if id == 0 {
			if gone, err := ad.purgedBefore(ctx, feedID, a, now); gone || err != nil {
				if err != nil {
					return results, s.fail(op, err)
				}
				continue
			}
			if a.ID, err = ad.insert(ctx, feedID, a); err != nil {
				return results, s.fail(op, err)
			}
			fresh = append(fresh, a)
			res.Added++
			continue
		}
		storyID, changed, err := ad.merge(ctx, feedID, id, a, own)
		if err != nil {
			return results, s.fail(op, err)
		}
		if changed {
			res.Updated++
			if storyID != 0 {
				touched = append(touched, storyID)
			}
		}
	}
	if err := ad.index(ctx, tx); err != nil {
		return results, s.fail(op, err)
	}

	if len(fresh) > 0 {
		placed, err := s.placeNew(ctx, tx, fresh)
		if err != nil {
			return results, s.fail(op, err)
		}
		touched = append(touched, placed...)
	}
	if err := s.refreshStories(ctx, tx, touched); err != nil {
		return results, s.fail(op, err)
	}
	if err := tx.Commit(); err != nil {
		return results, s.fail(op, err)
	}
	committed = true
	return results, nil
}

// countFeeds is how many different feeds the batches come from, imported
// files counting as one.
func countFeeds(batches []Batch) int {
	seen := map[int64]bool{}
	for _, b := range batches {
		seen[b.FeedID] = true
	}
	return len(seen)
}

// host is the host of a URL, the best name for a source that has none.
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// The lookups by GUID and by URL repeat the partial indexes' conditions,
// without which SQLite cannot use those indexes for a bound value.
const (
	queryByGUID = `SELECT l.article_id, coalesce(a.feed_id = l.feed_id, 0) FROM article_feeds l
		JOIN articles a ON a.id = l.article_id WHERE l.feed_id = ? AND l.guid = ? AND l.guid <> ''`
	queryByURL = `SELECT id FROM articles a WHERE url = ?1 AND url <> ''
		AND NOT (?3 <> '' AND EXISTS (SELECT 1 FROM article_feeds l
			WHERE l.article_id = a.id AND l.feed_id = ?2 AND l.guid <> '' AND l.guid <> ?3))
		ORDER BY id LIMIT 1`
)

// adder holds the statements one AddBatches call runs per article,
// and what the call changed that the full-text index must learn.
type adder struct {
	byGUID, byURL, byFeedTitle       *sql.Stmt
	byImportGUID, byImportName       *sql.Stmt
	byFeedUnknown, byImportUnknown   *sql.Stmt // articles stored without the GUID an item now has
	byCopyGUID                       *sql.Stmt // the copy another feed or a file brought of an item without a link
	giveLinkGUID, giveGUID           *sql.Stmt
	owned, load, insertArticle, link *sql.Stmt
	update, stillPurged              *sql.Stmt
	stmts                            []*sql.Stmt

	inserted []int64        // new articles, not yet indexed
	changed  []int64        // stored articles whose text changed
	stale    []indexedText  // the index entries of changed articles
	isNew    map[int64]bool // inserted, as a set
	isStale  map[int64]bool // in stale, as a set
}

func (s *Store) newAdder(ctx context.Context, tx *sql.Tx) (*adder, error) {
	ad := &adder{isNew: map[int64]bool{}, isStale: map[int64]bool{}}
	prep := []struct {
		dst   **sql.Stmt
		query string
	}{
		{&ad.byGUID, queryByGUID},
		{&ad.byURL, queryByURL},
		{&ad.byFeedTitle, `SELECT a.id FROM article_feeds l JOIN articles a ON a.id = l.article_id
			WHERE l.feed_id = ? AND a.url = '' AND a.title = ? LIMIT 1`},
		{&ad.byImportGUID, `SELECT id FROM articles
			WHERE url = '' AND source = ? AND title = ? AND guid = ? AND feed_id IS NULL LIMIT 1`},
		{&ad.byImportName, `SELECT id FROM articles
			WHERE url = '' AND source = ? AND title = ? AND feed_id IS NULL LIMIT 1`},
		{&ad.byCopyGUID, `SELECT id FROM articles
			WHERE url = '' AND source = ?1 AND title = ?2 AND guid = ?3 AND guid <> '' AND coalesce(feed_id, 0) <> ?4
			ORDER BY id LIMIT 1`},
		{&ad.byFeedUnknown, `SELECT a.id FROM article_feeds l JOIN articles a ON a.id = l.article_id
			WHERE l.feed_id = ? AND a.url = '' AND a.title = ? AND l.guid = '' AND a.published = ? LIMIT 1`},
		{&ad.byImportUnknown, `SELECT id FROM articles
			WHERE url = '' AND source = ? AND title = ? AND guid = '' AND published = ? AND feed_id IS NULL LIMIT 1`},
		{&ad.giveLinkGUID, `UPDATE article_feeds SET guid = ?3 WHERE article_id = ?1 AND feed_id = ?2 AND guid = ''`},
		{&ad.giveGUID, `UPDATE articles SET guid = ?2 WHERE id = ?1 AND guid = ''`},
		{&ad.owned, `SELECT CASE WHEN ?2 = 0
			THEN feed_id IS NULL AND NOT EXISTS (SELECT 1 FROM article_feeds WHERE article_id = ?1)
			ELSE coalesce(feed_id = ?2, 0) END
			FROM articles WHERE id = ?1`},
		{&ad.load, `SELECT source, url, title, author, summary, content, full_text, published, coalesce(story_id, 0)
			FROM articles WHERE id = ?`},
		{&ad.insertArticle, `INSERT INTO articles (feed_id, source, url, guid, title, author,
			published, fetched, at, summary, content, full_text, read)
			VALUES (nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&ad.link, `INSERT OR IGNORE INTO article_feeds (article_id, feed_id, guid) VALUES (?, ?, ?)`},
		{&ad.update, `UPDATE articles SET title = ?1, author = ?2, summary = ?3, content = ?4,
			full_text = ?5, published = ?6, at = CASE WHEN ?6 <> 0 THEN ?6 ELSE fetched END,
			source = ?8, url = ?9
			WHERE id = ?7`},
		{&ad.stillPurged, `UPDATE purged SET seen = ?3 WHERE feed_id = ?1 AND item = ?2`},
	}
	for _, p := range prep {
		st, err := s.stmt(ctx, tx, p.query)
		if err != nil {
			ad.close()
			return nil, err
		}
		*p.dst = st
		ad.stmts = append(ad.stmts, st)
	}
	return ad, nil
}

func (ad *adder) close() {
	for _, st := range ad.stmts {
		st.Close()
	}
}

// index brings the full-text index up to date with the batch, in a few
// statements at its end.
func (ad *adder) index(ctx context.Context, tx *sql.Tx) error {
	if err := ftsForgetText(ctx, tx, ad.stale); err != nil {
		return err
	}
	return ftsIndex(ctx, tx, append(ad.inserted, ad.changed...))
}

// find looks a, from feed feedID, up by its identity: the GUID its feed
// gave it, else its URL (unless the article there is another item of the
// same feed, with a GUID of its own), else (for articles with neither) its
// title within the feed. Imported articles have no feed, and one without a
// URL is known among its source's by its title and GUID, so that two files
// or a feed file's items with one headline stay two articles as a feed's
// items do, or by its title alone when it has no GUID either. (The title
// is part of the lookup so that it runs on the index of articles without a
// URL; an article file's GUID hashes its title anyway.) An item with a GUID
// and no URL that a feed brought and a file of that feed brings too, or
// the other way round, is found by its source, title and GUID, as a URL
// would find it. own tells whether
// the article is this feed's own, stored from its copy (for imported
// articles, from a file's), so that a change is an update; a copy another
// feed brought too, even under a GUID of its own, is that outlet's copy,
// which must not overwrite the owner's text on each fetch. An article
// passes to another feed that brought it when its own feed is removed.
func (ad *adder) find(ctx context.Context, feedID int64, a Article) (id int64, own bool, err error) {
	one := func(st *sql.Stmt, args ...any) (int64, error) {
		var v int64
		err := st.QueryRowContext(ctx, args...).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return v, err
	}
	// A copy found by its link, or by its source, title and GUID, is this
	// feed's own only if it brought it first.
	copyOf := func(id int64) (int64, bool, error) {
		var own bool
		if err := ad.owned.QueryRowContext(ctx, id, feedID).Scan(&own); err != nil {
			return 0, false, err
		}
		return id, own, nil
	}
	if feedID != 0 && a.GUID != "" {
		err := ad.byGUID.QueryRowContext(ctx, feedID, a.GUID).Scan(&id, &own)
		if !errors.Is(err, sql.ErrNoRows) {
			return id, own, err
		}
	}
	if a.URL != "" {
		// Not an item of this feed that has another GUID: that is
		// another item linking the same page.
		if id, err = one(ad.byURL, a.URL, feedID, a.GUID); id == 0 || err != nil {
			return id, false, err
		}
		return copyOf(id)
	}
	switch {
	case feedID == 0 && a.GUID != "":
		id, err = one(ad.byImportGUID, a.Source, a.Title, a.GUID)
	case feedID == 0:
		id, err = one(ad.byImportName, a.Source, a.Title)
	case a.GUID == "":
		id, err = one(ad.byFeedTitle, feedID, a.Title)
	}
	if id != 0 || err != nil || a.GUID == "" {
		return id, true, err
	}
	// An item with a GUID and no link may be held without its GUID,
	// stored from a document that gave it none when such items were
	// known by their title alone. The article of its title and date held
	// so is it: it takes the GUID, so that it is not stored twice, and a
	// second item of that title is not taken for it.
	if feedID == 0 {
		id, err = one(ad.byImportUnknown, a.Source, a.Title, nanos(a.Published))
	} else {
		id, err = one(ad.byFeedUnknown, feedID, a.Title, nanos(a.Published))
	}
	if err != nil {
		return 0, true, err
	}
	if id == 0 {
		// The same item under the same outlet's name, brought by a feed
		// file of a feed subscribed to, or by a feed subscribed to after
		// its file was imported: as an item found by its link, a copy
		// this feed or file shares, not its own.
		if id, err = one(ad.byCopyGUID, a.Source, a.Title, a.GUID, feedID); id == 0 || err != nil {
			return 0, true, err
		}
		return copyOf(id)
	}
	if _, err := ad.giveLinkGUID.ExecContext(ctx, id, feedID, a.GUID); err != nil {
		return 0, false, err
	}
	if _, err := ad.giveGUID.ExecContext(ctx, id, a.GUID); err != nil {
		return 0, false, err
	}
	return id, true, nil
}

// purgedBefore reports whether a purge removed a, an item of feed feedID
// the library does not hold, noting that the feed still carries it.
func (ad *adder) purgedBefore(ctx context.Context, feedID int64, a Article, now time.Time) (bool, error) {
	if feedID == 0 {
		return false, nil // an import is asked for, and brings its items back
	}
	r, err := ad.stillPurged.ExecContext(ctx, feedID, a.ItemKey(), now.UnixNano())
	if err != nil {
		return false, err
	}
	n, err := r.RowsAffected()
	return n > 0, err
}

// ItemKey is what the library knows an article by among one feed's items:
// its GUID, else its link, else its title. The purged table keeps it, and
// purgedItemKey says the same in SQL.
func (a Article) ItemKey() string {
	switch {
	case a.GUID != "":
		return "g:" + a.GUID
	case a.URL != "":
		return "u:" + a.URL
	}
	return "t:" + a.Title
}

func (ad *adder) insert(ctx context.Context, feedID int64, a Article) (int64, error) {
	r, err := ad.insertArticle.ExecContext(ctx, feedID, a.Source, a.URL, a.GUID, a.Title, a.Author,
		nanos(a.Published), nanos(a.Fetched), nanos(a.Time()), a.Summary, a.Content, a.FullText, a.Read)
	if err != nil {
		return 0, err
	}
	id, err := r.LastInsertId()
	if err != nil {
		return 0, err
	}
	ad.inserted = append(ad.inserted, id)
	ad.isNew[id] = true
	if feedID != 0 {
		if _, err := ad.link.ExecContext(ctx, id, feedID, a.GUID); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// merge folds a newly fetched copy a into stored article id. A copy from
// the same feed (own) may change the link, title, author, summary and
// content, and move the date earlier; a copy from another feed links that feed and may only bring the
// full text the stored article lacks. Full text is never replaced by a
// feed's shorter content. Read state and story are kept either way. An own
// copy under another outlet's name is from a feed that has come to own
// the article since its first feed was removed: it brings its outlet's
// name and byline, an empty one too, so that the old outlet's are not
// left beside the new outlet's text.
func (ad *adder) merge(ctx context.Context, feedID, id int64, a Article, own bool) (storyID int64, changed bool, err error) {
	if feedID != 0 {
		if _, err := ad.link.ExecContext(ctx, id, feedID, a.GUID); err != nil {
			return 0, false, err
		}
	}
	var old Article
	var oldPublished int64
	err = ad.load.QueryRowContext(ctx, id).Scan(&old.Source, &old.URL, &old.Title, &old.Author, &old.Summary, &old.Content,
		&old.FullText, &oldPublished, &storyID)
	if err != nil {
		return 0, false, err
	}
	n, published := old, oldPublished
	if own {
		if a.Source != old.Source {
			n.Source, n.Author = a.Source, a.Author
		}
		if a.Title != "" {
			n.Title = a.Title
		}
		// An item known by its GUID may move: an outlet corrects its
		// slug, and the old address leads nowhere.
		if a.URL != "" {
			n.URL = a.URL
		}
		if a.Author != "" {
			n.Author = a.Author
		}
		if a.Summary != "" {
			n.Summary = a.Summary
		}
		// A feed may move an item's date on: to the time of an edit, or
		// to now on every fetch for a date in the future. The news
		// appeared when first said.
		if p := nanos(a.Published); p != 0 && (published == 0 || p < published) {
			published = p
		}
	}
	upgrade := a.FullText && !old.FullText
	if a.Content != "" && (upgrade || (own && a.FullText == old.FullText)) {
		n.Content, n.FullText = a.Content, a.FullText
	}
	if n.Source == old.Source && n.URL == old.URL && n.Title == old.Title && n.Author == old.Author && n.Summary == old.Summary &&
		n.Content == old.Content && n.FullText == old.FullText && published == oldPublished {
		return storyID, false, nil
	}
	if n.Title != old.Title || n.Summary != old.Summary || n.Content != old.Content || n.Source != old.Source {
		if !ad.isNew[id] && !ad.isStale[id] {
			ad.stale = append(ad.stale, indexedText{id, old.Title, old.Summary, old.Content, old.Source})
			ad.isStale[id] = true
			ad.changed = append(ad.changed, id)
		}
	}
	_, err = ad.update.ExecContext(ctx, n.Title, n.Author, n.Summary, n.Content, n.FullText, published, id, n.Source, n.URL)
	return storyID, err == nil, err
}
