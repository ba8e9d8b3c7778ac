// HTTPS through the guarded connector: the connection goes to the checked IP while TLS still verifies
// the certificate against the host name (SNI). A throwaway certificate is made with openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/domain/errors.ts';
import { createFetcher } from '../../../src/pipeline/fetch/index.ts';

let hasOpenssl = true;
try {
  execFileSync('openssl', ['version'], { stdio: 'ignore' });
} catch {
  hasOpenssl = false;
}

describe.skipIf(!hasOpenssl)('fetch over HTTPS', () => {
  let dir: string;
  let cert: Buffer;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lede-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=feeds.test',
      '-addext', 'subjectAltName=DNS:feeds.test', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'cert.pem'));
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`secure ${req.headers.host}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fetcher = () =>
    createFetcher({
      allowPrivateNetworks: false,
      minDelayMs: 0,
      ca: cert,
      resolver: async () => [{ address: '127.0.0.1', family: 4 }],
      allowAddress: ({ address, port: p }) => address === '127.0.0.1' && p === port,
    });

  it('verifies the certificate against the host name while connecting to the checked address', async () => {
    const f = fetcher();
    try {
      const r = await f.get(`https://feeds.test:${port}/feed`, { kind: 'feed' });
      expect(r.body.toString()).toBe(`secure feeds.test:${port}`);
    } finally {
      await f.close();
    }
  });

  it('rejects a certificate for another name', async () => {
    const f = fetcher();
    try {
      await expect(f.get(`https://other.test:${port}/feed`, { kind: 'feed' })).rejects.toSatisfy(
        (e: unknown) => e instanceof LedeError && e.code === 'fetch_failed' && /altnames|certificate|Hostname/i.test(e.message),
      );
    } finally {
      await f.close();
    }
  });
});
