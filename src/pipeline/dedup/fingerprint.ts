// Text fingerprints for near-duplicate detection.
//
// Why not plain MinHash + LSH banding: banding finds pairs of high Jaccard similarity, but a truncated
// copy or a feed summary is a small subset of the article (Jaccard 0.1–0.3) and must still match.
// So each text keeps
//   - a bottom-k sketch (the k smallest shingle hashes — one-permutation MinHash), which estimates both
//     Jaccard and containment (the share of one text's shingles found in the other), exactly when a text
//     has fewer than k shingles;
//   - anchors: the shingle hashes in a fixed 1-in-ANCHOR_RATE sample of hash space. A subset copy carries
//     the same anchors as its original, so anchors are the candidate-lookup keys (the "bands").
import type { TextFingerprint } from '../../domain/placement.ts';
import { foldTypography, forEachWord } from '../normalize/index.ts';

export const SHINGLE_WORDS = 4;
export const SKETCH_SIZE = 128;
const ANCHOR_RATE = 8;
export const MAX_ANCHORS = 96;

export type { TextFingerprint };

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of the word s[start, end). */
function hashWord(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Distinct hashes of the text's word 4-grams (typography folded, case ignored), ascending. */
export function shingleHashes(text: string): Uint32Array {
  // The words hashed where they lie: no string cut out per word.
  const wh: number[] = [];
  forEachWord(foldTypography(text), (s, start, end) => wh.push(hashWord(s, start, end)));
  const n = wh.length;
  if (n === 0) return new Uint32Array(0);
  const count = n < SHINGLE_WORDS ? 1 : n - SHINGLE_WORDS + 1;
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x9e3779b9;
    const end = Math.min(n, i + SHINGLE_WORDS);
    for (let j = i; j < end; j++) h = fmix32((Math.imul(h, 31) + wh[j]!) >>> 0);
    out[i] = h;
  }
  out.sort();
  let u = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[u - 1]) out[u++] = out[i]!;
  return out.slice(0, u);
}

export function fingerprintText(text: string): TextFingerprint {
  const all = shingleHashes(text);
  const sketch = all.slice(0, SKETCH_SIZE);
  // The first MAX_ANCHORS hashes in the sample, taken by a plain loop (a typed array's filter calls a
  // function per hash and builds the whole list before it is cut).
  const picked = new Uint32Array(MAX_ANCHORS);
  let n = 0;
  for (let i = 0; i < all.length && n < MAX_ANCHORS; i++) if (all[i]! % ANCHOR_RATE === 0) picked[n++] = all[i]!;
  // A very short text may have no anchor: its smallest hashes give it some lookup keys at least.
  const anchors = n === 0 ? all.slice(0, 4) : picked.slice(0, n);
  return { shingles: all.length, sketch, anchors };
}

export interface Resemblance {
  /** Estimated share of a's shingles present in b, and of b's in a. */
  aInB: number;
  bInA: number;
  jaccard: number;
  /** Estimated number of shared shingles. */
  shared: number;
  /** Sketch members the estimate rests on (small = unreliable). */
  samples: number;
}

/**
 * Compares two fingerprints on the part of hash space both sketches cover completely (below the
 * smaller of the two sketch maxima), which is a uniform sample of both shingle sets.
 */
export function resemblance(a: TextFingerprint, b: TextFingerprint): Resemblance {
  const A = a.sketch, B = b.sketch;
  const ta = A.length < SKETCH_SIZE ? Infinity : A[A.length - 1]!;
  const tb = B.length < SKETCH_SIZE ? Infinity : B[B.length - 1]!;
  const t = Math.min(ta, tb);
  const na = countUpTo(A, t);
  const nb = countUpTo(B, t);
  if (na === 0 || nb === 0) return { aInB: 0, bInA: 0, jaccard: 0, shared: 0, samples: 0 };
  // This merge runs for every candidate of every lookup: plain compares on the two typed arrays.
  let i = 0, j = 0, ni = 0;
  while (i < na && j < nb) {
    const x = A[i]!, y = B[j]!;
    if (x === y) { ni++; i++; j++; } else if (x < y) i++; else j++;
  }
  const aInB = ni / na;
  const bInA = ni / nb;
  return {
    aInB, bInA,
    jaccard: ni / (na + nb - ni),
    shared: Math.min(aInB * a.shingles, bInA * b.shingles),
    samples: Math.min(na, nb),
  };
}

/** Members of the ascending array `xs` that are ≤ t. */
function countUpTo(xs: Uint32Array, t: number): number {
  if (xs.length === 0 || xs[xs.length - 1]! <= t) return xs.length;
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= t) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export interface CopyRule {
  /** Share of the smaller text that must be found in the other. */
  minContainment: number;
  /** Shingles the two must share at least (a shared sentence fragment is not a copy). */
  minShared: number;
}

export const DEFAULT_COPY_RULE: CopyRule = { minContainment: 0.6, minShared: 12 };

/**
 * Whether two texts are copies of one article: one is (nearly) contained in the other. A text too short
 * to share `minShared` shingles (a headline-only item, a one-line brief) is a copy only when the two
 * are the same words throughout.
 */
export function isCopy(r: Resemblance, rule: CopyRule = DEFAULT_COPY_RULE): boolean {
  if (r.samples < 3) return false;
  if (r.aInB === 1 && r.bInA === 1) return true;
  return Math.max(r.aInB, r.bInA) >= rule.minContainment && r.shared >= rule.minShared;
}

// The stored signature: [u32 shingle count][u32 sketch...], little-endian, opaque to the store.
export function encodeSignature(fp: TextFingerprint): Uint8Array {
  const out = new Uint8Array(4 + fp.sketch.length * 4);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, fp.shingles, true);
  for (let i = 0; i < fp.sketch.length; i++) dv.setUint32(4 + i * 4, fp.sketch[i]!, true);
  return out;
}

export function decodeSignature(sig: Uint8Array): TextFingerprint {
  const dv = new DataView(sig.buffer, sig.byteOffset, sig.byteLength);
  const n = Math.max(0, (sig.byteLength >> 2) - 1);
  const sketch = new Uint32Array(n);
  for (let i = 0; i < n; i++) sketch[i] = dv.getUint32(4 + i * 4, true);
  return { shingles: sig.byteLength >= 4 ? dv.getUint32(0, true) : 0, sketch, anchors: new Uint32Array(0) };
}

export function anchorKeys(fp: TextFingerprint): string[] {
  return Array.from(fp.anchors, (h) => h.toString(36));
}
