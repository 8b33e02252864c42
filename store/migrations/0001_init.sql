-- Feeds the reader subscribes to. Times are Unix nanoseconds, 0 when unknown.
CREATE TABLE feeds (
	id            INTEGER PRIMARY KEY,
	url           TEXT    NOT NULL UNIQUE,
	title         TEXT    NOT NULL DEFAULT '',
	site_url      TEXT    NOT NULL DEFAULT '',
	etag          TEXT    NOT NULL DEFAULT '',
	last_modified TEXT    NOT NULL DEFAULT '',
	last_fetch    INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT    NOT NULL DEFAULT ''
);

-- Stories carry denormalised counters so that a page of the story list is
-- read from this table alone. AUTOINCREMENT keeps a removed story's ID from
-- being handed to another one while a reader may still hold it.
CREATE TABLE stories (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	title        TEXT    NOT NULL DEFAULT '',
	first_seen   INTEGER NOT NULL DEFAULT 0,
	updated      INTEGER NOT NULL DEFAULT 0,
	articles     INTEGER NOT NULL DEFAULT 0,
	sources      TEXT    NOT NULL DEFAULT '[]',
	source_count INTEGER NOT NULL DEFAULT 0,
	unread       INTEGER NOT NULL DEFAULT 0,
	saved        INTEGER NOT NULL DEFAULT 0,
	evidence     TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX stories_by_updated ON stories (updated DESC, id DESC);
CREATE INDEX stories_saved_by_updated ON stories (updated DESC, id DESC) WHERE saved = 1;

-- Articles: "at" is the published time, else the fetched time, the moment
-- an article is placed at for ordering and grouping.
CREATE TABLE articles (
	id        INTEGER PRIMARY KEY,
	feed_id   INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
	story_id  INTEGER REFERENCES stories (id),
	source    TEXT    NOT NULL DEFAULT '',
	url       TEXT    NOT NULL DEFAULT '',
	guid      TEXT    NOT NULL DEFAULT '',
	title     TEXT    NOT NULL DEFAULT '',
	author    TEXT    NOT NULL DEFAULT '',
	published INTEGER NOT NULL DEFAULT 0,
	fetched   INTEGER NOT NULL DEFAULT 0,
	at        INTEGER NOT NULL DEFAULT 0,
	summary   TEXT    NOT NULL DEFAULT '',
	content   TEXT    NOT NULL DEFAULT '',
	full_text INTEGER NOT NULL DEFAULT 0,
	read      INTEGER NOT NULL DEFAULT 0,
	evidence  TEXT    NOT NULL DEFAULT ''
);

CREATE UNIQUE INDEX articles_by_url ON articles (url) WHERE url <> '';
CREATE INDEX articles_by_story ON articles (story_id, at, id);
CREATE INDEX articles_by_time ON articles (at, id);
CREATE INDEX articles_by_feed ON articles (feed_id);
CREATE INDEX articles_without_url ON articles (source, title) WHERE url = '';

-- Every feed that brought an article, with the GUID that feed gave it.
CREATE TABLE article_feeds (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	feed_id    INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
	guid       TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (article_id, feed_id)
) WITHOUT ROWID;

CREATE UNIQUE INDEX article_feeds_by_guid ON article_feeds (feed_id, guid) WHERE guid <> '';
CREATE INDEX article_feeds_by_feed ON article_feeds (feed_id, article_id);

-- Full-text index over the articles. The store keeps it in step itself, a
-- whole batch per statement: FTS5 flushes its pending terms at every
-- statement savepoint, so per-row triggers would write one tiny segment
-- per article.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, summary, content,
	content = 'articles', content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
