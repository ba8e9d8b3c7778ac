// Reader bench (issue 16): unread counts and the first page of "My Lede" for a person following 500 feeds,
// over 1 M stored articles and 1,000 readers with reading state, on SQLite and PostgreSQL.
// Target: p95 ≤ 50 ms on both. Baseline in the same run: the public "latest articles" page query.
// Run: npm run bench -- reader   (LEDE_BENCH_READER_ARTICLES=N, LEDE_BENCH_READER_USERS=N to change sizes;
// LEDE_BENCH_PG_URL names the PostgreSQL server, default postgres://127.0.0.1:5432/test)
//
// The store is filled with SQL in bulk (articles, one version each from one of 5,000 feeds, follows,
// folders, reading state): what is measured is the reader's real code (src/reader, the store's reading
// port), not the fill.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Account, AccountId } from '../src/domain/types.ts';
import * as reader from '../src/reader/index.ts';
import { openStore } from '../src/store/index.ts';
import type { Repository } from '../src/store/repository.ts';
import type { BenchTable } from './table.ts';

const ARTICLES = Number(process.env.LEDE_BENCH_READER_ARTICLES ?? 1_000_000);
const USERS = Number(process.env.LEDE_BENCH_READER_USERS ?? 1000);
const FEEDS = 5000;
const FOLLOWS = 500;
const FOLDERS = 10;
/** One article every 31.5 s: 1 M articles over a year, so the 30-day unread window holds ~82 k. */
const STEP_MS = 31_500;
const T0 = Date.parse('2025-01-01T00:00:00Z');
const END = new Date(T0 + ARTICLES * STEP_MS);
const SAMPLE_USERS = 40;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** The fill, as one SQL script per dialect: `series(n)` is a table of 1..n. */
function fillSql(dialect: 'sqlite' | 'postgres', windowStart: number): string[] {
  const series = (n: number) => (dialect === 'sqlite'
    ? `(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n}) SELECT i FROM s)`
    : `(SELECT i FROM generate_series(1::bigint, ${n}::bigint) AS i)`);
  const time = (expr: string) => (dialect === 'sqlite'
    ? `strftime('%Y-%m-%dT%H:%M:%fZ', (${T0 / 1000} + (${expr}) * ${STEP_MS} / 1000.0), 'unixepoch')`
    : `to_timestamp(${T0 / 1000} + (${expr}) * ${STEP_MS} / 1000.0)`);
  const feedOf = (a: string) => `((${a}) * 7919 % ${FEEDS} + 1)`;
  return [
    `INSERT INTO sources (id, name, home_url) SELECT i, 'Outlet ' || i, 'https://o' || i || '.example/' FROM ${series(FEEDS)} AS t`,
    `INSERT INTO feeds (id, source_id, url, title) SELECT i, i, 'https://o' || i || '.example/feed', 'Feed ' || i FROM ${series(FEEDS)} AS t`,
    `INSERT INTO articles (id, title, text, html, outlet, url, first_seen, published, canonical_version_id)
       SELECT i, 'Article ' || i, 'Text of article ' || i, '<p>Text of article ' || i || '</p>', 'Outlet ' || ${feedOf('i')},
              'https://news.example/' || i, ${time('i')}, ${time('i')}, NULL FROM ${series(ARTICLES)} AS t`,
    `INSERT INTO versions (id, article_id, source_id, feed_id, outlet, url, title, text, html, fetched_at, content_hash)
       SELECT i, i, ${feedOf('i')}, ${feedOf('i')}, 'Outlet ' || ${feedOf('i')}, 'https://news.example/' || i, 'Article ' || i,
              'Text of article ' || i, '', ${time('i')}, 'h' || i FROM ${series(ARTICLES)} AS t`,
    // Set after the versions exist: a deferred key pointing at rows yet to come costs SQLite a scan per insert.
    `UPDATE articles SET canonical_version_id = id`,
    `INSERT INTO accounts (id, email, name, password_hash) SELECT i, 'reader' || i || '@example.org', 'Reader ' || i, 'x' FROM ${series(USERS)} AS t`,
    `INSERT INTO folders (id, account_id, name) SELECT i, (i - 1) / ${FOLDERS} + 1, 'Folder ' || ((i - 1) % ${FOLDERS}) FROM ${series(USERS * FOLDERS)} AS t`,
    // Follow k of reader u: feed (u·131 + k·4973) mod 5000 + 1 (distinct for k < 5000), in folder k mod 10.
    `INSERT INTO follows (account_id, kind, target, feed_id, title, folder_id)
       SELECT u, 'feed', CAST(f AS TEXT), f, 'Feed ' || f, (u - 1) * ${FOLDERS} + k % ${FOLDERS} + 1 FROM (
         SELECT (i - 1) / ${FOLLOWS} + 1 AS u, (i - 1) % ${FOLLOWS} AS k, (((i - 1) / ${FOLLOWS} + 1) * 131 + ((i - 1) % ${FOLLOWS}) * 4973) % ${FEEDS} + 1 AS f
         FROM ${series(USERS * FOLLOWS)} AS t) AS x`,
    // Each reader has read a third of the window's articles their follows bring, and starred one in a hundred.
    `INSERT INTO reading_states (account_id, article_id, read, starred_at, changed_at)
       SELECT fo.account_id, v.article_id, 1, CASE WHEN v.article_id % 100 = 0 THEN ${time('v.article_id')} END, ${time('v.article_id')}
       FROM follows fo JOIN versions v ON v.feed_id = fo.feed_id
       WHERE v.article_id >= ${windowStart} AND (v.article_id + fo.account_id) % 3 = 0`,
  ];
}

async function fillSqlite(path: string): Promise<void> {
  (await openStore(`sqlite:${path}`)).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const windowStart = Math.floor(ARTICLES - (30 * 86400_000) / STEP_MS);
  db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    for (const sql of fillSql('sqlite', windowStart)) {
      const t = Date.now();
      db.exec(sql);
      if (process.env.LEDE_BENCH_VERBOSE) console.error(`${((Date.now() - t) / 1000).toFixed(1)} s  ${sql.slice(0, 60).replace(/\s+/g, ' ')}`);
    }
  })();
  db.exec('ANALYZE');
  db.close();
}

async function fillPostgres(url: string): Promise<void> {
  (await openStore(url)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const windowStart = Math.floor(ARTICLES - (30 * 86400_000) / STEP_MS);
  try {
    await client.query('BEGIN');
    for (const sql of fillSql('postgres', windowStart)) await client.query(sql);
    for (const t of ['sources', 'feeds', 'articles', 'versions', 'accounts', 'folders', 'follows']) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`);
    }
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

interface Measured { counts: number[]; page: number[]; warm: number[]; baseline: number[]; unread: number; stateBytes: number; followBytes: number; stateRows: number }

async function measure(repo: Repository, sizes: () => Promise<{ state: number; follows: number }>): Promise<Measured> {
  const deps: reader.ReaderDeps = { repo, fetcher: () => { throw new Error('no fetch in the bench'); }, now: () => END, maxFollows: 1000, readersAddFeeds: false };
  const m: Measured = { counts: [], page: [], warm: [], baseline: [], unread: 0, stateBytes: 0, followBytes: 0, stateRows: 0 };
  const users = Array.from({ length: SAMPLE_USERS }, (_, i) => ((i * 97) % USERS) + 1);
  // One warm-up pass, then two measured passes.
  for (let pass = 0; pass < 3; pass++) {
    for (const u of users) {
      const account = (await repo.getAccount(u as AccountId)) as Account;
      let t = performance.now();
      const counts = await reader.freshUnreadCounts(deps, account);
      const countMs = performance.now() - t;
      // The first page of My Lede as myPage reads it (follows, folders, counts, 30 unread articles), right
      // after the reader changed something (so the counts are not cached), and again a moment later.
      reader.changed(deps, account);
      const page = async () => {
        const t0 = performance.now();
        const [follows] = await Promise.all([repo.listFollows(account.id), repo.listFolders(account.id)]);
        await reader.unreadCounts(deps, account, follows);
        await reader.stream(deps, account, { unreadOnly: true, limit: 31 }, follows);
        return performance.now() - t0;
      };
      const pageMs = await page();
      const warmMs = await page();
      t = performance.now();
      await repo.latestArticles({ limit: 30 });
      const baseMs = performance.now() - t;
      if (pass > 0) {
        m.counts.push(countMs);
        m.page.push(pageMs);
        m.warm.push(warmMs);
        m.baseline.push(baseMs);
        m.unread += counts.total;
      }
    }
  }
  m.unread /= users.length * 2;
  const s = await sizes();
  m.stateBytes = s.state;
  m.followBytes = s.follows;
  m.stateRows = (await repo.readingStateSize()).rows;
  return m;
}

function rows(name: string, m: Measured): (string | number)[][] {
  const base = pct(m.baseline, 50);
  return [
    [name, 'latest articles (baseline)', pct(m.baseline, 50), pct(m.baseline, 95), 1],
    [name, 'unread counts (500 follows)', pct(m.counts, 50), pct(m.counts, 95), pct(m.counts, 50) / base],
    [name, 'My Lede first page, after a change', pct(m.page, 50), pct(m.page, 95), pct(m.page, 50) / base],
    [name, 'My Lede first page, counts kept', pct(m.warm, 50), pct(m.warm, 95), pct(m.warm, 50) / base],
  ];
}

export default async function readerBench(): Promise<BenchTable> {
  const out: (string | number)[][] = [];
  const notes: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'lede-reader-bench-'));
  try {
    const path = join(dir, 'lede.db');
    let t = Date.now();
    await fillSqlite(path);
    notes.push(`SQLite filled in ${((Date.now() - t) / 1000).toFixed(0)} s.`);
    const repo = await openStore(`sqlite:${path}`);
    const sqlite = await measure(repo, async () => {
      const db = new Database(path, { readonly: true });
      try {
        const size = (like: string) => Number((db.prepare(`SELECT coalesce(sum(pgsize), 0) AS n FROM dbstat WHERE name LIKE ?`).get(like) as { n: number }).n);
        return { state: size('reading_states%'), follows: size('follows%') + size('folders%') };
      } finally {
        db.close();
      }
    });
    await repo.close();
    out.push(...rows('SQLite', sqlite));
    notes.push(`SQLite: ${sqlite.stateRows} reading-state rows take ${(sqlite.stateBytes / 2 ** 20).toFixed(1)} MiB with their indexes (${(sqlite.stateBytes / sqlite.stateRows).toFixed(0)} B/row); ${USERS * FOLLOWS} follows and ${USERS * FOLDERS} folders ${(sqlite.followBytes / 2 ** 20).toFixed(1)} MiB; a sampled reader has ${sqlite.unread.toFixed(0)} unread.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const server = process.env.LEDE_BENCH_PG_URL ?? `postgres://${userInfo().username}@127.0.0.1:5432/test`;
  const name = `lede_reader_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = server.replace(/\/[^/]*$/, `/${name}`);
    const t = Date.now();
    await fillPostgres(url);
    notes.push(`PostgreSQL filled in ${((Date.now() - t) / 1000).toFixed(0)} s.`);
    const repo = await openStore(url);
    const pgm = await measure(repo, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const r = await c.query(`SELECT pg_total_relation_size('reading_states') AS s, pg_total_relation_size('follows') + pg_total_relation_size('folders') AS f`);
        return { state: Number(r.rows[0].s), follows: Number(r.rows[0].f) };
      } finally {
        await c.end();
      }
    });
    await repo.close();
    out.push(...rows('PostgreSQL', pgm));
    notes.push(`PostgreSQL: ${pgm.stateRows} reading-state rows take ${(pgm.stateBytes / 2 ** 20).toFixed(1)} MiB with their indexes (${(pgm.stateBytes / pgm.stateRows).toFixed(0)} B/row); follows and folders ${(pgm.followBytes / 2 ** 20).toFixed(1)} MiB.`);
  } catch (e) {
    notes.push(`PostgreSQL skipped: ${(e as Error).message}`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end().catch(() => {});
  }

  return {
    title: `Reader: ${ARTICLES} articles, ${FEEDS} feeds, ${USERS} readers following ${FOLLOWS} feeds each in ${FOLDERS} folders (ms, ${SAMPLE_USERS} readers × 2 passes)`,
    columns: ['store', 'query', 'p50 ms', 'p95 ms', 'p50 × baseline'],
    rows: out,
    notes,
  };
}
