// Property-based fuzzing of the whole HTTP surface on both store backends: every route the app
// registers (read from the router, so new routes are fuzzed too), with generated path parameters, query
// parameters and form fields — NUL, lone surrogates, CR/LF, raw invalid percent escapes, 100 KB strings,
// odd numbers and dates. Properties: no 5xx, no redirect off-site, no raw control character in a log line.
import { Writable } from 'node:stream';
import { format } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/web/app.ts';
import { startWeb } from '../../src/web/index.ts';
import { createLogger } from '../../src/log/index.ts';
import type { Repository } from '../../src/store/repository.ts';
import { backends } from '../store/backends.ts';
import { makeFixture, NOW, type Fixture } from './fixture.ts';
import { Client } from './client.ts';

const RUNS = Number(process.env.LEDE_FUZZ_RUNS ?? 120);

/** Query and form names the app reads somewhere, and a few it does not. */
const NAMES = ['q', 'outlet', 'hashtag', 'from', 'to', 'page', 'cursor', 'limit', 'since', 'back', 'set', 'notice', 'lang', 'language',
  'body', 'parentId', 'name', 'email', 'password', 'question', 'action', 'homeUrl', 'feedUrl', 'opml', 'id', 'url', 'format', 'x'];

const special = fc.constantFrom(
  '\u0000', 'a\u0000b', '\uD800', '\uDC00x', '\r\n', '\n/evil.example', '\t', '\u2028', '\uFFFE', '\u001B[31m',
  '-271821-04-20', '275760-09-13T00:00:00Z', '0000-00-00', '1969-12-31', '2024-02-31', 'NaN', 'Infinity', '-0', '1e309',
  '9007199254740993', '-1', '0', '00000000000000000001', '999999999999999999999999', '0x10', '1.5',
  '//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '<script>alert(1)</script>',
  '"', "'", '%', '\\', '../../etc/passwd', '#', '?', '&', '=', ' ', '',
);
/** Strings as a client may send them: any code units (lone surrogates too), specials, numbers, times, 100 KB. */
const value = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
  { arbitrary: special, weight: 4 },
  { arbitrary: fc.integer({ min: -1e6, max: 1e6 }).map(String), weight: 1 },
  { arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), weight: 1 },
  { arbitrary: fc.constantFrom('x'.repeat(100_000), '\u0000'.repeat(10_000)), weight: 1 },
);
/** Raw percent escapes that decode to no valid UTF-8, sent as they are. */
const rawEscape = fc.constantFrom('%ED%A0%80', '%C0%AE', '%FF', '%zz', '%', '%00', '%0A', '%E2%80%A8');

/** Percent-encodes UTF-8 (lone surrogates become U+FFFD, as a browser would send them). */
const enc = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0'))).join('');
/** Spellings of another site that browsers follow from a Location header. */
const OFF_SITE = ['/%09/evil.example', '/%0A/evil.example', '/%0D%0A/evil.example', '//evil.example', '/%5Cevil.example',
  '/%5C%5Cevil.example', 'https:%2F%2Fevil.example', '%2F%2Fevil.example', '/%2F/evil.example', '/%E3%80%80/evil.example'];
const offSite = fc.constantFrom(...OFF_SITE);
const encoded = fc.oneof({ arbitrary: value.map(enc), weight: 5 }, { arbitrary: rawEscape, weight: 1 }, { arbitrary: offSite, weight: 1 });
/** Every request may carry a `back` (the parameter that redirects), often a hostile one. */
const back = fc.option(fc.oneof(offSite, encoded), { nil: undefined });

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;

/** The routes the app registers: method and path pattern, read from hono's router. */
function routesOf(repo: Repository, config: Fixture['config']): { method: string; path: string }[] {
  const app = createApp({ repo, config });
  const seen = new Set<string>();
  return app.routes
    .filter((r) => (r.method === 'GET' || r.method === 'POST') && r.path !== '/*' && !r.path.endsWith('*'))
    .filter((r) => !seen.has(r.method + r.path) && seen.add(r.method + r.path));
}

/** A concrete path for a pattern: each :param gets a generated value (or, half the time, a real id). */
function fill(pattern: string, values: string[], ids: string[]): string {
  let i = 0;
  return pattern.replace(/:(\w+)(\{[^}]*\})?/g, () => {
    const v = values[i] ?? '1';
    const id = ids[i] ?? '1';
    i++;
    return i % 2 ? v : id;
  });
}

for (const backend of backends()) {
  describe(`fuzzing every route (${backend.name})`, () => {
    let f: Fixture;
    let web: { url: string; close(): Promise<void> };
    let signedIn: Client;
    let token: string;
    const logged: string[] = [];

    beforeAll(async () => {
      const repo = await backend.open();
      f = await makeFixture({ repo, fillers: 3 });
      // Every log line the server writes, as written (JSON lines), down to debug.
      const sink = new Writable({ write(chunk, _enc, done) { logged.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
      web = await startWeb({ repo, config: f.config, port: 0, host: '127.0.0.1', now: () => NOW, logger: createLogger({ level: 'debug', destination: sink }) });
      signedIn = new Client(web.url);
      await signedIn.submit('/signup', '/signup', { name: 'Fuzzer', email: 'fuzz@example.org', password: 'correct horse battery' });
      token = /name="_csrf" value="([^"]+)"/.exec((await signedIn.get('/')).body)![1]!;
      for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
        vi.spyOn(console, level).mockImplementation((...args: unknown[]) => { logged.push(format(...args)); });
      }
      logged.length = 0;
    }, 120_000);
    afterAll(async () => {
      vi.restoreAllMocks();
      await web?.close();
      await backend.cleanup();
    });

    const check = async (what: string, res: Response) => {
      if (!res.bodyUsed) await res.arrayBuffer();
      expect(res.status, what).toBeLessThan(500);
      const location = res.headers.get('location');
      if (location !== null) expect(new URL(location, web.url).origin, `${what} → ${location}`).toBe(new URL(web.url).origin);
    };

    it('GET: no 5xx and no off-site redirect for any path or query parameter', async () => {
      const routes = routesOf(f.repo, f.config).filter((r) => r.method === 'GET');
      expect(routes.length).toBeGreaterThan(20);
      const ids = [String(f.seedArticle.id), String(f.story.id), 'Daily8', 'Iraq'];
      await fc.assert(fc.asyncProperty(
        fc.constantFrom(...routes), fc.array(encoded, { minLength: 2, maxLength: 2 }),
        fc.array(fc.tuple(fc.constantFrom(...NAMES), encoded), { maxLength: 4 }), fc.boolean(), back,
        async (route, values, query, asUser, backTo) => {
          const pairs = [...query, ...(backTo === undefined ? [] : [['back', backTo] as const])];
          const path = fill(route.path, values, ids) + (pairs.length ? '?' + pairs.map(([k, v]) => `${k}=${v}`).join('&') : '');
          const client = asUser ? signedIn : new Client(web.url);
          await check(`GET ${path.slice(0, 300)}`, await client.request(path));
        },
      ), { numRuns: RUNS });
    });

    it('no route redirects off-site for any spelling of another site in `back`', async () => {
      const ids = [String(f.seedArticle.id), String(f.story.id)];
      for (const route of routesOf(f.repo, f.config).filter((r) => r.method === 'GET')) {
        for (const spelling of OFF_SITE) {
          const path = `${fill(route.path, ['1', '1'], ids)}?set=dark&back=${spelling}`;
          await check(`GET ${path}`, await signedIn.request(path));
        }
      }
      for (const spelling of OFF_SITE) {
        const c = new Client(web.url);
        const res = await c.submit('/signin', `/signin?back=${spelling}`, { email: 'fuzz@example.org', password: 'correct horse battery' });
        expect(res.res.status).toBe(303);
        await check(`POST /signin?back=${spelling}`, res.res);
      }
    }, 120_000);

    it('POST: no 5xx and no off-site redirect for any form field', async () => {
      const routes = routesOf(f.repo, f.config).filter((r) => r.method === 'POST' && !r.path.startsWith('/api/'));
      const ids = [String(f.seedArticle.id), '1'];
      await fc.assert(fc.asyncProperty(
        fc.constantFrom(...routes), fc.array(encoded, { minLength: 2, maxLength: 2 }),
        fc.array(fc.tuple(fc.constantFrom(...NAMES), encoded), { maxLength: 5 }), fc.oneof(offSite, encoded),
        async (route, values, fields, backTo) => {
          const path = `${fill(route.path, values, ids)}?back=${backTo}`;
          const body = [`_csrf=${encodeURIComponent(token)}`, ...fields.map(([k, v]) => `${k}=${v}`)].join('&');
          const res = await signedIn.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
          await check(`POST ${path.slice(0, 300)}`, res);
        },
      ), { numRuns: RUNS });
    });

    it('API: no 5xx for any parameter or JSON body', async () => {
      const routes = routesOf(f.repo, f.config).filter((r) => r.path.startsWith('/api/'));
      const ids = [String(f.seedArticle.id), String(f.story.id)];
      const json = fc.oneof(fc.json(), value.map((v) => JSON.stringify({ body: v, parentId: v })), encoded);
      await fc.assert(fc.asyncProperty(
        fc.constantFrom(...routes), fc.array(encoded, { minLength: 2, maxLength: 2 }),
        fc.array(fc.tuple(fc.constantFrom(...NAMES), encoded), { maxLength: 4 }), json,
        async (route, values, query, body) => {
          const path = fill(route.path, values, ids) + (query.length ? '?' + query.map(([k, v]) => `${k}=${v}`).join('&') : '');
          const init: RequestInit = route.method === 'POST'
            ? { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body }
            : {};
          await check(`${route.method} ${path.slice(0, 300)}`, await signedIn.request(path, init));
        },
      ), { numRuns: RUNS });
    });

    it('logged every request as one JSON line, with no raw control character in any line', () => {
      expect(logged.length).toBeGreaterThan(RUNS);
      for (const line of logged) {
        expect(RAW_CONTROL.test(line), JSON.stringify(line.slice(0, 200))).toBe(false);
        const entry = JSON.parse(line) as { event?: string; status?: number; route?: string };
        if (entry.event === 'http_request') expect(entry.status).toBeLessThan(500);
      }
    });
  });
}
