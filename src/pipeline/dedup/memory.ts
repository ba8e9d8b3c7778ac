// An in-memory dedup index (for `lede dedup`, tests and the bench): fingerprints in one typed-array
// arena, anchors in a PostingTable. Lookup cost is bounded per anchor (newest postings only), so it does
// not grow with the number of articles held.
import type { CopyCandidate } from './detect.ts';
import { PostingTable } from './postings.ts';
import type { TextFingerprint } from './fingerprint.ts';

/** Postings read per anchor: an anchor shared by more texts than this is boilerplate, not evidence. */
const POSTINGS_PER_ANCHOR = 48;

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

  /** Adds one version's fingerprint under `group` (the article it belongs to). */
  add(group: number, fp: TextFingerprint, published: number | null): void {
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
  }

  /** Up to `limit` stored fingerprints sharing the most anchors with `fp`. */
  lookup(fp: TextFingerprint, limit: number): CopyCandidate<number>[] {
    const shared = new Map<number, number>();
    for (const a of fp.anchors) {
      this.anchors.forEach(a, POSTINGS_PER_ANCHOR, (id) => shared.set(id, (shared.get(id) ?? 0) + 1));
    }
    const ranked = [...shared].sort((x, y) => y[1] - x[1] || y[0] - x[0]).slice(0, limit);
    return ranked.map(([i]) => {
      const p = this.published[i]!;
      return {
        key: this.groups[i]!,
        fingerprint: {
          shingles: this.shingles[i]!,
          sketch: this.arena.subarray(this.offsets[i]!, this.offsets[i]! + this.lengths[i]!),
          anchors: new Uint32Array(0),
        },
        published: Number.isNaN(p) ? null : p,
      };
    });
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
