-- One report per reader per comment; server secrets shared by every node; one-time password resets.
CREATE TABLE comment_reports (
  comment_id  INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (comment_id, account_id)
) WITHOUT ROWID;

CREATE TABLE server_secrets (
  name   TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

CREATE TABLE password_resets (
  token_hash  TEXT PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  expires_at  TEXT NOT NULL
);
CREATE INDEX password_resets_account ON password_resets (account_id);
