-- What an ingested item costs the server (issue 17; docs/benchmarks.md, "PostgreSQL CPU per placement and per
-- ingested item"): indexes no query needs, written on every item, and the compression of its large values.
--
-- article_hashtags_recent (hashtag, article_id) serves every lookup by hashtag, so the index on hashtag alone
-- was one more entry written per hashtag of every article, read by nothing the other does not serve.
DROP INDEX IF EXISTS article_hashtags_hashtag;
-- No query selects articles by outlet: an outlet's articles are found through their versions (versions_outlet).
DROP INDEX IF EXISTS articles_outlet;
-- The large values of an item (article and version text and HTML, the search vector, the enrichment, the
-- item, the digests and analyses) compressed with lz4 rather than the default pglz: a few times less CPU to
-- compress on write and to read back. For values written from now on. A server built without lz4 keeps pglz
-- (the ALTER fails as a whole there, and that failure is all the block catches).
DO $$
BEGIN
  ALTER TABLE articles ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN html SET COMPRESSION lz4,
    ALTER COLUMN search SET COMPRESSION lz4, ALTER COLUMN search_terms SET COMPRESSION lz4;
  ALTER TABLE versions ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN html SET COMPRESSION lz4;
  ALTER TABLE enrichments ALTER COLUMN data SET COMPRESSION lz4;
  ALTER TABLE items ALTER COLUMN data SET COMPRESSION lz4;
  ALTER TABLE version_notes ALTER COLUMN digest SET COMPRESSION lz4;
  ALTER TABLE story_analyses ALTER COLUMN data SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
