// A story's centroid as the store keeps it (StoryState.centroid): compact JSON in UTF-8, opaque to the store.
import type { StoryState } from '../../domain/pipeline.ts';
import type { StoryId } from '../../domain/types.ts';
import type { StoredStory } from '../../domain/placement.ts';
import { topTerms } from './cluster.ts';

export type { StoredStory };

interface Wire {
  v: 1;
  n: number;
  f: number | null;
  l: number | null;
  c: [string, number][];
  tv: [string, number][];
  ts: number;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

// One of each for every story encoded or decoded: a placement encodes one and may decode several.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Terms a story is indexed under: more than an article looks up with, so topic-level lookups find it too. */
export const STORY_INDEX_TERMS = 32;

const toWire = (s: StoredStory): Wire => ({
  v: 1, n: s.articles, f: s.firstSeen, l: s.lastSeen,
  c: [...s.centroid].map(([t, w]) => [t, round(w)]),
  tv: [...s.titleVector].map(([t, w]) => [t, round(w)]),
  ts: round(s.titleScore),
});

function fromWire(w: Wire, id: number, lastSeen: string): StoredStory {
  const centroid = new Map(w.c);
  let n = 0;
  for (const x of centroid.values()) n += x * x;
  return {
    id, centroid, norm: Math.sqrt(n), articles: w.n, firstSeen: w.f, lastSeen: w.l ?? Date.parse(lastSeen),
    titleVector: new Map(w.tv ?? []), titleScore: w.ts ?? 0,
  };
}

export function encodeStory(s: StoredStory, indexTerms = STORY_INDEX_TERMS): StoryState {
  return encodeStoredStory(s, indexTerms).state;
}

/**
 * The state to save, and the story as decodeStory gives that state back (weights rounded as stored),
 * from the same wire form without parsing it again: a story must weigh the same whether a process saved
 * it or read it.
 */
export function encodeStoredStory(s: StoredStory, indexTerms = STORY_INDEX_TERMS): { state: StoryState; stored: StoredStory } {
  const wire = toWire(s);
  const lastSeen = new Date(s.lastSeen ?? Date.now()).toISOString();
  return {
    state: { storyId: s.id as StoryId, terms: topTerms(s.centroid, indexTerms), centroid: encoder.encode(JSON.stringify(wire)), lastSeen },
    stored: fromWire(wire, s.id, lastSeen),
  };
}

export function decodeStory(state: StoryState): StoredStory | null {
  try {
    const w = JSON.parse(decoder.decode(state.centroid)) as Wire;
    if (w.v !== 1 || !Array.isArray(w.c)) return null;
    return fromWire(w, state.storyId as number, state.lastSeen);
  } catch {
    return null;
  }
}
