-- Story intelligence (issue 20): the outlet registry, each version's digest and role, and each story's
-- analysis (coverage, how copies and accounts differ, timeline, summary), computed at ingest and read by
-- the web. Same tables and meanings as migrations/sqlite/008.

-- Outlets as versions credit them (versions.outlet). Ingest fills blanks from feed and page metadata;
-- once an admin edits an outlet (edited_at), ingest leaves it alone.
CREATE TABLE outlets (
  name        text PRIMARY KEY,
  home_url    text,
  country     text,
  language    text,
  kind        text NOT NULL DEFAULT 'publisher' CHECK (kind IN ('wire', 'publisher', 'broadcaster', 'aggregator')),
  owner       text,
  first_seen  timestamptz NOT NULL,
  edited_at   timestamptz
);
INSERT INTO outlets (name, home_url, country, language, first_seen)
  SELECT v.outlet, max(s.home_url), max(s.country), coalesce(max(s.language), max(v.language)), min(v.fetched_at)
  FROM versions v LEFT JOIN sources s ON s.id = v.source_id GROUP BY v.outlet;

-- Per version: what comparisons need of its text (facts, quotes, furniture), and its role in its article
-- once the story is analysed: 'original' (the outlet's own text) or 'copy' (another's, republished).
CREATE TABLE version_notes (
  version_id  bigint PRIMARY KEY REFERENCES versions (id) ON DELETE CASCADE,
  article_id  bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  outlet      text NOT NULL,
  role        text CHECK (role IN ('original', 'copy')),
  digest      jsonb NOT NULL
);
CREATE INDEX version_notes_article ON version_notes (article_id);
CREATE INDEX version_notes_outlet ON version_notes (outlet, role);

-- Per story: `revision` counts changes (ingest bumps it in the article's transaction), `analysed` is the
-- revision the stored analysis was computed from; a story is due while analysed < revision. The counts
-- and arrival times let the briefing rank stories without reading the analyses.
CREATE TABLE story_analyses (
  story_id      bigint PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
  revision      integer NOT NULL DEFAULT 1,
  analysed      integer NOT NULL DEFAULT 0,
  data          jsonb,
  outlets       integer NOT NULL DEFAULT 0,
  articles      integer NOT NULL DEFAULT 0,
  versions      integer NOT NULL DEFAULT 0,
  arrivals      jsonb NOT NULL DEFAULT '[]',
  first_outlet  text,
  updated_at    timestamptz
);
CREATE INDEX story_analyses_due ON story_analyses (story_id) WHERE analysed < revision;
CREATE INDEX story_analyses_first ON story_analyses (first_outlet);
-- Stories stored before this migration are due: ingest analyses them as it goes.
INSERT INTO story_analyses (story_id) SELECT id FROM stories;
