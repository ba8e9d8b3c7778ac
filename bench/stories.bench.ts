// Per-article cost of placement (dedup + story assignment, the one algorithm ingest runs) with 10k and
// 100k articles already indexed (1M with LEDE_BENCH_1M=1), in-memory index, scale corpus from scripts/gen-scale-corpus.ts. The 10k run is the
// baseline in the same process; the target is ≤ 2 ms per article at 1M and within 1.5× of 10k.
// LEDE_BENCH_SIZES=10000,50000 picks other sizes. The store-backed table (placeVersion on a SQLite file
// store in a temporary directory, what `lede ingest` runs; :memory: with LEDE_BENCH_SQLITE_MEMORY=1) takes LEDE_BENCH_SQLITE_SIZES=2000,10000,… (0 skips it); the same on
// PostgreSQL (a fresh database on the test server, dropped after) LEDE_BENCH_PG_SIZES=10000,100000.
// LEDE_BENCH_SIZES=0 skips the in-memory table. LEDE_BENCH_SNAPSHOTS=DIR keeps each filled SQLite store
// there (DIR/sqlite-N-less1000.db: the store before the fill's last WARM = 1,000 placements) and starts from it on
// the next run instead of filling again (a 100k fill takes 3 to 20 minutes); the measuring process's caches are
// then warmed as a filling process would hold them, and it places the fill's last 1,000 articles itself. For
// comparing two commits side by side only: an image loaded into memory is read through SQLite's page
// cache, not held in it as a store filled in this process is, so its figures run higher than a fill's.
// Each row is also written to stderr as soon as it is measured, so a long run is not lost whole.
import { storyWindowOf } from '../src/pipeline/stories/story-window.ts';
import { dedupWindowOf, fingerprintText, storeFingerprint } from '../src/pipeline/dedup/index.ts';
import { StoryClusterer } from '../src/pipeline/stories/index.ts';
import { generateCorpus, loadSentences, scaleVersion, type ScaleArticle } from '../scripts/gen-scale-corpus.ts';
import { placeVersion, prepareVersion } from '../src/pipeline/stories/index.ts';
import { SqliteDb } from '../src/store/sqlite/db.ts';
import { createSqliteRepository } from '../src/store/sqlite/index.ts';
import { copySqliteToPostgres } from '../src/store/postgres/copy.ts';
import { decodeStoryCached, snapshotStoryCache } from '../src/pipeline/stories/decoded.ts';
import { termStatsOf } from '../src/pipeline/stories/term-stats.ts';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { StoryId } from '../src/domain/types.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from '../src/store/postgres/index.ts';
import type { Repository } from '../src/store/repository.ts';
import { testPostgres, withClient } from '../test/store/backends.ts';
import pg from 'pg';
import net from 'node:net';
import { median, type BenchTable } from './table.ts';
import { processCpuMs } from './cpu.ts';

const MEASURED = 3000;
/** The store-backed table on SQLite :memory: instead of a file (the figures before 2026-12-06). */
const memoryStore = process.env.LEDE_BENCH_SQLITE_MEMORY === '1';
const BATCH = 100;
/** Placements at once in the last measurement, as `lede ingest`'s workers (its default concurrency) store them. */
const CONCURRENT = 8;
/**
 * The last placements of every fill, which every store of a row (the SQLite file, the PostgreSQL copy, a snapshot's
 * copy) gets from this process before it is measured. A process that starts from a copy measured its first
 * placements cold: its code not yet optimized (the compiler's threads count in its CPU) and its store's pages not
 * yet mapped, 0.4–1 ms a placement more than after a fill (docs/benchmarks.md, tenth session). Snapshots and the
 * PostgreSQL copy hold the store before these placements, and the process places them again, as a fill does.
 */
const WARM = 1000;

function sizes(): number[] {
  if (process.env.LEDE_BENCH_SIZES) return process.env.LEDE_BENCH_SIZES.split(',').map(Number).filter((n) => n > 0);
  return process.env.LEDE_BENCH_1M ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
}

const mib = (b: number) => b / 1024 / 1024;
const progress = (table: string, row: (string | number)[]) =>
  process.stderr.write(`stories bench (${table}): ${row.map((x) => (typeof x === 'number' ? x.toPrecision(3) : x)).join(' | ')}\n`);


/**
 * Every statement sent to PostgreSQL by this process while `counting` is set, and the writes that carried
 * them (round trips: statements that need no answer go with the next one, in one write; see store/postgres/db.ts).
 */
let statements = 0;
let writes = 0;
let counting = false;
function countStatements(): void {
  const query = pg.Client.prototype.query;
  if ((query as { counted?: boolean }).counted) return;
  const counted = function (this: pg.Client, ...args: unknown[]) {
    if (counting) statements++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query & { counted?: boolean };
  counted.counted = true;
  pg.Client.prototype.query = counted;
  const socket = net.Socket.prototype as unknown as Record<'_write' | '_writev', (...a: unknown[]) => unknown>;
  for (const m of ['_write', '_writev'] as const) {
    const write = socket[m];
    socket[m] = function (this: unknown, ...a: unknown[]) { if (counting) writes++; return write.apply(this, a); };
  }
}

/**
 * placeVersion against a real store: the path `lede ingest` takes. SQLite in memory, filled with N
 * articles by placeVersion in this process; PostgreSQL (a fresh database on the test server) gets a copy
 * of that SQLite store right after its fill (copySqliteToPostgres, what `lede migrate` runs: the same rows,
 * ids and story stamps as placing them one by one would give, in far less time), then the same 500
 * articles are placed into each, this process's decoded-story cache put back as the fill left it between
 * the two. The baseline, on the same store, writes 500 other articles with createArticle alone
 * (fingerprint computed beforehand, no lookups, no story): what storing an article costs, so that the
 * rest is dedup + story assignment.
 */
async function storeTables(sentences: string[], origin: string): Promise<BenchTable[]> {
  const list = (v: string | undefined) => (v ?? '').split(',').map(Number).filter((n) => n > 0);
  const sqliteSizes = list(process.env.LEDE_BENCH_SQLITE_SIZES ?? '2000,10000');
  const pgSizes = list(process.env.LEDE_BENCH_PG_SIZES);
  const sizes = [...new Set([...sqliteSizes, ...pgSizes])].sort((a, b) => a - b);
  const rows: Record<'sqlite' | 'postgres', (string | number)[][]> = { sqlite: [], postgres: [] };
  const baseline: Record<string, number> = {};
  const cpuMsPer = (c: NodeJS.CpuUsage, n: number) => (c.user + c.system) / 1000 / n;
  if (pgSizes.length) countStatements();
  const tmp = mkdtempSync(join(tmpdir(), 'lede-stories-bench-'));
  try {
    for (const size of sizes) {
      const warm = Math.min(WARM, size);
      const snapshot = process.env.LEDE_BENCH_SNAPSHOTS ? join(process.env.LEDE_BENCH_SNAPSHOTS, `sqlite-${size}-less${warm}.db`) : null;
      const fromSnapshot = snapshot !== null && existsSync(snapshot);
      // A file store, as `lede ingest` runs it. In :memory: (LEDE_BENCH_SQLITE_MEMORY=1, the figures before
      // 2026-12-06) every COMMIT also costs time in proportion to the whole database (0.5 ms at 110k pages,
      // measured with better-sqlite3 alone), which no file store pays.
      const path = memoryStore ? ':memory:' : join(tmp, `sqlite-${size}.db`);
      if (fromSnapshot && !memoryStore) copyFileSync(snapshot, path);
      const db = new SqliteDb(path);
      if (fromSnapshot && memoryStore) loadImage(db, snapshot);
      db.migrate();
      const sqlite = createSqliteRepository(db);
      const gen = generateCorpus(size + 1500, sentences, { seed: 2 });
      const fill0 = performance.now();
      // The store before the last `warm` placements: the snapshot where one is kept, and the PostgreSQL copy starts from it.
      const file = snapshot ?? join(tmp, `filled-${size}.db`);
      for (let i = 0; i < size - warm; i++) {
        const a = gen.next().value as ScaleArticle;
        if (fromSnapshot) continue;
        await placeVersion(sqlite, scaleVersion(a));
        if (i % 10_000 === 9_999) process.stderr.write(`stories bench: ${i + 1} stored in ${((performance.now() - fill0) / 1000).toFixed(0)} s\n`);
      }
      if (!fromSnapshot && (snapshot || pgSizes.includes(size))) db.conn.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
      if (fromSnapshot) await warmAsFilled(db.conn, sqlite);
      const restoreCache = snapshotStoryCache();
      const last = Array.from({ length: warm }, () => scaleVersion(gen.next().value as ScaleArticle));
      for (const v of last) await placeVersion(sqlite, v);
      const fillS = (performance.now() - fill0) / 1000;
      const rest = [...gen];
      const placed = rest.slice(0, 500).map(scaleVersion);
      const storedOnly = rest.slice(500, 1000).map((a) => ({ v: scaleVersion(a), fp: storeFingerprint(fingerprintText(a.text)) }));
      // Placed as ingest's workers place them: CONCURRENT at a time, each worker's in order (prepared first).
      const together = rest.slice(1000, 1500).map((a) => prepareVersion(scaleVersion(a)));

      const measure = async (kind: 'sqlite' | 'postgres', repo: Repository, serverMs: () => Promise<number | null>, fill: number) => {
        // The pure part (fingerprint, term counts) apart: ingest does it on the extract/enrich thread.
        const cpuP = process.cpuUsage();
        const t0 = performance.now();
        const prepared = placed.map((v) => prepareVersion(v));
        const prepareMs = cpuMsPer(process.cpuUsage(cpuP), placed.length);
        const server0 = await serverMs();
        const t1 = performance.now();
        const cpu0 = process.cpuUsage();
        statements = 0;
        writes = 0;
        counting = true;
        for (const p of prepared) await placeVersion(repo, p);
        counting = false;
        const storeMs = cpuMsPer(process.cpuUsage(cpu0), placed.length);
        const t2 = performance.now();
        const server1 = await serverMs();
        const perStatement = statements / placed.length;
        const cpuMs = prepareMs + storeMs;
        const cpu1 = process.cpuUsage();
        for (const { v, fp } of storedOnly) await repo.transaction((tx) => tx.createArticle(v, fp));
        const createMs = cpuMsPer(process.cpuUsage(cpu1), storedOnly.length);
        const cpu2 = process.cpuUsage();
        await Promise.all(Array.from({ length: CONCURRENT }, async (_, c) => {
          for (let i = c; i < together.length; i += CONCURRENT) await placeVersion(repo, together[i]!);
        }));
        const togetherMs = cpuMsPer(process.cpuUsage(cpu2), together.length);
        baseline[kind] ??= cpuMs;
        const server = server0 !== null && server1 !== null ? (server1 - server0) / placed.length : null;
        rows[kind].push([
          size.toLocaleString('en'), cpuMs, cpuMs / baseline[kind]!, (t2 - t0) / placed.length, prepareMs, storeMs, (t2 - t1) / placed.length,
          ...(kind === 'postgres' ? [server ?? '?', perStatement, writes / placed.length] : []),
          createMs, cpuMs - createMs, togetherMs, await repo.countArticles(), fill,
        ]);
        progress(kind, rows[kind][rows[kind].length - 1]!);
      };

      if (sqliteSizes.includes(size)) await measure('sqlite', sqlite, async () => null, fillS);
      await sqlite.close();
      if (!memoryStore) rmSync(path, { force: true });
      if (pgSizes.includes(size)) {
        restoreCache();
        const server = await testPostgres();
        if (server.kind !== 'server') throw new Error('the PostgreSQL stories bench needs a server (LEDE_TEST_PG_URL, default 127.0.0.1:5432/test)');
        const url = await server.createDatabase();
        try {
          const copy0 = performance.now();
          await copySqliteToPostgres({ from: file, to: url, batchRows: 2000 });
          await withClient(url, (c) => c.query('VACUUM ANALYZE'));
          const copyS = (performance.now() - copy0) / 1000;
          process.stderr.write(`stories bench: ${size} copied to PostgreSQL in ${copyS.toFixed(0)} s\n`);
          const repo = await openPostgresStore(url);
          try {
            await dedupWindowOf(repo).catchUp(repo); // as the process that filled it holds it
            await storyWindowOf(repo).catchUp(repo);
            for (const v of last) await placeVersion(repo, v);
            await measure('postgres', repo, async () => processCpuMs(await backendPids(url)), fillS + copyS);
          } finally {
            await repo.close();
          }
        } finally {
          await server.dropDatabase(url);
        }
        if (!snapshot) rmSync(file, { force: true });
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const columns = (kind: 'sqlite' | 'postgres') => [
    'stored', 'CPU ms/article', 'vs first size', 'wall ms/article', 'of which prepare (pure, CPU)', 'of which from prepared (under the lock, CPU)',
    'wall ms from prepared', ...(kind === 'postgres' ? ['server CPU ms/article', 'statements/article', 'round trips/article'] : []),
    'baseline: createArticle alone CPU ms', 'dedup + story CPU ms (difference)', `${CONCURRENT} at a time: CPU ms/article (from prepared)`,
    'articles after', 'fill s',
  ];
  const note = `500 articles placed after N are stored, then 500 more stored with createArticle alone, then 500 more placed ${CONCURRENT} at a time ` +
    `(on SQLite, transactions waiting for the connection share a COMMIT); corpus from ${origin}.`;
  return [
    ...(sqliteSizes.length ? [{
      title: `stories: placeVersion (dedup + story assignment + storing) per article against SQLite (${memoryStore ? ':memory:' : 'a file store, WAL'})`,
      columns: columns('sqlite'), rows: rows.sqlite,
      notes: [`${note} LEDE_BENCH_SQLITE_SIZES=… picks sizes (0 skips).`],
    }] : []),
    ...(pgSizes.length ? [{
      title: 'stories: placeVersion (dedup + story assignment + storing) per article against PostgreSQL (a fresh database on the test server)',
      columns: columns('postgres'), rows: rows.postgres,
      notes: [
        `${note} LEDE_BENCH_PG_SIZES=… picks sizes (none by default). Filled as a copy of the SQLite store after its fill ` +
          '(fill s: the SQLite fill and the copy). CPU is this process only; the server\'s own CPU (from /proc, every backend of the ' +
          'database), the statements sent and the round trips (writes) that carried them are apart.',
      ],
    }] : []),
  ];
}

/** Replaces the connection of a fresh in-memory SqliteDb with an image of a stored database file. */
function loadImage(db: SqliteDb, file: string): void {
  const source = new Database(file, { readonly: true });
  const image = source.serialize();
  source.close();
  const d = db as unknown as { conn: Database.Database };
  d.conn.close();
  d.conn = new Database(image);
  d.conn.pragma('foreign_keys = ON');
}

/**
 * What the process that filled a store holds when it goes on placing: the most recent stories decoded
 * (the story cache's size) and every term's count. A process loading a snapshot reads them first, so
 * the placements measured after find the same caches as after a fill in this process.
 */
export async function warmAsFilled(conn: Database.Database, repo: Repository): Promise<void> {
  const ids = conn.prepare('SELECT story_id FROM story_states ORDER BY last_seen DESC LIMIT 8192').pluck().all() as StoryId[];
  for (const s of await repo.getStoryStates(ids.reverse())) decodeStoryCached(s);
  const terms = conn.prepare("SELECT term FROM term_stats WHERE term <> ''").pluck().all() as string[];
  await termStatsOf(repo).weigh(terms);
  await dedupWindowOf(repo).catchUp(repo);
  await storyWindowOf(repo).catchUp(repo);
}

/** The server processes serving database `url` (for their CPU time), this query's own excepted. */
async function backendPids(url: string): Promise<number[]> {
  const name = new URL(url).pathname.slice(1);
  return withClient(url, async (c) =>
    (await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])).rows.map((x) => x.pid));
}

export default async (): Promise<BenchTable[]> => {
  const { sentences, origin } = loadSentences();
  const memory = await memoryTable(sentences, origin);
  return [memory, ...(await storeTables(sentences, origin))];
};

async function memoryTable(sentences: string[], origin: string): Promise<BenchTable> {
  const rows: (string | number)[][] = [];
  let baseline = 0;
  for (const size of sizes()) {
    globalThis.gc?.();
    const before = process.memoryUsage();
    const clusterer = new StoryClusterer();
    const gen = generateCorpus(size + MEASURED, sentences, { seed: 1 });
    const fillStart = performance.now();
    for (let i = 0; i < size; i++) {
      const a = gen.next().value as ScaleArticle;
      await clusterer.place({ title: a.title, text: a.text, published: a.published });
    }
    const fillMs = performance.now() - fillStart;
    process.stderr.write(`stories bench: ${size} indexed in ${(fillMs / 1000).toFixed(0)} s\n`);
    const measured: ScaleArticle[] = [];
    for (const a of gen) measured.push(a);
    const perArticle: number[] = [];
    let copies = 0, found = 0, falseCopies = 0;
    // CPU time as well as wall time: on a shared machine other processes inflate the wall clock.
    const cpu0 = process.cpuUsage();
    for (let b = 0; b < measured.length; b += BATCH) {
      const batch = measured.slice(b, b + BATCH);
      const t0 = performance.now();
      for (const a of batch) {
        const p = await clusterer.place({ title: a.title, text: a.text, published: a.published });
        if (a.copyOf !== null) { copies++; if (!p.isNewArticle) found++; } else if (!p.isNewArticle) falseCopies++;
      }
      perArticle.push((performance.now() - t0) / batch.length);
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / measured.length;
    const after = process.memoryUsage();
    const ms = median(perArticle);
    if (!baseline) baseline = cpuMs;
    rows.push([
      size.toLocaleString('en'), cpuMs, cpuMs / baseline, ms,
      (fillMs / size) * 1000 / 1000, mib(clusterer.index.dedup.bytes), mib(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers), mib(after.rss),
      `${found}/${copies}, ${falseCopies} false`,
    ]);
    progress('memory', rows[rows.length - 1]!);
  }
  return {
    title: 'stories: placement (dedup + story assignment) per article, with N articles already indexed (in memory)',
    columns: ['indexed', 'CPU ms/article', 'vs first size', 'wall ms/article (median)', 'fill wall ms/article', 'dedup index MiB', 'heap+buffers MiB', 'RSS MiB', 'planted copies found'],
    rows,
    notes: [
      `Scale corpus: scripts/gen-scale-corpus.ts over ${sentences.length} real sentences of ${origin}, ~3000 articles a day, 3-day story window.`,
      `Per-article figures over the ${MEASURED} articles placed after the index holds N: CPU time (user+system) per article, and wall-clock medians over batches of ${BATCH}.`,
    ],
  };
}
