import { describe, expect, it } from 'vitest';
import { PostingTable } from '../../../src/pipeline/dedup/postings.ts';

function read(t: PostingTable, key: number, limit = Infinity): number[] {
  const out: number[] = [];
  t.forEach(key, limit, (id) => out.push(id));
  return out;
}

describe('PostingTable', () => {
  it('returns ids newest first, up to the limit, and nothing for an unknown key', () => {
    const t = new PostingTable(4, 1);
    for (let id = 0; id < 20; id++) t.add(7, id);
    t.add(8, 100);
    expect(read(t, 7)).toEqual([...Array(20).keys()].reverse());
    expect(read(t, 7, 9)).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11]);
    expect(read(t, 8)).toEqual([100]);
    expect(read(t, 9)).toEqual([]);
    expect(t.postings).toBe(21);
  });

  it('agrees with a Map over many keys (multiples of 8, 0 and above 2^31) through growth', () => {
    const t = new PostingTable(4, 1);
    const ref = new Map<number, number[]>();
    let seed = 1;
    const rand = () => ((seed = Math.imul(seed, 1103515245) + 12345 >>> 0) / 2 ** 32);
    const keys = [0, 0xfffffff8, 2 ** 31];
    for (let i = 0; i < 3000; i++) keys.push(Math.floor(rand() * 2 ** 29) * 8);
    for (let id = 0; id < 20_000; id++) {
      // Skewed: a few keys get many ids (boilerplate anchors), most get one or two.
      const key = keys[rand() < 0.3 ? Math.floor(rand() * 5) : Math.floor(rand() * keys.length)]!;
      t.add(key, id);
      const list = ref.get(key) ?? [];
      list.unshift(id);
      ref.set(key, list);
    }
    for (const key of keys) {
      expect(read(t, key)).toEqual(ref.get(key) ?? []);
      expect(read(t, key, 48)).toEqual((ref.get(key) ?? []).slice(0, 48));
    }
  });
});
