// placeVersion and relatedArticles against the real SQLite store.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.ts';
import type { Repository } from '../../../src/store/repository.ts';
import { flushStoryLog, flushTermStats, placeVersion, relatedArticles } from '../../../src/pipeline/stories/index.ts';
import { StorePlacementIndex } from '../../../src/pipeline/stories/store-index.ts';
import { editable, newStamp } from '../../../src/pipeline/stories/decoded.ts';
import { encodeStory } from '../../../src/pipeline/stories/state.ts';
import { newVersion, seedVersions, unrelatedNews } from './helpers.ts';

let repo: Repository | null = null;
afterEach(async () => { await repo?.close(); repo = null; });
const bin = fileURLToPath(new URL('../../../bin/run-ts.js', import.meta.url));
const open = async () => (repo = await openStore('sqlite::memory:'));

describe('placeVersion: the seed pair', () => {
  for (const order of ['publisher first', 'aggregator first'] as const) {
    it(`${order}: one article, two versions, the publisher's text, both outlets`, async () => {
      const r = await open();
      const s = seedVersions();
      const [first, second] = order === 'publisher first' ? [s.publisher, s.aggregator] : [s.aggregator, s.publisher];
      const a = await placeVersion(r, first);
      const b = await placeVersion(r, second);
      expect(a.isNewArticle).toBe(true);
      expect(b.isNewArticle).toBe(false);
      expect(b.article.id).toBe(a.article.id);
      const got = (await r.getArticle(a.article.id))!;
      expect(got.versions).toHaveLength(2);
      expect(got.article.text).toBe(s.publisherText);
      expect(got.article.text).toMatch(/^Iraq’s ruling coalition is set to hold an emergency meeting/);
      expect(new Set(got.versions.map((v) => v.outlet))).toEqual(new Set(['Asharq Al-Awsat', 'Daily8']));
      expect(await r.countArticles()).toBe(1);
      expect(b.storyId).toBe(a.storyId);
      const story = (await r.getStory(a.storyId!))!;
      expect(story.story.outlets).toEqual(expect.arrayContaining(['Asharq Al-Awsat', 'Daily8']));
      expect(await r.checkIntegrity()).toEqual([]);
    });
  }

  it('a truncated copy does not hide the full text: a later copy of the rest still finds the article', async () => {
    const r = await open();
    const full = seedVersions().publisherText;
    const paras = full.split('\n').filter((p) => p.trim());
    const a = await placeVersion(r, newVersion({ outlet: 'Publisher', title: 'Iraq coalition meets', text: full, published: '2025-02-20T08:00:00Z' }));
    const head = paras.slice(0, 4).join('\n\n') + '\n\nRead more';
    const b = await placeVersion(r, newVersion({ outlet: 'Brief', title: 'Iraq coalition meets', text: head, published: '2025-02-20T09:00:00Z' }));
    const tail = paras.slice(5).join('\n\n');
    const c = await placeVersion(r, newVersion({ outlet: 'Wire', title: 'Iraqi coalition to meet', text: tail, published: '2025-02-20T10:00:00Z' }));
    expect(b.article.id).toBe(a.article.id);
    expect(c.article.id).toBe(a.article.id);
    expect((await r.getArticle(a.article.id))!.article.text).toBe(full);
  });

  it('stores the canonical URL without tracking parameters', async () => {
    const r = await open();
    const p = await placeVersion(r, seedVersions().aggregator);
    expect(p.version.canonicalUrl).toBe('https://daily8.example/news/iraq-coalition');
  });
});

describe('placeVersion: stories', () => {
  it('the same feed ingested twice leaves articles and stories as they were', async () => {
    const r = await open();
    const s = seedVersions();
    const items = [s.publisher, ...unrelatedNews().map((n, i) => newVersion({ outlet: 'Local Times', ...n, url: `https://local.example/${i}`, published: `2025-02-20T0${i}:00:00Z` }))];
    const first = [];
    for (const v of items) first.push(await placeVersion(r, v));
    const again = [];
    for (const v of items) again.push(await placeVersion(r, v));
    expect(again.map((p) => p.article.id)).toEqual(first.map((p) => p.article.id));
    expect(again.map((p) => p.storyId)).toEqual(first.map((p) => p.storyId));
    expect(again.every((p) => !p.isNewArticle)).toBe(true);
    expect(await r.countArticles()).toBe(items.length);
    // Unrelated articles are separate stories.
    expect(new Set(first.map((p) => p.storyId)).size).toBe(items.length);
  });

  it('two outlets reporting one event in their own words share a story, not an article', async () => {
    const r = await open();
    const s = seedVersions();
    const a = await placeVersion(r, s.publisher);
    const other = newVersion({
      outlet: 'Baghdad Post', title: 'Iraq coalition calls emergency meeting over Rubio warning on Iran influence',
      text: `Iraq's ruling Coordination Framework coalition will hold an emergency meeting after US Secretary of State Marco Rubio warned Prime Minister Mohammed Shia al-Sudani in a phone call to limit Iran's influence.
Leaders of the pro-Iran coalition fear US sanctions on Iraqi banks and officials, sources in Baghdad said. Uday al-Khadran of the Coordination Framework said Iraq wants neutrality.
The US keeps about 2,500 troops in Iraq with the coalition against ISIS, and Washington has pressed Baghdad to halt gas imports from Iran.`,
      published: '2025-02-20T13:00:00Z',
    });
    const b = await placeVersion(r, other);
    expect(b.isNewArticle).toBe(true);
    expect(b.storyId).toBe(a.storyId);
    const story = (await r.getStory(a.storyId!))!;
    expect(story.story.articleCount).toBe(2);
  });
});

describe('relatedArticles', () => {
  it("ranks the seed's three Iran-sanctions items above unrelated articles, with relative times", async () => {
    const r = await open();
    const s = seedVersions();
    expect(s.related).toHaveLength(3);
    const seed = await placeVersion(r, s.publisher);
    const now = Date.parse('2025-02-20T12:00:00Z');
    const relatedIds: number[] = [];
    for (const [i, item] of s.related.entries()) {
      const p = await placeVersion(r, newVersion({ outlet: item.outlet, title: item.title, text: item.text || item.title, url: `https://outlet.example/iran/${i}`, published: new Date(now - (1 + 3 * i) * 3600_000).toISOString() }));
      relatedIds.push(p.article.id);
    }
    const unrelatedIds: number[] = [];
    for (const [i, n] of unrelatedNews().entries()) {
      const p = await placeVersion(r, newVersion({ outlet: 'Local Times', ...n, url: `https://local.example/${i}`, published: new Date(now - 30 * 60_000).toISOString() }));
      unrelatedIds.push(p.article.id);
    }
    const got = await relatedArticles(r, seed.article.id, { limit: 10, now });
    const rank = (id: number) => { const i = got.findIndex((g) => g.articleId === id); return i < 0 ? Infinity : i; };
    for (const id of relatedIds) {
      expect(rank(id)).toBeLessThan(Infinity);
      for (const u of unrelatedIds) expect(rank(id)).toBeLessThan(rank(u));
    }
    // Same topic, other events: related, but not the seed's story.
    for (const id of relatedIds) expect(got.find((g) => g.articleId === id)!.sameStory).toBe(false);
    const first = got.find((g) => g.articleId === relatedIds[0])!;
    expect(first.outlet).toBe(s.related[0]!.outlet);
    expect(first.relativeTime).toBe('an hour ago');
    expect(got.find((g) => g.articleId === relatedIds[1])!.relativeTime).toBe('4 hours ago');
  });
});

describe('document frequencies in the store', () => {
  it('every new article placed counts its terms in the store, so another process weighs words the same', async () => {
    const r = await open();
    const news = unrelatedNews().slice(0, 3);
    for (const [i, n] of news.entries()) await placeVersion(r, newVersion({ outlet: `Outlet ${i}`, title: n.title, text: n.text, published: '2025-02-20T08:00:00Z' }));
    // The same article again is no new article: nothing counted twice.
    await placeVersion(r, newVersion({ outlet: 'Outlet 0', title: news[0]!.title, text: news[0]!.text, published: '2025-02-20T08:00:00Z' }));
    await flushTermStats(r); // as ingest does at the end of each feed
    const { countTerms, DEFAULT_CLUSTER_OPTIONS } = await import('../../../src/pipeline/stories/cluster.ts');
    const terms = news.map((n) => new Set(countTerms(n, DEFAULT_CLUSTER_OPTIONS).keys()));
    const all = [...new Set(terms.flatMap((t) => [...t]))];
    const stored = await r.termDocs(all);
    expect(stored.docs).toBe(3);
    for (const t of all) expect(stored.counts.get(t)).toBe(terms.filter((s) => s.has(t)).length);
  });

  it('a fresh process ranks related articles exactly as the process that ingested them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lede-df-'));
    const url = `sqlite:${join(dir, 'lede.db')}`;
    const r = (repo = await openStore(url));
    const s = seedVersions();
    const seed = await placeVersion(r, s.publisher);
    const now = Date.parse('2025-02-20T12:00:00Z');
    for (const [i, item] of s.related.entries()) {
      await placeVersion(r, newVersion({ outlet: item.outlet, title: item.title, text: item.text || item.title, url: `https://outlet.example/iran/${i}`, published: new Date(now - (1 + 3 * i) * 3600_000).toISOString() }));
    }
    for (const [i, n] of unrelatedNews().entries()) {
      await placeVersion(r, newVersion({ outlet: 'Local Times', ...n, url: `https://local.example/${i}`, published: new Date(now - 30 * 60_000).toISOString() }));
    }
    await flushTermStats(r); // as ingest does at the end of each feed
    await flushStoryLog(r);
    const here = await relatedArticles(r, seed.article.id, { limit: 10, now });
    // The stories of the related items are found through story_terms, not only by full-text search.
    expect((await r.findStoriesByTerms(['iran', 'sanctions'], new Date(now - 30 * 86_400_000).toISOString(), 32)).length).toBeGreaterThan(1);
    const child = execFileSync(process.execPath, [bin, fileURLToPath(new URL('./related-fresh-process.ts', import.meta.url)), url, String(seed.article.id), String(now)], { encoding: 'utf8' });
    const fresh = JSON.parse(child) as typeof here;
    expect(fresh.map((x) => x.articleId)).toEqual(here.map((x) => x.articleId));
    fresh.forEach((x, i) => expect(x.score).toBeCloseTo(here[i]!.score, 9));
    rmSync(dir, { recursive: true, force: true });
  });
});


describe('placeVersion: stories read from the store or from this process\'s copy', () => {
  it('a story this process saved is not read again; one saved by another process since is', async () => {
    const r = await open();
    const [first] = unrelatedNews();
    const placed = await placeVersion(r, newVersion({ outlet: 'Local Times', ...first!, url: 'https://local.example/1', published: '2025-02-20T08:00:00Z' }));
    let reads = 0;
    const counted = new Proxy(r, {
      get: (t, k) => (k === 'getStoryStates' ? (ids: never[]) => { reads++; return t.getStoryStates(ids); } : Reflect.get(t, k)),
    });
    const index = new StorePlacementIndex(counted);
    const [state] = await r.getStoryStates([placed.storyId!]);
    const [mine] = await index.findStories(state!.terms, null, 5);
    expect(mine!.id).toBe(placed.storyId);
    expect(reads).toBe(0);

    // Another process's save: another centroid under a new stamp.
    const theirs = { ...encodeStory({ ...editable(mine!), centroid: new Map([['volcano', 1]]), norm: 1 }), stamp: newStamp() };
    await r.saveStoryState(theirs);
    const [fresh] = await index.findStories(['volcano'], null, 5);
    expect(reads).toBe(1);
    expect(fresh!.id).toBe(placed.storyId);
    expect([...fresh!.centroid]).toEqual([['volcano', 1]]);
  });
});
