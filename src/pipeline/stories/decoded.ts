// Decoded story states kept between placements. Decoding a candidate's centroid (JSON) was the largest
// single cost of placeVersion against a store (~1.4 ms of ~7 per article with 10k stored: up to 32
// candidates each, mostly the same active stories again and again). An entry is used only while the
// stored bytes are exactly the ones it was decoded from, so a story changed by another worker, process
// or a rolled-back transaction is decoded afresh; and every caller gets its own copy of the centroid,
// so changing a story never changes the cache.
import type { StoryState } from '../../store/ports/articles.ts';
import { decodeStory, type StoredStory } from './state.ts';

/** Entries kept (the most recently used): about the stories active in one window at a busy site. */
const MAX_ENTRIES = 2048;

interface Entry {
  bytes: Uint8Array;
  lastSeen: string;
  story: StoredStory;
}

const cache = new Map<number, Entry>();

export function decodeStoryCached(state: StoryState): StoredStory | null {
  const id = state.storyId as number;
  const hit = cache.get(id);
  if (hit && hit.lastSeen === state.lastSeen && Buffer.compare(hit.bytes, state.centroid) === 0) {
    cache.delete(id); // refresh its place in the eviction order
    cache.set(id, hit);
    return copy(hit.story);
  }
  const story = decodeStory(state);
  if (!story) return null;
  cache.set(id, { bytes: state.centroid, lastSeen: state.lastSeen, story: copy(story) });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return story;
}

// The centroid is the only part changed in place (addToCentroid); the title vector is replaced, not edited.
const copy = (s: StoredStory): StoredStory => ({ ...s, centroid: new Map(s.centroid) });
