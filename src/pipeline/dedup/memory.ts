// An in-memory dedup index (for `lede dedup`, tests and the bench): fingerprints in one typed-array
// arena, anchors in a PostingTable. Lookup cost is bounded per anchor (newest postings only), so it does
// not grow with the number of articles held.
import type { CopyCandidate } from './detect.ts';
import { PostingTable } from './postings.ts';
import { MAX_ANCHORS, type TextFingerprint } from './fingerprint.ts';

/** Postings read per anchor: an anchor shared by more texts than this is boilerplate, not evidence. */
const POSTINGS_PER_ANCHOR = 48;
/** Postings one lookup can read: fingerprintText keeps at most MAX_ANCHORS anchors. */
const MAX_POSTINGS_READ = MAX_ANCHORS * POSTINGS_PER_ANCHOR;

export class MemoryDedupIndex {
  private arena = new Uint32Array(1 << 16);
  private arenaUsed = 0;
  private offsets = new Int32Array(1 << 12);
  private lengths = new Uint16Array(1 << 12);
  private shingles = new Uint32Array(1 << 12);
  private published = new Float64Array(1 << 12);
  private groups = new Int32Array(1 << 12);
  private count = 0;
  private anchors = new PostingTable();

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.arena.byteLength + this.offsets.byteLength * 2 + this.lengths.byteLength + this.published.byteLength * 1.5 + this.anchors.bytes;
  }

  /** Adds one version's fingerprint under `group` (the article it belongs to); returns its entry number. */
  add(group: number, fp: TextFingerprint, published: number | null): number {
    if (this.count === this.offsets.length) this.growEntries();
    while (this.arenaUsed + fp.sketch.length > this.arena.length) {
      const a = new Uint32Array(this.arena.length * 2); a.set(this.arena); this.arena = a;
    }
    const i = this.count++;
    this.arena.set(fp.sketch, this.arenaUsed);
    this.offsets[i] = this.arenaUsed;
    this.lengths[i] = fp.sketch.length;
    this.arenaUsed += fp.sketch.length;
    this.shingles[i] = fp.shingles;
    this.published[i] = published ?? NaN;
    this.groups[i] = group;
    for (const a of fp.anchors) this.anchors.add(a, i);
    return i;
  }

  /** The fingerprint stored as entry `i` (anchors are not kept: lookups only compare sketches). */
  fingerprint(i: number): TextFingerprint {
    return { shingles: this.shingles[i]!, sketch: this.arena.subarray(this.offsets[i]!, this.offsets[i]! + this.lengths[i]!), anchors: new Uint32Array(0) };
  }

  /** When entry `i`'s text was published (ms), or null. */
  publishedAt(i: number): number | null {
    const p = this.published[i]!;
    return Number.isNaN(p) ? null : p;
  }

  /** Up to `limit` stored fingerprints sharing the most anchors with `fp`. */
  lookup(fp: TextFingerprint, limit: number): CopyCandidate<number>[] {
    return this.mostShared(fp.anchors, limit).map((i) => ({ key: this.groups[i]!, fingerprint: this.fingerprint(i), published: this.publishedAt(i) }));
  }

  // Tallied in reused typed arrays rather than a Map: at a million articles most anchors reach their
  // posting cap, so a lookup counts a thousand or more ids and a Map's hashing and boxing dominated.
  private hits = new Int32Array(MAX_POSTINGS_READ);
  private ranked = new Float64Array(MAX_POSTINGS_READ);

  /** Entries sharing most anchors with `anchors` (ties: the newest first), at most `limit`. */
  private mostShared(anchors: Uint32Array, limit: number): number[] {
    let n = 0;
    const hits = this.hits;
    const push = (id: number) => { hits[n++] = id; };
    for (let k = 0; k < anchors.length && k < MAX_ANCHORS; k++) this.anchors.forEach(anchors[k]!, POSTINGS_PER_ANCHOR, push);
    const ids = hits.subarray(0, n).sort();
    // Each distinct id once, keyed count * 2^32 + id, so one numeric sort ranks by count then id.
    let m = 0;
    for (let i = 0; i < n;) {
      let j = i + 1;
      while (j < n && ids[j] === ids[i]) j++;
      this.ranked[m++] = (j - i) * 2 ** 32 + ids[i]!;
      i = j;
    }
    const ranked = this.ranked.subarray(0, m).sort();
    const out: number[] = [];
    for (let i = m - 1; i >= 0 && out.length < limit; i--) out.push(ranked[i]! % 2 ** 32);
    return out;
  }

  private growEntries(): void {
    const n = this.offsets.length * 2;
    const grow = <T extends Int32Array | Uint16Array | Uint32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n); b.set(a); return b;
    };
    this.offsets = grow(this.offsets, (k) => new Int32Array(k));
    this.lengths = grow(this.lengths, (k) => new Uint16Array(k));
    this.shingles = grow(this.shingles, (k) => new Uint32Array(k));
    this.published = grow(this.published, (k) => new Float64Array(k));
    this.groups = grow(this.groups, (k) => new Int32Array(k));
  }
}
