// The demo newswire as the pipeline sees it: every outlet's feed parses into items whose pages are served;
// unchanged feeds answer 304; robots.txt allows the reader; subscribing twice (or after the newswire
// moved to another port) adds nothing twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCorpus } from '../../src/demo/corpus.ts';
import { subscribe } from '../../src/demo/index.ts';
import { startNewswire, type Newswire } from '../../src/demo/newswire.ts';
import { parseFeed } from '../../src/pipeline/feeds/index.ts';
import { openStore } from '../../src/store/index.ts';

let wire: Newswire;
const dir = mkdtempSync(join(tmpdir(), 'lede-newswire-'));
beforeAll(async () => { wire = await startNewswire(); });
afterAll(async () => {
  await wire.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo newswire', () => {
  it('bundles the seed story and tens of real pages over several outlets and all three feed formats', () => {
    const corpus = loadDemoCorpus();
    const items = corpus.outlets.flatMap((o) => o.items);
    expect(items.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.outlets.map((o) => o.format))).toEqual(new Set(['rss', 'atom', 'json']));
    const names = corpus.outlets.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['Asharq Al-Awsat', 'Daily8', 'Al Arabiya']));
    // The seed story in Arabic too, from an Arabic outlet.
    expect(corpus.outlets.find((o) => o.language === 'ar')?.items.map((i) => i.title)).toEqual(['الإطار التنسيقي في العراق يعقد اجتماعاً طارئاً بعد اتصال روبيو والسوداني']);
  });

  it('serves feeds that parse into items whose pages answer, with 304s for unchanged feeds', async () => {
    let pages = 0;
    for (const o of wire.outlets) {
      const res = await fetch(o.feedUrl);
      expect(res.status, o.feedUrl).toBe(200);
      const feed = parseFeed(Buffer.from(await res.arrayBuffer()), { contentType: res.headers.get('content-type'), url: o.feedUrl });
      expect(feed.format === 'json' ? 'json' : feed.format).toBe(o.format);
      expect(feed.items).toHaveLength(o.items);
      for (const item of feed.items) {
        expect(item.title).toBeTruthy();
        expect(item.published).toBeTruthy();
        const page = await fetch(item.url!);
        expect(page.status, item.url!).toBe(200);
        pages++;
      }
      const again = await fetch(o.feedUrl, { headers: { 'if-none-match': res.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
    expect(pages).toBe(wire.outlets.reduce((n, o) => n + o.items, 0));
    expect(await (await fetch(`${wire.url}/robots.txt`)).text()).toMatch(/Allow: \//);
    const home = await (await fetch(wire.outlets[0]!.homeUrl)).text();
    expect(home).toContain(`href="${wire.outlets[0]!.feedUrl}"`);
    expect((await fetch(`${wire.url}/nope/articles/x`)).status).toBe(404);
  });

  it('serves the aggregator copy of the seed as plain text with its furniture, the publisher copy as an article page', async () => {
    const agg = wire.outlets.find((o) => o.name === 'Daily8')!;
    const feed = await (await fetch(agg.feedUrl)).json() as { items: { url: string }[] };
    const res = await fetch(feed.items[0]!.url);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/Related Articles/);
    const pub = wire.outlets.find((o) => o.name === 'Asharq Al-Awsat')!;
    const rss = await (await fetch(pub.feedUrl)).text();
    const link = [...rss.matchAll(/<link>([^<]+articles[^<]+)<\/link>/g)].map((m) => m[1]!).find((u) => /iraq/.test(u))!;
    const html = await (await fetch(link)).text();
    expect(html).toMatch(/<h1[^>]*>Iraq’s Ruling Coalition to Discuss US Warnings<\/h1>/);
    expect(html).toMatch(/Coordination Framework/);
  });

  it('subscribes once, and again after the newswire moved to another port, without doubling sources or feeds', async () => {
    const repo = await openStore(`sqlite:${join(dir, 'lede.db')}`);
    try {
      expect(await subscribe(repo, wire.outlets)).toBe(wire.outlets.length);
      expect(await subscribe(repo, wire.outlets)).toBe(0);
      const moved = await startNewswire();
      try {
        expect(await subscribe(repo, moved.outlets)).toBe(moved.outlets.length);
        expect((await repo.listSources()).length).toBe(wire.outlets.length);
        const feeds = await repo.listFeeds();
        expect(feeds.map((f) => f.url).sort()).toEqual(moved.outlets.map((o) => o.feedUrl).sort());
      } finally {
        await moved.close();
      }
    } finally {
      await repo.close();
    }
  });
});
