-- Bounded story lookup: story_terms carries its story's last_seen (written with it by saveStoryState,
-- always equal to story_states.last_seen) and is indexed by (term, last_seen), so findStoriesByTerms
-- reads a term's stories newest first and stops at the time window's edge, instead of joining every
-- story ever indexed under the term and filtering afterwards. Rows get '' only if they had no state,
-- which the foreign key rules out; '' sorts before any time, i.e. outside every window.
ALTER TABLE story_terms ADD COLUMN last_seen TEXT NOT NULL DEFAULT '';
UPDATE story_terms SET last_seen = (SELECT st.last_seen FROM story_states st WHERE st.story_id = story_terms.story_id);
CREATE INDEX story_terms_recent ON story_terms (term, last_seen);
