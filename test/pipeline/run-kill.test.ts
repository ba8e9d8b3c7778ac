// `kill -9` in the middle of `lede ingest`, then a rerun: the store is sound, no article is half-written,
// nothing is stored twice, and the rerun completes what the killed run left.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { startNewswire, type Newswire } from '../jobs/concurrency-newswire.ts';
import { spawnIngest } from './ingest-process.ts';

let dir: string;
let wire: Newswire;
let dbUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lede-kill-'));
  dbUrl = `sqlite:${join(dir, 'lede.db')}`;
  // Slow article pages keep the ingest busy long enough to be killed in the middle.
  wire = await startNewswire({ articles: 40, outlets: 2, copyShare: 0.2, pageDelayMs: 60, seed: 11 });
  const repo = await openStore(dbUrl);
  for (let o = 0; o < wire.outlets; o++) {
    const s = await repo.addSource({ name: wire.outletName(o), homeUrl: wire.homeUrl(o) });
    await repo.addFeed({ sourceId: s.id, url: wire.feedUrl(o) });
  }
  await repo.close();
});

afterAll(async () => {
  await wire.close();
  rmSync(dir, { recursive: true, force: true });
});


const count = (sql: string): number => {
  const db = new Database(join(dir, 'lede.db'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return Number(Object.values(db.prepare(sql).get() as object)[0]);
  } finally {
    db.close();
  }
};

it('survives kill -9 mid-run: the rerun finds the store sound and completes it without duplicates', async () => {
  const first = spawnIngest(dbUrl);
  // Wait until some, but not all, articles are in.
  const deadline = Date.now() + 60_000;
  let stored = 0;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      stored = count('SELECT count(*) FROM articles');
    } catch {
      continue; // the database is not created yet
    }
    if (stored >= 4) break;
  }
  first.child.kill('SIGKILL');
  const killed = await first.done;
  expect(killed.signal).toBe('SIGKILL');
  expect(stored).toBeGreaterThanOrEqual(4);
  const atKill = count('SELECT count(*) FROM articles');
  expect(atKill).toBeLessThan(wire.articles.length);

  // The dead worker's leases run out (LEDE_LEASE_SECONDS=1); the rerun takes its feeds over.
  await new Promise((r) => setTimeout(r, 1200));
  const second = await spawnIngest(dbUrl).done;
  expect(second.code, second.output).toBe(0);

  const repo = await openStore(dbUrl);
  try {
    expect(await repo.checkIntegrity()).toEqual([]);
    expect(await repo.countArticles()).toBe(wire.articles.length);
  } finally {
    await repo.close();
  }
  // No partial article: every article has its versions and its enrichment, written in one transaction.
  expect(count('SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM enrichments e WHERE e.article_id = a.id)')).toBe(0);
  // No duplicates: one version per page, one item per feed entry, every item pointing at its version.
  expect(count('SELECT count(*) FROM (SELECT url FROM versions GROUP BY url HAVING count(*) > 1)')).toBe(0);
  expect(count('SELECT count(*) FROM versions')).toBe(wire.articles.length + wire.copies.length);
  expect(count('SELECT count(*) FROM items')).toBe(wire.articles.length + wire.copies.length);
  expect(count('SELECT count(*) FROM items WHERE version_id IS NULL')).toBe(0);
}, 120_000);
