-- Two indexes that the wider indexes beside them already hold as their leading column: every lookup by
-- article (versions_article_copy: article_id, outlet, content_hash) or by feed (versions_feed_article:
-- feed_id, article_id) is served by those, and each placement paid for two more B-trees to write.
DROP INDEX IF EXISTS versions_article;
DROP INDEX IF EXISTS versions_feed;
