// The store backends every store test runs against: SQLite (a temp file) and PostgreSQL.
// PostgreSQL is the server at LEDE_TEST_PG_URL (default postgres://127.0.0.1:5432/test) when it answers
// — every open() creates a database of its own (random name) and cleanup() drops it — else an embedded
// PostgreSQL (PGlite, served over loopback by pglite-socket), so `npm test` passes on a laptop with no
// server. In CI (CI=true) a missing server is a failure, never a silent fallback.
// LEDE_TEST_PG=embedded forces the embedded engine (to test that path on a machine that has a server).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Repository } from '../../src/store/repository.ts';
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import { alive } from '../../src/store/sqlite/holders.ts';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.ts';
import { Db, parsePostgresUrl } from '../../src/store/postgres/db.ts';
import * as pgMigrations from '../../src/store/postgres/migrate.ts';
import * as sqliteMigrations from '../../src/store/sqlite/migrate.ts';

export interface Backend {
  name: string;
  open(): Promise<Repository>;
  /** The URL a `lede` command would be given for a store this backend opened. */
  urlOf(repo: Repository): string;
  cleanup(): Promise<void>;
}

const urls = new WeakMap<Repository, string>();
const urlOf = (repo: Repository): string => {
  const url = urls.get(repo);
  if (!url) throw new Error('not a store opened by this backend');
  return url;
};

export function backends(): Backend[] {
  return [sqliteBackend(), postgresBackend()];
}

function sqliteBackend(): Backend {
  const dirs: string[] = [];
  const open: Repository[] = [];
  return {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'lede-store-'));
      dirs.push(dir);
      const { openStore } = await import('../../src/store/index.ts');
      const url = `sqlite:${join(dir, 'lede.db')}`;
      const repo = await openStore(url);
      urls.set(repo, url);
      open.push(repo);
      return repo;
    },
    urlOf,
    async cleanup() {
      await Promise.all(open.splice(0).map((r) => r.close().catch(() => {})));
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

function postgresBackend(): Backend {
  const open: { repo: Repository; url: string }[] = [];
  return {
    name: 'postgres',
    async open() {
      const server = await testPostgres();
      const url = await server.createDatabase();
      const repo = await openPostgresStore(url);
      urls.set(repo, url);
      open.push({ repo, url });
      return repo;
    },
    urlOf,
    async cleanup() {
      const server = await testPostgres();
      for (const { repo, url } of open.splice(0)) {
        await repo.close().catch(() => {});
        await server.dropDatabase(url);
      }
    },
  };
}

/** A PostgreSQL for tests: creates and drops databases. One per test process. */
export interface TestPostgres {
  kind: 'server' | 'embedded';
  /** Where it runs, without a database name: for messages. */
  where: string;
  /** A new database, already on Lede's schema unless `empty`; its URL. */
  createDatabase(opts?: { empty?: boolean }): Promise<string>;
  dropDatabase(url: string): Promise<void>;
}

export const DEFAULT_URL = 'postgres://127.0.0.1:5432/test';
let pending: Promise<TestPostgres> | null = null;

export function testPostgres(): Promise<TestPostgres> {
  pending ??= startTestPostgres();
  return pending;
}

async function startTestPostgres(): Promise<TestPostgres> {
  const url = withUser(process.env.LEDE_TEST_PG_URL || DEFAULT_URL);
  if (process.env.LEDE_TEST_PG !== 'embedded') {
    const error = await answers(url);
    if (error === null) return serverPostgres(url);
    if (process.env.CI === 'true') {
      throw new Error(`PostgreSQL at ${redact(url)} is not answering (${error}); CI runs the store suite on a real server. ` +
        'Start it (see .ci/run) or set LEDE_TEST_PG_URL.');
    }
  }
  return embeddedPostgres();
}

async function answers(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return (e as Error).message || String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

/** pg takes the user from $USER only; default it to the OS account as psql does. */
/** One client connected to `url` for the length of `fn`. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function withUser(url: string): string {
  const u = new URL(url);
  if (!u.username && !process.env.PGUSER && !process.env.USER) u.username = userInfo().username;
  return u.toString();
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//');

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function serverPostgres(adminUrl: string): Promise<TestPostgres> {
  const admin = <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => withClient(adminUrl, fn);
  await dropAbandonedDatabases(admin);
  const fresh = async () => {
    const name = `lede_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    return name;
  };
  // Migrating a new database costs more than copying one: migrate a template once per process, then
  // every database is a copy of it (openPostgresStore finds nothing to apply).
  let template: Promise<string> | null = null;
  const migratedTemplate = () => {
    template ??= (async () => {
      const name = await fresh();
      const { openPostgresStore } = await import('../../src/store/postgres/index.ts');
      await (await openPostgresStore(withDatabase(adminUrl, name))).close();
      return name;
    })();
    return template;
  };
  return {
    kind: 'server',
    where: redact(adminUrl),
    async createDatabase(opts) {
      if (opts?.empty) return withDatabase(adminUrl, await fresh());
      const tpl = await migratedTemplate();
      const name = `lede_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`));
      return withDatabase(adminUrl, name);
    },
    async dropDatabase(url) {
      const name = new URL(url).pathname.slice(1);
      if (!/^lede_test_\w+$/.test(name)) throw new Error(`refusing to drop ${name}: not a test database`);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Test databases left by runs that were killed (their process is gone) are dropped on the next run. */
async function dropAbandonedDatabases(admin: <T>(fn: (c: pg.Client) => Promise<T>) => Promise<T>): Promise<void> {
  await admin(async (c) => {
    const rows = (await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'lede\\_test\\_%'`)).rows;
    for (const { datname } of rows) {
      const pid = Number(datname.split('_')[2]);
      if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
      await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => {});
    }
  });
}


// PGlite runs one PostgreSQL backend in this process (WASM); pglite-socket multiplexes client
// connections onto it, keeping a transaction's statements together. It cannot serve a second
// database, so every createDatabase() empties the one schema instead: one open store at a time.
// Nor can it serve several busy processes at once (see the URL below): the multi-process ingest test
// needs a server.
async function embeddedPostgres(): Promise<TestPostgres> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const db = await PGlite.create({ extensions: { unaccent } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 100 });
  await server.start();
  // One connection per store: the multiplexer keeps a transaction's statements together, but statements
  // of concurrent connections outside transactions may interleave when their messages span packets. No
  // named prepared statements: every connection shares the one backend, and so its statement names.
  const url = `postgres://postgres@${server.getServerConn()}/postgres?pool_size=1&prepared_statements=off`;
  process.once('beforeExit', () => {
    void server.stop().then(() => db.close());
  });
  return {
    kind: 'embedded',
    where: `embedded PGlite at ${server.getServerConn()}`,
    async createDatabase() {
      await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
      return url;
    },
    async dropDatabase() {
      await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    },
  };
}

/**
 * A SQLite store made by an older Lede: the first `migrations` migrations applied, then `fill` writes to it
 * as that version would have; `use` gets it opened by this Lede (every later migration applied) and its path.
 */
export async function olderSqliteStore(
  migrations: number, fill: (conn: Database.Database) => void, use: (repo: Repository, path: string) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lede-older-'));
  try {
    const path = join(dir, 'lede.db');
    const conn = new Database(path);
    sqliteMigrations.migrate(conn, sqliteMigrations.loadMigrations().slice(0, migrations));
    fill(conn);
    conn.close();
    const repo = await openStore(`sqlite:${path}`);
    try {
      await use(repo, path);
    } finally {
      await repo.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same on a new database of the PostgreSQL test server (`use` gets its URL). */
export async function olderPostgresStore(
  server: TestPostgres, migrations: number, fill: (db: Db) => Promise<void>, use: (repo: Repository, url: string) => Promise<void>,
): Promise<void> {
  const url = await server.createDatabase({ empty: true });
  try {
    const db = new Db(parsePostgresUrl(url));
    try {
      await pgMigrations.migrate(db, pgMigrations.loadMigrations().slice(0, migrations));
      await fill(db);
    } finally {
      await db.close();
    }
    const repo = await openPostgresStore(url);
    try {
      await use(repo, url);
    } finally {
      await repo.close();
    }
  } finally {
    await server.dropDatabase(url);
  }
}
