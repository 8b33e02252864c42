package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"modernc.org/sqlite"
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
	// The index holds each article's source too; a search is of what
	// the articles say.
	match = textColumns + " : (" + match + ")"
	// SQLite's snippet() weighs every match of an article against every
	// other, so that one repeating the word searched for 80,000 times
	// took a minute: an article that may have more than maxSnippetMatches
	// gets its snippet from plainSnippet instead.
	const hitColumns = headerColumns + `,
		CASE WHEN parallax_few_matches(:words, a.title, a.summary, a.content)
			THEN snippet(articles_fts, -1, '` + MatchStart + `', '` + MatchEnd + `', '…', :snippet_length)
			ELSE parallax_plain_snippet(:words, a.title, parallax_plain_text(a.summary), parallax_plain_text(a.content)) END
		FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
		WHERE articles_fts MATCH :match`
	const rank = `bm25(articles_fts, 10.0, 2.0, 1.0), a.id DESC`
	words := sql.Named("words", strings.Join(searchWords(q), " "))
	length := sql.Named("snippet_length", snippetLength)
	var out []SearchHit
	scan := func(row interface{ Scan(...any) error }) error {
		var h SearchHit
		var err error
		if h.Article, err = scanArticle(row, false, &h.Snippet); err != nil {
			return err
		}
		h.StoryID = h.Article.StoryID
		h.Snippet = joinMatches(oneLine(fromIndexText(h.Snippet)))
		out = append(out, h)
		return nil
	}
	if limit <= 0 {
		rows, err := s.db.QueryContext(ctx, `SELECT `+hitColumns+` ORDER BY `+rank, words, length, sql.Named("match", match))
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
		err := scan(s.db.QueryRowContext(ctx, `SELECT `+hitColumns+` AND articles_fts.rowid = :id`,
			words, length, sql.Named("match", match), sql.Named("id", id)))
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

// oneLine joins the blocks of a snippet, which the index holds a line
// each, into one line: where a block ends without a stop (a heading, a
// list item) a middle dot parts it from the next.
func oneLine(snippet string) string {
	if !strings.Contains(snippet, "\n") {
		return snippet
	}
	var b strings.Builder
	b.Grow(len(snippet) + 8)
	for line := range strings.SplitSeq(snippet, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			if last, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(b.String(), MatchEnd)); strings.ContainsRune(".!?:;…\"”’)", last) {
				b.WriteString(" ")
			} else {
				b.WriteString(" · ")
			}
		}
		b.WriteString(line)
	}
	return b.String()
}

// joinMatches marks words matched side by side, apart by a space or a
// hyphen, as one run: "**heart attack**", as a reader would underline
// the phrase, not "**heart** **attack**", as the index matches its words.
func joinMatches(snippet string) string {
	for _, between := range []string{" ", "-"} {
		snippet = strings.ReplaceAll(snippet, MatchEnd+between+MatchStart, between)
	}
	return snippet
}

// maxSnippetMatches is the most matches an article may have for SQLite to
// make its snippet: at that many, snippet() takes some tens of
// milliseconds; at 5,000, a quarter of a second.
const maxSnippetMatches = 2000

// snippetLength is how many words a snippet holds at most, as snippet()
// is asked for in Search.
const snippetLength = 24

func init() {
	// Search calls these in its query, so that one query still makes every
	// hit's snippet.
	sqlite.MustRegisterDeterministicScalarFunction("parallax_few_matches", 4,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			words, texts := sqlSearchArgs(args)
			return possibleMatches(words, texts) <= maxSnippetMatches, nil
		})
	sqlite.MustRegisterDeterministicScalarFunction("parallax_plain_snippet", 4,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			words, texts := sqlSearchArgs(args)
			return plainSnippet(words, texts), nil
		})
}

// sqlSearchArgs reads the arguments Search gives its SQL functions: the
// words of the search, space-separated, then the texts of an article.
func sqlSearchArgs(args []driver.Value) (words []string, texts []string) {
	text := func(v driver.Value) string {
		switch v := v.(type) {
		case string:
			return v
		case []byte:
			return string(v)
		}
		return ""
	}
	for _, v := range args[1:] {
		texts = append(texts, text(v))
	}
	return strings.Fields(text(args[0])), texts
}

// searchWords are the words of a search as possibleMatches and
// plainSnippet look for them: the first run of letters and digits of each,
// in lower case.
func searchWords(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		eachWord(w, func(start, end int) bool {
			out = append(out, strings.ToLower(w[start:end]))
			return false
		})
	}
	return out
}

// eachWord calls fn with the start and end of each run of letters and
// digits in s, until fn returns false.
func eachWord(s string, fn func(start, end int) bool) {
	start := -1
	for i, r := range s {
		inWord := isWordRune(r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			if !fn(start, i) {
				return
			}
			start = -1
		}
	}
	if start >= 0 {
		fn(start, len(s))
	}
}

// possibleMatches is at least the number of matches SQLite finds of the
// words of a search in texts, counted in time in step with their length:
// the words of the texts that could be a form of one of them, once for
// each. SQLite folds case and diacritics and strips English endings, which
// keep a word's first letter unless it is accented, so a word counts when
// it opens with the search word's first letter or an accented Latin one;
// for a search word opening outside ASCII, every word counts, but for a
// Chinese, Japanese or Korean character, which the index keeps as a word
// of its own and changes in no way, only the search word's first. SQLite
// parts words nowhere these do not, so it finds no more words than they
// are.
func possibleMatches(words []string, texts []string) int {
	n := 0
	for _, text := range texts {
		eachIndexWord(text, func(first rune) {
			for _, w := range words {
				if couldOpen(first, w) {
					n++
				}
			}
		})
	}
	return n
}

// eachIndexWord calls fn with the first character of each word of text as
// the index parts them: runs of letters and digits, with every character
// indexText sets apart a word of its own.
func eachIndexWord(text string, fn func(first rune)) {
	eachWord(text, func(start, end int) bool {
		open := true
		for _, r := range text[start:end] {
			cjk := isCJK(r)
			if open || cjk {
				fn(r)
			}
			open = cjk
		}
		return true
	})
}

// couldOpen reports whether a word opening with r could be a form of the
// search word w.
func couldOpen(r rune, w string) bool {
	first, _ := utf8.DecodeRuneInString(w)
	switch {
	case isCJK(r) || isCJK(first):
		return r == first
	case first >= utf8.RuneSelf:
		return true
	case r < utf8.RuneSelf:
		return unicode.ToLower(r) == first
	}
	return unicode.Is(unicode.Latin, r)
}

// plainSnippet is the snippet of an article too full of matches for
// SQLite to make it, from texts (its title, summary and text): up to
// snippetLength words around the first word that starts with a word of the
// search, those words marked, with an ellipsis where the text goes on. An
// article with no such word (it matched another form) shows its first
// words. Past the first match, it reads no further than the words it
// shows.
func plainSnippet(words []string, texts []string) string {
	for _, text := range texts {
		if snippet, ok := snippetAt(text, words, true); ok {
			return snippet
		}
	}
	for _, text := range texts {
		if snippet, ok := snippetAt(text, words, false); ok {
			return snippet
		}
	}
	return ""
}

// snippetAt makes plainSnippet's snippet of text: around its first word
// that starts with one of words when around is true, else from its first
// word. It reports false when text has no such word.
func snippetAt(text string, words []string, around bool) (string, bool) {
	const before = snippetLength / 3 // words shown before the first match
	var spans [][2]int               // the words shown, with those before them
	matched := -1                    // index in spans of the first match
	eachWord(text, func(start, end int) bool {
		spans = append(spans, [2]int{start, end})
		if matched < 0 {
			if around && !startsWithOne(text[start:end], words) {
				spans = spans[max(len(spans)-before, 0):]
				return true
			}
			matched = len(spans) - 1
		}
		return len(spans) < snippetLength
	})
	if matched < 0 {
		return "", false
	}
	var b strings.Builder
	from, to := spans[0][0], spans[len(spans)-1][1]
	if strings.ContainsFunc(text[:from], isWordRune) {
		b.WriteString("…")
	}
	at := from
	for _, sp := range spans {
		if !startsWithOne(text[sp[0]:sp[1]], words) {
			continue
		}
		b.WriteString(text[at:sp[0]])
		b.WriteString(MatchStart + text[sp[0]:sp[1]] + MatchEnd)
		at = sp[1]
	}
	if strings.ContainsFunc(text[to:], isWordRune) {
		b.WriteString(text[at:to] + "…")
	} else {
		b.WriteString(text[at:])
	}
	return b.String(), true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// startsWithOne reports whether word, in lower case, starts with one of
// words.
func startsWithOne(word string, words []string) bool {
	low := strings.ToLower(word)
	for _, w := range words {
		if strings.HasPrefix(low, w) {
			return true
		}
	}
	return false
}

// textColumns are the columns of the full-text index that hold an
// article's own words, as an FTS5 column filter.
const textColumns = "{title summary content}"

// ftsQuery turns what a person typed into an FTS5 query that cannot fail to
// parse: every word becomes a quoted phrase (its own quotes doubled), and
// the phrases must all match. A word's Chinese, Japanese or Korean
// characters are set apart as the index sets them (see indexText), so
// that the phrase finds them wherever they stand in a run of such text.
// Control characters separate words (FTS5 would stop reading at a NUL);
// words with no letter or digit are dropped, since the index holds none;
// "" means nothing is left to search for.
func ftsQuery(q string) string {
	var parts []string
	words := strings.FieldsFunc(q, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) })
	for _, w := range words {
		prefix := strings.HasSuffix(w, "*")
		w = strings.TrimRight(w, "*")
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
			continue
		}
		p := `"` + strings.ReplaceAll(indexText(w), `"`, `""`) + `"`
		if prefix {
			p += "*"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}
