// One article's similarity to each of its candidate stories, as `similarity` (cluster.ts) defines it and
// to the last bit, but cheaper: rank() scores 32 candidates per placement, ~60 look-ups of the article's
// terms in each centroid Map, and those look-ups were the largest part of placement's own JavaScript
// (0.16–0.18 ms per placement at 100k stored: the centroids of 8,192 cached stories are far apart in memory).
//
// How: every term a centroid holds gets a number, and each centroid is kept (once per centroid Map, which
// shared stories never change) as arrays of term numbers and weights. Scoring marks the article's terms in
// one array indexed by term number and walks each centroid's arrays. The products are summed in the
// article's term order, as `similarity` sums them, so every score is the same number.
import type { CentroidView } from './cluster.ts';

/** Past this many numbered terms the numbering starts afresh (memory stays bounded on long runs). */
const MAX_TERMS = 1 << 20;

let numbers = new Map<string, number>();
/** Bumped when the numbering starts afresh: a centroid packed under an older one is packed again. */
let numbering = 0;
/** Term number → 1 + its position in the article being scored; 0 when not in it. Zero between calls. */
let marks = new Int32Array(1 << 16);
/** The products of one story's score, by the article's term position (reused: scoring allocates nothing). */
let products = new Float64Array(64);

// Plain arrays rather than typed ones: a typed array of a centroid's size has its memory outside the heap,
// and allocating (and collecting) two of them per story packed cost more than the scoring they serve.
export interface Packed {
  numbering: number;
  terms: number[];
  weights: number[];
}
const packs = new WeakMap<ReadonlyMap<string, number>, Packed>();

function numberOf(term: string): number {
  let n = numbers.get(term);
  if (n === undefined) numbers.set(term, (n = numbers.size));
  return n;
}

/**
 * Packs a centroid for scoring, if it is not yet. The decoded-story cache calls it as a story comes in,
 * while the centroid's terms are fresh in the CPU's caches: packing a saved story then cost half what it
 * cost at its first scoring, a placement later.
 */
export function packed(centroid: ReadonlyMap<string, number>): Packed {
  const held = packs.get(centroid);
  if (held && held.numbering === numbering) return held;
  const terms: number[] = [];
  const weights: number[] = [];
  centroid.forEach((w, t) => {
    terms.push(numberOf(t));
    weights.push(w);
  });
  const p = { numbering, terms, weights };
  packs.set(centroid, p);
  return p;
}

/** The article vector `v`'s similarity to each of `stories`, in their order. */
export function similarities(v: ReadonlyMap<string, number>, stories: readonly CentroidView[]): number[] {
  if (numbers.size > MAX_TERMS) {
    numbers = new Map();
    numbering++;
  }
  const centroids = stories.map((s) => packed(s.centroid));
  if (marks.length < numbers.size) marks = new Int32Array(Math.max(numbers.size, marks.length * 2));
  if (products.length < v.size) products = new Float64Array(v.size);
  const weights: number[] = [];
  const marked: number[] = [];
  v.forEach((w, t) => {
    // A term no centroid holds has no number: it matches nothing.
    const n = numbers.get(t);
    if (n !== undefined) {
      marks[n] = weights.length + 1;
      marked.push(n);
    }
    weights.push(w);
  });
  const out = stories.map((s, k) => (s.norm ? score(centroids[k]!, weights) / s.norm : 0));
  for (const n of marked) marks[n] = 0;
  return out;
}

// Adding the zero products of the unmatched terms leaves the sum as `similarity`'s: x + 0 is x (the
// weights are positive, so no -0 arises).
function score(c: Packed, weights: readonly number[]): number {
  const n = weights.length;
  products.fill(0, 0, n);
  const terms = c.terms;
  for (let j = 0; j < terms.length; j++) {
    const at = marks[terms[j]!]!;
    if (at !== 0) products[at - 1] = weights[at - 1]! * c.weights[j]!;
  }
  let d = 0;
  for (let i = 0; i < n; i++) d += products[i]!;
  return d;
}
