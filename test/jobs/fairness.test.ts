// Per-host fairness over loopback HTTP: one slow publisher with many feeds must not take every worker.
// Three publishers, each on its own loopback address: the slow one has four feeds whose pages each take
// 700 ms and is subscribed first (so its feeds are the first due); two quick ones have one feed each.
// With four workers and at most two on one host, the quick publishers' articles are stored while the
// slow one is still being read, and nothing is lost or stored twice.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createHostQueue, runIngest } from '../../src/jobs/index.ts';
import type { Feed, FeedId } from '../../src/domain/types.ts';
import { enrich } from '../../src/pipeline/enrich/index.ts';
import { createFetcher, type Fetcher } from '../../src/pipeline/fetch/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { Repository } from '../../src/store/repository.ts';

let dir: string;
let repo: Repository;
let fetcher: Fetcher;
const servers: Server[] = [];

beforeAll(() => {
  // The tagger and gazetteers load on first use; not part of what is timed here.
  enrich({ title: 'Warm-up', text: 'The model loads once per process in Lisbon on Monday.' });
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lede-fair-'));
  repo = await openStore(`sqlite:${join(dir, 'lede.db')}`);
  fetcher = createFetcher({ allowPrivateNetworks: true, minDelayMs: 0, perHostConcurrency: 2, retries: 0 });
});

afterEach(async () => {
  await fetcher.close();
  await repo.close();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); })));
  rmSync(dir, { recursive: true, force: true });
});

const PLACES = ['Lisbon', 'Nairobi', 'Osaka', 'Toronto', 'Krakow', 'Lagos', 'Melbourne', 'Lyon', 'Seville', 'Hamburg', 'Accra', 'Porto', 'Manila', 'Bogota', 'Gdansk', 'Helsinki', 'Glasgow', 'Valencia', 'Jakarta', 'Montreal'];
const TOPICS = ['tram line', 'water tariff', 'harbour dredging', 'school meals', 'bridge repairs', 'night buses', 'library hours', 'market stalls', 'flood barrier', 'bike lanes', 'housing permits', 'street lighting'];

/** One publisher on `address`: `feeds` RSS feeds of `items` articles each, every page answered after `delayMs`. */
async function publisher(address: string, name: string, feeds: number, items: number, delayMs: number, seed: number): Promise<{ feedUrls: string[]; home: string }> {
  let base = '';
  const article = (f: number, i: number) => {
    const k = seed * 100 + f * 10 + i;
    const place = PLACES[k % PLACES.length]!;
    const topic = TOPICS[(k * 7) % TOPICS.length]!;
    const title = `${place} council ${k} votes on the ${topic}`;
    const paragraphs = [
      `The council of ${place} voted ${5 + (k % 9)} to ${k % 5} on the ${topic} plan number ${k} on Tuesday evening after a long debate.`,
      `Councillor ${['Maria Okafor', 'James Haddad', 'Olga Novak', 'David Mensah'][k % 4]} said the ${topic} would cost ${k + 3} million euros over ${2 + (k % 6)} years.`,
      `Residents of the ${['north', 'south', 'east', 'west'][k % 4]} district ${k} had asked for the ${topic} since ${1990 + (k % 30)}, and a survey found ${10 + (k % 80)} percent in favour.`,
    ];
    return { title, paragraphs };
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    const feed = /^\/feed(\d+)\.xml$/.exec(path);
    if (feed) {
      const f = Number(feed[1]);
      const entries = Array.from({ length: items }, (_, i) => {
        const a = article(f, i);
        return `<item><title>${a.title}</title><link>${base}/f${f}/a${i}.html</link><guid>${base}/f${f}/a${i}.html</guid><pubDate>${new Date(Date.UTC(2026, 4, 1, f, i)).toUTCString()}</pubDate></item>`;
      }).join('');
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>${base}/</link>${entries}</channel></rss>`);
    }
    const page = /^\/f(\d+)\/a(\d+)\.html$/.exec(path);
    if (!page) return void res.writeHead(404).end();
    const a = article(Number(page[1]), Number(page[2]));
    const body = `<!doctype html><html lang="en"><head><title>${a.title}</title></head><body><nav><a href="/">${name}</a></nav><article><h1>${a.title}</h1>${a.paragraphs.map((p) => `<p>${p}</p>`).join('')}</article><footer>${name}</footer></body></html>`;
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  servers.push(server);
  base = `http://${address}:${(server.address() as AddressInfo).port}`;
  return { feedUrls: Array.from({ length: feeds }, (_, f) => `${base}/feed${f}.xml`), home: `${base}/` };
}

async function follow(name: string, p: { feedUrls: string[]; home: string }): Promise<void> {
  const source = await repo.addSource({ name, homeUrl: p.home });
  for (const url of p.feedUrls) await repo.addFeed({ sourceId: source.id, url });
}

it('one slow publisher with many feeds does not delay the other publishers’ articles', async () => {
  const slow = await publisher('127.0.3.1', 'Slow Gazette', 4, 3, 700, 1);
  const quickA = await publisher('127.0.3.2', 'Quick Times', 1, 3, 0, 2);
  const quickB = await publisher('127.0.3.3', 'Rapid Post', 1, 3, 0, 3);
  await follow('Slow Gazette', slow); // first: its four feeds are the first due
  await follow('Quick Times', quickA);
  await follow('Rapid Post', quickB);

  const t0 = performance.now();
  const stored: { host: string; at: number }[] = [];
  const feedsDone: { host: string; at: number }[] = [];
  const summary = await runIngest({
    repo, fetcher, concurrency: 4, perHostWorkers: 2, once: true, pollIntervalMs: 30 * 60_000,
    onEvent: (e) => {
      const host = new URL(e.feed.url).hostname;
      if (e.type === 'item' && e.outcome.status === 'stored') stored.push({ host, at: performance.now() - t0 });
      if (e.type === 'feed') feedsDone.push({ host, at: performance.now() - t0 });
    },
  });

  expect(summary.stored).toBe(18);
  expect(summary.failed).toBe(0);
  // (Some of these look-alike council reports are near-duplicates and stored as versions of one article.)
  expect(await repo.countArticles()).toBe(summary.newArticles);
  expect(await repo.checkIntegrity()).toEqual([]);
  const quick = stored.filter((s) => s.host !== '127.0.3.1');
  expect(quick).toHaveLength(6);
  // Every quick article is in before the slow publisher has finished even one of its feeds (3 pages of
  // 700 ms each): without the per-host cap all four workers would be on its feeds and the quick ones
  // would wait for one of them to finish.
  const firstSlowFeed = Math.min(...feedsDone.filter((f) => f.host === '127.0.3.1').map((f) => f.at));
  expect(Math.max(...quick.map((s) => s.at))).toBeLessThan(firstSlowFeed);
  // And the slow publisher never had more than two workers: its four feeds took two rounds.
  const slowFeeds = feedsDone.filter((f) => f.host === '127.0.3.1').map((f) => f.at).sort((a, b) => a - b);
  expect(slowFeeds[2]! - slowFeeds[0]!).toBeGreaterThan(1500);
});

it('hands out leased feeds so that no host has more than its share of workers, and waits rather than overfill a host', async () => {
  const feed = (id: number, host: string) => ({ id: id as FeedId, url: `http://${host}/feed${id}.xml` }) as Feed;
  const due = [feed(1, 'a.example'), feed(2, 'a.example'), feed(3, 'a.example'), feed(4, 'b.example')];
  const held = new Set<FeedId>();
  const q = createHostQueue({ lease: async (n) => due.splice(0, n), perHost: 2, batch: 4, held });
  const first = await q.next();
  const second = await q.next();
  const third = await q.next();
  expect([first, second, third].map((x) => x!.feed.id)).toEqual([1, 2, 4]);
  expect([...held].sort()).toEqual([1, 2, 3, 4]);
  // Feed 3 is a.example's and a.example has two workers: the fourth worker waits until one is done.
  let fourth: Awaited<ReturnType<typeof q.next>> | undefined;
  const waiting = q.next().then((x) => { fourth = x; });
  await new Promise((r) => setTimeout(r, 20));
  expect(fourth).toBeUndefined();
  first!.done();
  await waiting;
  expect(fourth!.feed.id).toBe(3);
  for (const x of [second, third, fourth]) x!.done();
  expect(held.size).toBe(0);
  expect(await q.next()).toBeNull();
});
