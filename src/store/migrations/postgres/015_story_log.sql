-- The story lookup leaves the placement's writes (issue 17): each process keeps the stories it may find in
-- memory and catches up from this log before it looks (src/pipeline/stories/story-window.ts); story_terms,
-- which the related articles, the integrity checks and back-filled articles still read, is written from
-- the log in batches, outside placement's locks ("folded", foldStoryLog).
--
-- Why: a placement stamped its article's ~12 lookup terms on its story, one story_terms row each, scattered
-- over an index keyed by term, and read them back with a walk per term.
--
-- How: one row per story save that touches terms (the terms, the story's last_seen and stamp) and one per
-- merge (`story_id` merged into `into_id`). `seq` is the writing transaction (pg_current_xact_id), read as
-- the fingerprint log is (migration 014): from the oldest transaction still running at the last read. `id`
-- orders the saves of one story (made one at a time, under the story's lock). story_fold holds the cursor
-- from which story_terms may not hold the log yet (no row: nothing folded; an existing store's story_terms
-- is already whole).
CREATE TABLE story_log (
  id         bigserial PRIMARY KEY,
  seq        bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
  story_id   bigint NOT NULL,
  into_id    bigint,
  terms      jsonb NOT NULL DEFAULT '[]',
  last_seen  timestamptz,
  stamp      bigint
);
CREATE INDEX story_log_seq ON story_log (seq);
CREATE TABLE story_fold (
  id      int PRIMARY KEY CHECK (id = 1),
  cursor  bigint NOT NULL DEFAULT 0
);
