// `lede backup` and `lede restore` for a SQLite store. The backup goes through SQLite's online backup
// API on a separate connection and copies every page in one step: one read snapshot, so the copy is
// consistent while ingest keeps writing (WAL lets the writers go on), and it never restarts.
import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LedeError } from '../../domain/errors.ts';
import { liveHolders } from './holders.ts';

/** Pages copied per backup step: all of them, so the copy is one snapshot. */
const ALL_PAGES = 0x7fffffff;

export async function backupSqlite(dbPath: string, target: string): Promise<{ pages: number }> {
  if (!existsSync(dbPath)) throw new LedeError('not_found', `no SQLite store at ${dbPath}`);
  if (existsSync(target)) throw new LedeError('conflict', `${target} exists already; choose a new file name`);
  const conn = new Database(dbPath, { readonly: true, fileMustExist: true });
  const partial = `${target}.partial`;
  try {
    conn.pragma('busy_timeout = 10000');
    rmSync(partial, { force: true });
    const r = await conn.backup(partial, { progress: () => ALL_PAGES });
    renameSync(partial, target);
    return { pages: r.totalPages };
  } catch (e) {
    rmSync(partial, { force: true });
    if (e instanceof LedeError) throw e;
    throw new LedeError('internal', `backup of ${dbPath} failed: ${(e as Error).message}`, { cause: e });
  } finally {
    conn.close();
  }
}

/** Replaces the store at `dbPath` by the backup `source`, unless a live process holds the store. */
export async function restoreSqlite(source: string, dbPath: string): Promise<void> {
  if (!existsSync(source)) throw new LedeError('not_found', `no backup file at ${source}`);
  const holders = liveHolders(dbPath);
  if (holders.length) {
    throw new LedeError('conflict', `the store ${dbPath} is in use by process(es) ${holders.join(', ')}: stop lede serve and lede ingest first`);
  }
  // Check the backup is a sound SQLite file before touching the store.
  const check = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new LedeError('bad_input', `${source} is damaged: ${String(result)}`);
    check.prepare('SELECT count(*) FROM schema_migrations').get();
  } catch (e) {
    if (e instanceof LedeError) throw e;
    throw new LedeError('bad_input', `${source} is not a Lede SQLite backup: ${(e as Error).message}`, { cause: e });
  } finally {
    check.close();
  }
  // Copy in through the backup API into a fresh file beside the store, then swap it in by rename, so
  // a failure half-way leaves the old store as it was. The old WAL and shared-memory files must go.
  const incoming = `${dbPath}.restoring`;
  rmSync(incoming, { force: true });
  const src = new Database(source, { readonly: true });
  try {
    await src.backup(incoming, { progress: () => ALL_PAGES });
  } finally {
    src.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  renameSync(incoming, dbPath);
}
