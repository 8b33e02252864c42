-- The index read articles' Markdown as written, so a search matched the
-- words of the addresses they link to, and its snippets showed link
-- syntax, emphasis marks mistaken for matches, and list and heading marks.
-- It now reads their summaries and text as plain text (parallax_plain_text,
-- which the program defines): the words a reader sees, one block a line.
-- The index is made again from the articles.
DROP VIEW articles_fts_text;
CREATE VIEW articles_fts_text AS SELECT id,
	parallax_index_text(title) AS title,
	parallax_index_text(parallax_plain_text(summary)) AS summary,
	parallax_index_text(parallax_plain_text(content)) AS content,
	parallax_index_text(source) AS source
	FROM articles;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
