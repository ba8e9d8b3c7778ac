// The shared store suite: every port of the Repository, behaviour a user of the store relies on,
// run against every backend of backends.ts (SQLite always; PostgreSQL beside it).
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleId, Enrichment, FeedId, Item } from '../../src/domain/types.ts';
import type { NewVersion, Repository } from '../../src/store/repository.ts';
import { backends, testPostgres } from './backends.ts';
import { openStore } from '../../src/store/index.ts';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function version(over: Partial<NewVersion> = {}): NewVersion {
  return {
    sourceId: null, feedId: null, outlet: 'Example News', url: 'https://example.test/a', canonicalUrl: null,
    title: 'A title', byline: null, text: 'Some text of the article.', html: '<p>Some text of the article.</p>',
    lede: null, image: null, language: 'en', published: at(0), fetchedAt: at(1), contentHash: 'hash-a', ...over,
  };
}

function item(over: Partial<Item> = {}): Item {
  return { guid: 'g1', url: 'https://example.test/a', title: 'A', summary: null, contentHtml: null, authors: [], published: at(0),
    updated: null, categories: [], image: null, ...over };
}

function enrichment(hashtags: string[]): Enrichment {
  return { language: 'en', hashtags, keyphrases: [], entities: [], mentions: [], facts: [], quotes: [], summary: ['One.'] };
}

for (const backend of backends()) {
  describe(`store (${backend.name})`, () => {
    let repo: Repository;
    beforeEach(async () => {
      await backend.cleanup();
      repo = await backend.open();
    });
    afterAll(() => backend.cleanup());

    describe('sources and feeds', () => {
      it('round-trips a source and its feeds, finds them, refuses duplicates', async () => {
        const s = await repo.addSource({ name: 'Al Arabiya', homeUrl: 'https://english.alarabiya.net/', language: 'en', country: 'AE' });
        expect(s).toMatchObject({ name: 'Al Arabiya', homeUrl: 'https://english.alarabiya.net/', language: 'en', country: 'AE' });
        expect(await repo.getSource(s.id)).toEqual(s);
        expect(await repo.findSourceByHomeUrl('https://english.alarabiya.net/')).toEqual(s);
        expect(await repo.findSourceByName('al arabiya')).toEqual(s);
        await expect(repo.addSource({ name: 'Again', homeUrl: 'https://english.alarabiya.net/' })).rejects.toMatchObject({ code: 'conflict' });

        const f = await repo.addFeed({ sourceId: s.id, url: 'https://english.alarabiya.net/rss.xml', title: 'Top', category: 'World' });
        expect(f).toMatchObject({ sourceId: s.id, title: 'Top', category: 'World', status: 'new', errorCount: 0, etag: null });
        expect(await repo.findFeedByUrl(f.url)).toEqual(f);
        expect(await repo.listFeeds(s.id)).toEqual([f]);
        await expect(repo.addFeed({ sourceId: s.id, url: f.url })).rejects.toMatchObject({ code: 'conflict' });
        await expect(repo.addFeed({ sourceId: 999 as never, url: 'https://x.test/f' })).rejects.toMatchObject({ code: 'not_found' });
      });

      it('lists sources by name and removing a source removes its feeds but keeps its articles', async () => {
        const b = await repo.addSource({ name: 'beta', homeUrl: 'https://b.test/' });
        const a = await repo.addSource({ name: 'Alpha', homeUrl: 'https://a.test/' });
        expect((await repo.listSources()).map((s) => s.name)).toEqual(['Alpha', 'beta']);
        const f = await repo.addFeed({ sourceId: a.id, url: 'https://a.test/feed' });
        const { article } = await repo.createArticle(version({ sourceId: a.id, feedId: f.id, outlet: 'Alpha' }), null);
        await repo.recordItem(f.id, 'g1', item(), null);
        expect(await repo.removeSource(a.id)).toBe(true);
        expect(await repo.removeSource(a.id)).toBe(false);
        expect(await repo.getFeed(f.id)).toBeNull();
        expect(await repo.listFeeds()).toEqual([]);
        const kept = await repo.getArticle(article.id);
        expect(kept?.versions[0]).toMatchObject({ outlet: 'Alpha', sourceId: null });
        expect(await repo.listSources()).toEqual([b]);
      });

      it('records fetches: errors count up and clear, validators are kept on a 304', async () => {
        const s = await repo.addSource({ name: 'S', homeUrl: 'https://s.test/' });
        const f = await repo.addFeed({ sourceId: s.id, url: 'https://s.test/feed' });
        await repo.recordFetch(f.id, { status: 'ok', etag: '"v1"', lastModified: 'Sun, 01 Mar 2026 10:00:00 GMT', fetchedAt: at(0), nextFetchAt: at(30) });
        await repo.recordFetch(f.id, { status: 'not_modified', fetchedAt: at(30), nextFetchAt: at(60) });
        expect(await repo.getFeed(f.id)).toMatchObject({ status: 'not_modified', etag: '"v1"', lastModified: 'Sun, 01 Mar 2026 10:00:00 GMT', lastFetchedAt: at(30), nextFetchAt: at(60) });
        await repo.recordFetch(f.id, { status: 'error', error: 'fetch_failed: HTTP 500', fetchedAt: at(60), nextFetchAt: at(70) });
        await repo.recordFetch(f.id, { status: 'refused', error: 'fetch_refused: private address', fetchedAt: at(70), nextFetchAt: at(90) });
        expect(await repo.getFeed(f.id)).toMatchObject({ status: 'refused', error: 'fetch_refused: private address', errorCount: 2 });
        await repo.recordFetch(f.id, { status: 'ok', etag: null, fetchedAt: at(90), nextFetchAt: at(120) });
        expect(await repo.getFeed(f.id)).toMatchObject({ status: 'ok', error: null, errorCount: 0, etag: null });
      });
    });

    describe('leases', () => {
      it('leases due feeds to one worker only, until the lease runs out or is released', async () => {
        const s = await repo.addSource({ name: 'S', homeUrl: 'https://s.test/' });
        const feeds = [];
        for (let i = 0; i < 4; i++) feeds.push(await repo.addFeed({ sourceId: s.id, url: `https://s.test/feed${i}` }));
        await repo.recordFetch(feeds[3]!.id, { status: 'ok', fetchedAt: at(0), nextFetchAt: at(100) }); // not due
        const now = new Date(at(10));
        const first = await repo.leaseDueFeeds('w1', 2, 60_000, now);
        const second = await repo.leaseDueFeeds('w2', 10, 60_000, now);
        expect(first).toHaveLength(2);
        expect(second).toHaveLength(1);
        const ids = [...first, ...second].map((f) => f.id);
        expect(new Set(ids).size).toBe(3);
        expect(ids).not.toContain(feeds[3]!.id);
        expect(await repo.leaseDueFeeds('w3', 10, 60_000, now)).toEqual([]);

        // A heartbeat keeps w1's lease past its first expiry; w2's runs out and the feed returns to the pool.
        await repo.renewLeases('w1', first.map((f) => f.id), 60_000, new Date(at(10.5)));
        const later = await repo.leaseDueFeeds('w3', 10, 60_000, new Date(at(11.2)));
        expect(later.map((f) => f.id)).toEqual(second.map((f) => f.id));

        await repo.releaseLease('w2', first[0]!.id); // not w2's: no effect
        expect(await repo.leaseDueFeeds('w4', 10, 60_000, new Date(at(11.3)))).toEqual([]);
        await repo.releaseLease('w1', first[0]!.id);
        expect((await repo.leaseDueFeeds('w4', 10, 60_000, new Date(at(11.3)))).map((f) => f.id)).toEqual([first[0]!.id]);
      });

      it('concurrent lease calls never hand one feed to two workers', async () => {
        const s = await repo.addSource({ name: 'S', homeUrl: 'https://s.test/' });
        for (let i = 0; i < 20; i++) await repo.addFeed({ sourceId: s.id, url: `https://s.test/f${i}` });
        const got = await Promise.all(Array.from({ length: 8 }, (_, i) => repo.leaseDueFeeds(`w${i}`, 3, 60_000)));
        const ids = got.flat().map((f) => f.id);
        expect(ids).toHaveLength(20);
        expect(new Set(ids).size).toBe(20);
      });
    });

    describe('items, articles and versions', () => {
      it('remembers items per feed (idempotent) and links them to versions', async () => {
        const s = await repo.addSource({ name: 'S', homeUrl: 'https://s.test/' });
        const f = await repo.addFeed({ sourceId: s.id, url: 'https://s.test/feed' });
        expect(await repo.hasItem(f.id, 'g1')).toBe(false);
        await repo.recordItem(f.id, 'g1', item(), null);
        await repo.recordItem(f.id, 'g1', item(), null);
        expect(await repo.hasItem(f.id, 'g1')).toBe(true);
        expect(await repo.hasItem(999 as FeedId, 'g1')).toBe(false);
        const { version: v } = await repo.createArticle(version({ feedId: f.id }), null);
        await repo.recordItem(f.id, 'g1', item(), v.id);
        await repo.recordItem(f.id, 'g1', item(), null); // a later null never unlinks
        await repo.removeFeed(f.id);
        expect(await repo.hasItem(f.id, 'g1')).toBe(false);
      });

      it('creates an article with its canonical version and finds it by url, hash and fingerprint', async () => {
        const { article, version: v } = await repo.createArticle(
          version({ canonicalUrl: 'https://example.test/canonical', lede: 'The lede.' }),
          { bands: ['b1', 'b2', 'b3'], signature: new Uint8Array([9, 8, 7]) },
        );
        expect(article).toMatchObject({ title: 'A title', canonicalVersionId: v.id, outlet: 'Example News', lede: 'The lede.', published: at(0), firstSeen: at(1) });
        expect(v).toMatchObject({ articleId: article.id, contentHash: 'hash-a', fetchedAt: at(1) });
        // What creating returns is what reading back gives, one at a time or several at once (in the order asked).
        expect(await repo.getArticle(article.id)).toEqual({ article, versions: [v] });
        const other = await repo.createArticle(version({ contentHash: 'hash-b' }), null);
        const more = await repo.addVersion(other.article.id, version({ contentHash: 'hash-c', outlet: 'Second Outlet' }), false, null);
        expect(await repo.getArticles([other.article.id, 999_999 as ArticleId, article.id])).toEqual([
          { article: other.article, versions: [other.version, more] },
          { article, versions: [v] },
        ]);
        expect(await repo.getArticles([])).toEqual([]);
        expect((await repo.findVersionByUrl('https://example.test/a'))?.id).toBe(v.id);
        expect((await repo.findVersionByUrl('https://example.test/canonical'))?.id).toBe(v.id);
        expect(await repo.findVersionByUrl('https://example.test/none')).toBeNull();
        expect((await repo.findVersionByHash('hash-a'))?.id).toBe(v.id);
        const logged = (await repo.fingerprintsSince(null, 5)).rows;
        expect(logged).toEqual([{ seq: expect.any(Number), articleId: article.id, bands: ['b1', 'b2', 'b3'], signature: new Uint8Array([9, 8, 7]), published: at(0) }]);
        expect(await repo.countArticles()).toBe(2);
      });

      it('returns from createArticle what reading back gives, for text the store cleans and times not in UTC', async () => {
        const { article, version: v } = await repo.createArticle(
          version({ title: 'A \u0000title', text: 'Text \uD800with a lone surrogate.', published: '2026-03-01T12:00:00+02:00', fetchedAt: '2026-03-01T10:01:00Z' }),
          null,
        );
        expect(article).toMatchObject({ published: '2026-03-01T10:00:00.000Z', firstSeen: '2026-03-01T10:01:00.000Z' });
        expect(await repo.getArticle(article.id)).toEqual({ article, versions: [v] });
      });

      it('logs each fingerprint written, so a reader catches up from where it stopped', async () => {
        const start = await repo.fingerprintsSince(null, 10);
        expect(start.rows).toEqual([]);
        const a = await repo.createArticle(version({ contentHash: 'x1' }), { bands: ['b1'], signature: new Uint8Array([1]) });
        const b = await repo.createArticle(version({ contentHash: 'x2' }), { bands: ['b1', 'b2', 'b3'], signature: new Uint8Array([2]) });
        await repo.createArticle(version({ contentHash: 'x3' }), null); // no text to fingerprint: nothing logged
        const first = await repo.fingerprintsSince(start.cursor, 10);
        expect(first.rows.map((r) => [r.articleId, r.bands])).toEqual([[a.article.id, ['b1']], [b.article.id, ['b1', 'b2', 'b3']]]);
        // A new canonical text is logged again, after what was read; with a null cursor, the newest only.
        await repo.addVersion(a.article.id, version({ contentHash: 'x4', outlet: 'Other' }), true, { bands: ['b4'], signature: new Uint8Array([4]) });
        const next = await repo.fingerprintsSince(first.cursor, 10);
        expect(next.rows.filter((r) => !first.rows.some((f) => f.seq === r.seq && f.articleId === r.articleId)).map((r) => [r.articleId, r.bands]))
          .toEqual([[a.article.id, ['b4']]]);
        expect((await repo.fingerprintsSince(null, 1)).rows.map((r) => r.articleId)).toEqual([a.article.id]);
      });

      it('sends each logged row once behind a transaction still running: the cursor with what its read saw', async (ctx) => {
        // Two transactions at once need a server (SQLite and PGlite take one writer at a time); SQLite's
        // counter cursor is exact anyway.
        if (backend.name === 'sqlite' || (await testPostgres()).kind !== 'server') ctx.skip();
        const other = await openStore(backend.urlOf(repo)); // another process
        try {
          const story = await repo.createStory('Held', at(0));
          const later = await repo.createStory('Later', at(1));
          const fp = await repo.fingerprintsSince(null, 10);
          const log0 = await repo.storiesSince(0);
          let release!: () => void;
          const gate = new Promise<void>((r) => { release = r; });
          let wrote!: () => void;
          const written = new Promise<void>((r) => { wrote = r; });
          // Another process writes a row of each log and keeps its transaction open: the cursor stays behind it.
          const held = other.transaction(async (tx) => {
            await tx.createArticle(version({ contentHash: 'held' }), { bands: ['held'], signature: new Uint8Array([1]) });
            await tx.saveStoryState({ storyId: story.id, terms: ['held'], centroid: new Uint8Array([1]), lastSeen: at(0), touched: ['held'] });
            wrote();
            await gate;
          });
          await written;
          await repo.createArticle(version({ contentHash: 'after' }), { bands: ['after'], signature: new Uint8Array([2]) });
          await repo.saveStoryState({ storyId: later.id, terms: ['after'], centroid: new Uint8Array([2]), lastSeen: at(1), touched: ['after'] });
          const fp1 = await repo.fingerprintsSince(fp.cursor, 10, fp.seen);
          const log1 = await repo.storiesSince(log0.cursor, log0.seen);
          expect(fp1.rows.map((r) => r.bands)).toEqual([['after']]);
          expect(log1.rows.map((r) => r.terms)).toEqual([['after']]);
          release();
          await held;
          // Only the held transaction's rows come now; the rows read above come again only without `seen`.
          expect((await repo.fingerprintsSince(fp1.cursor, 10, fp1.seen)).rows.map((r) => r.bands)).toEqual([['held']]);
          expect((await repo.storiesSince(log1.cursor, log1.seen)).rows.map((r) => r.terms)).toEqual([['held']]);
          expect((await repo.fingerprintsSince(fp1.cursor, 10)).rows.map((r) => r.bands)).toEqual([['held'], ['after']]);
        } finally {
          await other.close();
        }
      });

      it('adds versions: credits each outlet, takes the canonical text when asked, never doubles a copy', async () => {
        const { article } = await repo.createArticle(version({ outlet: 'Aggregator', text: 'Short copy.', contentHash: 'short' }), null);
        const full = version({ outlet: 'Publisher', url: 'https://pub.test/a', title: 'Full title', text: 'The lede. Short copy.', lede: 'The lede.', contentHash: 'full', image: 'https://pub.test/i.jpg' });
        const v2 = await repo.addVersion(article.id, full, true, { bands: ['q'], signature: new Uint8Array([1]) });
        const again = await repo.addVersion(article.id, full, true, null);
        expect(again.id).toBe(v2.id);
        const got = await repo.getArticle(article.id);
        expect(got?.versions.map((v) => v.outlet)).toEqual(['Aggregator', 'Publisher']);
        expect(got?.article).toMatchObject({ canonicalVersionId: v2.id, title: 'Full title', text: 'The lede. Short copy.', outlet: 'Publisher', url: 'https://pub.test/a', image: 'https://pub.test/i.jpg' });
        const v3 = await repo.addVersion(article.id, version({ outlet: 'Third', contentHash: 'third' }), false, null);
        expect((await repo.getArticle(article.id))?.article.canonicalVersionId).toBe(v2.id);
        expect(v3.articleId).toBe(article.id);
        await expect(repo.addVersion(12345 as ArticleId, version(), false, null)).rejects.toMatchObject({ code: 'not_found' });
        const page = await repo.latestArticles({ limit: 10 });
        expect(page.items[0]).toMatchObject({ id: article.id, outletCount: 3 });
      });

      it('pages the latest articles with a cursor and filters by outlet and hashtag', async () => {
        const ids: ArticleId[] = [];
        for (let i = 0; i < 7; i++) {
          const { article } = await repo.createArticle(version({ outlet: i % 2 ? 'Odd' : 'Even', contentHash: `h${i}`, fetchedAt: at(i), title: `T${i}` }), null);
          ids.push(article.id);
        }
        const seen: ArticleId[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: { id: ArticleId }[]; next: string | null } = await repo.latestArticles({ limit: 3, cursor });
          seen.push(...page.items.map((a) => a.id));
          cursor = page.next;
        } while (cursor);
        expect(seen).toEqual([...ids].reverse());
        expect((await repo.latestArticles({ limit: 10, outlet: 'Odd' })).items.map((a) => a.title)).toEqual(['T5', 'T3', 'T1']);
        await repo.saveEnrichment(ids[2]!, enrichment(['Iran', 'Sanctions']));
        expect((await repo.latestArticles({ limit: 10, hashtag: 'Iran' })).items.map((a) => a.id)).toEqual([ids[2]]);
        await expect(repo.latestArticles({ limit: 3, cursor: 'garbage' })).rejects.toMatchObject({ code: 'bad_input' });
      });

      it('lists articles by when they were published; an undated or future-dated one at when it was first seen', async () => {
        const add = async (title: string, published: string | null, fetchedAt: string) =>
          (await repo.createArticle(version({ title, published, fetchedAt, contentHash: title }), null)).article.id;
        // Found in this order, published in another: an old piece found last, a future date, no date.
        await add('fresh', at(100), at(101));
        await add('old piece found now', at(-100_000), at(200));
        await add('dated tomorrow', at(1_600), at(150));
        await add('undated', null, at(120));
        await add('earlier', at(50), at(60));
        const titles: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: { title: string }[]; next: string | null } = await repo.latestArticles({ limit: 2, cursor });
          titles.push(...page.items.map((a) => a.title));
          cursor = page.next;
        } while (cursor);
        expect(titles).toEqual(['dated tomorrow', 'undated', 'fresh', 'earlier', 'old piece found now']);
      });

      it('saves enrichment (replacing the previous one) and ranks trending hashtags', async () => {
        const a = await repo.createArticle(version({ contentHash: '1', fetchedAt: at(0) }), null);
        const b = await repo.createArticle(version({ contentHash: '2', fetchedAt: at(5) }), null);
        const c = await repo.createArticle(version({ contentHash: '3', fetchedAt: at(-600) }), null);
        await repo.saveEnrichment(a.article.id, enrichment(['Iran', 'Oil']));
        await repo.saveEnrichment(a.article.id, enrichment(['Iran', 'UK']));
        await repo.saveEnrichment(b.article.id, enrichment(['Iran', 'UK', 'UK']));
        await repo.saveEnrichment(c.article.id, enrichment(['Old', 'Old2']));
        expect(await repo.getEnrichment(a.article.id)).toEqual(enrichment(['Iran', 'UK']));
        // The article's hashtags follow its latest enrichment: Oil went, UK came, Iran stayed once.
        expect((await repo.latestArticles({ limit: 10, hashtag: 'Oil' })).items).toEqual([]);
        expect(await repo.getEnrichment(999 as ArticleId)).toBeNull();
        expect(await repo.getEnrichments([a.article.id, 999 as ArticleId, b.article.id])).toEqual(new Map([
          [a.article.id, enrichment(['Iran', 'UK'])], [b.article.id, enrichment(['Iran', 'UK', 'UK'])],
        ]));
        expect(await repo.trendingHashtags(at(-60), 10)).toEqual([{ hashtag: 'Iran', count: 2, stories: 2, outlets: 1 }, { hashtag: 'UK', count: 2, stories: 2, outlets: 1 }]);
        await expect(repo.saveEnrichment(999 as ArticleId, enrichment([]))).rejects.toBeTruthy();
      });
    });

    describe('term document frequencies', () => {
      it('adds batches of counted articles to the stored counts and the total', async () => {
        expect(await repo.termDocs(['iraq'])).toEqual({ docs: 0, counts: new Map() });
        await repo.addTermDocs({ docs: 2, counts: new Map([['iraq', 2], ['coalit', 1]]) });
        await repo.addTermDocs({ docs: 1, counts: new Map([['iraq', 1], ['oil', 1]]) });
        const got = await repo.termDocs(['iraq', 'oil', 'coalit', 'unseen']);
        expect(got.docs).toBe(3);
        expect(got.counts).toEqual(new Map([['iraq', 3], ['oil', 1], ['coalit', 1]]));
      });

      // PostgreSQL sends a batch and the lookup's terms as JSON arrays, not text arrays: terms that
      // JSON or an object key could mistake are counted and read back as any other.
      it('counts and reads back terms with quotes, backslashes, braces, a key like __proto__ and non-Latin script', async () => {
        const odd = ['__proto__', 'constructor', 'a"b', 'c\\d', '{x}', '[y]', 'قطر', '2019', 'naïve'];
        await repo.addTermDocs({ docs: 2, counts: new Map(odd.map((t, i) => [t, i + 1])) });
        await repo.addTermDocs({ docs: 1, counts: new Map([['__proto__', 1], ['2019', 0]]) });
        const expected = new Map(odd.map((t, i) => [t, i + 1 + (t === '__proto__' ? 1 : 0)]));
        const read = await repo.termDocs([...odd, 'unseen']);
        expect(read).toEqual({ docs: 3, counts: expected });
        const looked = await repo.placementLookup({ contentHash: 'none', url: null, terms: [...odd, 'unseen'], fingerprintsAfter: null, storiesAfter: null });
        expect(looked.termDocs).toEqual({ docs: 3, counts: expected });
      });
    });

    describe('trending hashtags', () => {
      it('ranks by distinct stories and outlets in the window, not by raw article counts', async () => {
        const story = await repo.createStory('One story', at(0));
        const art = async (n: number, outlet: string, tags: string[], minutes = 0, inStory = false) => {
          const a = await repo.createArticle(version({ contentHash: `t${n}`, outlet, fetchedAt: at(minutes) }), null);
          if (inStory) await repo.assignStory(a.article.id, story.id);
          await repo.saveEnrichment(a.article.id, enrichment(tags));
        };
        // #Busy: five articles of one outlet on one story. #Wide: three outlets, three stories.
        for (let n = 0; n < 5; n++) await art(n, 'Wire', ['Busy'], 0, true);
        await art(10, 'A', ['Wide']);
        await art(11, 'B', ['Wide']);
        await art(12, 'C', ['Wide']);
        await art(13, 'D', ['Old'], -6000);
        const trend = await repo.trendingHashtags(at(-60), 10);
        expect(trend).toEqual([
          { hashtag: 'Wide', count: 3, stories: 3, outlets: 3 },
          { hashtag: 'Busy', count: 5, stories: 1, outlets: 1 },
        ]);
        expect((await repo.trendingHashtags(at(-7000), 10)).map((t) => t.hashtag)).toContain('Old');
      });

      it('orders by stories before outlets, so the story count shown beside each tag never rises down the list', async () => {
        const story = await repo.createStory('Covered widely', at(0));
        let n = 100;
        const art = async (outlet: string, tags: string[], inStory: boolean) => {
          const a = await repo.createArticle(version({ contentHash: `o${n++}`, outlet, fetchedAt: at(0) }), null);
          if (inStory) await repo.assignStory(a.article.id, story.id);
          await repo.saveEnrichment(a.article.id, enrichment(tags));
        };
        // #Wide: one story, four outlets. #Two: two stories, one outlet.
        for (const outlet of ['A', 'B', 'C', 'D']) await art(outlet, ['Wide'], true);
        await art('E', ['Two'], false);
        await art('E', ['Two'], false);
        const trend = await repo.trendingHashtags(at(-60), 10);
        expect(trend.map((t) => [t.hashtag, t.stories, t.outlets])).toEqual([['Two', 2, 1], ['Wide', 1, 4]]);
        for (let i = 1; i < trend.length; i++) expect(trend[i]!.stories).toBeLessThanOrEqual(trend[i - 1]!.stories);
      });
    });

    describe('stories', () => {
      it('creates, assigns, updates and lists stories with their outlets', async () => {
        const a = await repo.createArticle(version({ outlet: 'A', contentHash: '1', fetchedAt: at(0) }), null);
        const b = await repo.createArticle(version({ outlet: 'B', contentHash: '2', fetchedAt: at(60) }), null);
        await repo.addVersion(b.article.id, version({ outlet: 'C', contentHash: '3' }), false, null);
        const s = await repo.createStory('Iran sanctions', at(0));
        await repo.assignStory(a.article.id, s.id);
        await repo.assignStory(b.article.id, s.id);
        await repo.updateStory(s.id, { title: 'UK sanctions on Iran', seen: at(60) });
        const got = await repo.getStory(s.id);
        expect(got?.story).toMatchObject({ title: 'UK sanctions on Iran', firstSeen: at(0), lastSeen: at(60), articleCount: 2, outlets: ['A', 'B', 'C'] });
        // A copy published before the story began (ingested later) widens the span; it never inverts it.
        await repo.updateStory(s.id, { seen: at(-30) });
        await repo.updateStory(s.id, { seen: at(20) });
        expect((await repo.getStory(s.id))?.story).toMatchObject({ title: 'UK sanctions on Iran', firstSeen: at(-30), lastSeen: at(60) });
        expect(got?.articles.map((x) => x.id).sort()).toEqual([a.article.id, b.article.id].sort());
        const lone = await repo.createArticle(version({ outlet: 'D', contentHash: '4' }), null);
        const s2 = await repo.createStory('Other', at(10));
        await repo.assignStory(lone.article.id, s2.id);
        expect((await repo.topStories({ limit: 5 })).map((x) => x.id)).toEqual([s.id, s2.id]);
        expect((await repo.topStories({ limit: 5, since: at(30) })).map((x) => x.id)).toEqual([s.id]);
        await expect(repo.assignStory(a.article.id, 999 as never)).rejects.toMatchObject({ code: 'not_found' });
        await expect(repo.assignStory(999 as never, s.id)).rejects.toMatchObject({ code: 'not_found' });
        expect(await repo.getStory(999 as never)).toBeNull();
      });

      it('merges stories and finds them by shared terms in a time window', async () => {
        const a = await repo.createArticle(version({ contentHash: '1' }), null);
        const b = await repo.createArticle(version({ contentHash: '2' }), null);
        const s1 = await repo.createStory('One', at(0));
        const s2 = await repo.createStory('Two', at(-30));
        await repo.assignStory(a.article.id, s1.id);
        await repo.assignStory(b.article.id, s2.id);
        await repo.saveStoryState({ storyId: s1.id, terms: ['iran', 'sanctions', 'uk'], centroid: new Uint8Array([1, 2]), lastSeen: at(0) });
        await repo.saveStoryState({ storyId: s2.id, terms: ['iran', 'oil'], centroid: new Uint8Array([3]), lastSeen: at(-30), stamp: 2 ** 52 + 7 });
        const found = await repo.findStoriesByTerms(['iran', 'sanctions'], at(-60), 5);
        expect(found.map((f) => f.storyId)).toEqual([s1.id, s2.id]);
        expect(found[0]).toEqual({ storyId: s1.id, terms: ['iran', 'sanctions', 'uk'], centroid: new Uint8Array([1, 2]), lastSeen: at(0), stamp: null });
        // The same stories in the same order as stamps alone (what placement reads before any centroid).
        expect(await repo.findStoryStamps(['iran', 'sanctions'], at(-60), 5)).toEqual([{ storyId: s1.id, stamp: null }, { storyId: s2.id, stamp: 2 ** 52 + 7 }]);
        expect(await repo.getStoryStamps([s2.id, s1.id, 999_999 as never])).toEqual([{ storyId: s1.id, stamp: null }, { storyId: s2.id, stamp: 2 ** 52 + 7 }]);
        expect((await repo.getStoryStates([s2.id]))[0]!.stamp).toBe(2 ** 52 + 7);
        expect((await repo.findStoriesByTerms(['iran'], at(-10), 5)).map((f) => f.storyId)).toEqual([s1.id]);
        await repo.saveStoryState({ storyId: s1.id, terms: ['moon'], centroid: new Uint8Array([4]), lastSeen: at(1) });
        expect((await repo.findStoriesByTerms(['sanctions'], at(-60), 5))).toEqual([]);

        await repo.mergeStories(s1.id, s2.id);
        expect(await repo.getStory(s2.id)).toBeNull();
        const merged = await repo.getStory(s1.id);
        expect(merged?.story).toMatchObject({ articleCount: 2, firstSeen: at(-30) });
        // The terms the merged story was found by now find the story it went into.
        expect((await repo.findStoriesByTerms(['oil'], at(-60), 5)).map((f) => f.storyId)).toEqual([s1.id]);
        expect(await repo.checkIntegrity()).toEqual([]);
      });

      it('a story keeps every term its articles were found by; a term finds it only while used in the window', async () => {
        const a = await repo.createArticle(version({ contentHash: 'k1' }), null);
        const s = await repo.createStory('Kept', at(-50));
        await repo.assignStory(a.article.id, s.id);
        await repo.saveStoryState({ storyId: s.id, terms: ['flood'], touched: ['flood', 'river'], centroid: new Uint8Array([1]), lastSeen: at(-50) });
        await repo.saveStoryState({ storyId: s.id, terms: ['flood'], touched: ['flood', 'dam'], centroid: new Uint8Array([2]), lastSeen: at(0) });
        // Touched terms are logged; story_terms takes them when the log is folded.
        expect((await repo.findStoriesByTerms(['dam'], at(-10), 5)).map((f) => f.storyId)).toEqual([]);
        await repo.foldStoryLog();
        const ids = async (terms: string[], since: number) => (await repo.findStoriesByTerms(terms, at(since), 5)).map((f) => f.storyId);
        expect(await ids(['dam'], -10)).toEqual([s.id]);
        expect(await ids(['river'], -60)).toEqual([s.id]);
        // 'river' was last used at -50: outside a window that starts at -10, though the story is active.
        expect(await ids(['river'], -10)).toEqual([]);
        expect(await repo.checkIntegrity()).toEqual([]);
      });
    });

    describe('search', () => {
      async function corpus() {
        const mk = async (title: string, text: string, outlet: string, hash: string, published: string) =>
          (await repo.createArticle(version({ title, text, outlet, contentHash: hash, published, fetchedAt: published }), null)).article;
        const a = await mk('UK sanctions Iranian officials', 'Britain announced new measures against five people.', 'Al Arabiya', '1', at(0));
        const b = await mk('Football results', 'The match ended after new sanctions on a club were discussed. Iranian fans cheered.', 'Sports Daily', '2', at(60));
        const c = await mk('IAEA talks resume', 'Inspectors and <script>alert(1)</script> Iranian officials met in Vienna.', 'Reuters', '3', at(120));
        return { a, b, c };
      }

      it('ranks title matches first, highlights matches and escapes the rest', async () => {
        const { a, b, c } = await corpus();
        const r = await repo.search('iranian', { limit: 10 });
        expect(r.total).toBe(3);
        expect(r.hits[0]!.id).toBe(a.id);
        const hitC = r.hits.find((h) => h.id === c.id)!;
        expect(hitC.highlight).toContain('<mark>Iranian</mark>');
        expect(hitC.highlight).not.toContain('<script>');
        expect(r.hits.map((h) => h.id)).toContain(b.id);
        expect(r.hits[0]!.rank).toBeGreaterThanOrEqual(r.hits[1]!.rank);
      });

      it('filters by outlet, hashtag and time, pages with offset, and supports phrases and exclusion', async () => {
        const { a, b, c } = await corpus();
        expect((await repo.search('iranian', { limit: 10, outlet: 'Reuters' })).hits.map((h) => h.id)).toEqual([c.id]);
        await repo.saveEnrichment(b.id, enrichment(['Football']));
        expect((await repo.search('iranian', { limit: 10, hashtag: 'Football' })).hits.map((h) => h.id)).toEqual([b.id]);
        expect((await repo.search('iranian', { limit: 10, from: at(30), to: at(90) })).hits.map((h) => h.id)).toEqual([b.id]);
        const p1 = await repo.search('iranian', { limit: 2 });
        const p2 = await repo.search('iranian', { limit: 2, offset: 2 });
        expect(p2.total).toBe(3);
        expect(new Set([...p1.hits, ...p2.hits].map((h) => h.id)).size).toBe(3);
        expect((await repo.search('"iranian officials"', { limit: 10 })).hits.map((h) => h.id).sort()).toEqual([a.id, c.id].sort());
        expect((await repo.search('iranian -vienna', { limit: 10 })).hits.map((h) => h.id).sort()).toEqual([a.id, b.id].sort());
        expect((await repo.search('vienna or football', { limit: 10 })).hits.map((h) => h.id).sort()).toEqual([b.id, c.id].sort());
      });

      it('treats query syntax typed by a reader as words, never as an error', async () => {
        await corpus();
        for (const q of ['"', 'AND', 'iran* OR (', 'NEAR(a b)', ':', '-', '   ', "o'brien", 'title:uk']) {
          const r = await repo.search(q, { limit: 5 });
          expect(r.total).toBeGreaterThanOrEqual(0);
        }
        expect((await repo.search('   ', { limit: 5 })).total).toBe(0);
      });

      it('follows the canonical text when a fuller version replaces it', async () => {
        const { article } = await repo.createArticle(version({ title: 'Short', text: 'Nothing here.', contentHash: 's' }), null);
        expect((await repo.search('zanzibar', { limit: 5 })).total).toBe(0);
        await repo.addVersion(article.id, version({ outlet: 'Other', title: 'Zanzibar ferry', text: 'Nothing here. More.', contentHash: 'z' }), true, null);
        expect((await repo.search('zanzibar', { limit: 5 })).hits.map((h) => h.id)).toEqual([article.id]);
        expect((await repo.search('short', { limit: 5 })).total).toBe(0);
        expect(await repo.checkIntegrity()).toEqual([]);
      });
    });

    describe('accounts, sessions, rate limits, comments', () => {
      it('makes the first account admin, later ones readers; emails are unique regardless of case', async () => {
        const first = await repo.createAccount({ email: 'Ada@example.test', name: 'Ada', passwordHash: 'h1' });
        const second = await repo.createAccount({ email: 'bob@example.test', name: 'Bob', passwordHash: 'h2' });
        expect(first.role).toBe('admin');
        expect(second.role).toBe('reader');
        await expect(repo.createAccount({ email: 'ada@EXAMPLE.test', name: 'X', passwordHash: 'h' })).rejects.toMatchObject({ code: 'conflict' });
        expect(await repo.findAccountByEmail('ADA@example.test')).toMatchObject({ id: first.id, passwordHash: 'h1' });
        await repo.setRole(second.id, 'moderator');
        expect((await repo.getAccount(second.id))?.role).toBe('moderator');
        await expect(repo.setRole(999 as never, 'admin')).rejects.toMatchObject({ code: 'not_found' });
      });

      it('finds a session until it expires or is deleted', async () => {
        const acc = await repo.createAccount({ email: 'a@x.test', name: 'A', passwordHash: 'h' });
        await repo.createSession(acc.id, 'tok', at(60));
        expect((await repo.findSession('tok', at(59)))?.id).toBe(acc.id);
        expect(await repo.findSession('tok', at(60))).toBeNull();
        expect(await repo.findSession('other', at(0))).toBeNull();
        await repo.deleteSession('tok');
        expect(await repo.findSession('tok', at(0))).toBeNull();
      });

      it('counts rate-limit hits per key and window', async () => {
        expect(await repo.hit('login:1.2.3.4', at(0))).toBe(1);
        expect(await repo.hit('login:1.2.3.4', at(0))).toBe(2);
        expect(await repo.hit('login:5.6.7.8', at(0))).toBe(1);
        expect(await repo.hit('login:1.2.3.4', at(1))).toBe(1);
      });

      it('threads, edits, hides and reports comments; moderation sees reported ones first', async () => {
        const acc = await repo.createAccount({ email: 'a@x.test', name: 'Ada', passwordHash: 'h' });
        const { article } = await repo.createArticle(version(), null);
        const c1 = await repo.addComment({ articleId: article.id, accountId: acc.id, parentId: null, body: 'First', at: at(0) });
        const c2 = await repo.addComment({ articleId: article.id, accountId: acc.id, parentId: c1.id, body: 'Reply', at: at(1) });
        expect(c1).toMatchObject({ authorName: 'Ada', status: 'visible', reports: 0, editedAt: null, parentId: null });
        expect(c2.parentId).toBe(c1.id);
        await repo.editComment(c1.id, 'First, edited', at(2));
        expect(await repo.getComment(c1.id)).toMatchObject({ body: 'First, edited', editedAt: at(2) });
        const other = await repo.createAccount({ email: 'b@x.test', name: 'Bo', passwordHash: 'h' });
        expect(await repo.reportComment(c2.id, other.id)).toBe(true);
        // One reader reporting again is not a second report.
        for (let i = 0; i < 3; i++) expect(await repo.reportComment(c2.id, other.id)).toBe(false);
        expect((await repo.moderationQueue(10))[0]).toMatchObject({ id: c2.id, reports: 1 });
        expect(await repo.reportComment(c2.id, acc.id)).toBe(true);
        expect((await repo.getComment(c2.id))?.reports).toBe(2);
        await repo.setCommentStatus(c2.id, 'hidden');
        expect((await repo.listComments(article.id)).map((c) => c.id)).toEqual([c1.id]);
        expect((await repo.listComments(article.id, { includeHidden: true })).map((c) => c.id)).toEqual([c1.id, c2.id]);
        await expect(repo.addComment({ articleId: 999 as never, accountId: acc.id, parentId: null, body: 'x', at: at(0) })).rejects.toMatchObject({ code: 'not_found' });
        await expect(repo.reportComment(999 as never, acc.id)).rejects.toMatchObject({ code: 'not_found' });
      });
    });

    describe('transactions and integrity', () => {
      it('rolls back everything written in a failed transaction', async () => {
        const s = await repo.addSource({ name: 'S', homeUrl: 'https://s.test/' });
        await expect(repo.transaction(async (tx) => {
          const f = await tx.addFeed({ sourceId: s.id, url: 'https://s.test/feed' });
          await tx.createArticle(version({ feedId: f.id }), { bands: ['x'], signature: new Uint8Array([1]) });
          throw new Error('boom');
        })).rejects.toThrow('boom');
        expect(await repo.listFeeds()).toEqual([]);
        expect(await repo.countArticles()).toBe(0);
        expect((await repo.fingerprintsSince(null, 5)).rows).toEqual([]);
        expect((await repo.search('text', { limit: 5 })).total).toBe(0);
        expect(await repo.checkIntegrity()).toEqual([]);
      });

      it('commits a transaction and returns its value; a failed inner part can be caught', async () => {
        const id = await repo.transaction(async (tx) => {
          const { article } = await tx.createArticle(version(), null);
          await tx.transaction(async (inner) => {
            await inner.createArticle(version({ contentHash: 'other' }), null);
            throw new Error('inner');
          }).catch(() => {});
          return article.id;
        });
        expect(await repo.countArticles()).toBe(1);
        expect((await repo.getArticle(id))?.versions).toHaveLength(1);
      });

      it('never interleaves two transactions nor lets outside writes into one', async () => {
        const s = await repo.addSource({ name: 'S', homeUrl: 'https://s.test/' });
        const slow = repo.transaction(async (tx) => {
          await tx.addFeed({ sourceId: s.id, url: 'https://s.test/1' });
          await new Promise((r) => setTimeout(r, 30));
          throw new Error('rolled back');
        });
        const outside = repo.addFeed({ sourceId: s.id, url: 'https://s.test/2' });
        const other = repo.withKeys(['ingest'], async (tx) => tx.addFeed({ sourceId: s.id, url: 'https://s.test/3' }));
        await expect(slow).rejects.toThrow('rolled back');
        await outside;
        await other;
        expect((await repo.listFeeds()).map((f) => f.url).sort()).toEqual(['https://s.test/2', 'https://s.test/3']);
      });

      it('reports a sound store as sound', async () => {
        const { article } = await repo.createArticle(version(), { bands: ['b'], signature: new Uint8Array([1]) });
        const s = await repo.createStory('S', at(0));
        await repo.assignStory(article.id, s.id);
        expect(await repo.checkIntegrity()).toEqual([]);
      });
    });
  });
}
