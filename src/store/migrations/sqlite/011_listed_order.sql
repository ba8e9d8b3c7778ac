-- Lists order articles by when they were published, or when first seen for an undated or future-dated
-- one (LISTED in sqlite/articles.ts; the expression must stay the same for the index to serve it).
CREATE INDEX articles_listed ON articles (min(coalesce(published, first_seen), first_seen) DESC, id DESC);
