-- Lede on SQLite: the same tables, columns and meanings as migrations/postgres/. Times are ISO 8601 UTC
-- text with milliseconds (`2026-01-02T03:04:05.678Z`), so text order is time order; ids are rowids.

CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  home_url    TEXT NOT NULL,
  language    TEXT,
  country     TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX sources_home_url ON sources (home_url);
CREATE INDEX sources_name ON sources (lower(name));

CREATE TABLE feeds (
  id              INTEGER PRIMARY KEY,
  source_id       INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  url             TEXT NOT NULL UNIQUE,
  title           TEXT,
  category        TEXT,
  etag            TEXT,
  last_modified   TEXT,
  last_fetched_at TEXT,
  next_fetch_at   TEXT,
  status          TEXT NOT NULL DEFAULT 'new',
  error           TEXT,
  error_count     INTEGER NOT NULL DEFAULT 0,
  -- The lease: which worker fetches this feed now, and until when (a crashed worker's lease runs out).
  lease_owner     TEXT,
  lease_until     TEXT,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX feeds_source ON feeds (source_id);
CREATE INDEX feeds_due ON feeds (next_fetch_at, id);

CREATE TABLE stories (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  first_seen  TEXT NOT NULL,
  last_seen   TEXT NOT NULL
);
CREATE INDEX stories_last_seen ON stories (last_seen DESC);

CREATE TABLE articles (
  id                    INTEGER PRIMARY KEY,
  story_id              INTEGER REFERENCES stories (id) ON DELETE SET NULL,
  canonical_version_id  INTEGER REFERENCES versions (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
  title                 TEXT NOT NULL,
  byline                TEXT,
  text                  TEXT NOT NULL,
  html                  TEXT NOT NULL,
  lede                  TEXT,
  image                 TEXT,
  language              TEXT,
  url                   TEXT,
  outlet                TEXT NOT NULL,
  published             TEXT,
  first_seen            TEXT NOT NULL
);
CREATE INDEX articles_latest ON articles (first_seen DESC, id DESC);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_outlet ON articles (outlet);

-- Search: FTS5 over the canonical title and text, kept in step with `articles` by triggers
-- (external content: the text is stored once). Ranked with bm25, the title weighing more.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text,
  content = 'articles', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE versions (
  id             INTEGER PRIMARY KEY,
  article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  source_id      INTEGER REFERENCES sources (id) ON DELETE SET NULL,
  feed_id        INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
  outlet         TEXT NOT NULL,
  url            TEXT,
  canonical_url  TEXT,
  title          TEXT NOT NULL,
  byline         TEXT,
  text           TEXT NOT NULL,
  html           TEXT NOT NULL,
  lede           TEXT,
  image          TEXT,
  language       TEXT,
  published      TEXT,
  fetched_at     TEXT NOT NULL,
  content_hash   TEXT NOT NULL
);
CREATE INDEX versions_article ON versions (article_id);
CREATE INDEX versions_url ON versions (url);
CREATE INDEX versions_canonical_url ON versions (canonical_url);
CREATE INDEX versions_hash ON versions (content_hash);
CREATE INDEX versions_feed ON versions (feed_id);
CREATE INDEX versions_source ON versions (source_id);
CREATE INDEX versions_outlet ON versions (outlet, article_id);
-- One article never holds the same outlet's copy twice.
CREATE UNIQUE INDEX versions_article_copy ON versions (article_id, outlet, content_hash);

CREATE TABLE items (
  id          INTEGER PRIMARY KEY,
  feed_id     INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  guid        TEXT,
  url         TEXT,
  title       TEXT,
  published   TEXT,
  data        TEXT NOT NULL,
  version_id  INTEGER REFERENCES versions (id) ON DELETE SET NULL,
  seen_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (feed_id, key)
);
CREATE INDEX items_version ON items (version_id);

CREATE TABLE fingerprints (
  article_id   INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  signature    BLOB NOT NULL,
  text_length  INTEGER NOT NULL,
  published    TEXT,
  outlet       TEXT NOT NULL
);

CREATE TABLE fingerprint_bands (
  band        TEXT NOT NULL,
  article_id  INTEGER NOT NULL REFERENCES fingerprints (article_id) ON DELETE CASCADE,
  PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
CREATE INDEX fingerprint_bands_article ON fingerprint_bands (article_id);

CREATE TABLE story_states (
  story_id   INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
  terms      TEXT NOT NULL,
  centroid   BLOB NOT NULL,
  last_seen  TEXT NOT NULL
);
CREATE INDEX story_states_last_seen ON story_states (last_seen);

CREATE TABLE story_terms (
  term      TEXT NOT NULL,
  story_id  INTEGER NOT NULL REFERENCES story_states (story_id) ON DELETE CASCADE,
  PRIMARY KEY (term, story_id)
) WITHOUT ROWID;
CREATE INDEX story_terms_story ON story_terms (story_id);

CREATE TABLE enrichments (
  article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  language    TEXT,
  data        TEXT NOT NULL
);

CREATE TABLE article_hashtags (
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  hashtag     TEXT NOT NULL,
  PRIMARY KEY (article_id, hashtag)
) WITHOUT ROWID;
CREATE INDEX article_hashtags_hashtag ON article_hashtags (hashtag);

CREATE TABLE accounts (
  id             INTEGER PRIMARY KEY,
  email          TEXT NOT NULL,
  name           TEXT NOT NULL,
  password_hash  TEXT NOT NULL,
  role           TEXT NOT NULL DEFAULT 'reader',
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));

CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  expires_at  TEXT NOT NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE rate_hits (
  key           TEXT NOT NULL,
  window_start  TEXT NOT NULL,
  count         INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
) WITHOUT ROWID;

CREATE TABLE comments (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  parent_id   INTEGER REFERENCES comments (id) ON DELETE CASCADE,
  body        TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'visible',
  reports     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  edited_at   TEXT
);
CREATE INDEX comments_article ON comments (article_id, created_at);
CREATE INDEX comments_parent ON comments (parent_id);
CREATE INDEX comments_moderation ON comments (status, reports);
