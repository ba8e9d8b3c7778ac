// /healthz (the process answers) and /readyz (the store answers and its schema is current), as a load
// balancer or a process supervisor polls them: readiness fails while PostgreSQL refuses connections and
// recovers when it takes them again; on SQLite it fails when the schema is not the one this Lede needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { Repository } from '../../src/store/repository.ts';
import { startWeb } from '../../src/web/index.ts';
import { testPostgres } from '../store/backends.ts';

const config = loadConfig({ databaseUrl: 'sqlite::memory:', allowPrivateNetworks: true }, {});

async function probe(url: string, path: string): Promise<{ status: number; body: { ok: boolean; reason?: string } }> {
  const res = await fetch(url + path);
  return { status: res.status, body: (await res.json()) as { ok: boolean; reason?: string } };
}

describe('health and readiness', () => {
  it('SQLite: ready with a current schema; not ready (503, with the reason) when the schema is not current', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lede-ready-'));
    const file = join(dir, 'lede.db');
    const repo = await openStore(`sqlite:${file}`);
    const web = await startWeb({ repo, config, port: 0, host: '127.0.0.1' });
    try {
      expect(await probe(web.url, '/healthz')).toEqual({ status: 200, body: { ok: true } });
      expect(await probe(web.url, '/readyz')).toEqual({ status: 200, body: { ok: true } });
      // A newer Lede migrated this file meanwhile: this process must not take traffic.
      const other = new Database(file);
      other.prepare("INSERT INTO schema_migrations (version, name) VALUES (99, '099_from_a_newer_lede')").run();
      other.close();
      const stale = await probe(web.url, '/readyz');
      expect(stale.status).toBe(503);
      expect(stale.body.reason).toMatch(/schema is at version 99/);
      expect((await probe(web.url, '/healthz')).status).toBe(200);
    } finally {
      await web.close();
      await repo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('PostgreSQL', () => {
    let url: string;
    let admin: pg.Client;
    let repo: Repository;
    let web: { url: string; close(): Promise<void> };
    const database = () => new URL(url).pathname.slice(1);

    beforeAll(async () => {
      url = await (await testPostgres()).createDatabase();
      repo = await openPostgresStore(url);
      web = await startWeb({ repo, config, port: 0, host: '127.0.0.1' });
      admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
      await admin.connect().catch(async () => {
        admin = new pg.Client({ connectionString: url });
        await admin.connect();
      });
    });
    afterAll(async () => {
      await admin?.query(`ALTER DATABASE ${database()} ALLOW_CONNECTIONS true`).catch(() => {});
      await admin?.end().catch(() => {});
      await web?.close();
      await repo?.close();
      await (await testPostgres()).dropDatabase(url);
    });

    it('fails while the database refuses connections and recovers when it takes them again', async () => {
      if ((await testPostgres()).kind !== 'server') return; // the embedded engine has no ALLOW_CONNECTIONS
      expect((await probe(web.url, '/readyz')).status).toBe(200);
      await admin.query(`ALTER DATABASE ${database()} ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database()]);
      const down = await probe(web.url, '/readyz');
      expect(down.status).toBe(503);
      expect(down.body.reason).toMatch(/does not answer/);
      // The process itself is alive: a supervisor must not restart it for a database outage.
      expect((await probe(web.url, '/healthz')).status).toBe(200);
      await admin.query(`ALTER DATABASE ${database()} ALLOW_CONNECTIONS true`);
      expect(await probe(web.url, '/readyz')).toEqual({ status: 200, body: { ok: true } });
    });
  });
});
