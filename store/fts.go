package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"
	"unicode"
	"unicode/utf8"

	"modernc.org/sqlite"

	"parallax/store/story"
)

// The full-text index is kept in step by the statements below rather than
// by triggers (see migrations/0001_init.sql): index after inserting or
// changing text, forget before deleting or changing it. It reads the
// articles through the view articles_fts_text, which gives their text as
// indexText makes it (see migrations/0009_cjk_search.sql), their summaries
// and text made plain first (0010_plain_search.sql).

func init() {
	sqlite.MustRegisterDeterministicScalarFunction("parallax_index_text", 1, textFunction(indexText))
	sqlite.MustRegisterDeterministicScalarFunction("parallax_plain_text", 1, textFunction(story.PlainText))
}

// textFunction makes f an SQL function of one text argument; any other
// value, NULL among them, is returned as it is.
func textFunction(f func(string) string) func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error) {
	return func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return f(v), nil
		case []byte:
			return f(string(v)), nil
		}
		return args[0], nil
	}
}

// indexSep is what indexText puts between two characters it sets apart: a
// zero-width space, which the tokenizer takes for a separator and which
// shows as nothing in a snippet.
const indexSep = "\u200b"

// indexText is s as the full-text index reads it: every character of the
// scripts written without spaces between words (Han, Hiragana, Katakana)
// or whose words take their endings without one (Hangul) set apart from
// the letters and digits beside it, so that each is a token of its own
// and a word of them is found as the phrase of its characters. Text
// without such characters is s itself.
func indexText(s string) string {
	first := -1
	for i := 0; i < len(s); i++ {
		// Those characters take three or four bytes, led by 0xe1 or more.
		if s[i] < 0xe1 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[i:]); isCJK(r) {
			first = i
			break
		}
	}
	if first < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	b.WriteString(s[:first])
	prev, _ := utf8.DecodeLastRuneInString(s[:first])
	prevCJK, prevWord := false, first > 0 && isWordRune(prev)
	for _, r := range s[first:] {
		cjk := isCJK(r)
		word := cjk || isWordRune(r)
		if word && prevWord && (cjk || prevCJK) {
			b.WriteString(indexSep)
		}
		b.WriteRune(r)
		prevCJK, prevWord = cjk, word
	}
	return b.String()
}

// isCJK reports a character that indexText sets apart.
func isCJK(r rune) bool {
	return r >= 0x1100 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) || r == 'ー')
}

// fromIndexText undoes indexText in a snippet the index made: the
// characters set apart are joined again, and so are the marks of matches
// that indexText parted.
func fromIndexText(s string) string {
	if !strings.Contains(s, indexSep) {
		return s
	}
	s = strings.ReplaceAll(s, MatchEnd+indexSep+MatchStart, "")
	return strings.ReplaceAll(s, indexSep, "")
}

// ftsIndex adds the stored text of articles ids to the index: their
// titles, summaries and content, and their sources' names.
func ftsIndex(ctx context.Context, tx *sql.Tx, ids []int64) error {
	return inChunks(ids, func(marks string, args []any) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, summary, content, source)
			SELECT id, title, summary, content, source FROM articles_fts_text WHERE id IN (`+marks+`)`, args...)
		return err
	})
}

// ftsForget removes articles ids, as stored now, from the index.
func ftsForget(ctx context.Context, tx *sql.Tx, ids []int64) error {
	return inChunks(ids, func(marks string, args []any) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts, rowid, title, summary, content, source)
			SELECT 'delete', id, title, summary, content, source FROM articles_fts_text WHERE id IN (`+marks+`)`, args...)
		return err
	})
}

// indexedText is an article's text as it was indexed, kept so that it can
// be forgotten after the article has changed.
type indexedText struct {
	id                              int64
	title, summary, content, source string
}

// ftsForgetText removes entries from the index by the text they were made
// of, which it makes into what the index read as the view
// articles_fts_text does.
func ftsForgetText(ctx context.Context, tx *sql.Tx, list []indexedText) error {
	for _, t := range list {
		_, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts, rowid, title, summary, content, source)
			VALUES ('delete', ?, ?, ?, ?, ?)`, t.id, indexText(t.title), indexText(story.PlainText(t.summary)),
			indexText(story.PlainText(t.content)), indexText(t.source))
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
