// Copies a whole Lede instance from SQLite into an empty PostgreSQL database (`lede migrate`).
//
// Table by table, in foreign-key order read from PostgreSQL's catalog (so tables added by later
// migrations are copied without changes here), in batches, ids preserved; then every identity sequence
// is moved past the largest id, and the row count of every table is compared. It all happens in ONE
// PostgreSQL transaction: a failure or a count mismatch leaves the target as empty as it was.
// The SQLite side is read in one read transaction: a consistent snapshot even while an ingest runs.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { LedeError } from '../../domain/errors.ts';
import { Db, parsePostgresUrl } from './db.ts';
import { foldStoryLog } from './story-log.ts';
import { storableParams } from '../../domain/text.ts';

export interface CopyOptions {
  /** SQLite file path. */
  from: string;
  /** postgres:// URL of a database with Lede's schema (openPostgresStore applies it) and no data. */
  to: string;
  batchRows?: number;
  log?: (line: string) => void;
}

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

/**
 * SQLite tables that are not data: search index shadows and its backlog (search_queue, migration 013;
 * PostgreSQL indexes every row as it is written), the migration log, SQLite's own.
 */
const NOT_DATA = /^(sqlite_|schema_migrations$|articles_fts|search_queue$)/;

/**
 * Columns whose values mean something else on PostgreSQL, left to its default: a log position is a counter
 * on SQLite and a transaction id on PostgreSQL (fingerprints: migrations 015 and 014; story_log: 016 and
 * 015), so copied rows take the copy's, and the story log's fold cursor starts at 0: the copy folds the log once
 * after it (below), which puts the cursor past every copied row.
 */
const NOT_COPIED: Record<string, string[]> = { fingerprints: ['seq'], story_log: ['seq'], story_fold: ['cursor'] };

interface PgColumn {
  name: string;
  type: string;
}

export async function copySqliteToPostgres(opts: CopyOptions): Promise<TableCount[]> {
  const log = opts.log ?? (() => {});
  if (!existsSync(opts.from)) throw new LedeError('not_found', `no SQLite database at ${opts.from}`);
  const source = new Database(opts.from, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: parsePostgresUrl(opts.to).connectionString });
  await client.connect();
  try {
    source.exec('BEGIN'); // one snapshot for every table
    const sqliteTables = (source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[])
      .map((r) => r.name)
      .filter((n) => !NOT_DATA.test(n));
    const order = await tablesInForeignKeyOrder(client);
    const missing = sqliteTables.filter((t) => !order.includes(t));
    if (missing.length) {
      throw new LedeError('bad_config', `the PostgreSQL schema lacks tables the SQLite database has: ${missing.join(', ')} (are both on the same Lede version?)`);
    }
    const tables = order.filter((t) => sqliteTables.includes(t));

    const nonEmpty: string[] = [];
    for (const t of tables) {
      const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${ident(t)}) AS any`);
      if (rows[0].any) nonEmpty.push(t);
    }
    if (nonEmpty.length) throw new LedeError('conflict', `the target database is not empty (${nonEmpty.join(', ')}): migrate into a new database`);

    const counts: TableCount[] = [];
    await client.query('BEGIN');
    try {
      await client.query('SET CONSTRAINTS ALL DEFERRED');
      for (const t of tables) {
        const n = await copyTable(source, client, t, opts.batchRows ?? 1000);
        log(`${t}: ${n} rows`);
      }
      await resetSequences(client, tables);
      for (const t of tables) {
        const s = (source.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
        const { rows } = await client.query(`SELECT count(*) AS n FROM ${ident(t)}`);
        counts.push({ table: t, source: s, target: Number(rows[0].n) });
      }
      const wrong = counts.filter((c) => c.source !== c.target);
      if (wrong.length) {
        throw new LedeError('internal', `row counts differ after the copy, nothing was kept: ${wrong.map((c) => `${c.table} ${c.source} → ${c.target}`).join(', ')}`, {
          details: { counts },
        });
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    }
    // The copied story log, folded now and its cursor put past it: copied rows all carry the copy's transaction
    // id, so the first fold of the first ingest would read the whole log again (9 s of the server's CPU at 100k
    // stored, inside a placement), and so would every story window a process starts until then.
    const db = new Db({ ...parsePostgresUrl(opts.to), max: 1 });
    try {
      await foldStoryLog(db);
    } catch (e) {
      // The copy stands: a fold that failed is only late (the next one writes what this one would have).
      log(`story log not folded yet: ${(e as Error).message}`);
    } finally {
      await db.close();
    }
    return counts;
  } finally {
    if (source.inTransaction) source.exec('COMMIT');
    source.close();
    await client.end().catch(() => {});
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables of the current schema, every table after the ones it refers to (deferrable references aside). */
async function tablesInForeignKeyOrder(client: pg.Client): Promise<string[]> {
  const tables = (await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = to_regnamespace(current_schema())
       AND c.relname <> 'schema_migrations' ORDER BY c.relname`,
  )).rows.map((r) => r.name);
  const refs = (await client.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint k
       JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
     WHERE k.contype = 'f' AND NOT k.condeferrable AND ch.relnamespace = to_regnamespace(current_schema())`,
  )).rows;
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string) => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') throw new LedeError('internal', `foreign-key cycle through ${t}`);
    state.set(t, 'visiting');
    for (const r of refs) if (r.child === t && r.parent !== t) visit(r.parent);
    state.set(t, 'done');
    order.push(t);
  };
  tables.forEach(visit);
  return order;
}

async function columnsOf(client: pg.Client, table: string): Promise<PgColumn[]> {
  return (await client.query<PgColumn>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  )).rows;
}

async function copyTable(source: Database.Database, client: pg.Client, table: string, batchRows: number): Promise<number> {
  const sqliteColumns = new Set((source.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
  const pgColumns = await columnsOf(client, table);
  const unknown = [...sqliteColumns].filter((c) => !pgColumns.some((p) => p.name === c));
  if (unknown.length) throw new LedeError('bad_config', `PostgreSQL's ${table} lacks columns ${unknown.join(', ')}`);
  const columns = pgColumns.filter((c) => sqliteColumns.has(c.name) && !NOT_COPIED[table]?.includes(c.name));
  // PostgreSQL takes at most 65535 parameters per statement.
  const perBatch = Math.max(1, Math.min(batchRows, Math.floor(65_000 / columns.length)));
  const selfParent = columns.some((c) => c.name === 'parent_id') ? 'ORDER BY id' : ''; // replies after what they answer
  const rows = source.prepare(`SELECT ${columns.map((c) => `"${c.name}"`).join(', ')} FROM "${table}" ${selfParent}`).raw(true);
  const insertHead = `INSERT INTO ${ident(table)} (${columns.map((c) => ident(c.name)).join(', ')}) VALUES `;
  let batch: unknown[][] = [];
  let total = 0;
  const flush = async () => {
    if (!batch.length) return;
    const params: unknown[] = [];
    const tuples = batch.map((row) => '(' + row.map((v, i) => { params.push(convert(v, columns[i]!)); return `$${params.length}`; }).join(', ') + ')');
    await client.query(insertHead + tuples.join(', '), storableParams(params));
    total += batch.length;
    batch = [];
  };
  for (const row of rows.iterate() as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  return total;
}

/** A SQLite value for a PostgreSQL column: SQLite keeps times as ISO text, JSON as text, booleans as 0/1. */
function convert(v: unknown, column: PgColumn): unknown {
  if (v === null || v === undefined) return null;
  if (column.type === 'boolean') return v === 1 || v === '1' || v === true;
  if (column.type === 'bytea') return Buffer.isBuffer(v) ? v : Buffer.from(String(v));
  if (typeof v === 'bigint') return v.toString();
  return v;
}

async function resetSequences(client: pg.Client, tables: string[]): Promise<void> {
  for (const t of tables) {
    const { rows } = await client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
         AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`,
      [t],
    );
    for (const { column_name } of rows) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${ident(column_name)}) FROM ${ident(t)}), 0) + 1, false)`,
        [ident(t), column_name],
      );
    }
  }
}
