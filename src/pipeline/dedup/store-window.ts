// The copy lookup of store-backed placement: a process-local MemoryDedupIndex of the store's newest canonical
// fingerprints, caught up from the store's fingerprint log before each lookup.
//
// Why not a lookup in the store: a B-tree row per anchor made every placement write ~24 pages scattered
// over the whole index and walk it 24 times to read them back (a third of a placement's pages at 100k
// stored). In memory the lookup is the one `lede dedup` and the evaluation run.
//
// Why it stays correct with several writers: placement takes a lock on each of its anchors before it
// catches up (placeVersion), so a copy placed at the same moment by another process has committed, and
// is in the log, before this one reads the log. A catch-up asked for while another is running waits for
// a fresh one: rows the running one began reading before this caller's lock was taken may be missing.
import type { ArticleId } from '../../domain/types.ts';
import type { FingerprintLogPage, LogSeen } from '../../domain/pipeline.ts';
import type { CopyCandidate } from './detect.ts';
import { decodeSignature, type TextFingerprint } from './fingerprint.ts';
import { MemoryDedupIndex } from './memory.ts';
import { LogWindow } from '../log-window.ts';
import { perStore } from '../per-store.ts';

/** What the window reads: the store's fingerprint log (PlacementStore.fingerprintsSince). */
export interface FingerprintLog {
  fingerprintsSince(cursor: number | null, newest: number, seen?: LogSeen): Promise<FingerprintLogPage>;
}

/**
 * Canonical fingerprints held: the newest this many when a process starts, twice as many before it starts
 * over from the newest (~115 MiB per 100k held). Copies are republished within days; an older original is
 * still found by its URL or content hash.
 */
export const WINDOW_FINGERPRINTS = 100_000;

export class StoreDedupWindow extends LogWindow<FingerprintLogPage, FingerprintLog> {
  private index = new MemoryDedupIndex();
  /** Per article, the log position of the fingerprint held for it (a row read again is skipped) and its entry. */
  private held = new Map<number, { seq: number; entry: number }>();

  constructor(private readonly windowSize = WINDOW_FINGERPRINTS) {
    super();
  }

  get size(): number {
    return this.index.size;
  }

  /** Holding twice the window, it starts over from the newest (memory stays bounded on a long run). */
  protected dueToStartOver(): boolean {
    return this.index.size > 2 * this.windowSize;
  }

  protected async read(log: FingerprintLog): Promise<void> {
    if (this.dueToStartOver()) this.reset();
    const epoch = this.epoch;
    let page = await log.fingerprintsSince(this.cursor, this.windowSize, this.seen);
    if (this.generation !== null && page.generation !== this.generation) {
      this.reset();
      page = await log.fingerprintsSince(null, this.windowSize);
    } else if (epoch !== this.epoch) return;
    this.take(page);
  }

  protected takeRows(page: FingerprintLogPage): void {
    for (const r of page.rows) {
      if (this.held.get(r.articleId)?.seq === r.seq) continue;
      const sig = decodeSignature(r.signature);
      const fp: TextFingerprint = { ...sig, anchors: Uint32Array.from(r.bands, (b) => parseInt(b, 36)) };
      const published = r.published ? Date.parse(r.published) : NaN;
      this.held.set(r.articleId, { seq: r.seq, entry: this.index.add(r.articleId, fp, Number.isFinite(published) ? published : null) });
    }
  }

  /** Up to `limit` held articles sharing most anchors with `fp` (call catchUp first). */
  lookup(fp: TextFingerprint, limit: number): CopyCandidate<ArticleId>[] {
    return this.index.lookup(fp, limit) as CopyCandidate<ArticleId>[];
  }

  /**
   * The canonical text's fingerprint of a held article, as its latest log row wrote it (every new canonical
   * text is logged), or null when the window does not hold it.
   */
  canonical(article: ArticleId): { fingerprint: TextFingerprint; published: number | null } | null {
    const i = this.held.get(article)?.entry;
    return i === undefined ? null : { fingerprint: this.index.fingerprint(i), published: this.index.publishedAt(i) };
  }

  protected clear(): void {
    this.index = new MemoryDedupIndex();
    this.held.clear();
  }
}

/** This process's window over a store's log (one per store). */
export const dedupWindowOf = perStore((_store: FingerprintLog) => new StoreDedupWindow());
