// The scheduler: leased feeds are shared by workers without double work, polling follows each feed's
// interval, and a stop signal ends the run cleanly after the article in hand with the leases released.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runIngest } from '../../src/jobs/index.ts';
import { createFetcher, type Fetcher } from '../../src/pipeline/fetch/index.ts';
import { pollDelayMs } from '../../src/pipeline/run.ts';
import { openStore } from '../../src/store/index.ts';
import type { Repository } from '../../src/store/repository.ts';
import { startNewswire, type Newswire } from './concurrency-newswire.ts';

let dir: string;
let repo: Repository;
let fetcher: Fetcher;
let wire: Newswire | null = null;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lede-jobs-'));
  repo = await openStore(`sqlite:${join(dir, 'lede.db')}`);
  fetcher = createFetcher({ allowPrivateNetworks: true, minDelayMs: 0, perHostConcurrency: 8 });
});

afterEach(async () => {
  await fetcher.close();
  await repo.close();
  await wire?.close();
  wire = null;
  rmSync(dir, { recursive: true, force: true });
});

async function follow(w: Newswire): Promise<void> {
  for (let o = 0; o < w.outlets; o++) {
    const s = await repo.addSource({ name: w.outletName(o), homeUrl: w.homeUrl(o) });
    await repo.addFeed({ sourceId: s.id, url: w.feedUrl(o) });
  }
}

const feedFetches = (w: Newswire) => [...w.requests].filter(([p]) => p.startsWith('/feeds/')).map(([, n]) => n);

it('two workers on one store share the feeds: each feed fetched once, each article stored once', async () => {
  wire = await startNewswire({ articles: 18, outlets: 6, copyShare: 0, seed: 3 });
  await follow(wire);
  // A second connection to the same file, as a second process would have.
  const other = await openStore(`sqlite:${join(dir, 'lede.db')}`);
  try {
    const opts = { fetcher, concurrency: 2, once: true, pollIntervalMs: 60_000 };
    const [a, b] = await Promise.all([
      runIngest({ ...opts, repo, workerId: 'worker-a' }),
      runIngest({ ...opts, repo: other, workerId: 'worker-b' }),
    ]);
    expect(a.feeds + b.feeds).toBe(6);
    expect(feedFetches(wire)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(a.newArticles + b.newArticles).toBe(18);
    expect(await repo.countArticles()).toBe(18);
  } finally {
    await other.close();
  }
});

it('keeps polling each feed at its interval until stopped', async () => {
  // Undated items: nothing tells how often the feed publishes, so the configured interval applies.
  let feedFetches = 0;
  const texts = [
    'The county council met on a rainy evening to settle the budget for the new school year and its buses.',
    'Farmers in the valley expect a record apple harvest after a warm spring and an unusually dry summer.',
  ];
  const para = (n: number) => `<p>${texts[n - 1]}</p>`.repeat(3);
  const server = createServer((req, res) => {
    if (req.url === '/feed.xml') {
      feedFetches++;
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>County</title>` +
        `<item><title>Budget one</title><link>${base}/1.html</link></item><item><title>Budget two</title><link>${base}/2.html</link></item></channel></rss>`);
    }
    const n = /^\/(\d)\.html$/.exec(req.url ?? '')?.[1];
    if (n) return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><article>${para(Number(n))}</article></body></html>`);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const s = await repo.addSource({ name: 'County', homeUrl: `${base}/` });
    await repo.addFeed({ sourceId: s.id, url: `${base}/feed.xml` });
    const stop = new AbortController();
    const run = runIngest({ repo, fetcher, concurrency: 1, once: false, pollIntervalMs: 300, idleMs: 100, signal: stop.signal });
    const deadline = Date.now() + 20_000;
    while (feedFetches < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    const summary = await run;
    expect(feedFetches).toBeGreaterThanOrEqual(3);
    expect(summary.newArticles).toBe(2);
    expect(summary.seen).toBeGreaterThanOrEqual(2); // the second poll recognised both items
    expect(await repo.countArticles()).toBe(2);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

it('polls a feed that publishes rarely less often, up to six hours', () => {
  const now = new Date('2026-05-10T12:00:00Z');
  const at = (daysAgo: number) => ({ published: new Date(now.getTime() - daysAgo * 86_400_000).toISOString() });
  const base = 30 * 60_000;
  expect(pollDelayMs([], now, base)).toBe(base);
  expect(pollDelayMs(Array.from({ length: 700 }, (_, i) => at(i / 100)), now, base)).toBe(base); // 100 a day
  expect(pollDelayMs([at(1), at(3)], now, base)).toBe(6 * 3600_000); // two a week
  expect(pollDelayMs(Array.from({ length: 56 }, (_, i) => at(i / 8)), now, base)).toBe(3 * 3600_000); // eight a day
  expect(pollDelayMs([at(40)], now, base)).toBe(6 * 3600_000); // nothing this week
  expect(pollDelayMs([at(1)], now, 12 * 3600_000)).toBe(12 * 3600_000); // never sooner than configured
});

it('stops after the article in hand when signalled, releasing its leases for the next run', async () => {
  wire = await startNewswire({ articles: 12, outlets: 1, copyShare: 0, seed: 9, pageDelayMs: 150 });
  await follow(wire);
  const stop = new AbortController();
  let stored = 0;
  const run = runIngest({
    repo, fetcher, concurrency: 1, once: true, pollIntervalMs: 60_000, signal: stop.signal, workerId: 'stopping',
    onEvent: (e) => {
      if (e.type === 'item' && e.outcome.status === 'stored' && ++stored === 2) stop.abort();
    },
  });
  const summary = await run;
  expect(summary.interrupted).toBe(true);
  expect(summary.newArticles).toBeLessThan(12);
  expect(await repo.countArticles()).toBe(summary.newArticles);
  expect(await repo.checkIntegrity()).toEqual([]);

  // The feed was released and is due at once: another worker takes it and finishes the rest.
  const [feed] = await repo.leaseDueFeeds('next', 5, 60_000);
  expect(feed).toBeDefined();
  await repo.releaseLease('next', feed!.id);
  const rest = await runIngest({ repo, fetcher, concurrency: 1, once: true, pollIntervalMs: 60_000 });
  expect(rest.newArticles).toBe(12 - summary.newArticles);
  expect(await repo.countArticles()).toBe(12);
});
