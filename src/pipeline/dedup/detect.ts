// The dedup decision: which earlier article (if any) a new text is a copy of.
import type { CopyCandidate } from '../../domain/placement.ts';
import { isCopy, resemblance, type CopyRule, type Resemblance, type TextFingerprint } from './fingerprint.ts';

export type { CopyCandidate };

export interface CopyMatch<K> {
  key: K;
  resemblance: Resemblance;
}

/**
 * The candidate the text copies: among those passing the copy rule, the one sharing most of the text
 * (highest containment, then Jaccard), ties to the earliest.
 */
export function findCopy<K>(fp: TextFingerprint, candidates: CopyCandidate<K>[], rule?: CopyRule): CopyMatch<K> | null {
  let best: CopyMatch<K> | null = null;
  let bestScore = -1;
  let bestTime = Infinity;
  for (const c of candidates) {
    const r = resemblance(fp, c.fingerprint);
    if (!isCopy(r, rule)) continue;
    const score = Math.max(r.aInB, r.bInA) + r.jaccard;
    const t = c.published ?? Infinity;
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && t < bestTime)) {
      best = { key: c.key, resemblance: r };
      bestScore = score;
      bestTime = t;
    }
  }
  return best;
}

export interface VersionFacts {
  fingerprint: TextFingerprint;
  published: number | null;
}

/**
 * Whether the new version should become the article's canonical text: it is clearly more complete
 * (holds more of the current canonical text than the reverse, and is longer), or equally complete
 * and published earlier (the original publisher).
 */
export function isMoreComplete(next: VersionFacts, current: VersionFacts): boolean {
  const r = resemblance(next.fingerprint, current.fingerprint);
  const nextLen = next.fingerprint.shingles;
  const curLen = current.fingerprint.shingles;
  const sameText = r.aInB >= 0.9 && r.bInA >= 0.9 && Math.abs(nextLen - curLen) <= Math.max(2, 0.03 * curLen);
  if (sameText) {
    return next.published !== null && (current.published === null || next.published < current.published);
  }
  return nextLen > curLen && r.bInA >= r.aInB;
}
