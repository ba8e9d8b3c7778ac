-- One report per reader per comment; server secrets shared by every node; one-time password resets.
CREATE TABLE comment_reports (
  comment_id  bigint NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (comment_id, account_id)
);

CREATE TABLE server_secrets (
  name   text PRIMARY KEY,
  value  text NOT NULL
);

CREATE TABLE password_resets (
  token_hash  text PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX password_resets_account ON password_resets (account_id);
