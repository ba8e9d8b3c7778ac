// `lede backup` while `lede ingest` writes, then `lede restore`: the copy restores to a sound store that
// holds every article committed before the backup began; restore refuses while a process holds the store.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { startNewswire, type Newswire } from '../jobs/concurrency-newswire.ts';

const run = promisify(execFile);
let dir: string;
let wire: Newswire;
let store: string;
const envFor = (path: string): NodeJS.ProcessEnv => ({ ...process.env, LEDE_DATABASE_URL: `sqlite:${path}`, LEDE_ALLOW_PRIVATE_NETWORKS: 'true', LEDE_FETCH_MIN_DELAY_MS: '0' });
const lede = (env: NodeJS.ProcessEnv, ...args: string[]) => run(process.execPath, ['bin/lede.js', ...args], { env }).then(
  (r) => ({ code: 0, out: r.stdout + r.stderr }),
  (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
);
const articleIds = (path: string): number[] => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT id FROM articles ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lede-backup-'));
  store = join(dir, 'lede.db');
  // Slow article pages keep the ingest writing while the backup runs.
  wire = await startNewswire({ articles: 24, outlets: 2, copyShare: 0, seed: 9, pageDelayMs: 60, paragraphs: 2 });
  const repo = await openStore(`sqlite:${store}`);
  for (let o = 0; o < wire.outlets; o++) {
    const s = await repo.addSource({ name: wire.outletName(o), homeUrl: wire.homeUrl(o) });
    await repo.addFeed({ sourceId: s.id, url: wire.feedUrl(o) });
  }
  await repo.close();
});
afterAll(async () => {
  await wire?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('backs up during an ingest; the backup restores to a sound store with every article committed before it began', async () => {
  const ingest = spawn(process.execPath, ['bin/lede.js', 'ingest', '--once', '--concurrency', '1'], { env: envFor(store), stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => ingest.on('exit', resolve));
  try {
    // Wait until some articles are committed, but not all.
    for (let i = 0; i < 300 && (!existsSync(store) || articleIds(store).length < 3); i++) await new Promise((r) => setTimeout(r, 50));
    const before = articleIds(store);
    expect(before.length).toBeGreaterThanOrEqual(3);

    // Restore refuses while the ingest process holds the store.
    const spare = join(dir, 'spare.db');
    expect((await lede(envFor(store), 'backup', spare)).code).toBe(0);
    const refused = await lede(envFor(store), 'restore', spare);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/in use by process\(es\) \d+/);

    const backup = join(dir, 'backup.db');
    const r = await lede(envFor(store), 'backup', backup);
    expect(r.code, r.out).toBe(0);
    expect(await exited).toBe(0);
    const total = articleIds(store);
    expect(total.length, 'the ingest went on after the backup').toBeGreaterThan(before.length);

    // Restore into a fresh store location, then open it as Lede does.
    const restored = join(dir, 'restored.db');
    const rr = await lede(envFor(restored), 'restore', backup);
    expect(rr.code, rr.out).toBe(0);
    const repo = await openStore(`sqlite:${restored}`);
    try {
      expect(await repo.checkIntegrity()).toEqual([]);
      const ids = new Set(articleIds(restored));
      for (const id of before) expect(ids.has(id)).toBe(true);
    } finally {
      await repo.close();
    }
  } finally {
    ingest.kill();
  }
}, 60_000);

it('refuses a file that is not a backup, and leaves the store untouched', async () => {
  const target = join(dir, 'untouched.db');
  const repo = await openStore(`sqlite:${target}`);
  await repo.addSource({ name: 'Kept', homeUrl: 'https://kept.example/' });
  await repo.close();
  const junk = join(dir, 'junk.db');
  await import('node:fs').then((fs) => fs.writeFileSync(junk, 'not a database'));
  const r = await lede(envFor(target), 'restore', junk);
  expect(r.code).not.toBe(0);
  const again = await openStore(`sqlite:${target}`);
  expect((await again.listSources()).map((s) => s.name)).toEqual(['Kept']);
  await again.close();
});
