// Decoded story states kept between placements. Decoding a candidate's centroid (JSON) was the largest
// single cost of placeVersion against a store (~1.4 ms of ~7 per article with 10k stored: up to 32
// candidates each, mostly the same active stories again and again). An entry is used only while the
// stored bytes are exactly the ones it was decoded from, so a story changed by another worker, process
// or a rolled-back transaction is decoded afresh. Callers share the cached story read-only (its type
// says so) and copy the one story they change with `editable`: copying all 32 candidates' centroids on
// every placement cost more than the decoding it saved.
import type { StoryState } from '../../domain/pipeline.ts';
import type { SharedStory, StoredStory } from '../../domain/placement.ts';
import { decodeStory } from './state.ts';

export type { SharedStory };

/** Entries kept (the most recently used): about the stories active in one window at a busy site. */
const MAX_ENTRIES = 2048;

interface Entry {
  bytes: Uint8Array;
  lastSeen: string;
  story: SharedStory;
}

const cache = new Map<number, Entry>();

export function decodeStoryCached(state: StoryState): SharedStory | null {
  const id = state.storyId as number;
  const hit = cache.get(id);
  if (hit && hit.lastSeen === state.lastSeen && Buffer.compare(hit.bytes, state.centroid) === 0) {
    cache.delete(id); // refresh its place in the eviction order
    cache.set(id, hit);
    return hit.story;
  }
  const story = decodeStory(state);
  if (!story) return null;
  cache.set(id, { bytes: state.centroid, lastSeen: state.lastSeen, story });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return story;
}

/** A copy of a shared story that may be changed; the centroid is the only part edited in place (addToCentroid). */
export const editable = (s: SharedStory): StoredStory => ({ ...s, centroid: new Map(s.centroid) });
