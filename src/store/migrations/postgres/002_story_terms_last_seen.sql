-- Bounded story lookup: story_terms carries its story's last_seen (written with it by saveStoryState,
-- always equal to story_states.last_seen) and is indexed by (term, last_seen), so findStoriesByTerms
-- reads a term's stories newest first and stops at the time window's edge, instead of joining every
-- story ever indexed under the term and filtering afterwards. Every row has a state (foreign key), so
-- the column can be NOT NULL once filled.
ALTER TABLE story_terms ADD COLUMN last_seen timestamptz;
UPDATE story_terms t SET last_seen = st.last_seen FROM story_states st WHERE st.story_id = t.story_id;
ALTER TABLE story_terms ALTER COLUMN last_seen SET NOT NULL;
CREATE INDEX story_terms_recent ON story_terms (term, last_seen DESC, story_id DESC);
