// What one small COMMIT costs in SQLite as the database grows: :memory:, a deserialized image (memdb)
// and a WAL file, each filled with N rows of 3 KB, then 300 transactions of five inserts, CPU ms per
// COMMIT. Why the stories bench measures a file store: a :memory: COMMIT grows with the whole database.
//   node bin/run-ts.js scripts/sqlite-commit-cost.ts
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const dir = mkdtempSync(join(tmpdir(), 'lede-commit-cost-'));
const open = (kind: string, rows: number): Database.Database =>
  kind === 'memory' ? new Database(':memory:') : kind === 'memdb' ? new Database(new Database(':memory:').serialize()) : new Database(join(dir, `${rows}.db`));
console.log('| rows | pages | :memory: COMMIT ms | memdb COMMIT ms | WAL file COMMIT ms |\n|---|---|---|---|---|');
try {
  for (const rows of [1_000, 10_000, 50_000]) {
    const cells: string[] = [];
    let pages = 0;
    for (const kind of ['memory', 'memdb', 'file']) {
      const db = open(kind, rows);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec('CREATE TABLE a (id INTEGER PRIMARY KEY, t TEXT); CREATE INDEX a_t ON a (t)');
      const insert = db.prepare('INSERT INTO a (t) VALUES (?)');
      const text = 'x'.repeat(3000);
      db.transaction(() => { for (let i = 0; i < rows; i++) insert.run(text + i); })();
      let commit = 0;
      const M = 300;
      for (let i = 0; i < M; i++) {
        db.exec('BEGIN IMMEDIATE');
        for (let j = 0; j < 5; j++) insert.run(`${text}n${i}.${j}`);
        const t = cpu();
        db.exec('COMMIT');
        commit += cpu() - t;
      }
      pages = Number(db.pragma('page_count', { simple: true }));
      cells.push((commit / M).toFixed(3));
      db.close();
    }
    console.log(`| ${rows.toLocaleString('en')} | ${pages.toLocaleString('en')} | ${cells.join(' | ')} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
