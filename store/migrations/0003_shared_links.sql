-- Two items of one feed may link the same page (a status page, a live blog,
-- a podcast's home): their GUIDs tell them apart, so a URL no longer names
-- one article alone.
DROP INDEX articles_by_url;
CREATE INDEX articles_by_url ON articles (url) WHERE url <> '';
