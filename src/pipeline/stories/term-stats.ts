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
import type { TermBatch } from '../../domain/placement.ts';
import { DocumentFrequencies } from './vector.ts';
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

export class SharedTermStats extends DocumentFrequencies {
  private readonly readAt = new Map<string, number>();
  private pending = new Map<string, number>();
  private pendingDocs = 0;
  /** This process's articles in the store's counts: written, or being written. */
  private writtenDocs = 0;
  /** The store's articles from other processes when the cached counts were read (null: none read yet). */
  private othersAtRead: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly store: TermStatsStore, private readonly now: () => number = Date.now) {
    super();
  }

  /** Of `terms`, those whose count must be read from the store before they are weighed. */
  stale(terms: Iterable<string>): string[] {
    const t = this.now();
    const out: string[] = [];
    for (const term of terms) {
      const at = this.readAt.get(term);
      if (at === undefined || t - at > READ_TTL_MS) out.push(term);
    }
    return out;
  }

  /** Takes counts read from the store for `terms`, with this process's unwritten additions on top. */
  learn(read: { docs: number; counts: ReadonlyMap<string, number> }, terms: readonly string[]): void {
    if (this.readAt.size + terms.length > MAX_TERMS) this.forget();
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (read.counts.get(term) ?? 0) + (this.pending.get(term) ?? 0));
    this.seed({ docs: read.docs + this.pendingDocs, counts }, terms);
    const others = read.docs - this.writtenDocs;
    if (this.othersAtRead === null) this.othersAtRead = others;
    else if (others - this.othersAtRead > read.docs * OTHERS_SHARE) {
      this.readAt.clear();
      this.othersAtRead = others;
    }
    const t = this.now();
    for (const term of terms) this.readAt.set(term, t);
  }

  /** Weights current for `terms`: their stale counts read first. */
  async weigh(terms: readonly string[]): Promise<DocumentFrequencies> {
    const stale = this.stale(terms);
    if (stale.length) this.learn(await this.store.termDocs(stale), stale);
    return this;
  }

  /** Counts one more article holding `terms` (each once) here at once, and in the store with the next batch. */
  count(terms: readonly string[]): void {
    const distinct = new Set(terms);
    distinct.delete('');
    this.add(distinct);
    for (const term of distinct) this.pending.set(term, (this.pending.get(term) ?? 0) + 1);
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
    const batch: TermBatch = { docs: this.pendingDocs, counts: this.pending };
    this.pending = new Map();
    this.pendingDocs = 0;
    // Counted as written before it is, so that a read racing the write never takes this batch for others'.
    this.writtenDocs += batch.docs;
    const write = this.flushing.then(() => this.store.addTermDocs?.(batch));
    this.flushing = write.catch(() => {
      for (const [term, n] of batch.counts) this.pending.set(term, (this.pending.get(term) ?? 0) + n);
      this.pendingDocs += batch.docs;
      this.writtenDocs -= batch.docs;
    });
    return write;
  }

  private forget(): void {
    this.readAt.clear();
    this.forgetTerms();
  }
}

/** This process's counts of a store (one per store). */
export const termStatsOf = perStore((store: TermStatsStore) => new SharedTermStats(store));

/** Writes what this process counted and has not written yet (before a process ends, or a reader must see it). */
export async function flushTermStats(store: TermStatsStore): Promise<void> {
  await termStatsOf(store).flush();
}
