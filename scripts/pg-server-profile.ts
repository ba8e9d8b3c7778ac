// The PostgreSQL server's CPU per ingested item, by statement: ingests a scale newswire (bench/newswire.ts) in
// this process into a fresh database and charges each statement the CPU its backend spent since the previous
// statement on the same connection was answered (/proc/<backend pid>/schedstat, in ns; a backend serves one
// connection and runs its statements one after the other, so the time between two answers is the later
// statement's, plus a little of the next one when they were sent together). The server must run on this
// machine. Statements are grouped by their first words.
//   LEDE_PG_DB=pgcpu_profile ARTICLES=2000 node bin/run-ts.js scripts/pg-server-profile.ts
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/index.ts';
import { DEFAULT_URL, withClient, withDatabase, withUser } from '../test/store/backends.ts';
import { subscribeWire } from '../bench/ingest.bench.ts';
import { startScaleWire } from '../bench/newswire.ts';
import { runIngest } from '../src/jobs/index.ts';
import { createFetcher } from '../src/pipeline/fetch/index.ts';

const adminUrl = withUser(process.env.LEDE_TEST_PG_URL || DEFAULT_URL);
const name = process.env.LEDE_PG_DB ?? 'lede_server_profile';
const articles = Number(process.env.ARTICLES ?? 2000);
await withClient(adminUrl, async (c) => {
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
});
const wire = await startScaleWire({ articles, hosts: 60, feeds: 120 });
// Every statement's own CPU as the server measures it (getrusage around parse, bind and execute), sent to the
// client as a notice: what the statement costs apart from the round trip (wake-up, socket reads and writes).
await withClient(adminUrl, (c) => c.query(`ALTER DATABASE ${name} SET log_statement_stats = on`));
await withClient(adminUrl, (c) => c.query(`ALTER DATABASE ${name} SET client_min_messages = log`));
const repo = await openPostgresStore(withDatabase(adminUrl, name));
await subscribeWire(repo, wire);

const cpuNs = (pid: number) => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
const lastNs = new Map<number, number>();
const stats = new Map<string, { n: number; ns: number }>();
const head = (sql: string) => sql.replace(/\s+/g, ' ').replace(/\(VALUES \(.*/, '(VALUES …').trim().slice(0, 100);
const charge = (client: pg.Client, sql: string) => {
  const pid = (client as unknown as { processID: number }).processID;
  const now = cpuNs(pid);
  const ns = now - (lastNs.get(pid) ?? now);
  lastNs.set(pid, now);
  const s = stats.get(sql) ?? { n: 0, ns: 0 };
  s.n++;
  s.ns += ns;
  stats.set(sql, s);
};
const own = new Map<string, number>();
const listening = new WeakSet<pg.Client>();
const listen = (client: pg.Client) => {
  if (listening.has(client)) return;
  listening.add(client);
  client.on('notice', (msg: { message?: string; detail?: string }) => {
    const m = /([\d.]+) s user, ([\d.]+) s system/.exec(msg.detail ?? '');
    if (!m || !/STATISTICS/.test(msg.message ?? '')) return;
    const active = (client as unknown as { _getActiveQuery(): { text?: string } | null })._getActiveQuery();
    const sql = head(active?.text ?? '?');
    own.set(sql, (own.get(sql) ?? 0) + (Number(m[1]) + Number(m[2])) * 1e9);
  });
};
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, q: unknown, ...rest: unknown[]) {
  const sql = head(typeof q === 'string' ? q : (q as { text?: string } | null)?.text ?? '?');
  const pid = (this as unknown as { processID: number }).processID;
  if (!lastNs.has(pid)) lastNs.set(pid, cpuNs(pid));
  listen(this);
  const cb = rest.findIndex((r) => typeof r === 'function');
  if (cb >= 0) {
    const f = rest[cb] as (...a: unknown[]) => unknown;
    rest[cb] = (...a: unknown[]) => { charge(this, sql); return f(...a); };
    return (query as (...a: unknown[]) => unknown).call(this, q, ...rest);
  }
  const p = (query as (...a: unknown[]) => unknown).call(this, q, ...rest) as Promise<unknown>;
  return p.then((r) => { charge(this, sql); return r; }, (e: unknown) => { charge(this, sql); throw e; });
} as typeof query;
const { stored } = await runIngest({
  repo, fetcher: createFetcher({ allowPrivateNetworks: true, minDelayMs: 0 }), concurrency: 8, once: true, pollIntervalMs: 30 * 60_000, threads: 0,
});
pg.Client.prototype.query = query;

const total = [...stats.values()].reduce((a, s) => a + s.ns, 0);
const ownTotal = [...own.values()].reduce((a, b) => a + b, 0);
console.log(`${stored} items stored, server CPU per item: ${(total / 1e6 / stored).toFixed(2)} ms charged to statements, of which ${(ownTotal / 1e6 / stored).toFixed(2)} ms inside them (parse, bind, execute)\n`);
console.log('ms/item  inside  per-stmt ms  stmts/item  statement');
for (const [sql, s] of [...stats].sort((a, b) => b[1].ns - a[1].ns).slice(0, 40)) {
  console.log(`${(s.ns / 1e6 / stored).toFixed(3).padStart(7)}  ${((own.get(sql) ?? 0) / 1e6 / stored).toFixed(3).padStart(6)}  ${(s.ns / 1e6 / s.n).toFixed(3).padStart(11)}  ${(s.n / stored).toFixed(2).padStart(10)}  ${sql}`);
}
await repo.close();
await wire.close();
if (!process.env.KEEP) await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
