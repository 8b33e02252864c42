-- Chinese and Japanese are written without spaces between words, and a
-- Korean word takes its endings without one, so FTS5's unicode61
-- tokenizer made a whole run of such text one token, and a word inside
-- it could not be found. The index now reads its text through a view
-- that sets every character of those scripts apart (parallax_index_text,
-- which the program defines), and a search looks for a word of them as
-- the phrase of its characters: any run that holds it, as written. The
-- index is made again from the articles.
CREATE VIEW articles_fts_text AS SELECT id,
	parallax_index_text(title) AS title,
	parallax_index_text(summary) AS summary,
	parallax_index_text(content) AS content,
	parallax_index_text(source) AS source
	FROM articles;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, summary, content, source,
	content = 'articles_fts_text', content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
