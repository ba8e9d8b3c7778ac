// /readyz against a PostgreSQL store that goes away and comes back: an embedded PostgreSQL (PGlite
// served over loopback by pglite-socket) that this test stops and restarts on the same port, never the
// machine's shared server.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { loadConfig } from '../../src/config/index.ts';
import { captureLogs } from '../../src/log/index.ts';
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import type { Repository } from '../../src/store/repository.ts';
import { startWeb } from '../../src/web/index.ts';

let db: PGlite;
let server: PGLiteSocketServer;
let port: number;
let repo: Repository;
let web: { url: string; close(): Promise<void> };

async function serve(p: number): Promise<void> {
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: p, maxConnections: 10 });
  await server.start();
}

beforeAll(async () => {
  const { PGlite } = await import('@electric-sql/pglite');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  db = await PGlite.create({ extensions: { unaccent } });
  await serve(0);
  port = Number(server.getServerConn().split(':').pop());
  repo = await openPostgresStore(`postgres://postgres@127.0.0.1:${port}/postgres?pool_size=1`);
  const config = loadConfig({ databaseUrl: 'postgres://unused', allowPrivateNetworks: true }, {});
  web = await startWeb({ repo, config, port: 0, host: '127.0.0.1', logger: captureLogs('error').logger });
}, 60_000);
afterAll(async () => {
  await web?.close();
  await repo?.close().catch(() => {});
  await server?.stop().catch(() => {});
  await db?.close();
});

const ready = async () => {
  const res = await fetch(`${web.url}/readyz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; reason?: string } };
};

it('fails while the store is unreachable and recovers when it is back', async () => {
  expect((await ready()).status).toBe(200);

  await server.stop();
  const down = await ready();
  expect(down.status).toBe(503);
  expect(down.body.reason).toMatch(/store unreachable/);
  // The process itself still answers.
  expect((await fetch(`${web.url}/healthz`)).status).toBe(200);

  await serve(port);
  let up = await ready();
  for (let i = 0; i < 20 && up.status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
    up = await ready();
  }
  expect(up.status).toBe(200);
}, 30_000);
