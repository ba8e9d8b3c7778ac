// The dates a reader sees on lists of articles, over real HTTP on a real store: an article shows when it
// was published, unless it has no date or a date later than when Lede found it (then when Lede found it);
// an old piece a feed carries only now says so, in the interface's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../src/web/index.ts';
import { ingestDated, makeFixture, NOW, type Fixture } from './fixture.ts';
import { Client, section } from './client.ts';

let f: Fixture;
let web: { url: string; close(): Promise<void> };
const anon = () => new Client(web.url);
const iso = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString();
// Three unrelated pieces, so that dedup and stories keep them apart.
const TEXTS = {
  old: 'Zeppelin hangar reopens as a museum\nThe old zeppelin hangar at Friedrichshafen opened its doors to visitors on Saturday after a restoration of four years.\n\nCurators hung a full-size gondola from the roof beams and laid out the logbooks of the airship crews.',
  future: 'Hovercraft ferry resumes winter crossings\nThe hovercraft service across the Solent resumed its winter timetable on Monday after engine repairs kept the craft ashore.\n\nThe operator said bookings for the school holidays had already filled the morning sailings.',
  undated: 'Monorail line gets new signalling\nEngineers finished fitting computer signalling to the airport monorail overnight, ending weeks of weekend closures.\n\nTrains can now run every ninety seconds at the busiest hours, the transit authority said.',
};

const ids: Record<'old' | 'future' | 'undated', number> = { old: 0, future: 0, undated: 0 };

beforeAll(async () => {
  f = await makeFixture({ fillers: 2 });
  // A feed that carries a piece from seven years ago, found ten minutes ago.
  ids.old = (await ingestDated(f.repo, TEXTS.old, 'Archive Weekly', { published: '2018-02-20T09:00:00.000Z', fetchedAt: iso(1 / 6) })).id;
  // A feed dated a day ahead (a time-zone slip), found an hour ago.
  ids.future = (await ingestDated(f.repo, TEXTS.future, 'Slipshod Times', { published: iso(-24), fetchedAt: iso(1) })).id;
  // A feed with no dates, found two hours ago.
  ids.undated = (await ingestDated(f.repo, TEXTS.undated, 'Undated Post', { published: null, fetchedAt: iso(2) })).id;
  web = await startWeb({ repo: f.repo, config: f.config, port: 0, host: '127.0.0.1', now: () => NOW });
}, 60_000);

afterAll(async () => {
  await web?.close();
  await f?.close();
});

/** The meta line (outlet · time …) of the card linking to article `id` on a page. */
function metaOf(page: string, id: number): string {
  const at = page.indexOf(`href="/article/${id}"`);
  expect(at, `article ${id} is on the page`).toBeGreaterThan(0);
  const meta = page.lastIndexOf('<p class="meta">', at);
  return page.slice(meta, page.indexOf('</p>', meta));
}

describe('dates on lists of articles', () => {
  it('shows an old piece found now with its publication date, and says when Lede found it', async () => {
    for (const path of ['/', '/latest', '/outlet/Archive%20Weekly', '/search?q=zeppelin']) {
      const meta = metaOf((await anon().get(path)).body, ids.old);
      expect(meta, path).toMatch(/<time datetime="2018-02-20T09:00:00.000Z"[^>]*>7 years ago<\/time>/);
      expect(meta, path).toMatch(/found by Lede <time datetime="[^"]+"[^>]*>10 minutes ago<\/time>/);
    }
  });

  it('says it in Arabic in the Arabic interface', async () => {
    const meta = metaOf((await anon().get('/latest', { 'accept-language': 'ar' })).body, ids.old);
    expect(meta).toContain('وصلت إلى ليد');
    expect(meta).not.toMatch(/found by/);
  });

  it('never dates an article in the future: a feed dated ahead shows when Lede found it', async () => {
    for (const path of ['/', '/latest', '/outlet/Slipshod%20Times', '/search?q=hovercraft']) {
      const meta = metaOf((await anon().get(path)).body, ids.future);
      expect(meta, path).toMatch(/<time datetime="[^"]+"[^>]*>an hour ago<\/time>/);
      expect(meta, path).not.toMatch(/tomorrow|in \d|found by/);
    }
  });

  it('shows an undated article with when Lede found it, with no "found by" note', async () => {
    const meta = metaOf((await anon().get('/latest')).body, ids.undated);
    expect(meta).toMatch(/<time datetime="[^"]+"[^>]*>2 hours ago<\/time>/);
    expect(meta).not.toMatch(/found by/);
  });

  it('gives a fresh article no "found by" note', async () => {
    const latest = section((await anon().get('/latest')).body, '<div class="list">', '<nav');
    expect(metaOf(latest, f.seedArticle.id)).not.toMatch(/found by/);
  });

  it('keeps the latest list in the order of the dates it shows, newest first, page after page', async () => {
    const times: number[] = [];
    let path: string | null = '/latest';
    while (path) {
      const page: string = (await anon().get(path)).body;
      // The first <time> of each card's meta line is the date it shows.
      for (const m of page.matchAll(/<article class="card[^"]*">[\s\S]*?<p class="meta">[\s\S]*?<time datetime="([^"]+)"/g)) times.push(Date.parse(m[1]!));
      path = /<a rel="next" href="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&') ?? null;
    }
    expect(times.length).toBe(await f.repo.countArticles());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('dates feed entries the same way: the future-dated one at when Lede found it', async () => {
    const feed = JSON.parse((await anon().get('/feed.json')).body) as { items: { url: string; date_published: string }[] };
    const entry = (id: number) => feed.items.find((i) => i.url.endsWith(`/article/${id}`))!;
    expect(entry(ids.future).date_published).toBe(iso(1));
    expect(entry(ids.old).date_published).toBe('2018-02-20T09:00:00.000Z');
    expect(entry(ids.undated).date_published).toBe(iso(2));
  });
});
