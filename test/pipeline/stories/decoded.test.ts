// The decoded-story cache answers exactly what decoding would, and changing an editable copy never
// changes what the cache answers next.
import { describe, expect, it } from 'vitest';
import { decodeStoryCached, editable } from '../../../src/pipeline/stories/decoded.ts';
import { decodeStory, encodeStory, type StoredStory } from '../../../src/pipeline/stories/state.ts';

const story = (id: number, weight: number): StoredStory => ({
  id, centroid: new Map([['harbour', weight], ['strike', 1]]), norm: 0, articles: 2, firstSeen: 1, lastSeen: 2,
  titleVector: new Map([['harbour', 1]]), titleScore: 0.5,
});

describe('decodeStoryCached', () => {
  it('returns what decodeStory returns; an editable copy can change without changing the cache', () => {
    const state = encodeStory(story(9001, 2));
    const a = decodeStoryCached(state)!;
    expect(a).toEqual(decodeStory(state));
    const e = editable(a);
    e.centroid.set('harbour', 100);
    e.articles = 50;
    const b = decodeStoryCached(state)!;
    expect(b).toEqual(decodeStory(state));
    expect(b.centroid.get('harbour')).toBe(2);
  });

  it('decodes afresh when the stored bytes change', () => {
    decodeStoryCached(encodeStory(story(9002, 2)));
    const changed = encodeStory(story(9002, 3));
    expect(decodeStoryCached(changed)!.centroid.get('harbour')).toBe(3);
  });

  it('passes undecodable states through as null', () => {
    expect(decodeStoryCached({ storyId: 9003 as never, terms: [], centroid: new Uint8Array([1]), lastSeen: new Date(0).toISOString() })).toBeNull();
  });
});
