-- Full text fetched from an article's own page. An article whose feed gave
-- only a summary keeps it in summary and gets the page's text in content,
-- with full_text set. Failed tries are counted; the next one waits until
-- fulltext_next (Unix nanoseconds, 0: whenever asked), and fulltext_error
-- says why the last one failed. image is the lead image the page named.
ALTER TABLE articles ADD COLUMN fulltext_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN fulltext_next     INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN fulltext_error    TEXT    NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN image             TEXT    NOT NULL DEFAULT '';

-- The articles still without their page's text, newest first: what the
-- background fetch after a refresh walks.
CREATE INDEX articles_wanting_text ON articles (at DESC, id DESC) WHERE full_text = 0 AND url <> '';

-- Retention looks for articles by the time they were stored as well.
CREATE INDEX articles_by_fetched ON articles (fetched);
