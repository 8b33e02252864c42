-- The items a purge removed, by the feed that carried them and the identity
-- that feed gave them (its GUID, else its link, else its title), so that a
-- feed still carrying them does not bring them back at the next refresh.
-- seen is when a feed last carried one, in Unix nanoseconds: an entry no
-- feed has carried for as long as articles are kept is forgotten.
CREATE TABLE purged (
	feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
	item    TEXT    NOT NULL,
	seen    INTEGER NOT NULL,
	PRIMARY KEY (feed_id, item)
) WITHOUT ROWID;
