-- The story lookup leaves the placement's writes (issue 17): each process keeps the stories it may find in
-- memory and catches up from this log before it looks (src/pipeline/stories/story-window.ts); story_terms,
-- which the related articles, the integrity checks and back-filled articles still read, is written from
-- the log in batches, outside placement's locks ("folded", foldStoryLog).
--
-- Why: a placement stamped its article's ~12 lookup terms on its story, one story_terms row each, scattered
-- over a B-tree keyed by term: 23 of the 56 pages a placement wrote at 100k stored. A batch of folded rows,
-- sorted by term, writes each page once.
--
-- How: one row per story save that touches terms (the terms, the story's last_seen and stamp) and one per
-- merge (`story_id` merged into `into_id`). `seq` is the log position, max + 1 at each write (writers are
-- serialised by the write lock, so positions commit in order). story_fold holds the position up to which
-- story_terms holds the log (no row: nothing folded; an existing store's story_terms is already whole).
CREATE TABLE story_log (
  seq        INTEGER PRIMARY KEY,
  story_id   INTEGER NOT NULL,
  into_id    INTEGER,
  terms      TEXT NOT NULL DEFAULT '[]',
  last_seen  TEXT,
  stamp      INTEGER
);
CREATE TABLE story_fold (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  cursor  INTEGER NOT NULL DEFAULT 0
);
