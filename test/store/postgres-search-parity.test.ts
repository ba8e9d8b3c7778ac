// PostgreSQL search ranks like SQLite's FTS5 search: the same corpus and queries give the same matches
// and mostly the same order (the engines differ in their formulas, bm25 vs cover density, so exact
// equality is not expected; the top results must agree).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NewVersion, Repository } from '../../src/store/repository.ts';
import { generateWire } from '../jobs/concurrency-newswire.ts';
import { backends } from './backends.ts';

const [sqlite, postgres] = backends();
let lite: Repository;
let pg: Repository;
const wire = generateWire({ articles: 300, outlets: 6, copyShare: 0, seed: 11 });

beforeAll(async () => {
  [lite, pg] = await Promise.all([sqlite!.open(), postgres!.open()]);
  for (const a of wire.articles) {
    const v: NewVersion = {
      sourceId: null, feedId: null, outlet: `Outlet ${a.outlet}`, url: `https://o${a.outlet}.example/${a.id}`, canonicalUrl: null,
      title: a.title, byline: null, text: a.paragraphs.join('\n\n'), html: '', lede: a.paragraphs[0]!, image: null, language: 'en',
      published: a.published, fetchedAt: a.published, contentHash: `h${a.id}`,
    };
    await lite.createArticle(v, null);
    await pg.createArticle(v, null);
  }
}, 180_000); // the embedded engine (no server) is slow to fill

afterAll(async () => {
  await sqlite!.cleanup();
  await postgres!.cleanup();
});

it('finds the same articles and agrees on the top results', async () => {
  // Queries: a story's invented names (title and body words), single body words, a phrase, an exclusion.
  const titleWords = (id: number) => wire.articles[id]!.title.split(' ');
  const queries = [
    titleWords(5)[0]!, titleWords(40)[2]!, `${titleWords(77)[0]} ${titleWords(77)[2]}`, titleWords(150)[4]!,
    `"${wire.articles[200]!.paragraphs[1]!.split(' ').slice(0, 3).join(' ').replace(/\.$/, '')}"`,
    `${titleWords(222)[0]} -${titleWords(222)[2]}`, titleWords(260)[2]!,
  ];
  let top1 = 0;
  let overlap = 0;
  for (const q of queries) {
    const [a, b] = await Promise.all([lite.search(q, { limit: 1000 }), pg.search(q, { limit: 1000 })]);
    expect(b.total, q).toBe(a.total);
    expect(new Set(b.hits.map((h) => h.id)), q).toEqual(new Set(a.hits.map((h) => h.id)));
    if (a.hits[0]?.id === b.hits[0]?.id) top1++;
    const k = Math.min(5, a.hits.length);
    const topA = new Set(a.hits.slice(0, k).map((h) => h.id));
    overlap += b.hits.slice(0, k).filter((h) => topA.has(h.id)).length / Math.max(1, k);
    // Both highlight the match in the same safe way.
    for (const h of b.hits.slice(0, 3)) expect(h.highlight).not.toMatch(/<(?!\/?mark>)/);
  }
  expect(top1 / queries.length).toBeGreaterThanOrEqual(0.7);
  expect(overlap / queries.length).toBeGreaterThanOrEqual(0.7);
});
