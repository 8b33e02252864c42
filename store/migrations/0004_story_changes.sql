-- A process that groups new articles keeps the recent stories in memory.
-- Every change to which articles make which stories counts here, so that
-- it can tell when another process (a fetch run from cron beside an open
-- reader) has changed them since, and learn them again.
CREATE TABLE story_changes (count INTEGER NOT NULL);
INSERT INTO story_changes VALUES (0);
