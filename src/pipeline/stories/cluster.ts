// Online, single-pass story clustering held in memory (for `lede cluster`, the bench and tests).
//
// Each story keeps a centroid: the sum of its articles' TF-IDF vectors. A new article is compared with
// the stories found through an inverted index of story terms, restricted to stories active within the
// time window, so its cost does not grow with the corpus. It joins the most similar story when the
// similarity clears a threshold, else it starts a story. When a story's centroid comes to resemble
// another candidate's closely, the two are merged (a story that turned out to be the same event).
import { storyTerms } from './terms.ts';
import { DocumentFrequencies, documentVector, termCounts, type TermVector } from './vector.ts';

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
};

export interface StoryModel {
  id: number;
  centroid: TermVector;
  norm: number;
  articles: number;
  firstSeen: number | null;
  lastSeen: number | null;
}

export interface ClusterInput {
  title?: string | null;
  text: string;
  /** Milliseconds since the epoch; null = undated (no time window applies). */
  published?: number | null;
}

export interface ClusterPlacement {
  story: number;
  created: boolean;
  similarity: number;
  /** Stories merged into `story` by this placement. */
  merged: number[];
}

export function vectorOf(input: ClusterInput, df: DocumentFrequencies, opts: ClusterOptions, learn: boolean): TermVector {
  return vectorOfCounts(countTerms(input, opts), df, opts, learn);
}

/** The term counts of a text (the costly, pure part of vectorOf: tokenising and stemming). */
export function countTerms(input: ClusterInput, opts: ClusterOptions): Map<string, number> {
  const body = storyTerms(input.text);
  const title = input.title ? storyTerms(input.title) : [];
  return termCounts(body, title, opts.titleWeight);
}

/** The TF-IDF vector of counted terms; `learn` first counts the text in the document frequencies. */
export function vectorOfCounts(counts: Map<string, number>, df: DocumentFrequencies, opts: ClusterOptions, learn: boolean): TermVector {
  if (learn) df.add(counts.keys());
  return documentVector(counts, (t) => df.idf(t), opts.vectorTerms);
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

export function topTerms(v: ReadonlyMap<string, number>, n: number): string[] {
  return [...v].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([t]) => t);
}

const MERGE_CHECKS = 4;
const MAX_CANDIDATES = 16;

export class StoryClusterer {
  readonly opts: ClusterOptions;
  readonly df = new DocumentFrequencies();
  private stories = new Map<number, StoryModel>();
  private postings = new Map<string, number[]>();
  private nextId = 0;
  /** Merged story → the story it went into. */
  private mergedInto = new Map<number, number>();
  private placed = 0;

  constructor(opts: Partial<ClusterOptions> = {}) {
    this.opts = { ...DEFAULT_CLUSTER_OPTIONS, ...opts };
  }

  get storyCount(): number {
    return this.stories.size;
  }

  /** The story a (possibly merged) story id now lives in. */
  resolve(id: number): number {
    let r = id;
    for (let next = this.mergedInto.get(r); next !== undefined; next = this.mergedInto.get(r)) r = next;
    return r;
  }

  place(input: ClusterInput): ClusterPlacement {
    const o = this.opts;
    const at = input.published ?? null;
    const v = vectorOf(input, this.df, o, true);
    if (++this.placed % 50_000 === 0) this.evict(at);
    const candidates = this.candidates(v, at);
    let best: StoryModel | null = null;
    let bestSim = 0;
    const near: [StoryModel, number][] = [];
    for (const s of candidates) {
      const sim = similarity(v, s);
      if (sim > bestSim) { bestSim = sim; best = s; }
      if (sim >= o.joinThreshold * 0.5) near.push([s, sim]);
    }
    let created = false;
    if (!best || bestSim < joinThresholdFor(v.size, o)) {
      best = { id: this.nextId++, centroid: new Map(), norm: 0, articles: 0, firstSeen: at, lastSeen: at };
      this.stories.set(best.id, best);
      created = true;
    }
    let target: StoryModel = best;
    addToCentroid(target, v, o.centroidTerms);
    target.articles++;
    if (at !== null) {
      target.lastSeen = target.lastSeen === null ? at : Math.max(target.lastSeen, at);
      target.firstSeen = target.firstSeen === null ? at : Math.min(target.firstSeen, at);
    }
    this.index(target.id, topTerms(v, o.lookupTerms));
    const merged: number[] = [];
    // Only stories the article itself resembles can turn out to be the same event.
    near.sort((a, b) => b[1] - a[1]);
    for (const [c] of near.slice(0, MERGE_CHECKS)) {
      if (c === target || !this.stories.has(c.id)) continue;
      if (centroidSimilarity(target, c) >= o.mergeThreshold) {
        const [into, from]: StoryModel[] = target.articles >= c.articles ? [target, c] : [c, target];
        this.merge(into!, from!);
        merged.push(from!.id);
        target = into!;
      }
    }
    return { story: target.id, created, similarity: bestSim, merged };
  }

  /**
   * Stories sharing the article's heaviest terms, active within the window; only the MAX_CANDIDATES with
   * the most term weight in common are scored in full, which bounds the cost per article.
   */
  private candidates(v: TermVector, at: number | null): StoryModel[] {
    const hits = new Map<number, number>();
    for (const t of topTerms(v, this.opts.lookupTerms)) {
      const list = this.postings.get(t);
      if (!list) continue;
      const w = v.get(t)!;
      for (const id of list) hits.set(id, (hits.get(id) ?? 0) + w);
    }
    const ranked = [...hits].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
    const out: StoryModel[] = [];
    for (const [id] of ranked) {
      const s = this.stories.get(id);
      if (!s) continue;
      if (at !== null && s.lastSeen !== null && at - s.lastSeen > this.opts.windowMs) continue;
      out.push(s);
      if (out.length >= MAX_CANDIDATES) break;
    }
    return out;
  }

  private index(id: number, terms: string[]): void {
    for (const t of terms) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = []));
      const i = list.indexOf(id);
      if (i >= 0) list.splice(i, 1);
      list.unshift(id);
      if (list.length > this.opts.storiesPerTerm) list.length = this.opts.storiesPerTerm;
    }
  }

  private merge(into: StoryModel, from: StoryModel): void {
    addToCentroid(into, from.centroid, this.opts.centroidTerms);
    into.articles += from.articles;
    if (from.firstSeen !== null) into.firstSeen = into.firstSeen === null ? from.firstSeen : Math.min(into.firstSeen, from.firstSeen);
    if (from.lastSeen !== null) into.lastSeen = into.lastSeen === null ? from.lastSeen : Math.max(into.lastSeen, from.lastSeen);
    this.stories.delete(from.id);
    this.mergedInto.set(from.id, into.id);
    this.index(into.id, topTerms(into.centroid, this.opts.lookupTerms));
  }

  /** Forgets stories that left the window, so memory stays flat on an endless stream. */
  private evict(now: number | null): void {
    if (now === null) return;
    for (const [id, s] of this.stories) {
      if (s.lastSeen !== null && now - s.lastSeen > 2 * this.opts.windowMs) this.stories.delete(id);
    }
    for (const [t, list] of this.postings) {
      const kept = list.filter((id) => this.stories.has(id));
      if (kept.length) this.postings.set(t, kept); else this.postings.delete(t);
    }
    if (this.df.docs > 200_000) this.df.decay();
  }
}
