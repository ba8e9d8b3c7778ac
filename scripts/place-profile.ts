// Profiling aid for store-path placement: fills a store (sqlite :memory: or a fresh PostgreSQL database)
// with N scale-corpus articles, then places 500 more and prints each statement's count and
// client-observed wall time per placement (on SQLite the statement's own time, COMMIT included). With
// PROFILE=out.cpuprofile the measured placements alone are CPU-profiled (200 µs sampling).
//   [PROFILE=FILE] node bin/run-ts.js scripts/place-profile.ts sqlite|postgres N
// SQLite only: SNAPSHOT=path.db keeps the filled store (VACUUM INTO) and, when that file exists, starts from
// a copy of it loaded into memory (as the bench's store; SNAPSHOT_FILE=1: a copy on disk, as ingest runs
// it) instead of filling again; 200 unmeasured placements then warm this process's caches before the
// measured 500.
import { createHash } from 'node:crypto';
import pg from 'pg';
import Database from 'better-sqlite3';
import { SqliteDb } from '../src/store/sqlite/db.ts';
import { Session } from 'node:inspector';
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { generateCorpus, loadSentences, type ScaleArticle } from './gen-scale-corpus.ts';
import { placeVersion, prepareVersion } from '../src/pipeline/stories/index.ts';
import { openStore } from '../src/store/index.ts';
import { openPostgresStore } from '../src/store/postgres/index.ts';
import type { NewVersion } from '../src/store/ports/articles.ts';
import { testPostgres } from '../test/store/backends.ts';

const [kind = 'sqlite', n = '10000'] = process.argv.slice(2);
const size = Number(n);
const toVersion = (a: ScaleArticle): NewVersion => {
  const at = new Date(a.published).toISOString();
  return {
    sourceId: null, feedId: null, outlet: `outlet-${a.n % 50}`, url: `https://outlet${a.n % 50}.example/a/${a.n}`,
    canonicalUrl: null, title: a.title, byline: null, text: a.text, html: '', lede: null, image: null,
    language: 'en', published: at, fetchedAt: at, contentHash: createHash('sha256').update(a.text).digest('hex'),
  };
};
let openedDb: SqliteDb | null = null;
const migrateDb = SqliteDb.prototype.migrate;
SqliteDb.prototype.migrate = function (this: SqliteDb) { openedDb = this; return migrateDb.call(this); };
const server = kind === 'postgres' ? await testPostgres() : null;
const snapshot = server ? undefined : process.env.SNAPSHOT;
const fromSnapshot = snapshot !== undefined && existsSync(snapshot);
const onDisk = fromSnapshot && process.env.SNAPSHOT_FILE === '1';
if (onDisk) copyFileSync(snapshot, `${snapshot}.run`);
for (const f of ['-wal', '-shm']) rmSync(`${snapshot}.run${f}`, { force: true });
const url = server ? await server.createDatabase() : onDisk ? `sqlite:${snapshot}.run` : 'sqlite::memory:';
const repo = server ? await openPostgresStore(url) : await openStore(url);
if (fromSnapshot && !onDisk) {
  // The snapshot's image becomes this in-memory store's connection, then migrates to this schema.
  const file = new Database(snapshot, { readonly: true });
  const db = openedDb! as unknown as { conn: Database.Database; statements: Map<string, unknown> };
  db.conn.close();
  db.conn = new Database(file.serialize());
  file.close();
  db.statements.clear();
  db.conn.pragma('foreign_keys = ON');
  openedDb!.migrate();
}
const { sentences } = loadSentences();
const gen = generateCorpus(size + 700, sentences, { seed: 2 });
for (let i = 0; i < size; i++) {
  const a = gen.next().value as ScaleArticle;
  if (!fromSnapshot) await placeVersion(repo, toVersion(a));
}
if (snapshot && !fromSnapshot) openedDb!.conn.exec(`VACUUM INTO '${snapshot.replace(/'/g, "''")}'`);
const rest = [...gen].map(toVersion);
for (const v of rest.slice(0, 200)) await placeVersion(repo, v);
const prepared = rest.slice(200).map((v) => prepareVersion(v));
const stats = new Map<string, { n: number; ms: number }>();
let on = false;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, q: unknown, ...rest: unknown[]) {
  if (!on) return (query as (...a: unknown[]) => unknown).call(this, q, ...rest);
  const sql = typeof q === 'string' ? q : (q as { text?: string } | null)?.text ?? '?';
  const head = sql.replace(/\s+/g, ' ').trim().slice(0, 100);
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
      const head = String(sql).replace(/\s+/g, ' ').trim().slice(0, 100);
      const t0 = performance.now();
      try { return orig.call(this, sql, ...rest); } finally { const s = stats.get(head) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t0; stats.set(head, s); }
    };
  }
  const dbProto = Database.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const origExec = dbProto.exec!;
  dbProto.exec = function (this: unknown, sql: unknown) {
    if (!on) return origExec.call(this, sql);
    const head = 'conn.exec ' + String(sql).slice(0, 40);
    const t0 = performance.now();
    try { return origExec.call(this, sql); } finally { const s = stats.get(head) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t0; stats.set(head, s); }
  };
}
const cpu0 = process.cpuUsage();
const t0 = performance.now();
on = true;
for (const p of prepared) await placeVersion(repo, p);
on = false;
if (process.env.PROFILE) {
  const { profile } = (await post('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
  writeFileSync(process.env.PROFILE, JSON.stringify(profile));
}
const cpu = process.cpuUsage(cpu0);
console.log(`${kind} ${size}: CPU ${((cpu.user + cpu.system) / 1000 / prepared.length).toFixed(3)} ms, wall ${((performance.now() - t0) / prepared.length).toFixed(3)} ms per placement`);
for (const [head, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`${(s.n / prepared.length).toFixed(2).padStart(6)} × ${(s.ms / prepared.length).toFixed(3).padStart(7)} ms  ${head}`);
}
await repo.close();
if (server) await server.dropDatabase(url);
