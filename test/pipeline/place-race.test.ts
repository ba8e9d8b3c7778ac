// Placement without a store-wide lock, on both backends: two connections place copies of one article at
// the same moment and still make one article in one story; unrelated articles do not wait for each other.
// The race is forced: the first placement stalls between its copy lookup and its write, long enough for
// the second to look up (and, were nothing locked, to find nothing and write an article of its own).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Repository } from '../../src/store/repository.ts';
import { openStore } from '../../src/store/index.ts';
import { placeVersion } from '../../src/pipeline/stories/index.ts';
import { backends, testPostgres } from '../store/backends.ts';
import { newVersion, seedVersions, unrelatedNews } from './stories/helpers.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const STALL_MS = 400;

/** The repository, with every copy lookup made through it (inside a placement) followed by a stall. */
function stalled(repo: Repository, opts: { locks: boolean } = { locks: true }): Repository {
  const wrap = (target: Repository): Repository => new Proxy(target, {
    get(t, key) {
      // A placement's first reads (placementLookup; the copy lookup's catch-up runs beside it).
      if (key === 'placementLookup') {
        return async (...args: unknown[]) => {
          const found = await (t[key] as (...a: unknown[]) => Promise<unknown>)(...args);
          await sleep(STALL_MS);
          return found;
        };
      }
      if (key === 'withKeys') {
        return <T>(keys: string[], fn: (tx: Repository) => Promise<T>) =>
          opts.locks ? t.withKeys(keys, (tx) => fn(wrap(tx))) : t.transaction((tx) => fn(wrap(tx)));
      }
      const v = (t as unknown as Record<PropertyKey, unknown>)[key];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  return wrap(repo);
}

for (const backend of backends()) {
  describe(`placement race (${backend.name})`, () => {
    let a: Repository;
    let b: Repository;
    beforeAll(async () => {
      a = await backend.open();
      b = await openStore(backend.urlOf(a)); // a second connection (pool) to the same store
    });
    afterAll(async () => {
      await b.close();
      await backend.cleanup();
    });

    it('two copies of one article placed at the same moment make one article in one story', async () => {
      const s = seedVersions();
      const [first, second] = await Promise.all([
        placeVersion(stalled(a), s.publisher),
        sleep(50).then(() => placeVersion(b, s.aggregator)),
      ]);
      expect(second.article.id).toBe(first.article.id);
      expect([first.isNewArticle, second.isNewArticle]).toEqual([true, false]);
      expect(second.storyId).toBe(first.storyId);
      expect(await a.countArticles()).toBe(1);
      const stored = await a.getArticle(first.article.id);
      expect(stored!.versions.map((v) => v.outlet).sort()).toEqual(['Asharq Al-Awsat', 'Daily8']);
      expect((await a.getStory(first.storyId!))!.articles).toHaveLength(1);
      expect(await a.checkIntegrity()).toEqual([]);
    });

    it('the same page fetched twice at the same moment is stored once', async () => {
      const n = unrelatedNews()[0]!;
      const v = newVersion({ outlet: 'Wire', title: n.title, text: n.text, url: 'https://wire.example/a/1', published: '2025-02-21T08:00:00Z' });
      const before = await a.countArticles();
      const [x, y] = await Promise.all([placeVersion(stalled(a), v), sleep(50).then(() => placeVersion(b, v))]);
      expect(y.article.id).toBe(x.article.id);
      expect(y.version.id).toBe(x.version.id);
      expect(await a.countArticles()).toBe(before + 1);
    });

    it('an unrelated article is placed while another placement is under way', async (ctx) => {
      // SQLite has one writer per file; PGlite runs one transaction at a time: only a server shows this.
      if (backend.name === 'sqlite' || (await testPostgres()).kind !== 'server') ctx.skip();
      const [n1, n2] = unrelatedNews().slice(1, 3);
      const slow = newVersion({ outlet: 'Slow', title: n1!.title, text: n1!.text, published: '2025-02-22T08:00:00Z' });
      const other = newVersion({ outlet: 'Other', title: n2!.title, text: n2!.text, published: '2025-02-22T08:00:00Z' });
      let slowDone = 0;
      const slowPlaced = placeVersion(stalled(a), slow).then((p) => { slowDone = Date.now(); return p; });
      await sleep(50);
      await placeVersion(b, other);
      const otherDone = Date.now();
      await slowPlaced;
      expect(otherDone).toBeLessThan(slowDone);
    });

    it('without the locks, the same race makes two articles (the test forces it)', async (ctx) => {
      if (backend.name === 'sqlite' || (await testPostgres()).kind !== 'server') ctx.skip();
      const n = unrelatedNews()[3]!;
      const v1 = newVersion({ outlet: 'One', title: n.title, text: n.text, published: '2025-02-23T08:00:00Z' });
      const v2 = newVersion({ outlet: 'Two', title: n.title, text: n.text.replace(/\./g, '!'), published: '2025-02-23T08:05:00Z' });
      const [x, y] = await Promise.all([
        placeVersion(stalled(a, { locks: false }), v1),
        sleep(50).then(() => placeVersion(stalled(b, { locks: false }), v2)),
      ]);
      expect(y.article.id).not.toBe(x.article.id);
    });
  });
}
