import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/domain/errors.ts';
import { createFetcher, type Fetcher, type FetcherOptions } from '../../../src/pipeline/fetch/index.ts';
import { VERSION } from '../../../src/version.ts';
import { startServer, type TestServer } from './server.ts';

const fast: Partial<FetcherOptions> = { minDelayMs: 0, retryBaseMs: 20, totalTimeoutMs: 5000 };
const fetchers: Fetcher[] = [];
const servers: TestServer[] = [];
const make = (o: Partial<FetcherOptions> = {}): Fetcher => {
  const f = createFetcher({ allowPrivateNetworks: true, ...fast, ...o });
  fetchers.push(f);
  return f;
};
const serve = async (...a: Parameters<typeof startServer>) => {
  const s = await startServer(...a);
  servers.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((f) => f.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function failure(p: Promise<unknown>): Promise<LedeError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LedeError);
    return e as LedeError;
  }
  throw new Error('expected the fetch to fail');
}

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';

describe('fetch: basics and conditional GET', () => {
  it('returns body, content type, validators and sends a Lede User-Agent', async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' });
      res.end(RSS);
    });
    const r = await make().get(s.url + '/feed.xml', { kind: 'feed' });
    expect(r).toMatchObject({ status: 'ok', url: s.url + '/feed.xml', contentType: 'application/rss+xml; charset=utf-8', etag: '"v1"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
    expect(r.body.toString()).toBe(RSS);
    expect(s.hits[0].headers['user-agent']).toContain(`Lede/${VERSION}`);
    expect(s.hits[0].headers['accept']).toContain('application/rss+xml');
  });

  it('answers not_modified on 304 and keeps the validators', async () => {
    const s = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Mon, 01 Jan 2024 00:00:00 GMT') {
        res.writeHead(304);
        return res.end();
      }
      res.writeHead(200, { etag: '"v1"' });
      res.end(RSS);
    });
    const f = make();
    const first = await f.get(s.url + '/f', { kind: 'feed' });
    const second = await f.get(s.url + '/f', { kind: 'feed', etag: first.etag });
    expect(second).toMatchObject({ status: 'not_modified', etag: '"v1"', lastModified: null });
    expect(second.body.length).toBe(0);
    const third = await f.get(s.url + '/f', { kind: 'feed', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
    expect(third).toMatchObject({ status: 'not_modified', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
    expect(s.hits[1].headers['if-none-match']).toBe('"v1"');
  });

  it('decodes gzip, zlib deflate, raw deflate and brotli', async () => {
    const text = 'Ünïcödé news '.repeat(500);
    const enc: Record<string, [string, Buffer]> = {
      '/gzip': ['gzip', gzipSync(text)],
      '/deflate': ['deflate', deflateSync(text)],
      '/raw': ['deflate', deflateRawSync(text)],
      '/br': ['br', brotliCompressSync(text)],
    };
    const s = await serve((req, res) => {
      const [coding, body] = enc[req.url!];
      res.writeHead(200, { 'content-encoding': coding, 'content-type': 'text/plain' });
      res.end(body);
    });
    const f = make();
    for (const path of Object.keys(enc)) expect((await f.get(s.url + path, { kind: 'feed' })).body.toString()).toBe(text);
    expect(s.hits[0].headers['accept-encoding']).toMatch(/gzip.*deflate.*br/);
  });

  it('forgives a plain body labelled as gzip', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' });
      res.end(RSS);
    });
    expect((await make().get(s.url + '/f', { kind: 'feed' })).body.toString()).toBe(RSS);
  });

  it('does not read an endless error body', async () => {
    let dropped = false;
    const s = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => (dropped = true));
      pump();
    });
    const t0 = Date.now();
    const f = make({ retries: 0 });
    const e = await failure(f.get(s.url + '/f', { kind: 'feed' }));
    expect(e.message).toContain('HTTP 500');
    // The connection is dropped at once, not held until the timeout.
    await f.close();
    expect(Date.now() - t0).toBeLessThan(3000); // the total timeout is 5 s
    await new Promise((r) => setTimeout(r, 50));
    expect(dropped).toBe(true);
  });

  it('refuses media as an article page without downloading it, but not as a feed', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(5 * 1024 * 1024) });
      res.end(Buffer.alloc(5 * 1024 * 1024));
    });
    const e = await failure(make().get(s.url + '/clip', { kind: 'page' }));
    expect(e.code).toBe('fetch_failed');
    expect(e.message).toContain('not a web page (video/mp4)');
    expect((await make().get(s.url + '/clip', { kind: 'feed' })).body.length).toBe(5 * 1024 * 1024);
  });

  it('fails with a clear error on HTTP errors and unknown hosts', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(404);
      res.end('gone');
    });
    const e = await failure(make().get(s.url + '/missing', { kind: 'feed' }));
    expect(e.code).toBe('fetch_failed');
    expect(e.message).toContain('HTTP 404');
    const dns = await failure(make({ resolver: async () => { throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }); } }).get('http://no-such-host.invalid/', { kind: 'feed' }));
    expect(dns.code).toBe('fetch_failed');
  });

  it('refuses non-http schemes', async () => {
    const e = await failure(make().get('file:///etc/passwd', { kind: 'feed' }));
    expect(e.code).toBe('fetch_refused');
  });
});

describe('fetch: politeness', () => {
  it('keeps at most 2 requests in flight per host by default', async () => {
    let active = 0;
    let max = 0;
    const s = await serve((_req, res) => {
      active++;
      max = Math.max(max, active);
      setTimeout(() => {
        active--;
        res.end('ok');
      }, 80);
    });
    const f = make();
    await Promise.all(Array.from({ length: 7 }, (_, i) => f.get(`${s.url}/${i}`, { kind: 'feed' })));
    expect(s.hits).toHaveLength(7);
    expect(max).toBe(2);
  });

  it('spaces request starts to one host by the minimum delay', async () => {
    const starts: number[] = [];
    const s = await serve((_req, res) => {
      starts.push(Date.now());
      res.end('ok');
    });
    const f = make({ minDelayMs: 300, perHostConcurrency: 4 });
    await Promise.all([0, 1, 2].map((i) => f.get(`${s.url}/${i}`, { kind: 'feed' })));
    // Measured at the server, so allow for delivery jitter on a loaded machine.
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(200);
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(200);
    expect(starts[2] - starts[0]).toBeGreaterThanOrEqual(550);
  });

  it('waits for Retry-After on 503 and then succeeds', async () => {
    let n = 0;
    const s = await serve((_req, res) => {
      if (n++ === 0) {
        res.writeHead(503, { 'retry-after': '1' });
        return res.end();
      }
      res.end('fine');
    });
    const t0 = Date.now();
    const r = await make().get(s.url + '/f', { kind: 'feed' });
    expect(r.body.toString()).toBe('fine');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it('does not wait out a long Retry-After on 429 but reports it for the scheduler', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(429, { 'retry-after': '120' });
      res.end();
    });
    const t0 = Date.now();
    const e = await failure(make().get(s.url + '/f', { kind: 'feed' }));
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(e.code).toBe('fetch_failed');
    expect(e.message).toContain('429');
    expect(e.details).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(s.hits).toHaveLength(1);
  });

  it('retries a 500 with back-off a bounded number of times', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    const e = await failure(make({ retries: 2 }).get(s.url + '/f', { kind: 'feed' }));
    expect(e.message).toContain('HTTP 500');
    expect(s.hits).toHaveLength(3);
  });
});

describe('fetch: limits', () => {
  it('refuses a response whose Content-Length exceeds the cap', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
      res.end(Buffer.alloc(2 * 1024 * 1024, 97));
    });
    const e = await failure(make({ maxBytes: 1024 * 1024 }).get(s.url + '/big', { kind: 'feed' }));
    expect(e.code).toBe('too_large');
  });

  it('stops reading a chunked response as soon as it passes the cap', async () => {
    let written = 0;
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 98);
      const write = () => {
        while (written < 64 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return res.once('drain', write);
        }
        res.end();
      };
      write();
    });
    const f = make({ maxBytes: 1024 * 1024 });
    const t0 = Date.now();
    const e = await failure(f.get(s.url + '/endless', { kind: 'feed' }));
    expect(e.code).toBe('too_large');
    await f.close();
    expect(Date.now() - t0).toBeLessThan(3000); // the total timeout is 5 s
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses a gzip bomb on its decompressed size', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // ~64 KiB on the wire, 64 MiB inflated
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/xml' });
      res.end(bomb);
    });
    const before = process.memoryUsage().rss;
    const e = await failure(make({ maxBytes: 1024 * 1024 }).get(s.url + '/bomb', { kind: 'feed' }));
    expect(e.code).toBe('too_large');
    expect(e.message).toContain('decompressed');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('gives up on a slow server after the total timeout', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200);
      res.write('<rss>');
      // never ends
    });
    const t0 = Date.now();
    const e = await failure(make({ totalTimeoutMs: 300 }).get(s.url + '/slow', { kind: 'feed' }));
    expect(e.code).toBe('fetch_timeout');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('gives up connecting after the connect timeout (here: a DNS answer that never comes)', async () => {
    const t0 = Date.now();
    const f = make({ allowPrivateNetworks: false, connectTimeoutMs: 200, totalTimeoutMs: 5000, resolver: () => new Promise(() => {}) });
    const e = await failure(f.get('http://stuck.example/feed', { kind: 'feed' }));
    expect(e.code).toBe('fetch_timeout');
    expect(e.message).toMatch(/connect/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('follows up to 5 redirects and reports the final URL', async () => {
    const s = await serve((req, res) => {
      const n = Number(req.url!.slice(1));
      if (n > 0) {
        res.writeHead(n % 2 ? 301 : 307, { location: `/${n - 1}` });
        return res.end();
      }
      res.end('landed');
    });
    const r = await make().get(s.url + '/5', { kind: 'feed' });
    expect(r.url).toBe(s.url + '/0');
    expect(r.body.toString()).toBe('landed');
    const e = await failure(make().get(s.url + '/6', { kind: 'feed' }));
    expect(e.message).toMatch(/too many redirects/);
  });

  it('stops a redirect loop', async () => {
    const s = await serve((req, res) => {
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' });
      res.end();
    });
    const e = await failure(make().get(s.url + '/a', { kind: 'feed' }));
    expect(e.code).toBe('fetch_failed');
    expect(e.message).toMatch(/too many redirects/);
    expect(s.hits.length).toBe(6);
  });
});

describe('fetch: SSRF guard', () => {
  let target: TestServer;
  beforeAll(async () => {
    target = await startServer((_req, res) => res.end('secret'));
  });
  afterAll(() => target.close());

  it.each(['http://127.0.0.1:{port}/', 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:{port}/', 'http://[::ffff:127.0.0.1]:{port}/', 'http://2130706433:{port}/', 'http://100.64.0.1/', 'http://[fd00::1]/', 'http://224.0.0.1/', 'http://0.0.0.0:{port}/', 'http://metadata.google.internal/'])(
    'refuses %s',
    async (tpl) => {
      const hitsBefore = target.hits.length;
      const e = await failure(make({ allowPrivateNetworks: false }).get(tpl.replace('{port}', String(target.port)), { kind: 'feed' }));
      expect(e.code).toBe('fetch_refused');
      expect(target.hits.length).toBe(hitsBefore);
    },
  );

  it('checks the resolved address, not the name (localhost, hostile DNS, mixed answers)', async () => {
    const viaLocalhost = await failure(make({ allowPrivateNetworks: false }).get(`http://localhost:${target.port}/`, { kind: 'feed' }));
    expect(viaLocalhost.code).toBe('fetch_refused');
    const rebinding = make({ allowPrivateNetworks: false, resolver: async () => [{ address: '127.0.0.1', family: 4 }] });
    const e1 = await failure(rebinding.get(`http://news.example:${target.port}/`, { kind: 'feed' }));
    expect(e1.code).toBe('fetch_refused');
    expect(e1.message).toContain('resolves to');
    const mixed = make({ allowPrivateNetworks: false, resolver: async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.1.2.3', family: 4 }] });
    expect((await failure(mixed.get('http://mixed.example/', { kind: 'feed' }))).code).toBe('fetch_refused');
    expect(target.hits.length).toBe(0);
  });

  it('connects to the checked address when the policy allows it', async () => {
    const f = make({
      allowPrivateNetworks: false,
      resolver: async () => [{ address: '127.0.0.1', family: 4 }],
      allowAddress: ({ address, port }) => address === '127.0.0.1' && port === target.port,
    });
    const r = await f.get(`http://allowed.example:${target.port}/x`, { kind: 'feed' });
    expect(r.body.toString()).toBe('secret');
    expect(target.hits.at(-1)!.headers.host).toBe(`allowed.example:${target.port}`);
  });

  it.each(['http://127.0.0.1:{port}/', 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:{port}/', 'http://localhost:{port}/'])(
    'refuses a redirect from an allowed host to %s',
    async (tpl) => {
      const hitsBefore = target.hits.length;
      const origin = await serve((_req, res) => {
        res.writeHead(302, { location: tpl.replace('{port}', String(target.port)) });
        res.end();
      });
      const f = make({ allowPrivateNetworks: false, allowAddress: ({ address, port }) => address === '127.0.0.1' && port === origin.port });
      const e = await failure(f.get(origin.url + '/feed', { kind: 'feed' }));
      expect(e.code).toBe('fetch_refused');
      expect(origin.hits).toHaveLength(1);
      expect(target.hits.length).toBe(hitsBefore);
    },
  );
});

describe('fetch: robots.txt', () => {
  it('obeys robots.txt for pages, caches it per host, and ignores it for feeds', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\nDisallow: /\n');
      }
      res.end('page ' + req.url);
    });
    const f = make();
    const e = await failure(f.get(s.url + '/private/story.html', { kind: 'page' }));
    expect(e.code).toBe('fetch_refused');
    expect(e.message).toContain('robots.txt');
    expect((await f.get(s.url + '/news/story.html', { kind: 'page' })).body.toString()).toBe('page /news/story.html');
    expect((await f.get(s.url + '/private/feed.xml', { kind: 'feed' })).status).toBe('ok');
    expect(s.hits.filter((h) => h.url === '/robots.txt')).toHaveLength(1);
    expect(s.hits.some((h) => h.url === '/private/story.html')).toBe(false);
  });

  it('honours Crawl-delay between page requests to the host', async () => {
    const starts: number[] = [];
    const s = await serve((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: *\nCrawl-delay: 0.4\n');
      starts.push(Date.now());
      res.end('page');
    });
    const f = make({ minDelayMs: 0 });
    await Promise.all(['/a', '/b'].map((p) => f.get(s.url + p, { kind: 'page' })));
    expect(starts).toHaveLength(2);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(300);
  });

  it('reports a refused host as refused, not as a robots.txt rule', async () => {
    const f = make({ allowPrivateNetworks: false, resolver: async () => [{ address: '10.9.8.7', family: 4 }] });
    const e = await failure(f.get('http://intranet.example/page.html', { kind: 'page' }));
    expect(e.code).toBe('fetch_refused');
    expect(e.message).toContain('resolves to');
    expect(e.message).not.toMatch(/disallows/);
  });

  it('applies rules written for Lede and treats a missing robots.txt as allow-all', async () => {
    const a = await serve((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: Lede\nDisallow: /\n\nUser-agent: *\nAllow: /\n');
      res.end('x');
    });
    expect((await failure(make().get(a.url + '/a', { kind: 'page' }))).code).toBe('fetch_refused');
    const b = await serve((req, res) => {
      res.writeHead(req.url === '/robots.txt' ? 404 : 200);
      res.end('x');
    });
    expect((await make().get(b.url + '/a', { kind: 'page' })).status).toBe('ok');
  });
});
