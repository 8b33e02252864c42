package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
)

// CheckFile reports the first way in which the library file at path is not
// what parallax keeps it, whatever happened to the processes that wrote
// it: sound to SQLite, with no dangling reference, its full-text index
// matching its articles, every article in a story that exists, no unsaved
// story empty and every story's counters right. It reads the file as it
// lies, without opening it as a library (which would bring its schema up
// to date); nil means sound.
func CheckFile(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", dsn(abs, defaultBusyTimeout))
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	defer db.Close()
	if err := check(ctx, db); err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	return nil
}

func check(ctx context.Context, db *sql.DB) error {
	var ok string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if ok != "ok" {
		return fmt.Errorf("integrity check: %s", ok)
	}
	rows, err := db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	dangling := rows.Next()
	rows.Close()
	if dangling {
		return fmt.Errorf("foreign key check: dangling references")
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		return fmt.Errorf("the full-text index does not match the articles: %w", err)
	}
	for _, c := range []struct{ what, query string }{
		{"articles missing from the index", `SELECT (SELECT count(*) FROM articles) - (SELECT count(*) FROM articles_fts_docsize)`},
		{"articles in no story", `SELECT count(*) FROM articles WHERE story_id IS NULL`},
		{"articles in a missing story", `SELECT count(*) FROM articles a WHERE story_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id)`},
		{"empty unsaved stories", `SELECT count(*) FROM stories s WHERE saved = 0 AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = s.id)`},
		{"stories with wrong counters", `SELECT count(*) FROM stories s WHERE
			articles <> (SELECT count(*) FROM articles WHERE story_id = s.id) OR
			unread <> (SELECT count(*) FROM articles WHERE story_id = s.id AND read = 0) OR
			source_count <> (SELECT count(DISTINCT source) FROM articles WHERE story_id = s.id)`},
	} {
		var n int
		if err := db.QueryRowContext(ctx, c.query).Scan(&n); err != nil {
			return fmt.Errorf("%s: %w", c.what, err)
		}
		if n != 0 {
			return fmt.Errorf("%s: %d", c.what, n)
		}
	}
	return nil
}
