// The SQLite store (the default): `openSqliteStore('./data/lede.db')` or `':memory:'` opens the file
// (WAL, foreign keys, busy timeout), applies pending migrations and returns the Repository.
import type { Repository } from '../repository.ts';
import { accountPort } from './accounts.ts';
import { articlePort } from './articles.ts';
import { SqliteDb } from './db.ts';
import { loadMigrations, schemaVersion } from './migrate.ts';
import { holdStore } from './holders.ts';
import { searchPort } from './search.ts';
import { sourcePort } from './sources.ts';
import { storyPort } from './stories.ts';
import { foldStoryLog } from './story-log.ts';
import { termStatsPort } from './terms.ts';
import { readingPort } from '../reading.ts';
import { SUMMARY_COLUMNS } from './articles.ts';
import { intelligencePort } from './intelligence.ts';
import { indexAllQueued, indexWhenBatched } from './search-queue.ts';
import { log } from '../../log/index.ts';

export { loadMigrations, migrate } from './migrate.ts';

export async function openSqliteStore(path: string): Promise<Repository> {
  const db = new SqliteDb(path);
  try {
    db.migrate();
  } catch (e) {
    db.conn.close();
    throw e;
  }
  const repo = createSqliteRepository(db);
  if (path === ':memory:') return repo;
  // `lede restore` must know that this process has the file open.
  const release = holdStore(path);
  const close = repo.close;
  repo.close = async () => {
    try {
      await close();
    } finally {
      release();
    }
  };
  return repo;
}

export function createSqliteRepository(db: SqliteDb): Repository {
  db.afterCommit(() => indexWhenBatched(db));
  const repo: Repository = Object.assign(
    {},
    sourcePort(db),
    articlePort(db),
    storyPort(db),
    searchPort(db),
    accountPort(db),
    termStatsPort(db),
    readingPort({
      dialect: 'sqlite',
      all: (sql, params) => db.run(() => db.all(sql, ...params)),
      exec: (sql, params) => db.run(() => db.exec(sql, ...params)),
      transaction: (fn) => db.transaction(fn),
      isUnique: (e) => /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(String((e as { code?: string } | null)?.code)),
      summaryColumns: SUMMARY_COLUMNS,
    }),
    intelligencePort(db),
    {
      kind: 'sqlite' as const,
      // Every call made while `fn` runs joins the transaction (see db.ts), so the repository itself is
      // the transaction handle.
      transaction<T>(fn: (tx: Repository) => Promise<T>): Promise<T> {
        return db.transaction(() => fn(repo));
      },
      // SQLite has one writer per file: BEGIN IMMEDIATE already excludes every other writer, across
      // processes, so there is nothing finer to lock.
      withKeys<T>(_keys: string[], fn: (tx: Repository) => Promise<T>): Promise<T> {
        return db.transaction(() => fn(repo));
      },
      lockKeys: async () => false,
      checkIntegrity: async () => {
        await indexAllQueued(db);
        return db.run(() => checkIntegrity(db));
      },
      storeBytes: () => db.run(() => Number(db.get('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()')!.n)),
      readiness: () => db.run(() => {
        const at = schemaVersion(db.conn);
        const latest = loadMigrations().length;
        return at === latest ? null : `the schema is at version ${at}, this Lede needs ${latest}`;
      }),
      // What is still queued is indexed now, so a store left alone has its whole search index.
      close: async () => {
        // The story log goes into story_terms now, for the next process's readers (pipeline/stories/story-fold.ts).
        if (db.isOpen) await db.atomic(() => foldStoryLog(db)).catch((e) => log().warn({ err: e }, 'sqlite: the story log was not folded at close; the next fold writes it'));
        if (db.isOpen) await indexAllQueued(db).catch((e) => log().warn({ err: e }, 'sqlite: the search queue was not indexed at close; the next search indexes it'));
        await db.close();
      },
    },
  );
  return repo;
}

function checkIntegrity(db: SqliteDb): string[] {
  const problems: string[] = [];
  const ids = (sql: string) => db.all(sql).map((r) => Number(r.id));
  const list = (xs: number[]) => xs.slice(0, 20).join(', ') + (xs.length > 20 ? `, … (${xs.length})` : '');

  const sqlite = db.all('PRAGMA integrity_check').map((r) => String(Object.values(r)[0]));
  if (!(sqlite.length === 1 && sqlite[0] === 'ok')) problems.push(...sqlite.map((m) => `sqlite: ${m}`));
  const fk = db.all('PRAGMA foreign_key_check');
  if (fk.length) problems.push(`foreign keys broken in ${fk.length} row(s), e.g. ${fk[0]!.table} rowid ${fk[0]!.rowid}`);

  const noVersions = ids('SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.article_id = a.id) ORDER BY a.id');
  if (noVersions.length) problems.push(`articles without versions: ${list(noVersions)}`);
  const badCanonical = ids(
    `SELECT a.id FROM articles a LEFT JOIN versions v ON v.id = a.canonical_version_id
     WHERE v.id IS NULL OR v.article_id <> a.id ORDER BY a.id`,
  );
  if (badCanonical.length) problems.push(`articles whose canonical version is missing or not theirs: ${list(badCanonical)}`);
  const emptyStories = ids('SELECT s.id FROM stories s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id) ORDER BY s.id');
  if (emptyStories.length) problems.push(`stories without articles: ${list(emptyStories)}`);
  const danglingStory = ids('SELECT a.id FROM articles a LEFT JOIN stories s ON s.id = a.story_id WHERE a.story_id IS NOT NULL AND s.id IS NULL');
  if (danglingStory.length) problems.push(`articles in missing stories: ${list(danglingStory)}`);
  const staleStates = ids('SELECT st.story_id AS id FROM story_states st LEFT JOIN stories s ON s.id = st.story_id WHERE s.id IS NULL');
  if (staleStates.length) problems.push(`story index entries of missing stories: ${list(staleStates)}`);
  // A story_terms row's last_seen is when the story last took an article with that term: never later
  // than the story's own last_seen, or lookups would find the story through it outside the window.
  const staleTerms = ids('SELECT DISTINCT t.story_id AS id FROM story_terms t JOIN story_states st ON st.story_id = t.story_id WHERE t.last_seen > st.last_seen ORDER BY 1');
  if (staleTerms.length) problems.push(`story index terms newer than their story's last_seen: ${list(staleTerms)}`);
  const badItems = ids('SELECT i.id FROM items i LEFT JOIN versions v ON v.id = i.version_id WHERE i.version_id IS NOT NULL AND v.id IS NULL');
  if (badItems.length) problems.push(`items pointing at missing versions: ${list(badItems)}`);

  // FTS5 'integrity-check' with rank 1 compares the index with the articles table it is built from.
  try {
    db.exec(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`);
  } catch (e) {
    problems.push(`the search index is out of step with the articles (${(e as Error).message}): run INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')`);
  }
  const known = loadMigrations().length;
  const at = db.schemaVersion();
  if (at !== known) problems.push(`schema version ${at} differs from this Lede's ${known}`);
  return problems;
}
