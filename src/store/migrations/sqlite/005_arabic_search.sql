-- Arabic search: articles.search_terms holds the title and text with every Arabic word normalised and
-- stripped of its prefix clitics (src/pipeline/normalize/arabic.ts; NULL for text without Arabic), written
-- by the store with the article. The full-text table indexes it as a third column, and queries put their
-- Arabic words through the same function, so "عراق" finds "العراق" and "والعراق".
ALTER TABLE articles ADD COLUMN search_terms TEXT;
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text, search_terms,
  content = 'articles', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text, search_terms) VALUES (new.id, new.title, new.text, new.search_terms);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text, search_terms) VALUES ('delete', old.id, old.title, old.text, old.search_terms);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, search_terms ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text, search_terms) VALUES ('delete', old.id, old.title, old.text, old.search_terms);
  INSERT INTO articles_fts (rowid, title, text, search_terms) VALUES (new.id, new.title, new.text, new.search_terms);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
