-- A server that answers 429 or 503 may say when to come back (Retry-After).
-- The time it named, in Unix nanoseconds, 0 when it named none: refreshes
-- leave the feed alone until then.
ALTER TABLE feeds ADD COLUMN retry_after INTEGER NOT NULL DEFAULT 0;
