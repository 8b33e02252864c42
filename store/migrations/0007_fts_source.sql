-- The full-text index holds each article's source (its outlet's name) as
-- well, so that a story can be found by the name of an outlet that tells
-- it. The index is made again from the articles.
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, summary, content, source,
	content = 'articles', content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
