// The decoded-story cache answers exactly what decoding would, and changing an editable copy never
// changes what the cache answers next.
import { describe, expect, it } from 'vitest';
import { cachedStory, decodeStoryCached, editable, newStamp, rememberStory } from '../../../src/pipeline/stories/decoded.ts';
import { decodeStory, encodeStoredStory, encodeStory, type StoredStory } from '../../../src/pipeline/stories/state.ts';

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

  it('a stamped state is found by its stamp: the same stamp hits, any other is read afresh', () => {
    const state = { ...encodeStory(story(9004, 2)), stamp: newStamp() };
    expect(cachedStory({ storyId: state.storyId, stamp: state.stamp })).toBeNull(); // never read
    expect(decodeStoryCached(state)).toEqual(decodeStory(state));
    expect(cachedStory({ storyId: state.storyId, stamp: state.stamp })).toEqual(decodeStory(state));
    expect(cachedStory({ storyId: state.storyId, stamp: state.stamp + 1 })).toBeNull(); // saved by someone else since
    expect(cachedStory({ storyId: state.storyId, stamp: null })).toBeNull(); // unstamped: only the bytes can tell
  });

  it('remembers a saved story as a reader of its state would decode it, untouched by the saver\'s later changes', () => {
    const s = story(9005, 1 / 3); // 0.3333…: the stored form rounds it
    const encoded = encodeStoredStory(s);
    const state = { ...encoded.state, stamp: newStamp() };
    rememberStory(state, encoded.stored);
    s.centroid.set('harbour', 100);
    s.articles = 50;
    expect(cachedStory({ storyId: state.storyId, stamp: state.stamp! })).toEqual(decodeStory(state));
  });

  it('passes undecodable states through as null', () => {
    expect(decodeStoryCached({ storyId: 9003 as never, terms: [], centroid: new Uint8Array([1]), lastSeen: new Date(0).toISOString() })).toBeNull();
  });

  it('evicts the stories least used, and keeps one used often however many pass through', () => {
    const remember = (id: number) => {
      const encoded = encodeStoredStory(story(id, 1));
      const state = { ...encoded.state, stamp: id };
      rememberStory(state, encoded.stored);
    };
    const cached = (id: number) => cachedStory({ storyId: id as never, stamp: id }) !== null;
    const first = 100_000;
    for (let i = 0; i < 30_000; i++) {
      remember(first + i);
      if (i % 3000 === 0) expect(cached(first)).toBe(true); // used every 3,000 saves
    }
    expect(cached(first)).toBe(true);
    expect(cached(first + 1)).toBe(false);
    expect(cached(first + 30_000 - 8191)).toBe(true); // the 8,192 newest are all kept
    expect(cached(first + 30_000 - 8193)).toBe(false);
  });
});
