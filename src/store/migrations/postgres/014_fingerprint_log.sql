-- The copy lookup leaves the store (issue 17): each process keeps the canonical fingerprints in memory and
-- catches up from this table before it looks (src/pipeline/dedup/store-window.ts).
--
-- Why: fingerprint_bands held a row per anchor (about 24 an article) in a B-tree keyed by anchor, so every
-- placement wrote that many index entries scattered over the whole index, and read them back in 24 walks.
--
-- How: a fingerprint row keeps its anchors (the bands, space-separated) and `seq`, the id of the
-- transaction that wrote it (pg_current_xact_id). Writers commit in any order, so a process reads again
-- from the oldest transaction still running when it last read (pg_snapshot_xmin): everything older had
-- ended by then, and was read if it committed. Existing rows, and rows `lede migrate` copies, have 0.
ALTER TABLE fingerprints ADD COLUMN anchors text NOT NULL DEFAULT '';
ALTER TABLE fingerprints ADD COLUMN seq bigint NOT NULL DEFAULT 0;
UPDATE fingerprints f SET anchors = b.anchors
  FROM (SELECT article_id, string_agg(band, ' ') AS anchors FROM fingerprint_bands GROUP BY article_id) b
  WHERE b.article_id = f.article_id;
CREATE INDEX fingerprints_seq ON fingerprints (seq, article_id);
DROP TABLE fingerprint_bands;
