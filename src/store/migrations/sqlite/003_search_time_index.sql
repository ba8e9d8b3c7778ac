-- The article's time as search filters and related articles use it, readable from an index alone
-- (the columns themselves sit behind the stored text, so reading them from the row is slow).
CREATE INDEX articles_when ON articles (coalesce(published, first_seen), id);
