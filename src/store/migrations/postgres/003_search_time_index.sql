-- The article's time as search filters and related articles use it: with this index a time-bounded
-- search intersects the full-text matches with the time range instead of rechecking every match's row.
CREATE INDEX articles_when ON articles ((coalesce(published, first_seen)), id);
