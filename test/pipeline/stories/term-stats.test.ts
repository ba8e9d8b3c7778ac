import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.ts';
import type { Repository } from '../../../src/store/repository.ts';
import type { TermBatch } from '../../../src/domain/placement.ts';
import { SharedTermStats } from '../../../src/pipeline/stories/term-stats.ts';
import { placeVersion } from '../../../src/pipeline/stories/index.ts';
import { backends } from '../../store/backends.ts';
import { newVersion, unrelatedNews } from './helpers.ts';

let repos: Repository[] = [];
afterEach(async () => {
  for (const r of repos) await r.close();
  repos = [];
});
const open = async () => {
  const r = await openStore('sqlite::memory:');
  repos.push(r);
  return r;
};
/** The store's term_stats, its reads counted. */
const counted = (r: Repository) => {
  const reads: string[][] = [];
  return { reads, store: { termDocs: (t: string[]) => (reads.push(t), r.termDocs(t)), addTermDocs: r.addTermDocs.bind(r) } };
};

describe('SharedTermStats: the store\'s document frequencies as one process knows them', () => {
  it('weighs with the store\'s counts plus its own, reading a term once while it is fresh', async () => {
    const r = await open();
    await r.addTermDocs({ docs: 10, counts: new Map([['iraq', 4], ['oil', 1]]) });
    const { reads, store } = counted(r);
    let now = 0;
    const stats = new SharedTermStats(store, () => now);
    await stats.weigh(['iraq', 'oil']);
    stats.count(['iraq', 'gas']);
    await stats.weigh(['iraq', 'gas', 'oil']);
    expect(reads).toEqual([['iraq', 'oil'], ['gas']]);
    expect(stats.docs).toBe(11);
    expect(stats.idf('iraq')).toBeCloseTo(Math.log((11 + 20) / (5 + 0.5)), 9);
    expect(stats.idf('gas')).toBeCloseTo(Math.log((11 + 20) / (1 + 0.5)), 9);
    // Counts written by another process are seen once this process's copy is stale.
    await r.addTermDocs({ docs: 5, counts: new Map([['oil', 5]]) });
    expect(stats.idf('oil')).toBeCloseTo(Math.log((11 + 20) / (1 + 0.5)), 9);
    now += 61_000;
    await stats.weigh(['oil']);
    expect(stats.docs).toBe(15 + 1); // the store's 15 + this process's unwritten article
    expect(stats.idf('oil')).toBeCloseTo(Math.log((16 + 20) / (6 + 0.5)), 9);
  });

  it('reads its cached counts again once other processes have added a sixteenth of the store, within the minute', async () => {
    const r = await open();
    const now = () => 0; // the clock stands still: only the others' articles make the counts stale
    const a = new SharedTermStats(r, now);
    const b = new SharedTermStats(r, now);
    // Both start on a young store; "said" is in every article, "dam" in one.
    for (const s of [a, b]) {
      await s.weigh(['said', 'dam']);
      s.count(['said', s === a ? 'dam' : 'vote']);
      await s.flush();
    }
    await a.weigh(['said', 'dam']);
    // The other process fills the store: 40 articles, every one with "said".
    for (let i = 0; i < 40; i++) {
      await b.weigh(['said', `name${i}`]);
      b.count(['said', `name${i}`]);
    }
    await b.flush();
    // Any read of this process (here, a new name) tells it how far the others have gone.
    await a.weigh(['said', 'quake']);
    await a.weigh(['said', 'dam']);
    const fresh = new SharedTermStats(r, now);
    await fresh.weigh(['said', 'dam']);
    expect(a.docs).toBe(42);
    // "said" weighs as the common word it now is in the store, as a fresh reader weighs it.
    expect(a.idf('said')).toBeCloseTo(fresh.idf('said'), 9);
    expect(a.idf('said')).toBeLessThan(a.idf('dam'));
  });

  it('writes its counts in batches, and a fresh reader of the store then weighs as it does', async () => {
    const r = await open();
    const stats = new SharedTermStats(r);
    for (let i = 0; i < 40; i++) stats.count(['iraq', i % 2 ? 'oil' : 'gas', 'iraq']);
    expect(stats.due).toBe(true);
    await stats.flush();
    expect(stats.due).toBe(false);
    expect(await r.termDocs(['iraq', 'oil', 'gas'])).toEqual({ docs: 40, counts: new Map([['iraq', 40], ['oil', 20], ['gas', 20]]) });
    const fresh = new SharedTermStats(r);
    await fresh.weigh(['iraq', 'oil', 'gas']);
    for (const t of ['iraq', 'oil', 'gas', 'unseen']) expect(fresh.idf(t)).toBe(stats.idf(t));
  });

  it('keeps a batch the store would not take and writes it with the next one', async () => {
    const r = await open();
    let fail = true;
    const stats = new SharedTermStats({ termDocs: (t) => r.termDocs(t), addTermDocs: (b) => (fail ? Promise.reject(new Error('disk full')) : r.addTermDocs(b)) });
    stats.count(['iraq']);
    await expect(stats.flush()).rejects.toThrow('disk full');
    fail = false;
    stats.count(['iraq', 'oil']);
    await stats.flush();
    expect(await r.termDocs(['iraq', 'oil'])).toEqual({ docs: 2, counts: new Map([['iraq', 2], ['oil', 1]]) });
  });

  it('counts a term once per article however often it is listed, and never the empty term', async () => {
    const batches: TermBatch[] = [];
    const stats = new SharedTermStats({ termDocs: async () => ({ docs: 0, counts: new Map() }), addTermDocs: async (b) => { batches.push(b); } });
    stats.count(['iraq', 'oil', 'iraq', '']);
    stats.count(['oil', 'oil']);
    expect(stats.idf('iraq')).toBe(Math.log((2 + 20) / (1 + 0.5)));
    expect(stats.idf('oil')).toBe(Math.log((2 + 20) / (2 + 0.5)));
    await stats.flush();
    expect(batches).toEqual([{ docs: 2, counts: new Map([['iraq', 1], ['oil', 2]]) }]);
    // The written additions are not written again.
    stats.count(['gas']);
    await stats.flush();
    expect(batches[1]).toEqual({ docs: 1, counts: new Map([['gas', 1]]) });
  });

  it('past its bound forgets every cached count and read, yet still writes what it counted', async () => {
    const batches: TermBatch[] = [];
    const reads: string[][] = [];
    const stats = new SharedTermStats({
      termDocs: async (t) => (reads.push(t), { docs: 100, counts: new Map(t.map((x) => [x, 7])) }),
      addTermDocs: async (b) => { batches.push(b); },
    }, () => 0);
    await stats.weigh(['iraq', 'oil']);
    stats.count(['iraq']);
    expect(stats.stale(['iraq', 'oil'])).toEqual([]);
    // 300,000 more terms than the cache holds: it starts afresh before taking them.
    const many = Array.from({ length: 300_000 }, (_, i) => `t${i}`);
    await stats.weigh(many);
    expect(stats.stale(['iraq', 'oil', 't1'])).toEqual(['iraq', 'oil']);
    expect(stats.idf('oil')).toBe(Math.log((101 + 20) / (0 + 0.5)));
    // Read again, the count holds the store's and this process's unwritten article.
    await stats.weigh(['iraq']);
    expect(stats.idf('iraq')).toBe(Math.log((101 + 20) / (7 + 1 + 0.5)));
    await stats.flush();
    expect(batches).toEqual([{ docs: 1, counts: new Map([['iraq', 1]]) }]);
  });
});

for (const backend of backends()) {
  describe(`the term counts of ingest reach the store (${backend.name})`, () => {
    afterAll(() => backend.cleanup());

    it('writes the counts of fewer articles than a batch once its time is up, though they were counted inside placements', async () => {
      const r = await backend.open();
      const news = unrelatedNews().slice(0, 3);
      for (const [i, n] of news.entries()) await placeVersion(r, newVersion({ outlet: `Outlet ${i}`, ...n }));
      await new Promise((done) => setTimeout(done, 2_500)); // the batch's time (FLUSH_MS) is up
      // What a fresh `lede serve` or another ingest process reads.
      expect((await r.termDocs([])).docs).toBe(news.length);
    });
  });
}
