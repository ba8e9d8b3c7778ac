// The story maths of placement: term vectors, centroids, similarity and the join threshold.
//
// Each story keeps a centroid: the sum of its articles' TF-IDF vectors. A new article is compared with
// the stories found through an index of story terms, restricted to stories active within the time
// window, so its cost does not grow with the corpus. It joins the most similar story when the
// similarity clears a threshold, else it starts a story. When a story's centroid comes to resemble
// another candidate's closely, the two are merged (a story that turned out to be the same event).
// The algorithm itself is placement.ts; its indexes are memory-index.ts and store-index.ts.
import type { StoryModel, TermWeights } from '../../domain/placement.ts';
import { storyTerms } from './terms.ts';
import { documentVector, termCounts, type TermVector } from './vector.ts';

export interface ClusterOptions {
  /** Cosine to a story centroid needed to join it, for a short text (≤ shortTerms distinct terms). */
  joinThreshold: number;
  /**
   * The threshold for a long text (≥ longTerms distinct terms); in between it is interpolated. Long
   * articles on one topic share many weighted words even when they report different events, while two
   * headlines of one event may share only three: one cosine cut cannot serve both.
   */
  longJoinThreshold: number;
  shortTerms: number;
  longTerms: number;
  /** Cosine between two centroids at which they are merged. */
  mergeThreshold: number;
  /** A story stops taking articles when its last article is older than this (ms). */
  windowMs: number;
  /** Terms of a document used for candidate lookup. */
  lookupTerms: number;
  /** Terms kept per document vector. */
  vectorTerms: number;
  /** Terms kept per story centroid. */
  centroidTerms: number;
  /** Stories kept per index term (the most recently active). */
  storiesPerTerm: number;
  /** Weight of title words relative to body words. */
  titleWeight: number;
  /**
   * An article does not join, and stories do not merge with, a story about another country (where.ts):
   * two short reports of one kind of event in two countries share most of their weighted words.
   */
  checkWhere: boolean;
  /**
   * An article does not join a story on place names alone: a narrow join mostly on places needs a word of
   * its headline in the story (what.ts).
   */
  checkWhat: boolean;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  joinThreshold: 0.15,
  longJoinThreshold: 0.3,
  shortTerms: 25,
  longTerms: 60,
  mergeThreshold: 0.5,
  windowMs: 3 * 24 * 3600 * 1000,
  lookupTerms: 12,
  vectorTerms: 60,
  centroidTerms: 120,
  storiesPerTerm: 48,
  titleWeight: 2,
  checkWhere: true,
  checkWhat: true,
};

export type { StoryModel };

export interface ClusterInput {
  title?: string | null;
  text: string;
  /** Milliseconds since the epoch; null = undated (no time window applies). */
  published?: number | null;
}

/** The TF-IDF vector of a text, weighed by `weights`. */
export function vectorOf(input: ClusterInput, weights: TermWeights, opts: ClusterOptions): TermVector {
  return documentVector(countTerms(input, opts), (t) => weights.idf(t), opts.vectorTerms);
}

/** The term counts of a text (the costly, pure part of vectorOf: tokenising and stemming). */
export function countTerms(input: ClusterInput, opts: ClusterOptions): Map<string, number> {
  const body = storyTerms(input.text);
  const title = input.title ? storyTerms(input.title) : [];
  return termCounts(body, title, opts.titleWeight);
}

/**
 * What placement counts of a text: the counts of the text with its title (countTerms) and of the title alone,
 * the title tokenised once for both.
 */
export function countTextAndTitle(input: { title: string; text: string }, opts: ClusterOptions): { text: Map<string, number>; title: Map<string, number> } {
  const title = input.title ? storyTerms(input.title) : [];
  return { text: termCounts(storyTerms(input.text), title, opts.titleWeight), title: termCounts(title) };
}

/** Adds `v` into the centroid and trims it to its heaviest terms. */
export function addToCentroid(s: StoryModel, v: ReadonlyMap<string, number>, maxTerms: number): void {
  const c = s.centroid;
  v.forEach((w, t) => c.set(t, (c.get(t) ?? 0) + w));
  if (s.centroid.size > maxTerms * 1.5) {
    const kept = [...s.centroid].sort((a, b) => b[1] - a[1]).slice(0, maxTerms);
    s.centroid = new Map(kept);
  }
  let n = 0;
  s.centroid.forEach((w) => { n += w * w; });
  s.norm = Math.sqrt(n);
}

// forEach rather than for..of over entries: no [term, weight] array per entry in the hot loops.
/** The join threshold for a document vector of `terms` distinct terms. */
export function joinThresholdFor(terms: number, o: ClusterOptions): number {
  const f = Math.min(1, Math.max(0, (terms - o.shortTerms) / Math.max(1, o.longTerms - o.shortTerms)));
  return o.joinThreshold + f * (o.longJoinThreshold - o.joinThreshold);
}

/** What similarity reads of a story: a centroid that may be shared, never written here. */
export interface CentroidView {
  readonly centroid: ReadonlyMap<string, number>;
  readonly norm: number;
}

export function similarity(v: TermVector, s: CentroidView): number {
  if (!s.norm) return 0;
  let d = 0;
  const c = s.centroid;
  v.forEach((w, t) => {
    const x = c.get(t);
    if (x !== undefined) d += w * x;
  });
  return d / s.norm;
}

export function centroidSimilarity(a: CentroidView, b: CentroidView): number {
  if (!a.norm || !b.norm) return 0;
  const [s, l] = a.centroid.size <= b.centroid.size ? [a, b] : [b, a];
  let d = 0;
  const lc = l.centroid;
  s.centroid.forEach((w, t) => {
    const c = lc.get(t);
    if (c !== undefined) d += w * c;
  });
  return d / (a.norm * b.norm);
}

/** The `n` heaviest terms of `v`, heaviest first (of equal weights, the first in code-unit order). */
export function topTerms(v: ReadonlyMap<string, number>, n: number): string[] {
  if (n <= 0) return [];
  // Kept in order as the terms go by: most are turned away by the last one kept, where sorting every
  // term (a saved centroid's ~150 for its 32 index terms) cost more.
  const terms: string[] = [];
  const weights: number[] = [];
  v.forEach((w, t) => {
    if (terms.length === n && !heavier(t, w, terms[n - 1]!, weights[n - 1]!)) return;
    let i = terms.length < n ? terms.length : n - 1;
    for (; i > 0 && heavier(t, w, terms[i - 1]!, weights[i - 1]!); i--) {
      terms[i] = terms[i - 1]!;
      weights[i] = weights[i - 1]!;
    }
    terms[i] = t;
    weights[i] = w;
  });
  return terms;
}

const heavier = (t: string, w: number, than: string, thanW: number): boolean => w > thanW || (w === thanW && t < than);
