-- Arabic search: articles.search_terms holds the title and text with every Arabic word normalised and
-- stripped of its prefix clitics (src/pipeline/normalize/arabic.ts; NULL for text without Arabic), written
-- by the store with the article, and weighs B in the search vector beside the body. Queries put their
-- Arabic words through the same function, so "عراق" finds "العراق" and "والعراق".
ALTER TABLE articles ADD COLUMN search_terms text;
DROP INDEX articles_search;
ALTER TABLE articles DROP COLUMN search;
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('lede'::regconfig, coalesce(title, '')), 'A') ||
  setweight(to_tsvector('lede'::regconfig, coalesce(text, '')), 'B') ||
  setweight(to_tsvector('lede'::regconfig, coalesce(search_terms, '')), 'B')) STORED;
CREATE INDEX articles_search ON articles USING gin (search);
