// The image proxy over real HTTP: a publisher on loopback serves images; Lede's pages point at /img/…,
// the proxy fetches, checks and caches them, refuses unsigned addresses and non-images, and a setting
// turns it off.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../src/web/index.ts';
import { loadConfig } from '../../src/config/index.ts';
import { contentHash } from '../../src/pipeline/run.ts';
import { openStore } from '../../src/store/index.ts';
import type { Repository } from '../../src/store/repository.ts';
import { NOW } from './fixture.ts';
import { Client } from './client.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

let publisher: Server;
let origin: string;
let hits = 0;
let repo: Repository;
let articleId: number;
let dir: string;

beforeAll(async () => {
  publisher = createServer((req, res) => {
    hits++;
    if (req.url === '/lead.png' || req.url === '/inline.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (req.url === '/evil.svg') return void res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(SVG);
    if (req.url === '/page.html') return void res.writeHead(200, { 'content-type': 'image/png' }).end('<html><script>alert(1)</script></html>');
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => publisher.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'lede-images-'));
  repo = await openStore('sqlite::memory:');
  const text = 'The harbour board approved the new quay on Monday after a long debate.';
  const { article } = await repo.createArticle({
    sourceId: null, feedId: null, outlet: 'Harbour Times', url: `${origin}/story`, canonicalUrl: null, title: 'Harbour board approves quay',
    byline: null, text, html: `<p>${text}</p><figure><img src="${origin}/inline.png" alt="The quay"></figure>`, lede: null,
    image: `${origin}/lead.png`, language: 'en', published: NOW.toISOString(), fetchedAt: NOW.toISOString(), contentHash: contentHash(text),
  }, null);
  articleId = article.id;
});
afterAll(async () => {
  await repo?.close();
  publisher?.close();
  rmSync(dir, { recursive: true, force: true });
});

const start = (imageProxy: boolean) => startWeb({
  repo, port: 0, host: '127.0.0.1', now: () => NOW,
  config: loadConfig({ databaseUrl: 'sqlite::memory:', allowPrivateNetworks: true, imageProxy, imageCacheDir: dir }, {}),
});

describe('image proxy', () => {
  it('serves article images from Lede: signed, checked, cached; the browser never contacts the publisher', async () => {
    const web = await start(true);
    try {
      const c = new Client(web.url);
      const { res, body } = await c.get(`/article/${articleId}`);
      expect(res.headers.get('content-security-policy')).toContain("img-src 'self' data:");
      const srcs = [...body.matchAll(/<img[^>]* src="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
      expect(srcs.length).toBe(2);
      for (const src of srcs) expect(src).toMatch(/^\/img\/[\w-]{22}\/[\w-]+$/);
      expect(body).not.toContain(`src="${origin}`);

      const first = await c.request(srcs[0]!);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe('image/png');
      expect(first.headers.get('cache-control')).toContain('max-age');
      expect(Buffer.from(await first.arrayBuffer()).equals(PNG)).toBe(true);
      // Cached on disk: served again without asking the publisher.
      const before = hits;
      const again = await c.request(srcs[0]!);
      expect(again.status).toBe(200);
      expect(Buffer.from(await again.arrayBuffer()).equals(PNG)).toBe(true);
      expect(hits).toBe(before);
    } finally {
      await web.close();
    }
  });

  it('is no open proxy: an address with a wrong or borrowed signature is refused without a fetch', async () => {
    const web = await start(true);
    try {
      const c = new Client(web.url);
      const { body } = await c.get(`/article/${articleId}`);
      const src = /<img[^>]* src="(\/img\/[^"]+)"/.exec(body)![1]!;
      const [, , signature] = src.split('/');
      const before = hits;
      const other = Buffer.from(`${origin}/evil.svg`).toString('base64url');
      expect((await c.request(`/img/${signature}/${other}`)).status).toBe(403);
      expect((await c.request(`/img/${'A'.repeat(22)}/${Buffer.from('http://169.254.169.254/latest/meta-data').toString('base64url')}`)).status).toBe(403);
      expect((await c.request('/img/x/%00')).status).toBe(404);
      expect(hits).toBe(before);
    } finally {
      await web.close();
    }
  });

  it('serves only raster images, whatever the publisher calls them', async () => {
    // Articles whose images are an SVG with script and an HTML page labelled image/png.
    for (const path of ['/evil.svg', '/page.html']) {
      const text = `An article whose picture is ${path}, which the proxy must not serve as an image.`;
      const { article } = await repo.createArticle({
        sourceId: null, feedId: null, outlet: 'Harbour Times', url: `${origin}/a${path}`, canonicalUrl: null, title: `Picture ${path}`,
        byline: null, text, html: `<p>${text}</p>`, lede: null, image: `${origin}${path}`, language: 'en', published: NOW.toISOString(),
        fetchedAt: NOW.toISOString(), contentHash: contentHash(text),
      }, null);
      const web = await start(true);
      try {
        const c = new Client(web.url);
        const src = /<img[^>]* src="(\/img\/[^"]+)"/.exec((await c.get(`/article/${article.id}`)).body)![1]!;
        const res = await c.request(src);
        expect(res.status, path).toBe(404);
        // An empty tile, never what the publisher sent.
        expect(res.headers.get('content-type')).toBe('image/gif');
        expect((await res.text())).not.toContain('script');
        // Pages rendered after that leave the image out rather than show an empty frame.
        const latest = (await c.get('/latest')).body;
        expect(latest).toContain(`/article/${article.id}`);
        expect(latest).not.toContain(src);
      } finally {
        await web.close();
      }
    }
  });

  it('can be turned off: images then link to the publisher and /img is gone', async () => {
    const web = await start(false);
    try {
      const c = new Client(web.url);
      const { res, body } = await c.get(`/article/${articleId}`);
      expect(body).toContain(`src="${origin}/lead.png"`);
      expect(res.headers.get('content-security-policy')).toContain('img-src \'self\' https: http: data:');
      expect((await c.request(`/img/${'A'.repeat(22)}/${Buffer.from(`${origin}/lead.png`).toString('base64url')}`)).status).toBe(404);
    } finally {
      await web.close();
    }
  });
});
