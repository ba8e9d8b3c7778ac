// PostgreSQL at scale: ingest throughput with 1, 2 and 4 `lede ingest --once` processes sharing one
// PostgreSQL (SQLite, one process, beside them as the baseline), over the loopback newswire of the
// concurrency test; then article page and search latency on PostgreSQL with 100k articles.
//
//   npm run bench -- postgres
//   LEDE_BENCH_WIRE_ARTICLES=2000 LEDE_BENCH_ARTICLES=100000 npm run bench -- postgres
//
// Needs a PostgreSQL server (LEDE_TEST_PG_URL, default postgres://127.0.0.1:5432/test): the embedded
// engine runs one backend and would measure nothing about workers.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config/index.ts';
import { openStore } from '../src/store/index.ts';
import { openPostgresStore } from '../src/store/postgres/index.ts';
import type { Repository } from '../src/store/repository.ts';
import { startWeb } from '../src/web/index.ts';
import { generateWire, startNewswire, type Newswire } from '../test/jobs/concurrency-newswire.ts';
import { DEFAULT_URL, testPostgres, withDatabase, withUser } from '../test/store/backends.ts';
import { median, type BenchTable } from './table.ts';

const WIRE = Number(process.env.LEDE_BENCH_WIRE_ARTICLES ?? 600);
const BULK = Number(process.env.LEDE_BENCH_ARTICLES ?? 100_000);

async function register(repo: Repository, wire: Newswire): Promise<void> {
  for (let o = 0; o < wire.outlets; o++) {
    const source = await repo.addSource({ name: wire.outletName(o), homeUrl: wire.homeUrl(o) });
    await repo.addFeed({ sourceId: source.id, url: wire.feedUrl(o) });
  }
}

function ingest(databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/lede.js', 'ingest', '--once', '--concurrency', '3'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env, LEDE_DATABASE_URL: databaseUrl, LEDE_ALLOW_PRIVATE_NETWORKS: '1',
        LEDE_FETCH_MIN_DELAY_MS: '0', LEDE_FETCH_PER_HOST_CONCURRENCY: '32',
      },
    });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`lede ingest exited ${code}: ${err.slice(-500)}`))));
  });
}

async function ingestRates(): Promise<BenchTable> {
  const server = await testPostgres();
  if (server.kind !== 'server') throw new Error('bench/postgres needs a PostgreSQL server (LEDE_TEST_PG_URL)');
  const wire = await startNewswire({ articles: WIRE, outlets: 12, copyShare: 0.1, paragraphs: 1, seed: 3 });
  const pages = wire.articles.length + wire.copies.length;
  const rows: (string | number)[][] = [];
  let baseline = 0;
  try {
    // SQLite, one process: the baseline.
    const dir = mkdtempSync(join(tmpdir(), 'lede-bench-'));
    try {
      const url = `sqlite:${join(dir, 'lede.db')}`;
      const repo = await openStore(url);
      await register(repo, wire);
      await repo.close();
      const t = performance.now();
      await ingest(url);
      const secs = (performance.now() - t) / 1000;
      baseline = pages / secs;
      rows.push(['SQLite', 1, secs, baseline, 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const workers of [1, 2, 4]) {
      const url = await server.createDatabase();
      try {
        const repo = await openPostgresStore(url);
        await register(repo, wire);
        await repo.close();
        const t = performance.now();
        await Promise.all(Array.from({ length: workers }, () => ingest(url)));
        const secs = (performance.now() - t) / 1000;
        rows.push(['PostgreSQL', workers, secs, pages / secs, pages / secs / baseline]);
      } finally {
        await server.dropDatabase(url);
      }
    }
  } finally {
    await wire.close();
  }
  return {
    title: `Ingest over loopback: ${pages} pages (${wire.articles.length} articles + ${wire.copies.length} copies, 12 feeds), lede ingest --once processes`,
    columns: ['store', 'processes', 'seconds', 'pages/s', 'vs SQLite'],
    rows,
    notes: ['Wall time from spawn to the last exit, process start-up (~2 s) included; each process reads 3 feeds at once.'],
  };
}

/** Writes `n` articles (one version each) with stories of 1–4, straight into the tables. */
export async function bulkLoad(url: string, n: number): Promise<void> {
  const { articles } = generateWire({ articles: n, outlets: 40, copyShare: 0, paragraphs: 3, seed: 17 });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query('SET CONSTRAINTS ALL DEFERRED');
    const stories = new Map<number, string>();
    for (const a of articles) if (!stories.has(a.story)) stories.set(a.story, a.published);
    const storyRows = [...stories];
    for (let i = 0; i < storyRows.length; i += 5000) {
      const part = storyRows.slice(i, i + 5000);
      await c.query(
        `INSERT INTO stories (id, title, first_seen, last_seen) SELECT s, 'Story ' || s, t, t FROM unnest($1::bigint[], $2::timestamptz[]) AS x(s, t)`,
        [part.map(([s]) => s + 1), part.map(([, t]) => t)],
      );
    }
    for (let i = 0; i < articles.length; i += 2000) {
      const part = articles.slice(i, i + 2000);
      const cols = {
        id: part.map((a) => a.id + 1), story: part.map((a) => a.story + 1), title: part.map((a) => a.title),
        text: part.map((a) => a.paragraphs.join('\n\n')), html: part.map((a) => a.paragraphs.map((p) => `<p>${p}</p>`).join('\n')),
        lede: part.map((a) => a.paragraphs[0]!), outlet: part.map((a) => `Outlet ${a.outlet}`),
        url: part.map((a) => `https://o${a.outlet}.example/a/${a.id}`), at: part.map((a) => a.published),
      };
      await c.query(
        `INSERT INTO articles (id, story_id, canonical_version_id, title, text, html, lede, language, url, outlet, published, first_seen)
         SELECT id, story, id, title, text, html, lede, 'en', url, outlet, at, at
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
           AS x(id, story, title, text, html, lede, outlet, url, at)`,
        [cols.id, cols.story, cols.title, cols.text, cols.html, cols.lede, cols.outlet, cols.url, cols.at],
      );
      await c.query(
        `INSERT INTO versions (id, article_id, outlet, url, title, text, html, lede, language, published, fetched_at, content_hash)
         SELECT id, id, outlet, url, title, text, html, lede, 'en', at, at, md5(text)
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
           AS x(id, title, text, html, lede, outlet, url, at)`,
        [cols.id, cols.title, cols.text, cols.html, cols.lede, cols.outlet, cols.url, cols.at],
      );
    }
    for (const t of ['stories', 'articles', 'versions']) {
      await c.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`);
    }
    await c.query('COMMIT');
    // As autovacuum would: statistics, and the GIN pending list merged into the search index.
    await c.query('VACUUM ANALYZE');
  } finally {
    await c.end();
  }
}

async function latencies(): Promise<BenchTable> {
  const server = await testPostgres();
  if (server.kind !== 'server') throw new Error('bench/postgres needs a PostgreSQL server (LEDE_TEST_PG_URL)');
  // LEDE_BENCH_PG_KEEP=NAME keeps the loaded database under that name and reuses it on the next run.
  const keep = process.env.LEDE_BENCH_PG_KEEP;
  const url = keep ? keptUrl(keep) : await server.createDatabase();
  const reuse = keep ? await databaseExists(url) : false;
  if (keep && !reuse) await createDatabase(url);
  try {
    const t = performance.now();
    if (!reuse) await bulkLoad(url, BULK);
    const loadSecs = (performance.now() - t) / 1000;
    const repo = await openPostgresStore(url);
    const web = await startWeb({ repo, config: loadConfig({ databaseUrl: url, port: 0 }), port: 0 });
    try {
      const { articles } = generateWire({ articles: 2000, outlets: 40, copyShare: 0, paragraphs: 3, seed: 17 });
      const timeIt = async (fn: (i: number) => Promise<unknown>, n: number) => {
        const xs: number[] = [];
        for (let i = 0; i < n; i++) {
          const s = performance.now();
          await fn(i);
          xs.push(performance.now() - s);
        }
        xs.sort((a, b) => a - b);
        return { median: median(xs), p95: xs[Math.floor(xs.length * 0.95)]! };
      };
      const ids = Array.from({ length: 200 }, (_, i) => 1 + ((i * 7919) % BULK)); // distinct: no page cache hits
      const get = async (path: string) => {
        const res = await fetch(web.url + path);
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
        await res.text();
      };
      // Warm-up: connections, plans, the first page render.
      for (let i = 0; i < 10; i++) await get(`/article/${ids[i]}`);
      const words = articles.flatMap((a) => a.title.split(' ').filter((w) => /^[A-Z]/.test(w))).slice(0, 400);
      const rows: (string | number)[][] = [];
      const page = await timeIt((i) => get(`/article/${ids[i]}`), ids.length);
      rows.push(['GET /article/:id (web, PostgreSQL)', ids.length, page.median, page.p95]);
      const direct = await timeIt((i) => repo.getArticle(ids[i]! as never), ids.length);
      rows.push(['repo.getArticle', ids.length, direct.median, direct.p95]);
      const one = await timeIt((i) => repo.search(words[i]!, { limit: 20 }), 200);
      rows.push(['repo.search, one rare word', 200, one.median, one.p95]);
      const common = ['the', 'said after', 'the -was', '"said the"', 'of or with'];
      const broad = await timeIt((i) => repo.search(common[i % common.length]!, { limit: 20 }), 50);
      rows.push(['repo.search, common words (many hits)', 50, broad.median, broad.p95]);
      const sp = await timeIt((i) => get(`/search?q=${encodeURIComponent(words[200 + (i % 200)]!)}`), 100);
      rows.push(['GET /search?q= (web)', 100, sp.median, sp.p95]);
      return {
        title: `PostgreSQL with ${BULK.toLocaleString('en')} articles: page and search latency (ms)`,
        columns: ['request', 'n', 'median ms', 'p95 ms'],
        rows,
        notes: [`Bulk load of ${BULK} articles with versions and stories: ${loadSecs.toFixed(0)} s. Requests one at a time over loopback.`],
      };
    } finally {
      await web.close();
      await repo.close();
    }
  } finally {
    if (!keep) await server.dropDatabase(url);
  }
}

// The server the store tests use; LEDE_BENCH_PG_KEEP names a database on it.
const ADMIN_URL = withUser(process.env.LEDE_TEST_PG_URL || DEFAULT_URL);
const keptUrl = (name: string) => withDatabase(ADMIN_URL, name.replace(/[^\w-]/g, ''));

async function adminQuery(sql: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

async function databaseExists(url: string): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  return (await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`)).rowCount === 1;
}

async function createDatabase(url: string): Promise<void> {
  await adminQuery(`CREATE DATABASE "${new URL(url).pathname.slice(1).replace(/"/g, '')}"`);
  await (await openPostgresStore(url)).close(); // the schema
}

// LEDE_BENCH_PG_PART=latency (or ingest) runs one half.
const PART = process.env.LEDE_BENCH_PG_PART;
export default async (): Promise<BenchTable[]> => [
  ...(PART === 'latency' ? [] : [await ingestRates()]),
  ...(PART === 'ingest' ? [] : [await latencies()]),
];
