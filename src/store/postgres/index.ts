// The PostgreSQL store: `openPostgresStore('postgres://user@host:5432/lede')` connects a pool, applies
// pending migrations (under an advisory lock) and returns the Repository. Selected by
// LEDE_DATABASE_URL=postgres://… through openStore (src/store/index.ts).
// `?pool_size=N` on the URL sets the pool size (default 10); other parameters go to the pg driver.
import type { Repository } from '../repository.ts';
import { accountPort } from './accounts.ts';
import { articlePort } from './articles.ts';
import { Db, parsePostgresUrl } from './db.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { searchPort } from './search.ts';
import { sourcePort } from './sources.ts';
import { storyPort } from './stories.ts';
import { foldStoryLog } from './story-log.ts';
import { log } from '../../log/index.ts';
import { termStatsPort } from './terms.ts';
import { readingPort } from '../reading.ts';
import { SUMMARY_COLUMNS } from './articles.ts';
import { isRetryable, pgCode } from './db.ts';
import { intelligencePort } from './intelligence.ts';

export { loadMigrations, migrate } from './migrate.ts';

export async function openPostgresStore(url: string): Promise<Repository> {
  const db = new Db(parsePostgresUrl(url));
  try {
    await migrate(db);
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
  return createPostgresRepository(db);
}

export function createPostgresRepository(db: Db): Repository {
  const repo: Repository = Object.assign(
    {},
    sourcePort(db),
    articlePort(db),
    storyPort(db),
    searchPort(db),
    accountPort(db),
    termStatsPort(db),
    readingPort({
      dialect: 'postgres',
      all: (sql, params) => db.query(sql, params),
      exec: (sql, params) => db.exec(sql, params),
      transaction: (fn) => db.transaction(fn),
      isUnique: (e) => pgCode(e) === '23505',
      summaryColumns: SUMMARY_COLUMNS,
    }),
    intelligencePort(db),
    {
      kind: 'postgres' as const,
      // Every query made while `fn` runs uses the transaction's client (see db.ts), so the repository
      // itself is the transaction handle.
      transaction<T>(fn: (tx: Repository) => Promise<T>): Promise<T> {
        return db.transaction(() => fn(repo));
      },
      // Transaction-level advisory locks: released by COMMIT/ROLLBACK, so a crashed worker can never
      // leave one held. A deadlock can still come from row locks (two placements touching one story's
      // rows in different orders): the server breaks it, the loser's part is rolled back to its savepoint
      // and placed again, now seeing the winner's writes.
      async withKeys<T>(keys: string[], fn: (tx: Repository) => Promise<T>): Promise<T> {
        for (let attempt = 1; ; attempt++) {
          try {
            // The locks are taken with BEGIN, sent with the first statement (Db.defer).
            return await db.transaction(() => fn(repo), { first: lockStatement(keys) });
          } catch (e) {
            if (attempt >= 5 || !isRetryable(e)) throw e;
            await new Promise((r) => setTimeout(r, 5 * attempt * Math.random()));
          }
        }
      },
      // Inside a transaction the locks go with the transaction's next statement (Db.defer): placement reads
      // the stamps of the stories it locked next (getStoryStamps), in the same round trip.
      async lockKeys(keys: string[]) {
        const sql = lockStatement(keys);
        if (sql && db.inTransaction) await db.defer(sql);
        else await lockKeys(db, keys);
        return true;
      },
      checkIntegrity: () => checkIntegrity(db),
      async storeBytes() {
        return Number((await db.one<{ n: number }>('SELECT pg_database_size(current_database()) AS n'))!.n);
      },
      async readiness() {
        const r = await db.one<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
        const latest = loadMigrations().length;
        return Number(r?.v ?? 0) === latest ? null : `the schema is at version ${r?.v ?? 0}, this Lede needs ${latest}`;
      },
      // The story log goes into story_terms now, for the next process's readers (pipeline/stories/story-fold.ts).
      async close() {
        await foldStoryLog(db).catch((e: unknown) => log().warn({ err: e }, 'postgres: the story log was not folded at close; the next fold writes it'));
        await db.close();
      },
    },
  );
  return repo;
}


/** Two 32-bit FNV-1a hashes of a key: the (int4, int4) advisory lock space, apart from any bigint lock. */
function lockId(key: string): [number, number] {
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a | 0, b | 0];
}

/**
 * Takes the advisory locks of `keys` in one statement, in ascending order: two transactions asking for
 * overlapping sets queue on the first key they share instead of each holding what the other wants.
 */
async function lockKeys(db: Db, keys: string[]): Promise<void> {
  if (!keys.length) return;
  const ids = lockIds(keys);
  await db.prepared('SELECT pg_advisory_xact_lock(k1, k2) FROM unnest($1::int4[], $2::int4[]) AS t(k1, k2)', [ids.map((x) => x[0]), ids.map((x) => x[1])]);
}

const lockIds = (keys: string[]): [number, number][] => [...new Set(keys)].map(lockId).sort((x, y) => x[0] - y[0] || x[1] - y[1]);

/** The same locks as one statement without parameters (the ids are integers), to go with BEGIN. */
function lockStatement(keys: string[]): string | undefined {
  if (!keys.length) return undefined;
  const rows = lockIds(keys).map(([a, b]) => `(${a | 0}, ${b | 0})`);
  return `SELECT pg_advisory_xact_lock(k1, k2) FROM (VALUES ${rows.join(', ')}) AS t(k1, k2)`;
}

async function checkIntegrity(db: Db): Promise<string[]> {
  const problems: string[] = [];
  const ids = async (sql: string) => (await db.query<{ id: number }>(sql)).map((r) => r.id);
  const list = (xs: number[]) => xs.slice(0, 20).join(', ') + (xs.length > 20 ? `, … (${xs.length})` : '');

  const noVersions = await ids('SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.article_id = a.id) ORDER BY a.id');
  if (noVersions.length) problems.push(`articles without versions: ${list(noVersions)}`);
  const badCanonical = await ids(
    `SELECT a.id FROM articles a LEFT JOIN versions v ON v.id = a.canonical_version_id
     WHERE v.id IS NULL OR v.article_id <> a.id ORDER BY a.id`,
  );
  if (badCanonical.length) problems.push(`articles whose canonical version is missing or not theirs: ${list(badCanonical)}`);
  const emptyStories = await ids('SELECT s.id FROM stories s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id) ORDER BY s.id');
  if (emptyStories.length) problems.push(`stories without articles: ${list(emptyStories)}`);
  const staleStates = await ids('SELECT st.story_id AS id FROM story_states st LEFT JOIN stories s ON s.id = st.story_id WHERE s.id IS NULL');
  if (staleStates.length) problems.push(`story index entries of missing stories: ${list(staleStates)}`);
  // A story_terms row's last_seen is when the story last took an article with that term: never later
  // than the story's own last_seen, or lookups would find the story through it outside the window.
  const staleTerms = await ids('SELECT DISTINCT t.story_id AS id FROM story_terms t JOIN story_states st ON st.story_id = t.story_id WHERE t.last_seen > st.last_seen ORDER BY 1');
  if (staleTerms.length) problems.push(`story index terms newer than their story's last_seen: ${list(staleTerms)}`);
  const badItems = await ids('SELECT i.id FROM items i LEFT JOIN versions v ON v.id = i.version_id WHERE i.version_id IS NOT NULL AND v.id IS NULL');
  if (badItems.length) problems.push(`items pointing at missing versions: ${list(badItems)}`);
  const index = await db.one<{ valid: boolean }>(
    `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE c.relname = 'articles_search' AND c.relnamespace = to_regnamespace(current_schema())`,
  );
  if (!index?.valid) problems.push('the search index (articles_search) is missing or invalid: REINDEX INDEX articles_search');
  const known = loadMigrations().length;
  const at = await db.one<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  if (Number(at?.v) !== known) problems.push(`schema version ${at?.v} differs from this Lede's ${known}`);
  return problems;
}
