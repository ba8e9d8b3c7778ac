// First-order Viterbi decoding over BIO tags. Greedy left-to-right decoding commits to a tag before it
// has seen the next word's evidence, and it can produce "I-ORG" after "B-PER"; searching over whole
// sequences with the BIO constraint built in fixes both at 7×8 additions per token.
import { TAGS } from './perceptron.ts';

const N = TAGS.length;
/** Index of the "start of sentence" previous state (after the real tags). */
export const START = N;
/** Names of the previous states as the tag features spell them, indexed like TAGS with START last. */
export const PREV_STATES: readonly string[] = [...TAGS, '<s>'];

/** May tag `cur` follow state `prev`? An I- tag only continues an entity of its own type. */
export function allowed(prev: number, cur: number): boolean {
  const t = TAGS[cur]!;
  if (!t.startsWith('I-')) return true;
  return prev === cur || prev === cur - 1; // TAGS lists each B- right before its I-
}

// The same as a table: the decoder asks 49 times per token.
const ALLOWED = new Uint8Array((N + 1) * N);
for (let p = 0; p <= N; p++) for (let k = 0; k < N; k++) ALLOWED[p * N + k] = allowed(p, k) ? 1 : 0;

/**
 * Best tag sequence given emission scores per token and transition scores `trans(i, prev)` (scores of
 * every tag at token i given the previous state; prev is START at i = 0). Returns tag indices.
 */
export function viterbi(em: Float64Array[], trans: (i: number, prev: number) => Float64Array): number[] {
  const n = em.length;
  if (!n) return [];
  const back = new Int8Array(n * N);
  let delta = new Float64Array(N);
  let next = new Float64Array(N);
  const t0 = trans(0, START);
  for (let k = 0; k < N; k++) delta[k] = ALLOWED[START * N + k] ? em[0]![k]! + t0[k]! : -Infinity;
  for (let i = 1; i < n; i++) {
    next.fill(-Infinity);
    for (let p = 0; p < N; p++) {
      const dp = delta[p]!;
      if (dp === -Infinity) continue;
      const tp = trans(i, p);
      for (let k = 0; k < N; k++) {
        if (!ALLOWED[p * N + k]) continue;
        const v = dp + tp[k]!;
        if (v > next[k]!) { next[k] = v; back[i * N + k] = p; }
      }
    }
    const e = em[i]!;
    for (let k = 0; k < N; k++) next[k]! += e[k]!;
    const swap = delta;
    delta = next;
    next = swap;
  }
  let best = 0;
  for (let k = 1; k < N; k++) if (delta[k]! > delta[best]!) best = k;
  const out = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) { out[i] = best; best = back[i * N + best]!; }
  return out;
}

/** The score of one tag sequence under the same emission and transition scores. */
export function pathScore(em: Float64Array[], trans: (i: number, prev: number) => Float64Array, path: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < path.length; i++) s += em[i]![path[i]!]! + trans(i, i ? path[i - 1]! : START)[path[i]!]!;
  return s;
}
