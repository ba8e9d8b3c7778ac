// An inverted index from 32-bit keys to integer ids, newest first, in typed arrays.
// Hand-written because a JS Map tops out at 2^24 entries and costs ~80 bytes per entry; the dedup
// index at a million articles holds tens of millions of postings.
//
// Laid out for the cache, because at a million articles every lookup is a memory miss:
//   - one slot is [key, ref] side by side, so a probe touches one cache line;
//   - most anchors belong to one text only, so a key's first id sits in its slot (no second read);
//   - a key with more ids keeps them in blocks of BLOCK_IDS, newest block first, so reading the newest
//     48 ids touches a handful of blocks, not 48 scattered list nodes.
// Slot refs: EMPTY, an id (>= 0), or a block as -(block + 2).

const EMPTY = -1;
/** Ids per block; a block is [next block or -1, ids used, ...ids] = 8 int32, half a cache line. */
const BLOCK_IDS = 6;
const BLOCK = BLOCK_IDS + 2;

export class PostingTable {
  private slots: Int32Array; // [key, ref] pairs
  private bits: number;
  private used = 0;
  private blocks: Int32Array;
  private blocksUsed = 0;
  private size = 0;

  constructor(slotBits = 16, blocks = 1 << 12) {
    this.bits = slotBits;
    this.slots = new Int32Array(2 << slotBits).fill(EMPTY);
    this.blocks = new Int32Array(blocks * BLOCK);
  }

  get postings(): number {
    return this.size;
  }

  get bytes(): number {
    return this.slots.byteLength + this.blocks.byteLength;
  }

  /** Index (of the key) of the slot holding `key`, or of the empty slot where it belongs. */
  private slot(key: number): number {
    const mask = (1 << this.bits) - 1;
    // Fibonacci hashing keeps the top bits: anchors are multiples of 8, so low bits would collide.
    let i = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
    while (this.slots[2 * i + 1] !== EMPTY && this.slots[2 * i] !== (key | 0)) i = (i + 1) & mask;
    return 2 * i;
  }

  add(key: number, id: number): void {
    if ((this.used + 1) * 4 > 3 << this.bits) this.rehash();
    const s = this.slot(key);
    const ref = this.slots[s + 1]!;
    this.size++;
    if (ref === EMPTY) {
      this.slots[s] = key | 0;
      this.slots[s + 1] = id;
      this.used++;
    } else if (ref >= 0) {
      const b = this.newBlock(-1);
      this.blocks[b + 1] = 2;
      this.blocks[b + 2] = ref;
      this.blocks[b + 3] = id;
      this.slots[s + 1] = -(b / BLOCK + 2);
    } else {
      let b = (-ref - 2) * BLOCK;
      if (this.blocks[b + 1] === BLOCK_IDS) {
        b = this.newBlock(b / BLOCK);
        this.slots[s + 1] = -(b / BLOCK + 2);
      }
      this.blocks[b + 2 + this.blocks[b + 1]!++] = id;
    }
  }

  /** Calls `fn` for the newest `limit` ids under `key`, newest first. */
  forEach(key: number, limit: number, fn: (id: number) => void): void {
    const ref = this.slots[this.slot(key) + 1]!;
    if (ref === EMPTY) return;
    if (ref >= 0) { fn(ref); return; }
    let n = 0;
    for (let b = -ref - 2; b !== -1 && n < limit; b = this.blocks[b * BLOCK]!) {
      const at = b * BLOCK;
      for (let k = this.blocks[at + 1]! - 1; k >= 0 && n < limit; k--, n++) fn(this.blocks[at + 2 + k]!);
    }
  }

  /** Offset of a new empty block whose next block is `next` (-1: none). */
  private newBlock(next: number): number {
    if ((this.blocksUsed + 1) * BLOCK > this.blocks.length) {
      const grown = new Int32Array(this.blocks.length * 2);
      grown.set(this.blocks);
      this.blocks = grown;
    }
    const b = this.blocksUsed++ * BLOCK;
    this.blocks[b] = next;
    this.blocks[b + 1] = 0;
    return b;
  }

  private rehash(): void {
    const old = this.slots;
    this.bits++;
    this.slots = new Int32Array(2 << this.bits).fill(EMPTY);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === EMPTY) continue;
      const s = this.slot(old[i]!);
      this.slots[s] = old[i]!;
      this.slots[s + 1] = old[i + 1]!;
    }
  }
}
