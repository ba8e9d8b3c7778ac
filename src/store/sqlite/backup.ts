// Online backup and restore of a SQLite store. The backup uses SQLite's backup API (through better-sqlite3)
// on a connection of its own, so `lede serve` and `lede ingest` keep running: after the first step the rest
// of the file is copied in one step, inside one read transaction, so the copy is one consistent snapshot
// (every article committed before it began, nothing half-written). Restore refuses a store that a running
// Lede holds, checks the backup before using it, and keeps the file it replaces.
import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LedeError } from '../../domain/errors.ts';
import { liveHolders } from './holders.ts';
import { loadMigrations } from './migrate.ts';

export interface BackupResult { file: string; pages: number; articles: number }

/** Checks that `file` is a sound Lede store: integrity, schema version, article count. */
function inspect(file: string): { articles: number; schema: number } {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new LedeError('bad_input', `${file} is not a SQLite database: ${(e as Error).message}`, { cause: e });
  }
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new LedeError('bad_input', `${file} fails SQLite's integrity check: ${String(check)}`);
    let schema: number;
    let articles: number;
    try {
      schema = Number((db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v);
      articles = Number((db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n);
    } catch {
      throw new LedeError('bad_input', `${file} is a SQLite database but not a Lede store`);
    }
    return { articles, schema };
  } finally {
    db.close();
  }
}

export async function backupSqlite(dbPath: string, dest: string): Promise<BackupResult> {
  if (!existsSync(dbPath)) throw new LedeError('not_found', `no SQLite store at ${dbPath}`);
  if (existsSync(dest)) throw new LedeError('conflict', `${dest} exists; choose a new file name for the backup`);
  const tmp = `${dest}.partial`;
  rmSync(tmp, { force: true });
  const source = new Database(dbPath, { readonly: true, fileMustExist: true });
  source.pragma('busy_timeout = 10000');
  try {
    const done = await source.backup(tmp, { progress: () => 0x7fffffff });
    const { articles } = inspect(tmp);
    renameSync(tmp, dest);
    return { file: dest, pages: done.totalPages, articles };
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    source.close();
  }
}

export async function restoreSqlite(backup: string, dbPath: string): Promise<{ articles: number; kept: string | null }> {
  const holders = liveHolders(dbPath);
  if (holders.length) {
    throw new LedeError('conflict', `${dbPath} is in use by running Lede process(es) ${holders.join(', ')}: stop them (lede serve, lede ingest) first`);
  }
  const { articles, schema } = inspect(backup);
  const latest = loadMigrations().length;
  if (schema > latest) throw new LedeError('bad_input', `${backup} was made by a newer Lede (schema ${schema}, this one knows ${latest})`);
  // Copied with the backup API too (a consistent copy even of a backup in WAL mode), beside the target,
  // then moved into place; the replaced store is kept, never deleted.
  const tmp = `${dbPath}.restoring`;
  rmSync(tmp, { force: true });
  const source = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await source.backup(tmp, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  let kept: string | null = null;
  if (existsSync(dbPath)) {
    kept = `${dbPath}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dbPath, kept);
  }
  for (const side of ['-wal', '-shm']) rmSync(dbPath + side, { force: true });
  renameSync(tmp, dbPath);
  return { articles, kept };
}
