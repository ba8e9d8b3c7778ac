// A busy SQLite writer hands its WAL checkpoints to a background thread: the log is still copied into
// the database file (so it stays bounded and a reader of the file alone sees the data), while the
// writer's commits no longer do the copying themselves.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDb } from '../../src/store/sqlite/db.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lede-ckpt-'));
  dirs.push(dir);
  return join(dir, 'lede.db');
}

/** A connection to `path` (a file, or ':memory:') with one table to write into. */
function openWithTable(path: string): SqliteDb {
  const db = new SqliteDb(path);
  db.conn.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  return db;
}

async function writeRows(db: SqliteDb, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db.transaction(async () => {
      db.exec('INSERT INTO t (body) VALUES (?)', 'x'.repeat(2000) + i);
    });
  }
}

const until = async (ok: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return ok();
};

describe('the background checkpointer', () => {
  it('starts once a connection has written many transactions and copies the log into the file', async () => {
    const path = tempPath();
    const db = openWithTable(path);
    // The writer itself would copy the log only past 20,000 pages now: what reaches the file is the thread's.
    await writeRows(db, 100);
    expect(db.conn.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000);
    const before = statSync(path).size;
    await writeRows(db, 300);
    expect(await until(() => statSync(path).size > before + 300 * 2000, 5000)).toBe(true);
    await db.close();
  });

  it('leaves a connection that writes little, and in-memory databases, as they are', async () => {
    const path = tempPath();
    const db = openWithTable(path);
    await writeRows(db, 20);
    expect(db.conn.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await db.close();

    const mem = openWithTable(':memory:');
    await writeRows(mem, 120);
    expect(mem.conn.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await mem.close();
  });

  it('closes with the writer and leaves every row readable', async () => {
    const path = tempPath();
    const db = openWithTable(path);
    await writeRows(db, 150);
    await db.close();
    const again = new SqliteDb(path);
    expect(again.get('SELECT count(*) AS n FROM t')!.n).toBe(150);
    await again.close();
  });
});
