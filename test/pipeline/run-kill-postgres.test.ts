// The crash checks of run-kill.test.ts on PostgreSQL: `kill -9` of `lede ingest` mid-run, and the
// database dropping every connection of the ingest mid-run (what a server restart does to its clients;
// done with pg_terminate_backend on this test's own database, so other tests sharing the server are not
// disturbed). Nothing is lost or doubled, the workers reconnect, and a rerun completes the store.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import { startNewswire, type Newswire } from '../jobs/concurrency-newswire.ts';
import { spawnIngest } from './ingest-process.ts';
import { testPostgres } from '../store/backends.ts';

let wire: Newswire;

beforeAll(async () => {
  // Slow article pages keep the ingest busy long enough to be interrupted in the middle.
  wire = await startNewswire({ articles: 40, outlets: 2, copyShare: 0.2, pageDelayMs: 60, seed: 11 });
});
afterAll(async () => {
  await wire?.close();
});

async function freshStore(): Promise<string> {
  const url = await (await testPostgres()).createDatabase();
  const repo = await openPostgresStore(url);
  for (let o = 0; o < wire.outlets; o++) {
    const s = await repo.addSource({ name: wire.outletName(o), homeUrl: wire.homeUrl(o) });
    await repo.addFeed({ sourceId: s.id, url: wire.feedUrl(o) });
  }
  await repo.close();
  return url;
}


async function query(url: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number(Object.values((await c.query(sql)).rows[0] as object)[0]);
  } finally {
    await c.end();
  }
}

async function waitForArticles(url: string, n: number): Promise<number> {
  const deadline = Date.now() + 60_000;
  let stored = 0;
  while (Date.now() < deadline && stored < n) {
    await new Promise((r) => setTimeout(r, 100));
    stored = await query(url, 'SELECT count(*) FROM articles');
  }
  return stored;
}

/** The store is whole: sound, every article once with its enrichment, every page once. */
async function expectComplete(url: string): Promise<void> {
  const repo = await openPostgresStore(url);
  try {
    expect(await repo.checkIntegrity()).toEqual([]);
    expect(await repo.countArticles()).toBe(wire.articles.length);
  } finally {
    await repo.close();
  }
  expect(await query(url, 'SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM enrichments e WHERE e.article_id = a.id)')).toBe(0);
  expect(await query(url, 'SELECT count(*) FROM (SELECT url FROM versions GROUP BY url HAVING count(*) > 1) d')).toBe(0);
  expect(await query(url, 'SELECT count(*) FROM versions')).toBe(wire.articles.length + wire.copies.length);
  expect(await query(url, 'SELECT count(*) FROM items')).toBe(wire.articles.length + wire.copies.length);
}

describe('ingest on PostgreSQL under faults', () => {
  it('survives kill -9 mid-run: the rerun finds the store sound and completes it without duplicates', async () => {
    const url = await freshStore();
    const first = spawnIngest(url);
    expect(await waitForArticles(url, 4)).toBeGreaterThanOrEqual(4);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    expect(await query(url, 'SELECT count(*) FROM articles')).toBeLessThan(wire.articles.length);
    await new Promise((r) => setTimeout(r, 1200)); // the dead worker's leases run out
    const second = await spawnIngest(url).done;
    expect(second.code, second.output).toBe(0);
    await expectComplete(url);
  }, 120_000);

  it('reconnects when the database drops its connections mid-run, and loses nothing', async () => {
    const url = await freshStore();
    const run = spawnIngest(url);
    const before = await waitForArticles(url, 4);
    expect(before).toBeGreaterThanOrEqual(4);
    const database = new URL(url).pathname.slice(1);
    const dropped = await query(url, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`);
    expect(dropped).toBeGreaterThan(0);
    const first = await run.done;
    expect(first.signal, first.output).toBeNull();
    // The same process went on storing after the connections were cut: its pool reconnected, and the
    // items in flight at the cut (nothing of them half-written) were stored again a moment later, so
    // this one poll stored every page.
    expect(await query(url, 'SELECT count(*) FROM versions'), first.output).toBe(wire.articles.length + wire.copies.length);
    // A second poll finds nothing left to do, and the store whole.
    await new Promise((r) => setTimeout(r, 1200));
    await query(url, 'WITH d AS (UPDATE feeds SET next_fetch_at = now() RETURNING 1) SELECT count(*) FROM d');
    const second = await spawnIngest(url).done;
    expect(second.code, second.output).toBe(0);
    await expectComplete(url);
  }, 120_000);
});
