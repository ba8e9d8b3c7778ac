// The full-text index written in batches (migration 013): storing an article queues its id, and the
// queue is indexed in one transaction once SEARCH_BATCH articles have gathered, before every search and
// before an integrity check. FTS5 makes one index segment per transaction and merges segments as they
// pile up; one article per transaction (as ingest stores them) paid a segment and its merging each.
import { isBusy, type SqliteDb } from './db.ts';

/** Articles queued before they are indexed together (one FTS5 segment). */
export const SEARCH_BATCH = 64;

/** Indexes every queued article and empties the queue; runs inside a write transaction. */
export function indexQueued(db: SqliteDb): number {
  const n = db.exec(
    `INSERT INTO articles_fts (rowid, title, text, search_terms)
     SELECT a.id, a.title, a.text, a.search_terms FROM search_queue q JOIN articles a ON a.id = q.article_id ORDER BY q.article_id`,
  );
  db.exec('DELETE FROM search_queue');
  return n;
}

const queued = (db: SqliteDb): number => Number(db.get('SELECT count(*) AS n FROM search_queue')!.n);

/** Before a search or an integrity check: every stored article is in the index. */
export async function indexAllQueued(db: SqliteDb): Promise<void> {
  if (!(await db.run(() => queued(db)))) return;
  await db.atomic(() => indexQueued(db));
}

/**
 * After a commit (synchronous, still holding this process's turn on the connection): indexes the queue
 * once a batch has gathered. Another process holding the write lock just defers it to a later commit.
 */
export function indexWhenBatched(db: SqliteDb): void {
  if (queued(db) < SEARCH_BATCH) return;
  try {
    db.conn.transaction(() => indexQueued(db)).immediate();
  } catch (e) {
    if (!isBusy(e)) throw e;
  }
}
