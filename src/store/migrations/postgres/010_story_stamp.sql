-- A random number written with each save of a story's state (issue 17): a placement that holds a decoded
-- copy of the state with the same stamp need not read the centroid again. NULL (rows saved before this
-- migration) always reads it. Same as migrations/sqlite/010.
ALTER TABLE story_states ADD COLUMN stamp bigint;
