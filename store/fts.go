package store

import (
	"context"
	"database/sql"
	"strings"
)

// The full-text index is kept in step by the statements below rather than
// by triggers (see migrations/0001_init.sql): index after inserting or
// changing text, forget before deleting or changing it.

// ftsIndex adds the stored text of articles ids to the index: their
// titles, summaries and content, and their sources' names.
func ftsIndex(ctx context.Context, tx *sql.Tx, ids []int64) error {
	return inChunks(ids, func(marks string, args []any) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, summary, content, source)
			SELECT id, title, summary, content, source FROM articles WHERE id IN (`+marks+`)`, args...)
		return err
	})
}

// ftsForget removes articles ids, as stored now, from the index.
func ftsForget(ctx context.Context, tx *sql.Tx, ids []int64) error {
	return inChunks(ids, func(marks string, args []any) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts, rowid, title, summary, content, source)
			SELECT 'delete', id, title, summary, content, source FROM articles WHERE id IN (`+marks+`)`, args...)
		return err
	})
}

// indexedText is an article's text as the index holds it, kept so that it
// can be forgotten after the article has changed.
type indexedText struct {
	id                              int64
	title, summary, content, source string
}

// ftsForgetText removes entries from the index by the text they were made of.
func ftsForgetText(ctx context.Context, tx *sql.Tx, list []indexedText) error {
	for _, t := range list {
		_, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts, rowid, title, summary, content, source)
			VALUES ('delete', ?, ?, ?, ?, ?)`, t.id, t.title, t.summary, t.content, t.source)
		if err != nil {
			return err
		}
	}
	return nil
}

// inChunks calls fn with IN-list placeholders for ids, a few hundred at a
// time, to stay within SQLite's limit on bound values.
func inChunks(ids []int64, fn func(marks string, args []any) error) error {
	const chunk = 500
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		if err := fn(strings.TrimSuffix(strings.Repeat("?,", n), ","), args); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}
