-- The full-text index is written in batches, not in the transaction that stores an article.
--
-- Why: FTS5 turns every transaction's new rows into a segment of its own at COMMIT and merges segments
-- as they pile up, so one article per transaction (as ingest stores them) cost a new segment each, and
-- the merging grew with the store (about a third of a placement at 10k stored, more at 100k). Many
-- articles indexed in one transaction make one segment.
--
-- How: storing an article queues its id in search_queue; the store indexes the queue (src/store/sqlite/
-- search.ts, indexQueued) once enough has queued, before every search and before an integrity check, so
-- a search never misses a stored article. An article still queued is not in articles_fts, so deleting or
-- editing it touches the queue only: an FTS5 'delete' of a row it never indexed would corrupt the index.
-- A later migration that rebuilds articles_fts must empty search_queue in the same step.
CREATE TABLE search_queue (article_id INTEGER PRIMARY KEY);

DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO search_queue (article_id) VALUES (new.id);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text, search_terms)
    SELECT 'delete', old.id, old.title, old.text, old.search_terms
    WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE article_id = old.id);
  DELETE FROM search_queue WHERE article_id = old.id;
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, search_terms ON articles
  WHEN NOT EXISTS (SELECT 1 FROM search_queue WHERE article_id = old.id) BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text, search_terms) VALUES ('delete', old.id, old.title, old.text, old.search_terms);
  INSERT INTO articles_fts (rowid, title, text, search_terms) VALUES (new.id, new.title, new.text, new.search_terms);
END;
