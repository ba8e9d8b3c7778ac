-- The copy lookup leaves the store (issue 17): each process keeps the canonical fingerprints in memory and
-- catches up from this table before it looks (src/pipeline/dedup/store-window.ts).
--
-- Why: fingerprint_bands held a row per anchor (about 24 an article) in a B-tree keyed by anchor, so every
-- placement wrote that many pages scattered over the whole index: 37 of the 84 pages a placement wrote at
-- 100k stored, and 24 index walks to read them back.
--
-- How: a fingerprint row keeps its anchors (the bands, space-separated) and a log position `seq`, taken
-- as max + 1 at each write (writers are serialised by the write lock, so positions commit in order); a
-- process reads the rows above the last position it read. Existing rows take their article's id.
ALTER TABLE fingerprints ADD COLUMN anchors TEXT NOT NULL DEFAULT '';
ALTER TABLE fingerprints ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE fingerprints SET seq = article_id,
  anchors = coalesce((SELECT group_concat(band, ' ') FROM fingerprint_bands b WHERE b.article_id = fingerprints.article_id), '');
CREATE INDEX fingerprints_seq ON fingerprints (seq);
DROP TABLE fingerprint_bands;
