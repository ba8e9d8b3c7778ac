// Online story clustering: events group across outlets, different events stay apart, the window holds.
import { describe, expect, it } from 'vitest';
import { StoryClusterer, scoreClustering } from '../../../src/pipeline/stories/index.ts';
import { DEFAULT_CLUSTER_OPTIONS, countTerms, countTextAndTitle, topTerms } from '../../../src/pipeline/stories/cluster.ts';
import { unrelatedNews } from './helpers.ts';

const QUAKE = [
  { title: 'Strong earthquake strikes off coast of Chile', text: 'A magnitude 7.1 earthquake struck off the coast of northern Chile on Monday, shaking buildings in Antofagasta and prompting a brief tsunami alert, the national seismology centre said.' },
  { title: 'Chile earthquake: tsunami warning lifted after 7.1 quake', text: 'Chilean authorities lifted a tsunami warning hours after a 7.1 magnitude earthquake hit off the northern coast near Antofagasta. No deaths were reported, the seismology service said.' },
  { title: 'Quake of magnitude 7.1 rattles northern Chile', text: 'Residents of Antofagasta fled into the streets when a 7.1 earthquake hit off northern Chile. The tsunami alert was later lifted and officials reported minor damage.' },
];
const ELECTION = [
  { title: 'Incumbent wins second term in Portugal election', text: 'Portugal\'s prime minister won a second term in Sunday\'s parliamentary election, with his party taking 41 percent of the vote, according to official results.' },
  { title: 'Portugal election: ruling party claims victory', text: 'The ruling party claimed victory in Portugal\'s parliamentary election on Sunday, winning 41 percent of the vote and a second term for the prime minister.' },
];

describe('StoryClusterer', () => {
  it('groups reports of one event and keeps other events apart', async () => {
    const c = new StoryClusterer();
    const news = unrelatedNews();
    const stream = [QUAKE[0]!, ELECTION[0]!, news[0]!, QUAKE[1]!, news[1]!, ELECTION[1]!, QUAKE[2]!, news[2]!];
    const gold = ['q', 'e', 'n0', 'q', 'n1', 'e', 'q', 'n2'];
    const placed: number[] = [];
    for (const d of stream) placed.push((await c.place(d)).story);
    const final = placed.map((s) => c.resolve(s));
    expect(scoreClustering(gold, final).nmi).toBe(1);
  });

  it('gives the same answer for the same stream (deterministic)', async () => {
    const run = async () => {
      const c = new StoryClusterer();
      const out: number[] = [];
      for (const d of [...QUAKE, ...ELECTION]) out.push((await c.place(d)).story);
      return out;
    };
    expect(await run()).toEqual(await run());
  });

  it('an article outside the time window starts a new story', async () => {
    const c = new StoryClusterer({ windowMs: 3 * 24 * 3600_000 });
    const t0 = Date.parse('2025-01-01T00:00:00Z');
    const a = (await c.place({ ...QUAKE[0]!, published: t0 }));
    const b = (await c.place({ ...QUAKE[1]!, published: t0 + 3600_000 }));
    const late = (await c.place({ ...QUAKE[2]!, published: t0 + 10 * 24 * 3600_000 }));
    expect(b.story).toBe(a.story);
    expect(late.story).not.toBe(a.story);
    expect(late.created).toBe(true);
  });

  it('handles pre-stemmed, stop-word-free research text', async () => {
    const c = new StoryClusterer();
    const s1 = (await c.place({ text: 'chile earthquak magnitud tsunami warn antofagasta coast' })).story;
    const s2 = (await c.place({ text: 'tsunami warn lift chile earthquak antofagasta' })).story;
    const s3 = (await c.place({ text: 'portug elect prime minist second term vote' })).story;
    expect(c.resolve(s2)).toBe(c.resolve(s1));
    expect(c.resolve(s3)).not.toBe(c.resolve(s1));
  });
});

describe('scoreClustering', () => {
  it('scores a perfect and a one-cluster labelling', () => {
    expect(scoreClustering([1, 1, 2, 2], ['a', 'a', 'b', 'b'])).toMatchObject({ nmi: 1, bcubedF1: 1, homogeneity: 1, completeness: 1 });
    const one = scoreClustering([1, 1, 2, 2], [0, 0, 0, 0]);
    expect(one.nmi).toBe(0);
    expect(one.bcubedRecall).toBe(1);
    expect(one.bcubedPrecision).toBe(0.5);
  });
});

describe('topTerms', () => {
  it('gives the n heaviest terms as sorting them all would, ties in code-unit order', () => {
    let seed = 5;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const sorted = (v: Map<string, number>, n: number) =>
      [...v].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([t]) => t);
    for (let k = 0; k < 200; k++) {
      const v = new Map<string, number>();
      const size = Math.floor(next() * 200);
      // Weights from a few values: many ties.
      while (v.size < size) v.set(`t${Math.floor(next() * 1000)}`, Math.floor(next() * 8) / 4);
      for (const n of [0, 1, 12, 32, 500]) expect(topTerms(v, n)).toEqual(sorted(v, n));
    }
  });
});

describe('countTextAndTitle', () => {
  it('counts as countTerms of the text with its title and of the title alone, in the same order', () => {
    const o = DEFAULT_CLUSTER_OPTIONS;
    const texts = [...unrelatedNews(), { title: '', text: 'No title: U.S. talks on 115,000 jobs.' }, { title: 'U.S. jobs, U.S. jobs', text: '' }];
    for (const t of texts) {
      const both = countTextAndTitle(t, o);
      // toEqual on Maps ignores their order; the entries' order is compared too (it orders ties downstream).
      expect([...both.text]).toEqual([...countTerms({ title: t.title, text: t.text }, o)]);
      expect([...both.title]).toEqual([...countTerms({ text: t.title }, o)]);
    }
  });
});
