-- Your own Lede: what each account follows (in folders it names), what it has read and starred, and the
-- API credentials its apps sign in with. Sources stay shared: a followed feed is a row of `feeds`.

CREATE TABLE folders (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name        TEXT NOT NULL
);
CREATE UNIQUE INDEX folders_name ON folders (account_id, lower(name));

-- kind: feed | outlet | hashtag | story | entity | search; target: the feed id, outlet name, hashtag,
-- story id, entity name or query. read_before: articles with an id at or below it count as read (mark
-- all as read moves it; explicit reading_states rows say otherwise for single articles).
CREATE TABLE follows (
  id           INTEGER PRIMARY KEY,
  account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL,
  target       TEXT NOT NULL,
  feed_id      INTEGER REFERENCES feeds (id) ON DELETE CASCADE,
  title        TEXT NOT NULL,
  folder_id    INTEGER REFERENCES folders (id) ON DELETE SET NULL,
  read_before  INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX follows_target ON follows (account_id, kind, target);
CREATE INDEX follows_feed ON follows (feed_id);
CREATE INDEX follows_folder ON follows (folder_id);

-- One row per account and article the reader acted on: read 1 (read) or 0 (kept unread, also below a
-- follow's read_before), starred_at when saved. Rows that say nothing are deleted.
CREATE TABLE reading_states (
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  read        INTEGER,
  starred_at  TEXT,
  changed_at  TEXT NOT NULL,
  PRIMARY KEY (account_id, article_id)
) WITHOUT ROWID;
CREATE INDEX reading_states_article ON reading_states (article_id);
CREATE INDEX reading_states_starred ON reading_states (account_id, starred_at) WHERE starred_at IS NOT NULL;

-- The API password (separate from the web password) and the Fever key derived from it: Fever clients
-- send md5("email:password"), kept here only as its SHA-256.
CREATE TABLE api_credentials (
  account_id     INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  password_hash  TEXT NOT NULL,
  fever_key      TEXT NOT NULL,
  created_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX api_credentials_fever ON api_credentials (fever_key);

-- Tokens an app signed in with (Google Reader ClientLogin, /api/v1 Bearer): only their hash is kept.
CREATE TABLE api_tokens (
  token_hash    TEXT PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at    TEXT NOT NULL,
  last_used_at  TEXT
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);

-- Entities by name, for following a person, organisation or place (written with the enrichment).
CREATE TABLE article_entities (
  entity      TEXT NOT NULL,
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (entity, article_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_article ON article_entities (article_id);
INSERT OR IGNORE INTO article_entities (entity, article_id)
  SELECT json_extract(e.value, '$.canonical'), en.article_id FROM enrichments en, json_each(en.data, '$.entities') e
  WHERE json_extract(e.value, '$.canonical') IS NOT NULL;

-- A followed feed's articles newest first, from the index alone.
CREATE INDEX versions_feed_article ON versions (feed_id, article_id);

-- Instance settings an admin changes on the admin page (e.g. whether readers may add feeds).
CREATE TABLE settings (
  name   TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
