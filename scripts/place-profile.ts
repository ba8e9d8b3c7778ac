// Profiling aid for store-path placement: fills a store (sqlite :memory: or a fresh PostgreSQL database)
// with N scale-corpus articles, then places 500 more and prints each statement's count and
// client-observed wall time per placement (on SQLite the statement's own time, COMMIT included). With
// PROFILE=out.cpuprofile the measured placements alone are CPU-profiled (200 µs sampling). On PostgreSQL
// it also prints the server's CPU per placement (utime + stime of the database's backends, from /proc: a
// local server only).
// KEEP=tag (PostgreSQL): the filled store is kept as database lede_place_<tag>_<N> (VACUUM ANALYZE'd) and a
// later run with the same tag and N starts from a copy of it (CREATE DATABASE … TEMPLATE, seconds instead
// of the fill's minutes), this process's decoded-story cache warmed with the newest stories as a fill
// would leave it. Drop it with DROP DATABASE when done. Use one tag per commit compared: the fill is the
// code's own. EXPLAIN=1 with a kept database: auto_explain logs every statement's plan and node times in
// the server's log (JSON). COUNT=n places n articles instead of 500. CLOCK=cpu times SQLite's statements in CPU time, not wall. SQLITE_FILE=path places into a new file store
// instead of :memory:. CONCURRENCY=n places n at a time (see below). PERF_WAIT=s: ten placements first,
// then the backends' pids are printed and the measured placements start s seconds later (for
// `perf record -g -p PIDS`). At the end, how often each named prepared statement was planned.
//   [PROFILE=FILE] [KEEP=tag] node bin/run-ts.js scripts/place-profile.ts sqlite|postgres N
import pg from 'pg';
import Database from 'better-sqlite3';
import { SqliteDb } from '../src/store/sqlite/db.ts';
import { Session } from 'node:inspector';
import { copyFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { warmAsFilled } from '../bench/stories.bench.ts';
import { generateCorpus, loadSentences, scaleVersion, type ScaleArticle } from './gen-scale-corpus.ts';
import { placeVersion, prepareVersion } from '../src/pipeline/stories/index.ts';
import { openStore } from '../src/store/index.ts';
import { openPostgresStore } from '../src/store/postgres/index.ts';
import { DEFAULT_URL, testPostgres, withClient, withDatabase, withUser } from '../test/store/backends.ts';
import { decodeStoryCached } from '../src/pipeline/stories/decoded.ts';
import { dedupWindowOf } from '../src/pipeline/dedup/index.ts';
import { storyWindowOf } from '../src/pipeline/stories/story-window.ts';
import type { StoryId } from '../src/domain/types.ts';
import { processCpuMs } from '../bench/cpu.ts';

const [kind = 'sqlite', n = '10000'] = process.argv.slice(2);
const size = Number(n);
const server = kind === 'postgres' ? await testPostgres() : null;
const keep = server && process.env.KEEP ? `lede_place_${process.env.KEEP.replace(/\W/g, '_')}_${size}` : null;
const adminUrl = withUser(process.env.LEDE_TEST_PG_URL || DEFAULT_URL);
const kept = keep !== null && (await withClient(adminUrl, (c) => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [keep]))).rowCount === 1;
// SQLITE_FILE=path: a file store (as `lede ingest` runs; the file must not exist yet), else :memory:.
// SQLITE_FROM=snapshot (with SQLITE_FILE): the store starts as a copy of a filled one (a snapshot the stories
// bench keeps with LEDE_BENCH_SNAPSHOTS, filled from the same corpus; DIR/sqlite-N-less1000.db holds N − 1000 articles,
// so pass N − 1000), its caches warmed as a fill leaves them. WARMUP=1000 then places as the bench does before it measures.
const sqliteFrom = !server && process.env.SQLITE_FROM && process.env.SQLITE_FILE ? process.env.SQLITE_FROM : null;
if (sqliteFrom) copyFileSync(sqliteFrom, process.env.SQLITE_FILE!);
let url = server ? await server.createDatabase() : `sqlite:${process.env.SQLITE_FILE || ':memory:'}`;
const { sentences } = loadSentences();
const gen = generateCorpus(size + Number(process.env.COUNT ?? 500) + Number(process.env.WARMUP ?? 0), sentences, { seed: 2 });
if (kept) {
  await server!.dropDatabase(url);
  url = withDatabase(adminUrl, `lede_test_${process.pid}_copy`);
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${new URL(url).pathname.slice(1)} TEMPLATE ${keep}`));
  for (let i = 0; i < size; i++) gen.next();
  console.log(`${kind} ${size}: from kept database ${keep}`);
}
if (kept && process.env.EXPLAIN) {
  // Every statement's plan with its nodes' times, in the server's log (auto_explain, JSON): per new connection.
  const name = new URL(url).pathname.slice(1);
  await withClient(adminUrl, async (c) => {
    for (const [k, v] of [['session_preload_libraries', 'auto_explain'], ['auto_explain.log_min_duration', '0'], ['auto_explain.log_analyze', 'on'],
      ['auto_explain.log_buffers', 'on'], ['auto_explain.log_nested_statements', 'on'], ['auto_explain.log_format', 'json'], ['auto_explain.log_wal', 'on']]) {
      await c.query(`ALTER DATABASE ${name} SET ${k} = '${v}'`);
    }
  });
}
let repo = server ? await openPostgresStore(url) : await openStore(url);
if (sqliteFrom) {
  for (let i = 0; i < size; i++) gen.next();
  const db = new Database(process.env.SQLITE_FILE!, { readonly: true });
  await warmAsFilled(db, repo);
  db.close();
  console.log(`${kind} ${size}: from snapshot ${sqliteFrom}`);
} else if (!kept) {
  const fill0 = performance.now();
  for (let i = 0; i < size; i++) await placeVersion(repo, scaleVersion(gen.next().value as ScaleArticle));
  console.log(`${kind} ${size}: filled in ${((performance.now() - fill0) / 1000).toFixed(0)} s`);
}
if (keep && !kept) {
  await repo.close();
  await withClient(url, (c) => c.query('VACUUM ANALYZE'));
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${keep} TEMPLATE ${new URL(url).pathname.slice(1)}`));
  repo = await openPostgresStore(url);
}
if (kept) {
  // The decoded-story cache as a fill leaves it: the newest stories, oldest first (least recently used).
  const ids = await withClient(url, async (c) => (await c.query<{ id: number }>(
    'SELECT story_id AS id FROM (SELECT story_id, last_seen FROM story_states ORDER BY last_seen DESC, story_id DESC LIMIT 8192) s ORDER BY last_seen, story_id')).rows.map((r) => Number(r.id)));
  const states = new Map((await repo.getStoryStates(ids as StoryId[])).map((s) => [s.storyId as number, s]));
  for (const id of ids) decodeStoryCached(states.get(id)!);
  await dedupWindowOf(repo).catchUp(repo); // the fingerprints a filling process holds
  await storyWindowOf(repo).catchUp(repo); // and the stories
}
const prepared = [...gen].slice(0, Number(process.env.COUNT ?? 500) + Number(process.env.WARMUP ?? 0)).map(scaleVersion).map((v) => prepareVersion(v));
const stats = new Map<string, { n: number; ms: number }>();
// CLOCK=cpu: SQLite statements timed by this process's CPU time, which other jobs on a busy machine do not inflate.
const clock = process.env.CLOCK === 'cpu' ? () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; } : () => performance.now();
let on = false;
// A statement's name in the table: its first 100 characters, white space folded (BEGIN with its lock ids,
// one text per placement, counted as one statement). Kept per SQL text: folding a lookup's kilobyte of SQL
// on every call was a tenth of a millisecond per placement of this process's CPU, measured with the rest.
const heads = new Map<string, string>();
const headOf = (sql: string): string => {
  let head = heads.get(sql);
  if (head === undefined) {
    head = sql.replace(/\s+/g, ' ').trim().replace(/\(VALUES .*\) AS t/, '(VALUES …) AS t').slice(0, 100);
    if (heads.size < 10_000) heads.set(sql, head);
  }
  return head;
};
const query = pg.Client.prototype.query;
const clients = new Set<pg.Client>();
pg.Client.prototype.query = function (this: pg.Client, q: unknown, ...rest: unknown[]) {
  if (on) clients.add(this);
  if (!on) return (query as (...a: unknown[]) => unknown).call(this, q, ...rest);
  const sql = typeof q === 'string' ? q : (q as { text?: string } | null)?.text ?? '?';
  const head = headOf(sql);
  const t0 = performance.now();
  const done = () => { const s = stats.get(head) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t0; stats.set(head, s); };
  const cb = rest[rest.length - 1];
  if (typeof cb === 'function') {
    rest[rest.length - 1] = (...a: unknown[]) => { done(); return (cb as (...x: unknown[]) => unknown)(...a); };
    return (query as (...a: unknown[]) => unknown).call(this, q, ...rest);
  }
  const r = (query as (...a: unknown[]) => Promise<unknown>).call(this, q, ...rest);
  return r.then((x) => { done(); return x; }, (e) => { done(); throw e; });
} as typeof query;
// Writes to the server's sockets (round trips: statements sent together in one write count once).
let writes = 0;
const sock = net.Socket.prototype as unknown as Record<'_write' | '_writev', (...a: unknown[]) => unknown>;
for (const m of ['_write', '_writev'] as const) {
  const orig = sock[m];
  sock[m] = function (this: unknown, ...a: unknown[]) { if (on) writes++; return orig.apply(this, a); };
}
const session = new Session();
session.connect();
const post = (m: string, p?: object) => new Promise<unknown>((res, rej) => session.post(m, p ?? {}, (e, r) => (e ? rej(e) : res(r))));
if (process.env.PROFILE) { await post('Profiler.enable'); await post('Profiler.setSamplingInterval', { interval: 200 }); await post('Profiler.start'); }
if (!server) {
  const proto = SqliteDb.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const m of ['all', 'get', 'exec', 'insert']) {
    const orig = proto[m]!;
    proto[m] = function (this: unknown, sql: unknown, ...rest: unknown[]) {
      if (!on) return orig.call(this, sql, ...rest);
      const head = headOf(String(sql));
      const t0 = clock();
      try { return orig.call(this, sql, ...rest); } finally { const s = stats.get(head) ?? { n: 0, ms: 0 }; s.n++; s.ms += clock() - t0; stats.set(head, s); }
    };
  }
  const dbProto = Database.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const origExec = dbProto.exec!;
  dbProto.exec = function (this: unknown, sql: unknown) {
    if (!on) return origExec.call(this, sql);
    const head = 'conn.exec ' + String(sql).slice(0, 40);
    const t0 = clock();
    try { return origExec.call(this, sql); } finally { const s = stats.get(head) ?? { n: 0, ms: 0 }; s.n++; s.ms += clock() - t0; stats.set(head, s); }
  };
}
/** CPU ms (utime + stime) of the server backends of the measured database, from /proc. */
const serverCpuMs = async (): Promise<number | null> => {
  if (!server) return null;
  const name = new URL(url).pathname.slice(1);
  const pids = await withClient(adminUrl, async (c) =>
    (await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows.map((x) => x.pid));
  return processCpuMs(pids);
};
if (server && process.env.PERF_WAIT) {
  // For a profiler of the server (perf record -g -p PIDS): ten placements open the connections, their
  // backends' pids are printed, and the measured placements start PERF_WAIT seconds later.
  for (const p of prepared.splice(0, 10)) await placeVersion(repo, p);
  const name = new URL(url).pathname.slice(1);
  const pids = await withClient(adminUrl, async (c) => (await c.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows.map((r) => r.pid));
  console.log(`backends: ${pids.join(',')}`);
  await new Promise((r) => setTimeout(r, Number(process.env.PERF_WAIT) * 1000));
}
// WARMUP=n: n placements first, not measured (a store started from a snapshot warms its page cache).
for (const p of prepared.splice(0, Number(process.env.WARMUP ?? 0))) await placeVersion(repo, p);
const server0 = await serverCpuMs();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
on = true;
// CONCURRENCY=n: the placements run as n chains at once, as ingest's workers store them (on SQLite, waiting
// transactions share a COMMIT); each chain places its articles in order.
const chains = Number(process.env.CONCURRENCY ?? 1);
await Promise.all(Array.from({ length: chains }, async (_, c) => {
  for (let i = c; i < prepared.length; i += chains) await placeVersion(repo, prepared[i]!);
}));
on = false;
if (process.env.PROFILE) {
  const { profile } = (await post('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
  writeFileSync(process.env.PROFILE, JSON.stringify(profile));
}
const cpu = process.cpuUsage(cpu0);
const wall = (performance.now() - t0) / prepared.length;
const server1 = await serverCpuMs();
const serverMs = server0 !== null && server1 !== null ? ` server CPU ${((server1 - server0) / prepared.length).toFixed(3)} ms,` : '';
const sent = [...stats.values()].reduce((a, s) => a + s.n, 0) / prepared.length;
console.log(`${kind} ${size}: CPU ${((cpu.user + cpu.system) / 1000 / prepared.length).toFixed(3)} ms (system ${(cpu.system / 1000 / prepared.length).toFixed(3)}),${serverMs} wall ${wall.toFixed(3)} ms per placement` +
  (server ? `, ${sent.toFixed(2)} statements, ${(writes / prepared.length).toFixed(2)} writes` : ''));
for (const [head, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`${(s.n / prepared.length).toFixed(2).padStart(6)} × ${(s.ms / prepared.length).toFixed(3).padStart(7)} ms  ${head}`);
}
// Which of the named prepared statements run on generic plans (planned once) or custom plans (planned per call).
for (const c of clients) {
  const { rows } = await (query as unknown as (this: pg.Client, q: string) => Promise<unknown>).call(c, `SELECT generic_plans, custom_plans, left(regexp_replace(statement, '\\s+', ' ', 'g'), 80) AS sql
    FROM pg_prepared_statements ORDER BY custom_plans + generic_plans DESC`) as unknown as { rows: { generic_plans: number; custom_plans: number; sql: string }[] };
  for (const r of rows) console.log(`  plans: ${String(r.generic_plans).padStart(5)} generic ${String(r.custom_plans).padStart(5)} custom  ${r.sql}`);
}
await repo.close();
if (server) await server.dropDatabase(url);
