// Pages a placement writes on SQLite, by B-tree: every page a transaction dirtied is written to the WAL as a
// frame at its COMMIT (and into the database file again at checkpoint), so frames per placement are what a
// placement costs the disk and most of what its COMMIT costs the CPU. Starts from a copy of a filled store
// (the stories bench keeps one with LEDE_BENCH_SNAPSHOTS=DIR), places 100 articles of the same scale corpus to
// warm up, then 300 more with no checkpoint, and reads the page number of every frame they wrote.
//   node bin/run-ts.js scripts/wal-frames.ts DIR/sqlite-100000-less1000.db 99000 (a snapshot holds the store 1,000 placements before its size)
import { closeSync, copyFileSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDb } from '../src/store/sqlite/db.ts';
import { createSqliteRepository } from '../src/store/sqlite/index.ts';
import { generateCorpus, loadSentences, scaleVersion, type ScaleArticle } from './gen-scale-corpus.ts';
import { flushStoryLog, placeVersion, prepareVersion } from '../src/pipeline/stories/index.ts';
import { warmAsFilled } from '../bench/stories.bench.ts';

const [snapshot, n = '10000'] = process.argv.slice(2);
if (!snapshot) throw new Error('usage: wal-frames.ts SNAPSHOT.db SIZE (the number of articles the snapshot was filled with)');
const size = Number(n);
const MEASURED = 300;
const FRAME = 4096 + 24;
const WAL_HEADER = 32;

const dir = mkdtempSync(join(tmpdir(), 'lede-wal-frames-'));
const path = join(dir, 'store.db');
copyFileSync(snapshot, path);
// No background checkpoints and none by the writer: every frame written stays in the log to be read.
(SqliteDb.prototype as unknown as { startCheckpointer: () => void }).startCheckpointer = () => {};
const db = new SqliteDb(path);
db.migrate();
db.conn.pragma('wal_autocheckpoint = 0');
const repo = createSqliteRepository(db);
await warmAsFilled(db.conn, repo);
const { sentences } = loadSentences();
const gen = generateCorpus(size + 100 + MEASURED, sentences, { seed: 2 });
for (let i = 0; i < size; i++) gen.next();
const prepared = [...gen].map((a) => prepareVersion(scaleVersion(a as ScaleArticle)));
for (const p of prepared.slice(0, 100)) await placeVersion(repo, p);
db.conn.pragma('wal_checkpoint(TRUNCATE)');
for (const p of prepared.slice(100)) await placeVersion(repo, p);
// story_terms is written from the story log in batches (pipeline/stories/story-fold.ts): a placement's share of a
// fold is its cost too. The measured placements are folded as one batch (in ingest, a batch is up to 1,024).
await flushStoryLog(repo);

const end = statSync(path + '-wal').size;
const pages: number[] = [];
const fd = openSync(path + '-wal', 'r');
const head = Buffer.alloc(4);
for (let off = WAL_HEADER; off + FRAME <= end; off += FRAME) {
  readSync(fd, head, 0, 4, off);
  pages.push(head.readUInt32BE(0));
}
closeSync(fd);
const reader = new Database(path, { readonly: true });
const owner = new Map<number, string>();
for (const r of reader.prepare('SELECT name, pageno, pagetype FROM dbstat').all() as { name: string; pageno: number; pagetype: string }[]) {
  owner.set(r.pageno, r.pagetype === 'internal' ? `${r.name} (interior)` : r.pagetype === 'overflow' ? `${r.name} (overflow)` : r.name);
}
reader.close();
const by = new Map<string, number>();
for (const p of pages) {
  const name = owner.get(p) ?? (p === 1 ? 'file header' : 'free list');
  by.set(name, (by.get(name) ?? 0) + 1);
}
console.log(`${size.toLocaleString('en')} stored: ${(pages.length / MEASURED).toFixed(1)} WAL frames (pages written) per placement`);
for (const [name, count] of [...by].sort((a, b) => b[1] - a[1]).filter(([, c]) => c / MEASURED >= 0.5)) {
  console.log(`${(count / MEASURED).toFixed(2).padStart(7)}  ${name}`);
}
await repo.close();
rmSync(dir, { recursive: true, force: true });
