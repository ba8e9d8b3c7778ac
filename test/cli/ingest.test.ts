// `lede ingest` as a user runs it: a real process against a loopback newswire, log lines when not on a
// terminal, a summary, and nothing stored twice on the second run.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { startNewswire, type Newswire } from '../jobs/concurrency-newswire.ts';

const run = promisify(execFile);
let dir: string;
let wire: Newswire;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lede-cli-ingest-'));
  wire = await startNewswire({ articles: 8, outlets: 2, copyShare: 0, seed: 5 });
  env = { ...process.env, LEDE_DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`, LEDE_ALLOW_PRIVATE_NETWORKS: 'true', LEDE_FETCH_MIN_DELAY_MS: '0', LEDE_LOG_LEVEL: 'info' };
});

afterAll(async () => {
  await wire.close();
  rmSync(dir, { recursive: true, force: true });
});

const lede = (...args: string[]) => run(process.execPath, ['bin/lede.js', ...args], { env }).then(
  (r) => ({ code: 0, out: r.stdout + r.stderr }),
  (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
);

it('says what to do when no feed is followed yet', async () => {
  const r = await lede('ingest', '--once');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/no feeds to ingest yet: lede sources add URL/);
});

it('ingests once with a log event per feed poll, then a second run stores nothing new', async () => {
  const repo = await openStore(env.LEDE_DATABASE_URL!);
  for (let o = 0; o < wire.outlets; o++) {
    const s = await repo.addSource({ name: wire.outletName(o), homeUrl: wire.homeUrl(o) });
    await repo.addFeed({ sourceId: s.id, url: wire.feedUrl(o) });
  }
  await repo.close();

  const first = await lede('ingest', '--once', '--concurrency', '2');
  expect(first.code, first.out).toBe(0);
  // Not on a terminal: one JSON line per feed poll, with the feed, its status and what it stored.
  const polls = first.out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.event === 'feed_poll');
  expect(polls.map((p) => p.feed).sort()).toEqual([wire.feedUrl(0), wire.feedUrl(1)].sort());
  expect(polls[0]).toMatchObject({ level: 30, status: 'ok', stored: expect.any(Number) });
  expect(first.out).toMatch(/lede ingest: 2 feed fetch\(es\), 8 new article\(s\), 0 further version\(s\), 0 already seen/);

  // Feeds are not due again until the poll interval has passed: a second pass has nothing to do.
  const second = await lede('ingest', '--once');
  expect(second.code).toBe(0);
  expect(second.out).toMatch(/lede ingest: 0 feed fetch\(es\), 0 new article\(s\)/);

  const check = await openStore(env.LEDE_DATABASE_URL!);
  try {
    expect(await check.countArticles()).toBe(8);
    expect(await check.checkIntegrity()).toEqual([]);
  } finally {
    await check.close();
  }
});

it('rejects a bad --concurrency with a usage error', async () => {
  const r = await lede('ingest', '--concurrency', 'zero');
  expect(r.code).toBe(2);
  expect(r.out).toMatch(/--concurrency needs a positive integer/);
  const help = await lede('ingest', '--help');
  expect(help.out).toMatch(/Usage: lede ingest \[--once\] \[--concurrency N\]/);
});

it('stops cleanly on Ctrl-C (SIGINT) after the article in hand, leaving the store sound and the feed free', async () => {
  const slow = await startNewswire({ articles: 30, outlets: 1, copyShare: 0, seed: 8, pageDelayMs: 250 });
  const url = `sqlite:${join(dir, 'sigint.db')}`;
  try {
    const repo = await openStore(url);
    const s = await repo.addSource({ name: slow.outletName(0), homeUrl: slow.homeUrl(0) });
    await repo.addFeed({ sourceId: s.id, url: slow.feedUrl(0) });
    await repo.close();

    const child = spawn(process.execPath, ['bin/lede.js', 'ingest', '--once'], { env: { ...env, LEDE_DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt once the first article pages are being read.
    const deadline = Date.now() + 60_000;
    while (![...slow.requests.keys()].some((p) => p.endsWith('.html')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    expect(await exited, out).toBe(0);
    expect(out).toMatch(/stopping after the article in hand/);
    expect(out).toMatch(/stopped early/);

    const check = await openStore(url);
    try {
      expect(await check.checkIntegrity()).toEqual([]);
      expect(await check.countArticles()).toBeLessThan(30);
      // The lease was released and the feed is due again at once, to finish the rest.
      expect((await check.leaseDueFeeds('after', 5, 60_000)).length).toBe(1);
    } finally {
      await check.close();
    }
  } finally {
    await slow.close();
  }
}, 90_000);

it('draws one redrawn progress line on a terminal, and plain log lines otherwise', async () => {
  const { createProgress } = await import('../../src/cli/commands/ingest.ts');
  const feed = { id: 1, url: 'http://news.example/feed.xml' } as never;
  const stored = (title: string, isNewArticle: boolean) => ({ type: 'item' as const, feed, outcome: { status: 'stored' as const, key: title, title, articleId: 1 as never, versionId: 1 as never, isNewArticle, storyId: null } });
  const summary = { feeds: 2, feedErrors: 1, stored: 2, newArticles: 1, seen: 0, skipped: 0, failed: 0, interrupted: false };

  let screen = '';
  const lines: string[] = [];
  const tty = createProgress(true, { write: (s: string) => (screen += s), columns: 120 }, (l) => lines.push(l));
  tty.start(2);
  tty.event(stored('Harbour reopens', true));
  tty.event({ type: 'feed', feed, status: 'ok', items: 1, error: null });
  tty.event(stored('Harbour reopens again', false));
  tty.event({ type: 'feed', feed, status: 'error', items: 0, error: 'fetch_failed: refused the connection' });
  tty.done(summary);
  const frames = screen.split('\r\x1b[K').filter(Boolean);
  expect(frames).toContain('[############............] 1/2 feeds · 1 new articles, 0 more versions · 0 errors · Harbour reopens');
  expect(frames).toContain('feed http://news.example/feed.xml: fetch_failed: refused the connection\n');
  expect(frames.at(-1)).toMatch(/^\[#{24}\] 2\/2 feeds · 1 new articles, 1 more versions · 1 errors/);
  expect(lines).toEqual([expect.stringMatching(/^lede ingest: 2 feed fetch\(es\), 1 new article\(s\), 1 further version\(s\)/)]);

  const plain: string[] = [];
  let untouched = '';
  const log = createProgress(false, { write: (s: string) => (untouched += s) }, (l) => plain.push(l));
  log.start(2);
  log.event(stored('Harbour reopens', true));
  log.event({ type: 'feed', feed, status: 'ok', items: 1, error: null });
  log.event({ type: 'feed', feed, status: 'error', items: 0, error: 'fetch_failed: refused the connection' });
  expect(untouched).toBe('');
  expect(plain).toEqual([
    'feed http://news.example/feed.xml: ok, 1 stored',
    'feed http://news.example/feed.xml: error (fetch_failed: refused the connection)',
  ]);
});
