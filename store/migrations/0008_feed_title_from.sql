-- Where a feed's title came from. 0: the feed itself, and each fetch
-- brings it up to date with the title the feed gives now. 1: the user, who
-- named the feed (an OPML outline, a newsboat urls file's "~name", the
-- built-in list); fetches leave it alone. 2: a library from before the two
-- were told apart, which cannot say; such a title is kept until a fetch
-- finds the feed giving that very title, and from then on follows it.
ALTER TABLE feeds ADD COLUMN title_from INTEGER NOT NULL DEFAULT 0;
UPDATE feeds SET title_from = 2 WHERE title <> '';
