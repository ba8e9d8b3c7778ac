// Transactions that wait for the connection share one COMMIT (ingest's workers store their articles at
// the same moment): each still commits or rolls back as a whole, and a caller hears of its transaction only
// once it is durable, so another process reading the file then sees it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDb } from '../../src/store/sqlite/db.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(): { db: SqliteDb; path: string; commits: () => number } {
  const dir = mkdtempSync(join(tmpdir(), 'lede-group-'));
  dirs.push(dir);
  const path = join(dir, 'lede.db');
  const db = new SqliteDb(path);
  db.conn.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  let commits = 0;
  db.afterCommit(() => commits++);
  return { db, path, commits: () => commits };
}

/** A transaction that writes one row after a pause, as placement awaits its reads. */
const write = (db: SqliteDb, body: string, fail = false) =>
  db.transaction(async () => {
    db.exec('INSERT INTO t (body) VALUES (?)', body);
    await new Promise((r) => setTimeout(r, 2));
    if (fail) throw new Error(`no ${body}`);
    return body;
  });

describe('group commit on SQLite', () => {
  it('commits transactions that waited together, and answers each caller once another process can read its row', async () => {
    const { db, path, commits } = open();
    const reader = new Database(path, { readonly: true });
    const seenByReader: boolean[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) =>
      write(db, `row ${i}`).then((body) => {
        seenByReader.push(reader.prepare('SELECT 1 FROM t WHERE body = ?').get(body) !== undefined);
      })));
    expect(seenByReader).toEqual(Array(10).fill(true));
    expect(commits()).toBeLessThan(10);
    expect(commits()).toBeGreaterThan(0);
    reader.close();
    await db.close();
  });

  it('rolls back a transaction that fails inside a group alone, and stores the others', async () => {
    const { db } = open();
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => write(db, `row ${i}`, i === 3)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[3] as PromiseRejectedResult).reason.message).toBe('no row 3');
    const bodies = db.all('SELECT body FROM t ORDER BY id').map((r) => r.body);
    expect(bodies).toEqual(['row 0', 'row 1', 'row 2', 'row 4', 'row 5']);
    await db.close();
  });

  it('lets other work on the connection in between without waiting for the whole queue, and closes after the group', async () => {
    const { db } = open();
    const writes = Array.from({ length: 8 }, (_, i) => write(db, `row ${i}`));
    await new Promise((r) => setTimeout(r, 1)); // the first is inside its transaction, the others wait
    const count = db.run(() => Number(db.get('SELECT count(*) AS n FROM t')!.n));
    const more = Array.from({ length: 4 }, (_, i) => write(db, `late ${i}`));
    // The read runs in its turn, between committed groups: it sees whole transactions only, never the queue's end.
    const n = await count;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(12);
    await Promise.all([...writes, ...more]);
    await db.close();
    expect(() => db.all('SELECT 1')).toThrow();
  });
});
