package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode"
)

// Snippets mark the matched words with these, as Markdown bold. Snippets
// are article text: sanitise them before they reach a terminal.
const (
	MatchStart = "**"
	MatchEnd   = "**"
)

// Search finds articles whose title or text match every word of q, best
// matches first (titles weigh most), each with a snippet of its best
// matching part. q is taken as plain words: quotes and FTS5 operators in it
// are searched for as text, never parsed. A trailing * on a word matches
// words that start with it. limit <= 0 means no limit.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]SearchHit, error) {
	op := "search " + strings.TrimSpace(q)
	match := ftsQuery(q)
	if match == "" {
		return nil, nil
	}
	const hitColumns = headerColumns + `,
		snippet(articles_fts, -1, '` + MatchStart + `', '` + MatchEnd + `', '…', 24)
		FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
		WHERE articles_fts MATCH ?`
	const rank = `bm25(articles_fts, 10.0, 2.0, 1.0), a.id DESC`
	var out []SearchHit
	scan := func(row interface{ Scan(...any) error }) error {
		var h SearchHit
		var err error
		if h.Article, err = scanArticle(row, false, &h.Snippet); err != nil {
			return err
		}
		h.StoryID = h.Article.StoryID
		out = append(out, h)
		return nil
	}
	if limit <= 0 {
		rows, err := s.db.QueryContext(ctx, `SELECT `+hitColumns+` ORDER BY `+rank, match)
		if err != nil {
			return nil, s.fail(op, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return nil, s.fail(op, err)
			}
		}
		if err := rows.Err(); err != nil {
			return nil, s.fail(op, err)
		}
		return out, nil
	}
	// Rank first, then make snippets for the hits kept: in one query SQLite
	// would make a snippet for every match before sorting them.
	ids, err := int64s(ctx, s.db, `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?
		ORDER BY bm25(articles_fts, 10.0, 2.0, 1.0), rowid DESC LIMIT ?`, match, limit)
	if err != nil {
		return nil, s.fail(op, err)
	}
	for _, id := range ids {
		err := scan(s.db.QueryRowContext(ctx, `SELECT `+hitColumns+` AND articles_fts.rowid = ?`, match, id))
		if errors.Is(err, sql.ErrNoRows) {
			// Removed since it was ranked.
			continue
		}
		if err != nil {
			return nil, s.fail(op, err)
		}
	}
	return out, nil
}

// ftsQuery turns what a person typed into an FTS5 query that cannot fail to
// parse: every word becomes a quoted phrase (its own quotes doubled), and
// the phrases must all match. Control characters separate words (FTS5 would
// stop reading at a NUL); words with no letter or digit are dropped, since
// the index holds none; "" means nothing is left to search for.
func ftsQuery(q string) string {
	var parts []string
	words := strings.FieldsFunc(q, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) })
	for _, w := range words {
		prefix := strings.HasSuffix(w, "*")
		w = strings.TrimRight(w, "*")
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
			continue
		}
		p := `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if prefix {
			p += "*"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}
