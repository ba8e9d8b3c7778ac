// Decoded story states kept between placements. Decoding a candidate's centroid (JSON) was the largest
// single cost of placeVersion against a store (~1.4 ms of ~7 per article with 10k stored: up to 32
// candidates each, mostly the same active stories again and again), and reading the centroids out of the
// store the next one. An entry is used only while the stored state is the one it was decoded from: the
// same stamp (a random number each save writes, StoryState.stamp), or for unstamped states the same
// bytes. So a story changed by another worker, process or a rolled-back transaction is read afresh, and
// a placement's own saves are remembered (`rememberStory`) so the next placement need not read them.
// Callers share the cached story read-only (its type says so) and copy the one story they change with
// `editable`: copying all 32 candidates' centroids on every placement cost more than the decoding it saved.
import type { StoryStamp, StoryState } from '../../domain/pipeline.ts';
import type { SharedStory, StoredStory } from '../../domain/placement.ts';
import { decodeStory } from './state.ts';
import { packed } from './scores.ts';

export type { SharedStory };

/**
 * Entries kept (the most recently used): the stories active in one window at a busy site. At ~3,000
 * articles a day over a 3-day window a store holds ~6,000 such stories; with 2,048 entries about one
 * candidate per placement had been evicted and was read and decoded again.
 */
const MAX_ENTRIES = 8192;

interface Entry {
  /** Null for an entry remembered from a save: it is found by its stamp alone. */
  bytes: Uint8Array | null;
  lastSeen: string;
  stamp: number | null;
  story: SharedStory;
  /** `moves` when the entry last went to the young end. */
  movedAt: number;
}

const cache = new Map<number, Entry>();
/** Entries put at the young end of the eviction order so far. */
let moves = 0;

function keep(id: number, entry: Entry): void {
  cache.delete(id); // (re)insert at the young end of the eviction order
  cache.set(id, entry);
  entry.movedAt = ++moves;
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
}

/**
 * A cached entry was used. Moving it to the young end on every use cost a delete and an insert in a Map of
 * 8,192 for each of a placement's 32 candidates. An entry moved fewer than half the cache's size of moves
 * ago has fewer younger entries than that, so it stays: a used entry still outlives at least half the
 * cache's size of later moves, and the entries used most are never evicted.
 */
function used(id: number, entry: Entry): void {
  if (moves - entry.movedAt >= MAX_ENTRIES / 2) keep(id, entry);
}

/** The cached story whose stored state carries `ref.stamp`, or null: then the state must be read. */
export function cachedStory(ref: StoryStamp): SharedStory | null {
  const hit = cache.get(ref.storyId as number);
  if (!hit || ref.stamp === null || hit.stamp !== ref.stamp) return null;
  used(ref.storyId as number, hit);
  return hit.story;
}

/**
 * Remembers a story just saved with `state` (stamped), as `stored`: its stored form from encodeStoredStory,
 * a copy the saver's later changes do not reach, weighing what a process that reads the state would weigh.
 */
export function rememberStory(state: StoryState, stored: StoredStory): void {
  if (state.stamp === null || state.stamp === undefined) return;
  keep(state.storyId as number, { bytes: null, lastSeen: state.lastSeen, stamp: state.stamp, story: stored, movedAt: 0 });
  packed(stored.centroid);
}

/** A new random stamp for a save (53 bits: two saves of one story never share one in practice). */
export const newStamp = (): number => Math.floor(Math.random() * Number.MAX_SAFE_INTEGER);

export function decodeStoryCached(state: StoryState): SharedStory | null {
  const id = state.storyId as number;
  const stamp = state.stamp ?? null;
  const hit = cache.get(id);
  const same = hit && (stamp !== null
    ? hit.stamp === stamp
    : hit.stamp === null && hit.bytes !== null && hit.lastSeen === state.lastSeen && Buffer.compare(hit.bytes, state.centroid) === 0);
  if (same) {
    used(id, hit);
    return hit.story;
  }
  const story = decodeStory(state);
  if (!story) return null;
  packed(story.centroid);
  // A stamped entry is found by its stamp: holding its bytes too would only cost memory.
  keep(id, { bytes: stamp === null ? state.centroid : null, lastSeen: state.lastSeen, stamp, story, movedAt: 0 });
  return story;
}

/** A copy of a shared story that may be changed; the centroid is the only part edited in place (addToCentroid). */
export const editable = (s: SharedStory): StoredStory => ({ ...s, centroid: new Map(s.centroid) });

/** The cache as it stands, and putting it back: for a bench that places the same articles into two copies of one store. */
export function snapshotStoryCache(): () => void {
  const saved = [...cache].map(([id, e]) => ({ id, e, movedAt: e.movedAt }));
  const savedMoves = moves;
  return () => {
    cache.clear();
    for (const { id, e, movedAt } of saved) {
      e.movedAt = movedAt;
      cache.set(id, e);
    }
    moves = savedMoves;
  };
}
