// `lede backup` while `lede ingest` writes, and `lede restore`: real processes on a SQLite file. The backup
// holds every article committed before it began and passes the integrity checks; restore refuses while a
// Lede process has the store open, and keeps the store it replaces.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { startNewswire, type Newswire } from '../jobs/concurrency-newswire.ts';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;
let wire: Newswire;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lede-backup-'));
  db = join(dir, 'lede.db');
  wire = await startNewswire({ articles: 40, outlets: 2, copyShare: 0.2, pageDelayMs: 60, seed: 7 });
  const repo = await openStore(`sqlite:${db}`);
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

function lede(args: string[], dbFile = db) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/lede.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LEDE_DATABASE_URL: `sqlite:${dbFile}`, LEDE_ALLOW_PRIVATE_NETWORKS: 'true', LEDE_FETCH_MIN_DELAY_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
  return { child, done };
}

const articleIds = (file: string): number[] => {
  const c = new Database(file, { readonly: true, fileMustExist: true });
  try {
    c.pragma('busy_timeout = 5000');
    return (c.prepare('SELECT id FROM articles ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  } finally {
    c.close();
  }
};

it('backs up a store while ingest writes to it, and restores it only when no Lede holds the store', async () => {
  const ingest = lede(['ingest', '--once', '--concurrency', '2']);
  let before: number[] = [];
  for (let i = 0; i < 600 && before.length < 5; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try { before = articleIds(db); } catch { /* not created yet */ }
  }
  expect(before.length).toBeGreaterThanOrEqual(5);
  const file = join(dir, 'backup.db');
  const backup = await lede(['backup', file]).done;
  expect(backup.code, backup.output).toBe(0);
  expect(backup.output).toMatch(/backed up \d+ article/);

  // Restore refuses while another Lede process holds the store. (Not timed against the ingest, which may
  // close the store and still be exiting when the restore runs.)
  const holder = spawn(process.execPath, [join(ROOT, 'bin/run-ts.js'), join(ROOT, 'test/cli/hold-store.ts'), `sqlite:${db}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const held = new Promise<void>((resolve, reject) => {
    holder.stdout!.on('data', (d) => { if (String(d).includes('held')) resolve(); });
    holder.on('exit', (code) => reject(new Error(`the holding process exited (${code}) before it held the store`)));
  });
  const released = new Promise((resolve) => holder.on('exit', resolve));
  try {
    await held;
    const busy = await lede(['restore', file]).done;
    expect(busy.code).not.toBe(0);
    expect(busy.output).toMatch(/in use by running Lede process/);
  } finally {
    holder.kill('SIGTERM');
    await released;
  }
  const ingested = await ingest.done;
  expect(ingested.code, ingested.output).toBe(0);
  const after = articleIds(db);
  expect(after.length).toBe(wire.articles.length);

  // The backup: sound, with every article committed before it began.
  const copy = await openStore(`sqlite:${file}`);
  try {
    expect(await copy.checkIntegrity()).toEqual([]);
  } finally {
    await copy.close();
  }
  const backedUp = articleIds(file);
  for (const id of before) expect(backedUp).toContain(id);
  expect(backedUp.length).toBeLessThanOrEqual(after.length);

  // Restore with nothing running: the store is the backup again, the replaced file kept beside it.
  const restored = await lede(['restore', file]).done;
  expect(restored.code, restored.output).toBe(0);
  expect(articleIds(db)).toEqual(backedUp);
  expect(readdirSync(dir).some((f) => f.startsWith('lede.db.before-restore-'))).toBe(true);
  const repo = await openStore(`sqlite:${db}`);
  try {
    expect(await repo.checkIntegrity()).toEqual([]);
  } finally {
    await repo.close();
  }

  // Bad backups are refused before anything is replaced.
  const junk = join(dir, 'junk.db');
  new Database(junk).exec('CREATE TABLE t (x)');
  const refused = await lede(['restore', junk]).done;
  expect(refused.code).not.toBe(0);
  expect(refused.output).toMatch(/not a Lede store/);
  expect(articleIds(db)).toEqual(backedUp);
  expect(existsSync(join(dir, 'nope.db'))).toBe(false);
  expect((await lede(['restore', join(dir, 'nope.db')]).done).code).not.toBe(0);
}, 120_000);
