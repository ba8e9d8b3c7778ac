// The SQLite connection: one better-sqlite3 handle (synchronous), WAL, foreign keys, a busy timeout for
// the other processes sharing the file, and the async transaction the Repository promises.
//
// better-sqlite3 runs every statement synchronously, so a single statement can never interleave with
// another. An async transaction can: between BEGIN and COMMIT its `fn` awaits, and any other caller on
// this connection would then write inside it. So a transaction holds an in-process mutex; calls made
// from inside it (found through AsyncLocalStorage) run directly, every other call waits for the mutex.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { storableParams } from '../../domain/text.ts';
import { LedeError } from '../../domain/errors.ts';
import { migrate, schemaVersion } from './migrate.ts';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import { log } from '../../log/index.ts';

export type Row = Record<string, unknown>;

/** How long a write waits for another process's write lock before it fails. */
const BUSY_WAIT_MS = 30_000;

export const isBusy = (e: unknown): boolean => String((e as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_BUSY');

/**
 * Write transactions after which a connection counts as a busy writer (ingest, an import) and hands its
 * WAL checkpoints to a background thread (see checkpointer.ts); a web process rarely gets there.
 */
const BUSY_WRITER_COMMITS = 100;
/** The writer's own checkpoint threshold (pages) once the background thread runs: only a safety valve. */
const SAFETY_AUTOCHECKPOINT = 20_000;

/** The memory map's size: SQLite's own ceiling (2 GB); a larger file is read past it as before. */
const MMAP_BYTES = 2 ** 31 - 2 ** 16;

/** Prepared statements kept per connection. */
const STATEMENT_CACHE = 200;

interface TxState {
  savepoints: number;
}

/** Transactions in one group commit at most, and the longest a group stays open (see transaction()). */
const GROUP_MAX = 16;
const GROUP_MS = 50;

/** Transactions sharing one BEGIN … COMMIT; each caller waits for `committed`. */
interface Group {
  opened: number;
  members: number;
  committed: Promise<void>;
  done: () => void;
  fail: (e: unknown) => void;
}

function openGroup(): Group {
  let done!: () => void;
  let fail!: (e: unknown) => void;
  const committed = new Promise<void>((resolve, reject) => {
    done = resolve;
    fail = reject;
  });
  committed.catch(() => {}); // a group whose every transaction failed has no one to tell
  return { opened: performance.now(), members: 0, committed, done, fail };
}

export class SqliteDb {
  readonly conn: Database.Database;
  private readonly tx = new AsyncLocalStorage<TxState>();
  private tail: Promise<void> = Promise.resolve();
  private held = false;
  private closed = false;
  private readonly statements = new Map<string, Database.Statement>();
  private commits = 0;
  private checkpointer: Checkpointer | null = null;
  private readonly commitHooks: (() => void)[] = [];
  /** The transactions sharing the open BEGIN (see transaction()), and who waits for the connection. */
  private group: Group | null = null;
  private readonly waiting = { tx: 0, other: 0 };
  /** Groups whose COMMIT failed: what their transactions wrote was readable inside the group, then lost. */
  lostGroups = 0;

  constructor(private readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    try {
      this.conn = new Database(path);
    } catch (e) {
      throw new LedeError('bad_config', `cannot open SQLite database ${path}: ${(e as Error).message}`, { cause: e });
    }
    // Opening (WAL switch, migrations) may wait for another process that is opening or migrating too.
    this.conn.pragma('busy_timeout = 10000');
    this.conn.pragma('journal_mode = WAL');
    this.conn.pragma('foreign_keys = ON');
    // WAL makes NORMAL durable against application crashes (kill -9); only a power cut may lose the last commits.
    this.conn.pragma('synchronous = NORMAL');
    // Reads through a memory map instead of read() into SQLite's 2 MB page cache. Once the store outgrows that
    // cache (a few thousand articles), every placement's index walks missed it and re-read and re-parsed pages;
    // at 100k stored, placement cost 6.8 CPU ms with the cache and 4.1 mapped (docs/benchmarks.md). Writes
    // still go through the WAL (the map is read-only), and the file's pages live in the OS cache either way.
    if (path !== ':memory:') this.conn.pragma(`mmap_size = ${MMAP_BYTES}`);
  }

  migrate(): string[] {
    const applied = migrate(this.conn);
    // From now on a short synchronous wait for the write lock; longer waits are retried asynchronously
    // (see run()), so a busy file never freezes the event loop.
    this.conn.pragma('busy_timeout = 20');
    return applied;
  }

  schemaVersion(): number {
    return schemaVersion(this.conn);
  }

  private async lock<T>(fn: () => Promise<T>): Promise<T> {
    const prev = this.tail;
    let release!: () => void;
    this.tail = new Promise((r) => (release = r));
    await prev;
    this.held = true;
    try {
      return await fn();
    } finally {
      this.held = false;
      release();
    }
  }

  /** The lock for anything but a transaction: counted, so that an open group commits rather than keep it waiting. */
  private async lockOther<T>(fn: () => Promise<T>): Promise<T> {
    this.waiting.other++;
    let counted = true;
    try {
      return await this.lock(() => {
        this.waiting.other--;
        counted = false;
        return fn();
      });
    } finally {
      if (counted) this.waiting.other--;
    }
  }

  /**
   * Runs synchronous work on the connection, after any async transaction of another caller. When another
   * process (or connection) holds the file's write lock, the work is retried asynchronously instead of
   * blocking the event loop in SQLite's busy handler: heartbeats, HTTP and Ctrl-C stay responsive.
   */
  async run<T>(fn: () => T): Promise<T> {
    if (this.closed) throw new LedeError('internal', 'the store is closed');
    if (this.tx.getStore()) return fn();
    // While a group of transactions is open (between two of them too) the connection is inside it: wait.
    return this.whenFree(() => (this.held || this.group ? this.lockOther(async () => fn()) : fn()));
  }

  /** Retries `attempt` while the database file is busy, up to BUSY_WAIT_MS. */
  private async whenFree<T>(attempt: () => T | Promise<T>): Promise<T> {
    const deadline = Date.now() + BUSY_WAIT_MS;
    for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
      try {
        return await attempt();
      } catch (e) {
        if (!isBusy(e)) throw e;
        if (Date.now() >= deadline) throw new LedeError('store_unavailable', `the database stayed locked by another writer for ${BUSY_WAIT_MS / 1000} s`, { cause: e });
      }
      await new Promise((r) => setTimeout(r, delay * (1 + Math.random())));
    }
  }

  /** Synchronous atomic work: a savepoint inside an open transaction, else its own IMMEDIATE transaction. */
  atomic<T>(fn: () => T): Promise<T> {
    return this.run(() => {
      const t = this.conn.transaction(fn);
      if (this.conn.inTransaction) return t();
      const result = t.immediate();
      this.runCommitHooks();
      return result;
    });
  }

  /**
   * A prepared statement for `sql`, kept for reuse: preparing the same SQL again on every call was a
   * tenth of ingest's time (the candidate lookups are long CTEs). The cache is bounded because a few
   * callers build SQL from filters; the oldest entry goes first.
   */
  prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.conn.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  // Every parameter passes storableParams (domain/text.ts), as on PostgreSQL: both keep the same text.
  all(sql: string, ...params: unknown[]): Row[] {
    return this.prepare(sql).all(...storableParams(params)) as Row[];
  }
  get(sql: string, ...params: unknown[]): Row | null {
    return (this.prepare(sql).get(...storableParams(params)) as Row | undefined) ?? null;
  }
  exec(sql: string, ...params: unknown[]): number {
    return this.prepare(sql).run(...storableParams(params)).changes;
  }
  insert(sql: string, ...params: unknown[]): number {
    return Number(this.prepare(sql).run(...storableParams(params)).lastInsertRowid);
  }

  /**
   * One async transaction (BEGIN IMMEDIATE: the write lock is taken up front, so two processes cannot
   * both read then fail to upgrade). Nested calls become savepoints.
   *
   * Transactions that wait for this one share its COMMIT (group commit): each runs in a savepoint of its
   * own, so one that fails rolls back alone, and each caller is answered only once the group's COMMIT is
   * done. A COMMIT writes every page the transaction dirtied into the WAL; ingest's transactions touch the
   * same pages (the story tables, the term counts, the newest index leaves), so a group writes them once.
   * A group commits as soon as no transaction waits, or anything else waits for the connection, or it has
   * run GROUP_MAX transactions or GROUP_MS: another process waiting for the write lock waits no longer.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.tx.getStore();
    if (outer) {
      const name = `lede_sp${++outer.savepoints}`;
      this.conn.exec(`SAVEPOINT ${name}`);
      try {
        const result = await fn();
        this.conn.exec(`RELEASE ${name}`);
        return result;
      } catch (e) {
        this.conn.exec(`ROLLBACK TO ${name}`);
        this.conn.exec(`RELEASE ${name}`);
        throw e;
      }
    }
    if (this.closed) throw new LedeError('internal', 'the store is closed');
    this.waiting.tx++;
    let group!: Group;
    const result = await this.lock(() => {
      this.waiting.tx--;
      return this.tx.run({ savepoints: 0 }, async () => {
        if (!this.group) {
          await this.whenFree(() => this.conn.exec('BEGIN IMMEDIATE'));
          this.group = openGroup();
        }
        group = this.group;
        group.members++;
        this.conn.exec('SAVEPOINT lede_tx');
        try {
          const result = await fn();
          this.conn.exec('RELEASE lede_tx');
          return result;
        } catch (e) {
          if (this.conn.inTransaction) {
            this.conn.exec('ROLLBACK TO lede_tx');
            this.conn.exec('RELEASE lede_tx');
          } else {
            // SQLite rolled the whole transaction back itself (a full disk, an I/O error): the group is lost.
            this.group = null;
            this.lostGroups++;
            group.fail(e);
          }
          throw e;
        } finally {
          this.endOfMember();
        }
      });
    });
    await group.committed;
    return result;
  }

  /** After each transaction of a group: commits it, or leaves it open for the transaction waiting next. */
  private endOfMember(): void {
    const group = this.group;
    if (!group) return;
    const more = this.waiting.tx > 0 && this.waiting.other === 0 && group.members < GROUP_MAX && performance.now() - group.opened < GROUP_MS;
    if (more) return;
    this.group = null;
    try {
      this.conn.exec('COMMIT');
    } catch (e) {
      if (this.conn.inTransaction) this.conn.exec('ROLLBACK');
      this.lostGroups++;
      group.fail(e);
      return;
    }
    if (++this.commits === BUSY_WRITER_COMMITS) this.startCheckpointer();
    this.runCommitHooks();
    group.done();
  }

  /**
   * `fn` runs after each commit of transaction() and atomic(), before the next caller's turn: batched writes that
   * belong to no single transaction (the search queue). Its failure never fails the committed work.
   */
  afterCommit(fn: () => void): void {
    this.commitHooks.push(fn);
  }

  private runCommitHooks(): void {
    for (const fn of this.commitHooks) {
      try {
        fn();
      } catch (e) {
        log().warn({ err: e }, 'sqlite: after-commit work failed, left for a later commit');
      }
    }
  }

  /** Moves WAL checkpoints to a background thread (file databases only; once). */
  startCheckpointer(): void {
    if (this.checkpointer || this.path === ':memory:' || this.closed) return;
    try {
      this.checkpointer = startCheckpointer(this.path);
      this.conn.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT}`);
    } catch {
      // No worker threads here: the writer keeps checkpointing itself.
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Closes after the transaction in hand (if any) has finished. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.lockOther(async () => {
      this.closed = true;
      await this.checkpointer?.stop();
      try {
        this.conn.pragma('optimize');
      } catch {
        // optimize is advisory; a read-only or busy file must not stop the close
      }
      this.conn.close();
    });
  }
}

/** An ISO 8601 UTC time with milliseconds (text order = time order), or null for absent or invalid input. */
export function time(v: string | Date | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** SQLite constraint errors as LedeErrors. */
export function constraintError(e: unknown, what: string): never {
  const code = (e as { code?: string } | null)?.code ?? '';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    throw new LedeError('conflict', `${what} already exists`, { cause: e });
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    throw new LedeError('not_found', `${what}: the record it refers to does not exist`, { cause: e });
  }
  throw e;
}
