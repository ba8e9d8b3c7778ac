// An inverted index from 32-bit keys to integer ids, newest first, in typed arrays.
// Hand-written because a JS Map tops out at 2^24 entries and costs ~80 bytes per entry; the dedup
// index at a million articles holds tens of millions of postings.

export class PostingTable {
  private keys: Uint32Array;
  private heads: Int32Array; // -1 = empty slot
  private counts: Uint32Array;
  private used = 0;
  private ids: Int32Array;
  private next: Int32Array;
  private size = 0;

  constructor(slots = 1 << 16, postings = 1 << 16) {
    this.keys = new Uint32Array(slots);
    this.heads = new Int32Array(slots).fill(-1);
    this.counts = new Uint32Array(slots);
    this.ids = new Int32Array(postings);
    this.next = new Int32Array(postings);
  }

  get postings(): number {
    return this.size;
  }

  get bytes(): number {
    return this.keys.byteLength + this.heads.byteLength + this.counts.byteLength + this.ids.byteLength + this.next.byteLength;
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.heads[i] !== -1 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  add(key: number, id: number): void {
    if ((this.used + 1) * 4 > this.keys.length * 3) this.rehash();
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2); ids.set(this.ids); this.ids = ids;
      const next = new Int32Array(this.next.length * 2); next.set(this.next); this.next = next;
    }
    const s = this.slot(key);
    if (this.heads[s] === -1) { this.keys[s] = key; this.used++; }
    this.ids[this.size] = id;
    this.next[this.size] = this.heads[s]!;
    this.heads[s] = this.size++;
    this.counts[s]!++;
  }

  /** Calls `fn` for the newest `limit` ids under `key`; returns how many ids the key has in all. */
  forEach(key: number, limit: number, fn: (id: number) => void): number {
    const s = this.slot(key);
    let p = this.heads[s]!;
    for (let n = 0; p !== -1 && n < limit; n++) {
      fn(this.ids[p]!);
      p = this.next[p]!;
    }
    return this.heads[s] === -1 ? 0 : this.counts[s]!;
  }

  private rehash(): void {
    const { keys, heads, counts } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.heads = new Int32Array(keys.length * 2).fill(-1);
    this.counts = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (heads[i] === -1) continue;
      const s = this.slot(keys[i]!);
      this.keys[s] = keys[i]!;
      this.heads[s] = heads[i]!;
      this.counts[s] = counts[i]!;
    }
  }
}
