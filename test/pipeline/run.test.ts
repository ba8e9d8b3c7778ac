// The ingest path end to end over loopback: a newswire of RSS feeds and article pages, the real fetcher,
// parser, extract, placeVersion, enrich and a real SQLite store.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/jobs/index.ts';
import { createFetcher, type Fetcher } from '../../src/pipeline/fetch/index.ts';
import { ingestFeed, itemKey } from '../../src/pipeline/run.ts';
import { openStore } from '../../src/store/index.ts';
import type { Repository } from '../../src/store/repository.ts';
import type { ArticleId } from '../../src/domain/types.ts';
import { startNewswire, type Newswire } from '../jobs/concurrency-newswire.ts';

let dir: string;
let repo: Repository;
let fetcher: Fetcher;
const servers: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lede-run-'));
  repo = await openStore(`sqlite:${join(dir, 'lede.db')}`);
  fetcher = createFetcher({ allowPrivateNetworks: true, minDelayMs: 0, retries: 0, totalTimeoutMs: 5000 });
});

afterEach(async () => {
  await fetcher.close();
  await repo.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function followWire(wire: Newswire): Promise<void> {
  for (let o = 0; o < wire.outlets; o++) {
    const source = await repo.addSource({ name: wire.outletName(o), homeUrl: wire.homeUrl(o) });
    await repo.addFeed({ sourceId: source.id, url: wire.feedUrl(o) });
  }
}

const ingestOnce = () => runIngest({ repo, fetcher, concurrency: 2, once: true, pollIntervalMs: 30 * 60_000 });

/** A tiny server with one handler per path, for the failure cases. */
async function serve(routes: Record<string, (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void>): Promise<string> {
  const server: Server = createServer((req, res) => {
    const route = routes[(req.url ?? '/').split('?')[0]!];
    if (route) route(req, res);
    else res.writeHead(404).end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('ingest over a loopback newswire', () => {
  it('stores every article once with its copies as versions, and a second run stores nothing twice', async () => {
    const wire = await startNewswire({ articles: 24, outlets: 3, copyShare: 0.25 });
    servers.push(wire);
    await followWire(wire);

    const first = await ingestOnce();
    expect(first.feeds).toBe(3);
    expect(first.feedErrors).toBe(0);
    expect(first.failed).toBe(0);
    expect(await repo.countArticles()).toBe(wire.articles.length);
    expect(first.newArticles).toBe(wire.articles.length);
    expect(first.stored).toBe(wire.articles.length + wire.copies.length);

    // A copy is a version of its article, credited to the outlet that carried it.
    const copy = wire.copies[0]!;
    const original = wire.articles[copy.of]!;
    const hit = (await repo.search(`"${original.title}"`, { limit: 5 })).hits[0]!;
    const stored = (await repo.getArticle(hit.id))!;
    expect(stored.versions.map((v) => v.outlet).sort()).toEqual([wire.outletName(original.outlet), wire.outletName(copy.outlet)].sort());
    expect(stored.article.text).toContain(original.paragraphs[1]!.slice(0, 60));
    expect(await repo.getEnrichment(hit.id)).not.toBeNull();

    // Every feed is due again only after the poll interval.
    for (const f of await repo.listFeeds()) {
      expect(f.status).toBe('ok');
      expect(Date.parse(f.nextFetchAt!)).toBeGreaterThan(Date.now() + 29 * 60_000);
    }

    // Second run (feeds made due again): every item is recognised, no page is fetched, nothing is added.
    for (const f of await repo.listFeeds()) await repo.recordFetch(f.id, { status: 'ok', fetchedAt: new Date().toISOString(), nextFetchAt: new Date(0).toISOString() });
    wire.resetCounts();
    const second = await ingestOnce();
    expect(second.feeds).toBe(3);
    expect(second.stored).toBe(0);
    expect(second.seen).toBe(wire.articles.length + wire.copies.length);
    expect([...wire.requests.keys()].filter((p) => p.endsWith('.html'))).toEqual([]);
    expect(await repo.countArticles()).toBe(wire.articles.length);
    expect(await repo.checkIntegrity()).toEqual([]);
  });

  it('records each feed failure with its reason and back-off, and goes on with the other feeds', async () => {
    const wire = await startNewswire({ articles: 6, outlets: 1, copyShare: 0 });
    servers.push(wire);
    await followWire(wire);
    const base = await serve({
      '/broken.xml': (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<html><body>Not a feed at all</body></html>'),
    });
    const bad = await repo.addSource({ name: 'Broken Outlet', homeUrl: `${base}/` });
    const broken = await repo.addFeed({ sourceId: bad.id, url: `${base}/broken.xml` });
    const missing = await repo.addFeed({ sourceId: bad.id, url: `${base}/gone.xml` });

    const summary = await ingestOnce();
    expect(summary.feedErrors).toBe(2);
    expect(await repo.countArticles()).toBe(6);

    const b = (await repo.getFeed(broken.id))!;
    expect(b.status).toBe('error');
    expect(b.error).toMatch(/feed_invalid/);
    expect(b.errorCount).toBe(1);
    const m = (await repo.getFeed(missing.id))!;
    expect(m.status).toBe('error');
    expect(m.error).toMatch(/404/);
    expect(Date.parse(m.nextFetchAt!)).toBeGreaterThan(Date.now());

    // The failing feeds are not due now: a second pass does not touch them.
    const again = await ingestOnce();
    expect(again.feeds).toBe(0);
  });

  it('honours Retry-After on a 503 and backs off further on repeated failures', async () => {
    // Alone in its test: the fetcher rightly holds back the whole host that asked for time.
    const base = await serve({ '/busy.xml': (_q, r) => r.writeHead(503, { 'retry-after': '7200' }).end('busy') });
    const source = await repo.addSource({ name: 'Busy Outlet', homeUrl: `${base}/` });
    const busy = await repo.addFeed({ sourceId: source.id, url: `${base}/busy.xml` });
    const outcome = await ingestFeed({ repo, fetcher, pollIntervalMs: 60_000 }, busy);
    expect(outcome.status).toBe('error');
    const u = (await repo.getFeed(busy.id))!;
    expect(u.error).toMatch(/503/);
    expect(u.errorCount).toBe(1);
    expect(Date.parse(u.nextFetchAt!)).toBeGreaterThanOrEqual(Date.now() + 7200_000 - 60_000);
  });

  it('uses a conditional GET: an unchanged feed answers 304 and nothing is read again', async () => {
    let feedHits = 0;
    let pageHits = 0;
    const text = 'The harbour authority said on Monday that the new quay would open in spring. ' +
      'Officials expect the extension to double the number of ferries that can dock at the same time. '.repeat(3);
    const base = await serve({
      '/feed.xml': (req, res) => {
        feedHits++;
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title><link>${base}/</link>` +
          `<item><title>New quay to open in spring</title><link>${base}/quay.html</link><guid>quay-1</guid>` +
          `<pubDate>Mon, 04 May 2026 08:00:00 GMT</pubDate><description>The quay opens in spring.</description></item></channel></rss>`);
      },
      '/quay.html': (_q, res) => {
        pageHits++;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
          `<html><head><title>New quay to open in spring</title></head><body><nav>Home | World</nav><article><h1>New quay to open in spring</h1><p>${text}</p><p>${text}</p></article></body></html>`);
      },
    });
    const source = await repo.addSource({ name: 'Harbour News', homeUrl: `${base}/` });
    const feed = await repo.addFeed({ sourceId: source.id, url: `${base}/feed.xml` });

    const first = await ingestFeed({ repo, fetcher, pollIntervalMs: 60_000 }, (await repo.getFeed(feed.id))!);
    expect(first.status).toBe('ok');
    expect(first.items.map((i) => i.status)).toEqual(['stored']);
    expect(pageHits).toBe(1);
    const stored = (await repo.getFeed(feed.id))!;
    expect(stored.etag).toBe('"v1"');

    const second = await ingestFeed({ repo, fetcher, pollIntervalMs: 60_000 }, stored);
    expect(second.status).toBe('not_modified');
    expect(feedHits).toBe(2);
    expect(pageHits).toBe(1);
    expect((await repo.getFeed(feed.id))!.etag).toBe('"v1"');
    expect(await repo.countArticles()).toBe(1);
    const [hit] = (await repo.search('quay', { limit: 1 })).hits;
    expect(hit!.title).toBe('New quay to open in spring');
    expect(hit!.outlet).toBe('Harbour News');
  });

  it('keeps the feed text when robots.txt forbids the page, and retries items whose page failed', async () => {
    const body = 'Residents gathered outside the town hall on Tuesday evening to protest against the planned closure of the library. '.repeat(12);
    let pageFails = true;
    const base = await serve({
      '/robots.txt': (_q, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n'),
      '/feed.xml': (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Town Crier</title><link>${base}/</link>` +
        `<item><title>Library protest</title><link>${base}/private/library.html</link><guid>lib</guid><description>${body.slice(0, 300)}</description></item>` +
        `<item><title>Bridge works delayed</title><link>${base}/bridge.html</link><guid>bridge</guid><description>Short teaser.</description></item>` +
        `</channel></rss>`),
      '/bridge.html': (_q, res) => {
        if (pageFails) return void res.writeHead(500).end('oops');
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><article><h1>Bridge works delayed</h1><p>${'The repair of the old bridge will take three more months, the council said on Friday. '.repeat(6)}</p></article></body></html>`);
      },
    });
    const source = await repo.addSource({ name: 'Town Crier', homeUrl: `${base}/` });
    const feed = await repo.addFeed({ sourceId: source.id, url: `${base}/feed.xml` });

    const first = await ingestFeed({ repo, fetcher, pollIntervalMs: 60_000 }, (await repo.getFeed(feed.id))!);
    const byKey = new Map(first.items.map((i) => [i.key, i.status]));
    expect(byKey.get('lib')).toBe('stored'); // from the feed's own text: the page may not be fetched
    expect(byKey.get('bridge')).toBe('failed');
    expect(first.error).toMatch(/1 item\(s\) failed/);
    expect(await repo.hasItem(feed.id, 'bridge')).toBe(false);

    pageFails = false;
    const second = await ingestFeed({ repo, fetcher, pollIntervalMs: 60_000 }, (await repo.getFeed(feed.id))!);
    expect(new Map(second.items.map((i) => [i.key, i.status]))).toEqual(new Map([['lib', 'seen'], ['bridge', 'stored']]));
    expect(await repo.countArticles()).toBe(2);
  });

  it('reads a plain-text page as text: an aggregator copy is stored without its page furniture', async () => {
    const seed = readFileSync(join(__dirname, '../../fixtures/seeds/000_8d169c1d68591c33.txt'), 'utf8');
    const base = await serve({
      '/feed.json': (_q, res) => res.writeHead(200, { 'content-type': 'application/feed+json' }).end(JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1', title: 'Aggregator', home_page_url: `${base}/`,
        items: [{ id: 'seed-000', url: `${base}/story.txt`, title: "Iraq's Ruling Coalition to Discuss US Warnings", summary: 'Iraq ruling coalition', date_published: '2025-02-13T09:00:00Z' }],
      })),
      '/story.txt': (_q, res) => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(seed),
    });
    const source = await repo.addSource({ name: 'Aggregator', homeUrl: `${base}/` });
    const feed = await repo.addFeed({ sourceId: source.id, url: `${base}/feed.json` });
    const outcome = await ingestFeed({ repo, fetcher, pollIntervalMs: 60_000 }, feed);
    expect(outcome.items.map((i) => i.status)).toEqual(['stored']);
    const [hit] = (await repo.latestArticles({ limit: 1 })).items;
    const { article } = (await repo.getArticle(hit!.id))!;
    expect(article.title).toBe("Iraq's Ruling Coalition to Discuss US Warnings");
    expect(article.text).toContain('Uday al-Khadran');
    expect(article.text).not.toMatch(/Try Our AI Features|No comments yet|Related Articles/);
    expect(article.published).toBe('2025-02-13T09:00:00.000Z');
  });

  it('takes a full-text feed entry as it is, without fetching the page', async () => {
    let pageHits = 0;
    const paragraph = 'The regional parliament voted on Thursday to extend the night train service to the coast for another five years, citing record demand. ';
    const base = await serve({
      '/feed.xml': (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Rail Weekly</title><link>${base}/</link>` +
        `<item><title>Night train extended</title><link>${base}/night-train.html</link><guid>nt</guid><description>Night train extended.</description>` +
        `<content:encoded><![CDATA[${`<p>${paragraph.repeat(3)}</p>`.repeat(4)}]]></content:encoded></item></channel></rss>`),
      '/night-train.html': (_q, res) => { pageHits++; res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>page</body></html>'); },
    });
    const source = await repo.addSource({ name: 'Rail Weekly', homeUrl: `${base}/` });
    const feed = await repo.addFeed({ sourceId: source.id, url: `${base}/feed.xml` });
    const outcome = await ingestFeed({ repo, fetcher, pollIntervalMs: 60_000 }, feed);
    expect(outcome.items.map((i) => i.status)).toEqual(['stored']);
    expect(pageHits).toBe(0);
    const { article, versions } = (await repo.getArticle((outcome.items[0] as { articleId: ArticleId }).articleId))!;
    expect(article.text).toContain('night train service to the coast');
    expect(versions[0]!.url).toBe(`${base}/night-train.html`);
  });

  it('reads the next pages while a slow one loads, and still stores the items oldest first', async () => {
    const topics = ['harbour crane', 'night train', 'river ferry', 'tram depot', 'bus lane'];
    const events: string[] = [];
    const page = (n: number) => (_q: unknown, res: import('node:http').ServerResponse) => {
      events.push(`start ${n}`);
      const text = `<p>The city council voted on the ${topics[n]} plan on Monday after a long debate about its cost and its route. </p>`.repeat(6);
      setTimeout(() => {
        events.push(`end ${n}`);
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>The ${topics[n]} plan</title></head><body><article><h1>The ${topics[n]} plan</h1>${text}</article></body></html>`);
      }, n === 0 ? 400 : 10);
    };
    const routes: Record<string, ReturnType<typeof page>> = {};
    topics.forEach((_t, n) => (routes[`/p${n}.html`] = page(n)));
    const base = await serve({
      ...routes,
      '/feed.xml': (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>City Desk</title><link>${base}/</link>` +
        // Newest first, as feeds list them; the oldest (p0) has the slow page.
        topics.map((t, n) => ({ t, n })).reverse().map(({ t, n }) =>
          `<item><title>The ${t} plan</title><link>${base}/p${n}.html</link><guid>p${n}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1, 8 + n)).toUTCString()}</pubDate></item>`).join('') +
        '</channel></rss>'),
    });
    const source = await repo.addSource({ name: 'City Desk', homeUrl: `${base}/` });
    const feed = await repo.addFeed({ sourceId: source.id, url: `${base}/feed.xml` });
    const outcome = await ingestFeed({ repo, fetcher, pollIntervalMs: 60_000 }, feed);

    expect(outcome.items.map((i) => `${i.key.replace(/.*\//, '')} ${i.status}`)).toEqual(topics.map((_t, n) => `p${n} stored`));
    // The second page was asked for before the first one answered.
    expect(events.indexOf('start 1')).toBeLessThan(events.indexOf('end 0'));
    // Stored in publication order: article ids follow the items.
    const ids = outcome.items.map((i) => (i as { articleId: number }).articleId);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('credits a link that two items of one feed share once, though both were read at the same time', async () => {
    let hits = 0;
    const text = '<p>The harbour authority approved the new crane on Tuesday after a year of talks with the port workers. </p>'.repeat(6);
    const base = await serve({
      '/crane.html': (_q, res) => { hits++; res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>New crane</title></head><body><article><h1>New crane</h1>${text}</article></body></html>`); },
      '/feed.xml': (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Port News</title><link>${base}/</link>` +
        `<item><title>New crane (updated)</title><link>${base}/crane.html</link><guid>crane-2</guid><pubDate>Thu, 01 Jan 2026 10:00:00 GMT</pubDate></item>` +
        `<item><title>New crane</title><link>${base}/crane.html</link><guid>crane-1</guid><pubDate>Thu, 01 Jan 2026 09:00:00 GMT</pubDate></item>` +
        '</channel></rss>'),
    });
    const source = await repo.addSource({ name: 'Port News', homeUrl: `${base}/` });
    const feed = await repo.addFeed({ sourceId: source.id, url: `${base}/feed.xml` });
    const outcome = await ingestFeed({ repo, fetcher, pollIntervalMs: 60_000 }, feed);
    expect(outcome.items.map((i) => `${i.key} ${i.status}`)).toEqual(['crane-1 stored', 'crane-2 skipped']);
    expect(hits).toBe(2); // both pages were read ahead
    expect(await repo.countArticles()).toBe(1);
    const { versions } = (await repo.getArticle((outcome.items[0] as { articleId: ArticleId }).articleId))!;
    expect(versions).toHaveLength(1);
  });

  it('knows an item again by guid, else link, else its content', () => {
    const item = { guid: null, url: null, title: 'T', summary: 'S', contentHtml: null, authors: [], published: null, updated: null, categories: [], image: null };
    expect(itemKey({ ...item, guid: ' g1 ' })).toBe('g1');
    expect(itemKey({ ...item, url: 'http://x/1' })).toBe('http://x/1');
    expect(itemKey(item)).toBe(itemKey({ ...item }));
    expect(itemKey(item)).not.toBe(itemKey({ ...item, title: 'U' }));
  });
});

describe('a feed time budget', () => {
  it('gives the worker back when a slow feed spends its budget; the next poll reads the rest, nothing twice', async () => {
    // One outlet whose article pages each take 300 ms, twelve new items read a few at a time (two requests
    // to the host at once): a 500 ms budget starts six and leaves the rest.
    const wire = await startNewswire({ articles: 12, outlets: 1, copyShare: 0, pageDelayMs: 300, seed: 3 });
    servers.push(wire);
    await followWire(wire);
    const [feed] = await repo.listFeeds();
    const poll = () => ingestFeed({ repo, fetcher, pollIntervalMs: 30 * 60_000, feedBudgetMs: 500 }, feed!);

    const first = await poll();
    const storedFirst = first.items.filter((o) => o.status === 'stored').length;
    expect(storedFirst).toBeGreaterThan(0);
    expect(storedFirst).toBeLessThan(12);
    expect(first.error).toMatch(/deferred to the next poll/);
    const after = (await repo.listFeeds())[0]!;
    // Due again now (behind feeds already waiting), read in full: no validators kept.
    expect(Date.parse(after.nextFetchAt!)).toBeLessThanOrEqual(Date.now());
    expect(after.etag).toBeNull();
    expect(after.error).toMatch(/deferred/);

    let polls = 1;
    while ((await repo.countArticles()) < 12 && polls < 10) {
      await poll();
      polls++;
    }
    expect(await repo.countArticles()).toBe(12);
    expect(await repo.checkIntegrity()).toEqual([]);
    // Done: the feed is back on its normal interval with no note.
    const last = await poll();
    expect(last.error).toBeNull();
    expect(Date.parse((await repo.listFeeds())[0]!.nextFetchAt!)).toBeGreaterThan(Date.now() + 60_000);
  });
});
