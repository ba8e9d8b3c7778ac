// The store's document frequencies (term_stats, shared by every process on the store) as this process
// knows them, one cache per store.
//
// Why a cache: every placement weighs its ~200 distinct terms. Reading their counts and upserting them
// again for each article was a fifth of a placement's cost at 100k stored. Now a count read in the last
// READ_TTL_MS is trusted, with this process's own additions applied on top. This process's additions
// are written in batches, at most FLUSH_ARTICLES articles or FLUSH_MS apart. Another process sees them
// that much later. One process alone weighs exactly as before: its counts are the store's plus its own.
//
// Other processes' articles are what a cached count misses. On a large store a minute of them moves no
// IDF, but on a young one it can: so every cached count is read again once other processes have added
// more than OTHERS_SHARE of the store's articles since the counts were read. (The 1,519 stories four
// processes made of 4,935 articles, against 2,166 for one, came from batches lost on PostgreSQL: see
// outsideTransactions below; on the bench this rule alone moved nothing measurable.)
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TermBatch, TermWeights } from '../../domain/placement.ts';
import { smoothedIdf } from './vector.ts';
import { perStore } from '../per-store.ts';

/** How long a count read from the store is trusted. */
const READ_TTL_MS = 60_000;
/** This process's additions are written once this many articles are pending… */
const FLUSH_ARTICLES = 32;
/** …or this long after the first of them. */
const FLUSH_MS = 2_000;
/** Other processes' share of the store's articles, added since the cached counts were read, that makes them all stale. */
const OTHERS_SHARE = 1 / 16;
/**
 * Runs a function in the context of this module's loading, outside any store transaction. A timer takes
 * the context it was set in, and count() is called inside a placement's transaction: a batch written from
 * that timer went to a transaction that had ended, and on PostgreSQL was silently never written.
 */
const outsideTransactions = AsyncLocalStorage.snapshot();
/** Past this many cached terms the cache starts afresh (memory stays bounded on long runs). */
const MAX_TERMS = 300_000;

/** Where the counts live: the store's term_stats (a reader that never counts needs no addTermDocs). */
export interface TermStatsStore {
  termDocs(terms: string[]): Promise<{ docs: number; counts: Map<string, number> }>;
  addTermDocs?(batch: TermBatch): Promise<void>;
}

/**
 * What this process knows of one term. One record rather than a Map each for the count, the pending
 * addition and the read time: a placement weighs ~200 terms, and six Map look-ups per term over maps of
 * 100k+ terms were a measurable part of its CPU.
 */
interface TermRecord {
  readonly term: string;
  /** The store's count as last read, with this process's additions on top (0: none known). */
  docs: number;
  /** This process's additions not yet handed to a write. */
  pending: number;
  /** When `docs` was read from the store: trusted only while `readGeneration` is the current one. */
  readAt: number;
  readGeneration: number;
  /** The last count() that counted it (an article counts a term once). */
  countedBy: number;
}

export class SharedTermStats implements TermWeights {
  private records = new Map<string, TermRecord>();
  /** Bumped to make every read time stale at once (the old ones are then of an older generation). */
  private generation = 0;
  /** Terms with a read time of the current generation (what MAX_TERMS bounds). */
  private readTerms = 0;
  /** Records with a pending addition, in the order their first one came (the batch's order). */
  private pendingRecords: TermRecord[] = [];
  private pendingDocs = 0;
  private counts = 0;
  /** The number of texts the weights are of: the store's as last read, with this process's on top. */
  docs = 0;
  /** This process's articles in the store's counts: written, or being written. */
  private writtenDocs = 0;
  /** The store's articles from other processes when the cached counts were read (null: none read yet). */
  private othersAtRead: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly store: TermStatsStore, private readonly now: () => number = Date.now) {}

  /** Of `terms`, those whose count must be read from the store before they are weighed. */
  stale(terms: Iterable<string>): string[] {
    const t = this.now();
    const out: string[] = [];
    for (const term of terms) {
      const r = this.records.get(term);
      if (!r || r.readGeneration !== this.generation || t - r.readAt > READ_TTL_MS) out.push(term);
    }
    return out;
  }

  /** Takes counts read from the store for `terms`, with this process's unwritten additions on top. */
  learn(read: { docs: number; counts: ReadonlyMap<string, number> }, terms: readonly string[]): void {
    if (this.readTerms + terms.length > MAX_TERMS) this.forget();
    const learnt: TermRecord[] = [];
    for (const term of terms) {
      const r = this.record(term);
      r.docs = (read.counts.get(term) ?? 0) + r.pending;
      learnt.push(r);
    }
    this.docs = read.docs + this.pendingDocs;
    const others = read.docs - this.writtenDocs;
    if (this.othersAtRead === null) this.othersAtRead = others;
    else if (others - this.othersAtRead > read.docs * OTHERS_SHARE) {
      this.generation++;
      this.readTerms = 0;
      this.othersAtRead = others;
    }
    const t = this.now();
    for (const r of learnt) {
      if (r.readGeneration !== this.generation) {
        r.readGeneration = this.generation;
        this.readTerms++;
      }
      r.readAt = t;
    }
  }

  idf(term: string): number {
    return smoothedIdf(this.docs, this.records.get(term)?.docs ?? 0);
  }

  /** Weights current for `terms`: their stale counts read first. */
  async weigh(terms: readonly string[]): Promise<TermWeights> {
    const stale = this.stale(terms);
    if (stale.length) this.learn(await this.store.termDocs(stale), stale);
    return this;
  }

  /** Counts one more article holding `terms` (each once) here at once, and in the store with the next batch. */
  count(terms: readonly string[]): void {
    const mark = ++this.counts;
    for (const term of terms) {
      if (term === '') continue;
      const r = this.record(term);
      if (r.countedBy === mark) continue;
      r.countedBy = mark;
      r.docs++;
      if (r.pending++ === 0) this.pendingRecords.push(r);
    }
    this.docs++;
    this.pendingDocs++;
    if (!this.timer) {
      // A failed write is kept and tried again with the next batch.
      this.timer = outsideTransactions(() => setTimeout(() => void this.flush().catch(() => {}), FLUSH_MS));
      this.timer.unref?.();
    }
  }

  /** True when the pending batch should be written now. */
  get due(): boolean {
    return this.pendingDocs >= FLUSH_ARTICLES;
  }

  /**
   * Writes the pending additions to the store. A batch that fails to write is kept for the next flush
   * (the counts are statistics: late is fine, lost would skew them).
   */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pendingDocs === 0) return this.flushing;
    const counts = new Map<string, number>();
    for (const r of this.pendingRecords) {
      counts.set(r.term, r.pending);
      r.pending = 0;
    }
    const batch: TermBatch = { docs: this.pendingDocs, counts };
    this.pendingRecords = [];
    this.pendingDocs = 0;
    // Counted as written before it is, so that a read racing the write never takes this batch for others'.
    this.writtenDocs += batch.docs;
    const write = this.flushing.then(() => this.store.addTermDocs?.(batch));
    this.flushing = write.catch(() => {
      for (const [term, n] of counts) {
        const r = this.record(term);
        if (r.pending === 0) this.pendingRecords.push(r);
        r.pending += n;
      }
      this.pendingDocs += batch.docs;
      this.writtenDocs -= batch.docs;
    });
    return write;
  }

  private record(term: string): TermRecord {
    let r = this.records.get(term);
    if (!r) this.records.set(term, (r = { term, docs: 0, pending: 0, readAt: 0, readGeneration: -1, countedBy: 0 }));
    return r;
  }

  /** Forgets every count and read time; the pending additions stay, to be written. */
  private forget(): void {
    const kept = new Map<string, TermRecord>();
    for (const r of this.pendingRecords) {
      r.docs = 0;
      r.readGeneration = -1;
      kept.set(r.term, r);
    }
    this.records = kept;
    this.readTerms = 0;
  }
}

/** This process's counts of a store (one per store). */
export const termStatsOf = perStore((store: TermStatsStore) => new SharedTermStats(store));

/** Writes what this process counted and has not written yet (before a process ends, or a reader must see it). */
export async function flushTermStats(store: TermStatsStore): Promise<void> {
  await termStatsOf(store).flush();
}
