-- story_terms stored in the order its lookup reads it (issue 17). Each placement stamps its article's terms on
-- the story, one row per term; rows of a term are scattered over the table, so every row written dirtied a
-- page of each B-tree keyed by term: the table (term, story_id) and the index story_terms_recent
-- (term, last_seen), about 18 pages each per placement at 100k stored. Keyed (term, last_seen, story_id), the
-- table is that index, and uniqueness per story and term moves to the index by story, whose rows of one
-- story sit together (a page or two per placement).
CREATE TABLE story_terms_by_time (
  term       TEXT NOT NULL,
  last_seen  TEXT NOT NULL,
  story_id   INTEGER NOT NULL REFERENCES story_states (story_id) ON DELETE CASCADE,
  PRIMARY KEY (term, last_seen, story_id)
) WITHOUT ROWID;
INSERT INTO story_terms_by_time (term, last_seen, story_id) SELECT term, last_seen, story_id FROM story_terms;
DROP TABLE story_terms;
ALTER TABLE story_terms_by_time RENAME TO story_terms;
CREATE UNIQUE INDEX story_terms_story ON story_terms (story_id, term);
-- No query reads story states by time since story_terms carries it (as PostgreSQL's migration 012 found).
DROP INDEX IF EXISTS story_states_last_seen;
