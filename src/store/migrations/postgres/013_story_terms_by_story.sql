-- One B-tree keyed by term fewer on story_terms (issue 17). Each placement stamps its article's terms on the
-- story, one row per term, and rows of a term are scattered: every row written dirtied a page of each index
-- keyed by term, the primary key (term, story_id) and story_terms_recent (term, last_seen, story_id). The
-- lookup reads story_terms_recent; uniqueness per story and term moves to the index by story, whose rows of
-- one story sit together.
ALTER TABLE story_terms DROP CONSTRAINT story_terms_pkey;
DROP INDEX IF EXISTS story_terms_story;
CREATE UNIQUE INDEX story_terms_story ON story_terms (story_id, term);
