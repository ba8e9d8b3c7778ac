// The connection layer: a pg pool, and the transaction in force for the current async call chain.
// A transaction holds one client from the pool; every query made inside `fn` (through the repository
// handed to it or through the repository itself) runs on that client, found through AsyncLocalStorage,
// so code inside a transaction can never deadlock waiting for a second pooled client.
// A round trip costs a socket write, a wake-up of the server's backend and the wait for its answer, so
// statements whose answer nobody waits for — BEGIN, SAVEPOINT, RELEASE, advisory locks, a write whose result
// is not needed (Db.later) — are not sent alone: they wait for the transaction's next statement, or its
// COMMIT, and go in the same write (the pool's clients run in pg's pipeline mode, which sends a query
// without waiting for the one before it to be answered; the server still runs them one after the other,
// and one that fails fails those after it).
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';
import { storableParams } from '../../domain/text.ts';
import { LedeError } from '../../domain/errors.ts';

export type Row = Record<string, unknown>;

interface TxState {
  client: pg.PoolClient;
  savepoints: number;
  /** Work to run once the transaction committed (see afterCommit). */
  after: (() => Promise<void>)[];
  /** Committed or rolled back: a timer or callback set inside it that runs later is outside it. */
  ended?: boolean;
  /** Statements to run before the transaction's next one (see defer and later), in order. */
  pending: Pending[];
}

/** A statement waiting for the next one: SQL without parameters (defer), or a write (later). */
type Pending = string | { query: pg.QueryConfig; fail: (e: unknown) => unknown };

/**
 * Options taken off the URL before it reaches pg: `pool_size` (default 10), and `prepared_statements=off`
 * for a server that multiplexes clients onto shared backends (a transaction-pooling proxy, the embedded
 * PGlite of the tests), where a named statement one client prepared is seen by another.
 */
export interface PoolOptions {
  connectionString: string;
  max: number;
  /** Placement's statements as named prepared statements (Db.prepared); default true. */
  named?: boolean;
}

export function parsePostgresUrl(url: string): PoolOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new LedeError('bad_config', 'invalid PostgreSQL URL (expected postgres://user@host:port/database)');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new LedeError('bad_config', `not a PostgreSQL URL: ${u.protocol}`);
  }
  // Like libpq (psql), default the user to the OS account: pg reads only $USER, which services often lack.
  if (!u.username && !process.env.PGUSER && !process.env.USER) u.username = userInfo().username;
  const size = u.searchParams.get('pool_size');
  u.searchParams.delete('pool_size');
  const prepared = u.searchParams.get('prepared_statements');
  u.searchParams.delete('prepared_statements');
  if (prepared !== null && prepared !== 'on' && prepared !== 'off') throw new LedeError('bad_config', `prepared_statements must be on or off, got ${prepared}`);
  const max = size === null ? 10 : Number(size);
  if (!Number.isInteger(max) || max < 1) throw new LedeError('bad_config', `pool_size must be a positive integer, got ${size}`);
  return { connectionString: u.toString(), max, named: prepared !== 'off' };
}

// int8 (ids, count(*)) as JS numbers: ids stay far below 2^53. numeric (ts_rank sums) as numbers too.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export class Db {
  readonly pool: pg.Pool;
  private readonly tx = new AsyncLocalStorage<TxState>();
  private readonly named: boolean;

  constructor(opts: PoolOptions) {
    this.named = opts.named !== false;
    this.pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.max,
      idleTimeoutMillis: 10_000,
      connectionTimeoutMillis: 15_000,
      application_name: 'lede',
      types,
      // See the head of this file. Code still awaits each statement before it sends the next, except where
      // send() puts the pending SQL in front of one.
      pipeline: true,
    } as pg.PoolConfig);
    // An idle client losing its server (restart, failover) must not crash the process; the pool drops it.
    this.pool.on('error', () => {});
  }

  /**
   * The transaction in force. A timer or callback set inside a transaction keeps its async context after the
   * transaction ended; its statements then go to the pool, as anywhere outside a transaction (once, a batch of
   * term counts written so was queued for a commit that never came).
   */
  private current(): TxState | undefined {
    const state = this.tx.getStore();
    return state && !state.ended ? state : undefined;
  }

  async query<R = Row>(sql: string, params: unknown[] = []): Promise<R[]> {
    const res = await this.send(this.current(), sql, storableParams(params));
    return res.rows as R[];
  }

  /**
   * A query as a named prepared statement: each connection parses (and plans) it once instead of on
   * every call. Only for fixed SQL run per article or per ingested item (placement's, ingest's and story
   * analysis' statements): a connection keeps every statement it prepared.
   */
  async prepared<R = Row>(sql: string, params: unknown[] = [], opts: { storable?: boolean } = {}): Promise<R[]> {
    return (await this.send(this.current(), this.config(sql, params, opts.storable))).rows as R[];
  }

  /** `prepared`, for the first row. */
  async preparedOne<R = Row>(sql: string, params: unknown[] = []): Promise<R | null> {
    return (await this.prepared<R>(sql, params))[0] ?? null;
  }

  /** `prepared`, for the number of rows written. */
  async preparedExec(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.send(this.current(), this.config(sql, params))).rowCount ?? 0;
  }

  /** `storable`: the caller made the parameters storable already (storableParams), so they are not scanned again. */
  private config(sql: string, params: unknown[], storable = false): pg.QueryConfig {
    const values = storable ? params : storableParams(params);
    return this.named ? { name: statementName(sql), text: sql, values } : { text: sql, values };
  }

  /**
   * A statement on the transaction's client, with the SQL pending before it in the same write, or on the pool
   * (where a lost connection is 'store_unavailable').
   */
  private async send(state: TxState | undefined, query: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult> {
    if (state) return sendAfterPending(state, (c) => c.query(query as string, values));
    try {
      return await this.pool.query(query as string, values);
    } catch (e) {
      throw unavailable(e);
    }
  }

  async one<R = Row>(sql: string, params: unknown[] = []): Promise<R | null> {
    const rows = await this.query<R>(sql, params);
    return rows[0] ?? null;
  }

  async exec(sql: string, params: unknown[] = []): Promise<number> {
    const res = await this.send(this.current(), sql, storableParams(params));
    return res.rowCount ?? 0;
  }

  /**
   * Inside a transaction: `sql` (no parameters, its answer unused) runs just before the transaction's next
   * statement, in the same write; an error in it fails that statement. Outside one: now. For advisory locks
   * followed by a read: the read still takes its snapshot after the locks are granted (the server runs the
   * two one after the other), one round trip fewer.
   */
  async defer(sql: string): Promise<void> {
    const state = this.current();
    if (!state) {
      await this.pool.query(sql);
      return;
    }
    state.pending.push(sql);
  }

  /**
   * A prepared write whose result the caller does not need: inside a transaction it runs just before the
   * transaction's next statement, at the latest with the COMMIT (or the RELEASE of the savepoint it was
   * asked for in), in the same write; outside one, now. Its error, as `fail` maps it, fails that statement,
   * so it can never be committed without this write. A check on what it did must therefore be an error in
   * the SQL itself, not a look at its rows.
   */
  async later(sql: string, params: unknown[], fail: (e: unknown) => unknown = (e) => e): Promise<void> {
    const query = this.config(sql, params);
    const state = this.current();
    if (state) state.pending.push({ query, fail });
    else await this.send(undefined, query).catch((e: unknown) => { throw fail(e); });
  }

  get inTransaction(): boolean {
    return this.current() !== undefined;
  }

  /**
   * One transaction: BEGIN/COMMIT on a client of its own, ROLLBACK on error. Nested calls reuse the
   * outer transaction and wrap their part in a savepoint, so a failed inner part can be caught by the
   * caller without poisoning the outer transaction.
   */
  async transaction<T>(fn: () => Promise<T>, opts: { first?: string } = {}): Promise<T> {
    // `first`: SQL without parameters run at the start, with BEGIN (or SAVEPOINT). BEGIN, SAVEPOINT and
    // RELEASE wait for the transaction's next statement (see defer); a transaction that sends none sends
    // them with its COMMIT.
    const start = (begin: string) => (opts.first ? `${begin}; ${opts.first}` : begin);
    const outer = this.current();
    if (outer) {
      const name = `lede_sp${++outer.savepoints}`;
      const after = outer.after.length;
      const savepoint = start(`SAVEPOINT ${name}`);
      outer.pending.push(savepoint);
      try {
        const result = await fn();
        const release = `RELEASE SAVEPOINT ${name}`;
        // A write the part left waiting is sent with its RELEASE now, so that its failure is the part's.
        if (outer.pending.some((p) => typeof p !== 'string')) await sendAfterPending(outer, (c) => c.query(release));
        else outer.pending.push(release);
        return result;
      } catch (e) {
        const unsent = outer.pending.indexOf(savepoint);
        // Not sent yet: the part never reached the server, and what it deferred is dropped with it.
        if (unsent >= 0) outer.pending.length = unsent;
        else {
          outer.pending.length = 0; // deferred by the part rolled back
          await outer.client.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
        }
        outer.after.length = after; // what the rolled-back part asked for is void too
        throw e;
      }
    }
    const client = await this.pool.connect().catch((e: unknown) => { throw unavailable(e); });
    // A connection lost between two queries of this transaction (server restart, terminated backend)
    // is reported as an 'error' event on the client; unheard, it would end the process. The next query
    // fails instead, the transaction rolls back, and the client is destroyed rather than pooled.
    let broken: Error | undefined;
    let released = false;
    const lost = (e: Error) => { broken = e; };
    client.on('error', lost);
    const after: (() => Promise<void>)[] = [];
    const state: TxState = { client, savepoints: 0, after, pending: [start('BEGIN')] };
    try {
      const result = await this.tx.run(state, fn);
      await sendAfterPending(state, (c) => c.query('COMMIT'));
      state.ended = true;
      client.off('error', lost);
      client.release(broken);
      released = true;
      // Committed: what ran after is bookkeeping (shared counters); its failure must not undo the answer.
      for (const work of after) await work().catch(() => {});
      return result;
    } catch (e) {
      if (released) throw e;
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError as Error; // the connection is unusable: destroy it instead of pooling it
      }
      throw unavailable(e);
    } finally {
      state.ended = true;
      if (!released) {
        client.off('error', lost);
        client.release(broken);
      }
    }
  }

  /**
   * Runs `work` once the transaction in force commits (on a pooled client of its own, after this one is
   * released), or now when none is: for shared counters every writer touches, which would otherwise be
   * held locked until each writer's commit and so serialise them all.
   */
  async afterCommit(work: () => Promise<void>): Promise<void> {
    const state = this.current();
    if (state) state.after.push(() => this.tx.exit(work));
    else await work();
  }

  /** Runs `fn` outside any transaction in force (used where work must commit on its own). */
  detached<T>(fn: () => Promise<T>): Promise<T> {
    return this.tx.exit(fn);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Sends the statements pending in `state` and then `query`'s in one write, without waiting in between
 * (pipeline mode): `query`'s answer, or the first error in that order (after a failed statement the others
 * fail too: the transaction is aborted). Neighbouring SQL without parameters goes as one simple query.
 */
async function sendAfterPending(state: TxState, query: (c: pg.PoolClient) => Promise<pg.QueryResult>): Promise<pg.QueryResult> {
  if (!state.pending.length) return query(state.client);
  const pending = state.pending.splice(0);
  const { client } = state;
  const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
  const sent: Promise<unknown>[] = [];
  let sql: string[] = [];
  const sendSql = () => {
    if (sql.length) sent.push(client.query(sql.join('; ')));
    sql = [];
  };
  stream.cork();
  try {
    for (const p of pending) {
      if (typeof p === 'string') sql.push(p);
      else {
        sendSql();
        sent.push(client.query(p.query).catch((e: unknown) => { throw p.fail(e); }));
      }
    }
    sendSql();
    sent.push(query(client));
  } finally {
    stream.uncork();
  }
  // The first failure in the order sent is the cause: the statements after it fail only because of it.
  const settled = await Promise.allSettled(sent);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return (settled[settled.length - 1] as PromiseFulfilledResult<pg.QueryResult>).value;
}

const statementNames = new Map<string, string>();
/** A prepared statement's name: the same SQL always gets the same name, in every connection. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `lede_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/** pg error code of a failed query, e.g. '23505' unique_violation. */
export const pgCode = (e: unknown): string | undefined => (e as { code?: string } | null)?.code;

/** Deadlock detected, serialization failure: the transaction may simply be run again. */
const RETRYABLE = new Set(['40P01', '40001']);
/** A transaction the server rolled back to break a deadlock or a serialization conflict (as thrown, or as reported by transaction()). */
export const isRetryable = (e: unknown): boolean => RETRYABLE.has(pgCode(e) ?? pgCode((e as { cause?: unknown } | null)?.cause) ?? '');

/**
 * A transaction that failed because the server could not be reached or dropped the connection (restart,
 * failover, too many clients, pool wait). The transaction did not commit, or (a connection lost at COMMIT)
 * cannot be known to have: callers whose work is idempotent try it again, telling this case by the code
 * 'store_unavailable', as they do a transaction the server rolled back to break a deadlock. Any other error is
 * returned as it is.
 */
function unavailable(e: unknown): unknown {
  if (e instanceof LedeError) return e;
  const code = pgCode(e) ?? '';
  const message = e instanceof Error ? e.message : String(e);
  const lost = code.startsWith('08') || ['53300', '57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code) ||
    /timeout exceeded when trying to connect|Connection terminated|not queryable/i.test(message);
  if (lost) return new LedeError('store_unavailable', `the database is unavailable: ${message}`, { cause: e });
  // A deadlock the server broke, or a serialization failure: the whole transaction was rolled back and may simply
  // run again (ingest stored 439 of 440 articles when one item's transaction lost a deadlock and was not retried).
  if (RETRYABLE.has(code)) return new LedeError('store_unavailable', `the database rolled the transaction back: ${message}`, { cause: e });
  return e;
}
