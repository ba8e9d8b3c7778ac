-- What each placement writes (issue 17): indexes another index already serves, maintained on every article
-- and version written, and room on the pages of the rows placement updates on every article, so that those
-- updates can stay on their page (HOT: no new index entries).
-- articles_story_id (story_id, id) serves every lookup and foreign-key action by story.
DROP INDEX IF EXISTS articles_story;
-- versions_article_copy (article_id, outlet, content_hash) serves every lookup by article.
DROP INDEX IF EXISTS versions_article;
-- versions_feed_article (feed_id, article_id) serves every lookup by feed.
DROP INDEX IF EXISTS versions_feed;
-- No query reads story states by time since story_terms carries it (migration 002); indexed, it made every
-- save of a story's state a non-HOT update.
DROP INDEX IF EXISTS story_states_last_seen;
-- Rows rewritten on every placement: the story's state and the counts of the article's terms. Applies to
-- pages filled from now on (existing pages keep theirs until the table is rewritten, e.g. VACUUM FULL).
ALTER TABLE story_states SET (fillfactor = 70);
ALTER TABLE term_stats SET (fillfactor = 70);
