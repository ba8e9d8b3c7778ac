// `lede sources …` against a real store and a loopback publisher: add (feed URL or home page), list,
// remove, OPML import and export.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import sources from '../../src/cli/commands/sources.ts';
import { parseOpml } from '../../src/pipeline/sources/index.ts';
import { openStore } from '../../src/store/index.ts';

let server: Server;
let base: string;
let dir: string;
const saved = { ...process.env };
let out: string[];

const rss = (title: string, home: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>${home}</link>` +
  `<item><title>One</title><link>${home}one.html</link><guid>one</guid></item></channel></rss>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/gazette/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('The Gazette', `${base}/gazette/`));
    if (path === '/gazette/') {
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>The Gazette</title>` +
        `<link rel="alternate" type="application/rss+xml" title="Gazette" href="/gazette/feed.xml"></head><body>Home</body></html>`);
    }
    if (path === '/herald/atom.xml') {
      return void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">` +
        `<title>Morning Herald</title><id>urn:herald</id><updated>2026-05-01T00:00:00Z</updated><link href="${base}/herald/"/></feed>`);
    }
    if (path === '/plain/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>No feeds</title></head><body>Nothing</body></html>');
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lede-cli-sources-'));
  process.env.LEDE_DATABASE_URL = `sqlite:${join(dir, 'lede.db')}`;
  process.env.LEDE_ALLOW_PRIVATE_NETWORKS = 'true';
  out = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
});

afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...saved };
  rmSync(dir, { recursive: true, force: true });
});

it('adds a feed by its URL, naming the source after the feed, and refuses nothing twice', async () => {
  expect(await sources.run(['add', `${base}/gazette/feed.xml`, '--language', 'en', '--country', 'GB'])).toBe(0);
  expect(out.join('\n')).toMatch(/The Gazette: following .*\/gazette\/feed\.xml \(rss, 1 items now\)/);
  expect(await sources.run(['add', `${base}/gazette/feed.xml`])).toBe(0);
  expect(out.join('\n')).toMatch(/already following/);

  const repo = await openStore(process.env.LEDE_DATABASE_URL!);
  try {
    const [source] = await repo.listSources();
    expect(source).toMatchObject({ name: 'The Gazette', homeUrl: `${base}/gazette/`, language: 'en', country: 'GB' });
    expect((await repo.listFeeds()).map((f) => f.url)).toEqual([`${base}/gazette/feed.xml`]);
  } finally {
    await repo.close();
  }
});

it('finds the feed a home page advertises, takes --name, and lists sources with their feeds', async () => {
  expect(await sources.run(['add', `${base}/gazette/`, '--name', 'Gazette Daily'])).toBe(0);
  out = [];
  expect(await sources.run(['list'])).toBe(0);
  const listing = out.join('\n');
  expect(listing).toMatch(/1 {2}Gazette Daily/);
  expect(listing).toContain(`${base}/gazette/feed.xml  [new, never fetched]`);
});

it('says clearly when a page is neither a feed nor advertises one', async () => {
  await expect(sources.run(['add', `${base}/plain/`])).rejects.toThrow(/not a feed and advertises none/);
  await expect(sources.run(['add', 'not a url'])).rejects.toThrow(/must be an http\(s\) URL/);
});

it('imports OPML (folders as categories, known feeds kept) and exports it back', async () => {
  const opml = join(dir, 'subs.opml');
  writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
    <outline text="News"><outline type="rss" text="The Gazette" xmlUrl="${base}/gazette/feed.xml" htmlUrl="${base}/gazette/"/>
    <outline type="rss" text="Morning Herald" xmlUrl="${base}/herald/atom.xml" htmlUrl="${base}/herald/"/></outline>
    <outline type="rss" text="Broken" xmlUrl="not-a-url"/></body></opml>`);
  expect(await sources.run(['import', opml])).toBe(0);
  expect(out.join('\n')).toMatch(/imported 2 feed\(s\); 0 already followed; 1 skipped/);
  out = [];
  expect(await sources.run(['import', opml])).toBe(0);
  expect(out.join('\n')).toMatch(/imported 0 feed\(s\); 2 already followed/);

  out = [];
  expect(await sources.run(['export'])).toBe(0);
  const outlines = parseOpml(out.join(''));
  expect(outlines.map((o) => [o.title, o.xmlUrl, o.htmlUrl, o.categories]).sort()).toEqual([
    ['Morning Herald', `${base}/herald/atom.xml`, `${base}/herald/`, ['News']],
    ['The Gazette', `${base}/gazette/feed.xml`, `${base}/gazette/`, ['News']],
  ]);
});

it('removes a source with its feeds; an unknown id is an error', async () => {
  await sources.run(['add', `${base}/herald/atom.xml`]);
  expect(await sources.run(['remove', '1'])).toBe(0);
  expect(out.join('\n')).toMatch(/removed source 1 \(Morning Herald\)/);
  await expect(sources.run(['remove', '1'])).rejects.toThrow(/no source with id 1/);
  await expect(sources.run(['remove', 'x'])).rejects.toThrow(/needs a source id/);
  expect(await sources.run(['frobnicate'])).toBe(2);
});
