// PostgreSQL statements per ingested item: ingests a 500-article scale newswire (bench/newswire.ts) in this
// process into a fresh database and counts every statement sent, grouped by its first words. Round trips
// are what PostgreSQL ingest spends most on (docs/benchmarks.md, "Ingest end to end").
//   node bin/run-ts.js scripts/pg-statements.ts   (PostgreSQL at LEDE_TEST_PG_URL or 127.0.0.1:5432)
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/index.ts';
import { DEFAULT_URL, withClient, withDatabase, withUser } from '../test/store/backends.ts';
import { subscribeWire } from '../bench/ingest.bench.ts';
import { startScaleWire } from '../bench/newswire.ts';
import { runIngest } from '../src/jobs/index.ts';
import { createFetcher } from '../src/pipeline/fetch/index.ts';

const adminUrl = withUser(process.env.LEDE_TEST_PG_URL || DEFAULT_URL);
const name = process.env.LEDE_PG_DB ?? 'lede_statement_count';
await withClient(adminUrl, async (c) => {
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
});
const wire = await startScaleWire({ articles: 500, hosts: 40, feeds: 60 });
const repo = await openPostgresStore(withDatabase(adminUrl, name));
await subscribeWire(repo, wire);

const counts = new Map<string, number>();
const query = pg.Client.prototype.query;
// Wrapped after the setup, so only ingest's statements are counted.
pg.Client.prototype.query = function (this: pg.Client, q: unknown, ...rest: unknown[]) {
  const sql = typeof q === 'string' ? q : (q as { text?: string } | null)?.text ?? '?';
  const head = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
  counts.set(head, (counts.get(head) ?? 0) + 1);
  return (query as (...a: unknown[]) => unknown).call(this, q, ...rest);
} as typeof query;
const { stored } = await runIngest({
  repo, fetcher: createFetcher({ allowPrivateNetworks: true, minDelayMs: 0 }), concurrency: 8, once: true, pollIntervalMs: 30 * 60_000, threads: 0,
});
pg.Client.prototype.query = query;

const total = [...counts.values()].reduce((a, b) => a + b, 0);
console.log(`${stored} items stored, ${total} statements: ${(total / stored).toFixed(1)} per item\n`);
for (const [head, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${(n / stored).toFixed(2).padStart(6)}  ${head}`);
await repo.close();
await wire.close();
await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
