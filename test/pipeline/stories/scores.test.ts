// The candidates' scores of rank(): the very numbers `similarity` gives, however the centroids come.
import { describe, expect, it } from 'vitest';
import { similarity } from '../../../src/pipeline/stories/cluster.ts';
import { similarities } from '../../../src/pipeline/stories/scores.ts';

/** A deterministic generator of weights and term picks. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

function vector(next: () => number, size: number, vocabulary: number): Map<string, number> {
  const v = new Map<string, number>();
  while (v.size < size) v.set(`term${Math.floor(next() ** 2 * vocabulary)}`, next());
  return v;
}

const story = (centroid: Map<string, number>) => {
  let n = 0;
  for (const w of centroid.values()) n += w * w;
  return { centroid, norm: Math.sqrt(n) };
};

describe('similarities: one article against its candidate stories', () => {
  it('gives each story exactly the similarity of cluster.ts, in the stories\' order', () => {
    const next = random(7);
    const stories = Array.from({ length: 40 }, () => story(vector(next, 150, 3000)));
    stories.push({ centroid: new Map(), norm: 0 }, { centroid: new Map([['term1', 1]]), norm: 0 });
    for (let a = 0; a < 50; a++) {
      // Some of the article's terms are in no centroid.
      const v = vector(next, 60, 4000);
      expect(similarities(v, stories)).toEqual(stories.map((s) => similarity(v, s)));
    }
  });

  it('scores a centroid again as it is once the story has a new one, and after the numbering starts afresh', () => {
    const next = random(11);
    const s = story(vector(next, 120, 500));
    const v = vector(next, 60, 500);
    expect(similarities(v, [s])).toEqual([similarity(v, s)]);
    const changed = story(new Map([...s.centroid].map(([t, w]) => [t, w * 2])));
    expect(similarities(v, [changed])).toEqual([similarity(v, changed)]);
    // More terms than the numbering keeps (2^20): the next call numbers afresh.
    const huge = story(new Map(Array.from({ length: (1 << 20) + 1 }, (_, i) => [`rare${i}`, 1])));
    expect(similarities(v, [huge])).toEqual([0]);
    expect(similarities(v, [s, changed])).toEqual([similarity(v, s), similarity(v, changed)]);
  });

  it('an empty article or no stories score nothing', () => {
    const s = story(new Map([['oil', 1]]));
    expect(similarities(new Map(), [s])).toEqual([0]);
    expect(similarities(new Map([['oil', 1]]), [])).toEqual([]);
  });
});
